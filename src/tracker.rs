//! The flood tracker: what one comment cannot show, a run of comments does.
//!
//! One comment "Quando riaprite la piscina?" is a question; the same question six times in a
//! minute is a flood, and the same paragraph pasted by a dozen accounts is a campaign. Policies
//! forbid spam and "comportamenti gratuitamente polemici, soprattutto se reiterati", which only
//! a memory of recent comments can see. The [`Tracker`] is that memory: owned by the caller
//! like the escalation [`Ledger`](crate::Ledger), fed one comment at a time with the instant it
//! happened at, and bounded however long it runs or whatever it is fed.
//!
//! It remembers fingerprints, not texts: 64-bit hashes of author ids and threads, and for each
//! comment the smallest hashes of its shingles (its canonical words and pairs of words, after
//! the same normalisation the moderator applies), a bottom-k sketch from which the Jaccard
//! similarity of two comments is estimated (exactly, for comments of up to 32 shingles).

use std::collections::{BTreeMap, VecDeque};

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use crate::escalation::{active as within, advance_clock, decayed as expired};
use crate::{Comment, Kind, Severity};

/// How long comments count by default: one hour.
const DEFAULT_WINDOW: SignedDuration = SignedDuration::from_hours(1);
/// Authors tracked at most, by default.
const DEFAULT_MAX_AUTHORS: usize = 5_000;
/// Texts tracked at most for campaigns, by default.
const DEFAULT_MAX_TEXTS: usize = 5_000;
/// Comments remembered per author at most: more than any threshold needs.
const MAX_POSTS: usize = 16;
/// Shingle hashes kept per comment.
const SKETCH: usize = 32;
/// Authors remembered per text at most.
const MAX_SPREAD: usize = 16;

/// Comments by one author in one thread within the window (this one included) that send it to
/// review, and that make a flood.
const REPEAT: (u32, u32) = (5, 8);
/// Near-duplicates by one author within the window (this one included): review, flood.
const DUPLICATE: (u32, u32) = (2, 4);
/// Distinct authors of one text within the window (this one included): review, flood.
const CAMPAIGN: (u32, u32) = (3, 5);
/// Canonical words a comment needs for its near-duplicates to count: shorter ones ("grazie",
/// "ahahah", "bravi!") are said twice for good reasons, and count only as repeats.
const MIN_DUPLICATE_WORDS: usize = 3;
/// Canonical words a text needs to count as a campaign: many people write "Grazie mille!".
const MIN_CAMPAIGN_WORDS: usize = 5;

