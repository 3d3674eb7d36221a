//! A plugin that runs away is cut off, and the host goes on.

use postvakt_core::Lang;
use postvakt_host::{HostError, Limits, ProfileSource, Rules};
use postvakt_host_tests::{plugin_with, root};

fn altibox_toml() -> String {
    std::fs::read_to_string(root().join("profiles/altibox.toml")).unwrap()
}

#[test]
fn out_of_fuel_is_cut_off_and_the_next_call_works() {
    let plugin = plugin_with(Limits {
        fuel_per_call: 50_000_000,
        ..Limits::default()
    });
    // Parsing 20 MB of TOML comments costs far more than 50 M fuel.
    let mut heavy = altibox_toml();
    heavy.push_str(&"# padding\n".repeat(2 << 20));
    let err = Rules::new(
        &plugin,
        ProfileSource::Toml {
            text: heavy,
            file: "heavy.toml".into(),
        },
    )
    .err()
    .unwrap();
    assert!(matches!(err, HostError::Plugin(_)), "{err}");

    // The same plugin, a fresh instance: answers as usual.
    let mut rules = Rules::new(&plugin, ProfileSource::Preset("altibox".into())).unwrap();
    assert!(
        rules
            .password_check("Sommer2026", Lang::En)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn out_of_memory_is_cut_off_and_the_instance_replaced() {
    let plugin = plugin_with(Limits {
        memory_bytes: 8 << 20,
        ..Limits::default()
    });
    let mut rules = Rules::new(&plugin, ProfileSource::Preset("altibox".into())).unwrap();
    // 32 MiB cannot even be copied into an 8 MiB sandbox.
    let huge = "a".repeat(32 << 20);
    let err = rules.password_check(&huge, Lang::En).unwrap_err();
    assert!(matches!(err, HostError::Plugin(_)), "{err}");
    // The trapped instance was discarded; the next call gets a new one.
    assert_eq!(
        rules.password_check("abc", Lang::En).unwrap()[0].code,
        "too_short"
    );
}
