//! Replays the committed fuzz corpus, `fuzz/corpus/<target>/*`, through the fuzz targets' own
//! checks on stable Rust, so every test run covers the seeds without nightly or cargo-fuzz.

#[path = "../fuzz/src/lib.rs"]
mod fuzz_checks;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn seeds(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = entries.map(|entry| entry.unwrap().path()).collect();
    paths.sort();
    paths
}

#[test]
fn every_seed_passes_its_target() {
    let mut failures = Vec::new();
    for (target, check) in fuzz_checks::TARGETS {
        let paths = seeds(target);
        assert!(!paths.is_empty(), "fuzz/corpus/{target}/ has no seeds");
        for path in paths {
            let data = std::fs::read(&path).unwrap();
            if catch_unwind(AssertUnwindSafe(|| check(&data))).is_err() {
                failures.push(format!("{target}: {}", path.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "seeds that fail (panic messages above):\n{}",
        failures.join("\n")
    );
}

#[test]
fn news_texts_decode_the_dictionary() {
    // The dictionary opens with `"\""` and `"\xE2\x80\x9C"`; separator 3 is none, 0 a space, and
    // the top two bits of the second byte repeat the step.
    assert_eq!(fuzz_checks::news_text(&[0, 3]), "\"");
    assert_eq!(fuzz_checks::news_text(&[1, 0]), "“ ");
    assert_eq!(fuzz_checks::news_text(&[1, 0x44]), "“\n“\n");
    assert_eq!(
        fuzz_checks::news_text(&[0]),
        "\" ",
        "a lone last byte picks a fragment"
    );
}
