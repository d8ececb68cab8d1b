//! Lexicons: the term syntax, the shipped term lists, and the one automaton over all of them.
//!
//! Every term of every lexicon and every policy category is expanded (inflection,
//! alternatives), normalised like comments are, and compiled into a single Aho-Corasick
//! automaton, so a comment is scanned once whatever the number of categories.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::text::{self, Normalized};
use crate::{Ground, Kind, Severity};

/// Most forms one entry may expand to: keeps a typo like `(a|b)(c|d)(e|f)…` from exploding.
const MAX_FORMS: usize = 512;

/// One parsed lexicon line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The term as written, used in rule ids.
    pub term: String,
    /// Every normalised surface form.
    pub forms: Vec<String>,
    /// `low`, `high` (or `ambiguous`, which is low) as written; `None` when the entry says
    /// nothing, so the file's default (medium) or a category's severity applies.
    pub severity: Option<Severity>,
    pub ambiguous: bool,
    pub ground: Option<Ground>,
}

/// Parses one entry `TERM [; ATTRIBUTES]` of language `lang`.
pub(crate) fn parse_entry(line: &str, lang: &str) -> Result<Entry, String> {
    let (term, attributes) = match line.split_once(';') {
        Some((t, a)) => (t.trim(), a.trim()),
        None => (line.trim(), ""),
    };
    if term.is_empty() {
        return Err("empty term".to_owned());
    }
    if let Some(c) = term.chars().find(|c| {
        !(c.is_alphanumeric() || matches!(c, ' ' | '\'' | '’' | '-' | '(' | ')' | '|' | '+' | '.'))
    }) {
        return Err(format!(
            "term `{term}` has a character `{c}` the syntax does not allow"
        ));
    }
    let mut phrases: Vec<String> = vec![String::new()];
    for word in term.split_whitespace() {
        let forms = expand_word(word, lang)?;
        let mut next = Vec::with_capacity(phrases.len() * forms.len());
        for phrase in &phrases {
            for form in &forms {
                next.push(if phrase.is_empty() {
                    form.clone()
                } else {
                    format!("{phrase} {form}")
                });
            }
        }
        if next.len() > MAX_FORMS {
            return Err(format!(
                "term `{term}` expands to more than {MAX_FORMS} forms"
            ));
        }
        phrases = next;
    }
    let mut forms: Vec<String> = phrases
        .iter()
        .map(|p| text::normalize(p))
        .filter(|f| !f.is_empty())
        .collect();
    forms.sort();
    forms.dedup();
    if forms.is_empty() {
        return Err(format!("term `{term}` has no letters"));
    }
    let mut entry = Entry {
        term: term.to_owned(),
        forms,
        severity: None,
        ambiguous: false,
        ground: None,
    };
    for attribute in attributes.split_whitespace() {
        match attribute {
            "low" => entry.severity = Some(Severity::Low),
            "high" => entry.severity = Some(Severity::High),
            "ambiguous" => entry.ambiguous = true,
            other => match other.strip_prefix("ground=") {
                Some(ground) => entry.ground = Some(ground.parse()?),
                None => {
                    return Err(format!(
                        "unknown attribute `{other}` (expected `low`, `high`, `ambiguous` or `ground=…`)"
                    ));
                }
            },
        }
    }
    if entry.ambiguous {
        entry.severity = Some(Severity::Low);
    }
    Ok(entry)
}

