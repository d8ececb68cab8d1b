//! The judge: evidence in, a verdict out.
//!
//! Recognizers say what a comment contains; the judge says what the policy makes of it. It
//! cancels what an allow-list phrase overlaps and what polarity marked (negated, quoted,
//! condemned), lets the policy's allowed categories shield weak evidence, maps each remaining
//! piece to the category that covers its kind (its decision, capped at review for weak
//! evidence), and then chooses one reply, the review deadline and the redacted text.

use std::sync::Arc;

use crate::detect::{Evidence, Role};
use crate::schedule::OutsideHours;
use crate::verdict::{Finding, Span, Verdict};
use crate::{Comment, Decision, Kind, Policy, Privacy, RedactOperator, Severity, Stance};

/// A policy's categories prepared for judging: built once with the moderator.
#[derive(Debug)]
pub(crate) struct Judge {
    /// Category index by kind (forbidden categories only).
    category_of: Vec<(Kind, usize)>,
    /// Each category's reply, rendered once in every language it has: it depends on the
    /// policy alone.
    replies: Vec<Rendered>,
    /// The reply to an author who gave their own personal data (`privacy.own-reply`).
    own_reply: Rendered,
    /// `[replies]`: the greeting and the closing of every composed reply.
    greeting: Rendered,
    closing: Rendered,
    redact: bool,
    /// What every verdict and finding names, shared rather than copied into each: the policy's
    /// id and version, each category's id and clause title, by category index.
    policy_id: Arc<str>,
    policy_version: Arc<str>,
    names: Vec<(Arc<str>, Arc<str>)>,
}

/// One reply rendered in each of its languages: `(None, …)` is the policy's language.
type Rendered = Vec<(Option<String>, String)>;

/// Every language version of reply `id`, rendered for `category`.
fn render(policy: &Policy, id: Option<&str>, category: Option<&crate::Category>) -> Rendered {
    let Some(id) = id else {
        return Vec::new();
    };
    policy
        .replies
        .iter()
        .filter(|r| r.id == id)
        .map(|r| (r.lang.clone(), r.template.render(policy, category)))
        .collect()
}

/// The version of `reply` in `lang`, else the policy's.
fn pick<'a>(reply: &'a Rendered, lang: Option<&str>) -> Option<&'a str> {
    lang.and_then(|l| reply.iter().find(|(x, _)| x.as_deref() == Some(l)))
        .or_else(|| reply.iter().find(|(x, _)| x.is_none()))
        .map(|(_, text)| text.as_str())
}

/// Frequent function words of the languages replies are shipped in.
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "you", "is", "are", "of", "to", "this", "that", "it", "for", "with",
            "your", "was", "have", "has", "not", "what", "why", "when", "who", "they", "we", "my",
            "our", "will", "would", "can", "there", "please", "thanks", "be", "been", "at", "on",
            "from", "do", "does", "did", "an",
        ],
    ),
    (
        "it",
        &[
            "il", "lo", "la", "gli", "le", "di", "che", "e", "è", "per", "non", "un", "una",
            "sono", "del", "della", "dei", "delle", "nel", "nella", "con", "questo", "questa",
            "ma", "perché", "come", "ci", "si", "mi", "ti", "vi", "ho", "hanno", "siete", "al",
            "alla", "anche", "più", "io", "noi",
        ],
    ),
];

/// The language a comment is written in, among those of [`FUNCTION_WORDS`], by counting their
/// function words; `None` when neither is clearly ahead (the policy's language is used).
fn guess_language(text: &str) -> Option<&'static str> {
    let mut counts = [0usize; 2];
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.len() <= 8)
    {
        for (i, (_, words)) in FUNCTION_WORDS.iter().enumerate() {
            if words.iter().any(|w| w.eq_ignore_ascii_case(word))
                && let Some(c) = counts.get_mut(i)
            {
                *c += 1;
            }
        }
    }
    let [en, it] = counts;
    if en >= 2 && en > it * 2 {
        Some("en")
    } else if it >= 2 && it > en * 2 {
        Some("it")
    } else {
        None
    }
}

