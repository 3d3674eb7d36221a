//! Header sections and the few field values a bounce reads.
//!
//! [`header_section`] splits a header section into fields, borrowing.
//! The values read — From, To, Subject, Message-ID, Content-Type — are
//! decoded the way `mail-parser` decodes them. Most are plain (`Name
//! <user@example.org>`, `text/plain; charset=us-ascii`), and for those a
//! fast path gives mail-parser's answer without its per-token allocations;
//! anything else (quotes, comments, groups, lists, RFC 2047 words, RFC 2231
//! parameters, non-ASCII) goes to mail-parser itself. Tests hold each fast
//! path to mail-parser's result.

use std::borrow::Cow;

use mail_parser::parsers::MessageStream;
use mail_parser::{Address, HeaderValue};

use super::bytes;

/// The most fields read from one header section.
const MAX_FIELDS: usize = 200;

/// One header field as written: the name, and the raw value from after the
/// colon to the end of its last (folded) line, line break included.
#[derive(Debug, Clone, Copy)]
pub(super) struct Field<'a> {
    pub name: &'a [u8],
    pub value: &'a [u8],
}

/// The header section at the start of `bytes`, and where the body starts
/// (`bytes.len()` when there is none).
///
/// Lines end with LF or CRLF; a line that starts with white space continues
/// the field before it; a line without a colon, or with white space in the
/// name, is passed over (mbox separators, stray text); a blank line ends the
/// section.
pub(super) fn header_section(bytes: &[u8]) -> (Vec<Field<'_>>, usize) {
    let mut fields: Vec<Field<'_>> = Vec::with_capacity(32);
    let mut at = 0;
    // Where the value of the last field starts, for its continuations.
    let mut open: Option<usize> = None;
    // One searcher for the line ends of the whole section.
    let mut breaks = memchr::memchr_iter(b'\n', bytes);
    while at < bytes.len() {
        let end = breaks.next().map_or(bytes.len(), |n| n + 1);
        let line = &bytes[at..end];
        if line[0].is_ascii_whitespace() && line.iter().all(u8::is_ascii_whitespace) {
            return (fields, end);
        }
        if matches!(line[0], b' ' | b'\t') {
            if let (Some(start), Some(last)) = (open, fields.last_mut()) {
                last.value = &bytes[start..end];
            }
        } else {
            open = None;
            // The name runs to the colon; white space before it may only
            // trail the name ("Subject :").
            let name_end = line
                .iter()
                .position(|&b| b == b':' || b.is_ascii_whitespace())
                .unwrap_or(line.len());
            let colon = if line.get(name_end) == Some(&b':') {
                Some(name_end)
            } else {
                let after = line[name_end..]
                    .iter()
                    .position(|b| !b.is_ascii_whitespace())
                    .map(|n| name_end + n);
                after.filter(|&c| line[c] == b':')
            };
            if let Some(colon) = colon
                && name_end > 0
                && fields.len() < MAX_FIELDS
            {
                open = Some(at + colon + 1);
                fields.push(Field {
                    name: &line[..name_end],
                    value: &bytes[at + colon + 1..end],
                });
            }
        }
        at = end;
    }
    (fields, bytes.len())
}

/// The last field of this name (any case): mail-parser's choice for the
/// fields it decodes.
pub(super) fn last<'a>(fields: &[Field<'a>], name: &str) -> Option<Field<'a>> {
    fields
        .iter()
        .rev()
        .find(|f| f.name.eq_ignore_ascii_case(name.as_bytes()))
        .copied()
}

/// A raw value's lines, each trimmed of spaces, tabs and CRs.
fn value_lines(value: &[u8]) -> impl Iterator<Item = &[u8]> {
    value
        .split(|&b| b == b'\n')
        .map(trim_wsp)
        .filter(|l| !l.is_empty())
}

