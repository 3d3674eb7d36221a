#!/usr/bin/env bash
# Bounce parsing speed: postvakt against Sisimai (Debian's libsisimai-perl)
# and flufl.bounce (Debian's python3-flufl.bounce), in one run, on the same
# corpus, pinned to one core. Prints messages per CPU-second per tool and
# the ratios postvakt/sisimai and postvakt/flufl.bounce, for each of the two
# ways a provider meets bounces:
#
#   files  each tool is given the corpus files (listed ROUNDS times) and
#          opens each itself: postvakt `bounce --json FILE...`, Sisimai
#          `Sisimai->make($file)` per file, flufl.bounce
#          `email.message_from_binary_file` + `all_failures` per file.
#   mbox   one mbox built in a temporary directory from the same files
#          (ROUNDS copies; each message after a
#          `From MAILER-DAEMON Thu Jan  1 00:00:00 2026` line, a file's own
#          first `From ` line dropped, body lines starting with "From "
#          written as ">From ", so that every tool splits it into one
#          message per file): postvakt `bounce --json MBOX`, Sisimai
#          `Sisimai->make($mbox)`, flufl.bounce `mailbox.mbox` and
#          `all_failures` per message.
#
#   scripts/bench-bounce.sh [CORPUS_DIR] [ROUNDS]
#
# CORPUS_DIR defaults to ../shared/corpus/sisimai/eml (relative to the
# repository root; never committed, the script says so and exits 2 when it
# is absent); ROUNDS (default 10) repeats the corpus so the peers' timings
# are long enough to measure. Environment:
#
#   MODES="files mbox"  the modes to run, in order (default both)
#   TRIES=3             runs per tool and mode; the fastest counts
#   PV_BASELINE=BIN     another postvakt binary (an earlier build) run the
#                       same way as postvakt, in the same run, the two taking
#                       turns: its rate and the ratio postvakt / baseline are
#                       printed too, the before/after of a change on one
#                       machine at one time
#   PV_FACTOR=20        postvakt is given PV_FACTOR times as many rounds as
#                       the peers, or its run is too short to time well;
#                       in files mode these are split over as few processes
#                       as the argument-length limit allows (each pays the
#                       start-up again, which counts against postvakt)
#
# Beside the peers runs a reference: mail-parser's own parse of the same
# messages (`crates/core/examples/mime-peer.rs`: every message parsed whole
# with `MessageParser::default()`, given what postvakt is given, the mbox
# split the same way), the MIME library the bounce issue names, reading
# each message and judging nothing. Its rate beside Sisimai's says how far
# reading the MIME tree that way goes toward the aim before any bounce
# rule runs.
#
# The measure is CPU time (user + system) of the tool's processes (from
# wait4: not the shell's, not taskset's), not wall time: on a shared
# machine wall time mostly measures the neighbours (the wall time printed
# beside it includes the timer's own start-up). The system part of the
# CPU time is printed too: in files mode it is mostly the kernel opening,
# reading and closing each file, a cost per file that no parser avoids; a
# last line per mode turns the aim (100× Sisimai) into CPU microseconds per
# message beside postvakt's, and in files mode beside `cksum`'s on the same
# files (opening and reading, no parsing: the floor of that mode). Each
# tool runs in one process per mode (start-up, loading Perl/Python modules,
# is paid once, as in a long-running service), and its rate is the messages
# it was given divided by its CPU seconds, so the ratios stay fair although
# postvakt reads more. In files mode a message is a corpus file (a few hold
# two reports in mbox form, which postvakt and Sisimai both split and
# flufl.bounce does not); the counts each tool saw are printed beside the
# counts given. postvakt writes its NDJSON to /dev/null; the peers build
# their results in memory. Not a test: numbers vary by machine.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/common.sh
. "$root/scripts/common.sh"
corpus="${1:-$root/../shared/corpus/sisimai/eml}"
rounds="${2:-10}"
factor="${PV_FACTOR:-20}"
modes="${MODES:-files mbox}"
baseline="${PV_BASELINE:-}"
TRIES="${TRIES:-3}"
python=/usr/bin/python3

[ -d "$corpus" ] || {
  echo "corpus not found: $corpus (the labelled Sisimai corpus is never committed; put it there or pass CORPUS_DIR)" >&2
  exit 2
}
perl -MSisimai -e1 2>/dev/null || { echo "Sisimai missing (apt install libsisimai-perl)" >&2; exit 2; }
"$python" -c 'import flufl.bounce' 2>/dev/null || {
  echo "flufl.bounce missing for $python (apt install python3-flufl.bounce)" >&2
  exit 2
}
if [ -n "$baseline" ] && [ ! -x "$baseline" ]; then
  echo "PV_BASELINE is not an executable: $baseline" >&2
  exit 2
