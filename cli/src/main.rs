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

use std::fs::File;
use std::io::{self, ErrorKind, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use sip_codes_cli::query::{self, Answer};
use sip_codes_cli::{explain, json, render};

/// The widest the full view gets on a wide terminal: prose reads badly past this.
const MAX_WIDTH: usize = 100;

const EXAMPLES: &str = "\
Examples:
  sip-codes 486                  one code in full
  sip-codes 48                   480 to 489
  sip-codes 4xx                  a class; also: global, client error, server
  sip-codes busy                 codes whose phrase or description mentions it,
                                 those a word names first
  sip-codes codec mismatch       a symptom: the codes that report it, with why
  sip-codes cause 17             a Q.850 cause: the response a gateway sends for it
  sip-codes 477                  an unregistered code: what a UAC treats it as
  sip-codes --json 486 600       one JSON document for scripts
  sip-codes explain trace.txt    annotate a trace: each response, then each call
  tcpdump -A -r call.pcap | sip-codes explain

Exit status: 0 when an answer was printed (a code, a class, search hits, or what an
unregistered code stands for), 1 when nothing was found, 2 on a usage or I/O error.";

/// `explain --help`: the examples, then every note kind `--json` writes, from the one list.
fn explain_long_help() -> String {
    let mut help = format!(
        "{EXPLAIN_EXAMPLE}\n\nNote kinds (a note's \"kind\" in --json; new kinds may be added, none renamed):\n"
    );
    for kind in sip_codes_cli::calls::NoteKind::ALL {
        help.push_str(&format!("  {:<28}{}\n", kind.slug(), kind.about()));
    }
    help
}

const EXPLAIN_EXAMPLE: &str = "\"
Input: a capture, or SIP messages as text in any of these forms (a line may carry a prefix):
  sip-codes explain call.pcap                                   pcap or pcapng, by magic number
  tcpdump -U -w - port 5060 | sip-codes explain                 a live capture, as pcap
  tcpdump -A -n -r call.pcap port 5060 | sip-codes explain      tcpdump -A
  ngrep -q -W byline port 5060 | sip-codes explain              ngrep, a message over lines
  ngrep -q -W single port 5060 | sip-codes explain              ngrep, CRLF shown as ..
  sip-codes explain sngrep-export.txt                           sngrep: save as .txt
  grep -h SIP/2.0 proxy.log | sip-codes explain --status-only   proxy log lines
A capture is read down to its SIP messages: Ethernet (802.1Q), Linux cooked v1/v2, raw IP and
loopback links; IPv4 and IPv6 with fragments put back together, IP in IP; UDP, TCP put in
order (messages framed by Content-Length, or WebSocket frames after an HTTP upgrade), and
SCTP (fragmented messages put back together). Each message is shown after the frame that completed
it (`frame 12 at 1311857686.602589: TCP 10.0.0.1:5060 -> 10.0.0.2:5060`); line numbers are then
frame numbers, as Wireshark counts them.

Output: the trace, and after each message what it means for its request:
  SIP/2.0 486 Busy
  CSeq: 314159 INVITE
  Retry-After: 300

    ^ 486 Busy Here: Client Error - The callee's end system was reached but ...
    ^ phrase \"Busy\" differs from the registered \"Busy Here\"; only the code carries meaning
    ^ to INVITE: The callee is busy; Retry-After, when present, says when to call back.
    ^ Retry-After: try again in 300 s (5 min)
  `^` says what a message means, `!` what is wrong with it. Then one summary per call:
  call a84b4c76e66710@pc33.example.org (lines 1-48): INVITE 100 180 486 ACK
    = busy (486 Busy Here)

--json writes JSON Lines instead: one object per annotated message
  {\"kind\":\"response\",\"line\",\"code\",\"reason_phrase\",\"method\",\"cseq\",\"call_id\",
   \"notes\":[{\"kind\",\"level\":\"info\"|\"problem\",\"text\"}]}  (\"kind\":\"request\" has no code)
and one per call, at the end of the trace (earlier when the call cap below makes room):
  {\"kind\":\"call\",\"call_id\",\"first_line\",\"last_line\",\"flow\":[\"INVITE\",\"100\",...],
   \"flow_dropped\",\"outcome\",\"outcome_text\",\"problems\":[...],\"problems_dropped\",\"early\",
   \"retransmissions\",\"double_answers\",\"timing\":{\"post_dial_delay\",\"answer_time\",\"duration\",
   \"time_to_failure\",\"retransmission_runs\":[{\"method\",\"cseq\",\"sent\",\"over\"}]}}
Transactions are told apart by the topmost Via's branch (RFC 2543 peers by the Via itself):
the same response again on its branch is a retransmission (note \"transaction.retransmission\",
counted), on another branch the same response relayed by another hop (\"message.repeat\"); a
response with another To tag is another branch of a fork (\"dialog.fork\"), and two 2xx so are
a double answer. The note kinds, which never change once given, are listed under --help.
Timing (seconds; from a capture's timestamps, or a text trace's tcpdump summary lines and
ngrep -t headers): the first INVITE to the first 18x, to the first 2xx, the 2xx to the BYE,
the first INVITE to the final failure.
A message read from a capture also has \"time\" (seconds since the epoch, with the capture's
precision), \"src\" and \"dst\" (\"192.0.2.1:5060\", \"[2001:db8::1]:5060\"), \"transport\" and \"frame\",
for the packet that completed it; a capture ends with
  {\"kind\":\"capture\",\"frames\",\"messages\",\"dropped\":[...],\"error\"}

Memory stays bounded however long the trace: at most 10000 calls are held. Past that, calls
that have ended are summarised at once, then the least recently active open ones (their
summary says it came early); each call keeps at most 64 flow steps and 8 problems. A line
longer than 64 KiB is shown cut, and the rest of it is still searched for SIP messages. A
capture holds at most 4096 TCP directions and 64 MiB of TCP bytes (256 KiB a direction), and
1024 fragmented packets for 30 s; what the caps drop is said on standard error.

Exit status: 0 when the trace held a status line, 1 when it held none, 2 when it could not
be read.";

/// Look up SIP status codes by number, class or keyword, and annotate SIP traces.
#[derive(Parser, Debug)]
#[command(
    name = "sip-codes",
    version,
    about,
    after_help = EXAMPLES,
    subcommand_negates_reqs = true,
    arg_required_else_help = true
)]
struct Cli {
    /// A code (486), the start of one (48), a class (4xx, global, client error), a Q.850 cause
    /// (cause 17), a symptom (no answer) or words to find in phrases and descriptions (busy).
    /// Several numbers are looked up one by one.
    #[arg(required_unless_present = "all", value_name = "QUERY")]
    query: Vec<String>,

    /// List every registered code.
    #[arg(long, conflicts_with = "query")]
    all: bool,

    /// Print JSON: one document {"query", "matches", "unregistered", "local", "invalid",
    /// "causes", "suggestion"} for a lookup; JSON Lines for `explain` (see `sip-codes explain
    /// --help`).
    #[arg(long, global = true)]
    json: bool,

    /// Colour `explain`'s notes: auto (when standard output is a terminal and NO_COLOR is
    /// not set), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    color: ColorWhen,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Annotate a SIP trace (`tcpdump -A`, ngrep, sngrep, proxy logs): what each response
    /// means for its request, what is wrong with it, and how each call ended.
    #[command(after_help = EXPLAIN_EXAMPLE, after_long_help = explain_long_help())]
    Explain {
        /// The trace to read; standard input when absent or `-`.
        file: Option<PathBuf>,

        /// Print only the status lines, with their line numbers, their annotations and the
        /// call summaries.
        #[arg(short, long)]
        status_only: bool,

        /// After each call's summary, draw the call as a ladder: one column a host, one
        /// arrow a message, with its time (captures only: text traces lack the addresses).
        #[arg(long)]
        ladder: bool,
    },
    /// Count a SIP trace or capture: requests by method, responses by code and by method,
    /// retransmissions, how calls ended, setup and post-dial times, and the RFC 6076 ratios
    /// (SER, SEER, ISA, SCR). `--json` prints one document.
    Stats {
        /// The trace or capture to read; standard input when absent or `-`.
        file: Option<PathBuf>,
    },
}

/// When to colour the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    /// When standard output is a terminal, unless NO_COLOR (or CLICOLOR=0) says otherwise.
    Auto,
    /// Always, even into a pipe (CLICOLOR_FORCE does the same for auto).
    Always,
    /// Never.
    Never,
}

impl ColorWhen {
    fn enabled(self) -> bool {
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.all && cli.command.is_some() {
        // `--json` is global now, so clap no longer keeps lookup flags away from `explain`.
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "--all lists codes; it cannot be used with explain",
            )
            .exit();
    }
    let result = match cli.command {
        Some(Command::Explain { file, status_only, ladder }) => {
            let options = explain::Options {
                status_only,
                ladder,
                json: cli.json,
                color: !cli.json && cli.color.enabled(),
                ..explain::Options::default()
            };
            run_explain(file, options).map(|(found, _)| found)
        }
        Some(Command::Stats { file }) => {
            let options = explain::Options { stats: true, ..explain::Options::default() };
            run_explain(file, options)
                .map(|(found, stats)| {
                    if let Some(stats) = stats {
                        let mut out = io::stdout().lock();
                        let written = if cli.json {
                            serde_json::to_writer_pretty(&mut out, &stats)
                                .map_err(io::Error::from)
                                .and_then(|()| writeln!(out))
                        } else {
                            stats.write_table(&mut out)
                        };
                        if let Err(e) = written.and_then(|()| out.flush()) {
                            return Err(Failure::Io(e));
                        }
                    }
                    Ok(found)
                })
                .and_then(|r| r)
        }
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
    /// The named capture is broken: what came before was shown.
    Capture(String, String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Io(e) => write!(f, "cannot write the output: {e}"),
            Failure::Input(name, e) => write!(f, "cannot read {name}: {e}"),
            Failure::Capture(name, why) => write!(f, "cannot read {name} to its end: {why}"),
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
            Answer::Search(codes, keywords) if codes.is_empty() => match query::suggest(keywords) {
                Some(suggestion) => eprintln!(
                    "sip-codes: no registered code matches \"{}\"; did you mean \"{suggestion}\"?",
                    words.join(" ")
                ),
                None => eprintln!("sip-codes: no registered code matches \"{}\"", words.join(" ")),
            },
            Answer::List(codes) if codes.is_empty() => {
                eprintln!("sip-codes: no registered code matches \"{}\"", words.join(" "));
            }
            _ => {}
        }
    }
    Ok(matched)
}

/// Annotates (or counts) a trace; `Ok(true)` when it held at least one status line.
fn run_explain(
    file: Option<PathBuf>,
    options: explain::Options,
) -> Result<(bool, Option<Box<sip_codes_cli::stats::Stats>>), Failure> {
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
    let mut input = Tracked { inner: input, failed: false };
    let summary = match explain::explain(&mut input, &mut out, options) {
        Ok(summary) => summary,
        Err(e) if input.failed => return Err(Failure::Input(name, e)),
        Err(e) => return Err(Failure::Io(e)),
    };
    let unit = if summary.capture.is_some() { "frame" } else { "line" };
    if let Some((report, error)) = &summary.capture {
        for dropped in report.dropped() {
            eprintln!("sip-codes: {name}: {dropped}");
        }
        if let Some(error) = error {
            return Err(Failure::Capture(name, error.clone()));
        }
    }
    if summary.status_lines == 0 {
        let plural = if summary.lines == 1 { "" } else { "s" };
        eprintln!("sip-codes: no SIP status line in {name} ({} {unit}{plural} read)", summary.lines);
    }
    Ok((summary.status_lines > 0, summary.stats))
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
