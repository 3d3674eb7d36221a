//! # postvakt-host
//!
//! Embeds Wasmtime and runs the postvakt component as a sandboxed plugin.
//!
//! - [`Plugin`] compiles the component file once and pre-links it
//!   (`Component` + `InstancePre`): cheap to share, cheap to instantiate.
//! - [`Rules`] is one live instance with one loaded profile. Every call runs
//!   with a fuel budget and a memory cap; a call that traps, runs out of fuel
//!   or memory returns [`HostError::Plugin`] and the instance is thrown away.
//!   The next call starts a fresh one, so a misbehaving plugin costs one
//!   answer, never the host.
//!
//! The WIT bindings stay private; callers see core types
//! ([`postvakt_core::Finding`], [`postvakt_core::Lang`]).

mod mail;
mod plugin;
mod policy;
mod rules;
mod totp;

pub use plugin::{Limits, Plugin};
pub use rules::{ProfileSource, Rules};
pub use totp::TotpResult;

/// The WIT records and enums the host's methods return, by interface.
pub mod wit {
    pub use crate::plugin::bindings::exports::postvakt::mail::{
        attachments, bounce, forwarding, lifecycle, plans, quarantine, relay, sending, smtp, totp,
        types,
    };
}

/// What went wrong in the host.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HostError {
    /// The component file could not be read, compiled or linked.
    #[error("loading the component: {0}")]
    Load(String),
    /// The plugin trapped, ran out of fuel or memory: the call was cut off
    /// and its instance discarded.
    #[error("the plugin was cut off: {0}")]
    Plugin(String),
    /// The plugin refused the profile.
    #[error("profile: {0}")]
    Profile(String),
}

/// The host's result type.
pub type Result<T, E = HostError> = std::result::Result<T, E>;
