# Shared by the scripts: pinned tool versions and paths. Source, don't run.
# shellcheck shell=bash
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

# Pinned tools. wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock.
WASM_TOOLS_VERSION=1.263.0
WORKER_BUILD_VERSION=0.8.7
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' "$ROOT/Cargo.lock")"
export WASM_BINDGEN_BIN="$HOME/.cargo/bin/wasm-bindgen"

# Where scripts/setup.sh unpacks Debian's Exim, OpenSMTPD and Sendmail
# (programs for their bounce tests, not the system's MTA).
EXIM_ROOT="$ROOT/target/exim"
OPENSMTPD_ROOT="$ROOT/target/opensmtpd"
SENDMAIL_ROOT="$ROOT/target/sendmail"

# The component file host-tests load, and the web module's output.
COMPONENT="$ROOT/target/postvakt.wasm"
WEB_PKG="$ROOT/web/pkg"

# Each step's line says how long the run has taken so far, so a slow CI
# run shows which step it was slow in.
POSTVAKT_T0="${POSTVAKT_T0:-$(date +%s)}"
export POSTVAKT_T0
say() { printf '\033[1m==> %s\033[0m [%ds]\n' "$*" "$(($(date +%s) - POSTVAKT_T0))" >&2; }

# Where cargo puts the workspace's builds: CARGO_TARGET_DIR and cargo's
# configuration count, so a script finds the binary it just built.
cargo_target_dir() {
  cargo metadata -q --format-version 1 --no-deps --manifest-path "$ROOT/Cargo.toml" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])'
}
