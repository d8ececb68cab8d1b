//! Phone numbers: written in digits, a candidate of the number scanner ([`super::numbers`]);
//! written in words or in words and digits, found by [`find_spelled`]. They have no checksum,
//! so the evidence is the Italian numbering plan, the way people group the digits, and the
//! absence of negative context (an amount, a date, a file or account reference).

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::{Group, Joint, Run};
use super::vat::{VAT_CONTEXT, vat_context_near};
use super::{constant_regex, number_value, window_after, window_before};

/// Words after which a number is a file or account reference, not a phone number.
static NEGATIVE_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(concat!(
        r"(?i)(?:\bprot(?:ocollo)?|\bpratica|\bfattura|\bdelibera(?:zione)?|\bdetermina(?:zione)?",
        r"|\bordinanza|\bdecreto|\bsentenza|\bcig|\bcup|\brif(?:erimento)?|\bmatricola|\bcodice",
        r"|\bcod|\bregistro|\breg|\bconto|\bc/c|\bposizione|\bordine|\bverbale|\bcartella|\biban",
        r"|\bcap)",
        // "prot. n. ", "pratica nr: "
        r"\.?[\s:.#°\-]*(?:(?:n|nr|num|numero|no)\.?[\s:.#°\-]*)?$",
    ))
});

/// "IT" right before the number: the country prefix of a VAT number, not of a phone number.
static IT_PREFIX: LazyLock<Regex> = LazyLock::new(|| constant_regex(r"\bIT[ \x{a0}]?$"));

/// A currency sign or "euro" right before the number: it is an amount.
static AMOUNT_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"(?i)(?:€|\$|£|\beur(?:o|i)?)\s*$"));

/// A currency sign, "euro" or `%` right after the number: it is an amount or a rate.
static AMOUNT_AFTER: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"(?i)^\s*(?:€|eur(?:o|i)?\b|%)"));

/// Compiles the regexes now, so a broken pattern fails in [`super::PersonalData::new`].
pub(super) fn compile() {
    LazyLock::force(&NEGATIVE_CONTEXT);
    LazyLock::force(&AMOUNT_BEFORE);
    LazyLock::force(&AMOUNT_AFTER);
    LazyLock::force(&IT_PREFIX);
    LazyLock::force(&TOKEN);
    LazyLock::force(&SPELLED_RUN);
    LazyLock::force(&PHONE_CONTEXT);
}

/// Phone numbers.
///
/// * `+39` / `0039` / `(+39)`: the rest must be an Italian mobile or landline, grouped freely.
/// * Another `+CC`: 8–15 digits in all, as E.164 allows.
/// * Italian mobile, no prefix: `3` then `1`–`9`, 9–10 digits, written as one block or with
///   the three-digit operator prefix as the first group ("333 1234567", "333.12.34.567"),
///   but not as three groups of three ("320 400 500" is a list or an amount).
/// * Italian landline, no prefix: `0` then a non-zero digit, 6–11 digits, as one block or
///   with the area code as the first group: `02` or `06` (the only two-digit codes) or any
///   three or four digits ("0586 280204", "06/1234567", "055-123456").
///
/// Rejected: dates (`02/03/2024`, `06/2024`), amounts (a currency sign or "euro" right
/// before or after), numbers right after "prot.", "pratica", "fattura", "codice", ..., and
/// numbers right after "P.IVA" (an 11-digit number there with a wrong check digit is a
/// mistyped partita IVA, not a landline), 11-digit numbers a few words after it ("la mia
/// partita IVA è …"), and numbers right after the prefix "IT".
pub(super) fn is_phone(text: &str, run: &Run<'_>, d: &[u8], start: usize) -> bool {
    let Some(first) = run.groups.first() else {
        return false;
    };
    let plausible = if run.plus {
        match d.strip_prefix(b"39") {
            Some(rest) => italian_number(rest),
            None => (8..=15).contains(&d.len()) && d.first().is_some_and(|&b| b != b'0'),
        }
    } else if let Some(rest) = d.strip_prefix(b"0039") {
        italian_number(rest)
    } else {
        let single = run.groups.len() == 1;
        match d {
            [b'3', b'1'..=b'9', ..] => {
                let three_by_three =
                    run.groups.len() == 3 && run.groups.iter().all(|g| g.len() == 3);
                (9..=10).contains(&d.len()) && (single || first.len() == 3) && !three_by_three
            }
            [b'0', b'1'..=b'9', ..] => {
                let area = text.get(first.start..first.end).unwrap_or("");
                (6..=11).contains(&d.len())
                    && (single || matches!(area, "02" | "06") || matches!(first.len(), 3 | 4))
            }
            _ => false,
        }
    };
    if !plausible || looks_like_date(text, run.groups) {
        return false;
    }
    let end = run.groups.last().map_or(start, |g| g.end);
    let before = window_before(text, start, 40);
    !(AMOUNT_BEFORE.is_match(before)
        || AMOUNT_AFTER.is_match(window_after(text, end, 12))
        || NEGATIVE_CONTEXT.is_match(before)
        || VAT_CONTEXT.is_match(before)
        || IT_PREFIX.is_match(before)
        || (d.len() == 11 && vat_context_near(text, start)))
}

