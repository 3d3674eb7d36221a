//! The MIME walk: any bytes as a message must give a decision, never a
//! panic, a hang or a stack overflow. Seed with the messages in
//! tests/vectors/attachments.json (joined segments) or any .eml files.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postvakt_core::attachments::inspect_message;
use postvakt_core::profile::{AttachmentRules, ContentKind};

fuzz_target!(|data: &[u8]| {
    let rules = AttachmentRules {
        blocked_extensions: vec!["exe".into(), "js".into()],
        blocked_kinds: vec![
            ContentKind::Executable,
            ContentKind::SelfExtractingArchive,
            ContentKind::WindowsRegistry,
        ],
        archive_max_depth: 3,
        archive_max_members: 64,
        // Small, so the fuzzer spends its time on structure, not inflating.
        archive_max_uncompressed_mb: 1,
    };
    let _ = inspect_message(&rules, data);
});
