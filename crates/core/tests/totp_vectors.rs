//! The shared TOTP vectors against the native core: the reference every
//! other runtime (wasmtime, workerd, Chromium) is held to.

use postvakt_core::profile::TotpAlgorithm;
use postvakt_core::random::SeededRandom;
use postvakt_core::totp::{
    self, ActiveTwoFactor, Params, PendingEnrollment, SealingKey, Secret, SignIn, Throttle,
    TotpError,
};
use postvakt_core::{Lang, Profile};
use serde_json::{Value, json};

fn doc() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors/totp.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn algorithm(v: &Value) -> TotpAlgorithm {
    serde_json::from_value(v.clone()).unwrap()
}

fn u32_of(v: &Value) -> u32 {
    v.as_u64().unwrap() as u32
}

fn seed(op: &Value) -> SeededRandom {
    SeededRandom::new(hex(op["seed_hex"].as_str().unwrap()).try_into().unwrap())
}

/// The error half of an expectation: code, and message/until when given.
fn check_error(err: &TotpError, expect: &Value, name: &str) {
    assert_eq!(
        Some(err.code()),
        expect["error"].as_str(),
        "{name}: got {err}"
    );
    if let Some(until) = expect.get("until") {
        assert!(
            matches!(err, TotpError::LockedOut { until: u, .. } if Some(*u) == until.as_u64()),
            "{name}: {err:?}"
        );
    }
    if let Some(message) = expect.get("message") {
        let lang = Lang::from_tag(expect["lang"].as_str().unwrap());
        assert_eq!(err.message(lang), message.as_str().unwrap(), "{name}");
    }
}

