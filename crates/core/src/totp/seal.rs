//! Secrets at rest, sealed with AES-256-GCM under a deployment key.
//!
//! A database dump alone must not yield anyone's codes. The account id is
//! the associated data, so a sealed secret copied onto another account's
//! record does not open there: an attacker who can write records still
//! cannot move a known secret onto a victim.

use std::fmt;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use serde::{Deserialize, Serialize};

use super::{Secret, TotpError};
use crate::random::RandomSource;

/// Domain separation: these bytes prefix the associated data, so a record
/// sealed for another purpose under the same key never opens as a secret.
const CONTEXT: &[u8] = b"postvakt totp secret v1\0";

/// The deployment's 32-byte key. `Debug` does not show it.
#[derive(Clone)]
pub struct SealingKey(Aes256Gcm);

impl SealingKey {
    /// A key from 32 bytes; any other length is [`TotpError::KeyLength`].
    pub fn from_bytes(bytes: &[u8]) -> Result<SealingKey, TotpError> {
        Aes256Gcm::new_from_slice(bytes)
            .map(SealingKey)
            .map_err(|_| TotpError::KeyLength(bytes.len()))
    }
}

impl fmt::Debug for SealingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SealingKey(redacted)")
    }
}

/// A secret sealed for one account: random 96-bit nonce and ciphertext
/// with its tag, both hex in JSON.
///
/// Random nonces are safe here: a key seals one secret per enrollment, far
/// below the 2³² messages after which GCM nonce collisions become likely.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedSecret {
    #[serde(with = "super::hex")]
    nonce: Vec<u8>,
    #[serde(with = "super::hex")]
    ciphertext: Vec<u8>,
}

fn aad(account: &str) -> Vec<u8> {
    [CONTEXT, account.as_bytes()].concat()
}

impl SealedSecret {
    /// Seals `secret` for `account` under `key`.
    pub fn seal(
        key: &SealingKey,
        account: &str,
        secret: &Secret,
        random: &mut dyn RandomSource,
    ) -> SealedSecret {
        let mut nonce = [0u8; 12];
        random.fill(&mut nonce);
        let aad = aad(account);
        // Encryption fails only for messages over 64 GiB; a secret is ≤128 bytes.
        let ciphertext = key
            .0
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: secret.as_bytes(),
                    aad: &aad,
                },
            )
            .unwrap_or_default();
        SealedSecret {
            nonce: nonce.to_vec(),
            ciphertext,
        }
    }

    /// Opens the secret; [`TotpError::Unseal`] for a wrong key, another
    /// account, or any altered byte.
    pub fn open(&self, key: &SealingKey, account: &str) -> Result<Secret, TotpError> {
        if self.nonce.len() != 12 {
            return Err(TotpError::Unseal);
        }
        let aad = aad(account);
        let plain = key
            .0
            .decrypt(
                Nonce::from_slice(&self.nonce),
                Payload {
                    msg: &self.ciphertext,
                    aad: &aad,
                },
            )
            .map_err(|_| TotpError::Unseal)?;
        Secret::from_bytes(&plain).map_err(|_| TotpError::Unseal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::SeededRandom;

    #[test]
    fn seal_open_and_tamper() {
        let key = SealingKey::from_bytes(&[1; 32]).unwrap();
        let other = SealingKey::from_bytes(&[2; 32]).unwrap();
        let secret = Secret::from_bytes(b"12345678901234567890").unwrap();
        let mut rng = SeededRandom::new([0; 32]);
        let sealed = SealedSecret::seal(&key, "ola@lyse.net", &secret, &mut rng);
        assert_eq!(sealed.open(&key, "ola@lyse.net").unwrap(), secret);
        assert_eq!(sealed.open(&other, "ola@lyse.net"), Err(TotpError::Unseal));
        assert_eq!(sealed.open(&key, "kari@lyse.net"), Err(TotpError::Unseal));
        for i in 0..sealed.ciphertext.len() {
            let mut t = sealed.clone();
            t.ciphertext[i] ^= 1;
            assert_eq!(t.open(&key, "ola@lyse.net"), Err(TotpError::Unseal));
        }
        let mut t = sealed.clone();
        t.nonce[0] ^= 1;
        assert_eq!(t.open(&key, "ola@lyse.net"), Err(TotpError::Unseal));
        t.nonce.pop();
        assert_eq!(t.open(&key, "ola@lyse.net"), Err(TotpError::Unseal));
        t.ciphertext.clear();
        assert_eq!(t.open(&key, "ola@lyse.net"), Err(TotpError::Unseal));
        assert_eq!(
            SealingKey::from_bytes(&[0; 16]).unwrap_err(),
            TotpError::KeyLength(16)
        );
    }
}
