//! Why a two-factor step failed, with a message in every language.

use std::borrow::Cow;

use crate::Finding;
use crate::lang::{Lang, Text};

/// Why a two-factor step failed.
///
/// `code()` is stable for programs; `message(lang)` is for the person at the
/// login or settings page (or, for the deployment errors, the operator).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TotpError {
    /// A secret is not RFC 4648 base32 (bad character or impossible length).
    #[error("the secret is not valid base32")]
    MalformedSecret,
    /// A secret has fewer than `min` or more than `max` bytes.
    #[error("a secret must have {min} to {max} bytes")]
    SecretLength {
        /// Fewest bytes (RFC 4226 asks for 128 bits).
        min: usize,
        /// Most bytes (bounds the work per code).
        max: usize,
    },
    /// Code parameters no authenticator can follow (digits not 6 or 8,
    /// period 0, skew over 10).
    #[error("invalid TOTP parameters: {0}")]
    InvalidParams(&'static str),
    /// The code has something other than digits (spaces are allowed).
    #[error("the code must be digits only")]
    NotDigits {
        /// Digits the code should have.
        digits: u32,
    },
    /// The code has the wrong number of digits.
    #[error("the code must have {digits} digits")]
    WrongDigits {
        /// Digits the code should have.
        digits: u32,
    },
    /// The code is well-formed but matches no step in the accepted window.
    #[error("the code is not correct")]
    InvalidCode,
    /// The code matches a step at or before the last accepted one: it was
    /// used already (to sign in or to confirm the enrollment).
    #[error("the code has already been used")]
    Replayed,
    /// The pending enrollment is past its expiry; the account is unchanged.
    #[error("the enrollment expired")]
    EnrollmentExpired,
    /// Too many failures: attempts are refused until `until`.
    #[error("locked out until {until}")]
    LockedOut {
        /// Unix seconds when attempts are accepted again.
        until: u64,
        /// Whole minutes left at the time of the refusal (at least 1).
        wait_minutes: u64,
    },
    /// No recovery code of the current set matches.
    #[error("the recovery code is not valid")]
    InvalidRecoveryCode,
    /// The recovery code matches one that was already used.
    #[error("the recovery code has already been used")]
    RecoveryCodeUsed,
    /// Issuer or account name empty, too long, or containing a colon or a
    /// control character (the Key URI format forbids colons in either).
    #[error("invalid issuer or account name: {0}")]
    InvalidLabel(&'static str),
    /// The Key URI is too long for a QR code.
    #[error("the key URI does not fit in a QR code")]
    QrTooLong,
    /// A sealing key is not 32 bytes.
    #[error("a sealing key must be 32 bytes, got {0}")]
    KeyLength(usize),
    /// A sealed secret did not open: wrong deployment key, another account's
    /// record, or a record altered at rest.
    #[error("the sealed secret could not be opened (wrong key, wrong account or altered record)")]
    Unseal,
    /// Stored state (JSON) could not be read.
    #[error("stored two-factor state is malformed: {0}")]
    MalformedState(String),
    /// Random input passed across a boundary has the wrong length.
    #[error("random input must be {expected} bytes, got {got}")]
    RandomLength {
        /// Bytes needed.
        expected: usize,
        /// Bytes given.
        got: usize,
    },
}

const MALFORMED_SECRET: Text = Text {
    en: "The secret key is not valid. Copy it again, letters A–Z and digits 2–7 only.",
    nb: "Den hemmelige nøkkelen er ugyldig. Kopier den på nytt, bare bokstavene A–Z og sifrene 2–7.",
    sv: "Den hemliga nyckeln är ogiltig. Kopiera den igen, bara bokstäverna A–Z och siffrorna 2–7.",
    da: "Den hemmelige nøgle er ugyldig. Kopiér den igen, kun bogstaverne A–Z og cifrene 2–7.",
};
const SECRET_LENGTH: Text = Text {
    en: "The secret key must be {min} to {max} bytes long.",
    nb: "Den hemmelige nøkkelen må være {min} til {max} byte lang.",
    sv: "Den hemliga nyckeln måste vara {min} till {max} byte lång.",
    da: "Den hemmelige nøgle skal være {min} til {max} byte lang.",
};
const INVALID_PARAMS: Text = Text {
    en: "Two-factor sign-in is set up wrongly on the server. Contact support.",
    nb: "Totrinnsbekreftelse er satt opp feil på serveren. Kontakt kundeservice.",
    sv: "Tvåstegsverifiering är felaktigt inställd på servern. Kontakta kundtjänst.",
    da: "Totrinsbekræftelse er sat forkert op på serveren. Kontakt kundeservice.",
};
const WRONG_DIGITS: Text = Text {
    en: "Enter the {n}-digit code from your authenticator app.",
    nb: "Skriv inn den {n}-sifrede koden fra autentiseringsappen.",
    sv: "Ange den {n}-siffriga koden från autentiseringsappen.",
    da: "Indtast den {n}-cifrede kode fra godkendelsesappen.",
};
const INVALID_CODE: Text = Text {
    en: "The code is not correct. Check that the clock on your phone is right and try again.",
    nb: "Koden er feil. Sjekk at klokken på telefonen går riktig, og prøv igjen.",
    sv: "Koden är fel. Kontrollera att klockan i telefonen går rätt och försök igen.",
    da: "Koden er forkert. Tjek at uret på telefonen går rigtigt, og prøv igen.",
};
const REPLAYED: Text = Text {
    en: "This code has already been used. Wait for the next code in the app.",
    nb: "Denne koden er allerede brukt. Vent på neste kode i appen.",
    sv: "Den här koden har redan använts. Vänta på nästa kod i appen.",
    da: "Denne kode er allerede brugt. Vent på næste kode i appen.",
};
const ENROLLMENT_EXPIRED: Text = Text {
    en: "The two-factor setup took too long and was cancelled. Nothing was changed; start again.",
    nb: "Oppsettet av totrinnsbekreftelse tok for lang tid og ble avbrutt. Ingenting er endret; start på nytt.",
    sv: "Inställningen av tvåstegsverifiering tog för lång tid och avbröts. Inget har ändrats; börja om.",
    da: "Opsætningen af totrinsbekræftelse tog for lang tid og blev afbrudt. Intet er ændret; start forfra.",
};
const LOCKED_OUT: Text = Text {
    en: "Too many wrong codes. Try again in {n} minutes.",
    nb: "For mange feil koder. Prøv igjen om {n} minutter.",
    sv: "För många felaktiga koder. Försök igen om {n} minuter.",
    da: "For mange forkerte koder. Prøv igen om {n} minutter.",
};
const INVALID_RECOVERY_CODE: Text = Text {
    en: "The recovery code is not valid. Check it against the list you saved.",
    nb: "Gjenopprettingskoden er ugyldig. Sjekk den mot listen du lagret.",
    sv: "Återställningskoden är ogiltig. Jämför den med listan du sparade.",
    da: "Gendannelseskoden er ugyldig. Tjek den mod listen, du gemte.",
};
const RECOVERY_CODE_USED: Text = Text {
    en: "This recovery code has already been used. Each code works once.",
    nb: "Denne gjenopprettingskoden er allerede brukt. Hver kode virker bare én gang.",
    sv: "Den här återställningskoden har redan använts. Varje kod fungerar bara en gång.",
    da: "Denne gendannelseskode er allerede brugt. Hver kode virker kun én gang.",
};
const INVALID_LABEL: Text = Text {
    en: "The account name cannot be used for two-factor sign-in (empty, too long or with a colon).",
    nb: "Kontonavnet kan ikke brukes til totrinnsbekreftelse (tomt, for langt eller med kolon).",
    sv: "Kontonamnet kan inte användas för tvåstegsverifiering (tomt, för långt eller med kolon).",
    da: "Kontonavnet kan ikke bruges til totrinsbekræftelse (tomt, for langt eller med kolon).",
};
const UNAVAILABLE: Text = Text {
    en: "Two-factor sign-in is unavailable right now. Contact support.",
    nb: "Totrinnsbekreftelse er ikke tilgjengelig akkurat nå. Kontakt kundeservice.",
    sv: "Tvåstegsverifiering är inte tillgänglig just nu. Kontakta kundtjänst.",
    da: "Totrinsbekræftelse er ikke tilgængelig lige nu. Kontakt kundeservice.",
};

impl TotpError {
    /// The stable code, e.g. `invalid_code`.
    pub fn code(&self) -> &'static str {
        match self {
            TotpError::MalformedSecret => "malformed_secret",
            TotpError::SecretLength { .. } => "secret_length",
            TotpError::InvalidParams(_) => "invalid_params",
            TotpError::NotDigits { .. } => "not_digits",
            TotpError::WrongDigits { .. } => "wrong_digits",
            TotpError::InvalidCode => "invalid_code",
            TotpError::Replayed => "replayed",
            TotpError::EnrollmentExpired => "enrollment_expired",
            TotpError::LockedOut { .. } => "locked_out",
            TotpError::InvalidRecoveryCode => "invalid_recovery_code",
            TotpError::RecoveryCodeUsed => "recovery_code_used",
            TotpError::InvalidLabel(_) => "invalid_label",
            TotpError::QrTooLong => "qr_too_long",
            TotpError::KeyLength(_) => "key_length",
            TotpError::Unseal => "unseal_failed",
            TotpError::MalformedState(_) => "malformed_state",
            TotpError::RandomLength { .. } => "random_length",
        }
    }

    /// The message for a user, in `lang`. Deployment faults (bad key, bad
    /// state, bad parameters) tell the user to contact support; the detail
    /// for the operator is in the `Display` text.
    pub fn message(&self, lang: Lang) -> String {
        let n = |t: &Text, n: u64| t.get(lang).replace("{n}", &n.to_string());
        match self {
            TotpError::MalformedSecret => MALFORMED_SECRET.get(lang).to_string(),
            TotpError::SecretLength { min, max } => SECRET_LENGTH
                .get(lang)
                .replace("{min}", &min.to_string())
                .replace("{max}", &max.to_string()),
            TotpError::NotDigits { digits } | TotpError::WrongDigits { digits } => {
                n(&WRONG_DIGITS, (*digits).into())
            }
            TotpError::InvalidCode => INVALID_CODE.get(lang).to_string(),
            TotpError::Replayed => REPLAYED.get(lang).to_string(),
            TotpError::EnrollmentExpired => ENROLLMENT_EXPIRED.get(lang).to_string(),
            TotpError::LockedOut { wait_minutes, .. } => n(&LOCKED_OUT, *wait_minutes),
            TotpError::InvalidRecoveryCode => INVALID_RECOVERY_CODE.get(lang).to_string(),
            TotpError::RecoveryCodeUsed => RECOVERY_CODE_USED.get(lang).to_string(),
            TotpError::InvalidLabel(_) | TotpError::QrTooLong => {
                INVALID_LABEL.get(lang).to_string()
            }
            TotpError::InvalidParams(_) => INVALID_PARAMS.get(lang).to_string(),
            TotpError::KeyLength(_)
            | TotpError::Unseal
            | TotpError::MalformedState(_)
            | TotpError::RandomLength { .. } => UNAVAILABLE.get(lang).to_string(),
        }
    }

    /// This error as a [`Finding`] with its message in `lang`.
    pub fn to_finding(&self, lang: Lang) -> Finding {
        Finding {
            code: Cow::Borrowed(self.code()),
            message: self.message(lang),
        }
    }

    /// Whether this failure counts towards the brute-force throttle: a
    /// guess that was checked and wrong. Malformed input guesses nothing,
    /// and deployment faults are not the user's doing.
    pub fn is_guess(&self) -> bool {
        matches!(
            self,
            TotpError::InvalidCode
                | TotpError::Replayed
                | TotpError::InvalidRecoveryCode
                | TotpError::RecoveryCodeUsed
        )
    }
}
