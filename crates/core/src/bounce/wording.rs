//! The words that tell what a mail is before any recipient is read: a
//! delivery report's subject and opening lines, a delay warning's, and an
//! automatic reply's subject, in the languages postvakt reads.
//!
//! They decide the kind of a mail ([`super::mime::Mail::looks_like_bounce`],
//! [`super::mime::Mail::is_auto_reply`]) and whether its recipients are
//! delayed rather than failed ([`super::body::mail_hint`]); what each
//! recipient's own lines say is [`super::reason`]'s work. All lists are
//! lower case and matched against lower-cased text.

use std::sync::OnceLock;

use super::body::{AnyPhrase, head, one_line};
use super::bytes;
use super::reason::phrases::lower;

/// True when the subject or the first lines of the (lower-case) report
/// say the mail is not delivered yet and is still being tried: a delay
/// warning, not a failure.
pub(super) fn says_delayed(report_lower: &str, subject: &str) -> bool {
    static DELAY_WORDS: OnceLock<AnyPhrase> = OnceLock::new();
    let words = DELAY_WORDS.get_or_init(|| AnyPhrase::new(DELAY_TEXT));
    let s = lower(subject);
    // A subject is short: its first bytes found by memchr serve better
    // than a searcher built per phrase.
    DELAY_SUBJECTS
        .iter()
        .any(|p| bytes::find_from(s.as_bytes(), p.as_bytes(), 0).is_some())
        || words.is_in(head(report_lower, 4000).as_bytes())
}

/// Subject words of a delay warning ("Delivery delayed:" and Exchange's
/// words for it in the other report languages), lower case.
const DELAY_SUBJECTS: &[&str] = &[
    "delayed",
    "(delay)",
    "warning: could not send",
    // Gmail's card title of a delay warning ([`CARD_TITLES`]).
    "delivery incomplete",
    "forsinket",
    "försenad",
    "fördröjd",
    "verzögert",
    "différée",
    "retardée",
    "retrasada",
    "ritardato",
    "atrasada",
    "vertraagd",
];

/// What a delay warning's text says: the mail is not delivered yet and
/// is still being tried, in the report languages, lower case.
const DELAY_TEXT: &[&str] = &[
    "has not yet been delivered",
    "hasn't been delivered yet",
    "has not been delivered yet",
    "will continue trying",
    "this is only a warning",
    "will retry",
    // "Delivery attempts will continue to be made for 5 day(s)."
    "attempts will continue",
    // Office 365: "Delivery will continue to be attempted. The server will
    // keep trying to deliver this message …"
    "will continue to be attempted",
    "will keep trying",
    // OpenSMTPD: "Please note that this is only a temporary failure report."
    "only a temporary failure report",
    // Postfix: "THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR
    // MESSAGE." and "It will be retried until it is 5 day(s) old.";
    // Sendmail: "THIS IS A WARNING MESSAGE ONLY" and "----- The following
    // addresses had transient non-fatal errors -----".
    "this is a warning only",
    "warning message only",
    "transient non-fatal errors",
    "you do not need to resend",
    "will be retried until",
    // Gmail: "Delivery to the following recipient has been delayed: …
    // Message will be retried for 2 more day(s)".
    "recipient has been delayed",
    "delivery has been delayed",
    "will be retried for",
    // Exchange's heading: "Delivery is delayed to these recipients or
    // groups:".
    "delivery is delayed to",
    "ikke levert ennå",
    "ikke blitt levert ennå",
    "inte levererats ännu",
    // Exchange: "Meddelandet har inte levererats än."
    "har inte levererats än",
    "ännu inte levererats",
    "endnu ikke leveret",
    "ikke leveret endnu",
    "ikke blevet leveret endnu",
    "noch nicht zugestellt",
    "pas encore été remis",
    "pas encore été distribué",
    // "This is only a warning", "delivery will be retried", "the server
    // will keep trying" and "you do not need to resend" in the other
    // languages: what MTAs and providers write in a delay warning when
    // they translate theirs. Where a negation would come right before the
    // verb ("no se volverá a intentar", a failure's words), the phrase
    // starts with the noun before it.
    "nur eine warnung",
    "wird erneut versucht",
    "wird weiterhin versucht",
    "müssen die nachricht nicht erneut senden",
    "qu'un avertissement",
    "seulement un avertissement",
    "nouvelle tentative sera effectuée",
    "continuera d'essayer",
    "pas besoin de renvoyer",
    "solo una advertencia",
    "sólo una advertencia",
    "entrega se volverá a intentar",
    "servidor seguirá intentando",
    "no es necesario que vuelva a enviar",
    "no es necesario volver a enviar",
    "solo un avviso",
    "consegna verrà ritentata",
    "server continuerà a tentare",
    "non è necessario inviare di nuovo",
    "non è necessario reinviare",
    "apenas um aviso",
    "entrega será tentada novamente",
    "servidor continuará tentando",
    "servidor continuará a tentar",
    "não é necessário reenviar",
    "slechts een waarschuwing",
    "alleen een waarschuwing",
    "wordt opnieuw geprobeerd",
    "blijft proberen",
    "hoeft het bericht niet opnieuw te verzenden",
    "bare en advarsel",
    "kun en advarsel",
    "vil bli forsøkt igjen",
    "vil fortsette å prøve",
    "trenger ikke å sende meldingen på nytt",
    "trenger ikke sende meldingen på nytt",
    "bara en varning",
    "kommer att försökas igen",
    "kommer att fortsätta försöka",
    "behöver inte skicka meddelandet igen",
    "vil blive forsøgt igen",
    "vil fortsætte med at forsøge",
    "behøver ikke at sende meddelelsen igen",
    "behøver ikke sende meddelelsen igen",
    "aún no se ha entregado",
    "todavía no se ha entregado",
    "non è ancora stato recapitato",
    "ainda não foi entregue",
    "nog niet bezorgd",
];

