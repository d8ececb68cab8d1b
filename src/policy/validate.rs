//! Phase two of loading: raw sections → validated [`Policy`], collecting every problem.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::civil::{Date, Time, Weekday};
use jiff::{SignedDuration, tz::TimeZone};
use toml::Spanned;
use toml::value::Datetime;

use super::error::{PolicyError, Problems, suggest};
use super::load::{self, Sections};
use super::raw::*;
use super::{
    Category, Channel, Clause, Contact, FORMAT, Identity, Meta, NameRule, Policy, Privacy, Purpose,
    RedactOperator, Redaction, Reply, ReplyFormat, Stance, Template, Warnings,
};
use crate::detect::{constructions, lexicon};
use crate::escalation::{Escalation, Immediate, Sanction, StrikeWeights, Threshold};
use crate::rules::{self, ClassSource, RuleSource};
use crate::schedule::{Holidays, OutsideHours, Schedule, Window};
use crate::{Decision, Ground, Kind, PersonalKind, Severity};

pub(crate) fn policy(source: &str, origin: &str) -> Result<Policy, PolicyError> {
    let mut problems = Problems::new(source);
    let sections = load::sections(source, &mut problems);
    let built = Builder {
        p: &mut problems,
        forms: 0,
        bytes: 0,
        forms_reported: false,
        clause_refs: Vec::new(),
        removed: HashSet::new(),
        places: Vec::new(),
    }
    .build(sections);
    match built {
        Some(mut policy) if problems.is_empty() => {
            policy.warnings = Warnings(problems.take_warnings());
            Ok(policy)
        }
        _ => Err(problems.into_error(origin)),
    }
}

/// Most forms a policy's own terms, allow-list and classes may expand to in all: keeps the
/// compiled automaton of any policy that loads within bounds.
const MAX_POLICY_FORMS: usize = 200_000;

/// Most bytes of text those forms may take, counted as each term's forms times its longest.
const MAX_POLICY_BYTES: usize = 16 << 20;

/// Most `[[rule]]`s a policy may add: each runs on every comment whose words it needs.
const MAX_POLICY_RULES: usize = 5_000;

/// Longest rule pattern, in bytes: a construction longer than this is several rules.
const MAX_PATTERN_BYTES: usize = 2_000;

struct Builder<'a, 's> {
    p: &'a mut Problems<'s>,
    /// Forms of the policy's terms counted so far, their bytes, and whether a limit was
    /// reported.
    forms: usize,
    bytes: usize,
    forms_reported: bool,
    /// Every clause reference: (clause id, where, field, enforcing element).
    clause_refs: Vec<(Spanned<String>, String, String)>,
    /// Fields taken out when loading for a value of the wrong shape.
    removed: HashSet<String>,
    /// Where each built category is written, for warnings: its index, id and `protects`.
    places: Vec<CategoryPlace>,
}

/// Where a category is written: its index in the file, its id, and each `protects` entry.
struct CategoryPlace {
    index: usize,
    id: usize,
    protects: Vec<(usize, usize, Kind)>,
}

const DAYS: [(&str, Weekday); 7] = [
    ("mon", Weekday::Monday),
    ("tue", Weekday::Tuesday),
    ("wed", Weekday::Wednesday),
    ("thu", Weekday::Thursday),
    ("fri", Weekday::Friday),
    ("sat", Weekday::Saturday),
    ("sun", Weekday::Sunday),
];

impl Builder<'_, '_> {
    fn build(mut self, mut s: Sections) -> Option<Policy> {
        self.removed = std::mem::take(&mut s.removed);
        if let Some(format) = &s.format {
            if *format.get_ref() != i64::from(FORMAT) {
                self.p.push(
                    format.span().start,
                    "format",
                    format!(
                        "unsupported format `{}` (this version of galateo reads format {FORMAT})",
                        format.get_ref()
                    ),
                );
            }
        }
        let meta = s.policy.map(|m| self.meta(m));
        let channels: Vec<Channel> = s
            .channel
            .into_iter()
            .map(|(i, c)| self.channel(i, c))
            .collect();
        let contacts = self.contacts(s.contact);
        let has_source = meta.as_ref().is_some_and(|m| m.source.is_some());
        // Ids as written: a reply whose template is broken is still the one a category means.
        let reply_names: Vec<String> = s
            .reply
            .iter()
            .map(|(_, r)| r.id.get_ref().clone())
            .collect();
        let reply_places: Vec<(usize, usize)> = s
            .reply
            .iter()
            .map(|(i, r)| (*i, r.id.span().start))
            .collect();
        let reply_ids: Vec<&str> = reply_names.iter().map(String::as_str).collect();
        let replies = self.replies(s.reply, &contacts, has_source);
        let reply_format = self.reply_format(s.replies, &reply_ids);
        let language = meta
            .as_ref()
            .and_then(|m| m.languages.first().cloned())
            .unwrap_or_else(|| "it".to_owned());
        let categories = self.categories(s.category, &reply_ids, &language);
        let schedule = s.schedule.map(|raw| {
            let clause = self.clause_ref(raw.clause.clone(), "schedule.clause", "schedule");
            (self.schedule(raw), clause)
        });
        let escalation = s.escalation.map(|raw| {
            let clause = self.clause_ref(raw.clause.clone(), "escalation.clause", "escalation");
            (self.escalation(raw), clause)
        });
        let privacy = self.privacy(s.privacy, &reply_ids);
        let identity = s.identity.map(|raw| self.identity(raw));
        let clauses = self.clauses(s.clause);
        let (allow_source, allow) = self.allow(s.lexicon, &language);
        let (class_source, classes) = self.classes(s.class, &language);
        let rules = self.rules(s.rule, &classes, &categories, &language);
        let meta = meta?;
        if s.dropped {
            return None;
        }
        self.warnings(&categories, &rules, identity.as_ref());
        self.unused_replies(
            &reply_names,
            &reply_places,
            &categories,
            &privacy,
            &reply_format,
        );
        Some(Policy {
            meta,
            channels,
            contacts,
            clauses,
            categories,
            schedule: schedule.and_then(|(s, c)| Some((s?, c))),
            escalation: escalation.and_then(|(e, c)| Some((e?, c))),
            privacy,
            identity,
            replies,
            reply_format,
            always: Schedule::default(),
            no_escalation: Escalation::default(),
            allow_source,
            allow,
            class_source,
            classes,
            rules,
            warnings: Warnings::default(),
        })
    }

