//! postvakt in the browser.
//!
//! A wasm-bindgen module the page in `web/` loads: the same core rules as
//! the Worker and the mail-server plugin, run on the user's machine before
//! anything leaves it. Results cross into JavaScript as JSON text, which the
//! page parses; errors are thrown as `Error`s with a clear message.

use postvakt_core::{attachments, password, Lang, Profile};
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

    /// Checks a file before the user attaches it: `name` as picked and the
    /// file's bytes (`new Uint8Array(await file.arrayBuffer())`). Returns the
    /// decision as JSON: `{"verdict": "accept"|"reject", "findings":
    /// [{"path", "rule", "name_shown", "code", "message"}, …]}`, messages in
    /// `lang` (a BCP 47 tag). Archives are opened within the profile's bounds,
    /// so a zip bomb is a finding, not a frozen tab.
    #[wasm_bindgen(js_name = checkAttachment)]
    pub fn check_attachment(&self, name: &str, bytes: &[u8], lang: &str) -> String {
        let decision = attachments::check_file(&self.profile.attachments, name, bytes, Lang::from_tag(lang));
        serde_json::to_string(&decision).unwrap_or_else(|_| r#"{"verdict":"reject","findings":[]}"#.into())
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
