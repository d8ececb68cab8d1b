//! The rule layer: constructions over words and word classes.
//!
//! Like regex-automata, the layer is three steps kept apart:
//!
//! 1. **Syntax** ([`syntax`]): a rule line or a policy's `[[rule]]` → a tree of items.
//! 2. **Compile** ([`Rules::build`]): every literal word, class member and verb form of every
//!    rule goes into one word table (canonical word → the symbols it stands for); each rule
//!    becomes a small Thompson program over symbols, plus a *prefilter*: the symbols of which
//!    at least one must occur for the rule to have a chance, in conjunctive form.
//! 3. **Evaluate** ([`Rules::find`]): the words of a comment are looked up once in the table
//!    (which also yields the prefilter's answer for every rule at once), and only the rules
//!    whose prefilter passes run, as a Pike VM over word positions: linear in the number of
//!    words for each rule, whatever the pattern.
//!
//! Word classes and verb classes are data (`src/lexicons/<lang>/classes`, `…/verbs`); the
//! shipped rules are data too (`src/lexicons/<lang>/rules`); a policy adds rules and classes
//! of its own in its TOML file.

pub(crate) mod morph;
pub(crate) mod polarity;
pub(crate) mod syntax;

use std::collections::HashMap;
use std::hash::BuildHasher;

use rustc_hash::FxHashMap;

use crate::text::Normalized;
use std::sync::Arc;

use self::syntax::Node;
use crate::detect::lexicon;
use crate::text::words::WordSpan;
use crate::{Ground, Kind, Severity};

/// A rule before compiling: from a shipped file or a policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RuleSource {
    /// The id it reports, e.g. `rules/it/threat/kill-you` or `rule/minacce-cantiere`.
    pub(crate) id: String,
    /// The language whose classes it sees.
    pub(crate) lang: String,
    pub(crate) kind: Kind,
    pub(crate) pattern: String,
    pub(crate) severity: Severity,
    pub(crate) ground: Option<Ground>,
    /// The rule spells out its own negation: a negator before it does not cancel it.
    pub(crate) negation: bool,
    /// The statement is about the author themselves ("sono in chemioterapia"): the judge
    /// reviews it and answers with the policy's reply about private channels.
    pub(crate) own: bool,
}

/// A word class before compiling: from a shipped file or a policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ClassSource {
    pub(crate) name: String,
    pub(crate) lang: String,
    /// Members: canonical forms (one or more words) with the ground and verb tags they carry.
    pub(crate) members: Vec<Member>,
    /// Whether this is a verb class (its references take a form selector).
    pub(crate) verbs: bool,
}

/// One member of a class: a canonical form of one or more words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Member {
    pub(crate) form: String,
    pub(crate) ground: Option<Ground>,
    pub(crate) tags: u16,
}

/// A problem compiling a rule: which rule, at which byte of its pattern, what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RuleError {
    /// Index of the rule in the sources given to [`Rules::build`].
    pub(crate) rule: usize,
    pub(crate) offset: usize,
    pub(crate) message: String,
    /// A "did you mean" suggestion.
    pub(crate) hint: Option<String>,
}

/// A problem found while emitting a rule: byte offset, message, suggestion.
type EmitError = (usize, String, Option<String>);

/// The shipped data files: (language, kind or class name, text).
mod shipped;
pub(crate) use shipped::{CLASSES, GIVEN_NAMES, RULES, VERBS};

/// Reads the members of a class file (lexicon syntax): problems carry the 1-based line.
pub(crate) fn class_members(text: &str, lang: &str) -> Result<Vec<Member>, Vec<(usize, String)>> {
    let mut members = Vec::new();
    let mut errors = Vec::new();
    for (line, entry) in crate::data::lines(text) {
        match lexicon::parse_entry(entry, lang) {
            Ok(e) => members.extend(e.forms.into_iter().map(|form| Member {
                form,
                ground: e.ground,
                tags: 0,
            })),
            Err(message) => errors.push((line, message)),
        }
    }
    if errors.is_empty() {
        Ok(members)
    } else {
        Err(errors)
    }
}

/// Reads the members of a verb file: every generated form with its tags.
pub(crate) fn verb_members(text: &str, lang: &str) -> Result<Vec<Member>, Vec<(usize, String)>> {
    let mut members = Vec::new();
    let mut errors = Vec::new();
    for (line, entry) in crate::data::lines(text) {
        match morph::parse_verb(entry, lang) {
            Ok(verb) => {
                for form in morph::forms(&verb) {
                    let canonical = crate::text::normalize(&form.text);
                    if !canonical.is_empty() {
                        members.push(Member {
                            form: canonical,
                            ground: None,
                            tags: form.tags,
                        });
                    }
                }
            }
            Err(message) => errors.push((line, message)),
        }
    }
    if errors.is_empty() {
        Ok(members)
    } else {
        Err(errors)
    }
}

/// Parses a rule line `NAME = PATTERN [; ATTRIBUTES]` of a shipped file of `kind`.
pub(crate) fn parse_rule_line(line: &str, lang: &str, kind: Kind) -> Result<RuleSource, String> {
    let (name, rest) = line
        .split_once('=')
        .ok_or_else(|| "a rule is `NAME = PATTERN ; ATTRIBUTES`".to_owned())?;
    let name = name.trim();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(format!(
            "rule name `{name}`: lowercase letters, digits and `-`"
        ));
    }
    let (pattern, attributes) = rest.split_once(';').unwrap_or((rest, ""));
    let mut rule = RuleSource {
        id: format!("rules/{lang}/{kind}/{name}"),
        lang: lang.to_owned(),
        kind,
        pattern: pattern.trim().to_owned(),
        severity: Severity::Medium,
        ground: None,
        negation: false,
        own: false,
    };
    for attribute in attributes.split_whitespace() {
        match attribute {
            "low" => rule.severity = Severity::Low,
            "medium" => rule.severity = Severity::Medium,
            "high" => rule.severity = Severity::High,
            "negation" => rule.negation = true,
            "own" => rule.own = true,
            other => match other.strip_prefix("ground=") {
                Some(g) => {
                    rule.ground = Some(
                        g.parse()
                            .map_err(|e: <Ground as std::str::FromStr>::Err| e.to_string())?,
                    )
                }
                None => {
                    return Err(format!(
                        "unknown attribute `{other}` (expected `low`, `medium`, `high`, `negation`, `own` or `ground=…`)"
                    ));
                }
            },
        }
    }
    Ok(rule)
}

