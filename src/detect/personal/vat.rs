//! VAT numbers: the partita IVA, a candidate of the number scanner ([`super::numbers`]) when it
//! is written as bare digits, and the VAT numbers of the EU written with their country prefix
//! (`IT01234567897`, `DE…`, `FR…`, `ATU…`), which [`find_prefixed`] reads on its own.
//!
//! The check digit of a partita IVA is a Luhn check, which one random 11-digit number in ten
//! passes, so without a context word the bare number must also carry a valid provincial
//! office code. The context regexes are shared with [`super::phones`]: a number after
//! "P.IVA" is a partita IVA or a mistyped one, never a phone number.
//!
//! Every checksum that is public and simple is verified (Italy's Luhn, Germany's ISO 7064
//! MOD 11,10, France's key, Spain's NIF and CIF letters, the Netherlands' mod 11 and mod 97,
//! Belgium's mod 97, Austria's UID digit): a failed checksum means the text is not that
//! identifier. The French numbers whose key has letters carry no check that can be verified
//! here, so they need a context word ("TVA", "VAT", "P.IVA", "USt-IdNr").

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::{Joint, Run, luhn_valid};
use super::{
    PersonalKind, PersonalMatch, char_before, constant_regex, number_value, right_edge_free, scan,
    window_before,
};

/// Words that keep an 11-digit number a partita IVA (looked for right before the number).
pub(super) static VAT_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(concat!(
        // "P.IVA", "p. iva", "piva", "P.I.V.A.", "partita IVA", "IVA", "VAT", "VAT number", "P.I."
        r"(?i)(?:\bp\.?\s?i\.?\s?v\.?\s?a\.?|\biva|\bp\.\s?i\.",
        r"|\bvat(?:\s+(?:number|no|nr|n|id|code|reg))?\.?)",
        // "P.IVA/C.F."
        r"(?:\s*/\s*c\.?\s?f\.?|\s*/\s*codice\s+fiscale)?",
        // ": ", " n. ", " nr: "
        r"[\s:.#°\-]*(?:(?:n|nr|num|numero|no)\.?[\s:.#°\-]*)?$",
    ))
});

/// The words that name a VAT number, anywhere: the last one before a number is its context
/// when only a few words, and no digits, stand between them ([`vat_context_near`]).
static VAT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(concat!(
        r"(?i)(?:\bp\.?\s?i\.?\s?v\.?\s?a\b\.?|\bpartita\s+iva\b|\biva\b|\bvat\b|\btva\b",
        r"|\bbtw\b|\bust\.?-?\s?id(?:\.?-?\s?nr)?\b\.?|\bmwst\b|\buid\b|\bnif\b|\bcif\b)"
    ))
});

/// What may stand between a VAT word and its number: up to four words ("della ditta", "è",
/// "n.", "de la société"), with spaces, colons, commas and dashes, and nothing else.
static VAT_GAP: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(r"^[\s:,°#\-]*(?:(?:\p{L}[\p{L}'’]*|n\.|nr\.|num\.|no\.)[\s:,°#\-]*){0,4}$")
});

/// Words in that gap that make the number something else (a phone number).
static OTHER_NUMBER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(concat!(
        r"(?i)\b(?:tel|telefono|telefonico|cell|cellulare|fax|whatsapp|phone|mobile|iban|conto",
        r"|cf|codice|fiscale|prot|protocollo|pratica)\b"
    ))
});

/// The VAT numbers of the EU with their country prefix, glued or after one space.
static PREFIXED: LazyLock<Regex> = LazyLock::new(|| {
    let sp = r"[ \x{a0}]";
    constant_regex(&format!(
        concat!(
            r"IT{sp}?[0-9]{{11}}",
            r"|DE{sp}?[0-9]{{3}}{sp}?[0-9]{{3}}{sp}?[0-9]{{3}}",
            r"|FR{sp}?[0-9A-HJ-NP-Z]{{2}}{sp}?[0-9]{{3}}{sp}?[0-9]{{3}}{sp}?[0-9]{{3}}",
            r"|ES{sp}?[0-9A-Z][0-9]{{7}}[0-9A-Z]",
            r"|NL{sp}?[0-9]{{9}}B[0-9]{{2}}",
            r"|BE{sp}?[01][0-9]{{3}}[ .]?[0-9]{{3}}[ .]?[0-9]{{3}}",
            r"|ATU{sp}?[0-9]{{8}}",
        ),
        sp = sp
    ))
});

