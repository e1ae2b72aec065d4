// Several `#[spec]`s merge: the bundled IANA spec plus a vendor file, and two files of our own.
#![deny(warnings)]

sip::sip_codes! {
    /// IANA's codes plus the vendor's.
    #[spec = iana]
    #[spec = "specs/vendor.toml"]
    pub enum VendorStatus;
}

sip::sip_codes! {
    /// Two spec files of our own.
    #[spec = "specs/small.toml"]
    #[spec = "specs/vendor.toml"]
    pub enum SmallVendorStatus;
}

use vendor_status::{Classified, ClientError, ServerError};

fn main() {
    assert_eq!(VendorStatus::ALL.len(), 75 + 2);
    assert!(VendorStatus::ALL.windows(2).all(|w| w[0].code() < w[1].code()), "merged in code order");

    let hop = VendorStatus::from_code(477).unwrap();
    assert_eq!(hop, VendorStatus::NextHopUnreachable);
    assert_eq!(hop.to_string(), "477 Next Hop Unreachable");
    assert_eq!("477 next hop unreachable".parse::<VendorStatus>(), Ok(hop));
    assert!(!hop.is_registered() && VendorStatus::BusyHere.is_registered());
    assert_eq!(hop.references()[0].id, "Kamailio tm module");
    assert_eq!(hop.references()[0].url, None);
    assert_eq!(hop.description(), Some("The proxy could not reach the next hop at all."));
    assert_eq!(hop.classify(), Classified::ClientError(ClientError::NextHopUnreachable));

    // An explicit `name` from the vendor file.
    assert_eq!(VendorStatus::MediaOverloaded.to_string(), "590 Media Server Overloaded");
    assert_eq!(
        VendorStatus::MediaOverloaded.classify(),
        Classified::ServerError(ServerError::MediaOverloaded)
    );

    // Unknown codes still fall back to the x00 of their class; known vendor codes are themselves.
    assert_eq!(VendorStatus::interpret(478), Some(VendorStatus::BadRequest));
    assert_eq!(VendorStatus::interpret(590), Some(VendorStatus::MediaOverloaded));

    assert_eq!(SmallVendorStatus::ALL.len(), 9 + 2);
    assert_eq!(SmallVendorStatus::interpret(477), Some(SmallVendorStatus::NextHopUnreachable));
    assert_eq!(SmallVendorStatus::interpret(404), Some(SmallVendorStatus::BadRequest));
}