/// Recent comments per author and per text, to find floods, repeats and campaigns.
///
/// Call [`observe`](Tracker::observe) once per comment, with the instant it was posted at (or
/// let [`Moderator::moderate_tracked`](crate::Moderator::moderate_tracked) do it, which turns
/// what the tracker saw into findings judged like any other). Each observation reports three
/// counts within the [`window`](Tracker::window) (one hour by default) and the [`Signal`]s they
/// reach:
///
/// | rule | kind | counts | review (low) | the category's decision (medium) |
/// |---|---|---|---|---|
/// | `tracker/repeat` | `trolling` | the author's comments in this thread | 5th | 8th |
/// | `tracker/duplicate` | `spam` | the author's near-duplicates of this text, any thread | 2nd | 4th |
/// | `tracker/campaign` | `spam` | distinct authors of this same text, any thread | 3rd | 5th |
///
/// Near-duplicates are comments of three words or more whose shingle sets (canonical words
/// and pairs of words) have a Jaccard similarity of at least one half: a typo, a word added,
/// changed capitals, accents or punctuation still match. A campaign is the same canonical text
/// (case, accents, punctuation, spacing, lookalike letters and leetspeak folded) of five words
/// or more from several authors. Only comments whose author has an id are observed (id-less
/// authors would otherwise share one record). A comment's thread is its
/// [`thread_key`](Comment::thread_key); comments with no thread and no post count as one
/// thread of their own.
///
/// # Time
///
/// Nothing reads the clock: every instant is the caller's. A comment counts with the
/// author's comments of the window ending at it (start exclusive). An instant earlier than the
/// author's latest (a late delivery) is taken as happening at the latest: the author's clock
/// never goes back, so a late comment counts with the recent ones instead of vanishing. The
/// same holds for each text's authors. An instant more than 366 days past the latest one the
/// tracker has seen (a broken clock) is taken as happening at that latest instant, so one bad
/// instant cannot push every later comment out of the window. A zero or negative window
/// counts nothing and keeps nothing.
///
/// # Memory
///
/// Bounded whatever the input: at most [`max_authors`](Tracker::max_authors) authors (5,000 by
/// default) with their latest 16 comments each, every comment a fixed 32 hashes at most, and at
/// most [`max_texts`](Tracker::max_texts) texts (5,000 by default) with 16 authors each; about
/// 3 KB per author and 0.5 KB per text, under 20 MB with the defaults. Each observation drops
/// what fell out of the window for its author and its text; when a cap is exceeded, everything
/// out of the window is dropped and then, if still needed, the authors (or texts) seen least
/// recently, down to seven eighths of the cap, so that eviction costs amortised logarithmic
/// time. [`prune`](Tracker::prune) drops what is out of the window on the caller's clock.
///
/// # Persistence
///
/// The tracker is serde (instants as RFC 3339 strings, the window as an ISO 8601 duration),
/// settings included; a state read back is put in order and cut to its caps, whatever it
/// holds. It holds no text and no id in clear, only their fingerprints.
///
/// ```
/// use galateo::{Author, Comment, Kind, Tracker};
/// use jiff::{SignedDuration, Timestamp};
///
/// let mut tracker = Tracker::new();
/// let at: Timestamp = "2026-03-02T10:00:00+01:00".parse()?;
/// let comment = Comment::new("Quando riaprite la piscina comunale di via Roma?")
///     .with_author(Author::new("u1", "Mario Rossi"))
///     .with_thread("post-42");
/// assert!(tracker.observe(&comment, at).signals().is_empty());
/// // The same question a minute later: a near-duplicate, for review.
/// let again = tracker.observe(&comment, at + SignedDuration::from_mins(1));
/// assert_eq!(again.duplicates(), 2);
/// assert_eq!(again.signals()[0].rule(), "tracker/duplicate");
/// assert_eq!(again.signals()[0].kind(), Kind::Spam);
///
/// // The state is serde, to persist between runs.
/// let saved = serde_json::to_string(&tracker)?;
/// let restored: Tracker = serde_json::from_str(&saved)?;
/// assert_eq!(restored, tracker);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Saved")]
pub struct Tracker {
    /// How long a comment counts.
    window: SignedDuration,
    /// Authors kept at most.
    max_authors: usize,
    /// Texts kept at most.
    max_texts: usize,
    /// The latest plausible instant observed: the tracker's own clock.
    #[serde(skip_serializing_if = "Option::is_none")]
    clock: Option<Timestamp>,
    /// Recent comments by author fingerprint.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    authors: BTreeMap<u64, Trail>,
    /// Recent authors by text fingerprint.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    texts: BTreeMap<u64, Spread>,
}

/// A tracker as stored: every field optional, put in order by `From`.
#[derive(Deserialize)]
struct Saved {
    #[serde(default = "default_window")]
    window: SignedDuration,
    #[serde(default = "default_max_authors")]
    max_authors: usize,
    #[serde(default = "default_max_texts")]
    max_texts: usize,
    #[serde(default)]
    clock: Option<Timestamp>,
    #[serde(default)]
    authors: BTreeMap<u64, Trail>,
    #[serde(default)]
    texts: BTreeMap<u64, Spread>,
}

fn default_window() -> SignedDuration {
    DEFAULT_WINDOW
}

