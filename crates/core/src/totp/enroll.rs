//! Enrollment: a pending secret that becomes active only once confirmed.
//!
//! Turning two-factor on must never lock a user out. So enrollment is two
//! states as two types: a [`PendingEnrollment`] holds the new secret, the
//! Key URI and the QR code, and changes nothing about the account; only
//! [`PendingEnrollment::confirm`] with a valid code from the new secret
//! yields an [`ActiveTwoFactor`] for the caller to store. A pending
//! enrollment that is abandoned simply expires.

use serde::{Deserialize, Serialize};

use super::active::ActiveTwoFactor;
use super::{
    Params, RecoveryCodes, SealedSecret, SealingKey, Secret, Throttle, TotpError, code, qr, uri,
};
use crate::profile::Profile;
use crate::random::RandomSource;

/// A two-factor setup the user has started but not confirmed.
///
/// Its state (see [`PendingEnrollment::to_state`]) holds the secret in
/// base32: keep it only as long as it is pending (in the user's session,
/// or sealed), never as the account's two-factor record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PendingEnrollment {
    account: String,
    issuer: String,
    secret: Secret,
    params: Params,
    expires_at: u64,
}

/// What a confirmed enrollment yields: the record to store and the
/// recovery codes to show the user, once.
#[derive(Debug, Clone)]
pub struct Activation {
    /// The account's two-factor record, secret sealed.
    pub two_factor: ActiveTwoFactor,
    /// The recovery codes in plain text; only their hashes are stored.
    pub recovery_codes: Vec<String>,
}

impl PendingEnrollment {
    /// Starts enrollment for `account` with a new secret from `random`.
    /// The issuer shown in the app is the profile's display name; the code
    /// parameters and the expiry (`enrollment_minutes`) are the profile's.
    pub fn begin(
        profile: &Profile,
        account: &str,
        random: &mut dyn RandomSource,
        now: u64,
    ) -> Result<PendingEnrollment, TotpError> {
        PendingEnrollment::with_secret(profile, account, Secret::generate(random), now)
    }

    /// [`begin`](Self::begin) with a secret the caller made (a component
    /// host passes the random bytes in).
    pub fn with_secret(
        profile: &Profile,
        account: &str,
        secret: Secret,
        now: u64,
    ) -> Result<PendingEnrollment, TotpError> {
        let t = &profile.two_factor;
        uri::check_label(&profile.display_name, uri::MAX_ISSUER)?;
        uri::check_label(account, uri::MAX_ACCOUNT)?;
        Ok(PendingEnrollment {
            account: account.to_string(),
            issuer: profile.display_name.clone(),
            secret,
            params: Params::from_profile(t)?,
            expires_at: now.saturating_add(u64::from(t.enrollment_minutes) * 60),
        })
    }

    /// The account being enrolled.
    pub fn account(&self) -> &str {
        &self.account
    }
    /// The new secret, for users who type it instead of scanning.
    pub fn secret_base32(&self) -> String {
        self.secret.to_base32()
    }
    /// The code parameters the app is told.
    pub fn params(&self) -> Params {
        self.params
    }
    /// When the enrollment lapses (unix seconds).
    pub fn expires_at(&self) -> u64 {
        self.expires_at
    }

    /// The `otpauth://` Key URI.
    pub fn key_uri(&self) -> String {
        // The labels were checked in `with_secret`; a state edited by hand
        // yields an empty URI rather than a panic.
        uri::key_uri(&self.issuer, &self.account, &self.secret, &self.params).unwrap_or_default()
    }

    /// The Key URI as an SVG QR code.
    pub fn qr_svg(&self) -> Result<String, TotpError> {
        qr::svg(&self.key_uri())
    }

    /// Checks a code from the new secret without activating anything (the
    /// settings page's preview); returns the matched step.
    pub fn check(&self, code: &str, now: u64) -> Result<u64, TotpError> {
        if now >= self.expires_at {
            return Err(TotpError::EnrollmentExpired);
        }
        code::verify(self.secret.as_bytes(), &self.params, code, now, None)
    }

    /// Confirms the enrollment with a code from the new secret: the secret
    /// is sealed under `key`, a set of the profile's `recovery_codes` is
    /// made, and the code's step is recorded so it cannot be used again to
    /// sign in. Fails with [`TotpError::EnrollmentExpired`] after the
    /// expiry, or the code's error; either way the account is unchanged.
    pub fn confirm(
        &self,
        profile: &Profile,
        code: &str,
        now: u64,
        key: &SealingKey,
        random: &mut dyn RandomSource,
    ) -> Result<Activation, TotpError> {
        let step = self.check(code, now)?;
        let sealed = SealedSecret::seal(key, &self.account, &self.secret, random);
        let (recovery, recovery_codes) =
            RecoveryCodes::generate(profile.two_factor.recovery_codes, random, now);
        let two_factor = ActiveTwoFactor {
            account: self.account.clone(),
            params: self.params,
            sealed,
            last_step: Some(step),
            activated_at: now,
            throttle: Throttle::default(),
            recovery,
        };
        Ok(Activation {
            two_factor,
            recovery_codes,
        })
    }

    /// The state to keep while pending, as JSON.
    pub fn to_state(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A pending enrollment from its stored JSON.
    pub fn from_state(state: &str) -> Result<PendingEnrollment, TotpError> {
        serde_json::from_str(state).map_err(|e| TotpError::MalformedState(e.to_string()))
    }
}
