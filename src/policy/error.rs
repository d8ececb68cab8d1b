//! Errors people can act on: every problem of a policy file at once, each with its place.

use std::fmt;
use std::path::PathBuf;

/// One problem found in a policy file: which field, where, what is wrong, and maybe a hint.
///
/// ```
/// let err = galateo::Policy::from_toml_str("format = 1\n[policy]\nid = 3\n").unwrap_err();
/// let problem = &err.problems()[0];
/// assert_eq!(problem.field(), "policy.id");
/// assert_eq!((problem.line(), problem.column()), (3, 6));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub(crate) field: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
}

impl Problem {
    /// The dotted path of the field, e.g. `category[2].kinds[0]` (empty for the whole file).
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The 1-based line the problem is on.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column (in characters) the problem starts at.
    pub fn column(&self) -> usize {
        self.column
    }

    /// What is wrong, in lowercase words with user input in backticks.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// A likely correction for a misspelt name, if one is close enough.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.line, self.column)?;
        if !self.field.is_empty() {
            write!(f, "`{}`: ", self.field)?;
        }
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (did you mean `{hint}`?)")?;
        }
        Ok(())
    }
}

/// Why a policy could not be loaded.
///
/// ```
/// let err = galateo::Policy::preset("comune-livorn").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "unknown preset `comune-livorn` (did you mean `comune-livorno`?)"
/// );
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// The file was read but breaks the format; every problem found is listed.
    #[error("{}", Listing { origin, problems })]
    Invalid {
        /// Where the text came from: a path, a preset name or `<string>`.
        origin: String,
        /// Every problem, in file order.
        problems: Vec<Problem>,
    },
    /// The file could not be read. The reason is the error's [`source`](std::error::Error::source),
    /// not part of its message, so an error chain prints it once.
    ///
    /// ```
    /// use std::error::Error;
    ///
    /// let err = galateo::Policy::from_path("no/such/policy.toml").unwrap_err();
    /// assert_eq!(err.to_string(), "cannot read policy file `no/such/policy.toml`");
    /// assert!(err.source().is_some());
    /// ```
    #[error("cannot read policy file `{}`", path.display())]
    Read {
        /// The path given.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// No preset has that name.
    #[error("unknown preset `{name}`{}", hint.as_ref().map(|h| format!(" (did you mean `{h}`?)")).unwrap_or_default())]
    UnknownPreset {
        /// The name asked for.
        name: String,
        /// The closest preset name, if any is close.
        hint: Option<String>,
    },
}

impl PolicyError {
    /// The problems of an invalid file, in file order; empty for other errors.
    pub fn problems(&self) -> &[Problem] {
        match self {
            PolicyError::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }
}

struct Listing<'a> {
    origin: &'a str,
    problems: &'a [Problem],
}

impl fmt::Display for Listing<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "invalid policy `{}`: {n} problem{}",
            self.origin,
            if n == 1 { "" } else { "s" }
        )?;
        for problem in self.problems {
            write!(f, "\n  {}:{problem}", self.origin)?;
        }
        Ok(())
    }
}

/// Collects problems against one source text, turning byte spans into line and column.
pub(crate) struct Problems<'s> {
    source: &'s str,
    list: Vec<(usize, Problem)>,
}

impl<'s> Problems<'s> {
    pub(crate) fn new(source: &'s str) -> Problems<'s> {
        Problems {
            source,
            list: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, at: usize, field: impl Into<String>, message: impl Into<String>) {
        self.push_hinted(at, field, message, None);
    }

    pub(crate) fn push_hinted(
        &mut self,
        at: usize,
        field: impl Into<String>,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        let (line, column) = line_column(self.source, at);
        self.list.push((
            at,
            Problem {
                field: field.into(),
                line,
                column,
                message: message.into(),
                hint,
            },
        ));
    }

    /// Line and column of byte offset `at` in the source.
    pub(crate) fn line_column(&self, at: usize) -> (usize, usize) {
        line_column(self.source, at)
    }

    /// The source offset of byte `offset` of a string value whose literal spans `span`.
    ///
    /// Exact for plain literals; inside escapes or multi-line literals the decoded text and
    /// the source differ, so the character at `offset` is looked up in the literal instead.
    pub(crate) fn offset_in_string(
        &self,
        span: std::ops::Range<usize>,
        decoded: &str,
        offset: usize,
    ) -> usize {
        let literal = self.source.get(span.clone()).unwrap_or_default();
        let plain =
            (literal.starts_with('"') && !literal.starts_with("\"\"\"") && !literal.contains('\\'))
                || (literal.starts_with('\'') && !literal.starts_with("'''"));
        if plain {
            return span.start + 1 + offset;
        }
        let token: String = decoded
            .get(offset..)
            .unwrap_or_default()
            .chars()
            .take_while(|c| *c != '}')
            .chain(std::iter::once('}'))
            .collect();
        literal.find(&token).map_or(span.start, |i| span.start + i)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub(crate) fn into_error(mut self, origin: &str) -> PolicyError {
        // Stable by position so the listing reads like the file.
        self.list.sort_by_key(|(at, _)| *at);
        self.list.dedup_by(|a, b| a.1 == b.1);
        PolicyError::Invalid {
            origin: origin.to_owned(),
            problems: self.list.into_iter().map(|(_, p)| p).collect(),
        }
    }
}

/// 1-based line and column (in chars) of byte offset `at`, clamped to the text.
pub(crate) fn line_column(source: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    let before = source.get(..at).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).unwrap_or_default().chars().count() + 1;
    (line, column)
}

/// The candidate closest to `word` by edit distance, if close enough to be a likely typo.
pub(crate) fn suggest<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<String> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= limit && *c != word)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.to_owned())
}

/// Edit distance counting a swap of two neighbours as one edit (optimal string alignment),
/// since swapped letters are the commonest typo; names are short, so the table is fine.
#[expect(
    clippy::indexing_slicing,
    reason = "indices are bounded by the loops over both names; these are policy keys, not comments"
)]
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=a.len() {
        d[at(i, 0)] = i;
    }
    for j in 0..=b.len() {
        d[at(0, j)] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[at(i - 1, j)] + 1)
                .min(d[at(i, j - 1)] + 1)
                .min(d[at(i - 1, j - 1)] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[at(i - 2, j - 2)] + 1);
            }
            d[at(i, j)] = best;
        }
    }
    d[at(a.len(), b.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_chars() {
        let src = "a = 1\nè = \"x\"\n";
        assert_eq!(line_column(src, 0), (1, 1));
        assert_eq!(line_column(src, 6), (2, 1));
        // `=` after a two-byte char is the third character of line 2.
        assert_eq!(line_column(src, 9), (2, 3));
        assert_eq!(line_column(src, 999), (3, 1));
    }

    #[test]
    fn suggest_finds_typos_only() {
        let names = ["insult", "threat", "vulgarity"];
        assert_eq!(suggest("insutl", names), Some("insult".into()));
        assert_eq!(suggest("threats", names), Some("threat".into()));
        assert_eq!(suggest("weather", names), None);
        assert_eq!(suggest("nmae", ["name", "id"]), Some("name".into()));
    }
}
