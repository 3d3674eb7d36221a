// What the page can do in the browser beyond passwords, in Chromium: the
// bounce vectors through the page's own wasm-bindgen module, then the bounce,
// attachment and two-factor panels as a user drives them (served by
// `wrangler dev`, like runtimes.test.mjs). The TOTP and attachment vectors
// run through the module in vectors-in-chromium.test.mjs.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { startWrangler, launchChromium, ROOT, ARTIFACTS } from "./harness.mjs";

const BOUNCES = path.join(ROOT, "tests/vectors/bounce");
// What people paste or drop (bounce::parse_shown): copied texts, Outlook files.
const SHOWN = path.join(ROOT, "tests/vectors/bounce-saved");

let edge;
let browser;
let context;
let page;

before(async () => {
  edge = await startWrangler();
  browser = await launchChromium();
  context = await browser.newContext();
  page = await context.newPage();
  await page.goto(edge.url);
  await page.waitForSelector("body[data-ready=true]");
});

after(async () => {
  await browser?.close();
  edge?.stop();
});

/** Every bounce vector: the mail's (or pasted text's, or saved file's) bytes and its golden answer. */
function bounceVectors() {
  const read = (dir, ext) => readdirSync(dir).filter((f) => ext.test(f)).sort().map((f) => ({
    name: f,
    bytes: [...readFileSync(path.join(dir, f))],
    golden: JSON.parse(readFileSync(path.join(dir, f.replace(ext, ".json")), "utf8")),
  }));
  return [...read(BOUNCES, /\.eml$/), ...read(SHOWN, /\.(txt|msg)$/)];
}

describe("chromium: the browser module", () => {
  test("bounce vectors through explainBounce", async () => {
    const cases = bounceVectors();
    assert.ok(cases.length > 0);
    const results = await page.evaluate(async (cases) => {
      const m = await import("/pkg/postvakt_web.js");
      return cases.map((c) => JSON.parse(m.explainBounce(new Uint8Array(c.bytes), "en")));
    }, cases);
    let records = 0;
    cases.forEach((c, i) => {
      const got = results[i];
      assert.equal(got.ok, true, `${c.name}: ${JSON.stringify(got)}`);
      assert.equal(got.kind, c.golden.kind, c.name);
      const shape = (r) => ({ recipient: r.recipient, status: r.status, reply: r.reply, reason: r.reason, hard: r.hard });
      assert.deepEqual(got.records.map(shape), c.golden.records.map(shape), c.name);
      // The rest of the record passes through untouched, plus the advice.
      for (const [j, r] of got.records.entries()) {
        const { advice, ...record } = r;
        assert.deepEqual(record, c.golden.records[j], `${c.name} record ${j}`);
        assert.ok(advice.step && advice.explanation && advice.next_step, `${c.name} record ${j} advice`);
      }
      // A warning that delivery is still being retried: nothing to do yet.
      if (c.name === "postfix-delayed.eml") assert.equal(got.records[0].advice.step, "nothing", c.name);
      assert.equal(got.delayed, got.kind === "delivery" && got.records.length > 0 &&
        got.records.every((r) => r.action === "delayed"), c.name);
      records += got.records.length;
    });
    const empty = await page.evaluate(async () => {
      const m = await import("/pkg/postvakt_web.js");
      return JSON.parse(m.explainBounce(new TextEncoder().encode(" \n"), "nb"));
    });
    assert.deepEqual(empty, { ok: false, code: "empty", message: "Filen er tom." });
    console.log(`chromium: ${cases.length} bounce vectors (${records} records) match`);
  });
});

