//! Packet captures read as SIP messages: a stack of small stages, each a module testable
//! alone and none doing I/O ([`Capture::push`] takes the bytes the caller read):
//!
//! file blocks ([`blocks`]) → link layer ([`link`]) → IP, fragments put back ([`ip`]) →
//! UDP, TCP in order ([`tcp`]) or SCTP's messages ([`sctp`]) → SIP framing ([`framing`]) →
//! messages.
//!
//! Every message keeps the capture time, addresses and frame number of the packet that
//! completed it. Memory is bounded by each stage's caps, never by the capture's size; what
//! a cap drops is counted in the [`Report`].

pub mod blocks;
pub mod framing;
pub mod ip;
pub mod link;
pub mod sctp;
pub mod tcp;

use std::fmt;
use std::net::SocketAddr;

pub use blocks::{Error, is_capture};

/// When a packet was captured: seconds since the Unix epoch, with the capture's precision.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp {
    /// Whole seconds since 1970-01-01 UTC.
    pub secs: i64,
    /// Nanoseconds past `secs`.
    pub nanos: u32,
    /// Decimal digits the capture gives after the point: 6 for microseconds, 9 for nanoseconds.
    pub digits: u8,
}

impl Timestamp {
    /// A pcapng timestamp: `units` at `resolution` units a second, plus `offset` seconds.
    pub fn from_units(units: u64, resolution: u64, offset: i64) -> Timestamp {
        let resolution = resolution.max(1);
        let secs = i64::try_from(units / resolution).unwrap_or(i64::MAX).saturating_add(offset);
        let frac = units % resolution;
        let nanos = (u128::from(frac) * 1_000_000_000 / u128::from(resolution)) as u32;
        // Ten to a power gives that many digits; a power of two is shown to the nanosecond.
        let mut digits = 0u8;
        let mut r = resolution;
        while r > 1 && r.is_multiple_of(10) {
            r /= 10;
            digits += 1;
        }
        let digits = if r == 1 { digits.min(9) } else { 9 };
        Timestamp { secs, nanos, digits }
    }
}

/// `1589356486.556175`: the capture's digits, no more.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.digits == 0 {
            return write!(f, "{}", self.secs);
        }
        let scale = 10u32.pow(9 - u32::from(self.digits.min(9)));
        write!(f, "{}.{:0width$}", self.secs, self.nanos / scale, width = usize::from(self.digits))
    }
}

/// The transport a message came over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transport {
    /// UDP: one message a datagram.
    Udp,
    /// TCP: messages framed by Content-Length in the byte stream.
    Tcp,
    /// SCTP: one message a user message (RFC 4168).
    Sctp,
}

/// Where and when a message was captured: the packet that completed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The frame, numbered from 1 as Wireshark does.
    pub frame: u64,
    /// Its capture time.
    pub time: Timestamp,
    /// Sender.
    pub src: SocketAddr,
    /// Receiver.
    pub dst: SocketAddr,
    /// UDP or TCP.
    pub transport: Transport,
}

impl Transport {
    /// A stable word for scripts.
    pub fn key(self) -> &'static str {
        match self {
            Transport::Udp => "udp",
            Transport::Tcp => "tcp",
            Transport::Sctp => "sctp",
        }
    }
}

/// A SIP message read from a capture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Packet {
    /// The packet that completed it.
    pub origin: Origin,
    /// The message's bytes.
    pub bytes: Vec<u8>,
}

/// What a capture held besides its SIP messages, and what the caps dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Frames read.
    pub frames: u64,
    /// SIP messages read.
    pub messages: u64,
    /// Link types met that are not read, each with its frame count.
    pub unknown_links: Vec<(i32, u64)>,
    /// What the file layer skipped.
    pub oversized_blocks: u64,
    /// Blocks that could not be decoded.
    pub undecodable_blocks: u64,
    /// Frames of an interface the file did not describe.
    pub unknown_interface: u64,
    /// Bytes of a block cut off by the end of the file.
    pub truncated_bytes: usize,
    /// What the IP layer dropped.
    pub ip: ip::Drops,
    /// What the TCP layer dropped.
    pub tcp: tcp::Drops,
    /// What the SCTP layer dropped.
    pub sctp: sctp::Drops,
}

impl Report {
    /// One line for people per thing dropped; empty when nothing was.
    pub fn dropped(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let mut say = |n: u64, what: &str| {
            if n > 0 {
                lines.push(format!("{n} {what}"));
            }
        };
        say(self.oversized_blocks, "blocks larger than 1 MiB skipped");
        say(self.undecodable_blocks, "blocks that could not be decoded skipped");
        say(self.unknown_interface, "frames of an undescribed interface skipped");
        say(self.truncated_bytes as u64, "bytes of a last block cut off by the end of the file");
        say(self.ip.malformed, "packets with an unreadable IP header");
        say(
            self.ip.fragments_given_up,
            "fragmented IP packets given up (fragments missing after 30 s, or over the caps)",
        );
        say(self.tcp.malformed, "TCP segments with an unreadable header");
        say(
            self.tcp.streams_evicted,
            "TCP stream directions dropped, least recently active first, over the caps (4096 followed at once, 64 MiB held)",
        );
        say(self.tcp.bytes_skipped, "TCP bytes missing (not captured) or over the 256 KiB per-stream cap");
        say(self.tcp.partial_messages, "SIP messages over TCP cut short by missing bytes");
        say(self.sctp.malformed, "SCTP packets or chunks that could not be read");
        say(
            self.sctp.fragments_given_up,
            "fragmented SCTP messages given up (never completed, or over the caps)",
        );
        for (link, frames) in &self.unknown_links {
            lines.push(format!("{frames} frames of link type {link}, which is not read"));
        }
        lines
    }
}

