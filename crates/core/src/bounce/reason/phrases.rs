//! The phrase tables (`data/bounce/*.toml`) compiled once into one
//! `PhraseFinder`, and a scan of a diagnostic against all of them.
//!
//! A table maps a reason to `any` (one substring is enough), `pairs`
//! (substrings that must appear in this order) and `not` (substrings that
//! veto the reason). Tables in `words-*.toml` feed the classifier; the
//! `mta.toml` table holds fixed messages of specific MTAs that decide the
//! reason outright. All text is matched lower case.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::Reason;
use super::finder::PhraseFinder;
use crate::bounce::bytes::contains_lowered;
use memchr::memmem::Finder;

/// The phrase files, compiled into the binary: (name, TOML, decides outright).
pub const TABLES: &[(&str, &str, bool)] = &[
    (
        "words-en.toml",
        include_str!("../../../data/bounce/words-en.toml"),
        false,
    ),
    (
        "words-intl.toml",
        include_str!("../../../data/bounce/words-intl.toml"),
        false,
    ),
    (
        "mta.toml",
        include_str!("../../../data/bounce/mta.toml"),
        true,
    ),
];

/// MTA-scoped tables: applied only to mails that MTA wrote.
pub const LHOST_TABLE: (&str, &str) = (
    "lhost.toml",
    include_str!("../../../data/bounce/lhost.toml"),
);

/// One MTA's scoped table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lhost {
    /// The header field the MTA always adds, lower case.
    pub header: String,
    /// Text the field's value must contain, lower case ("" for any).
    #[serde(default)]
    pub contains: String,
    /// The program is a list manager that writes notices of its own ("you
    /// are not a member"): a mail it wrote from a list's administrative
    /// address that holds one of its phrases is a failure report even
    /// without a report's usual signs (a daemon's sender, a returned
    /// original).
    #[serde(default)]
    pub notices: bool,
    /// Reason name → phrases that decide it for this MTA.
    pub reasons: Table,
}

/// One scoped MTA: its name, how to recognise it, and its phrases.
pub type ScopedTable = (String, Lhost, Vec<(Reason, Entry)>);

/// Parses the MTA-scoped table file.
pub fn load_lhosts(file: &str, text: &str) -> Result<Vec<ScopedTable>, TableError> {
    let all: BTreeMap<String, Lhost> = toml::from_str(text).map_err(|e| TableError::Syntax {
        file: file.into(),
        problem: e.message().to_string(),
    })?;
    let mut out = Vec::new();
    for (name, mut lhost) in all {
        let body = std::mem::take(&mut lhost.reasons);
        let mut entries = Vec::new();
        for (reason, entry) in body {
            let r = Reason::from_name(&reason).ok_or_else(|| TableError::UnknownReason {
                file: file.into(),
                name: reason.clone(),
            })?;
            entries.push((r, entry));
        }
        out.push((name, lhost, entries));
    }
    Ok(out)
}

/// Which scoped MTAs wrote a mail, as a bit set, given a header lookup.
pub fn detect_lhosts<'h>(header: &dyn Fn(&str) -> Option<&'h str>) -> u64 {
    let c = compiled();
    let mut mask = 0;
    for (i, (field, contains)) in c.lhosts.iter().enumerate() {
        if header(field).is_some_and(|v| contains_lowered(v, contains)) {
            mask |= 1 << i;
        }
    }
    mask
}

/// True when a program that writes notices of its own ([`Lhost::notices`])
/// wrote this mail and its lower-case text holds one of that program's
/// phrases.
pub fn is_program_notice<'h>(lower: &str, header: &dyn Fn(&str) -> Option<&'h str>) -> bool {
    let writers = detect_lhosts(header) & compiled().notices;
    writers != 0 && scan(lower, writers).scoped
}

/// True when `name` is the header field of a scoped MTA (any case).
pub fn is_lhost_header(name: &[u8]) -> bool {
    compiled()
        .lhosts
        .iter()
        .any(|(field, _)| field.as_bytes().eq_ignore_ascii_case(name))
}

/// One reason's entry in a table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Any one of these is enough.
    #[serde(default)]
    pub any: Vec<String>,
    /// All parts of one, in this order.
    #[serde(default)]
    pub pairs: Vec<Vec<String>>,
    /// Any one of these vetoes the reason.
    #[serde(default)]
    pub not: Vec<String>,
}

/// A table file: reason name → entry.
pub type Table = BTreeMap<String, Entry>;

