//! Transfer encodings and charsets: a part's bytes made text.
//!
//! Base64 and quoted-printable are undone here, leniently (what cannot be
//! decoded is kept as it is, nothing fails); charsets other than UTF-8 go
//! through mail-parser's decoders, built with its `full_encoding` so that
//! Japanese, Chinese and Korean text (ISO-2022-JP from Japanese carriers,
//! GB2312 from Chinese providers) reads as what it says.

use std::borrow::Cow;

use mail_parser::decoders::charsets::map::charset_decoder;

use super::fields::{Field, last};

/// A part's body with its transfer encoding undone. Broken encodings are
/// read as far as they go; nothing here fails.
pub(super) fn transfer_decode<'a>(fields: &[Field<'_>], body: &'a [u8]) -> Cow<'a, [u8]> {
    transfer_decode_as(transfer_encoding(fields), body)
}

/// The Content-Transfer-Encoding value of a part's fields, as written.
pub(super) fn transfer_encoding<'f>(fields: &[Field<'f>]) -> Option<&'f [u8]> {
    last(fields, "content-transfer-encoding").map(|f| f.value)
}

/// A body with the transfer encoding `cte` (a Content-Transfer-Encoding
/// value as written) undone.
pub(super) fn transfer_decode_as<'a>(cte: Option<&[u8]>, body: &'a [u8]) -> Cow<'a, [u8]> {
    let Some(cte) = cte else {
        return Cow::Borrowed(body);
    };
    let cte = cte.trim_ascii();
    if cte.eq_ignore_ascii_case(b"base64") {
        Cow::Owned(base64(body))
    } else if cte.eq_ignore_ascii_case(b"quoted-printable") {
        quoted_printable(body)
    } else {
        Cow::Borrowed(body)
    }
}

/// Base64, skipping anything outside the alphabet (line breaks, white
/// space, stray characters) and stopping at padding.
fn base64(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() / 4 * 3);
    let mut acc = 0u32;
    let mut bits = 0;
    for &b in body {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                // Padding ends a block; a new block may follow (some
                // encoders concatenate).
                bits = 0;
                acc = 0;
                continue;
            }
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// Quoted-printable: `=XX` decoded, soft line breaks removed; an `=` that
/// starts neither is kept as it is.
fn quoted_printable(body: &[u8]) -> Cow<'_, [u8]> {
    if memchr::memchr(b'=', body).is_none() {
        return Cow::Borrowed(body);
    }
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while let Some(n) = memchr::memchr(b'=', &body[i..]) {
        out.extend_from_slice(&body[i..i + n]);
        i += n + 1;
        match (body.get(i).copied(), body.get(i + 1).copied()) {
            (Some(a), Some(b)) if hex(a).is_some() && hex(b).is_some() => {
                out.push((hex(a).unwrap_or(0) << 4) | hex(b).unwrap_or(0));
                i += 2;
            }
            (Some(b'\n'), _) => i += 1,
            (Some(b'\r'), Some(b'\n')) => i += 2,
            _ => {
                // Soft break with trailing white space, or a stray '='.
                let rest = &body[i..];
                let ws = rest
                    .iter()
                    .take_while(|b| matches!(b, b' ' | b'\t'))
                    .count();
                match rest.get(ws) {
                    Some(b'\n') => i += ws + 1,
                    Some(b'\r') if rest.get(ws + 1) == Some(&b'\n') => i += ws + 2,
                    _ => out.push(b'='),
                }
            }
        }
    }
    out.extend_from_slice(&body[i..]);
    Cow::Owned(out)
}

/// Charsets whose ASCII bytes do not mean ASCII characters.
fn ascii_incompatible(charset: &str) -> bool {
    let c = charset.to_ascii_lowercase();
    [
        "utf-7",
        "utf-16",
        "utf-32",
        "utf16",
        "utf32",
        "iso-2022",
        "csiso2022",
        "hz",
    ]
    .iter()
    .any(|p| c.starts_with(p))
}

