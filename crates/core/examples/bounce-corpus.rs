//! Parses a directory of mails over and over, for profilers: the
//! `scripts/profile-bounce.sh` harness runs it under cachegrind.
//!
//! `cargo run --release -p postvakt-core --example bounce-corpus -- DIR MODE N`
//!
//! Every mail (each `.eml` file of DIR) is read into memory and parsed
//! once first (the phrase tables and searchers are built then, on first
//! use). Then, by MODE:
//!
//! - `setup`: nothing more, so a profiler can take this cost off the others;
//! - `order`: the whole set, in name order, N times;
//! - `repeat`: each mail N times in a row before the next;
//! - `read`: the whole set, in name order, N times, through the parser's
//!   first step alone ([`bounce::read_only`]: the MIME tree read, nothing
//!   judged), to show how a parse's cost splits between the two.
//!
//! It prints how many mails it parsed after the first pass.

use std::hint::black_box;

use postvakt_core::bounce;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(mode), Some(n)) = (args.next(), args.next(), args.next()) else {
        eprintln!("usage: bounce-corpus DIR setup|order|repeat|read N");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N is a number");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("a readable directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "eml"))
        .collect();
    paths.sort();
    let mails: Vec<Vec<u8>> = paths
        .iter()
        .map(|p| std::fs::read(p).expect("a readable mail"))
        .collect();
    let parse = |m: &[u8]| bounce::parse(black_box(m)).map_or(0, |b| b.records.len());
    let mut records: usize = mails.iter().map(|m| parse(m)).sum();
    let mut parsed = 0;
    match mode.as_str() {
        "setup" => {}
        "order" => parsed = in_order(&mails, n, parse, &mut records),
        "repeat" => {
            for m in &mails {
                for _ in 0..n {
                    records += parse(m);
                    parsed += 1;
                }
            }
        }
        "read" => {
            let read = |m: &[u8]| usize::from(bounce::read_only(black_box(m)));
            parsed = in_order(&mails, n, read, &mut records);
        }
        other => {
            eprintln!("unknown mode {other}: setup, order, repeat or read");
            std::process::exit(2);
        }
    }
    black_box(records);
    println!("{parsed}");
}

/// Runs `step` over `mails` in order, `n` times, adding what it returns to
/// `records`; how many mails it ran on.
fn in_order(
    mails: &[Vec<u8>],
    n: usize,
    step: impl Fn(&[u8]) -> usize,
    records: &mut usize,
) -> usize {
    for _ in 0..n {
        for m in mails {
            *records += step(m);
        }
    }
    n * mails.len()
}
