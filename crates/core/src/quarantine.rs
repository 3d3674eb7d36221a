//! Quarantine-report login links: signed, expiring tokens.
//!
//! A quarantine report mails the user a link that logs them in to review
//! held mail. The link carries a token, issued by [`issue`] and checked by
//! [`verify`]:
//!
//! ```text
//! base64url(payload) "." base64url(HMAC-SHA256(key, base64url(payload)))
//! payload = "pv1|" issuer "|" issued "|" expires "|" account
//! ```
//!
//! `issuer` is the profile's name, `issued` and `expires` unix seconds
//! (`expires` = `issued` + the profile's `quarantine.link_valid_days`), the
//! account last so it may hold any character. The MAC covers the encoded
//! payload exactly as sent, so any change to the token is caught. base64url
//! is without padding. The key is the caller's secret (at least
//! [`MIN_KEY_BYTES`] random bytes); the MAC is compared in constant time.
//!
//! Checks run in a fixed order, each with its own error: the token's shape
//! ([`LinkError::Malformed`]), its issuer ([`LinkError::Foreign`]: a token
//! of another provider, whose key we do not hold), its MAC
//! ([`LinkError::Tampered`]), then its age ([`LinkError::Expired`]). A token
//! is valid while `now < expires`; should the profile's validity have been
//! shortened since, the shorter one applies.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::address;
use crate::calendar::add_days;
use crate::lang::{Lang, Text};
use crate::profile::Profile;

/// Shortest key accepted: the HMAC-SHA256 output size.
pub const MIN_KEY_BYTES: usize = 32;

/// Longest token looked at; anything longer is malformed unread.
pub const MAX_TOKEN_LEN: usize = 1024;

const VERSION: &str = "pv1";

/// What a valid token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkClaims {
    /// The account to log in, canonical.
    pub account: String,
    /// When the token was issued.
    pub issued: u64,
    /// When it stops being valid.
    pub expires: u64,
}

/// Why a token was not issued or not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LinkError {
    /// The profile has no `[quarantine]` section.
    #[error("the profile has no quarantine links")]
    NotConfigured,
    /// The key is shorter than [`MIN_KEY_BYTES`].
    #[error("the link key must be at least {MIN_KEY_BYTES} bytes")]
    WeakKey,
    /// The account to issue a link for is not an address.
    #[error("{account:?} is not an account address")]
    BadAccount {
        /// The text given.
        account: String,
    },
    /// Not a token postvakt issued: wrong shape, encoding or fields.
    #[error("the link is malformed")]
    Malformed,
    /// A well-formed token issued by another provider.
    #[error("the link was issued by {issuer:?}, not by this provider")]
    Foreign {
        /// The issuer it names.
        issuer: String,
    },
    /// The signature does not match: the token was changed or forged.
    #[error("the link's signature does not match")]
    Tampered,
    /// The token was genuine but is too old.
    #[error("the link expired at {at}")]
    Expired {
        /// When it expired.
        at: u64,
        /// How many days links are valid.
        valid_days: u32,
    },
}

const EXPIRED: Text = Text {
    en: "This link has expired: links in quarantine reports work for {n} days. Use the link in your latest report.",
    nb: "Denne lenken er utløpt: lenker i karantenerapporter virker i {n} dager. Bruk lenken i den nyeste rapporten.",
    sv: "Den här länken har gått ut: länkar i karantänrapporter fungerar i {n} dagar. Använd länken i din senaste rapport.",
    da: "Dette link er udløbet: links i karantænerapporter virker i {n} dage. Brug linket i din seneste rapport.",
};
const INVALID: Text = Text {
    en: "This link is not valid. Open it straight from your quarantine report, without changing it.",
    nb: "Denne lenken er ikke gyldig. Åpne den direkte fra karantenerapporten, uten å endre den.",
    sv: "Den här länken är inte giltig. Öppna den direkt från din karantänrapport, utan att ändra den.",
    da: "Dette link er ikke gyldigt. Åbn det direkte fra din karantænerapport uden at ændre det.",
};
const UNAVAILABLE: Text = Text {
    en: "Quarantine links are not available right now.",
    nb: "Karantenelenker er ikke tilgjengelige nå.",
    sv: "Karantänlänkar är inte tillgängliga just nu.",
    da: "Karantænelinks er ikke tilgængelige lige nu.",
};

