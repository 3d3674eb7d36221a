//! What a person pastes into a form that explains bounces, made into a mail
//! the parser can read.
//!
//! People copy what their mail program shows, not the stored message: the
//! text of a returned mail without its header section, or a returned mail
//! they forwarded, whose header fields the program writes into the text in
//! the reader's language ("-----Opprinnelig melding-----", "Fra: …",
//! "Emne: Kan ikke leveres: …"). [`forwarded`] reads that block back into
//! header fields; [`as_report`] gives a text without any the mail system as
//! its sender, so that its own words must still tell of a failure. A text
//! that is only the server's answer names no recipient at all;
//! [`server_answer`] tells whether its codes, or its shortness, say it is
//! one.

use super::codes;
use super::fields::header_section;
use super::mime::without_blank_lines;
use super::reason::phrases::lower;
use super::wording;

/// What a program writes above a forwarded or quoted mail, lower case,
/// without the dashes around it.
const SEPARATORS: &[&str] = &[
    "original message",
    "forwarded message",
    "begin forwarded message",
    "opprinnelig melding",
    "videresendt melding",
    "ursprüngliche nachricht",
    "weitergeleitete nachricht",
    "message d'origine",
    "message transféré",
    "mensaje original",
    "mensaje reenviado",
    "ursprungligt meddelande",
    "vidarebefordrat meddelande",
    "oprindelig meddelelse",
    "videresendt meddelelse",
    "messaggio originale",
    "messaggio inoltrato",
    "mensagem original",
    "mensagem encaminhada",
    "oorspronkelijk bericht",
    "doorgestuurd bericht",
];

/// The header fields a program shows for a forwarded mail, by their names
/// in the ten report languages (lower case, without the colon).
const FIELDS: &[(&str, &[&str])] = &[
    (
        "From",
        &[
            "from",
            "fra",
            "von",
            "de",
            "från",
            "van",
            "da",
            "expéditeur",
        ],
    ),
    (
        "To",
        &[
            "to",
            "til",
            "an",
            "à",
            "a",
            "till",
            "aan",
            "para",
            "destinataire",
        ],
    ),
    (
        "Subject",
        &[
            "subject",
            "emne",
            "betreff",
            "objet",
            "asunto",
            "ämne",
            "oggetto",
            "assunto",
            "onderwerp",
        ],
    ),
];

/// The other fields such a block shows, read past: date, copies,
/// importance, attachments. A label that is neither these nor [`FIELDS`]
/// ("Received", "Content-Type") means the text is a stored mail's own
/// header section, not a shown one.
const OTHER_FIELDS: &[&str] = &[
    "sent",
    "date",
    "sendt",
    "dato",
    "gesendet",
    "datum",
    "envoyé",
    "fecha",
    "enviado",
    "skickat",
    "inviato",
    "verzonden",
    "data",
    "cc",
    "bcc",
    "kopi",
    "kopia",
    "kopie",
    "copie",
    "cópia",
    "copia",
    "importance",
    "viktighet",
    "prioritet",
    "wichtigkeit",
    "priorité",
    "importancia",
    "prioridade",
    "priorità",
    "prioriteit",
    "attachments",
    "vedlegg",
    "bilagor",
    "vedhæftede filer",
    "anlagen",
    "pièces jointes",
    "datos adjuntos",
    "allegati",
    "anexos",
    "bijlagen",
    "reply-to",
];

/// How a report's summary of the returned mail labels its sender (Office
/// 365's "Original Message Details: … Sender Address: kari@…"), in the ten
/// report languages, lower case, without the colon.
const SENDER_LABELS: &[&str] = &[
    "sender address",
    "sender",
    "avsenderadresse",
    "avsender",
    "avsändaradress",
    "avsändare",
    "afsenderadresse",
    "afsender",
    "absenderadresse",
    "absender",
    "adresse de l'expéditeur",
    "expéditeur",
    "dirección del remitente",
    "remitente",
    "indirizzo mittente",
    "mittente",
    "endereço do remetente",
    "remetente",
    "adres afzender",
    "afzender",
];

