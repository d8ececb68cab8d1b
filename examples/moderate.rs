//! Moderates JSON Lines: one comment in, one verdict out, in order.
//!
//! ```text
//! cargo run --release --example moderate -- [--policy PRESET|FILE.toml] [--at RFC3339] [FILE.jsonl|-]
//! ```
//!
//! Reads FILE, or standard input when FILE is `-` or absent and input is piped or redirected
//! from a file; run from a terminal (or with input from `/dev/null`) with no FILE, it
//! moderates the bundled sample with the default preset.
//! A line that is not valid JSON, or lacks `text`, gives `{"line": N, "error": "…"}` in its
//! place (a blank line too: every input line gets its output line); the rest is still
//! processed and the exit status is 1. Lines sharing an `author.id` share one escalation
//! ledger, and one tracker for the run finds an author's repeats in a `thread` (the post's id
//! or title when the line gives none), near-duplicates and texts pasted by several authors.

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

use galateo::{Comment, Finding, Ledger, Moderator, Policy, Tracker, Verdict};
use jiff::Timestamp;
use serde_json::{Value, json};

const SAMPLE: &str = include_str!("data/comments.jsonl");

const HELP: &str = "\
usage: moderate [--policy PRESET|FILE.toml] [--at RFC3339] [FILE.jsonl|-]

Moderates JSON Lines: one comment in ({\"text\": …, \"author\": {\"id\", \"name\"}, \"at\", \"post\",
\"thread\"}), one verdict out, in order. Lines share an escalation ledger per author and one
tracker of repeats, duplicates and campaigns. With no FILE and no piped input, moderates the
bundled sample.

  --policy PRESET|FILE.toml  a preset (comune-livorno, conferenza-stato-citta) or a policy file;
                             default: comune-livorno
  --at RFC3339               the instant for lines that carry none (default: now)
  -h, --help                 this help

Exit status: 0 all lines moderated, 1 some line was not a comment, 2 bad arguments or policy.";

struct Args {
    help: bool,
    policy: Option<String>,
    at: Option<Timestamp>,
    input: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        help: false,
        policy: None,
        at: None,
        input: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--policy" => {
                args.policy = Some(it.next().ok_or("`--policy` needs a preset or a file")?)
            }
            "--at" => {
                let value = it.next().ok_or("`--at` needs an RFC 3339 instant")?;
                let at = value
                    .parse::<Timestamp>()
                    .map_err(|e| format!("`--at`: `{value}` is not an RFC 3339 instant: {e}"))?;
                args.at = Some(at);
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
        Some(spec) if spec.ends_with(".toml") || std::path::Path::new(spec).exists() => {
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
/// `/dev/null` (what non-interactive runners give), mean no input: show the bundled sample.
#[cfg(unix)]
fn stdin_has_input() -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::FileTypeExt;
    let Ok(fd) = io::stdin().as_fd().try_clone_to_owned() else {
        return false;
    };
    match std::fs::File::from(fd).metadata() {
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

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("moderate: {message}\n\n{HELP}");
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
            eprintln!("moderate: {}", chain(&err));
            return ExitCode::from(2);
        }
    };
    let input: Box<dyn Read> = match args.input.as_deref() {
        Some("-") => Box::new(io::stdin()),
        None if stdin_has_input() => Box::new(io::stdin()),
        None => Box::new(SAMPLE.as_bytes()),
        Some(path) => match std::fs::File::open(path) {
            Ok(file) => Box::new(file),
            Err(err) => {
                eprintln!("moderate: cannot read `{path}`: {err}");
                return ExitCode::from(2);
            }
        },
    };
    // Warnings do not stop the run, but a policy writer wants to see them.
    for warning in policy.warnings() {
        eprintln!("moderate: warning: {warning}");
    }
    let moderator = Moderator::new(policy);
    // The library never reads the clock; this program may, for lines with no instant.
    let default_at = args.at.unwrap_or_else(Timestamp::now);
    match run(
        &moderator,
        io::BufReader::with_capacity(1 << 16, input),
        default_at,
    ) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            eprintln!("moderate: {err}");
            ExitCode::from(2)
        }
    }
}

/// The longest input line read; a longer one is an error record, read past without keeping it.
const MAX_LINE: usize = 8 << 20;

/// Reads the next line (without its `\n`) into `line`, keeping at most `MAX_LINE` bytes;
/// returns `None` at the end of input and `Some(total)` with the line's full length.
fn next_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<Option<usize>> {
    line.clear();
    let mut total = 0usize;
    let mut any = false;
    loop {
        let buf = match input.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(any.then_some(total));
        }
        any = true;
        let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (buf.get(..i).unwrap_or(buf), Some(i + 1)),
            None => (buf, None),
        };
        total += chunk.len();
        let room = (MAX_LINE + 1).saturating_sub(line.len());
        line.extend_from_slice(chunk.get(..chunk.len().min(room)).unwrap_or(chunk));
        let used = done.unwrap_or(buf.len());
        input.consume(used);
        if done.is_some() {
            return Ok(Some(total));
        }
    }
}