fn default_max_authors() -> usize {
    DEFAULT_MAX_AUTHORS
}

fn default_max_texts() -> usize {
    DEFAULT_MAX_TEXTS
}

/// One author's recent comments, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Trail {
    /// The author's latest instant.
    last: Timestamp,
    #[serde(default, skip_serializing_if = "VecDeque::is_empty")]
    posts: VecDeque<Trace>,
}

/// What is kept of one comment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Trace {
    at: Timestamp,
    /// The thread's fingerprint; `None` for comments with no thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    thread: Option<u64>,
    /// The smallest shingle hashes, ascending and distinct; empty for short comments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sketch: Vec<u32>,
}

/// The recent authors of one text, oldest first, each once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Spread {
    /// The text's latest instant.
    last: Timestamp,
    #[serde(default, skip_serializing_if = "VecDeque::is_empty")]
    seen: VecDeque<Seen>,
}

/// One author of a text, at their latest instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Seen {
    author: u64,
    at: Timestamp,
}

impl From<Saved> for Tracker {
    fn from(saved: Saved) -> Tracker {
        let mut tracker = Tracker {
            window: saved.window,
            max_authors: saved.max_authors,
            max_texts: saved.max_texts,
            clock: saved.clock,
            authors: saved.authors,
            texts: saved.texts,
        };
        for trail in tracker.authors.values_mut() {
            trail.normalise();
        }
        for spread in tracker.texts.values_mut() {
            spread.normalise();
        }
        let latest = tracker
            .authors
            .values()
            .map(|t| t.last)
            .chain(tracker.texts.values().map(|s| s.last))
            .max();
        tracker.clock = tracker.clock.max(latest);
        tracker.enforce_caps();
        tracker
    }
}

impl Trail {
    /// Puts a trail read from storage in order: by instant, at most [`MAX_POSTS`], sketches
    /// sorted and cut, and its latest instant no earlier than its comments.
    fn normalise(&mut self) {
        let mut posts: Vec<Trace> = self.posts.drain(..).collect();
        posts.sort_by_key(|p| p.at);
        let skip = posts.len().saturating_sub(MAX_POSTS);
        self.posts = posts.into_iter().skip(skip).collect();
        for post in &mut self.posts {
            post.sketch.sort_unstable();
            post.sketch.dedup();
            post.sketch.truncate(SKETCH);
        }
        if let Some(newest) = self.posts.back() {
            self.last = self.last.max(newest.at);
        }
    }

    /// Drops the comments out of the window at `now`.
    fn expire(&mut self, now: Timestamp, window: SignedDuration) {
        while self
            .posts
            .front()
            .is_some_and(|p| expired(p.at, now, window))
        {
            self.posts.pop_front();
        }
    }
}

impl Spread {
    /// Puts a spread read from storage in order: by instant, each author once at their latest,
    /// at most [`MAX_SPREAD`].
    fn normalise(&mut self) {
        // Each author's latest entry, in the order stored, then by instant: a spread already in
        // order is left as it was.
        let mut authors = std::collections::BTreeSet::new();
        let mut seen: Vec<Seen> = Vec::with_capacity(self.seen.len());
        for s in self.seen.drain(..).rev() {
            if authors.insert(s.author) {
                seen.push(s);
            }
        }
        seen.reverse();
        seen.sort_by_key(|s| s.at);
        let skip = seen.len().saturating_sub(MAX_SPREAD);
        self.seen = seen.into_iter().skip(skip).collect();
        if let Some(newest) = self.seen.back() {
            self.last = self.last.max(newest.at);
        }
    }

    fn expire(&mut self, now: Timestamp, window: SignedDuration) {
        while self
            .seen
            .front()
            .is_some_and(|s| expired(s.at, now, window))
        {
            self.seen.pop_front();
        }
    }
}

impl Default for Tracker {
    fn default() -> Tracker {
        Tracker::new()
    }
}

