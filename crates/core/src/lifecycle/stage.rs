//! The lifecycle's stages as types: each transition consumes one stage and
//! returns the next, so an illegal move (a deleted account coming back, a
//! deactivation that skips the notices' stage) does not compile.

use serde::{Deserialize, Serialize};

/// A notice that was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentNotice {
    /// The notice's days before deactivation (from the profile).
    pub days_before: u32,
    /// When it was sent (unix seconds).
    pub at: u64,
}

/// In use: no notice sent since the last activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Active {}

/// Inactive, and warned: one or more notices sent, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notified {
    /// The notices sent, in order.
    pub notices: Vec<SentNotice>,
}

/// Deactivated after every notice: restorable until deletion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deactivated {
    /// When it was deactivated.
    pub at: u64,
    /// The notices that preceded it.
    pub notices: Vec<SentNotice>,
}

/// Deleted with its mail, for good. There is no way out of this stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deleted {
    /// When it was deleted.
    pub at: u64,
}

impl Active {
    /// Sends the first notice.
    pub fn notify(self, notice: SentNotice) -> Notified {
        Notified {
            notices: vec![notice],
        }
    }
}

impl Notified {
    /// Sends the next notice.
    pub fn notify(mut self, notice: SentNotice) -> Notified {
        self.notices.push(notice);
        self
    }

    /// The account was used again: back to active, notices forgotten.
    pub fn reactivate(self) -> Active {
        Active {}
    }

    /// Deactivates (the caller has checked every notice was sent).
    pub fn deactivate(self, at: u64) -> Deactivated {
        Deactivated {
            at,
            notices: self.notices,
        }
    }
}

impl Deactivated {
    /// Restores the account.
    pub fn restore(self) -> Active {
        Active {}
    }

    /// Deletes it for good.
    pub fn delete(self, at: u64) -> Deleted {
        Deleted { at }
    }
}

/// One of the stages, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Stage {
    /// See [`Active`].
    Active(Active),
    /// See [`Notified`].
    Notified(Notified),
    /// See [`Deactivated`].
    Deactivated(Deactivated),
    /// See [`Deleted`].
    Deleted(Deleted),
}

impl Default for Stage {
    fn default() -> Stage {
        Stage::Active(Active {})
    }
}