    /// Warnings on categories: a forbidden one nothing can trigger, an allowed one whose
    /// protection shields nothing.
    fn warnings(
        &mut self,
        categories: &[Category],
        rules: &[RuleSource],
        identity: Option<&Identity>,
    ) {
        let places = std::mem::take(&mut self.places);
        let ruled: HashSet<Kind> = rules.iter().map(|r| r.kind).collect();
        let forbidden: HashSet<Kind> = categories
            .iter()
            .filter(|c| c.stance == Stance::Forbidden)
            .flat_map(|c| c.kinds.iter().copied())
            .collect();
        for (c, place) in categories.iter().zip(&places) {
            let field = format!("category[{}]", place.index);
            match c.stance {
                Stance::Forbidden => {
                    let triggered = !c.entries.is_empty()
                        || c.kinds
                            .iter()
                            .any(|k| shipped_reports(*k, identity) || ruled.contains(k));
                    if triggered || c.kinds.is_empty() {
                        continue;
                    }
                    let kinds: Vec<String> = c.kinds.iter().map(|k| format!("`{k}`")).collect();
                    let author = if c.kinds.contains(&Kind::UnidentifiedAuthor) {
                        " (`unidentified-author` is reported only under `[identity] require = \"real-name\"`)"
                    } else {
                        ""
                    };
                    self.p.warn(
                        place.id,
                        field,
                        format!(
                            "nothing can trigger category `{}`: no shipped recognizer reports {}{author}, and it has no `terms` and no `[[rule]]` of its kinds",
                            c.id,
                            kinds.join(", ")
                        ),
                    );
                }
                Stance::Allowed => {
                    let covered = |kind: &Kind| forbidden.contains(kind);
                    if place.protects.is_empty() {
                        if !c.protects.iter().any(covered) {
                            let kinds: Vec<String> =
                                c.protects.iter().map(|k| format!("`{k}`")).collect();
                            self.p.warn(
                                place.id,
                                field,
                                format!(
                                    "category `{}` protects nothing: it shields {} by default, and no forbidden category covers them",
                                    c.id,
                                    kinds.join(" and ")
                                ),
                            );
                        }
                        continue;
                    }
                    for (j, at, kind) in &place.protects {
                        if covered(kind) {
                            continue;
                        }
                        self.p.warn(
                            *at,
                            format!("{field}.protects[{j}]"),
                            format!(
                                "category `{}` protects `{kind}` for nothing: no forbidden category covers it",
                                c.id
                            ),
                        );
                    }
                }
            }
        }
    }

    /// A reply that neither a category nor `privacy.own-reply` uses is never shown.
    fn unused_replies(
        &mut self,
        names: &[String],
        places: &[(usize, usize)],
        categories: &[Category],
        privacy: &Privacy,
        format: &ReplyFormat,
    ) {
        let used: HashSet<&str> = categories
            .iter()
            .filter_map(|c| c.reply.as_deref())
            .chain(privacy.own_reply.as_deref())
            .chain(format.greeting.as_deref())
            .chain(format.closing.as_deref())
            .collect();
        for (name, (i, at)) in names.iter().zip(places) {
            if !used.contains(name.as_str()) {
                self.p.warn(
                    *at,
                    format!("reply[{i}]"),
                    format!(
                        "reply `{name}` is never shown: no category, not `privacy.own-reply` and not `[replies]` uses it"
                    ),
                );
            }
        }
    }

    /// A severity written as `low`, `medium` or `high`.
    fn severity(&mut self, raw: &Spanned<String>, field: &str) -> Option<Severity> {
        self.one_of(
            raw,
            field,
            "severity",
            &[
                (Severity::Low, "low"),
                (Severity::Medium, "medium"),
                (Severity::High, "high"),
            ],
        )
    }

    /// Parses one of the policy's terms (of a category, the allow-list or a class) within the
    /// policy's budget of forms, counted before they are generated, so its automaton always
    /// compiles in bounded memory.
    fn term(
        &mut self,
        raw: &Spanned<String>,
        field: String,
        language: &str,
    ) -> Option<lexicon::Entry> {
        let term = match lexicon::parse_term(raw.get_ref(), language) {
            Ok(term) => term,
            Err(message) => {
                self.p.push(raw.span().start, field, message);
                return None;
            }
        };
        if self.forms_reported {
            return None;
        }
        let forms = self.forms.saturating_add(term.forms());
        let bytes = self.bytes.saturating_add(term.bytes());
        if forms > MAX_POLICY_FORMS || bytes > MAX_POLICY_BYTES {
            self.forms_reported = true;
            let message = if forms > MAX_POLICY_FORMS {
                format!(
                    "the policy's terms expand to more than {MAX_POLICY_FORMS} forms: write fewer alternatives"
                )
            } else {
                format!(
                    "the policy's terms expand to more than {} MB of text: write fewer or shorter alternatives",
                    MAX_POLICY_BYTES >> 20
                )
            };
            self.p.push(raw.span().start, field, message);
            return None;
        }
        (self.forms, self.bytes) = (forms, bytes);
        match term.into_entry() {
            Ok(entry) => Some(entry),
            Err(message) => {
                self.p.push(raw.span().start, field, message);
                None
            }
        }
    }

    /// `[lexicon] allow`: phrases in the lexicon syntax.
    fn allow(
        &mut self,
        raw: Option<RawLexicon>,
        language: &str,
    ) -> (Vec<String>, Vec<lexicon::Entry>) {
        let Some(raw) = raw else {
            return (Vec::new(), Vec::new());
        };
        let mut entries = Vec::new();
        for (j, phrase) in raw.allow.iter().enumerate() {
            entries.extend(self.term(phrase, format!("lexicon.allow[{j}]"), language));
        }
        let written = raw.allow.into_iter().map(Spanned::into_inner).collect();
        (written, entries)
    }

    /// `[[class]]`: word classes in the policy's language, added to the shipped ones.
    fn classes(
        &mut self,
        raw: Vec<(usize, RawClass)>,
        language: &str,
    ) -> (Vec<(String, Vec<String>)>, Vec<ClassSource>) {
        let mut written = Vec::new();
        let mut classes = Vec::new();
        let mut seen = HashMap::new();
        for (i, c) in raw {
            let at = |field: &str| format!("class[{i}].{field}");
            self.check_id(&c.name, &at("name"));
            self.unique(&mut seen, &c.name, &at("name"), "class");
            if c.words.is_empty() {
                self.p.push(
                    c.name.span().start,
                    at("words"),
                    "a class needs at least one word",
                );
            }
            let mut members = Vec::new();
            for (j, word) in c.words.iter().enumerate() {
                if let Some(e) = self.term(word, format!("class[{i}].words[{j}]"), language) {
                    members.extend(e.forms.into_iter().map(|form| rules::Member {
                        form,
                        ground: e.ground,
                        tags: 0,
                    }));
                }
            }
            // A policy may extend a shipped verb class only with words: they match any
            // selector-free reference.
            classes.push(ClassSource {
                name: c.name.get_ref().clone(),
                lang: language.to_owned(),
                members,
                verbs: false,
            });
            written.push((
                c.name.into_inner(),
                c.words.into_iter().map(Spanned::into_inner).collect(),
            ));
        }
        (written, classes)
    }

