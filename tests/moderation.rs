//! Data-driven moderation cases (`data/moderation.toml`), plus the properties every public type
//! must have. Every failing case is reported before the test fails.

use std::collections::HashMap;

use galateo::{Author, Comment, Decision, Kind, Moderator, Policy};
use serde::Deserialize;

#[derive(Deserialize)]
struct Suite {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    text: String,
    policy: Option<String>,
    decision: Option<Decision>,
    #[serde(default)]
    kinds: Vec<Kind>,
    #[serde(default)]
    absent: Vec<Kind>,
    at: Option<String>,
    author: Option<String>,
}

#[test]
fn moderation_cases() {
    let suite: Suite = toml::from_str(include_str!("data/moderation.toml")).unwrap();
    let mut moderators: HashMap<String, Moderator> = HashMap::new();
    let mut failures = Vec::new();
    for case in &suite.case {
        let policy = case
            .policy
            .clone()
            .unwrap_or_else(|| "comune-livorno".to_owned());
        let moderator = moderators
            .entry(policy.clone())
            .or_insert_with(|| Moderator::new(Policy::preset(&policy).unwrap()));
        let mut comment = Comment::new(case.text.as_str());
        if let Some(at) = &case.at {
            comment = comment.with_at(at.parse().unwrap());
        }
        if let Some(name) = &case.author {
            comment = comment.with_author(Author::new("a", name.as_str()));
        }
        let verdict = moderator.moderate(&comment);
        let kinds: Vec<Kind> = verdict.findings().iter().map(|f| f.kind()).collect();
        let mut wrong = Vec::new();
        if let Some(decision) = case.decision {
            if verdict.decision() != decision {
                wrong.push(format!(
                    "decision {} (expected {decision})",
                    verdict.decision()
                ));
            }
        }
        for kind in &case.kinds {
            if !kinds.contains(kind) {
                wrong.push(format!("missing {kind}"));
            }
        }
        for kind in &case.absent {
            if kinds.contains(kind) {
                wrong.push(format!("unexpected {kind}"));
            }
        }
        if !wrong.is_empty() {
            failures.push(format!(
                "{:?} [{policy}]: {}\n    {}",
                case.text,
                wrong.join(", "),
                verdict.explain().replace('\n', "\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        suite.case.len(),
        failures.join("\n")
    );
}

#[test]
fn public_types_are_send_sync_and_unwind_safe() {
    fn check<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    check::<Moderator>();
    check::<Policy>();
    check::<galateo::Verdict>();
    check::<galateo::Finding>();
    check::<galateo::Comment>();
    check::<galateo::Ledger>();
    check::<galateo::Schedule>();
    // Errors wrap `std::io::Error`, which is not unwind-safe; they need only cross threads.
    fn send_sync<T: Send + Sync>() {}
    send_sync::<galateo::PolicyError>();
}

#[test]
fn moderator_is_shared_across_threads() {
    let moderator = Moderator::new(Policy::preset("comune-livorno").unwrap());
    let expected = moderator.classify("sindaco coglione");
    std::thread::scope(|s| {
        for _ in 0..4 {
            let m = moderator.clone();
            let expected = &expected;
            s.spawn(move || assert_eq!(&m.classify("sindaco coglione"), expected));
        }
    });
}

#[test]
fn spans_point_at_the_original_text() {
    let moderator = Moderator::new(Policy::preset("comune-livorno").unwrap());
    let text = "Perché l'assessore è così IDIOTA? 😡 Che cretìno!";
    let verdict = moderator.classify(text);
    assert!(!verdict.findings().is_empty());
    for finding in verdict.findings() {
        assert_eq!(&text[finding.span().range()], finding.excerpt());
    }
    let excerpts: Vec<&str> = verdict.findings().iter().map(|f| f.excerpt()).collect();
    assert!(
        excerpts.contains(&"IDIOTA") && excerpts.contains(&"cretìno"),
        "{excerpts:?}"
    );
}

#[test]
fn every_finding_names_its_category_and_clause() {
    for id in Policy::presets() {
        let policy = Policy::preset(id).unwrap();
        let moderator = Moderator::new(policy.clone());
        let verdict = moderator.classify("sei un coglione, ti ammazzo, chiamami al 347 123 4567");
        assert!(verdict.findings().len() >= 3, "{id}: {}", verdict.explain());
        for f in verdict.findings() {
            let category = policy.category(f.category()).unwrap();
            assert!(category.kinds.contains(&f.kind()));
            assert_eq!(f.clause(), category.clause);
            assert!(policy.clause(f.clause()).is_some());
        }
    }
}
