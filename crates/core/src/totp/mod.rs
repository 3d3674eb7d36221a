//! Two-factor sign-in with time-based one-time codes (RFC 6238), as the
//! Google and Microsoft Authenticator apps make them.
//!
//! The pieces, one idea each:
//! - [`code`]: making and checking codes (HMAC via `totp-lite`), with skew,
//!   constant-time comparison and replay refusal.
//! - [`secret`]: the shared secret and its base32 form.
//! - [`enroll`]: [`PendingEnrollment`] → [`ActiveTwoFactor`]; nothing
//!   changes for the account until the user confirms with a valid code.
//! - [`uri`] and [`qr`]: the `otpauth://` Key URI and its QR code as SVG.
//! - [`throttle`]: failures per account, and lockouts.
//! - [`recovery`]: single-use recovery codes, stored as salted hashes.
//! - [`seal`]: the secret at rest, under AES-256-GCM.
//! - [`active`]: the stored record and signing in with it.
//!
//! Like the rest of the core this reads no clock and no random source:
//! `now` is unix seconds and randomness a [`RandomSource`](crate::random::RandomSource).

pub mod active;
pub mod code;
pub mod enroll;
mod error;
mod hex;
pub mod qr;
pub mod recovery;
pub mod seal;
pub mod secret;
pub mod throttle;
pub mod uri;

pub use active::{ActiveTwoFactor, SignIn};
pub use code::{Params, generate, verify};
pub use enroll::{Activation, PendingEnrollment};
pub use error::TotpError;
pub use recovery::RecoveryCodes;
pub use seal::{SealedSecret, SealingKey};
pub use secret::Secret;
pub use throttle::Throttle;
