// An empty Reason-Phrase.
sip::sip_codes! {
    #[spec = "specs/empty-reason.toml"]
    pub enum StatusCode;
}

fn main() {
    // The stub type still type-checks: the spec's error is the only one.
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
