//! Every occurrence of about a thousand phrases in a short text, at once.
//!
//! The classifier asks one question of a diagnostic: which of the phrase
//! tables' phrases occur in it, and where. An Aho-Corasick automaton
//! answers it, but for this set (a thousand English phrases, many sharing
//! words) its overlapping search runs at about 150 MB/s and takes
//! milliseconds to build — at every start of the CLI and in every fresh
//! WebAssembly instance.
//!
//! [`PhraseFinder`] does the same work the way multi-pattern filters do:
//! each phrase of four bytes or more is *anchored* at its rarest four-byte
//! window (rarest across all phrases, which is a fair guess at rarity in
//! text written in the same language). Every position of the text is
//! looked up once in a 64 Kbit filter of anchor windows; the few that pass
//! are looked up exactly and the phrases anchored there are compared in
//! full. Phrases shorter than four bytes are found by their first byte.
//! Building takes microseconds; searching is several times faster, and the
//! result is the same set of (phrase, start) pairs — a property test holds
//! it to aho-corasick's overlapping search.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The window length of the anchors.
const Q: usize = 4;
/// log2 of the filter's size in bits.
const FILTER_BITS: u32 = 16;
/// log2 of the number of anchor buckets.
const BUCKET_BITS: u32 = 12;

/// A compiled set of byte strings.
#[derive(Debug)]
pub struct PhraseFinder {
    patterns: Vec<Box<[u8]>>,
    /// Bit `hash(window)` is set for every anchor window.
    filter: Box<[u64]>,
    /// Where each bucket's anchors start in `anchors` (one more entry than
    /// there are buckets); a window's bucket is the top bits of its hash.
    bucket_start: Box<[u32]>,
    /// (window, pattern, offset of the window in the pattern), by bucket.
    anchors: Box<[(u32, u32, u32)]>,
    /// First byte → the patterns shorter than [`Q`] that start with it,
    /// as (pattern, its bytes as a window value, the mask of its bytes).
    short: [Vec<(u32, u32, u32)>; 256],
    /// Bit per first byte of a short pattern.
    short_first: [u64; 4],
}

fn window(b: &[u8]) -> u32 {
    b.first_chunk::<Q>().map_or(0, |w| u32::from_le_bytes(*w))
}

fn hash(w: u32) -> usize {
    (w.wrapping_mul(0x9E37_79B1) >> (32 - FILTER_BITS)) as usize
}

fn bucket(h: usize) -> usize {
    h >> (FILTER_BITS - BUCKET_BITS)
}

/// The anchor table's hasher: the keys are ours, not an attacker's, so a
/// quick mix (splitmix64's finaliser) serves instead of a keyed hash.
#[derive(Debug, Default)]
struct WindowHasher(u64);

impl Hasher for WindowHasher {
    fn finish(&self) -> u64 {
        let mut x = self.0;
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^ (x >> 31)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0 << 8 | u64::from(b);
        }
    }
    fn write_u32(&mut self, w: u32) {
        self.0 = u64::from(w);
    }
}

