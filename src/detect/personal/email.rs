//! E-mail addresses. There is no checksum, but the shape (a local part, `@` and a dotted
//! domain) is distinctive enough to count as evidence on its own, so no context word is asked
//! for. The spelled-out disguises (`(at)`, `[chiocciola]`, `(punto)`) are still an address, so
//! they count too.

use std::sync::LazyLock;

use regex::Regex;

use super::{PersonalKind, PersonalMatch, constant_regex, scan};

/// `local@domain.tld` with Unicode letters in the local part and the labels, and the `(at)`,
/// `[chiocciola]`, `(dot)`, `(punto)` spellings of `@` and `.`.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    let label = r"[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?";
    let at = r"(?:@|[ \t]?[(\[][ \t]?(?i:at|chiocciola)[ \t]?[)\]][ \t]?)";
    let dot = r"(?:\.|[ \t]?[(\[][ \t]?(?i:dot|punto)[ \t]?[)\]][ \t]?)";
    let local = r"[\p{L}\p{N}_%+\-]+(?:\.[\p{L}\p{N}_%+\-]+)*";
    let email = format!(r"{local}{at}(?:{label}{dot})+[A-Za-z]{{2,24}}");
    constant_regex(&email)
});

/// Compiles the regex now, so a broken pattern fails in [`super::PersonalData::new`].
pub(super) fn compile() {
    LazyLock::force(&EMAIL);
}

/// E-mail addresses: `local@domain.tld`, with Unicode letters allowed, and the common
/// disguises `nome(at)dominio.it`, `nome [at] dominio [dot] it`, `nome (chiocciola) dominio
/// (punto) it`. A `@mention` has no local part and never matches.
pub(super) fn find(text: &str, out: &mut Vec<PersonalMatch>) {
    scan(&EMAIL, text, PersonalKind::Email, out, |m| {
        Some((m.start(), m.end()))
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
    fn email_plain() {
        assert_eq!(
            found("Scrivetemi a mario.rossi@gmail.com, grazie."),
            one(PersonalKind::Email, "mario.rossi@gmail.com")
        );
    }

    #[test]
    fn email_subdomain_and_plus() {
        assert_eq!(
            found("info+urp@comune.livorno.it"),
            one(PersonalKind::Email, "info+urp@comune.livorno.it")
        );
    }

    #[test]
    fn email_disguised() {
        assert_eq!(
            found("contattami: mario.rossi (at) gmail (dot) com"),
            one(PersonalKind::Email, "mario.rossi (at) gmail (dot) com")
        );
        assert_eq!(
            found("mario[chiocciola]libero.it"),
            one(PersonalKind::Email, "mario[chiocciola]libero.it")
        );
    }

    #[test]
    fn mention_is_not_email() {
        assert_eq!(found("Grazie @Comune.Livorno per la risposta"), nothing());
        assert_eq!(found("scrivete a mario@localhost"), nothing());
    }
}
