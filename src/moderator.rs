//! The moderator: a policy compiled once, classifying comments.
//!
//! `moderate` is four steps: normalise the text once, let every recognizer add its evidence,
//! let the judge map the evidence to the policy's categories, and read the schedule.

use std::cell::RefCell;
use std::sync::{Arc, Mutex, Weak};

use crate::detect::terms::Terms;
use crate::detect::{self, Evidence, Recognizer, Scan, Setup};
use crate::escalation::Ledger;
use crate::policy::judge::Judge;
use crate::text::Normalized;
use crate::text::signals::Signals;
use crate::text::words::{self, WordSpan};
use crate::tracker::Tracker;
use crate::verdict::Verdict;
use crate::{Comment, Kind, Policy};

/// Buffers reused from one comment to the next on each thread: the canonical text, its words
/// and the evidence vector, so the hot path does not allocate once they have grown.
#[derive(Default)]
struct Buffers {
    canonical: Normalized,
    words: Vec<WordSpan>,
}

thread_local! {
    static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
}

/// The largest text buffer a thread keeps between comments; a longer comment's is freed.
const KEPT_BUFFER: usize = 64 << 10;

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
    /// Every recognizer, in the order they run.
    recognizers: Vec<Arc<dyn Recognizer>>,
    /// Kept apart too, for `lexicon_sizes`.
    terms: Arc<Terms>,
    judge: Judge,
    /// The longest text classified whole.
    max_len: usize,
}

/// Options for building a [`Moderator`].
///
/// ```
/// use galateo::{Moderator, Policy};
///
/// let moderator = Moderator::builder()
///     .languages(&["it"])
///     .redact(false)
///     .build(Policy::preset("comune-livorno")?)?;
/// assert!(moderator.classify("scrivimi a mario@example.com").redacted().is_none());
///
/// // A language galateo ships no data for is an error, not an empty moderator.
/// let err = Moderator::builder()
///     .languages(&["itt"])
///     .build(Policy::preset("comune-livorno")?)
///     .unwrap_err();
/// assert_eq!(err.to_string(), "no shipped lexicons for language `itt` (did you mean `it`?); galateo ships: it, en");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModeratorBuilder {
    languages: Option<Vec<String>>,
    redact: bool,
    max_len: usize,
}

/// The longest comment classified whole by default: 1 MiB, far beyond any platform's limit.
pub const DEFAULT_MAX_LEN: usize = 1 << 20;

impl ModeratorBuilder {
    /// Loads only the shipped lexicons of these languages (default: every shipped language,
    /// since comments on an Italian page also come in English). Each must be one of
    /// [`Moderator::shipped_languages`], or [`build`](Self::build) fails; an empty list keeps
    /// only the policy's own terms and rules.
    pub fn languages(mut self, languages: &[&str]) -> ModeratorBuilder {
        self.languages = Some(languages.iter().map(|l| (*l).to_owned()).collect());
        self
    }

