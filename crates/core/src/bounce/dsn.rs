//! RFC 3464 delivery-status fields (also message/global-delivery-status,
//! RFC 6533): one per-message group, then one group per recipient.

use std::borrow::Cow;

use super::Reason;
use super::body::Scraped;
use super::bytes::{self, starts_with_ci};

/// What is known about one recipient before classification.
#[derive(Debug, Default, Clone)]
pub(super) struct Recipient {
    /// The address.
    pub recipient: String,
    /// `Status:` or a code found in the text.
    pub status: String,
    /// The action (`failed`, `delayed` …).
    pub action: String,
    /// The diagnostic text, unfolded, without its type prefix.
    pub diagnostic: String,
    /// The diagnostic is scraped text that starts with the recipient's
    /// name ([`Scraped::named_first`]).
    pub named_first: bool,
    /// The diagnostic type (`SMTP`, `X-Unix`, `X-Postfix` …), upper case.
    pub diagnostic_type: String,
    /// The remote MTA.
    pub remote_mta: String,
    /// The SMTP command, when known.
    pub smtp_command: String,
    /// A reason decided by a specific message, overriding the classifier.
    pub preset: Option<super::Reason>,
    /// The diagnostic is the whole report rather than text about this
    /// recipient (it was found only in the headers).
    pub vague: bool,
    /// Wider text read for classification only.
    pub context: String,
    /// The server's answer in the scraped lines of the diagnostic, shown
    /// in its place when they are a provider's prose ("" when none).
    pub answer: String,
}

impl Recipient {
    /// True when the diagnostic says nothing beyond a code and there is no
    /// wider text to classify.
    pub fn says_little(&self) -> bool {
        self.context.is_empty() && weak(&self.diagnostic)
    }

    /// Fills what the DSN lacks from the scraped text about the same address.
    pub fn fill_from(&mut self, s: &Scraped) {
        // Whether the fields' own words say little, before the text's
        // lines may take their place.
        let fields_weak = weak(&self.diagnostic);
        if self.diagnostic.is_empty()
            || (s.diagnostic.len() > self.diagnostic.len()
                && !s.diagnostic.is_empty()
                && fields_weak)
        {
            self.diagnostic.clone_from(&s.diagnostic);
            self.named_first = s.named_first;
            self.answer.clone_from(&s.answer);
        }
        if self.smtp_command.is_empty() {
            self.smtp_command.clone_from(&s.smtp_command);
        }
        if self.remote_mta.is_empty() {
            self.remote_mta.clone_from(&s.remote_mta);
        }
        if self.preset.is_none() {
            self.preset = s.preset;
        }
        if self.preset.is_none() && (self.status.is_empty() || self.status.ends_with(".0.0")) {
            // A fixed message of the MTA in the text about this recipient
            // ("… because the address couldn't be found") says more than
            // a vague status field; a specific status (5.1.8) says more
            // than the MTA's banner.
            let lower = s.diagnostic.to_ascii_lowercase();
            self.preset = super::reason::phrases::scan(&lower, 0).direct;
        }
        if self.context.is_empty() && fields_weak {
            // The wider text the scraper read for a recipient whose lines
            // hold no code: the fields' few words ("5.9.8 Spam") do not
            // replace it, nor do the text's lines that took their place.
            self.context.clone_from(&s.context);
        }
    }
}

/// A diagnostic that says nothing beyond a code.
fn weak(d: &str) -> bool {
    // Counting stops at the eighth letter: a long diagnostic is read only
    // that far.
    d.chars().filter(|c| c.is_alphabetic()).take(8).count() < 8
}

/// The most recipient groups read from one part.
const MAX_GROUPS: usize = 500;

/// One `Name: value` field of a group, continuation lines joined.
struct Field<'t> {
    name: &'t str,
    value: Cow<'t, str>,
}

