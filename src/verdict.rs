//! Verdicts and findings: every decision with its reasons.

use std::fmt;

use jiff::Timestamp;
use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::{Decision, Ground, Kind, Severity};

/// A byte range of the original comment text, always on character boundaries.
///
/// ```
/// let span = galateo::Span { start: 4, end: 9 };
/// assert_eq!(&"sei stupido"[span.range()], "stupi");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span as a range, for slicing the original text.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// One piece of evidence: what was found, where, by which rule, under which clause.
///
/// ```
/// let moderator = galateo::Moderator::new(galateo::Policy::preset("comune-livorno")?);
/// let verdict = moderator.classify("il sindaco è un coglione");
/// let finding = &verdict.findings()[0];
/// assert_eq!(finding.kind(), galateo::Kind::Insult);
/// assert_eq!(finding.excerpt(), "coglione");
/// assert_eq!(&"il sindaco è un coglione"[finding.span().range()], "coglione");
/// # Ok::<(), galateo::PolicyError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub(crate) kind: Kind,
    pub(crate) category: Arc<str>,
    pub(crate) rule: Arc<str>,
    #[serde(flatten)]
    pub(crate) span: Span,
    pub(crate) excerpt: String,
    pub(crate) severity: Severity,
    pub(crate) decision: Decision,
    pub(crate) clause: Arc<str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) ground: Option<Ground>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) protected_by: Option<String>,
    /// For a cancelled finding: why it does not count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) reason: Option<Cow<'static, str>>,
    /// What the data is, in the policy's language, for `{label}` in redaction marks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) label: Option<Cow<'static, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) personal_kind: Option<crate::PersonalKind>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) own: bool,
}

impl Finding {
    /// The taxonomy kind.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The id of the policy category it falls under.
    pub fn category(&self) -> &str {
        &self.category
    }

    /// The rule that produced it, e.g. `lexicon/it/insult/coglione+` or `personal-data/email`.
    ///
    /// ```
    /// let moderator = galateo::Moderator::new(galateo::Policy::preset("comune-livorno")?);
    /// let verdict = moderator.classify("assessore idiota");
    /// assert_eq!(verdict.findings()[0].rule(), "lexicon/it/insult/idiota+");
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn rule(&self) -> &str {
        &self.rule
    }

    /// Where it is in the original text; empty for findings about the author rather than the
    /// text (`unidentified-author`).
    pub fn span(&self) -> Span {
        self.span
    }

    /// The original text of the span; for a finding about the author, their display name.
    pub fn excerpt(&self) -> &str {
        &self.excerpt
    }

    /// How grave or certain the evidence is.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The decision this finding alone leads to.
    pub fn decision(&self) -> Decision {
        self.decision
    }