/// The text without the quotation marks of a reply that quoted it, when
/// every line that is not blank starts with one ("> Remote Server returned
/// '550 5.1.1 User unknown'"): a person who answered support's question by
/// quoting the report pastes it so. Nested quotes (">> ") lose every level
/// all lines share, up to [`MAX_QUOTE_LEVELS`]. `None` when the text is not
/// quoted that way.
pub(super) fn unquoted(text: &[u8]) -> Option<Vec<u8>> {
    let quoted = |t: &[u8]| {
        let mut any = false;
        for line in t.split(|&b| b == b'\n') {
            if line.trim_ascii().is_empty() {
                continue;
            }
            if line[0] != b'>' {
                return false;
            }
            any = true;
        }
        any
    };
    let mut out: Option<Vec<u8>> = None;
    for _ in 0..MAX_QUOTE_LEVELS {
        let level = out.as_deref().unwrap_or(text);
        if !quoted(level) {
            break;
        }
        let mut next = Vec::with_capacity(level.len());
        for line in level.split_inclusive(|&b| b == b'\n') {
            // Blank lines, unmarked, stay as they are.
            let rest = line.strip_prefix(b">").unwrap_or(line);
            next.extend_from_slice(rest.strip_prefix(b" ").unwrap_or(rest));
        }
        out = Some(next);
    }
    out
}

/// The most quotation levels [`unquoted`] takes off: each is a pass over
/// the text, and a reply of a reply of a reply is already rare.
const MAX_QUOTE_LEVELS: usize = 8;

/// The text as a mail from the mail system: read for what its words say.
/// The report went to the sender its summary names, as the header section
/// that was not copied said: that address is no recipient. A report's
/// title on the first line ([`report_title`]) is its subject, which tells
/// a delay warning ("Delivery Status Notification (Delay)") from a failure.
pub(super) fn as_report(text: &[u8]) -> Vec<u8> {
    let mut head = String::from("From: MAILER-DAEMON\r\n");
    if let Some(sender) = summary_sender(text) {
        head.push_str("To: ");
        head.push_str(&sender);
        head.push_str("\r\n");
    }
    if let Some(title) = report_title(&String::from_utf8_lossy(text)) {
        head.push_str("Subject: ");
        head.push_str(title);
        head.push_str("\r\n");
    }
    text_mail(&head, text)
}

/// The address on the first line labelled as the returned mail's sender
/// ([`SENDER_LABELS`]).
fn summary_sender(text: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(text);
    text.lines().find_map(|line| {
        let (label, value) = line.split_once(':')?;
        let label = label.trim().to_lowercase();
        SENDER_LABELS.contains(&label.as_str()).then_some(())?;
        // "kari@example.net", or "Kari <kari@example.net>".
        let value = value.trim();
        let sender = match value.rsplit_once('<') {
            Some((_, angled)) => angled.strip_suffix('>')?,
            None => value,
        };
        let one_address = sender.contains('@') && !sender.contains(char::is_whitespace);
        one_address.then(|| sender.to_string())
    })
}

/// How a pasted text shows a server's answer to a failed delivery, when it
/// names no recipient ([`server_answer`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Answer {
    /// A reply code with its enhanced status code ("550 5.1.1 …"), at the
    /// start of a line or quoted inside one ("Remote Server returned '550
    /// 5.1.10 …'"): a server's answer, whatever its words say.
    Coded,
    /// A line that starts with a failure's reply or status code and goes
    /// on to say the server refused ("550 Your message has been rejected",
    /// "554 Transaction failed"): a server's answer, though it may give no
    /// cause (then the advice is to quote it to support).
    Refused,
    /// A line that starts with a failure's reply or status code alone
    /// ("550 Requested action not taken", "5.2.2 Mailbox full"): an answer
    /// only when its words give a cause ("500 kroner" is none).
    Leading,
    /// No code at all, the whole text a line or two ("Relay access
    /// denied", "Domain not found"): the server's words as a mail
    /// program's error window shows them. An answer only when its words
    /// give a cause, as with [`Answer::Leading`] ("Hei, kan du hjelpe meg
    /// med e-posten?" gives none).
    Worded,
}

/// The most lines, and bytes, of a text read as the server's words alone
/// ([`Answer::Worded`]): an error window's message, not a person's letter.
const MAX_WORDED_LINES: usize = 2;
const MAX_WORDED_BYTES: usize = 400;

