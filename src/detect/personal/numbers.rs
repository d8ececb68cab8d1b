//! Numbers written in digits: the shared scanner of phones, payment cards and partite IVA.
//!
//! One regex finds "number runs": digit groups joined by single separators (space, dot, dash,
//! slash, optionally padded with spaces), with an optional leading `+`, `(+39)` or `(0039)`.
//! Each run is cut into groups, and every way of taking consecutive groups that starts and ends
//! at a *soft* joint (one containing a space) is tried, longest first. A *hard* joint (`1.250`,
//! `12/03`, `12345/2024`) glues two groups into one number: a match never starts or ends there,
//! which is what keeps the tail of a date or of a protocol number from being flagged.
//!
//! The three kinds share the scanner because the same digits could be any of them: a candidate
//! is offered to [`super::cards`], then [`super::vat`], then [`super::phones`], and the first
//! that accepts it names it (after a glued "IT" only a partita IVA may follow, after a `+` only
//! a phone number).

use std::sync::LazyLock;

use regex::Regex;

use super::cards::is_card;
use super::phones::is_phone;
use super::vat::{is_vat, is_vat_after_it};
use super::{PersonalKind, PersonalMatch, constant_regex, is_word, right_edge_free};

/// Horizontal spaces accepted inside numbers: space, tab, no-break and narrow no-break space.
const SP: &str = r"[ \t\x{a0}\x{202f}]";

/// A number run: digit groups and their separators, with an optional `+CC`, `(+CC)` or
/// `(00CC)` in front.
static NUMBER_RUN: LazyLock<Regex> = LazyLock::new(|| {
    let sep = format!(r"(?:[./\-]{SP}{{0,2}}|{SP}{{1,2}}[./\-]?{SP}{{0,2}})");
    let number_run =
        format!(r"(?:\((?:\+|00)[0-9]{{1,3}}\){SP}{{0,2}}|\+{SP}?)?[0-9]+(?:{sep}[0-9]+)*");
    constant_regex(&number_run)
});

/// Compiles the regex now, so a broken pattern fails in [`super::PersonalData::new`].
pub(super) fn compile() {
    LazyLock::force(&NUMBER_RUN);
}

/// Most groups a single number may span ("+39 333 12 34 567" has five).
const MAX_GROUPS: usize = 8;

/// Longest digit string considered (19 for cards, 15 plus a "0039" prefix for phones).
const MAX_DIGITS: usize = 24;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Joint {
    /// The first group of a run.
    Start,
    /// A separator with a space in it ("333 1234567", "333 - 1234567").
    Soft(u8),
    /// A separator without spaces ("333-1234567", "1.250", "12/03").
    Hard(u8),
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Group {
    pub(super) start: usize,
    pub(super) end: usize,
    /// The separator in front of this group.
    pub(super) joint: Joint,
}

impl Group {
    pub(super) fn len(&self) -> usize {
        self.end - self.start
    }
}

/// What glues the run to the text on its left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LeftEdge {
    Free,
    /// A letter, or a digit and a separator, touches the run: it is part of a longer token.
    Joined,
    /// "IT" right before the digits, as in "IT01234567897" (only a partita IVA may follow).
    ItPrefix,
}

fn left_edge(text: &str, start: usize) -> LeftEdge {
    let mut before = text.get(..start).unwrap_or("").chars().rev();
    match before.next() {
        None => LeftEdge::Free,
        Some('T' | 't') => {
            if matches!(before.next(), Some('I' | 'i')) && !before.next().is_some_and(is_word) {
                LeftEdge::ItPrefix
            } else {
                LeftEdge::Joined
            }
        }
        Some(c) if is_word(c) => LeftEdge::Joined,
        Some('.' | ',' | '/' | '-') => {
            if before.next().is_some_and(|c| c.is_ascii_digit()) {
                LeftEdge::Joined
            } else {
                LeftEdge::Free
            }
        }
        Some(_) => LeftEdge::Free,
    }
}

/// Cuts the run `start..end` into digit groups; returns true when it opens with `+`.
fn parse_groups(text: &str, start: usize, end: usize, groups: &mut Vec<Group>) -> bool {
    let Some(run) = text.get(start..end) else {
        return false;
    };
    let mut plus = false;
    let mut open: Option<usize> = None;
    let mut sep_from = start;
    let mut joint = Joint::Start;
    for (off, b) in run.bytes().enumerate() {
        let pos = start + off;
        if b.is_ascii_digit() {
            if open.is_none() {
                open = Some(pos);
                if !groups.is_empty() {
                    joint = classify_joint(text.get(sep_from..pos).unwrap_or(""));
                }
            }
        } else if let Some(gs) = open.take() {
            groups.push(Group {
                start: gs,
                end: pos,
                joint,
            });
            sep_from = pos;
        } else if groups.is_empty() && b == b'+' {
            plus = true;
        }
    }
    if let Some(gs) = open {
        groups.push(Group {
            start: gs,
            end,
            joint,
        });
    }
    plus
}

