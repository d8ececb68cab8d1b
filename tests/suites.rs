//! The threat, hate, contrast, clause-kind and off-topic suites (`data/threats.toml`,
//! `data/hate.toml`, `data/contrasts.toml`, `data/kinds.toml`, `data/topic.toml`): sentences
//! written for galateo, each with a `name`, the least decision expected (and, for kinds that
//! must never be hidden, the most), the kinds of which one must be found, the ground, the
//! words that carry the abuse (a finding must overlap each), what the reply to the author must
//! say, and the post it answers (`post_title`, `post_text`) where the post matters.
//!
//! A detector is a measurement, not a list of memorised answers, so each suite has a pass-rate
//! target rather than demanding every case: every failing case is printed, the rate is
//! reported, and the test fails below the target. `GALATEO_CASE=substring` runs only the cases
//! whose name contains it and prints every verdict, for work on one construction.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test helpers: a panic is a failing test"
)]

use galateo::{Comment, Decision, Ground, Kind, Moderator, Policy, Post, Verdict};
use serde::Deserialize;

#[derive(Deserialize)]
struct Suite {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    decision: Decision,
    /// The highest decision allowed (misinformation and emergencies are never hidden).
    most: Option<Decision>,
    #[serde(default)]
    kinds: Vec<Kind>,
    ground: Option<Ground>,
    #[serde(default)]
    spans: Vec<String>,
    /// A substring the reply to the author must contain (a contact, the emergency number).
    reply: Option<String>,
    why: Option<String>,
    post_title: Option<String>,
    post_text: Option<String>,
}

impl Case {
    /// The comment, with its post when the case gives one.
    fn comment(&self) -> Comment {
        let comment = Comment::new(&self.text);
        if self.post_title.is_none() && self.post_text.is_none() {
            return comment;
        }
        comment.with_post(Post::new(
            self.post_title.clone().unwrap_or_default(),
            self.post_text.clone().unwrap_or_default(),
        ))
    }
}

/// What went wrong with a case, if anything.
fn check(case: &Case, verdict: &Verdict) -> Option<String> {
    let mut wrong = Vec::new();
    if let Some(most) = case.most
        && verdict.decision() > most
    {
        wrong.push(format!("decision {} above {most}", verdict.decision()));
    }
    if let Some(want) = &case.reply
        && !verdict.reply().is_some_and(|r| r.contains(want.as_str()))
    {
        wrong.push(format!("reply {:?} lacks {want:?}", verdict.reply()));
    }
    if case.decision == Decision::Publish {
        if verdict.decision() != Decision::Publish {
            wrong.push(format!("decision {}", verdict.decision()));
        }
    } else {
        if verdict.decision() < case.decision.min(Decision::Hide) {
            wrong.push(format!("decision {}", verdict.decision()));
        }
        let relevant: Vec<_> = verdict
            .findings()
            .iter()
            .filter(|f| case.kinds.is_empty() || case.kinds.contains(&f.kind()))
            .collect();
        if relevant.is_empty() {
            wrong.push(format!("none of the kinds {:?}", case.kinds));
        }
        // The words that carry the abuse: a finding must lie on at least one of them (a case
        // may name two readings, "ti aspetto" and "con la mazza").
        let on_span = case.spans.iter().any(|span| {
            case.text.find(span.as_str()).is_some_and(|at| {
                let end = at + span.len();
                relevant
                    .iter()
                    .any(|f| f.span().start < end && at < f.span().end)
            })
        });
        if !case.spans.is_empty() && !relevant.is_empty() && !on_span {
            wrong.push(format!("nothing found on {:?}", case.spans));
        }
    }
    (!wrong.is_empty()).then(|| {
        let found: Vec<String> = verdict
            .findings()
            .iter()
            .map(|f| format!("{} `{}` {}", f.kind(), f.excerpt(), f.rule()))
            .collect();
        format!(
            "{}: {}\n    text: {}\n    found: {found:?}",
            case.name,
            wrong.join(", "),
            case.text
        )
    })
}

