//! The properties galateo's fuzz targets check, shared with the regression tests that replay
//! the inputs the fuzzers found (`tests/fuzz_regressions.rs` includes this file).
//!
//! Each check panics, with the offending input in its message, when a property fails; libFuzzer
//! takes the panic as a crash and keeps the input.

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "fuzz checks: a panic is the report of a failed property"
)]

use std::collections::BTreeSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Mutex, PoisonError};

use galateo::jiff::{SignedDuration, Timestamp};
use galateo::{
    Comment, Kind, Ledger, LedgerState, Moderator, Policy, RedactOperator, Severity, Verdict,
};

/// The words a redaction mark can be made of in the shipped languages (the `{label}` of each
/// kind of personal data and the `{removed}` agreeing with it): an alphanumeric run of a
/// redacted excerpt that is one of these may legitimately reappear inside the mark.
const MARK_WORDS: &str = "indirizzo email address numero telefono phone number codice fiscale \
     tax code partita IVA VAT IBAN carta pagamento payment card identità identity documento \
     document targa licence plate data nascita date birth indirizzo IP dato data rimosso \
     rimossa removed";

/// A comment every policy should classify without trouble: an insult, a threat, personal data
/// of several kinds, a link, harsh criticism and a negation.
pub const SENTENCE: &str = "Sindaco idiota, vergogna! Ti vengo a prendere. Chiamate il 347 \
     123 4567 o scrivete a mario.rossi@example.com, guarda http://soldi-facili.example/offerta \
     — non ti ammazzo, tranquillo 😡";

/// Instants worth asking a policy's schedule about: a weekday morning, a Saturday night, the
/// ends of jiff's range.
pub fn probe_instants() -> [Timestamp; 4] {
    [
        Timestamp::from_second(1_772_442_000).unwrap(), // Monday 2026-03-02 09:00 UTC
        Timestamp::from_second(1_772_917_200).unwrap(), // Saturday 2026-03-07 21:00 UTC
        Timestamp::MIN,
        Timestamp::MAX,
    ]
}

/// An instant from any number of seconds, clamped to jiff's range.
pub fn instant(seconds: i64) -> Timestamp {
    let seconds = seconds.clamp(Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
    Timestamp::from_second(seconds).unwrap()
}

/// Every property of one verdict for `comment`: spans on character boundaries of the text,
/// excerpts equal to what the spans say, findings in text order, a decision at least as grave
/// as each finding's, a review deadline not before the comment's instant, and a redacted text
/// exactly when redactable data was found. With `leaks`, also that no redacted datum survives
/// in the redacted text (meaningful for policies whose redaction marks are bracketed, like the
/// presets').
pub fn check_verdict(moderator: &Moderator, comment: &Comment, verdict: &Verdict, leaks: bool) {
    let text = comment.text.as_str();
    for f in verdict.findings().iter().chain(verdict.cancelled()) {
        let span = f.span();
        assert!(
            span.start <= span.end && span.end <= text.len(),
            "span {span:?} out of {} bytes: {f:?} in {text:?}",
            text.len()
        );
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "span {span:?} not on char boundaries: {f:?} in {text:?}"
        );
        let about_author = f.kind() == Kind::UnidentifiedAuthor && span.start == span.end;
        if !about_author {
            assert_eq!(
                &text[span.range()],
                f.excerpt(),
                "excerpt differs from its span: {f:?} in {text:?}"
            );
        }
    }
    for pair in verdict.findings().windows(2) {
        let (a, b) = (pair[0].span(), pair[1].span());
        assert!(
            (a.start, a.end) <= (b.start, b.end),
            "findings out of text order: {a:?} before {b:?} in {text:?}"
        );
    }
    for f in verdict.findings() {
        assert!(
            verdict.decision() >= f.decision(),
            "decision {} below a finding's {}: {f:?} in {text:?}",
            verdict.decision(),
            f.decision()
        );
    }
    assert_eq!(
        verdict.deciding().is_some(),
        !verdict.findings().is_empty(),
        "deciding finding without findings, or none with: {text:?}"
    );
    if let (Some(at), Some(by)) = (comment.at, verdict.review_by()) {
        assert!(
            by >= at,
            "review by {by} before the comment at {at}: {text:?}"
        );
    }
    if comment.at.is_none() {
        assert_eq!(verdict.is_staffed(), None, "staffed without an instant");
        assert_eq!(
            verdict.review_by(),
            None,
            "review deadline without an instant"
        );
    }
    let _ = verdict.explain();
    let _ = verdict.to_json();

    let privacy = moderator.policy().privacy();
    let redactable = |kind: Kind, severity: Severity, start: usize, end: usize| {
        privacy.redact.contains(&kind) && severity > Severity::Low && end > start
    };
    let expect_redacted = verdict.findings().iter().any(|f| {
        let span = f.span();
        redactable(f.kind(), f.severity(), span.start, span.end)
    });
    assert_eq!(
        verdict.redacted().is_some(),
        expect_redacted,
        "redacted text present iff something redactable was found: {text:?} -> {:?}",
        verdict.redacted()
    );
    if leaks && let Some(redacted) = verdict.redacted() {
        check_no_leak(text, verdict, redacted, moderator);
    }
}

