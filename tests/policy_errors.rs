//! Data-driven policy-loading errors: every case in `data/policy-errors.toml` must fail with
//! exactly its listed problems. All failures are collected and reported together.

use serde::Deserialize;

#[derive(Deserialize)]
struct Suite {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default = "yes")]
    prefix: bool,
    policy: String,
    expect: Vec<Expect>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    line: usize,
    column: usize,
    field: String,
    message: String,
    /// Absent: not checked; empty string: no hint expected.
    hint: Option<String>,
}

fn yes() -> bool {
    true
}

/// A valid policy head: 16 lines, so a case's first line is line 17 of the file.
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

#[test]
fn policy_loading_errors() {
    let suite: Suite = toml::from_str(include_str!("data/policy-errors.toml")).unwrap();
    assert_eq!(PREFIX.lines().count(), 16);
    let mut failures = Vec::new();
    for case in &suite.case {
        let source = if case.prefix {
            format!("{PREFIX}{}", case.policy)
        } else {
            case.policy.clone()
        };
        // Case files number a case's lines from 15, as if the prefix were 14 lines long.
        let shift = if case.prefix { 2 } else { 0 };
        let problems = match galateo::Policy::from_toml_str(&source) {
            Ok(_) => {
                failures.push(format!(
                    "{}: loaded, expected {} problems",
                    case.name,
                    case.expect.len()
                ));
                continue;
            }
            Err(err) => err.problems().to_vec(),
        };
        let listing = problems
            .iter()
            .map(|p| format!("    {p}"))
            .collect::<Vec<_>>()
            .join("\n");
        if problems.len() != case.expect.len() {
            failures.push(format!(
                "{}: expected {} problems, got {}:\n{listing}",
                case.name,
                case.expect.len(),
                problems.len()
            ));
            continue;
        }
        for (got, want) in problems.iter().zip(&case.expect) {
            let hint_ok = match &want.hint {
                None => true,
                Some(h) if h.is_empty() => {
                    got.hint().is_none() || want.message.contains("did you mean")
                }
                Some(h) => got.hint() == Some(h.as_str()),
            };
            let ok = got.line() == want.line + shift
                && got.column() == want.column
                && got.field() == want.field
                && got.message().contains(&want.message)
                && hint_ok;
            if !ok {
                failures.push(format!(
                    "{}: expected {}:{} `{}` {:?} hint {:?}\n  got {got}",
                    case.name,
                    want.line + shift,
                    want.column,
                    want.field,
                    want.message,
                    want.hint
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing policy-error cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Words of the Rust side of loading that must never reach a message: type names, serde's
/// vocabulary, the crate's internal structs.
const RUST_WORDS: &[&str] = &[
    "i64", "u64", "u32", "usize", "sequence", "map", "struct", "enum", "Spanned",
];

/// Whether `message` names a Rust type (`i64`, `sequence`, `struct RawCategory`, …).
fn speaks_rust(message: &str) -> bool {
    message
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| RUST_WORDS.contains(&word) || word.starts_with("Raw"))
}

#[test]
fn messages_speak_toml_not_rust() {
    assert!(speaks_rust("wrong type: map, expected a sequence"));
    assert!(speaks_rust(
        "invalid type: string, expected struct RawCategory"
    ));
    assert!(!speaks_rust("expected an array of strings, found a table"));
    let suite: Suite = toml::from_str(include_str!("data/policy-errors.toml")).unwrap();
    let mut rust = Vec::new();
    for case in &suite.case {
        let source = if case.prefix {
            format!("{PREFIX}{}", case.policy)
        } else {
            case.policy.clone()
        };
        if let Err(err) = galateo::Policy::from_toml_str(&source) {
            for p in err.problems() {
                assert!(!p.message().contains('\n'), "{}: {p}", case.name);
                if speaks_rust(p.message()) {
                    rust.push(format!("{}: {p}", case.name));
                }
            }
        }
    }
    assert!(
        rust.is_empty(),
        "messages naming Rust types:\n{}",
        rust.join("\n")
    );
}

#[test]
fn error_display_lists_every_problem_with_origin() {
    let err =
        galateo::Policy::from_toml_str("format = 1\n[policy]\nid = \"x\"\nnmae = 1\n").unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("invalid policy `<string>`: "), "{text}");
    assert!(
        text.contains("<string>:4:1: `policy.nmae`: unknown key `nmae` (did you mean `name`?)"),
        "{text}"
    );
    assert!(!text.ends_with('.'));
}

#[test]
fn reading_a_missing_file_names_it() {
    let err = galateo::Policy::from_path("no/such/policy.toml").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("cannot read policy file `no/such/policy.toml`"),
        "{err}"
    );
}

/// The warnings of `source` (the valid head above and then `rest`), which must load.
fn warnings(rest: &str) -> Vec<galateo::Problem> {
    let source = format!("{PREFIX}{rest}");
    match galateo::Policy::from_toml_str(&source) {
        Ok(policy) => policy.warnings().to_vec(),
        Err(err) => panic!("{err}"),
    }
}

/// A forbidden category enforcing `insulti` with `kinds` and the lines after.
fn forbidden(id: &str, kinds: &str, more: &str) -> String {
    format!(
        "[[category]]\nid = \"{id}\"\nlabel = \"X\"\nstance = \"forbidden\"\nkinds = {kinds}\nclause = \"insulti\"\n{more}"
    )
}

#[test]
fn a_forbidden_category_nothing_can_trigger_is_a_warning() {
    // Every kind has a shipped recognizer but `unidentified-author`, which needs
    // `[identity] require = "real-name"`.
    let w = warnings(&forbidden("anonimi", "[\"unidentified-author\"]", ""));
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].field(), "category[0]");
    assert_eq!((w[0].line(), w[0].column()), (18, 6));
    assert!(
        w[0].message()
            .starts_with("nothing can trigger category `anonimi`"),
        "{}",
        w[0]
    );
    // Terms of its own, a rule of its kind, or a kind a shipped recognizer reports: no warning.
    assert!(
        warnings(&forbidden(
            "anonimi",
            "[\"unidentified-author\"]",
            "terms = [\"profilo falso\"]\n"
        ))
        .is_empty()
    );
    let rule =
        "[[rule]]\nid = \"anonimo\"\nkind = \"unidentified-author\"\npattern = \"sono anonimo\"\n";
    assert!(
        warnings(&format!(
            "{}{rule}",
            forbidden("anonimi", "[\"unidentified-author\"]", "")
        ))
        .is_empty()
    );
    for kind in ["misinformation", "defamation", "copyright", "emergency"] {
        let w = warnings(&forbidden("x", &format!("[\"{kind}\"]"), ""));
        assert!(w.is_empty(), "{kind}: {w:?}");
    }
}

#[test]
fn an_unidentified_author_category_needs_real_names_required() {
    let category = forbidden("anonimi", "[\"unidentified-author\"]", "");
    let w = warnings(&category);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].message()
            .contains("`[identity] require = \"real-name\"`"),
        "{}",
        w[0]
    );
    let identity = "[identity]\nclause = \"insulti\"\nrequire = \"real-name\"\n";
    assert!(warnings(&format!("{category}{identity}")).is_empty());
}

