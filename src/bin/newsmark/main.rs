//! The newsmark command-line tool: analysis of one text or of a JSON-lines batch, evaluation on
//! the public benchmarks, and (with the `train` feature) training of the actor model.
//!
//! Exit statuses: 0 on success, 1 when the input cannot be analysed (unreadable, not UTF-8),
//! 2 for a usage error. Messages go to stderr, one line each.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

mod analyze;
mod eval;

use std::process::ExitCode;

const USAGE: &str = "\
usage: newsmark analyze [--pretty] [FILE|-]    analyse one text, print one JSON object
       newsmark analyze --jsonl [FILE|-]       analyse {\"id\", \"text\"} lines, one JSON line each
       newsmark eval [TASK…] [--data DIR]      score on the benchmarks in DIR or $NEWSMARK_EVAL_DIR
       newsmark train …                        train the actor model (needs --features train)";

/// A failure, with the exit status it maps to.
pub enum Failure {
    /// Bad arguments: exit status 2.
    Usage(String),
    /// The input could not be read or analysed: exit status 1.
    Input(String),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("analyze") => analyze::run(&args[1..]),
        Some("eval") => eval::run(&args[1..]),
        Some("train") => train(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Failure::Usage(format!("unknown command '{other}'"))),
        None => Err(Failure::Usage("missing command".into())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("newsmark: {message} (see 'newsmark --help')");
            ExitCode::from(2)
        }
        Err(Failure::Input(message)) => {
            eprintln!("newsmark: {message}");
            ExitCode::from(1)
        }
    }
}

#[cfg(feature = "train")]
fn train(args: &[String]) -> Result<(), Failure> {
    newsmark::train::run(args).map_err(Failure::Usage)
}

#[cfg(not(feature = "train"))]
fn train(_args: &[String]) -> Result<(), Failure> {
    Err(Failure::Usage(
        "this build has no trainer: build with --features train".into(),
    ))
}
