//! The file layer: pcap and pcapng bytes in, captured frames out (link type, timestamp,
//! bytes). Bytes are pushed as they are read; a frame is handed out once its whole block
//! is buffered. Blocks are parsed by `pcap-parser`; this module only frames them, so that
//! it can skip a block it will not hold (larger than [`MAX_BLOCK`]) without buffering it.

use pcap_parser::pcapng::{Block, parse_block_be, parse_block_le, parse_sectionheaderblock};
use pcap_parser::{parse_pcap_frame, parse_pcap_frame_be, parse_pcap_frame_modified, parse_pcap_header};

use super::Timestamp;

/// The largest block held: a frame of a 256 KiB snaplen with room to spare.
pub const MAX_BLOCK: usize = 1024 * 1024;
/// The most pcapng interfaces a section may describe.
const MAX_INTERFACES: usize = 256;

/// A captured frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frame<'a> {
    /// Its number in the capture, from 1, as Wireshark counts.
    pub number: u64,
    /// Its link type (LINKTYPE_ value).
    pub link: i32,
    /// When it was captured.
    pub time: Timestamp,
    /// Its bytes as captured (maybe cut at the snapshot length).
    pub data: &'a [u8],
}

/// Why the capture cannot be read on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A pcapng interface: its link type and clock.
#[derive(Clone, Copy, Debug)]
struct Interface {
    link: i32,
    /// Units per second of its timestamps.
    resolution: u64,
    /// Seconds added to every timestamp.
    offset: i64,
}

#[derive(Clone, Debug)]
enum Format {
    /// Before the file header.
    Unknown,
    /// A pcap file: byte order, nanosecond timestamps, Kuznetzov's "modified" records.
    Pcap { big_endian: bool, nanos: bool, modified: bool, link: i32 },
    /// A pcapng section.
    PcapNg { big_endian: bool, interfaces: Vec<Interface> },
}

/// Splits a pcap or pcapng file into frames.
#[derive(Debug)]
pub struct Blocks {
    buf: Vec<u8>,
    at: usize,
    format: Format,
    frames: u64,
    /// Bytes of an oversized block still to skip.
    skip: usize,
    /// Blocks skipped for their size.
    pub oversized: u64,
    /// Blocks that could not be decoded and were skipped.
    pub undecodable: u64,
    /// Frames whose interface the section did not describe.
    pub unknown_interface: u64,
}

impl Default for Blocks {
    fn default() -> Self {
        Blocks::new()
    }
}

/// The pcap and pcapng magic numbers, as the file's first four bytes.
pub fn is_capture(start: &[u8]) -> bool {
    const MAGIC: [[u8; 4]; 6] = [
        [0xd4, 0xc3, 0xb2, 0xa1],
        [0xa1, 0xb2, 0xc3, 0xd4],
        [0x4d, 0x3c, 0xb2, 0xa1],
        [0xa1, 0xb2, 0x3c, 0x4d],
        [0x34, 0xcd, 0xb2, 0xa1],
        [0x0a, 0x0d, 0x0d, 0x0a],
    ];
    start.len() >= 4 && MAGIC.iter().any(|m| start[..4] == *m)
}

impl Blocks {
    /// Nothing read yet.
    pub fn new() -> Blocks {
        Blocks {
            buf: Vec::new(),
            at: 0,
            format: Format::Unknown,
            frames: 0,
            skip: 0,
            oversized: 0,
            undecodable: 0,
            unknown_interface: 0,
        }
    }

