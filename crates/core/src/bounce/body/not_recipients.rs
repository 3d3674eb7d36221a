//! Addresses a report names that are not the recipients it reports on:
//! mail systems and list command addresses, the sender ("A message sent
//! by … could not be delivered"), addresses the reader is told to write to
//! for help, what a recipient was expanded from, Message-IDs and the header
//! fields of the quoted original. The scraper ([`super::scrape`]) passes
//! them over.

use super::addresses::addresses;
use super::{MAX_LINES, lines};
use crate::bounce::bytes::{self, ends_with_ci, starts_with_ci};

/// Local parts of mailboxes that send reports rather than receive mail.
pub(super) fn is_system_sender(addr: &str) -> bool {
    const SYSTEM: &[&str] = &[
        "mailer-daemon",
        "postmaster",
        "post_master",
        "mail-daemon",
        "mailerdaemon",
        "noreply",
        "no-reply",
    ];
    // A mailing list's command address, which its notices name for the
    // reader to write to ("-ctl" for fml, "-request" for Mailman and
    // Majordomo).
    const LIST_COMMANDS: &[&str] = &["-ctl", "-request"];
    let local = bytes::split_once(addr, b'@').map_or(addr, |(l, _)| l);
    SYSTEM.iter().any(|s| s.eq_ignore_ascii_case(local))
        || LIST_COMMANDS
            .iter()
            .any(|s| local.len() > s.len() && bytes::ends_with_ci(local, s))
}

/// Lines that name an address without it being a recipient: header fields
/// of the quoted original, aliases an address was expanded from.
pub(super) fn is_header_line(line: &str) -> bool {
    const STARTS: &[&str] = &[
        "message-id:",
        "in-reply-to:",
        "references:",
        "from:",
        "return-path:",
        "sender:",
        "reply-to:",
        "x-",
        "to:",
        "cc:",
        "bcc:",
        "delivered-to:",
        "received:",
        "subject:",
        "date:",
        "original-envelope-id:",
        "envelope-id:",
        "for <",
        "(ultimately generated from",
        "(generated from",
        "(expanded from",
        "mail from:",
        "original sender:",
    ];
    let l = line.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
    STARTS.iter().any(|p| starts_with_ci(l, p))
}

/// Lines where an MTA says which address a recipient came from (Sendmail
/// "(expanded from: a@b)", Exim "(generated from a@b)").
pub(super) fn is_alias_line(line: &str) -> bool {
    let l = line.trim_start();
    [
        "(expanded from",
        "(generated from",
        "(ultimately generated from",
    ]
    .iter()
    .any(|p| starts_with_ci(l, p))
}

/// The addresses a report names only as what a recipient was expanded
/// from: the last resort when it names no recipient at all.
pub(in crate::bounce) fn aliases(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in lines(text)
        .take(MAX_LINES)
        .filter(|l| l.contains('@') && is_alias_line(l))
    {
        for a in addresses(l) {
            if !out.iter().any(|o| o.eq_ignore_ascii_case(a)) {
                out.push(a.to_string());
            }
        }
    }
    out
}

/// True for an address the text offers for help rather than reports: one
/// the reader is told to contact, mail or write to. Refusing servers put
/// such addresses in their replies ("… blocked using zen.example.com; To
/// request removal, please email <delist@…>", "If you believe this is an
/// error, contact <abuse@…> or write to <support@…>"), and providers in
/// their notices ("please contact your email admin at <helpdesk@…>").
/// `addr` is a slice of `lines[i]`.
///
/// The instruction is the clause that leads up to the address, and it must
/// start with the verb: `We could not send your message to <a>` and `Mail
/// for <a>` name recipients, and so does a label (`E-mail: <a>`).
pub(super) fn is_help_address(lines: &[&str], i: usize, addr: &str) -> bool {
    let line = lines[i];
    let before = words_before(line, addr);
    if before.is_empty() && line.starts_with([' ', '\t']) && i > 0 {
        // A reply wrapped onto indented lines: the instruction may end the
        // line above ("… contact\n    <abuse@…>").
        let above = lines[i - 1].trim_end();
        if !above.is_empty() {
            return is_help_clause(last_words(above), line, addr);
        }
    }
    is_help_clause(last_words(before), line, addr)
}

