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
pub fn byte_to_utf16(text: &str, sorted: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(sorted.len());
    let mut units = 0usize;
    let mut chars = text.char_indices().peekable();
    for &target in sorted {
        while let Some(&(at, c)) = chars.peek() {
            if at + c.len_utf8() > target {
                break;
            }
            units += c.len_utf16();
            chars.next();
        }
        out.push(units);
    }
    out
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
}
