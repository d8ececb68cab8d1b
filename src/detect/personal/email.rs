//! E-mail addresses. There is no checksum, but the shape (a local part, `@` and a dotted
//! domain) is distinctive enough to count as evidence on its own, so no context word is asked
//! for.
//!
//! People disguise addresses to get them past filters: `mario.rossi at gmail dot com`,
//! `mario punto rossi chiocciola gmail punto com`, `mario(dot)rossi(at)libero(dot)it`,
//! `mario.rossi @ gmail . com`. Those are still addresses, but their pieces are ordinary words
//! ("at", "punto", "dot") and ordinary punctuation, so a disguised address counts only as far
//! as it still looks like one: the domain must end with a top-level domain of a closed list
//! of common ones, and the weakest disguise, the English word "at", needs one more sign (a
//! dotted or numbered local part, a known mail provider, an upper-case `AT`, or a word like
//! "mail" or "scrivimi" before it). A spelled-out `punto` or `dot` never counts on its own:
//! only as the dot of such an address.

use std::sync::LazyLock;

use regex::Regex;

use super::{PersonalKind, PersonalMatch, char_after, char_before, constant_regex, window_before};

/// The separator between an address's local part and its domain: `@`, `@` between spaces,
/// `(at)`, `[chiocciola]`, `{@}`, or the words `at` and `chiocciola` between spaces.
static AT: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(concat!(
        r"[ \t]*[(\[{<][ \t]*(?:(?i:at|chiocciola)|@)[ \t]*[)\]}>][ \t]*",
        r"|[ \t]+@[ \t]+|@",
        r"|[ \t]+(?i:at|chiocciola)[ \t]+",
    ))
});

/// The dots of a disguised address: `.` between spaces, `(dot)`, `[punto]`, `(.)`, or the
/// words `dot` and `punto` between spaces; and the plain `.`.
const DOT: &str = concat!(
    r"(?:[ \t]*[(\[{<][ \t]*(?:(?i:dot|punto)|\.)[ \t]*[)\]}>][ \t]*",
    r"|[ \t]+\.[ \t]+|\.",
    r"|[ \t]+(?i:dot|punto)[ \t]+)",
);

/// A piece of a local part: letters, digits and `_ % + -`.
const ATOM: &str = r"[\p{L}\p{N}_%+\-]+";

/// The local part ending right before the separator: atoms joined by dots.
static LOCAL: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(&format!(r"(?:{ATOM}{DOT})*{ATOM}$")));

/// A domain label, at the start of the haystack.
static LABEL: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"^[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?"));

/// A dot, at the start of the haystack.
static DOT_AT_START: LazyLock<Regex> = LazyLock::new(|| constant_regex(&format!("^{DOT}")));

/// Words before an address that say it is one ("scrivimi a", "la mia mail è", "write to").
static MAIL_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(concat!(
        r"(?i)\b(?:e-?mail|mail|posta|pec|indirizzo|recapito|scriv\w*|contatt\w*",
        r"|write|contact|reach)\b"
    ))
});

/// Compiles the regexes now, so a broken pattern fails in [`super::PersonalData::new`].
pub(super) fn compile() {
    LazyLock::force(&AT);
    LazyLock::force(&LOCAL);
    LazyLock::force(&LABEL);
    LazyLock::force(&DOT_AT_START);
    LazyLock::force(&MAIL_CONTEXT);
}

/// The top-level domains a disguised address may end with. A plain address (`@` and dots)
/// may end with any run of two to 24 letters.
const TLDS: &[&str] = &[
    "it", "com", "net", "org", "eu", "info", "gov", "edu", "mil", "int", "de", "fr", "es", "uk",
    "ch", "at", "be", "nl", "pt", "ie", "lu", "li", "se", "no", "dk", "fi", "pl", "cz", "sk", "si",
    "hr", "gr", "ro", "hu", "bg", "mt", "cy", "lt", "lv", "ee", "sm", "va", "us", "ca", "au", "br",
    "ar", "mx", "ru", "jp", "cn", "in", "io", "me", "biz", "co", "tv", "app", "dev", "email",
    "online", "site", "store", "shop", "live", "mobi", "name", "pro", "cloud", "tech", "xyz",
    "news", "blog", "club", "cat", "swiss",
];

/// Mail providers whose name as the first label of the domain makes "at" an address.
const PROVIDERS: &[&str] = &[
    "gmail",
    "googlemail",
    "libero",
    "hotmail",
    "outlook",
    "live",
    "msn",
    "yahoo",
    "ymail",
    "icloud",
    "virgilio",
    "tiscali",
    "tiscalinet",
    "alice",
    "tim",
    "tin",
    "fastwebnet",
    "email",
    "pec",
    "legalmail",
    "postecert",
    "arubapec",
    "aruba",
    "inwind",
    "iol",
    "katamail",
    "proton",
    "protonmail",
    "gmx",
    "aol",
    "mail",
];

