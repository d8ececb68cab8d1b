//! Staffed hours in the policy's time zone, with Italian public holidays.
//!
//! Institutions promise answers and moderation only while someone is on duty: the Conferenza
//! Stato-città staffs its channels Monday to Friday from 8:00 to 18:00, the Comune di Livorno
//! Monday to Friday from 9:00 to 14:00, both in `Europe/Rome`. A comment that needs a person
//! therefore waits for the next staffed window, and the time promised for a review counts
//! staffed time only. This module answers those questions for a given instant.
//!
//! Nothing here reads the clock: every question takes the instant it is about.
//!
//! # Windows, wall clocks and daylight saving time
//!
//! Windows are wall-clock times in the policy's time zone: `08:00` means eight in the morning
//! in winter and in summer alike. On a given date a window occupies the real-time interval
//! from its start to its end, both turned into instants with jiff's default
//! ("compatible") disambiguation:
//!
//! * a wall-clock time that does not exist because the clocks jump forward (the gap, in
//!   `Europe/Rome` 2:00–3:00 on the last Sunday of March) resolves *forward*, by the length
//!   of the gap: a window starting at 2:30 that day starts at 3:30 summer time;
//! * a wall-clock time that happens twice because the clocks fall back (the fold, 2:00–3:00
//!   on the last Sunday of October) resolves to its *first* occurrence.
//!
//! So a day's length follows the calendar: a window from `00:00` to the end of the day holds
//! 23 hours of staffed time on the day summer time starts and 25 on the day it ends. Office
//! hours such as 8:00–18:00 never touch the transitions.
//!
//! The start of a window is inclusive and its end exclusive. An end of `00:00` or of
//! `23:59:59.999999999` ([`Time::MAX`], how an end of `24:00` is stored) both mean midnight at
//! the end of the day, so a window can run to the end of the day without losing its last
//! instant. Any other window whose end is not after its start is empty.
//!
//! Holidays close a whole local date: a window belongs to the date it starts on.
//!
//! # Bounded searches
//!
//! [`Schedule::next_staffed`] and [`Schedule::review_by`] walk the calendar day by day, at most
//! 400 days past the instant they are given, so they always terminate: a schedule
//! that is not staffed once in that span (or a review that would take longer) gives `None`.

use crate::names::names;
use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// How many days past the given instant [`Schedule::next_staffed`] and
/// [`Schedule::review_by`] look before giving up: more than a year, so that a schedule
/// staffed even once a year is still found.
const SEARCH_DAYS: usize = 400;

/// When staff watch the channels, in the policy's time zone.
///
/// Built by [`Policy`](crate::Policy) loading from the `[schedule]` table; read it with
/// [`Policy::schedule`](crate::Policy::schedule).
///
/// A schedule without windows is staffed around the clock (see [`Schedule::default`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    /// IANA name as written in the policy, e.g. `Europe/Rome`.
    pub(crate) time_zone_name: String,
    pub(crate) time_zone: TimeZone,
    /// Weekly windows; validated non-empty (start < end) and non-overlapping per day.
    pub(crate) windows: Vec<Window>,
    pub(crate) holidays: Holidays,
    pub(crate) outside_hours: OutsideHours,
    /// Staffed time within which a comment sent to review should be looked at.
    pub(crate) review_within: SignedDuration,
}

/// One weekly staffed window: on each of `days`, from `start` (inclusive) to `end` (exclusive).
///
/// An `end` of `00:00` or of `23:59:59.999999999` means midnight at the end of the day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    pub(crate) days: Vec<Weekday>,
    pub(crate) start: Time,
    pub(crate) end: Time,
}

/// Days on which nobody is staffed even inside a window.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Holidays {
    /// Italian national public holidays (including Easter Monday).
    pub(crate) italian: bool,
    /// Recurring yearly holidays as (month, day), e.g. a patron saint's day.
    pub(crate) yearly: Vec<(i8, i8)>,
    /// One-off closed dates.
    pub(crate) dates: Vec<Date>,
}

/// What happens to a comment that needs a person while nobody is staffed.
///
/// ```
/// use galateo::OutsideHours;
///
/// assert_eq!("hide".parse::<OutsideHours>().unwrap(), OutsideHours::Hide);
/// assert_eq!(OutsideHours::default().to_string(), "queue");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OutsideHours {
    /// Leave the decision as it is; the review waits for the next staffed window.
    #[default]
    Queue,
    /// A comment that would go to review is hidden until staff look at it.
    Hide,
}

names!(OutsideHours, "outside-hours rule", [
    Queue => "queue",
    Hide => "hide",
], serde);

impl Default for Schedule {
    /// A schedule staffed around the clock: no windows, in UTC, with no holidays, queueing
    /// reviews ([`OutsideHours::Queue`]) to be looked at within 24 hours.
    ///
    /// It stands for policies without a `[schedule]` table. Without windows there is nothing
    /// for a holiday to close, so such a schedule is staffed at every instant.
    ///
    /// ```
    /// use galateo::Schedule;
    /// use jiff::{SignedDuration, Timestamp};
    ///
    /// let schedule = Schedule::default();
    /// let at: Timestamp = "2025-12-25T03:00:00Z".parse().unwrap();
    /// assert!(schedule.is_staffed(at));
    /// assert_eq!(schedule.next_staffed(at), Some(at));
    /// assert_eq!(schedule.review_within(), SignedDuration::from_hours(24));
    /// ```
    fn default() -> Schedule {
        Schedule {
            time_zone_name: "UTC".to_owned(),
            time_zone: TimeZone::UTC,
            windows: Vec::new(),
            holidays: Holidays::default(),
            outside_hours: OutsideHours::Queue,
            review_within: SignedDuration::from_hours(24),
        }
    }
}

