//! One file against the rules: its name, its bytes and, for a zip, every
//! member, recursively, within the profile's archive bounds.

use super::archive::{self, ArchiveError};
use super::name::{self, Disguise};
use super::{Flag, Reason, content};
use crate::profile::AttachmentRules;

/// Collects the flags for one top-level file and the budget its archives
/// share: members and expanded bytes are counted over every nesting level,
/// so a zip of zips cannot multiply the limits.
pub(super) struct Inspector<'r> {
    rules: &'r AttachmentRules,
    members_left: u64,
    bytes_left: u64,
    /// Set once an archive expanded past its budget: the message is refused
    /// already, so later archives are listed but no longer inflated, and a
    /// message of many bombs costs one bomb's work.
    bomb_seen: bool,
    /// The flags so far, in the order found.
    pub(super) flags: Vec<Flag>,
}

impl<'r> Inspector<'r> {
    pub(super) fn new(rules: &'r AttachmentRules) -> Self {
        Inspector {
            rules,
            members_left: 0,
            bytes_left: 0,
            bomb_seen: false,
            flags: Vec::new(),
        }
    }

    fn flag(&mut self, path: &str, name: &str, reason: Reason) {
        let flag = Flag {
            path: path.to_string(),
            name_shown: name.to_string(),
            reason,
        };
        if !self.flags.contains(&flag) {
            self.flags.push(flag);
        }
    }

    /// Checks one top-level file (an attachment or a file a user picked):
    /// `name` as sent (possibly still encoded), `path` where it sits.
    pub(super) fn file(&mut self, path: &str, name: Option<&str>, bytes: &[u8]) {
        self.members_left = u64::from(self.rules.archive_max_members);
        self.bytes_left = u64::from(self.rules.archive_max_uncompressed_mb) * 1024 * 1024;
        self.item(path, name, bytes, 0);
    }

    /// A file at archive nesting `depth` (0: not inside an archive).
    fn item(&mut self, path: &str, name: Option<&str>, bytes: &[u8], depth: u32) {
        let shown = match name {
            Some(raw) => {
                let n = name::examine(raw);
                self.check_name(path, &n);
                n.shown
            }
            None => String::new(),
        };
        self.contents(path, &shown, bytes, depth);
    }

    fn check_name(&mut self, path: &str, n: &name::Name) {
        let Some(ext) = &n.extension else { return };
        if !self.rules.blocked_extensions.iter().any(|b| b == ext) {
            return;
        }
        self.flag(
            path,
            &n.shown,
            Reason::BlockedExtension {
                extension: ext.clone(),
            },
        );
        // A trailing dot alone is a disguise only when what is shown no
        // longer ends in the real extension.
        let hides = n
            .disguises
            .iter()
            .any(|d| *d != Disguise::TrailingDotsOrSpaces)
            || !n
                .shown
                .to_lowercase()
                .trim_end_matches(['.', ' '])
                .ends_with(&format!(".{ext}"));
        if !n.disguises.is_empty() && hides {
            self.flag(
                path,
                &n.shown,
                Reason::DisguisedName {
                    extension: ext.clone(),
                },
            );
        }
    }

    /// The members of the zip `bytes`, shown as `shown`, at `depth` (1 for
    /// an archive that is itself the attachment).
    fn archive(&mut self, path: &str, shown: &str, bytes: &[u8], depth: u32) {
        let r = self.rules;
        if depth > r.archive_max_depth {
            self.flag(
                path,
                shown,
                Reason::ArchiveTooDeep {
                    max: r.archive_max_depth,
                },
            );
            return;
        }
        let room = usize::try_from(self.members_left).unwrap_or(usize::MAX);
        let listing = match archive::list(bytes, room) {
            Ok(l) => l,
            Err(_) => return self.flag(path, shown, Reason::ArchiveUnreadable),
        };
        if listing.declared_members > self.members_left {
            self.flag(
                path,
                shown,
                Reason::ArchiveTooManyMembers {
                    max: r.archive_max_members,
                },
            );
        }
        self.members_left = self.members_left.saturating_sub(listing.declared_members);
        // Sizes an archive declares can lie either way: a declared bomb is
        // refused before any inflating, and inflating is cut at the budget.
        if listing.declared_size > self.bytes_left {
            self.flag(
                path,
                shown,
                Reason::ArchiveTooLarge {
                    max_mb: r.archive_max_uncompressed_mb,
                },
            );
        }
        for member in &listing.members {
            let member_path = format!("{path}!{}", member.name);
            let n = name::examine(&member.name);
            if member.is_dir {
                continue;
            }
            self.check_name(&member_path, &n);
            if member.encrypted {
                self.flag(&member_path, &n.shown, Reason::EncryptedMember);
                continue;
            }
            if self.bomb_seen {
                continue;
            }
            let limit = usize::try_from(self.bytes_left).unwrap_or(usize::MAX);
            match member.contents(limit) {
                Ok(data) => {
                    self.bytes_left = self.bytes_left.saturating_sub(data.len() as u64);
                    self.contents(&member_path, &n.shown, &data, depth);
                }
                Err(ArchiveError::TooLarge) => {
                    self.bytes_left = 0;
                    self.bomb_seen = true;
                    let reason = Reason::ArchiveTooLarge {
                        max_mb: r.archive_max_uncompressed_mb,
                    };
                    self.flag(path, shown, reason);
                }
                Err(ArchiveError::Corrupt | ArchiveError::UnsupportedMethod) => {
                    self.flag(&member_path, &n.shown, Reason::ArchiveUnreadable);
                }
            }
        }
    }

    /// A file's bytes: their kinds, and the members if they are a zip.
    fn contents(&mut self, path: &str, shown: &str, bytes: &[u8], depth: u32) {
        for kind in content::kinds(bytes) {
            if self.rules.blocked_kinds.contains(&kind) {
                self.flag(path, shown, Reason::BlockedKind { kind });
            }
        }
        if content::is_zip(bytes) {
            self.archive(path, shown, bytes, depth + 1);
        }
    }
}
