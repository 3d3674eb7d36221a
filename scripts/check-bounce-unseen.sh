#!/usr/bin/env bash
# Bounce accuracy on mail the parser was never tuned on: the 116 test mails
# that Debian's python3-flufl.bounce ships, labelled by Debian's Sisimai
# (libsisimai-perl 4.25). Prints how many of Sisimai's recipients postvakt
# finds, and how often it agrees on reason, hard flag and status; how many
# recipients postvakt reports that Sisimai does not (an example address or
# the sender taken for a recipient shows only there; so does a recipient
# Sisimai misses); then the disagreements and those extra recipients.
# Not a test: Sisimai 4.25 is older than the labels of the Sisimai corpus
# and disagrees with them on a few messages (Yahoo's "This user doesn't
# have a … account" is `filtered` there, `userunknown` in the corpus labels
# and here), so read the list, not only the figures.
#
#   scripts/check-bounce-unseen.sh [MAIL_DIR...]
#
# Each MAIL_DIR's files are read (not its subdirectories). A second set of
# unseen mail: the 42 bounces in the tests of PyPI's `bounced` 0.3.0 (MIT;
# most come from the Ruby bounce_email gem's tests, some are German and
# Latvian providers'), fetched and passed like this, nothing of it copied
# into this repository:
#
#   pip download --no-deps --no-binary :all: bounced==0.3.0 -d /tmp/bounced
#   tar xzf /tmp/bounced/bounced-0.3.0.tar.gz -C /tmp/bounced
#   t=/tmp/bounced/bounced-0.3.0/src/bounced/tests
#   scripts/check-bounce-unseen.sh "$t/bounce_email/bounces" "$t/bounces"
#
# A third: the 13 provider bounces (AOL, AT&T, Cox, Gmail, Hotmail, Yahoo
# …) in the tests of npm's `baunsu` 0.2.3 (MIT):
#
#   (cd /tmp && npm pack -q baunsu@0.2.3 && tar xzf baunsu-0.2.3.tgz)
#   scripts/check-bounce-unseen.sh /tmp/package/tests/emails
#
# A fourth: the 126 test mails of Perl's Mail::DeliveryStatus::BounceParser
# 1.543 (Artistic or GPL-1+; AOL, Exchange, Domino, Postfix, qmail,
# Sendmail, and 40-odd spam filters' refusals), from Debian's source
# package. `apt-get source` needs a deb-src entry for Debian's main
# archive (the same URIs and suite as the deb entry in
# /etc/apt/sources.list.d/debian.sources, `Types: deb-src`); where the
# mirror lacks the Debian part of the package, the upstream tarball, all
# that is read, still comes:
#
#   (cd /tmp && apt-get source --download-only \
#      libmail-deliverystatus-bounceparser-perl=1.543+repacked-1 \
#    ; tar xJf libmail-deliverystatus-bounceparser-perl_1.543+repacked.orig.tar.xz)
#   scripts/check-bounce-unseen.sh /tmp/Mail-DeliveryStatus-BounceParser-1.543/t/corpus
#
# SISIMAI_LIB=DIR labels with the Sisimai in DIR (a Sisimai 5 checkout's
# lib/, the version that labelled the corpus) instead of Debian's 4.25; the
# line "labelled by Sisimai …" says which one ran.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/common.sh
. "$root/scripts/common.sh"
[ $# -gt 0 ] || set -- /usr/lib/python3/dist-packages/flufl/bounce/tests/data
files=()
for dir in "$@"; do
  [ -d "$dir" ] || { echo "no mails at $dir (apt install python3-flufl.bounce)" >&2; exit 2; }
  for f in "$dir"/*; do
    [ -f "$f" ] && files+=("$f")
  done
done
perl -MSisimai -e1 2>/dev/null || { echo "Sisimai missing (apt install libsisimai-perl)" >&2; exit 2; }

cargo build -q --release -p postvakt-cli --manifest-path "$root/Cargo.toml"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

perl ${SISIMAI_LIB:+-I"$SISIMAI_LIB"} -MSisimai -MJSON::PP -e '
  my @out;
  my $read = Sisimai->can("rise") || Sisimai->can("make");
  print STDERR "labelled by Sisimai $Sisimai::VERSION\n";
  for my $f (@ARGV) {
    my $v = $read->("Sisimai", $f, delivered => 1, vacation => 1) || [];
    for my $r (@$v) {
      push @out, { file => $f, recipient => $r->recipient->address,
        status => $r->deliverystatus, reason => $r->reason,
        hard => (($r->can("hardbounce") ? $r->hardbounce : $r->softbounce == 0)
          ? JSON::PP::true : JSON::PP::false) };
    }
  }
  print JSON::PP->new->canonical->encode(\@out);' "${files[@]}" >"$tmp/sisimai.json" 2>"$tmp/sisimai.err" || {
  # Its warnings are noise, but when it fails they are the reason.
  cat "$tmp/sisimai.err" >&2
  exit 2
}
grep '^labelled by' "$tmp/sisimai.err" || true
target_dir="$(cargo_target_dir)"
"$target_dir/release/postvakt" bounce --json "${files[@]}" >"$tmp/postvakt.json" || true

python3 - "$tmp/sisimai.json" "$tmp/postvakt.json" <<'PY'
import collections, json, os, sys
sisimai = json.load(open(sys.argv[1]))
ours = collections.defaultdict(list)
for line in open(sys.argv[2]):
    r = json.loads(line)
    if "recipient" in r:
        ours[r["file"]].append(r)
n = len(sisimai)
found = reason = hard = status = 0
notes = []
for s in sisimai:
    name = os.path.basename(s["file"])
    same = [r for r in ours[s["file"]] if r["recipient"].lower() == s["recipient"].lower()]
    if not same:
        notes.append(f"{name}: {s['recipient']} not found (sisimai: {s['reason']})")
        continue
    r = same[0]
    found += 1
    reason += r["reason"] == s["reason"]
    hard += r["hard"] == s["hard"]
    status += r["status"] == s["status"]
    if r["reason"] != s["reason"] or r["hard"] != s["hard"]:
        notes.append(f"{name}: {s['recipient']}: sisimai {s['reason']}/{'hard' if s['hard'] else 'soft'},"
                     f" postvakt {r['reason']}/{'hard' if r['hard'] else 'soft'}: {r['diagnostic'][:100]}")
# Recipients postvakt reports that Sisimai does not: a mail's example
# addresses or its sender taken for a recipient would show here, where
# the figures above, which start from Sisimai's recipients, cannot.
theirs = collections.defaultdict(set)
for s in sisimai:
    theirs[s["file"]].add(s["recipient"].lower())
extra = [(f, r) for f, rs in ours.items() for r in rs if r["recipient"].lower() not in theirs[f]]
pct = lambda k: 100.0 * k / n if n else 0.0
print(f"{len(set(s['file'] for s in sisimai))} mails, {n} recipients that Sisimai reports")
print(f"  found  {pct(found):6.2f} %")
print(f"  reason {pct(reason):6.2f} %")
print(f"  hard   {pct(hard):6.2f} %")
print(f"  status {pct(status):6.2f} %")
print(f"  extra  {len(extra)} recipients postvakt reports that Sisimai does not")
for line in notes:
    print("  " + line)
for f, r in extra:
    print(f"  {os.path.basename(f)}: {r['recipient'] or '(unnamed)'} reported, not by sisimai: {r['reason']}: {r['diagnostic'][:80]}")
PY
