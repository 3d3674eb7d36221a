//! Bounce parsing through the built component, compared with the native
//! core: on the project's own vector mails, and on every mail of the
//! labelled corpus in `../shared/corpus/sisimai` when it is there.

use std::path::{Path, PathBuf};

use postvakt_core::Lang;
use postvakt_core::bounce;
use postvakt_host::wit::bounce::{Kind, Reason, Report};
use postvakt_host::{ProfileSource, Rules};
use postvakt_host_tests::{plugin, root};
use serde_json::{Value, json};

/// The component's report in the core's JSON shape.
fn as_json(r: &Report) -> Value {
    let kind = match r.kind {
        Kind::NotABounce => "not_a_bounce",
        Kind::Delivery => "delivery",
        Kind::Feedback => "feedback",
        Kind::AutoReply => "auto_reply",
    };
    json!({
        "kind": kind,
        "records": r.records.iter().map(|b| json!({
            "recipient": b.recipient, "status": b.status, "reply": b.reply,
            "reason": reason_name(b.reason), "hard": b.hard,
            "action": b.action, "diagnostic": b.diagnostic, "remote_mta": b.remote_mta,
            "smtp_command": b.smtp_command, "feedback_type": b.feedback_type,
            "message_id": b.message_id, "sender": b.sender, "subject": b.subject,
        })).collect::<Vec<_>>(),
    })
}

/// The WIT reason's name (`userunknown`), from its Debug form, which may
/// carry the type's name (`Reason::Userunknown`).
fn reason_name(r: Reason) -> String {
    let debug = format!("{r:?}");
    debug.rsplit("::").next().unwrap().to_lowercase()
}

fn mails(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    found.retain(|p| p.extension().is_some_and(|x| x == "eml"));
    found.sort();
    found
}

fn compare(rules: &mut Rules, files: &[PathBuf]) -> usize {
    let mut records = 0;
    for file in files {
        let raw = std::fs::read(file).unwrap();
        let native = bounce::parse(&raw).map(|b| serde_json::to_value(b).unwrap());
        let wasm = rules.bounce_parse(&raw).unwrap().map(|r| as_json(&r));
        match (native, wasm) {
            (Ok(n), Ok(w)) => {
                assert_eq!(w, n, "{}", file.display());
                records += n["records"].as_array().unwrap().len();
            }
            (Err(_), Err(_)) => {}
            (n, w) => panic!("{}: native {n:?}, component {w:?}", file.display()),
        }
    }
    records
}

#[test]
fn component_matches_core_on_the_vector_mails() {
    let mut rules = Rules::new(&plugin(), ProfileSource::Preset("altibox".into())).unwrap();
    let files = mails(&root().join("tests/vectors/bounce"));
    assert!(files.len() >= 5);
    let records = compare(&mut rules, &files);
    println!(
        "wasmtime: {} bounce vector mails ({records} records) match the native core",
        files.len()
    );
}

#[test]
fn component_matches_core_on_the_corpus() {
    let dir = root().join("../shared/corpus/sisimai/eml");
    let files = mails(&dir);
    if files.is_empty() {
        println!(
            "skipped: the Sisimai corpus is not at {} (CI has it; a clone may not)",
            dir.display()
        );
        return;
    }
    let mut rules = Rules::new(&plugin(), ProfileSource::Preset("altibox".into())).unwrap();
    let records = compare(&mut rules, &files);
    println!(
        "wasmtime: {} corpus mails ({records} records) match the native core",
        files.len()
    );
}

#[test]
fn advice_in_every_language() {
    let mut rules = Rules::new(&plugin(), ProfileSource::Preset("altibox".into())).unwrap();
    for lang in Lang::ALL {
        let native = bounce::advice::advice(bounce::Reason::UserUnknown, lang);
        let wasm = rules.bounce_advise(Reason::Userunknown, lang).unwrap();
        assert_eq!(wasm.explanation, native.explanation);
        assert_eq!(wasm.next_step, native.next_step);
        for (reason, wit) in [
            (bounce::Reason::UserUnknown, Reason::Userunknown),
            (bounce::Reason::MailboxFull, Reason::Mailboxfull),
            (bounce::Reason::OnHold, Reason::Onhold),
            (bounce::Reason::VirusDetected, Reason::Virusdetected),
        ] {
            let wasm = rules.bounce_reason_name(wit, lang).unwrap();
            assert_eq!(wasm, bounce::advice::name(reason, lang), "{reason:?}");
        }
        for (reason, wit) in [
            (bounce::Reason::Blocked, Reason::Blocked),
            (bounce::Reason::UserUnknown, Reason::Userunknown),
            (bounce::Reason::Expired, Reason::Expired),
        ] {
            for action in ["failed", "delayed", ""] {
                let native = bounce::advice::advice_for(reason, action, lang);
                let wasm = rules.bounce_advise_for(wit, action, lang).unwrap();
                assert_eq!(wasm.explanation, native.explanation, "{reason:?} {action}");
                assert_eq!(wasm.next_step, native.next_step, "{reason:?} {action}");
            }
        }
    }
}