    /// Takes in the next bytes of the file.
    pub fn push(&mut self, mut bytes: &[u8]) {
        if self.skip > 0 {
            let skipped = self.skip.min(bytes.len());
            self.skip -= skipped;
            bytes = &bytes[skipped..];
        }
        if self.at > 0 && self.at * 2 >= self.buf.len() {
            self.buf.drain(..self.at);
            self.at = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// Bytes held and not yet handed out: at the end of the file, the part of a cut block.
    pub fn pending(&self) -> usize {
        self.buf.len() - self.at + self.skip
    }

    /// The next frame, `Ok(None)` when more bytes are needed.
    ///
    /// # Errors
    /// The file is not a capture, or its framing is broken beyond repair.
    pub fn next_frame(&mut self) -> Result<Option<Frame<'_>>, Error> {
        loop {
            if self.skip > 0 {
                return Ok(None);
            }
            let input = &self.buf[self.at..];
            match &mut self.format {
                Format::Unknown => {
                    if input.len() < 4 {
                        return Ok(None);
                    }
                    if input[..4] == [0x0a, 0x0d, 0x0d, 0x0a] {
                        self.format = Format::PcapNg { big_endian: false, interfaces: Vec::new() };
                        continue;
                    }
                    if input.len() < 24 {
                        return Ok(None);
                    }
                    let (_, header) = parse_pcap_header(input)
                        .map_err(|_| Error("not a pcap or pcapng file (unknown magic number)".to_owned()))?;
                    self.format = Format::Pcap {
                        big_endian: header.is_bigendian(),
                        nanos: header.is_nanosecond_precision(),
                        modified: header.is_modified_format(),
                        link: header.network.0,
                    };
                    self.at += 24;
                }
                Format::Pcap { big_endian, nanos, modified, link } => {
                    let head = if *modified { 24 } else { 16 };
                    if input.len() < head {
                        return Ok(None);
                    }
                    let caplen = read_u32(&input[8..12], *big_endian) as usize;
                    let total = head.saturating_add(caplen);
                    if total > MAX_BLOCK {
                        self.oversized += 1;
                        self.frames += 1;
                        self.skip_block(total);
                        continue;
                    }
                    if input.len() < total {
                        return Ok(None);
                    }
                    let block = &input[..total];
                    let parsed = if *modified {
                        parse_pcap_frame_modified(block)
                    } else if *big_endian {
                        parse_pcap_frame_be(block)
                    } else {
                        parse_pcap_frame(block)
                    };
                    let (nanos, link) = (*nanos, *link);
                    self.at += total;
                    self.frames += 1;
                    let Ok((_, frame)) = parsed else {
                        self.undecodable += 1;
                        continue;
                    };
                    let (scale, digits) = if nanos { (1, 9) } else { (1000, 6) };
                    let nanos = frame.ts_usec.min(999_999_999).saturating_mul(scale).min(999_999_999);
                    let time = Timestamp { secs: i64::from(frame.ts_sec), nanos, digits };
                    let start = self.at - total + head;
                    let data = &self.buf[start..start + frame.data.len()];
                    return Ok(Some(Frame { number: self.frames, link, time, data }));
                }
                Format::PcapNg { big_endian, interfaces } => {
                    if input.len() < 12 {
                        return Ok(None);
                    }
                    let shb = input[..4] == [0x0a, 0x0d, 0x0d, 0x0a];
                    if shb {
                        // The byte-order magic says how to read this section, its length included.
                        *big_endian = input[8..12] == [0x1a, 0x2b, 0x3c, 0x4d];
                    }
                    let total = read_u32(&input[4..8], *big_endian) as usize;
                    if total < 12 || !total.is_multiple_of(4) {
                        return Err(Error(format!(
                            "broken pcapng file: a block {} bytes into it claims a length of {total} bytes",
                            self.at
                        )));
                    }
                    if total > MAX_BLOCK {
                        self.oversized += 1;
                        if read_u32(&input[..4], *big_endian) == 6 || read_u32(&input[..4], *big_endian) == 3
                        {
                            self.frames += 1;
                        }
                        self.skip_block(total);
                        continue;
                    }
                    if input.len() < total {
                        return Ok(None);
                    }
                    let block = &input[..total];
                    let parsed = if shb {
                        parse_sectionheaderblock(block).map(|(r, b)| (r, Block::SectionHeader(b)))
                    } else if *big_endian {
                        parse_block_be(block)
                    } else {
                        parse_block_le(block)
                    };
                    let start = self.at;
                    self.at += total;
                    let Ok((_, block)) = parsed else {
                        self.undecodable += 1;
                        continue;
                    };
                    match block {
                        Block::SectionHeader(_) => interfaces.clear(),
                        Block::InterfaceDescription(idb) if interfaces.len() < MAX_INTERFACES => {
                            interfaces.push(Interface {
                                link: idb.linktype.0,
                                resolution: idb.ts_resolution().unwrap_or(1_000_000).max(1),
                                offset: idb.ts_offset(),
                            });
                        }
                        Block::EnhancedPacket(epb) => {
                            self.frames += 1;
                            let Some(interface) = interfaces.get(epb.if_id as usize).copied() else {
                                self.unknown_interface += 1;
                                continue;
                            };
                            let units = (u64::from(epb.ts_high) << 32) | u64::from(epb.ts_low);
                            let time = Timestamp::from_units(units, interface.resolution, interface.offset);
                            let len = epb.data.len().min(epb.caplen as usize);
                            let Some(from) = offset_in(&self.buf, epb.data, start, total, len) else {
                                self.undecodable += 1;
                                continue;
                            };
                            let data = &self.buf[from..from + len];
                            return Ok(Some(Frame { number: self.frames, link: interface.link, time, data }));
                        }
                        Block::SimplePacket(spb) => {
                            self.frames += 1;
                            let Some(interface) = interfaces.first().copied() else {
                                self.unknown_interface += 1;
                                continue;
                            };
                            let len = spb.data.len();
                            let Some(from) = offset_in(&self.buf, spb.data, start, total, len) else {
                                self.undecodable += 1;
                                continue;
                            };
                            let data = &self.buf[from..from + len];
                            let time = Timestamp { secs: 0, nanos: 0, digits: 0 };
                            return Ok(Some(Frame { number: self.frames, link: interface.link, time, data }));
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    /// Skips a block of `total` bytes starting at the read position, buffered or not.
    fn skip_block(&mut self, total: usize) {
        let held = self.buf.len() - self.at;
        if total <= held {
            self.at += total;
        } else {
            self.skip = total - held;
            self.at = self.buf.len();
        }
    }
}

/// Where `data`, a slice the parser took from the block at `start` (`total` bytes long),
/// begins in `buf`; `None` if it is not inside that block.
fn offset_in(buf: &[u8], data: &[u8], start: usize, total: usize, len: usize) -> Option<usize> {
    let from = (data.as_ptr() as usize).checked_sub(buf.as_ptr() as usize)?;
    (from >= start && from.checked_add(len)? <= start + total).then_some(from)
}

fn read_u32(bytes: &[u8], big_endian: bool) -> u32 {
    let array = [bytes[0], bytes[1], bytes[2], bytes[3]];
    if big_endian { u32::from_be_bytes(array) } else { u32::from_le_bytes(array) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A little-endian microsecond pcap header for `link`, then one record per frame.
    fn pcap(link: u32, frames: &[(u32, u32, &[u8])]) -> Vec<u8> {
        let mut file = Vec::new();
        file.extend_from_slice(&0xa1b2_c3d4_u32.to_le_bytes());
        file.extend_from_slice(&2u16.to_le_bytes());
        file.extend_from_slice(&4u16.to_le_bytes());
        for word in [0u32, 0, 262_144, link] {
            file.extend_from_slice(&word.to_le_bytes());
        }
        for (secs, micros, data) in frames {
            for word in [*secs, *micros, data.len() as u32, data.len() as u32] {
                file.extend_from_slice(&word.to_le_bytes());
            }
            file.extend_from_slice(data);
        }
        file
    }

    /// A frame as the tests compare it: number, link type, time, bytes.
    type Seen = (u64, i32, String, Vec<u8>);

    fn all(bytes: &[u8], chunk: usize) -> (Vec<Seen>, Blocks) {
        let mut blocks = Blocks::new();
        let mut frames = Vec::new();
        for piece in bytes.chunks(chunk) {
            blocks.push(piece);
            while let Some(frame) = blocks.next_frame().unwrap() {
                frames.push((frame.number, frame.link, frame.time.to_string(), frame.data.to_vec()));
            }
        }
        (frames, blocks)
    }

    #[test]
    fn pcap_frames_come_out_whatever_the_read_size() {
        let file = pcap(1, &[(1_700_000_000, 5, b"abc"), (1_700_000_001, 999_999, b"")]);
        for chunk in [1, 3, 7, 1000] {
            let (frames, blocks) = all(&file, chunk);
            assert_eq!(frames.len(), 2, "chunk {chunk}");
            assert_eq!(frames[0], (1, 1, "1700000000.000005".to_owned(), b"abc".to_vec()));
            assert_eq!(frames[1].2, "1700000001.999999");
            assert_eq!(blocks.pending(), 0);
        }
    }

    #[test]
    fn an_oversized_record_is_skipped_and_counted() {
        let big = vec![0u8; MAX_BLOCK + 1];
        let file = pcap(1, &[(1, 0, &big), (2, 0, b"after")]);
        let (frames, blocks) = all(&file, 4096);
        assert_eq!(frames.len(), 1);
        assert_eq!(frames[0].0, 2);
        assert_eq!(frames[0].3, b"after");
        assert_eq!(blocks.oversized, 1);
    }

    #[test]
    fn a_cut_file_leaves_bytes_pending() {
        let file = pcap(1, &[(1, 0, b"abcdef")]);
        let (frames, blocks) = all(&file[..file.len() - 2], 5);
        assert!(frames.is_empty());
        assert_eq!(blocks.pending(), 16 + 4);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let mut blocks = Blocks::new();
        blocks.push(b"\xd4\xc3\xb2\xa1");
        assert!(blocks.next_frame().unwrap().is_none());
        let mut blocks = Blocks::new();
        blocks.push(b"\x0a\x0d\x0d\x0a\x05\x00\x00\x00\x4d\x3c\x2b\x1a");
        assert!(blocks.next_frame().is_err());
    }
}