fn trim_wsp(b: &[u8]) -> &[u8] {
    let is = |c: &u8| matches!(c, b' ' | b'\t' | b'\r');
    let start = b.iter().position(|c| !is(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !is(c)).map_or(start, |e| e + 1);
    &b[start..end]
}

/// Plain: ASCII, no RFC 2047 word, and ending with its line break (a value
/// cut off by the end of the input is left to mail-parser).
///
/// What [`breaks_plain`] says of each byte, tested as a whole: without an
/// early exit the byte test runs on many bytes at once, and `=?` is one
/// search.
fn plain(value: &[u8], special: impl Fn(u8) -> bool) -> bool {
    value.ends_with(b"\n")
        && !value
            .iter()
            .fold(false, |any, &b| any | (b >= 0x80) | special(b))
        && memchr::memmem::find(value, b"=?").is_none()
}

/// True when byte `b` after `prev` makes a value not plain: non-ASCII, a
/// `special` byte, or the `=?` that opens an RFC 2047 word.
fn breaks_plain(prev: u8, b: u8, special: impl Fn(u8) -> bool) -> bool {
    b >= 0x80 || special(b) || (prev == b'=' && b == b'?')
}

fn no_special(_: u8) -> bool {
    false
}

/// An unstructured value (Subject): its lines' text joined by spaces.
pub(super) fn unstructured(value: &[u8]) -> String {
    if plain(value, no_special) {
        let mut out = String::new();
        for line in value_lines(value) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(std::str::from_utf8(line).unwrap_or_default());
        }
        return out;
    }
    match MessageStream::new(value).parse_unstructured() {
        HeaderValue::Text(t) => t.into_owned(),
        _ => String::new(),
    }
}

/// A Message-ID without its angle brackets.
pub(super) fn message_id(value: &[u8]) -> String {
    if plain(value, no_special) {
        let mut lines = value_lines(value);
        if let (Some(only), None) = (lines.next(), lines.next())
            && let Some(id) = only.strip_prefix(b"<").and_then(|i| i.strip_suffix(b">"))
            && !id.is_empty()
            && !id
                .iter()
                .any(|b| matches!(b, b'<' | b'>' | b' ' | b'\t' | b'\r'))
        {
            return std::str::from_utf8(id).unwrap_or_default().to_string();
        }
    }
    MessageStream::new(value)
        .parse_id()
        .as_text()
        .unwrap_or("")
        .to_string()
}

/// Characters that make an address field more than one plain mailbox.
fn address_special(b: u8) -> bool {
    matches!(
        b,
        b'"' | b'(' | b')' | b',' | b';' | b':' | b'\\' | b'[' | b']'
    )
}

/// `Name <user@host>`, `<user@host>` or `user@host`, plain: the display
/// name and the address. One pass over the value finds what the rules
/// read: whether it is plain, and where its angle brackets are.
fn simple_address(value: &[u8]) -> Option<(Name<'_>, &str)> {
    let (mut lt, mut gt, mut brackets) = (None, None, 0);
    let mut prev = 0;
    for (i, &b) in value.iter().enumerate() {
        match b {
            b'"' => return quoted_address(value),
            b'<' => {
                lt.get_or_insert(i);
                brackets += 1;
            }
            b'>' => {
                gt.get_or_insert(i);
                brackets += 1;
            }
            _ if breaks_plain(prev, b, address_special) => {
                // Not plain; a quoted name further on is still read.
                return match memchr::memchr(b'"', &value[i..]) {
                    Some(_) => quoted_address(value),
                    None => None,
                };
            }
            _ => {}
        }
        prev = b;
    }
    if !value.ends_with(b"\n") {
        return None;
    }
    let s = std::str::from_utf8(value).ok()?;
    let one_word = |w: &str| !w.is_empty() && !w.bytes().any(|b| b.is_ascii_whitespace());
    let has_at = |w: &str| bytes::has(w, b'@');
    match (lt, gt) {
        (None, None) => {
            let addr = s.trim();
            (one_word(addr) && has_at(addr)).then_some((Name::Lines(b""), addr))
        }
        // One pair, in order.
        (Some(lt), Some(gt)) if lt < gt && brackets == 2 => {
            let addr = &s[lt + 1..gt];
            if !one_word(addr)
                || !has_at(addr)
                || !value[gt + 1..].iter().all(u8::is_ascii_whitespace)
            {
                return None;
            }
            Some((Name::Lines(&value[..lt]), addr))
        }
        _ => None,
    }
}

