//! The `sending` interface.

use postvakt_core::sending::{self, SendRefusal, SendWindow};

use crate::Component;
use crate::bindings::exports::postvakt::mail::sending::{self as wit, Guest};
use crate::bindings::exports::postvakt::mail::types::{Lang, ProfileBorrow};

impl Guest for Component {
    fn decide(
        policy: ProfileBorrow<'_>,
        state: String,
        now: u64,
        recipients: Vec<String>,
        lang: Lang,
    ) -> Result<wit::SendDecision, wit::Error> {
        let profile: &postvakt_core::Profile = policy.get();
        let window =
            SendWindow::from_json(&state).map_err(|e| wit::Error::InvalidState(e.to_string()))?;
        let (d, next) = sending::decide(profile, &window, now, &recipients);
        Ok(wit::SendDecision {
            accepted: d.accepted(),
            refusal: d.refusal.map(refusal),
            retry_at: d.retry_at,
            message: d
                .refusal
                .map(|r| r.message(crate::lang(lang)))
                .unwrap_or_default(),
            reply: crate::smtp::reply(d.reply),
            state: next.to_json(),
        })
    }
}

fn refusal(r: SendRefusal) -> wit::SendRefusal {
    match r {
        SendRefusal::Blocked { .. } => wit::SendRefusal::Blocked,
        SendRefusal::TooManyMessages { .. } => wit::SendRefusal::TooManyMessages,
        // The core's enum is non-exhaustive; new refusals are recipient-like
        // until WIT names them.
        _ => wit::SendRefusal::TooManyRecipients,
    }
}
