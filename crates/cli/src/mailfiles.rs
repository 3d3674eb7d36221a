//! Where mail comes from on disk: single .eml files, Maildirs and other
//! directories (walked recursively), mbox files (split on "From " lines),
//! and `-` for standard input. No rule lives here; the core decides.

use std::io::Read;
use std::path::{Path, PathBuf};

/// The most bytes read from one file or from stdin; the parser reads at most
/// `postvakt_core::bounce::MAX_INPUT` of each message anyway, but an mbox
/// may hold many.
const MAX_FILE: u64 = 512 * 1024 * 1024;

/// One source to read: a file, or stdin.
#[derive(Debug, Clone)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A regular file.
    File(PathBuf),
}

impl Source {
    /// The name shown in output.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".into(),
            Source::File(p) => p.display().to_string(),
        }
    }

    /// The whole content.
    pub fn read(&self) -> std::io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        match self {
            Source::Stdin => std::io::stdin()
                .lock()
                .take(MAX_FILE)
                .read_to_end(&mut buf)?,
            Source::File(p) => {
                // Size the buffer from the file so the content arrives in
                // one read rather than a doubling series of them.
                let file = std::fs::File::open(p)?;
                let len = file.metadata().map_or(0, |m| m.len().min(MAX_FILE));
                buf.reserve_exact(usize::try_from(len).unwrap_or(0) + 1);
                file.take(MAX_FILE).read_to_end(&mut buf)?
            }
        };
        Ok(buf)
    }
}

/// Every source under the given paths, directories walked recursively in
/// name order (hidden entries skipped). Paths that cannot be listed are
/// returned as errors beside the sources.
pub fn collect(paths: &[PathBuf]) -> (Vec<Source>, Vec<(String, std::io::Error)>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            sources.push(Source::Stdin);
        } else {
            walk(p, &mut sources, &mut errors, 0);
        }
    }
    (sources, errors)
}

fn walk(
    path: &Path,
    out: &mut Vec<Source>,
    errors: &mut Vec<(String, std::io::Error)>,
    depth: usize,
) {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            errors.push((path.display().to_string(), e));
            return;
        }
    };
    if meta.is_file() {
        out.push(Source::File(path.to_path_buf()));
        return;
    }
    if !meta.is_dir() || depth > 64 {
        return;
    }
    let entries = match std::fs::read_dir(path) {
        Ok(rd) => rd,
        Err(e) => {
            errors.push((path.display().to_string(), e));
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    children.sort();
    for c in children {
        walk(&c, out, errors, depth + 1);
    }
}

/// True for an mbox separator line: `From sender date`, where the date
/// has a time (`Thu Apr 29 23:34:45 2015`). A body line that merely starts
/// with "From " has no such shape.
fn is_separator(line: &[u8]) -> bool {
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

/// The messages of one file: split at mbox separator lines (also when a
/// file of several reports lacks the first separator); one message when
/// there are none. Separator lines are dropped; `>From ` quoting is left as
/// is (it only occurs in bodies, which do not change a bounce's meaning).
pub fn messages(raw: &[u8]) -> Vec<&[u8]> {
    // Most files hold one message: no line starts with "From " at all.
    let finder = memchr::memmem::Finder::new(b"\nFrom ");
    if finder.find(raw).is_none() && !raw.starts_with(b"From ") {
        return if raw.trim_ascii().is_empty() {
            Vec::new()
        } else {
            vec![raw]
        };
    }
    let mut starts = vec![0];
    let mut i = 0;
    while let Some(pos) = finder.find(&raw[i..]) {
        let at = i + pos + 1;
        let end = raw[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(raw.len(), |n| at + n);
        if is_separator(&raw[at..end]) {
            starts.push(at);
        }
        i = at;
    }
    let mut out = Vec::new();
    for (n, &s) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(raw.len());
        let msg = &raw[s..end];
        // Skip the separator line itself.
        let body = match msg.iter().position(|&b| b == b'\n') {
            Some(nl) if is_separator(&msg[..nl]) => &msg[nl + 1..],
            _ => msg,
        };
        if !body.trim_ascii().is_empty() {
            out.push(body);
        }
    }
    out
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
