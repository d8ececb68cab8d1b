//! The escalation ledger: strikes that decay, thresholds that yield sanctions.
//!
//! Policies answer repeated violations with growing sanctions: a warning, then blocking the
//! user, then a report to the platform or to the authorities. Counting violations for ever
//! would punish an author long after they changed their ways, so each strike counts only for
//! the policy's `window` and then decays, one strike at a time. Some findings (a threat, a
//! report of a crime) are grave enough to bring a sanction at once, whatever the count.
//!
//! The ledger is state owned by the caller; every call takes the instant it happens at, and
//! nothing reads the clock. The configuration ([`Escalation`]) comes from the policy and is
//! not part of the persisted state: a caller rebuilds a [`Ledger`] from the policy and loads
//! the saved [`LedgerState`] into it with [`Ledger::with_state`].

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use crate::names::names;
use crate::{Decision, Kind};

/// How repeated violations escalate, from the policy's `[escalation]` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Escalation {
    /// How long a strike counts before it decays.
    pub(crate) window: SignedDuration,
    /// Strikes added by a verdict, by its decision.
    pub(crate) strikes: StrikeWeights,
    /// Ascending by `strikes`, validated strictly increasing.
    pub(crate) thresholds: Vec<Threshold>,
    /// Kinds that bring a sanction at once, whatever the count.
    pub(crate) immediate: Vec<Immediate>,
}

/// Strikes a verdict adds, by its decision (`publish` adds none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrikeWeights {
    pub(crate) review: u32,
    pub(crate) hide: u32,
    pub(crate) remove: u32,
}

/// Reaching `strikes` active strikes brings `sanction`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Threshold {
    pub(crate) strikes: u32,
    pub(crate) sanction: Sanction,
}

/// A finding of any of `kinds` brings `sanction` at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Immediate {
    pub(crate) kinds: Vec<Kind>,
    pub(crate) sanction: Sanction,
}

/// Why [`Ledger::record_comment`] could not record a comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RecordError {
    /// The comment has no author, or an author without an id.
    #[error("the comment has no author id to record it under")]
    NoAuthor,
    /// The comment has no instant (`at`).
    #[error("the comment has no instant (`at`) to record it at")]
    NoInstant,
}

/// What the institution does about an author, mildest first.
///
/// ```
/// use galateo::Sanction;
///
/// assert_eq!(Sanction::ReportPlatform.as_str(), "report-platform");
/// assert_eq!("block".parse::<Sanction>().unwrap(), Sanction::Block);
/// assert!(Sanction::Warn < Sanction::ReportAuthorities);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Sanction {
    /// Warn the author that further violations lead to a block.
    Warn,
    /// Block the author from the page.
    Block,
    /// Report the author to the platform's moderation.
    ReportPlatform,
    /// Report the author to the competent authorities.
    ReportAuthorities,
}

names!(Sanction, "sanction", [
    Warn => "warn",
    Block => "block",
    ReportPlatform => "report-platform",
    ReportAuthorities => "report-authorities",
], serde);

impl Default for Escalation {
    /// An escalation that never sanctions: no strikes, no thresholds, no immediate
    /// sanctions, and a zero window. It stands for policies without an `[escalation]` table.
    ///
    /// ```
    /// use galateo::{Decision, Escalation};
    ///
    /// let escalation = Escalation::default();
    /// assert_eq!(escalation.strikes_for(Decision::Remove), 0);
    /// assert!(escalation.thresholds().is_empty());
    /// assert!(escalation.immediate().is_empty());
    /// ```
    fn default() -> Escalation {
        Escalation {
            window: SignedDuration::ZERO,
            strikes: StrikeWeights {
                review: 0,
                hide: 0,
                remove: 0,
            },
            thresholds: Vec::new(),
            immediate: Vec::new(),
        }
    }
}

impl Escalation {
    /// How long a strike counts after it was added. A zero or negative window means
    /// strikes never count.
    ///
    /// ```
    /// use jiff::SignedDuration;
    ///
    /// assert_eq!(galateo::Escalation::default().window(), SignedDuration::ZERO);
    /// ```
    pub fn window(&self) -> SignedDuration {
        self.window
    }

    /// The strikes each decision adds.
    ///
    /// ```
    /// let weights = galateo::Escalation::default().strike_weights();
    /// assert_eq!((weights.review(), weights.hide(), weights.remove()), (0, 0, 0));
    /// ```
    pub fn strike_weights(&self) -> StrikeWeights {
        self.strikes
    }

    /// The thresholds of active strikes that bring a sanction, ascending.
    ///
    /// ```
    /// assert!(galateo::Escalation::default().thresholds().is_empty());
    /// ```
    pub fn thresholds(&self) -> &[Threshold] {
        &self.thresholds
    }

    /// The kinds of finding that bring a sanction at once.
    ///
    /// ```
    /// assert!(galateo::Escalation::default().immediate().is_empty());
    /// ```
    pub fn immediate(&self) -> &[Immediate] {
        &self.immediate
    }

    /// The strikes a verdict with `decision` adds; [`Decision::Publish`] adds none.
    ///
    /// ```
    /// use galateo::{Decision, Escalation};
    ///
    /// assert_eq!(Escalation::default().strikes_for(Decision::Publish), 0);
    /// ```
    pub fn strikes_for(&self, decision: Decision) -> u32 {
        match decision {
            Decision::Publish => 0,
            Decision::Review => self.strikes.review,
            Decision::Hide => self.strikes.hide,
            Decision::Remove => self.strikes.remove,
        }
    }

    /// The gravest immediate sanction that any of `kinds` brings.
    fn immediate_sanction(&self, kinds: &[Kind]) -> Option<Sanction> {
        self.immediate
            .iter()
            .filter(|immediate| kinds.iter().any(|kind| immediate.kinds.contains(kind)))
            .map(|immediate| immediate.sanction)
            .max()
    }
}

impl Threshold {
    /// The active strikes that reach the threshold.
    ///
    /// ```
    /// for threshold in galateo::Escalation::default().thresholds() {
    ///     println!("{} strikes: {}", threshold.strikes(), threshold.sanction());
    /// }
    /// ```
    pub fn strikes(&self) -> u32 {
        self.strikes
    }

