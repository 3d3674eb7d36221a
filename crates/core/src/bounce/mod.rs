//! Bounce intelligence: what a returned mail says, per recipient, and what
//! the user should do about it.
//!
//! [`parse`] takes one raw RFC 5322 message and returns a [`Bounce`]: whether
//! it is a delivery failure, an abuse feedback report or an auto-reply, and
//! one [`Record`] per bounced recipient with the enhanced status code, the
//! SMTP reply, a [`Reason`] and whether the failure is permanent for that
//! address. [`advice`] turns a reason into a short explanation and next step.
//!
//! How a mail is read, in order:
//! 1. `mime` walks the MIME tree once, borrowing from the raw bytes, and
//!    sorts the parts: human-readable text, RFC 3464 delivery-status
//!    fields, an RFC 5965 feedback report, and the returned original's
//!    header section (its body is skipped). `fields` and `decode` turn
//!    what is kept into text, with `mail-parser` for what is not plain.
//! 2. `dsn` reads delivery-status fields; `body` scrapes the text that
//!    MTAs write for people (about half of real bounces have nothing else).
//! 3. [`codes`] finds status and reply codes in free text; [`reason`]
//!    classifies: fixed messages of MTAs first, then the refusing
//!    provider's own codes and wordings, then the language-neutral codes
//!    and the phrase tables in `data/bounce/`.
//!
//! Work is bounded: only the first [`MAX_INPUT`] bytes are read, texts are
//! cut to a fixed size before matching, and MIME nesting is followed to a
//! fixed depth.

pub mod advice;
mod arf;
mod body;
mod bytes;
pub mod codes;
mod decode;
mod dsn;
mod fields;
mod html;
mod mime;
mod outlook;
pub mod reason;
mod ses;
mod shown;
mod wording;

use serde::{Deserialize, Serialize};

use crate::lang::{Lang, Text};
pub use reason::Reason;

/// The most bytes of a message that are read. Everything a bounce says about
/// its recipients comes before the returned original, which may be large.
pub const MAX_INPUT: usize = 2 * 1024 * 1024;

/// The most records one mail yields (a bounce to a big list stays bounded).
pub const MAX_RECORDS: usize = 500;

/// What kind of mail was parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kind {
    /// An ordinary mail: no records.
    NotABounce,
    /// A delivery status notification (failed, delayed or, rarely, delivered).
    Delivery,
    /// An abuse or complaint feedback report (RFC 5965 and look-alikes).
    Feedback,
    /// An automatic reply such as an out-of-office message (RFC 3834).
    AutoReply,
}

/// One parsed mail: its kind and one record per bounced recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bounce {
    /// What the mail is. [`Kind::NotABounce`] always has no records.
    pub kind: Kind,
    /// One per recipient, in the order the mail lists them.
    pub records: Vec<Record>,
}

impl Bounce {
    /// True when the mail is a bounce, report or auto-reply with records.
    pub fn is_bounce(&self) -> bool {
        self.kind != Kind::NotABounce && !self.records.is_empty()
    }

    /// True for a delay warning: a delivery report whose every recipient is
    /// still being tried (`action` "delayed"). Nothing has failed yet, so a
    /// summary must not say that delivery failed.
    pub fn is_delay_warning(&self) -> bool {
        self.kind == Kind::Delivery
            && !self.records.is_empty()
            && self.records.iter().all(|r| r.action == "delayed")
    }
}

/// What happened to one recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The bounced address, lower-case domain, or "" when the mail names none.
    pub recipient: String,
    /// Enhanced status code (RFC 3463), e.g. `5.1.1`. When the mail gives
    /// none, an internal `5.0.9xx`/`4.0.9xx` code for the reason (the same
    /// ones Sisimai uses); "" for feedback reports and auto-replies.
    pub status: String,
    /// The SMTP reply code, e.g. `550`, or "".
    pub reply: String,
    /// Why the mail was not delivered.
    pub reason: Reason,
    /// True when the failure is permanent for this address: sending again
    /// will fail the same way.
    pub hard: bool,
    /// The RFC 3464 action (`failed`, `delayed`, `delivered` …) or "".
    pub action: String,
    /// The receiving server's own words, on one line.
    pub diagnostic: String,
    /// The server that refused the mail, when the mail says.
    pub remote_mta: String,
    /// The SMTP command the failure answered (`RCPT`, `DATA` …) or "".
    pub smtp_command: String,
    /// For feedback reports: `abuse`, `fraud`, `virus` …; otherwise "".
    pub feedback_type: String,
    /// The original message's Message-ID, without angle brackets, or "".
    pub message_id: String,
    /// The original message's sender address, or "".
    pub sender: String,
    /// The original message's subject, or "".
    pub subject: String,
}

impl Record {
    /// A record of `reason` for `recipient`, every other field empty: the
    /// start of the records that are no delivery failure.
    fn of(recipient: String, reason: Reason) -> Record {
        Record {
            recipient,
            status: String::new(),
            reply: String::new(),
            reason,
            hard: false,
            action: String::new(),
            diagnostic: String::new(),
            remote_mta: String::new(),
            smtp_command: String::new(),
            feedback_type: String::new(),
            message_id: String::new(),
            sender: String::new(),
            subject: String::new(),
        }
    }

    /// The record of a feedback report about `recipient`, of the type the
    /// report gives, or `other` (RFC 5965's type for the rest) when it
    /// gives none.
    fn feedback(recipient: String, feedback_type: &str) -> Record {
        let feedback_type = if feedback_type.is_empty() {
            "other"
        } else {
            feedback_type
        };
        Record {
            feedback_type: feedback_type.to_string(),
            ..Record::of(recipient, Reason::Feedback)
        }
    }
}

/// Why a message could not be parsed at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BounceError {
    /// The input is empty.
    #[error("the input is empty")]
    Empty,
    /// The input has no header section: it is not a mail.
    #[error("the input is not a mail message (no headers found)")]
    NotMail,
}

const ERR_EMPTY: Text = Text {
    en: "The file is empty.",
    nb: "Filen er tom.",
    sv: "Filen är tom.",
    da: "Filen er tom.",
};
const ERR_NOT_MAIL: Text = Text {
    en: "This is not an e-mail message.",
    nb: "Dette er ikke en e-postmelding.",
    sv: "Detta är inte ett e-postmeddelande.",
    da: "Dette er ikke en e-mail.",
};

impl BounceError {
    /// The stable code: `empty` or `not_mail`.
    pub fn code(&self) -> &'static str {
        match self {
            BounceError::Empty => "empty",
            BounceError::NotMail => "not_mail",
        }
    }

    /// The message for a user, in `lang`.
    pub fn message(&self, lang: Lang) -> &'static str {
        match self {
            BounceError::Empty => ERR_EMPTY.get(lang),
            BounceError::NotMail => ERR_NOT_MAIL.get(lang),
        }
    }
}

