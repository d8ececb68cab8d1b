//! Lexicons: the term syntax, the shipped term lists, and the automata over them.
//!
//! Every term of every lexicon and every policy category is expanded (inflection,
//! alternatives), normalised like comments are, and compiled into Aho-Corasick automata, so a
//! comment is scanned the same whatever the number of categories: one over the shipped
//! lexicons, compiled once per process ([`Base`]) and shared by every moderator, and one over
//! the forms only the policy has.

use std::collections::HashMap;
use std::ops::Range;

use std::sync::Arc;

use daachorse::DoubleArrayAhoCorasick;
use rustc_hash::FxHashMap;

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
    parse_term(line, lang)?.into_entry()
}

/// An entry checked and its forms counted, not yet multiplied out: a caller with a budget of
/// forms (a policy has one for all its terms) can look at [`Term::forms`] before paying for
/// them.
#[derive(Debug)]
pub(crate) struct Term<'t> {
    term: &'t str,
    lang: &'t str,
    words: Vec<Word<'t>>,
    forms: usize,
    severity: Option<Severity>,
    ambiguous: bool,
    ground: Option<Ground>,
}

/// Checks one entry `TERM [; ATTRIBUTES]` of language `lang` and counts its forms without
/// generating them: the product of each group's alternatives and of each inflected word's
/// endings, so `(a|b)(c|d)(e|f)…` is refused before it is multiplied out.
pub(crate) fn parse_term<'t>(line: &'t str, lang: &'t str) -> Result<Term<'t>, String> {
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
    let words = term
        .split_whitespace()
        .map(Word::parse)
        .collect::<Result<Vec<_>, _>>()?;
    let too_many = || format!("term `{term}` expands to more than {MAX_FORMS} forms");
    // Alternatives first: counting endings is only cheap once they are few.
    words
        .iter()
        .try_fold(1usize, |n, w| n.checked_mul(w.combinations()))
        .filter(|n| *n <= MAX_FORMS)
        .ok_or_else(too_many)?;
    let forms = words
        .iter()
        .try_fold(1usize, |n, w| n.checked_mul(w.forms(lang)))
        .filter(|n| *n <= MAX_FORMS)
        .ok_or_else(too_many)?;
    let mut out = Term {
        term,
        lang,
        words,
        forms,
        severity: None,
        ambiguous: false,
        ground: None,
    };
    for attribute in attributes.split_whitespace() {
        match attribute {
            "low" => out.severity = Some(Severity::Low),
            "high" => out.severity = Some(Severity::High),
            "ambiguous" => out.ambiguous = true,
            other => match other.strip_prefix("ground=") {
                Some(ground) => {
                    out.ground = Some(
                        ground
                            .parse()
                            .map_err(|e: crate::UnknownName| e.to_string())?,
                    )
                }
                None => {
                    return Err(format!(
                        "unknown attribute `{other}` (expected `low`, `high`, `ambiguous` or `ground=…`)"
                    ));
                }
            },
        }
    }
    if out.ambiguous {
        out.severity = Some(Severity::Low);
    }
    Ok(out)
}

impl Term<'_> {
    /// How many forms the term expands to, duplicates included: at most [`MAX_FORMS`].
    pub(crate) fn forms(&self) -> usize {
        self.forms
    }

    /// How many bytes its forms take at most, for budgets of text.
    pub(crate) fn bytes(&self) -> usize {
        // Inflection adds at most two letters to a word (`-ies`, `-chi`).
        let longest = self.term.len() + 2 * self.words.len();
        self.forms.saturating_mul(longest)
    }

    /// Multiplies the term out: every normalised surface form.
    pub(crate) fn into_entry(self) -> Result<Entry, String> {
        let mut phrases: Vec<String> = vec![String::new()];
        for word in &self.words {
            let forms = word.expand(self.lang);
            // Never more than `self.forms`: each step is a partial product of the count.
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
            return Err(format!("term `{}` has no letters", self.term));
        }
        Ok(Entry {
            term: self.term.to_owned(),
            forms,
            severity: self.severity,
            ambiguous: self.ambiguous,
            ground: self.ground,
        })
    }
}

/// One word of a term: text and `(a|b)` groups, and whether a trailing `+` inflects it.
#[derive(Debug)]
struct Word<'t> {
    pieces: Vec<Piece<'t>>,
    inflect: bool,
}

#[derive(Debug)]
enum Piece<'t> {
    Text(&'t str),
    Group(Vec<&'t str>),
}

impl Piece<'_> {
    fn alternatives(&self) -> &[&str] {
        match self {
            Piece::Text(text) => std::slice::from_ref(text),
            Piece::Group(alternatives) => alternatives,
        }
    }
}

impl<'t> Word<'t> {
    fn parse(word: &'t str) -> Result<Word<'t>, String> {
        let (body, inflect) = match word.strip_suffix('+') {
            Some(body) => (body, true),
            None => (word, false),
        };
        if body.contains('+') {
            return Err(format!("`+` may only end a word, in `{word}`"));
        }
        let mut pieces = Vec::new();
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
                    if !before.is_empty() {
                        pieces.push(Piece::Text(before));
                    }
                    pieces.push(Piece::Group(alternatives));
                    rest = after.get(close + 1..).unwrap_or_default();
                }
                None => {
                    if rest.contains(')') || rest.contains('|') {
                        return Err(format!("unbalanced `)` or stray `|` in `{word}`"));
                    }
                    pieces.push(Piece::Text(rest));
                    rest = "";
                }
            }
        }
        Ok(Word { pieces, inflect })
    }

    /// The spellings its groups make, before inflection (saturating).
    fn combinations(&self) -> usize {
        self.pieces
            .iter()
            .fold(1usize, |n, p| n.saturating_mul(p.alternatives().len()))
    }

    /// How many forms it expands to, inflection included, from the endings of its spellings
    /// alone: only the last three letters choose the inflection, so the spellings are walked
    /// from the right keeping each distinct ending once, with how many spellings have it.
    /// Call it with few [`combinations`](Self::combinations): it does work in proportion.
    fn forms(&self, lang: &str) -> usize {
        if !self.inflect {
            return self.combinations();
        }
        let mut endings: Vec<(String, usize)> = vec![(String::new(), 1)];
        for piece in self.pieces.iter().rev() {
            let mut next: Vec<(String, usize)> = Vec::new();
            for alternative in piece.alternatives() {
                for (ending, n) in &endings {
                    let ending = last_chars(alternative, ending, ENDING);
                    match next.iter_mut().find(|(e, _)| *e == ending) {
                        Some((_, m)) => *m = m.saturating_add(*n),
                        None => next.push((ending, *n)),
                    }
                }
            }
            endings = next;
        }
        endings.iter().fold(0usize, |sum, (ending, n)| {
            sum.saturating_add(n.saturating_mul(inflection_count(ending, lang)))
        })
    }

    /// Every form, inflected.
    fn expand(&self, lang: &str) -> Vec<String> {
        let mut forms = vec![String::new()];
        for piece in &self.pieces {
            forms = forms
                .iter()
                .flat_map(|f| piece.alternatives().iter().map(move |a| format!("{f}{a}")))
                .collect();
        }
        if self.inflect {
            forms = forms.iter().flat_map(|f| inflect_word(f, lang)).collect();
        }
        forms
    }
}

/// Letters of a word's end that choose its inflection (`-one`).
const ENDING: usize = 3;

/// The last `n` characters of `head` followed by `tail`.
fn last_chars(head: &str, tail: &str, n: usize) -> String {
    let have = tail.chars().count();
    if have >= n {
        return tail.to_owned();
    }
    let from = head
        .char_indices()
        .rev()
        .nth(n - have - 1)
        .map_or(0, |(i, _)| i);
    format!("{}{tail}", head.get(from..).unwrap_or_default())
}

/// Expands one word: `(a|b)` groups, then a trailing `+` inflection.
fn expand_word(word: &str, lang: &str) -> Result<Vec<String>, String> {
    let word_ = Word::parse(word)?;
    if word_.combinations() > MAX_FORMS || word_.forms(lang) > MAX_FORMS {
        return Err(format!("`{word}` expands to more than {MAX_FORMS} forms"));
    }
    Ok(word_.expand(lang))
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

/// Italian endings: a word ending in one of the suffixes (the first entry that fits) takes
/// each of the endings in its place.
const IT_ENDINGS: &[(&[&str], &[&str])] = &[
    (&["one"], &["one", "oni", "ona"]),
    (&["co", "ca"], &["co", "ca", "ci", "chi", "che"]),
    (&["go", "ga"], &["go", "ga", "gi", "ghi", "ghe"]),
    (&["io"], &["io", "ia", "i", "ie", "e"]),
    (&["o"], &["o", "a", "i", "e"]),
    (&["a"], &["a", "e", "i"]),
    (&["e"], &["e", "i"]),
];

/// The stem and endings of an Italian word that inflects.
fn it_endings(word: &str) -> Option<(&str, &'static [&'static str])> {
    IT_ENDINGS.iter().find_map(|(suffixes, endings)| {
        suffixes
            .iter()
            .find_map(|s| word.strip_suffix(s))
            .map(|stem| (stem, *endings))
    })
}

