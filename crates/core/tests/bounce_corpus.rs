//! Accuracy of the bounce parser over the labelled corpus in
//! `../shared/corpus/sisimai/` (real bounces, labels from Sisimai 5's test
//! expectations). Prints the figures; fails below the floors of issue 4.
//!
//! Labels carry no addresses, so records are matched to labels per mail, in
//! any order: for each field, the multiset of our values is intersected with
//! the multiset of labelled values. Set `BOUNCE_CORPUS_VERBOSE=1` to list
//! every mail that differs. A file holding several reports in mbox form is
//! split by [`postvakt_core::mbox`], the rule the CLI splits by.
//!
//! `BOUNCE_CORPUS_DIR=DIR` measures another set laid out the same way
//! (`DIR/labels.json`, `DIR/eml/`), such as the held-out mails that
//! `scripts/check-bounce-heldout.sh` prepares; the figures are printed and
//! the floors, which are the for the corpus, are not applied.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use postvakt_core::{bounce, mbox};
use serde_json::Value;

const REASON_FLOOR: f64 = 95.0;
const HARD_FLOOR: f64 = 98.0;
const FOUND_FLOOR: f64 = 98.0;

/// How many of `want` are matched by distinct items of `got`.
fn overlap(got: &[String], want: &[String]) -> usize {
    let mut pool: Vec<&String> = got.iter().collect();
    let mut n = 0;
    for w in want {
        if let Some(i) = pool.iter().position(|g| *g == w) {
            pool.swap_remove(i);
            n += 1;
        }
    }
    n
}

#[test]
fn corpus_accuracy() {
    let other = std::env::var_os("BOUNCE_CORPUS_DIR").filter(|d| !d.is_empty());
    let floors = other.is_none();
    let dir = match other {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/sisimai"),
    };
    let Ok(labels) = std::fs::read_to_string(dir.join("labels.json")) else {
        eprintln!("bounce corpus not found at {}: skipping", dir.display());
        return;
    };
    let labels: BTreeMap<String, Vec<Value>> = serde_json::from_str(&labels).unwrap();
    let verbose = std::env::var_os("BOUNCE_CORPUS_VERBOSE").is_some();
    let fields = ["status", "reply", "reason", "hard"];
    let mut total = 0usize;
    let mut found = 0usize;
    // Records beyond a mail's labelled count: a sender or an example
    // address taken for a recipient. Labels carry no addresses, so this
    // is what can be counted of them.
    let mut extra = 0usize;
    let mut right = [0usize; 4];
    let mut all_right = 0usize;
    for (file, want) in &labels {
        let raw = match std::fs::read(dir.join("eml").join(file)) {
            Ok(r) => r,
            Err(_) => continue,
        };
        // A few corpus files are mboxes of several reports.
        let got: Vec<bounce::Record> = mbox::messages(&raw)
            .into_iter()
            .flat_map(|m| bounce::parse(m).map(|b| b.records).unwrap_or_default())
            .collect();
        total += want.len();
        found += got.len().min(want.len());
        extra += got.len().saturating_sub(want.len());
        let value = |r: &bounce::Record, f: &str| match f {
            "status" => r.status.clone(),
            "reply" => r.reply.clone(),
            "reason" => r.reason.name().to_string(),
            _ => r.hard.to_string(),
        };
        let label = |v: &Value, f: &str| match &v[f] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        for (i, f) in fields.iter().enumerate() {
            let g: Vec<String> = got.iter().map(|r| value(r, f)).collect();
            let w: Vec<String> = want.iter().map(|v| label(v, f)).collect();
            right[i] += overlap(&g, &w);
        }
        let key = |vals: [String; 4]| vals.join("|");
        let g: Vec<String> = got
            .iter()
            .map(|r| key(fields.map(|f| value(r, f))))
            .collect();
        let w: Vec<String> = want
            .iter()
            .map(|v| key(fields.map(|f| label(v, f))))
            .collect();
        let ok = overlap(&g, &w);
        all_right += ok;
        if verbose && (ok < w.len() || g.len() != w.len()) {
            println!("{file}\n  want {w:?}\n  got  {g:?}");
            for r in &got {
                println!(
                    "    {} [{}] {}",
                    r.recipient,
                    r.smtp_command,
                    r.diagnostic.chars().take(300).collect::<String>()
                );
            }
        }
    }
    assert!(total > 0, "the corpus has no labelled recipients");
    let pct = |n: usize| 100.0 * n as f64 / total as f64;
    println!(
        "bounce corpus: {} mails, {total} labelled recipients",
        labels.len()
    );
    println!("  found     {:6.2} %", pct(found));
    for (i, f) in fields.iter().enumerate() {
        println!("  {f:<9} {:6.2} %", pct(right[i]));
    }
    println!("  all four  {:6.2} %", pct(all_right));
    println!("  extra     {extra} records beyond the labelled recipients");
    if !floors {
        return;
    }
    assert!(
        pct(found) >= FOUND_FLOOR,
        "recipients found {:.2} % < {FOUND_FLOOR} %",
        pct(found)
    );
    assert!(
        pct(right[2]) >= REASON_FLOOR,
        "reason {:.2} % < {REASON_FLOOR} %",
        pct(right[2])
    );
    assert!(
        pct(right[3]) >= HARD_FLOOR,
        "hard {:.2} % < {HARD_FLOOR} %",
        pct(right[3])
    );
}
