#!/usr/bin/env bash
# Builds every WebAssembly artifact:
#  - target/postvakt.wasm: the component (wasm32-unknown-unknown core module
#    wrapped by wasm-tools; it imports nothing but postvakt's WIT);
#  - web/pkg/: the browser module (wasm-bindgen --target web);
#  - crates/worker/build/: the Worker (worker-build).
source "$(dirname "$0")/common.sh"
cd "$ROOT"

# What each artifact weighs: the browser downloads the module, and a
# Worker's size is capped by the platform.
size() { printf '%s: %s bytes\n' "${1#"$ROOT"/}" "$(wc -c <"$1" | tr -d ' ')" >&2; }

say "component"
cargo build -q --release --target wasm32-unknown-unknown -p postvakt-component
wasm-tools component new target/wasm32-unknown-unknown/release/postvakt_component.wasm -o "$COMPONENT"
wasm-tools validate --features component-model "$COMPONENT"
size "$COMPONENT"

say "browser module"
cargo build -q --release --target wasm32-unknown-unknown -p postvakt-web
wasm-bindgen --target web --no-typescript --out-dir "$WEB_PKG" target/wasm32-unknown-unknown/release/postvakt_web.wasm
size "$WEB_PKG/postvakt_web_bg.wasm"

say "worker"
bash scripts/build-worker.sh
size crates/worker/build/index_bg.wasm
