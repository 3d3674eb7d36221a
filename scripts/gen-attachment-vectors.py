#!/usr/bin/env python3
"""Writes tests/vectors/attachments.json: the attachment rules' shared vectors.

Inputs are binary, so each case's bytes are a list of segments that every
runtime joins: {"text": "..."} (UTF-8), {"b64": "..."} and {"zeros": n}
(so a 32 KiB ISO image costs a few bytes of JSON). The expected findings
are written here by hand from the rules, not copied from any output.

Run from the repository root: python3 scripts/gen-attachment-vectors.py
"""

import base64
import json
import struct
import zlib


def crc32(data):
    return zlib.crc32(data) & 0xFFFFFFFF


def deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def zip_(entries, declared_count=None):
    """entries: (name, data, method, flags, declared_size or None)."""
    out, central = b"", b""
    for name, data, method, flags, declared in entries:
        body = deflate(data) if method == 8 else data
        size = len(data) if declared is None else declared
        name_b = name.encode()
        common = struct.pack("<HHHHHIIIHH", 20, flags | 0x0800, method, 0, 0x21, crc32(data),
                             len(body), size, len(name_b), 0)
        central += b"PK\x01\x02" + struct.pack("<H", 20) + common + struct.pack("<HHHII", 0, 0, 0, 0, len(out)) + name_b
        out += b"PK\x03\x04" + common + name_b + body
    n = len(entries) if declared_count is None else declared_count
    return out + central + b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, n, n, len(central), len(out), 0)


def stored(name, data, flags=0, declared=None):
    return (name, data, 0, flags, declared)


def deflated(name, data):
    return (name, data, 8, 0, None)


def b64(data):
    return [{"b64": base64.b64encode(data).decode()}]


PE = b"MZ" + b"\x90\x00" * 31 + b"\x40\x00\x00\x00" + b"PE\x00\x00" + b"\x00" * 20
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"\x02\x00\x3e\x00"
MACHO = b"\xcf\xfa\xed\xfe\x07\x00\x00\x01\x03\x00\x00\x00\x02\x00\x00\x00"
SFX = PE + zip_([stored("setup.ini", b"[setup]")])
HIVE = b"regf" + b"\x00" * 28
REG_UTF16 = b"\xff\xfe" + "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software]\r\n".encode("utf-16-le")


def finding(path, code, rule, name):
    return {"path": path, "code": code, "rule": rule, "name_shown": name}


def file_case(about, name, content, findings, profile="altibox", lang="en", messages=None):
    case = {"about": about, "profile": profile, "lang": lang,
            "file": {"name": name, "content": content},
            "verdict": "reject" if findings else "accept", "findings": findings}
    if messages:
        case["messages"] = messages
    return case


def message_case(about, text_parts, findings, profile="altibox", lang="en", messages=None):
    case = {"about": about, "profile": profile, "lang": lang, "message": text_parts,
            "verdict": "reject" if findings else "accept", "findings": findings}
    if messages:
        case["messages"] = messages
    return case


def mail(parts):
    """A multipart/mixed message: a text body, then (headers, base64 body) parts."""
    head = ("From: a@example.com\r\nTo: b@example.com\r\nSubject: vectors\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
            "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello\r\n")
    segs = [{"text": head}]
    for headers, data in parts:
        segs.append({"text": "--b1\r\n" + headers + "Content-Transfer-Encoding: base64\r\n\r\n"})
        segs.append({"text": base64.encodebytes(data).decode().replace("\n", "\r\n")})
    segs.append({"text": "--b1--\r\n"})
    return segs


