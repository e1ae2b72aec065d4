// A spec path that names no file: the message shows the path resolved next to this file.
sip::sip_codes! {
    #[spec = "specs/no-such-file.toml"]
    pub enum StatusCode;
}

fn main() {
    // The stub type still type-checks: the spec's error is the only one.
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
