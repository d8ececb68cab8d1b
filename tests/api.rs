//! The public API's conventions: names that parse and print, serde both ways, defaults,
//! typed reports, a builder that refuses what it cannot honour, the ledger fed a comment.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test helpers: a panic is a failing test"
)]

use std::fmt::Display;
use std::str::FromStr;

use galateo::jiff::Timestamp;
use galateo::{
    Author, BuildError, Comment, Decision, Enforcer, Escalation, Ground, Kind, Moderator, NameRule,
    OutsideHours, Policy, Purpose, RecordError, Sanction, Schedule, Severity, Stance, Verdict,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Every value prints its name, parses back from it, and serialises as the same string.
fn names_round_trip<T>(all: &[T], names: &[&str])
where
    T: Copy + PartialEq + std::fmt::Debug + Display + FromStr + Serialize + DeserializeOwned,
    T::Err: std::fmt::Debug + Display,
{
    assert_eq!(all.len(), names.len());
    for (value, name) in all.iter().zip(names) {
        assert_eq!(value.to_string(), *name);
        assert_eq!(name.parse::<T>().unwrap(), *value);
        let json = serde_json::to_string(value).unwrap();
        assert_eq!(json, format!("\"{name}\""));
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), *value);
    }
    let err = "no-such-name".parse::<T>().unwrap_err();
    assert!(err.to_string().contains("`no-such-name`"), "{err}");
    assert!(serde_json::from_str::<T>("\"no-such-name\"").is_err());
}

#[test]
fn every_vocabulary_parses_prints_and_serialises() {
    names_round_trip(&Kind::ALL, Kind::NAMES);
    names_round_trip(&Decision::ALL, Decision::NAMES);
    names_round_trip(&Severity::ALL, Severity::NAMES);
    names_round_trip(&Sanction::ALL, Sanction::NAMES);
    names_round_trip(&Ground::ALL, Ground::NAMES);
    names_round_trip(&Stance::ALL, Stance::NAMES);
    names_round_trip(&NameRule::ALL, NameRule::NAMES);
    names_round_trip(&Purpose::ALL, Purpose::NAMES);
    names_round_trip(&OutsideHours::ALL, OutsideHours::NAMES);
}

#[test]
fn unknown_names_say_what_was_expected() {
    let err = "remov".parse::<Decision>().unwrap_err();
    assert_eq!(err.what(), "decision");
    assert_eq!(err.name(), "remov");
    assert_eq!(err.expected(), ["publish", "review", "hide", "remove"]);
    let err: Box<dyn std::error::Error> = Box::new("x".parse::<Sanction>().unwrap_err());
    assert!(err.to_string().starts_with("unknown sanction `x`"));
}

#[test]
fn verdicts_read_back_what_they_wrote() {
    let moderator = Moderator::new(Policy::preset("comune-livorno").unwrap());
    for text in [
        "Grazie per l'aggiornamento!",
        "sindaco coglione, ti spacco la faccia",
        "gli ebrei sono feccia",
        "siete ridicoli, buffoni",
        "scrivetemi a mario.rossi@example.com o al 347 123 4567",
        "non ti ammazzo, tranquillo",
    ] {
        let verdict = moderator.classify(text);
        let json = serde_json::to_string(&verdict).unwrap();
        let back: Verdict = serde_json::from_str(&json).unwrap();
        assert_eq!(back, verdict, "{text}");
        for (a, b) in back.findings().iter().zip(verdict.findings()) {
            assert_eq!((a.label(), a.span()), (b.label(), b.span()));
        }
    }
}

#[test]
fn defaults_stand_for_missing_tables() {
    let schedule = Schedule::default();
    let at: Timestamp = "2025-12-25T03:00:00Z".parse().unwrap();
    assert!(schedule.is_staffed(at));
    assert_eq!(schedule.time_zone(), "UTC");
    let escalation = Escalation::default();
    assert_eq!(escalation.strikes_for(Decision::Remove), 0);
    assert!(escalation.thresholds().is_empty());
}