/// Words that stand before the English "at" or the Italian "chiocciola" in sentences, never
/// as an address's local part ("meet me at …", "la chiocciola …").
const NOT_LOCAL_PARTS: &[&str] = &[
    "me", "us", "you", "him", "her", "them", "it", "is", "are", "was", "were", "be", "i", "we",
    "they", "look", "looking", "arrive", "arrived", "here", "there", "home", "work", "stay",
    "meet", "see", "the", "a", "an", "la", "il", "lo", "l", "le", "gli", "un", "una", "uno", "di",
    "da", "in", "con", "su", "per", "tra", "fra", "e", "che", "è", "mia", "tua", "sua",
];

/// How the separator was written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    /// `@` with nothing around it.
    Plain,
    /// `@` between spaces, `(at)`, `[chiocciola]`.
    Disguised,
    /// The word "chiocciola" between spaces: also a snail.
    WordChiocciola,
    /// The English word "at" between spaces: also an ordinary preposition.
    Word,
    /// `AT` in capitals between spaces, as people write to disguise an address.
    UpperWord,
}

fn at_form(sep: &str) -> At {
    let t = sep.trim_matches([' ', '\t']);
    match t {
        "@" => {
            if t.len() == sep.len() {
                At::Plain
            } else {
                At::Disguised
            }
        }
        "AT" => At::UpperWord,
        _ if t.eq_ignore_ascii_case("at") => At::Word,
        _ if t.eq_ignore_ascii_case("chiocciola") => At::WordChiocciola,
        _ => At::Disguised,
    }
}

/// E-mail addresses: `local@domain.tld`, with Unicode letters allowed, and their disguises:
/// `(at)`, `[at]`, `[chiocciola]`, ` @ `, ` at `, ` AT `, ` chiocciola ` for `@`, and `(dot)`,
/// `[punto]`, ` . `, ` dot `, ` punto ` for the dots of the local part and of the domain.
///
/// A plain address needs a local part, `@` right after it and a domain of at least two labels
/// ending with two to 24 letters; a `@mention` has no local part and never matches. A
/// disguised one must also end with a top-level domain of [`TLDS`] and have spaces on both
/// sides of a spaced `@` or `.`. With the English word `at`, which is also a preposition ("I
/// work at amazon dot com"), it must also have a local part with a dot, digit or sign in it,
/// a known provider as its domain, an upper-case `AT`, or a word such as "mail", "scrivimi",
/// "contact" in the 48 bytes before it. With a spelled-out separator ("at", "AT",
/// "chiocciola") the local part must not be a pronoun, an article or a verb that the word
/// follows in a sentence ("meet me at …", "la chiocciola …").
pub(super) fn find(text: &str, out: &mut Vec<PersonalMatch>) {
    for sep in AT.find_iter(text) {
        if let Some((start, end)) = address_around(text, sep.start(), sep.end(), sep.as_str()) {
            out.push(PersonalMatch {
                kind: PersonalKind::Email,
                start,
                end,
            });
        }
    }
}

/// The address whose separator is `sep` at `sep_start..sep_end`, as a byte range.
fn address_around(
    text: &str,
    sep_start: usize,
    sep_end: usize,
    sep: &str,
) -> Option<(usize, usize)> {
    let at = at_form(sep);
    let window = window_before(text, sep_start, 96);
    let local = LOCAL.find(window)?;
    let local_start = sep_start - window.len() + local.start();
    // Glued to more of a word (a local part longer than the window, or `x.@`): not one.
    if char_before(text, local_start).is_some_and(|c| c.is_alphanumeric() || c == '.') {
        return None;
    }
    let local_text = local.as_str();
    if local_text.len() > 64 || !local_text.chars().any(char::is_alphanumeric) {
        return None;
    }
    let local_disguised = local_text.contains([' ', '\t', '(', '[', '{', '<']);

    // The labels of the domain, and whether each dot before them was disguised.
    let mut labels: Vec<(usize, usize, bool)> = Vec::new();
    let mut pos = sep_end;
    let mut dot_disguised = false;
    loop {
        let rest = text.get(pos..)?;
        let Some(label) = LABEL.find(rest) else { break };
        labels.push((pos, pos + label.end(), dot_disguised));
        pos += label.end();
        let Some(dot) = text.get(pos..).and_then(|r| DOT_AT_START.find(r)) else {
            break;
        };
        dot_disguised = dot.as_str() != ".";
        pos += dot.end();
        if labels.len() >= 8 {
            break;
        }
    }
    // The longest domain that ends well: at least two labels, a fitting last one.
    let first = labels.first()?;
    let first_label = text.get(first.0..first.1)?.to_lowercase();
    for k in (1..labels.len()).rev() {
        let (tld_start, tld_end, _) = *labels.get(k)?;
        let disguised =
            at != At::Plain || local_disguised || labels.iter().take(k + 1).any(|&(_, _, d)| d);
        let tld = text.get(tld_start..tld_end)?;
        // "Com'è": the label goes on after an apostrophe, so it is a word, not a domain.
        let apostrophe = matches!(char_after(text, tld_end), Some('\'' | '’'));
        let tld_ok = if disguised {
            TLDS.iter().any(|t| t.eq_ignore_ascii_case(tld))
        } else {
            (2..=24).contains(&tld.len()) && tld.bytes().all(|b| b.is_ascii_alphabetic())
        };
        if !tld_ok || apostrophe {
            continue;
        }
        if disguised && first_label == "www" {
            return None;
        }
        if matches!(at, At::Word | At::UpperWord | At::WordChiocciola)
            && NOT_LOCAL_PARTS.contains(&local_text.to_lowercase().as_str())
        {
            return None;
        }
        if at == At::Word && !word_at_ok(text, local_start, local_text, &first_label) {
            return None;
        }
        return Some((local_start, tld_end));
    }
    None
}

