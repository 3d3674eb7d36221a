//! A provider's rules as data.
//!
//! A [`Profile`] is one TOML file (see `profiles/` for the two presets). It is
//! parsed strictly — an unknown key is an error, so a typo cannot silently
//! turn a rule off — and then validated: impossible values (port 0, a limit of
//! 0, an empty domain list …) are errors that name the key and the file.
//!
//! Sections a provider does not have are simply absent (`Option`): Cliche has
//! no IMAP, Altibox no plans.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The presets shipped with postvakt, by name, as TOML source.
pub const PRESETS: &[(&str, &str)] = &[
    ("altibox", include_str!("../../../profiles/altibox.toml")),
    ("cliche", include_str!("../../../profiles/cliche.toml")),
];

/// Why a profile could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// No preset has that name.
    #[error("no preset profile named {name:?} (known: altibox, cliche)")]
    UnknownPreset {
        /// The name asked for.
        name: String,
    },
    /// The file is not valid TOML, or a key is unknown or of the wrong type.
    #[error("{file}: {key}: {problem}")]
    Syntax {
        /// The file (or `<input>`).
        file: String,
        /// The dotted key path, or `(document)` when none applies.
        key: String,
        /// What is wrong.
        problem: String,
    },
    /// A value is well-formed but impossible (port 0, limit 0, …).
    #[error("{file}: {key}: {problem}")]
    Invalid {
        /// The file (or `<input>`).
        file: String,
        /// The dotted key path.
        key: String,
        /// What is wrong.
        problem: String,
    },
}

impl ProfileError {
    /// The dotted key the error is about, when there is one.
    pub fn key(&self) -> Option<&str> {
        match self {
            ProfileError::Syntax { key, .. } | ProfileError::Invalid { key, .. } => Some(key),
            ProfileError::UnknownPreset { .. } => None,
        }
    }
}

/// A provider's rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Short name, e.g. `altibox`.
    pub name: String,
    /// Name shown to users.
    pub display_name: String,
    /// Webmail host, when the provider has one.
    #[serde(default)]
    pub webmail: Option<String>,
    /// Languages the provider's users are served in (first is the default).
    #[serde(default)]
    pub languages: Vec<crate::Lang>,
    /// Whether bulk mail and newsletters are allowed.
    #[serde(default = "yes")]
    pub bulk_mail_allowed: bool,
    /// Which domains accounts live in.
    pub domains: Domains,
    /// How customers' servers are named, for per-customer hosting.
    #[serde(default)]
    pub server_names: Option<ServerNames>,
    /// Incoming mail: IMAP and/or POP3.
    pub incoming: Incoming,
    /// Outgoing mail (submission).
    pub outgoing: Outgoing,
    /// TLS requirements.
    #[serde(default)]
    pub tls: Option<Tls>,
    /// Sending limits per authenticated account.
    #[serde(default)]
    pub sending: Option<SendingLimits>,
    /// Attachment rules.
    pub attachments: AttachmentRules,
    /// Password policy.
    pub password: PasswordPolicy,
    /// Two-factor (TOTP) parameters.
    pub two_factor: TwoFactor,
    /// Quarantine-report login links.
    #[serde(default)]
    pub quarantine: Option<Quarantine>,
    /// Account lifecycle for inactive accounts.
    #[serde(default)]
    pub lifecycle: Option<Lifecycle>,
    /// Mailbox quota and retention advice.
    #[serde(default)]
    pub mailbox: Option<Mailbox>,
    /// Accounts per plan, by plan name.
    #[serde(default)]
    pub plans: BTreeMap<String, u32>,
    /// Forwarding advice.
    #[serde(default)]
    pub forwarding: Option<Forwarding>,
}

fn yes() -> bool {
    true
}

/// Which domains accounts live in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum Domains {
    /// A fixed list of the provider's own domains.
    Listed {
        /// The domains, lower-case.
        accounts: Vec<String>,
    },
    /// Customers bring their own domains; the list belongs to the customer.
    Customer,
}

/// Per-customer server naming.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerNames {
    /// Each customer's server has its own host name, the one on its certificate.
    pub per_customer: bool,
    /// Host name patterns clients must not use (`{domain}` is the customer's domain).
    #[serde(default)]
    pub avoid: Vec<String>,
}

/// Transport security of a mail port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Implicit TLS from the first byte (IMAPS 993, POP3S 995, SMTPS 465).
    Tls,
    /// Plain connection upgraded with STARTTLS/STLS.
    Starttls,
    /// No encryption.
    None,
}

