//! The `smtp` interface: only the reply record, shared by `sending` and
//! `relay`.

use crate::bindings::exports::postvakt::mail::smtp::SmtpReply;

/// A core reply as the WIT record.
pub(crate) fn reply(r: postvakt_core::SmtpReply) -> SmtpReply {
    SmtpReply {
        code: r.code,
        enhanced: r.enhanced,
        text: r.text,
    }
}
