//! Why a mail bounced: the reason names and the classifier.
//!
//! The classifier reads the language-neutral codes first (enhanced status,
//! reply code, SMTP command) and the server's words second, through the
//! phrase tables in `data/bounce/` compiled once into one automaton
//! ([`phrases`]). The order of the checks follows how real servers word
//! their errors: a 5.1.1 that also says "relay denied" is a relay problem,
//! a "mailbox full" wins over a vague 5.x.x, and so on.

mod finder;
pub mod phrases;
pub mod rhost;

/// The kinds of bounce rule file in `data/bounce/`, told apart by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleFile {
    /// `words-*.toml`, `mta.toml`: reason → phrases.
    Phrases,
    /// `lhost.toml`: phrases scoped to the MTA that wrote the bounce.
    Lhost,
    /// `rhost.toml`: the refusing providers' own meanings.
    Rhost,
}

impl RuleFile {
    /// The kind of rule file a file name (without directories) names.
    pub fn of_name(name: &str) -> Option<RuleFile> {
        match name {
            "lhost.toml" => Some(RuleFile::Lhost),
            "rhost.toml" => Some(RuleFile::Rhost),
            "mta.toml" => Some(RuleFile::Phrases),
            n if n.starts_with("words-") && n.ends_with(".toml") => Some(RuleFile::Phrases),
            _ => None,
        }
    }

    /// Parses and checks a rule file of this kind as the classifier would
    /// load it; the number of entries (reasons, MTAs or providers).
    pub fn check(self, file: &str, text: &str) -> Result<usize, phrases::TableError> {
        Ok(match self {
            RuleFile::Phrases => phrases::load(file, text)?.len(),
            RuleFile::Lhost => phrases::load_lhosts(file, text)?.len(),
            RuleFile::Rhost => rhost::load(file, text)?.len(),
        })
    }
}

use serde::{Deserialize, Serialize};

use super::Record;
use super::body::{self, Hint};
use super::codes;
use super::dsn::Recipient;
use phrases::Hits;

/// Why a mail was not delivered. The names are Sisimai's, so results
/// compare one to one with the reference implementation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Reason {
    /// SPF, DKIM or DMARC failed.
    AuthFailure,
    /// The sending server or domain has a poor reputation.
    BadReputation,
    /// The sending server's IP address is blocked (RBL, policy).
    Blocked,
    /// The content is malformed (headers, MIME).
    ContentError,
    /// Delivered (a success report).
    Delivered,
    /// The message exceeds a size limit of the recipient.
    ExceedLimit,
    /// Delivery was attempted for too long and given up.
    Expired,
    /// An abuse or complaint feedback report.
    Feedback,
    /// The recipient's filter refused the message.
    Filtered,
    /// The address has moved; there is no forwarding.
    HasMoved,
    /// The recipient's domain does not exist.
    HostUnknown,
    /// The recipient's mailbox is full.
    MailboxFull,
    /// A local delivery program failed.
    MailerError,
    /// The message is too big.
    MesgTooBig,
    /// A network or DNS problem (loops, routing).
    NetworkError,
    /// The server refused to relay.
    NoRelaying,
    /// The domain accepts no mail (null MX).
    NotAccept,
    /// The message does not comply with RFC 5322.
    NotCompliantRfc,
    /// Decision postponed; not enough information.
    OnHold,
    /// Refused by the receiving organisation's policy.
    PolicyViolation,
    /// The sender address was refused.
    Rejected,
    /// The sending server has no valid reverse DNS (PTR).
    RequirePtr,
    /// Authentication, TLS or another security requirement failed.
    SecurityError,
    /// Refused as spam.
    SpamDetected,
    /// Sending too fast; rate limited.
    Speeding,
    /// The recipient's mailbox is suspended or disabled.
    Suspend,
    /// An SMTP syntax error.
    SyntaxError,
    /// An error of the receiving system.
    SystemError,
    /// The receiving system is out of space.
    SystemFull,
    /// Too many connections or recipients.
    TooManyConn,
    /// The recipient address does not exist.
    UserUnknown,
    /// Could not be decided.
    Undefined,
    /// An automatic reply (out of office).
    Vacation,
    /// A virus was found in the message.
    VirusDetected,
}

