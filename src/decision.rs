//! Decisions and severities, the two ordered scales of a verdict.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What should happen to a comment, ordered from the mildest to the gravest.
///
/// ```
/// use galateo::Decision;
///
/// assert!(Decision::Publish < Decision::Review);
/// assert!(Decision::Hide < Decision::Remove);
/// assert_eq!("hide".parse::<Decision>().unwrap(), Decision::Hide);
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
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

impl Decision {
    /// Every decision, mildest first.
    pub const ALL: [Decision; 4] = [
        Decision::Publish,
        Decision::Review,
        Decision::Hide,
        Decision::Remove,
    ];

    /// The decision's name in policy files and output.
    ///
    /// ```
    /// assert_eq!(galateo::Decision::Review.as_str(), "review");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Decision::Publish => "publish",
            Decision::Review => "review",
            Decision::Hide => "hide",
            Decision::Remove => "remove",
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error returned when a string names no decision.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown decision `{0}`")]
pub struct UnknownDecision(pub String);

impl FromStr for Decision {
    type Err = UnknownDecision;

    fn from_str(s: &str) -> Result<Decision, UnknownDecision> {
        Decision::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| UnknownDecision(s.to_owned()))
    }
}

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
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Weak or ambiguous evidence: a person should decide.
    Low,
    /// A clear violation.
    #[default]
    Medium,
    /// A grave violation (slurs, threats to life).
    High,
}

impl Severity {
    /// The severity's name in policy files and output.
    ///
    /// ```
    /// assert_eq!(galateo::Severity::High.as_str(), "high");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
