#!/usr/bin/env bash
# Takes a fresh Debian machine with rustup, node/npm and apt to everything
# postvakt needs. Idempotent, and quick when all is present.
source "$(dirname "$0")/common.sh"
cd "$ROOT"

# Debian packages: the browser the page tests drive, the Postfix whose
# bounces the bounce parser is tested on, the libraries Exim's,
# OpenSMTPD's and Sendmail's binaries link (all three are unpacked below)
# and the m4 that builds Sendmail's configuration, and the peers the
# bounce benchmark measures against (Sisimai, flufl.bounce).
EXIM_LIBS=(libcrypt1 libdb5.3 libgnutls-dane0 libgnutls30 libidn12 libidn2-0 libnsl2 libpcre2-8-0)
OPENSMTPD_LIBS=(libevent-2.1-7 libpam0g libssl3 zlib1g)
SENDMAIL_LIBS=(libldap-2.5-0 liblockfile1 libsasl2-2 libwrap0 m4)
APT_PACKAGES=(chromium postfix "${EXIM_LIBS[@]}" "${OPENSMTPD_LIBS[@]}" "${SENDMAIL_LIBS[@]}"
    libsisimai-perl python3-flufl.bounce)
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
missing=()
for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    say "apt: installing ${missing[*]}"
    # Postfix as a program only: no system mail setup and no service on
    # port 25 (the test runs a private instance of its own).
    echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Exim, OpenSMTPD and Sendmail, for their bounce tests. Their packages
# would replace Postfix (each is the system's mail-transport-agent), so
# each binary is unpacked from the package apt fetches into target/, and
# only the users it runs as are added to the system.
unpack_deb() { # package directory
    say "apt: unpacking $1 into $2"
    local deb_dir
    deb_dir="$(mktemp -d)"
    chmod 1777 "$deb_dir" # apt fetches as its own user
    # (apt's package lists may predate the package: then read them anew)
    (cd "$deb_dir" && { apt-get download -qq "$1" 2>/dev/null ||
        { $SUDO apt-get update -qq && apt-get download -qq "$1"; }; })
    mkdir -p "$2"
    dpkg-deb -x "$deb_dir/$1"_*.deb "$2"
    rm -rf "$deb_dir"
}
system_user() { # name test
    id "$1" >/dev/null 2>&1 ||
        $SUDO useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$1" ||
        say "could not add the $1 user (needs root or sudo): the $2 bounce test will skip"
}
[ -x "$EXIM_ROOT/usr/sbin/exim4" ] || unpack_deb exim4-daemon-light "$EXIM_ROOT"
system_user Debian-exim Exim
# OpenSMTPD as Debian builds it runs its queue and its other processes as
# these two users.
[ -x "$OPENSMTPD_ROOT/usr/sbin/smtpd" ] || unpack_deb opensmtpd "$OPENSMTPD_ROOT"
system_user opensmtpd OpenSMTPD
system_user opensmtpq OpenSMTPD
# Sendmail: the binary, and the m4 files its configuration is built from.
[ -x "$SENDMAIL_ROOT/usr/libexec/sendmail/sendmail" ] || unpack_deb sendmail-bin "$SENDMAIL_ROOT"
[ -f "$SENDMAIL_ROOT/usr/share/sendmail/cf/m4/cf.m4" ] || unpack_deb sendmail-cf "$SENDMAIL_ROOT"

# Rust targets: wasm32-unknown-unknown for the component, Worker and web
# module; wasm32-wasip2 for comparison builds.
installed_targets="$(rustup target list --installed)"
for t in wasm32-unknown-unknown wasm32-wasip2; do
    grep -qx "$t" <<<"$installed_targets" || rustup target add "$t"
done

# cargo tools at pinned versions.
cargo_tool() { # crate version binary [cargo install options…]
    local crate=$1 version=$2 bin=$3
    shift 3
    if ! "$bin" --version 2>/dev/null | grep -q "$version"; then
        say "cargo install $crate $version"
        # --locked first; some published lock files name a dependency
        # version the registry no longer serves, then resolve afresh
        # (rust-version-aware, so still one this toolchain builds).
        # Only the first error line of the locked try is shown: the reason
        # for the second, not a failure of the setup.
        local err why=""
        err="$(mktemp)"
        if ! cargo install -q --locked "$crate" --version "$version" "$@" 2>"$err"; then
            why="$(grep -m1 '^error' "$err" || echo failed)"
        fi
        rm -f "$err"
        if [ -n "$why" ]; then
            echo "$crate $version with its own lock file: $why; resolving afresh" >&2
            cargo install -q "$crate" --version "$version" "$@"
        fi
    fi
}
# Of wasm-tools only what scripts/build-wasm.sh runs (`component new`,
# `validate`): the same component, and far fewer crates to build than all
# its subcommands need.
cargo_tool wasm-tools "$WASM_TOOLS_VERSION" wasm-tools --no-default-features --features component,validate
cargo_tool wasm-bindgen-cli "$WASM_BINDGEN_VERSION" wasm-bindgen
cargo_tool worker-build "$WORKER_BUILD_VERSION" worker-build

# npm: wrangler (brings workerd) and playwright-core, from the lock file.
if [ ! -x node_modules/.bin/wrangler ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
fi
say "setup done"