/// No alphanumeric run (4 characters or more) of a non-weak personal-data finding appears in
/// the redacted text, when the run occurs exactly once in the original (so it can only come
/// from the redacted span) and is no word a mark could be made of.
fn check_no_leak(text: &str, verdict: &Verdict, redacted: &str, moderator: &Moderator) {
    let privacy = moderator.policy().privacy();
    for f in verdict.findings() {
        if f.kind() != Kind::PersonalData || f.severity() <= Severity::Low {
            continue;
        }
        let mark = match f.personal_kind().map(|k| privacy.operator(k)) {
            Some(RedactOperator::Placeholder(Some(mark))) => mark,
            None | Some(RedactOperator::Placeholder(None)) => privacy.mark.clone(),
            // A mask keeps characters on purpose; a cut joins what surrounds it.
            Some(_) => continue,
        };
        let bracketed = |c: Option<char>| c.is_some_and(|c| !c.is_alphanumeric());
        if !bracketed(mark.chars().next()) || !bracketed(mark.chars().next_back()) {
            continue;
        }
        let vocabulary = format!("{MARK_WORDS} {mark} {}", f.label().unwrap_or_default());
        for run in f
            .excerpt()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|run| run.chars().count() >= 4)
        {
            if occurrences(text, run) != 1 || vocabulary.contains(run) {
                continue;
            }
            assert!(
                !redacted.contains(run),
                "redacted text still shows `{run}` of {f:?}: {text:?} -> {redacted:?}"
            );
        }
    }
}

/// How many times `needle` occurs in `haystack`, overlaps included, counting up to 2.
fn occurrences(haystack: &str, needle: &str) -> usize {
    let mut count = 0;
    let mut from = 0;
    while let Some(at) = haystack.get(from..).and_then(|rest| rest.find(needle)) {
        count += 1;
        if count == 2 {
            break;
        }
        let start = from + at;
        from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
    }
    count
}

/// Classifies `comment` twice, with another comment in between (the moderator reuses its
/// buffers), checks that the verdicts are equal, and checks the verdict.
pub fn check_comment(moderator: &Moderator, comment: &Comment, leaks: bool) -> Verdict {
    let verdict = moderator.moderate(comment);
    check_verdict(moderator, comment, &verdict, leaks);
    let _ = moderator.classify("s t r o n z o, chiamami al 3471234567 https://x.it/(a)");
    let again = moderator.moderate(comment);
    assert_eq!(verdict, again, "two verdicts for one comment: {comment:?}");
    verdict
}

/// The properties of loading `source` as a policy: an error lists problems with places inside
/// the file; a policy writes a file that loads back to an equal policy, compiles, and
/// classifies [`SENTENCE`] (bare, and with an author at several instants) soundly.
pub fn check_policy_source(source: &str) {
    let policy = match Policy::from_toml_str(source) {
        Ok(policy) => policy,
        Err(err) => {
            let _ = err.to_string();
            assert!(
                !err.problems().is_empty(),
                "an error without problems: {err:?}"
            );
            let lines: Vec<&str> = source.split('\n').collect();
            let count = source.lines().count();
            for problem in err.problems() {
                let (line, column) = (problem.line(), problem.column());
                assert!(
                    line >= 1 && column >= 1,
                    "problem at {line}:{column}: {problem:?}"
                );
                assert!(
                    line <= count + 1,
                    "problem at line {line} of {count} lines: {problem:?}"
                );
                let width = lines.get(line - 1).map_or(0, |l| l.chars().count());
                assert!(
                    column <= width + 1,
                    "problem at {line}:{column}, the line has {width} characters: {problem:?}"
                );
            }
            return;
        }
    };
    let written = policy.to_toml();
    match Policy::from_toml_str(&written) {
        Ok(again) => assert!(
            again == policy,
            "the written policy loads to a different one:\n{written}"
        ),
        Err(err) => panic!("the written policy does not load: {err}\n{written}"),
    }
    // Compiling a moderator is the slow part: once per distinct policy in a process (its
    // written form names it), so that a fuzzer spends its time on new policies.
    if !first_time(&written) {
        return;
    }
    let moderator = Moderator::new(policy);
    check_comment(&moderator, &Comment::new(SENTENCE), false);
    for at in probe_instants() {
        let comment = Comment::new(SENTENCE)
            .with_author(galateo::Author::new("u1", "xX_ninja_Xx"))
            .with_at(at);
        check_comment(&moderator, &comment, false);
    }
}

/// Whether `text` is seen for the first time in this process.
fn first_time(text: &str) -> bool {
    static SEEN: Mutex<BTreeSet<u64>> = Mutex::new(BTreeSet::new());
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    let mut seen = SEEN.lock().unwrap_or_else(PoisonError::into_inner);
    seen.insert(hasher.finish())
}