/// With the English word "at" as the separator, the address needs one more sign.
fn word_at_ok(text: &str, local_start: usize, local: &str, first_label: &str) -> bool {
    let shaped = local
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '.' | '_' | '-' | '+' | ' ' | '(' | '['));
    shaped
        || PROVIDERS.contains(&first_label)
        || MAIL_CONTEXT.is_match(window_before(text, local_start, 48))
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
        assert_eq!(
            found("mail: giulia_bianchi85@libero.it."),
            one(PersonalKind::Email, "giulia_bianchi85@libero.it")
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
    fn email_unicode_local_part() {
        assert_eq!(
            found("è niccolò.pèrsico@esempio.it?"),
            one(PersonalKind::Email, "niccolò.pèrsico@esempio.it")
        );
    }

    #[test]
    fn email_disguised() {
        for (text, address) in [
            (
                "contattami: mario.rossi (at) gmail (dot) com",
                "mario.rossi (at) gmail (dot) com",
            ),
            ("mario[chiocciola]libero.it", "mario[chiocciola]libero.it"),
            (
                "scrivimi a mario.rossi at gmail dot com",
                "mario.rossi at gmail dot com",
            ),
            (
                "mario punto rossi chiocciola gmail punto com e basta",
                "mario punto rossi chiocciola gmail punto com",
            ),
            (
                "mario.rossi [at] gmail [dot] com",
                "mario.rossi [at] gmail [dot] com",
            ),
            ("mario.rossi @ gmail . com", "mario.rossi @ gmail . com"),
            (
                "mario(dot)rossi(at)libero(dot)it",
                "mario(dot)rossi(at)libero(dot)it",
            ),
            ("m.rossi AT pec DOT it", "m.rossi AT pec DOT it"),
            ("MARIO AT LIBERO DOT IT", "MARIO AT LIBERO DOT IT"),
            ("mario at gmail dot com", "mario at gmail dot com"),
            ("write to anna at studio dot eu", "anna at studio dot eu"),
            ("mario@gmail punto com", "mario@gmail punto com"),
            ("mario punto rossi@gmail.com", "mario punto rossi@gmail.com"),
            ("anna {at} posta (dot) it", "anna {at} posta (dot) it"),
        ] {
            assert_eq!(found(text), one(PersonalKind::Email, address), "{text}");
        }
    }

    #[test]
    fn disguised_domain_stops_at_the_tld() {
        assert_eq!(
            found("mario chiocciola gmail punto com punto e basta"),
            one(PersonalKind::Email, "mario chiocciola gmail punto com")
        );
        assert_eq!(
            found("mario.rossi@gmail.com. Poi ti chiamo"),
            one(PersonalKind::Email, "mario.rossi@gmail.com")
        );
    }

    #[test]
    fn mention_is_not_email() {
        assert_eq!(found("Grazie @Comune.Livorno per la risposta"), nothing());
        assert_eq!(found("scrivete a mario@localhost"), nothing());
        assert_eq!(found("Grazie @comune.it per la risposta"), nothing());
    }

    #[test]
    fn prose_with_at_and_punto() {
        for text in [
            "ci vediamo at home",
            "a che punto siamo con i lavori?",
            "ci vediamo at home dot com",
            "look at google dot com",
            "I work at amazon dot com",
            "meet me at the station dot it",
            "siamo al punto di partenza punto e basta",
            "la chiocciola è lenta punto",
            "la chiocciola gialla punto com",
            "email me at info dot com",
            "see you at www dot comune dot it",
            "scrivi a mario @ casa. Com'è andata?",
            "una chiocciola gialla punto",
            "at",
            "punto",
            "chiocciola",
            "mario at gmail dot xyzzy",
            "mario (at) gmail (dot) lol",
        ] {
            assert_eq!(found(text), nothing(), "{text}");
        }
    }
}
