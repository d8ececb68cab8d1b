//! Phone numbers, a candidate of the number scanner ([`super::numbers`]). They have no
//! checksum, so the evidence is the Italian numbering plan, the way people group the digits,
//! and the absence of negative context (an amount, a date, a file or account reference).

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::{Group, Joint, Run};
use super::vat::{VAT_CONTEXT, vat_context_near};
use super::{constant_regex, number_value, window_after, window_before};

/// Words after which a number is a file or account reference, not a phone number.
static NEGATIVE_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(concat!(
        r"(?i)(?:\bprot(?:ocollo)?|\bpratica|\bfattura|\bdelibera(?:zione)?|\bdetermina(?:zione)?",
        r"|\bordinanza|\bdecreto|\bsentenza|\bcig|\bcup|\brif(?:erimento)?|\bmatricola|\bcodice",
        r"|\bcod|\bregistro|\breg|\bconto|\bc/c|\bposizione|\bordine|\bverbale|\bcartella|\biban",
        r"|\bcap)",
        // "prot. n. ", "pratica nr: "
        r"\.?[\s:.#°\-]*(?:(?:n|nr|num|numero|no)\.?[\s:.#°\-]*)?$",
    ))
});

/// "IT" right before the number: the country prefix of a VAT number, not of a phone number.
static IT_PREFIX: LazyLock<Regex> = LazyLock::new(|| constant_regex(r"\bIT[ \x{a0}]?$"));

/// A currency sign or "euro" right before the number: it is an amount.
static AMOUNT_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"(?i)(?:€|\$|£|\beur(?:o|i)?)\s*$"));

/// A currency sign, "euro" or `%` right after the number: it is an amount or a rate.
static AMOUNT_AFTER: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"(?i)^\s*(?:€|eur(?:o|i)?\b|%)"));

/// Compiles the regexes now, so a broken pattern fails in [`super::PersonalData::new`].
pub(super) fn compile() {
    LazyLock::force(&NEGATIVE_CONTEXT);
    LazyLock::force(&AMOUNT_BEFORE);
    LazyLock::force(&AMOUNT_AFTER);
    LazyLock::force(&IT_PREFIX);
}

/// Phone numbers.
///
/// * `+39` / `0039` / `(+39)`: the rest must be an Italian mobile or landline, grouped freely.
/// * Another `+CC`: 8–15 digits in all, as E.164 allows.
/// * Italian mobile, no prefix: `3` then `1`–`9`, 9–10 digits, written as one block or with
///   the three-digit operator prefix as the first group ("333 1234567", "333.12.34.567"),
///   but not as three groups of three ("320 400 500" is a list or an amount).
/// * Italian landline, no prefix: `0` then a non-zero digit, 6–11 digits, as one block or
///   with the area code as the first group: `02` or `06` (the only two-digit codes) or any
///   three or four digits ("0586 280204", "06/1234567", "055-123456").
///
/// Rejected: dates (`02/03/2024`, `06/2024`), amounts (a currency sign or "euro" right
/// before or after), numbers right after "prot.", "pratica", "fattura", "codice", ..., and
/// numbers right after "P.IVA" (an 11-digit number there with a wrong check digit is a
/// mistyped partita IVA, not a landline), 11-digit numbers a few words after it ("la mia
/// partita IVA è …"), and numbers right after the prefix "IT".
pub(super) fn is_phone(text: &str, run: &Run<'_>, d: &[u8], start: usize) -> bool {
    let Some(first) = run.groups.first() else {
        return false;
    };
    let plausible = if run.plus {
        match d.strip_prefix(b"39") {
            Some(rest) => italian_number(rest),
            None => (8..=15).contains(&d.len()) && d.first().is_some_and(|&b| b != b'0'),
        }
    } else if let Some(rest) = d.strip_prefix(b"0039") {
        italian_number(rest)
    } else {
        let single = run.groups.len() == 1;
        match d {
            [b'3', b'1'..=b'9', ..] => {
                let three_by_three =
                    run.groups.len() == 3 && run.groups.iter().all(|g| g.len() == 3);
                (9..=10).contains(&d.len()) && (single || first.len() == 3) && !three_by_three
            }
            [b'0', b'1'..=b'9', ..] => {
                let area = text.get(first.start..first.end).unwrap_or("");
                (6..=11).contains(&d.len())
                    && (single || matches!(area, "02" | "06") || matches!(first.len(), 3 | 4))
            }
            _ => false,
        }
    };
    if !plausible || looks_like_date(text, run.groups) {
        return false;
    }
    let end = run.groups.last().map_or(start, |g| g.end);
    let before = window_before(text, start, 40);
    !(AMOUNT_BEFORE.is_match(before)
        || AMOUNT_AFTER.is_match(window_after(text, end, 12))
        || NEGATIVE_CONTEXT.is_match(before)
        || VAT_CONTEXT.is_match(before)
        || IT_PREFIX.is_match(before)
        || (d.len() == 11 && vat_context_near(text, start)))
}

