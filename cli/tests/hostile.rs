//! The reader on damaged input, in the debug build (overflow checks on): the real captures
//! and traces with bytes flipped, cut and repeated, as the `explain` fuzz target does at
//! length. Nothing may panic, and `--json` stays one JSON object a line.

use sip_codes_cli::explain::{Options, explain};

/// xorshift64: the same damage on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn damaged(original: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(bytes.len());
        match rng.below(4) {
            0 => bytes[at] = rng.next() as u8,
            1 => bytes[at] ^= 0x80,
            2 => bytes.truncate(at.max(24)),
            _ => {
                let end = (at + rng.below(64)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
        }
    }
    bytes
}

fn read(bytes: &[u8], json: bool) {
    let options = Options { json, ..Options::default() };
    let mut out = Vec::new();
    explain(bytes, &mut out, options).unwrap();
    if json {
        for line in out.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            serde_json::from_slice::<serde_json::Value>(line).unwrap();
        }
    }
}

#[test]
fn damaged_captures_and_traces_never_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(format!("{dir}/captures"))
        .unwrap()
        .chain(std::fs::read_dir(format!("{dir}/logs")).unwrap())
        .chain(std::fs::read_dir(dir).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .collect();
    files.sort();
    assert!(files.len() > 15, "{files:?}");
    let mut rng = Rng(0x5eed_cafe_f00d_d00d);
    for file in &files {
        let original = std::fs::read(file).unwrap();
        for round in 0..40 {
            read(&damaged(&original, &mut rng), round % 2 == 0);
        }
    }
}

#[test]
fn arbitrary_bytes_after_a_capture_header_never_panic() {
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    let headers: [&[u8]; 2] = [
        b"\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x04\x00\x65\x00\x00\x00",
        b"\x0a\x0d\x0d\x0a\x1c\x00\x00\x00\x4d\x3c\x2b\x1a\x01\x00\x00\x00\xff\xff\xff\xff\xff\xff\xff\xff\x1c\x00\x00\x00",
    ];
    for round in 0..2000 {
        let mut bytes = headers[round % 2].to_vec();
        let len = rng.below(600);
        bytes.extend((0..len).map(|_| rng.next() as u8));
        read(&bytes, round % 3 == 0);
    }
}
