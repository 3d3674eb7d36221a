// The settings page: every rule comes from postvakt's core, compiled to
// WebAssembly (web/pkg, built by scripts/build-wasm.sh). This file only
// wires the page to it.
import init, { Rules, pickLanguage, explainBounce } from "./pkg/postvakt_web.js";

// The page's own labels (not rules): in the four languages postvakt speaks.
const LABELS = {
  en: { tagline: "Your provider's rules, checked on your own machine. Nothing you type here leaves it.", title: "Password", provider: "Provider", password: "New password", show: "Show", ok: "This password meets the policy.", ready: "Checked by postvakt in your browser." },
  nb: { tagline: "Leverandørens regler, sjekket på din egen maskin. Ingenting du skriver her forlater den.", title: "Passord", provider: "Leverandør", password: "Nytt passord", show: "Vis", ok: "Passordet oppfyller kravene.", ready: "Sjekket av postvakt i nettleseren din." },
  sv: { tagline: "Leverantörens regler, kontrollerade på din egen dator. Inget du skriver här lämnar den.", title: "Lösenord", provider: "Leverantör", password: "Nytt lösenord", show: "Visa", ok: "Lösenordet uppfyller kraven.", ready: "Kontrollerat av postvakt i din webbläsare." },
  da: { tagline: "Udbyderens regler, kontrolleret på din egen maskine. Intet, du skriver her, forlader den.", title: "Adgangskode", provider: "Udbyder", password: "Ny adgangskode", show: "Vis", ok: "Adgangskoden opfylder kravene.", ready: "Kontrolleret af postvakt i din browser." },
};

// Labels of the bounce, attachment and two-factor panels.
const MORE_LABELS = {
  en: {
    bounceTitle: "Explain a bounce", bounceText: "Paste the returned mail: its text, the server's error alone, or the whole mail with headers", bounceFile: "…or open a saved mail (.eml, or .msg from Outlook)",
    kinds: { delivery: "Delivery failed for:", feedback: "A complaint report about:", auto_reply: "An automatic reply from:", not_a_bounce: "This mail is not a bounce." },
    unnamed: "(no recipient in the text)", delayed: "Delivery is delayed to:", reason: "Reason", permanent: "permanent", temporary: "may pass", server: "The server said", message: "Your message",
    attachmentTitle: "Check an attachment", attachmentFile: "Choose a file", accept: "This file can be attached.", reject: "This file will be refused.",
    totpTitle: "Two-factor setup preview", account: "Account (e-mail address)", start: "Start", scan: "Scan this code with your authenticator app.",
    secret: "Or type this key:", code: "Code from the app", check: "Check", codeOk: "The code is right: the app is set up correctly.",
  },
  nb: {
    bounceTitle: "Forklar en returmelding", bounceText: "Lim inn returmeldingen: teksten, bare serverens feilmelding, eller hele e-posten med hoder", bounceFile: "…eller åpne en lagret e-post (.eml, eller .msg fra Outlook)",
    kinds: { delivery: "Levering mislyktes til:", feedback: "En klage gjelder:", auto_reply: "Et automatisk svar fra:", not_a_bounce: "Denne e-posten er ikke en returmelding." },
    unnamed: "(ingen mottaker i teksten)", delayed: "Leveringen er forsinket til:", reason: "Årsak", permanent: "varig", temporary: "kan gå over", server: "Serveren svarte", message: "Meldingen din",
    attachmentTitle: "Sjekk et vedlegg", attachmentFile: "Velg en fil", accept: "Denne filen kan legges ved.", reject: "Denne filen blir avvist.",
    totpTitle: "Forhåndsvisning av totrinnsbekreftelse", account: "Konto (e-postadresse)", start: "Start", scan: "Skann koden med autentiseringsappen din.",
    secret: "Eller skriv inn denne nøkkelen:", code: "Kode fra appen", check: "Sjekk", codeOk: "Koden stemmer: appen er satt opp riktig.",
  },
  sv: {
    bounceTitle: "Förklara ett returmeddelande", bounceText: "Klistra in returmeddelandet: texten, bara serverns felmeddelande, eller hela mejlet med rubriker", bounceFile: "…eller öppna ett sparat mejl (.eml, eller .msg från Outlook)",
    kinds: { delivery: "Leveransen misslyckades till:", feedback: "Ett klagomål gäller:", auto_reply: "Ett automatiskt svar från:", not_a_bounce: "Det här mejlet är inte ett returmeddelande." },
    unnamed: "(ingen mottagare i texten)", delayed: "Leveransen är försenad till:", reason: "Orsak", permanent: "bestående", temporary: "kan gå över", server: "Servern svarade", message: "Ditt meddelande",
    attachmentTitle: "Kontrollera en bilaga", attachmentFile: "Välj en fil", accept: "Filen kan bifogas.", reject: "Filen kommer att avvisas.",
    totpTitle: "Förhandsvisning av tvåstegsverifiering", account: "Konto (e-postadress)", start: "Starta", scan: "Skanna koden med din autentiseringsapp.",
    secret: "Eller skriv in den här nyckeln:", code: "Kod från appen", check: "Kontrollera", codeOk: "Koden stämmer: appen är rätt inställd.",
  },
  da: {
    bounceTitle: "Forklar en returmail", bounceText: "Indsæt returmailen: teksten, kun serverens fejlmeddelelse, eller hele e-mailen med headere", bounceFile: "…eller åbn en gemt e-mail (.eml, eller .msg fra Outlook)",
    kinds: { delivery: "Levering mislykkedes til:", feedback: "En klage gælder:", auto_reply: "Et automatisk svar fra:", not_a_bounce: "Denne e-mail er ikke en returmail." },
    unnamed: "(ingen modtager i teksten)", delayed: "Leveringen er forsinket til:", reason: "Årsag", permanent: "varig", temporary: "kan gå over", server: "Serveren svarede", message: "Din besked",
    attachmentTitle: "Kontrollér en vedhæftet fil", attachmentFile: "Vælg en fil", accept: "Filen kan vedhæftes.", reject: "Filen vil blive afvist.",
    totpTitle: "Forhåndsvisning af totrinsbekræftelse", account: "Konto (e-mailadresse)", start: "Start", scan: "Scan koden med din godkendelsesapp.",
    secret: "Eller indtast denne nøgle:", code: "Kode fra appen", check: "Kontrollér", codeOk: "Koden er rigtig: appen er sat korrekt op.",
  },
};

