//! Stored state as text: what callers keep between decisions.
//!
//! State that a caller stores (in memory, Redis, a Durable Object, D1) is the
//! core's serde JSON. Callers treat it as opaque text: they store what a
//! decision returns and pass it back next time. An empty string is the
//! state of an account never seen before, so a store needs no
//! initialisation.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Largest state text accepted: state is pruned to a bounded size, so
/// anything larger is not postvakt's and is refused before it is parsed.
pub const MAX_STATE_BYTES: usize = 1 << 20;

/// Why stored state could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StateError {
    /// The text is not state this version of postvakt wrote.
    #[error("stored state is not valid: {problem}")]
    Invalid {
        /// What is wrong, from the JSON parser.
        problem: String,
    },
    /// The text is larger than [`MAX_STATE_BYTES`].
    #[error("stored state is {bytes} bytes, more than the {MAX_STATE_BYTES} allowed")]
    TooLarge {
        /// Its size.
        bytes: usize,
    },
}

impl StateError {
    /// The stable code: `invalid_state` or `state_too_large`.
    pub fn code(&self) -> &'static str {
        match self {
            StateError::Invalid { .. } => "invalid_state",
            StateError::TooLarge { .. } => "state_too_large",
        }
    }
}

/// Reads stored state; the empty (or all-blank) text is the default state.
pub fn load<T: DeserializeOwned + Default>(text: &str) -> Result<T, StateError> {
    if text.len() > MAX_STATE_BYTES {
        return Err(StateError::TooLarge { bytes: text.len() });
    }
    if text.trim().is_empty() {
        return Ok(T::default());
    }
    serde_json::from_str(text).map_err(|e| StateError::Invalid {
        problem: e.to_string(),
    })
}

/// The text to store for `state`.
pub fn save<T: Serialize>(state: &T) -> String {
    // Serialising plain structs of strings, numbers and maps with string keys
    // cannot fail; an empty state is the safe fallback all the same.
    serde_json::to_string(state).unwrap_or_default()
}
