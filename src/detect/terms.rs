//! The lexicon recognizer: every shipped term and every term of the policy, in one lexicon.

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use super::lexicon::{self, Base, Entry, Hit, Lexicon, Meaning, Source};
use super::{Evidence, Recognizer, Role, Scan, Setup};
use crate::{Kind, Severity, Stance};

/// Kinds whose terms mean something only as asserted: a negated, quoted or condemned slur is
/// not an attack. Vulgarity stays vulgar whatever frames it; spam and data are not speech acts.
pub(crate) fn is_polar(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Insult | Kind::Threat | Kind::Violence | Kind::Discrimination
    )
}

/// The lexicon as a recognizer.
#[derive(Debug)]
pub(crate) struct Terms {
    lexicon: Lexicon,
    /// Rule ids by meaning index, shared with every finding instead of copied.
    rules: Vec<Arc<str>>,
    /// The rule id of allow-list evidence.
    allow: Arc<str>,
}

/// Buffers reused between comments on each thread.
#[derive(Default)]
struct Buffers {
    hits: Vec<Hit>,
    allowed: Vec<std::ops::Range<usize>>,
}

thread_local! {
    static BUFFERS: std::cell::RefCell<Buffers> = std::cell::RefCell::new(Buffers::default());
}

impl Terms {
    pub(crate) fn new(setup: &Setup<'_>) -> Terms {
        let policy = setup.policy;
        let language = policy.language();
        let base = shipped_base(setup);
        let mut sources: Vec<Source<'_>> = Vec::new();
        for (index, category) in policy.categories.iter().enumerate() {
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
                lang: language,
                entries: Cow::Borrowed(&category.entries),
                make: meaning,
            });
        }
        if !policy.allow.is_empty() {
            sources.push(Source {
                lang: language,
                entries: Cow::Borrowed(&policy.allow),
                make: Box::new(|_: &Entry| Meaning::Allow),
            });
        }
        #[expect(
            clippy::expect_used,
            reason = "policy terms are parsed and their forms bounded when the policy loads, and the shipped lexicons are checked by the test suite, so the automaton always compiles: failing here beats moderating with an empty lexicon"
        )]
        let lexicon = Lexicon::build_on(Some(&base), sources)
            .expect("the lexicon of a loaded policy compiles");
        let (allow, protect): (Arc<str>, Arc<str>) = (Arc::from("allow"), Arc::from("protect"));
        let rules = (0..)
            .map_while(|i| lexicon.meaning(i))
            .map(|m| match m {
                Meaning::Term { rule, .. } => Arc::clone(rule),
                Meaning::Allow => Arc::clone(&allow),
                Meaning::Protect { .. } => Arc::clone(&protect),
            })
            .collect();
        Terms {
            lexicon,
            rules,
            allow,
        }
    }

    /// Entries per (language, kind), for reports.
    pub(crate) fn counts(&self) -> &[(String, Kind, usize)] {
        self.lexicon.counts()
    }
}

/// The shipped lexicons of the languages `setup` wants, compiled once per process for each
/// set of languages and kept for the process's life (a few megabytes each): every moderator
/// starts from them, whatever its policy adds.
fn shipped_base(setup: &Setup<'_>) -> Arc<Base> {
    static BASES: Mutex<Vec<(Vec<usize>, Arc<Base>)>> = Mutex::new(Vec::new());
    let wanted: Vec<usize> = lexicon::SHIPPED
        .iter()
        .enumerate()
        .filter(|(_, (lang, _, _))| setup.wants(lang))
        .map(|(i, _)| i)
        .collect();
    super::compiled_once(&BASES, wanted.clone(), || compile_base(&wanted))
}

