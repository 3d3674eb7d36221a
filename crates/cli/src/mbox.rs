//! Splitting a file into the messages it holds: an mbox is split at its
//! `From sender date` separator lines; any other file is one message.
//!
//! Two ways, one rule, the core's [`postvakt_core::mbox`]. A file whose
//! size is known and small is read whole and split with [`messages`],
//! borrowing from the buffer. A large mbox (a provider's bounce folder can
//! hold gigabytes) or a stream of unknown size is read a chunk at a time by
//! [`Mbox`], which gives the same messages but holds at most one message's
//! head and one chunk: memory stays bounded, and the chunk stays in the
//! processor's cache instead of a buffer the size of the file being zeroed
//! and filled.

use std::io::{self, Read};

pub use postvakt_core::mbox::messages;
use postvakt_core::mbox::{MAX_LINE, Next, next_separator, without_separator};

/// How much is read at a time.
const CHUNK: usize = 1024 * 1024;
/// The most bytes of one message kept: what the parser reads of a message,
/// and room for the separator line before it.
const MESSAGE_HEAD: usize = postvakt_core::bounce::MAX_INPUT + MAX_LINE;

/// The messages of an mbox read from a stream, one at a time, as
/// [`messages`] finds them in the whole. A message longer than
/// [`MESSAGE_HEAD`] is given cut to that length; the parser would read no
/// more of it.
pub struct Mbox<R> {
    reader: R,
    /// Bytes read and not yet given up; `buf[..len]` holds data, the rest
    /// is capacity already initialised, reused so no read zeroes memory.
    buf: Vec<u8>,
    len: usize,
    /// Where the message being collected starts in `buf`.
    start: usize,
    /// Where the search for the next "\nFrom " goes on.
    scan: usize,
    /// The message being collected was cut: bytes after its head were let
    /// go; `cut_text` tells whether any of them was more than white space.
    cut: bool,
    cut_text: bool,
    eof: bool,
    /// Bytes read from `reader` so far.
    consumed: u64,
    chunk: usize,
    head: usize,
}

impl<R: Read> Mbox<R> {
    pub fn new(reader: R) -> Self {
        Mbox::with_sizes(reader, CHUNK, MESSAGE_HEAD)
    }

    /// With a given read size and longest message kept (small ones test
    /// the seams).
    fn with_sizes(reader: R, chunk: usize, head: usize) -> Self {
        Mbox {
            reader,
            buf: Vec::new(),
            len: 0,
            start: 0,
            scan: 0,
            cut: false,
            cut_text: false,
            eof: false,
            consumed: 0,
            chunk: chunk.max(1),
            head: head.max(MAX_LINE),
        }
    }

    /// Bytes read from the stream so far.
    pub fn consumed(&self) -> u64 {
        self.consumed
    }

    /// The next message that is more than white space, without its
    /// separator line; `None` at the end of the stream.
    pub fn next_message(&mut self) -> io::Result<Option<&[u8]>> {
        let (s, e) = loop {
            let Some((s, e, cut_text)) = self.next_range()? else {
                return Ok(None);
            };
            let msg = without_separator(&self.buf[s..e]);
            if cut_text || !msg.trim_ascii().is_empty() {
                let s = e - msg.len();
                break (s, e);
            }
        };
        Ok(Some(&self.buf[s..e]))
    }

    /// The bytes of the next message as found (separator line included),
    /// and whether bytes let go after its head held text.
    fn next_range(&mut self) -> io::Result<Option<(usize, usize, bool)>> {
        loop {
            match next_separator(&self.buf[..self.len], self.scan, self.eof) {
                Next::At(line) => return Ok(Some(self.take(line))),
                Next::More(from) => self.scan = from,
                Next::None if self.eof => {
                    if self.start == self.len && !self.cut {
                        return Ok(None);
                    }
                    return Ok(Some(self.take(self.len)));
                }
                // "\nFrom " may straddle what was read and what comes next.
                Next::None => self.scan = self.len.saturating_sub(5).max(self.start),
            }
            self.refill()?;
        }
    }

    /// Ends the message being collected at `end`: its range, cut to its
    /// head when it was cut, and whether what was let go held text.
    fn take(&mut self, end: usize) -> (usize, usize, bool) {
        let s = self.start;
        let mut cut_text = self.cut_text;
        let e = if self.cut {
            // The bytes after the head that were still held count too.
            let e = end.min(s + self.head);
            cut_text |= !self.buf[e..end].trim_ascii().is_empty();
            e
        } else {
            end
        };
        self.start = end;
        self.scan = end;
        self.cut = false;
        self.cut_text = false;
        (s, e, cut_text)
    }

