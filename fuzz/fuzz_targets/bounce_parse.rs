//! Any bytes into the bounce parser, as a stored mail and as text pasted
//! into the page: it must return, never panic. Records must also
//! serialise, since every adapter hands them on as JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = postvakt_core::bounce::parse_shown(data);
    if let Ok(b) = postvakt_core::bounce::parse(data) {
        for r in &b.records {
            assert!(r.diagnostic.len() <= 4096);
        }
        let _ = postvakt_core::bounce::advice::advice(
            b.records
                .first()
                .map_or(postvakt_core::bounce::Reason::Undefined, |r| r.reason),
            postvakt_core::Lang::Nb,
        );
    }
});
