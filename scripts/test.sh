#!/usr/bin/env bash
# Sets up and runs every test: formatting and lints, the native tests, the
# built component in wasmtime (host-tests), the Worker in workerd and the
# page in Chromium. The shared vectors in tests/vectors/ run in all four.
source "$(dirname "$0")/common.sh"
cd "$ROOT"
bash scripts/setup.sh

say "format and lints"
cargo fmt --all --check
cargo clippy -q --workspace --all-targets -- -D warnings
cargo clippy -q --target wasm32-unknown-unknown -p postvakt-component -p postvakt-web -p postvakt-worker -- -D warnings
# The docs, private items too: a broken link or stray tag fails like a lint.
RUSTDOCFLAGS="-D warnings" cargo doc -q --no-deps --document-private-items

say "build the WebAssembly artifacts"
bash scripts/build-wasm.sh

say "native and wasmtime tests (cargo test)"
# The corpus accuracy test runs once, below, where its figures are shown.
POSTVAKT_COMPONENT="$COMPONENT" cargo test -q --workspace --exclude postvakt-component --exclude postvakt-web --exclude postvakt-worker \
  -- --skip corpus_accuracy

say "bounce accuracy over the labelled corpus (figures; skips when ../shared is absent)"
cargo test -q -p postvakt-core --test bounce_corpus -- --nocapture 2>&1 | grep -v '^$'

say "a real Postfix's bounces, read by postvakt (a private Postfix instance on 127.0.0.1)"
bash scripts/test-postfix-bounces.sh

say "a real Exim's bounces, read by postvakt (a private Exim daemon on 127.0.0.1)"
bash scripts/test-exim-bounces.sh

say "a real OpenSMTPD's bounces, read by postvakt (a private smtpd on 127.0.0.1, in its own mount namespace)"
bash scripts/test-opensmtpd-bounces.sh

say "a real Sendmail's bounces, read by postvakt (a private Sendmail daemon on 127.0.0.1, in its own UTS namespace)"
bash scripts/test-sendmail-bounces.sh

say "profiles and bounce rule files validate"
cargo run -q -p postvakt-cli -- validate profiles/*.toml crates/core/data/bounce/*.toml

say "workerd and chromium tests (node --test)"
node --test --test-concurrency=1 tests/e2e/
