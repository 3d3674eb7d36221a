//! The interfaces that read whole mails — `attachments` and `bounce` — as
//! methods on [`Rules`]. The bytes are copied into the sandbox, so these are
//! the calls the memory cap and fuel budget matter most for.

use postvakt_core::Lang;

use crate::Rules;
use crate::rules::wit_lang;
use crate::wit::{attachments, bounce};

impl Rules {
    /// `attachments.check-message`: the verdict on every part of a raw
    /// RFC 5322 message.
    pub fn attachments_check_message(
        &mut self,
        message: &[u8],
        lang: Lang,
    ) -> crate::Result<attachments::Decision> {
        self.call(|s, b, p| {
            b.postvakt_mail_attachments()
                .call_check_message(s, p, message, wit_lang(lang))
        })
    }

    /// `attachments.check-file`: the verdict on one file.
    pub fn attachments_check_file(
        &mut self,
        name: &str,
        contents: &[u8],
        lang: Lang,
    ) -> crate::Result<attachments::Decision> {
        self.call(|s, b, p| {
            b.postvakt_mail_attachments()
                .call_check_file(s, p, name, contents, wit_lang(lang))
        })
    }

    /// `bounce.parse`: the bounced recipients of a raw message (no records
    /// and kind `not-a-bounce` for ordinary mail).
    pub fn bounce_parse(
        &mut self,
        raw: &[u8],
    ) -> crate::Result<Result<bounce::Report, bounce::BounceError>> {
        self.call(|s, b, _| b.postvakt_mail_bounce().call_parse(s, raw))
    }

    /// `bounce.advise`: what a reason means for the user, in `lang`.
    pub fn bounce_advise(
        &mut self,
        reason: bounce::Reason,
        lang: Lang,
    ) -> crate::Result<bounce::Advice> {
        self.call(|s, b, _| {
            b.postvakt_mail_bounce()
                .call_advise(s, reason, wit_lang(lang))
        })
    }

    /// `bounce.advise-for`: what a record's reason and action (`failed`,
    /// `delayed` …) mean for the user, in `lang`.
    pub fn bounce_advise_for(
        &mut self,
        reason: bounce::Reason,
        action: &str,
        lang: Lang,
    ) -> crate::Result<bounce::Advice> {
        self.call(|s, b, _| {
            b.postvakt_mail_bounce()
                .call_advise_for(s, reason, action, wit_lang(lang))
        })
    }

    /// `bounce.reason-name`: the reason as a person reads it, in `lang`.
    pub fn bounce_reason_name(
        &mut self,
        reason: bounce::Reason,
        lang: Lang,
    ) -> crate::Result<String> {
        self.call(|s, b, _| {
            b.postvakt_mail_bounce()
                .call_reason_name(s, reason, wit_lang(lang))
        })
    }
}
