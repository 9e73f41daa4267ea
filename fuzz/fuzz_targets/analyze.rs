//! Any bytes, read as lossy UTF-8, through `newsmark::analyze` and the result contract.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newsmark_fuzz::analyze_target(data));
