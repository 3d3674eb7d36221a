//! One walk over the MIME tree: the parts a bounce is made of, sorted.
//!
//! A bounce is read for three things: the report's text, its
//! delivery-status fields, and the header section of the returned
//! original. The original's body — often most of the mail, with its own
//! attachments — says nothing about why delivery failed, so this walk finds
//! part boundaries itself, borrowing from the raw message, and skips that
//! body instead of decoding it. What is kept is decoded in [`super::fields`]
//! (field values, by mail-parser where they are not plain) and
//! [`super::decode`] (transfer encodings, and charsets by mail-parser).
//!
//! Everything is bounded: the parts visited ([`MAX_PARTS`]), the nesting
//! followed ([`MAX_DEPTH`]), the fields of a header section, and the text
//! kept per role ([`MAX_TEXT`]).

use std::borrow::Cow;

use memchr::memmem;

use super::body;
use super::decode::{self, lossy, text, transfer_decode};
use super::fields::{
    Field, MediaType, all_addresses, first_address, first_mailbox, header_section, last,
    media_type, message_id, unstructured,
};
use super::html;
use super::wording;

/// The most text kept per role; bounce reports are short.
const MAX_TEXT: usize = 256 * 1024;
/// The most parts looked at; a bounce has a handful.
const MAX_PARTS: usize = 64;
/// The deepest multipart nesting followed.
const MAX_DEPTH: usize = 16;
/// The most bytes of a returned original's header section read.
const MAX_ORIGINAL_HEADER: usize = 64 * 1024;

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

    fn from_fields(fields: &[Field<'_>]) -> Original {
        Original {
            message_id: last(fields, "message-id")
                .map_or_else(String::new, |f| message_id(f.value)),
            sender: last(fields, "from").map_or_else(String::new, |f| first_mailbox(f.value)),
            subject: last(fields, "subject").map_or_else(String::new, |f| unstructured(f.value)),
            to: last(fields, "to").map_or_else(Vec::new, |f| all_addresses(f.value)),
        }
    }

    /// Gives `record` this message's Message-ID, sender and subject where
    /// it has none of its own.
    pub fn fill(&self, record: &mut super::Record) {
        for (field, value) in [
            (&mut record.message_id, &self.message_id),
            (&mut record.sender, &self.sender),
            (&mut record.subject, &self.subject),
        ] {
            if field.is_empty() {
                field.clone_from(value);
            }
        }
    }

    /// Reads header fields from text (an rfc822-headers part, or the copy of
    /// the original that follows a body-only report).
    pub fn from_header_text(text: &str) -> Original {
        let bytes = text.as_bytes();
        let (fields, _) = header_section(&bytes[..bytes.len().min(MAX_ORIGINAL_HEADER)]);
        Original::from_fields(&fields)
    }
}

/// A mail, sorted into the roles its parts play in a bounce.
#[derive(Debug, Default)]
pub(super) struct Mail<'a> {
    /// The bounce's own From address, lower case.
    pub from: String,
    /// The display name of the From field.
    pub from_name: String,
    /// The bounce's own To address.
    pub to: String,
    /// The bounce's own Subject.
    pub subject: String,
    /// Top-level header fields the rules read ([`is_read`]): names as
    /// written, trimmed raw values, in order.
    headers: Vec<(&'a [u8], Cow<'a, str>)>,
    /// Human-readable text of the report (not of the returned original).
    texts: Vec<Cow<'a, str>>,
    /// HTML parts, used only when there is no plain text: decoded then.
    html: Vec<Encoded<'a>>,
    /// message/delivery-status parts (also global-, and the xdelivery-
    /// some filtering gateways write), as text.
    pub dsn: Vec<Cow<'a, str>>,
    /// A message/feedback-report part, as text.
    pub feedback: Option<Cow<'a, str>>,
    /// What the mail says about the original message.
    original: Original,
    /// text/rfc822-headers parts (and undecodable attached messages).
    header_texts: Vec<Cow<'a, str>>,
    /// Parts visited so far.
    parts: usize,
    /// The report's readable text, assembled once.
    report: Cow<'a, str>,
    /// The same, ASCII lower-cased, for the case-insensitive searches.
    lower: String,
    /// Where the quoted original starts in `report` (its length if nowhere).
    report_end: usize,
    /// The original came attached (message/rfc822, text/rfc822-headers),
    /// not only as a copy quoted in the text, as a person's reply quotes.
    attached_original: bool,
    /// The first attached message, whole: what a person forwards.
    first_attached: Option<Cow<'a, [u8]>>,
}

