//! `cargo xtask bench-compile`: what `sip_codes!` costs at compile time.
//!
//! - Expansion: `sip_codes_codegen::expand` called in-process on the bundled IANA spec and on
//!   a synthetic spec of all 600 codes 100..=699, timed over many runs.
//! - Clean builds and rebuilds of small crates written under `target/bench-compile/`, each a
//!   workspace of its own with its own target dir: `ours` expands a copy of the IANA spec,
//!   `strum` holds the same 75 codes as a hand-written enum with strum's derives and a
//!   hand-written phrase match, `synthetic` expands the 600-code spec. A rebuild follows an
//!   edit of one reason phrase (486's) in the spec or in the hand-written enum.
//! - Size: stripped release binaries that parse, display, classify and interpret codes given
//!   on the command line, with no status type, with the IANA type and with the 600-code type.
//!
//! It also keeps `benches/specs/synthetic-600.toml` current (a unit test checks it).

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use std::time::{Duration, Instant};

use sip_codes_codegen::CodeEntry;

use crate::workspace_root;

const USAGE: &str = "usage: cargo xtask bench-compile [--runs N] [--expansion-only]

Times the macro's expansion, clean builds and rebuilds of a crate that uses it against the
same crate written by hand with strum, and the binary size of the generated code. Fixture
crates go to target/bench-compile/. Prints Markdown tables for BENCHMARKS.md.

options:
  --runs N           timed builds per measurement (default 3; expansions run 20 times as many)
  --expansion-only   only (re)write the synthetic spec and time the expansions";

/// How this xtask was built. Cargo builds proc macros at opt-level 0 in both dev and release
/// builds (its `build-override` defaults), so a dev-profile xtask times the macro as users run it.
const PROFILE: &str = if cfg!(debug_assertions) { "dev-profile (opt-level 0)" } else { "release-profile" };

/// The synthetic spec, relative to the workspace root.
pub const SYNTHETIC_SPEC: &str = "benches/specs/synthetic-600.toml";

