//! `newsmark eval`: scores on the public benchmarks in `../shared/eval` (or `--data DIR`, or
//! `$NEWSMARK_EVAL_DIR`).

use crate::Failure;

/// Runs `newsmark eval` with the arguments after the command name.
pub fn run(args: &[String]) -> Result<(), Failure> {
    let _ = args;
    Err(Failure::Usage("eval: not built yet".into()))
}
