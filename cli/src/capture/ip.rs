//! The IP layer: IPv4 and IPv6 packets down to their transport payload, fragments put back
//! together, IP-in-IP tunnels (IPv4 or IPv6 inside either) opened.
//!
//! Reassembly holds at most [`MAX_REASSEMBLIES`] packets of at most [`MAX_DATAGRAM`] bytes
//! and [`MAX_PIECES`] fragments each, for at most [`FRAGMENT_LIFETIME`] seconds of capture
//! time (RFC 791's and Linux's 30 s); what is dropped is counted.

use std::borrow::Cow;
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::Timestamp;

/// The most packets being reassembled at once.
pub const MAX_REASSEMBLIES: usize = 1024;
/// The largest packet reassembled: IPv4's total length limit.
pub const MAX_DATAGRAM: usize = 65_535;
/// The most fragments one packet may arrive in.
pub const MAX_PIECES: usize = 128;
/// How long, in seconds of capture time, the fragments of a packet wait for the rest.
pub const FRAGMENT_LIFETIME: i64 = 30;
/// The most tunnels opened inside one another.
const MAX_TUNNEL_DEPTH: usize = 4;
/// The most IPv6 extension headers followed.
const MAX_EXTENSIONS: usize = 8;

/// A transport payload with its addresses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Datagram<'a> {
    /// Source address.
    pub src: IpAddr,
    /// Destination address.
    pub dst: IpAddr,
    /// IP protocol number (6 TCP, 17 UDP, 132 SCTP).
    pub protocol: u8,
    /// The transport header and payload, borrowed or reassembled.
    pub payload: Cow<'a, [u8]>,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
struct Key {
    src: IpAddr,
    dst: IpAddr,
    id: u32,
    /// IPv4 keys on the protocol too (RFC 791); IPv6 fragments name it only in the first.
    protocol: Option<u8>,
}

#[derive(Clone, Debug)]
struct Reassembly {
    first_seen: i64,
    pieces: Vec<(usize, Vec<u8>)>,
    bytes: usize,
    end: Option<usize>,
    protocol: Option<u8>,
}

/// What the IP layer dropped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Drops {
    /// Packets whose header could not be read.
    pub malformed: u64,
    /// Fragmented packets given up: fragments missing past the lifetime, or over a cap.
    pub fragments_given_up: u64,
}

/// IP packets in, transport payloads out.
#[derive(Debug, Default)]
pub struct Ip {
    pending: HashMap<Key, Reassembly>,
    /// What was dropped.
    pub drops: Drops,
}

/// A parsed IP header.
struct Header<'a> {
    src: IpAddr,
    dst: IpAddr,
    /// The protocol of the payload; `None` for a later IPv6 fragment.
    protocol: Option<u8>,
    /// Fragment id, offset in bytes and more-fragments flag, when the packet is a fragment.
    fragment: Option<(u32, usize, bool)>,
    payload: &'a [u8],
}

