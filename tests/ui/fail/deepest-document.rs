// The deepest document the reader takes (64 nested arrays) is parsed and dropped inside
// rustc without trouble: the only error is the reader's, about the key it does not know.
sip::sip_codes! {
    #[spec = "specs/deepest-document.toml"]
    pub enum StatusCode;
}

fn main() {
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
