#!/usr/bin/env python3
"""Writes tests/vectors/totp.json.

Codes are computed here with Python's own hmac module: an implementation
independent of the Rust core, so the vectors check it rather than echo it.
Run from the repository root: python3 tests/vectors/totp_gen.py
"""
import base64, hashlib, hmac, json, struct

def hotp(secret, counter, digits=6, algo="SHA1"):
    h = hmac.new(secret, struct.pack(">Q", counter), getattr(hashlib, algo.lower())).digest()
    o = h[-1] & 15
    v = struct.unpack(">I", h[o:o + 4])[0] & 0x7FFFFFFF
    return str(v % 10 ** digits).zfill(digits)

def totp(secret, t, digits=6, period=30, algo="SHA1"):
    return hotp(secret, t // period, digits, algo)

def b32(b):
    return base64.b32encode(b).decode().rstrip("=")

cases = []
RFC_SECRETS = {
    "SHA1": b"12345678901234567890",
    "SHA256": b"12345678901234567890123456789012",
    "SHA512": b"1234567890123456789012345678901234567890123456789012345678901234",
}
RFC_6238 = {  # RFC 6238 Appendix B, as printed there
    "SHA1": ["94287082", "07081804", "14050471", "89005924", "69279037", "65353130"],
    "SHA256": ["46119246", "68084774", "67062674", "91819424", "90698825", "77737706"],
    "SHA512": ["90693936", "25091201", "99943326", "93441116", "38618901", "47863826"],
}
TIMES = [59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000]
for algo, codes in RFC_6238.items():
    for t, code in zip(TIMES, codes):
        assert totp(RFC_SECRETS[algo], t, 8, 30, algo) == code
        cases.append({"kind": "generate", "name": f"RFC 6238 {algo} T={t}", "algorithm": algo, "digits": 8,
                      "period": 30, "secret_hex": RFC_SECRETS[algo].hex(), "time": t, "code": code})
# RFC 4226 Appendix D: HOTP is TOTP with a one-second period at time = counter.
RFC_4226 = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
for counter, code in enumerate(RFC_4226):
    assert hotp(RFC_SECRETS["SHA1"], counter) == code
    cases.append({"kind": "generate", "name": f"RFC 4226 HOTP counter {counter}", "algorithm": "SHA1", "digits": 6,
                  "period": 1, "secret_hex": RFC_SECRETS["SHA1"].hex(), "time": counter, "code": code})

# Verification around now: skew ±1 accepted, ±2 refused, replay refused.
S = bytes(range(1, 21))
NOW = 1_700_000_015  # step 56666667 begins at 1700000010
step = NOW // 30
def verify(name, code, now=NOW, last_step=None, expect=None, skew=1, digits=6, algo="SHA1", secret=S):
    cases.append({"kind": "verify", "name": name, "algorithm": algo, "digits": digits, "period": 30, "skew": skew,
                  "secret_base32": b32(secret), "code": code, "now": now, "last_step": last_step, "expect": expect})
verify("current step", totp(S, NOW), expect={"step": step})
verify("spaces allowed", totp(S, NOW)[:3] + " " + totp(S, NOW)[3:], expect={"step": step})
verify("step -1 accepted", totp(S, NOW - 30), expect={"step": step - 1})
verify("step +1 accepted", totp(S, NOW + 30), expect={"step": step + 1})
verify("step -2 refused", totp(S, NOW - 60), expect={"error": "invalid_code"})
verify("step +2 refused", totp(S, NOW + 60), expect={"error": "invalid_code"})
verify("step -2 accepted with skew 2", totp(S, NOW - 60), skew=2, expect={"step": step - 2})
verify("skew 0 refuses -1", totp(S, NOW - 30), skew=0, expect={"error": "invalid_code"})
verify("replay of the last step", totp(S, NOW), last_step=step, expect={"error": "replayed"})
verify("earlier step after a later one", totp(S, NOW - 30), last_step=step, expect={"error": "replayed"})
verify("next step after the last", totp(S, NOW + 30), last_step=step, expect={"step": step + 1})
verify("wrong digit count", "12345", expect={"error": "wrong_digits"})
verify("not digits", "12345a", expect={"error": "not_digits"})
verify("8 digits SHA256", totp(S, NOW, 8, 30, "SHA256"), digits=8, algo="SHA256", expect={"step": step})
verify("8 digits SHA512", totp(S, NOW, 8, 30, "SHA512"), digits=8, algo="SHA512", expect={"step": step})
verify("first period: no step -1", totp(S, 5), now=5, expect={"step": 0})

for text, expect in [
    ("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", {"hex": b"12345678901234567890".hex()}),
    ("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", {"hex": b"12345678901234567890".hex()}),
    ("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ====", {"hex": b"12345678901234567890".hex()}),
    ("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ0", {"error": "malformed_secret"}),
    ("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQG", {"error": "malformed_secret"}),
    ("MZXW6YTBOI", {"error": "secret_length"}),
]:
    cases.append({"kind": "secret", "name": f"base32 {text!r}", "text": text, "expect": expect})

cases.append({"kind": "key_uri", "name": "altibox key URI", "profile": "altibox", "account": "ola.nordmann@lyse.net",
              "secret_base32": b32(S),
              "uri": f"otpauth://totp/Altibox:ola.nordmann@lyse.net?secret={b32(S)}&issuer=Altibox&algorithm=SHA1&digits=6&period=30"})

# The throttle alone: altibox locks after 5 failures in 5 minutes, for 15.
T = 1_800_000_000
cases.append({"kind": "throttle", "name": "five failures lock for fifteen minutes", "profile": "altibox", "events": [
    {"at": T, "event": "failure", "expect": "ok"},
    {"at": T + 10, "event": "failure", "expect": "ok"},
    {"at": T + 20, "event": "failure", "expect": "ok"},
    {"at": T + 30, "event": "failure", "expect": "ok"},
    {"at": T + 40, "event": "failure", "expect": "locked_out"},
    {"at": T + 41, "event": "check", "expect": "locked_out"},
    {"at": T + 40 + 899, "event": "check", "expect": "locked_out"},
    {"at": T + 40 + 900, "event": "check", "expect": "ok"},
    {"at": T + 40 + 900, "event": "failure", "expect": "ok"},
]})
cases.append({"kind": "throttle", "name": "failures outside the window and success reset", "profile": "altibox", "events": [
    {"at": T, "event": "failure", "expect": "ok"},
    {"at": T + 1, "event": "failure", "expect": "ok"},
    {"at": T + 2, "event": "failure", "expect": "ok"},
    {"at": T + 3, "event": "failure", "expect": "ok"},
    {"at": T + 300, "event": "failure", "expect": "ok"},
    {"at": T + 301, "event": "failure", "expect": "ok"},
    {"at": T + 302, "event": "success", "expect": "ok"},
    {"at": T + 303, "event": "failure", "expect": "ok"},
    {"at": T + 304, "event": "failure", "expect": "ok"},
    {"at": T + 305, "event": "failure", "expect": "ok"},
    {"at": T + 306, "event": "failure", "expect": "ok"},
    {"at": T + 307, "event": "failure", "expect": "locked_out"},
]})
cases.append({"kind": "throttle", "name": "100 slow failures in a row lock", "profile": "altibox", "events":
    [{"at": T + i * 301, "event": "failure", "expect": "ok"} for i in range(99)] +
    [{"at": T + 99 * 301, "event": "failure", "expect": "locked_out"}]})

# Whole flows: enrollment, confirmation, sign-in, recovery, sealing.
E = 1_750_000_020  # the first second of step 58333334
assert E % 30 == 0
es = E // 30
KEY = bytes(range(32)).hex()
SEED1, SEED2 = ("11" * 32), ("22" * 32)
ACC = "kari@lyse.net"
uri = f"otpauth://totp/Altibox:kari@lyse.net?secret={b32(S)}&issuer=Altibox&algorithm=SHA1&digits=6&period=30"
def flow(name, ops, profile="altibox"):
    cases.append({"kind": "flow", "name": name, "profile": profile, "account": ACC, "secret_base32": b32(S),
                  "key_hex": KEY, "ops": ops})
flow("enroll, confirm, sign in, replay, recovery", [
    {"op": "begin", "at": E, "expect": {"uri": uri, "expires_at": E + 600}},
    {"op": "check", "at": E + 5, "code": totp(S, E + 5), "expect": {"step": es}},
    {"op": "confirm", "at": E + 20, "code": totp(S, E + 20), "seed_hex": SEED1, "expect": {"recovery_codes": 10}},
    {"op": "sign_in", "at": E + 25, "code": totp(S, E + 25), "expect": {"error": "replayed"}},
    {"op": "sign_in", "at": E + 40, "code": totp(S, E + 40), "expect": {"step": es + 1}},
    {"op": "sign_in", "at": E + 45, "code": totp(S, E + 45), "expect": {"error": "replayed"}},
    {"op": "sign_in", "at": E + 90, "code": totp(S, E + 60), "expect": {"step": es + 2}},
    {"op": "sign_in", "at": E + 100, "recovery": 0, "expect": {"recovery_remaining": 9}},
    {"op": "sign_in", "at": E + 101, "recovery": 0, "expect": {"error": "recovery_code_used"}},
    {"op": "sign_in", "at": E + 102, "recovery": 1, "expect": {"recovery_remaining": 8}},
    {"op": "sign_in", "at": E + 103, "code": "NOTA-REAL-CODE", "expect": {"error": "invalid_recovery_code"}},
    {"op": "regenerate", "at": E + 200, "seed_hex": SEED2, "expect": {"recovery_codes": 10}},
    {"op": "sign_in", "at": E + 201, "old_recovery": 2, "expect": {"error": "invalid_recovery_code"}},
    {"op": "sign_in", "at": E + 202, "recovery": 2, "expect": {"recovery_remaining": 9}},
])
flow("abandoned enrollment expires and leaves nothing", [
    {"op": "begin", "at": E, "expect": {"uri": uri, "expires_at": E + 600}},
    {"op": "check", "at": E + 600, "code": totp(S, E + 600), "expect": {"error": "enrollment_expired"}},
    {"op": "confirm", "at": E + 600, "code": totp(S, E + 600), "seed_hex": SEED1, "expect": {"error": "enrollment_expired", "lang": "nb",
     "message": "Oppsettet av totrinnsbekreftelse tok for lang tid og ble avbrutt. Ingenting er endret; start på nytt."}},
    {"op": "confirm", "at": E + 599, "code": "000000" if totp(S, E + 599) != "000000" else "111111", "seed_hex": SEED1,
     "expect": {"error": "invalid_code"}},
    {"op": "confirm", "at": E + 599, "code": totp(S, E + 599), "seed_hex": SEED1, "expect": {"recovery_codes": 10}},
])
def wrong(t):
    w = str((int(totp(S, t)) + 1) % 10 ** 6).zfill(6)
    assert w not in [totp(S, t + d) for d in (-30, 0, 30)]
    return w
flow("lockout after five wrong codes, then expiry", [
    {"op": "begin", "at": E, "expect": {"uri": uri, "expires_at": E + 600}},
    {"op": "confirm", "at": E, "code": totp(S, E), "seed_hex": SEED1, "expect": {"recovery_codes": 10}},
    {"op": "sign_in", "at": E + 100, "code": wrong(E + 100), "expect": {"error": "invalid_code"}},
    {"op": "sign_in", "at": E + 101, "code": "1234", "expect": {"error": "wrong_digits"}},
    {"op": "sign_in", "at": E + 102, "code": wrong(E + 102), "expect": {"error": "invalid_code"}},
    {"op": "sign_in", "at": E + 103, "code": wrong(E + 103), "expect": {"error": "invalid_code"}},
    {"op": "sign_in", "at": E + 104, "code": wrong(E + 104), "expect": {"error": "invalid_code"}},
    {"op": "sign_in", "at": E + 105, "code": wrong(E + 105), "expect": {"error": "locked_out", "until": E + 105 + 900,
     "lang": "sv", "message": "För många felaktiga koder. Försök igen om 15 minuter."}},
    {"op": "sign_in", "at": E + 106, "code": totp(S, E + 106), "expect": {"error": "locked_out", "until": E + 105 + 900}},
    {"op": "sign_in", "at": E + 106, "recovery": 0, "expect": {"error": "locked_out", "until": E + 105 + 900}},
    {"op": "sign_in", "at": E + 1005, "code": totp(S, E + 1005), "expect": {"step": (E + 1005) // 30}},
])
flow("sealed secret: wrong key, tampered record", [
    {"op": "begin", "at": E, "expect": {"uri": uri, "expires_at": E + 600}},
    {"op": "confirm", "at": E, "code": totp(S, E), "seed_hex": SEED1, "expect": {"recovery_codes": 10}},
    {"op": "sign_in", "at": E + 60, "code": totp(S, E + 60), "wrong_key": True, "expect": {"error": "unseal_failed",
     "lang": "da", "message": "Totrinsbekræftelse er ikke tilgængelig lige nu. Kontakt kundeservice."}},
    {"op": "sign_in", "at": E + 60, "code": totp(S, E + 60), "expect": {"step": es + 2}},
    {"op": "tamper"},
    {"op": "sign_in", "at": E + 90, "code": totp(S, E + 90), "expect": {"error": "unseal_failed"}},
])

doc = {
    "about": "TOTP vectors, read by every runtime: native core, wasmtime (host-tests), workerd and Chromium. "
             "Written by tests/vectors/totp_gen.py, whose codes come from Python's hmac module, not from postvakt. "
             "Kinds: generate (RFC 6238 Appendix B, RFC 4226 Appendix D), verify (skew, replay, format), secret (base32), "
             "key_uri, throttle (events on one throttle value), flow (ops on one account: begin/check/confirm "
             "enrollment with secret_base32, sign_in with a code or the i-th recovery code of the current set "
             "(`recovery`) or of the set before the last regenerate (`old_recovery`), regenerate recovery codes, "
             "tamper = flip one bit of the sealed ciphertext; a WIT host passes the secret bytes as begin-enrollment's `random`; randomness for confirm/regenerate is "
             "SeededRandom(seed_hex); wrong_key = key_hex with its first byte XOR 1). Times are unix seconds.",
    "cases": cases,
}
with open("tests/vectors/totp.json", "w") as f:
    f.write("{\n")
    f.write(f'  "about": {json.dumps(doc["about"], ensure_ascii=False)},\n  "cases": [\n')
    f.write(",\n".join("    " + json.dumps(c, ensure_ascii=False) for c in cases))
    f.write("\n  ]\n}\n")
print(len(cases), "cases")
