//! IBANs of every country in the registry. The mod-97 check lets about one random candidate
//! in a hundred through, and the spaces people put anywhere make ordinary sentences the same
//! shape, so the country's length, the share of digits and, for Italy and San Marino, the
//! national structure are checked as well.

use std::sync::LazyLock;

use regex::Regex;

use super::{
    PersonalKind, PersonalMatch, char_after, char_before, constant_regex, is_word, number_value,
    scan,
};

/// A country code, two check digits and 11 to 32 letters or digits, single spaces allowed.
static IBAN: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(r"[A-Za-z]{2}[ \x{a0}]?[0-9]{2}(?:[ \x{a0}]?[A-Za-z0-9]){11,32}")
});

/// Compiles the regex now, so a broken pattern fails in [`super::PersonalData::new`].
pub(super) fn compile() {
    LazyLock::force(&IBAN);
}

/// Lengths of the IBANs of the countries in the SWIFT IBAN registry.
#[rustfmt::skip]
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("AD", 24), ("AE", 23), ("AL", 28), ("AT", 20), ("AZ", 28), ("BA", 20), ("BE", 16), ("BG", 22),
    ("BH", 22), ("BI", 27), ("BR", 29), ("BY", 28), ("CH", 21), ("CR", 22), ("CY", 28), ("CZ", 24),
    ("DE", 22), ("DJ", 27), ("DK", 18), ("DO", 28), ("EE", 20), ("EG", 29), ("ES", 24), ("FI", 18),
    ("FK", 18), ("FO", 18), ("FR", 27), ("GB", 22), ("GE", 22), ("GI", 23), ("GL", 18), ("GR", 27),
    ("GT", 28), ("HN", 28), ("HR", 21), ("HU", 28), ("IE", 22), ("IL", 23), ("IQ", 23), ("IS", 26),
    ("IT", 27), ("JO", 30), ("KW", 30), ("KZ", 20), ("LB", 28), ("LC", 32), ("LI", 21), ("LT", 20),
    ("LU", 20), ("LV", 21), ("LY", 25), ("MC", 27), ("MD", 24), ("ME", 22), ("MK", 19), ("MN", 20),
    ("MR", 27), ("MT", 31), ("MU", 30), ("NI", 28), ("NL", 18), ("NO", 15), ("OM", 23), ("PK", 24),
    ("PL", 28), ("PS", 29), ("QA", 29), ("RO", 24), ("RS", 22), ("RU", 33), ("SA", 24), ("SC", 31),
    ("SD", 18), ("SE", 24), ("SI", 19), ("SK", 24), ("SM", 27), ("SO", 23), ("ST", 25), ("SV", 28),
    ("TL", 23), ("TN", 24), ("TR", 26), ("UA", 29), ("VA", 22), ("VG", 24), ("XK", 20), ("YE", 30),
];

/// ISO 13616 check: move the first four characters to the end, read letters as 10–35, and
/// the resulting number modulo 97 must be 1. Computed digit by digit, so no big integers.
/// Check digits 00, 01 and 99 are never issued.
fn iban_valid(chars: &[u8]) -> bool {
    if !(15..=34).contains(&chars.len()) {
        return false;
    }
    let check = number_value(chars.get(2..4).unwrap_or(&[]));
    if !(2..=98).contains(&check) {
        return false;
    }
    let mut rem = 0u32;
    for &b in chars.iter().skip(4).chain(chars.iter().take(4)) {
        rem = match b {
            b'0'..=b'9' => (rem * 10 + u32::from(b - b'0')) % 97,
            b'A'..=b'Z' => (rem * 100 + u32::from(b - b'A') + 10) % 97,
            _ => return false,
        };
    }
    rem == 1
}

