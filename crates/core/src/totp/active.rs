//! An account's active two-factor record, and signing in with it.

use serde::{Deserialize, Serialize};

use super::{Params, RecoveryCodes, SealedSecret, SealingKey, Throttle, TotpError, code, recovery};
use crate::profile::TwoFactor;
use crate::random::RandomSource;

/// Two-factor, switched on for one account: what the caller stores.
///
/// The secret is sealed; beside it are the last accepted step (replay
/// protection), the throttle and the recovery-code hashes. Every call that
/// takes `&mut self` changes it — failures too, since they feed the
/// throttle — so the caller stores the new state after each attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActiveTwoFactor {
    pub(super) account: String,
    pub(super) params: Params,
    pub(super) sealed: SealedSecret,
    pub(super) last_step: Option<u64>,
    pub(super) activated_at: u64,
    pub(super) throttle: Throttle,
    pub(super) recovery: RecoveryCodes,
}

/// How a sign-in succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum SignIn {
    /// A code from the app, matching time step `step`.
    Code {
        /// The step the code matched.
        step: u64,
    },
    /// A recovery code, now used up.
    RecoveryCode {
        /// Recovery codes left unused.
        remaining: usize,
    },
}

impl ActiveTwoFactor {
    /// Checks the second factor of a sign-in at `now`: a code from the app
    /// (digits) or a recovery code (letters). The code's shape is fixed at
    /// enrollment, since the app knows it; the skew and the throttle limits
    /// are the profile's current ones (`policy`).
    ///
    /// Refused outright while locked out. A wrong, replayed or used-up code
    /// counts as a failure; a malformed one does not (it guesses nothing);
    /// the failure that reaches the limit returns [`TotpError::LockedOut`].
    /// Success resets the throttle.
    pub fn sign_in(
        &mut self,
        policy: &TwoFactor,
        key: &SealingKey,
        code: &str,
        now: u64,
    ) -> Result<SignIn, TotpError> {
        self.throttle.check(now)?;
        let looks_numeric = code
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace());
        let result = if looks_numeric || recovery::normalize(code).is_none() {
            let secret = self.sealed.open(key, &self.account)?;
            let params = self
                .params
                .with_skew(policy.skew_steps)
                .unwrap_or(self.params);
            code::verify(secret.as_bytes(), &params, code, now, self.last_step).map(|step| {
                self.last_step = Some(step);
                SignIn::Code { step }
            })
        } else {
            self.recovery
                .redeem(code, now)
                .map(|remaining| SignIn::RecoveryCode { remaining })
        };
        match result {
            Ok(ok) => {
                self.throttle.record_success();
                Ok(ok)
            }
            Err(e) if e.is_guess() => Err(self.throttle.record_failure(policy, now).unwrap_or(e)),
            Err(e) => Err(e),
        }
    }

    /// Replaces the recovery codes with a new set of `count` and returns
    /// them, to show once; every old code stops working.
    pub fn regenerate_recovery_codes(
        &mut self,
        count: u32,
        random: &mut dyn RandomSource,
        now: u64,
    ) -> Vec<String> {
        let (set, codes) = RecoveryCodes::generate(count, random, now);
        self.recovery = set;
        codes
    }

    /// The account this record belongs to.
    pub fn account(&self) -> &str {
        &self.account
    }
    /// The code parameters fixed at enrollment.
    pub fn params(&self) -> Params {
        self.params
    }
    /// The last step accepted (the confirming code's, at first).
    pub fn last_step(&self) -> Option<u64> {
        self.last_step
    }
    /// When two-factor was switched on (unix seconds).
    pub fn activated_at(&self) -> u64 {
        self.activated_at
    }
    /// The brute-force throttle.
    pub fn throttle(&self) -> &Throttle {
        &self.throttle
    }
    /// Recovery codes left unused.
    pub fn remaining_recovery_codes(&self) -> usize {
        self.recovery.remaining()
    }

    /// The record to store, as JSON.
    pub fn to_state(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A record from its stored JSON.
    pub fn from_state(state: &str) -> Result<ActiveTwoFactor, TotpError> {
        serde_json::from_str(state).map_err(|e| TotpError::MalformedState(e.to_string()))
    }
}
