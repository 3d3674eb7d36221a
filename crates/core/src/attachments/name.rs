//! File names: what a user sees, and the extension a computer acts on.
//!
//! Senders of malware disguise names so the two differ: `invoice.pdf.exe`
//! (Windows hides the last extension), `invoice\u{202E}fdp.exe` (a
//! right-to-left override draws it as `invoiceexe.pdf`), `invoice.exe.`
//! (Windows drops trailing dots and spaces), zero-width characters inside
//! `e\u{200B}xe`, and names left MIME-encoded so a naive filter reads
//! `=?UTF-8?B?...?=`. [`examine`] undoes each of these before the extension
//! is read, and remembers which it undid.

use super::data::DATA;

/// Names longer than this (in bytes) are cut before they are examined:
/// no real file name is this long, and the work stays bounded.
const MAX_NAME_BYTES: usize = 1024;

/// A trick that makes a name look other than it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Disguise {
    /// A right-to-left override or other bidirectional control reorders how
    /// the name is drawn.
    BidiControl,
    /// Zero-width or other invisible characters hide inside the name.
    Invisible,
    /// Trailing dots or spaces, which Windows silently drops.
    TrailingDotsOrSpaces,
    /// A harmless-looking extension before the real one (`a.pdf.exe`).
    DoubleExtension,
}

/// A file name after the disguises are undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name as a user sees it: MIME encoding decoded, invisible
    /// characters gone and right-to-left overrides applied.
    pub shown: String,
    /// The extension the system acts on, lower-case, without the dot.
    pub extension: Option<String>,
    /// The disguises found, in a fixed order, each at most once.
    pub disguises: Vec<Disguise>,
}

/// Undoes encodings and disguises in `raw` and reads its real extension.
pub fn examine(raw: &str) -> Name {
    let raw = cut(raw, MAX_NAME_BYTES);
    let decoded = decode_rfc2231(raw)
        .or_else(|| decode_rfc2047(raw))
        .unwrap_or_else(|| raw.to_string());
    let mut disguises = Vec::new();

    let mut real = String::with_capacity(decoded.len());
    for c in decoded.chars() {
        if is_bidi_control(c) {
            push_once(&mut disguises, Disguise::BidiControl);
        } else if DATA.is_invisible(c) {
            push_once(&mut disguises, Disguise::Invisible);
        } else if !c.is_control() {
            real.push(c);
        }
    }
    // Only the last path component names the file; archives and careless
    // clients send whole paths.
    let base = real.rsplit(['/', '\\']).next().unwrap_or("").to_string();
    let trimmed = base.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    if trimmed.len() != base.len() && !trimmed.is_empty() {
        push_once(&mut disguises, Disguise::TrailingDotsOrSpaces);
    }
    let extension = extension_of(trimmed);
    if let Some(ext) = &extension {
        let stem = &trimmed[..trimmed.len() - ext.len() - 1];
        let stem = stem.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
        if extension_of(stem)
            .is_some_and(|inner| inner.len() <= 5 && inner.chars().all(|c| c.is_alphanumeric()))
        {
            push_once(&mut disguises, Disguise::DoubleExtension);
        }
    }
    Name {
        shown: shown(&decoded),
        extension: extension.map(|e| e.to_lowercase()),
        disguises,
    }
}

fn push_once(list: &mut Vec<Disguise>, d: Disguise) {
    if !list.contains(&d) {
        list.push(d);
    }
}

fn cut(s: &str, max: usize) -> &str {
    &s[..s.floor_char_boundary(max)]
}

fn extension_of(name: &str) -> Option<&str> {
    let (_, ext) = name.rsplit_once('.')?;
    (!ext.is_empty() && !ext.contains(char::is_whitespace)).then_some(ext)
}

/// The bidirectional controls (embeddings, overrides, isolates, marks).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// How the name is drawn: a right-to-left override reverses what follows
/// it up to the matching pop (or the end); invisible characters vanish.
fn shown(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut reversed: Option<Vec<char>> = None;
    for c in name.chars() {
        match (c, reversed.as_mut()) {
            ('\u{202E}', None) => reversed = Some(Vec::new()),
            ('\u{202C}' | '\u{2069}', Some(run)) => {
                out.extend(run.iter().rev());
                reversed = None;
            }
            _ if DATA.is_invisible(c) || c.is_control() => {}
            (c, Some(run)) => run.push(c),
            (c, None) => out.push(c),
        }
    }
    if let Some(run) = reversed {
        out.extend(run.iter().rev());
    }
    out
}