/// Expands one word: `(a|b)` groups, then a trailing `+` inflection.
fn expand_word(word: &str, lang: &str) -> Result<Vec<String>, String> {
    let (body, inflect) = match word.strip_suffix('+') {
        Some(body) => (body, true),
        None => (word, false),
    };
    if body.contains('+') {
        return Err(format!("`+` may only end a word, in `{word}`"));
    }
    let mut forms = vec![String::new()];
    let mut rest = body;
    while !rest.is_empty() {
        match rest.find('(') {
            Some(open) => {
                let before = rest.get(..open).unwrap_or_default();
                if before.contains(')') || before.contains('|') {
                    return Err(format!("unbalanced `)` or stray `|` in `{word}`"));
                }
                let after = rest.get(open + 1..).unwrap_or_default();
                let close = after
                    .find(')')
                    .ok_or_else(|| format!("unclosed `(` in `{word}`"))?;
                let group = after.get(..close).unwrap_or_default();
                if group.contains('(') {
                    return Err(format!("nested `(` in `{word}`"));
                }
                let alternatives: Vec<&str> = group.split('|').collect();
                if alternatives.len() < 2 {
                    return Err(format!(
                        "a group needs at least two alternatives, in `{word}`"
                    ));
                }
                forms = forms
                    .iter()
                    .flat_map(|f| alternatives.iter().map(move |a| format!("{f}{before}{a}")))
                    .collect();
                rest = after.get(close + 1..).unwrap_or_default();
            }
            None => {
                if rest.contains(')') || rest.contains('|') {
                    return Err(format!("unbalanced `)` or stray `|` in `{word}`"));
                }
                for f in &mut forms {
                    f.push_str(rest);
                }
                rest = "";
            }
        }
        if forms.len() > MAX_FORMS {
            return Err(format!("`{word}` expands to more than {MAX_FORMS} forms"));
        }
    }
    if inflect {
        forms = forms.iter().flat_map(|f| inflect_word(f, lang)).collect();
    }
    Ok(forms)
}

/// The canonical forms of a term's last word that are written ending in an accented vowel
/// (`nullità` gives `nullita`); empty for almost every term.
fn accented_last_words(term: &str, lang: &str) -> Vec<String> {
    let Some(last) = term.split_whitespace().last() else {
        return Vec::new();
    };
    let accented = |c: char| {
        let mut marked = false;
        unicode_normalization::char::decompose_canonical(c, |d| {
            marked |= matches!(d, '\u{0300}' | '\u{0301}');
        });
        marked
    };
    expand_word(last, lang)
        .unwrap_or_default()
        .iter()
        .filter(|form| form.chars().last().is_some_and(accented))
        .filter_map(|form| text::normalize(form).rsplit(' ').next().map(str::to_owned))
        .collect()
}