impl Judge {
    pub(crate) fn new(policy: &Policy, redact: bool) -> Judge {
        let mut category_of = Vec::new();
        for (index, category) in policy.categories.iter().enumerate() {
            if category.stance == Stance::Forbidden {
                category_of.extend(category.kinds.iter().map(|k| (*k, index)));
            }
        }
        let replies = policy
            .categories
            .iter()
            .map(|c| render(policy, c.reply.as_deref(), Some(c)))
            .collect();
        let own_reply = render(
            policy,
            policy.privacy.own_reply.as_deref(),
            policy.category_for(Kind::PersonalData),
        );
        let format = policy.reply_format();
        Judge {
            category_of,
            replies,
            own_reply,
            greeting: render(policy, format.greeting.as_deref(), None),
            closing: render(policy, format.closing.as_deref(), None),
            redact,
            policy_id: Arc::from(policy.meta.id.as_str()),
            policy_version: Arc::from(policy.meta.version.as_str()),
            names: policy
                .categories
                .iter()
                .map(|c| (Arc::from(c.id.as_str()), Arc::from(c.clause.as_str())))
                .collect(),
        }
    }

    fn category(&self, kind: Kind) -> Option<usize> {
        self.category_of
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, i)| *i)
    }

    /// The verdict on `comment` (whose text is `text`) given the recognizers' `evidence`.
    pub(crate) fn judge(
        &self,
        policy: &Policy,
        comment: &Comment,
        evidence: Vec<Evidence>,
    ) -> Verdict {
        let text = comment.text.as_str();
        let mut allowed = Vec::new();
        let mut protectors: Vec<usize> = Vec::new();
        let mut candidates = Vec::new();
        for e in evidence {
            match e.role {
                Role::Allow => allowed.push(e.span),
                Role::Protect(category) => protectors.push(category),
                Role::Finding => candidates.push(e),
            }
        }
        // Sorted and merged, the allowed spans answer "does this overlap one" by binary search,
        // and the protecting categories are few however often their terms occur.
        allowed.sort_by_key(|a| (a.start, a.end));
        let mut merged: Vec<std::ops::Range<usize>> = Vec::with_capacity(allowed.len());
        for a in allowed {
            match merged.last_mut() {
                Some(last) if a.start <= last.end => last.end = last.end.max(a.end),
                _ => merged.push(a),
            }
        }
        protectors.sort_unstable();
        protectors.dedup();
        let mut findings: Vec<Finding> = Vec::new();
        let mut cancelled: Vec<Finding> = Vec::new();
        for e in candidates {
            let Some(mut finding) = self.finding(policy, &e, text) else {
                continue;
            };
            let next = merged.partition_point(|a| a.end <= e.span.start);
            let overlaps_allowed =
                e.span.end > e.span.start && merged.get(next).is_some_and(|a| a.start < e.span.end);
            if overlaps_allowed {
                finding.reason = Some("allow-list".into());
                cancelled.push(finding);
            } else if let Some(why) = e.cancel {
                finding.reason = Some(why.as_str().into());
                cancelled.push(finding);
            } else {
                findings.push(finding);
            }
        }

        // Civic criticism shields weak evidence of the kinds its category protects.
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
                f.reason = Some("protected".into());
                cancelled.push(f);
            }
        }
        dedup(&mut findings);
        findings.sort_by_key(|f| (f.span.start, f.span.end));
        cancelled.sort_by_key(|f| (f.span.start, f.span.end));

        // An emergency is never hidden for what it has to say to be helped: where it is, who
        // is hurt, the author's name, a word of panic. Those findings wait for review with it;
        // an abuse beside it (an insult, a threat) keeps its own decision, so that "c'è un
        // incendio" appended to an insult does not shield it.
        let emergency = findings.iter().any(|f| f.kind == Kind::Emergency);
        if emergency {
            for f in &mut findings {
                let needed = matches!(
                    f.kind,
                    Kind::PersonalData
                        | Kind::SensitiveData
                        | Kind::UnidentifiedAuthor
                        | Kind::OffTopic
                        | Kind::Spam
                        | Kind::Emergency
                ) || f.severity == Severity::Low;
                if needed {
                    f.decision = f.decision.min(Decision::Review);
                }
            }
        }
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
            && !emergency
            && schedule.outside_hours() == OutsideHours::Hide
        {
            decision = Decision::Hide;
            outside_hours = true;
        }
        let review_by = match (comment.at, decision) {
            (Some(at), _) if emergency && decision >= Decision::Review => Some(at),
            (Some(at), Decision::Review | Decision::Hide) => schedule.review_by(at),
            _ => None,
        };
        let reply = self.reply(policy, &findings, text);
        let redacted = if self.redact {
            redact(text, &findings, &policy.privacy, policy.language())
        } else {
            None
        };
        Verdict {
            decision,
            findings,
            cancelled,
            policy_id: Arc::clone(&self.policy_id),
            policy_version: Arc::clone(&self.policy_version),
            reply,
            redacted,
            staffed,
            review_by,
            outside_hours,
            truncated: false,
        }
    }

    /// The finding `e` is under the policy, if the policy has a category for its kind.
    fn finding(&self, policy: &Policy, e: &Evidence, text: &str) -> Option<Finding> {
        let index = self.category(e.kind)?;
        let category = policy.categories.get(index)?;
        let (id, clause) = self.names.get(index)?;
        let base = category.decision_for(e.severity);
        // Weak evidence, and kinds that are guesses by nature, never go past review.
        let capped =
            e.severity == Severity::Low || matches!(e.kind, Kind::Misinformation | Kind::OffTopic);
        let mut decision = if capped {
            base.min(Decision::Review)
        } else {
            base
        };
        if let Some(cap) = e.cap {
            decision = decision.min(cap);
        }
        let excerpt = match &e.excerpt {
            Some(x) => x.clone(),
            None => text.get(e.span.clone()).unwrap_or_default().to_owned(),
        };
        Some(Finding {
            kind: e.kind,
            category: Arc::clone(id),
            rule: Arc::clone(&e.rule),
            span: Span {
                start: e.span.start,
                end: e.span.end,
            },
            excerpt,
            severity: e.severity,
            decision,
            clause: Arc::clone(clause),
            ground: e.ground,
            protected_by: None,
            reason: None,
            label: e.label.map(Into::into),
            personal_kind: e.personal,
            own: e.own,
        })
    }

    /// The replies of the categories whose findings stand on their own, gravest first, each
    /// once.
    ///
    /// A finding capped at review for weak evidence gets no reply: the author has not yet
    /// broken anything, and a person will decide. A category whose own decision is review (a
    /// personal case, a crime report) replies at once: its reply is the redirect the policy
    /// promises.
    ///
    /// The paragraphs are composed into one reply in the language of the comment `text`
    /// (where the policy has that version): the greeting once, the paragraphs, the closing.
    fn reply(&self, policy: &Policy, findings: &[Finding], text: &str) -> Option<String> {
        let mut standing: Vec<(&Finding, usize)> = findings
            .iter()
            .filter_map(|f| {
                // The author's own sensitive data in a request ("sono in chemioterapia, …") is
                // a personal case: the reply is the redirect to the private channel.
                let index = if f.own && f.kind == Kind::SensitiveData {
                    // Without a personal-case category, the reply about the author's own data.
                    return match self.category(Kind::PersonalCase) {
                        Some(i) => Some((f, i)),
                        None => Some((f, self.category(f.kind)?)),
                    };
                } else {
                    self.category(f.kind)?
                };
                let category = policy.categories.get(index)?;
                (f.decision == category.decision_for(f.severity)).then_some((f, index))
            })
            .collect();
        if standing.is_empty() {
            return None;
        }
        // Only a comment that gets a reply is read for its language.
        let lang = guess_language(text);
        standing
            .sort_by_key(|(f, _)| (std::cmp::Reverse(f.decision), std::cmp::Reverse(f.severity)));
        let mut out: Vec<&str> = Vec::new();
        for (f, index) in standing {
            let own_elsewhere = f.kind == Kind::PersonalData
                || (f.kind == Kind::SensitiveData && self.category(Kind::PersonalCase).is_none());
            if f.own
                && own_elsewhere
                && let Some(reply) = pick(&self.own_reply, lang)
            {
                if !out.contains(&reply) {
                    out.push(reply);
                }
                continue;
            }
            if let Some(reply) = self.replies.get(index).and_then(|r| pick(r, lang)) {
                // Categories may share a reply: say it once.
                if !out.contains(&reply) {
                    out.push(reply);
                }
            }
        }
        if out.is_empty() {
            return None;
        }
        let mut reply = String::new();
        if let Some(greeting) = pick(&self.greeting, lang) {
            reply.push_str(greeting);
            reply.push('\n');
        }
        reply.push_str(&out.join("\n\n"));
        if let Some(closing) = pick(&self.closing, lang) {
            reply.push_str("\n\n");
            reply.push_str(closing);
        }
        Some(reply)
    }
}

