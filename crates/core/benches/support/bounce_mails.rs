//! The bounce mails the benchmarks parse, shared by the core's bounce
//! benchmark and the host's component benchmark (each includes this file
//! with `#[path]`): the labelled Sisimai corpus in
//! `../shared/corpus/sisimai/eml` (never committed), or the repository's
//! bounce vectors where it is absent, in name order.

use std::path::Path;

/// The mails and which set they are: `corpus` or `vectors`.
pub fn bounce_mails() -> (&'static str, Vec<Vec<u8>>) {
    // Every crate is at crates/<name>: the repository is two levels up.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus = root.join("../shared/corpus/sisimai/eml");
    let (name, dir) = if corpus.is_dir() {
        ("corpus", corpus)
    } else {
        eprintln!(
            "corpus absent ({}): using tests/vectors/bounce",
            corpus.display()
        );
        ("vectors", root.join("tests/vectors/bounce"))
    };
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("mail directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    paths.sort();
    let mails = paths
        .iter()
        .map(|p| std::fs::read(p).expect("readable mail"))
        .collect();
    (name, mails)
}