/// A part's body as it stands in the mail, with what decoding it needs:
/// read only if it is needed.
#[derive(Debug)]
struct Encoded<'a> {
    body: &'a [u8],
    /// The Content-Transfer-Encoding value.
    encoding: Option<&'a [u8]>,
    charset: Option<Cow<'a, str>>,
}

impl Encoded<'_> {
    fn text(&self) -> Cow<'_, str> {
        cap(text(
            decode::transfer_decode_as(self.encoding, self.body),
            self.charset.as_deref(),
        ))
    }
}

/// What a part's Content-Type makes of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Multipart { digest: bool },
    Message,
    DeliveryStatus,
    Feedback,
    HeaderText,
    Html,
    Text,
    Other,
}

fn role(ct: Option<&MediaType<'_>>, in_digest: bool) -> Role {
    let Some(ct) = ct else {
        // No Content-Type: text/plain, or a message inside a digest.
        return if in_digest { Role::Message } else { Role::Text };
    };
    let is = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    let ty = &*ct.ctype;
    let sub = &*ct.subtype;
    // "rfc822-header", without the s, is what some feedback loops write;
    // message/partial is how Bigfoot returns the original (its first
    // fragment: the header section and the start of the body).
    if is(sub, "rfc822-headers")
        || is(sub, "rfc822-header")
        || (is(ty, "message") && (is(sub, "global-headers") || is(sub, "partial")))
    {
        Role::HeaderText
    } else if is(ty, "multipart") {
        Role::Multipart {
            digest: is(sub, "digest"),
        }
    } else if is(ty, "message") {
        if is(sub, "rfc822") || is(sub, "global") {
            Role::Message
        } else if is(sub, "delivery-status")
            || is(sub, "global-delivery-status")
            || is(sub, "xdelivery-status")
        {
            Role::DeliveryStatus
        } else if is(sub, "feedback-report") {
            Role::Feedback
        } else {
            Role::Other
        }
    } else if is(ty, "text") {
        if is(sub, "html") {
            Role::Html
        } else {
            Role::Text
        }
    } else {
        Role::Other
    }
}

/// The parts of a multipart body: the text between `--boundary` lines,
/// up to the closing `--boundary--` (or the end, when it is missing).
/// `None` when the boundary never occurs: the body is then read as text.
fn multipart<'a>(body: &'a [u8], boundary: &str) -> Option<Vec<&'a [u8]>> {
    if boundary.is_empty() {
        return None;
    }
    let delimiter = [b"--", boundary.as_bytes()].concat();
    let mut found = delimiters(body, &delimiter);
    let first = found.next()?;
    let mut parts = Vec::new();
    let mut start = line_end(body, first + delimiter.len());
    if body[first + delimiter.len()..].starts_with(b"--") {
        return Some(parts);
    }
    for at in found {
        if at < start {
            continue;
        }
        // The line break before a delimiter belongs to the delimiter.
        let mut end = at;
        if end > 0 && body[end - 1] == b'\n' {
            end -= 1;
            if end > 0 && body[end - 1] == b'\r' {
                end -= 1;
            }
        }
        parts.push(&body[start..end.max(start)]);
        if parts.len() >= MAX_PARTS {
            return Some(parts);
        }
        let after = at + delimiter.len();
        if body[after..].starts_with(b"--") {
            return Some(parts);
        }
        start = line_end(body, after);
    }
    if start < body.len() {
        parts.push(&body[start..]);
    }
    Some(parts)
}

