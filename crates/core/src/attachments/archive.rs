//! A bounded reader of zip archives: member names, flags and contents.
//!
//! Written by hand over the central directory (APPNOTE 4.3.12–4.3.16) so
//! every size it trusts is checked against the bytes actually there and
//! against a limit the caller gives: an archive that claims a million
//! members or a terabyte of contents costs no more to reject than to read
//! its directory. Contents are inflated with `miniz_oxide` into a buffer
//! that stops growing at the caller's limit.

use std::borrow::Cow;

use miniz_oxide::inflate::{TINFLStatus, decompress_to_vec_with_limit};

const EOCD: &[u8] = b"PK\x05\x06";
const EOCD64_LOCATOR: &[u8] = b"PK\x06\x07";
const EOCD64: &[u8] = b"PK\x06\x06";
const CENTRAL: &[u8] = b"PK\x01\x02";
const LOCAL: &[u8] = b"PK\x03\x04";
/// The end record is 22 bytes plus a comment of at most 65535.
const EOCD_SEARCH: usize = 22 + 0xFFFF;

/// Why an archive (or one member) cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ArchiveError {
    /// The structure is damaged or truncated.
    Corrupt,
    /// A member uses a compression method other than stored or deflate.
    UnsupportedMethod,
    /// A member expands past the limit given.
    TooLarge,
}

/// The members an archive declares, as far as they were read.
#[derive(Debug)]
pub(super) struct Listing<'a> {
    /// How many members the end record declares.
    pub declared_members: u64,
    /// The uncompressed size of all members, as declared.
    pub declared_size: u64,
    /// The members read, at most the limit given to [`list`].
    pub members: Vec<Member<'a>>,
}

/// One member of an archive.
#[derive(Debug)]
pub(super) struct Member<'a> {
    /// The member's path inside the archive.
    pub name: String,
    /// Whether the member is encrypted (general purpose flag bit 0).
    pub encrypted: bool,
    /// Whether it is a directory entry.
    pub is_dir: bool,
    method: u16,
    data: &'a [u8],
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// Reads the central directory of `bytes`, at most `max_members` entries.
pub(super) fn list(bytes: &[u8], max_members: usize) -> Result<Listing<'_>, ArchiveError> {
    let (mut count, mut dir_size, mut dir_offset, eocd) =
        end_record(bytes).ok_or(ArchiveError::Corrupt)?;
    let saturated = count == 0xFFFF || dir_offset == 0xFFFF_FFFF || dir_size == 0xFFFF_FFFF;
    if let Some((c, s, o)) = zip64_end_record(bytes, eocd).filter(|_| saturated) {
        (count, dir_size, dir_offset) = (c, s, o);
    }
    // Data before the archive (a self-extractor's stub, a mail client's
    // junk) shifts every offset by the same amount.
    let shift = (eocd as u64)
        .checked_sub(dir_offset.saturating_add(dir_size))
        .ok_or(ArchiveError::Corrupt)?;
    let mut at = usize::try_from(dir_offset + shift).map_err(|_| ArchiveError::Corrupt)?;
    let mut listing = Listing {
        declared_members: count,
        declared_size: 0,
        members: Vec::new(),
    };
    let to_read = count.min(max_members as u64);
    for _ in 0..to_read {
        if bytes.get(at..at + 4) != Some(CENTRAL) {
            // An end record claiming more members than the bound is answered
            // by the bound (too many members), whatever the directory holds.
            if count > max_members as u64 {
                break;
            }
            return Err(ArchiveError::Corrupt);
        }
        let field = |off: usize| u16_at(bytes, at + off).ok_or(ArchiveError::Corrupt);
        let (flags, method) = (field(8)?, field(10)?);
        let mut compressed = u64::from(u32_at(bytes, at + 20).ok_or(ArchiveError::Corrupt)?);
        let mut size = u64::from(u32_at(bytes, at + 24).ok_or(ArchiveError::Corrupt)?);
        let (name_len, extra_len, comment_len) = (
            field(28)? as usize,
            field(30)? as usize,
            field(32)? as usize,
        );
        let mut local = u64::from(u32_at(bytes, at + 42).ok_or(ArchiveError::Corrupt)?);
        let name_bytes = bytes
            .get(at + 46..at + 46 + name_len)
            .ok_or(ArchiveError::Corrupt)?;
        let extra = bytes
            .get(at + 46 + name_len..at + 46 + name_len + extra_len)
            .ok_or(ArchiveError::Corrupt)?;
        zip64_sizes(extra, &mut size, &mut compressed, &mut local);
        at += 46 + name_len + extra_len + comment_len;

        let name = String::from_utf8_lossy(name_bytes).into_owned();
        let data = member_data(bytes, local.saturating_add(shift), compressed).unwrap_or_default();
        listing.declared_size = listing.declared_size.saturating_add(size);
        listing.members.push(Member {
            is_dir: name.ends_with('/') || name.ends_with('\\'),
            name,
            encrypted: flags & 1 != 0,
            method,
            data,
        });
    }
    Ok(listing)
}

/// Finds the end of central directory record: (members, directory size,
/// directory offset, position of the record).
fn end_record(bytes: &[u8]) -> Option<(u64, u64, u64, usize)> {
    let last = bytes.len().checked_sub(22)?;
    let first = last.saturating_sub(EOCD_SEARCH - 22);
    let eocd = (first..=last)
        .rev()
        .find(|&i| bytes.get(i..i + 4) == Some(EOCD))?;
    let count = u16_at(bytes, eocd + 10)?;
    let size = u32_at(bytes, eocd + 12)?;
    let offset = u32_at(bytes, eocd + 16)?;
    Some((u64::from(count), u64::from(size), u64::from(offset), eocd))
}

