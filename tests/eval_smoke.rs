//! Smoke test of the evaluation harness on a slice of each data set. The data sets live
//! outside the repository (`../shared/eval` or `$NEWSMARK_EVAL_DIR`); without them the test
//! says so and passes, since CI must not depend on them.

use std::path::PathBuf;
use std::process::Command;

fn eval_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("NEWSMARK_EVAL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval"));
    dir.is_dir().then_some(dir)
}

#[test]
fn harness_scores_a_slice_of_every_data_set() {
    let Some(dir) = eval_dir() else {
        eprintln!("skipped: no evaluation data (../shared/eval or NEWSMARK_EVAL_DIR)");
        return;
    };
    let output = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(["eval", "conll", "polnear", "cyber", "--split", "dev", "--limit", "2", "--data"])
        .arg(&dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    for heading in ["CoNLL-2003 dev", "PER+ORG+LOC", "PolNeAR dev", "speaker accuracy", "AnnoCTR"] {
        assert!(stdout.contains(heading), "no '{heading}' in:\n{stdout}");
    }
}

#[test]
fn missing_data_is_a_clear_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_newsmark")).args(["eval", "--data", "/nonexistent/eval"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no evaluation data"));
}
