//! The shared secret, and RFC 4648 base32 — the form users and
//! authenticator apps exchange it in.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::TotpError;
use crate::random::RandomSource;

/// Bytes in a newly generated secret: 160 bits, the HMAC-SHA1 output size
/// RFC 4226 recommends and what authenticator apps expect.
pub const GENERATED_BYTES: usize = 20;
/// Fewest bytes accepted (RFC 4226 §4: at least 128 bits).
pub const MIN_BYTES: usize = 16;
/// Most bytes accepted; bounds the work per code and the QR code's size.
pub const MAX_BYTES: usize = 128;

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A TOTP shared secret, 16 to 128 bytes.
///
/// `Debug` does not show the bytes, so a secret cannot leak into a log by a
/// stray `{:?}`. Serialised as base32 text.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Vec<u8>);

impl Secret {
    /// A secret from raw bytes; fails unless there are 16 to 128.
    pub fn from_bytes(bytes: &[u8]) -> Result<Secret, TotpError> {
        if !(MIN_BYTES..=MAX_BYTES).contains(&bytes.len()) {
            return Err(TotpError::SecretLength {
                min: MIN_BYTES,
                max: MAX_BYTES,
            });
        }
        Ok(Secret(bytes.to_vec()))
    }

    /// A new secret from random bytes its caller drew: exactly
    /// [`GENERATED_BYTES`] of them, as [`generate`](Self::generate) would
    /// draw (a component has no randomness of its own; its host passes the
    /// bytes in). Any other length is [`TotpError::RandomLength`].
    pub fn from_generated(random: &[u8]) -> Result<Secret, TotpError> {
        if random.len() != GENERATED_BYTES {
            return Err(TotpError::RandomLength {
                expected: GENERATED_BYTES,
                got: random.len(),
            });
        }
        Ok(Secret(random.to_vec()))
    }

    /// A new secret of [`GENERATED_BYTES`] from `random`.
    pub fn generate(random: &mut dyn RandomSource) -> Secret {
        let mut bytes = vec![0u8; GENERATED_BYTES];
        random.fill(&mut bytes);
        Secret(bytes)
    }

    /// Parses base32 as users type or paste it: case-insensitive, spaces
    /// and hyphens ignored, `=` padding optional.
    pub fn from_base32(text: &str) -> Result<Secret, TotpError> {
        Secret::from_bytes(&decode_base32(text)?)
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Upper-case base32 without padding, as authenticator apps want it.
    pub fn to_base32(&self) -> String {
        encode_base32(&self.0)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({} bytes, redacted)", self.0.len())
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_base32())
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Secret, D::Error> {
        let text = String::deserialize(d)?;
        Secret::from_base32(&text).map_err(serde::de::Error::custom)
    }
}

/// RFC 4648 base32, upper case, without `=` padding.
pub fn encode_base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
        buffer &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// Decodes RFC 4648 base32, forgiving what people do to it (lower case,
/// spaces, hyphens, padding) and nothing else. Input longer than a maximal
/// secret is refused before any work.
pub fn decode_base32(text: &str) -> Result<Vec<u8>, TotpError> {
    // Room for MAX_BYTES in base32 plus a separator every four characters.
    if text.len() > MAX_BYTES.div_ceil(5) * 8 * 2 {
        return Err(TotpError::SecretLength {
            min: MIN_BYTES,
            max: MAX_BYTES,
        });
    }
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let (mut buffer, mut bits, mut chars, mut padding) = (0u32, 0u32, 0usize, false);
    for c in text.bytes() {
        let value = match c {
            b' ' | b'-' | b'\t' => continue,
            b'=' => {
                padding = true;
                continue;
            }
            _ if padding => return Err(TotpError::MalformedSecret),
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a',
            b'2'..=b'7' => c - b'2' + 26,
            _ => return Err(TotpError::MalformedSecret),
        };
        chars += 1;
        buffer = (buffer << 5) | u32::from(value);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    // Only 0, 2, 4, 5 or 7 characters can end a group of 8 (RFC 4648 §6),
    // and the bits left over must be zero, so every text has one meaning.
    if matches!(chars % 8, 1 | 3 | 6) || buffer != 0 {
        return Err(TotpError::MalformedSecret);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(encode_base32(plain.as_bytes()), encoded);
            assert_eq!(decode_base32(encoded).unwrap(), plain.as_bytes());
        }
        assert_eq!(decode_base32("mzxw 6ytb-oi======").unwrap(), b"foobar");
    }

    #[test]
    fn malformed() {
        for bad in [
            "MZXW6YTB0I",
            "M",
            "MZX",
            "MZXW6Y",
            "MZ=XW",
            "MZXW6YTBOJ",
            "Ø",
        ] {
            assert_eq!(decode_base32(bad), Err(TotpError::MalformedSecret), "{bad}");
        }
        assert!(matches!(
            Secret::from_base32("MZXW6YTBOI"),
            Err(TotpError::SecretLength { .. })
        ));
        assert!(matches!(
            decode_base32(&"A".repeat(5000)),
            Err(TotpError::SecretLength { .. })
        ));
    }

    #[test]
    fn a_generated_secret_is_drawn_whole() {
        let drawn = [7u8; GENERATED_BYTES];
        assert_eq!(Secret::from_generated(&drawn).unwrap().as_bytes(), drawn);
        // A length from_bytes would take is still not what generate draws.
        for got in [0, MIN_BYTES, GENERATED_BYTES + 1, MAX_BYTES] {
            assert_eq!(
                Secret::from_generated(&vec![7; got]),
                Err(TotpError::RandomLength {
                    expected: GENERATED_BYTES,
                    got
                })
            );
        }
    }

    #[test]
    fn debug_redacts() {
        let s = Secret::from_bytes(b"12345678901234567890").unwrap();
        assert_eq!(format!("{s:?}"), "Secret(20 bytes, redacted)");
        assert_eq!(s.to_base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }
}
