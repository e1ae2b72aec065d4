use core::num::NonZeroU16;

use crate::Class;

/// Any Status-Code a peer can put on the wire: three digits, 100..=999.
///
/// Placeholder: the wire branch replaces this file with the full type (parsing, `Display`,
/// the class predicates, conversions). Only [`Code::new`], [`Code::get`] and [`Code::class`]
/// are here, and code elsewhere in the crate uses only those three.
///
/// ```
/// use sip_codes::{Class, Code};
///
/// let code = Code::new(486).unwrap();
/// assert_eq!(code.get(), 486);
/// assert_eq!(code.class(), Some(Class::ClientError));
/// assert_eq!(Code::new(799).unwrap().class(), None);
/// assert_eq!(Code::new(99), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
pub struct Code(NonZeroU16);

impl Code {
    /// The code, or `None` outside 100..=999.
    #[inline]
    pub const fn new(code: u16) -> Option<Code> {
        match code {
            100..=999 => match NonZeroU16::new(code) {
                Some(code) => Some(Code(code)),
                None => None,
            },
            _ => None,
        }
    }

    /// The three-digit number.
    #[inline]
    pub const fn get(self) -> u16 {
        self.0.get()
    }

    /// The class given by the first digit, or `None` for 700..=999, which no class covers.
    #[inline]
    pub const fn class(self) -> Option<Class> {
        Class::from_code(self.get())
    }
}
