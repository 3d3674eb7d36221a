#!/usr/bin/env bash
# Where bounce parsing spends its time beside the instructions it runs:
# cachegrind's simulation of this machine's caches and of a branch
# predictor, per mail, for the corpus parsed in order (as the CLI meets
# mail) and for each mail parsed N times in a row (its code and data
# already cached, its branches learnt). The gap between the two is the cost
# of a mail being unlike the one before it; `cargo bench -p postvakt-core
# --bench bounce` shows the same gap in time. Beside them, the parser's first
# step alone over the corpus in order (the MIME tree read, nothing judged;
# `bounce::read_only`) and its share of the whole parse: how the cost
# splits between reading a mail and judging it. Last, the code one parse
# runs: for a sample of the mails, the distinct 64-byte lines of machine
# code that parsing the mail a second time executes (callgrind), beside
# the L1 instruction cache's size. A parse whose code does not fit there
# fetches it again for every mail.
#
#   scripts/profile-bounce.sh [MAIL_DIR] [N]
#
# FOOTPRINT_MAILS (default 8) is the size of that sample, spread evenly
# over the mails in name order; 0 leaves the part out.
#
# MAIL_DIR (its .eml files) defaults to ../shared/corpus/sisimai/eml, else
# tests/vectors/bounce; N (default 3) rounds or repeats. Caches as sysfs
# gives them for CPU 0 (L1 instruction, L1 data, and L2 as the last level
# cachegrind simulates, since the parser's working set fits in it), else
# cachegrind's own choice. Needs valgrind (apt install valgrind). A
# profile, not a test: the figures are a model's, and the machine's real
# counters may differ.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/common.sh
. "$root/scripts/common.sh"
dir="${1:-$root/../shared/corpus/sisimai/eml}"
n="${2:-3}"
if [ ! -d "$dir" ]; then
  echo "corpus absent ($dir): using tests/vectors/bounce" >&2
  dir="$root/tests/vectors/bounce"
fi
command -v valgrind >/dev/null || { echo "valgrind missing (apt install valgrind)" >&2; exit 2; }

cargo build -q --release -p postvakt-core --example bounce-corpus --manifest-path "$root/Cargo.toml"
target_dir="$(cargo_target_dir)"
bin="$target_dir/release/examples/bounce-corpus"

# size,ways,line of a cache level/type from sysfs, or nothing.
cache() {
  local d
  for d in /sys/devices/system/cpu/cpu0/cache/index*; do
    [ -r "$d/level" ] || continue
    if [ "$(cat "$d/level")" = "$1" ] && [ "$(cat "$d/type")" = "$2" ]; then
      local size
      size=$(sed 's/K$//' "$d/size")
      echo "$((size * 1024)),$(cat "$d/ways_of_associativity"),$(cat "$d/coherency_line_size")"
      return
    fi
  done
}
caches=()
i1=$(cache 1 Instruction); d1=$(cache 1 Data); l2=$(cache 2 Unified)
if [ -n "$i1" ] && [ -n "$d1" ] && [ -n "$l2" ]; then
  caches=(--I1="$i1" --D1="$d1" --LL="$l2")
  echo "caches (sysfs, CPU 0): I1 $i1, D1 $d1, L2 $l2 (size in bytes, ways, line)"
else
  echo "caches: cachegrind's choice (sysfs gave none)"
fi

# Prints "instructions I1-misses D1-misses LL-misses mispredicts" of a run.
profile() {
  valgrind --tool=cachegrind --cache-sim=yes --branch-sim=yes "${caches[@]}" \
    --cachegrind-out-file=/dev/null "$bin" "$dir" "$1" "$n" 2>&1 >/dev/null |
    awk '
      { gsub(",", "") }
      / I *refs:/ { i = $4 }
      / I1 *misses:/ { i1 = $4 }
      / D1 *misses:/ { d1 = $4 }
      / LL misses:/ { ll = $4 }
      / Mispredicts:/ { mp = $3 }
      END { print i, i1, d1, ll, mp }'
}
mails=$("$bin" "$dir" order 1)
echo "mails: $mails in $dir; $n rounds in order, and each mail $n times in a row"
setup=$(profile setup)
order=$(profile order)
repeat=$(profile repeat)
read=$(profile read)
per_mail() {
  python3 - "$mails" "$n" "$setup" "$order" "$repeat" "$read" <<'PY'
import sys
mails, n = int(sys.argv[1]), int(sys.argv[2])
setup, order, repeat, read = (list(map(int, a.split())) for a in sys.argv[3:7])
names = ["instructions", "L1 instruction misses", "L1 data misses", "L2 misses", "branch mispredicts"]
per = lambda run: [(r - s) / (mails * n) for r, s in zip(run, setup)]
o, r, f = per(order), per(repeat), per(read)
print(f"{'per mail':<24}{'in order':>12}{'repeated':>12}{'ratio':>8}{'first step':>12}{'share':>7}")
for name, a, b, c in zip(names, o, r, f):
    ratio = a / b if b else float("inf")
    share = f"{100 * c / a:>6.0f}%" if a else "     -"
    print(f"{name:<24}{a:>12,.0f}{b:>12,.0f}{ratio:>7.2f}x{c:>12,.0f}{share}")
PY
}
per_mail

# The code of one parse: each sampled mail alone in a directory, the
# example run twice under callgrind (`setup` parses it once; `order 1`
# once more), and the instructions whose count grew are the second parse's.
samples="${FOOTPRINT_MAILS:-8}"
if [ "$samples" -gt 0 ]; then
  l1i=$(echo "${i1:-}" | cut -d, -f1)
  echo
  echo "code one parse runs (distinct 64-byte lines of machine code, the mail parsed a second time)${l1i:+; L1 instruction cache $((l1i / 1024)) KiB}:"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  mapfile -t all < <(find "$dir" -maxdepth 1 -type f -name '*.eml' | sort)
  count=${#all[@]}
  [ "$samples" -le "$count" ] || samples=$count
  for ((k = 0; k < samples; k++)); do
    mail=${all[$((k * count / samples))]}
    rm -rf "$tmp/one" && mkdir "$tmp/one" && cp "$mail" "$tmp/one/"
    for mode in setup order; do
      valgrind --tool=callgrind --dump-instr=yes --compress-pos=no --compress-strings=no \
        --callgrind-out-file="$tmp/$mode.out" "$bin" "$tmp/one" "$mode" 1 >/dev/null 2>&1
    done
    python3 - "$tmp/setup.out" "$tmp/order.out" "$(basename "$mail")" <<'PY'
import sys


def costs(path):
    """Instructions run per (object, address); the line after `calls=` is
    the callee's inclusive cost, not this instruction's, and is skipped."""
    out, ob, skip = {}, "", False
    for line in open(path):
        if line.startswith("ob="):
            ob = line[3:].strip()
        elif line.startswith("calls="):
            skip = True
        elif line.startswith("0x"):
            if skip:
                skip = False
                continue
            addr, _line, ir = line.split()[:3]
            key = (ob, int(addr, 16))
            out[key] = out.get(key, 0) + int(ir)
    return out


before, after = costs(sys.argv[1]), costs(sys.argv[2])
ran = [k for k, v in after.items() if v > before.get(k, 0)]
lines = {(ob, addr >> 6) for ob, addr in ran}
runs = sum(after[k] - before.get(k, 0) for k in ran)
print(f"  {sys.argv[3]:<32}{len(lines) * 64 / 1024:>7.1f} KiB  ({runs:,} instructions)")
PY
  done
fi
