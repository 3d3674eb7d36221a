//! The `bounce` interface.

use postvakt_core::bounce::{self, BounceError, Kind as CoreKind, Reason as CoreReason, advice};

use crate::Component;
use crate::bindings::exports::postvakt::mail::bounce::{
    Advice, BounceError as WitError, Bounced, Guest, Kind, Reason, Report, Step,
};
use crate::bindings::exports::postvakt::mail::types::Lang;

impl Guest for Component {
    fn parse(raw: Vec<u8>) -> Result<Report, WitError> {
        let b = bounce::parse(&raw).map_err(|e| match e {
            BounceError::Empty => WitError::Empty,
            BounceError::NotMail => WitError::NotMail,
            other => WitError::Other(other.to_string()),
        })?;
        Ok(Report {
            kind: kind(b.kind),
            records: b
                .records
                .into_iter()
                .map(|r| Bounced {
                    recipient: r.recipient,
                    status: r.status,
                    reply: r.reply,
                    reason: to_wit(r.reason),
                    hard: r.hard,
                    action: r.action,
                    diagnostic: r.diagnostic,
                    remote_mta: r.remote_mta,
                    smtp_command: r.smtp_command,
                    feedback_type: r.feedback_type,
                    message_id: r.message_id,
                    sender: r.sender,
                    subject: r.subject,
                })
                .collect(),
        })
    }

    fn advise(reason: Reason, lang: Lang) -> Advice {
        to_wit_advice(advice::advice(from_wit(reason), crate::lang(lang)))
    }

    fn advise_for(reason: Reason, action: String, lang: Lang) -> Advice {
        to_wit_advice(advice::advice_for(
            from_wit(reason),
            &action,
            crate::lang(lang),
        ))
    }

    fn reason_name(reason: Reason, lang: Lang) -> String {
        advice::name(from_wit(reason), crate::lang(lang)).to_string()
    }
}

fn to_wit_advice(a: advice::Advice) -> Advice {
    Advice {
        step: match a.step {
            advice::Step::CheckAddress => Step::CheckAddress,
            advice::Step::TryLater => Step::TryLater,
            advice::Step::ContactRecipient => Step::ContactRecipient,
            advice::Step::ChangeMessage => Step::ChangeMessage,
            advice::Step::Nothing => Step::Nothing,
            _ => Step::ContactSupport,
        },
        explanation: a.explanation.to_string(),
        next_step: a.next_step.to_string(),
    }
}

fn kind(k: CoreKind) -> Kind {
    match k {
        CoreKind::Delivery => Kind::Delivery,
        CoreKind::Feedback => Kind::Feedback,
        CoreKind::AutoReply => Kind::AutoReply,
        _ => Kind::NotABounce,
    }
}

/// The two reason enums list the same names in the same order.
const PAIRS: [(CoreReason, Reason); 34] = [
    (CoreReason::AuthFailure, Reason::Authfailure),
    (CoreReason::BadReputation, Reason::Badreputation),
    (CoreReason::Blocked, Reason::Blocked),
    (CoreReason::ContentError, Reason::Contenterror),
    (CoreReason::Delivered, Reason::Delivered),
    (CoreReason::ExceedLimit, Reason::Exceedlimit),
    (CoreReason::Expired, Reason::Expired),
    (CoreReason::Feedback, Reason::Feedback),
    (CoreReason::Filtered, Reason::Filtered),
    (CoreReason::HasMoved, Reason::Hasmoved),
    (CoreReason::HostUnknown, Reason::Hostunknown),
    (CoreReason::MailboxFull, Reason::Mailboxfull),
    (CoreReason::MailerError, Reason::Mailererror),
    (CoreReason::MesgTooBig, Reason::Mesgtoobig),
    (CoreReason::NetworkError, Reason::Networkerror),
    (CoreReason::NoRelaying, Reason::Norelaying),
    (CoreReason::NotAccept, Reason::Notaccept),
    (CoreReason::NotCompliantRfc, Reason::Notcompliantrfc),
    (CoreReason::OnHold, Reason::Onhold),
    (CoreReason::PolicyViolation, Reason::Policyviolation),
    (CoreReason::Rejected, Reason::Rejected),
    (CoreReason::RequirePtr, Reason::Requireptr),
    (CoreReason::SecurityError, Reason::Securityerror),
    (CoreReason::SpamDetected, Reason::Spamdetected),
    (CoreReason::Speeding, Reason::Speeding),
    (CoreReason::Suspend, Reason::Suspend),
    (CoreReason::SyntaxError, Reason::Syntaxerror),
    (CoreReason::SystemError, Reason::Systemerror),
    (CoreReason::SystemFull, Reason::Systemfull),
    (CoreReason::TooManyConn, Reason::Toomanyconn),
    (CoreReason::UserUnknown, Reason::Userunknown),
    (CoreReason::Undefined, Reason::Undefined),
    (CoreReason::Vacation, Reason::Vacation),
    (CoreReason::VirusDetected, Reason::Virusdetected),
];

fn to_wit(r: CoreReason) -> Reason {
    PAIRS
        .iter()
        .find(|(c, _)| *c == r)
        .map(|(_, w)| *w)
        .unwrap_or(Reason::Undefined)
}

fn from_wit(r: Reason) -> CoreReason {
    PAIRS
        .iter()
        .find(|(_, w)| *w == r)
        .map(|(c, _)| *c)
        .unwrap_or(CoreReason::Undefined)
}
