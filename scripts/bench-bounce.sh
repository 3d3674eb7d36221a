#!/usr/bin/env bash
# Bounce parsing speed: postvakt against Sisimai (Debian's libsisimai-perl)
# and flufl.bounce (Debian's python3-flufl.bounce), in one run, on the same
# corpus files, pinned to one core. Prints messages per second and ratios.
#
#   scripts/bench-bounce.sh [CORPUS_DIR] [ROUNDS]
#
# CORPUS_DIR defaults to ../shared/corpus/sisimai/eml (relative to the
# repository root); ROUNDS (default 5) repeats each tool over the corpus so
# the timings are long enough to measure. Not a test: numbers vary by machine.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$root/../shared/corpus/sisimai/eml}"
rounds="${2:-5}"
[ -d "$corpus" ] || { echo "corpus not found: $corpus" >&2; exit 2; }

pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)

echo "building postvakt (release)…" >&2
cargo build -q --release -p postvakt-cli --manifest-path "$root/Cargo.toml"
postvakt="$root/target/release/postvakt"

files=("$corpus"/*)
n=${#files[@]}
total=$((n * rounds))
echo "corpus: $corpus ($n files × $rounds rounds = $total messages, one core)"

now() { date +%s.%N; }

# postvakt: one process per round, all files at once, NDJSON to /dev/null.
t0=$(now)
for _ in $(seq "$rounds"); do
    "${pin[@]}" "$postvakt" bounce --json "$corpus" >/dev/null
done
t_pv=$(echo "$(now) - $t0" | bc -l)

# Sisimai: one perl process per round, every file parsed (make() on the
# directory reads each file as a mailbox).
t0=$(now)
for _ in $(seq "$rounds"); do
    "${pin[@]}" perl -MSisimai -e '
        my $n = 0;
        for my $f (@ARGV) { my $v = Sisimai->make($f); $n += scalar @{ $v || [] }; }
    ' "${files[@]}" >/dev/null
done
t_ss=$(echo "$(now) - $t0" | bc -l)

# flufl.bounce: one python process per round, every file parsed.
t0=$(now)
for _ in $(seq "$rounds"); do
    "${pin[@]}" /usr/bin/python3 -c '
import sys, email
from email import policy
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
' "${files[@]}" >/dev/null
done
t_ff=$(echo "$(now) - $t0" | bc -l)

rate() { echo "scale=1; $total / $1" | bc -l; }
r_pv=$(rate "$t_pv"); r_ss=$(rate "$t_ss"); r_ff=$(rate "$t_ff")
printf '%-14s %10s msg/s  (%.2f s)\n' postvakt "$r_pv" "$t_pv"
printf '%-14s %10s msg/s  (%.2f s)\n' sisimai "$r_ss" "$t_ss"
printf '%-14s %10s msg/s  (%.2f s)\n' flufl.bounce "$r_ff" "$t_ff"
printf 'postvakt / sisimai      = %6.1f×\n' "$(echo "$r_pv / $r_ss" | bc -l)"
printf 'postvakt / flufl.bounce = %6.1f×\n' "$(echo "$r_pv / $r_ff" | bc -l)"
