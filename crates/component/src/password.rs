//! The `password` interface.

use postvakt_core::password;

use crate::bindings::exports::postvakt::mail::password::Guest;
use crate::bindings::exports::postvakt::mail::types::{Finding, Lang, ProfileBorrow};
use crate::Component;

impl Guest for Component {
    fn check(policy: ProfileBorrow<'_>, password: String, lang: Lang) -> Vec<Finding> {
        let profile: &postvakt_core::Profile = policy.get();
        password::findings(&profile.password, &password, crate::lang(lang))
            .into_iter()
            .map(|f| Finding { code: f.code.into_owned(), message: f.message })
            .collect()
    }
}