    /// The longest comment, in bytes, classified whole (default [`DEFAULT_MAX_LEN`], 1 MiB).
    ///
    /// A longer comment is never an error and never a stall: its first `max_len` bytes (cut
    /// on a character boundary) are classified, the verdict says so
    /// ([`Verdict::is_truncated`]), a low-severity `spam` finding `limits/too-long` sends it to
    /// review where the policy has a spam category, and its redacted text is the redacted
    /// classified part only, so nothing unread is ever published as redacted.
    ///
    /// ```
    /// use galateo::{Decision, Moderator, Policy};
    ///
    /// let moderator = Moderator::builder()
    ///     .max_len(64)
    ///     .build(Policy::preset("comune-livorno")?)?;
    /// let verdict = moderator.classify(&"bla ".repeat(100));
    /// assert!(verdict.is_truncated());
    /// assert_eq!(verdict.decision(), Decision::Review);
    /// assert_eq!(verdict.findings()[0].rule(), "limits/too-long");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn max_len(mut self, bytes: usize) -> ModeratorBuilder {
        self.max_len = bytes;
        self
    }

    /// Whether verdicts carry a redacted text (default: true).
    pub fn redact(mut self, redact: bool) -> ModeratorBuilder {
        self.redact = redact;
        self
    }

    /// Compiles the policy.
    ///
    /// # Errors
    ///
    /// [`BuildError::UnknownLanguage`] when a language given to
    /// [`languages`](Self::languages) has no shipped data.
    pub fn build(self, policy: Policy) -> Result<Moderator, BuildError> {
        if let Some(languages) = &self.languages {
            let shipped = Moderator::shipped_languages();
            if let Some(unknown) = languages.iter().find(|l| !shipped.contains(&l.as_str())) {
                return Err(BuildError::UnknownLanguage {
                    hint: crate::policy::suggest(unknown, shipped.iter().copied()),
                    language: unknown.clone(),
                });
            }
        }
        Ok(self.compile(policy))
    }

    fn compile(self, policy: Policy) -> Moderator {
        // Moderators of an equal policy with equal options share one compiled state while any
        // of them is alive: a service that builds one per tenant or per request compiles once.
        static LIVE: Mutex<Vec<(ModeratorBuilder, Weak<Inner>)>> = Mutex::new(Vec::new());
        let mut live = LIVE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        live.retain(|(_, inner)| inner.strong_count() > 0);
        let shared = live.iter().find_map(|(options, inner)| {
            let inner = inner.upgrade()?;
            (*options == self && inner.policy == policy).then_some(inner)
        });
        if let Some(inner) = shared {
            return Moderator { inner };
        }
        let moderator = self.clone().compile_new(policy);
        live.push((self, Arc::downgrade(&moderator.inner)));
        moderator
    }

    fn compile_new(self, policy: Policy) -> Moderator {
        let setup = Setup {
            policy: &policy,
            languages: self.languages.as_deref(),
        };
        // The lexicon and the other recognizers compile side by side where a second core is
        // free: the first moderator of a process compiles the shipped lexicons and rules, the
        // longest part of it; later ones build on them. Without a thread, one after the other.
        let (terms, after_terms) = std::thread::scope(|scope| {
            let parallel = std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
            let spawned = parallel
                .then(|| {
                    std::thread::Builder::new()
                        .name("galateo-compile".to_owned())
                        .spawn_scoped(scope, || Terms::new(&setup))
                        .ok()
                })
                .flatten();
            let after_terms = detect::after_terms(&setup);
            let terms = match spawned {
                Some(handle) => handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                None => Terms::new(&setup),
            };
            (Arc::new(terms), after_terms)
        });
        let mut recognizers: Vec<Arc<dyn Recognizer>> = vec![Arc::clone(&terms) as _];
        recognizers.extend(after_terms);
        let judge = Judge::new(&policy, self.redact);
        Moderator {
            inner: Arc::new(Inner {
                policy,
                recognizers,
                terms,
                judge,
                max_len: self.max_len,
            }),
        }
    }
}

impl Moderator {
    /// Compiles `policy` with the default options.
    ///
    /// The process's first moderator compiles the shipped lexicons, classes and rules of its
    /// languages, in about two hundred milliseconds; they are kept for the process's life and
    /// every later moderator of those languages builds on them, in under ten (a policy
    /// with rules or classes of its own compiles its rules whole, some tens more). Building a
    /// moderator of an equal policy with equal options while one is alive (here or with a
    /// [`ModeratorBuilder`]) shares the compiled state of the live one and costs a comparison
    /// of the two policies.
    ///
    /// ```
    /// use galateo::{Decision, Moderator, Policy};
    ///
    /// let moderator = Moderator::new(Policy::preset("comune-livorno")?);
    /// assert_eq!(moderator.classify("ciao").decision(), Decision::Publish);
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn new(policy: Policy) -> Moderator {
        Moderator::builder().compile(policy)
    }