/// An Italian subscriber number after the country code: mobile or landline.
fn italian_number(d: &[u8]) -> bool {
    match d {
        [b'3', b'1'..=b'9', ..] => (9..=10).contains(&d.len()),
        [b'0', b'1'..=b'9', ..] => (6..=11).contains(&d.len()),
        _ => false,
    }
}

/// `d/m/y`, `d.m.y`, `d-m-y` (two- or four-digit year) or `m/yyyy` at the head of the groups.
fn looks_like_date(text: &str, groups: &[Group]) -> bool {
    let val = |g: &Group| number_value(text.get(g.start..g.end).unwrap_or("").as_bytes());
    let date_joint = |g: &Group| matches!(g.joint, Joint::Hard(b'/' | b'.' | b'-'));
    match groups {
        [d, m, y, ..]
            if date_joint(m)
                && date_joint(y)
                && d.len() <= 2
                && m.len() <= 2
                && matches!(y.len(), 2 | 4)
                && (1..=31).contains(&val(d))
                && (1..=12).contains(&val(m)) =>
        {
            true
        }
        [m, y, ..] => {
            date_joint(y)
                && m.len() <= 2
                && y.len() == 4
                && (1..=12).contains(&val(m))
                && (1900..=2099).contains(&val(y))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::PersonalKind;
    use super::super::test_support::{found, nothing, one};
    use super::*;

    #[test]
    fn regexes_compile() {
        compile();
    }

    #[test]
    fn mobile_formats() {
        for phone in [
            "3331234567",
            "333 1234567",
            "333-123-4567",
            "333.12.34.567",
            "333/1234567",
            "+39 333 1234567",
            "+393331234567",
            "0039 333 1234567",
            "(+39) 333 123 4567",
            "(0039) 333 1234567",
            "333 123456",
        ] {
            let text = format!("chiamami al {phone} dopo le 18");
            assert_eq!(found(&text), one(PersonalKind::Phone, phone), "{phone}");
        }
    }

    #[test]
    fn landline_formats() {
        for phone in [
            "0586 280204",
            "06/1234567",
            "+39 02 1234 5678",
            "055-123456",
            "0586.28.02.04",
            "0586280204",
        ] {
            let text = format!("Tel. {phone}.");
            assert_eq!(found(&text), one(PersonalKind::Phone, phone), "{phone}");
        }
    }

    #[test]
    fn international_numbers() {
        assert_eq!(
            found("il mio numero svizzero è +41 79 123 45 67"),
            one(PersonalKind::Phone, "+41 79 123 45 67")
        );
        assert_eq!(
            found("UK: +44 20 7946 0958"),
            one(PersonalKind::Phone, "+44 20 7946 0958")
        );
    }

    #[test]
    fn years_prices_dates_are_not_phones() {
        assert_eq!(found("Nel 2024 il comune ha speso € 1.250,00"), nothing());
        assert_eq!(found("La riunione è il 12/03/2024 alle 10.30"), nothing());
        assert_eq!(found("scadenza 02/03/2024"), nothing());
        assert_eq!(found("pubblicato 06/2024, aggiornato 06.2025"), nothing());
        assert_eq!(found("dal 1990 al 2024 sono passati 34 anni"), nothing());
        assert_eq!(found("320 400 500 persone"), nothing());
        assert_eq!(found("costo 3331234567 euro"), nothing());
        assert_eq!(found("costo € 3331234567"), nothing());
    }

    #[test]
    fn protocol_numbers_are_not_phones() {
        assert_eq!(found("Rif. prot. n. 12345/2024 del 3 marzo"), nothing());
        assert_eq!(found("prot. n. 0586280204"), nothing());
        assert_eq!(found("pratica n. 333 1234567"), nothing());
        assert_eq!(found("protocollo 012345/2024"), nothing());
    }

    #[test]
    fn cap_and_year_is_not_a_phone() {
        assert_eq!(found("35100 2024"), nothing());
        assert_eq!(found("Livorno 57123 2024"), nothing());
        assert_eq!(found("CAP 00184 Roma"), nothing());
    }

    #[test]
    fn too_short_or_long_mobiles() {
        assert_eq!(found("33312345"), nothing());
        assert_eq!(found("333123456789"), nothing());
        assert_eq!(found("codice 3331234567X"), nothing());
    }

    #[test]
    fn two_phones_in_one_text() {
        assert_eq!(
            found("Chiamate il 333 1234567 oppure lo 0586 280204 - grazie"),
            vec![
                (PersonalKind::Phone, "333 1234567".to_owned()),
                (PersonalKind::Phone, "0586 280204".to_owned()),
            ]
        );
        assert_eq!(
            found("333 1234567 - 0586 280204"),
            vec![
                (PersonalKind::Phone, "333 1234567".to_owned()),
                (PersonalKind::Phone, "0586 280204".to_owned()),
            ]
        );
    }

    #[test]
    fn phone_after_a_year() {
        assert_eq!(
            found("dal 2024 3331234567"),
            one(PersonalKind::Phone, "3331234567")
        );
    }
}
