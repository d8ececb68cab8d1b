//! Phase one of loading: TOML text → raw sections, collecting every problem.
//!
//! Every table is checked against its schema ([`ROOT`] and the tables below it) before it is
//! deserialised: unknown keys, values of the wrong shape and missing keys are found in one pass
//! over the document and told in the file format's words. The offending keys are taken out, so
//! one misspelt key does not hide the wrong type two lines below, and each table is then
//! deserialised once. An element of an array of tables that cannot be built is left out, and
//! every element that is kept keeps its index in the file.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::error::{Problems, suggest};
use super::raw::{
    CATEGORY, CHANNEL, CLASS, CLAUSE, CONTACT, ESCALATION, IDENTITY, Key, LEXICON, META, PRIVACY,
    REPLIES, REPLY, ROOT, RULE, RawCategory, RawChannel, RawClass, RawClause, RawContact,
    RawEscalation, RawIdentity, RawLexicon, RawMeta, RawPrivacy, RawReplies, RawReply, RawRule,
    RawSchedule, SCHEDULE, Shape,
};

/// The sections of a file that deserialised; a section with problems is `None` or missing.
/// Elements of arrays of tables come with their index in the file.
#[derive(Debug, Default)]
pub(crate) struct Sections {
    pub format: Option<Spanned<i64>>,
    pub policy: Option<RawMeta>,
    pub channel: Vec<(usize, RawChannel)>,
    pub contact: Vec<(usize, RawContact)>,
    pub clause: Vec<(usize, RawClause)>,
    pub category: Vec<(usize, RawCategory)>,
    pub schedule: Option<RawSchedule>,
    pub escalation: Option<RawEscalation>,
    pub privacy: Option<RawPrivacy>,
    pub identity: Option<RawIdentity>,
    pub replies: Option<RawReplies>,
    pub reply: Vec<(usize, RawReply)>,
    pub lexicon: Option<RawLexicon>,
    pub class: Vec<(usize, RawClass)>,
    pub rule: Vec<(usize, RawRule)>,
    /// Whether a section or element was left out for its problems.
    pub dropped: bool,
    /// Fields taken out for a value of the wrong shape, by path (`category[1].kinds`): their
    /// problem is reported, so validation does not also call them empty.
    pub removed: HashSet<String>,
}

pub(crate) fn sections(source: &str, problems: &mut Problems<'_>) -> Sections {
    let (root, errors) = DeTable::parse_recoverable(source);
    if !errors.is_empty() {
        syntax(source, root.get_ref(), &errors, problems);
        return Sections::default();
    }
    let mut load = Loader {
        problems,
        removed: HashSet::new(),
        dropped: false,
    };
    let mut out = Sections::default();
    let (mut saw_policy, mut saw_format) = (false, false);
    for (key, value) in root.into_inner() {
        let name: &str = key.get_ref();
        match name {
            "format" => {
                saw_format = true;
                out.format = load.one(value, name, Shape::Integer);
            }
            "policy" => {
                saw_policy = true;
                out.policy = load.one(value, name, Shape::Table(META));
            }
            "channel" => out.channel = load.many(value, name, CHANNEL),
            "contact" => out.contact = load.many(value, name, CONTACT),
            "clause" => out.clause = load.many(value, name, CLAUSE),
            "category" => out.category = load.many(value, name, CATEGORY),
            "schedule" => out.schedule = load.one(value, name, Shape::Table(SCHEDULE)),
            "escalation" => out.escalation = load.one(value, name, Shape::Table(ESCALATION)),
            "privacy" => out.privacy = load.one(value, name, Shape::Table(PRIVACY)),
            "identity" => out.identity = load.one(value, name, Shape::Table(IDENTITY)),
            "replies" => out.replies = load.one(value, name, Shape::Table(REPLIES)),
            "reply" => out.reply = load.many(value, name, REPLY),
            "lexicon" => out.lexicon = load.one(value, name, Shape::Table(LEXICON)),
            "class" => out.class = load.many(value, name, CLASS),
            "rule" => out.rule = load.many(value, name, RULE),
            other => load.problems.push_hinted(
                key.span().start,
                other,
                format!("unknown section `{other}`"),
                suggest(other, ROOT.iter().map(|k| k.name)),
            ),
        }
    }
    if !saw_policy {
        load.problems
            .push(0, "policy", "missing section `[policy]`");
    }
    if !saw_format {
        load.problems
            .push(0, "format", "missing key `format` (write `format = 1`)");
    }
    out.dropped = load.dropped;
    out.removed = load.removed;
    out
}

