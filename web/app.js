// The settings page: every rule comes from postvakt's core, compiled to
// WebAssembly (web/pkg, built by scripts/build-wasm.sh). This file only
// wires the page to it.
import init, { Rules, pickLanguage } from "./pkg/postvakt_web.js";

// The page's own labels (not rules): in the four languages postvakt speaks.
const LABELS = {
  en: { tagline: "Your provider's rules, checked on your own machine. Nothing you type here leaves it.", title: "Password", provider: "Provider", password: "New password", show: "Show", ok: "This password meets the policy.", ready: "Checked by postvakt in your browser." },
  nb: { tagline: "Leverandørens regler, sjekket på din egen maskin. Ingenting du skriver her forlater den.", title: "Passord", provider: "Leverandør", password: "Nytt passord", show: "Vis", ok: "Passordet oppfyller kravene.", ready: "Sjekket av postvakt i nettleseren din." },
  sv: { tagline: "Leverantörens regler, kontrollerade på din egen dator. Inget du skriver här lämnar den.", title: "Lösenord", provider: "Leverantör", password: "Nytt lösenord", show: "Visa", ok: "Lösenordet uppfyller kraven.", ready: "Kontrollerat av postvakt i din webbläsare." },
  da: { tagline: "Udbyderens regler, kontrolleret på din egen maskine. Intet, du skriver her, forlader den.", title: "Adgangskode", provider: "Udbyder", password: "Ny adgangskode", show: "Vis", ok: "Adgangskoden opfylder kravene.", ready: "Kontrolleret af postvakt i din browser." },
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
$("status").textContent = text.ready;
document.body.dataset.ready = "true";
