// An [[update]]'s `name` must be an UpperCamelCase identifier: an error at the value.
sip::sip_codes! {
    #[spec = "specs/small.toml"]
    #[spec = "specs/rename-not-an-identifier.toml"]
    pub enum StatusCode;
}

fn main() {
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
