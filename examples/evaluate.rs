//! Measures galateo against labelled comments: precision and recall per dataset.
//!
//! ```text
//! cargo run --release --example evaluate -- [--policy PRESET|FILE.toml] [--show N] [--dataset NAME] [FILE.jsonl]
//! ```
//!
//! FILE (default `../shared/eval/dev.jsonl`) holds one object a line with `text`, `dataset`
//! and `positive` (true when the dataset's label says abusive, or spam). A comment counts as
//! flagged when its verdict has a finding of the kinds the dataset is about: abuse (insult,
//! vulgarity, threat, violence, discrimination) or, for spam datasets, spam and advertising.
//! Two operating points are reported: `any` (any such finding, review included) and `hide+`
//! (the verdict hides or removes). `--show N` prints N missed and N wrongly flagged ids per
//! dataset, with the rules that fired, for looking into the data by hand.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::time::Instant;

use galateo::{Decision, Kind, Moderator, Policy, Verdict};
use serde::Deserialize;

#[derive(Deserialize)]
struct Row {
    id: String,
    text: String,
    dataset: String,
    positive: bool,
}

#[derive(Default)]
struct Counts {
    n: usize,
    positives: usize,
    any: Confusion,
    hide: Confusion,
    missed: Vec<String>,
    wrong: Vec<String>,
}

#[derive(Default)]
struct Confusion {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Confusion {
    fn add(&mut self, flagged: bool, positive: bool) {
        match (flagged, positive) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => {}
        }
    }

    fn scores(&self) -> (f64, f64, f64) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let p = ratio(self.tp, self.tp + self.fp);
        let r = ratio(self.tp, self.tp + self.fn_);
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

const ABUSE: [Kind; 5] = [
    Kind::Insult,
    Kind::Vulgarity,
    Kind::Threat,
    Kind::Violence,
    Kind::Discrimination,
];
const SPAM: [Kind; 2] = [Kind::Spam, Kind::Advertising];

fn relevant(dataset: &str) -> &'static [Kind] {
    if dataset.contains("spam") {
        &SPAM
    } else {
        &ABUSE
    }
}

fn flagged(verdict: &Verdict, kinds: &[Kind]) -> (bool, bool) {
    let any = verdict.findings().iter().any(|f| kinds.contains(&f.kind()));
    let hide = verdict
        .findings()
        .iter()
        .any(|f| kinds.contains(&f.kind()) && f.decision() >= Decision::Hide);
    (any, hide)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut path = "../shared/eval/dev.jsonl".to_owned();
    let mut policy = Policy::default_preset().to_owned();
    let mut show = 0usize;
    let mut only: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--policy" => policy = args.next().ok_or("`--policy` needs a value")?,
            "--show" => show = args.next().ok_or("`--show` needs a number")?.parse()?,
            "--dataset" => only = Some(args.next().ok_or("`--dataset` needs a name")?),
            other => path = other.to_owned(),
        }
    }
    let policy = if policy.ends_with(".toml") {
        Policy::from_path(&policy)?
    } else {
        Policy::preset(&policy)?
    };
    let moderator = Moderator::new(policy);
    let file = std::fs::File::open(&path).map_err(|e| format!("cannot read `{path}`: {e}"))?;
    let mut by_dataset: BTreeMap<String, Counts> = BTreeMap::new();
    let mut rows = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        match serde_json::from_str::<Row>(&line) {
            Ok(row) if only.as_ref().is_none_or(|d| *d == row.dataset) => rows.push(row),
            Ok(_) => {}
            Err(e) => eprintln!("line {}: {e}", i + 1),
        }
    }
    let started = Instant::now();
    let verdicts: Vec<Verdict> = rows.iter().map(|r| moderator.classify(&r.text)).collect();
    let elapsed = started.elapsed();
    for (row, verdict) in rows.iter().zip(&verdicts) {
        let counts = by_dataset.entry(row.dataset.clone()).or_default();
        let (any, hide) = flagged(verdict, relevant(&row.dataset));
        counts.n += 1;
        counts.positives += usize::from(row.positive);
        counts.any.add(any, row.positive);
        counts.hide.add(hide, row.positive);
        let rules = || {
            let rules: Vec<&str> = verdict.findings().iter().map(|f| f.rule()).collect();
            format!("{} [{}]", row.id, rules.join(", "))
        };
        if row.positive && !any && counts.missed.len() < show {
            counts.missed.push(row.id.clone());
        }
        if !row.positive && any && counts.wrong.len() < show {
            counts.wrong.push(rules());
        }
    }
    println!(
        "{:<14} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6}",
        "dataset", "rows", "pos", "P any", "R any", "F1 any", "P hide", "R hide", "F1 hide"
    );
    for (name, c) in &by_dataset {
        let (pa, ra, fa) = c.any.scores();
        let (ph, rh, fh) = c.hide.scores();
        println!(
            "{name:<14} {:>6} {:>6} | {pa:>6.3} {ra:>6.3} {fa:>6.3} | {ph:>6.3} {rh:>6.3} {fh:>6.3}",
            c.n, c.positives
        );
    }
    let total = rows.len().max(1);
    println!(
        "\n{} comments in {:.3} s: {:.0} comments/s, {:.1} µs each (one thread)",
        rows.len(),
        elapsed.as_secs_f64(),
        rows.len() as f64 / elapsed.as_secs_f64().max(1e-9),
        elapsed.as_secs_f64() * 1e6 / total as f64
    );
    if show > 0 {
        for (name, c) in &by_dataset {
            println!("\n{name}: missed {:?}", c.missed);
            println!("{name}: wrongly flagged {:?}", c.wrong);
        }
    }
    Ok(())
}