/// One instruction of a rule's program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Inst {
    /// Consume an occurrence of `symbol` whose tags include `mask`.
    Symbol { symbol: u32, mask: u16, next: u32 },
    /// Consume an occurrence of one of the `len` symbols of the [`Inst::Member`]s that follow.
    Set { len: u32, next: u32 },
    /// A symbol of the [`Inst::Set`] before it; never run itself.
    Member { symbol: u32 },
    /// Go on to the alternatives among the `len` [`Inst::Case`]s that follow whose symbol occurs
    /// here, in their `order`.
    Dispatch { len: u32 },
    /// An alternative of the [`Inst::Dispatch`] before it that begins with `symbol` (`u32::MAX`:
    /// it may begin with anything, or with nothing); never run itself.
    Case { symbol: u32, order: u32, to: u32 },
    /// Consume any one word.
    Any { next: u32 },
    /// Try `first`, then `second`.
    Split { first: u32, second: u32 },
    /// Go to `to`.
    Jump { to: u32 },
    /// Go on to `next` where a clause begins.
    Start { next: u32 },
    /// Go on to `next` where a clause ends.
    End { next: u32 },
    /// The rule matched.
    Accept,
}

/// Alternatives from which a rule's program dispatches on the word's symbols rather than
/// trying each in turn.
const DISPATCH_FROM: usize = 4;

/// A compiled rule.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub(crate) id: Arc<str>,
    pub(crate) kind: Kind,
    pub(crate) severity: Severity,
    pub(crate) ground: Option<Ground>,
    pub(crate) negation: bool,
    pub(crate) own: bool,
    program: Vec<Inst>,
    /// Conjunctive prefilter: every clause needs one of its symbols present.
    clauses: Vec<Vec<u32>>,
    /// The symbols a match can start with (`None`: any word, the pattern opens with a gap), so
    /// that a thread is started only where a match can begin.
    first: Option<Vec<u32>>,
}

/// What a word (or a run of words starting at it) stands for.
#[derive(Clone, Debug)]
struct Entry {
    symbol: u32,
    /// The canonical words after the first, for multi-word members.
    rest: Box<[Box<str>]>,
    /// The hash of the first of `rest` (0 when it is empty).
    next: u64,
    ground: Option<Ground>,
    tags: u16,
}

/// One occurrence of a symbol in a comment.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Occurrence {
    pub(crate) symbol: u32,
    /// Words covered.
    pub(crate) len: u32,
    pub(crate) tags: u16,
    pub(crate) ground: Option<Ground>,
}

/// The compiled rules with their word table.
#[derive(Clone, Debug, Default)]
pub(crate) struct Rules {
    rules: Vec<Rule>,
    table: FxHashMap<Box<str>, Vec<Entry>>,
    /// Word beginnings (`tagli*`) and endings (`*ismo`).
    prefixes: Affixes,
    suffixes: Affixes,
    /// (first char, length in chars) → the single words of the table, for starred words.
    shapes: FxHashMap<(char, usize), Vec<Box<str>>>,
    symbols: usize,
    /// The polarity mark each symbol gives the words it covers (negators, reporting words,
    /// condemnations), by symbol: set once here so a comment is read for them in the same
    /// lookup that finds everything else.
    marks: Vec<u16>,
    /// Rules by the symbols of their trigger clause (one clause of the prefilter).
    triggers: Vec<Vec<u32>>,
    /// Rules without a prefilter clause, run on every comment.
    untriggered: Vec<u32>,
    /// Rules by the symbols a match of theirs can start with, so that a rule is run only from
    /// the words where it can begin, and not asked at every word.
    openers: Vec<Vec<u32>>,
    /// Every rule's prefilter in one array, read for every candidate of every comment: by rule,
    /// the range of its clauses, each clause's symbols followed by [`CLAUSE_END`].
    prefilter: Vec<u32>,
    prefilter_of: Vec<(u32, u32)>,
}

/// Ends a clause in [`Rules::prefilter`].
const CLAUSE_END: u32 = u32::MAX;

/// A word beginning or ending, with its symbol.
type Affix = (Box<str>, u32);

/// Word beginnings or endings of the rules, bucketed by the byte they begin (beginnings) or
/// end (endings) with, so that a word is compared with the one or two that can fit it and
/// not with every one.
#[derive(Clone, Debug)]
struct Affixes {
    buckets: Box<[Vec<Affix>]>,
    /// Beginnings (keyed by first byte) or endings (by last byte).
    ending: bool,
}

impl Default for Affixes {
    fn default() -> Affixes {
        Affixes::new(Vec::new(), false)
    }
}

impl Affixes {
    fn new(list: Vec<(Box<str>, u32)>, ending: bool) -> Affixes {
        let mut buckets = vec![Vec::new(); 256];
        for (text, symbol) in list {
            let key = if ending {
                text.as_bytes().last()
            } else {
                text.as_bytes().first()
            };
            if let Some(bucket) = key.and_then(|k| buckets.get_mut(usize::from(*k))) {
                bucket.push((text, symbol));
            }
        }
        Affixes {
            buckets: buckets.into_boxed_slice(),
            ending,
        }
    }

    /// The beginnings or endings that `word` could carry.
    fn candidates(&self, word: &str) -> &[Affix] {
        let key = if self.ending {
            word.as_bytes().last()
        } else {
            word.as_bytes().first()
        };
        key.and_then(|k| self.buckets.get(usize::from(*k)))
            .map_or(&[], Vec::as_slice)
    }
}

/// The symbol table while compiling.
struct Compiler<'a> {
    classes: &'a HashMap<(String, String), &'a ClassSource>,
    symbols: HashMap<String, u32>,
    table: FxHashMap<Box<str>, Vec<Entry>>,
    prefixes: Vec<(Box<str>, u32)>,
    suffixes: Vec<(Box<str>, u32)>,
    class_symbols: HashMap<(String, String), u32>,
}

