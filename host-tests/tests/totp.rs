//! The shared TOTP vectors through the built component in Wasmtime, as the
//! native runner (`crates/core/tests/totp_vectors.rs`) checks them against
//! the core. Every call goes through the WIT `totp` interface; error codes
//! and messages come from the component's `error-code` and `message`.
//! Where the component returns state or recovery codes, they are also
//! compared with what the native core makes from the same input.

use std::collections::BTreeMap;

use postvakt_core::random::SeededRandom;
use postvakt_core::totp::{ActiveTwoFactor, PendingEnrollment, SealingKey};
use postvakt_core::{Lang, Profile};
use postvakt_host::wit::totp::{Algorithm, Params, SignedIn, TotpError};
use postvakt_host::{ProfileSource, Rules};
use postvakt_host_tests::{plugin, vectors};
use serde_json::{Value, json};

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn rules(profile: &str) -> Rules {
    Rules::new(&plugin(), ProfileSource::Preset(profile.into())).unwrap()
}

fn algorithm(v: &Value) -> Algorithm {
    match v.as_str().unwrap() {
        "SHA1" => Algorithm::Sha1,
        "SHA256" => Algorithm::Sha256,
        "SHA512" => Algorithm::Sha512,
        other => panic!("unknown algorithm {other}"),
    }
}

fn u32_of(v: &Value) -> u32 {
    v.as_u64().unwrap() as u32
}

fn params(case: &Value, skew: u32) -> Params {
    Params {
        algorithm: algorithm(&case["algorithm"]),
        digits: u32_of(&case["digits"]),
        period_seconds: u32_of(&case["period"]),
        skew_steps: skew,
    }
}

/// The error half of an expectation: the component's code for the error,
/// and `until` and the component's message in `lang` when given.
fn check_error(rules: &mut Rules, err: &TotpError, expect: &Value, name: &str) {
    let lang = Lang::from_tag(expect["lang"].as_str().unwrap_or("en"));
    let (code, message) = rules.totp_describe(err, lang).unwrap();
    assert_eq!(
        Some(code.as_str()),
        expect["error"].as_str(),
        "{name}: got {err:?}"
    );
    if let Some(until) = expect.get("until") {
        assert!(
            matches!(err, TotpError::LockedOut(l) if Some(l.until) == until.as_u64()),
            "{name}: {err:?}"
        );
    }
    if let Some(want) = expect.get("message") {
        assert_eq!(message, want.as_str().unwrap(), "{name}");
    }
}

