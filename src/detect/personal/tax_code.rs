//! Codici fiscali of persons. Sixteen letters and digits in a fixed pattern also fit ordinary
//! words and codes, so the check character is verified (a random candidate passes 1 time in
//! 26) and so are the omocodia rules and the day of birth.

use std::sync::LazyLock;

use regex::Regex;

use super::{PersonalKind, PersonalMatch, constant_regex, isolated, scan};

/// Omocodia letters stand for the digits 0–9 in a codice fiscale.
const OMO: &str = "[0-9LMNPQRSTUVlmnpqrstuv]";

/// Surname and name, year, month letter, day, birthplace, check character; written as one
/// block or with a space between the groups people print (`RSS MRA 85T10 A562S`).
static TAX_CODE: LazyLock<Regex> = LazyLock::new(|| {
    let tax_code = format!(
        concat!(
            "[A-Za-z]{{3}} ?[A-Za-z]{{3}} ?{OMO}{{2}}[ABCDEHLMPRSTabcdehlmprst]{OMO}{{2}}",
            " ?[A-Za-z]{OMO}{{3}} ?[A-Za-z]"
        ),
        OMO = OMO
    );
    constant_regex(&tax_code)
});

/// Compiles the regex now, so a broken pattern fails in [`super::PersonalData::new`].
pub(super) fn compile() {
    LazyLock::force(&TAX_CODE);
}

/// Positions (0-based) of the seven digits of a codice fiscale, which omocodia may replace
/// with letters, from the left.
const CF_DIGIT_POSITIONS: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];

/// Values of the characters in odd positions (1st, 3rd, ...), for `0`–`9` and `A`–`Z`.
const CF_ODD: [u32; 36] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, // 0-9
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
    23, // A-Z
];

/// The digit an omocodia letter stands for (L=0, M=1, N=2, P=3, Q=4, R=5, S=6, T=7, U=8, V=9).
fn omocodia_digit(b: u8) -> Option<u8> {
    b"LMNPQRSTUV"
        .iter()
        .position(|&l| l == b)
        .and_then(|p| u8::try_from(p).ok())
}

/// Validates a 16-character codice fiscale (already upper case).
///
/// The check character (16th) is computed from the first 15: characters in odd positions are
/// mapped through the official odd table, those in even positions count as their value
/// (`0`–`9` → 0–9, `A`–`Z` → 0–25), and the sum modulo 26 is the letter `A`–`Z`.
///
/// Omocodia: when two people would get the same code, the Agenzia delle Entrate replaces
/// digits with letters, starting from the rightmost digit; so the replaced positions always
/// form a suffix of the seven digit positions. A code whose letters and digits are mixed
/// otherwise is rejected, and so is a code with all seven replaced (which would make a plain
/// 16-letter word a candidate; such codes are practically never issued). The day of birth
/// must be 1–31 (men) or 41–71 (women).
fn tax_code_valid(cf: &[u8; 16]) -> bool {
    let mut replaced = 0usize;
    let mut seen_letter = false;
    for &p in &CF_DIGIT_POSITIONS {
        let Some(&b) = cf.get(p) else { return false };
        if b.is_ascii_digit() {
            if seen_letter {
                return false;
            }
        } else {
            seen_letter = true;
            replaced += 1;
        }
    }
    if replaced == CF_DIGIT_POSITIONS.len() {
        return false;
    }
    let digit = |p: usize| -> Option<u32> {
        let b = *cf.get(p)?;
        let d = if b.is_ascii_digit() {
            b - b'0'
        } else {
            omocodia_digit(b)?
        };
        Some(u32::from(d))
    };
    let (Some(d1), Some(d2)) = (digit(9), digit(10)) else {
        return false;
    };
    let day = d1 * 10 + d2;
    if !((1..=31).contains(&day) || (41..=71).contains(&day)) {
        return false;
    }
    let mut sum = 0u32;
    for (i, &b) in cf.iter().take(15).enumerate() {
        let idx = match b {
            b'0'..=b'9' => usize::from(b - b'0'),
            b'A'..=b'Z' => usize::from(b - b'A') + 10,
            _ => return false,
        };
        if i % 2 == 0 {
            sum += CF_ODD.get(idx).copied().unwrap_or(0);
        } else {
            sum += u32::try_from(if idx >= 10 { idx - 10 } else { idx }).unwrap_or(0);
        }
    }
    let check = b'A' + u8::try_from(sum % 26).unwrap_or(0);
    cf.get(15) == Some(&check)
}