/// The display name of a plain mailbox, made a string only when asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Name<'a> {
    /// The raw text before the '<' (empty for none).
    Lines(&'a [u8]),
    /// What stood between the quotes.
    Quoted(&'a str),
}

impl Name<'_> {
    /// mail-parser's name: each line's text before the '<', trimmed,
    /// joined by single spaces; a quoted name as written.
    fn text(self) -> String {
        match self {
            Name::Quoted(q) => q.to_string(),
            Name::Lines(raw) => {
                let mut name = String::new();
                for line in value_lines(raw) {
                    if !name.is_empty() {
                        name.push(' ');
                    }
                    name.push_str(std::str::from_utf8(line).unwrap_or_default());
                }
                name
            }
        }
    }
}

/// `"Display, Name" <user@host>` on one line: the quoted name as written
/// (mail-parser keeps what stands between the quotes) and the address.
fn quoted_address(value: &[u8]) -> Option<(Name<'_>, &str)> {
    let line = value.strip_suffix(b"\n")?;
    if memchr::memchr(b'\n', line).is_some() || !line.is_ascii() {
        return None;
    }
    let s = std::str::from_utf8(trim_wsp(line)).ok()?;
    let rest = s.strip_prefix('"')?;
    let (name, after) = bytes::split_once(rest, b'"')?;
    let plain_name = !name.bytes().any(|b| matches!(b, b'\\' | b'\r')) && !name.contains("=?");
    let addr = after
        .trim_start_matches([' ', '\t'])
        .strip_prefix('<')?
        .strip_suffix('>')?;
    let plain_addr = !addr.is_empty()
        && bytes::has(addr, b'@')
        && !addr.bytes().any(|b| {
            b.is_ascii_whitespace() || address_special(b) || matches!(b, b'<' | b'>' | b'=')
        });
    (plain_name && plain_addr).then_some((Name::Quoted(name), addr))
}

fn parsed_address(value: &[u8]) -> Option<Address<'_>> {
    match MessageStream::new(value).parse_address() {
        HeaderValue::Address(a) => Some(a),
        _ => None,
    }
}

/// The first mailbox of an address field: (display name, address), each ""
/// when absent.
pub(super) fn first_address(value: &[u8]) -> (String, String) {
    if let Some((name, addr)) = simple_address(value) {
        return (name.text(), addr.to_string());
    }
    let parsed = parsed_address(value);
    let first = parsed.as_ref().and_then(Address::first);
    (
        first.and_then(|a| a.name()).unwrap_or("").to_string(),
        first.and_then(|a| a.address()).unwrap_or("").to_string(),
    )
}

/// The address of the first mailbox of an address field, "" when absent:
/// [`first_address`] without the display name.
pub(super) fn first_mailbox(value: &[u8]) -> String {
    if let Some((_, addr)) = simple_address(value) {
        return addr.to_string();
    }
    let parsed = parsed_address(value);
    let first = parsed.as_ref().and_then(Address::first);
    first.and_then(|a| a.address()).unwrap_or("").to_string()
}

/// Every address of an address field.
pub(super) fn all_addresses(value: &[u8]) -> Vec<String> {
    if let Some((_, addr)) = simple_address(value) {
        return vec![addr.to_string()];
    }
    parsed_address(value)
        .map(|a| {
            a.iter()
                .filter_map(|a| a.address())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// What a Content-Type field says, as far as a bounce reads it. Type and
/// subtype are lower case, as mail-parser gives them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct MediaType<'a> {
    pub ctype: Cow<'a, str>,
    pub subtype: Cow<'a, str>,
    pub boundary: Option<Cow<'a, str>>,
    pub charset: Option<Cow<'a, str>>,
}

/// The Content-Type of a part, if it has a readable one.
pub(super) fn media_type<'a>(fields: &[Field<'a>]) -> Option<MediaType<'a>> {
    let value = last(fields, "content-type")?.value;
    simple_media_type(value).or_else(|| parsed_media_type(value))
}

