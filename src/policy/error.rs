//! Errors people can act on: every problem of a policy file at once, each with its place.

use std::fmt;
use std::path::PathBuf;

/// One problem found in a policy file: which field, where, what is wrong, and maybe a hint.
///
/// ```
/// let err = galateo::Policy::from_toml_str("format = 1\n[policy]\nid = 3\n").unwrap_err();
/// // The table misses its other keys, and its `id` is not a string.
/// let problem = err.problems().iter().find(|p| p.field() == "policy.id").unwrap();
/// assert_eq!(problem.message(), "expected a string, found the integer `3`");
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

/// Collects problems (and warnings) against one source text; lines and columns are worked out
/// once at the end, from an index of line starts, so any number of problems costs one pass.
pub(crate) struct Problems<'s> {
    source: &'s str,
    /// Byte offset of the start of every line.
    lines: Vec<usize>,
    list: Vec<Pending>,
    warnings: Vec<Pending>,
    /// Candidates that hints may still compare against, in all: a file with thousands of
    /// unknown names against thousands of ids gets its first hints, not a quadratic wait.
    hint_budget: usize,
}

/// A problem before its line and column are known.
#[derive(PartialEq)]
struct Pending {
    at: usize,
    field: String,
    message: String,
    hint: Option<String>,
}

/// Most candidates the hints of one file compare against, in all.
const HINT_BUDGET: usize = 200_000;

