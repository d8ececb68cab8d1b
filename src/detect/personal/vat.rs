//! Partite IVA, a candidate of the number scanner ([`super::numbers`]). The check digit is a
//! Luhn check, which one random 11-digit number in ten passes, so without a context word the
//! number must also carry a valid provincial office code. The context regex is shared with
//! [`super::phones`]: a wrong check digit after "P.IVA" is a mistyped partita IVA, not a phone.

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::{Joint, Run, luhn_valid};
use super::{constant_regex, number_value, window_before};

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

/// Compiles the regex now, so a broken pattern fails in [`super::PersonalData::new`].
pub(super) fn compile() {
    LazyLock::force(&VAT_CONTEXT);
}

/// Partita IVA: 11 digits; the last is the check digit of the official algorithm (odd
/// positions summed as they are, even positions doubled minus 9 when above 9, check digit
/// = (10 − sum mod 10) mod 10), which is the Luhn check on all 11 digits. Digits 8–10 are the
/// code of the provincial tax office (001–100, or 120, 121, 888, 999).
///
/// Decision: the number must be written as one block of 11 digits (optionally "IT" in front)
/// and its check digit must be valid. After "P.IVA", "partita IVA", "P.I.", "VAT" and the like
/// that is enough. Without such a word the number must also be a whole run of its own (not
/// joined by separators to other digits, as in "12345678903/2024") and carry a valid office
/// code, so about one random 11-digit number in a thousand passes instead of one in ten.
pub(super) fn is_vat(text: &str, run: &Run<'_>, d: &[u8], start: usize) -> bool {
    let ([group], whole_run) = (run.groups, run.whole_run) else {
        return false;
    };
    if d.len() != 11 || group.len() != 11 || !luhn_valid(d) {
        return false;
    }
    if VAT_CONTEXT.is_match(window_before(text, start, 40)) {
        return true;
    }
    let office = number_value(d.get(7..10).unwrap_or(&[]));
    let office_ok = (1..=100).contains(&office) || matches!(office, 120 | 121 | 888 | 999);
    let standalone = whole_run && group.joint == Joint::Start;
    office_ok && standalone && d.iter().any(|&b| b != b'0')
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
    fn vat_invalid_check_digit() {
        assert_eq!(found("P.IVA 01234567898"), nothing());
        assert_eq!(found("numero 12345670018"), nothing());
    }

    #[test]
    fn vat_part_of_longer_number() {
        assert_eq!(found("12345670017/2024"), nothing());
        assert_eq!(found("2024.12345670017"), nothing());
    }
}
