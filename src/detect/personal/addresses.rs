//! Street addresses. They are recognised loosely, since "Piazza del Municipio 1" is usually a
//! public office and only sometimes a home, and reported as a weak kind that the moderator
//! reviews instead of redacting.

use std::sync::LazyLock;

use regex::Regex;

use super::{
    PersonalKind, PersonalMatch, char_before, constant_regex, next_boundary, right_edge_free,
    window_before,
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

/// Lower-case words that never name a street: after "vivo in piazza" they are the sentence
/// going on ("vivo in piazza con 2 amici").
const NOT_NAME_WORDS: &[&str] = &[
    "con",
    "per",
    "che",
    "non",
    "tra",
    "fra",
    "ma",
    "il",
    "lo",
    "la",
    "le",
    "gli",
    "i",
    "un",
    "uno",
    "una",
    "mi",
    "ti",
    "si",
    "ci",
    "vi",
    "ho",
    "ha",
    "hanno",
    "sono",
    "è",
    "anni",
    "anno",
    "mesi",
    "mese",
    "giorni",
    "volte",
    "ore",
    "minuti",
    "persone",
    "amici",
    "figli",
    "circa",
    "almeno",
    "solo",
    "più",
    "meno",
    "dopo",
    "prima",
    "quasi",
    "oltre",
    "tutto",
    "tutta",
    "tutti",
    "ogni",
    "sempre",
    "spesso",
    "mai",
    "oggi",
    "ieri",
    "domani",
    "stasera",
    "adesso",
    "ora",
    "qui",
    "lì",
    "là",
    "sviluppo",
    "costruzione",
    "ristrutturazione",
    "guarigione",
    "definizione",
    "approvazione",
    "valutazione",
    "laurea",
    "studi",
    "formazione",
    "vendita",
    "affitto",
    "attesa",
    "lavori",
    "from",
    "for",
    "with",
    "the",
    "and",
];

/// Words after a number that make it a count ("via di sviluppo 2 volte", "corso di laurea
/// 3 anni"), not a house number.
const COUNT_NOUNS: &[&str] = &[
    "volte",
    "volta",
    "anni",
    "anno",
    "mesi",
    "mese",
    "giorni",
    "giorno",
    "ore",
    "ora",
    "minuti",
    "settimane",
    "persone",
    "euro",
    "km",
    "metri",
    "chilometri",
    "posti",
    "piani",
    "times",
    "years",
];

/// Words of residence: right before a street (within 48 bytes, nothing but words, spaces,
/// commas and colons between them), they make a lower-case name a street's ("abito in via
/// roma 12", "residente in corso italia 45/b", "casa mia è in piazza garibaldi 3").
static RESIDENCE: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(concat!(
        r"(?i)\b(?:abit[oaie]|abitiamo|abitano|abitate|viv[oaie]|viviamo|vivono|vivete|sto|sta",
        r"|stiamo|stanno|risied\w*|resident[ei]|residenza|domicili\w*|indirizzo|abitazione",
        r"|casa\s+mia(?:\s+è)?|trasferit[oaie]|live|lives|living|address)\b",
        r"[^.!?;\n0-9]{0,24}$",
    ))
});

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
        r"|vicolo|vico|strada|borgo|lungomare|salita|contrada|località|loc\.|frazione|fraz\.",
        r"|traversa))"
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
    LazyLock::force(&RESIDENCE);
}

/// Street addresses: a street word (via, viale, piazza, piazzale, corso, largo, vicolo,
/// strada, borgo, lungomare, località, ... and abbreviations like "p.zza", "v.le", "c.so"), a
/// name of one to five words ("Grande", "del Municipio", "G. Garibaldi", "XX Settembre",
/// "4 Novembre"), an optional comma or "n.", and a house number of one to four digits with an
/// optional suffix ("12/B", "3a").
///
/// Every word of the name except particles ("del", "dei", "di", "n.") must be capitalised:
/// "via" is also "by means of", "corso" a course, "largo" wide, "piazza" the square in general
/// ("in piazza c'erano 300 persone"), so a lower-case name is no evidence of a street, except
/// right after a word of residence ([`RESIDENCE`]: "abito in via roma 12", "sto in corso
/// italia 45/b", "vive in piazza garibaldi 3", "live at"), and then its words must not be
/// ones that never name a street ("vivo in piazza con 2 amici"). After "via", channel names
/// ("via Facebook 2 volte") are excluded. A four-digit number that reads as a year (19xx,
/// 20xx) is not a house number, and neither is a number followed by a count noun ("2 volte",
/// "3 anni"). The kind is weak: the moderator only reviews it.
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
        let next_word = text
            .get(end..)
            .unwrap_or("")
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let glued = char_before(text, whole.start()).is_some_and(|ch| ch.is_alphanumeric());
        let year = num.len() == 4 && matches!(num.as_str().get(..2), Some("19" | "20"));
        let count = COUNT_NOUNS.contains(&next_word.as_str());
        let ok = !(glued || year || count)
            && right_edge_free(text, end)
            && (street_name_ok(kw.as_str(), name.as_str(), false)
                || (RESIDENCE.is_match(window_before(text, whole.start(), 48))
                    && street_name_ok(kw.as_str(), name.as_str(), true)));
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

/// Checks the words of a street name. Every word but the particles must be capitalised,
/// unless `lowercase` is allowed (after a word of residence); then no word may be one that
/// never names a street ("con", "per", "anni"), and the last may not be a particle ("via di
/// guarigione da 2 anni").
fn street_name_ok(keyword: &str, name: &str, lowercase: bool) -> bool {
    let is_via = keyword.eq_ignore_ascii_case("via");
    let mut significant = 0usize;
    let mut last_particle = false;
    for word in name.split_whitespace() {
        let lower = word.to_lowercase();
        last_particle = NAME_PARTICLES.contains(&lower.as_str());
        if last_particle {
            continue;
        }
        if lowercase && NOT_NAME_WORDS.contains(&lower.as_str()) {
            return false;
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
        if !lowercase && !core.starts_with(char::is_uppercase) {
            return false;
        }
        significant += 1;
    }
    significant > 0 && !(lowercase && last_particle)
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
    fn lowercase_addresses_after_a_word_of_residence() {
        for (text, address) in [
            ("abito in via roma 12", "via roma 12"),
            ("sto in corso italia 45/b da due anni", "corso italia 45/b"),
            ("vive in piazza garibaldi 3", "piazza garibaldi 3"),
            ("sono residente in viale carducci 120", "viale carducci 120"),
            ("il mio indirizzo è via dei mille 5", "via dei mille 5"),
            ("casa mia è in largo duomo 2", "largo duomo 2"),
            ("I live at via roma 4", "via roma 4"),
            ("abitiamo in località poggio 7", "località poggio 7"),
        ] {
            assert_eq!(found(text), one(PersonalKind::Address, address), "{text}");
        }
    }

    #[test]
    fn lowercase_addresses_need_the_word_of_residence() {
        for text in [
            "passate da via roma 12 per il mercato",
            "vivo in piazza con 2 amici",
            "vivo in via di guarigione da 2 anni",
            "abito qui. Il corso base 2 volte a settimana",
            "sto in piazza da 3 ore",
            "abito in via roma",
            "sto in corso di laurea 3 anno",
            "abito in via di sviluppo 2 volte",
            "sto in piazza tutto il giorno 2 volte",
        ] {
            assert_eq!(found(text), nothing(), "{text}");
        }
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
