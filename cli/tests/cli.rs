//! The `sip-codes` binary as a user runs it: lookups, `--json`, `explain`, exit statuses.

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;

fn sip_codes() -> Command {
    assert_cmd::cargo::cargo_bin_cmd!("sip-codes")
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn stdout_of(args: &[&str]) -> String {
    let output = sip_codes().args(args).output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

fn json_of(args: &[&str]) -> Value {
    let output = sip_codes().arg("--json").args(args).output().unwrap();
    serde_json::from_slice(&output.stdout).expect("one JSON document")
}

fn codes_in(document: &Value) -> Vec<u64> {
    document["matches"].as_array().unwrap().iter().map(|m| m["code"].as_u64().unwrap()).collect()
}

#[test]
fn a_code_prints_phrase_class_references_and_description() {
    sip_codes()
        .arg("486")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("486 Busy Here\n"))
        .stdout(contains("Client Error"))
        .stdout(contains("RFC 3261"))
        .stdout(contains("https://www.rfc-editor.org/rfc/rfc3261"))
        .stdout(contains("forking proxy keeps trying"));
}

#[test]
fn a_code_shows_its_semantics_and_the_notes_for_trace_readers() {
    let out = stdout_of(&["407"]);
    assert!(out.contains("  Must carry  Proxy-Authenticate\n"), "{out}");
    assert!(out.contains("  Q.850       a gateway releases the call with cause 21 (RFC 3398)\n"), "{out}");
    assert!(out.contains("\n  Tip: "), "{out}");
    assert!(out.contains("\n  To INVITE: "), "{out}");
    let busy = stdout_of(&["486"]);
    assert!(busy.contains("  Retry-After allowed"), "{busy}");
    assert!(busy.contains("cause 17 (RFC 3398)"), "{busy}");
    // 487 has no cause under RFC 3398, and no header it must carry.
    let cancelled = stdout_of(&["487"]);
    assert!(!cancelled.contains("Q.850") && !cancelled.contains("Must carry"), "{cancelled}");
}

#[test]
fn descriptions_wrap_within_the_terminal_width() {
    let out = stdout_of(&["486"]);
    // Not a terminal here: 80 columns.
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    assert!(!out.contains('`'), "Markdown code spans are for the docs: {out}");
}

#[test]
fn a_code_with_another_phrase_says_so() {
    sip_codes()
        .args(["486", "Busy"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("486 Busy Here\n"))
        .stdout(contains("\"Busy\" is not this code's phrase"));
}

#[test]
fn a_former_phrase_is_shown() {
    sip_codes().arg("437").assert().success().stdout(contains("Formerly    \"Unsupported Certificate\""));
}

#[test]
fn a_keyword_lists_matching_codes() {
    let out = stdout_of(&["busy"]);
    let codes: Vec<&str> = out.lines().filter(|l| !l.starts_with(' ')).map(|l| &l[..3]).collect();
    assert_eq!(codes, ["486", "600"], "{out}");
    assert!(out.contains("486  Busy Here  (4xx Client Error)"), "{out}");
}

#[test]
fn keywords_are_case_insensitive_and_search_descriptions() {
    let document = json_of(&["RETRY-AFTER"]);
    let codes = codes_in(&document);
    assert!(codes.contains(&486) && codes.contains(&503), "{codes:?}");
}

#[test]
fn a_class_lists_its_codes() {
    for query in [&["4xx"][..], &["client", "error"], &["4"]] {
        let codes = codes_in(&json_of(query));
        assert_eq!(codes.len(), 46, "{query:?}");
        assert!(codes.iter().all(|c| (400..500).contains(c)), "{query:?}");
    }
    let out = stdout_of(&["global"]);
    assert!(out.starts_with("6xx Global Failure: "), "{out}");
    for code in ["600", "603", "604", "606", "607", "608"] {
        assert!(out.lines().any(|l| l.starts_with(code)), "{code} in {out}");
    }
}

#[test]
fn a_partial_number_lists_the_decade() {
    let codes = codes_in(&json_of(&["48"]));
    assert_eq!(codes, (480..=489).collect::<Vec<_>>());
    let out = stdout_of(&["48"]);
    assert_eq!(out.lines().count(), 10, "{out}");
    assert!(out.lines().all(|l| l.starts_with("48")), "{out}");
}

#[test]
fn json_is_one_document_with_stable_fields() {
    let document = json_of(&["486"]);
    assert_eq!(document["query"], "486");
    let busy = &document["matches"][0];
    assert_eq!(busy["code"], 486);
    assert_eq!(busy["reason_phrase"], "Busy Here");
    assert_eq!(busy["status_line"], "SIP/2.0 486 Busy Here");
    assert_eq!(busy["class"], "Client Error");
    assert_eq!(busy["class_range"], "4xx");
    assert_eq!(busy["final"], true);
    assert_eq!(busy["deprecated"], false);
    assert_eq!(busy["references"][0]["id"], "RFC3261");
    assert_eq!(busy["references"][0]["url"], "https://www.rfc-editor.org/rfc/rfc3261");
    assert!(busy["summary"].as_str().unwrap().ends_with('.'));
    assert!(busy["description"].as_str().unwrap().len() > busy["summary"].as_str().unwrap().len());
    assert_eq!(document["unregistered"], Value::Array(Vec::new()));
    assert_eq!(document["local"], Value::Array(Vec::new()));
    assert_eq!(document["invalid"], Value::Array(Vec::new()));
    assert_eq!(json_of(&["202"])["matches"][0]["deprecated"], true);
}

#[test]
fn several_numbers_are_looked_up_one_by_one() {
    let document = json_of(&["486", "477", "999"]);
    assert_eq!(codes_in(&document), [486]);
    assert_eq!(document["unregistered"][0]["code"], 477);
    assert_eq!(document["unregistered"][0]["treated_as"], 400);
    assert!(document["invalid"][0].as_str().unwrap().starts_with("999 is not a SIP status code"));
}

#[test]
fn an_unregistered_code_is_explained() {
    // An explanation is an answer: exit 0 (it used to exit 1 after printing it).
    sip_codes()
        .arg("477")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "477 is not registered; a UAC treats it as 400 Bad Request (RFC 3261 §8.1.3.2)\n",
        ))
        .stdout(contains("Kamailio"));
    sip_codes().arg("150").assert().success().stdout(contains("a UAC treats it as 183 Session Progress"));
    let document = json_of(&["477"]);
    assert_eq!(document["matches"], Value::Array(Vec::new()));
    assert_eq!(document["unregistered"][0]["treated_as_reason_phrase"], "Bad Request");
}