/// An RFC 2231 extended value left undecoded: `utf-8'en'%65vil.exe`.
fn decode_rfc2231(raw: &str) -> Option<String> {
    let mut parts = raw.splitn(3, '\'');
    let (charset, _lang, value) = (parts.next()?, parts.next()?, parts.next()?);
    // Only a real charset name makes this an extended value; an apostrophe
    // in an ordinary name (`it's.txt`) must not.
    let cs = charset.to_ascii_lowercase();
    let known = ["utf-8", "us-ascii", "iso-8859-", "windows-", "latin", "cp"];
    if !known.iter().any(|k| cs.starts_with(k)) {
        return None;
    }
    let bytes = percent_decode(value)?;
    Some(to_text(charset, &bytes))
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hi = hex(*b.get(i + 1)?)?;
            let lo = hex(*b.get(i + 2)?)?;
            out.push(hi << 4 | lo);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// RFC 2047 encoded words left in a name (`=?UTF-8?B?...?=`); text
/// between two encoded words that is only white space is dropped, as the
/// RFC says. `None` when there is no encoded word.
fn decode_rfc2047(raw: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = raw;
    let mut found = false;
    while let Some(start) = rest.find("=?") {
        let Some((word, after)) = encoded_word(&rest[start + 2..]) else {
            out.push_str(&rest[..start + 2]);
            rest = &rest[start + 2..];
            continue;
        };
        let between = &rest[..start];
        if !(found && between.trim().is_empty()) {
            out.push_str(between);
        }
        out.push_str(&word);
        found = true;
        rest = after;
    }
    out.push_str(rest);
    found.then_some(out)
}

/// Decodes `charset?enc?text?=` and returns the text and what follows.
fn encoded_word(s: &str) -> Option<(String, &str)> {
    let (charset, s) = s.split_once('?')?;
    let (enc, s) = s.split_once('?')?;
    let (text, after) = s.split_once("?=")?;
    let charset = charset.split('*').next().unwrap_or(charset); // RFC 2231 language suffix
    let bytes = match enc {
        "B" | "b" => base64(text)?,
        "Q" | "q" => {
            let underscores = text.replace('_', " ");
            percent_decode(&underscores.replace('=', "%"))?
        }
        _ => return None,
    };
    Some((to_text(charset, &bytes), after))
}

fn base64(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for b in s.bytes().filter(|b| *b != b'=') {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

/// Bytes in `charset` as text: UTF-8 and ASCII as such, Latin-1 family by
/// code point; anything else as UTF-8 with replacement characters, which
/// still leaves an ASCII extension readable.
fn to_text(charset: &str, bytes: &[u8]) -> String {
    let cs = charset.to_ascii_lowercase();
    if cs.starts_with("iso-8859") || cs == "latin1" || cs == "windows-1252" || cs == "cp1252" {
        bytes.iter().map(|&b| b as char).collect()
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ext(raw: &str) -> Option<String> {
        examine(raw).extension
    }

    #[test]
    fn plain_names() {
        assert_eq!(ext("report.PDF").as_deref(), Some("pdf"));
        assert_eq!(ext("README"), None);
        assert_eq!(ext("archive.tar.gz").as_deref(), Some("gz"));
        assert_eq!(ext("C:\\Users\\x\\setup.EXE").as_deref(), Some("exe"));
        assert!(examine("report.pdf").disguises.is_empty());
    }

    #[test]
    fn trailing_dots_and_spaces() {
        let n = examine("evil.exe. . ");
        assert_eq!(n.extension.as_deref(), Some("exe"));
        assert_eq!(n.disguises, [Disguise::TrailingDotsOrSpaces]);
    }

    #[test]
    fn double_extension() {
        let n = examine("invoice.pdf.exe");
        assert_eq!(n.extension.as_deref(), Some("exe"));
        assert_eq!(n.disguises, [Disguise::DoubleExtension]);
        let padded = examine("invoice.pdf                    .exe");
        assert_eq!(padded.extension.as_deref(), Some("exe"));
        assert!(padded.disguises.contains(&Disguise::DoubleExtension));
    }

    #[test]
    fn right_to_left_override() {
        let n = examine("invoice\u{202E}fdp.exe");
        assert_eq!(n.extension.as_deref(), Some("exe"));
        assert_eq!(n.shown, "invoiceexe.pdf");
        assert_eq!(n.disguises, [Disguise::BidiControl]);
        let popped = examine("a\u{202E}cod\u{202C}.scr");
        assert_eq!(popped.shown, "adoc.scr");
    }

    #[test]
    fn invisible_characters() {
        let n = examine("setup.e\u{200B}x\u{FEFF}e");
        assert_eq!(n.extension.as_deref(), Some("exe"));
        assert_eq!(n.shown, "setup.exe");
        assert_eq!(n.disguises, [Disguise::Invisible]);
    }

    #[test]
    fn encoded_names() {
        assert_eq!(ext("=?UTF-8?B?ZXZpbC5leGU=?=").as_deref(), Some("exe"));
        assert_eq!(
            examine("=?utf-8?Q?r=C3=A6k_ning.?= =?utf-8?Q?bat?=").shown,
            "ræk ning.bat"
        );
        assert_eq!(ext("utf-8''%65vil%2Eexe").as_deref(), Some("exe"));
        assert_eq!(examine("iso-8859-1'no'bl%E5b%E6r.txt").shown, "blåbær.txt");
        assert_eq!(examine("it's Bob's.txt").shown, "it's Bob's.txt");
        // Not an encoded word: left as it is.
        assert_eq!(examine("=?broken.txt").shown, "=?broken.txt");
    }

    #[test]
    fn long_names_are_cut() {
        let long = format!("{}.exe", "a".repeat(5000));
        assert!(examine(&long).shown.len() <= MAX_NAME_BYTES);
        let multibyte = "ø".repeat(3000);
        let _ = examine(&multibyte);
    }
}