impl Ip {
    /// The transport payload of `packet`, captured at `time`; `None` when it is a fragment
    /// of a packet not yet complete, or not readable.
    pub fn packet<'a>(&mut self, time: Timestamp, packet: &'a [u8]) -> Option<Datagram<'a>> {
        self.packet_at_depth(time, packet, 0)
    }

    fn packet_at_depth<'a>(
        &mut self,
        time: Timestamp,
        packet: &'a [u8],
        depth: usize,
    ) -> Option<Datagram<'a>> {
        let Some(header) = parse(packet) else {
            self.drops.malformed += 1;
            return None;
        };
        let datagram = match header.fragment {
            Some((id, offset, more)) if offset > 0 || more => {
                let key = Key {
                    src: header.src,
                    dst: header.dst,
                    id,
                    protocol: if header.src.is_ipv4() { header.protocol } else { None },
                };
                let (protocol, payload) =
                    self.fragment(time, key, offset, more, header.protocol, header.payload)?;
                Datagram { src: header.src, dst: header.dst, protocol, payload: Cow::Owned(payload) }
            }
            _ => Datagram {
                src: header.src,
                dst: header.dst,
                protocol: header.protocol?,
                payload: Cow::Borrowed(header.payload),
            },
        };
        // IPv4 (4) or IPv6 (41) inside IP: read the inner packet.
        if (datagram.protocol == 4 || datagram.protocol == 41) && depth < MAX_TUNNEL_DEPTH {
            return match datagram.payload {
                Cow::Borrowed(inner) => self.packet_at_depth(time, inner, depth + 1),
                Cow::Owned(inner) => self
                    .packet_at_depth(time, &inner, depth + 1)
                    .map(|d| Datagram { payload: Cow::Owned(d.payload.into_owned()), ..d }),
            };
        }
        Some(datagram)
    }

    /// Packets still waiting for fragments.
    #[cfg(test)]
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Counts the packets still waiting for fragments as given up: the capture has ended.
    pub fn finish(&mut self) {
        self.drops.fragments_given_up += self.pending.len() as u64;
        self.pending.clear();
    }

    fn fragment(
        &mut self,
        time: Timestamp,
        key: Key,
        offset: usize,
        more: bool,
        protocol: Option<u8>,
        data: &[u8],
    ) -> Option<(u8, Vec<u8>)> {
        let before = self.pending.len();
        self.pending.retain(|_, r| time.secs.saturating_sub(r.first_seen) <= FRAGMENT_LIFETIME);
        self.drops.fragments_given_up += (before - self.pending.len()) as u64;
        if !self.pending.contains_key(&key) && self.pending.len() >= MAX_REASSEMBLIES {
            let oldest = self.pending.iter().min_by_key(|(_, r)| r.first_seen).map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                self.pending.remove(&oldest);
                self.drops.fragments_given_up += 1;
            }
        }
        let reassembly = self.pending.entry(key.clone()).or_insert_with(|| Reassembly {
            first_seen: time.secs,
            pieces: Vec::new(),
            bytes: 0,
            end: None,
            protocol: None,
        });
        let end = offset.saturating_add(data.len());
        if end > MAX_DATAGRAM || reassembly.pieces.len() >= MAX_PIECES {
            self.pending.remove(&key);
            self.drops.fragments_given_up += 1;
            return None;
        }
        // IPv6 names the protocol in the first fragment only; IPv4 in every one.
        if offset == 0 || (reassembly.protocol.is_none() && key.protocol.is_some()) {
            reassembly.protocol = protocol;
        }
        if !more {
            reassembly.end = Some(end);
        }
        reassembly.bytes += data.len();
        reassembly.pieces.push((offset, data.to_vec()));
        let total = reassembly.end?;
        reassembly.pieces.sort_by_key(|(o, _)| *o);
        let mut covered = 0;
        for (o, piece) in &reassembly.pieces {
            if *o > covered {
                return None;
            }
            covered = covered.max(o + piece.len());
        }
        if covered < total {
            return None;
        }
        let reassembly = self.pending.remove(&key)?;
        let mut packet = vec![0; total];
        for (o, piece) in &reassembly.pieces {
            let n = piece.len().min(total.saturating_sub(*o));
            packet[*o..*o + n].copy_from_slice(&piece[..n]);
        }
        Some((reassembly.protocol?, packet))
    }
}

