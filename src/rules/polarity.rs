//! Polarity: whether words that look like abuse are asserted by the author.
//!
//! "Dire che i gay sono feccia è vergognoso", "non ho mai detto che i musulmani sono feccia",
//! "mi hanno chiamato «terrone»", "non ti ammazzo": the abusive words are there, the act is
//! not. Each word-level finding (lexicon term or rule match) is checked against its sentence,
//! using five word classes of the shipped data (`negator`, `reporting`, `condemnation`,
//! `transparent`, `copula`; the first- and second-person pronouns of a report are grammar and
//! live here):
//!
//! 1. **Quotation**: every word of it lies inside quotation marks, and the sentence reports
//!    or condemns what is quoted.
//! 2. **Abuse received**: a reporting word with the author as its object before it
//!    ("mi hanno chiamato", "mi ha dato del", "called me").
//! 3. **Reported speech**: a reporting word earlier in the sentence introduces it ("chi
//!    scrive che", "non ho mai detto che"), unless the author is saying it to the reader
//!    ("ti ho detto che…" is the author's own threat).
//! 4. **Counter-speech**: the sentence condemns it, with a copula after it ("… è
//!    vergognoso") or a condemnation before a report ("vergogna a chi dice che …").
//! 5. **Negation**: a negator governs it, through at most a few auxiliaries, clitics and
//!    articles and no comma ("non ti ammazzo", "non sei un idiota", "I will not kill you"); a
//!    conditional "se non" does not ("se non la smetti ti ammazzo"), nor "non … altro che".
//!
//! A cancelled finding is kept, with its reason, among the verdict's cancelled findings.

use super::{Lookup, mark};
use crate::detect::{Cancel, Evidence, Role, Scan};

/// The classes polarity reads; compiled whether or not a rule names them.
pub(crate) const CLASSES: &[&str] = &[
    "negator",
    "reporting",
    "condemnation",
    "transparent",
    "copula",
];

/// How far back a report may introduce what it reports, in words.
const REPORT_REACH: usize = 10;

/// Words that, right before a negator, make it part of a condition or an exception.
fn voids_negation(before: &str, after: &str, then: &str) -> bool {
    matches!(before, "se" | "if" | "unless" | "finche")
        // "non … altro che", "non è che": the negation turns into an assertion.
        || matches!(after, "altro" | "solo" | "only")
        || (after == "e" && then == "che")
}

/// The author as object of a report: "mi hanno chiamato", "called me".
fn is_me(word: &str) -> bool {
    matches!(word, "mi" | "me" | "m")
}

/// The reader addressed by a report: "ti ho detto", "te l'ho detto", "I told you".
fn is_you(word: &str) -> bool {
    matches!(word, "ti" | "vi" | "te" | "ve" | "you" | "ya" | "u")
}

