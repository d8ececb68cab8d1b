//! Classification takes time linear in the length of the text, whatever the text is.
//!
//! Each input is generated at 64 KiB, 256 KiB and 1 MiB: random Unicode, one word repeated,
//! distinct words, stacks of combining marks, letters split by spaces or zero-width characters,
//! digits, `@` and `.` mixtures, link fragments, emoji, bidi overrides. Criterion measures each
//! (group `linear`, throughput in bytes); then, since a benchmark cannot fail, the binary times
//! every input itself (the best of a few runs), prints the time per byte at each size and
//! panics when the time per byte at 1 MiB is more than twice that at 64 KiB.
//!
//! `cargo bench --bench linear -- --warm-up-time 1 --measurement-time 3`

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::panic,
    missing_docs,
    reason = "a benchmark: indices into its own tables, and a panic is a failed run"
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use galateo::{Moderator, Policy};

const KIB: usize = 1 << 10;
const SIZES: [usize; 3] = [64 * KIB, 256 * KIB, 1024 * KIB];

/// How much slower per byte the largest size may be than the smallest.
const MAX_RATIO: f64 = 2.0;
/// Below this time at the largest size, a ratio is noise, not growth.
const FLOOR: Duration = Duration::from_millis(20);

/// A small xorshift generator: the same text on every machine and run.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self, bound: u32) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % u64::from(bound)) as u32
    }
}

/// `unit` repeated to `size` bytes (cut on a character boundary).
fn repeat(unit: &str, size: usize) -> String {
    let mut text = unit.repeat(size / unit.len() + 1);
    truncate(&mut text, size);
    text
}

/// `prefix`, then `unit` repeated to `size` bytes.
fn prefixed(prefix: &str, unit: &str, size: usize) -> String {
    let mut text = String::from(prefix);
    text.push_str(&unit.repeat((size - prefix.len()) / unit.len() + 1));
    truncate(&mut text, size);
    text
}

fn truncate(text: &mut String, size: usize) {
    let mut end = size.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
}

/// Code points from every part of Unicode, weighted towards letters, marks and controls.
fn random_unicode(size: usize) -> String {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut text = String::with_capacity(size + 4);
    while text.len() < size {
        let c = match rng.next(8) {
            0 | 1 => Some(char::from(b'a' + rng.next(26) as u8)),
            2 => Some(' '),
            3 => char::from_u32(0x300 + rng.next(0x70)),
            4 => char::from_u32(0xA0 + rng.next(0x500)),
            5 => char::from_u32(0x2000 + rng.next(0x70)),
            6 => char::from_u32(0x1F300 + rng.next(0x300)),
            _ => char::from_u32(rng.next(0x11_0000)),
        };
        if let Some(c) = c {
            text.push(c);
        }
    }
    truncate(&mut text, size);
    text
}

/// Words made of syllables from their index: `ba`, `be`, …, `bacedi`, all different.
fn distinct_words(size: usize) -> String {
    const CONSONANTS: &[u8] = b"bcdfglmnprstvz";
    const VOWELS: &[u8] = b"aeiou";
    let mut text = String::with_capacity(size + 16);
    let mut i = 0usize;
    while text.len() < size {
        let mut n = i % 100_000 + 1;
        while n > 0 {
            let syllable = n % (CONSONANTS.len() * VOWELS.len());
            text.push(char::from(CONSONANTS[syllable / VOWELS.len()]));
            text.push(char::from(VOWELS[syllable % VOWELS.len()]));
            n /= CONSONANTS.len() * VOWELS.len();
        }
        text.push(' ');
        i += 1;
    }
    truncate(&mut text, size);
    text
}

