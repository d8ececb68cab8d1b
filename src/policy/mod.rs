//! The typed, validated policy model.

mod error;
pub(crate) mod judge;
mod load;
mod presets;
mod raw;
mod template;
mod validate;

use std::fmt;
use std::path::Path;

use jiff::civil::Date;

use crate::names::names;

pub(crate) use error::suggest;
pub use error::{PolicyError, Problem};
pub use template::Template;

use crate::detect::lexicon::Entry;
use crate::escalation::Escalation;
use crate::rules::{ClassSource, RuleSource};
use crate::schedule::Schedule;
use crate::{Decision, Kind, Severity};

/// The version of the policy file format this crate reads and writes (`format = 1`).
pub const FORMAT: u32 = 1;

/// A public institution's social-media policy, validated.
///
/// Load one from TOML ([`Policy::from_toml_str`], [`Policy::from_path`]) or take a shipped
/// preset ([`Policy::preset`]). Every clause of the source document is kept with the
/// element that enforces it, so a decision can always be traced back to the text people
/// agreed to.
///
/// ```
/// use galateo::Policy;
///
/// let policy = Policy::preset("comune-livorno")?;
/// assert_eq!(policy.meta().institution, "Comune di Livorno");
/// assert!(policy.category("critica").is_some());
/// // A policy writes itself back to the same file format.
/// assert_eq!(Policy::from_toml_str(&policy.to_toml())?, policy);
/// # Ok::<(), galateo::PolicyError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    pub(crate) meta: Meta,
    pub(crate) channels: Vec<Channel>,
    pub(crate) contacts: Vec<Contact>,
    pub(crate) clauses: Vec<Clause>,
    pub(crate) categories: Vec<Category>,
    /// The `[schedule]` table as written, `None` when the file has none (always staffed).
    pub(crate) schedule: Option<(Schedule, Option<String>)>,
    pub(crate) escalation: Option<(Escalation, Option<String>)>,
    pub(crate) privacy: Privacy,
    pub(crate) identity: Option<Identity>,
    pub(crate) replies: Vec<Reply>,
    pub(crate) reply_format: ReplyFormat,
    pub(crate) always: Schedule,
    pub(crate) no_escalation: Escalation,
    /// `[lexicon] allow` as written, and parsed.
    pub(crate) allow_source: Vec<String>,
    pub(crate) allow: Vec<Entry>,
    /// `[[class]]` as written, and parsed (in the policy's language).
    pub(crate) class_source: Vec<(String, Vec<String>)>,
    pub(crate) classes: Vec<ClassSource>,
    /// `[[rule]]`, compiled against the shipped classes when the policy loaded.
    pub(crate) rules: Vec<RuleSource>,
    /// What loading found to have no effect; not part of the policy's meaning.
    pub(crate) warnings: Warnings,
}

/// The warnings of a loaded policy. They say where the file is, so two equal policies (one
/// written back by [`Policy::to_toml`] and loaded again, say) may have them on other lines:
/// they never make policies unequal.
#[derive(Clone, Debug, Default)]
pub(crate) struct Warnings(pub(crate) Vec<Problem>);

impl PartialEq for Warnings {
    fn eq(&self, _: &Warnings) -> bool {
        true
    }
}

impl Policy {
    /// Parses and validates a policy written in the TOML file format.
    ///
    /// Every problem is reported at once, each with its field, line and column.
    ///
    /// ```
    /// let err = galateo::Policy::from_toml_str(
    ///     "format = 1\n[policy]\nid = \"x\"\nnmae = \"X\"\n",
    /// )
    /// .unwrap_err();
    /// let unknown = err.problems().iter().find(|p| p.field() == "policy.nmae").unwrap();
    /// assert_eq!(unknown.message(), "unknown key `nmae`");
    /// assert_eq!(unknown.hint(), Some("name"));
    /// ```
    pub fn from_toml_str(source: &str) -> Result<Policy, PolicyError> {
        validate::policy(source, "<string>")
    }

