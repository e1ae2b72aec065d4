// `for_each!` given the name of a function: the compiler says it wanted a macro.
sip::sip_codes! {
    #[spec = "specs/small.toml"]
    pub enum StatusCode;
}

fn table() {}

status_code::for_each!(table);

fn main() {
    table();
}
