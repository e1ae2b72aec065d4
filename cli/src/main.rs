//! `sip-codes`: the SIP status-code reference in the terminal (work in progress).

fn main() {}
