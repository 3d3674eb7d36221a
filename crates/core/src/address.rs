//! Mail addresses as the policy rules compare them.
//!
//! The rules only need two things from an address: a canonical form to
//! compare and count (recipients, aliases), and its domain. Both are
//! deliberately simple: the SMTP server has already parsed the envelope, so
//! this is not an RFC 5321 parser. An address is compared
//! case-insensitively as a whole (local parts are case-sensitive in theory,
//! in no mail system a user meets), without surrounding angle brackets,
//! spaces or a trailing dot on the domain.

/// Longest address accepted (RFC 5321 path limit); longer input is not an
/// address, which bounds the work done on it.
pub const MAX_LEN: usize = 256;

/// The canonical form of `address`: trimmed, without `<>`, lower-case
/// (ASCII), without a trailing dot. `None` when it has no `@` with text on
/// both sides, or is too long.
pub fn canonical(address: &str) -> Option<String> {
    let a = address.trim();
    if a.len() > MAX_LEN {
        return None;
    }
    let a = a
        .strip_prefix('<')
        .and_then(|a| a.strip_suffix('>'))
        .unwrap_or(a)
        .trim();
    let (local, domain) = a.rsplit_once('@')?;
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    if local.is_empty() || domain.is_empty() || domain.contains(['<', '>', ' ']) {
        return None;
    }
    Some(format!(
        "{}@{}",
        local.to_ascii_lowercase(),
        domain.to_ascii_lowercase()
    ))
}

/// The domain of a canonical address (everything after the last `@`).
pub fn domain(canonical: &str) -> &str {
    canonical.rsplit_once('@').map_or("", |(_, d)| d)
}

/// Whether `domain` is `parent` or a subdomain of it (both lower-case).
pub fn within(domain: &str, parent: &str) -> bool {
    domain == parent
        || domain
            .strip_suffix(parent)
            .is_some_and(|rest| rest.ends_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        assert_eq!(
            canonical(" <Ola.Nordmann@Lyse.NET.> ").as_deref(),
            Some("ola.nordmann@lyse.net")
        );
        assert_eq!(
            canonical("\"a@b\"@example.no").as_deref(),
            Some("\"a@b\"@example.no")
        );
        assert_eq!(canonical("no-at-sign"), None);
        assert_eq!(canonical("@lyse.net"), None);
        assert_eq!(canonical("ola@"), None);
        assert_eq!(canonical("<>"), None);
        assert_eq!(canonical(&"a".repeat(300)), None);
    }

    #[test]
    fn domains() {
        assert_eq!(domain("ola@lyse.net"), "lyse.net");
        assert!(within("mail.gmail.com", "gmail.com"));
        assert!(within("gmail.com", "gmail.com"));
        assert!(!within("notgmail.com", "gmail.com"));
    }
}
