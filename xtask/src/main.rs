//! Maintainer commands, run as `cargo xtask <command>` (alias in `.cargo/config.toml`).
//!
//! - `sync-iana`: keeps `specs/iana.toml` and the IANA snapshot in line with the registry.
//! - `docs`: regenerates `docs/CODES.md`, the README's code table and `docs/index.html`.
//! - `codegen`: writes `runtime/src/iana.rs`, the IANA spec's expansion as Rust source.
//! - `bench-compile`: measures the compile cost of the macro against a hand-written enum.

mod bench_compile;
mod codegen;
mod docs;
mod sync_iana;

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next();
    let rest: Vec<String> = args.collect();
    match command.as_deref() {
        Some("--help" | "-h" | "help") | None => {
            println!("{USAGE}");
            if command.is_none() { ExitCode::from(2) } else { ExitCode::SUCCESS }
        }
        Some("sync-iana") => sync_iana::run(rest),
        Some("docs") => docs::run(rest),
        Some("bench-compile") => bench_compile::run(rest),
        Some("codegen") => codegen::run(rest),
        Some(other) => {
            eprintln!("error: unknown command `{other}`\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The options a command parsed, or its exit: usage printed for `--help` (success) or after
/// an error (status 2).
fn options_or_exit<T, E: std::fmt::Display>(
    parsed: Result<Option<T>, E>,
    usage: &str,
) -> Result<T, ExitCode> {
    match parsed {
        Ok(Some(options)) => Ok(options),
        Ok(None) => {
            println!("{usage}");
            Err(ExitCode::SUCCESS)
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{usage}");
            Err(ExitCode::from(2))
        }
    }
}

const USAGE: &str = "usage: cargo xtask <command> [options]

commands:
  sync-iana      compare specs/iana.toml with the IANA snapshot (--check, --write, --import FILE)
  docs           regenerate docs/CODES.md, the README code table and docs/index.html (--check)
  codegen        regenerate runtime/src/iana.rs from specs/iana.toml (--check)
  bench-compile  measure the macro's compile cost against a hand-written enum";