pub fn run(args: Vec<String>) -> ExitCode {
    let options = match crate::options_or_exit(Options::parse(args), USAGE) {
        Ok(options) => options,
        Err(exit) => return exit,
    };
    match bench(&options) {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

struct Options {
    runs: usize,
    expansion_only: bool,
}

impl Options {
    /// `Ok(None)` asks for the usage text.
    fn parse(args: Vec<String>) -> Result<Option<Options>, lexopt::Error> {
        use lexopt::prelude::*;
        let mut options = Options { runs: 3, expansion_only: false };
        let mut parser = lexopt::Parser::from_args(args.into_iter().map(OsString::from));
        while let Some(arg) = parser.next()? {
            match arg {
                Long("runs") => options.runs = parser.value()?.parse()?,
                Long("expansion-only") => options.expansion_only = true,
                Long("help") | Short('h') => return Ok(None),
                _ => return Err(arg.unexpected()),
            }
        }
        if options.runs == 0 {
            return Err("--runs must be at least 1".into());
        }
        Ok(Some(options))
    }
}

fn bench(options: &Options) -> Result<String, String> {
    let root = workspace_root();
    let synthetic_path = root.join(SYNTHETIC_SPEC);
    let synthetic = synthetic_spec();
    if std::fs::read_to_string(&synthetic_path).ok().as_deref() != Some(synthetic.as_str()) {
        write_file(&synthetic_path, &synthetic)?;
        eprintln!("wrote {SYNTHETIC_SPEC}");
    }
    let mut report = String::new();
    expansion_report(&mut report, &synthetic_path, options.runs * 20)?;
    if options.expansion_only {
        return Ok(report);
    }

    let base = root.join("target/bench-compile");
    let iana =
        std::fs::read_to_string(root.join("specs/iana.toml")).map_err(|e| format!("specs/iana.toml: {e}"))?;
    let ours = Fixture::write(
        &base,
        "ours",
        &[("src/lib.rs", macro_lib("iana.toml")), ("src/iana.toml", iana.clone())],
    )?;
    let strum =
        Fixture::write(&base, "strum", &[("src/lib.rs", strum_lib(&iana_entries(&iana)?, "Busy Here"))])?;
    let large = Fixture::write(
        &base,
        "synthetic",
        &[("src/lib.rs", macro_lib("synthetic-600.toml")), ("src/synthetic-600.toml", synthetic.clone())],
    )?;
    let registry = Fixture::write(&base, "registry", &[("src/lib.rs", registry_lib(false))])?;
    let http = Fixture::write(&base, "http", &[("src/lib.rs", registry_lib(true))])?;
    for fixture in [&ours, &strum, &large, &registry, &http] {
        fixture.prepare()?;
    }

    let _ = writeln!(report, "## Clean build (`cargo build`, dev profile, {} runs each)\n", options.runs);
    let _ = writeln!(report, "| crate | crates compiled | wall min | wall median | CPU median |");
    let _ = writeln!(report, "| --- | ---: | ---: | ---: | ---: |");
    let mut clean = Vec::new();
    for (label, fixture) in [
        ("registry type only: `sip_codes::iana::StatusCode`", &registry),
        ("registry type only: `http::StatusCode`", &http),
        ("IANA spec through `sip_codes!`", &ours),
        ("hand-written enum + strum derives", &strum),
        ("600-code synthetic spec through `sip_codes!`", &large),
    ] {
        let builds = fixture.clean_builds(options.runs)?;
        let cpu = if builds.cpu.is_empty() { "n/a".to_owned() } else { secs(median(&builds.cpu)) };
        let _ = writeln!(
            report,
            "| {label} | {} | {} | {} | {cpu} |",
            builds.crates,
            secs(min(&builds.wall)),
            secs(median(&builds.wall))
        );
        clean.push(builds);
    }
    let ratios = |ours: &CleanBuilds, theirs: &CleanBuilds| {
        let cpu = if ours.cpu.is_empty() || theirs.cpu.is_empty() {
            String::new()
        } else {
            format!(", CPU {:.2}x", ratio(median(&ours.cpu), median(&theirs.cpu)))
        };
        format!("wall {:.2}x{cpu}", ratio(median(&ours.wall), median(&theirs.wall)))
    };
    let _ = writeln!(report, "\nregistry only, sip-codes / http (medians): {}", ratios(&clean[0], &clean[1]));
    let _ = writeln!(report, "\nsip_codes! / strum (medians): {}\n", ratios(&clean[2], &clean[3]));

    let _ = writeln!(report, "## Rebuild after editing one reason phrase ({} runs each)\n", options.runs);
    let _ = writeln!(report, "| edit | min | median |");
    let _ = writeln!(report, "| --- | ---: | ---: |");
    let iana_edit =
        |n: usize| iana.replace("reason = \"Busy Here\"", &format!("reason = \"{}\"", busy_here(n)));
    let synthetic_edit = |n: usize| {
        let phrase = if n.is_multiple_of(2) { "synthetic 486" } else { "Synthetic 486" };
        synthetic.replace("reason = \"Synthetic 486\"", &format!("reason = \"{phrase}\""))
    };
    let strum_entries = iana_entries(&iana)?;
    let rebuilds = [
        (
            "`src/iana.toml` (spec, through `sip_codes!`)",
            &ours,
            "src/iana.toml",
            &iana_edit as &dyn Fn(usize) -> String,
        ),
        ("`src/lib.rs` (hand-written enum + strum)", &strum, "src/lib.rs", &|n| {
            strum_lib(&strum_entries, busy_here(n))
        }),
        ("`src/synthetic-600.toml` (600-code spec)", &large, "src/synthetic-600.toml", &synthetic_edit),
    ];
    let mut rebuild = Vec::new();
    for (label, fixture, file, edit) in rebuilds {
        let times = fixture.rebuilds(options.runs, file, edit)?;
        let _ = writeln!(report, "| {label} | {} | {} |", secs(min(&times)), secs(median(&times)));
        rebuild.push(median(&times));
    }
    let _ = writeln!(report, "\nours / strum (median): {:.2}x\n", ratio(rebuild[0], rebuild[1]));

    size_report(&mut report, &base, &iana, &synthetic)?;
    Ok(report)
}

/// Alternates the phrase of 486 between two spellings that derive the same variant name.
fn busy_here(n: usize) -> &'static str {
    if n.is_multiple_of(2) { "Busy here" } else { "Busy Here" }
}

fn expansion_report(report: &mut String, synthetic_path: &Path, runs: usize) -> Result<(), String> {
    let _ = writeln!(
        report,
        "## Expansion (`sip_codes_codegen::expand` in-process, {PROFILE} xtask, {runs} runs)\n"
    );
    let _ = writeln!(report, "| spec | codes | output | min | median |");
    let _ = writeln!(report, "| --- | ---: | ---: | ---: | ---: |");
    let synthetic_literal = format!("{:?}", synthetic_path.display().to_string());
    for (label, codes, spec) in
        [("bundled IANA", 75, "iana".to_owned()), ("synthetic", 600, synthetic_literal)]
    {
        let input = format!("[::sip_codes] #[spec = {spec}] pub enum StatusCode;");
        let tokens = sip_codes_codegen::from_proc_macro2(input.parse().map_err(|e| format!("{e}"))?);
        let mut times = Vec::with_capacity(runs);
        let mut output = String::new();
        for _ in 0..runs {
            let start = Instant::now();
            let expanded = sip_codes_codegen::expand(&tokens, &|_| None, &|_| String::new());
            times.push(start.elapsed());
            if !expanded.errors().is_empty() {
                return Err(format!("the {label} spec does not expand cleanly: {:?}", expanded.errors()));
            }
            if output.is_empty() {
                output = expanded.marked_source();
            }
        }
        let _ = writeln!(
            report,
            "| {label} | {codes} | {} KiB of source | {} | {} |",
            output.len() / 1024,
            millis(min(&times)),
            millis(median(&times))
        );
    }
    let _ = writeln!(report);
    Ok(())
}

fn size_report(report: &mut String, base: &Path, iana: &str, synthetic: &str) -> Result<(), String> {
    let program = |ty: &str| {
        format!(
            "//! Size fixture written by `cargo xtask bench-compile`.\n\
             use std::fmt::Write as _;\n\n\
             sip_codes::sip_codes! {{\n    /// Codes.\n    #[spec = \"../{ty}.toml\"]\n    pub enum StatusCode;\n}}\n\n\
             fn main() {{\n    let mut out = String::new();\n    for arg in std::env::args().skip(1) {{\n        \
             match arg.parse::<StatusCode>() {{\n            \
             Ok(status) => {{\n                let _ = writeln!(out, \"{{status}} {{}} {{}}\", status.class(), status.is_final());\n                \
             let _ = writeln!(out, \"{{:?}}\", status.classify());\n            }}\n            \
             Err(error) => {{\n                let _ = writeln!(out, \"{{error}}\");\n            }}\n        }}\n        \
             if let Some(status) = arg.parse().ok().and_then(StatusCode::interpret) {{\n            \
             let _ = writeln!(out, \"{{}}\", status.reason_phrase());\n        }}\n    }}\n    print!(\"{{out}}\");\n}}\n"
        )
    };
    let none = "//! Size fixture written by `cargo xtask bench-compile`: the same program without a status type.\n\
                use std::fmt::Write as _;\n\n\
                fn main() {\n    let mut out = String::new();\n    for arg in std::env::args().skip(1) {\n        \
                match arg.parse::<u16>() {\n            Ok(code) => {\n                let _ = writeln!(out, \"{code} {}\", code >= 200);\n            }\n            \
                Err(error) => {\n                let _ = writeln!(out, \"{error}\");\n            }\n        }\n    }\n    print!(\"{out}\");\n}\n"
            .to_owned();
    let size = Fixture::write(
        base,
        "size",
        &[
            ("src/bin/none.rs", none),
            ("src/bin/iana.rs", program("iana")),
            ("src/bin/synthetic.rs", program("synthetic-600")),
            ("src/iana.toml", iana.to_owned()),
            ("src/synthetic-600.toml", synthetic.to_owned()),
        ],
    )?;
    size.prepare()?;
    size.cargo(&["build", "--release", "--bins"])?;
    let bytes = |bin: &str| {
        std::fs::metadata(size.target.join("release").join(bin))
            .map(|m| m.len())
            .map_err(|e| format!("release binary {bin}: {e}"))
    };
    let (none, iana, synthetic) = (bytes("none")?, bytes("iana")?, bytes("synthetic")?);
    let _ = writeln!(report, "## Code size (stripped release binaries, opt-level 3)\n");
    let _ = writeln!(report, "| binary | bytes | added by the status type |");
    let _ = writeln!(report, "| --- | ---: | ---: |");
    let _ = writeln!(report, "| no status type (`u16` only) | {none} | |");
    let _ = writeln!(report, "| IANA spec, 75 codes | {iana} | {} |", iana.saturating_sub(none));
    let _ =
        writeln!(report, "| synthetic spec, 600 codes | {synthetic} | {} |", synthetic.saturating_sub(none));
    Ok(())
}

/// A crate under `target/bench-compile/NAME`, a workspace of its own with its own target dir.
struct Fixture {
    name: String,
    dir: PathBuf,
    target: PathBuf,
}

impl Fixture {
    fn write(base: &Path, name: &str, files: &[(&str, String)]) -> Result<Fixture, String> {
        let runtime = workspace_root().join("runtime");
        let runtime = format!("path = {:?}", runtime.display().to_string());
        let dependency = match name {
            "strum" => "strum = { version = \"0.28\", features = [\"derive\"] }".to_owned(),
            "http" => "http = \"1\"".to_owned(),
            "registry" => {
                format!("sip-codes = {{ {runtime}, default-features = false, features = [\"iana\"] }}")
            }
            _ => format!("sip-codes = {{ {runtime}, default-features = false, features = [\"macro\"] }}"),
        };
        let dir = base.join(name);
        let root = workspace_root();
        // Our crates are path dependencies here, and Cargo builds path dependencies with
        // incremental state, which a clean build pays for; from crates.io they build without
        // it, as strum's and http's crates do here. The fixture crate itself keeps it.
        let as_published = if matches!(name, "strum" | "http") {
            ""
        } else {
            "[profile.dev.package.sip-codes]\nincremental = false\n\n\
             [profile.dev.build-override]\nincremental = false\n\n"
        };
        let manifest = format!(
            "# Written by `cargo xtask bench-compile`.\n[package]\nname = \"bench-{name}\"\nversion = \"0.0.0\"\n\
             edition = \"2024\"\npublish = false\n\n[dependencies]\n{dependency}\n\n\
             [profile.release]\nstrip = true\n\n{as_published}[workspace]\n"
        );
        write_file(&dir.join("Cargo.toml"), &manifest)?;
        if name != "strum" {
            // The workspace's own versions of the macro's dependencies (and of http, a
            // dependency of the benchmarks).
            std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))
                .map_err(|e| format!("Cargo.lock: {e}"))?;
        }
        for (path, contents) in files {
            write_file(&dir.join(path), contents)?;
        }
        let target = dir.join("target");
        Ok(Fixture { name: name.to_owned(), dir, target })
    }

    /// Fetches the dependencies and builds once untimed, so timed runs read warm caches.
    fn prepare(&self) -> Result<(), String> {
        self.cargo(&["fetch"])?;
        self.cargo(&["build"]).map(drop)
    }

    fn cargo(&self, args: &[&str]) -> Result<String, String> {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let output = Command::new(cargo)
            .args(args)
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target)
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_BUILD_RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        if !output.status.success() {
            return Err(format!("`cargo {}` failed in {}:\n{stderr}", args.join(" "), self.dir.display()));
        }
        Ok(stderr)
    }

    /// Times `cargo build` from an empty target dir: wall-clock times, CPU times (user and
    /// system, of cargo and the compilers it ran; empty where the system does not say) and
    /// how many crates it compiled.
    fn clean_builds(&self, runs: usize) -> Result<CleanBuilds, String> {
        let mut builds = CleanBuilds { wall: Vec::with_capacity(runs), cpu: Vec::new(), crates: 0 };
        for _ in 0..runs {
            remove_dir(&self.target)?;
            let cpu_before = children_cpu();
            let start = Instant::now();
            let log = self.cargo(&["build"])?;
            builds.wall.push(start.elapsed());
            if let (Some(before), Some(after)) = (cpu_before, children_cpu()) {
                builds.cpu.push(after.saturating_sub(before));
            }
            builds.crates = log.lines().filter(|line| line.trim_start().starts_with("Compiling ")).count();
        }
        Ok(builds)
    }

    /// Times `cargo build` after `edit(n)` rewrote `file`; checks that the crate rebuilt.
    fn rebuilds(
        &self,
        runs: usize,
        file: &str,
        edit: &dyn Fn(usize) -> String,
    ) -> Result<Vec<Duration>, String> {
        let mut times = Vec::with_capacity(runs);
        self.cargo(&["build"])?;
        for n in 0..runs {
            write_file(&self.dir.join(file), &edit(n))?;
            let start = Instant::now();
            let log = self.cargo(&["build"])?;
            times.push(start.elapsed());
            if !log.contains(&format!("Compiling bench-{}", self.name)) {
                return Err(format!("editing {file} did not rebuild bench-{}:\n{log}", self.name));
            }
        }
        // Leave the file as it was written.
        write_file(&self.dir.join(file), &edit(1))?;
        Ok(times)
    }
}

