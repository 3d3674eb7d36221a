//! The `totp` interface: WIT types in, core calls, WIT types out.
//!
//! The component has no random source of its own (it imports nothing), so
//! the host passes random bytes in: the new secret itself for enrollment,
//! a 32-byte seed for the core's `SeededRandom` where more is needed.

use postvakt_core::Profile;
use postvakt_core::profile::TotpAlgorithm;
use postvakt_core::random::SeededRandom;
use postvakt_core::totp::{
    self, ActiveTwoFactor, Params, PendingEnrollment, SealingKey, Secret, SignIn, Throttle,
    TotpError, secret,
};

use crate::Component;
use crate::bindings::exports::postvakt::mail::totp::{
    Activation, Algorithm, Attempt, Enrollment, Guest, Lockout, Params as WitParams,
    SignedIn as WitSignIn, ThrottleUpdate, TotpError as WitError,
};
use crate::bindings::exports::postvakt::mail::types::{Lang, ProfileBorrow};

fn error(e: TotpError) -> WitError {
    match e {
        TotpError::MalformedSecret => WitError::MalformedSecret,
        TotpError::SecretLength { .. } => WitError::SecretLength,
        TotpError::InvalidParams(why) => WitError::InvalidParams(why.into()),
        TotpError::NotDigits { digits } => WitError::NotDigits(digits),
        TotpError::WrongDigits { digits } => WitError::WrongDigits(digits),
        TotpError::InvalidCode => WitError::InvalidCode,
        TotpError::Replayed => WitError::Replayed,
        TotpError::EnrollmentExpired => WitError::EnrollmentExpired,
        TotpError::LockedOut {
            until,
            wait_minutes,
        } => WitError::LockedOut(Lockout {
            until,
            wait_minutes,
        }),
        TotpError::InvalidRecoveryCode => WitError::InvalidRecoveryCode,
        TotpError::RecoveryCodeUsed => WitError::RecoveryCodeUsed,
        TotpError::InvalidLabel(why) => WitError::InvalidLabel(why.into()),
        TotpError::QrTooLong => WitError::QrTooLong,
        TotpError::KeyLength(n) => WitError::KeyLength(n as u32),
        TotpError::Unseal => WitError::UnsealFailed,
        TotpError::MalformedState(why) => WitError::MalformedState(why),
        TotpError::RandomLength { expected, .. } => WitError::RandomLength(expected as u32),
        other => WitError::Other(other.to_string()),
    }
}

/// Back to the core's error, for its code and messages. Payloads the
/// messages do not use are left empty.
fn core_error(e: &WitError) -> Option<TotpError> {
    Some(match e {
        WitError::MalformedSecret => TotpError::MalformedSecret,
        WitError::SecretLength => TotpError::SecretLength {
            min: secret::MIN_BYTES,
            max: secret::MAX_BYTES,
        },
        WitError::InvalidParams(_) => TotpError::InvalidParams(""),
        WitError::NotDigits(digits) => TotpError::NotDigits { digits: *digits },
        WitError::WrongDigits(digits) => TotpError::WrongDigits { digits: *digits },
        WitError::InvalidCode => TotpError::InvalidCode,
        WitError::Replayed => TotpError::Replayed,
        WitError::EnrollmentExpired => TotpError::EnrollmentExpired,
        WitError::LockedOut(l) => TotpError::LockedOut {
            until: l.until,
            wait_minutes: l.wait_minutes,
        },
        WitError::InvalidRecoveryCode => TotpError::InvalidRecoveryCode,
        WitError::RecoveryCodeUsed => TotpError::RecoveryCodeUsed,
        WitError::InvalidLabel(_) => TotpError::InvalidLabel(""),
        WitError::QrTooLong => TotpError::QrTooLong,
        WitError::KeyLength(n) => TotpError::KeyLength(*n as usize),
        WitError::UnsealFailed => TotpError::Unseal,
        WitError::MalformedState(why) => TotpError::MalformedState(why.clone()),
        WitError::RandomLength(n) => TotpError::RandomLength {
            expected: *n as usize,
            got: 0,
        },
        WitError::Other(_) => return None,
    })
}

fn params(p: WitParams) -> Result<Params, WitError> {
    let algorithm = match p.algorithm {
        Algorithm::Sha1 => TotpAlgorithm::Sha1,
        Algorithm::Sha256 => TotpAlgorithm::Sha256,
        Algorithm::Sha512 => TotpAlgorithm::Sha512,
    };
    Params::new(algorithm, p.digits, p.period_seconds, p.skew_steps).map_err(error)
}

fn seed(bytes: &[u8]) -> Result<SeededRandom, WitError> {
    let seed: [u8; 32] = bytes.try_into().map_err(|_| {
        error(TotpError::RandomLength {
            expected: 32,
            got: bytes.len(),
        })
    })?;
    Ok(SeededRandom::new(seed))
}

fn key(bytes: &[u8]) -> Result<SealingKey, WitError> {
    SealingKey::from_bytes(bytes).map_err(error)
}

fn activation(state: &ActiveTwoFactor, recovery_codes: Vec<String>) -> Activation {
    Activation {
        state: state.to_state(),
        recovery_codes,
    }
}

impl Guest for Component {
    fn default_params(profile: ProfileBorrow<'_>) -> Result<WitParams, WitError> {
        let p = Params::from_profile(&profile.get::<Profile>().two_factor).map_err(error)?;
        let algorithm = match p.algorithm() {
            TotpAlgorithm::Sha1 => Algorithm::Sha1,
            TotpAlgorithm::Sha256 => Algorithm::Sha256,
            TotpAlgorithm::Sha512 => Algorithm::Sha512,
        };
        Ok(WitParams {
            algorithm,
            digits: p.digits(),
            period_seconds: p.period_seconds(),
            skew_steps: p.skew_steps(),
        })
    }