/// The most bytes before an address read for the instruction that leads up
/// to it: an instruction is a short clause ("please contact our support
/// team by email at"). Without a bound, a line of many addresses and no
/// clause breaks is read from its start for each one of them.
const MAX_INSTRUCTION: usize = 256;

/// The whole words among the last [`MAX_INSTRUCTION`] bytes of `text`:
/// all of it when it is short, else what follows the first white space of
/// that tail ("" when there is none: one word that long is no instruction).
fn last_words(text: &str) -> &str {
    if text.len() <= MAX_INSTRUCTION {
        return text;
    }
    let tail = &text[text.ceil_char_boundary(text.len() - MAX_INSTRUCTION)..];
    tail.find(char::is_whitespace)
        .map_or("", |at| tail[at..].trim_start())
}

/// Whether `before`, the words that lead up to `addr` on `line` (or end
/// the line above it), tell the reader to write to it.
fn is_help_clause(before: &str, line: &str, addr: &str) -> bool {
    if ends_with_ci(before, "contact") {
        return true;
    }
    let clause = last_clause(before);
    let mut buf = [0; 24];
    let mut words = clause.split_whitespace();
    let Some(verb) = words.find(|w| !is_polite(lower_word(w, &mut buf))) else {
        return false;
    };
    let verb = lower_word(verb, &mut buf);
    if HELP_CONTACT.iter().any(|c| verb.starts_with(c)) {
        true
    } else if HELP_MAIL.contains(&verb) {
        // "please email <a>", "reach us at <a>": the address is the verb's
        // object.
        let labelled = line[..offset_in(line, addr)]
            .trim_end_matches(|c: char| c.is_whitespace() || c == '<')
            .ends_with(':');
        let object = match (words.next(), words.next(), words.next()) {
            (None, _, _) => true,
            (Some(us), Some(at), None) => {
                us.eq_ignore_ascii_case("us")
                    && ["at", "on", "via"]
                        .iter()
                        .any(|p| at.eq_ignore_ascii_case(p))
            }
            _ => false,
        };
        object && !labelled
    } else {
        HELP_WRITE.contains(&verb)
            && HELP_TO.iter().any(|to| {
                ends_with_ci(clause, to) && clause[..clause.len() - to.len()].ends_with(' ')
            })
    }
}

/// `word` lower-cased, in `buf`; "" for a word too long to be one of the
/// words an instruction is told by.
fn lower_word<'b>(word: &str, buf: &'b mut [u8; 24]) -> &'b str {
    if word.len() > buf.len() {
        return "";
    }
    if word.is_ascii() {
        let out = &mut buf[..word.len()];
        out.copy_from_slice(word.as_bytes());
        out.make_ascii_lowercase();
        return std::str::from_utf8(out).unwrap_or("");
    }
    let mut n = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let len = c.len_utf8();
        if n + len > buf.len() {
            return "";
        }
        c.encode_utf8(&mut buf[n..]);
        n += len;
    }
    std::str::from_utf8(&buf[..n]).unwrap_or("")
}

/// Words that may open an instruction before its verb ("please", "or",
/// "you can", "you may also", and their kin in the report languages; the
/// light verb of "ta/tag kontakt med", and "merci de" before "contacter"),
/// lower case, in byte order: [`is_polite`] searches them by halves.
const HELP_POLITE: &[&str] = &[
    "also",
    "anche",
    "and",
    "aussi",
    "bitte",
    "can",
    "de",
    "di",
    "du",
    "e",
    "eller",
    "en",
    "et",
    "favor",
    "gelieve",
    "kan",
    "kindly",
    "kunt",
    "may",
    "merci",
    "ni",
    "o",
    "också",
    "oder",
    "of",
    "og",
    "også",
    "ook",
    "or",
    "ou",
    "per",
    "please",
    "pode",
    "por",
    "pouvez",
    "prega",
    "puede",
    "puoi",
    "può",
    "si",
    "ta",
    "tag",
    "también",
    "também",
    "then",
    "u",
    "und",
    "usted",
    "venligst",
    "vennligst",
    "veuillez",
    "você",
    "vous",
    "vänligen",
    "y",
    "you",
];

/// True for a word of [`HELP_POLITE`] (lower case).
fn is_polite(word: &str) -> bool {
    HELP_POLITE.binary_search(&word).is_ok()
}

