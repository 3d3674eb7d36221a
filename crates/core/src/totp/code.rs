//! RFC 6238 codes: generating them and checking one a user typed.

use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;
use totp_lite::{Sha1, Sha256, Sha512, totp_custom};

use super::TotpError;
use crate::profile::{TotpAlgorithm, TwoFactor};

/// The most steps either side of now a verifier may accept: each one is
/// another code an attacker's guess can hit.
pub const MAX_SKEW_STEPS: u32 = 10;

/// How codes are made and how leniently they are checked.
///
/// Valid by construction: [`Params::new`] refuses what no authenticator
/// app can follow, so code generation never divides by zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawParams", into = "RawParams")]
pub struct Params {
    algorithm: TotpAlgorithm,
    digits: u32,
    period_seconds: u32,
    skew_steps: u32,
}

/// The serde form of [`Params`], validated on the way in.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParams {
    algorithm: TotpAlgorithm,
    digits: u32,
    period_seconds: u32,
    skew_steps: u32,
}

impl TryFrom<RawParams> for Params {
    type Error = TotpError;
    fn try_from(r: RawParams) -> Result<Params, TotpError> {
        Params::new(r.algorithm, r.digits, r.period_seconds, r.skew_steps)
    }
}

impl From<Params> for RawParams {
    fn from(p: Params) -> RawParams {
        RawParams {
            algorithm: p.algorithm,
            digits: p.digits,
            period_seconds: p.period_seconds,
            skew_steps: p.skew_steps,
        }
    }
}

impl Params {
    /// Parameters; digits must be 6 or 8, the period at least one second,
    /// the skew at most [`MAX_SKEW_STEPS`].
    pub fn new(
        algorithm: TotpAlgorithm,
        digits: u32,
        period_seconds: u32,
        skew_steps: u32,
    ) -> Result<Params, TotpError> {
        if digits != 6 && digits != 8 {
            return Err(TotpError::InvalidParams("digits must be 6 or 8"));
        }
        if period_seconds == 0 {
            return Err(TotpError::InvalidParams("period must be at least 1 second"));
        }
        if skew_steps > MAX_SKEW_STEPS {
            return Err(TotpError::InvalidParams("skew must be at most 10 steps"));
        }
        Ok(Params {
            algorithm,
            digits,
            period_seconds,
            skew_steps,
        })
    }

    /// The profile's parameters (its `two_factor` section).
    pub fn from_profile(t: &TwoFactor) -> Result<Params, TotpError> {
        Params::new(t.algorithm, t.digits, t.period_seconds, t.skew_steps)
    }

    /// These parameters with another skew (a verifier's choice, unknown to
    /// the authenticator app).
    pub fn with_skew(self, skew_steps: u32) -> Result<Params, TotpError> {
        Params::new(self.algorithm, self.digits, self.period_seconds, skew_steps)
    }

    /// The HMAC algorithm.
    pub fn algorithm(&self) -> TotpAlgorithm {
        self.algorithm
    }
    /// Digits per code.
    pub fn digits(&self) -> u32 {
        self.digits
    }
    /// Seconds per step.
    pub fn period_seconds(&self) -> u32 {
        self.period_seconds
    }
    /// Steps accepted either side of the current one.
    pub fn skew_steps(&self) -> u32 {
        self.skew_steps
    }

    /// The time step `time` (unix seconds) falls in.
    pub fn step(&self, time: u64) -> u64 {
        time / u64::from(self.period_seconds)
    }
}

/// The code for the step `time` (unix seconds) falls in.
pub fn generate(secret: &[u8], params: &Params, time: u64) -> String {
    let period = u64::from(params.period_seconds);
    match params.algorithm {
        TotpAlgorithm::Sha1 => totp_custom::<Sha1>(period, params.digits, secret, time),
        TotpAlgorithm::Sha256 => totp_custom::<Sha256>(period, params.digits, secret, time),
        TotpAlgorithm::Sha512 => totp_custom::<Sha512>(period, params.digits, secret, time),
    }
}

/// The code for time step `step`, or `None` when the step's start time is
/// past the end of `u64` seconds.
pub fn generate_at_step(secret: &[u8], params: &Params, step: u64) -> Option<String> {
    let time = step.checked_mul(u64::from(params.period_seconds))?;
    Some(generate(secret, params, time))
}

/// Checks the format of a typed code: digits, with spaces allowed between
/// them (apps show `123 456`); returns the digits.
pub fn normalize(code: &str, params: &Params) -> Result<String, TotpError> {
    let digits = params.digits;
    // Bounded before any copying: no code is longer than this.
    if code.len() > 4 * digits as usize {
        return Err(TotpError::WrongDigits { digits });
    }
    let mut out = String::with_capacity(digits as usize);
    for c in code.chars().filter(|c| !c.is_whitespace()) {
        if !c.is_ascii_digit() {
            return Err(TotpError::NotDigits { digits });
        }
        out.push(c);
    }
    if out.len() != digits as usize {
        return Err(TotpError::WrongDigits { digits });
    }
    Ok(out)
}

/// Checks `code` against the steps around `now` and returns the step it
/// matched.
///
/// The current step is tried first, then −1, +1, −2, +2 … up to the skew:
/// the common case costs one HMAC. Codes are compared in constant time.
/// `last_step` is the last step accepted for this secret; a code matching
/// it or an earlier step is [`TotpError::Replayed`] — including the code
/// that confirmed the enrollment.
pub fn verify(
    secret: &[u8],
    params: &Params,
    code: &str,
    now: u64,
    last_step: Option<u64>,
) -> Result<u64, TotpError> {
    let code = normalize(code, params)?;
    let current = params.step(now);
    let mut replayed = false;
    let skew = u64::from(params.skew_steps);
    let candidates = std::iter::once(Some(current))
        .chain((1..=skew).flat_map(|d| [current.checked_sub(d), current.checked_add(d)]));
    for step in candidates.flatten() {
        let Some(expected) = generate_at_step(secret, params, step) else {
            continue;
        };
        if bool::from(expected.as_bytes().ct_eq(code.as_bytes())) {
            if last_step.is_some_and(|last| step <= last) {
                replayed = true;
                continue;
            }
            return Ok(step);
        }
    }
    Err(if replayed {
        TotpError::Replayed
    } else {
        TotpError::InvalidCode
    })
}
