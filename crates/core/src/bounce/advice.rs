//! What a user should make of a bounce: for each [`Reason`], its name as
//! a person reads it ([`name`]), a short explanation and the next step, in
//! every language postvakt speaks.
//!
//! Two families matter most to users: "check the address" (the address or
//! domain does not exist, or moved) and "contact support, quoting the whole
//! error" (anything about the sending side: blocks, spam, authentication,
//! server faults). The rest say what the recipient or sender can do. A
//! warning that delivery is still being retried needs nothing done yet,
//! whatever the reason ([`advice_for`]).

use serde::Serialize;

use super::{Reason, Record};
use crate::lang::{Lang, Text};

/// What to do next, as a stable code programs can branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Step {
    /// Check the address for typos; it does not exist as written.
    CheckAddress,
    /// Try again later; the problem may go away by itself.
    TryLater,
    /// Reach the recipient another way.
    ContactRecipient,
    /// Change the message (smaller, different content).
    ChangeMessage,
    /// Contact support and quote the whole error message.
    ContactSupport,
    /// Nothing to do.
    Nothing,
}

impl Step {
    /// The stable code, e.g. `check_address`.
    pub fn code(self) -> &'static str {
        match self {
            Step::CheckAddress => "check_address",
            Step::TryLater => "try_later",
            Step::ContactRecipient => "contact_recipient",
            Step::ChangeMessage => "change_message",
            Step::ContactSupport => "contact_support",
            Step::Nothing => "nothing",
        }
    }
}

/// Advice for one reason, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Advice {
    /// The reason advised on.
    pub reason: Reason,
    /// The reason's name as a person reads it ("Unknown address" for
    /// `userunknown`): see [`name`].
    pub name: &'static str,
    /// What to do next.
    pub step: Step,
    /// What happened, in plain words.
    pub explanation: &'static str,
    /// What to do, in plain words.
    pub next_step: &'static str,
}