const params = new URLSearchParams(location.search);
const $ = (id) => document.getElementById(id);

await init();
// ?lang= overrides the browser's languages (handy for support staff).
const lang = pickLanguage(params.has("lang") ? [params.get("lang")] : [...navigator.languages]);
const text = LABELS[lang];
document.documentElement.lang = lang;
$("tagline").textContent = text.tagline;
$("password-title").textContent = text.title;
$("profile-label").textContent = text.provider;
$("password-label").textContent = text.password;
$("show-label").textContent = text.show;

if (params.has("profile")) $("profile").value = params.get("profile");
let rules = new Rules($("profile").value);

function render() {
  const pw = $("password").value;
  const findings = JSON.parse(rules.checkPassword(pw, lang));
  const list = $("findings");
  list.replaceChildren(...findings.map((f) => {
    const li = document.createElement("li");
    li.dataset.code = f.code;
    li.textContent = f.message;
    return li;
  }));
  const ok = $("password-ok");
  ok.hidden = pw.length === 0 || findings.length > 0;
  ok.textContent = text.ok;
}

$("profile").addEventListener("change", () => { rules = new Rules($("profile").value); render(); });
$("password").addEventListener("input", render);
$("show").addEventListener("change", (e) => { $("password").type = e.target.checked ? "text" : "password"; });
render();

// Panel labels.
const more = MORE_LABELS[lang];
for (const [id, key] of [
  ["bounce-title", "bounceTitle"], ["bounce-text-label", "bounceText"], ["bounce-file-label", "bounceFile"],
  ["attachment-title", "attachmentTitle"], ["attachment-file-label", "attachmentFile"],
  ["totp-title", "totpTitle"], ["totp-account-label", "account"], ["totp-start", "start"], ["totp-scan", "scan"],
  ["totp-secret-label", "secret"], ["totp-code-label", "code"], ["totp-check", "check"],
]) $(id).textContent = more[key];

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

