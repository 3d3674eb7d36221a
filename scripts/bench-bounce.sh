#!/usr/bin/env bash
# Bounce parsing speed: postvakt against Sisimai (Debian's libsisimai-perl)
# and flufl.bounce (Debian's python3-flufl.bounce), in one run, on the same
# corpus files, pinned to one core. Prints messages per second and ratios.
#
#   scripts/bench-bounce.sh [CORPUS_DIR] [ROUNDS]
#
# CORPUS_DIR defaults to ../shared/corpus/sisimai/eml (relative to the
# repository root); ROUNDS (default 10) repeats each tool over the corpus so
# the timings are long enough to measure. Not a test: numbers vary by machine.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$root/../shared/corpus/sisimai/eml}"
rounds="${2:-10}"
[ -d "$corpus" ] || { echo "corpus not found: $corpus" >&2; exit 2; }

pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)

echo "building postvakt (release)…" >&2
cargo build -q --release -p postvakt-cli --manifest-path "$root/Cargo.toml"
postvakt="$root/target/release/postvakt"

files=("$corpus"/*)
n=${#files[@]}
total=$((n * rounds))
echo "corpus: $corpus ($n files × $rounds rounds = $total messages, one process each, one core)"

now() { date +%s.%N; }
# CPU seconds (user + system) of the last `timed` command: on a shared
# machine wall time mostly measures the neighbours, CPU time measures us.
TIMEFORMAT='%3U %3S'
cpu() { local u s; read -r u s < "$1"; echo "$u + $s" | bc -l; }

# Each tool runs once, in one process, over the corpus files listed ROUNDS
# times, so start-up (loading Perl/Python modules, compiling tables) is paid
# once as it would be in a long-running service.
list=()
for _ in $(seq "$rounds"); do list+=("${files[@]}"); done

tm=$(mktemp)
trap 'rm -f "$tm"' EXIT
# Each tool runs TRIES times; the fastest run counts (the others measure
# the neighbours on a shared machine). Sets $wall and $cpu_s.
TRIES="${TRIES:-3}"
best() {
  local t w
  cpu_s=""
  for _ in $(seq "$TRIES"); do
    t0=$(now)
    { time "$@" >/dev/null; } 2>"$tm"
    w=$(echo "$(now) - $t0" | bc -l); t=$(cpu "$tm")
    if [ -z "$cpu_s" ] || [ "$(echo "$t < $cpu_s" | bc -l)" = 1 ]; then cpu_s=$t; wall=$w; fi
  done
}

best "${pin[@]}" "$postvakt" bounce --json "${list[@]}"
w_pv=$wall; t_pv=$cpu_s

best "${pin[@]}" perl -MSisimai -e '
    for my $f (@ARGV) { Sisimai->make($f); }
' "${list[@]}"
w_ss=$wall; t_ss=$cpu_s

best "${pin[@]}" /usr/bin/python3 -c '
import sys, email
from flufl.bounce import all_failures
n = 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f)
    try:
        temp, perm = all_failures(msg)
        n += len(temp) + len(perm)
    except Exception:
        pass
' "${list[@]}"
w_ff=$wall; t_ff=$cpu_s

rate() { echo "scale=1; $total / $1" | bc -l; }
r_pv=$(rate "$t_pv"); r_ss=$(rate "$t_ss"); r_ff=$(rate "$t_ff")
printf '%-14s %10s msg/s per CPU-second  (cpu %.2f s, wall %.2f s)\n' postvakt "$r_pv" "$t_pv" "$w_pv"
printf '%-14s %10s msg/s per CPU-second  (cpu %.2f s, wall %.2f s)\n' sisimai "$r_ss" "$t_ss" "$w_ss"
printf '%-14s %10s msg/s per CPU-second  (cpu %.2f s, wall %.2f s)\n' flufl.bounce "$r_ff" "$t_ff" "$w_ff"
printf 'postvakt / sisimai      = %6.1f×\n' "$(echo "$r_pv / $r_ss" | bc -l)"
printf 'postvakt / flufl.bounce = %6.1f×\n' "$(echo "$r_pv / $r_ff" | bc -l)"
