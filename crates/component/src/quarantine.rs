//! The `quarantine` interface.

use postvakt_core::quarantine::{self, LinkError};

use crate::Component;
use crate::bindings::exports::postvakt::mail::quarantine::{self as wit, Guest};
use crate::bindings::exports::postvakt::mail::types::{Lang, ProfileBorrow};

fn error(e: &LinkError) -> wit::Error {
    match e {
        LinkError::NotConfigured => wit::Error::NotConfigured,
        LinkError::WeakKey => wit::Error::WeakKey,
        LinkError::BadAccount { account } => wit::Error::BadAccount(account.clone()),
        LinkError::Malformed => wit::Error::Malformed,
        LinkError::Foreign { issuer } => wit::Error::Foreign(issuer.clone()),
        LinkError::Tampered => wit::Error::Tampered,
        LinkError::Expired { at, .. } => wit::Error::Expired(*at),
        other => wit::Error::Other(other.to_string()),
    }
}

impl Guest for Component {
    fn issue(
        policy: ProfileBorrow<'_>,
        key: Vec<u8>,
        account: String,
        now: u64,
    ) -> Result<String, wit::Error> {
        quarantine::issue(policy.get(), &key, &account, now).map_err(|e| error(&e))
    }

    fn verify(
        policy: ProfileBorrow<'_>,
        key: Vec<u8>,
        token: String,
        now: u64,
        lang: Lang,
    ) -> Result<wit::LinkClaims, wit::LinkFailure> {
        quarantine::verify(policy.get(), &key, &token, now)
            .map(|c| wit::LinkClaims {
                account: c.account,
                issued: c.issued,
                expires: c.expires,
            })
            .map_err(|e| wit::LinkFailure {
                error: error(&e),
                message: e.message(crate::lang(lang)),
            })
    }
}
