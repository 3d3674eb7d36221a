//! The SMTP session a report quotes: which command a failure answered
//! ("after RCPT TO", "in reply to end of DATA"), the remote host that
//! answered, and Sendmail's transcript, where a reply stands above the
//! line that names the recipient it failed.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::{lines, lower_matcher, one_line};

/// How many lines above a recipient's line a server's reply is looked for.
const EXCHANGE_LINES: usize = 4;

/// The server's words behind a Sendmail transcript line that names a
/// recipient only with Sendmail's own summary ("554 <a@x>... Remote
/// protocol error", "<a@x>... Deferred: 421"): the exchange just above it,
/// the command sent (`>>> MAIL From:<…>`, `>>> DATA`) and the reply
/// (`<<< 550 Insecure Mail Relay`).
///
/// A refusal of the sender or of the message names no recipient, so its
/// reply stands above the line of the recipient it failed. The reply is
/// looked for up to [`EXCHANGE_LINES`] lines above, stopping at a blank
/// line or at a line that names a recipient (`names_recipient`, by line
/// number), whose exchange it would be. A reply right below such a line
/// (`>>> RCPT To:<a@x>`) is already in that recipient's lines.
pub(super) fn server_exchange_before<'l, 'a>(
    lines: &'l [&'a str],
    i: usize,
    names_recipient: impl Fn(usize) -> bool,
) -> Option<&'l [&'a str]> {
    let line = lines[i];
    if !(starts_final_reply(line) || line.starts_with('<')) || !line.contains(">... ") {
        return None;
    }
    let reply = (i.saturating_sub(EXCHANGE_LINES)..i)
        .rev()
        .take_while(|&j| !lines[j].trim().is_empty() && !names_recipient(j))
        .find(|&j| lines[j].starts_with("<<< "))?;
    let start = match reply.checked_sub(1) {
        // `>>> RCPT To:<a@x>`: the exchange is about a, in a's lines.
        Some(j) if names_recipient(j) => return None,
        Some(j) if lines[j].starts_with(">>> ") => j,
        _ => reply,
    };
    Some(&lines[start..=reply])
}

/// Sendmail's transcript of the sessions in a report ("... while talking
/// to mx.example.org.:", then `>>> ` before each line sent and `<<< `
/// before each line received): for each reply received, the command it
/// answered. Read once per report; [`Transcript::command`] looks a
/// record's reply up in it.
#[derive(Debug, Default)]
pub(in crate::bounce) struct Transcript {
    /// Each reply, its white space made single spaces, with the command
    /// it answered (`None`: it cannot tell); the first of equal replies
    /// counts.
    replies: HashMap<String, Option<&'static str>>,
}

impl Transcript {
    /// Reads the transcript in `report` (none when it holds no `<<< `).
    ///
    /// A reply answered the command on the `>>> ` line right above it, or
    /// CONN when it came first, before anything was sent (the server
    /// refused the connection). A reply that names an address in
    /// Sendmail's way ("<<< 550 <a@x>... User unknown") tells nothing: it
    /// may answer that address's RCPT TO, sent ahead of DATA when the
    /// server allows pipelining, though it stands under `>>> DATA`; so may
    /// any reply under DATA in a session where the server then asks for a
    /// recipient ("<<< 503 5.5.2 Need rcpt command").
    pub fn read(report: &str) -> Transcript {
        let mut read = Transcript::default();
        if !report.contains("<<< ") {
            return read;
        }
        // This session's replies under DATA, until a 503 or the next one.
        let mut under_data: Vec<String> = Vec::new();
        let mut before: Option<&str> = None;
        for line in lines(report).map(str::trim).filter(|l| !l.is_empty()) {
            if starts_session(line) {
                under_data.clear();
            }
            if let Some(received) = line.strip_prefix("<<< ") {
                if received.starts_with("503") {
                    for reply in under_data.drain(..) {
                        read.replies.insert(reply, None);
                    }
                }
                let command = match before {
                    _ if received.contains(">... ") => None,
                    Some(b) if starts_session(b) => Some("CONN"),
                    Some(b) => b.strip_prefix(">>> ").and_then(command_sent),
                    None => None,
                };
                if let Entry::Vacant(slot) = read.replies.entry(single_spaced(received)) {
                    if command == Some("DATA") {
                        under_data.push(slot.key().clone());
                    }
                    slot.insert(command);
                }
            }
            before = Some(line);
        }
        read
    }

