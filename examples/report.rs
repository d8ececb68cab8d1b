//! A page manager's report of a day's moderation: what was decided, under which categories,
//! what waits for a person and by when, what was let through and why, and who is sanctioned.
//!
//! ```text
//! cargo run --example report -- [--policy PRESET|FILE.toml] [--date YYYY-MM-DD] [FILE.jsonl|-]
//! cargo run --example report -- --date 2026-10-12
//! ```
//!
//! The input is JSON Lines in the format of the `moderate` example, one comment a line:
//! `{"id", "text", "author": {"id", "name"}, "at", "post"}` (only `text` is required). It is
//! read from FILE, or from standard input when FILE is `-` or when input is piped; run from a
//! terminal with no FILE, the program reports on the bundled `examples/data/stream.jsonl`.
//!
//! With `--date`, the report covers the comments whose `at`, in the policy's time zone, falls
//! on that date (comments without `at` cannot be placed on a date and are left out). Comments
//! of earlier dates are still moderated for the escalation ledger, since strikes outlive the
//! day they were earned; later ones are ignored. Without `--date` it covers every comment.
//! The ledger starts empty and knows only the input's comments; a service would load its saved
//! state first, as the `stream` example does.
//!
//! The report has five parts:
//!
//! * totals per decision;
//! * comments per policy category (the policy's own labels);
//! * the review queue: every comment that a person should look at, sorted by the deadline
//!   ([`galateo::Verdict::review_by`]) in the policy's local time, with each finding's excerpt,
//!   rule and clause;
//! * what was let through: findings that were cancelled, with the reason (an allowed
//!   category's protection, negation, reported speech…) and the allowed category involved;
//! * the authors of those comments who have a sanction in force as of the latest of them.
//!
//! A line that is not a comment is reported on standard error with its line number and the
//! rest is processed; blank lines are skipped. Exit status: 0 when every line was a comment, 1
//! when some line was not, 2 on a bad argument, policy or input file.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufRead, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use galateo::{Comment, Decision, Ledger, Moderator, Policy, Sanction, Verdict};
use jiff::Timestamp;
use jiff::civil::Date;
use serde_json::Value;

const SAMPLE: &str = include_str!("data/stream.jsonl");

const HELP: &str = "\
usage: report [--policy PRESET|FILE.toml] [--date YYYY-MM-DD] [FILE.jsonl|-]

Moderates JSON Lines comments ({\"id\", \"text\", \"author\": {\"id\", \"name\"}, \"at\", \"post\"})
and prints a plain-text report of the decisions. With no FILE and no piped input, reports on
the bundled examples/data/stream.jsonl.

  --policy PRESET|FILE.toml  a preset (comune-livorno, conferenza-stato-citta) or a policy file;
                             default: comune-livorno
  --date YYYY-MM-DD          only comments posted on that date in the policy's time zone
  -h, --help                 this help

Exit status: 0 all lines moderated, 1 some line was not a comment, 2 bad arguments, policy or
input.";

struct Args {
    help: bool,
    policy: Option<String>,
    date: Option<Date>,
    input: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        help: false,
        policy: None,
        date: None,
        input: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--policy" => {
                args.policy = Some(it.next().ok_or("`--policy` needs a preset or a file")?)
            }
            "--date" => {
                let value = it.next().ok_or("`--date` needs a date, YYYY-MM-DD")?;
                let date = value
                    .parse::<Date>()
                    .map_err(|e| format!("`--date`: `{value}` is not a YYYY-MM-DD date: {e}"))?;
                args.date = Some(date);
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

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("report: {message}\n\n{HELP}");
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
            eprintln!("report: {}", chain(&err));
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
                eprintln!("report: cannot read `{path}`: {err}");
                return ExitCode::from(2);
            }
        },
    };
    let (lines, failed) = match read_lines(io::BufReader::new(input)) {
        Ok(read) => read,
        Err(err) => {
            eprintln!("report: {err}");
            return ExitCode::from(2);
        }
    };
    let moderator = Moderator::new(policy);
    let day = moderate_day(&moderator, lines, args.date);
    let text = render(&moderator, &day, args.date);
    let mut stdout = io::stdout().lock();
    if let Err(err) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        eprintln!("report: {err}");
        return ExitCode::from(2);
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// One input comment and its `id` (or `-`).
struct Line {
    id: String,
    comment: Comment,
}

