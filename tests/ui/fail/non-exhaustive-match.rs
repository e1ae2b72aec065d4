// A match on the generated enum that forgets a code fails with E0004: when the spec gains a
// code, the compiler points at the matches that must handle it.
sip::sip_codes! {
    #[spec = "specs/small.toml"]
    pub enum StatusCode;
}

fn retry_later(status: StatusCode) -> bool {
    match status {
        StatusCode::Trying
        | StatusCode::Ringing
        | StatusCode::SessionProgress
        | StatusCode::Ok
        | StatusCode::MultipleChoices
        | StatusCode::BadRequest
        | StatusCode::ServerInternalError => false,
        StatusCode::BusyHere => true,
    }
}

fn main() {
    assert!(retry_later(StatusCode::BusyHere));
}
