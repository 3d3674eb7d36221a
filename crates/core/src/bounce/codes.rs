//! The language-neutral part of a bounce: enhanced status codes (RFC 3463)
//! and SMTP reply codes (RFC 5321), found in free text and mapped to reasons.

use super::Reason;

/// The reason an enhanced status code names by itself, when it names one.
/// Codes such as 5.7.1 ("not authorized") are too broad to decide alone and
/// map to a general reason the classifier may refine.
pub fn status_reason(status: &str) -> Option<Reason> {
    use Reason::*;
    let r = match status {
        "2.1.5" => Delivered,
        "4.1.6" | "5.1.6" | "5.7.17" | "5.7.18" => HasMoved,
        "4.1.7" | "4.1.8" | "5.1.7" | "5.1.8" => Rejected,
        "4.1.9" | "5.1.9" | "4.3.3" | "4.3.5" | "4.4.3" | "4.5.3" | "4.5.5" | "5.3.0" | "5.3.3"
        | "5.3.5" | "5.4.3" | "5.5.4" | "5.5.5" => SystemError,
        "4.2.1" | "5.7.13" => Suspend,
        "4.2.2" | "5.2.2" => MailboxFull,
        "4.2.3" | "5.2.3" => ExceedLimit,
        "4.2.4" | "5.1.4" | "5.2.0" | "5.2.1" | "5.2.4" => Filtered,
        "4.3.1" | "4.4.5" | "5.3.1" => SystemFull,
        "4.3.2" | "5.3.2" | "5.1.10" | "5.7.27" => NotAccept,
        "4.4.1" | "4.4.7" => Expired,
        "4.4.2" | "4.4.4" | "4.4.6" | "4.4.8" | "5.4.0" => NetworkError,
        "4.6.0" | "4.6.2" | "4.6.5" | "5.6.0" | "5.6.1" | "5.6.2" | "5.6.3" | "5.6.5" | "5.6.6"
        | "5.6.7" | "5.6.8" | "5.6.9" => ContentError,
        "4.7.1" | "4.7.2" => Blocked,
        "4.7.24" | "4.7.26" | "5.7.20" | "5.7.21" | "5.7.22" | "5.7.23" | "5.7.24" | "5.7.26"
        | "5.7.29" => AuthFailure,
        "4.7.25" | "5.7.25" => RequirePtr,
        "4.7.16" | "5.3.4" | "5.7.16" => MesgTooBig,
        "5.1.0" | "5.1.1" | "5.1.3" => UserUnknown,
        "5.1.2" | "5.4.4" => HostUnknown,
        "5.5.2" | "5.5.6" => SyntaxError,
        "5.5.3" => TooManyConn,
        "5.7.28" => SpamDetected,
        s if s.starts_with("4.7.") || s.starts_with("5.7.") => SecurityError,
        _ => return None,
    };
    Some(r)
}

/// The internal status code for a reason when the mail gives none:
/// `5.0.9xx`, or `4.0.9xx` for a temporary failure.
pub fn internal_status(reason: Reason, temporary: bool) -> &'static str {
    use Reason::*;
    let (perm, temp) = match reason {
        AuthFailure => ("5.0.972", "4.0.972"),
        BadReputation => ("5.0.975", "4.0.975"),
        Blocked => ("5.0.971", "4.0.971"),
        ContentError => ("5.0.960", "4.0.960"),
        ExceedLimit => ("5.0.923", "5.0.923"),
        Expired => ("5.0.947", "4.0.947"),
        Filtered => ("5.0.910", "4.0.924"),
        HasMoved => ("5.0.916", "5.0.916"),
        HostUnknown => ("5.0.912", "5.0.912"),
        MailboxFull => ("5.0.922", "4.0.922"),
        MailerError => ("5.0.939", "5.0.939"),
        MesgTooBig => ("5.0.934", "5.0.934"),
        NetworkError => ("5.0.944", "4.0.944"),
        NoRelaying => ("5.0.909", "5.0.909"),
        NotAccept => ("5.0.932", "4.0.932"),
        NotCompliantRfc => ("5.0.974", "4.0.974"),
        OnHold => ("5.0.901", "4.0.901"),
        PolicyViolation => ("5.0.972", "5.0.972"),
        Rejected => ("5.0.918", "4.0.918"),
        RequirePtr => ("5.0.973", "4.0.973"),
        SecurityError => ("5.0.970", "4.0.970"),
        SpamDetected => ("5.0.980", "4.0.980"),
        Speeding => ("5.0.946", "4.0.946"),
        Suspend => ("5.0.921", "5.0.921"),
        SystemError => ("5.0.930", "4.0.930"),
        SystemFull => ("5.0.931", "4.0.931"),
        SyntaxError => ("5.0.902", "5.0.902"),
        TooManyConn => ("5.0.945", "4.0.945"),
        UserUnknown => ("5.0.911", "5.0.911"),
        VirusDetected => ("5.0.971", "5.0.971"),
        Undefined => ("5.0.900", "4.0.900"),
        Delivered | Feedback | Vacation => ("", ""),
    };
    if temporary { temp } else { perm }
}

