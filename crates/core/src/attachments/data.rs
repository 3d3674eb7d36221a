//! The facts about files in `data/attachments.toml`, parsed once.

use std::sync::LazyLock;

use serde::Deserialize;

/// The parsed data file. It ships inside the crate, so a parse failure is a
/// build defect caught by the tests, not something a caller can cause.
pub(super) static DATA: LazyLock<Data> = LazyLock::new(|| {
    toml::from_str(include_str!("../../data/attachments.toml"))
        .unwrap_or_else(|e| panic!("data/attachments.toml: {e}"))
});

/// See `data/attachments.toml` for what each field means.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Data {
    invisible: Vec<CharRange>,
    pub(super) registry_text: Vec<String>,
    pub(super) registry_hive: String,
    pub(super) embedded_archive: Vec<Magic>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CharRange {
    #[allow(dead_code)] // documentation in the data file
    why: String,
    from: u32,
    to: u32,
}

/// The first bytes of a file format.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Magic {
    /// Short name of the format, for tests and debugging.
    #[allow(dead_code)]
    pub(super) name: String,
    /// The bytes.
    pub(super) magic: Vec<u8>,
}

impl Data {
    /// Whether `c` is drawn as nothing (or changes how others are drawn).
    pub(super) fn is_invisible(&self, c: char) -> bool {
        let c = c as u32;
        self.invisible.iter().any(|r| (r.from..=r.to).contains(&c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_file_parses() {
        assert!(DATA.is_invisible('\u{202E}'));
        assert!(DATA.is_invisible('\u{200B}'));
        assert!(!DATA.is_invisible('a'));
        assert!(!DATA.registry_text.is_empty());
        assert!(DATA.embedded_archive.iter().all(|m| m.magic.len() >= 4));
    }
}