fn classify_joint(sep: &str) -> Joint {
    let punct = sep
        .bytes()
        .find(|b| !b.is_ascii_whitespace() && b.is_ascii())
        .unwrap_or(b' ');
    if sep.chars().any(char::is_whitespace) {
        Joint::Soft(punct)
    } else {
        Joint::Hard(punct)
    }
}

/// The digits of `groups`, concatenated, in a fixed buffer.
struct Digits {
    buf: [u8; MAX_DIGITS],
    len: usize,
}

impl Digits {
    fn of(text: &str, groups: &[Group]) -> Option<Digits> {
        let mut d = Digits {
            buf: [0; MAX_DIGITS],
            len: 0,
        };
        for g in groups {
            for b in text.get(g.start..g.end)?.bytes() {
                *d.buf.get_mut(d.len)? = b;
                d.len += 1;
            }
        }
        Some(d)
    }

    fn as_slice(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
}

/// Appends the phone numbers, payment cards and partite IVA in `text` to `out`; overlaps with
/// other kinds are left to [`super::resolve`].
pub(super) fn find(text: &str, out: &mut Vec<PersonalMatch>) {
    let mut groups: Vec<Group> = Vec::new();
    for m in NUMBER_RUN.find_iter(text) {
        groups.clear();
        let plus = parse_groups(text, m.start(), m.end(), &mut groups);
        let left = left_edge(text, m.start());
        let right_free = right_edge_free(text, m.end());
        if left == LeftEdge::Joined {
            // Glued to a letter or to digits before it: the tail of a code (the grouped digits
            // of an IBAN after its CIN letter, "X054 2811 ...") or of a longer number.
            continue;
        }
        let n = groups.len();
        let mut i = 0;
        while i < n {
            let starts_free = matches!(
                groups.get(i).map(|g| g.joint),
                Some(Joint::Start | Joint::Soft(_))
            );
            if !starts_free {
                i += 1;
                continue;
            }
            let found = (i..n.min(i + MAX_GROUPS)).rev().find_map(|j| {
                let ends_free = match groups.get(j + 1) {
                    Some(next) => matches!(next.joint, Joint::Soft(_)),
                    None => right_free,
                };
                if !ends_free {
                    return None;
                }
                let slice = groups.get(i..=j)?;
                let run = Run {
                    groups: slice,
                    plus: plus && i == 0,
                    it_prefix: i == 0 && left == LeftEdge::ItPrefix,
                    whole_run: i == 0 && j + 1 == n,
                    at_run_start: i == 0,
                    run_start: m.start(),
                };
                classify_number(text, &run).map(|(kind, start)| (j, kind, start))
            });
            match found {
                Some((j, kind, start)) => {
                    let end = groups.get(j).map_or(start, |g| g.end);
                    out.push(PersonalMatch { kind, start, end });
                    i = j + 1;
                }
                _ => i += 1,
            }
        }
    }
}

/// Consecutive groups of a run, as a candidate number.
pub(super) struct Run<'g> {
    pub(super) groups: &'g [Group],
    /// The run opens with `+` (or `(+CC)`) and the candidate starts at its first group.
    pub(super) plus: bool,
    /// "IT" glued in front of the first group.
    it_prefix: bool,
    /// The candidate is the whole run: no other digits are joined to it.
    pub(super) whole_run: bool,
    /// The candidate starts with the first group of the run.
    at_run_start: bool,
    run_start: usize,
}

fn classify_number(text: &str, run: &Run<'_>) -> Option<(PersonalKind, usize)> {
    let first = run.groups.first()?;
    let digits = Digits::of(text, run.groups)?;
    let d = digits.as_slice();
    if run.it_prefix {
        // "IT01234567897", "it01234567897": only a partita IVA may follow the prefix.
        let start = run.run_start.checked_sub(2)?;
        return is_vat_after_it(run, d).then_some((PersonalKind::VatNumber, start));
    }
    if run.plus {
        return is_phone(text, run, d, run.run_start)
            .then_some((PersonalKind::Phone, run.run_start));
    }
    // "(0039) 333 1234567": the bracket belongs to the number.
    let start = if run.at_run_start {
        run.run_start
    } else {
        first.start
    };
    if is_card(run.groups, d) {
        return Some((PersonalKind::PaymentCard, start));
    }
    if is_vat(text, run, d, start) {
        return Some((PersonalKind::VatNumber, start));
    }
    if is_phone(text, run, d, start) {
        return Some((PersonalKind::Phone, start));
    }
    None
}

/// Luhn check: from the right, every second digit is doubled (minus 9 when above 9) and the
/// sum must be a multiple of 10. It catches every single-digit error and most transpositions.
pub(super) fn luhn_valid(d: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, b) in d.iter().rev().enumerate() {
        let mut v = u32::from(b.wrapping_sub(b'0'));
        if v > 9 {
            return false;
        }
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    !d.is_empty() && sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regexes_compile() {
        compile();
    }

    #[test]
    fn luhn_checks() {
        assert!(luhn_valid(b"4111111111111111"));
        assert!(luhn_valid(b"12345670017"));
        assert!(!luhn_valid(b"4111111111111112"));
        assert!(!luhn_valid(b""));
        assert!(!luhn_valid(b"41x1"));
    }
}
