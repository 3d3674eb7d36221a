//! The `attachments` interface.

use postvakt_core::attachments::{self, Decision as CoreDecision, Verdict as CoreVerdict};

use crate::Component;
use crate::bindings::exports::postvakt::mail::attachments::{
    AttachmentFinding, Decision, Guest, Verdict,
};
use crate::bindings::exports::postvakt::mail::types::{Lang, ProfileBorrow};

fn decision(d: CoreDecision) -> Decision {
    Decision {
        verdict: match d.verdict {
            CoreVerdict::Accept => Verdict::Accept,
            CoreVerdict::Reject => Verdict::Reject,
        },
        findings: d
            .findings
            .into_iter()
            .map(|f| AttachmentFinding {
                path: f.path,
                rule: f.rule.into_owned(),
                name_shown: f.name_shown,
                code: f.code.into_owned(),
                message: f.message,
            })
            .collect(),
    }
}

impl Guest for Component {
    fn check_message(rules: ProfileBorrow<'_>, message: Vec<u8>, lang: Lang) -> Decision {
        let profile: &postvakt_core::Profile = rules.get();
        decision(attachments::check_message(
            &profile.attachments,
            &message,
            crate::lang(lang),
        ))
    }

    fn check_file(
        rules: ProfileBorrow<'_>,
        name: String,
        contents: Vec<u8>,
        lang: Lang,
    ) -> Decision {
        let profile: &postvakt_core::Profile = rules.get();
        decision(attachments::check_file(
            &profile.attachments,
            &name,
            &contents,
            crate::lang(lang),
        ))
    }
}