/// Incoming mail servers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incoming {
    /// IMAP, when offered.
    #[serde(default)]
    pub imap: Option<MailServer>,
    /// POP3, when offered.
    #[serde(default)]
    pub pop3: Option<MailServer>,
}

/// One incoming server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailServer {
    /// Host name; absent when each customer has their own.
    #[serde(default)]
    pub host: Option<String>,
    /// Port.
    pub port: u16,
    /// Transport security.
    pub security: Security,
    /// Whether this is the protocol to recommend.
    #[serde(default)]
    pub recommended: bool,
    /// IMAP path prefix clients must use ("" means: leave it empty, never "INBOX").
    #[serde(default)]
    pub path_prefix: Option<String>,
    /// A plain port allowed only as a last resort.
    #[serde(default)]
    pub last_resort_port: Option<u16>,
}

/// The outgoing (submission) server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outgoing {
    /// Host name; absent when each customer has their own.
    #[serde(default)]
    pub host: Option<String>,
    /// Port.
    pub port: u16,
    /// Transport security.
    pub security: Security,
    /// Whether SMTP authentication is required.
    pub auth_required: bool,
    /// Whether anonymous submission on port 25 is allowed.
    #[serde(default)]
    pub anonymous_port25: bool,
}

/// TLS requirements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tls {
    /// Oldest TLS version accepted, e.g. `1.2`.
    pub min_version: String,
}

/// Sending limits per authenticated account, over a rolling window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SendingLimits {
    /// Distinct recipients per window.
    pub max_recipients: u32,
    /// Messages per window.
    pub max_messages: u32,
    /// The rolling window, in minutes.
    pub window_minutes: u32,
    /// How long sending is blocked after a limit is exceeded, in minutes.
    pub block_minutes: u32,
}

/// Attachment rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentRules {
    /// Blocked file name extensions, without the dot, lower-case.
    pub blocked_extensions: Vec<String>,
    /// Content kinds blocked whatever the name.
    pub blocked_kinds: Vec<ContentKind>,
    /// Deepest archive nesting inspected.
    pub archive_max_depth: u32,
    /// Most members an archive may hold.
    pub archive_max_members: u32,
    /// Most bytes an archive may expand to, in MB.
    pub archive_max_uncompressed_mb: u32,
}

/// A kind of content recognised from its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContentKind {
    /// An executable with an archive appended (the self-extractor layout).
    SelfExtractingArchive,
    /// A Windows (PE/MZ) or Mach-O executable.
    Executable,
    /// An ELF binary.
    Elf,
    /// A Windows registry hive or `.reg` file.
    WindowsRegistry,
    /// An ISO 9660 disc image.
    Iso9660,
}

/// Password policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordPolicy {
    /// Fewest characters.
    pub min_length: u32,
    /// Most characters (bounds the work of hashing).
    pub max_length: u32,
    /// At least one lower-case letter.
    pub require_lowercase: bool,
    /// At least one upper-case letter.
    pub require_uppercase: bool,
    /// At least one digit.
    pub require_digit: bool,
    /// At least one character that is neither letter, digit nor space.
    pub require_symbol: bool,
}

/// HMAC algorithm of TOTP codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TotpAlgorithm {
    /// HMAC-SHA1, the one every authenticator app honours.
    #[serde(rename = "SHA1")]
    Sha1,
    /// HMAC-SHA256.
    #[serde(rename = "SHA256")]
    Sha256,
    /// HMAC-SHA512.
    #[serde(rename = "SHA512")]
    Sha512,
}

/// Two-factor (TOTP) parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TwoFactor {
    /// HMAC algorithm.
    pub algorithm: TotpAlgorithm,
    /// Digits per code, 6 or 8.
    pub digits: u32,
    /// Seconds per step.
    pub period_seconds: u32,
    /// Steps accepted either side of the current one.
    pub skew_steps: u32,
    /// How long an unconfirmed enrollment stays pending, in minutes.
    pub enrollment_minutes: u32,
    /// Failures within the window that trigger a lockout.
    pub max_failures: u32,
    /// The failure-counting window, in minutes.
    pub failure_window_minutes: u32,
    /// How long a lockout lasts, in minutes.
    pub lockout_minutes: u32,
    /// Recovery codes per set.
    pub recovery_codes: u32,
}

/// Quarantine-report login links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quarantine {
    /// How long a link stays valid, in days.
    pub link_valid_days: u32,
}

