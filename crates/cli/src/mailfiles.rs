//! Where mail comes from on disk: single .eml files, Maildirs and other
//! directories (walked recursively), mbox files, and `-` for standard
//! input. No rule lives here; the core decides. Splitting a file into its
//! messages is [`crate::mbox`]'s.
//!
//! Reading is a few system calls per file, because the parse that follows
//! is only a few microseconds: a path named on the command line is opened
//! and examined once on the open descriptor (a directory is then walked);
//! a directory's entries are classified by the type the listing already
//! gives (only a symbolic link is followed with a stat); each file is read
//! with one `read` of its size into a buffer reused across files. A file
//! too large for that (an mbox), standard input, and a pipe or terminal
//! named on the command line (the shell's `<(zcat bounces.mbox.gz)`), are
//! handed on as a stream and read a chunk at a time.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Files up to this size are read whole; larger ones are streamed.
const WHOLE_FILE: u64 = 8 * 1024 * 1024;

/// Directories deeper than this below a named one are not listed.
const MAX_DEPTH: usize = 64;

/// A source not read yet.
enum Pending {
    /// Standard input.
    Stdin,
    /// A path named on the command line: a file, a directory or neither.
    Named(PathBuf),
    /// A regular file found in a directory.
    Found(PathBuf),
    /// A directory entry that could not be listed or followed.
    Failed(PathBuf, io::Error),
}

/// What reading the next source gave.
pub enum Entry<'b> {
    /// A source's whole content and the name shown for it.
    Read { name: String, raw: &'b [u8] },
    /// A source to be read as a stream (a large file, or standard input),
    /// with its size when it is a file that gives one.
    Stream {
        name: String,
        reader: Box<dyn Read>,
        size: Option<u64>,
    },
    /// A source that could not be read or listed.
    Unreadable { name: String, error: io::Error },
}

/// Every source under the given paths, in order: arguments as given,
/// directories walked recursively in name order (hidden entries skipped),
/// `-` for stdin. A pipe (FIFO) or character device named as an argument
/// is read as a stream, as standard input is; in a directory only regular
/// files are read. A named socket or block device is reported as
/// unreadable. A directory is listed when it is reached, so the total
/// grows as directories are expanded.
pub struct Sources {
    /// What is left, the next one last.
    pending: Vec<Pending>,
    /// Sources known so far (a named path counts once until it turns out
    /// to be a directory, then as the files in it).
    total: usize,
    /// Sources given out so far.
    done: usize,
}

/// The path that names standard input, and the name its messages get.
pub const STDIN: &str = "-";

impl Sources {
    pub fn new(paths: &[PathBuf]) -> Self {
        let pending: Vec<Pending> = paths
            .iter()
            .rev()
            .map(|p| {
                if p.as_os_str() == STDIN {
                    Pending::Stdin
                } else {
                    Pending::Named(p.clone())
                }
            })
            .collect();
        Sources {
            total: pending.len(),
            pending,
            done: 0,
        }
    }

    /// Sources known so far, read or not.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Sources given out so far.
    pub fn done(&self) -> usize {
        self.done
    }

    /// The next source, read into `buf` (reused: its length is only the
    /// part ever filled, the content is the returned slice).
    pub fn next<'b>(&mut self, buf: &'b mut Vec<u8>) -> Option<Entry<'b>> {
        loop {
            let entry = self.pending.pop()?;
            let (path, known_file) = match entry {
                Pending::Stdin => {
                    self.done += 1;
                    return Some(Entry::Stream {
                        name: STDIN.into(),
                        reader: Box::new(io::stdin()),
                        size: None,
                    });
                }
                Pending::Failed(path, error) => {
                    return Some(Entry::Unreadable {
                        name: name_of(&path),
                        error,
                    });
                }
                Pending::Named(path) => (path, false),
                Pending::Found(path) => (path, true),
            };
            let opened = if known_file {
                File::open(&path).map(Kind::File)
            } else {
                open_named(&path)
            };
            let (file, meta) = match opened {
                Ok(Kind::File(file)) => (file, None),
                Ok(Kind::Named(file, meta)) => (file, Some(meta)),
                Ok(Kind::Dir) => {
                    // Replace the one counted for the name by its files.
                    self.total -= 1;
                    let mut found = Vec::new();
                    list(&path, &mut found, 0);
                    self.total += found
                        .iter()
                        .filter(|p| matches!(p, Pending::Found(_)))
                        .count();
                    self.pending.extend(found.into_iter().rev());
                    continue;
                }
                Ok(Kind::Stream(file)) => {
                    self.done += 1;
                    return Some(Entry::Stream {
                        name: name_of(&path),
                        reader: Box::new(Waiting(file)),
                        size: None,
                    });
                }
                Ok(Kind::Other) => {
                    self.done += 1;
                    return Some(Entry::Unreadable {
                        name: name_of(&path),
                        error: io::Error::new(
                            io::ErrorKind::InvalidInput,
                            "not a file, a directory, a pipe or a terminal",
                        ),
                    });
                }
                Err(error) => {
                    self.done += 1;
                    return Some(Entry::Unreadable {
                        name: name_of(&path),
                        error,
                    });
                }
            };
            self.done += 1;
            let name = name_of(&path);
            let len = match meta.map_or_else(|| file.metadata(), Ok) {
                Ok(m) => m.len(),
                Err(error) => return Some(Entry::Unreadable { name, error }),
            };
            // A size of 0 is also what procfs and some FUSE file systems
            // give for files that are not empty.
            if len == 0 || len > WHOLE_FILE {
                return Some(Entry::Stream {
                    name,
                    reader: Box::new(file),
                    size: (len > 0).then_some(len),
                });
            }
            return Some(match read_file(file, len, buf) {
                Ok(n) => Entry::Read {
                    name,
                    raw: &buf[..n],
                },
                Err(error) => Entry::Unreadable { name, error },
            });
        }
    }
}

