//! The TCP layer: segments in, SIP messages out, per direction of each connection.
//! Segments are put in sequence order (out-of-order ones wait, retransmitted bytes are
//! dropped, overlaps trimmed), and the ordered bytes are cut into messages by
//! [`framing`](super::framing). A gap that never fills is skipped, and reading resumes at
//! the next start line.
//!
//! A direction that opens with a WebSocket handshake (an HTTP `GET` with `Upgrade:
//! websocket`, or the `101` answering it) is read as WebSocket frames after it, each data
//! message one SIP message (RFC 7118).
//!
//! Memory: at most [`MAX_STREAMS`] directions are followed (the least recently active is
//! dropped first), each holding at most [`MAX_BUFFERED`] bytes in order and as many out of
//! order, and all of them together at most [`MAX_HELD`]; what is dropped is counted.

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;

use super::framing::{self, Extent};

/// The most connection directions followed at once.
pub const MAX_STREAMS: usize = 4096;
/// The most bytes a direction holds in order (an unfinished message) and, apart, out of order.
pub const MAX_BUFFERED: usize = 256 * 1024;
/// The most bytes all directions together hold; past it the least recently active are
/// dropped.
pub const MAX_HELD: usize = 64 * 1024 * 1024;
/// How far past a gap a segment may start and still wait for the gap to fill.
const MAX_AHEAD: u32 = 4 * 1024 * 1024;
/// Bytes a direction may show without a SIP start line before it is taken for another
/// protocol (TLS, HTTP) and no longer searched.
const MAX_JUNK: usize = 64 * 1024;

const FIN: u8 = 0x01;
const SYN: u8 = 0x02;
const RST: u8 = 0x04;

/// What the TCP layer dropped or skipped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Drops {
    /// Segments whose header could not be read.
    pub malformed: u64,
    /// Segments that held only bytes already seen (retransmissions): not a loss.
    pub retransmitted: u64,
    /// Directions dropped to stay under [`MAX_STREAMS`], with their buffered bytes.
    pub streams_evicted: u64,
    /// Bytes missing from a stream (never captured) or dropped over [`MAX_BUFFERED`].
    pub bytes_skipped: u64,
    /// Messages cut short by a gap, a cap or the end of the capture.
    pub partial_messages: u64,
}

#[derive(Debug, Default)]
struct Stream {
    /// The sequence number of the direction's first byte; `None` before the first segment.
    base: Option<u32>,
    /// The offset from `base` of the next byte in order.
    next: u32,
    /// Bytes in order not yet framed.
    buffer: Vec<u8>,
    /// Segments past a gap, by offset from `base`.
    ahead: BTreeMap<u32, Vec<u8>>,
    ahead_bytes: usize,
    last_active: u64,
    /// A SIP message was framed in this direction.
    sip_seen: bool,
    /// Bytes dropped looking for a start line, before any SIP was seen.
    junk: usize,
    /// Whether `next` is known: after a SYN, or once a segment opening with a start line
    /// was seen. Until then a stream caught in the middle holds its segments in `ahead`, so
    /// that the segment that opens a message is read first even when it arrives second.
    synced: bool,
    /// After a WebSocket handshake: the bytes are frames.
    websocket: bool,
    /// The data message being read from WebSocket frames.
    ws_message: Vec<u8>,
}

/// TCP segments in, SIP messages out.
#[derive(Debug, Default)]
pub struct Tcp {
    streams: HashMap<(SocketAddr, SocketAddr), Stream>,
    clock: u64,
    /// Bytes held by all directions.
    held: usize,
    /// What was dropped.
    pub drops: Drops,
}

/// A TCP segment's addresses and the SIP messages it completed.
pub struct Completed {
    /// Source address and port.
    pub src: SocketAddr,
    /// Destination address and port.
    pub dst: SocketAddr,
    /// The messages, in order.
    pub messages: Vec<Vec<u8>>,
}

impl Tcp {
    /// Directions followed now.
    #[cfg(test)]
    pub fn streams(&self) -> usize {
        self.streams.len()
    }

