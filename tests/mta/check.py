"""Checks postvakt's NDJSON for a real MTA's bounces against what is expected.

    python3 check.py EXPECTED_JSON RECORDS_NDJSON [PEER_JSON]

EXPECTED_JSON (postfix.json, exim.json, opensmtpd.json, sendmail.json)
names the MTA ("mta") and, per recipient, the fields its record must
have: one object, or a list of them where the recipient has more than
one notice (a delay warning, then the failure), told apart by their
action. diagnostic_has must occur in the diagnostic; diagnostic_lacks,
where given, must not.

Prints one line per record and exits 1 when any differs, one is missing,
or a record names a recipient (or an action of one) that was not
expected. PEER_JSON ({recipient: reason}, from Sisimai) adds its reasons beside
postvakt's and a count of where they agree; it decides nothing.
"""

import json
import sys


def main():
    spec = json.load(open(sys.argv[1]))
    expected, mta = spec["recipients"], spec["mta"]
    records = [json.loads(line) for line in open(sys.argv[2]) if line.strip()]
    peer = json.load(open(sys.argv[3])) if len(sys.argv) > 3 else None
    # One expected record per (recipient, action).
    wanted = {}
    for rcpt, want in expected.items():
        for w in want if isinstance(want, list) else [want]:
            wanted[(rcpt, w["action"])] = w
    seen = {}
    problems = []
    for r in records:
        rcpt = r.get("recipient")
        key = (rcpt, r.get("action"))
        if rcpt is None:
            problems.append(f"{r.get('file')}: no record ({r.get('kind', r.get('error'))})")
        elif key in seen:
            problems.append(f"{rcpt}: two records ({seen[key]['file']}, {r['file']})")
        elif key not in wanted:
            what = "a recipient" if rcpt not in expected else f"action {key[1]!r} of a recipient"
            problems.append(f"{rcpt}: not {what} of the test mails ({r['file']})")
        else:
            seen[key] = r
    for (rcpt, action), want in wanted.items():
        r = seen.get((rcpt, action))
        if r is None:
            problems.append(f"{rcpt}: no record with action {action!r}")
            continue
        n = want["n"]
        wrong = [
            f"{k} {r.get(k)!r} (want {v!r})"
            for k, v in dict(
                want, message_id=f"test-{n}@bounces.test", subject=f"postvakt test {n}"
            ).items()
            if k not in ("n", "diagnostic_has", "diagnostic_lacks") and r.get(k) != v
        ]
        if want["diagnostic_has"] not in r.get("diagnostic", ""):
            wrong.append(f"diagnostic {r.get('diagnostic')!r} lacks {want['diagnostic_has']!r}")
        lacks = want.get("diagnostic_lacks")
        if lacks is not None and lacks in r.get("diagnostic", ""):
            wrong.append(f"diagnostic {r.get('diagnostic')!r} holds {lacks!r}")
        mark = "ok  " if not wrong else "FAIL"
        beside = f"  sisimai: {peer.get(rcpt, '(none)')}" if peer is not None else ""
        print(f"{mark} {rcpt:24} {r['status']:6} {r['reply'] or '-':4} {r['reason']:14} "
              f"{'hard' if r['hard'] else 'soft'} {r['smtp_command'] or '-':5} {action:8}{beside}")
        problems += [f"{rcpt}: {w}" for w in wrong]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)
    files = len({r["file"] for r in records})
    print(f"{len(wanted)} records of {len(expected)} recipients in {files} notices from {mta}: "
          "all as expected")
    if peer is not None:
        # Sisimai's one reason per recipient (of whichever of its notices
        # was read last).
        same = sum(peer.get(rcpt) == r["reason"] for (rcpt, _), r in seen.items())
        print(f"Sisimai (for comparison) gives the same reason for {same} of {len(wanted)}")


if __name__ == "__main__":
    main()
