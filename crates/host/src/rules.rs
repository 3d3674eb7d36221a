//! One live instance of the plugin with one profile loaded.

use postvakt_core::{Finding, Lang};
use wasmtime::Store;
use wasmtime::component::ResourceAny;

use crate::plugin::{Sandbox, bindings};
use crate::{HostError, Plugin};
use bindings::exports::postvakt::mail::types as wit;

/// Where the profile comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileSource {
    /// A preset shipped with postvakt, by name.
    Preset(String),
    /// A profile TOML, with the file name used in errors.
    Toml {
        /// The TOML text.
        text: String,
        /// The file it came from.
        file: String,
    },
}

struct Live {
    store: Store<Sandbox>,
    bindings: bindings::Plugin,
    profile: ResourceAny,
}

/// The plugin's rules for one profile.
///
/// Holds a live instance between calls (instantiating per call would cost
/// more than most rules). A call that traps drops the instance; the next
/// call builds a new one and reloads the profile.
pub struct Rules {
    plugin: Plugin,
    source: ProfileSource,
    live: Option<Live>,
}

impl Rules {
    /// Instantiates the plugin and loads the profile, so a bad profile is an
    /// error now rather than at the first check.
    pub fn new(plugin: &Plugin, source: ProfileSource) -> crate::Result<Rules> {
        let mut rules = Rules { plugin: plugin.clone(), source, live: None };
        rules.live()?;
        Ok(rules)
    }

    fn live(&mut self) -> crate::Result<&mut Live> {
        if self.live.is_none() {
            let (mut store, bindings) = self.plugin.instantiate()?;
            let guest = bindings.postvakt_mail_types().profile();
            let loaded = match &self.source {
                ProfileSource::Preset(name) => guest.call_preset(&mut store, name),
                ProfileSource::Toml { text, file } => guest.call_parse(&mut store, text, file),
            }
            .map_err(|e| HostError::Plugin(e.to_string()))?;
            let profile = loaded.map_err(|e| HostError::Profile(describe(e)))?;
            self.live = Some(Live { store, bindings, profile });
        }
        Ok(self.live.as_mut().expect("just set"))
    }

    /// Runs one call into the plugin with a fresh fuel budget; a trap drops
    /// the instance.
    fn call<T>(
        &mut self,
        f: impl FnOnce(&mut Store<Sandbox>, &bindings::Plugin, ResourceAny) -> wasmtime::Result<T>,
    ) -> crate::Result<T> {
        let fuel = self.plugin.fuel_per_call();
        let live = self.live()?;
        live.store.set_fuel(fuel).map_err(|e| HostError::Plugin(e.to_string()))?;
        match f(&mut live.store, &live.bindings, live.profile) {
            Ok(v) => Ok(v),
            Err(e) => {
                self.live = None;
                Err(HostError::Plugin(e.to_string()))
            }
        }
    }

    /// The loaded profile's name.
    pub fn profile_name(&mut self) -> crate::Result<String> {
        self.call(|store, b, p| b.postvakt_mail_types().profile().call_name(store, p))
    }

    /// The password policy's findings for `password`, in `lang`.
    pub fn password_check(&mut self, password: &str, lang: Lang) -> crate::Result<Vec<Finding>> {
        let found = self.call(|store, b, p| b.postvakt_mail_password().call_check(store, p, password, wit_lang(lang)))?;
        Ok(found.into_iter().map(finding).collect())
    }
}

pub(crate) fn wit_lang(lang: Lang) -> wit::Lang {
    match lang {
        Lang::En => wit::Lang::En,
        Lang::Nb => wit::Lang::Nb,
        Lang::Sv => wit::Lang::Sv,
        Lang::Da => wit::Lang::Da,
    }
}

pub(crate) fn finding(f: wit::Finding) -> Finding {
    Finding { code: f.code.into(), message: f.message }
}

fn describe(e: wit::Error) -> String {
    match e {
        wit::Error::UnknownProfile(s) | wit::Error::InvalidProfile(s) | wit::Error::Other(s) => s,
    }
}
