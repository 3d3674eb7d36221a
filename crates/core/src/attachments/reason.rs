//! Why an attachment is refused, with its code, rule and messages.

use crate::lang::{Lang, Text};
use crate::profile::ContentKind;

/// One reason an attachment, or a member of an archive, is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reason {
    /// The name's real extension is in the profile's `blocked_extensions`.
    BlockedExtension {
        /// The extension, lower-case, without the dot.
        extension: String,
    },
    /// The name hides a blocked extension (double extension, right-to-left
    /// override, invisible characters, trailing dots or spaces).
    DisguisedName {
        /// The real extension, lower-case, without the dot.
        extension: String,
    },
    /// The bytes are a kind in the profile's `blocked_kinds`.
    BlockedKind {
        /// The kind detected.
        kind: ContentKind,
    },
    /// An archive member is encrypted, so its contents cannot be checked.
    EncryptedMember,
    /// Archives are nested deeper than `archive_max_depth`.
    ArchiveTooDeep {
        /// The profile's limit.
        max: u32,
    },
    /// An archive holds more than `archive_max_members` members.
    ArchiveTooManyMembers {
        /// The profile's limit.
        max: u32,
    },
    /// An archive expands to more than `archive_max_uncompressed_mb`.
    ArchiveTooLarge {
        /// The profile's limit, in MB.
        max_mb: u32,
    },
    /// An archive is damaged or uses a compression method postvakt cannot
    /// read, so its contents cannot be checked.
    ArchiveUnreadable,
    /// Attached messages are nested too deep, or named too often, to be
    /// parsed safely.
    MessageTooDeep {
        /// postvakt's limit.
        max: u32,
    },
}

const BLOCKED_EXTENSION: Text = Text {
    en: "“{name}” is a .{x} file, a type that cannot be sent or received by e-mail.",
    nb: "«{name}» er en .{x}-fil, en filtype som ikke kan sendes eller mottas på e-post.",
    sv: "”{name}” är en .{x}-fil, en filtyp som inte kan skickas eller tas emot med e-post.",
    da: "“{name}” er en .{x}-fil, en filtype, der ikke kan sendes eller modtages med e-mail.",
};
const DISGUISED_NAME: Text = Text {
    en: "“{name}” hides what kind of file it is: it is really a .{x} file.",
    nb: "«{name}» skjuler hva slags fil det er: det er egentlig en .{x}-fil.",
    sv: "”{name}” döljer vilken sorts fil det är: det är egentligen en .{x}-fil.",
    da: "“{name}” skjuler, hvilken slags fil det er: det er i virkeligheden en .{x}-fil.",
};
const BLOCKED_KIND: Text = Text {
    en: "“{name}” is {x}, which cannot be sent or received by e-mail, whatever the file is called.",
    nb: "«{name}» er {x}, som ikke kan sendes eller mottas på e-post, uansett hva filen heter.",
    sv: "”{name}” är {x}, som inte kan skickas eller tas emot med e-post, oavsett vad filen heter.",
    da: "“{name}” er {x}, som ikke kan sendes eller modtages med e-mail, uanset hvad filen hedder.",
};
const ENCRYPTED_MEMBER: Text = Text {
    en: "“{name}” is encrypted inside an archive, so it cannot be checked.",
    nb: "«{name}» er kryptert inne i et arkiv og kan derfor ikke kontrolleres.",
    sv: "”{name}” är krypterad i ett arkiv och kan därför inte kontrolleras.",
    da: "“{name}” er krypteret i et arkiv og kan derfor ikke kontrolleres.",
};
const ARCHIVE_TOO_DEEP: Text = Text {
    en: "“{name}” has archives inside archives more than {x} levels deep.",
    nb: "«{name}» har arkiver inne i arkiver i mer enn {x} nivåer.",
    sv: "”{name}” har arkiv i arkiv i mer än {x} nivåer.",
    da: "“{name}” har arkiver inde i arkiver i mere end {x} niveauer.",
};
const ARCHIVE_TOO_MANY_MEMBERS: Text = Text {
    en: "“{name}” holds more than {x} files.",
    nb: "«{name}» inneholder mer enn {x} filer.",
    sv: "”{name}” innehåller mer än {x} filer.",
    da: "“{name}” indeholder mere end {x} filer.",
};
const ARCHIVE_TOO_LARGE: Text = Text {
    en: "“{name}” unpacks to more than {x} MB.",
    nb: "«{name}» pakkes ut til mer enn {x} MB.",
    sv: "”{name}” packas upp till mer än {x} MB.",
    da: "“{name}” pakkes ud til mere end {x} MB.",
};
const ARCHIVE_UNREADABLE: Text = Text {
    en: "“{name}” is a damaged archive, or one of a kind that cannot be opened, so it cannot be checked.",
    nb: "«{name}» er et skadet arkiv, eller av en type som ikke kan åpnes, og kan derfor ikke kontrolleres.",
    sv: "”{name}” är ett skadat arkiv, eller av en typ som inte kan öppnas, och kan därför inte kontrolleras.",
    da: "“{name}” er et beskadiget arkiv, eller af en type, der ikke kan åbnes, og kan derfor ikke kontrolleres.",
};
const MESSAGE_TOO_DEEP: Text = Text {
    en: "The message has attached messages nested more than {x} levels deep, so it cannot be checked.",
    nb: "Meldingen har vedlagte meldinger i mer enn {x} nivåer og kan derfor ikke kontrolleres.",
    sv: "Meddelandet har bifogade meddelanden i mer än {x} nivåer och kan därför inte kontrolleras.",
    da: "Meddelelsen har vedhæftede meddelelser i mere end {x} niveauer og kan derfor ikke kontrolleres.",
};
/// What an attachment without a name is called in messages.
const UNNAMED: Text = Text {
    en: "part {x}",
    nb: "del {x}",
    sv: "del {x}",
    da: "del {x}",
};

