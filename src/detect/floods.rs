//! Floods inside one comment: a screen of punctuation, dozens of emoji, a long text in
//! capitals.
//!
//! These are manners, not abuse: an exasperated "Vergogna!!!!!!" or a row of hearts is how
//! people write, and a complaint typed in capitals is still a complaint. So every flood is weak
//! evidence (`spam`, [`Severity::Low`]: review at most, never hidden by itself), and the
//! thresholds are set far beyond what expressive writing reaches:
//!
//! - **characters**: a stretch of at least [`MARKS`] punctuation marks or symbols with nothing
//!   but spaces between them (`!!!!…`, `?!?!…`, `. . . …`). Letters never make a flood:
//!   laughter (`ahahahah`, `hahaha`, `jajaja`) and elongation (`nooooo`, `bravooo`) are
//!   expression, and the normaliser already collapses repeated letters for the lexicon. Digits
//!   and emoji are not marks either (emoji have their own count).
//! - **emoji**: at least [`EMOJI`] emoji in the comment (a flag counts once, a skin tone or a
//!   joiner adds nothing).
//! - **shouting**: at least [`SHOUT_LETTERS`] cased letters and [`SHOUT_WORDS`] words, of
//!   which [`SHOUT_SHARE`] per cent or more are capitals. A shouted text that carries the
//!   words of an allowed category (civic criticism: "VERGOGNA", "DIMETTETEVI") is not
//!   reported: shouting at the institution is criticism in capitals.
//!
//! Short texts never reach any threshold, so a short reaction ("GRAZIE!!!", "👏👏👏") always
//! stays published.

use std::sync::Arc;

use super::{Evidence, Recognizer, Role, Scan, Setup};
use crate::{Kind, Severity};

/// Marks in one stretch that make a character flood.
const MARKS: usize = 30;
/// Emoji in one comment that make an emoji flood.
const EMOJI: usize = 30;
/// Cased letters a shouted text needs at least.
const SHOUT_LETTERS: usize = 60;
/// Words a shouted text needs at least.
const SHOUT_WORDS: usize = 10;
/// Share of capitals, in per cent of the cased letters, that makes a text shouted.
const SHOUT_SHARE: usize = 90;

/// The three floods, as one recognizer: each is one linear pass over the original text.
#[derive(Debug)]
pub(crate) struct Floods {
    characters: Arc<str>,
    emoji: Arc<str>,
    shouting: Arc<str>,
}

impl Floods {
    pub(crate) fn new(_setup: &Setup<'_>) -> Floods {
        Floods {
            characters: Arc::from("floods/characters"),
            emoji: Arc::from("floods/emoji"),
            shouting: Arc::from("floods/shouting"),
        }
    }
}

impl Recognizer for Floods {
    fn recognize(&self, scan: &Scan<'_>, out: &mut Vec<Evidence>) {
        let text = scan.text;
        // Below the smallest threshold nothing can fire: the common case costs nothing.
        if text.len() < MARKS.min(EMOJI) {
            return;
        }
        let mut found = Vec::new();
        // Each needs enough of what it counts: marks are ASCII punctuation or beyond ASCII,
        // emoji beyond ASCII, capitals ASCII capitals or beyond.
        let signals = &scan.signals;
        if signals.punctuation + signals.non_ascii >= MARKS
            && let Some(span) = mark_flood(text)
        {
            found.push(Evidence::new(
                Kind::Spam,
                Arc::clone(&self.characters),
                span,
                Severity::Low,
            ));
        }
        if signals.non_ascii >= EMOJI
            && let Some(span) = emoji_flood(text)
        {
            found.push(Evidence::new(
                Kind::Spam,
                Arc::clone(&self.emoji),
                span,
                Severity::Low,
            ));
        }
        if scan.words.len() >= SHOUT_WORDS
            && (signals.capitals + signals.non_ascii) * 100 >= SHOUT_LETTERS * SHOUT_SHARE
            && let Some(span) = shouting(text)
            && !out.iter().any(|e| matches!(e.role, Role::Protect(_)))
        {
            found.push(Evidence::new(
                Kind::Spam,
                Arc::clone(&self.shouting),
                span,
                Severity::Low,
            ));
        }
        out.append(&mut found);
    }
}

/// Whether `c` is a mark that can flood: punctuation or a symbol, not a letter, digit, space,
/// emoji or an invisible joiner.
fn is_mark(c: char) -> bool {
    !c.is_alphanumeric()
        && !c.is_whitespace()
        && !c.is_control()
        && !is_emoji(c)
        && !is_emoji_part(c)
        && !crate::text::is_invisible(c)
}

/// The first stretch of at least [`MARKS`] marks with only spaces between them.
fn mark_flood(text: &str) -> Option<std::ops::Range<usize>> {
    // Start and end of the current stretch, and its marks.
    let mut start = 0;
    let mut end = 0;
    let mut marks = 0usize;
    for (at, c) in text.char_indices() {
        if is_mark(c) {
            if marks == 0 {
                start = at;
            }
            marks += 1;
            end = at + c.len_utf8();
        } else if c.is_whitespace() {
            // Spaces continue a stretch ("! ! ! !"), and never start one.
        } else {
            if marks >= MARKS {
                return Some(start..end);
            }
            marks = 0;
        }
    }
    (marks >= MARKS).then_some(start..end)
}

