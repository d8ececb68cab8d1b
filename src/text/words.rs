//! The canonical words of a comment, with what the canonical text leaves out.
//!
//! Normalisation keeps letters and digits only, so punctuation is gone from the canonical
//! text; but a construction must not run across a full stop ("…ti ammazzo. Scherzo") and
//! quotation changes what words mean. Each word therefore records its original span, the
//! sentence it belongs to and whether it lies inside quotation marks, read from the original
//! between one word and the next.

use std::ops::Range;

use super::Normalized;

/// One canonical word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordSpan {
    /// Byte range in the canonical text.
    pub(crate) canonical: Range<usize>,
    /// Byte range in the original text.
    pub(crate) original: Range<usize>,
    /// Index of its sentence: `.`, `!`, `?`, `;`, `…` and line breaks end a sentence.
    pub(crate) sentence: u32,
    /// Whether it lies inside double quotes or guillemets.
    pub(crate) quoted: bool,
    /// Whether a pause (a comma, a dash, brackets) or a sentence break comes before it.
    pub(crate) pause: bool,
    /// Whether it is a handle or a hashtag (`@mario`, `#gfvip`): the platform's addressing
    /// and tagging around a clause, not part of its syntax.
    pub(crate) tag: bool,
}

/// Fills `out` with the words of `canonical`, the normal form of `original`.
pub(crate) fn words(original: &str, canonical: &Normalized, out: &mut Vec<WordSpan>) {
    out.clear();
    let mut sentence = 0u32;
    let mut quoted = false;
    // The first word of the quotation still open, if one is.
    let mut opened_at: Option<usize> = None;
    // A comment wrapped whole in quotation marks quotes nobody: it is the author's own text
    // (pasted, or escaped by the platform), so the outer pair is not read.
    let (begin, end) = unwrapped(original);
    let mut previous_end = begin;
    for range in canonical.words() {
        let span = canonical.original_range(range.start, range.end);
        let gap = original.get(previous_end..span.start).unwrap_or_default();
        let mut breaks = false;
        let mut pause = false;
        let mut after_quote = false;
        for c in gap.chars() {
            // A doubled `""` is one mark, as CSV and some platforms escape it.
            let doubled = c == '"' && after_quote;
            after_quote = c == '"';
            if doubled {
                continue;
            }
            match c {
                '.' | '!' | '?' | ';' | '\n' | '\r' | '…' => breaks = true,
                // A colon introduces what follows ("sono uguali: ladri e fannulloni").
                ',' | ':' | '(' | ')' | '[' | ']' | '–' | '—' => pause = true,
                '-' if gap.contains(' ') => pause = true,
                '«' | '“' | '„' => quoted = true,
                '»' | '”' => quoted = false,
                '"' => quoted = !quoted,
                _ => {}
            }
        }
        if !quoted {
            opened_at = None;
        } else if opened_at.is_none() {
            opened_at = Some(out.len());
        }
        // A quotation does not stop a sentence ("ha scritto: «…»" is one report).
        if breaks && !out.is_empty() && !quoted {
            sentence += 1;
        }
        previous_end = span.end.max(previous_end);
        let tag = original
            .get(span.clone())
            .is_some_and(|w| w.starts_with('@') || w.starts_with('#'))
            || gap.ends_with('@')
            || gap.ends_with('#');
        out.push(WordSpan {
            canonical: range,
            original: span,
            sentence,
            quoted,
            pause: pause || breaks,
            tag,
        });
    }
    // The quotation may close after the last word (`"…ricchione"`); one opened and never
    // closed quotes nothing: a stray `"` is not a quotation.
    let mut after_quote = false;
    for c in original.get(previous_end..end).unwrap_or_default().chars() {
        let doubled = c == '"' && after_quote;
        after_quote = c == '"';
        if doubled {
            continue;
        }
        match c {
            '»' | '”' => quoted = false,
            '"' => quoted = !quoted,
            _ => {}
        }
    }
    if !quoted {
        opened_at = None;
    }
    if let Some(from) = opened_at {
        for w in out.iter_mut().skip(from) {
            w.quoted = false;
        }
    }
}

/// The byte range of `original` inside one pair of quotation marks around all of it, or the
/// whole text.
fn unwrapped(original: &str) -> (usize, usize) {
    let trimmed = original.trim();
    let start = original.len() - original.trim_start().len();
    let mut chars = trimmed.chars();
    let (Some(first), Some(last)) = (chars.next(), chars.next_back()) else {
        return (0, original.len());
    };
    if matches!((first, last), ('"', '"') | ('«', '»') | ('“', '”')) {
        (
            start + first.len_utf8(),
            start + trimmed.len() - last.len_utf8(),
        )
    } else {
        (0, original.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, u32, bool)> {
        let n = Normalized::new(text);
        let mut out = Vec::new();
        words(text, &n, &mut out);
        out.iter()
            .map(|w| {
                (
                    n.as_str()[w.canonical.clone()].to_owned(),
                    w.sentence,
                    w.quoted,
                )
            })
            .collect()
    }

    #[test]
    fn sentences_and_quotes() {
        let s = spans("Ciao. Ti ho detto \"sei bravo\"! ok");
        let got: Vec<(&str, u32, bool)> = s.iter().map(|(w, a, b)| (w.as_str(), *a, *b)).collect();
        assert_eq!(
            got,
            [
                ("ciao", 0, false),
                ("ti", 1, false),
                ("ho", 1, false),
                ("detto", 1, false),
                ("sei", 1, true),
                ("bravo", 1, true),
                ("ok", 2, false),
            ]
        );
    }

    #[test]
    fn guillemets_quote_and_a_stray_quote_does_not() {
        let s = spans("ha scritto «fuori gli stranieri» ieri");
        assert!(s.iter().filter(|w| w.2).count() == 3);
        let s = spans("sei un \"idiota");
        assert!(s.iter().all(|w| !w.2));
        // Closed after the last word: a quotation.
        let s = spans("ha detto \"sei un idiota\"");
        assert!(s.iter().skip(2).all(|w| w.2));
        // A doubled quote is one mark.
        let s = spans("mi scrivono \"\"ti stupro\"\" ogni giorno");
        assert_eq!(s.iter().filter(|w| w.2).count(), 2);
        // A comment wrapped whole in quotes is the author's own text.
        let s = spans("\"sei un idiota\"");
        assert!(s.iter().all(|w| !w.2));
    }

    #[test]
    fn original_spans_are_exact() {
        let text = "Sei   un CRETINO!!";
        let n = Normalized::new(text);
        let mut out = Vec::new();
        words(text, &n, &mut out);
        assert_eq!(&text[out[2].original.clone()], "CRETINO");
    }
}