/// An Italian subscriber number after the country code: mobile or landline.
fn italian_number(d: &[u8]) -> bool {
    match d {
        [b'3', b'1'..=b'9', ..] => (9..=10).contains(&d.len()),
        [b'0', b'1'..=b'9', ..] => (6..=11).contains(&d.len()),
        _ => false,
    }
}

/// `d/m/y`, `d.m.y`, `d-m-y` (two- or four-digit year) or `m/yyyy` at the head of the groups.
fn looks_like_date(text: &str, groups: &[Group]) -> bool {
    let val = |g: &Group| number_value(text.get(g.start..g.end).unwrap_or("").as_bytes());
    let date_joint = |g: &Group| matches!(g.joint, Joint::Hard(b'/' | b'.' | b'-'));
    match groups {
        [d, m, y, ..]
            if date_joint(m)
                && date_joint(y)
                && d.len() <= 2
                && m.len() <= 2
                && matches!(y.len(), 2 | 4)
                && (1..=31).contains(&val(d))
                && (1..=12).contains(&val(m)) =>
        {
            true
        }
        [m, y, ..] => {
            date_joint(y)
                && m.len() <= 2
                && y.len() == 4
                && (1..=12).contains(&val(m))
                && (1900..=2099).contains(&val(y))
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers in words: "tre tre tre uno due tre quattro cinque sei sette",
// "347 uno due tre 45 67", "trecentoquarantasette …", "three four seven …".

/// A word or a block of digits, the pieces of a spelled number.
static TOKEN: LazyLock<Regex> = LazyLock::new(|| constant_regex(r"[\p{L}\p{M}]+|[0-9]+"));

/// A stretch of number words and digit blocks joined like the tokens of a spelled number, the
/// only places [`find_spelled`] reads. The words are approximate (every Italian number word
/// below a thousand and every English digit matches, and so do "ventilatore" and "centro",
/// which the tokens' own check rejects), and there are no word boundaries, which the lazy DFA
/// cannot see in Unicode text: the stretch is widened to whole words before it is read.
static SPELLED_RUN: LazyLock<Regex> = LazyLock::new(|| {
    // Longest first: the first alternative that lets the stretch match is taken.
    let word = concat!(
        r"(?:(?:due|tre|quattro|cinque|sei|sette|otto|nove)?cent[a-zé]*",
        r"|dieci|undici|dodici|tredici|quattordici|quindici|sedici|dici[a-zé]*",
        r"|vent[a-zé]*|trent[a-zé]*|quarant[a-zé]*|cinquant[a-zé]*|sessant[a-zé]*",
        r"|settant[a-zé]*|ottant[a-zé]*|novant[a-zé]*",
        r"|zero|uno|due|tr[eé]|quattro|cinque|sei|sette|otto|nove",
        r"|three|seven|eight|four|five|nine|one|two|six)"
    );
    let token = format!("(?:{word}|[0-9]{{1,8}})");
    let sep = r"(?:[ \t\x{a0}]{1,3}|[ \t\x{a0}]{0,2}[,\-./][ \t\x{a0}]{0,2})";
    constant_regex(&format!("(?i){token}(?:{sep}{token}){{2,}}"))
});

/// Words before a spelled number that say it is a phone number.
static PHONE_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(concat!(
        r"(?i)\b(?:chiam\w*|telefon\w*|tel|cell\w*|numero|num|whatsapp|whats\s?app|sms",
        r"|squill\w*|recapito|contatt\w*|call|phone|mobile|text\s+me|ring)\b"
    ))
});

/// Most tokens a spelled phone number may have (one word per digit of "+39 …" and a few more).
const MAX_SPELLED_TOKENS: usize = 16;

/// One token of a spelled number.
#[derive(Clone, Copy, Debug)]
struct Spoken {
    start: usize,
    end: usize,
    /// The digits it stands for, as written ("0586") or as the word's value ("347").
    digits: [u8; 8],
    len: usize,
    /// A number word, not digits.
    word: bool,
    /// The value of a number word.
    value: u32,
}

impl Spoken {
    fn digits(&self) -> &[u8] {
        self.digits.get(..self.len).unwrap_or(&[])
    }
}

const UNITS: [&str; 10] = [
    "zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove",
];
const TEENS: [&str; 10] = [
    "dieci",
    "undici",
    "dodici",
    "tredici",
    "quattordici",
    "quindici",
    "sedici",
    "diciassette",
    "diciotto",
    "diciannove",
];
/// The tens, whole and with the final vowel elided before "uno" and "otto" ("ventuno").
const TENS: [(&str, &str); 8] = [
    ("venti", "vent"),
    ("trenta", "trent"),
    ("quaranta", "quarant"),
    ("cinquanta", "cinquant"),
    ("sessanta", "sessant"),
    ("settanta", "settant"),
    ("ottanta", "ottant"),
    ("novanta", "novant"),
];
const ENGLISH: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

fn position(list: &[&str], s: &str) -> Option<u32> {
    list.iter()
        .position(|w| *w == s)
        .and_then(|p| u32::try_from(p).ok())
}

/// 1–99 written as one Italian word: "sette", "diciotto", "quarantacinque", "ventuno".
fn italian_below_100(s: &str) -> Option<u32> {
    if let Some(v) = position(&UNITS, s).filter(|&v| v > 0) {
        return Some(v);
    }
    if let Some(v) = position(&TEENS, s) {
        return Some(10 + v);
    }
    for (tens, (whole, elided)) in (2..).zip(TENS) {
        if s == whole {
            return Some(tens * 10);
        }
        if let Some(unit) = s
            .strip_prefix(whole)
            .and_then(|rest| position(&UNITS, rest))
            .filter(|&u| u > 0)
        {
            return Some(tens * 10 + unit);
        }
        match s.strip_prefix(elided) {
            Some("uno") => return Some(tens * 10 + 1),
            Some("otto") => return Some(tens * 10 + 8),
            _ => {}
        }
    }
    None
}

/// 0–999 written as one Italian word: "zero", "tre", "trecentoquarantasette", "centotto".
fn italian_number_word(s: &str) -> Option<u32> {
    if s == "zero" {
        return Some(0);
    }
    if let Some(v) = italian_below_100(s) {
        return Some(v);
    }
    // "cento", "duecento", … "novecento", then what follows.
    let p = s.find("cent")?;
    let hundreds = if p == 0 {
        1
    } else {
        position(&UNITS, s.get(..p)?).filter(|&u| u > 1)?
    };
    let rest = s.get(p + 4..)?;
    if rest == "o" {
        return Some(hundreds * 100);
    }
    // "centotto", "centottanta": the "o" of "cento" elided before "otto" and "ottanta".
    if rest.starts_with("ott") {
        if let Some(v) = italian_below_100(rest) {
            return Some(hundreds * 100 + v);
        }
    }
    let tail = rest.strip_prefix('o')?;
    italian_below_100(tail).map(|v| hundreds * 100 + v)
}

/// A number word's value: an Italian number below a thousand or an English digit, in any
/// case, with or without the accent of "tré".
fn number_word(word: &str) -> Option<u32> {
    let mut buf = [0u8; 32];
    let mut n = 0;
    for c in word.chars() {
        let folded = match c {
            'é' | 'è' | 'É' | 'È' => b'e',
            c if c.is_ascii_alphabetic() => c.to_ascii_lowercase() as u8,
            _ => return None,
        };
        *buf.get_mut(n)? = folded;
        n += 1;
    }
    let folded = std::str::from_utf8(buf.get(..n)?).ok()?;
    italian_number_word(folded).or_else(|| position(&ENGLISH, folded))
}

/// The decimal digits of `value` into `out`; returns how many.
fn write_digits(mut value: u32, out: &mut [u8; 8]) -> usize {
    let mut rev = [0u8; 10];
    let mut n = 0;
    loop {
        if let Some(slot) = rev.get_mut(n) {
            *slot = b'0' + (value % 10) as u8;
        }
        n += 1;
        value /= 10;
        if value == 0 || n >= rev.len() {
            break;
        }
    }
    let n = n.min(out.len());
    for (slot, &d) in out.iter_mut().zip(rev.iter().take(n).rev()) {
        *slot = d;
    }
    n
}

/// The token at `start..end` of `text`, if it is a number word or a block of digits.
fn spoken(text: &str, start: usize, end: usize) -> Option<Spoken> {
    let s = text.get(start..end)?;
    let mut t = Spoken {
        start,
        end,
        digits: [0; 8],
        len: 0,
        word: false,
        value: 0,
    };
    if s.bytes().all(|b| b.is_ascii_digit()) {
        // A block of digits counts only standing apart: not "3a", not "a3".
        let glued = |c: Option<char>| c.is_some_and(char::is_alphabetic);
        if s.len() > t.digits.len()
            || glued(super::char_before(text, start))
            || glued(super::char_after(text, end))
        {
            return None;
        }
        for (slot, b) in t.digits.iter_mut().zip(s.bytes()) {
            *slot = b;
        }
        t.len = s.len();
        return Some(t);
    }
    let value = number_word(s)?;
    t.len = write_digits(value, &mut t.digits);
    t.word = true;
    t.value = value;
    Some(t)
}

/// What may join two tokens of a spelled number: spaces, or one `,` `-` `.` `/` with spaces
/// around it.
fn joins(gap: &str) -> bool {
    let trimmed = gap.trim_matches([' ', '\t', '\u{a0}']);
    !gap.is_empty()
        && gap.len() <= 5
        && (trimmed.is_empty() || matches!(trimmed, "," | "-" | "." | "/"))
}

/// Phone numbers spelled in words, Italian or English, alone or mixed with digits:
/// "tre tre tre uno due tre quattro cinque sei sette", "347 uno due tre 45 67",
/// "trecentoquarantasette uno due tre quarantacinque sessantasette",
/// "three four seven one two three four five six seven". Each Italian word below a thousand
/// stands for its digits ("quarantacinque" is 45, "zero" is 0), each English digit word for
/// its digit; the tokens may be joined by spaces or by one comma, dash, dot or slash.
///
/// The digits must make an Italian number of the numbering plan: a mobile (`3`, then `1`–`9`,
/// 9–10 digits) or a landline (`0`, then `1`–`9`, 9–11 digits; 6–11 after a word such as
/// "chiamami", "telefono", "cell", "numero", "whatsapp", "call me"); with `+39` in front the
/// rest must be one. At least one token must be a word (digits alone are
/// [`super::numbers`]'s). So "uno due tre, stella!" (three digits) and "tre o quattro volte"
/// (two runs of one) are not phone numbers, and neither is counting ("zero uno due tre …",
/// every word the one after the previous), nor a list of numbers each after a comma ("tre,
/// diciassette, ventidue, quaranta, ottantotto" are lottery numbers), nor a repetition of
/// one or two digits ("tre tre tre tre …"), nor a spelled number after an amount sign or a
/// reference word ("prot.", "pratica"). The match covers the spelled
/// number exactly, from its first token to its last.
pub(super) fn find_spelled(text: &str, out: &mut Vec<super::PersonalMatch>) {
    // The stretches, widened to whole words ("altre due" matches from inside "altre") and
    // merged when they touch or are joined like tokens.
    let mut regions: Vec<(usize, usize)> = Vec::new();
    for stretch in SPELLED_RUN.find_iter(text) {
        let mut start = stretch.start();
        while let Some(c) = super::char_before(text, start).filter(|c| c.is_alphanumeric()) {
            start -= c.len_utf8();
        }
        let mut end = stretch.end();
        while let Some(c) = super::char_after(text, end).filter(|c| c.is_alphanumeric()) {
            end += c.len_utf8();
        }
        match regions.last_mut() {
            Some(last) if start <= last.1 || joins(text.get(last.1..start).unwrap_or("")) => {
                last.1 = last.1.max(end);
            }
            _ => regions.push((start, end)),
        }
    }
    let mut run: Vec<Spoken> = Vec::new();
    for (start, end) in regions {
        let Some(slice) = text.get(start..end) else {
            continue;
        };
        // Digits alone ("1.250,00", "12 03 2024") are the number scanner's.
        if !slice.bytes().any(|b| b.is_ascii_alphabetic() || b >= 0x80) {
            continue;
        }
        run.clear();
        for m in TOKEN.find_iter(slice) {
            let (t_start, t_end) = (start + m.start(), start + m.end());
            let token = spoken(text, t_start, t_end);
            let joined = run
                .last()
                .is_some_and(|p| joins(text.get(p.end..t_start).unwrap_or("")));
            match token {
                Some(t) if joined && run.len() < 4 * MAX_SPELLED_TOKENS => run.push(t),
                Some(t) => {
                    spelled_in_run(text, &run, out);
                    run.clear();
                    run.push(t);
                }
                None => {
                    spelled_in_run(text, &run, out);
                    run.clear();
                }
            }
        }
        spelled_in_run(text, &run, out);
    }
}

/// The phone numbers among consecutive number tokens: the longest valid stretch from each
/// token, left to right. A stretch may leave out tokens of the run only at a clear joint (a
/// comma, dash, dot or slash, or digits next to words: "nel 2024 tre tre tre …"), so eleven
/// digit words in a row are not a phone number with one word too many.
fn spelled_in_run(text: &str, run: &[Spoken], out: &mut Vec<super::PersonalMatch>) {
    if run.len() < 2 || !run.iter().any(|t| t.word) {
        return;
    }
    let cut_ok = |k: usize| match (k.checked_sub(1).and_then(|p| run.get(p)), run.get(k)) {
        (Some(a), Some(b)) => {
            !a.word
                || !b.word
                || text
                    .get(a.end..b.start)
                    .is_some_and(|g| g.contains([',', '-', '.', '/']))
        }
        _ => true,
    };
    let mut i = 0;
    while i < run.len() {
        if !cut_ok(i) {
            i += 1;
            continue;
        }
        let last = run.len().min(i + MAX_SPELLED_TOKENS);
        let found = (i + 1..last)
            .rev()
            .filter(|&j| cut_ok(j + 1))
            .find_map(|j| run.get(i..=j).and_then(|s| spelled_phone(text, s)));
        match found {
            Some(m) => {
                let end = m.end;
                out.push(m);
                i = run.iter().position(|t| t.start >= end).unwrap_or(run.len());
            }
            None => i += 1,
        }
    }
}

fn spelled_phone(text: &str, tokens: &[Spoken]) -> Option<super::PersonalMatch> {
    let (first, last) = (tokens.first()?, tokens.last()?);
    if !tokens.iter().any(|t| t.word) {
        return None;
    }
    let mut d = [0u8; 24];
    let mut n = 0;
    for b in tokens.iter().flat_map(|t| t.digits().iter().copied()) {
        *d.get_mut(n)? = b;
        n += 1;
    }
    let mut digits = d.get(..n)?;
    let mut start = first.start;
    // "+39 tre tre tre …": the country code in digits.
    if !first.word && super::char_before(text, first.start) == Some('+') {
        digits = digits.strip_prefix(b"39")?;
        start -= 1;
    } else if let Some(rest) = digits.strip_prefix(b"0039") {
        digits = rest;
    }
    let before = window_before(text, start, 48);
    let context = PHONE_CONTEXT.is_match(before);
    let plausible = match digits {
        [b'3', b'1'..=b'9', ..] => (9..=10).contains(&digits.len()),
        [b'0', b'1'..=b'9', ..] => {
            (9..=11).contains(&digits.len()) || (context && (6..=11).contains(&digits.len()))
        }
        _ => false,
    };
    if !plausible || counting(tokens) || (!context && listing(text, tokens)) {
        return None;
    }
    // "tre tre tre tre …", "zero sei zero sei …": a chant, not a number anyone was given.
    let mut distinct = [false; 10];
    for &b in digits {
        if let Some(seen) = distinct.get_mut(usize::from(b.wrapping_sub(b'0'))) {
            *seen = true;
        }
    }
    if distinct.iter().filter(|&&seen| seen).count() <= 2 {
        return None;
    }
    let near_before = window_before(text, start, 40);
    if AMOUNT_BEFORE.is_match(near_before)
        || NEGATIVE_CONTEXT.is_match(near_before)
        || AMOUNT_AFTER.is_match(window_after(text, last.end, 12))
    {
        return None;
    }
    Some(super::PersonalMatch {
        kind: super::PersonalKind::Phone,
        start,
        end: last.end,
    })
}

/// Counting: five words or more, each one more (or one less) than the one before.
fn counting(tokens: &[Spoken]) -> bool {
    if tokens.len() < 5 || !tokens.iter().all(|t| t.word) {
        return false;
    }
    let steps = |delta: i64| {
        tokens
            .windows(2)
            .all(|w| matches!(w, [a, b] if i64::from(b.value) - i64::from(a.value) == delta))
    };
    steps(1) || steps(-1)
}

/// A list: every token after a comma, and most of the words numbers above nine.
fn listing(text: &str, tokens: &[Spoken]) -> bool {
    let commas = tokens
        .windows(2)
        .all(|w| matches!(w, [a, b] if text.get(a.end..b.start).is_some_and(|g| g.contains(','))));
    let words = tokens.iter().filter(|t| t.word).count();
    let compounds = tokens.iter().filter(|t| t.word && t.value >= 10).count();
    commas && compounds * 2 >= words
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
    fn mobile_formats() {
        for phone in [
            "3331234567",
            "333 1234567",
            "333-123-4567",
            "333.12.34.567",
            "333/1234567",
            "+39 333 1234567",
            "+393331234567",
            "0039 333 1234567",
            "(+39) 333 123 4567",
            "(0039) 333 1234567",
            "333 123456",
        ] {
            let text = format!("chiamami al {phone} dopo le 18");
            assert_eq!(found(&text), one(PersonalKind::Phone, phone), "{phone}");
        }
    }

    #[test]
    fn landline_formats() {
        for phone in [
            "0586 280204",
            "06/1234567",
            "+39 02 1234 5678",
            "055-123456",
            "0586.28.02.04",
            "0586280204",
        ] {
            let text = format!("Tel. {phone}.");
            assert_eq!(found(&text), one(PersonalKind::Phone, phone), "{phone}");
        }
    }

    #[test]
    fn international_numbers() {
        assert_eq!(
            found("il mio numero svizzero è +41 79 123 45 67"),
            one(PersonalKind::Phone, "+41 79 123 45 67")
        );
        assert_eq!(
            found("UK: +44 20 7946 0958"),
            one(PersonalKind::Phone, "+44 20 7946 0958")
        );
    }

    #[test]
    fn years_prices_dates_are_not_phones() {
        assert_eq!(found("Nel 2024 il comune ha speso € 1.250,00"), nothing());
        assert_eq!(found("La riunione è il 12/03/2024 alle 10.30"), nothing());
        assert_eq!(found("scadenza 02/03/2024"), nothing());
        assert_eq!(found("pubblicato 06/2024, aggiornato 06.2025"), nothing());
        assert_eq!(found("dal 1990 al 2024 sono passati 34 anni"), nothing());
        assert_eq!(found("320 400 500 persone"), nothing());
        assert_eq!(found("costo 3331234567 euro"), nothing());
        assert_eq!(found("costo € 3331234567"), nothing());
    }

    #[test]
    fn protocol_numbers_are_not_phones() {
        assert_eq!(found("Rif. prot. n. 12345/2024 del 3 marzo"), nothing());
        assert_eq!(found("prot. n. 0586280204"), nothing());
        assert_eq!(found("pratica n. 333 1234567"), nothing());
        assert_eq!(found("protocollo 012345/2024"), nothing());
    }

    #[test]
    fn cap_and_year_is_not_a_phone() {
        assert_eq!(found("35100 2024"), nothing());
        assert_eq!(found("Livorno 57123 2024"), nothing());
        assert_eq!(found("CAP 00184 Roma"), nothing());
    }

    #[test]
    fn too_short_or_long_mobiles() {
        assert_eq!(found("33312345"), nothing());
        assert_eq!(found("333123456789"), nothing());
        assert_eq!(found("codice 3331234567X"), nothing());
    }

    #[test]
    fn two_phones_in_one_text() {
        assert_eq!(
            found("Chiamate il 333 1234567 oppure lo 0586 280204 - grazie"),
            vec![
                (PersonalKind::Phone, "333 1234567".to_owned()),
                (PersonalKind::Phone, "0586 280204".to_owned()),
            ]
        );
        assert_eq!(
            found("333 1234567 - 0586 280204"),
            vec![
                (PersonalKind::Phone, "333 1234567".to_owned()),
                (PersonalKind::Phone, "0586 280204".to_owned()),
            ]
        );
    }

    #[test]
    fn spelled_phones() {
        for (text, phone) in [
            (
                "chiamami al tre tre tre uno due tre quattro cinque sei sette",
                "tre tre tre uno due tre quattro cinque sei sette",
            ),
            ("il mio cell 347 uno due tre 45 67", "347 uno due tre 45 67"),
            (
                "trecentoquarantasette uno due tre quarantacinque sessantasette, grazie",
                "trecentoquarantasette uno due tre quarantacinque sessantasette",
            ),
            (
                "tre quattro sette, uno due tre, quattro cinque, sei sette!",
                "tre quattro sette, uno due tre, quattro cinque, sei sette",
            ),
            (
                "call me: three four seven one two three four five six seven",
                "three four seven one two three four five six seven",
            ),
            (
                "zero cinque otto sei due otto zero due zero quattro",
                "zero cinque otto sei due otto zero due zero quattro",
            ),
            (
                "+39 tre tre tre uno due tre quattro cinque sei sette",
                "+39 tre tre tre uno due tre quattro cinque sei sette",
            ),
            (
                "telefono: zero cinque otto sei due otto zero due",
                "zero cinque otto sei due otto zero due",
            ),
            (
                "nel 2024 tre tre tre uno due tre quattro cinque sei sette",
                "tre tre tre uno due tre quattro cinque sei sette",
            ),
            (
                "Tre Tre Tre Uno Due Tre Quattro Cinque Sei Sette",
                "Tre Tre Tre Uno Due Tre Quattro Cinque Sei Sette",
            ),
            (
                "333-uno-due-tre-quattro-cinque-sei-sette",
                "333-uno-due-tre-quattro-cinque-sei-sette",
            ),
            (
                "tre tre nove centoventitré quarantacinque sessantasette",
                "tre tre nove centoventitré quarantacinque sessantasette",
            ),
            (
                "telefonami al trecentotrentaquattro quattro uno uno tredici zero sei",
                "trecentotrentaquattro quattro uno uno tredici zero sei",
            ),
            (
                "chiamami: tre tre otto, settecentoventi, ottantotto, zero zero",
                "tre tre otto, settecentoventi, ottantotto, zero zero",
            ),
        ] {
            assert_eq!(found(text), one(PersonalKind::Phone, phone), "{text}");
        }
    }

    #[test]
    fn number_words_in_prose_are_not_phones() {
        for text in [
            "uno due tre, stella!",
            "l'ho chiamato tre o quattro volte",
            "uno due tre quattro cinque sei sette otto nove dieci",
            "zero uno due tre quattro cinque sei sette otto nove",
            "trentatré trentaquattro trentacinque trentasei trentasette",
            "estratti: tre, diciassette, ventidue, quaranta, ottantotto",
            "ho tre figli, due cani e sei gatti",
            "sei sei sei",
            "tre tre tre uno due tre quattro cinque sei sette otto",
            "numero tre",
            "costa tre tre tre uno due tre quattro cinque sei sette euro",
            "prot. n. tre tre tre uno due tre quattro cinque sei sette",
            "cento venti trenta quaranta cinquanta sessanta settanta",
            "uno due tre quattro cinque sei sette otto nove",
            "tre tre tre tre tre tre tre tre tre tre",
            "zero sei zero sei zero sei zero sei zero sei",
        ] {
            assert_eq!(found(text), nothing(), "{text}");
        }
    }

    #[test]
    fn italian_number_words() {
        for (word, value) in [
            ("zero", 0),
            ("tre", 3),
            ("tré", 3),
            ("diciassette", 17),
            ("venti", 20),
            ("ventuno", 21),
            ("ventotto", 28),
            ("ventitré", 23),
            ("quarantacinque", 45),
            ("cento", 100),
            ("centotto", 108),
            ("centottanta", 180),
            ("trecentoquarantasette", 347),
            ("novecentonovantanove", 999),
            ("seven", 7),
        ] {
            assert_eq!(number_word(word), Some(value), "{word}");
        }
        for word in [
            "centrale",
            "accento",
            "percento",
            "un",
            "venticento",
            "tremila",
            "oh",
        ] {
            assert_eq!(number_word(word), None, "{word}");
        }
    }

    #[test]
    fn phone_after_a_year() {
        assert_eq!(
            found("dal 2024 3331234567"),
            one(PersonalKind::Phone, "3331234567")
        );
    }
}