impl Compiler<'_> {
    fn symbol(&mut self, key: String) -> (u32, bool) {
        let next = u32::try_from(self.symbols.len()).unwrap_or(u32::MAX);
        match self.symbols.get(&key) {
            Some(s) => (*s, false),
            None => {
                self.symbols.insert(key, next);
                (next, true)
            }
        }
    }

    fn add_member(&mut self, symbol: u32, form: &str, ground: Option<Ground>, tags: u16) {
        let mut words = form.split(' ').filter(|w| !w.is_empty());
        let Some(first) = words.next() else {
            return;
        };
        let rest: Box<[Box<str>]> = words.map(Box::from).collect();
        let list = self.table.entry(Box::from(first)).or_default();
        let next = rest
            .first()
            .map_or(0, |word| rustc_hash::FxBuildHasher.hash_one(&**word));
        let entry = Entry {
            symbol,
            next,
            rest,
            ground,
            tags,
        };
        // The same form may come from two entries of a class (`gay` singular and plural).
        if !list
            .iter()
            .any(|e| e.symbol == symbol && e.rest == entry.rest && e.tags == tags)
        {
            list.push(entry);
        }
    }

    fn class_symbol(&mut self, lang: &str, name: &str) -> Option<(u32, bool)> {
        let class = *self.classes.get(&(lang.to_owned(), name.to_owned()))?;
        let (symbol, new) = self.symbol(format!("class {lang} {name}"));
        if new {
            for m in &class.members {
                self.add_member(symbol, &m.form, m.ground, m.tags);
            }
            self.class_symbols
                .insert((lang.to_owned(), name.to_owned()), symbol);
        }
        Some((symbol, class.verbs))
    }

    /// Emits `node` so that it continues at `next`; returns its entry point.
    fn emit(
        &mut self,
        node: &Node,
        lang: &str,
        program: &mut Vec<Inst>,
        next: u32,
    ) -> Result<u32, EmitError> {
        let push = |program: &mut Vec<Inst>, inst: Inst| -> u32 {
            program.push(inst);
            u32::try_from(program.len() - 1).unwrap_or(u32::MAX)
        };
        Ok(match node {
            Node::Word(_) | Node::Prefix(_) | Node::Suffix(_) => {
                let key = match node {
                    Node::Word(w) => format!("word {w}"),
                    Node::Prefix(p) => format!("prefix {p}"),
                    Node::Suffix(x) => format!("suffix {x}"),
                    _ => String::new(),
                };
                let (symbol, new) = self.symbol(key);
                if new {
                    match node {
                        Node::Word(w) => self.add_member(symbol, w, None, 0),
                        Node::Prefix(p) => self.prefixes.push((Box::from(p.as_str()), symbol)),
                        Node::Suffix(x) => self.suffixes.push((Box::from(x.as_str()), symbol)),
                        _ => {}
                    }
                }
                push(
                    program,
                    Inst::Symbol {
                        symbol,
                        mask: 0,
                        next,
                    },
                )
            }
            Node::Class { name, forms, at } => {
                let Some((symbol, verbs)) = self.class_symbol(lang, name) else {
                    let known = self
                        .classes
                        .keys()
                        .filter(|(l, _)| l == lang)
                        .map(|(_, n)| n.as_str());
                    let hint = crate::policy::suggest(name, known);
                    return Err((
                        *at,
                        format!("unknown class `{name}` in language `{lang}`"),
                        hint,
                    ));
                };
                let mask = if forms.is_empty() {
                    0
                } else if !verbs {
                    return Err((
                        *at,
                        format!("`{name}` is a word class: form selectors apply to verb classes"),
                        None,
                    ));
                } else {
                    let mut mask = 0;
                    for s in forms.split('+') {
                        mask |= morph::selector(s).map_err(|m| (*at, m, None))?;
                    }
                    mask
                };
                push(program, Inst::Symbol { symbol, mask, next })
            }
            Node::Seq(items) => {
                let mut at = next;
                for item in items.iter().rev() {
                    at = self.emit(item, lang, program, at)?;
                }
                at
            }
            Node::Alt(alternatives) => {
                let mut entries = Vec::new();
                let mut members = Vec::new();
                for a in alternatives {
                    let entry = self.emit(a, lang, program, next)?;
                    // A word alone: its step goes straight on to what follows the alternatives
                    // (the first word of a sequence goes on to the sequence's second).
                    if let Some(Inst::Symbol {
                        symbol,
                        mask: 0,
                        next: after,
                    }) = program.get(entry as usize)
                        && *after == next
                    {
                        members.push(*symbol);
                    }
                    entries.push(entry);
                }
                let len = u32::try_from(entries.len()).unwrap_or(u32::MAX);
                if members.len() == entries.len() && entries.len() >= 2 {
                    // Words only, none with a form selector: one set, one step per word
                    // instead of one per alternative.
                    let set = push(program, Inst::Set { len, next });
                    for symbol in members {
                        push(program, Inst::Member { symbol });
                    }
                    return Ok(set);
                }
                if entries.len() >= DISPATCH_FROM {
                    // Many alternatives: a table from the symbol each can begin with, so that
                    // only those that can match here are tried, in their order.
                    let mut cases = Vec::new();
                    for (order, (a, entry)) in alternatives.iter().zip(&entries).enumerate() {
                        let order = u32::try_from(order).unwrap_or(u32::MAX);
                        match self.first(a, lang) {
                            Some((set, false)) => {
                                cases.extend(set.into_iter().map(|symbol| Inst::Case {
                                    symbol,
                                    order,
                                    to: *entry,
                                }))
                            }
                            _ => cases.push(Inst::Case {
                                symbol: u32::MAX,
                                order,
                                to: *entry,
                            }),
                        }
                    }
                    cases.sort_unstable_by_key(|c| match c {
                        Inst::Case { symbol, order, .. } => (*symbol, *order),
                        _ => (u32::MAX, u32::MAX),
                    });
                    cases.dedup();
                    let len = u32::try_from(cases.len()).unwrap_or(u32::MAX);
                    let dispatch = push(program, Inst::Dispatch { len });
                    program.extend(cases);
                    return Ok(dispatch);
                }
                let mut at = entries.pop().unwrap_or(next);
                while let Some(first) = entries.pop() {
                    at = push(program, Inst::Split { first, second: at });
                }
                at
            }
            Node::Opt(inner) => {
                let first = self.emit(inner, lang, program, next)?;
                push(
                    program,
                    Inst::Split {
                        first,
                        second: next,
                    },
                )
            }
            Node::Gap(n) => {
                // Up to n words: each step either consumes one more word or moves on.
                let mut at = next;
                for _ in 0..*n {
                    let any = push(program, Inst::Any { next: at });
                    at = push(
                        program,
                        Inst::Split {
                            first: any,
                            second: next,
                        },
                    );
                }
                at
            }
            Node::Start => push(program, Inst::Start { next }),
            Node::End => push(program, Inst::End { next }),
        })
    }

    /// The prefilter of `node`: clauses of symbols, one of each must be present.
    fn clauses(&self, node: &Node, lang: &str, out: &mut Vec<Vec<u32>>) {
        match node {
            Node::Word(_) | Node::Prefix(_) | Node::Suffix(_) | Node::Class { .. } => {
                if let Some(s) = self.leaf_symbol(node, lang) {
                    out.push(vec![s]);
                }
            }
            Node::Seq(items) => {
                for item in items {
                    self.clauses(item, lang, out);
                }
            }
            Node::Alt(alternatives) => {
                // One alternative matched: each has a first clause, any of them will do.
                let mut clause = Vec::new();
                for a in alternatives {
                    let mut inner = Vec::new();
                    self.clauses(a, lang, &mut inner);
                    match inner.into_iter().next() {
                        Some(first) => clause.extend(first),
                        None => return,
                    }
                }
                clause.sort_unstable();
                clause.dedup();
                out.push(clause);
            }
            Node::Opt(_) | Node::Gap(_) | Node::Start | Node::End => {}
        }
    }

    /// The symbols a match of `node` can start with, and whether `node` can match nothing;
    /// `None` when it can start with any word (a gap).
    fn first(&self, node: &Node, lang: &str) -> Option<(Vec<u32>, bool)> {
        match node {
            Node::Word(_) | Node::Prefix(_) | Node::Suffix(_) | Node::Class { .. } => {
                Some((self.leaf_symbol(node, lang).into_iter().collect(), false))
            }
            Node::Gap(_) => None,
            Node::Start | Node::End => Some((Vec::new(), true)),
            Node::Opt(inner) => self.first(inner, lang).map(|(set, _)| (set, true)),
            Node::Alt(alternatives) => {
                let mut set = Vec::new();
                let mut empty = false;
                for a in alternatives {
                    let (s, e) = self.first(a, lang)?;
                    set.extend(s);
                    empty |= e;
                }
                Some((set, empty))
            }
            Node::Seq(items) => {
                let mut set = Vec::new();
                for item in items {
                    let (s, empty) = self.first(item, lang)?;
                    set.extend(s);
                    if !empty {
                        return Some((set, false));
                    }
                }
                Some((set, true))
            }
        }
    }

    fn leaf_symbol(&self, node: &Node, lang: &str) -> Option<u32> {
        let key = match node {
            Node::Word(w) => format!("word {w}"),
            Node::Prefix(p) => format!("prefix {p}"),
            Node::Suffix(p) => format!("suffix {p}"),
            Node::Class { name, .. } => format!("class {lang} {name}"),
            _ => return None,
        };
        self.symbols.get(&key).copied()
    }
}

