//! Cheap facts about a comment's bytes, read in one pass before any recognizer runs, so that a
//! recognizer whose evidence cannot be there is not run at all.
//!
//! Every signal is a necessary condition, never a guess: a recognizer that a signal gates
//! finds nothing on a text without it, so gating changes no verdict, only the time.

/// What one pass over the bytes of a comment tells.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Signals {
    /// A link may be here: `://`, `www.` in any case, or a dot followed by a letter or digit
    /// (every bare domain has one before its top-level domain), or by a character outside
    /// ASCII (case-insensitive matching lets the Kelvin sign stand for `k`).
    pub(crate) link: bool,
    /// ASCII punctuation and symbols.
    pub(crate) punctuation: usize,
    /// Characters outside ASCII (counted by their first byte).
    pub(crate) non_ascii: usize,
    /// ASCII capitals.
    pub(crate) capitals: usize,
    /// ASCII digits, dots and colons, and whether an `@` or an opening bracket is present:
    /// what the personal-data finders need.
    pub(crate) digits: usize,
    pub(crate) dots: usize,
    pub(crate) colons: usize,
    pub(crate) at_sign: bool,
    pub(crate) bracket: bool,
}

/// Bits of [`CLASS`]: what a byte counts towards.
const DIGIT: u8 = 1;
const DOT: u8 = 1 << 1;
const COLON: u8 = 1 << 2;
const AT: u8 = 1 << 3;
const BRACKET: u8 = 1 << 4;
const PUNCTUATION: u8 = 1 << 5;
const CAPITAL: u8 = 1 << 6;
const LEAD: u8 = 1 << 7;

/// What each byte value counts towards: one table read per byte instead of a chain of tests,
/// so that the pass does not stall on mispredicted branches.
#[expect(
    clippy::indexing_slicing,
    reason = "a constant table filled for indices below its length, checked at compile time"
)]
static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        let mut class = 0;
        if byte.is_ascii_digit() {
            class |= DIGIT;
        }
        match byte {
            b'.' => class |= DOT,
            b':' => class |= COLON,
            b'@' => class |= AT,
            b'(' | b'[' | b'{' | b'<' => class |= BRACKET,
            _ => {}
        }
        if byte.is_ascii_punctuation() {
            class |= PUNCTUATION;
        }
        if byte.is_ascii_uppercase() {
            class |= CAPITAL;
        }
        if byte >= 0xC0 {
            class |= LEAD;
        }
        table[b] = class;
        b += 1;
    }
    table
};

impl Signals {
    /// Reads `text` once.
    pub(crate) fn of(text: &str) -> Signals {
        let bytes = text.as_bytes();
        let mut s = Signals::default();
        let count = |class: u8, bit: u8| usize::from(class & bit != 0);
        let (mut at, mut bracket) = (0u8, 0u8);
        for (i, &b) in bytes.iter().enumerate() {
            let class = CLASS.get(usize::from(b)).copied().unwrap_or(0);
            s.digits += count(class, DIGIT);
            s.dots += count(class, DOT);
            s.colons += count(class, COLON);
            s.punctuation += count(class, PUNCTUATION);
            s.capitals += count(class, CAPITAL);
            s.non_ascii += count(class, LEAD);
            at |= class & AT;
            bracket |= class & BRACKET;
            if class & (DOT | COLON) != 0 && !s.link {
                s.link = if b == b'.' {
                    bytes
                        .get(i + 1)
                        .is_some_and(|n| n.is_ascii_alphanumeric() || *n >= 0x80)
                        || i.checked_sub(3)
                            .and_then(|from| bytes.get(from..i))
                            .is_some_and(|w| w.eq_ignore_ascii_case(b"www"))
                } else {
                    bytes.get(i + 1..i + 3) == Some(b"//")
                };
            }
        }
        s.at_sign = at != 0;
        s.bracket = bracket != 0;
        s
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "tests panic on purpose when an expectation fails"
)]
mod tests {
    use super::*;

    #[test]
    fn links_need_a_scheme_www_or_a_dot_before_a_letter() {
        for text in [
            "vedi https://x",
            "ftp://a",
            "WWW.",
            "scrivete a comune.livorno.it",
            "v1.2",
            "Www.-",
            "a.\u{212A}",
        ] {
            assert!(Signals::of(text).link, "{text}");
        }
        for text in [
            "Grazie. Ciao",
            "fine.",
            "a: //",
            "...!",
            "ww.",
            "3.  4",
            "é. é",
        ] {
            assert!(!Signals::of(text).link, "{text}");
        }
    }

    /// The signals read the plain way, one test after another.
    fn plainly(text: &str) -> Signals {
        let bytes = text.as_bytes();
        let mut s = Signals::default();
        for (i, &b) in bytes.iter().enumerate() {
            s.digits += usize::from(b.is_ascii_digit());
            s.dots += usize::from(b == b'.');
            s.colons += usize::from(b == b':');
            s.at_sign |= b == b'@';
            s.bracket |= matches!(b, b'(' | b'[' | b'{' | b'<');
            s.punctuation += usize::from(b.is_ascii_punctuation());
            s.capitals += usize::from(b.is_ascii_uppercase());
            s.non_ascii += usize::from(b >= 0xC0);
            let after = bytes.get(i + 1).copied();
            s.link |= (b == b'.'
                && (after.is_some_and(|n| n.is_ascii_alphanumeric() || n >= 0x80)
                    || (i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www"))))
                || (b == b':' && bytes.get(i + 1..i + 3) == Some(b"//"));
        }
        s
    }

    proptest::proptest! {
        #[test]
        fn the_table_reads_what_the_plain_tests_read(
            text in "([a-zA-Z0-9 .:/@(\\[{<>!?,;'\"#*_-]|www|WwW|://|é|😀|\u{212A}){0,40}"
        ) {
            proptest::prop_assert_eq!(Signals::of(&text), plainly(&text));
        }
    }

    #[test]
    fn counts() {
        let s = Signals::of("CIAO, città! 😀");
        assert_eq!((s.capitals, s.punctuation, s.non_ascii), (4, 2, 2));
    }
}
