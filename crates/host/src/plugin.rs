//! Compiling and pre-linking the component.

use std::path::Path;

use wasmtime::component::{Component, InstancePre, Linker};
use wasmtime::{Config, Engine, Store, StoreLimits, StoreLimitsBuilder};

use crate::HostError;

// The generated types are documented in wit/, which is where to read them.
#[allow(missing_docs)]
pub(crate) mod bindings {
    wasmtime::component::bindgen!({
        path: "../../wit",
        world: "plugin",
    });
}

/// Sandbox bounds for each instance.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most linear memory an instance may grow to, in bytes.
    pub memory_bytes: usize,
    /// Fuel (roughly, wasm instructions) one call may burn.
    pub fuel_per_call: u64,
}

impl Default for Limits {
    fn default() -> Self {
        // Room for a 20 MB mail and its parse; a few seconds of work at most.
        Limits {
            memory_bytes: 512 << 20,
            fuel_per_call: 20_000_000_000,
        }
    }
}

/// The per-store state: only the memory limiter. The component imports
/// nothing, so the host offers it nothing else.
pub(crate) struct Sandbox {
    limits: StoreLimits,
}

/// The compiled, pre-linked component. Clone is cheap (shared handles).
#[derive(Clone)]
pub struct Plugin {
    engine: Engine,
    pre: InstancePre<Sandbox>,
    limits: Limits,
}

impl Plugin {
    /// Compiles the component at `path`.
    pub fn from_file(path: impl AsRef<Path>, limits: Limits) -> crate::Result<Plugin> {
        let path = path.as_ref();
        let bytes =
            std::fs::read(path).map_err(|e| HostError::Load(format!("{}: {e}", path.display())))?;
        Plugin::from_bytes(&bytes, limits)
    }

    /// Compiles a component from its bytes.
    pub fn from_bytes(bytes: &[u8], limits: Limits) -> crate::Result<Plugin> {
        let mut config = Config::new();
        config.consume_fuel(true);
        let engine = Engine::new(&config).map_err(|e| HostError::Load(e.to_string()))?;
        let component =
            Component::from_binary(&engine, bytes).map_err(|e| HostError::Load(e.to_string()))?;
        let linker = Linker::<Sandbox>::new(&engine);
        let pre = linker
            .instantiate_pre(&component)
            .map_err(|e| HostError::Load(e.to_string()))?;
        Ok(Plugin {
            engine,
            pre,
            limits,
        })
    }

    /// Every import the component declares, by name. postvakt's component
    /// declares none outside its own WIT package.
    pub fn imports(&self) -> Vec<String> {
        let ty = self.pre.component().component_type();
        ty.imports(&self.engine)
            .map(|(name, _)| name.to_string())
            .collect()
    }

    /// Every export the component declares, by name.
    pub fn exports(&self) -> Vec<String> {
        let ty = self.pre.component().component_type();
        ty.exports(&self.engine)
            .map(|(name, _)| name.to_string())
            .collect()
    }

    /// A fresh, isolated instance.
    pub(crate) fn instantiate(&self) -> crate::Result<(Store<Sandbox>, bindings::Plugin)> {
        let limits = StoreLimitsBuilder::new()
            .memory_size(self.limits.memory_bytes)
            .trap_on_grow_failure(true)
            .build();
        let mut store = Store::new(&self.engine, Sandbox { limits });
        store.limiter(|s| &mut s.limits);
        store
            .set_fuel(self.limits.fuel_per_call)
            .map_err(|e| HostError::Load(e.to_string()))?;
        let pre = bindings::PluginPre::new(self.pre.clone())
            .map_err(|e| HostError::Load(e.to_string()))?;
        let instance = pre
            .instantiate(&mut store)
            .map_err(|e| HostError::Plugin(e.to_string()))?;
        Ok((store, instance))
    }

    pub(crate) fn fuel_per_call(&self) -> u64 {
        self.limits.fuel_per_call
    }
}
