//! The archive inspector: any bytes after a zip signature must give
//! findings, never a panic, an out-of-bounds read or unbounded work.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postvakt_core::attachments::inspect_file;
use postvakt_core::profile::{AttachmentRules, ContentKind};

fuzz_target!(|data: &[u8]| {
    let rules = AttachmentRules {
        blocked_extensions: vec!["exe".into()],
        blocked_kinds: vec![ContentKind::Executable, ContentKind::Elf],
        archive_max_depth: 4,
        archive_max_members: 128,
        archive_max_uncompressed_mb: 1,
    };
    // Every input is read as a zip: the signature is what routes a file to
    // the archive inspector, so the fuzzer need not find it.
    let mut file = b"PK\x03\x04".to_vec();
    file.extend_from_slice(data);
    let _ = inspect_file(&rules, "fuzz.zip", &file);
});
