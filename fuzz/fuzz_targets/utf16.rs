//! Any bytes, read as lossy UTF-8: every offset of the analysis survives the UTF-16 round trip.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newsmark_fuzz::utf16_target(data));
