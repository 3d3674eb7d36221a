//! Hostile input: the parser must answer in bounded time and memory and
//! never panic. No timing asserts (machines differ); a hang or a panic
//! fails the test run, which is the point.

use postvakt_core::bounce::{self, Kind, MAX_INPUT};

const BOUNCE_HEAD: &str = "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n\
To: kari@example.net\r\n\
Subject: Undelivered Mail Returned to Sender\r\n";

#[test]
fn twenty_megabyte_mail() {
    let mut raw = String::from(BOUNCE_HEAD);
    raw.push_str("Content-Type: text/plain\r\n\r\n<ola@example.org>: host mx.example.org said: 550 5.1.1 User unknown\r\n");
    let line = "x".repeat(998) + "\r\n";
    while raw.len() < 20 * 1024 * 1024 {
        raw.push_str(&line);
    }
    let b = bounce::parse(raw.as_bytes()).unwrap();
    assert_eq!(b.kind, Kind::Delivery);
    assert_eq!(b.records[0].recipient, "ola@example.org");
    assert!(b.records[0].diagnostic.len() <= 4096);
    assert!(MAX_INPUT < raw.len());
}

#[test]
fn thousand_deep_multipart() {
    let mut raw = String::from(BOUNCE_HEAD);
    raw.push_str("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
    for i in 1..=1000 {
        raw.push_str(&format!(
            "--b{}\r\nContent-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n",
            i - 1
        ));
    }
    raw.push_str(
        "--b1000\r\nContent-Type: text/plain\r\n\r\n<ola@example.org>: 550 5.1.1 User unknown\r\n",
    );
    for i in (0..=1000).rev() {
        raw.push_str(&format!("--b{i}--\r\n"));
    }
    let _ = bounce::parse(raw.as_bytes());
}

#[test]
fn thousand_deep_attached_messages() {
    let mut raw = String::from(BOUNCE_HEAD);
    raw.push_str("MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"r0\"\r\n\r\n");
    for i in 1..=1000 {
        raw.push_str(&format!(
            "--r{}\r\nContent-Type: message/rfc822\r\n\r\nSubject: level {i}\r\nContent-Type: multipart/mixed; boundary=\"r{i}\"\r\n\r\n",
            i - 1
        ));
    }
    for i in (0..=1000).rev() {
        raw.push_str(&format!("--r{i}--\r\n"));
    }
    let _ = bounce::parse(raw.as_bytes());
}

#[test]
fn invalid_utf8_everywhere() {
    let mut raw = Vec::new();
    raw.extend_from_slice(
        b"From: \xff\xfe Mail Delivery \xc3\x28 <MAILER-DAEMON@mx.example.net>\r\n",
    );
    raw.extend_from_slice(b"Subject: Undelivered \xe2\x28\xa1 Mail\r\n");
    raw.extend_from_slice(b"Content-Type: text/plain; charset=utf-8\r\n\r\n");
    raw.extend_from_slice(
        b"<ola@example.org>: \xf0\x28\x8c\x28 550 5.1.1 User unknown \xc0\xaf\r\n",
    );
    raw.extend_from_slice(&[0xff; 4096]);
    let b = bounce::parse(&raw).unwrap();
    assert_eq!(b.records.len(), 1);
    assert_eq!(b.records[0].status, "5.1.1");
    // Multi-byte characters cut at every possible length.
    let text = "Ukjent mottaker æøå – ümlaut 550 5.1.1 <per@example.no>\n".repeat(50);
    for cut in 0..200 {
        let mut m = BOUNCE_HEAD.as_bytes().to_vec();
        m.extend_from_slice(b"\r\n");
        m.extend_from_slice(&text.as_bytes()[..cut * 7 % text.len()]);
        let _ = bounce::parse(&m);
    }
}

#[test]
fn broken_base64_and_quoted_printable() {
    let raw = format!(
        "{BOUNCE_HEAD}MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"x\"\r\n\r\n\
--x\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!not base64@@@@====\r\nQUJD\r\n====\r\n\
--x\r\nContent-Type: message/delivery-status\r\nContent-Transfer-Encoding: base64\r\n\r\nRmluYWwtUmVjaXBpZW50OiByZmM4MjI7IG9sYUBleGFtcGxl*****\r\n\
--x\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=ZZ=4=\r\n=\r\n\
--x--\r\n"
    );
    let _ = bounce::parse(raw.as_bytes());
}

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn mangled_vectors_never_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors/bounce");
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect();
    seeds.sort();
    let mut rng = Lcg(42);
    // Bytes that steer the parser into its edge cases.
    let alphabet: &[u8] = b"\r\n:;<>@.-=\"\t 0123459 abcXYZ\xff\xc3";
    for round in 0..2000 {
        let mut m = seeds[round % seeds.len()].clone();
        for _ in 0..(1 + rng.next() % 16) {
            let at = (rng.next() as usize) % m.len().max(1);
            match rng.next() % 3 {
                0 => m.insert(at, alphabet[(rng.next() as usize) % alphabet.len()]),
                1 if !m.is_empty() => {
                    m.remove(at.min(m.len() - 1));
                }
                _ => m.truncate(at),
            }
        }
        let _ = bounce::parse(&m);
    }
}

