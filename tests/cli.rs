//! The `medcheck` command line: check, --jsonl, search, and its exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_medcheck"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run medcheck");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

#[test]
fn check_prints_the_report_and_exits_0_with_findings() {
    let out = run(
        &["check"],
        r#"{"medications":[{"name":"warfarin"},{"name":"aspirin 81 mg"}]}"#,
    );
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    assert_eq!(report["medications"][1]["input"], "aspirin 81 mg");
    assert!(report["findings"].as_array().is_some_and(|f| !f.is_empty()));
    assert!(report["knowledge_version"].is_string());
}

#[test]
fn check_reads_a_file() {
    let dir = std::env::temp_dir().join(format!("medcheck-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("profile.json");
    std::fs::write(&path, r#"{"medications":[{"name":"Zoloft 50 mg"}]}"#).unwrap();
    let out = run(&["check", path.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["medications"][0]["ingredients"][0], "sertraline");
}

#[test]
fn invalid_input_exits_2_naming_the_path_and_the_problem() {
    let out = run(
        &["check"],
        r#"{"medications":[{"name":"aspirin","frequency":"thrice hourly"}]}"#,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("medications[0].frequency"), "{err}");
    assert!(
        err.contains("\"thrice hourly\" is not a frequency I know"),
        "{err}"
    );
    assert!(out.stdout.is_empty());

    let out = run(&["check"], r#"{"medications":[],"weight":70}"#);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown field `weight`"));

    let out = run(&["check", "/nonexistent/profile.json"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/profile.json"));
}

#[test]
fn jsonl_gives_one_line_per_profile_and_goes_on_after_a_bad_one() {
    let input = concat!(
        r#"{"medications":[{"name":"lisinopril"}]}"#,
        "\n",
        r#"{"medications":[{"nom":"x"}]}"#,
        "\n",
        "not json\n",
        r#"{"medications":[{"name":"simvastatin"},{"name":"clarithromycin"}]}"#,
        "\n",
    );
    let out = run(&["check", "--jsonl"], input);
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0]["medications"].is_array());
    assert!(lines[1]["error"]
        .as_str()
        .unwrap()
        .contains("unknown field `nom`"));
    assert!(lines[2]["error"]
        .as_str()
        .unwrap()
        .contains("not valid JSON"));
    assert_eq!(lines[3]["findings"][0]["severity"], "contraindicated");
}

#[test]
fn search_prints_suggestions() {
    let out = run(&["search", "tylen"], "");
    assert_eq!(out.status.code(), Some(0));
    let s = json(&out);
    assert!(s[0]["name"].as_str().unwrap().starts_with("tylenol"));
    assert_eq!(run(&["frobnicate"], "").status.code(), Some(2));
}

#[test]
fn kb_stats_prints_the_counts() {
    let out = run(&["kb", "stats"], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(json(&out)["ingredients"].as_u64().unwrap() >= 445);
}