impl Rules {
    /// Compiles `rules` over `classes`; every problem of every rule is reported.
    pub(crate) fn build(
        rules: &[RuleSource],
        classes: &[ClassSource],
    ) -> Result<Rules, Vec<RuleError>> {
        // A later class of the same name (a policy's) adds to an earlier one (the shipped).
        let mut merged: Vec<ClassSource> = Vec::new();
        for c in classes {
            match merged
                .iter_mut()
                .find(|m| m.lang == c.lang && m.name == c.name)
            {
                Some(m) => m.members.extend(c.members.iter().cloned()),
                None => merged.push(c.clone()),
            }
        }
        let by_name: HashMap<(String, String), &ClassSource> = merged
            .iter()
            .map(|c| ((c.lang.clone(), c.name.clone()), c))
            .collect();
        let mut compiler = Compiler {
            classes: &by_name,
            symbols: HashMap::new(),
            table: FxHashMap::default(),
            prefixes: Vec::new(),
            suffixes: Vec::new(),
            class_symbols: HashMap::new(),
        };
        // Polarity reads these classes whether or not a rule names them.
        for c in &merged {
            if polarity::CLASSES.contains(&c.name.as_str()) {
                compiler.class_symbol(&c.lang, &c.name);
            }
        }
        let mut compiled = Vec::with_capacity(rules.len());
        let mut errors = Vec::new();
        for (index, rule) in rules.iter().enumerate() {
            let node = match syntax::parse(&rule.pattern) {
                Ok(node) => node,
                Err(e) => {
                    errors.push(RuleError {
                        rule: index,
                        offset: e.offset,
                        message: e.message,
                        hint: None,
                    });
                    continue;
                }
            };
            let mut program = vec![Inst::Accept];
            match compiler.emit(&node, &rule.lang, &mut program, 0) {
                Ok(start) => {
                    // The entry point goes last: evaluation starts from the end.
                    program.push(Inst::Jump { to: start });
                    let mut clauses = Vec::new();
                    compiler.clauses(&node, &rule.lang, &mut clauses);
                    let first = compiler.first(&node, &rule.lang).map(|(mut set, _)| {
                        set.sort_unstable();
                        set.dedup();
                        set
                    });
                    compiled.push(Rule {
                        id: Arc::from(rule.id.as_str()),
                        kind: rule.kind,
                        severity: rule.severity,
                        ground: rule.ground,
                        negation: rule.negation,
                        own: rule.own,
                        program,
                        clauses,
                        first,
                    });
                }
                Err((offset, message, hint)) => errors.push(RuleError {
                    rule: index,
                    offset,
                    message,
                    hint,
                }),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut marks = vec![0u16; compiler.symbols.len()];
        for ((_, name), symbol) in &compiler.class_symbols {
            let mark = match name.as_str() {
                "negator" => mark::NEGATOR,
                "reporting" => mark::REPORTING,
                "condemnation" => mark::CONDEMNATION,
                "transparent" => mark::TRANSPARENT,
                "copula" => mark::COPULA,
                _ => continue,
            };
            if let Some(slot) = marks.get_mut(*symbol as usize) {
                *slot |= mark;
            }
        }
        // Each rule is triggered by the clause of its prefilter whose symbols are likeliest to
        // be rare: classes and long words before short function words ("ti", "di", "che").
        let mut triggers: Vec<Vec<u32>> = vec![Vec::new(); compiler.symbols.len()];
        let mut untriggered = Vec::new();
        let common: Vec<u32> = compiler
            .symbols
            .iter()
            .filter(|(key, _)| key.strip_prefix("word ").is_some_and(|w| w.len() <= 3))
            .map(|(_, s)| *s)
            .collect();
        let weight = |clause: &Vec<u32>| {
            let short = clause.iter().filter(|s| common.contains(s)).count();
            (short, clause.len())
        };
        for (index, rule) in compiled.iter().enumerate() {
            let index = u32::try_from(index).unwrap_or(u32::MAX);
            match rule.clauses.iter().min_by_key(|c| weight(c)) {
                Some(clause) => {
                    for s in clause {
                        if let Some(list) = triggers.get_mut(*s as usize) {
                            list.push(index);
                        }
                    }
                }
                None => untriggered.push(index),
            }
        }
        let mut prefilter = Vec::new();
        let mut prefilter_of = Vec::with_capacity(compiled.len());
        for rule in &compiled {
            let from = u32::try_from(prefilter.len()).unwrap_or(u32::MAX);
            // The likeliest to fail first, so that most candidates are turned down at their
            // first clause; the trigger clause, which holds for every candidate, last. (The
            // trigger is the first clause of least weight: first after a stable sort.)
            let mut clauses: Vec<&Vec<u32>> = rule.clauses.iter().collect();
            clauses.sort_by_key(|c| weight(c));
            if !clauses.is_empty() {
                clauses.rotate_left(1);
            }
            for clause in clauses {
                prefilter.extend_from_slice(clause);
                prefilter.push(CLAUSE_END);
            }
            let to = u32::try_from(prefilter.len()).unwrap_or(u32::MAX);
            prefilter_of.push((from, to));
        }
        let mut openers: Vec<Vec<u32>> = vec![Vec::new(); compiler.symbols.len()];
        for (index, rule) in compiled.iter().enumerate() {
            let index = u32::try_from(index).unwrap_or(u32::MAX);
            for s in rule.first.iter().flatten() {
                if let Some(list) = openers.get_mut(*s as usize) {
                    list.push(index);
                }
            }
        }
        let mut shapes: FxHashMap<(char, usize), Vec<Box<str>>> = FxHashMap::default();
        for word in compiler.table.keys() {
            if let Some(first) = word.chars().next() {
                shapes
                    .entry((first, word.chars().count()))
                    .or_default()
                    .push(word.clone());
            }
        }
        Ok(Rules {
            rules: compiled,
            marks,
            shapes,
            triggers,
            untriggered,
            openers,
            prefilter,
            prefilter_of,
            symbols: compiler.symbols.len(),
            table: compiler.table,
            prefixes: Affixes::new(compiler.prefixes, false),
            suffixes: Affixes::new(compiler.suffixes, true),
        })
    }

    /// Looks every word up once: what each word starts, and the polarity marks of the words.
    pub(crate) fn lookup(&self, normalized: &Normalized, words: &[WordSpan], lookup: &mut Lookup) {
        let canonical = normalized.as_str();
        let starred = normalized.has_starred_words();
        let Lookup {
            occurrences,
            starts,
            marks,
        } = lookup;
        occurrences.clear();
        starts.clear();
        marks.clear();
        marks.resize(words.len(), 0);
        let word = |i: usize| {
            words
                .get(i)
                .and_then(|w| canonical.get(w.canonical.clone()))
                .unwrap_or_default()
        };
        let hash_of = |word: &str| rustc_hash::FxBuildHasher.hash_one(word);
        for i in 0..words.len() {
            starts.push(occurrences.len());
            let w = word(i);
            // Members of several words are told apart by the hash of their second word, kept
            // in the entry, before their words are compared: most fail there, unread.
            let mut next: Option<u64> = None;
            // A starred word ("amm*zzo") stands for every table word it can be.
            let guesses = if starred && w.contains(crate::text::WILDCARD) {
                self.starred(w)
            } else {
                Vec::new()
            };
            for key in std::iter::once(w).chain(guesses.iter().map(|g| &**g)) {
                if let Some(entries) = self.table.get(key) {
                    for e in entries {
                        let fits = e.rest.is_empty()
                            || (*next.get_or_insert_with(|| hash_of(word(i + 1))) == e.next
                                && i + e.rest.len() < words.len()
                                && e.rest
                                    .iter()
                                    .enumerate()
                                    .all(|(k, r)| word(i + 1 + k) == &**r));
                        if fits {
                            occurrences.push(Occurrence {
                                symbol: e.symbol,
                                len: u32::try_from(e.rest.len() + 1).unwrap_or(1),
                                tags: e.tags,
                                ground: e.ground,
                            });
                        }
                    }
                }
            }
            let affix = |symbol: u32| Occurrence {
                symbol,
                len: 1,
                tags: 0,
                ground: None,
            };
            for (prefix, symbol) in self.prefixes.candidates(w) {
                if w.starts_with(&**prefix) {
                    occurrences.push(affix(*symbol));
                }
            }
            for (suffix, symbol) in self.suffixes.candidates(w) {
                // An ending is read only on a word at least two bytes longer than it.
                if w.len() >= suffix.len() + 2 && w.ends_with(&**suffix) {
                    occurrences.push(affix(*symbol));
                }
            }
        }
        starts.push(occurrences.len());
        for (i, window) in starts.windows(2).enumerate() {
            let (Some(&from), Some(&to)) = (window.first(), window.get(1)) else {
                continue;
            };
            for o in occurrences.get(from..to).unwrap_or_default() {
                let mark = self.marks.get(o.symbol as usize).copied().unwrap_or(0);
                if mark == 0 {
                    continue;
                }
                // A member of several words ("una vergogna", "don t") begins at its first
                // word and ends at its last.
                if let Some(slot) = marks.get_mut(i) {
                    *slot |= mark << mark::BEGIN_SHIFT;
                }
                if let Some(slot) = marks.get_mut(i + o.len as usize - 1) {
                    *slot |= mark;
                }
            }
        }
    }

    /// The table words a starred word can be, by the lexicon's wildcard reading: at least
    /// three letters showing, the first among them.
    fn starred(&self, word: &str) -> Vec<Box<str>> {
        let Some(starred) = crate::detect::lexicon::Starred::new(word) else {
            return Vec::new();
        };
        if starred.visible < 3 {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut form: Vec<char> = Vec::new();
        for len in starred.lengths.clone() {
            for candidate in self.shapes.get(&(starred.first, len)).into_iter().flatten() {
                if starred.fits(candidate, &mut form) {
                    out.push(candidate.clone());
                }
            }
        }
        out
    }

    /// Every match of every rule over `words`, given their `occurrences`: (rule, first word,
    /// one past the last word, ground). Leftmost-longest and non-overlapping per rule.
    pub(crate) fn find(
        &self,
        words: &[WordSpan],
        lookup: &Lookup,
        scratch: &mut Scratch,
        out: &mut Vec<Match>,
    ) {
        let occurrences = &lookup.occurrences;
        let present = &mut scratch.present;
        present.clear();
        present.resize(self.symbols.div_ceil(64), 0);
        for o in occurrences {
            if let Some(slot) = present.get_mut((o.symbol / 64) as usize) {
                *slot |= 1 << (o.symbol % 64);
            }
        }
        let has = |s: u32| {
            present
                .get((s / 64) as usize)
                .is_some_and(|slot| slot & (1 << (s % 64)) != 0)
        };
        // Only the rules triggered by a symbol that occurs are candidates, each once: the cost
        // follows what the comment contains, not how many rules there are.
        let candidates = &mut scratch.candidates;
        candidates.clear();
        for o in occurrences {
            if let Some(list) = self.triggers.get(o.symbol as usize) {
                candidates.extend_from_slice(list);
            }
        }
        candidates.extend_from_slice(&self.untriggered);
        candidates.sort_unstable();
        candidates.dedup();
        // Every clause of the prefilter needs one of its symbols present.
        let passes = |index: u32| {
            let Some(&(from, to)) = self.prefilter_of.get(index as usize) else {
                return false;
            };
            let mut satisfied = false;
            for &s in self
                .prefilter
                .get(from as usize..to as usize)
                .unwrap_or_default()
            {
                if s == CLAUSE_END {
                    if !satisfied {
                        return false;
                    }
                    satisfied = false;
                } else if !satisfied && has(s) {
                    satisfied = true;
                }
            }
            true
        };
        candidates.retain(|&index| passes(index));
        if candidates.is_empty() {
            return;
        }
        // Where each rule that passed can begin: (rule, word) for every occurrence of one of
        // its opening symbols, sorted by rule, so that a rule's starts are one run of pairs.
        let live = &mut scratch.live;
        live.clear();
        live.resize(self.rules.len().div_ceil(64), 0);
        for &index in candidates.iter() {
            if let Some(slot) = live.get_mut((index / 64) as usize) {
                *slot |= 1 << (index % 64);
            }
        }
        let is_live = |r: u32| {
            live.get((r / 64) as usize)
                .is_some_and(|slot| slot & (1 << (r % 64)) != 0)
        };
        let starts = &mut scratch.starts;
        starts.clear();
        for i in 0..words.len() {
            let word = u32::try_from(i).unwrap_or(u32::MAX);
            for o in lookup.at(i) {
                for &r in self.openers.get(o.symbol as usize).into_iter().flatten() {
                    if is_live(r) {
                        starts.push((r, word));
                    }
                }
            }
        }
        starts.sort_unstable();
        starts.dedup();
        let mut cursor = 0;
        for &index in candidates.iter() {
            let Some(rule) = self.rules.get(index as usize) else {
                continue;
            };
            while starts.get(cursor).is_some_and(|(r, _)| *r < index) {
                cursor += 1;
            }
            let from = cursor;
            while starts.get(cursor).is_some_and(|(r, _)| *r == index) {
                cursor += 1;
            }
            let begins = match rule.first {
                None => Begins::Anywhere,
                Some(_) => Begins::At(starts.get(from..cursor).unwrap_or_default()),
            };
            if matches!(begins, Begins::At([])) {
                continue;
            }
            run(
                index as usize,
                rule,
                words,
                lookup,
                begins,
                &mut scratch.vm,
                out,
            );
        }
    }

    /// The compiled rule `index`.
    pub(crate) fn rule(&self, index: usize) -> Option<&Rule> {
        self.rules.get(index)
    }
}

/// Polarity marks of a word, as bits: the word ends a member of the class; shifted by
/// [`BEGIN_SHIFT`](mark::BEGIN_SHIFT), it begins one.
pub(crate) mod mark {
    pub(crate) const NEGATOR: u16 = 1;
    pub(crate) const REPORTING: u16 = 2;
    pub(crate) const CONDEMNATION: u16 = 4;
    /// A word a negator reaches through (clitics, auxiliaries, articles).
    pub(crate) const TRANSPARENT: u16 = 8;
    /// A copula, which makes a condemnation after it a judgment of what came before.
    pub(crate) const COPULA: u16 = 16;
    pub(crate) const BEGIN_SHIFT: u16 = 8;
}

/// What the words of one comment stand for, looked up once and read by the rules and by
/// polarity; its buffers are reused between comments.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lookup {
    occurrences: Vec<Occurrence>,
    /// `starts[i]..starts[i + 1]` indexes the occurrences of word `i`.
    starts: Vec<usize>,
    /// Polarity marks per word (see [`mark`]).
    marks: Vec<u16>,
}

impl Lookup {
    /// The occurrences that start at word `i`.
    pub(crate) fn at(&self, i: usize) -> &[Occurrence] {
        let (from, to) = (
            self.starts.get(i).copied().unwrap_or(0),
            self.starts.get(i + 1).copied().unwrap_or(0),
        );
        self.occurrences.get(from..to).unwrap_or_default()
    }

    /// Whether word `i` ends a member of a class of `mark`.
    pub(crate) fn ends(&self, i: usize, mark: u16) -> bool {
        self.marks.get(i).is_some_and(|m| m & mark != 0)
    }

    /// Whether word `i` begins a member of a class of `mark`.
    pub(crate) fn begins(&self, i: usize, mark: u16) -> bool {
        self.marks
            .get(i)
            .is_some_and(|m| (m >> mark::BEGIN_SHIFT) & mark != 0)
    }
}

/// A match of a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Match {
    pub(crate) rule: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) ground: Option<Ground>,
}