#[test]
fn totp_vectors() {
    let doc = doc();
    let cases = doc["cases"].as_array().unwrap();
    let mut kinds = std::collections::BTreeMap::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let kind = case["kind"].as_str().unwrap();
        *kinds.entry(kind).or_insert(0) += 1;
        match kind {
            "generate" => {
                let params = Params::new(
                    algorithm(&case["algorithm"]),
                    u32_of(&case["digits"]),
                    u32_of(&case["period"]),
                    0,
                )
                .unwrap();
                let secret = hex(case["secret_hex"].as_str().unwrap());
                let code = totp::generate(&secret, &params, case["time"].as_u64().unwrap());
                assert_eq!(code, case["code"].as_str().unwrap(), "{name}");
            }
            "verify" => {
                let params = Params::new(
                    algorithm(&case["algorithm"]),
                    u32_of(&case["digits"]),
                    u32_of(&case["period"]),
                    u32_of(&case["skew"]),
                )
                .unwrap();
                let secret = Secret::from_base32(case["secret_base32"].as_str().unwrap()).unwrap();
                let got = totp::verify(
                    secret.as_bytes(),
                    &params,
                    case["code"].as_str().unwrap(),
                    case["now"].as_u64().unwrap(),
                    case["last_step"].as_u64(),
                );
                match got {
                    Ok(step) => assert_eq!(Some(step), case["expect"]["step"].as_u64(), "{name}"),
                    Err(e) => check_error(&e, &case["expect"], name),
                }
            }
            "secret" => match Secret::from_base32(case["text"].as_str().unwrap()) {
                Ok(s) => assert_eq!(
                    s.as_bytes(),
                    hex(case["expect"]["hex"].as_str().unwrap()),
                    "{name}"
                ),
                Err(e) => check_error(&e, &case["expect"], name),
            },
            "key_uri" => {
                let profile = Profile::preset(case["profile"].as_str().unwrap()).unwrap();
                let secret = Secret::from_base32(case["secret_base32"].as_str().unwrap()).unwrap();
                let pending = PendingEnrollment::with_secret(
                    &profile,
                    case["account"].as_str().unwrap(),
                    secret,
                    0,
                )
                .unwrap();
                assert_eq!(pending.key_uri(), case["uri"].as_str().unwrap(), "{name}");
            }
            "throttle" => {
                let profile = Profile::preset(case["profile"].as_str().unwrap()).unwrap();
                let mut throttle = Throttle::default();
                for (i, event) in case["events"].as_array().unwrap().iter().enumerate() {
                    let at = event["at"].as_u64().unwrap();
                    let outcome = match event["event"].as_str().unwrap() {
                        "failure" => throttle
                            .record_failure(&profile.two_factor, at)
                            .map(|e| e.code()),
                        "success" => {
                            throttle.record_success();
                            None
                        }
                        _ => throttle.check(at).err().map(|e| e.code()),
                    };
                    assert_eq!(
                        outcome.unwrap_or("ok"),
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
}

fn run_flow(case: &Value, name: &str) {
    let profile = Profile::preset(case["profile"].as_str().unwrap()).unwrap();
    let account = case["account"].as_str().unwrap();
    let key_bytes = hex(case["key_hex"].as_str().unwrap());
    let key = SealingKey::from_bytes(&key_bytes).unwrap();
    let mut wrong = key_bytes.clone();
    wrong[0] ^= 1;
    let wrong_key = SealingKey::from_bytes(&wrong).unwrap();
    let secret = Secret::from_base32(case["secret_base32"].as_str().unwrap()).unwrap();

    // Every state crosses as its JSON text, as adapters store it.
    let mut pending: Option<String> = None;
    let mut active: Option<String> = None;
    let (mut codes, mut old_codes) = (Vec::<String>::new(), Vec::<String>::new());
    for (i, op) in case["ops"].as_array().unwrap().iter().enumerate() {
        let name = format!("{name}, op {i} ({})", op["op"]);
        let at = op["at"].as_u64().unwrap_or(0);
        let expect = &op["expect"];
        match op["op"].as_str().unwrap() {
            "begin" => {
                let p =
                    PendingEnrollment::with_secret(&profile, account, secret.clone(), at).unwrap();
                assert_eq!(p.key_uri(), expect["uri"].as_str().unwrap(), "{name}");
                assert_eq!(
                    Some(p.expires_at()),
                    expect["expires_at"].as_u64(),
                    "{name}"
                );
                assert!(p.qr_svg().unwrap().starts_with("<svg"));
                pending = Some(p.to_state());
            }
            "check" => {
                let p = PendingEnrollment::from_state(pending.as_ref().unwrap()).unwrap();
                match p.check(op["code"].as_str().unwrap(), at) {
                    Ok(step) => assert_eq!(Some(step), expect["step"].as_u64(), "{name}"),
                    Err(e) => check_error(&e, expect, &name),
                }
            }
            "confirm" => {
                let p = PendingEnrollment::from_state(pending.as_ref().unwrap()).unwrap();
                match p.confirm(
                    &profile,
                    op["code"].as_str().unwrap(),
                    at,
                    &key,
                    &mut seed(op),
                ) {
                    Ok(a) => {
                        assert_eq!(
                            Some(a.recovery_codes.len() as u64),
                            expect["recovery_codes"].as_u64(),
                            "{name}"
                        );
                        codes = a.recovery_codes;
                        active = Some(a.two_factor.to_state());
                    }
                    Err(e) => {
                        check_error(&e, expect, &name);
                        assert!(
                            active.is_none(),
                            "{name}: a failed confirmation changed the account"
                        );
                    }
                }
            }
            "sign_in" => {
                let mut a = ActiveTwoFactor::from_state(active.as_ref().unwrap()).unwrap();
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
                match a.sign_in(&profile.two_factor, k, &code, at) {
                    Ok(SignIn::Code { step }) => {
                        assert_eq!(Some(step), expect["step"].as_u64(), "{name}")
                    }
                    Ok(SignIn::RecoveryCode { remaining }) => {
                        assert_eq!(
                            Some(remaining as u64),
                            expect["recovery_remaining"].as_u64(),
                            "{name}"
                        )
                    }
                    Ok(other) => panic!("{name}: {other:?}"),
                    Err(e) => check_error(&e, expect, &name),
                }
                active = Some(a.to_state());
            }
            "regenerate" => {
                let mut a = ActiveTwoFactor::from_state(active.as_ref().unwrap()).unwrap();
                let count = profile.two_factor.recovery_codes;
                old_codes = std::mem::replace(
                    &mut codes,
                    a.regenerate_recovery_codes(count, &mut seed(op), at),
                );
                assert_eq!(
                    Some(codes.len() as u64),
                    expect["recovery_codes"].as_u64(),
                    "{name}"
                );
                active = Some(a.to_state());
            }
            "tamper" => {
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
fn every_error_has_every_language() {
    let errors = [
        TotpError::MalformedSecret,
        TotpError::SecretLength { min: 16, max: 128 },
        TotpError::InvalidParams("x"),
        TotpError::NotDigits { digits: 6 },
        TotpError::WrongDigits { digits: 8 },
        TotpError::InvalidCode,
        TotpError::Replayed,
        TotpError::EnrollmentExpired,
        TotpError::LockedOut {
            until: 1,
            wait_minutes: 15,
        },
        TotpError::InvalidRecoveryCode,
        TotpError::RecoveryCodeUsed,
        TotpError::InvalidLabel("x"),
        TotpError::QrTooLong,
        TotpError::KeyLength(3),
        TotpError::Unseal,
        TotpError::MalformedState("x".into()),
        TotpError::RandomLength {
            expected: 32,
            got: 0,
        },
    ];
    for e in errors {
        let texts: Vec<String> = Lang::ALL.iter().map(|l| e.message(*l)).collect();
        assert!(
            texts.iter().all(|t| !t.is_empty() && !t.contains('{')),
            "{e:?}"
        );
        assert_ne!(texts[0], texts[1], "{e:?}");
        assert_ne!(texts[2], texts[3], "{e:?}");
        assert!(!e.code().is_empty());
    }
    assert_eq!(
        TotpError::WrongDigits { digits: 8 }.message(Lang::Nb),
        "Skriv inn den 8-sifrede koden fra autentiseringsappen."
    );
}

#[test]
fn malformed_state_is_an_error_not_a_panic() {
    for bad in ["", "{}", "null", "{\"account\":1}", "[]"] {
        assert!(
            matches!(
                ActiveTwoFactor::from_state(bad),
                Err(TotpError::MalformedState(_))
            ),
            "{bad}"
        );
        assert!(
            matches!(
                PendingEnrollment::from_state(bad),
                Err(TotpError::MalformedState(_))
            ),
            "{bad}"
        );
    }
}
