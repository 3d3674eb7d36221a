//! The shared policy vectors (sending, relay, lifecycle, plans, forwarding,
//! quarantine) against the native core: the reference every other runtime
//! is held to. A failure names the case and step.

use postvakt_core::lifecycle::{self, AccountLifecycle};
use postvakt_core::quarantine;
use postvakt_core::relay::{self, Envelope, RelayVerdict};
use postvakt_core::sending::{self, SendWindow};
use postvakt_core::{Lang, Profile, forwarding, plans};
use serde_json::{Value, json};

fn vectors(name: &str) -> Vec<Value> {
    let path = format!("{}/../../tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    doc["cases"].as_array().unwrap().clone()
}

fn profile(case: &Value) -> Profile {
    Profile::preset(case["profile"].as_str().unwrap()).unwrap()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

fn lang(v: &Value) -> Lang {
    Lang::from_tag(v["lang"].as_str().unwrap_or("en"))
}

#[test]
fn sending_vectors() {
    let cases = vectors("sending.json");
    assert!(cases.len() >= 10);
    for case in &cases {
        let (name, profile) = (case["name"].as_str().unwrap(), profile(case));
        let mut state = case["state"].as_str().unwrap_or("").to_string();
        for (i, step) in case["steps"].as_array().unwrap().iter().enumerate() {
            let recipients = strings(&step["recipients"]);
            let want = &step["expect"];
            for n in 0..step["repeat"].as_u64().unwrap_or(1) {
                let now = step["now"].as_u64().unwrap() + n * step["every"].as_u64().unwrap_or(0);
                let window = SendWindow::from_json(&state).unwrap();
                let (d, next) = sending::decide(&profile, &window, now, &recipients);
                let mut got = json!({
                    "accepted": d.accepted(),
                    "code": d.reply.code,
                    "enhanced": d.reply.enhanced,
                });
                if let Some(r) = d.refusal {
                    got["refusal"] = json!(r.code());
                    got["retry_at"] = json!(d.retry_at);
                }
                if want.get("text").is_some() {
                    got["text"] = json!(d.reply.text);
                }
                if want.get("message").is_some() {
                    got["lang"] = want["lang"].clone();
                    got["message"] = json!(d.refusal.unwrap().message(lang(want)));
                }
                assert_eq!(&got, want, "{name}: step {i}, message {n} at {now}");
                state = next.to_json();
            }
        }
    }
}

fn relay_verdict(v: &RelayVerdict, want: &Value) -> Value {
    let mut got = json!({"code": v.reply.code, "enhanced": v.reply.enhanced});
    if let Some(r) = &v.refusal {
        got["refusal"] = json!(r.code());
    }
    if want.get("text").is_some() {
        got["text"] = json!(v.reply.text);
    }
    if let (Some(r), Some(_)) = (&v.refusal, want.get("message")) {
        got["lang"] = want["lang"].clone();
        got["message"] = json!(r.message(lang(want)));
    }
    got
}

#[test]
fn relay_vectors() {
    let cases = vectors("relay.json");
    assert!(cases.len() >= 10);
    for case in &cases {
        let (name, profile) = (case["name"].as_str().unwrap(), profile(case));
        let e = &case["envelope"];
        let (aliases, domains, rcpt) = (
            strings(&e["aliases"]),
            strings(&e["customer_domains"]),
            strings(&e["rcpt_to"]),
        );
        let envelope = Envelope {
            account: e["account"].as_str(),
            aliases: &aliases,
            customer_domains: &domains,
            mail_from: e["mail_from"].as_str().unwrap(),
            rcpt_to: &rcpt,
        };
        let d = relay::decide(&profile, &envelope);
        let want = &case["expect"];
        let wanted_rcpts = want["recipients"].as_array().unwrap();
        assert_eq!(d.recipients.len(), wanted_rcpts.len(), "{name}");
        let got = json!({
            "accepted": d.accepted(),
            "sender": relay_verdict(&d.sender, &want["sender"]),
            "recipients": d.recipients.iter().zip(wanted_rcpts).map(|(v, w)| relay_verdict(v, w)).collect::<Vec<_>>(),
        });
        assert_eq!(&got, want, "{name}");
    }
}

#[test]
fn lifecycle_vectors() {
    let cases = vectors("lifecycle.json");
    assert!(cases.len() >= 8);
    for case in &cases {
        let (name, profile) = (case["name"].as_str().unwrap(), profile(case));
        let mut state = String::new();
        for (i, step) in case["steps"].as_array().unwrap().iter().enumerate() {
            let want = &step["expect"];
            let now = step["now"].as_u64().unwrap();
            let stored = AccountLifecycle::from_json(&state).unwrap();
            let got = match lifecycle::policy(&profile) {
                Err(e) => json!({"error": e.code()}),
                Ok(policy) if step["op"] == "restore" => {
                    match lifecycle::restore(policy, &stored, now) {
                        Ok(next) => {
                            state = next.to_json();
                            json!({"ok": true})
                        }
                        Err(e) => json!({"ok": false, "error": e.code()}),
                    }
                }
                Ok(policy) => {
                    let r = lifecycle::review(
                        policy,
                        &stored,
                        step["last_login"].as_u64().unwrap(),
                        now,
                    );
                    state = r.lifecycle.to_json();
                    let mut got = json!({
                        "state": r.state.code(),
                        "event": r.event.map(|e| e.code()),
                        "notices": r.notices.iter().map(|n| json!({
                            "days_before": n.days_before, "deactivation_at": n.deactivation_at,
                        })).collect::<Vec<_>>(),
                        "next_review_at": r.next_review_at,
                    });
                    match r.state {
                        lifecycle::AccountState::Notified { days_before } => {
                            got["days_before"] = json!(days_before)
                        }
                        lifecycle::AccountState::Deactivated { deletion_at, .. } => {
                            got["deletion_at"] = json!(deletion_at)
                        }
                        _ => {}
                    }
                    if want.get("message").is_some() {
                        got["lang"] = want["lang"].clone();
                        got["message"] = json!(r.notices[0].message(lang(want)));
                    }
                    got
                }
            };
            assert_eq!(&got, want, "{name}: step {i} ({})", step["note"]);
        }
    }
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

#[test]
fn quarantine_vectors() {
    let cases = vectors("quarantine.json");
    assert!(cases.len() >= 15);
    for case in &cases {
        let (name, profile) = (case["name"].as_str().unwrap(), profile(case));
        let (key, now, want) = (
            hex(case["key_hex"].as_str().unwrap()),
            case["now"].as_u64().unwrap(),
            &case["expect"],
        );
        let result = if case["op"] == "issue" {
            quarantine::issue(&profile, &key, case["account"].as_str().unwrap(), now)
                .map(|t| json!({"token": t}))
        } else {
            quarantine::verify(&profile, &key, case["token"].as_str().unwrap(), now)
                .map(|c| json!({"account": c.account, "issued": c.issued, "expires": c.expires}))
        };
        let got = match result {
            Ok(v) => v,
            Err(e) => {
                let mut got = json!({"error": e.code()});
                match &e {
                    quarantine::LinkError::Expired { at, .. } => got["expired_at"] = json!(at),
                    quarantine::LinkError::Foreign { issuer } => got["issuer"] = json!(issuer),
                    _ => {}
                }
                if want.get("message").is_some() {
                    got["lang"] = want["lang"].clone();
                    got["message"] = json!(e.message(lang(want)));
                }
                got
            }
        };
        assert_eq!(&got, want, "{name}");
    }
}

#[test]
fn forwarding_vectors() {
    let cases = vectors("forwarding.json");
    assert!(cases.len() >= 10);
    for case in &cases {
        let (name, profile, want) = (
            case["name"].as_str().unwrap(),
            profile(case),
            &case["expect"],
        );
        let got = match forwarding::check(&profile, case["target"].as_str().unwrap()) {
            None => Value::Null,
            Some(f) => {
                let mut got = json!({"code": f.code()});
                if let forwarding::ForwardingFinding::StrictProvider { provider, advice } = &f {
                    got["provider"] = json!(provider);
                    got["advice"] = serde_json::to_value(advice).unwrap();
                }
                if want.get("message").is_some() {
                    got["lang"] = want["lang"].clone();
                    got["message"] = json!(f.message(lang(want)));
                }
                got
            }
        };
        assert_eq!(&got, want, "{name}");
    }
}

#[test]
fn plans_vectors() {
    let cases = vectors("plans.json");
    assert!(cases.len() >= 10);
    for case in &cases {
        let (name, profile, want) = (
            case["name"].as_str().unwrap(),
            profile(case),
            &case["expect"],
        );
        let plan = |p: plans::Plan| json!({"name": p.name, "accounts": p.accounts});
        let got = match case["op"].as_str().unwrap() {
            "plans" => json!(
                plans::plans(&profile)
                    .into_iter()
                    .map(plan)
                    .collect::<Vec<_>>()
            ),
            "plan_for" => {
                let accounts = case["accounts"].as_u64().unwrap() as u32;
                plans::plan_for(&profile, accounts).map_or(Value::Null, |p| json!(p.name))
            }
            "check_accounts" => {
                let accounts = case["accounts"].as_u64().unwrap() as u32;
                match plans::check_accounts(&profile, case["plan"].as_str().unwrap(), accounts) {
                    Ok(()) => json!({"ok": true}),
                    Err(e) => json!({"ok": false, "error": e.code()}),
                }
            }
            "mailbox" => json!(
                plans::mailbox_findings(&profile, case["used_bytes"].as_u64().unwrap())
                    .into_iter()
                    .map(|f| f.to_finding(lang(case)))
                    .collect::<Vec<_>>()
            ),
            op => panic!("{name}: unknown op {op}"),
        };
        assert_eq!(&got, want, "{name}");
    }
}