    /// `[[rule]]`: compiled against the shipped classes and the policy's own, so a policy that
    /// loads always builds.
    fn rules(
        &mut self,
        raw: Vec<(usize, RawRule)>,
        classes: &[ClassSource],
        categories: &[Category],
        language: &str,
    ) -> Vec<RuleSource> {
        if raw.is_empty() {
            return Vec::new();
        }
        let mut seen = HashMap::new();
        let mut sources = Vec::new();
        let mut spans = Vec::new();
        let forbidden: HashSet<Kind> = categories
            .iter()
            .filter(|c| c.stance == Stance::Forbidden)
            .flat_map(|c| c.kinds.iter().copied())
            .collect();
        if raw.len() > MAX_POLICY_RULES {
            if let Some((i, r)) = raw.get(MAX_POLICY_RULES) {
                self.p.push(
                    r.id.span().start,
                    format!("rule[{i}]"),
                    format!(
                        "a policy may add at most {MAX_POLICY_RULES} rules; this one is rule {}",
                        MAX_POLICY_RULES + 1
                    ),
                );
            }
            return Vec::new();
        }
        for (i, r) in &raw {
            let i = *i;
            let at = |field: &str| format!("rule[{i}].{field}");
            if r.pattern.get_ref().len() > MAX_PATTERN_BYTES {
                self.p.push(
                    r.pattern.span().start,
                    at("pattern"),
                    format!(
                        "the pattern is {} bytes, longer than {MAX_PATTERN_BYTES}: split it into several rules",
                        r.pattern.get_ref().len()
                    ),
                );
                continue;
            }
            self.check_id(&r.id, &at("id"));
            self.unique(&mut seen, &r.id, &at("id"), "rule");
            let kind = match r.kind.get_ref().parse::<Kind>() {
                Ok(kind) => {
                    if !forbidden.contains(&kind) {
                        self.p.push(
                            r.kind.span().start,
                            at("kind"),
                            format!("no forbidden category covers kind `{kind}`: the rule would never count"),
                        );
                    }
                    kind
                }
                Err(_) => {
                    self.p.push_hinted(
                        r.kind.span().start,
                        at("kind"),
                        format!("unknown kind `{}`", r.kind.get_ref()),
                        suggest(r.kind.get_ref(), Kind::ALL.iter().map(|k| k.as_str())),
                    );
                    continue;
                }
            };
            let severity = r
                .severity
                .as_ref()
                .and_then(|s| self.severity(s, &at("severity")))
                .unwrap_or_default();
            let ground = match &r.ground {
                Some(g) => match g.get_ref().parse::<Ground>() {
                    Ok(ground) => Some(ground),
                    Err(_) => {
                        self.p.push_hinted(
                            g.span().start,
                            at("ground"),
                            format!("unknown ground `{}`", g.get_ref()),
                            suggest(g.get_ref(), Ground::ALL.iter().map(|g| g.as_str())),
                        );
                        None
                    }
                },
                None => None,
            };
            sources.push(RuleSource {
                id: format!("rule/{}", r.id.get_ref()),
                lang: language.to_owned(),
                kind,
                pattern: r.pattern.get_ref().clone(),
                severity,
                ground,
                negation: r.negation,
                own: r.own,
            });
            spans.push((i, r.pattern.span(), r.pattern.get_ref().clone()));
        }
        let mut all = constructions::shipped_classes(|lang| lang == language);
        all.extend(classes.iter().cloned());
        if let Err(errors) = rules::Rules::build(&sources, &all) {
            for e in errors {
                if let Some((i, span, pattern)) = spans.get(e.rule) {
                    let at = self.p.offset_in_string(span.clone(), pattern, e.offset);
                    self.p
                        .push_hinted(at, format!("rule[{i}].pattern"), e.message, e.hint);
                }
            }
        }
        sources
    }