/// Runs a suite; returns (passed, total, ground matches among passed hate cases, failures).
fn run(file: &str, source: &str) -> (usize, usize, Vec<String>) {
    let suite: Suite = toml::from_str(source).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut names = std::collections::HashSet::new();
    for case in &suite.case {
        assert!(
            names.insert(case.name.clone()),
            "{file}: duplicate name `{}`",
            case.name
        );
        assert!(
            case.why.is_some() || case.decision != Decision::Publish || !case.kinds.is_empty(),
            "{file}: `{}` says neither why it publishes nor what it finds",
            case.name
        );
    }
    let filter = std::env::var("GALATEO_CASE").ok();
    let moderator = Moderator::new(Policy::preset("comune-livorno").unwrap());
    let mut failures = Vec::new();
    let mut total = 0;
    for case in &suite.case {
        if filter
            .as_ref()
            .is_some_and(|f| !case.name.contains(f.as_str()))
        {
            continue;
        }
        total += 1;
        let verdict = moderator.moderate(&case.comment());
        if filter.is_some() {
            println!("{}: {}", case.name, verdict.explain());
        }
        if let Some(failure) = check(case, &verdict) {
            failures.push(failure);
        }
    }
    (total - failures.len(), total, failures)
}

fn assert_rate(file: &str, source: &str, target: f64) {
    let (passed, total, failures) = run(file, source);
    for f in &failures {
        println!("{f}");
    }
    let rate = if total == 0 {
        1.0
    } else {
        passed as f64 / total as f64
    };
    println!("{file}: {passed}/{total} = {rate:.3} (target {target})");
    if std::env::var("GALATEO_CASE").is_err() {
        assert!(rate >= target, "{file}: pass rate {rate:.3} below {target}");
    }
}

#[test]
fn threats_are_hidden_or_removed() {
    assert_rate("threats.toml", include_str!("data/threats.toml"), 0.90);
}

#[test]
fn hate_is_hidden() {
    assert_rate("hate.toml", include_str!("data/hate.toml"), 0.85);
}

#[test]
fn contrasts_publish() {
    assert_rate("contrasts.toml", include_str!("data/contrasts.toml"), 0.95);
}

#[test]
fn clause_kinds_are_found_and_contrasts_publish() {
    assert_rate("kinds.toml", include_str!("data/kinds.toml"), 0.88);
}

/// Per kind of `kinds.toml`: positive cases found, and contrasts (publish cases) kept published.
#[test]
fn clause_kinds_per_kind() {
    let suite: Suite = toml::from_str(include_str!("data/kinds.toml")).unwrap();
    let moderator = Moderator::new(Policy::preset("comune-livorno").unwrap());
    let mut rows: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let mut published = (0, 0);
    for case in &suite.case {
        let verdict = moderator.classify(&case.text);
        let ok = check(case, &verdict).is_none();
        if case.decision == Decision::Publish {
            published.1 += 1;
            published.0 += usize::from(ok);
            continue;
        }
        for kind in &case.kinds {
            let row = rows.entry(kind.to_string()).or_default();
            row.1 += 1;
            row.0 += usize::from(ok);
        }
    }
    for (kind, (passed, total)) in &rows {
        println!("kinds.toml {kind}: {passed}/{total}");
    }
    println!("kinds.toml publish: {}/{}", published.0, published.1);
    // On-topic comments, reactions, questions and criticism: at most one in fifty flagged.
    assert!(
        published.0 * 50 >= published.1 * 49,
        "kinds.toml: {} of {} publish cases flagged",
        published.1 - published.0,
        published.1
    );
}

#[test]
fn off_topic_goes_to_review_and_the_rest_publishes() {
    assert_rate("topic.toml", include_str!("data/topic.toml"), 0.95);
}

#[test]
fn hate_findings_name_the_ground() {
    let suite: Suite = toml::from_str(include_str!("data/hate.toml")).unwrap();
    let moderator = Moderator::new(Policy::preset("comune-livorno").unwrap());
    let (mut grounded, mut found) = (0, 0);
    for case in &suite.case {
        let verdict = moderator.classify(&case.text);
        let discrimination: Vec<_> = verdict
            .findings()
            .iter()
            .filter(|f| f.kind() == Kind::Discrimination)
            .collect();
        if discrimination.is_empty() {
            continue;
        }
        found += 1;
        if discrimination.iter().any(|f| f.ground() == case.ground) {
            grounded += 1;
        }
    }
    let rate = grounded as f64 / found.max(1) as f64;
    println!("hate.toml: the right ground on {grounded}/{found} = {rate:.3}");
    assert!(
        rate >= 0.8,
        "ground right on only {rate:.3} of discrimination findings"
    );
}
