//! Scunthorpe safety on real word lists: every word of the Italian and English system
//! dictionaries (Debian's `witalian` and `wamerican`), classified alone, must publish without
//! an offensive finding, unless it is one of the reviewed offensive words of
//! `data/offensive-words.txt`; and every listed word must still be caught.
//!
//! A missing dictionary fails the test (install the packages) rather than skipping it silently;
//! `GALATEO_SKIP_DICTIONARIES=1` skips a missing one on purpose.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use galateo::{Decision, Kind, Moderator, Policy, Verdict};

/// The presets every word is classified with.
const PRESETS: [&str; 2] = ["comune-livorno", "conferenza-stato-citta"];

/// The kinds that make a word offensive when found in it.
const OFFENSIVE: [Kind; 5] = [
    Kind::Insult,
    Kind::Vulgarity,
    Kind::Threat,
    Kind::Violence,
    Kind::Discrimination,
];

/// (language, dictionary file, Debian package).
const DICTIONARIES: [(&str, &str, &str); 2] = [
    ("it", "/usr/share/dict/italian", "witalian"),
    ("en", "/usr/share/dict/american-english", "wamerican"),
];

/// The words of `data/offensive-words.txt` by language: `[it]` and `[en]` sections, one word
/// a line, `#` comments.
fn offensive_words() -> BTreeMap<String, BTreeSet<String>> {
    let mut sections: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut section: Option<String> = None;
    for (number, line) in include_str!("data/offensive-words.txt").lines().enumerate() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            assert!(
                DICTIONARIES.iter().any(|(lang, _, _)| *lang == name),
                "offensive-words.txt:{}: unknown section [{name}]",
                number + 1
            );
            section = Some(name.to_owned());
            continue;
        }
        let Some(lang) = &section else {
            panic!(
                "offensive-words.txt:{}: a word before any section",
                number + 1
            );
        };
        assert!(
            !line.contains(char::is_whitespace),
            "offensive-words.txt:{}: one word per line, not {line:?}",
            number + 1
        );
        let fresh = sections
            .entry(lang.clone())
            .or_default()
            .insert(line.to_owned());
        assert!(fresh, "offensive-words.txt:{}: {line:?} twice", number + 1);
    }
    sections
}

/// Whether a dictionary entry is covered by the list: the entry itself, or the word it is a form
/// of, in any case: an English possessive (`bastard's`) or an Italian elision (`dell'idiota`)
/// is the listed word with a particle the moderator reads as a word of its own.
fn is_listed(listed: &BTreeSet<String>, entry: &str) -> bool {
    let entry = entry.to_lowercase();
    let possessive = entry.strip_suffix("'s");
    let elided = entry.rsplit_once('\'').map(|(_, word)| word);
    [Some(entry.as_str()), possessive, elided]
        .into_iter()
        .flatten()
        .any(|key| listed.contains(key))
}

/// Why a word alone is flagged: one line per offending finding, or the decision.
fn reasons(verdict: &Verdict) -> Vec<String> {
    let mut out: Vec<String> = verdict
        .findings()
        .iter()
        .filter(|f| OFFENSIVE.contains(&f.kind()) || f.decision() > Decision::Publish)
        .map(|f| format!("{} {} ({})", f.kind(), f.rule(), f.decision()))
        .collect();
    if out.is_empty() && verdict.decision() > Decision::Publish {
        out.push(format!("decision {}", verdict.decision()));
    }
    out
}

/// The words of `words` flagged by `moderator`, with the reasons; split over the cores.
fn flagged<'w>(moderator: &Moderator, words: &[&'w str]) -> Vec<(&'w str, Vec<String>)> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = words.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = words
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .filter_map(|word| {
                            let why = reasons(&moderator.classify(word));
                            (!why.is_empty()).then_some((*word, why))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

#[test]
fn dictionary_words_alone_are_not_flagged() {
    let skip = std::env::var("GALATEO_SKIP_DICTIONARIES").is_ok_and(|v| v == "1");
    let listed = offensive_words();
    let moderators: Vec<(&str, Moderator)> = PRESETS
        .iter()
        .map(|p| (*p, Moderator::new(Policy::preset(p).unwrap())))
        .collect();
    let mut failures = Vec::new();
    for (lang, path, package) in DICTIONARIES {
        let empty = BTreeSet::new();
        let allowed = listed.get(lang).unwrap_or(&empty);
        if !Path::new(path).exists() {
            if skip {
                eprintln!("skipping {path}: GALATEO_SKIP_DICTIONARIES=1");
                continue;
            }
            panic!(
                "{path} is missing: install it with `apt-get install {package}` (Debian/Ubuntu), \
                 or set GALATEO_SKIP_DICTIONARIES=1 to skip it"
            );
        }
        let text = std::fs::read_to_string(path).unwrap();
        let words: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect();
        let mut unlisted: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for (preset, moderator) in &moderators {
            for (word, why) in flagged(moderator, &words) {
                if !is_listed(allowed, word) {
                    let entry = unlisted.entry(word).or_default();
                    entry.extend(why.into_iter().map(|w| format!("{w} [{preset}]")));
                }
            }
        }
        eprintln!(
            "{lang}: {} words, {} flagged outside the list",
            words.len(),
            unlisted.len()
        );
        if !unlisted.is_empty() {
            failures.push(format!(
                "{lang}: {} words of {path} are flagged alone but not listed in \
                 tests/data/offensive-words.txt:",
                unlisted.len()
            ));
            for (word, why) in &unlisted {
                let why: Vec<&str> = why.iter().map(String::as_str).collect();
                failures.push(format!("  {word}: {}", why.join("; ")));
            }
        }
    }
    // The list is also a recall check: every reviewed offensive word must still be caught,
    // with an offensive kind, by every preset.
    for (lang, words) in &listed {
        for word in words {
            for (preset, moderator) in &moderators {
                let verdict = moderator.classify(word);
                let caught = verdict
                    .findings()
                    .iter()
                    .any(|f| OFFENSIVE.contains(&f.kind()));
                if !caught {
                    failures.push(format!(
                        "{lang}: {word:?} is listed as offensive but [{preset}] finds nothing \
                         offensive in it"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