    /// The languages galateo ships lexicons, classes and rules for.
    ///
    /// ```
    /// assert_eq!(galateo::Moderator::shipped_languages(), ["it", "en"]);
    /// ```
    pub fn shipped_languages() -> &'static [&'static str] {
        &["it", "en"]
    }

    /// Options for compiling a policy.
    ///
    /// ```
    /// let moderator = galateo::Moderator::builder()
    ///     .languages(&["it", "en"])
    ///     .build(galateo::Policy::preset("conferenza-stato-citta")?)?;
    /// assert_eq!(moderator.policy().meta().id, "conferenza-stato-citta");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder() -> ModeratorBuilder {
        ModeratorBuilder {
            languages: None,
            redact: true,
            max_len: DEFAULT_MAX_LEN,
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

    /// Entries compiled per language and kind, counting shipped lexicons and policy terms.
    ///
    /// ```
    /// let moderator = galateo::Moderator::new(galateo::Policy::preset("comune-livorno")?);
    /// let insults = moderator
    ///     .lexicon_sizes()
    ///     .into_iter()
    ///     .find(|s| s.language == "it" && s.kind == galateo::Kind::Insult)
    ///     .unwrap();
    /// assert!(insults.entries >= 100);
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn lexicon_sizes(&self) -> Vec<LexiconSize> {
        self.inner
            .terms
            .counts()
            .iter()
            .map(|(language, kind, entries)| LexiconSize {
                language: language.clone(),
                kind: *kind,
                entries: *entries,
            })
            .collect()
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
        // A bare comment per thread, its text buffer reused: classifying copies the text but
        // does not allocate for it.
        thread_local! {
            static BARE: RefCell<Comment> = RefCell::new(Comment::default());
        }
        crate::detect::with_buffers(&BARE, |bare: &mut Comment| {
            bare.text.clear();
            bare.text.push_str(text);
            let verdict = self.moderate(bare);
            if bare.text.capacity() > KEPT_BUFFER {
                bare.text = String::new();
            }
            verdict
        })
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
        self.moderate_with(comment, None)
    }

    /// Moderates a comment with its context and with what `tracker` remembers of the comments
    /// before it, then remembers this one too (see [`Tracker`] for what it counts).
    ///
    /// The comment is observed at its instant (`at`); repeated posting in a thread
    /// (`tracker/repeat`, kind `trolling`), near-duplicates by one author
    /// (`tracker/duplicate`) and one text from several authors (`tracker/campaign`, both
    /// `spam`) become findings judged like any other, in the policy's categories for those
    /// kinds: review at first, the category's decision once they are a flood. A comment with no
    /// instant, or whose author has no id, is moderated as by [`moderate`](Self::moderate)
    /// and not observed. A comment longer than [`ModeratorBuilder::max_len`] is observed by the
    /// head that is classified.
    ///
    /// ```
    /// use galateo::{Author, Comment, Decision, Kind, Moderator, Policy, Tracker};
    /// use jiff::{SignedDuration, Timestamp};
    ///
    /// let moderator = Moderator::new(Policy::preset("comune-livorno")?);
    /// let mut tracker = Tracker::new();
    /// let t0: Timestamp = "2026-03-02T10:00:00+01:00".parse()?;
    /// let comment = |n: i64| {
    ///     Comment::new("Quando mettete a posto il marciapiede di via Roma?")
    ///         .with_author(Author::new("u1", "Mario Rossi"))
    ///         .with_thread("post-42")
    ///         .with_at(t0 + SignedDuration::from_secs(10 * n))
    /// };
    /// let decisions: Vec<Decision> = (0..4)
    ///     .map(|n| moderator.moderate_tracked(&comment(n), &mut tracker).decision())
    ///     .collect();
    /// // A question once; twice is for review; the fourth time in a minute is a flood.
    /// assert_eq!(decisions, [Decision::Publish, Decision::Review, Decision::Review, Decision::Hide]);
    ///
    /// let verdict = moderator.moderate_tracked(&comment(4), &mut tracker);
    /// let finding = &verdict.findings()[0];
    /// assert_eq!((finding.kind(), finding.rule()), (Kind::Spam, "tracker/duplicate"));
    /// // The stateless verdict is unchanged.
    /// assert_eq!(moderator.moderate(&comment(4)).decision(), Decision::Publish);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn moderate_tracked(&self, comment: &Comment, tracker: &mut Tracker) -> Verdict {
        self.moderate_with(comment, Some(tracker))
    }

    /// Moderates `comment`, classifying the head of one longer than `max_len`, observed by
    /// `tracker` when there is one.
    fn moderate_with(&self, comment: &Comment, tracker: Option<&mut Tracker>) -> Verdict {
        let text = comment.text.as_str();
        if text.len() <= self.inner.max_len {
            return self.moderate_whole(comment, false, tracker);
        }
        let mut cut = self.inner.max_len;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = Comment {
            text: text.get(..cut).unwrap_or_default().to_owned(),
            author: comment.author.clone(),
            at: comment.at,
            post: comment.post.clone(),
            channel: comment.channel.clone(),
            thread: comment.thread.clone(),
        };
        self.moderate_whole(&head, true, tracker)
    }

    /// Moderates all of `comment`; `truncated` says it is the head of a longer one.
    fn moderate_whole(
        &self,
        comment: &Comment,
        truncated: bool,
        tracker: Option<&mut Tracker>,
    ) -> Verdict {
        let inner = &*self.inner;
        let text = comment.text.as_str();
        let mut evidence: Vec<Evidence> = Vec::new();
        crate::detect::with_buffers(&BUFFERS, |buffers: &mut Buffers| {
            buffers.canonical.reset(text);
            words::words(text, &buffers.canonical, &mut buffers.words);
            let scan = Scan {
                comment,
                text,
                canonical: &buffers.canonical,
                words: &buffers.words,
                signals: Signals::of(text),
            };
            for recognizer in &inner.recognizers {
                recognizer.recognize(&scan, &mut evidence);
            }
            // What the tracker saw is about the author's conduct, not a span of this text.
            if let Some((tracker, at)) = tracker.zip(comment.at) {
                let observed = tracker.observe_canonical(comment, buffers.canonical.as_str(), at);
                evidence.extend(observed.signals().iter().map(|signal| {
                    Evidence::new(
                        signal.kind(),
                        Arc::from(signal.rule()),
                        text.len()..text.len(),
                        signal.severity(),
                    )
                }));
            }
        });
        if truncated {
            evidence.push(Evidence::new(
                Kind::Spam,
                Arc::from("limits/too-long"),
                text.len()..text.len(),
                crate::Severity::Low,
            ));
        }
        let mut verdict = inner.judge.judge(&inner.policy, comment, evidence);
        verdict.truncated = truncated;
        verdict
    }
}

/// How many lexicon entries one language has for one kind (see [`Moderator::lexicon_sizes`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct LexiconSize {
    /// The language code, e.g. `it`; a policy's own terms count under its language.
    pub language: String,
    /// The kind the entries report.
    pub kind: Kind,
    /// Entries (lines, before inflection).
    pub entries: usize,
}

/// Why a [`ModeratorBuilder`] could not compile a policy.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A language with no shipped data was asked for.
    #[error(
        "no shipped lexicons for language `{language}`{}; galateo ships: {}",
        hint.as_ref().map(|h| format!(" (did you mean `{h}`?)")).unwrap_or_default(),
        Moderator::shipped_languages().join(", ")
    )]
    UnknownLanguage {
        /// The language asked for.
        language: String,
        /// The closest shipped language, if one is close.
        hint: Option<String>,
    },
}