/// What a pasted text shows of a server's answer: the strongest of
/// [`Answer`] over its lines; for a text with no failure's code where an
/// answer puts it, [`Answer::Worded`] when it is short, else `None`.
pub(super) fn server_answer(text: &str) -> Option<Answer> {
    let mut found = None;
    for line in text.lines() {
        let line =
            line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '>' | '\'' | '"'));
        let mut starts = std::iter::once(0).chain(
            line.match_indices([' ', '\'', '"', '('])
                .map(|(at, sep)| at + sep.len()),
        );
        if starts.any(|at| is_coded_reply(&line[at..])) {
            return Some(Answer::Coded);
        }
        if let Some((_, words)) = codes::leading_failure_code(line) {
            if says_refused(words) {
                found = Some(Answer::Refused);
            } else if found.is_none() {
                found = Some(Answer::Leading);
            }
        }
    }
    found.or_else(|| is_short(text).then_some(Answer::Worded))
}

/// Words with which a server says, after its code, that it refused
/// ([`Answer::Refused`]), in English.
const REFUSALS: &[&str] = &[
    "rejected",
    "refused",
    "denied",
    "not accepted",
    "not allowed",
    "failed",
    "undeliverable",
    "not delivered",
];

/// The same in the other report languages ("554 Nachricht abgelehnt",
/// "550 Meldingen ble avvist"). These count only beside a word for what a
/// mail server refuses ([`REFUSED_THINGS`]): a number at the start of a
/// person's sentence ("500 kroner ble avvist av banken") stays a person's.
const REFUSALS_INTL: &[&str] = &[
    "abgelehnt",
    "zurückgewiesen",
    "verweigert",
    "refusé",
    "refusée",
    "rejeté",
    "rejetée",
    "rechazado",
    "rechazada",
    "denegado",
    "denegada",
    "rifiutato",
    "rifiutata",
    "respinto",
    "respinta",
    "rejeitado",
    "rejeitada",
    "recusado",
    "recusada",
    "geweigerd",
    "afgewezen",
    "avvist",
    "avvisad",
    "avvisades",
    "avvisat",
    "afvist",
];

/// What a mail server refuses, in the other report languages: the message,
/// the mail, the sender or the recipient, in the forms a server's answer
/// writes them.
const REFUSED_THINGS: &[&str] = &[
    "nachricht",
    "e-mail",
    "mail",
    "absender",
    "empfänger",
    "message",
    "courriel",
    "expéditeur",
    "destinataire",
    "mensaje",
    "correo",
    "remitente",
    "destinatario",
    "messaggio",
    "mittente",
    "mensagem",
    "remetente",
    "destinatário",
    "bericht",
    "afzender",
    "ontvanger",
    "melding",
    "meldingen",
    "e-post",
    "e-posten",
    "avsender",
    "avsenderen",
    "mottaker",
    "mottakeren",
    "meddelande",
    "meddelandet",
    "avsändare",
    "avsändaren",
    "mottagare",
    "mottagaren",
    "meddelelse",
    "meddelelsen",
    "besked",
    "beskeden",
    "afsender",
    "afsenderen",
    "modtager",
    "modtageren",
];

/// True when `words`, what follows a failure's code on its line, start
/// after a space or a dash and hold one of [`REFUSALS`] as whole words,
/// or one of [`REFUSALS_INTL`] beside one of [`REFUSED_THINGS`].
fn says_refused(words: &str) -> bool {
    let Some(words) = words.strip_prefix([' ', '-']) else {
        return false;
    };
    let words = lower(words);
    let any = |list: &[&str]| list.iter().any(|w| has_word(&words, w));
    any(REFUSALS) || (any(REFUSALS_INTL) && any(REFUSED_THINGS))
}

/// True when `text` holds `word` with no letter or digit on either side.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// True when `text` is at most [`MAX_WORDED_LINES`] lines with words, and
/// [`MAX_WORDED_BYTES`] bytes.
fn is_short(text: &str) -> bool {
    let text = text.trim();
    text.len() <= MAX_WORDED_BYTES
        && text.lines().filter(|l| !l.trim().is_empty()).count() <= MAX_WORDED_LINES
}

