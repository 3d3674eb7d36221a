//! The text MTAs write for people: who failed, and the server's words.
//!
//! Postfix, Exim, qmail, Sendmail, Exchange, Gmail, Yahoo, Courier … all
//! write the same thing in different shapes: an address, then (or around
//! it) the remote server's reply. Rather than one parser per MTA, this reads
//! the shape they share: every address in the report part of the text is a
//! candidate recipient, and its diagnostic is the text from each line that
//! names it up to the next line naming another one. The report part ends
//! where the copy of the original message begins (a marker line, see
//! [`original_start`]).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::bytes::{self, ends_with_ci, starts_with_ci};
use super::dsn::Recipient;
use super::reason::phrases::lower;
use super::wording;

/// The most lines of a report read.
const MAX_LINES: usize = 2000;
/// The most lines one diagnostic segment spans.
const SEGMENT_LINES: usize = 20;
/// The most characters of one diagnostic.
const MAX_DIAGNOSTIC: usize = 2000;

/// What the text says about one address.
#[derive(Debug, Default, Clone)]
pub(super) struct Scraped {
    /// The address as written.
    pub recipient: String,
    /// The text about it, on one line.
    pub diagnostic: String,
    /// The diagnostic starts with the address as the text names the
    /// record (`<kari@x>: host … said: …`): the classifier reads it whole,
    /// the record shows the words after it ([`without_name`]).
    pub named_first: bool,
    /// The SMTP command the failure answered, when the text says.
    pub smtp_command: String,
    /// The remote host, when the text names it.
    pub remote_mta: String,
    /// A reason fixed by the text itself.
    pub preset: Option<super::Reason>,
    /// Wider text read for classification only (the whole report, when the
    /// lines about the recipient hold no code).
    pub context: String,
}

impl Scraped {
    /// As a recipient before classification.
    pub fn to_recipient(&self) -> Recipient {
        Recipient {
            recipient: self.recipient.clone(),
            diagnostic: self.diagnostic.clone(),
            named_first: self.named_first,
            smtp_command: self.smtp_command.clone(),
            remote_mta: self.remote_mta.clone(),
            preset: self.preset,
            context: self.context.clone(),
            ..Recipient::default()
        }
    }
}

/// Lines that start the copy of the original message (lower case).
const ORIGINAL_MARKERS: &[&str] = &[
    "this is a copy of the message",
    // Exim, for an address it would not try ("malformed address").
    "this is a copy of your message",
    "below this line is a copy of the message",
    "a copy of the original message below this line",
    "original message follows",
    "original message headers",
    "original message header",
    "----- original message",
    "-- original message",
    "---- original message",
    "unsent message below",
    // Sendmail 5: "   ----- Unsent message follows -----"
    "unsent message follows",
    "returned message --",
    "------ returned mail",
    "headers of the original message",
    "header of the original message",
    "the headers of your message",
    "the original message headers",
    "content-type: message/rfc822",
    "content-type: text/rfc822-headers",
    "the text you sent follows",
    "--- below this line is",
    "your message reads (in part)",
    "original message:",
    "message text follows",
    // fml, the mailing list manager
    "original mail as follows",
    // m-FILTER: "-------original mail info"
    "-------original mail info",
    "original message as received",
    "returned message ---",
    "------- returned message",
];

/// A mail program's separator above a quoted original, in the report
/// languages ("-----Opprinnelig melding-----"): a copy starts there only
/// where the words start their line, after dashes or spaces. Inside a
/// sentence or a heading ("Detaljer om opprinnelig melding", Office 365's
/// summary of the original, with the failure's details below it) they
/// start nothing.
const SEPARATOR_MARKERS: &[&str] = &[
    "message d'origine",
    "mensaje original",
    "ursprüngliche nachricht",
    "opprinnelig melding",
    "ursprungligt meddelande",
    "oprindelig meddelelse",
];

/// Where a header block of the quoted original starts: a Received field
/// at the start of a line (or of a line quoted with `>`), or Return-Path
/// after a blank line.
const HEADER_STARTS: &[&str] = &[
    "\nreceived: from",
    "\nreceived: by",
    // Zoho: "Received:from mail.zoho.com by mx.zohomail.com"
    "\nreceived:from",
    // A copy quoted line by line with '>'.
    "\n>received: from",
    "\n> received: from",
    "\n\nreturn-path: <",
    "\n\r\nreturn-path: <",
];

/// A case-sensitive matcher for lower-case patterns, run on lower-case
/// text ([`Cased::lower`]): unlike a case-insensitive automaton it can use
/// aho-corasick's SIMD prefilters, several times faster on report text.
pub(super) fn lower_matcher(kind: MatchKind, patterns: &[&str]) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .match_kind(kind)
        .build(patterns)
        .expect("pattern lists are small and valid")
}

fn markers() -> &'static AhoCorasick {
    static M: OnceLock<AhoCorasick> = OnceLock::new();
    M.get_or_init(|| {
        let all: Vec<&str> = ORIGINAL_MARKERS
            .iter()
            .chain(SEPARATOR_MARKERS)
            .chain(HEADER_STARTS)
            .copied()
            .collect();
        lower_matcher(MatchKind::LeftmostFirst, &all)
    })
}

/// A text beside its ASCII lower-case copy. Lower-casing ASCII keeps every
/// byte where it was, so an offset found in one holds in the other.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cased<'t> {
    /// The text as written.
    pub text: &'t str,
    /// The same text with A–Z lower-cased.
    pub lower: &'t str,
}

impl<'t> Cased<'t> {
    /// The first `len` bytes of both (`len` must be a character boundary).
    pub fn prefix(self, len: usize) -> Cased<'t> {
        Cased {
            text: &self.text[..len],
            lower: &self.lower[..len],
        }
    }
}

/// The byte offset where the copy of the original message starts in a
/// lower-case text (the start of the marker's line), if it is quoted there.
pub(super) fn original_start(lower: &str) -> Option<usize> {
    let separators = ORIGINAL_MARKERS.len()..ORIGINAL_MARKERS.len() + SEPARATOR_MARKERS.len();
    for m in markers().find_iter(lower) {
        let at = m.start();
        let pattern = m.pattern().as_usize();
        if pattern >= separators.end {
            // A header block counts only after some report text.
            if lower[..at].trim().is_empty() {
                continue;
            }
            return Some(at + 1);
        }
        let line_start = lower[..at].rfind('\n').map_or(0, |nl| nl + 1);
        if separators.contains(&pattern) && lower[line_start..at].chars().any(char::is_alphanumeric)
        {
            continue;
        }
        return Some(line_start);
    }
    None
}

