//! Golden files for the bounce parser: each mail in `tests/vectors/bounce/`
//! beside its expected JSON (the whole [`Bounce`]), checked with LF and
//! CRLF line endings. On a mismatch the test writes `NAME.json.failed`
//! beside the golden file, so reviewing a change is a diff. The same files
//! are read by the wasmtime and browser tests.
//!
//! `BOUNCE_VECTORS_WRITE=1` rewrites the golden files from the parser.

use std::path::{Path, PathBuf};

use postvakt_core::bounce::{self, Bounce};

/// The files of `tests/vectors/DIR` with one of the extensions `exts`, in
/// name order; at least `min` of them.
fn vectors(dir: &str, exts: &[&str], min: usize) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/vectors")
        .join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| exts.iter().any(|e| x == *e)))
        .collect();
    files.sort();
    assert!(
        files.len() >= min,
        "expected the vectors in {}",
        dir.display()
    );
    files
}

#[test]
fn bounce_golden_files() {
    let write = std::env::var_os("BOUNCE_VECTORS_WRITE").is_some();
    let mails = vectors("bounce", &["eml"], 5);
    let mut failed = Vec::new();
    for mail in mails {
        let raw = std::fs::read(&mail).unwrap();
        let golden = mail.with_extension("json");
        let got = bounce::parse(&raw).unwrap();
        let got_json = serde_json::to_string_pretty(&got).unwrap() + "\n";
        if write {
            std::fs::write(&golden, &got_json).unwrap();
            continue;
        }
        let want: Bounce =
            serde_json::from_str(&std::fs::read_to_string(&golden).unwrap()).unwrap();
        let crlf = String::from_utf8_lossy(&raw)
            .replace("\r\n", "\n")
            .replace('\n', "\r\n");
        let got_crlf = bounce::parse(crlf.as_bytes()).unwrap();
        let failed_path = golden.with_extension("json.failed");
        if got != want || got_crlf != want {
            let which = if got != want { &got } else { &got_crlf };
            std::fs::write(
                &failed_path,
                serde_json::to_string_pretty(which).unwrap() + "\n",
            )
            .unwrap();
            failed.push(mail.file_name().unwrap().to_string_lossy().into_owned());
        } else {
            let _ = std::fs::remove_file(&failed_path);
        }
    }
    assert!(
        failed.is_empty(),
        "golden mismatch (see *.json.failed): {failed:?}"
    );
}

/// What people paste or drop into the page, read by `parse_shown`: texts
/// copied out of a mail program (`.txt`) and mails Outlook saved (`.msg`,
/// written by the core's `outlook` unit tests), each beside its expected
/// JSON. `BOUNCE_VECTORS_WRITE=1` rewrites the JSON.
#[test]
fn shown_golden_files() {
    let write = std::env::var_os("BOUNCE_VECTORS_WRITE").is_some();
    let inputs = vectors("bounce-saved", &["txt", "msg"], 2);
    let mut failed = Vec::new();
    for input in inputs {
        let got = bounce::parse_shown(&std::fs::read(&input).unwrap()).unwrap();
        let golden = input.with_extension("json");
        if write {
            std::fs::write(&golden, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
            continue;
        }
        let want: Bounce =
            serde_json::from_str(&std::fs::read_to_string(&golden).unwrap()).unwrap();
        if got != want {
            failed.push((
                input.file_name().unwrap().to_string_lossy().into_owned(),
                got,
            ));
        }
    }
    assert!(failed.is_empty(), "golden mismatch: {failed:#?}");
}

#[test]
fn not_mail_and_empty_are_errors() {
    assert_eq!(bounce::parse(b"").unwrap_err().code(), "empty");
    assert_eq!(bounce::parse(b"   \n").unwrap_err().code(), "empty");
    // Text without a header section is either refused or not a bounce.
    assert!(bounce::parse(b"just some words without any header").map_or(true, |b| !b.is_bounce()));
}