impl Reason {
    /// Every reason, in alphabetical order of name.
    pub const ALL: [Reason; 34] = [
        Reason::AuthFailure,
        Reason::BadReputation,
        Reason::Blocked,
        Reason::ContentError,
        Reason::Delivered,
        Reason::ExceedLimit,
        Reason::Expired,
        Reason::Feedback,
        Reason::Filtered,
        Reason::HasMoved,
        Reason::HostUnknown,
        Reason::MailboxFull,
        Reason::MailerError,
        Reason::MesgTooBig,
        Reason::NetworkError,
        Reason::NoRelaying,
        Reason::NotAccept,
        Reason::NotCompliantRfc,
        Reason::OnHold,
        Reason::PolicyViolation,
        Reason::Rejected,
        Reason::RequirePtr,
        Reason::SecurityError,
        Reason::SpamDetected,
        Reason::Speeding,
        Reason::Suspend,
        Reason::SyntaxError,
        Reason::SystemError,
        Reason::SystemFull,
        Reason::TooManyConn,
        Reason::UserUnknown,
        Reason::Undefined,
        Reason::Vacation,
        Reason::VirusDetected,
    ];

    /// The name, e.g. `userunknown`.
    pub fn name(self) -> &'static str {
        match self {
            Reason::AuthFailure => "authfailure",
            Reason::BadReputation => "badreputation",
            Reason::Blocked => "blocked",
            Reason::ContentError => "contenterror",
            Reason::Delivered => "delivered",
            Reason::ExceedLimit => "exceedlimit",
            Reason::Expired => "expired",
            Reason::Feedback => "feedback",
            Reason::Filtered => "filtered",
            Reason::HasMoved => "hasmoved",
            Reason::HostUnknown => "hostunknown",
            Reason::MailboxFull => "mailboxfull",
            Reason::MailerError => "mailererror",
            Reason::MesgTooBig => "mesgtoobig",
            Reason::NetworkError => "networkerror",
            Reason::NoRelaying => "norelaying",
            Reason::NotAccept => "notaccept",
            Reason::NotCompliantRfc => "notcompliantrfc",
            Reason::OnHold => "onhold",
            Reason::PolicyViolation => "policyviolation",
            Reason::Rejected => "rejected",
            Reason::RequirePtr => "requireptr",
            Reason::SecurityError => "securityerror",
            Reason::SpamDetected => "spamdetected",
            Reason::Speeding => "speeding",
            Reason::Suspend => "suspend",
            Reason::SyntaxError => "syntaxerror",
            Reason::SystemError => "systemerror",
            Reason::SystemFull => "systemfull",
            Reason::TooManyConn => "toomanyconn",
            Reason::UserUnknown => "userunknown",
            Reason::Undefined => "undefined",
            Reason::Vacation => "vacation",
            Reason::VirusDetected => "virusdetected",
        }
    }

    /// The reason with this name, if any.
    pub fn from_name(name: &str) -> Option<Reason> {
        Reason::ALL.iter().copied().find(|r| r.name() == name)
    }

    fn bit(self) -> u64 {
        1 << (self as u8)
    }

    /// Reasons worth a second look when a code or an MTA suggested them:
    /// they are often the MTA's default for anything it did not understand.
    fn needs_second_look(self) -> bool {
        matches!(
            self,
            Reason::Undefined
                | Reason::OnHold
                | Reason::SystemError
                | Reason::SecurityError
                | Reason::Expired
                | Reason::Suspend
                | Reason::NetworkError
                | Reason::HostUnknown
                | Reason::UserUnknown
        )
    }
}

/// What the classifier looks at for one recipient.
struct Facts<'a> {
    status: &'a str,
    /// The reason the status names by itself ([`codes::status_reason`]).
    by_code: Option<Reason>,
    reply: &'a str,
    command: &'a str,
    action: &'a str,
    diagnostic_type: &'a str,
    preset: Option<Reason>,
    hits: &'a Hits,
    /// What the refusing provider's own rules say ([`rhost`]).
    provider: Option<Reason>,
    /// The diagnostic is the whole report, not text about this recipient.
    vague: bool,
    /// The report was copied from what a mail program shows
    /// ([`Hint::shown`]).
    shown: bool,
}

/// The first pass: the checks that weigh codes and commands against the
/// words, in the order that resolves their overlaps.
const FIRST: &[Reason] = &[
    Reason::MailboxFull,
    Reason::MesgTooBig,
    Reason::ExceedLimit,
    Reason::Suspend,
    Reason::HasMoved,
    Reason::NoRelaying,
    Reason::AuthFailure,
    Reason::UserUnknown,
    Reason::Filtered,
    Reason::RequirePtr,
    Reason::NotCompliantRfc,
    Reason::BadReputation,
    Reason::Rejected,
    Reason::HostUnknown,
    Reason::SpamDetected,
    Reason::Speeding,
    Reason::TooManyConn,
    Reason::Blocked,
];

