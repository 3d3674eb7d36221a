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
//! - [`bounce`]: bounce parsing, classification and advice.
#![forbid(unsafe_code)]

pub mod bounce;
pub mod finding;
pub mod lang;
pub mod password;
pub mod profile;

pub use finding::Finding;
pub use lang::Lang;
pub use profile::{Profile, ProfileError};