/// Bytes of a text part as text: borrowed when they are already UTF-8 (in
/// a charset for which that means the same), else through mail-parser's
/// charset decoders, else lossily.
pub(super) fn text<'a>(bytes: Cow<'a, [u8]>, charset: Option<&str>) -> Cow<'a, str> {
    // ISO-2022-JP is 7-bit: 8-bit bytes under that label are EUC-JP, which
    // some Japanese carriers' MTAs wrote under it.
    let charset = match charset {
        Some(c) if c.eq_ignore_ascii_case("iso-2022-jp") && !bytes.is_ascii() => Some("euc-jp"),
        // UTF-7 under the name RFC 1642 registered, Exchange 2003's label
        // for its reports, which mail-parser's table lacks.
        Some(c)
            if c.eq_ignore_ascii_case("unicode-1-1-utf-7")
                || c.eq_ignore_ascii_case("csunicode11utf7") =>
        {
            Some("utf-7")
        }
        c => c,
    };
    let decoder = charset.and_then(|c| charset_decoder(c.as_bytes()));
    // UTF-8 bytes are the text as they are when the charset says UTF-8,
    // has no decoder, or reads ASCII as ASCII. Validated once.
    let same = |s: &str| {
        charset.is_none_or(|c| c.eq_ignore_ascii_case("utf-8") || c.eq_ignore_ascii_case("utf8"))
            || decoder.is_none()
            || (s.is_ascii() && charset.is_none_or(|c| !ascii_incompatible(c)))
    };
    let bytes = match bytes {
        Cow::Borrowed(b) => match std::str::from_utf8(b) {
            Ok(s) if same(s) => return Cow::Borrowed(s),
            _ => Cow::Borrowed(b),
        },
        Cow::Owned(v) => match String::from_utf8(v) {
            Ok(s) if same(&s) => return Cow::Owned(s),
            Ok(s) => Cow::Owned(s.into_bytes()),
            Err(e) => Cow::Owned(e.into_bytes()),
        },
    };
    match decoder {
        Some(_) if charset.is_some_and(is_iso_2022_jp) && iso_2022_jp_fast(&bytes) => {
            Cow::Owned(iso_2022_jp(&bytes))
        }
        Some(decode) => Cow::Owned(decode(&bytes)),
        None => Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()),
    }
}

/// The labels mail-parser decodes as ISO-2022-JP.
fn is_iso_2022_jp(charset: &str) -> bool {
    ["iso-2022-jp", "iso_2022_jp", "csiso2022jp"]
        .iter()
        .any(|l| charset.eq_ignore_ascii_case(l))
}

/// True for bytes [`iso_2022_jp`] reads exactly as the whole-text decoder
/// does: 7-bit, without the shift bytes SO and SI (errors in ASCII mode).
fn iso_2022_jp_fast(bytes: &[u8]) -> bool {
    bytes.is_ascii() && memchr::memchr2(0x0e, 0x0f, bytes).is_none()
}

/// ISO-2022-JP text as UTF-8. A Japanese report is mostly ASCII (the
/// server's English reply, addresses, headers) with the Japanese in
/// escaped runs (`ESC $ B` … `ESC ( B`); the ASCII between runs is copied
/// as it is and only the runs go through the decoder. Each run starts a
/// fresh decoder, which is in the state the whole-text decoder would be
/// in there: ASCII mode, with its "escape just seen" flag clear, as a run
/// starts the text or follows an ASCII character. A run ends at an
/// `ESC ( B` that another escape does not follow at once (two escapes in
/// a row are an error the run must keep).
/// The caller checks [`iso_2022_jp_fast`]; a test holds the result to
/// mail-parser's decoder.
fn iso_2022_jp(bytes: &[u8]) -> String {
    const ESC: u8 = 0x1b;
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut rest = bytes;
    while let Some(esc) = memchr::memchr(ESC, rest) {
        out.push_str(ascii(&rest[..esc]));
        let mut end = esc;
        let run_end = loop {
            match memchr::memmem::find(&rest[end..], b"\x1b(B") {
                Some(at) if rest.get(end + at + 3) == Some(&ESC) => end += at + 3,
                Some(at) => break end + at + 3,
                None => break rest.len(),
            }
        };
        let run = &rest[esc..run_end];
        let mut decoder = encoding_rs::ISO_2022_JP.new_decoder_without_bom_handling();
        out.reserve(
            decoder
                .max_utf8_buffer_length(run.len())
                .unwrap_or(run.len() * 4),
        );
        let (_, _, _) = decoder.decode_to_string(run, &mut out, true);
        rest = &rest[run_end..];
    }
    out.push_str(ascii(rest));
    out
}

/// ASCII bytes as text (the caller has checked they are ASCII).
fn ascii(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap_or_default()
}

