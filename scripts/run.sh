#!/usr/bin/env bash
# Sets up, builds everything, and serves the Worker with the browser page
# locally (wrangler dev: workerd, offline). Ctrl-C stops it.
source "$(dirname "$0")/common.sh"
cd "$ROOT"
bash scripts/setup.sh
bash scripts/build-wasm.sh
PORT="${PORT:-8787}"
say "postvakt is at http://127.0.0.1:$PORT/  (API: POST /api/password/check, GET /healthz)"
POSTVAKT_PREBUILT=1 exec wrangler dev --ip 127.0.0.1 --port "$PORT"