/// How many forms [`inflect_word`] gives `word`; the word's last [`ENDING`] letters decide.
fn inflection_count(word: &str, lang: &str) -> usize {
    match lang {
        "en" => 2,
        "it" => it_endings(word).map_or(1, |(_, endings)| endings.len()),
        _ => 1,
    }
}

/// Regular inflection: Italian gender and number, English plural.
fn inflect_word(word: &str, lang: &str) -> Vec<String> {
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
    match it_endings(word) {
        Some((stem, endings)) if lang == "it" => {
            endings.iter().map(|e| format!("{stem}{e}")).collect()
        }
        // No inflection rules for this language, or an ending that does not inflect: the
        // word stands as written.
        _ => vec![word.to_owned()],
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
        /// Shared with the findings and with every lexicon built on the same base.
        rule: Arc<str>,
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
    /// The match is a starred word read as the term (`str*nzo`, `c***o`): the letters the
    /// author hid are guessed, so the caller should trust it less. The range is the whole
    /// starred word.
    pub censored: bool,
    /// The term is glued to a neighbouring word on one side (`seiuncoglione`,
    /// `vaffanculosindaco`): weaker evidence than a whole word. The range is the term alone.
    pub glued: bool,
}

impl Hit {
    /// A whole-word match.
    fn exact(start: usize, end: usize, meaning: usize) -> Hit {
        Hit {
            start,
            end,
            meaning,
            censored: false,
            glued: false,
        }
    }
}

/// One term's source, for building.
///
/// Sources are given in order of precedence, lowest first: where a form of a later source has
/// a meaning of the same kind as a form of an earlier one (a policy category's `stronzo` and
/// the shipped lexicon's), the later one is the meaning of that form and the earlier one is
/// dropped. The moderator passes the shipped lexicons first and the policy's categories after,
/// so the policy's terms win.
pub(crate) struct Source<'a> {
    pub lang: &'a str,
    pub entries: std::borrow::Cow<'a, [Entry]>,
    pub make: Box<dyn Fn(&Entry) -> Meaning + 'a>,
}

/// Shortest form, in chars, that may match glued to a neighbouring word.
const GLUED_MIN_CHARS: usize = 7;

/// How many letters a lone `*` may hide in a word that shows at least
/// [`LONE_WILDCARD_WIDE_FROM`] letters: `str*zo`, `vaff*culo` hide a syllable. In a shorter word
/// it hides one letter (`d*o` is not `dago`), and a run of two or more marks hides exactly as
/// many letters as it has marks (`c***o`, `p*****a`).
pub(crate) const LONE_WILDCARD_MAX: usize = 3;

/// See [`LONE_WILDCARD_MAX`].
pub(crate) const LONE_WILDCARD_WIDE_FROM: usize = 4;

/// The compiled automaton over every term.
#[derive(Clone, Debug)]
pub(crate) struct Lexicon {
    /// The automata over the patterns, each with the id of its first pattern: a shared one
    /// over the shipped forms and one over the forms only the policy has, or one over all.
    automata: Vec<(Automaton, usize)>,
    /// Pattern id → meanings (a form may mean several things: `ritardato` is an insult and a
    /// discrimination on disability).
    by_pattern: Vec<Vec<usize>>,
    /// Pattern id → whether a term writes the pattern's last word with a final accented vowel
    /// (`nullità`); see [`accented_last_words`].
    accent_final: Vec<bool>,
    /// Pattern id → its form.
    forms: Vec<Box<str>>,
    /// Pattern id → whether it may match glued to a neighbouring word (see [`Lexicon::scan_for_judge`]).
    glue: Vec<bool>,
    /// Pattern id → whether it is the citation form of an entry (see [`base_form`]), which a
    /// starred word more likely hides than an inflection.
    base: Vec<bool>,
    /// (first char, length in chars) → the single-word forms with a term meaning, for starred
    /// words: a starred word looks at the few forms of the lengths it may stand for.
    starred: HashMap<(char, usize), Vec<usize>>,
    meanings: Vec<Meaning>,
    /// Meaning id → index of its source: the precedence of [`Source`].
    source_of: Vec<usize>,
    /// Entries per kind and language, for reports.
    counts: Vec<(String, Kind, usize)>,
}

/// What a meaning is to hit resolution: two hits of one class at one span are duplicates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Term(Kind, Severity),
    Protect,
    Allow,
}

impl Class {
    /// Whether two meanings are the same kind of finding (severity aside).
    fn same_kind(self, other: Class) -> bool {
        match (self, other) {
            (Class::Term(a, _), Class::Term(b, _)) => a == b,
            (Class::Protect, Class::Protect) | (Class::Allow, Class::Allow) => true,
            _ => false,
        }
    }
}

/// Index of a severity, for [`Cover`].
fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Low => 0,
        Severity::Medium => 1,
        Severity::High => 2,
    }
}

/// The hits seen so far by the resolution sweep, as the farthest end reached by each class
/// that can explain a later hit; ends are at least 1, so 0 is "none".
#[derive(Default)]
struct Cover {
    by_kind: Vec<(Kind, usize)>,
    by_severity: [usize; 3],
    protect: usize,
}

impl Cover {
    /// Whether a hit seen so far reaches `end` and explains a hit of `class` ending there:
    /// a term of the same kind or of a severity at least as grave, or for an allowed
    /// category's term another one.
    fn covers(&self, class: Class, end: usize) -> bool {
        match class {
            Class::Term(kind, severity) => {
                self.by_kind.iter().any(|&(k, e)| k == kind && e >= end)
                    || self
                        .by_severity
                        .get(severity_index(severity)..)
                        .unwrap_or_default()
                        .iter()
                        .any(|&e| e >= end)
            }
            Class::Protect => self.protect >= end,
            Class::Allow => false,
        }
    }

    fn add(&mut self, class: Class, end: usize) {
        match class {
            Class::Term(kind, severity) => {
                match self.by_kind.iter_mut().find(|(k, _)| *k == kind) {
                    Some((_, e)) => *e = (*e).max(end),
                    None => self.by_kind.push((kind, end)),
                }
                if let Some(e) = self.by_severity.get_mut(severity_index(severity)) {
                    *e = (*e).max(end);
                }
            }
            Class::Protect => self.protect = self.protect.max(end),
            Class::Allow => {}
        }
    }
}

/// Sorts ranges by start and merges those that overlap or touch.
fn merge_ranges(ranges: &mut Vec<Range<usize>>, first: usize) {
    let Some(tail) = ranges.get_mut(first..) else {
        return;
    };
    tail.sort_unstable_by_key(|r| (r.start, r.end));
    let mut kept = first;
    for i in first..ranges.len() {
        let Some(range) = ranges.get(i).cloned() else {
            break;
        };
        match kept.checked_sub(1).and_then(|last| ranges.get_mut(last)) {
            Some(last) if kept > first && range.start <= last.end => {
                last.end = last.end.max(range.end);
            }
            _ => {
                if let Some(slot) = ranges.get_mut(kept) {
                    *slot = range;
                }
                kept += 1;
            }
        }
    }
    ranges.truncate(kept);
}

/// The letters a starred word shows before its first [`text::WILDCARD`] and after its last.
fn shown_ends(word: &str) -> (&str, &str) {
    let head = word
        .find(text::WILDCARD)
        .and_then(|at| word.get(..at))
        .unwrap_or(word);
    let tail = word
        .rfind(text::WILDCARD)
        .and_then(|at| word.get(at + text::WILDCARD.len_utf8()..))
        .unwrap_or(word);
    (head, tail)
}

