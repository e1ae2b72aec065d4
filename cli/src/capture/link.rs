//! The link layer: a frame's bytes, by its link type, down to the IP packet it carries.
//! Ethernet (with 802.1Q and 802.1ad tags), Linux cooked SLL and SLL2, raw IP, BSD
//! null/loopback. Anything else (ARP, LLC, an unknown link type) carries no IP packet.

/// LINKTYPE_ values read here.
pub mod linktype {
    /// BSD loopback: a 4-byte address family in the writer's byte order.
    pub const NULL: i32 = 0;
    /// Ethernet II.
    pub const ETHERNET: i32 = 1;
    /// Raw IP as some systems number it.
    pub const RAW_12: i32 = 12;
    /// Raw IP as OpenBSD numbers it.
    pub const RAW_14: i32 = 14;
    /// Raw IP.
    pub const RAW: i32 = 101;
    /// OpenBSD loopback: the address family in network byte order.
    pub const LOOP: i32 = 108;
    /// Linux cooked capture v1 (`tcpdump -i any`).
    pub const LINUX_SLL: i32 = 113;
    /// Raw IPv4.
    pub const IPV4: i32 = 228;
    /// Raw IPv6.
    pub const IPV6: i32 = 229;
    /// Linux cooked capture v2.
    pub const LINUX_SLL2: i32 = 276;
}

const ETHERTYPE_IPV4: u16 = 0x0800;
const ETHERTYPE_IPV6: u16 = 0x86dd;
const VLAN_TAGS: [u16; 3] = [0x8100, 0x88a8, 0x9100];
/// The most VLAN tags read in front of a payload (QinQ has two).
const MAX_TAGS: usize = 4;

/// What a frame carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Payload<'a> {
    /// An IP packet (either version: its first nibble says which).
    Ip(&'a [u8]),
    /// Something else on a link type that is read (ARP, LLC, a cut header).
    NotIp,
    /// A link type not read here.
    UnknownLink(i32),
}

/// The IP packet in a frame of link type `link`.
pub fn payload(link: i32, data: &[u8]) -> Payload<'_> {
    use linktype::*;
    match link {
        ETHERNET => match data.get(12..14) {
            Some(t) => by_ethertype(u16::from_be_bytes([t[0], t[1]]), &data[14..]),
            None => Payload::NotIp,
        },
        LINUX_SLL => match data.get(14..16) {
            Some(t) if data.len() >= 16 => by_ethertype(u16::from_be_bytes([t[0], t[1]]), &data[16..]),
            _ => Payload::NotIp,
        },
        LINUX_SLL2 => match data.get(..2) {
            Some(t) if data.len() >= 20 => by_ethertype(u16::from_be_bytes([t[0], t[1]]), &data[20..]),
            _ => Payload::NotIp,
        },
        RAW | RAW_12 | RAW_14 | IPV4 | IPV6 => ip(data),
        NULL | LOOP => match data.get(..4) {
            Some(f) => {
                let family = if link == LOOP {
                    u32::from_be_bytes([f[0], f[1], f[2], f[3]])
                } else {
                    // The writer's byte order is unknown: the family is small either way.
                    let le = u32::from_le_bytes([f[0], f[1], f[2], f[3]]);
                    if le < 0x100 { le } else { u32::from_be_bytes([f[0], f[1], f[2], f[3]]) }
                };
                // AF_INET is 2 everywhere; AF_INET6 is 10, 24, 28 or 30 by system.
                match family {
                    2 | 10 | 24 | 28 | 30 => ip(&data[4..]),
                    _ => Payload::NotIp,
                }
            }
            None => Payload::NotIp,
        },
        other => Payload::UnknownLink(other),
    }
}

/// An IP packet by its version nibble.
fn ip(data: &[u8]) -> Payload<'_> {
    match data.first().map(|b| b >> 4) {
        Some(4 | 6) => Payload::Ip(data),
        _ => Payload::NotIp,
    }
}

/// The payload of an ethertype, through any VLAN tags.
fn by_ethertype(mut ethertype: u16, mut rest: &[u8]) -> Payload<'_> {
    for _ in 0..MAX_TAGS {
        if !VLAN_TAGS.contains(&ethertype) {
            break;
        }
        let Some(t) = rest.get(2..4) else {
            return Payload::NotIp;
        };
        ethertype = u16::from_be_bytes([t[0], t[1]]);
        rest = &rest[4..];
    }
    match ethertype {
        ETHERTYPE_IPV4 | ETHERTYPE_IPV6 if !rest.is_empty() => Payload::Ip(rest),
        _ => Payload::NotIp,
    }
}

#[cfg(test)]
mod tests {
    use super::linktype::*;
    use super::*;

    const IP: &[u8] = b"\x45rest of an IPv4 packet";

    #[test]
    fn ethernet_with_and_without_vlan_tags() {
        let mut frame = vec![0u8; 12];
        frame.extend_from_slice(&[0x08, 0x00]);
        frame.extend_from_slice(IP);
        assert_eq!(payload(ETHERNET, &frame), Payload::Ip(IP));
        let mut tagged = vec![0u8; 12];
        tagged.extend_from_slice(&[0x88, 0xa8, 0, 5, 0x81, 0x00, 0, 7, 0x86, 0xdd]);
        tagged.extend_from_slice(b"\x60v6");
        assert_eq!(payload(ETHERNET, &tagged), Payload::Ip(b"\x60v6"));
        let mut arp = vec![0u8; 12];
        arp.extend_from_slice(&[0x08, 0x06, 1, 2]);
        assert_eq!(payload(ETHERNET, &arp), Payload::NotIp);
        assert_eq!(payload(ETHERNET, &[0; 13]), Payload::NotIp);
    }

    #[test]
    fn linux_cooked_v1_and_v2() {
        let mut sll = vec![0u8; 14];
        sll.extend_from_slice(&[0x08, 0x00]);
        sll.extend_from_slice(IP);
        assert_eq!(payload(LINUX_SLL, &sll), Payload::Ip(IP));
        let mut sll2 = vec![0x86, 0xdd];
        sll2.extend_from_slice(&[0; 18]);
        sll2.extend_from_slice(b"\x60v6");
        assert_eq!(payload(LINUX_SLL2, &sll2), Payload::Ip(b"\x60v6"));
        assert_eq!(payload(LINUX_SLL2, &sll2[..19]), Payload::NotIp);
    }

    #[test]
    fn raw_null_and_loop() {
        assert_eq!(payload(RAW, IP), Payload::Ip(IP));
        assert_eq!(payload(IPV4, b"\x00junk"), Payload::NotIp);
        let mut null_le = 2u32.to_le_bytes().to_vec();
        null_le.extend_from_slice(IP);
        assert_eq!(payload(NULL, &null_le), Payload::Ip(IP));
        let mut null_be = 30u32.to_be_bytes().to_vec();
        null_be.extend_from_slice(b"\x60v6");
        assert_eq!(payload(NULL, &null_be), Payload::Ip(b"\x60v6"));
        assert_eq!(payload(LOOP, &null_be), Payload::Ip(b"\x60v6"));
        assert_eq!(payload(147, IP), Payload::UnknownLink(147));
    }
}