struct Loader<'p, 's> {
    problems: &'p mut Problems<'s>,
    removed: HashSet<String>,
    dropped: bool,
}

/// Whether a key of a table was seen, and kept.
#[derive(Clone, Copy, PartialEq)]
enum Seen {
    Absent,
    Kept,
    Removed,
}

impl Loader<'_, '_> {
    /// A section or element of `shape`, checked, cleaned of its bad keys and deserialised.
    fn one<T: DeserializeOwned>(
        &mut self,
        mut value: Spanned<DeValue<'_>>,
        path: &str,
        shape: Shape,
    ) -> Option<T> {
        if !self.check(&mut value, shape, path) {
            self.dropped = true;
            return None;
        }
        let at = value.span().start;
        match T::deserialize(ValueDeserializer::from(value)) {
            Ok(parsed) => Some(parsed),
            Err(_) => {
                // Not reached while the schemas match the structs (a unit test checks they do).
                self.problems
                    .push(at, path, "this table does not fit the policy format");
                self.dropped = true;
                None
            }
        }
    }

    /// The elements of an array of tables (`[[path]]`) that could be built, with their index.
    fn many<T: DeserializeOwned>(
        &mut self,
        value: Spanned<DeValue<'_>>,
        path: &str,
        keys: &'static [Key],
    ) -> Vec<(usize, T)> {
        if !matches!(value.get_ref(), DeValue::Array(_)) {
            self.wrong(&value, Shape::Tables(keys), path);
            self.dropped = true;
            return Vec::new();
        }
        let DeValue::Array(items) = value.into_inner() else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            if let Some(parsed) = self.one(item, &format!("{path}[{i}]"), Shape::Table(keys)) {
                out.push((i, parsed));
            }
        }
        out
    }

    /// Whether `value` has `shape`; reports every way it does not, and takes the offending
    /// keys out of its tables. A table missing a required key cannot be built.
    fn check(&mut self, value: &mut Spanned<DeValue<'_>>, shape: Shape, path: &str) -> bool {
        let at = value.span().start;
        match (shape, value.get_mut()) {
            (Shape::String, DeValue::String(_))
            | (Shape::Bool, DeValue::Boolean(_))
            | (Shape::Date, DeValue::Datetime(_)) => return true,
            (Shape::Integer, DeValue::Integer(n)) => {
                if i64::from_str_radix(n.as_str(), n.radix()).is_ok() {
                    return true;
                }
                let message = format!(
                    "`{n}` is out of range: expected an integer from {} to {}",
                    i64::MIN,
                    i64::MAX
                );
                self.problems.push(at, path, message);
                return false;
            }
            (Shape::Count, DeValue::Integer(n)) => {
                if u32::from_str_radix(n.as_str(), n.radix()).is_ok() {
                    return true;
                }
                let message = format!(
                    "`{n}` is out of range: expected {}",
                    expected(Shape::Count, path)
                );
                self.problems.push(at, path, message);
                return false;
            }
            (Shape::Strings, DeValue::Array(items)) => {
                return self.elements(items, Shape::String, path);
            }
            (Shape::Dates, DeValue::Array(items)) => {
                return self.elements(items, Shape::Date, path);
            }
            (Shape::Table(keys), DeValue::Table(table)) => {
                return self.table(table, keys, path, at);
            }
            (Shape::Tables(keys), DeValue::Array(items)) => {
                let mut ok = true;
                for (i, item) in items.iter_mut().enumerate() {
                    ok &= self.check(item, Shape::Table(keys), &format!("{path}[{i}]"));
                }
                return ok;
            }
            _ => {}
        }
        self.wrong(value, shape, path);
        false
    }

    /// Whether every element of an array is a scalar of `shape`; reports each that is not.
    fn elements(&mut self, items: &[Spanned<DeValue<'_>>], shape: Shape, path: &str) -> bool {
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let fits = matches!(
                (shape, item.get_ref()),
                (Shape::String, DeValue::String(_)) | (Shape::Date, DeValue::Datetime(_))
            );
            if !fits {
                self.wrong(item, shape, &format!("{path}[{i}]"));
                ok = false;
            }
        }
        ok
    }

    /// Checks a table's keys against `keys` in one pass: unknown keys and keys of the wrong
    /// shape are reported and all taken out at once; missing required keys are reported.
    fn table(&mut self, table: &mut DeTable<'_>, keys: &[Key], path: &str, at: usize) -> bool {
        let mut seen = vec![Seen::Absent; keys.len()];
        let mut keep = Vec::with_capacity(table.len());
        // Names that unknown keys were hinted to be: a misspelt key is not also missing.
        let mut hinted: Vec<&str> = Vec::new();
        for (key, value) in table.iter_mut() {
            let name: &str = key.get_ref();
            let field = join(path, name);
            let Some((k, schema)) = keys.iter().enumerate().find(|(_, k)| k.name == name) else {
                let hint = suggest(name, keys.iter().map(|k| k.name));
                if let Some(h) = &hint {
                    hinted.extend(keys.iter().map(|k| k.name).find(|n| n == h));
                }
                self.problems.push_hinted(
                    key.span().start,
                    field,
                    format!("unknown key `{name}`"),
                    hint,
                );
                keep.push(false);
                continue;
            };
            let ok = self.check(value, schema.shape, &field);
            if let Some(s) = seen.get_mut(k) {
                *s = if ok { Seen::Kept } else { Seen::Removed };
            }
            if !ok {
                self.removed.insert(field);
            }
            keep.push(ok);
        }
        let mut buildable = true;
        for (key, seen) in keys.iter().zip(&seen) {
            if !key.required || *seen == Seen::Kept {
                continue;
            }
            buildable = false;
            if *seen == Seen::Absent && !hinted.contains(&key.name) {
                self.problems
                    .push(at, path, format!("missing key `{}`", key.name));
            }
        }
        if keep.contains(&false) {
            // In one go: taking keys out one by one would cost a pass over the table each.
            let old = std::mem::replace(table, DeTable::new());
            *table = old
                .into_iter()
                .zip(keep)
                .filter_map(|(entry, keep)| keep.then_some(entry))
                .collect();
        }
        buildable
    }

    /// Reports a value of the wrong shape, in the file format's words.
    fn wrong(&mut self, value: &Spanned<DeValue<'_>>, shape: Shape, path: &str) {
        let message = format!(
            "expected {}, found {}",
            expected(shape, path),
            found(value.get_ref())
        );
        self.problems.push(value.span().start, path, message);
    }
}

