//! Benchmarks of sip-codes against http and rsip (work in progress).
