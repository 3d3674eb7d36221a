//! The shared attachment vectors against the native core: the reference
//! every other runtime (wasmtime, workerd, Chromium) is held to.

use base64::Engine;
use postvakt_core::attachments::{self, Decision};
use postvakt_core::{Lang, Profile};
use serde_json::Value;

/// Joins a vector's byte segments: `text`, `b64` and `zeros`.
fn bytes(segments: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    for seg in segments.as_array().unwrap() {
        if let Some(t) = seg.get("text") {
            out.extend_from_slice(t.as_str().unwrap().as_bytes());
        } else if let Some(b) = seg.get("b64") {
            out.extend(
                base64::engine::general_purpose::STANDARD
                    .decode(b.as_str().unwrap())
                    .unwrap(),
            );
        } else if let Some(n) = seg.get("zeros") {
            out.resize(out.len() + n.as_u64().unwrap() as usize, 0);
        } else {
            panic!("unknown segment {seg}");
        }
    }
    out
}

#[test]
fn attachment_vectors() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/attachments.json"
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 30);
    let mut failures = Vec::new();
    for case in cases {
        let about = case["about"].as_str().unwrap();
        let profile = Profile::preset(case["profile"].as_str().unwrap()).unwrap();
        let lang = Lang::from_tag(case["lang"].as_str().unwrap());
        let got: Decision = if let Some(file) = case.get("file") {
            let name = file["name"].as_str().unwrap();
            attachments::check_file(&profile.attachments, name, &bytes(&file["content"]), lang)
        } else {
            attachments::check_message(&profile.attachments, &bytes(&case["message"]), lang)
        };
        let got_json = serde_json::to_value(&got).unwrap();
        let verdict_ok = got_json["verdict"] == case["verdict"];
        let strip = |f: &Value| serde_json::json!({"path": f["path"], "code": f["code"], "rule": f["rule"], "name_shown": f["name_shown"]});
        let got_findings: Vec<Value> = got_json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(strip)
            .collect();
        let want_findings: Vec<Value> = case["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(strip)
            .collect();
        let mut ok = verdict_ok && got_findings == want_findings;
        if let Some(messages) = case.get("messages") {
            let got_messages: Vec<&str> = got.findings.iter().map(|f| f.message.as_str()).collect();
            let want: Vec<&str> = messages
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_str().unwrap())
                .collect();
            ok &= got_messages == want;
        }
        if !ok {
            failures.push(format!(
                "{about}:\n  want {}\n  got  {}",
                case["findings"],
                serde_json::to_string(&got).unwrap()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
