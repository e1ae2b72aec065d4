//! Expands `specs/iana.toml` and prints the table: `cargo run --example table`.
//!
//! Pass codes or classes to narrow it: `cargo run --example table -- 486 6xx`.

sip::sip_codes! {
    /// The registry, expanded from the project's spec file.
    #[spec = "../../specs/iana.toml"]
    pub enum StatusCode;
}

fn main() {
    let filters: Vec<String> = std::env::args().skip(1).collect();
    let wanted = |status: &StatusCode| {
        filters.is_empty()
            || filters.iter().any(|f| {
                f == &status.code().to_string()
                    || f.eq_ignore_ascii_case(&format!("{}xx", status.class().digit()))
            })
    };
    println!("{:<4} {:<40} {:<15} references", "code", "reason phrase", "class");
    for status in StatusCode::ALL.iter().filter(|s| wanted(s)) {
        let mut phrase = status.reason_phrase().to_owned();
        if status.is_deprecated() {
            phrase.push_str(" (deprecated)");
        }
        println!(
            "{:<4} {:<40} {:<15} {}",
            status.code(),
            phrase,
            status.class(),
            status.references().iter().map(|r| r.title).collect::<Vec<_>>().join(", ")
        );
    }
}