impl Tracker {
    /// An empty tracker with the default window (one hour) and caps (5,000 authors, 5,000
    /// texts).
    ///
    /// ```
    /// let tracker = galateo::Tracker::new();
    /// assert_eq!(tracker.window(), jiff::SignedDuration::from_hours(1));
    /// assert!(tracker.is_empty());
    /// ```
    pub fn new() -> Tracker {
        Tracker {
            window: DEFAULT_WINDOW,
            max_authors: DEFAULT_MAX_AUTHORS,
            max_texts: DEFAULT_MAX_TEXTS,
            clock: None,
            authors: BTreeMap::new(),
            texts: BTreeMap::new(),
        }
    }

    /// The tracker with comments counting for `window` (default one hour). A zero or negative
    /// window counts nothing.
    ///
    /// ```
    /// use jiff::SignedDuration;
    ///
    /// let tracker = galateo::Tracker::new().with_window(SignedDuration::from_hours(24));
    /// assert_eq!(tracker.window(), SignedDuration::from_hours(24));
    /// ```
    pub fn with_window(mut self, window: SignedDuration) -> Tracker {
        self.window = window;
        self.enforce_caps();
        self
    }

    /// The tracker keeping at most `authors` authors (default 5,000).
    ///
    /// ```
    /// assert_eq!(galateo::Tracker::new().with_max_authors(100).max_authors(), 100);
    /// ```
    pub fn with_max_authors(mut self, authors: usize) -> Tracker {
        self.max_authors = authors;
        self.enforce_caps();
        self
    }

    /// The tracker keeping at most `texts` texts for campaigns (default 5,000).
    ///
    /// ```
    /// assert_eq!(galateo::Tracker::new().with_max_texts(100).max_texts(), 100);
    /// ```
    pub fn with_max_texts(mut self, texts: usize) -> Tracker {
        self.max_texts = texts;
        self.enforce_caps();
        self
    }

    /// How long a comment counts.
    ///
    /// ```
    /// assert_eq!(galateo::Tracker::new().window(), jiff::SignedDuration::from_hours(1));
    /// ```
    pub fn window(&self) -> SignedDuration {
        self.window
    }

    /// The most authors kept.
    ///
    /// ```
    /// assert_eq!(galateo::Tracker::new().max_authors(), 5_000);
    /// ```
    pub fn max_authors(&self) -> usize {
        self.max_authors
    }

    /// The most texts kept for campaigns.
    ///
    /// ```
    /// assert_eq!(galateo::Tracker::new().max_texts(), 5_000);
    /// ```
    pub fn max_texts(&self) -> usize {
        self.max_texts
    }

    /// How many authors the tracker remembers.
    ///
    /// ```
    /// assert_eq!(galateo::Tracker::new().author_count(), 0);
    /// ```
    pub fn author_count(&self) -> usize {
        self.authors.len()
    }

    /// How many texts the tracker remembers for campaigns.
    ///
    /// ```
    /// assert_eq!(galateo::Tracker::new().text_count(), 0);
    /// ```
    pub fn text_count(&self) -> usize {
        self.texts.len()
    }

    /// How many comments the tracker remembers, over every author.
    ///
    /// ```
    /// assert_eq!(galateo::Tracker::new().comment_count(), 0);
    /// ```
    pub fn comment_count(&self) -> usize {
        self.authors.values().map(|t| t.posts.len()).sum()
    }

