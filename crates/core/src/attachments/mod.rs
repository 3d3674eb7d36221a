//! The attachment rules of a profile.
//!
//! [`check_message`] walks a whole RFC 5322 message — every part, inline or
//! attached, and the parts of attached messages — and [`check_file`] checks
//! one file a user is about to attach. Each file is judged
//! - by name: the profile's `blocked_extensions`, after undoing disguises
//!   (see [`name`]);
//! - by content, whatever its name: the profile's `blocked_kinds` (see
//!   [`content`]);
//! - inside zip archives, recursively: member names and contents, encrypted
//!   members, and the profile's bounds on depth, members and expanded size,
//!   so a zip bomb is a finding rather than an outage.
//!
//! The answer is a [`Decision`]: a [`Verdict`] and one [`AttachmentFinding`]
//! per reason. Anything that cannot be inspected (an encrypted member, a
//! damaged archive) is refused: the rules fail closed.

mod archive;
pub mod content;
mod data;
mod inspect;
mod mime;
pub mod name;
mod reason;
#[cfg(test)]
mod tests;
#[cfg(test)]
#[path = "../../tests/common/zip.rs"]
mod testzip;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

pub use mime::MAX_MESSAGE_DEPTH;
pub use reason::Reason;

use crate::lang::Lang;
use crate::profile::AttachmentRules;

/// Accept or reject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// No rule was broken.
    Accept,
    /// At least one finding.
    Reject,
}

/// One reason found, before it is put into words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// Where: the MIME section (`2`, `3.1`; empty for a single file),
    /// followed by `!member` for each archive level (`2!docs/a.zip!x.exe`).
    pub path: String,
    /// The name as the user sees it (decoded, disguises drawn as drawn);
    /// empty for a part without a name.
    pub name_shown: String,
    /// Why.
    pub reason: Reason,
}

/// One reason an attachment is refused, ready to show a user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentFinding {
    /// Where, as in [`Flag::path`].
    pub path: String,
    /// The rule that decided: a key of the profile's `attachments` section
    /// (`blocked_extensions`, `blocked_kinds`, `archive_max_depth`,
    /// `archive_max_members`, `archive_max_uncompressed_mb`) or
    /// `uninspectable`.
    pub rule: Cow<'static, str>,
    /// The name as the user sees it; empty for a part without a name.
    pub name_shown: String,
    /// Stable code, snake_case (`blocked_extension`, `blocked_kind` …).
    pub code: Cow<'static, str>,
    /// The explanation, in the requested language.
    pub message: String,
}

/// The answer about a message or a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Accept or reject.
    pub verdict: Verdict,
    /// One finding per reason, in the order the parts were walked.
    pub findings: Vec<AttachmentFinding>,
}

impl Flag {
    /// This flag with its message in `lang`.
    pub fn to_finding(&self, lang: Lang) -> AttachmentFinding {
        AttachmentFinding {
            path: self.path.clone(),
            rule: Cow::Borrowed(self.reason.rule()),
            name_shown: self.name_shown.clone(),
            code: Cow::Borrowed(self.reason.code()),
            message: self.reason.message(&self.name_shown, &self.path, lang),
        }
    }
}

/// Every reason to refuse the file a user sees as `name`, with contents
/// `bytes`. `name` may still be RFC 2047 or RFC 2231 encoded.
pub fn inspect_file(rules: &AttachmentRules, name: &str, bytes: &[u8]) -> Vec<Flag> {
    let mut inspector = inspect::Inspector::new(rules);
    inspector.file("", Some(name), bytes);
    inspector.flags
}

/// Every reason to refuse the message `raw` (RFC 5322, CRLF or LF).
pub fn inspect_message(rules: &AttachmentRules, raw: &[u8]) -> Vec<Flag> {
    let mut inspector = inspect::Inspector::new(rules);
    let walked = mime::walk(raw, &mut |part| {
        inspector.file(&part.section, part.name, part.bytes)
    });
    if let Err(too_deep) = walked {
        let flag = Flag {
            path: too_deep.section,
            name_shown: String::new(),
            reason: Reason::MessageTooDeep {
                max: MAX_MESSAGE_DEPTH,
            },
        };
        inspector.flags.push(flag);
    }
    inspector.flags
}

fn decide(flags: Vec<Flag>, lang: Lang) -> Decision {
    let verdict = if flags.is_empty() {
        Verdict::Accept
    } else {
        Verdict::Reject
    };
    Decision {
        verdict,
        findings: flags.iter().map(|f| f.to_finding(lang)).collect(),
    }
}

/// [`inspect_file`] decided, with messages in `lang`: what adapters return.
pub fn check_file(rules: &AttachmentRules, name: &str, bytes: &[u8], lang: Lang) -> Decision {
    decide(inspect_file(rules, name, bytes), lang)
}

/// [`inspect_message`] decided, with messages in `lang`: what adapters return.
pub fn check_message(rules: &AttachmentRules, raw: &[u8], lang: Lang) -> Decision {
    decide(inspect_message(rules, raw), lang)
}
