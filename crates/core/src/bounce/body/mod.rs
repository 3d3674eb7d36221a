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
//!
//! This module is the scraper: it finds the candidates and cuts each one's
//! lines. What it asks of the text is answered beside it:
//!
//! - [`addresses`](mod@addresses): the addresses a line names;
//! - [`not_recipients`]: which of them are no recipient (help desks, the
//!   sender, mail systems, aliases, Message-IDs, the original's fields);
//! - [`session`]: the SMTP command a failure answered and the host that
//!   answered, from the words or a Sendmail transcript;
//! - [`quoted`]: where the quoted original starts, and its header section;
//! - [`words`]: text as the one line a diagnostic shows;
//! - [`answer`](mod@answer): the server's answer inside a provider's prose,
//!   shown in place of the prose.

mod addresses;
mod answer;
mod not_recipients;
mod quoted;
mod session;
mod words;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::bytes::ends_with_ci;
use super::dsn::Recipient;
use super::reason::phrases::lower;
use super::wording;
use addresses::addresses_naming;
pub(super) use answer::replaces as answer_replaces;
pub(super) use not_recipients::aliases;
use not_recipients::{
    is_alias_line, is_header_line, is_help_address, is_id_line, is_sender_address, is_system_sender,
};
pub(super) use quoted::{
    dedent_quote, details_fields, original_start, skip_to_headers, summary_fields,
};
pub(super) use session::{Transcript, smtp_command};
use session::{remote_mta, server_exchange_before, starts_final_reply, starts_session};
use words::{closes_list, is_rule, push_words, truncate};
pub(super) use words::{head, is_one_line, lines, one_line};

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
    /// The server's answer in the lines about the recipient ("" when
    /// they hold none).
    pub answer: String,
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
            answer: self.answer.clone(),
            ..Recipient::default()
        }
    }
}

/// The most patterns one [`lower_matcher`] is given. aho-corasick builds
/// its SIMD prefilter (Teddy, over the patterns' first bytes) only for sets
/// of up to 64; with more, every byte of the text walks the automaton,
/// several times slower over a report's opening lines. A longer list is
/// split ([`AnyPhrase`]).
const MATCHER_LIMIT: usize = 64;

/// A case-sensitive matcher for lower-case patterns, run on lower-case
/// text ([`Cased::lower`]): unlike a case-insensitive automaton it can use
/// aho-corasick's SIMD prefilters, several times faster on report text.
/// At most [`MATCHER_LIMIT`] patterns, or the prefilter is lost.
pub(super) fn lower_matcher(kind: MatchKind, patterns: &[&str]) -> AhoCorasick {
    debug_assert!(
        patterns.len() <= MATCHER_LIMIT,
        "{} patterns: split them (AnyPhrase)",
        patterns.len()
    );
    AhoCorasickBuilder::new()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .match_kind(kind)
        .build(patterns)
        .expect("pattern lists are small and valid")
}

/// Whether any of a list of lower-case phrases occurs in a lower-case
/// text, for lists longer than one [`lower_matcher`] takes: the phrases
/// are split evenly over as few matchers as keep their prefilter, and
/// the text is searched by each in turn until one finds a phrase.
pub(super) struct AnyPhrase(Vec<AhoCorasick>);

impl AnyPhrase {
    /// Compiles the phrases (none empty).
    pub fn new(phrases: &[&str]) -> AnyPhrase {
        let parts = phrases.len().div_ceil(MATCHER_LIMIT).max(1);
        let size = phrases.len().div_ceil(parts).max(1);
        AnyPhrase(
            phrases
                .chunks(size)
                .map(|part| lower_matcher(MatchKind::LeftmostFirst, part))
                .collect(),
        )
    }