/// Regular inflection: Italian gender and number, English plural.
fn inflect_word(word: &str, lang: &str) -> Vec<String> {
    let with = |stem: &str, endings: &[&str]| -> Vec<String> {
        endings.iter().map(|e| format!("{stem}{e}")).collect()
    };
    if lang != "it" && lang != "en" {
        // No inflection rules for this language: the word stands as written.
        return vec![word.to_owned()];
    }
    if lang == "en" {
        let mut out = vec![word.to_owned()];
        let consonant_y = word.len() > 1
            && word.ends_with('y')
            && !word
                .chars()
                .rev()
                .nth(1)
                .is_some_and(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u'));
        if consonant_y {
            out.push(format!("{}ies", word.trim_end_matches('y')));
        } else if ["s", "x", "z", "ch", "sh"]
            .iter()
            .any(|e| word.ends_with(e))
        {
            out.push(format!("{word}es"));
        } else {
            out.push(format!("{word}s"));
        }
        return out;
    }
    let strip = |suffix: &str| word.strip_suffix(suffix).unwrap_or(word);
    if word.ends_with("one") {
        with(strip("one"), &["one", "oni", "ona"])
    } else if let Some(stem) = word.strip_suffix("co").or_else(|| word.strip_suffix("ca")) {
        with(stem, &["co", "ca", "ci", "chi", "che"])
    } else if let Some(stem) = word.strip_suffix("go").or_else(|| word.strip_suffix("ga")) {
        with(stem, &["go", "ga", "gi", "ghi", "ghe"])
    } else if word.ends_with("io") {
        with(strip("io"), &["io", "ia", "i", "ie", "e"])
    } else if word.ends_with('o') {
        with(strip("o"), &["o", "a", "i", "e"])
    } else if word.ends_with('a') {
        with(strip("a"), &["a", "e", "i"])
    } else if word.ends_with('e') {
        with(strip("e"), &["e", "i"])
    } else {
        vec![word.to_owned()]
    }
}

/// The lexicons shipped with the crate: (language, kind or `None` for the allow-list, text).
pub(crate) const SHIPPED: &[(&str, Option<Kind>, &str)] = &[
    (
        "it",
        Some(Kind::Insult),
        include_str!("../lexicons/it/insult.txt"),
    ),
    (
        "it",
        Some(Kind::Vulgarity),
        include_str!("../lexicons/it/vulgarity.txt"),
    ),
    (
        "it",
        Some(Kind::Threat),
        include_str!("../lexicons/it/threat.txt"),
    ),
    (
        "it",
        Some(Kind::Violence),
        include_str!("../lexicons/it/violence.txt"),
    ),
    (
        "it",
        Some(Kind::Discrimination),
        include_str!("../lexicons/it/discrimination.txt"),
    ),
    (
        "it",
        Some(Kind::Illegal),
        include_str!("../lexicons/it/illegal.txt"),
    ),
    (
        "it",
        Some(Kind::Advertising),
        include_str!("../lexicons/it/advertising.txt"),
    ),
    (
        "it",
        Some(Kind::PersonalCase),
        include_str!("../lexicons/it/personal-case.txt"),
    ),
    (
        "it",
        Some(Kind::CrimeReport),
        include_str!("../lexicons/it/crime-report.txt"),
    ),
    ("it", None, include_str!("../lexicons/it/allow.txt")),
    (
        "en",
        Some(Kind::Insult),
        include_str!("../lexicons/en/insult.txt"),
    ),
    (
        "en",
        Some(Kind::Vulgarity),
        include_str!("../lexicons/en/vulgarity.txt"),
    ),
    (
        "en",
        Some(Kind::Threat),
        include_str!("../lexicons/en/threat.txt"),
    ),
    (
        "en",
        Some(Kind::Violence),
        include_str!("../lexicons/en/violence.txt"),
    ),
    (
        "en",
        Some(Kind::Discrimination),
        include_str!("../lexicons/en/discrimination.txt"),
    ),
    (
        "en",
        Some(Kind::Illegal),
        include_str!("../lexicons/en/illegal.txt"),
    ),
    (
        "en",
        Some(Kind::Advertising),
        include_str!("../lexicons/en/advertising.txt"),
    ),
    (
        "en",
        Some(Kind::Spam),
        include_str!("../lexicons/en/spam.txt"),
    ),
    ("en", None, include_str!("../lexicons/en/allow.txt")),
];

/// Parses a whole lexicon file; errors carry the 1-based line.
#[cfg(test)]
pub(crate) fn parse_file(text: &str, lang: &str) -> Result<Vec<Entry>, Vec<(usize, String)>> {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_entry(line, lang) {
            Ok(entry) => entries.push(entry),
            Err(message) => errors.push((i + 1, message)),
        }
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}

/// What a pattern of the automaton stands for.
#[derive(Clone, Debug)]
pub(crate) enum Meaning {
    /// A term of a kind: from a shipped lexicon or a forbidden category's `terms`.
    Term {
        kind: Kind,
        rule: Box<str>,
        severity: Severity,
        ground: Option<Ground>,
    },
    /// An innocent phrase: cancels the terms it overlaps.
    Allow,
    /// A term of an allowed category (index into the policy's categories).
    Protect { category: usize },
}

/// A match of a pattern in the canonical text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Canonical byte range.
    pub start: usize,
    pub end: usize,
    /// Index into [`Lexicon::meaning`].
    pub meaning: usize,
}

/// One term's source, for building.
pub(crate) struct Source<'a> {
    pub lang: &'a str,
    pub entries: Vec<Entry>,
    pub make: Box<dyn Fn(&Entry) -> Meaning + 'a>,
}

/// The compiled automaton over every term.
#[derive(Clone, Debug)]
pub(crate) struct Lexicon {
    /// `None` only when nothing could be compiled: the lexicon then matches nothing.
    automaton: Option<AhoCorasick>,
    /// Pattern id → meanings (a form may mean several things: `ritardato` is an insult and a
    /// discrimination on disability).
    by_pattern: Vec<Vec<usize>>,
    /// Pattern id → whether a term writes the pattern's last word with a final accented vowel
    /// (`nullità`); see [`accented_last_words`].
    accent_final: Vec<bool>,
    meanings: Vec<Meaning>,
    /// Entries per kind and language, for reports.
    counts: Vec<(String, Kind, usize)>,
}

