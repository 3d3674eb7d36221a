//! The original message a report quotes below its text: where the copy
//! starts (an MTA's marker line, a mail program's separator, or a header
//! block), its header section, and the summary of its fields some
//! providers write instead (Yahoo's "Subject: … / To: …", Exchange's
//! "Sender Address: … / Recipient Address: …").

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::{MAX_LINES, head, lower_matcher};
use crate::bounce::bytes::{self, starts_with_ci};

/// Lines that start the copy of the original message (lower case).
const ORIGINAL_MARKERS: &[&str] = &[
    "this is a copy of the message",
    // Exim, for an address it would not try ("malformed address").
    "this is a copy of your message",
    "below this line is a copy of the message",
    // Mail.ru: "--- Below the next line is a copy of the message. ---"
    "below the next line is a copy of the message",
    // qmail's descendants, with the copy as an attachment: "--- Enclosed is
    // a copy of the message."
    "enclosed is a copy of the message",
    "a copy of the original message below this line",
    "original message follows",
    "original message headers",
    "original message header",
    "----- original message",
    "-- original message",
    "---- original message",
    "unsent message below",
    // Sendmail 5: "   ----- Unsent message follows -----"
    "unsent message follows",
    // Sendmail and Gmail's old notices: "----- Message header follows -----",
    // "----- Returned mail follows -----".
    "message header follows",
    // DragonFly's dma: "Message headers follow."
    "message headers follow",
    "returned mail follows",
    "returned message --",
    "------ returned mail",
    "headers of the original message",
    "header of the original message",
    "the headers of your message",
    "the original message headers",
    "content-type: message/rfc822",
    "content-type: text/rfc822-headers",
    "the text you sent follows",
    "--- below this line is",
    "your message reads (in part)",
    "original message:",
    "message text follows",
    // fml, the mailing list manager
    "original mail as follows",
    // m-FILTER: "-------original mail info"
    "-------original mail info",
    "original message as received",
    "returned message ---",
    "------- returned message",
];

/// A mail program's separator above a quoted original, in the report
/// languages ("-----Opprinnelig melding-----"): a copy starts there only
/// where the words start their line, after dashes or spaces. Inside a
/// sentence or a heading ("Detaljer om opprinnelig melding", Office 365's
/// summary of the original, with the failure's details below it) they
/// start nothing.
const SEPARATOR_MARKERS: &[&str] = &[
    "message d'origine",
    "mensaje original",
    "ursprüngliche nachricht",
    "opprinnelig melding",
    "ursprungligt meddelande",
    "oprindelig meddelelse",
];

/// Where a header block of the quoted original starts: a Received field
/// at the start of a line (or of a line quoted with `>`), or Return-Path
/// after a blank line.
const HEADER_STARTS: &[&str] = &[
    "\nreceived: from",
    "\nreceived: by",
    // Zoho: "Received:from mail.zoho.com by mx.zohomail.com"
    "\nreceived:from",
    // A copy quoted line by line with '>'.
    "\n>received: from",
    "\n> received: from",
    "\n\nreturn-path: <",
    "\n\r\nreturn-path: <",
];

fn markers() -> &'static AhoCorasick {
    static M: OnceLock<AhoCorasick> = OnceLock::new();
    M.get_or_init(|| {
        let all: Vec<&str> = ORIGINAL_MARKERS
            .iter()
            .chain(SEPARATOR_MARKERS)
            .chain(HEADER_STARTS)
            .copied()
            .collect();
        lower_matcher(MatchKind::LeftmostFirst, &all)
    })
}

/// The byte offset where the copy of the original message starts in a
/// lower-case text (the start of the marker's line), if it is quoted there.
pub(in crate::bounce) fn original_start(lower: &str) -> Option<usize> {
    let separators = ORIGINAL_MARKERS.len()..ORIGINAL_MARKERS.len() + SEPARATOR_MARKERS.len();
    for m in markers().find_iter(lower) {
        let at = m.start();
        let pattern = m.pattern().as_usize();
        if pattern >= separators.end {
            // A header block counts only after some report text.
            if lower[..at].trim().is_empty() {
                continue;
            }
            return Some(at + 1);
        }
        let line_start = lower[..at].rfind('\n').map_or(0, |nl| nl + 1);
        if separators.contains(&pattern) && lower[line_start..at].chars().any(char::is_alphanumeric)
        {
            continue;
        }
        return Some(line_start);
    }
    None
}