const ADDRESS_WRONG: Text = Text {
    en: "The address does not exist at the receiving server.",
    nb: "Adressen finnes ikke hos mottakerens server.",
    sv: "Adressen finns inte hos mottagarens server.",
    da: "Adressen findes ikke hos modtagerens server.",
};
const DOMAIN_WRONG: Text = Text {
    en: "The domain after the @ does not exist or receives no mail.",
    nb: "Domenet etter @ finnes ikke eller tar ikke imot e-post.",
    sv: "Domänen efter @ finns inte eller tar inte emot e-post.",
    da: "Domænet efter @ findes ikke eller modtager ikke e-mail.",
};
const MOVED: Text = Text {
    en: "The recipient has moved to another address.",
    nb: "Mottakeren har byttet adresse.",
    sv: "Mottagaren har bytt adress.",
    da: "Modtageren har skiftet adresse.",
};
const CHECK_ADDRESS: Text = Text {
    en: "Check the address for typing errors, or ask the recipient for the right one.",
    nb: "Sjekk adressen for skrivefeil, eller spør mottakeren om riktig adresse.",
    sv: "Kontrollera adressen efter skrivfel, eller fråga mottagaren efter rätt adress.",
    da: "Tjek adressen for stavefejl, eller spørg modtageren om den rigtige adresse.",
};
const FULL: Text = Text {
    en: "The recipient's mailbox is full.",
    nb: "Mottakerens postkasse er full.",
    sv: "Mottagarens brevlåda är full.",
    da: "Modtagerens postkasse er fuld.",
};
const SUSPENDED: Text = Text {
    en: "The recipient's mailbox is disabled or not accepting mail.",
    nb: "Mottakerens postkasse er stengt eller tar ikke imot e-post.",
    sv: "Mottagarens brevlåda är avstängd eller tar inte emot e-post.",
    da: "Modtagerens postkasse er lukket eller modtager ikke e-mail.",
};
const FILTERED: Text = Text {
    en: "The recipient's mail filter refused the message.",
    nb: "Mottakerens e-postfilter avviste meldingen.",
    sv: "Mottagarens e-postfilter avvisade meddelandet.",
    da: "Modtagerens e-mailfilter afviste beskeden.",
};
const CONTACT_RECIPIENT: Text = Text {
    en: "Reach the recipient another way, or try again later.",
    nb: "Kontakt mottakeren på en annen måte, eller prøv igjen senere.",
    sv: "Kontakta mottagaren på annat sätt, eller försök igen senare.",
    da: "Kontakt modtageren på anden vis, eller prøv igen senere.",
};
const TOO_BIG: Text = Text {
    en: "The message is too large for the receiving server.",
    nb: "Meldingen er for stor for mottakerens server.",
    sv: "Meddelandet är för stort för mottagarens server.",
    da: "Beskeden er for stor til modtagerens server.",
};
const SMALLER: Text = Text {
    en: "Send it again with smaller attachments, or share large files by link.",
    nb: "Send den på nytt med mindre vedlegg, eller del store filer med en lenke.",
    sv: "Skicka igen med mindre bilagor, eller dela stora filer med en länk.",
    da: "Send den igen med mindre vedhæftninger, eller del store filer via et link.",
};
const DELAYED: Text = Text {
    en: "The receiving server could not be reached for a long time.",
    nb: "Mottakerens server har ikke vært tilgjengelig på lenge.",
    sv: "Mottagarens server har inte gått att nå på länge.",
    da: "Modtagerens server har ikke kunnet nås i lang tid.",
};
const NETWORK: Text = Text {
    en: "The receiving server could not be reached because of a network problem.",
    nb: "Mottakerens server kunne ikke nås på grunn av et nettverksproblem.",
    sv: "Mottagarens server gick inte att nå på grund av ett nätverksproblem.",
    da: "Modtagerens server kunne ikke nås på grund af et netværksproblem.",
};
const SERVER_FULL: Text = Text {
    en: "The receiving server is out of storage space.",
    nb: "Mottakerens server er tom for lagringsplass.",
    sv: "Mottagarens server har slut på lagringsutrymme.",
    da: "Modtagerens server er løbet tør for lagerplads.",
};
const RATE_LIMITED: Text = Text {
    en: "The receiving server is limiting how much mail it accepts from our server right now.",
    nb: "Mottakerens server begrenser hvor mye e-post den tar imot fra vår server akkurat nå.",
    sv: "Mottagarens server begränsar just nu hur mycket e-post den tar emot från vår server.",
    da: "Modtagerens server begrænser lige nu, hvor meget e-mail den modtager fra vores server.",
};
const TRY_LATER: Text = Text {
    en: "Try again later. If it keeps failing, contact support and quote the whole error message.",
    nb: "Prøv igjen senere. Hvis det fortsatt feiler, kontakt kundeservice og oppgi hele feilmeldingen.",
    sv: "Försök igen senare. Om det fortsätter att misslyckas, kontakta supporten och ange hela felmeddelandet.",
    da: "Prøv igen senere. Hvis det bliver ved med at fejle, så kontakt support og oplys hele fejlmeddelelsen.",
};
const SENDING_SIDE: Text = Text {
    en: "The receiving server refused mail from our server or about this message.",
    nb: "Mottakerens server avviste e-post fra vår server eller denne meldingen.",
    sv: "Mottagarens server avvisade e-post från vår server eller detta meddelande.",
    da: "Modtagerens server afviste e-mail fra vores server eller denne besked.",
};
const SENDER_BLOCKED: Text = Text {
    en: "The receiving server refuses mail from our server.",
    nb: "Mottakerens server avviser e-post fra vår server.",
    sv: "Mottagarens server avvisar e-post från vår server.",
    da: "Modtagerens server afviser e-mail fra vores server.",
};
const NOT_VERIFIED: Text = Text {
    en: "The receiving server could not verify that the message came from our server (SPF, DKIM or DMARC).",
    nb: "Mottakerens server kunne ikke bekrefte at meldingen kom fra vår server (SPF, DKIM eller DMARC).",
    sv: "Mottagarens server kunde inte bekräfta att meddelandet kom från vår server (SPF, DKIM eller DMARC).",
    da: "Modtagerens server kunne ikke bekræfte, at beskeden kom fra vores server (SPF, DKIM eller DMARC).",
};
const SENDER_REFUSED: Text = Text {
    en: "The receiving server refused the message because of its sender.",
    nb: "Mottakerens server avviste meldingen på grunn av avsenderen.",
    sv: "Mottagarens server avvisade meddelandet på grund av avsändaren.",
    da: "Modtagerens server afviste beskeden på grund af afsenderen.",
};
const SPAM: Text = Text {
    en: "The receiving server took the message for spam.",
    nb: "Mottakerens server oppfattet meldingen som søppelpost.",
    sv: "Mottagarens server bedömde meddelandet som skräppost.",
    da: "Modtagerens server vurderede beskeden som spam.",
};
const VIRUS: Text = Text {
    en: "The receiving server found a virus or an unsafe attachment in the message.",
    nb: "Mottakerens server fant virus eller et usikkert vedlegg i meldingen.",
    sv: "Mottagarens server hittade virus eller en osäker bilaga i meddelandet.",
    da: "Modtagerens server fandt virus eller en usikker vedhæftning i beskeden.",
};
const SERVER_ERROR: Text = Text {
    en: "The receiving server had an internal error.",
    nb: "Mottakerens server fikk en intern feil.",
    sv: "Mottagarens server fick ett internt fel.",
    da: "Modtagerens server fik en intern fejl.",
};
const CONTACT_SUPPORT: Text = Text {
    en: "Contact support and quote the whole error message.",
    nb: "Kontakt kundeservice og oppgi hele feilmeldingen.",
    sv: "Kontakta supporten och ange hela felmeddelandet.",
    da: "Kontakt support og oplys hele fejlmeddelelsen.",
};
const DELIVERED: Text = Text {
    en: "The message was delivered.",
    nb: "Meldingen ble levert.",
    sv: "Meddelandet levererades.",
    da: "Beskeden blev leveret.",
};
const FEEDBACK: Text = Text {
    en: "A recipient or provider reported the message as unwanted.",
    nb: "En mottaker eller leverandør meldte meldingen som uønsket.",
    sv: "En mottagare eller leverantör rapporterade meddelandet som oönskat.",
    da: "En modtager eller udbyder meldte beskeden som uønsket.",
};
const VACATION: Text = Text {
    en: "An automatic reply, such as an out-of-office message.",
    nb: "Et automatisk svar, for eksempel en fraværsmelding.",
    sv: "Ett automatiskt svar, till exempel ett frånvaromeddelande.",
    da: "Et automatisk svar, for eksempel en fraværsbesked.",
};
const NOTHING: Text = Text {
    en: "Nothing to do.",
    nb: "Du trenger ikke gjøre noe.",
    sv: "Du behöver inte göra något.",
    da: "Du behøver ikke gøre noget.",
};
const UNKNOWN: Text = Text {
    en: "The message could not be delivered for a reason the server did not make clear.",
    nb: "Meldingen kunne ikke leveres, og serveren oppga ingen tydelig grunn.",
    sv: "Meddelandet kunde inte levereras, och servern angav ingen tydlig orsak.",
    da: "Beskeden kunne ikke leveres, og serveren angav ingen tydelig grund.",
};