/// A starred word (letters and [`text::WILDCARD`]s) read for the forms it can be: the
/// lexicon and the rules' word table both read starred words this way.
pub(crate) struct Starred<'w> {
    chars: Vec<char>,
    /// Its first char, a letter: the forms it can be start with it.
    pub(crate) first: char,
    /// The letters it shows.
    pub(crate) visible: usize,
    /// How many letters a lone wildcard hides ([`LONE_WILDCARD_MAX`]).
    lone: usize,
    /// The lengths in chars of the forms it can be.
    pub(crate) lengths: std::ops::RangeInclusive<usize>,
    /// The letters it shows before its first wildcard and after its last: a form it can be
    /// starts with the one and ends with the other, a test cheaper than the reading.
    head: &'w str,
    tail: &'w str,
}

impl<'w> Starred<'w> {
    /// `None` when `word` does not start with a letter.
    pub(crate) fn new(word: &'w str) -> Option<Starred<'w>> {
        let chars: Vec<char> = word.chars().collect();
        let first = *chars.first().filter(|c| **c != text::WILDCARD)?;
        let visible = chars.iter().filter(|c| **c != text::WILDCARD).count();
        let lone = if visible >= LONE_WILDCARD_WIDE_FROM {
            LONE_WILDCARD_MAX
        } else {
            1
        };
        let (mut shortest, mut longest) = (visible, visible);
        for run in chars.chunk_by(|a, b| (*a == text::WILDCARD) == (*b == text::WILDCARD)) {
            if run.first() == Some(&text::WILDCARD) {
                shortest += run.len();
                longest += if run.len() == 1 { lone } else { run.len() };
            }
        }
        let (head, tail) = shown_ends(word);
        Some(Starred {
            chars,
            first,
            visible,
            lone,
            lengths: shortest..=longest,
            head,
            tail,
        })
    }

    /// Its length in chars, one per wildcard.
    pub(crate) fn len(&self) -> usize {
        self.chars.len()
    }

    /// Whether it ends with a letter.
    pub(crate) fn ends_with_letter(&self) -> bool {
        self.chars.last() != Some(&text::WILDCARD)
    }

    /// Whether it can be `form` ([`wildcard_matches`]); `scratch` holds the form's chars.
    pub(crate) fn fits(&self, form: &str, scratch: &mut Vec<char>) -> bool {
        if !form.starts_with(self.head) || !form.ends_with(self.tail) {
            return false;
        }
        scratch.clear();
        scratch.extend(form.chars());
        wildcard_matches(&self.chars, scratch, self.lone)
    }
}

/// Whether a starred word (letters and [`text::WILDCARD`]s) can be `form`: its letters in
/// order, each run of `k ≥ 2` wildcards standing for exactly `k` letters and a lone one for 1
/// to `lone` letters.
pub(crate) fn wildcard_matches(word: &[char], form: &[char], lone: usize) -> bool {
    // `reach[at]`: the runs so far can be the first `at` letters of the form.
    let mut reach = vec![false; form.len() + 1];
    let mut next = vec![false; form.len() + 1];
    if let Some(r) = reach.first_mut() {
        *r = true;
    }
    for run in word.chunk_by(|a, b| (*a == text::WILDCARD) == (*b == text::WILDCARD)) {
        next.iter_mut().for_each(|n| *n = false);
        let stars = run.first() == Some(&text::WILDCARD);
        let hidden = match run.len() {
            1 => 1..=lone.max(1),
            k => k..=k,
        };
        for (at, _) in reach.iter().enumerate().filter(|(_, r)| **r) {
            if stars {
                for n in hidden.clone() {
                    if let Some(slot) = next.get_mut(at + n) {
                        *slot = true;
                    }
                }
            } else if form.get(at..at + run.len()) == Some(run) {
                if let Some(slot) = next.get_mut(at + run.len()) {
                    *slot = true;
                }
            }
        }
        std::mem::swap(&mut reach, &mut next);
        if !reach.iter().any(|r| *r) {
            return false;
        }
    }
    reach.last().copied().unwrap_or(false)
}

/// A lexicon being built: the patterns and meanings of the sources added so far, before the
/// automaton is compiled.
#[derive(Debug, Default)]
struct Layer {
    index: FxHashMap<String, usize>,
    patterns: Vec<String>,
    by_pattern: Vec<Vec<usize>>,
    accent_final: Vec<bool>,
    meanings: Vec<Meaning>,
    source_of: Vec<usize>,
    counts: Vec<(String, Kind, usize)>,
    bases: Vec<usize>,
    /// Sources added so far: the next one's index, for precedence.
    sources: usize,
}

impl Layer {
    /// The layer with nothing of its own yet, continuing `self`: its patterns and meanings
    /// copied, its form index left to be read through as the parent of [`Layer::add`].
    fn continued(&self) -> Layer {
        Layer {
            index: FxHashMap::default(),
            patterns: self.patterns.clone(),
            by_pattern: self.by_pattern.clone(),
            accent_final: self.accent_final.clone(),
            meanings: self.meanings.clone(),
            source_of: self.source_of.clone(),
            counts: self.counts.clone(),
            bases: self.bases.clone(),
            sources: self.sources,
        }
    }

    /// The pattern of `form`, in `parent` (the index of the layer this one continues) or here.
    fn pattern_of(&self, parent: Option<&FxHashMap<String, usize>>, form: &str) -> Option<usize> {
        parent
            .and_then(|p| p.get(form))
            .or_else(|| self.index.get(form))
            .copied()
    }

    /// Adds the entries of `source`, which takes precedence over every source added before;
    /// `parent` is the form index of the layer this one continues, if any.
    fn add(&mut self, source: Source<'_>, parent: Option<&FxHashMap<String, usize>>) {
        let source_index = self.sources;
        self.sources += 1;
        for entry in source.entries.iter() {
            let meaning = (source.make)(entry);
            if let Meaning::Term { kind, .. } = &meaning {
                match self
                    .counts
                    .iter_mut()
                    .find(|(l, k, _)| l == source.lang && k == kind)
                {
                    Some((_, _, n)) => *n += 1,
                    None => self.counts.push((source.lang.to_owned(), *kind, 1)),
                }
            }
            let class = class_of(&meaning);
            let id = self.meanings.len();
            self.meanings.push(meaning);
            self.source_of.push(source_index);
            let accented = accented_last_words(&entry.term, source.lang);
            for form in &entry.forms {
                let pattern = match self.pattern_of(parent, form) {
                    Some(pattern) => pattern,
                    None => {
                        self.patterns.push(form.clone());
                        self.by_pattern.push(Vec::new());
                        self.accent_final.push(false);
                        self.index.insert(form.clone(), self.patterns.len() - 1);
                        self.patterns.len() - 1
                    }
                };
                let last = form.rsplit(' ').next().unwrap_or_default();
                if accented.iter().any(|w| w == last) {
                    if let Some(flag) = self.accent_final.get_mut(pattern) {
                        *flag = true;
                    }
                }
                let Some(list) = self.by_pattern.get_mut(pattern) else {
                    continue;
                };
                if list.contains(&id) {
                    continue;
                }
                // A later source's meaning of the same kind replaces an earlier one's.
                if class != Class::Allow {
                    list.retain(|&other| {
                        let earlier = self.source_of.get(other).is_some_and(|&s| s < source_index);
                        let same = self
                            .meanings
                            .get(other)
                            .is_some_and(|m| class_of(m).same_kind(class));
                        !(earlier && same)
                    });
                }
                list.push(id);
            }
            if let Some(pattern) = self.pattern_of(parent, &base_form(&entry.term)) {
                self.bases.push(pattern);
            }
        }
    }
}

/// An automaton over patterns, shared by the lexicons built on it.
#[derive(Clone)]
struct Automaton(Arc<DoubleArrayAhoCorasick<u32>>);

impl std::fmt::Debug for Automaton {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Automaton")
            .field("states", &self.0.num_states())
            .field("heap_bytes", &self.0.heap_bytes())
            .finish()
    }
}

/// Compiles `patterns` into one automaton whose values are the patterns' indices.
///
/// A double-array automaton: a state is a few bytes and a transition one array read, so the
/// scan of a comment touches little memory even over tens of thousands of patterns.
fn automaton(patterns: &[String]) -> Result<Automaton, String> {
    let indexed = patterns
        .iter()
        .enumerate()
        .map(|(index, pattern)| Ok((pattern, u32::try_from(index)?)))
        .collect::<Result<Vec<_>, std::num::TryFromIntError>>()
        .map_err(|_| "the lexicon has more patterns than an automaton holds".to_owned())?;
    DoubleArrayAhoCorasick::with_values(indexed)
        .map(|automaton| Automaton(Arc::new(automaton)))
        .map_err(|e| format!("cannot compile the lexicon automaton: {e}"))
}

