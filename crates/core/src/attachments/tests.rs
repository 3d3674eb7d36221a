//! The rules end to end on small messages and files built here.

use super::testzip::{Entry, zip};
use super::*;
use crate::Profile;
use crate::profile::ContentKind;

fn altibox() -> AttachmentRules {
    Profile::preset("altibox").unwrap().attachments
}

fn codes(flags: &[Flag]) -> Vec<(&str, &str)> {
    flags
        .iter()
        .map(|f| (f.path.as_str(), f.reason.code()))
        .collect()
}

fn b64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                A[(n >> (18 - 6 * i) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

/// A multipart/mixed message with a text body and `parts` as attachments
/// (name header value, bytes).
fn message(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut m = String::from(
        "From: a@example.com\r\nTo: b@example.com\r\nSubject: t\r\nMIME-Version: 1.0\r\n",
    );
    m.push_str("Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nHello\r\n");
    for (name, bytes) in parts {
        m.push_str(&format!(
            "--b1\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; {name}\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            b64(bytes)
        ));
    }
    m.push_str("--b1--\r\n");
    m.into_bytes()
}

#[test]
fn clean_message_is_accepted() {
    let d = check_message(
        &altibox(),
        &message(&[("filename=\"report.pdf\"", b"%PDF-1.7")]),
        Lang::En,
    );
    assert_eq!(d.verdict, Verdict::Accept);
    assert!(d.findings.is_empty());
}

#[test]
fn blocked_extension_and_disguises() {
    let rules = altibox();
    let flags = inspect_file(&rules, "invoice.pdf.exe", b"harmless");
    assert_eq!(
        codes(&flags),
        [("", "blocked_extension"), ("", "disguised_name")]
    );
    let flags = inspect_file(&rules, "invoice\u{202E}fdp.scr", b"x");
    assert_eq!(flags[0].name_shown, "invoicercs.pdf");
    assert_eq!(
        codes(&flags),
        [("", "blocked_extension"), ("", "disguised_name")]
    );
    // A trailing dot that still shows the extension is not a disguise.
    assert_eq!(
        codes(&inspect_file(&rules, "setup.exe.", b"x")),
        [("", "blocked_extension")]
    );
    assert_eq!(
        codes(&inspect_file(&rules, "setup.exe   ", b"x")),
        [("", "blocked_extension")]
    );
    assert_eq!(
        codes(&inspect_file(&rules, "SETUP.EXE", b"x")),
        [("", "blocked_extension")]
    );
    assert!(inspect_file(&rules, "notes.txt", b"x").is_empty());
    // Cliche blocks no extension.
    let cliche = Profile::preset("cliche").unwrap().attachments;
    assert!(inspect_file(&cliche, "invoice.pdf.exe", b"harmless").is_empty());
}

#[test]
fn encoded_names_in_messages() {
    let rules = altibox();
    // RFC 2231, as mail clients send long or non-ASCII names.
    let m = message(&[("filename*=utf-8''faktura%20m%C3%A5ned.pdf%2Eexe", b"x")]);
    let flags = inspect_message(&rules, &m);
    assert_eq!(
        codes(&flags),
        [("2", "blocked_extension"), ("2", "disguised_name")]
    );
    assert_eq!(flags[0].name_shown, "faktura måned.pdf.exe");
    // RFC 2047 inside the quoted parameter, as Outlook does.
    let m = message(&[("filename=\"=?UTF-8?B?c2V0dXAuZXhl?=\"", b"x")]);
    assert_eq!(
        codes(&inspect_message(&rules, &m)),
        [("2", "blocked_extension")]
    );
}

#[test]
fn content_regardless_of_name() {
    let rules = altibox();
    let mut pe = vec![0u8; 64];
    pe[..2].copy_from_slice(b"MZ");
    let flags = inspect_file(&rules, "holiday.jpg", &pe);
    assert_eq!(
        flags.iter().map(|f| &f.reason).collect::<Vec<_>>(),
        [&Reason::BlockedKind {
            kind: ContentKind::Executable
        }]
    );
    assert!(inspect_file(&rules, "run.sh", b"#!/bin/sh\nrm -rf /tmp/x\n").is_empty());
    let m = message(&[(
        "filename=\"tweak.txt\"",
        b"REGEDIT4\r\n[HKEY_CURRENT_USER\\x]",
    )]);
    assert_eq!(codes(&inspect_message(&rules, &m)), [("2", "blocked_kind")]);
}

#[test]
fn inline_and_attached_messages_are_walked() {
    let rules = altibox();
    let inner = "From: c@example.com\r\nSubject: inner\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"in\"\r\n\r\n--in\r\nContent-Type: text/plain\r\n\r\nhi\r\n--in\r\nContent-Type: application/x-msdownload; name=\"tool.exe\"\r\nContent-Disposition: inline\r\n\r\nabc\r\n--in--\r\n";
    let m = format!(
        "From: a@example.com\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"out\"\r\n\r\n--out\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--out\r\nContent-Type: image/png; name=\"logo.vbs\"\r\nContent-Disposition: inline\r\n\r\npng\r\n--out\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"fwd.eml\"\r\n\r\n{inner}\r\n--out--\r\n"
    );
    let flags = inspect_message(&rules, m.as_bytes());
    assert_eq!(
        codes(&flags),
        [("2", "blocked_extension"), ("3.2", "blocked_extension")]
    );
    assert_eq!(flags[1].name_shown, "tool.exe");
}

#[test]
fn single_part_message() {
    let m = b"From: a@example.com\r\nContent-Type: application/octet-stream; name=\"x.bat\"\r\n\r\nabc\r\n";
    assert_eq!(
        codes(&inspect_message(&altibox(), m)),
        [("1", "blocked_extension")]
    );
    assert!(inspect_message(&altibox(), b"").is_empty());
}

#[test]
fn archives_are_opened() {
    let rules = altibox();
    let mut pe = vec![0u8; 64];
    pe[..2].copy_from_slice(b"MZ");
    let inner = zip(&[
        Entry::deflated("payload.js", b"WScript.Shell"),
        Entry::stored("tool.bin", &pe),
    ]);
    let mut secret = Entry::stored("secret.docx", b"xxxx");
    secret.flags = 1;
    let outer = zip(&[
        Entry::stored("readme.txt", b"hi"),
        Entry::deflated("inner.zip", &inner),
        secret,
        Entry::dir("empty/"),
    ]);
    let flags = inspect_file(&rules, "photos.zip", &outer);
    assert_eq!(
        codes(&flags),
        [
            ("!inner.zip!payload.js", "blocked_extension"),
            ("!inner.zip!tool.bin", "blocked_kind"),
            ("!secret.docx", "encrypted_member")
        ]
    );
    let d = check_file(&rules, "photos.zip", &outer, Lang::Nb);
    assert_eq!(d.verdict, Verdict::Reject);
    assert_eq!(
        d.findings[2].message,
        "«secret.docx» er kryptert inne i et arkiv og kan derfor ikke kontrolleres."
    );
    assert_eq!(d.findings[2].rule, "uninspectable");
}

#[test]
fn archive_bounds() {
    let mut rules = altibox();
    // Depth: a zip in a zip in a zip … one level past the limit.
    let mut z = zip(&[Entry::stored("a.txt", b"a")]);
    for i in 0..rules.archive_max_depth {
        z = zip(&[Entry::stored(&format!("level{i}.zip"), &z)]);
    }
    let flags = inspect_file(&rules, "deep.zip", &z);
    assert_eq!(flags.len(), 1);
    assert_eq!(flags[0].reason, Reason::ArchiveTooDeep { max: 3 });
    assert!(flags[0].path.ends_with("!level0.zip"), "{}", flags[0].path);

    // Members, counted over every level.
    rules.archive_max_members = 6; // 2 + 4 fit, the next 4 do not
    let four: Vec<Entry> = (0..4)
        .map(|i| Entry::stored(&format!("{i}.txt"), b""))
        .collect();
    let z = zip(&[
        Entry::stored("a.zip", &zip(&four)),
        Entry::stored("b.zip", &zip(&four)),
    ]);
    assert_eq!(
        codes(&inspect_file(&rules, "many.zip", &z)),
        [("!b.zip", "archive_too_many_members")]
    );

    // Size: a real bomb, cut while inflating ...
    rules.archive_max_uncompressed_mb = 1;
    let bomb = zip(&[Entry::deflated("zeros.bin", &vec![0u8; 3 << 20])]);
    assert!(bomb.len() < 10_000);
    assert_eq!(
        codes(&inspect_file(&rules, "bomb.zip", &bomb)),
        [("", "archive_too_large")]
    );
    // ... and one that declares its size, refused before inflating.
    let mut liar = Entry::deflated("zeros.bin", b"0");
    liar.declared_size = Some(u32::MAX);
    assert_eq!(
        codes(&inspect_file(&rules, "bomb.zip", &zip(&[liar]))),
        [("", "archive_too_large")]
    );
}

#[test]
fn damaged_archive_fails_closed() {
    let flags = inspect_file(&altibox(), "broken.zip", b"PK\x03\x04 not really a zip");
    assert_eq!(codes(&flags), [("", "archive_unreadable")]);
}

#[test]
fn every_reason_has_every_language() {
    let reasons = [
        Reason::BlockedExtension {
            extension: "exe".into(),
        },
        Reason::DisguisedName {
            extension: "exe".into(),
        },
        Reason::BlockedKind {
            kind: ContentKind::Iso9660,
        },
        Reason::EncryptedMember,
        Reason::ArchiveTooDeep { max: 3 },
        Reason::ArchiveTooManyMembers { max: 3 },
        Reason::ArchiveTooLarge { max_mb: 3 },
        Reason::ArchiveUnreadable,
        Reason::MessageTooDeep { max: 3 },
    ];
    for r in reasons {
        let texts: Vec<String> = Lang::ALL
            .iter()
            .map(|l| r.message("a.exe", "2", *l))
            .collect();
        assert!(texts.iter().all(|t| !t.contains('{')), "{texts:?}");
        assert_ne!(texts[0], texts[1]);
        assert_ne!(texts[0], texts[2]);
        assert_ne!(texts[2], texts[3]);
    }
    assert_eq!(
        Reason::EncryptedMember.message("", "2.1", Lang::Sv),
        "”del 2.1” är krypterad i ett arkiv och kan därför inte kontrolleras."
    );
}

#[test]
fn deep_message_nesting_is_bounded() {
    let mut m = String::from("Subject: leaf\r\n\r\nbody\r\n");
    for _ in 0..20_000 {
        m = format!("Content-Type: message/rfc822\r\n\r\n{m}");
    }
    let m = format!("From: a@example.com\r\n{m}");
    let flags = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || inspect_message(&altibox(), m.as_bytes()))
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(
        flags.last().map(|f| f.reason.code()),
        Some("message_too_deep")
    );
    // Below the parser's bound, the walk's own bound answers.
    let mut m = String::from("Subject: leaf\r\n\r\nbody\r\n");
    for _ in 0..100 {
        m = format!("Content-Type: message/rfc822\r\n\r\n{m}");
    }
    let flags = inspect_message(&altibox(), format!("From: a@example.com\r\n{m}").as_bytes());
    let section = vec!["1"; MAX_MESSAGE_DEPTH as usize + 1].join(".");
    assert_eq!(codes(&flags), [(section.as_str(), "message_too_deep")]);
}

#[test]
fn profile_bounds_archive_depth() {
    let text = crate::profile::PRESETS[0]
        .1
        .replace("archive_max_depth = 3", "archive_max_depth = 33");
    let err = Profile::from_toml(&text, "deep.toml").unwrap_err();
    assert_eq!(err.key(), Some("attachments.archive_max_depth"));
}

#[test]
fn many_sibling_messages_are_walked() {
    let mut m = String::from(
        "From: a@example.com\r\nMIME-Version: 1.0\r\nContent-Type: multipart/digest; boundary=\"d\"\r\n\r\n",
    );
    for i in 0..50 {
        m.push_str(&format!(
            "--d\r\nContent-Type: message/rfc822\r\n\r\nSubject: {i}\r\nContent-Type: text/plain; name=\"n{i}.txt\"\r\n\r\nhi\r\n"
        ));
    }
    m.push_str("--d\r\nContent-Type: message/rfc822\r\n\r\nSubject: last\r\nContent-Type: text/plain; name=\"x.vbs\"\r\n\r\nhi\r\n--d--\r\n");
    assert_eq!(
        codes(&inspect_message(&altibox(), m.as_bytes())),
        [("51.1", "blocked_extension")]
    );
}

#[test]
fn many_bombs_cost_one() {
    let mut rules = altibox();
    rules.archive_max_uncompressed_mb = 1;
    // Bombs that lie about their size, so only inflating finds them.
    let mut zeros = Entry::deflated("zeros.bin", &vec![0u8; 3 << 20]);
    zeros.declared_size = Some(10);
    let bomb = zip(&[zeros, Entry::stored("late.exe", b"x")]);
    let parts: Vec<(&str, &[u8])> = (0..20)
        .map(|_| ("filename=\"b.zip\"", bomb.as_slice()))
        .collect();
    let flags = inspect_message(&rules, &message(&parts));
    // The first bomb is inflated up to the limit, the rest are not;
    // names are still read in all of them.
    assert_eq!(
        flags
            .iter()
            .filter(|f| f.reason.code() == "archive_too_large")
            .count(),
        1
    );
    assert_eq!(
        flags
            .iter()
            .filter(|f| f.reason.code() == "blocked_extension")
            .count(),
        20
    );
}
