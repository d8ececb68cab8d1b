//! Rule syntax: a pattern string → a tree of items.
//!
//! ```text
//! pattern  = sequence
//! sequence = item+
//! item     = WORD | WORD* | *WORD | <class> | <verbs:sel+sel> | ( sequence | sequence … )
//!          | [ sequence | sequence … ] | ~N | ^ | $
//! ```
//!
//! `^` and `$` match no word: they hold where a clause begins or ends (the comment's edges,
//! a sentence break, a comma, a colon, a dash or a bracket), so `^ <ambiguous-insult> $` is
//! a word said on its own ("Pecora!", "…, cozza.").
//!
//! Words are normalised like comments, so a literal may be written with accents or
//! apostrophes (`perché`, `l'ha`) and still match what the canonical text holds.

use crate::text;

/// Most words a gap may skip: a construction spread wider than this is no longer one.
pub(crate) const MAX_GAP: u8 = 8;

/// One item of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Node {
    /// A canonical word.
    Word(String),
    /// Any word starting with this canonical prefix.
    Prefix(String),
    /// Any compound ending with this canonical suffix after at least two letters of its
    /// own (`*merda` is `salvinimmerda`, `pdmerda`; not `merda`).
    Suffix(String),
    /// A member of a word class, or a form of a verb class filtered by a selector.
    Class {
        /// The class name as written.
        name: String,
        /// The form selector after `:`, as written (empty for none).
        forms: String,
        /// Byte offset in the pattern, for errors found when the class is resolved.
        at: usize,
    },
    /// Items one after the other.
    Seq(Vec<Node>),
    /// One of the alternatives.
    Alt(Vec<Node>),
    /// The item or nothing.
    Opt(Box<Node>),
    /// Up to this many words of anything.
    Gap(u8),
    /// Where a clause begins (`^`).
    Start,
    /// Where a clause ends (`$`).
    End,
}

/// A syntax error at byte `offset` of the pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub(crate) offset: usize,
    pub(crate) message: String,
}

fn error(offset: usize, message: impl Into<String>) -> SyntaxError {
    SyntaxError {
        offset,
        message: message.into(),
    }
}

/// One token with its byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Token<'a> {
    Open(char),
    Close(char),
    Bar,
    Text(&'a str),
}

fn tokens(pattern: &str) -> Result<Vec<(usize, Token<'_>)>, SyntaxError> {
    let mut out = Vec::new();
    let mut chars = pattern.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '(' | '[' => {
                // `scherz(o|i)` is lexicon syntax; in a rule it would read as two items.
                if matches!(out.last(), Some((prev, Token::Text(t))) if prev + t.len() == at) {
                    return Err(error(
                        at,
                        "a group inside a word: write the forms as alternatives (`(scherzo | scherzi)`) or use `word*`",
                    ));
                }
                out.push((at, Token::Open(c)));
            }
            ')' | ']' => out.push((at, Token::Close(c))),
            '|' => out.push((at, Token::Bar)),
            '<' => {
                let mut end = None;
                for (i, c) in chars.by_ref() {
                    if c == '>' {
                        end = Some(i);
                        break;
                    }
                }
                let end = end.ok_or_else(|| error(at, "unclosed `<`"))?;
                out.push((at, Token::Text(pattern.get(at..=end).unwrap_or_default())));
            }
            _ => {
                let mut end = at + c.len_utf8();
                while let Some(&(i, c)) = chars.peek() {
                    if c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '|' | '<') {
                        break;
                    }
                    end = i + c.len_utf8();
                    chars.next();
                }
                out.push((at, Token::Text(pattern.get(at..end).unwrap_or_default())));
            }
        }
    }
    Ok(out)
}

