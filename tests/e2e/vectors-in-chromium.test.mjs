// The TOTP and attachment vectors through the browser module, in Chromium:
// the same wasm the page loads, called from the page itself. (Flows that
// seal secrets or hand out recovery codes run on the server side and are
// covered natively and in wasmtime.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startWrangler, launchChromium, vectors, segmentBytes } from "./harness.mjs";

let edge;
let browser;
let page;

before(async () => {
  edge = await startWrangler();
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(edge.url);
  await page.waitForSelector("body[data-ready=true]");
});

after(async () => {
  await browser?.close();
  edge?.stop();
});

/** Hex → RFC 4648 base32 without padding (what the module takes). */
function base32(hex) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, value = 0, out = "";
  for (const byte of Buffer.from(hex, "hex")) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += alphabet[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return bits ? out + alphabet[(value << (5 - bits)) & 31] : out;
}

test("totp vectors (generate, verify, secret, key URI) in the browser module", async () => {
  const cases = vectors("totp.json").cases.filter((c) => ["generate", "verify", "secret", "key_uri"].includes(c.kind));
  for (const c of cases) if (c.kind === "generate") c.secret_base32 = base32(c.secret_hex);
  const results = await page.evaluate(async (cases) => {
    const m = await import("/pkg/postvakt_web.js");
    return cases.map((c) => {
      switch (c.kind) {
        case "generate":
          return m.totpGenerate(c.algorithm, c.digits, c.period, c.secret_base32, c.time);
        case "verify":
          return JSON.parse(m.totpVerify(c.algorithm, c.digits, c.period, c.skew, c.secret_base32, c.code, c.now,
            c.last_step === null ? undefined : c.last_step, "en"));
        case "secret":
          return JSON.parse(m.decodeTotpSecret(c.text, "en"));
        default:
          return new m.Rules(c.profile).twoFactorKeyUri(c.account, c.secret_base32);
      }
    });
  }, cases);
  cases.forEach((c, i) => {
    const got = results[i];
    if (c.kind === "generate") assert.equal(got, c.code, c.name);
    else if (c.kind === "key_uri") assert.equal(got, c.uri, c.name);
    else if (c.expect.error) assert.deepEqual([got.ok, got.code], [false, c.expect.error], c.name);
    else {
      assert.equal(got.ok, true, `${c.name}: ${JSON.stringify(got)}`);
      if (c.expect.step !== undefined) assert.equal(got.step, c.expect.step, c.name);
      if (c.expect.hex !== undefined) assert.equal(got.hex, c.expect.hex, c.name);
    }
  });
  console.log(`chromium: ${cases.length} totp vectors match`);
});

test("two-factor enrollment preview: a QR code and a code check", async () => {
  const got = await page.evaluate(async () => {
    const m = await import("/pkg/postvakt_web.js");
    const rules = new m.Rules("altibox");
    const now = 1_750_000_020;
    const preview = JSON.parse(rules.beginTwoFactor("kari@lyse.net", now));
    const wrong = JSON.parse(rules.checkTwoFactorCode(preview.state, "000000", now, "nb"));
    return { preview, wrong };
  });
  assert.match(got.preview.qr_svg, /^<svg/);
  assert.match(got.preview.uri, /^otpauth:\/\/totp\/Altibox:kari@lyse\.net\?secret=[A-Z2-7]{32}&issuer=Altibox/);
  assert.equal(got.wrong.ok, false);
  assert.ok(got.wrong.message.length > 0);
});

test("attachment vectors (single files) in the browser module", async () => {
  const cases = vectors("attachments.json").cases.filter((c) => c.file);
  const inputs = cases.map((c) => ({ profile: c.profile, lang: c.lang, name: c.file.name, bytes: [...segmentBytes(c.file.content)] }));
  const results = await page.evaluate(async (inputs) => {
    const m = await import("/pkg/postvakt_web.js");
    return inputs.map((i) => JSON.parse(new m.Rules(i.profile).checkAttachment(i.name, new Uint8Array(i.bytes), i.lang)));
  }, inputs);
  cases.forEach((c, i) => {
    const got = results[i];
    assert.equal(got.verdict, c.verdict, c.about);
    const shape = (f) => ({ path: f.path, code: f.code, rule: f.rule, name_shown: f.name_shown });
    assert.deepEqual(got.findings.map(shape), c.findings.map(shape), c.about);
    if (c.messages) assert.deepEqual(got.findings.map((f) => f.message), c.messages, c.about);
  });
  console.log(`chromium: ${cases.length} attachment file vectors match`);
});
