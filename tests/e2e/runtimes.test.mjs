// The shared vectors in workerd (the Worker under `wrangler dev`) and in
// Chromium (the page and its wasm-bindgen module, served by the same
// `wrangler dev`). Native and wasmtime runs are in `cargo test`.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startWrangler, launchChromium, vectors, segmentBytes, ARTIFACTS } from "./harness.mjs";

let edge;
let browser;

before(async () => {
  edge = await startWrangler();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  edge?.stop();
});

describe("workerd: the Worker", () => {
  test("GET /healthz", async () => {
    const res = await fetch(`${edge.url}/healthz`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "ok");
  });

  test("POST /api/password/check: every password vector", async () => {
    const { cases } = vectors("password.json");
    for (const c of cases) {
      const res = await fetch(`${edge.url}/api/password/check`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ profile: c.profile, password: c.password, lang: c.lang }),
      });
      assert.equal(res.status, 200, c.password);
      const body = await res.json();
      assert.deepEqual(body.findings.map((f) => f.code), c.codes, `password ${JSON.stringify(c.password)}`);
      if (c.messages) assert.deepEqual(body.findings.map((f) => f.message), c.messages);
      assert.equal(body.ok, c.codes.length === 0);
    }
    console.log(`workerd: ${cases.length} password vectors match`);
  });

  test("POST /api/totp/verify: every totp verify vector", async () => {
    const cases = vectors("totp.json").cases.filter((c) => c.kind === "verify");
    for (const c of cases) {
      const res = await fetch(`${edge.url}/api/totp/verify`, {
        method: "POST",
        body: JSON.stringify({
          secret: c.secret_base32, code: c.code, now: c.now, last_step: c.last_step ?? undefined,
          algorithm: c.algorithm, digits: c.digits, period: c.period, skew: c.skew,
        }),
      });
      assert.equal(res.status, 200, c.name);
      const got = await res.json();
      if (c.expect.error) assert.deepEqual([got.ok, got.code], [false, c.expect.error], c.name);
      else assert.deepEqual(got, { ok: true, step: c.expect.step }, c.name);
    }
    console.log(`workerd: ${cases.length} totp verify vectors match`);
  });

  test("POST /api/attachments/check: every attachment vector", async () => {
    const { cases } = vectors("attachments.json");
    for (const c of cases) {
      const query = new URLSearchParams({ profile: c.profile, lang: c.lang });
      if (c.file) query.set("name", c.file.name);
      const res = await fetch(`${edge.url}/api/attachments/check?${query}`, {
        method: "POST",
        body: segmentBytes(c.file ? c.file.content : c.message),
      });
      assert.equal(res.status, 200, c.about);
      const got = await res.json();
      assert.equal(got.verdict, c.verdict, c.about);
      const shape = (f) => ({ path: f.path, code: f.code, rule: f.rule, name_shown: f.name_shown });
      assert.deepEqual(got.findings.map(shape), c.findings.map(shape), c.about);
      if (c.messages) assert.deepEqual(got.findings.map((f) => f.message), c.messages, c.about);
    }
    console.log(`workerd: ${cases.length} attachment vectors match`);
  });

  test("Accept-Language picks the message language", async () => {
    const res = await fetch(`${edge.url}/api/password/check`, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": "sv-SE,sv;q=0.9,en;q=0.5" },
      body: JSON.stringify({ password: "abc" }),
    });
    const body = await res.json();
    assert.equal(body.lang, "sv");
    assert.equal(body.findings[0].message, "Använd minst 8 tecken.");
  });

  test("bad JSON gets a 400 that says why", async () => {
    for (const body of ["{not json", "[]", JSON.stringify({ pasword: "x" })]) {
      const res = await fetch(`${edge.url}/api/password/check`, { method: "POST", body });
      assert.equal(res.status, 400, body);
      const answer = await res.json();
      assert.match(answer.error, /JSON/);
    }
    const res = await fetch(`${edge.url}/api/password/check`, {
      method: "POST",
      body: JSON.stringify({ password: "x", profile: "gmail" }),
    });
    assert.equal(res.status, 400);
    assert.match((await res.json()).error, /gmail/);
  });
});

describe("chromium: the page", () => {
  const locales = { en: "en-GB", nb: "nb-NO", sv: "sv-SE", da: "da-DK", fr: "fr-FR" };

  test("typing a password shows the findings live, in the browser's language", async () => {
    const { cases } = vectors("password.json");
    const byLang = {};
    for (const c of cases) (byLang[c.lang] ??= []).push(c);
    for (const [lang, group] of Object.entries(byLang)) {
      const context = await browser.newContext({ locale: locales[lang] });
      const page = await context.newPage();
      for (const c of group) {
        await page.goto(`${edge.url}/?profile=${c.profile}`);
        await page.waitForSelector("body[data-ready=true]");
        await page.fill("#password", c.password);
        const got = await page.$$eval("#findings li", (lis) => lis.map((li) => [li.dataset.code, li.textContent]));
        assert.deepEqual(got.map(([code]) => code), c.codes, `password ${JSON.stringify(c.password)} (${lang})`);
        if (c.messages) assert.deepEqual(got.map(([, m]) => m), c.messages);
      }
      await context.close();
    }
    console.log(`chromium: ${cases.length} password vectors match`);
  });

  test("screenshot of the page with findings", async () => {
    const context = await browser.newContext({ locale: "nb-NO", viewport: { width: 800, height: 600 } });
    const page = await context.newPage();
    await page.goto(edge.url);
    await page.waitForSelector("body[data-ready=true]");
    await page.fill("#password", "sommer");
    assert.ok((await page.$$("#findings li")).length > 0);
    const file = path.join(ARTIFACTS, "password-page.png");
    await page.screenshot({ path: file, fullPage: true });
    console.log(`screenshot: ${file}`);
    await context.close();
  });
});
