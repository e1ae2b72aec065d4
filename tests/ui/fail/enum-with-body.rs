// The variants come from the spec: an enum body is an error, not a place for extra variants.
sip::sip_codes! {
    #[spec = "specs/small.toml"]
    pub enum StatusCode {
        Teapot = 418,
    }
}

fn main() {
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