/// The shipped lexicons `wanted` (indices into [`lexicon::SHIPPED`]), compiled.
fn compile_base(wanted: &[usize]) -> Base {
    let sources = wanted
        .iter()
        .filter_map(|&i| lexicon::SHIPPED.get(i))
        .map(|&(lang, kind, text)| Source {
            lang,
            entries: Cow::Owned(shipped_entries(text, lang)),
            make: Box::new(move |e: &Entry| match kind {
                Some(kind) => Meaning::Term {
                    kind,
                    rule: format!("lexicon/{lang}/{kind}/{}", e.term).into(),
                    severity: e.severity.unwrap_or_default(),
                    ground: e.ground,
                },
                None => Meaning::Allow,
            }),
        })
        .collect();
    #[expect(
        clippy::expect_used,
        reason = "the shipped lexicons are checked by the test suite, so their automaton always compiles: failing here beats moderating with an empty lexicon"
    )]
    Base::build(sources).expect("the shipped lexicons compile")
}

/// The entries of a shipped lexicon file.
#[expect(
    clippy::expect_used,
    reason = "shipped data, every line checked by `shipped_lexicons_parse`: a lexicon line that does not parse must not silently drop its terms"
)]
fn shipped_entries(text: &str, lang: &str) -> Vec<Entry> {
    crate::data::lines(text)
        .map(|(line, entry)| {
            lexicon::parse_entry(entry, lang)
                .map_err(|e| format!("{lang} lexicon, line {line}: {e}"))
                .expect("shipped lexicons parse")
        })
        .collect()
}

impl Recognizer for Terms {
    fn recognize(&self, scan: &Scan<'_>, out: &mut Vec<Evidence>) {
        crate::detect::with_buffers(&BUFFERS, |b: &mut Buffers| {
            b.hits.clear();
            b.allowed.clear();
            self.lexicon
                .scan_for_judge(scan.canonical, &mut b.hits, &mut b.allowed);
            self.evidence(scan, &b.hits, &b.allowed, out);
        });
    }
}

impl Terms {
    /// The evidence of the lexicon's `hits` and `allowed` ranges.
    fn evidence(
        &self,
        scan: &Scan<'_>,
        hits: &[Hit],
        allowed: &[std::ops::Range<usize>],
        out: &mut Vec<Evidence>,
    ) {
        for range in allowed {
            let span = scan.canonical.original_range(range.start, range.end);
            let mut e = Evidence::new(
                Kind::Spam,
                Arc::clone(&self.allow),
                span,
                Default::default(),
            );
            e.role = Role::Allow;
            out.push(e);
        }
        for hit in hits {
            let Some(rule) = self.rules.get(hit.meaning).cloned() else {
                continue;
            };
            let span = scan.canonical.original_range(hit.start, hit.end);
            let words = word_range(scan, hit.start, hit.end);
            match self.lexicon.meaning(hit.meaning) {
                Some(Meaning::Term {
                    kind,
                    severity,
                    ground,
                    ..
                }) => {
                    // Letters guessed under asterisks, or a term read inside a longer word,
                    // are weaker evidence than the word written whole: one step less grave.
                    let severity = if hit.censored || hit.glued {
                        weaker(*severity)
                    } else {
                        *severity
                    };
                    let mut e = Evidence::new(*kind, rule, span, severity);
                    e.ground = *ground;
                    e.words = words;
                    e.polar = is_polar(*kind);
                    out.push(e);
                }
                Some(Meaning::Protect { category }) => {
                    let mut e = Evidence::new(Kind::Spam, rule, span, Default::default());
                    e.role = Role::Protect(*category);
                    out.push(e);
                }
                _ => {}
            }
        }
    }
}

/// The word indices covering canonical bytes `start..end`.
fn word_range(scan: &Scan<'_>, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
    let first = scan.words.partition_point(|w| w.canonical.end <= start);
    let last = scan.words.partition_point(|w| w.canonical.start < end);
    (first < last).then_some(first..last)
}

/// One step less grave.
fn weaker(severity: Severity) -> Severity {
    match severity {
        Severity::High => Severity::Medium,
        _ => Severity::Low,
    }
}
