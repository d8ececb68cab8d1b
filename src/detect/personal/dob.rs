//! Dates of birth. A date alone is no evidence (comments are full of deadlines, meetings and
//! anniversaries), so a date counts only with a word of birth a few words before it ("nato
//! il", "data di nascita:", "born on"), and only if it is a real day of the calendar. A year
//! alone ("classe 1985", "nato nel 1990") is not a date of birth.

use std::sync::LazyLock;

use regex::Regex;

use super::{PersonalKind, PersonalMatch, char_before, constant_regex, window_before};

const MONTHS_IT: [&str; 12] = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
];
const MONTHS_EN: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A full date: numeric (`12/03/1985`, `1.2.75`, `01-02-1975`, `1985-03-12`), Italian
/// (`3 marzo 1990`, `1° maggio 1980`, `12 mar. 1985`, `3 di marzo del 1990`) or English
/// (`4 July 1980`, `4th of July, 1980`, `July 4, 1980`).
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let month = concat!(
        r"(?P<month>gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre",
        r"|novembre|dicembre|january|february|march|april|may|june|july|august|september",
        r"|october|november|december|gen|feb|mar|apr|mag|giu|lug|ago|sett?|ott|nov|dic|jan|jun",
        r"|jul|aug|sept?|oct|dec)\.?"
    );
    constant_regex(&format!(
        concat!(
            r"(?i)(?P<d>[0-9]{{1,2}})(?P<s1>[/.\-])(?P<m>[0-9]{{1,2}})(?P<s2>[/.\-])",
            r"(?P<y>[0-9]{{4}}|[0-9]{{2}})",
            r"|(?P<iy>[0-9]{{4}})-(?P<im>[0-9]{{2}})-(?P<id>[0-9]{{2}})",
            r"|(?P<td>[0-9]{{1,2}}|primo)(?:°|º|st|nd|rd|th)?[ \x{{a0}}]+(?:(?:di|of)[ \x{{a0}}]+)?",
            r"{month},?[ \x{{a0}}]+(?:del[ \x{{a0}}]+)?(?P<ty>[0-9]{{4}})",
            r"|{em}[ \x{{a0}}]+(?P<ed>[0-9]{{1,2}})(?:st|nd|rd|th)?,?[ \x{{a0}}]+(?P<ey>[0-9]{{4}})",
        ),
        month = month,
        em = month.replace("?P<month>", "?P<emonth>"),
    ))
});

/// Words of birth: the last one in the 48 bytes before a date makes it a date of birth when
/// at most four words, and no digits or sentence end, stand between them.
static BIRTH_WORD: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(concat!(
        r"(?i)(?:\bnat[oaie]\b|\bnascita\b|\bnasc\.|\bborn\b|\bbirth\b|\bd\.?o\.?b\b\.?",
        r"|\bcompleanno\b|\bbirthday\b)"
    ))
});

/// The words of birth without their word boundaries: a cheap test, run first, that the text
/// can hold a date of birth at all (a literal search, where the full patterns need a scan).
static BIRTH_HINT: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"(?i)nat[oaie]|nasc|born|birth|dob|d\.o\.b|compleanno"));

/// What may stand between the word of birth and the date: up to four words ("il", "a
/// Livorno il", "on", "è il"), spaces, colons and dashes, and a comma only right after the
/// word ("nato ieri, poi il …" is another clause).
static BIRTH_GAP: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"^[\s:\-]*,?[\s:\-]*(?:\p{L}[\p{L}'’]*[\s:\-]*){0,4}$"));

/// Compiles the regexes now, so a broken pattern fails in [`super::PersonalData::new`].
pub(super) fn compile() {
    LazyLock::force(&DATE);
    LazyLock::force(&BIRTH_WORD);
    LazyLock::force(&BIRTH_GAP);
    LazyLock::force(&BIRTH_HINT);
}

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    let position = |list: &[&str; 12]| {
        list.iter()
            .position(|m| *m == w || (w.len() >= 3 && m.starts_with(w.as_str())))
    };
    let p = position(&MONTHS_IT).or_else(|| position(&MONTHS_EN))?;
    u32::try_from(p + 1).ok()
}

fn value(s: &str) -> Option<u32> {
    s.parse().ok()
}