/// Mails assembled from the pieces the MIME walk and the field parsers
/// branch on: boundaries (repeated, nested, unterminated, mid-line),
/// transfer encodings, attached messages, provider codes, odd addresses.
#[test]
fn mime_shaped_garbage_never_panics() {
    const PIECES: &[&str] = &[
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n",
        "From: \"a, b\" <x@y.example> (c)\r\n",
        "To: <>\r\n",
        "Subject: =?utf-8?q?Ikke_levert?=\r\n",
        "Message-ID: <a@b>\r\n",
        "Content-Type: multipart/report; boundary=\"b\"\r\n",
        "Content-Type: multipart/mixed; boundary=b\r\n",
        "Content-Type: multipart/digest; boundary=\"\"\r\n",
        "Content-Type: message/rfc822\r\n",
        "Content-Type: message/delivery-status\r\n",
        "Content-Type: text/plain; charset=iso-2022-jp\r\n",
        "Content-Type: text/html; charset*=utf-8''x\r\n",
        "Content-Transfer-Encoding: base64\r\n",
        "Content-Transfer-Encoding: quoted-printable\r\n",
        "\r\n",
        "--b\r\n",
        "--b--\r\n",
        "x--b\r\n",
        "Final-Recipient: rfc822; ola@example.org\r\n",
        "Status: 5.0.0 (x)\r\n",
        "Remote-MTA: dns; smtp.orange.fr\r\n",
        "Diagnostic-Code: smtp; 550 5.1.1 <ola@example.org>: user unknown OFR_999 AUP#CXBL\r\n",
        "<ola@example.org>: host mx.example.org said: 421 4.7.0 try later\r\n",
        "UXVpY2sgYnJvd24gZm94\r\n",
        "=E6=F8=\r\n",
        " folded continuation\r\n",
        "\u{ff}\u{fe} \u{c3}",
    ];
    let mut rng = Lcg(7);
    for _ in 0..4000 {
        let mut m = String::new();
        for _ in 0..(1 + rng.next() % 40) {
            m.push_str(PIECES[(rng.next() as usize) % PIECES.len()]);
        }
        let _ = bounce::parse(m.as_bytes());
    }
}

/// What a person pastes into the bounce panel takes other paths than a
/// stored mail (quotation marks taken off, a forward's fields read, a
/// server's answer read alone): each gets input of the size and shape that
/// would make it slow or deep, and must answer.
#[test]
fn pasted_text_of_every_shape() {
    let ten_mb = 10 * 1024 * 1024;
    // Every line a server's answer that refuses, 10 MB of them.
    let refused = "550 Your message has been rejected ".repeat(20) + "\n";
    // A report quoted thousands of levels deep.
    let deep = format!(
        "{} 550 5.1.1 <kari@example.org>: User unknown\n",
        ">".repeat(5000)
    );
    // A forward's header block over and over, each opening another forward.
    let forwards =
        "-----Original Message-----\nFrom: Mail Delivery System <MAILER-DAEMON@x.example>\n\
                    Subject: Undeliverable: x\nTo: a@example.org\n\n"
            .repeat(20_000);
    // One line of 10 MB with a code in front, and one of addresses.
    let long_line = format!("550 {}\n", "x".repeat(ten_mb));
    let addresses = "kari@example.org ".repeat(ten_mb / 17);
    for text in [
        refused.repeat(ten_mb / refused.len()),
        deep,
        forwards,
        long_line,
        addresses,
    ] {
        let got = bounce::parse_shown(text.as_bytes());
        if let Ok(b) = got {
            assert!(b.records.len() <= bounce::MAX_RECORDS);
            assert!(b.records.iter().all(|r| r.diagnostic.len() <= 4096));
        }
    }
    // Invalid UTF-8 in a pasted answer.
    let mut bytes = b"550 5.1.1 ".to_vec();
    bytes.extend((0..200_000).map(|i| (i % 256) as u8));
    let _ = bounce::parse_shown(&bytes);
}

/// One line that names thousands of addresses, behind a long indent or
/// quotation marks, or each after words that could be an instruction, or
/// under a line of thousands of Message-IDs: the facts of a line are read
/// once, not once per address on it, and an address is looked up among
/// the others by halves, so the time grows with the text and not with its
/// square.
#[test]
fn one_line_naming_thousands_of_addresses() {
    let distinct: String = (0..8000).map(|i| format!(" u{i}@x.example")).collect();
    let same = " kari@example.org".repeat(8000);
    let lines = [
        " ".repeat(120_000) + &distinct,
        ">".repeat(120_000) + &same,
        "> ".repeat(60_000) + &same,
        "please contact kari@example.org ".repeat(8000),
        format!("<kari@example.org>: host mx said: 550 {distinct}"),
        // Thousands of Message-IDs, then thousands of other addresses,
        // each looked up among them.
        format!(
            "Message-ID: {}\r\n{distinct}",
            (0..8000)
                .map(|i| format!(" <i{i}@x.example>"))
                .collect::<String>()
        ),
    ];
    for line in lines {
        let mail = format!("{BOUNCE_HEAD}Content-Type: text/plain\r\n\r\n{line}\r\n");
        for got in [
            bounce::parse(mail.as_bytes()),
            bounce::parse_shown(line.as_bytes()),
        ] {
            let b = got.unwrap();
            assert!(b.records.len() <= bounce::MAX_RECORDS);
        }
    }
}