/// Why a phrase table is unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TableError {
    /// Not valid TOML, or an unknown key.
    #[error("{file}: {problem}")]
    Syntax {
        /// The file.
        file: String,
        /// What is wrong.
        problem: String,
    },
    /// A section is not one of the reason names.
    #[error("{file}: [{name}] is not a reason")]
    UnknownReason {
        /// The file.
        file: String,
        /// The section name.
        name: String,
    },
    /// A phrase is empty, not lower case, or a pair has fewer than 2 parts.
    #[error(
        "{file}: [{name}] {phrase:?}: phrases must be non-empty and lower case; pairs need 2 or more parts"
    )]
    BadPhrase {
        /// The file.
        file: String,
        /// The section.
        name: String,
        /// The phrase.
        phrase: String,
    },
}

/// Parses and checks one table file.
pub fn load(file: &str, text: &str) -> Result<Vec<(Reason, Entry)>, TableError> {
    let table: Table = toml::from_str(text).map_err(|e| TableError::Syntax {
        file: file.into(),
        problem: e.message().to_string(),
    })?;
    let mut out = Vec::new();
    for (name, entry) in table {
        let reason = Reason::from_name(&name).ok_or_else(|| TableError::UnknownReason {
            file: file.into(),
            name: name.clone(),
        })?;
        let bad = |p: &String| p.is_empty() || p.to_lowercase() != *p;
        let all = entry
            .any
            .iter()
            .chain(entry.not.iter())
            .chain(entry.pairs.iter().flatten());
        if let Some(p) = all.clone().find(|p| bad(p)) {
            return Err(TableError::BadPhrase {
                file: file.into(),
                name,
                phrase: p.clone(),
            });
        }
        if let Some(p) = entry.pairs.iter().find(|p| p.len() < 2) {
            return Err(TableError::BadPhrase {
                file: file.into(),
                name,
                phrase: p.join(" … "),
            });
        }
        out.push((reason, entry));
    }
    Ok(out)
}

#[derive(Debug, Clone, Copy)]
enum Role {
    Any(Reason, bool),
    Not(Reason),
    Scoped(usize, Reason),
}

struct Pair {
    reason: Reason,
    direct: bool,
    /// The parts, in the order they must appear, each with a searcher
    /// built once (a part may be a common word, looked for through a
    /// long text).
    parts: Vec<Finder<'static>>,
}

struct Compiled {
    /// Finds the phrases that are looked for on their own: those with a
    /// role, and each pair's anchor (its longest part). A pair's other
    /// parts are looked for only where its anchor occurs.
    finder: PhraseFinder,
    /// The pattern each of the finder's ids stands for.
    searched: Vec<usize>,
    roles: Vec<Vec<Role>>,
    pairs: Vec<Pair>,
    /// For each pattern, the pairs it anchors.
    pair_anchors: Vec<Vec<usize>>,
    /// Scoped MTAs: (header, contains), by bit index.
    lhosts: Vec<(String, String)>,
    /// The scoped MTAs that write notices of their own, as a bit set.
    notices: u64,
}