/// True for a syntactically valid enhanced status code: class 2, 4 or 5,
/// subject 0–7, detail 0–999.
pub fn is_status(s: &str) -> bool {
    let mut it = super::bytes::split(s, b'.');
    let (Some(c), Some(sub), Some(d), None) = (it.next(), it.next(), it.next(), it.next()) else {
        return false;
    };
    matches!(c, "2" | "4" | "5")
        && sub.len() == 1
        && sub.as_bytes()[0].is_ascii_digit()
        && sub.as_bytes()[0] <= b'7'
        && (1..=3).contains(&d.len())
        && d.bytes().all(|b| b.is_ascii_digit())
}

/// The first enhanced status code in `text`. `X.0.0` and the ambiguous
/// `4.4.7` are kept only when nothing more specific is there.
pub fn find_status(text: &str) -> Option<String> {
    find_status_of(text, b"245")
}

/// The first enhanced status code of a failure (class 4 or 5) in `text`:
/// in a failure report, "2.0.12" is a version number, not a success.
pub fn find_failure_status(text: &str) -> Option<String> {
    find_status_of(text, b"45")
}

fn find_status_of(text: &str, classes: &[u8]) -> Option<String> {
    let b = text.as_bytes();
    let mut vague: Option<String> = None;
    // A code is a class digit then a dot: visit the dots.
    let mut next = 0;
    for dot in memchr::memchr_iter(b'.', b) {
        let Some(i) = dot.checked_sub(1) else {
            continue;
        };
        if i < next || !classes.contains(&b[i]) {
            continue;
        }
        if i + 5 > b.len() {
            break;
        }
        let starts = i == 0
            || !(b[i - 1].is_ascii_digit()
                || b[i - 1] == b'.'
                || b[i - 1] == b'v'
                || b[i - 1] == b'V');
        if !starts {
            continue;
        }
        let mut j = i + 2;
        while j < b.len() && j < i + 12 && (b[j].is_ascii_digit() || b[j] == b'.') {
            j += 1;
        }
        let cand = text[i..j].trim_end_matches('.');
        if is_status(cand) && !is_ip_like(b, i, j) {
            if cand.ends_with(".0.0") || cand == "4.4.7" {
                vague.get_or_insert_with(|| cand.to_string());
            } else {
                return Some(cand.to_string());
            }
        }
        next = j.max(i + 1);
    }
    vague
}

/// Part of a dotted number with more than three parts (an IP address).
fn is_ip_like(b: &[u8], _start: usize, end: usize) -> bool {
    // "5.1.1.3" is an IPv4 fragment, not a status.
    end < b.len() && b[end] == b'.' && b.get(end + 1).is_some_and(u8::is_ascii_digit)
}

/// Reply codes RFC 5321 and common practice define.
const REPLIES: &[&str] = &[
    "211", "214", "220", "221", "235", "250", "251", "252", "253", "421", "422", "430", "432",
    "450", "451", "452", "453", "454", "455", "458", "459", "500", "501", "502", "503", "504",
    "521", "523", "524", "525", "530", "533", "534", "535", "538", "550", "551", "552", "553",
    "554", "555", "556", "557",
];

/// The first SMTP reply code in `text`, of `class` ('4', '5', '2') when given.
pub fn find_reply(text: &str, class: Option<u8>) -> Option<String> {
    let b = text.as_bytes();
    for i in memchr::memchr3_iter(b'2', b'4', b'5', b) {
        if i + 3 > b.len() {
            break;
        }
        if b[i + 1].is_ascii_digit()
            && b[i + 2].is_ascii_digit()
            && (i == 0
                || !(b[i - 1].is_ascii_alphanumeric()
                    || matches!(b[i - 1], b'.' | b'-' | b'_' | b'/' | b':' | b'=' | b'+'))
                // Zoho's "ERROR_CODE :550," (a colon after a space is no
                // time or port).
                || (i >= 2 && b[i - 1] == b':' && b[i - 2] == b' '))
            && (i + 3 == b.len()
                || matches!(
                    b[i + 3],
                    b' ' | b'-' | b'\t' | b'\n' | b'\r' | b',' | b')' | b':'
                ))
        {
            let code = &text[i..i + 3];
            // "5.1.1" directly after would make this a reply; a trailing
            // dotted number makes it something else.
            if REPLIES.contains(&code) && class.is_none_or(|c| b[i] == c) {
                return Some(code.to_string());
            }
        }
    }
    None
}

