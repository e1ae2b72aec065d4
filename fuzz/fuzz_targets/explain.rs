//! `sip-codes explain` over arbitrary bytes, on the text path and the capture path: never
//! panics, never fails (reading a slice and writing a `Vec` cannot), and with `--json`
//! writes one JSON object a line.
//!
//! The first byte picks the path and the options: its two low bits whether the rest is read
//! as given (text, or a capture if it starts with a magic number), as the records of a pcap
//! file, as the packets of a pcapng file, or as a pcap file of its own; its next bits the
//! link type and the output options (`--json`, `--status-only`, colour, `--ladder`, the
//! counting of `stats`). Records are cut from the rest by a length byte each,
//! so the fuzzer reaches the link, IP, TCP and framing layers without having to find the
//! file layer's framing first.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sip_codes_cli::explain::{Options, explain};

/// The link types the capture reader knows, and one it does not.
const LINKS: [u32; 8] = [1, 113, 276, 101, 0, 108, 228, 147];

/// Cuts `rest` into frames: a length byte (times 8) then that many bytes.
fn frames(mut rest: &[u8]) -> Vec<&[u8]> {
    let mut frames = Vec::new();
    while let Some((&len, tail)) = rest.split_first() {
        let n = (usize::from(len) * 8).min(tail.len());
        frames.push(&tail[..n]);
        rest = &tail[n..];
    }
    frames
}

fn pcap(link: u32, frames: &[&[u8]]) -> Vec<u8> {
    let mut file = Vec::new();
    file.extend_from_slice(&0xa1b2_c3d4_u32.to_le_bytes());
    file.extend_from_slice(&2u16.to_le_bytes());
    file.extend_from_slice(&4u16.to_le_bytes());
    for word in [0u32, 0, 262_144, link] {
        file.extend_from_slice(&word.to_le_bytes());
    }
    for (i, frame) in frames.iter().enumerate() {
        let len = frame.len() as u32;
        for word in [1_700_000_000 + i as u32, (i as u32 * 7919) % 1_000_000, len, len] {
            file.extend_from_slice(&word.to_le_bytes());
        }
        file.extend_from_slice(frame);
    }
    file
}

fn pcapng(link: u16, frames: &[&[u8]]) -> Vec<u8> {
    let block = |kind: u32, body: &[u8]| {
        let padded = body.len().div_ceil(4) * 4;
        let total = (12 + padded) as u32;
        let mut b = Vec::new();
        b.extend_from_slice(&kind.to_le_bytes());
        b.extend_from_slice(&total.to_le_bytes());
        b.extend_from_slice(body);
        b.resize(8 + padded, 0);
        b.extend_from_slice(&total.to_le_bytes());
        b
    };
    let mut shb = 0x1a2b_3c4d_u32.to_le_bytes().to_vec();
    shb.extend_from_slice(&[1, 0, 0, 0]);
    shb.extend_from_slice(&u64::MAX.to_le_bytes());
    let mut file = block(0x0a0d_0d0a, &shb);
    let mut idb = link.to_le_bytes().to_vec();
    idb.extend_from_slice(&[0, 0, 0, 0, 4, 0]);
    file.extend(block(1, &idb));
    for (i, frame) in frames.iter().enumerate() {
        let mut epb = Vec::new();
        let micros = 1_700_000_000_000_000u64 + i as u64 * 1_000;
        let len = frame.len() as u32;
        for word in [0u32, (micros >> 32) as u32, micros as u32, len, len] {
            epb.extend_from_slice(&word.to_le_bytes());
        }
        epb.extend_from_slice(frame);
        file.extend(block(6, &epb));
    }
    file
}

fuzz_target!(|input: &[u8]| {
    let Some((&mode, rest)) = input.split_first() else { return };
    let link = LINKS[usize::from(mode >> 2) % LINKS.len()];
    let bytes = match mode % 4 {
        0 => rest.to_vec(),
        1 => pcap(link, &frames(rest)),
        2 => pcapng(link as u16, &frames(rest)),
        _ => pcap(link, &[rest]),
    };
    let options = Options {
        json: mode & 0x20 != 0,
        status_only: mode & 0x40 != 0,
        color: mode & 0x80 != 0,
        max_calls: 1 + usize::from(mode % 3),
        stats: rest.first().is_some_and(|b| b & 1 == 1) && mode & 0x60 == 0x60,
        ladder: mode & 0x10 != 0,
    };
    let mut out = Vec::new();
    explain(&bytes[..], &mut out, options).expect("a slice reads and a Vec writes without failing");
    if options.json {
        for line in out.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            serde_json::from_slice::<serde_json::Value>(line).expect("each line is one JSON object");
        }
    }
});
