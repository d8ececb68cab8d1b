//! Recognisers of personal data in comments: e-mail addresses, phone numbers, codici fiscali,
//! partite IVA and EU VAT numbers, IBANs, payment cards, identity documents, licence plates,
//! street addresses, dates of birth and IP addresses.
//!
//! The policies of Italian public administrations ask moderators to remove personal data of
//! the author or of third parties. A recogniser that flags every long number would bury the
//! moderators in false alarms (years, prices, dates, protocol numbers), so each recogniser
//! follows one rule of thumb: **accept a format only as far as it is evidence**.
//!
//! * Where the format carries a checksum (codice fiscale, partita IVA and the EU VAT numbers,
//!   IBAN, payment cards) the checksum is verified, so a random number passes only by chance
//!   (1 in 26 for a codice fiscale, about 1 in 100 for an IBAN, 1 in 10 for Luhn, which is why
//!   cards also need a known issuer prefix and an 11-digit partita IVA without context words
//!   also needs a valid provincial office code). A failed checksum means the text is not that
//!   identifier.
//! * Where the format is weak and has no checksum (identity documents, licence plates, dates
//!   of birth) a context word must be near ("carta d'identità", "documento", "C.I.", "targa",
//!   "nato il", "data di nascita", ...); a date of birth must also be a day of the calendar.
//! * Phone numbers have no checksum, so the recogniser leans on the Italian numbering plan
//!   (mobiles start with `3`, landlines with `0` and an area code), on how people group the
//!   digits, and on negative context (currency signs, "prot.", dates). Numbers spelled in
//!   words ("tre tre tre uno due …", "347 uno due tre 45 67") follow the same plan, and
//!   counting, lists and repetitions are not numbers anyone was given.
//! * E-mail addresses are distinctive as they are; their disguises ("mario at gmail dot com",
//!   "mario punto rossi chiocciola libero punto it") are made of ordinary words, so they count
//!   only with a top-level domain of a closed list and a local part shaped like one.
//! * IP addresses count only in their exact shapes (four numbers 0–255, eight hexadecimal
//!   groups or fewer with `::`), never as version numbers, dates or times.
//! * Street addresses are recognised loosely and reported as a *weak* kind
//!   ([`PersonalKind::is_weak`]): the moderator sends them to review instead of redacting them,
//!   since "Piazza del Municipio 1" is usually a public office and only sometimes a home. A
//!   street written all in lower case counts only after a word of residence ("abito in via
//!   roma 12").
//!
//! Every recogniser runs on the original text and reports byte ranges in it; all ranges lie
//! on `char` boundaries. Overlaps between recognisers are resolved by a fixed strength order
//! (checksummed kinds first, addresses last), so the final list is sorted and non-overlapping.
//!
//! Each recogniser family lives in its own file with its regexes and its tests, so a family's
//! rule of thumb, its patterns and the cases that pin them down read together; this file holds
//! what they share: the kinds, the overlap resolution and the text helpers.
//!
//! Speed and failure: each family compiles its regexes once per process, in a `LazyLock` that
//! [`PersonalData::new`] forces. The patterns are constants, so one that does not compile is a
//! bug: it panics while the classifier is built (and in the unit tests, which compile every
//! family) instead of silently disabling a finder and letting personal data through. A byte
//! scan first counts digits, dots and colons and looks for `@` and brackets, so a comment
//! without digits costs one scan and the two searches for spelled-out numbers and `@`, and
//! every regex is skipped when the text cannot hold its kind of match.

mod addresses;
mod cards;
mod dob;
mod documents;
mod email;
mod iban;
mod ip;
mod numbers;
mod phones;
mod plates;
mod tax_code;
mod vat;

use super::next_boundary;
use crate::text::signals::Signals;
use std::collections::BTreeMap;

use regex::Regex;

pub(crate) use crate::PersonalKind;