/// True when `text` starts with a failure's reply code and, after a space
/// or a dash, a status code of the same class ("550 5.1.1", "550-5.1.1").
fn is_coded_reply(text: &str) -> bool {
    let Some((reply, rest)) = codes::leading_failure_code(text) else {
        return false;
    };
    reply.len() == 3
        && rest
            .strip_prefix([' ', '-'])
            .and_then(codes::leading_failure_code)
            .is_some_and(|(status, _)| {
                status.len() > 3 && status.as_bytes()[0] == reply.as_bytes()[0]
            })
}

/// The most characters of a first line read as a report's title.
const MAX_TITLE: usize = 200;

/// The first line of a pasted text when it is a report's title
/// ("Undelivered Mail Returned to Sender", "Kan ikke leveres: Tilbud"):
/// the subject, copied with the text under it.
pub(super) fn report_title(text: &str) -> Option<&str> {
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .filter(|line| line.chars().count() <= MAX_TITLE && wording::title_says_bounce(line))
}

/// Fields a stored mail has some of: RFC 5322 asks for From and Date, and a
/// mail that passed a server carries Received, Return-Path and the like.
const MAIL_FIELDS: &[&str] = &[
    "from",
    "date",
    "subject",
    "to",
    "received",
    "return-path",
    "message-id",
    "mime-version",
    "content-type",
    "delivered-to",
];

/// True when `raw` starts with a header section a stored mail would have.
/// A report's line copied on its own ("kari@example.org: User unknown")
/// has the form of a header field, but names none of [`MAIL_FIELDS`].
pub(super) fn has_mail_fields(raw: &[u8]) -> bool {
    let (fields, _) = header_section(without_blank_lines(raw));
    fields.iter().any(|f| {
        MAIL_FIELDS
            .iter()
            .any(|name| f.name.eq_ignore_ascii_case(name.as_bytes()))
    })
}

/// A mail of `head` (header fields, each ending in CRLF) with `text` as its
/// one plain-text part.
fn text_mail(head: &str, text: &[u8]) -> Vec<u8> {
    const PART: &str = "Content-Type: text/plain; charset=utf-8\r\n\r\n";
    let mut mail = Vec::with_capacity(head.len() + PART.len() + text.len());
    mail.extend_from_slice(head.as_bytes());
    mail.extend_from_slice(PART.as_bytes());
    mail.extend_from_slice(text);
    mail
}

/// A forwarded mail as shown: a separator line (optional), then the block of
/// header fields in the reader's language, then the mail's text. Returns
/// the mail with those fields under their RFC 5322 names, or `None` when
/// the text does not start so (or names no sender and no subject).
pub(super) fn forwarded(text: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(text).ok()?;
    let mut lines = text.split_inclusive('\n').peekable();
    while lines.peek().is_some_and(|l| l.trim().is_empty()) {
        lines.next();
    }
    if lines.peek().is_some_and(|l| is_separator(l)) {
        lines.next();
    }
    let mut head = String::new();
    let mut named = 0;
    for line in lines {
        if line.trim().is_empty() {
            if named == 0 {
                return None;
            }
            // The lines are slices of `text`: the body starts after this one.
            let body_at = line.as_ptr() as usize - text.as_ptr() as usize + line.len();
            return Some(text_mail(&head, &text.as_bytes()[body_at..]));
        }
        let (label, value) = line.split_once(':')?;
        let label = label.trim().to_lowercase();
        if let Some((name, _)) = FIELDS.iter().find(|(_, ls)| ls.contains(&label.as_str())) {
            head.push_str(name);
            head.push_str(": ");
            head.push_str(value.trim());
            head.push_str("\r\n");
            named += usize::from(*name != "To");
        } else if !OTHER_FIELDS.contains(&label.as_str()) {
            return None;
        }
    }
    None
}