#[test]
fn a_search_result_found_through_a_note_shows_the_note() {
    let text = sip_codes().arg("timeout").assert().success().get_output().stdout.clone();
    let text = String::from_utf8(text).unwrap();
    // 480 is listed because its tip mentions a no-answer timeout; the tip is shown under it.
    let at = text.find("480  Temporarily Unavailable").expect("480 is found");
    let next = text[at..].find("\n4").map_or(text.len(), |n| at + n);
    assert!(text[at..next].contains("Tip: "), "{}", &text[at..next]);
    // 408 holds the word in its own phrase: no note under it.
    let at = text.find("408  Request Timeout").expect("408 is found");
    let next = text[at..].find("\n5").map_or(text.len(), |n| at + n);
    assert!(!text[at..next].contains("Tip: "), "{}", &text[at..next]);

    let document = json_of(&["timeout"]);
    let by_code = |code: u64| {
        document["matches"].as_array().unwrap().iter().find(|m| m["code"] == code).unwrap().clone()
    };
    assert_eq!(by_code(408)["matched_note"], Value::Null);
    let note = &by_code(480)["matched_note"];
    assert_eq!(note["method"], Value::Null);
    assert!(note["text"].as_str().unwrap().contains("timeout"), "{note}");
    assert_eq!(json_of(&["486"])["matches"][0]["matched_note"], Value::Null);
}

