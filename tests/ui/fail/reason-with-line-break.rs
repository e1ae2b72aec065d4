// A Reason-Phrase with CR LF, which would end the status line.
sip::sip_codes! {
    #[spec = "specs/reason-with-line-break.toml"]
    pub enum StatusCode;
}

fn main() {
    // The stub type still type-checks: the spec's error is the only one.
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
