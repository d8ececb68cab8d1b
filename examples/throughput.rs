//! Throughput of galateo beside a peer filter, measured in one process on one corpus.
//!
//! ```text
//! cargo run --release --example throughput -- [--n N]
//! ```
//!
//! Generates N comments (default 50,000, fixed seed) with the benchmarks' generator
//! (`benches/support/corpus.rs`), checks galateo's known answers on them, then times, after a
//! warm-up pass and as the best of 3 runs (5 for the short ones): galateo's classifier on one
//! thread with the default preset; `rustrict`'s `is_inappropriate` on the same comments, and
//! the ratio of the two; galateo on 64 KiB of clean prose; one `Moderator` shared by two
//! threads, each classifying half the corpus; and `Moderator::new`: the process's first
//! (which compiles the shipped lexicons and rules), then for each preset compiled on the
//! shipped data the first one compiled, and shared with a live one. It ends with how many
//! comments of each class each filter flagged, since a fast filter that flags nothing is no
//! bargain. `rustrict` is an English filter: on Italian its counts say what it was built for,
//! not how well it does its own job; the speed comparison is the point. MB are 10^6 bytes.
//! Exit status: 0, or 1 when galateo gives a wrong known answer, 2 on a bad argument.

use std::hint::black_box;
use std::process::ExitCode;
use std::thread;
use std::time::{Duration, Instant};

#[path = "../benches/support/corpus.rs"]
mod corpus;

use galateo::{Moderator, Policy};
use rustrict::CensorStr;

/// The corpus seed, the benchmarks' own.
const SEED: u64 = 0x6A1A_7E00;
/// Comments generated when `--n` is not given.
const DEFAULT_N: usize = 50_000;
/// Timed runs of each corpus pass; the best counts.
const RUNS: usize = 3;
/// Timed runs of the short measurements.
const SHORT_RUNS: usize = 5;

fn main() -> ExitCode {
    let n = match parse_n(std::env::args().skip(1)) {
        Ok(n) => n,
        Err(message) => {
            eprintln!("throughput: {message}\nusage: throughput [--n N]");
            return ExitCode::from(2);
        }
    };
    match run(n) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("throughput: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse_n(mut args: impl Iterator<Item = String>) -> Result<usize, String> {
    let mut n = DEFAULT_N;
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "--n" => args.next().ok_or("--n needs a number")?,
            other => match other.strip_prefix("--n=") {
                Some(value) => value.to_owned(),
                None => return Err(format!("unknown argument `{other}`")),
            },
        };
        n = value
            .replace('_', "")
            .parse()
            .map_err(|_| format!("`{value}` is not a number"))?;
        if n < 2 {
            return Err("--n must be at least 2".to_owned());
        }
    }
    Ok(n)
}

