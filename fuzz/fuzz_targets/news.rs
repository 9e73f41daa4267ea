//! Texts built from the fragments of `fuzz/news.dict`: contract, UTF-16 round trip, determinism.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newsmark_fuzz::news_target(data));