const NOT_YET: Text = Text {
    en: "The message has not been delivered yet, but the mail server is still trying to deliver it.",
    nb: "Meldingen er ikke levert ennå, men e-postserveren prøver fortsatt å levere den.",
    sv: "Meddelandet har inte levererats ännu, men e-postservern försöker fortfarande leverera det.",
    da: "Beskeden er ikke leveret endnu, men mailserveren prøver stadig at levere den.",
};
const WAIT: Text = Text {
    en: "Nothing to do yet. If it cannot be delivered in the end, you will get another message saying so.",
    nb: "Du trenger ikke gjøre noe ennå. Hvis den ikke kan leveres til slutt, får du en ny melding om det.",
    sv: "Du behöver inte göra något ännu. Om det inte går att leverera till slut får du ett nytt meddelande om det.",
    da: "Du behøver ikke gøre noget endnu. Hvis den ikke kan leveres til sidst, får du en ny besked om det.",
};

/// The advice for one recipient's record: see [`advice_for`].
pub fn for_record(record: &Record, lang: Lang) -> Advice {
    advice_for(record.reason, &record.action, lang)
}

/// The advice for a recipient whose report gave `reason` and `action`
/// (the record's own, e.g. `failed` or `delayed`).
///
/// A delivery still being retried (`delayed`: a warning such as
/// Postfix's "Delayed Mail (still being retried)", or Office 365's
/// "Delivery is delayed to these recipients") has lost nothing yet, so the
/// advice is to wait, whatever held the message up — also where the
/// warning says it has been held up for long (`expired`, as Sisimai files
/// it: resending now would only deliver it twice) — except where the
/// address itself is wrong (checking it helps at once). A message given up
/// on in the end has `failed`.
pub fn advice_for(reason: Reason, action: &str, lang: Lang) -> Advice {
    let a = advice(reason, lang);
    let retried = action.eq_ignore_ascii_case("delayed");
    if !retried || a.step == Step::CheckAddress {
        return a;
    }
    Advice {
        step: Step::Nothing,
        explanation: NOT_YET.get(lang),
        next_step: WAIT.get(lang),
        ..a
    }
}

