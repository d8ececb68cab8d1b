//! Recognizers: everything that turns a comment into evidence.
//!
//! A [`Moderator`](crate::Moderator) holds its recognizers as one list of trait objects, the
//! way `AhoCorasick` holds its automaton behind `Arc<dyn AcAutomaton>`: each recognizer is
//! compiled from the policy once, then asked in turn to add its [`Evidence`] about a comment
//! to one vector. The judge (`policy::judge`) maps that evidence to the policy's categories.
//!
//! Adding a detector is one file here (a type that implements [`Recognizer`]) and one line in
//! [`after_terms`]; the lexicon, compiled apart, runs first. Recognizers run in list order and
//! may read the evidence of those before them: links read the advertising found by the
//! lexicon, and the rule recognizer applies polarity (negation, quotation, counter-speech) to
//! every word-level finding before it.
//!
//! The lexicon and the rules read the canonical text and its words; personal data and links
//! read the original, where format matters. Every span is a byte range of the original text.

pub(crate) mod author;
pub(crate) mod constructions;
pub(crate) mod contacts;
pub(crate) mod floods;
pub(crate) mod identity;
pub(crate) mod lexicon;
pub(crate) mod links;
pub(crate) mod personal;
pub(crate) mod terms;
pub(crate) mod topic;
pub(crate) mod weblinks;

use std::fmt::Debug;
use std::ops::Range;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;

use crate::text::Normalized;
use crate::text::signals::Signals;
use crate::text::words::WordSpan;
use crate::{Comment, Decision, Ground, Kind, Policy, Severity};

/// Byte offset of the char after the one starting at `pos` (or `pos + 1` past the end): where a
/// search resumes after a rejected match without splitting a char.
pub(crate) fn next_boundary(text: &str, pos: usize) -> usize {
    text.get(pos..)
        .and_then(|s| s.chars().next())
        .map_or(pos + 1, |c| pos + c.len_utf8())
}

/// Runs `f` with this thread's buffers of `key`, reused from comment to comment so the hot path
/// does not allocate once they have grown.
///
/// A recognizer that panicked on another comment of this thread (caught by the caller) leaves
/// them borrowed; fresh buffers are then cheaper than propagating that panic.
pub(crate) fn with_buffers<T: Default + 'static, R>(
    key: &'static std::thread::LocalKey<std::cell::RefCell<T>>,
    f: impl FnOnce(&mut T) -> R,
) -> R {
    key.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buffers) => f(&mut buffers),
        Err(_) => f(&mut T::default()),
    })
}

/// Shipped data compiled once per process for each `key` and kept for the process's life: the
/// value `cache` holds for `key`, built with `build` the first time it is asked for.
pub(crate) fn compiled_once<K: PartialEq, T>(
    cache: &std::sync::Mutex<Vec<(K, Arc<T>)>>,
    key: K,
    build: impl FnOnce() -> T,
) -> Arc<T> {
    let mut kept = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, value)) = kept.iter().find(|(k, _)| *k == key) {
        return Arc::clone(value);
    }
    let value = Arc::new(build());
    kept.push((key, Arc::clone(&value)));
    value
}

/// Everything a recognizer may read about one comment.
#[derive(Debug)]
pub(crate) struct Scan<'a> {
    /// The comment with its context (author, post, instant).
    pub(crate) comment: &'a Comment,
    /// The original text.
    pub(crate) text: &'a str,
    /// The canonical text, with its map back to the original.
    pub(crate) canonical: &'a Normalized,
    /// The canonical words, with their original spans, sentences and quotation.
    pub(crate) words: &'a [WordSpan],
    /// What one pass over the original bytes tells, to skip recognizers that cannot fire.
    pub(crate) signals: Signals,
}

/// What a piece of evidence does in the judge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Something the policy may forbid: becomes a finding of the kind's category.
    Finding,
    /// A term of an allowed category (index into the policy's categories): shields the weak
    /// findings of the kinds that category protects.
    Protect(usize),
    /// An innocent phrase (shipped or the policy's `allow`): cancels every finding it overlaps.
    Allow,
}

/// Why a finding was cancelled before the judge weighed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cancel {
    /// A negator governs it: "non ti ammazzo".
    Negated,
    /// It is inside a quotation that is reported or condemned.
    Quoted,
    /// Someone else's words, reported: "chi scrive che …", "non ho mai detto che …".
    Reported,
    /// Condemned in the same sentence: "dire che … è vergognoso".
    CounterSpeech,
    /// Abuse the author received: "mi hanno chiamato …".
    AbuseReceived,
}

