// An enum named in snake_case would share its name with the generated matcher module
// (`status_code` for `StatusCode`): one clear error instead of dozens from the expansion.
sip::sip_codes! {
    #[spec = "specs/small.toml"]
    #[allow(non_camel_case_types)]
    pub enum status;
}

fn main() {}
