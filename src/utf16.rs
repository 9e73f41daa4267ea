//! Byte offsets to UTF-16 offsets, for JavaScript, whose strings count UTF-16 code units.
//!
//! The conversion is done once per analysis, in one pass over the text: every offset in the
//! result is collected, sorted, and then met in order while walking the text. That costs
//! O(text + offsets · log offsets) and no memory per byte of text, which matters for a 10 MB
//! paste in a browser tab.

use crate::{Analysis, Span};

/// Rewrites every offset in `analysis` from UTF-8 bytes into `text` to UTF-16 code units.
/// Offsets that are not char boundaries (which `analyze` never produces) map to the start of
/// the char they fall in; offsets past the end map to the UTF-16 length.
pub fn convert_offsets(text: &str, analysis: &mut Analysis) {
    let mut offsets = Vec::new();
    visit_offsets(analysis, &mut |offset| offsets.push(*offset));
    offsets.sort_unstable();
    offsets.dedup();
    let converted = byte_to_utf16(text, &offsets);
    visit_offsets(analysis, &mut |offset| {
        let at = offsets.partition_point(|&o| o < *offset);
        *offset = converted[at];
    });
}

/// The UTF-16 offset of each byte offset in `sorted` (ascending).
///
/// Counts bytes rather than decoding chars: every byte that starts a char is one UTF-16 unit,
/// and a 4-byte char (lead byte `F0`–`F4`) is a surrogate pair, one unit more. The count is a
/// branch-free loop over bytes that the compiler vectorises.
pub fn byte_to_utf16(text: &str, sorted: &[usize]) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(sorted.len());
    let mut units = 0usize;
    let mut at = 0usize;
    for &target in sorted {
        let mut end = target.min(bytes.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if end > at {
            units += utf16_units(&bytes[at..end]);
            at = end;
        }
        out.push(units);
    }
    out
}

/// The UTF-16 length of `bytes`, a whole number of UTF-8 chars.
fn utf16_units(bytes: &[u8]) -> usize {
    bytes.iter().map(|&b| usize::from((b as i8) >= -0x40) + usize::from(b >= 0xF0)).sum()
}

/// The byte offset of a UTF-16 offset, or `None` when it falls inside a surrogate pair or past
/// the end. The inverse of [`byte_to_utf16`], for tests and for callers that send offsets back.
pub fn utf16_to_byte(text: &str, target: usize) -> Option<usize> {
    let mut units = 0usize;
    for (at, c) in text.char_indices() {
        if units == target {
            return Some(at);
        }
        if units > target {
            return None;
        }
        units += c.len_utf16();
    }
    (units == target).then_some(text.len())
}

fn visit_offsets(analysis: &mut Analysis, visit: &mut impl FnMut(&mut usize)) {
    fn span(span: &mut Span, visit: &mut impl FnMut(&mut usize)) {
        visit(&mut span.start);
        visit(&mut span.end);
    }
    for actor in &mut analysis.actors {
        for mention in &mut actor.mentions {
            span(mention, visit);
        }
    }
    for quote in &mut analysis.quotes {
        visit(&mut quote.start);
        visit(&mut quote.end);
        if let Some(s) = quote.speaker_span.as_mut() {
            span(s, visit);
        }
        if let Some(s) = quote.cue.as_mut() {
            span(s, visit);
        }
    }
    for term in &mut analysis.terms {
        visit(&mut term.start);
        visit(&mut term.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        assert_eq!(byte_to_utf16("abc", &[0, 1, 3]), [0, 1, 3]);
    }

    #[test]
    fn counts_code_units() {
        // "é" is 2 bytes and 1 unit; "🙂" is 4 bytes and 2 units.
        let text = "é🙂x";
        assert_eq!(byte_to_utf16(text, &[0, 2, 6, 7]), [0, 1, 3, 4]);
        assert_eq!(utf16_to_byte(text, 3), Some(6));
        assert_eq!(utf16_to_byte(text, 2), None);
        assert_eq!(utf16_to_byte(text, 4), Some(7));
    }

    #[test]
    fn inside_a_char_maps_to_its_start() {
        let text = "aé🙂";
        assert_eq!(byte_to_utf16(text, &[2, 4, 5, 7, 99]), [1, 2, 2, 4, 4]);
    }
}