    /// The sanction reaching the threshold brings.
    ///
    /// ```
    /// for threshold in galateo::Escalation::default().thresholds() {
    ///     println!("{}", threshold.sanction());
    /// }
    /// ```
    pub fn sanction(&self) -> Sanction {
        self.sanction
    }

    /// The active strikes needed to reach the threshold: a threshold of zero strikes needs one,
    /// so that an author without strikes is never sanctioned.
    fn needs(&self) -> u32 {
        self.strikes.max(1)
    }
}

impl Immediate {
    /// The kinds of finding that bring the sanction.
    ///
    /// ```
    /// for immediate in galateo::Escalation::default().immediate() {
    ///     println!("{:?}", immediate.kinds());
    /// }
    /// ```
    pub fn kinds(&self) -> &[Kind] {
        &self.kinds
    }

    /// The sanction a finding of those kinds brings at once.
    ///
    /// ```
    /// for immediate in galateo::Escalation::default().immediate() {
    ///     println!("{}", immediate.sanction());
    /// }
    /// ```
    pub fn sanction(&self) -> Sanction {
        self.sanction
    }
}

impl StrikeWeights {
    /// Strikes added by a verdict that sends the comment to review.
    ///
    /// ```
    /// assert_eq!(galateo::Escalation::default().strike_weights().review(), 0);
    /// ```
    pub fn review(&self) -> u32 {
        self.review
    }

    /// Strikes added by a verdict that hides the comment.
    ///
    /// ```
    /// assert_eq!(galateo::Escalation::default().strike_weights().hide(), 0);
    /// ```
    pub fn hide(&self) -> u32 {
        self.hide
    }

    /// Strikes added by a verdict that removes the comment.
    ///
    /// ```
    /// assert_eq!(galateo::Escalation::default().strike_weights().remove(), 0);
    /// ```
    pub fn remove(&self) -> u32 {
        self.remove
    }
}

/// Strikes per author, checked against a policy's [`Escalation`].
///
/// The ledger holds the configuration and the state; only the state ([`LedgerState`]) is
/// persisted. To save it, serialise [`Ledger::state`]; to resume, build the ledger from the
/// policy again and load the state with [`Ledger::with_state`]. A changed policy then applies
/// at once to the strikes already recorded.
///
/// # Semantics
///
/// * Each verdict adds [`Escalation::strikes_for`] its decision, at the instant it is recorded.
///   A strike counts from that instant for [`Escalation::window`] (start inclusive, end
///   exclusive), then decays; strikes decay one by one.
/// * After adding, every threshold the author's active strikes reach is issued, unless it was
///   already issued and the author's active strikes have not dropped below it since: the same
///   threshold fires once while the strikes that reached it are active, and again only after
///   they dropped below it and rose back.
/// * A finding of an immediate kind brings that sanction at once, every time; it stays in
///   force for one window.
/// * Recording returns the gravest of the immediate sanction and the thresholds that fired.
/// * Time is the caller's: a record earlier than the author's latest one is taken as
///   happening at the latest (the author's clock never goes back), while its strikes still
///   count from their own instant, so a late verdict counts only for what is left of its
///   window. Queries ([`strikes`](Ledger::strikes), [`sanction`](Ledger::sanction)) answer for
///   the instant asked, counting the strikes added at or before it.
/// * A broken clock cannot disarm the ledger: an instant more than 366 days after the latest
///   one the ledger has seen (for anyone) is taken as happening at that latest instant.
///
/// # Cost and size
///
/// Strikes are kept per author in time order with running sums: recording in time order and
/// every query cost a binary search (`O(log n)` in the author's strikes); a late record costs
/// linear time in the strikes after it. Strikes that decayed more than a year before the
/// author's latest record are dropped as records come in, so an author's state is bounded by
/// a window and a year of activity; queries up to a year before the latest record stay exact.
/// [`prune`](Ledger::prune) drops more, on the caller's clock.
///
/// ```
/// use galateo::{Escalation, Ledger};
/// use jiff::Timestamp;
///
/// let ledger = Ledger::new(Escalation::default());
/// let now: Timestamp = "2025-03-05T10:00:00Z".parse().unwrap();
/// assert_eq!(ledger.strikes("mario.rossi", now), 0);
/// assert_eq!(ledger.sanction("mario.rossi", now), None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ledger {
    escalation: Escalation,
    state: LedgerState,
}

/// The persisted part of a [`Ledger`]: strikes and issued sanctions per author.
///
/// It serialises with serde (instants as RFC 3339 strings); its contents are otherwise opaque.
///
/// ```
/// use galateo::{Escalation, Ledger, LedgerState};
///
/// let ledger = Ledger::new(Escalation::default());
/// let saved = ledger.state().clone();
/// let restored = Ledger::new(Escalation::default()).with_state(saved);
/// assert!(restored.state().is_empty());
/// assert_eq!(LedgerState::default(), *restored.state());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerState {
    #[serde(default)]
    authors: BTreeMap<String, AuthorRecord>,
    /// The latest plausible instant recorded for anyone: the ledger's own clock, against
    /// which a far-future instant (a broken clock) is clamped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    clock: Option<Timestamp>,
}

/// How far past the ledger's clock an instant may lie before it is taken for a broken clock
/// and clamped to the ledger's clock: longer than any pause of a real service.
const MAX_SKEW: SignedDuration = SignedDuration::from_hours(24 * 366);

/// What the ledger remembers of one author.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct AuthorRecord {
    /// The latest instant recorded for the author.
    last_seen: Timestamp,
    /// Strikes by instant, oldest first, one entry per instant.
    #[serde(default, skip_serializing_if = "VecDeque::is_empty")]
    strikes: VecDeque<Strike>,
    /// `sums[i]` is `base` plus the counts of `strikes[..=i]`: the strikes of any range of
    /// instants add up in two lookups. Rebuilt on load, never persisted.
    #[serde(skip)]
    sums: VecDeque<u64>,
    /// What `sums` counts from: the strikes dropped from the front.
    #[serde(skip)]
    base: u64,
    /// Strike counts of thresholds issued while the author's strikes stayed at or above them.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    issued: BTreeSet<u32>,
    /// Immediate sanctions, each at the latest instant it was brought.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    immediate: Vec<Issued>,
}

/// Records are equal when they remember the same: the sums are how they remember it.
impl PartialEq for AuthorRecord {
    fn eq(&self, other: &Self) -> bool {
        self.last_seen == other.last_seen
            && self.strikes == other.strikes
            && self.issued == other.issued
            && self.immediate == other.immediate
    }
}