    fn meta(&mut self, m: RawMeta) -> Meta {
        self.check_id(&m.id, "policy.id");
        let mut clauses = Vec::new();
        for (i, clause) in m.clauses.into_iter().enumerate() {
            let field = format!("policy.clauses[{i}]");
            if let Some(id) = self.clause_ref(Some(clause), &field, "policy") {
                clauses.push(id);
            }
        }
        let mut languages = Vec::new();
        for (i, lang) in m.languages.iter().enumerate() {
            let code = lang.get_ref();
            if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_lowercase()) {
                self.p.push(
                    lang.span().start,
                    format!("policy.languages[{i}]"),
                    format!("`{code}` is not a two-letter language code such as `it` or `en`"),
                );
            }
            languages.push(code.clone());
        }
        if languages.is_empty() {
            languages.push("it".to_owned());
        }
        Meta {
            id: m.id.into_inner(),
            name: m.name,
            institution: m.institution,
            owner: m.owner,
            version: m.version,
            published: m.published.and_then(|d| self.date(&d, "policy.published")),
            updated: m.updated.and_then(|d| self.date(&d, "policy.updated")),
            languages,
            source: m.source,
            domains: self.domains(m.domains),
            clauses,
        }
    }

    /// Own domains are bare host names (`comune.livorno.it`): a URL there would never match.
    fn domains(&mut self, raw: Vec<Spanned<String>>) -> Vec<String> {
        let mut out = Vec::new();
        for (i, d) in raw.into_iter().enumerate() {
            let host = d.get_ref().trim().to_lowercase();
            let ok = host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && host
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
            if !ok {
                self.p.push(
                    d.span().start,
                    format!("policy.domains[{i}]"),
                    format!(
                        "`{}` is not a host name like `comune.livorno.it`",
                        d.get_ref()
                    ),
                );
            }
            out.push(host);
        }
        out
    }

    fn channel(&mut self, i: usize, c: RawChannel) -> Channel {
        let element = format!("channel:{}", c.platform);
        let clause = self.clause_ref(c.clause, &format!("channel[{i}].clause"), &element);
        Channel {
            platform: c.platform,
            name: c.name,
            url: c.url,
            clause,
        }
    }

    fn contacts(&mut self, raw: Vec<(usize, RawContact)>) -> Vec<Contact> {
        let mut seen = HashMap::new();
        let mut out = Vec::new();
        for (i, c) in raw {
            self.unique(&mut seen, &c.id, &format!("contact[{i}].id"), "contact");
            let purpose = self.one_of(
                &c.purpose,
                &format!("contact[{i}].purpose"),
                "purpose",
                &Purpose::ALL.map(|p| (p, p.as_str())),
            );
            let clause = self.clause_ref(
                c.clause,
                &format!("contact[{i}].clause"),
                &format!("contact:{}", c.id.get_ref()),
            );
            out.push(Contact {
                id: c.id.into_inner(),
                purpose: purpose.unwrap_or(Purpose::General),
                name: c.name,
                email: c.email,
                phones: c.phones,
                url: c.url,
                clause,
            });
        }
        out
    }

    fn replies(
        &mut self,
        raw: Vec<(usize, RawReply)>,
        contacts: &[Contact],
        has_source: bool,
    ) -> Vec<Reply> {
        let mut seen = HashMap::new();
        let mut out = Vec::new();
        let mut base: HashSet<String> = HashSet::new();
        let mut translated: Vec<(usize, Spanned<String>)> = Vec::new();
        for (i, r) in raw {
            // One version per id and language: the key is the id, then `@lang` if any.
            let lang = r.lang.as_ref().map(|l| l.get_ref().clone());
            if let Some(l) = &r.lang {
                let v = l.get_ref();
                if !(2..=3).contains(&v.len()) || !v.bytes().all(|b| b.is_ascii_lowercase()) {
                    self.p.push(
                        l.span().start,
                        format!("reply[{i}].lang"),
                        format!("`{v}` is not a language code (two or three lowercase letters, such as `en`)"),
                    );
                }
                translated.push((i, r.id.clone()));
            } else {
                base.insert(r.id.get_ref().clone());
            }
            let key = Spanned::new(
                r.id.span(),
                match &lang {
                    Some(l) => format!("{}` in language `{l}", r.id.get_ref()),
                    None => r.id.get_ref().clone(),
                },
            );
            self.unique(&mut seen, &key, &format!("reply[{i}].id"), "reply");
            match Template::parse(r.text.get_ref(), contacts, has_source) {
                Ok(template) => out.push(Reply {
                    id: r.id.into_inner(),
                    lang,
                    template,
                }),
                Err(errors) => {
                    for (offset, message) in errors {
                        let at = self
                            .p
                            .offset_in_string(r.text.span(), r.text.get_ref(), offset);
                        self.p.push(at, format!("reply[{i}].text"), message);
                    }
                }
            }
        }
        for (i, id) in translated {
            if !base.contains(id.get_ref()) {
                self.p.push(
                    id.span().start,
                    format!("reply[{i}].id"),
                    format!(
                        "reply `{}` has no version in the policy's language: write one without `lang`",
                        id.get_ref()
                    ),
                );
            }
        }
        out
    }

    /// `[replies]`: the greeting and the closing name replies of the file.
    fn reply_format(&mut self, raw: Option<RawReplies>, replies: &[&str]) -> ReplyFormat {
        let Some(raw) = raw else {
            return ReplyFormat::default();
        };
        let mut known = |value: Option<Spanned<String>>, field: &str| {
            let value = value?;
            if replies.contains(&value.get_ref().as_str()) {
                return Some(value.into_inner());
            }
            let hint = self.p.suggest(value.get_ref(), replies.iter().copied());
            self.p.push_hinted(
                value.span().start,
                field,
                format!("unknown reply `{}`", value.get_ref()),
                hint,
            );
            None
        };
        ReplyFormat {
            greeting: known(raw.greeting, "replies.greeting"),
            closing: known(raw.closing, "replies.closing"),
        }
    }

    fn categories(
        &mut self,
        raw: Vec<(usize, RawCategory)>,
        replies: &[&str],
        language: &str,
    ) -> Vec<Category> {
        let mut seen = HashMap::new();
        let mut owner: HashMap<Kind, (usize, String)> = HashMap::new();
        let reply_set: HashSet<&str> = replies.iter().copied().collect();
        let mut out = Vec::new();
        for (i, c) in raw {
            let at = |field: &str| format!("category[{i}].{field}");
            self.check_id(&c.id, &at("id"));
            self.unique(&mut seen, &c.id, &at("id"), "category");
            let stance = self
                .one_of(
                    &c.stance,
                    &at("stance"),
                    "stance",
                    &[
                        (Stance::Forbidden, Stance::Forbidden.as_str()),
                        (Stance::Allowed, Stance::Allowed.as_str()),
                    ],
                )
                .unwrap_or(Stance::Forbidden);
            let kinds = self.kinds(&c.kinds, &at("kinds"));
            if stance == Stance::Forbidden {
                if c.kinds.is_empty() && !self.removed.contains(&at("kinds")) {
                    self.p.push(
                        c.id.span().start,
                        at("kinds"),
                        "a forbidden category needs at least one kind",
                    );
                }
                // Walk the kinds as written, so a bad entry before does not shift positions.
                for (j, raw) in c.kinds.iter().enumerate() {
                    let Ok(kind) = raw.get_ref().parse::<Kind>() else {
                        continue;
                    };
                    if let Some((first_index, first)) =
                        owner.insert(kind, (i, c.id.get_ref().clone()))
                    {
                        if first_index != i {
                            self.p.push(
                                raw.span().start,
                                format!("category[{i}].kinds[{j}]"),
                                format!("kind `{kind}` is already covered by category `{first}`"),
                            );
                        }
                    }
                }
            } else {
                if !c.kinds.is_empty() {
                    self.p.push(
                        c.kinds.first().map_or(0, |k| k.span().start),
                        at("kinds"),
                        "an allowed category covers no kinds: list the kinds it shields in `protects`",
                    );
                }
                if c.terms.is_empty() && !self.removed.contains(&at("terms")) {
                    self.p.push(
                        c.id.span().start,
                        at("terms"),
                        "an allowed category needs `terms` to recognise the speech it protects",
                    );
                }
            }
            let clause = self
                .clause_ref(
                    Some(c.clause.clone()),
                    &at("clause"),
                    &format!("category:{}", c.id.get_ref()),
                )
                .unwrap_or_default();
            let severity = c
                .severity
                .as_ref()
                .and_then(|s| self.severity(s, &at("severity")))
                .unwrap_or_default();
            let default_decision = match stance {
                Stance::Forbidden => Decision::Hide,
                Stance::Allowed => Decision::Publish,
            };
            let decision = c
                .decision
                .as_ref()
                .and_then(|d| self.decision(d, &at("decision")))
                .unwrap_or(default_decision);
            let severe_decision = match &c.severe_decision {
                Some(raw) => {
                    let severe = self
                        .decision(raw, &at("severe-decision"))
                        .unwrap_or(decision);
                    if severe < decision {
                        self.p.push(
                            raw.span().start,
                            at("severe-decision"),
                            format!(
                                "`{severe}` is milder than the category's decision `{decision}`"
                            ),
                        );
                    }
                    severe
                }
                None => decision,
            };
            if let Some(reply) = &c.reply {
                if !reply_set.contains(reply.get_ref().as_str()) {
                    let hint = self.p.suggest(reply.get_ref(), replies.iter().copied());
                    self.p.push_hinted(
                        reply.span().start,
                        at("reply"),
                        format!("unknown reply `{}`", reply.get_ref()),
                        hint,
                    );
                }
            }
            let mut entries = Vec::with_capacity(c.terms.len());
            for (j, term) in c.terms.iter().enumerate() {
                entries.extend(self.term(term, format!("category[{i}].terms[{j}]"), language));
            }
            let protects = self.kinds(&c.protects, &at("protects"));
            if stance == Stance::Forbidden && !c.protects.is_empty() {
                self.p.push(
                    c.protects.first().map_or(0, |k| k.span().start),
                    at("protects"),
                    "only an allowed category protects speech",
                );
            }
            let protects = if stance == Stance::Allowed && protects.is_empty() {
                vec![Kind::Insult, Kind::Vulgarity]
            } else {
                protects
            };
            self.places.push(CategoryPlace {
                index: i,
                id: c.id.span().start,
                protects: c
                    .protects
                    .iter()
                    .enumerate()
                    .filter_map(|(j, k)| Some((j, k.span().start, k.get_ref().parse().ok()?)))
                    .collect(),
            });
            out.push(Category {
                id: c.id.into_inner(),
                label: c.label,
                stance,
                kinds,
                clause,
                severity,
                decision,
                severe_decision,
                reply: c.reply.map(Spanned::into_inner),
                terms: c.terms.into_iter().map(Spanned::into_inner).collect(),
                entries,
                protects,
            });
        }
        out
    }

    fn schedule(&mut self, s: RawSchedule) -> Option<Schedule> {
        let name = s.time_zone.get_ref();
        let time_zone = match TimeZone::get(name) {
            Ok(tz) => Some(tz),
            Err(_) => {
                let message = if name.chars().count() > MAX_TIME_ZONE {
                    format!("`{name}` is too long to be a time zone name like `Europe/Rome`")
                } else {
                    format!("unknown time zone `{name}`")
                };
                let names: Vec<String> =
                    jiff::tz::db().available().map(|n| n.to_string()).collect();
                let hint = self.p.suggest(name, names.iter().map(String::as_str));
                self.p.push_hinted(
                    s.time_zone.span().start,
                    "schedule.time-zone",
                    message,
                    hint,
                );
                None
            }
        };
        let mut windows: Vec<Window> = Vec::new();
        // The windows that overlap none before them, by day and start: (end, index as
        // written). They never overlap each other, so of those starting before a new window
        // ends only the last can overlap it: one lookup a day, not one comparison a window.
        let mut by_day: HashMap<Weekday, BTreeMap<Time, (Time, usize)>> = HashMap::new();
        for (i, w) in s.window.iter().enumerate() {
            let at = |field: &str| format!("schedule.window[{i}].{field}");
            let mut days = Vec::new();
            for (j, day) in w.days.get_ref().iter().enumerate() {
                if let Some(d) = self.one_of(
                    day,
                    &format!("schedule.window[{i}].days[{j}]"),
                    "day",
                    &DAYS.map(|(n, d)| (d, n)),
                ) {
                    days.push(d);
                }
            }
            if w.days.get_ref().is_empty() {
                self.p.push(
                    w.days.span().start,
                    at("days"),
                    "a window needs at least one day",
                );
            }
            let start = self.time(&w.start, &at("start"));
            // An end of `00:00` is the midnight that closes the day, like `24:00`.
            let end = match w.end.get_ref().as_str() {
                "00:00" => Some(Time::MAX),
                _ => self.time(&w.end, &at("end")),
            };
            let (Some(start), Some(end)) = (start, end) else {
                continue;
            };
            if start >= end {
                self.p.push(
                    w.start.span().start,
                    at("start"),
                    format!(
                        "empty window: `{}` is not before `{}`",
                        w.start.get_ref(),
                        w.end.get_ref()
                    ),
                );
                continue;
            }
            let overlap = days.iter().find_map(|day| {
                let (_, (other_end, k)) = by_day.get(day)?.range(..end).next_back()?;
                (*other_end > start).then_some((*day, *k))
            });
            match overlap {
                Some((day, k)) => self.p.push(
                    w.start.span().start,
                    at("start"),
                    format!(
                        "window overlaps `schedule.window[{k}]` on `{}`",
                        day_name(day)
                    ),
                ),
                None => {
                    for day in &days {
                        by_day.entry(*day).or_default().insert(start, (end, i));
                    }
                }
            }
            windows.push(Window { days, start, end });
        }
        let mut yearly = Vec::new();
        for (i, day) in s.local_holidays.iter().enumerate() {
            match month_day(day.get_ref()) {
                Some(md) => yearly.push(md),
                None => self.p.push(
                    day.span().start,
                    format!("schedule.local-holidays[{i}]"),
                    format!("`{}` is not a day of the year like `05-22`", day.get_ref()),
                ),
            }
        }
        let dates = s
            .closed
            .iter()
            .enumerate()
            .filter_map(|(i, d)| self.date(d, &format!("schedule.closed[{i}]")))
            .collect();
        let outside_hours = s
            .outside_hours
            .as_ref()
            .and_then(|o| {
                self.one_of(
                    o,
                    "schedule.outside-hours",
                    "setting",
                    &OutsideHours::ALL.map(|o| (o, o.as_str())),
                )
            })
            .unwrap_or_default();
        let review_within = match &s.review_within {
            None => SignedDuration::from_hours(4),
            Some(raw) => match raw.get_ref().parse::<SignedDuration>() {
                Ok(d) if d.is_positive() => d,
                _ => {
                    self.p.push(
                        raw.span().start,
                        "schedule.review-within",
                        format!(
                            "`{}` is not a positive duration like `2h` or `90m`",
                            raw.get_ref()
                        ),
                    );
                    SignedDuration::ZERO
                }
            },
        };
        Some(Schedule {
            time_zone_name: name.clone(),
            time_zone: time_zone?,
            windows,
            holidays: Holidays {
                italian: s.italian_holidays,
                yearly,
                dates,
            },
            outside_hours,
            review_within,
        })
    }

    fn escalation(&mut self, e: RawEscalation) -> Option<Escalation> {
        let days = *e.window_days.get_ref();
        if !(1..=3650).contains(&days) {
            self.p.push(
                e.window_days.span().start,
                "escalation.window-days",
                format!("`{days}` is not a number of days between 1 and 3650"),
            );
        }
        let strikes = e.strikes.map_or(
            StrikeWeights {
                review: 0,
                hide: 1,
                remove: 2,
            },
            |s| StrikeWeights {
                review: s.review,
                hide: s.hide,
                remove: s.remove,
            },
        );
        let sanctions = Sanction::ALL.map(|s| (s, s.as_str()));
        let mut thresholds: Vec<Threshold> = Vec::new();
        for (i, t) in e.threshold.iter().enumerate() {
            let at = |field: &str| format!("escalation.threshold[{i}].{field}");
            let count = *t.strikes.get_ref();
            let sanction = self.one_of(&t.sanction, &at("sanction"), "sanction", &sanctions);
            let Ok(count) = u32::try_from(count) else {
                self.p.push(
                    t.strikes.span().start,
                    at("strikes"),
                    format!("`{count}` is not a positive number of strikes"),
                );
                continue;
            };
            if count == 0 {
                self.p.push(
                    t.strikes.span().start,
                    at("strikes"),
                    "a threshold needs at least one strike",
                );
            }
            let mut in_order = true;
            if let Some(prev) = thresholds.last() {
                in_order = false;
                if count <= prev.strikes {
                    self.p.push(
                        t.strikes.span().start,
                        at("strikes"),
                        format!(
                            "thresholds out of order: `{count}` strikes after `{}`",
                            prev.strikes
                        ),
                    );
                } else if sanction.is_some_and(|s| s < prev.sanction) {
                    self.p.push(
                        t.sanction.span().start,
                        at("sanction"),
                        format!(
                            "thresholds out of order: `{}` is milder than `{}` before it",
                            t.sanction.get_ref(),
                            prev.sanction
                        ),
                    );
                } else {
                    in_order = true;
                }
            }
            // An out-of-order threshold is not the baseline the next one is compared with.
            if let (Some(sanction), true) = (sanction, in_order) {
                thresholds.push(Threshold {
                    strikes: count,
                    sanction,
                });
            }
        }
        let mut immediate = Vec::new();
        for (i, m) in e.immediate.iter().enumerate() {
            let kinds = self.kinds(&m.kinds, &format!("escalation.immediate[{i}].kinds"));
            if let Some(sanction) = self.one_of(
                &m.sanction,
                &format!("escalation.immediate[{i}].sanction"),
                "sanction",
                &sanctions,
            ) {
                immediate.push(Immediate { kinds, sanction });
            }
        }
        Some(Escalation {
            window: SignedDuration::from_hours(24 * days.clamp(1, 3650)),
            strikes,
            thresholds,
            immediate,
        })
    }

    fn privacy(&mut self, raw: Option<RawPrivacy>, replies: &[&str]) -> Privacy {
        let Some(p) = raw else {
            return Privacy {
                clause: None,
                redact: Vec::new(),
                mark: DEFAULT_MARK.to_owned(),
                redaction: Vec::new(),
                own_reply: None,
                public: Vec::new(),
            };
        };
        let clause = self.clause_ref(p.clause, "privacy.clause", "privacy");
        let redact = self.kinds(&p.redact, "privacy.redact");
        if let Some(mark) = &p.mark {
            self.mark(mark, "privacy.mark");
        }
        let own_reply = p.own_reply.and_then(|reply| {
            if replies.contains(&reply.get_ref().as_str()) {
                return Some(reply.into_inner());
            }
            let hint = self.p.suggest(reply.get_ref(), replies.iter().copied());
            self.p.push_hinted(
                reply.span().start,
                "privacy.own-reply",
                format!("unknown reply `{}`", reply.get_ref()),
                hint,
            );
            None
        });
        let mut seen: HashMap<PersonalKind, usize> = HashMap::new();
        let mut redaction = Vec::new();
        for (i, r) in p.redaction.iter().enumerate() {
            let at = |key: &str| format!("privacy.redaction[{i}].{key}");
            let mut kinds = Vec::new();
            if r.kinds.is_empty() {
                self.p
                    .push(r.operator.span().start, at("kinds"), "empty list of kinds");
            }
            for (j, k) in r.kinds.iter().enumerate() {
                let Some(kind) = self.one_of(
                    k,
                    &format!("privacy.redaction[{i}].kinds[{j}]"),
                    "personal-data kind",
                    &PersonalKind::ALL.map(|k| (k, k.as_str())),
                ) else {
                    continue;
                };
                if let Some(first) = seen.insert(kind, i) {
                    self.p.push(
                        k.span().start,
                        format!("privacy.redaction[{i}].kinds[{j}]"),
                        format!("`{kind}` already has its redaction in privacy.redaction[{first}]"),
                    );
                }
                kinds.push(kind);
            }
            const OPERATORS: [(u8, &str); 3] = [(0, "placeholder"), (1, "mask"), (2, "remove")];
            let operator = self.one_of(
                &r.operator,
                &at("operator"),
                "redaction operator",
                &OPERATORS,
            );
            if let Some(keep) = &r.keep
                && operator != Some(1)
            {
                self.p.push(
                    keep.span().start,
                    at("keep"),
                    "`keep` is for the `mask` operator only",
                );
            }
            if let Some(mark) = &r.mark {
                if operator == Some(0) {
                    self.mark(mark, &at("mark"));
                } else {
                    self.p.push(
                        mark.span().start,
                        at("mark"),
                        "`mark` is for the `placeholder` operator only",
                    );
                }
            }
            let operator = match operator {
                Some(0) => {
                    RedactOperator::Placeholder(r.mark.as_ref().map(|m| m.get_ref().clone()))
                }
                Some(1) => {
                    let keep = match &r.keep {
                        None => 0,
                        Some(k) => match usize::try_from(*k.get_ref()) {
                            Ok(n) if n <= MAX_MASK_KEEP => n,
                            _ => {
                                self.p.push(
                                    k.span().start,
                                    at("keep"),
                                    format!("`keep` is 0 to {MAX_MASK_KEEP} characters"),
                                );
                                0
                            }
                        },
                    };
                    RedactOperator::Mask { keep }
                }
                Some(_) => RedactOperator::Remove,
                None => continue,
            };
            redaction.push(Redaction { kinds, operator });
        }
        Privacy {
            clause,
            redact,
            mark: p
                .mark
                .map_or_else(|| DEFAULT_MARK.to_owned(), Spanned::into_inner),
            redaction,
            own_reply,
            public: p.public,
        }
    }

    /// Checks a redaction mark: `{label}` and `{removed}` are its only placeholders; anything
    /// else in braces would be printed as written into every redacted comment.
    fn mark(&mut self, mark: &Spanned<String>, field: &str) {
        let text = mark.get_ref();
        let mut from = 0;
        while let Some(open) = text.get(from..).and_then(|t| t.find('{')).map(|o| o + from) {
            let close = text.get(open..).and_then(|t| t.find('}')).map(|c| c + open);
            let name = close.and_then(|c| text.get(open + 1..c));
            if !matches!(name, Some("label" | "removed")) {
                let at = self.p.offset_in_string(mark.span(), text, open);
                let shown = close.and_then(|c| text.get(open..=c)).unwrap_or("{");
                let message = match close {
                    Some(_) => format!(
                        "unknown placeholder `{shown}`: a mark knows only `{{label}}` and `{{removed}}`"
                    ),
                    None => "unclosed `{`: a mark knows only `{label}` and `{removed}`".to_owned(),
                };
                self.p.push(at, field.to_owned(), message);
            }
            from = close.map_or(text.len(), |c| c + 1);
        }
    }

    fn identity(&mut self, i: RawIdentity) -> Identity {
        let clause = self.clause_ref(i.clause, "identity.clause", "identity");
        let require = self
            .one_of(
                &i.require,
                "identity.require",
                "rule",
                &NameRule::ALL.map(|n| (n, n.as_str())),
            )
            .unwrap_or(NameRule::Any);
        let nickname = i
            .nickname
            .as_ref()
            .and_then(|d| self.decision(d, "identity.nickname"));
        let organisation = i
            .organisation
            .as_ref()
            .and_then(|d| self.decision(d, "identity.organisation"));
        Identity {
            clause,
            require,
            nickname: nickname.unwrap_or(Decision::Review),
            organisation: organisation.unwrap_or(Decision::Review),
        }
    }

    /// Clauses last: every reference is known by now.
    fn clauses(&mut self, raw: Vec<(usize, RawClause)>) -> Vec<Clause> {
        let mut seen = HashMap::new();
        let ids: Vec<String> = raw.iter().map(|(_, c)| c.id.get_ref().clone()).collect();
        let known: HashSet<&str> = ids.iter().map(String::as_str).collect();
        // The first element enforcing each clause.
        let refs = std::mem::take(&mut self.clause_refs);
        let mut enforcer: HashMap<&str, &str> = HashMap::new();
        for (reference, field, element) in &refs {
            if known.contains(reference.get_ref().as_str()) {
                enforcer
                    .entry(reference.get_ref().as_str())
                    .or_insert(element.as_str());
                continue;
            }
            let hint = self
                .p
                .suggest(reference.get_ref(), ids.iter().map(String::as_str));
            self.p.push_hinted(
                reference.span().start,
                field.clone(),
                format!("unknown clause `{}`", reference.get_ref()),
                hint,
            );
        }
        let mut out = Vec::new();
        for (i, c) in raw {
            self.unique(&mut seen, &c.id, &format!("clause[{i}].id"), "clause");
            match (&c.not_checkable, enforcer.get(c.id.get_ref().as_str())) {
                (None, None) => self.p.push(
                    c.id.span().start,
                    format!("clause[{i}]"),
                    format!(
                        "clause `{}` is enforced by nothing: reference it from an element or say why it is `not-checkable`",
                        c.id.get_ref()
                    ),
                ),
                (Some(_), Some(element)) => self.p.push(
                    c.id.span().start,
                    format!("clause[{i}].not-checkable"),
                    format!("clause `{}` is marked not checkable but `{element}` enforces it", c.id.get_ref()),
                ),
                _ => {}
            }
            out.push(Clause {
                id: c.id.into_inner(),
                section: c.section,
                text: c.text,
                not_checkable: c.not_checkable,
            });
        }
        out
    }

    fn clause_ref(
        &mut self,
        clause: Option<Spanned<String>>,
        field: &str,
        element: &str,
    ) -> Option<String> {
        let clause = clause?;
        let id = clause.get_ref().clone();
        self.clause_refs
            .push((clause, field.to_owned(), element.to_owned()));
        Some(id)
    }

    fn kinds(&mut self, raw: &[Spanned<String>], field: &str) -> Vec<Kind> {
        let mut out = Vec::new();
        for (i, k) in raw.iter().enumerate() {
            match k.get_ref().parse::<Kind>() {
                Ok(kind) if out.contains(&kind) => self.p.push(
                    k.span().start,
                    format!("{field}[{i}]"),
                    format!("kind `{kind}` is listed twice"),
                ),
                Ok(kind) => out.push(kind),
                Err(err) => self.p.push_hinted(
                    k.span().start,
                    format!("{field}[{i}]"),
                    err.to_string(),
                    suggest(k.get_ref(), Kind::ALL.iter().map(|k| k.as_str())),
                ),
            }
        }
        out
    }

    fn decision(&mut self, raw: &Spanned<String>, field: &str) -> Option<Decision> {
        self.one_of(
            raw,
            field,
            "decision",
            &Decision::ALL.map(|d| (d, d.as_str())),
        )
    }

    fn one_of<T: Copy>(
        &mut self,
        raw: &Spanned<String>,
        field: &str,
        what: &str,
        names: &[(T, &str)],
    ) -> Option<T> {
        let value = raw.get_ref();
        if let Some((t, _)) = names.iter().find(|(_, n)| n == value) {
            return Some(*t);
        }
        let list: Vec<String> = names.iter().map(|(_, n)| format!("`{n}`")).collect();
        self.p.push_hinted(
            raw.span().start,
            field,
            format!("unknown {what} `{value}` (expected {})", list.join(", ")),
            suggest(value, names.iter().map(|(_, n)| *n)),
        );
        None
    }

    fn unique(
        &mut self,
        seen: &mut HashMap<String, usize>,
        id: &Spanned<String>,
        field: &str,
        what: &str,
    ) {
        if let Some(first) = seen.insert(id.get_ref().clone(), id.span().start) {
            let line = self.p.line(first);
            self.p.push(
                id.span().start,
                field,
                format!(
                    "duplicate {what} id `{}` (first defined on line {line})",
                    id.get_ref()
                ),
            );
        }
    }

    fn check_id(&mut self, id: &Spanned<String>, field: &str) {
        let value = id.get_ref();
        let ok = !value.is_empty()
            && value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !value.starts_with('-');
        if !ok {
            self.p.push(
                id.span().start,
                field,
                format!("`{value}` is not an id: use lowercase letters, digits and `-`"),
            );
        }
    }

    fn date(&mut self, raw: &Spanned<Datetime>, field: &str) -> Option<Date> {
        let d = raw.get_ref();
        let date = match (d.date, d.time, d.offset) {
            (Some(date), None, None) => Date::new(
                i16::try_from(date.year).ok()?,
                i8::try_from(date.month).ok()?,
                i8::try_from(date.day).ok()?,
            )
            .ok(),
            _ => None,
        };
        if date.is_none() {
            self.p.push(
                raw.span().start,
                field,
                format!("`{d}` is not a date like 2024-02-27"),
            );
        }
        date
    }

    fn time(&mut self, raw: &Spanned<String>, field: &str) -> Option<Time> {
        let value = raw.get_ref();
        if value == "24:00" {
            return Some(Time::MAX);
        }
        let parsed = Time::strptime("%H:%M", value).ok();
        if parsed.is_none() {
            self.p.push(
                raw.span().start,
                field,
                format!("`{value}` is not a time like `09:00`"),
            );
        }
        parsed
    }
}

