//! A mail saved by Outlook (a `.msg` file, MS-OXMSG), made into a mail the
//! parser can read.
//!
//! On Windows, Outlook saves a message as an Outlook item, not as the mail
//! it received: an OLE compound file (a small file system of "storages"
//! and "streams") that holds the item's properties, one stream each. A
//! person who saves a returned mail and drops it into a page has such a
//! file. Three properties carry what a bounce says:
//!
//! - the transport header section: the header fields of the mail as it
//!   arrived (`PR_TRANSPORT_MESSAGE_HEADERS`), when it came by SMTP;
//! - the text (`PR_BODY`, or `PR_BODY_HTML` when there is no text);
//! - for a non-delivery report (`REPORT.IPM.Note.NDR`), its recipient
//!   table: each failed recipient beside the server's words
//!   (`PR_SUPPLEMENTARY_INFO`: "Remote Server returned '550 5.1.1 …'"),
//!   which Outlook shows but need not store in the text.
//!
//! A report also holds the message it returns, as an attached message.
//!
//! [`as_mail`] writes them as one mail: the header fields (without those
//! about the MIME body, which is no longer there), then the text and the
//! recipient lines the text does not already hold, and, for a report, the
//! returned original's header fields as a `text/rfc822-headers` part.
//! Everything read is bounded: each property's bytes, and the recipients.

use std::io::{Cursor, Read};

/// How every OLE compound file, so every `.msg`, begins.
const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The largest item read: a returned mail with its original attached.
pub const MAX_ITEM: usize = 32 * 1024 * 1024;
/// The most bytes of the text (or HTML) read.
const MAX_BODY: u64 = 512 * 1024;
/// The most bytes of the transport header section read.
const MAX_HEADERS: u64 = 128 * 1024;
/// The most bytes of a short property (an address, a subject) read.
const MAX_SHORT: u64 = 8 * 1024;
/// The most recipients of a report read.
const MAX_RECIPIENTS: usize = 500;

/// Property tags (MS-OXPROPS), as they name a stream: `__substg1.0_TTTTYYYY`
/// with TTTT the tag and YYYY its type.
const MESSAGE_CLASS: u16 = 0x001A;
const SUBJECT: u16 = 0x0037;
const TRANSPORT_HEADERS: u16 = 0x007D;
const SENDER_NAME: u16 = 0x0C1A;
const SENDER_ADDRESS: u16 = 0x0C1F;
const SUPPLEMENTARY_INFO: u16 = 0x0C1B;
const BODY: u16 = 0x1000;
const BODY_HTML: u16 = 0x1013;
const MESSAGE_ID: u16 = 0x1035;
const EMAIL_ADDRESS: u16 = 0x3003;
const SMTP_ADDRESS: u16 = 0x39FE;

/// Header fields of the received mail that describe its MIME body: the
/// body written here is one plain part, so they would misdescribe it.
const BODY_FIELDS: &[&str] = &["content-type", "content-transfer-encoding", "mime-version"];

type Item<'a> = cfb::CompoundFile<Cursor<&'a [u8]>>;

/// True when `raw` is an OLE compound file, as a `.msg` is.
pub(super) fn is_item(raw: &[u8]) -> bool {
    raw.starts_with(&SIGNATURE)
}