/// The fields of one group, by name (any case; the first one counts).
fn get<'f>(fields: &'f [Field<'_>], name: &str) -> Option<&'f str> {
    fields
        .iter()
        .find(|f| f.name.eq_ignore_ascii_case(name))
        .map(|f| f.value.as_ref())
}

/// `rfc822; user@example.org` → (`rfc822`, `user@example.org`).
fn typed_value(v: &str) -> (&str, &str) {
    match bytes::split_once(v, b';') {
        Some((t, rest)) if !bytes::has(t, b'@') && t.len() < 20 => (t.trim(), rest.trim()),
        _ => ("", v.trim()),
    }
}

/// The host a Remote-MTA field names, written as a host is everywhere
/// else in a record: `dns; mx.example.org. (192.0.2.1, the server for the
/// domain …)`, `dns;mx.example.org (TCP|…)` and `dns; mx.example.org
/// [192.0.2.1]` all name `mx.example.org`; `dns; [192.0.2.1]` and
/// `<192.0.2.1>` name `192.0.2.1`. What MTAs add after the name (a comment,
/// the address in brackets) is left out, and so is the final dot of an
/// absolute name.
pub(in crate::bounce) fn mta_name(value: &str) -> &str {
    let name = typed_value(value).1.split_whitespace().next().unwrap_or("");
    let name = name.split('(').next().unwrap_or("");
    let name = name
        .strip_prefix('<')
        .and_then(|n| n.strip_suffix('>'))
        .unwrap_or(name);
    // An address literal, "[192.0.2.1]" or "[IPv6:2001:db8::1]"; a name
    // with brackets inside ("[redacted]-mx.example.org") stays.
    let name = match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(literal) => literal
            .get(..5)
            .filter(|tag| tag.eq_ignore_ascii_case("ipv6:"))
            .map_or(literal, |_| &literal[5..]),
        None => name,
    };
    name.strip_suffix('.').unwrap_or(name)
}

/// Recipient groups of one delivery-status part.
pub(super) fn recipients(part: &str) -> Vec<Recipient> {
    let mut out = Vec::new();
    let mut remote_default = String::new();
    let mut fields: Vec<Field<'_>> = Vec::new();
    let mut has_final = false;
    let mut groups = 0;
    // Groups are separated by blank lines; some MTAs omit the blank line
    // between recipients, so a new Final-Recipient also starts a group.
    for line in super::body::lines(part) {
        let blank = line.trim().is_empty();
        let final_recipient = starts_with_ci(line, "final-recipient:");
        if blank || (final_recipient && has_final) {
            if !fields.is_empty() {
                group(&fields, &mut out, &mut remote_default);
                groups += 1;
            }
            fields.clear();
            has_final = false;
            if groups >= MAX_GROUPS {
                break;
            }
            if blank {
                continue;
            }
        }
        has_final |= final_recipient;
        if line.starts_with([' ', '\t']) {
            if let Some(last) = fields.last_mut() {
                let v = last.value.to_mut();
                v.push(' ');
                v.push_str(line.trim());
            }
        } else if let Some((name, value)) = bytes::split_once(line, b':')
            && !name.is_empty()
            && !bytes::has(name, b' ')
        {
            fields.push(Field {
                name: name.trim(),
                value: Cow::Borrowed(value.trim()),
            });
        }
    }
    if !fields.is_empty() && groups < MAX_GROUPS {
        group(&fields, &mut out, &mut remote_default);
    }
    out
}