/// The second pass: words alone, for what the first pass left open.
const SECOND: &[Reason] = &[
    Reason::MailboxFull,
    Reason::AuthFailure,
    Reason::BadReputation,
    Reason::Speeding,
    Reason::SpamDetected,
    Reason::VirusDetected,
    Reason::PolicyViolation,
    Reason::NoRelaying,
    Reason::SystemError,
    Reason::NetworkError,
    Reason::Suspend,
    Reason::ContentError,
    Reason::SystemFull,
    Reason::NotAccept,
    Reason::Expired,
    Reason::SecurityError,
    Reason::MailerError,
];

fn early_command(c: &str) -> bool {
    matches!(c, "CONN" | "EHLO" | "HELO")
}

/// Whether the first-pass check for `r` holds.
fn first_pass(r: Reason, f: &Facts<'_>) -> bool {
    use Reason::*;
    let by_code = f.by_code;
    let hit = |x: Reason| f.hits.has(x);
    let has_status = !f.status.is_empty();
    match r {
        MailboxFull => has_status && (by_code == Some(MailboxFull) || hit(MailboxFull)),
        MesgTooBig => {
            if by_code == Some(MesgTooBig) {
                true
            } else if by_code == Some(ExceedLimit) || f.status == "5.2.3" {
                false
            } else {
                hit(MesgTooBig)
            }
        }
        ExceedLimit => has_status && (by_code == Some(ExceedLimit) || hit(ExceedLimit)),
        Suspend => has_status && (f.reply == "525" || hit(Suspend)),
        HasMoved => hit(HasMoved),
        NoRelaying => !early_command(f.command) && hit(NoRelaying),
        AuthFailure => by_code == Some(AuthFailure) || hit(AuthFailure),
        UserUnknown => {
            if by_code == Some(Suspend) {
                false
            } else if by_code == Some(UserUnknown) {
                ![
                    NoRelaying,
                    Blocked,
                    MailboxFull,
                    HasMoved,
                    Rejected,
                    NotAccept,
                ]
                .iter()
                .any(|x| hit(*x))
            } else {
                // Sisimai's rule: an unknown user's words with no RCPT
                // command are a filter's (below). A copied text seldom
                // holds the command; its words are taken as they read.
                (f.command == "RCPT" || (f.shown && f.command.is_empty())) && hit(UserUnknown)
            }
        }
        Filtered => {
            if by_code == Some(Suspend) {
                false
            } else if by_code == Some(Filtered) {
                hit(UserUnknown) || hit(Filtered)
            } else if early_command(f.command) || f.command == "MAIL" || f.command == "RCPT" {
                false
            } else {
                hit(Filtered) || hit(UserUnknown)
            }
        }
        RequirePtr => by_code == Some(RequirePtr) || hit(RequirePtr),
        NotCompliantRfc => hit(NotCompliantRfc),
        BadReputation => hit(BadReputation),
        Rejected => {
            if by_code == Some(Rejected) {
                return true;
            }
            match f.command {
                "MAIL" => hit(Rejected),
                "DATA" => by_code != Some(UserUnknown) && hit(Rejected),
                _ => {
                    matches!(
                        by_code,
                        None | Some(OnHold | Undefined | SecurityError | SystemError)
                    ) && hit(Rejected)
                }
            }
        }
        HostUnknown => {
            if by_code == Some(HostUnknown) {
                !hit(NetworkError)
            } else {
                hit(HostUnknown)
            }
        }
        SpamDetected => {
            has_status
                && (by_code == Some(SpamDetected)
                    || (!early_command(f.command)
                        && f.command != "MAIL"
                        && f.command != "RCPT"
                        && hit(SpamDetected)))
        }
        Speeding => has_status && hit(Speeding),
        TooManyConn => by_code == Some(TooManyConn) || hit(TooManyConn),
        Blocked => by_code == Some(Blocked) || hit(Blocked),
        _ => false,
    }
}

