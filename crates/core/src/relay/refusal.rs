//! Why part of a transaction was refused, in words for people and in SMTP.

use crate::lang::{Lang, Text};
use crate::smtp::SmtpReply;

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