    /// Reads, parses and validates a policy file.
    ///
    /// ```no_run
    /// let policy = galateo::Policy::from_path("my-town.toml")?;
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Result<Policy, PolicyError> {
        let path = path.as_ref();
        let source = std::fs::read_to_string(path).map_err(|source| PolicyError::Read {
            path: path.to_owned(),
            source,
        })?;
        validate::policy(&source, &path.display().to_string())
    }

    /// One of the policies shipped with the crate, by id (see [`Policy::presets`]).
    ///
    /// ```
    /// let policy = galateo::Policy::preset("conferenza-stato-citta")?;
    /// assert_eq!(policy.meta().id, "conferenza-stato-citta");
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn preset(id: &str) -> Result<Policy, PolicyError> {
        match presets::source(id) {
            Some(source) => validate::policy(source, id),
            None => Err(PolicyError::UnknownPreset {
                name: id.to_owned(),
                hint: suggest(id, presets::ids()),
            }),
        }
    }

    /// The ids of the shipped presets; the first is the default.
    ///
    /// ```
    /// assert_eq!(galateo::Policy::presets(), ["comune-livorno", "conferenza-stato-citta"]);
    /// ```
    pub fn presets() -> &'static [&'static str] {
        presets::IDS
    }

    /// The id of the default preset, used when a caller names none.
    ///
    /// ```
    /// assert_eq!(galateo::Policy::default_preset(), "comune-livorno");
    /// ```
    pub fn default_preset() -> &'static str {
        presets::DEFAULT
    }

    /// The shipped preset's TOML text, as a starting point for a policy of one's own.
    ///
    /// ```
    /// let text = galateo::Policy::preset_source("comune-livorno").unwrap();
    /// assert!(text.contains("[[category]]"));
    /// ```
    pub fn preset_source(id: &str) -> Option<&'static str> {
        presets::source(id)
    }

    /// Writes the policy in the TOML file format; loading the result gives an equal policy.
    ///
    /// ```
    /// let policy = galateo::Policy::preset("comune-livorno")?;
    /// assert!(policy.to_toml().starts_with("format = 1"));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn to_toml(&self) -> String {
        validate::to_toml(self)
    }

    /// What loading found to have no effect, in file order: a forbidden category that nothing
    /// can trigger, an allowed one that protects nothing, a reply nothing uses. The policy
    /// loads and works; each warning names the field, line and column as a [`Problem`] does.
    ///
    /// Warnings are not part of the policy's meaning: policies that differ only in them are
    /// equal.
    ///
    /// ```
    /// let base = "format = 1\n[policy]\nid = \"x\"\nname = \"X\"\ninstitution = \"X\"\n\
    ///             owner = \"X\"\nversion = \"1\"\nclauses = [\"regole\"]\n\
    ///             [[clause]]\nid = \"regole\"\nsection = \"R\"\ntext = \"T\"\n";
    /// let policy = galateo::Policy::from_toml_str(&format!(
    ///     "{base}[[reply]]\nid = \"grazie\"\ntext = \"Grazie.\"\n"
    /// ))?;
    /// let warning = &policy.warnings()[0];
    /// assert_eq!(warning.field(), "reply[0]");
    /// assert_eq!((warning.line(), warning.column()), (14, 6));
    /// assert!(warning.message().starts_with("reply `grazie` is never shown"));
    /// assert!(galateo::Policy::from_toml_str(base)?.warnings().is_empty());
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings.0
    }

    /// Who owns the policy, its version and dates.
    ///
    /// ```
    /// let policy = galateo::Policy::preset("comune-livorno")?;
    /// assert_eq!(policy.meta().owner, "Ufficio Comunicazione e Marketing");
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// The official channels; any other page is not the institution's.
    ///
    /// ```
    /// let policy = galateo::Policy::preset("comune-livorno")?;
    /// assert!(policy.channels().iter().any(|c| c.platform == "facebook"));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn channels(&self) -> &[Channel] {
        &self.channels
    }

    /// Contacts by purpose: complaints, reports, feedback on the policy, …
    ///
    /// ```
    /// let policy = galateo::Policy::preset("comune-livorno")?;
    /// let urp = policy.contacts().iter().find(|c| c.purpose == galateo::Purpose::Complaints);
    /// assert_eq!(urp.unwrap().id, "urp");
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn contacts(&self) -> &[Contact] {
        &self.contacts
    }

    /// The contact with id `id`.
    ///
    /// ```
    /// let policy = galateo::Policy::preset("comune-livorno")?;
    /// assert_eq!(policy.contact("urp").unwrap().email.as_deref(), Some("urp@comune.livorno.it"));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id == id)
    }

    /// The clauses of the source document, in order.
    ///
    /// ```
    /// let policy = galateo::Policy::preset("comune-livorno")?;
    /// assert!(policy.clauses().iter().any(|c| c.not_checkable.is_some()));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn clauses(&self) -> &[Clause] {
        &self.clauses
    }

    /// The clause with id `id`.
    ///
    /// ```
    /// let policy = galateo::Policy::preset("comune-livorno")?;
    /// let clause = policy.clause("casi-personali").unwrap();
    /// assert!(clause.text.contains("casi personali"));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn clause(&self, id: &str) -> Option<&Clause> {
        self.clauses.iter().find(|c| c.id == id)
    }

    /// The policy's categories, allowed and forbidden, in file order.
    ///
    /// ```
    /// let policy = galateo::Policy::preset("comune-livorno")?;
    /// use galateo::Stance;
    /// assert!(policy.categories().iter().any(|c| c.stance == Stance::Allowed));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// The category with id `id`.
    ///
    /// ```
    /// let policy = galateo::Policy::preset("comune-livorno")?;
    /// let insults = policy.category("insulti").unwrap();
    /// assert_eq!(insults.decision, galateo::Decision::Hide);
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The forbidden category a finding of `kind` falls under, if the policy cares about it.
    ///
    /// ```
    /// use galateo::{Kind, Policy};
    ///
    /// let policy = Policy::preset("comune-livorno")?;
    /// assert!(policy.category_for(Kind::Insult).is_some());
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn category_for(&self, kind: Kind) -> Option<&Category> {
        self.categories
            .iter()
            .find(|c| c.stance == Stance::Forbidden && c.kinds.contains(&kind))
    }

    /// The policy's first language (`it` when it names none): policy terms, classes and rules
    /// are read in it.
    pub(crate) fn language(&self) -> &str {
        self.meta.languages.first().map_or("it", String::as_str)
    }

    /// Staffed hours; always staffed when the policy has no `[schedule]`.
    ///
    /// ```
    /// let policy = galateo::Policy::preset("comune-livorno")?;
    /// let monday: jiff::Timestamp = "2026-03-02T10:00:00+01:00".parse().unwrap();
    /// assert!(policy.schedule().is_staffed(monday));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn schedule(&self) -> &Schedule {
        self.schedule.as_ref().map_or(&self.always, |(s, _)| s)
    }

    /// How repeated violations escalate; never when the policy has no `[escalation]`.
    ///
    /// ```
    /// let policy = galateo::Policy::preset("comune-livorno")?;
    /// assert!(!policy.escalation().thresholds().is_empty());
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn escalation(&self) -> &Escalation {
        self.escalation
            .as_ref()
            .map_or(&self.no_escalation, |(e, _)| e)
    }

    /// What personal data is redacted and which contacts are public.
    ///
    /// ```
    /// let policy = galateo::Policy::preset("comune-livorno")?;
    /// assert!(policy.privacy().redact.contains(&galateo::Kind::PersonalData));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn privacy(&self) -> &Privacy {
        &self.privacy
    }

    /// The rules on authors' display names, if the policy has any.
    ///
    /// ```
    /// let policy = galateo::Policy::preset("comune-livorno")?;
    /// assert_eq!(policy.identity().unwrap().require, galateo::NameRule::RealName);
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn identity(&self) -> Option<&Identity> {
        self.identity.as_ref()
    }

    /// The reply templates.
    ///
    /// ```
    /// let policy = galateo::Policy::preset("comune-livorno")?;
    /// assert!(policy.replies().iter().all(|r| !r.template.as_str().is_empty()));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn replies(&self) -> &[Reply] {
        &self.replies
    }

    /// The reply template with id `id`.
    ///
    /// ```
    /// let policy = galateo::Policy::preset("comune-livorno")?;
    /// let id = policy.category("casi-personali").unwrap().reply.as_deref().unwrap();
    /// assert!(policy.reply(id).unwrap().template.as_str().contains("{contact.urp"));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn reply(&self, id: &str) -> Option<&Reply> {
        self.replies.iter().find(|r| r.id == id && r.lang.is_none())
    }

    /// The reply template with id `id` in language `lang`, or in the policy's language when
    /// the policy has no version in `lang`.
    ///
    /// ```
    /// let policy = galateo::Policy::preset("comune-livorno")?;
    /// let it = policy.reply_in("offese", "it").unwrap();
    /// let en = policy.reply_in("offese", "en").unwrap();
    /// assert_eq!(it.lang, None);
    /// assert_eq!(en.lang.as_deref(), Some("en"));
    /// assert_eq!(policy.reply_in("offese", "fr"), Some(it));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn reply_in(&self, id: &str, lang: &str) -> Option<&Reply> {
        self.replies
            .iter()
            .find(|r| r.id == id && r.lang.as_deref() == Some(lang))
            .or_else(|| self.reply(id))
    }

    /// How replies are composed (`[replies]`): the greeting and closing every reply shares.
    ///
    /// ```
    /// let policy = galateo::Policy::preset("comune-livorno")?;
    /// let greeting = policy.reply_format().greeting.as_deref().unwrap();
    /// assert!(policy.reply(greeting).unwrap().template.as_str().starts_with("Gentile"));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn reply_format(&self) -> &ReplyFormat {
        &self.reply_format
    }

    /// The elements that enforce clause `id`, in file order of their sections. Empty for a
    /// clause that is not machine-checkable (or unknown).
    ///
    /// ```
    /// use galateo::{Enforcer, Policy};
    ///
    /// let policy = Policy::preset("comune-livorno")?;
    /// let clause = &policy.category("critica").unwrap().clause;
    /// let enforcers = policy.enforcers(clause);
    /// assert!(enforcers.contains(&Enforcer::Category("critica")));
    /// assert!(enforcers.iter().any(|e| e.to_string() == "category:critica"));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn enforcers(&self, id: &str) -> Vec<Enforcer<'_>> {
        let mut out = Vec::new();
        if self.meta.clauses.iter().any(|c| c == id) {
            out.push(Enforcer::Policy);
        }
        for channel in &self.channels {
            if channel.clause.as_deref() == Some(id) {
                out.push(Enforcer::Channel(&channel.platform));
            }
        }
        for contact in &self.contacts {
            if contact.clause.as_deref() == Some(id) {
                out.push(Enforcer::Contact(&contact.id));
            }
        }
        for category in &self.categories {
            if category.clause == id {
                out.push(Enforcer::Category(&category.id));
            }
        }
        let sections = [
            (
                Enforcer::Schedule,
                self.schedule.as_ref().and_then(|(_, c)| c.as_deref()),
            ),
            (
                Enforcer::Escalation,
                self.escalation.as_ref().and_then(|(_, c)| c.as_deref()),
            ),
            (Enforcer::Privacy, self.privacy.clause.as_deref()),
            (
                Enforcer::Identity,
                self.identity.as_ref().and_then(|i| i.clause.as_deref()),
            ),
        ];
        for (enforcer, clause) in sections {
            if clause == Some(id) {
                out.push(enforcer);
            }
        }
        out
    }
}

