// The shared TOTP vectors against the browser module, in Node (the same
// wasm the page loads; Chromium runs it the same way). Runs the kinds the
// module exposes: generate, verify, secret and key_uri. Flows (confirm,
// sign-in, sealing) are server-side and run natively and in the component.
//
//   cargo build -p postvakt-web --target wasm32-unknown-unknown --release
//   wasm-bindgen --target nodejs --out-dir target/web-node \
//       target/wasm32-unknown-unknown/release/postvakt_web.wasm
//   node crates/web/tests/totp_vectors.cjs target/web-node
const path = require('path');
const fs = require('fs');
const root = path.join(__dirname, '..', '..', '..');
const pv = require(path.resolve(process.argv[2] || path.join(root, 'target/web-node'), 'postvakt_web.js'));
const doc = JSON.parse(fs.readFileSync(path.join(root, 'tests/vectors/totp.json'), 'utf8'));

const b32 = (hex) => {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, v = 0, out = '';
  for (const b of Buffer.from(hex, 'hex')) {
    v = (v << 8) | b; bits += 8;
    while (bits >= 5) { bits -= 5; out += a[(v >> bits) & 31]; }
    v &= (1 << bits) - 1;
  }
  return bits ? out + a[(v << (5 - bits)) & 31] : out;
};
const same = (got, want) => (want.error ? !got.ok && got.code === want.error
  : got.ok && (want.step === undefined || got.step === want.step) && (want.hex === undefined || got.hex === want.hex));

let passed = 0, failed = 0, skipped = 0;
const check = (ok, c, detail) => { if (ok) passed++; else { failed++; console.log(`FAIL ${c.name}: ${detail}`); } };
for (const c of doc.cases) {
  switch (c.kind) {
    case 'generate': {
      const code = pv.totpGenerate(c.algorithm, c.digits, c.period, b32(c.secret_hex), c.time);
      check(code === c.code, c, `got ${code}`);
      break;
    }
    case 'verify': {
      const got = JSON.parse(pv.totpVerify(c.algorithm, c.digits, c.period, c.skew, c.secret_base32, c.code, c.now,
        c.last_step === null ? undefined : c.last_step, 'en'));
      check(same(got, c.expect), c, JSON.stringify(got));
      break;
    }
    case 'secret': {
      const got = JSON.parse(pv.decodeTotpSecret(c.text, 'en'));
      check(same(got, c.expect), c, JSON.stringify(got));
      break;
    }
    case 'key_uri': {
      const uri = new pv.Rules(c.profile).twoFactorKeyUri(c.account, c.secret_base32);
      check(uri === c.uri, c, uri);
      break;
    }
    default: skipped++;
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
