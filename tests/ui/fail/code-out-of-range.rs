// A code outside 100..=699, such as the 7xx codes stacks use internally.
sip::sip_codes! {
    #[spec = "specs/code-out-of-range.toml"]
    pub enum StatusCode;
}

fn main() {
    // The stub type still type-checks: the spec's error is the only one.
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