/// What a value of `shape` is called, for the person writing the file.
fn expected(shape: Shape, path: &str) -> String {
    // A header can be suggested for a named table, not for an element of an array.
    let named = !path.contains('[');
    match shape {
        Shape::String => "a string".to_owned(),
        Shape::Integer => "an integer".to_owned(),
        Shape::Count => format!("an integer from 0 to {}", u32::MAX),
        Shape::Bool => "true or false".to_owned(),
        Shape::Date => "a date like 2024-02-27".to_owned(),
        Shape::Strings => "an array of strings".to_owned(),
        Shape::Dates => "an array of dates".to_owned(),
        Shape::Table(_) if named => format!("a table (`[{path}]`)"),
        Shape::Table(_) => "a table".to_owned(),
        Shape::Tables(_) if named => format!("an array of tables (`[[{path}]]`)"),
        Shape::Tables(_) => "an array of tables".to_owned(),
    }
}

/// What a value is, with the value itself when it is short enough to show.
fn found(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => format!("the string `{s}`"),
        DeValue::Integer(n) => format!("the integer `{n}`"),
        DeValue::Float(x) => format!("the number `{x}`"),
        DeValue::Boolean(b) => format!("`{b}`"),
        DeValue::Datetime(d) => format!("the date `{d}`"),
        DeValue::Array(_) => "an array".to_owned(),
        DeValue::Table(_) => "a table".to_owned(),
    }
}

fn join(path: &str, below: &str) -> String {
    if below.is_empty() {
        path.to_owned()
    } else if path.is_empty() {
        below.to_owned()
    } else {
        format!("{path}.{below}")
    }
}