#[test]
fn enforcers_are_typed_and_print_as_before() {
    let policy = Policy::preset("comune-livorno").unwrap();
    let mut seen_category = false;
    for clause in policy.clauses() {
        for enforcer in policy.enforcers(&clause.id) {
            let shown = enforcer.to_string();
            match enforcer {
                Enforcer::Category(id) => {
                    seen_category = true;
                    assert_eq!(shown, format!("category:{id}"));
                    assert!(policy.category(id).is_some());
                }
                Enforcer::Contact(id) => assert_eq!(shown, format!("contact:{id}")),
                Enforcer::Channel(p) => assert_eq!(shown, format!("channel:{p}")),
                other => assert!(!shown.contains(':'), "{other:?}"),
            }
        }
    }
    assert!(seen_category);
}

#[test]
fn lexicon_sizes_are_named_fields() {
    let moderator = Moderator::new(Policy::preset("comune-livorno").unwrap());
    let sizes = moderator.lexicon_sizes();
    for language in Moderator::shipped_languages() {
        assert!(
            sizes
                .iter()
                .any(|s| s.language == *language && s.kind == Kind::Insult && s.entries > 100)
        );
    }
}

#[test]
fn the_builder_refuses_languages_it_has_no_data_for() {
    let policy = Policy::preset("comune-livorno").unwrap();
    for bad in ["fr", "itt", "IT", ""] {
        let err = Moderator::builder()
            .languages(&["en", bad])
            .build(policy.clone())
            .unwrap_err();
        let BuildError::UnknownLanguage { language, .. } = &err else {
            panic!("{err:?}");
        };
        assert_eq!(language, bad);
        assert!(err.to_string().contains("galateo ships: it, en"), "{err}");
    }
    let italian = Moderator::builder()
        .languages(&["it"])
        .build(policy.clone())
        .unwrap();
    assert!(italian.classify("sei un coglione").decision() >= Decision::Hide);
    // An empty list is allowed and means "only the policy's own terms".
    let none = Moderator::builder().languages(&[]).build(policy).unwrap();
    assert_eq!(
        none.classify("sei un coglione").decision(),
        Decision::Publish
    );
}

#[test]
fn the_ledger_records_a_comment_with_what_it_holds() {
    let moderator = Moderator::new(Policy::preset("comune-livorno").unwrap());
    let mut ledger = moderator.ledger();
    let at: Timestamp = "2026-03-02T10:00:00+01:00".parse().unwrap();
    let comment = Comment::new("sei un coglione")
        .with_author(Author::new("u1", "Mario Rossi"))
        .with_at(at);
    let verdict = moderator.moderate(&comment);
    let mut fired = None;
    for _ in 0..5 {
        fired = fired.or(ledger.record_comment(&comment, &verdict).unwrap());
    }
    assert!(fired.is_some());
    assert_eq!(
        ledger.sanction("u1", at),
        ledger.sanction("u1", at).max(fired)
    );
    assert_eq!(
        ledger.record_comment(&Comment::new("x").with_at(at), &verdict),
        Err(RecordError::NoAuthor)
    );
    let anonymous = Comment::new("x")
        .with_author(Author::named("Mario"))
        .with_at(at);
    assert_eq!(
        ledger.record_comment(&anonymous, &verdict),
        Err(RecordError::NoAuthor)
    );
    let timeless = Comment::new("x").with_author(Author::new("u2", "Anna"));
    assert_eq!(
        ledger.record_comment(&timeless, &verdict),
        Err(RecordError::NoInstant)
    );
    // Id-less authors read from JSON share nothing.
    let author: Author = serde_json::from_str(r#"{"name": "Mario"}"#).unwrap();
    assert_eq!(author.id, None);
}

#[test]
fn a_comment_longer_than_max_len_is_classified_on_its_head_and_says_so() {
    let moderator = Moderator::builder()
        .max_len(40)
        .build(Policy::preset("comune-livorno").unwrap())
        .unwrap();
    // The cut falls inside "è", a two-byte character: it moves back to a boundary.
    let text = format!(
        "{}è sei un idiota, chiamami al 347 123 4567",
        "a".repeat(39)
    );
    let verdict = moderator.classify(&text);
    assert!(verdict.is_truncated());
    assert!(verdict.findings().iter().all(|f| f.span().end <= 39));
    assert_eq!(verdict.findings()[0].rule(), "limits/too-long");
    // Nothing unread is published as redacted.
    assert!(verdict.redacted().is_none_or(|r| !r.contains("4567")));
    let whole = Moderator::new(Policy::preset("comune-livorno").unwrap()).classify(&text);
    assert!(!whole.is_truncated());
    assert!(whole.decision() >= Decision::Hide);
}