/// Parses one raw message. Never panics; reads at most [`MAX_INPUT`] bytes.
///
/// A mail that is not a bounce gives `Ok` with [`Kind::NotABounce`] and no
/// records; only input that is not a mail at all is an error.
pub fn parse(raw: &[u8]) -> Result<Bounce, BounceError> {
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(BounceError::Empty);
    }
    parse_mail(&raw[..raw.len().min(MAX_INPUT)], 0, Form::Stored)
}

/// Step 1 of [`parse`] alone: reads `raw`'s MIME tree as [`parse`] does
/// (fields, parts, texts decoded, the returned original's header section)
/// and judges nothing. True when `raw` has a header section. Not for
/// callers: the bounce benchmark times it beside [`parse`], to show how the
/// time splits between reading a mail and judging it.
#[doc(hidden)]
pub fn read_only(raw: &[u8]) -> bool {
    mime::Mail::read(&raw[..raw.len().min(MAX_INPUT)]).is_some()
}

/// What a mail given to [`parse_mail`] is a form of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// The mail as stored: its header section and parts as sent.
    Stored,
    /// Made from what a mail program shows of a report ([`shown`]): its
    /// text, or a forward's. The delivery-status fields and the session's
    /// lines around the server's words are mostly not copied, so what is
    /// missing there says nothing ([`body::Hint::shown`]).
    Shown,
}

/// How many forwards deep [`parse`] looks for the report a person
/// forwarded (a forward of a forward is common; more is not).
const MAX_FORWARDS: usize = 2;

/// [`parse`] of a mail that is `forwards` deep in a person's forwards.
fn parse_mail(raw: &[u8], forwards: usize, form: Form) -> Result<Bounce, BounceError> {
    let mail = mime::Mail::read(raw).ok_or(BounceError::NotMail)?;
    // A person who forwards a report as an attachment ("Fwd: Mail delivery
    // failed", often to support) sends the report whole: it is read as it
    // came, with its own sender, text and returned original, not through
    // the forward's words.
    if forwards < MAX_FORWARDS
        && let Some(inner) = mail.forwarded()
        && let Ok(bounce) = parse_mail(inner, forwards + 1, Form::Stored)
        && bounce.is_bounce()
    {
        return Ok(bounce);
    }
    let ses = if mail.dsn.is_empty() && mail.feedback.is_none() {
        ses::records(mail.report_text())
    } else {
        None
    };
    let (kind, mut records) = if let Some(found) = ses {
        found
    } else if let Some(report) = &mail.feedback {
        (Kind::Feedback, arf::records(report, &mail))
    } else if mail.complaint_source().is_some() {
        (
            Kind::Feedback,
            arf::records("Feedback-Type: abuse\n", &mail),
        )
    } else if mail.is_unsubscribe_request() {
        (
            Kind::Feedback,
            arf::records("Feedback-Type: opt-out\n", &mail),
        )
    } else if mail.looks_like_bounce() {
        let records = delivery_records(&mail, form);
        // A notice from a system sender that only its sender makes look
        // like a report: about the addressee's own mailbox ("Your mailbox
        // is almost full"; a report names someone else), or naming other
        // addresses in words that say nothing failed ("Welcome to the
        // list: write to list@…").
        let only_the_addressee = || {
            records
                .iter()
                .all(|r| r.recipient.eq_ignore_ascii_case(&mail.to))
        };
        let gives_a_cause =
            || mail.attaches_message() || records.iter().any(|r| says_why(r.reason));
        if mail.only_sender_says_bounce() && (only_the_addressee() || !gives_a_cause()) {
            (Kind::NotABounce, Vec::new())
        } else {
            (Kind::Delivery, records)
        }
    } else if mail.is_auto_reply() {
        (Kind::AutoReply, vec![auto_reply_record(&mail)])
    } else {
        (Kind::NotABounce, Vec::new())
    };
    records.truncate(MAX_RECORDS);
    // The returned original's fields, where the records have none of their
    // own (an SES notification names the sent message itself).
    let original = mail.original();
    for r in &mut records {
        original.fill(r);
    }
    let kind = if records.is_empty() {
        Kind::NotABounce
    } else {
        kind
    };
    Ok(Bounce { kind, records })
}

/// Parses a mail as a file holds it: a message, as [`parse`] does, or an
/// Outlook item (a `.msg` file), which is how Outlook on Windows saves a
/// mail, read by its received header fields, its text and, for a report,
/// the failed recipients beside the server's words. An item that cannot be
/// read is no mail ([`BounceError::NotMail`]).
pub fn parse_saved(raw: &[u8]) -> Result<Bounce, BounceError> {
    if is_outlook_item(raw) {
        let mail = outlook::as_mail(raw).ok_or(BounceError::NotMail)?;
        return parse(&mail);
    }
    parse(raw)
}

/// The most bytes of an Outlook item [`parse_saved`] reads.
pub const MAX_SAVED_ITEM: usize = outlook::MAX_ITEM;

/// True when `raw` is an Outlook item (an OLE compound file, as a `.msg`
/// is), which [`parse_saved`] reads and which is no mail to split or
/// decode as text.
pub fn is_outlook_item(raw: &[u8]) -> bool {
    outlook::is_item(raw)
}

/// Parses what a person pastes into a form that explains bounces: a whole
/// mail, or a returned mail as a mail program shows it:
///
/// - its text without the header section (what is copied out of the
///   message window), read as the mail system wrote it, as if from
///   `MAILER-DAEMON`: its own words must still tell of a failure, so a
///   person's text gives no records;
/// - a returned mail forwarded, its header fields written into the text in
///   the reader's language ("-----Opprinnelig melding----- / Fra: … /
///   Emne: Kan ikke leveres: …"), read with those fields;
/// - a returned mail Outlook saved (a `.msg` file), read as
///   [`parse_saved`] reads it;
/// - any of these quoted in a reply, every line after a `>`, read without
///   the quotation marks;
/// - only the server's answer, copied out of a report or a mail program's
///   error window ("552 5.2.2 … over quota", or its words alone in a line
///   or two: "Relay access denied"), or a report's heading or title that
///   names no one: it gives one record whose `recipient` is empty, when it
///   holds a reply code with its status code, its words give a cause, it
///   starts with a code and says the server refused ("550 Your message has
///   been rejected"), or it is worded as a report (then the reason is
///   `undefined`). A line that only starts with a code ("500 kroner"), or
///   a person's line with no cause in its words, gives none.
///
/// [`parse`] is for mail as stored; a text without headers is an error
/// there ([`BounceError::NotMail`]).
pub fn parse_shown(raw: &[u8]) -> Result<Bounce, BounceError> {
    if is_outlook_item(raw) {
        return parse_saved(raw);
    }
    let raw = &raw[..raw.len().min(MAX_INPUT)];
    // A report quoted in a reply is read as it was before the quoting.
    let unquoted = shown::unquoted(raw);
    let raw = unquoted.as_deref().unwrap_or(raw);
    let parsed = parse(raw);
    // A text whose first line has a header field's form ("kari@example.org:
    // User unknown") is no mail either.
    let no_mail = match &parsed {
        Err(BounceError::NotMail) => true,
        Ok(b) => !b.is_bounce() && !shown::has_mail_fields(raw),
        Err(_) => false,
    };
    if no_mail || parsed.as_ref().is_ok_and(|b| !b.is_bounce()) {
        if let Some(mail) = shown::forwarded(raw) {
            let again = parse_mail(&mail, 0, Form::Shown);
            if again.as_ref().is_ok_and(Bounce::is_bounce) {
                return again;
            }
        }
        if no_mail {
            let report = shown::as_report(raw);
            let read = parse_mail(&report, 0, Form::Shown);
            if read.as_ref().is_ok_and(|b| !b.is_bounce())
                && let Some(alone) = answer_alone(&report)
            {
                return Ok(alone);
            }
            return read;
        }
    }
    parsed
}