// Explain a bounce: everything comes from explainBounce; the page only lays it out.
function showBounce(bytes) {
  const summary = $("bounce-summary");
  const list = $("bounce-records");
  if (bytes.length === 0) {
    summary.hidden = true;
    list.replaceChildren();
    return;
  }
  const answer = JSON.parse(explainBounce(bytes, lang));
  summary.hidden = false;
  if (!answer.ok) {
    summary.dataset.kind = "";
    delete summary.dataset.delayed;
    summary.dataset.error = answer.code;
    summary.className = "bad";
    summary.textContent = answer.message;
    list.replaceChildren();
    return;
  }
  delete summary.dataset.error;
  summary.dataset.kind = answer.kind;
  summary.className = "";
  summary.dataset.delayed = String(answer.delayed);
  summary.textContent = answer.delayed ? more.delayed : more.kinds[answer.kind] ?? answer.kind;
  list.replaceChildren(...answer.records.map((r) => {
    const li = el("li");
    Object.assign(li.dataset, { recipient: r.recipient, reason: r.reason, status: r.status, hard: String(r.hard), step: r.advice.step });
    const codes = [r.status, r.reply].filter(Boolean).join(" ");
    li.append(
      el("p", { className: "recipient" }, el("strong", { textContent: r.recipient || more.unnamed }),
        " ", el("span", { className: "tag reason", title: r.reason, textContent: `${more.reason}: ${r.advice.name}` }),
        " ", el("span", { className: r.hard ? "tag hard" : "tag soft", textContent: r.hard ? more.permanent : more.temporary })),
      el("p", { className: "explanation", textContent: r.advice.explanation }),
      el("p", { className: "next-step", textContent: r.advice.next_step }),
    );
    // Which mail came back: its subject, as the returned original gives it.
    if (r.subject) {
      li.append(el("p", { className: "message" },
        el("span", { textContent: `${more.message}: ` }), el("q", { textContent: r.subject })));
    }
    if (r.diagnostic || codes) {
      li.append(el("p", { className: "diagnostic" },
        el("span", { textContent: `${more.server}${codes ? ` (${codes})` : ""}: ` }),
        el("code", { textContent: r.diagnostic })));
    }
    return li;
  }));
}

$("bounce-text").addEventListener("input", (e) => showBounce(new TextEncoder().encode(e.target.value)));
$("bounce-file").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  // A mail is text and is shown as it is; an Outlook file (.msg) is not.
  $("bounce-text").value = bytes.includes(0) ? "" : new TextDecoder().decode(bytes);
  showBounce(bytes);
});

// Check an attachment before it is attached.
$("attachment-file").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  const verdict = $("attachment-verdict");
  if (!file) {
    verdict.hidden = true;
    $("attachment-findings").replaceChildren();
    return;
  }
  const decision = JSON.parse(rules.checkAttachment(file.name, new Uint8Array(await file.arrayBuffer()), lang));
  verdict.hidden = false;
  verdict.dataset.verdict = decision.verdict;
  verdict.className = decision.verdict === "accept" ? "ok" : "bad";
  verdict.textContent = decision.verdict === "accept" ? more.accept : more.reject;
  $("attachment-findings").replaceChildren(...decision.findings.map((f) => {
    const li = el("li", { textContent: f.message });
    Object.assign(li.dataset, { code: f.code, path: f.path });
    return li;
  }));
});

// Two-factor setup preview: nothing is activated here.
let totpState = null;
$("totp-start").addEventListener("click", () => {
  const error = $("totp-error");
  try {
    const preview = JSON.parse(rules.beginTwoFactor($("totp-account").value.trim(), Date.now() / 1000));
    totpState = preview.state;
    $("totp-qr").innerHTML = preview.qr_svg; // only the QR path, no user text (BUILD-NOTES.md)
    $("totp-secret").textContent = preview.secret;
    $("totp-preview").dataset.uri = preview.uri;
    $("totp-preview").hidden = false;
    $("totp-result").hidden = true;
    error.hidden = true;
  } catch (e) {
    totpState = null;
    $("totp-preview").hidden = true;
    error.textContent = e.message;
    error.hidden = false;
  }
});
function checkCode() {
  if (!totpState) return;
  const answer = JSON.parse(rules.checkTwoFactorCode(totpState, $("totp-code").value.trim(), Date.now() / 1000, lang));
  const result = $("totp-result");
  result.hidden = false;
  result.dataset.ok = String(answer.ok);
  result.dataset.code = answer.ok ? "" : answer.code;
  result.className = answer.ok ? "ok" : "bad";
  result.textContent = answer.ok ? more.codeOk : answer.message;
}
$("totp-check").addEventListener("click", checkCode);
$("totp-code").addEventListener("keydown", (e) => { if (e.key === "Enter") checkCode(); });

$("status").textContent = text.ready;
document.body.dataset.ready = "true";
