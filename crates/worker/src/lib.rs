//! postvakt at the edge: a Cloudflare Worker.
//!
//! One `#[event(fetch)]`, one [`Router`]; each handler parses the request,
//! calls `postvakt-core` and renders JSON. The browser page in `web/` is
//! served by wrangler's static assets beside it.

use postvakt_core::{password, Lang, Profile};
use serde::Deserialize;
use worker::{event, Context, Env, Request, Response, Result, RouteContext, Router};

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    Router::new()
        .get("/healthz", |_, _| Response::ok("ok"))
        .post_async("/api/password/check", handle_password_check)
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
async fn json_body<T: for<'de> Deserialize<'de>>(req: &mut Request) -> std::result::Result<T, Result<Response>> {
    let text = req.text().await.map_err(|e| error(400, format!("could not read the body: {e}")))?;
    if text.len() > 64 * 1024 {
        return Err(error(413, "the body is larger than 64 KiB"));
    }
    serde_json::from_str(&text).map_err(|e| error(400, format!("the body is not the JSON this endpoint takes: {e}")))
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
