//! Forwarding advice: forwarding breaks at strict providers.
//!
//! Providers that check DKIM and DMARC strictly (the profile's
//! `forwarding.strict_providers`: Gmail, Outlook, Yahoo …) often reject
//! forwarded mail, since forwarding keeps the original sender's domain but
//! not its signatures' alignment. A forwarding target at such a provider (or
//! a subdomain of one) gets a warning and the profile's advice instead.

use std::borrow::Cow;

use crate::lang::{Lang, Text};
use crate::profile::{ForwardingAdvice, Profile};
use crate::{Finding, address};

/// A reason not to forward to a target.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ForwardingFinding {
    /// The target is at a strict provider.
    StrictProvider {
        /// The provider's domain, as listed in the profile.
        provider: String,
        /// What to do instead.
        advice: ForwardingAdvice,
    },
    /// The target is not an address.
    BadAddress {
        /// The text given.
        address: String,
    },
}

const POP3_FETCH: Text = Text {
    en: "{p} checks DKIM and DMARC strictly and often rejects forwarded mail. Instead of forwarding, let {p} fetch your mail by POP3: add this account in {p}'s settings.",
    nb: "{p} kontrollerer DKIM og DMARC strengt og avviser ofte videresendt e-post. I stedet for å videresende, la {p} hente e-posten din med POP3: legg til denne kontoen i innstillingene hos {p}.",
    sv: "{p} kontrollerar DKIM och DMARC strikt och avvisar ofta vidarebefordrad e-post. Låt i stället {p} hämta din e-post med POP3: lägg till det här kontot i inställningarna hos {p}.",
    da: "{p} kontrollerer DKIM og DMARC strengt og afviser ofte videresendt e-mail. Lad i stedet {p} hente din e-mail med POP3: tilføj denne konto i indstillingerne hos {p}.",
};
const BAD_ADDRESS: Text = Text {
    en: "\"{a}\" is not an e-mail address.",
    nb: "«{a}» er ikke en e-postadresse.",
    sv: "”{a}” är inte en e-postadress.",
    da: "»{a}« er ikke en e-mailadresse.",
};

impl ForwardingFinding {
    /// The stable code: `strict_provider` or `bad_address`.
    pub fn code(&self) -> &'static str {
        match self {
            ForwardingFinding::StrictProvider { .. } => "strict_provider",
            ForwardingFinding::BadAddress { .. } => "bad_address",
        }
    }

    /// The warning and advice for a user, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ForwardingFinding::StrictProvider {
                provider,
                advice: ForwardingAdvice::Pop3Fetch,
            } => POP3_FETCH.get(lang).replace("{p}", provider),
            ForwardingFinding::BadAddress { address } => {
                BAD_ADDRESS.get(lang).replace("{a}", address)
            }
        }
    }

    /// This finding with its message in `lang`.
    pub fn to_finding(&self, lang: Lang) -> Finding {
        Finding {
            code: Cow::Borrowed(self.code()),
            message: self.message(lang),
        }
    }
}

/// What to tell a user who wants to forward to `target`; `None` when
/// nothing speaks against it (or the profile has no `[forwarding]`).
pub fn check(profile: &Profile, target: &str) -> Option<ForwardingFinding> {
    let Some(rules) = &profile.forwarding else {
        return None;
    };
    let Some(target) = address::canonical(target) else {
        let shown: String = target.trim().chars().take(address::MAX_LEN).collect();
        return Some(ForwardingFinding::BadAddress { address: shown });
    };
    let domain = address::domain(&target);
    rules
        .strict_providers
        .iter()
        .find(|p| address::within(domain, &p.to_ascii_lowercase()))
        .map(|p| ForwardingFinding::StrictProvider {
            provider: p.clone(),
            advice: rules.advice,
        })
}