/// IBANs of any country in the registry, upper or lower case, as one block or with single
/// spaces anywhere (groups of four, or the Italian "IT 60 X 05428 11101 000000123456").
///
/// The country's exact length is taken, so the words after the IBAN are never swallowed.
/// Because single spaces are allowed anywhere, an ordinary sentence ("ho 12 anni e mi piace
/// ...") has the same shape, and mod-97 alone would let about one in a hundred through; so the
/// country code must be in the registry, at least half of the characters must be digits (true
/// of every country's format, false of words), and for Italy and San Marino the national
/// structure is checked too (CIN letter, then the ten digits of ABI and CAB).
pub(super) fn find(text: &str, out: &mut Vec<PersonalMatch>) {
    scan(&IBAN, text, PersonalKind::Iban, out, |m| {
        if char_before(text, m.start()).is_some_and(is_word) {
            return None;
        }
        // Upper-cased characters, and the byte end of each in `text`.
        let mut chars = [0u8; 34];
        let mut ends = [0usize; 34];
        let mut n = 0usize;
        for (off, b) in m.as_str().bytes().enumerate() {
            if b.is_ascii_alphanumeric() {
                let (Some(ch), Some(e)) = (chars.get_mut(n), ends.get_mut(n)) else {
                    break;
                };
                *ch = b.to_ascii_uppercase();
                *e = m.start() + off + 1;
                n += 1;
            }
        }
        let country = chars.get(..2)?;
        let len = IBAN_LENGTHS
            .iter()
            .find(|(cc, _)| cc.as_bytes() == country)
            .map(|&(_, len)| len)?;
        let iban = chars.get(..len)?;
        let end = *ends.get(len.checked_sub(1)?)?;
        let digits = iban.iter().filter(|b| b.is_ascii_digit()).count();
        let national_ok = match country {
            b"IT" | b"SM" => {
                iban.get(4).is_some_and(u8::is_ascii_uppercase)
                    && iban
                        .get(5..15)
                        .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            }
            _ => true,
        };
        let ok = n >= len
            && digits * 2 >= len
            && national_ok
            && iban_valid(iban)
            && !char_after(text, end).is_some_and(is_word);
        ok.then_some((m.start(), end))
    });
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
    fn iban_valid_forms() {
        assert_eq!(
            found("IBAN IT60X0542811101000000123456 intestato a me"),
            one(PersonalKind::Iban, "IT60X0542811101000000123456")
        );
        assert_eq!(
            found("IBAN: IT60 X054 2811 1010 0000 0123 456 grazie"),
            one(PersonalKind::Iban, "IT60 X054 2811 1010 0000 0123 456")
        );
        assert_eq!(
            found("IT 60 X 05428 11101 000000123456"),
            one(PersonalKind::Iban, "IT 60 X 05428 11101 000000123456")
        );
        assert_eq!(
            found("it60x0542811101000000123456"),
            one(PersonalKind::Iban, "it60x0542811101000000123456")
        );
    }

    #[test]
    fn iban_foreign() {
        assert_eq!(
            found("DE89 3704 0044 0532 0130 00"),
            one(PersonalKind::Iban, "DE89 3704 0044 0532 0130 00")
        );
        assert_eq!(
            found("GB82WEST12345698765432"),
            one(PersonalKind::Iban, "GB82WEST12345698765432")
        );
        assert_eq!(
            found("conto FR1420041010050500013M02606."),
            one(PersonalKind::Iban, "FR1420041010050500013M02606")
        );
    }

    #[test]
    fn iban_one_digit_changed() {
        assert_eq!(found("IBAN IT60X0542811101000000123457"), nothing());
        assert_eq!(found("IBAN IT60 X054 2811 1010 0000 0123 457"), nothing());
    }

    #[test]
    fn sentences_shaped_like_ibans() {
        assert_eq!(found("ho 12 anni e mi piace giocare a calcio"), nothing());
        assert_eq!(
            found("IT 12 anni e mi piace giocare a calcio con gli amici"),
            nothing()
        );
        // A valid mod-97 check on an unknown country code is not enough.
        assert_eq!(found("QQ70 1234 5678 9012 3456"), nothing());
    }

    #[test]
    fn iban_san_marino() {
        assert_eq!(
            found("SM52A0856709801000000123456"),
            one(PersonalKind::Iban, "SM52A0856709801000000123456")
        );
    }

    #[test]
    fn iban_glued_to_more_characters() {
        assert_eq!(found("IT60X0542811101000000123456789"), nothing());
    }
}
