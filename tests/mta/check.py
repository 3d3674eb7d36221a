"""Checks postvakt's NDJSON for a real MTA's bounces against what is expected.

    python3 check.py EXPECTED_JSON RECORDS_NDJSON [PEER_JSON]

EXPECTED_JSON (postfix.json, exim.json) names the MTA ("mta") and, per
recipient, the fields its record must have.

Prints one line per recipient and exits 1 when any differs, a recipient
is missing, or a record names a recipient that was not expected.
PEER_JSON ({recipient: reason}, from Sisimai) adds its reasons beside
postvakt's and a count of where they agree; it decides nothing.
"""

import json
import sys


def main():
    spec = json.load(open(sys.argv[1]))
    expected, mta = spec["recipients"], spec["mta"]
    records = [json.loads(line) for line in open(sys.argv[2]) if line.strip()]
    peer = json.load(open(sys.argv[3])) if len(sys.argv) > 3 else None
    seen = {}
    problems = []
    for r in records:
        rcpt = r.get("recipient")
        if rcpt is None:
            problems.append(f"{r.get('file')}: no record ({r.get('kind', r.get('error'))})")
        elif rcpt in seen:
            problems.append(f"{rcpt}: two records ({seen[rcpt]['file']}, {r['file']})")
        elif rcpt not in expected:
            problems.append(f"{rcpt}: not a recipient of the test mails ({r['file']})")
        else:
            seen[rcpt] = r
    for rcpt, want in expected.items():
        r = seen.get(rcpt)
        if r is None:
            problems.append(f"{rcpt}: no record")
            continue
        n = want["n"]
        wrong = [
            f"{k} {r.get(k)!r} (want {v!r})"
            for k, v in dict(
                want, message_id=f"test-{n}@bounces.test", subject=f"postvakt test {n}"
            ).items()
            if k not in ("n", "diagnostic_has") and r.get(k) != v
        ]
        if want["diagnostic_has"] not in r.get("diagnostic", ""):
            wrong.append(f"diagnostic {r.get('diagnostic')!r} lacks {want['diagnostic_has']!r}")
        mark = "ok  " if not wrong else "FAIL"
        beside = f"  sisimai: {peer.get(rcpt, '(none)')}" if peer is not None else ""
        print(f"{mark} {rcpt:24} {r['status']:6} {r['reply'] or '-':4} {r['reason']:14} "
              f"{'hard' if r['hard'] else 'soft'} {r['smtp_command'] or '-':5}{beside}")
        problems += [f"{rcpt}: {w}" for w in wrong]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)
    files = len({r["file"] for r in records})
    print(f"{len(expected)} recipients in {files} notices from {mta}: all as expected")
    if peer is not None:
        same = sum(peer.get(rcpt) == seen[rcpt]["reason"] for rcpt in expected)
        print(f"Sisimai (for comparison) gives the same reason for {same} of {len(expected)}")


if __name__ == "__main__":
    main()
