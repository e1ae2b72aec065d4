// A misspelt key gets a suggestion, and the entry it sits in still becomes a variant:
// `main` names `BusyHere`, and the spec's error is the only one.
sip::sip_codes! {
    #[spec = "specs/misspelt-key.toml"]
    pub enum StatusCode;
}

fn main() {
    let _ = StatusCode::BusyHere.reason_phrase();
}
