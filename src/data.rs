//! The one line reader for every shipped data file and every list a policy writes as lines:
//! lexicons, word classes, verb classes and rules.
//!
//! A data line is trimmed; blank lines and lines starting with `#` are comments. Lines keep
//! their 1-based number so a problem is reported at `file:line`.

/// The data lines of `text` with their 1-based line numbers.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn comments_and_blanks_are_skipped_and_lines_keep_their_numbers() {
        let got: Vec<(usize, &str)> = super::lines("# head\n\n a b \n#x\nc").collect();
        assert_eq!(got, [(3, "a b"), (5, "c")]);
    }
}