#[test]
fn a_local_code_of_a_stack_is_explained_in_text_and_json_alike() {
    // pjsip reports local failures as 7xx: not a SIP code, but a lookup has something to say.
    let text = sip_codes().arg("701").assert().success().get_output().stdout.clone();
    let text = String::from_utf8(text).unwrap();
    assert!(text.starts_with("701 is not a SIP status code"), "{text}");
    let document = json_of(&["701"]);
    assert_eq!(document["invalid"], Value::Array(Vec::new()));
    assert_eq!(document["local"][0]["code"], 701);
    let note = document["local"][0]["note"].as_str().unwrap();
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words(&text).contains(&words(note)), "the text shows the same note: {note}");
    assert!(document["local"][0]["rule"].as_str().unwrap().contains("100 to 699"));
}

#[test]
fn codes_outside_the_range_are_errors() {
    for query in ["99", "700", "999", "7xx", "1234", "0"] {
        sip_codes().arg(query).assert().code(1).stdout("").stderr(
            predicate::str::starts_with("sip-codes: ").and(contains("100 to 699").or(contains("1xx to 6xx"))),
        );
    }
}

#[test]
fn nothing_matched_exits_1() {
    sip_codes()
        .arg("no-such-words-anywhere")
        .assert()
        .code(1)
        .stdout("")
        .stderr("sip-codes: no registered code matches \"no-such-words-anywhere\"\n");
}

#[test]
fn usage_errors_exit_2() {
    sip_codes().assert().code(2).stderr(contains("Usage"));
    sip_codes().args(["--no-such-flag", "486"]).assert().code(2);
    sip_codes().args(["explain", "a", "b"]).assert().code(2);
    sip_codes().args(["--all", "explain", "a"]).assert().code(2).stderr(contains("--all"));
}

#[test]
fn help_describes_lookups_and_explain() {
    sip_codes()
        .arg("--help")
        .assert()
        .success()
        .stdout(contains("Usage: sip-codes"))
        .stdout(contains("--json"))
        .stdout(contains("explain"))
        .stdout(contains("Exit status"));
    sip_codes().args(["explain", "--help"]).assert().success().stdout(contains("standard input"));
}

#[test]
fn all_lists_every_code_by_class() {
    let out = stdout_of(&["--all"]);
    let rows = out.lines().filter(|l| l.len() > 3 && l.as_bytes()[..3].iter().all(u8::is_ascii_digit));
    assert_eq!(rows.count(), 75, "{out}");
}

#[test]
fn explain_annotates_a_tcpdump_trace() {
    let out =
        sip_codes().args(["explain", &fixture("tcpdump-a.txt")]).assert().success().get_output().clone();
    let out = String::from_utf8(out.stdout).unwrap();
    let input = std::fs::read_to_string(fixture("tcpdump-a.txt")).unwrap();
    // Every input line is echoed, in order, with annotations in between, then the calls.
    let (trace, calls) = out.split_once("\ncall ").unwrap();
    let echoed: Vec<&str> = trace.lines().filter(|l| !l.starts_with("  ^ ")).collect();
    assert_eq!(echoed, input.lines().collect::<Vec<_>>());
    // A response is annotated once, after its header fields, not on tcpdump's summary line.
    assert_eq!(out.matches("  ^ 180 Ringing: Provisional").count(), 1, "{out}");
    assert!(out.contains(
        "Content-Length: 0\n\n  ^ 100 Trying: Provisional - The next hop has received the request"
    ));
    assert!(out.contains(
        "  ^ phrase \"Busy\" differs from the registered \"Busy Here\"; only the code carries meaning\n\
         \x20 ^ to INVITE: The callee is busy; Retry-After, when present, says when to call back.\n\
         \x20 ^ Retry-After: try again in 300 s (5 min)\n"
    ));
    // Requests and Via headers are not status lines.
    assert!(out.contains("INVITE sip:bob@example.com SIP/2.0\nVia: SIP/2.0/UDP"));
    // The ACK carries no Call-ID in this fixture, so it is not part of the call. Its timing
    // comes from tcpdump's summary lines: 12:00:01.000123 (INVITE), 12:00:02.200789 (180)
    // and 12:00:09.870001 (486).
    assert_eq!(
        calls,
        "a84b4c76e66710@pc33.example.org (lines 2-31): INVITE 100 180 486\n  = busy (486 Busy Here)\n\
         \x20 ~ post-dial delay 1.200666 s, failed after 8.869878 s\n"
    );
}

