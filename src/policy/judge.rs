//! The judge: evidence in, a verdict out.
//!
//! Recognizers say what a comment contains; the judge says what the policy makes of it. It
//! cancels what an allow-list phrase overlaps and what polarity marked (negated, quoted,
//! condemned), lets the policy's allowed categories shield weak evidence, maps each remaining
//! piece to the category that covers its kind (its decision, capped at review for weak
//! evidence), and then chooses one reply, the review deadline and the redacted text.

use crate::detect::{Evidence, Role};
use crate::schedule::OutsideHours;
use crate::verdict::{Finding, Span, Verdict};
use crate::{Comment, Decision, Kind, Policy, Privacy, RedactOperator, Severity, Stance};

/// A policy's categories prepared for judging: built once with the moderator.
#[derive(Debug)]
pub(crate) struct Judge {
    /// Category index by kind (forbidden categories only).
    category_of: Vec<(Kind, usize)>,
    /// Each category's reply, rendered once: it depends on the policy alone.
    replies: Vec<Option<String>>,
    /// The reply to an author who gave their own personal data (`privacy.own-reply`).
    own_reply: Option<String>,
    redact: bool,
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
            .map(|c| {
                let reply = policy.reply(c.reply.as_deref()?)?;
                Some(reply.template.render(policy, Some(c)))
            })
            .collect();
        let own_reply = policy.privacy.own_reply.as_deref().and_then(|id| {
            let category = policy.category_for(Kind::PersonalData);
            Some(policy.reply(id)?.template.render(policy, category))
        });
        Judge {
            category_of,
            replies,
            own_reply,
            redact,
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
        let reply = self.reply(policy, &findings);
        let redacted = if self.redact {
            redact(text, &findings, &policy.privacy, policy.language())
        } else {
            None
        };
        Verdict {
            decision,
            findings,
            cancelled,
            policy_id: policy.meta.id.clone(),
            policy_version: policy.meta.version.clone(),
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
            category: category.id.clone(),
            rule: e.rule.to_string(),
            span: Span {
                start: e.span.start,
                end: e.span.end,
            },
            excerpt,
            severity: e.severity,
            decision,
            clause: category.clause.clone(),
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
    fn reply(&self, policy: &Policy, findings: &[Finding]) -> Option<String> {
        let mut standing: Vec<(&Finding, usize)> = findings
            .iter()
            .filter_map(|f| {
                let index = self.category(f.kind)?;
                let category = policy.categories.get(index)?;
                (f.decision == category.decision_for(f.severity)).then_some((f, index))
            })
            .collect();
        standing
            .sort_by_key(|(f, _)| (std::cmp::Reverse(f.decision), std::cmp::Reverse(f.severity)));
        let mut out: Vec<&str> = Vec::new();
        for (f, index) in standing {
            if f.own
                && let Some(reply) = &self.own_reply
            {
                if !out.contains(&reply.as_str()) {
                    out.push(reply);
                }
                continue;
            }
            if let Some(Some(reply)) = self.replies.get(index) {
                // Categories may share a reply: say it once.
                if !out.contains(&reply.as_str()) {
                    out.push(reply);
                }
            }
        }
        (!out.is_empty()).then(|| out.join("\n\n"))
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