impl Schedule {
    /// The IANA name of the policy's time zone, as written in the policy (e.g. `Europe/Rome`).
    ///
    /// ```
    /// assert_eq!(galateo::Schedule::default().time_zone(), "UTC");
    /// ```
    pub fn time_zone(&self) -> &str {
        &self.time_zone_name
    }

    /// What happens to a comment that needs a person while nobody is staffed.
    ///
    /// ```
    /// use galateo::{OutsideHours, Schedule};
    ///
    /// assert_eq!(Schedule::default().outside_hours(), OutsideHours::Queue);
    /// ```
    pub fn outside_hours(&self) -> OutsideHours {
        self.outside_hours
    }

    /// The staffed time within which a comment sent to review should be looked at.
    ///
    /// ```
    /// use jiff::SignedDuration;
    ///
    /// let schedule = galateo::Schedule::default();
    /// assert_eq!(schedule.review_within(), SignedDuration::from_hours(24));
    /// ```
    pub fn review_within(&self) -> SignedDuration {
        self.review_within
    }

    /// The weekly staffed windows; empty when the schedule is staffed around the clock.
    ///
    /// ```
    /// assert!(galateo::Schedule::default().windows().is_empty());
    /// ```
    pub fn windows(&self) -> &[Window] {
        &self.windows
    }

    /// The days on which nobody is staffed even inside a window.
    ///
    /// ```
    /// let schedule = galateo::Schedule::default();
    /// assert!(!schedule.holidays().is_italian());
    /// assert!(schedule.holidays().dates().is_empty());
    /// ```
    pub fn holidays(&self) -> &Holidays {
        &self.holidays
    }

    /// `at` as a civil date and time in the policy's time zone, for showing to people.
    ///
    /// ```
    /// let policy = galateo::Policy::preset("comune-livorno")?;
    /// let at: jiff::Timestamp = "2026-03-02T09:15:00Z".parse().unwrap();
    /// assert_eq!(policy.schedule().local(at).to_string(), "2026-03-02T10:15:00+01:00[Europe/Rome]");
    /// # Ok::<(), galateo::PolicyError>(())
    /// ```
    pub fn local(&self, at: Timestamp) -> jiff::ZonedDateTime {
        at.to_zoned_datetime(self.time_zone.clone())
    }

    /// Whether staff are on duty at `at`: inside a window of that weekday in the policy's
    /// time zone, on a date that is not a holiday.
    ///
    /// A window's start is inclusive and its end exclusive. Windows are wall-clock times:
    /// their start and end become instants with jiff's default ("compatible")
    /// disambiguation, so a time skipped when the clocks jump forward resolves forward by
    /// the length of the gap, and a time repeated when they fall back means its first
    /// occurrence. A schedule without windows is always staffed.
    ///
    /// ```
    /// use jiff::Timestamp;
    ///
    /// let at: Timestamp = "2025-08-15T12:00:00Z".parse().unwrap();
    /// assert!(galateo::Schedule::default().is_staffed(at));
    /// ```
    pub fn is_staffed(&self, at: Timestamp) -> bool {
        if self.windows.is_empty() {
            return true;
        }
        // A window of the previous or next local date can only contain `at` around unusual
        // transitions (a zone that moves its clocks at midnight); checking them costs little.
        self.days_around(at).take(3).any(|date| {
            self.intervals_on(date)
                .iter()
                .any(|&(start, end)| start <= at && at < end)
        })
    }

    /// The first staffed instant at or after `at`: `at` itself when staffed, otherwise the
    /// start of the next staffed window.
    ///
    /// A schedule without windows returns `Some(at)`. `None` means nobody is staffed in the
    /// 400 days after `at`: every window is empty or has no days, or every
    /// day they cover is a holiday.
    ///
    /// ```
    /// use jiff::Timestamp;
    ///
    /// let at: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
    /// assert_eq!(galateo::Schedule::default().next_staffed(at), Some(at));
    /// ```
    pub fn next_staffed(&self, at: Timestamp) -> Option<Timestamp> {
        if self.windows.is_empty() || self.is_staffed(at) {
            return Some(at);
        }
        if !self.windows.iter().any(Window::can_open) {
            return None;
        }
        self.days_around(at)
            .take(SEARCH_DAYS.saturating_add(2))
            .flat_map(|date| self.intervals_on(date))
            .find(|&(_, end)| end > at)
            .map(|(start, _)| start.max(at))
    }

