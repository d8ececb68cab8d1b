//! The shipped data of the rule layer, embedded at compile time.
//!
//! Every file is plain text next to the lexicons (`src/lexicons/<lang>/classes`, `verbs`,
//! `rules`); `shipped_data_parses` checks every line of every file, and the dictionary test
//! checks that nothing they generate flags an ordinary word.

use crate::Kind;

macro_rules! files {
    ($dir:literal, $($lang:literal $name:literal),* $(,)?) => {
        &[$(($lang, $name, include_str!(concat!("../lexicons/", $lang, "/", $dir, "/", $name, ".txt")))),*]
    };
}

/// Word classes: (language, class name, file).
pub(crate) const CLASSES: &[(&str, &str, &str)] = files!(
    "classes",
    "it" "accusation",
    "it" "addressee",
    "it" "alarm",
    "it" "ambiguous-insult",
    "it" "blow",
    "it" "body-part",
    "it" "brand",
    "it" "condemnation",
    "it" "copula",
    "it" "crime-act",
    "it" "dehumanising",
    "it" "derogatory",
    "it" "det",
    "it" "family",
    "it" "group",
    "it" "health-condition",
    "it" "illness",
    "it" "illness-noun",
    "it" "incident",
    "it" "intent",
    "it" "modal",
    "it" "negator",
    "it" "now",
    "it" "offer",
    "it" "orientation",
    "it" "party",
    "it" "pejorative-adjective",
    "it" "pirated",
    "it" "possessive-you",
    "it" "premises",
    "it" "property",
    "it" "reporting",
    "it" "share-appeal",
    "it" "stereotype",
    "it" "swearword",
    "it" "titled-person",
    "it" "transparent",
    "it" "weapon",
    "it" "wish",
    "it" "you",
    "en" "accusation",
    "en" "addressee",
    "en" "ambiguous-insult",
    "en" "blow",
    "en" "body-part",
    "en" "brand",
    "en" "condemnation",
    "en" "copula",
    "en" "dehumanising",
    "en" "derogatory",
    "en" "det",
    "en" "family",
    "en" "group",
    "en" "health-condition",
    "en" "illness",
    "en" "incident",
    "en" "intent",
    "en" "modal",
    "en" "negator",
    "en" "now",
    "en" "offer",
    "en" "orientation",
    "en" "party",
    "en" "pejorative-adjective",
    "en" "pirated",
    "en" "possessive-you",
    "en" "premises",
    "en" "property",
    "en" "reporting",
    "en" "stereotype",
    "en" "swearword",
    "en" "titled-person",
    "en" "transparent",
    "en" "weapon",
    "en" "wish",
    "en" "you",
);

/// Verb classes: (language, class name, file).
pub(crate) const VERBS: &[(&str, &str, &str)] = files!(
    "verbs",
    "it" "destroy",
    "it" "die",
    "it" "exclude",
    "it" "expel",
    "it" "harm",
    "it" "harm-strong",
    "it" "maim",
    "it" "seek",
    "it" "sexual",
    "en" "destroy",
    "en" "die",
    "en" "exclude",
    "en" "expel",
    "en" "harm",
    "en" "harm-strong",
    "en" "maim",
    "en" "seek",
    "en" "sexual",
);

/// Rules: (language, the kind they report, file).
pub(crate) const RULES: &[(&str, Kind, &str)] = &[
    (
        "it",
        Kind::Threat,
        include_str!("../lexicons/it/rules/threat.txt"),
    ),
    (
        "it",
        Kind::Violence,
        include_str!("../lexicons/it/rules/violence.txt"),
    ),
    (
        "it",
        Kind::Discrimination,
        include_str!("../lexicons/it/rules/discrimination.txt"),
    ),
    (
        "it",
        Kind::Insult,
        include_str!("../lexicons/it/rules/insult.txt"),
    ),
    (
        "it",
        Kind::Vulgarity,
        include_str!("../lexicons/it/rules/vulgarity.txt"),
    ),
    (
        "en",
        Kind::Threat,
        include_str!("../lexicons/en/rules/threat.txt"),
    ),
    (
        "en",
        Kind::Violence,
        include_str!("../lexicons/en/rules/violence.txt"),
    ),
    (
        "en",
        Kind::Discrimination,
        include_str!("../lexicons/en/rules/discrimination.txt"),
    ),
    (
        "en",
        Kind::Insult,
        include_str!("../lexicons/en/rules/insult.txt"),
    ),
    (
        "en",
        Kind::Vulgarity,
        include_str!("../lexicons/en/rules/vulgarity.txt"),
    ),
    (
        "it",
        Kind::PoliticalPromotion,
        include_str!("../lexicons/it/rules/political-promotion.txt"),
    ),
    (
        "it",
        Kind::Misinformation,
        include_str!("../lexicons/it/rules/misinformation.txt"),
    ),
    (
        "it",
        Kind::Defamation,
        include_str!("../lexicons/it/rules/defamation.txt"),
    ),
    (
        "it",
        Kind::Copyright,
        include_str!("../lexicons/it/rules/copyright.txt"),
    ),
    (
        "it",
        Kind::SensitiveData,
        include_str!("../lexicons/it/rules/sensitive-data.txt"),
    ),
    (
        "it",
        Kind::Emergency,
        include_str!("../lexicons/it/rules/emergency.txt"),
    ),
    (
        "en",
        Kind::PoliticalPromotion,
        include_str!("../lexicons/en/rules/political-promotion.txt"),
    ),
    (
        "en",
        Kind::Misinformation,
        include_str!("../lexicons/en/rules/misinformation.txt"),
    ),
    (
        "en",
        Kind::Defamation,
        include_str!("../lexicons/en/rules/defamation.txt"),
    ),
    (
        "en",
        Kind::Copyright,
        include_str!("../lexicons/en/rules/copyright.txt"),
    ),
    (
        "en",
        Kind::SensitiveData,
        include_str!("../lexicons/en/rules/sensitive-data.txt"),
    ),
    (
        "en",
        Kind::Emergency,
        include_str!("../lexicons/en/rules/emergency.txt"),
    ),
    (
        "it",
        Kind::Spam,
        include_str!("../lexicons/it/rules/spam.txt"),
    ),
    (
        "en",
        Kind::Spam,
        include_str!("../lexicons/en/rules/spam.txt"),
    ),
];

/// The given names of the identity detector, also the word class `<given-name>` of every
/// language: a person named in a comment ("Mario Neri è …").
pub(crate) const GIVEN_NAMES: &str = include_str!("../lexicons/given-names.txt");
