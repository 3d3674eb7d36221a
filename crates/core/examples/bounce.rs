//! Prints the bounce records of each mail file given, as JSON lines.
//! `cargo run -p postvakt-core --example bounce -- FILE...`

fn main() {
    for path in std::env::args().skip(1) {
        let raw = std::fs::read(&path).expect("readable file");
        match postvakt_core::bounce::parse(&raw) {
            Ok(b) => println!(
                "{path}: {}",
                serde_json::to_string_pretty(&b).expect("serialisable")
            ),
            Err(e) => println!("{path}: error {e}"),
        }
    }
}