/// Sources compiled once and built on by several lexicons: the shipped lexicons, which every
/// moderator of the same languages starts from, whatever its policy adds.
#[derive(Debug)]
pub(crate) struct Base {
    layer: Layer,
    automaton: Automaton,
}

impl Base {
    /// Compiles `sources`, given in order of precedence (see [`Source`]).
    pub(crate) fn build(sources: Vec<Source<'_>>) -> Result<Base, String> {
        let mut layer = Layer::default();
        for source in sources {
            layer.add(source, None);
        }
        let automaton = automaton(&layer.patterns)?;
        Ok(Base { layer, automaton })
    }
}

impl Lexicon {
    /// Compiles `sources`, given in order of precedence (see [`Source`]).
    #[cfg(test)]
    pub(crate) fn build(sources: Vec<Source<'_>>) -> Result<Lexicon, String> {
        Lexicon::build_on(None, sources)
    }

    /// Compiles `sources` after those of `base`, which take precedence below them: the
    /// result is the lexicon of the base's sources followed by these. The base's automaton is
    /// shared; the forms the base lacks get an automaton of their own.
    pub(crate) fn build_on(
        base: Option<&Base>,
        sources: Vec<Source<'_>>,
    ) -> Result<Lexicon, String> {
        let (mut layer, mut automata) = match base {
            Some(base) => (base.layer.continued(), vec![(base.automaton.clone(), 0)]),
            None => (Layer::default(), Vec::new()),
        };
        let parent = base.map(|base| &base.layer.index);
        let shared = if base.is_some() {
            layer.patterns.len()
        } else {
            0
        };
        for source in sources {
            layer.add(source, parent);
        }
        let Layer {
            patterns,
            by_pattern,
            accent_final,
            meanings,
            source_of,
            counts,
            bases,
            ..
        } = layer;
        let own = patterns.get(shared..).unwrap_or_default();
        if !own.is_empty() || automata.is_empty() {
            automata.push((automaton(own)?, shared));
        }
        let gravest = |ids: &[usize]| {
            ids.iter()
                .filter_map(|&id| match meanings.get(id) {
                    Some(Meaning::Term { severity, .. }) => Some(*severity),
                    _ => None,
                })
                .max()
        };
        let mut base = vec![false; patterns.len()];
        for pattern in bases {
            if let Some(slot) = base.get_mut(pattern) {
                *slot = true;
            }
        }
        let mut glue = Vec::with_capacity(patterns.len());
        let mut starred: HashMap<(char, usize), Vec<usize>> = HashMap::new();
        for (pattern, (form, ids)) in patterns.iter().zip(&by_pattern).enumerate() {
            let gravest = gravest(ids);
            let chars = form.chars().count();
            glue.push(chars >= GLUED_MIN_CHARS && gravest > Some(Severity::Low));
            if let Some(first) = form.chars().next() {
                if gravest.is_some() && !form.contains(' ') && chars >= 3 {
                    starred.entry((first, chars)).or_default().push(pattern);
                }
            }
        }
        Ok(Lexicon {
            automata,
            by_pattern,
            accent_final,
            forms: patterns.into_iter().map(String::into_boxed_str).collect(),
            glue,
            base,
            starred,
            meanings,
            source_of,
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

    /// Every match in `text`, allow-listed ones removed, sorted by start: see
    /// [`Lexicon::scan_allowed`].
    #[cfg(test)]
    pub(crate) fn scan(&self, text: &Normalized, out: &mut Vec<Hit>) {
        let mut allowed = Vec::new();
        self.scan_allowed(text, out, &mut allowed);
    }

    /// Appends to `hits` every match in `text` that survives resolution, sorted by (start,
    /// end, meaning), and to `allowed` the canonical ranges of the allow-list phrases found,
    /// sorted and merged where they overlap or touch, so that the caller can cancel what other
    /// detectors found inside them.
    ///
    /// A match is
    /// - a whole-word match: it starts and ends at a word boundary or a soft boundary
    ///   ([`Normalized::is_soft_boundary`]);
    /// - a *glued* match ([`Hit::glued`]): a form of at least [`GLUED_MIN_CHARS`] chars whose
    ///   meaning is a term that is not `low` (so not `ambiguous` either), at a boundary on one
    ///   side and inside a word on the other (`seiuncoglione`, `coglionesindaco`), unless form and
    ///   neighbour look like one derived word ([`glued_is_one_word`]);
    ///   only the term meanings that are not `low` are reported;
    /// - a *censored* match ([`Hit::censored`]): a starred word read as a single-word form, see
    ///   [`Lexicon::find_censored`].
    ///
    /// Resolution: a match overlapping an allow-list phrase is dropped, except a term of an
    /// allowed category; a match inside a longer one that explains it is dropped (see below);
    /// of two at the same span with meanings of the same kind, the one of the later source is
    /// kept ([`Source`]). The sweep is linear after sorting.
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "the recognizer keeps allowed hits for the judge")
    )]
    pub(crate) fn scan_allowed(
        &self,
        text: &Normalized,
        hits: &mut Vec<Hit>,
        allowed: &mut Vec<Range<usize>>,
    ) {
        self.scan_with(text, hits, allowed, true);
    }

    /// Like [`Lexicon::scan_allowed`], but keeps the matches an allow-list phrase overlaps:
    /// the judge cancels them and says why, so a person reading the verdict sees what the
    /// phrase cancelled ("Bastardo" in "Bastardo, frazione di Giano").
    pub(crate) fn scan_for_judge(
        &self,
        text: &Normalized,
        hits: &mut Vec<Hit>,
        allowed: &mut Vec<Range<usize>>,
    ) {
        self.scan_with(text, hits, allowed, false);
    }

    fn scan_with(
        &self,
        text: &Normalized,
        hits: &mut Vec<Hit>,
        allowed: &mut Vec<Range<usize>>,
        drop_allowed: bool,
    ) {
        let first = hits.len();
        let first_allowed = allowed.len();
        let canonical = text.as_str();
        let bytes = canonical.as_bytes();
        let boundary_before =
            |at: usize| at == 0 || bytes.get(at - 1) == Some(&b' ') || text.is_soft_boundary(at);
        let boundary_after = |at: usize| {
            at >= bytes.len() || bytes.get(at) == Some(&b' ') || text.is_soft_boundary(at)
        };
        let matches = self.automata.iter().flat_map(|(automaton, first)| {
            automaton
                .0
                .find_overlapping_iter(canonical)
                .map(move |m| (first + m.value() as usize, m))
        });
        for (pattern, m) in matches {
            // An accent on the last vowel makes another word: `scemò` (it diminished) is not
            // `scemo`, `spazzò` (swept) not `spazzo`. Only a term written with that accent
            // matches it; a term's accent may still be left out by the text (`nullita`).
            if text.ends_accented(m.end())
                && !self.accent_final.get(pattern).copied().unwrap_or(false)
            {
                continue;
            }
            let (before, after) = (boundary_before(m.start()), boundary_after(m.end()));
            let glued = match (before, after) {
                (true, true) => false,
                (true, false) | (false, true) => {
                    if !self.glue.get(pattern).copied().unwrap_or(false) {
                        continue;
                    }
                    let remainder = if before {
                        word_after(canonical, m.end())
                    } else {
                        word_before(canonical, m.start())
                    };
                    if remainder.contains(text::WILDCARD)
                        || glued_is_one_word(
                            canonical.get(m.start()..m.end()).unwrap_or_default(),
                            remainder,
                            before,
                        )
                    {
                        continue;
                    }
                    true
                }
                (false, false) => continue,
            };
            let Some(ids) = self.by_pattern.get(pattern) else {
                continue;
            };
            for &meaning in ids {
                // A glued match reports only its terms that are not `low`.
                let keep = match self.meanings.get(meaning) {
                    Some(Meaning::Allow) => {
                        if !glued {
                            allowed.push(m.start()..m.end());
                        }
                        false
                    }
                    Some(Meaning::Term { severity, .. }) => !glued || *severity > Severity::Low,
                    Some(Meaning::Protect { .. }) => !glued,
                    None => false,
                };
                if keep {
                    hits.push(Hit {
                        glued,
                        ..Hit::exact(m.start(), m.end(), meaning)
                    });
                }
            }
        }
        if text.has_starred_words() {
            let mut offset = 0;
            for word in canonical.split(' ') {
                if word.contains(text::WILDCARD) {
                    self.find_censored(word, offset, hits);
                }
                offset += word.len() + 1;
            }
        }
        merge_ranges(allowed, first_allowed);
        let dropping = if drop_allowed {
            allowed.get(first_allowed..).unwrap_or_default()
        } else {
            &[]
        };
        self.resolve(hits, first, dropping);
    }