const KIND_SELF_EXTRACTING: Text = Text {
    en: "a self-extracting archive",
    nb: "et selvutpakkende arkiv",
    sv: "ett självuppackande arkiv",
    da: "et selvudpakkende arkiv",
};
const KIND_EXECUTABLE: Text = Text {
    en: "a program",
    nb: "et program",
    sv: "ett program",
    da: "et program",
};
const KIND_ELF: Text = Text {
    en: "a Linux program (ELF)",
    nb: "et Linux-program (ELF)",
    sv: "ett Linux-program (ELF)",
    da: "et Linux-program (ELF)",
};
const KIND_REGISTRY: Text = Text {
    en: "a Windows registry file",
    nb: "en Windows-registerfil",
    sv: "en Windows-registerfil",
    da: "en fil til Windows-registreringsdatabasen",
};
const KIND_ISO: Text = Text {
    en: "a disc image (ISO 9660)",
    nb: "et diskbilde (ISO 9660)",
    sv: "en skivavbild (ISO 9660)",
    da: "et diskbillede (ISO 9660)",
};

/// A content kind in words, in `lang`.
pub fn kind_text(kind: ContentKind) -> Text {
    match kind {
        ContentKind::SelfExtractingArchive => KIND_SELF_EXTRACTING,
        ContentKind::Executable => KIND_EXECUTABLE,
        ContentKind::Elf => KIND_ELF,
        ContentKind::WindowsRegistry => KIND_REGISTRY,
        ContentKind::Iso9660 => KIND_ISO,
    }
}

impl Reason {
    /// The stable code, e.g. `blocked_extension`.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::BlockedExtension { .. } => "blocked_extension",
            Reason::DisguisedName { .. } => "disguised_name",
            Reason::BlockedKind { .. } => "blocked_kind",
            Reason::EncryptedMember => "encrypted_member",
            Reason::ArchiveTooDeep { .. } => "archive_too_deep",
            Reason::ArchiveTooManyMembers { .. } => "archive_too_many_members",
            Reason::ArchiveTooLarge { .. } => "archive_too_large",
            Reason::ArchiveUnreadable => "archive_unreadable",
            Reason::MessageTooDeep { .. } => "message_too_deep",
        }
    }

    /// The rule that decided: the profile key under `attachments`, or
    /// `uninspectable` for content that cannot be checked and is therefore
    /// refused.
    pub fn rule(&self) -> &'static str {
        match self {
            Reason::BlockedExtension { .. } | Reason::DisguisedName { .. } => "blocked_extensions",
            Reason::BlockedKind { .. } => "blocked_kinds",
            Reason::ArchiveTooDeep { .. } => "archive_max_depth",
            Reason::ArchiveTooManyMembers { .. } => "archive_max_members",
            Reason::ArchiveTooLarge { .. } => "archive_max_uncompressed_mb",
            Reason::EncryptedMember | Reason::ArchiveUnreadable | Reason::MessageTooDeep { .. } => {
                "uninspectable"
            }
        }
    }

    /// The message for a user, in `lang`, about the file the user sees as
    /// `name` (empty when it has none) at `path`.
    pub fn message(&self, name: &str, path: &str, lang: Lang) -> String {
        let (text, x) = match self {
            Reason::BlockedExtension { extension } => (BLOCKED_EXTENSION, extension.clone()),
            Reason::DisguisedName { extension } => (DISGUISED_NAME, extension.clone()),
            Reason::BlockedKind { kind } => (BLOCKED_KIND, kind_text(*kind).get(lang).to_string()),
            Reason::EncryptedMember => (ENCRYPTED_MEMBER, String::new()),
            Reason::ArchiveTooDeep { max } => (ARCHIVE_TOO_DEEP, max.to_string()),
            Reason::ArchiveTooManyMembers { max } => (ARCHIVE_TOO_MANY_MEMBERS, max.to_string()),
            Reason::ArchiveTooLarge { max_mb } => (ARCHIVE_TOO_LARGE, max_mb.to_string()),
            Reason::ArchiveUnreadable => (ARCHIVE_UNREADABLE, String::new()),
            Reason::MessageTooDeep { max } => (MESSAGE_TOO_DEEP, max.to_string()),
        };
        let name = if name.is_empty() {
            UNNAMED.get(lang).replace("{x}", path)
        } else {
            name.to_string()
        };
        // `{x}` first: a file name may itself contain "{x}".
        text.get(lang).replace("{x}", &x).replace("{name}", &name)
    }
}