/// The advice for `reason` in `lang`, whatever the action.
pub fn advice(reason: Reason, lang: Lang) -> Advice {
    use Reason::*;
    let (step, explanation, next) = match reason {
        UserUnknown => (Step::CheckAddress, ADDRESS_WRONG, CHECK_ADDRESS),
        HostUnknown | NotAccept => (Step::CheckAddress, DOMAIN_WRONG, CHECK_ADDRESS),
        HasMoved => (Step::CheckAddress, MOVED, CHECK_ADDRESS),
        MailboxFull => (Step::ContactRecipient, FULL, CONTACT_RECIPIENT),
        Suspend => (Step::ContactRecipient, SUSPENDED, CONTACT_RECIPIENT),
        Filtered => (Step::ContactRecipient, FILTERED, CONTACT_RECIPIENT),
        MesgTooBig | ExceedLimit => (Step::ChangeMessage, TOO_BIG, SMALLER),
        Expired => (Step::TryLater, DELAYED, TRY_LATER),
        NetworkError => (Step::TryLater, NETWORK, TRY_LATER),
        SystemFull => (Step::TryLater, SERVER_FULL, TRY_LATER),
        TooManyConn | Speeding => (Step::TryLater, RATE_LIMITED, TRY_LATER),
        Delivered => (Step::Nothing, DELIVERED, NOTHING),
        Feedback => (Step::ContactSupport, FEEDBACK, CONTACT_SUPPORT),
        Vacation => (Step::Nothing, VACATION, NOTHING),
        Undefined | OnHold => (Step::ContactSupport, UNKNOWN, CONTACT_SUPPORT),
        Blocked | BadReputation | RequirePtr => {
            (Step::ContactSupport, SENDER_BLOCKED, CONTACT_SUPPORT)
        }
        AuthFailure => (Step::ContactSupport, NOT_VERIFIED, CONTACT_SUPPORT),
        Rejected => (Step::ContactSupport, SENDER_REFUSED, CONTACT_SUPPORT),
        SpamDetected => (Step::ContactSupport, SPAM, CONTACT_SUPPORT),
        VirusDetected => (Step::ContactSupport, VIRUS, CONTACT_SUPPORT),
        SystemError | MailerError => (Step::ContactSupport, SERVER_ERROR, CONTACT_SUPPORT),
        // Content, policy, security, relaying, protocol: what the receiving
        // server would not take from us, said in general terms.
        _ => (Step::ContactSupport, SENDING_SIDE, CONTACT_SUPPORT),
    };
    Advice {
        reason,
        name: name(reason, lang),
        step,
        explanation: explanation.get(lang),
        next_step: next.get(lang),
    }
}

