//! What a file is, read from its bytes whatever it is called.
//!
//! The `file-format` crate recognises executables, ELF, Mach-O, ISO 9660
//! and zip from their signatures. What it lacks is written here: registry
//! hives and `.reg` text, and the self-extractor layout (an executable
//! carrying an archive after its stub).

use file_format::FileFormat;

use super::data::DATA;
use crate::profile::ContentKind;

/// The kinds of content `bytes` are, most specific first; empty when none
/// of the kinds the rules know applies. A self-extractor is also an
/// executable, so both are listed.
pub fn kinds(bytes: &[u8]) -> Vec<ContentKind> {
    let mut found = Vec::new();
    let format = FileFormat::from_bytes(bytes);
    let binary = match format {
        // "MZ" alone also starts text ("MZ Tech announces…"); a DOS header
        // is 64 bytes and, unlike text, always holds zero bytes.
        FileFormat::MsDosExecutable if !is_dos_header(bytes) => None,
        FileFormat::MsDosExecutable
        | FileFormat::PortableExecutable
        | FileFormat::NewExecutable
        | FileFormat::LinearExecutable
        | FileFormat::MachO => Some(ContentKind::Executable),
        FileFormat::ExecutableAndLinkableFormat => Some(ContentKind::Elf),
        _ => None,
    };
    if let Some(kind) = binary {
        if carries_archive(bytes) {
            found.push(ContentKind::SelfExtractingArchive);
        }
        found.push(kind);
    }
    if format == FileFormat::Iso9660 {
        found.push(ContentKind::Iso9660);
    }
    if is_registry(bytes) {
        found.push(ContentKind::WindowsRegistry);
    }
    found
}

fn is_dos_header(bytes: &[u8]) -> bool {
    bytes.get(..64).is_some_and(|header| header.contains(&0))
}

/// Whether `bytes` are a zip archive (including Office documents and jars),
/// whose members are then inspected.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// An archive signature past the executable's first bytes: the layout of
/// self-extractors (WinZip, 7-Zip and WinRAR SFX, cabinet installers).
fn carries_archive(bytes: &[u8]) -> bool {
    let body = bytes.get(4..).unwrap_or_default();
    DATA.embedded_archive.iter().any(|m| find(body, &m.magic))
}

fn find(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return false;
    };
    let mut from = 0;
    // Jump between occurrences of the first byte, which is rare enough in
    // machine code for this to stay close to a plain scan in speed.
    while let Some(i) = haystack[from..].iter().position(|&b| b == first) {
        let at = from + i + 1;
        if haystack.get(at..at + rest.len()) == Some(rest) {
            return true;
        }
        from = at;
    }
    false
}

/// A registry hive (`regf`) or `.reg` text, in ASCII/UTF-8 or UTF-16LE,
/// with or without a byte order mark.
fn is_registry(bytes: &[u8]) -> bool {
    if bytes.starts_with(DATA.registry_hive.as_bytes()) {
        return true;
    }
    let utf8 = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf16 = bytes.strip_prefix(b"\xFF\xFE").unwrap_or(bytes);
    DATA.registry_text.iter().any(|header| {
        let ascii = utf8
            .get(..header.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(header.as_bytes()));
        let wide: Vec<u8> = header.bytes().flat_map(|b| [b, 0]).collect();
        ascii
            || utf16
                .get(..wide.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(&wide))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ContentKind::*;

    fn pe() -> Vec<u8> {
        let mut b = vec![0u8; 128];
        b[..2].copy_from_slice(b"MZ");
        b
    }

    #[test]
    fn executables() {
        assert_eq!(kinds(&pe()), [Executable]);
        assert_eq!(kinds(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0"), [Elf]);
        assert_eq!(kinds(b"\xCF\xFA\xED\xFE\x07\0\0\x01"), [Executable]);
        assert_eq!(kinds(b"\xFE\xED\xFA\xCE\0\0\0\x07"), [Executable]);
    }

    #[test]
    fn scripts_and_documents_are_not_executables() {
        assert!(kinds(b"#!/bin/sh\necho hello\n").is_empty());
        assert!(kinds(b"%PDF-1.7\n").is_empty());
        assert!(kinds(b"").is_empty());
        assert!(kinds(b"Hello, world").is_empty());
        let text = b"MZ Tech announces its results for the third quarter of the year, with growth.";
        assert!(text.len() >= 64 && kinds(text).is_empty());
    }

    #[test]
    fn self_extractors() {
        for magic in [
            &b"PK\x03\x04"[..],
            b"7z\xBC\xAF\x27\x1C",
            b"Rar!\x1A\x07\x00",
        ] {
            let mut b = pe();
            b.extend_from_slice(magic);
            b.extend_from_slice(&[0; 16]);
            assert_eq!(kinds(&b), [SelfExtractingArchive, Executable], "{magic:?}");
        }
        let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
        elf.extend_from_slice(b"PK\x03\x04");
        assert_eq!(kinds(&elf), [SelfExtractingArchive, Elf]);
        // A zip is not a self-extractor.
        assert!(kinds(b"PK\x03\x04\x14\0\0\0").is_empty());
    }

    #[test]
    fn registry() {
        assert_eq!(kinds(b"regf\x01\0\0\0"), [WindowsRegistry]);
        assert_eq!(
            kinds(b"REGEDIT4\r\n\r\n[HKEY_CURRENT_USER]"),
            [WindowsRegistry]
        );
        assert_eq!(
            kinds(b"\xEF\xBB\xBFWindows Registry Editor Version 5.00\r\n"),
            [WindowsRegistry]
        );
        let wide: Vec<u8> = b"\xFF\xFE"
            .iter()
            .copied()
            .chain(
                "Windows Registry Editor Version 5.00"
                    .bytes()
                    .flat_map(|b| [b, 0]),
            )
            .collect();
        assert_eq!(kinds(&wide), [WindowsRegistry]);
        assert!(kinds(b"Windows Registry tips for beginners").is_empty());
    }

    #[test]
    fn iso9660() {
        let mut b = vec![0u8; 32769];
        b.extend_from_slice(b"CD001\x01");
        assert_eq!(kinds(&b), [Iso9660]);
        assert!(kinds(&[0u8; 40000]).is_empty());
    }

    #[test]
    fn zip() {
        assert!(is_zip(b"PK\x03\x04rest"));
        assert!(is_zip(b"PK\x05\x06"));
        assert!(!is_zip(b"PK"));
    }
}
