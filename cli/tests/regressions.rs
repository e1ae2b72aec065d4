//! `sip-codes explain` bugs, one test each, written to fail before their fix.

use assert_cmd::Command;
use serde_json::Value;

fn sip_codes() -> Command {
    assert_cmd::cargo::cargo_bin_cmd!("sip-codes")
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn explain_stdin(input: impl Into<Vec<u8>>) -> String {
    let output = sip_codes().arg("explain").write_stdin(input.into()).output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

/// ngrep prints a packet on one line with CRLF shown as `..`: the phrase ends at the first
/// `..`, not at the end of the message.
#[test]
fn ngrep_single_line_phrase_ends_at_the_line_end() {
    let line = "U 10.0.0.1:5060 -> 10.0.0.2:5060 SIP/2.0 486 Busy Here..Via: SIP/2.0/UDP \
                10.0.0.1:5060;branch=z9hG4bK1..From: <sip:a@x>;tag=1..To: <sip:b@y>;tag=2..\
                Call-ID: ng1@10.0.0.1..CSeq: 1 INVITE..Content-Length: 0....\n";
    let out = explain_stdin(line);
    assert!(out.contains("486 Busy Here: Client Error"), "{out}");
    assert!(!out.contains("differs"), "{out}");
}

/// A 10 in an IP address is a 0x0a byte, which `tcpdump -A` prints as a line break inside the
/// header bytes: the packet's summary line and its payload are then no longer adjacent.
#[test]
fn tcpdump_with_a_10_octet_annotates_each_response_once() {
    let output = sip_codes().args(["explain", &fixture("tcpdump-a-10net.txt")]).output().unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    assert_eq!(out.matches("  ^ 486 Busy Here: Client Error").count(), 1, "{out}");
    assert_eq!(out.matches("  ^ 100 Trying: Provisional").count(), 1, "{out}");
}

/// Random bytes are not a trace: they are not copied to the output.
#[test]
fn binary_input_is_not_echoed() {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let input: Vec<u8> = (0..200 * 1024)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    let output = sip_codes().arg("explain").write_stdin(input).output().unwrap();
    assert!(output.stdout.len() < 8 * 1024, "{} bytes out", output.stdout.len());
}

/// `--json` before the subcommand applies to `explain`; it does not turn the subcommand
/// into search words.
#[test]
fn json_before_the_subcommand_explains() {
    let output = sip_codes().args(["--json", "explain", &fixture("tcpdump-a.txt")]).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let out = String::from_utf8(output.stdout).unwrap();
    let objects: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).expect("JSON Lines")).collect();
    assert!(objects.iter().any(|o| o["kind"] == "response" && o["code"] == 486), "{out}");
    assert!(objects.iter().any(|o| o["kind"] == "call"), "{out}");
}

/// A status line that starts more than 64 KiB into a line is still found.
#[test]
fn status_line_past_64_kib_into_a_line_is_found() {
    let mut input = vec![b'x'; 70 * 1024];
    input.extend_from_slice(b" SIP/2.0 486 Busy Here\n");
    let out = explain_stdin(input);
    assert!(out.contains("  ^ 486 Busy Here: Client Error"), "{}", &out[out.len().saturating_sub(2000)..]);
    assert!(out.len() < 70 * 1024, "the long line is not echoed whole");
}

/// A `/` in a line's first three bytes made `find_version` compute `slash - 3` eagerly: a
/// subtraction overflow, so a panic in the debug build `cargo run` gives (issue 18).
#[test]
fn a_slash_near_the_start_of_a_line_does_not_panic() {
    for input in ["ab/c\n", "/\n", "/usr/sbin/kamailio[812]: INFO: <core> SIP/2.0 200 OK\n"] {
        let output = sip_codes().arg("explain").write_stdin(input).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{input:?}: {stderr}");
        assert!(matches!(output.status.code(), Some(0 | 1)), "{input:?}: {output:?}");
    }
    let out = explain_stdin("/usr/sbin/kamailio[812]: INFO: <core> SIP/2.0 200 OK\n");
    assert!(out.contains("  ^ 200 OK: Success"), "{out}");
}
