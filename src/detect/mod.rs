//! Detectors: everything that turns text into evidence.
//!
//! The lexicon automaton reads the canonical text; personal data and links read the original,
//! where format matters.

pub(crate) mod identity;
pub(crate) mod lexicon;
pub(crate) mod links;
pub(crate) mod personal;
