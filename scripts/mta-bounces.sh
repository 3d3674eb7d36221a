# Shared by the real-MTA bounce tests (test-postfix-bounces.sh,
# test-exim-bounces.sh): what is the same whichever MTA writes the
# bounces. Source, don't run. Each test runs a private instance of its MTA
# on 127.0.0.1 and tests/mta/sink.py as the remote servers; these helpers
# submit the test mails, wait for the notices, and check what
# `postvakt bounce --json` makes of them against tests/mta/MTA.json.
#
# The sourcing script sets MTA_LOG (the file its MTA logs to, or for an
# MTA that logs to syslog only the directory of its queue: shown when a
# step fails) once it has one, and `out` (where the sink writes notices).
# shellcheck shell=bash
# shellcheck source=scripts/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
python=/usr/bin/python3
MTA_LOG=""

# Builds the postvakt the test reads with (the debug build the other tests
# use: a dozen mails need no optimiser), unless POSTVAKT_BIN names one;
# then, not being root, runs the calling script again through
# password-less sudo, or says why it skips and exits 0. $1 names the MTA
# for that message; the rest are the script's arguments.
mta_as_root() {
  local mta=$1
  shift
  if [ -z "${POSTVAKT_BIN:-}" ]; then
    cargo build -q -p postvakt-cli --manifest-path "$ROOT/Cargo.toml"
    POSTVAKT_BIN="$(cargo_target_dir)/debug/postvakt"
  fi
  if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then
      exec sudo -n env "PATH=$PATH" POSTVAKT_BIN="$POSTVAKT_BIN" bash "$0" "$@"
    fi
    echo "skipped: $mta must run as root (run as root or with password-less sudo)"
    exit 0
  fi
}

# Runs where `unshare $1` can make a namespace of that kind; otherwise
# says why the test needs one ($2) and skips (exit 0).
need_namespace() {
  unshare "$1" true 2>/dev/null && return
  echo "skipped: no namespace can be made here (unshare $1), and $2"
  exit 0
}

# Makes the test's temporary directory, /tmp/postvakt-$1.XXXXXX, as
# `tmp` (open to the users the MTA delivers as), and in it `out`, where
# the sink writes the notices.
mta_tmp() {
  tmp=$(mktemp -d "/tmp/postvakt-$1.XXXXXX")
  chmod 755 "$tmp"
  out="$tmp/bounces"
  mkdir -p "$out"
}

# Prints $1 free ports on 127.0.0.1, one line.
free_ports() {
  "$python" -c '
import socket, sys
s = [socket.socket() for _ in range(int(sys.argv[1]))]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])' "$1"
}

# Says what failed, shows the MTA's log, exits 1.
mta_fail() {
  echo "$1; the MTA's log:" >&2
  if [ -d "$MTA_LOG" ]; then
    find "$MTA_LOG" -type f -exec cat {} + >&2 2>/dev/null || true
  elif [ -n "$MTA_LOG" ]; then
    cat "$MTA_LOG" >&2 2>/dev/null || true
  fi
  exit 1
}

# Starts tests/mta/sink.py on port $1, writing the notices it receives to
# $out and its own log to $2, and waits until it listens: an MTA that
# tried it before then would bounce every mail as "connection refused".
# The process is sink_pid, for the caller's clean-up.
sink_pid=""
start_sink() {
  "$python" "$ROOT/tests/mta/sink.py" "$1" "$out" >"$2" 2>&1 &
  sink_pid=$!
  for _ in $(seq 100); do
    grep -qx ready "$2" 2>/dev/null && return
    kill -0 "$sink_pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$2" >&2
  mta_fail "the receiving server (tests/mta/sink.py) did not start"
}

# Submits test mails over SMTP to port $1, numbered from $2: one to each
# group of recipients in the JSON list $3, once the port answers. Mail N
# has the Message-ID test-N@bounces.test and the subject "postvakt test N",
# which check.py looks for in its notice.
submit() {
  "$python" - "$1" "$2" "$3" <<'PY' || mta_fail "submitting the test mails failed"
import json, smtplib, sys, time
port, first, groups = int(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3])
for _ in range(100):
    try:
        s = smtplib.SMTP("127.0.0.1", port, timeout=10)
        break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("the MTA's SMTP port did not answer")
for i, rcpts in enumerate(groups, first):
    msg = (f"From: Kari <sender@bounces.test>\r\nTo: {', '.join(rcpts)}\r\n"
           f"Subject: postvakt test {i}\r\nMessage-ID: <test-{i}@bounces.test>\r\n\r\nHello.\r\n")
    s.sendmail("sender@bounces.test", rcpts, msg)
s.quit()
PY
}

# Waits until $1 notices have come back to the sink.
wait_for() {
  for _ in $(seq 600); do
    [ "$(find "$out" -name '*.eml' | wc -l)" -ge "$1" ] && return
    sleep 0.1
  done
  mta_fail "only $(find "$out" -name '*.eml' | wc -l) of $1 notices came back within 60 s"
}

# Reads the notices in $out with postvakt and checks each recipient's
# record against tests/mta/$1.json; $2 is a scratch directory. Debian's
# Sisimai, where installed, reads them too, for comparison only: it
# decides nothing.
check_notices() {
  [ -z "${KEEP:-}" ] || cp -r "$out" "$KEEP"
  "$POSTVAKT_BIN" bounce --json "$out" >"$2/records.json"
  local peer=()
  if perl -MSisimai -MJSON::PP -e1 2>/dev/null; then
    perl -MSisimai -MJSON::PP -e '
      my %out;
      for my $f (@ARGV) {
        for my $r (@{ Sisimai->make($f) || [] }) { $out{$r->recipient->address} = $r->reason; }
      }
      print JSON::PP->new->canonical->encode(\%out);' "$out"/*.eml >"$2/sisimai.json"
    peer=("$2/sisimai.json")
  fi
  "$python" "$ROOT/tests/mta/check.py" "$ROOT/tests/mta/$1.json" "$2/records.json" "${peer[@]}"
}
