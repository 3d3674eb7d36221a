// Starts the real parts the end-to-end tests talk to, waits for them, and
// stops them: `wrangler dev` (workerd, offline, local state only) and
// Debian's Chromium through playwright-core.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { readFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const ARTIFACTS = path.join(ROOT, "test-artifacts");
mkdirSync(ARTIFACTS, { recursive: true });

/** A shared vector file under tests/vectors/. */
export function vectors(name) {
  return JSON.parse(readFileSync(path.join(ROOT, "tests/vectors", name), "utf8"));
}

/** A vector's bytes, written as segments of `text`, `b64` and `zeros`. */
export function segmentBytes(segments) {
  return Buffer.concat(segments.map((s) =>
    s.text !== undefined ? Buffer.from(s.text, "utf8")
      : s.b64 !== undefined ? Buffer.from(s.b64, "base64")
        : Buffer.alloc(s.zeros)));
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `wrangler dev` on a free loopback port and resolves when /healthz
 * answers. The Worker must already be built (scripts/build-wasm.sh).
 */
export async function startWrangler({ timeoutMs = 120_000 } = {}) {
  const port = await freePort();
  const inspector = await freePort();
  const log = [];
  const child = spawn(
    path.join(ROOT, "node_modules/.bin/wrangler"),
    ["dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--log-level", "warn"],
    {
      cwd: ROOT,
      env: { ...process.env, POSTVAKT_PREBUILT: "1", WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  child.stdout.on("data", (d) => log.push(String(d)));
  child.stderr.on("data", (d) => log.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${log.join("")}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  if (Date.now() >= deadline) {
    stop(child);
    throw new Error(`wrangler dev did not answer within ${timeoutMs} ms:\n${log.join("")}`);
  }
  return { url, log, stop: () => stop(child) };
}

function stop(child) {
  if (child.exitCode === null) {
    try { process.kill(-child.pid, "SIGTERM"); } catch {}
  }
}

/** Launches Debian's Chromium (never a downloaded browser). */
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}
