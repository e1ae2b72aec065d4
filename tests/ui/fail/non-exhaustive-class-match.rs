// The same for a per-class enum: a match that lists the 4xx codes one by one and forgets one
// fails with E0004, while the other classes take one arm each.
sip::sip_codes! {
    #[spec = "specs/small.toml"]
    pub enum StatusCode;
}

use status_code::{Classified, ClientError};

fn retry_later(status: StatusCode) -> bool {
    match status.classify() {
        Classified::ClientError(code) => match code {
            ClientError::BadRequest => false,
        },
        Classified::GlobalFailure(_) => true,
        Classified::Provisional(_)
        | Classified::Success(_)
        | Classified::Redirection(_)
        | Classified::ServerError(_) => false,
    }
}

fn main() {
    assert!(retry_later(StatusCode::BusyEverywhere));
}
