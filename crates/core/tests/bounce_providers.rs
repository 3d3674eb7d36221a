//! Refusals by the large mailbox providers, worded as they word them now
//! (Gmail's and Yahoo's sender rules of 2024, Outlook.com's of 2025,
//! iCloud, GMX, Proton, Mimecast, Exchange Online, a Spamhaus listing).
//!
//! Each refusal is returned twice: inside a Postfix report with its
//! delivery-status part, and inside an Exim report that has only text
//! (the reply wrapped over indented lines). Both must give the same
//! reason and hard flag, and the status the report gives, or Sisimai's
//! internal one where it gives none. The expected values are the ones
//! Sisimai 5.1.0 gives for the same mails (checked by hand; the mails are
//! written for this test).

use postvakt_core::bounce::{self, Kind, Reason};

/// A refusal: (name, refusing host, recipient's domain, the report's
/// Status field, the reply, reason, hard, the status an Exim text-only
/// report gives).
type Refusal = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Reason,
    bool,
    &'static str,
);

const REFUSALS: &[Refusal] = &[
    (
        "gmail unauthenticated",
        "gmail-smtp-in.l.google.com",
        "gmail.com",
        "5.7.26",
        "550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. Authentication results: DKIM = did not pass SPF [example.net] with ip: [192.0.2.1] = did not pass",
        Reason::AuthFailure,
        false,
        "5.7.26",
    ),
    (
        "gmail dmarc",
        "gmail-smtp-in.l.google.com",
        "gmail.com",
        "5.7.26",
        "550-5.7.26 Unauthenticated email from example.net is not accepted due to domain's DMARC policy. Please contact the administrator of example.net domain if this was a legitimate mail.",
        Reason::AuthFailure,
        false,
        "5.7.26",
    ),
    (
        "gmail ptr",
        "gmail-smtp-in.l.google.com",
        "gmail.com",
        "5.7.25",
        "550-5.7.25 [192.0.2.1] The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP. As a policy, Gmail does not accept messages from IPs with missing PTR records.",
        Reason::RequirePtr,
        false,
        "5.7.25",
    ),
    (
        "gmail rate limited",
        "gmail-smtp-in.l.google.com",
        "gmail.com",
        "4.7.28",
        "421-4.7.28 [192.0.2.1] Gmail has detected an unusual rate of unsolicited mail originating from your SPF domain [example.net]. To protect our users from spam, mail sent from your domain has been temporarily rate limited.",
        Reason::SecurityError,
        false,
        "4.7.28",
    ),
    (
        "gmail spam",
        "gmail-smtp-in.l.google.com",
        "gmail.com",
        "5.7.1",
        "550-5.7.1 [192.0.2.1] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked.",
        Reason::SpamDetected,
        false,
        "5.7.1",
    ),
    (
        "gmail inbox full",
        "gmail-smtp-in.l.google.com",
        "gmail.com",
        "5.2.2",
        "552-5.2.2 The recipient's inbox is out of storage space and inactive. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm",
        Reason::MailboxFull,
        false,
        "5.2.2",
    ),
    (
        "gmail receiving too fast",
        "gmail-smtp-in.l.google.com",
        "gmail.com",
        "4.2.1",
        "450-4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered. Please resend your message at a later time.",
        Reason::Speeding,
        false,
        "4.2.1",
    ),
    (
        "outlook.com authentication level",
        "outlook-com.olc.protection.outlook.com",
        "outlook.com",
        "5.7.515",
        "550 5.7.515 Access denied, sending domain example.net doesn't meet the required authentication level. The sender's domain in the 5322.From address doesn't meet the authentication requirements defined for the sender.",
        Reason::SecurityError,
        false,
        "5.7.515",
    ),
    (
        "outlook.com reputation",
        "hotmail-com.olc.protection.outlook.com",
        "hotmail.com",
        "4.7.650",
        "451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation.",
        Reason::BadReputation,
        false,
        "4.7.650",
    ),
    (
        "outlook.com block list",
        "hotmail-com.olc.protection.outlook.com",
        "hotmail.com",
        "5.7.1",
        "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140).",
        Reason::Blocked,
        false,
        "5.7.1",
    ),
    (
        "exchange online directory",
        "example-org.mail.protection.outlook.com",
        "example.org",
        "5.4.1",
        "550 5.4.1 Recipient address rejected: Access denied. For more information see https://aka.ms/EXOSmtpErrors [AM0PR01MB1234.eurprd01.prod.exchangelabs.com]",
        Reason::UserUnknown,
        true,
        "5.4.1",
    ),
    (
        "yahoo deferred",
        "mta7.am0.yahoodns.net",
        "yahoo.com",
        "4.7.0",
        "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
        Reason::Rejected,
        false,
        "4.7.0",
    ),
    (
        "yahoo permanently deferred",
        "mta7.am0.yahoodns.net",
        "yahoo.com",
        "5.7.9",
        "553 5.7.2 [TSS09] All messages from 192.0.2.1 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes",
        Reason::Rejected,
        false,
        "5.7.2",
    ),
    (
        "yahoo policy",
        "mta7.am0.yahoodns.net",
        "yahoo.com",
        "5.7.9",
        "554 5.7.9 Message not accepted for policy reasons. See https://postmaster.yahooinc.com/error-codes",
        Reason::PolicyViolation,
        false,
        "5.7.9",
    ),
    (
        "icloud policy",
        "mx01.mail.icloud.com",
        "icloud.com",
        "5.7.1",
        "554 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137",
        Reason::PolicyViolation,
        false,
        "5.7.1",
    ),
    (
        "icloud unknown user",
        "mx01.mail.icloud.com",
        "icloud.com",
        "5.1.1",
        "550 5.1.1 <kari@icloud.com>: user does not exist",
        Reason::UserUnknown,
        true,
        "5.1.1",
    ),
    (
        "gmx no ptr",
        "mx00.gmx.net",
        "gmx.de",
        "5.7.0",
        "554-gmx.net (mxgmx117) Nemesis ESMTP Service not available 554-No SMTP service 554-Bad DNS PTR resource record. 554 For explanation visit https://www.gmx.net/mail/senderguidelines?c=bl",
        Reason::RequirePtr,
        false,
        "5.0.973",
    ),
    (
        "proton unknown user",
        "mail.protonmail.ch",
        "proton.me",
        "5.1.1",
        "550 5.1.1 Address does not exist",
        Reason::UserUnknown,
        true,
        "5.1.1",
    ),
    (
        "mimecast envelope blocked",
        "eu-smtp-inbound-1.mimecast.com",
        "example.co.uk",
        "5.7.1",
        "550 Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369#550 [AbCdEf.uk123]",
        Reason::Rejected,
        false,
        "5.0.918",
    ),
    (
        "spamhaus listing",
        "mx.example.org",
        "example.org",
        "5.7.1",
        "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1",
        Reason::Blocked,
        false,
        "5.7.1",
    ),
];