/// The failure code `text` starts with, and what follows it: a 4xx or 5xx
/// reply code ("550 …", "550-…") or a 4.x.x or 5.x.x enhanced status code
/// ("5.1.1 …"). `None` when `text` starts otherwise ("500 kroner" starts
/// with a reply code all the same: the caller decides what else it needs).
pub fn leading_failure_code(text: &str) -> Option<(&str, &str)> {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let code = text[..end].trim_end_matches('.');
    let failure = matches!(code.as_bytes().first(), Some(b'4' | b'5'));
    (failure && (REPLIES.contains(&code) || is_status(code))).then(|| (code, &text[code.len()..]))
}

/// The reply Sendmail quotes inside its own: in "554 <kari@example.org>...
/// 550 Host unknown" the 554 is Sendmail's wrapper and 550 the answer that
/// explains the failure. `None` when `text` does not start that way.
pub fn inner_reply(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let b = t.as_bytes();
    if !(b.len() > 4 && b[..3].iter().all(u8::is_ascii_digit) && b[3] == b' ' && b[4] == b'<') {
        return None;
    }
    let (_, after) = t[5..].split_once(">... ")?;
    let a = after.as_bytes();
    let inner = after.get(..3)?;
    (a.len() > 3 && a[3] == b' ' && a[0] == b[0] && REPLIES.contains(&inner)).then_some(inner)
}

/// The status a relaying service quotes from the server that refused: in
/// Amazon SES's "5.1.0 - Unknown address error 550-'5.2.2 <a@x>... Mailbox
/// Full'" the 5.1.0 is SES's own category and 5.2.2 the refusing server's
/// answer, written after its reply code. `None` when `text` is not written
/// that way.
pub fn quoted_status(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let (category, rest) = t.split_once(' ')?;
    if !is_status(category) || !rest.starts_with("- ") {
        return None;
    }
    let at = rest.find("-'")?;
    let reply = rest.get(at.checked_sub(3)?..at)?;
    let quoted = &rest[at + 2..];
    let status = &quoted[..quoted.find(' ').unwrap_or(quoted.len())];
    (REPLIES.contains(&reply) && is_status(status)).then_some(status)
}

