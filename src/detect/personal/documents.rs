//! Numbers of identity cards, passports and driving licences. Their shapes carry no checksum
//! and also fit product codes and references, so a context word must be near.

use std::sync::LazyLock;

use regex::Regex;

use super::{PersonalKind, PersonalMatch, alone_near_context, constant_regex, scan};

/// CIE (`CA12345AB`), paper identity card and passport (`AB 1234567`), driving licence
/// (`AB1234567C`).
static DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(r"[A-Za-z]{2}(?:[0-9]{5}[A-Za-z]{2}|[ \x{a0}]?[0-9]{7}[A-Za-z]?)")
});

/// The words that make such a shape a document number.
static DOCUMENT_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(r"(?i)identit|document|\bdoc\.|\bc\.\s?i\.|\bcie\b|passaport|patente")
});

/// Compiles the regexes now, so a broken pattern fails in [`super::PersonalData::new`].
pub(super) fn compile() {
    LazyLock::force(&DOCUMENT);
    LazyLock::force(&DOCUMENT_CONTEXT);
}

/// Identity documents: the electronic identity card (CIE, `CA12345AB`: two letters, five
/// digits, two letters), the paper identity card and the passport (`AB 1234567`: two letters,
/// seven digits) and the driving licence (`AB1234567C`). These shapes also fit product codes
/// and references, and they carry no checksum, so they count only with a context word
/// ("carta d'identità", "documento", "C.I.", "CIE", "passaporto", "patente") within about
/// 48 bytes before or 32 bytes after.
pub(super) fn find(text: &str, out: &mut Vec<PersonalMatch>) {
    scan(&DOCUMENT, text, PersonalKind::IdentityDocument, out, |m| {
        alone_near_context(text, m.start(), m.end(), &DOCUMENT_CONTEXT)
            .then_some((m.start(), m.end()))
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
    fn identity_documents_need_context() {
        assert_eq!(
            found("carta d'identità n. CA12345AB"),
            one(PersonalKind::IdentityDocument, "CA12345AB")
        );
        assert_eq!(
            found("C.I. AB 1234567 rilasciata dal Comune"),
            one(PersonalKind::IdentityDocument, "AB 1234567")
        );
        assert_eq!(
            found("il numero AB1234567 è del mio passaporto"),
            one(PersonalKind::IdentityDocument, "AB1234567")
        );
        assert_eq!(found("il modello CA12345AB è esaurito"), nothing());
        assert_eq!(found("codice AB 1234567"), nothing());
    }
}