fn parsed_media_type(value: &[u8]) -> Option<MediaType<'_>> {
    let HeaderValue::ContentType(c) = MessageStream::new(value).parse_content_type() else {
        return None;
    };
    let attr = |n: &str| c.attribute(n).map(|v| Cow::Owned(v.to_string()));
    Some(MediaType {
        boundary: attr("boundary"),
        charset: attr("charset"),
        subtype: Cow::Owned(c.subtype().unwrap_or("").to_string()),
        ctype: c.c_type,
    })
}

/// `type/subtype; name=value; name="value"`, plain (no comments, escapes,
/// RFC 2231 parameters, or quotes holding `;` or `=`).
fn simple_media_type(value: &[u8]) -> Option<MediaType<'_>> {
    if !plain(value, |b| matches!(b, b'(' | b')' | b'\\' | b'*' | b'\'')) {
        return None;
    }
    let s = std::str::from_utf8(value).ok()?;
    let mut params = bytes::split(s, b';');
    let (ctype, subtype) = bytes::split_once(params.next()?.trim(), b'/')?;
    let token = |t: &str| {
        !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+%".contains(&b))
    };
    if !token(ctype) || !token(subtype) {
        return None;
    }
    fn lower(t: &str) -> Cow<'_, str> {
        if t.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(t.to_ascii_lowercase())
        } else {
            Cow::Borrowed(t)
        }
    }
    let mut media = MediaType {
        ctype: lower(ctype),
        subtype: lower(subtype),
        ..MediaType::default()
    };
    for p in params {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        let (name, v) = bytes::split_once(p, b'=')?;
        let name = name.trim();
        let v = v.trim();
        let v = match v.strip_prefix('"') {
            Some(q) => q
                .strip_suffix('"')
                .filter(|q| memchr::memchr(b'"', q.as_bytes()).is_none())?,
            None if !v
                .bytes()
                .any(|b| b == b'"' || b == b'=' || b.is_ascii_whitespace()) =>
            {
                v
            }
            None => return None,
        };
        if !token(name) || v.is_empty() {
            return None;
        }
        let slot = if name.eq_ignore_ascii_case("boundary") {
            &mut media.boundary
        } else if name.eq_ignore_ascii_case("charset") {
            &mut media.charset
        } else {
            continue;
        };
        if slot.is_some() {
            return None; // repeated: mail-parser's choice decides
        }
        *slot = Some(Cow::Borrowed(v));
    }
    Some(media)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn plain_is_breaks_plain_on_every_byte(
            value in prop::collection::vec(prop::sample::select(b"a=?(\\\n \x80\xc3".to_vec()), 0..24),
        ) {
            let mut prev = 0;
            let mut expected = value.ends_with(b"\n");
            for &b in &value {
                expected &= !breaks_plain(prev, b, address_special);
                prev = b;
            }
            prop_assert_eq!(plain(&value, address_special), expected);
        }
    }

    #[test]
    fn header_section_folds_and_ends() {
        let raw = b"From: a@b.example\r\nSubject: one\r\n two\r\nbogus line\r\nTo: c@d.example\r\n\r\nbody";
        let (f, at) = header_section(raw);
        assert_eq!(f.len(), 3);
        assert_eq!(f[1].value, b" one\r\n two\r\n");
        assert_eq!(&raw[at..], b"body");
        let (f, _) = header_section(b"Subject : spaced\nFrom MAILER-DAEMON Thu 10:00\n\n");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].name, b"Subject");
    }

    fn mp_first(value: &[u8]) -> (String, String) {
        let a = parsed_address(value);
        let f = a.as_ref().and_then(Address::first);
        (
            f.and_then(|a| a.name()).unwrap_or("").to_string(),
            f.and_then(|a| a.address()).unwrap_or("").to_string(),
        )
    }

    fn mp_unstructured(value: &[u8]) -> String {
        match MessageStream::new(value).parse_unstructured() {
            HeaderValue::Text(t) => t.into_owned(),
            _ => String::new(),
        }
    }

    fn mp_id(value: &[u8]) -> String {
        MessageStream::new(value)
            .parse_id()
            .as_text()
            .unwrap_or("")
            .to_string()
    }

    #[test]
    fn fast_paths_agree_with_mail_parser_on_examples() {
        for v in [
            " Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n",
            " <kari@example.no>\n",
            " kari@example.no\n",
            "  Postmaster   Team\r\n <postmaster@example.org>\r\n",
            " \"Quoted, Name\" <a@b.example>\n",
            " \" spaced (x) \" <a@b.example> \r\n",
            " \"\" <a@b.example>\n",
            " a@b.example, c@d.example\n",
        ] {
            assert_eq!(first_address(v.as_bytes()), mp_first(v.as_bytes()), "{v:?}");
        }
        for v in [
            " Undelivered Mail Returned to Sender\r\n",
            " Delivery Status\r\n\tNotification (Failure)\r\n",
            " =?utf-8?q?Ikke_levert?=\n",
        ] {
            assert_eq!(
                unstructured(v.as_bytes()),
                mp_unstructured(v.as_bytes()),
                "{v:?}"
            );
        }
        for v in [
            " <20261201.abc@mx.example.net>\r\n",
            " no-brackets@x\n",
            " <a> <b>\n",
        ] {
            assert_eq!(message_id(v.as_bytes()), mp_id(v.as_bytes()), "{v:?}");
        }
        for v in [
            " multipart/report; report-type=delivery-status;\r\n\tboundary=\"=_abc/def\"\r\n",
            " Text/Plain; Charset=US-ASCII\n",
            " message/delivery-status\n",
            " text/plain; charset*=utf-8''x\n",
        ] {
            let fields = [Field {
                name: b"Content-Type",
                value: v.as_bytes(),
            }];
            assert_eq!(
                media_type(&fields),
                parsed_media_type(v.as_bytes()),
                "{v:?}"
            );
        }
    }

    /// Values built from the characters that matter to these parsers.
    fn value() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "a", "B", "x", "7", " ", "  ", "\t", ".", "-", "_", "@", "<", ">", "\"", ",", "=",
                ";", "/", "\r\n ", "=?", "(", ")",
            ]),
            0..24,
        )
        .prop_map(|parts| format!(" {}\r\n", parts.concat()))
    }

    proptest! {
        #[test]
        fn address_fast_path_agrees(v in value()) {
            if simple_address(v.as_bytes()).is_some() {
                prop_assert_eq!(first_address(v.as_bytes()), mp_first(v.as_bytes()));
            }
        }

        #[test]
        fn quoted_name_fast_path_agrees(
            name in "[ a-zA-Z0-9,.()=?:;@<\t-]{0,12}",
            addr in "[a-z0-9.]{1,6}@[a-z0-9.]{1,6}",
            pad in "[ \t]{0,2}",
            crlf in any::<bool>(),
        ) {
            let v = format!(" \"{name}\"{pad}<{addr}>{pad}{}", if crlf { "\r\n" } else { "\n" });
            if simple_address(v.as_bytes()).is_some() {
                prop_assert_eq!(first_address(v.as_bytes()), mp_first(v.as_bytes()), "{:?}", v);
            }
        }

        #[test]
        fn unstructured_fast_path_agrees(v in value()) {
            prop_assert_eq!(unstructured(v.as_bytes()), mp_unstructured(v.as_bytes()));
        }

        #[test]
        fn message_id_fast_path_agrees(v in value()) {
            prop_assert_eq!(message_id(v.as_bytes()), mp_id(v.as_bytes()));
        }

        #[test]
        fn media_type_fast_path_agrees(
            ty in "(text|Text|multipart|message)/(plain|HTML|report|rfc822)",
            params in prop::collection::vec(("(charset|Boundary|report-type|name)", "[a-zA-Z0-9=_./-]{1,12}", any::<bool>()), 0..4),
            fold in any::<bool>(),
        ) {
            let mut v = format!(" {ty}");
            for (n, val, quote) in params {
                v.push(';');
                if fold { v.push_str("\r\n\t"); } else { v.push(' '); }
                if quote { v.push_str(&format!("{n}=\"{val}\"")); } else { v.push_str(&format!("{n}={val}")); }
            }
            v.push_str("\r\n");
            if let Some(fast) = simple_media_type(v.as_bytes()) {
                prop_assert_eq!(Some(fast), parsed_media_type(v.as_bytes()), "{:?}", v);
            }
        }
    }
}