/// What [`Fixture::clean_builds`] measured.
struct CleanBuilds {
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
    crates: usize,
}

/// The user and system CPU time of this process's finished children (and theirs), from
/// `/proc/self/stat` on Linux (`cutime` and `cstime`, in 1/100 s); `None` elsewhere.
fn children_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses; `state` is field 3.
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split(' ').collect();
    let ticks = |field: usize| fields.get(field - 3)?.parse::<u64>().ok();
    Some(Duration::from_millis((ticks(16)? + ticks(17)?) * 10))
}

/// A crate that uses a status type the way a registry-only user does: look up, parse,
/// classify, write; the two bodies differ only in the API's names.
fn registry_lib(http: bool) -> String {
    let (ty, value, lookup, parse, class) = if http {
        (
            "http::StatusCode",
            "StatusCode::from_u16(code).ok()",
            "StatusCode::from_u16(code).ok().and_then(|status| status.canonical_reason())",
            "StatusCode::from_bytes(bytes).ok().map(|status| status.as_u16())",
            "StatusCode::from_u16(code).is_ok_and(|status| status.is_client_error())",
        )
    } else {
        (
            "sip_codes::iana::StatusCode",
            "StatusCode::from_code(code)",
            "StatusCode::from_code(code).map(StatusCode::reason_phrase)",
            "StatusCode::from_bytes(bytes).ok().map(StatusCode::code)",
            "StatusCode::from_code(code).is_some_and(StatusCode::is_client_error)",
        )
    };
    format!(
        "//! Compile-cost fixture written by `cargo xtask bench-compile`: a crate using only `{ty}`.\n\n\
         use {ty};\n\n\
         /// The phrase of a code.\npub fn lookup(code: u16) -> Option<&'static str> {{\n    {lookup}\n}}\n\n\
         /// The code in three digits.\npub fn parse(bytes: &[u8]) -> Option<u16> {{\n    {parse}\n}}\n\n\
         /// Whether a code is a client error.\npub fn is_client_error(code: u16) -> bool {{\n    {class}\n}}\n\n\
         /// The code and phrase, as `Display` writes them.\npub fn show(code: u16) -> Option<String> {{\n    \
         {value}.map(|status| status.to_string())\n}}\n"
    )
}

