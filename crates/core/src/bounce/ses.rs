//! Amazon SES notifications (via SNS e-mail): a JSON document in the body
//! with `notificationType` (or `eventType`) Bounce, Complaint or Delivery.

use serde_json::Value;

use super::dsn::Recipient;
use super::mime::Original;
use super::{Kind, Record, body, fields, reason};

/// The JSON object in a body, line folds undone.
fn document(text: &str) -> Option<Value> {
    let start = text.find('{')?;
    let end = text.rfind('}')?;
    if end <= start {
        return None;
    }
    let raw = &text[start..=end];
    if !raw.contains("notificationType") && !raw.contains("eventType") {
        return None;
    }
    // SNS folds long lines; try the text as is, then with the folds removed.
    serde_json::from_str(raw)
        .ok()
        .or_else(|| serde_json::from_str(&raw.replace("\r\n ", "").replace("\n ", "")).ok())
        .or_else(|| serde_json::from_str(&raw.replace(['\r', '\n'], "")).ok())
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The sent message a notification is about, from its `mail` object:
/// the Message-ID, sender and subject its header fields gave
/// (`commonHeaders`, already decoded), the envelope sender (`source`)
/// where they name none. (`mail.messageId` is SES's own id, not the
/// message's.)
fn original(doc: &Value) -> Original {
    let Some(mail) = doc.get("mail") else {
        return Original::default();
    };
    let common = mail.get("commonHeaders").unwrap_or(&Value::Null);
    let from = common
        .get("from")
        .and_then(Value::as_array)
        .and_then(|f| f.first())
        .and_then(Value::as_str)
        // A field value as a header section holds it, line break and all.
        .map(|f| fields::first_mailbox(format!("{f}\n").as_bytes()))
        .filter(|f| !f.is_empty());
    let id = str_of(common, "messageId").trim();
    Original {
        message_id: id
            .strip_prefix('<')
            .and_then(|i| i.strip_suffix('>'))
            .unwrap_or(id)
            .to_string(),
        sender: from.unwrap_or_else(|| str_of(mail, "source").to_string()),
        subject: str_of(common, "subject").trim().to_string(),
        to: Vec::new(),
    }
}

/// Records of an SES notification, or `None` when the body is not one.
pub(super) fn records(text: &str) -> Option<(Kind, Vec<Record>)> {
    let mut doc = document(text)?;
    // Through SNS the notification is a JSON string inside an envelope.
    if let Some(inner) = doc.get("Message").and_then(Value::as_str) {
        doc = serde_json::from_str(inner).ok()?;
    }
    let kind = doc
        .get("notificationType")
        .or_else(|| doc.get("eventType"))
        .and_then(Value::as_str)?;
    let empty = Vec::new();
    let list = |obj: &str, key: &str| -> Vec<Value> {
        doc.get(obj)
            .and_then(|o| o.get(key))
            .and_then(Value::as_array)
            .unwrap_or(&empty)
            .clone()
    };
    let (kind, mut out) = match kind {
        "Bounce" => {
            let b = doc.get("bounce")?;
            let mut out = Vec::new();
            for r in list("bounce", "bouncedRecipients") {
                let (dtype, diag) = match str_of(&r, "diagnosticCode").split_once(';') {
                    Some((t, d)) if t.len() < 12 => {
                        (t.trim().to_ascii_uppercase(), d.trim().to_string())
                    }
                    _ => (String::new(), str_of(&r, "diagnosticCode").to_string()),
                };
                let rcpt = Recipient {
                    recipient: str_of(&r, "emailAddress").to_string(),
                    status: str_of(&r, "status").to_string(),
                    action: str_of(&r, "action").to_string(),
                    diagnostic: diag,
                    diagnostic_type: dtype,
                    // The server SES tried ("remoteMtaIp"); its
                    // "reportingMTA" is SES's own.
                    remote_mta: str_of(b, "remoteMtaIp").to_string(),
                    ..Recipient::default()
                };
                out.push(reason::finish(rcpt, body::Hint::default()));
            }
            (Kind::Delivery, out)
        }
        "Complaint" => {
            let ftype = doc
                .get("complaint")
                .map(|c| str_of(c, "complaintFeedbackType"))
                .unwrap_or("");
            let out = list("complaint", "complainedRecipients")
                .iter()
                .map(|r| Record::feedback(str_of(r, "emailAddress").to_string(), ftype))
                .collect();
            (Kind::Feedback, out)
        }
        "Delivery" => {
            let d = doc.get("delivery")?;
            let response = str_of(d, "smtpResponse").to_string();
            let out = list("delivery", "recipients")
                .iter()
                .filter_map(Value::as_str)
                .map(|addr| {
                    let rcpt = Recipient {
                        recipient: addr.to_string(),
                        action: "delivered".into(),
                        diagnostic: response.clone(),
                        remote_mta: str_of(d, "remoteMtaIp").to_string(),
                        ..Recipient::default()
                    };
                    reason::finish(rcpt, body::Hint::default())
                })
                .collect();
            (Kind::Delivery, out)
        }
        _ => return None,
    };
    let sent = original(&doc);
    for r in &mut out {
        sent.fill(r);
    }
    Some((kind, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_remote_mta_is_the_server_ses_tried_not_ses_itself() {
        // SES names its own sending host as the reporting MTA, and the
        // server it tried by address.
        let bounce = r#"{"notificationType":"Bounce","bounce":{"bounceType":"Permanent",
            "bouncedRecipients":[{"emailAddress":"per@example.org","action":"failed",
            "status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"}],
            "remoteMtaIp":"192.0.2.25","reportingMTA":"dsn; a1-2.smtp-out.amazonses.com"},
            "mail":{}}"#;
        let (kind, bounced) = records(bounce).expect("a notification");
        assert_eq!(kind, Kind::Delivery);
        assert_eq!(bounced[0].recipient, "per@example.org");
        assert_eq!(bounced[0].remote_mta, "192.0.2.25");
        // Without the address, the server is not known.
        let unnamed = bounce.replace(r#""remoteMtaIp":"192.0.2.25","#, "");
        assert_eq!(
            records(&unnamed).expect("a notification").1[0].remote_mta,
            ""
        );

        // The sent message, as the notification's header fields name it.
        let named = bounce.replace(
            r#""mail":{}"#,
            r#""mail":{"source":"bounces@example.net","messageId":"0100-ses-own-id",
                "commonHeaders":{"from":["Kari Nordmann <kari@example.net>"],
                "subject":"Møte på fredag","messageId":"<abc@example.net>"}}"#,
        );
        let r = &records(&named).expect("a notification").1[0];
        assert_eq!(
            (r.sender.as_str(), r.subject.as_str(), r.message_id.as_str()),
            ("kari@example.net", "Møte på fredag", "abc@example.net")
        );
        // Without header fields, the envelope sender.
        let envelope = bounce.replace(r#""mail":{}"#, r#""mail":{"source":"bounces@example.net"}"#);
        assert_eq!(
            records(&envelope).expect("a notification").1[0].sender,
            "bounces@example.net"
        );

        let delivery = r#"{"notificationType":"Delivery","delivery":{
            "recipients":["kari@example.org"],"smtpResponse":"250 ok",
            "remoteMtaIp":"192.0.2.26","reportingMTA":"a1-2.smtp-out.amazonses.com"},"mail":{}}"#;
        assert_eq!(
            records(delivery).expect("a notification").1[0].remote_mta,
            "192.0.2.26"
        );
    }
}
