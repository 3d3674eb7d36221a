//! postvakt in the browser.
//!
//! A wasm-bindgen module the page in `web/` loads: the same core rules as
//! the Worker and the mail-server plugin, run on the user's machine before
//! anything leaves it. Results cross into JavaScript as JSON text, which the
//! page parses; errors are thrown as `Error`s with a clear message.

use postvakt_core::{password, Lang, Profile};
use wasm_bindgen::prelude::*;

/// A provider's rules, loaded once for the page.
#[wasm_bindgen]
pub struct Rules {
    profile: Profile,
}

#[wasm_bindgen]
impl Rules {
    /// Loads a preset shipped with postvakt (`altibox`, `cliche`).
    #[wasm_bindgen(constructor)]
    pub fn new(preset: &str) -> Result<Rules, JsError> {
        Ok(Rules { profile: Profile::preset(preset)? })
    }

    /// The profile's display name.
    #[wasm_bindgen(getter, js_name = displayName)]
    pub fn display_name(&self) -> String {
        self.profile.display_name.clone()
    }

    /// The password policy's findings as JSON:
    /// `[{"code": "too_short", "message": "…"}, …]`, messages in `lang`
    /// (a BCP 47 tag; anything postvakt does not speak means English).
    #[wasm_bindgen(js_name = checkPassword)]
    pub fn check_password(&self, password: &str, lang: &str) -> String {
        let found = password::findings(&self.profile.password, password, Lang::from_tag(lang));
        serde_json::to_string(&found).unwrap_or_else(|_| "[]".into())
    }
}

/// The language postvakt will answer in for the browser's preferred
/// languages (`navigator.languages`), as a two-letter code.
#[wasm_bindgen(js_name = pickLanguage)]
pub fn pick_language(preferred: Vec<String>) -> String {
    preferred
        .iter()
        .map(|tag| Lang::from_tag(tag))
        .zip(preferred.iter())
        .find(|(lang, tag)| *lang != Lang::En || tag.to_ascii_lowercase().starts_with("en"))
        .map(|(lang, _)| lang)
        .unwrap_or_default()
        .code()
        .to_string()
}