/// The inputs, by name, as generators of a text of about `size` bytes.
#[allow(clippy::type_complexity, reason = "a table of named generators")]
const INPUTS: &[(&str, fn(usize) -> String)] = &[
    ("random-unicode", random_unicode),
    ("repeated-word", |n| repeat("idiota ", n)),
    ("distinct-words", distinct_words),
    // One letter under every mark, of three combining classes that canonical order sorts.
    ("combining-marks", |n| {
        prefixed("a", "\u{301}\u{316}\u{327}", n)
    }),
    ("spaced-letters", |n| repeat("i d i o t a ", n)),
    ("zero-width-letters", |n| {
        repeat("i\u{200B}d\u{200B}i\u{200B}o\u{200B}t\u{200B}a\u{200B}", n)
    }),
    ("digits", |n| repeat("3471234567", n)),
    ("spaced-digits", |n| repeat("347 123 4567 ", n)),
    ("at-dot", |n| repeat("a@a.a@.@a..@1.", n)),
    ("http-slashes", |n| repeat("http:///", n)),
    ("at-domain-path", |n| prefixed("@", "a.it/", n)),
    ("at-domains", |n| repeat("@a.it/", n)),
    ("link-parens", |n| prefixed("a.it/", ")", n)),
    ("emoji", |n| repeat("😡🖕💩🇮🇹👍🏻 ", n)),
    ("bidi-insult", |n| repeat("\u{202E}idiota\u{202C} ", n)),
];

fn moderator() -> Moderator {
    Moderator::new(Policy::preset("comune-livorno").unwrap())
}

fn linear(c: &mut Criterion, moderator: &Moderator) {
    let mut group = c.benchmark_group("linear");
    group.sample_size(10);
    for (name, generate) in INPUTS {
        for size in SIZES {
            let text = generate(size);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_function(format!("{name}/{}KiB", size / KIB), |b| {
                b.iter(|| moderator.classify(black_box(&text)))
            });
        }
    }
    group.finish();
}

/// The best of `runs` classifications of `text`.
fn best(moderator: &Moderator, text: &str, runs: usize) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(moderator.classify(black_box(text)));
            start.elapsed()
        })
        .min()
        .unwrap()
}

/// Times every input at every size, prints the time per byte, and panics on growth.
fn check_linear(moderator: &Moderator) {
    println!();
    println!("time per byte (best of runs), ns/B");
    println!(
        "{:<20} {:>10} {:>10} {:>10} {:>7} {:>10}",
        "input", "64 KiB", "256 KiB", "1 MiB", "ratio", "1 MiB"
    );
    let mut failed = Vec::new();
    for (name, generate) in INPUTS {
        let mut per_byte = Vec::new();
        let mut largest = Duration::ZERO;
        for size in SIZES {
            let text = generate(size);
            let runs = if size == SIZES[2] { 3 } else { 5 };
            let time = best(moderator, &text, runs);
            per_byte.push(time.as_secs_f64() * 1e9 / text.len() as f64);
            largest = time;
        }
        let ratio = per_byte[2] / per_byte[0];
        println!(
            "{name:<20} {:>10.2} {:>10.2} {:>10.2} {:>7.2} {:>8.1}ms",
            per_byte[0],
            per_byte[1],
            per_byte[2],
            ratio,
            largest.as_secs_f64() * 1e3
        );
        if ratio > MAX_RATIO && largest > FLOOR {
            failed.push(format!("{name}: {ratio:.2}× the time per byte at 1 MiB"));
        }
    }
    if !failed.is_empty() {
        panic!(
            "classification is not linear in the length of the text:\n{}",
            failed.join("\n")
        );
    }
    println!("every input within {MAX_RATIO}× the time per byte of 64 KiB at 1 MiB");
}

fn main() {
    let moderator = moderator();
    let mut criterion = Criterion::default().configure_from_args();
    linear(&mut criterion, &moderator);
    criterion.final_summary();
    // `cargo test --benches` runs each benchmark once without `--bench`: no timing then.
    if std::env::args().any(|arg| arg == "--bench") {
        check_linear(&moderator);
    }
}
