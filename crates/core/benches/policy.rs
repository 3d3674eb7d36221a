//! One decision of each policy kind, natively. Criterion prints the time
//! per decision; `cargo bench -p postvakt-core --bench policy`.
#![allow(missing_docs)] // criterion's macros generate undocumented items

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use postvakt_core::lifecycle::{self, AccountLifecycle};
use postvakt_core::relay::{self, Envelope};
use postvakt_core::sending::{self, SendWindow};
use postvakt_core::{Profile, forwarding, plans, quarantine};

const T0: u64 = 1_768_471_200;

fn policy(c: &mut Criterion) {
    let altibox = Profile::preset("altibox").unwrap();
    let cliche = Profile::preset("cliche").unwrap();

    // A busy account: 150 messages and 40 recipients in the window.
    let mut window = SendWindow::default();
    for i in 0..150u64 {
        window = sending::decide(
            &altibox,
            &window,
            T0 + i * 10,
            &[format!("r{}@example.org", i % 40)],
        )
        .1;
    }
    let now = T0 + 1500;
    let to = vec!["kari@lyse.net".to_string(), "per@example.org".to_string()];
    c.bench_function("sending::decide (150 messages in window)", |b| {
        b.iter(|| sending::decide(&altibox, black_box(&window), now, black_box(&to)))
    });
    let stored = window.to_json();
    c.bench_function("sending::decide with state as JSON in and out", |b| {
        b.iter(|| {
            let w = SendWindow::from_json(black_box(&stored)).unwrap();
            sending::decide(&altibox, &w, now, black_box(&to))
                .1
                .to_json()
        })
    });

    let aliases = vec!["ola.nordmann@lyse.net".to_string()];
    let rcpt = vec!["kari@gmail.com".to_string(), "per@lyse.net".to_string()];
    let envelope = Envelope {
        account: Some("ola@lyse.net"),
        aliases: &aliases,
        mail_from: "ola.nordmann@lyse.net",
        rcpt_to: &rcpt,
        ..Default::default()
    };
    c.bench_function("relay::decide (authenticated, 2 recipients)", |b| {
        b.iter(|| relay::decide(&altibox, black_box(&envelope)))
    });

    let rules = altibox.lifecycle.clone().unwrap();
    let notified =
        lifecycle::review(&rules, &AccountLifecycle::default(), T0, T0 + 170 * 86_400).lifecycle;
    c.bench_function("lifecycle::review (notified, second notice due)", |b| {
        b.iter(|| lifecycle::review(&rules, black_box(&notified), T0, T0 + 175 * 86_400))
    });

    c.bench_function("plans::plan_for", |b| {
        b.iter(|| plans::plan_for(&cliche, black_box(42)))
    });

    c.bench_function("forwarding::check (strict provider)", |b| {
        b.iter(|| forwarding::check(&cliche, black_box("anna@hotmail.se")))
    });

    let key = [7u8; 32];
    let token = quarantine::issue(&altibox, &key, "ola@lyse.net", T0).unwrap();
    c.bench_function("quarantine::issue", |b| {
        b.iter(|| quarantine::issue(&altibox, &key, black_box("ola@lyse.net"), T0))
    });
    c.bench_function("quarantine::verify", |b| {
        b.iter(|| quarantine::verify(&altibox, &key, black_box(&token), T0 + 86_400))
    });
}

criterion_group!(benches, policy);
criterion_main!(benches);
