//! The languages postvakt speaks to users.
//!
//! Every message a user may see exists in English, Norwegian (bokmål),
//! Swedish and Danish. Anything else falls back to English.

use serde::{Deserialize, Serialize};

/// A language postvakt writes messages in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English, the fallback.
    #[default]
    En,
    /// Norwegian bokmål (also chosen for `no` and `nn`).
    Nb,
    /// Swedish.
    Sv,
    /// Danish.
    Da,
}

impl Lang {
    /// All languages, in a fixed order.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Nb, Lang::Sv, Lang::Da];

    /// The language for a BCP 47 tag such as `nb-NO`, `sv` or `en-GB`;
    /// English for anything postvakt does not speak.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "nb" | "no" | "nn" => Lang::Nb,
            "sv" => Lang::Sv,
            "da" => Lang::Da,
            _ => Lang::En,
        }
    }

    /// The first language postvakt speaks in an HTTP `Accept-Language`
    /// header, honouring q-values; English when none matches.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',').take(32) {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
            let known = matches!(primary.as_str(), "en" | "nb" | "no" | "nn" | "sv" | "da");
            if known && q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, Lang::from_tag(tag)));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }

    /// The two-letter code (`en`, `nb`, `sv`, `da`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nb => "nb",
            Lang::Sv => "sv",
            Lang::Da => "da",
        }
    }
}

/// One text in every language postvakt speaks.
///
/// Message tables are `const` arrays of these, so a missing translation is a
/// compile error rather than a blank on a user's screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// Norwegian bokmål.
    pub nb: &'static str,
    /// Swedish.
    pub sv: &'static str,
    /// Danish.
    pub da: &'static str,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Nb => self.nb,
            Lang::Sv => self.sv,
            Lang::Da => self.da,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(Lang::from_tag("nb-NO"), Lang::Nb);
        assert_eq!(Lang::from_tag("no"), Lang::Nb);
        assert_eq!(Lang::from_tag("sv_SE"), Lang::Sv);
        assert_eq!(Lang::from_tag("da"), Lang::Da);
        assert_eq!(Lang::from_tag("fr-FR"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn accept_language() {
        assert_eq!(Lang::from_accept_language("fr-FR,fr;q=0.9,sv;q=0.8,en;q=0.5"), Lang::Sv);
        assert_eq!(Lang::from_accept_language("da, en-GB;q=0.8"), Lang::Da);
        assert_eq!(Lang::from_accept_language("de"), Lang::En);
        assert_eq!(Lang::from_accept_language("nb;q=0, en"), Lang::En);
    }
}
