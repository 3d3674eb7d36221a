//! The `postvakt` binary, run as a user would.

use std::io::Write;
use std::process::{Command, Stdio};

fn postvakt(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_postvakt"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The command may exit before reading its input (a bad profile): ignore EPIPE.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn password_from_stdin() {
    let (code, out, _) = postvakt(&["password", "--profile", "altibox"], "abc\n");
    assert_eq!(code, 1);
    assert!(
        out.contains("too_short: Use at least 8 characters."),
        "{out}"
    );
    let (code, out, _) = postvakt(
        &["password", "--profile", "altibox", "--lang", "nb"],
        "Sommer2026\n",
    );
    assert_eq!(code, 0, "{out}");
    let (_, out, _) = postvakt(
        &["password", "--profile", "cliche", "--lang", "sv", "--json"],
        "hemligt",
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json[0]["code"], "too_short");
    assert_eq!(json[0]["message"], "Använd minst 8 tecken.");
}

#[test]
fn unknown_profile_is_a_clear_error() {
    let (code, _, err) = postvakt(&["password", "--profile", "gmail"], "x");
    assert_eq!(code, 2);
    assert!(err.contains("no preset profile named \"gmail\""), "{err}");
}

#[test]
fn validate_names_the_key_of_a_broken_profile() {
    let (code, out, _) = postvakt(
        &["validate", "profiles/altibox.toml", "profiles/cliche.toml"],
        "",
    );
    assert_eq!(code, 0, "{out}");
    let dir = std::env::temp_dir().join(format!("postvakt-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.toml");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../profiles/cliche.toml"
    ))
    .unwrap();
    std::fs::write(&broken, text.replace("ZETA = 500", "ZETA = 0")).unwrap();
    let (code, out, _) = postvakt(&["validate", broken.to_str().unwrap()], "");
    assert_eq!(code, 1);
    assert!(
        out.contains("broken.toml: plans.ZETA: must be at least 1"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn validate_checks_bounce_rule_files() {
    let shipped = [
        "crates/core/data/bounce/words-en.toml",
        "crates/core/data/bounce/mta.toml",
        "crates/core/data/bounce/lhost.toml",
        "crates/core/data/bounce/rhost.toml",
    ];
    let (code, out, _) = postvakt(
        &["validate", "profiles/altibox.toml"]
            .iter()
            .chain(&shipped)
            .copied()
            .collect::<Vec<_>>(),
        "",
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("rhost.toml: ok ("), "{out}");
    let dir = std::env::temp_dir().join(format!("postvakt-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let words = dir.join("words-xx.toml");
    std::fs::write(&words, "[userunknown]\nany = [\"User Unknown\"]\n").unwrap();
    let rhost = dir.join("rhost.toml");
    std::fs::write(
        &rhost,
        "[x]\nhosts = [\"mx.example\"]\n[x.reasons]\nnotareason = [\"a\"]\n",
    )
    .unwrap();
    let (code, out, _) = postvakt(
        &["validate", words.to_str().unwrap(), rhost.to_str().unwrap()],
        "",
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("words-xx.toml: [userunknown] \"User Unknown\""),
        "{out}"
    );
    assert!(
        out.contains("rhost.toml: [x: notareason] is not a reason"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// The NDJSON lines of `postvakt bounce --json`, parsed.
fn json_lines(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn bounce_json_names_file_kind_and_every_field() {
    let (code, out, err) = postvakt(
        &[
            "bounce",
            "--json",
            "tests/vectors/bounce/postfix-dsn.eml",
            "tests/vectors/bounce/not-a-bounce.eml",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3, "{out}");
    let first = &lines[0];
    assert_eq!(first["file"], "tests/vectors/bounce/postfix-dsn.eml");
    assert_eq!(first["kind"], "delivery");
    assert_eq!(first["recipient"], "ola.nordmann@example.org");
    assert_eq!(first["reason"], "userunknown");
    assert_eq!(first["hard"], true);
    for field in [
        "status",
        "reply",
        "action",
        "diagnostic",
        "remote_mta",
        "smtp_command",
        "feedback_type",
        "message_id",
        "sender",
        "subject",
    ] {
        assert!(first.get(field).is_some(), "{field} missing: {first}");
    }
    assert_eq!(lines[2]["kind"], "not_a_bounce");
}

#[test]
fn bounce_reads_a_mail_outlook_saved() {
    let (code, out, err) = postvakt(
        &[
            "bounce",
            "--json",
            "tests/vectors/bounce-saved/outlook-ndr.msg",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1, "{out}");
    assert_eq!(lines[0]["recipient"], "per.hansen@example.org");
    assert_eq!(lines[0]["reason"], "userunknown");
    assert_eq!(lines[0]["subject"], "Julebord");

    // Larger than what is read whole (8 MiB), and from standard input: one
    // item still, not an mbox to split.
    let mut big = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/bounce-saved/outlook-ndr.msg"
    ))
    .unwrap();
    big.resize(9 * 1024 * 1024, 0);
    let dir = std::env::temp_dir().join(format!("postvakt-cli-msg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("large.msg");
    std::fs::write(&path, &big).unwrap();
    let (code, out, err) = postvakt(&["bounce", "--json", path.to_str().unwrap()], "");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 0, "{err}");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1, "{out}");
    assert_eq!(lines[0]["recipient"], "per.hansen@example.org");
}

#[test]
fn bounce_reads_stdin_mbox_and_directories() {
    let one = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/bounce/exim-body.eml"
    ))
    .unwrap();
    let mbox = format!(
        "From MAILER-DAEMON Fri Nov 20 11:00:00 2026\n{one}\nFrom MAILER-DAEMON Fri Nov 20 11:00:01 2026\n{one}"
    );
    let (code, out, _) = postvakt(&["bounce", "--json", "-"], &mbox);
    assert_eq!(code, 0);
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[0]["file"], "-#1");
    assert_eq!(lines[1]["file"], "-#2");
    assert_eq!(lines[1]["reason"], "hostunknown");

    // A directory is read recursively, every mail in it.
    let (code, out, _) = postvakt(&["bounce", "--json", "tests/vectors/bounce"], "");
    assert_eq!(code, 0);
    let files: std::collections::BTreeSet<String> = json_lines(&out)
        .iter()
        .map(|l| l["file"].as_str().unwrap().to_string())
        .collect();
    assert!(files.len() >= 8, "{files:?}");
}

#[test]
fn a_large_mbox_is_streamed_and_every_message_read() {
    // Larger than what is read whole (8 MiB): the first message carries a
    // 9 MB returned original, the parser reads its head, and the message
    // after it is still found.
    let one = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/bounce/exim-body.eml"
    ))
    .unwrap();
    let filler = "original body line that says nothing about the failure\n".repeat(160_000);
    let sep = "From MAILER-DAEMON Fri Nov 20 11:00:00 2026\n";
    let dir = std::env::temp_dir().join(format!("postvakt-cli-mbox-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bounces.mbox");
    std::fs::write(&path, format!("{sep}{one}\n{filler}{sep}{one}{sep}{one}")).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() > 8 * 1024 * 1024);
    let (code, out, err) = postvakt(&["bounce", "--json", path.to_str().unwrap()], "");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 0, "{err}");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3, "{out}");
    for (i, line) in lines.iter().enumerate() {
        let file = line["file"].as_str().unwrap();
        assert!(file.ends_with(&format!("bounces.mbox#{}", i + 1)), "{file}");
        assert_eq!(line["reason"], "hostunknown");
    }
}

#[test]
fn bounce_reports_unreadable_files_and_goes_on() {
    let (code, out, err) = postvakt(
        &[
            "bounce",
            "/nonexistent/postvakt-test.eml",
            "tests/vectors/bounce/exim-body.eml",
        ],
        "",
    );
    assert_eq!(code, 1, "an unreadable file makes the exit status 1");
    assert!(err.contains("/nonexistent/postvakt-test.eml"), "{err}");
    assert!(
        out.contains("hostunknown"),
        "the readable file is still read: {out}"
    );
    assert!(
        out.contains("RECIPIENT"),
        "the table has a header line: {out}"
    );
}

#[test]
fn an_empty_file_or_stdin_is_reported_not_passed_over() {
    let dir = std::env::temp_dir().join(format!("postvakt-cli-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("empty.eml");
    std::fs::write(&path, " \n").unwrap();
    let path = path.to_str().unwrap();
    let (code, out, _) = postvakt(&["bounce", "--json", path], "");
    let (stdin_code, stdin_out, _) = postvakt(&["bounce", "--json", "-"], "");
    let (_, table, _) = postvakt(&["bounce", "--lang", "nb", path], "");
    std::fs::remove_dir_all(&dir).unwrap();
    // It was read, so the exit status stays 0; the line says what it held.
    assert_eq!(code, 0);
    assert_eq!(
        json_lines(&out),
        [serde_json::json!({"file": path, "error": "empty", "message": "The file is empty."})]
    );
    assert_eq!(stdin_code, 0);
    assert_eq!(json_lines(&stdin_out)[0]["file"], "-");
    assert_eq!(json_lines(&stdin_out)[0]["error"], "empty");
    assert!(table.contains("Filen er tom."), "{table}");
}

#[test]
fn a_reports_text_pasted_into_stdin_is_read_as_the_page_reads_it() {
    // What a support engineer pastes: the text of a report, or only the
    // server's answer, with no header section.
    let text = "This is the mail system at host mx.example.net.\n\n\
                <kari@example.com>: User unknown in virtual mailbox table\n";
    let (code, out, _) = postvakt(&["bounce", "--json", "-"], text);
    assert_eq!(code, 0);
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1, "{out}");
    assert_eq!(lines[0]["recipient"], "kari@example.com");
    assert_eq!(lines[0]["reason"], "userunknown");
    let answer = "552 5.2.2 The email account that you tried to reach is over quota.\n";
    let (_, table, _) = postvakt(&["bounce", "-"], answer);
    assert!(
        table.contains("—") && table.contains("mailboxfull"),
        "{table}"
    );
    // Text that tells of no failure is no bounce; a directory's text
    // files are read as mail only.
    let (_, out, _) = postvakt(&["bounce", "--json", "-"], "Hei Kari!\n");
    assert_eq!(json_lines(&out)[0]["kind"], "not_a_bounce");
    let dir = std::env::temp_dir().join(format!("postvakt-cli-pasted-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("answer.txt"), answer).unwrap();
    let (_, out, _) = postvakt(&["bounce", "--json", dir.to_str().unwrap()], "");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(json_lines(&out)[0]["error"], "not_mail", "{out}");
}

#[test]
fn the_table_advises_waiting_on_a_delivery_still_retried() {
    // Postfix's "Delayed Mail (still being retried)": greylisted, so the
    // reason is `blocked`, but nothing is lost yet.
    let (code, out, _) = postvakt(
        &[
            "bounce",
            "--lang",
            "nb",
            "tests/vectors/bounce/postfix-delayed.eml",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(out.contains("blocked"), "{out}");
    assert!(out.contains("Du trenger ikke gjøre noe ennå"), "{out}");
    assert!(!out.contains("Kontakt kundeservice"), "{out}");
}

/// Runs `postvakt` with a deadline, so a read that blocks fails the test
/// instead of hanging it.
fn postvakt_within(args: &[&str], secs: u64) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_postvakt"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("postvakt {args:?} did not finish within {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The `file` of each NDJSON line, in order.
fn files_in_order(out: &str) -> Vec<String> {
    json_lines(out)
        .iter()
        .map(|l| l["file"].as_str().unwrap().to_string())
        .collect()
}

#[cfg(unix)]
#[test]
fn bounce_reads_arguments_in_order_and_directories_in_name_order() {
    use std::os::unix::fs::symlink;
    let one = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/bounce/exim-body.eml"
    ))
    .unwrap();
    let dir = std::env::temp_dir().join(format!("postvakt-cli-order-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.join("d");
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::create_dir_all(d.join(".hidden-dir")).unwrap();
    std::fs::create_dir_all(dir.join("linked")).unwrap();
    // A large file first, so the buffer reused for the next ones is
    // longer than they are.
    let mut big = one.clone();
    big.extend(std::iter::repeat_n(b'x', 100_000));
    big.push(b'\n');
    std::fs::write(dir.join("z.eml"), &big).unwrap();
    std::fs::write(dir.join("a.eml"), &one).unwrap();
    std::fs::write(d.join("b.eml"), &one).unwrap();
    std::fs::write(d.join(".hidden.eml"), &one).unwrap();
    std::fs::write(d.join(".hidden-dir/h.eml"), &one).unwrap();
    std::fs::write(d.join("sub/c.eml"), &one).unwrap();
    std::fs::write(d.join("empty.eml"), b"").unwrap();
    std::fs::write(dir.join("linked/l.eml"), &one).unwrap();
    symlink(dir.join("a.eml"), d.join("link.eml")).unwrap();
    symlink(dir.join("linked"), d.join("m-dirlink")).unwrap();
    // FIFOs, in the directory and named: the one in the directory is
    // skipped, the named one read as a stream, and nothing waits for a
    // writer (with none it is an empty source).
    for fifo in [d.join("fifo"), dir.join("named-fifo")] {
        let ok = Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(ok.success());
    }
    let p = |rel: &str| dir.join(rel).display().to_string();
    let (code, out, err) = postvakt_within(
        &[
            "bounce",
            "--json",
            &p("z.eml"),
            &p("d"),
            &p("named-fifo"),
            &p("a.eml"),
        ],
        20,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        files_in_order(&out),
        [
            p("z.eml"),
            p("d/b.eml"),
            p("d/empty.eml"),
            p("d/link.eml"),
            p("d/m-dirlink/l.eml"),
            p("d/sub/c.eml"),
            p("named-fifo"),
            p("a.eml"),
        ],
        "{out}"
    );
    // The same record from every copy: nothing of the larger file read
    // before is left in the buffer.
    let lines = json_lines(&out);
    // The empty file says so, and so does the FIFO no one writes to.
    assert_eq!(lines[2]["error"], "empty");
    assert_eq!(lines[6]["error"], "empty");
    let lines: Vec<_> = lines.iter().filter(|l| l.get("error").is_none()).collect();
    for l in &lines[1..] {
        assert_eq!(l["recipient"], lines[1]["recipient"]);
        assert_eq!(l["diagnostic"], lines[1]["diagnostic"]);
    }

    // A broken link is reported where it is met and makes the status 1;
    // the rest is still read.
    symlink(dir.join("gone.eml"), d.join("broken.eml")).unwrap();
    let (code, out, err) = postvakt_within(&["bounce", "--json", &p("d")], 20);
    assert_eq!(code, 1);
    assert!(err.contains("broken.eml"), "{err}");
    assert_eq!(files_in_order(&out).len(), 5, "{out}");
    std::fs::remove_dir_all(&dir).ok();
}

/// The shell's process substitution names a pipe: `postvakt bounce
/// <(zcat bounces.mbox.gz)` reads what the pipe carries, a single mail or
/// an mbox.
#[cfg(target_os = "linux")]
#[test]
fn bounce_reads_a_pipe_named_as_a_path() {
    let vectors = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors/bounce");
    let one = format!("{vectors}/exim-body.eml");
    let bin = env!("CARGO_BIN_EXE_postvakt");
    let script = format!(
        "'{bin}' bounce --json <(cat '{one}') <(printf 'From a Thu Jan  1 00:00:00 2026\\n'; \
         cat '{one}'; printf '\\nFrom b Thu Jan  1 00:00:00 2026\\n'; cat '{one}')"
    );
    let out = Command::new("bash")
        .args(["-c", &script])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&text);
    assert_eq!(lines.len(), 3, "{text}");
    for l in &lines {
        assert_eq!(l["recipient"], lines[0]["recipient"], "{text}");
        assert!(
            l["file"].as_str().unwrap().starts_with("/dev/fd/"),
            "{text}"
        );
    }

    // A socket is no source: said so, and the status is 1.
    let dir = std::env::temp_dir().join(format!("postvakt-cli-sock-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let sock = dir.join("s");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let (code, _, err) = postvakt_within(&["bounce", sock.to_str().unwrap(), &one], 20);
    assert_eq!(code, 1);
    assert!(err.contains("not a file"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(target_os = "linux")]
#[test]
fn bounce_reads_files_that_give_no_size() {
    // procfs gives its files the size 0; they are read to their end.
    let (code, out, err) = postvakt_within(&["bounce", "--json", "/proc/self/status"], 20);
    assert_eq!(code, 0, "{err}");
    assert_eq!(files_in_order(&out), ["/proc/self/status"], "{out}");
}
