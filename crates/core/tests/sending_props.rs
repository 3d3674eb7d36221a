//! Property test: the sending limits agree with a naive model that keeps
//! the whole history, over random timelines, with small limits so the edges
//! are hit often (and a block shorter than the window, so both orders of
//! expiry occur).

use std::collections::BTreeSet;

use postvakt_core::profile::SendingLimits;
use postvakt_core::sending::{self, SendWindow};
use proptest::prelude::*;

const LIMITS: SendingLimits = SendingLimits {
    max_recipients: 5,
    max_messages: 4,
    window_minutes: 10,
    block_minutes: 7,
};

/// Everything ever accepted, and the block.
#[derive(Default)]
struct Model {
    sent: Vec<(u64, BTreeSet<String>)>,
    blocked_until: u64,
}

impl Model {
    fn decide(&mut self, now: u64, recipients: &[String]) -> (bool, Option<u64>) {
        let window = u64::from(LIMITS.window_minutes) * 60;
        if now < self.blocked_until {
            return (false, Some(self.blocked_until));
        }
        let live: Vec<&(u64, BTreeSet<String>)> =
            self.sent.iter().filter(|(t, _)| now < t + window).collect();
        let mut distinct: BTreeSet<String> =
            live.iter().flat_map(|(_, r)| r.iter().cloned()).collect();
        let mine: BTreeSet<String> = recipients.iter().map(|r| r.to_ascii_lowercase()).collect();
        distinct.extend(mine.iter().cloned());
        if live.len() + 1 > LIMITS.max_messages as usize
            || distinct.len() > LIMITS.max_recipients as usize
        {
            self.blocked_until = now + u64::from(LIMITS.block_minutes) * 60;
            return (false, Some(self.blocked_until));
        }
        self.sent.push((now, mine));
        (true, None)
    }
}

fn step() -> impl Strategy<Value = (u64, Vec<String>)> {
    let gap = prop_oneof![
        Just(0u64),
        Just(1),
        0..120u64,
        0..700u64,
        Just(600),
        Just(420)
    ];
    let rcpt = (0..8u8).prop_map(|i| {
        if i % 3 == 0 {
            format!("R{i}@Example.org")
        } else {
            format!("r{i}@example.org")
        }
    });
    (gap, prop::collection::vec(rcpt, 0..4))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn agrees_with_the_naive_model(steps in prop::collection::vec(step(), 1..80)) {
        let mut now = 1_768_471_200u64;
        let (mut model, mut state) = (Model::default(), String::new());
        for (gap, recipients) in steps {
            now += gap;
            let window = SendWindow::from_json(&state).unwrap();
            let (d, next) = sending::decide_with(&LIMITS, &window, now, &recipients);
            let (accepted, retry_at) = model.decide(now, &recipients);
            prop_assert_eq!(d.accepted(), accepted, "at {}", now);
            prop_assert_eq!(d.retry_at, retry_at, "at {}", now);
            state = next.to_json();
            // Pruned: never more than the limits hold.
            prop_assert!(next.messages_at(0, u64::MAX) <= LIMITS.max_messages as usize);
            prop_assert!(next.recipients_at(0, u64::MAX) <= LIMITS.max_recipients as usize);
        }
    }
}
