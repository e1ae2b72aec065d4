// `[[update]]` entries that cannot apply: a key an update may not change, a code no earlier
// spec defines, a code updated twice in one file, a code the same file defines, a misspelt
// key. Each is one error at the update's own place; the type is still generated.
sip::sip_codes! {
    #[spec = iana]
    #[spec = "specs/update-problems.toml"]
    pub enum StatusCode;
}

fn main() {
    let _ = StatusCode::BusyHere.to_q850();
}