/// The reason for one recipient.
fn classify(f: &Facts<'_>) -> Reason {
    // A preset comes from a fixed MTA message or a structured report: it
    // was written for exactly this case. The refusing provider's own rules
    // come next, and may still refine a preset of the vague kinds.
    if let Some(p) = f.preset.filter(|p| !p.needs_second_look()) {
        return p;
    }
    if let Some(r) = f.provider {
        return r;
    }
    if f.status.starts_with("2.") {
        return Reason::Delivered;
    }
    if let Some(p) = f
        .preset
        .filter(|p| !matches!(p, Reason::Undefined | Reason::OnHold))
    {
        // A preset of the vague kinds is weighed with the codes: a check
        // that comes before it in the first pass may still win ("Mailbox
        // Full" in a message the MTA files under unknown users).
        return FIRST
            .iter()
            .copied()
            .take_while(|r| *r != p)
            .find(|r| first_pass(*r, f))
            .unwrap_or(p);
    }
    if !f.diagnostic_type.starts_with("X-UNIX")
        && let Some(r) = FIRST.iter().copied().find(|r| first_pass(*r, f))
    {
        return r;
    }
    let by_code = f.by_code;
    let look_again = by_code.is_none_or(Reason::needs_second_look) || f.diagnostic_type != "SMTP";
    if !look_again && let Some(r) = by_code {
        return r;
    }
    if let Some(r) = SECOND.iter().copied().find(|r| f.hits.has(*r)) {
        return r;
    }
    if f.command == "MAIL" {
        // Refused at MAIL FROM, before any recipient was named: the sender.
        return Reason::Rejected;
    }
    if let Some(r) = by_code {
        return r;
    }
    let class = f.status.get(..3).unwrap_or("");
    if class == "5.6" || class == "4.6" {
        return Reason::ContentError;
    }
    if class == "5.7" || class == "4.7" {
        return Reason::SecurityError;
    }
    if f.diagnostic_type.starts_with("X-UNIX") {
        return Reason::MailerError;
    }
    if let Ok(reply) = f.reply.parse::<u16>()
        && ((401..408).contains(&reply) || (501..508).contains(&reply))
    {
        return Reason::SyntaxError;
    }
    if f.action.starts_with("delayed") || f.action.starts_with("expired") {
        return Reason::Expired;
    }
    if matches!(f.command, "EHLO" | "HELO" | "CONN") {
        return Reason::Blocked;
    }
    if f.hits.has(Reason::Vacation) {
        return Reason::Vacation;
    }
    if f.hits.any_text && !f.vague {
        return Reason::OnHold;
    }
    Reason::Undefined
}

/// Joins a multi-line SMTP reply ("550-5.7.1 … 550-5.7.1 … 550 5.7.1 …")
/// into one sentence, so phrases broken across its lines match again: the
/// codes that start its lines go, and the reply and status are said once,
/// where the reply began ("host … said: 550 5.7.1 …"; an Exim report's
/// "after RCPT TO:<…>: 550 5.7.1 …"). `None` when `diag` has no
/// continuation line of `reply` (`550-…`).
fn unwrap_continuations(diag: &str, reply: &str, status: &str) -> Option<String> {
    if codes::quoted_status(diag).is_some() {
        // "550-'5.2.2 …'" is a quoted answer, not a continued line.
        return None;
    }
    let mut dash = [b'-'; 4];
    dash[..3].copy_from_slice(reply.as_bytes().get(..3)?);
    super::bytes::find_from(diag.as_bytes(), &dash, 0)?;
    // A space before the text, so that a reply it starts with is found
    // as the ones inside it are.
    let mut out = format!(" {diag}");
    // Where the first line's code stands; nothing before it is replaced
    // below, so the place holds afterwards.
    let began = ['-', ' ']
        .iter()
        .filter_map(|sep| out.find(&format!(" {reply}{sep}")))
        .min();
    for sep in ['-', ' '] {
        if !status.is_empty() {
            let both = format!(" {reply}{sep}{status} ");
            out = out.replace(&both, " ");
        }
        out = out.replace(&format!(" {reply}{sep}"), " ");
    }
    // Said again where it began, unless it is still there (a number in
    // the text that holds the reply's digits, "140si3605502", is not it).
    if let Some(at) = began
        && !out[at..].starts_with(&format!(" {reply}"))
    {
        out.insert_str(at, &format!(" {reply} {status}"));
    }
    Some(body::one_line(&out, 2000))
}

