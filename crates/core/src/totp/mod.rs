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
//!
//! ```
//! use postvakt_core::random::SeededRandom;
//! use postvakt_core::totp::{self, PendingEnrollment, SealingKey, SignIn, TotpError};
//! use postvakt_core::Profile;
//!
//! let profile = Profile::preset("altibox")?;
//! let key = SealingKey::from_bytes(&[7; 32])?; // the deployment key
//! let mut random = SeededRandom::new([1; 32]); // adapters pass the OS generator
//! let now = 1_750_000_020;
//!
//! // Settings page: start, show the QR code, keep the pending state.
//! let pending = PendingEnrollment::begin(&profile, "kari@lyse.net", &mut random, now)?;
//! assert!(pending.qr_svg()?.starts_with("<svg"));
//!
//! // The user types the code the app shows (here: made from the secret).
//! let secret = totp::Secret::from_base32(&pending.secret_base32())?;
//! let code = totp::generate(secret.as_bytes(), &pending.params(), now + 5);
//! let activation = pending.confirm(&profile, &code, now + 5, &key, &mut random)?;
//! assert_eq!(activation.recovery_codes.len(), 10); // show once
//! let stored = activation.two_factor.to_state(); // the account's record
//!
//! // Sign-in: load, check, store again (failures change the state too).
//! let mut record = totp::ActiveTwoFactor::from_state(&stored)?;
//! let again = record.sign_in(&profile.two_factor, &key, &code, now + 10);
//! assert_eq!(again, Err(TotpError::Replayed)); // the confirming code is spent
//! let next = totp::generate(secret.as_bytes(), &record.params(), now + 30);
//! assert!(matches!(record.sign_in(&profile.two_factor, &key, &next, now + 30), Ok(SignIn::Code { .. })));
//! let _store_me = record.to_state();
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

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
