//! Properties of classification on adversarial input: never panics, spans always lie on
//! character boundaries of the original text, excerpts are what the spans say, the same input
//! always gives the same verdict, and redaction keeps what it does not remove.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test helpers: a panic is a failing test"
)]

use std::sync::LazyLock;

use galateo::{Comment, Decision, Moderator, Policy};
use proptest::prelude::*;

static MODERATOR: LazyLock<Moderator> =
    LazyLock::new(|| Moderator::new(Policy::preset("comune-livorno").unwrap()));

/// Pieces that exercise the normaliser and detectors together: slurs, leetspeak, separators,
/// combining marks, homoglyphs, emoji, digits and personal data.
fn tricky() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "coglione",
        "c0gl10n3",
        "s t r o n z o",
        "s.t.r.o.n.z.o",
        "IDIOTAAAA",
        "cretìno",
        "е",
        "о",
        "\u{301}",
        "\u{200b}",
        "😡",
        "👍🏽",
        "ß",
        "ﬁ",
        "𝐜𝐚𝐳𝐳𝐨",
        " ",
        ".",
        "'",
        "@",
        "$",
        "4",
        "0",
        "347 123 4567",
        "mario@example.com",
        "RSSMRA85T10A562S",
        "IT60X0542811101000000123456",
        "https://bit.ly/x",
        "www.example.com",
        "vergogna",
        "ti ammazzo",
        "cavallo di troia",
        "\n",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let verdict = MODERATOR.classify(text);
    for f in verdict.findings().iter().chain(verdict.cancelled()) {
        let span = f.span();
        prop_assert!(span.start <= span.end && span.end <= text.len());
        prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        prop_assert_eq!(&text[span.range()], f.excerpt());
    }
    prop_assert_eq!(&MODERATOR.classify(text), &verdict);
    if let Some(redacted) = verdict.redacted() {
        prop_assert!(
            verdict
                .findings()
                .iter()
                .any(|f| f.kind() == galateo::Kind::PersonalData)
        );
        prop_assert!(redacted != text);
    }
    if verdict.findings().is_empty() {
        prop_assert_eq!(verdict.decision(), Decision::Publish);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_unicode_never_panics_and_spans_hold(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn tricky_mixtures_never_panic_and_spans_hold(text in tricky()) {
        check(&text)?;
    }

    #[test]
    fn context_never_panics(text in tricky(), name in any::<String>(), secs in -10_000_000_000i64..10_000_000_000) {
        let at = jiff::Timestamp::from_second(secs).unwrap();
        let comment = Comment::new(text).with_author(galateo::Author::new("a", name)).with_at(at);
        let verdict = MODERATOR.moderate(&comment);
        let mut ledger = MODERATOR.ledger();
        let _ = ledger.record("a", &verdict, at);
    }
}

#[test]
fn pathological_inputs_are_handled() {
    for text in [
        String::new(),
        "a".repeat(100_000),
        "c o g l i o n e ".repeat(5_000),
        "😡".repeat(20_000),
        "\u{301}".repeat(10_000),
        "3".repeat(50_000),
        "@$!|".repeat(10_000),
    ] {
        check(&text).unwrap();
    }
}