    /// Whether the tracker remembers nothing.
    ///
    /// ```
    /// assert!(galateo::Tracker::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.authors.is_empty() && self.texts.is_empty()
    }

    /// The latest instant observed (after clamping a broken clock): the tracker's own "now",
    /// for [`prune`](Self::prune) in a caller that keeps no clock.
    ///
    /// ```
    /// use galateo::{Author, Comment, Tracker};
    ///
    /// let mut tracker = Tracker::new();
    /// assert_eq!(tracker.latest(), None);
    /// let at: jiff::Timestamp = "2026-03-02T10:00:00Z".parse()?;
    /// tracker.observe(&Comment::new("ciao").with_author(Author::new("u1", "Anna")), at);
    /// assert_eq!(tracker.latest(), Some(at));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn latest(&self) -> Option<Timestamp> {
        self.clock
    }

    /// Observes `comment`, posted at `now`, and reports what it repeats.
    ///
    /// The comment is remembered (if its author has an id), so observing the same comment
    /// twice counts it twice: a caller that may replay input deduplicates first.
    ///
    /// ```
    /// use galateo::{Author, Comment, Kind, Severity, Tracker};
    /// use jiff::{SignedDuration, Timestamp};
    ///
    /// let mut tracker = Tracker::new();
    /// let t0: Timestamp = "2026-03-02T10:00:00+01:00".parse()?;
    /// let mut last = None;
    /// for (n, text) in ["Il semaforo è rotto", "Nessuno risponde?", "Ancora niente",
    ///                   "Siete spariti", "Vergogna, rispondete"].iter().enumerate() {
    ///     let comment = Comment::new(*text)
    ///         .with_author(Author::new("u1", "Mario Rossi"))
    ///         .with_thread("post-42");
    ///     last = Some(tracker.observe(&comment, t0 + SignedDuration::from_mins(n as i64)));
    /// }
    /// let last = last.unwrap();
    /// assert_eq!(last.repeats(), 5);
    /// assert_eq!(last.signals()[0].kind(), Kind::Trolling);
    /// assert_eq!(last.signals()[0].severity(), Severity::Low);
    ///
    /// // No author id: nothing to track.
    /// assert!(tracker.observe(&Comment::new("Ancora niente"), t0).signals().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn observe(&mut self, comment: &Comment, now: Timestamp) -> Observation {
        if comment.author_id().is_none() {
            return Observation::default();
        }
        let canonical = crate::text::normalize(&comment.text);
        self.observe_canonical(comment, &canonical, now)
    }

    /// [`observe`](Self::observe) with the comment's canonical text already computed.
    pub(crate) fn observe_canonical(
        &mut self,
        comment: &Comment,
        canonical: &str,
        now: Timestamp,
    ) -> Observation {
        let Some(author) = comment.author_id() else {
            return Observation::default();
        };
        let window = self.window;
        if window <= SignedDuration::ZERO {
            return Observation::new(1, 1, 1);
        }
        // A far-future instant is a broken clock: it counts at the tracker's own clock.
        let now = advance_clock(&mut self.clock, now);
        let author = fingerprint(b'a', author.as_bytes());
        let thread = comment
            .thread_key()
            .map(|t| fingerprint(b't', t.as_bytes()));
        let words = canonical.split(' ').filter(|w| !w.is_empty()).count();
        let sketch = if words >= MIN_DUPLICATE_WORDS {
            sketch(canonical)
        } else {
            Vec::new()
        };

        let trail = self.authors.entry(author).or_insert_with(|| Trail {
            last: now,
            posts: VecDeque::new(),
        });
        // The author's clock never goes back.
        let at = trail.last.max(now);
        trail.last = at;
        trail.expire(at, window);
        let mut repeats = 1u32;
        let mut duplicates = 1u32;
        for post in trail.posts.iter().filter(|p| within(p.at, at, window)) {
            if post.thread == thread {
                repeats = repeats.saturating_add(1);
            }
            if !sketch.is_empty() && similar(&post.sketch, &sketch) {
                duplicates = duplicates.saturating_add(1);
            }
        }
        trail.posts.push_back(Trace { at, thread, sketch });
        if trail.posts.len() > MAX_POSTS {
            trail.posts.pop_front();
        }

        let mut authors = 1u32;
        if words >= MIN_CAMPAIGN_WORDS {
            let text = fingerprint(b'x', canonical.as_bytes());
            let spread = self.texts.entry(text).or_insert_with(|| Spread {
                last: now,
                seen: VecDeque::new(),
            });
            let at = spread.last.max(now);
            spread.last = at;
            spread.expire(at, window);
            spread.seen.retain(|s| s.author != author);
            let others = spread
                .seen
                .iter()
                .filter(|s| within(s.at, at, window))
                .count();
            authors = u32::try_from(others).unwrap_or(u32::MAX).saturating_add(1);
            spread.seen.push_back(Seen { author, at });
            if spread.seen.len() > MAX_SPREAD {
                spread.seen.pop_front();
            }
        }
        self.enforce_caps();
        Observation::new(repeats, duplicates, authors)
    }

    /// Drops what is out of the window at `now`, and the authors and texts left with nothing,
    /// so that a long-running caller's tracker stays small. Comments after `now` are kept.
    ///
    /// ```
    /// use galateo::{Author, Comment, Tracker};
    /// use jiff::{SignedDuration, Timestamp};
    ///
    /// let mut tracker = Tracker::new();
    /// let at: Timestamp = "2026-03-02T10:00:00Z".parse()?;
    /// tracker.observe(&Comment::new("ciao a tutti").with_author(Author::new("u1", "Anna")), at);
    /// tracker.prune(at + SignedDuration::from_mins(30));
    /// assert_eq!(tracker.author_count(), 1);
    /// tracker.prune(at + SignedDuration::from_hours(2));
    /// assert!(tracker.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn prune(&mut self, now: Timestamp) {
        let window = self.window;
        self.authors.retain(|_, trail| {
            trail.expire(now, window);
            !trail.posts.is_empty()
        });
        self.texts.retain(|_, spread| {
            spread.expire(now, window);
            !spread.seen.is_empty()
        });
    }

    /// Forgets `author` entirely: their comments and their part in every text.
    ///
    /// ```
    /// use galateo::{Author, Comment, Tracker};
    ///
    /// let mut tracker = Tracker::new();
    /// let at: jiff::Timestamp = "2026-03-02T10:00:00Z".parse()?;
    /// tracker.observe(&Comment::new("ciao a tutti").with_author(Author::new("u1", "Anna")), at);
    /// tracker.forget("u1");
    /// assert!(tracker.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn forget(&mut self, author: &str) {
        let author = fingerprint(b'a', author.as_bytes());
        self.authors.remove(&author);
        self.texts.retain(|_, spread| {
            spread.seen.retain(|s| s.author != author);
            !spread.seen.is_empty()
        });
    }

    /// Keeps the tracker within its caps: what is out of the window goes first, then the
    /// authors (texts) seen least recently, down to seven eighths of the cap.
    fn enforce_caps(&mut self) {
        let window = self.window;
        if window <= SignedDuration::ZERO {
            self.authors.clear();
            self.texts.clear();
            return;
        }
        let clock = self.clock;
        if self.authors.len() > self.max_authors {
            if let Some(now) = clock {
                self.authors.retain(|_, trail| {
                    trail.expire(now, window);
                    !trail.posts.is_empty()
                });
            }
            evict(&mut self.authors, self.max_authors, |t| t.last);
        }
        if self.texts.len() > self.max_texts {
            if let Some(now) = clock {
                self.texts.retain(|_, spread| {
                    spread.expire(now, window);
                    !spread.seen.is_empty()
                });
            }
            evict(&mut self.texts, self.max_texts, |s| s.last);
        }
    }
}

