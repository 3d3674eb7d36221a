//! A report's text as the words a diagnostic shows: on one line, white
//! space collapsed, cut at a character boundary. Nearly every report is
//! ASCII, even one in Norwegian or Japanese, so the ASCII path comes first
//! and handles a run of words at a time.

use crate::bounce::bytes::starts_with_ci;

/// Cuts a string at a character boundary.
pub(super) fn truncate(s: &mut String, max: usize) {
    s.truncate(s.floor_char_boundary(max));
}

/// The first `max` bytes of `text`, cut at a character boundary.
pub(in crate::bounce) fn head(text: &str, max: usize) -> &str {
    &text[..text.floor_char_boundary(max)]
}

/// Text on one line, white space collapsed, at most `max` bytes.
pub(in crate::bounce) fn one_line(text: &str, max: usize) -> String {
    let mut out = String::new();
    push_words(&mut out, text, max);
    truncate(&mut out, max);
    out
}

/// True for a rule: one mark repeated ("______", "=====", "*****") and
/// nothing else on the line. Reports draw them around their words and
/// under headings; they are no words of the server's.
pub(super) fn is_rule(line: &str) -> bool {
    let t = line.trim().as_bytes();
    t.len() >= 5
        && matches!(t[0], b'_' | b'-' | b'=' | b'*' | b'#' | b'~')
        && t.iter().all(|&b| b == t[0])
}

/// True for a line of the report's own words below its list of
/// recipients, which ends the lines about the last recipient: OpenSMTPD's
/// "Please note that this is only a temporary failure report." (its
/// delay warnings). They speak to the sender, not for the server that
/// refused, and a diagnostic that held them would tell the user a failed
/// mail is still being tried.
pub(super) fn closes_list(line: &str) -> bool {
    const CLOSINGS: [&str; 1] = ["please note that this is only a temporary failure report"];
    let t = line.trim_start();
    CLOSINGS.iter().any(|c| starts_with_ci(t, c))
}

/// White space as `char::is_whitespace` has it, for ASCII bytes.
fn is_space(b: u8) -> bool {
    b == b' ' || (b'\t'..=b'\r').contains(&b)
}

/// Appends the words of `text` to `out`, one space between words, until
/// `out` is longer than `max` (the caller cuts it to `max`). Words are what
/// `str::split_whitespace` gives; ASCII bytes (nearly all of a report, even
/// one in Norwegian or Japanese) are told apart without decoding a
/// character.
pub(super) fn push_words(out: &mut String, text: &str, max: usize) {
    out.reserve(text.len().min((max + 1).saturating_sub(out.len())) + 1);
    let b = text.as_bytes();
    let mut i = 0;
    if text.is_ascii() {
        // Nearly every report: words are runs of non-space bytes, and
        // most of a line is words with one space between them. Such a
        // run is copied at once; only where the whole run would pass
        // `max` is it taken a word at a time.
        while i < b.len() && out.len() <= max {
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            let start = i;
            i = single_spaced_run_end(b, i);
            if start == i {
                continue;
            }
            let run = &text[start..i];
            let sep = usize::from(!out.is_empty());
            if out.len() + sep + run.len() <= max {
                if sep == 1 {
                    out.push(' ');
                }
                out.push_str(run);
            } else {
                for word in run.split(' ') {
                    if out.len() > max {
                        break;
                    }
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(word);
                }
            }
        }
        return;
    }
    while i < b.len() && out.len() <= max {
        while i < b.len() {
            let (space, len) = space_at(text, i);
            if !space {
                break;
            }
            i += len;
        }
        let start = i;
        while i < b.len() {
            let (space, len) = space_at(text, i);
            if space {
                break;
            }
            i += len;
        }
        if start < i {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&text[start..i]);
        }
    }
}

/// Where the run of words starting at `i` of ASCII `b` ends: the first
/// white space that is not one space between two words (or the end).
fn single_spaced_run_end(b: &[u8], mut i: usize) -> usize {
    loop {
        i = first_at_most_space(b, i);
        match b.get(i) {
            None => return i,
            // A control character that is no white space is part of a word.
            Some(&c) if !is_space(c) => i += 1,
            Some(b' ') if b.get(i + 1).is_some_and(|&n| !is_space(n)) => i += 1,
            Some(_) => return i,
        }
    }
}

