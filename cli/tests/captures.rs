//! `sip-codes explain` on pcap and pcapng captures (fixtures/captures/SOURCES.md): every
//! call's responses and request methods agree with tshark's dissection of the same file,
//! committed beside each capture, and each message carries its capture time and addresses.

use std::collections::{BTreeMap, BTreeSet};

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;

fn sip_codes() -> Command {
    assert_cmd::cargo::cargo_bin_cmd!("sip-codes")
}

fn capture(name: &str) -> String {
    format!("{}/tests/fixtures/captures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The `--json` objects for a capture, read from the file.
fn objects(name: &str) -> Vec<Value> {
    let output = sip_codes().args(["--json", "explain", &capture(name)]).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// Responses counted by (Call-ID, code), and request methods by Call-ID.
#[derive(Debug, Default, PartialEq, Eq)]
struct Dissection {
    responses: BTreeMap<(String, u64), usize>,
    methods: BTreeSet<(String, String)>,
    messages: usize,
}

/// tshark's `-T fields -e sip.Call-ID -e sip.Method -e sip.Status-Code`, one frame a line.
fn tshark(name: &str) -> Dissection {
    let text = std::fs::read_to_string(capture(name)).unwrap();
    let mut d = Dissection::default();
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 3, "{line:?}");
        assert!(!fields[0].contains(','), "one message a frame in these captures: {line:?}");
        let call_id = fields[0].to_owned();
        if !fields[1].is_empty() {
            d.methods.insert((call_id.clone(), fields[1].to_owned()));
        }
        if !fields[2].is_empty() {
            *d.responses.entry((call_id, fields[2].parse().unwrap())).or_default() += 1;
        }
        d.messages += 1;
    }
    d
}

/// The same from our `--json`: responses from their objects, methods from the call flows,
/// the message count from the capture report.
fn ours(objects: &[Value]) -> Dissection {
    let mut d = Dissection::default();
    for o in objects {
        match o["kind"].as_str().unwrap() {
            "response" => {
                let key = (o["call_id"].as_str().unwrap().to_owned(), o["code"].as_u64().unwrap());
                *d.responses.entry(key).or_default() += 1;
            }
            "call" => {
                for step in o["flow"].as_array().unwrap() {
                    let step = step.as_str().unwrap();
                    if !step.starts_with(|c: char| c.is_ascii_digit()) {
                        d.methods.insert((o["call_id"].as_str().unwrap().to_owned(), step.to_owned()));
                    }
                }
            }
            "capture" => d.messages = o["messages"].as_u64().unwrap() as usize,
            _ => {}
        }
    }
    d
}

fn agrees_with_tshark(name: &str, dissection: &str) {
    let objects = objects(name);
    let expected = tshark(dissection);
    assert!(!expected.responses.is_empty(), "{dissection} holds responses");
    assert_eq!(ours(&objects), expected, "{name}");
    let report = objects.iter().find(|o| o["kind"] == "capture").unwrap();
    assert_eq!(report["dropped"], serde_json::json!([]), "{name}: {report}");
    assert_eq!(report["error"], Value::Null);
}

/// Ethernet, IPv4, SIP over TCP, one message a segment.
#[test]
fn tcp_call() {
    agrees_with_tshark("heplify-sip_ipv4_tcp.pcap", "heplify-sip_ipv4_tcp.tshark.txt");
}

/// SIP over TCP on port 6060, messages split over segments and together in one.
#[test]
fn tcp_messages_split_across_segments() {
    agrees_with_tshark(
        "heplify-sip_ipv4_tcp_fragmented-1-200.pcap",
        "heplify-sip_ipv4_tcp_fragmented-1-200.tshark.txt",
    );
}

/// The same capture with two segments of a split message swapped and a segment repeated
/// (mergecap): the same messages as the original. tshark 4.0, even with
/// `tcp.reassemble_out_of_order`, misses the 100 Trying that the swap delays.
#[test]
fn tcp_segments_out_of_order_and_repeated() {
    agrees_with_tshark(
        "heplify-sip_ipv4_tcp_fragmented-reordered.pcap",
        "heplify-sip_ipv4_tcp_fragmented-1-200.tshark.txt",
    );
    let tshark_reordered = tshark("heplify-sip_ipv4_tcp_fragmented-reordered.tshark.txt");
    let original = tshark("heplify-sip_ipv4_tcp_fragmented-1-200.tshark.txt");
    assert_eq!(
        tshark_reordered.responses.values().sum::<usize>() + 1,
        original.responses.values().sum::<usize>()
    );
}

/// Linux cooked (SLL) link type, a TCP retransmission of a 200, TLS beside the SIP.
#[test]
fn tcp_retransmission_over_linux_cooked() {
    agrees_with_tshark("heplify-sip_ipv4_tcp_retrans.pcap", "heplify-sip_ipv4_tcp_retrans.tshark.txt");
}

/// Ethernet, IPv6, UDP.
#[test]
fn ipv6_udp_call() {
    agrees_with_tshark("heplify-sip_ipv6_udp.pcap", "heplify-sip_ipv6_udp.tshark.txt");
}

/// IPv6 fragments (INVITEs with SDP over 1500 bytes), SLL, PRACK and UPDATE.
#[test]
fn ipv6_fragments() {
    agrees_with_tshark("sngrep-ipv6frag.pcap", "sngrep-ipv6frag.tshark.txt");
}

/// The same capture as pcapng (editcap -F pcapng): the same reading.
#[test]
fn pcapng_reads_as_pcap() {
    agrees_with_tshark("sngrep-ipv6frag.pcapng", "sngrep-ipv6frag.tshark.txt");
    let strip = |objects: Vec<Value>| -> Vec<Value> {
        objects.into_iter().filter(|o| o["kind"] != "capture").collect()
    };
    assert_eq!(strip(objects("sngrep-ipv6frag.pcapng")), strip(objects("sngrep-ipv6frag.pcap")));
}

/// SIP over SCTP, the INVITE (with an ISUP body) in two DATA fragments.
#[test]
fn sctp_with_a_fragmented_message() {
    agrees_with_tshark("heplify-sip_sctp.pcap", "heplify-sip_sctp.tshark.txt");
    let objects = objects("heplify-sip_sctp.pcap");
    let forbidden = objects.iter().find(|o| o["code"] == 403).unwrap();
    assert_eq!(forbidden["transport"], "sctp");
    assert_eq!(
        call(&objects, "717B2539AD2002C9152DC497")["flow"],
        serde_json::json!(["INVITE", "100", "403", "ACK"])
    );
}

/// SIP over WebSocket: an HTTP upgrade on port 8080, then masked frames, some messages over
/// two TCP segments; the proxy relays them over UDP.
#[test]
fn websocket() {
    agrees_with_tshark("heplify-sip_tcp_websocket.pcap", "heplify-sip_tcp_websocket.tshark.txt");
    let objects = objects("heplify-sip_tcp_websocket.pcap");
    let challenge = objects.iter().find(|o| o["code"] == 407).unwrap();
    assert_eq!((challenge["transport"].as_str(), challenge["frame"].as_u64()), (Some("tcp"), Some(13)));
}

/// IPv4 inside IPv4.
#[test]
fn ip_in_ip() {
    agrees_with_tshark("sngrep-ipip.pcap", "sngrep-ipip.tshark.txt");
}

/// The Wireshark wiki's SIP sample: REGISTER challenges, 407, 403, 408, 480, CANCEL.
#[test]
fn wireshark_sample() {
    agrees_with_tshark("zeek-wireshark.pcap", "zeek-wireshark.tshark.txt");
}

/// Raw IPv4 link type, messages of about 9 KB.
#[test]
fn raw_ip_long_messages() {
    agrees_with_tshark("zeek-long-paths.pcap", "zeek-long-paths.tshark.txt");
}

/// IPv4 fragments: two 9 KB messages in seven fragments each (tcpdump on a 1500-byte-MTU
/// loopback).
#[test]
fn ipv4_fragments() {
    agrees_with_tshark("loopback-ipv4-frag-replay.pcap", "loopback-ipv4-frag-replay.tshark.txt");
    let options = objects("loopback-ipv4-frag-replay.pcap").into_iter().find(|o| o["code"] == 200).unwrap();
    // The 200 is completed by its last fragment, frame 14.
    assert_eq!(options["frame"], 14);
    assert_eq!(options["src"], "192.0.2.2:5060");
}

/// Linux cooked v2 (`tcpdump -i any`), IPv6 loopback.
#[test]
fn linux_cooked_v2() {
    agrees_with_tshark("loopback-sll2-replay.pcap", "loopback-sll2-replay.tshark.txt");
}

/// The contract for scripts: time (with the capture's precision), src and dst of the packet
/// that completed the message; IPv6 in brackets. Values checked against
/// `tshark -T fields -e frame.number -e frame.time_epoch -e ip.src -e tcp.srcport`.
#[test]
fn messages_carry_time_and_addresses() {
    let objects = objects("heplify-sip_ipv4_tcp.pcap");
    let trying = &objects[0];
    assert_eq!(trying["code"], 100);
    assert_eq!(trying["frame"], 5);
    assert_eq!(trying["time"].to_string(), "1311857686.602589");
    assert_eq!(trying["src"], "10.33.6.101:5060");
    assert_eq!(trying["dst"], "10.33.6.100:64802");
    assert_eq!(trying["transport"], "tcp");
    let v6 = objects_of("heplify-sip_ipv6_udp.pcap", "response");
    assert!(v6[0]["src"].as_str().unwrap().starts_with('['), "{}", v6[0]);
    assert!(v6[0]["src"].as_str().unwrap().ends_with("]:5060"), "{}", v6[0]);
    // Text input has none of these fields.
    let text =
        sip_codes().args(["--json", "explain"]).write_stdin("SIP/2.0 200 OK\r\n\r\n").output().unwrap();
    let line: Value = serde_json::from_slice(text.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert!(line.get("time").is_none() && line.get("src").is_none(), "{line}");
}

fn objects_of(name: &str, kind: &str) -> Vec<Value> {
    objects(name).into_iter().filter(|o| o["kind"] == kind).collect()
}

/// A capture on standard input reads as the file does.
#[test]
fn a_capture_on_standard_input() {
    let bytes = std::fs::read(capture("zeek-wireshark.pcap")).unwrap();
    let piped = sip_codes().args(["--json", "explain"]).write_stdin(bytes).output().unwrap();
    let named = sip_codes().args(["--json", "explain", &capture("zeek-wireshark.pcap")]).output().unwrap();
    assert!(piped.status.success());
    assert_eq!(piped.stdout, named.stdout);
}

/// The text view: each message after the frame it came in, then its notes.
#[test]
fn text_shows_the_frame_before_each_message() {
    sip_codes()
        .args(["explain", &capture("heplify-sip_ipv4_tcp.pcap")])
        .assert()
        .success()
        .stdout(contains(
            "frame 5 at 1311857686.602589: TCP 10.33.6.101:5060 -> 10.33.6.100:64802\nSIP/2.0 100 Trying\n",
        ))
        .stdout(contains(
            "\ncall 158936656982201062716@10.33.6.100 (frames 3-83): INVITE 100 180 200 ACK BYE 200\n",
        ));
}

/// A capture cut short reads as far as it goes and says what was cut; a broken one is an
/// error after what could be read, never a panic.
#[test]
fn cut_and_broken_captures() {
    let bytes = std::fs::read(capture("zeek-wireshark.pcap")).unwrap();
    let cut = &bytes[..bytes.len() - 100];
    sip_codes()
        .arg("explain")
        .write_stdin(cut.to_vec())
        .assert()
        .success()
        .stderr(contains("bytes of a last block cut off by the end of the file"));
    let mut broken = b"\x0a\x0d\x0d\x0a\x1c\x00\x00\x00\x4d\x3c\x2b\x1a\x01\x00\x00\x00".to_vec();
    broken.extend_from_slice(&[0xff; 12]);
    broken.extend_from_slice(b"\x01\x00\x00\x00\x07\x00\x00\x00junk");
    sip_codes()
        .arg("explain")
        .write_stdin(broken)
        .assert()
        .code(2)
        .stderr(contains("cannot read standard input to its end: broken pcapng file"))
        .stderr(contains("panicked").not());
}

fn call(objects: &[Value], id_start: &str) -> Value {
    objects
        .iter()
        .find(|o| o["kind"] == "call" && o["call_id"].as_str().unwrap().starts_with(id_start))
        .unwrap()
        .clone()
}

/// Timing from capture timestamps, checked against tshark's `frame.time_relative` of the
/// INVITE (0.005921), 180 (0.064948), 200 (4.349461) and BYE (6.500977).
#[test]
fn call_timing() {
    let objects = objects("heplify-sip_ipv4_tcp.pcap");
    let timing = &call(&objects, "158936656982201062716")["timing"];
    assert_eq!(timing["post_dial_delay"].to_string(), "0.059027");
    assert_eq!(timing["duration"].to_string(), "2.151516");
    assert_eq!(timing["time_to_failure"], Value::Null);
    // The capture's microseconds, trailing zero included, as the JSON text has them.
    let raw =
        sip_codes().args(["--json", "explain", &capture("heplify-sip_ipv4_tcp.pcap")]).output().unwrap();
    assert!(String::from_utf8(raw.stdout).unwrap().contains("\"answer_time\":4.343540,"));
}

/// The Wireshark sample's cancelled call: the INVITE sent 3 times and the CANCEL 11 times
/// over 31.6 s (RFC 3261 timer F, 64*T1 = 32 s), then 408; tshark lists 3 INVITE and 11
/// CANCEL frames for this Call-ID. Each retransmission is counted, not read again.
#[test]
fn retransmission_runs() {
    let objects = objects("zeek-wireshark.pcap");
    let cancelled = call(&objects, "105090259-446faf7a");
    let runs: Vec<String> = cancelled["timing"]["retransmission_runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("{} {} {} {}", r["method"].as_str().unwrap(), r["cseq"], r["sent"], r["over"]))
        .collect();
    assert_eq!(runs, ["INVITE 1 3 1.51003", "CANCEL 1 11 31.602359"]);
    assert_eq!(cancelled["retransmissions"], 12);
    assert_eq!(cancelled["timing"]["time_to_failure"].to_string(), "36.772805");
    let notes: Vec<&str> = objects
        .iter()
        .filter(|o| o["call_id"] == "105090259-446faf7a@192.168.1.2" && o["method"] == "CANCEL")
        .flat_map(|o| o["notes"].as_array().unwrap())
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(notes.iter().filter(|k| **k == "transaction.retransmission").count(), 10, "{notes:?}");
}

/// A text trace has no capture times: no timing, and the fields are still there.
#[test]
fn a_text_trace_has_no_timing() {
    let output = sip_codes()
        .args(["--json", "explain"])
        .write_stdin("INVITE sip:b@x SIP/2.0\r\nCall-ID: t\r\nCSeq: 1 INVITE\r\n\r\nSIP/2.0 200 OK\r\nCall-ID: t\r\nCSeq: 1 INVITE\r\n\r\n")
        .output()
        .unwrap();
    let objects: Vec<Value> =
        String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let timing = &call(&objects, "t")["timing"];
    assert_eq!(timing["answer_time"], Value::Null);
    assert_eq!(timing["retransmission_runs"], serde_json::json!([]));
}

/// `sip-codes stats` counts what `tshark -q -z sip,stat` counts: requests by method and
/// responses by code (its output committed beside each capture).
#[test]
fn stats_agree_with_tshark_sip_stat() {
    for name in ["zeek-wireshark", "sngrep-ipv6frag", "heplify-sip_ipv4_tcp"] {
        let tshark = std::fs::read_to_string(capture(&format!("{name}.sip-stat.txt"))).unwrap();
        let mut expected_codes = BTreeMap::new();
        let mut expected_methods = BTreeMap::new();
        for line in tshark.lines().filter(|l| l.ends_with(" Packets")) {
            let (what, count) = line.rsplit_once(':').unwrap();
            let count: u64 = count.trim().trim_end_matches(" Packets").trim().parse().unwrap();
            let what = what.trim();
            match what.strip_prefix("SIP ") {
                Some(status) => expected_codes.insert(status[..3].to_owned(), count),
                None => expected_methods.insert(what.to_owned(), count),
            };
        }
        let output =
            sip_codes().args(["--json", "stats", &capture(&format!("{name}.pcap"))]).output().unwrap();
        assert!(output.status.success(), "{output:?}");
        let stats: Value = serde_json::from_slice(&output.stdout).unwrap();
        let codes: BTreeMap<String, u64> = stats["responses"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
            .collect();
        let methods: BTreeMap<String, u64> = stats["requests"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
            .collect();
        assert_eq!(codes, expected_codes, "{name}");
        assert_eq!(methods, expected_methods, "{name}");
    }
    let text = sip_codes().args(["stats", &capture("zeek-wireshark.pcap")]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("\nretransmissions       14\n"), "{text}");
    assert!(text.contains("RFC 6076 over 4 attempts: SER 0.0%, SEER 25.0%, ISA 25.0%, SCR 0.0%"), "{text}");
}

/// The callee in this capture answers the INVITE with a 183 under To tag `...SIPpTag0171847`
/// (frame 6, relayed as frame 7), then a 183 under `...SIPpTag0271847` (frames 16, 17): two
/// early dialogs, a fork on each hop (tshark `-e sip.to.tag`). One 200 per hop follows, so
/// no double answer; the callee's second 200 (frame 27, same branch and tag as frame 26) is
/// a retransmission.
#[test]
fn two_early_dialogs_and_one_answer() {
    let objects = objects("sngrep-ipv6frag.pcap");
    let call = call(&objects, "71846-1647924829");
    assert_eq!(call["double_answers"], 0);
    assert_eq!(call["retransmissions"], 1);
    let forks: Vec<u64> = objects
        .iter()
        .filter(|o| o["notes"].as_array().is_some_and(|n| n.iter().any(|n| n["kind"] == "dialog.fork")))
        .map(|o| o["frame"].as_u64().unwrap())
        .collect();
    assert_eq!(forks, [16, 17]);
    let retransmitted: Vec<u64> = objects
        .iter()
        .filter(|o| {
            o["notes"].as_array().is_some_and(|n| n.iter().any(|n| n["kind"] == "transaction.retransmission"))
        })
        .map(|o| o["frame"].as_u64().unwrap())
        .collect();
    assert_eq!(retransmitted, [27]);
}

/// `explain --ladder` draws each call of a capture: hosts as columns, times from the call's
/// first message (the values of `call_timing`).
#[test]
fn a_ladder_per_call() {
    let output =
        sip_codes().args(["explain", "--ladder", &capture("heplify-sip_ipv4_tcp.pcap")]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let ladder: Vec<&str> =
        text.lines().skip_while(|l| !l.contains("10.33.6.100:64802       10.33.6.101:5060")).collect();
    assert_eq!(ladder.len(), 8, "{text}");
    assert!(ladder[1].starts_with("0.000000 ") && ladder[1].contains("INVITE") && ladder[1].ends_with("->|"));
    assert!(
        ladder[3].starts_with("0.059027 ") && ladder[3].contains("|<-") && ladder[3].contains("180 Ringing")
    );
    assert!(ladder[6].starts_with("6.495056 ") && ladder[6].contains("BYE") && ladder[6].contains("|<-"));
}
