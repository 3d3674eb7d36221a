//! One decision of each kind, natively and through the built component in
//! Wasmtime, side by side; after the runs it prints the time each call adds
//! when it crosses into the sandbox. The bounce parser's runs read a whole
//! set of mails each: the labelled corpus where it is, else the
//! repository's bounce vectors.
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

#[path = "../../core/benches/support/bounce_mails.rs"]
mod support;
use support::bounce_mails;

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

    // Lifecycle review of an account last seen 170 days ago.
    let policy = postvakt_core::lifecycle::policy(&profile).unwrap();
    let stored = postvakt_core::lifecycle::AccountLifecycle::from_json("").unwrap();
    let last_login = NOW - 170 * 86_400;
    c.bench_function("lifecycle/native", |b| {
        b.iter(|| postvakt_core::lifecycle::review(policy, &stored, black_box(last_login), NOW))
    });
    c.bench_function("lifecycle/component", |b| {
        b.iter(|| {
            rules
                .lifecycle_review("", black_box(last_login), NOW, Lang::En)
                .unwrap()
                .unwrap()
        })
    });

    // Quarantine link: verify a token.
    let key = [7u8; 32];
    let token = postvakt_core::quarantine::issue(&profile, &key, "kari@lyse.net", NOW).unwrap();
    c.bench_function("quarantine/native", |b| {
        b.iter(|| {
            postvakt_core::quarantine::verify(&profile, &key, black_box(&token), NOW + 60).unwrap()
        })
    });
    c.bench_function("quarantine/component", |b| {
        b.iter(|| {
            rules
                .quarantine_verify(&key, black_box(&token), NOW + 60, Lang::En)
                .unwrap()
                .unwrap()
        })
    });

    // Forwarding advice for a target at a strict provider.
    c.bench_function("forwarding/native", |b| {
        b.iter(|| postvakt_core::forwarding::check(&profile, black_box("kari@gmail.com")))
    });
    c.bench_function("forwarding/component", |b| {
        b.iter(|| {
            rules
                .forwarding_check(black_box("kari@gmail.com"), Lang::En)
                .unwrap()
        })
    });

    // Attachments: one disguised program.
    let mut program = b"MZ".to_vec();
    program.resize(64, 0);
    program[0x3c] = 0x40;
    program.extend_from_slice(b"PE\0\0");
    program.resize(512, 0);
    c.bench_function("attachment_file/native", |b| {
        b.iter(|| {
            postvakt_core::attachments::check_file(
                &profile.attachments,
                black_box("invoice.pdf .exe"),
                &program,
                Lang::En,
            )
        })
    });
    c.bench_function("attachment_file/component", |b| {
        b.iter(|| {
            rules
                .attachments_check_file(black_box("invoice.pdf .exe"), &program, Lang::En)
                .unwrap()
        })
    });

    // Bounces: every mail of the labelled corpus in name order, or of the
    // repository's bounce vectors where the corpus is absent.
    let (source, bounces) = bounce_mails();
    eprintln!("bounce: {} {source} mails per iteration", bounces.len());
    c.bench_function("bounce/native", |b| {
        b.iter(|| {
            for m in &bounces {
                black_box(postvakt_core::bounce::parse(black_box(m)).ok());
            }
        })
    });
    c.bench_function("bounce/component", |b| {
        b.iter(|| {
            for m in &bounces {
                black_box(rules.bounce_parse(black_box(m)).unwrap().ok());
            }
        })
    });

    // A 10 MB message with 50 attachments, the last a program.
    let message = big_message(&program);
    let mut group = c.benchmark_group("message_10mb");
    group.sample_size(10);
    group.throughput(criterion::Throughput::Bytes(message.len() as u64));
    group.bench_function("native", |b| {
        b.iter(|| {
            postvakt_core::attachments::check_message(
                &profile.attachments,
                black_box(&message),
                Lang::En,
            )
        })
    });
    group.bench_function("component", |b| {
        b.iter(|| {
            rules
                .attachments_check_message(black_box(&message), Lang::En)
                .unwrap()
        })
    });
    group.finish();
}

/// A multipart message of about 10 MB: 49 documents of noise and a program.
fn big_message(program: &[u8]) -> Vec<u8> {
    use base64::Engine;
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut noise = |len: usize| -> Vec<u8> {
        (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect()
    };
    let mut m = String::from(
        "From: a@lyse.net\r\nTo: b@lyse.net\r\nSubject: big\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nHello\r\n",
    );
    for i in 0..50 {
        let (name, body) = if i == 49 {
            ("setup.exe".to_string(), program.to_vec())
        } else {
            (format!("report-{i}.pdf"), noise(150_000))
        };
        let encoded = base64::engine::general_purpose::STANDARD.encode(&body);
        m.push_str(&format!("--b\r\nContent-Type: application/octet-stream; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"));
        for line in encoded.as_bytes().chunks(76) {
            m.push_str(std::str::from_utf8(line).unwrap());
            m.push_str("\r\n");
        }
    }
    m.push_str("--b--\r\n");
    m.into_bytes()
}

/// Criterion's median for `id`: `a/b` is stored as `a_b` for a plain
/// function and as `a/b` inside a group.
fn estimate_ns(id: &str) -> Option<f64> {
    let dir = std::env::var("CARGO_TARGET_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../target").into());
    [id.replace('/', "_"), id.to_string()]
        .iter()
        .find_map(|name| {
            let path = format!("{dir}/criterion/{name}/new/estimates.json");
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
            v["median"]["point_estimate"].as_f64()
        })
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    benches(&mut c);
    c.final_summary();
    println!("\nnative vs through the component (median):");
    for kind in [
        "password",
        "totp_verify",
        "sending",
        "relay",
        "lifecycle",
        "quarantine",
        "forwarding",
        "attachment_file",
        "bounce",
        "message_10mb",
    ] {
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