fn is_leap(year: u32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// A real day: month 1–12, day within the month (29 February in leap years only), year
/// 1900–2099 (a two-digit year is 19xx or 20xx).
fn valid_date(day: u32, month: u32, year: u32) -> bool {
    let year = match year {
        0..=99 => {
            if is_leap(1900 + year) || is_leap(2000 + year) {
                2000
            } else {
                1900 + year
            }
        }
        y => y,
    };
    if !(1900..=2099).contains(&year) {
        return false;
    }
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// The date in `caps`, if it is a real day.
fn date_of(caps: &regex::Captures<'_>) -> Option<bool> {
    let get = |name: &str| caps.name(name).map(|m| m.as_str());
    if let (Some(d), Some(m), Some(y)) = (get("d"), get("m"), get("y")) {
        // One separator throughout: "12/03/1985", not "12/03.1985".
        if get("s1") != get("s2") {
            return Some(false);
        }
        return Some(valid_date(value(d)?, value(m)?, value(y)?));
    }
    if let (Some(y), Some(m), Some(d)) = (get("iy"), get("im"), get("id")) {
        return Some(value(y)? >= 1900 && valid_date(value(d)?, value(m)?, value(y)?));
    }
    if let (Some(d), Some(m), Some(y)) = (get("td"), get("month"), get("ty")) {
        let day = if d.eq_ignore_ascii_case("primo") {
            1
        } else {
            value(d)?
        };
        return Some(valid_date(day, month_number(m)?, value(y)?));
    }
    if let (Some(m), Some(d), Some(y)) = (get("emonth"), get("ed"), get("ey")) {
        return Some(valid_date(value(d)?, month_number(m)?, value(y)?));
    }
    None
}

/// True when a word of birth stands a few words before `start`.
fn birth_context(text: &str, start: usize) -> bool {
    let window = window_before(text, start, 48);
    let Some(word) = BIRTH_WORD.find_iter(window).last() else {
        return false;
    };
    BIRTH_GAP.is_match(window.get(word.end()..).unwrap_or(""))
}

/// Dates of birth: a full, valid date ([`DATE`]) standing alone (no letter or digit glued to
/// it, not part of a longer dotted or dashed number), with a word of birth in the 48 bytes
/// before it and at most four words between them: "nato il 12/03/1985", "nata a Livorno il
/// 3 marzo 1990", "data di nascita: 01-02-1975", "born on 4 July 1980", "DOB 1985-03-12".
/// The match is the date alone.
pub(super) fn find(text: &str, out: &mut Vec<PersonalMatch>) {
    if !BIRTH_HINT.is_match(text) {
        return;
    }
    for caps in DATE.captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        let glued_before = char_before(text, m.start()).is_some_and(|c| c.is_alphanumeric())
            || (matches!(char_before(text, m.start()), Some('.' | '/' | '-'))
                && text
                    .get(..m.start().saturating_sub(1))
                    .and_then(|t| t.chars().next_back())
                    .is_some_and(|c| c.is_ascii_digit()));
        let mut after = text.get(m.end()..).unwrap_or("").chars();
        let glued_after = match after.next() {
            Some(c) if c.is_alphanumeric() => true,
            Some('.' | '/' | '-') => after.next().is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
        if glued_before || glued_after {
            continue;
        }
        if date_of(&caps) == Some(true) && birth_context(text, m.start()) {
            out.push(PersonalMatch {
                kind: PersonalKind::DateOfBirth,
                start: m.start(),
                end: m.end(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{found, nothing, one};
    use super::*;

    #[test]
    fn regexes_compile() {
        compile();
    }

    #[test]
    fn dates_of_birth() {
        for (text, date) in [
            ("sono nato il 12/03/1985 a Livorno", "12/03/1985"),
            ("nata il 3 marzo 1990", "3 marzo 1990"),
            ("data di nascita: 01-02-1975", "01-02-1975"),
            ("born on 4 July 1980", "4 July 1980"),
            ("born on July 4, 1980", "July 4, 1980"),
            ("nato a Livorno il 1° maggio 1980.", "1° maggio 1980"),
            ("nato il primo maggio 1980", "primo maggio 1980"),
            ("nata il 3 di marzo del 1990", "3 di marzo del 1990"),
            ("DOB: 1985-03-12", "1985-03-12"),
            ("mia figlia è nata il 29/02/2016", "29/02/2016"),
            ("data di nascita 12.3.85", "12.3.85"),
            ("il mio compleanno è il 12 dic. 1985", "12 dic. 1985"),
            ("date of birth: 4th of July, 1980", "4th of July, 1980"),
        ] {
            assert_eq!(found(text), one(PersonalKind::DateOfBirth, date), "{text}");
        }
    }

    #[test]
    fn dates_alone_are_not_dates_of_birth() {
        for text in [
            "La riunione è il 12/03/2024 alle 10",
            "scadenza 3 marzo 2025",
            "classe 1985",
            "sono nato nel 1985",
            "nato il 31/02/1985",
            "nato il 29/02/2015",
            "nata il 12/13/1985",
            "nato il 12/03.1985",
            "nato ieri, poi il 12/03/2024 ho cambiato casa e lavoro e tutto il resto",
            "nato il 12/03/19850",
            "nato il 1.12/03/1985",
            "nato il 3 marzo",
            "born in 1980",
        ] {
            assert_eq!(found(text), nothing(), "{text}");
        }
    }

    #[test]
    fn calendar() {
        assert!(valid_date(29, 2, 2000));
        assert!(!valid_date(29, 2, 1900));
        assert!(valid_date(31, 12, 1999));
        assert!(!valid_date(31, 4, 1999));
        assert!(!valid_date(0, 1, 1999));
        assert!(!valid_date(1, 1, 1899));
    }
}
