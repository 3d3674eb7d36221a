//! The shared password vectors through the built component, compared with
//! the native core.

use postvakt_core::{password, Lang, Profile};
use postvakt_host::{ProfileSource, Rules};
use postvakt_host_tests::{plugin, vectors};

#[test]
fn component_matches_core_on_every_vector() {
    let plugin = plugin();
    let doc = vectors("password.json");
    let mut checked = 0;
    for case in doc["cases"].as_array().unwrap() {
        let name = case["profile"].as_str().unwrap();
        let pw = case["password"].as_str().unwrap();
        let lang = Lang::from_tag(case["lang"].as_str().unwrap());
        let native = password::findings(&Profile::preset(name).unwrap().password, pw, lang);
        let mut rules = Rules::new(&plugin, ProfileSource::Preset(name.into())).unwrap();
        let wasm = rules.password_check(pw, lang).unwrap();
        assert_eq!(wasm, native, "password {pw:?} ({name})");
        let codes: Vec<&str> = wasm.iter().map(|f| f.code.as_ref()).collect();
        let want: Vec<&str> = case["codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        assert_eq!(codes, want, "password {pw:?} ({name})");
        checked += 1;
    }
    println!("wasmtime: {checked} password vectors match the native core");
}