/// One group: a recipient's, or the per-message one (whose Remote-MTA is
/// the default for the recipients after it).
fn group(f: &[Field<'_>], out: &mut Vec<Recipient>, remote_default: &mut String) {
    let Some(rcpt) = get(f, "final-recipient")
        .or(get(f, "original-recipient"))
        .or(get(f, "x-actual-recipient"))
    else {
        if let Some(r) = get(f, "remote-mta") {
            mta_name(r).clone_into(remote_default);
        }
        return;
    };
    let (kind, addr) = typed_value(rcpt);
    let mut recipient = typed_address(kind, addr);
    // An X.400 or gateway-internal final recipient ("x400; /S=…",
    // "rfc822; user@ms-daemon") says less than the address the sender
    // wrote: use Original-Recipient when that is a mail address.
    let weak_final = (!kind.is_empty() && !is_mail_type(kind)) || !is_mail_address(&recipient);
    if weak_final && let Some((kind, original)) = get(f, "original-recipient").map(typed_value) {
        let original = typed_address(kind, original);
        if is_mail_address(&original) {
            recipient = original;
        }
    }
    let (dtype, diag) = get(f, "diagnostic-code")
        .map(typed_value)
        .unwrap_or_default();
    out.push(Recipient {
        recipient,
        status: get(f, "status")
            .map(|s| s.split_whitespace().next().unwrap_or("").to_string())
            .unwrap_or_default(),
        action: get(f, "action").unwrap_or("").to_ascii_lowercase(),
        diagnostic: diag.to_string(),
        named_first: false,
        diagnostic_type: dtype.to_ascii_uppercase(),
        remote_mta: get(f, "remote-mta")
            .map_or_else(|| remote_default.clone(), |r| mta_name(r).to_string()),
        smtp_command: String::new(),
        preset: get(f, "x-powermta-bouncecategory").and_then(powermta_category),
        vague: false,
        context: String::new(),
        answer: String::new(),
    });
}

/// The reason PowerMTA's own classification of a failure names
/// (`X-PowerMTA-BounceCategory:` beside each recipient; its categories are
/// listed in PowerMTA's user guide). `other` and unknown names decide
/// nothing.
fn powermta_category(category: &str) -> Option<Reason> {
    Some(match category.trim().to_ascii_lowercase().as_str() {
        "bad-mailbox" => Reason::UserUnknown,
        "bad-domain" => Reason::HostUnknown,
        "inactive-mailbox" => Reason::Suspend,
        "quota-issues" => Reason::MailboxFull,
        "message-expired" => Reason::Expired,
        "no-answer-from-host" | "bad-connection" => Reason::NetworkError,
        "relaying-issues" => Reason::NoRelaying,
        "invalid-sender" => Reason::Rejected,
        "spam-related" => Reason::SpamDetected,
        "virus-related" => Reason::VirusDetected,
        "content-related" => Reason::ContentError,
        "policy-related" => Reason::PolicyViolation,
        "bad-configuration" | "protocol-errors" | "routing-errors" => Reason::SystemError,
        _ => return None,
    })
}

/// Address types that hold a mail address: `rfc822`, and RFC 6533's
/// `utf-8` for internationalized addresses.
fn is_mail_type(kind: &str) -> bool {
    kind.eq_ignore_ascii_case("rfc822") || kind.eq_ignore_ascii_case("utf-8")
}

/// The address of a typed recipient field, cleaned; a `utf-8` one with
/// its `\x{HEX}` escapes decoded (RFC 6533 allows them, and a plain
/// delivery-status part must use them for anything not ASCII).
fn typed_address(kind: &str, addr: &str) -> String {
    let addr = clean_address(addr);
    if kind.eq_ignore_ascii_case("utf-8") && addr.contains("\\x{") {
        unescape_utf8_address(&addr)
    } else {
        addr
    }
}

/// `\x{E5}se@example.org` as `åse@example.org`; an escape that names no
/// character is kept as written.
fn unescape_utf8_address(addr: &str) -> String {
    super::decode::replace_escapes(addr, "\\x{", b'}', 6, |hex| {
        u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
    })
}

/// Strips brackets and quotes around an address.
pub(super) fn clean_address(a: &str) -> String {
    let a = a.trim().trim_matches(|c: char| {
        matches!(
            c,
            '<' | '>' | '"' | '\'' | '(' | ')' | '[' | ']' | ';' | ',' | ':'
        )
    });
    let a = a.strip_suffix('.').unwrap_or(a);
    let a = a.split_whitespace().next().unwrap_or("");
    a.trim_matches(|c: char| matches!(c, '<' | '>')).to_string()
}

/// Delivery-status fields written into a text part: from the first
/// `Reporting-MTA:` or `Final-Recipient:` line on.
pub(super) fn embedded<'t>(text: &'t str, lower: &str) -> Option<&'t str> {
    // Most texts have no such field: look for it once before reading lines.
    static FIELD: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    FIELD
        .get_or_init(|| memchr::memmem::Finder::new(b"final-recipient:"))
        .find(lower.as_bytes())?;
    let mut at = 0;
    let mut start = None;
    for line in bytes::lines_inclusive(text) {
        let field = line.trim_start();
        if start.is_none() && starts_with_ci(field, "reporting-mta:") {
            start = Some(at);
        }
        if starts_with_ci(field, "final-recipient:") {
            return Some(&text[start.unwrap_or(at)..]);
        }
        at += line.len();
    }
    None
}