/// An element of a policy that enforces a clause (see [`Policy::enforcers`]).
///
/// `Display` writes it as `category:ID`, `contact:ID`, `channel:PLATFORM`, `schedule`,
/// `escalation`, `privacy`, `identity` or `policy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Enforcer<'a> {
    /// The `[policy]` table itself (`clauses`).
    Policy,
    /// A `[[channel]]`, by platform.
    Channel(&'a str),
    /// A `[[contact]]`, by id.
    Contact(&'a str),
    /// A `[[category]]`, by id.
    Category(&'a str),
    /// The `[schedule]`.
    Schedule,
    /// The `[escalation]`.
    Escalation,
    /// The `[privacy]` table.
    Privacy,
    /// The `[identity]` table.
    Identity,
}

impl fmt::Display for Enforcer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Enforcer::Policy => f.write_str("policy"),
            Enforcer::Channel(platform) => write!(f, "channel:{platform}"),
            Enforcer::Contact(id) => write!(f, "contact:{id}"),
            Enforcer::Category(id) => write!(f, "category:{id}"),
            Enforcer::Schedule => f.write_str("schedule"),
            Enforcer::Escalation => f.write_str("escalation"),
            Enforcer::Privacy => f.write_str("privacy"),
            Enforcer::Identity => f.write_str("identity"),
        }
    }
}

