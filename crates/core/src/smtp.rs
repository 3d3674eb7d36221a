//! SMTP replies: what a mail server says when a rule decides.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One SMTP reply: the basic code (RFC 5321), the enhanced status code
/// (RFC 3463) and a short English text.
///
/// The text is ASCII and English on purpose: SMTP replies go to mail
/// programs and logs, not to people; user-facing explanations come from each
/// rule's `message(Lang)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmtpReply {
    /// Three-digit reply code: 2xx accepted, 4xx try later, 5xx refused.
    pub code: u16,
    /// Enhanced status code, e.g. `5.7.1`.
    pub enhanced: String,
    /// The human-readable part, ASCII, one line.
    pub text: String,
}

impl SmtpReply {
    /// A reply with these parts.
    pub fn new(code: u16, enhanced: &str, text: impl Into<String>) -> SmtpReply {
        SmtpReply {
            code,
            enhanced: enhanced.to_string(),
            text: text.into(),
        }
    }

    /// `250 2.0.0 Ok`, the reply to anything accepted.
    pub fn ok() -> SmtpReply {
        SmtpReply::new(250, "2.0.0", "Ok")
    }

    /// Whether this reply accepts (2xx).
    pub fn is_positive(&self) -> bool {
        (200..300).contains(&self.code)
    }

    /// Whether the client may try again later (4xx).
    pub fn is_transient(&self) -> bool {
        (400..500).contains(&self.code)
    }
}

impl fmt::Display for SmtpReply {
    /// The reply as a server sends it: `550 5.7.1 Relay access denied`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.code, self.enhanced, self.text)
    }
}
