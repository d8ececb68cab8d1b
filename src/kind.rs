//! The closed taxonomy of findings.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What a finding is, from one closed vocabulary shared by every policy.
///
/// Code and tests reason on kinds; people read the policy's own category names. A policy ties
/// each kind it cares about to one of its categories.
///
/// ```
/// use galateo::Kind;
///
/// let kind: Kind = "personal-data".parse().unwrap();
/// assert_eq!(kind, Kind::PersonalData);
/// assert_eq!(kind.to_string(), "personal-data");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// An insult or offence aimed at a person or group.
    Insult,
    /// Vulgar or obscene language.
    Vulgarity,
    /// A threat against a person, a group or property.
    Threat,
    /// Violent attitudes: praise of or calls for violence without a direct threat.
    Violence,
    /// Discrimination on a protected ground (gender, ethnic origin, religion, …).
    Discrimination,
    /// Illegal content or incitement to illegal acts.
    Illegal,
    /// Markers of false, misleading or alarmist information (routed to review only).
    Misinformation,
    /// Commercial advertising or promotion of private interests.
    Advertising,
    /// Promotion of parties, candidates or political organisations.
    PoliticalPromotion,
    /// Spam: repeated, automated or bait content.
    Spam,
    /// Content unrelated to the post under discussion.
    OffTopic,
    /// Personal data of the author or of third parties (contacts, identifiers).
    PersonalData,
    /// Sensitive data: health, religion, sexual orientation and the like.
    SensitiveData,
    /// Statements that may damage the reputation of people or organisations.
    Defamation,
    /// Copyright or trademark violations.
    Copyright,
    /// A personal case that belongs with the relevant office, not in public comments.
    PersonalCase,
    /// A report of a crime, which social pages cannot receive.
    CrimeReport,
    /// Gratuitous polemics, especially repeated ones.
    Trolling,
    /// An author who does not identify themselves as the policy requires.
    UnidentifiedAuthor,
}

impl Kind {
    /// Every kind, in taxonomy order.
    ///
    /// ```
    /// assert_eq!(galateo::Kind::ALL.len(), 19);
    /// ```
    pub const ALL: [Kind; 19] = [
        Kind::Insult,
        Kind::Vulgarity,
        Kind::Threat,
        Kind::Violence,
        Kind::Discrimination,
        Kind::Illegal,
        Kind::Misinformation,
        Kind::Advertising,
        Kind::PoliticalPromotion,
        Kind::Spam,
        Kind::OffTopic,
        Kind::PersonalData,
        Kind::SensitiveData,
        Kind::Defamation,
        Kind::Copyright,
        Kind::PersonalCase,
        Kind::CrimeReport,
        Kind::Trolling,
        Kind::UnidentifiedAuthor,
    ];

    /// The kind's name in policy files and output, e.g. `political-promotion`.
    ///
    /// ```
    /// assert_eq!(galateo::Kind::CrimeReport.as_str(), "crime-report");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Insult => "insult",
            Kind::Vulgarity => "vulgarity",
            Kind::Threat => "threat",
            Kind::Violence => "violence",
            Kind::Discrimination => "discrimination",
            Kind::Illegal => "illegal",
            Kind::Misinformation => "misinformation",
            Kind::Advertising => "advertising",
            Kind::PoliticalPromotion => "political-promotion",
            Kind::Spam => "spam",
            Kind::OffTopic => "off-topic",
            Kind::PersonalData => "personal-data",
            Kind::SensitiveData => "sensitive-data",
            Kind::Defamation => "defamation",
            Kind::Copyright => "copyright",
            Kind::PersonalCase => "personal-case",
            Kind::CrimeReport => "crime-report",
            Kind::Trolling => "trolling",
            Kind::UnidentifiedAuthor => "unidentified-author",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error returned when a string names no kind of the taxonomy.
///
/// ```
/// let err = "insults".parse::<galateo::Kind>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown kind `insults`");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown kind `{0}`")]
pub struct UnknownKind(pub String);

impl FromStr for Kind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Kind, UnknownKind> {
        Kind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| UnknownKind(s.to_owned()))
    }
}

/// The protected ground of a discrimination finding, as the policies list them.
///
/// ```
/// use galateo::Ground;
///
/// assert_eq!("sexual-orientation".parse::<Ground>(), Ok(Ground::SexualOrientation));
/// assert_eq!(Ground::EthnicOrigin.as_str(), "ethnic-origin");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ground {
    /// Gender (including misogyny).
    Gender,
    /// Ethnic or national origin.
    EthnicOrigin,
    /// Language.
    Language,
    /// Religion.
    Religion,
    /// Personal beliefs.
    Belief,
    /// Political opinions.
    PoliticalOpinion,
    /// Sexual orientation.
    SexualOrientation,
    /// Gender identity.
    GenderIdentity,
    /// Age.
    Age,
    /// Disability.
    Disability,
    /// Social or economic condition.
    SocialCondition,
}

impl Ground {
    /// Every ground.
    pub const ALL: [Ground; 11] = [
        Ground::Gender,
        Ground::EthnicOrigin,
        Ground::Language,
        Ground::Religion,
        Ground::Belief,
        Ground::PoliticalOpinion,
        Ground::SexualOrientation,
        Ground::GenderIdentity,
        Ground::Age,
        Ground::Disability,
        Ground::SocialCondition,
    ];

    /// The ground's name in lexicons and output.
    pub const fn as_str(self) -> &'static str {
        match self {
            Ground::Gender => "gender",
            Ground::EthnicOrigin => "ethnic-origin",
            Ground::Language => "language",
            Ground::Religion => "religion",
            Ground::Belief => "belief",
            Ground::PoliticalOpinion => "political-opinion",
            Ground::SexualOrientation => "sexual-orientation",
            Ground::GenderIdentity => "gender-identity",
            Ground::Age => "age",
            Ground::Disability => "disability",
            Ground::SocialCondition => "social-condition",
        }
    }
}

impl fmt::Display for Ground {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Ground {
    type Err = String;

    fn from_str(s: &str) -> Result<Ground, String> {
        Ground::ALL
            .into_iter()
            .find(|g| g.as_str() == s)
            .ok_or_else(|| format!("unknown ground `{s}`"))
    }
}
