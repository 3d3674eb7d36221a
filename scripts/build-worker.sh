#!/usr/bin/env bash
# wrangler's build command: crates/worker → crates/worker/build/index.js.
source "$(dirname "$0")/common.sh"
cd "$ROOT"
# Tests build once up front (scripts/build-wasm.sh) and set this to skip the
# rebuild wrangler dev would otherwise start with.
if [ "${POSTVAKT_PREBUILT:-}" = 1 ] && [ -f crates/worker/build/index.js ]; then exit 0; fi
worker-build --release crates/worker
