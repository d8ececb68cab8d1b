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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reply: Vec<RawReply>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lexicon: Option<RawLexicon>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub class: Vec<RawClass>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rule: Vec<RawRule>,
}

/// The top-level keys a policy file may have, for "did you mean" hints.
pub(crate) const SECTIONS: &[&str] = &[
    "format",
    "policy",
    "channel",
    "contact",
    "clause",
    "category",
    "schedule",
    "escalation",
    "privacy",
    "identity",
    "reply",
    "lexicon",
    "class",
    "rule",
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
    pub text: Spanned<String>,
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
}
