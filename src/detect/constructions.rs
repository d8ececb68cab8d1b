//! The rule recognizer: shipped and policy rules over the words of a comment, then polarity
//! over every word-level finding.

use std::cell::RefCell;
use std::sync::{Arc, Mutex};

use super::{Evidence, Recognizer, Scan, Setup};
use crate::rules::{self, ClassSource, Lookup, Match, RuleSource, Rules, Scratch};

/// Buffers reused between comments on each thread.
#[derive(Default)]
struct Buffers {
    lookup: Lookup,
    matches: Vec<Match>,
    scratch: Scratch,
}

thread_local! {
    static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
}

/// Rules as a recognizer.
#[derive(Debug)]
pub(crate) struct Constructions {
    rules: Arc<Rules>,
}

impl Constructions {
    pub(crate) fn new(setup: &Setup<'_>) -> Constructions {
        let policy = setup.policy;
        if !policy.rules.is_empty() || !policy.classes.is_empty() {
            return Constructions {
                rules: Arc::new(compile(setup)),
            };
        }
        // A policy without rules or classes of its own has the shipped ones alone: those are
        // compiled once per process for each choice of languages and kept for its life.
        type Key = (Option<Vec<String>>, String);
        static SHIPPED: Mutex<Vec<(Key, Arc<Rules>)>> = Mutex::new(Vec::new());
        let key: Key = (
            setup.languages.map(<[String]>::to_vec),
            policy.language().to_owned(),
        );
        Constructions {
            rules: super::compiled_once(&SHIPPED, key, || compile(setup)),
        }
    }
}

/// The rules of `setup`: the shipped ones of its languages and the policy's.
fn compile(setup: &Setup<'_>) -> Rules {
    let (rule_sources, class_sources) = sources(setup);
    #[expect(
        clippy::expect_used,
        reason = "a policy's rules and classes are compiled against the shipped ones when the policy loads, and the shipped ones by the test suite: failing here beats moderating without rules"
    )]
    Rules::build(&rule_sources, &class_sources).expect("the rules of a loaded policy compile")
}

/// The shipped rules and classes of the wanted languages, then the policy's.
pub(crate) fn sources(setup: &Setup<'_>) -> (Vec<RuleSource>, Vec<ClassSource>) {
    let mut rule_sources = Vec::new();
    // The policy's own rules were checked against the classes of its language: those load
    // even when the builder leaves that language's shipped rules out.
    let language = setup.policy.language();
    let mut class_sources = shipped_classes(|lang| setup.wants(lang) || lang == language);
    for (lang, kind, text) in rules::RULES {
        if setup.wants(lang) {
            for (line, entry) in crate::data::lines(text) {
                #[expect(
                    clippy::expect_used,
                    reason = "shipped data, every line checked by `shipped_data_parses`: a rule file that does not parse must not silently lose rules"
                )]
                let rule = rules::parse_rule_line(entry, lang, *kind)
                    .map_err(|e| format!("{lang}/rules/{kind}.txt:{line}: {e}"))
                    .expect("shipped rules parse");
                rule_sources.push(rule);
            }
        }
    }
    rule_sources.extend(setup.policy.rules.iter().cloned());
    class_sources.extend(setup.policy.classes.iter().cloned());
    (rule_sources, class_sources)
}

/// Every shipped word and verb class of the languages `wanted` accepts.
pub(crate) fn shipped_classes(wanted: impl Fn(&str) -> bool) -> Vec<ClassSource> {
    SHIPPED_CLASSES
        .iter()
        .filter(|c| wanted(&c.lang))
        .cloned()
        .collect()
}

/// The shipped classes of every language, read and conjugated once per process: every
/// `Moderator::new` and every policy with rules of its own needs them.
static SHIPPED_CLASSES: std::sync::LazyLock<Vec<ClassSource>> =
    std::sync::LazyLock::new(read_shipped_classes);

#[expect(
    clippy::expect_used,
    reason = "shipped data, every line checked by `shipped_data_parses`: a class that does not parse must not silently match nothing"
)]
fn read_shipped_classes() -> Vec<ClassSource> {
    let mut out = Vec::new();
    for (lang, name, text) in rules::CLASSES {
        out.push(ClassSource {
            name: (*name).to_owned(),
            lang: (*lang).to_owned(),
            members: rules::class_members(text, lang)
                .map_err(|e| format!("{lang}/classes/{name}.txt: {e:?}"))
                .expect("shipped classes parse"),
            verbs: false,
        });
    }
    // Given names are one list for every language: the identity detector's.
    for lang in ["it", "en"] {
        out.push(ClassSource {
            name: "given-name".to_owned(),
            lang: lang.to_owned(),
            members: rules::class_members(rules::GIVEN_NAMES, lang)
                .map_err(|e| format!("given-names.txt: {e:?}"))
                .expect("shipped classes parse"),
            verbs: false,
        });
    }
    for (lang, name, text) in rules::VERBS {
        out.push(ClassSource {
            name: (*name).to_owned(),
            lang: (*lang).to_owned(),
            members: rules::verb_members(text, lang)
                .map_err(|e| format!("{lang}/verbs/{name}.txt: {e:?}"))
                .expect("shipped verbs parse"),
            verbs: true,
        });
    }
    out
}

impl Recognizer for Constructions {
    fn recognize(&self, scan: &Scan<'_>, out: &mut Vec<Evidence>) {
        if scan.words.is_empty() {
            return;
        }
        crate::detect::with_buffers(&BUFFERS, |b: &mut Buffers| {
            self.rules.lookup(scan.canonical, scan.words, &mut b.lookup);
            b.matches.clear();
            self.rules
                .find(scan.words, &b.lookup, &mut b.scratch, &mut b.matches);
            for m in &b.matches {
                let Some(rule) = self.rules.rule(m.rule) else {
                    continue;
                };
                let (Some(first), Some(last)) = (
                    scan.words.get(m.start),
                    scan.words.get(m.end.saturating_sub(1)),
                ) else {
                    continue;
                };
                let mut e = Evidence::new(
                    rule.kind,
                    Arc::clone(&rule.id),
                    first.original.start..last.original.end,
                    rule.severity,
                );
                e.ground = rule.ground.or(m.ground);
                e.words = Some(m.start..m.end);
                e.polar = !rule.negation;
                e.own = rule.own;
                out.push(e);
            }
            rules::polarity::apply(scan, &b.lookup, out);
        });
    }
}
