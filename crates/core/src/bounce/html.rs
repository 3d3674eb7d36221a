//! The text of an HTML part: a report written only in HTML, read as the
//! plain text of other reports is.

/// HTML to text: tags dropped, block ends to newlines, style sheets and
/// scripts left out, character references decoded.
pub(super) fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    // Inside <style> or <script>: their text is not the report's.
    let mut in_code = false;
    let mut tag = String::new();
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' if in_tag => {
                in_tag = false;
                let t = tag.to_ascii_lowercase();
                let name = t.trim_start_matches('/');
                if name.starts_with("style") || name.starts_with("script") {
                    in_code = !t.starts_with('/');
                } else if !in_code {
                    // A block's end is a line break; any other tag a space.
                    let block = ["br", "p", "div", "tr", "li"]
                        .iter()
                        .any(|b| name.starts_with(b));
                    out.push(if block { '\n' } else { ' ' });
                }
            }
            _ if in_tag => {
                if tag.len() < 8 {
                    tag.push(c);
                }
            }
            _ if in_code => {}
            _ => out.push(c),
        }
    }
    if out.contains('&') {
        decode_references(&out)
    } else {
        out
    }
}

/// Named character references HTML reports use: the markup ones, Latin-1's
/// letters (the languages the phrase tables read) and common punctuation.
#[rustfmt::skip]
const NAMED_REFERENCES: &[(&str, char)] = &[
    ("nbsp", ' '), ("lt", '<'), ("gt", '>'), ("quot", '"'), ("amp", '&'), ("apos", '\''),
    ("lsquo", '‘'), ("rsquo", '’'), ("ldquo", '“'), ("rdquo", '”'), ("laquo", '«'),
    ("raquo", '»'), ("ndash", '–'), ("mdash", '—'), ("hellip", '…'), ("iexcl", '¡'),
    ("iquest", '¿'), ("ordf", 'ª'), ("ordm", 'º'), ("deg", '°'), ("middot", '·'),
    ("copy", '©'), ("reg", '®'), ("euro", '€'), ("szlig", 'ß'),
    ("Agrave", 'À'), ("Aacute", 'Á'), ("Acirc", 'Â'), ("Atilde", 'Ã'), ("Auml", 'Ä'),
    ("Aring", 'Å'), ("AElig", 'Æ'), ("Ccedil", 'Ç'), ("Egrave", 'È'), ("Eacute", 'É'),
    ("Ecirc", 'Ê'), ("Euml", 'Ë'), ("Igrave", 'Ì'), ("Iacute", 'Í'), ("Icirc", 'Î'),
    ("Iuml", 'Ï'), ("ETH", 'Ð'), ("Ntilde", 'Ñ'), ("Ograve", 'Ò'), ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'), ("Otilde", 'Õ'), ("Ouml", 'Ö'), ("Oslash", 'Ø'), ("Ugrave", 'Ù'),
    ("Uacute", 'Ú'), ("Ucirc", 'Û'), ("Uuml", 'Ü'), ("Yacute", 'Ý'), ("THORN", 'Þ'),
    ("agrave", 'à'), ("aacute", 'á'), ("acirc", 'â'), ("atilde", 'ã'), ("auml", 'ä'),
    ("aring", 'å'), ("aelig", 'æ'), ("ccedil", 'ç'), ("egrave", 'è'), ("eacute", 'é'),
    ("ecirc", 'ê'), ("euml", 'ë'), ("igrave", 'ì'), ("iacute", 'í'), ("icirc", 'î'),
    ("iuml", 'ï'), ("eth", 'ð'), ("ntilde", 'ñ'), ("ograve", 'ò'), ("oacute", 'ó'),
    ("ocirc", 'ô'), ("otilde", 'õ'), ("ouml", 'ö'), ("oslash", 'ø'), ("ugrave", 'ù'),
    ("uacute", 'ú'), ("ucirc", 'û'), ("uuml", 'ü'), ("yacute", 'ý'), ("thorn", 'þ'),
    ("yuml", 'ÿ'),
];

/// `&eacute;`, `&#233;` and `&#xE9;` as `é`, in one pass (so `&amp;lt;`
/// stays `&lt;`); a reference that names nothing is kept as written.
fn decode_references(text: &str) -> String {
    super::decode::replace_escapes(text, "&", b';', 9, |name| {
        let c = match name.strip_prefix('#') {
            Some(num) => match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse().ok(),
            }
            .filter(|&c| c != 0)
            .and_then(char::from_u32)?,
            None => NAMED_REFERENCES.iter().find(|(n, _)| *n == name)?.1,
        };
        Some(if c == '\u{a0}' { ' ' } else { c })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_loses_its_style_sheet_and_keeps_its_characters() {
        let html = "<html><head><style>p { font-family: Calibri; }</style></head><body>\
                    <p>La bo&icirc;te aux lettres est pleine&nbsp;: r&#233;essayez &#xE0; 9&nbsp;h.</p>\
                    <p>&amp;lt; &bogus; &#0; &#x110000; &</p></body></html>";
        let text = strip_html(html);
        assert!(!text.contains("font-family"), "{text:?}");
        assert!(
            text.contains("La boîte aux lettres est pleine : réessayez à 9 h."),
            "{text:?}"
        );
        assert!(text.contains("&lt; &bogus; &#0; &#x110000; &"), "{text:?}");
        assert_eq!(decode_references("caf&eacute;&"), "café&");
        assert_eq!(decode_references("&éé;"), "&éé;");
    }
}
