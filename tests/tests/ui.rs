//! Compile tests of `sip_codes!` (trybuild): `ui/pass` crates build and run their asserts;
//! each `ui/fail` crate fails with the one error its committed `.stderr` shows.
//!
//! Regenerate the `.stderr` files with
//! `TRYBUILD=overwrite cargo test -p sip-codes-tests --test ui`, then read every diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/pass/*.rs");
    cases.compile_fail("ui/fail/*.rs");
}