/// The Outlook item in `raw` as a mail; `None` when it cannot be read as
/// one (a broken file, or another kind of compound file with none of a
/// message's properties).
pub(super) fn as_mail(raw: &[u8]) -> Option<Vec<u8>> {
    let mut item = cfb::CompoundFile::open(Cursor::new(&raw[..raw.len().min(MAX_ITEM)])).ok()?;
    let class = text(&mut item, "", MESSAGE_CLASS, MAX_SHORT).unwrap_or_default();
    let head = match text(&mut item, "", TRANSPORT_HEADERS, MAX_HEADERS) {
        Some(received) => without_body_fields(&received),
        None => fields_of(&mut item, ""),
    };
    if head.trim().is_empty() && class.is_empty() {
        return None;
    }
    let (content_type, mut body) = match text(&mut item, "", BODY, MAX_BODY) {
        Some(plain) => ("text/plain", plain),
        None => match bytes(&mut item, "", BODY_HTML, 0x0102, MAX_BODY) {
            Some(html) => ("text/html", String::from_utf8_lossy(&html).into_owned()),
            None => ("text/plain", String::new()),
        },
    };
    let report = is_report_class(&class);
    if report {
        let html = content_type == "text/html";
        for (address, words) in recipients(&mut item) {
            if body.contains(&address) {
                continue;
            }
            if html {
                let escape = |s: &str| {
                    s.replace('&', "&amp;")
                        .replace('<', "&lt;")
                        .replace('>', "&gt;")
                };
                body.push_str(&format!(
                    "<p>{}<br>\r\n{}</p>\r\n",
                    escape(&address),
                    escape(&words)
                ));
            } else {
                body.push_str(&format!("\r\n\r\n{address}\r\n    {words}\r\n"));
            }
        }
    }
    let original = report
        .then(|| original_fields(&mut item))
        .filter(|f| !f.is_empty());
    let part = format!("Content-Type: {content_type}; charset=utf-8\r\n\r\n");
    let mut mail = head.into_bytes();
    match original {
        None => {
            mail.extend_from_slice(part.as_bytes());
            mail.extend_from_slice(body.as_bytes());
        }
        Some(fields) => {
            // The text, and the returned original's header fields as a
            // report carries them.
            let b = "postvakt-outlook-item";
            mail.extend_from_slice(
                format!("Content-Type: multipart/mixed; boundary=\"{b}\"\r\n\r\n--{b}\r\n{part}")
                    .as_bytes(),
            );
            mail.extend_from_slice(body.as_bytes());
            mail.extend_from_slice(
                format!(
                    "\r\n--{b}\r\nContent-Type: text/rfc822-headers\r\n\r\n{fields}\r\n--{b}--\r\n"
                )
                .as_bytes(),
            );
        }
    }
    Some(mail)
}

/// The header fields of the returned original, which a report's item holds
/// as an attached message (its first attachment, stored whole): its
/// received header section, or the fields it names itself.
fn original_fields(item: &mut Item<'_>) -> String {
    const ORIGINAL: &str = "__attach_version1.0_#00000000/__substg1.0_3701000D";
    if !item.is_storage(format!("/{ORIGINAL}")) {
        return String::new();
    }
    match text(item, ORIGINAL, TRANSPORT_HEADERS, MAX_HEADERS) {
        Some(received) => without_body_fields(&received),
        None => fields_of(item, ORIGINAL),
    }
}

/// `REPORT.IPM.Note.NDR` and its kin: the class of a non-delivery report,
/// whose recipient table lists who failed.
fn is_report_class(class: &str) -> bool {
    let class = class.to_ascii_lowercase();
    class.starts_with("report.") && class.ends_with(".ndr")
}

/// The received header section without the fields about its MIME body
/// (and their continuation lines), each line ending in CRLF.
fn without_body_fields(received: &str) -> String {
    let mut head = String::with_capacity(received.len() + 2);
    let mut skipping = false;
    for line in received.lines() {
        if line.trim().is_empty() {
            break; // the end of the header section
        }
        if !line.starts_with([' ', '\t']) {
            let name = line.split(':').next().unwrap_or("").trim();
            skipping = BODY_FIELDS.iter().any(|f| name.eq_ignore_ascii_case(f));
        }
        if !skipping {
            head.push_str(line);
            head.push_str("\r\n");
        }
    }
    head
}