/// Skips the marker line and blank lines to where header fields begin.
pub(in crate::bounce) fn skip_to_headers(s: &str) -> &str {
    let mut at = 0;
    for line in bytes::lines_inclusive(s).take(50) {
        let t = line.trim_end();
        let header_like = t.split_once(':').is_some_and(|(n, _)| {
            !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
        if header_like && !starts_with_ci(t, "content-type: message/rfc822") {
            return &s[at..];
        }
        at += line.len();
    }
    &s[s.len()..]
}

/// A copy quoted indented (every line of it after the marker line starts
/// with the same white space, as fml writes it) without the indent, or
/// `None` when the copy is not indented. Only the first
/// [`MAX_QUOTE_DEDENT`] bytes are read: the header section is all that is
/// looked for.
pub(in crate::bounce) fn dedent_quote(copy: &str) -> Option<String> {
    let copy = head(copy, MAX_QUOTE_DEDENT);
    let mut lines = bytes::lines_inclusive(copy);
    lines.next(); // the marker line
    let mut lines = lines.skip_while(|l| l.trim().is_empty()).peekable();
    let first = *lines.peek()?;
    let indent = &first[..first.len() - first.trim_start_matches([' ', '\t']).len()];
    if indent.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(copy.len());
    for line in lines {
        out.push_str(
            line.strip_prefix(indent)
                .unwrap_or(line.trim_start_matches([' ', '\t'])),
        );
    }
    Some(out)
}

/// The most of a quoted copy [`dedent_quote`] reads.
const MAX_QUOTE_DEDENT: usize = 64 * 1024;

/// Fields a report may sum up the returned message by.
const SUMMARY_FIELDS: &[&str] = &["subject:", "to:", "from:", "date:", "cc:", "message-id:"];

/// A run of lines in the report text that sums up the returned message by
/// some of its header fields ("Subject: …" and "To: …" above the copy, as
/// Yahoo writes), when it names an addressee; read as the original's header
/// section when the mail has no other.
pub(in crate::bounce) fn summary_fields(text: &str) -> Option<&str> {
    let mut start = None;
    let mut has_to = false;
    let mut at = 0;
    for line in bytes::lines_inclusive(text).take(MAX_LINES) {
        let field = SUMMARY_FIELDS.iter().find(|f| starts_with_ci(line, f));
        match (field, start) {
            (Some(f), _) => {
                start.get_or_insert(at);
                has_to |= *f == "to:" && line.contains('@');
            }
            (None, Some(s)) if has_to => return Some(&text[s..at]),
            (None, Some(_)) => start = None,
            (None, None) => {}
        }
        at += line.len();
    }
    start.filter(|_| has_to).map(|s| &text[s..])
}

/// The labels Exchange gives the returned message's sender, recipient and
/// subject under "Original Message Details" ("Sender Address:", "Recipient
/// Address:", "Subject:"), in the report languages (Norwegian and Swedish
/// as Office 365 writes them; the others our translations), lower case.
const SENDER_LABELS: &[&str] = &[
    "sender address",
    "avsenderadresse",
    "avsändaradress",
    "afsenderadresse",
    "absenderadresse",
    "adresse de l'expéditeur",
    "dirección del remitente",
    "indirizzo mittente",
    "indirizzo del mittente",
    "endereço do remetente",
    "adres afzender",
    "afzenderadres",
];
/// See [`SENDER_LABELS`].
const RECIPIENT_LABELS: &[&str] = &[
    "recipient address",
    "mottakeradresse",
    "mottagaradress",
    "modtageradresse",
    "empfängeradresse",
    "adresse du destinataire",
    "dirección del destinatario",
    "indirizzo destinatario",
    "indirizzo del destinatario",
    "endereço do destinatário",
    "adres ontvanger",
    "ontvangeradres",
];
/// See [`SENDER_LABELS`].
const SUBJECT_LABELS: &[&str] = &[
    "subject",
    "emne",
    "ämne",
    "betreff",
    "objet",
    "asunto",
    "oggetto",
    "assunto",
    "onderwerp",
];
/// The three, in the order of the header fields [`details_fields`] writes:
/// From, To, Subject.
const DETAILS: [&[&str]; 3] = [SENDER_LABELS, RECIPIENT_LABELS, SUBJECT_LABELS];

/// The most lines Exchange's details of the original span, from the first
/// label to the last.
const DETAILS_LINES: usize = 8;

/// The most bytes before a label's colon (the longest label, a space).
const MAX_LABEL: usize = 32;

/// Exchange's details of the returned message in a report's text (as a
/// mail program shows its notice: "Sender Address: …", "Recipient Address:
/// …", "Subject: …", each label in the report languages, a colon and
/// spaces or a tab after it), written as the header fields they stand for;
/// `None` unless the details name both a sender and a recipient.
pub(in crate::bounce) fn details_fields(report: super::Cased<'_>) -> Option<String> {
    // One search of the lower-case text for a recipient's label first: most
    // reports have none, and their lines need not be read.
    static TO: OnceLock<AhoCorasick> = OnceLock::new();
    let to = TO.get_or_init(|| lower_matcher(MatchKind::LeftmostFirst, RECIPIENT_LABELS));
    if !to.is_match(report.lower) {
        return None;
    }
    let text = report.text;
    let mut found: [Option<&str>; 3] = [None; 3];
    let mut first = None;
    for (n, line) in text.lines().take(MAX_LINES).enumerate() {
        if first.is_some_and(|f| n >= f + DETAILS_LINES) {
            break;
        }
        // A label is all that stands before the line's first colon: most
        // lines have none there, or more words.
        let line = line.trim();
        let Some(colon) = memchr::memchr(b':', &line.as_bytes()[..line.len().min(MAX_LABEL)])
        else {
            continue;
        };
        let (name, value) = (line[..colon].trim_end(), line[colon + 1..].trim());
        let Some(k) = DETAILS
            .iter()
            .position(|labels| labels.iter().any(|l| is_label(name, l)))
        else {
            continue;
        };
        if !value.is_empty() && found[k].is_none() {
            found[k] = Some(value);
            first.get_or_insert(n);
        }
    }
    let [Some(from), Some(to), subject] = found else {
        return None;
    };
    if !(from.contains('@') && to.contains('@')) {
        return None;
    }
    let mut fields = format!("From: {from}\nTo: {to}\n");
    if let Some(subject) = subject {
        fields.push_str(&format!("Subject: {subject}\n"));
    }
    Some(fields)
}

/// True when `name` is `label` (lower case) in any case ("Ämne" as "ämne").
fn is_label(name: &str, label: &str) -> bool {
    name.chars().flat_map(char::to_lowercase).eq(label.chars())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details_fields(text: &str) -> Option<String> {
        let lower = text.to_ascii_lowercase();
        super::details_fields(super::super::Cased {
            text,
            lower: &lower,
        })
    }

    #[test]
    fn exchanges_details_of_the_original_are_its_header_fields_in_each_language() {
        let en = "Original Message Details\nCreated Date:\t12/5/2026 6:02:10 PM\n\
                  Sender Address:\tkari@example.net\nRecipient Address:\tper@example.org\n\
                  Subject:\tJulebord\n\nError Details\n";
        assert_eq!(
            details_fields(en).as_deref(),
            Some("From: kari@example.net\nTo: per@example.org\nSubject: Julebord\n")
        );
        let nb = "Avsenderadresse:   kari@example.net\nMottakeradresse:   per@example.no\n";
        assert_eq!(
            details_fields(nb).as_deref(),
            Some("From: kari@example.net\nTo: per@example.no\n")
        );
        let fr = "Adresse de l'expéditeur : kari@example.net\n\
                  Adresse du destinataire : per@example.fr\nObjet : Réunion\n";
        assert_eq!(
            details_fields(fr).as_deref(),
            Some("From: kari@example.net\nTo: per@example.fr\nSubject: Réunion\n")
        );
        let sv =
            "Avsändaradress: kari@example.net\nMottagaradress: per@example.se\nÄmne: Julebord\n";
        assert_eq!(
            details_fields(sv).as_deref(),
            Some("From: kari@example.net\nTo: per@example.se\nSubject: Julebord\n")
        );
        // A sender alone, or labels far apart, are no details.
        assert_eq!(details_fields("Sender Address: kari@example.net\n"), None);
        let apart = format!(
            "Sender Address: kari@example.net\n{}Recipient Address: per@example.org\n",
            "line\n".repeat(10)
        );
        assert_eq!(details_fields(&apart), None);
    }

    #[test]
    fn the_quoted_original_starts_where_mtas_mark_it() {
        // (report, what the copy starts with)
        let cases = [
            (
                "550 No such user\n\n------ This is a copy of your message, including all the headers. ------\nTo: a@b.example\n",
                "------ This is a copy of your message",
            ),
            (
                "-------SMTP command\nDATA\n\n-------original mail info\nFrom: a@b.example\n",
                "-------original mail info",
            ),
            (
                "did not match.\n\nOriginal message as received is as follows:\n====\n>Return-Path: <a@b.example>\n",
                "Original message as received",
            ),
            (
                "ERROR_CODE :550\n\nReceived:from mail.example by mx.example\n",
                "Received:from mail.example",
            ),
            (
                "> Status: 5.1.1\n> Received: from mx.example.org\n",
                "> Received: from mx.example.org",
            ),
            (
                "Se nedenfor.\n\n-----Opprinnelig melding-----\nFra: a@b.example\n",
                "-----Opprinnelig melding-----",
            ),
            (
                "Message will be retried for 1 more day(s)\n\n   ----- Message header follows -----\n\nTo: a@b.example\n",
                "   ----- Message header follows",
            ),
            (
                "exceeding their quota.\n--- Below the next line is a copy of the message. ---\n",
                "--- Below the next line",
            ),
            (
                "Sorry, no mailbox here by that name. (#5.1.1)\n\n--- Enclosed is a copy of the message.\n",
                "--- Enclosed is a copy",
            ),
        ];
        for (report, copy) in cases {
            let lower = report.to_ascii_lowercase();
            let at = original_start(&lower).unwrap_or_else(|| panic!("no start in {report:?}"));
            assert!(report[at..].starts_with(copy), "{report:?} cut at {at}");
        }
        // A header block before any report text is the report's own.
        assert_eq!(original_start("\nreceived: from a\nuser unknown\n"), None);
        // A separator's words inside a heading (Office 365's summary of the
        // original, in Norwegian) start no copy.
        let report = "kunne ikke leveres.\n\nDetaljer om opprinnelig melding\n\
                      Avsenderadresse: kari@example.net\n\nFeil: 550 5.1.10 Recipient not found\n";
        assert_eq!(original_start(&report.to_ascii_lowercase()), None);
    }

    #[test]
    fn an_indented_quote_is_read_without_its_indent() {
        let quoted = "Original mail as follows:\n\n   From: Kari <kari@example.net>\n   Received: from a\n   \tby b\n   \n   Body\n";
        assert_eq!(
            dedent_quote(quoted).as_deref(),
            Some("From: Kari <kari@example.net>\nReceived: from a\n\tby b\n\nBody\n")
        );
        assert_eq!(
            dedent_quote("Original message follows:\n\nFrom: a@b.example\n"),
            None
        );
        assert_eq!(dedent_quote("Original mail as follows:\n"), None);
    }

    #[test]
    fn a_summary_of_the_original_is_its_run_of_fields() {
        let text = "This is a permanent error.\n\nSubject: Referat\nTo: ingrid@example.com\n\n---Below this line is a copy of the message.\n";
        assert_eq!(
            summary_fields(text),
            Some("Subject: Referat\nTo: ingrid@example.com\n")
        );
        // A run without an addressee is no summary; a later one can be.
        let later =
            "Subject: only\n\nTo: nobody\nDate: today\n\nFrom: a@example.org\nTo: b@example.org";
        assert_eq!(
            summary_fields(later),
            Some("From: a@example.org\nTo: b@example.org")
        );
        assert_eq!(
            summary_fields("Please send mail to: help@example.org\n"),
            None
        );
    }
}