    /// The instant by which a comment sent to review at `at` should have been looked at:
    /// when [`review_within`](Schedule::review_within) of *staffed* time has elapsed since
    /// `at`. Only staffed time counts; nights, weekends and holidays do not.
    ///
    /// With the Comune di Livorno's Monday–Friday 9:00–14:00 and two hours to review, a
    /// comment sent on Friday at 20:00 is due on Monday at 11:00, or on Tuesday at 11:00 when
    /// Monday is a holiday. A deadline that uses up a window exactly is that window's end.
    /// A zero (or negative) `review_within` gives the first staffed instant, like
    /// [`next_staffed`](Schedule::next_staffed).
    ///
    /// A schedule without windows gives `at + review_within`. `None` means the deadline lies
    /// more than 400 days after `at`, or past the range of [`Timestamp`].
    ///
    /// ```
    /// use jiff::Timestamp;
    ///
    /// let at: Timestamp = "2025-03-01T10:00:00Z".parse().unwrap();
    /// let due: Timestamp = "2025-03-02T10:00:00Z".parse().unwrap();
    /// assert_eq!(galateo::Schedule::default().review_by(at), Some(due));
    /// ```
    pub fn review_by(&self, at: Timestamp) -> Option<Timestamp> {
        let mut remaining = self.review_within.max(SignedDuration::ZERO);
        if self.windows.is_empty() {
            return at.checked_add(remaining).ok();
        }
        if !self.windows.iter().any(Window::can_open) {
            return None;
        }
        // Staffed time before `cursor` is already counted (or precedes `at`).
        let mut cursor = at;
        for date in self.days_around(at).take(SEARCH_DAYS.saturating_add(2)) {
            for (start, end) in self.intervals_on(date) {
                let from = start.max(cursor);
                if from >= end {
                    continue;
                }
                let available = end.duration_since(from);
                if remaining <= available {
                    return from.checked_add(remaining).ok();
                }
                remaining = remaining.checked_sub(available)?;
                cursor = end;
            }
        }
        None
    }

    /// Whether `date` is a holiday under this schedule: an Italian national holiday (when the
    /// schedule observes them, see [`italian_holidays`]), a yearly holiday or a one-off
    /// closed date.
    ///
    /// ```
    /// use jiff::civil::date;
    ///
    /// // The always-staffed schedule observes no holidays.
    /// assert!(!galateo::Schedule::default().is_holiday(date(2025, 12, 25)));
    /// ```
    pub fn is_holiday(&self, date: Date) -> bool {
        let holidays = &self.holidays;
        (holidays.italian && is_italian_holiday(date))
            || holidays.yearly.contains(&(date.month(), date.day()))
            || holidays.dates.contains(&date)
    }

    /// Local dates from the day before `at`'s onwards, for as long as jiff can represent them.
    fn days_around(&self, at: Timestamp) -> impl Iterator<Item = Date> {
        let today = self.time_zone.to_datetime(at).date();
        let first = today.yesterday().unwrap_or(today);
        std::iter::successors(Some(first), |date| date.tomorrow().ok())
    }

    /// The staffed intervals of windows that open on `date`, as instants sorted by start.
    fn intervals_on(&self, date: Date) -> Vec<(Timestamp, Timestamp)> {
        if self.is_holiday(date) {
            return Vec::new();
        }
        let weekday = date.weekday();
        let mut intervals: Vec<(Timestamp, Timestamp)> = self
            .windows
            .iter()
            .filter(|window| window.days.contains(&weekday))
            .filter_map(|window| window.interval_on(date, &self.time_zone))
            .collect();
        intervals.sort_unstable();
        intervals
    }
}

impl Window {
    /// The weekdays the window applies to.
    ///
    /// ```
    /// // The always-staffed schedule has no windows to list.
    /// for window in galateo::Schedule::default().windows() {
    ///     println!("{:?}", window.days());
    /// }
    /// ```
    pub fn days(&self) -> &[Weekday] {
        &self.days
    }

    /// The wall-clock time the window opens at (inclusive).
    ///
    /// ```
    /// for window in galateo::Schedule::default().windows() {
    ///     println!("from {}", window.start());
    /// }
    /// ```
    pub fn start(&self) -> Time {
        self.start
    }

    /// The wall-clock time the window closes at (exclusive). `00:00` and
    /// `23:59:59.999999999` both mean midnight at the end of the day.
    ///
    /// ```
    /// for window in galateo::Schedule::default().windows() {
    ///     println!("until {}", window.end());
    /// }
    /// ```
    pub fn end(&self) -> Time {
        self.end
    }

    /// Whether the window ends at midnight at the end of its day.
    fn ends_at_midnight(&self) -> bool {
        self.end == Time::midnight() || self.end == Time::MAX
    }

    /// Whether the window can ever be staffed: it has days and a non-empty range.
    fn can_open(&self) -> bool {
        !self.days.is_empty() && (self.ends_at_midnight() || self.start < self.end)
    }

    /// The window on `date` as instants in `tz`, with jiff's compatible disambiguation, or
    /// `None` when it is empty (or outside the range jiff supports).
    fn interval_on(&self, date: Date, tz: &TimeZone) -> Option<(Timestamp, Timestamp)> {
        let end = if self.ends_at_midnight() {
            date.tomorrow().ok()?.to_datetime(Time::midnight())
        } else if self.start < self.end {
            date.to_datetime(self.end)
        } else {
            return None;
        };
        let start = tz.to_timestamp(date.to_datetime(self.start)).ok()?;
        let end = tz.to_timestamp(end).ok()?;
        (start < end).then_some((start, end))
    }
}

