//! The `types` interface: the profile resource.

use postvakt_core::{Profile, ProfileError};

use crate::bindings::exports::postvakt::mail::types::{Error, Guest, GuestProfile, Profile as WitProfile};
use crate::Component;

impl Guest for Component {
    type Profile = Profile;
}

fn error(e: ProfileError) -> Error {
    match e {
        ProfileError::UnknownPreset { .. } => Error::UnknownProfile(e.to_string()),
        other => Error::InvalidProfile(other.to_string()),
    }
}

impl GuestProfile for Profile {
    fn preset(name: String) -> Result<WitProfile, Error> {
        Profile::preset(&name).map(WitProfile::new).map_err(error)
    }

    fn parse(toml: String, file: String) -> Result<WitProfile, Error> {
        Profile::from_toml(&toml, &file).map(WitProfile::new).map_err(error)
    }

    fn name(&self) -> String {
        self.name.clone()
    }
}
