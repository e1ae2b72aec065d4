// `for_each!` of public, crate-visible, private and function-local types, called in their
// own crate; two public types with one name in two modules export distinct macros, each
// reached through its own matcher module.
#![deny(warnings)]

macro_rules! codes {
    ($(($name:ident, $constant:ident, $code:literal, $phrase:literal)),* $(,)?) => {
        [$($code),*]
    };
}

macro_rules! constants {
    ($(($name:ident, $constant:ident, $code:literal, $phrase:literal)),* $(,)?) => {
        $(#[allow(dead_code)] const $constant: u16 = $code;)*
    };
}

pub mod first {
    sip::sip_codes! {
        #[spec = "specs/small.toml"]
        pub enum StatusCode;
    }
}

pub mod second {
    sip::sip_codes! {
        #[spec = iana]
        pub enum StatusCode;
    }
}

mod crate_visible {
    sip::sip_codes! {
        #[spec = "specs/small.toml"]
        pub(crate) enum Small;
    }
}

sip::sip_codes! {
    #[spec = "specs/small.toml"]
    enum Private;
}

constants!();
first::status_code::for_each!(constants);

fn main() {
    assert_eq!(first::status_code::for_each!(codes), [100, 180, 183, 200, 300, 400, 486, 500, 600]);
    assert_eq!(second::status_code::for_each!(codes).len(), 75);
    assert_eq!(crate_visible::small::for_each!(codes).len(), 9);
    assert_eq!(private::for_each!(codes)[6], Private::BusyHere.code());
    assert_eq!(BUSY_HERE, 486);

    sip::sip_codes! {
        #[spec = "specs/small.toml"]
        enum Local;
    }
    assert_eq!(local::for_each!(codes).len(), Local::ALL.len());
}
