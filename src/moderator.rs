//! The moderator: a policy compiled once, classifying comments.

use std::sync::Arc;

use crate::detect::identity::{NameClass, Names};
use crate::detect::lexicon::{self, Entry, Hit, Lexicon, Meaning, Source};
use crate::detect::links::{self, Link, Links};
use crate::detect::personal::{PersonalData, PersonalMatch};
use crate::escalation::Ledger;
use crate::policy::{NameRule, Stance};
use crate::schedule::OutsideHours;
use crate::text::Normalized;
use crate::verdict::{Finding, Span, Verdict};
use crate::{Comment, Decision, Kind, Policy, Severity};

thread_local! {
    static CANONICAL: std::cell::RefCell<Normalized> = std::cell::RefCell::new(Normalized::default());
}

/// A policy compiled for classification: build once, share everywhere.
///
/// All automata and recognisers are compiled when the moderator is built. Classifying reads
/// no clock, network or file: the same comment gives the same verdict, always. `Moderator` is
/// `Send + Sync` and cloning it is cheap (the compiled state is shared).
///
/// ```
/// use galateo::{Decision, Moderator, Policy};
///
/// let moderator = Moderator::new(Policy::preset("comune-livorno")?);
/// assert_eq!(moderator.classify("vergogna, dimettetevi!").decision(), Decision::Publish);
/// assert!(moderator.classify("sindaco coglione").decision() >= Decision::Hide);
/// # Ok::<(), galateo::PolicyError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Moderator {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    policy: Policy,
    lexicon: Lexicon,
    personal: PersonalData,
    links: Links,
    names: Names,
    /// Category index by kind (forbidden categories only).
    category_of: Vec<(Kind, usize)>,
    /// The policy's public contacts, as canonical keys (lowercase e-mails, phone digits).
    public: Vec<String>,
    /// Each category's reply, rendered once: it depends on the policy alone.
    replies: Vec<Option<String>>,
    redact: bool,
}

/// Options for building a [`Moderator`].
///
/// ```
/// use galateo::{Moderator, Policy};
///
/// let moderator = Moderator::builder()
///     .languages(&["it"])
///     .redact(false)
///     .build(Policy::preset("comune-livorno")?);
/// assert!(moderator.classify("scrivimi a mario@example.com").redacted().is_none());
/// # Ok::<(), galateo::PolicyError>(())
/// ```
#[derive(Clone, Debug)]
pub struct ModeratorBuilder {
    languages: Option<Vec<String>>,
    redact: bool,
}

impl ModeratorBuilder {
    /// Loads only the shipped lexicons of these languages (default: every shipped language,
    /// since comments on an Italian page also come in English).
    pub fn languages(mut self, languages: &[&str]) -> ModeratorBuilder {
        self.languages = Some(languages.iter().map(|l| (*l).to_owned()).collect());
        self
    }

    /// Whether verdicts carry a redacted text (default: true).
    pub fn redact(mut self, redact: bool) -> ModeratorBuilder {
        self.redact = redact;
        self
    }