/// What a path turned out to be.
enum Kind {
    /// A regular file, open, not examined yet.
    File(File),
    /// A regular file, open, and its fstat.
    Named(File, std::fs::Metadata),
    Dir,
    /// A pipe (FIFO) or character device, open: read as a stream.
    Stream(File),
    /// A socket or block device: not read.
    Other,
}

/// A pipe or device opened without blocking (so that opening a FIFO no
/// process writes to does not wait for one), read as if it blocked: when
/// no data has come yet it waits a millisecond and reads again. A FIFO
/// with no writer reads as its end at once, so it is an empty source, not
/// a wait.
struct Waiting(File);

impl Read for Waiting {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.0.read(buf) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
                read => return read,
            }
        }
    }
}

/// True for what is read as a stream when named: a pipe or a terminal (or
/// another character device).
#[cfg(unix)]
fn is_stream(t: std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    t.is_fifo() || t.is_char_device()
}

#[cfg(not(unix))]
fn is_stream(_: std::fs::FileType) -> bool {
    false
}

/// Opens a path named on the command line and tells what it is from the
/// open descriptor, so a file costs no stat by name. The open does not
/// block (a FIFO without a writer must not hold it up) and does not make a
/// terminal the controlling one; neither changes reading a file.
#[cfg(unix)]
fn open_named(path: &Path) -> io::Result<Kind> {
    use std::os::unix::fs::OpenOptionsExt;
    match std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
    {
        Ok(file) => {
            let meta = file.metadata()?;
            Ok(if meta.is_file() {
                Kind::Named(file, meta)
            } else if meta.is_dir() {
                Kind::Dir
            } else if is_stream(meta.file_type()) {
                Kind::Stream(file)
            } else {
                Kind::Other
            })
        }
        Err(open_error) => match std::fs::metadata(path) {
            // A socket cannot be opened: said so, as for one that can.
            Ok(m) if !m.is_file() && !m.is_dir() && !is_stream(m.file_type()) => Ok(Kind::Other),
            // A file another process holds a write lease on refuses a
            // non-blocking open; a blocking one waits for the lease.
            Ok(m) if m.is_file() && open_error.kind() == io::ErrorKind::WouldBlock => {
                Ok(Kind::Named(File::open(path)?, m))
            }
            Ok(_) => Err(open_error),
            Err(stat_error) => Err(stat_error),
        },
    }
}

/// Elsewhere: a stat by name first, so nothing but a file or a stream is
/// opened (a FIFO there waits for its writer).
#[cfg(not(unix))]
fn open_named(path: &Path) -> io::Result<Kind> {
    let m = std::fs::metadata(path)?;
    Ok(if m.is_file() {
        Kind::Named(File::open(path)?, m)
    } else if m.is_dir() {
        Kind::Dir
    } else if is_stream(m.file_type()) {
        Kind::Stream(File::open(path)?)
    } else {
        Kind::Other
    })
}

/// How a path is named in the output: as `Path::display` shows it, copied
/// straight when it is UTF-8 (nearly always), which is the same text.
fn name_of(path: &Path) -> String {
    path.to_str()
        .map_or_else(|| path.display().to_string(), str::to_owned)
}

/// Reads a file of `len` bytes (its fstat) into the start of `buf`: reads
/// of exactly that many bytes — one for a regular file, and no last read
/// to see the end.
fn read_file(mut file: File, len: u64, buf: &mut Vec<u8>) -> io::Result<usize> {
    let len = usize::try_from(len).unwrap_or(usize::MAX);
    if buf.len() < len {
        // Only the growth is zeroed; what was filled before is reused.
        buf.resize(len, 0);
    }
    let mut filled = 0;
    while filled < len {
        match file.read(&mut buf[filled..len]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Appends what is under a directory to `out`, in name order: files found,
/// and the entries that could not be listed or followed, where they are met.
fn list(dir: &Path, out: &mut Vec<Pending>, depth: usize) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            out.push(Pending::Failed(dir.to_path_buf(), e));
            return;
        }
    };
    let mut children: Vec<(PathBuf, Option<std::fs::FileType>)> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().as_encoded_bytes().starts_with(b"."))
        .map(|e| (e.path(), e.file_type().ok()))
        .collect();
    children.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (path, t) in children {
        // The listing's type (d_type) costs nothing; a symbolic link, or a
        // type the file system did not give, is followed with a stat.
        let (is_file, is_dir) = match t {
            Some(t) if !t.is_symlink() => (t.is_file(), t.is_dir()),
            _ => match std::fs::metadata(&path) {
                Ok(m) => (m.is_file(), m.is_dir()),
                Err(e) => {
                    out.push(Pending::Failed(path, e));
                    continue;
                }
            },
        };
        if is_file {
            out.push(Pending::Found(path));
        } else if is_dir && depth < MAX_DEPTH {
            list(&path, out, depth + 1);
        }
    }
}