fn macro_lib(spec: &str) -> String {
    format!(
        "//! Compile-cost fixture written by `cargo xtask bench-compile`: a spec through `sip_codes!`.\n\n\
         sip_codes::sip_codes! {{\n    /// SIP status codes.\n    #[spec = \"{spec}\"]\n    pub enum StatusCode;\n}}\n"
    )
}

/// The IANA codes as a user would write them by hand: strum's derives for Display, FromStr,
/// iteration and `from_repr`, and a match for the phrase. `busy_here` is 486's phrase.
fn strum_lib(entries: &[CodeEntry], busy_here: &str) -> String {
    let mut out = String::from(
        "//! Compile-cost fixture written by `cargo xtask bench-compile`: the IANA codes by hand, with strum.\n\n\
         use strum::{Display, EnumIter, EnumString, FromRepr};\n\n\
         /// SIP status codes.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Display, EnumString, EnumIter, FromRepr)]\n\
         #[repr(u16)]\npub enum StatusCode {\n",
    );
    let phrase =
        |entry: &CodeEntry| if entry.code == 486 { busy_here.to_owned() } else { entry.reason.clone() };
    for entry in entries {
        let (code, name, phrase) = (entry.code, &entry.name, phrase(entry));
        let _ = writeln!(
            out,
            "    /// `{code} {phrase}`\n    #[strum(to_string = \"{code} {phrase}\", serialize = \"{code}\")]\n    {name} = {code},"
        );
    }
    out.push_str(
        "}\n\nimpl StatusCode {\n    /// The three-digit code.\n    pub const fn code(self) -> u16 {\n        self as u16\n    }\n\n    \
         /// The canonical Reason-Phrase.\n    pub const fn reason_phrase(self) -> &'static str {\n        match self {\n",
    );
    for entry in entries {
        let _ = writeln!(out, "            Self::{} => {:?},", entry.name, phrase(entry));
    }
    out.push_str("        }\n    }\n}\n");
    out
}

