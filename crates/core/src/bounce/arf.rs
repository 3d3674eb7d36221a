//! Abuse and complaint feedback reports (RFC 5965): a recipient complained,
//! or a provider reports abuse. One record per reported recipient.

use super::Record;
use super::mime::Mail;

/// Records of a message/feedback-report part.
pub(super) fn records(report: &str, mail: &Mail) -> Vec<Record> {
    let mut feedback_type = String::new();
    let mut recipients: Vec<String> = Vec::new();
    let mut source = String::new();
    for line in report.lines().take(200) {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "feedback-type" => feedback_type = value.to_ascii_lowercase(),
            "original-rcpt-to" | "removal-recipient" => {
                let a = super::dsn::clean_address(value);
                if a.contains('@') && !recipients.iter().any(|r| r.eq_ignore_ascii_case(&a)) {
                    recipients.push(a);
                }
            }
            "source-ip" => source = value.to_string(),
            _ => {}
        }
    }
    if recipients.is_empty() {
        recipients = mail.original().to.iter().take(1).cloned().collect();
    }
    if recipients.is_empty() {
        recipients.push(String::new());
    }
    let diagnostic = if let Some(ip) = mail.complaint_source() {
        // The notice is the returned message and its subject alone.
        if source.is_empty() {
            source = ip.to_string();
        }
        super::body::one_line(&mail.subject, 400)
    } else {
        super::body::one_line(mail.report_text(), 400)
    };
    recipients
        .into_iter()
        .take(super::MAX_RECORDS)
        .map(|recipient| Record {
            diagnostic: diagnostic.clone(),
            remote_mta: source.clone(),
            ..Record::feedback(recipient, &feedback_type)
        })
        .collect()
}