/// " temporar…" or " persistent…" in a lower-case text: words that make a
/// failure without a code temporary.
fn temporary_words(lower: &str) -> bool {
    static WORDS: std::sync::OnceLock<[memchr::memmem::Finder<'static>; 2]> =
        std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        [" temporar", " persistent"].map(|w| memchr::memmem::Finder::new(w.as_bytes()))
    });
    words.iter().any(|w| w.find(lower.as_bytes()).is_some())
}

/// True when a recipient's (lower-case) words say its MTA has stopped
/// trying, although the report calls the recipient delayed. OpenSMTPD 6.8
/// (the one Debian 12 ships) reports a mail whose time in the queue ran
/// out as a delay: "Action: delayed", "Envelope expired", and "this is
/// only a temporary failure report" below (OpenSMTPD's pull request 1133
/// fixed that later). The mail is given up: a user told it is still being
/// tried would wait for a delivery that will not come.
fn given_up(lower: &str) -> bool {
    static WORDS: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| memchr::memmem::Finder::new(b"envelope expired"));
    words.find(lower.as_bytes()).is_some()
}

/// Whether a failure for `reason` is permanent for the address.
pub fn is_hard(reason: Reason, status: &str, reply: &str, temporary_words: bool) -> bool {
    match reason {
        Reason::UserUnknown | Reason::HostUnknown | Reason::HasMoved => true,
        Reason::NotAccept => {
            let class = status.bytes().next().or_else(|| reply.bytes().next());
            match class {
                Some(b'5') => true,
                Some(b'4') => false,
                _ => !temporary_words,
            }
        }
        _ => false,
    }
}

/// True when a diagnostic says nothing but the recipient's address
/// ("", "<kari@example.org>", "kari@example.org:").
fn names_only(diagnostic: &str, recipient: &str) -> bool {
    let d = diagnostic.trim_matches(|c: char| c.is_whitespace() || "<>:;,.()[]\"'".contains(c));
    d.is_empty() || d.eq_ignore_ascii_case(recipient)
}