    /// The class of a meaning, for resolution.
    fn class(&self, meaning: usize) -> Class {
        self.meanings.get(meaning).map_or(Class::Allow, class_of)
    }

    /// Reads the starred word `word`, at canonical offset `at`, as the single-word form it most
    /// likely hides, and appends a censored hit for each of its term meanings.
    ///
    /// The word must show at least two letters, and either half of the form's letters or both
    /// its first and last letter (the normaliser only makes starred words that start and end
    /// with a letter: `c***o` is `cazzo`, `p*****a` is `puttana`). Wildcards stand for letters
    /// as [`wildcard_matches`] and [`LONE_WILDCARD_MAX`] say. Of several forms that fit, the
    /// one whose length is closest to one letter per wildcard wins, then a citation form over
    /// an inflection (`p*****a` is `puttana` rather than `pirlona`), then the gravest, then
    /// the first in the lexicon; only one form is read, so `c***o` is one finding.
    fn find_censored(&self, word: &str, at: usize, hits: &mut Vec<Hit>) {
        /// Lower is likelier: length off one letter per wildcard, inflected, severity, order.
        type Rank = (usize, bool, std::cmp::Reverse<Severity>, usize);
        let Some(starred) = Starred::new(word) else {
            return;
        };
        let visible = starred.visible;
        if visible < 2 {
            return;
        }
        let both_ends = starred.ends_with_letter();
        let one_each = starred.len();
        let mut form_chars: Vec<char> = Vec::new();
        let mut best: Option<(Rank, usize)> = None;
        for len in starred.lengths.clone() {
            if !both_ends && 2 * visible < len {
                continue;
            }
            for &pattern in self
                .starred
                .get(&(starred.first, len))
                .into_iter()
                .flatten()
            {
                let Some(form) = self.forms.get(pattern) else {
                    continue;
                };
                if !starred.fits(form, &mut form_chars) {
                    continue;
                }
                let gravest = self
                    .by_pattern
                    .get(pattern)
                    .into_iter()
                    .flatten()
                    .filter_map(|&id| match self.meanings.get(id) {
                        Some(Meaning::Term { severity, .. }) => Some(*severity),
                        _ => None,
                    })
                    .max()
                    .unwrap_or(Severity::Low);
                let inflected = !self.base.get(pattern).copied().unwrap_or(false);
                let rank: Rank = (
                    len.abs_diff(one_each),
                    inflected,
                    std::cmp::Reverse(gravest),
                    pattern,
                );
                if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                    best = Some((rank, pattern));
                }
            }
        }
        let Some((_, pattern)) = best else {
            return;
        };
        for &meaning in self.by_pattern.get(pattern).into_iter().flatten() {
            if matches!(self.meanings.get(meaning), Some(Meaning::Term { .. })) {
                hits.push(Hit {
                    censored: true,
                    ..Hit::exact(at, at + word.len(), meaning)
                });
            }
        }
    }

    /// Resolves `hits[first..]` (see [`Lexicon::scan_allowed`]) given sorted, merged allowed
    /// ranges, in one sweep over the hits sorted by (start, end descending).
    ///
    /// A longer term covering a shorter one is the more specific reading and explains the
    /// match better: `figlio di puttana` over `puttana`, and the exclamation `porca puttana`
    /// (vulgarity) over `puttana` (misogyny) and `porca` (insult). A covered term survives
    /// only when it is graver than the phrase around it. In that order every hit that could
    /// cover a hit comes before it, so the sweep keeps, per kind and per severity, the farthest
    /// end reached so far ([`Cover`]); hits at one span are decided together, against the
    /// hits before them only.
    fn resolve(&self, hits: &mut Vec<Hit>, first: usize, allowed: &[Range<usize>]) {
        let Some(tail) = hits.get_mut(first..) else {
            return;
        };
        tail.sort_unstable_by_key(|h| (h.start, std::cmp::Reverse(h.end), h.meaning));

        let mut ranges = allowed.iter().peekable();
        let mut kept = first;
        for i in first..hits.len() {
            let Some(hit) = hits.get(i).copied() else {
                break;
            };
            while ranges.next_if(|a| a.end <= hit.start).is_some() {}
            let cancelled = ranges.peek().is_some_and(|a| a.start < hit.end)
                && self.class(hit.meaning) != Class::Protect;
            if !cancelled {
                if let Some(slot) = hits.get_mut(kept) {
                    *slot = hit;
                }
                kept += 1;
            }
        }
        hits.truncate(kept);

        let mut cover = Cover::default();
        let mut group: Vec<Class> = Vec::new();
        let mut kept = first;
        let mut i = first;
        while let Some(&head) = hits.get(i) {
            let group_kept = kept;
            group.clear();
            while let Some(hit) = hits.get(i).copied() {
                if (hit.start, hit.end) != (head.start, head.end) {
                    break;
                }
                i += 1;
                let class = self.class(hit.meaning);
                group.push(class);
                if cover.covers(class, hit.end) {
                    continue;
                }
                let source = |h: &Hit| self.source_of.get(h.meaning).copied().unwrap_or(0);
                let duplicate = hits
                    .get(group_kept..kept)
                    .unwrap_or_default()
                    .iter()
                    .position(|o| self.class(o.meaning).same_kind(class));
                match duplicate.and_then(|d| hits.get_mut(group_kept + d)) {
                    Some(other) => {
                        if source(&hit) > source(other) {
                            *other = hit;
                        }
                    }
                    None => {
                        if let Some(slot) = hits.get_mut(kept) {
                            *slot = hit;
                        }
                        kept += 1;
                    }
                }
            }
            for &class in &group {
                cover.add(class, head.end);
            }
        }
        hits.truncate(kept);
        if let Some(tail) = hits.get_mut(first..) {
            tail.sort_unstable_by_key(|h| (h.start, h.end, h.meaning));
        }
    }
}

/// The class of a meaning.
fn class_of(meaning: &Meaning) -> Class {
    match meaning {
        Meaning::Term { kind, severity, .. } => Class::Term(*kind, *severity),
        Meaning::Protect { .. } => Class::Protect,
        Meaning::Allow => Class::Allow,
    }
}

/// An entry's citation form, normalised: each group's first alternative and no inflection
/// (`cazz(o|i)` → `cazzo`, `stronzo+` → `stronzo`, `figli(o|a) di puttana` → `figlio di
/// puttana`).
fn base_form(term: &str) -> String {
    let mut base = String::with_capacity(term.len());
    let mut chars = term.chars();
    while let Some(c) = chars.next() {
        match c {
            '(' => {
                let mut first = true;
                for g in chars.by_ref() {
                    match g {
                        ')' => break,
                        '|' => first = false,
                        _ if first => base.push(g),
                        _ => {}
                    }
                }
            }
            '+' => {}
            _ => base.push(c),
        }
    }
    text::normalize(&base)
}

/// The rest of the word that starts before `at`, from `at`.
fn word_after(canonical: &str, at: usize) -> &str {
    let rest = canonical.get(at..).unwrap_or_default();
    rest.split(' ').next().unwrap_or_default()
}

/// The part of the word that ends after `at`, up to `at`.
fn word_before(canonical: &str, at: usize) -> &str {
    let head = canonical.get(..at).unwrap_or_default();
    head.rsplit(' ').next().unwrap_or_default()
}

/// Suffixes that make a form and what follows it one derived or inflected word
/// (`imbecilli|tà`, `pervert|ed`, `bastardi|zed`), Italian and English, as stems: a suffix
/// counts when at most three letters follow it (`-ità`, `-ismi`, `-edly`), two for the suffixes
/// of two letters.
const SUFFIXES: &[&str] = &[
    // Italian.
    "ita", "ito", "iti", "ite", "itric", "iment", "ament", "mente", "zion", "ism", "ist", "izz",
    "aggin", "ata", "ate", "ato", "ati", "ezz", "ino", "ina", "ini", "ine", "ett", "ell", "one",
    "ona", "oni", "acc", "ucc", "ott", "astr", "issim", "aio", "aia", "eri", "ume", "oso", "osa",
    "osi", "ose", "evol", "abil", "ibil", "ico", "ica", "ici", "ich", "ale", "ali",
    // English.
    "ed", "es", "er", "est", "ing", "ish", "ity", "itie", "ize", "ise", "izing", "ous", "ic",
    "ical", "ia", "ian", "ies", "ly", "ness", "ment", "ful", "less", "able", "ible",
];

