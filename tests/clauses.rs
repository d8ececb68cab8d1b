//! The clause table: every sentence of the two published policies maps to a clause of its
//! preset and to the element of the preset that enforces it (`data/clauses.toml`).
//!
//! For each row: the quoted source snippet, after the typo corrections the presets apply, is
//! part of the clause's text, and the named element enforces the clause (or the clause is marked
//! not checkable). Every clause of each preset must appear in at least one row. All failures are
//! collected and reported together.

use std::collections::BTreeSet;

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    row: Vec<Row>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    /// Preset id.
    policy: String,
    /// A verbatim snippet of the published policy, typos included.
    source: String,
    /// The id of the preset's clause that quotes it.
    clause: String,
    /// `category:ID`, `schedule`, `escalation`, `privacy`, `identity`, `contact:ID`,
    /// `channel:PLATFORM`, `policy`, or `not-checkable`.
    element: String,
}

/// The presets the table covers.
const PRESETS: [&str; 2] = ["conferenza-stato-citta", "comune-livorno"];

/// The element name of a clause that nothing enforces on purpose.
const NOT_CHECKABLE: &str = "not-checkable";

/// Obvious typos of the published texts, corrected in the presets' quotes (lower case, after
/// apostrophes are unified). Whole-word typos are in [`WORD_CORRECTIONS`].
const CORRECTIONS: [(&str, &str); 5] = [
    ("livomo", "livorno"),
    ("intemet", "internet"),
    ("'lnformativa", "'informativa"),
    ("e/0", "e/o"),
    ("soggetti 0 cittadini", "soggetti o cittadini"),
];

/// Words misread from a capital I in the published texts ("ll Comune", "ln ogni caso").
const WORD_CORRECTIONS: [(&str, &str); 2] = [("ll", "il"), ("ln", "in")];

/// Text as compared: lower case, one kind of apostrophe, whitespace (including no-break spaces)
/// collapsed to single spaces, typos corrected.
fn comparable(text: &str) -> String {
    let lower = text.to_lowercase().replace('’', "'");
    let words: Vec<&str> = lower
        .split_whitespace()
        .map(|word| {
            WORD_CORRECTIONS
                .iter()
                .find(|(typo, _)| *typo == word)
                .map_or(word, |(_, fixed)| *fixed)
        })
        .collect();
    let mut text = words.join(" ");
    for (typo, fixed) in CORRECTIONS {
        text = text.replace(typo, fixed);
    }
    text
}

/// The first characters of a snippet, to name a row in a failure.
fn excerpt(text: &str) -> String {
    let mut short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

#[test]
fn comparison_applies_the_typo_corrections() {
    assert_eq!(
        comparable("ll Comune  di Livorno\n(stampa@comune.livomo.it) e/0 nell’lnformativa"),
        "il comune di livorno (stampa@comune.livorno.it) e/o nell'informativa"
    );
    assert_eq!(comparable("ln ogni caso"), "in ogni caso");
    assert_eq!(
        comparable("dal lunedì\u{a0}al venerdì"),
        "dal lunedì al venerdì"
    );
}

#[test]
fn every_source_sentence_maps_to_an_enforced_clause() {
    let table: Table = toml::from_str(include_str!("data/clauses.toml")).unwrap();
    let mut failures: Vec<String> = Vec::new();

    for row in &table.row {
        if !PRESETS.contains(&row.policy.as_str()) {
            failures.push(format!(
                "row `{}`: unknown policy `{}`",
                excerpt(&row.source),
                row.policy
            ));
        }
    }

    for id in PRESETS {
        let policy = match galateo::Policy::preset(id) {
            Ok(policy) => policy,
            Err(err) => {
                failures.push(format!("{id}: the preset does not load: {err}"));
                continue;
            }
        };
        let clauses = policy.clauses();
        let mut covered: BTreeSet<&str> = BTreeSet::new();
        let mut rows = 0;

        for row in table.row.iter().filter(|row| row.policy == id) {
            rows += 1;
            let at = format!("{id}: row `{}` → `{}`", excerpt(&row.source), row.clause);
            let Some(clause) = clauses.iter().find(|clause| clause.id == row.clause) else {
                failures.push(format!("{at}: the preset has no such clause"));
                continue;
            };
            covered.insert(clause.id.as_str());

            if !comparable(&clause.text).contains(&comparable(&row.source)) {
                failures.push(format!(
                    "{at}: the snippet is not part of the clause's text {:?}",
                    clause.text
                ));
            }

            let enforcers: Vec<String> = policy
                .enforcers(&clause.id)
                .iter()
                .map(ToString::to_string)
                .collect();
            if row.element == NOT_CHECKABLE {
                if clause.not_checkable.is_none() {
                    failures.push(format!(
                        "{at}: the row says not checkable, but the clause has no `not-checkable` reason (enforced by {enforcers:?})"
                    ));
                }
                if !enforcers.is_empty() {
                    failures.push(format!(
                        "{at}: a not-checkable clause is enforced by {enforcers:?}"
                    ));
                }
            } else {
                if let Some(reason) = &clause.not_checkable {
                    failures.push(format!(
                        "{at}: expected `{}` to enforce it, but the clause is not checkable ({reason})",
                        row.element
                    ));
                }
                if !enforcers.contains(&row.element) {
                    failures.push(format!(
                        "{at}: `{}` does not enforce the clause; its enforcers are {enforcers:?}",
                        row.element
                    ));
                }
            }
        }

        if rows == 0 {
            failures.push(format!("{id}: the table has no rows for this preset"));
        }
        for clause in clauses {
            if !covered.contains(clause.id.as_str()) {
                failures.push(format!(
                    "{id}: clause `{}` ({:?}) has no row in the table",
                    clause.id,
                    excerpt(&clause.text)
                ));
            }
        }
    }

    if !failures.is_empty() {
        panic!(
            "{} clause-table failures:\n  {}",
            failures.len(),
            failures.join("\n  ")
        );
    }
}

#[test]
fn every_clause_is_enforced_or_explained() {
    let mut failures: Vec<String> = Vec::new();
    for id in PRESETS {
        let policy = match galateo::Policy::preset(id) {
            Ok(policy) => policy,
            Err(err) => {
                failures.push(format!("{id}: the preset does not load: {err}"));
                continue;
            }
        };
        for clause in policy.clauses() {
            let enforcers: Vec<String> = policy
                .enforcers(&clause.id)
                .iter()
                .map(ToString::to_string)
                .collect();
            match &clause.not_checkable {
                Some(reason) if reason.trim().is_empty() => {
                    failures.push(format!(
                        "{id}: clause `{}` is not checkable without a reason",
                        clause.id
                    ));
                }
                Some(_) => {}
                None if enforcers.is_empty() => {
                    failures.push(format!(
                        "{id}: clause `{}` is enforced by nothing",
                        clause.id
                    ));
                }
                None => {}
            }
            if clause.section.trim().is_empty() || clause.text.trim().is_empty() {
                failures.push(format!(
                    "{id}: clause `{}` lacks its section or text",
                    clause.id
                ));
            }
        }
    }
    if !failures.is_empty() {
        panic!(
            "{} clause failures:\n  {}",
            failures.len(),
            failures.join("\n  ")
        );
    }
}
