// An [[update]] that renames 200 to the name 486 has: one error at the new name, naming
// 486's place.
sip::sip_codes! {
    #[spec = "specs/small.toml"]
    #[spec = "specs/rename-clash.toml"]
    pub enum StatusCode;
}

fn main() {
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