/// How an instruction to contact someone starts (a prefix of its verb):
/// "contact", "kontakt(a)", "kontaktieren", "contacter", "contatta(re)",
/// "contate", and the verbs of "wenden Sie sich an", "póngase en contacto
/// con", "entre em contato com", "neem contact op met".
const HELP_CONTACT: &[&str] = &[
    "contact", "kontakt", "contat", "wenden", "póngase", "pongase", "entre", "neem",
];

/// Verbs whose object is the address itself (`email <a>`, `reach us at <a>`).
const HELP_MAIL: &[&str] = &["email", "e-mail", "mail", "reach"];

/// Verbs of sending and writing that lead to the address through a
/// preposition ([`HELP_TO`]): `send questions to <a>`, `skriv til <a>`.
const HELP_WRITE: &[&str] = &[
    "send",
    "write",
    "skriv",
    "skicka",
    "schreiben",
    "schreibe",
    "écrivez",
    "envoyez",
    "escriba",
    "envíe",
    "envie",
    "scrivi",
    "scrivere",
    "scrivete",
    "escreva",
    "stuur",
];

/// The prepositions that end such an instruction.
const HELP_TO: &[&str] = &["to", "til", "till", "an", "à", "a", "para", "naar"];

/// Where `addr`, a slice of `line`, starts in it.
fn offset_in(line: &str, addr: &str) -> usize {
    (addr.as_ptr() as usize)
        .saturating_sub(line.as_ptr() as usize)
        .min(line.len())
}

/// The last clause of `text`: what follows its last ", ", "; ", ". ",
/// "! ", "? ", ": ", "(", " or " or " and " (the dots inside an address or
/// a host name do not end one). One pass from the end.
fn last_clause(text: &str) -> &str {
    let b = text.as_bytes();
    for i in (0..b.len()).rev() {
        let after = &b[i + 1..];
        let end = match b[i] {
            b',' | b';' | b'.' | b'!' | b'?' | b':' if after.first() == Some(&b' ') => i + 2,
            b'(' => i + 1,
            b' ' if after.starts_with(b"or ") => i + 4,
            b' ' if after.starts_with(b"and ") => i + 5,
            _ => continue,
        };
        return &text[end..];
    }
    text
}

/// The text of `line` before `addr` (a slice of it), without the spaces,
/// `<` and `:` that lead up to an address.
fn words_before<'l>(line: &'l str, addr: &str) -> &'l str {
    line[..offset_in(line, addr)]
        .trim_end_matches(|c: char| c.is_whitespace() || c == '<' || c == ':')
}

/// The text of `line` after `addr` (a slice of it), without the `>`, `:`
/// and spaces that follow an address.
fn words_after<'l>(line: &'l str, addr: &str) -> &'l str {
    line.get(offset_in(line, addr) + addr.len()..)
        .unwrap_or("")
        .trim_start_matches(|c: char| c.is_whitespace() || c == '>' || c == ':')
}

/// True for the sender named by `A message sent by <addr> could not be
/// delivered` (Exim), on the line of `addr` or, with `addr` on a line of
/// its own, on the nearest line above that has text; for the sender a
/// server refuses at MAIL FROM, `<addr>: Sender address rejected: not
/// owned by user <login>` (Postfix), both addresses the sender's own; for
/// the account of Outlook's send task (`Task '<addr> - Sending'`); for
/// the sender recipients refuse (`they are not accepting mail from
/// <addr>`, AOL); and for the reader a report greets (`Sorry <addr>. Your
/// mail to the following recipients could not be delivered`, AOL; `Dear
/// <addr>,`), who sent the mail that failed.
pub(super) fn is_sender_address(lines: &[&str], i: usize, addr: &str) -> bool {
    let line = lines[i];
    let after = words_after(line, addr);
    // Outlook names the account it sends from in its send task's error:
    // "Task 'ola@example.no - Sending' reported error (0x800CCC78)".
    if starts_with_ci(after, "sender address rejected") || starts_with_ci(after, "- sending'") {
        return true;
    }
    let before = words_before(line, addr);
    if !before.is_empty() {
        return ends_with_ci(before, "sent by")
            || ends_with_ci(before, "accepting mail from")
            || ends_with_ci(before, "not owned by user")
            || is_greeting(before);
    }
    lines[..i]
        .iter()
        .rev()
        .take(3)
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| ends_with_ci(l.trim_end(), "sent by"))
}