    /// The command the reply a record carries (a delivery-status part's
    /// Diagnostic-Code) answered, when the transcript holds that reply
    /// and tells.
    pub fn command(&self, reply: &str) -> Option<&'static str> {
        if self.replies.is_empty() {
            return None;
        }
        self.replies.get(&single_spaced(reply)).copied().flatten()
    }
}

/// `text`'s words joined by single spaces: [`one_line`] bounded by the
/// text's own length, which single spacing never passes, so nothing is cut.
fn single_spaced(text: &str) -> String {
    one_line(text, text.len())
}

/// The command a line sent in a transcript starts with ("DATA", "MAIL
/// From:<…>", "RCPT To:<…>").
fn command_sent(sent: &str) -> Option<&'static str> {
    let word = sent.split([' ', ':']).next().unwrap_or("");
    ["EHLO", "HELO", "MAIL", "RCPT", "DATA", "STARTTLS", "AUTH"]
        .into_iter()
        .find(|c| c.eq_ignore_ascii_case(word))
}

/// True for the line with which Sendmail's transcript starts a session
/// with the next host: "While talking to mx.example.org:" (also "...
/// while talking to mx.example.org.:").
pub(super) fn starts_session(line: &str) -> bool {
    let t = line.trim_start().trim_start_matches('.').trim_start();
    t.len() > 17 && t.as_bytes()[..17].eq_ignore_ascii_case(b"while talking to ")
}

/// True for a line that starts with a final SMTP reply: "550 …".
pub(super) fn starts_final_reply(line: &str) -> bool {
    let b = line.trim_start().as_bytes();
    b.len() > 4
        && matches!(b[0], b'4' | b'5')
        && b[1].is_ascii_digit()
        && b[2].is_ascii_digit()
        && b[3] == b' '
}

/// Phrases that name the SMTP command a failure answered.
const COMMANDS: &[(&str, &str)] = &[
    ("after rcpt to", "RCPT"),
    ("in reply to rcpt to", "RCPT"),
    ("rcpt to:<", "RCPT"),
    ("[rcpt_to]", "RCPT"),
    ("after rcpt command", "RCPT"),
    ("smtp:rcpt", "RCPT"),
    ("does not like recipient", "RCPT"),
    // DragonFly Mail Agent: "… did not like our RCPT TO: 550 …"
    ("did not like our rcpt to", "RCPT"),
    // qmail: "no SMTP connection got far enough; most progress was RCPT
    // TO response; remote host … said: 550 …"
    ("most progress was rcpt to response", "RCPT"),
    ("after mail from", "MAIL"),
    ("did not like our mail from", "MAIL"),
    ("in reply to mail from", "MAIL"),
    ("after mail command", "MAIL"),
    ("smtp:mail", "MAIL"),
    ("after end of data", "DATA"),
    ("in reply to end of data", "DATA"),
    ("in reply to data", "DATA"),
    ("after data", "DATA"),
    ("smtp:data", "DATA"),
    // "SMTP Server <mx.example.org> rejected recipient <a> (Error
    // following RCPT command)".
    ("following rcpt command", "RCPT"),
    ("following mail command", "MAIL"),
    ("following data command", "DATA"),
    // Gmail relaying for another provider: "(state N)" is the stage of
    // the session its peer refused at. (State 6, "Remote server does not
    // support TLS", comes before any command of the mail.)
    ("(state 8).", "AUTH"),
    ("(state 9).", "AUTH"),
    ("(state 12).", "AUTH"),
    ("(state 13).", "EHLO"),
    ("(state 14).", "RCPT"),
    ("(state 15).", "DATA"),
    ("(state 17).", "DATA"),
    ("(state 18).", "DATA"),
    ("after initial connection", "CONN"),
    ("in reply to ehlo", "EHLO"),
    ("after ehlo", "EHLO"),
    ("in reply to helo", "HELO"),
    ("after helo", "HELO"),
    ("after starttls", "STARTTLS"),
    ("after auth", "AUTH"),
];

/// Office 365 relaying a remote RCPT refusal: "… unknown recipient or
/// mailbox unavailable -> 550 … user@example.org".
const O365_RCPT: &str = "unknown recipient or mailbox unavailable ->";