impl PersonalKind {
    /// Stable rule id, e.g. "personal-data/email", "personal-data/tax-code".
    pub(crate) fn rule(self) -> &'static str {
        match self {
            PersonalKind::Email => "personal-data/email",
            PersonalKind::Phone => "personal-data/phone",
            PersonalKind::TaxCode => "personal-data/tax-code",
            PersonalKind::VatNumber => "personal-data/vat-number",
            PersonalKind::Iban => "personal-data/iban",
            PersonalKind::PaymentCard => "personal-data/payment-card",
            PersonalKind::IdentityDocument => "personal-data/identity-document",
            PersonalKind::LicensePlate => "personal-data/license-plate",
            PersonalKind::Address => "personal-data/address",
            PersonalKind::DateOfBirth => "personal-data/date-of-birth",
            PersonalKind::IpAddress => "personal-data/ip-address",
        }
    }

    /// True for kinds whose recognition is weak (address): reviewed, not redacted automatically.
    pub(crate) fn is_weak(self) -> bool {
        matches!(self, PersonalKind::Address)
    }

    /// Strength used to resolve overlaps: lower wins. Checksummed kinds come first because a
    /// passing checksum is the strongest evidence; the address, the weakest, comes last.
    fn rank(self) -> u8 {
        match self {
            PersonalKind::Email => 0,
            PersonalKind::Iban => 1,
            PersonalKind::TaxCode => 2,
            PersonalKind::PaymentCard => 3,
            PersonalKind::VatNumber => 4,
            PersonalKind::IdentityDocument => 5,
            PersonalKind::LicensePlate => 6,
            PersonalKind::Phone => 7,
            PersonalKind::IpAddress => 8,
            PersonalKind::DateOfBirth => 9,
            PersonalKind::Address => 10,
        }
    }
}

/// One piece of personal data: its kind and its byte range in the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PersonalMatch {
    /// What was found.
    pub(crate) kind: PersonalKind,
    /// Byte offset of the first byte (on a `char` boundary).
    pub(crate) start: usize,
    /// Byte offset one past the last byte (on a `char` boundary).
    pub(crate) end: usize,
}

/// The recognisers, ready to run. Their regexes are process-wide statics, so this holds
/// nothing: it is free to clone, `Send + Sync`, and only [`PersonalData::new`] makes one, which
/// guarantees that every regex has compiled before the first comment is read.
#[derive(Clone, Debug)]
pub(crate) struct PersonalData {
    _compiled: (),
}

impl Default for PersonalData {
    fn default() -> Self {
        PersonalData::new()
    }
}

/// Compiles one of the constant patterns of a family.
#[expect(
    clippy::expect_used,
    reason = "constant pattern, compiled by the test suite: a finder must never be silently disabled"
)]
fn constant_regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a constant personal-data pattern must compile")
}

impl PersonalData {
    /// Compiles every recogniser the first time it runs in a process (tens of milliseconds);
    /// later calls cost nothing.
    ///
    /// Panics if a constant pattern does not compile, which the unit tests rule out.
    pub(crate) fn new() -> PersonalData {
        email::compile();
        numbers::compile();
        phones::compile();
        vat::compile();
        tax_code::compile();
        iban::compile();
        documents::compile();
        plates::compile();
        addresses::compile();
        dob::compile();
        ip::compile();
        PersonalData { _compiled: () }
    }

    /// Appends the matches in `text` to `out`, sorted by start, non-overlapping.
    #[cfg(test)]
    pub(crate) fn find(&self, text: &str, out: &mut Vec<PersonalMatch>) {
        self.find_with(text, &Signals::of(text), out);
    }

    /// Appends the matches in `text` to `out`, sorted by start, non-overlapping, given the
    /// counts of the comment's first pass (`signals`): a finder runs only where the characters
    /// it needs are present.
    pub(crate) fn find_with(&self, text: &str, signals: &Signals, out: &mut Vec<PersonalMatch>) {
        let Signals {
            digits,
            dots,
            colons,
            at_sign: has_at,
            bracket: has_bracket,
            ..
        } = *signals;
        // Numbers and addresses in words need a few words at least.
        let spelled = text.len() >= 16;
        if digits == 0 && !has_at && !has_bracket && colons < 3 && !spelled {
            return;
        }

        let mut found = Vec::new();
        if has_at || has_bracket || (spelled && has_spelled_at(text)) {
            email::find(text, &mut found);
        }
        if digits >= 6 {
            numbers::find(text, &mut found);
        }
        if digits >= 7 {
            vat::find_prefixed(text, &mut found);
        }
        if spelled {
            phones::find_spelled(text, &mut found);
        }
        if digits >= 1 && text.len() >= 16 {
            tax_code::find(text, &mut found);
        }
        if digits >= 2 && text.len() >= 15 {
            iban::find(text, &mut found);
        }
        if digits >= 5 {
            documents::find(text, &mut found);
        }
        if digits >= 3 {
            plates::find(text, &mut found);
        }
        if digits >= 4 && dots >= 3 {
            ip::find_v4(text, &mut found);
        }
        if colons >= 3 {
            ip::find_v6(text, &mut found);
        }
        if digits >= 4 {
            dob::find(text, &mut found);
        }
        if digits >= 1 {
            addresses::find(text, &mut found);
        }
        resolve(found, out);
    }
}