/// Skips the marker line and blank lines to where header fields begin.
pub(super) fn skip_to_headers(s: &str) -> &str {
    let mut at = 0;
    for line in bytes::lines_inclusive(s).take(50) {
        let t = line.trim_end();
        let header_like = t.split_once(':').is_some_and(|(n, _)| {
            !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
        if header_like && !starts_with_ci(t, "content-type: message/rfc822") {
            return &s[at..];
        }
        at += line.len();
    }
    &s[s.len()..]
}

/// A copy quoted indented (every line of it after the marker line starts
/// with the same white space, as fml writes it) without the indent, or
/// `None` when the copy is not indented. Only the first
/// [`MAX_QUOTE_DEDENT`] bytes are read: the header section is all that is
/// looked for.
pub(super) fn dedent_quote(copy: &str) -> Option<String> {
    let copy = head(copy, MAX_QUOTE_DEDENT);
    let mut lines = bytes::lines_inclusive(copy);
    lines.next(); // the marker line
    let mut lines = lines.skip_while(|l| l.trim().is_empty()).peekable();
    let first = *lines.peek()?;
    let indent = &first[..first.len() - first.trim_start_matches([' ', '\t']).len()];
    if indent.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(copy.len());
    for line in lines {
        out.push_str(
            line.strip_prefix(indent)
                .unwrap_or(line.trim_start_matches([' ', '\t'])),
        );
    }
    Some(out)
}

/// The most of a quoted copy [`dedent_quote`] reads.
const MAX_QUOTE_DEDENT: usize = 64 * 1024;

/// Cuts a string at a character boundary.
fn truncate(s: &mut String, max: usize) {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
}

/// The first `max` bytes of `text`, cut at a character boundary.
pub(super) fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Text on one line, white space collapsed, at most `max` bytes.
pub(super) fn one_line(text: &str, max: usize) -> String {
    let mut out = String::new();
    push_words(&mut out, text, max);
    truncate(&mut out, max);
    out
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
fn push_words(out: &mut String, text: &str, max: usize) {
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
pub(super) fn is_one_line(text: &str) -> bool {
    let b = text.as_bytes();
    text.is_ascii() && (b.is_empty() || (b[0] != b' ' && single_spaced_run_end(b, 0) == b.len()))
}

/// The lines of `text` as `str::lines` splits them (LF or CRLF), found
/// with memchr.
pub(super) fn lines(text: &str) -> impl Iterator<Item = &str> {
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

/// The report part of the text as one diagnostic, for a recipient known
/// only from the headers.
pub(super) fn whole_text_diagnostic(report: &str) -> String {
    one_line(report, MAX_DIAGNOSTIC)
}

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
fn addresses(line: &str) -> impl Iterator<Item = &str> {
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
        plausible_address(&line[start..end])
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

/// A token as an address, trimmed of the punctuation around it, or `None`.
fn plausible_address(tok: &str) -> Option<&str> {
    let tok = tok.trim_matches(|c: char| matches!(c, '.' | '\'' | '-' | '=' | '?' | '/'));
    // Exchange's X.400 form names the mailbox "…;dda:SMTP=user@host".
    let tok = match tok.get(..5) {
        Some(p) if p.eq_ignore_ascii_case("smtp=") => &tok[5..],
        _ => tok,
    };
    let (local, domain) = bytes::split_once(tok, b'@')?;
    let ok = !local.is_empty()
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
        });
    ok.then_some(tok)
}

/// Local parts of mailboxes that send reports rather than receive mail.
fn is_system_sender(addr: &str) -> bool {
    const SYSTEM: &[&str] = &[
        "mailer-daemon",
        "postmaster",
        "post_master",
        "mail-daemon",
        "mailerdaemon",
        "noreply",
        "no-reply",
    ];
    // A mailing list's command address, which its notices name for the
    // reader to write to ("-ctl" for fml, "-request" for Mailman and
    // Majordomo).
    const LIST_COMMANDS: &[&str] = &["-ctl", "-request"];
    let local = bytes::split_once(addr, b'@').map_or(addr, |(l, _)| l);
    SYSTEM.iter().any(|s| s.eq_ignore_ascii_case(local))
        || LIST_COMMANDS
            .iter()
            .any(|s| local.len() > s.len() && bytes::ends_with_ci(local, s))
}

/// Lines that name an address without it being a recipient: header fields
/// of the quoted original, aliases an address was expanded from.
fn is_header_line(line: &str) -> bool {
    const STARTS: &[&str] = &[
        "message-id:",
        "in-reply-to:",
        "references:",
        "from:",
        "return-path:",
        "sender:",
        "reply-to:",
        "x-",
        "to:",
        "cc:",
        "bcc:",
        "delivered-to:",
        "received:",
        "subject:",
        "date:",
        "original-envelope-id:",
        "envelope-id:",
        "for <",
        "(ultimately generated from",
        "(generated from",
        "(expanded from",
        "mail from:",
        "original sender:",
    ];
    let l = line.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
    STARTS.iter().any(|p| starts_with_ci(l, p))
}

/// Lines where an MTA says which address a recipient came from (Sendmail
/// "(expanded from: a@b)", Exim "(generated from a@b)").
fn is_alias_line(line: &str) -> bool {
    let l = line.trim_start();
    [
        "(expanded from",
        "(generated from",
        "(ultimately generated from",
    ]
    .iter()
    .any(|p| starts_with_ci(l, p))
}

/// The addresses a report names only as what a recipient was expanded
/// from: the last resort when it names no recipient at all.
pub(super) fn aliases(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in lines(text)
        .take(MAX_LINES)
        .filter(|l| l.contains('@') && is_alias_line(l))
    {
        for a in addresses(l) {
            if !out.iter().any(|o| o.eq_ignore_ascii_case(a)) {
                out.push(a.to_string());
            }
        }
    }
    out
}

/// Fields a report may sum up the returned message by.
const SUMMARY_FIELDS: &[&str] = &["subject:", "to:", "from:", "date:", "cc:", "message-id:"];

/// A run of lines in the report text that sums up the returned message by
/// some of its header fields ("Subject: …" and "To: …" above the copy, as
/// Yahoo writes), when it names an addressee; read as the original's header
/// section when the mail has no other.
pub(super) fn summary_fields(text: &str) -> Option<&str> {
    let mut start = None;
    let mut has_to = false;
    let mut at = 0;
    for line in bytes::lines_inclusive(text).take(MAX_LINES) {
        let field = SUMMARY_FIELDS.iter().find(|f| starts_with_ci(line, f));
        match (field, start) {
            (Some(f), _) => {
                start.get_or_insert(at);
                has_to |= *f == "to:" && line.contains('@');
            }
            (None, Some(s)) if has_to => return Some(&text[s..at]),
            (None, Some(_)) => start = None,
            (None, None) => {}
        }
        at += line.len();
    }
    start.filter(|_| has_to).map(|s| &text[s..])
}

/// True for an address the text offers for help rather than reports: one
/// the reader is told to contact, mail or write to. Refusing servers put
/// such addresses in their replies ("… blocked using zen.example.com; To
/// request removal, please email <delist@…>", "If you believe this is an
/// error, contact <abuse@…> or write to <support@…>"), and providers in
/// their notices ("please contact your email admin at <helpdesk@…>").
/// `addr` is a slice of `lines[i]`.
///
/// The instruction is the clause that leads up to the address, and it must
/// start with the verb: "We could not send your message to <a>" and "Mail
/// for <a>" name recipients, and so does a label ("E-mail: <a>").
fn is_help_address(lines: &[&str], i: usize, addr: &str) -> bool {
    let line = lines[i];
    let before = words_before(line, addr);
    if before.is_empty() && line.starts_with([' ', '\t']) && i > 0 {
        // A reply wrapped onto indented lines: the instruction may end the
        // line above ("… contact\n    <abuse@…>").
        let above = lines[i - 1].trim_end();
        if !above.is_empty() {
            return is_help_clause(last_words(above), line, addr);
        }
    }
    is_help_clause(last_words(before), line, addr)
}

/// The most bytes before an address read for the instruction that leads up
/// to it: an instruction is a short clause ("please contact our support
/// team by email at"). Without a bound, a line of many addresses and no
/// clause breaks is read from its start for each one of them.
const MAX_INSTRUCTION: usize = 256;

/// The whole words among the last [`MAX_INSTRUCTION`] bytes of `text`:
/// all of it when it is short, else what follows the first white space of
/// that tail ("" when there is none: one word that long is no instruction).
fn last_words(text: &str) -> &str {
    if text.len() <= MAX_INSTRUCTION {
        return text;
    }
    let mut start = text.len() - MAX_INSTRUCTION;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let tail = &text[start..];
    tail.find(char::is_whitespace)
        .map_or("", |at| tail[at..].trim_start())
}

/// Whether `before`, the words that lead up to `addr` on `line` (or end
/// the line above it), tell the reader to write to it.
fn is_help_clause(before: &str, line: &str, addr: &str) -> bool {
    if ends_with_ci(before, "contact") {
        return true;
    }
    let clause = last_clause(before);
    let mut buf = [0; 24];
    let mut words = clause.split_whitespace();
    let Some(verb) = words.find(|w| !is_polite(lower_word(w, &mut buf))) else {
        return false;
    };
    let verb = lower_word(verb, &mut buf);
    if HELP_CONTACT.iter().any(|c| verb.starts_with(c)) {
        true
    } else if HELP_MAIL.contains(&verb) {
        // "please email <a>", "reach us at <a>": the address is the verb's
        // object.
        let labelled = line[..offset_in(line, addr)]
            .trim_end_matches(|c: char| c.is_whitespace() || c == '<')
            .ends_with(':');
        let object = match (words.next(), words.next(), words.next()) {
            (None, _, _) => true,
            (Some(us), Some(at), None) => {
                us.eq_ignore_ascii_case("us")
                    && ["at", "on", "via"]
                        .iter()
                        .any(|p| at.eq_ignore_ascii_case(p))
            }
            _ => false,
        };
        object && !labelled
    } else {
        HELP_WRITE.contains(&verb)
            && HELP_TO.iter().any(|to| {
                ends_with_ci(clause, to) && clause[..clause.len() - to.len()].ends_with(' ')
            })
    }
}

/// `word` lower-cased, in `buf`; "" for a word too long to be one of the
/// words an instruction is told by.
fn lower_word<'b>(word: &str, buf: &'b mut [u8; 24]) -> &'b str {
    if word.len() > buf.len() {
        return "";
    }
    if word.is_ascii() {
        let out = &mut buf[..word.len()];
        out.copy_from_slice(word.as_bytes());
        out.make_ascii_lowercase();
        return std::str::from_utf8(out).unwrap_or("");
    }
    let mut n = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let len = c.len_utf8();
        if n + len > buf.len() {
            return "";
        }
        c.encode_utf8(&mut buf[n..]);
        n += len;
    }
    std::str::from_utf8(&buf[..n]).unwrap_or("")
}

/// Words that may open an instruction before its verb ("please", "or",
/// "you can", "you may also", and their kin in the report languages; the
/// light verb of "ta/tag kontakt med", and "merci de" before "contacter"),
/// lower case, in byte order: [`is_polite`] searches them by halves.
const HELP_POLITE: &[&str] = &[
    "also",
    "anche",
    "and",
    "aussi",
    "bitte",
    "can",
    "de",
    "di",
    "du",
    "e",
    "eller",
    "en",
    "et",
    "favor",
    "gelieve",
    "kan",
    "kindly",
    "kunt",
    "may",
    "merci",
    "ni",
    "o",
    "också",
    "oder",
    "of",
    "og",
    "også",
    "ook",
    "or",
    "ou",
    "per",
    "please",
    "pode",
    "por",
    "pouvez",
    "prega",
    "puede",
    "puoi",
    "può",
    "si",
    "ta",
    "tag",
    "también",
    "também",
    "then",
    "u",
    "und",
    "usted",
    "venligst",
    "vennligst",
    "veuillez",
    "você",
    "vous",
    "vänligen",
    "y",
    "you",
];

/// True for a word of [`HELP_POLITE`] (lower case).
fn is_polite(word: &str) -> bool {
    HELP_POLITE.binary_search(&word).is_ok()
}

/// How an instruction to contact someone starts (a prefix of its verb):
/// "contact", "kontakt(a)", "kontaktieren", "contacter", "contatta(re)",
/// "contate", and the verbs of "wenden Sie sich an", "póngase en contacto
/// con", "entre em contato com", "neem contact op met".
const HELP_CONTACT: &[&str] = &[
    "contact", "kontakt", "contat", "wenden", "póngase", "pongase", "entre", "neem",
];

/// Verbs whose object is the address itself ("email <a>", "reach us at <a>").
const HELP_MAIL: &[&str] = &["email", "e-mail", "mail", "reach"];

/// Verbs of sending and writing that lead to the address through a
/// preposition ([`HELP_TO`]): "send questions to <a>", "skriv til <a>".
const HELP_WRITE: &[&str] = &[
    "send",
    "write",
    "skriv",
    "skicka",
    "schreiben",
    "schreibe",
    "écrivez",
    "envoyez",
    "escriba",
    "envíe",
    "envie",
    "scrivi",
    "scrivere",
    "scrivete",
    "escreva",
    "stuur",
];

/// The prepositions that end such an instruction.
const HELP_TO: &[&str] = &["to", "til", "till", "an", "à", "a", "para", "naar"];

/// Where `addr`, a slice of `line`, starts in it.
fn offset_in(line: &str, addr: &str) -> usize {
    (addr.as_ptr() as usize)
        .saturating_sub(line.as_ptr() as usize)
        .min(line.len())
}

/// The last clause of `text`: what follows its last ", ", "; ", ". ",
/// "! ", "? ", ": ", "(", " or " or " and " (the dots inside an address or
/// a host name do not end one). One pass from the end.
fn last_clause(text: &str) -> &str {
    let b = text.as_bytes();
    for i in (0..b.len()).rev() {
        let after = &b[i + 1..];
        let end = match b[i] {
            b',' | b';' | b'.' | b'!' | b'?' | b':' if after.first() == Some(&b' ') => i + 2,
            b'(' => i + 1,
            b' ' if after.starts_with(b"or ") => i + 4,
            b' ' if after.starts_with(b"and ") => i + 5,
            _ => continue,
        };
        return &text[end..];
    }
    text
}

/// The text of `line` before `addr` (a slice of it), without the spaces,
/// `<` and `:` that lead up to an address.
fn words_before<'l>(line: &'l str, addr: &str) -> &'l str {
    line[..offset_in(line, addr)]
        .trim_end_matches(|c: char| c.is_whitespace() || c == '<' || c == ':')
}