/// Reads an IPv4 or IPv6 header; the payload is cut to the length the header gives (a
/// frame's Ethernet padding is not payload) or to what was captured.
fn parse(packet: &[u8]) -> Option<Header<'_>> {
    match packet.first()? >> 4 {
        4 => {
            let ihl = usize::from(packet[0] & 0x0f) * 4;
            if ihl < 20 || packet.len() < ihl {
                return None;
            }
            let total = usize::from(u16::from_be_bytes([packet[2], packet[3]]));
            if total < ihl {
                return None;
            }
            let flags = u16::from_be_bytes([packet[6], packet[7]]);
            let offset = usize::from(flags & 0x1fff) * 8;
            let more = flags & 0x2000 != 0;
            let id = u32::from(u16::from_be_bytes([packet[4], packet[5]]));
            let src = Ipv4Addr::new(packet[12], packet[13], packet[14], packet[15]);
            let dst = Ipv4Addr::new(packet[16], packet[17], packet[18], packet[19]);
            Some(Header {
                src: src.into(),
                dst: dst.into(),
                protocol: Some(packet[9]),
                fragment: Some((id, offset, more)),
                payload: &packet[ihl..total.min(packet.len())],
            })
        }
        6 => {
            if packet.len() < 40 {
                return None;
            }
            let length = usize::from(u16::from_be_bytes([packet[4], packet[5]]));
            let address = |at: usize| {
                let mut octets = [0u8; 16];
                octets.copy_from_slice(&packet[at..at + 16]);
                IpAddr::V6(Ipv6Addr::from(octets))
            };
            let (src, dst) = (address(8), address(24));
            // A zero length is a jumbogram's: the rest of the frame.
            let end = if length == 0 { packet.len() } else { (40 + length).min(packet.len()) };
            let mut rest = &packet[40..end];
            let mut next = packet[6];
            let mut fragment = None;
            for _ in 0..MAX_EXTENSIONS {
                let len = match next {
                    0 | 43 | 60 => usize::from(*rest.get(1)?) * 8 + 8,
                    51 => usize::from(*rest.get(1)?) * 4 + 8,
                    44 => {
                        let header = rest.get(..8)?;
                        let word = u16::from_be_bytes([header[2], header[3]]);
                        let id = u32::from_be_bytes([header[4], header[5], header[6], header[7]]);
                        fragment = Some((id, usize::from(word & 0xfff8), word & 1 != 0));
                        8
                    }
                    _ => break,
                };
                if rest.len() < len {
                    return None;
                }
                next = rest[0];
                rest = &rest[len..];
            }
            // A later fragment's next header is the first fragment's; only that one is right.
            let protocol = match fragment {
                Some((_, offset, _)) if offset > 0 => None,
                _ => Some(next),
            };
            Some(Header { src, dst, protocol, fragment, payload: rest })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> Timestamp {
        Timestamp { secs, nanos: 0, digits: 6 }
    }

    /// An IPv4 packet from 192.0.2.1 to 192.0.2.2.
    pub(crate) fn ipv4(protocol: u8, id: u16, offset: usize, more: bool, payload: &[u8]) -> Vec<u8> {
        let total = (20 + payload.len()) as u16;
        let flags = (offset / 8) as u16 | if more { 0x2000 } else { 0 };
        let mut p = vec![0x45, 0];
        p.extend_from_slice(&total.to_be_bytes());
        p.extend_from_slice(&id.to_be_bytes());
        p.extend_from_slice(&flags.to_be_bytes());
        p.extend_from_slice(&[64, protocol, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2]);
        p.extend_from_slice(payload);
        p
    }

    /// An IPv6 packet from 2001:db8::1 to 2001:db8::2, with a fragment header when asked.
    fn ipv6(protocol: u8, fragment: Option<(u32, usize, bool)>, payload: &[u8]) -> Vec<u8> {
        let extra = if fragment.is_some() { 8 } else { 0 };
        let mut p = vec![0x60, 0, 0, 0];
        p.extend_from_slice(&((payload.len() + extra) as u16).to_be_bytes());
        p.push(if fragment.is_some() { 44 } else { protocol });
        p.push(64);
        let mut a = [0u8; 16];
        a[..4].copy_from_slice(&[0x20, 0x01, 0x0d, 0xb8]);
        a[15] = 1;
        p.extend_from_slice(&a);
        a[15] = 2;
        p.extend_from_slice(&a);
        if let Some((id, offset, more)) = fragment {
            p.extend_from_slice(&[protocol, 0]);
            p.extend_from_slice(&((offset as u16) | u16::from(more)).to_be_bytes());
            p.extend_from_slice(&id.to_be_bytes());
        }
        p.extend_from_slice(payload);
        p
    }

    #[test]
    fn ipv4_payload_is_cut_to_the_total_length() {
        let mut packet = ipv4(17, 1, 0, false, b"udp bytes");
        packet.extend_from_slice(&[0; 6]);
        let d = Ip::default().packet(at(0), &packet).unwrap();
        assert_eq!((d.protocol, &d.payload[..]), (17, &b"udp bytes"[..]));
        assert_eq!(d.src.to_string(), "192.0.2.1");
    }

    #[test]
    fn ipv4_fragments_in_any_order() {
        let whole: Vec<u8> = (0..40u8).collect();
        let mut ip = Ip::default();
        assert!(ip.packet(at(0), &ipv4(17, 9, 16, true, &whole[16..32])).is_none());
        assert!(ip.packet(at(0), &ipv4(17, 9, 32, false, &whole[32..])).is_none());
        let first = ipv4(17, 9, 0, true, &whole[..16]);
        let d = ip.packet(at(1), &first).unwrap();
        assert_eq!(&d.payload[..], &whole[..]);
        assert_eq!(ip.pending(), 0);
    }

    #[test]
    fn ipv6_fragments_take_the_protocol_from_the_first() {
        let whole: Vec<u8> = (0..24u8).collect();
        let mut ip = Ip::default();
        assert!(ip.packet(at(0), &ipv6(17, Some((7, 0, true)), &whole[..16])).is_none());
        let last = ipv6(17, Some((7, 16, false)), &whole[16..]);
        let d = ip.packet(at(0), &last).unwrap();
        assert_eq!((d.protocol, &d.payload[..]), (17, &whole[..]));
        assert_eq!(d.dst.to_string(), "2001:db8::2");
        let whole_packet = ipv6(6, None, b"tcp");
        let plain = ip.packet(at(0), &whole_packet).unwrap();
        assert_eq!((plain.protocol, &plain.payload[..]), (6, &b"tcp"[..]));
    }

    #[test]
    fn stale_and_excess_fragments_are_given_up_and_counted() {
        let mut ip = Ip::default();
        ip.packet(at(0), &ipv4(17, 1, 0, true, &[0; 8]));
        ip.packet(at(FRAGMENT_LIFETIME + 1), &ipv4(17, 2, 0, true, &[0; 8]));
        assert_eq!(ip.drops.fragments_given_up, 1);
        for id in 0..MAX_REASSEMBLIES as u16 + 5 {
            ip.packet(at(40), &ipv4(17, 100 + id, 0, true, &[0; 8]));
        }
        assert_eq!(ip.pending(), MAX_REASSEMBLIES);
        ip.packet(at(40), &ipv4(17, 5, 65_528, false, &[0; 16]));
        ip.finish();
        assert_eq!(ip.pending(), 0);
    }

    #[test]
    fn ip_in_ip_is_opened() {
        let inner = ipv4(17, 3, 0, false, b"inner");
        let outer = ipv4(4, 4, 0, false, &inner);
        let d = Ip::default().packet(at(0), &outer).unwrap();
        assert_eq!((d.protocol, &d.payload[..]), (17, &b"inner"[..]));
    }

    #[test]
    fn garbage_is_dropped_not_a_panic() {
        let mut ip = Ip::default();
        for bad in [&b""[..], b"\x45", b"\x4f\0\0\x01", b"\x60\0\0\0\0\x10\x2c", &[0x46; 30]] {
            assert!(ip.packet(at(0), bad).is_none());
        }
        let mut hop = ipv6(0, None, &[17, 200, 0, 0]);
        hop[6] = 0;
        assert!(ip.packet(at(0), &hop).is_none());
    }
}