/// Several recognizers may report the same words as the same kind (a lexicon phrase and a
/// rule): keep one finding per kind over overlapping spans, the gravest (then the longest).
fn dedup(findings: &mut Vec<Finding>) {
    if findings.len() < 2 {
        return;
    }
    findings.sort_by(|a, b| {
        (a.kind, a.span.start)
            .cmp(&(b.kind, b.span.start))
            .then(b.span.end.cmp(&a.span.end))
    });
    let mut kept: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings.drain(..) {
        match kept.last_mut() {
            // Sorted by kind then start: the last kept of the same kind is the only one that
            // can overlap `f` as far as it reaches.
            Some(last)
                if last.kind == f.kind
                    && f.span.start < last.span.end
                    && f.span.end > f.span.start =>
            {
                if (f.decision, f.severity) > (last.decision, last.severity) {
                    *last = f;
                }
            }
            _ => kept.push(f),
        }
    }
    *findings = kept;
}

/// Replaces the spans of findings of the kinds the privacy table redacts, each by its
/// operator: a placeholder mark (`{label}` and `{removed}` in the policy's language `lang`), a
/// mask keeping the last characters, or nothing; `None` if nothing was redacted.
fn redact(text: &str, findings: &[Finding], privacy: &Privacy, lang: &str) -> Option<String> {
    let mut spans: Vec<&Finding> = findings
        .iter()
        .filter(|f| {
            privacy.redact.contains(&f.kind)
                && f.severity > Severity::Low
                && f.span.end > f.span.start
        })
        .collect();
    if spans.is_empty() {
        return None;
    }
    spans.sort_by_key(|f| f.span);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in spans {
        let span = f.span;
        if span.start < at {
            // Overlapping spans: whatever the later one adds is cut, never shown.
            at = at.max(span.end);
            continue;
        }
        out.push_str(text.get(at..span.start).unwrap_or_default());
        let operator = f
            .personal_kind
            .map_or(RedactOperator::Placeholder(None), |k| privacy.operator(k));
        match operator {
            RedactOperator::Mask { keep } => {
                mask(
                    text.get(span.start..span.end).unwrap_or_default(),
                    keep,
                    &mut out,
                );
            }
            RedactOperator::Remove => {}
            RedactOperator::Placeholder(mark) => {
                let mark = mark.as_deref().unwrap_or(&privacy.mark);
                let (label, feminine) = match f.personal_kind {
                    Some(kind) => kind.label(lang),
                    None => (crate::kind::datum(lang), false),
                };
                let label = f.label.as_deref().unwrap_or(label);
                out.push_str(
                    &mark
                        .replace("{label}", label)
                        .replace("{removed}", crate::kind::removed(lang, feminine)),
                );
            }
        }
        at = span.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    Some(out)
}

/// Writes `identifier` with every letter and digit but the last `keep` as `*`.
fn mask(identifier: &str, keep: usize, out: &mut String) {
    let total = identifier.chars().filter(|c| c.is_alphanumeric()).count();
    let mut seen = 0;
    for c in identifier.chars() {
        if c.is_alphanumeric() {
            seen += 1;
            out.push(if seen + keep > total { c } else { '*' });
        } else {
            out.push(c);
        }
    }
}
