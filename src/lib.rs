//! galateo turns a public institution's social-media policy into code: a typed, versioned
//! policy model loaded from TOML, and a fast, explainable classifier that applications embed
//! to moderate comments.
//!
//! # Overview
//!
//! A [`Policy`] holds everything an institution's social-media policy says: who runs the
//! channels, which contacts handle what, each clause of the document, the categories of
//! forbidden (and protected) speech with the decision each leads to, staffed hours, how
//! repeated violations escalate, what personal data is redacted, and the replies shown to
//! authors. Two Italian policies ship as presets (`comune-livorno`, `conferenza-stato-citta`);
//! any other is a TOML file in the same format.
//!
//! A [`Moderator`] compiles a policy once (automata over every lexicon term, the rules over
//! words and word classes, the personal-data recognisers, the link finder) and then
//! classifies comments into a
//! [`Verdict`]: a [`Decision`] (`publish` < `review` < `hide` < `remove`), the [`Finding`]s
//! behind it (kind, category, rule, byte span, clause), the redacted text, a reply to the
//! author and, given the comment's instant, whether staff are on duty and by when a person
//! should look. A [`Ledger`] turns verdicts into sanctions for repeat offenders, and a
//! [`Tracker`] remembers recent comments so that [`Moderator::moderate_tracked`] finds what no
//! single comment shows: an author posting again and again in a thread, near-duplicates, one
//! text pasted by several authors.
//!
//! Policies forbid acts, and acts are constructions: rules match threats, incitement,
//! dehumanisation and hate that use no offensive word ("meriteresti di essere impiccato",
//! "gli africani sono animali"), with Italian and English verb morphology, and every
//! word-level finding is checked for polarity, so negation, quotation, reported speech and
//! counter-speech ("dire che i gay sono feccia è vergognoso") are cancelled, with their reason,
//! rather than hidden. A policy adds its own rules, word classes and allowed phrases in its
//! TOML file.
//!
//! Harsh criticism of the institution is allowed speech: "vergogna, dimettetevi" publishes,
//! "sindaco coglione" does not. Weak evidence (an ambiguous word, a marker of misinformation)
//! never goes further than review.
//!
//! # Examples
//!
//! ```
//! use galateo::{Comment, Decision, Kind, Moderator, Policy};
//!
//! let moderator = Moderator::new(Policy::preset("comune-livorno")?);
//!
//! let verdict = moderator.classify("Lavori fatti male, vergogna!");
//! assert_eq!(verdict.decision(), Decision::Publish);
//!
//! let verdict = moderator.classify("l'assessore è un idiota");
//! assert_eq!(verdict.decision(), Decision::Hide);
//! assert_eq!(verdict.findings()[0].kind(), Kind::Insult);
//! assert_eq!(verdict.findings()[0].category(), "insulti");
//! assert!(verdict.reply().is_some());
//!
//! // Context: an instant outside staffed hours, an author.
//! let comment = Comment::new("ti vengo a prendere, so dove abiti")
//!     .with_at("2026-03-07T23:00:00+01:00".parse().unwrap());
//! let verdict = moderator.moderate(&comment);
//! assert_eq!(verdict.decision(), Decision::Remove);
//! assert_eq!(verdict.is_staffed(), Some(false));
//! # Ok::<(), galateo::PolicyError>(())
//! ```
//!
//! A policy of one's own is a TOML file; loading reports every problem with its line and
//! column:
//!
//! ```
//! let err = galateo::Policy::from_toml_str("format = 1\n[policy]\nid = \"x\"\n").unwrap_err();
//! assert!(err.to_string().contains("missing key `name`"));
//! ```
//!
//! # Crate features
//!
//! - `json` (off by default): `Verdict::to_json` and `Comment::from_json` through
//!   `serde_json`, for callers that speak JSON.
//!
//! # Untrusted input
//!
//! Comments are written by adversaries and policies by office staff; neither may crash, stall
//! or silently disarm the host application. What galateo guarantees, and how it is checked:
//!
//! - **No panic** on any comment (any `&str`, any [`Comment`], any instant) and on any policy
//!   text: coverage-guided fuzz targets (`tests/fuzz/`) and property tests run the classifier,
//!   `moderate`, the policy loader (on arbitrary bytes and on mutated presets), the
//!   normaliser, and the round trips of the ledger's state and of the tracker.
//! - **Linear time** in the length of the text: one normalisation pass, one pass of each
//!   lexicon automaton (the shipped one and the policy's), one word-table lookup per word,
//!   rules as a Pike VM over word positions (time = words × program length), linear-time
//!   regexes, and linear sweeps where hits are resolved. The
//!   `linear` benchmark group measures adversarial texts (one word repeated, 100,000 distinct
//!   words, combining marks, spaced and zero-width-separated letters, digit, `@`, `.` and
//!   `http://` mixtures, emoji, bidi overrides) at 64 KiB, 256 KiB and 1 MiB and fails when
//!   the time per byte doubles.
//! - **Bounded memory per comment**: a comment longer than
//!   [`ModeratorBuilder::max_len`] (1 MiB by default) is classified on its head and the
//!   verdict says so ([`Verdict::is_truncated`]); nothing unread is redacted as clean.
//! - **Exact spans**: every finding's span lies on character boundaries of the original
//!   text and equals its excerpt; redaction replaces whole recognised identifiers.
//! - **Fail closed**: everything a policy compiles (terms, rules, classes, regexes, sizes) is
//!   checked when it loads, so a [`Policy`] that loaded always builds a [`Moderator`]; a
//!   shipped data file that does not parse fails the test suite with `file:line`; no builder
//!   falls back to an empty detector. A policy's terms and classes are bounded in the forms
//!   they generate, and loading reports every problem with field, line and column.
//! - **Bounded escalation state**: the [`Ledger`] answers in logarithmic time per record and
//!   query, drops what decayed a year before an author's latest record, and takes an instant
//!   more than a year after its clock (a broken clock) as happening at its clock.
//! - **Bounded flood state**: the [`Tracker`] keeps fingerprints, not texts, for at most 5,000
//!   authors (16 comments each) and 5,000 texts by default, drops what leaves its window as
//!   comments come in, takes a late instant at its author's latest and a far-future one at its
//!   clock, and puts a saved state read back in order and within its caps.
//!
//! What is not guaranteed: that every abusive comment is caught (detection is lexicons and
//! rules, measured and not perfect; a determined author can write abuse no rule knows), nor
//! that a policy written by an adversary keeps classification as fast as the presets (its
//! terms and rules are bounded in size, not in how often they match).

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod comment;
mod data;
mod decision;
mod detect;
mod escalation;
#[cfg(feature = "json")]
mod json;
mod kind;
mod moderator;
mod names;
mod policy;
mod rules;
mod schedule;
mod text;
mod tracker;
mod verdict;

pub use comment::{Author, Comment, Post};
pub use decision::{Decision, Severity, UnknownDecision};
pub use escalation::{
    Escalation, Immediate, Ledger, LedgerState, RecordError, Sanction, StrikeWeights, Threshold,
};
pub use kind::{Ground, Kind, PersonalKind, UnknownKind};
pub use moderator::{BuildError, DEFAULT_MAX_LEN, LexiconSize, Moderator, ModeratorBuilder};
pub use names::UnknownName;
pub use policy::{
    Category, Channel, Clause, Contact, Enforcer, FORMAT, Identity, Meta, NameRule, Policy,
    PolicyError, Privacy, Problem, Purpose, RedactOperator, Redaction, Reply, ReplyFormat, Stance,
    Template,
};
pub use schedule::{Holidays, OutsideHours, Schedule, Window, italian_holidays};
pub use tracker::{Observation, Signal, Tracker};
pub use verdict::{Finding, Span, Verdict};

/// The time crate of galateo's public API (`Timestamp`, `civil::Date`, `SignedDuration`),
/// re-exported so a caller's version always matches: `galateo::jiff::Timestamp`.
pub use jiff;

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