/// The text of `line` after `addr` (a slice of it), without the `>`, `:`
/// and spaces that follow an address.
fn words_after<'l>(line: &'l str, addr: &str) -> &'l str {
    line.get(offset_in(line, addr) + addr.len()..)
        .unwrap_or("")
        .trim_start_matches(|c: char| c.is_whitespace() || c == '>' || c == ':')
}

/// True for the sender named by "A message sent by <addr> could not be
/// delivered" (Exim), on the line of `addr` or, with `addr` on a line of
/// its own, on the nearest line above that has text; for the sender a
/// server refuses at MAIL FROM, "<addr>: Sender address rejected: not
/// owned by user <login>" (Postfix), both addresses the sender's own; and
/// for the account of Outlook's send task ("Task '<addr> - Sending'").
fn is_sender_address(lines: &[&str], i: usize, addr: &str) -> bool {
    let line = lines[i];
    let after = words_after(line, addr);
    // Outlook names the account it sends from in its send task's error:
    // "Task 'ola@example.no - Sending' reported error (0x800CCC78)".
    if starts_with_ci(after, "sender address rejected") || starts_with_ci(after, "- sending'") {
        return true;
    }
    let before = words_before(line, addr);
    if !before.is_empty() {
        return ends_with_ci(before, "sent by") || ends_with_ci(before, "not owned by user");
    }
    lines[..i]
        .iter()
        .rev()
        .take(3)
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| ends_with_ci(l.trim_end(), "sent by"))
}

