//! One walk over the MIME tree: the parts a bounce is made of, sorted.
//!
//! `mail-parser` does the RFC 5322/2045 work (transfer encodings, charsets,
//! nested messages) and never panics; this module only decides which part
//! plays which role in a bounce.

use std::sync::OnceLock;

use mail_parser::{HeaderName, Message, MessageParser, MimeHeaders, PartType};

use super::body;

/// A parser that parses only the fields a bounce needs; the rest (Received
/// chains, DKIM signatures, dates …) are skipped, not decoded: their raw
/// text stays reachable through `headers_raw`, which is all we read of them.
fn parser() -> &'static MessageParser {
    static P: OnceLock<MessageParser> = OnceLock::new();
    P.get_or_init(|| {
        MessageParser::new()
            .default_header_ignore()
            .with_mime_headers()
            .header_text(HeaderName::Subject)
            .header_address(HeaderName::From)
            .header_address(HeaderName::To)
            .header_id(HeaderName::MessageId)
    })
}

/// The most text kept per role; bounce reports are short.
const MAX_TEXT: usize = 256 * 1024;
/// The most parts looked at; a bounce has a handful.
const MAX_PARTS: usize = 64;

/// A mail, sorted into the roles its parts play in a bounce.
#[derive(Debug, Default)]
pub(super) struct Mail {
    /// The bounce's own From address, lower case.
    pub from: String,
    /// The display name of the From field.
    pub from_name: String,
    /// The bounce's own To address.
    pub to: String,
    /// The bounce's own Subject.
    pub subject: String,
    /// Top-level header fields, lower-case names, raw values.
    pub headers: Vec<(String, String)>,
    /// Human-readable text of the report (not of the returned original).
    pub texts: Vec<String>,
    /// HTML parts, tags removed, used only when there is no plain text.
    pub html_texts: Vec<String>,
    /// message/delivery-status (and global-) parts, as text.
    pub dsn: Vec<String>,
    /// A message/feedback-report part, as text.
    pub feedback: Option<String>,
    /// What the mail says about the original message.
    pub original: Original,
    /// The report's readable text, assembled once.
    report: String,
    /// Where the quoted original starts in `report` (its length if nowhere).
    report_end: usize,
}

/// The headers of the message that bounced.
#[derive(Debug, Default, Clone)]
pub(super) struct Original {
    /// Message-ID without angle brackets.
    pub message_id: String,
    /// The sender address.
    pub sender: String,
    /// The subject.
    pub subject: String,
    /// The To addresses.
    pub to: Vec<String>,
}

impl Original {
    fn is_empty(&self) -> bool {
        self.message_id.is_empty()
            && self.sender.is_empty()
            && self.subject.is_empty()
            && self.to.is_empty()
    }

