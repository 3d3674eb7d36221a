//! # postvakt-core
//!
//! The rules an e-mail provider writes by hand, written once. This crate is
//! *sans-IO*: it reads no clock, no files, no network and no global random
//! source. Callers pass in the current time, randomness, stored state and the
//! provider's [`Profile`]; the core returns a decision and, where state
//! changes, the new state to store. That is what lets the same rules run in a
//! Wasmtime plugin, a Cloudflare Worker, a browser page and the CLI.
//!
//! Modules, one concept each:
//! - [`profile`]: a provider's rules as data, loaded and validated from TOML.
//! - [`lang`]: the languages postvakt speaks to users (en, nb, sv, da).
//! - [`finding`]: one reason a rule was not met, with a stable code.
//! - [`password`]: the password policy of a profile.
//! - [`sending`]: sending limits per account over a rolling window.
//! - [`relay`]: who may relay, and send as whom.
//! - [`lifecycle`]: notices, deactivation and deletion of inactive accounts.
//! - [`plans`]: accounts per plan, mailbox quota and retention advice.
//! - [`forwarding`]: warnings for forwarding to strict providers.
//! - [`quarantine`]: signed login links in quarantine reports.
//! - [`smtp`], [`address`], [`calendar`], [`state`]: what those share.
//! - [`random`]: the caller-supplied random source.
//! - [`totp`]: two-factor sign-in with one-time codes.
//! - [`attachments`]: the attachment rules of a profile, for whole messages
//!   and single files.
//! - [`bounce`]: bounce parsing, classification and advice.
//! - [`mbox`]: where one message of an mbox ends and the next begins.
#![forbid(unsafe_code)]

pub mod address;
pub mod attachments;
pub mod bounce;
pub mod calendar;
pub mod finding;
pub mod forwarding;
pub mod lang;
pub mod lifecycle;
pub mod mbox;
pub mod password;
pub mod plans;
pub mod profile;
pub mod quarantine;
pub mod random;
pub mod relay;
pub mod sending;
pub mod smtp;
pub mod state;
pub mod totp;

pub use finding::Finding;
pub use lang::Lang;
pub use profile::{Profile, ProfileError};
pub use smtp::SmtpReply;
pub use state::StateError;
