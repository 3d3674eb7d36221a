#!/usr/bin/env python3
"""Seeds the fuzz corpora from tests/vectors/attachments.json: each case's
message goes to corpus/attachments_mime, each file (zips minus their
leading signature, which the target adds back) to corpus/attachments_archive.
Run from fuzz/: python3 seed-from-vectors.py"""

import base64
import json
import os

doc = json.load(open("../tests/vectors/attachments.json", encoding="utf-8"))


def join(segments):
    out = b""
    for s in segments:
        if "text" in s:
            out += s["text"].encode()
        elif "b64" in s:
            out += base64.b64decode(s["b64"])
        else:
            out += b"\0" * s["zeros"]
    return out


for target in ("attachments_mime", "attachments_archive"):
    os.makedirs(f"corpus/{target}", exist_ok=True)
for i, case in enumerate(doc["cases"]):
    if "message" in case:
        open(f"corpus/attachments_mime/vector{i}", "wb").write(join(case["message"]))
    else:
        data = join(case["file"]["content"])
        if data.startswith(b"PK\x03\x04"):
            open(f"corpus/attachments_archive/vector{i}", "wb").write(data[4:])
        open(f"corpus/attachments_mime/file{i}", "wb").write(data[:4096])
