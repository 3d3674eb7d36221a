//! Properties of code generation and verification over any secret and time.

use postvakt_core::profile::TotpAlgorithm;
use postvakt_core::totp::{self, Params, Secret, TotpError};
use proptest::prelude::*;

fn algorithms() -> impl Strategy<Value = TotpAlgorithm> {
    prop_oneof![
        Just(TotpAlgorithm::Sha1),
        Just(TotpAlgorithm::Sha256),
        Just(TotpAlgorithm::Sha512)
    ]
}

proptest! {
    /// Generate then verify succeeds exactly once: the first verification
    /// returns the step, the second (with that step as the last) is a replay.
    #[test]
    fn generate_then_verify_succeeds_exactly_once(
        secret in proptest::collection::vec(any::<u8>(), 16..=64),
        time in 0u64..=(u64::MAX / 2),
        algorithm in algorithms(),
        eight in any::<bool>(),
        period in 1u32..=300,
        skew in 0u32..=3,
    ) {
        let params = Params::new(algorithm, if eight { 8 } else { 6 }, period, skew).unwrap();
        let code = totp::generate(&secret, &params, time);
        let step = totp::verify(&secret, &params, &code, time, None).unwrap();
        // The current step is tried first, so it is the one found.
        prop_assert_eq!(step, params.step(time));
        match totp::verify(&secret, &params, &code, time, Some(step)) {
            Err(e) => prop_assert_eq!(e, TotpError::Replayed),
            // Only if a later step in the window shares the code, by a
            // one-in-10^digits chance; then it is a different code in truth.
            Ok(later) => prop_assert!(
                later > step && totp::code::generate_at_step(&secret, &params, later).as_deref() == Some(code.as_str())
            ),
        }
    }

    /// Base32 round-trips any secret.
    #[test]
    fn base32_round_trip(secret in proptest::collection::vec(any::<u8>(), 16..=128)) {
        let s = Secret::from_bytes(&secret).unwrap();
        prop_assert_eq!(Secret::from_base32(&s.to_base32()).unwrap(), s);
    }

    /// Decoding never panics, whatever the text.
    #[test]
    fn base32_never_panics(text in ".{0,300}") {
        let _ = Secret::from_base32(&text);
    }

    /// Verification never panics on any typed input.
    #[test]
    fn verify_never_panics(code in ".{0,40}", now in any::<u64>(), last in any::<Option<u64>>()) {
        let params = Params::new(TotpAlgorithm::Sha1, 6, 30, 1).unwrap();
        let _ = totp::verify(&[7; 20], &params, &code, now, last);
    }
}

proptest! {
    /// Whatever the pace of failures and the profile's limits, no run of
    /// failures reaches 100 without a lockout, and a lockout refuses the
    /// very next attempt.
    #[test]
    fn never_100_failures_without_a_lockout(
        gaps in proptest::collection::vec(0u64..2_000, 100),
        max_failures in 1u32..=100,
        window in 1u32..=60,
        lockout in 1u32..=60,
    ) {
        let mut policy = postvakt_core::Profile::preset("altibox").unwrap().two_factor;
        policy.max_failures = max_failures;
        policy.failure_window_minutes = window;
        policy.lockout_minutes = lockout;
        let mut throttle = postvakt_core::totp::Throttle::default();
        let mut now = 1_000_000u64;
        let mut run = 0;
        for gap in gaps {
            now += gap;
            if throttle.check(now).is_err() {
                run = 0;
                continue;
            }
            run += 1;
            if let Some(locked) = throttle.record_failure(&policy, now) {
                let until = match locked {
                    TotpError::LockedOut { until, .. } => until,
                    other => panic!("{other:?}"),
                };
                prop_assert_eq!(until, now + u64::from(lockout) * 60);
                prop_assert!(throttle.check(now).is_err());
                run = 0;
            }
            prop_assert!(run < 100);
        }
    }
}