impl<'s> Problems<'s> {
    pub(crate) fn new(source: &'s str) -> Problems<'s> {
        let lines = std::iter::once(0)
            .chain(
                source
                    .bytes()
                    .enumerate()
                    .filter(|(_, b)| *b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        Problems {
            source,
            lines,
            list: Vec::new(),
            warnings: Vec::new(),
            hint_budget: HINT_BUDGET,
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
        let pending = pending(at, field.into(), message.into(), hint);
        self.list.push(pending);
    }

    /// A warning: the policy loads, but this part of it can have no effect.
    pub(crate) fn warn(&mut self, at: usize, field: impl Into<String>, message: impl Into<String>) {
        let pending = pending(at, field.into(), message.into(), None);
        self.warnings.push(pending);
    }

    /// The candidate closest to `word`, as [`suggest`] finds it, within the file's budget.
    pub(crate) fn suggest<'c>(
        &mut self,
        word: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) -> Option<String> {
        let most = self.hint_budget.min(MAX_CANDIDATES);
        let (hint, compared) = suggest_among(word, candidates, most);
        self.hint_budget -= compared.min(self.hint_budget);
        hint
    }

    /// The 1-based line of byte offset `at`.
    pub(crate) fn line(&self, at: usize) -> usize {
        self.lines.partition_point(|start| *start <= at).max(1)
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
                || (literal.starts_with('\'') && !literal.starts_with("\'\'\'"));
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

    /// The warnings, placed, in file order.
    pub(crate) fn take_warnings(&mut self) -> Vec<Problem> {
        let warnings = std::mem::take(&mut self.warnings);
        self.place(warnings)
    }

    pub(crate) fn into_error(mut self, origin: &str) -> PolicyError {
        let list = std::mem::take(&mut self.list);
        PolicyError::Invalid {
            origin: origin.to_owned(),
            problems: self.place(list),
        }
    }

    /// Sorts by position, so the listing reads like the file, drops repeats, and works out
    /// lines and columns in one sweep.
    fn place(&self, mut list: Vec<Pending>) -> Vec<Problem> {
        list.sort_by_key(|p| p.at);
        list.dedup();
        // (line start, offset, column) of the previous problem: columns of problems on one
        // line are counted on from there.
        let mut last: Option<(usize, usize, usize)> = None;
        let mut out = Vec::with_capacity(list.len());
        for p in list {
            let at = boundary(self.source, p.at);
            let line = self.line(at);
            let start = self.lines.get(line - 1).copied().unwrap_or(0);
            let (from, column) = match last {
                Some((s, offset, column)) if s == start && offset <= at => (offset, column),
                _ => (start, 1),
            };
            let column = column
                + self
                    .source
                    .get(from..at)
                    .unwrap_or_default()
                    .chars()
                    .count();
            last = Some((start, at, column));
            out.push(Problem {
                field: p.field,
                line,
                column,
                message: p.message,
                hint: p.hint,
            });
        }
        out
    }
}

/// `at` clamped to the text and moved back to a character boundary.
fn boundary(source: &str, at: usize) -> usize {
    let mut at = at.min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn pending(at: usize, field: String, message: String, hint: Option<String>) -> Pending {
    Pending {
        at,
        field: shorten_field(field),
        message: shorten_quoted(message),
        hint,
    }
}

/// Most characters of a value quoted in a message or named in a field path.
const MAX_QUOTED: usize = 64;

/// `text` with at most [`MAX_QUOTED`] characters, `…` marking a cut.
fn shorten(text: &str) -> String {
    let mut chars = text.char_indices();
    match chars.nth(MAX_QUOTED) {
        None => text.to_owned(),
        Some(_) => {
            let cut = text
                .char_indices()
                .nth(MAX_QUOTED - 1)
                .map_or(text.len(), |(i, _)| i);
            format!("{}…", text.get(..cut).unwrap_or_default())
        }
    }
}

/// A message whose quoted values (in backticks) are shortened and kept on one line, so a
/// problem reads as one line whatever the file holds.
fn shorten_quoted(message: String) -> String {
    let long = message
        .split('`')
        .skip(1)
        .step_by(2)
        .any(|q| q.len() > MAX_QUOTED || q.chars().any(char::is_control));
    if !long && !message.contains('\n') {
        return message;
    }
    let mut out = String::new();
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            for c in shorten(part).chars() {
                if c.is_control() {
                    out.extend(c.escape_default());
                } else {
                    out.push(c);
                }
            }
        } else {
            out.push_str(&part.replace('\n', " "));
        }
    }
    out
}

/// A field path whose long keys are shortened like quoted values.
fn shorten_field(field: String) -> String {
    if field.len() <= MAX_QUOTED * 2 {
        return field;
    }
    let field = field.split('.').map(shorten).collect::<Vec<_>>().join(".");
    match field.char_indices().nth(MAX_QUOTED * 2) {
        Some((cut, _)) => format!("{}…", field.get(..cut).unwrap_or_default()),
        None => field,
    }
}

/// Most candidates one hint compares against.
const MAX_CANDIDATES: usize = 4_096;

/// The candidate closest to `word` by edit distance, if close enough to be a likely typo.
///
/// Names longer than [`MAX_QUOTED`] characters get no hint (nobody misspells a name that
/// long, and the comparison would cost their product), and at most [`MAX_CANDIDATES`]
/// candidates are compared.
pub(crate) fn suggest<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<String> {
    suggest_among(word, candidates, MAX_CANDIDATES).0
}

/// [`suggest`] among the first `most` candidates; also says how many were compared.
fn suggest_among<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    most: usize,
) -> (Option<String>, usize) {
    if word.len() > MAX_QUOTED * 4 {
        return (None, 0);
    }
    let chars: Vec<char> = word.chars().collect();
    if chars.len() > MAX_QUOTED {
        return (None, 0);
    }
    let limit = (chars.len() / 3).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    let mut compared = 0;
    let mut other = Vec::with_capacity(MAX_QUOTED);
    for candidate in candidates.into_iter().take(most) {
        compared += 1;
        if candidate == word || candidate.len() > MAX_QUOTED * 4 {
            continue;
        }
        other.clear();
        other.extend(candidate.chars());
        if other.len() > MAX_QUOTED || other.len().abs_diff(chars.len()) > limit {
            continue;
        }
        let Some(d) = edit_distance(&chars, &other, limit) else {
            continue;
        };
        if best.is_none_or(|(b, _)| d < b) {
            best = Some((d, candidate));
        }
    }
    (best.map(|(_, c)| c.to_owned()), compared)
}

/// Edit distance counting a swap of two neighbours as one edit (optimal string alignment),
/// since swapped letters are the commonest typo; `None` when it is over `limit`. Only the band
/// of cells within `limit` of the diagonal can stay under it, so only those are computed,
/// three rows at a time.
#[expect(
    clippy::indexing_slicing,
    reason = "indices are bounded by the loops over both names, and rows are one longer than `b`"
)]
fn edit_distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    let over = limit + 1;
    let width = b.len() + 1;
    let mut before = vec![over; width];
    let mut previous: Vec<usize> = (0..width).map(|j| j.min(over)).collect();
    let mut current = vec![over; width];
    for i in 1..=a.len() {
        current.fill(over);
        let low = i.saturating_sub(limit).max(1);
        let high = (i + limit).min(b.len());
        if i <= limit {
            current[0] = i;
        }
        let mut best = current[0];
        for j in low..=high {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d.min(over);
            best = best.min(current[j]);
        }
        if best > limit {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    let d = previous[b.len()];
    (d <= limit).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(src: &str, at: &[usize]) -> Vec<(usize, usize)> {
        let mut p = Problems::new(src);
        for a in at {
            p.push(*a, "x", format!("at {a}"));
        }
        p.into_error("t")
            .problems()
            .iter()
            .map(|p| (p.line(), p.column()))
            .collect()
    }

    #[test]
    fn lines_and_columns_count_chars() {
        let src = "a = 1\nè = \"x\"\n";
        // `=` after a two-byte char is the third character of line 2.
        assert_eq!(
            place(src, &[999, 9, 6, 0, 1]),
            [(1, 1), (1, 2), (2, 1), (2, 3), (3, 1)]
        );
        // Inside a two-byte character: the character's own position.
        assert_eq!(place(src, &[7]), [(2, 1)]);
    }

    #[test]
    fn long_values_are_shortened_and_kept_on_one_line() {
        let long = "x".repeat(1000);
        let mut p = Problems::new("");
        p.push(
            0,
            format!("a.{long}"),
            format!("unknown key `{long}` in `a\nb`"),
        );
        let err = p.into_error("t");
        let problem = &err.problems()[0];
        assert_eq!(problem.field().chars().count(), 2 + MAX_QUOTED);
        assert!(
            problem.message().ends_with("…` in `a\\nb`"),
            "{}",
            problem.message()
        );
        assert!(problem.message().len() < 100);
    }

    #[test]
    fn distances_within_the_band_are_exact() {
        let d = |a: &str, b: &str, limit| {
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            edit_distance(&a, &b, limit)
        };
        assert_eq!(d("insutl", "insult", 2), Some(1));
        assert_eq!(d("nmae", "name", 1), Some(1));
        assert_eq!(d("kitten", "sitting", 3), Some(3));
        assert_eq!(d("kitten", "sitting", 2), None);
        assert_eq!(d("", "abc", 3), Some(3));
        assert_eq!(d("abc", "", 2), None);
        assert_eq!(d("same", "same", 1), Some(0));
    }

    #[test]
    fn long_names_and_long_lists_are_not_compared() {
        let long = "a".repeat(MAX_QUOTED + 1);
        let near = format!("{}b", "a".repeat(MAX_QUOTED));
        assert_eq!(suggest(&long, [near.as_str()]), None);
        assert_eq!(suggest(&near[1..], [long.as_str()]), None);
        let mut p = Problems::new("");
        let many: Vec<String> = (0..HINT_BUDGET).map(|i| format!("c{i}")).collect();
        assert_eq!(
            p.suggest("c1x", many.iter().map(String::as_str)),
            Some("c1".into())
        );
        // The budget is spent: the next hints are not looked for.
        for _ in 0..HINT_BUDGET / MAX_CANDIDATES {
            p.suggest("c1x", many.iter().map(String::as_str));
        }
        assert_eq!(p.suggest("c1x", many.iter().map(String::as_str)), None);
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
