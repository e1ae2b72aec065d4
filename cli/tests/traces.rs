//! `sip-codes explain` on real call flows: RFC 3665's examples (see fixtures/traces/SOURCES.md)
//! and a made-up trace of the cases those flows lack. Every expectation was checked by hand
//! against the flow's diagram and message details, not copied from the output.

use std::collections::{BTreeMap, BTreeSet};

use assert_cmd::Command;
use serde_json::Value;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The `--json` objects for a trace.
fn objects(path: &str) -> Vec<Value> {
    let output =
        assert_cmd::cargo::cargo_bin_cmd!("sip-codes").args(["--json", "explain", path]).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// One row per annotated message: "line code-or-method cseq-method note-kinds".
fn rows(objects: &[Value]) -> Vec<String> {
    objects
        .iter()
        .filter(|o| o["kind"] != "call")
        .map(|o| {
            let what =
                o.get("code").map_or_else(|| o["method"].as_str().unwrap().to_owned(), Value::to_string);
            let kinds: Vec<&str> =
                o["notes"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
            format!(
                "{} {what} {} {} {}",
                o["line"],
                o["cseq"],
                o["method"].as_str().unwrap(),
                kinds.join(",")
            )
        })
        .collect()
}

/// One row per call: "call-id | flow | outcome | outcome text | problems".
fn calls(objects: &[Value]) -> Vec<String> {
    objects
        .iter()
        .filter(|o| o["kind"] == "call")
        .map(|o| {
            let flow: Vec<&str> = o["flow"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
            let problems: Vec<&str> =
                o["problems"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
            format!(
                "{} | {} | {} | {} | {}",
                o["call_id"].as_str().unwrap(),
                flow.join(" "),
                o["outcome"].as_str().unwrap(),
                o["outcome_text"].as_str().unwrap(),
                problems.join(" / ")
            )
        })
        .collect()
}

fn note<'a>(objects: &'a [Value], line: u64, kind: &str) -> Vec<&'a str> {
    objects
        .iter()
        .filter(|o| o["line"] == line && o["kind"] != "call")
        .flat_map(|o| o["notes"].as_array().unwrap())
        .filter(|n| n["kind"] == kind)
        .map(|n| n["text"].as_str().unwrap())
        .collect()
}

/// §3.2: F2 407 from Proxy 1, ACK, F4 INVITE with credentials; 100 (F6, F8), 180 (F9-F11),
/// 200 (F12-F14) each crossing hops; Bob's BYE (CSeq 1, his own count) and its 200 (F21-F23).
#[test]
fn rfc3665_3_2_two_proxies_407_then_bye() {
    let objects = objects(&fixture("traces/rfc3665-s3.2-two-proxies-407-bye.txt"));
    assert_eq!(
        rows(&objects),
        [
            "83 407 1 INVITE response.meaning,response.phrase,response.method",
            "112 INVITE 2 INVITE transaction.retry",
            "168 100 2 INVITE response.meaning,response.method",
            "208 100 2 INVITE message.repeat",
            "222 180 2 INVITE response.meaning,response.method",
            "240 180 2 INVITE message.repeat",
            "257 180 2 INVITE message.repeat",
            "272 200 2 INVITE response.meaning,response.method",
            "300 200 2 INVITE message.repeat",
            "326 200 2 INVITE message.repeat",
            "446 200 1 BYE response.meaning,response.method",
            "462 200 1 BYE message.repeat",
            "475 200 1 BYE message.repeat",
        ]
    );
    // RFC 3665 writes "Proxy Authorization Required"; the registry says "Authentication".
    assert_eq!(
        note(&objects, 83, "response.phrase"),
        [
            "phrase \"Proxy Authorization Required\" differs from the registered \"Proxy Authentication Required\"; only the code carries meaning"
        ]
    );
    assert!(
        note(&objects, 83, "response.method")[0].starts_with("to INVITE: The routine challenge from a proxy")
    );
    assert_eq!(
        note(&objects, 112, "transaction.retry"),
        ["sent again with credentials after the 407 on line 83"]
    );
    assert!(note(&objects, 272, "response.method")[0].starts_with("to INVITE: The call was answered"));
    assert!(note(&objects, 446, "response.method")[0].starts_with("to BYE: The call ended normally"));
    assert_eq!(
        calls(&objects),
        [
            "3848276298220188511@atlanta.example.com | INVITE 407 ACK INVITE 100 180 200 ACK BYE 200 | hung-up | \
          answered (200), then hung up normally (BYE answered 200) | "
        ]
    );
}

/// §3.6: F2 302 from the redirect server, F3 ACK, F4 INVITE to Proxy 3, then 100, 180 (F7,
/// F8), 200 (F9, F10), ACK with SDP, BYE and its 200 across two hops.
#[test]
fn rfc3665_3_6_redirect_302() {
    let objects = objects(&fixture("traces/rfc3665-s3.6-redirect-302.txt"));
    assert_eq!(
        rows(&objects),
        [
            "60 302 1 INVITE response.meaning,response.method",
            "114 100 2 INVITE response.meaning,response.method",
            "126 180 2 INVITE response.meaning,response.method",
            "141 180 2 INVITE message.repeat",
            "155 200 2 INVITE response.meaning,response.method",
            "180 200 2 INVITE message.repeat",
            "281 200 1 BYE response.meaning,response.method",
            "295 200 1 BYE message.repeat",
        ]
    );
    assert!(
        note(&objects, 60, "response.method")[0]
            .starts_with("to INVITE: A redirect: expect the caller to ACK")
    );
    assert_eq!(
        calls(&objects),
        [
            "2xTb9vxSit55XU7p8@atlanta.example.com | INVITE 302 ACK INVITE 100 180 200 ACK BYE 200 | hung-up | \
          answered (200), then hung up normally (BYE answered 200) | "
        ]
    );
}

/// §3.8: ringing, then Alice's CANCEL hop by hop; each hop answers the CANCEL with 200 and
/// the INVITE with 487, which is ACKed hop by hop.
#[test]
fn rfc3665_3_8_no_answer_cancel_487() {
    let objects = objects(&fixture("traces/rfc3665-s3.8-no-answer-cancel-487.txt"));
    assert_eq!(
        rows(&objects),
        [
            "106 100 1 INVITE response.meaning,response.method",
            "145 100 1 INVITE message.repeat",
            "159 180 1 INVITE response.meaning,response.method",
            "178 180 1 INVITE message.repeat",
            "195 180 1 INVITE message.repeat",
            "223 200 1 CANCEL response.meaning,response.method",
            "246 200 1 CANCEL message.repeat",
            "270 200 1 CANCEL message.repeat",
            "281 487 1 INVITE response.meaning,response.method",
            "309 487 1 INVITE message.repeat",
            "334 487 1 INVITE message.repeat",
        ]
    );
    assert!(
        note(&objects, 223, "response.method")[0]
            .starts_with("to CANCEL: This answers the CANCEL only, not the call")
    );
    // The CANCEL is in the trace: no "no CANCEL" remark.
    assert!(!note(&objects, 281, "response.method")[0].contains("No CANCEL"));
    assert_eq!(
        calls(&objects),
        ["2xTb9vxSit55XU7p8@atlanta.example.com | INVITE 100 180 CANCEL 200 487 ACK | cancelled | \
          cancelled by the caller (CANCEL, then 487) | "]
    );
}

/// §3.9: Bob is busy; 486 travels back hop by hop (F6, F8, F10), each ACKed. The RFC prints
/// the status line with two spaces after SIP/2.0, which the status-line parser refuses.
#[test]
fn rfc3665_3_9_busy_486() {
    let objects = objects(&fixture("traces/rfc3665-s3.9-busy-486.txt"));
    assert_eq!(
        rows(&objects),
        [
            "89 100 1 INVITE response.meaning,response.method",
            "128 100 1 INVITE message.repeat",
            "142 486 1 INVITE response.meaning,message.malformed,response.method",
            "170 486 1 INVITE message.repeat,message.malformed",
            "195 486 1 INVITE message.repeat,message.malformed",
        ]
    );
    assert!(note(&objects, 142, "message.malformed")[0].starts_with("extra blanks around the code"));
    let calls = calls(&objects);
    assert_eq!(calls.len(), 1);
    assert!(
        calls[0].starts_with("2xTb9vxSit55XU7p8@atlanta.example.com | INVITE 100 486 ACK | busy | busy (486 Busy Here) | lines 142, 170, 195: extra blanks"),
        "{calls:?}"
    );
}

/// The cases RFC 3665 lacks: missing headers, Retry-After, Reason, Warning, glare, REGISTER.
#[test]
fn made_up_problems() {
    let objects = objects(&fixture("problems.txt"));
    assert_eq!(
        note(&objects, 8, "header.required"),
        ["407 without Proxy-Authenticate, which it must carry (RFC 3261 §22.3; §20 Table 3)"]
    );
    assert_eq!(note(&objects, 23, "header.retry-after"), ["Retry-After: try again in 120 s (2 min)"]);
    assert_eq!(
        note(&objects, 23, "header.reason"),
        [
            "Reason: Q.850 cause 16 (normal call clearing), text \"Normal call clearing\"",
            "the Q.850 cause disagrees with the status: RFC 3398 maps 486 to cause 17 (user busy), and cause 16 to a \
             BYE or CANCEL, not a response; the status code decides (RFC 6432 §4)",
        ]
    );
    assert_eq!(
        note(&objects, 40, "header.warning"),
        ["Warning 305 (Incompatible media format) from gw.example.com: \"Incompatible media format\""]
    );
    assert!(note(&objects, 62, "response.method")[0].contains("2.1 to 4 s"));
    assert_eq!(
        note(&objects, 62, "dialog.effect"),
        [
            "inside the established dialog this fails only this request; the call and the dialog carry on (RFC 5057 §5.1)"
        ]
    );
    assert_eq!(
        note(&objects, 62, "header.retry-after").len(),
        2,
        "read, then flagged: 491 takes no Retry-After"
    );
    assert_eq!(note(&objects, 68, "header.reason"), ["Reason: Q.850 cause 16 (normal call clearing)"]);
    assert!(note(&objects, 85, "response.method")[0].contains("Min-Expires"));
    assert!(note(&objects, 113, "header.reason")[0].contains("answered elsewhere"));
    assert!(
        note(&objects, 134, "header.retry-after")[0]
            .starts_with("no Retry-After: the client handles this 503 as a 500")
    );
    assert_eq!(
        calls(&objects),
        [
            "c1@example.org | INVITE 407 ACK | challenged | challenged (407 Proxy Authentication Required), not sent again \
             with credentials in the trace | line 8: 407 without Proxy-Authenticate, which it must carry (RFC 3261 §22.3; §20 Table 3)",
            "c2@example.org | INVITE 486 ACK | busy | busy (486 Busy Here) | line 23: the Q.850 cause disagrees with the \
             status: RFC 3398 maps 486 to cause 17 (user busy), and cause 16 to a BYE or CANCEL, not a response; the \
             status code decides (RFC 6432 §4)",
            "c3@example.org | INVITE 488 | failed | failed with 488 Not Acceptable Here | ",
            "c4@example.org | INVITE 200 INVITE 491 BYE 200 | hung-up | answered (200), then hung up normally (BYE \
             answered 200) | line 62: Retry-After on a 491: no RFC gives it a meaning there (RFC 3261 §20.33 lists 404, \
             413, 480, 486, 500, 503, 600 and 603) / line 51: no ACK for the 200 to INVITE (CSeq 1) in the trace",
            "c5@example.org | REGISTER 423 REGISTER 200 | done | REGISTER accepted (200 OK) | ",
            "c6@example.org | INVITE 180 CANCEL 200 487 | cancelled | cancelled because another branch answered \
             (CANCEL with Reason SIP cause 200, then 487) | ",
            "c7@example.org | INVITE 503 | failed | failed with 503 Service Unavailable | ",
            "c8@example.org | INVITE 100 | open | still open at the end of the trace (no final response to the INVITE) | ",
        ]
    );
}

/// Real ngrep 1.47 output (fixtures/TOOLS.md): `-W byline` shows a message over lines, each
/// ending in a `.` for its CR; `-W single` puts a packet on one line with `..` for CRLF.
/// Both read alike, with no false phrase note, every request line found, and the BYE's
/// `Reason: Q.850;cause=16;text="local"` read whole.
#[test]
fn real_ngrep_single_and_byline_read_alike() {
    let single = objects(&fixture("ngrep-single.txt"));
    let byline = objects(&fixture("ngrep-byline.txt"));
    let strip = |objects: &[Value]| -> Vec<String> {
        calls(objects)
            .into_iter()
            .chain(objects.iter().filter(|o| o["kind"] != "call").map(|o| o["notes"].to_string()))
            .collect()
    };
    assert_eq!(strip(&single), strip(&byline));
    assert_eq!(
        calls(&byline),
        ["158936656982201062716@10.33.6.100 | INVITE 100 180 200 ACK BYE 200 | hung-up | \
          answered (200), then hung up normally (BYE answered 200) | "]
    );
    let kinds: Vec<&str> = byline
        .iter()
        .flat_map(|o| o["notes"].as_array().into_iter().flatten())
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert!(!kinds.contains(&"response.phrase"), "{byline:?}");
    let reasons: Vec<&str> = byline
        .iter()
        .flat_map(|o| o["notes"].as_array().into_iter().flatten())
        .filter(|n| n["kind"] == "header.reason")
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["Reason: Q.850 cause 16 (normal call clearing), text \"local\""]);
}

/// Real ngrep byline output of the Wireshark sample capture: every request and response that
/// tshark dissects is read (fixtures/captures/zeek-wireshark.tshark.txt), and the only phrase
/// notes are the phrases the peers really sent.
#[test]
fn real_ngrep_byline_finds_what_tshark_finds() {
    let objects = objects(&fixture("ngrep-byline-wireshark.txt"));
    let tshark = std::fs::read_to_string(fixture("captures/zeek-wireshark.tshark.txt")).unwrap();
    let responses = tshark.lines().filter(|l| l.split('\t').nth(2).is_some_and(|c| !c.is_empty())).count();
    let found = objects.iter().filter(|o| o["kind"] == "response").count();
    assert_eq!(found, responses);
    let flows: usize = calls(&objects).len();
    assert_eq!(flows, 6);
    let phrases: Vec<&str> = objects
        .iter()
        .flat_map(|o| o["notes"].as_array().into_iter().flatten())
        .filter(|n| n["kind"] == "response.phrase")
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert!(phrases.iter().all(|p| !p.contains('.')), "{phrases:?}");
    assert!(phrases.contains(&"phrase \"Error\" differs from the registered \"Temporarily Unavailable\"; only the code carries meaning"));
}

/// Colour only when asked for or on a terminal; never in a pipe by default.
#[test]
fn colour_follows_the_flag() {
    let run = |args: &[&str]| {
        let output = assert_cmd::cargo::cargo_bin_cmd!("sip-codes").args(args).output().unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let path = fixture("problems.txt");
    assert!(!run(&["explain", &path]).contains('\u{1b}'));
    assert!(!run(&["explain", "--color", "never", &path]).contains('\u{1b}'));
    let coloured = run(&["--color", "always", "explain", &path]);
    assert!(
        coloured.contains("\u{1b}[1m\u{1b}[33m  ! 407 without Proxy-Authenticate")
            || coloured.contains("\u{1b}[1;33m"),
        "{coloured}"
    );
    let mut no_color = Command::new(assert_cmd::cargo::cargo_bin!("sip-codes"));
    let out = no_color.env("NO_COLOR", "1").args(["explain", &path]).output().unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains('\u{1b}'));
}

/// A NOTIFY's sipfrag body carries the status of the call a REFER started: it is read as
/// such, and the NOTIFY's call keeps its own flow.
#[test]
fn a_sipfrag_body_is_not_a_response_of_the_call() {
    let trace = "NOTIFY sip:alice@192.0.2.10 SIP/2.0\nCall-ID: refer1@example.org\nCSeq: 2 NOTIFY\n\
                 Event: refer\nContent-Type: message/sipfrag;version=2.0\nContent-Length: 16\n\n\
                 SIP/2.0 180 Ringing\n\n\
                 SIP/2.0 200 OK\nCall-ID: refer1@example.org\nCSeq: 2 NOTIFY\nContent-Length: 0\n\n";
    let output = assert_cmd::cargo::cargo_bin_cmd!("sip-codes")
        .args(["--json", "explain"])
        .write_stdin(trace)
        .output()
        .unwrap();
    let objects: Vec<Value> =
        String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(objects[0]["line"], 8);
    assert_eq!(objects[0]["code"], 180);
    assert_eq!(objects[0]["call_id"], Value::Null);
    assert_eq!(note(&objects, 8, "body.sipfrag").len(), 1);
    assert_eq!(rows(&objects[1..]), ["10 200 2 NOTIFY response.meaning"]);
    assert_eq!(calls(&objects), ["refer1@example.org | NOTIFY 200 | done | NOTIFY accepted (200 OK) | "]);
}

/// Real `tcpdump -A` output (fixtures/TOOLS.md) reads as the capture it was made from: the
/// TCP header bytes printed as text before a request (`..}#AKINVITE`) are not its method.
#[test]
fn real_tcpdump_reads_as_its_capture() {
    let from_text = calls(&objects(&fixture("tcpdump-a-tcp.txt")));
    let from_capture = calls(&objects(&fixture("captures/heplify-sip_ipv4_tcp.pcap")));
    assert_eq!(from_text, from_capture);
    assert_eq!(
        from_text,
        ["158936656982201062716@10.33.6.100 | INVITE 100 180 200 ACK BYE 200 | hung-up | \
          answered (200), then hung up normally (BYE answered 200) | "]
    );
}

/// Real ngrep byline output reads as the capture it was made from.
#[test]
fn real_ngrep_reads_as_its_capture() {
    // Problems name where they are: a line of the text, a frame of the capture.
    let unplaced = |rows: Vec<String>| -> Vec<String> {
        rows.into_iter()
            .map(|row| row.split(": ").filter(|part| !part.contains("line ")).collect::<Vec<_>>().join(": "))
            .collect()
    };
    let from_text = unplaced(calls(&objects(&fixture("ngrep-byline-wireshark.txt"))));
    let from_capture = unplaced(calls(&objects(&fixture("captures/zeek-wireshark.pcap"))));
    assert_eq!(from_text.len(), 6);
    assert_eq!(from_text, from_capture);
    assert!(from_text[5].contains("the Q.850 cause disagrees with the status"), "{from_text:?}");
}

/// Text traces are timed from their packet headers: tcpdump's summary line (time of day) and
/// ngrep `-t`'s date and time give the call the capture's own timing (tests/captures.rs).
#[test]
fn real_tool_headers_time_the_call() {
    for trace in ["tcpdump-a-tcp.txt", "ngrep-byline-t.txt"] {
        let objects = objects(&fixture(trace));
        let call = objects.iter().find(|o| o["kind"] == "call").unwrap();
        let timing = &call["timing"];
        assert_eq!(timing["post_dial_delay"].to_string(), "0.059027", "{trace}");
        assert_eq!(timing["duration"].to_string(), "2.151516", "{trace}");
        // The timing is the headers'; the message objects carry no capture fields.
        assert!(objects.iter().all(|o| o.get("time").is_none()), "{trace}");
    }
    let untimed = objects(&fixture("ngrep-byline.txt"));
    let call = untimed.iter().find(|o| o["kind"] == "call").unwrap();
    assert_eq!(call["timing"]["post_dial_delay"], Value::Null);
}

/// Responses counted by (Call-ID, code), and request methods by Call-ID.
type Dissection = (BTreeMap<(String, u64), usize>, BTreeSet<(String, String)>);

/// tshark's `-T fields -e sip.Call-ID -e sip.Method -e sip.Status-Code`, one frame a line
/// (fixtures/captures/SOURCES.md), from a path under fixtures/.
fn tshark(name: &str) -> Dissection {
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    let mut d = Dissection::default();
    for line in text.lines() {
        let [call_id, method, code] = line.split('\t').collect::<Vec<_>>()[..] else { panic!("{line:?}") };
        if !method.is_empty() {
            d.1.insert((call_id.to_owned(), method.to_owned()));
        }
        if !code.is_empty() {
            *d.0.entry((call_id.to_owned(), code.parse().unwrap())).or_default() += 1;
        }
    }
    d
}

/// The same from our `--json`: responses from their objects, methods from the call flows.
fn dissection(objects: &[Value]) -> Dissection {
    let mut d = Dissection::default();
    for o in objects {
        let call_id = || o["call_id"].as_str().unwrap().to_owned();
        match o["kind"].as_str().unwrap() {
            "response" => *d.0.entry((call_id(), o["code"].as_u64().unwrap())).or_default() += 1,
            "call" => {
                for step in o["flow"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()) {
                    if !step.starts_with(|c: char| c.is_ascii_digit()) {
                        d.1.insert((call_id(), step.to_owned()));
                    }
                }
            }
            _ => {}
        }
    }
    d
}

/// sngrep's real text export of the Wireshark sample (fixtures/TOOLS.md) reads as the capture
/// it was made from: tshark's responses and methods, the capture's calls, and the capture's
/// timing from the date and time sngrep prints before each message.
#[test]
fn real_sngrep_export_reads_as_its_capture() {
    let from_text = objects(&fixture("sngrep.txt"));
    let from_capture = objects(&fixture("captures/zeek-wireshark.pcap"));
    assert_eq!(dissection(&from_text), tshark("captures/zeek-wireshark.tshark.txt"));
    let unplaced = |rows: Vec<String>| -> Vec<String> {
        rows.into_iter()
            .map(|row| row.split(": ").filter(|part| !part.contains("line ")).collect::<Vec<_>>().join(": "))
            .collect()
    };
    assert_eq!(unplaced(calls(&from_text)), unplaced(calls(&from_capture)));
    let timing = |objects: &[Value]| -> Vec<String> {
        objects.iter().filter(|o| o["kind"] == "call").map(|o| o["timing"].to_string()).collect()
    };
    assert_eq!(timing(&from_text), timing(&from_capture));
    assert!(timing(&from_text).iter().any(|t| t.contains("17.846036")), "{:?}", timing(&from_text));
    // The same notes as the capture's (they name lines there, frames here): no false ones.
    let notes = |objects: &[Value]| -> Vec<String> {
        let mut notes: Vec<String> = objects
            .iter()
            .filter(|o| o["kind"] != "call")
            .flat_map(|o| o["notes"].as_array().into_iter().flatten())
            .map(|n| n["kind"].to_string())
            .collect();
        notes.sort();
        notes
    };
    assert_eq!(notes(&from_text), notes(&from_capture));
}

/// Real logs of one exchange (fixtures/logs/SOURCES.md): SIPp's built-in uac calling its uas
/// through Kamailio, then calling a number Kamailio answers 486, captured by tcpdump on the
/// loopback. Kamailio's sipdump logged every packet of the capture, so it reads as tshark
/// dissects the capture; each SIPp log holds its own leg, so its calls are the capture's as
/// that side saw them.
#[test]
fn real_logs_read_as_their_capture() {
    let capture = tshark("logs/loopback-sipp-kamailio.tshark.txt");
    let answered = "1-25583@127.0.0.1 | INVITE 100 180 200 ACK BYE 200 | hung-up | \
                    answered (200), then hung up normally (BYE answered 200) | ";
    let busy = "1-25585@127.0.0.1 | INVITE 486 ACK | busy | busy (486 Busy Here) | ";
    let sipdump = objects(&fixture("logs/kamailio-sipdump.data"));
    assert_eq!(dissection(&sipdump), capture);
    assert_eq!(calls(&sipdump), [answered, busy]);
    assert_eq!(calls(&objects(&fixture("logs/loopback-sipp-kamailio.pcap"))), [answered, busy]);
    assert_eq!(calls(&objects(&fixture("logs/sipp-uac.log"))), [answered]);
    assert_eq!(calls(&objects(&fixture("logs/sipp-uac-busy.log"))), [busy]);
    // The uas is behind Kamailio, which answered the INVITE's 100 itself.
    assert_eq!(
        calls(&objects(&fixture("logs/sipp-uas.log"))),
        [answered.replace("INVITE 100 180", "INVITE 180")]
    );
    for log in ["sipp-uac.log", "sipp-uac-busy.log", "sipp-uas.log", "kamailio-sipdump.data"] {
        let objects = objects(&fixture(&format!("logs/{log}")));
        let (responses, methods) = dissection(&objects);
        assert!(responses.keys().all(|k| capture.0.contains_key(k)), "{log}: {responses:?}");
        assert!(methods.is_subset(&capture.1), "{log}: {methods:?}");
        // No false notes: meanings, the phrase Kamailio really sent with its 100, and on the
        // proxy the responses it relayed (each logged as received, then as sent).
        for o in objects.iter().filter(|o| o["kind"] != "call") {
            for note in o["notes"].as_array().unwrap() {
                let kind = note["kind"].as_str().unwrap();
                let expected = match kind {
                    "response.meaning" | "response.method" => true,
                    "response.phrase" => o["code"] == 100,
                    "message.repeat" => log == "kamailio-sipdump.data" && o["direction"] == "sent",
                    _ => false,
                };
                assert!(expected, "{log}: {o}");
            }
            assert!(o["direction"] == "sent" || o["direction"] == "received", "{log}: {o}");
        }
        let call = objects.iter().find(|o| o["kind"] == "call").unwrap();
        assert!(call["timing"]["post_dial_delay"].is_number() || log == "sipp-uac-busy.log", "{log}: {call}");
    }
}

/// SIPp logs a message it did not expect twice, the second time after `Unexpected UDP message
/// received:`: the copy is not read as a retransmission.
#[test]
fn sipp_logs_an_unexpected_message_once_more() {
    let trace = std::fs::read_to_string(fixture("logs/sipp-uac-busy.log")).unwrap();
    assert_eq!(trace.matches("SIP/2.0 486 Busy Here").count(), 2);
    let objects = objects(&fixture("logs/sipp-uac-busy.log"));
    assert_eq!(rows(&objects), ["27 486 1 INVITE response.meaning,response.method"]);
    let directions: Vec<&Value> =
        objects.iter().filter(|o| o["kind"] != "call").map(|o| &o["direction"]).collect();
    assert_eq!(directions, ["received"]);
}

/// pjsip's message log (pjsua2 from pjproject 2.15.1, fixtures/logs/SOURCES.md) of two calls
/// whose every packet the capture beside it holds: the log reads as tshark dissects the
/// capture, each message timed and directed by its `TX`/`RX` line.
#[test]
fn real_pjsua_log_reads_as_its_capture() {
    let log = objects(&fixture("logs/pjsua2.log"));
    assert_eq!(dissection(&log), tshark("logs/loopback-pjsua.tshark.txt"));
    let from_capture = calls(&objects(&fixture("logs/loopback-pjsua.pcap")));
    assert_eq!(calls(&log), from_capture);
    assert_eq!(
        calls(&log),
        [
            "mGQyX8nZFueSdyogN4UozmSLHxhJmb5c | INVITE 180 200 ACK BYE 200 | hung-up | \
             answered (200), then hung up normally (BYE answered 200) | ",
            "-3V22T7-ibn5rULmXU1LLnOmX2G70hr- | INVITE 486 ACK | busy | busy (486 Busy Here) | "
        ]
    );
    assert_eq!(
        rows(&log),
        [
            "110 180 16379 INVITE response.meaning,response.method",
            "129 200 16379 INVITE response.meaning,response.method",
            "253 200 16380 BYE response.meaning,response.method",
            "351 486 4919 INVITE response.meaning,response.method",
        ]
    );
    assert!(log.iter().filter(|o| o["kind"] != "call").all(|o| o["direction"] == "received"));
    let call = log.iter().find(|o| o["kind"] == "call").unwrap();
    assert_eq!(call["timing"]["duration"].to_string(), "1.028", "{call}");
}