    /// Makes room and reads the next chunk; sets `eof` at the end.
    fn refill(&mut self) -> io::Result<()> {
        // What was given up goes: the message being collected moves to the
        // front.
        if self.start > 0 {
            self.buf.copy_within(self.start..self.len, 0);
            self.len -= self.start;
            self.scan -= self.start;
            self.start = 0;
        }
        // A message longer than its head keeps the head and the bytes from
        // the search position on; what lies between is let go.
        if self.scan > self.head {
            let gone = &self.buf[self.head..self.scan];
            self.cut_text |= !gone.trim_ascii().is_empty();
            self.cut = true;
            self.buf.copy_within(self.scan..self.len, self.head);
            self.len -= self.scan - self.head;
            self.scan = self.head;
        }
        if self.buf.len() < self.len + self.chunk {
            self.buf.resize(self.len + self.chunk, 0);
        }
        loop {
            match self
                .reader
                .read(&mut self.buf[self.len..self.len + self.chunk])
            {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.len += n;
                    self.consumed += n as u64;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEP: &str = "From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n";

    fn streamed(raw: &[u8], chunk: usize, head: usize) -> Vec<Vec<u8>> {
        let mut mbox = Mbox::with_sizes(raw, chunk, head);
        let mut out = Vec::new();
        while let Some(m) = mbox.next_message().unwrap() {
            out.push(m.to_vec());
        }
        out
    }

    /// Mboxes with the awkward parts: no first separator, "From " lines
    /// that are not separators, empty messages, no final newline, CRLF.
    fn samples() -> Vec<String> {
        let one = "Subject: one\n\nFrom here on it failed.\n>From quoted\n";
        let two = "Subject: two\r\n\r\nbody\r\n";
        vec![
            String::new(),
            "\n\n".into(),
            one.into(),
            format!("{SEP}{one}"),
            format!("{SEP}{one}{SEP}{two}"),
            format!("{one}{SEP}{two}{SEP}"),
            format!("{SEP}\n\n{SEP}{one}{SEP}  \n{SEP}{two}"),
            format!("{one}From x\n{SEP}{two}From a b 00:00"),
            format!("{SEP}{one}{}", SEP.trim_end()),
            format!("{SEP}{two}{SEP}{two}{SEP}{one}").repeat(7),
        ]
    }

    #[test]
    fn streaming_gives_the_messages_of_the_whole() {
        for s in samples() {
            let whole: Vec<Vec<u8>> = messages(s.as_bytes()).iter().map(|m| m.to_vec()).collect();
            for chunk in (1..=17).chain([64, 4096]) {
                assert_eq!(
                    streamed(s.as_bytes(), chunk, MESSAGE_HEAD),
                    whole,
                    "chunk {chunk}: {s:?}"
                );
            }
        }
    }

    /// Mboxes pieced together at random from the fragments that matter
    /// (separators, near-separators, "From " body lines, blank lines, CRLF,
    /// a separator without its line break at the end).
    #[test]
    fn streaming_agrees_with_the_whole_on_random_mboxes() {
        const PIECES: &[&str] = &[
            SEP,
            "From MAILER-DAEMON Thu Jan  1 00:00:00 2026",
            "From a b 00:00\n",
            "From here on\n",
            "From \n",
            "\nFrom x y 12:34 z\n",
            "Subject: s\n\nbody\n",
            "Subject: c\r\n\r\nbody\r\n",
            "\n",
            "  \n",
            ">From quoted\n",
            "x",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..400 {
            let n = next() % 12;
            let raw: String = (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let whole: Vec<Vec<u8>> = messages(raw.as_bytes())
                .iter()
                .map(|m| m.to_vec())
                .collect();
            let chunk = 1 + (next() % 9) as usize;
            assert_eq!(
                streamed(raw.as_bytes(), chunk, MESSAGE_HEAD),
                whole,
                "chunk {chunk}: {raw:?}"
            );
        }
    }

    #[test]
    fn a_long_message_is_cut_to_its_head_and_the_next_is_found() {
        let long = format!("{SEP}Subject: long\n\n{}\n", "x".repeat(300_000));
        let raw = format!("{long}{SEP}Subject: next\n\ny\n");
        let m = streamed(raw.as_bytes(), 4096, MAX_LINE);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].len(), MAX_LINE - SEP.len());
        assert!(m[0].starts_with(b"Subject: long\n\nxxx"));
        assert_eq!(m[1], b"Subject: next\n\ny\n");
        // Text only after a long run of white space still makes a message.
        let blank = format!(
            "{SEP}{}text\n{SEP}Subject: next\n\ny\n",
            " ".repeat(200_000)
        );
        assert_eq!(streamed(blank.as_bytes(), 4096, MAX_LINE).len(), 2);
    }

    #[test]
    fn a_read_error_ends_the_stream_with_the_error() {
        struct Failing(usize);
        impl Read for Failing {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let src = format!("{SEP}Subject: a\n\nx\n{SEP}Subject: b\n\ny\n");
                if self.0 >= src.len() {
                    return Err(io::Error::other("disk gone"));
                }
                let n = buf.len().min(src.len() - self.0);
                buf[..n].copy_from_slice(&src.as_bytes()[self.0..self.0 + n]);
                self.0 += n;
                Ok(n)
            }
        }
        let mut mbox = Mbox::with_sizes(Failing(0), 8, MAX_LINE);
        assert_eq!(mbox.next_message().unwrap().unwrap(), b"Subject: a\n\nx\n");
        assert!(mbox.next_message().is_err());
    }
}
