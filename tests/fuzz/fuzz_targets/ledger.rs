//! Sequences of verdicts recorded for a few authors at instants anywhere in jiff's range, out
//! of order too: no panic; the state survives a JSON round trip with every answer unchanged;
//! pruning changes no answer at or after its instant. The same sequence of comments, in a few
//! threads, observed by a flood tracker: no panic, and the tracker survives a JSON round trip
//! unchanged, observing the next comment the same way.

#![no_main]

use std::sync::LazyLock;

use arbitrary::Arbitrary;
use galateo::{Author, Comment, Moderator, Policy, Tracker, Verdict};
use galateo_fuzz::Record;
use libfuzzer_sys::fuzz_target;

/// Comments that lead to each decision, and to immediate sanctions (threats).
const TEXTS: &[&str] = &[
    "Grazie per l'aggiornamento!",
    "la mia pratica è ferma da mesi",
    "il sindaco è un coglione",
    "ma che cazzo state facendo",
    "ti ammazzo",
    "so dove abiti, te la faccio pagare",
    "gli immigrati sono animali",
    "chiamatemi al 347 123 4567",
    "offerta imperdibile, visita www.soldi-facili.example",
    "vergogna, dimettetevi",
];

/// Each preset's moderator with its verdicts: every text bare, and at a Saturday night
/// instant (nobody on duty: decisions raised for lack of review).
static CASES: LazyLock<Vec<(Moderator, Vec<Verdict>)>> = LazyLock::new(|| {
    let saturday = galateo_fuzz::probe_instants()[1];
    Policy::presets()
        .iter()
        .map(|id| {
            let moderator = Moderator::new(Policy::preset(id).expect("a shipped preset loads"));
            let verdicts = TEXTS
                .iter()
                .flat_map(|text| {
                    [
                        moderator.classify(text),
                        moderator.moderate(&Comment::new(*text).with_at(saturday)),
                    ]
                })
                .collect();
            (moderator, verdicts)
        })
        .collect()
});

#[derive(Arbitrary, Debug)]
enum Offset {
    Seconds(i32),
    Hours(i16),
    Days(i16),
    Raw(i64),
}

#[derive(Arbitrary, Debug)]
struct Event {
    author: u8,
    verdict: u8,
    offset: Offset,
}

#[derive(Arbitrary, Debug)]
struct Input {
    preset: bool,
    events: Vec<Event>,
    queries: Vec<i64>,
}

fuzz_target!(|input: Input| {
    let (moderator, verdicts) = &CASES[usize::from(input.preset) % CASES.len()];
    let records: Vec<Record> = input
        .events
        .iter()
        .take(256)
        .map(|e| Record {
            author: usize::from(e.author),
            verdict: usize::from(e.verdict),
            offset: match e.offset {
                Offset::Seconds(s) => i64::from(s),
                Offset::Hours(h) => i64::from(h) * 3_600,
                Offset::Days(d) => i64::from(d) * 86_400,
                Offset::Raw(s) => s,
            },
        })
        .collect();
    let queries: Vec<i64> = input.queries.into_iter().take(16).collect();
    galateo_fuzz::check_ledger(moderator, verdicts, &records, &queries);
    check_tracker(&records);
});

/// Observes each record's text by its author, in thread `verdict % 3`, at its instant; then
/// checks the JSON round trip.
fn check_tracker(records: &[Record]) {
    let origin = galateo_fuzz::ledger_origin();
    let authors = galateo_fuzz::AUTHORS;
    let comment = |r: &Record| {
        Comment::new(TEXTS[r.verdict % TEXTS.len()])
            .with_author(Author::new(authors[r.author % authors.len()], ""))
            .with_thread(format!("t{}", r.verdict % 3))
    };
    let at = |r: &Record| galateo_fuzz::instant(origin.as_second().saturating_add(r.offset));
    let mut tracker = Tracker::new().with_max_authors(3).with_max_texts(3);
    for r in records {
        let _ = tracker.observe(&comment(r), at(r));
    }
    let json = serde_json::to_string(&tracker).expect("a tracker serialises");
    let mut restored: Tracker = serde_json::from_str(&json)
        .unwrap_or_else(|err| panic!("a serialised tracker does not load: {err}\n{json}"));
    assert_eq!(
        restored, tracker,
        "the tracker changed in a JSON round trip: {json}"
    );
    if let Some(r) = records.first() {
        assert_eq!(
            restored.observe(&comment(r), at(r)),
            tracker.observe(&comment(r), at(r)),
            "a restored tracker observes differently: {json}"
        );
    }
}
