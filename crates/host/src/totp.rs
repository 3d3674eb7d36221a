//! The `totp` interface as methods on [`Rules`]. Stored state (enrollment,
//! two-factor, throttle) is opaque text: store what comes back.

use postvakt_core::Lang;

use crate::Rules;
use crate::rules::wit_lang;
use crate::wit::totp::{Activation, Attempt, Enrollment, Params, ThrottleUpdate, TotpError};

/// A call's answer: the value or the typed two-factor error.
pub type TotpResult<T> = crate::Result<Result<T, TotpError>>;

impl Rules {
    /// `totp.default-params`: the profile's code parameters.
    pub fn totp_default_params(&mut self) -> TotpResult<Params> {
        self.call(|s, b, p| b.postvakt_mail_totp().call_default_params(s, p))
    }

    /// `totp.generate`: the code for `secret` at `time`.
    pub fn totp_generate(
        &mut self,
        params: Params,
        secret: &[u8],
        time: u64,
    ) -> TotpResult<String> {
        self.call(|s, b, _| {
            b.postvakt_mail_totp()
                .call_generate(s, params, secret, time)
        })
    }

    /// `totp.verify`: the matched step, or why the code is refused.
    pub fn totp_verify(
        &mut self,
        params: Params,
        secret: &[u8],
        code: &str,
        now: u64,
        last_step: Option<u64>,
    ) -> TotpResult<u64> {
        self.call(|s, b, _| {
            b.postvakt_mail_totp()
                .call_verify(s, params, secret, code, now, last_step)
        })
    }

    /// `totp.decode-secret`: base32 text to secret bytes.
    pub fn totp_decode_secret(&mut self, text: &str) -> TotpResult<Vec<u8>> {
        self.call(|s, b, _| b.postvakt_mail_totp().call_decode_secret(s, text))
    }

    /// `totp.begin-enrollment`: a pending secret from the host's `random`
    /// bytes, its Key URI and QR code.
    pub fn totp_begin_enrollment(
        &mut self,
        account: &str,
        random: &[u8],
        now: u64,
    ) -> TotpResult<Enrollment> {
        self.call(|s, b, p| {
            b.postvakt_mail_totp()
                .call_begin_enrollment(s, p, account, random, now)
        })
    }

    /// `totp.check-enrollment`: does `code` match the pending secret?
    pub fn totp_check_enrollment(&mut self, state: &str, code: &str, now: u64) -> TotpResult<u64> {
        self.call(|s, b, _| {
            b.postvakt_mail_totp()
                .call_check_enrollment(s, state, code, now)
        })
    }

    /// `totp.confirm-enrollment`: activates two-factor, sealing the secret
    /// under `key`; recovery codes from `seed`.
    pub fn totp_confirm_enrollment(
        &mut self,
        state: &str,
        code: &str,
        now: u64,
        key: &[u8],
        seed: &[u8],
    ) -> TotpResult<Activation> {
        self.call(|s, b, p| {
            b.postvakt_mail_totp()
                .call_confirm_enrollment(s, p, state, code, now, key, seed)
        })
    }

    /// `totp.sign-in`: an app code or a recovery code against the active
    /// two-factor `state`.
    pub fn totp_sign_in(
        &mut self,
        state: &str,
        key: &[u8],
        code: &str,
        now: u64,
    ) -> crate::Result<Attempt> {
        self.call(|s, b, p| {
            b.postvakt_mail_totp()
                .call_sign_in(s, p, state, key, code, now)
        })
    }

    /// `totp.regenerate-recovery-codes`: a new set; the old one stops working.
    pub fn totp_regenerate(
        &mut self,
        state: &str,
        seed: &[u8],
        now: u64,
    ) -> TotpResult<Activation> {
        self.call(|s, b, p| {
            b.postvakt_mail_totp()
                .call_regenerate_recovery_codes(s, p, state, seed, now)
        })
    }

    /// `totp.throttle-check`: may the account try a code now?
    pub fn totp_throttle_check(&mut self, state: &str, now: u64) -> TotpResult<()> {
        self.call(|s, b, _| b.postvakt_mail_totp().call_throttle_check(s, state, now))
    }

    /// `totp.throttle-record`: records a success or failure.
    pub fn totp_throttle_record(
        &mut self,
        state: &str,
        now: u64,
        success: bool,
    ) -> TotpResult<ThrottleUpdate> {
        self.call(|s, b, p| {
            b.postvakt_mail_totp()
                .call_throttle_record(s, p, state, now, success)
        })
    }

    /// `totp.error-code` and `totp.message`: the stable code of an error and
    /// its message in `lang`.
    pub fn totp_describe(
        &mut self,
        error: &TotpError,
        lang: Lang,
    ) -> crate::Result<(String, String)> {
        let code = self.call(|s, b, _| b.postvakt_mail_totp().call_error_code(s, error))?;
        let message = self.call(|s, b, _| {
            b.postvakt_mail_totp()
                .call_message(s, error, wit_lang(lang))
        })?;
        Ok((code, message))
    }
}