/// Where `delimiter` (`--` and a boundary) occurs in `body`, left to right,
/// not overlapping: what `memmem::find_iter` gives, without building a
/// searcher for each boundary (most of the cost for a short body). One
/// searcher for `--`, built once, finds the candidates.
fn delimiters<'b>(body: &'b [u8], delimiter: &'b [u8]) -> impl Iterator<Item = usize> + 'b {
    static DASHES: std::sync::OnceLock<memmem::Finder<'static>> = std::sync::OnceLock::new();
    let dashes = DASHES.get_or_init(|| memmem::Finder::new(b"--"));
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(n) = dashes.find(body.get(from..)?) {
            let at = from + n;
            if body[at..].starts_with(delimiter) {
                from = at + delimiter.len();
                return Some(at);
            }
            from = at + 1;
        }
        from = body.len() + 1;
        None
    })
}

/// True when a part's Content-Disposition or Content-Type names an `.eml`
/// file (`filename="Undeliverable.eml"`, `name=…`, RFC 2231's
/// `filename*=utf-8''….eml`).
fn names_eml_file(fields: &[Field<'_>]) -> bool {
    ["content-disposition", "content-type"].iter().any(|name| {
        last(fields, name).is_some_and(|f| {
            f.value.split(|&b| b == b';').any(|param| {
                let param = param
                    .trim_ascii()
                    .strip_suffix(b"\"")
                    .unwrap_or(param.trim_ascii());
                param.len() > 4 && param[param.len() - 4..].eq_ignore_ascii_case(b".eml")
            })
        })
    })
}

/// The offset after the line break that ends the line holding `at`.
fn line_end(b: &[u8], at: usize) -> usize {
    memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |n| at + n + 1)
}

fn cap(t: Cow<'_, str>) -> Cow<'_, str> {
    if t.len() <= MAX_TEXT {
        return t;
    }
    let end = t.floor_char_boundary(MAX_TEXT);
    match t {
        Cow::Borrowed(s) => Cow::Borrowed(&s[..end]),
        Cow::Owned(mut s) => {
            s.truncate(end);
            Cow::Owned(s)
        }
    }
}

fn push<'a>(v: &mut Vec<Cow<'a, str>>, t: Cow<'a, str>) {
    if v.len() < MAX_PARTS {
        v.push(cap(t));
    }
}

