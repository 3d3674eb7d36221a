//! The addresses a line of report text names: each `@`, and around it the
//! longest run of address characters that makes a plausible local part and
//! domain, in ASCII or, by RFC 6531, with letters beyond it.

use crate::bounce::bytes;

/// Bytes an address token is made of: letters, digits and the
/// punctuation RFC 5322 allows in an atom, `.` and `@`.
const ADDR_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    let extra = b"._%+-=!#$&'*?^`{|}~@";
    let mut i = 0;
    while i < extra.len() {
        t[extra[i] as usize] = true;
        i += 1;
    }
    t
};

fn is_addr_byte(b: u8) -> bool {
    ADDR_BYTES[b as usize]
}

/// Addresses written in one line: around each `@`, the longest run of
/// address characters, checked for a plausible local part and domain.
/// Letters beyond ASCII count (RFC 6531: "kåre@blåbær.no"); other
/// characters beyond it (a no-break space, quotation marks) end the run.
pub(super) fn addresses(line: &str) -> impl Iterator<Item = &str> {
    addresses_naming(line, &[])
}

/// [`addresses`], and also each address of `named` (lower case) where the
/// line writes it, although its domain looks like none: a bare host name,
/// a last label of one letter. A text names "nosuchuser@localhost" as its
/// delivery-status fields do (Exim, for a local part no router accepts);
/// in a text alone, such a domain is more often a word ("at@home") or a
/// host than a recipient's.
pub(super) fn addresses_naming<'l>(
    line: &'l str,
    named: &'l [String],
) -> impl Iterator<Item = &'l str> + 'l {
    let b = line.as_bytes();
    let mut next_from = 0;
    memchr::memchr_iter(b'@', b).filter_map(move |at| {
        if at < next_from {
            return None; // a second '@' in a token already read
        }
        let start = b[..at]
            .iter()
            .rposition(|&c| !is_addr_byte(c))
            .map_or(0, |p| p + 1);
        let end = b[at..]
            .iter()
            .position(|&c| !is_addr_byte(c))
            .map_or(b.len(), |p| at + p);
        // Most addresses are ASCII; a run that stops at a byte beyond it
        // is read again by characters.
        let start = if start > 0 && !b[start - 1].is_ascii() {
            line[..at]
                .char_indices()
                .rev()
                .find(|&(_, c)| !is_addr_char(c))
                .map_or(0, |(i, c)| i + c.len_utf8())
        } else {
            start
        };
        let end = if end < b.len() && !b[end].is_ascii() {
            line[at..]
                .char_indices()
                .find(|&(_, c)| !is_addr_char(c))
                .map_or(b.len(), |(i, _)| at + i)
        } else {
            end
        };
        next_from = end;
        let tok = trimmed(&line[start..end]);
        (plausible_address(tok) || named.iter().any(|n| n.eq_ignore_ascii_case(tok))).then_some(tok)
    })
}

/// An address character: [`ADDR_BYTES`] in ASCII; beyond it, the letters
/// of alphabets written with spaces between words (Latin with its accents,
/// Greek, Cyrillic: below U+0530). Japanese and Chinese text runs into an
/// address without a space ("kijitora@example.jp您好"), so their
/// characters end one.
fn is_addr_char(c: char) -> bool {
    if c.is_ascii() {
        is_addr_byte(c as u8)
    } else {
        is_spaced_letter(c)
    }
}

/// A letter or digit below U+0530, beyond ASCII (see [`is_addr_char`]).
fn is_spaced_letter(c: char) -> bool {
    (c as u32) < 0x0530 && c.is_alphanumeric()
}

/// A token trimmed of the punctuation around an address.
fn trimmed(tok: &str) -> &str {
    let tok = tok.trim_matches(|c: char| matches!(c, '.' | '\'' | '-' | '=' | '?' | '/'));
    // Exchange's X.400 form names the mailbox "…;dda:SMTP=user@host".
    match tok.get(..5) {
        Some(p) if p.eq_ignore_ascii_case("smtp=") => &tok[5..],
        _ => tok,
    }
}