/// Every comment of the input, in order, and how many lines were not comments (each reported
/// on stderr with its number).
fn read_lines(input: impl BufRead) -> io::Result<(Vec<Line>, usize)> {
    let mut lines = Vec::new();
    let mut failed = 0;
    for (index, line) in input.split(b'\n').enumerate() {
        let number = index + 1;
        let line = line?;
        let parsed = match String::from_utf8(line) {
            Ok(text) if text.trim().is_empty() => continue,
            Ok(text) => parse_line(&text),
            Err(_) => Err("not valid UTF-8".to_owned()),
        };
        match parsed {
            Ok(line) => lines.push(line),
            Err(message) => {
                failed += 1;
                eprintln!("report: line {number}: {message}");
            }
        }
    }
    Ok((lines, failed))
}

fn parse_line(line: &str) -> Result<Line, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let id = match value.get("id") {
        Some(Value::String(id)) => id.clone(),
        Some(Value::Null) | None => "-".to_owned(),
        Some(other) => other.to_string(),
    };
    let comment = serde_json::from_value(value).map_err(|e| format!("not a comment: {e}"))?;
    Ok(Line { id, comment })
}

/// The comments reported on, moderated, and the ledger after all of them.
struct Day {
    moderated: Vec<(Line, Verdict)>,
    ledger: Ledger,
    /// Sanctions brought by the reported comments, by author id.
    brought: BTreeMap<String, Sanction>,
    /// Display names by author id, for the sanctions section.
    names: BTreeMap<String, String>,
    /// The latest instant reported on: sanctions are shown as in force then.
    as_of: Option<Timestamp>,
}

fn moderate_day(moderator: &Moderator, mut lines: Vec<Line>, date: Option<Date>) -> Day {
    let schedule = moderator.policy().schedule();
    let date_of = |at: Timestamp| schedule.local(at).date();
    // The ledger takes comments in time order; those without an instant come last.
    lines.sort_by_key(|line| (line.comment.at.is_none(), line.comment.at));
    let mut day = Day {
        moderated: Vec::new(),
        ledger: moderator.ledger(),
        brought: BTreeMap::new(),
        names: BTreeMap::new(),
        as_of: None,
    };
    for line in lines {
        let reported = match (date, line.comment.at) {
            (None, _) => true,
            // No instant, no date: neither reported nor recorded.
            (Some(_), None) => continue,
            (Some(date), Some(at)) if date_of(at) > date => continue,
            (Some(date), Some(at)) => date_of(at) == date,
        };
        let verdict = moderator.moderate(&line.comment);
        // No author id or no instant: moderated all the same, but nothing to record.
        let brought = day
            .ledger
            .record_comment(&line.comment, &verdict)
            .ok()
            .flatten();
        if !reported {
            continue;
        }
        if let Some(author) = &line.comment.author
            && let Some(id) = &author.id
        {
            day.names.insert(id.clone(), author.name.clone());
            if let Some(sanction) = brought {
                let gravest = day.brought.entry(id.clone()).or_insert(sanction);
                *gravest = (*gravest).max(sanction);
            }
        }
        day.as_of = day.as_of.max(line.comment.at);
        day.moderated.push((line, verdict));
    }
    day
}

