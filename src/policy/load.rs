//! Phase one of loading: TOML text → raw sections, collecting every problem.
//!
//! serde stops at the first error, so each section (and each element of an array of tables)
//! is deserialised on its own; when an element fails, the offending key is taken out and the
//! element is tried again, so one misspelt key does not hide the wrong type two lines below.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::error::{Problems, suggest};
use super::raw::{
    RawCategory, RawChannel, RawClass, RawClause, RawContact, RawEscalation, RawIdentity,
    RawLexicon, RawMeta, RawPrivacy, RawReply, RawRule, RawSchedule, SECTIONS,
};

/// The sections of a file that deserialised; a section with problems is `None` or missing.
#[derive(Debug, Default)]
pub(crate) struct Sections {
    pub format: Option<Spanned<i64>>,
    pub policy: Option<RawMeta>,
    /// Span of the `[policy]` header or of the whole file when absent, for "missing" problems.
    pub channel: Vec<RawChannel>,
    pub contact: Vec<RawContact>,
    pub clause: Vec<RawClause>,
    pub category: Vec<RawCategory>,
    pub schedule: Option<RawSchedule>,
    pub escalation: Option<RawEscalation>,
    pub privacy: Option<RawPrivacy>,
    pub identity: Option<RawIdentity>,
    pub reply: Vec<RawReply>,
    pub lexicon: Option<RawLexicon>,
    pub class: Vec<RawClass>,
    pub rule: Vec<RawRule>,
    /// Element counts as written, so indices in messages match the file even when an element
    /// was dropped for its problems.
    pub dropped: bool,
}

pub(crate) fn sections(source: &str, problems: &mut Problems<'_>) -> Sections {
    let (root, errors) = DeTable::parse_recoverable(source);
    if !errors.is_empty() {
        let mut recovered = root.clone();
        for error in errors {
            let span = error.span().unwrap_or(0..0);
            // The recovered document still names the key the bad value belongs to.
            let field = remove_in_table(recovered.get_mut(), &span)
                .map(|(path, _, _)| path)
                .unwrap_or_else(|| field_at(source, span.start));
            problems.push(span.start, field, clean_message(error.message()));
        }
        return Sections::default();
    }
    let mut out = Sections::default();
    let mut saw_policy = false;
    for (key, value) in root.get_ref().iter() {
        let name: &str = key.get_ref();
        match name {
            "format" => out.format = one(value, name, problems, &mut out.dropped),
            "policy" => {
                saw_policy = true;
                out.policy = one(value, name, problems, &mut out.dropped);
            }
            "channel" => out.channel = many(value, name, problems, &mut out.dropped),
            "contact" => out.contact = many(value, name, problems, &mut out.dropped),
            "clause" => out.clause = many(value, name, problems, &mut out.dropped),
            "category" => out.category = many(value, name, problems, &mut out.dropped),
            "schedule" => out.schedule = one(value, name, problems, &mut out.dropped),
            "escalation" => out.escalation = one(value, name, problems, &mut out.dropped),
            "privacy" => out.privacy = one(value, name, problems, &mut out.dropped),
            "identity" => out.identity = one(value, name, problems, &mut out.dropped),
            "reply" => out.reply = many(value, name, problems, &mut out.dropped),
            "lexicon" => out.lexicon = one(value, name, problems, &mut out.dropped),
            "class" => out.class = many(value, name, problems, &mut out.dropped),
            "rule" => out.rule = many(value, name, problems, &mut out.dropped),
            other => problems.push_hinted(
                key.span().start,
                other,
                format!("unknown section `{other}`"),
                suggest(other, SECTIONS.iter().copied()),
            ),
        }
    }
    if !saw_policy {
        problems.push(0, "policy", "missing section `[policy]`");
    }
    if out.format.is_none() && !root.get_ref().contains_key("format") {
        problems.push(0, "format", "missing key `format` (write `format = 1`)");
    }
    out
}

fn one<T: DeserializeOwned>(
    value: &Spanned<DeValue<'_>>,
    path: &str,
    problems: &mut Problems<'_>,
    dropped: &mut bool,
) -> Option<T> {
    let parsed = collecting(value, path, problems);
    *dropped |= parsed.is_none();
    parsed
}

fn many<T: DeserializeOwned>(
    value: &Spanned<DeValue<'_>>,
    path: &str,
    problems: &mut Problems<'_>,
    dropped: &mut bool,
) -> Vec<T> {
    let DeValue::Array(items) = value.get_ref() else {
        problems.push(
            value.span().start,
            path,
            format!(
                "expected an array of tables (`[[{path}]]`), found {}",
                value.get_ref().type_str()
            ),
        );
        *dropped = true;
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match collecting(item, &format!("{path}[{i}]"), problems) {
            Some(parsed) => out.push(parsed),
            None => *dropped = true,
        }
    }
    out
}