/// "-----Original Message-----", "---------- Forwarded message ---------",
/// "Begin forwarded message:" and their kin.
fn is_separator(line: &str) -> bool {
    let words = line
        .trim()
        .trim_matches(|c: char| c == '-' || c == '_' || c == ':' || c.is_whitespace())
        .to_lowercase();
    SEPARATORS.contains(&words.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_is_words_after_the_code() {
        assert!(says_refused(" Your message has been REJECTED."));
        assert!(says_refused("-Relaying denied"));
        assert!(!says_refused(" kroner ble avvist"));
        assert!(!says_refused(" kroner ble avvist av banken"));
        // In the other languages, beside what a server refuses.
        for refused in [
            " Nachricht abgelehnt",
            " Message refusé",
            " Mensaje rechazado",
            " Messaggio rifiutato",
            " Mensagem rejeitada",
            " Bericht geweigerd",
            " Meldingen ble avvist",
            " Meddelandet avvisades",
            " Meddelelsen blev afvist",
            "-Absender ZURÜCKGEWIESEN",
        ] {
            assert!(says_refused(refused), "{refused}");
        }
        assert!(!says_refused(" Nachrichten abgelehntes"));
        assert!(!says_refused(" unfailed tries"));
        assert!(!says_refused("rejected"));
        assert_eq!(
            server_answer("550 Message rejected\n"),
            Some(Answer::Refused)
        );
        // A coded reply elsewhere in the text is stronger.
        assert_eq!(
            server_answer("550 Message rejected\n550 5.1.1 User unknown\n"),
            Some(Answer::Coded)
        );
    }

    #[test]
    fn quotation_marks_come_off_every_level_the_lines_share() {
        let off = |t: &str| unquoted(t.as_bytes()).map(|u| String::from_utf8(u).unwrap());
        assert_eq!(off("> a\n>\n> > b\n").as_deref(), Some("a\n\n> b\n"));
        assert_eq!(off(">> a\n>> b\n").as_deref(), Some("a\nb\n"));
        assert_eq!(off("a\n> b\n"), None);
        assert_eq!(off("\n  \n"), None);
        // Each level is a pass over the text: only so many are taken off.
        let deep = vec![b'>'; 100_000];
        assert_eq!(
            unquoted(&deep).map(|t| t.len()),
            Some(100_000 - MAX_QUOTE_LEVELS)
        );
    }

    #[test]
    fn a_forwarded_mails_fields_are_read_in_the_readers_language() {
        let shown = "-----Opprinnelig melding-----\nFra: Microsoft Outlook <postmaster@example.net>\n\
                     Sendt: søndag 6. desember 2026 12:00\nTil: Ola <ola@example.net>\n\
                     Emne: Kan ikke leveres: Tilbud\n\nLeveringen mislyktes.\n";
        let mail = String::from_utf8(forwarded(shown.as_bytes()).expect("a forward")).unwrap();
        assert_eq!(
            mail,
            "From: Microsoft Outlook <postmaster@example.net>\r\nTo: Ola <ola@example.net>\r\n\
             Subject: Kan ikke leveres: Tilbud\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
             Leveringen mislyktes.\n"
        );
        // Gmail's separator, German field names, no separator at all.
        assert!(
            forwarded(
                b"---------- Forwarded message ---------\nVon: a@b.example\nBetreff: x\n\nText\n"
            )
            .is_some()
        );
        assert!(forwarded(b"De: a@b.example\nObjet: x\n\nTexte\n").is_some());
        // A text that does not start with such a block.
        assert!(
            forwarded(b"Delivery has failed to these recipients:\n\nkari@example.org\n").is_none()
        );
        assert!(forwarded(b"Hei Kari,\n\nNote: see below\n").is_none());
        assert!(forwarded(b"Til: kari@example.org\n\nNo sender, no subject\n").is_none());
        // A stored mail's own header section is no shown block.
        assert!(forwarded(b"From: a@b.example\nSubject: x\nMIME-Version: 1.0\n\nText\n").is_none());
    }

    #[test]
    fn the_sender_a_reports_summary_names_is_its_addressee() {
        let text = b"Your message to per@example.org couldn't be delivered.\n\n\
                     Original Message Details\n\
                     Sender Address: kari@example.net\n\
                     Recipient Address: per@example.org\n";
        assert_eq!(summary_sender(text).as_deref(), Some("kari@example.net"));
        assert_eq!(
            summary_sender("Avsender: Kari <kari@example.net>\n".as_bytes()).as_deref(),
            Some("kari@example.net")
        );
        assert!(as_report(text).starts_with(b"From: MAILER-DAEMON\r\nTo: kari@example.net\r\n"));
        // A sentence about a sender, a label with no one address after it.
        assert_eq!(summary_sender(b"The sender: please check\n"), None);
        assert_eq!(summary_sender(b"Sender: Kari and Ola\n"), None);
    }
}