impl Holidays {
    /// Whether the Italian national public holidays are observed (see [`italian_holidays`]).
    ///
    /// ```
    /// assert!(!galateo::Schedule::default().holidays().is_italian());
    /// ```
    pub fn is_italian(&self) -> bool {
        self.italian
    }

    /// Recurring yearly holidays as (month, day), e.g. a patron saint's day.
    ///
    /// ```
    /// assert!(galateo::Schedule::default().holidays().yearly().is_empty());
    /// ```
    pub fn yearly(&self) -> &[(i8, i8)] {
        &self.yearly
    }

    /// One-off closed dates.
    ///
    /// ```
    /// assert!(galateo::Schedule::default().holidays().dates().is_empty());
    /// ```
    pub fn dates(&self) -> &[Date] {
        &self.dates
    }
}

/// Fixed-date Italian national holidays as (month, day), 4 October aside.
const ITALIAN_FIXED: [(i8, i8); 10] = [
    (1, 1),   // Capodanno
    (1, 6),   // Epifania
    (4, 25),  // Festa della Liberazione
    (5, 1),   // Festa del Lavoro
    (6, 2),   // Festa della Repubblica
    (8, 15),  // Ferragosto
    (11, 1),  // Ognissanti
    (12, 8),  // Immacolata Concezione
    (12, 25), // Natale
    (12, 26), // Santo Stefano
];

/// San Francesco d'Assisi (4 October) is a national holiday again from this year on.
const SAN_FRANCESCO_FROM: i16 = 2026;

/// The Italian national public holidays of `year`, sorted and without duplicates.
///
/// They are 1 January, 6 January, Easter Sunday and Easter Monday (Gregorian computus),
/// 25 April, 1 May, 2 June, 15 August, 1 November, 8 December, 25 and 26 December, and from
/// 2026 on 4 October (San Francesco, restored as a national holiday). Easter can fall on
/// 25 April (as in 2038), so a year may have one date fewer. Local patron saints' days are
/// not national: policies list them as yearly holidays.
///
/// A year outside the range of [`Date`] gives an empty list.
///
/// ```
/// use galateo::italian_holidays;
/// use jiff::civil::date;
///
/// let holidays = italian_holidays(2026);
/// assert!(holidays.contains(&date(2026, 4, 5))); // Easter
/// assert!(holidays.contains(&date(2026, 4, 6))); // Easter Monday
/// assert!(holidays.contains(&date(2026, 10, 4))); // San Francesco
/// assert!(!italian_holidays(2025).contains(&date(2025, 10, 4)));
/// ```
pub fn italian_holidays(year: i16) -> Vec<Date> {
    let mut dates: Vec<Date> = ITALIAN_FIXED
        .iter()
        .filter_map(|&(month, day)| Date::new(year, month, day).ok())
        .collect();
    if year >= SAN_FRANCESCO_FROM {
        dates.extend(Date::new(year, 10, 4).ok());
    }
    if let Some(easter) = easter_sunday(year) {
        dates.push(easter);
        dates.extend(easter.tomorrow().ok());
    }
    dates.sort_unstable();
    dates.dedup();
    dates
}