fn run(n: usize) -> Result<(), String> {
    let preset = Policy::default_preset();
    let policy = Policy::preset(preset).map_err(|e| e.to_string())?;
    // The process's first moderator also compiles the shipped lexicons and rules, which every
    // later one reuses: timed once, here, before anything else has compiled them.
    let started = Instant::now();
    let moderator = Moderator::new(policy);
    let first = started.elapsed();
    corpus::known_answers(&moderator)?;

    let labelled = corpus::labelled(n, SEED);
    let texts: Vec<String> = labelled.iter().map(|(text, _)| text.clone()).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let long = corpus::long_clean(64 << 10, 1);
    let cores = thread::available_parallelism().map_or(1, |c| c.get());
    println!(
        "corpus: {n} comments, {:.2} MB, mean {:.1} bytes, seed {SEED:#x}; {cores} cores",
        bytes as f64 / 1e6,
        corpus::mean_len(&texts)
    );

    // Flag counts first, per class, for the table at the end: they are also the warm-up pass
    // of both filters over the corpus.
    let galateo = corpus::tally(&labelled, |t| corpus::flags(&moderator, t));
    corpus::plausible(&galateo, n)?;
    let peer = corpus::tally(&labelled, |t| t.is_inappropriate());

    let one = best(RUNS, false, || count(&moderator, &texts), galateo.flagged)?;
    let other = best(
        RUNS,
        false,
        || texts.iter().filter(|t| t.is_inappropriate()).count(),
        peer.flagged,
    )?;
    let (left, right) = texts.split_at(n / 2);
    let two = best(
        RUNS,
        false,
        || {
            thread::scope(|s| {
                let halves = [left, right].map(|half| {
                    let moderator = moderator.clone();
                    s.spawn(move || count(&moderator, half))
                });
                halves.into_iter().map(|h| h.join().unwrap_or(0)).sum()
            })
        },
        galateo.flagged,
    )?;
    let clean = best(
        SHORT_RUNS,
        true,
        || usize::from(corpus::flags(&moderator, &long)),
        0,
    )?;

    println!();
    println!(
        "{:<40} {:>10} {:>12} {:>8}",
        "", "best", "comments/s", "MB/s"
    );
    let row = |name: &str, time: Duration, items: Option<usize>, bytes: usize| {
        let secs = time.as_secs_f64();
        let rate = items.map_or("-".to_owned(), |n| format!("{:.0}", n as f64 / secs));
        println!(
            "{name:<40} {:>8.1}ms {rate:>12} {:>8.2}",
            secs * 1e3,
            bytes as f64 / 1e6 / secs
        );
    };
    row(&format!("galateo classify, {preset}"), one, Some(n), bytes);
    row("rustrict is_inappropriate", other, Some(n), bytes);
    row(
        "galateo classify, 2 threads, 1 Moderator",
        two,
        Some(n),
        bytes,
    );
    row(
        "galateo classify, 64 KiB clean prose",
        clean,
        None,
        long.len(),
    );
    println!(
        "galateo / rustrict, one thread: {:.2}x the comments per second",
        other.as_secs_f64() / one.as_secs_f64()
    );
    println!(
        "2 threads / 1 thread: {:.2}x",
        one.as_secs_f64() / two.as_secs_f64()
    );

    // No moderator may be alive for a fresh build: one of an equal policy would be shared.
    drop(moderator);
    println!();
    println!(
        "Moderator::new({preset}), first in the process: {:.1} ms (shipped lexicons and rules compiled)",
        first.as_secs_f64() * 1e3
    );
    for &id in Policy::presets() {
        let policy = Policy::preset(id).map_err(|e| e.to_string())?;
        let build = || usize::from(!Moderator::new(policy.clone()).policy().meta().id.is_empty());
        let cold = best(SHORT_RUNS, true, build, 1)?;
        let live = Moderator::new(policy.clone());
        let shared = best(SHORT_RUNS, true, build, 1)?;
        drop(live);
        println!(
            "Moderator::new({id}): {:.1} ms compiled on the shipped data, {:.3} ms while one is alive (shared)",
            cold.as_secs_f64() * 1e3,
            shared.as_secs_f64() * 1e3
        );
    }

    println!();
    println!("flagged per class    comments   galateo  rustrict");
    for (index, class) in corpus::Class::ALL.iter().enumerate() {
        let (count, ours) = galateo.per_class.get(index).copied().unwrap_or_default();
        let theirs = peer.per_class.get(index).map_or(0, |c| c.1);
        let expect = match class.expect() {
            corpus::Expect::Publish => "publish",
            corpus::Expect::Flag => "flag",
        };
        println!(
            "{:<10} ({expect:<7}) {count:>9} {ours:>9} {theirs:>9}",
            class.name()
        );
    }
    println!(
        "{:<20} {n:>9} {:>9} {:>9}",
        "all", galateo.flagged, peer.flagged
    );
    println!(
        "as labelled          {:>9} {:>9} {:>9}",
        "", galateo.agree, peer.agree
    );
    Ok(())
}

/// How many of `texts` galateo flags.
fn count(moderator: &Moderator, texts: &[String]) -> usize {
    texts
        .iter()
        .filter(|t| corpus::flags(moderator, black_box(t)))
        .count()
}

/// The shortest of `runs` timed runs of `f`, after a warm-up run when `warm_up`; each run
/// must return `expect`, so nothing is timed that gave a different answer.
fn best(
    runs: usize,
    warm_up: bool,
    mut f: impl FnMut() -> usize,
    expect: usize,
) -> Result<Duration, String> {
    let mut best = Duration::MAX;
    for run in usize::from(!warm_up)..=runs {
        let start = Instant::now();
        let got = black_box(f());
        let time = start.elapsed();
        if got != expect {
            return Err(format!("a timed run gave {got}, not {expect}"));
        }
        if run > 0 {
            best = best.min(time);
        }
    }
    Ok(best)
}
