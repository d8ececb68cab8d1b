//! The `moderate` example's command-line contract, run as a user runs it.
//!
//! `cargo test` builds the examples next to the test binaries, so the program is found from
//! this test's own path (`target/<profile>/deps/cli-…` → `target/<profile>/examples/moderate`).

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test helpers: a panic is a failing test"
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn program() -> std::path::PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().unwrap().parent().unwrap();
    let name = format!("moderate{}", std::env::consts::EXE_SUFFIX);
    profile_dir.join("examples").join(name)
}

fn run(args: &[&str], input: Option<&str>) -> Output {
    let mut command = Command::new(program());
    command
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = command.spawn().unwrap();
    if let Some(input) = input {
        // A program that rejects its arguments exits without reading: a broken pipe here is
        // its answer, not a failure of the test.
        let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    }
    child.wait_with_output().unwrap()
}

fn lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn with_no_input_it_moderates_the_bundled_sample() {
    let output = run(&[], None);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let sample = include_str!("../examples/data/comments.jsonl");
    let out = lines(&output);
    assert_eq!(
        out.len(),
        sample.lines().filter(|l| !l.trim().is_empty()).count()
    );
    for (verdict, line) in out.iter().zip(sample.lines()) {
        let input: Value = serde_json::from_str(line).unwrap();
        assert_eq!(verdict["id"], input["id"]);
        let keys: Vec<&str> = verdict
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "id",
                "decision",
                "findings",
                "redacted",
                "reply",
                "staffed",
                "review_by",
                "sanction",
                "policy",
                "cancelled"
            ]
        );
        assert_eq!(verdict["policy"]["id"], "comune-livorno");
        for f in verdict["findings"].as_array().unwrap() {
            let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(
                keys,
                [
                    "kind", "category", "rule", "start", "end", "excerpt", "clause", "severity",
                    "ground", "label"
                ]
            );
        }
        let text = input["text"].as_str().unwrap();
        for f in verdict["findings"].as_array().unwrap() {
            let (start, end) = (
                f["start"].as_u64().unwrap() as usize,
                f["end"].as_u64().unwrap() as usize,
            );
            if start < end {
                assert_eq!(&text[start..end], f["excerpt"].as_str().unwrap());
            }
        }
    }
    let decisions: Vec<&str> = out
        .iter()
        .map(|v| v["decision"].as_str().unwrap())
        .collect();
    for decision in ["publish", "review", "hide", "remove"] {
        assert!(
            decisions.contains(&decision),
            "the sample shows no `{decision}`"
        );
    }
}

#[test]
fn a_bad_line_is_reported_in_place_and_the_rest_processed() {
    let input = "{\"id\": 1, \"text\": \"grazie\"}\nnot json\n{\"id\": 3}\n{\"id\": 4, \"text\": 7}\n{\"id\": 5, \"text\": \"sindaco coglione\"}\n\n";
    let output = run(&["-"], Some(input));
    assert_eq!(output.status.code(), Some(1));
    let out = lines(&output);
    assert_eq!(out.len(), 6);
    assert_eq!(out[0]["decision"], "publish");
    assert_eq!(out[1]["line"], 2);
    assert!(
        out[1]["error"]
            .as_str()
            .unwrap()
            .starts_with("invalid JSON")
    );
    assert_eq!(out[2]["error"], "missing `text`");
    assert_eq!(out[3]["error"], "`text` must be a string");
    assert_eq!(out[4]["decision"], "hide");
    assert_eq!(out[5]["line"], 6);
}

#[test]
fn spans_are_byte_offsets_into_the_text() {
    let output = run(
        &[],
        Some("{\"text\": \"perché l'assessore è un idiota\"}\n"),
    );
    let out = lines(&output);
    let f = &out[0]["findings"][0];
    assert_eq!(f["excerpt"], "idiota");
    assert_eq!(f["start"], "perché l'assessore è un ".len());
}

#[test]
fn the_instant_drives_staffed_hours() {
    let line = "{\"text\": \"grazie\"}\n";
    let monday = lines(&run(&["--at", "2026-03-02T10:00:00+01:00"], Some(line)));
    assert_eq!(monday[0]["staffed"], true);
    let sunday = lines(&run(&["--at", "2026-03-08T10:00:00+01:00"], Some(line)));
    assert_eq!(sunday[0]["staffed"], false);
    let own = lines(&run(
        &["--at", "2026-03-08T10:00:00+01:00"],
        Some("{\"text\": \"x\", \"at\": \"2026-03-02T10:00:00+01:00\"}\n"),
    ));
    assert_eq!(own[0]["staffed"], true);
    let conferenza = lines(&run(
        &[
            "--policy",
            "conferenza-stato-citta",
            "--at",
            "2026-03-02T16:00:00+01:00",
        ],
        Some(line),
    ));
    assert_eq!(conferenza[0]["staffed"], true);
}