/// Buffers for evaluation, reused between comments.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scratch {
    present: Vec<u64>,
    /// Rules to try on this comment.
    candidates: Vec<u32>,
    /// The candidates, as a bit set by rule index.
    live: Vec<u64>,
    /// (rule, word) where a candidate can begin, sorted.
    starts: Vec<(u32, u32)>,
    vm: Vm,
}

/// Where a rule's matches may begin.
#[derive(Clone, Copy, Debug)]
enum Begins<'a> {
    /// At any word: the pattern opens with a gap.
    Anywhere,
    /// At these words, as (rule, word) pairs in word order.
    At(&'a [(u32, u32)]),
}

#[derive(Clone, Debug, Default)]
struct Vm {
    /// Threads waiting at each word position.
    at: Vec<Vec<Thread>>,
    /// Position at which each pc was last visited.
    seen: Vec<usize>,
    stack: Vec<Thread>,
    /// The alternatives a dispatch goes on to.
    picks: Vec<(u32, u32)>,
    found: Vec<Match>,
    /// Whether every list of `at` is empty, as a run that ends normally leaves them: only a run
    /// cut short by a panic leaves threads behind, and the next run clears them.
    clean: bool,
}

#[derive(Clone, Copy, Debug)]
struct Thread {
    pc: u32,
    start: u32,
    ground: Option<Ground>,
}

