//! The password policy of a profile.
//!
//! [`check`] returns one [`PasswordFinding`] per unmet requirement, so a user
//! sees everything to fix at once rather than one complaint at a time.

use std::borrow::Cow;

use crate::lang::{Lang, Text};
use crate::profile::PasswordPolicy;
use crate::Finding;

/// One requirement of the policy that a password does not meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PasswordFinding {
    /// Fewer characters than `min`.
    TooShort {
        /// The policy's minimum.
        min: u32,
    },
    /// More characters than `max`.
    TooLong {
        /// The policy's maximum.
        max: u32,
    },
    /// No lower-case letter.
    MissingLowercase,
    /// No upper-case letter.
    MissingUppercase,
    /// No digit.
    MissingDigit,
    /// No symbol (a character that is neither letter, digit nor space).
    MissingSymbol,
}

const TOO_SHORT: Text = Text {
    en: "Use at least {n} characters.",
    nb: "Bruk minst {n} tegn.",
    sv: "Använd minst {n} tecken.",
    da: "Brug mindst {n} tegn.",
};
const TOO_LONG: Text = Text {
    en: "Use at most {n} characters.",
    nb: "Bruk høyst {n} tegn.",
    sv: "Använd högst {n} tecken.",
    da: "Brug højst {n} tegn.",
};
const MISSING_LOWERCASE: Text = Text {
    en: "Add a lower-case letter (a–z).",
    nb: "Legg til en liten bokstav (a–z).",
    sv: "Lägg till en liten bokstav (a–z).",
    da: "Tilføj et lille bogstav (a–z).",
};
const MISSING_UPPERCASE: Text = Text {
    en: "Add an upper-case letter (A–Z).",
    nb: "Legg til en stor bokstav (A–Z).",
    sv: "Lägg till en stor bokstav (A–Z).",
    da: "Tilføj et stort bogstav (A–Z).",
};
const MISSING_DIGIT: Text = Text {
    en: "Add a digit (0–9).",
    nb: "Legg til et siffer (0–9).",
    sv: "Lägg till en siffra (0–9).",
    da: "Tilføj et ciffer (0–9).",
};
const MISSING_SYMBOL: Text = Text {
    en: "Add a symbol such as ! # % or ?.",
    nb: "Legg til et spesialtegn, for eksempel ! # % eller ?.",
    sv: "Lägg till ett specialtecken, till exempel ! # % eller ?.",
    da: "Tilføj et specialtegn, for eksempel ! # % eller ?.",
};

impl PasswordFinding {
    /// The stable code, e.g. `too_short`.
    pub fn code(self) -> &'static str {
        match self {
            PasswordFinding::TooShort { .. } => "too_short",
            PasswordFinding::TooLong { .. } => "too_long",
            PasswordFinding::MissingLowercase => "missing_lowercase",
            PasswordFinding::MissingUppercase => "missing_uppercase",
            PasswordFinding::MissingDigit => "missing_digit",
            PasswordFinding::MissingSymbol => "missing_symbol",
        }
    }

    /// The message for a user, in `lang`.
    pub fn message(self, lang: Lang) -> String {
        match self {
            PasswordFinding::TooShort { min } => TOO_SHORT.get(lang).replace("{n}", &min.to_string()),
            PasswordFinding::TooLong { max } => TOO_LONG.get(lang).replace("{n}", &max.to_string()),
            PasswordFinding::MissingLowercase => MISSING_LOWERCASE.get(lang).to_string(),
            PasswordFinding::MissingUppercase => MISSING_UPPERCASE.get(lang).to_string(),
            PasswordFinding::MissingDigit => MISSING_DIGIT.get(lang).to_string(),
            PasswordFinding::MissingSymbol => MISSING_SYMBOL.get(lang).to_string(),
        }
    }

    /// This finding with its message in `lang`.
    pub fn to_finding(self, lang: Lang) -> Finding {
        Finding { code: Cow::Borrowed(self.code()), message: self.message(lang) }
    }
}

/// Every requirement of `policy` that `password` does not meet, in a fixed
/// order (length first). Empty means the password is acceptable.
///
/// Length counts Unicode characters, not bytes: `æøå` is three. Work is
/// bounded: a password far over the maximum is not scanned past it.
pub fn check(policy: &PasswordPolicy, password: &str) -> Vec<PasswordFinding> {
    let (mut lower, mut upper, mut digit, mut symbol) = (false, false, false, false);
    let mut length: u32 = 0;
    for c in password.chars() {
        length += 1;
        if length > policy.max_length {
            break;
        }
        lower |= c.is_lowercase();
        upper |= c.is_uppercase();
        digit |= c.is_ascii_digit();
        symbol |= !c.is_alphanumeric() && !c.is_whitespace();
    }
    let mut findings = Vec::new();
    if length < policy.min_length {
        findings.push(PasswordFinding::TooShort { min: policy.min_length });
    }
    if length > policy.max_length {
        findings.push(PasswordFinding::TooLong { max: policy.max_length });
    }
    if policy.require_lowercase && !lower {
        findings.push(PasswordFinding::MissingLowercase);
    }
    if policy.require_uppercase && !upper {
        findings.push(PasswordFinding::MissingUppercase);
    }
    if policy.require_digit && !digit {
        findings.push(PasswordFinding::MissingDigit);
    }
    if policy.require_symbol && !symbol {
        findings.push(PasswordFinding::MissingSymbol);
    }
    findings
}

/// [`check`] with each finding's message in `lang`: what adapters return.
pub fn findings(policy: &PasswordPolicy, password: &str, lang: Lang) -> Vec<Finding> {
    check(policy, password).into_iter().map(|f| f.to_finding(lang)).collect()
}
