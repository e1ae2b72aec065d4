// The one bundled spec is `iana`, written as a bare word; a misspelt one is an error. (The
// file spec beside it keeps the invocation from also reporting a missing `#[spec]`.)
sip::sip_codes! {
    #[spec = "specs/small.toml"]
    #[spec = ianna]
    pub enum StatusCode;
}

fn main() {
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