/// The line above `i` that opens a reason block: the nearest line with
/// text, when it ends "reason:" ("Sorry, unable to deliver your message
/// to <a> for the following reason:").
fn reason_intro(lines: &[&str], i: usize) -> Option<usize> {
    let k = (0..i)
        .rev()
        .take(3)
        .find(|&k| !lines[k].trim().is_empty())?;
    let l = lines[k].trim_end();
    (ends_with_ci(l, "reason:") || ends_with_ci(l, "reasons:")).then_some(k)
}

/// True for an address in the block under a reason line whose sentence
/// (that line and the one above it) names another address: the block is
/// the refusing server's words about that recipient ("552 Quota violation
/// for <b>", b being where a's mail was forwarded), not a recipient of
/// its own. Elsewhere in the text the same address still counts.
fn in_reason_for_another(sightings: &[Sighting<'_>], s: &Sighting<'_>) -> bool {
    match s.facts.intro {
        Intro::Nobody => false,
        Intro::One(k) => sightings[k].lower != s.lower,
        Intro::Several => true,
    }
}

/// True for an address inside another recipient's record line: a line
/// that starts with that recipient and the mark that ends it (Postfix
/// "<a>: host … said: 550 … <b> …", Sendmail "<a>... …"), the rest being
/// the refusing server's words about it ("Reach us at <help@…>", "the
/// copy forwarded to <b> failed"). Elsewhere in the text the same address
/// still counts.
fn in_record_of_another(sightings: &[Sighting<'_>], s: &Sighting<'_>) -> bool {
    s.facts
        .record_of
        .is_some_and(|k| sightings[k].lower != s.lower)
}

/// Message-IDs look like addresses; these lines name them.
fn is_id_line(line: &str) -> bool {
    let l = line.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
    [
        "message-id:",
        "in-reply-to:",
        "references:",
        "original-envelope-id:",
        "envelope-id:",
    ]
    .iter()
    .any(|p| starts_with_ci(l, p))
}

/// Every candidate recipient in the report part, in order, with the text
/// about it. `exclude` are addresses that are never recipients; `named`
/// (lower case) are recipients even where they look like system addresses.
pub(super) fn scrape(part: Cased<'_>, exclude: &[String], named: &[String]) -> Vec<Scraped> {
    let lines: Vec<&str> = lines(part.text).take(MAX_LINES).collect();
    let sightings = sightings(&lines);
    let mut found = scrape_with(&lines, &sightings, exclude, named);
    if found.is_empty() && !exclude.is_empty() {
        // A mail sent to oneself bounces to the same address: try again
        // without excluding the bounce's own addresses.
        found = scrape_with(&lines, &sightings, &[], named);
    }
    if let [only] = found.as_mut_slice() {
        // One recipient whose lines hold no code: many MTAs put the error
        // above the address ("Error: … / Error message below: 550 …"), so
        // the whole report is about it.
        if !has_code(&only.diagnostic) {
            only.context = whole_text_diagnostic(part.text);
            if only.smtp_command.is_empty() {
                only.smtp_command = smtp_command(&only.context.to_ascii_lowercase()).to_string();
            }
        }
    } else if found.iter().all(|s| !has_code(&s.diagnostic)) {
        // Several recipients listed under one explanation ("… was not
        // delivered within 2 days. The following recipients did not receive
        // your message: <a> <b>"): those whose own lines name no cause
        // either are about the report's words, and those words are their
        // diagnostic.
        let mut whole: Option<String> = None;
        for s in &mut found {
            let own = super::reason::phrases::scan(&lower(&s.diagnostic), 0);
            if own.is_empty() {
                let whole = whole.get_or_insert_with(|| whole_text_diagnostic(part.text));
                if readable(whole) {
                    s.diagnostic.clone_from(whole);
                    s.named_first = false;
                }
                s.context.clone_from(whole);
            }
        }
    }
    found
}

/// False for text that bytes no charset decoder could read left with
/// replacement characters (mislabelled or broken parts): shown to a user
/// as a diagnostic it says less than the address alone.
pub(super) fn readable(text: &str) -> bool {
    !text.contains(char::REPLACEMENT_CHARACTER)
}

/// True when a diagnostic holds an enhanced status or SMTP reply code.
fn has_code(diagnostic: &str) -> bool {
    super::codes::find_status(diagnostic).is_some()
        || super::codes::find_reply(diagnostic, None).is_some()
}

/// An address the report's text names, and where.
struct Sighting<'a> {
    /// The line it is on.
    line: usize,
    /// As written.
    addr: &'a str,
    /// The same, lower case.
    lower: String,
    /// What its line is.
    facts: LineFacts,
}

/// What a line that names addresses is, read once for all of them: a line
/// of 100 KB that names thousands of addresses is not read again for each
/// one.
#[derive(Debug, Clone, Copy, Default)]
struct LineFacts {
    /// A field that names Message-IDs ([`is_id_line`]).
    id: bool,
    /// A header field of the quoted original, or an alias ([`is_header_line`]).
    header: bool,
    /// What a recipient was expanded from ([`is_alias_line`]).
    alias: bool,
    /// The line is the record of its first address (by its index among the
    /// sightings): it starts with it and the mark that ends a record's
    /// name ([`in_record_of_another`]).
    record_of: Option<usize>,
    /// Who the sentence opening the reason block the line is in names
    /// ([`in_reason_for_another`]).
    intro: Intro,
}

/// The addresses a reason block's opening sentence names.
#[derive(Debug, Clone, Copy, Default)]
enum Intro {
    /// No reason block, or a sentence that names nobody.
    #[default]
    Nobody,
    /// One address (by its first sighting's index), maybe more than once.
    One(usize),
    /// Two addresses or more.
    Several,
}

impl LineFacts {
    /// The facts of line `i`, whose sightings are `on` (indexes into
    /// `seen`, which holds every sighting of the lines above and these).
    fn of(lines: &[&str], i: usize, seen: &[Sighting<'_>], on: std::ops::Range<usize>) -> Self {
        let line = lines[i];
        let first = &seen[on.start];
        let record_of = (on.len() > 1
            && after_name(line, first.addr).and_then(after_mark).is_some())
        .then_some(on.start);
        let intro = reason_intro(lines, i).map_or(Intro::Nobody, |k| {
            // The sentence is the intro line and the one above it.
            let from = seen.partition_point(|o| o.line + 1 < k);
            let to = seen.partition_point(|o| o.line <= k);
            let named = &seen[from..to];
            match named.first() {
                None => Intro::Nobody,
                Some(a) if named.iter().all(|o| o.lower == a.lower) => Intro::One(from),
                Some(_) => Intro::Several,
            }
        });
        LineFacts {
            id: is_id_line(line),
            header: is_header_line(line),
            alias: is_alias_line(line),
            record_of,
            intro,
        }
    }
}

/// Every address the lines name, in order. Most lines name none: only the
/// ones with an '@' are read, once, for every question asked of them.
fn sightings<'a>(lines: &[&'a str]) -> Vec<Sighting<'a>> {
    let mut out = Vec::new();
    for (line, text) in lines.iter().enumerate() {
        if memchr::memchr(b'@', text.as_bytes()).is_some() {
            let start = out.len();
            out.extend(addresses(text).map(|addr| Sighting {
                line,
                addr,
                lower: addr.to_ascii_lowercase(),
                facts: LineFacts::default(),
            }));
            if out.len() > start {
                let facts = LineFacts::of(lines, line, &out, start..out.len());
                for s in &mut out[start..] {
                    s.facts = facts;
                }
            }
        }
    }
    out
}