    /// The id of the policy clause it enforces.
    ///
    /// ```
    /// let moderator = galateo::Moderator::new(galateo::Policy::preset("comune-livorno")?);
    /// let finding = &moderator.classify("assessore idiota").findings()[0].clone();
    /// let clause = moderator.policy().clause(finding.clause()).unwrap();
    /// assert!(clause.text.contains("insulti"));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn clause(&self) -> &str {
        &self.clause
    }

    /// For discrimination: the protected ground.
    ///
    /// ```
    /// let moderator = galateo::Moderator::new(galateo::Policy::preset("comune-livorno")?);
    /// let verdict = moderator.classify("questi froci");
    /// assert_eq!(verdict.findings()[0].ground(), Some(galateo::Ground::SexualOrientation));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn ground(&self) -> Option<Ground> {
        self.ground
    }

    /// For a cancelled finding: the allowed category whose terms cancelled it.
    pub fn protected_by(&self) -> Option<&str> {
        self.protected_by.as_deref()
    }

    /// For a cancelled finding: why it does not count. One of `protected` (an allowed
    /// category's terms shield it, see [`Finding::protected_by`]), `allow-list` (an innocent
    /// phrase overlaps it: a place name, a dish), `negation` ("non ti ammazzo"), `quotation`,
    /// `reported-speech` ("chi scrive che …"), `counter-speech` ("dire che … è vergognoso")
    /// or `abuse-received` ("mi hanno chiamato …").
    ///
    /// ```
    /// let moderator = galateo::Moderator::new(galateo::Policy::preset("comune-livorno")?);
    /// let verdict = moderator.classify("non ti ammazzo, tranquillo");
    /// assert_eq!(verdict.decision(), galateo::Decision::Publish);
    /// assert_eq!(verdict.cancelled()[0].reason(), Some("negation"));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    /// What the finding's evidence is, in words for a person, where the recognizer names it:
    /// the kind of personal data (`numero di telefono`, `codice fiscale`, `IBAN`…), which is
    /// also what a redaction mark says.
    ///
    /// ```
    /// let moderator = galateo::Moderator::new(galateo::Policy::preset("comune-livorno")?);
    /// let verdict = moderator.classify("chiamatemi al 347 123 4567");
    /// assert_eq!(verdict.findings()[0].label(), Some("numero di telefono"));
    /// assert_eq!(moderator.classify("sei un idiota").findings()[0].label(), None);
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }

    /// What personal data a personal-data finding is, without parsing its rule id.
    ///
    /// ```
    /// use galateo::PersonalKind;
    ///
    /// let moderator = galateo::Moderator::new(galateo::Policy::preset("comune-livorno")?);
    /// let verdict = moderator.classify("chiamatemi al 347 123 4567");
    /// assert_eq!(verdict.findings()[0].personal_kind(), Some(PersonalKind::Phone));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn personal_kind(&self) -> Option<crate::PersonalKind> {
        self.personal_kind
    }

    /// Whether this is personal data the author gave about themselves ("il mio numero è …"):
    /// hidden to protect them, never removed, and answered with the policy's `own-reply`.
    ///
    /// ```
    /// let moderator = galateo::Moderator::new(galateo::Policy::preset("comune-livorno")?);
    /// let own = moderator.classify("il mio numero è 347 123 4567, richiamatemi");
    /// assert!(own.findings()[0].is_own());
    /// let theirs = moderator.classify("il numero di quel signore è 347 123 4567");
    /// assert!(!theirs.findings()[0].is_own());
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn is_own(&self) -> bool {
        self.own
    }
}

/// The outcome of moderating one comment, with everything that explains it.
///
/// ```
/// use galateo::{Decision, Moderator, Policy};
///
/// let moderator = Moderator::new(Policy::preset("comune-livorno")?);
/// let verdict = moderator.classify("Grazie per l'aggiornamento!");
/// assert_eq!(verdict.decision(), Decision::Publish);
/// assert!(verdict.findings().is_empty());
/// assert_eq!(verdict.policy_id(), "comune-livorno");
/// # Ok::<(), galateo::PolicyError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub(crate) decision: Decision,
    pub(crate) findings: Vec<Finding>,
    pub(crate) cancelled: Vec<Finding>,
    pub(crate) policy_id: Arc<str>,
    pub(crate) policy_version: Arc<str>,
    pub(crate) reply: Option<String>,
    pub(crate) redacted: Option<String>,
    pub(crate) staffed: Option<bool>,
    pub(crate) review_by: Option<Timestamp>,
    pub(crate) outside_hours: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) truncated: bool,
}

impl Verdict {
    /// What should happen to the comment.
    pub fn decision(&self) -> Decision {
        self.decision
    }

