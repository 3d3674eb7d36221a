//! Randomness, supplied by the caller.
//!
//! The core never reaches for a global random source: that would tie it to
//! one platform (getrandom's backends differ between Linux, the browser and
//! Workers, and a component may import nothing) and make tests depend on
//! luck. Callers pass a [`RandomSource`]: adapters wrap the operating
//! system's generator, tests pass a [`SeededRandom`] and get the same bytes
//! every run.

use sha2::{Digest, Sha256};

/// A source of random bytes.
///
/// Implemented for every `FnMut(&mut [u8])`, so an adapter can pass
/// `&mut |buf: &mut [u8]| getrandom::fill(buf).expect("…")`.
pub trait RandomSource {
    /// Fills `dest` with random bytes.
    fn fill(&mut self, dest: &mut [u8]);
}

impl<F: FnMut(&mut [u8])> RandomSource for F {
    fn fill(&mut self, dest: &mut [u8]) {
        self(dest)
    }
}

/// A deterministic generator expanded from a 32-byte seed.
///
/// Block `i` is SHA-256(seed ‖ i): a PRF in counter mode, so given a seed
/// that is itself random (as the component's host passes one), the output
/// is as good as the seed. With a fixed seed it is what tests and shared
/// vectors use to get the same secrets everywhere.
#[derive(Debug, Clone)]
pub struct SeededRandom {
    seed: [u8; 32],
    counter: u64,
    block: [u8; 32],
    used: usize,
}

impl SeededRandom {
    /// A generator whose output is fixed by `seed`.
    pub fn new(seed: [u8; 32]) -> SeededRandom {
        SeededRandom {
            seed,
            counter: 0,
            block: [0; 32],
            used: 32,
        }
    }
}

impl RandomSource for SeededRandom {
    fn fill(&mut self, dest: &mut [u8]) {
        for byte in dest {
            if self.used == self.block.len() {
                let mut h = Sha256::new();
                h.update(self.seed);
                h.update(self.counter.to_be_bytes());
                self.block = h.finalize().into();
                self.counter = self.counter.wrapping_add(1);
                self.used = 0;
            }
            *byte = self.block[self.used];
            self.used += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_is_deterministic_and_split_invariant() {
        let mut a = SeededRandom::new([7; 32]);
        let mut b = SeededRandom::new([7; 32]);
        let mut whole = [0u8; 50];
        a.fill(&mut whole);
        let mut parts = [0u8; 50];
        b.fill(&mut parts[..13]);
        b.fill(&mut parts[13..]);
        assert_eq!(whole, parts);
        assert_ne!(whole[..18], whole[32..50]);
        let mut other = [0u8; 50];
        SeededRandom::new([8; 32]).fill(&mut other);
        assert_ne!(whole, other);
    }
}