/// Pictographic emoji: the blocks that platforms draw as emoji.
fn is_emoji(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1F000..=0x1F0FF
            | 0x1F18E
            | 0x1F191..=0x1F19A
            | 0x1F300..=0x1F3FA
            | 0x1F400..=0x1F64F
            | 0x1F680..=0x1F6FF
            | 0x1F7E0..=0x1F7FF
            | 0x1F900..=0x1F9FF
            | 0x1FA70..=0x1FAFF
            | 0x2600..=0x27BF
            | 0x2B05..=0x2B07
            | 0x2B1B..=0x2B1C
            | 0x2B50
            | 0x2B55
            | 0x231A..=0x231B
            | 0x23E9..=0x23FA
    )
}

/// What joins or modifies an emoji without being one: skin tones, the zero-width joiner,
/// variation selectors, the keycap mark, tag characters; and regional indicators, of which two
/// make one flag.
fn is_emoji_part(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1F3FB..=0x1F3FF | 0x200D | 0xFE0E | 0xFE0F | 0x20E3 | 0xE0020..=0xE007F
    ) || is_regional(c)
}

fn is_regional(c: char) -> bool {
    matches!(u32::from(c), 0x1F1E6..=0x1F1FF)
}

/// From the first to the last emoji, when there are at least [`EMOJI`] of them.
fn emoji_flood(text: &str) -> Option<std::ops::Range<usize>> {
    let mut count = 0usize;
    let mut regional = 0usize;
    let mut first = None;
    let mut last = 0;
    for (at, c) in text.char_indices() {
        let counted = if is_regional(c) {
            regional += 1;
            // The second indicator of a pair completes a flag.
            regional % 2 == 0
        } else {
            regional = 0;
            is_emoji(c)
        };
        if counted || is_regional(c) {
            first.get_or_insert(at);
            last = at + c.len_utf8();
        }
        if counted {
            count += 1;
        }
    }
    (count >= EMOJI).then(|| first.unwrap_or(0)..last)
}

/// From the first to the last cased letter, when the text is long and in capitals.
fn shouting(text: &str) -> Option<std::ops::Range<usize>> {
    let mut upper = 0usize;
    let mut cased = 0usize;
    let mut first = None;
    let mut last = 0;
    for (at, c) in text.char_indices() {
        let is_upper = c.is_uppercase();
        if is_upper || c.is_lowercase() {
            cased += 1;
            upper += usize::from(is_upper);
            first.get_or_insert(at);
            last = at + c.len_utf8();
        }
    }
    (cased >= SHOUT_LETTERS && upper * 100 >= cased * SHOUT_SHARE).then(|| first.unwrap_or(0)..last)
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests panic on purpose when an expectation fails"
)]
mod tests {
    use super::*;

    #[test]
    fn marks() {
        assert_eq!(mark_flood(&"!".repeat(29)), None);
        assert_eq!(mark_flood(&"!".repeat(30)), Some(0..30));
        let spaced = format!("Basta {}", "! ".repeat(40));
        let span = mark_flood(&spaced).unwrap();
        assert_eq!(&spaced[span], "! ".repeat(40).trim_end());
        assert_eq!(mark_flood(&"ah".repeat(100)), None);
        assert_eq!(mark_flood(&"!!!!! ciao ".repeat(20)), None);
        assert_eq!(mark_flood(&"😂".repeat(40)), None);
        assert_eq!(mark_flood(&"?!".repeat(20)), Some(0..40));
    }

    #[test]
    fn emoji() {
        assert_eq!(emoji_flood(&"👏".repeat(29)), None);
        assert!(emoji_flood(&"👏".repeat(30)).is_some());
        // Skin tones and joiners add nothing; a flag is one.
        assert_eq!(emoji_flood(&"👍🏽".repeat(29)), None);
        assert_eq!(emoji_flood(&"🇮🇹".repeat(29)), None);
        assert!(emoji_flood(&"🇮🇹".repeat(30)).is_some());
        assert_eq!(emoji_flood(&"❤\u{FE0F}".repeat(29)), None);
        let text = format!("grazie {} a tutti", "❤".repeat(30));
        let span = emoji_flood(&text).unwrap();
        assert_eq!(&text[span], "❤".repeat(30));
    }

    #[test]
    fn capitals() {
        let shout = "QUESTA AMMINISTRAZIONE NON HA FATTO NULLA PER IL QUARTIERE DA ANNI E ANNI";
        assert!(shouting(shout).is_some());
        assert_eq!(shouting("VERGOGNA!"), None);
        assert_eq!(shouting(&shout.to_lowercase()), None);
        // Acronyms in an ordinary sentence are not shouting.
        assert_eq!(
            shouting(
                "Il TAR del Lazio ha respinto il ricorso dell'ASL e dell'INPS sul PNRR, ora si aspetta il CdS"
            ),
            None
        );
    }
}
