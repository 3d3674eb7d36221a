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
use crate::lang::{Lang, Text};
use crate::profile::{Domains, Profile};
use crate::smtp::SmtpReply;

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

/// Why part of a transaction was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RelayRefusal {
    /// Unauthenticated mail to a domain that is not the provider's.
    RelayDenied {
        /// The recipient's domain.
        domain: String,
    },
    /// Not an address (no `@`, empty parts, too long).
    BadAddress {
        /// The text given.
        address: String,
    },
    /// The authenticated account is not in the provider's domains.
    ForeignAccount {
        /// The account.
        account: String,
    },
    /// The authenticated account may not send as this `MAIL FROM`.
    SenderNotOwned {
        /// The `MAIL FROM` given (empty for `<>`).
        sender: String,
    },
}

const RELAY_DENIED: Text = Text {
    en: "Log in to send mail to {d}: without logging in, only mail to this provider's own addresses is accepted.",
    nb: "Logg inn for å sende e-post til {d}: uten innlogging tas bare e-post til leverandørens egne adresser imot.",
    sv: "Logga in för att skicka e-post till {d}: utan inloggning tas bara e-post till leverantörens egna adresser emot.",
    da: "Log ind for at sende e-mail til {d}: uden login modtages kun e-mail til udbyderens egne adresser.",
};
const BAD_ADDRESS: Text = Text {
    en: "\"{a}\" is not an e-mail address.",
    nb: "«{a}» er ikke en e-postadresse.",
    sv: "”{a}” är inte en e-postadress.",
    da: "»{a}« er ikke en e-mailadresse.",
};
const FOREIGN_ACCOUNT: Text = Text {
    en: "The account {a} cannot send mail through this server.",
    nb: "Kontoen {a} kan ikke sende e-post gjennom denne serveren.",
    sv: "Kontot {a} kan inte skicka e-post via den här servern.",
    da: "Kontoen {a} kan ikke sende e-mail gennem denne server.",
};
const SENDER_NOT_OWNED: Text = Text {
    en: "You can only send as your own address or one of your aliases, not as \"{a}\".",
    nb: "Du kan bare sende som din egen adresse eller et av aliasene dine, ikke som «{a}».",
    sv: "Du kan bara skicka som din egen adress eller ett av dina alias, inte som ”{a}”.",
    da: "Du kan kun sende som din egen adresse eller et af dine aliasser, ikke som »{a}«.",
};

impl RelayRefusal {
    /// The stable code: `relay_denied`, `bad_address`, `foreign_account`,
    /// `sender_not_owned`.
    pub fn code(&self) -> &'static str {
        match self {
            RelayRefusal::RelayDenied { .. } => "relay_denied",
            RelayRefusal::BadAddress { .. } => "bad_address",
            RelayRefusal::ForeignAccount { .. } => "foreign_account",
            RelayRefusal::SenderNotOwned { .. } => "sender_not_owned",
        }
    }

    /// The message for the sender, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            RelayRefusal::RelayDenied { domain } => RELAY_DENIED.get(lang).replace("{d}", domain),
            RelayRefusal::BadAddress { address } => BAD_ADDRESS.get(lang).replace("{a}", address),
            RelayRefusal::ForeignAccount { account } => {
                FOREIGN_ACCOUNT.get(lang).replace("{a}", account)
            }
            RelayRefusal::SenderNotOwned { sender } => {
                SENDER_NOT_OWNED.get(lang).replace("{a}", sender)
            }
        }
    }

    /// What the mail server replies. All are permanent (5xx): retrying the
    /// same transaction cannot succeed.
    pub fn reply(&self) -> SmtpReply {
        match self {
            // Postfix's wording, which operators grep their logs for.
            RelayRefusal::RelayDenied { .. } => SmtpReply::new(554, "5.7.1", "Relay access denied"),
            RelayRefusal::BadAddress { .. } => SmtpReply::new(501, "5.1.3", "Bad address syntax"),
            RelayRefusal::ForeignAccount { .. } => SmtpReply::new(
                550,
                "5.7.1",
                "Account not permitted to send through this server",
            ),
            RelayRefusal::SenderNotOwned { .. } => {
                SmtpReply::new(553, "5.7.1", "Sender address rejected: not owned by user")
            }
        }
    }
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
    let mut end = address::MAX_LEN;
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}…", &t[..end]))
}