/// Processes every line; returns whether all of them were valid.
///
/// Output is flushed whenever the next line is not already read, so a consumer on a pipe sees
/// each verdict as soon as its input has been read, while a file is written in large blocks.
fn run(
    moderator: &Moderator,
    mut input: io::BufReader<Box<dyn Read>>,
    default_at: Timestamp,
) -> io::Result<bool> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut ledger: Ledger = moderator.ledger();
    let mut tracker = Tracker::new();
    let mut all_ok = true;
    let mut line = Vec::new();
    let mut number = 0usize;
    while let Some(total) = next_line(&mut input, &mut line)? {
        number += 1;
        // A byte-order mark may open the input (editors on Windows write one).
        let mut bytes = line.as_slice();
        if number == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        // CRLF line endings: the `\r` is not part of the line.
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        let record = if total > MAX_LINE {
            Err(format!(
                "line is {total} bytes, longer than the {MAX_LINE} this program reads"
            ))
        } else {
            match std::str::from_utf8(bytes) {
                Err(e) => Err(format!(
                    "line is not valid UTF-8 (at byte {})",
                    e.valid_up_to()
                )),
                Ok(text) if text.trim().is_empty() => {
                    Err("empty line: expected a JSON object".to_owned())
                }
                Ok(text) => moderate_line(moderator, &mut ledger, &mut tracker, text, default_at),
            }
        };
        let record = record.unwrap_or_else(|error| {
            all_ok = false;
            json!({ "line": number, "error": error })
        });
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
        if input.buffer().is_empty() {
            out.flush()?;
        }
    }
    out.flush()?;
    Ok(all_ok)
}

fn moderate_line(
    moderator: &Moderator,
    ledger: &mut Ledger,
    tracker: &mut Tracker,
    line: &str,
    default_at: Timestamp,
) -> Result<Value, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    match value.get("text") {
        Some(Value::String(_)) => {}
        Some(_) => return Err("`text` must be a string".to_owned()),
        None => return Err("missing `text`".to_owned()),
    }
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    let mut comment: Comment =
        serde_json::from_value(value).map_err(|e| format!("invalid comment: {e}"))?;
    comment.at.get_or_insert(default_at);
    let verdict = moderator.moderate_tracked(&comment, tracker);
    // A comment without an author id is moderated all the same; it just has no record.
    let sanction = match ledger.record_comment(&comment, &verdict) {
        Ok(fired) => {
            let author = comment.author_id();
            let in_force = author
                .zip(comment.at)
                .and_then(|(a, at)| ledger.sanction(a, at));
            fired.max(in_force)
        }
        Err(_) => None,
    };
    Ok(render(moderator, &id, &verdict, sanction))
}

/// One finding as the contract writes it; cancelled ones add why and by what.
fn finding(f: &Finding, cancelled: bool) -> Value {
    let mut out = json!({
        "kind": f.kind().as_str(),
        "category": f.category(),
        "rule": f.rule(),
        "start": f.span().start,
        "end": f.span().end,
        "excerpt": f.excerpt(),
        "clause": f.clause(),
        "severity": f.severity().as_str(),
        "ground": f.ground().map(|g| g.as_str()),
        "label": f.label(),
    });
    if cancelled && let Value::Object(map) = &mut out {
        map.insert("reason".into(), json!(f.reason()));
        map.insert("protected_by".into(), json!(f.protected_by()));
    }
    out
}

fn render(
    moderator: &Moderator,
    id: &Value,
    verdict: &Verdict,
    sanction: Option<galateo::Sanction>,
) -> Value {
    let findings: Vec<Value> = verdict
        .findings()
        .iter()
        .map(|f| finding(f, false))
        .collect();
    let cancelled: Vec<Value> = verdict
        .cancelled()
        .iter()
        .map(|f| finding(f, true))
        .collect();
    let schedule = moderator.policy().schedule();
    let review_by = verdict.review_by().map(|t| {
        schedule
            .local(t)
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    });
    json!({
        "id": id,
        "decision": verdict.decision().as_str(),
        "findings": findings,
        "redacted": verdict.redacted(),
        "reply": verdict.reply(),
        "staffed": verdict.is_staffed().unwrap_or(true),
        "review_by": review_by,
        "sanction": sanction.map(|s| s.as_str()),
        "policy": {"id": verdict.policy_id(), "version": verdict.policy_version()},
        "cancelled": cancelled,
    })
}