    /// Reads a segment (TCP header and payload) sent from `src` to `dst` (addresses without
    /// ports); `None` when its header cannot be read.
    pub fn segment(
        &mut self,
        src: std::net::IpAddr,
        dst: std::net::IpAddr,
        segment: &[u8],
    ) -> Option<Completed> {
        if segment.len() < 20 || usize::from(segment[12] >> 4) * 4 < 20 {
            self.drops.malformed += 1;
            return None;
        }
        let offset = usize::from(segment[12] >> 4) * 4;
        let Some(payload) = segment.get(offset..) else {
            self.drops.malformed += 1;
            return None;
        };
        let src = SocketAddr::new(src, u16::from_be_bytes([segment[0], segment[1]]));
        let dst = SocketAddr::new(dst, u16::from_be_bytes([segment[2], segment[3]]));
        let seq = u32::from_be_bytes([segment[4], segment[5], segment[6], segment[7]]);
        let flags = segment[13];
        let mut completed = Completed { src, dst, messages: Vec::new() };
        let key = (src, dst);
        if flags & RST != 0 {
            if let Some(stream) = self.streams.remove(&key) {
                self.held -= stream.held();
                self.drops.partial_messages += u64::from(!stream.buffer.is_empty() && stream.sip_seen);
            }
            return Some(completed);
        }
        if !self.streams.contains_key(&key) && (flags & SYN != 0 || !payload.is_empty()) {
            self.make_room();
        }
        self.clock += 1;
        let clock = self.clock;
        let drops = &mut self.drops;
        let Some(stream) = (if flags & SYN != 0 || !payload.is_empty() {
            Some(self.streams.entry(key).or_default())
        } else {
            self.streams.get_mut(&key)
        }) else {
            return Some(completed);
        };
        stream.last_active = clock;
        let before = stream.held();
        if flags & SYN != 0 {
            *stream = Stream {
                base: Some(seq.wrapping_add(1)),
                last_active: clock,
                synced: true,
                ..Stream::default()
            };
        } else if !payload.is_empty() {
            stream.receive(seq, payload, drops);
            stream.frame(&mut completed.messages, drops);
        }
        self.held = self.held - before + stream.held();
        while self.held > MAX_HELD && self.evict_oldest() {}
        if flags & FIN != 0
            && let Some(mut stream) = self.streams.remove(&key)
        {
            self.held -= stream.held();
            stream.skip_gap(&mut self.drops);
            stream.frame(&mut completed.messages, &mut self.drops);
            self.drops.partial_messages += u64::from(!stream.buffer.is_empty() && stream.sip_seen);
        }
        Some(completed)
    }

    /// The capture has ended: what is still buffered is read as far as it goes.
    pub fn finish(&mut self) -> Vec<Completed> {
        let mut all = Vec::new();
        let mut streams: Vec<_> = self.streams.drain().collect();
        self.held = 0;
        streams.sort_by_key(|(_, s)| s.last_active);
        for ((src, dst), mut stream) in streams {
            let mut messages = Vec::new();
            stream.skip_gap(&mut self.drops);
            stream.frame(&mut messages, &mut self.drops);
            self.drops.partial_messages += u64::from(!stream.buffer.is_empty() && stream.sip_seen);
            if !messages.is_empty() {
                all.push(Completed { src, dst, messages });
            }
        }
        all
    }

    /// Drops the least recently active direction when the table is full.
    fn make_room(&mut self) {
        if self.streams.len() >= MAX_STREAMS {
            self.evict_oldest();
        }
    }

    /// Drops the least recently active direction; `false` when none is left.
    fn evict_oldest(&mut self) -> bool {
        let oldest = self.streams.iter().min_by_key(|(_, s)| s.last_active).map(|(k, _)| *k);
        let Some(stream) = oldest.and_then(|key| self.streams.remove(&key)) else {
            return false;
        };
        self.held -= stream.held();
        self.drops.streams_evicted += 1;
        self.drops.bytes_skipped += stream.held() as u64;
        true
    }
}

impl Stream {
    /// Bytes held, in order and out of order.
    fn held(&self) -> usize {
        self.buffer.len() + self.ahead_bytes + self.ws_message.len()
    }

    /// Puts a segment's payload in order.
    fn receive(&mut self, seq: u32, payload: &[u8], drops: &mut Drops) {
        let base = *self.base.get_or_insert(seq);
        if !self.synced {
            return self.receive_unsynced(seq, payload, drops);
        }
        let offset = seq.wrapping_sub(base);
        let ahead = offset.wrapping_sub(self.next);
        if ahead == 0 || ahead > u32::MAX / 2 {
            // In order, or starting before `next`: keep only the bytes not seen yet.
            let seen = self.next.wrapping_sub(offset) as usize;
            if seen >= payload.len() {
                drops.retransmitted += 1;
                return;
            }
            self.append(&payload[seen..], drops);
            self.next = self.next.wrapping_add((payload.len() - seen) as u32);
            self.drain_ahead(drops);
        } else if ahead <= MAX_AHEAD && self.ahead_bytes + payload.len() <= MAX_BUFFERED {
            let held = self.ahead.get(&offset).map_or(0, Vec::len);
            if held < payload.len() {
                self.ahead.insert(offset, payload.to_vec());
                self.ahead_bytes = self.ahead_bytes + payload.len() - held;
            } else {
                drops.retransmitted += 1;
            }
        } else {
            // Too far ahead, or too much waiting: give the gap up and start from here.
            self.skip_gap(drops);
            let ahead = offset.wrapping_sub(self.next);
            if ahead != 0 && ahead <= u32::MAX / 2 {
                self.jump(offset, drops);
            }
            self.receive(seq, payload, drops);
        }
    }