    fn generate(p: WitParams, secret: Vec<u8>, time: u64) -> Result<String, WitError> {
        let p = params(p)?;
        let secret = Secret::from_bytes(&secret).map_err(error)?;
        Ok(totp::generate(secret.as_bytes(), &p, time))
    }

    fn verify(
        p: WitParams,
        secret: Vec<u8>,
        code: String,
        now: u64,
        last_step: Option<u64>,
    ) -> Result<u64, WitError> {
        let p = params(p)?;
        let secret = Secret::from_bytes(&secret).map_err(error)?;
        totp::verify(secret.as_bytes(), &p, &code, now, last_step).map_err(error)
    }

    fn decode_secret(text: String) -> Result<Vec<u8>, WitError> {
        Secret::from_base32(&text)
            .map(|s| s.as_bytes().to_vec())
            .map_err(error)
    }

    fn encode_secret(secret: Vec<u8>) -> String {
        secret::encode_base32(&secret)
    }

    fn begin_enrollment(
        profile: ProfileBorrow<'_>,
        account: String,
        random: Vec<u8>,
        now: u64,
    ) -> Result<Enrollment, WitError> {
        let secret = Secret::from_generated(&random).map_err(error)?;
        let pending =
            PendingEnrollment::with_secret(profile.get(), &account, secret, now).map_err(error)?;
        Ok(Enrollment {
            state: pending.to_state(),
            secret: pending.secret_base32(),
            uri: pending.key_uri(),
            qr_svg: pending.qr_svg().map_err(error)?,
            expires_at: pending.expires_at(),
        })
    }

    fn check_enrollment(state: String, code: String, now: u64) -> Result<u64, WitError> {
        PendingEnrollment::from_state(&state)
            .and_then(|p| p.check(&code, now))
            .map_err(error)
    }

    fn confirm_enrollment(
        profile: ProfileBorrow<'_>,
        state: String,
        code: String,
        now: u64,
        key_bytes: Vec<u8>,
        seed_bytes: Vec<u8>,
    ) -> Result<Activation, WitError> {
        let (key, mut random) = (key(&key_bytes)?, seed(&seed_bytes)?);
        let pending = PendingEnrollment::from_state(&state).map_err(error)?;
        let done = pending
            .confirm(profile.get(), &code, now, &key, &mut random)
            .map_err(error)?;
        Ok(activation(&done.two_factor, done.recovery_codes))
    }

    fn sign_in(
        profile: ProfileBorrow<'_>,
        state: String,
        key_bytes: Vec<u8>,
        code: String,
        now: u64,
    ) -> Attempt {
        let profile: &Profile = profile.get();
        let outcome = key(&key_bytes).and_then(|key| {
            let mut active = ActiveTwoFactor::from_state(&state).map_err(error)?;
            let result = active.sign_in(&profile.two_factor, &key, &code, now);
            Ok((active, result))
        });
        match outcome {
            Ok((active, result)) => Attempt {
                state: active.to_state(),
                outcome: result
                    .map(|s| match s {
                        SignIn::RecoveryCode { remaining } => {
                            WitSignIn::RecoveryCode(remaining as u32)
                        }
                        SignIn::Code { step } => WitSignIn::Code(step),
                        // A future kind of success reads as a code at step 0
                        // until the WIT learns it.
                        _ => WitSignIn::Code(0),
                    })
                    .map_err(error),
            },
            // Nothing could be read: the stored state is returned untouched.
            Err(e) => Attempt {
                state,
                outcome: Err(e),
            },
        }
    }

    fn regenerate_recovery_codes(
        profile: ProfileBorrow<'_>,
        state: String,
        seed_bytes: Vec<u8>,
        now: u64,
    ) -> Result<Activation, WitError> {
        let mut random = seed(&seed_bytes)?;
        let mut active = ActiveTwoFactor::from_state(&state).map_err(error)?;
        let count = profile.get::<Profile>().two_factor.recovery_codes;
        let codes = active.regenerate_recovery_codes(count, &mut random, now);
        Ok(activation(&active, codes))
    }

    fn throttle_check(state: String, now: u64) -> Result<(), WitError> {
        Throttle::from_state(&state)
            .and_then(|t| t.check(now))
            .map_err(error)
    }

    fn throttle_record(
        profile: ProfileBorrow<'_>,
        state: String,
        now: u64,
        success: bool,
    ) -> Result<ThrottleUpdate, WitError> {
        let mut throttle = Throttle::from_state(&state).map_err(error)?;
        let locked = if success {
            throttle.record_success();
            None
        } else {
            throttle.record_failure(&profile.get::<Profile>().two_factor, now)
        };
        let locked = match locked {
            Some(TotpError::LockedOut {
                until,
                wait_minutes,
            }) => Some(Lockout {
                until,
                wait_minutes,
            }),
            _ => None,
        };
        Ok(ThrottleUpdate {
            state: throttle.to_state(),
            locked,
        })
    }

    fn error_code(e: WitError) -> String {
        match (&e, core_error(&e)) {
            (_, Some(core)) => core.code().to_string(),
            _ => "other".to_string(),
        }
    }

    fn message(e: WitError, lang: Lang) -> String {
        match (core_error(&e), e) {
            (Some(core), _) => core.message(crate::lang(lang)),
            (None, WitError::Other(text)) => text,
            (None, _) => String::new(),
        }
    }
}