fn iana_entries(iana: &str) -> Result<Vec<CodeEntry>, String> {
    sip_codes_codegen::load_spec("specs/iana.toml", iana)
        .map(|model| model.entries)
        .map_err(|lines| lines.join("\n"))
}

/// A spec with every code 100..=699, each with a reference and a one-line description.
pub fn synthetic_spec() -> String {
    let mut spec = String::from(
        "# Written by `cargo xtask bench-compile`; do not edit. Every code 100..=699, for the\n\
         # compile-cost and size benchmarks and benches/tests/synthetic.rs.\n\n\
         [registry]\nname = \"Synthetic: all 600 codes\"\n",
    );
    for code in 100..=699 {
        let _ = write!(
            spec,
            "\n[[code]]\ncode = {code}\nreason = \"Synthetic {code}\"\nreferences = [\"RFC3261\"]\n\
             description = \"Synthetic code {code}, one of all 600 codes of the benchmark spec.\"\n"
        );
    }
    spec
}

fn write_file(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

fn remove_dir(path: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(format!("{}: {e}", path.display())),
        _ => Ok(()),
    }
}

fn min(times: &[Duration]) -> Duration {
    times.iter().copied().min().unwrap_or_default()
}

fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

fn ratio(ours: Duration, theirs: Duration) -> f64 {
    ours.as_secs_f64() / theirs.as_secs_f64()
}

