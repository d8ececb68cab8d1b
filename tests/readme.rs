//! Every TOML block of the README loads, so the documented format cannot drift from the
//! loader.
//!
//! A block fenced as plain ```` ```toml ```` is a whole policy file and must load by itself. A
//! block fenced as ```` ```toml,preset=ID ```` is an edit of that preset's source, as the
//! policy-authoring guide makes them: it is applied to the preset (an entry of an array of
//! tables, `[[category]]` or `[[reply]]` say, replaces the preset's entry with the same `id` (and
//! `lang`), or `name` for a `[[class]]`, and is added when there is none; the keys of a table are set one
//! by one) and the result must load. A block fenced as ```` ```toml,fragment ```` would be
//! shown for its syntax alone and is skipped: a piece of a file that cannot load on its own
//! and edits no preset. Each failure names the block's line and first line, and the error.

use galateo::{Decision, Kind, Moderator, Policy};
use toml::{Table, Value};

const README: &str = include_str!("../README.md");

/// A fenced code block: the line of its opening fence, its info string, its text (without
/// the indentation of a block inside a list item) and that indentation.
struct Block {
    line: usize,
    info: String,
    text: String,
    indent: usize,
}

impl Block {
    fn tokens(&self) -> impl Iterator<Item = &str> {
        self.info
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|t| !t.is_empty())
    }

    fn is_toml(&self) -> bool {
        self.tokens().next() == Some("toml")
    }

    fn is_fragment(&self) -> bool {
        self.tokens().any(|t| t == "fragment")
    }

    fn preset(&self) -> Option<&str> {
        self.tokens().find_map(|t| t.strip_prefix("preset="))
    }

    fn first_line(&self) -> &str {
        self.text.lines().next().unwrap_or("")
    }
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_start();
        match (&mut open, trimmed.strip_prefix("```")) {
            (None, Some(info)) => {
                open = Some(Block {
                    line: i + 1,
                    info: info.trim().to_owned(),
                    text: String::new(),
                    indent: line.len() - trimmed.len(),
                })
            }
            (Some(_), Some(rest)) if rest.trim().is_empty() => out.extend(open.take()),
            (Some(block), _) => {
                let spaces = line.len() - line.trim_start_matches(' ').len();
                block.text.push_str(&line[spaces.min(block.indent)..]);
                block.text.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "README.md: a code block is never closed");
    out
}

/// The key that identifies an entry of an array of tables.
fn entry_key(entry: &Value) -> Option<(&Value, Option<&Value>)> {
    let table = entry.as_table()?;
    // A `[[reply]]` has one entry per language: the language is part of its key.
    let id = table.get("id").or_else(|| table.get("name"))?;
    Some((id, table.get("lang")))
}

/// Applies `edits` to `base` as a person editing the file would.
fn apply(base: &mut Table, edits: Table) {
    for (key, value) in edits {
        match (base.get_mut(&key), value) {
            (Some(Value::Table(old)), Value::Table(new)) => apply(old, new),
            (Some(Value::Array(old)), Value::Array(new))
                if new.iter().all(Value::is_table) && old.iter().all(Value::is_table) =>
            {
                for entry in new {
                    let same = old
                        .iter_mut()
                        .find(|o| entry_key(o).is_some() && entry_key(o) == entry_key(&entry));
                    match same {
                        Some(slot) => *slot = entry,
                        None => old.push(entry),
                    }
                }
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// The policy file a block stands for, or why there is none.
fn source(block: &Block) -> Result<String, String> {
    let Some(id) = block.preset() else {
        return Ok(block.text.clone());
    };
    let preset = Policy::preset_source(id).ok_or_else(|| format!("unknown preset `{id}`"))?;
    let mut file: Table = preset.parse().map_err(|e| format!("preset `{id}`: {e}"))?;
    let edits: Table = block.text.parse().map_err(|e| format!("not TOML: {e}"))?;
    apply(&mut file, edits);
    toml::to_string(&file).map_err(|e| format!("cannot write the edited preset: {e}"))
}

#[test]
fn every_toml_block_loads() {
    let all = blocks(README);
    let toml: Vec<&Block> = all
        .iter()
        .filter(|b| b.is_toml() && !b.is_fragment())
        .collect();
    assert!(
        toml.iter().any(|b| b.preset().is_none()),
        "README.md has no complete policy example"
    );
    let mut failures = Vec::new();
    for block in &toml {
        let loaded =
            source(block).and_then(|text| Policy::from_toml_str(&text).map_err(|e| e.to_string()));
        if let Err(error) = loaded {
            let lines = match block.preset() {
                Some(id) => format!("lines of `{id}` as edited"),
                None => "lines counted from the block's first".to_owned(),
            };
            failures.push(format!(
                "README.md:{}: the block beginning `{}` ({lines}):\n{error}",
                block.line,
                block.first_line()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The guide's edits, all made to one copy of the preset, load together and do what the guide
/// says they do.
#[test]
fn the_guide_edits_do_what_it_says() {
    let edits: Vec<Block> = blocks(README)
        .into_iter()
        .filter(|b| b.is_toml() && b.preset() == Some("comune-livorno"))
        .collect();
    assert!(edits.len() >= 4, "the guide's edits are missing");
    let mut file: Table = Policy::preset_source("comune-livorno")
        .unwrap()
        .parse()
        .unwrap();
    for block in edits {
        apply(&mut file, block.text.parse().unwrap());
    }
    let policy = Policy::from_toml_str(&toml::to_string(&file).unwrap()).unwrap();
    let moderator = Moderator::new(policy);

    let verdict = moderator.classify("Condividete prima che lo cancellino: l'acqua è avvelenata!");
    assert_eq!(verdict.decision(), Decision::Review, "{verdict}");
    assert_eq!(verdict.findings()[0].kind(), Kind::Misinformation);

    let verdict = moderator.classify("Avanti lista civica, mi raccomando");
    assert_eq!(verdict.decision(), Decision::Hide, "{verdict}");
    assert_eq!(verdict.findings()[0].rule(), "rule/slogan-lista-locale");

    let verdict = moderator.classify("domani bruciamo il museo fattori");
    assert_eq!(verdict.decision(), Decision::Remove, "{verdict}");
    assert_eq!(verdict.findings()[0].kind(), Kind::Threat);

    let verdict = moderator.classify("in via Grande ci sono topi e zoccole ovunque");
    assert_eq!(verdict.decision(), Decision::Publish, "{verdict}");
    assert!(!verdict.cancelled().is_empty());
    let verdict = moderator.classify("sei una zoccola");
    assert_eq!(verdict.decision(), Decision::Hide, "{verdict}");

    let verdict = moderator.classify("assessore idiota");
    assert!(verdict.reply().unwrap().contains("urp@comune.livorno.it"));
}