    /// A segment of a stream caught in the middle, before its first message is found.
    fn receive_unsynced(&mut self, seq: u32, payload: &[u8], drops: &mut Drops) {
        let base = self.base.unwrap_or(seq);
        let mut offset = seq.wrapping_sub(base);
        if offset > u32::MAX / 2 {
            // Before every segment held: count from this one.
            let shift = base.wrapping_sub(seq);
            self.ahead = std::mem::take(&mut self.ahead)
                .into_iter()
                .map(|(o, bytes)| (o.wrapping_add(shift), bytes))
                .collect();
            self.base = Some(seq);
            offset = 0;
        }
        if self.ahead_bytes + payload.len() > MAX_BUFFERED {
            self.sync_at_first();
            return self.receive(seq, payload, drops);
        }
        let held = self.ahead.get(&offset).map_or(0, Vec::len);
        if held < payload.len() {
            self.ahead.insert(offset, payload.to_vec());
            self.ahead_bytes = self.ahead_bytes + payload.len() - held;
        }
        if framing::may_open(payload) {
            // The earliest segment that opens a message starts the stream; the bytes before
            // it end a message whose start was not captured.
            let start = self.ahead.iter().find(|(_, b)| framing::may_open(b)).map_or(offset, |(o, _)| *o);
            let before: Vec<u32> = self.ahead.range(..start).map(|(o, _)| *o).collect();
            for o in before {
                let bytes = self.ahead.remove(&o).unwrap_or_default();
                self.ahead_bytes -= bytes.len();
                self.junk += bytes.len();
            }
            self.synced = true;
            self.next = start;
            self.drain_ahead(drops);
        }
    }

    /// Takes the first segment held as the start of the stream.
    fn sync_at_first(&mut self) {
        self.synced = true;
        self.next = self.ahead.first_key_value().map_or(0, |(o, _)| *o);
    }

    /// Appends the waiting segments that are now in order.
    fn drain_ahead(&mut self, drops: &mut Drops) {
        while let Some((&offset, _)) = self.ahead.first_key_value() {
            let ahead = offset.wrapping_sub(self.next);
            if ahead != 0 && ahead <= u32::MAX / 2 {
                break;
            }
            let bytes = self.ahead.remove(&offset).unwrap_or_default();
            self.ahead_bytes -= bytes.len();
            let seen = self.next.wrapping_sub(offset) as usize;
            if seen >= bytes.len() {
                drops.retransmitted += 1;
                continue;
            }
            self.append(&bytes[seen..], drops);
            self.next = self.next.wrapping_add((bytes.len() - seen) as u32);
        }
    }

    fn append(&mut self, bytes: &[u8], drops: &mut Drops) {
        if self.buffer.len() + bytes.len() > MAX_BUFFERED {
            // An unfinished message larger than the cap: drop it and look for the next.
            drops.bytes_skipped += self.buffer.len() as u64;
            drops.partial_messages += u64::from(self.sip_seen);
            self.buffer.clear();
        }
        self.buffer.extend_from_slice(&bytes[..bytes.len().min(MAX_BUFFERED)]);
    }

    /// Gives up the bytes missing before the first waiting segment, if one waits.
    fn skip_gap(&mut self, drops: &mut Drops) {
        if !self.synced {
            self.sync_at_first();
        }
        if let Some((&offset, _)) = self.ahead.first_key_value() {
            self.jump(offset, drops);
            self.drain_ahead(drops);
        }
    }

    /// Moves `next` forward to `offset`, the bytes between never to come: what is buffered
    /// no longer leads anywhere, so reading resumes at the next start line.
    fn jump(&mut self, offset: u32, drops: &mut Drops) {
        drops.bytes_skipped += u64::from(offset.wrapping_sub(self.next));
        if !self.buffer.is_empty() {
            drops.bytes_skipped += self.buffer.len() as u64;
            drops.partial_messages += u64::from(self.sip_seen);
            self.buffer.clear();
        }
        self.next = offset;
    }

