// Attributes on the invocation pass through to the enum as written, spans included: an
// error in one points at the attribute in this file, not at the whole macro call.
sip::sip_codes! {
    #[spec = "specs/small.toml"]
    #[derive(NoSuchDerive)]
    pub enum StatusCode;
}

fn main() {}