/// True for a trimmed token that makes a plausible address: a local part
/// and a domain of two labels or more, the last at least two characters
/// long with a letter among them.
fn plausible_address(tok: &str) -> bool {
    let Some((local, domain)) = bytes::split_once(tok, b'@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && bytes::has(domain, b'.')
        && !bytes::has(domain, b'@')
        && domain.len() <= 255
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || is_spaced_letter(c))
        && !domain.starts_with(['.', '-'])
        && !domain.ends_with('.')
        && bytes::rsplit_once(domain, b'.').is_some_and(|(_, tld)| {
            tld.len() >= 2
                && tld
                    .chars()
                    .any(|c| c.is_ascii_alphabetic() || is_spaced_letter(c))
        })
}

/// The most names read from one list of bare names.
const MAX_BARE: usize = 32;

/// Recipients a report lists by local part alone, one to a line, under a
/// line that introduces them: AOL's "Your mail to the following recipients
/// could not be delivered because …:" then "\tscreenname". The names are
/// mailboxes of the system that reports, so each is qualified with
/// `domain`, the domain of its mailer daemon. Only a line that ends with a
/// colon and speaks of "the following" opens a list, and the first line
/// that is not one bare name closes it: a sentence, an address, a word
/// followed by an error ("userx  No matches to nameserver query") are no
/// list of names.
pub(in crate::bounce) fn bare_names<'t>(
    lines: impl IntoIterator<Item = &'t str>,
    domain: &str,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut listing = false;
    for line in lines {
        let t = line.trim();
        if listing {
            let bare = !t.is_empty()
                && t.len() <= 64
                && t.bytes().all(|b| b != b'@' && is_addr_byte(b))
                && !t.starts_with(['.', '-'])
                && !t.ends_with('.');
            if bare && out.len() < MAX_BARE {
                out.push(format!("{t}@{domain}"));
                continue;
            }
            if t.is_empty() && out.is_empty() {
                continue;
            }
            if !out.is_empty() {
                break;
            }
        }
        listing = t.ends_with(':') && bytes::contains_lowered(t, "the following");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_names_are_read_under_the_line_that_lists_them() {
        let names = |text: &str| bare_names(text.lines(), "example.com");
        assert_eq!(
            names(
                "Sorry kari@example.org. Your mail to the following recipients could not be delivered because they are not accepting mail with attachments:\n\tscreenname\n\tother.name\n\n"
            ),
            ["screenname@example.com", "other.name@example.com"]
        );
        // A name followed by its error, a sentence, no list at all.
        assert!(names("Not delivered to the following:\n\n userx    No matches\n").is_empty());
        assert!(names("The following recipients failed:\nPlease try again.\n").is_empty());
        assert!(names("Your mail could not be delivered.\n\tscreenname\n").is_empty());
    }

    #[test]
    fn addresses_beyond_ascii_are_read_whole() {
        fn all(line: &str) -> Vec<&str> {
            addresses(line).collect()
        }
        assert_eq!(
            all("<kåre.ødegård@eksempel.no>: host said: 550 5.1.1 User unknown"),
            ["kåre.ødegård@eksempel.no"]
        );
        assert_eq!(
            all("<per@blåbær.no>: Host or domain name not found"),
            ["per@blåbær.no"]
        );
        assert_eq!(all("Ελένη ελένη@παράδειγμα.ελ"), ["ελένη@παράδειγμα.ελ"]);
        // What is not a letter ends an address: a no-break space, quotes.
        assert_eq!(
            all("to\u{a0}kari@example.org\u{a0}failed"),
            ["kari@example.org"]
        );
        assert_eq!(all("«kari@example.org»"), ["kari@example.org"]);
        // Japanese and Chinese run into an address without a space.
        assert_eq!(all("kijitora@example.jp您好"), ["kijitora@example.jp"]);
        assert_eq!(all("宛先kijitora@example.jpへ"), ["kijitora@example.jp"]);
    }

    #[test]
    fn a_bare_host_domain_is_read_only_where_the_fields_named_it() {
        let line = "  nosuchuser@localhost: Unrouteable address, see root@mailhost";
        assert_eq!(addresses(line).count(), 0);
        let named = ["nosuchuser@localhost".to_string()];
        let found: Vec<&str> = addresses_naming(line, &named).collect();
        assert_eq!(found, ["nosuchuser@localhost"]);
        // A domain with a dot needs no naming.
        assert_eq!(
            addresses_naming("kari@example.org", &named).collect::<Vec<_>>(),
            ["kari@example.org"]
        );
    }
}
