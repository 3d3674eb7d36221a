//! The shared password vectors against the native core: the reference every
//! other runtime (wasmtime, workerd, Chromium) is held to.

use postvakt_core::{Lang, Profile, password};
use serde_json::Value;

#[test]
fn password_vectors() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors/password.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 10);
    for case in cases {
        let profile = Profile::preset(case["profile"].as_str().unwrap()).unwrap();
        let pw = case["password"].as_str().unwrap();
        let lang = Lang::from_tag(case["lang"].as_str().unwrap());
        let got = password::findings(&profile.password, pw, lang);
        let codes: Vec<&str> = got.iter().map(|f| f.code.as_ref()).collect();
        let want: Vec<&str> = case["codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        assert_eq!(codes, want, "password {pw:?} ({})", case["profile"]);
        if let Some(messages) = case.get("messages") {
            let got: Vec<&str> = got.iter().map(|f| f.message.as_str()).collect();
            let want: Vec<&str> = messages.as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
            assert_eq!(got, want, "password {pw:?}");
        }
    }
}

#[test]
fn every_finding_has_every_language() {
    let profile = Profile::preset("altibox").unwrap();
    let mut policy = profile.password;
    policy.require_symbol = true;
    for f in password::check(&policy, "") {
        let texts: Vec<String> = Lang::ALL.iter().map(|l| f.message(*l)).collect();
        assert!(texts.iter().all(|t| !t.is_empty()));
        // Each language really is a different text.
        assert_ne!(texts[0], texts[1]);
        assert_ne!(texts[0], texts[2]);
    }
}