/// `text` with each escape (`open`, at most `max` bytes, then `close`)
/// that `decode` turns into a character replaced by it, in one pass;
/// an escape that names nothing is kept as written. HTML's `&eacute;` and
/// RFC 6533's `\x{E5}` are both read this way.
pub(super) fn replace_escapes(
    text: &str,
    open: &str,
    close: u8,
    max: usize,
    decode: impl Fn(&str) -> Option<char>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(open) {
        out.push_str(&rest[..at]);
        let after = &rest[at + open.len()..];
        let decoded = after
            .bytes()
            .take(max + 1)
            .position(|b| b == close)
            .and_then(|end| Some((decode(&after[..end])?, end + 1)));
        match decoded {
            Some((c, used)) => {
                out.push(c);
                rest = &after[used..];
            }
            None => {
                out.push_str(open);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Bytes as text, lossily (status fields and reports are ASCII).
pub(super) fn lossy(bytes: Cow<'_, [u8]>) -> Cow<'_, str> {
    match bytes {
        Cow::Borrowed(b) => match std::str::from_utf8(b) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => String::from_utf8_lossy(b),
        },
        Cow::Owned(v) => Cow::Owned(match String::from_utf8(v) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_are_replaced_in_one_pass_and_unknown_ones_kept() {
        let hex = |h: &str| u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
        assert_eq!(
            replace_escapes("a%41;%4;%zz;%", "%", b';', 4, hex),
            "aA\u{4}%zz;%"
        );
        assert_eq!(replace_escapes("%%41;;", "%", b';', 4, hex), "%A;");
        // The end must come within `max` bytes of the start.
        assert_eq!(replace_escapes("%00041;", "%", b';', 4, hex), "%00041;");
        assert_eq!(replace_escapes("é%é;", "%", b';', 4, hex), "é%é;");
    }

    #[test]
    fn transfer_encodings() {
        assert_eq!(base64(b"aGVs\r\nbG8=\r\n"), b"hello");
        assert_eq!(base64(b"aGVsbG8=%%"), b"hello");
        assert_eq!(&*quoted_printable(b"a=3Db=\r\nc = d =ZZ"), b"a=bc = d =ZZ");
        assert_eq!(&*quoted_printable(b"soft= \r\nbreak"), b"softbreak");
    }

    /// Pieces ISO-2022-JP text is made of, and the errors it can hold.
    fn iso_2022_jp_piece() -> impl Strategy<Value = Vec<u8>> {
        prop::sample::select(vec![
            b"a".to_vec(),
            b"550 ".to_vec(),
            b"\r\n".to_vec(),
            b"\x1b$B".to_vec(),
            b"\x1b$@".to_vec(),
            b"\x1b(B".to_vec(),
            b"\x1b(J".to_vec(),
            b"\x1b(I".to_vec(),
            b"\x1b".to_vec(),
            b"\x1b(".to_vec(),
            b"\x1b$".to_vec(),
            b"$B".to_vec(),
            b"(B".to_vec(),
            b"%\\".to_vec(),
            b"08".to_vec(),
            b"F|".to_vec(),
            b"~".to_vec(),
            b"\x21".to_vec(),
            b"\x7f".to_vec(),
            b"\x00".to_vec(),
        ])
    }

    proptest::proptest! {
        #[test]
        fn iso_2022_jp_runs_decode_as_the_whole_text_does(
            pieces in proptest::collection::vec(iso_2022_jp_piece(), 0..40)
        ) {
            let bytes = pieces.concat();
            proptest::prop_assume!(iso_2022_jp_fast(&bytes));
            let whole = charset_decoder(b"iso-2022-jp").map(|d| d(&bytes));
            proptest::prop_assert_eq!(Some(iso_2022_jp(&bytes)), whole);
        }
    }

    #[test]
    fn utf7_is_read_under_its_registered_name() {
        for label in [
            "unicode-1-1-utf-7",
            "UNICODE-1-1-UTF-7",
            "csUnicode11UTF7",
            "utf-7",
        ] {
            let got = text(Cow::Borrowed(b"Kari +ANg-degaard +AD0APQ-"), Some(label));
            assert_eq!(got, "Kari \u{d8}degaard ==", "{label}");
        }
    }

    #[test]
    fn iso_2022_jp_reads_a_japanese_reply() {
        // "550 5.1.1 <a@example.jp>: " then 宛先不明 (unknown recipient).
        let raw = b"550 5.1.1 <a@example.jp>: \x1b$B08@hITL@\x1b(B\r\n";
        assert_eq!(
            text(Cow::Borrowed(raw), Some("ISO-2022-JP")),
            "550 5.1.1 <a@example.jp>: 宛先不明\r\n"
        );
    }

    #[test]
    fn charsets() {
        let latin1 = text(
            Cow::Borrowed(b"Ukjent mottaker \xe6\xf8\xe5"),
            Some("iso-8859-1"),
        );
        assert_eq!(latin1, "Ukjent mottaker æøå");
        assert!(matches!(
            text(Cow::Borrowed(b"plain ascii"), Some("iso-8859-1")),
            Cow::Borrowed(_)
        ));
        assert_eq!(text(Cow::Borrowed(b"bad \xff"), None), "bad \u{fffd}");
    }
}
