//! Crashes found by fuzzing (`scripts/fuzz`), minimized, each replayed through the fuzz target
//! that found it. Every case says what broke and where it was fixed.

// Each case replays only the target that found it, so the others go unused here.
#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod fuzz_checks;

use fuzz_checks::{analyze_target, news_target, utf16_target};

/// Acronym merging in coreference moved every member of a cluster into the organisation the
/// acronym spells ("II" into "II I."), then `best_member` indexed the emptied member list:
/// index out of bounds at src/actors/coref.rs:181. Found by `analyze` and `utf16`; fixed in
/// 348b33f.
#[test]
fn acronym_merge_leaves_no_empty_cluster() {
    analyze_target(b"II\0I.\nII");
    utf16_target(b"II\0I.\nII");
}

/// "United States" three times, built by the `news` target from fragment 46 repeated: the
/// actor's mentions came out unsorted (the contract check in fuzz/src/lib.rs failed). Found at
/// 81d5e93; gone with the linear-time coreference of e1bae5c.
#[test]
fn repeated_lexicon_name_keeps_mentions_sorted() {
    news_target(&[0x2e, 0x80]);
    analyze_target("United States United States United States ".as_bytes());
}

/// "Ukraine" three times, built by the `news` target from fragment 55 repeated: the actor lists
/// the second and third mentions twice, out of order (0, 8, 16, 8, 16). Found at b725e7b, still
/// there at 8e43b90; fixed by skipping lexicon matches inside a model name already taken.
#[test]
fn repeated_place_name_gives_each_mention_once() {
    news_target(&[0xb9, 0xb9]);
    analyze_target(b"Ukraine Ukraine Ukraine ");
}
