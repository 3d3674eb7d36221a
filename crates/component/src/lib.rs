//! postvakt's core as a WebAssembly component.
//!
//! Built for `wasm32-unknown-unknown` and wrapped with
//! `wasm-tools component new`, so the component imports nothing but
//! postvakt's own WIT: any component host can run it. Every function here
//! translates WIT types to core types and back; the rules are in
//! `postvakt-core`.
#![allow(missing_docs)] // the generated bindings are documented by wit/

// The generated ABI glue (bindings and export table) is the only unsafe code
// in the component: the workspace denies `unsafe_code`, so it is allowed
// here and nowhere else.
#[allow(unsafe_code)]
mod bindings {
    wit_bindgen::generate!({
        path: "../../wit",
        world: "plugin",
        pub_export_macro: true,
    });

    use super::Component;
    export!(Component with_types_in self);
}

mod attachments;
mod bounce;
mod forwarding;
mod lifecycle;
mod password;
mod plans;
mod quarantine;
mod relay;
mod sending;
mod smtp;
mod totp;
mod types;

use bindings::exports::postvakt::mail::types::Lang as WitLang;
use postvakt_core::Lang;

/// The component's export table.
struct Component;

fn lang(l: WitLang) -> Lang {
    match l {
        WitLang::En => Lang::En,
        WitLang::Nb => Lang::Nb,
        WitLang::Sv => Lang::Sv,
        WitLang::Da => Lang::Da,
    }
}
