// Every problem in a spec is reported at once, in file order, not just the first.
sip::sip_codes! {
    #[spec = "specs/several-problems.toml"]
    pub enum StatusCode;
}

fn main() {
    // The stub keeps the well-formed entry, so code that names it still type-checks.
    let _ = StatusCode::Ringing.classify();
}