/// A server's answer pasted on its own, without the recipient it was about
/// ("552 5.2.2 The email account that you tried to reach is over quota",
/// or without codes, "Domain not found"): what a person copies out of a
/// report, or out of the error window of a mail program. One record, for a
/// recipient the text does not name.
///
/// A report's heading or title that names no one counts too: with a cause
/// in its words ("Your message wasn't delivered to anyone because it's too
/// large") the record gives it, and without one ("Undelivered Mail
/// Returned to Sender"; the first paragraph of Postfix's report) the
/// record says the reason is not known, as for a named recipient, and the
/// advice is to quote the whole error to support. Such a text is a part of
/// a report, not "no bounce".
fn answer_alone(report: &[u8]) -> Option<Bounce> {
    let mail = mime::Mail::read(report)?;
    let text = mail.report_part();
    let answer = shown::server_answer(text);
    let heading = shown::report_title(text).is_some() || wording::text_says_bounce(text);
    if answer.is_none() && !heading {
        return None;
    }
    let alone = body::whole_text(text);
    let hint = body::Hint {
        shown: true,
        ..body::mail_hint(mail.report_part_cased().lower, &mail.subject)
    };
    let record = reason::finish(alone, hint);
    if answer == Some(shown::Answer::Worded) && !heading {
        // Words alone answer only when the words give the cause: a code
        // inside a person's sentence ("Versjon 5.1.2 er ute") is none, and
        // an absence noted ("I am away until Monday") is a person's words,
        // not a server's.
        let words = reason::phrases::scan(&reason::phrases::lower(text), 0);
        if words.is_empty() || record.reason == Reason::Vacation {
            return None;
        }
    }
    let answers = matches!(answer, Some(shown::Answer::Coded | shown::Answer::Refused));
    (answers || heading || says_why(record.reason)).then(|| Bounce {
        kind: Kind::Delivery,
        records: vec![record],
    })
}

/// Records of a delivery status notification: the DSN fields where there
/// are any, the scraped body for what they lack, and the classifier last.
fn delivery_records(mail: &mime::Mail, form: Form) -> Vec<Record> {
    let mut found: Vec<dsn::Recipient> = mail.dsn.iter().flat_map(|d| dsn::recipients(d)).collect();
    if mail.dsn.is_empty() {
        // Some MTAs write the delivery-status fields into the text itself.
        let report = mail.report_cased();
        if let Some(fields) = dsn::embedded(report.text, report.lower) {
            found = dsn::recipients(fields);
        }
    }
    found.retain(|r| !r.recipient.is_empty() || !r.diagnostic.is_empty());
    let not_recipients = mail.not_recipients();
    // What the fields name is a recipient even where it looks like a
    // system address (a failure to reach postmaster@ of a domain).
    let named: Vec<String> = found
        .iter()
        .map(|r| r.recipient.to_ascii_lowercase())
        .collect();
    let mut scraped = body::scrape(mail.report_part_cased(), &not_recipients, &named);
    if let [only] = scraped.as_mut_slice()
        && let [failed] = mail.failed_recipients().as_slice()
        && not_recipients.contains(&only.recipient.to_ascii_lowercase())
    {
        // The text names only the sender's own address (a list's notice
        // greets the sender by it); the header names who failed.
        only.recipient.clone_from(failed);
    }
    if found.is_empty() {
        found = scraped.iter().map(body::Scraped::to_recipient).collect();
    } else {
        for r in &mut found {
            if let Some(s) = scraped
                .iter()
                .find(|s| s.recipient.eq_ignore_ascii_case(&r.recipient))
            {
                r.fill_from(s);
            } else if found_len_one(&scraped) {
                // One recipient in the DSN, one in the text under another
                // name (an alias): the text still describes the failure.
                r.fill_from(&scraped[0]);
            }
        }
        if found.iter().any(|r| r.smtp_command.is_empty()) {
            // The fields' reply, found in Sendmail's transcript of the
            // session, under the command it answered.
            let transcript = body::Transcript::read(mail.report_part());
            for r in found.iter_mut().filter(|r| r.smtp_command.is_empty()) {
                if let Some(command) = transcript.command(&r.diagnostic) {
                    command.clone_into(&mut r.smtp_command);
                }
            }
        }
        if let [only] = found.as_mut_slice()
            && scraped.is_empty()
            && only.says_little()
        {
            // One recipient, fields that say little ("X-Unix; 255"), and
            // a text that names it only as what it was expanded from: a
            // text with a reply in it is still all about it. Where the
            // fields' words are a program's exit status and nothing else
            // (Sendmail's "X-Unix; 71"), the reply in the text is what a
            // user is shown ("451 4.0.0 Operating system error").
            let whole = body::whole_text(mail.report_part());
            if codes::find_reply(&whole.diagnostic, None).is_some() {
                if !only.diagnostic.is_empty()
                    && only.diagnostic.bytes().all(|b| b.is_ascii_digit())
                {
                    only.answer = whole.answer;
                }
                only.context = whole.diagnostic;
            }
        }
    }
    if found.is_empty() {
        // No recipient named anywhere in the report: fall back to the
        // headers that say who it was for.
        let mut fallback = mail.fallback_recipients();
        if fallback.is_empty() {
            fallback = body::aliases(mail.report_part());
        }
        if fallback.is_empty() {
            fallback = body::bare_recipients(mail.report_part(), &mail.from);
        }
        if fallback.is_empty() && mail.is_delivery_report() {
            // A delivery report by its structure that names no recipient
            // at all is still a report of a failure: one record, unnamed,
            // carries its words, its reason and the advice.
            fallback.push(String::new());
        }
        if !fallback.is_empty() {
            let whole = body::whole_text(mail.report_part());
            for addr in fallback {
                found.push(dsn::Recipient {
                    recipient: addr,
                    ..whole.clone()
                });
            }
        }
    }
    if found.len() > 1 {
        let mut seen = std::collections::HashSet::new();
        found.retain(|r| seen.insert(r.recipient.to_ascii_lowercase()) || r.recipient.is_empty());
    }
    // Whether the mail is a delay warning matters only to the records its
    // fields give no action: most delivery-status parts give one.
    let mut hint = if found.iter().any(|r| r.action.is_empty()) {
        body::mail_hint(mail.report_part_cased().lower, &mail.subject)
    } else {
        body::Hint::default()
    };
    hint.lhosts = reason::phrases::detect_lhosts(&|name| mail.header(name));
    hint.shown = form == Form::Shown;
    found.into_iter().map(|r| reason::finish(r, hint)).collect()
}