    /// Compiles the policy.
    pub fn build(self, policy: Policy) -> Moderator {
        let wanted = |lang: &str| {
            self.languages
                .as_ref()
                .is_none_or(|l| l.iter().any(|x| x == lang))
        };
        // Declared before `sources`, which borrow it.
        let language = policy
            .meta
            .languages
            .first()
            .cloned()
            .unwrap_or_else(|| "it".to_owned());
        let mut sources: Vec<Source<'_>> = Vec::new();
        for (lang, kind, text) in lexicon::SHIPPED {
            if !wanted(lang) {
                continue;
            }
            // Shipped lexicons are checked by the test suite; a bad line is skipped, not fatal.
            let entries = parse_lenient(text, lang);
            let (lang, kind) = (*lang, *kind);
            sources.push(Source {
                lang,
                entries,
                make: Box::new(move |e: &Entry| match kind {
                    Some(kind) => Meaning::Term {
                        kind,
                        rule: format!("lexicon/{lang}/{kind}/{}", e.term).into(),
                        severity: e.severity.unwrap_or_default(),
                        ground: e.ground,
                    },
                    None => Meaning::Allow,
                }),
            });
        }
        for (index, category) in policy.categories.iter().enumerate() {
            let entries: Vec<Entry> = category
                .terms
                .iter()
                .filter_map(|t| lexicon::parse_entry(t, &language).ok())
                .collect();
            let id = category.id.clone();
            let meaning: Box<dyn Fn(&Entry) -> Meaning> =
                match (category.stance, category.kinds.first()) {
                    (Stance::Allowed, _) => {
                        Box::new(move |_: &Entry| Meaning::Protect { category: index })
                    }
                    (Stance::Forbidden, Some(&kind)) => {
                        // A term written without `low`/`high` takes the category's severity.
                        let default = category.severity;
                        Box::new(move |e: &Entry| Meaning::Term {
                            kind,
                            rule: format!("category/{id}/{}", e.term).into(),
                            severity: e.severity.unwrap_or(default),
                            ground: e.ground,
                        })
                    }
                    (Stance::Forbidden, None) => continue,
                };
            sources.push(Source {
                lang: &language,
                entries,
                make: meaning,
            });
        }
        let lexicon = Lexicon::build(sources).unwrap_or_else(|_| Lexicon::empty());
        let mut category_of = Vec::new();
        for (index, category) in policy.categories.iter().enumerate() {
            if category.stance == Stance::Forbidden {
                category_of.extend(category.kinds.iter().map(|k| (*k, index)));
            }
        }
        let mut public: Vec<String> = policy
            .privacy
            .public
            .iter()
            .map(|p| contact_key(p))
            .collect();
        for contact in &policy.contacts {
            public.extend(contact.email.iter().map(|e| contact_key(e)));
            public.extend(contact.phones.iter().map(|p| contact_key(p)));
        }
        let replies = policy
            .categories
            .iter()
            .map(|c| {
                let reply = policy.reply(c.reply.as_deref()?)?;
                Some(reply.template.render(&policy, Some(c)))
            })
            .collect();
        Moderator {
            inner: Arc::new(Inner {
                policy,
                lexicon,
                personal: PersonalData::new(),
                links: Links::new(),
                names: Names::new(),
                category_of,
                public,
                replies,
                redact: self.redact,
            }),
        }
    }
}

fn parse_lenient(text: &str, lang: &str) -> Vec<Entry> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| lexicon::parse_entry(l, lang).ok())
        .collect()
}

