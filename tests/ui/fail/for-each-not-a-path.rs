// `for_each!` takes the path of a macro; anything else is one error that says so.
sip::sip_codes! {
    #[spec = "specs/small.toml"]
    pub enum StatusCode;
}

status_code::for_each!("my_macro");

fn main() {}