/// True for a reason the words of a report gave: not the "on hold" and
/// "undefined" of a text that names no cause.
fn says_why(reason: Reason) -> bool {
    !matches!(reason, Reason::OnHold | Reason::Undefined)
}

fn found_len_one(s: &[body::Scraped]) -> bool {
    s.len() == 1
}

/// The single record of an automatic reply.
fn auto_reply_record(mail: &mime::Mail) -> Record {
    Record {
        diagnostic: body::one_line(mail.report_text(), 400),
        ..Record::of(mail.from.clone(), Reason::Vacation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_pasted_without_headers_is_read_as_the_mail_systems() {
        let shown = "Delivery has failed to these recipients or groups:\n\n\
                     per@example.com\n\
                     The email address you entered couldn't be found.\n\n\
                     Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; \
                     Recipient not found by SMTP address lookup'\n";
        assert_eq!(parse(shown.as_bytes()), Err(BounceError::NotMail));
        let got = parse_shown(shown.as_bytes()).expect("read as a report");
        assert_eq!(got.kind, Kind::Delivery);
        assert_eq!(got.records.len(), 1);
        assert_eq!(got.records[0].recipient, "per@example.com");
        assert_eq!(got.records[0].reason, Reason::UserUnknown);

        // A person's text names an address and no failure: no records.
        let note = "Hei Kari,\n\nskriver til deg på kari@example.org som avtalt.\n\nOla\n";
        assert_eq!(
            parse_shown(note.as_bytes()).map(|b| b.kind),
            Ok(Kind::NotABounce)
        );

        // A server's answer copied on its own names no recipient: one
        // record for an unnamed one, when its codes or words say why, or
        // when it starts with a code and says the server refused (then,
        // with no cause, the advice is to quote it to support).
        for (answer, cause_given) in [
            (
                "552 5.2.2 The email account that you tried to reach is over quota.",
                true,
            ),
            (
                "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound'",
                true,
            ),
            ("5.1.1 User unknown", true),
            ("550 Your message has been rejected", false),
            ("554 Transaction failed\n", false),
            ("5.0.0 Message refused by the receiving server.", false),
        ] {
            let got = shown_record(answer);
            assert_eq!(got.recipient, "", "{answer}");
            assert_eq!(got.diagnostic, answer.trim_end());
            let step = advice::advice(got.reason, Lang::En).step;
            assert_eq!(
                step == advice::Step::ContactSupport,
                !cause_given,
                "{answer}"
            );
        }
        let full = parse_shown(b"552 5.2.2 Mailbox full\n").expect("an answer");
        assert_eq!(full.records[0].reason, Reason::MailboxFull);
        // Office 365's heading names no one either.
        assert_eq!(
            shown_one(
                "Your message wasn't delivered to anyone because it's too large. \
                       The limit is 35 MB. Your message is 48 MB.\n"
            ),
            (String::new(), Reason::MesgTooBig, false)
        );
        // Numbers in a person's words are no answer.
        shown_no_bounce(&[
            "500 kroner for billetten, takk.\n",
            "Prisen er 550 kr.\n",
            "Versjon 5.1.2 er ute.\n",
            "500 kroner ble avvist av banken.\n",
        ]);

        // A whole mail is read as it is; nothing is no mail either way.
        let mail = b"From: Ola <ola@example.net>\r\nSubject: Hei\r\n\r\nHei!\r\n";
        assert_eq!(parse_shown(mail), parse(mail));
        assert_eq!(parse_shown(b" \n"), Err(BounceError::Empty));

        // A returned mail forwarded, as Outlook shows it in Norwegian.
        let forwarded = "-----Opprinnelig melding-----\n\
                         Fra: Microsoft Outlook <postmaster@example.onmicrosoft.com>\n\
                         Sendt: søndag 6. desember 2026 12:00\n\
                         Til: Ola Nordmann <ola@example.net>\n\
                         Emne: Kan ikke leveres: Tilbud\n\n\
                         Leveringen mislyktes til disse mottakerne eller gruppene:\n\n\
                         per@example.com\n\
                         Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound'\n";
        let got = parse_shown(forwarded.as_bytes()).expect("read as a forward");
        let named: Vec<&str> = got.records.iter().map(|r| r.recipient.as_str()).collect();
        assert_eq!(named, ["per@example.com"]);
        assert_eq!(got.records[0].reason, Reason::UserUnknown);

        // Office 365's report names its sender in a summary: no recipient.
        let shown = "Your message to per@example.org couldn't be delivered.\n\
                     per wasn't found at example.org.\n\n\
                     Original Message Details\n\
                     Sender Address: kari@example.net\n\
                     Recipient Address: per@example.org\n\n\
                     Error Details\n\
                     Error: 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient \
                     per@example.org not found by SMTP address lookup\n";
        let got = parse_shown(shown.as_bytes()).expect("read as a report");
        let named: Vec<&str> = got.records.iter().map(|r| r.recipient.as_str()).collect();
        assert_eq!(named, ["per@example.org"]);

        // Office 365's report as shown, with its advice to people: the
        // record shows the server's answer, not the advice around it.
        let shown = "Your message to per@example.org couldn't be delivered.\n\
                     per wasn't found at example.org.\n\n\
                     How to Fix It\n\
                     The address may be misspelled or may not exist. Try one or more of \
                     the following: send the message again, retyping the address, or \
                     contact the recipient to check that the address exists.\n\n\
                     More Info for Email Admins\n\
                     Status code: 550 5.1.10\n\n\
                     Original Message Details\n\
                     Sender Address: kari@example.net\n\
                     Recipient Address: per@example.org\n\n\
                     Error Details\n\
                     Reported error: 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient \
                     not found by SMTP address lookup\n\
                     DSN generated by: AM0PR01MB1234.eurprd01.prod.exchangelabs.com\n";
        let got = parse_shown(shown.as_bytes()).expect("read as a report");
        let [r] = got.records.as_slice() else {
            panic!("{:?}", got.records)
        };
        assert_eq!(r.reason, Reason::UserUnknown);
        assert_eq!(
            r.diagnostic,
            "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"
        );

        // An older Exchange's report as shown: the answer between hashes.
        let shown = "Delivery has failed to these recipients or groups:\n\n\
                     Per Hansen (per@example.org)\n\
                     The e-mail address you entered couldn't be found. Please check the \
                     recipient's e-mail address and try to resend the message. If the \
                     problem continues, please contact your helpdesk.\n\n\
                     Diagnostic information for administrators:\n\n\
                     Generating server: EXCH01.corp.example.org\n\n\
                     per@example.org\n\
                     #550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##\n";
        let got = parse_shown(shown.as_bytes()).expect("read as a report");
        let [r] = got.records.as_slice() else {
            panic!("{:?}", got.records)
        };
        assert_eq!(
            r.diagnostic,
            "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found"
        );
    }

    #[test]
    fn exchange_online_notices_as_pasted_give_their_reason_without_codes() {
        // The sentence Exchange Online writes under "Delivery has failed
        // to these recipients or groups:", copied without the codes below
        // it: the reason Sisimai files the notice's code under.
        for (sentence, want) in [
            (
                "Your message couldn't be delivered. Despite repeated attempts to deliver \
                 your message, the recipient's email system refused to accept a connection \
                 from your email system.",
                Reason::Expired,
            ),
            (
                "Your message couldn't be delivered to the recipient because you don't have \
                 permission to send to it. Ask the recipient's email admin to add you to the \
                 accept list for the recipient.",
                Reason::Rejected,
            ),
            (
                "The group only accepts messages from people in its organization or on its \
                 allowed senders list, and your email address isn't on the list.",
                Reason::Rejected,
            ),
            (
                "Your message couldn't be delivered because you weren't recognized as a valid \
                 sender.",
                Reason::Rejected,
            ),
            (
                "The message can't be submitted because the sender's submission quota was \
                 exceeded.",
                Reason::Speeding,
            ),
            (
                "Your message couldn't be delivered. The Domain Name System (DNS) reported \
                 that the recipient's domain does not exist.",
                Reason::HostUnknown,
            ),
        ] {
            let shown = format!(
                "Delivery has failed to these recipients or groups:\n\nper@example.com\n{sentence}\n"
            );
            let got = parse_shown(shown.as_bytes()).expect("read as a report");
            let [r] = got.records.as_slice() else {
                panic!("{sentence}: {:?}", got.records)
            };
            assert_eq!(
                (r.recipient.as_str(), r.reason),
                ("per@example.com", want),
                "{sentence}"
            );
        }
    }

    #[test]
    fn delay_warnings_as_pasted_say_to_wait() {
        // What each MTA writes when it is still trying, copied as shown:
        // the action is delayed, so the advice is to wait, not to resend
        // (which would deliver the mail twice), even where the reason is
        // expired.
        for warning in [
            // Postfix
            "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n\n\
             Your message could not be delivered for more than 4 hour(s).\n\
             It will be retried until it is 5 day(s) old.\n\n\
             <kari@example.com>: connect to mx.example.com[203.0.113.5]:25: Connection timed out\n",
            // Sendmail
            "**      THIS IS A WARNING MESSAGE ONLY      **\n\n\
             <kari@example.com>... Deferred: Connection timed out with mx.example.com.\n\
             Warning: message still undelivered after 4 hours\n\
             Will keep trying until message is 5 days old\n",
            // Gmail
            "Delivery incomplete\n\
             There was a temporary problem delivering your message to kari@example.com. \
             Gmail will retry for 47 more hours.\n\
             The response was:\n\
             The recipient server did not accept our requests to connect.\n",
            // Office 365
            "Delivery is delayed to these recipients or groups:\n\n\
             kari@example.com\n\n\
             This message hasn't been delivered yet. Delivery will continue to be attempted.\n",
            // Gmail's older notice
            "Delivery to the following recipient has been delayed:\n\n\
             \x20    kari@example.com\n\n\
             Message will be retried for 2 more day(s)\n\n\
             Technical details of temporary failure:\n\
             The recipient server did not accept our requests to connect.\n",
            // Exchange's heading, without the sentence under it
            "Delivery is delayed to these recipients or groups:\n\nkari@example.com\n",
            // Only the title says so, copied as the first line.
            "Delivery Status Notification (Delay)\n\nkari@example.com\n",
            // Sendmail's heading of a delay warning over the address.
            "----- The following addresses had transient non-fatal errors -----\n\
             <kari@example.com>\n",
        ] {
            let got = parse_shown(warning.as_bytes()).expect("read as a report");
            assert!(got.is_delay_warning(), "{warning}");
            let [r] = got.records.as_slice() else {
                panic!("{warning}: {:?}", got.records)
            };
            assert_eq!(r.recipient, "kari@example.com", "{warning}");
            assert_eq!(r.action, "delayed", "{warning}");
            assert_eq!(
                advice::for_record(r, Lang::En).step,
                advice::Step::Nothing,
                "{warning}"
            );
        }
    }

    #[test]
    fn a_reports_heading_or_title_alone_is_a_bounce_of_unknown_cause() {
        // The first lines of a report, or its subject, copied without the
        // recipient and the server's answer below them: a part of a
        // report, with its cause not shown. One record for an unnamed
        // recipient, whose advice is to quote the whole error to support.
        for heading in [
            "Undelivered Mail Returned to Sender\n",
            "Mail delivery failed: returning message to sender\n",
            "Kan ikke leveres: Tilbud\n",
            "Delivery has failed to these recipients or groups:\n",
            "Levering til disse mottakerne eller gruppene mislyktes:\n",
            "Leveransen till dessa mottagare eller grupper misslyckades:\n",
            "Levering til disse modtagere eller grupper mislykkedes:\n",
            "Zustellung an folgende Empfänger oder Gruppen fehlgeschlagen:\n",
            "This is the mail system at host mx.example.com.\n\n\
             I'm sorry to have to inform you that your message could not\n\
             be delivered to one or more recipients. It's attached below.\n",
            "Sorry, we were unable to deliver your message to the following address.\n",
            "----- The following addresses had permanent fatal errors -----\n",
        ] {
            let r = shown_record(heading);
            assert_eq!(r.recipient, "", "{heading}");
            assert_eq!(r.action, "failed", "{heading}");
            assert!(!says_why(r.reason), "{heading}: {:?}", r.reason);
            assert_eq!(
                advice::for_record(&r, Lang::En).step,
                advice::Step::ContactSupport,
                "{heading}"
            );
        }
        // Exchange's heading in the reader's language over the recipient,
        // copied without the server's answer: a record for that recipient.
        for heading in [
            "Levering til disse mottakerne eller gruppene mislyktes:",
            "La remise aux destinataires ou groupes suivants a échoué :",
        ] {
            let got = parse_shown(format!("{heading}\n\nkari@example.com\n").as_bytes());
            let named: Vec<String> = got
                .expect("read as a report")
                .records
                .into_iter()
                .map(|r| r.recipient)
                .collect();
            assert_eq!(named, ["kari@example.com"], "{heading}");
        }
        // A delay warning's title: nothing to do yet.
        let got = parse_shown(b"Delivery Status Notification (Delay)\n").expect("a title");
        assert_eq!(got.records[0].action, "delayed");
        assert_eq!(
            advice::for_record(&got.records[0], Lang::En).step,
            advice::Step::Nothing
        );
        // A person's words with no report's wording stay a person's.
        shown_no_bounce(&[
            "Hei, kan du hjelpe meg med e-posten?\n",
            "Rejected: the plan\n",
            "Re: bounce house on Sunday\n\nSee you there!\n",
        ]);
    }

    /// Asserts that [`parse_shown`] reads each of `notes` as no bounce.
    fn shown_no_bounce(notes: &[&str]) {
        for note in notes {
            assert_eq!(
                parse_shown(note.as_bytes()).map(|b| b.kind),
                Ok(Kind::NotABounce),
                "{note}"
            );
        }
    }

    /// The one record [`parse_shown`] reads in `shown`, a delivery report.
    fn shown_record(shown: &str) -> Record {
        let got = parse_shown(shown.as_bytes()).expect("read as a report");
        assert_eq!(got.kind, Kind::Delivery, "{shown}");
        let [r] = <[Record; 1]>::try_from(got.records)
            .unwrap_or_else(|records| panic!("{shown}: {records:?}"));
        r
    }

    /// The one record [`parse_shown`] reads in `shown`: its recipient,
    /// reason and hard flag.
    fn shown_one(shown: &str) -> (String, Reason, bool) {
        let r = shown_record(shown);
        (r.recipient, r.reason, r.hard)
    }

    #[test]
    fn an_unknown_user_copied_without_the_session_is_an_unknown_user() {
        // Sisimai's rule, kept for stored mail: an unknown user's words
        // with no RCPT command are a filter's.
        let stored = "From: MAILER-DAEMON@mx.example.net\r\n\
                      Subject: Undelivered Mail Returned to Sender\r\n\r\n\
                      <kari@example.com>: User unknown in virtual mailbox table\r\n";
        let got = parse(stored.as_bytes()).expect("a mail");
        assert_eq!(got.records[0].reason, Reason::Filtered);
        // Copied out of a mail program, the session's lines are seldom
        // there: the words are read as they are. A first line of the form
        // of a header field ("kari@…: …") does not make the text a mail.
        for shown in [
            "This is the mail system at host mx.example.net.\n\n\
             <kari@example.com>: User unknown in virtual mailbox table\n",
            "kari@example.com: User unknown\n",
            "<kari@example.com>: Recipient address rejected: User unknown\n",
            "Delivery to the following recipient failed permanently:\n\n    \
             kari@example.com\n\nUser unknown\n",
        ] {
            assert_eq!(
                shown_one(shown),
                ("kari@example.com".into(), Reason::UserUnknown, true),
                "{shown}"
            );
        }
        // A stored mail's own fields still make it one.
        let mail = b"\r\nFrom: Ola <ola@example.net>\r\nSubject: Hei\r\n\r\nHei!\r\n";
        assert_eq!(parse_shown(mail), parse(mail));
    }

    #[test]
    fn gmails_heading_alone_says_which_part_of_the_address_was_not_found() {
        // Gmail's notice as its web page shows it, copied without the
        // server's response below it.
        for (what, reason) in [
            ("the address couldn't be found", Reason::UserUnknown),
            (
                "the domain exampel.org couldn't be found",
                Reason::HostUnknown,
            ),
        ] {
            let shown = format!(
                "Address not found\n\
                 Your message wasn't delivered to per@exampel.org because {what}. \
                 Check for typos or unnecessary spaces and try again.\n\
                 LEARN MORE\n"
            );
            assert_eq!(
                shown_one(&shown),
                ("per@exampel.org".into(), reason, true),
                "{what}"
            );
        }
        // The same notice in nb, sv and da, and a Swedish report's words
        // ("levererades inte") that say it is one.
        for shown in [
            "Adressen ble ikke funnet\nMeldingen din ble ikke levert til per@exampel.org \
             fordi adressen ikke ble funnet, eller fordi den ikke kan motta e-post.\n",
            "Adressen hittades inte\nDitt meddelande levererades inte till per@exampel.org \
             eftersom adressen inte kunde hittas eller inte kan ta emot e-post.\n",
            "Adressen blev ikke fundet\nDin meddelelse blev ikke leveret til per@exampel.org, \
             fordi adressen ikke blev fundet eller ikke kan modtage e-mail.\n",
        ] {
            assert_eq!(
                shown_one(shown),
                ("per@exampel.org".into(), Reason::UserUnknown, true),
                "{shown}"
            );
        }
    }

    #[test]
    fn gmails_message_blocked_heading_alone_is_a_block() {
        let shown = "Message blocked\nYour message to per@example.org has been blocked. \
                     See technical details below for more information.\n";
        let got = parse_shown(shown.as_bytes()).expect("read as a report");
        let reasons: Vec<Reason> = got.records.iter().map(|r| r.reason).collect();
        assert_eq!(reasons, [Reason::Blocked]);
    }

    #[test]
    fn a_servers_words_alone_give_their_cause() {
        // What an error window shows, without codes: the issue's own
        // examples first, "Domain not found" and "User unknown in virtual
        // mailbox table", which both mean "check the address".
        for (shown, reason, step) in [
            (
                "Domain not found\n",
                Reason::HostUnknown,
                advice::Step::CheckAddress,
            ),
            (
                "User unknown in virtual mailbox table\n",
                Reason::UserUnknown,
                advice::Step::CheckAddress,
            ),
            (
                "Mailbox full\n",
                Reason::MailboxFull,
                advice::Step::ContactRecipient,
            ),
            (
                "Relay access denied\n",
                Reason::NoRelaying,
                advice::Step::ContactSupport,
            ),
            (
                "Message size exceeds fixed maximum message size\n",
                Reason::MesgTooBig,
                advice::Step::ChangeMessage,
            ),
        ] {
            let r = shown_record(shown);
            assert_eq!((r.recipient.as_str(), r.reason), ("", reason), "{shown}");
            assert_eq!(advice::for_record(&r, Lang::En).step, step, "{shown}");
        }
        // A person's words: no cause in them, an absence noted, or a
        // letter longer than an error window's message.
        shown_no_bounce(&[
            "Hei, kan du hjelpe meg med e-posten?\n",
            "I am away on vacation until Monday.\n",
            "Hi Kari,\nmy mailbox is full, could you send it to my work address?\nOla\n",
        ]);
    }

    #[test]
    fn gmails_card_title_alone_is_a_report_title_with_its_cause() {
        // Only the card's title copied, bare as the web page shows it or
        // starred as the notice's text part writes it.
        for (shown, reason, hard) in [
            ("Address not found\n", Reason::UserUnknown, true),
            ("** Address not found **\n", Reason::UserUnknown, true),
            ("Adressen ble ikke funnet\n", Reason::UserUnknown, true),
            ("Adressen hittades inte\n", Reason::UserUnknown, true),
            ("Adressen blev ikke fundet\n", Reason::UserUnknown, true),
            ("Message blocked\n", Reason::Blocked, false),
        ] {
            assert_eq!(shown_one(shown), (String::new(), reason, hard), "{shown}");
        }
        // iOS Mail's alert: the cause not said, so support is asked; the
        // recipient it names in quotes is the record's.
        // Copied without its title, or with it run into one line, the
        // alert's sentence still tells a refused recipient.
        for alert in [
            "Cannot Send Mail\nThe recipient \"kari@example.com\" was rejected by the server.\n",
            "The recipient \"kari@example.com\" was rejected by the server.\n",
            "Cannot send mail. The recipient \"kari@example.com\" was rejected by the server.\n",
        ] {
            let ios = shown_record(alert);
            assert_eq!(ios.recipient, "kari@example.com", "{alert}");
            assert_eq!(
                advice::for_record(&ios, Lang::En).step,
                advice::Step::ContactSupport,
                "{alert}"
            );
        }
        assert_eq!(
            shown_one(
                "Cannot Send Mail\nThe message was rejected by the server because it is too large.\n"
            ),
            (String::new(), Reason::MesgTooBig, false)
        );
        let incomplete = parse_shown(b"** Delivery incomplete **\n").expect("read as a report");
        assert!(incomplete.is_delay_warning(), "{incomplete:?}");
        // The same words inside a person's letter are no title.
        shown_no_bounce(&[
            "Hei Kari,\nAddress not found in the directory, sorry.\nOla\n",
            "Hi,\nthe message blocked the printer again.\nOla\n",
        ]);
    }

    #[test]
    fn a_providers_reply_copied_alone_is_read_by_its_rules() {
        // Google ends every reply with "gsmtp", Microsoft 365 with the
        // answering server's name in brackets: copied out of a report, the
        // reply still says whose it is, and the provider's own meanings
        // apply.
        for (shown, reason) in [
            (
                "421-4.7.0 [192.0.2.1] Our system has detected an unusual rate of unsolicited \
                 mail originating from your IP address. 5614d3d1c6si1234567qkd.123 - gsmtp\n",
                Reason::Blocked,
            ),
            (
                "450-4.2.1 The user you are trying to contact is receiving mail too quickly. \
                 Please resend your message at a later time. - gsmtp\n",
                Reason::Speeding,
            ),
            (
                "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this \
                 IP. AS(1255) [AM4PEPF00025F9A.EURPRD83.prod.outlook.com]\n",
                Reason::Speeding,
            ),
            (
                "550 5.7.750 Service unavailable. Client blocked from sending from unregistered \
                 domains. [DB5EUR03FT012.eop-EUR03.prod.protection.outlook.com]\n",
                Reason::Rejected,
            ),
            (
                "421 4.7.500 Server busy. Please try again later from [192.0.2.1]. (S77719) \
                 [DB5EUR03FT012.eop-EUR03.prod.protection.outlook.com]\n",
                Reason::SystemError,
            ),
        ] {
            assert_eq!(shown_record(shown).reason, reason, "{shown}");
        }
    }

    #[test]
    fn an_absence_note_pasted_is_no_bounce_in_any_language() {
        // Copied out of an automatic reply: the person away is not named,
        // and the address to write to instead is no recipient.
        shown_no_bounce(&[
            "I am out of the office until Monday. Please contact per@example.com.\n",
            "Automatisk svar: Møte\n\nJeg er på ferie til 12. august og leser ikke e-post. \
             Ta kontakt med per@example.no.\n",
            "Jag är på semester. Ta kontakt med per@example.se.\n",
            "Je suis absent. Merci de contacter per@example.fr.\n",
        ]);
    }

    #[test]
    fn a_domain_over_its_failure_limit_is_rate_limited() {
        // cPanel's Exim stops a sending domain after too many failures in
        // an hour; the user can only wait.
        let r = shown_record(
            "This message was created automatically by mail delivery software.\n\n\
             A message that you sent could not be delivered to one or more of its\n\
             recipients. This is a temporary error. The following address(es) deferred:\n\n\
             \x20 kari@example.com\n\
             \x20   Domain example.no has exceeded the max defers and failures per hour \
             (5/5 (100%)) allowed. Message discarded.\n",
        );
        assert_eq!(
            (r.recipient.as_str(), r.reason),
            ("kari@example.com", Reason::TooManyConn)
        );
        assert_eq!(
            advice::for_record(&r, Lang::En).step,
            advice::Step::TryLater
        );
    }

    #[test]
    fn thunderbirds_send_error_is_read_as_a_report() {
        // The server's answer comes after Thunderbird's own words; with no
        // cause in it, support is asked, quoting the error.
        let rejected = shown_record(
            "An error occurred while sending mail. The mail server responded: 550 Your \
             message has been rejected. Please verify that your email address is correct in \
             your account settings and try again.\n",
        );
        assert_eq!(rejected.reply, "550");
        assert_eq!(
            advice::for_record(&rejected, Lang::En).step,
            advice::Step::ContactSupport
        );
        assert_eq!(
            shown_one(
                "An error occurred while sending mail. The mail server responded: 552 Message \
                 size exceeds fixed limit. Please verify that your Mail preferences are correct \
                 and try again.\n"
            ),
            (String::new(), Reason::MesgTooBig, false)
        );
        // A lost connection is the mail program's settings or network, not
        // a server's refusal: the client-settings check is for that.
        shown_no_bounce(&[
            "Sending of the message failed.\nThe message could not be sent because the \
             connection to Outgoing server (SMTP) smtp.example.no was lost in the middle of \
             the transaction.\n",
        ]);
    }

    #[test]
    fn a_refused_sender_is_no_recipient() {
        // Refused at MAIL FROM, the addresses a server names are the
        // sender's own: its address, and the login it is not owned by.
        for (shown, recipient) in [
            (
                "An error occurred while sending mail. The mail server responded: 553 5.7.1 \
                 <ola@example.no>: Sender address rejected: not owned by user ola@example.net. \
                 Please verify that your email address is correct in your account settings \
                 and try again.\n",
                "",
            ),
            (
                "550 5.7.1 <ola@example.no>: Sender address rejected: Access denied\n",
                "",
            ),
            // Outlook's send task names the account it sends from.
            (
                "Task 'ola@example.no - Sending' reported error (0x800CCC78) : 'Cannot send \
                 the message. Verify the email address in your account properties.  The \
                 server responded: 553 5.7.1 <ola@example.no>: Sender address rejected: not \
                 owned by user ola@example.net'\n",
                "",
            ),
            // Postfix's report names the recipient before the reply.
            (
                "<kari@example.com>: host mx.example.com[192.0.2.1] said: 553 5.7.1 \
                 <ola@example.no>: Sender address rejected: Access denied (in reply to MAIL \
                 FROM command)\n",
                "kari@example.com",
            ),
        ] {
            let r = shown_record(shown);
            assert_eq!(
                (r.recipient.as_str(), r.reason),
                (recipient, Reason::Rejected),
                "{shown}"
            );
        }
    }

    #[test]
    fn a_report_quoted_in_a_reply_reads_as_the_report() {
        let report = "Delivery to the following recipients failed.\n\n       kari@example.no\n\n\
                      Remote Server returned '550 5.1.1 User unknown'\n";
        let plain = shown_record(report);
        assert_eq!(
            (plain.recipient.as_str(), plain.reason),
            ("kari@example.no", Reason::UserUnknown)
        );
        for mark in ["> ", ">", ">> "] {
            let quoted: String = report.lines().map(|l| format!("{mark}{l}\n")).collect();
            let r = shown_record(&quoted);
            assert_eq!(
                (r.recipient.as_str(), r.reason, r.diagnostic.as_str()),
                (
                    plain.recipient.as_str(),
                    plain.reason,
                    plain.diagnostic.as_str()
                ),
                "{quoted}"
            );
        }
    }

    #[test]
    fn exims_delay_subject_alone_is_a_delay_warning() {
        // The subject of Exim's warning, copied alone: the message's id
        // between "Warning: message" and "delayed".
        let warned = parse_shown(b"Warning: message 1rAbCd-000Xyz-9Q delayed 24 hours\n")
            .expect("read as a report");
        assert!(warned.is_delay_warning(), "{warned:?}");
        // The same start in a person's subject is none.
        shown_no_bounce(&["Warning: message delayed by the printer\n"]);
    }

    #[test]
    fn office_365s_heading_alone_says_the_address_was_not_found() {
        // What a user copies of the report: its heading, not the status
        // code in the details for administrators below it.
        for (intro, heading, action) in [
            (
                "Your message to per@example.org couldn't be delivered.",
                "per wasn't found at example.org.",
                "Action Required\nUnknown To address",
            ),
            (
                "Meldingen din til per@example.org kunne ikke leveres.",
                "per ble ikke funnet på example.org.",
                "Handling kreves\nUkjent Til-adresse",
            ),
            (
                "Ditt meddelande till per@example.org kunde inte levereras.",
                "per hittades inte på example.org.",
                "Åtgärd krävs\nOkänd Till-adress",
            ),
            (
                "Din meddelelse til per@example.org kunne ikke leveres.",
                "per blev ikke fundet på example.org.",
                "Handling påkrævet\nUkendt Til-adresse",
            ),
        ] {
            for shown in [
                format!("{intro}\n{heading}\n"),
                format!("{intro}\n{heading}\n\n{action}\n"),
            ] {
                assert_eq!(
                    shown_one(&shown),
                    ("per@example.org".into(), Reason::UserUnknown, true),
                    "{shown}"
                );
            }
        }
    }

    /// `bytes` in base64, in lines of 76.
    fn base64(bytes: &[u8]) -> String {
        use base64::Engine as _;
        let text = base64::engine::general_purpose::STANDARD.encode(bytes);
        let lines: Vec<&str> = text
            .as_bytes()
            .chunks(76)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect();
        lines.join("\r\n")
    }

    /// `inner` attached whole to a person's mail, as a mail program
    /// forwards it (under a boundary of its own at each depth).
    fn forward(inner: &[u8]) -> Vec<u8> {
        let boundary = format!("f{}", inner.len());
        let mut mail = format!(
            "From: Kari <kari@example.net>\r\n\
             To: support@example.net\r\n\
             Subject: Fwd: see below\r\n\
             MIME-Version: 1.0\r\n\
             Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n\
             --{boundary}\r\nContent-Type: text/plain\r\n\r\n\
             Why did this fail? I wrote to kari@example.org too.\r\n\
             --{boundary}\r\nContent-Type: message/rfc822\r\n\r\n"
        )
        .into_bytes();
        mail.extend_from_slice(inner);
        mail.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        mail
    }

    #[test]
    fn a_report_forwarded_as_an_attachment_is_read_as_it_came() {
        let report: &[u8] = include_bytes!("../../../../tests/vectors/bounce/exim-body.eml");
        let want = parse(report).unwrap();
        assert_eq!(want.records[0].recipient, "lise@example.invalid");
        // The forward's own words and addresses are not the report's.
        assert_eq!(parse(&forward(report)), Ok(want.clone()));
        assert_eq!(parse(&forward(&forward(report))), Ok(want.clone()));
        assert_eq!(parse_shown(&forward(report)), Ok(want.clone()));
        // The report attached as a file, base64, typed as any file.
        let as_file = format!(
            "From: Kari <kari@example.net>\r\nSubject: VS: Retur\r\nMIME-Version: 1.0\r\n\
             Content-Type: multipart/mixed; boundary=\"f\"\r\n\r\n\
             --f\r\nContent-Type: text/plain\r\n\r\nSe vedlegg.\r\n\
             --f\r\nContent-Type: application/octet-stream; name=\"Retur.eml\"\r\n\
             Content-Disposition: attachment; filename=\"Retur.eml\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{}\r\n--f--\r\n",
            base64(report)
        );
        assert_eq!(parse(as_file.as_bytes()), Ok(want));

        // A person's mail forwarded is no report, however deep.
        let note = b"From: Per <per@example.org>\r\nSubject: Hei\r\n\r\nHei!\r\n";
        assert!(!parse(&forward(note)).unwrap().is_bounce());
        let mut deep = note.to_vec();
        for _ in 0..50 {
            deep = forward(&deep);
        }
        assert!(!parse(&deep).unwrap().is_bounce());
    }

    #[test]
    fn a_report_outlook_saved_is_read_by_its_fields_text_and_recipients() {
        // Tags: message class, transport headers, body (MS-OXPROPS).
        let received = "From: Microsoft Outlook <postmaster@example.onmicrosoft.com>\r\n\
                        To: Kari <kari@example.net>\r\n\
                        Subject: Kan ikke leveres: Julebord\r\n\
                        Content-Type: multipart/report; report-type=delivery-status;\r\n\
                        \tboundary=\"b\"\r\n\r\n";
        let saved = outlook::tests::item(
            &[
                (0x001A, "REPORT.IPM.Note.NDR"),
                (0x007D, received),
                (
                    0x1000,
                    "Levering til disse mottakerne eller gruppene mislyktes:\r\n",
                ),
            ],
            &[(
                "per@example.org",
                "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; \
                 Recipient not found by SMTP address lookup'",
            )],
            &[],
        );
        assert!(!parse(&saved).is_ok_and(|b| b.is_bounce()));
        let got = parse_shown(&saved).expect("read as a report");
        let named: Vec<&str> = got.records.iter().map(|r| r.recipient.as_str()).collect();
        assert_eq!(named, ["per@example.org"]);
        assert_eq!(got.records[0].reason, Reason::UserUnknown);
        assert_eq!(got.records[0].status, "5.1.10");

        // A person's mail, saved: no bounce. A broken file: no mail.
        let note = outlook::tests::item(
            &[(0x001A, "IPM.Note"), (0x0037, "Hei"), (0x1000, "Hei Kari!")],
            &[],
            &[],
        );
        assert_eq!(parse_shown(&note).map(|b| b.kind), Ok(Kind::NotABounce));
        assert_eq!(parse_shown(&saved[..600]), Err(BounceError::NotMail));
    }
}
