//! mail-parser's own parse of every message given, and nothing else: the
//! reference `scripts/bench-bounce.sh` runs beside `postvakt bounce`, to
//! show what reading the MIME tree with the library the bounce issue names
//! costs before any bounce rule runs.
//!
//! `cargo run --release -p postvakt-core --example mime-peer -- PATH...`
//!
//! Each PATH is a file: one message, or an mbox (a file whose first line
//! is an mbox separator), split the way `postvakt bounce` splits it
//! ([`postvakt_core::mbox`]). Every message is parsed whole with
//! `MessageParser::default()`: header fields decoded, every part's body
//! decoded, attached messages parsed in turn. It prints to stderr how many
//! messages it parsed.

use std::hint::black_box;

use mail_parser::MessageParser;
use postvakt_core::mbox;

fn main() {
    let parser = MessageParser::default();
    let mut messages = 0usize;
    let mut parts = 0usize;
    for path in std::env::args_os().skip(1) {
        let raw = match std::fs::read(&path) {
            Ok(raw) => raw,
            Err(e) => {
                eprintln!("{}: {e}", path.to_string_lossy());
                std::process::exit(1);
            }
        };
        let first_line = raw.split(|&b| b == b'\n').next().unwrap_or_default();
        let one = [raw.as_slice()];
        let split = if mbox::is_separator(first_line) {
            mbox::messages(&raw)
        } else {
            one.to_vec()
        };
        for message in split {
            messages += 1;
            parts += parser
                .parse(black_box(message))
                .map_or(0, |m| m.parts.len());
        }
    }
    black_box(parts);
    eprintln!("{messages}");
}
