// An invocation without `#[spec = ...]`: the error is spanned on the enum's name.
sip::sip_codes! {
    /// Doc comments are not specs.
    pub enum StatusCode;
}

fn main() {
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
