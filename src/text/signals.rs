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

impl Signals {
    /// Reads `text` once.
    pub(crate) fn of(text: &str) -> Signals {
        let bytes = text.as_bytes();
        let mut s = Signals::default();
        let mut previous = [0u8; 3];
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'0'..=b'9' => s.digits += 1,
                b'.' => s.dots += 1,
                b':' => s.colons += 1,
                b'@' => s.at_sign = true,
                b'(' | b'[' | b'{' | b'<' => s.bracket = true,
                _ => {}
            }
            if b.is_ascii_punctuation() {
                s.punctuation += 1;
                if !s.link {
                    s.link = match b {
                        b'.' => {
                            bytes
                                .get(i + 1)
                                .is_some_and(|n| n.is_ascii_alphanumeric() || *n >= 0x80)
                                || previous.eq_ignore_ascii_case(b"www")
                        }
                        b':' => bytes.get(i + 1..i + 3) == Some(b"//"),
                        _ => false,
                    };
                }
            } else if b.is_ascii_uppercase() {
                s.capitals += 1;
            } else if b >= 0xC0 {
                s.non_ascii += 1;
            }
            previous = [previous[1], previous[2], b];
        }
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

    #[test]
    fn counts() {
        let s = Signals::of("CIAO, città! 😀");
        assert_eq!((s.capitals, s.punctuation, s.non_ascii), (4, 2, 2));
    }
}
