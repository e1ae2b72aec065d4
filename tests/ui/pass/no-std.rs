// A `#![no_std]` crate. A trybuild pass test is a binary that must run, and `fn main` needs
// std's runtime (`lang_start`, the panic handler), so std is linked with `extern crate std as
// _;`: linked but never named, it adds nothing to this crate's prelude or extern prelude.
// Everything here, the expansion included, sees only `core`, as in a real no_std library.
#![no_std]
#![deny(warnings)]

extern crate std as _;

use core::fmt::Write;

sip::sip_codes! {
    /// IANA's codes in a no_std crate.
    #[spec = iana]
    pub enum StatusCode;
}

/// `Display` without an allocator: writes into a fixed buffer.
struct Line {
    bytes: [u8; 64],
    len: usize,
}

impl Write for Line {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let end = self.len + s.len();
        self.bytes.get_mut(self.len..end).ok_or(core::fmt::Error)?.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

fn main() {
    let mut line = Line { bytes: [0; 64], len: 0 };
    write!(line, "{}", StatusCode::ServerTimeOut).unwrap();
    assert_eq!(&line.bytes[..line.len], b"504 Server Time-out");

    assert_eq!("504 server time-out".parse::<StatusCode>(), Ok(StatusCode::ServerTimeOut));
    assert_eq!(StatusCode::from_bytes(b"183"), Ok(StatusCode::SessionProgress));
    assert_eq!(StatusCode::interpret(599), Some(StatusCode::ServerInternalError));
    assert_eq!(StatusCode::interpret(700), None);
    assert!(matches!(
        StatusCode::Decline.classify(),
        status_code::Classified::GlobalFailure(status_code::GlobalFailure::Decline)
    ));
}
