//! Providers' own meanings: the rules of `data/bounce/rhost.toml`.
//!
//! Some providers word their refusals their own way or put their own error
//! codes in them ("OFR_999", "AUP#CXBL", "IB212"): their documentation, not
//! the SMTP standards, says what those mean. A provider's rules apply to a
//! recipient only when the server that refused it is the provider's: the
//! Remote-MTA's name holds one of the provider's host names, one of them
//! ends with the recipient's domain, or the reply holds a sign only the
//! provider's servers write ("- gsmtp", Google's).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::Reason;
use super::phrases::TableError;

/// The provider table, compiled into the binary.
pub const RHOST_TABLE: (&str, &str) = (
    "rhost.toml",
    include_str!("../../../data/bounce/rhost.toml"),
);

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProviderEntry {
    hosts: Vec<String>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    markers: Vec<String>,
    #[serde(default)]
    signs: Vec<String>,
    #[serde(default)]
    codes: BTreeMap<String, String>,
    #[serde(default)]
    ranges: Vec<(u32, u32, String)>,
    #[serde(default)]
    statuses: BTreeMap<String, String>,
    #[serde(default)]
    reasons: BTreeMap<String, Vec<TextEntry>>,
    #[serde(default)]
    commands: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum TextEntry {
    Plain(String),
    Scoped {
        text: String,
        #[serde(default)]
        status: Option<String>,
        #[serde(default)]
        reply: Option<String>,
    },
}

/// A wording, with the status (or range of statuses) or reply code the
/// failure must also have.
#[derive(Debug)]
struct Wording {
    text: String,
    status: Option<(String, String)>,
    reply: Option<String>,
}

/// One provider's compiled rules.
#[derive(Debug)]
pub struct Provider {
    /// The table's name for the provider.
    pub name: String,
    hosts: Vec<String>,
    code: Option<regex_lite::Regex>,
    markers: Vec<String>,
    /// Texts only this provider's servers write in a reply: they name it
    /// where the report names no server of its.
    signs: Vec<String>,
    codes: Vec<(String, Reason)>,
    ranges: Vec<(u32, u32, Reason)>,
    statuses: Vec<(String, Reason)>,
    wordings: Vec<(Wording, Reason)>,
    commands: Vec<(String, Reason)>,
}

/// What the provider rules look at.
#[derive(Debug, Clone, Copy)]
pub struct Failure<'a> {
    /// The Remote-MTA as the report gives it.
    pub remote_mta: &'a str,
    /// The recipient address.
    pub recipient: &'a str,
    /// The diagnostic, lower case.
    pub lower: &'a str,
    /// The enhanced status code, or "".
    pub status: &'a str,
    /// The SMTP reply code, or "".
    pub reply: &'a str,
    /// The SMTP command, or "".
    pub command: &'a str,
}

fn reason_of(file: &str, name: &str, reason: &str) -> Result<Reason, TableError> {
    Reason::from_name(reason).ok_or_else(|| TableError::UnknownReason {
        file: file.into(),
        name: format!("{name}: {reason}"),
    })
}

fn bad(file: &str, name: &str, phrase: &str) -> TableError {
    TableError::BadPhrase {
        file: file.into(),
        name: name.into(),
        phrase: phrase.into(),
    }
}

/// Parses and checks the provider table: reason names, lower-case texts and
/// hosts, patterns that compile and have a group.
pub fn load(file: &str, text: &str) -> Result<Vec<Provider>, TableError> {
    let all: BTreeMap<String, ProviderEntry> =
        toml::from_str(text).map_err(|e| TableError::Syntax {
            file: file.into(),
            problem: e.message().to_string(),
        })?;
    let lower_ok = |s: &str| !s.is_empty() && s.to_lowercase() == s;
    let mut out = Vec::new();
    for (name, e) in all {
        if e.hosts.is_empty() || !e.hosts.iter().all(|h| lower_ok(h)) {
            return Err(bad(file, &name, "hosts must be lower-case names"));
        }
        if let Some(sign) = e.signs.iter().find(|s| !lower_ok(s)) {
            return Err(bad(file, &name, sign));
        }
        let code = match &e.code {
            Some(p) => {
                let re = regex_lite::Regex::new(p).map_err(|_| bad(file, &name, p))?;
                if re.captures_len() < 2 || e.markers.is_empty() {
                    return Err(bad(file, &name, p));
                }
                Some(re)
            }
            None => None,
        };
        let pairs = |m: &BTreeMap<String, String>| -> Result<Vec<(String, Reason)>, TableError> {
            m.iter()
                .map(|(k, r)| Ok((k.clone(), reason_of(file, &name, r)?)))
                .collect()
        };
        let mut wordings = Vec::new();
        for (reason, texts) in &e.reasons {
            let r = reason_of(file, &name, reason)?;
            for t in texts {
                let w = match t {
                    TextEntry::Plain(text) => Wording {
                        text: text.clone(),
                        status: None,
                        reply: None,
                    },
                    TextEntry::Scoped {
                        text,
                        status,
                        reply,
                    } => Wording {
                        text: text.clone(),
                        status: status.as_ref().map(|s| match s.split_once("..") {
                            Some((a, b)) => (a.to_string(), b.to_string()),
                            None => (s.clone(), s.clone()),
                        }),
                        reply: reply.clone(),
                    },
                };
                if !lower_ok(&w.text) {
                    return Err(bad(file, &name, &w.text));
                }
                wordings.push((w, r));
            }
        }
        out.push(Provider {
            hosts: e.hosts,
            code,
            markers: e.markers,
            signs: e.signs,
            codes: pairs(&e.codes)?,
            ranges: e
                .ranges
                .iter()
                .map(|(a, b, r)| Ok((*a, *b, reason_of(file, &name, r)?)))
                .collect::<Result<_, TableError>>()?,
            statuses: pairs(&e.statuses)?,
            wordings,
            commands: pairs(&e.commands)?,
            name,
        });
    }
    Ok(out)
}

