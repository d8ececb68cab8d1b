//! Street addresses. They are recognised loosely, since "Piazza del Municipio 1" is usually a
//! public office and only sometimes a home, and reported as a weak kind that the moderator
//! reviews instead of redacting.

use std::sync::LazyLock;

use regex::Regex;

use super::{
    PersonalKind, PersonalMatch, char_before, constant_regex, next_boundary, right_edge_free,
};

/// Lower-case words allowed inside a street name ("Piazza del Municipio", "Via dei Mille").
const NAME_PARTICLES: &[&str] = &[
    "di", "da", "de", "del", "della", "dello", "dei", "degli", "delle", "al", "alla", "allo", "ai",
    "agli", "alle", "e", "in", "sul", "sulla", "san", "santa", "santo", "s.", "n", "n.", "nr",
    "nr.", "num", "num.", "n°", "civico", "civ.",
];

/// Capitalised words that follow "via" as "by means of", not as a street.
const NOT_STREET_NAMES: &[&str] = &[
    "facebook",
    "whatsapp",
    "instagram",
    "twitter",
    "telegram",
    "messenger",
    "email",
    "e-mail",
    "mail",
    "pec",
    "sms",
    "internet",
    "web",
    "skype",
    "zoom",
    "tiktok",
    "youtube",
    "google",
    "telefono",
    "posta",
];

/// A street word, a name of one to five words, and a house number with an optional suffix.
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    let months = concat!(
        "(?i:gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre",
        "|novembre|dicembre)"
    );
    // A name word: "4 Novembre", "Garibaldi", "G.", "d'Azeglio", "Sant'Anna".
    let word = format!(
        concat!(
            r"(?:[0-9]{{1,2}}[ \x{{a0}}]+{months}",
            r"|(?:(?i:d|dell|sant|l|all|nell)['’])?\p{{L}}[\p{{L}}\p{{M}}'’\-]*\.?)"
        ),
        months = months,
    );
    let street = concat!(
        r"(?P<kw>(?i:via|viale|v\.le|piazza|piazzale|p\.zza|p\.za|p\.le|corso|c\.so|largo",
        r"|vicolo|vico|strada|borgo|lungomare|salita|contrada))"
    );
    let space = r"[ \t\x{a0}]";
    let address = format!(
        concat!(
            r"{street}{space}+(?P<name>{word}(?:{space}+{word}){{0,4}})",
            r"{space}*,?{space}*(?:(?i:n|nr|num|n°|civico)\.?{space}*)?",
            r"(?P<num>[0-9]{{1,4}})(?P<suf>[ ]?/[ ]?[A-Za-z0-9]{{1,3}}|[A-Za-z])?"
        ),
        street = street,
        space = space,
        word = word,
    );
    constant_regex(&address)
});

/// Compiles the regex now, so a broken pattern fails in [`super::PersonalData::new`].
pub(super) fn compile() {
    LazyLock::force(&ADDRESS);
}

/// Street addresses: a street word (via, viale, piazza, piazzale, corso, largo, vicolo,
/// strada, borgo, lungomare, ... and abbreviations like "p.zza", "v.le", "c.so"), a name of one
/// to five words ("Grande", "del Municipio", "G. Garibaldi", "XX Settembre", "4 Novembre"),
/// an optional comma or "n.", and a house number of one to four digits with an optional
/// suffix ("12/B", "3a").
///
/// Every word of the name except particles ("del", "dei", "di", "n.") must be capitalised:
/// "via" is also "by means of", "corso" a course, "largo" wide, "piazza" the square in general
/// ("in piazza c'erano 300 persone"), so a lower-case name is no evidence of a street. After
/// "via", channel names ("via Facebook 2 volte") are excluded. A four-digit number that reads
/// as a year (19xx, 20xx) is not a house number. Addresses written all in lower case are
/// therefore missed; the kind is weak anyway, and the moderator only reviews it.
pub(super) fn find(text: &str, out: &mut Vec<PersonalMatch>) {
    let mut at = 0;
    while at <= text.len() {
        let Some(caps) = ADDRESS.captures_at(text, at) else {
            break;
        };
        let (Some(whole), Some(kw), Some(name), Some(num)) = (
            caps.get(0),
            caps.name("kw"),
            caps.name("name"),
            caps.name("num"),
        ) else {
            break;
        };
        let end = whole.end();
        let ok = !char_before(text, whole.start()).is_some_and(|ch| ch.is_alphanumeric())
            && right_edge_free(text, end)
            && !(num.len() == 4 && matches!(num.as_str().get(..2), Some("19" | "20")))
            && street_name_ok(kw.as_str(), name.as_str());
        if ok {
            out.push(PersonalMatch {
                kind: PersonalKind::Address,
                start: whole.start(),
                end,
            });
            at = end;
        } else {
            at = next_boundary(text, whole.start());
        }
    }
}

fn street_name_ok(keyword: &str, name: &str) -> bool {
    let is_via = keyword.eq_ignore_ascii_case("via");
    let mut significant = 0usize;
    for word in name.split_whitespace() {
        let lower = word.to_lowercase();
        if NAME_PARTICLES.contains(&lower.as_str()) {
            continue;
        }
        if word.starts_with(|ch: char| ch.is_ascii_digit()) {
            // "4 Novembre": the month follows as its own word.
            continue;
        }
        if is_via && NOT_STREET_NAMES.contains(&lower.as_str()) {
            return false;
        }
        // "d'Azeglio", "Sant'Anna": look past the elided particle.
        let core = match word.find(['\'', '’']) {
            Some(p) if p <= 4 => word
                .get(p..)
                .unwrap_or(word)
                .trim_start_matches(['\'', '’']),
            _ => word,
        };
        if !core.starts_with(char::is_uppercase) {
            return false;
        }
        significant += 1;
    }
    significant > 0
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
    fn addresses_found() {
        assert_eq!(
            found("abito in via Grande 45 a Livorno"),
            one(PersonalKind::Address, "via Grande 45")
        );
        assert_eq!(
            found("Piazza del Municipio, 1"),
            one(PersonalKind::Address, "Piazza del Municipio, 1")
        );
        assert_eq!(
            found("Corso Vittorio Emanuele II n. 12/B"),
            one(PersonalKind::Address, "Corso Vittorio Emanuele II n. 12/B")
        );
        assert_eq!(
            found("Via XX Settembre 3a"),
            one(PersonalKind::Address, "Via XX Settembre 3a")
        );
        assert_eq!(
            found("viale d'Azeglio 8"),
            one(PersonalKind::Address, "viale d'Azeglio 8")
        );
    }

    #[test]
    fn addresses_not_found() {
        assert_eq!(found("l'ho mandato via email 3 volte"), nothing());
        assert_eq!(found("l'ho mandato via Facebook 2 volte"), nothing());
        assert_eq!(found("un corso base 2 volte a settimana"), nothing());
        assert_eq!(found("largo circa 3 metri"), nothing());
        assert_eq!(found("in piazza c'erano 300 persone"), nothing());
        assert_eq!(found("Piazza Grande 2024 è stata bellissima"), nothing());
        assert_eq!(found("Olivia Rossi 3"), nothing());
    }
}
