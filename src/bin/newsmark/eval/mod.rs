//! `newsmark eval`: scores on the public benchmarks in `../shared/eval` (or `--data DIR`, or
//! `$NEWSMARK_EVAL_DIR`).
//!
//! Each task reads its data set, runs the real analyzer on the text rebuilt from it, and prints
//! a table. Training and tuning use the train and dev splits; the tables report test unless
//! `--split` says otherwise.

mod conll;
mod cyber;
mod polnear;

use std::path::PathBuf;

use crate::Failure;

/// Options shared by every task.
pub struct Options {
    /// The folder holding `conll2003/`, `polnear/`, `annoctr/`, `dnrti/` and `cyner/`.
    pub data: PathBuf,
    /// Which split to score: `test` (default), `dev` or `train`.
    pub split: String,
    /// Score only the first N documents (for smoke tests); `None` for all.
    pub limit: Option<usize>,
}

/// Runs `newsmark eval [conll] [polnear] [cyber] [--data DIR] [--split S] [--limit N]`; with
/// no task named, runs them all.
pub fn run(args: &[String]) -> Result<(), Failure> {
    let mut tasks = Vec::new();
    let mut data = std::env::var_os("NEWSMARK_EVAL_DIR").map(PathBuf::from);
    let mut split = "test".to_string();
    let mut limit = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().cloned().ok_or_else(|| Failure::Usage(format!("{name} needs a value")));
        match arg.as_str() {
            "--data" => data = Some(PathBuf::from(value("--data")?)),
            "--split" => split = value("--split")?,
            "--limit" => {
                let n = value("--limit")?;
                limit = Some(n.parse().map_err(|_| Failure::Usage(format!("--limit takes a number, not '{n}'")))?);
            }
            "conll" | "polnear" | "cyber" => tasks.push(arg.as_str()),
            other => return Err(Failure::Usage(format!("unknown eval argument '{other}'"))),
        }
    }
    if !matches!(split.as_str(), "train" | "dev" | "test") {
        return Err(Failure::Usage(format!("--split is train, dev or test, not '{split}'")));
    }
    let data = data.unwrap_or_else(|| PathBuf::from("../shared/eval"));
    if !data.is_dir() {
        return Err(Failure::Input(format!("no evaluation data at {} (set --data or NEWSMARK_EVAL_DIR)", data.display())));
    }
    if tasks.is_empty() {
        tasks = vec!["conll", "polnear", "cyber"];
    }
    let options = Options { data, split, limit };
    for task in tasks {
        match task {
            "conll" => conll::run(&options)?,
            "polnear" => polnear::run(&options)?,
            _ => cyber::run(&options)?,
        }
    }
    Ok(())
}
