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

#[test]
fn replies_redirect_and_weak_evidence_gets_none() {
    let moderator = Moderator::new(Policy::preset("comune-livorno").unwrap());
    // A personal case with personal data: both the redaction notice and the URP redirect.
    let verdict =
        moderator.classify("la mia pratica è ferma da mesi, scrivetemi a mario.rossi@gmail.com");
    let reply = verdict.reply().unwrap();
    assert!(reply.contains("urp@comune.livorno.it"), "{reply}");
    assert!(reply.contains("dati personali"), "{reply}");
    // A weak word waiting for review: nobody tells the author they broke a rule yet.
    let verdict = moderator.classify("sindaco pagliaccio");
    assert_eq!(verdict.decision(), Decision::Review);
    assert_eq!(verdict.reply(), None);
}

#[test]
fn weak_evidence_brings_no_sanction_and_unstaffed_hiding_no_strike() {
    let source = Policy::preset_source("comune-livorno")
        .unwrap()
        .replace("outside-hours = \"queue\"", "outside-hours = \"hide\"");
    let moderator = Moderator::new(Policy::from_toml_str(&source).unwrap());
    let mut ledger = moderator.ledger();
    let mut night: jiff::Timestamp = "2026-03-02T22:00:00+01:00".parse().unwrap();
    for _ in 0..5 {
        let verdict = moderator.moderate(&Comment::new("sindaco pagliaccio").with_at(night));
        assert_eq!(verdict.decision(), Decision::Hide);
        assert!(verdict.is_outside_hours());
        assert_eq!(ledger.record("u", &verdict, night), None);
        night = night
            .checked_add(jiff::SignedDuration::from_hours(24))
            .unwrap();
    }
    assert_eq!(ledger.strikes("u", night), 0);
    // A weak threat-like phrase waits for a person; a real threat is reported at once.
    let verdict = moderator.classify("prima o poi la paghi");
    assert!(verdict.decision() <= Decision::Review);
    assert_eq!(ledger.record("v", &verdict, night), None);
    let verdict = moderator.classify("ti ammazzo");
    assert!(ledger.record("w", &verdict, night).is_some());
}