#[test]
fn totp_vectors() {
    let doc = vectors("totp.json");
    let cases = doc["cases"].as_array().unwrap();
    // Calls that need no profile still run on an instance with one loaded.
    let mut plain = rules("altibox");
    let mut kinds = BTreeMap::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let kind = case["kind"].as_str().unwrap();
        *kinds.entry(kind).or_insert(0) += 1;
        match kind {
            "generate" => {
                let secret = hex(case["secret_hex"].as_str().unwrap());
                let time = case["time"].as_u64().unwrap();
                let code = plain
                    .totp_generate(params(case, 0), &secret, time)
                    .unwrap()
                    .unwrap_or_else(|e| panic!("{name}: {e:?}"));
                assert_eq!(code, case["code"].as_str().unwrap(), "{name}");
            }
            "verify" => {
                let secret = plain
                    .totp_decode_secret(case["secret_base32"].as_str().unwrap())
                    .unwrap()
                    .unwrap();
                let got = plain
                    .totp_verify(
                        params(case, u32_of(&case["skew"])),
                        &secret,
                        case["code"].as_str().unwrap(),
                        case["now"].as_u64().unwrap(),
                        case["last_step"].as_u64(),
                    )
                    .unwrap();
                match got {
                    Ok(step) => assert_eq!(Some(step), case["expect"]["step"].as_u64(), "{name}"),
                    Err(e) => check_error(&mut plain, &e, &case["expect"], name),
                }
            }
            "secret" => match plain
                .totp_decode_secret(case["text"].as_str().unwrap())
                .unwrap()
            {
                Ok(bytes) => {
                    assert_eq!(
                        bytes,
                        hex(case["expect"]["hex"].as_str().unwrap()),
                        "{name}"
                    )
                }
                Err(e) => check_error(&mut plain, &e, &case["expect"], name),
            },
            "key_uri" => {
                // The Key URI comes from begin-enrollment, with the vector's
                // secret passed as the host's random bytes.
                let mut rules = rules(case["profile"].as_str().unwrap());
                let secret = plain
                    .totp_decode_secret(case["secret_base32"].as_str().unwrap())
                    .unwrap()
                    .unwrap();
                let enrollment = rules
                    .totp_begin_enrollment(case["account"].as_str().unwrap(), &secret, 0)
                    .unwrap()
                    .unwrap_or_else(|e| panic!("{name}: {e:?}"));
                assert_eq!(enrollment.uri, case["uri"].as_str().unwrap(), "{name}");
            }
            "throttle" => {
                let mut rules = rules(case["profile"].as_str().unwrap());
                let mut state = String::new();
                for (i, event) in case["events"].as_array().unwrap().iter().enumerate() {
                    let at = event["at"].as_u64().unwrap();
                    let outcome = match event["event"].as_str().unwrap() {
                        kind @ ("failure" | "success") => {
                            let update = rules
                                .totp_throttle_record(&state, at, kind == "success")
                                .unwrap()
                                .unwrap_or_else(|e| panic!("{name}, event {i}: {e:?}"));
                            state = update.state;
                            update.locked.map(|_| "locked_out".to_string())
                        }
                        _ => rules
                            .totp_throttle_check(&state, at)
                            .unwrap()
                            .err()
                            .map(|e| rules.totp_describe(&e, Lang::En).unwrap().0),
                    };
                    assert_eq!(
                        outcome.as_deref().unwrap_or("ok"),
                        event["expect"].as_str().unwrap(),
                        "{name}, event {i}"
                    );
                }
            }
            "flow" => run_flow(case, name),
            other => panic!("unknown kind {other}"),
        }
    }
    assert!(
        kinds["generate"] >= 28 && kinds["verify"] >= 10 && kinds["flow"] >= 4,
        "{kinds:?}"
    );
    let counts: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    println!(
        "wasmtime: {} totp vectors match ({})",
        cases.len(),
        counts.join(", ")
    );
}

