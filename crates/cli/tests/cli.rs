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