impl<'a> Mail<'a> {
    /// Reads `raw`; `None` when it has no header section.
    pub fn read(raw: &'a [u8]) -> Option<Mail<'a>> {
        // Blank lines before the header section (a line of spaces left by
        // whatever saved the mail) are not its end.
        let raw = without_blank_lines(raw);
        let (fields, body_at) = header_section(raw);
        if fields.is_empty() {
            return None;
        }
        let (from_name, from) = last(&fields, "from")
            .map(|f| first_address(f.value))
            .unwrap_or_default();
        let mut mail = Mail {
            from: from.to_ascii_lowercase(),
            from_name,
            to: last(&fields, "to")
                .map(|f| first_mailbox(f.value))
                .unwrap_or_default()
                .to_ascii_lowercase(),
            subject: last(&fields, "subject").map_or_else(String::new, |f| unstructured(f.value)),
            headers: fields
                .iter()
                .filter(|f| is_read(f.name))
                .map(|f| (f.name, trimmed(f.value)))
                .collect(),
            ..Mail::default()
        };
        let body = &raw[body_at..];
        mail.part(&fields, body, false, 0);
        if mail.original.is_empty()
            && let Some(h) = mail.header_texts.first()
        {
            mail.original = Original::from_header_text(h);
        }
        mail.attached_original = !mail.original.is_empty();
        mail.report = mail.assemble_report();
        if mail.report.trim().is_empty() {
            // MIME too broken to yield any text part: read the raw body.
            mail.report = cap(String::from_utf8_lossy(body));
        }
        mail.lower = mail.report.to_ascii_lowercase();
        let quoted = body::original_start(&mail.lower);
        mail.report_end = quoted.unwrap_or(mail.report.len());
        if mail.original.is_empty() {
            // No attached copy: the copy quoted after a body-only report.
            if let Some(at) = quoted {
                let copy = &mail.report[at..];
                mail.original = Original::from_header_text(body::skip_to_headers(copy));
                if mail.original.is_empty()
                    && let Some(copy) = body::dedent_quote(copy)
                {
                    // fml quotes the original indented.
                    mail.original = Original::from_header_text(body::skip_to_headers(&copy));
                }
            }
        }
        if mail.original.is_empty()
            && let Some(fields) = body::summary_fields(mail.report_part())
        {
            // A summary addressed to the bounce's own addressee is of the
            // report itself (IMail's "Save to the following Address Book").
            let summary = Original::from_header_text(fields);
            if !summary.to.iter().any(|t| t.eq_ignore_ascii_case(&mail.to)) {
                mail.original = summary;
            }
        }
        if mail.original.is_empty()
            && let Some(fields) = body::details_fields(mail.report_cased())
        {
            // Exchange's notice as shown: its details of the original.
            mail.original = Original::from_header_text(&fields);
        }
        Some(mail)
    }

    /// Sorts one part (and what it holds) into its role.
    fn part(&mut self, fields: &[Field<'a>], body: &'a [u8], in_digest: bool, depth: usize) {
        if self.parts >= MAX_PARTS {
            return;
        }
        self.parts += 1;
        let ct = media_type(fields);
        let mut role = role(ct.as_ref(), in_digest);
        if let Role::Multipart { digest } = role {
            let boundary = ct.as_ref().and_then(|c| c.boundary.as_deref());
            match boundary.and_then(|b| multipart(body, b)) {
                Some(parts) => {
                    if depth < MAX_DEPTH {
                        for p in parts {
                            let (f, at) = header_section(p);
                            match glued_message(p, &f) {
                                Some((own, start)) => {
                                    self.part(&f[..own], &p[start..], digest, depth + 1);
                                }
                                None => self.part(&f, &p[at..], digest, depth + 1),
                            }
                        }
                    }
                    return;
                }
                // A multipart without its boundary is read as text.
                None => role = Role::Text,
            }
        }
        let charset = || ct.as_ref().and_then(|c| c.charset.as_deref());
        match role {
            Role::Multipart { .. } => {}
            Role::Other => {
                // A mail attached as a file ("Undeliverable.eml", typed
                // application/octet-stream): what a person forwards, too.
                if self.first_attached.is_none() && names_eml_file(fields) {
                    self.first_attached = Some(transfer_decode(fields, body));
                }
            }
            Role::Message => self.message(fields, body),
            Role::DeliveryStatus => {
                let t = lossy(transfer_decode(fields, body));
                push(&mut self.dsn, t);
            }
            Role::Feedback => {
                self.feedback = Some(cap(lossy(transfer_decode(fields, body))));
            }
            Role::HeaderText => {
                let t = text(transfer_decode(fields, body), charset());
                push(&mut self.header_texts, t);
            }
            Role::Html => {
                if self.html.len() < MAX_PARTS {
                    self.html.push(Encoded {
                        body,
                        encoding: decode::transfer_encoding(fields),
                        charset: ct.and_then(|c| c.charset),
                    });
                }
            }
            Role::Text => {
                let t = text(transfer_decode(fields, body), charset());
                push(&mut self.texts, t);
            }
        }
    }

    /// An attached message (the returned original, usually): its header
    /// section, and the delivery-status parts of a report forwarded inside
    /// a mail that has none of its own. Its body is not read otherwise; the
    /// first is kept whole, for [`Self::forwarded`].
    fn message(&mut self, fields: &[Field<'a>], body: &'a [u8]) {
        let inner = transfer_decode(fields, body);
        match &inner {
            Cow::Borrowed(inner) => self.attached(inner, |t| t),
            Cow::Owned(inner) => self.attached(inner, |t| Cow::Owned(t.into_owned())),
        }
        if self.first_attached.is_none() {
            self.first_attached = Some(inner);
        }
    }

    fn attached<'b>(&mut self, inner: &'b [u8], keep: impl Fn(Cow<'b, str>) -> Cow<'a, str>) {
        // Some MTAs leave a blank line between the part's own fields and
        // the attached message's.
        let inner = without_blank_lines(inner);
        let (fields, at) = header_section(inner);
        if fields.is_empty() {
            // Not a message after all ("Message removed"): kept where
            // header texts go, read for the original's fields.
            push(&mut self.header_texts, keep(String::from_utf8_lossy(inner)));
            return;
        }
        if self.original.is_empty() {
            self.original = Original::from_fields(&fields);
        }
        // A report of its own comes first; a report inside the returned
        // message is then the original's (a bounce of a bounce), not this
        // mail's.
        if !self.dsn.is_empty() || !may_hold_dsn(inner) {
            return;
        }
        let mut dsn = Vec::new();
        let mut budget = MAX_PARTS.saturating_sub(self.parts);
        collect_dsn(
            &fields,
            &inner[at.min(inner.len())..],
            0,
            &mut dsn,
            &mut budget,
        );
        for t in dsn {
            push(&mut self.dsn, keep(t));
        }
    }

    /// The value of a top-level header field (first occurrence); only the
    /// fields in [`READ_HEADERS`] and the scoped MTAs' fields are kept.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name.as_bytes()))
            .map(|(_, v)| v.as_ref())
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

    /// The report's text beside its lower-case copy.
    pub fn report_cased(&self) -> body::Cased<'_> {
        body::Cased {
            text: &self.report,
            lower: &self.lower,
        }
    }

    /// The report without the quoted original, beside its lower-case copy.
    pub fn report_part_cased(&self) -> body::Cased<'_> {
        self.report_cased().prefix(self.report_end)
    }

    fn assemble_report(&mut self) -> Cow<'a, str> {
        let has = |v: &[Cow<'_, str>]| v.iter().any(|t| !t.trim().is_empty());
        if !has(&self.texts) {
            let mut out = String::new();
            for h in &self.html {
                let t = html::strip_html(&h.text());
                if out.len() + t.len() > MAX_TEXT {
                    break;
                }
                out.push_str(&t);
                out.push('\n');
            }
            return Cow::Owned(out);
        }
        if let [only] = self.texts.as_mut_slice() {
            return std::mem::take(only);
        }
        let mut out = String::new();
        for t in &self.texts {
            if out.len() + t.len() > MAX_TEXT {
                break;
            }
            out.push_str(t);
            out.push('\n');
        }
        Cow::Owned(out)
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

    /// The addresses of `X-Failed-Recipients` fields (Exim, Gmail).
    pub fn failed_recipients(&self) -> Vec<String> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(b"x-failed-recipients"))
            .flat_map(|(_, v)| {
                v.split(',')
                    .map(|a| a.trim().trim_matches(['<', '>']).to_string())
            })
            .filter(|a| a.contains('@'))
            .collect()
    }