fn run_flow(case: &Value, name: &str) {
    let profile_name = case["profile"].as_str().unwrap();
    let mut rules = rules(profile_name);
    let profile = Profile::preset(profile_name).unwrap();
    let account = case["account"].as_str().unwrap();
    let key = hex(case["key_hex"].as_str().unwrap());
    let native_key = SealingKey::from_bytes(&key).unwrap();
    let mut wrong_key = key.clone();
    wrong_key[0] ^= 1;
    let secret_base32 = case["secret_base32"].as_str().unwrap();
    let secret = rules.totp_decode_secret(secret_base32).unwrap().unwrap();

    // Every state is the text the component returned, stored as a host would.
    let mut pending: Option<String> = None;
    let mut active: Option<String> = None;
    let (mut codes, mut old_codes) = (Vec::<String>::new(), Vec::<String>::new());
    for (i, op) in case["ops"].as_array().unwrap().iter().enumerate() {
        let name = format!("{name}, op {i} ({})", op["op"]);
        let at = op["at"].as_u64().unwrap_or(0);
        let expect = &op["expect"];
        let seed = || hex(op["seed_hex"].as_str().unwrap());
        let native_seed = || SeededRandom::new(seed().try_into().unwrap());
        match op["op"].as_str().unwrap() {
            "begin" => {
                // A WIT host passes the new secret as begin-enrollment's
                // random bytes.
                let e = rules
                    .totp_begin_enrollment(account, &secret, at)
                    .unwrap()
                    .unwrap_or_else(|e| panic!("{name}: {e:?}"));
                assert_eq!(e.uri, expect["uri"].as_str().unwrap(), "{name}");
                assert_eq!(Some(e.expires_at), expect["expires_at"].as_u64(), "{name}");
                assert_eq!(e.secret, secret_base32, "{name}");
                assert!(e.qr_svg.starts_with("<svg"), "{name}");
                pending = Some(e.state);
            }
            "check" => {
                let got = rules
                    .totp_check_enrollment(
                        pending.as_ref().unwrap(),
                        op["code"].as_str().unwrap(),
                        at,
                    )
                    .unwrap();
                match got {
                    Ok(step) => assert_eq!(Some(step), expect["step"].as_u64(), "{name}"),
                    Err(e) => check_error(&mut rules, &e, expect, &name),
                }
            }
            "confirm" => {
                let state = pending.as_ref().unwrap();
                let code = op["code"].as_str().unwrap();
                let got = rules
                    .totp_confirm_enrollment(state, code, at, &key, &seed())
                    .unwrap();
                match got {
                    Ok(a) => {
                        assert_eq!(
                            Some(a.recovery_codes.len() as u64),
                            expect["recovery_codes"].as_u64(),
                            "{name}"
                        );
                        // The same confirmation in the native core.
                        let native = PendingEnrollment::from_state(state)
                            .unwrap()
                            .confirm(&profile, code, at, &native_key, &mut native_seed())
                            .unwrap();
                        assert_eq!(a.recovery_codes, native.recovery_codes, "{name}");
                        assert_eq!(a.state, native.two_factor.to_state(), "{name}: state");
                        codes = a.recovery_codes;
                        active = Some(a.state);
                    }
                    Err(e) => {
                        check_error(&mut rules, &e, expect, &name);
                        assert!(
                            active.is_none(),
                            "{name}: a failed confirmation changed the account"
                        );
                    }
                }
            }
            "sign_in" => {
                let code = if let Some(n) = op["recovery"].as_u64() {
                    codes[n as usize].clone()
                } else if let Some(n) = op["old_recovery"].as_u64() {
                    old_codes[n as usize].clone()
                } else {
                    op["code"].as_str().unwrap().to_string()
                };
                let k = if op["wrong_key"].as_bool() == Some(true) {
                    &wrong_key
                } else {
                    &key
                };
                let attempt = rules
                    .totp_sign_in(active.as_ref().unwrap(), k, &code, at)
                    .unwrap();
                match attempt.outcome {
                    Ok(SignedIn::Code(step)) => {
                        assert_eq!(Some(step), expect["step"].as_u64(), "{name}")
                    }
                    Ok(SignedIn::RecoveryCode(remaining)) => assert_eq!(
                        Some(remaining as u64),
                        expect["recovery_remaining"].as_u64(),
                        "{name}"
                    ),
                    Err(e) => check_error(&mut rules, &e, expect, &name),
                }
                active = Some(attempt.state);
            }
            "regenerate" => {
                let state = active.as_ref().unwrap();
                let a = rules
                    .totp_regenerate(state, &seed(), at)
                    .unwrap()
                    .unwrap_or_else(|e| panic!("{name}: {e:?}"));
                assert_eq!(
                    Some(a.recovery_codes.len() as u64),
                    expect["recovery_codes"].as_u64(),
                    "{name}"
                );
                // The same renewal in the native core.
                let mut native = ActiveTwoFactor::from_state(state).unwrap();
                let native_codes = native.regenerate_recovery_codes(
                    profile.two_factor.recovery_codes,
                    &mut native_seed(),
                    at,
                );
                assert_eq!(a.recovery_codes, native_codes, "{name}");
                assert_eq!(a.state, native.to_state(), "{name}: state");
                old_codes = std::mem::replace(&mut codes, a.recovery_codes);
                active = Some(a.state);
            }
            "tamper" => {
                // Done by the host on the stored text, as an attacker would.
                let mut state: Value = serde_json::from_str(active.as_ref().unwrap()).unwrap();
                let ct = state["sealed"]["ciphertext"].as_str().unwrap().to_string();
                let flipped = if ct.starts_with('0') { "1" } else { "0" };
                state["sealed"]["ciphertext"] = json!(format!("{flipped}{}", &ct[1..]));
                active = Some(state.to_string());
            }
            other => panic!("{name}: unknown op {other}"),
        }
    }
}

#[test]
fn enrollment_takes_as_many_random_bytes_as_a_secret_is_drawn_with() {
    // The core says how many (`Secret::from_generated`); the component
    // passes the host's bytes on and the core's answer back.
    let mut rules = rules("altibox");
    let drawn = postvakt_core::totp::secret::GENERATED_BYTES;
    for got in [0, drawn - 1, drawn + 1] {
        let err = rules
            .totp_begin_enrollment("kari@example.no", &vec![7; got], 0)
            .unwrap()
            .expect_err("a wrong length");
        assert!(
            matches!(err, TotpError::RandomLength(n) if n as usize == drawn),
            "{got} bytes: {err:?}"
        );
    }
    let ok = rules
        .totp_begin_enrollment("kari@example.no", &vec![7; drawn], 0)
        .unwrap();
    assert!(ok.is_ok(), "{ok:?}");
}
