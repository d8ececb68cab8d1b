//! Italian licence plates. The shape is common in codes and product names and carries no
//! checksum, so a context word must be near.

use std::sync::LazyLock;

use regex::Regex;

use super::{PersonalKind, PersonalMatch, alone_near_context, constant_regex, scan};

/// `AB123CD`, `AB 123 CD`, `AB-123-CD`.
static PLATE: LazyLock<Regex> = LazyLock::new(|| {
    // Plates since 1994 never use I, O, Q, U.
    let plate_letter = "[A-HJ-NPR-TV-Za-hj-npr-tv-z]";
    let plate =
        format!(r"{plate_letter}{{2}}[ \x{{a0}}\-]?[0-9]{{3}}[ \x{{a0}}\-]?{plate_letter}{{2}}");
    constant_regex(&plate)
});

/// "targa", "targata", "targato", "targhe", ...
static PLATE_CONTEXT: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"(?i)\btarg(?:a|ata|ato|ate|ati|he)\b"));

/// Compiles the regexes now, so a broken pattern fails in [`super::PersonalData::new`].
pub(super) fn compile() {
    LazyLock::force(&PLATE);
    LazyLock::force(&PLATE_CONTEXT);
}

/// Italian licence plates of the current series (`AB123CD`, `AB 123 CD`, `AB-123-CD`; the
/// letters I, O, Q, U are never used). The shape is common in codes and product names, so a
/// plate counts only near "targa", "targata", "targato", "targhe".
pub(super) fn find(text: &str, out: &mut Vec<PersonalMatch>) {
    scan(&PLATE, text, PersonalKind::LicensePlate, out, |m| {
        alone_near_context(text, m.start(), m.end(), &PLATE_CONTEXT).then_some((m.start(), m.end()))
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
    fn plates_need_context() {
        assert_eq!(
            found("l'auto targata AB123CD era in doppia fila"),
            one(PersonalKind::LicensePlate, "AB123CD")
        );
        assert_eq!(
            found("La targa è AB 123 CD"),
            one(PersonalKind::LicensePlate, "AB 123 CD")
        );
        assert_eq!(found("il prodotto AB123CD costa poco"), nothing());
        // I, O, Q, U are never used on plates.
        assert_eq!(found("targa AB123CO"), nothing());
    }
}
