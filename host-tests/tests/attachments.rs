//! The shared attachment vectors through the built component, compared with
//! the native core: same verdict, same findings, same messages.

use base64::Engine;
use postvakt_core::{Lang, Profile, attachments};
use postvakt_host::wit::attachments::{Decision, Verdict};
use postvakt_host::{ProfileSource, Rules};
use postvakt_host_tests::{plugin, vectors};
use serde_json::{Value, json};

/// Joins a vector's byte segments: `text`, `b64` and `zeros`.
fn bytes(segments: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    for seg in segments.as_array().unwrap() {
        if let Some(t) = seg.get("text") {
            out.extend_from_slice(t.as_str().unwrap().as_bytes());
        } else if let Some(b) = seg.get("b64") {
            let decoded = base64::engine::general_purpose::STANDARD.decode(b.as_str().unwrap());
            out.extend(decoded.unwrap());
        } else if let Some(n) = seg.get("zeros") {
            out.resize(out.len() + n.as_u64().unwrap() as usize, 0);
        } else {
            panic!("unknown segment {seg}");
        }
    }
    out
}

/// The component's decision in the core's JSON shape.
fn as_json(d: &Decision) -> Value {
    json!({
        "verdict": match d.verdict { Verdict::Accept => "accept", Verdict::Reject => "reject" },
        "findings": d.findings.iter().map(|f| json!({
            "path": f.path, "rule": f.rule, "name_shown": f.name_shown,
            "code": f.code, "message": f.message,
        })).collect::<Vec<_>>(),
    })
}

#[test]
fn component_matches_core_on_every_attachment_vector() {
    let plugin = plugin();
    let doc = vectors("attachments.json");
    let cases = doc["cases"].as_array().unwrap();
    for case in cases {
        let about = case["about"].as_str().unwrap();
        let name = case["profile"].as_str().unwrap();
        let rules_native = Profile::preset(name).unwrap().attachments;
        let lang = Lang::from_tag(case["lang"].as_str().unwrap());
        let mut rules = Rules::new(&plugin, ProfileSource::Preset(name.into())).unwrap();
        let (native, wasm) = if let Some(file) = case.get("file") {
            let (fname, content) = (file["name"].as_str().unwrap(), bytes(&file["content"]));
            (
                attachments::check_file(&rules_native, fname, &content, lang),
                rules.attachments_check_file(fname, &content, lang).unwrap(),
            )
        } else {
            let message = bytes(&case["message"]);
            (
                attachments::check_message(&rules_native, &message, lang),
                rules.attachments_check_message(&message, lang).unwrap(),
            )
        };
        assert_eq!(
            as_json(&wasm),
            serde_json::to_value(&native).unwrap(),
            "{about}"
        );
        assert_eq!(as_json(&wasm)["verdict"], case["verdict"], "{about}");
    }
    println!(
        "wasmtime: {} attachment vectors match the native core",
        cases.len()
    );
}