/// Subject words of delivery reports, in the languages postvakt reads.
const BOUNCE_SUBJECTS: &[&str] = &[
    "undeliver",
    "undelivered",
    "non-delivery",
    "user unknown",
    "delivery status notification",
    "delivery failure",
    "delivery failed",
    "delivery has failed",
    "delivery notification",
    "delivery report",
    "delivery problem",
    "failure notice",
    "failed delivery",
    "returned mail",
    "returned to sender",
    "mail delivery",
    "could not be delivered",
    "couldn't be delivered",
    "not delivered",
    "nondeliverable",
    "non-deliverable",
    "warning: could not send",
    "delayed mail",
    "delivery delayed",
    "levering forsinket",
    "leveringen er forsinket",
    "leverans fördröjd",
    "leveransen försenad",
    "zustellung verzögert",
    "remise différée",
    "distribution retardée",
    "entrega retrasada",
    "recapito ritardato",
    "entrega atrasada",
    "bezorging vertraagd",
    "mail system error",
    "mail failure",
    "mail failed",
    "failed mail",
    "rejected:",
    "bounce",
    "メールエラー",
    "配信エラー",
    "non remis",
    "non délivré",
    "échec de la remise",
    "echec de distribution",
    "no se puede entregar",
    "no entregado",
    "notificación de estado",
    "unzustellbar",
    "nicht zustellbar",
    "kan ikke leveres",
    "kunne ikke leveres",
    "ikke levert",
    "ikke leveret",
    "olevererbart",
    "kunde inte levereras",
    "kan inte levereras",
    "onbestelbaar",
    "niet bezorgd",
    "non recapitabile",
    "impossibile recapitare",
    "não entregue",
    "não foi possível entregar",
    "não é possível entregar",
    // "Delivery failed" ("Delivery failure", "Failed delivery"), "Not
    // delivered" and "Returned mail", in the other languages' words.
    "zustellung fehlgeschlagen",
    "fehlgeschlagene zustellung",
    "zustellfehler",
    "nicht zugestellt",
    "rückläufer",
    "échec de livraison",
    "échec de la livraison",
    "échec de remise",
    "echec de la remise",
    "échec de distribution",
    "non distribuable",
    "non distribué",
    "courrier retourné",
    "error de entrega",
    "error en la entrega",
    "fallo en la entrega",
    "fallo de entrega",
    "entrega fallida",
    "no se pudo entregar",
    "correo devuelto",
    "mancato recapito",
    "recapito non riuscito",
    "consegna non riuscita",
    "consegna fallita",
    "errore di consegna",
    "non recapitato",
    "impossibile consegnare",
    "falha na entrega",
    "falha de entrega",
    "erro de entrega",
    "e-mail devolvido",
    "bezorging mislukt",
    "aflevering mislukt",
    "afleveringsfout",
    "bezorgfout",
    "niet afgeleverd",
    "levering mislyktes",
    "levering feilet",
    "leveringsfeil",
    "feil ved levering",
    "returnert e-post",
    "leveransfel",
    "leverans misslyckades",
    "leveransen misslyckades",
    "ej levererat",
    "inte levererat",
    "returnerat e-postmeddelande",
    "returnerad e-post",
    "leveringsfejl",
    "levering mislykkedes",
    "leveringen mislykkedes",
    "returneret e-mail",
];

