//! Where one message of an mbox ends and the next begins: the separator
//! line `From sender date`, and nothing else that starts with "From ".
//!
//! The rule lives here, once, so that every reader of mboxes splits them
//! the same way: [`messages`] splits a buffer held whole, and a streaming
//! reader (the CLI's, which reads a chunk at a time to bound its memory)
//! asks [`next_separator`] about the bytes it holds so far.
//!
//! ```
//! use postvakt_core::mbox;
//!
//! let raw = b"From a@b Thu Jan  1 00:00:00 2026\nSubject: one\n\nFrom here on\n\
//!             From c@d Thu Jan  1 00:00:00 2026\nSubject: two\n\ny\n";
//! let m = mbox::messages(raw);
//! assert_eq!(m.len(), 2);
//! assert!(m[0].starts_with(b"Subject: one"));
//! assert!(m[1].starts_with(b"Subject: two"));
//! ```

use std::sync::OnceLock;

use memchr::memmem;

/// A line longer than this is judged a separator or not by its start
/// (separator lines are a few dozen bytes), so a reader need not hold a
/// whole overlong line to decide.
pub const MAX_LINE: usize = 64 * 1024;

/// True for an mbox separator line: `From sender date`, where the date
/// has a time (`Thu Apr 29 23:34:45 2015`). A body line that merely starts
/// with "From " has no such shape.
pub fn is_separator(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"From ") else {
        return false;
    };
    let words = rest
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .count();
    let has_time = rest.windows(5).any(|w| {
        w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && w[2] == b':'
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
    });
    words >= 3 && has_time
}

/// A message without the separator line it starts with, if it does.
pub fn without_separator(msg: &[u8]) -> &[u8] {
    match memchr::memchr(b'\n', msg) {
        Some(nl) if is_separator(&msg[..nl]) => &msg[nl + 1..],
        _ => msg,
    }
}

/// The line breaks that may start a separator line.
fn from_lines() -> &'static memmem::Finder<'static> {
    static FINDER: OnceLock<memmem::Finder<'static>> = OnceLock::new();
    FINDER.get_or_init(|| memmem::Finder::new(b"\nFrom "))
}

/// What the search for the next separator line found.
pub enum Next {
    /// A separator line starts here.
    At(usize),
    /// A line that may be one runs past the data: search again from here
    /// once more is read.
    More(usize),
    /// No separator line in the data.
    None,
}

/// The next separator line of `data` after `scan` (one that starts at
/// `scan` itself is the current message's own). `at_end`: nothing follows
/// `data`; otherwise a line longer than [`MAX_LINE`] is judged by its start.
/// The one rule both ways of splitting follow.
pub fn next_separator(data: &[u8], mut scan: usize, at_end: bool) -> Next {
    while let Some(p) = from_lines().find(&data[scan..]) {
        let line = scan + p + 1;
        let end = match memchr::memchr(b'\n', &data[line..]) {
            Some(n) => line + n,
            None if at_end => data.len(),
            None if data.len() - line >= MAX_LINE => line + MAX_LINE,
            None => return Next::More(line - 1),
        };
        if is_separator(&data[line..end]) {
            return Next::At(line);
        }
        scan = line;
    }
    Next::None
}

/// The messages of one file: split at mbox separator lines (also when a
/// file of several reports lacks the first separator); one message when
/// there are none. Separator lines are dropped; `>From ` quoting is left as
/// is (it only occurs in bodies, which do not change a bounce's meaning).
/// Messages that are only white space are left out.
pub fn messages(raw: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut start = 0;
    loop {
        let end = match next_separator(raw, start, true) {
            Next::At(line) => line,
            Next::More(_) | Next::None => raw.len(),
        };
        let body = without_separator(&raw[start..end]);
        if !body.trim_ascii().is_empty() {
            out.push(body);
        }
        if end == raw.len() {
            return out;
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_mbox() {
        let mbox = b"From a@b Thu Jan  1 00:00:00 2026\nSubject: one\n\nx\nFrom c@d Thu Jan  1 00:00:00 2026\nSubject: two\n\ny\n";
        let m = messages(mbox);
        assert_eq!(m.len(), 2);
        assert!(m[0].starts_with(b"Subject: one"));
        assert!(m[1].starts_with(b"Subject: two"));
        assert_eq!(messages(b"Subject: x\n\nFrom here on\n").len(), 1);
        // A file of two reports without the first separator.
        let two =
            b"Subject: one\n\nx\nFrom MAILER-DAEMON  Thu Apr 29 23:34:45 2015\nSubject: two\n\ny\n";
        assert_eq!(messages(two).len(), 2);
    }
}
