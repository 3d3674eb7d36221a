//! The `forwarding` interface.

use postvakt_core::forwarding::{self, ForwardingFinding};
use postvakt_core::profile::ForwardingAdvice;

use crate::Component;
use crate::bindings::exports::postvakt::mail::forwarding::{self as wit, Guest};
use crate::bindings::exports::postvakt::mail::types::{Lang, ProfileBorrow};

impl Guest for Component {
    fn check(
        policy: ProfileBorrow<'_>,
        target: String,
        lang: Lang,
    ) -> Option<wit::ForwardingFinding> {
        let f = forwarding::check(policy.get(), &target)?;
        let (provider, advice) = match &f {
            ForwardingFinding::StrictProvider { provider, advice } => (
                Some(provider.clone()),
                Some(match advice {
                    ForwardingAdvice::Pop3Fetch => wit::Advice::Pop3Fetch,
                }),
            ),
            _ => (None, None),
        };
        Some(wit::ForwardingFinding {
            code: f.code().to_string(),
            message: f.message(crate::lang(lang)),
            provider,
            advice,
        })
    }
}
