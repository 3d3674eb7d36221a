//! Why a message was refused, in words for people and in SMTP.

use crate::lang::{Lang, Text};
use crate::smtp::SmtpReply;

/// Why a message was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SendRefusal {
    /// A block from an earlier refusal is still running.
    Blocked {
        /// When it ends.
        until: u64,
        /// Whole minutes left, rounded up.
        minutes_left: u64,
    },
    /// The message would exceed the messages per window; a block starts.
    TooManyMessages {
        /// The profile's `max_messages`.
        limit: u32,
        /// The profile's window, in minutes.
        window_minutes: u32,
        /// The block's length, in minutes.
        block_minutes: u32,
    },
    /// The message would exceed the distinct recipients per window; a block
    /// starts.
    TooManyRecipients {
        /// The profile's `max_recipients`.
        limit: u32,
        /// The profile's window, in minutes.
        window_minutes: u32,
        /// The block's length, in minutes.
        block_minutes: u32,
    },
}

const BLOCKED: Text = Text {
    en: "Sending is paused because a sending limit was exceeded. Try again in {r} min.",
    nb: "Sending er stengt fordi en sendegrense ble overskredet. Prøv igjen om {r} min.",
    sv: "Sändning är spärrad eftersom en sändningsgräns överskreds. Försök igen om {r} min.",
    da: "Afsendelse er spærret, fordi en afsendelsesgrænse blev overskredet. Prøv igen om {r} min.",
};
const TOO_MANY_MESSAGES: Text = Text {
    en: "You may send at most {n} messages in {m} minutes. Sending is paused for {b} minutes.",
    nb: "Du kan sende høyst {n} meldinger på {m} minutter. Sending er stengt i {b} minutter.",
    sv: "Du kan skicka högst {n} meddelanden på {m} minuter. Sändning är spärrad i {b} minuter.",
    da: "Du kan sende højst {n} beskeder på {m} minutter. Afsendelse er spærret i {b} minutter.",
};
const TOO_MANY_RECIPIENTS: Text = Text {
    en: "You may write to at most {n} different recipients in {m} minutes. Sending is paused for {b} minutes.",
    nb: "Du kan skrive til høyst {n} ulike mottakere på {m} minutter. Sending er stengt i {b} minutter.",
    sv: "Du kan skriva till högst {n} olika mottagare på {m} minuter. Sändning är spärrad i {b} minuter.",
    da: "Du kan skrive til højst {n} forskellige modtagere på {m} minutter. Afsendelse er spærret i {b} minutter.",
};

impl SendRefusal {
    /// The stable code: `blocked`, `too_many_messages`, `too_many_recipients`.
    pub fn code(self) -> &'static str {
        match self {
            SendRefusal::Blocked { .. } => "blocked",
            SendRefusal::TooManyMessages { .. } => "too_many_messages",
            SendRefusal::TooManyRecipients { .. } => "too_many_recipients",
        }
    }

    /// The message for the sender, in `lang`.
    pub fn message(self, lang: Lang) -> String {
        let fill = |t: &Text, n: u32, m: u32, b: u32| {
            t.get(lang)
                .replace("{n}", &n.to_string())
                .replace("{m}", &m.to_string())
                .replace("{b}", &b.to_string())
        };
        match self {
            SendRefusal::Blocked { minutes_left, .. } => {
                BLOCKED.get(lang).replace("{r}", &minutes_left.to_string())
            }
            SendRefusal::TooManyMessages {
                limit,
                window_minutes,
                block_minutes,
            } => fill(&TOO_MANY_MESSAGES, limit, window_minutes, block_minutes),
            SendRefusal::TooManyRecipients {
                limit,
                window_minutes,
                block_minutes,
            } => fill(&TOO_MANY_RECIPIENTS, limit, window_minutes, block_minutes),
        }
    }

    /// What the mail server replies: `450 4.7.1`, a temporary refusal, since
    /// the same message is accepted after the block.
    pub fn reply(self) -> SmtpReply {
        let text = match self {
            SendRefusal::Blocked { minutes_left, .. } => {
                format!(
                    "Sending blocked after a sending limit was exceeded; try again in {minutes_left} min"
                )
            }
            SendRefusal::TooManyMessages {
                limit,
                window_minutes,
                block_minutes,
            } => format!(
                "Sending limit exceeded: at most {limit} messages per {window_minutes} minutes; blocked for {block_minutes} minutes"
            ),
            SendRefusal::TooManyRecipients {
                limit,
                window_minutes,
                block_minutes,
            } => format!(
                "Sending limit exceeded: at most {limit} distinct recipients per {window_minutes} minutes; blocked for {block_minutes} minutes"
            ),
        };
        SmtpReply::new(450, "4.7.1", text)
    }
}