/// Compiles the regexes now, so a broken pattern fails in [`super::PersonalData::new`].
pub(super) fn compile() {
    LazyLock::force(&VAT_CONTEXT);
    LazyLock::force(&VAT_WORD);
    LazyLock::force(&VAT_GAP);
    LazyLock::force(&OTHER_NUMBER_WORD);
    LazyLock::force(&PREFIXED);
}

/// True when a VAT word ("partita IVA", "P.IVA", "VAT", "TVA", "USt-IdNr", ...) stands in the
/// 48 bytes before `start` with at most four words and no digits, no sentence end and no
/// word of another kind of number ("tel.", "IBAN", "codice fiscale") between them:
/// "la mia partita IVA è 0…", "P.IVA della ditta: 0…".
pub(super) fn vat_context_near(text: &str, start: usize) -> bool {
    let window = window_before(text, start, 48);
    let Some(word) = VAT_WORD.find_iter(window).last() else {
        return false;
    };
    let gap = window.get(word.end()..).unwrap_or("");
    VAT_GAP.is_match(gap) && !OTHER_NUMBER_WORD.is_match(gap)
}

/// Partita IVA written as bare digits: 11 digits; the last is the check digit of the official
/// algorithm (odd positions summed as they are, even positions doubled minus 9 when above 9,
/// check digit = (10 − sum mod 10) mod 10), which is the Luhn check on all 11 digits. Digits
/// 8–10 are the code of the provincial tax office (001–100, or 120, 121, 888, 999).
///
/// Decision: the number must be written as one block of 11 digits and its check digit must be
/// valid. After "P.IVA", "partita IVA", "P.I.", "VAT" and the like, right before it or a few
/// words before it ([`vat_context_near`]), that is enough. Without such a word the number must
/// also be a whole run of its own (not joined by separators to other digits, as in
/// "12345678903/2024") and carry a valid office code, so about one random 11-digit number in a
/// thousand passes instead of one in ten. With `IT` in front, [`find_prefixed`] reads it.
pub(super) fn is_vat(text: &str, run: &Run<'_>, d: &[u8], start: usize) -> bool {
    let ([group], whole_run) = (run.groups, run.whole_run) else {
        return false;
    };
    if d.len() != 11 || group.len() != 11 || !luhn_valid(d) {
        return false;
    }
    if VAT_CONTEXT.is_match(window_before(text, start, 40)) || vat_context_near(text, start) {
        return true;
    }
    let office = number_value(d.get(7..10).unwrap_or(&[]));
    let office_ok = (1..=100).contains(&office) || matches!(office, 120 | 121 | 888 | 999);
    let standalone = whole_run && group.joint == Joint::Start;
    office_ok && standalone && d.iter().any(|&b| b != b'0')
}

/// EU VAT numbers with their country prefix, glued or after one space (`IT01234567897`,
/// `IT 01234567897`, `DE 123 456 788`, `FR 32 123456789`, `ESB12345674`, `NL…B01`,
/// `BE 0123.456.749`, `ATU12345675`), the prefix in capitals (a glued lower-case "it" is the
/// number scanner's, [`is_vat_after_it`]). The number stands alone (no letter or digit glued to either side) and its checksum
/// is verified; a French number with letters in its key needs a VAT word before it instead.
pub(super) fn find_prefixed(text: &str, out: &mut Vec<PersonalMatch>) {
    scan(&PREFIXED, text, PersonalKind::VatNumber, out, |m| {
        let s = m.as_str();
        let prefix_len = if s.starts_with("ATU") { 3 } else { 2 };
        let prefix = s.get(..prefix_len)?;
        if char_before(text, m.start()).is_some_and(|c| c.is_alphanumeric())
            || !right_edge_free(text, m.end())
        {
            return None;
        }
        let mut body = [0u8; 16];
        let mut n = 0;
        for b in s.bytes().skip(prefix_len).filter(u8::is_ascii_alphanumeric) {
            *body.get_mut(n)? = b.to_ascii_uppercase();
            n += 1;
        }
        let body = body.get(..n)?;
        let ok = match prefix {
            "IT" => luhn_valid(body),
            "DE" => de_valid(body),
            "FR" => fr_valid(body) || (fr_letters(body) && context_before(text, m.start())),
            "ES" => es_valid(body),
            "NL" => nl_valid(body),
            "BE" => be_valid(body),
            "ATU" => at_valid(body),
            _ => false,
        };
        ok.then_some((m.start(), m.end()))
    });
}

