//! mail-parser's own parse of every message given, and nothing else: the
//! reference `scripts/bench-bounce.sh` runs beside `postvakt bounce`, to
//! show what reading the MIME tree with the library the bounce issue names
//! costs before any bounce rule runs.
//!
//! `cargo run --release -p postvakt-core --example mime-peer -- PATH...`
//!
//! Each PATH is a file: one message, or an mbox, split into messages the
//! way `postvakt bounce` splits every file ([`postvakt_core::mbox`]); the
//! file is read whole, where `postvakt bounce` reads an mbox a chunk at a
//! time. Every message is parsed whole with `MessageParser::default()`:
//! header fields decoded, every part's body decoded, attached messages
//! parsed in turn. It prints to stderr how many messages it parsed.

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
        for message in mbox::messages(&raw) {
            messages += 1;
            parts += parser
                .parse(black_box(message))
                .map_or(0, |m| m.parts.len());
        }
    }
    black_box(parts);
    eprintln!("{messages}");
}
