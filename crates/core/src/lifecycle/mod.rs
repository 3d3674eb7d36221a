//! The lifecycle of inactive accounts.
//!
//! From the profile's `[lifecycle]`: an account not used (logged into or
//! restored) for `inactive_months` is deactivated, after a notice
//! `notice_days` before (Altibox: 14 and 7 days); a deactivated account can
//! be restored for `restore_months`, then it is deleted with its mail and
//! can never come back. Months are calendar months ([`crate::calendar`]).
//!
//! The caller runs [`review`] now and then (daily, or at the
//! `next_review_at` it returns) with the last login and the stored
//! [`AccountLifecycle`]; it sends the notices due, applies the state, and
//! stores the new lifecycle *after* sending, so a crash re-sends rather than
//! skips a notice. Each review moves at most one step, and the schedule
//! never shortens a promise: a notice sent late pushes what follows back,
//! so the user always gets the full notice periods. In detail, with
//! notices `d₁ > d₂ > …` days and `D` = last activity + `inactive_months`:
//! - notice `i` is due at `max(D − dᵢ days, sent(i−1) + (dᵢ₋₁ − dᵢ) days)`;
//! - deactivation is due at `max(D, sent(last) + d_last days)`, and only
//!   once every notice was sent;
//! - deletion is due `restore_months` after deactivation;
//! - a login newer than the schedule's base, before deactivation, returns
//!   the account to active and forgets the notices; a deactivated account
//!   comes back only by [`restore`], which counts as activity.

mod notice;
mod stage;

use serde::{Deserialize, Serialize};

pub use notice::{AccountState, LifecycleError, Notice};
pub use stage::{Active, Deactivated, Deleted, Notified, SentNotice, Stage};

use crate::calendar::{add_days, add_months, sub_days};
use crate::profile::{Lifecycle, Profile};
use crate::state;

/// One account's lifecycle: the state callers store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountLifecycle {
    /// The stage and what it remembers.
    #[serde(default)]
    pub stage: Stage,
    /// The last activity (login or restore) the schedule counts from.
    #[serde(default)]
    pub since: u64,
}

impl AccountLifecycle {
    /// Reads stored state; `""` is an account with no history.
    pub fn from_json(text: &str) -> Result<AccountLifecycle, state::StateError> {
        state::load(text)
    }

    /// The text to store.
    pub fn to_json(&self) -> String {
        state::save(self)
    }

    /// The account's state under `policy`.
    pub fn state(&self, policy: &Lifecycle) -> AccountState {
        match &self.stage {
            Stage::Active(_) => AccountState::Active,
            Stage::Notified(n) => AccountState::Notified {
                days_before: n.notices.last().map_or(0, |s| s.days_before),
            },
            Stage::Deactivated(d) => AccountState::Deactivated {
                since: d.at,
                deletion_at: add_months(d.at, policy.restore_months),
            },
            Stage::Deleted(d) => AccountState::Deleted { since: d.at },
        }
    }
}

/// What changed in a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LifecycleEvent {
    /// A login newer than the notices: back to active.
    Reactivated,
    /// A notice is due (see [`Review::notices`]).
    Notified,
    /// The account is deactivated now: stop accepting logins and mail.
    Deactivated,
    /// The account is to be deleted now, with its mail, for good.
    Deleted,
}

impl LifecycleEvent {
    /// The stable code: `reactivated`, `notified`, `deactivated`, `deleted`.
    pub fn code(self) -> &'static str {
        match self {
            LifecycleEvent::Reactivated => "reactivated",
            LifecycleEvent::Notified => "notified",
            LifecycleEvent::Deactivated => "deactivated",
            LifecycleEvent::Deleted => "deleted",
        }
    }
}

/// The outcome of a review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// The account's state after the review.
    pub state: AccountState,
    /// What changed, if anything.
    pub event: Option<LifecycleEvent>,
    /// Notices to send now (at most one per review).
    pub notices: Vec<Notice>,
    /// When the next step falls due; `None` once deleted.
    pub next_review_at: Option<u64>,
    /// The lifecycle to store once the notices are sent.
    pub lifecycle: AccountLifecycle,
}

