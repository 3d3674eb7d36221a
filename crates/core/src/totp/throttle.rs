//! The brute-force throttle: failures counted per account, as data.
//!
//! A six-digit code has a million values and the verifier accepts three, so
//! unthrottled guessing wins in hours. After the profile's `max_failures`
//! within `failure_window_minutes`, attempts are refused for
//! `lockout_minutes`. A slow guesser who stays under the window rate is
//! caught by a second, windowless count: never more than
//! [`MAX_CONSECUTIVE_FAILURES`] failures in a row without a lockout.
//! Success resets both.

use serde::{Deserialize, Serialize};

use super::TotpError;
use crate::profile::TwoFactor;

/// Failures in a row, however slow, that always trigger a lockout.
pub const MAX_CONSECUTIVE_FAILURES: u32 = 100;

/// Failure counts of one account. The caller stores it beside the account
/// (it is small serde data) and passes it back on the next attempt.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Throttle {
    /// When the current counting window began (unix seconds).
    window_start: u64,
    /// Failures since `window_start`.
    window_failures: u32,
    /// Failures since the last success or lockout, windows regardless.
    consecutive_failures: u32,
    /// Attempts are refused before this time (unix seconds); 0 when not locked.
    locked_until: u64,
}

impl Throttle {
    /// Whether an attempt may be made at `now`;
    /// [`TotpError::LockedOut`] while a lockout lasts.
    pub fn check(&self, now: u64) -> Result<(), TotpError> {
        if now < self.locked_until {
            let wait_minutes = (self.locked_until - now).div_ceil(60).max(1);
            return Err(TotpError::LockedOut {
                until: self.locked_until,
                wait_minutes,
            });
        }
        Ok(())
    }

    /// Records a failed attempt at `now`; returns the lockout it triggered,
    /// if any.
    pub fn record_failure(&mut self, policy: &TwoFactor, now: u64) -> Option<TotpError> {
        let window = u64::from(policy.failure_window_minutes) * 60;
        if self.window_failures == 0
            || now >= self.window_start.saturating_add(window)
            || now < self.window_start
        {
            self.window_start = now;
            self.window_failures = 0;
        }
        self.window_failures = self.window_failures.saturating_add(1);
        self.consecutive_failures = self.consecutive_failures.saturating_add(1);
        // `max(1)`: a zero limit in a hand-built policy still locks.
        let limit = policy.max_failures.clamp(1, MAX_CONSECUTIVE_FAILURES);
        if self.window_failures >= limit || self.consecutive_failures >= MAX_CONSECUTIVE_FAILURES {
            let lockout = u64::from(policy.lockout_minutes.max(1)) * 60;
            *self = Throttle {
                locked_until: now.saturating_add(lockout),
                ..Throttle::default()
            };
            return self.check(now).err();
        }
        None
    }

    /// Records a success: all counts start over.
    pub fn record_success(&mut self) {
        *self = Throttle::default();
    }

    /// The throttle to store, as JSON.
    pub fn to_state(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A throttle from its stored JSON; empty text is a fresh throttle.
    pub fn from_state(state: &str) -> Result<Throttle, TotpError> {
        if state.trim().is_empty() {
            return Ok(Throttle::default());
        }
        serde_json::from_str(state).map_err(|e| TotpError::MalformedState(e.to_string()))
    }

    /// When the current lockout ends, if one is in force at `now`.
    pub fn locked_until(&self, now: u64) -> Option<u64> {
        (now < self.locked_until).then_some(self.locked_until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Profile;

    #[test]
    fn lockout_and_expiry() {
        let policy = Profile::preset("altibox").unwrap().two_factor;
        let mut t = Throttle::default();
        let start = 1_000_000;
        for i in 0..4 {
            assert!(t.check(start + i * 10).is_ok());
            assert_eq!(t.record_failure(&policy, start + i * 10), None);
        }
        let locked = t.record_failure(&policy, start + 40).unwrap();
        assert_eq!(
            locked,
            TotpError::LockedOut {
                until: start + 40 + 900,
                wait_minutes: 15
            }
        );
        assert!(t.check(start + 40 + 899).is_err());
        assert!(t.check(start + 40 + 900).is_ok());
    }

    #[test]
    fn window_slides_and_success_resets() {
        let policy = Profile::preset("altibox").unwrap().two_factor;
        let mut t = Throttle::default();
        for i in 0..4 {
            t.record_failure(&policy, 100 + i);
        }
        // Past the five-minute window: counting starts again.
        assert_eq!(t.record_failure(&policy, 100 + 300), None);
        for i in 0..3 {
            assert_eq!(t.record_failure(&policy, 401 + i), None);
        }
        t.record_success();
        for i in 0..4 {
            assert_eq!(t.record_failure(&policy, 500 + i), None);
        }
    }

    #[test]
    fn slow_guessing_is_still_locked_out() {
        let policy = Profile::preset("altibox").unwrap().two_factor;
        let mut t = Throttle::default();
        let mut now = 0;
        let mut failures = 0;
        loop {
            failures += 1;
            if t.record_failure(&policy, now).is_some() {
                break;
            }
            now += 301; // just outside every window
        }
        assert_eq!(failures, MAX_CONSECUTIVE_FAILURES);
    }
}
