//! Hostile policy files load (or fail) in bounded time and memory.
//!
//! Each file is generated here and sized so that an implementation doing quadratic or
//! exponential work on it would hang or run out of memory: none of these tests times itself,
//! but each must finish in a moment even in a debug build.

use galateo::{Policy, PolicyError, Problem};

/// A valid policy head: contact `urp`, clause `insulti`; 16 lines.
const PREFIX: &str = r#"format = 1
[policy]
id = "test"
name = "Test"
institution = "Comune di Prova"
owner = "Ufficio Comunicazione"
version = "1"
clauses = ["insulti"]
[[contact]]
id = "urp"
purpose = "complaints"
name = "URP"
[[clause]]
id = "insulti"
section = "Regole"
text = "Non saranno tollerati insulti."
"#;

/// The problems of a file that must not load.
fn failing(source: &str) -> Vec<Problem> {
    match Policy::from_toml_str(source) {
        Ok(_) => panic!("a hostile file loaded"),
        Err(err @ PolicyError::Invalid { .. }) => err.problems().to_vec(),
        Err(other) => panic!("unexpected error: {other}"),
    }
}

/// A category head enforcing clause `insulti`, ready for a `terms` line.
fn category(id: &str) -> String {
    format!(
        "[[category]]\nid = \"{id}\"\nlabel = \"X\"\nstance = \"forbidden\"\nkinds = [\"insult\"]\nclause = \"insulti\"\n"
    )
}

/// Nine groups of two alternatives: 512 forms, the most one term may have.
const GROUPS: &str = "(a|b)(c|d)(e|f)(g|h)(i|j)(k|l)(m|n)(o|p)(q|r)";

/// Every message is one line of readable size, whatever the size of the values it quotes.
fn assert_short(problems: &[Problem]) {
    for p in problems {
        let shown = p.to_string();
        assert!(
            shown.len() < 400,
            "a problem quotes too much: {}",
            shown.len()
        );
        assert!(!shown.contains('\n'), "a problem spans lines: {shown}");
    }
}

#[test]
fn a_term_is_counted_before_its_alternatives_are_multiplied_out() {
    // 512 forms, thousands of plain words, then 512 forms again with inflection: multiplying
    // out first would build over a million phrases of 35 KB each.
    let term = format!("{GROUPS} {}{GROUPS}o+", "parola ".repeat(5_000));
    let source = format!("{PREFIX}{}terms = [\"{term}\"]\n", category("lunga"));
    assert!(source.len() > 30_000);
    let problems = failing(&source);
    assert_short(&problems);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = &problems[0];
    assert_eq!(p.field(), "category[0].terms[0]");
    assert!(
        p.message().contains("expands to more than 512 forms"),
        "{p}"
    );
    assert_eq!((p.line(), p.column()), (23, 10));
}

#[test]
fn one_group_of_many_alternatives_is_counted_before_it_is_expanded() {
    // 511 forms, then a group of 4,000 alternatives in the same word.
    let many: Vec<String> = (0..4_000).map(|i| format!("x{i}")).collect();
    let term = format!(
        "(a|b)(c|d)(e|f)(g|h)(i|j)(k|l)(m|n)(o|p)({})",
        many.join("|")
    );
    let source = format!("{PREFIX}{}terms = [\"{term}\"]\n", category("gruppo"));
    let problems = failing(&source);
    assert_short(&problems);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message().contains("more than 512 forms"));
}

#[test]
fn a_policy_of_many_large_terms_stops_at_its_form_limit() {
    // 36 KB of terms of 512 forms each: well past the policy's 200,000 forms.
    let terms: Vec<String> = (0..760).map(|_| format!("\"{GROUPS}\"")).collect();
    let source = format!(
        "{PREFIX}{}terms = [\n{}\n]\n",
        category("tante"),
        terms.join(",\n")
    );
    assert!(source.len() > 36_000);
    let problems = failing(&source);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = &problems[0];
    assert!(
        p.message()
            .contains("the policy's terms expand to more than 200000 forms"),
        "{p}"
    );
    // The term that crosses the limit is the one pointed at: 390 terms of 512 forms fit.
    assert_eq!(p.field(), "category[0].terms[390]");
}

#[test]
fn two_very_long_names_get_no_hint() {
    // An unknown clause one letter away from a clause id, both 40,000 characters long: the
    // table of their edit distance would take 1.6 billion cells.
    let id = "a".repeat(40_000);
    let near = format!("{}b", "a".repeat(39_999));
    let source = format!(
        "{PREFIX}[[clause]]\nid = \"{id}\"\nsection = \"S\"\ntext = \"T\"\nnot-checkable = \"why\"\n{}",
        category("lunghi").replace("clause = \"insulti\"", &format!("clause = \"{near}\""))
    );
    assert!(source.len() > 80_000);
    let problems = failing(&source);
    assert_short(&problems);
    let unknown = problems
        .iter()
        .find(|p| p.field() == "category[0].clause")
        .unwrap_or_else(|| panic!("{problems:?}"));
    assert!(
        unknown.message().starts_with("unknown clause `aaaa"),
        "{unknown}"
    );
    assert_eq!(unknown.hint(), None);
}

