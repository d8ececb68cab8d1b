//! Measures galateo against labelled comments at the decision level, as a page manager lives it.
//!
//! ```text
//! cargo run --release --example evaluate -- [--policy PRESET|FILE.toml] [--at RFC3339] [--json] [--errors N] FILE.jsonl
//! ```
//!
//! FILE holds one object a line:
//! `{"id", "text", "lang", "dataset", "label", "positive"}`, where `positive` is true when the
//! dataset's label says the text is abusive (or spam) in that dataset's sense. Each text is
//! moderated as a comment with no author, and no instant unless `--at` gives one (it matters
//! only to a policy that hides reviews outside staffed hours); `label` is not read.
//!
//! A comment is *flagged* when its decision is `review` or graver, and *auto-actioned* when
//! it is `hide` or graver. For each dataset, and for both levels, the program prints the
//! confusion counts (TP FP FN TN), precision, recall, F1 and the false-positive rate
//! (FP / negatives). Then come the Italian macro-F1 of the flagged level over the
//! Italian datasets present (ami, haspeede-fb, haspeede3, hodi, pejorativity), and a view per
//! finding kind: for each kind and language, on how many comments the kind fired and how many
//! of those were positive (the kind's precision; a negative may still be vulgar, so read it as
//! "how often this kind agrees with the dataset's label").
//!
//! * `--policy`: a preset name or a policy file (default: the default preset);
//! * `--at`: the instant every comment is given, e.g. `2026-03-07T23:00:00+01:00`;
//! * `--json`: the same figures as one JSON object, unrounded, instead of the tables;
//! * `--errors N`: also the first N false positives and N false negatives (flagged level) of
//!   each dataset with their text, decision and findings (kind, rule, excerpt), for diagnosis.
//!   The texts are the dataset's, under its licence: research datasets are often licensed for
//!   measurement only.
//!
//! Exit status: 0 when the figures are printed, 2 on a bad argument, policy or input file.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use galateo::{Comment, Decision, Kind, Moderator, Policy, Verdict};
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::{Value, json};

const USAGE: &str = "usage: evaluate [--policy PRESET|FILE.toml] [--at RFC3339] [--json] \
                     [--errors N] FILE.jsonl";

/// The Italian datasets whose flagged F1 are averaged into the macro-F1.
const ITALIAN: [&str; 5] = ["ami", "haspeede-fb", "haspeede3", "hodi", "pejorativity"];

/// One labelled line. `label` is the dataset's own label, summed up by `positive`.
#[derive(Deserialize)]
struct Row {
    id: String,
    text: String,
    lang: String,
    dataset: String,
    positive: bool,
}

struct Args {
    policy: Option<String>,
    at: Option<Timestamp>,
    json: bool,
    errors: usize,
    input: String,
}

/// Why the program stops before printing figures.
enum Failure {
    /// `--help`: the usage, and success.
    Help,
    /// A bad command line: the message, then the usage.
    Usage(String),
    /// Anything else: a policy, a file or a line that cannot be used.
    Input(String),
}

fn parse_args() -> Result<Args, Failure> {
    let usage = |message: String| Failure::Usage(message);
    let mut args = Args {
        policy: None,
        at: None,
        json: false,
        errors: 0,
        input: String::new(),
    };
    let mut input = None;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--policy" => {
                let spec = it.next().ok_or_else(|| {
                    usage("`--policy` needs a preset or a policy file".to_owned())
                })?;
                args.policy = Some(spec);
            }
            "--at" => {
                let value = it
                    .next()
                    .ok_or_else(|| usage("`--at` needs an RFC 3339 instant".to_owned()))?;
                let at = value.parse::<Timestamp>().map_err(|e| {
                    usage(format!("`--at`: `{value}` is not an RFC 3339 instant: {e}"))
                })?;
                args.at = Some(at);
            }
            "--json" => args.json = true,
            "--errors" => {
                let value = it
                    .next()
                    .ok_or_else(|| usage("`--errors` needs a number".to_owned()))?;
                args.errors = value.parse().map_err(|_| {
                    usage(format!(
                        "`--errors`: `{value}` is not a non-negative number"
                    ))
                })?;
            }
            "-h" | "--help" => return Err(Failure::Help),
            other if other.starts_with("--") => {
                return Err(usage(format!("unknown option `{other}`")));
            }
            other => {
                if input.replace(other.to_owned()).is_some() {
                    return Err(usage("give at most one input file".to_owned()));
                }
            }
        }
    }
    args.input = match input {
        Some(path) => path,
        None => {
            return Err(usage(
                "give a labelled JSON Lines file: one {\"text\", \"dataset\", \"positive\"} a line"
                    .to_owned(),
            ));
        }
    };
    Ok(args)
}