fn scrape_with(
    lines: &[&str],
    sightings: &[Sighting<'_>],
    exclude: &[String],
    named: &[String],
) -> Vec<Scraped> {
    // Sorted, so that each sighting looks itself up by halves: a text may
    // name thousands of addresses.
    let lower_where = |keep: &dyn Fn(&Sighting<'_>) -> bool| -> Vec<&str> {
        let mut found: Vec<&str> = sightings
            .iter()
            .filter(|s| keep(s))
            .map(|s| s.lower.as_str())
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    };
    // Message-IDs look like addresses.
    let ids = lower_where(&|s| s.facts.id);
    // An address offered for help is no recipient on any line (it is
    // often repeated in a second language), nor is the sender a report
    // names ("A message sent by <a> could not be delivered").
    let not_here = lower_where(&|s| {
        is_help_address(lines, s.line, s.addr) || is_sender_address(lines, s.line, s.addr)
    });
    // Addresses a recipient was expanded from are not recipients
    // themselves, wherever else the text names them, unless the fields
    // name them (Sendmail's alias loop names an address as expanded from
    // itself).
    let aliases = lower_where(&|s| s.facts.alias && !named.iter().any(|n| n == s.lower.as_str()));
    // The candidates in order of first sighting (lower case, and as first
    // written), the lines that name each, and per line the candidates it
    // names.
    let mut order: Vec<(&str, &str)> = Vec::with_capacity(4);
    let mut named_on: Vec<Vec<usize>> = Vec::with_capacity(4);
    let mut per_line: Vec<Vec<u16>> = vec![Vec::new(); lines.len()];
    for s in sightings {
        let (i, lower) = (s.line, s.lower.as_str());
        if s.facts.header
            || in_reason_for_another(sightings, s)
            || in_record_of_another(sightings, s)
            || (is_system_sender(lower) && !named.iter().any(|n| n == lower))
            || not_here.binary_search(&lower).is_ok()
            || exclude.iter().any(|e| e == lower)
            || ids.binary_search(&lower).is_ok()
            || aliases.binary_search(&lower).is_ok()
        {
            continue;
        }
        let n = match order.iter().position(|(o, _)| *o == lower) {
            Some(n) => n,
            None if order.len() < super::MAX_RECORDS => {
                order.push((lower, s.addr));
                named_on.push(Vec::new());
                order.len() - 1
            }
            None => continue,
        };
        if !per_line[i].contains(&(n as u16)) {
            per_line[i].push(n as u16);
            named_on[n].push(i);
        }
    }
    // Where the delivery-status fields name the recipients, only those
    // start a recipient's lines in the text: another address inside a
    // reply ("<a@x>: host … said: 550 <b@x>: User unknown (in reply to
    // RCPT TO command)", a server naming the address it rewrote a to) is
    // part of a's lines.
    let starts_lines: Vec<bool> = order
        .iter()
        .map(|(lower, _)| named.is_empty() || named.iter().any(|n| n == lower))
        .collect();
    // The lines without their indent, trimmed once: the tests of a line's
    // start below skip it, and a line may be in the segments of hundreds
    // of candidates.
    let trimmed: Vec<&str> = lines.iter().map(|l| l.trim_start()).collect();
    // The server exchange above each line ([`server_exchange_before`]),
    // looked for once per line: it depends on the line, not on the
    // candidate.
    let mut exchanges: Vec<Option<Option<&[&str]>>> = vec![None; lines.len()];
    order
        .iter()
        .zip(&named_on)
        .enumerate()
        .map(|(n, ((_, first), on))| {
            let n = n as u16;
            let mut diag = String::new();
            let mut named_first = false;
            // Each line naming the address starts a segment: it and the
            // lines after it, up to a line about another address.
            for &i in on {
                if diag.len() > MAX_DIAGNOSTIC {
                    break;
                }
                let mut replied = starts_final_reply(trimmed[i]);
                let mut end = i + 1;
                for (j, line) in trimmed
                    .iter()
                    .enumerate()
                    .skip(i + 1)
                    .take(SEGMENT_LINES - 1)
                {
                    if per_line[j]
                        .iter()
                        .any(|&a| a != n && starts_lines[a as usize])
                    {
                        break;
                    }
                    // A transcript line with a second final reply is about
                    // the next exchange ("554 <a>… \n550 host… Host unknown"),
                    // and Sendmail's "While talking to host:" starts the
                    // next session.
                    if starts_session(line) {
                        break;
                    }
                    let reply = starts_final_reply(line);
                    if replied && reply {
                        break;
                    }
                    replied |= reply;
                    if per_line[j].contains(&n) {
                        break; // the next occurrence makes its own segment
                    }
                    end = j + 1;
                }
                let exchange = *exchanges[i].get_or_insert_with(|| {
                    server_exchange_before(lines, i, |j| {
                        per_line[j].iter().any(|&a| starts_lines[a as usize])
                    })
                });
                if let Some(exchange) = exchange {
                    for line in exchange {
                        push_words(&mut diag, line, MAX_DIAGNOSTIC);
                    }
                }
                if diag.is_empty() {
                    named_first = starts_with_name(trimmed[i], first);
                }
                for line in &lines[i..end] {
                    push_words(&mut diag, line, MAX_DIAGNOSTIC);
                }
            }
            truncate(&mut diag, MAX_DIAGNOSTIC);
            let lower = diag.to_ascii_lowercase();
            Scraped {
                recipient: (*first).to_string(),
                smtp_command: smtp_command(&lower).to_string(),
                remote_mta: remote_mta(&diag, &lower),
                diagnostic: diag,
                named_first,
                preset: None,
                context: String::new(),
            }
        })
        .collect()
}

/// What follows a record's name at the start of `text` (after spaces): the
/// address `addr` bare, or in angle brackets that close right after it.
/// `None` when `text` does not start so.
fn after_name<'t>(text: &'t str, addr: &str) -> Option<&'t str> {
    let text = text.trim_start();
    let (rest, angled) = match text.strip_prefix('<') {
        Some(r) => (r, true),
        None => (text, false),
    };
    let rest = rest
        .get(..addr.len())
        .filter(|a| a.eq_ignore_ascii_case(addr))
        .map(|_| &rest[addr.len()..])?;
    if angled {
        rest.strip_prefix('>')
    } else {
        Some(rest)
    }
}

/// What follows the mark that ends a record's name: Postfix's and qmail's
/// `:`, Sendmail's `...`.
fn after_mark(rest: &str) -> Option<&str> {
    rest.strip_prefix(':').or_else(|| rest.strip_prefix("..."))
}

/// True when `line` starts with the address `addr` as a record's name:
/// alone ("  kari@x" over "Unrouteable address") or before the mark that
/// ends the name (Postfix's `<kari@x>: host … said: …`, Sendmail's
/// `<kari@x>... User unknown`). "kari@x does not exist" is no name: the
/// sentence needs its address.
fn starts_with_name(line: &str, addr: &str) -> bool {
    after_name(line, addr).is_some_and(|rest| rest.trim().is_empty() || after_mark(rest).is_some())
}

/// `diagnostic` without the record's name it starts with (see
/// [`Scraped::named_first`]): the address, its angle brackets, the mark
/// after it. Unchanged when nothing would be left.
pub(super) fn without_name(mut diagnostic: String, addr: &str) -> String {
    let Some(rest) = after_name(&diagnostic, addr) else {
        return diagnostic;
    };
    let rest = after_mark(rest).unwrap_or(rest).trim_start();
    if !rest.is_empty() {
        let name = diagnostic.len() - rest.len();
        diagnostic.drain(..name);
    }
    diagnostic
}

/// How many lines above a recipient's line a server's reply is looked for.
const EXCHANGE_LINES: usize = 4;

