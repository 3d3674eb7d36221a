//! Bounce parsing: every mail of the Sisimai corpus (`../shared/corpus/
//! sisimai/eml`, when it is there) or else the project's own vector mails,
//! held in memory and parsed one after another. Criterion prints the time
//! for the whole set and the throughput in mails per second, beside: the
//! parser's first step alone (reading the MIME tree, nothing judged); two
//! yardsticks, mail-parser's full MIME parse of the same mails (the bounce
//! parser walks the MIME tree itself and skips the returned original's
//! body) and the reason phrase tables run once over each whole mail (what
//! reading every byte for phrases costs alone); and two ways of parsing
//! each mail again right after itself (how much of the time is the change
//! from one kind of mail to the next, and whether that is the mail's data
//! or the code's path); file reading and output are left to
//! `scripts/bench-bounce.sh`, which runs the CLI beside Sisimai and
//! flufl.bounce.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_main};
use postvakt_core::bounce;
use postvakt_core::bounce::reason::phrases;

#[path = "support/bounce_mails.rs"]
mod support;
use support::bounce_mails;

fn parse(c: &mut Criterion) {
    let (name, mails) = bounce_mails();
    let bytes: usize = mails.iter().map(Vec::len).sum();
    let mut g = c.benchmark_group("bounce");
    g.throughput(Throughput::Elements(mails.len() as u64));
    g.bench_function(
        format!("parse {} {name} mails ({bytes} bytes)", mails.len()),
        |b| {
            b.iter(|| {
                let mut records = 0;
                for m in &mails {
                    if let Ok(found) = bounce::parse(black_box(m)) {
                        records += found.records.len();
                    }
                }
                records
            })
        },
    );
    // The same mails, each parsed WARM times in a row before the next: the
    // branch predictor and the caches have learnt the mail's path after the
    // first parse. The gap to the set parsed in order is what a mail costs
    // for being unlike the one before it (code fetched and branches
    // mispredicted), not for the work done on it.
    const WARM: usize = 8;
    g.throughput(Throughput::Elements((mails.len() * WARM) as u64));
    g.bench_function(
        format!("parse each {name} mail {WARM} times in a row"),
        |b| {
            b.iter(|| {
                let mut records = 0;
                for m in &mails {
                    for _ in 0..WARM {
                        if let Ok(found) = bounce::parse(black_box(m)) {
                            records += found.records.len();
                        }
                    }
                }
                records
            })
        },
    );
    g.throughput(Throughput::Elements(mails.len() as u64));
    // Each mail parsed right after itself, only the second parse timed:
    // once as it is, once with OTHER bytes of other data read and written
    // between the two parses. The data evicts the mail and what its first
    // parse allocated from the L1 data cache and much of L2, but runs too
    // little code to disturb the instruction caches or the branch
    // predictor. The gap between the two is what the mail's data being
    // cached is worth; the rest of the gap to the set parsed in order is
    // the code's path (instructions fetched, branches mispredicted).
    const OTHER: usize = 1 << 20;
    let mut other = vec![1u8; OTHER];
    for touch in [0, OTHER] {
        let what = if touch == 0 {
            String::new()
        } else {
            format!(" and {} KiB of other data", touch >> 10)
        };
        g.bench_function(format!("parse each {name} mail after itself{what}"), |b| {
            b.iter_custom(|iters| {
                let mut timed = Duration::ZERO;
                for _ in 0..iters {
                    for m in &mails {
                        black_box(bounce::parse(black_box(m)).ok());
                        let mut sum = 0u8;
                        for byte in other[..touch].iter_mut().step_by(64) {
                            sum = sum.wrapping_add(*byte);
                            *byte = sum;
                        }
                        black_box(sum);
                        let start = Instant::now();
                        black_box(bounce::parse(black_box(m)).ok());
                        timed += start.elapsed();
                    }
                }
                timed
            })
        });
    }
    // Step 1 of the parse alone, in order: the MIME tree read and the
    // texts decoded as `parse` reads them, nothing judged. Beside the full
    // parse above, it splits the time between reading the mails and
    // judging them (finding recipients, codes and reasons).
    g.bench_function(
        format!(
            "read only (MIME walk, nothing judged), {} {name} mails",
            mails.len()
        ),
        |b| {
            b.iter(|| {
                mails
                    .iter()
                    .filter(|m| bounce::read_only(black_box(m)))
                    .count()
            })
        },
    );
    // A yardstick: mail-parser's full MIME parse (the same header choices
    // the bounce parser makes), every part decoded, the returned original's
    // body included.
    let parser = mail_parser::MessageParser::new()
        .default_header_ignore()
        .with_mime_headers()
        .header_text(mail_parser::HeaderName::Subject)
        .header_address(mail_parser::HeaderName::From)
        .header_address(mail_parser::HeaderName::To)
        .header_id(mail_parser::HeaderName::MessageId);
    g.bench_function(
        format!("mail-parser alone, {} {name} mails", mails.len()),
        |b| {
            b.iter(|| {
                let mut parts = 0;
                for m in &mails {
                    if let Some(msg) = parser.parse(black_box(m)) {
                        parts += msg.parts.len();
                    }
                }
                parts
            })
        },
    );
    // A second yardstick: every byte of each mail, lowered, through the
    // reason phrase tables once, and nothing else (no MIME, no fields, no
    // records). The parser runs the tables only over each recipient's
    // diagnostic; this is what running them over a whole mail in one pass
    // would cost on its own.
    g.bench_function(
        format!(
            "phrase tables over each whole mail alone, {} {name} mails",
            mails.len()
        ),
        |b| {
            b.iter(|| {
                mails
                    .iter()
                    .filter(|m| {
                        let lower = phrases::lower(&String::from_utf8_lossy(black_box(m)));
                        !phrases::scan(&lower, 0).is_empty()
                    })
                    .count()
            })
        },
    );
    g.finish();
}

fn benches() {
    let mut c = Criterion::default().configure_from_args();
    parse(&mut c);
}

criterion_main!(benches);