/// True when a subject reads like a delivery report: a report subject's
/// words, or a card title as the whole subject (a pasted "Cannot Send
/// Mail" alert is read with its title as the subject).
pub(super) fn subject_says_bounce(subject: &str) -> bool {
    let subject = lower(subject);
    has_subject_words(&subject, &[]) || is_card_title(&subject)
}

/// True when lower-case text holds a report subject's words, those in
/// `except` left out.
fn has_subject_words(lower: &str, except: &[&str]) -> bool {
    BOUNCE_SUBJECTS
        .iter()
        .filter(|p| !except.contains(p))
        .any(|p| lower.contains(p))
}

/// Report wording that, beside a returned original, marks a bounce.
const BOUNCE_TEXTS: &[&str] = &[
    "could not be delivered",
    "couldn't be delivered",
    "undeliverable",
    "delivery has failed",
    "delivery to the following recipient",
    "permanent error",
    "was not delivered",
    "wasn't delivered",
    "message not delivered",
    // Yahoo: "Sorry, we were unable to deliver your message to the
    // following address."; Sendmail: "----- The following addresses had
    // permanent fatal errors -----".
    "unable to deliver your message",
    "permanent fatal errors",
    // Sendmail's delay warning: "----- The following addresses had
    // transient non-fatal errors -----".
    "transient non-fatal errors",
    // Apple Mail's alert when the server refuses a recipient: "The
    // recipient "kari@example.com" was rejected by the server."
    "was rejected by the server",
    // Thunderbird's error when its server refuses a mail it sends: "An
    // error occurred while sending mail. The mail server responded: 550 …"
    "an error occurred while sending mail",
    "the mail server responded:",
    // The same in the other languages (where a subject's words, checked
    // too, do not already say it).
    "n'a pas pu être remis",
    "n'a pas été remis",
    "n'a pas pu être distribué",
    "n'a pas été distribué",
    "no se ha podido entregar",
    "no se ha entregado",
    "no se entregó",
    "empfänger zugestellt werden",
    "empfängern zugestellt werden",
    "non è stato possibile recapitare",
    "non è stato recapitato",
    "non è stato consegnato",
    "não pôde ser entregue",
    "não foi entregue",
    "niet worden bezorgd",
    "niet worden afgeleverd",
    "levererades inte",
    // "Delivery to the following recipients failed" and "delivery has
    // failed", the verb after the noun (where "Delivery failed", checked
    // as a subject's words, does not hold the sentence).
    "zustellung ist fehlgeschlagen",
    "fehler bei der zustellung",
    "an folgende empfänger ist fehlgeschlagen",
    "an die folgenden empfänger ist fehlgeschlagen",
    "la remise a échoué",
    "remise du message a échoué",
    "impossible de remettre",
    "la distribution a échoué",
    "la entrega ha fallado",
    "entrega a los siguientes destinatarios ha fallado",
    "la entrega falló",
    "entrega del mensaje falló",
    "error al entregar",
    "il recapito non è riuscito",
    "recapito ai seguenti destinatari non è riuscito",
    "la consegna non è riuscita",
    "consegna del messaggio non è riuscita",
    "a entrega falhou",
    "entrega da mensagem falhou",
    "bezorging is mislukt",
    "bezorging aan de volgende ontvangers is mislukt",
    "bezorgen van het bericht is mislukt",
    "aflevering is mislukt",
    "leveringen mislyktes",
    "levering til følgende mottakere mislyktes",
    "leveringen til følgende mottakere mislyktes",
    "gick inte att leverera",
    "ikke muligt at levere",
    "levering til følgende modtagere mislykkedes",
    "leveringen til følgende modtagere mislykkedes",
    // Exchange's heading, "Delivery has failed to (Delivery is delayed to)
    // these recipients or groups:", by its noun pair in the other
    // languages (our translations, with and without the article, as
    // grammar asks after "these"; Exchange's exact sentences vary).
    "recipients or groups",
    "mottakerne eller gruppene",
    "mottakere eller grupper",
    "mottagarna eller grupperna",
    "mottagare eller grupper",
    "modtagerne eller grupperne",
    "modtagere eller grupper",
    "empfänger oder gruppen",
    "destinataires ou groupes",
    "destinatarios o grupos",
    "destinatari o gruppi",
    "destinatários ou grupos",
    "geadresseerden of groepen",
    "ontvangers of groepen",
];