/// Drops the entries of `map` seen least recently until at most seven eighths of `cap` are
/// left, when it holds more than `cap`.
fn evict<V>(map: &mut BTreeMap<u64, V>, cap: usize, last: impl Fn(&V) -> Timestamp) {
    if map.len() <= cap {
        return;
    }
    let keep = cap - cap / 8;
    let mut by_age: Vec<(Timestamp, u64)> = map.iter().map(|(k, v)| (last(v), *k)).collect();
    by_age.sort_unstable();
    let drop = by_age.len().saturating_sub(keep);
    for (_, key) in by_age.into_iter().take(drop) {
        map.remove(&key);
    }
}

/// A stable 64-bit fingerprint of `bytes` in `domain` (FNV-1a, then a SplitMix64 finaliser
/// to spread the bits): the same on every platform and in every version, so a saved state
/// stays meaningful.
fn fingerprint(domain: u8, bytes: &[u8]) -> u64 {
    let mut h = Fnv::new(domain);
    h.write(bytes);
    h.finish()
}

/// FNV-1a, fed piecewise.
struct Fnv(u64);

impl Fnv {
    fn new(domain: u8) -> Fnv {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        h.write(&[domain]);
        h
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// The bottom-k sketch of a canonical text: the [`SKETCH`] smallest distinct hashes of its
/// words and pairs of adjacent words, ascending.
fn sketch(canonical: &str) -> Vec<u32> {
    let mut hashes: Vec<u32> = Vec::new();
    let mut previous: Option<&str> = None;
    for word in canonical.split(' ').filter(|w| !w.is_empty()) {
        let mut h = Fnv::new(b'w');
        h.write(word.as_bytes());
        hashes.push(high(h.finish()));
        if let Some(before) = previous {
            let mut h = Fnv::new(b'p');
            h.write(before.as_bytes());
            h.write(b" ");
            h.write(word.as_bytes());
            hashes.push(high(h.finish()));
        }
        previous = Some(word);
        // Keep the working set small on long texts: only the smallest hashes matter.
        if hashes.len() >= 8 * SKETCH {
            hashes.sort_unstable();
            hashes.dedup();
            hashes.truncate(SKETCH);
        }
    }
    hashes.sort_unstable();
    hashes.dedup();
    hashes.truncate(SKETCH);
    hashes
}

fn high(h: u64) -> u32 {
    u32::try_from(h >> 32).unwrap_or(u32::MAX)
}

/// Whether two sketches estimate a Jaccard similarity of at least one half: among the
/// smallest [`SKETCH`] hashes of their union, at least half are in both.
fn similar(a: &[u32], b: &[u32]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (mut i, mut j) = (0, 0);
    let (mut union, mut shared) = (0usize, 0usize);
    while union < SKETCH {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                shared += 1;
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => i += 1,
            (Some(_), Some(_)) => j += 1,
            (Some(_), None) => i += 1,
            (None, Some(_)) => j += 1,
            (None, None) => break,
        }
        union += 1;
    }
    union > 0 && 2 * shared >= union
}

/// What the tracker saw of one comment: three counts within the window and the signals they
/// reach.
///
/// ```
/// let observation = galateo::Observation::default();
/// assert_eq!(observation.repeats(), 0);
/// assert!(observation.signals().is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Observation {
    repeats: u32,
    duplicates: u32,
    authors: u32,
    signals: Vec<Signal>,
}

