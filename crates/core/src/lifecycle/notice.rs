//! What the lifecycle tells callers: states, notices and refusals.

use crate::calendar;
use crate::lang::{Lang, Text};

/// The account's state, as shown to operators and users.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountState {
    /// In use.
    Active,
    /// Warned: the latest notice sent was this many days before deactivation.
    Notified {
        /// That notice's days before deactivation (14, then 7 for Altibox).
        days_before: u32,
    },
    /// Deactivated: restorable until deletion.
    Deactivated {
        /// When it was deactivated.
        since: u64,
        /// When it will be deleted.
        deletion_at: u64,
    },
    /// Deleted for good.
    Deleted {
        /// When.
        since: u64,
    },
}

impl AccountState {
    /// The stable code: `active`, `notified`, `deactivated`, `deleted`.
    pub fn code(self) -> &'static str {
        match self {
            AccountState::Active => "active",
            AccountState::Notified { .. } => "notified",
            AccountState::Deactivated { .. } => "deactivated",
            AccountState::Deleted { .. } => "deleted",
        }
    }
}

/// A notice to send now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notice {
    /// Its days before deactivation, from the profile.
    pub days_before: u32,
    /// The last activity (login or restore) the schedule counts from.
    pub last_activity: u64,
    /// When the account will be deactivated unless it is used.
    pub deactivation_at: u64,
    /// Months it stays restorable after that.
    pub restore_months: u32,
}

const NOTICE: Text = Text {
    en: "Your e-mail account has not been used since {l}. Log in before {d} to keep it; otherwise it will be deactivated, and deleted with all its mail {r} months later.",
    nb: "E-postkontoen din har ikke vært brukt siden {l}. Logg inn før {d} for å beholde den; ellers blir den deaktivert, og slettet med all e-post {r} måneder senere.",
    sv: "Ditt e-postkonto har inte använts sedan {l}. Logga in före {d} för att behålla det; annars inaktiveras det och raderas med all e-post {r} månader senare.",
    da: "Din e-mailkonto har ikke været brugt siden {l}. Log ind før {d} for at beholde den; ellers bliver den deaktiveret og slettet med al e-mail {r} måneder senere.",
};

impl Notice {
    /// The notice's text, in `lang`, with dates as `YYYY-MM-DD` (UTC).
    pub fn message(&self, lang: Lang) -> String {
        NOTICE
            .get(lang)
            .replace("{l}", &iso_date(self.last_activity))
            .replace("{d}", &iso_date(self.deactivation_at))
            .replace("{r}", &self.restore_months.to_string())
    }
}

fn iso_date(unix: u64) -> String {
    let d = calendar::date_of(unix);
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// Why a lifecycle request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LifecycleError {
    /// The profile has no `[lifecycle]` section.
    #[error("the profile has no account lifecycle")]
    NotConfigured,
    /// Only a deactivated account can be restored; this one is not.
    #[error("only a deactivated account can be restored")]
    NotDeactivated,
    /// The account was deleted (or its restore period is over): it can
    /// never come back.
    #[error("the account was deleted and cannot be restored")]
    Deleted,
}

const NOT_CONFIGURED: Text = Text {
    en: "Accounts are not deactivated for inactivity here.",
    nb: "Kontoer deaktiveres ikke på grunn av inaktivitet her.",
    sv: "Konton inaktiveras inte på grund av inaktivitet här.",
    da: "Konti deaktiveres ikke på grund af inaktivitet her.",
};
const NOT_DEACTIVATED: Text = Text {
    en: "This account is not deactivated, so there is nothing to restore.",
    nb: "Denne kontoen er ikke deaktivert, så det er ingenting å gjenopprette.",
    sv: "Det här kontot är inte inaktiverat, så det finns inget att återställa.",
    da: "Denne konto er ikke deaktiveret, så der er intet at gendanne.",
};
const DELETED: Text = Text {
    en: "This account has been deleted with its mail and cannot be restored.",
    nb: "Denne kontoen er slettet med all e-post og kan ikke gjenopprettes.",
    sv: "Det här kontot har raderats med all e-post och kan inte återställas.",
    da: "Denne konto er slettet med al e-mail og kan ikke gendannes.",
};

impl LifecycleError {
    /// The stable code: `not_configured`, `not_deactivated` or `deleted`.
    pub fn code(self) -> &'static str {
        match self {
            LifecycleError::NotConfigured => "not_configured",
            LifecycleError::NotDeactivated => "not_deactivated",
            LifecycleError::Deleted => "deleted",
        }
    }

    /// The message for a user, in `lang`.
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            LifecycleError::NotConfigured => NOT_CONFIGURED.get(lang),
            LifecycleError::NotDeactivated => NOT_DEACTIVATED.get(lang),
            LifecycleError::Deleted => DELETED.get(lang),
        }
    }
}