/// Postfix's report: the reply in the text and in the delivery-status
/// part's Diagnostic-Code.
fn postfix(host: &str, domain: &str, status: &str, reply: &str) -> String {
    format!(
        "From: MAILER-DAEMON@mail.example.net (Mail Delivery System)\n\
         To: per@example.net\n\
         Subject: Undelivered Mail Returned to Sender\n\
         Message-ID: <report@mail.example.net>\n\
         MIME-Version: 1.0\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\
         \n\
         --B\n\
         Content-Type: text/plain; charset=us-ascii\n\
         \n\
         This is the mail system at host mail.example.net.\n\
         \n\
         I'm sorry to have to inform you that your message could not\n\
         be delivered to one or more recipients. It's attached below.\n\
         \n\
         <kari@{domain}>: host {host}[203.0.113.5] said: {reply} (in reply to RCPT TO\n    command)\n\
         \n\
         --B\n\
         Content-Type: message/delivery-status\n\
         \n\
         Reporting-MTA: dns; mail.example.net\n\
         \n\
         Final-Recipient: rfc822; kari@{domain}\n\
         Action: failed\n\
         Status: {status}\n\
         Remote-MTA: dns; {host}\n\
         Diagnostic-Code: smtp; {reply}\n\
         \n\
         --B\n\
         Content-Type: text/rfc822-headers\n\
         \n\
         {original}\
         \n\
         --B--\n",
        original = original(domain)
    )
}