/// The SMTP command a lower-case diagnostic says the failure answered: the
/// earliest phrase naming one.
pub(in crate::bounce) fn smtp_command(lower: &str) -> &'static str {
    static A: OnceLock<AhoCorasick> = OnceLock::new();
    let a = A.get_or_init(|| {
        let all: Vec<&str> = COMMANDS
            .iter()
            .map(|(p, _)| *p)
            .chain([O365_RCPT])
            .collect();
        lower_matcher(MatchKind::LeftmostFirst, &all)
    });
    let mut first = "";
    for m in a.find_iter(lower) {
        match COMMANDS.get(m.pattern().as_usize()) {
            Some((_, command)) if first.is_empty() => first = command,
            Some(_) => {}
            None if lower[m.start()..].contains('@') => return "RCPT",
            None => {}
        }
    }
    first
}

/// The remote host named in a diagnostic (`host mx.example.org[192.0.2.1]`),
/// given beside its lower-case copy.
pub(super) fn remote_mta(diag: &str, lower: &str) -> String {
    static KEYS: OnceLock<[memchr::memmem::Finder<'static>; 7]> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        [
            "host ",
            "generating server: ",
            "remote-mta: dns; ",
            "remote server ",
            // Postfix, when no reply came: "connect to mx.example.org[…]:25:
            // Connection timed out", "lost connection with …", "conversation
            // with … timed out".
            "connect to ",
            "lost connection with ",
            "conversation with ",
        ]
        .map(|k| memchr::memmem::Finder::new(k.as_bytes()))
    });
    for key in keys {
        for at in key.find_iter(lower.as_bytes()) {
            let start = at + key.needle().len();
            let word = diag[start..].split_whitespace().next().unwrap_or("");
            let host = word
                .split('[')
                .next()
                .unwrap_or("")
                .trim_matches(|c: char| !c.is_ascii_alphanumeric());
            // A name, or (Postfix's "name[address]" where the server has no
            // name) an IPv4 address.
            let name = host.bytes().any(|b| b.is_ascii_alphabetic());
            let address = word.contains('[') && host.parse::<std::net::Ipv4Addr>().is_ok();
            if host.contains('.') && !host.contains('@') && (name || address) {
                return host.to_string();
            }
        }
    }
    named_before_dislike(diag, lower).unwrap_or_default()
}