/// Chooses between the status in a DSN field and one found in the
/// diagnostic text: the more specific wins, and the one whose class agrees
/// with the reply code.
pub fn prefer(field: &str, in_text: &str, reply: &str) -> String {
    if field.is_empty() || !is_status(field) {
        return in_text.to_string();
    }
    if in_text.is_empty() || field == in_text {
        return field.to_string();
    }
    let (f, t, r) = (
        field.as_bytes()[0],
        in_text.as_bytes()[0],
        reply.as_bytes().first().copied(),
    );
    if f != t {
        if r == Some(f) {
            return field.to_string();
        }
        if r == Some(t) {
            return in_text.to_string();
        }
    }
    let vague = |s: &str| s.ends_with(".0.0");
    if vague(field) {
        return if vague(in_text) {
            field.to_string()
        } else {
            in_text.to_string()
        };
    }
    if field.contains(".0") && !in_text.contains(".0") {
        return in_text.to_string();
    }
    if vague(in_text) {
        return field.to_string();
    }
    // Sendmail's own reading of a bare reply code, written where the
    // server did not announce enhanced codes (RFC 2034) although its reply
    // holds one: 452 as 4.3.1 and 552 as 5.2.2, RFC 821's "insufficient
    // system storage" and "exceeded storage allocation". A server's "552
    // 5.3.4 Message size exceeds …" would read as a full mailbox.
    if (reply == "452" && field == "4.3.1") || (reply == "552" && field == "5.2.2") {
        return in_text.to_string();
    }
    if field == "4.4.7" || field.starts_with("5.3.") {
        return in_text.to_string();
    }
    if field == "5.1.1" {
        return if in_text.contains(".0") {
            field.to_string()
        } else {
            in_text.to_string()
        };
    }
    if field == "5.1.3" && in_text.starts_with("5.7.") {
        return in_text.to_string();
    }
    field.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_codes() {
        assert_eq!(
            find_status("550 5.1.1 <a@b.c>... User unknown").as_deref(),
            Some("5.1.1")
        );
        assert_eq!(
            find_status("host 192.0.2.5.1 said 4.0.0 then 5.2.2").as_deref(),
            Some("5.2.2")
        );
        assert_eq!(find_status("Postfix v5.1.1 only").as_deref(), None);
        assert_eq!(
            find_status("5.7.26 unauthenticated").as_deref(),
            Some("5.7.26")
        );
        assert_eq!(
            find_reply("said: 550 5.1.1 no", None).as_deref(),
            Some("550")
        );
        assert_eq!(
            find_reply("id 12550 x 421-4.7.0", Some(b'4')).as_deref(),
            Some("421")
        );
        assert_eq!(find_reply("nothing 999 here", None), None);
        assert_eq!(
            find_reply("Invalid Address, ERROR_CODE :550, ERROR_CODE :x", None).as_deref(),
            Some("550")
        );
        assert_eq!(find_reply("at 10:55:00 and port:550", None), None);
    }

    #[test]
    fn a_failures_code_is_read_where_a_text_starts() {
        assert_eq!(
            leading_failure_code("550 5.1.1 no such user"),
            Some(("550", " 5.1.1 no such user"))
        );
        assert_eq!(leading_failure_code("550-5.1.1"), Some(("550", "-5.1.1")));
        assert_eq!(
            leading_failure_code("5.2.2. Mailbox full"),
            Some(("5.2.2", ". Mailbox full"))
        );
        assert_eq!(leading_failure_code("421"), Some(("421", "")));
        // Successes, unknown replies, numbers and versions are not.
        for text in [
            "250 OK",
            "2.0.0 sent",
            "599 x",
            "5.1 million",
            "5.1.2.3",
            "x 550",
        ] {
            assert_eq!(leading_failure_code(text), None, "{text}");
        }
    }

    #[test]
    fn sendmail_quotes_the_reply_inside_its_own() {
        let text = "554 <kari@example.org>... 550 Host unknown (Authoritative answer)";
        assert_eq!(inner_reply(text), Some("550"));
        assert_eq!(
            inner_reply("554 <kari@example.org>... Remote protocol error"),
            None
        );
        // Another class inside is not the same failure's answer.
        assert_eq!(inner_reply("554 <kari@example.org>... 250 ok"), None);
        // Text that is not a reply, in any script, is read without panic.
        assert_eq!(inner_reply("554 <kari@example.org>... 55é x"), None);
        assert_eq!(inner_reply("554 <kari@example.org>... 5"), None);
    }

    #[test]
    fn a_relay_quotes_the_refusing_servers_status_after_its_reply() {
        assert_eq!(
            quoted_status(
                "5.1.0 - Unknown address error 550-'5.2.2 <kari@example.org>... Mailbox Full' (delivery attempts: 0)"
            ),
            Some("5.2.2")
        );
        // SES's category alone, or quoted words without a status.
        assert_eq!(
            quoted_status("5.3.0 - Other mail system problem 550-'Unknown user kari@example.org'"),
            None
        );
        assert_eq!(quoted_status("5.1.0 - Unknown address error"), None);
        // An ordinary reply, and a multi-line one, are not written that way.
        assert_eq!(
            quoted_status("550 5.1.1 <kari@example.org>: User unknown"),
            None
        );
        assert_eq!(
            quoted_status("550-5.7.1 Blocked 550-5.7.1 see https://example.org"),
            None
        );
        assert_eq!(quoted_status("5.1.0 - x 99-'5.2.2 y'"), None);
        assert_eq!(quoted_status("5.1.0 - -'5.2.2 y'"), None);
    }

    #[test]
    fn prefers_specific() {
        assert_eq!(prefer("5.0.0", "5.1.1", "550"), "5.1.1");
        assert_eq!(prefer("5.1.1", "5.0.0", "550"), "5.1.1");
        assert_eq!(prefer("4.4.7", "5.2.2", ""), "5.2.2");
        assert_eq!(prefer("", "5.2.2", ""), "5.2.2");
        // Sendmail's reading of a bare 552 and 452 gives way to the
        // server's own code; a 5.2.2 the server gave stays.
        assert_eq!(prefer("5.2.2", "5.3.4", "552"), "5.3.4");
        assert_eq!(prefer("4.3.1", "4.2.2", "452"), "4.2.2");
        assert_eq!(prefer("5.2.2", "5.7.1", "554"), "5.2.2");
    }
}