/// Reports the syntax errors of a file the parser could only partly read.
fn syntax(
    source: &str,
    recovered: &DeTable<'_>,
    errors: &[toml::de::Error],
    problems: &mut Problems<'_>,
) {
    let keys = KeyIndex::new(recovered);
    let headers = Headers::new(source);
    let mut spanless = 0;
    for error in errors {
        let Some(span) = error.span() else {
            spanless += 1;
            continue;
        };
        let (field, depth) = match keys.covering(&span) {
            Some(i) => {
                // Nesting is counted from the key whose value the error is in, and told there.
                let (key, value_start) = keys.key(i);
                let depth = nesting(source, value_start, span.start);
                let path = if depth >= DEEP { key } else { keys.path(i) };
                (path.to_owned(), depth)
            }
            None => {
                let start = line_start(source, span.start);
                (
                    headers.field_at(source, span.start),
                    nesting(source, start, span.start),
                )
            }
        };
        let message = if depth >= DEEP {
            format!("values nested too deeply: {depth} arrays and inline tables inside one another")
        } else {
            clean_message(error.message())
        };
        problems.push(span.start, field, message);
    }
    if spanless == 0 {
        return;
    }
    // The parser gives no place for a key of too many dotted parts: they are the keys of the
    // file with the most parts.
    let mut deep = dotted_keys(source);
    deep.sort_by_key(|(_, key)| std::cmp::Reverse(key.split('.').count()));
    deep.truncate(spanless);
    deep.retain(|(_, key)| key.split('.').count() >= DEEP);
    deep.sort_by_key(|(at, _)| *at);
    for (at, key) in &deep {
        let parts = key.split('.').count();
        problems.push(
            *at,
            headers.field_at(source, *at),
            format!("key `{key}` is nested too deeply: {parts} dotted parts"),
        );
    }
    for error in errors
        .iter()
        .filter(|e| e.span().is_none())
        .skip(deep.len())
    {
        problems.push(0, "", clean_message(error.message()));
    }
}

/// Nesting at which a value or key is surely past the parser's limit rather than a typo.
const DEEP: usize = 64;

/// Every key of a recovered document with its span, to name the key a syntax error is in.
struct KeyIndex {
    /// (start, end, dotted path, start of the value), by start; outer entries first.
    entries: Vec<(usize, usize, String, usize)>,
    /// The innermost entry enclosing each entry.
    parents: Vec<Option<usize>>,
}

impl KeyIndex {
    fn new(root: &DeTable<'_>) -> KeyIndex {
        let mut entries = Vec::new();
        keys_of(root, "", &mut entries);
        entries.sort_by_key(|(start, end, _, _)| (*start, std::cmp::Reverse(*end)));
        let mut parents = Vec::with_capacity(entries.len());
        let mut open: Vec<usize> = Vec::new();
        for (i, (start, end, _, _)) in entries.iter().enumerate() {
            while let Some(&top) = open.last() {
                let encloses = entries
                    .get(top)
                    .is_some_and(|(s, e, _, _)| s <= start && end <= e);
                if encloses {
                    break;
                }
                open.pop();
            }
            parents.push(open.last().copied());
            open.push(i);
        }
        KeyIndex { entries, parents }
    }

    /// The path of entry `i`.
    fn path(&self, i: usize) -> &str {
        self.entries
            .get(i)
            .map_or("", |(_, _, path, _)| path.as_str())
    }

    /// The key entry `i` is the value of, or an element of the value of (out of arrays and
    /// inline tables): its path and where its value starts.
    fn key(&self, mut i: usize) -> (&str, usize) {
        loop {
            let Some((_, _, path, value)) = self.entries.get(i) else {
                return ("", 0);
            };
            match self.parents.get(i).copied().flatten() {
                Some(parent) if path.ends_with(']') => i = parent,
                _ => return (path, *value),
            }
        }
    }

    /// The innermost entry whose key or value covers `span`.
    fn covering(&self, span: &Range<usize>) -> Option<usize> {
        let covers =
            |start: usize, end: usize| start <= span.start && span.end <= end.max(start + 1);
        let mut at = self
            .entries
            .partition_point(|(start, _, _, _)| *start <= span.start)
            .checked_sub(1);
        // The innermost entry covering `span` encloses the last one starting before it, so
        // walking out from there finds it within the document's depth.
        while let Some(i) = at {
            let (start, end, _, _) = self.entries.get(i)?;
            if covers(*start, *end) {
                return Some(i);
            }
            at = self.parents.get(i).copied().flatten();
        }
        None
    }
}

fn keys_of(table: &DeTable<'_>, prefix: &str, out: &mut Vec<(usize, usize, String, usize)>) {
    for (key, value) in table.iter() {
        let path = join(prefix, key.get_ref());
        let (k, v) = (key.span(), value.span());
        out.push((
            k.start.min(v.start),
            k.end.max(v.end),
            path.clone(),
            v.start,
        ));
        values_of(value, &path, out);
    }
}