/// True when `before`, all the words of a line ahead of an address, are a
/// greeting: the address is then the reader's. Only a whole line's start
/// counts, so `Mail to <addr>` or `Hello, delivery to <addr> failed` are
/// not greetings of it.
fn is_greeting(before: &str) -> bool {
    const GREETINGS: &[&str] = &[
        "dear", "hello", "hi", "sorry", "hallo", "hei", "hej", "hola", "bonjour", "ciao", "olá",
        "kjære", "kære", "kära", "beste", "liebe", "lieber", "estimado", "estimada", "cher",
        "chère",
    ];
    let b = before.trim_start().trim_end_matches([',', ' ']);
    // Case is folded for ASCII only, enough for these words: the letter a
    // greeting is capitalised at, its first, is ASCII in each of them.
    GREETINGS.iter().any(|g| b.eq_ignore_ascii_case(g))
}

/// Message-IDs look like addresses; these lines name them.
pub(super) fn is_id_line(line: &str) -> bool {
    let l = line.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
    [
        "message-id:",
        "in-reply-to:",
        "references:",
        "original-envelope-id:",
        "envelope-id:",
    ]
    .iter()
    .any(|p| starts_with_ci(l, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_last_words_before_an_address_are_read_for_an_instruction() {
        assert_eq!(last_words("please contact"), "please contact");
        let long = format!("{} please contact", "word ".repeat(100));
        assert!(last_words(&long).len() <= MAX_INSTRUCTION);
        assert!(last_words(&long).ends_with("please contact"));
        assert!(last_words(&long).starts_with("word "));
        assert_eq!(last_words(&"x".repeat(1000)), "");
        // Cut inside a character, the tail still starts at a whole word.
        let wide = format!("{} kontakt", "æøå ".repeat(100));
        assert!(last_words(&wide).ends_with("kontakt"));
        // A line naming thousands of addresses reads each one's few words.
        let line = "kari@example.org ".repeat(20_000);
        let lines = [line.as_str()];
        let addr = &line[line.len() - 17..line.len() - 1];
        assert!(!is_help_address(&lines, 0, addr));
    }

    #[test]
    fn an_address_offered_for_help_is_told_from_a_recipient() {
        // The last address on the last line.
        let help_in = |lines: &[&str]| {
            let i = lines.len() - 1;
            let addr = addresses(lines[i]).last().expect("an address");
            is_help_address(lines, i, addr)
        };
        let help = |line: &str| help_in(&[line]);
        assert!(help(
            "For further assistance, please contact <help@example.net>"
        ));
        assert!(help(
            "550 5.7.1 Blocked. If you are not a spammer, or send an e-mail message from another address to delist@example.com with it."
        ));
        assert!(help("Please write to postmaster@example.org if in doubt."));
        assert!(help(
            "    request removal, please email delist@rbl.example.com (in reply to RCPT TO"
        ));
        assert!(help(
            "    abuse@example.org or write to support@example.org with this error."
        ));
        assert!(help(
            "550 5.7.1 Your IP is listed. Mail abuse@example.org to be removed."
        ));
        assert!(help(
            "If the problem continues, please contact your email admin at helpdesk@example.com."
        ));
        // The verb does not start the clause: the address is a recipient.
        assert!(!help("We could not send your message to kari@example.org."));
        assert!(!help("Delivery to kari@example.org failed."));
        assert!(!help("Mail for kari@example.org could not be delivered."));
        assert!(!help("Your email to kari@example.org was not delivered."));
        assert!(help("Questions? Email us at help@example.org."));
        assert!(help(
            "Rejected by policy. Reach us at help@example.org for details."
        ));
        // The ten report languages.
        for line in [
            "Kontakt kundeservice på kundeservice@example.net hvis problemet vedvarer.",
            "Das Postfach ist voll. Bitte wenden Sie sich an support@example.net, wenn",
            "Veuillez contacter support@example.net si le problème persiste.",
            "El buzón está lleno. Póngase en contacto con soporte@example.net si",
            "Mottagarens brevlåda är full. Kontakta support@example.net om",
            "Contatta supporto@example.net se il problema persiste.",
            "Entre em contato com suporte@example.net se o problema persistir.",
            "Het postvak is vol. Neem contact op met support@example.net als",
            "Skriv til postmester@example.net for hjelp.",
            "Écrivez à support@example.net si le problème persiste.",
            // The noun after a light verb ("take contact with"), and
            // French's "thank you for contacting".
            "Ta kontakt med per@example.net hvis det haster.",
            "Ta kontakt med per@example.net om det är brådskande.",
            "Tag kontakt til per@example.net, hvis det haster.",
            "Merci de contacter per@example.net en cas d'urgence.",
        ] {
            assert!(help(line), "{line}");
        }
        assert!(!help("Meldingen kunne ikke leveres til kari@example.org."));
        assert!(!help(
            "Unable to contact the mail server for kari@example.org"
        ));
        // A link is how a text made from HTML shows any address.
        assert!(!help("kari@example.org<mailto:kari@example.org>"));
        // A label, not an instruction.
        assert!(!help("E-mail: kari@example.org"));
        assert!(!help("Mail us: kari@example.org"));
        // A reply wrapped after the verb.
        assert!(help_in(&[
            "    rejected as spam. If you believe this is an error, contact",
            "    abuse@example.org or write to support@example.org with this error.",
        ]));
        assert!(help_in(&[
            "    rejected as spam. If you believe this is an error, contact",
            "    abuse@example.org",
        ]));
        // A recipient listed, indented, under the report's sentence.
        assert!(!help_in(&[
            "Delivery to the following recipients failed:",
            "    kari@example.org",
        ]));
        // "Send" that does not lead to the address.
        assert!(!help("Send failed: kari@example.org"));
        // The reader is told they may: "you can", "du kan", "vous pouvez".
        for line in [
            "If you have questions, you can write to help@example.org.",
            "You may also contact postmaster@example.org for details.",
            "Har du spørsmål, kan du kontakte kundeservice@example.net.",
            "Vous pouvez aussi contacter support@example.net.",
            "U kunt ook contact opnemen met support@example.net.",
        ] {
            assert!(help(line), "{line}");
        }
        assert!(!help("You can not send mail to kari@example.org."));
        assert!(!help("Du kan ikke sende til kari@example.org."));
    }

    #[test]
    fn list_command_addresses_send_rather_than_receive() {
        assert!(is_system_sender("fjellturer-ctl@lister.example.no"));
        assert!(is_system_sender("Users-Request@lists.example.org"));
        assert!(is_system_sender("MAILER-DAEMON@example.net"));
        // The suffix alone, or inside a name, is a person's mailbox.
        assert!(!is_system_sender("request@example.org"));
        assert!(!is_system_sender("kari.ctl@example.no"));
        assert!(!is_system_sender("requests-team@example.org"));
    }

    #[test]
    fn the_sender_a_report_names_is_no_recipient() {
        let lines = [
            "A message sent by",
            "",
            "  <britt@example.org>",
            "",
            "could not be delivered. The following address(es) failed:",
            "  nils@example.com",
            "A message sent by <eva@example.org> could not be delivered",
        ];
        let sender = |i: usize| {
            let a = addresses(lines[i]).next().unwrap();
            is_sender_address(&lines, i, a)
        };
        assert!(sender(2));
        assert!(!sender(5));
        assert!(sender(6));
        // The reader a report greets sent the mail; a recipient named
        // after other words is still one.
        let first = |line: &str| {
            let a = addresses(line).next().unwrap();
            is_sender_address(&[line], 0, a)
        };
        assert!(first(
            "Sorry kari@example.org. Your mail to the following recipients could not be delivered"
        ));
        assert!(first("Dear <kari@example.org>,"));
        assert!(first("  Kjære kari@example.org"));
        assert!(!first("Hello, delivery to kari@example.org failed"));
        assert!(!first("Mail to kari@example.org could not be delivered"));
        assert!(!first("kari@example.org: hi there"));
        assert!(first("they are not accepting mail from kari@example.org:"));
    }

    #[test]
    fn the_polite_words_are_in_byte_order() {
        assert!(HELP_POLITE.windows(2).all(|w| w[0] < w[1]));
        assert!(is_polite("vennligst") && is_polite("også") && !is_polite("contact"));
    }
}