describe("chromium: the page's panels", () => {
  test("bounce, attachment and two-factor panels, in Norwegian", async () => {
    const ctx = await browser.newContext({ locale: "nb-NO", viewport: { width: 800, height: 900 } });
    const p = await ctx.newPage();
    await p.goto(edge.url);
    await p.waitForSelector("body[data-ready=true]");
    assert.equal(await p.getAttribute("html", "lang"), "nb");
    assert.equal(await p.textContent("#bounce-title"), "Forklar en returmelding");

    // (a) Paste a bounce: one card per recipient with the core's advice in nb.
    const eml = readFileSync(path.join(BOUNCES, "postfix-dsn.eml"), "utf8");
    const golden = JSON.parse(readFileSync(path.join(BOUNCES, "postfix-dsn.json"), "utf8"));
    await p.fill("#bounce-text", eml);
    await p.waitForSelector("#bounce-records li[data-reason]");
    assert.equal(await p.getAttribute("#bounce-summary", "data-kind"), golden.kind);
    const cards = await p.$$eval("#bounce-records li", (lis) => lis.map((li) => ({
      recipient: li.dataset.recipient, reason: li.dataset.reason, hard: li.dataset.hard,
      explanation: li.querySelector(".explanation").textContent,
      next: li.querySelector(".next-step").textContent,
      diagnostic: li.querySelector(".diagnostic code")?.textContent ?? "",
      message: li.querySelector(".message")?.textContent ?? "",
    })));
    const expected = await p.evaluate(async (eml) => {
      const m = await import("/pkg/postvakt_web.js");
      return JSON.parse(m.explainBounce(new TextEncoder().encode(eml), "nb")).records;
    }, eml);
    assert.deepEqual(cards.map((c) => [c.recipient, c.reason, c.hard]),
      golden.records.map((r) => [r.recipient, r.reason, String(r.hard)]));
    cards.forEach((c, i) => {
      assert.equal(c.explanation, expected[i].advice.explanation);
      assert.equal(c.next, expected[i].advice.next_step);
      assert.equal(c.diagnostic, golden.records[i].diagnostic);
      // Which mail came back, by the returned original's subject.
      assert.equal(c.message, `Meldingen din: ${golden.records[i].subject}`);
    });
    // userunknown in Norwegian (crates/core/src/bounce/advice.rs): named as
    // a person reads it, the code name kept as the tag's title.
    assert.equal(cards[0].explanation, "Adressen finnes ikke hos mottakerens server.");
    assert.equal(await p.textContent("#bounce-records li .tag.reason"), "Årsak: Ukjent adresse");
    assert.equal(await p.getAttribute("#bounce-records li .tag.reason", "title"), "userunknown");

    // (a') Paste only the text a mail program shows, no headers: read as the
    // mail system's words (bounce::parse_shown).
    await p.fill("#bounce-text", "Meldingen din kunne ikke leveres til følgende mottaker:\n\n" +
      "kari@example.org\nRemote Server returned '550 5.1.1 User unknown'\n");
    await p.waitForSelector("#bounce-records li[data-recipient='kari@example.org']");
    assert.equal(await p.getAttribute("#bounce-summary", "data-kind"), "delivery");
    assert.equal(await p.getAttribute("#bounce-records li", "data-reason"), "userunknown");

    // A report's title alone names no one: one card, for a recipient the
    // text does not hold, advising to quote the whole error to support.
    await p.fill("#bounce-text", "Kan ikke leveres: Tilbud\n");
    await p.waitForSelector("#bounce-records li[data-recipient='']");
    assert.equal(await p.getAttribute("#bounce-summary", "data-kind"), "delivery");
    assert.equal(await p.textContent("#bounce-records li .recipient strong"), "(ingen mottaker i teksten)");
    assert.equal(await p.getAttribute("#bounce-records li", "data-step"), "contact_support");

    // A delay warning is summed up as one: nothing has failed yet.
    await p.fill("#bounce-text", "Delivery Status Notification (Delay)\n\nkari@example.org\n");
    await p.waitForSelector("#bounce-summary[data-delayed='true']");
    assert.equal(await p.textContent("#bounce-summary"), "Leveringen er forsinket til:");
    assert.equal(await p.getAttribute("#bounce-records li", "data-step"), "nothing");

    // (a'') Open a returned mail as Outlook saves it (.msg): read by the core,
    // and not shown as text.
    await p.setInputFiles("#bounce-file", path.join(SHOWN, "outlook-ndr.msg"));
    await p.waitForSelector("#bounce-records li[data-recipient='per.hansen@example.org']");
    assert.equal(await p.getAttribute("#bounce-records li", "data-reason"), "userunknown");
    assert.equal(await p.inputValue("#bounce-text"), "");

    // (b) Choose a file: a double extension hiding a program is refused.
    await p.setInputFiles("#attachment-file", {
      name: "invoice.pdf.exe", mimeType: "application/octet-stream",
      buffer: Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(256)]),
    });
    await p.waitForSelector("#attachment-verdict[data-verdict]");
    assert.equal(await p.getAttribute("#attachment-verdict", "data-verdict"), "reject");
    const findings = await p.$$eval("#attachment-findings li", (lis) => lis.map((li) => [li.dataset.code, li.textContent]));
    assert.ok(findings.length > 0, "findings shown");
    assert.ok(findings.every(([code, message]) => code && message), JSON.stringify(findings));

    // (c) Two-factor preview: a QR code, then a wrong and a right code.
    await p.fill("#totp-account", "kari@lyse.net");
    await p.click("#totp-start");
    await p.waitForSelector("#totp-qr svg");
    const secret = await p.textContent("#totp-secret");
    assert.match(secret, /^[A-Z2-7]{32}$/);
    await p.fill("#totp-code", "000000");
    await p.click("#totp-check");
    assert.equal(await p.getAttribute("#totp-result", "data-ok"), "false");
    assert.equal(await p.getAttribute("#totp-result", "data-code"), "invalid_code");
    const uri = new URL(await p.getAttribute("#totp-preview", "data-uri"));
    const right = await p.evaluate(async ({ secret, algorithm, digits, period }) => {
      const m = await import("/pkg/postvakt_web.js");
      return m.totpGenerate(algorithm, digits, period, secret, Date.now() / 1000);
    }, {
      secret,
      algorithm: uri.searchParams.get("algorithm") ?? "SHA1",
      digits: Number(uri.searchParams.get("digits") ?? 6),
      period: Number(uri.searchParams.get("period") ?? 30),
    });
    await p.fill("#totp-code", right);
    await p.click("#totp-check");
    assert.equal(await p.getAttribute("#totp-result", "data-ok"), "true");
    assert.equal(await p.textContent("#totp-result"), "Koden stemmer: appen er satt opp riktig.");

    const file = path.join(ARTIFACTS, "capabilities-page.png");
    await p.screenshot({ path: file, fullPage: true });
    console.log(`chromium: bounce (${cards.length} records), attachment (${findings.length} findings) and two-factor panels work in nb`);
    console.log(`screenshot: ${file}`);
    await ctx.close();
  });
});