    /// True when one of the phrases occurs in `lower`.
    pub fn is_in(&self, lower: &[u8]) -> bool {
        self.0.iter().any(|m| m.is_match(lower))
    }
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

/// The report part of the text as one diagnostic, for a recipient known
/// only from the headers.
pub(super) fn whole_text_diagnostic(report: &str) -> String {
    one_line(report, MAX_DIAGNOSTIC)
}

/// A recipient the report part's text is all about, not named in it (the
/// headers name it, or nothing does): the whole text as its diagnostic
/// ([`whole_text_diagnostic`]), and the server's answer in it, shown in
/// place of prose ([`answer::shown`]). No recipient is set.
pub(super) fn whole_text(report: &str) -> Recipient {
    let diagnostic = whole_text_diagnostic(report);
    let answer = answer::shown(
        &diagnostic,
        report.len() > MAX_DIAGNOSTIC,
        lines(report).take(MAX_LINES).filter(|l| !is_rule(l)),
    );
    Recipient {
        diagnostic,
        answer,
        vague: true,
        ..Recipient::default()
    }
}

/// The line above `i` that opens a reason block: the nearest line with
/// text, when it ends "reason:" (`Sorry, unable to deliver your message
/// to <a> for the following reason:`).
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
/// the refusing server's words about that recipient (`552 Quota violation
/// for <b>`, b being where a's mail was forwarded), not a recipient of
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
/// `<a>: host … said: 550 … <b> …`, Sendmail `<a>... …`), the rest being
/// the refusing server's words about it (`Reach us at <help@…>`, `the
/// copy forwarded to <b> failed`). Elsewhere in the text the same address
/// still counts.
fn in_record_of_another(sightings: &[Sighting<'_>], s: &Sighting<'_>) -> bool {
    s.facts
        .record_of
        .is_some_and(|k| sightings[k].lower != s.lower)
}

/// The recipients a report from a mailer daemon (`from`) lists by local
/// part alone ([`addresses::bare_names`]), with the daemon's domain: the
/// last resort of a report that names no address.
pub(super) fn bare_recipients(report: &str, from: &str) -> Vec<String> {
    match from.split_once('@') {
        Some((local, domain)) if is_system_sender(local) && domain.contains('.') => {
            addresses::bare_names(lines(report).take(MAX_LINES), &domain.to_ascii_lowercase())
        }
        _ => Vec::new(),
    }
}

/// Every candidate recipient in the report part, in order, with the text
/// about it. `exclude` are addresses that are never recipients; `named`
/// (lower case) are recipients even where they look like system addresses.
pub(super) fn scrape(part: Cased<'_>, exclude: &[String], named: &[String]) -> Vec<Scraped> {
    let lines: Vec<&str> = lines(part.text).take(MAX_LINES).collect();
    let sightings = sightings(&lines, named);
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

/// Every address the lines name, in order, and the `named` recipients of
/// the delivery-status fields (lower case) however bare their domain. Most
/// lines name none: only the ones with an '@' are read, once, for every
/// question asked of them.
fn sightings<'a>(lines: &[&'a str], named: &'a [String]) -> Vec<Sighting<'a>> {
    let mut out = Vec::new();
    for (line, text) in lines.iter().enumerate() {
        if memchr::memchr(b'@', text.as_bytes()).is_some() {
            let start = out.len();
            out.extend(addresses_naming(text, named).map(|addr| Sighting {
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
    // Where each segment's lines are, for the answer in them; one list,
    // emptied for each candidate.
    let mut segments: Vec<(usize, usize)> = Vec::new();
    order
        .iter()
        .zip(&named_on)
        .enumerate()
        .map(|(n, ((_, first), on))| {
            let n = n as u16;
            let mut diag = String::new();
            let mut named_first = false;
            segments.clear();
            // Each line naming the address starts a segment: it and the
            // lines after it, up to a line about another address. Past
            // the diagnostic's length, segments are still marked out, for
            // an answer the diagnostic was cut before.
            for &i in on {
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
                    if starts_session(line) || closes_list(line) {
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
                segments.push((i, end));
                if diag.len() > MAX_DIAGNOSTIC {
                    continue;
                }
                for line in lines[i..end].iter().filter(|l| !is_rule(l)) {
                    push_words(&mut diag, line, MAX_DIAGNOSTIC);
                }
            }
            let segment_lines = segments.iter().flat_map(|&(i, end)| &lines[i..end]);
            let answer = answer::shown(
                &diag,
                diag.len() > MAX_DIAGNOSTIC,
                segment_lines.copied().filter(|l| !is_rule(l)),
            );
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
                answer,
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
    fn any_phrase_finds_each_phrase_of_a_list_longer_than_one_matcher_takes() {
        let phrases: Vec<String> = (0..150).map(|i| format!("phrase {i};")).collect();
        let phrases: Vec<&str> = phrases.iter().map(String::as_str).collect();
        let any = AnyPhrase::new(&phrases);
        // Split evenly: three matchers of 50, each under the limit.
        assert_eq!(any.0.len(), 3);
        for p in &phrases {
            let text = format!("a report that says {p} and more");
            assert!(any.is_in(text.as_bytes()), "{p}");
        }
        assert!(!any.is_in(b"phrase 150; phrase 1 phrase;"));
        assert!(!AnyPhrase::new(&[]).is_in(b"anything"));
    }

    #[test]
    fn rules_drawn_around_a_reports_words_are_left_out_of_a_diagnostic() {
        let text = "Delivery to the following recipients failed permanently:\n\n   \
                    * kari@example.org\n\n\
                    ==========================================\n          \
                    Technical details:\n\n\
                    550 5.1.1 No such user here\n\
                    ******************************************\n";
        let lower = text.to_ascii_lowercase();
        let part = Cased {
            text,
            lower: &lower,
        };
        let found = scrape(part, &[], &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].diagnostic,
            "* kari@example.org Technical details: 550 5.1.1 No such user here"
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
    fn an_address_in_the_reason_for_another_is_no_recipient() {
        let text = "Sorry, unable to deliver your message to kari@example.org for\n\
                    the following reason:\n\
                    \n\
                    \x20552 Quota violation for kari.nordmann@example.net\n\
                    \n\
                    The following recipients failed for the following reason:\n\
                    per@example.com\n";
        let lines: Vec<&str> = lines(text).collect();
        let seen = sightings(&lines, &[]);
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
