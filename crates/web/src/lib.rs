//! postvakt in the browser.
//!
//! A wasm-bindgen module the page in `web/` loads: the same core rules as
//! the Worker and the mail-server plugin, run on the user's machine before
//! anything leaves it. Results cross into JavaScript as JSON text, which the
//! page parses; errors are thrown as `Error`s with a clear message.

use postvakt_core::bounce::{self, advice};
use postvakt_core::profile::TotpAlgorithm;
use postvakt_core::totp::{self, Params, PendingEnrollment, Secret, TotpError};
use postvakt_core::{Lang, Profile, attachments, password};
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
        Ok(Rules {
            profile: Profile::preset(preset)?,
        })
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
        let decision =
            attachments::check_file(&self.profile.attachments, name, bytes, Lang::from_tag(lang));
        serde_json::to_string(&decision)
            .unwrap_or_else(|_| r#"{"verdict":"reject","findings":[]}"#.into())
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
            return Err(JsError::new(
                "no secure random source (crypto.getRandomValues)",
            ));
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

    /// The Key URI the profile would show for `account` and a known
    /// `secret` (base32); throws for a bad account name or secret.
    #[wasm_bindgen(js_name = twoFactorKeyUri)]
    pub fn two_factor_key_uri(&self, account: &str, secret: &str) -> Result<String, JsError> {
        let pending = PendingEnrollment::with_secret(
            &self.profile,
            account,
            Secret::from_base32(secret)?,
            0,
        )?;
        Ok(pending.key_uri())
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

/// Code parameters from page values; `algorithm` is `SHA1`, `SHA256` or
/// `SHA512`.
fn params(algorithm: &str, digits: u32, period: u32, skew: u32) -> Result<Params, TotpError> {
    let algorithm: TotpAlgorithm = serde_json::from_value(serde_json::json!(algorithm))
        .map_err(|_| TotpError::InvalidParams("algorithm must be SHA1, SHA256 or SHA512"))?;
    Params::new(algorithm, digits, period, skew)
}

/// The TOTP code for `secret` (base32) at `time` (unix seconds). Throws
/// for bad parameters or a malformed secret. Used by the shared vectors'
/// browser run and by pages that show a test code.
#[wasm_bindgen(js_name = totpGenerate)]
pub fn totp_generate(
    algorithm: &str,
    digits: u32,
    period: u32,
    secret: &str,
    time: f64,
) -> Result<String, JsError> {
    let params = params(algorithm, digits, period, 0)?;
    let secret = Secret::from_base32(secret)?;
    Ok(totp::generate(secret.as_bytes(), &params, seconds(time)))
}

/// Checks `code` against `secret` (base32) around `now`, refusing steps at
/// or before `last_step` (pass `undefined` for none). Returns JSON
/// `{"ok": true, "step": …}` or `{"ok": false, "code", "message"}` in `lang`.
#[wasm_bindgen(js_name = totpVerify)]
#[allow(clippy::too_many_arguments)] // mirrors the WIT `verify` plus the page's language
pub fn totp_verify(
    algorithm: &str,
    digits: u32,
    period: u32,
    skew: u32,
    secret: &str,
    code: &str,
    now: f64,
    last_step: Option<f64>,
    lang: &str,
) -> String {
    let result = params(algorithm, digits, period, skew).and_then(|p| {
        let secret = Secret::from_base32(secret)?;
        totp::verify(
            secret.as_bytes(),
            &p,
            code,
            seconds(now),
            last_step.map(seconds),
        )
    });
    match result {
        Ok(step) => serde_json::json!({ "ok": true, "step": step }),
        Err(e) => failure(&e, Lang::from_tag(lang)),
    }
    .to_string()
}

/// Reads a base32 secret as a user typed it. Returns JSON
/// `{"ok": true, "hex": "…"}` or `{"ok": false, "code", "message"}`.
#[wasm_bindgen(js_name = decodeTotpSecret)]
pub fn decode_totp_secret(text: &str, lang: &str) -> String {
    match Secret::from_base32(text) {
        Ok(s) => {
            let hex: String = s.as_bytes().iter().map(|b| format!("{b:02x}")).collect();
            serde_json::json!({ "ok": true, "hex": hex })
        }
        Err(e) => failure(&e, Lang::from_tag(lang)),
    }
    .to_string()
}

/// Explains a returned mail (a bounce, feedback report or auto-reply) as
/// pasted or dropped: `raw` is the whole message, or its text as a mail
/// program shows it (`bounce::parse_shown`). Returns JSON
/// `{"ok": true, "kind": "delivery"|"feedback"|"auto_reply"|"not_a_bounce",
/// "delayed": bool, "records": [{"recipient", "status", "reply", "reason",
/// "hard", "action", "diagnostic", …, "advice": {"name", "step",
/// "explanation", "next_step"}}, …]}` (`name`: the reason as a person
/// reads it, `advice::name`; `delayed`: a delay warning, every recipient
/// still being tried: `Bounce::is_delay_warning`) or `{"ok": false,
/// "code": "empty"|"not_mail", "message"}`, words in `lang` (a BCP 47
/// tag).
#[wasm_bindgen(js_name = explainBounce)]
pub fn explain_bounce(raw: &[u8], lang: &str) -> String {
    let lang = Lang::from_tag(lang);
    match bounce::parse_shown(raw) {
        Ok(parsed) => {
            let records: Vec<serde_json::Value> = parsed
                .records
                .iter()
                .map(|r| {
                    let a = advice::for_record(r, lang);
                    let mut record = serde_json::to_value(r).unwrap_or_default();
                    if let Some(fields) = record.as_object_mut() {
                        fields.insert(
                            "advice".into(),
                            serde_json::json!({
                                "name": a.name,
                                "step": a.step,
                                "explanation": a.explanation,
                                "next_step": a.next_step,
                            }),
                        );
                    }
                    record
                })
                .collect();
            serde_json::json!({
                "ok": true,
                "kind": parsed.kind,
                "delayed": parsed.is_delay_warning(),
                "records": records,
            })
        }
        Err(e) => serde_json::json!({ "ok": false, "code": e.code(), "message": e.message(lang) }),
    }
    .to_string()
}

fn failure(e: &TotpError, lang: Lang) -> serde_json::Value {
    serde_json::json!({ "ok": false, "code": e.code(), "message": e.message(lang) })
}

/// JavaScript's number of seconds as whole unix seconds; NaN and negative
/// times read as 0 (which then fail as expired, not as a panic).
fn seconds(now: f64) -> u64 {
    if now.is_finite() && now > 0.0 {
        now as u64
    } else {
        0
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