/// Reviews an account at `now`, given its last login (unix seconds; 0 if
/// never) and its stored lifecycle.
pub fn review(policy: &Lifecycle, stored: &AccountLifecycle, last_login: u64, now: u64) -> Review {
    let mut days: Vec<u32> = policy.notice_days.clone();
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    let since = stored.since.max(last_login);
    let reused = since > stored.since;
    let (stage, event, notices, next) = match stored.stage.clone() {
        Stage::Deleted(d) => (Stage::Deleted(d), None, vec![], None),
        Stage::Deactivated(d) => {
            let deletion_at = add_months(d.at, policy.restore_months);
            if now >= deletion_at {
                (
                    Stage::Deleted(d.delete(now)),
                    Some(LifecycleEvent::Deleted),
                    vec![],
                    None,
                )
            } else {
                (Stage::Deactivated(d), None, vec![], Some(deletion_at))
            }
        }
        Stage::Notified(n) if reused => {
            let (stage, _, notices, next) =
                inactive(policy, &days, Stage::Active(n.reactivate()), since, now);
            (stage, Some(LifecycleEvent::Reactivated), notices, next)
        }
        stage => inactive(policy, &days, stage, since, now),
    };
    let lifecycle = AccountLifecycle { stage, since };
    Review {
        state: lifecycle.state(policy),
        event,
        notices,
        next_review_at: next,
        lifecycle,
    }
}

type Step = (Stage, Option<LifecycleEvent>, Vec<Notice>, Option<u64>);

// Active or notified: the next notice, or deactivation, or nothing yet.
fn inactive(policy: &Lifecycle, days: &[u32], stage: Stage, since: u64, now: u64) -> Step {
    let base = add_months(since, policy.inactive_months);
    let sent: &[SentNotice] = match &stage {
        Stage::Notified(n) => &n.notices,
        _ => &[],
    };
    let last = sent.last().copied();
    if let Some(&d) = days.get(sent.len()) {
        let mut due = sub_days(base, d);
        if let Some(prev) = last {
            due = due.max(add_days(prev.at, prev.days_before.saturating_sub(d)));
        }
        if now < due {
            return (stage, None, vec![], Some(due));
        }
        let notice = SentNotice {
            days_before: d,
            at: now,
        };
        let planned = base.max(add_days(now, d));
        let told = Notice {
            days_before: d,
            last_activity: since,
            deactivation_at: planned,
            restore_months: policy.restore_months,
        };
        let next = match days.get(sent.len() + 1) {
            Some(&d2) => sub_days(base, d2).max(add_days(now, d - d2)),
            None => planned,
        };
        let stage = match stage {
            Stage::Notified(n) => Stage::Notified(n.notify(notice)),
            Stage::Active(a) => Stage::Notified(a.notify(notice)),
            other => other, // not reached: only active/notified come here
        };
        return (
            stage,
            Some(LifecycleEvent::Notified),
            vec![told],
            Some(next),
        );
    }
    // Every notice was sent (there is at least one: the profile demands it).
    let due = last.map_or(base, |l| base.max(add_days(l.at, l.days_before)));
    match stage {
        Stage::Notified(n) if now >= due => {
            let d = n.deactivate(now);
            let next = add_months(now, policy.restore_months);
            (
                Stage::Deactivated(d),
                Some(LifecycleEvent::Deactivated),
                vec![],
                Some(next),
            )
        }
        stage => (stage, None, vec![], Some(due)),
    }
}

/// Restores a deactivated account at `now`; the inactivity clock restarts
/// then. Fails for any other state, and once the restore period is over
/// (even before a review has deleted the account).
pub fn restore(
    policy: &Lifecycle,
    stored: &AccountLifecycle,
    now: u64,
) -> Result<AccountLifecycle, LifecycleError> {
    match stored.stage.clone() {
        Stage::Deactivated(d) if now < add_months(d.at, policy.restore_months) => {
            Ok(AccountLifecycle {
                stage: Stage::Active(d.restore()),
                since: now.max(stored.since),
            })
        }
        Stage::Deactivated(_) | Stage::Deleted(_) => Err(LifecycleError::Deleted),
        Stage::Active(_) | Stage::Notified(_) => Err(LifecycleError::NotDeactivated),
    }
}

/// The profile's lifecycle rules, or [`LifecycleError::NotConfigured`].
pub fn policy(profile: &Profile) -> Result<&Lifecycle, LifecycleError> {
    profile
        .lifecycle
        .as_ref()
        .ok_or(LifecycleError::NotConfigured)
}
