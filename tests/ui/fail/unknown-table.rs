// A table the generator does not know: the error lists those it does.
sip::sip_codes! {
    #[spec = "specs/unknown-table.toml"]
    pub enum Codes;
}

fn main() {}
