//! Plans and mailboxes: accounts per plan, the quota and the retention
//! advice, from the profile's `[plans]` and `[mailbox]`.
//!
//! Quotas are in MB as mail servers count them: 1 MB = 1 048 576 bytes.

use std::borrow::Cow;

use crate::Finding;
use crate::lang::{Lang, Text};
use crate::profile::Profile;

/// Bytes in a quota MB.
pub const MB: u64 = 1 << 20;

/// One plan: its name and how many accounts it includes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The plan's name, as in the profile (`ALFA`, …).
    pub name: String,
    /// Accounts it includes.
    pub accounts: u32,
}

/// The profile's plans, smallest first (then by name).
pub fn plans(profile: &Profile) -> Vec<Plan> {
    let mut all: Vec<Plan> = profile
        .plans
        .iter()
        .map(|(name, &accounts)| Plan {
            name: name.clone(),
            accounts,
        })
        .collect();
    all.sort_by(|a, b| {
        a.accounts
            .cmp(&b.accounts)
            .then_with(|| a.name.cmp(&b.name))
    });
    all
}

/// The smallest plan with room for `accounts`; `None` when none has.
pub fn plan_for(profile: &Profile, accounts: u32) -> Option<Plan> {
    plans(profile).into_iter().find(|p| p.accounts >= accounts)
}

/// Why a number of accounts does not fit a plan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlanError {
    /// The profile has no plan of that name.
    #[error("no plan named {name:?}")]
    UnknownPlan {
        /// The name asked for.
        name: String,
    },
    /// The plan includes fewer accounts.
    #[error("plan {plan} includes {limit} accounts, not {wanted}")]
    Full {
        /// The plan.
        plan: String,
        /// Accounts it includes.
        limit: u32,
        /// Accounts wanted.
        wanted: u32,
    },
}

impl PlanError {
    /// The stable code: `unknown_plan` or `plan_full`.
    pub fn code(&self) -> &'static str {
        match self {
            PlanError::UnknownPlan { .. } => "unknown_plan",
            PlanError::Full { .. } => "plan_full",
        }
    }
}

/// Whether a customer on `plan` may have `accounts` accounts. Plan names
/// are matched case-insensitively.
pub fn check_accounts(profile: &Profile, plan: &str, accounts: u32) -> Result<(), PlanError> {
    let (name, &limit) = profile
        .plans
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(plan.trim()))
        .ok_or_else(|| PlanError::UnknownPlan {
            name: plan.to_string(),
        })?;
    if accounts > limit {
        return Err(PlanError::Full {
            plan: name.clone(),
            limit,
            wanted: accounts,
        });
    }
    Ok(())
}

/// Advice about one mailbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MailboxFinding {
    /// The mailbox holds more than its quota.
    OverQuota {
        /// The quota, in MB.
        quota_mb: u32,
    },
    /// Fetch mail within this many months: the server is not an archive.
    Retention {
        /// The profile's `retention_months`.
        months: u32,
    },
}

const OVER_QUOTA: Text = Text {
    en: "Your mailbox holds more than its {n} MB. Delete or fetch mail so new mail can arrive.",
    nb: "Postkassen din inneholder mer enn sine {n} MB. Slett eller hent e-post så ny e-post kan komme inn.",
    sv: "Din brevlåda innehåller mer än sina {n} MB. Radera eller hämta e-post så att ny e-post kan komma fram.",
    da: "Din postkasse indeholder mere end sine {n} MB. Slet eller hent e-mail, så ny e-mail kan komme frem.",
};
const RETENTION: Text = Text {
    en: "Fetch your mail to your own device within {n} months: the mail server is not an archive.",
    nb: "Hent e-posten til din egen enhet innen {n} måneder: e-postserveren er ikke et arkiv.",
    sv: "Hämta din e-post till din egen enhet inom {n} månader: e-postservern är inget arkiv.",
    da: "Hent din e-mail til din egen enhed inden for {n} måneder: mailserveren er ikke et arkiv.",
};

impl MailboxFinding {
    /// The stable code: `over_quota` or `retention`.
    pub fn code(self) -> &'static str {
        match self {
            MailboxFinding::OverQuota { .. } => "over_quota",
            MailboxFinding::Retention { .. } => "retention",
        }
    }

    /// The message for a user, in `lang`.
    pub fn message(self, lang: Lang) -> String {
        match self {
            MailboxFinding::OverQuota { quota_mb } => {
                OVER_QUOTA.get(lang).replace("{n}", &quota_mb.to_string())
            }
            MailboxFinding::Retention { months } => {
                RETENTION.get(lang).replace("{n}", &months.to_string())
            }
        }
    }

    /// This finding with its message in `lang`.
    pub fn to_finding(self, lang: Lang) -> Finding {
        Finding {
            code: Cow::Borrowed(self.code()),
            message: self.message(lang),
        }
    }
}

/// Advice for a mailbox holding `used_bytes`: over quota first, then the
/// retention advice. Empty for a profile without `[mailbox]`.
pub fn mailbox_findings(profile: &Profile, used_bytes: u64) -> Vec<MailboxFinding> {
    let Some(m) = profile.mailbox else {
        return vec![];
    };
    let mut findings = Vec::new();
    if used_bytes > u64::from(m.quota_mb) * MB {
        findings.push(MailboxFinding::OverQuota {
            quota_mb: m.quota_mb,
        });
    }
    findings.push(MailboxFinding::Retention {
        months: m.retention_months,
    });
    findings
}
