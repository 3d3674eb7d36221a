#!/usr/bin/env bash
# Bounce accuracy on held-out mail of the same kind as the corpus: the
# public test mails of a Sisimai source tree (set-of-emails/maildir/bsd)
# that ../shared/corpus/sisimai/eml does not hold, labelled with the
# expectations of that tree's own tests (t/*.t: status, reply, reason and
# hard bounce per recipient, the source the corpus labels come from).
# Runs the corpus test on them and prints its figures; the floors are not
# applied. Not a test: these mails are outside the corpus the parser is
# held to, so the figures say how well its rules carry over. Read the list
# (BOUNCE_CORPUS_VERBOSE=1), not only the figures: Sisimai's labels follow
# its own per-MTA choices, which sometimes disagree between two mails with
# the same words.
#
#   scripts/check-bounce-heldout.sh SISIMAI_SRC
#
# SISIMAI_SRC is a checkout of Sisimai (https://github.com/sisimai/p5-sisimai,
# BSD 2-Clause); nothing of it is copied into this repository. Without the
# corpus every public mail is measured, and the script says so.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
src="${1:-}"
[ -n "$src" ] && [ -d "$src/set-of-emails/maildir/bsd" ] && [ -d "$src/t" ] || {
  echo "usage: $0 SISIMAI_SRC (a Sisimai checkout with set-of-emails/ and t/)" >&2
  exit 2
}
corpus="$root/../shared/corpus/sisimai/eml"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/eml"

# The labels: each engine test's table of expectations, keyed by the file
# name the test reads (lhost-NAME-NN.eml, rhost-NAME-NN.eml, or NAME-NN.eml
# for ARF, RFC3464 and RFC3834).
perl -MJSON::PP -e '
  my %out;
  for my $t (@ARGV) {
    open my $fh, "<", $t or die "$t: $!"; local $/; my $s = <$fh>; close $fh;
    my ($name) = $s =~ /\$enginename\s*=\s*\x27([^\x27]+)\x27/ or next;
    my ($table) = $s =~ /my \$isexpected\s*=\s*(\{.*?\n\};)/s or next;
    my $want = eval $table; die "$t: $@" if $@;
    my $prefix = $name =~ /^(ARF|RFC3464|RFC3834)$/ ? "" : ($t =~ /-rhost-/ ? "rhost-" : "lhost-");
    for my $n (keys %$want) {
      $out{sprintf("%s%s-%02d.eml", $prefix, lc $name, int $n)} = [
        map { { status => $_->[0], reply => $_->[1], reason => $_->[2],
                hard => $_->[3] ? JSON::PP::true : JSON::PP::false } } @{ $want->{$n} } ];
    }
  }
  print JSON::PP->new->canonical->encode(\%out);
' "$src"/t/*.t >"$tmp/all.json"

held=0
seen=0
for f in "$src"/set-of-emails/maildir/bsd/*.eml; do
  name=$(basename "$f")
  if [ -f "$corpus/$name" ]; then seen=$((seen + 1)); continue; fi
  cp "$f" "$tmp/eml/"
  held=$((held + 1))
done
[ -d "$corpus" ] || echo "corpus not found at $corpus: measuring every public mail, not only held-out ones" >&2
echo "$held held-out mails ($seen are in the corpus and left out)"

python3 - "$tmp" <<'PY'
import json, os, sys
tmp = sys.argv[1]
labels = json.load(open(os.path.join(tmp, "all.json")))
mails = set(os.listdir(os.path.join(tmp, "eml")))
held = {f: v for f, v in labels.items() if f in mails}
json.dump(held, open(os.path.join(tmp, "labels.json"), "w"))
print(f"{len(held)} of them labelled by the tests")
PY

BOUNCE_CORPUS_DIR="$tmp" cargo test -q --release -p postvakt-core --test bounce_corpus \
  --manifest-path "$root/Cargo.toml" -- --nocapture | grep -v '^running\|^test \|^$\|^test result\|^\.*$'