/// The words that spell out an `@` between spaces ("at", "AT", "At", "chiocciola" and its
/// capitals): the sign that a text without `@` or brackets may hold a disguised e-mail
/// address. Five substring searches cost less than one regex scan.
fn has_spelled_at(text: &str) -> bool {
    [" at ", " AT ", " At ", "hiocciol", "HIOCCIOL"]
        .iter()
        .any(|w| text.contains(w))
}

/// Keeps the strongest of overlapping matches and appends the survivors in text order.
fn resolve(mut found: Vec<PersonalMatch>, out: &mut Vec<PersonalMatch>) {
    found.sort_by_key(|m| (m.kind.rank(), m.start, std::cmp::Reverse(m.end - m.start)));
    // start -> match; the kept matches never overlap, so the one with the greatest start
    // before a candidate's end is the only one that can overlap it.
    let mut kept: BTreeMap<usize, PersonalMatch> = BTreeMap::new();
    for m in found {
        if m.start >= m.end {
            continue;
        }
        let overlaps = kept
            .range(..m.end)
            .next_back()
            .is_some_and(|(_, k)| k.end > m.start);
        if !overlaps {
            kept.insert(m.start, m);
        }
    }
    out.extend(kept.into_values());
}

// ---------------------------------------------------------------------------------------------
// Small text helpers: all of them work on char boundaries and never panic.

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