impl Observation {
    fn new(repeats: u32, duplicates: u32, authors: u32) -> Observation {
        let mut signals = Vec::new();
        let mut reach = |count: u32, (review, flood): (u32, u32), kind: Kind, rule| {
            let severity = if count >= flood {
                Severity::Medium
            } else if count >= review {
                Severity::Low
            } else {
                return;
            };
            signals.push(Signal {
                kind,
                rule,
                severity,
                count,
            });
        };
        reach(repeats, REPEAT, Kind::Trolling, "tracker/repeat");
        reach(duplicates, DUPLICATE, Kind::Spam, "tracker/duplicate");
        reach(authors, CAMPAIGN, Kind::Spam, "tracker/campaign");
        Observation {
            repeats,
            duplicates,
            authors,
            signals,
        }
    }

    /// The author's comments in this thread within the window, this one included (0 when the
    /// comment was not observed: no author id).
    ///
    /// ```
    /// assert_eq!(galateo::Observation::default().repeats(), 0);
    /// ```
    pub fn repeats(&self) -> u32 {
        self.repeats
    }

    /// The author's near-duplicates of this comment within the window, in any thread, this
    /// one included (1 for a comment too short to compare).
    ///
    /// ```
    /// assert_eq!(galateo::Observation::default().duplicates(), 0);
    /// ```
    pub fn duplicates(&self) -> u32 {
        self.duplicates
    }