/// The fields an item names itself (the storage `at`, "" for the item),
/// for one that did not come by SMTP (a report the user's own Exchange
/// server wrote, a message it returned): its sender, subject and
/// Message-ID.
fn fields_of(item: &mut Item<'_>, at: &str) -> String {
    let mut head = String::new();
    let address = text(item, at, SENDER_ADDRESS, MAX_SHORT).filter(|a| a.contains('@'));
    let name = text(item, at, SENDER_NAME, MAX_SHORT);
    let from = match (name, address) {
        (Some(name), Some(address)) => format!("{} <{address}>", name.replace(['<', '>'], "")),
        (None, Some(address)) => address,
        (Some(name), None) => name,
        (None, None) => String::new(),
    };
    let subject = text(item, at, SUBJECT, MAX_SHORT).unwrap_or_default();
    let id = text(item, at, MESSAGE_ID, MAX_SHORT).unwrap_or_default();
    for (field, value) in [("From", from), ("Subject", subject), ("Message-ID", id)] {
        let value = one_line(&value);
        if !value.is_empty() {
            head.push_str(field);
            head.push_str(": ");
            head.push_str(&value);
            head.push_str("\r\n");
        }
    }
    head
}

/// The recipients of a report beside the server's words about each.
fn recipients(item: &mut Item<'_>) -> Vec<(String, String)> {
    let storages: Vec<String> = item
        .read_root_storage()
        .filter(|e| e.is_storage() && e.name().starts_with("__recip_version1.0_"))
        .map(|e| e.name().to_string())
        .take(MAX_RECIPIENTS)
        .collect();
    storages
        .iter()
        .filter_map(|storage| {
            let address = text(item, storage, SMTP_ADDRESS, MAX_SHORT)
                .or_else(|| text(item, storage, EMAIL_ADDRESS, MAX_SHORT))
                .map(|a| one_line(&a))
                .filter(|a| a.contains('@'))?;
            let words = text(item, storage, SUPPLEMENTARY_INFO, MAX_SHORT).unwrap_or_default();
            Some((address, one_line(&words)))
        })
        .collect()
}

/// A string property of the storage `at` ("" for the item itself): its
/// Unicode form (type 001F, UTF-16LE), or its 8-bit form (001E, read as
/// Windows' Western code page, whose letters æ, ø, å stand where Latin-1
/// has them). Without the NUL that ends it.
fn text(item: &mut Item<'_>, at: &str, tag: u16, max: u64) -> Option<String> {
    if let Some(b) = bytes(item, at, tag, 0x001F, max) {
        let units = b.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]]));
        let s: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        return Some(s.trim_end_matches('\0').to_string());
    }
    let b = bytes(item, at, tag, 0x001E, max)?;
    let s: String = b.iter().map(|&c| char::from(c)).collect();
    Some(s.trim_end_matches('\0').to_string())
}

/// The first `max` bytes of the property stream `tag`/`kind` of the storage
/// `at`, when there is one.
fn bytes(item: &mut Item<'_>, at: &str, tag: u16, kind: u16, max: u64) -> Option<Vec<u8>> {
    let name = format!("__substg1.0_{tag:04X}{kind:04X}");
    let path = if at.is_empty() {
        format!("/{name}")
    } else {
        format!("/{at}/{name}")
    };
    let stream = item.open_stream(&path).ok()?;
    let mut out = Vec::new();
    stream.take(max).read_to_end(&mut out).ok()?;
    Some(out)
}

/// `s` on one line: line breaks and other controls as spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
pub(super) mod tests {
    use std::io::Write;

    use super::*;

    /// An Outlook item with the string properties `props` (tag, value; the
    /// HTML body as the bytes Outlook stores),
    /// report recipients (address, the server's words) and an attached
    /// message with the properties `original` (none when empty), as
    /// Outlook saves one.
    pub fn item(
        props: &[(u16, &str)],
        recipients: &[(&str, &str)],
        original: &[(u16, &str)],
    ) -> Vec<u8> {
        let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        let put = |cf: &mut cfb::CompoundFile<Cursor<Vec<u8>>>, path: String, value: &str| {
            let mut s = cf.create_stream(path).unwrap();
            let utf16: Vec<u8> = value.encode_utf16().flat_map(u16::to_le_bytes).collect();
            s.write_all(&utf16).unwrap();
        };
        for (tag, value) in props {
            if *tag == BODY_HTML {
                // Binary (0102), in the item's code page: UTF-8 here.
                let mut s = cf.create_stream("/__substg1.0_10130102").unwrap();
                s.write_all(value.as_bytes()).unwrap();
            } else {
                put(&mut cf, format!("/__substg1.0_{tag:04X}001F"), value);
            }
        }
        if !original.is_empty() {
            let storage = "/__attach_version1.0_#00000000/__substg1.0_3701000D";
            cf.create_storage_all(storage).unwrap();
            for (tag, value) in original {
                put(
                    &mut cf,
                    format!("{storage}/__substg1.0_{tag:04X}001F"),
                    value,
                );
            }
        }
        for (n, (address, words)) in recipients.iter().enumerate() {
            let storage = format!("/__recip_version1.0_#{n:08X}");
            cf.create_storage(&storage).unwrap();
            put(
                &mut cf,
                format!("{storage}/__substg1.0_{SMTP_ADDRESS:04X}001F"),
                address,
            );
            put(
                &mut cf,
                format!("{storage}/__substg1.0_{SUPPLEMENTARY_INFO:04X}001F"),
                words,
            );
        }
        cf.flush().unwrap();
        cf.into_inner().into_inner()
    }

