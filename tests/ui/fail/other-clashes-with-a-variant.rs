// `#[sip_codes(other)]` adds a variant `Other`; a spec that names a code `Other` is one error,
// at the option, naming the code's place.
sip::sip_codes! {
    #[spec = "specs/small.toml"]
    #[spec = "specs/named-other.toml"]
    #[sip_codes(other)]
    pub enum StatusCode;
}

fn main() {
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