/// Whether a shipped recognizer can report `kind` for a policy with `identity`: the shipped
/// lexicons and rules (of any language: a moderator loads them all unless told otherwise),
/// contacts and the personal-data formats, links, floods, the tracker's repeats, and display
/// names when the policy asks for real names.
fn shipped_reports(kind: Kind, identity: Option<&Identity>) -> bool {
    match kind {
        // `detect::contacts` and `detect::personal`; `detect::weblinks`, `detect::floods`.
        Kind::PersonalData | Kind::Spam => true,
        // The tracker, for callers that moderate with one (`Moderator::moderate_tracked`).
        Kind::Trolling => true,
        // `detect::topic`, for comments that carry their post.
        Kind::OffTopic => true,
        // `detect::author`.
        Kind::UnidentifiedAuthor => identity.is_some_and(|i| i.require == NameRule::RealName),
        _ => {
            lexicon::SHIPPED.iter().any(|(_, k, _)| *k == Some(kind))
                || rules::RULES.iter().any(|(_, k, _)| *k == kind)
        }
    }
}

/// The mark of a policy that sets none: the label and "removed" in the policy's language.
const DEFAULT_MARK: &str = "[{label} {removed}]";

/// Most characters of a time zone name worth a hint; the longest real one has 32.
const MAX_TIME_ZONE: usize = 64;