/// A preset by name, or a policy file; the same rules as the `moderate` example.
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

fn read_rows(path: &str) -> Result<Vec<Row>, Failure> {
    let file = std::fs::File::open(path)
        .map_err(|e| Failure::Input(format!("cannot read `{path}`: {e}")))?;
    let mut rows = Vec::new();
    for (index, line) in io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| Failure::Input(format!("cannot read `{path}`: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        // A skipped line would change every figure: stop instead.
        let row = serde_json::from_str(&line)
            .map_err(|e| Failure::Input(format!("`{path}` line {}: {e}", index + 1)))?;
        rows.push(row);
    }
    Ok(rows)
}

/// Confusion counts at one operating point.
#[derive(Clone, Copy, Default)]
struct Confusion {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Confusion {
    fn add(&mut self, predicted: bool, positive: bool) {
        match (predicted, positive) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// The share of negatives predicted positive.
    fn fpr(&self) -> f64 {
        ratio(self.fp, self.fp + self.tn)
    }

    fn to_json(self) -> Value {
        json!({
            "tp": self.tp, "fp": self.fp, "fn": self.fn_, "tn": self.tn,
            "P": self.precision(), "R": self.recall(), "F1": self.f1(), "FPR": self.fpr(),
        })
    }
}

/// `a / b`, or 0 when there is nothing to divide.
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// One dataset's figures, and the errors kept for `--errors`.
#[derive(Default)]
struct Tally {
    n: usize,
    positives: usize,
    flagged: Confusion,
    auto: Confusion,
    false_positives: Vec<usize>,
    false_negatives: Vec<usize>,
}

/// How often one finding kind fired in one language, and how often on a positive.
#[derive(Clone, Copy, Default)]
struct Fired {
    comments: usize,
    positive: usize,
}

struct Report {
    datasets: BTreeMap<String, Tally>,
    /// By kind, then language.
    kinds: BTreeMap<Kind, BTreeMap<String, Fired>>,
    italian_macro_f1: Option<(usize, f64)>,
}

fn tally(rows: &[Row], verdicts: &[Verdict], keep: usize) -> Report {
    let mut datasets: BTreeMap<String, Tally> = BTreeMap::new();
    let mut kinds: BTreeMap<Kind, BTreeMap<String, Fired>> = BTreeMap::new();
    for (index, (row, verdict)) in rows.iter().zip(verdicts).enumerate() {
        let flagged = verdict.decision() >= Decision::Review;
        let auto = verdict.decision() >= Decision::Hide;
        let t = datasets.entry(row.dataset.clone()).or_default();
        t.n += 1;
        t.positives += usize::from(row.positive);
        t.flagged.add(flagged, row.positive);
        t.auto.add(auto, row.positive);
        let errors = match (flagged, row.positive) {
            (true, false) => Some(&mut t.false_positives),
            (false, true) => Some(&mut t.false_negatives),
            _ => None,
        };
        if let Some(errors) = errors.filter(|e| e.len() < keep) {
            errors.push(index);
        }
        let mut seen: Vec<Kind> = verdict.findings().iter().map(|f| f.kind()).collect();
        seen.sort();
        seen.dedup();
        for kind in seen {
            let fired = kinds
                .entry(kind)
                .or_default()
                .entry(row.lang.clone())
                .or_default();
            fired.comments += 1;
            fired.positive += usize::from(row.positive);
        }
    }
    let italian: Vec<f64> = ITALIAN
        .iter()
        .filter_map(|d| datasets.get(*d))
        .map(|t| t.flagged.f1())
        .collect();
    let italian_macro_f1 = (!italian.is_empty()).then(|| {
        (
            italian.len(),
            italian.iter().sum::<f64>() / italian.len() as f64,
        )
    });
    Report {
        datasets,
        kinds,
        italian_macro_f1,
    }
}

fn print_tables(
    out: &mut impl Write,
    report: &Report,
    rows: &[Row],
    verdicts: &[Verdict],
) -> io::Result<()> {
    writeln!(
        out,
        "{:<14} {:>6} {:>6}  {:<7} {:>6} {:>6} {:>6} {:>6}  {:>6} {:>6} {:>6} {:>6}",
        "dataset", "n", "pos", "level", "TP", "FP", "FN", "TN", "P", "R", "F1", "FPR"
    )?;
    for (name, t) in &report.datasets {
        for (level, c) in [("flagged", &t.flagged), ("auto", &t.auto)] {
            let (name, n, pos) = if level == "flagged" {
                (name.as_str(), t.n.to_string(), t.positives.to_string())
            } else {
                ("", String::new(), String::new())
            };
            writeln!(
                out,
                "{name:<14} {n:>6} {pos:>6}  {level:<7} {:>6} {:>6} {:>6} {:>6}  {:>6.3} {:>6.3} {:>6.3} {:>6.3}",
                c.tp,
                c.fp,
                c.fn_,
                c.tn,
                c.precision(),
                c.recall(),
                c.f1(),
                c.fpr()
            )?;
        }
    }
    match report.italian_macro_f1 {
        Some((sets, f1)) => writeln!(out, "\nItalian macro-F1 (flagged, {sets} sets): {f1:.3}")?,
        None => writeln!(out, "\nItalian macro-F1 (flagged): no Italian dataset")?,
    }

    writeln!(
        out,
        "\n{:<20} {:<4} {:>8} {:>8} {:>9}",
        "finding kind", "lang", "fired", "positive", "precision"
    )?;
    for (kind, langs) in &report.kinds {
        let mut name = kind.as_str();
        for (lang, fired) in langs {
            writeln!(
                out,
                "{name:<20} {lang:<4} {:>8} {:>8} {:>9.3}",
                fired.comments,
                fired.positive,
                ratio(fired.positive, fired.comments)
            )?;
            name = "";
        }
    }

    for (name, t) in &report.datasets {
        for (what, indices) in [
            ("false positives", &t.false_positives),
            ("false negatives", &t.false_negatives),
        ] {
            if indices.is_empty() {
                continue;
            }
            writeln!(out, "\n{name}: {what} (flagged)")?;
            for &index in indices {
                let (Some(row), Some(verdict)) = (rows.get(index), verdicts.get(index)) else {
                    continue;
                };
                writeln!(
                    out,
                    "  {} [{}] {}",
                    row.id,
                    verdict.decision(),
                    one_line(&row.text)
                )?;
                for f in verdict.findings() {
                    writeln!(
                        out,
                        "      {} {} `{}` → {}",
                        f.kind(),
                        f.rule(),
                        one_line(f.excerpt()),
                        f.decision()
                    )?;
                }
                for f in verdict.cancelled() {
                    writeln!(
                        out,
                        "      (cancelled: {}) {} {} `{}`",
                        f.protected_by().or(f.reason()).unwrap_or("?"),
                        f.kind(),
                        f.rule(),
                        one_line(f.excerpt())
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// The text on one terminal line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn findings_json(verdict: &Verdict) -> Value {
    let findings: Vec<Value> = verdict
        .findings()
        .iter()
        .map(|f| json!({ "kind": f.kind().as_str(), "rule": f.rule(), "excerpt": f.excerpt() }))
        .collect();
    Value::Array(findings)
}

fn report_json(
    report: &Report,
    rows: &[Row],
    verdicts: &[Verdict],
    policy: &Policy,
    elapsed: Duration,
    with_errors: bool,
) -> Value {
    let datasets: serde_json::Map<String, Value> = report
        .datasets
        .iter()
        .map(|(name, t)| {
            let value = json!({
                "n": t.n,
                "positives": t.positives,
                "flagged": t.flagged.to_json(),
                "auto": t.auto.to_json(),
            });
            (name.clone(), value)
        })
        .collect();
    let kinds: serde_json::Map<String, Value> = report
        .kinds
        .iter()
        .map(|(kind, langs)| {
            let langs: serde_json::Map<String, Value> = langs
                .iter()
                .map(|(lang, f)| {
                    let value = json!({
                        "fired": f.comments,
                        "positive": f.positive,
                        "precision": ratio(f.positive, f.comments),
                    });
                    (lang.clone(), value)
                })
                .collect();
            (kind.as_str().to_owned(), Value::Object(langs))
        })
        .collect();
    let mut value = json!({
        "policy": { "id": policy.meta().id, "version": policy.meta().version },
        "comments": rows.len(),
        "seconds": elapsed.as_secs_f64(),
        "datasets": datasets,
        "italian_macro_f1": report.italian_macro_f1.map(|(_, f1)| f1),
        "kinds": kinds,
    });
    if !with_errors {
        return value;
    }
    let errors: serde_json::Map<String, Value> = report
        .datasets
        .iter()
        .map(|(name, t)| {
            let list = |indices: &[usize]| -> Vec<Value> {
                indices
                    .iter()
                    .filter_map(|&i| Some((rows.get(i)?, verdicts.get(i)?)))
                    .map(|(row, verdict)| {
                        json!({
                            "id": row.id,
                            "text": row.text,
                            "decision": verdict.decision().as_str(),
                            "findings": findings_json(verdict),
                        })
                    })
                    .collect()
            };
            let value = json!({
                "false_positives": list(&t.false_positives),
                "false_negatives": list(&t.false_negatives),
            });
            (name.clone(), value)
        })
        .collect();
    if let Some(object) = value.as_object_mut() {
        object.insert("errors".to_owned(), Value::Object(errors));
    }
    value
}

fn run(args: &Args) -> Result<(), Failure> {
    let policy = load_policy(args.policy.as_deref()).map_err(|e| {
        let reason = std::error::Error::source(&e).map(|s| format!(": {s}"));
        Failure::Input(format!("{e}{}", reason.unwrap_or_default()))
    })?;
    let rows = read_rows(&args.input)?;
    let moderator = Moderator::new(policy);
    let started = Instant::now();
    let verdicts: Vec<Verdict> = rows
        .iter()
        .map(|row| {
            let comment = Comment::new(row.text.as_str());
            let comment = match args.at {
                Some(at) => comment.with_at(at),
                None => comment,
            };
            moderator.moderate(&comment)
        })
        .collect();
    let elapsed = started.elapsed();
    let report = tally(&rows, &verdicts, args.errors);

    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let policy = moderator.policy();
    let written = if args.json {
        let value = report_json(&report, &rows, &verdicts, policy, elapsed, args.errors > 0);
        serde_json::to_writer_pretty(&mut out, &value)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        writeln!(
            out,
            "policy {} {}, {} comments from `{}`\n",
            policy.meta().id,
            policy.meta().version,
            rows.len(),
            args.input
        )
        .and_then(|()| print_tables(&mut out, &report, &rows, &verdicts))
        .and_then(|()| {
            let seconds = elapsed.as_secs_f64();
            writeln!(
                out,
                "\n{} comments in {seconds:.3} s: {:.0} comments/s, {:.1} µs each (one thread)",
                rows.len(),
                rows.len() as f64 / seconds.max(1e-9),
                seconds * 1e6 / rows.len().max(1) as f64
            )
        })
    };
    match written.and_then(|()| out.flush()) {
        // A reader that stops early (`| head`) has what it wanted.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure::Input(format!("cannot write the report: {e}")))
        }
        _ => Ok(()),
    }
}

fn main() -> ExitCode {
    match parse_args().and_then(|args| run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(message)) => {
            eprintln!("evaluate: {message}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Input(message)) => {
            eprintln!("evaluate: {message}");
            ExitCode::from(2)
        }
    }
}
