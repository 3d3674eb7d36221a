//! `str` searches for one ASCII byte, through memchr, a short needle's
//! search, and ASCII case-insensitive prefix and suffix tests.
//!
//! `str::split_once(char)` and friends build a searcher for every call;
//! on the short fields and tokens a bounce is made of that costs more than
//! the search. These do the same for an ASCII byte (which never splits a
//! UTF-8 sequence, so the slices stay on character boundaries).

/// `s.split_once(b as char)`.
pub(super) fn split_once(s: &str, b: u8) -> Option<(&str, &str)> {
    let at = memchr::memchr(b, s.as_bytes())?;
    Some((&s[..at], &s[at + 1..]))
}

/// `s.rsplit_once(b as char)`.
pub(super) fn rsplit_once(s: &str, b: u8) -> Option<(&str, &str)> {
    let at = memchr::memrchr(b, s.as_bytes())?;
    Some((&s[..at], &s[at + 1..]))
}

/// `s.contains(b as char)`.
pub(super) fn has(s: &str, b: u8) -> bool {
    memchr::memchr(b, s.as_bytes()).is_some()
}

/// The first occurrence of `needle` in `hay` at or after `from`: its first
/// byte found by memchr, the rest compared. For the short texts and
/// needles of the classifier this beats building a searcher per call.
pub(super) fn find_from(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let rest = hay.get(from..)?;
    let Some((&first, tail)) = needle.split_first() else {
        return Some(from);
    };
    memchr::memchr_iter(first, rest)
        .find(|&at| rest[at + 1..].starts_with(tail))
        .map(|at| from + at)
}

/// ASCII case-insensitive `starts_with`. Most lines a prefix is tried on
/// differ in their first byte, so that is compared before the rest.
pub(super) fn starts_with_ci(s: &str, prefix: &str) -> bool {
    let (s, p) = (s.as_bytes(), prefix.as_bytes());
    s.len() >= p.len()
        && p.first().is_none_or(|f| f.eq_ignore_ascii_case(&s[0]))
        && s[..p.len()].eq_ignore_ascii_case(p)
}

/// Whether `s` holds `lower` (lower case), as `s.to_lowercase()` would:
/// without a copy where `s` is ASCII.
pub(super) fn contains_lowered(s: &str, lower: &str) -> bool {
    if !s.is_ascii() {
        return s.to_lowercase().contains(lower);
    }
    lower.is_empty()
        || s.as_bytes()
            .windows(lower.len())
            .any(|w| w.eq_ignore_ascii_case(lower.as_bytes()))
}

/// ASCII case-insensitive `ends_with`.
pub(super) fn ends_with_ci(s: &str, suffix: &str) -> bool {
    let (s, w) = (s.as_bytes(), suffix.as_bytes());
    s.len() >= w.len() && s[s.len() - w.len()..].eq_ignore_ascii_case(w)
}

/// `s.split_inclusive('\n')`: lines with their line breaks.
pub(super) fn lines_inclusive(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |n| n + 1);
        let (line, tail) = rest.split_at(end);
        rest = tail;
        Some(line)
    })
}

/// `s.split(b as char)`.
pub(super) fn split(s: &str, b: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match split_once(r, b) {
            Some((head, tail)) => {
                rest = Some(tail);
                Some(head)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_like_str() {
        for s in ["", "a", "a\n", "a\nb", "\n\n", "a\r\nb\r\n"] {
            assert_eq!(
                lines_inclusive(s).collect::<Vec<_>>(),
                s.split_inclusive('\n').collect::<Vec<_>>()
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn contains_lowered_is_contains_of_to_lowercase(
            s in "[aAbB .Ææ]{0,12}",
            lower in "[ab .æ]{0,3}",
        ) {
            proptest::prop_assert_eq!(contains_lowered(&s, &lower), s.to_lowercase().contains(&lower));
        }

        #[test]
        fn starts_with_ci_is_starts_with_of_lowercase(
            s in "[aAbB .Ææ]{0,6}",
            prefix in "[aAbB .Ææ]{0,3}",
        ) {
            proptest::prop_assert_eq!(
                starts_with_ci(&s, &prefix),
                s.to_ascii_lowercase().starts_with(&prefix.to_ascii_lowercase())
            );
        }
    }

    #[test]
    fn same_as_str() {
        for s in ["", "a", "a;b", ";a;;b;", "æ;ø;å", "no separator"] {
            assert_eq!(split_once(s, b';'), s.split_once(';'));
            assert_eq!(rsplit_once(s, b';'), s.rsplit_once(';'));
            assert_eq!(has(s, b';'), s.contains(';'));
            for needle in ["", ";", ";b", "a;", "ø;å", ";;"] {
                assert_eq!(
                    find_from(s.as_bytes(), needle.as_bytes(), 0),
                    s.find(needle)
                );
                if let Some(from) = s.find(';') {
                    let after = s[from + 1..].find(needle).map(|at| from + 1 + at);
                    assert_eq!(find_from(s.as_bytes(), needle.as_bytes(), from + 1), after);
                }
            }
            assert_eq!(
                split(s, b';').collect::<Vec<_>>(),
                s.split(';').collect::<Vec<_>>()
            );
        }
    }
}