    /// Who the mail was for, when the report itself names nobody:
    /// `X-Failed-Recipients`, then the original's To.
    pub fn fallback_recipients(&self) -> Vec<String> {
        let failed = self.failed_recipients();
        if !failed.is_empty() {
            return failed;
        }
        self.original.to.iter().take(1).cloned().collect()
    }

    /// True when the headers, sender or subject say this is a delivery report.
    pub fn looks_like_bounce(&self) -> bool {
        if self.is_delivery_report() || self.sent_by_system() {
            return true;
        }
        // A mailing list manager's own notice comes from the list's
        // administrative address; a member's post it distributes does not,
        // whatever its words.
        let local = self.from.split('@').next().unwrap_or("");
        let list_admin =
            local.ends_with("-admin") || local.ends_with("-owner") || local.starts_with("owner-");
        if list_admin
            && super::reason::phrases::is_program_notice(self.report_cased().lower, &|name| {
                self.header(name)
            })
        {
            return true;
        }
        // A subject alone can be a person's ("Re: bounce house on Sunday"):
        // it needs a returned original, report wording or a status code.
        if wording::subject_says_bounce(&self.subject) {
            return !self.original.is_empty() || self.text_says_failure();
        }
        // An attached original plus report wording in the first lines,
        // returned to the original's sender. A copy quoted in the text is
        // not enough: a person's reply quotes the mail it answers ("my
        // parcel was not delivered yet"). Nor is a mail attached and sent
        // elsewhere: a person forwarding it to ask why it "could not be
        // delivered" writes to support, not to its sender.
        self.attached_original
            && self.returned_to_sender()
            && wording::text_says_bounce(self.report_part())
    }