/// Parses a whole pattern.
pub(crate) fn parse(pattern: &str) -> Result<Node, SyntaxError> {
    let tokens = tokens(pattern)?;
    let mut at = 0;
    let node = sequence(pattern, &tokens, &mut at, None)?;
    if let Some((offset, token)) = tokens.get(at) {
        return Err(error(*offset, format!("unexpected `{}`", show(token))));
    }
    if !mandatory(&node) {
        return Err(error(
            0,
            "a pattern needs at least one item that is not optional",
        ));
    }
    Ok(node)
}

fn show(token: &Token<'_>) -> String {
    match token {
        Token::Open(c) | Token::Close(c) => c.to_string(),
        Token::Bar => "|".to_owned(),
        Token::Text(t) => (*t).to_owned(),
    }
}

/// Whether the node must match at least one word.
pub(crate) fn mandatory(node: &Node) -> bool {
    match node {
        Node::Word(_) | Node::Prefix(_) | Node::Suffix(_) | Node::Class { .. } => true,
        Node::Seq(items) => items.iter().any(mandatory),
        Node::Alt(alternatives) => alternatives.iter().all(mandatory),
        Node::Opt(_) | Node::Gap(_) | Node::Start | Node::End => false,
    }
}

/// A sequence up to `close` (or the end), with alternatives split on `|` inside a group.
fn sequence(
    pattern: &str,
    tokens: &[(usize, Token<'_>)],
    at: &mut usize,
    close: Option<char>,
) -> Result<Node, SyntaxError> {
    let start_offset = tokens.get(*at).map_or(pattern.len(), |(o, _)| *o);
    let mut alternatives: Vec<Node> = Vec::new();
    let mut items: Vec<Node> = Vec::new();
    loop {
        let Some((offset, token)) = tokens.get(*at) else {
            if let Some(c) = close {
                let open = if c == ')' { '(' } else { '[' };
                return Err(error(
                    start_offset.saturating_sub(1),
                    format!("unclosed `{open}`"),
                ));
            }
            break;
        };
        let offset = *offset;
        match token {
            Token::Close(c) => {
                if close != Some(*c) {
                    return Err(error(offset, format!("unexpected `{c}`")));
                }
                break;
            }
            Token::Bar => {
                if close.is_none() {
                    return Err(error(offset, "`|` outside `( … )` or `[ … ]`"));
                }
                if items.is_empty() {
                    return Err(error(offset, "empty alternative"));
                }
                alternatives.push(Node::Seq(std::mem::take(&mut items)));
                *at += 1;
            }
            Token::Open(c) => {
                *at += 1;
                let want = if *c == '(' { ')' } else { ']' };
                let inner = sequence(pattern, tokens, at, Some(want))?;
                *at += 1;
                if *c == '[' {
                    items.push(Node::Opt(Box::new(inner)));
                } else {
                    items.push(inner);
                }
            }
            Token::Text(text) => {
                items.push(item(text, offset)?);
                *at += 1;
            }
        }
    }
    if items.is_empty() {
        return Err(error(start_offset, "empty group"));
    }
    if alternatives.is_empty() {
        Ok(flatten(items))
    } else {
        alternatives.push(Node::Seq(items));
        Ok(Node::Alt(alternatives))
    }
}

fn flatten(mut items: Vec<Node>) -> Node {
    if items.len() == 1 {
        if let Some(only) = items.pop() {
            return only;
        }
    }
    Node::Seq(items)
}

/// One word, prefix, class or gap.
fn item(text: &str, offset: usize) -> Result<Node, SyntaxError> {
    match text {
        "^" => return Ok(Node::Start),
        "$" => return Ok(Node::End),
        _ => {}
    }
    if let Some(inner) = text.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
        let (name, forms) = inner.split_once(':').unwrap_or((inner, ""));
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(error(
                offset,
                format!("`{text}`: a class name is lowercase letters, digits and `-`"),
            ));
        }
        return Ok(Node::Class {
            name: name.to_owned(),
            forms: forms.to_owned(),
            at: offset,
        });
    }
    if let Some(n) = text.strip_prefix('~') {
        let n: u8 = if n.is_empty() {
            3
        } else {
            n.parse()
                .map_err(|_| error(offset, format!("`{text}`: a gap is `~` or `~N`")))?
        };
        if n == 0 || n > MAX_GAP {
            return Err(error(
                offset,
                format!("`{text}`: a gap spans 1 to {MAX_GAP} words"),
            ));
        }
        return Ok(Node::Gap(n));
    }
    if let Some(c) = text
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '*')))
    {
        return Err(error(
            offset,
            format!("`{text}` has a character `{c}` the rule syntax does not allow"),
        ));
    }
    if let Some(stem) = text.strip_suffix('*') {
        let canonical = text::normalize(stem);
        if stem.contains('*') || canonical.contains(' ') || canonical.chars().count() < 3 {
            return Err(error(
                offset,
                format!("`{text}`: a prefix is one word of at least three letters before `*`"),
            ));
        }
        return Ok(Node::Prefix(canonical));
    }
    if let Some(tail) = text.strip_prefix('*') {
        let canonical = text::normalize(tail);
        if tail.contains('*') || canonical.contains(' ') || canonical.chars().count() < 4 {
            return Err(error(
                offset,
                format!("`{text}`: a suffix is one word of at least four letters after `*`"),
            ));
        }
        return Ok(Node::Suffix(canonical));
    }
    if text.contains('*') {
        return Err(error(
            offset,
            format!("`{text}`: `*` may only begin or end a word"),
        ));
    }
    let canonical = text::normalize(text);
    let mut words: Vec<Node> = canonical
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| Node::Word(w.to_owned()))
        .collect();
    match words.len() {
        0 => Err(error(offset, format!("`{text}` has no letters"))),
        1 => Ok(words.pop().unwrap_or(Node::Seq(Vec::new()))),
        _ => Ok(Node::Seq(words)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Node {
        Node::Word(s.to_owned())
    }

    #[test]
    fn sequences_alternatives_options_gaps() {
        assert_eq!(
            parse("(ti | vi) ammazzo").unwrap(),
            Node::Seq(vec![
                Node::Alt(vec![Node::Seq(vec![w("ti")]), Node::Seq(vec![w("vi")])]),
                w("ammazzo"),
            ])
        );
        assert_eq!(
            parse("[proprio] un ~2 Perché").unwrap(),
            Node::Seq(vec![
                Node::Opt(Box::new(w("proprio"))),
                w("un"),
                Node::Gap(2),
                w("perche"),
            ])
        );
        assert_eq!(
            parse("^ pecora $").unwrap(),
            Node::Seq(vec![Node::Start, w("pecora"), Node::End])
        );
        assert!(parse("^ $").is_err());
        assert_eq!(parse("l'ha").unwrap(), Node::Seq(vec![w("l"), w("ha")]));
        assert_eq!(parse("immigrat*").unwrap(), Node::Prefix("immigrat".into()));
        assert_eq!(parse("*merda").unwrap(), Node::Suffix("merda".into()));
        assert!(matches!(
            parse("<harm:inf+you>").unwrap(),
            Node::Class { ref name, ref forms, at: 0 } if name == "harm" && forms == "inf+you"
        ));
        assert_eq!(
            parse("~").unwrap_err().message,
            "a pattern needs at least one item that is not optional"
        );
    }

    #[test]
    fn errors_point_at_the_offending_byte() {
        for (pattern, offset) in [
            ("ti (vi ammazzo", 3),
            ("ti vi) ammazzo", 5),
            ("a | b", 2),
            ("a ( | b)", 4),
            ("a ~9", 2),
            ("a <Harm>", 2),
            ("a <harm", 2),
            ("a b{", 2),
            ("a st*r", 2),
            ("a ab*", 2),
            ("a []", 3),
            ("scherz(o|i) della", 6),
        ] {
            let e = parse(pattern).unwrap_err();
            assert_eq!(e.offset, offset, "{pattern}: {e:?}");
        }
    }
}