/// Inactive-account lifecycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lifecycle {
    /// Months without login before deactivation.
    pub inactive_months: u32,
    /// Days before deactivation at which a notice is sent, e.g. `[14, 7]`.
    pub notice_days: Vec<u32>,
    /// Months a deactivated account can be restored before it is deleted.
    pub restore_months: u32,
}

/// Mailbox size and retention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mailbox {
    /// Quota per mailbox, in MB.
    pub quota_mb: u32,
    /// Mail should be fetched within this many months.
    pub retention_months: u32,
}

/// Forwarding advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forwarding {
    /// Domains of providers that check DKIM/DMARC strictly.
    pub strict_providers: Vec<String>,
    /// What to advise instead (`pop3-fetch`).
    pub advice: String,
}

impl Profile {
    /// Loads a preset shipped with postvakt (`altibox`, `cliche`).
    pub fn preset(name: &str) -> Result<Profile, ProfileError> {
        let (file, text) = PRESETS
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| ProfileError::UnknownPreset { name: name.to_string() })?;
        Profile::from_toml(text, &format!("profiles/{file}.toml"))
    }

    /// Parses and validates a profile; `file` names it in errors.
    pub fn from_toml(text: &str, file: &str) -> Result<Profile, ProfileError> {
        let syntax = |key: String, problem: String| ProfileError::Syntax {
            file: file.to_string(),
            key,
            problem,
        };
        let de = toml::Deserializer::parse(text)
            .map_err(|e| syntax("(document)".into(), e.message().to_string()))?;
        let profile: Profile = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let key = if path == "." { "(document)".to_string() } else { path };
            syntax(key, e.into_inner().message().to_string())
        })?;
        profile.validate(file)?;
        Ok(profile)
    }

    /// Checks the values that parse but cannot be right.
    fn validate(&self, file: &str) -> Result<(), ProfileError> {
        let bad = |key: &str, problem: &str| {
            Err(ProfileError::Invalid {
                file: file.to_string(),
                key: key.to_string(),
                problem: problem.to_string(),
            })
        };
        let positive = |key: &str, v: u32| if v == 0 { bad(key, "must be at least 1") } else { Ok(()) };
        let port = |key: &str, v: u16| if v == 0 { bad(key, "port 0 is not a port") } else { Ok(()) };

        if self.name.trim().is_empty() {
            return bad("name", "must not be empty");
        }
        if let Domains::Listed { accounts } = &self.domains {
            if accounts.is_empty() {
                return bad("domains.accounts", "must list at least one domain");
            }
            for d in accounts {
                if !is_domain(d) {
                    return bad("domains.accounts", &format!("{d:?} is not a lower-case domain name"));
                }
            }
        }
        if self.incoming.imap.is_none() && self.incoming.pop3.is_none() {
            return bad("incoming", "needs imap, pop3 or both");
        }
        if let Some(imap) = &self.incoming.imap {
            port("incoming.imap.port", imap.port)?;
            if let Some(prefix) = &imap.path_prefix {
                if prefix.eq_ignore_ascii_case("inbox") {
                    return bad("incoming.imap.path_prefix", "\"INBOX\" breaks folder names; leave it empty");
                }
            }
        }
        if let Some(pop3) = &self.incoming.pop3 {
            port("incoming.pop3.port", pop3.port)?;
            if pop3.last_resort_port == Some(0) {
                return bad("incoming.pop3.last_resort_port", "port 0 is not a port");
            }
        }
        port("outgoing.port", self.outgoing.port)?;
        if let Some(s) = &self.sending {
            positive("sending.max_recipients", s.max_recipients)?;
            positive("sending.max_messages", s.max_messages)?;
            positive("sending.window_minutes", s.window_minutes)?;
            positive("sending.block_minutes", s.block_minutes)?;
        }
        let a = &self.attachments;
        for e in &a.blocked_extensions {
            if e.is_empty() || e.starts_with('.') || e.chars().any(|c| c.is_ascii_uppercase() || c == '/') {
                return bad("attachments.blocked_extensions", &format!("{e:?}: write extensions lower-case, without the dot"));
            }
        }
        positive("attachments.archive_max_depth", a.archive_max_depth)?;
        positive("attachments.archive_max_members", a.archive_max_members)?;
        positive("attachments.archive_max_uncompressed_mb", a.archive_max_uncompressed_mb)?;
        let p = &self.password;
        positive("password.min_length", p.min_length)?;
        if p.max_length < p.min_length {
            return bad("password.max_length", "must not be below password.min_length");
        }
        if p.max_length > 4096 {
            return bad("password.max_length", "must be at most 4096");
        }
        let t = &self.two_factor;
        if t.digits != 6 && t.digits != 8 {
            return bad("two_factor.digits", "must be 6 or 8");
        }
        positive("two_factor.period_seconds", t.period_seconds)?;
        if t.skew_steps > 10 {
            return bad("two_factor.skew_steps", "must be at most 10");
        }
        positive("two_factor.enrollment_minutes", t.enrollment_minutes)?;
        positive("two_factor.max_failures", t.max_failures)?;
        if t.max_failures > 100 {
            return bad("two_factor.max_failures", "must be at most 100: brute force needs a lockout");
        }
        positive("two_factor.failure_window_minutes", t.failure_window_minutes)?;
        positive("two_factor.lockout_minutes", t.lockout_minutes)?;
        positive("two_factor.recovery_codes", t.recovery_codes)?;
        if let Some(q) = &self.quarantine {
            positive("quarantine.link_valid_days", q.link_valid_days)?;
        }
        if let Some(l) = &self.lifecycle {
            positive("lifecycle.inactive_months", l.inactive_months)?;
            positive("lifecycle.restore_months", l.restore_months)?;
            if l.notice_days.is_empty() || l.notice_days.contains(&0) {
                return bad("lifecycle.notice_days", "must list days before deactivation, each at least 1");
            }
        }
        if let Some(m) = &self.mailbox {
            positive("mailbox.quota_mb", m.quota_mb)?;
            positive("mailbox.retention_months", m.retention_months)?;
        }
        for (plan, n) in &self.plans {
            positive(&format!("plans.{plan}"), *n)?;
        }
        if let Some(f) = &self.forwarding {
            if f.strict_providers.is_empty() {
                return bad("forwarding.strict_providers", "must list at least one domain");
            }
        }
        Ok(())
    }

    /// Whether `domain` is one of the provider's own account domains
    /// (case-insensitive). Always false for per-customer domains.
    pub fn is_account_domain(&self, domain: &str) -> bool {
        match &self.domains {
            Domains::Listed { accounts } => accounts.iter().any(|d| d.eq_ignore_ascii_case(domain)),
            Domains::Customer => false,
        }
    }
}