/// Marks the polar findings of `out` that their sentence does not assert.
pub(crate) fn apply(scan: &Scan<'_>, lookup: &Lookup, out: &mut [Evidence]) {
    if !out
        .iter()
        .any(|e| e.polar && e.role == Role::Finding && e.cancel.is_none() && e.words.is_some())
    {
        return;
    }
    let n = scan.words.len();
    let canonical = scan.canonical.as_str();
    let word = |i: usize| -> &str {
        scan.words
            .get(i)
            .and_then(|w| canonical.get(w.canonical.clone()))
            .unwrap_or_default()
    };
    // Each word's sentence bounds and the condemnations counted so far, in one pass each, so
    // that every finding is checked in time independent of the sentence's length.
    let mut sentence_first = vec![0usize; n];
    let mut sentence_last = vec![0usize; n];
    let mut condemned_upto = vec![0usize; n + 1];
    for i in 0..n {
        let same = |j: usize| scan.words.get(j).map(|w| w.sentence);
        let first = if i > 0 && same(i - 1) == same(i) {
            sentence_first.get(i - 1).copied().unwrap_or(i)
        } else {
            i
        };
        if let Some(slot) = sentence_first.get_mut(i) {
            *slot = first;
        }
        let count = condemned_upto.get(i).copied().unwrap_or(0)
            + usize::from(lookup.ends(i, mark::CONDEMNATION));
        if let Some(slot) = condemned_upto.get_mut(i + 1) {
            *slot = count;
        }
    }
    for i in (0..n).rev() {
        let same = |j: usize| scan.words.get(j).map(|w| w.sentence);
        let last = if i + 1 < n && same(i + 1) == same(i) {
            sentence_last.get(i + 1).copied().unwrap_or(i)
        } else {
            i
        };
        if let Some(slot) = sentence_last.get_mut(i) {
            *slot = last;
        }
    }
    let condemned_in = |from: usize, to: usize| {
        condemned_upto.get(to).copied().unwrap_or(0)
            > condemned_upto.get(from).copied().unwrap_or(0)
    };

    for e in out.iter_mut() {
        if !e.polar || e.role != Role::Finding || e.cancel.is_some() {
            continue;
        }
        let Some(range) = e.words.clone() else {
            continue;
        };
        let (start, end) = (range.start, range.end);
        let first_of_sentence = sentence_first.get(start).copied().unwrap_or(start);
        let last_of_sentence = sentence_last
            .get(end.saturating_sub(1))
            .copied()
            .unwrap_or(end.saturating_sub(1));
        let before = first_of_sentence..start;

        // A report before it, and whether that report is addressed to the author or reader.
        let report = before
            .clone()
            .rev()
            .take(REPORT_REACH)
            .find(|&i| lookup.ends(i, mark::REPORTING));
        let received = report.is_some_and(|r| {
            (r.saturating_sub(3)..r).any(|i| i >= first_of_sentence && is_me(word(i)))
                || is_me(word(r + 1))
        });
        let to_reader = report.is_some_and(|r| {
            (r.saturating_sub(3)..r).any(|i| i >= first_of_sentence && is_you(word(i)))
                || is_you(word(r + 1))
        });
        let condemned_after = (end..=last_of_sentence.min(end + 6)).any(|i| {
            lookup.begins(i, mark::CONDEMNATION) && i > 0 && lookup.ends(i - 1, mark::COPULA)
        });
        let condemned_before = report.is_some() && condemned_in(first_of_sentence, start);
        let condemned_anywhere =
            condemned_in(first_of_sentence, start) || condemned_in(end, last_of_sentence + 1);
        // A finding is a few words long; a long one is no quotation anyway.
        let quoted = range.len() <= 64
            && range
                .clone()
                .all(|i| scan.words.get(i).is_some_and(|w| w.quoted));

        let cancel = if quoted && (report.is_some() || condemned_anywhere) {
            Some(Cancel::Quoted)
        } else if received {
            Some(Cancel::AbuseReceived)
        } else if report.is_some() && !to_reader {
            Some(Cancel::Reported)
        } else if condemned_after || condemned_before {
            Some(Cancel::CounterSpeech)
        } else if negated(start, first_of_sentence, lookup, &word, scan) {
            Some(Cancel::Negated)
        } else {
            None
        };
        e.cancel = cancel;
    }
}

/// Whether a negator governs the words from `start`, reading back through transparent words.
fn negated<'a>(
    start: usize,
    first_of_sentence: usize,
    lookup: &Lookup,
    word: &impl Fn(usize) -> &'a str,
    scan: &Scan<'_>,
) -> bool {
    let mut i = start;
    for _ in 0..4 {
        // A comma ends what a negator governs: "niente, ti ammazzo".
        if i <= first_of_sentence || scan.words.get(i).is_some_and(|w| w.pause) {
            return false;
        }
        i -= 1;
        if lookup.ends(i, mark::NEGATOR) {
            let before = if i > first_of_sentence {
                word(i - 1)
            } else {
                ""
            };
            return !voids_negation(before, word(i + 1), word(i + 2));
        }
        if !lookup.ends(i, mark::TRANSPARENT) {
            return false;
        }
    }
    false
}
