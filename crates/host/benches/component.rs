//! One decision of each kind, natively and through the built component in
//! Wasmtime, side by side; after the runs it prints the time each call adds
//! when it crosses into the sandbox.
//!
//! Needs the component: `bash scripts/build-wasm.sh`, then
//! `cargo bench -p postvakt-host --bench component`.

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use postvakt_core::profile::TotpAlgorithm;
use postvakt_core::relay::{self, Envelope};
use postvakt_core::sending::{self, SendWindow};
use postvakt_core::totp::{self, Params};
use postvakt_core::{Lang, Profile, password};
use postvakt_host::wit::relay::Envelope as WitEnvelope;
use postvakt_host::wit::totp::{Algorithm, Params as WitParams};
use postvakt_host::{Limits, Plugin, ProfileSource, Rules};

const SECRET: &[u8; 20] = b"12345678901234567890";
const NOW: u64 = 1_700_000_015;

fn component() -> Plugin {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/postvakt.wasm");
    Plugin::from_file(path, Limits::default()).expect("run scripts/build-wasm.sh first")
}

fn benches(c: &mut Criterion) {
    let profile = Profile::preset("altibox").unwrap();
    let mut rules = Rules::new(&component(), ProfileSource::Preset("altibox".into())).unwrap();

    // Password policy.
    c.bench_function("password/native", |b| {
        b.iter(|| password::findings(&profile.password, black_box("sommer"), Lang::Nb))
    });
    c.bench_function("password/component", |b| {
        b.iter(|| rules.password_check(black_box("sommer"), Lang::Nb).unwrap())
    });

    // TOTP: verify a code for the current step.
    let params = Params::new(TotpAlgorithm::Sha1, 6, 30, 1).unwrap();
    let wit_params = WitParams {
        algorithm: Algorithm::Sha1,
        digits: 6,
        period_seconds: 30,
        skew_steps: 1,
    };
    let code = totp::generate(SECRET, &params, NOW);
    c.bench_function("totp_verify/native", |b| {
        b.iter(|| totp::verify(black_box(SECRET), &params, black_box(&code), NOW, None).unwrap())
    });
    c.bench_function("totp_verify/component", |b| {
        b.iter(|| {
            rules
                .totp_verify(wit_params, black_box(SECRET), black_box(&code), NOW, None)
                .unwrap()
                .unwrap()
        })
    });

    // Sending limits: one more message for an account with 20 in its window.
    let recipients: Vec<String> = vec!["kari@example.no".into(), "ola@example.no".into()];
    let mut window = SendWindow::default();
    for i in 0..20u64 {
        window = sending::decide(&profile, &window, NOW + i, &[format!("r{i}@example.no")]).1;
    }
    let state = window.to_json();
    c.bench_function("sending/native", |b| {
        b.iter(|| {
            let w = SendWindow::from_json(black_box(&state)).unwrap();
            sending::decide(&profile, &w, NOW + 100, &recipients)
                .1
                .to_json()
        })
    });
    c.bench_function("sending/component", |b| {
        b.iter(|| {
            rules
                .sending_decide(black_box(&state), NOW + 100, &recipients, Lang::En)
                .unwrap()
                .unwrap()
        })
    });

    // Relay: an authenticated account sending to two recipients.
    let (aliases, domains) = (vec!["post@lyse.net".to_string()], Vec::<String>::new());
    c.bench_function("relay/native", |b| {
        b.iter(|| {
            relay::decide(
                &profile,
                &Envelope {
                    account: Some("kari@lyse.net"),
                    aliases: &aliases,
                    customer_domains: &domains,
                    mail_from: black_box("kari@lyse.net"),
                    rcpt_to: &recipients,
                },
            )
        })
    });
    let envelope = WitEnvelope {
        account: Some("kari@lyse.net".into()),
        aliases: aliases.clone(),
        customer_domains: domains.clone(),
        mail_from: "kari@lyse.net".into(),
        rcpt_to: recipients.clone(),
    };
    c.bench_function("relay/component", |b| {
        b.iter(|| rules.relay_decide(black_box(&envelope), Lang::En).unwrap())
    });
}

fn estimate_ns(id: &str) -> Option<f64> {
    let dir = std::env::var("CARGO_TARGET_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../target").into());
    let path = format!(
        "{dir}/criterion/{}/new/estimates.json",
        id.replace('/', "_")
    );
    let text = std::fs::read_to_string(path).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    benches(&mut c);
    c.final_summary();
    println!("\nnative vs through the component (median):");
    for kind in ["password", "totp_verify", "sending", "relay"] {
        if let (Some(n), Some(w)) = (
            estimate_ns(&format!("{kind}/native")),
            estimate_ns(&format!("{kind}/component")),
        ) {
            println!(
                "  {kind:12} native {n:9.0} ns   component {w:9.0} ns   adds {:8.0} ns ({:.1}×)",
                w - n,
                w / n
            );
        }
    }
}
