//! Recovery codes: single-use codes for a user who lost the phone.
//!
//! Shown once, stored only as salted SHA-256 hashes. A slow password hash
//! would buy nothing here: each code is 60 random bits, so guessing one
//! from a leaked hash costs ~2⁶⁰ SHA-256 evaluations anyway, and the
//! per-code salt rules out tables computed once for all accounts. Cheap
//! hashing also keeps a login in the Worker within its CPU budget.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::TotpError;
use crate::random::RandomSource;

/// Characters per code; 5 bits each, 60 bits in all.
const CODE_CHARS: usize = 12;
const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// One stored code: its salt, hash and when it was used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredCode {
    #[serde(with = "super::hex")]
    salt: Vec<u8>,
    #[serde(with = "super::hex")]
    hash: Vec<u8>,
    used_at: Option<u64>,
}

/// A set of recovery codes, as stored: hashes only.
///
/// Regenerating replaces the whole set, so every old code stops working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoveryCodes {
    generated_at: u64,
    codes: Vec<StoredCode>,
}

fn hash(salt: &[u8], code: &str) -> [u8; 32] {
    Sha256::new()
        .chain_update(salt)
        .chain_update(code.as_bytes())
        .finalize()
        .into()
}

/// A typed code in canonical form (upper case, no spaces or hyphens), or
/// `None` when it cannot be a recovery code.
pub fn normalize(code: &str) -> Option<String> {
    if code.len() > 4 * CODE_CHARS {
        return None;
    }
    let canonical: String = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (canonical.len() == CODE_CHARS && canonical.bytes().all(|b| ALPHABET.contains(&b)))
        .then_some(canonical)
}

impl RecoveryCodes {
    /// A new set of `count` codes made at `now`, and the codes themselves
    /// (`ABCD-EFGH-JKLM`), to show the user once.
    pub fn generate(
        count: u32,
        random: &mut dyn RandomSource,
        now: u64,
    ) -> (RecoveryCodes, Vec<String>) {
        let mut stored = Vec::with_capacity(count as usize);
        let mut shown = Vec::with_capacity(count as usize);
        for _ in 0..count {
            let mut raw = [0u8; CODE_CHARS];
            random.fill(&mut raw);
            // 256 is a multiple of 32: every character is equally likely.
            let code: String = raw
                .iter()
                .map(|b| ALPHABET[usize::from(b & 31)] as char)
                .collect();
            let mut salt = vec![0u8; 16];
            random.fill(&mut salt);
            stored.push(StoredCode {
                hash: hash(&salt, &code).to_vec(),
                salt,
                used_at: None,
            });
            shown.push(format!("{}-{}-{}", &code[..4], &code[4..8], &code[8..]));
        }
        (
            RecoveryCodes {
                generated_at: now,
                codes: stored,
            },
            shown,
        )
    }

    /// Uses `code` at `now`: on success it is marked used and the number of
    /// codes left is returned. Every stored hash is compared, in constant
    /// time, whatever matches.
    pub fn redeem(&mut self, code: &str, now: u64) -> Result<usize, TotpError> {
        let code = normalize(code).ok_or(TotpError::InvalidRecoveryCode)?;
        let mut found = None;
        for (i, stored) in self.codes.iter().enumerate() {
            if bool::from(hash(&stored.salt, &code).ct_eq(&stored.hash)) {
                found = Some(i);
            }
        }
        let i = found.ok_or(TotpError::InvalidRecoveryCode)?;
        if self.codes[i].used_at.is_some() {
            return Err(TotpError::RecoveryCodeUsed);
        }
        self.codes[i].used_at = Some(now);
        Ok(self.remaining())
    }

    /// Codes not yet used.
    pub fn remaining(&self) -> usize {
        self.codes.iter().filter(|c| c.used_at.is_none()).count()
    }

    /// When the set was made (unix seconds).
    pub fn generated_at(&self) -> u64 {
        self.generated_at
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::SeededRandom;

    #[test]
    fn single_use_and_regeneration() {
        let mut rng = SeededRandom::new([3; 32]);
        let (mut set, codes) = RecoveryCodes::generate(10, &mut rng, 1000);
        assert_eq!(codes.len(), 10);
        assert!(
            codes
                .iter()
                .all(|c| c.len() == 14 && c.as_bytes()[4] == b'-')
        );
        let json = serde_json::to_string(&set).unwrap();
        assert!(
            !json.contains(&codes[0].replace('-', "")),
            "plain code stored"
        );
        assert_eq!(
            set.redeem(&codes[3].to_lowercase().replace('-', " "), 2000),
            Ok(9)
        );
        assert_eq!(
            set.redeem(&codes[3], 2001),
            Err(TotpError::RecoveryCodeUsed)
        );
        assert_eq!(
            set.redeem("AAAA-AAAA-AAAA", 2002),
            Err(TotpError::InvalidRecoveryCode)
        );
        assert_eq!(
            set.redeem("123456", 2002),
            Err(TotpError::InvalidRecoveryCode)
        );
        let (mut fresh, _) = RecoveryCodes::generate(10, &mut rng, 3000);
        assert_eq!(
            fresh.redeem(&codes[4], 3001),
            Err(TotpError::InvalidRecoveryCode)
        );
    }
}
