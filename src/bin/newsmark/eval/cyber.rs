//! Evaluation task `cyber` (being written).

use super::Options;
use crate::Failure;

/// Scores newsmark on this task's data set and prints a table.
pub fn run(options: &Options) -> Result<(), Failure> {
    let _ = options;
    Err(Failure::Input("eval cyber: not built yet".into()))
}
