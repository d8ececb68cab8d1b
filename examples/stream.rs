//! Moderates a stream of comments with one escalation ledger for every author, and keeps that
//! ledger from one run to the next.
//!
//! ```text
//! cargo run --example stream -- [--policy PRESET|FILE.toml] [--state FILE.json] [FILE.jsonl|-]
//! cargo run --example stream -- --state /tmp/ledger.json
//! ```
//!
//! The input is JSON Lines in the format of the `moderate` example, one comment a line:
//! `{"id", "text", "author": {"id", "name"}, "at", "post"}` (only `text` is required). It is
//! read from FILE, or from standard input when FILE is `-` or when input is piped; run from a
//! terminal with no FILE, the program moderates the bundled `examples/data/stream.jsonl`.
//!
//! After a header line, each comment prints one line: its id, the decision, the author, the
//! sanction in force for the author after this comment (`(new)` when this comment brought it),
//! and the category and rule of each finding. All authors share one [`galateo::Ledger`]:
//! strikes add up per `author.id`, and a comment whose author has no id is moderated but not
//! recorded. A line without `at` is taken as posted now.
//!
//! With `--state FILE.json` the ledger's state ([`galateo::LedgerState`]) is loaded from FILE
//! when it exists and written back at the end, after dropping what has decayed by the latest
//! instant of the stream. The file is replaced atomically (written next to it, then renamed),
//! so an interrupted run leaves the previous state intact. Run the example twice with the same
//! state file: the second run counts the first run's strikes too, and authors who were only
//! noticed the first time now have a sanction. (A real integration records each comment once;
//! feeding the same stream twice is just the quickest way to see the state at work.)
//!
//! A line that is not a comment is reported on standard error with its line number, and the
//! rest is processed; blank lines are skipped. Exit status: 0 when every line was a comment, 1
//! when some line was not, 2 on a bad argument, policy, input or state file.

use std::ffi::OsString;
use std::fs;
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use galateo::{Comment, Ledger, LedgerState, Moderator, Policy, RecordError, Sanction, Verdict};
use jiff::Timestamp;
use serde_json::Value;

const SAMPLE: &str = include_str!("data/stream.jsonl");

const HELP: &str = "\
usage: stream [--policy PRESET|FILE.toml] [--state FILE.json] [FILE.jsonl|-]

Moderates JSON Lines comments ({\"id\", \"text\", \"author\": {\"id\", \"name\"}, \"at\", \"post\"})
with one escalation ledger for all authors, one line out per comment.
With no FILE and no piped input, moderates the bundled examples/data/stream.jsonl.

  --policy PRESET|FILE.toml  a preset (comune-livorno, conferenza-stato-citta) or a policy file;
                             default: comune-livorno
  --state FILE.json          load the ledger from FILE if it exists, save it there at the end
  -h, --help                 this help

Exit status: 0 all lines moderated, 1 some line was not a comment, 2 bad arguments, policy,
input or state file.";

struct Args {
    help: bool,
    policy: Option<String>,
    state: Option<PathBuf>,
    input: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        help: false,
        policy: None,
        state: None,
        input: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--policy" => {
                args.policy = Some(it.next().ok_or("`--policy` needs a preset or a file")?)
            }
            "--state" => {
                let path = it.next().ok_or("`--state` needs a file")?;
                args.state = Some(PathBuf::from(path));
            }
            "-h" | "--help" => args.help = true,
            other if other.starts_with("--") => return Err(format!("unknown option `{other}`")),
            other => {
                if args.input.replace(other.to_owned()).is_some() {
                    return Err("give at most one input file".to_owned());
                }
            }
        }
    }
    Ok(args)
}

fn load_policy(spec: Option<&str>) -> Result<Policy, galateo::PolicyError> {
    match spec {
        None => Policy::preset(Policy::default_preset()),
        Some(spec) if Policy::presets().contains(&spec) => Policy::preset(spec),
        Some(spec) if spec.ends_with(".toml") || Path::new(spec).exists() => {
            Policy::from_path(spec)
        }
        Some(spec) => Policy::preset(spec),
    }
}

/// An error and its sources, `: `-separated.
fn chain(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

/// Whether standard input carries data to read: a pipe, a file or a socket. A terminal, and
/// `/dev/null`, mean no input: use the bundled sample.
#[cfg(unix)]
fn stdin_has_input() -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::FileTypeExt;
    let Ok(fd) = io::stdin().as_fd().try_clone_to_owned() else {
        return false;
    };
    match fs::File::from(fd).metadata() {
        Ok(meta) => {
            let kind = meta.file_type();
            kind.is_fifo() || kind.is_file() || kind.is_socket()
        }
        Err(_) => false,
    }
}

#[cfg(not(unix))]
fn stdin_has_input() -> bool {
    use std::io::IsTerminal;
    !io::stdin().is_terminal()
}

/// The saved ledger state, or an empty one when the file does not exist yet.
fn load_state(path: &Path) -> Result<LedgerState, String> {
    match fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map_err(|e| format!("`{}` is not a ledger state: {e}", path.display())),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(LedgerState::default()),
        Err(err) => Err(format!("cannot read `{}`: {err}", path.display())),
    }
}