#[test]
fn authors_share_a_ledger() {
    let mut input = String::new();
    for i in 0..4 {
        input.push_str(&format!(
            "{{\"id\": {i}, \"text\": \"sei un coglione\", \"author\": {{\"id\": \"u1\", \"name\": \"Mario Rossi\"}}, \"at\": \"2026-03-02T10:0{i}:00+01:00\"}}\n"
        ));
    }
    input.push_str("{\"id\": 9, \"text\": \"sei un coglione\", \"author\": {\"id\": \"u2\", \"name\": \"Anna Neri\"}, \"at\": \"2026-03-02T10:09:00+01:00\"}\n");
    let out = lines(&run(&[], Some(&input)));
    let sanctions: Vec<&Value> = out.iter().map(|v| &v["sanction"]).collect();
    assert!(sanctions[..4].iter().any(|s| !s.is_null()), "{sanctions:?}");
    assert!(
        sanctions[4].is_null(),
        "another author's strikes leaked: {sanctions:?}"
    );
}

#[test]
fn a_policy_file_works_and_a_bad_one_names_line_and_column() {
    let dir = std::env::temp_dir().join(format!("galateo-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("livorno.toml");
    std::fs::write(
        &good,
        galateo::Policy::preset_source("comune-livorno").unwrap(),
    )
    .unwrap();
    let out = lines(&run(
        &["--policy", good.to_str().unwrap()],
        Some("{\"text\": \"sindaco coglione\"}\n"),
    ));
    assert_eq!(out[0]["decision"], "hide");

    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "format = 1\n[policy]\nid = \"x\"\nnmae = \"X\"\n").unwrap();
    let output = run(
        &["--policy", bad.to_str().unwrap()],
        Some("{\"text\": \"ciao\"}\n"),
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("bad.toml:4:1: `policy.nmae`: unknown key `nmae` (did you mean `name`?)"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());

    let output = run(&["--policy", "livorno"], Some("{\"text\": \"ciao\"}\n"));
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("unknown preset `livorno`")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn help_goes_to_stdout_with_success() {
    let output = run(&["--help"], None);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.starts_with("usage: moderate"), "{stdout}");
    assert!(output.stderr.is_empty());
    let bad = run(&["--nope"], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown option `--nope`"));
}

#[test]
fn an_appeal_can_read_policy_clause_severity_ground_and_what_was_cancelled() {
    let input = concat!(
        "{\"id\": 1, \"text\": \"siete ridicoli, buffoni\"}\n",
        "{\"id\": 2, \"text\": \"gli ebrei sono feccia\"}\n",
        "{\"id\": 3, \"text\": \"non ti ammazzo, tranquillo\"}\n",
        "{\"id\": 4, \"text\": \"il mio numero è 347 123 4567\"}\n",
    );
    let out = lines(&run(&["-"], Some(input)));
    let policy = galateo::Policy::preset("comune-livorno").unwrap();
    assert_eq!(out[0]["policy"]["version"], policy.meta().version.as_str());

    assert_eq!(out[0]["decision"], "publish");
    let shielded = &out[0]["cancelled"][0];
    assert_eq!(shielded["excerpt"], "buffoni");
    assert_eq!(shielded["reason"], "protected");
    assert_eq!(shielded["protected_by"], "critica");

    let hate = &out[1]["findings"][0];
    assert_eq!(hate["kind"], "discrimination");
    assert_eq!(hate["ground"], "religion");
    assert!(hate["clause"].as_str().is_some_and(|c| !c.is_empty()));
    assert!(["low", "medium", "high"].contains(&hate["severity"].as_str().unwrap()));

    assert_eq!(out[2]["decision"], "publish");
    assert_eq!(out[2]["cancelled"][0]["reason"], "negation");
    assert_eq!(out[2]["cancelled"][0]["protected_by"], Value::Null);

    assert_eq!(out[3]["findings"][0]["label"], "numero di telefono");
}

#[test]
fn a_sanction_in_force_shows_on_every_later_comment() {
    let line = |n: u32| {
        format!(
            "{{\"id\": {n}, \"text\": \"sei un coglione\", \"author\": {{\"id\": \"u1\", \"name\": \"Mario Rossi\"}}, \"at\": \"2026-03-02T10:0{n}:00+01:00\"}}\n"
        )
    };
    let input: String = (1..=6).map(line).collect();
    let out = lines(&run(&["-"], Some(&input)));
    let sanctions: Vec<&Value> = out.iter().map(|v| &v["sanction"]).collect();
    let first = sanctions.iter().position(|s| !s.is_null()).unwrap();
    assert!(first < 5, "{sanctions:?}");
    for s in &sanctions[first..] {
        assert!(
            !s.is_null(),
            "a later comment lost the sanction: {sanctions:?}"
        );
    }
    // An author without an id is moderated, but has no record to sanction.
    let anonymous =
        "{\"text\": \"sei un coglione\", \"author\": {\"name\": \"Mario Rossi\"}}\n".repeat(6);
    let out = lines(&run(&["-"], Some(&anonymous)));
    assert!(
        out.iter()
            .all(|v| v["sanction"].is_null() && v["decision"] == "hide")
    );
}

#[test]
fn the_readme_sample_line_is_what_the_bundled_sample_gives() {
    let readme = include_str!("../README.md");
    let start = readme.find("```json\n").unwrap() + "```json\n".len();
    let shown: Value = serde_json::from_str(readme[start..].lines().next().unwrap()).unwrap();
    let out = lines(&run(&[], None));
    let actual = out.iter().find(|v| v["id"] == shown["id"]).unwrap();
    assert_eq!(&shown, actual);
}

/// Runs the program on raw bytes.
fn run_bytes(input: &[u8]) -> Output {
    let mut child = Command::new(program())
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

#[test]
fn hostile_lines_each_get_an_error_record_and_lose_nothing() {
    let mut input = Vec::new();
    input.extend_from_slice(b"\xEF\xBB\xBF{\"id\": 1, \"text\": \"grazie\"}\r\n");
    input.extend_from_slice(b"{\"id\": 2, \"text\": \"caf\xE9\"}\n");
    input.extend_from_slice(b"{\"id\": 3, \"text\": \"a\x00b\"}\n");
    input.extend_from_slice(b"{\"id\": 4, \"text\": [\"sei un idiota\"]}\n");
    input.extend_from_slice(format!("{}\n", "[".repeat(100_000)).as_bytes());
    input.extend_from_slice(b"{\"id\": 6, \"text\": \"");
    input.extend_from_slice(&vec![b'a'; 9 << 20]);
    input.extend_from_slice(b"\"}\n");
    input.extend_from_slice(b"{\"id\": 7, \"text\": \"sindaco coglione\"}\r\n");
    let output = run_bytes(&input);
    assert_eq!(output.status.code(), Some(1));
    let out = lines(&output);
    assert_eq!(out.len(), 7, "{out:?}");
    assert_eq!(
        out[0]["decision"], "publish",
        "a byte-order mark and CRLF are accepted"
    );
    assert!(out[1]["error"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(out[2]["line"], 3);
    assert_eq!(out[3]["error"], "`text` must be a string");
    assert_eq!(out[4]["line"], 5);
    assert!(out[5]["error"].as_str().unwrap().contains("longer than"));
    assert_eq!(out[6]["decision"], "hide");
}

#[test]
fn each_verdict_is_written_as_soon_as_its_line_is_read() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(program())
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    for (n, text) in ["grazie", "sindaco coglione"].iter().enumerate() {
        writeln!(stdin, "{{\"id\": {n}, \"text\": \"{text}\"}}").unwrap();
        stdin.flush().unwrap();
        // The input stays open: the verdict must arrive without waiting for the end.
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["id"], n);
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn one_tracker_per_run_groups_comments_by_thread() {
    let line = |id: u32, author: &str, thread: &str, text: &str| {
        format!(
            "{{\"id\": {id}, \"text\": \"{text}\", \"author\": {{\"id\": \"{author}\", \"name\": \"Mario Rossi\"}}, \"at\": \"2026-03-02T10:00:{id:02}+01:00\", {thread}}}\n"
        )
    };
    let question = "Quando riaprite il parcheggio di piazza Cavour?";
    let mut input = String::new();
    // The same question twice by one author, the thread given by the post's id.
    input.push_str(&line(
        1,
        "u1",
        "\"post\": {\"id\": \"p1\", \"title\": \"Lavori\"}",
        question,
    ));
    input.push_str(&line(
        2,
        "u1",
        "\"post\": {\"id\": \"p1\", \"title\": \"Lavori\"}",
        question,
    ));
    // Five comments by another author: four in one thread, one in another.
    let texts = [
        "Avete una data?",
        "Nessuno risponde",
        "Siamo a marzo",
        "Ancora niente",
        "E allora?",
    ];
    for (n, text) in texts.iter().enumerate() {
        let thread = if n == 2 {
            "\"thread\": \"t2\""
        } else {
            "\"thread\": \"t1\""
        };
        input.push_str(&line(3 + n as u32, "u2", thread, text));
    }
    // The fifth in `t1`, after one elsewhere: still four in that thread.
    input.push_str(&line(8, "u2", "\"thread\": \"t1\"", "Rispondete"));
    let output = run(&["-"], Some(&input));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let out = lines(&output);
    let rules = |v: &Value| -> Vec<String> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(out[0]["decision"], "publish");
    assert_eq!(out[1]["decision"], "review");
    assert_eq!(rules(&out[1]), ["tracker/duplicate"]);
    let duplicate = &out[1]["findings"][0];
    assert_eq!(
        (&duplicate["kind"], &duplicate["severity"]),
        (&Value::from("spam"), &Value::from("low"))
    );
    for v in &out[2..7] {
        assert_eq!(v["decision"], "publish", "{v}");
    }
    assert_eq!(out[7]["decision"], "review");
    assert_eq!(rules(&out[7]), ["tracker/repeat"]);
    assert_eq!(out[7]["findings"][0]["kind"], "trolling");
}