/// Most characters a mask may leave readable.
const MAX_MASK_KEEP: usize = 8;

fn day_name(day: Weekday) -> &'static str {
    DAYS.iter().find(|(_, d)| *d == day).map_or("?", |(n, _)| n)
}

fn month_day(s: &str) -> Option<(i8, i8)> {
    let (m, d) = s.split_once('-')?;
    let (m, d) = (m.parse::<i8>().ok()?, d.parse::<i8>().ok()?);
    // 2024 is a leap year, so `02-29` is accepted.
    Date::new(2024, m, d).ok().map(|_| (m, d))
}

/// Writes a policy back in the file format.
pub(crate) fn to_toml(policy: &Policy) -> String {
    let s = |v: &str| Spanned::new(0..0, v.to_owned());
    let ss = |v: &[String]| v.iter().map(|x| s(x)).collect::<Vec<_>>();
    let opt = |v: &Option<String>| v.as_deref().map(s);
    let kinds = |v: &[Kind]| v.iter().map(|k| s(k.as_str())).collect::<Vec<_>>();
    let date = |d: Date| {
        Spanned::new(
            0..0,
            Datetime {
                date: Some(toml::value::Date {
                    year: u16::try_from(d.year()).unwrap_or_default(),
                    month: u8::try_from(d.month()).unwrap_or_default(),
                    day: u8::try_from(d.day()).unwrap_or_default(),
                }),
                time: None,
                offset: None,
            },
        )
    };
    let time = |t: Time| {
        if t == Time::MAX {
            s("24:00")
        } else {
            s(&t.strftime("%H:%M").to_string())
        }
    };
    let m = &policy.meta;
    let file = RawFile {
        format: FORMAT,
        policy: RawMeta {
            id: s(&m.id),
            name: m.name.clone(),
            institution: m.institution.clone(),
            owner: m.owner.clone(),
            version: m.version.clone(),
            published: m.published.map(date),
            updated: m.updated.map(date),
            languages: ss(&m.languages),
            source: m.source.clone(),
            domains: ss(&m.domains),
            clauses: ss(&m.clauses),
        },
        channel: policy
            .channels
            .iter()
            .map(|c| RawChannel {
                platform: c.platform.clone(),
                name: c.name.clone(),
                url: c.url.clone(),
                clause: opt(&c.clause),
            })
            .collect(),
        contact: policy
            .contacts
            .iter()
            .map(|c| RawContact {
                id: s(&c.id),
                purpose: s(c.purpose.as_str()),
                name: c.name.clone(),
                email: c.email.clone(),
                phones: c.phones.clone(),
                url: c.url.clone(),
                clause: opt(&c.clause),
            })
            .collect(),
        clause: policy
            .clauses
            .iter()
            .map(|c| RawClause {
                id: s(&c.id),
                section: c.section.clone(),
                text: c.text.clone(),
                not_checkable: c.not_checkable.clone(),
            })
            .collect(),
        category: policy
            .categories
            .iter()
            .map(|c| RawCategory {
                id: s(&c.id),
                label: c.label.clone(),
                stance: s(match c.stance {
                    Stance::Forbidden => "forbidden",
                    Stance::Allowed => "allowed",
                }),
                kinds: kinds(&c.kinds),
                clause: s(&c.clause),
                severity: Some(s(c.severity.as_str())),
                decision: Some(s(c.decision.as_str())),
                severe_decision: Some(s(c.severe_decision.as_str())),
                reply: opt(&c.reply),
                terms: ss(&c.terms),
                protects: kinds(&c.protects),
            })
            .collect(),
        schedule: policy.schedule.as_ref().map(|(sc, clause)| RawSchedule {
            time_zone: s(&sc.time_zone_name),
            clause: opt(clause),
            italian_holidays: sc.holidays.italian,
            local_holidays: sc
                .holidays
                .yearly
                .iter()
                .map(|(m, d)| s(&format!("{m:02}-{d:02}")))
                .collect(),
            closed: sc.holidays.dates.iter().map(|d| date(*d)).collect(),
            outside_hours: Some(s(match sc.outside_hours {
                OutsideHours::Queue => "queue",
                OutsideHours::Hide => "hide",
            })),
            review_within: Some(s(&format!("{:#}", sc.review_within))),
            window: sc
                .windows
                .iter()
                .map(|w| RawWindow {
                    days: Spanned::new(0..0, w.days.iter().map(|d| s(day_name(*d))).collect()),
                    start: time(w.start),
                    end: time(w.end),
                })
                .collect(),
        }),
        escalation: policy.escalation.as_ref().map(|(e, clause)| RawEscalation {
            clause: opt(clause),
            window_days: Spanned::new(0..0, e.window.as_secs() / 86_400),
            strikes: Some(RawStrikes {
                review: e.strikes.review,
                hide: e.strikes.hide,
                remove: e.strikes.remove,
            }),
            threshold: e
                .thresholds
                .iter()
                .map(|t| RawThreshold {
                    strikes: Spanned::new(0..0, i64::from(t.strikes)),
                    sanction: s(t.sanction.as_str()),
                })
                .collect(),
            immediate: e
                .immediate
                .iter()
                .map(|i| RawImmediate {
                    kinds: kinds(&i.kinds),
                    sanction: s(i.sanction.as_str()),
                })
                .collect(),
        }),
        privacy: Some(RawPrivacy {
            clause: opt(&policy.privacy.clause),
            redact: kinds(&policy.privacy.redact),
            mark: Some(s(&policy.privacy.mark)),
            own_reply: opt(&policy.privacy.own_reply),
            public: policy.privacy.public.clone(),
            redaction: policy
                .privacy
                .redaction
                .iter()
                .map(|r| {
                    let (operator, keep, mark) = match &r.operator {
                        RedactOperator::Placeholder(mark) => {
                            ("placeholder", None, mark.as_deref().map(s))
                        }
                        RedactOperator::Mask { keep } => (
                            "mask",
                            Some(Spanned::new(0..0, i64::try_from(*keep).unwrap_or(i64::MAX))),
                            None,
                        ),
                        RedactOperator::Remove => ("remove", None, None),
                    };
                    RawRedaction {
                        kinds: r.kinds.iter().map(|k| s(k.as_str())).collect(),
                        operator: s(operator),
                        keep,
                        mark,
                    }
                })
                .collect(),
        }),
        identity: policy.identity.as_ref().map(|i| RawIdentity {
            clause: opt(&i.clause),
            require: s(i.require.as_str()),
            nickname: Some(s(i.nickname.as_str())),
            organisation: Some(s(i.organisation.as_str())),
        }),
        reply: policy
            .replies
            .iter()
            .map(|r| RawReply {
                id: s(&r.id),
                lang: r.lang.as_deref().map(s),
                text: s(r.template.as_str()),
            })
            .collect(),
        replies: (policy.reply_format != ReplyFormat::default()).then(|| RawReplies {
            greeting: policy.reply_format.greeting.as_deref().map(s),
            closing: policy.reply_format.closing.as_deref().map(s),
        }),
        lexicon: (!policy.allow_source.is_empty()).then(|| RawLexicon {
            allow: ss(&policy.allow_source),
        }),
        class: policy
            .class_source
            .iter()
            .map(|(name, words)| RawClass {
                name: s(name),
                words: ss(words),
            })
            .collect(),
        rule: policy
            .rules
            .iter()
            .map(|r| RawRule {
                id: s(r.id.strip_prefix("rule/").unwrap_or(&r.id)),
                kind: s(r.kind.as_str()),
                pattern: s(&r.pattern),
                severity: Some(s(r.severity.as_str())),
                ground: r.ground.map(|g| s(g.as_str())),
                negation: r.negation,
                own: r.own,
            })
            .collect(),
    };
    toml::to_string(&file).unwrap_or_default()
}
