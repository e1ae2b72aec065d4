// One level deeper than a spec may nest is refused before the TOML parser sees it, at the
// bracket that goes too deep.
sip::sip_codes! {
    #[spec = "specs/too-deep.toml"]
    pub enum StatusCode;
}

fn main() {
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