fn secs(time: Duration) -> String {
    format!("{:.2} s", time.as_secs_f64())
}

fn millis(time: Duration) -> String {
    format!("{:.1} ms", time.as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_synthetic_spec_is_current() {
        crate::ensure_file_contents(
            &workspace_root().join(SYNTHETIC_SPEC),
            &synthetic_spec(),
            "cargo xtask bench-compile --expansion-only",
        );
    }

    #[test]
    fn the_synthetic_spec_reads_as_600_codes() {
        let (spec, diagnostics) =
            sip_codes_codegen::read_spec(0, &std::sync::Arc::from("synthetic"), &synthetic_spec());
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let codes: Vec<u16> = spec.codes.iter().map(|entry| entry.code).collect();
        assert_eq!(codes, (100..=699).collect::<Vec<u16>>());
        assert_eq!(spec.codes[386].name, "Synthetic486");
    }

    #[test]
    fn the_hand_written_enum_covers_every_iana_code_with_its_phrase() {
        let entries = iana_entries(sip_codes_codegen::BUNDLED_IANA_SPEC).unwrap();
        let source = strum_lib(&entries, "Busy Here");
        assert_eq!(source.matches("#[strum(to_string = ").count(), entries.len());
        assert!(
            source.contains(
                "#[strum(to_string = \"486 Busy Here\", serialize = \"486\")]\n    BusyHere = 486,"
            )
        );
        assert!(source.contains("Self::BusyHere => \"Busy Here\","));
        let edited = strum_lib(&entries, busy_here(0));
        assert!(edited.contains("Self::BusyHere => \"Busy here\","));
    }
}
