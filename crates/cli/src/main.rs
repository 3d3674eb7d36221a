//! `postvakt`: the rules from the command line. Parses arguments, calls the
//! core, prints; no rule lives here.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use postvakt_core::bounce::reason::RuleFile;
use postvakt_core::{Lang, Profile, password, quarantine};

mod bounce;
mod mailfiles;
mod mbox;

/// The parser allocates many small strings per mail; mimalloc serves them
/// several times faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "postvakt",
    version,
    about = "An e-mail provider's rules, written once."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a password read from stdin against a profile's policy.
    Password {
        /// A preset name (altibox, cliche) or a path to a profile TOML.
        #[arg(long, default_value = "altibox")]
        profile: String,
        /// Language of the messages (en, nb, sv, da).
        #[arg(long, default_value = "en")]
        lang: String,
        /// Print JSON instead of lines.
        #[arg(long)]
        json: bool,
    },
    /// Issue a quarantine-report login token, or verify one.
    QuarantineLink {
        /// A preset name (altibox, cliche) or a path to a profile TOML.
        #[arg(long, default_value = "altibox")]
        profile: String,
        /// File holding the secret key: at least 32 random bytes.
        #[arg(long)]
        key_file: PathBuf,
        /// The account to issue a token for.
        #[arg(long, required_unless_present = "verify", conflicts_with = "verify")]
        account: Option<String>,
        /// A token to verify instead.
        #[arg(long)]
        verify: Option<String>,
        /// Unix seconds to use instead of the clock.
        #[arg(long)]
        now: Option<u64>,
        /// Language of the messages (en, nb, sv, da).
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Parse bounces: one line (or JSON object) per bounced recipient.
    ///
    /// PATH is an .eml file (or a .msg Outlook saved), a Maildir or any
    /// directory (read recursively), an mbox file, a pipe such as the
    /// shell's `<(zcat bounces.mbox.gz)`, or `-` for stdin, which may also
    /// be a report's text pasted from a mail program, or only the server's
    /// answer ("552 5.2.2 … over quota", "Relay access denied").
    /// Exit status 1 only when something could not be read.
    Bounce {
        /// Print NDJSON, one object per recipient (with `file`).
        #[arg(long)]
        json: bool,
        /// Language of the advice in the table (en, nb, sv, da).
        #[arg(long, default_value = "en")]
        lang: String,
        /// Files, directories, mboxes, or `-`.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Validate profile files and bounce rule files (words-*.toml,
    /// mta.toml, lhost.toml, rhost.toml); prints each error with its key.
    Validate {
        /// Profile or rule TOML files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// A preset by name, or a profile file by path.
fn load_profile(spec: &str) -> Result<Profile> {
    if spec.ends_with(".toml") || spec.contains('/') {
        let text = std::fs::read_to_string(spec).with_context(|| format!("reading {spec}"))?;
        Ok(Profile::from_toml(&text, spec)?)
    } else {
        Ok(Profile::preset(spec)?)
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("postvakt: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Password {
            profile,
            lang,
            json,
        } => {
            let profile = load_profile(&profile)?;
            let mut input = String::new();
            std::io::stdin()
                .take(64 * 1024)
                .read_to_string(&mut input)
                .context("reading stdin")?;
            let pw = input.strip_suffix('\n').unwrap_or(&input);
            let pw = pw.strip_suffix('\r').unwrap_or(pw);
            let findings = password::findings(&profile.password, pw, Lang::from_tag(&lang));
            if json {
                println!("{}", serde_json::to_string(&findings)?);
            } else if findings.is_empty() {
                println!("ok: the password meets the {} policy", profile.display_name);
            } else {
                for f in &findings {
                    println!("{}: {}", f.code, f.message);
                }
            }
            Ok(if findings.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::QuarantineLink {
            profile,
            key_file,
            account,
            verify,
            now,
            lang,
        } => {
            let profile = load_profile(&profile)?;
            let mut key = Vec::new();
            std::fs::File::open(&key_file)
                .and_then(|f| f.take(4096).read_to_end(&mut key))
                .with_context(|| format!("reading {}", key_file.display()))?;
            let now = match now {
                Some(n) => n,
                None => std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)?
                    .as_secs(),
            };
            if let Some(token) = verify {
                return Ok(match quarantine::verify(&profile, &key, &token, now) {
                    Ok(c) => {
                        println!(
                            "ok: {} (issued {}, expires {})",
                            c.account, c.issued, c.expires
                        );
                        ExitCode::SUCCESS
                    }
                    Err(e) => {
                        println!("{}: {} ({e})", e.code(), e.message(Lang::from_tag(&lang)));
                        ExitCode::from(1)
                    }
                });
            }
            let account = account.unwrap_or_default();
            println!("{}", quarantine::issue(&profile, &key, &account, now)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Bounce { json, lang, paths } => bounce::run(&paths, json, Lang::from_tag(&lang)),
        Command::Validate { files } => {
            let mut failed = false;
            for file in files {
                let name = file.display().to_string();
                let rules = file
                    .file_name()
                    .and_then(|n| RuleFile::of_name(&n.to_string_lossy()));
                match (std::fs::read_to_string(&file), rules) {
                    (Ok(text), Some(kind)) => match kind.check(&name, &text) {
                        Ok(n) => println!("{name}: ok ({n} entries)"),
                        Err(e) => {
                            failed = true;
                            println!("{e}");
                        }
                    },
                    (Ok(text), None) => match Profile::from_toml(&text, &name) {
                        Ok(p) => println!("{name}: ok ({})", p.name),
                        Err(e) => {
                            failed = true;
                            println!("{e}");
                        }
                    },
                    (Err(e), _) => {
                        failed = true;
                        println!("{name}: {e}");
                    }
                }
            }
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}
