//! The server's answer inside a provider's prose.
//!
//! An MTA's report gives each recipient a line or two: Postfix's `<a>: host
//! mx said: 550 5.1.1 … (in reply to RCPT TO command)`, Exim's `SMTP error
//! from remote mail server after RCPT TO: …`. Those lines are the
//! diagnostic as they stand. A provider's report, and what a mail program
//! shows of one, wraps the answer in paragraphs written for people:
//! Gmail's "Your message wasn't delivered to … The response from the
//! remote server was:", Office 365's "How to Fix It" and "Error Details".
//! Shown whole, the server's words are lost in them, or cut off at the
//! length a diagnostic may have.
//!
//! [`answer`] finds the line in such text that holds a server's answer — a
//! failure reply code, an enhanced status code, and words — where
//! [`may_replace`] says it may be shown ([`shown`] asks both), and
//! [`replaces`] tells when it is shown in place of the diagnostic. The
//! whole text is still what the classifier reads; only what the record
//! shows changes.

use super::super::codes::{is_status, leading_failure_code};
use super::MAX_DIAGNOSTIC;
use super::words::{push_words, truncate};

/// This many words ahead of the answer are a provider's prose: an MTA's
/// lines about one recipient say in fewer who answered and when (`SMTP
/// error from remote mail server after RCPT TO:<a>: host mx [192.0.2.1]:`
/// is nine).
const PROSE_WORDS: usize = 20;

/// The most lines of one answer: a multi-line reply's continuations.
const MAX_ANSWER_LINES: usize = 8;

/// The server's answer in a recipient's `lines` ([`answer`]), looked for
/// only where it may take the place of `diagnostic`, those lines on one
/// line, `cut` when they did not all fit ([`may_replace`]); "" elsewhere.
pub(super) fn shown<'a>(
    diagnostic: &str,
    cut: bool,
    lines: impl IntoIterator<Item = &'a str>,
) -> String {
    if may_replace(diagnostic, cut) {
        answer(lines)
    } else {
        String::new()
    }
}

/// Whether an answer in a recipient's lines may take the place of
/// `diagnostic` (those lines on one line; [`replaces`]): the first answer
/// in it has [`PROSE_WORDS`] words before it, or there is none in what was
/// kept of a diagnostic `cut` off. Told before the answer is looked for in
/// the lines, which then need not be: most MTAs' lines start with the
/// answer, or are short.
fn may_replace(diagnostic: &str, cut: bool) -> bool {
    match reply_at(diagnostic) {
        Some(at) => memchr::memchr_iter(b' ', &diagnostic.as_bytes()[..at]).count() >= PROSE_WORDS,
        None => cut,
    }
}

/// Whether `answer` (found by [`answer`] in a recipient's lines) is shown
/// in place of `diagnostic` (those lines on one line): when prose
/// ([`PROSE_WORDS`]) stands before it there, or when the diagnostic was
/// cut before it.
pub(in crate::bounce) fn replaces(answer: &str, diagnostic: &str) -> bool {
    if answer.is_empty() {
        return false;
    }
    // The answer's opening words find it in the diagnostic; its later
    // words may have been joined otherwise there, or cut off.
    let opening = match answer.char_indices().nth(40) {
        Some((end, _)) => &answer[..end],
        None => answer,
    };
    match diagnostic.find(opening) {
        Some(at) => diagnostic[..at].split_whitespace().count() >= PROSE_WORDS,
        None => true,
    }
}

/// Where in `line` a server's answer starts: a 4xx or 5xx reply code, then
/// a space or a hyphen, an enhanced status code of the same class, and at
/// least two words after it ("550 5.1.1 The email account that you tried
/// to reach does not exist"; "Remote Server returned '550 5.1.10
/// RESOLVER.ADR.RecipientNotFound; …'"). A code alone ("Status code: 550
/// 5.1.10") or a status alone ("error code 5.1.10") is no answer. In
/// Sendmail's transcript, which marks the server's lines (`<<< 550 Unknown
/// user`), the status may be missing; the line Sendmail writes under them
/// (`554 5.0.0 Service unavailable`) is its own summary, and comes after.
fn reply_at(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    for i in memchr::memchr2_iter(b'4', b'5', b) {
        // The bytes first, then the words: most 4s and 5s of a report are
        // in dates, addresses and numbers.
        let Some(&[d1, d2, sep, s0, s1]) = b.get(i + 1..i + 6) else {
            break;
        };
        if (i > 0 && (b[i - 1].is_ascii_alphanumeric() || matches!(b[i - 1], b'.' | b'-')))
            || !(d1.is_ascii_digit() && d2.is_ascii_digit() && matches!(sep, b' ' | b'-'))
        {
            continue;
        }
        let transcript = line[..i].ends_with("<<< ");
        if !(transcript || (s0 == b[i] && s1 == b'.')) {
            continue;
        }
        let Some((code, rest)) = leading_failure_code(&line[i..]) else {
            continue;
        };
        if code.len() != 3 {
            continue;
        }
        let rest = &rest[1..];
        let status = rest.split(' ').next().unwrap_or("");
        let status = if is_status(status) && status.as_bytes()[0] == b[i] {
            status
        } else if transcript {
            // Sendmail's transcript marks the server's own lines.
            ""
        } else {
            continue;
        };
        let words = rest[status.len()..]
            .split_whitespace()
            .filter(|w| w.bytes().any(|c| c.is_ascii_alphabetic()))
            .take(2)
            .count();
        if words == 2 {
            return Some(i);
        }
    }
    None
}

