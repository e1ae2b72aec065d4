//! `sip-codes`: the SIP status-code reference in the terminal.
//!
//! Looks codes up in `sip_codes::iana::StatusCode` by number (`486`, or `48` for 480 to
//! 489), class (`4xx`, `global`) or keyword (`busy`), explains unregistered codes the way
//! RFC 3261 §8.1.3.2 has a UAC treat them, and annotates the status lines of a SIP trace
//! (`sip-codes explain trace.txt`).
//!
//! Exit status of a lookup: 0 when it printed an answer (a code, a class, search hits, or
//! what an unregistered code stands for, even beside a part that named nothing), 1 when no
//! part of the query found anything, 2 for a usage or I/O error.

mod explain;
mod json;
mod notes;
mod query;
mod render;
mod text;
mod unregistered;

use std::fs::File;
use std::io::{self, BufReader, ErrorKind, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::query::Answer;

/// The widest the full view gets on a wide terminal: prose reads badly past this.
const MAX_WIDTH: usize = 100;

const EXAMPLES: &str = "\
Examples:
  sip-codes 486                  one code in full
  sip-codes 48                   480 to 489
  sip-codes 4xx                  a class; also: global, client error, server
  sip-codes busy                 codes whose phrase or description mentions it
  sip-codes 477                  an unregistered code: what a UAC treats it as
  sip-codes --json 486 600       one JSON document for scripts
  sip-codes explain trace.txt    annotate the status lines of a trace
  tcpdump -A -r call.pcap | sip-codes explain

Exit status: 0 when an answer was printed (a code, a class, search hits, or what an
unregistered code stands for), 1 when nothing was found, 2 on a usage or I/O error.";

const EXPLAIN_EXAMPLE: &str = "\
Each status line is echoed, followed by what it means:
  12:00:09.870001 IP 198.51.100.20.5060 > 192.0.2.10.5060: SIP/2.0 486 Busy
    ^ 486 Busy Here: Client Error - The callee's end system was reached but ...
    ^ phrase \"Busy\" differs from the registered \"Busy Here\"; only the code carries meaning

Exit status: 0 when the trace held a status line, 1 when it held none, 2 when it could not
be read.";

/// Look up SIP status codes by number, class or keyword, and annotate SIP traces.
#[derive(Parser, Debug)]
#[command(
    name = "sip-codes",
    version,
    about,
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    arg_required_else_help = true
)]
struct Cli {
    /// A code (486), the start of one (48), a class (4xx, global, client error) or words to
    /// find in phrases and descriptions (busy). Several numbers are looked up one by one.
    #[arg(required_unless_present = "all", value_name = "QUERY")]
    query: Vec<String>,

    /// List every registered code.
    #[arg(long, conflicts_with = "query")]
    all: bool,

    /// Print one JSON document: {"query", "matches", "unregistered", "invalid"}.
    #[arg(long)]
    json: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Annotate every SIP status line of a trace (sngrep or `tcpdump -A` output, a proxy
    /// log) with its class and meaning; flag unregistered codes and unusual phrases.
    #[command(after_help = EXPLAIN_EXAMPLE)]
    Explain {
        /// The trace to read; standard input when absent or `-`.
        file: Option<PathBuf>,

        /// Print only the status lines, with their line numbers, and their annotations.
        #[arg(short, long)]
        status_only: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Explain { file, status_only }) => run_explain(file, explain::Options { status_only }),
        None => run_lookup(&cli.query, cli.all, cli.json),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        // `sip-codes explain big.txt | head`: the reader has seen enough.
        Err(Failure::Io(e)) if e.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("sip-codes: {failure}");
            ExitCode::from(2)
        }
    }
}

/// Why a run failed.
#[derive(Debug)]
enum Failure {
    /// Writing the output failed.
    Io(io::Error),
    /// Reading the named input failed.
    Input(String, io::Error),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Io(e) => write!(f, "cannot write the output: {e}"),
            Failure::Input(name, e) => write!(f, "cannot read {name}: {e}"),
        }
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

/// Looks the query up; `Ok(true)` when it printed an answer.
fn run_lookup(words: &[String], all: bool, as_json: bool) -> Result<bool, Failure> {
    let answers: Vec<Answer> = if all {
        sip_codes::Class::ALL.iter().map(|&class| query::answer(&query::Query::Class(class))).collect()
    } else {
        query::parse(words).iter().map(query::answer).collect()
    };
    let matched = answers.iter().any(Answer::answered);
    let mut out = io::stdout().lock();
    if as_json {
        let document = json::Document::new(words.join(" "), &answers);
        serde_json::to_writer_pretty(&mut out, &document).map_err(io::Error::from)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(matched);
    }
    let width = textwrap::termwidth().clamp(40, MAX_WIDTH);
    render::write_answers(&mut out, &answers, width)?;
    out.flush()?;
    for answer in &answers {
        match answer {
            Answer::Invalid(why) => eprintln!("sip-codes: {why}"),
            Answer::List(codes) | Answer::Search(codes) if codes.is_empty() => {
                eprintln!("sip-codes: no registered code matches \"{}\"", words.join(" "));
            }
            _ => {}
        }
    }
    Ok(matched)
}

/// Annotates a trace; `Ok(true)` when it held at least one status line.
fn run_explain(file: Option<PathBuf>, options: explain::Options) -> Result<bool, Failure> {
    let (name, input): (String, Box<dyn Read>) = match file {
        Some(path) if path.as_os_str() != "-" => {
            let name = path.display().to_string();
            let file = File::open(&path).map_err(|e| Failure::Input(name.clone(), e))?;
            (name, Box::new(file))
        }
        _ => {
            if io::stdin().is_terminal() {
                eprintln!("sip-codes: reading a trace from standard input (end it with Ctrl-D)");
            }
            ("standard input".to_owned(), Box::new(io::stdin().lock()))
        }
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let input = Tracked { inner: input, failed: false };
    let mut reader = BufReader::with_capacity(64 * 1024, input);
    let summary = match explain::explain(&mut reader, &mut out, options) {
        Ok(summary) => summary,
        Err(e) if reader.get_ref().failed => return Err(Failure::Input(name, e)),
        Err(e) => return Err(Failure::Io(e)),
    };
    if summary.capture {
        eprintln!(
            "sip-codes: {name} is a pcap capture, not text: showing only the status lines found in its \
             bytes (`tcpdump -A -r FILE | sip-codes explain` shows whole messages)"
        );
    }
    if summary.status_lines == 0 {
        let plural = if summary.lines == 1 { "" } else { "s" };
        eprintln!("sip-codes: no SIP status line in {name} ({} line{plural} read)", summary.lines);
    }
    Ok(summary.status_lines > 0)
}

/// A reader that remembers whether it failed, to tell a read error from a write error.
struct Tracked<R> {
    inner: R,
    failed: bool,
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let result = self.inner.read(buf);
        self.failed = result.as_ref().is_err_and(|e| e.kind() != ErrorKind::Interrupted);
        result
    }
}