/// sngrep's real text export (fixtures/TOOLS.md): CRLF lines, a header line with the date,
/// time and addresses before each message, and two blank lines after it.
#[test]
fn explain_annotates_a_real_sngrep_export() {
    let out = sip_codes().args(["explain", &fixture("sngrep.txt")]).assert().success().get_output().clone();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(!out.contains('\r'));
    assert!(out.contains(
        "2005/07/04 09:32:52.981006 212.242.33.35:5060 -> 192.168.1.2:5060\nSIP/2.0 401 Unauthorized\n"
    ));
    assert!(out.contains(
        "Content-Length: 0\n\n  ^ 401 Unauthorized: Client Error - A UAS or registrar requires user authentication.\n\
         \x20 ^ to REGISTER: The registrar's routine challenge"
    ));
    assert!(out.contains("  ^ to CANCEL: "), "{out}");
    assert_eq!(out.matches("\ncall ").count(), 6, "{out}");
    assert!(out.contains("  ~ INVITE (CSeq 1) sent 3 times over 1.510030 s\n"), "{out}");
}

/// Proxy log lines quoting status lines (made up: no tool printed these): a former phrase, a
/// deprecated code, an unregistered code, a message flattened with escaped CRLFs.
#[test]
fn explain_annotates_status_lines_in_proxy_logs() {
    let trace = "SIP/2.0 437 Unsupported Certificate\r\nCSeq: 2 INVITE\r\n\r\n\
                 SIP/2.0 202 Accepted\r\nCSeq: 3 REFER\r\n\r\n\
                 Nov  1 12:00:07 proxy kamailio[2211]: ERROR: <core> [forward.c:120]: tcp_send failed\n\
                 Nov  1 12:00:07 proxy kamailio[2211]: NOTICE: <script>: reply sent: SIP/2.0 477 \
                 Unfortunately error on sending to next hop occurred (477/SL)\n\
                 Nov  1 12:00:08 proxy kamailio[2211]: NOTICE: <script>: got \"SIP/2.0 603 Decline\\r\\n\
                 Via: SIP/2.0/UDP 192.0.2.10\\r\\n\"\n";
    let out = sip_codes().arg("explain").write_stdin(trace).assert().success().get_output().clone();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(!out.contains('\r'));
    assert!(out.contains("  ^ \"Unsupported Certificate\" is a former phrase of 437"));
    assert!(out.contains("  ^ 202 Accepted (deprecated): Success - "));
    assert!(out.contains("  ^ to REFER: "));
    assert!(out.contains(
        "(477/SL)\n  ^ 477 is not registered; a UAC treats it as 400 Bad Request (RFC 3261 §8.1.3.2)\n  ^ Kamailio"
    ));
    assert!(out.contains("\\r\\n\"\n  ^ 603 Decline: Global Failure - "));
    assert!(!out.contains("\ncall "), "no message has a Call-ID: {out}");
}

#[test]
fn explain_reads_stdin_and_status_only_numbers_lines() {
    let trace = "noise\r\nSIP/2.0 180 Ringing\r\nmore noise\r\nsip/2.0 999 Strange\r\n";
    sip_codes()
        .args(["explain", "--status-only", "-"])
        .write_stdin(trace)
        .assert()
        .success()
        .stdout(
            "2: SIP/2.0 180 Ringing\n  ^ 180 Ringing: Provisional - The callee's user agent is alerting the user.\n\
             4: sip/2.0 999 Strange\n  ^ 999 is not a SIP status code: SIP codes run from 100 to 699\n",
        );
}

#[test]
fn explain_without_status_lines_exits_1() {
    sip_codes()
        .arg("explain")
        .write_stdin("INVITE sip:bob@example.com SIP/2.0\nVia: SIP/2.0/UDP host\n")
        .assert()
        .code(1)
        .stdout("INVITE sip:bob@example.com SIP/2.0\nVia: SIP/2.0/UDP host\n")
        .stderr("sip-codes: no SIP status line in standard input (2 lines read)\n");
}