/// The first byte at or after `i` of ASCII `b` that is at most a space
/// (white space and control characters), or `b.len()`; eight bytes at a
/// time (for ASCII bytes, `x - 0x21…21 & !x & 0x80…80` marks those below
/// 0x21, the lowest mark exactly).
fn first_at_most_space(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let marks = x.wrapping_sub(ONES * 0x21) & !x & (ONES * 0x80);
        if marks != 0 {
            return i + (marks.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i] > b' ' {
        i += 1;
    }
    i
}

/// Whether the character at byte `i` of `text` (a character boundary) is
/// white space as `char::is_whitespace` has it, and its length in bytes.
#[inline]
fn space_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (is_space(b), 1);
    }
    // White space beyond ASCII is U+0085, U+00A0, U+1680, U+2000–U+205F
    // or U+3000: lead bytes C2, E1, E2 and E3. Any other character is
    // passed over by its length, without decoding it.
    if !matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
        return (
            false,
            if b >= 0xF0 {
                4
            } else if b >= 0xE0 {
                3
            } else {
                2
            },
        );
    }
    match text[i..].chars().next() {
        Some(c) => (c.is_whitespace(), c.len_utf8()),
        None => (false, 1),
    }
}

/// True when `text` is already what [`one_line`] makes of it: ASCII
/// words separated by single spaces, nothing around them.
pub(in crate::bounce) fn is_one_line(text: &str) -> bool {
    let b = text.as_bytes();
    text.is_ascii() && (b.is_empty() || (b[0] != b' ' && single_spaced_run_end(b, 0) == b.len()))
}

/// The lines of `text` as `str::lines` splits them (LF or CRLF), found
/// with memchr.
pub(in crate::bounce) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(n) => {
                let line = &rest[..n];
                (line.strip_suffix('\r').unwrap_or(line), &rest[n + 1..])
            }
            None => (rest, ""),
        };
        rest = next;
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opensmtpds_closing_ends_the_list_and_a_recipients_words_do_not() {
        assert!(closes_list(
            "    Please note that this is only a temporary failure report."
        ));
        assert!(closes_list(
            "PLEASE NOTE THAT THIS IS ONLY A TEMPORARY FAILURE REPORT"
        ));
        // A server's own words about a temporary failure are the diagnostic.
        assert!(!closes_list(
            "kari@example.org: 451 4.7.1 this is only a temporary failure"
        ));
        assert!(!closes_list("Please note"));
    }

    #[test]
    fn a_rule_is_one_mark_repeated_and_nothing_else() {
        for rule in [
            "_____",
            "  ==========  ",
            "***********",
            "-----",
            "#####",
            "~~~~~~",
        ] {
            assert!(is_rule(rule), "{rule:?}");
        }
        for not in [
            "----",
            "-----=====",
            "**** This email has been scanned ****",
            "----- Transcript of session follows -----",
            "550 -----",
            "",
        ] {
            assert!(!is_rule(not), "{not:?}");
        }
    }

    /// What [`push_words`] must give: the words `str::split_whitespace`
    /// gives, one space between, until the text is longer than `max`.
    fn words_until(text: &str, max: usize) -> String {
        let mut want = String::new();
        for w in text.split_whitespace() {
            if want.len() > max {
                break;
            }
            if !want.is_empty() {
                want.push(' ');
            }
            want.push_str(w);
        }
        want
    }

    proptest::proptest! {
        #[test]
        fn one_line_text_is_what_one_line_leaves_as_it_is(
            text in "[a-c0 \t\r\n\u{0}\u{b}\u{1c}é]{0,30}",
        ) {
            let want = text.is_ascii() && words_until(&text, usize::MAX) == text;
            proptest::prop_assert_eq!(is_one_line(&text), want);
        }

        #[test]
        fn the_first_byte_at_most_a_space_is_found(
            text in "[a-c \t\u{0}\u{1f}!~\u{7f}]{0,40}",
            from in 0usize..45,
        ) {
            let b = text.as_bytes();
            let from = from.min(b.len());
            let want = b[from..].iter().position(|&c| c <= b' ').map_or(b.len(), |n| from + n);
            proptest::prop_assert_eq!(first_at_most_space(b, from), want);
        }

        #[test]
        fn words_are_those_split_whitespace_gives(
            // ASCII alone (the run-at-a-time path) or mixed with other
            // white space and letters.
            text in proptest::prop_oneof![
                "[a-c0 \t\r\n\u{0}\u{b}\u{c}\u{1c}\u{1f}!~]{0,80}",
                "[a-z0-9 \t\r\n\u{b}\u{c}\u{1c}\u{85}\u{a0}\u{2003}\u{3000}æøé字]{0,40}",
            ],
            max in 0usize..90,
        ) {
            let mut got = String::new();
            push_words(&mut got, &text, max);
            proptest::prop_assert_eq!(got, words_until(&text, max));
        }
    }

    #[test]
    fn space_at_agrees_with_char_is_whitespace_for_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(space_at(&s, 0), (c.is_whitespace(), c.len_utf8()), "{c:?}");
        }
    }
}
