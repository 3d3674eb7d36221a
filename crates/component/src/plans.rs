//! The `plans` interface.

use postvakt_core::plans::{self, PlanError};

use crate::Component;
use crate::bindings::exports::postvakt::mail::plans::{self as wit, Guest};
use crate::bindings::exports::postvakt::mail::types::{Finding, Lang, ProfileBorrow};

fn plan(p: plans::Plan) -> wit::Plan {
    wit::Plan {
        name: p.name,
        accounts: p.accounts,
    }
}

impl Guest for Component {
    fn all(policy: ProfileBorrow<'_>) -> Vec<wit::Plan> {
        plans::plans(policy.get()).into_iter().map(plan).collect()
    }

    fn plan_for(policy: ProfileBorrow<'_>, accounts: u32) -> Option<wit::Plan> {
        plans::plan_for(policy.get(), accounts).map(plan)
    }

    fn check_accounts(
        policy: ProfileBorrow<'_>,
        name: String,
        accounts: u32,
    ) -> Result<(), wit::Error> {
        plans::check_accounts(policy.get(), &name, accounts).map_err(|e| match e {
            PlanError::UnknownPlan { name } => wit::Error::UnknownPlan(name),
            PlanError::Full { limit, .. } => wit::Error::PlanFull(limit),
            other => wit::Error::Other(other.to_string()),
        })
    }

    fn mailbox(policy: ProfileBorrow<'_>, used_bytes: u64, lang: Lang) -> Vec<Finding> {
        plans::mailbox_findings(policy.get(), used_bytes)
            .into_iter()
            .map(|f| {
                let f = f.to_finding(crate::lang(lang));
                Finding {
                    code: f.code.into_owned(),
                    message: f.message,
                }
            })
            .collect()
    }
}