/// The most distinct unknown link types remembered.
const MAX_UNKNOWN_LINKS: usize = 8;

/// The whole stack: capture file bytes in, SIP messages out.
#[derive(Debug, Default)]
pub struct Capture {
    blocks: blocks::Blocks,
    ip: ip::Ip,
    tcp: tcp::Tcp,
    sctp: sctp::Sctp,
    report: Report,
    last_time: Timestamp,
}

impl Capture {
    /// Nothing read yet.
    pub fn new() -> Capture {
        Capture::default()
    }

    /// Takes in the next bytes of the file and adds the messages they complete to `out`.
    ///
    /// # Errors
    /// The file is not a capture or its framing is broken; the messages read before stay in
    /// `out`.
    pub fn push(&mut self, bytes: &[u8], out: &mut Vec<Packet>) -> Result<(), Error> {
        self.blocks.push(bytes);
        while let Some(frame) = self.blocks.next_frame()? {
            self.report.frames += 1;
            let (number, time) = (frame.number, frame.time);
            self.last_time = time;
            let packet = match link::payload(frame.link, frame.data) {
                link::Payload::Ip(packet) => packet,
                link::Payload::NotIp => continue,
                link::Payload::UnknownLink(link) => {
                    let links = &mut self.report.unknown_links;
                    match links.iter().position(|(l, _)| *l == link) {
                        Some(at) => links[at].1 += 1,
                        None if links.len() < MAX_UNKNOWN_LINKS => links.push((link, 1)),
                        None => {}
                    }
                    continue;
                }
            };
            let Some(datagram) = self.ip.packet(time, packet) else { continue };
            match datagram.protocol {
                17 => {
                    let payload = &datagram.payload[..];
                    if payload.len() < 8 {
                        continue;
                    }
                    let src = SocketAddr::new(datagram.src, u16::from_be_bytes([payload[0], payload[1]]));
                    let dst = SocketAddr::new(datagram.dst, u16::from_be_bytes([payload[2], payload[3]]));
                    if let Some(message) = framing::datagram_message(&payload[8..]) {
                        self.report.messages += 1;
                        let origin = Origin { frame: number, time, src, dst, transport: Transport::Udp };
                        out.push(Packet { origin, bytes: message.to_vec() });
                    }
                }
                6 => {
                    let Some(done) = self.tcp.segment(datagram.src, datagram.dst, &datagram.payload) else {
                        continue;
                    };
                    for message in done.messages {
                        self.report.messages += 1;
                        let origin = Origin {
                            frame: number,
                            time,
                            src: done.src,
                            dst: done.dst,
                            transport: Transport::Tcp,
                        };
                        out.push(Packet { origin, bytes: message });
                    }
                }
                132 => {
                    let Some(done) = self.sctp.packet(datagram.src, datagram.dst, &datagram.payload) else {
                        continue;
                    };
                    for message in done.messages {
                        if let Some(message) = framing::datagram_message(&message) {
                            self.report.messages += 1;
                            let origin = Origin {
                                frame: number,
                                time,
                                src: done.src,
                                dst: done.dst,
                                transport: Transport::Sctp,
                            };
                            out.push(Packet { origin, bytes: message.to_vec() });
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The file has ended: the messages still buffered, and what the capture held.
    pub fn finish(&mut self, out: &mut Vec<Packet>) -> Report {
        // Completed by the end of the capture: the last frame read stands for the packet.
        let (frame, time) = (self.report.frames, self.last_time);
        for done in self.tcp.finish() {
            for message in done.messages {
                self.report.messages += 1;
                let origin = Origin { frame, time, src: done.src, dst: done.dst, transport: Transport::Tcp };
                out.push(Packet { origin, bytes: message });
            }
        }
        self.ip.finish();
        self.sctp.finish();
        self.report.sctp = self.sctp.drops;
        self.report.ip = self.ip.drops;
        self.report.tcp = self.tcp.drops;
        self.report.oversized_blocks = self.blocks.oversized;
        self.report.undecodable_blocks = self.blocks.undecodable;
        self.report.unknown_interface = self.blocks.unknown_interface;
        self.report.truncated_bytes = self.blocks.pending();
        self.report.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_keep_the_capture_precision() {
        let micro = Timestamp { secs: 1_589_356_486, nanos: 556_175_000, digits: 6 };
        assert_eq!(micro.to_string(), "1589356486.556175");
        assert_eq!(Timestamp::from_units(1_500_000_123, 1_000_000_000, 0).to_string(), "1.500000123");
        assert_eq!(Timestamp::from_units(3_000_001, 1_000_000, 10).to_string(), "13.000001");
        assert_eq!(Timestamp::from_units(3, 2, 0).to_string(), "1.500000000");
        assert_eq!(Timestamp::from_units(7, 1, 0).to_string(), "7");
    }
}
