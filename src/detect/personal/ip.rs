//! IP addresses. An IPv4 address is four dotted numbers, a shape that version numbers, dates,
//! amounts and section numbers share only in part: each of the four must be 0–255 without
//! leading zeros, the four must stand alone (not inside a longer dotted number), and no
//! version, amount or section word may stand right before them. An IPv6 address has eight
//! hexadecimal groups, or fewer with `::`; it counts with at least three colons and a group
//! that only an address has (a hexadecimal letter, or three or four digits), so times
//! ("10:30:45") and scores never match.

use std::sync::LazyLock;

use regex::Regex;

use super::{
    PersonalKind, PersonalMatch, char_before, constant_regex, scan, window_after, window_before,
};

/// Four dotted numbers of one to three digits.
static IPV4: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}"));

/// Hexadecimal groups and colons, possibly ending with a dotted IPv4 address.
static IPV6: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(r"[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,8}(?:\.[0-9]{1,3}){0,3}")
});

/// Words right before four dotted numbers that make them a version, an amount or a section.
static NOT_AN_ADDRESS_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(concat!(
        r"(?i)(?:\bv|\bver|\bversione|\bversion|\brelease|\brel|\bbuild|\bart|\bartt|\bcomma",
        r"|\bpar|\bparagrafo|\bcap|\bcapitolo|\bsez|\bsezione|\bpunto|\bpunti|\bnorma",
        r"|€|\$|£|\beur|\beuro)\.?[\s:]*(?:n\.?\s*)?$"
    ))
});

/// An amount sign or word right after four dotted numbers.
static AMOUNT_AFTER: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"(?i)^[\s,]*(?:€|eur(?:o|i)?\b|%|abitanti|persone)"));

/// Compiles the regexes now, so a broken pattern fails in [`super::PersonalData::new`].
pub(super) fn compile() {
    LazyLock::force(&IPV4);
    LazyLock::force(&IPV6);
    LazyLock::force(&NOT_AN_ADDRESS_BEFORE);
    LazyLock::force(&AMOUNT_AFTER);
}

/// IPv4 addresses (`192.168.1.20`, `10.0.0.1`, with `:8080` or `/24` after them allowed):
/// four numbers 0–255, none with a leading zero and not all four single digits (`1.2.3.4` is
/// a version or a numbered list), not glued to letters or digits, not part of a longer dotted
/// number (`1.2.3.4.5`), and not after "versione", "v.", "art.", "€" and the like. Three
/// dotted numbers (`1.2.3`, `12.03.2024`) never match.
pub(super) fn find_v4(text: &str, out: &mut Vec<PersonalMatch>) {
    scan(&IPV4, text, PersonalKind::IpAddress, out, |m| {
        let octets_ok = m.as_str().split('.').all(|o| {
            (o.len() == 1 || !o.starts_with('0')) && o.parse::<u16>().is_ok_and(|v| v <= 255)
        });
        // "1.2.3.4", "3.4.5.6": four single digits are a version or a numbered list.
        let single_digits = m.as_str().len() == 7;
        let ok = octets_ok
            && !single_digits
            && !dotted_before(text, m.start())
            && !dotted_after(text, m.end())
            && !NOT_AN_ADDRESS_BEFORE.is_match(window_before(text, m.start(), 24))
            && !AMOUNT_AFTER.is_match(window_after(text, m.end(), 16));
        ok.then_some((m.start(), m.end()))
    });
}