fn compiled() -> &'static Compiled {
    static C: OnceLock<Compiled> = OnceLock::new();
    C.get_or_init(|| {
        let mut ids: BTreeMap<String, usize> = BTreeMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut roles: Vec<Vec<Role>> = Vec::new();
        let mut pairs = Vec::new();
        let mut id = |p: &str, patterns: &mut Vec<String>, roles: &mut Vec<Vec<Role>>| -> usize {
            *ids.entry(p.to_string()).or_insert_with(|| {
                patterns.push(p.to_string());
                roles.push(Vec::new());
                patterns.len() - 1
            })
        };
        for (file, text, direct) in TABLES {
            // The shipped tables are checked by a test; a broken one is
            // skipped rather than taking the parser down.
            let Ok(entries) = load(file, text) else {
                continue;
            };
            for (reason, entry) in entries {
                for p in &entry.any {
                    let i = id(p, &mut patterns, &mut roles);
                    roles[i].push(Role::Any(reason, *direct));
                }
                for p in &entry.not {
                    let i = id(p, &mut patterns, &mut roles);
                    roles[i].push(Role::Not(reason));
                }
                for parts in &entry.pairs {
                    let parts = parts
                        .iter()
                        .map(|p| id(p, &mut patterns, &mut roles))
                        .collect();
                    pairs.push((reason, *direct, parts));
                }
            }
        }
        let mut lhosts = Vec::new();
        let mut notices = 0u64;
        if let Ok(scoped) = load_lhosts(LHOST_TABLE.0, LHOST_TABLE.1) {
            for (i, (_, lhost, entries)) in scoped.into_iter().enumerate().take(64) {
                for (reason, entry) in entries {
                    for p in &entry.any {
                        let pid = id(p, &mut patterns, &mut roles);
                        roles[pid].push(Role::Scoped(i, reason));
                    }
                }
                if lhost.notices {
                    notices |= 1 << i;
                }
                lhosts.push((lhost.header, lhost.contains));
            }
        }
        let mut pair_anchors = vec![Vec::new(); patterns.len()];
        let pairs = pairs
            .into_iter()
            .enumerate()
            .map(
                |(i, (reason, direct, parts)): (usize, (Reason, bool, Vec<usize>))| {
                    // The longest part is the rarest, and the first of the
                    // longest the one found soonest.
                    let anchor = parts
                        .iter()
                        .copied()
                        .rev()
                        .max_by_key(|&p| patterns[p].len())
                        .unwrap_or(parts[0]);
                    pair_anchors[anchor].push(i);
                    Pair {
                        reason,
                        direct,
                        parts: parts
                            .iter()
                            .map(|&p| Finder::new(patterns[p].as_bytes()).into_owned())
                            .collect(),
                    }
                },
            )
            .collect();
        let searched: Vec<usize> = (0..patterns.len())
            .filter(|&p| !roles[p].is_empty() || !pair_anchors[p].is_empty())
            .collect();
        let finder = PhraseFinder::new(
            &searched
                .iter()
                .map(|&p| patterns[p].as_bytes())
                .collect::<Vec<_>>(),
        );
        Compiled {
            finder,
            searched,
            roles,
            pairs,
            pair_anchors,
            lhosts,
            notices,
        }
    })
}

/// What a scan found.
#[derive(Debug, Clone, Default)]
pub struct Hits {
    mask: u64,
    /// A reason decided outright by an MTA's fixed message.
    pub direct: Option<Reason>,
    /// The text was not empty.
    pub any_text: bool,
    /// A phrase of a scoped MTA that wrote the mail was found.
    pub scoped: bool,
}

impl Hits {
    /// True when the words point at `r`.
    pub fn has(&self, r: Reason) -> bool {
        self.mask & r.bit() != 0
    }

    /// True when the words point at no reason at all.
    pub fn is_empty(&self) -> bool {
        self.mask == 0 && self.direct.is_none()
    }
}

/// A diagnostic as [`scan`] reads it: lower case, and typographic quotes
/// as the ASCII ones the tables are written with ("couldn’t" is
/// "couldn't"; HTML reports and word processors write the curly ones).
pub fn lower(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let lower = to_lowercase(text);
    // U+2018, U+2019, U+201C and U+201D are E2 80 98, 99, 9C and 9D.
    let curly = memchr::memmem::find_iter(lower.as_bytes(), b"\xE2\x80").any(|at| {
        matches!(
            lower.as_bytes().get(at + 2),
            Some(0x98 | 0x99 | 0x9C | 0x9D)
        )
    });
    if !curly {
        return lower;
    }
    lower
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        })
        .collect()
}

/// `str::to_lowercase`, with the ASCII between other characters lowered
/// a run at a time (a report in Norwegian or Japanese is still mostly
/// ASCII). A capital sigma lowers by its place in a word, which only the
/// standard library's whole-text conversion does; a text with one goes
/// there.
fn to_lowercase(text: &str) -> String {
    if text.contains('\u{3a3}') {
        return text.to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let from = out.len();
        out.push_str(&rest[..ascii]);
        out[from..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            if caseless(c) {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
            rest = chars.as_str();
        }
    }
    out
}

/// True for a character of a script without case (Hebrew and Arabic to
/// Tibetan; CJK, kana and Hangul), which lowers to itself: reports in
/// Hindi, Japanese or Chinese are lowered without a case-table lookup per
/// character. A test holds every character of these ranges to
/// `char::to_lowercase`.
fn caseless(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{0FFF}' | '\u{3000}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}')
}

