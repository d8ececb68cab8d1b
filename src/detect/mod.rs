//! Detectors: everything that turns text into evidence.
//!
//! The lexicon automaton reads the canonical text; personal data and links read the original,
//! where format matters.

pub(crate) mod identity;
pub(crate) mod lexicon;
pub(crate) mod links;
pub(crate) mod personal;

/// Byte offset of the char after the one starting at `pos` (or `pos + 1` past the end): where a
/// search resumes after a rejected match without splitting a char.
pub(crate) fn next_boundary(text: &str, pos: usize) -> usize {
    text.get(pos..)
        .and_then(|s| s.chars().next())
        .map_or(pos + 1, |c| pos + c.len_utf8())
}