    fn from_message(m: &Message<'_>) -> Original {
        Original {
            message_id: m.message_id().unwrap_or("").to_string(),
            sender: m
                .from()
                .and_then(|a| a.first())
                .and_then(|a| a.address())
                .unwrap_or("")
                .to_string(),
            subject: m.subject().unwrap_or("").to_string(),
            to: m
                .to()
                .map(|a| {
                    a.iter()
                        .filter_map(|a| a.address())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// Reads header fields from text (an rfc822-headers part, or the copy of
    /// the original that follows a body-only report).
    pub fn from_header_text(text: &str) -> Original {
        let bytes = text.as_bytes();
        let bytes = &bytes[..bytes.len().min(64 * 1024)];
        parser()
            .parse_headers(bytes)
            .map(|m| Original::from_message(&m))
            .unwrap_or_default()
    }
}

impl Mail {
    /// Parses `raw`; `None` when it has no header section.
    pub fn read(raw: &[u8]) -> Option<Mail> {
        let msg = parser().parse(raw)?;
        if msg.headers().is_empty() {
            return None;
        }
        let mut mail = Mail {
            from: msg
                .from()
                .and_then(|a| a.first())
                .and_then(|a| a.address())
                .unwrap_or("")
                .to_ascii_lowercase(),
            from_name: msg
                .from()
                .and_then(|a| a.first())
                .and_then(|a| a.name())
                .unwrap_or("")
                .to_string(),
            to: msg
                .to()
                .and_then(|a| a.first())
                .and_then(|a| a.address())
                .unwrap_or("")
                .to_ascii_lowercase(),
            subject: msg.subject().unwrap_or("").to_string(),
            headers: msg
                .headers_raw()
                .take(200)
                .filter(|(n, _)| is_read(n))
                .map(|(n, v)| (n.to_ascii_lowercase(), v.trim().to_string()))
                .collect(),
            ..Mail::default()
        };
        let mut header_texts = Vec::new();
        for part in msg.parts.iter().take(MAX_PARTS) {
            let (ctype, subtype) = part
                .content_type()
                .map(|c| {
                    (
                        c.ctype().to_ascii_lowercase(),
                        c.subtype().unwrap_or("").to_ascii_lowercase(),
                    )
                })
                .unwrap_or_else(|| ("text".into(), "plain".into()));
            match &part.body {
                PartType::Text(t) => match (ctype.as_str(), subtype.as_str()) {
                    (_, "rfc822-headers") => header_texts.push(t.to_string()),
                    ("message", "delivery-status" | "global-delivery-status") => {
                        push(&mut mail.dsn, t)
                    }
                    ("message", "feedback-report") => mail.feedback = Some(cap(t).to_string()),
                    _ => push(&mut mail.texts, t),
                },
                PartType::Html(h) => push(&mut mail.html_texts, &body::strip_html(cap(h))),
                PartType::Binary(b) | PartType::InlineBinary(b) => {
                    let t = String::from_utf8_lossy(&b[..b.len().min(MAX_TEXT)]);
                    match (ctype.as_str(), subtype.as_str()) {
                        ("message", "delivery-status" | "global-delivery-status") => {
                            push(&mut mail.dsn, &t)
                        }
                        ("message", "feedback-report") => mail.feedback = Some(t.into_owned()),
                        (_, "rfc822-headers") | ("message", "rfc822" | "global") => {
                            header_texts.push(t.into_owned())
                        }
                        ("text", _) => push(&mut mail.texts, &t),
                        _ => {}
                    }
                }
                PartType::Message(m) => {
                    if mail.original.is_empty() {
                        mail.original = Original::from_message(m);
                    }
                    // A report forwarded inside a report: its status fields
                    // count too.
                    for inner in m.parts.iter().take(MAX_PARTS) {
                        let is_dsn = inner.content_type().is_some_and(|c| {
                            c.ctype().eq_ignore_ascii_case("message")
                                && c.subtype()
                                    .is_some_and(|s| s.eq_ignore_ascii_case("delivery-status"))
                        });
                        if is_dsn {
                            push(&mut mail.dsn, &String::from_utf8_lossy(inner.contents()));
                        }
                    }
                }
                PartType::Multipart(_) => {}
            }
        }
        if mail.original.is_empty()
            && let Some(h) = header_texts.first()
        {
            mail.original = Original::from_header_text(h);
        }
        mail.report = mail.assemble_report();
        if mail.report.trim().is_empty() {
            // MIME too broken to yield any text part: read the raw body.
            let body_at = msg.root_part().offset_body as usize;
            if let Some(body) = raw.get(body_at..) {
                mail.report =
                    String::from_utf8_lossy(&body[..body.len().min(MAX_TEXT)]).into_owned();
            }
        }
        let quoted = body::original_start(&mail.report);
        mail.report_end = quoted.unwrap_or(mail.report.len());
        if mail.original.is_empty() {
            // No attached copy: the copy quoted after a body-only report.
            if let Some(at) = quoted {
                mail.original =
                    Original::from_header_text(body::skip_to_headers(&mail.report[at..]));
            }
        }
        Some(mail)
    }

    /// The value of a top-level header field (first occurrence); only the
    /// fields in [`READ_HEADERS`] and the scoped MTAs' fields are kept.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The report's readable text: plain parts, or HTML ones when there is
    /// no plain text, or the raw body when MIME yields neither.
    pub fn report_text(&self) -> &str {
        &self.report
    }

    /// The report without the quoted copy of the original.
    pub fn report_part(&self) -> &str {
        &self.report[..self.report_end]
    }

    fn assemble_report(&self) -> String {
        let has = |v: &[String]| v.iter().any(|t| !t.trim().is_empty());
        let parts = if has(&self.texts) {
            &self.texts
        } else {
            &self.html_texts
        };
        let mut out = String::new();
        for t in parts {
            if out.len() + t.len() > MAX_TEXT {
                break;
            }
            out.push_str(t);
            out.push('\n');
        }
        out
    }

    /// The original message's headers, from an attached copy or, failing
    /// that, from the copy quoted after a body-only report.
    pub fn original(&self) -> &Original {
        &self.original
    }

    /// Addresses that are never the bounced recipient: the bounce's own
    /// sender and addressee, and the original's sender.
    pub fn not_recipients(&self) -> Vec<String> {
        let mut v = vec![self.from.clone(), self.to.clone()];
        v.push(self.original.sender.to_ascii_lowercase());
        v.push(self.original.message_id.to_ascii_lowercase());
        if let Some(rp) = self.header("return-path") {
            v.push(rp.trim_matches(['<', '>', ' ']).to_ascii_lowercase());
        }
        v.retain(|a| !a.is_empty());
        v
    }

    /// Who the mail was for, when the report itself names nobody:
    /// `X-Failed-Recipients`, then the original's To.
    pub fn fallback_recipients(&self) -> Vec<String> {
        let failed: Vec<String> = self
            .headers
            .iter()
            .filter(|(n, _)| n == "x-failed-recipients")
            .flat_map(|(_, v)| {
                v.split(',')
                    .map(|a| a.trim().trim_matches(['<', '>']).to_string())
            })
            .filter(|a| a.contains('@'))
            .collect();
        if !failed.is_empty() {
            return failed;
        }
        self.original.to.iter().take(1).cloned().collect()
    }

    /// True when the headers, sender or subject say this is a delivery report.
    pub fn looks_like_bounce(&self) -> bool {
        if !self.dsn.is_empty() || self.header("x-failed-recipients").is_some() {
            return true;
        }
        if let Some(ct) = self.header("content-type") {
            let ct = ct.to_ascii_lowercase().replace('"', "");
            if ct.contains("report-type=delivery-status")
                || ct.contains("report-type=global-delivery-status")
            {
                return true;
            }
        }
        let local = self.from.split('@').next().unwrap_or("");
        let sender = [
            "mailer-daemon",
            "mailer_daemon",
            "mailerdaemon",
            "mail-daemon",
            "postmaster",
            "post_master",
            "bounce",
            "mdaemon",
        ]
        .iter()
        .any(|p| local.starts_with(p));
        let name = self.from_name.to_ascii_lowercase();
        let sender = sender
            || [
                "mail delivery",
                "mailer-daemon",
                "mailer daemon",
                "postmaster",
                "delivery subsystem",
                "mail administrator",
            ]
            .iter()
            .any(|p| name.contains(p));
        // The null sender ("From: <>") is what MTAs write reports as.
        let null_sender =
            self.from.is_empty() && self.header("from").is_some_and(|f| f.trim() == "<>");
        if sender || null_sender {
            return true;
        }
        // A subject alone can be a person's ("Re: bounce house on Sunday"):
        // it needs a returned original, report wording or a status code.
        let returned = !self.original.is_empty();
        let report = self.report_part();
        let evidence = || {
            body::text_says_bounce(report)
                || super::codes::find_status(report).is_some()
                || super::codes::find_reply(report, Some(b'5')).is_some()
                || super::codes::find_reply(report, Some(b'4')).is_some()
        };
        if body::subject_says_bounce(&self.subject) {
            return returned || evidence();
        }
        // A returned original plus report wording in the first lines.
        returned && body::text_says_bounce(report)
    }

    /// True for a one-click unsubscribe request sent as mail (Apple Mail's
    /// "unsubscribe" messages): a complaint of the opt-out kind.
    pub fn is_unsubscribe_request(&self) -> bool {
        self.header("x-apple-unsubscribe")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// True when the headers or subject mark an automatic reply (RFC 3834
    /// and the common vendor headers).
    pub fn is_auto_reply(&self) -> bool {
        let auto = self
            .header("auto-submitted")
            .is_some_and(|v| v.to_ascii_lowercase().starts_with("auto-replied"));
        let vendor = ["x-autoreply", "x-autorespond", "x-autoresponse"]
            .iter()
            .any(|h| self.header(h).is_some())
            || self
                .header("x-apple-action")
                .is_some_and(|v| v.eq_ignore_ascii_case("vacation"))
            || self
                .header("precedence")
                .is_some_and(|v| v.eq_ignore_ascii_case("auto_reply"));
        auto || vendor || body::subject_says_auto_reply(&self.subject)
    }
}

/// Top-level header fields the rules read; the rest (Received chains,
/// signatures …) are not copied.
const READ_HEADERS: &[&str] = &[
    "from",
    "return-path",
    "content-type",
    "x-failed-recipients",
    "auto-submitted",
    "precedence",
    "x-autoreply",
    "x-autorespond",
    "x-autoresponse",
    "x-apple-action",
    "x-apple-unsubscribe",
];

/// True for a field [`Mail::header`] may be asked for.
fn is_read(name: &str) -> bool {
    READ_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name))
        || super::reason::phrases::is_lhost_header(name)
}

fn cap(t: &str) -> &str {
    if t.len() <= MAX_TEXT {
        return t;
    }
    let mut end = MAX_TEXT;
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    &t[..end]
}

fn push(v: &mut Vec<String>, t: &str) {
    if v.len() < MAX_PARTS {
        v.push(cap(t).to_string());
    }
}
