//! The `relay` interface.

use postvakt_core::relay::{self, Envelope, RelayRefusal, RelayVerdict};

use crate::Component;
use crate::bindings::exports::postvakt::mail::relay::{self as wit, Guest};
use crate::bindings::exports::postvakt::mail::types::{Lang, ProfileBorrow};

impl Guest for Component {
    fn decide(
        policy: ProfileBorrow<'_>,
        envelope: wit::Envelope,
        lang: Lang,
    ) -> wit::RelayDecision {
        let profile: &postvakt_core::Profile = policy.get();
        let lang = crate::lang(lang);
        let e = Envelope {
            account: envelope.account.as_deref(),
            aliases: &envelope.aliases,
            customer_domains: &envelope.customer_domains,
            mail_from: &envelope.mail_from,
            rcpt_to: &envelope.rcpt_to,
        };
        let d = relay::decide(profile, &e);
        let verdict = |v: RelayVerdict| wit::Verdict {
            message: v
                .refusal
                .as_ref()
                .map(|r| r.message(lang))
                .unwrap_or_default(),
            refusal: v.refusal.as_ref().map(refusal),
            reply: crate::smtp::reply(v.reply),
        };
        wit::RelayDecision {
            accepted: d.accepted(),
            sender: verdict(d.sender),
            recipients: d.recipients.into_iter().map(verdict).collect(),
        }
    }
}

fn refusal(r: &RelayRefusal) -> wit::RelayRefusal {
    match r {
        RelayRefusal::RelayDenied { .. } => wit::RelayRefusal::RelayDenied,
        RelayRefusal::BadAddress { .. } => wit::RelayRefusal::BadAddress,
        RelayRefusal::ForeignAccount { .. } => wit::RelayRefusal::ForeignAccount,
        // Non-exhaustive in the core: anything new is a sender refusal.
        _ => wit::RelayRefusal::SenderNotOwned,
    }
}
