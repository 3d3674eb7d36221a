//! Property test: the lifecycle's invariants over random timelines of
//! reviews, logins and restore attempts.

use postvakt_core::Profile;
use postvakt_core::calendar::{DAY, add_months};
use postvakt_core::lifecycle::{
    self, AccountLifecycle, AccountState, LifecycleError, LifecycleEvent,
};
use postvakt_core::profile::Lifecycle;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Event {
    /// Time passes (seconds), then a review.
    Review(u64),
    /// Time passes, then the user logs in (a host refuses logins to
    /// deactivated accounts, but the lifecycle must not care), then a review.
    Login(u64),
    /// Time passes, then someone tries to restore the account.
    Restore(u64),
}

fn gap() -> impl Strategy<Value = u64> {
    prop_oneof![0..3 * DAY, 0..20 * DAY, 0..200 * DAY, Just(0), Just(1)]
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        6 => gap().prop_map(Event::Review),
        1 => gap().prop_map(Event::Login),
        2 => gap().prop_map(Event::Restore),
    ]
}

fn policy() -> Lifecycle {
    Profile::preset("altibox").unwrap().lifecycle.unwrap()
}

/// What the test remembers of the current inactivity episode.
#[derive(Default)]
struct Episode {
    notices: Vec<(u32, u64)>,
    deactivated_at: Option<u64>,
}

fn kind(s: AccountState) -> (&'static str, u32) {
    match s {
        AccountState::Notified { days_before } => ("notified", days_before),
        other => (other.code(), 0),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn lifecycle_invariants(start in 1_600_000_000u64..1_900_000_000, events in prop::collection::vec(event(), 1..60)) {
        let policy = policy();
        let (mut now, mut last_login) = (start, start);
        let mut stored = AccountLifecycle::default();
        let mut state = lifecycle::review(&policy, &stored, last_login, now).state;
        let mut ep = Episode::default();
        let mut deleted = false;
        for e in events {
            let prev = state;
            match e {
                Event::Restore(dt) => {
                    now += dt;
                    let result = lifecycle::restore(&policy, &stored, now);
                    match (&stored.stage, &result) {
                        (lifecycle::Stage::Deactivated(d), Ok(_)) => {
                            prop_assert!(now < add_months(d.at, policy.restore_months));
                        }
                        (lifecycle::Stage::Deactivated(d), Err(LifecycleError::Deleted)) => {
                            prop_assert!(now >= add_months(d.at, policy.restore_months));
                        }
                        (lifecycle::Stage::Deleted(_), Err(LifecycleError::Deleted)) => {}
                        (lifecycle::Stage::Active(_) | lifecycle::Stage::Notified(_), Err(LifecycleError::NotDeactivated)) => {}
                        (stage, r) => prop_assert!(false, "restore from {stage:?} gave {r:?}"),
                    }
                    if let Ok(next) = result {
                        prop_assert!(!deleted, "a deleted account came back");
                        stored = next;
                        state = AccountState::Active;
                        ep = Episode::default();
                    }
                    continue;
                }
                Event::Login(dt) => {
                    now += dt;
                    last_login = now;
                }
                Event::Review(dt) => now += dt,
            }
            let r = lifecycle::review(&policy, &stored, last_login, now);

            // The stored form round-trips.
            prop_assert_eq!(AccountLifecycle::from_json(&r.lifecycle.to_json()).unwrap(), r.lifecycle.clone());
            // Reviewing again at the same time changes nothing.
            let again = lifecycle::review(&policy, &r.lifecycle, last_login, now);
            prop_assert_eq!(again.event, None);
            prop_assert_eq!(&again.lifecycle, &r.lifecycle);
            // The next step is in the future.
            if let Some(next) = r.next_review_at {
                prop_assert!(next > now);
            }
            prop_assert!(r.notices.len() <= 1);

            // Only legal transitions.
            let legal = match (kind(prev), kind(r.state)) {
                (a, b) if a == b => true,
                (("active", _), ("notified", 14)) => true,
                (("notified", 14), ("notified", 7)) => true,
                (("notified", _), ("active", _)) => r.event == Some(LifecycleEvent::Reactivated),
                (("notified", 7), ("deactivated", _)) => true,
                (("deactivated", _), ("deleted", _)) => true,
                _ => false,
            };
            prop_assert!(legal, "{prev:?} -> {:?} at {now}", r.state);
            if deleted {
                prop_assert!(matches!(r.state, AccountState::Deleted { .. }), "a deleted account came back");
            }

            match r.event {
                Some(LifecycleEvent::Reactivated) => ep = Episode::default(),
                Some(LifecycleEvent::Notified) => {
                    let n = r.notices[0];
                    // A notice never promises less than its days.
                    prop_assert!(n.deactivation_at >= now + u64::from(n.days_before) * DAY);
                    ep.notices.push((n.days_before, now));
                }
                Some(LifecycleEvent::Deactivated) => {
                    // Both notices, in order, each period honoured.
                    prop_assert_eq!(ep.notices.iter().map(|n| n.0).collect::<Vec<_>>(), vec![14, 7]);
                    let (n14, n7) = (ep.notices[0].1, ep.notices[1].1);
                    prop_assert!(n7 >= n14 + 7 * DAY);
                    prop_assert!(now >= n7 + 7 * DAY);
                    prop_assert!(now >= add_months(r.lifecycle.since, policy.inactive_months));
                    prop_assert!(last_login <= r.lifecycle.since);
                    ep.deactivated_at = Some(now);
                }
                Some(LifecycleEvent::Deleted) => {
                    prop_assert_eq!(ep.notices.len(), 2);
                    let at = ep.deactivated_at.expect("deleted without deactivation");
                    prop_assert!(now >= add_months(at, policy.restore_months));
                    deleted = true;
                }
                None => prop_assert!(r.notices.is_empty()),
            }
            stored = r.lifecycle;
            state = r.state;
        }
    }
}