/// Who owns a policy, its version and dates (`[policy]`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Meta {
    /// Stable identifier, e.g. `comune-livorno`.
    pub id: String,
    /// The policy's title.
    pub name: String,
    /// The institution it belongs to.
    pub institution: String,
    /// The office that runs the channels.
    pub owner: String,
    /// The institution's version label.
    pub version: String,
    /// When the policy was first published.
    pub published: Option<Date>,
    /// When it was last updated.
    pub updated: Option<Date>,
    /// Languages of the community, as ISO 639-1 codes (`it`, `en`).
    pub languages: Vec<String>,
    /// Where the policy is published.
    pub source: Option<String>,
    /// The institution's own web domains: links there are never advertising.
    pub domains: Vec<String>,
    /// Clauses enforced by the policy as a whole (official channels, periodic updates).
    pub clauses: Vec<String>,
}

/// An official channel (`[[channel]]`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Channel {
    /// The platform, e.g. `facebook`, `linkedin`.
    pub platform: String,
    /// The page or profile name.
    pub name: Option<String>,
    /// The page's address.
    pub url: String,
    /// The clause this channel entry enforces.
    pub clause: Option<String>,
}

/// What a contact is for.
///
/// ```
/// use galateo::Purpose;
///
/// assert_eq!(Purpose::Complaints.as_str(), "complaints");
/// assert_eq!("press".parse::<Purpose>().unwrap(), Purpose::Press);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Purpose {
    /// Complaints and reports about the institution's services (the URP).
    Complaints,
    /// Reports of abuse or violations on the channels.
    Reports,
    /// Copyright and trademark reports.
    Copyright,
    /// Feedback on the policy itself.
    Feedback,
    /// The press office.
    Press,
    /// Anything else.
    General,
}

