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

/// One NDJSON line: a recipient's record with the file it came from.
#[derive(Serialize)]
struct RecordLine<'a> {
    file: &'a str,
    kind: Kind,
    #[serde(flatten)]
    record: &'a Record,
}

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
            mailfiles::Entry::Read { name, raw } => {
                let messages = mbox::messages(raw);
                if messages.is_empty() {
                    // Nothing but white space: the core says it is empty.
                    print_one(&mut out, &name, raw, json, lang)?;
                }
                let many = messages.len() > 1;
                for (i, msg) in messages.into_iter().enumerate() {
                    if many {
                        print_one(&mut out, &format!("{name}#{}", i + 1), msg, json, lang)?;
                    } else {
                        print_one(&mut out, &name, msg, json, lang)?;
                    }
                }
                None
            }
            mailfiles::Entry::Stream { name, reader, size } => {
                // A large mbox gets a bar of its own, by bytes read.
                let size = size.filter(|_| tty);
                print_stream(&mut out, &name, reader, size, json, lang)?.map(|e| (name, e))
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
                    print_one(out, &format!("{name}#1"), &f, json, lang)?;
                }
                print_one(out, &format!("{name}#2"), msg, json, lang)?;
            }
            _ => print_one(out, &format!("{name}#{n}"), msg, json, lang)?,
        }
    };
    if let Some(f) = first {
        let shown = if error.is_some() {
            format!("{name}#1")
        } else {
            name.to_string()
        };
        print_one(out, &shown, &f, json, lang)?;
    } else if n == 0 && error.is_none() {
        // An empty stream is reported as an empty file is.
        print_one(out, name, b"", json, lang)?;
    }
    if progress.is_some() {
        bar(mbox.consumed());
        eprintln!();
    }
    Ok(error)
}

fn print_one(out: &mut impl Write, name: &str, raw: &[u8], json: bool, lang: Lang) -> Result<()> {
    match bounce::parse(raw) {
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
                writeln!(out, "{:<28} {}", short(name, 28), e.message(lang))?;
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
                writeln!(out, "{:<28} (not a bounce)", short(name, 28))?;
            }
        }
        Ok(b) => {
            for r in &b.records {
                if json {
                    json_line(
                        out,
                        &RecordLine {
                            file: name,
                            kind: b.kind,
                            record: r,
                        },
                    )?;
                } else {
                    let a = advice::for_record(r, lang);
                    writeln!(
                        out,
                        "{:<28} {:<32} {:<15} {:<5} {:<8} {:<5} {}",
                        short(name, 28),
                        short(&r.recipient, 32),
                        r.reason.name(),
                        if r.hard { "yes" } else { "no" },
                        r.status,
                        r.reply,
                        short(&r.diagnostic, 100)
                    )?;
                    writeln!(out, "{:<28} {:<32} → {}", "", "", a.next_step)?;
                }
            }
        }
    }
    Ok(())
}

/// The end of a long name, the start of a long text.
fn short(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    s.chars().take(max - 1).collect::<String>() + "…"
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