impl PhraseFinder {
    /// Compiles the patterns (none may be empty); a pattern's id is its
    /// index in `patterns`.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> PhraseFinder {
        let patterns: Vec<Box<[u8]>> = patterns.iter().map(|p| p.as_ref().into()).collect();
        // How often each window occurs across all the patterns.
        let mut seen: HashMap<u32, u32, BuildHasherDefault<WindowHasher>> = HashMap::default();
        for p in patterns.iter().filter(|p| p.len() >= Q) {
            for w in p.windows(Q) {
                *seen.entry(window(w)).or_default() += 1;
            }
        }
        let mut filter = vec![0u64; 1 << (FILTER_BITS - 6)].into_boxed_slice();
        let mut anchors: Vec<(u32, u32, u32)> = Vec::new();
        let mut short: [Vec<(u32, u32, u32)>; 256] = std::array::from_fn(|_| Vec::new());
        let mut short_first = [0u64; 4];
        for (id, p) in patterns.iter().enumerate() {
            let id = id as u32;
            if p.len() < Q {
                if let Some(&first) = p.first() {
                    let mut value = [0u8; Q];
                    let mut mask = [0u8; Q];
                    value[..p.len()].copy_from_slice(p);
                    mask[..p.len()].fill(0xFF);
                    short[first as usize].push((
                        id,
                        u32::from_le_bytes(value),
                        u32::from_le_bytes(mask),
                    ));
                    short_first[first as usize / 64] |= 1 << (first % 64);
                }
                continue;
            }
            let (offset, w) = p
                .windows(Q)
                .enumerate()
                .map(|(i, w)| (i, window(w)))
                .min_by_key(|&(_, w)| seen[&w])
                .unwrap_or((0, window(p)));
            let h = hash(w);
            filter[h / 64] |= 1 << (h % 64);
            anchors.push((w, id, offset as u32));
        }
        anchors.sort_by_key(|&(w, id, _)| (bucket(hash(w)), id));
        let mut bucket_start = vec![0u32; (1 << BUCKET_BITS) + 1].into_boxed_slice();
        for &(w, _, _) in &anchors {
            bucket_start[bucket(hash(w)) + 1] += 1;
        }
        for b in 1..bucket_start.len() {
            bucket_start[b] += bucket_start[b - 1];
        }
        PhraseFinder {
            patterns,
            filter,
            bucket_start,
            anchors: anchors.into_boxed_slice(),
            short,
            short_first,
        }
    }

    /// Calls `found(pattern id, start)` for every occurrence of every
    /// pattern in `text`, overlapping ones included, in no set order.
    /// Stops early when `found` returns false.
    pub fn each_match(&self, text: &[u8], mut found: impl FnMut(usize, usize) -> bool) {
        // Every position with a whole window: short patterns by their
        // first byte, the rest through the filter.
        let any_short = self.short_first != [0; 4];
        for (i, bytes) in text.windows(Q).enumerate() {
            let w = window(bytes);
            if any_short && !self.short_at(text.len(), i, w, &mut found) {
                return;
            }
            let h = hash(w);
            if self.filter[h / 64] & (1 << (h % 64)) == 0 {
                continue;
            }
            let b = bucket(h);
            let list =
                &self.anchors[self.bucket_start[b] as usize..self.bucket_start[b + 1] as usize];
            for &(anchor, id, offset) in list {
                if anchor != w {
                    continue;
                }
                let Some(start) = i.checked_sub(offset as usize) else {
                    continue;
                };
                let p = &self.patterns[id as usize];
                if text[start..].starts_with(p) && !found(id as usize, start) {
                    return;
                }
            }
        }
        // The last positions, where only a short pattern fits: their bytes
        // zero-padded to a window.
        let tail_from = if any_short {
            text.len().saturating_sub(Q - 1)
        } else {
            text.len()
        };
        for i in tail_from..text.len() {
            let mut tail = [0u8; Q];
            tail[..text.len() - i].copy_from_slice(&text[i..]);
            if !self.short_at(text.len(), i, u32::from_le_bytes(tail), &mut found) {
                return;
            }
        }
    }

    /// Reports the short patterns at `i` (whose window is `w`); false when
    /// `found` asked to stop.
    #[inline(always)]
    fn short_at(
        &self,
        len: usize,
        i: usize,
        w: u32,
        found: &mut impl FnMut(usize, usize) -> bool,
    ) -> bool {
        let b = w as u8;
        if self.short_first[b as usize / 64] & (1 << (b % 64)) == 0 {
            return true;
        }
        for &(id, value, mask) in &self.short[b as usize] {
            let plen = self.patterns[id as usize].len();
            if w & mask == value && i + plen <= len && !found(id as usize, i) {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasickBuilder, MatchKind};
    use proptest::prelude::*;

    fn ours(f: &PhraseFinder, text: &[u8]) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        f.each_match(text, |id, at| {
            v.push((id, at));
            true
        });
        v.sort_unstable();
        v
    }

    fn reference(patterns: &[Vec<u8>], text: &[u8]) -> Vec<(usize, usize)> {
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(patterns)
            .unwrap();
        let mut v: Vec<_> = ac
            .find_overlapping_iter(text)
            .map(|m| (m.pattern().as_usize(), m.start()))
            .collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn finds_overlapping_and_short() {
        let pats: Vec<Vec<u8>> = ["user unknown", "unknown", "no such user", "@", "<", "550 "]
            .iter()
            .map(|s| s.as_bytes().to_vec())
            .collect();
        let f = PhraseFinder::new(&pats);
        let text = b"550 <a@b.example>: user unknown; no such user";
        assert_eq!(ours(&f, text), reference(&pats, text));
        assert!(ours(&f, text).contains(&(0, 19)));
        assert!(ours(&f, text).contains(&(1, 24)));
    }

    proptest! {
        // Small alphabets make overlaps, repeats and shared windows common.
        #[test]
        fn same_as_aho_corasick(
            pats in prop::collection::vec(prop::collection::vec(b'a'..=b'd', 1..9), 1..40),
            text in prop::collection::vec(b'a'..=b'e', 0..300),
        ) {
            let mut pats = pats;
            pats.sort();
            pats.dedup();
            let f = PhraseFinder::new(&pats);
            prop_assert_eq!(ours(&f, &text), reference(&pats, &text));
        }
    }
}