    /// True when a mail system sent this mail, by its sender: a system
    /// mailbox (mailer-daemon, postmaster …), a system's display name
    /// ("Mail Delivery System"), or the null sender (`From: <>`), which is
    /// what MTAs write reports as.
    fn sent_by_system(&self) -> bool {
        let local = self.from.split('@').next().unwrap_or("");
        let mailbox = [
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
        let name = || {
            let name = self.from_name.to_ascii_lowercase();
            [
                "mail delivery",
                "mailer-daemon",
                "mailer daemon",
                "postmaster",
                "delivery subsystem",
                "mail administrator",
            ]
            .iter()
            .any(|p| name.contains(p))
        };
        let null_sender =
            || self.from.is_empty() && self.header("from").is_some_and(|f| f.trim() == "<>");
        mailbox || name() || null_sender()
    }

    /// The message a person forwarded as an attachment ("Fwd: Mail
    /// delivery failed", the report attached whole): the first attached
    /// message of a mail that is not from a mail system and is no report
    /// by its own type. Whether that message is a bounce is the caller's
    /// to read.
    pub fn forwarded(&self) -> Option<&[u8]> {
        let attached = self.first_attached.as_deref()?;
        let report_type = self
            .header("content-type")
            .is_some_and(|ct| super::bytes::contains_lowered(ct, "multipart/report"));
        (!report_type && !self.sent_by_system()).then_some(attached)
    }

    /// True when this mail goes to the returned original's sender, as a
    /// report does (or the original names no sender).
    fn returned_to_sender(&self) -> bool {
        let sender = &self.original.sender;
        sender.is_empty() || sender.eq_ignore_ascii_case(&self.to)
    }

    /// A report by its structure: delivery-status fields, the
    /// X-Failed-Recipients field, or a multipart/report of delivery status.
    pub fn is_delivery_report(&self) -> bool {
        if !self.dsn.is_empty() || self.header("x-failed-recipients").is_some() {
            return true;
        }
        self.header("content-type").is_some_and(|ct| {
            let ct = ct.to_ascii_lowercase().replace('"', "");
            ct.contains("report-type=delivery-status")
                || ct.contains("report-type=global-delivery-status")
        })
    }

    /// Report wording, an enhanced status code or a failure reply code in
    /// the report's text.
    fn text_says_failure(&self) -> bool {
        let report = self.report_part();
        wording::text_says_bounce(report)
            || super::codes::find_status(report).is_some()
            || super::codes::find_reply(report, Some(b'5')).is_some()
            || super::codes::find_reply(report, Some(b'4')).is_some()
    }

    /// True when nothing but its sender (mailer-daemon, postmaster, the
    /// null sender) makes the mail a report: not one by its structure
    /// ([`Self::is_delivery_report`]), no returned original, no report
    /// words in its subject or text, no status or reply code. A provider's own notice ("Your
    /// mailbox is almost full") is such a mail, and so are a few terse
    /// reports ("userx@example.com: host not found").
    pub fn only_sender_says_bounce(&self) -> bool {
        !self.is_delivery_report()
            && self.original.is_empty()
            && !wording::subject_says_bounce(&self.subject)
            && !self.text_says_failure()
    }

    /// True when the mail carries a message or its header section,
    /// readable or not ("Message removed"): what a report returns.
    pub fn attaches_message(&self) -> bool {
        self.attached_original || !self.header_texts.is_empty()
    }

    /// True for a one-click unsubscribe request sent as mail (Apple Mail's
    /// "unsubscribe" messages): a complaint of the opt-out kind.
    pub fn is_unsubscribe_request(&self) -> bool {
        self.header("x-apple-unsubscribe")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// The sending address a complaint notice names, when this mail is
    /// one: a complaint forwarded without a feedback-report part, the
    /// returned message under "complaint about message from 192.0.2.1"
    /// (Microsoft's junk mail reporting program writes these).
    pub fn complaint_source(&self) -> Option<&str> {
        const SUBJECT: &str = "complaint about message from ";
        let subject = self.subject.trim_start();
        (!self.original.is_empty() && super::bytes::starts_with_ci(subject, SUBJECT))
            .then(|| subject[SUBJECT.len()..].trim())
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
        // The Unix vacation program's mark, which many autoresponders
        // copied: sent with the null sender (RFC 3834 asks for it), so no
        // reply comes back, and "Precedence: bulk" or "junk", so no
        // autoresponder answers it in turn.
        let responder = || {
            self.header("return-path").is_some_and(|v| v.trim() == "<>")
                && self.header("precedence").is_some_and(|v| {
                    v.eq_ignore_ascii_case("bulk") || v.eq_ignore_ascii_case("junk")
                })
        };
        auto || vendor || wording::subject_says_auto_reply(&self.subject) || responder()
    }
}

/// A part that holds a message whose own header section follows the
/// part's fields with no blank line between them: CommuniGate Pro writes
/// `Content-Type: message/rfc822` straight above the returned original's
/// `Received:`. Read as one header section, the original's Content-Type
/// (the last) would type the part, and the original's body would be read
/// as the report's text. `Some((n, start))`: the part's own fields are the
/// first `n` (its `Content-*` fields, from the message/rfc822 one on), and
/// the message starts at `start` in `part`. `None` for every other part,
/// a message part with one Content-Type among them.
fn glued_message(part: &[u8], fields: &[Field<'_>]) -> Option<(usize, usize)> {
    let is_type = |f: &Field<'_>| f.name.eq_ignore_ascii_case(b"content-type");
    let first = fields.iter().position(is_type)?;
    // Nearly every part has one Content-Type: it is left before its type
    // is read a second time.
    let later = fields[first + 1..].iter().position(is_type)? + first + 1;
    let own = fields[first + 1..].iter().position(|f| {
        !f.name
            .get(..8)
            .is_some_and(|n| n.eq_ignore_ascii_case(b"content-"))
    })? + first
        + 1;
    // The message's fields start before its Content-Type; a part that
    // types itself twice among its own fields is left as it is. Its first
    // Content-Type must make it a message part, as `role` reads one.
    let message = || {
        matches!(
            role(media_type(&fields[first..=first]).as_ref(), false),
            Role::Message
        )
    };
    (own < later && message()).then(|| {
        (
            own,
            fields[own].name.as_ptr() as usize - part.as_ptr() as usize,
        )
    })
}

/// Delivery-status parts anywhere in an attached message (not inside a
/// message attached to it).
fn collect_dsn<'b>(
    fields: &[Field<'b>],
    body: &'b [u8],
    depth: usize,
    out: &mut Vec<Cow<'b, str>>,
    budget: &mut usize,
) {
    if *budget == 0 {
        return;
    }
    *budget -= 1;
    let ct = media_type(fields);
    match role(ct.as_ref(), false) {
        Role::Multipart { .. } if depth < MAX_DEPTH => {
            let boundary = ct.as_ref().and_then(|c| c.boundary.as_deref());
            for p in boundary
                .and_then(|b| multipart(body, b))
                .unwrap_or_default()
            {
                let (f, at) = header_section(p);
                collect_dsn(&f, &p[at..], depth + 1, out, budget);
            }
        }
        Role::DeliveryStatus
            if ct
                .as_ref()
                .is_some_and(|c| c.subtype.eq_ignore_ascii_case("delivery-status")) =>
        {
            out.push(cap(lossy(transfer_decode(fields, body))));
        }
        _ => {}
    }
}

/// `bytes` from its first line that is not blank.
pub(super) fn without_blank_lines(bytes: &[u8]) -> &[u8] {
    let mut at = 0;
    while let Some(nl) = memchr::memchr(b'\n', &bytes[at..]) {
        if !bytes[at..at + nl].iter().all(u8::is_ascii_whitespace) {
            break;
        }
        at += nl + 1;
    }
    &bytes[at..]
}

/// False when no delivery-status part can be in `message`: the words are
/// nowhere in it (in the spellings MTAs write). Most returned originals
/// are plain messages; their parts need not be walked.
fn may_hold_dsn(message: &[u8]) -> bool {
    static WORDS: std::sync::OnceLock<[memmem::Finder<'static>; 3]> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            ["delivery-status", "Delivery-Status", "DELIVERY-STATUS"]
                .map(|w| memmem::Finder::new(w.as_bytes()))
        })
        .iter()
        .any(|w| w.find(message).is_some())
}

/// A raw field value as text, trimmed.
fn trimmed(value: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(value.trim_ascii())
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
fn is_read(name: &[u8]) -> bool {
    READ_HEADERS
        .iter()
        .any(|h| h.as_bytes().eq_ignore_ascii_case(name))
        || super::reason::phrases::is_lhost_header(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn delimiters_are_found_as_memmem_finds_them(
            body in "[-ab\n]{0,60}",
            boundary in "[-ab]{0,4}",
        ) {
            let delimiter = [b"--", boundary.as_bytes()].concat();
            let want: Vec<usize> = memmem::find_iter(body.as_bytes(), &delimiter).collect();
            let got: Vec<usize> = delimiters(body.as_bytes(), &delimiter).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn multipart_parts() {
        let body = b"preamble\r\n--b\r\nA: 1\r\n\r\none\r\n--b\r\n\r\ntwo\r\n--b--\r\nepilogue";
        let parts = multipart(body, "b").unwrap();
        assert_eq!(parts, vec![&b"A: 1\r\n\r\none"[..], &b"\r\ntwo"[..]]);
        assert!(multipart(b"no delimiter", "b").is_none());
        // A missing close delimiter: the last part runs to the end.
        assert_eq!(multipart(b"--b\nx\n--b\ny\n", "b").unwrap().len(), 2);
    }

    #[test]
    fn a_message_glued_to_its_parts_fields_is_read_as_the_original() {
        // CommuniGate Pro: no blank line between the part's Content-Type
        // and the returned original's header section.
        let raw = "From: MAILER-DAEMON@mx.example.org\n\
                   Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n\
                   --b\nContent-Type: text/plain\n\n\
                   Failed to deliver to 'kari@example.org'\n 550 unknown user account\n\n\
                   --b\nContent-Type: message/rfc822\nContent-Disposition: inline\n\
                   Received: from mx.example.net\nFrom: Ola <ola@example.net>\n\
                   Subject: Dugnad\nMessage-ID: <d-1@example.net>\n\
                   Content-Type: text/plain; charset=utf-8\n\n\
                   Hei Kari, ser deg på dugnaden.\n\
                   --b--\n";
        let mail = Mail::read(raw.as_bytes()).unwrap();
        assert!(mail.report_text().contains("550 unknown user account"));
        assert!(!mail.report_text().contains("dugnaden"));
        assert_eq!(mail.original().subject, "Dugnad");
        assert_eq!(mail.original().message_id, "d-1@example.net");
        // A part whose own fields type it once is read as before.
        let fields = |h: &'static str| header_section(h.as_bytes());
        let (f, _) = fields("Content-Type: message/rfc822\nContent-Description: x\n\n");
        assert_eq!(glued_message(b"", &f), None);
        let h = "Content-Type: text/plain\nReceived: a\nContent-Type: message/rfc822\n\n";
        assert_eq!(glued_message(h.as_bytes(), &fields(h).0), None);
    }

    #[test]
    fn a_responder_is_told_by_its_null_sender_and_bulk_precedence_together() {
        let mail = |head: &str| {
            let raw = format!("{head}From: kari@example.org\nSubject: Takk\n\nTakk!\n");
            Mail::read(raw.as_bytes()).unwrap().is_auto_reply()
        };
        assert!(mail("Return-Path: <>\nPrecedence: bulk\n"));
        assert!(mail("Return-Path: <>\nPrecedence: junk\n"));
        // A newsletter is bulk and has a sender for its bounces; a person's
        // mail may reach a mailbox with the null sender only by mistake.
        assert!(!mail("Return-Path: <news@example.org>\nPrecedence: bulk\n"));
        assert!(!mail("Return-Path: <>\n"));
        assert!(!mail("Return-Path: <>\nPrecedence: list\n"));
    }
}