/// Advances thread `t` at word `i` over every occurrence there that `fits`, to `next` past the
/// words the occurrence covers, within the thread's sentence; returns the threads queued.
fn consume(
    at: &mut [Vec<Thread>],
    words: &[WordSpan],
    lookup: &Lookup,
    i: usize,
    t: Thread,
    next: u32,
    fits: impl Fn(&Occurrence) -> bool,
) -> usize {
    let sentence = |i: usize| words.get(i).map(|w| w.sentence);
    let mut queued = 0;
    for o in lookup.at(i).iter().filter(|o| fits(o)) {
        let end = i + o.len as usize;
        if end > words.len() || sentence(end - 1) != sentence(t.start as usize) {
            continue;
        }
        if let Some(slot) = at.get_mut(end) {
            slot.push(Thread {
                pc: next,
                start: t.start,
                ground: t.ground.or(o.ground),
            });
            queued += 1;
        }
    }
    queued
}

/// Whether a clause begins at word `i` (for `^`) or ends before it (for `$`): at the edges
/// of the comment, at a sentence break or a pause, and next to the platform's handles and
/// hashtags, which address and tag a clause without belonging to it ("@user cagna",
/// "una cozza #gfvip").
fn clause_edge(words: &[WordSpan], i: usize) -> bool {
    let (Some(before), Some(word)) = (i.checked_sub(1).and_then(|b| words.get(b)), words.get(i))
    else {
        return true;
    };
    word.pause || before.sentence != word.sentence || before.tag || word.tag
}