    /// Cuts the buffered bytes into messages.
    fn frame(&mut self, out: &mut Vec<Vec<u8>>, drops: &mut Drops) {
        if !self.websocket && !self.sip_seen {
            match framing::websocket_handshake(&self.buffer) {
                Extent::Complete(n) => {
                    self.buffer.drain(..n);
                    self.websocket = true;
                }
                Extent::Incomplete => return,
                Extent::NotSip => {}
            }
        }
        if self.websocket {
            return self.websocket_frames(out, drops);
        }
        let mut at = 0;
        loop {
            at += framing::keepalive_len(&self.buffer[at..]);
            let rest = &self.buffer[at..];
            if rest.is_empty() {
                break;
            }
            if self.junk > MAX_JUNK && !self.sip_seen {
                // Another protocol: drop its bytes unread.
                at = self.buffer.len();
                break;
            }
            match framing::stream_message(rest) {
                Extent::Complete(n) => {
                    out.push(rest[..n].to_vec());
                    at += n;
                    self.sip_seen = true;
                }
                Extent::Incomplete => break,
                Extent::NotSip => match framing::next_start(rest) {
                    Some(skip) => {
                        self.count_junk(skip, drops);
                        at += skip;
                    }
                    None => {
                        // Keep the last, maybe unfinished, line for the next segment.
                        let keep = memchr::memrchr(b'\n', rest).map_or(0, |i| i + 1);
                        let keep = if rest.len() - keep > framing::MAX_HEADERS { rest.len() } else { keep };
                        self.count_junk(keep, drops);
                        at += keep;
                        break;
                    }
                },
            }
        }
        self.buffer.drain(..at);
    }

    /// Reads the buffered WebSocket frames: each complete text or binary message is a SIP
    /// message; control frames are skipped.
    fn websocket_frames(&mut self, out: &mut Vec<Vec<u8>>, drops: &mut Drops) {
        let mut at = 0;
        while let Some(frame) = framing::websocket_frame(&self.buffer[at..]) {
            let Extent::Complete(len) = frame.extent else {
                if frame.extent == Extent::NotSip {
                    // A frame larger than the cap: nothing after it can be trusted.
                    drops.bytes_skipped += (self.buffer.len() - at) as u64;
                    at = self.buffer.len();
                    self.ws_message.clear();
                }
                break;
            };
            let payload = &self.buffer[at + frame.header..at + len];
            if frame.opcode < 8 {
                if self.ws_message.len() + payload.len() > MAX_BUFFERED {
                    drops.bytes_skipped += self.ws_message.len() as u64;
                    drops.partial_messages += 1;
                    self.ws_message.clear();
                } else {
                    let start = self.ws_message.len();
                    self.ws_message.extend_from_slice(payload);
                    if let Some(mask) = frame.mask {
                        for (i, b) in self.ws_message[start..].iter_mut().enumerate() {
                            *b ^= mask[i % 4];
                        }
                    }
                }
                if frame.fin {
                    let message = std::mem::take(&mut self.ws_message);
                    if let Some(sip) = framing::datagram_message(&message) {
                        out.push(sip.to_vec());
                        self.sip_seen = true;
                    }
                }
            }
            at += len;
        }
        self.buffer.drain(..at);
    }

