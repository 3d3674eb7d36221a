//! Sending limits per authenticated account over a rolling window.
//!
//! The profile's `[sending]` section gives the limits: at most
//! `max_recipients` distinct recipients and `max_messages` messages in any
//! rolling `window_minutes`. A message that would exceed either is refused
//! whole and starts a block of `block_minutes` during which every message
//! is refused. A profile without `[sending]` has no limits.
//!
//! Exactness at the edges, which the vectors pin down:
//! - an event at time `t` counts while `now < t + window`: a message sent at
//!   10:00:00 no longer counts at 11:00:00 with a 60-minute window;
//! - the `max_messages`-th message passes, the next one is refused;
//! - a recipient counts once however often it is written to within the
//!   window (and however it is capitalised); it counts from its *last* use;
//! - a block lasts while `now < blocked_until`.
//!
//! [`SendWindow`] is the state the caller keeps per account. It only holds
//! events still inside the window, so it stays small: at most
//! `max_messages` times and `max_recipients` addresses.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::profile::{Profile, SendingLimits};
use crate::smtp::SmtpReply;
use crate::{address, state};

mod refusal;

pub use refusal::SendRefusal;

/// What one account sent within the window: the state callers store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SendWindow {
    /// When each accepted message of the window was sent.
    #[serde(default)]
    messages: Vec<u64>,
    /// Each recipient of the window and when it was last written to.
    #[serde(default)]
    recipients: BTreeMap<String, u64>,
    /// Every message is refused while `now` is before this time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    blocked_until: Option<u64>,
}

impl SendWindow {
    /// Reads stored state; `""` is a fresh account.
    pub fn from_json(text: &str) -> Result<SendWindow, state::StateError> {
        state::load(text)
    }

    /// The text to store.
    pub fn to_json(&self) -> String {
        state::save(self)
    }

    /// Messages that count at `now` under a window of `window` seconds.
    pub fn messages_at(&self, now: u64, window: u64) -> usize {
        self.messages
            .iter()
            .filter(|&&t| counts(t, now, window))
            .count()
    }

    /// Distinct recipients that count at `now`.
    pub fn recipients_at(&self, now: u64, window: u64) -> usize {
        self.recipients
            .values()
            .filter(|&&t| counts(t, now, window))
            .count()
    }

    /// Forgets what no longer counts, so the state stays bounded.
    fn prune(&mut self, now: u64, window: u64) {
        self.messages.retain(|&t| counts(t, now, window));
        self.recipients.retain(|_, t| counts(*t, now, window));
        if self.blocked_until.is_some_and(|until| now >= until) {
            self.blocked_until = None;
        }
    }
}

// An event counts while now < t + window. An event "in the future" (a
// clock that went back) counts too: better to over-count than to reset.
fn counts(t: u64, now: u64, window: u64) -> bool {
    now < t.saturating_add(window)
}

/// The decision on one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendDecision {
    /// Why it was refused; `None` when accepted.
    pub refusal: Option<SendRefusal>,
    /// When the sender may try again; `None` when accepted.
    pub retry_at: Option<u64>,
    /// What the mail server replies.
    pub reply: SmtpReply,
}

impl SendDecision {
    /// Whether the message is accepted.
    pub fn accepted(&self) -> bool {
        self.refusal.is_none()
    }
}

/// Decides whether the account whose state is `window` may send one message
/// to `recipients` at `now` (unix seconds), and returns the state to store.
///
/// Recipients are compared in canonical form (see [`crate::address`]);
/// repeated ones count once. A refused message changes nothing but the
/// block.
pub fn decide(
    profile: &Profile,
    window: &SendWindow,
    now: u64,
    recipients: &[String],
) -> (SendDecision, SendWindow) {
    let Some(limits) = profile.sending else {
        let accept = SendDecision {
            refusal: None,
            retry_at: None,
            reply: SmtpReply::ok(),
        };
        return (accept, window.clone());
    };
    decide_with(&limits, window, now, recipients)
}

/// [`decide`] with the limits given directly.
pub fn decide_with(
    limits: &SendingLimits,
    window: &SendWindow,
    now: u64,
    recipients: &[String],
) -> (SendDecision, SendWindow) {
    let span = u64::from(limits.window_minutes) * 60;
    let mut next = window.clone();
    next.prune(now, span);

    if let Some(until) = next.blocked_until {
        let refusal = SendRefusal::Blocked {
            until,
            minutes_left: (until - now).div_ceil(60),
        };
        return (refuse(refusal, until), next);
    }

    let wanted: BTreeSet<String> = recipients.iter().map(|r| key(r)).collect();
    let new = wanted
        .iter()
        .filter(|r| !next.recipients.contains_key(*r))
        .count();
    let (window_minutes, block_minutes) = (limits.window_minutes, limits.block_minutes);
    let refusal = if next.messages.len() >= limits.max_messages as usize {
        Some(SendRefusal::TooManyMessages {
            limit: limits.max_messages,
            window_minutes,
            block_minutes,
        })
    } else if next.recipients.len() + new > limits.max_recipients as usize {
        Some(SendRefusal::TooManyRecipients {
            limit: limits.max_recipients,
            window_minutes,
            block_minutes,
        })
    } else {
        None
    };
    if let Some(refusal) = refusal {
        let until = now.saturating_add(u64::from(block_minutes) * 60);
        next.blocked_until = Some(until);
        return (refuse(refusal, until), next);
    }

    next.messages.push(now);
    for r in wanted {
        // Keep the later time should the clock have gone back.
        let last = next.recipients.entry(r).or_insert(now);
        *last = (*last).max(now);
    }
    (
        SendDecision {
            refusal: None,
            retry_at: None,
            reply: SmtpReply::ok(),
        },
        next,
    )
}

fn refuse(refusal: SendRefusal, until: u64) -> SendDecision {
    SendDecision {
        refusal: Some(refusal),
        retry_at: Some(until),
        reply: refusal.reply(),
    }
}

// Counting key: the canonical address, or for something that is not one
// (the relay rules refuse those) its trimmed lower-case text, bounded.
fn key(recipient: &str) -> String {
    address::canonical(recipient).unwrap_or_else(|| {
        let t = recipient.trim();
        t[..t.floor_char_boundary(address::MAX_LEN)].to_lowercase()
    })
}