/// How far past the ledger's clock an instant may lie before the ledger takes it for a broken
/// clock (`Ledger`'s documented 366 days).
const MAX_SKEW: SignedDuration = SignedDuration::from_hours(24 * 366);

/// One record for the ledger target: whose, which verdict, when.
#[derive(Clone, Copy, Debug)]
pub struct Record {
    /// Index into [`AUTHORS`].
    pub author: usize,
    /// Index into the verdicts given to [`check_ledger`].
    pub verdict: usize,
    /// Seconds from [`ledger_origin`].
    pub offset: i64,
}

/// The authors of the ledger target (an empty id included: the ledger takes any string).
pub const AUTHORS: [&str; 4] = ["u1", "mario.rossi", "", "🙂"];

/// The instant ledger offsets count from: Monday 2026-03-02 10:00 UTC.
pub fn ledger_origin() -> Timestamp {
    Timestamp::from_second(1_772_445_600).unwrap()
}

/// Records `records` on `moderator`'s ledger, then checks that its state survives a JSON round
/// trip (a ledger restored from it answers every query the same) and that pruning changes no
/// answer at or after the instant pruned.
pub fn check_ledger(
    moderator: &Moderator,
    verdicts: &[Verdict],
    records: &[Record],
    queries: &[i64],
) {
    let origin = ledger_origin();
    let mut ledger = moderator.ledger();
    let mut instants = vec![Timestamp::MIN, Timestamp::MAX, origin];
    // The latest instant recorded for each author: a sanction fired by a record in time order
    // is in force at its instant.
    let mut latest: [Option<Timestamp>; AUTHORS.len()] = [None; AUTHORS.len()];
    // The ledger's own clock: an instant more than 366 days past it is a broken clock, and the
    // ledger takes it as happening at the clock (documented on `Ledger`).
    let mut clock: Option<Timestamp> = None;
    for record in records {
        let (Some(author), Some(verdict)) = (
            AUTHORS.get(record.author % AUTHORS.len()),
            verdicts.get(record.verdict % verdicts.len().max(1)),
        ) else {
            continue;
        };
        let at = instant(origin.as_second().saturating_add(record.offset));
        let fired = ledger.record(author, verdict, at);
        // A record that brings no strike and no sanction is not kept, and moves no clock.
        let counts = ledger.escalation().strikes_for(verdict.decision()) > 0 || fired.is_some();
        if counts {
            let effective = match clock {
                Some(c) if c.checked_add(MAX_SKEW).is_ok_and(|limit| at > limit) => c,
                _ => at,
            };
            clock = Some(clock.map_or(effective, |c| c.max(effective)));
            let slot = &mut latest[record.author % AUTHORS.len()];
            let in_order = slot.is_none_or(|last| effective >= last);
            *slot = Some(slot.map_or(effective, |last| last.max(effective)));
            if let Some(fired) = fired
                && in_order
            {
                let now = ledger.sanction(author, effective);
                assert!(
                    now >= Some(fired),
                    "sanction {fired:?} fired but {now:?} in force at {effective} (recorded at {at})"
                );
            }
        }
        instants.push(at);
        if let Ok(after) = at.checked_add(ledger.escalation().window()) {
            instants.push(after);
        }
    }
    instants.extend(
        queries
            .iter()
            .map(|&s| instant(origin.as_second().saturating_add(s))),
    );

    let json = serde_json::to_string(ledger.state()).expect("a ledger state serialises");
    let state: LedgerState = serde_json::from_str(&json)
        .unwrap_or_else(|err| panic!("a serialised ledger state does not load: {err}\n{json}"));
    assert_eq!(
        &state,
        ledger.state(),
        "the state changed in a JSON round trip: {json}"
    );
    let restored = Ledger::new(ledger.escalation().clone()).with_state(state);
    assert_eq!(restored.latest(), ledger.latest());
    for author in AUTHORS {
        for &at in &instants {
            assert_eq!(
                restored.strikes(author, at),
                ledger.strikes(author, at),
                "strikes of {author:?} at {at} differ after a round trip: {json}"
            );
            assert_eq!(
                restored.sanction(author, at),
                ledger.sanction(author, at),
                "sanction of {author:?} at {at} differs after a round trip: {json}"
            );
        }
    }
    // Pruning drops only what decayed by its instant: nothing that counts then or later.
    for &now in instants.iter().take(8) {
        let mut pruned = ledger.clone();
        pruned.prune(now);
        for author in AUTHORS {
            for &at in instants.iter().filter(|&&at| at >= now) {
                assert_eq!(
                    pruned.strikes(author, at),
                    ledger.strikes(author, at),
                    "pruning at {now} changed the strikes of {author:?} at {at}: {json}"
                );
                assert_eq!(
                    pruned.sanction(author, at),
                    ledger.sanction(author, at),
                    "pruning at {now} changed the sanction of {author:?} at {at}: {json}"
                );
            }
        }
    }
}
