//! The `stream` and `report` examples, run as an integrator runs them.
//!
//! `cargo test` builds the examples next to the test binaries, so each program is found from
//! this test's own path (`target/<profile>/deps/tour-…` → `target/<profile>/examples/NAME`).

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test helpers: a panic is a failing test"
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const SAMPLE: &str = include_str!("../examples/data/stream.jsonl");

fn program(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().unwrap().parent().unwrap();
    let name = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    let path = profile_dir.join("examples").join(name);
    assert!(
        path.exists(),
        "{} is not built: run `cargo test`, or `cargo build --examples` first",
        path.display()
    );
    path
}

/// Runs an example; with no `input`, standard input is `/dev/null` and the bundled sample is
/// read.
fn run(name: &str, args: &[&str], input: Option<&str>) -> Output {
    let mut command = Command::new(program(name));
    command
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    let mut child = command.spawn().unwrap();
    if let Some(input) = input {
        // A program that rejects its arguments exits without reading.
        let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    }
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A file name in the temporary directory no other test (or run) uses, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(tag: &str) -> TempFile {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let name = format!("galateo-tour-{}-{n}-{tag}.json", std::process::id());
        TempFile(std::env::temp_dir().join(name))
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn arg(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The output line of comment `id` (lines start with the id).
fn line_of<'a>(out: &'a str, id: &str) -> &'a str {
    out.lines()
        .find(|line| line.split_whitespace().next() == Some(id))
        .unwrap_or_else(|| panic!("no line for `{id}` in:\n{out}"))
}

fn has_sanction(line: &str) -> bool {
    ["warn", "block", "report-platform", "report-authorities"]
        .iter()
        .any(|s| line.contains(s))
}

#[test]
fn stream_state_carries_strikes_over_to_the_next_run() {
    let state = TempFile::new("state");
    let first = run("stream", &["--state", state.arg()], None);
    assert!(first.status.success(), "{}", stderr(&first));
    let first = stdout(&first);
    // One line per comment of the sample, after the header.
    assert_eq!(
        first.lines().count(),
        1 + SAMPLE.lines().filter(|l| !l.trim().is_empty()).count()
    );
    // s04: the author's first hidden comment, one strike: no sanction yet.
    assert!(line_of(&first, "s04").contains(" hide "), "{first}");
    assert!(!has_sanction(line_of(&first, "s04")), "{first}");
    // A threat brings its sanction at once.
    assert!(
        line_of(&first, "s06").contains("report-platform (new)"),
        "{first}"
    );

    let saved: galateo::LedgerState =
        serde_json::from_slice(&std::fs::read(state.path()).unwrap()).unwrap();
    assert!(!saved.is_empty());

    let second = run("stream", &["--state", state.arg()], None);
    assert!(second.status.success(), "{}", stderr(&second));
    let second = stdout(&second);
    // The strike of the first run still counts: the same author is warned now.
    assert!(line_of(&second, "s04").contains("warn (new)"), "{second}");
    // Comments that bring no strike leave authors as they were.
    assert!(!has_sanction(line_of(&second, "s01")), "{second}");

    let saved: galateo::LedgerState =
        serde_json::from_slice(&std::fs::read(state.path()).unwrap()).unwrap();
    assert!(!saved.is_empty());
    // The state is replaced by renaming a file written next to it: none is left behind.
    let file_name = state.path().file_name().unwrap().to_str().unwrap();
    let leftovers: Vec<_> = std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with(&format!(".{file_name}")) && name.ends_with(".tmp")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn stream_reports_a_bad_line_and_moderates_the_rest() {
    let state = TempFile::new("bad-line");
    let input = concat!(
        r#"{"id": "a1", "text": "grazie per la pulizia del parco", "author": {"id": "p1", "name": "Piera Neri"}, "at": "2026-10-12T10:00:00+02:00"}"#,
        "\n",
        "{\"id\": \"a2\", \"text\": \n",
        "\n",
        r#"{"id": "a3", "author": {"id": "p2", "name": "Ugo Fanti"}}"#,
        "\n",
        r#"{"id": "a4", "text": "sei un idiota", "author": {"id": "p2", "name": "Ugo Fanti"}, "at": "2026-10-12T10:05:00+02:00"}"#,
        "\n",
    );
    let output = run("stream", &["--state", state.arg()], Some(input));
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("line 2: invalid JSON"), "{err}");
    assert!(err.contains("line 4: not a comment"), "{err}");
    assert!(err.contains("`text`"), "{err}");
    let out = stdout(&output);
    assert!(line_of(&out, "a1").contains(" publish "), "{out}");
    assert!(line_of(&out, "a4").contains(" hide "), "{out}");
    assert!(!out.contains("a2") && !out.contains("a3"), "{out}");
    // What was moderated is still saved.
    let saved: galateo::LedgerState =
        serde_json::from_slice(&std::fs::read(state.path()).unwrap()).unwrap();
    assert_eq!(saved.len(), 1);
}

#[test]
fn stream_refuses_a_state_file_it_cannot_read_and_leaves_it_alone() {
    let state = TempFile::new("corrupt");
    std::fs::write(state.path(), "not a ledger").unwrap();
    let output = run(
        "stream",
        &["--state", state.arg()],
        Some("{\"text\": \"ciao\"}\n"),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("is not a ledger state"));
    assert!(output.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(state.path()).unwrap(),
        "not a ledger"
    );
}

/// The lines of the section whose title starts with `title`, up to the next blank line.
fn section<'a>(report: &'a str, title: &str) -> Vec<&'a str> {
    report
        .lines()
        .skip_while(|line| !line.starts_with(title))
        .skip(1)
        .take_while(|line| !line.is_empty())
        .collect()
}