    fn count_junk(&mut self, bytes: usize, drops: &mut Drops) {
        if self.sip_seen {
            drops.bytes_skipped += bytes as u64;
        } else {
            self.junk += bytes;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "192.0.2.1";
    const B: &str = "192.0.2.2";

    fn segment(seq: u32, flags: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = Vec::new();
        s.extend_from_slice(&5060u16.to_be_bytes());
        s.extend_from_slice(&5080u16.to_be_bytes());
        s.extend_from_slice(&seq.to_be_bytes());
        s.extend_from_slice(&[0, 0, 0, 0, 0x50, flags, 0xff, 0xff, 0, 0, 0, 0]);
        s.extend_from_slice(payload);
        s
    }

    fn feed(tcp: &mut Tcp, seq: u32, flags: u8, payload: &[u8]) -> Vec<String> {
        let done =
            tcp.segment(A.parse().unwrap(), B.parse().unwrap(), &segment(seq, flags, payload)).unwrap();
        done.messages.iter().map(|m| String::from_utf8_lossy(m).lines().next().unwrap().to_owned()).collect()
    }

    const INVITE: &[u8] = b"INVITE sip:b@x SIP/2.0\r\nContent-Length: 5\r\n\r\nv=0\r\n";
    const BYE: &[u8] = b"BYE sip:b@x SIP/2.0\r\nContent-Length: 0\r\n\r\n";

    #[test]
    fn two_messages_in_one_segment_and_one_over_two() {
        let mut tcp = Tcp::default();
        feed(&mut tcp, 99, SYN, b"");
        let mut both = INVITE.to_vec();
        both.extend_from_slice(&BYE[..10]);
        assert_eq!(feed(&mut tcp, 100, 0, &both), ["INVITE sip:b@x SIP/2.0"]);
        assert_eq!(feed(&mut tcp, 100 + both.len() as u32, 0, &BYE[10..]), ["BYE sip:b@x SIP/2.0"]);
    }

    #[test]
    fn out_of_order_and_retransmitted_segments() {
        let mut tcp = Tcp::default();
        let (one, two) = INVITE.split_at(20);
        assert!(feed(&mut tcp, 1000, 0, one).is_empty());
        let after = 1000 + INVITE.len() as u32;
        assert!(feed(&mut tcp, after, 0, BYE).is_empty(), "waits for the gap");
        assert!(feed(&mut tcp, 1000, 0, one).is_empty(), "a retransmission");
        assert_eq!(tcp.drops.retransmitted, 1);
        assert_eq!(feed(&mut tcp, 1020, 0, two), ["INVITE sip:b@x SIP/2.0", "BYE sip:b@x SIP/2.0"]);
        // Overlapping: the segment repeats the last 5 bytes and adds another message.
        let mut overlap = BYE[BYE.len() - 5..].to_vec();
        overlap.extend_from_slice(BYE);
        let next = after + BYE.len() as u32;
        assert_eq!(feed(&mut tcp, next - 5, 0, &overlap), ["BYE sip:b@x SIP/2.0"]);
    }

    #[test]
    fn a_gap_that_never_fills_is_skipped_at_the_end() {
        let mut tcp = Tcp::default();
        feed(&mut tcp, 1, 0, &INVITE[..10]);
        feed(&mut tcp, 1 + INVITE.len() as u32 + 7, 0, BYE);
        let done = tcp.finish();
        assert_eq!(done.len(), 1);
        assert_eq!(done[0].messages.len(), 1);
        assert!(done[0].messages[0].starts_with(b"BYE"));
        // The 10 bytes held, the rest of the INVITE never captured, and 7 more.
        assert_eq!(tcp.drops.bytes_skipped, INVITE.len() as u64 + 7);
    }

    #[test]
    fn another_protocol_is_given_up_and_streams_are_capped() {
        let mut tcp = Tcp::default();
        let tls = vec![0x17u8; 1400];
        for n in 0..100u32 {
            feed(&mut tcp, 1 + n * 1400, 0, &tls);
        }
        assert!(tcp.streams.values().all(|s| s.buffer.len() <= framing::MAX_HEADERS + 1400));
        for port in 0..MAX_STREAMS as u16 + 3 {
            let mut s = segment(1, 0, BYE);
            s[..2].copy_from_slice(&port.to_be_bytes());
            tcp.segment(A.parse().unwrap(), B.parse().unwrap(), &s);
        }
        assert_eq!(tcp.streams(), MAX_STREAMS);
        assert_eq!(tcp.drops.streams_evicted, 4);
    }

    #[test]
    fn all_directions_together_hold_at_most_the_cap() {
        let mut tcp = Tcp::default();
        let waiting = vec![b'x'; 250 * 1024];
        for port in 0..300u16 {
            let mut first = segment(1, 0, b"INVITE sip:b@x SIP/2.0\r\n");
            first[..2].copy_from_slice(&port.to_be_bytes());
            tcp.segment(A.parse().unwrap(), B.parse().unwrap(), &first);
            let mut ahead = segment(100_000, 0, &waiting);
            ahead[..2].copy_from_slice(&port.to_be_bytes());
            tcp.segment(A.parse().unwrap(), B.parse().unwrap(), &ahead);
            assert!(tcp.held <= MAX_HELD, "{} held after port {port}", tcp.held);
        }
        assert_eq!(tcp.held, tcp.streams.values().map(Stream::held).sum::<usize>());
        assert!(tcp.drops.streams_evicted > 0);
    }

    #[test]
    fn short_headers_are_counted_not_a_panic() {
        let mut tcp = Tcp::default();
        assert!(tcp.segment(A.parse().unwrap(), B.parse().unwrap(), &[0; 19]).is_none());
        let mut bad = segment(1, 0, b"");
        bad[12] = 0xf0;
        assert!(tcp.segment(A.parse().unwrap(), B.parse().unwrap(), &bad).is_none());
        assert_eq!(tcp.drops.malformed, 2);
    }
}
