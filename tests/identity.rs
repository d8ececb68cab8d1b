//! Author identity (`data/identity.toml`): how display names read under the Comune di
//! Livorno's real-name rule, across the communities that live in Italy, and which comments
//! identify their author in the text. Every failing case is reported before the test fails;
//! `GALATEO_CASE=substring` runs only the cases whose name or display name contains it and
//! prints every verdict.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test helpers: a panic is a failing test"
)]

use galateo::{Author, Comment, Decision, Kind, Moderator, Policy, Verdict};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Suite {
    name: Vec<NameCase>,
    text: Vec<TextCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NameCase {
    name: String,
    reads: Reads,
    #[expect(dead_code, reason = "for the reader of the data file")]
    community: Option<String>,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
enum Reads {
    RealName,
    Nickname,
    Initials,
    Organisation,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TextCase {
    name: String,
    text: String,
    author: Option<String>,
    identifies: bool,
    #[expect(dead_code, reason = "for the reader of the data file")]
    why: Option<String>,
}

/// The comment every display name posts: a plain question, nothing else to find in it.
const QUESTION: &str = "Quando riaprono gli uffici dell'anagrafe?";

fn suite() -> Suite {
    toml::from_str(include_str!("data/identity.toml")).unwrap()
}

fn moderator() -> Moderator {
    Moderator::new(Policy::preset("comune-livorno").unwrap())
}

fn selected(names: &[&str]) -> bool {
    std::env::var("GALATEO_CASE").map_or(true, |f| names.iter().any(|n| n.contains(&f)))
}

/// The rules of the verdict's `unidentified-author` findings.
fn identity_rules(verdict: &Verdict) -> Vec<&str> {
    verdict
        .findings()
        .iter()
        .filter(|f| f.kind() == Kind::UnidentifiedAuthor)
        .map(|f| f.rule())
        .collect()
}

fn moderate(moderator: &Moderator, text: &str, author: &str) -> Verdict {
    let verdict = moderator.moderate(&Comment::new(text).with_author(Author::new("a", author)));
    if std::env::var("GALATEO_CASE").is_ok() {
        println!("{author:?}: {text:?}\n{}", verdict.explain());
    }
    verdict
}

#[test]
fn display_names_read_as_expected() {
    let suite = suite();
    let moderator = moderator();
    let mut failures = Vec::new();
    let mut total = 0;
    for case in suite.name.iter().filter(|c| selected(&[c.name.as_str()])) {
        total += 1;
        let verdict = moderate(&moderator, QUESTION, &case.name);
        let rules = identity_rules(&verdict);
        let (want_rules, want_decision): (Vec<&str>, Decision) = match case.reads {
            Reads::RealName => (vec![], Decision::Publish),
            Reads::Nickname => (vec!["identity/nickname"], Decision::Review),
            Reads::Initials => (vec!["identity/initials"], Decision::Review),
            Reads::Organisation => (vec!["identity/organisation"], Decision::Review),
        };
        if rules != want_rules || verdict.decision() != want_decision {
            failures.push(format!(
                "{:?}: read {rules:?} with {}, expected {:?} ({want_rules:?}, {want_decision})",
                case.name,
                verdict.decision(),
                case.reads
            ));
        }
    }
    println!("display names: {}/{total}", total - failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn self_identification_satisfies_the_rule() {
    let suite = suite();
    let moderator = moderator();
    let mut failures = Vec::new();
    let mut total = 0;
    for case in &suite.text {
        let author = case.author.as_deref().unwrap_or("Gatto Nero");
        if !selected(&[case.name.as_str(), author]) {
            continue;
        }
        total += 1;
        // The profile alone must not identify the author, or the case tests nothing.
        let alone = moderate(&moderator, QUESTION, author);
        if identity_rules(&alone).is_empty() {
            failures.push(format!("{}: {author:?} reads as a real name", case.name));
            continue;
        }
        let verdict = moderate(&moderator, &case.text, author);
        let rules = identity_rules(&verdict);
        if rules.is_empty() != case.identifies {
            failures.push(format!(
                "{}: {} identify the author ({rules:?})\n    text: {}",
                case.name,
                if case.identifies {
                    "does not"
                } else {
                    "must not"
                },
                case.text
            ));
        }
    }
    println!("self-identification: {}/{total}", total - failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_suite_covers_enough() {
    let suite = suite();
    let count = |r: Reads| suite.name.iter().filter(|c| c.reads == r).count();
    assert!(count(Reads::RealName) >= 60, "{}", count(Reads::RealName));
    assert!(count(Reads::Nickname) >= 10);
    assert!(count(Reads::Initials) >= 5);
    assert!(count(Reads::Organisation) >= 5);
    let positive = suite.text.iter().filter(|c| c.identifies).count();
    assert!(positive >= 10 && suite.text.len() - positive >= 10);
    let mut names = std::collections::HashSet::new();
    for case in &suite.name {
        assert!(names.insert(&case.name), "{:?} twice", case.name);
    }
    let mut names = std::collections::HashSet::new();
    for case in &suite.text {
        assert!(names.insert(&case.name), "{:?} twice", case.name);
    }
}

/// A policy that hides nicknames' comments still only reviews initials and organisations:
/// they name someone, and are never hidden for their name.
#[test]
fn initials_and_organisations_are_reviewed_not_hidden() {
    let source = Policy::preset_source("comune-livorno")
        .unwrap()
        .replace("nickname = \"review\"", "nickname = \"hide\"")
        .replace("organisation = \"review\"", "organisation = \"hide\"");
    let moderator = Moderator::new(Policy::from_toml_str(&source).unwrap());
    for author in [
        "Mario R.",
        "M. Rossi",
        "Comitato Via Grande",
        "Pizzeria Da Mario",
    ] {
        let verdict = moderate(&moderator, QUESTION, author);
        assert_eq!(verdict.decision(), Decision::Review, "{author}");
        let finding = &verdict.findings()[0];
        assert_eq!(finding.kind(), Kind::UnidentifiedAuthor);
        assert_eq!(finding.decision(), Decision::Review, "{author}");
        assert_eq!(finding.excerpt(), author);
    }
    // Identity evidence is weak: a nickname, too, waits for a person rather than being hidden.
    let verdict = moderate(&moderator, QUESTION, "xXdarkXx");
    assert_eq!(verdict.decision(), Decision::Review);
    // A policy may let them all through with a finding that records it.
    let source = Policy::preset_source("comune-livorno")
        .unwrap()
        .replace("nickname = \"review\"", "nickname = \"publish\"")
        .replace("organisation = \"review\"", "organisation = \"publish\"");
    let moderator = Moderator::new(Policy::from_toml_str(&source).unwrap());
    for author in ["Mario R.", "Comitato Via Grande", "xXdarkXx"] {
        let verdict = moderate(&moderator, QUESTION, author);
        assert_eq!(verdict.decision(), Decision::Publish, "{author}");
        assert_eq!(identity_rules(&verdict).len(), 1, "{author}");
    }
}

/// The reply for a profile that does not identify itself is the policy's, and a comment that
/// names its author gets none.
#[test]
fn the_reply_asks_to_identify() {
    let moderator = moderator();
    let verdict = moderate(&moderator, QUESTION, "Gatto Nero");
    assert!(
        verdict
            .reply()
            .is_some_and(|r| r.contains("nome e cognome")),
        "{:?}",
        verdict.reply()
    );
    let verdict = moderate(
        &moderator,
        "Sono Paolo Neri, presidente del Comitato Via Grande: quando riaprono gli uffici?",
        "Comitato Via Grande",
    );
    assert_eq!(
        verdict.decision(),
        Decision::Publish,
        "{}",
        verdict.explain()
    );
    assert_eq!(verdict.reply(), None);
}
