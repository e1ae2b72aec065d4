// Reason protocols compare in any case, so `sip` and `SIP` are one token defined twice.
sip::sip_codes! {
    #[spec = "specs/case-duplicate-token.toml"]
    pub enum ReasonProtocol;
}

fn main() {
    let _ = ReasonProtocol::ALL;
}
