//! `postvakt bounce`: reads mail files, prints one line per bounced
//! recipient. Reading and printing only; the core parses and classifies.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use postvakt_core::Lang;
use postvakt_core::bounce::{self, Kind, Record, advice};
use serde::Serialize;

use crate::{mailfiles, mbox};

/// One NDJSON line for a mail without records, or one that is no mail.
#[derive(Serialize)]
struct FileLine<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<Kind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
}

/// Writes one value as a line of JSON.
fn json_line(out: &mut impl Write, v: &impl Serialize) -> Result<()> {
    serde_json::to_writer(&mut *out, v)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Writes a record's line: byte for byte what [`json_line`] writes for the
/// record flattened beside `file` and `kind` (the tests hold the two
/// together), without serde. This is the line `--json` prints for nearly
/// every mail, and serde_json escapes a string by looking at each byte on
/// its own; here a string that needs no escape is checked with no branch
/// per byte and copied at once.
fn record_line(out: &mut Vec<u8>, file: &str, kind: Kind, r: &Record) -> Result<()> {
    let strings = |out: &mut Vec<u8>, fields: &[(&str, &str)]| {
        for (key, value) in fields {
            out.extend_from_slice(key.as_bytes());
            json_str(out, value);
        }
    };
    strings(out, &[("{\"file\":", file)]);
    out.extend_from_slice(b",\"kind\":");
    serde_json::to_writer(&mut *out, &kind)?;
    strings(
        out,
        &[
            (",\"recipient\":", &r.recipient),
            (",\"status\":", &r.status),
            (",\"reply\":", &r.reply),
        ],
    );
    out.extend_from_slice(b",\"reason\":");
    serde_json::to_writer(&mut *out, &r.reason)?;
    out.extend_from_slice(if r.hard {
        b",\"hard\":true"
    } else {
        b",\"hard\":false"
    });
    strings(
        out,
        &[
            (",\"action\":", &r.action),
            (",\"diagnostic\":", &r.diagnostic),
            (",\"remote_mta\":", &r.remote_mta),
            (",\"smtp_command\":", &r.smtp_command),
            (",\"feedback_type\":", &r.feedback_type),
            (",\"message_id\":", &r.message_id),
            (",\"sender\":", &r.sender),
            (",\"subject\":", &r.subject),
        ],
    );
    out.extend_from_slice(b"}\n");
    Ok(())
}

/// True for the bytes a JSON string cannot hold as they are.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Writes `s` as a JSON string with serde_json's escapes: `\"`, `\\`, the
/// short forms of five control characters and `\u00xx` for the others.
fn json_str(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.push(b'"');
    // Nearly every string needs no escape. Without an early exit the test
    // runs many bytes at once.
    if !bytes.iter().fold(false, |any, &b| any | needs_escape(b)) {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !needs_escape(b) {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            _ => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]),
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Show a progress bar when at least this many files are read.
const PROGRESS_FROM: usize = 50;

/// Runs the subcommand. Exit status 1 only when something could not be read.
pub fn run(paths: &[PathBuf], json: bool, lang: Lang) -> Result<ExitCode> {
    let mut sources = mailfiles::Sources::new(paths);
    // One buffer for every file's content.
    let mut buf = Vec::new();
    let mut unreadable = 0;
    let tty = std::io::stderr().is_terminal();
    // Shown once the sources known so far (directories count as their
    // files when they are reached) are enough of them.
    let mut progress = false;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if !json {
        writeln!(
            out,
            "{:<28} {:<32} {:<15} {:<5} {:<8} {:<5} DIAGNOSTIC / NEXT STEP",
            "FILE", "RECIPIENT", "REASON", "HARD", "STATUS", "REPLY"
        )?;
    }
    while let Some(entry) = sources.next(&mut buf) {
        progress = progress || (tty && sources.total() >= PROGRESS_FROM);
        if progress && !matches!(entry, mailfiles::Entry::Unreadable { .. }) {
            draw_progress(sources.done() - 1, sources.total());
        }
        let failed = match entry {
            mailfiles::Entry::Read { name, raw } if bounce::is_outlook_item(raw) => {
                // A mail Outlook saved (.msg): one item, not text to split.
                print_one(&mut out, &name, raw, bounce::parse_saved, json, lang)?;
                None
            }
            mailfiles::Entry::Read { name, raw } => {
                let messages = mbox::messages(raw);
                if messages.is_empty() {
                    // Nothing but white space: the core says it is empty.
                    print_one(&mut out, &name, raw, bounce::parse_saved, json, lang)?;
                }
                let many = messages.len() > 1;
                for (i, msg) in messages.into_iter().enumerate() {
                    // An mbox's messages are named by their place in it.
                    let numbered;
                    let shown = if many {
                        numbered = format!("{name}#{}", i + 1);
                        &numbered
                    } else {
                        &name
                    };
                    print_one(&mut out, shown, msg, bounce::parse_saved, json, lang)?;
                }
                None
            }
            mailfiles::Entry::Stream {
                name,
                mut reader,
                size,
            } => {
                // A mail Outlook saved (.msg) is one item however large, not
                // an mbox to split: told by its first bytes.
                let mut head = Vec::with_capacity(8);
                match reader.by_ref().take(8).read_to_end(&mut head) {
                    Err(e) => Some((name, e)),
                    Ok(_) if bounce::is_outlook_item(&head) => {
                        let rest = (bounce::MAX_SAVED_ITEM - head.len()) as u64;
                        match reader.take(rest).read_to_end(&mut head) {
                            Ok(_) => {
                                print_one(&mut out, &name, &head, bounce::parse_saved, json, lang)?;
                                None
                            }
                            Err(e) => Some((name, e)),
                        }
                    }
                    Ok(_) => {
                        // A large mbox gets a bar of its own, by bytes read.
                        let size = size.filter(|_| tty);
                        let reader = std::io::Cursor::new(head).chain(reader);
                        let read: Reader = if name == mailfiles::STDIN {
                            bounce::parse_shown
                        } else {
                            bounce::parse_saved
                        };
                        print_stream(&mut out, &name, reader, size, read, json, lang)?
                            .map(|e| (name, e))
                    }
                }
            }
            mailfiles::Entry::Unreadable { name, error } => Some((name, error)),
        };
        if let Some((name, error)) = failed {
            unreadable += 1;
            if progress {
                eprint!("\r\x1b[K");
            }
            eprintln!("postvakt: {name}: {error}");
        }
    }
    if progress {
        draw_progress(sources.total(), sources.total());
        eprintln!();
    }
    out.flush()?;
    Ok(if unreadable > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Prints the messages of a stream as they are read, named as
/// [`mbox::messages`] would have them named: `NAME` when it holds one,
/// `NAME#1`, `NAME#2`, … when it holds more (so the first is held back
/// until the second is found). A read error ends the stream; what was read
/// before it is printed, and the error is returned. With `progress` (the
/// stream's size), a bar on stderr shows the megabytes read.
fn print_stream(
    out: &mut impl Write,
    name: &str,
    reader: impl Read,
    progress: Option<u64>,
    read: Reader,
    json: bool,
    lang: Lang,
) -> Result<Option<std::io::Error>> {
    const MIB: u64 = 1024 * 1024;
    let mut mbox = mbox::Mbox::new(reader);
    let bar = |consumed: u64| {
        if let Some(size) = progress {
            draw_bar(consumed / MIB, size / MIB, " MiB");
        }
    };
    let mut first: Option<Vec<u8>> = None;
    let mut n = 0;
    let error = loop {
        if n % 1024 == 1023 {
            bar(mbox.consumed());
        }
        let msg = match mbox.next_message() {
            Ok(Some(msg)) => msg,
            Ok(None) => break None,
            Err(e) => break Some(e),
        };
        n += 1;
        match n {
            1 => first = Some(msg.to_vec()),
            2 => {
                if let Some(f) = first.take() {
                    print_one(out, &format!("{name}#1"), &f, read, json, lang)?;
                }
                print_one(out, &format!("{name}#2"), msg, read, json, lang)?;
            }
            _ => print_one(out, &format!("{name}#{n}"), msg, read, json, lang)?,
        }
    };
    if let Some(f) = first {
        let shown = if error.is_some() {
            format!("{name}#1")
        } else {
            name.to_string()
        };
        print_one(out, &shown, &f, read, json, lang)?;
    } else if n == 0 && error.is_none() {
        // An empty stream is reported as an empty file is.
        print_one(out, name, b"", read, json, lang)?;
    }
    if progress.is_some() {
        bar(mbox.consumed());
        eprintln!();
    }
    Ok(error)
}

/// How a source's bytes are read: [`bounce::parse_saved`] for files, and
/// [`bounce::parse_shown`] for what is typed or pasted into stdin, which
/// may be a report's text copied out of a mail program, as the page reads
/// it. (A directory's text files are not read so: a log or a note that
/// quotes a server's reply is no report.)
type Reader = fn(&[u8]) -> Result<bounce::Bounce, bounce::BounceError>;

fn print_one(
    out: &mut impl Write,
    name: &str,
    raw: &[u8],
    read: Reader,
    json: bool,
    lang: Lang,
) -> Result<()> {
    match read(raw) {
        Err(e) => {
            if json {
                json_line(
                    out,
                    &FileLine {
                        file: name,
                        kind: None,
                        error: Some(e.code()),
                        message: Some(e.message(lang)),
                    },
                )?;
            } else {
                writeln!(out, "{:<28} {}", cut(name, 28, Keep::End), e.message(lang))?;
            }
        }
        Ok(b) if b.kind == Kind::NotABounce => {
            if json {
                json_line(
                    out,
                    &FileLine {
                        file: name,
                        kind: Some(Kind::NotABounce),
                        error: None,
                        message: None,
                    },
                )?;
            } else {
                writeln!(out, "{:<28} (not a bounce)", cut(name, 28, Keep::End))?;
            }
        }
        Ok(b) => {
            let mut line = Vec::with_capacity(if json { 1024 } else { 0 });
            for r in &b.records {
                if json {
                    line.clear();
                    record_line(&mut line, name, b.kind, r)?;
                    out.write_all(&line)?;
                } else {
                    let a = advice::for_record(r, lang);
                    writeln!(
                        out,
                        "{:<28} {:<32} {:<15} {:<5} {:<8} {:<5} {}",
                        cut(name, 28, Keep::End),
                        // A server's answer alone names no recipient.
                        cut(
                            if r.recipient.is_empty() {
                                "—"
                            } else {
                                &r.recipient
                            },
                            32,
                            Keep::Start
                        ),
                        r.reason.name(),
                        if r.hard { "yes" } else { "no" },
                        r.status,
                        r.reply,
                        table_diagnostic(&r.diagnostic, &r.reply)
                    )?;
                    writeln!(out, "{:<28} {:<32} → {}", "", "", a.next_step)?;
                }
            }
        }
    }
    Ok(())
}

/// The width of the table's diagnostic column.
const DIAGNOSTIC_WIDTH: usize = 100;

/// A diagnostic as the table shows it. One too long for its column that
/// opens with the reporting MTA's own words ("host mx.example [192.0.2.1]
/// SMTP error from remote mail server after RCPT TO:<…>: 550 5.7.26 …") is
/// shown from the server's reply code on, so that the column holds the
/// server's words; `--json` has it whole.
fn table_diagnostic(diagnostic: &str, reply: &str) -> String {
    if diagnostic.chars().count() > DIAGNOSTIC_WIDTH
        && let Some(at) = reply_at(diagnostic, reply).filter(|&at| at > 0)
    {
        return cut(
            &format!("…{}", &diagnostic[at..]),
            DIAGNOSTIC_WIDTH,
            Keep::Start,
        );
    }
    cut(diagnostic, DIAGNOSTIC_WIDTH, Keep::Start)
}

/// Where `reply` (a code such as `550`) starts a word of `text`, followed
/// by a space or the dash of a continued line.
fn reply_at(text: &str, reply: &str) -> Option<usize> {
    if reply.is_empty() {
        return None;
    }
    text.match_indices(reply).map(|(at, _)| at).find(|&at| {
        let starts_word = at == 0 || text.as_bytes()[at - 1] == b' ';
        let ends = matches!(text.as_bytes().get(at + reply.len()), Some(b' ' | b'-'));
        starts_word && ends
    })
}

/// Which end of a long text a table column keeps.
#[derive(Clone, Copy)]
enum Keep {
    /// A recipient or a diagnostic: "Mailbox full, try…".
    Start,
    /// A file name, where files of one directory differ and an mbox's `#N`
    /// stands: "…/postfix-76.eml", "…/bounces.mbox#12".
    End,
}

/// `s` in at most `max` characters, cut with "…" at the end it does not
/// keep.
fn cut(s: &str, max: usize, keep: Keep) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    match keep {
        Keep::Start => s.chars().take(max - 1).collect::<String>() + "…",
        Keep::End => std::iter::once('…')
            .chain(s.chars().skip(n - (max - 1)))
            .collect(),
    }
}

fn draw_progress(done: usize, total: usize) {
    draw_bar(done as u64, total as u64, "");
}

fn draw_bar(done: u64, total: u64, unit: &str) {
    const WIDTH: u64 = 30;
    let filled = (done * WIDTH)
        .checked_div(total)
        .unwrap_or(WIDTH)
        .min(WIDTH) as usize;
    eprint!(
        "\r[{}{}] {done}/{total}{unit}",
        "#".repeat(filled),
        " ".repeat(WIDTH as usize - filled)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use postvakt_core::bounce::Reason;
    use proptest::prelude::*;

    /// A record's line as serde writes it: the record flattened after the
    /// file and kind.
    #[derive(Serialize)]
    struct RecordLine<'a> {
        file: &'a str,
        kind: Kind,
        #[serde(flatten)]
        record: &'a Record,
    }

    #[test]
    fn long_file_names_keep_their_end() {
        assert_eq!(cut("a.eml", 28, Keep::End), "a.eml");
        let name = "/home/kari/Maildir/.Bounces/cur/bounces.mbox#12";
        let shown = cut(name, 28, Keep::End);
        assert_eq!(shown.chars().count(), 28);
        assert_eq!(shown, "…Bounces/cur/bounces.mbox#12");
        // Texts keep their start.
        assert_eq!(cut("Mailbox full, try later", 8, Keep::Start), "Mailbox…");
    }

    #[test]
    fn a_long_diagnostic_is_shown_from_the_servers_reply() {
        let exim = "host gmail-smtp-in.l.google.com [203.0.113.5] SMTP error from remote mail \
                    server after RCPT TO:<kari@gmail.com>: 550 5.7.26 This mail has been blocked \
                    because the sender is unauthenticated.";
        let shown = table_diagnostic(exim, "550");
        assert_eq!(
            shown,
            "…550 5.7.26 This mail has been blocked because the sender is unauthenticated."
        );
        // Short enough, without a reply, or opening with it: as it is.
        assert_eq!(
            table_diagnostic("host x said: 550 Go away", "550"),
            "host x said: 550 Go away"
        );
        assert!(table_diagnostic(exim, "").starts_with("host gmail-smtp-in"));
        let dsn = format!("550 5.1.1 {}", "x".repeat(120));
        assert!(table_diagnostic(&dsn, "550").starts_with("550 5.1.1 x"));
        // A code inside another word is no reply.
        assert_eq!(reply_at("id 12550 then 550 no", "550"), Some(14));
    }

    fn both(file: &str, kind: Kind, record: &Record) -> (String, String) {
        let mut serde = Vec::new();
        json_line(&mut serde, &RecordLine { file, kind, record }).unwrap();
        let mut direct = Vec::new();
        record_line(&mut direct, file, kind, record).unwrap();
        (
            String::from_utf8(serde).unwrap(),
            String::from_utf8(direct).unwrap(),
        )
    }

    #[test]
    fn record_lines_match_serde_on_the_vectors() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors/bounce");
        let mut records = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "eml") {
                continue;
            }
            let b = bounce::parse(&std::fs::read(&path).unwrap()).unwrap();
            for r in &b.records {
                let (serde, direct) = both(&path.display().to_string(), b.kind, r);
                assert_eq!(direct, serde);
                records += 1;
            }
        }
        assert!(records > 20, "{records} records");
    }

    proptest! {
        #[test]
        fn strings_escape_as_serde_json_does(s in "(\\PC|[\\x00-\\x1f\"\\\\\\x7f])*") {
            let mut direct = Vec::new();
            json_str(&mut direct, &s);
            prop_assert_eq!(String::from_utf8(direct).unwrap(), serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn record_lines_match_serde(
            texts in prop::collection::vec("(\\PC|[\\x00-\\x1f\"\\\\])*", 12),
            hard in any::<bool>(),
            kind in prop::sample::select(vec![Kind::Delivery, Kind::Feedback, Kind::AutoReply]),
            reason in prop::sample::select(vec![Reason::UserUnknown, Reason::MailboxFull, Reason::Feedback]),
        ) {
            let t = |i: usize| texts[i].clone();
            let record = Record {
                recipient: t(1),
                status: t(2),
                reply: t(3),
                reason,
                hard,
                action: t(4),
                diagnostic: t(5),
                remote_mta: t(6),
                smtp_command: t(7),
                feedback_type: t(8),
                message_id: t(9),
                sender: t(10),
                subject: t(11),
            };
            let (serde, direct) = both(&texts[0], kind, &record);
            prop_assert_eq!(direct, serde);
        }
    }
}