/// Classifies one recipient and completes its record.
pub(super) fn finish(mut r: Recipient, hint: Hint) -> Record {
    let mut diagnostic = if body::is_one_line(&r.diagnostic) && r.diagnostic.len() <= 2000 {
        r.diagnostic
    } else {
        body::one_line(&r.diagnostic, 2000)
    };
    // The words classified: the recipient's own lines, or the wider report
    // when those hold nothing to go on.
    let mut context = (!r.context.is_empty()).then(|| {
        if body::is_one_line(&r.context) && r.context.len() <= 2000 {
            r.context
        } else {
            body::one_line(&r.context, 2000)
        }
    });
    let text = context.as_deref().unwrap_or(&diagnostic);
    // A success code in the text counts only where the report says the
    // mail was delivered.
    let success = matches!(
        r.action.as_str(),
        "delivered" | "deliverable" | "relayed" | "expanded"
    );
    let in_text = if let Some(quoted) = codes::quoted_status(text) {
        quoted.to_string()
    } else if success {
        codes::find_status(text).unwrap_or_default()
    } else {
        codes::find_failure_status(text).unwrap_or_default()
    };
    let mut reply = codes::inner_reply(text)
        .map(str::to_string)
        .or_else(|| codes::find_reply(text, None))
        .unwrap_or_default();
    if !reply.is_empty() {
        if let Some(t) = context
            .as_deref()
            .and_then(|t| unwrap_continuations(t, &reply, &in_text))
        {
            context = Some(t);
        }
        if let Some(d) = unwrap_continuations(&diagnostic, &reply, &in_text) {
            diagnostic = d;
        }
    }
    // Shown instead of a bare address: the report's words, when they are
    // readable.
    let mut named_first = r.named_first;
    if names_only(&diagnostic, &r.recipient)
        && let Some(t) = &context
        && (diagnostic.is_empty() || body::readable(t))
    {
        diagnostic.clone_from(t);
        named_first = false;
    }
    let text = context.as_deref().unwrap_or(&diagnostic);
    let lower = phrases::lower(text);
    let hits = phrases::scan(&lower, hint.lhosts);
    let field_status = if codes::is_status(&r.status) {
        r.status.as_str()
    } else {
        ""
    };
    let status = codes::prefer(field_status, &in_text, &reply);
    let command = if r.smtp_command.is_empty() {
        body::smtp_command(&lower).to_string()
    } else {
        std::mem::take(&mut r.smtp_command)
    };
    let mut action = std::mem::take(&mut r.action);
    if action.is_empty() && hint.delayed {
        action = "delayed".into();
    }
    if action == "delayed" && given_up(&lower) {
        action = "failed".into();
    }
    let diagnostic_type = if r.diagnostic_type.is_empty() {
        "SMTP"
    } else {
        r.diagnostic_type.as_str()
    };
    let preset = r.preset.or(hits.direct);
    let provider = rhost::provider_for(&r.remote_mta, &r.recipient, &lower).and_then(|p| {
        p.reason(&rhost::Failure {
            remote_mta: &r.remote_mta,
            recipient: &r.recipient,
            lower: &lower,
            status: &status,
            reply: &reply,
            command: &command,
        })
    });
    let facts = Facts {
        status: &status,
        by_code: codes::status_reason(&status),
        reply: &reply,
        command: &command,
        action: &action,
        diagnostic_type,
        preset,
        hits: &hits,
        provider,
        vague: r.vague,
        shown: hint.shown,
    };
    let reason = classify(&facts);
    let temporary_words = temporary_words(&lower);
    let hard = is_hard(reason, &status, &reply, temporary_words);
    let mut status = status;
    if matches!(reason, Reason::Feedback | Reason::Vacation) {
        reply.clear();
    } else if status.is_empty() {
        let code_class = reply.bytes().next();
        let temporary = code_class == Some(b'4') || (code_class != Some(b'5') && temporary_words);
        // Refused at MAIL FROM, before this recipient was named: Sisimai
        // files the code under "on hold" (X.0.901) whatever the reason.
        let filed_under = if command == "MAIL" {
            Reason::OnHold
        } else {
            reason
        };
        status = codes::internal_status(filed_under, temporary).to_string();
    }
    if let (Some(s), Some(p)) = (status.bytes().next(), reply.bytes().next())
        && s != p
    {
        reply = codes::find_reply(text, Some(s)).unwrap_or_default();
    }
    // No action from the fields or the delay words (above): a failure code
    // means the mail failed. So does an expired one, given up on; Sisimai
    // calls every expired mail delayed, but a user told so would wait for
    // a delivery that will not come.
    if action.is_empty() && matches!(status.bytes().next(), Some(b'4' | b'5')) {
        action = "failed".into();
    }
    // Classified with the name that starts it, shown with the server's
    // words only.
    if named_first {
        diagnostic = body::without_name(diagnostic, &r.recipient);
    }
    // Classified with the prose around it, shown as the server's answer.
    if !r.answer.is_empty() {
        let answer = unwrap_continuations(&r.answer, &reply, &status).unwrap_or(r.answer);
        if body::answer_replaces(&answer, &diagnostic) {
            diagnostic = answer;
        }
    }
    Record {
        recipient: r.recipient,
        status,
        reply,
        reason,
        hard,
        action,
        diagnostic,
        remote_mta: r.remote_mta,
        smtp_command: command,
        feedback_type: String::new(),
        message_id: String::new(),
        sender: String::new(),
        subject: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_continued_reply_is_joined_with_its_codes_where_it_began() {
        // A Diagnostic-Code starts with the reply.
        assert_eq!(
            unwrap_continuations(
                "550-5.7.26 This mail has been 550-5.7.26 blocked because 550 5.7.26 of DMARC.",
                "550",
                "5.7.26"
            )
            .as_deref(),
            Some("550 5.7.26 This mail has been blocked because of DMARC.")
        );
        // A report's text says first who answered.
        assert_eq!(
            unwrap_continuations(
                "host mx.example said: 550-5.7.1 Mail from your 550 5.7.1 server is refused. (in reply to RCPT TO command)",
                "550",
                "5.7.1"
            )
            .as_deref(),
            Some(
                "host mx.example said: 550 5.7.1 Mail from your server is refused. (in reply to RCPT TO command)"
            )
        );
        assert_eq!(
            unwrap_continuations("550 5.1.1 User unknown", "550", "5.1.1"),
            None
        );
        // The reply's digits inside a number are not the reply.
        assert_eq!(
            unwrap_continuations(
                "550-5.1.1 No such user. Learn more at 550 5.1.1 https://support.example 140si3605502qhd - gsmtp",
                "550",
                "5.1.1"
            )
            .as_deref(),
            Some("550 5.1.1 No such user. Learn more at https://support.example 140si3605502qhd - gsmtp")
        );
    }
}