/// The returned message's header section.
fn original(domain: &str) -> String {
    format!(
        "From: per@example.net\n\
         To: kari@{domain}\n\
         Subject: Hei\n\
         Message-ID: <original@example.net>\n"
    )
}

/// Exim's report: text only, the reply wrapped over indented lines.
fn exim(host: &str, domain: &str, reply: &str) -> String {
    let mut wrapped = String::new();
    let mut line = String::new();
    for word in reply.split(' ') {
        if !line.is_empty() && line.len() + 1 + word.len() > 70 {
            wrapped.push_str(&format!("    {line}\n"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    wrapped.push_str(&format!("    {line}\n"));
    format!(
        "From: Mail Delivery System <Mailer-Daemon@mail.example.net>\n\
         To: per@example.net\n\
         Subject: Mail delivery failed: returning message to sender\n\
         Message-Id: <E1report@mail.example.net>\n\
         \n\
         This message was created automatically by mail delivery software.\n\
         \n\
         A message that you sent could not be delivered to one or more of its\n\
         recipients. This is a permanent error. The following address(es) failed:\n\
         \n  kari@{domain}\n    host {host} [203.0.113.5]\n\
         \x20   SMTP error from remote mail server after RCPT TO:<kari@{domain}>:\n\
         {wrapped}\n\
         ------ This is a copy of the message, including all the headers. ------\n\
         \n\
         {original}\
         \n\
         Hei!\n",
        original = original(domain)
    )
}

/// The first words of a reply after its codes.
fn words_of(reply: &str) -> &str {
    let rest = reply.split_once(' ').map_or("", |(_, r)| r);
    let rest = match rest.split_once(' ') {
        Some((status, r)) if status.starts_with(|c: char| c.is_ascii_digit()) => r,
        _ => rest,
    };
    &rest[..rest.len().min(30)]
}

#[test]
fn providers_refusals_give_their_reasons_in_either_kind_of_report() {
    for &(name, host, domain, status, reply, reason, hard, text_status) in REFUSALS {
        let code = &reply[..3];
        for (kind, mail, want_status) in [
            ("postfix", postfix(host, domain, status, reply), status),
            ("exim", exim(host, domain, reply), text_status),
        ] {
            let got = bounce::parse(mail.as_bytes()).expect("a mail");
            assert_eq!(got.kind, Kind::Delivery, "{name} ({kind})");
            let [r] = got.records.as_slice() else {
                panic!("{name} ({kind}): {:?}", got.records)
            };
            let seen = (
                r.recipient.as_str(),
                r.status.as_str(),
                r.reply.as_str(),
                r.reason,
                r.hard,
            );
            let want = (format!("kari@{domain}"), want_status, code, reason, hard);
            assert_eq!(
                seen,
                (want.0.as_str(), want.1, want.2, want.3, want.4),
                "{name} ({kind}): {}",
                r.diagnostic
            );
            assert!(
                r.diagnostic.contains(words_of(reply)),
                "{name} ({kind}) shows the server's words: {}",
                r.diagnostic
            );
            if kind == "exim" {
                // The reply joined into one line, under the line that
                // names the host: no record's name first, and the codes
                // said once.
                assert!(
                    r.diagnostic.starts_with("host "),
                    "{name}: {}",
                    r.diagnostic
                );
                assert_eq!(
                    r.diagnostic.matches(code).count(),
                    reply.matches(&format!("{code} ")).count().max(1),
                    "{name}: {}",
                    r.diagnostic
                );
            }
            assert_eq!(r.message_id, "original@example.net", "{name} ({kind})");
        }
    }
}