names!(Purpose, "purpose", [
    Complaints => "complaints",
    Reports => "reports",
    Copyright => "copyright",
    Feedback => "feedback",
    Press => "press",
    General => "general",
], serde);

/// A contact of the institution (`[[contact]]`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Contact {
    /// Identifier used by reply templates, e.g. `urp`.
    pub id: String,
    /// What it is for.
    pub purpose: Purpose,
    /// The office's name.
    pub name: String,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone numbers, as written.
    pub phones: Vec<String>,
    /// Web page.
    pub url: Option<String>,
    /// The clause this contact enforces.
    pub clause: Option<String>,
}

/// A clause of the source document (`[[clause]]`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Clause {
    /// Identifier referenced by the elements that enforce it.
    pub id: String,
    /// The document's section heading.
    pub section: String,
    /// The clause's words.
    pub text: String,
    /// Why software cannot check it, when it cannot.
    pub not_checkable: Option<String>,
}

/// Whether a category names speech the policy forbids or protects.
///
/// ```
/// use galateo::Stance;
///
/// assert_eq!("allowed".parse::<Stance>().unwrap(), Stance::Allowed);
/// assert_eq!(Stance::Forbidden.to_string(), "forbidden");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Stance {
    /// Speech the policy forbids: findings of its kinds lead to its decision.
    Forbidden,
    /// Speech the policy protects (civic criticism): its terms cancel weak findings.
    Allowed,
}

