//! Evasion: what is found in plain form must still be found when the author disguises it.
//!
//! Every threat and hate sentence of the suites that is flagged as written is rewritten the
//! ways people dodge filters (capitals, stretched letters, leetspeak, Cyrillic lookalikes,
//! spaced or dotted letters, invisible characters, an asterisk for a vowel) and classified
//! again. The share of plain-form detections kept is reported per disguise and overall, and
//! the test fails below its target.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test helpers: a panic is a failing test"
)]

use galateo::{Decision, Moderator, Policy};
use serde::Deserialize;

#[derive(Deserialize)]
struct Suite {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
}

/// The longest word of the text: the one a filter-dodger disguises.
fn longest_word(text: &str) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphabetic() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            if best.is_none_or(|(bs, be)| i - s > be - bs) {
                best = Some((s, i));
            }
        }
    }
    best
}

fn replace_longest(text: &str, f: impl Fn(&str) -> String) -> String {
    match longest_word(text) {
        Some((s, e)) => format!("{}{}{}", &text[..s], f(&text[s..e]), &text[e..]),
        None => text.to_owned(),
    }
}

/// A way of disguising a text, by name.
type Disguise = (&'static str, Box<dyn Fn(&str) -> String>);

fn disguises() -> Vec<Disguise> {
    vec![
        ("capitals", Box::new(|t: &str| t.to_uppercase())),
        (
            "stretched",
            Box::new(|t: &str| {
                replace_longest(t, |w| {
                    w.chars()
                        .flat_map(|c| {
                            let n = if "aeiou".contains(c) { 4 } else { 1 };
                            std::iter::repeat_n(c, n)
                        })
                        .collect()
                })
            }),
        ),
        (
            "leetspeak",
            Box::new(|t: &str| {
                replace_longest(t, |w| {
                    w.chars()
                        .map(|c| match c {
                            'o' => '0',
                            'i' => '1',
                            'e' => '3',
                            'a' => '4',
                            other => other,
                        })
                        .collect()
                })
            }),
        ),
        (
            "lookalikes",
            Box::new(|t: &str| {
                t.chars()
                    .map(|c| match c {
                        'a' => 'а',
                        'o' => 'о',
                        'e' => 'е',
                        'c' => 'с',
                        'p' => 'р',
                        other => other,
                    })
                    .collect()
            }),
        ),
        (
            "dotted",
            Box::new(|t: &str| {
                replace_longest(t, |w| {
                    w.chars().map(String::from).collect::<Vec<_>>().join(".")
                })
            }),
        ),
        (
            "invisible",
            Box::new(|t: &str| {
                replace_longest(t, |w| {
                    w.chars()
                        .map(String::from)
                        .collect::<Vec<_>>()
                        .join("\u{200B}")
                })
            }),
        ),
        (
            "asterisk",
            Box::new(|t: &str| {
                replace_longest(t, |w| {
                    let chars: Vec<char> = w.chars().collect();
                    let vowel =
                        (1..chars.len().saturating_sub(1)).find(|&i| "aeiou".contains(chars[i]));
                    chars
                        .iter()
                        .enumerate()
                        .map(|(i, c)| if Some(i) == vowel { '*' } else { *c })
                        .collect()
                })
            }),
        ),
    ]
}

#[test]
fn disguised_abuse_is_still_found() {
    let moderator = Moderator::new(Policy::preset("comune-livorno").unwrap());
    let mut texts = Vec::new();
    for source in [
        include_str!("data/threats.toml"),
        include_str!("data/hate.toml"),
    ] {
        let suite: Suite = toml::from_str(source).unwrap();
        texts.extend(suite.case.into_iter().map(|c| c.text));
    }
    let plain: Vec<&String> = texts
        .iter()
        .filter(|t| moderator.classify(t).decision() >= Decision::Review)
        .collect();
    let (mut kept_all, mut total_all) = (0, 0);
    for (name, disguise) in disguises() {
        let mut kept = 0;
        let mut lost = Vec::new();
        for text in &plain {
            let disguised = disguise(text);
            if moderator.classify(&disguised).decision() >= Decision::Review {
                kept += 1;
            } else {
                lost.push(disguised);
            }
        }
        for l in lost.iter().take(5) {
            println!("  {name} lost: {l}");
        }
        println!("{name}: {kept}/{} kept", plain.len());
        kept_all += kept;
        total_all += plain.len();
    }
    let rate = kept_all as f64 / total_all as f64;
    println!("evasion: {kept_all}/{total_all} = {rate:.3} of plain-form detections kept");
    assert!(
        rate >= 0.95,
        "only {rate:.3} of detections survive disguise"
    );
}