/// The reason's name as a person reads it, in `lang`: "Unknown address"
/// for `userunknown`, "Postkassen er full" for `mailboxfull` in
/// Norwegian. A page shows it where the code name (`Reason::name`) would
/// mean nothing to the user; the code stays what programs and support
/// staff go by.
pub fn name(reason: Reason, lang: Lang) -> &'static str {
    use Reason::*;
    let t = |en, nb, sv, da| Text { en, nb, sv, da }.get(lang);
    match reason {
        AuthFailure => t(
            "Sender not verified (SPF, DKIM, DMARC)",
            "Avsender ikke bekreftet (SPF, DKIM, DMARC)",
            "Avsändaren inte verifierad (SPF, DKIM, DMARC)",
            "Afsender ikke bekræftet (SPF, DKIM, DMARC)",
        ),
        BadReputation => t(
            "Poor sender reputation",
            "Dårlig omdømme for avsender",
            "Dåligt rykte för avsändaren",
            "Dårligt omdømme for afsender",
        ),
        // Sisimai's `blocked` covers a blocklisted address and a
        // greylisting delay alike: "refused" fits both, "blocked" only one.
        Blocked => t(
            "Sending server refused",
            "Avsenderserveren ble avvist",
            "Avsändarservern avvisades",
            "Afsenderserveren blev afvist",
        ),
        ContentError => t(
            "Malformed message",
            "Feil i meldingens oppbygning",
            "Fel i meddelandets uppbyggnad",
            "Fejl i beskedens opbygning",
        ),
        Delivered => t("Delivered", "Levert", "Levererat", "Leveret"),
        ExceedLimit => t(
            "Over the recipient's size limit",
            "Over mottakerens størrelsesgrense",
            "Över mottagarens storleksgräns",
            "Over modtagerens størrelsesgrænse",
        ),
        Expired => t(
            "Not delivered in time",
            "Ikke levert i tide",
            "Inte levererat i tid",
            "Ikke leveret i tide",
        ),
        Feedback => t(
            "Complaint report",
            "Klagerapport",
            "Klagomålsrapport",
            "Klagerapport",
        ),
        Filtered => t(
            "Refused by the recipient's filter",
            "Avvist av mottakerens filter",
            "Avvisat av mottagarens filter",
            "Afvist af modtagerens filter",
        ),
        HasMoved => t(
            "Address has moved",
            "Adressen er flyttet",
            "Adressen har flyttats",
            "Adressen er flyttet",
        ),
        HostUnknown => t(
            "Unknown domain",
            "Ukjent domene",
            "Okänd domän",
            "Ukendt domæne",
        ),
        MailboxFull => t(
            "Mailbox full",
            "Postkassen er full",
            "Brevlådan är full",
            "Postkassen er fuld",
        ),
        MailerError => t(
            "Delivery program failed",
            "Leveringsprogrammet feilet",
            "Leveransprogrammet misslyckades",
            "Leveringsprogrammet fejlede",
        ),
        MesgTooBig => t(
            "Message too big",
            "Meldingen er for stor",
            "Meddelandet är för stort",
            "Beskeden er for stor",
        ),
        NetworkError => t(
            "Network or DNS problem",
            "Nettverks- eller DNS-feil",
            "Nätverks- eller DNS-fel",
            "Netværks- eller DNS-fejl",
        ),
        NoRelaying => t(
            "Relaying refused",
            "Videresending avvist",
            "Vidarebefordran nekad",
            "Videresendelse afvist",
        ),
        NotAccept => t(
            "Domain accepts no mail",
            "Domenet tar ikke imot e-post",
            "Domänen tar inte emot e-post",
            "Domænet modtager ikke e-mail",
        ),
        NotCompliantRfc => t(
            "Message breaks the mail standard",
            "Meldingen bryter e-poststandarden",
            "Meddelandet bryter mot e-poststandarden",
            "Beskeden bryder e-mailstandarden",
        ),
        OnHold => t(
            "Cause not given",
            "Årsaken er ikke oppgitt",
            "Orsaken anges inte",
            "Årsagen er ikke oplyst",
        ),
        PolicyViolation => t(
            "Refused by the recipient's rules",
            "Avvist av mottakerens regler",
            "Avvisat av mottagarens regler",
            "Afvist af modtagerens regler",
        ),
        Rejected => t(
            "Sender address refused",
            "Avsenderadressen ble avvist",
            "Avsändaradressen avvisades",
            "Afsenderadressen blev afvist",
        ),
        RequirePtr => t(
            "Sending server lacks reverse DNS",
            "Avsenderserveren mangler omvendt DNS",
            "Avsändarservern saknar omvänd DNS",
            "Afsenderserveren mangler omvendt DNS",
        ),
        SecurityError => t(
            "Security requirement not met",
            "Sikkerhetskrav ikke oppfylt",
            "Säkerhetskrav inte uppfyllt",
            "Sikkerhedskrav ikke opfyldt",
        ),
        SpamDetected => t(
            "Taken for spam",
            "Oppfattet som søppelpost",
            "Bedömt som skräppost",
            "Opfattet som spam",
        ),
        Speeding => t(
            "Sending too fast",
            "Sender for fort",
            "Skickar för snabbt",
            "Sender for hurtigt",
        ),
        Suspend => t(
            "Mailbox closed",
            "Postkassen er stengt",
            "Brevlådan är avstängd",
            "Postkassen er lukket",
        ),
        SyntaxError => t(
            "SMTP syntax error",
            "SMTP-syntaksfeil",
            "SMTP-syntaxfel",
            "SMTP-syntaksfejl",
        ),
        SystemError => t(
            "Receiving server error",
            "Feil på mottakerserveren",
            "Fel på mottagarservern",
            "Fejl på modtagerserveren",
        ),
        SystemFull => t(
            "Receiving server out of space",
            "Mottakerserveren er full",
            "Mottagarservern är full",
            "Modtagerserveren er fuld",
        ),
        TooManyConn => t(
            "Too many connections",
            "For mange tilkoblinger",
            "För många anslutningar",
            "For mange forbindelser",
        ),
        UserUnknown => t(
            "Unknown address",
            "Ukjent adresse",
            "Okänd adress",
            "Ukendt adresse",
        ),
        Undefined => t(
            "Cause unknown",
            "Ukjent årsak",
            "Okänd orsak",
            "Ukendt årsag",
        ),
        Vacation => t(
            "Automatic reply",
            "Automatisk svar",
            "Automatiskt svar",
            "Automatisk svar",
        ),
        VirusDetected => t(
            "Virus found",
            "Virus funnet",
            "Virus hittat",
            "Virus fundet",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_every_language() {
        for r in Reason::ALL {
            for l in Lang::ALL {
                let a = advice(r, l);
                assert!(!a.explanation.is_empty() && !a.next_step.is_empty());
                assert_eq!(a.name, name(r, l));
            }
        }
        assert_eq!(
            advice(Reason::UserUnknown, Lang::En).step,
            Step::CheckAddress
        );
        assert_eq!(advice(Reason::Blocked, Lang::Nb).step, Step::ContactSupport);
    }

    #[test]
    fn every_reason_has_a_name_of_its_own_in_every_language() {
        for l in Lang::ALL {
            let mut seen = std::collections::HashSet::new();
            for r in Reason::ALL {
                let n = name(r, l);
                assert!(!n.is_empty() && n.len() <= 48, "{r:?} in {l:?}: {n:?}");
                assert!(seen.insert(n), "{n:?} names two reasons in {l:?}");
            }
        }
        assert_eq!(name(Reason::UserUnknown, Lang::En), "Unknown address");
        assert_eq!(name(Reason::MailboxFull, Lang::Nb), "Postkassen er full");
    }

    #[test]
    fn every_text_is_translated() {
        for r in Reason::ALL {
            let en = advice(r, Lang::En);
            for l in Lang::ALL.into_iter().filter(|&l| l != Lang::En) {
                let a = advice(r, l);
                assert_ne!(a.explanation, en.explanation, "{r:?} in {l:?}");
                assert_ne!(a.next_step, en.next_step, "{r:?} in {l:?}");
                assert_ne!(a.name, en.name, "{r:?} in {l:?}");
            }
        }
    }

    #[test]
    fn explanations_tell_the_causes_apart() {
        // The same next step for all of these, but a user is told what
        // happened: a rate limit is no server gone for a long time, spam
        // is not a blocked server.
        let told: Vec<&str> = [
            Reason::Expired,
            Reason::NetworkError,
            Reason::SystemFull,
            Reason::Speeding,
            Reason::Blocked,
            Reason::AuthFailure,
            Reason::Rejected,
            Reason::SpamDetected,
            Reason::VirusDetected,
            Reason::SystemError,
            Reason::PolicyViolation,
        ]
        .into_iter()
        .map(|r| advice(r, Lang::En).explanation)
        .collect();
        let mut distinct = told.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), told.len(), "{told:#?}");
        let en = |r| advice(r, Lang::En);
        assert_eq!(
            en(Reason::TooManyConn),
            Advice {
                reason: Reason::TooManyConn,
                name: "Too many connections",
                ..en(Reason::Speeding)
            }
        );
        assert_eq!(en(Reason::Speeding).step, Step::TryLater);
        assert_eq!(en(Reason::SpamDetected).step, Step::ContactSupport);
    }

    #[test]
    fn a_delivery_still_retried_needs_nothing_done_yet() {
        for l in Lang::ALL {
            // Greylisted, and the server keeps trying.
            let a = advice_for(Reason::Blocked, "delayed", l);
            assert_eq!(a.step, Step::Nothing);
            assert_eq!(a.reason, Reason::Blocked);
            assert_eq!(a.next_step, WAIT.get(l));
            // Failed for good: the reason's own advice.
            assert_eq!(
                advice_for(Reason::Blocked, "failed", l),
                advice(Reason::Blocked, l)
            );
            assert_eq!(
                advice_for(Reason::Blocked, "", l),
                advice(Reason::Blocked, l)
            );
        }
        // A wrong address is worth checking at once.
        assert_eq!(
            advice_for(Reason::UserUnknown, "delayed", Lang::En).step,
            Step::CheckAddress
        );
        // Held up for long and still tried: wait; given up on: try later.
        assert_eq!(
            advice_for(Reason::Expired, "Delayed", Lang::En).step,
            Step::Nothing
        );
        assert_eq!(
            advice_for(Reason::Expired, "failed", Lang::En).step,
            Step::TryLater
        );
    }
}
