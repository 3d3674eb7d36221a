//! postvakt in the browser.
//!
//! A wasm-bindgen module the page in `web/` loads: the same core rules as
//! the Worker and the mail-server plugin, run on the user's machine before
//! anything leaves it. Results cross into JavaScript as JSON text, which the
//! page parses; errors are thrown as `Error`s with a clear message.

use postvakt_core::totp::{PendingEnrollment, TotpError};
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

    /// Starts a two-factor enrollment preview for `account`: a new secret
    /// from the browser's `crypto.getRandomValues`, its Key URI and QR
    /// code. `now` is unix seconds (`Date.now() / 1000`). Returns JSON
    /// `{"state", "secret", "uri", "qr_svg", "expires_at"}`; keep `state`
    /// for [`check_two_factor_code`](Rules::check_two_factor_code).
    /// Throws for an unusable account name or when the browser has no
    /// secure random source.
    #[wasm_bindgen(js_name = beginTwoFactor)]
    pub fn begin_two_factor(&self, account: &str, now: f64) -> Result<String, JsError> {
        let mut failed = false;
        let mut random = |buf: &mut [u8]| failed |= getrandom::getrandom(buf).is_err();
        let pending = PendingEnrollment::begin(&self.profile, account, &mut random, seconds(now))?;
        if failed {
            return Err(JsError::new("no secure random source (crypto.getRandomValues)"));
        }
        let preview = serde_json::json!({
            "state": pending.to_state(),
            "secret": pending.secret_base32(),
            "uri": pending.key_uri(),
            "qr_svg": pending.qr_svg()?,
            "expires_at": pending.expires_at(),
        });
        Ok(preview.to_string())
    }

    /// Checks a code typed from the app against a pending enrollment's
    /// `state`, at `now` (unix seconds), without activating anything.
    /// Returns JSON: `{"ok": true, "step": 56666667}` or
    /// `{"ok": false, "code": "invalid_code", "message": "…"}`, the message
    /// in `lang`.
    #[wasm_bindgen(js_name = checkTwoFactorCode)]
    pub fn check_two_factor_code(&self, state: &str, code: &str, now: f64, lang: &str) -> String {
        let lang = Lang::from_tag(lang);
        let result = PendingEnrollment::from_state(state).and_then(|p| p.check(code, seconds(now)));
        let answer = match result {
            Ok(step) => serde_json::json!({ "ok": true, "step": step }),
            Err(e) => failure(&e, lang),
        };
        answer.to_string()
    }
}

fn failure(e: &TotpError, lang: Lang) -> serde_json::Value {
    serde_json::json!({ "ok": false, "code": e.code(), "message": e.message(lang) })
}

/// JavaScript's number of seconds as whole unix seconds; NaN and negative
/// times read as 0 (which then fail as expired, not as a panic).
fn seconds(now: f64) -> u64 {
    if now.is_finite() && now > 0.0 { now as u64 } else { 0 }
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