    /// The distinct authors of this same text within the window, in any thread, this one
    /// included (1 for a text too short to count).
    ///
    /// ```
    /// assert_eq!(galateo::Observation::default().authors(), 0);
    /// ```
    pub fn authors(&self) -> u32 {
        self.authors
    }

    /// The signals the counts reach, in the order repeat, duplicate, campaign.
    ///
    /// ```
    /// assert!(galateo::Observation::default().signals().is_empty());
    /// ```
    pub fn signals(&self) -> &[Signal] {
        &self.signals
    }
}

/// One thing the tracker found: a kind, a rule, how strong, and the count behind it.
///
/// ```
/// use galateo::{Author, Comment, Kind, Severity, Tracker};
///
/// let mut tracker = Tracker::new();
/// let at: jiff::Timestamp = "2026-03-02T10:00:00Z".parse()?;
/// let text = "Firmate la petizione per salvare il parco della Rimembranza";
/// let mut last = None;
/// for author in ["u1", "u2", "u3"] {
///     last = Some(tracker.observe(&Comment::new(text).with_author(Author::new(author, "")), at));
/// }
/// let signal = last.unwrap().signals()[0];
/// assert_eq!(signal.rule(), "tracker/campaign");
/// assert_eq!(signal.kind(), Kind::Spam);
/// assert_eq!(signal.severity(), Severity::Low);
/// assert_eq!(signal.count(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Signal {
    kind: Kind,
    rule: &'static str,
    severity: Severity,
    count: u32,
}

impl Signal {
    /// The kind: `trolling` for repeats, `spam` for duplicates and campaigns.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The rule id: `tracker/repeat`, `tracker/duplicate` or `tracker/campaign`.
    pub fn rule(&self) -> &'static str {
        self.rule
    }

    /// [`Severity::Low`] (review) from the first threshold, [`Severity::Medium`] (the
    /// category's decision) from the flood threshold.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The count that reached the threshold.
    pub fn count(&self) -> u32 {
        self.count
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests panic on purpose when an expectation fails"
)]
mod tests {
    use super::*;

    fn sk(text: &str) -> Vec<u32> {
        sketch(&crate::text::normalize(text))
    }

    #[test]
    fn small_edits_are_similar_and_other_texts_are_not() {
        let a = sk("Il cantiere di via Grande è fermo da tre mesi, quando riprendono i lavori?");
        assert!(similar(&a, &a));
        assert!(similar(
            &a,
            &sk("IL CANTIERE di via grande è fermo da 3 mesi!!! quando riprendono i lavori")
        ));
        assert!(similar(
            &a,
            &sk("Il cantiere di via Grande è fermo da quattro mesi, quando riprendono i lavori?")
        ));
        assert!(!similar(
            &a,
            &sk("La biblioteca comunale apre anche il sabato pomeriggio?")
        ));
        assert!(!similar(&a, &[]));
    }

    #[test]
    fn sketches_are_bounded_and_sorted() {
        let long = (0..10_000)
            .map(|n| format!("parola{n}"))
            .collect::<Vec<_>>()
            .join(" ");
        let s = sketch(&long);
        assert_eq!(s.len(), SKETCH);
        assert!(s.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn fingerprints_are_stable() {
        // A saved state must mean the same in every version: these values may never change.
        assert_eq!(fingerprint(b'a', b"u1"), fingerprint(b'a', b"u1"));
        assert_ne!(fingerprint(b'a', b"u1"), fingerprint(b't', b"u1"));
        assert_eq!(fingerprint(b'a', b""), 0x02c0_bdbf_4814_20f8);
    }
}