/// Whether `date` is an Italian national holiday, without building the year's list.
fn is_italian_holiday(date: Date) -> bool {
    let month_day = (date.month(), date.day());
    if ITALIAN_FIXED.contains(&month_day) {
        return true;
    }
    if month_day == (10, 4) && date.year() >= SAN_FRANCESCO_FROM {
        return true;
    }
    easter_sunday(date.year()).is_some_and(|easter| {
        date == easter || easter.tomorrow().is_ok_and(|monday| date == monday)
    })
}

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian algorithm, as
/// given by Meeus), or `None` outside the range of [`Date`].
fn easter_sunday(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    let month = i8::try_from(n.div_euclid(31)).ok()?;
    let day = i8::try_from(n.rem_euclid(31) + 1).ok()?;
    Date::new(year, month, day).ok()
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests panic on purpose when an expectation fails"
)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const WEEKDAYS: [Weekday; 5] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
    ];

    fn rome(windows: Vec<Window>, holidays: Holidays, review_within: SignedDuration) -> Schedule {
        Schedule {
            time_zone_name: "Europe/Rome".to_owned(),
            time_zone: TimeZone::get("Europe/Rome").unwrap(),
            windows,
            holidays,
            outside_hours: OutsideHours::Queue,
            review_within,
        }
    }

    fn window(days: &[Weekday], start: Time, end: Time) -> Window {
        Window {
            days: days.to_vec(),
            start,
            end,
        }
    }

    fn italian() -> Holidays {
        Holidays {
            italian: true,
            ..Holidays::default()
        }
    }

    /// Conferenza Stato-città: Monday–Friday 8:00–18:00, Italian holidays.
    fn conferenza() -> Schedule {
        rome(
            vec![window(
                &WEEKDAYS,
                Time::constant(8, 0, 0, 0),
                Time::constant(18, 0, 0, 0),
            )],
            italian(),
            SignedDuration::from_hours(4),
        )
    }

    /// Comune di Livorno: Monday–Friday 9:00–14:00, Italian holidays and San Giulia (22 May).
    fn livorno() -> Schedule {
        rome(
            vec![window(
                &WEEKDAYS,
                Time::constant(9, 0, 0, 0),
                Time::constant(14, 0, 0, 0),
            )],
            Holidays {
                italian: true,
                yearly: vec![(5, 22)],
                dates: vec![date(2025, 6, 3)],
            },
            SignedDuration::from_hours(2),
        )
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    /// An instant given as a wall-clock time in Rome.
    fn local(s: &str) -> Timestamp {
        let dt: jiff::civil::DateTime = s.parse().unwrap();
        TimeZone::get("Europe/Rome")
            .unwrap()
            .to_timestamp(dt)
            .unwrap()
    }

    #[test]
    fn easter_dates() {
        assert_eq!(easter_sunday(2024), Some(date(2024, 3, 31)));
        assert_eq!(easter_sunday(2025), Some(date(2025, 4, 20)));
        assert_eq!(easter_sunday(2026), Some(date(2026, 4, 5)));
        assert_eq!(easter_sunday(2027), Some(date(2027, 3, 28)));
        assert_eq!(easter_sunday(2038), Some(date(2038, 4, 25)));
        // The extremes of the Gregorian range of Easter.
        assert_eq!(easter_sunday(1818), Some(date(1818, 3, 22)));
        assert_eq!(easter_sunday(1943), Some(date(1943, 4, 25)));
        assert_eq!(easter_sunday(2000), Some(date(2000, 4, 23)));
        assert_eq!(easter_sunday(2100), Some(date(2100, 3, 28)));
    }

    #[test]
    fn italian_holidays_2025() {
        let expected = vec![
            date(2025, 1, 1),
            date(2025, 1, 6),
            date(2025, 4, 20),
            date(2025, 4, 21),
            date(2025, 4, 25),
            date(2025, 5, 1),
            date(2025, 6, 2),
            date(2025, 8, 15),
            date(2025, 11, 1),
            date(2025, 12, 8),
            date(2025, 12, 25),
            date(2025, 12, 26),
        ];
        assert_eq!(italian_holidays(2025), expected);
    }

    #[test]
    fn san_francesco_only_from_2026() {
        assert!(!italian_holidays(2024).contains(&date(2024, 10, 4)));
        assert!(!italian_holidays(2025).contains(&date(2025, 10, 4)));
        assert!(italian_holidays(2026).contains(&date(2026, 10, 4)));
        assert!(italian_holidays(2030).contains(&date(2030, 10, 4)));
        assert_eq!(italian_holidays(2026).len(), 13);
        let schedule = conferenza();
        assert!(!schedule.is_holiday(date(2025, 10, 4)));
        assert!(schedule.is_holiday(date(2026, 10, 4)));
    }

    #[test]
    fn easter_on_liberation_day_is_listed_once() {
        let holidays = italian_holidays(2038);
        assert!(holidays.windows(2).all(|pair| pair[0] < pair[1]));
        assert_eq!(
            holidays.iter().filter(|&&d| d == date(2038, 4, 25)).count(),
            1
        );
        assert!(holidays.contains(&date(2038, 4, 26)));
        assert_eq!(holidays.len(), 12);
    }

    #[test]
    fn holidays_out_of_range_year_is_empty() {
        assert!(italian_holidays(i16::MAX).is_empty());
        assert!(italian_holidays(i16::MIN).is_empty());
        assert_eq!(italian_holidays(9999).len(), 13);
    }

    #[test]
    fn is_holiday_agrees_with_the_list() {
        let schedule = conferenza();
        for year in [2024, 2025, 2026, 2027, 2038] {
            let listed = italian_holidays(year);
            let mut day = date(year, 1, 1);
            while day.year() == year {
                assert_eq!(schedule.is_holiday(day), listed.contains(&day), "{day}");
                day = day.tomorrow().unwrap();
            }
        }
    }

    #[test]
    fn always_is_staffed_everywhere() {
        let schedule = Schedule::default();
        assert_eq!(schedule.time_zone(), "UTC");
        assert_eq!(schedule.outside_hours(), OutsideHours::Queue);
        for at in [Timestamp::MIN, Timestamp::UNIX_EPOCH, Timestamp::MAX] {
            assert!(schedule.is_staffed(at));
            assert_eq!(schedule.next_staffed(at), Some(at));
        }
        assert_eq!(schedule.review_by(Timestamp::MAX), None);
        assert_eq!(
            schedule.review_by(ts("2025-01-01T00:00:00Z")),
            Some(ts("2025-01-02T00:00:00Z"))
        );
    }

    #[test]
    fn window_start_inclusive_end_exclusive() {
        let schedule = conferenza();
        // Wednesday 5 March 2025, winter time (UTC+1).
        assert!(!schedule.is_staffed(local("2025-03-05T07:59:59.999999999")));
        assert!(schedule.is_staffed(local("2025-03-05T08:00")));
        assert!(schedule.is_staffed(ts("2025-03-05T07:00:00Z")));
        assert!(schedule.is_staffed(local("2025-03-05T17:59:59.999999999")));
        assert!(!schedule.is_staffed(local("2025-03-05T18:00")));
        assert!(!schedule.is_staffed(ts("2025-03-05T17:00:00Z")));
    }

    #[test]
    fn livorno_hours() {
        let schedule = livorno();
        assert!(!schedule.is_staffed(local("2025-03-05T08:30")));
        assert!(schedule.is_staffed(local("2025-03-05T09:00")));
        assert!(schedule.is_staffed(local("2025-03-05T13:59")));
        assert!(!schedule.is_staffed(local("2025-03-05T14:00")));
        assert!(!schedule.is_staffed(local("2025-03-05T16:00")));
    }

    #[test]
    fn weekends_are_not_staffed() {
        let schedule = conferenza();
        assert!(!schedule.is_staffed(local("2025-03-08T10:00"))); // Saturday
        assert!(!schedule.is_staffed(local("2025-03-09T10:00"))); // Sunday
        assert!(schedule.is_staffed(local("2025-03-10T10:00"))); // Monday
    }

    #[test]
    fn national_holidays_are_not_staffed() {
        let schedule = conferenza();
        assert!(!schedule.is_staffed(local("2025-04-21T10:00"))); // Easter Monday
        assert!(!schedule.is_staffed(local("2025-04-25T10:00"))); // Liberation Day, Friday
        assert!(!schedule.is_staffed(local("2025-12-08T10:00"))); // Immacolata, Monday
        assert!(!schedule.is_staffed(local("2027-10-04T10:00"))); // San Francesco, Monday
        assert!(schedule.is_staffed(local("2025-10-03T10:00"))); // not yet a holiday in 2025
        assert!(schedule.is_staffed(local("2025-04-22T10:00")));
    }

    #[test]
    fn italian_holidays_only_when_observed() {
        let mut schedule = conferenza();
        schedule.holidays.italian = false;
        assert!(schedule.is_staffed(local("2025-04-21T10:00")));
        assert!(!schedule.is_holiday(date(2025, 12, 25)));
    }

    #[test]
    fn yearly_and_one_off_holidays() {
        let schedule = livorno();
        // San Giulia, patron of Livorno: 22 May, Thursday in 2025 and Friday in 2026.
        assert!(schedule.is_holiday(date(2025, 5, 22)));
        assert!(!schedule.is_staffed(local("2025-05-22T10:00")));
        assert!(!schedule.is_staffed(local("2026-05-22T10:00")));
        assert!(schedule.is_staffed(local("2025-05-23T10:00")));
        // A one-off closure.
        assert!(!schedule.is_staffed(local("2025-06-03T10:00")));
        assert!(schedule.is_staffed(local("2026-06-03T10:00")));
        // The Conferenza does not observe Livorno's patron.
        assert!(conferenza().is_staffed(local("2025-05-22T10:00")));
    }

    #[test]
    fn leap_day_yearly_holiday() {
        let schedule = rome(
            vec![window(
                &WEEKDAYS,
                Time::constant(9, 0, 0, 0),
                Time::constant(14, 0, 0, 0),
            )],
            Holidays {
                yearly: vec![(2, 29)],
                ..Holidays::default()
            },
            SignedDuration::from_hours(1),
        );
        assert!(schedule.is_holiday(date(2028, 2, 29)));
        assert!(!schedule.is_holiday(date(2027, 2, 28)));
        assert!(!schedule.is_holiday(date(2027, 3, 1)));
    }

    #[test]
    fn office_hours_follow_the_wall_clock_across_dst() {
        let schedule = conferenza();
        // Friday 28 March 2025: winter time, 8:00 is 07:00 UTC.
        assert!(!schedule.is_staffed(ts("2025-03-28T06:59:59Z")));
        assert!(schedule.is_staffed(ts("2025-03-28T07:00:00Z")));
        // Monday 31 March 2025: summer time, 8:00 is 06:00 UTC.
        assert!(!schedule.is_staffed(ts("2025-03-31T05:59:59Z")));
        assert!(schedule.is_staffed(ts("2025-03-31T06:00:00Z")));
        assert!(!schedule.is_staffed(ts("2025-03-31T16:00:00Z")));
        // Monday 27 October 2025: winter time again.
        assert!(!schedule.is_staffed(ts("2025-10-27T06:30:00Z")));
        assert!(schedule.is_staffed(ts("2025-10-27T07:00:00Z")));
        assert!(schedule.is_staffed(ts("2025-10-27T16:59:59Z")));
        assert!(!schedule.is_staffed(ts("2025-10-27T17:00:00Z")));
    }

    #[test]
    fn window_start_in_the_spring_gap_resolves_forward() {
        // Sunday 30 March 2025: clocks jump from 2:00 to 3:00 in Rome.
        let schedule = rome(
            vec![window(
                &[Weekday::Sunday],
                Time::constant(2, 30, 0, 0),
                Time::constant(4, 0, 0, 0),
            )],
            Holidays::default(),
            SignedDuration::from_mins(30),
        );
        // 2:30 does not exist: it resolves to 3:30 summer time (01:30 UTC).
        assert!(!schedule.is_staffed(ts("2025-03-30T01:00:00Z"))); // 3:00 CEST
        assert!(schedule.is_staffed(ts("2025-03-30T01:30:00Z"))); // 3:30 CEST
        assert!(!schedule.is_staffed(ts("2025-03-30T02:00:00Z"))); // 4:00 CEST
        assert_eq!(
            schedule.next_staffed(ts("2025-03-29T20:00:00Z")),
            Some(ts("2025-03-30T01:30:00Z"))
        );
        assert_eq!(
            schedule.review_by(ts("2025-03-29T20:00:00Z")),
            Some(ts("2025-03-30T02:00:00Z"))
        );
        // A normal Sunday: 2:30 CET is 01:30 UTC.
        assert!(schedule.is_staffed(ts("2025-03-23T01:30:00Z")));
    }

    #[test]
    fn whole_day_windows_follow_the_length_of_the_day() {
        let days = [Weekday::Saturday, Weekday::Sunday];
        let whole = |end| {
            rome(
                vec![window(&days, Time::midnight(), end)],
                Holidays::default(),
                SignedDuration::from_hours(24),
            )
        };
        for schedule in [whole(Time::midnight()), whole(Time::MAX)] {
            assert!(schedule.is_staffed(local("2025-03-29T23:59:59.999999999")));
            assert!(schedule.is_staffed(local("2025-03-30T00:00")));
            assert!(!schedule.is_staffed(local("2025-03-31T00:00")));
            // 23 staffed hours are left on Saturday after 1:00, the 24th is Sunday's first.
            assert_eq!(
                schedule.review_by(local("2025-03-29T01:00")),
                Some(local("2025-03-30T01:00"))
            );
            // 30 March has 23 hours, 22 of them after 1:00: two more on the next Saturday.
            assert_eq!(
                schedule.review_by(local("2025-03-30T01:00")),
                Some(local("2025-04-05T02:00"))
            );
            // 26 October has 25 hours.
            assert_eq!(
                schedule.review_by(local("2025-10-26T00:00")),
                Some(ts("2025-10-26T22:00:00Z"))
            );
            assert!(schedule.is_staffed(ts("2025-10-26T22:59:59Z")));
            assert!(!schedule.is_staffed(ts("2025-10-26T23:00:00Z")));
        }
    }

    #[test]
    fn window_in_the_autumn_fold_covers_both_passes() {
        // Sunday 26 October 2025: clocks fall back from 3:00 to 2:00 in Rome.
        let schedule = rome(
            vec![window(
                &[Weekday::Sunday],
                Time::constant(2, 0, 0, 0),
                Time::constant(3, 0, 0, 0),
            )],
            Holidays::default(),
            SignedDuration::from_hours(2),
        );
        // From the first 2:00 (00:00 UTC) to 3:00 winter time (02:00 UTC): two real hours.
        assert!(!schedule.is_staffed(ts("2025-10-25T23:59:59Z")));
        assert!(schedule.is_staffed(ts("2025-10-26T00:00:00Z")));
        assert!(schedule.is_staffed(ts("2025-10-26T01:30:00Z")));
        assert!(!schedule.is_staffed(ts("2025-10-26T02:00:00Z")));
        assert_eq!(
            schedule.review_by(ts("2025-10-25T12:00:00Z")),
            Some(ts("2025-10-26T02:00:00Z"))
        );
    }

    #[test]
    fn next_staffed_is_now_when_staffed() {
        let schedule = livorno();
        let at = local("2025-03-05T10:15");
        assert_eq!(schedule.next_staffed(at), Some(at));
    }

    #[test]
    fn next_staffed_later_the_same_day() {
        let schedule = livorno();
        assert_eq!(
            schedule.next_staffed(local("2025-03-05T06:00")),
            Some(local("2025-03-05T09:00"))
        );
    }

    #[test]
    fn next_staffed_across_a_weekend() {
        let schedule = livorno();
        let monday = Some(local("2025-03-10T09:00"));
        assert_eq!(schedule.next_staffed(local("2025-03-07T14:00")), monday);
        assert_eq!(schedule.next_staffed(local("2025-03-08T12:00")), monday);
        assert_eq!(schedule.next_staffed(local("2025-03-09T23:59")), monday);
    }

    #[test]
    fn next_staffed_across_a_holiday() {
        let schedule = livorno();
        // Friday before Easter 2025 → Tuesday after Easter Monday.
        assert_eq!(
            schedule.next_staffed(local("2025-04-18T15:00")),
            Some(local("2025-04-22T09:00"))
        );
        // Christmas 2025 is Thursday, Santo Stefano Friday: next is Monday 29.
        assert_eq!(
            schedule.next_staffed(local("2025-12-24T14:00")),
            Some(local("2025-12-29T09:00"))
        );
    }

    #[test]
    fn next_staffed_none_when_never_staffed() {
        let no_days = rome(
            vec![window(
                &[],
                Time::constant(9, 0, 0, 0),
                Time::constant(14, 0, 0, 0),
            )],
            Holidays::default(),
            SignedDuration::from_hours(1),
        );
        let at = local("2025-03-05T10:00");
        assert!(!no_days.is_staffed(at));
        assert_eq!(no_days.next_staffed(at), None);
        assert_eq!(no_days.review_by(at), None);
        let empty_range = rome(
            vec![window(
                &WEEKDAYS,
                Time::constant(14, 0, 0, 0),
                Time::constant(9, 0, 0, 0),
            )],
            Holidays::default(),
            SignedDuration::from_hours(1),
        );
        assert!(!empty_range.is_staffed(at));
        assert_eq!(empty_range.next_staffed(at), None);
    }

    #[test]
    fn next_staffed_none_when_every_day_is_closed() {
        // Staffed only on Mondays, and the next 60 Mondays are closed.
        let schedule = rome(
            vec![window(
                &[Weekday::Monday],
                Time::constant(9, 0, 0, 0),
                Time::constant(14, 0, 0, 0),
            )],
            Holidays {
                dates: (0..60)
                    .map(|week| {
                        date(2025, 1, 6)
                            .checked_add(jiff::Span::new().weeks(week))
                            .unwrap()
                    })
                    .collect(),
                ..Holidays::default()
            },
            SignedDuration::from_hours(1),
        );
        assert_eq!(schedule.next_staffed(local("2025-01-01T00:00")), None);
        // Past the closures it is staffed again.
        assert_eq!(
            schedule.next_staffed(local("2026-03-01T00:00")),
            Some(local("2026-03-02T09:00"))
        );
    }

    #[test]
    fn review_by_friday_evening_is_monday() {
        let schedule = livorno();
        assert_eq!(
            schedule.review_by(local("2025-03-07T20:00")),
            Some(local("2025-03-10T11:00"))
        );
    }

    #[test]
    fn review_by_skips_a_monday_holiday() {
        let schedule = livorno();
        // Easter Monday 2025 is 21 April.
        assert_eq!(
            schedule.review_by(local("2025-04-18T20:00")),
            Some(local("2025-04-22T11:00"))
        );
    }

    #[test]
    fn review_by_spanning_days() {
        let mut schedule = livorno();
        schedule.review_within = SignedDuration::from_hours(12);
        // Wednesday 12:00: 2 h Wednesday, 5 h Thursday, 5 h Friday → Friday 14:00.
        assert_eq!(
            schedule.review_by(local("2025-03-05T12:00")),
            Some(local("2025-03-07T14:00"))
        );
        // One more minute spills over the weekend.
        schedule.review_within = SignedDuration::from_mins(12 * 60 + 1);
        assert_eq!(
            schedule.review_by(local("2025-03-05T12:00")),
            Some(local("2025-03-10T09:01"))
        );
    }

    #[test]
    fn review_by_inside_a_window() {
        let schedule = conferenza();
        assert_eq!(
            schedule.review_by(local("2025-03-05T09:30")),
            Some(local("2025-03-05T13:30"))
        );
        assert_eq!(
            schedule.review_by(local("2025-03-05T16:00")),
            Some(local("2025-03-06T10:00"))
        );
    }

    #[test]
    fn review_by_zero_or_negative_is_next_staffed() {
        let mut schedule = livorno();
        for within in [
            SignedDuration::ZERO,
            SignedDuration::from_hours(-3),
            SignedDuration::MIN,
        ] {
            schedule.review_within = within;
            let at = local("2025-03-07T20:00");
            assert_eq!(schedule.review_by(at), schedule.next_staffed(at));
            let at = local("2025-03-05T10:00");
            assert_eq!(schedule.review_by(at), Some(at));
        }
    }

    #[test]
    fn review_by_gives_up_past_the_bound() {
        let mut schedule = livorno();
        schedule.review_within = SignedDuration::MAX;
        assert_eq!(schedule.review_by(local("2025-03-05T10:00")), None);
        // Livorno staffs 25 hours a week: a thousand hours take some 40 weeks.
        schedule.review_within = SignedDuration::from_hours(1000);
        assert!(schedule.review_by(local("2025-03-05T10:00")).is_some());
    }

    #[test]
    fn extreme_instants_do_not_panic() {
        for schedule in [livorno(), conferenza()] {
            for at in [Timestamp::MIN, Timestamp::MAX] {
                let _ = schedule.is_staffed(at);
                let _ = schedule.next_staffed(at);
                let _ = schedule.review_by(at);
            }
        }
        assert_eq!(livorno().next_staffed(Timestamp::MAX), None);
    }

    #[test]
    fn overlapping_windows_count_once() {
        let schedule = rome(
            vec![
                window(
                    &WEEKDAYS,
                    Time::constant(9, 0, 0, 0),
                    Time::constant(14, 0, 0, 0),
                ),
                window(
                    &WEEKDAYS,
                    Time::constant(12, 0, 0, 0),
                    Time::constant(16, 0, 0, 0),
                ),
            ],
            Holidays::default(),
            SignedDuration::from_hours(7),
        );
        assert!(schedule.is_staffed(local("2025-03-05T15:00")));
        assert_eq!(
            schedule.review_by(local("2025-03-05T08:00")),
            Some(local("2025-03-05T16:00"))
        );
    }

    #[test]
    fn accessors() {
        let schedule = livorno();
        assert_eq!(schedule.time_zone(), "Europe/Rome");
        assert_eq!(schedule.review_within(), SignedDuration::from_hours(2));
        assert_eq!(schedule.windows().len(), 1);
        let window = &schedule.windows()[0];
        assert_eq!(window.days(), &WEEKDAYS);
        assert_eq!(window.start(), Time::constant(9, 0, 0, 0));
        assert_eq!(window.end(), Time::constant(14, 0, 0, 0));
        assert!(schedule.holidays().is_italian());
        assert_eq!(schedule.holidays().yearly(), &[(5, 22)]);
        assert_eq!(schedule.holidays().dates(), &[date(2025, 6, 3)]);
    }
}