EXT, KIND = "blocked_extensions", "blocked_kinds"
cases = [
    # By name.
    file_case("a document is accepted", "report.pdf", [{"text": "%PDF-1.7\n"}], []),
    file_case("blocked extension, any case", "SETUP.EXE", [{"text": "harmless"}],
              [finding("", "blocked_extension", EXT, "SETUP.EXE")],
              messages=["“SETUP.EXE” is a .exe file, a type that cannot be sent or received by e-mail."]),
    file_case("double extension", "invoice.pdf.exe", [{"text": "harmless"}],
              [finding("", "blocked_extension", EXT, "invoice.pdf.exe"),
               finding("", "disguised_name", EXT, "invoice.pdf.exe")], lang="nb",
              messages=["«invoice.pdf.exe» er en .exe-fil, en filtype som ikke kan sendes eller mottas på e-post.",
                        "«invoice.pdf.exe» skjuler hva slags fil det er: det er egentlig en .exe-fil."]),
    file_case("trailing dots and spaces are dropped, the extension still shows", "setup.exe. . .",
              [{"text": "harmless"}], [finding("", "blocked_extension", EXT, "setup.exe. . .")]),
    file_case("right-to-left override draws invoice\u202efdp.scr as invoicercs.pdf", "invoice\u202efdp.scr",
              [{"text": "harmless"}],
              [finding("", "blocked_extension", EXT, "invoicercs.pdf"),
               finding("", "disguised_name", EXT, "invoicercs.pdf")], lang="sv",
              messages=["”invoicercs.pdf” är en .scr-fil, en filtyp som inte kan skickas eller tas emot med e-post.",
                        "”invoicercs.pdf” döljer vilken sorts fil det är: det är egentligen en .scr-fil."]),
    file_case("zero-width characters inside the extension", "setup.e\u200bx\u200de", [{"text": "harmless"}],
              [finding("", "blocked_extension", EXT, "setup.exe"), finding("", "disguised_name", EXT, "setup.exe")]),
    file_case("an RFC 2047 encoded name is decoded", "=?UTF-8?B?c2V0dXAuZXhl?=", [{"text": "harmless"}],
              [finding("", "blocked_extension", EXT, "setup.exe")]),
    file_case("an RFC 2231 encoded name is decoded", "utf-8''faktura%20m%C3%A5ned.bat", [{"text": "harmless"}],
              [finding("", "blocked_extension", EXT, "faktura måned.bat")], lang="da",
              messages=["“faktura måned.bat” er en .bat-fil, en filtype, der ikke kan sendes eller modtages med e-mail."]),
    file_case("Cliche blocks no extension", "invoice.pdf.exe", [{"text": "harmless"}], [], profile="cliche"),
    # By content, whatever the name.
    file_case("a Windows program named as a photo", "holiday.jpg", b64(PE),
              [finding("", "blocked_kind", KIND, "holiday.jpg")],
              messages=["“holiday.jpg” is a program, which cannot be sent or received by e-mail, whatever the file is called."]),
    file_case("Cliche blocks executables too", "holiday.jpg", b64(PE),
              [finding("", "blocked_kind", KIND, "holiday.jpg")], profile="cliche"),
    file_case("an ELF binary", "data.bin", b64(ELF), [finding("", "blocked_kind", KIND, "data.bin")]),
    file_case("a Mach-O binary", "data.bin", b64(MACHO), [finding("", "blocked_kind", KIND, "data.bin")]),
    file_case("a self-extractor is also a program", "archive.dat", b64(SFX),
              [finding("", "blocked_kind", KIND, "archive.dat"), finding("", "blocked_kind", KIND, "archive.dat")],
              messages=["“archive.dat” is a self-extracting archive, which cannot be sent or received by e-mail, whatever the file is called.",
                        "“archive.dat” is a program, which cannot be sent or received by e-mail, whatever the file is called."]),
    file_case("a registry hive", "settings.dat", b64(HIVE), [finding("", "blocked_kind", KIND, "settings.dat")]),
    file_case("a .reg file in UTF-16 named as text", "notes.txt", b64(REG_UTF16),
              [finding("", "blocked_kind", KIND, "notes.txt")]),
    file_case("a .reg file in ASCII", "notes.txt", [{"text": "REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\x]\r\n"}],
              [finding("", "blocked_kind", KIND, "notes.txt")]),
    file_case("Cliche does not block registry files", "notes.txt", b64(HIVE), [], profile="cliche"),
    file_case("an ISO 9660 image", "photos.img", [{"zeros": 32769}, {"text": "CD001\u0001"}],
              [finding("", "blocked_kind", KIND, "photos.img")]),
    file_case("Cliche does not block disc images", "photos.img", [{"zeros": 32769}, {"text": "CD001\u0001"}], [],
              profile="cliche"),
    file_case("text that starts with MZ is not a program", "news.txt",
              [{"text": "MZ Tech announces its results for the third quarter of the year, with growth.\n"}], []),
    file_case("a shell script is not an executable", "backup.sh", [{"text": "#!/bin/sh\ntar czf /tmp/b.tgz ~\n"}], []),
    # Inside archives.
    file_case("a clean archive", "photos.zip",
              b64(zip_([stored("a.txt", b"hello"), deflated("b.txt", b"world " * 100)])), []),
    file_case("a blocked name inside an archive", "photos.zip",
              b64(zip_([stored("readme.txt", b"hi"), deflated("docs/evil.js", b"WScript.Shell")])),
              [finding("!docs/evil.js", "blocked_extension", EXT, "docs/evil.js")]),
    file_case("a program inside a zip inside a zip", "photos.zip",
              b64(zip_([deflated("inner.zip", zip_([stored("tool.exe", PE)]))])),
              [finding("!inner.zip!tool.exe", "blocked_extension", EXT, "tool.exe"),
               finding("!inner.zip!tool.exe", "blocked_kind", KIND, "tool.exe")]),
    file_case("an encrypted member is flagged", "secret.zip",
              b64(zip_([stored("report.docx", b"\x00" * 16, flags=1)])),
              [finding("!report.docx", "encrypted_member", "uninspectable", "report.docx")],
              messages=["“report.docx” is encrypted inside an archive, so it cannot be checked."]),
    file_case("archives nested past archive_max_depth", "deep.zip",
              b64(zip_([stored("l1.zip", zip_([stored("l2.zip", zip_([stored("l3.zip", zip_([stored("a.txt", b"a")]))]))]))])),
              [finding("!l1.zip!l2.zip!l3.zip", "archive_too_deep", "archive_max_depth", "l3.zip")],
              messages=["“l3.zip” has archives inside archives more than 3 levels deep."]),
    file_case("an archive declaring more members than archive_max_members", "many.zip",
              b64(zip_([stored("a.txt", b"a"), stored("b.txt", b"b")], declared_count=5000)),
              [finding("", "archive_too_many_members", "archive_max_members", "many.zip")]),
    file_case("an archive declaring more bytes than archive_max_uncompressed_mb", "bomb.zip",
              b64(zip_([stored("zeros.bin", b"\x00" * 8, declared=0xFFFFFFF0)])),
              [finding("", "archive_too_large", "archive_max_uncompressed_mb", "bomb.zip")],
              messages=["“bomb.zip” unpacks to more than 100 MB."]),
    file_case("a damaged archive fails closed", "broken.zip", [{"text": "PK\u0003\u0004 and then nothing"}],
              [finding("", "archive_unreadable", "uninspectable", "broken.zip")]),
    # Whole messages.
    message_case("a message with a clean attachment",
                 mail([("Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"r.pdf\"\r\n",
                        b"%PDF-1.7\n")]), []),
    message_case("an RFC 2231 name in a message",
                 mail([("Content-Type: application/octet-stream\r\n"
                        "Content-Disposition: attachment; filename*=utf-8''faktura%20m%C3%A5ned.pdf%2Eexe\r\n", b"x")]),
                 [finding("2", "blocked_extension", EXT, "faktura måned.pdf.exe"),
                  finding("2", "disguised_name", EXT, "faktura måned.pdf.exe")]),
    message_case("an RFC 2047 name in a message",
                 mail([("Content-Type: application/octet-stream; name=\"=?UTF-8?B?c2V0dXAuZXhl?=\"\r\n", b"x")]),
                 [finding("2", "blocked_extension", EXT, "setup.exe")]),
    message_case("a program without a name",
                 mail([("Content-Type: application/octet-stream\r\n", PE)]),
                 [finding("2", "blocked_kind", KIND, "")],
                 messages=["“part 2” is a program, which cannot be sent or received by e-mail, whatever the file is called."]),
    message_case("an inline part and a part of an attached message", [{"text":
        "From: a@example.com\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"out\"\r\n\r\n"
        "--out\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
        "--out\r\nContent-Type: image/png; name=\"logo.vbs\"\r\nContent-Disposition: inline\r\n\r\npng\r\n"
        "--out\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"fwd.eml\"\r\n\r\n"
        "From: c@example.com\r\nSubject: inner\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"in\"\r\n\r\n"
        "--in\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
        "--in\r\nContent-Type: application/octet-stream; name=\"tool.exe\"\r\n\r\nabc\r\n--in--\r\n"
        "\r\n--out--\r\n"}],
                 [finding("2", "blocked_extension", EXT, "logo.vbs"), finding("3.2", "blocked_extension", EXT, "tool.exe")]),
    message_case("a zip attached to a message",
                 mail([("Content-Type: application/zip; name=\"photos.zip\"\r\n",
                        zip_([deflated("photo1.jpg.scr", b"x")]))]),
                 [finding("2!photo1.jpg.scr", "blocked_extension", EXT, "photo1.jpg.scr"),
                  finding("2!photo1.jpg.scr", "disguised_name", EXT, "photo1.jpg.scr")]),
    message_case("a single-part message", [{"text":
        "From: a@example.com\r\nContent-Type: application/octet-stream; name=\"run.bat\"\r\n\r\n@echo off\r\n"}],
                 [finding("1", "blocked_extension", EXT, "run.bat")]),
]

doc = {
    "about": ("Attachment rule vectors, read by every runtime: native core, wasmtime (host-tests), workerd and "
              "Chromium. Bytes are segment lists joined in order: text (UTF-8), b64, zeros (n zero bytes). "
              "A case has `file` (name + content, checked as one file) or `message` (RFC 5322, checked whole). "
              "`findings` is the exact ordered list (path, code, rule, name_shown); `messages`, where given, "
              "the exact texts in `lang`. Generated by scripts/gen-attachment-vectors.py."),
    "cases": cases,
}
with open("tests/vectors/attachments.json", "w", encoding="utf-8") as f:
    json.dump(doc, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} cases")
