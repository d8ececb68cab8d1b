//! Inputs the fuzz targets (`tests/fuzz`) found, shrunk to what they exercise, kept as tests so
//! that what they showed stays true.

#![allow(clippy::unwrap_used, reason = "test: a panic is a failing test")]

use galateo::jiff::{SignedDuration, Timestamp};
use galateo::{Moderator, Policy, Sanction};

/// From the `ledger` target: a record sixty years after every other is a broken clock. The
/// ledger counts it at its own clock (the latest plausible instant), so the sanction it brings
/// is in force there, and has decayed by the instant the broken clock claimed.
#[test]
fn a_far_future_record_counts_at_the_ledger_clock() {
    let moderator = Moderator::new(Policy::preset("comune-livorno").unwrap());
    let hidden = moderator.classify("il sindaco è un coglione");
    assert_eq!(hidden.decision(), galateo::Decision::Hide);
    let mut ledger = moderator.ledger();
    let now: Timestamp = "2026-03-02T10:00:00Z".parse().unwrap();
    assert_eq!(ledger.record("u1", &hidden, now), None);
    let far = now
        .checked_add(SignedDuration::from_hours(24 * 365 * 60))
        .unwrap();
    // Two hidden comments in the window: a warning, counted at the ledger's clock.
    assert_eq!(ledger.record("u1", &hidden, far), Some(Sanction::Warn));
    assert_eq!(ledger.sanction("u1", now), Some(Sanction::Warn));
    assert_eq!(ledger.strikes("u1", now), 2);
    // At the instant the broken clock claimed, the window is long past.
    assert_eq!(ledger.sanction("u1", far), None);
    assert_eq!(ledger.strikes("u1", far), 0);
}

/// From the `ledger` target: a verdict that brings no strike and no sanction is not recorded
/// and moves no clock, so a threat decades after it is not a broken clock: its immediate
/// sanction is in force at its own instant.
#[test]
fn a_record_that_counts_nothing_moves_no_clock() {
    let moderator = Moderator::new(Policy::preset("comune-livorno").unwrap());
    let thanks = moderator.classify("Grazie per l'aggiornamento!");
    let threat = moderator.classify("ti spacco la faccia");
    assert_eq!(threat.decision(), galateo::Decision::Remove);
    let mut ledger = moderator.ledger();
    let long_ago: Timestamp = "1960-01-09T10:00:00Z".parse().unwrap();
    let now: Timestamp = "2026-03-02T10:00:00Z".parse().unwrap();
    assert_eq!(ledger.record("", &thanks, long_ago), None);
    assert!(ledger.state().is_empty());
    let fired = ledger.record("", &threat, now);
    assert_eq!(fired, Some(Sanction::ReportPlatform));
    assert_eq!(ledger.sanction("", now), fired);
    assert_eq!(ledger.sanction("", long_ago), None);
}

/// From the `classify` target: an emergency beside an insult gave a verdict below its
/// insult's decision. The verdict's decision is always the gravest of its findings'; an
/// emergency lowers only what it needs to say (where it is, who is hurt) to review, and an
/// insult beside it keeps its own decision.
#[test]
fn an_emergency_does_not_shield_abuse_and_the_decision_is_the_gravest() {
    let moderator = Moderator::new(Policy::preset("comune-livorno").unwrap());
    let check = |text: &str, want: galateo::Decision| {
        let verdict = moderator.classify(text);
        assert!(
            verdict
                .findings()
                .iter()
                .any(|f| f.kind() == galateo::Kind::Emergency),
            "{verdict}"
        );
        let gravest = verdict
            .findings()
            .iter()
            .map(|f| f.decision())
            .max()
            .unwrap();
        assert_eq!(verdict.decision(), gravest, "{verdict}");
        assert_eq!(verdict.decision(), want, "{verdict}");
    };
    check(
        "Sindaco sei un idiota: c'è un incendio in via Grande e nessuno viene",
        galateo::Decision::Hide,
    );
    check(
        "Mia moglie è svenuta e non si sveglia, siamo in via Roma 15, aiutatemi",
        galateo::Decision::Review,
    );
}