/// The zip64 end record, when the classic one says to look for it.
fn zip64_end_record(bytes: &[u8], eocd: usize) -> Option<(u64, u64, u64)> {
    let locator = eocd.checked_sub(20)?;
    if bytes.get(locator..locator + 4)? != EOCD64_LOCATOR {
        return None;
    }
    let at = usize::try_from(u64_at(bytes, locator + 8)?).ok()?;
    if bytes.get(at..at + 4)? != EOCD64 {
        return None;
    }
    Some((
        u64_at(bytes, at + 32)?,
        u64_at(bytes, at + 40)?,
        u64_at(bytes, at + 48)?,
    ))
}

/// Replaces sizes saturated at 0xFFFFFFFF with those of the zip64 extra
/// field, which lists only the saturated ones, in this order.
fn zip64_sizes(mut extra: &[u8], size: &mut u64, compressed: &mut u64, local: &mut u64) {
    while let (Some(id), Some(len)) = (u16_at(extra, 0), u16_at(extra, 2)) {
        let body = extra.get(4..4 + len as usize).unwrap_or_default();
        if id == 0x0001 {
            let mut at = 0;
            for field in [size, compressed, local] {
                if *field == 0xFFFF_FFFF {
                    if let Some(v) = u64_at(body, at) {
                        *field = v;
                    }
                    at += 8;
                }
            }
            return;
        }
        extra = extra.get(4 + len as usize..).unwrap_or_default();
    }
}

/// The compressed bytes of the member whose local header is at `local`.
fn member_data(bytes: &[u8], local: u64, compressed: u64) -> Option<&[u8]> {
    let local = usize::try_from(local).ok()?;
    if bytes.get(local..local + 4)? != LOCAL {
        return None;
    }
    let start =
        local + 30 + u16_at(bytes, local + 26)? as usize + u16_at(bytes, local + 28)? as usize;
    let end = start.checked_add(usize::try_from(compressed).ok()?)?;
    // A truncated member is read as far as it goes; inflating it will fail
    // if that matters.
    bytes.get(start..end.min(bytes.len()))
}

impl<'a> Member<'a> {
    /// The member's contents, at most `limit` bytes expanded.
    pub(super) fn contents(&self, limit: usize) -> Result<Cow<'a, [u8]>, ArchiveError> {
        match self.method {
            0 if self.data.len() > limit => Err(ArchiveError::TooLarge),
            0 => Ok(Cow::Borrowed(self.data)),
            8 => match decompress_to_vec_with_limit(self.data, limit) {
                Ok(v) => Ok(Cow::Owned(v)),
                Err(e) if e.status == TINFLStatus::HasMoreOutput => Err(ArchiveError::TooLarge),
                Err(_) => Err(ArchiveError::Corrupt),
            },
            _ => Err(ArchiveError::UnsupportedMethod),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testzip::{Entry, zip};
    use super::*;

    #[test]
    fn lists_members_and_contents() {
        let z = zip(&[
            Entry::stored("a.txt", b"hello"),
            Entry::deflated("dir/b.bin", &[7u8; 5000]),
            Entry::dir("dir/"),
        ]);
        let l = list(&z, 100).unwrap();
        assert_eq!(l.declared_members, 3);
        assert_eq!(l.declared_size, 5005);
        let names: Vec<&str> = l.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["a.txt", "dir/b.bin", "dir/"]);
        assert_eq!(&*l.members[0].contents(100).unwrap(), b"hello");
        assert_eq!(l.members[1].contents(10_000).unwrap().len(), 5000);
        assert!(l.members[2].is_dir);
    }

    #[test]
    fn limits_hold() {
        let z = zip(&[Entry::deflated("zeros", &[0u8; 100_000])]);
        assert!(z.len() < 1000);
        let l = list(&z, 10).unwrap();
        assert_eq!(
            l.members[0].contents(50_000).unwrap_err(),
            ArchiveError::TooLarge
        );
        let many: Vec<Entry> = (0..50)
            .map(|i| Entry::stored(&format!("{i}"), b""))
            .collect();
        let z = zip(&many);
        let l = list(&z, 10).unwrap();
        assert_eq!((l.declared_members, l.members.len()), (50, 10));
    }

    #[test]
    fn encrypted_flag() {
        let mut e = Entry::stored("secret.exe", b"xxxx");
        e.flags = 1;
        assert!(list(&zip(&[e]), 10).unwrap().members[0].encrypted);
    }

    #[test]
    fn prefixed_archive() {
        let mut z = b"MZ stub of a self-extractor".to_vec();
        z.extend_from_slice(&zip(&[Entry::stored("x.txt", b"x")]));
        let l = list(&z, 10).unwrap();
        assert_eq!(&*l.members[0].contents(10).unwrap(), b"x");
    }

    #[test]
    fn damaged_archives_are_errors_not_panics() {
        let z = zip(&[
            Entry::deflated("a", &[1u8; 1000]),
            Entry::stored("b", b"bbb"),
        ]);
        for cut in 0..z.len() {
            let _ = list(&z[..cut], 10).map(|l| {
                l.members
                    .iter()
                    .filter(|m| m.contents(2000).is_ok())
                    .count()
            });
            let mut flipped = z.clone();
            flipped[cut] ^= 0xFF;
            let _ = list(&flipped, 10).map(|l| {
                l.members
                    .iter()
                    .filter(|m| m.contents(2000).is_ok())
                    .count()
            });
        }
        assert_eq!(list(b"PK\x03\x04", 10).unwrap_err(), ArchiveError::Corrupt);
    }
}