names!(Stance, "stance", [
    Forbidden => "forbidden",
    Allowed => "allowed",
], serde);

/// One of the policy's own categories (`[[category]]`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Category {
    /// Identifier, e.g. `insulti`.
    pub id: String,
    /// Human name, in the policy's language.
    pub label: String,
    /// Forbidden or allowed.
    pub stance: Stance,
    /// The taxonomy kinds it covers (forbidden categories).
    pub kinds: Vec<Kind>,
    /// The clause it enforces.
    pub clause: String,
    /// How grave a violation is.
    pub severity: Severity,
    /// What a clear finding leads to.
    pub decision: Decision,
    /// What a high-severity finding leads to (at least `decision`).
    pub severe_decision: Decision,
    /// The reply template shown to the author.
    pub reply: Option<String>,
    /// Extra lexicon terms, in the lexicon syntax.
    pub terms: Vec<String>,
    /// `terms`, parsed when the policy loaded.
    pub(crate) entries: Vec<Entry>,
    /// Allowed categories: kinds whose low-severity findings its terms cancel.
    pub protects: Vec<Kind>,
}

impl Category {
    /// What a finding of `severity` leads to in this category, before weak evidence is capped
    /// at review: `severe-decision` for grave evidence, `decision` otherwise.
    pub(crate) fn decision_for(&self, severity: Severity) -> Decision {
        if severity == Severity::High {
            self.severe_decision
        } else {
            self.decision
        }
    }
}

/// What personal data is redacted (`[privacy]`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Privacy {
    /// The clause enforced.
    pub clause: Option<String>,
    /// Kinds whose spans are replaced by `mark` in the redacted text.
    pub redact: Vec<Kind>,
    /// The text that replaces redacted data; `{label}` names what was removed in the policy's
    /// language (`codice fiscale`, `targa`; `tax code`, `licence plate`) and `{removed}` is
    /// "removed" agreeing with it (`rimosso`, `rimossa`): `[{label} {removed}]` gives
    /// `[targa rimossa]`.
    pub mark: String,
    /// How each kind of personal data is redacted, where it differs from `mark`.
    pub redaction: Vec<Redaction>,
    /// The reply for a comment that gives the author's own contact or identifier ("il mio
    /// numero è …"): usually advice to use the institution's private channels.
    pub own_reply: Option<String>,
    /// Addresses and numbers that are never personal data; the contacts' own are added.
    pub public: Vec<String>,
}

impl Privacy {
    /// How personal data of `kind` is redacted.
    ///
    /// ```
    /// use galateo::{PersonalKind, Policy, RedactOperator};
    ///
    /// let policy = Policy::preset("comune-livorno")?;
    /// assert_eq!(policy.privacy().operator(PersonalKind::Phone), RedactOperator::Placeholder(None));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn operator(&self, kind: crate::PersonalKind) -> RedactOperator {
        self.redaction
            .iter()
            .find(|r| r.kinds.contains(&kind))
            .map_or(RedactOperator::Placeholder(None), |r| r.operator.clone())
    }
}

/// How some kinds of personal data are redacted (`[[privacy.redaction]]`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Redaction {
    /// The kinds it applies to.
    pub kinds: Vec<crate::PersonalKind>,
    /// What replaces them.
    pub operator: RedactOperator,
}

/// What replaces a redacted identifier.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RedactOperator {
    /// A mark: this one (with `{label}` and `{removed}`), or the policy's `mark`.
    Placeholder(Option<String>),
    /// Each letter and digit but the last `keep` becomes `*`; separators stay, so the shape
    /// reads (`*** *** 4567`).
    Mask {
        /// How many trailing letters and digits stay readable.
        keep: usize,
    },
    /// Nothing: the identifier is cut out.
    Remove,
}