/// DragonFly's dma names the server before its complaint: "mx.example.org
/// [192.0.2.25] did not like our RCPT TO:". The name, or the address where
/// there is none.
fn named_before_dislike(diag: &str, lower: &str) -> Option<String> {
    static DISLIKE: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let dislike = DISLIKE.get_or_init(|| memchr::memmem::Finder::new(b" did not like our "));
    let at = dislike.find(lower.as_bytes())?;
    let mut words = diag[..at].split_whitespace().rev();
    let mut word = words.next()?;
    if let Some(address) = word.strip_prefix('[').and_then(|w| w.strip_suffix(']')) {
        match words.next() {
            Some(name) if name.contains('.') && !name.contains(['@', '<', '>']) => word = name,
            _ => word = address,
        }
    }
    let host = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    (host.contains('.') && !host.contains('@')).then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dma_names_the_server_before_its_complaint() {
        let mta = |d: &str| remote_mta(d, &d.to_ascii_lowercase());
        assert_eq!(
            mta("mx.example.org [192.0.2.25] did not like our RCPT TO: 550 5.1.1 unknown"),
            "mx.example.org"
        );
        assert_eq!(
            mta("error: [192.0.2.25] did not like our final DATA: 554 no"),
            "192.0.2.25"
        );
        assert_eq!(mta("<kari@example.org> did not like our RCPT TO: 550"), "");
    }

    #[test]
    fn a_sendmail_summary_line_takes_the_server_reply_above_it() {
        let lines = [
            "While talking to mx.example.org:",
            ">>> MAIL From:<ola@example.net>",
            "<<< 550 Insecure Mail Relay",
            "554 <ingrid@example.org>... Remote protocol error",
            ">>> RCPT To:<jon@example.com>",
            "<<< 550 User unknown",
            "550 <jon@example.com>... User unknown",
            "",
            "<<< 421",
            "<per@example.com>... Deferred: 421",
        ];
        // Lines 3, 4 and 6 name recipients.
        let names = |j: usize| [3, 4, 6].contains(&j);
        assert_eq!(server_exchange_before(&lines, 3, names), Some(&lines[1..3]));
        // The reply under `>>> RCPT To:<jon@…>` is already in jon's lines.
        assert_eq!(server_exchange_before(&lines, 6, names), None);
        // No command above the reply: the reply alone.
        assert_eq!(
            server_exchange_before(&lines, 9, |_| false),
            Some(&lines[8..9])
        );
        // A line that is no Sendmail summary takes nothing.
        assert_eq!(server_exchange_before(&lines, 2, |_| false), None);
        assert!(starts_session("While talking to mx.example.org:"));
        assert!(starts_session("... while talking to mx.example.org.:"));
        assert!(!starts_session("554 while talking to nobody"));
    }

    #[test]
    fn the_remote_host_is_read_from_a_reply_or_a_failed_connection() {
        let mta = |d: &str| remote_mta(d, &d.to_ascii_lowercase());
        assert_eq!(
            mta("host mx.example.org[192.0.2.1] said: 550 5.1.1"),
            "mx.example.org"
        );
        assert_eq!(
            mta("connect to mx.example.org[192.0.2.25]:25: Connection timed out"),
            "mx.example.org"
        );
        assert_eq!(
            mta(
                "lost connection with mx2.example.net[192.0.2.3] while performing the HELO handshake"
            ),
            "mx2.example.net"
        );
        assert_eq!(mta("unable to connect to smtp server"), "");
        assert_eq!(
            mta("connect to 192.0.2.7[192.0.2.7]:25: Connection refused"),
            "192.0.2.7"
        );
    }

    #[test]
    fn commands_named_by_dragonfly_and_qmail() {
        assert_eq!(
            smtp_command("mx.example.com [192.0.2.1] did not like our rcpt to: 550 5.1.1 unknown"),
            "RCPT"
        );
        assert_eq!(
            smtp_command("no smtp connection got far enough; most progress was rcpt to response"),
            "RCPT"
        );
    }

    #[test]
    fn a_reply_in_sendmails_transcript_answered_the_command_above_it() {
        let report = "   ----- Transcript of session follows -----\n\
                      ... while talking to mx.example.org.:\n\
                      >>> DATA\n\
                      <<< 554 5.7.9 Header error\n\
                      554 5.0.0 Service unavailable\n\
                      ... while talking to mx2.example.org.:\n\
                      <<< 554 mx2.example.org ESMTP not accepting connections\n\
                      ... while talking to mx3.example.org.:\n\
                      >>> MAIL From:<kari@example.net> SIZE=16600348\n\
                      <<< 552 5.2.3 Message size exceeds fixed maximum message size\n";
        for (reply, command) in [
            ("554 5.7.9 Header error", Some("DATA")),
            // Folded differently in the Diagnostic-Code field.
            ("554 5.7.9  Header\n error", Some("DATA")),
            // The greeting, before anything was sent.
            (
                "554 mx2.example.org ESMTP not accepting connections",
                Some("CONN"),
            ),
            (
                "552 5.2.3 Message size exceeds fixed maximum message size",
                Some("MAIL"),
            ),
            // Not in the transcript.
            ("550 5.1.1 User unknown", None),
        ] {
            assert_eq!(Transcript::read(report).command(reply), command, "{reply}");
        }
        // Pipelined: the replies under DATA answered the RCPT commands
        // sent ahead of it; a reply naming an address may be one too.
        let pipelined = "... while talking to mx.example.org.:\n\
                         >>> DATA\n\
                         <<< 550 5.7.606 Access denied, banned sending IP [192.0.2.1]\n\
                         550 5.1.1 <per@example.org>... User unknown\n\
                         <<< 503 5.5.2 Need rcpt command\n";
        assert_eq!(
            Transcript::read(pipelined)
                .command("550 5.7.606 Access denied, banned sending IP [192.0.2.1]"),
            None
        );
        let named = "... while talking to mx.example.org.:\n>>> DATA\n\
                     <<< 550 5.0.0 <per@example.org>... User unknown\n";
        assert_eq!(
            Transcript::read(named).command("550 5.0.0 <per@example.org>... User unknown"),
            None
        );
    }

    #[test]
    fn commands_named_by_a_stage_or_an_error_after_a_command() {
        for (lower, command) in [
            ("550 5.1.1 user unknown (usersearch) (state 14).", "RCPT"),
            ("554 5.7.0 header error (state 18).", "DATA"),
            (
                "554 5.7.1 client host [192.0.2.1] blocked (state 13).",
                "EHLO",
            ),
            (
                "535 smtp auth failed with the remote server. (state 8).",
                "AUTH",
            ),
            // Before any command of the mail: no command named.
            ("500 remote server does not support tls (state 6).", ""),
            (
                "smtp server <mx.example.org> rejected recipient <a@example.org> \
                 (error following rcpt command). it responded as follows: [550 5.1.1 user unknown]",
                "RCPT",
            ),
        ] {
            assert_eq!(smtp_command(lower), command, "{lower}");
        }
    }
}