/// The providers, with their host names compiled for lookups.
struct Providers {
    list: Vec<Provider>,
    /// Every host name of every provider, by pattern id.
    names: aho_corasick::AhoCorasick,
    /// Pattern id -> provider index.
    name_owner: Vec<usize>,
    /// Each host name and every tail of it at a label boundary
    /// ("mail.icloud.com", "icloud.com", "com" for ".mail.icloud.com")
    /// -> provider index, for recipients' domains.
    tails: std::collections::HashMap<String, usize>,
    /// Every sign of every provider, its searcher built once, and the
    /// provider's index.
    signs: Vec<(memchr::memmem::Finder<'static>, usize)>,
}

fn providers() -> &'static Providers {
    static P: OnceLock<Providers> = OnceLock::new();
    P.get_or_init(|| {
        // The shipped table is checked by a test; a broken one would only
        // switch the provider rules off.
        let list = load(RHOST_TABLE.0, RHOST_TABLE.1).unwrap_or_default();
        let mut patterns = Vec::new();
        let mut name_owner = Vec::new();
        let mut tails = std::collections::HashMap::new();
        for (i, p) in list.iter().enumerate() {
            for h in &p.hosts {
                patterns.push(h.clone());
                name_owner.push(i);
                let mut tail = h.trim_start_matches('.');
                loop {
                    tails.entry(tail.to_string()).or_insert(i);
                    match tail.split_once('.') {
                        Some((_, rest)) if rest.contains('.') => tail = rest,
                        _ => break,
                    }
                }
            }
        }
        let signs = list
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                p.signs
                    .iter()
                    .map(move |s| (memchr::memmem::Finder::new(s.as_bytes()).into_owned(), i))
            })
            .collect();
        let names = aho_corasick::AhoCorasick::new(&patterns)
            .unwrap_or_else(|_| aho_corasick::AhoCorasick::new([""; 0]).expect("empty set"));
        Providers {
            list,
            names,
            name_owner,
            tails,
            signs,
        }
    })
}

/// The host a record's remote MTA names, lower case, for the lookup.
fn host_of(remote_mta: &str) -> String {
    crate::bounce::dsn::mta_name(remote_mta).to_ascii_lowercase()
}

/// The provider whose host refused the recipient, if one has rules: by the
/// Remote-MTA's name, else by the recipient's domain, else by a sign of
/// the provider's in the diagnostic (`lower`, lower case), which is how a
/// reply copied on its own ("… - gsmtp") still says whose it is.
pub fn provider_for(remote_mta: &str, recipient: &str, lower: &str) -> Option<&'static Provider> {
    let p = providers();
    let host = host_of(remote_mta);
    let by_host = p
        .names
        .find_iter(host.as_str())
        .map(|m| p.name_owner[m.pattern().as_usize()])
        .min();
    let by_domain = || {
        let domain = recipient.rsplit_once('@')?.1.to_ascii_lowercase();
        if !domain.contains('.') {
            return None;
        }
        p.tails.get(&domain).copied()
    };
    let by_sign = || {
        p.signs
            .iter()
            .find(|(sign, _)| sign.find(lower.as_bytes()).is_some())
            .map(|&(_, i)| i)
    };
    by_host
        .or_else(by_domain)
        .or_else(by_sign)
        .map(|i| &p.list[i])
}

/// True for a status within `first..=last` (same class and subject, detail
/// compared as numbers).
fn status_in(status: &str, first: &str, last: &str) -> bool {
    if first == last {
        return status == first;
    }
    let split = |s: &str| {
        s.rsplit_once('.')
            .map(|(p, d)| (p.to_string(), d.parse::<u32>().ok()))
    };
    match (split(status), split(first), split(last)) {
        (Some((p, Some(d))), Some((pf, Some(a))), Some((pl, Some(b)))) => {
            p == pf && p == pl && (a..=b).contains(&d)
        }
        _ => false,
    }
}