#[test]
fn a_reply_nothing_uses_is_a_warning() {
    let reply = "[[reply]]\nid = \"grazie\"\ntext = \"Grazie.\"\n";
    let w = warnings(reply);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].field(), "reply[0]");
    assert_eq!((w[0].line(), w[0].column()), (18, 6));
    assert!(w[0].message().starts_with("reply `grazie` is never shown"));
    let own = "[privacy]\nclause = \"insulti\"\nown-reply = \"grazie\"\n";
    assert!(warnings(&format!("{reply}{own}")).is_empty());
    let used = forbidden("offese", "[\"insult\"]", "reply = \"grazie\"\n");
    assert!(warnings(&format!("{used}{reply}")).is_empty());
}

#[test]
fn an_allowed_category_that_protects_nothing_is_a_warning() {
    let allowed = |more: &str| {
        format!(
            "[[category]]\nid = \"critica\"\nlabel = \"Critica\"\nstance = \"allowed\"\nclause = \"insulti\"\nterms = [\"vergogna\"]\n{more}"
        )
    };
    // It shields insults and vulgarity by default, and no category forbids them.
    let w = warnings(&allowed(""));
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].field(), "category[0]");
    assert!(
        w[0].message()
            .starts_with("category `critica` protects nothing"),
        "{}",
        w[0]
    );
    let insults = forbidden("offese", "[\"insult\"]", "");
    assert!(warnings(&format!("{}{insults}", allowed(""))).is_empty());
    // An explicit kind no category forbids is pointed at.
    let w = warnings(&format!(
        "{}{insults}",
        allowed("protects = [\"insult\", \"threat\"]\n")
    ));
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].field(), "category[0].protects[1]");
    assert_eq!((w[0].line(), w[0].column()), (23, 23));
    assert!(
        w[0].message().contains("protects `threat` for nothing"),
        "{}",
        w[0]
    );
}

#[test]
fn warnings_do_not_make_a_reloaded_policy_unequal() {
    let source = format!("{PREFIX}\n\n[[reply]]\nid = \"grazie\"\ntext = \"Grazie.\"\n");
    let policy = galateo::Policy::from_toml_str(&source).unwrap();
    let again = galateo::Policy::from_toml_str(&policy.to_toml()).unwrap();
    assert_eq!(again, policy);
    assert_eq!(again.warnings().len(), 1);
    assert_ne!(again.warnings()[0].line(), policy.warnings()[0].line());
}

/// The shipped presets' warnings, printed (`cargo test --test policy_errors -- --nocapture`)
/// for whoever edits them; each names a place in the preset.
#[test]
fn preset_warnings_are_listed() {
    for id in galateo::Policy::presets() {
        let policy = galateo::Policy::preset(id).unwrap();
        let source = galateo::Policy::preset_source(id).unwrap();
        println!("{id}: {} warnings", policy.warnings().len());
        for w in policy.warnings() {
            println!("  {w}");
            assert!(
                w.line() <= source.lines().count() && !w.field().is_empty(),
                "{w}"
            );
        }
    }
}