fn values_of(
    value: &Spanned<DeValue<'_>>,
    path: &str,
    out: &mut Vec<(usize, usize, String, usize)>,
) {
    match value.get_ref() {
        DeValue::Table(table) => keys_of(table, path, out),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let path = format!("{path}[{i}]");
                let span = item.span();
                out.push((span.start, span.end, path.clone(), span.start));
                values_of(item, &path, out);
            }
        }
        _ => {}
    }
}

/// The table headers of a file, to name the table around a key the parser could not read.
struct Headers {
    /// (where the line after the header starts, the table's path), in file order.
    tables: Vec<(usize, String)>,
}

impl Headers {
    fn new(source: &str) -> Headers {
        let mut tables = Vec::new();
        let mut counts: HashMap<String, usize> = HashMap::new();
        let mut at = 0;
        for line in source.split_inclusive('\n') {
            at += line.len();
            let header = line.trim();
            if let Some(name) = header.strip_prefix("[[").and_then(|h| h.strip_suffix("]]")) {
                let name = name.trim().to_owned();
                let n = counts.entry(name.clone()).or_insert(0);
                tables.push((at, format!("{name}[{n}]")));
                *n += 1;
            } else if let Some(name) = header.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
                tables.push((at, name.trim().to_owned()));
            }
        }
        Headers { tables }
    }

    /// The dotted key on the line of byte `at`, under the nearest table header above it: for
    /// syntax errors whose bad value never made it into the document.
    fn field_at(&self, source: &str, at: usize) -> String {
        let start = line_start(source, at);
        let line = source
            .get(start..)
            .unwrap_or_default()
            .lines()
            .next()
            .unwrap_or_default();
        let trimmed = line.trim();
        if let Some(header) = trimmed.strip_prefix('[') {
            let header = header.trim_start_matches('[');
            return header
                .split(']')
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned();
        }
        let key = line.split_once('=').map(|(k, _)| k.trim()).filter(|k| {
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        });
        let Some(key) = key else {
            return String::new();
        };
        let above = self.tables.partition_point(|(after, _)| *after <= start);
        let table = above
            .checked_sub(1)
            .and_then(|i| self.tables.get(i))
            .map_or("", |(_, name)| name.as_str());
        join(table, key)
    }
}

fn line_start(source: &str, at: usize) -> usize {
    source
        .get(..at.min(source.len()))
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// Every key written at the start of a line (`a.b = …` or a header `[a.b]`), with where it
/// starts.
fn dotted_keys(source: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        let text = line.trim();
        let (offset, key) = if let Some(header) = text.strip_prefix("[[") {
            (2, header.split(']').next())
        } else if let Some(header) = text.strip_prefix('[') {
            (1, header.split(']').next())
        } else {
            (0, text.split_once('=').map(|(k, _)| k))
        };
        if let Some(key) = key.map(str::trim).filter(|k| k.contains('.')) {
            out.push((at + indent + offset, key.to_owned()));
        }
        at += line.len();
    }
    out
}

/// How many arrays and inline tables are open at byte `to` of a value that starts at `from`,
/// reading past strings and comments.
fn nesting(source: &str, from: usize, to: usize) -> usize {
    let bytes = source.as_bytes();
    let text = bytes
        .get(from.min(to)..to.min(bytes.len()))
        .unwrap_or_default();
    let mut depth: usize = 0;
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        let rest = text.get(i..).unwrap_or_default();
        match b {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'#' => {
                i += rest.iter().position(|c| *c == b'\n').unwrap_or(rest.len());
                continue;
            }
            b'"' | b'\'' => {
                let triple = if b == b'"' {
                    &b"\"\"\""[..]
                } else {
                    &b"'''"[..]
                };
                let (open, close) = if rest.starts_with(triple) {
                    (3, triple)
                } else {
                    (1, rest.get(..1).unwrap_or_default())
                };
                let mut j = open;
                while let Some(&c) = rest.get(j) {
                    if b == b'"' && c == b'\\' {
                        j += 2;
                        continue;
                    }
                    if rest.get(j..).is_some_and(|r| r.starts_with(close)) {
                        j += close.len();
                        break;
                    }
                    j += 1;
                }
                i += j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    depth
}

/// The parser's messages, in the house style: lowercase, no trailing period.
fn clean_message(message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