#[test]
fn explain_survives_binary_input() {
    // Invalid UTF-8, NUL bytes and a terminal escape sequence around a status line.
    let mut input = vec![0xff, 0xfe, 0x00, 0x1b, b'[', b'2', b'J', 0xc3];
    input.extend_from_slice(b"SIP/2.0 503 Service Unavailable\r\n");
    input.extend((0..=255u8).cycle().take(100_000));
    let assert = sip_codes().arg("explain").write_stdin(input).assert().success();
    let out = String::from_utf8(assert.get_output().stdout.clone()).expect("output is UTF-8");
    assert!(out.contains("SIP/2.0 503 Service Unavailable\n  ^ 503 Service Unavailable: Server Error - "));
    assert!(!out.contains('\u{1b}'), "escape sequences reach the terminal");
}

#[test]
fn explain_streams_a_large_input() {
    // 20 MB of calls, each with its own Call-ID: more calls than the cap of 10000.
    let block = std::fs::read_to_string(fixture("tcpdump-a.txt")).unwrap();
    let copies = 20 * 1024 * 1024 / block.len() + 1;
    let input: String =
        (0..copies).map(|i| block.replace("a84b4c76e66710@", &format!("a84b4c76e66710-{i}@"))).collect();
    let block_lines = block.lines().count();
    let assert = sip_codes().args(["explain", "--status-only"]).write_stdin(input).assert().success();
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert_eq!(out.matches("  ^ 486 Busy Here: Client Error").count(), copies);
    assert_eq!(out.matches("\n  = busy (486 Busy Here)\n").count(), copies, "one summary per call");
    assert!(!out.contains("summarised before the end"), "ended calls make room first");
    let busy = "E.....@.?.....d...c...........SIP/2.0 486 Busy";
    let busy_at = block.lines().position(|l| l == busy).unwrap() + 1;
    let last_busy = (copies - 1) * block_lines + busy_at;
    assert!(out.contains(&format!("\n{last_busy}: {busy}\n")), "line numbers count every line");
}

#[test]
fn explain_cuts_a_line_without_end() {
    let mut input = b"SIP/2.0 200 OK\n".to_vec();
    input.resize(input.len() + 5 * 1024 * 1024, b'x');
    let assert = sip_codes().arg("explain").write_stdin(input).assert().success();
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(out.len() < 100 * 1024, "the long line is cut, not echoed: {} bytes", out.len());
    assert!(out.ends_with(" more bytes not shown]\n"));
}

#[test]
fn explain_reports_a_missing_file() {
    sip_codes()
        .args(["explain", "/no/such/trace.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with("sip-codes: cannot read /no/such/trace.txt: "));
}

#[test]
fn explain_reports_a_directory() {
    sip_codes()
        .args(["explain", env!("CARGO_MANIFEST_DIR")])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("sip-codes: cannot read ").and(contains("directory")));
}

#[test]
fn symptoms_causes_and_near_misses_read_as_answers_in_text() {
    let out = stdout_of(&["codec", "mismatch"]);
    assert!(
        out.starts_with(
            "\"codec mismatch\" is reported by:\n488  Not Acceptable Here  (4xx Client Error)\n     "
        ),
        "{out}"
    );
    assert!(out.contains("\n415  Unsupported Media Type"), "{out}");
    let out = stdout_of(&["Q.850;cause=17"]);
    assert!(out.starts_with("Q.850 cause 17 (user busy) becomes 486 Busy Here at a gateway"), "{out}");
    assert!(out.contains("\n\n486 Busy Here\n"), "{out}");
    // A cause with no response is still an answer.
    sip_codes().args(["cause", "16"]).assert().success().stdout(contains("becomes no response"));
    sip_codes()
        .arg("bussy")
        .assert()
        .code(1)
        .stdout("")
        .stderr("sip-codes: no registered code matches \"bussy\"; did you mean \"busy\"?\n");
    sip_codes().args(["cause", "200"]).assert().code(1).stderr(contains("200 is not a Q.850 cause"));
}