impl Eq for AuthorRecord {}

/// Strikes added at one instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Strike {
    at: Timestamp,
    count: u32,
}

/// A sanction brought at one instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Issued {
    at: Timestamp,
    sanction: Sanction,
}

/// The instant `now` as a clock that has reached `clock` takes it, and the clock advanced to
/// it: an instant more than [`MAX_SKEW`] past the clock is a broken clock, and counts at the
/// clock. The ledger and the [`Tracker`](crate::Tracker) keep time this way.
pub(crate) fn advance_clock(clock: &mut Option<Timestamp>, now: Timestamp) -> Timestamp {
    let now = match *clock {
        Some(c) if c.checked_add(MAX_SKEW).is_ok_and(|limit| now > limit) => c,
        _ => now,
    };
    *clock = Some(clock.map_or(now, |c| c.max(now)));
    now
}

/// Whether something added at `at` counts at `now` for `window`.
pub(crate) fn active(at: Timestamp, now: Timestamp, window: SignedDuration) -> bool {
    at <= now && now.duration_since(at) < window
}

/// Whether something added at `at` has decayed by `now` for `window`.
pub(crate) fn decayed(at: Timestamp, now: Timestamp, window: SignedDuration) -> bool {
    at <= now && now.duration_since(at) >= window
}

impl AuthorRecord {
    fn new(last_seen: Timestamp) -> AuthorRecord {
        AuthorRecord {
            last_seen,
            strikes: VecDeque::new(),
            sums: VecDeque::new(),
            base: 0,
            issued: BTreeSet::new(),
            immediate: Vec::new(),
        }
    }

    /// Restores the invariants of a record read from storage: strikes sorted, one per
    /// instant, and their sums.
    fn normalise(&mut self) {
        let mut strikes: Vec<Strike> = self.strikes.drain(..).collect();
        strikes.sort_by_key(|s| s.at);
        for s in strikes {
            match self.strikes.back_mut() {
                Some(last) if last.at == s.at => last.count = last.count.saturating_add(s.count),
                _ => self.strikes.push_back(s),
            }
        }
        self.base = 0;
        self.resum(0);
    }

    /// Recomputes `sums` from index `from` on.
    fn resum(&mut self, from: usize) {
        self.sums.truncate(from);
        let mut total = self.sums.back().copied().unwrap_or(self.base);
        for s in self.strikes.iter().skip(from) {
            total += u64::from(s.count);
            self.sums.push_back(total);
        }
    }

    /// Adds `count` strikes at `at`: constant time when `at` is the latest instant, linear in
    /// the later strikes otherwise (a late record).
    fn add(&mut self, at: Timestamp, count: u32) {
        let pos = self.strikes.partition_point(|s| s.at <= at);
        if pos > 0
            && let Some(same) = self.strikes.get_mut(pos - 1)
            && same.at == at
        {
            same.count = same.count.saturating_add(count);
            self.resum(pos - 1);
            return;
        }
        self.strikes.insert(pos, Strike { at, count });
        self.resum(pos);
    }

    /// Active strikes at `now`: those added in `(now - window, now]`, in two binary searches.
    fn active_strikes(&self, now: Timestamp, window: SignedDuration) -> u32 {
        let end = self.strikes.partition_point(|s| s.at <= now);
        let start = self
            .strikes
            .partition_point(|s| now.duration_since(s.at) >= window)
            .min(end);
        if start >= end {
            return 0;
        }
        let upto = |i: usize| {
            if i == 0 {
                self.base
            } else {
                self.sums.get(i - 1).copied().unwrap_or(self.base)
            }
        };
        u32::try_from(upto(end).saturating_sub(upto(start))).unwrap_or(u32::MAX)
    }

    /// Drops what decayed by `now`: strikes from the front, in amortised constant time.
    fn forget_decayed(&mut self, now: Timestamp, window: SignedDuration) {
        while let Some(front) = self.strikes.front() {
            if !decayed(front.at, now, window) {
                break;
            }
            self.strikes.pop_front();
            if let Some(sum) = self.sums.pop_front() {
                self.base = sum;
            }
        }
        self.immediate
            .retain(|issued| !decayed(issued.at, now, window));
    }

    /// Whether nothing is left that could count again.
    fn is_empty(&self) -> bool {
        self.strikes.is_empty() && self.immediate.is_empty()
    }
}

impl Ledger {
    /// An empty ledger for `escalation`.
    ///
    /// ```
    /// use galateo::{Escalation, Ledger};
    ///
    /// assert!(Ledger::new(Escalation::default()).state().is_empty());
    /// ```
    pub fn new(escalation: Escalation) -> Ledger {
        Ledger {
            escalation,
            state: LedgerState::default(),
        }
    }

    /// The escalation the ledger applies.
    ///
    /// ```
    /// use galateo::{Escalation, Ledger};
    ///
    /// assert_eq!(*Ledger::new(Escalation::default()).escalation(), Escalation::default());
    /// ```
    pub fn escalation(&self) -> &Escalation {
        &self.escalation
    }

    /// The ledger's state, to persist (it implements serde's `Serialize`).
    ///
    /// ```
    /// use galateo::{Escalation, Ledger};
    ///
    /// let ledger = Ledger::new(Escalation::default());
    /// assert_eq!(ledger.state().len(), 0);
    /// ```
    pub fn state(&self) -> &LedgerState {
        &self.state
    }

    /// The ledger with its state replaced by `state`, e.g. one loaded from storage.
    ///
    /// ```
    /// use galateo::{Escalation, Ledger, LedgerState};
    ///
    /// let ledger = Ledger::new(Escalation::default()).with_state(LedgerState::default());
    /// assert!(ledger.state().is_empty());
    /// ```
    pub fn with_state(mut self, mut state: LedgerState) -> Ledger {
        for record in state.authors.values_mut() {
            record.normalise();
        }
        self.state = state;
        self
    }

