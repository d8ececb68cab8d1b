//! Decisions and severities, the two ordered scales of a verdict.

use crate::names::names;

/// What should happen to a comment, ordered from the mildest to the gravest.
///
/// ```
/// use galateo::Decision;
///
/// assert!(Decision::Publish < Decision::Review);
/// assert!(Decision::Hide < Decision::Remove);
/// assert_eq!("hide".parse::<Decision>().unwrap(), Decision::Hide);
/// assert_eq!(Decision::Review.as_str(), "review");
/// assert_eq!(Decision::ALL.len(), 4);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Decision {
    /// Nothing against the policy was found.
    #[default]
    Publish,
    /// Keep it visible, but a person should look.
    Review,
    /// Hide it until a person looks.
    Hide,
    /// Remove it.
    Remove,
}

names!(Decision, "decision", [
    Publish => "publish",
    Review => "review",
    Hide => "hide",
    Remove => "remove",
], serde);

/// The error returned when a string names no decision.
pub type UnknownDecision = crate::UnknownName;

/// How grave, or how certain, a finding is.
///
/// `Low` marks weak evidence (an ambiguous word, a marker of misinformation): it never leads
/// further than [`Decision::Review`].
///
/// ```
/// use galateo::Severity;
///
/// assert!(Severity::Low < Severity::High);
/// assert_eq!(Severity::default(), Severity::Medium);
/// assert_eq!("high".parse::<Severity>().unwrap(), Severity::High);
/// assert_eq!(Severity::High.to_string(), "high");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Severity {
    /// Weak or ambiguous evidence: a person should decide.
    Low,
    /// A clear violation.
    #[default]
    Medium,
    /// A grave violation (slurs, threats to life).
    High,
}

names!(Severity, "severity", [
    Low => "low",
    Medium => "medium",
    High => "high",
], serde);