/// The server's words behind a Sendmail transcript line that names a
/// recipient only with Sendmail's own summary ("554 <a@x>... Remote
/// protocol error", "<a@x>... Deferred: 421"): the exchange just above it,
/// the command sent (`>>> MAIL From:<…>`, `>>> DATA`) and the reply
/// (`<<< 550 Insecure Mail Relay`).
///
/// A refusal of the sender or of the message names no recipient, so its
/// reply stands above the line of the recipient it failed. The reply is
/// looked for up to [`EXCHANGE_LINES`] lines above, stopping at a blank
/// line or at a line that names a recipient (`names_recipient`, by line
/// number), whose exchange it would be. A reply right below such a line
/// (`>>> RCPT To:<a@x>`) is already in that recipient's lines.
fn server_exchange_before<'l, 'a>(
    lines: &'l [&'a str],
    i: usize,
    names_recipient: impl Fn(usize) -> bool,
) -> Option<&'l [&'a str]> {
    let line = lines[i];
    if !(starts_final_reply(line) || line.starts_with('<')) || !line.contains(">... ") {
        return None;
    }
    let reply = (i.saturating_sub(EXCHANGE_LINES)..i)
        .rev()
        .take_while(|&j| !lines[j].trim().is_empty() && !names_recipient(j))
        .find(|&j| lines[j].starts_with("<<< "))?;
    let start = match reply.checked_sub(1) {
        // `>>> RCPT To:<a@x>`: the exchange is about a, in a's lines.
        Some(j) if names_recipient(j) => return None,
        Some(j) if lines[j].starts_with(">>> ") => j,
        _ => reply,
    };
    Some(&lines[start..=reply])
}

/// True for the line with which Sendmail's transcript starts a session
/// with the next host: "While talking to mx.example.org:" (also "...
/// while talking to mx.example.org.:").
fn starts_session(line: &str) -> bool {
    let t = line.trim_start().trim_start_matches('.').trim_start();
    t.len() > 17 && t.as_bytes()[..17].eq_ignore_ascii_case(b"while talking to ")
}

/// True for a line that starts with a final SMTP reply: "550 …".
fn starts_final_reply(line: &str) -> bool {
    let b = line.trim_start().as_bytes();
    b.len() > 4
        && matches!(b[0], b'4' | b'5')
        && b[1].is_ascii_digit()
        && b[2].is_ascii_digit()
        && b[3] == b' '
}

/// Phrases that name the SMTP command a failure answered.
const COMMANDS: &[(&str, &str)] = &[
    ("after rcpt to", "RCPT"),
    ("in reply to rcpt to", "RCPT"),
    ("rcpt to:<", "RCPT"),
    ("[rcpt_to]", "RCPT"),
    ("after rcpt command", "RCPT"),
    ("smtp:rcpt", "RCPT"),
    ("does not like recipient", "RCPT"),
    // DragonFly Mail Agent: "… did not like our RCPT TO: 550 …"
    ("did not like our rcpt to", "RCPT"),
    // qmail: "no SMTP connection got far enough; most progress was RCPT
    // TO response; remote host … said: 550 …"
    ("most progress was rcpt to response", "RCPT"),
    ("after mail from", "MAIL"),
    ("did not like our mail from", "MAIL"),
    ("in reply to mail from", "MAIL"),
    ("after mail command", "MAIL"),
    ("smtp:mail", "MAIL"),
    ("after end of data", "DATA"),
    ("in reply to end of data", "DATA"),
    ("in reply to data", "DATA"),
    ("after data", "DATA"),
    ("smtp:data", "DATA"),
    ("after initial connection", "CONN"),
    ("in reply to ehlo", "EHLO"),
    ("after ehlo", "EHLO"),
    ("in reply to helo", "HELO"),
    ("after helo", "HELO"),
    ("after starttls", "STARTTLS"),
    ("after auth", "AUTH"),
];

/// Office 365 relaying a remote RCPT refusal: "… unknown recipient or
/// mailbox unavailable -> 550 … user@example.org".
const O365_RCPT: &str = "unknown recipient or mailbox unavailable ->";

/// The SMTP command a lower-case diagnostic says the failure answered: the
/// earliest phrase naming one.
pub(super) fn smtp_command(lower: &str) -> &'static str {
    static A: OnceLock<AhoCorasick> = OnceLock::new();
    let a = A.get_or_init(|| {
        let all: Vec<&str> = COMMANDS
            .iter()
            .map(|(p, _)| *p)
            .chain([O365_RCPT])
            .collect();
        lower_matcher(MatchKind::LeftmostFirst, &all)
    });
    let mut first = "";
    for m in a.find_iter(lower) {
        match COMMANDS.get(m.pattern().as_usize()) {
            Some((_, command)) if first.is_empty() => first = command,
            Some(_) => {}
            None if lower[m.start()..].contains('@') => return "RCPT",
            None => {}
        }
    }
    first
}

/// The remote host named in a diagnostic (`host mx.example.org[192.0.2.1]`),
/// given beside its lower-case copy.
fn remote_mta(diag: &str, lower: &str) -> String {
    static KEYS: OnceLock<[memchr::memmem::Finder<'static>; 7]> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        [
            "host ",
            "generating server: ",
            "remote-mta: dns; ",
            "remote server ",
            // Postfix, when no reply came: "connect to mx.example.org[…]:25:
            // Connection timed out", "lost connection with …", "conversation
            // with … timed out".
            "connect to ",
            "lost connection with ",
            "conversation with ",
        ]
        .map(|k| memchr::memmem::Finder::new(k.as_bytes()))
    });
    for key in keys {
        for at in key.find_iter(lower.as_bytes()) {
            let start = at + key.needle().len();
            let word = diag[start..].split_whitespace().next().unwrap_or("");
            let host = word
                .split('[')
                .next()
                .unwrap_or("")
                .trim_matches(|c: char| !c.is_ascii_alphanumeric());
            // A name, or (Postfix's "name[address]" where the server has no
            // name) an IPv4 address.
            let name = host.bytes().any(|b| b.is_ascii_alphabetic());
            let address = word.contains('[') && host.parse::<std::net::Ipv4Addr>().is_ok();
            if host.contains('.') && !host.contains('@') && (name || address) {
                return host.to_string();
            }
        }
    }
    String::new()
}

/// Whether the whole mail says "delayed, still trying" rather than failed.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Hint {
    /// The report is a delay warning.
    pub delayed: bool,
    /// The scoped MTAs that wrote the mail (see `data/bounce/lhost.toml`).
    pub lhosts: u64,
    /// The report is what a mail program shows of it, copied: a server's
    /// words there without the SMTP command they answered do not mean the
    /// command was not RCPT.
    pub shown: bool,
}