    /// `tests/vectors/bounce-saved/outlook-ndr.msg`: Office 365's report in
    /// Norwegian as Outlook saves it, its text without the recipient, who
    /// stands only in the recipient table. Written anew by this test when
    /// `BOUNCE_VECTORS_WRITE` is set; `bounce_vectors` holds its reading.
    #[test]
    fn the_saved_report_vector() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/vectors/bounce-saved/outlook-ndr.msg"
        );
        let raw = item(
            &[
                (MESSAGE_CLASS, "REPORT.IPM.Note.NDR"),
                (
                    TRANSPORT_HEADERS,
                    "Received: from AM0PR01MB1234.eurprd01.prod.outlook.com\r\n\
                     \tby AM0PR01MB5678.eurprd01.prod.outlook.com; Sat, 5 Dec 2026 17:02:11 +0000\r\n\
                     From: Microsoft Outlook <postmaster@example.onmicrosoft.com>\r\n\
                     To: Kari Nordmann <kari@example.net>\r\n\
                     Date: Sat, 5 Dec 2026 17:02:11 +0000\r\n\
                     Subject: Kan ikke leveres: Julebord\r\n\
                     Message-ID: <ndr-julebord@AM0PR01MB5678.eurprd01.prod.outlook.com>\r\n\
                     Content-Type: multipart/report; report-type=delivery-status;\r\n\
                     \tboundary=\"ndr\"\r\n\
                     MIME-Version: 1.0\r\n\r\n",
                ),
                (SUBJECT, "Kan ikke leveres: Julebord"),
                (
                    BODY,
                    "Meldingen din kunne ikke leveres.\r\n\r\n\
                     Adressen finnes ikke. Kontroller at adressen er skrevet riktig.\r\n",
                ),
            ],
            &[(
                "per.hansen@example.org",
                "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; \
                 Recipient per.hansen@example.org not found by SMTP address lookup'",
            )],
            &[
                (SENDER_NAME, "Kari Nordmann"),
                (SENDER_ADDRESS, "kari@example.net"),
                (SUBJECT, "Julebord"),
                (MESSAGE_ID, "<julebord-1@example.net>"),
            ],
        );
        if std::env::var_os("BOUNCE_VECTORS_WRITE").is_some() {
            std::fs::write(path, &raw).unwrap();
        }
        let saved =
            std::fs::read(path).expect("the saved vector (BOUNCE_VECTORS_WRITE=1 writes it)");
        assert_eq!(as_mail(&saved), as_mail(&raw));
    }

    #[test]
    fn a_saved_report_is_its_received_fields_its_text_and_its_recipients() {
        let raw = item(
            &[
                (MESSAGE_CLASS, "REPORT.IPM.Note.NDR"),
                (
                    TRANSPORT_HEADERS,
                    "From: Microsoft Outlook <postmaster@example.net>\r\n\
                     To: Kari <kari@example.net>\r\n\
                     Subject: Kan ikke leveres: Julebord\r\n\
                     Content-Type: multipart/report;\r\n\
                     \treport-type=delivery-status; boundary=\"b\"\r\n\
                     MIME-Version: 1.0\r\n\r\n",
                ),
                (
                    BODY,
                    "Levering til disse mottakerne eller gruppene mislyktes:\r\n",
                ),
            ],
            &[(
                "per@example.org",
                "Remote Server returned '550 5.1.1 User unknown'",
            )],
            &[],
        );
        assert!(is_item(&raw));
        let mail = String::from_utf8(as_mail(&raw).unwrap()).unwrap();
        assert_eq!(
            mail,
            "From: Microsoft Outlook <postmaster@example.net>\r\n\
             To: Kari <kari@example.net>\r\n\
             Subject: Kan ikke leveres: Julebord\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\r\n\
             Levering til disse mottakerne eller gruppene mislyktes:\r\n\r\n\r\n\
             per@example.org\r\n    Remote Server returned '550 5.1.1 User unknown'\r\n"
        );
    }

    #[test]
    fn a_report_with_html_only_gets_its_recipients_as_html() {
        let raw = item(
            &[
                (MESSAGE_CLASS, "REPORT.IPM.Note.NDR"),
                (
                    BODY_HTML,
                    "<html><body><p>Delivery has failed.</p></body></html>",
                ),
            ],
            &[("per@example.org", "550 <per@example.org> unknown")],
            &[],
        );
        let mail = String::from_utf8(as_mail(&raw).unwrap()).unwrap();
        assert_eq!(
            mail,
            "Content-Type: text/html; charset=utf-8\r\n\r\n\
             <html><body><p>Delivery has failed.</p></body></html>\
             <p>per@example.org<br>\r\n550 &lt;per@example.org&gt; unknown</p>\r\n"
        );
    }

    #[test]
    fn an_item_that_came_by_no_smtp_names_its_sender_and_subject() {
        let raw = item(
            &[
                (MESSAGE_CLASS, "IPM.Note"),
                (SENDER_NAME, "Per\r\nBcc: x@example.org"),
                (SENDER_ADDRESS, "per@example.org"),
                (SUBJECT, "Hei"),
                (BODY, "Hei Kari!"),
            ],
            &[("ola@example.com", "")],
            &[(SUBJECT, "Not read: it is a person's mail")],
        );
        let mail = String::from_utf8(as_mail(&raw).unwrap()).unwrap();
        // A line break in a property is no new header field; a person's
        // mail lists no report recipients.
        assert_eq!(
            mail,
            "From: Per  Bcc: x@example.org <per@example.org>\r\nSubject: Hei\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\r\nHei Kari!"
        );
    }

    #[test]
    fn a_report_is_read_to_its_bounds() {
        let many: Vec<(String, &str)> = (0..MAX_RECIPIENTS + 20)
            .map(|n| (format!("r{n}@example.org"), "550 5.1.1 User unknown"))
            .collect();
        let many: Vec<(&str, &str)> = many.iter().map(|(a, w)| (a.as_str(), *w)).collect();
        let long = "x".repeat(MAX_BODY as usize / 2 + 10);
        let raw = item(
            &[(MESSAGE_CLASS, "REPORT.IPM.Note.NDR"), (BODY, &long)],
            &many,
            &[],
        );
        let mut item = cfb::CompoundFile::open(Cursor::new(raw.as_slice())).unwrap();
        assert_eq!(recipients(&mut item).len(), MAX_RECIPIENTS);
        // The text is UTF-16: twice its length in bytes, read up to the bound.
        let body = text(&mut item, "", BODY, MAX_BODY).unwrap();
        assert_eq!(body.len(), MAX_BODY as usize / 2);
    }

    #[test]
    fn what_is_no_outlook_item_is_none() {
        assert!(!is_item(b"From: a@b.example\r\n\r\nHi"));
        let mut broken = SIGNATURE.to_vec();
        broken.extend_from_slice(&[0xFF; 600]);
        assert!(is_item(&broken));
        assert_eq!(as_mail(&broken), None);
        // A compound file with no message properties (a Word document).
        assert_eq!(as_mail(&item(&[], &[], &[])), None);
    }
}
