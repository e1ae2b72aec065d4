// `#[sip_codes(other)]` is for response codes: on a spec of Warning codes it is one error, at
// the option.
sip::sip_codes! {
    #[spec = "specs/warning-codes-small.toml"]
    #[sip_codes(other)]
    pub enum WarnCode;
}

fn main() {
    let _ = WarnCode::ALL;
}