/// What kind of display name the policy requires.
///
/// ```
/// use galateo::NameRule;
///
/// assert_eq!("real-name".parse::<NameRule>().unwrap(), NameRule::RealName);
/// assert_eq!(NameRule::Any.to_string(), "any");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NameRule {
    /// Any name is fine.
    Any,
    /// First and last name; nicknames, initials and organisations must identify themselves,
    /// in the comment's text if not in the display name (see [`Identity`]).
    RealName,
}

names!(NameRule, "name rule", [
    Any => "any",
    RealName => "real-name",
], serde);

/// Rules on authors' display names (`[identity]`).
///
/// Under [`NameRule::RealName`], a comment whose author's display name is not a first and
/// last name gets an `unidentified-author` finding (no span; the display name is its
/// excerpt), by one of three rules:
///
/// - `identity/nickname`: a handle, a single name, given names alone ("xXdarkXx", "Gatto
///   Nero", "Pippo1987", "Il Principe", "Maria Grazia");
/// - `identity/initials`: a name with initials for the rest ("Mario R.", "M. Rossi");
/// - `identity/organisation`: a business, association, body or medium ("Pizzeria Da Mario",
///   "Comitato Via Grande").
///
/// Given names are known for Italian and for the communities that live in Italy (African,
/// Arabic, South and East Asian, Eastern European, Latin American), in either order
/// ("Wang Wei", "Kim Min-jun"), with surname particles ("De Luca", "El Amrani", "Ould …").
///
/// A comment that names its author in the text satisfies the rule and gets no finding:
/// "Sono Paolo Neri, presidente del Comitato Via Grande", "mi chiamo …", "vi scrive …",
/// "firmato …", "I'm …", "my name is …", or a signature line ("Paolo Neri, residente in via
/// …"). The name must be a given name and a surname: "sono Paolo" is not enough.
///
/// The finding is weak evidence (severity low), so whatever the category's decision it goes
/// no further than review: a display name cannot prove anything, and a person decides.
/// Initials and organisations are always at most review, even when `nickname` asks for more.
///
/// ```
/// use galateo::{Author, Comment, Decision, Moderator, Policy};
///
/// let moderator = Moderator::new(Policy::preset("comune-livorno")?);
/// let from = |name: &str, text: &str| {
///     moderator.moderate(&Comment::new(text).with_author(Author::named(name)))
/// };
/// let question = "Quando riapre la biblioteca?";
/// assert_eq!(from("Oluwaseun Adeyemi", question).decision(), Decision::Publish);
/// let verdict = from("Mario R.", question);
/// assert_eq!(verdict.decision(), Decision::Review);
/// assert_eq!(verdict.findings()[0].rule(), "identity/initials");
/// let signed = "Sono Paolo Neri, presidente del Comitato Via Grande: quando riapre la biblioteca?";
/// assert_eq!(from("Comitato Via Grande", signed).decision(), Decision::Publish);
/// # Ok::<(), galateo::PolicyError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Identity {
    /// The clause enforced.
    pub clause: Option<String>,
    /// What the policy requires.
    pub require: NameRule,
    /// The most a comment from a nickname or initials gets (`publish` lets it through with
    /// the finding recorded); review at most, as identity evidence is weak.
    pub nickname: Decision,
    /// The most a comment from an organisation's profile gets; review at most.
    pub organisation: Decision,
}

/// A reply template (`[[reply]]`).
///
/// Several entries may share an id, one per language: the one without `lang` is in the
/// policy's language and must exist; the others (`lang = "en"`) are used for comments written
/// in that language.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Reply {
    /// Identifier referenced by categories.
    pub id: String,
    /// The language of this version; `None` for the policy's language.
    pub lang: Option<String>,
    /// The parsed template.
    pub template: Template,
}

/// How the replies of one comment are composed into one (`[replies]`).
///
/// A comment may break several rules; its author gets one reply: the greeting once, then one
/// paragraph per category that fired (each category's reply, citing its clause where the
/// template says `{clause}`), then the closing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReplyFormat {
    /// The id of the reply that opens every composed reply ("Gentile utente,").
    pub greeting: Option<String>,
    /// The id of the reply that closes every composed reply.
    pub closing: Option<String>,
}