/// `local@domain.tld`: one @, a dotted domain.
fn is_mail_address(a: &str) -> bool {
    bytes::split_once(a, b'@').is_some_and(|(local, domain)| {
        !local.is_empty() && bytes::has(domain, b'.') && !bytes::has(domain, b'@')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_addresses_are_mail_addresses_and_their_escapes_decoded() {
        let part = "Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: utf-8; \\x{E5}se@bokhandel.example\nOriginal-Recipient: rfc822; other@example.org\nAction: failed\nStatus: 5.1.1\n";
        assert_eq!(recipients(part)[0].recipient, "åse@bokhandel.example");
        assert_eq!(
            unescape_utf8_address("a\\x{}b\\x{110000}\\x{41}"),
            "a\\x{}b\\x{110000}A"
        );
        assert_eq!(unescape_utf8_address("\\x{E5"), "\\x{E5");
    }

    #[test]
    fn a_remote_mta_is_named_without_what_mtas_add_to_the_name() {
        for (field, name) in [
            ("dns; mx.example.org", "mx.example.org"),
            // Google's, Oracle Messaging Server's, PowerMTA's, Courier's.
            (
                "dns; mx.example.org. (192.0.2.1, the server for the domain example.org.)",
                "mx.example.org",
            ),
            (
                "dns;mx.example.org (TCP|192.0.2.2|47323|192.0.2.1|25) (mx ESMTP)",
                "mx.example.org",
            ),
            ("dns;mx.example.org (192.0.2.1)", "mx.example.org"),
            ("dns; mx.example.org [192.0.2.1]", "mx.example.org"),
            ("dns;mx.example.org(comment)", "mx.example.org"),
            // Address literals, and an address on its own.
            ("dns; [192.0.2.1]", "192.0.2.1"),
            ("dns; [IPv6:2001:db8::1]", "2001:db8::1"),
            ("<192.0.2.1>", "192.0.2.1"),
            ("192.0.2.1", "192.0.2.1"),
            // A name someone edited keeps its brackets.
            (
                "dns; [redacted]-mx.example.org",
                "[redacted]-mx.example.org",
            ),
            ("dns;", ""),
        ] {
            assert_eq!(mta_name(field), name, "{field}");
        }
        let part = "Reporting-MTA: dns; mta.example.net\n\n\
                    Final-Recipient: rfc822; ola@example.org\nAction: failed\nStatus: 5.1.1\n\
                    Remote-MTA: dns; mx.example.org. (192.0.2.1, the server for the domain example.org.)\n";
        assert_eq!(recipients(part)[0].remote_mta, "mx.example.org");
    }

    #[test]
    fn powermta_names_its_category_beside_the_recipient() {
        let part = "Reporting-MTA: dns; mta.example.net\n\nFinal-Recipient: rfc822;ola@example.com\nAction: failed\nStatus: 5.2.1\nX-PowerMTA-BounceCategory: bad-mailbox\n";
        let r = recipients(part);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].preset, Some(Reason::UserUnknown));
        assert_eq!(
            powermta_category(" Quota-Issues "),
            Some(Reason::MailboxFull)
        );
        assert_eq!(powermta_category("other"), None);
    }
}