/// E-mails compare case-insensitively, phones by their digits (without a leading `+39`).
fn contact_key(text: &str) -> String {
    if text.contains('@') {
        return text.trim().to_lowercase();
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits
        .strip_prefix("0039")
        .or_else(|| {
            digits
                .strip_prefix("39")
                .filter(|rest| rest.len() >= 9 && (text.trim_start().starts_with('+')))
        })
        .map_or(digits.clone(), str::to_owned)
}

impl Moderator {
    /// Compiles `policy` with the default options.
    ///
    /// ```
    /// use galateo::{Decision, Moderator, Policy};
    ///
    /// let moderator = Moderator::new(Policy::preset("comune-livorno")?);
    /// assert_eq!(moderator.classify("ciao").decision(), Decision::Publish);
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn new(policy: Policy) -> Moderator {
        Moderator::builder().build(policy)
    }

    /// Options for compiling a policy.
    ///
    /// ```
    /// let moderator = galateo::Moderator::builder()
    ///     .languages(&["it", "en"])
    ///     .build(galateo::Policy::preset("conferenza-stato-citta")?);
    /// assert_eq!(moderator.policy().meta().id, "conferenza-stato-citta");
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn builder() -> ModeratorBuilder {
        ModeratorBuilder {
            languages: None,
            redact: true,
        }
    }

    /// The policy this moderator applies.
    ///
    /// ```
    /// use galateo::{Decision, Moderator, Policy};
    ///
    /// let moderator = Moderator::new(Policy::preset("comune-livorno")?);
    /// assert_eq!(moderator.policy().meta().id, "comune-livorno");
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn policy(&self) -> &Policy {
        &self.inner.policy
    }

    /// A new, empty escalation ledger for this policy.
    ///
    /// ```
    /// use galateo::{Decision, Moderator, Policy};
    ///
    /// let moderator = Moderator::new(Policy::preset("comune-livorno")?);
    /// let mut ledger = moderator.ledger();
    /// let at: jiff::Timestamp = "2026-03-02T10:00:00+01:00".parse().unwrap();
    /// for _ in 0..3 {
    ///     ledger.record("u1", &moderator.classify("sei un coglione"), at);
    /// }
    /// assert!(ledger.strikes("u1", at) >= 3);
    /// assert!(ledger.sanction("u1", at).is_some());
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn ledger(&self) -> Ledger {
        Ledger::new(self.inner.policy.escalation().clone())
    }

    /// Entries compiled per (language, kind), counting shipped lexicons and policy terms.
    ///
    /// ```
    /// let moderator = galateo::Moderator::new(galateo::Policy::preset("comune-livorno")?);
    /// let insults = moderator
    ///     .lexicon_sizes()
    ///     .into_iter()
    ///     .find(|(lang, kind, _)| lang == "it" && *kind == galateo::Kind::Insult)
    ///     .unwrap();
    /// assert!(insults.2 >= 100);
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn lexicon_sizes(&self) -> Vec<(String, Kind, usize)> {
        self.inner.lexicon.counts().to_vec()
    }

    /// Classifies bare text: no author, instant, post or channel.
    ///
    /// ```
    /// use galateo::{Decision, Moderator, Policy};
    ///
    /// let moderator = Moderator::new(Policy::preset("comune-livorno")?);
    /// let verdict = moderator.classify("ti spacco la faccia");
    /// assert_eq!(verdict.decision(), Decision::Remove);
    /// assert_eq!(verdict.findings()[0].kind(), galateo::Kind::Threat);
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn classify(&self, text: &str) -> Verdict {
        self.moderate(&Comment::new(text))
    }

    /// Moderates a comment with its context.
    ///
    /// ```
    /// use galateo::{Comment, Decision, Moderator, Policy};
    ///
    /// let moderator = Moderator::new(Policy::preset("comune-livorno")?);
    /// // Saturday night: nobody is on duty until Monday 9:00.
    /// let comment = Comment::new("mi hanno rubato la bici in piazza")
    ///     .with_at("2026-03-07T22:00:00+01:00".parse().unwrap());
    /// let verdict = moderator.moderate(&comment);
    /// assert_eq!(verdict.is_staffed(), Some(false));
    /// assert!(verdict.decision() >= Decision::Review);
    /// assert!(verdict.review_by().is_some());
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn moderate(&self, comment: &Comment) -> Verdict {
        let inner = &*self.inner;
        let policy = &inner.policy;
        let text = comment.text.as_str();
        let mut findings: Vec<Finding> = Vec::new();
        let mut protectors: Vec<usize> = Vec::new();

        // The canonical text's buffers are reused per thread rather than allocated per comment.
        CANONICAL.with(|cell| {
            let mut normalized = cell.borrow_mut();
            normalized.reset(text);
            let mut hits: Vec<Hit> = Vec::new();
            inner.lexicon.scan(&normalized, &mut hits);
            for hit in &hits {
                match inner.lexicon.meaning(hit.meaning) {
                    Some(Meaning::Term {
                        kind,
                        rule,
                        severity,
                        ground,
                    }) => {
                        let span = normalized.original_range(hit.start, hit.end);
                        if let Some(mut finding) =
                            self.finding(*kind, rule, *severity, span.start, span.end, text)
                        {
                            finding.ground = *ground;
                            findings.push(finding);
                        }
                    }
                    Some(Meaning::Protect { category, .. }) => protectors.push(*category),
                    _ => {}
                }
            }
        });

        let mut personal: Vec<PersonalMatch> = Vec::new();
        inner.personal.find(text, &mut personal);
        for m in &personal {
            let excerpt = text.get(m.start..m.end).unwrap_or_default();
            if inner.public.contains(&contact_key(excerpt)) {
                continue;
            }
            let severity = if m.kind.is_weak() {
                Severity::Low
            } else {
                Severity::Medium
            };
            if let Some(mut f) = self.finding(
                Kind::PersonalData,
                m.kind.rule(),
                severity,
                m.start,
                m.end,
                text,
            ) {
                f.label = Some(m.kind.label_it());
                findings.push(f);
            }
        }

        self.link_findings(text, &mut findings);
        self.author_findings(comment, &mut findings);

        // Civic criticism shields weak evidence of the kinds its category protects.
        let mut cancelled = Vec::new();
        if !protectors.is_empty() {
            let (weak, kept): (Vec<Finding>, Vec<Finding>) = findings.into_iter().partition(|f| {
                f.severity == Severity::Low
                    && protectors.iter().any(|c| {
                        policy
                            .categories
                            .get(*c)
                            .is_some_and(|c| c.protects.contains(&f.kind))
                    })
            });
            findings = kept;
            for mut f in weak {
                let by = protectors
                    .iter()
                    .filter_map(|c| policy.categories.get(*c))
                    .find(|c| c.protects.contains(&f.kind));
                f.protected_by = by.map(|c| c.id.clone());
                cancelled.push(f);
            }
        }
        findings.sort_by_key(|f| (f.span.start, f.span.end));

        let mut decision = findings
            .iter()
            .map(|f| f.decision)
            .max()
            .unwrap_or(Decision::Publish);
        let schedule = policy.schedule();
        let staffed = comment.at.map(|at| schedule.is_staffed(at));
        let mut outside_hours = false;
        if staffed == Some(false)
            && decision == Decision::Review
            && schedule.outside_hours() == OutsideHours::Hide
        {
            decision = Decision::Hide;
            outside_hours = true;
        }
        let review_by = match (comment.at, decision) {
            (Some(at), Decision::Review | Decision::Hide) => schedule.review_by(at),
            _ => None,
        };
        let mut verdict = Verdict {
            decision,
            findings,
            cancelled,
            policy_id: policy.meta.id.clone(),
            policy_version: policy.meta.version.clone(),
            reply: None,
            redacted: None,
            staffed,
            review_by,
            outside_hours,
        };
        verdict.reply = self.replies(&verdict.findings);
        if inner.redact {
            verdict.redacted = redact(
                text,
                &verdict.findings,
                &policy.privacy.redact,
                &policy.privacy.mark,
            );
        }
        verdict
    }

    /// A finding of `kind` at original bytes `start..end`, if the policy has a category for it.
    fn finding(
        &self,
        kind: Kind,
        rule: &str,
        severity: Severity,
        start: usize,
        end: usize,
        text: &str,
    ) -> Option<Finding> {
        let policy = &self.inner.policy;
        let index = self.inner.category_of.iter().find(|(k, _)| *k == kind)?.1;
        let category = policy.categories.get(index)?;
        let base = category.decision_for(severity);
        // Weak evidence, and kinds that are guesses by nature, never go past review.
        let capped =
            severity == Severity::Low || matches!(kind, Kind::Misinformation | Kind::OffTopic);
        let decision = if capped {
            base.min(Decision::Review)
        } else {
            base
        };
        Some(Finding {
            kind,
            category: category.id.clone(),
            rule: rule.to_owned(),
            span: Span { start, end },
            excerpt: text.get(start..end).unwrap_or_default().to_owned(),
            severity,
            decision,
            clause: category.clause.clone(),
            ground: None,
            protected_by: None,
            label: None,
        })
    }

    /// The replies of the categories whose findings stand on their own, gravest first, each
    /// once.
    ///
    /// A finding capped at review for weak evidence gets no reply: the author has not yet
    /// broken anything, and a person will decide. A category whose own decision is review (a
    /// personal case, a crime report) replies at once: its reply is the redirect the policy
    /// promises.
    fn replies(&self, findings: &[Finding]) -> Option<String> {
        let inner = &*self.inner;
        let mut standing: Vec<(&Finding, usize)> = findings
            .iter()
            .filter_map(|f| {
                let index = inner.category_of.iter().find(|(k, _)| *k == f.kind)?.1;
                let category = inner.policy.categories.get(index)?;
                (f.decision == category.decision_for(f.severity)).then_some((f, index))
            })
            .collect();
        standing
            .sort_by_key(|(f, _)| (std::cmp::Reverse(f.decision), std::cmp::Reverse(f.severity)));
        let mut out: Vec<&str> = Vec::new();
        for (_, index) in standing {
            if let Some(Some(reply)) = inner.replies.get(index) {
                // Categories may share a reply: say it once.
                if !out.contains(&reply.as_str()) {
                    out.push(reply);
                }
            }
        }
        (!out.is_empty()).then(|| out.join("\n\n"))
    }

    /// Links: own domains are fine; shorteners hide where they go; a comment that is little
    /// more than links, or carries many, reads as spam.
    fn link_findings(&self, text: &str, findings: &mut Vec<Finding>) {
        let mut found: Vec<Link> = Vec::new();
        self.inner.links.find(text, &mut found);
        let domains = &self.inner.policy.meta.domains;
        let external: Vec<&Link> = found
            .iter()
            .filter(|l| !domains.iter().any(|d| links::host_matches(&l.host, d)))
            .collect();
        if external.is_empty() {
            return;
        }
        let link_bytes: usize = external.iter().map(|l| l.end - l.start).sum();
        let words_outside = text
            .split_whitespace()
            .count()
            .saturating_sub(external.len());
        // Only clear promotion makes links spam; a weak marker ("gratis") is not enough.
        let promotional = findings.iter().any(|f| {
            matches!(f.kind, Kind::Advertising | Kind::Spam) && f.severity > Severity::Low
        });
        for link in &external {
            let (rule, severity) = if links::is_shortener(&link.host) {
                ("links/shortener", Severity::Medium)
            } else if promotional {
                ("links/promotional", Severity::Medium)
            } else if external.len() >= 3 {
                // Citing sources is legitimate; many links alone only earn a look.
                ("links/many", Severity::Low)
            } else if words_outside < 4 && link_bytes * 2 > text.len() {
                ("links/bare", Severity::Low)
            } else {
                continue;
            };
            if let Some(f) = self.finding(Kind::Spam, rule, severity, link.start, link.end, text) {
                findings.push(f);
            }
        }
    }

    /// Identity: a policy that wants real names routes nicknames and organisations to a person.
    fn author_findings(&self, comment: &Comment, findings: &mut Vec<Finding>) {
        let Some(identity) = self.inner.policy.identity() else {
            return;
        };
        // A platform that gives no name gives nothing to judge.
        let Some(author) = comment
            .author
            .as_ref()
            .filter(|a| !a.name.trim().is_empty())
        else {
            return;
        };
        if identity.require != NameRule::RealName {
            return;
        }
        let (rule, decision) = match self.inner.names.classify(&author.name) {
            NameClass::RealName => return,
            NameClass::Nickname => ("identity/nickname", identity.nickname),
            NameClass::Organisation => ("identity/organisation", identity.organisation),
        };
        if let Some(mut f) = self.finding(
            Kind::UnidentifiedAuthor,
            rule,
            Severity::Low,
            0,
            0,
            &comment.text,
        ) {
            f.excerpt = author.name.clone();
            f.decision = f.decision.min(decision);
            findings.push(f);
        }
    }
}

/// Replaces the spans of findings of the `kinds` to redact with `mark` (where `{label}` names
/// what was removed, e.g. `codice fiscale`); `None` if nothing was redacted.
fn redact(text: &str, findings: &[Finding], kinds: &[Kind], mark: &str) -> Option<String> {
    let mut spans: Vec<(Span, Option<&str>)> = findings
        .iter()
        .filter(|f| {
            kinds.contains(&f.kind) && f.severity > Severity::Low && f.span.end > f.span.start
        })
        .map(|f| (f.span, f.label))
        .collect();
    if spans.is_empty() {
        return None;
    }
    spans.sort();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, label) in spans {
        if span.start < at {
            at = at.max(span.end);
            continue;
        }
        out.push_str(text.get(at..span.start).unwrap_or_default());
        if mark.contains("{label}") {
            out.push_str(&mark.replace("{label}", label.unwrap_or("dato")));
        } else {
            out.push_str(mark);
        }
        at = span.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    Some(out)
}