    /// Records a verdict for `author` at `now`; returns the sanction it triggers, if any.
    ///
    /// ```
    /// use galateo::{Moderator, Policy};
    ///
    /// let moderator = Moderator::new(Policy::preset("comune-livorno")?);
    /// let mut ledger = moderator.ledger();
    /// let now: jiff::Timestamp = "2026-03-02T10:00:00+01:00".parse().unwrap();
    /// let verdict = moderator.classify("Grazie!");
    /// assert_eq!(ledger.record("u1", &verdict, now), None);
    /// assert_eq!(ledger.strikes("u1", now), 0);
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn record(
        &mut self,
        author: &str,
        verdict: &crate::Verdict,
        now: jiff::Timestamp,
    ) -> Option<Sanction> {
        // Weak evidence waits for a person: it brings no immediate sanction.
        let kinds: Vec<crate::Kind> = verdict
            .findings()
            .iter()
            .filter(|f| f.severity() > crate::Severity::Low)
            .map(|f| f.kind())
            .collect();
        // A comment hidden only because nobody was on duty counts as what it was: a review.
        let decision = if verdict.is_outside_hours() {
            crate::Decision::Review
        } else {
            verdict.decision()
        };
        self.record_parts(author, decision, &kinds, now)
    }

    /// Records the verdict of `comment` for its author at its instant: the same as
    /// [`record`](Self::record) with what the comment already holds. Returns the sanction the
    /// comment triggers, if any; [`sanction`](Self::sanction) tells what is in force.
    ///
    /// The ledger keeps no comment ids: recording the same comment twice (a retry, a replayed
    /// stream) counts its strikes twice, so a caller that may replay input deduplicates first.
    ///
    /// # Errors
    ///
    /// [`RecordError::NoAuthor`] when the comment has no author id (id-less authors would
    /// otherwise share one record), [`RecordError::NoInstant`] when it has no `at`.
    ///
    /// ```
    /// use galateo::{Author, Comment, Moderator, Policy, RecordError};
    ///
    /// let moderator = Moderator::new(Policy::preset("comune-livorno")?);
    /// let mut ledger = moderator.ledger();
    /// let at: jiff::Timestamp = "2026-03-02T10:00:00+01:00".parse()?;
    /// let comment = Comment::new("sei un coglione")
    ///     .with_author(Author::new("u1", "Mario Rossi"))
    ///     .with_at(at);
    /// let verdict = moderator.moderate(&comment);
    /// ledger.record_comment(&comment, &verdict)?;
    /// assert!(ledger.strikes("u1", at) > 0);
    ///
    /// let anonymous = Comment::new("sei un coglione").with_author(Author::named("Mario")).with_at(at);
    /// assert_eq!(ledger.record_comment(&anonymous, &verdict), Err(RecordError::NoAuthor));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn record_comment(
        &mut self,
        comment: &crate::Comment,
        verdict: &crate::Verdict,
    ) -> Result<Option<Sanction>, RecordError> {
        let author = comment.author_id().ok_or(RecordError::NoAuthor)?;
        let at = comment.at.ok_or(RecordError::NoInstant)?;
        Ok(self.record(author, verdict, at))
    }

    /// Records the outcome of a verdict (its decision and the kinds it found) for `author` at
    /// `now`, and returns the sanction it triggers, if any: the gravest of the immediate
    /// sanction of its kinds and the thresholds newly reached.
    pub(crate) fn record_parts(
        &mut self,
        author: &str,
        decision: Decision,
        kinds: &[Kind],
        now: Timestamp,
    ) -> Option<Sanction> {
        let escalation = &self.escalation;
        let window = escalation.window;
        let count = escalation.strikes_for(decision);
        let immediate = escalation.immediate_sanction(kinds);
        if count == 0 && immediate.is_none() {
            return None;
        }
        // A far-future instant is a broken clock: it counts at the ledger's own clock, so one
        // bad record cannot push an author's strikes out of the present.
        let now = advance_clock(&mut self.state.clock, now);
        let record = self
            .state
            .authors
            .entry(author.to_owned())
            .or_insert_with(|| AuthorRecord::new(now));
        // The author's clock never goes back.
        let at = record.last_seen.max(now);
        record.last_seen = at;
        // What decayed a year before the latest record goes: the state stays bounded, and
        // queries up to a year back still count exactly.
        if let Ok(horizon) = at.checked_sub(MAX_SKEW) {
            record.forget_decayed(horizon, window);
        }
        // Active strikes only decrease between records: below a threshold now means they
        // dropped below it since it was issued, so it may fire again.
        let before = record.active_strikes(at, window);
        record.issued.retain(|&needs| needs <= before);
        if count > 0 && !decayed(now, at, window) {
            record.add(now, count);
        }
        let after = record.active_strikes(at, window);
        let reached = escalation
            .thresholds
            .iter()
            .filter(|threshold| after >= threshold.needs());
        let fired = reached
            .clone()
            .filter(|threshold| !record.issued.contains(&threshold.needs()))
            .map(|threshold| threshold.sanction)
            .max();
        record.issued.extend(reached.map(Threshold::needs));
        if let Some(sanction) = immediate {
            match record
                .immediate
                .iter_mut()
                .find(|issued| issued.sanction == sanction)
            {
                Some(issued) => issued.at = issued.at.max(now),
                None => record.immediate.push(Issued { at: now, sanction }),
            }
        }
        if record.is_empty() {
            self.state.authors.remove(author);
        }
        fired.max(immediate)
    }

    /// The active strikes of `author` at `now`: those added at or before `now` that have not
    /// decayed.
    ///
    /// ```
    /// use galateo::{Escalation, Ledger};
    /// use jiff::Timestamp;
    ///
    /// let ledger = Ledger::new(Escalation::default());
    /// assert_eq!(ledger.strikes("anna", Timestamp::UNIX_EPOCH), 0);
    /// ```
    pub fn strikes(&self, author: &str, now: Timestamp) -> u32 {
        self.state.authors.get(author).map_or(0, |record| {
            record.active_strikes(now, self.escalation.window)
        })
    }

    /// The gravest sanction in force for `author` at `now`: from a threshold their active
    /// strikes reach, or from an immediate sanction brought within the last window.
    ///
    /// ```
    /// use galateo::{Escalation, Ledger};
    /// use jiff::Timestamp;
    ///
    /// let ledger = Ledger::new(Escalation::default());
    /// assert_eq!(ledger.sanction("anna", Timestamp::UNIX_EPOCH), None);
    /// ```
    pub fn sanction(&self, author: &str, now: Timestamp) -> Option<Sanction> {
        let record = self.state.authors.get(author)?;
        let window = self.escalation.window;
        let strikes = record.active_strikes(now, window);
        let threshold = self
            .escalation
            .thresholds
            .iter()
            .filter(|threshold| strikes >= threshold.needs())
            .map(|threshold| threshold.sanction)
            .max();
        let immediate = record
            .immediate
            .iter()
            .filter(|issued| active(issued.at, now, window))
            .map(|issued| issued.sanction)
            .max();
        threshold.max(immediate)
    }

    /// The latest instant recorded for any author: the ledger's own "now", for
    /// [`prune`](Self::prune) in a caller that keeps no clock.
    ///
    /// ```
    /// use galateo::{Moderator, Policy};
    ///
    /// let moderator = Moderator::new(Policy::preset("comune-livorno")?);
    /// let mut ledger = moderator.ledger();
    /// assert_eq!(ledger.latest(), None);
    /// let at: jiff::Timestamp = "2026-03-02T10:00:00Z".parse()?;
    /// ledger.record("u1", &moderator.classify("sei un coglione"), at);
    /// assert_eq!(ledger.latest(), Some(at));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn latest(&self) -> Option<Timestamp> {
        self.state.authors.values().map(|r| r.last_seen).max()
    }

    /// Drops the strikes and sanctions that decayed by `now`, and the authors left with
    /// nothing, so that a long-running caller's ledger stays bounded. Strikes added after
    /// `now` are kept.
    ///
    /// ```
    /// use galateo::{Escalation, Ledger};
    /// use jiff::Timestamp;
    ///
    /// let mut ledger = Ledger::new(Escalation::default());
    /// ledger.prune(Timestamp::UNIX_EPOCH);
    /// assert!(ledger.state().is_empty());
    /// ```
    pub fn prune(&mut self, now: Timestamp) {
        let window = self.escalation.window;
        self.state.authors.retain(|_, record| {
            record.forget_decayed(now, window);
            !record.is_empty()
        });
    }

    /// Forgets `author` entirely, e.g. after a successful appeal.
    ///
    /// ```
    /// use galateo::{Escalation, Ledger};
    ///
    /// let mut ledger = Ledger::new(Escalation::default());
    /// ledger.forget("anna");
    /// assert!(ledger.state().is_empty());
    /// ```
    pub fn forget(&mut self, author: &str) {
        self.state.authors.remove(author);
    }
}

