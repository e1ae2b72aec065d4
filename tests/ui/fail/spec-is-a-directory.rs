// A spec path that names a directory.
sip::sip_codes! {
    #[spec = "specs"]
    pub enum StatusCode;
}

fn main() {
    // The stub type still type-checks: the spec's error is the only one.
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
