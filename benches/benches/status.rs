//! sip-codes against http and rsip, on the same inputs in the same run.
//!
//! `cargo bench -p sip-codes-benches --features criterion --bench status -- --warm-up-time 1 --measurement-time 3`
//!
//! Every benchmark runs one operation over the whole mix (`sip_codes_benches::MIX`, 16 codes,
//! or the 15 of them every library can hold as a value), so the times are per 16 (or 15)
//! operations. The inputs pass through `black_box` once per iteration and every result
//! is kept through `black_box(&result)`, so nothing is computed at compile time and nothing is
//! thrown away (by reference, so a large `Result` is not copied once more to be kept).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use sip_codes_benches::{LINES, MIX, MIX_BYTES, MIX_STR, head_inputs, http, ours, rsip};

fn lookup(c: &mut Criterion) {
    let mut group = c.benchmark_group("lookup");
    group.bench_function("sip-codes from_code+reason_phrase", |b| {
        b.iter(|| {
            for &code in black_box(&MIX) {
                black_box(&ours::lookup(code));
            }
        });
    });
    group.bench_function("http from_u16+canonical_reason", |b| {
        b.iter(|| {
            for &code in black_box(&MIX) {
                black_box(&http::lookup(code));
            }
        });
    });
    group.bench_function("rsip From<u16>", |b| {
        b.iter(|| {
            for &code in black_box(&MIX) {
                black_box(&rsip::lookup(code));
            }
        });
    });
    group.finish();
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.bench_function("sip-codes from_bytes", |b| {
        b.iter(|| {
            for &bytes in black_box(&MIX_BYTES) {
                black_box(&ours::from_bytes(bytes));
            }
        });
    });
    group.bench_function("sip-codes str::parse", |b| {
        b.iter(|| {
            for &text in black_box(&MIX_STR) {
                black_box(&ours::parse(text));
            }
        });
    });
    group.bench_function("http from_bytes", |b| {
        b.iter(|| {
            for &bytes in black_box(&MIX_BYTES) {
                black_box(&http::from_bytes(bytes));
            }
        });
    });
    group.finish();
}

fn display(c: &mut Criterion) {
    let mut group = c.benchmark_group("display");
    let values = ours::values();
    let mut out = String::with_capacity(64);
    group.bench_function("sip-codes Display", |b| {
        b.iter(|| {
            for &status in black_box(&values[..]) {
                ours::display(&mut out, status);
                black_box(&out);
            }
        });
    });
    group.bench_function("sip-codes as_str+push_str (no fmt)", |b| {
        b.iter(|| {
            for &status in black_box(&values[..]) {
                ours::push_line(&mut out, status);
                black_box(&out);
            }
        });
    });
    let values = http::values();
    group.bench_function("http Display", |b| {
        b.iter(|| {
            for &status in black_box(&values[..]) {
                http::display(&mut out, status);
                black_box(&out);
            }
        });
    });
    let values = rsip::values();
    group.bench_function("rsip Display", |b| {
        b.iter(|| {
            for status in black_box(&values[..]) {
                rsip::display(&mut out, status);
                black_box(&out);
            }
        });
    });
    group.finish();
}

fn interpret(c: &mut Criterion) {
    let mut group = c.benchmark_group("interpret");
    group.bench_function("sip-codes interpret", |b| {
        b.iter(|| {
            for &code in black_box(&MIX) {
                black_box(&ours::interpret(code));
            }
        });
    });
    group.bench_function("http from_u16", |b| {
        b.iter(|| {
            for &code in black_box(&MIX) {
                black_box(&http::from_u16(code));
            }
        });
    });
    group.finish();
}

fn class(c: &mut Criterion) {
    let ours_values = ours::values();
    let http_values = http::values();
    let rsip_values = rsip::values();

    let mut group = c.benchmark_group("class");
    group.bench_function("sip-codes class", |b| {
        b.iter(|| {
            for &status in black_box(&ours_values[..]) {
                black_box(&ours::class(status));
            }
        });
    });
    group.bench_function("http is_* chain", |b| {
        b.iter(|| {
            for &status in black_box(&http_values[..]) {
                black_box(&http::class(status));
            }
        });
    });
    group.bench_function("rsip kind", |b| {
        b.iter(|| {
            for status in black_box(&rsip_values[..]) {
                black_box(&rsip::class(status));
            }
        });
    });
    group.finish();

    let mut group = c.benchmark_group("classify");
    group.bench_function("sip-codes classify", |b| {
        b.iter(|| {
            for &status in black_box(&ours_values[..]) {
                black_box(&ours::classify(status));
            }
        });
    });
    group.finish();

    let mut group = c.benchmark_group("is_final");
    group.bench_function("sip-codes is_final", |b| {
        b.iter(|| {
            for &status in black_box(&ours_values[..]) {
                black_box(&ours::is_final(status));
            }
        });
    });
    group.bench_function("http !is_informational", |b| {
        b.iter(|| {
            for &status in black_box(&http_values[..]) {
                black_box(&http::is_final(status));
            }
        });
    });
    group.bench_function("rsip kind != Provisional", |b| {
        b.iter(|| {
            for status in black_box(&rsip_values[..]) {
                black_box(&rsip::is_final(status));
            }
        });
    });
    group.finish();
}

fn status_line(c: &mut Criterion) {
    let http_heads = head_inputs("HTTP/1.1");
    let sip_heads = head_inputs("SIP/2.0");
    let mut group = c.benchmark_group("status_line_parse");
    group.bench_function("sip-codes StatusLine::parse", |b| {
        b.iter(|| {
            for &line in black_box(&LINES) {
                black_box(&ours::status_line(line));
            }
        });
    });
    group.bench_function("httparse Response::parse (HTTP/1.1)", |b| {
        b.iter(|| {
            for head in black_box(&http_heads) {
                black_box(&http::httparse(head));
            }
        });
    });
    group.bench_function("rsip Response::try_from", |b| {
        b.iter(|| {
            for head in black_box(&sip_heads) {
                black_box(&rsip::parse_response(head));
            }
        });
    });
    group.finish();

    let ours_values = ours::values();
    let http_values = http::values();
    let mut out = String::with_capacity(64);
    let mut group = c.benchmark_group("status_line_write");
    group.bench_function("sip-codes status_line() + push_str", |b| {
        b.iter(|| {
            for &status in black_box(&ours_values[..]) {
                ours::write_status_line(&mut out, status);
                black_box(&out);
            }
        });
    });
    group.bench_function("http format!", |b| {
        b.iter(|| {
            for &status in black_box(&http_values[..]) {
                black_box(&http::format_status_line(status));
            }
        });
    });
    group.bench_function("http write! into a reused String", |b| {
        b.iter(|| {
            for &status in black_box(&http_values[..]) {
                http::write_status_line(&mut out, status);
                black_box(&out);
            }
        });
    });
    group.finish();

    let mut group = c.benchmark_group("code_from_bytes");
    group.bench_function("sip-codes Code::from_bytes", |b| {
        b.iter(|| {
            for &bytes in black_box(&MIX_BYTES) {
                black_box(&ours::code_from_bytes(bytes));
            }
        });
    });
    group.bench_function("http StatusCode::from_bytes", |b| {
        b.iter(|| {
            for &bytes in black_box(&MIX_BYTES) {
                black_box(&http::from_bytes(bytes));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, lookup, parse, display, interpret, class, status_line);
criterion_main!(benches);
