//! postvakt at the edge: a Cloudflare Worker.
//!
//! One `#[event(fetch)]`, one [`Router`]; each handler parses the request,
//! calls `postvakt-core` and renders JSON. The browser page in `web/` is
//! served by wrangler's static assets beside it.

use postvakt_core::profile::TotpAlgorithm;
use postvakt_core::totp::{self, Params, Secret, TotpError};
use postvakt_core::{Lang, Profile, attachments, password};
use serde::Deserialize;
use worker::{Context, Env, Request, Response, Result, RouteContext, Router, event};

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    Router::new()
        .get("/healthz", |_, _| Response::ok("ok"))
        .post_async("/api/password/check", handle_password_check)
        .post_async("/api/totp/verify", handle_totp_verify)
        .post_async("/api/attachments/check", handle_attachment_check)
        .run(req, env)
        .await
}

/// A JSON error answer: `{"error": message}` with `status`.
fn error(status: u16, message: impl Into<String>) -> Result<Response> {
    Ok(Response::from_json(&serde_json::json!({ "error": message.into() }))?.with_status(status))
}

/// The request's language: the body's `lang`, else `Accept-Language`.
fn lang(req: &Request, explicit: Option<&str>) -> Lang {
    match explicit {
        Some(tag) => Lang::from_tag(tag),
        None => req
            .headers()
            .get("accept-language")
            .ok()
            .flatten()
            .map(|h| Lang::from_accept_language(&h))
            .unwrap_or_default(),
    }
}

/// Reads a JSON body of at most 64 KiB into `T`, or a 400 that says why.
async fn json_body<T: for<'de> Deserialize<'de>>(
    req: &mut Request,
) -> std::result::Result<T, Result<Response>> {
    let text = req
        .text()
        .await
        .map_err(|e| error(400, format!("could not read the body: {e}")))?;
    if text.len() > 64 * 1024 {
        return Err(error(413, "the body is larger than 64 KiB"));
    }
    serde_json::from_str(&text).map_err(|e| {
        error(
            400,
            format!("the body is not the JSON this endpoint takes: {e}"),
        )
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PasswordCheck {
    password: String,
    #[serde(default = "default_profile")]
    profile: String,
    #[serde(default)]
    lang: Option<String>,
}

fn default_profile() -> String {
    "altibox".into()
}

async fn handle_password_check(mut req: Request, _ctx: RouteContext<()>) -> Result<Response> {
    let body: PasswordCheck = match json_body(&mut req).await {
        Ok(b) => b,
        Err(answer) => return answer,
    };
    let profile = match Profile::preset(&body.profile) {
        Ok(p) => p,
        Err(e) => return error(400, e.to_string()),
    };
    let lang = lang(&req, body.lang.as_deref());
    let findings = password::findings(&profile.password, &body.password, lang);
    Response::from_json(&serde_json::json!({
        "ok": findings.is_empty(),
        "lang": lang.code(),
        "findings": findings,
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TotpVerify {
    /// Base32 secret (the webmail reads it from its sealed store).
    secret: String,
    code: String,
    #[serde(default = "default_profile")]
    profile: String,
    /// Parameters other than the profile's, e.g. for an imported secret.
    #[serde(default)]
    algorithm: Option<TotpAlgorithm>,
    #[serde(default)]
    digits: Option<u32>,
    #[serde(default)]
    period: Option<u32>,
    #[serde(default)]
    skew: Option<u32>,
    /// Unix seconds; the Worker's clock when absent.
    #[serde(default)]
    now: Option<u64>,
    /// The last step accepted for this secret (replay protection).
    #[serde(default)]
    last_step: Option<u64>,
    #[serde(default)]
    lang: Option<String>,
}

fn totp_refusal(e: &TotpError, lang: Lang) -> Result<Response> {
    Response::from_json(
        &serde_json::json!({ "ok": false, "code": e.code(), "message": e.message(lang) }),
    )
}

async fn handle_totp_verify(mut req: Request, _ctx: RouteContext<()>) -> Result<Response> {
    let body: TotpVerify = match json_body(&mut req).await {
        Ok(b) => b,
        Err(answer) => return answer,
    };
    let lang = lang(&req, body.lang.as_deref());
    let profile = match Profile::preset(&body.profile) {
        Ok(p) => p,
        Err(e) => return error(400, e.to_string()),
    };
    let t = &profile.two_factor;
    let params = Params::new(
        body.algorithm.unwrap_or(t.algorithm),
        body.digits.unwrap_or(t.digits),
        body.period.unwrap_or(t.period_seconds),
        body.skew.unwrap_or(t.skew_steps),
    );
    let (params, secret) = match (params, Secret::from_base32(&body.secret)) {
        (Ok(p), Ok(s)) => (p, s),
        (Err(e), _) | (_, Err(e)) => return totp_refusal(&e, lang),
    };
    // Workers have no SystemTime: the clock is JavaScript's.
    let now = body
        .now
        .unwrap_or_else(|| worker::Date::now().as_millis() / 1000);
    match totp::verify(secret.as_bytes(), &params, &body.code, now, body.last_step) {
        Ok(step) => Response::from_json(&serde_json::json!({ "ok": true, "step": step })),
        Err(e) => totp_refusal(&e, lang),
    }
}

/// The largest file or message `/api/attachments/check` reads.
const MAX_ATTACHMENT_BODY: usize = 25 << 20;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AttachmentQuery {
    /// The file's name as the user picked it; absent: the body is a whole
    /// RFC 5322 message.
    #[serde(default)]
    name: Option<String>,
    #[serde(default = "default_profile")]
    profile: String,
    #[serde(default)]
    lang: Option<String>,
}

/// `POST /api/attachments/check?name=F`: the body is the file's bytes (or,
/// without `name`, a whole message); the answer is the core's decision.
async fn handle_attachment_check(mut req: Request, _ctx: RouteContext<()>) -> Result<Response> {
    let query: AttachmentQuery = match req.query() {
        Ok(q) => q,
        Err(e) => {
            return error(
                400,
                format!("the query is not what this endpoint takes: {e}"),
            );
        }
    };
    let profile = match Profile::preset(&query.profile) {
        Ok(p) => p,
        Err(e) => return error(400, e.to_string()),
    };
    let bytes = req.bytes().await?;
    if bytes.len() > MAX_ATTACHMENT_BODY {
        return error(413, "the body is larger than 25 MiB");
    }
    let lang = lang(&req, query.lang.as_deref());
    let decision = match &query.name {
        Some(name) => attachments::check_file(&profile.attachments, name, &bytes, lang),
        None => attachments::check_message(&profile.attachments, &bytes, lang),
    };
    Response::from_json(&decision)
}