/// The server's answer in `lines` (a recipient's lines, in order): the
/// first line that holds one ([`reply_at`]), from its reply code on, with
/// the lines after it that continue the same reply (`550-5.1.1 …`,
/// `550 5.1.1 …`). A closing quote or bracket is left out where the answer
/// was quoted or bracketed ("returned '550 …'", "error message: [554 …]"),
/// and so are the hashes Exchange writes around it (`#550 … ##`).
fn answer<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut lines = lines.into_iter();
    let Some((line, at)) = lines.by_ref().find_map(|l| reply_at(l).map(|at| (l, at))) else {
        return String::new();
    };
    let code = &line[at..at + 3];
    let mut text = String::new();
    push_words(&mut text, &line[at..], MAX_DIAGNOSTIC);
    for more in lines.take(MAX_ANSWER_LINES - 1) {
        let t = more.trim_start();
        if !(t.starts_with(code) && matches!(t.as_bytes().get(3), Some(b' ' | b'-'))) {
            break;
        }
        push_words(&mut text, t, MAX_DIAGNOSTIC);
    }
    // The quote or bracket the answer stood in closes at its end: the one
    // just before it ("returned '550 …'"), or one that closes more than
    // the answer opens ("(reason: 550 … (user kari))").
    let opened = match line[..at].trim_end().bytes().last() {
        Some(b'\'') => Some('\''),
        Some(b'"') => Some('"'),
        Some(b'[') => Some(']'),
        Some(b'(') => Some(')'),
        _ => None,
    };
    let closes_more = |open: char, close: char| {
        text.ends_with(close) && text.matches(close).count() > text.matches(open).count()
    };
    if opened.is_some_and(|c| text.ends_with(c)) || closes_more('(', ')') || closes_more('[', ']') {
        text.pop();
    }
    // Exchange's "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##".
    if line[..at].ends_with('#') && text.ends_with("##") {
        let kept = text.trim_end_matches('#').trim_end().len();
        text.truncate(kept);
    }
    truncate(&mut text, MAX_DIAGNOSTIC);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_a_reply_a_status_and_words() {
        assert_eq!(reply_at("550 5.1.1 User unknown here"), Some(0));
        assert_eq!(
            reply_at(
                "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found'"
            ),
            Some(24)
        );
        assert_eq!(reply_at("550-5.1.1 The email account"), Some(0));
        // A code alone, a status alone, codes of two classes, a number.
        assert_eq!(reply_at("Status code: 550 5.1.10"), None);
        assert_eq!(reply_at("Fix error code 5.1.10 in Office 365"), None);
        assert_eq!(reply_at("550 4.2.2 Mailbox full now"), None);
        assert_eq!(reply_at("Ticket 1550 5.1.1 was closed today"), None);
        assert_eq!(reply_at("550 5.1.1"), None);
        assert_eq!(reply_at("<<< 550 Unknown user kari"), Some(4));
        assert_eq!(reply_at("(reason: 550 Unknown user kari)"), None);
    }

    #[test]
    fn a_multi_line_reply_is_one_answer_and_a_quote_is_closed() {
        let lines = [
            "The response was:",
            "",
            "550-5.1.1 The email account that you tried to reach does",
            "550-5.1.1 not exist. Please try double-checking.",
            "550 5.1.1 https://support.example/?p=NoSuchUser - gsmtp",
            "LEARN MORE",
        ];
        assert_eq!(
            answer(lines),
            "550-5.1.1 The email account that you tried to reach does \
             550-5.1.1 not exist. Please try double-checking. \
             550 5.1.1 https://support.example/?p=NoSuchUser - gsmtp"
        );
        assert_eq!(
            answer(["Remote Server returned '550 5.1.1 User unknown here'"]),
            "550 5.1.1 User unknown here"
        );
        assert_eq!(
            answer(["the following error message: [554 5.4.6 Hop count exceeded]"]),
            "554 5.4.6 Hop count exceeded"
        );
        assert_eq!(
            answer(["<kari@x> (reason: 552 5.2.2 Over quota (user kari))"]),
            "552 5.2.2 Over quota (user kari)"
        );
        assert_eq!(
            answer(["returned \"550 5.1.1 The user doesn't exist\""]),
            "550 5.1.1 The user doesn't exist"
        );
        assert_eq!(
            answer(["#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##"]),
            "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found"
        );
    }

    #[test]
    fn an_answer_is_shown_only_instead_of_prose() {
        // Postfix names who answered in a few words.
        let line = "<kari@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 \
                    <kari@example.org>: Recipient address rejected: User unknown";
        assert!(!replaces(&answer([line]), line));
        let prose = "Your message could not be delivered. ".repeat(10);
        let a = answer([prose.as_str(), "Error: 550 5.1.1 User unknown here"]);
        assert_eq!(a, "550 5.1.1 User unknown here");
        assert!(replaces(&a, &format!("{prose} Error: {a}")));
        assert!(!replaces(&a, &format!("Error: {a}")));
        // Cut before the answer: the answer.
        assert!(replaces(&a, "Your message"));
        assert!(!replaces("", "Your message"));
        assert!(may_replace(&format!("{prose} Error: {a}"), false));
        assert!(!may_replace(line, false));
        assert!(!may_replace(&prose, false));
        assert!(may_replace(&prose, true));
    }
}
