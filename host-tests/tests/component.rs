//! The built component, loaded in Wasmtime: what it imports and exports,
//! and how the host survives bad input.

use postvakt_host::{HostError, ProfileSource, Rules};
use postvakt_host_tests::plugin;

#[test]
fn imports_nothing_but_postvakt() {
    let plugin = plugin();
    let foreign: Vec<String> = plugin
        .imports()
        .into_iter()
        .filter(|i| !i.starts_with("postvakt:"))
        .collect();
    assert!(
        foreign.is_empty(),
        "the component imports {foreign:?}; it must import nothing outside postvakt's WIT"
    );
}

#[test]
fn exports_the_versioned_interfaces() {
    let exports = plugin().exports();
    let interfaces = [
        "types",
        "password",
        "smtp",
        "sending",
        "relay",
        "lifecycle",
        "plans",
        "forwarding",
        "quarantine",
        "totp",
        "attachments",
        "bounce",
    ];
    for iface in interfaces {
        let name = format!("postvakt:mail/{iface}@0.1.2");
        assert!(exports.contains(&name), "{name} missing from {exports:?}");
    }
}

#[test]
fn presets_load_and_unknown_ones_are_errors() {
    let plugin = plugin();
    for name in ["altibox", "cliche"] {
        let mut rules = Rules::new(&plugin, ProfileSource::Preset(name.into())).unwrap();
        assert_eq!(rules.profile_name().unwrap(), name);
    }
    let err = Rules::new(&plugin, ProfileSource::Preset("gmail".into()))
        .err()
        .unwrap();
    assert!(
        matches!(err, HostError::Profile(ref m) if m.contains("gmail")),
        "{err}"
    );
}

#[test]
fn broken_profile_names_the_key() {
    let text =
        std::fs::read_to_string(postvakt_host_tests::root().join("profiles/altibox.toml")).unwrap();
    let broken = text.replacen("port = 465", "port = 0", 1);
    let err = Rules::new(
        &plugin(),
        ProfileSource::Toml {
            text: broken,
            file: "mine.toml".into(),
        },
    )
    .err()
    .unwrap();
    let msg = err.to_string();
    assert!(
        msg.contains("mine.toml") && msg.contains("outgoing.port"),
        "{msg}"
    );
}

#[test]
fn huge_input_is_answered_not_fatal() {
    let mut rules = Rules::new(&plugin(), ProfileSource::Preset("altibox".into())).unwrap();
    let huge = "aA1".repeat(1 << 20);
    let found = rules
        .password_check(&huge, postvakt_core::Lang::En)
        .unwrap();
    assert_eq!(found[0].code, "too_long");
}
