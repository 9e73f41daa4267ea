//! The command-line contract: both modes, the error paths and the exit statuses.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn newsmark(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout_json(output: &Output) -> Value {
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const ARTICLE: &str = "“We will respond,” Kremlin spokesman Dmitry Peskov said after the ransomware attack.";

#[test]
fn analyze_stdin_prints_one_object() {
    let json = stdout_json(&newsmark(&["analyze"], ARTICLE.as_bytes()));
    let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["actors", "quotes", "terms"]);
    for term in json["terms"].as_array().unwrap() {
        let (start, end) = (term["start"].as_u64().unwrap() as usize, term["end"].as_u64().unwrap() as usize);
        assert_eq!(term["text"], ARTICLE[start..end]);
        assert!(term.get("ref").is_some(), "every term has a ref field, null or not");
    }
}

#[test]
fn analyze_dash_and_file_agree_with_stdin() {
    let from_stdin = newsmark(&["analyze"], ARTICLE.as_bytes()).stdout;
    let from_dash = newsmark(&["analyze", "-"], ARTICLE.as_bytes()).stdout;
    let path = std::env::temp_dir().join(format!("newsmark-cli-{}.txt", std::process::id()));
    std::fs::write(&path, ARTICLE).unwrap();
    let from_file = newsmark(&["analyze", path.to_str().unwrap()], b"").stdout;
    std::fs::remove_file(&path).unwrap();
    assert_eq!(from_stdin, from_dash);
    assert_eq!(from_stdin, from_file);
}

#[test]
fn analyze_pretty_is_the_same_json() {
    let compact = stdout_json(&newsmark(&["analyze"], ARTICLE.as_bytes()));
    let pretty = stdout_json(&newsmark(&["analyze", "--pretty"], ARTICLE.as_bytes()));
    assert_eq!(compact, pretty);
}

#[test]
fn empty_input_gives_empty_lists() {
    let json = stdout_json(&newsmark(&["analyze"], b""));
    assert_eq!(json, serde_json::json!({"actors": [], "quotes": [], "terms": []}));
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let output = newsmark(&["analyze"], b"Hackers \xff\xfe struck");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("byte offset 8"), "{}", stderr(&output));
    assert_eq!(stderr(&output).lines().count(), 1);
}

#[test]
fn invalid_utf8_errors_print_nothing_on_stdout() {
    for (input, offset) in [(&b"\xffHackers"[..], 0), (b"caf\xc3", 3), (b"ok \xe2\x80", 3)] {
        let output = newsmark(&["analyze"], input);
        assert_eq!(output.status.code(), Some(1), "input {input:?}");
        assert!(output.stdout.is_empty());
        assert!(stderr(&output).contains(&format!("byte offset {offset}")), "{}", stderr(&output));
    }
}

#[test]
fn invalid_utf8_in_a_file_argument() {
    let path = std::env::temp_dir().join(format!("newsmark-cli-bad-{}.txt", std::process::id()));
    std::fs::write(&path, b"Microsoft said \x80 today").unwrap();
    let output = newsmark(&["analyze", path.to_str().unwrap()], b"");
    std::fs::remove_file(&path).unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("byte offset 15"), "{}", stderr(&output));
}

#[test]
fn byte_order_mark_keeps_offsets_in_the_input() {
    let text = "\u{feff}“We will respond,” Kremlin spokesman Dmitry Peskov said.";
    let json = stdout_json(&newsmark(&["analyze"], text.as_bytes()));
    let spans = json["actors"].as_array().unwrap().iter().flat_map(|a| a["mentions"].as_array().unwrap().iter());
    for span in spans.chain(json["quotes"].as_array().unwrap()) {
        let (start, end) = (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
        assert!(start >= 3, "offsets count the mark's three bytes");
        assert_eq!(span["text"], text[start..end]);
    }
}

#[test]
fn missing_file_is_an_input_error() {
    let output = newsmark(&["analyze", "/nonexistent/article.txt"], b"");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("/nonexistent/article.txt"));
}

#[test]
fn usage_errors_exit_2_with_one_line() {
    for args in [&[][..], &["frobnicate"], &["analyze", "--bogus"], &["analyze", "a.txt", "b.txt"], &["analyze", "--jsonl", "--pretty"]] {
        let output = newsmark(args, b"");
        assert_eq!(output.status.code(), Some(2), "args {args:?}");
        assert_eq!(stderr(&output).lines().count(), 1, "args {args:?}: {}", stderr(&output));
    }
}

#[test]
fn jsonl_keeps_order_and_ids() {
    let input = format!(
        "{}\n{}\n{}\n",
        serde_json::json!({"id": "a", "text": ARTICLE}),
        serde_json::json!({"id": 7, "text": ""}),
        serde_json::json!({"id": {"doc": [1, 2]}, "text": "Microsoft said."}),
    );
    let output = newsmark(&["analyze", "--jsonl"], input.as_bytes());
    assert!(output.status.success());
    let raw: Vec<&[u8]> = output.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()).collect();
    assert!(raw.iter().all(|line| line.starts_with(b"{\"id\":")), "the id comes first");
    let lines: Vec<Value> = raw.iter().map(|l| serde_json::from_slice(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[1]["id"], 7);
    assert_eq!(lines[2]["id"], serde_json::json!({"doc": [1, 2]}));
    for line in &lines {
        let mut keys: Vec<&str> = line.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["actors", "id", "quotes", "terms"]);
    }
    let single = stdout_json(&newsmark(&["analyze"], ARTICLE.as_bytes()));
    assert_eq!(lines[0]["actors"], single["actors"]);
    assert_eq!(lines[0]["quotes"], single["quotes"]);
    assert_eq!(lines[0]["terms"], single["terms"]);
}

#[test]
fn jsonl_bad_lines_get_errors_and_the_run_goes_on() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\": \"no-text\"}\n");
    input.extend_from_slice(b"not json at all\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"{\"id\": 4, \"text\": \"ok \xff\"}\n");
    input.extend_from_slice(b"{\"text\": \"no id here\"}\r\n");
    input.extend_from_slice(b"{\"id\": 6, \"text\": \"last\"}");
    let output = newsmark(&["analyze", "--jsonl"], &input);
    assert!(output.status.success(), "{}", stderr(&output));
    let lines: Vec<Value> = output.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()).map(|l| serde_json::from_slice(l).unwrap()).collect();
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[0]["id"], "no-text");
    assert!(lines[0]["error"].is_string());
    assert_eq!(lines[1]["id"], 2, "a line without a readable id is named by its line number");
    assert!(lines[1]["error"].is_string());
    assert_eq!(lines[2]["id"], 3);
    assert!(lines[2]["error"].is_string());
    assert_eq!(lines[3]["id"], 4, "the id is recovered from a line with a bad byte");
    assert!(lines[3]["error"].as_str().unwrap().contains("byte offset"));
    assert_eq!(lines[4]["id"], 5);
    assert!(lines[4].get("error").is_none());
    assert_eq!(lines[5]["id"], 6);
    assert!(lines[5]["actors"].is_array());
}

#[test]
fn help_succeeds() {
    let output = newsmark(&["--help"], b"");
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("newsmark analyze"));
}
