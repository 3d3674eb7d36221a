//! The `otpauth://` Key URI authenticator apps read from a QR code
//! (Google Authenticator's Key URI format, which Microsoft Authenticator
//! and the others follow).

use super::{Params, Secret, TotpError};
use crate::profile::TotpAlgorithm;

/// Longest issuer accepted, in bytes.
pub const MAX_ISSUER: usize = 64;
/// Longest account name accepted, in bytes (a full e-mail address fits).
pub const MAX_ACCOUNT: usize = 254;

/// Checks an issuer or account name: not empty, not over `max` bytes, no
/// colon (the format reserves it as the separator) and no control
/// character.
pub fn check_label(label: &str, max: usize) -> Result<(), TotpError> {
    if label.trim().is_empty() {
        return Err(TotpError::InvalidLabel("empty"));
    }
    if label.len() > max {
        return Err(TotpError::InvalidLabel("too long"));
    }
    if label.contains(':') {
        return Err(TotpError::InvalidLabel("contains a colon"));
    }
    if label.chars().any(char::is_control) {
        return Err(TotpError::InvalidLabel("contains a control character"));
    }
    Ok(())
}

/// `otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=…&digits=…&period=…`.
///
/// Issuer and account are percent-encoded (UTF-8, everything but RFC 3986
/// unreserved characters, and `@` in the label, where apps show it as is).
/// The issuer is both the label prefix and a parameter, as the format
/// recommends, and the parameters are always written out: an app that
/// cannot follow them then shows an error rather than wrong codes.
pub fn key_uri(
    issuer: &str,
    account: &str,
    secret: &Secret,
    params: &Params,
) -> Result<String, TotpError> {
    check_label(issuer, MAX_ISSUER)?;
    check_label(account, MAX_ACCOUNT)?;
    let algorithm = match params.algorithm() {
        TotpAlgorithm::Sha1 => "SHA1",
        TotpAlgorithm::Sha256 => "SHA256",
        TotpAlgorithm::Sha512 => "SHA512",
    };
    Ok(format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm={algorithm}&digits={}&period={}",
        encode(issuer, b"@"),
        encode(account, b"@"),
        secret.to_base32(),
        encode(issuer, b""),
        params.digits(),
        params.period_seconds(),
    ))
}

/// Percent-encodes all but RFC 3986 unreserved characters and `keep`.
fn encode(text: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn google_example() {
        let secret = Secret::from_base32("HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ").unwrap();
        let params = Params::new(TotpAlgorithm::Sha1, 6, 30, 1).unwrap();
        assert_eq!(
            key_uri("Example Co", "alice@google.com", &secret, &params).unwrap(),
            "otpauth://totp/Example%20Co:alice@google.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ\
             &issuer=Example%20Co&algorithm=SHA1&digits=6&period=30"
        );
        let uri = key_uri("Blåbær & Co", "øyvind+x@lyse.net", &secret, &params).unwrap();
        assert!(
            uri.starts_with("otpauth://totp/Bl%C3%A5b%C3%A6r%20%26%20Co:%C3%B8yvind%2Bx@lyse.net?"),
            "{uri}"
        );
        assert!(
            uri.contains("&issuer=Bl%C3%A5b%C3%A6r%20%26%20Co&"),
            "{uri}"
        );
    }

    #[test]
    fn bad_labels() {
        let secret = Secret::from_bytes(&[0; 20]).unwrap();
        let params = Params::new(TotpAlgorithm::Sha1, 6, 30, 1).unwrap();
        for (issuer, account) in [
            ("", "a"),
            ("A:B", "a"),
            ("A", "a:b"),
            ("A", "a\nb"),
            ("A", &"x".repeat(300)),
        ] {
            assert!(matches!(
                key_uri(issuer, account, &secret, &params),
                Err(TotpError::InvalidLabel(_))
            ));
        }
    }
}
