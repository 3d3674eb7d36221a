//! A finding: one reason a rule was not met.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// One reason a rule was not met, ready to show a user.
///
/// `code` is stable and machine-readable (`too_short`, `missing_digit` …):
/// programs branch on it. `message` is for people, in the language asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable code, snake_case.
    pub code: Cow<'static, str>,
    /// The explanation, in the requested language.
    pub message: String,
}
