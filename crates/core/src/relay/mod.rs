//! Relay and sender rules: who may send what through the provider.
//!
//! - Without authentication, mail is accepted only for the provider's own
//!   domains: nobody relays through it anonymously.
//! - An authenticated account must itself live in the provider's domains,
//!   and may send only as itself or one of its aliases (the `MAIL FROM`).
//! - An authenticated account may write to anyone.
//!
//! "The provider's domains" are the profile's `[domains]` list; for a
//! provider whose customers bring their own domains (`kind = "customer"`)
//! the host passes the customer's domains in [`Envelope::customer_domains`].
//!
//! Every verdict carries the SMTP reply a mail server should give.

use std::borrow::Cow;

use crate::address;
use crate::profile::{Domains, Profile};
use crate::smtp::SmtpReply;

mod refusal;

pub use refusal::RelayRefusal;

/// What a mail server knows about one transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Envelope<'a> {
    /// The account that authenticated (SMTP AUTH), or `None`.
    pub account: Option<&'a str>,
    /// The account's aliases: addresses it may also send as.
    pub aliases: &'a [String],
    /// The customer's own domains, when the profile has `kind = "customer"`;
    /// ignored for a profile that lists its domains.
    pub customer_domains: &'a [String],
    /// The `MAIL FROM` address; empty for the null sender `<>`.
    pub mail_from: &'a str,
    /// The `RCPT TO` addresses.
    pub rcpt_to: &'a [String],
}

/// The verdict on one step: the sender, or one recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelayVerdict {
    /// Why it was refused; `None` when accepted.
    pub refusal: Option<RelayRefusal>,
    /// What the mail server replies.
    pub reply: SmtpReply,
}

impl RelayVerdict {
    fn from(result: Result<(), RelayRefusal>) -> RelayVerdict {
        match result {
            Ok(()) => RelayVerdict {
                refusal: None,
                reply: SmtpReply::ok(),
            },
            Err(r) => RelayVerdict {
                reply: r.reply(),
                refusal: Some(r),
            },
        }
    }

    /// Whether this step is accepted.
    pub fn accepted(&self) -> bool {
        self.refusal.is_none()
    }
}

/// The verdicts on a whole transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelayDecision {
    /// The reply to `MAIL FROM` (covers the account too).
    pub sender: RelayVerdict,
    /// The reply to each `RCPT TO`, in order.
    pub recipients: Vec<RelayVerdict>,
}

impl RelayDecision {
    /// Whether the message is accepted: the sender and every recipient are.
    /// (A server may instead deliver to the accepted recipients only, as
    /// SMTP allows; the per-recipient verdicts are there for that.)
    pub fn accepted(&self) -> bool {
        self.sender.accepted() && self.recipients.iter().all(RelayVerdict::accepted)
    }
}

/// Decides a whole transaction: the sender, then each recipient.
pub fn decide(profile: &Profile, envelope: &Envelope<'_>) -> RelayDecision {
    RelayDecision {
        sender: check_sender(profile, envelope),
        recipients: envelope
            .rcpt_to
            .iter()
            .map(|r| check_recipient(profile, envelope, r))
            .collect(),
    }
}

/// The verdict on `MAIL FROM`: for an authenticated account, whether the
/// account is the provider's and owns the sender address.
pub fn check_sender(profile: &Profile, envelope: &Envelope<'_>) -> RelayVerdict {
    RelayVerdict::from(sender(profile, envelope))
}

/// The verdict on one `RCPT TO`.
pub fn check_recipient(profile: &Profile, envelope: &Envelope<'_>, rcpt: &str) -> RelayVerdict {
    RelayVerdict::from(recipient(profile, envelope, rcpt))
}

fn sender(profile: &Profile, env: &Envelope<'_>) -> Result<(), RelayRefusal> {
    let Some(account) = env.account else {
        // Unauthenticated senders are judged by their recipients.
        return Ok(());
    };
    let foreign = || RelayRefusal::ForeignAccount {
        account: account.to_string(),
    };
    let account = address::canonical(account).ok_or_else(foreign)?;
    if !is_own(profile, env, address::domain(&account)) {
        return Err(foreign());
    }
    let not_owned = || RelayRefusal::SenderNotOwned {
        sender: bounded(env.mail_from).into_owned(),
    };
    // The null sender `<>` is for bounces, which servers send, not accounts.
    let from = address::canonical(env.mail_from).ok_or_else(not_owned)?;
    let owns = from == account
        || env
            .aliases
            .iter()
            .any(|a| address::canonical(a).as_deref() == Some(&from));
    if owns { Ok(()) } else { Err(not_owned()) }
}

fn recipient(profile: &Profile, env: &Envelope<'_>, rcpt: &str) -> Result<(), RelayRefusal> {
    let rcpt = address::canonical(rcpt).ok_or_else(|| RelayRefusal::BadAddress {
        address: bounded(rcpt).into_owned(),
    })?;
    let domain = address::domain(&rcpt);
    if env.account.is_some() || is_own(profile, env, domain) {
        Ok(())
    } else {
        Err(RelayRefusal::RelayDenied {
            domain: domain.to_string(),
        })
    }
}

// The provider's own domains: the profile's list, or the customer's.
fn is_own(profile: &Profile, env: &Envelope<'_>, domain: &str) -> bool {
    match profile.domains {
        Domains::Listed { .. } => profile.is_account_domain(domain),
        Domains::Customer => env.customer_domains.iter().any(|d| {
            let d = d.trim();
            d.strip_suffix('.')
                .unwrap_or(d)
                .eq_ignore_ascii_case(domain)
        }),
    }
}

// Input echoed into a message, cut to a sane length.
fn bounded(text: &str) -> Cow<'_, str> {
    let t = text.trim();
    if t.len() <= address::MAX_LEN {
        return Cow::Borrowed(t);
    }
    let end = t.floor_char_boundary(address::MAX_LEN);
    Cow::Owned(format!("{}…", &t[..end]))
}