impl Lexicon {
    pub(crate) fn build(sources: Vec<Source<'_>>) -> Result<Lexicon, String> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut by_pattern: Vec<Vec<usize>> = Vec::new();
        let mut accent_final: Vec<bool> = Vec::new();
        let mut meanings = Vec::new();
        let mut counts: Vec<(String, Kind, usize)> = Vec::new();
        for source in sources {
            for entry in &source.entries {
                let meaning = (source.make)(entry);
                if let Meaning::Term { kind, .. } = &meaning {
                    match counts
                        .iter_mut()
                        .find(|(l, k, _)| l == source.lang && k == kind)
                    {
                        Some((_, _, n)) => *n += 1,
                        None => counts.push((source.lang.to_owned(), *kind, 1)),
                    }
                }
                let id = meanings.len();
                meanings.push(meaning);
                let accented = accented_last_words(&entry.term, source.lang);
                for form in &entry.forms {
                    let pattern = *index.entry(form.clone()).or_insert_with(|| {
                        patterns.push(form.clone());
                        by_pattern.push(Vec::new());
                        accent_final.push(false);
                        patterns.len() - 1
                    });
                    let last = form.rsplit(' ').next().unwrap_or_default();
                    if accented.iter().any(|w| w == last) {
                        if let Some(flag) = accent_final.get_mut(pattern) {
                            *flag = true;
                        }
                    }
                    if let Some(list) = by_pattern.get_mut(pattern) {
                        if !list.contains(&id) {
                            list.push(id);
                        }
                    }
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| format!("cannot compile the lexicon automaton: {e}"))?;
        Ok(Lexicon {
            automaton: Some(automaton),
            by_pattern,
            accent_final,
            meanings,
            counts,
        })
    }

    pub(crate) fn meaning(&self, id: usize) -> Option<&Meaning> {
        self.meanings.get(id)
    }

    /// Entries per (language, kind) of the shipped and policy terms.
    pub(crate) fn counts(&self) -> &[(String, Kind, usize)] {
        &self.counts
    }

    /// Like [`Lexicon::scan`], and also appends the canonical ranges of allow-list matches to
    /// `allowed`, so findings of other recognizers that overlap them can be cancelled too.
    pub(crate) fn scan_allowed(
        &self,
        text: &Normalized,
        out: &mut Vec<Hit>,
        allowed: &mut Vec<Range<usize>>,
    ) {
        self.scan_inner(text, out, allowed);
    }

    /// Every whole-word match in `text`, allow-listed ones removed, sorted by start.
    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "used by tests; the recognizer uses scan_allowed")
    )]
    pub(crate) fn scan(&self, text: &Normalized, out: &mut Vec<Hit>) {
        let mut allowed = Vec::new();
        self.scan_inner(text, out, &mut allowed);
    }

    fn scan_inner(&self, text: &Normalized, out: &mut Vec<Hit>, allowed: &mut Vec<Range<usize>>) {
        let canonical = text.as_str();
        let bytes = canonical.as_bytes();
        let boundary_before = |at: usize| at == 0 || bytes.get(at - 1) == Some(&b' ');
        let boundary_after = |at: usize| at >= bytes.len() || bytes.get(at) == Some(&b' ');
        let first = out.len();
        let Some(automaton) = &self.automaton else {
            return;
        };
        for m in automaton.find_overlapping_iter(canonical) {
            if !boundary_before(m.start()) || !boundary_after(m.end()) {
                continue;
            }
            // An accent on the last vowel makes another word: `scemò` (it diminished) is not
            // `scemo`, `spazzò` (swept) not `spazzo`. Only a term written with that accent
            // matches it; a term's accent may still be left out by the text (`nullita`).
            if text.ends_accented(m.end())
                && !self
                    .accent_final
                    .get(m.pattern().as_usize())
                    .copied()
                    .unwrap_or(false)
            {
                continue;
            }
            let Some(ids) = self.by_pattern.get(m.pattern().as_usize()) else {
                continue;
            };
            for &meaning in ids {
                if matches!(self.meanings.get(meaning), Some(Meaning::Allow)) {
                    allowed.push(m.start()..m.end());
                } else {
                    out.push(Hit {
                        start: m.start(),
                        end: m.end(),
                        meaning,
                    });
                }
            }
        }
        let mut kept = first;
        for i in first..out.len() {
            let Some(hit) = out.get(i).copied() else {
                break;
            };
            let cancelled = allowed
                .iter()
                .any(|a| a.start < hit.end && hit.start < a.end)
                && !matches!(
                    self.meanings.get(hit.meaning),
                    Some(Meaning::Protect { .. })
                );
            if !cancelled {
                if let Some(slot) = out.get_mut(kept) {
                    *slot = hit;
                }
                kept += 1;
            }
        }
        out.truncate(kept);
        // A longer term covering a shorter one is the more specific reading and explains the
        // match better: `figlio di puttana` over `puttana`, and the exclamation `porca puttana`
        // (vulgarity) over `puttana` (misogyny) and `porca` (insult). A covered term survives
        // only when it is graver than the phrase around it.
        let term = |h: &Hit| match self.meanings.get(h.meaning) {
            Some(Meaning::Term { kind, severity, .. }) => Some((*kind, *severity)),
            _ => None,
        };
        let same_kind =
            |a: &Hit, b: &Hit| match (self.meanings.get(a.meaning), self.meanings.get(b.meaning)) {
                (Some(Meaning::Term { kind: x, .. }), Some(Meaning::Term { kind: y, .. })) => {
                    x == y
                }
                (Some(Meaning::Protect { .. }), Some(Meaning::Protect { .. })) => true,
                _ => false,
            };
        let explains = |outer: &Hit, inner: &Hit| match (term(outer), term(inner)) {
            (Some((ko, so)), Some((ki, si))) => ko == ki || so >= si,
            _ => same_kind(outer, inner),
        };
        let hits: Vec<Hit> = out.drain(first..).collect();
        for hit in &hits {
            let covered = hits.iter().any(|other| {
                other != hit
                    && other.start <= hit.start
                    && hit.end <= other.end
                    && (other.end - other.start) > (hit.end - hit.start)
                    && explains(other, hit)
            });
            let duplicate = out
                .get(first..)
                .unwrap_or_default()
                .iter()
                .any(|o| o.start == hit.start && o.end == hit.end && same_kind(hit, o));
            if !covered && !duplicate {
                out.push(*hit);
            }
        }
        if let Some(tail) = out.get_mut(first..) {
            tail.sort_by_key(|h| (h.start, h.end));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn italian_inflection_covers_gender_and_number() {
        let e = parse_entry("stronzo+", "it").unwrap();
        assert_eq!(e.forms, ["stronza", "stronze", "stronzi", "stronzo"]);
        let e = parse_entry("coglione+", "it").unwrap();
        assert_eq!(
            e.forms,
            ["coglione", "coglioni", "cogliona"]
                .iter()
                .map(|s| s.to_string())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>()
        );
        let e = parse_entry("porco+", "it").unwrap();
        assert!(e.forms.contains(&"porche".to_owned()) && e.forms.contains(&"porci".to_owned()));
        let e = parse_entry("idiota+", "it").unwrap();
        assert!(e.forms.contains(&"idioti".to_owned()) && e.forms.contains(&"idiote".to_owned()));
    }

    #[test]
    fn english_inflection_makes_plurals() {
        assert_eq!(
            parse_entry("idiot+", "en").unwrap().forms,
            ["idiot", "idiots"]
        );
        assert_eq!(
            parse_entry("bitch+", "en").unwrap().forms,
            ["bitch", "bitches"]
        );
        assert_eq!(
            parse_entry("dummy+", "en").unwrap().forms,
            ["dummies", "dummy"]
        );
    }

    #[test]
    fn groups_and_phrases_expand_and_normalise() {
        let e = parse_entry("figli(o|a) di puttana ; high", "it").unwrap();
        assert_eq!(e.forms, ["figlia di puttana", "figlio di puttana"]);
        assert_eq!(e.severity, Some(Severity::High));
        let e = parse_entry("vaffancul(o|)", "it").unwrap();
        assert_eq!(e.forms, ["vaffancul", "vaffanculo"]);
        let e = parse_entry("l'idiota", "it").unwrap();
        assert_eq!(e.forms, ["l idiota"]);
        let e = parse_entry("perché", "it").unwrap();
        assert_eq!(e.forms, ["perche"]);
    }

    #[test]
    fn attributes_are_checked() {
        let e = parse_entry("finocchio+ ; ambiguous ground=sexual-orientation", "it").unwrap();
        assert!(e.ambiguous);
        assert_eq!(e.severity, Some(Severity::Low));
        assert_eq!(e.ground, Some(Ground::SexualOrientation));
        assert!(
            parse_entry("x ; loud", "it")
                .unwrap_err()
                .contains("unknown attribute `loud`")
        );
        assert!(parse_entry("x ; ground=colour", "it").is_err());
    }

    #[test]
    fn syntax_errors_are_reported() {
        for bad in [
            "",
            "stron(zo",
            "stronzo)",
            "a+b",
            "st(a)x",
            "x{y}",
            "(a|b)(c|d)(e|f)(g|h)(i|j)(k|l)(m|n)(o|p)(q|r)(s|t)",
        ] {
            assert!(
                parse_entry(bad, "it").is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn shipped_lexicons_parse() {
        for (lang, kind, text) in SHIPPED {
            if let Err(errors) = parse_file(text, lang) {
                panic!("{lang}/{kind:?}: {errors:?}");
            }
        }
    }

    fn lexicon(terms: &[(&str, Option<Kind>)]) -> Lexicon {
        let sources = terms
            .iter()
            .map(|(t, k)| {
                let k = *k;
                Source {
                    lang: "it",
                    entries: vec![parse_entry(t, "it").unwrap()],
                    make: Box::new(move |e: &Entry| match k {
                        Some(kind) => Meaning::Term {
                            kind,
                            rule: e.term.clone().into(),
                            severity: e.severity.unwrap_or_default(),
                            ground: e.ground,
                        },
                        None => Meaning::Allow,
                    }),
                }
            })
            .collect();
        Lexicon::build(sources).unwrap()
    }

    fn kinds(lexicon: &Lexicon, text: &str) -> Vec<(String, Kind)> {
        let norm = Normalized::new(text);
        let mut hits = Vec::new();
        lexicon.scan(&norm, &mut hits);
        hits.iter()
            .filter_map(|h| match lexicon.meaning(h.meaning) {
                Some(Meaning::Term { kind, .. }) => {
                    Some((norm.as_str()[h.start..h.end].to_owned(), *kind))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn scan_respects_word_boundaries_allow_list_and_longest_match() {
        let lx = lexicon(&[
            ("troia+", Some(Kind::Insult)),
            ("cavallo di troia", None),
            ("puttana+", Some(Kind::Vulgarity)),
            ("figli(o|a) di puttana", Some(Kind::Vulgarity)),
            ("ritardato+", Some(Kind::Insult)),
            ("ritardato+", Some(Kind::Discrimination)),
        ]);
        assert_eq!(
            kinds(&lx, "sei una TROIA"),
            [("troia".into(), Kind::Insult)]
        );
        assert!(kinds(&lx, "il cavallo di Troia").is_empty());
        assert!(kinds(&lx, "troiano").is_empty());
        assert_eq!(
            kinds(&lx, "figlio di puttana!"),
            [("figlio di puttana".into(), Kind::Vulgarity)]
        );
        assert_eq!(kinds(&lx, "ritardati").len(), 2);
    }

    #[test]
    fn a_final_accent_the_term_does_not_write_is_another_word() {
        let lx = lexicon(&[
            ("scemo+", Some(Kind::Insult)),
            ("nullità", Some(Kind::Insult)),
            ("porco gesù", Some(Kind::Vulgarity)),
        ]);
        // scemò (it diminished), not scemo; an accent elsewhere is still folded.
        assert!(kinds(&lx, "il livello scemò").is_empty());
        assert!(kinds(&lx, "SCEMÒ").is_empty());
        assert!(kinds(&lx, "scemo\u{0300}").is_empty());
        assert_eq!(kinds(&lx, "sei scèmo").len(), 1);
        assert_eq!(kinds(&lx, "sei scemö").len(), 1);
        // A term written with the accent matches with or without it.
        assert_eq!(kinds(&lx, "una nullità").len(), 1);
        assert_eq!(kinds(&lx, "una nullita").len(), 1);
        assert_eq!(kinds(&lx, "porco gesu").len(), 1);
        assert_eq!(kinds(&lx, "porco gesù").len(), 1);
    }

    #[test]
    fn a_phrase_explains_the_terms_it_covers_unless_they_are_graver() {
        let lx = lexicon(&[
            ("puttana+", Some(Kind::Discrimination)),
            ("porco+ ; ambiguous", Some(Kind::Insult)),
            ("porca puttana", Some(Kind::Vulgarity)),
            ("negro+ ; high", Some(Kind::Discrimination)),
            ("porco negro ; low", Some(Kind::Insult)),
        ]);
        assert_eq!(
            kinds(&lx, "porca puttana che freddo"),
            [("porca puttana".into(), Kind::Vulgarity)]
        );
        assert_eq!(
            kinds(&lx, "sei una puttana"),
            [("puttana".into(), Kind::Discrimination)]
        );
        // The slur is graver than the low phrase around it: both stand.
        assert_eq!(kinds(&lx, "porco negro").len(), 2);
    }
}