fi
for m in $modes; do
  case $m in files | mbox) ;; *) echo "unknown mode: $m (files, mbox)" >&2; exit 2 ;; esac
done

echo "building postvakt (release) and the mail-parser reference…" >&2
cargo build -q --release -p postvakt-cli --manifest-path "$root/Cargo.toml"
cargo build -q --release -p postvakt-core --example mime-peer --manifest-path "$root/Cargo.toml"
target_dir="$(cargo_target_dir)"
postvakt="$target_dir/release/postvakt"
mime_peer="$target_dir/release/examples/mime-peer"

files=()
for f in "$corpus"/*; do if [ -f "$f" ]; then files+=("$f"); fi; done
n=${#files[@]}
[ "$n" -gt 0 ] || { echo "no files in $corpus" >&2; exit 2; }

# The timer runs pinned, so the tool it starts is pinned without taskset's
# own start-up in the tool's time.
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); else echo "taskset missing: not pinned to one core" >&2; fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
# Runs one command, pinned, and adds its CPU seconds (user + system, from
# wait4, so the shell's own work of expanding and passing a long argument
# list is not charged to the tool) to $acc, and the system part of them to
# $acc_sys. Its stdout goes to /dev/null,
# its stderr to $tmp/err (a tool may print its count there).
timer='
import os, sys
out, argv = sys.argv[1], sys.argv[2:]
pid = os.posix_spawnp(argv[0], argv, os.environ)
_, status, ru = os.wait4(pid, 0)
with open(out, "w") as f:
    print(f"{ru.ru_utime + ru.ru_stime:.6f} {ru.ru_stime:.6f}", file=f)
sys.exit(os.waitstatus_to_exitcode(status))
'
timed() {
  "${pin[@]}" "$python" -c "$timer" "$tmp/cpu" "$@" >/dev/null 2>"$tmp/err"
  local t s
  read -r t s <"$tmp/cpu"
  acc=$(echo "$acc + $t" | bc -l)
  acc_sys=$(echo "$acc_sys + $s" | bc -l)
}

# Runs a command (or a function of `timed` calls) once: sets $acc (CPU
# seconds), $acc_sys (their system part) and $w (wall seconds).
once() {
  local t0
  acc=0 acc_sys=0
  t0=$(now)
  if [ "$(type -t "$1")" = function ]; then "$@"; else timed "$@"; fi
  w=$(echo "$(now) - $t0" | bc -l)
}

# True when CPU seconds $1 beat $2, the fastest so far ("" before the first).
faster() { [ -z "$2" ] || [ "$(echo "$1 < $2" | bc -l)" = 1 ]; }

# Runs a command (or a function of `timed` calls) TRIES times; the fastest
# run counts (the others measure the neighbours on a shared machine).
# Sets $wall, $cpu_s and $sys_s (the system part of $cpu_s).
best() {
  cpu_s=""
  for _ in $(seq "$TRIES"); do
    once "$@"
    if faster "$acc" "$cpu_s"; then cpu_s=$acc; sys_s=$acc_sys; wall=$w; fi
  done
}

# `best` for postvakt and, when given, the baseline, their runs taken in
# turn and the one that goes first alternating: run one after the other,
# the second gained from the first (files it had brought into the kernel's
# caches), and a build compared with itself came out 3 % apart in files
# mode. `best_postvakt RUNNER… -- ARGS…` runs `RUNNER… BINARY ARGS…`; sets
# $t_pv, $s_pv and $w_pv, and $t_bl, $s_bl and $w_bl.
best_postvakt() {
  local pre=() post=() a split=0 k order which bin
  for a in "$@"; do
    if [ "$split" = 0 ] && [ "$a" = -- ]; then split=1
    elif [ "$split" = 0 ]; then pre+=("$a")
    else post+=("$a"); fi
  done
  t_pv="" t_bl=""
  for k in $(seq "$TRIES"); do
    order="pv bl"
    if [ $((k % 2)) = 0 ]; then order="bl pv"; fi
    for which in $order; do
      bin=$postvakt
      if [ "$which" = bl ]; then
        [ -n "$baseline" ] || continue
        bin=$baseline
      fi
      once "${pre[@]}" "$bin" "${post[@]}"
      if [ "$which" = pv ]; then
        if faster "$acc" "$t_pv"; then t_pv=$acc; s_pv=$acc_sys; w_pv=$w; fi
      elif faster "$acc" "$t_bl"; then
        t_bl=$acc; s_bl=$acc_sys; w_bl=$w
      fi
    done
  done
}

# Distinct `file` values in NDJSON on stdin: the messages postvakt reported
# on (one line per record, one for a non-bounce or an unreadable message).
distinct_files() {
  "$python" -c 'import json, sys; print(len({json.loads(l)["file"] for l in sys.stdin}))'
}

# The messages Sisimai's reader (the one Sisimai->make uses) finds in each
# path given, summed.
sisimai_count() {
  perl -MSisimai::Mail -e '
    my $n = 0;
    for my $p (@ARGV) { my $m = Sisimai::Mail->new($p) or next; $n++ while $m->data->read; }
    print "$n\n";
  ' "$@"
}

sisimai_files='for my $f (@ARGV) { Sisimai->make($f); }'
sisimai_mbox='Sisimai->make($ARGV[0]);'
flufl_files='
import sys, email
from flufl.bounce import all_failures
n = 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f)
    n += 1
    try:
        all_failures(msg)
    except Exception:
        pass
print(n, file=sys.stderr)
'
flufl_mbox='
import sys, mailbox
from flufl.bounce import all_failures
n = 0
for msg in mailbox.mbox(sys.argv[1], create=False):
    n += 1
    try:
        all_failures(msg)
    except Exception:
        pass
print(n, file=sys.stderr)
'

# postvakt in files mode: $pv_rounds rounds over as few processes as the
# argument-length limit allows.
arg_max=$(getconf ARG_MAX 2>/dev/null || echo 131072)
round_bytes=0
for f in "${files[@]}"; do round_bytes=$((round_bytes + ${#f} + 1 + 8)); done
per_run=$((arg_max / 2 / round_bytes))
[ "$per_run" -ge 1 ] || per_run=1
[ "$rounds" -le "$per_run" ] || {
  echo "ROUNDS=$rounds lists more paths than one command line holds (at most $per_run rounds here)" >&2
  exit 2
}
# The argument lists are built once, outside the timed runs.
pv_full=() pv_rest=() pv_nfull=0
pv_lists() {
  local k=$(($1 < per_run ? $1 : per_run))
  pv_nfull=$(($1 / k))
  pv_full=() pv_rest=()
  for _ in $(seq "$k"); do pv_full+=("${files[@]}"); done
  for _ in $(seq $(($1 % k))); do pv_rest+=("${files[@]}"); done
}
# COMMAND… run over those lists: postvakt, and `cksum`, the floor of files
# mode (it opens and reads the same files in the same processes and parses
# nothing, its CRC running at gigabytes per second: what it costs per file,
# any reader pays).
files_runs() {
  local i
  for ((i = 0; i < pv_nfull; i++)); do timed "$@" "${pv_full[@]}"; done
  if [ "${#pv_rest[@]}" -gt 0 ]; then timed "$@" "${pv_rest[@]}"; fi
}

rate() { echo "scale=1; $1 / $2" | bc -l; }
# CPU microseconds per message: us SECONDS MESSAGES
us() { echo "scale=2; 1000000 * $1 / $2" | bc -l; }
row() { printf '%-13s %10s msg/s per CPU-second  (%d messages, cpu %.2f s of which system %.2f s, wall %.2f s)\n' "$@"; }

echo "corpus: $corpus ($n files); one core; best of $TRIES runs per tool"
echo "peers: Sisimai $(perl -MSisimai -e 'print $Sisimai::VERSION'), flufl.bounce $("$python" -c 'import flufl.bounce; print(flufl.bounce.__version__)') (Python $("$python" -c 'import platform; print(platform.python_version())'))"

for mode in $modes; do
  echo
  peer_list=()
  if [ "$mode" = files ]; then
    pv_rounds=$((rounds * factor))
    pv_runs=$(((pv_rounds + per_run - 1) / per_run))
    m_peer=$((n * rounds)); m_pv=$((n * pv_rounds))
    echo "== files: each tool opens the corpus files itself"
    echo "given: postvakt $n files × $pv_rounds rounds = $m_pv ($pv_runs process(es)); sisimai and flufl.bounce $n × $rounds = $m_peer (one process each)"
    seen_pv=$("$postvakt" bounce --json "${files[@]}" | distinct_files)
    seen_ss=$(sisimai_count "${files[@]}")
    for _ in $(seq "$rounds"); do peer_list+=("${files[@]}"); done
    pv_lists "$pv_rounds"
    best_postvakt files_runs -- bounce --json
    best files_runs cksum
    w_ck=$wall; t_ck=$cpu_s; s_ck=$sys_s
    best files_runs "$mime_peer"
    w_mp=$wall; t_mp=$cpu_s; s_mp=$sys_s
    best perl -MSisimai -e "$sisimai_files" "${peer_list[@]}"
    w_ss=$wall; t_ss=$cpu_s; s_ss=$sys_s
    best "$python" -c "$flufl_files" "${peer_list[@]}"
    w_ff=$wall; t_ff=$cpu_s; s_ff=$sys_s; seen_ff=$(tail -n 1 "$tmp/err")
    echo "seen per round of $n files: postvakt $seen_pv messages (distinct \`file\` values), sisimai $seen_ss (Sisimai::Mail), flufl.bounce $((seen_ff / rounds)) (one per file)"
  else
    mbox="$tmp/bounces.mbox"
    "$python" - "$mbox" "$rounds" "${files[@]}" <<'PY'
import re, sys
out, copies, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
msgs = []
for p in paths:
    with open(p, "rb") as f:
        body = f.read()
    # A file's own envelope line gives way to the one written here.
    if body.startswith(b"From "):
        body = body.split(b"\n", 1)[1] if b"\n" in body else b""
    body = re.sub(rb"(?m)^From ", b">From ", body)
    if not body.endswith(b"\n"):
        body += b"\n"
    msgs.append(b"From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n" + body + b"\n")
one = b"".join(msgs)
with open(out, "wb") as f:
    for _ in range(copies):
        f.write(one)
PY
    m_peer=$((n * rounds)); m_pv=$((n * rounds * factor))
    echo "== mbox: one mbox of $m_peer messages ($n files × $rounds copies, $(($(stat -c %s "$mbox") / 1024 / 1024)) MiB)"
    echo "given: postvakt the mbox $factor times in one process = $m_pv messages; sisimai and flufl.bounce the mbox once = $m_peer"
    pv_args=()
    for _ in $(seq "$factor"); do pv_args+=("$mbox"); done
    seen_pv=$("$postvakt" bounce --json "$mbox" | distinct_files)
    seen_ss=$(sisimai_count "$mbox")
    best_postvakt -- bounce --json "${pv_args[@]}"
    best "$mime_peer" "${pv_args[@]}"
    w_mp=$wall; t_mp=$cpu_s; s_mp=$sys_s
    best perl -MSisimai -e "$sisimai_mbox" "$mbox"
    w_ss=$wall; t_ss=$cpu_s; s_ss=$sys_s
    best "$python" -c "$flufl_mbox" "$mbox"
    w_ff=$wall; t_ff=$cpu_s; s_ff=$sys_s; seen_ff=$(tail -n 1 "$tmp/err")
    echo "seen in the mbox of $m_peer: postvakt $seen_pv messages (distinct \`file\` values), sisimai $seen_ss (Sisimai::Mail), flufl.bounce $seen_ff (mailbox.mbox)"
    for s in "$seen_pv" "$seen_ss" "$seen_ff"; do
      [ "$s" = "$m_peer" ] || echo "warning: a tool split the mbox into $s messages, not $m_peer" >&2
    done
  fi
  r_pv=$(rate "$m_pv" "$t_pv"); r_ss=$(rate "$m_peer" "$t_ss"); r_ff=$(rate "$m_peer" "$t_ff")
  row postvakt "$r_pv" "$m_pv" "$t_pv" "$s_pv" "$w_pv"
  row sisimai "$r_ss" "$m_peer" "$t_ss" "$s_ss" "$w_ss"
  row flufl.bounce "$r_ff" "$m_peer" "$t_ff" "$s_ff" "$w_ff"
  row mail-parser "$(rate "$m_pv" "$t_mp")" "$m_pv" "$t_mp" "$s_mp" "$w_mp"
  if [ -n "$baseline" ]; then
    r_bl=$(rate "$m_pv" "$t_bl")
    row baseline "$r_bl" "$m_pv" "$t_bl" "$s_bl" "$w_bl"
    printf '%s: postvakt / baseline     = %6.2f×\n' "$mode" "$(echo "$r_pv / $r_bl" | bc -l)"
  fi
  printf '%s: postvakt / sisimai      = %6.1f×\n' "$mode" "$(echo "$r_pv / $r_ss" | bc -l)"
  printf '%s: postvakt / flufl.bounce = %6.1f×\n' "$mode" "$(echo "$r_pv / $r_ff" | bc -l)"
  printf '%s: mail-parser / sisimai   = %6.1f× (its MIME parse alone, no bounce rules)\n' \
    "$mode" "$(echo "$(rate "$m_pv" "$t_mp") / $r_ss" | bc -l)"
  # The issue's aim, 100× Sisimai, as CPU time per message, beside what
  # postvakt spends and (files mode) what only opening and reading costs.
  printf '%s: 100× sisimai leaves %.2f µs of CPU per message; postvakt takes %.2f µs' \
    "$mode" "$(us "$t_ss" "$((m_peer * 100))")" "$(us "$t_pv" "$m_pv")"
  printf '; mail-parser, parsing the same messages whole and judging nothing, takes %.2f µs' "$(us "$t_mp" "$m_pv")"
  if [ "$mode" = files ]; then
    printf '; cksum, opening and reading the same files and parsing nothing, takes %.2f µs (cpu %.2f s of which system %.2f s, wall %.2f s)' \
      "$(us "$t_ck" "$m_pv")" "$t_ck" "$s_ck" "$w_ck"
  fi
  echo
done
