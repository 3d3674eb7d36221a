//! The policy interfaces (sending, relay, lifecycle, plans, forwarding,
//! quarantine) as methods on [`Rules`]. Records come back as the WIT types,
//! re-exported in [`crate::wit`]; stored state is opaque text to keep.

use postvakt_core::Lang;

use crate::Rules;
use crate::rules::wit_lang;
use crate::wit::{forwarding, lifecycle, plans, quarantine, relay, sending};

impl Rules {
    /// `sending.decide`: may the account with stored `state` send one
    /// message to `recipients` at `now`? Store the returned state.
    pub fn sending_decide(
        &mut self,
        state: &str,
        now: u64,
        recipients: &[String],
        lang: Lang,
    ) -> crate::Result<Result<sending::SendDecision, sending::Error>> {
        self.call(|s, b, p| {
            b.postvakt_mail_sending()
                .call_decide(s, p, state, now, recipients, wit_lang(lang))
        })
    }

    /// `relay.decide`: the verdicts on an SMTP envelope.
    pub fn relay_decide(
        &mut self,
        envelope: &relay::Envelope,
        lang: Lang,
    ) -> crate::Result<relay::RelayDecision> {
        self.call(|s, b, p| {
            b.postvakt_mail_relay()
                .call_decide(s, p, envelope, wit_lang(lang))
        })
    }

    /// `lifecycle.review`: the account's lifecycle state and notices due.
    pub fn lifecycle_review(
        &mut self,
        state: &str,
        last_login: u64,
        now: u64,
        lang: Lang,
    ) -> crate::Result<Result<lifecycle::AccountReview, lifecycle::Error>> {
        self.call(|s, b, p| {
            b.postvakt_mail_lifecycle()
                .call_review(s, p, state, last_login, now, wit_lang(lang))
        })
    }

    /// `lifecycle.restore`: restores a deactivated account; the new state.
    pub fn lifecycle_restore(
        &mut self,
        state: &str,
        now: u64,
    ) -> crate::Result<Result<String, lifecycle::Error>> {
        self.call(|s, b, p| b.postvakt_mail_lifecycle().call_restore(s, p, state, now))
    }

    /// `plans.all`: the profile's plans.
    pub fn plans(&mut self) -> crate::Result<Vec<plans::Plan>> {
        self.call(|s, b, p| b.postvakt_mail_plans().call_all(s, p))
    }

    /// `plans.plan-for`: the smallest plan for `accounts`.
    pub fn plan_for(&mut self, accounts: u32) -> crate::Result<Option<plans::Plan>> {
        self.call(|s, b, p| b.postvakt_mail_plans().call_plan_for(s, p, accounts))
    }

    /// `plans.check-accounts`: does `plan` allow `accounts`?
    pub fn check_accounts(
        &mut self,
        plan: &str,
        accounts: u32,
    ) -> crate::Result<Result<(), plans::Error>> {
        self.call(|s, b, p| {
            b.postvakt_mail_plans()
                .call_check_accounts(s, p, plan, accounts)
        })
    }

    /// `plans.mailbox`: findings on a mailbox using `used_bytes`.
    pub fn mailbox(
        &mut self,
        used_bytes: u64,
        lang: Lang,
    ) -> crate::Result<Vec<postvakt_core::Finding>> {
        let found = self.call(|s, b, p| {
            b.postvakt_mail_plans()
                .call_mailbox(s, p, used_bytes, wit_lang(lang))
        })?;
        Ok(found.into_iter().map(crate::rules::finding).collect())
    }

    /// `forwarding.check`: a warning for a forwarding target, if any.
    pub fn forwarding_check(
        &mut self,
        target: &str,
        lang: Lang,
    ) -> crate::Result<Option<forwarding::ForwardingFinding>> {
        self.call(|s, b, p| {
            b.postvakt_mail_forwarding()
                .call_check(s, p, target, wit_lang(lang))
        })
    }

    /// `quarantine.issue`: a signed login link token for `account`.
    pub fn quarantine_issue(
        &mut self,
        key: &[u8],
        account: &str,
        now: u64,
    ) -> crate::Result<Result<String, quarantine::Error>> {
        self.call(|s, b, p| {
            b.postvakt_mail_quarantine()
                .call_issue(s, p, key, account, now)
        })
    }

    /// `quarantine.verify`: the claims of a token, or why it is refused.
    pub fn quarantine_verify(
        &mut self,
        key: &[u8],
        token: &str,
        now: u64,
        lang: Lang,
    ) -> crate::Result<Result<quarantine::LinkClaims, quarantine::LinkFailure>> {
        self.call(|s, b, p| {
            b.postvakt_mail_quarantine()
                .call_verify(s, p, key, token, now, wit_lang(lang))
        })
    }
}