fn char_after(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

/// At most `n` bytes of `text` right before `pos`, cut on a char boundary.
fn window_before(text: &str, pos: usize, n: usize) -> &str {
    let mut s = pos.saturating_sub(n);
    while s < pos && !text.is_char_boundary(s) {
        s += 1;
    }
    text.get(s..pos).unwrap_or("")
}

/// At most `n` bytes of `text` right after `pos`, cut on a char boundary.
fn window_after(text: &str, pos: usize, n: usize) -> &str {
    let mut e = pos.saturating_add(n).min(text.len());
    while e > pos && !text.is_char_boundary(e) {
        e -= 1;
    }
    text.get(pos..e).unwrap_or("")
}

/// A weak format (a document number, a plate) with no checksum counts only when it stands
/// alone and a context word is within 48 bytes before or 32 bytes after it.
fn alone_near_context(text: &str, start: usize, end: usize, context: &Regex) -> bool {
    isolated(text, start, end)
        && (context.is_match(window_before(text, start, 48))
            || context.is_match(window_after(text, end, 32)))
}

/// True when the match `start..end` stands alone: no letter or digit glued to either side.
fn isolated(text: &str, start: usize, end: usize) -> bool {
    !char_before(text, start).is_some_and(is_word) && !char_after(text, end).is_some_and(is_word)
}

/// Runs `re` over `text`; `check` gets each match and returns the end of the accepted range,
/// or `None` to reject it. After a rejection the search resumes one char after the rejected
/// start, so a valid match overlapping a rejected one is still found.
fn scan(
    re: &Regex,
    text: &str,
    kind: PersonalKind,
    out: &mut Vec<PersonalMatch>,
    mut check: impl FnMut(regex::Match<'_>) -> Option<(usize, usize)>,
) {
    let mut at = 0;
    while at <= text.len() {
        let Some(m) = re.find_at(text, at) else { break };
        match check(m) {
            Some((start, end)) if start < end => {
                out.push(PersonalMatch { kind, start, end });
                at = end.max(next_boundary(text, m.start()));
            }
            _ => at = next_boundary(text, m.start()),
        }
    }
}

/// The value of a short digit string; it saturates, so an overlong one cannot overflow.
fn number_value(d: &[u8]) -> u32 {
    d.iter().fold(0u32, |acc, b| {
        acc.saturating_mul(10)
            .saturating_add(u32::from(b.wrapping_sub(b'0')))
    })
}

/// True when nothing on the right continues the token: no letter or digit, and no `.`, `,`,
/// `/` or `-` followed by a digit.
fn right_edge_free(text: &str, end: usize) -> bool {
    let mut after = text.get(end..).unwrap_or("").chars();
    match after.next() {
        None => true,
        Some(c) if is_word(c) => false,
        Some('.' | ',' | '/' | '-') => !after.next().is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    }
}

/// What the family tests compare: the kind and the text of each match.
#[cfg(test)]
mod test_support {
    use super::{PersonalData, PersonalKind};

    pub(super) fn found(text: &str) -> Vec<(PersonalKind, String)> {
        let mut out = Vec::new();
        PersonalData::new().find(text, &mut out);
        out.iter()
            .map(|m| {
                (
                    m.kind,
                    text.get(m.start..m.end).unwrap_or("<bad range>").to_owned(),
                )
            })
            .collect()
    }

    pub(super) fn one(kind: PersonalKind, s: &str) -> Vec<(PersonalKind, String)> {
        vec![(kind, s.to_owned())]
    }

    pub(super) fn nothing() -> Vec<(PersonalKind, String)> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{found, nothing, one};
    use super::*;

    // ---- construction and kinds

    #[test]
    fn every_regex_compiles() {
        // `new` forces every family's regexes; a pattern that does not compile panics there.
        PersonalData::new();
    }

    #[test]
    fn rule_ids_and_labels() {
        assert_eq!(PersonalKind::Email.rule(), "personal-data/email");
        assert_eq!(PersonalKind::TaxCode.rule(), "personal-data/tax-code");
        assert_eq!(PersonalKind::TaxCode.label("it"), ("codice fiscale", false));
        assert_eq!(PersonalKind::LicensePlate.label("it"), ("targa", true));
        assert_eq!(PersonalKind::Email.label("en"), ("email address", false));
        assert!(PersonalKind::Address.is_weak());
        assert!(!PersonalKind::Iban.is_weak());
    }

    #[test]
    fn shared_between_threads() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<PersonalData>();
    }

    #[test]
    fn appends_without_clearing() {
        let p = PersonalData::new();
        let mut out = vec![PersonalMatch {
            kind: PersonalKind::Phone,
            start: 0,
            end: 1,
        }];
        p.find("scrivi a mario@example.com", &mut out);
        assert_eq!(out.len(), 2);
    }

    // ---- mixed texts

    #[test]
    fn several_kinds_in_one_comment() {
        let text = "Sono Mario, CF RSSMRA85T10A562S, abito in Via Roma 10, cell. 333 1234567, \
                    mail mario@example.it, IBAN IT60X0542811101000000123456.";
        assert_eq!(
            found(text),
            vec![
                (PersonalKind::TaxCode, "RSSMRA85T10A562S".to_owned()),
                (PersonalKind::Address, "Via Roma 10".to_owned()),
                (PersonalKind::Phone, "333 1234567".to_owned()),
                (PersonalKind::Email, "mario@example.it".to_owned()),
                (PersonalKind::Iban, "IT60X0542811101000000123456".to_owned()),
            ]
        );
    }

    #[test]
    fn email_wins_over_digits_inside_it() {
        assert_eq!(
            found("3331234567@example.com"),
            one(PersonalKind::Email, "3331234567@example.com")
        );
    }

    #[test]
    fn plain_text_has_nothing() {
        assert_eq!(found(""), nothing());
        assert_eq!(
            found("Buongiorno, quando riapre la biblioteca comunale? Grazie mille!"),
            nothing()
        );
        assert_eq!(found("precipitevolissimevolmente"), nothing());
    }

    #[test]
    fn ranges_on_char_boundaries_with_accents() {
        let text = "Perché? Città: è 333 1234567 — però";
        assert_eq!(found(text), one(PersonalKind::Phone, "333 1234567"));
    }

    // ---- properties

    fn check_invariants(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let mut out = Vec::new();
        PersonalData::new().find(text, &mut out);
        let mut prev_end = 0;
        for m in &out {
            proptest::prop_assert!(m.start < m.end);
            proptest::prop_assert!(m.end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(m.start));
            proptest::prop_assert!(text.is_char_boundary(m.end));
            proptest::prop_assert!(m.start >= prev_end);
            prev_end = m.end;
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_unicode(text in "\\PC{0,200}") {
            check_invariants(&text)?;
        }

        #[test]
        fn invariants_on_number_like_text(
            text in "[0-9 ./\\-+()@a-zA-Zàè'IViaPz,:€]{0,120}"
        ) {
            check_invariants(&text)?;
        }

        #[test]
        fn invariants_on_mixed_tokens(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "333", "1234567", " ", "-", ".", "/", "+39", "0586", "IT60", "X054",
                "2811", "4111", "via ", "Roma ", "12", "€", "é", "ß", "\u{a0}", "mario@",
                "x.it", "RSSMRA85T10A562S", "targa ", "AB", "123", "CD", "P.IVA ",
                "12345670017", "C.I. ", "\u{202f}", "(at)", "日本", " at ", " punto ",
                "chiocciola ", "gmail", " dot ", "com", "tre ", "uno ", "quarantacinque ",
                "nato il ", "12/03/1985", "3 marzo 1990", "192.168.", "1.20", "::", "2001:db8",
                ":", "IT", "DE", "ATU", "FR", "abito in ", "via roma 12",
            ]),
            0..30,
        )) {
            check_invariants(&parts.concat())?;
        }
    }
}