/// Codici fiscali: sixteen characters in the fixed pattern, upper or lower case, as one block
/// or with single spaces between the groups of surname, name, birth date and place and check
/// character (`RSS MRA 85T10 A562S`, `RSSMRA 85T10 A562S`), standing alone, with the check
/// character, the omocodia rules and the day of birth verified ([`tax_code_valid`]).
pub(super) fn find(text: &str, out: &mut Vec<PersonalMatch>) {
    scan(&TAX_CODE, text, PersonalKind::TaxCode, out, |m| {
        let mut cf = [0u8; 16];
        let mut n = 0;
        if !isolated(text, m.start(), m.end()) {
            return None;
        }
        for b in m.as_str().bytes().filter(|b| *b != b' ') {
            *cf.get_mut(n)? = b.to_ascii_uppercase();
            n += 1;
        }
        (n == cf.len() && tax_code_valid(&cf)).then_some((m.start(), m.end()))
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
    fn tax_code_valid_cases() {
        assert_eq!(
            found("Il mio CF è RSSMRA85T10A562S."),
            one(PersonalKind::TaxCode, "RSSMRA85T10A562S")
        );
        assert_eq!(
            found("cf: bnclra90a41h501f"),
            one(PersonalKind::TaxCode, "bnclra90a41h501f")
        );
        assert_eq!(
            found("VRDGPP80M01F205O"),
            one(PersonalKind::TaxCode, "VRDGPP80M01F205O")
        );
    }

    #[test]
    fn tax_code_spaced() {
        for cf in [
            "RSS MRA 85T10 A562S",
            "RSSMRA 85T10 A562S",
            "rss mra 85t10 a562s",
        ] {
            let text = format!("il mio codice fiscale è {cf}, grazie");
            assert_eq!(found(&text), one(PersonalKind::TaxCode, cf), "{cf}");
        }
        assert_eq!(found("RSS MRA 85T10 A562X"), nothing());
        assert_eq!(found("per chi 85T10 A562S"), nothing());
    }

    #[test]
    fn tax_code_omocodia() {
        // 2 -> N at position 15, then 6 -> S at position 14.
        assert_eq!(
            found("RSSMRA85T10A56NH"),
            one(PersonalKind::TaxCode, "RSSMRA85T10A56NH")
        );
        assert_eq!(
            found("RSSMRA85T10A5SNT"),
            one(PersonalKind::TaxCode, "RSSMRA85T10A5SNT")
        );
    }

    #[test]
    fn tax_code_invalid_cases() {
        // Wrong check character.
        assert_eq!(found("RSSMRA85T10A562X"), nothing());
        // Substitution not from the right.
        assert_eq!(found("RSSMRA85T1MA562S"), nothing());
        // Fully omocodic: the check passes but it is rejected by design.
        assert_eq!(found("RSSMRAURTMLARSNL"), nothing());
        // Sixteen letters of an ordinary word.
        assert_eq!(found("antidemocraticam"), nothing());
        // Glued inside a longer token.
        assert_eq!(found("XRSSMRA85T10A562S"), nothing());
    }

    #[test]
    fn tax_code_checksum_table() {
        let mut cf = *b"RSSMRA85T10A562S";
        assert!(tax_code_valid(&cf));
        for b in b'A'..=b'Z' {
            if b != b'S' {
                if let Some(last) = cf.last_mut() {
                    *last = b;
                }
                assert!(!tax_code_valid(&cf));
            }
        }
    }
}
