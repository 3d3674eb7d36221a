//! postvakt's core as a WebAssembly component.
//!
//! Built for `wasm32-unknown-unknown` and wrapped with
//! `wasm-tools component new`, so the component imports nothing but
//! postvakt's own WIT: any component host can run it. Every function here
//! translates WIT types to core types and back; the rules are in
//! `postvakt-core`.
#![allow(missing_docs)] // the generated bindings are documented by wit/

// The generated bindings are the one place that needs `unsafe` (the
// canonical ABI glue); the workspace denies it everywhere else.
#[allow(unsafe_code)]
mod bindings {
    wit_bindgen::generate!({
        path: "../../wit",
        world: "plugin",
        pub_export_macro: true,
    });
}

mod bounce;
mod password;
mod types;

use bindings::exports::postvakt::mail::types::Lang as WitLang;
use postvakt_core::Lang;

/// The component's export table.
struct Component;

#[allow(unsafe_code)]
mod export {
    use super::{Component, bindings};
    bindings::export!(Component with_types_in bindings);
}

fn lang(l: WitLang) -> Lang {
    match l {
        WitLang::En => Lang::En,
        WitLang::Nb => Lang::Nb,
        WitLang::Sv => Lang::Sv,
        WitLang::Da => Lang::Da,
    }
}