/// Scans a lower-case diagnostic against every table at once; `lhosts` are
/// the scoped MTAs that wrote the mail ([`detect_lhosts`]).
pub fn scan(lower: &str, lhosts: u64) -> Hits {
    let c = compiled();
    let text = lower.as_bytes();
    let mut found: Vec<(usize, usize)> = Vec::with_capacity(32);
    c.finder.each_match(text, |id, start| {
        found.push((c.searched[id], start));
        found.len() < 4096
    });
    let mut hits = Hits {
        any_text: !lower.trim().is_empty(),
        ..Hits::default()
    };
    let mut vetoed = 0u64;
    let mut direct: Option<(usize, Reason)> = None;
    let take_direct = |at: usize, r: Reason, direct: &mut Option<(usize, Reason)>| {
        if direct.is_none_or(|(d, _)| at < d) {
            *direct = Some((at, r));
        }
    };
    // Pairs already judged (an anchor may occur more than once).
    let mut judged: Vec<usize> = Vec::new();
    for &(pid, at) in &found {
        for role in &c.roles[pid] {
            match *role {
                Role::Any(r, true) => take_direct(at, r, &mut direct),
                Role::Any(r, false) => hits.mask |= r.bit(),
                Role::Not(r) => vetoed |= r.bit(),
                Role::Scoped(i, r) if lhosts & (1 << i) != 0 => {
                    hits.scoped = true;
                    take_direct(at, r, &mut direct);
                }
                Role::Scoped(..) => {}
            }
        }
        for &pi in &c.pair_anchors[pid] {
            if judged.contains(&pi) {
                continue;
            }
            judged.push(pi);
            let pair = &c.pairs[pi];
            if let Some(start) = in_order(text, &pair.parts) {
                if pair.direct {
                    take_direct(start, pair.reason, &mut direct);
                } else {
                    hits.mask |= pair.reason.bit();
                }
            }
        }
    }
    hits.mask &= !vetoed;
    hits.direct = direct.map(|(_, r)| r);
    hits
}

/// Where `parts` first occur in `text` in this order, each after the end
/// of the one before: the start of the first part's first occurrence,
/// when the rest follow it. (Starting from the first occurrence, taking
/// each next part at its first occurrence after the last leaves the most
/// room for the ones after: when any chain fits, this one does.)
fn in_order(text: &[u8], parts: &[Finder<'_>]) -> Option<usize> {
    let (first, rest) = parts.split_first()?;
    let start = first.find(text)?;
    let mut pos = start + first.needle().len();
    for part in rest {
        pos += part.find(&text[pos..])? + part.needle().len();
    }
    Some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn lower_is_lowercase_with_ascii_quotes(
            text in "[a-zA-Z 'Æ\u{2018}\u{2019}\u{201c}\u{201d}\u{2013}\u{201e}\u{900}字]{0,30}"
        ) {
            let want: String = text
                .to_lowercase()
                .chars()
                .map(|c| match c {
                    '\u{2018}' | '\u{2019}' => '\'',
                    '\u{201c}' | '\u{201d}' => '"',
                    c => c,
                })
                .collect();
            proptest::prop_assert_eq!(lower(&text), want);
        }

        #[test]
        fn lowering_agrees_with_the_standard_library(
            text in "[A-Za-z0-9 ÆØÅæøåÄÖÜß İĲǅΣσΑ\u{2019}\u{3000}\u{10400}.,-]{0,40}"
        ) {
            proptest::prop_assert_eq!(to_lowercase(&text), text.to_lowercase());
        }
    }

    #[test]
    fn caseless_characters_lower_to_themselves() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| caseless(c))
        {
            assert!(c.to_lowercase().eq([c]), "{c:?}");
        }
    }

    #[test]
    fn shipped_tables_load() {
        for (file, text, _) in TABLES {
            load(file, text).unwrap();
        }
        load_lhosts(LHOST_TABLE.0, LHOST_TABLE.1).unwrap();
    }

    #[test]
    fn pairs_need_order() {
        let h = scan(
            "recipient address rejected: user unknown in virtual mailbox table",
            0,
        );
        assert!(h.has(Reason::UserUnknown));
        assert!(!scan("table ... user unknown in", 0).has(Reason::MailboxFull));
    }

    #[test]
    fn a_pair_is_found_from_its_anchor_in_either_direction() {
        let parts: Vec<Finder<'_>> = ["no ", " in name directory"]
            .iter()
            .map(|p| Finder::new(p.as_bytes()))
            .collect();
        // The anchor (the long part) after the short one: found, from the
        // short part's first occurrence.
        let text = b"no such user no kari in name directory";
        assert_eq!(in_order(text, &parts), Some(0));
        // The anchor before the only short part: not in order.
        assert_eq!(in_order(b"kari in name directory; no ", &parts), None);
        // A part must start after the end of the one before.
        let same: Vec<Finder<'_>> = ["aa", "aa"].iter().map(Finder::new).collect();
        assert_eq!(in_order(b"aaa", &same), None);
        assert_eq!(in_order(b"aaaa", &same), Some(0));
    }
}
