//! The `lifecycle` interface.

use postvakt_core::lifecycle::{
    self, AccountLifecycle, AccountState, LifecycleError, LifecycleEvent,
};

use crate::Component;
use crate::bindings::exports::postvakt::mail::lifecycle::{self as wit, Guest};
use crate::bindings::exports::postvakt::mail::types::{Lang, ProfileBorrow};

fn error(e: LifecycleError) -> wit::Error {
    match e {
        LifecycleError::NotConfigured => wit::Error::NotConfigured,
        LifecycleError::NotDeactivated => wit::Error::NotDeactivated,
        LifecycleError::Deleted => wit::Error::Deleted,
        other => wit::Error::Other(other.to_string()),
    }
}

fn stored(state: &str) -> Result<AccountLifecycle, wit::Error> {
    AccountLifecycle::from_json(state).map_err(|e| wit::Error::InvalidState(e.to_string()))
}

impl Guest for Component {
    fn review(
        policy: ProfileBorrow<'_>,
        state: String,
        last_login: u64,
        now: u64,
        lang: Lang,
    ) -> Result<wit::AccountReview, wit::Error> {
        let profile: &postvakt_core::Profile = policy.get();
        let rules = lifecycle::policy(profile).map_err(error)?;
        let r = lifecycle::review(rules, &stored(&state)?, last_login, now);
        let lang = crate::lang(lang);
        let (state, days_before, deletion_at) = match r.state {
            AccountState::Active => (wit::AccountState::Active, None, None),
            AccountState::Notified { days_before } => {
                (wit::AccountState::Notified, Some(days_before), None)
            }
            AccountState::Deactivated { deletion_at, .. } => {
                (wit::AccountState::Deactivated, None, Some(deletion_at))
            }
            AccountState::Deleted { .. } => (wit::AccountState::Deleted, None, None),
        };
        Ok(wit::AccountReview {
            state,
            days_before,
            deletion_at,
            event: r.event.map(|e| match e {
                LifecycleEvent::Reactivated => wit::LifecycleEvent::Reactivated,
                LifecycleEvent::Notified => wit::LifecycleEvent::Notified,
                LifecycleEvent::Deactivated => wit::LifecycleEvent::Deactivated,
                LifecycleEvent::Deleted => wit::LifecycleEvent::Deleted,
            }),
            notices: r
                .notices
                .iter()
                .map(|n| wit::Notice {
                    days_before: n.days_before,
                    deactivation_at: n.deactivation_at,
                    message: n.message(lang),
                })
                .collect(),
            next_review_at: r.next_review_at,
            state_text: r.lifecycle.to_json(),
        })
    }

    fn restore(policy: ProfileBorrow<'_>, state: String, now: u64) -> Result<String, wit::Error> {
        let profile: &postvakt_core::Profile = policy.get();
        let rules = lifecycle::policy(profile).map_err(error)?;
        lifecycle::restore(rules, &stored(&state)?, now)
            .map(|l| l.to_json())
            .map_err(error)
    }
}