#[test]
fn report_prints_totals_queue_let_through_and_sanctions() {
    let output = run("report", &[], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = stdout(&output);

    let comments = SAMPLE.lines().filter(|l| !l.trim().is_empty()).count();
    assert!(
        report.contains(&format!("Comments: {comments}\n")),
        "{report}"
    );
    let decisions = section(&report, "Decisions");
    let names: Vec<&str> = decisions
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(names, ["publish", "review", "hide", "remove"]);
    let total: usize = decisions
        .iter()
        .map(|l| {
            l.split_whitespace()
                .nth(1)
                .unwrap()
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert_eq!(total, comments);

    // Categories by the policy's labels.
    let categories = section(&report, "Comments per category");
    assert!(
        categories
            .iter()
            .any(|l| l.contains("Insulti e offese [insulti]")),
        "{report}"
    );

    // The queue is in deadline order, in local time, with excerpt, rule and clause.
    let queue = section(&report, "Review queue");
    let deadlines: Vec<&str> = queue
        .iter()
        .filter_map(|l| l.trim_start().strip_prefix("by "))
        .map(|l| l.get(..16).unwrap())
        .collect();
    assert!(!deadlines.is_empty(), "{report}");
    assert!(deadlines.windows(2).all(|w| w[0] <= w[1]), "{report}");
    let s04 = queue
        .iter()
        .position(|l| l.contains(" s04 "))
        .unwrap_or_else(|| panic!("s04 not queued:\n{report}"));
    assert!(queue[s04].contains("by 2026-10-12 11:25"), "{report}");
    assert!(
        queue[s04 + 1].contains("`idiota`")
            && queue[s04 + 1].contains("rule lexicon/it/insult/idiota+")
            && queue[s04 + 1].contains("clause insulti"),
        "{report}"
    );

    // What was let through, and why.
    let let_through = section(&report, "Let through");
    assert!(
        let_through
            .iter()
            .any(|l| l.contains("s07") && l.contains("[critica]")),
        "{report}"
    );
    assert!(
        let_through
            .iter()
            .any(|l| l.contains("s13") && l.contains("reported-speech")),
        "{report}"
    );

    let sanctions = section(&report, "Sanctions in force");
    assert!(
        sanctions
            .iter()
            .any(|l| l.contains("u106") && l.contains("report-platform")),
        "{report}"
    );
}

#[test]
fn report_date_is_read_in_the_policys_time_zone() {
    // 23:30 UTC on the 12th is 01:30 on the 13th in Livorno.
    let input = concat!(
        r#"{"id": "n1", "text": "sei un idiota", "author": {"id": "q1", "name": "Nico Sarti"}, "at": "2026-10-12T23:30:00Z"}"#,
        "\n",
        r#"{"id": "n2", "text": "grazie!", "author": {"id": "q2", "name": "Lia Sarti"}, "at": "2026-10-12T21:30:00Z"}"#,
        "\n",
    );
    let output = run("report", &["--date", "2026-10-13"], Some(input));
    assert!(output.status.success(), "{}", stderr(&output));
    let report = stdout(&output);
    assert!(report.contains("Comments: 1\n"), "{report}");
    assert!(
        section(&report, "Review queue")
            .iter()
            .any(|l| l.contains(" n1 ")),
        "{report}"
    );

    let output = run("report", &["--date", "2026-10-12"], Some(input));
    let report = stdout(&output);
    assert!(report.contains("Comments: 1\n"), "{report}");
    assert!(!report.contains(" n1 "), "{report}");

    let output = run("report", &["--date", "12/10/2026"], Some(input));
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn report_counts_the_good_lines_and_names_the_bad_ones() {
    let input = concat!(
        r#"{"id": "b1", "text": "quando passa la carta in via Roma?"}"#,
        "\n",
        "[1, 2, 3]\n",
        r#"{"id": "b3", "text": "sindaco coglione"}"#,
        "\n",
    );
    let output = run("report", &[], Some(input));
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("line 2: not a comment"));
    let report = stdout(&output);
    assert!(report.contains("Comments: 2\n"), "{report}");
}