/// What the subject and the (lower-case) report say about every recipient
/// at once.
pub(super) fn mail_hint(report_lower: &str, subject: &str) -> Hint {
    Hint {
        delayed: wording::says_delayed(report_lower, subject),
        ..Hint::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_last_words_before_an_address_are_read_for_an_instruction() {
        assert_eq!(last_words("please contact"), "please contact");
        let long = format!("{} please contact", "word ".repeat(100));
        assert!(last_words(&long).len() <= MAX_INSTRUCTION);
        assert!(last_words(&long).ends_with("please contact"));
        assert!(last_words(&long).starts_with("word "));
        assert_eq!(last_words(&"x".repeat(1000)), "");
        // Cut inside a character, the tail still starts at a whole word.
        let wide = format!("{} kontakt", "æøå ".repeat(100));
        assert!(last_words(&wide).ends_with("kontakt"));
        // A line naming thousands of addresses reads each one's few words.
        let line = "kari@example.org ".repeat(20_000);
        let lines = [line.as_str()];
        let addr = &line[line.len() - 17..line.len() - 1];
        assert!(!is_help_address(&lines, 0, addr));
    }

    #[test]
    fn the_quoted_original_starts_where_mtas_mark_it() {
        // (report, what the copy starts with)
        let cases = [
            (
                "550 No such user\n\n------ This is a copy of your message, including all the headers. ------\nTo: a@b.example\n",
                "------ This is a copy of your message",
            ),
            (
                "-------SMTP command\nDATA\n\n-------original mail info\nFrom: a@b.example\n",
                "-------original mail info",
            ),
            (
                "did not match.\n\nOriginal message as received is as follows:\n====\n>Return-Path: <a@b.example>\n",
                "Original message as received",
            ),
            (
                "ERROR_CODE :550\n\nReceived:from mail.example by mx.example\n",
                "Received:from mail.example",
            ),
            (
                "> Status: 5.1.1\n> Received: from mx.example.org\n",
                "> Received: from mx.example.org",
            ),
            (
                "Se nedenfor.\n\n-----Opprinnelig melding-----\nFra: a@b.example\n",
                "-----Opprinnelig melding-----",
            ),
        ];
        for (report, copy) in cases {
            let lower = report.to_ascii_lowercase();
            let at = original_start(&lower).unwrap_or_else(|| panic!("no start in {report:?}"));
            assert!(report[at..].starts_with(copy), "{report:?} cut at {at}");
        }
        // A header block before any report text is the report's own.
        assert_eq!(original_start("\nreceived: from a\nuser unknown\n"), None);
        // A separator's words inside a heading (Office 365's summary of the
        // original, in Norwegian) start no copy.
        let report = "kunne ikke leveres.\n\nDetaljer om opprinnelig melding\n\
                      Avsenderadresse: kari@example.net\n\nFeil: 550 5.1.10 Recipient not found\n";
        assert_eq!(original_start(&report.to_ascii_lowercase()), None);
    }

    #[test]
    fn an_indented_quote_is_read_without_its_indent() {
        let quoted = "Original mail as follows:\n\n   From: Kari <kari@example.net>\n   Received: from a\n   \tby b\n   \n   Body\n";
        assert_eq!(
            dedent_quote(quoted).as_deref(),
            Some("From: Kari <kari@example.net>\nReceived: from a\n\tby b\n\nBody\n")
        );
        assert_eq!(
            dedent_quote("Original message follows:\n\nFrom: a@b.example\n"),
            None
        );
        assert_eq!(dedent_quote("Original mail as follows:\n"), None);
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
    fn an_address_offered_for_help_is_told_from_a_recipient() {
        // The last address on the last line.
        let help_in = |lines: &[&str]| {
            let i = lines.len() - 1;
            let addr = addresses(lines[i]).last().expect("an address");
            is_help_address(lines, i, addr)
        };
        let help = |line: &str| help_in(&[line]);
        assert!(help(
            "For further assistance, please contact <help@example.net>"
        ));
        assert!(help(
            "550 5.7.1 Blocked. If you are not a spammer, or send an e-mail message from another address to delist@example.com with it."
        ));
        assert!(help("Please write to postmaster@example.org if in doubt."));
        assert!(help(
            "    request removal, please email delist@rbl.example.com (in reply to RCPT TO"
        ));
        assert!(help(
            "    abuse@example.org or write to support@example.org with this error."
        ));
        assert!(help(
            "550 5.7.1 Your IP is listed. Mail abuse@example.org to be removed."
        ));
        assert!(help(
            "If the problem continues, please contact your email admin at helpdesk@example.com."
        ));
        // The verb does not start the clause: the address is a recipient.
        assert!(!help("We could not send your message to kari@example.org."));
        assert!(!help("Delivery to kari@example.org failed."));
        assert!(!help("Mail for kari@example.org could not be delivered."));
        assert!(!help("Your email to kari@example.org was not delivered."));
        assert!(help("Questions? Email us at help@example.org."));
        assert!(help(
            "Rejected by policy. Reach us at help@example.org for details."
        ));
        // The ten report languages.
        for line in [
            "Kontakt kundeservice på kundeservice@example.net hvis problemet vedvarer.",
            "Das Postfach ist voll. Bitte wenden Sie sich an support@example.net, wenn",
            "Veuillez contacter support@example.net si le problème persiste.",
            "El buzón está lleno. Póngase en contacto con soporte@example.net si",
            "Mottagarens brevlåda är full. Kontakta support@example.net om",
            "Contatta supporto@example.net se il problema persiste.",
            "Entre em contato com suporte@example.net se o problema persistir.",
            "Het postvak is vol. Neem contact op met support@example.net als",
            "Skriv til postmester@example.net for hjelp.",
            "Écrivez à support@example.net si le problème persiste.",
            // The noun after a light verb ("take contact with"), and
            // French's "thank you for contacting".
            "Ta kontakt med per@example.net hvis det haster.",
            "Ta kontakt med per@example.net om det är brådskande.",
            "Tag kontakt til per@example.net, hvis det haster.",
            "Merci de contacter per@example.net en cas d'urgence.",
        ] {
            assert!(help(line), "{line}");
        }
        assert!(!help("Meldingen kunne ikke leveres til kari@example.org."));
        assert!(!help(
            "Unable to contact the mail server for kari@example.org"
        ));
        // A link is how a text made from HTML shows any address.
        assert!(!help("kari@example.org<mailto:kari@example.org>"));
        // A label, not an instruction.
        assert!(!help("E-mail: kari@example.org"));
        assert!(!help("Mail us: kari@example.org"));
        // A reply wrapped after the verb.
        assert!(help_in(&[
            "    rejected as spam. If you believe this is an error, contact",
            "    abuse@example.org or write to support@example.org with this error.",
        ]));
        assert!(help_in(&[
            "    rejected as spam. If you believe this is an error, contact",
            "    abuse@example.org",
        ]));
        // A recipient listed, indented, under the report's sentence.
        assert!(!help_in(&[
            "Delivery to the following recipients failed:",
            "    kari@example.org",
        ]));
        // "Send" that does not lead to the address.
        assert!(!help("Send failed: kari@example.org"));
        // The reader is told they may: "you can", "du kan", "vous pouvez".
        for line in [
            "If you have questions, you can write to help@example.org.",
            "You may also contact postmaster@example.org for details.",
            "Har du spørsmål, kan du kontakte kundeservice@example.net.",
            "Vous pouvez aussi contacter support@example.net.",
            "U kunt ook contact opnemen met support@example.net.",
        ] {
            assert!(help(line), "{line}");
        }
        assert!(!help("You can not send mail to kari@example.org."));
        assert!(!help("Du kan ikke sende til kari@example.org."));
    }

    #[test]
    fn a_sendmail_summary_line_takes_the_server_reply_above_it() {
        let lines = [
            "While talking to mx.example.org:",
            ">>> MAIL From:<ola@example.net>",
            "<<< 550 Insecure Mail Relay",
            "554 <ingrid@example.org>... Remote protocol error",
            ">>> RCPT To:<jon@example.com>",
            "<<< 550 User unknown",
            "550 <jon@example.com>... User unknown",
            "",
            "<<< 421",
            "<per@example.com>... Deferred: 421",
        ];
        // Lines 3, 4 and 6 name recipients.
        let names = |j: usize| [3, 4, 6].contains(&j);
        assert_eq!(server_exchange_before(&lines, 3, names), Some(&lines[1..3]));
        // The reply under `>>> RCPT To:<jon@…>` is already in jon's lines.
        assert_eq!(server_exchange_before(&lines, 6, names), None);
        // No command above the reply: the reply alone.
        assert_eq!(
            server_exchange_before(&lines, 9, |_| false),
            Some(&lines[8..9])
        );
        // A line that is no Sendmail summary takes nothing.
        assert_eq!(server_exchange_before(&lines, 2, |_| false), None);
        assert!(starts_session("While talking to mx.example.org:"));
        assert!(starts_session("... while talking to mx.example.org.:"));
        assert!(!starts_session("554 while talking to nobody"));
    }

    #[test]
    fn list_command_addresses_send_rather_than_receive() {
        assert!(is_system_sender("fjellturer-ctl@lister.example.no"));
        assert!(is_system_sender("Users-Request@lists.example.org"));
        assert!(is_system_sender("MAILER-DAEMON@example.net"));
        // The suffix alone, or inside a name, is a person's mailbox.
        assert!(!is_system_sender("request@example.org"));
        assert!(!is_system_sender("kari.ctl@example.no"));
        assert!(!is_system_sender("requests-team@example.org"));
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

    #[test]
    fn the_remote_host_is_read_from_a_reply_or_a_failed_connection() {
        let mta = |d: &str| remote_mta(d, &d.to_ascii_lowercase());
        assert_eq!(
            mta("host mx.example.org[192.0.2.1] said: 550 5.1.1"),
            "mx.example.org"
        );
        assert_eq!(
            mta("connect to mx.example.org[192.0.2.25]:25: Connection timed out"),
            "mx.example.org"
        );
        assert_eq!(
            mta(
                "lost connection with mx2.example.net[192.0.2.3] while performing the HELO handshake"
            ),
            "mx2.example.net"
        );
        assert_eq!(mta("unable to connect to smtp server"), "");
        assert_eq!(
            mta("connect to 192.0.2.7[192.0.2.7]:25: Connection refused"),
            "192.0.2.7"
        );
    }

    #[test]
    fn an_address_inside_a_reply_stays_in_the_recipients_lines() {
        // Postfix's text for two recipients; the first one's server names
        // the address it rewrote it to, and names the sender at MAIL FROM.
        let text = "<kari@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1\n    \
                    <kari.nordmann@example.org>: Recipient address rejected: User unknown\n    \
                    (in reply to RCPT TO command)\n\n\
                    <ola@example.net>: host mx.example.net[192.0.2.2] said: 550 5.1.0\n    \
                    <sender@example.com> sender rejected (in reply to MAIL FROM command)\n";
        let lower = text.to_ascii_lowercase();
        let part = Cased {
            text,
            lower: &lower,
        };
        let named = [
            "kari@example.org".to_string(),
            "ola@example.net".to_string(),
        ];
        let found = scrape(part, &[], &named);
        let by = |r: &str| found.iter().find(|s| s.recipient == r).expect(r);
        assert_eq!(by("kari@example.org").smtp_command, "RCPT");
        assert!(by("kari@example.org").diagnostic.contains("User unknown"));
        assert_eq!(by("ola@example.net").smtp_command, "MAIL");
        // Without delivery-status fields to say who the recipients are,
        // every address the text names starts lines of its own.
        let found = scrape(part, &[], &[]);
        assert!(
            found
                .iter()
                .any(|s| s.recipient == "kari.nordmann@example.org")
        );
    }

    #[test]
    fn a_summary_of_the_original_is_its_run_of_fields() {
        let text = "This is a permanent error.\n\nSubject: Referat\nTo: ingrid@example.com\n\n---Below this line is a copy of the message.\n";
        assert_eq!(
            summary_fields(text),
            Some("Subject: Referat\nTo: ingrid@example.com\n")
        );
        // A run without an addressee is no summary; a later one can be.
        let later =
            "Subject: only\n\nTo: nobody\nDate: today\n\nFrom: a@example.org\nTo: b@example.org";
        assert_eq!(
            summary_fields(later),
            Some("From: a@example.org\nTo: b@example.org")
        );
        assert_eq!(
            summary_fields("Please send mail to: help@example.org\n"),
            None
        );
    }

    #[test]
    fn the_sender_a_report_names_is_no_recipient() {
        let lines = [
            "A message sent by",
            "",
            "  <britt@example.org>",
            "",
            "could not be delivered. The following address(es) failed:",
            "  nils@example.com",
            "A message sent by <eva@example.org> could not be delivered",
        ];
        let sender = |i: usize| {
            let a = addresses(lines[i]).next().unwrap();
            is_sender_address(&lines, i, a)
        };
        assert!(sender(2));
        assert!(!sender(5));
        assert!(sender(6));
    }

    #[test]
    fn an_address_in_the_reason_for_another_is_no_recipient() {
        let text = "Sorry, unable to deliver your message to kari@example.org for\n\
                    the following reason:\n\
                    \n\
                    \x20552 Quota violation for kari.nordmann@example.net\n\
                    \n\
                    The following recipients failed for the following reason:\n\
                    per@example.com\n";
        let lines: Vec<&str> = lines(text).collect();
        let seen = sightings(&lines);
        let under = |addr: &str| {
            let s = seen.iter().find(|s| s.lower == addr).unwrap();
            in_reason_for_another(&seen, s)
        };
        // Under a sentence about kari@: her forwarding address.
        assert!(under("kari.nordmann@example.net"));
        // Under a reason line that names nobody: a recipient of its own.
        assert!(!under("per@example.com"));
        let found = scrape_with(&lines, &seen, &[], &[]);
        let who: Vec<&str> = found.iter().map(|s| s.recipient.as_str()).collect();
        assert_eq!(who, ["kari@example.org", "per@example.com"]);
        assert!(
            found[0]
                .diagnostic
                .contains("reason: 552 Quota violation for kari.nordmann@example.net")
        );
    }

    #[test]
    fn commands_named_by_dragonfly_and_qmail() {
        assert_eq!(
            smtp_command("mx.example.com [192.0.2.1] did not like our rcpt to: 550 5.1.1 unknown"),
            "RCPT"
        );
        assert_eq!(
            smtp_command("no smtp connection got far enough; most progress was rcpt to response"),
            "RCPT"
        );
    }

    #[test]
    fn the_polite_words_are_in_byte_order() {
        assert!(HELP_POLITE.windows(2).all(|w| w[0] < w[1]));
        assert!(is_polite("vennligst") && is_polite("også") && !is_polite("contact"));
    }

    #[test]
    fn a_diagnostic_shows_the_servers_words_not_the_records_name() {
        let a = "kari@example.org";
        // The line names the record: alone, or before its mark.
        for line in [
            "  kari@example.org",
            "<kari@example.org>: host mx[192.0.2.1] said: 550 User unknown",
            "<Kari@Example.org>... User unknown",
            "kari@example.org: mailbox full",
        ] {
            assert!(starts_with_name(line, a), "{line}");
        }
        // The address is part of a sentence, or another's.
        for line in [
            "kari@example.org does not exist",
            "550 <kari@example.org>: User unknown",
            "<kari@example.org.uk>: User unknown",
            "<kari@example.org: no closing bracket",
        ] {
            assert!(!starts_with_name(line, a), "{line}");
        }
        let shown = |d: &str| without_name(d.to_string(), a);
        assert_eq!(
            shown("<kari@example.org>: host mx said: 550 5.1.1 <kari@example.org>: unknown"),
            "host mx said: 550 5.1.1 <kari@example.org>: unknown"
        );
        assert_eq!(shown("<kari@example.org>... User unknown"), "User unknown");
        assert_eq!(
            shown("kari@example.org Unrouteable address"),
            "Unrouteable address"
        );
        // Nothing but the name: the name is what the text says.
        assert_eq!(shown("<kari@example.org>:"), "<kari@example.org>:");
    }
}