impl Cancel {
    /// The reason as a verdict shows it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Cancel::Negated => "negation",
            Cancel::Quoted => "quotation",
            Cancel::Reported => "reported-speech",
            Cancel::CounterSpeech => "counter-speech",
            Cancel::AbuseReceived => "abuse-received",
        }
    }
}

/// One piece of evidence about a comment.
#[derive(Clone, Debug)]
pub(crate) struct Evidence {
    /// The taxonomy kind.
    pub(crate) kind: Kind,
    /// Stable rule id, e.g. `lexicon/it/insult/idiota+`, `rules/it/threat/kill-you`.
    pub(crate) rule: Arc<str>,
    /// Original byte range (empty for evidence about the author).
    pub(crate) span: Range<usize>,
    /// Canonical word indices, for evidence read from words (polarity works on them).
    pub(crate) words: Option<Range<usize>>,
    /// How grave or certain.
    pub(crate) severity: Severity,
    /// The protected ground, for discrimination.
    pub(crate) ground: Option<Ground>,
    /// What personal data it is, for redaction marks.
    pub(crate) label: Option<&'static str>,
    /// What personal data the evidence is, for personal-data evidence.
    pub(crate) personal: Option<crate::PersonalKind>,
    /// Personal data the author gave about themselves.
    pub(crate) own: bool,
    /// What the judge does with it.
    pub(crate) role: Role,
    /// The most this evidence may decide (an identity rule's own decision).
    pub(crate) cap: Option<Decision>,
    /// Shown instead of the span's text (the author's display name).
    pub(crate) excerpt: Option<String>,
    /// Whether polarity (negation, quotation, counter-speech) applies to it.
    pub(crate) polar: bool,
    /// Set by polarity: why it does not count.
    pub(crate) cancel: Option<Cancel>,
}

impl Evidence {
    /// A finding of `kind` by `rule` at original bytes `span`.
    pub(crate) fn new(
        kind: Kind,
        rule: Arc<str>,
        span: Range<usize>,
        severity: Severity,
    ) -> Evidence {
        Evidence {
            kind,
            rule,
            span,
            words: None,
            severity,
            ground: None,
            label: None,
            personal: None,
            own: false,
            role: Role::Finding,
            cap: None,
            excerpt: None,
            polar: false,
            cancel: None,
        }
    }
}

/// A compiled detector. Private: the public layer is [`Moderator`](crate::Moderator).
///
/// The marker traits are bundled here so the list in the moderator is `Send + Sync` and
/// unwind-safe as a whole, and a new recognizer cannot forget one.
pub(crate) trait Recognizer: Debug + Send + Sync + UnwindSafe + RefUnwindSafe {
    /// Appends this recognizer's evidence about the comment in `scan` to `out` (which already
    /// holds the evidence of the recognizers before it).
    fn recognize(&self, scan: &Scan<'_>, out: &mut Vec<Evidence>);
}

/// What a recognizer is built from.
#[derive(Debug)]
pub(crate) struct Setup<'a> {
    /// The policy being compiled.
    pub(crate) policy: &'a Policy,
    /// The shipped languages to load (`None`: all of them).
    pub(crate) languages: Option<&'a [String]>,
}

impl Setup<'_> {
    /// Whether the shipped data of `lang` is wanted.
    pub(crate) fn wants(&self, lang: &str) -> bool {
        self.languages.is_none_or(|l| l.iter().any(|x| x == lang))
    }
}

/// The recognizers that run after the lexicon, in the order they run. Adding a detector is one
/// line here. The lexicon, compiled by the caller (which also reports its sizes), runs first.
pub(crate) fn after_terms(setup: &Setup<'_>) -> Vec<Arc<dyn Recognizer>> {
    vec![
        // Rules, then polarity over every word-level finding so far (the lexicon's too).
        Arc::new(constructions::Constructions::new(setup)),
        Arc::new(contacts::Contacts::new(setup)),
        Arc::new(weblinks::WebLinks::new(setup)),
        Arc::new(author::AuthorName::new(setup)),
        Arc::new(floods::Floods::new(setup)),
        Arc::new(topic::Topic::new(setup)),
    ]
}