fn render(moderator: &Moderator, day: &Day, date: Option<Date>) -> String {
    let policy = moderator.policy();
    let meta = policy.meta();
    let schedule = policy.schedule();
    let local = |at: Timestamp| schedule.local(at).strftime("%Y-%m-%d %H:%M").to_string();
    let mut out = String::new();

    // `write!` into a String cannot fail; the results are ignored on purpose.
    let _ = writeln!(out, "Moderation report: {}", meta.institution);
    let _ = writeln!(out, "Policy: {} ({} {})", meta.name, meta.id, meta.version);
    let period = date.map_or_else(|| "all comments".to_owned(), |d| d.to_string());
    let _ = writeln!(out, "Period: {period} (times in {})", schedule.time_zone());
    let _ = writeln!(out, "Comments: {}", day.moderated.len());

    let _ = writeln!(out, "\nDecisions");
    for decision in Decision::ALL {
        let count = day
            .moderated
            .iter()
            .filter(|(_, verdict)| verdict.decision() == decision)
            .count();
        let _ = writeln!(out, "  {:<8} {count:>4}", decision.as_str());
    }

    // A comment counts once per category, however many findings it has in it.
    let mut per_category: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, verdict) in &day.moderated {
        let mut seen: Vec<&str> = verdict.findings().iter().map(|f| f.category()).collect();
        seen.sort_unstable();
        seen.dedup();
        for category in seen {
            *per_category.entry(category).or_default() += 1;
        }
    }
    let _ = writeln!(out, "\nComments per category");
    if per_category.is_empty() {
        let _ = writeln!(out, "  none");
    }
    // In the policy's order, then any id the policy does not list (none, for a valid policy).
    let mut listed: Vec<(&str, usize)> = policy
        .categories()
        .iter()
        .filter_map(|c| per_category.get(c.id.as_str()).map(|&n| (c.id.as_str(), n)))
        .collect();
    listed.extend(
        per_category
            .iter()
            .filter(|(id, _)| policy.category(id).is_none())
            .map(|(&id, &n)| (id, n)),
    );
    for (id, count) in listed {
        let label = policy.category(id).map_or(id, |c| c.label.as_str());
        let _ = writeln!(out, "  {count:>4}  {label} [{id}]");
    }

    let mut queue: Vec<(Timestamp, &Line, &Verdict)> = day
        .moderated
        .iter()
        .filter_map(|(line, verdict)| verdict.review_by().map(|by| (by, line, verdict)))
        .collect();
    queue.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
    let _ = writeln!(out, "\nReview queue ({})", queue.len());
    if queue.is_empty() {
        let _ = writeln!(out, "  empty");
    }
    for (by, line, verdict) in queue {
        let posted = line.comment.at.map_or_else(|| "-".to_owned(), local);
        let _ = writeln!(
            out,
            "  by {}  {:<4} {:<7} {}  (posted {posted})",
            local(by),
            line.id,
            verdict.decision().as_str(),
            author_name(&line.comment),
        );
        for finding in verdict.findings() {
            let _ = writeln!(
                out,
                "      `{}`  rule {}  clause {}",
                finding.excerpt(),
                finding.rule(),
                finding.clause()
            );
        }
    }

    let let_through: Vec<(&Line, &galateo::Finding)> = day
        .moderated
        .iter()
        .flat_map(|(line, verdict)| verdict.cancelled().iter().map(move |f| (line, f)))
        .collect();
    let _ = writeln!(
        out,
        "\nLet through ({} cancelled findings)",
        let_through.len()
    );
    if let_through.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for (line, finding) in let_through {
        let why = match (finding.reason(), finding.protected_by()) {
            (Some(reason), Some(by)) => {
                let label = policy.category(by).map_or(by, |c| c.label.as_str());
                format!("{reason} by {label} [{by}]")
            }
            (Some(reason), None) => reason.to_owned(),
            (None, Some(by)) => format!("protected by [{by}]"),
            (None, None) => "cancelled".to_owned(),
        };
        let _ = writeln!(
            out,
            "  {:<4} {}: `{}` ({}) {why}; rule {}",
            line.id,
            author_name(&line.comment),
            finding.excerpt(),
            finding.kind(),
            finding.rule()
        );
    }

    // Authors of the reported comments whose sanction is in force at the latest of them.
    let sanctioned: Vec<(&String, Sanction, u32)> = match day.as_of {
        Some(as_of) => day
            .names
            .keys()
            .filter_map(|id| {
                let sanction = day.ledger.sanction(id, as_of)?;
                Some((id, sanction, day.ledger.strikes(id, as_of)))
            })
            .collect(),
        None => Vec::new(),
    };
    let as_of = day.as_of.map_or_else(|| "-".to_owned(), local);
    let _ = writeln!(
        out,
        "\nSanctions in force as of {as_of} ({})",
        sanctioned.len()
    );
    if sanctioned.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for (id, sanction, strikes) in sanctioned {
        let name = day.names.get(id).map_or("", String::as_str);
        let brought = match day.brought.get(id) {
            Some(new) => format!(", brought this period: {new}"),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "  {id:<6} {name:<20} {:<18} {strikes} strikes{brought}",
            sanction.as_str()
        );
    }
    out
}

fn author_name(comment: &Comment) -> &str {
    comment
        .author
        .as_ref()
        .map_or("(no author)", |a| a.name.as_str())
}