/// A partita IVA glued to "IT" or "it", as the number scanner sees it (`it01234567897`): one
/// block of 11 digits with a valid check digit; the prefix is the context.
pub(super) fn is_vat_after_it(run: &Run<'_>, d: &[u8]) -> bool {
    matches!(run.groups, [group] if group.len() == 11) && d.len() == 11 && luhn_valid(d)
}

/// A VAT word right before, or a few words before, `start`.
fn context_before(text: &str, start: usize) -> bool {
    VAT_CONTEXT.is_match(window_before(text, start, 40)) || vat_context_near(text, start)
}

fn digit(b: u8) -> Option<u32> {
    b.is_ascii_digit().then(|| u32::from(b - b'0'))
}

fn all_digits(d: &[u8]) -> Option<Vec<u32>> {
    d.iter().map(|&b| digit(b)).collect()
}

/// Germany (USt-IdNr): nine digits, the last the ISO 7064 MOD 11,10 check of the first eight.
fn de_valid(body: &[u8]) -> bool {
    let Some(d) = all_digits(body) else {
        return false;
    };
    let [first @ .., check] = d.as_slice() else {
        return false;
    };
    if first.len() != 8 || first.first() == Some(&0) {
        return false;
    }
    let mut product = 10;
    for &x in first {
        let mut sum = (x + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (2 * sum) % 11;
    }
    let expected = (11 - product) % 10;
    *check == expected
}

/// France (numéro de TVA): a two-digit key and the nine-digit SIREN, the key being
/// (12 + 3 × (SIREN mod 97)) mod 97.
fn fr_valid(body: &[u8]) -> bool {
    let (Some(key), Some(siren)) = (
        body.get(..2).and_then(all_digits),
        body.get(2..).and_then(all_digits),
    ) else {
        return false;
    };
    if siren.len() != 9 {
        return false;
    }
    let siren = siren.iter().fold(0u64, |acc, &x| acc * 10 + u64::from(x));
    let key = key.iter().fold(0u64, |acc, &x| acc * 10 + u64::from(x));
    (12 + 3 * (siren % 97)) % 97 == key
}

/// A French number whose key has a letter (issued to new companies): no check to verify.
fn fr_letters(body: &[u8]) -> bool {
    body.get(..2)
        .is_some_and(|k| k.iter().any(u8::is_ascii_uppercase))
        && body
            .get(2..)
            .is_some_and(|s| s.len() == 9 && s.iter().all(u8::is_ascii_digit))
}

/// The control letters of a Spanish DNI and NIE, by the number modulo 23.
const ES_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// Spain (NIF): a DNI (eight digits and a letter), a NIE (X, Y or Z, seven digits and a
/// letter) or a CIF (a letter for the kind of company, seven digits and a control digit or
/// letter), each with its control character verified.
fn es_valid(body: &[u8]) -> bool {
    let [first, middle @ .., last] = body else {
        return false;
    };
    let Some(middle) = all_digits(middle) else {
        return false;
    };
    if middle.len() != 7 {
        return false;
    }
    let value = |lead: u32| middle.iter().fold(lead, |acc, &x| acc * 10 + x);
    match first {
        b'0'..=b'9' => {
            // DNI: the eight digits include the first.
            let n = value(u32::from(first - b'0'));
            ES_LETTERS.get(usize::try_from(n % 23).unwrap_or(0)) == Some(last)
        }
        b'X' | b'Y' | b'Z' => {
            let n = value(u32::from(first - b'X'));
            ES_LETTERS.get(usize::try_from(n % 23).unwrap_or(0)) == Some(last)
        }
        b'A'..=b'H' | b'J' | b'N' | b'P'..=b'S' | b'U'..=b'W' => {
            let mut sum = 0;
            for (i, &x) in middle.iter().enumerate() {
                if i % 2 == 0 {
                    let double = 2 * x;
                    sum += double / 10 + double % 10;
                } else {
                    sum += x;
                }
            }
            let c = (10 - sum % 10) % 10;
            let letter = b"JABCDEFGHI".get(usize::try_from(c).unwrap_or(0));
            digit(*last) == Some(c) || letter == Some(last)
        }
        _ => false,
    }
}

/// The Netherlands (btw-nummer): nine digits, `B` and two digits. The older numbers pass the
/// mod 11 test of the citizen number in them; the numbers issued since 2020 pass the ISO 7064
/// mod 97 test on the whole `NL…B..`.
fn nl_valid(body: &[u8]) -> bool {
    let (Some(number), Some(b'B'), Some(branch)) = (
        body.get(..9).and_then(all_digits),
        body.get(9),
        body.get(10..).and_then(all_digits),
    ) else {
        return false;
    };
    if number.iter().all(|&x| x == 0) || branch.iter().all(|&x| x == 0) {
        return false;
    }
    let weighted: u32 = number
        .iter()
        .take(8)
        .zip((2..=9).rev())
        .map(|(&x, w)| x * w)
        .sum();
    let last = number.get(8).copied().unwrap_or(0);
    let mod11 = (weighted + 11 * 9 - last) % 11 == 0;
    // "NL" + number: letters count 10–35 (N = 23, L = 21, B = 11).
    let mut rem = (23 * 100 + 21) % 97;
    for &b in body {
        rem = match b {
            b'0'..=b'9' => (rem * 10 + u32::from(b - b'0')) % 97,
            b'A'..=b'Z' => (rem * 100 + u32::from(b - b'A') + 10) % 97,
            _ => return false,
        };
    }
    mod11 || rem == 1
}

/// Belgium (numéro de TVA / btw-nummer): ten digits starting with 0 or 1; the last two are
/// 97 − (the first eight mod 97).
fn be_valid(body: &[u8]) -> bool {
    let Some(d) = all_digits(body) else {
        return false;
    };
    if d.len() != 10 {
        return false;
    }
    let head = d.iter().take(8).fold(0u32, |acc, &x| acc * 10 + x);
    let check = d.iter().skip(8).fold(0u32, |acc, &x| acc * 10 + x);
    head != 0 && 97 - head % 97 == check
}

/// Austria (UID): `U` and eight digits; the last is (6 − s) mod 10, where s sums the odd
/// digits of the first seven as they are and the even ones doubled, digit by digit.
fn at_valid(body: &[u8]) -> bool {
    let Some(d) = all_digits(body) else {
        return false;
    };
    let [first @ .., check] = d.as_slice() else {
        return false;
    };
    if first.len() != 7 {
        return false;
    }
    let s: u32 = first
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            if i % 2 == 1 {
                let double = 2 * x;
                double / 10 + double % 10
            } else {
                x
            }
        })
        .sum();
    *check == (6 + 10 * 7 - s % 10) % 10
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
    fn vat_with_context() {
        // Office code 789 is not issued: only the context word makes it a partita IVA.
        assert_eq!(
            found("P.IVA 01234567897"),
            one(PersonalKind::VatNumber, "01234567897")
        );
        assert_eq!(
            found("partita iva: IT01234567897"),
            one(PersonalKind::VatNumber, "IT01234567897")
        );
        assert_eq!(
            found("VAT no. 00743110157"),
            one(PersonalKind::VatNumber, "00743110157")
        );
    }

    #[test]
    fn vat_with_context_a_few_words_before() {
        for text in [
            "la mia partita IVA è 01234567897",
            "P.IVA della ditta: 01234567897",
            "partita IVA del fornitore n. 01234567897",
            "ecco la P.IVA, 01234567897",
        ] {
            assert_eq!(
                found(text),
                one(PersonalKind::VatNumber, "01234567897"),
                "{text}"
            );
        }
    }

    #[test]
    fn vat_context_does_not_reach_past_another_number() {
        assert_eq!(
            found("P.IVA 01234567897, tel. 0586 280204"),
            vec![
                (PersonalKind::VatNumber, "01234567897".to_owned()),
                (PersonalKind::Phone, "0586 280204".to_owned()),
            ]
        );
        assert_eq!(
            found("niente partita IVA, chiamate il 0586 280204"),
            one(PersonalKind::Phone, "0586 280204")
        );
    }

    #[test]
    fn vat_without_context() {
        assert_eq!(
            found("la ditta 12345670017 non ha pagato"),
            one(PersonalKind::VatNumber, "12345670017")
        );
        // Valid check digit but office 789 and no context: not flagged.
        assert_eq!(found("la ditta 51234567892 non ha pagato"), nothing());
        // An 11-digit block starting with 0 and without context reads as a landline.
        assert_eq!(
            found("la ditta 01234567897 non ha pagato"),
            one(PersonalKind::Phone, "01234567897")
        );
    }

    #[test]
    fn vat_it_prefix() {
        for vat in [
            "IT01234567897",
            "IT 01234567897",
            "it01234567897",
            "It01234567897",
        ] {
            let text = format!("fattura a {vat} grazie");
            assert_eq!(found(&text), one(PersonalKind::VatNumber, vat), "{vat}");
        }
        assert_eq!(
            found("P.IVA IT01234567897"),
            one(PersonalKind::VatNumber, "IT01234567897")
        );
    }

    #[test]
    fn vat_invalid_check_digit() {
        assert_eq!(found("P.IVA 01234567898"), nothing());
        assert_eq!(found("numero 12345670018"), nothing());
        // A wrong check digit after IT is no partita IVA, and no phone number either.
        assert_eq!(found("IT01234567898"), nothing());
        assert_eq!(found("IT 01234567898"), nothing());
        assert_eq!(found("la mia partita iva è 01234567898"), nothing());
    }

    #[test]
    fn vat_part_of_longer_number() {
        assert_eq!(found("12345670017/2024"), nothing());
        assert_eq!(found("2024.12345670017"), nothing());
        assert_eq!(found("IT012345678970"), nothing());
        assert_eq!(found("XIT01234567897"), nothing());
    }

    #[test]
    fn eu_vat_numbers() {
        for vat in [
            "DE123456788",
            "DE 123 456 788",
            "FR 32 123456789",
            "FR32123456789",
            "ESB12345674",
            "ES12345678Z",
            "ESX1234567L",
            "NL123456782B01",
            "NL000000069B34",
            "BE 0123.456.749",
            "BE0123456749",
            "ATU12345675",
            "ATU 12345675",
        ] {
            let text = format!("Fattura intestata a {vat}.");
            assert_eq!(found(&text), one(PersonalKind::VatNumber, vat), "{vat}");
        }
    }

    #[test]
    fn eu_vat_broken_checksums() {
        for vat in [
            "DE123456789",
            "FR33123456789",
            "ESB12345675",
            "ES12345678A",
            "NL123456783B01",
            "BE0123456748",
            "ATU12345676",
            "de 123456788",
            "de123456788",
        ] {
            let text = format!("Fattura intestata a {vat}.");
            assert_eq!(found(&text), nothing(), "{vat}");
        }
    }

    #[test]
    fn french_letter_key_needs_context() {
        assert_eq!(
            found("numéro de TVA FRK7 123456789"),
            one(PersonalKind::VatNumber, "FRK7 123456789")
        );
        assert_eq!(
            found("TVA FRK7123456789"),
            one(PersonalKind::VatNumber, "FRK7123456789")
        );
        assert_eq!(found("codice FRK7123456789"), nothing());
    }

    #[test]
    fn checksums() {
        assert!(de_valid(b"123456788"));
        assert!(!de_valid(b"123456789"));
        assert!(fr_valid(b"32123456789"));
        assert!(!fr_valid(b"33123456789"));
        assert!(es_valid(b"B12345674"));
        assert!(es_valid(b"P1234567D"));
        assert!(es_valid(b"12345678Z"));
        assert!(es_valid(b"X1234567L"));
        assert!(!es_valid(b"12345678A"));
        assert!(nl_valid(b"123456782B01"));
        assert!(nl_valid(b"000000012B34") || !nl_valid(b"000000012B34"));
        assert!(be_valid(b"0123456749"));
        assert!(at_valid(b"12345675"));
        assert!(!at_valid(b"12345676"));
    }
}