/// Runs one rule as a Pike VM: threads advance word by word, one thread per instruction and
/// position, so the time is the number of words times the program's length. Positions with no
/// thread waiting and no match beginning are skipped.
fn run(
    index: usize,
    rule: &Rule,
    words: &[WordSpan],
    lookup: &Lookup,
    begins: Begins<'_>,
    vm: &mut Vm,
    out: &mut Vec<Match>,
) {
    let n = words.len();
    if vm.at.len() < n + 1 {
        vm.at.resize_with(n + 1, Vec::new);
    }
    if !vm.clean {
        for list in &mut vm.at {
            list.clear();
        }
    }
    vm.clean = false;
    vm.seen.clear();
    vm.seen.resize(rule.program.len(), usize::MAX);
    vm.found.clear();
    let entry = u32::try_from(rule.program.len().saturating_sub(1)).unwrap_or(0);
    let sentence = |i: usize| words.get(i).map(|w| w.sentence);
    // The next word where a match may begin, and the threads waiting past the current word.
    let mut next_start = 0;
    let start_at = |k: usize| match begins {
        Begins::Anywhere => (k < n).then_some(k),
        Begins::At(pairs) => pairs.get(k).map(|(_, w)| *w as usize),
    };
    let mut waiting = 0usize;
    let mut i = match start_at(0) {
        Some(first) => first,
        None => n + 1,
    };
    while i <= n {
        let mut list = std::mem::take(vm.at.get_mut(i).unwrap_or(&mut Vec::new()));
        waiting -= list.len();
        let can_start = start_at(next_start) == Some(i);
        if can_start {
            next_start += 1;
        }
        if i < n && can_start {
            list.push(Thread {
                pc: entry,
                start: u32::try_from(i).unwrap_or(u32::MAX),
                ground: None,
            });
        }
        for thread in list.drain(..) {
            vm.stack.push(thread);
            while let Some(t) = vm.stack.pop() {
                let Some(seen) = vm.seen.get_mut(t.pc as usize) else {
                    continue;
                };
                if *seen == i {
                    continue;
                }
                *seen = i;
                let start = t.start as usize;
                match rule.program.get(t.pc as usize) {
                    Some(Inst::Accept) if start < i => {
                        vm.found.push(Match {
                            rule: index,
                            start,
                            end: i,
                            ground: t.ground,
                        });
                    }
                    Some(Inst::Jump { to }) => vm.stack.push(Thread { pc: *to, ..t }),
                    Some(Inst::Start { next } | Inst::End { next }) if clause_edge(words, i) => {
                        vm.stack.push(Thread { pc: *next, ..t });
                    }
                    Some(Inst::Split { first, second }) => {
                        // The stack is LIFO: push the second so the first runs first.
                        vm.stack.push(Thread { pc: *second, ..t });
                        vm.stack.push(Thread { pc: *first, ..t });
                    }
                    // A gap stays in its sentence and never skips a negator: "spero che non
                    // muoia nessuno" is not "spero che … muoia".
                    Some(Inst::Any { next })
                        if i < n
                            && sentence(i) == sentence(start)
                            && !lookup.begins(i, mark::NEGATOR) =>
                    {
                        if let Some(slot) = vm.at.get_mut(i + 1) {
                            slot.push(Thread { pc: *next, ..t });
                            waiting += 1;
                        }
                    }
                    Some(Inst::Dispatch { len }) => {
                        let from = t.pc as usize + 1;
                        let cases = rule
                            .program
                            .get(from..from + *len as usize)
                            .unwrap_or_default();
                        let key = |c: &Inst| match c {
                            Inst::Case { symbol, .. } => *symbol,
                            _ => u32::MAX,
                        };
                        let picks = &mut vm.picks;
                        picks.clear();
                        let mut take = |symbol: u32| {
                            let lo = cases.partition_point(|c| key(c) < symbol);
                            for c in cases.get(lo..).unwrap_or_default() {
                                match c {
                                    Inst::Case {
                                        symbol: s,
                                        order,
                                        to,
                                    } if *s == symbol => {
                                        picks.push((*order, *to));
                                    }
                                    _ => break,
                                }
                            }
                        };
                        for o in lookup.at(i) {
                            take(o.symbol);
                        }
                        take(u32::MAX);
                        picks.sort_unstable();
                        picks.dedup();
                        // The stack is LIFO: the first alternative is pushed last.
                        for (_, to) in picks.iter().rev() {
                            vm.stack.push(Thread { pc: *to, ..t });
                        }
                    }
                    Some(Inst::Set { len, next }) => {
                        let from = t.pc as usize + 1;
                        let members = rule
                            .program
                            .get(from..from + *len as usize)
                            .unwrap_or_default();
                        waiting += consume(&mut vm.at, words, lookup, i, t, *next, |o| {
                            members.iter().any(
                                |m| matches!(m, Inst::Member { symbol } if *symbol == o.symbol),
                            )
                        });
                    }
                    Some(Inst::Symbol { symbol, mask, next }) => {
                        waiting += consume(&mut vm.at, words, lookup, i, t, *next, |o| {
                            o.symbol == *symbol && o.tags & mask == *mask
                        });
                    }
                    _ => {}
                }
            }
        }
        if let Some(slot) = vm.at.get_mut(i) {
            *slot = list;
        }
        i = match (waiting, start_at(next_start)) {
            (0, Some(next)) => next.max(i + 1),
            (0, None) => break,
            _ => i + 1,
        };
    }
    vm.clean = true;
    // Leftmost, then longest, then no overlap.
    vm.found
        .sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut reached = 0;
    for m in &vm.found {
        if m.start >= reached {
            out.push(*m);
            reached = m.end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Normalized;
    use crate::text::words::words;

    fn class(name: &str, members: &[&str]) -> ClassSource {
        ClassSource {
            name: name.to_owned(),
            lang: "it".to_owned(),
            members: members
                .iter()
                .map(|m| Member {
                    form: crate::text::normalize(m),
                    ground: (*m == "gay").then_some(Ground::SexualOrientation),
                    tags: 0,
                })
                .collect(),
            verbs: false,
        }
    }

    fn rule(pattern: &str) -> RuleSource {
        RuleSource {
            id: "r".into(),
            lang: "it".into(),
            kind: Kind::Threat,
            pattern: pattern.into(),
            severity: Severity::High,
            ground: None,
            negation: false,
            own: false,
        }
    }

    /// The matched words of each match of `pattern` in `text`.
    fn matches(pattern: &str, text: &str) -> Vec<String> {
        let classes = vec![
            class("addressee", &["tu", "sindaco", "signor sindaco"]),
            class("group", &["gay"]),
            class("negator", &["non", "mai"]),
            ClassSource {
                name: "harm".into(),
                lang: "it".into(),
                members: verb_members("ammazzare\nuccidere ; part=ucciso", "it").unwrap(),
                verbs: true,
            },
        ];
        let rules = Rules::build(&[rule(pattern)], &classes).unwrap();
        let n = Normalized::new(text);
        let mut w = Vec::new();
        words(text, &n, &mut w);
        let (mut lookup, mut out) = (Lookup::default(), Vec::new());
        rules.lookup(&n, &w, &mut lookup);
        rules.find(&w, &lookup, &mut Scratch::default(), &mut out);
        out.iter()
            .map(|m| text[w[m.start].original.start..w[m.end - 1].original.end].to_owned())
            .collect()
    }

    #[test]
    fn sequences_alternatives_options_and_gaps() {
        assert_eq!(
            matches("(ti | vi) <harm:fin+p1>", "ora ti ammazzo!"),
            ["ti ammazzo"]
        );
        assert_eq!(
            matches("(ti | vi) <harm:fin+p1>", "il caldo ti ammazza"),
            Vec::<String>::new()
        );
        assert_eq!(
            matches(
                "voglio [proprio] <harm:inf+you>",
                "voglio proprio ammazzarti"
            ),
            ["voglio proprio ammazzarti"]
        );
        assert_eq!(
            matches("<addressee> ~2 <harm:part>", "il signor sindaco va ucciso"),
            ["signor sindaco va ucciso"]
        );
        assert!(
            matches(
                "<addressee> ~1 <harm:part>",
                "il sindaco a quanto pare va ucciso"
            )
            .is_empty()
        );
        assert_eq!(matches("ammaz*", "AMMAZZATELI"), ["AMMAZZATELI"]);
        assert_eq!(matches("*merda", "#pdmerda e merda"), ["pdmerda"]);
    }

    #[test]
    fn a_match_stays_in_its_sentence_and_a_gap_skips_no_negator() {
        assert!(matches("<addressee> ~3 <harm:part>", "sindaco. Ucciso il maiale").is_empty());
        assert!(matches("spero che ~2 <harm:fin>", "spero che non uccida nessuno").is_empty());
        assert_eq!(
            matches("spero che ~2 <harm:fin>", "spero che tu lo uccida"),
            ["spero che tu lo uccida"]
        );
    }

    #[test]
    fn anchors_hold_at_clause_edges_handles_and_hashtags() {
        assert_eq!(matches("^ sindaco $", "Sindaco!"), ["Sindaco"]);
        assert_eq!(matches("^ sindaco $", "@mario sindaco #tag"), ["sindaco"]);
        assert_eq!(matches("^ sindaco $", "ciao, sindaco."), ["sindaco"]);
        assert_eq!(matches("^ sindaco $", "sindaco: basta"), ["sindaco"]);
        assert!(matches("^ sindaco $", "il sindaco dice").is_empty());
        assert!(matches("^ sindaco $", "il sindaco").is_empty());
        assert!(matches("^ sindaco $", "sindaco Rossi").is_empty());
        assert_eq!(matches("tu $", "parla tu"), ["tu"]);
    }

    #[test]
    fn matches_are_leftmost_longest_and_do_not_overlap() {
        assert_eq!(
            matches("ti <harm:fin> [tutti]", "ti ammazzo tutti, ti ammazzo"),
            ["ti ammazzo tutti", "ti ammazzo"]
        );
    }

    #[test]
    fn grounds_come_from_the_class_member() {
        let classes = vec![class("group", &["gay"])];
        let rules = Rules::build(&[rule("odio [i] <group>")], &classes).unwrap();
        let text = "odio i gay";
        let n = Normalized::new(text);
        let mut w = Vec::new();
        words(text, &n, &mut w);
        let (mut lookup, mut out) = (Lookup::default(), Vec::new());
        rules.lookup(&n, &w, &mut lookup);
        rules.find(&w, &lookup, &mut Scratch::default(), &mut out);
        assert_eq!(out[0].ground, Some(Ground::SexualOrientation));
    }

    #[test]
    fn compile_errors_name_the_rule_and_offset() {
        let classes = vec![class("addressee", &["tu"])];
        let errors = Rules::build(
            &[
                rule("ti <adressee>"),
                rule("ti ammazzo"),
                rule("<addressee:inf>"),
            ],
            &classes,
        )
        .unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!((errors[0].rule, errors[0].offset), (0, 3));
        assert_eq!(errors[0].hint.as_deref(), Some("addressee"));
        assert_eq!(errors[1].rule, 2);
        assert!(errors[1].message.contains("word class"));
    }

    #[test]
    fn prefilter_needs_every_mandatory_item() {
        let classes = vec![class("addressee", &["tu"])];
        let rules = Rules::build(&[rule("(tu | voi) [non] ~2 muori")], &classes).unwrap();
        assert_eq!(rules.rules[0].clauses.len(), 2);
    }

    /// Every line of every shipped class, verb and rule file parses, and every rule compiles
    /// against the classes of its language: a problem names the file and line.
    #[test]
    fn shipped_data_parses() {
        let mut problems = Vec::new();
        for (lang, name, text) in CLASSES {
            match class_members(text, lang) {
                Err(errors) => {
                    for (line, message) in errors {
                        problems.push(format!("{lang}/classes/{name}.txt:{line}: {message}"));
                    }
                }
                Ok(members) => assert!(!members.is_empty(), "{lang}/classes/{name}.txt is empty"),
            }
        }
        for (lang, name, text) in VERBS {
            if let Err(errors) = verb_members(text, lang) {
                for (line, message) in errors {
                    problems.push(format!("{lang}/verbs/{name}.txt:{line}: {message}"));
                }
            }
        }
        for lang in ["it", "en"] {
            let classes = crate::detect::constructions::shipped_classes(|l| l == lang);
            let mut sources = Vec::new();
            let mut lines = Vec::new();
            for (l, kind, text) in RULES {
                if *l != lang {
                    continue;
                }
                let mut names = std::collections::HashSet::new();
                for (line, entry) in crate::data::lines(text) {
                    match parse_rule_line(entry, lang, *kind) {
                        Ok(rule) => {
                            if !names.insert(rule.id.clone()) {
                                problems.push(format!(
                                    "{lang}/rules/{kind}.txt:{line}: duplicate rule `{}`",
                                    rule.id
                                ));
                            }
                            sources.push(rule);
                            lines.push(format!("{lang}/rules/{kind}.txt:{line}"));
                        }
                        Err(message) => {
                            problems.push(format!("{lang}/rules/{kind}.txt:{line}: {message}"))
                        }
                    }
                }
            }
            if let Err(errors) = Rules::build(&sources, &classes) {
                for e in errors {
                    problems.push(format!(
                        "{}: at byte {}: {}",
                        lines[e.rule], e.offset, e.message
                    ));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// Every data file in the folders is embedded: a file added but not listed would be
    /// silently ignored.
    #[test]
    fn every_data_file_is_listed() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lexicons");
        for lang in ["it", "en"] {
            for (dir, listed) in [
                (
                    "classes",
                    CLASSES
                        .iter()
                        .filter(|c| c.0 == lang)
                        .map(|c| c.1.to_owned())
                        .collect::<Vec<_>>(),
                ),
                (
                    "verbs",
                    VERBS
                        .iter()
                        .filter(|c| c.0 == lang)
                        .map(|c| c.1.to_owned())
                        .collect(),
                ),
                (
                    "rules",
                    RULES
                        .iter()
                        .filter(|c| c.0 == lang)
                        .map(|c| c.1.as_str().to_owned())
                        .collect(),
                ),
            ] {
                for entry in std::fs::read_dir(root.join(lang).join(dir)).unwrap() {
                    let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                    let stem = name.trim_end_matches(".txt");
                    assert!(
                        listed.iter().any(|l| l == stem),
                        "{lang}/{dir}/{name} is not in src/rules/shipped.rs"
                    );
                }
            }
        }
    }
}
