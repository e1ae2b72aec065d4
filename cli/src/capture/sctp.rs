//! The SCTP layer: DATA chunks in, user messages out (RFC 9260 §3.3.1). SIP over SCTP sends
//! one SIP message a user message (RFC 4168 §5); a message larger than the path allows
//! arrives as fragments (B for the first, E for the last, consecutive TSNs), which are put
//! back together here.
//!
//! At most [`MAX_PENDING`] fragmented messages wait, each at most [`MAX_MESSAGE`] bytes;
//! what is given up is counted.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};

/// The most fragmented messages waiting for their other fragments.
pub const MAX_PENDING: usize = 256;
/// The largest message put back together.
pub const MAX_MESSAGE: usize = 256 * 1024;
/// The most fragments one message may come in.
const MAX_FRAGMENTS: usize = 256;

const DATA: u8 = 0;
const I_DATA: u8 = 64;
const END: u8 = 0x01;
const BEGIN: u8 = 0x02;

/// What the SCTP layer dropped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Drops {
    /// Packets or chunks that could not be read.
    pub malformed: u64,
    /// Fragmented messages given up (over a cap, or never completed).
    pub fragments_given_up: u64,
}

#[derive(Debug, Default)]
struct Pending {
    /// Fragments by TSN: flags and bytes.
    fragments: Vec<(u32, u8, Vec<u8>)>,
    bytes: usize,
    /// When it was last added to, in packets read.
    touched: u64,
}

/// SCTP packets in, user messages out.
#[derive(Debug, Default)]
pub struct Sctp {
    /// Fragmented messages by direction and stream.
    pending: HashMap<(SocketAddr, SocketAddr, u16), Pending>,
    clock: u64,
    /// What was dropped.
    pub drops: Drops,
}

/// A packet's addresses and the user messages it completed.
pub struct Completed {
    /// Source address and port.
    pub src: SocketAddr,
    /// Destination address and port.
    pub dst: SocketAddr,
    /// The messages, in the packet's order.
    pub messages: Vec<Vec<u8>>,
}

impl Sctp {
    /// Reads an SCTP packet (common header and chunks) sent from `src` to `dst`.
    pub fn packet(&mut self, src: IpAddr, dst: IpAddr, packet: &[u8]) -> Option<Completed> {
        let Some(header) = packet.get(..12) else {
            self.drops.malformed += 1;
            return None;
        };
        let src = SocketAddr::new(src, u16::from_be_bytes([header[0], header[1]]));
        let dst = SocketAddr::new(dst, u16::from_be_bytes([header[2], header[3]]));
        self.clock += 1;
        let mut completed = Completed { src, dst, messages: Vec::new() };
        let mut rest = &packet[12..];
        while rest.len() >= 4 {
            let (kind, flags) = (rest[0], rest[1]);
            let len = usize::from(u16::from_be_bytes([rest[2], rest[3]]));
            if len < 4 || len > rest.len() {
                self.drops.malformed += 1;
                break;
            }
            let chunk = &rest[..len];
            // DATA: TSN, stream, SSN, PPID, then the payload; I-DATA (RFC 8260) has a
            // message id and a fragment offset or PPID in their place.
            let (tsn, stream, payload) = match (kind, chunk.len()) {
                (DATA, 16..) => {
                    (read_u32(&chunk[4..8]), u16::from_be_bytes([chunk[8], chunk[9]]), &chunk[16..])
                }
                (I_DATA, 20..) => {
                    (read_u32(&chunk[4..8]), u16::from_be_bytes([chunk[8], chunk[9]]), &chunk[20..])
                }
                (DATA | I_DATA, _) => {
                    self.drops.malformed += 1;
                    (0, 0, &[][..])
                }
                _ => (0, 0, &[][..]),
            };
            if matches!(kind, DATA | I_DATA) && !payload.is_empty() {
                if flags & (BEGIN | END) == BEGIN | END {
                    completed.messages.push(payload.to_vec());
                } else if let Some(message) = self.fragment((src, dst, stream), tsn, flags, payload) {
                    completed.messages.push(message);
                }
            }
            // Chunks are padded to four bytes.
            let padded = len.div_ceil(4) * 4;
            rest = &rest[padded.min(rest.len())..];
        }
        Some(completed)
    }