    /// The evidence that led to the decision, in text order.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Findings that do not count, kept for the record with their [`Finding::reason`]: weak
    /// findings shielded by an allowed category (civic criticism), and findings cancelled by
    /// an allow-list phrase or by polarity (negation, quotation, counter-speech).
    ///
    /// ```
    /// let moderator = galateo::Moderator::new(galateo::Policy::preset("comune-livorno")?);
    /// let verdict = moderator.classify("buffoni, vergognatevi!");
    /// assert_eq!(verdict.decision(), galateo::Decision::Publish);
    /// assert!(verdict.cancelled().iter().all(|f| f.protected_by() == Some("critica")));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn cancelled(&self) -> &[Finding] {
        &self.cancelled
    }

    /// The id of the policy applied.
    pub fn policy_id(&self) -> &str {
        &self.policy_id
    }

    /// The version of the policy applied.
    pub fn policy_version(&self) -> &str {
        &self.policy_version
    }

    /// The reply to the author, rendered from the deciding category's template.
    ///
    /// ```
    /// let moderator = galateo::Moderator::new(galateo::Policy::preset("comune-livorno")?);
    /// let verdict = moderator.classify("la mia pratica è ferma da mesi");
    /// assert!(verdict.reply().unwrap().contains("urp@comune.livorno.it"));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn reply(&self) -> Option<&str> {
        self.reply.as_deref()
    }

    /// The text with personal data replaced by the policy's mark, when anything was redacted.
    ///
    /// ```
    /// let moderator = galateo::Moderator::new(galateo::Policy::preset("comune-livorno")?);
    /// let verdict = moderator.classify("scrivetemi a mario.rossi@example.com");
    /// assert!(!verdict.redacted().unwrap().contains("mario.rossi"));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn redacted(&self) -> Option<&str> {
        self.redacted.as_deref()
    }

    /// Whether staff were on duty at the comment's instant; `None` when it came without one.
    pub fn is_staffed(&self) -> Option<bool> {
        self.staffed
    }

    /// Whether the decision was raised because nobody was on duty to review.
    pub fn is_outside_hours(&self) -> bool {
        self.outside_hours
    }

    /// Whether the comment was longer than the moderator's
    /// [`max_len`](crate::ModeratorBuilder::max_len) and only its head was classified.
    ///
    /// ```
    /// let moderator = galateo::Moderator::new(galateo::Policy::preset("comune-livorno")?);
    /// assert!(!moderator.classify("Grazie!").is_truncated());
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// By when a person should look, for comments that need one and came with an instant.
    ///
    /// ```
    /// let moderator = galateo::Moderator::new(galateo::Policy::preset("comune-livorno")?);
    /// let friday_night = "2026-03-06T20:00:00+01:00".parse().unwrap();
    /// let comment = galateo::Comment::new("la mia pratica è ferma da mesi").with_at(friday_night);
    /// let verdict = moderator.moderate(&comment);
    /// // Two staffed hours after Friday 20:00 is Monday 11:00 in Livorno (9–14).
    /// let by = moderator.policy().schedule().local(verdict.review_by().unwrap());
    /// assert_eq!(by.to_string(), "2026-03-09T11:00:00+01:00[Europe/Rome]");
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn review_by(&self) -> Option<Timestamp> {
        self.review_by
    }

    /// The finding that decided: the gravest, then the most severe, then the first.
    ///
    /// ```
    /// let moderator = galateo::Moderator::new(galateo::Policy::preset("comune-livorno")?);
    /// let verdict = moderator.classify("sei un idiota, ti ammazzo");
    /// assert_eq!(verdict.deciding().unwrap().kind(), galateo::Kind::Threat);
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn deciding(&self) -> Option<&Finding> {
        self.findings
            .iter()
            .rev()
            .max_by_key(|f| (f.decision, f.severity))
    }

    /// A few lines a person can read: the decision and each finding with its rule and clause.
    ///
    /// ```
    /// let moderator = galateo::Moderator::new(galateo::Policy::preset("comune-livorno")?);
    /// let text = moderator.classify("assessore idiota").explain();
    /// assert!(text.starts_with("hide"));
    /// assert!(text.contains("`idiota`"));
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn explain(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.decision)?;
        if self.outside_hours {
            f.write_str(" (outside staffed hours)")?;
        }
        write!(
            f,
            " under policy `{}` {}",
            self.policy_id, self.policy_version
        )?;
        for finding in &self.findings {
            write!(
                f,
                "\n- {} `{}` at {}..{}: {} ({}), category `{}`, clause `{}`, rule `{}`",
                finding.kind,
                finding.excerpt,
                finding.span.start,
                finding.span.end,
                finding.decision,
                finding.severity,
                finding.category,
                finding.clause,
                finding.rule
            )?;
        }
        for finding in &self.cancelled {
            match &finding.protected_by {
                Some(by) => write!(
                    f,
                    "\n- cancelled: {} `{}` protected by `{by}`",
                    finding.kind, finding.excerpt
                )?,
                None => write!(
                    f,
                    "\n- cancelled: {} `{}` ({}), rule `{}`",
                    finding.kind,
                    finding.excerpt,
                    finding.reason.as_deref().unwrap_or("cancelled"),
                    finding.rule
                )?,
            }
        }
        Ok(())
    }
}