fn is_domain(d: &str) -> bool {
    !d.is_empty()
        && d.len() <= 253
        && d.split('.').count() >= 2
        && d.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_load() {
        let a = Profile::preset("altibox").unwrap();
        assert_eq!(a.outgoing.port, 465);
        assert_eq!(a.sending.unwrap().max_recipients, 50);
        assert_eq!(a.attachments.blocked_extensions.len(), 73);
        assert!(a.is_account_domain("LYSE.net"));
        let c = Profile::preset("cliche").unwrap();
        assert!(c.incoming.imap.is_none());
        assert_eq!(c.plans["ZETA"], 500);
        assert!(!c.bulk_mail_allowed);
    }

    #[test]
    fn unknown_preset() {
        assert!(matches!(Profile::preset("gmail"), Err(ProfileError::UnknownPreset { .. })));
    }

    fn altered(from: &str, to: &str) -> Result<Profile, ProfileError> {
        let text = PRESETS[0].1;
        assert!(text.contains(from), "{from}");
        Profile::from_toml(&text.replacen(from, to, 1), "broken.toml")
    }

    #[test]
    fn errors_name_the_key_and_file() {
        let cases = [
            ("port = 465", "port = 0", "outgoing.port"),
            ("max_recipients = 50", "max_recipients = 0", "sending.max_recipients"),
            ("max_recipients = 50", "max_recipients = 50\nmax_recipents = 5", "sending.max_recipents"),
            ("max_messages = 200", "max_messages = \"lots\"", "sending.max_messages"),
            (
                "accounts = [\"altiboxmail.no\", \"lyse.net\", \"netbb.no\", \"haugnett.no\"]",
                "accounts = []",
                "domains.accounts",
            ),
            ("digits = 6", "digits = 7", "two_factor.digits"),
            ("path_prefix = \"\"", "path_prefix = \"INBOX\"", "incoming.imap.path_prefix"),
        ];
        for (from, to, key) in cases {
            let err = altered(from, to).unwrap_err();
            assert_eq!(err.key(), Some(key), "{err}");
            let text = err.to_string();
            assert!(text.starts_with("broken.toml: "), "{text}");
            assert!(text.contains(key), "{text}");
        }
    }

    #[test]
    fn syntax_error_is_clear() {
        let err = Profile::from_toml("name = ", "x.toml").unwrap_err();
        assert!(matches!(err, ProfileError::Syntax { .. }), "{err}");
    }
}