/// Subject words too common in a person's own text to mark a report
/// there ("it bounced back", "Rejected: the plan"); in a subject they
/// still do.
const SUBJECT_ONLY: &[&str] = &["bounce", "rejected:"];

/// True when a line copied as a report's title reads like one: a report
/// subject's words, leaving out those a person also writes in a subject
/// ("Re: bounce house on Sunday", "Rejected: the plan"), which mark a
/// report only beside other signs ([`super::mime::Mail::looks_like_bounce`]).
pub(super) fn title_says_bounce(line: &str) -> bool {
    let line = lower(line);
    has_subject_words(&line, SUBJECT_ONLY) || is_card_title(&line) || is_exim_delay_title(&line)
}

/// True for the subject of Exim's delay warning, lower case: "Warning:
/// message 1rAbCd-000Xyz-9Q delayed 24 hours", the message's id between
/// the two. "Warning: message" alone heads too many people's subjects.
fn is_exim_delay_title(line: &str) -> bool {
    line.strip_prefix("warning: message ")
        .and_then(|rest| rest.split_once(' '))
        .is_some_and(|(id, rest)| id.contains('-') && rest.starts_with("delayed "))
}

/// The titles Gmail's notice puts above its sentence ("Address not found"
/// above "Your message wasn't delivered to … because the address couldn't
/// be found"), in the report languages, and the title of the alert iOS
/// Mail shows when the server refuses a mail ("Cannot Send Mail"), lower
/// case. A person writes these words too, so they are a report's title
/// only as a whole line, bare as a page or an alert shows them or between
/// the stars of Gmail's text part ("** Address not found **").
const CARD_TITLES: &[&str] = &[
    "address not found",
    "adressen ble ikke funnet",
    "adressen hittades inte",
    "adressen blev ikke fundet",
    "message blocked",
    "delivery incomplete",
    "cannot send mail",
];

/// True when a lower-case line is one of [`CARD_TITLES`], whole.
fn is_card_title(line: &str) -> bool {
    let title = line.trim_matches(|c: char| c == '*' || c.is_whitespace());
    CARD_TITLES.contains(&title)
}

/// True when the start of a report reads like a delivery failure.
pub(super) fn text_says_bounce(text: &str) -> bool {
    let head = lower(&one_line(head(text, 3000), 3000));
    BOUNCE_TEXTS.iter().any(|p| head.contains(p)) || has_subject_words(&head, SUBJECT_ONLY)
}