impl LedgerState {
    /// How many authors the state remembers.
    ///
    /// ```
    /// assert_eq!(galateo::LedgerState::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.authors.len()
    }

    /// Whether the state remembers no author.
    ///
    /// ```
    /// assert!(galateo::LedgerState::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.authors.is_empty()
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

    const DAY: SignedDuration = SignedDuration::from_hours(24);

    /// A month's window; hide adds 1 strike, remove 2; warn at 3, block at 5, report at 8;
    /// threats are reported to the authorities at once, illegal content to the platform.
    fn escalation() -> Escalation {
        Escalation {
            window: SignedDuration::from_hours(30 * 24),
            strikes: StrikeWeights {
                review: 0,
                hide: 1,
                remove: 2,
            },
            thresholds: vec![
                Threshold {
                    strikes: 3,
                    sanction: Sanction::Warn,
                },
                Threshold {
                    strikes: 5,
                    sanction: Sanction::Block,
                },
                Threshold {
                    strikes: 8,
                    sanction: Sanction::ReportPlatform,
                },
            ],
            immediate: vec![
                Immediate {
                    kinds: vec![Kind::Threat, Kind::CrimeReport],
                    sanction: Sanction::ReportAuthorities,
                },
                Immediate {
                    kinds: vec![Kind::Illegal],
                    sanction: Sanction::ReportPlatform,
                },
            ],
        }
    }

    fn t0() -> Timestamp {
        "2025-03-05T10:00:00Z".parse().unwrap()
    }

    fn day(n: i64) -> Timestamp {
        t0().checked_add(SignedDuration::from_hours(24 * n))
            .unwrap()
    }

    fn hide(ledger: &mut Ledger, author: &str, at: Timestamp) -> Option<Sanction> {
        ledger.record_parts(author, Decision::Hide, &[Kind::Insult], at)
    }

    #[test]
    fn none_never_sanctions() {
        let mut ledger = Ledger::new(Escalation::default());
        for decision in Decision::ALL {
            assert_eq!(ledger.record_parts("a", decision, &Kind::ALL, t0()), None);
        }
        assert_eq!(ledger.strikes("a", t0()), 0);
        assert_eq!(ledger.sanction("a", t0()), None);
        assert!(ledger.state().is_empty());
    }

    #[test]
    fn strikes_for_each_decision() {
        let escalation = escalation();
        assert_eq!(escalation.strikes_for(Decision::Publish), 0);
        assert_eq!(escalation.strikes_for(Decision::Review), 0);
        assert_eq!(escalation.strikes_for(Decision::Hide), 1);
        assert_eq!(escalation.strikes_for(Decision::Remove), 2);
    }

    #[test]
    fn accessors() {
        let escalation = escalation();
        assert_eq!(escalation.window(), 30 * DAY);
        let weights = escalation.strike_weights();
        assert_eq!(
            (weights.review(), weights.hide(), weights.remove()),
            (0, 1, 2)
        );
        assert_eq!(escalation.thresholds()[1].strikes(), 5);
        assert_eq!(escalation.thresholds()[1].sanction(), Sanction::Block);
        assert_eq!(escalation.immediate()[1].kinds(), &[Kind::Illegal]);
        assert_eq!(
            escalation.immediate()[1].sanction(),
            Sanction::ReportPlatform
        );
        assert_eq!(*Ledger::new(escalation.clone()).escalation(), escalation);
    }

    #[test]
    fn strikes_accumulate_by_decision() {
        let mut ledger = Ledger::new(escalation());
        assert_eq!(hide(&mut ledger, "a", day(0)), None);
        assert_eq!(ledger.strikes("a", day(0)), 1);
        assert_eq!(
            ledger.record_parts("a", Decision::Review, &[Kind::Misinformation], day(1)),
            None
        );
        assert_eq!(ledger.strikes("a", day(1)), 1);
        assert_eq!(
            ledger.record_parts("a", Decision::Publish, &[], day(1)),
            None
        );
        assert_eq!(ledger.strikes("a", day(1)), 1);
        assert_eq!(
            ledger.record_parts("a", Decision::Remove, &[Kind::Vulgarity], day(2)),
            Some(Sanction::Warn)
        );
        assert_eq!(ledger.strikes("a", day(2)), 3);
        // Strikes added later do not count at an earlier instant.
        assert_eq!(ledger.strikes("a", day(1)), 1);
    }

    #[test]
    fn publish_alone_leaves_no_trace() {
        let mut ledger = Ledger::new(escalation());
        assert_eq!(ledger.record_parts("a", Decision::Publish, &[], t0()), None);
        assert_eq!(ledger.record_parts("a", Decision::Review, &[], t0()), None);
        assert!(ledger.state().is_empty());
    }

    #[test]
    fn strikes_decay_individually() {
        let mut ledger = Ledger::new(escalation());
        hide(&mut ledger, "a", day(0));
        hide(&mut ledger, "a", day(10));
        assert_eq!(ledger.strikes("a", day(29)), 2);
        // The window's end is exclusive.
        let expiry = day(0).checked_add(30 * DAY).unwrap();
        assert_eq!(
            ledger.strikes("a", expiry - SignedDuration::from_nanos(1)),
            2
        );
        assert_eq!(ledger.strikes("a", expiry), 1);
        assert_eq!(ledger.strikes("a", day(39)), 1);
        assert_eq!(ledger.strikes("a", day(40)), 0);
    }

    #[test]
    fn threshold_fires_once() {
        let mut ledger = Ledger::new(escalation());
        assert_eq!(hide(&mut ledger, "a", day(0)), None);
        assert_eq!(hide(&mut ledger, "a", day(1)), None);
        assert_eq!(hide(&mut ledger, "a", day(2)), Some(Sanction::Warn));
        assert_eq!(hide(&mut ledger, "a", day(3)), None);
        assert_eq!(hide(&mut ledger, "a", day(4)), Some(Sanction::Block));
        assert_eq!(hide(&mut ledger, "a", day(5)), None);
        assert_eq!(ledger.strikes("a", day(5)), 6);
        assert_eq!(ledger.sanction("a", day(5)), Some(Sanction::Block));
    }

    #[test]
    fn jumping_thresholds_returns_the_gravest() {
        let mut ledger = Ledger::new(escalation());
        let remove = |ledger: &mut Ledger| ledger.record_parts("a", Decision::Remove, &[], day(0));
        assert_eq!(remove(&mut ledger), None); // 2
        assert_eq!(remove(&mut ledger), Some(Sanction::Warn)); // 4
        assert_eq!(remove(&mut ledger), Some(Sanction::Block)); // 6
        assert_eq!(remove(&mut ledger), Some(Sanction::ReportPlatform)); // 8
        assert_eq!(remove(&mut ledger), None); // 10

        let mut heavy = escalation();
        heavy.strikes.remove = 9;
        let mut ledger = Ledger::new(heavy);
        // From 0 to 9 strikes at once: all three thresholds are reached, the gravest returned.
        assert_eq!(
            ledger.record_parts("b", Decision::Remove, &[], day(0)),
            Some(Sanction::ReportPlatform)
        );
        // The lower thresholds count as issued too.
        assert_eq!(hide(&mut ledger, "b", day(1)), None);
        assert_eq!(ledger.sanction("b", day(1)), Some(Sanction::ReportPlatform));
    }

    #[test]
    fn threshold_fires_again_after_dropping_below() {
        let mut ledger = Ledger::new(escalation());
        hide(&mut ledger, "a", day(0));
        hide(&mut ledger, "a", day(1));
        assert_eq!(hide(&mut ledger, "a", day(2)), Some(Sanction::Warn));
        // On day 31 the strikes of days 0 and 1 have decayed: one left, below 3.
        assert_eq!(ledger.strikes("a", day(31)), 1);
        assert_eq!(ledger.sanction("a", day(31)), None);
        assert_eq!(hide(&mut ledger, "a", day(31)), None);
        assert_eq!(hide(&mut ledger, "a", day(31)), Some(Sanction::Warn));
    }

    #[test]
    fn threshold_stays_issued_while_strikes_stay_above() {
        let mut ledger = Ledger::new(escalation());
        hide(&mut ledger, "a", day(0));
        hide(&mut ledger, "a", day(1));
        assert_eq!(hide(&mut ledger, "a", day(2)), Some(Sanction::Warn));
        // Each new strike arrives as an old one decays: never below 3.
        assert_eq!(hide(&mut ledger, "a", day(29)), None);
        assert_eq!(hide(&mut ledger, "a", day(30)), None);
        assert_eq!(hide(&mut ledger, "a", day(31)), None);
        assert_eq!(hide(&mut ledger, "a", day(32)), None);
        assert_eq!(ledger.strikes("a", day(32)), 4);
    }

    #[test]
    fn immediate_sanction_at_once() {
        let mut ledger = Ledger::new(escalation());
        assert_eq!(
            ledger.record_parts("a", Decision::Remove, &[Kind::Insult, Kind::Threat], day(0)),
            Some(Sanction::ReportAuthorities)
        );
        // Every such finding brings it again.
        assert_eq!(
            ledger.record_parts("a", Decision::Remove, &[Kind::CrimeReport], day(1)),
            Some(Sanction::ReportAuthorities)
        );
        assert_eq!(ledger.strikes("a", day(1)), 4);
        // Even when the decision adds no strike.
        assert_eq!(
            ledger.record_parts("b", Decision::Review, &[Kind::Illegal], day(0)),
            Some(Sanction::ReportPlatform)
        );
        assert_eq!(ledger.strikes("b", day(0)), 0);
    }

    #[test]
    fn gravest_of_immediate_and_threshold() {
        let mut ledger = Ledger::new(escalation());
        for _ in 0..3 {
            ledger.record_parts("a", Decision::Remove, &[], day(0));
        }
        assert_eq!(ledger.strikes("a", day(0)), 6);
        // Reaching 8 fires report-platform; the immediate report-authorities is graver.
        assert_eq!(
            ledger.record_parts("a", Decision::Remove, &[Kind::Threat], day(1)),
            Some(Sanction::ReportAuthorities)
        );
        // Illegal content (report-platform) with a newly reached block: report-platform.
        let mut other = Ledger::new(escalation());
        other.record_parts("b", Decision::Remove, &[], day(0));
        other.record_parts("b", Decision::Remove, &[], day(0));
        assert_eq!(
            other.record_parts("b", Decision::Hide, &[Kind::Illegal], day(0)),
            Some(Sanction::ReportPlatform)
        );
    }

    #[test]
    fn immediate_sanction_in_force_for_a_window() {
        let mut ledger = Ledger::new(escalation());
        ledger.record_parts("a", Decision::Hide, &[Kind::Threat], day(0));
        assert_eq!(
            ledger.sanction("a", day(0)),
            Some(Sanction::ReportAuthorities)
        );
        assert_eq!(
            ledger.sanction("a", day(29)),
            Some(Sanction::ReportAuthorities)
        );
        assert_eq!(ledger.sanction("a", day(30)), None);
        assert_eq!(ledger.sanction("a", day(-1)), None);
    }

    #[test]
    fn sanction_follows_active_strikes() {
        let mut ledger = Ledger::new(escalation());
        for n in 0..5 {
            hide(&mut ledger, "a", day(n));
        }
        assert_eq!(ledger.sanction("a", day(4)), Some(Sanction::Block));
        assert_eq!(ledger.sanction("a", day(30)), Some(Sanction::Warn)); // 4 left
        assert_eq!(ledger.sanction("a", day(32)), None); // 2 left
        assert_eq!(ledger.sanction("nobody", day(4)), None);
    }

    #[test]
    fn authors_are_independent() {
        let mut ledger = Ledger::new(escalation());
        for n in 0..3 {
            hide(&mut ledger, "a", day(n));
        }
        hide(&mut ledger, "b", day(0));
        assert_eq!(ledger.strikes("a", day(3)), 3);
        assert_eq!(ledger.strikes("b", day(3)), 1);
        assert_eq!(ledger.strikes("A", day(3)), 0);
    }

    #[test]
    fn prune_drops_decayed_strikes_and_empty_authors() {
        let mut ledger = Ledger::new(escalation());
        hide(&mut ledger, "a", day(0));
        hide(&mut ledger, "b", day(0));
        hide(&mut ledger, "b", day(20));
        ledger.record_parts("c", Decision::Hide, &[Kind::Threat], day(0));
        ledger.prune(day(35));
        assert_eq!(ledger.state().len(), 1);
        assert_eq!(ledger.strikes("b", day(35)), 1);
        assert_eq!(ledger.state().authors["b"].strikes.len(), 1);
        ledger.prune(day(50));
        assert!(ledger.state().is_empty());
    }

    #[test]
    fn prune_keeps_strikes_after_now() {
        let mut ledger = Ledger::new(escalation());
        hide(&mut ledger, "a", day(100));
        ledger.prune(day(0));
        assert_eq!(ledger.strikes("a", day(100)), 1);
        ledger.prune(Timestamp::MAX);
        assert!(ledger.state().is_empty());
    }

    #[test]
    fn forget_an_author() {
        let mut ledger = Ledger::new(escalation());
        for n in 0..3 {
            hide(&mut ledger, "a", day(n));
        }
        hide(&mut ledger, "b", day(0));
        ledger.forget("a");
        ledger.forget("unknown");
        assert_eq!(ledger.strikes("a", day(3)), 0);
        assert_eq!(ledger.sanction("a", day(3)), None);
        assert_eq!(ledger.state().len(), 1);
        // A forgotten author starts over.
        hide(&mut ledger, "a", day(3));
        hide(&mut ledger, "a", day(3));
        assert_eq!(hide(&mut ledger, "a", day(3)), Some(Sanction::Warn));
    }

    #[test]
    fn serde_round_trip_keeps_behaviour() {
        let mut ledger = Ledger::new(escalation());
        for n in 0..3 {
            hide(&mut ledger, "a", day(n));
        }
        ledger.record_parts("b", Decision::Remove, &[Kind::Threat], day(1));
        let json = serde_json::to_string(ledger.state()).unwrap();
        let state: LedgerState = serde_json::from_str(&json).unwrap();
        assert_eq!(&state, ledger.state());
        let mut restored = Ledger::new(escalation()).with_state(state);
        assert_eq!(restored, ledger);
        // Warn was issued before saving: it does not fire again after loading.
        assert_eq!(hide(&mut restored, "a", day(3)), None);
        assert_eq!(hide(&mut restored, "a", day(4)), Some(Sanction::Block));
        assert_eq!(
            restored.sanction("b", day(2)),
            Some(Sanction::ReportAuthorities)
        );
    }

    #[test]
    fn queries_before_the_latest_record_still_count() {
        let mut ledger = Ledger::new(escalation());
        hide(&mut ledger, "a", day(0));
        hide(&mut ledger, "a", day(100));
        assert_eq!(ledger.strikes("a", day(1)), 1);
        assert_eq!(ledger.strikes("a", day(100)), 1);
        // A year past the latest record, what decayed is dropped: the state stays bounded.
        hide(&mut ledger, "a", day(300));
        hide(&mut ledger, "a", day(600));
        assert_eq!(ledger.state().authors["a"].strikes.len(), 2);
        assert_eq!(ledger.strikes("a", day(600)), 1);
    }

    #[test]
    fn a_far_future_instant_does_not_stop_later_strikes() {
        let mut ledger = Ledger::new(escalation());
        hide(&mut ledger, "a", day(0));
        hide(&mut ledger, "a", "9999-12-30T00:00:00Z".parse().unwrap());
        hide(&mut ledger, "a", day(1));
        // The broken clock counted at the ledger's clock: three strikes now, warn fired.
        assert_eq!(ledger.strikes("a", day(1)), 3);
        assert_eq!(ledger.sanction("a", day(1)), Some(Sanction::Warn));
        // Other authors are not pushed into the future either.
        hide(&mut ledger, "b", day(2));
        assert_eq!(ledger.strikes("b", day(2)), 1);
    }

    #[test]
    fn late_records_count_from_their_own_instant() {
        let mut ledger = Ledger::new(escalation());
        hide(&mut ledger, "a", day(10));
        hide(&mut ledger, "a", day(5));
        hide(&mut ledger, "a", day(10));
        assert_eq!(ledger.strikes("a", day(6)), 1);
        assert_eq!(ledger.strikes("a", day(10)), 3);
        // Day 5's strike decays first.
        assert_eq!(ledger.strikes("a", day(36)), 2);
        assert_eq!(ledger.strikes("a", day(40)), 0);
    }

    #[test]
    fn many_records_of_one_author_stay_cheap() {
        // 200,000 records a minute apart: each costs a binary search, not a rescan.
        let mut ledger = Ledger::new(escalation());
        let minute = SignedDuration::from_mins(1);
        let mut at = t0();
        for _ in 0..200_000 {
            ledger.record_parts("a", Decision::Hide, &[], at);
            at = at.checked_add(minute).unwrap();
        }
        // The window is 30 days, 43,200 minutes; the one exactly a window old has decayed.
        assert_eq!(ledger.strikes("a", at), 30 * 24 * 60 - 1);
    }

    #[test]
    fn a_loaded_state_in_any_order_is_normalised() {
        let json = r#"{"authors": {"a": {"last_seen": "2025-03-10T00:00:00Z", "strikes": [
            {"at": "2025-03-09T00:00:00Z", "count": 1},
            {"at": "2025-03-05T00:00:00Z", "count": 1},
            {"at": "2025-03-09T00:00:00Z", "count": 2}]}}}"#;
        let state: LedgerState = serde_json::from_str(json).unwrap();
        let ledger = Ledger::new(escalation()).with_state(state);
        let at: Timestamp = "2025-03-10T00:00:00Z".parse().unwrap();
        assert_eq!(ledger.strikes("a", at), 4);
        let before: Timestamp = "2025-03-06T00:00:00Z".parse().unwrap();
        assert_eq!(ledger.strikes("a", before), 1);
    }

    #[test]
    fn serialised_state_is_readable() {
        let mut ledger = Ledger::new(escalation());
        ledger.record_parts("a", Decision::Hide, &[Kind::Threat], t0());
        let value = serde_json::to_value(ledger.state()).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "authors": {
                    "a": {
                        "last_seen": "2025-03-05T10:00:00Z",
                        "strikes": [{ "at": "2025-03-05T10:00:00Z", "count": 1 }],
                        "immediate": [{
                            "at": "2025-03-05T10:00:00Z",
                            "sanction": "report-authorities"
                        }]
                    }
                },
                "clock": "2025-03-05T10:00:00Z"
            })
        );
        let empty: LedgerState = serde_json::from_str("{}").unwrap();
        assert!(empty.is_empty());
    }

    #[test]
    fn state_loads_into_a_changed_policy() {
        let mut ledger = Ledger::new(escalation());
        for n in 0..4 {
            hide(&mut ledger, "a", day(n));
        }
        let mut stricter = escalation();
        stricter.thresholds[1].strikes = 4;
        let ledger = Ledger::new(stricter).with_state(ledger.state().clone());
        assert_eq!(ledger.sanction("a", day(4)), Some(Sanction::Block));
    }

    #[test]
    fn earlier_records_do_not_go_back_in_time() {
        let mut ledger = Ledger::new(escalation());
        hide(&mut ledger, "a", day(40));
        hide(&mut ledger, "a", day(41));
        // A late verdict from day 20 counts for what is left of its window (until day 50).
        assert_eq!(hide(&mut ledger, "a", day(20)), Some(Sanction::Warn));
        assert_eq!(ledger.strikes("a", day(41)), 3);
        assert_eq!(ledger.strikes("a", day(50)), 2);
        // One older than a window before the author's latest record adds nothing.
        assert_eq!(hide(&mut ledger, "a", day(0)), None);
        assert_eq!(ledger.strikes("a", day(41)), 3);
        assert_eq!(ledger.state().authors["a"].last_seen, day(41));
    }

    #[test]
    fn extreme_instants_and_windows_do_not_panic() {
        let mut forever = escalation();
        forever.window = SignedDuration::MAX;
        let mut negative = escalation();
        negative.window = SignedDuration::MIN;
        for escalation in [escalation(), forever, negative] {
            let mut ledger = Ledger::new(escalation);
            for at in [
                Timestamp::MAX,
                Timestamp::MIN,
                Timestamp::UNIX_EPOCH,
                Timestamp::MAX,
            ] {
                let _ = ledger.record_parts("a", Decision::Remove, &[Kind::Threat], at);
                let _ = ledger.strikes("a", at);
                let _ = ledger.sanction("a", at);
            }
            ledger.prune(Timestamp::MIN);
            ledger.prune(Timestamp::MAX);
        }
    }

    #[test]
    fn forever_window_keeps_strikes() {
        let mut escalation = escalation();
        escalation.window = SignedDuration::MAX;
        let mut ledger = Ledger::new(escalation);
        hide(&mut ledger, "a", Timestamp::MIN);
        assert_eq!(ledger.strikes("a", Timestamp::MAX), 1);
        ledger.prune(Timestamp::MAX);
        assert_eq!(ledger.state().len(), 1);
    }

    #[test]
    fn zero_window_never_counts() {
        let mut escalation = escalation();
        escalation.window = SignedDuration::ZERO;
        let mut ledger = Ledger::new(escalation);
        for _ in 0..10 {
            assert_eq!(hide(&mut ledger, "a", t0()), None);
        }
        assert_eq!(ledger.strikes("a", t0()), 0);
        assert!(ledger.state().is_empty());
    }

    #[test]
    fn strike_counts_saturate() {
        let mut escalation = escalation();
        escalation.strikes.remove = u32::MAX;
        let mut ledger = Ledger::new(escalation);
        assert_eq!(
            ledger.record_parts("a", Decision::Remove, &[], t0()),
            Some(Sanction::ReportPlatform)
        );
        ledger.record_parts("a", Decision::Remove, &[], t0());
        assert_eq!(ledger.strikes("a", t0()), u32::MAX);
    }

    #[test]
    fn zero_strike_threshold_needs_one_strike() {
        let mut escalation = escalation();
        escalation.thresholds.insert(
            0,
            Threshold {
                strikes: 0,
                sanction: Sanction::Warn,
            },
        );
        escalation.thresholds[1].sanction = Sanction::Block;
        let mut ledger = Ledger::new(escalation);
        assert_eq!(ledger.sanction("a", t0()), None);
        assert_eq!(ledger.record_parts("a", Decision::Review, &[], t0()), None);
        assert_eq!(hide(&mut ledger, "a", t0()), Some(Sanction::Warn));
    }
}