/// Deserialises `value`, reporting each failing key and retrying without it.
fn collecting<T: DeserializeOwned>(
    value: &Spanned<DeValue<'_>>,
    path: &str,
    problems: &mut Problems<'_>,
) -> Option<T> {
    let mut value = value.clone();
    let mut removed: Vec<String> = Vec::new();
    let mut hinted: Vec<String> = Vec::new();
    // Each retry removes one key, so the loop is bounded by the element's size.
    loop {
        let error = match T::deserialize(ValueDeserializer::from(value.clone())) {
            // Parsed without the bad keys: still worth checking for meaning, but the file as a
            // whole is rejected because `problems` is not empty.
            Ok(parsed) => return Some(parsed),
            Err(error) => error,
        };
        let message = error.message();
        if let Some(field) = between(message, "missing field `", "`") {
            // A key missing because it was removed, or misspelt (`nmae` hinted `name`), was
            // already reported.
            if !removed.iter().chain(&hinted).any(|r| r == field) {
                problems.push(value.span().start, path, format!("missing key `{field}`"));
            }
            return None;
        }
        let span = error.span().unwrap_or_else(|| value.span());
        let Some((key_path, key, at)) = remove_at(&mut value, &span) else {
            problems.push(span.start, path, clean_message(message));
            return None;
        };
        let field = join(path, &key_path);
        if let Some(unknown) = between(message, "unknown field `", "`") {
            let expected = expected_names(message);
            let hint = suggest(unknown, expected.iter().copied());
            hinted.extend(hint.clone());
            problems.push_hinted(at, field, format!("unknown key `{unknown}`"), hint);
        } else {
            problems.push(span.start, field, clean_message(message));
        }
        removed.push(key);
    }
}

/// Removes the innermost key of `value` whose key or value covers `span`; returns its dotted
/// path below `value`, its name, and where its key starts.
fn remove_at(
    value: &mut Spanned<DeValue<'_>>,
    span: &Range<usize>,
) -> Option<(String, String, usize)> {
    let DeValue::Table(table) = value.get_mut() else {
        return None;
    };
    remove_in_table(table, span)
}

fn remove_in_table(
    table: &mut DeTable<'_>,
    span: &Range<usize>,
) -> Option<(String, String, usize)> {
    let covers = |r: Range<usize>| r.start <= span.start && span.end <= r.end.max(r.start + 1);
    // (key to drop, path reported, where its key starts)
    let mut target: Option<(String, String, usize)> = None;
    for (key, value) in table.iter_mut() {
        let name = key.get_ref().to_string();
        let inner = value.span();
        if covers(key.span()) && !covers(inner.clone()) {
            target = Some((name.clone(), name, key.span().start));
            break;
        }
        if !covers(inner.clone()) {
            continue;
        }
        let strictly_inside = span != &inner;
        match value.get_mut() {
            DeValue::Table(child) if strictly_inside => {
                if let Some((path, removed, at)) = remove_in_table(child, span) {
                    return Some((format!("{name}.{path}"), removed, at));
                }
            }
            DeValue::Array(items) if strictly_inside => {
                for (i, item) in items.iter_mut().enumerate() {
                    if !covers(item.span()) {
                        continue;
                    }
                    if let DeValue::Table(child) = item.get_mut() {
                        if let Some((path, removed, at)) = remove_in_table(child, span) {
                            return Some((format!("{name}[{i}].{path}"), removed, at));
                        }
                    } else {
                        // A bad scalar in an array: name the element, drop the whole key.
                        target = Some((name.clone(), format!("{name}[{i}]"), key.span().start));
                    }
                    break;
                }
            }
            _ => {}
        }
        if target.is_none() {
            target = Some((name.clone(), name, key.span().start));
        }
        break;
    }
    let (drop, path, at) = target?;
    let old = std::mem::replace(table, DeTable::new());
    *table = old
        .into_iter()
        .filter(|(k, _)| k.get_ref().as_ref() != drop.as_str())
        .collect();
    Some((path, drop, at))
}

/// The dotted key on the line of byte `at`, under the nearest table header above it: for
/// syntax errors, whose bad value never made it into the document.
fn field_at(source: &str, at: usize) -> String {
    let before = source.get(..at.min(source.len())).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = source
        .get(line_start..)
        .unwrap_or_default()
        .lines()
        .next()
        .unwrap_or_default();
    let key = line.split_once('=').map(|(k, _)| k.trim()).filter(|k| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
    });
    let Some(key) = key else {
        return String::new();
    };
    let headers = before.get(..line_start).unwrap_or_default();
    let mut table = String::new();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for header in headers.lines().map(str::trim) {
        if let Some(name) = header.strip_prefix("[[").and_then(|h| h.strip_suffix("]]")) {
            let name = name.trim().to_owned();
            let n = match counts.iter_mut().find(|(k, _)| *k == name) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    counts.push((name.clone(), 0));
                    0
                }
            };
            table = format!("{name}[{n}]");
        } else if let Some(name) = header.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            table = name.trim().to_owned();
        }
    }
    join(&table, key)
}

fn join(path: &str, below: &str) -> String {
    if below.is_empty() {
        path.to_owned()
    } else {
        format!("{path}.{below}")
    }
}

fn between<'m>(message: &'m str, open: &str, close: &str) -> Option<&'m str> {
    let start = message.find(open)? + open.len();
    let rest = message.get(start..)?;
    rest.find(close).and_then(|end| rest.get(..end))
}

/// The `expected one of `a`, `b`` list of serde's unknown-field message.
fn expected_names(message: &str) -> Vec<&str> {
    let Some(at) = message.find("expected") else {
        return Vec::new();
    };
    message
        .get(at..)
        .unwrap_or_default()
        .split('`')
        .skip(1)
        .step_by(2)
        .collect()
}

/// serde's and the parser's messages, in the house style: lowercase, no trailing period.
fn clean_message(message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    let message = message
        .strip_prefix("invalid type: ")
        .map_or_else(|| message.to_owned(), |rest| format!("wrong type: {rest}"));
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => message,
    }
}
