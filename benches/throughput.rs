//! Throughput per preset: building a moderator, classifying and moderating a generated corpus
//! of 10,000 comments (comments per second), and classifying 64 KiB of clean prose (bytes per
//! second).
//!
//! The corpus comes from `support/corpus.rs`: about two thirds clean comments, the rest abuse
//! of every kind the presets forbid, some of it disguised. Before measuring, each preset's
//! moderator must give the known answers (every clean fragment published, the abusive ones
//! flagged, the corpus flagged in a plausible proportion, the long text published), and the
//! measured loops count what they flag and compare it with that answer, so a broken fast path
//! cannot win.
//!
//! `cargo bench --bench throughput -- --quick`

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::panic,
    missing_docs,
    reason = "a benchmark: indices into its own tables, and a panic is a failed run"
)]

#[path = "support/corpus.rs"]
mod corpus;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use galateo::jiff::Timestamp;
use galateo::{Author, Comment, Decision, Moderator, Policy};

/// Comments in the corpus.
const N: usize = 10_000;
/// The corpus seed: the same comments on every run.
const SEED: u64 = 0x6A1A_7E00;
/// 2025-10-09T08:53:20Z, the first comment's instant; the others follow a few seconds apart.
const FIRST_SECOND: i64 = 1_760_000_000;

/// The corpus wrapped as comments: 144 authors, an instant each.
fn wrapped(texts: &[String]) -> Vec<Comment> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let (id, name) = corpus::author(i % 144);
            let at = Timestamp::from_second(FIRST_SECOND + 7 * i as i64).unwrap();
            Comment::new(text.as_str())
                .with_author(Author::new(id, name))
                .with_at(at)
        })
        .collect()
}

fn throughput(c: &mut Criterion) {
    let labelled = corpus::labelled(N, SEED);
    let texts: Vec<String> = labelled.iter().map(|(text, _)| text.clone()).collect();
    let mean = corpus::mean_len(&texts);
    println!("corpus: {N} comments, mean length {mean:.1} bytes");
    assert!((60.0..=110.0).contains(&mean), "mean length {mean:.1}");
    let comments = wrapped(&texts);
    let long = corpus::long_clean(64 << 10, 1);
    assert!(long.len() > 63 << 10 && long.len() <= 64 << 10);

    // Compiled on the shipped lexicons and rules, which the process's first moderator compiled
    // (the assertion's, below) and every later one reuses: no moderator of the preset is alive,
    // and each is dropped. The first build of a process is timed by `examples/throughput.rs`.
    let mut group = c.benchmark_group("moderator");
    group.sample_size(10);
    for &preset in Policy::presets() {
        let policy = Policy::preset(preset).unwrap();
        assert!(
            Moderator::new(policy.clone())
                .classify("sei un coglione")
                .decision()
                > Decision::Publish
        );
        group.bench_function(format!("new/{preset}"), |b| {
            b.iter(|| Moderator::new(black_box(policy.clone())))
        });
    }
    group.finish();

    let mut moderators = Vec::new();
    for &preset in Policy::presets() {
        let moderator = Moderator::new(Policy::preset(preset).unwrap());
        corpus::known_answers(&moderator).unwrap_or_else(|e| panic!("{preset}: {e}"));
        let tally = corpus::tally(&labelled, |t| corpus::flags(&moderator, t));
        corpus::plausible(&tally, N).unwrap_or_else(|e| panic!("{preset}: {e}"));
        let moderated = comments
            .iter()
            .filter(|c| moderator.moderate(c).decision() > Decision::Publish)
            .count();
        assert!(
            moderated.abs_diff(tally.flagged) * 100 <= N,
            "{preset}: {moderated} moderated flagged, {} classified",
            tally.flagged
        );
        println!(
            "{preset}: {} of {N} classified flagged, {moderated} moderated",
            tally.flagged
        );
        moderators.push((preset, moderator, tally.flagged, moderated));
    }

    // With a moderator of the preset alive, a new one shares its compiled state.
    let mut group = c.benchmark_group("moderator");
    for (preset, moderator, _, _) in &moderators {
        let policy = moderator.policy().clone();
        group.bench_function(format!("new-shared/{preset}"), |b| {
            b.iter(|| Moderator::new(black_box(policy.clone())))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("classify");
    group.sample_size(10);
    group.throughput(Throughput::Elements(N as u64));
    for (preset, moderator, flagged, _) in &moderators {
        group.bench_function(*preset, |b| {
            b.iter(|| {
                let count = texts
                    .iter()
                    .filter(|t| corpus::flags(moderator, black_box(t)))
                    .count();
                assert_eq!(count, *flagged);
                count
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("moderate");
    group.sample_size(10);
    group.throughput(Throughput::Elements(N as u64));
    for (preset, moderator, _, moderated) in &moderators {
        group.bench_function(*preset, |b| {
            b.iter(|| {
                let count = comments
                    .iter()
                    .filter(|c| moderator.moderate(black_box(c)).decision() > Decision::Publish)
                    .count();
                assert_eq!(count, *moderated);
                count
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("clean-64KiB");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(long.len() as u64));
    for (preset, moderator, _, _) in &moderators {
        group.bench_function(*preset, |b| {
            b.iter(|| {
                let verdict = moderator.classify(black_box(&long));
                assert_eq!(verdict.decision(), Decision::Publish);
                verdict
            })
        });
    }
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