/// A letter or digit right before `start`, or a dot or comma after a digit.
fn dotted_before(text: &str, start: usize) -> bool {
    let mut before = text.get(..start).unwrap_or("").chars().rev();
    match before.next() {
        Some(c) if c.is_alphanumeric() || c == '_' => true,
        Some('.' | ',' | '-') => before.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// A letter or digit right after `end`, or a dot or comma and a digit.
fn dotted_after(text: &str, end: usize) -> bool {
    let mut after = text.get(end..).unwrap_or("").chars();
    match after.next() {
        Some(c) if c.is_alphanumeric() || c == '_' => true,
        Some('.' | ',' | '-') => after.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// IPv6 addresses, full (`2001:0db8:85a3:0000:0000:8a2e:0370:7334`) or compressed
/// (`2001:db8::8a2e:370:7334`, `fe80::1:2:3`, `::ffff:192.0.2.128`), upper or lower case:
/// eight groups of one to four hexadecimal digits, or fewer with one `::`, the last two
/// possibly written as an IPv4 address. They need at least three colons and a group with a
/// hexadecimal letter or with three or four digits, and stand alone (no letter, digit or
/// colon glued to them).
pub(super) fn find_v6(text: &str, out: &mut Vec<PersonalMatch>) {
    scan(&IPV6, text, PersonalKind::IpAddress, out, |m| {
        let mut s = m.as_str();
        // A colon that ends a sentence ("ecco 2001:db8::1: funziona") is not part of it.
        if s.ends_with(':') && !s.ends_with("::") {
            s = s.get(..s.len() - 1)?;
        }
        let end = m.start() + s.len();
        let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == ':');
        if glued(char_before(text, m.start())) || glued(super::char_after(text, m.end())) {
            return None;
        }
        ipv6_valid(s).then_some((m.start(), end))
    });
}

fn ipv6_valid(s: &str) -> bool {
    if s.matches(':').count() < 3 || s.matches("::").count() > 1 || s.contains(":::") {
        return false;
    }
    let (head, tail, compressed) = match s.split_once("::") {
        Some((h, t)) => (h, t, true),
        None => (s, "", false),
    };
    let mut groups = 0usize;
    let mut evidence = false;
    let parts = |p: &str| -> Vec<String> {
        if p.is_empty() {
            Vec::new()
        } else {
            p.split(':').map(str::to_owned).collect()
        }
    };
    let head_parts = parts(head);
    let tail_parts = parts(tail);
    let count = head_parts.len() + tail_parts.len();
    for (i, g) in head_parts.iter().chain(tail_parts.iter()).enumerate() {
        let last = i + 1 == count;
        if last && g.contains('.') {
            // An IPv4 address in the last two groups.
            let quad: Vec<&str> = g.split('.').collect();
            let quad_ok = quad.len() == 4
                && quad.iter().all(|o| {
                    !o.is_empty()
                        && (o.len() == 1 || !o.starts_with('0'))
                        && o.parse::<u16>().is_ok_and(|v| v <= 255)
                });
            if !quad_ok {
                return false;
            }
            groups += 2;
            continue;
        }
        if g.is_empty() || g.len() > 4 || !g.bytes().all(|b| b.is_ascii_hexdigit()) {
            return false;
        }
        evidence |= g.len() >= 3 || g.bytes().any(|b| b.is_ascii_alphabetic());
        groups += 1;
    }
    let count_ok = if compressed { groups <= 7 } else { groups == 8 };
    count_ok && evidence
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
    fn ipv4_addresses() {
        for (text, ip) in [
            ("il mio IP è 192.168.1.20", "192.168.1.20"),
            ("mi collego da 10.0.0.1:8080 ogni sera", "10.0.0.1"),
            ("rete 172.16.254.0/24.", "172.16.254.0"),
            ("(85.34.120.7)", "85.34.120.7"),
            ("ip=255.255.255.255", "255.255.255.255"),
        ] {
            assert_eq!(found(text), one(PersonalKind::IpAddress, ip), "{text}");
        }
    }

    #[test]
    fn not_ipv4() {
        for text in [
            "aggiornate alla versione 1.2.3",
            "versione 1.2.3.4 del programma",
            "v. 2.10.3.1",
            "riunione il 12.03.2024",
            "192.168.1.256",
            "192.168.01.20",
            "1.2.3.4.5",
            "il numero 1.2.3.4.5.6 della serie",
            "art. 1.2.3.4 del regolamento",
            "costo € 1.100.200.100",
            "1.100.200.100 euro",
            "192.168.1.20a",
            "il 3.4.5.6 è un elenco",
        ] {
            assert_eq!(found(text), nothing(), "{text}");
        }
    }

    #[test]
    fn ipv6_addresses() {
        for ip in [
            "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
            "2001:db8::8a2e:370:7334",
            "2001:DB8:0:0:8:800:200C:417A",
            "fe80::1:2:3",
            "::ffff:192.0.2.128",
            "2001:db8:1::",
        ] {
            let text = format!("indirizzo {ip}, grazie");
            assert_eq!(found(&text), one(PersonalKind::IpAddress, ip), "{ip}");
        }
        assert_eq!(
            found("ecco 2001:db8::1:2: funziona"),
            one(PersonalKind::IpAddress, "2001:db8::1:2")
        );
    }

    #[test]
    fn not_ipv6() {
        for text in [
            "alle 10:30:45 in punto",
            "risultato 1:2:3:4",
            "fe80::1",
            "ore 10:30",
            "2001:db8::1::2",
            "1:2:3:4:5:6:7:8",
            "00:1A:2B:3C:4D:5E",
            "12345:db8::1:2",
            "Nota: vedi sotto",
        ] {
            assert_eq!(found(text), nothing(), "{text}");
        }
    }
}
