//! TOTP verification, natively, beside its floor and a peer:
//!
//! - `floor/hmac_sha1`: one HMAC-SHA1 of an 8-byte counter, keyed from
//!   scratch — the least any verifier must do.
//! - `postvakt/verify_current`: `totp::verify` of a code for the current
//!   step (the common case: one HMAC), altibox parameters (SHA1, 6 digits,
//!   30 s, skew 1).
//! - `postvakt/verify_wrong`: a wrong code, so all three steps are tried.
//! - `totp_rs/check_current`: totp-rs checking the same current code.
//!
//! After the runs it prints each one's ratio to the floor, from criterion's
//! own estimates. Run: `cargo bench -p postvakt-core --bench totp`.

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use hmac::{Hmac, Mac};
use postvakt_core::profile::TotpAlgorithm;
use postvakt_core::totp::{self, Params};

const SECRET: &[u8; 20] = b"12345678901234567890";
const NOW: u64 = 1_700_000_015;

fn benches(c: &mut Criterion) {
    let params = Params::new(TotpAlgorithm::Sha1, 6, 30, 1).unwrap();
    let code = totp::generate(SECRET, &params, NOW);
    let wrong = format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000);
    let counter = (NOW / 30).to_be_bytes();

    c.bench_function("floor/hmac_sha1", |b| {
        b.iter(|| {
            let mut mac = Hmac::<sha1::Sha1>::new_from_slice(black_box(SECRET)).unwrap();
            mac.update(black_box(&counter));
            mac.finalize().into_bytes()
        })
    });
    c.bench_function("postvakt/verify_current", |b| {
        b.iter(|| {
            totp::verify(
                black_box(SECRET),
                &params,
                black_box(&code),
                black_box(NOW),
                None,
            )
        })
    });
    c.bench_function("postvakt/verify_wrong", |b| {
        b.iter(|| {
            totp::verify(
                black_box(SECRET),
                &params,
                black_box(&wrong),
                black_box(NOW),
                None,
            )
        })
    });
    let peer = totp_rs::Builder::new()
        .with_algorithm(totp_rs::Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(SECRET.to_vec())
        .build()
        .unwrap();
    assert_eq!(
        peer.check(&code, NOW),
        Some(NOW / 30),
        "totp-rs disagrees on the code"
    );
    c.bench_function("totp_rs/check_current", |b| {
        b.iter(|| peer.check(black_box(&code), black_box(NOW)))
    });
}

/// Criterion's point estimate of the mean, in nanoseconds.
fn mean_ns(id: &str) -> Option<f64> {
    let dir = std::env::var("CARGO_TARGET_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../target").into());
    let path = format!("{dir}/criterion/{id}/new/estimates.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    json["mean"]["point_estimate"].as_f64()
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    benches(&mut c);
    c.final_summary();

    let Some(floor) = mean_ns("floor_hmac_sha1") else {
        return; // filtered run, or `--test`: nothing to compare
    };
    println!("\nratio to the floor (one HMAC-SHA1, {floor:.0} ns):");
    for id in [
        "postvakt_verify_current",
        "postvakt_verify_wrong",
        "totp_rs_check_current",
    ] {
        if let Some(ns) = mean_ns(id) {
            println!("  {id:<26} {ns:>8.0} ns  {:>5.2}×", ns / floor);
        }
    }
}
