//! Runs one benchmarked operation over the mix many times, for instruction counts under
//! callgrind, which a shared machine does not disturb as it disturbs wall-clock time:
//!
//! ```text
//! cargo build --release -p sip-codes-benches --example ops
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/ops ours-parse 100000
//! ```
//!
//! Divide the count by ROUNDS × 16 (15 for the operations on values); `ops none` is the
//! loop alone.

use std::hint::black_box;
use std::process::ExitCode;

use sip_codes_benches::{LINES, MIX, MIX_BYTES, MIX_STR, head_inputs, http, ours, rsip};

const OPS: &str = "none ours-lookup http-lookup rsip-lookup ours-from-bytes ours-parse http-from-bytes \
                   ours-display ours-push-line http-display rsip-display ours-interpret http-from-u16 ours-class http-class \
                   rsip-class ours-classify ours-is-final http-is-final rsip-is-final ours-status-line httparse rsip-response \
                   ours-write-status-line http-format http-write-status-line ours-code-from-bytes";

/// Applies `op` to every item, keeping each result.
#[inline(always)]
fn each<T, R>(items: &[T], op: impl Fn(&T) -> R) {
    for item in black_box(items) {
        black_box(&op(item));
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(op), Some(Ok(rounds))) = (args.first(), args.get(1).map(|n| n.parse::<u32>())) else {
        eprintln!("usage: ops OP ROUNDS\nOP: {OPS}");
        return ExitCode::from(2);
    };
    let ours_values = ours::values();
    let http_values = http::values();
    let rsip_values = rsip::values();
    let mut out = String::with_capacity(64);
    let http_heads = head_inputs("HTTP/1.1");
    let sip_heads = head_inputs("SIP/2.0");
    for _ in 0..rounds {
        match op.as_str() {
            "none" => each(&MIX, |&code| code),
            "ours-lookup" => each(&MIX, |&code| ours::lookup(code)),
            "http-lookup" => each(&MIX, |&code| http::lookup(code)),
            "rsip-lookup" => each(&MIX, |&code| rsip::lookup(code)),
            "ours-from-bytes" => each(&MIX_BYTES, |bytes| ours::from_bytes(bytes)),
            "ours-parse" => each(&MIX_STR, |text| ours::parse(text)),
            "http-from-bytes" => each(&MIX_BYTES, |bytes| http::from_bytes(bytes)),
            "ours-display" => {
                for &status in black_box(&ours_values[..]) {
                    ours::display(&mut out, status);
                    black_box(&out);
                }
            }
            "ours-push-line" => {
                for &status in black_box(&ours_values[..]) {
                    ours::push_line(&mut out, status);
                    black_box(&out);
                }
            }
            "http-display" => {
                for &status in black_box(&http_values[..]) {
                    http::display(&mut out, status);
                    black_box(&out);
                }
            }
            "rsip-display" => {
                for status in black_box(&rsip_values[..]) {
                    rsip::display(&mut out, status);
                    black_box(&out);
                }
            }
            "ours-interpret" => each(&MIX, |&code| ours::interpret(code)),
            "http-from-u16" => each(&MIX, |&code| http::from_u16(code)),
            "ours-class" => each(&ours_values, |&status| ours::class(status)),
            "http-class" => each(&http_values, |&status| http::class(status)),
            "rsip-class" => each(&rsip_values, rsip::class),
            "ours-classify" => each(&ours_values, |&status| ours::classify(status)),
            "ours-is-final" => each(&ours_values, |&status| ours::is_final(status)),
            "http-is-final" => each(&http_values, |&status| http::is_final(status)),
            "rsip-is-final" => each(&rsip_values, rsip::is_final),
            "ours-status-line" => each(&LINES, |line| ours::status_line(line)),
            "httparse" => each(&http_heads, |head| http::httparse(head)),
            "rsip-response" => each(&sip_heads, |head| rsip::parse_response(head)),
            "ours-write-status-line" => {
                for &status in black_box(&ours_values[..]) {
                    ours::write_status_line(&mut out, status);
                    black_box(&out);
                }
            }
            "http-format" => each(&http_values, |&status| http::format_status_line(status)),
            "http-write-status-line" => {
                for &status in black_box(&http_values[..]) {
                    http::write_status_line(&mut out, status);
                    black_box(&out);
                }
            }
            "ours-code-from-bytes" => each(&MIX_BYTES, |bytes| ours::code_from_bytes(bytes)),
            _ => {
                eprintln!("unknown op `{op}`\nOP: {OPS}");
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}
