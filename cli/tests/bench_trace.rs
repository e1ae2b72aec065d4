//! Writes the 50 MB trace `BENCHMARKS.md` measures `sip-codes explain` on (ignored: run it
//! by name). The fixtures are repeated, each copy's Call-IDs made unique, so the trace holds
//! tens of thousands of distinct calls.
//!
//! `cargo test -p sip-codes-cli --test bench_trace -- --ignored --nocapture`

use std::io::Write;

#[test]
#[ignore = "writes 50 MB; run by hand for BENCHMARKS.md"]
fn write_a_50_mb_trace() {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut blocks = Vec::new();
    for name in [
        "tcpdump-a.txt",
        "tcpdump-a-10net.txt",
        "ngrep-single.txt",
        "ngrep-byline.txt",
        "problems.txt",
        "traces/rfc3665-s3.2-two-proxies-407-bye.txt",
        "traces/rfc3665-s3.6-redirect-302.txt",
        "traces/rfc3665-s3.8-no-answer-cancel-487.txt",
        "traces/rfc3665-s3.9-busy-486.txt",
    ] {
        blocks.push(std::fs::read_to_string(format!("{dir}/{name}")).unwrap());
    }
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("explain-50mb.txt");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let (mut written, mut copy) = (0usize, 0usize);
    while written < 50 * 1024 * 1024 {
        for block in &blocks {
            // Every Call-ID in the fixtures ends in "@host": make its local part unique.
            let text = block
                .replace("@atlanta.example.com", &format!("-{copy}@atlanta.example.com"))
                .replace("@pc33.example.org", &format!("-{copy}@pc33.example.org"))
                .replace("@10.0.0.1", &format!("-{copy}@10.0.0.1"))
                .replace("@example.org\n", &format!("-{copy}@example.org\n"));
            out.write_all(text.as_bytes()).unwrap();
            written += text.len();
        }
        copy += 1;
    }
    out.flush().unwrap();
    println!("{} ({written} bytes, {copy} copies of the fixtures)", path.display());
}
