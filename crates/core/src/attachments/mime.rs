//! The walk over a message's MIME tree: every leaf part, inline or
//! attached, and the parts of attached messages, each with its IMAP
//! section number (`1`, `2.1`, `3.1.2` …) so a host can point at it.

use mail_parser::{Message, MessageParser, MimeHeaders, PartType};

/// Attached messages nested deeper than this are not walked. This is a
/// bound on work and stack, not provider policy: real mail forwards a
/// message inside a message a handful of times at most.
pub const MAX_MESSAGE_DEPTH: u32 = 16;

/// Messages naming `message/` or `digest` more often than this are not
/// parsed (see [`walk`]); a digest of hundreds of messages is not mail a
/// person attaches files to.
const MAX_MESSAGE_MARKERS: usize = 256;

/// Multipart nesting deeper than this is not walked, for the same reason.
const MAX_MULTIPART_DEPTH: u32 = 64;

/// One leaf part of a message.
pub(super) struct Part<'a> {
    /// IMAP section number.
    pub section: String,
    /// The file name as sent (`filename` of Content-Disposition, else `name`
    /// of Content-Type), already RFC 2047/2231 decoded by `mail-parser`.
    pub name: Option<&'a str>,
    /// The decoded body.
    pub bytes: &'a [u8],
}

/// The walk stopped because the message nests too deep, at `section`.
pub(super) struct TooDeep {
    /// Where the walk stopped.
    pub section: String,
}

/// Calls `visit` for every leaf part of `raw`, in order. Input that is not
/// a message (no header at all) has no parts.
pub(super) fn walk(raw: &[u8], visit: &mut dyn FnMut(Part<'_>)) -> Result<(), TooDeep> {
    // mail-parser nests one `Message` per attached message and parses and
    // drops them recursively: thousands of levels overflow the stack. Each
    // level needs a `message/…` content type or a digest, so a message with
    // few of those cannot nest deep; one with very many is refused unparsed.
    let markers = count_ascii_ci(raw, b"message/") + count_ascii_ci(raw, b"digest");
    if markers > MAX_MESSAGE_MARKERS {
        return Err(TooDeep {
            section: String::new(),
        });
    }
    let Some(message) = MessageParser::default().parse(raw) else {
        return Ok(());
    };
    message_parts(&message, "", 0, visit)
}

fn count_ascii_ci(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len())
        .filter(|w| w.eq_ignore_ascii_case(needle))
        .count()
}

fn join(prefix: &str, n: usize) -> String {
    if prefix.is_empty() {
        n.to_string()
    } else {
        format!("{prefix}.{n}")
    }
}

/// The parts of `message`, whose sections start with `prefix`.
fn message_parts(
    message: &Message<'_>,
    prefix: &str,
    depth: u32,
    visit: &mut dyn FnMut(Part<'_>),
) -> Result<(), TooDeep> {
    if depth > MAX_MESSAGE_DEPTH {
        return Err(TooDeep {
            section: prefix.to_string(),
        });
    }
    match message.parts.first().map(|p| &p.body) {
        Some(PartType::Multipart(children)) => {
            children_parts(message, children, prefix, depth, 0, visit)
        }
        Some(_) => part(message, 0, &join(prefix, 1), depth, 0, visit),
        None => Ok(()),
    }
}

fn children_parts(
    message: &Message<'_>,
    children: &[u32],
    prefix: &str,
    depth: u32,
    multipart_depth: u32,
    visit: &mut dyn FnMut(Part<'_>),
) -> Result<(), TooDeep> {
    if multipart_depth > MAX_MULTIPART_DEPTH {
        return Err(TooDeep {
            section: prefix.to_string(),
        });
    }
    for (i, &id) in children.iter().enumerate() {
        part(
            message,
            id,
            &join(prefix, i + 1),
            depth,
            multipart_depth,
            visit,
        )?;
    }
    Ok(())
}

fn part(
    message: &Message<'_>,
    id: u32,
    section: &str,
    depth: u32,
    multipart_depth: u32,
    visit: &mut dyn FnMut(Part<'_>),
) -> Result<(), TooDeep> {
    let Some(p) = message.parts.get(id as usize) else {
        return Ok(());
    };
    match &p.body {
        // A part may not list itself or an ancestor: mail-parser numbers
        // children after their parent, which this relies on to end.
        PartType::Multipart(children) if children.iter().all(|&c| c > id) => children_parts(
            message,
            children,
            section,
            depth,
            multipart_depth + 1,
            visit,
        ),
        PartType::Multipart(_) => Ok(()),
        PartType::Message(nested) => {
            // The attached message is a file too (`forwarded.eml`).
            visit(Part {
                section: section.to_string(),
                name: p.attachment_name(),
                bytes: b"",
            });
            message_parts(nested, section, depth + 1, visit)
        }
        _ => {
            visit(Part {
                section: section.to_string(),
                name: p.attachment_name(),
                bytes: p.contents(),
            });
            Ok(())
        }
    }
}