impl LinkError {
    /// The stable code: `not_configured`, `weak_key`, `bad_account`,
    /// `malformed`, `foreign`, `tampered`, `expired`.
    pub fn code(&self) -> &'static str {
        match self {
            LinkError::NotConfigured => "not_configured",
            LinkError::WeakKey => "weak_key",
            LinkError::BadAccount { .. } => "bad_account",
            LinkError::Malformed => "malformed",
            LinkError::Foreign { .. } => "foreign",
            LinkError::Tampered => "tampered",
            LinkError::Expired { .. } => "expired",
        }
    }

    /// The message for the person who clicked the link, in `lang`. It does
    /// not say *why* a link is invalid: that is for logs, not for a forger.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            LinkError::Expired { valid_days, .. } => {
                EXPIRED.get(lang).replace("{n}", &valid_days.to_string())
            }
            LinkError::Malformed | LinkError::Foreign { .. } | LinkError::Tampered => {
                INVALID.get(lang).to_string()
            }
            LinkError::NotConfigured | LinkError::WeakKey | LinkError::BadAccount { .. } => {
                UNAVAILABLE.get(lang).to_string()
            }
        }
    }
}

fn mac(key: &[u8]) -> Result<Hmac<Sha256>, LinkError> {
    if key.len() < MIN_KEY_BYTES {
        return Err(LinkError::WeakKey);
    }
    Hmac::<Sha256>::new_from_slice(key).map_err(|_| LinkError::WeakKey)
}

/// A token logging `account` in, issued at `now`, signed with `key`.
pub fn issue(profile: &Profile, key: &[u8], account: &str, now: u64) -> Result<String, LinkError> {
    let days = profile
        .quarantine
        .ok_or(LinkError::NotConfigured)?
        .link_valid_days;
    let mut mac = mac(key)?;
    let account = address::canonical(account).ok_or_else(|| LinkError::BadAccount {
        account: account.chars().take(address::MAX_LEN).collect(),
    })?;
    let payload = format!(
        "{VERSION}|{}|{now}|{}|{account}",
        profile.name,
        add_days(now, days)
    );
    let encoded = URL_SAFE_NO_PAD.encode(payload);
    mac.update(encoded.as_bytes());
    let tag = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    Ok(format!("{encoded}.{tag}"))
}

/// Checks a token at `now` with `key`; the claims when it is valid.
pub fn verify(
    profile: &Profile,
    key: &[u8],
    token: &str,
    now: u64,
) -> Result<LinkClaims, LinkError> {
    let days = profile
        .quarantine
        .ok_or(LinkError::NotConfigured)?
        .link_valid_days;
    let mut mac = mac(key)?;
    let token = token.trim();
    if token.len() > MAX_TOKEN_LEN {
        return Err(LinkError::Malformed);
    }
    let (encoded, tag) = token.split_once('.').ok_or(LinkError::Malformed)?;
    let payload = URL_SAFE_NO_PAD
        .decode(encoded)
        .map_err(|_| LinkError::Malformed)?;
    let tag = URL_SAFE_NO_PAD
        .decode(tag)
        .map_err(|_| LinkError::Malformed)?;
    let payload = String::from_utf8(payload).map_err(|_| LinkError::Malformed)?;
    let mut fields = payload.splitn(5, '|');
    let mut next = || fields.next().ok_or(LinkError::Malformed);
    let (version, issuer, issued, expires, account) = (next()?, next()?, next()?, next()?, next()?);
    let number = |s: &str| s.parse::<u64>().map_err(|_| LinkError::Malformed);
    let (issued, expires) = (number(issued)?, number(expires)?);
    if version != VERSION || expires < issued || account.is_empty() {
        return Err(LinkError::Malformed);
    }
    if issuer != profile.name {
        return Err(LinkError::Foreign {
            issuer: issuer.chars().take(64).collect(),
        });
    }
    mac.update(encoded.as_bytes());
    mac.verify_slice(&tag).map_err(|_| LinkError::Tampered)?;
    let end = expires.min(add_days(issued, days));
    if now >= end {
        return Err(LinkError::Expired {
            at: end,
            valid_days: days,
        });
    }
    Ok(LinkClaims {
        account: account.to_string(),
        issued,
        expires,
    })
}