    fn fragment(
        &mut self,
        key: (SocketAddr, SocketAddr, u16),
        tsn: u32,
        flags: u8,
        payload: &[u8],
    ) -> Option<Vec<u8>> {
        if !self.pending.contains_key(&key) && self.pending.len() >= MAX_PENDING {
            let oldest = self.pending.iter().min_by_key(|(_, p)| p.touched).map(|(k, _)| *k);
            if let Some(oldest) = oldest {
                self.pending.remove(&oldest);
                self.drops.fragments_given_up += 1;
            }
        }
        let pending = self.pending.entry(key).or_default();
        pending.touched = self.clock;
        if pending.bytes + payload.len() > MAX_MESSAGE || pending.fragments.len() >= MAX_FRAGMENTS {
            self.pending.remove(&key);
            self.drops.fragments_given_up += 1;
            return None;
        }
        if pending.fragments.iter().any(|(t, _, _)| *t == tsn) {
            return None;
        }
        pending.bytes += payload.len();
        pending.fragments.push((tsn, flags, payload.to_vec()));
        // Complete when, in TSN order (wrapping), a B is followed by consecutive TSNs up to an E.
        let first = pending.fragments.iter().find(|(_, f, _)| f & BEGIN != 0).map(|(t, _, _)| *t)?;
        pending.fragments.sort_by_key(|(t, _, _)| t.wrapping_sub(first));
        let mut expected = first;
        let mut end = None;
        for (i, (t, f, _)) in pending.fragments.iter().enumerate() {
            if *t != expected {
                break;
            }
            if f & END != 0 {
                end = Some(i);
                break;
            }
            expected = expected.wrapping_add(1);
        }
        let end = end?;
        let pending = self.pending.remove(&key)?;
        let message: Vec<u8> =
            pending.fragments[..=end].iter().flat_map(|(_, _, b)| b.iter().copied()).collect();
        // Fragments of a later message on the same stream wait on.
        let later: Vec<_> = pending.fragments.into_iter().skip(end + 1).collect();
        if !later.is_empty() {
            let bytes = later.iter().map(|(_, _, b)| b.len()).sum();
            self.pending.insert(key, Pending { fragments: later, bytes, touched: self.clock });
        }
        Some(message)
    }

    /// The capture has ended: the messages still in fragments are given up.
    pub fn finish(&mut self) {
        self.drops.fragments_given_up += self.pending.len() as u64;
        self.pending.clear();
    }
}

fn read_u32(bytes: &[u8]) -> u32 {
    u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(tsn: u32, flags: u8, payload: &[u8]) -> Vec<u8> {
        let mut chunk = vec![DATA, flags];
        chunk.extend_from_slice(&((16 + payload.len()) as u16).to_be_bytes());
        chunk.extend_from_slice(&tsn.to_be_bytes());
        chunk.extend_from_slice(&[0, 1, 0, 0, 0, 0, 0, 0]);
        chunk.extend_from_slice(payload);
        chunk.resize(chunk.len().div_ceil(4) * 4, 0);
        chunk
    }

    fn packet(chunks: &[Vec<u8>]) -> Vec<u8> {
        let mut p = vec![0x13, 0xc4, 0x13, 0xc4, 0, 0, 0, 1, 0, 0, 0, 0];
        for c in chunks {
            p.extend_from_slice(c);
        }
        p
    }

    fn read(sctp: &mut Sctp, chunks: &[Vec<u8>]) -> Vec<Vec<u8>> {
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        sctp.packet(a, b, &packet(chunks)).unwrap().messages
    }

    #[test]
    fn whole_and_bundled_messages() {
        let mut sctp = Sctp::default();
        let out = read(&mut sctp, &[data(1, BEGIN | END, b"OPTIONS"), data(2, BEGIN | END, b"BYE")]);
        assert_eq!(out, [b"OPTIONS".to_vec(), b"BYE".to_vec()]);
    }

    #[test]
    fn fragments_in_any_order() {
        let mut sctp = Sctp::default();
        assert!(read(&mut sctp, &[data(11, 0, b"de")]).is_empty());
        assert!(read(&mut sctp, &[data(12, END, b"f")]).is_empty());
        assert_eq!(read(&mut sctp, &[data(10, BEGIN, b"abc")]), [b"abcdef".to_vec()]);
        sctp.finish();
        assert_eq!(sctp.drops.fragments_given_up, 0);
    }

    #[test]
    fn garbage_and_caps() {
        let mut sctp = Sctp::default();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        assert!(sctp.packet(a, a, &[0; 11]).is_none());
        let mut bad = packet(&[]);
        bad.extend_from_slice(&[0, 3, 0, 2]);
        assert!(sctp.packet(a, a, &bad).unwrap().messages.is_empty());
        assert_eq!(sctp.drops.malformed, 2);
        let big = vec![b'x'; 60_000];
        for tsn in 0..5 {
            read(&mut sctp, &[data(tsn, if tsn == 0 { BEGIN } else { 0 }, &big)]);
        }
        assert_eq!(sctp.drops.fragments_given_up, 1);
    }
}
