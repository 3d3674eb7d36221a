//! Helpers for the host tests: where the built component and the shared
//! vectors are.

use std::path::PathBuf;

use postvakt_host::{Limits, Plugin};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The component built by `scripts/build-wasm.sh`
/// (or `$POSTVAKT_COMPONENT`).
pub fn component_path() -> PathBuf {
    std::env::var_os("POSTVAKT_COMPONENT")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/postvakt.wasm"))
}

/// The built component, compiled. Panics with the command to run when the
/// file is missing: these tests check the built artifact, never a stand-in.
pub fn plugin() -> Plugin {
    let path = component_path();
    assert!(
        path.exists(),
        "{} is missing: run scripts/build-wasm.sh first (scripts/test.sh does)",
        path.display()
    );
    Plugin::from_file(&path, Limits::default()).expect("component loads")
}

/// A shared vector file under `tests/vectors/`.
pub fn vectors(name: &str) -> serde_json::Value {
    let path = root().join("tests/vectors").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).expect("vector file")).expect("vector JSON")
}