/// Prefixes that make what follows them one word (`con|cretino`, `de|cretino`).
const PREFIXES: &[&str] = &[
    "con", "de", "di", "dis", "in", "im", "ri", "re", "pre", "pro", "tra", "stra", "anti", "super",
    "sopra", "sotto", "contro", "inter", "auto", "semi", "multi", "mis", "sub", "over", "under",
    "out",
];

/// Whether a form glued to `remainder` more likely makes one ordinary word than two words
/// without a space; `after` is true when the remainder follows the form (`coglionesindaco`),
/// false when it precedes it (`seiuncoglione`). The rules were tuned on the Italian and English
/// word lists of `witalian` and `wamerican`, where, with them, only 2 of some 180,000 words
/// match glued (`rimorchiavate`, `scoperchiavate`: `-chiare` verbs and `chiavate`), against 39
/// without.
///
/// A remainder of one letter is always refused. After the form, it must not start with a
/// suffix, taking into account the letter derivation drops (`imbecilli|tà` is `imbecill-ità`)
/// and the consonant it doubles (`bullshit|ted`). Before the form, it must end like an Italian
/// word (a vowel, or `l`, `n`, `r`: `sei`, `un`, `quel`, `per`), must not be a prefix, and the
/// form must not be an adverb ending (`gran|demente`).
fn glued_is_one_word(form: &str, remainder: &str, after: bool) -> bool {
    if remainder.chars().count() < 2 {
        return true;
    }
    if after {
        let last = form.chars().last();
        let suffix = |candidate: &str| {
            SUFFIXES.iter().any(|s| {
                candidate.starts_with(s)
                    && candidate.len() <= s.len() + if s.len() > 2 { 3 } else { 2 }
            })
        };
        let vowel_dropped = last
            .filter(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
            .is_some_and(|v| suffix(&format!("{v}{remainder}")));
        let doubled = last.is_some_and(|c| {
            remainder
                .strip_prefix(c)
                .is_some_and(|rest| !rest.is_empty() && suffix(rest))
        });
        suffix(remainder) || vowel_dropped || doubled
    } else {
        let word_end = remainder
            .chars()
            .last()
            .is_some_and(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'l' | 'n'));
        !word_end || PREFIXES.contains(&remainder) || form.ends_with("mente")
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
    fn forms_are_counted_exactly_before_they_are_generated() {
        let terms = [
            "stronz(o|a)+",
            "(porc|stupid|scem)(o|a)+ (ca|co)+",
            "(c|l)(o|a|ione|)+ x(io|one)+",
            "coglion(e|a)+ +",
            "(a|b)(c|d)(e|f)(g|h)(i|j)(k|l)(m|n)(o|p)(q|r)",
            "figli(o|a) di puttana",
            "perché+",
            "(è|é|o)+",
        ];
        for lang in ["it", "en", "fr"] {
            for term in terms {
                let counted = parse_term(term, lang).unwrap();
                let expected: usize = counted.words.iter().map(|w| w.expand(lang).len()).product();
                assert_eq!(counted.forms(), expected, "{term} in {lang}");
            }
        }
    }

    #[test]
    fn too_many_forms_are_refused_before_they_are_generated() {
        // Ten groups of two: 1,024 spellings of one word.
        let err = parse_entry(&"(a|b)".repeat(10), "it").unwrap_err();
        assert!(err.contains("expands to more than 512 forms"), "{err}");
        // 256 spellings, each with four endings.
        let err = parse_entry(&format!("{}o+", "(a|b)".repeat(8)), "it").unwrap_err();
        assert!(err.contains("expands to more than 512 forms"), "{err}");
        // 512 forms in all, across words: the limit itself is fine.
        let limit = format!("{} (t|d)o+", "(a|b)".repeat(6));
        assert_eq!(parse_term(&limit, "it").unwrap().forms(), 512);
        assert!(parse_entry(&limit, "it").is_ok());
        // A product that would overflow is refused, not wrapped.
        let huge = vec!["(a|b|c|d|e|f|g|h)"; 40].join(" ");
        assert!(parse_entry(&huge, "it").is_err());
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
                    entries: vec![parse_entry(t, "it").unwrap()].into(),
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

    /// Findings as (original excerpt, kind, censored, glued).
    fn found(lexicon: &Lexicon, text: &str) -> Vec<(String, Kind, bool, bool)> {
        let norm = Normalized::new(text);
        let mut hits = Vec::new();
        lexicon.scan(&norm, &mut hits);
        hits.iter()
            .filter_map(|h| match lexicon.meaning(h.meaning) {
                Some(Meaning::Term { kind, .. }) => {
                    let range = norm.original_range(h.start, h.end);
                    Some((text[range].to_owned(), *kind, h.censored, h.glued))
                }
                _ => None,
            })
            .collect()
    }

    /// The excerpts `found` finds.
    fn excerpts(lexicon: &Lexicon, text: &str) -> Vec<String> {
        found(lexicon, text).into_iter().map(|f| f.0).collect()
    }

    // Item: spelled-out words followed or preceded by a one-letter word.

    #[test]
    fn a_term_may_end_or_start_at_a_soft_boundary() {
        let lx = lexicon(&[
            ("fanculo", Some(Kind::Vulgarity)),
            ("coglione+", Some(Kind::Insult)),
            ("stronzo+", Some(Kind::Insult)),
            ("fuck+", Some(Kind::Vulgarity)),
        ]);
        assert_eq!(
            found(&lx, "F a n c u l o a tutti"),
            [("F a n c u l o".into(), Kind::Vulgarity, false, false)]
        );
        assert_eq!(
            excerpts(&lx, "sei un c o g l i o n e e basta"),
            ["c o g l i o n e"]
        );
        assert_eq!(excerpts(&lx, "e s t r o n z o"), ["s t r o n z o"]);
        assert_eq!(excerpts(&lx, "s t r o n z o"), ["s t r o n z o"]);
        assert_eq!(excerpts(&lx, "f u c k"), ["f u c k"]);
        assert_eq!(excerpts(&lx, "s.t.r.o.n.z.o e basta"), ["s.t.r.o.n.z.o"]);
        // A soft boundary is only where the normaliser put one.
        assert!(found(&lx, "coglionee").is_empty());
    }

    // Item: self-censored words.

    #[test]
    fn starred_words_read_as_the_term_they_hide() {
        let lx = lexicon(&[
            ("stronzo+", Some(Kind::Insult)),
            ("coglione+", Some(Kind::Insult)),
            ("cazz(o|i)", Some(Kind::Vulgarity)),
            ("cul(o|i) ; low", Some(Kind::Vulgarity)),
            ("merd(a|e)", Some(Kind::Vulgarity)),
            ("vaffancul(o|u|)", Some(Kind::Vulgarity)),
            ("pirlone+", Some(Kind::Insult)),
            ("puttana+", Some(Kind::Discrimination)),
            ("porco+ ; ambiguous", Some(Kind::Insult)),
            ("fuck+", Some(Kind::Vulgarity)),
            ("dago+ ; high", Some(Kind::Discrimination)),
            ("cavallo di troia", None),
        ]);
        let censored = |text: &str, excerpt: &str, kind: Kind| {
            assert_eq!(
                found(&lx, text),
                [(excerpt.to_owned(), kind, true, false)],
                "{text:?}"
            );
        };
        censored("sei uno str*nzo!", "str*nzo", Kind::Insult);
        censored("stro**o", "stro**o", Kind::Insult);
        censored("che c***o dici", "c***o", Kind::Vulgarity);
        censored("m*rda", "m*rda", Kind::Vulgarity);
        censored("m#rda", "m#rda", Kind::Vulgarity);
        censored("me**a", "me**a", Kind::Vulgarity);
        censored("V*FF*NCULO", "V*FF*NCULO", Kind::Vulgarity);
        censored("vaff*culo", "vaff*culo", Kind::Vulgarity);
        censored("p*****a", "p*****a", Kind::Discrimination);
        censored("c*gli*ne", "c*gli*ne", Kind::Insult);
        censored("f*ck", "f*ck", Kind::Vulgarity);
        // A lone `*` hides one to three letters in a word that shows four: `stronzo`.
        censored("str*zo", "str*zo", Kind::Insult);
        assert_eq!(
            found(&lx, "p*rca p*ttana"),
            [
                ("p*rca".to_owned(), Kind::Insult, true, false),
                ("p*ttana".to_owned(), Kind::Discrimination, true, false),
            ]
        );
        // Emphasis is not censoring: the word is found whole.
        assert_eq!(
            found(&lx, "sei uno *stronzo*"),
            [("stronzo".into(), Kind::Insult, false, false)]
        );
        // Too few letters, a wrong length, a letter that does not fit.
        for text in [
            "c**",
            "s*x",
            "c****o",
            "str*nzi*o",
            "p*zza",
            "m*rdo",
            "ca*z",
            "d*o",
            "c*o",
        ] {
            assert!(found(&lx, text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn wildcards_stand_for_letters_as_documented() {
        let matches = |word: &str, form: &str| {
            let word: Vec<char> = word.chars().collect();
            let form: Vec<char> = form.chars().collect();
            wildcard_matches(&word, &form, LONE_WILDCARD_MAX)
        };
        assert!(matches("c***o", "cazzo"));
        assert!(!matches("c***o", "culo"));
        assert!(matches("c*o", "culo"));
        assert!(matches("c*o", "cazzo"));
        assert!(!matches("c*o", "co"));
        assert!(!matches("c*o", "cazzzo"));
        assert!(matches("v*ff*nculo", "vaffanculo"));
        assert!(matches("v*ff*nculo", "viffonculo"));
        assert!(!matches("v*ff*nculo", "vaffancul"));
        let word: Vec<char> = "d*o".chars().collect();
        let form: Vec<char> = "dago".chars().collect();
        assert!(!wildcard_matches(&word, &form, 1));
    }

    #[test]
    fn a_form_a_starred_word_can_be_starts_and_ends_with_its_shown_letters() {
        assert_eq!(shown_ends("c***o"), ("c", "o"));
        assert_eq!(shown_ends("vaff*nc*lo"), ("vaff", "lo"));
        assert_eq!(shown_ends("str*"), ("str", ""));
        assert_eq!(shown_ends("*zzo"), ("", "zzo"));
        assert_eq!(shown_ends("abc"), ("abc", "abc"));
        // The test never rejects a form the reading accepts.
        let forms = [
            "cazzo",
            "culo",
            "coglione",
            "vaffanculo",
            "viffonculo",
            "stronzo",
        ];
        for word in [
            "c***o",
            "c*o",
            "v*ff*nculo",
            "c*gl**ne",
            "str*nz*",
            "s*r*n*o",
        ] {
            let chars: Vec<char> = word.chars().collect();
            let (head, tail) = shown_ends(word);
            for form in forms {
                let form_chars: Vec<char> = form.chars().collect();
                if wildcard_matches(&chars, &form_chars, LONE_WILDCARD_MAX) {
                    assert!(
                        form.starts_with(head) && form.ends_with(tail),
                        "{word} {form}"
                    );
                }
            }
        }
    }

    #[test]
    fn base_forms_take_the_first_alternative_uninflected() {
        assert_eq!(base_form("cazz(o|i)"), "cazzo");
        assert_eq!(base_form("stronzo+"), "stronzo");
        assert_eq!(base_form("vaffancul(o|u|)"), "vaffanculo");
        assert_eq!(base_form("figli(o|a) di puttana"), "figlio di puttana");
        assert_eq!(base_form("l'idiota"), "l idiota");
    }

    // Item: words glued to a neighbour.

    #[test]
    fn long_grave_terms_match_glued_to_a_neighbouring_word() {
        let lx = lexicon(&[
            ("coglione+", Some(Kind::Insult)),
            ("stronzo+", Some(Kind::Insult)),
            ("stronzone+", Some(Kind::Insult)),
            ("vaffancul(o|u|)", Some(Kind::Vulgarity)),
            ("cretino+", Some(Kind::Insult)),
            ("demente+", Some(Kind::Insult)),
            ("imbecille+", Some(Kind::Insult)),
            ("cazz(o|i)", Some(Kind::Vulgarity)),
            ("bifolco+ ; low", Some(Kind::Insult)),
            ("finocchio+ ; ambiguous", Some(Kind::Discrimination)),
        ]);
        let glued = |text: &str, excerpt: &str, kind: Kind| {
            assert_eq!(
                found(&lx, text),
                [(excerpt.to_owned(), kind, false, true)],
                "{text:?}"
            );
        };
        glued("seiuncoglione", "coglione", Kind::Insult);
        glued("Vaffanculosindaco!", "Vaffanculo", Kind::Vulgarity);
        glued("coglionesindaco", "coglione", Kind::Insult);
        glued("sei proprio unostronzo", "stronzo", Kind::Insult);
        glued("cretinodelcazzo", "cretino", Kind::Insult);
        // A longer whole word explains the glued reading.
        assert_eq!(
            found(&lx, "stronzone"),
            [("stronzone".into(), Kind::Insult, false, false)]
        );
        // Short, low or ambiguous terms; glued on both sides; one derived word.
        for text in [
            "cazzodisindaco",
            "seibifolco",
            "finocchione",
            "unfinocchio",
            "xcoglionex",
            "imbecillità",
            "concretino",
            "decretino",
            "grandemente",
            "cretinous",
            "stronzoa",
            "scoglione",
        ] {
            assert!(
                found(&lx, text).is_empty(),
                "{text:?}: {:?}",
                found(&lx, text)
            );
        }
    }

    #[test]
    fn glued_forms_and_their_neighbours() {
        for (form, remainder, after) in [
            ("imbecilli", "ta", true),
            ("pervert", "imento", true),
            ("bastardi", "zing", true),
            ("bullshit", "ted", true),
            ("demente", "dly", true),
            ("coglione", "e", true),
            ("cretino", "con", false),
            ("demente", "gran", false),
            ("chiavate", "smac", false),
            ("wanking", "s", false),
        ] {
            assert!(
                glued_is_one_word(form, remainder, after),
                "{remainder} {form}"
            );
        }
        for (form, remainder, after) in [
            ("vaffanculo", "sindaco", true),
            ("coglione", "sindaco", true),
            ("stronzo", "di", true),
            ("coglione", "ignorante", true),
            ("coglione", "seiun", false),
            ("stronzo", "brutto", false),
            ("coglione", "gran", false),
        ] {
            assert!(
                !glued_is_one_word(form, remainder, after),
                "{remainder} {form}"
            );
        }
    }

    // Item: resolution is a sweep.

    #[test]
    fn a_mebibyte_of_one_word_scans() {
        let lx = lexicon(&[
            ("idiota+", Some(Kind::Insult)),
            ("idiota idiota", Some(Kind::Insult)),
        ]);
        let text = "idiota ".repeat((1 << 20) / 7);
        let words = text.split_whitespace().count();
        let norm = Normalized::new(&text);
        let mut hits = Vec::new();
        lx.scan(&norm, &mut hits);
        // Every `idiota` is inside a pair that explains it; the pairs overlap but do not
        // cover each other.
        assert_eq!(hits.len(), words - 1);
        assert!(hits.windows(2).all(|w| w[0].start + 7 == w[1].start));
        assert!(
            hits.iter()
                .all(|h| h.end - h.start == "idiota idiota".len())
        );
    }

    /// A lexicon of one source per entry, each `(term, meaning)`.
    fn lexicon_of(entries: &[(&str, Meaning)]) -> Lexicon {
        let sources = entries
            .iter()
            .map(|(term, meaning)| {
                let meaning = meaning.clone();
                Source {
                    lang: "it",
                    entries: vec![parse_entry(term, "it").unwrap()].into(),
                    make: Box::new(move |_: &Entry| meaning.clone()),
                }
            })
            .collect();
        Lexicon::build(sources).unwrap()
    }

    fn term(kind: Kind, severity: Severity, rule: &str) -> Meaning {
        Meaning::Term {
            kind,
            rule: rule.into(),
            severity,
            ground: None,
        }
    }

    /// The resolution as it was, pairwise: every hit against every other.
    fn resolve_pairwise(lx: &Lexicon, hits: &[Hit], allowed: &[Range<usize>]) -> Vec<Hit> {
        let hits: Vec<Hit> = hits
            .iter()
            .copied()
            .filter(|h| {
                !allowed.iter().any(|a| a.start < h.end && h.start < a.end)
                    || matches!(lx.meaning(h.meaning), Some(Meaning::Protect { .. }))
            })
            .collect();
        let term = |h: &Hit| match lx.meaning(h.meaning) {
            Some(Meaning::Term { kind, severity, .. }) => Some((*kind, *severity)),
            _ => None,
        };
        let same_kind = |a: &Hit, b: &Hit| match (lx.meaning(a.meaning), lx.meaning(b.meaning)) {
            (Some(Meaning::Term { kind: x, .. }), Some(Meaning::Term { kind: y, .. })) => x == y,
            (Some(Meaning::Protect { .. }), Some(Meaning::Protect { .. })) => true,
            _ => false,
        };
        let explains = |outer: &Hit, inner: &Hit| match (term(outer), term(inner)) {
            (Some((ko, so)), Some((ki, si))) => ko == ki || so >= si,
            _ => same_kind(outer, inner),
        };
        let mut out: Vec<Hit> = Vec::new();
        for hit in &hits {
            let covered = hits.iter().any(|o| {
                o != hit
                    && o.start <= hit.start
                    && hit.end <= o.end
                    && o.end - o.start > hit.end - hit.start
                    && explains(o, hit)
            });
            if covered {
                continue;
            }
            let source = |h: &Hit| lx.source_of[h.meaning];
            match out
                .iter_mut()
                .find(|o| o.start == hit.start && o.end == hit.end && same_kind(o, hit))
            {
                Some(o) => {
                    if source(hit) > source(o) {
                        *o = *hit;
                    }
                }
                None => out.push(*hit),
            }
        }
        out.sort_by_key(|h| (h.start, h.end, h.meaning));
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn the_sweep_resolves_like_the_pairwise_comparison(
            spans in proptest::collection::vec((0..24_usize, 1..10_usize, 0..9_usize), 0..40),
            allow in proptest::collection::vec((0..30_usize, 1..6_usize), 0..4),
        ) {
            let lx = lexicon_of(&[
                ("a", term(Kind::Insult, Severity::Low, "a")),
                ("b", term(Kind::Insult, Severity::Medium, "b")),
                ("c", term(Kind::Insult, Severity::High, "c")),
                ("d", term(Kind::Vulgarity, Severity::Low, "d")),
                ("e", term(Kind::Vulgarity, Severity::High, "e")),
                ("f", term(Kind::Discrimination, Severity::Medium, "f")),
                ("g", Meaning::Protect { category: 0 }),
                ("h", Meaning::Protect { category: 1 }),
                ("i", term(Kind::Insult, Severity::Low, "i")),
            ]);
            let mut hits: Vec<Hit> = spans
                .iter()
                .map(|&(start, len, meaning)| Hit::exact(start, start + len, meaning))
                .collect();
            hits.sort_by_key(|h| (h.start, h.end, h.meaning));
            hits.dedup();
            let mut allowed: Vec<Range<usize>> = allow.iter().map(|&(s, l)| s..s + l).collect();
            let expected = resolve_pairwise(&lx, &hits, &allowed);
            merge_ranges(&mut allowed, 0);
            proptest::prop_assert!(allowed.windows(2).all(|w| w[0].end < w[1].start));
            // The sweep does not depend on the order hits arrive in.
            hits.reverse();
            lx.resolve(&mut hits, 0, &allowed);
            proptest::prop_assert_eq!(hits, expected);
        }
    }

    // Item: policy terms win over shipped ones.

    #[test]
    fn a_later_source_wins_for_the_same_form_and_kind() {
        let lx = lexicon_of(&[
            (
                "stronzo+",
                term(Kind::Insult, Severity::Medium, "lexicon/stronzo"),
            ),
            (
                "stronzo",
                term(Kind::Insult, Severity::Medium, "lexicon/again"),
            ),
            (
                "stronzo",
                term(Kind::Vulgarity, Severity::Low, "lexicon/vulgar"),
            ),
            (
                "stronzo",
                term(Kind::Insult, Severity::High, "category/x/stronzo"),
            ),
        ]);
        let rules = |text: &str| {
            let norm = Normalized::new(text);
            let mut hits = Vec::new();
            lx.scan(&norm, &mut hits);
            hits.iter()
                .filter_map(|h| match lx.meaning(h.meaning) {
                    Some(Meaning::Term { rule, .. }) => Some(rule.to_string()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        // The policy's insult replaces both shipped insults; the vulgarity stands.
        assert_eq!(
            rules("sei uno stronzo"),
            ["lexicon/vulgar", "category/x/stronzo"]
        );
        // Other forms of the shipped entry are untouched.
        assert_eq!(rules("sei una stronza"), ["lexicon/stronzo"]);
        // Within one source the first entry stays.
        let lx = Lexicon::build(vec![Source {
            lang: "it",
            entries: vec![
                parse_entry("scemo", "it").unwrap(),
                parse_entry("scemo ; high", "it").unwrap(),
            ]
            .into(),
            make: Box::new(|e: &Entry| term(Kind::Insult, e.severity.unwrap_or_default(), &e.term)),
        }])
        .unwrap();
        let norm = Normalized::new("scemo");
        let mut hits = Vec::new();
        lx.scan(&norm, &mut hits);
        assert_eq!(hits.len(), 1);
        assert!(matches!(
            lx.meaning(hits[0].meaning),
            Some(Meaning::Term {
                severity: Severity::Medium,
                ..
            })
        ));
    }

    #[test]
    fn a_lexicon_built_on_a_base_is_the_lexicon_of_all_its_sources() {
        let entries: Vec<(&str, Meaning)> = vec![
            (
                "stronzo+",
                term(Kind::Insult, Severity::Medium, "shipped/stronzo"),
            ),
            ("scemo+", term(Kind::Insult, Severity::Low, "shipped/scemo")),
            (
                "cretinissimo",
                term(Kind::Insult, Severity::High, "shipped/long"),
            ),
            ("porca miseria", Meaning::Allow),
            // The policy's: one form the base has, one it lacks, one protected.
            (
                "stronzo",
                term(Kind::Insult, Severity::High, "policy/stronzo"),
            ),
            (
                "babbeo+",
                term(Kind::Insult, Severity::Medium, "policy/babbeo"),
            ),
            ("sindaco", Meaning::Protect { category: 0 }),
        ];
        let source = |(term, meaning): &(&str, Meaning)| {
            let meaning = meaning.clone();
            Source {
                lang: "it",
                entries: vec![parse_entry(term, "it").unwrap()].into(),
                make: Box::new(move |_: &Entry| meaning.clone()),
            }
        };
        let whole = Lexicon::build(entries.iter().map(source).collect()).unwrap();
        let base = Base::build(entries[..4].iter().map(source).collect()).unwrap();
        let layered =
            Lexicon::build_on(Some(&base), entries[4..].iter().map(source).collect()).unwrap();
        assert_eq!(layered.automata.len(), 2);
        let read = |lx: &Lexicon, text: &str| {
            let norm = Normalized::new(text);
            let (mut hits, mut allowed) = (Vec::new(), Vec::new());
            lx.scan_for_judge(&norm, &mut hits, &mut allowed);
            let hits: Vec<_> = hits
                .iter()
                .map(|h| {
                    (
                        h.start,
                        h.end,
                        h.glued,
                        h.censored,
                        format!("{:?}", lx.meaning(h.meaning)),
                    )
                })
                .collect();
            (hits, allowed)
        };
        for text in [
            "sei uno stronzo",
            "stronza e babbea, porca miseria",
            "il sindaco babbeo",
            "sei un cretinissimosindaco",
            "s*****o e b****o",
            "niente di che",
        ] {
            assert_eq!(read(&layered, text), read(&whole, text), "{text}");
        }
        assert!(!read(&layered, "il sindaco babbeo").0.is_empty());
        // Nothing of the policy's: the base's automaton alone.
        let bare = Lexicon::build_on(Some(&base), Vec::new()).unwrap();
        assert_eq!(bare.automata.len(), 1);
        assert_eq!(read(&bare, "sei uno stronzo").0.len(), 1);
    }

    // Item: allowed ranges for the caller.

    #[test]
    fn scan_allowed_returns_the_merged_allow_list_ranges() {
        let lx = lexicon(&[
            ("troia+", Some(Kind::Insult)),
            ("cavallo di troia", None),
            ("troia bianca", None),
            ("porca miseria", None),
        ]);
        let norm = Normalized::new("il cavallo di troia bianca, porca miseria");
        // A range already there stays, untouched by the merge.
        let (mut hits, mut allowed) = (Vec::new(), Vec::new());
        allowed.push(0..1);
        lx.scan_allowed(&norm, &mut hits, &mut allowed);
        assert!(hits.is_empty());
        let text = norm.as_str();
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(
            allowed,
            [0..1, at("cavallo")..at(" porca"), at("porca")..text.len()]
        );
        let (mut hits, mut allowed) = (Vec::new(), Vec::new());
        lx.scan_allowed(&Normalized::new("sei una troia"), &mut hits, &mut allowed);
        assert_eq!(hits.len(), 1);
        assert!(allowed.is_empty());
    }
}