impl Provider {
    /// What the provider's rules make of a failure, if anything.
    pub fn reason(&self, f: &Failure<'_>) -> Option<Reason> {
        // The pattern is looked for from the first marker on: the table's
        // matches start with one, and the engine (regex-lite's PikeVM) pays
        // for every byte it passes.
        let first_marker = || {
            self.markers
                .iter()
                .filter_map(|m| memchr::memmem::find(f.lower.as_bytes(), m.as_bytes()))
                .min()
        };
        if let Some(code) = self
            .code
            .as_ref()
            .and_then(|re| re.captures_at(f.lower, first_marker()?))
            .and_then(|c| c.get(1))
        {
            let code = code.as_str();
            let listed = self.codes.iter().find(|(k, _)| k == code).map(|(_, r)| *r);
            let ranged = || {
                let n = code.parse::<u32>().ok()?;
                self.ranges
                    .iter()
                    .find(|(a, b, _)| (*a..=*b).contains(&n))
                    .map(|(_, _, r)| *r)
            };
            let other = || self.codes.iter().find(|(k, _)| k == "*").map(|(_, r)| *r);
            if let Some(r) = listed.or_else(ranged).or_else(other) {
                return Some(r);
            }
        }
        if let Some((_, r)) = self.statuses.iter().find(|(s, _)| s == f.status) {
            return Some(*r);
        }
        let fits = |w: &Wording| {
            w.status
                .as_ref()
                .is_none_or(|(a, b)| status_in(f.status, a, b))
                && w.reply.as_ref().is_none_or(|r| r == f.reply)
                && f.lower.contains(w.text.as_str())
        };
        if let Some((_, r)) = self.wordings.iter().find(|(w, _)| fits(w)) {
            return Some(*r);
        }
        if f.status.is_empty() || f.status.ends_with(".0.0") {
            return self
                .commands
                .iter()
                .find(|(c, _)| c == f.command)
                .map(|(_, r)| *r);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_table_loads() {
        let p = load(RHOST_TABLE.0, RHOST_TABLE.1).unwrap();
        assert!(p.len() >= 10);
    }

    fn failure<'a>(remote: &'a str, lower: &'a str, status: &'a str) -> Failure<'a> {
        Failure {
            remote_mta: remote,
            recipient: "x@example.org",
            lower,
            status,
            reply: "550",
            command: "",
        }
    }

    #[test]
    fn codes_hosts_and_wordings() {
        let orange = provider_for("dns; smtp-in.orange.fr", "", "").unwrap();
        assert_eq!(orange.name, "franceptt");
        let f = failure("", "421 service refuse. ofr_999 [999]", "4.0.0");
        assert_eq!(orange.reason(&f), Some(Reason::Blocked));
        let f = failure("", "550 5.5.0 service refuse. lpn001_108", "5.5.0");
        assert_eq!(orange.reason(&f), Some(Reason::Undefined));
        // The recipient's domain stands in for a missing Remote-MTA.
        assert_eq!(
            provider_for("", "someone@laposte.net", "").map(|p| p.name.as_str()),
            Some("franceptt")
        );
        assert!(provider_for("mx.example.net", "a@e.com", "").is_none());
        // A sign of the provider's in the reply stands in for both.
        let copied =
            "550 5.7.1 our system has detected an unusual rate of unsolicited mail - gsmtp";
        assert_eq!(
            provider_for("", "a@e.com", copied).map(|p| p.name.as_str()),
            Some("google")
        );
        assert!(provider_for("", "a@e.com", "550 5.7.1 rejected by gsmtp.example.net").is_none());
        let exchange = "550 5.7.708 access denied [am4pepf00025f9a.eurprd83.prod.outlook.com]";
        assert_eq!(
            provider_for("", "a@e.com", exchange).map(|p| p.name.as_str()),
            Some("microsoft")
        );
        // A sender's own Exchange names itself without brackets ("Generating
        // server: …", "Received: from …"): not a sign of who refused.
        let generated = "generating server: am0pr01mb1234.eurprd01.prod.outlook.com\n550 5.1.1";
        assert!(provider_for("", "a@e.com", generated).is_none());
        let kddi = provider_for("lsean.ezweb.ne.jp. (27.85.176.228, the server)", "", "").unwrap();
        let f = failure("", "550 <a@ezweb.ne.jp>: user unknown", "5.0.0");
        assert_eq!(kddi.reason(&f), Some(Reason::UserUnknown));
        let exo = provider_for("x.mail.protection.outlook.com", "", "").unwrap();
        assert_eq!(exo.name, "microsoft");
        let f = failure(
            "",
            "550 5.7.606 access denied, banned sending ip ",
            "5.7.606",
        );
        assert_eq!(exo.reason(&f), Some(Reason::Blocked));
        assert!(status_in("5.7.620", "5.7.606", "5.7.649"));
        assert!(!status_in("5.7.650", "5.7.606", "5.7.649"));
    }
}
