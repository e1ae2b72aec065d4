//! Sets `cfg(local_file)` when the compiler has `proc_macro::Span::local_file` (Rust 1.88),
//! which tells the macro the file that holds an invocation. The crate builds from Rust 1.85,
//! where relative spec paths resolve against the crate root instead.

use std::process::Command;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(local_file)");
    println!("cargo::rerun-if-env-changed=RUSTC");
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let version =
        Command::new(rustc).arg("--version").output().ok().and_then(|out| String::from_utf8(out.stdout).ok());
    // "rustc 1.88.0 (6b00bc388 2025-06-23)", "rustc 1.90.0-nightly (...)".
    let minor = version
        .as_deref()
        .and_then(|v| v.strip_prefix("rustc 1."))
        .and_then(|rest| rest.split(['.', '-', ' ']).next())
        .and_then(|minor| minor.parse::<u32>().ok());
    // An unreadable version is a newer compiler than this script knows.
    if minor.is_none_or(|minor| minor >= 88) {
        println!("cargo::rustc-cfg=local_file");
    }
}