/// Writes `state` to `path` atomically: to a temporary file in the same directory (so the
/// rename stays on one file system), flushed to disk, then renamed over `path`.
fn save_state(path: &Path, state: &LedgerState) -> io::Result<()> {
    let mut json = serde_json::to_vec_pretty(state).map_err(io::Error::other)?;
    json.push(b'\n');
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, "the state path names no file")
    })?;
    let mut temp_name = OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp = path.with_file_name(temp_name);
    let written = fs::File::create(&temp).and_then(|mut file| {
        file.write_all(&json)?;
        file.sync_all()
    });
    let result = written.and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        // Best effort: the error that matters is the one returned.
        let _ = fs::remove_file(&temp);
    }
    result
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("stream: {message}\n\n{HELP}");
            return ExitCode::from(2);
        }
    };
    if args.help {
        println!("{HELP}");
        return ExitCode::SUCCESS;
    }
    let policy = match load_policy(args.policy.as_deref()) {
        Ok(policy) => policy,
        Err(err) => {
            eprintln!("stream: {}", chain(&err));
            return ExitCode::from(2);
        }
    };
    let input: Box<dyn Read> = match args.input.as_deref() {
        Some("-") => Box::new(io::stdin()),
        None if stdin_has_input() => Box::new(io::stdin()),
        None => Box::new(SAMPLE.as_bytes()),
        Some(path) => match fs::File::open(path) {
            Ok(file) => Box::new(file),
            Err(err) => {
                eprintln!("stream: cannot read `{path}`: {err}");
                return ExitCode::from(2);
            }
        },
    };
    let moderator = Moderator::new(policy);
    // The configuration comes from the policy, the state from the file: a changed policy
    // applies at once to the strikes already recorded.
    let mut ledger = moderator.ledger();
    if let Some(path) = &args.state {
        match load_state(path) {
            Ok(state) => ledger = ledger.with_state(state),
            Err(message) => {
                eprintln!("stream: {message}");
                return ExitCode::from(2);
            }
        }
    }

    let summary = match run(&moderator, &mut ledger, io::BufReader::new(input)) {
        Ok(summary) => summary,
        Err(err) => {
            eprintln!("stream: {err}");
            return ExitCode::from(2);
        }
    };

    if let Some(path) = &args.state {
        // The ledger never reads the clock: prune at the stream's own latest instant.
        if let Some(latest) = summary.latest {
            ledger.prune(latest);
        }
        if let Err(err) = save_state(path, ledger.state()) {
            eprintln!(
                "stream: cannot save the ledger to `{}`: {err}",
                path.display()
            );
            return ExitCode::from(2);
        }
    }
    eprintln!(
        "stream: {} comments moderated, {} lines rejected; the ledger remembers {} authors",
        summary.moderated,
        summary.failed,
        ledger.state().len()
    );
    if summary.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

#[derive(Default)]
struct Summary {
    moderated: usize,
    failed: usize,
    /// The latest instant recorded, the stream's "now".
    latest: Option<Timestamp>,
}

/// Moderates every line, printing one line per comment and reporting bad lines on stderr.
fn run(moderator: &Moderator, ledger: &mut Ledger, input: impl BufRead) -> io::Result<Summary> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    // Taken once, so that every comment without an instant is posted at the same one.
    let now = Timestamp::now();
    writeln!(
        out,
        "{:<4} {:<8} {:<20}  {:<27}  findings",
        "id", "decision", "author", "sanction"
    )?;
    for (index, line) in input.split(b'\n').enumerate() {
        let number = index + 1;
        let line = line?;
        let parsed = match String::from_utf8(line) {
            Ok(text) if text.trim().is_empty() => continue,
            Ok(text) => parse_line(&text),
            Err(_) => Err("not valid UTF-8".to_owned()),
        };
        let (id, mut comment) = match parsed {
            Ok(parsed) => parsed,
            Err(message) => {
                summary.failed += 1;
                eprintln!("stream: line {number}: {message}");
                continue;
            }
        };
        let at = *comment.at.get_or_insert(now);
        summary.latest = summary.latest.max(Some(at));
        summary.moderated += 1;

        let verdict = moderator.moderate(&comment);
        let recorded = ledger.record_comment(&comment, &verdict);
        let author_id = comment.author_id();
        let in_force = author_id.and_then(|author| ledger.sanction(author, at));
        writeln!(
            out,
            "{}",
            render(&id, &comment, &verdict, recorded, in_force)
        )?;
    }
    out.flush()?;
    Ok(summary)
}

/// A line's `id` (or `-`) and its comment.
fn parse_line(line: &str) -> Result<(String, Comment), String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let id = match value.get("id") {
        Some(Value::String(id)) => id.clone(),
        Some(Value::Null) | None => "-".to_owned(),
        Some(other) => other.to_string(),
    };
    let comment: Comment =
        serde_json::from_value(value).map_err(|e| format!("not a comment: {e}"))?;
    Ok((id, comment))
}

/// One line: id, decision, author, the sanction in force for the author (and any sanction
/// this comment brought, `new`), then each finding's category and rule.
fn render(
    id: &str,
    comment: &Comment,
    verdict: &Verdict,
    recorded: Result<Option<Sanction>, RecordError>,
    in_force: Option<Sanction>,
) -> String {
    let author = match &comment.author {
        Some(author) => match &author.id {
            Some(author_id) => format!("{author_id} {}", author.name),
            None => format!("(no id) {}", author.name),
        },
        None => "(no author)".to_owned(),
    };
    let reasons = if verdict.findings().is_empty() {
        "-".to_owned()
    } else {
        verdict
            .findings()
            .iter()
            .map(|f| format!("{} ({})", f.category(), f.rule()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let sanction = match recorded {
        Err(RecordError::NoAuthor) => "not recorded: no author id".to_owned(),
        Err(err) => format!("not recorded: {err}"),
        Ok(fired) => match (fired, fired.max(in_force)) {
            (_, None) => "-".to_owned(),
            (Some(new), Some(shown)) if new == shown => format!("{shown} (new)"),
            (Some(new), Some(shown)) => format!("{shown} ({new} new)"),
            (None, Some(shown)) => shown.to_string(),
        },
    };
    format!(
        "{id:<4} {:<8} {author:<20}  {sanction:<27}  {reasons}",
        verdict.decision().as_str()
    )
}