#[test]
fn a_huge_time_zone_is_rejected_without_a_hint() {
    let source = format!(
        "{PREFIX}[schedule]\ntime-zone = \"Europe/R{}\"\n",
        "o".repeat(1_000_000)
    );
    let problems = failing(&source);
    assert_short(&problems);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = &problems[0];
    assert_eq!(p.field(), "schedule.time-zone");
    assert_eq!((p.line(), p.column()), (18, 13));
    assert!(p.message().contains("too long"), "{p}");
    assert_eq!(p.hint(), None);
}

#[test]
fn sixteen_thousand_problems_are_placed_in_linear_time() {
    // A megabyte of unknown kinds, one a line: finding each line by scanning from the start
    // of the file would read 8 GB.
    let padding = "#".repeat(55);
    let mut kinds = String::new();
    for _ in 0..16_000 {
        kinds.push_str(&format!("  \"nope\", {padding}\n"));
    }
    let head = category("tanti").replace("kinds = [\"insult\"]\n", "");
    let source = format!("{PREFIX}{head}kinds = [\n{kinds}]\n");
    assert!(source.len() > 1_000_000);
    let problems = failing(&source);
    assert_eq!(problems.len(), 16_000);
    let first = head.lines().count() + PREFIX.lines().count() + 2;
    for (i, p) in problems.iter().enumerate() {
        assert_eq!(p.field(), format!("category[0].kinds[{i}]"));
        assert_eq!((p.line(), p.column()), (first + i, 3), "{p}");
    }
}

#[test]
fn sixteen_thousand_unknown_keys_are_removed_in_one_pass() {
    let mut keys = String::new();
    for i in 0..16_000 {
        keys.push_str(&format!("extra-{i} = {i}\n"));
    }
    let source = format!("{PREFIX}[[reply]]\nid = \"a\"\n{keys}text = 3\n");
    let problems = failing(&source);
    assert_eq!(problems.len(), 16_001);
    assert!(
        problems[..16_000]
            .iter()
            .all(|p| p.message().starts_with("unknown key `extra-"))
    );
    let wrong = &problems[16_000];
    assert_eq!(wrong.field(), "reply[0].text");
    assert_eq!(wrong.message(), "expected a string, found the integer `3`");
}

#[test]
fn sixteen_thousand_syntax_errors_are_named_in_linear_time() {
    let mut lines = String::new();
    for i in 0..16_000 {
        lines.push_str(&format!("bad-{i} = nope\n"));
    }
    let source = format!("{PREFIX}[[reply]]\nid = \"a\"\ntext = \"x\"\n{lines}");
    let problems = failing(&source);
    assert_eq!(problems.len(), 16_000);
    let last = &problems[15_999];
    assert_eq!(last.field(), "reply[0].bad-15999");
    assert_eq!((last.line(), last.column()), (16_019, 13));
}

#[test]
fn nesting_errors_point_at_the_offending_key_or_value() {
    let deep_key: Vec<String> = (0..100).map(|i| format!("k{i}")).collect();
    let source = format!("{PREFIX}[lexicon]\n{} = 1\n", deep_key.join("."));
    let problems = failing(&source);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].line(), problems[0].column()), (18, 1));
    assert!(
        problems[0].message().contains("nested"),
        "{:?}",
        problems[0]
    );

    let source = format!("{PREFIX}[{}]\n", deep_key.join("."));
    let problems = failing(&source);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].line(), problems[0].column()), (17, 2));

    let source = format!(
        "{PREFIX}[lexicon]\nallow = {}\"x\"{}\n",
        "[".repeat(100),
        "]".repeat(100)
    );
    let problems = failing(&source);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = &problems[0];
    assert_eq!(p.field(), "lexicon.allow");
    assert_eq!(p.line(), 18);
    assert!(p.message().contains("nested"), "{p}");
}

#[test]
fn sixteen_thousand_overlapping_windows_make_one_problem_each() {
    // Each window overlaps every one before it: one problem per pair would be 128 million.
    let mut windows = String::new();
    for _ in 0..16_000 {
        windows.push_str(
            "[[schedule.window]]\ndays = [\"mon\", \"tue\"]\nstart = \"09:00\"\nend = \"14:00\"\n",
        );
    }
    let source = format!("{PREFIX}[schedule]\ntime-zone = \"Europe/Rome\"\n{windows}");
    let problems = failing(&source);
    assert_eq!(problems.len(), 15_999);
    assert!(problems.iter().enumerate().all(|(i, p)| {
        p.field() == format!("schedule.window[{}].start", i + 1)
            && p.message() == "window overlaps `schedule.window[0]` on `mon`"
    }));
}

#[test]
fn too_many_rules_and_too_long_patterns_are_refused() {
    let mut many = format!("{PREFIX}{}", category("insulti"));
    for i in 0..5_001 {
        many.push_str(&format!(
            "[[rule]]\nid = \"r{i}\"\nkind = \"insult\"\npattern = \"sei un pirla{i}\"\n"
        ));
    }
    let problems = failing(&many);
    assert_short(&problems);
    assert!(
        problems
            .iter()
            .any(|p| p.field() == "rule[5000]" && p.message().contains("at most 5000 rules")),
        "{problems:?}"
    );

    let long = format!(
        "{PREFIX}{}[[rule]]\nid = \"lungo\"\nkind = \"insult\"\npattern = \"{}\"\n",
        category("insulti"),
        "parola ".repeat(400)
    );
    let problems = failing(&long);
    assert!(
        problems
            .iter()
            .any(|p| p.field() == "rule[0].pattern" && p.message().contains("longer than 2000")),
        "{problems:?}"
    );
}
