// A token RFC 3261's grammar does not allow (a space): an error at the token.
sip::sip_codes! {
    #[spec = "specs/bad-token.toml"]
    pub enum ReasonProtocol;
}

fn main() {
    let _ = ReasonProtocol::ALL;
}