/// Subject words of automatic replies: a subject holding one is one.
const AUTO_REPLY_SUBJECTS: &[&str] = &[
    "auto:",
    "autoreply",
    "auto reply",
    "auto-reply",
    "automatic reply",
    "autosvar",
    "automatisk svar",
    "automatiskt svar",
    "fraværsmelding",
    "réponse automatique",
    "respuesta automática",
    "abwesenheitsnotiz",
    "automatische antwort",
    "risposta automatica",
    "resposta automática",
    "automatisch antwoord",
    // the absence notice by its name
    "abwesenheitsnachricht",
    "abwesenheitsmeldung",
    "message d'absence",
    "mensaje de ausencia",
    "messaggio di assenza",
    "mensagem de ausência",
    "afwezigheidsbericht",
    "frånvaromeddelande",
    "fraværsbesked",
];

/// Words people also write in their own subjects ("Fravær fredag", "Out of
/// office party"): an automatic reply only as the whole subject, or as its
/// title before a colon ("Out of Office: Møte", "Frånvaro: …").
const AUTO_REPLY_TITLES: &[&str] = &[
    "out of office",
    "out of the office",
    "fravær",
    "fraværende",
    "ikke til stede",
    "frånvaro",
    "afwezig",
    "abwesend",
    "absent",
    "ausente",
    "assente",
    // out of the office, and the absence as a noun
    "absence du bureau",
    "fuera de la oficina",
    "fuori sede",
    "fuori ufficio",
    "abwesenheit",
    "afwezigheid",
    "ausência",
];

/// True when a subject reads like an automatic reply.
pub(super) fn subject_says_auto_reply(subject: &str) -> bool {
    let s = super::reason::phrases::lower(subject);
    if AUTO_REPLY_SUBJECTS.iter().any(|p| s.contains(p)) {
        return true;
    }
    let s = s.trim_start().trim_start_matches('[');
    AUTO_REPLY_TITLES.iter().any(|p| {
        s.strip_prefix(p).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.is_empty() || rest.starts_with(':') || rest.starts_with(']')
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_not_delivered_is_a_report_in_every_language() {
        for text in [
            "Your message wasn't delivered to kari@example.org.",
            "Votre message n'a pas été remis à kari@example.org.",
            "Tu mensaje no se ha entregado a kari@example.org.",
            "Su mensaje no se entregó a kari@example.org.",
            "Ihre Nachricht an kari@example.org wurde nicht zugestellt.",
            "Meldingen din ble ikke levert til kari@example.org.",
            "Meddelandet levererades inte till kari@example.org.",
            "Din besked til kari@example.org blev ikke leveret.",
            "Il messaggio non è stato recapitato a kari@example.org.",
            "Il messaggio non è stato consegnato a kari@example.org.",
            "A sua mensagem não foi entregue a kari@example.org.",
            "Je bericht is niet bezorgd bij kari@example.org.",
        ] {
            assert!(text_says_bounce(text), "{text}");
        }
    }

    #[test]
    fn an_auto_reply_subject_is_told_from_a_persons() {
        for auto in [
            "Automatisk svar: Møte",
            "Out of Office: Re: Budsjett",
            "Out of office",
            "[Fravær] Kari er borte",
            "Frånvaro: Semester",
            "Fraværsmelding",
            "Réponse automatique : Réunion",
            "Fraværende: Tilbud",
            "Ikke til stede: Møte",
            "Abwesend: Angebot",
            "Absent : Réunion",
            "Ausente: Oferta",
        ] {
            assert!(subject_says_auto_reply(auto), "{auto}");
        }
        for person in [
            "Fravær fredag",
            "Søknad om fravær",
            "Out of office party on Friday",
            "Re: out of the office tomorrow?",
            "Afwezigheid melden",
            "Fraværende elever i dag",
            "Absent friends",
        ] {
            assert!(!subject_says_auto_reply(person), "{person}");
        }
    }
}
