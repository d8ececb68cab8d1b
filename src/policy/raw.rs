//! The policy file's shape, exactly as written in TOML.
//!
//! Phase one of loading: every section is deserialised on its own (so one bad table does not
//! hide the problems of the others) into these structs, which keep the spans that phase two
//! needs to point at a line and column. Nothing here checks meaning; `validate` does.

use serde::{Deserialize, Serialize};
use toml::Spanned;
use toml::value::Datetime;

/// The whole file, used only to write a policy back out.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct RawFile {
    pub format: u32,
    pub policy: RawMeta,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub channel: Vec<RawChannel>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contact: Vec<RawContact>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clause: Vec<RawClause>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub category: Vec<RawCategory>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<RawSchedule>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation: Option<RawEscalation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privacy: Option<RawPrivacy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<RawIdentity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replies: Option<RawReplies>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reply: Vec<RawReply>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lexicon: Option<RawLexicon>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub class: Vec<RawClass>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rule: Vec<RawRule>,
}

/// What a key's value must be, in the words of the file format. Loading checks every table
/// against these shapes before deserialising it, so problems are found from the document's
/// structure and told in TOML terms; `tests::schemas_match_the_structs` keeps them in step
/// with the structs below.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Shape {
    String,
    Integer,
    /// An integer from 0 to `u32::MAX`.
    Count,
    Bool,
    /// A TOML date (or date-time, which validation refuses with its own message).
    Date,
    Strings,
    Dates,
    Table(&'static [Key]),
    Tables(&'static [Key]),
}

/// A key of a table: its name, shape, and whether the table needs it.
#[derive(Debug)]
pub(crate) struct Key {
    pub name: &'static str,
    pub shape: Shape,
    pub required: bool,
}

const fn req(name: &'static str, shape: Shape) -> Key {
    Key {
        name,
        shape,
        required: true,
    }
}

const fn opt(name: &'static str, shape: Shape) -> Key {
    Key {
        name,
        shape,
        required: false,
    }
}

use Shape::{Bool, Count, Date, Dates, Integer, Strings, Table, Tables};

/// The top level of a policy file.
pub(crate) const ROOT: &[Key] = &[
    req("format", Integer),
    req("policy", Table(META)),
    opt("channel", Tables(CHANNEL)),
    opt("contact", Tables(CONTACT)),
    opt("clause", Tables(CLAUSE)),
    opt("category", Tables(CATEGORY)),
    opt("schedule", Table(SCHEDULE)),
    opt("escalation", Table(ESCALATION)),
    opt("privacy", Table(PRIVACY)),
    opt("identity", Table(IDENTITY)),
    opt("replies", Table(REPLIES)),
    opt("reply", Tables(REPLY)),
    opt("lexicon", Table(LEXICON)),
    opt("class", Tables(CLASS)),
    opt("rule", Tables(RULE)),
];

pub(crate) const META: &[Key] = &[
    req("id", Shape::String),
    req("name", Shape::String),
    req("institution", Shape::String),
    req("owner", Shape::String),
    req("version", Shape::String),
    opt("published", Date),
    opt("updated", Date),
    opt("languages", Strings),
    opt("source", Shape::String),
    opt("domains", Strings),
    opt("clauses", Strings),
];

pub(crate) const CHANNEL: &[Key] = &[
    req("platform", Shape::String),
    opt("name", Shape::String),
    req("url", Shape::String),
    opt("clause", Shape::String),
];

pub(crate) const CONTACT: &[Key] = &[
    req("id", Shape::String),
    req("purpose", Shape::String),
    req("name", Shape::String),
    opt("email", Shape::String),
    opt("phones", Strings),
    opt("url", Shape::String),
    opt("clause", Shape::String),
];

pub(crate) const CLAUSE: &[Key] = &[
    req("id", Shape::String),
    req("section", Shape::String),
    req("text", Shape::String),
    opt("not-checkable", Shape::String),
];

pub(crate) const CATEGORY: &[Key] = &[
    req("id", Shape::String),
    req("label", Shape::String),
    req("stance", Shape::String),
    opt("kinds", Strings),
    req("clause", Shape::String),
    opt("severity", Shape::String),
    opt("decision", Shape::String),
    opt("severe-decision", Shape::String),
    opt("reply", Shape::String),
    opt("terms", Strings),
    opt("protects", Strings),
];

pub(crate) const SCHEDULE: &[Key] = &[
    req("time-zone", Shape::String),
    opt("clause", Shape::String),
    opt("italian-holidays", Bool),
    opt("local-holidays", Strings),
    opt("closed", Dates),
    opt("outside-hours", Shape::String),
    opt("review-within", Shape::String),
    opt("window", Tables(WINDOW)),
];

pub(crate) const WINDOW: &[Key] = &[
    req("days", Strings),
    req("start", Shape::String),
    req("end", Shape::String),
];

pub(crate) const ESCALATION: &[Key] = &[
    opt("clause", Shape::String),
    req("window-days", Integer),
    opt("strikes", Table(STRIKES)),
    opt("threshold", Tables(THRESHOLD)),
    opt("immediate", Tables(IMMEDIATE)),
];

pub(crate) const STRIKES: &[Key] = &[
    opt("review", Count),
    opt("hide", Count),
    opt("remove", Count),
];

pub(crate) const THRESHOLD: &[Key] = &[req("strikes", Integer), req("sanction", Shape::String)];

pub(crate) const IMMEDIATE: &[Key] = &[req("kinds", Strings), req("sanction", Shape::String)];

pub(crate) const PRIVACY: &[Key] = &[
    opt("clause", Shape::String),
    opt("redact", Strings),
    opt("mark", Shape::String),
    opt("own-reply", Shape::String),
    opt("public", Strings),
    opt("redaction", Tables(REDACTION)),
];

pub(crate) const REDACTION: &[Key] = &[
    req("kinds", Strings),
    req("operator", Shape::String),
    opt("keep", Integer),
    opt("mark", Shape::String),
];

pub(crate) const IDENTITY: &[Key] = &[
    opt("clause", Shape::String),
    req("require", Shape::String),
    opt("nickname", Shape::String),
    opt("organisation", Shape::String),
];

pub(crate) const REPLY: &[Key] = &[
    req("id", Shape::String),
    opt("lang", Shape::String),
    req("text", Shape::String),
];

pub(crate) const REPLIES: &[Key] = &[
    opt("greeting", Shape::String),
    opt("closing", Shape::String),
];

pub(crate) const LEXICON: &[Key] = &[opt("allow", Strings)];

pub(crate) const CLASS: &[Key] = &[req("name", Shape::String), req("words", Strings)];

pub(crate) const RULE: &[Key] = &[
    req("id", Shape::String),
    req("kind", Shape::String),
    req("pattern", Shape::String),
    opt("severity", Shape::String),
    opt("ground", Shape::String),
    opt("negation", Bool),
    opt("own", Bool),
];

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawMeta {
    pub id: Spanned<String>,
    pub name: String,
    pub institution: String,
    pub owner: String,
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Spanned<Datetime>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Spanned<Datetime>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clauses: Vec<Spanned<String>>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawChannel {
    pub platform: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<Spanned<String>>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawContact {
    pub id: Spanned<String>,
    pub purpose: Spanned<String>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<Spanned<String>>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawClause {
    pub id: Spanned<String>,
    pub section: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_checkable: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawCategory {
    pub id: Spanned<String>,
    pub label: String,
    pub stance: Spanned<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<Spanned<String>>,
    pub clause: Spanned<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severe_decision: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub protects: Vec<Spanned<String>>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawSchedule {
    pub time_zone: Spanned<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<Spanned<String>>,
    #[serde(default)]
    pub italian_holidays: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub local_holidays: Vec<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closed: Vec<Spanned<Datetime>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outside_hours: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_within: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub window: Vec<RawWindow>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawWindow {
    pub days: Spanned<Vec<Spanned<String>>>,
    pub start: Spanned<String>,
    pub end: Spanned<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawEscalation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<Spanned<String>>,
    pub window_days: Spanned<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strikes: Option<RawStrikes>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub threshold: Vec<RawThreshold>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub immediate: Vec<RawImmediate>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawStrikes {
    #[serde(default)]
    pub review: u32,
    #[serde(default = "one")]
    pub hide: u32,
    #[serde(default = "two")]
    pub remove: u32,
}

fn one() -> u32 {
    1
}

fn two() -> u32 {
    2
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawThreshold {
    pub strikes: Spanned<i64>,
    pub sanction: Spanned<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawImmediate {
    pub kinds: Vec<Spanned<String>>,
    pub sanction: Spanned<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawPrivacy {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redact: Vec<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub own_reply: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub public: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redaction: Vec<RawRedaction>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawRedaction {
    pub kinds: Vec<Spanned<String>>,
    pub operator: Spanned<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep: Option<Spanned<i64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<Spanned<String>>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawIdentity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<Spanned<String>>,
    pub require: Spanned<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<Spanned<String>>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawReply {
    pub id: Spanned<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Spanned<String>>,
    pub text: Spanned<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawReplies {
    /// The reply that opens every composed reply ("Gentile utente,").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub greeting: Option<Spanned<String>>,
    /// The reply that closes every composed reply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<Spanned<String>>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawLexicon {
    /// Innocent phrases that cancel any finding they overlap.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<Spanned<String>>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawClass {
    pub name: Spanned<String>,
    pub words: Vec<Spanned<String>>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawRule {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    pub pattern: Spanned<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ground: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub negation: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub own: bool,
}

#[cfg(test)]
mod tests {
    use std::fmt;

    use serde::de::{self, DeserializeOwned, Visitor};

    use super::*;

    /// The field names serde knows for `T`, read from its `Deserialize` impl.
    fn fields<T: DeserializeOwned>() -> Vec<&'static str> {
        let mut names = match T::deserialize(Fields) {
            Err(Captured(names)) => names.to_vec(),
            Ok(_) => Vec::new(),
        };
        names.sort_unstable();
        names
    }

    /// A deserializer that only answers which fields a struct asks for.
    struct Fields;

    #[derive(Debug)]
    struct Captured(&'static [&'static str]);

    impl fmt::Display for Captured {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{:?}", self.0)
        }
    }

    impl std::error::Error for Captured {}

    impl de::Error for Captured {
        fn custom<T: fmt::Display>(_: T) -> Self {
            Captured(&[])
        }
    }

    impl<'de> de::Deserializer<'de> for Fields {
        type Error = Captured;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Captured> {
            Err(Captured(&[]))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Captured> {
            Err(Captured(fields))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }

    /// A TOML value of `shape`; tables hold every key, or only the required ones.
    fn sample(shape: Shape, all: bool) -> String {
        match shape {
            Shape::String => "\"x\"".to_owned(),
            Integer | Count => "1".to_owned(),
            Bool => "true".to_owned(),
            Date => "2024-01-01".to_owned(),
            Strings => "[\"x\"]".to_owned(),
            Dates => "[2024-01-01]".to_owned(),
            Table(keys) => format!("{{ {} }}", table(keys, all, None, ", ")),
            Tables(keys) => format!("[{{ {} }}]", table(keys, all, None, ", ")),
        }
    }

    /// The keys of a table of `keys`, leaving out `without`, one after the other.
    fn table(keys: &[Key], all: bool, without: Option<&str>, separator: &str) -> String {
        keys.iter()
            .filter(|k| (all || k.required) && Some(k.name) != without)
            .map(|k| format!("{} = {}", k.name, sample(k.shape, all)))
            .collect::<Vec<_>>()
            .join(separator)
    }

    /// `keys` describe `T`: the same names, every shape accepted, and exactly the required
    /// keys needed.
    fn check<T: DeserializeOwned>(name: &str, keys: &[Key]) {
        let mut names: Vec<&str> = keys.iter().map(|k| k.name).collect();
        names.sort_unstable();
        assert_eq!(names, fields::<T>(), "{name}: the schema names other keys");
        let parse = |all, without| toml::from_str::<T>(&table(keys, all, without, "\n"));
        if let Err(e) = parse(true, None) {
            panic!("{name}: every key filled in does not deserialise: {e}");
        }
        if let Err(e) = parse(false, None) {
            panic!("{name}: the required keys alone do not deserialise: {e}");
        }
        for key in keys.iter().filter(|k| k.required) {
            assert!(
                parse(true, Some(key.name)).is_err(),
                "{name}: `{}` is marked required but is not",
                key.name
            );
        }
    }

    #[test]
    fn schemas_match_the_structs() {
        check::<RawMeta>("policy", META);
        check::<RawChannel>("channel", CHANNEL);
        check::<RawContact>("contact", CONTACT);
        check::<RawClause>("clause", CLAUSE);
        check::<RawCategory>("category", CATEGORY);
        check::<RawSchedule>("schedule", SCHEDULE);
        check::<RawWindow>("schedule.window", WINDOW);
        check::<RawEscalation>("escalation", ESCALATION);
        check::<RawStrikes>("escalation.strikes", STRIKES);
        check::<RawThreshold>("escalation.threshold", THRESHOLD);
        check::<RawImmediate>("escalation.immediate", IMMEDIATE);
        check::<RawPrivacy>("privacy", PRIVACY);
        check::<RawRedaction>("privacy.redaction", REDACTION);
        check::<RawIdentity>("identity", IDENTITY);
        check::<RawReply>("reply", REPLY);
        check::<RawReplies>("replies", REPLIES);
        check::<RawLexicon>("lexicon", LEXICON);
        check::<RawClass>("class", CLASS);
        check::<RawRule>("rule", RULE);
    }
}
