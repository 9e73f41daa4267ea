//! Byte offsets to UTF-16 offsets, for JavaScript, whose strings count UTF-16 code units.
//!
//! The conversion is done once per analysis. A text of ASCII alone, much of English news, has
//! the same offsets in both, and is left as it is. Otherwise one pass over the text counts the
//! UTF-16 units before every block of [`BLOCK`] bytes ([`Utf16Index`]); an offset is then its
//! block's count plus the units of at most a block's bytes. That is O(text + offsets) with no
//! sorting, and memory of a sixteenth of the text, which matters for a 10 MB paste in a tab.

use crate::{Analysis, Span};

/// Rewrites every offset in `analysis` from UTF-8 bytes into `text` to UTF-16 code units.
/// Offsets that are not char boundaries (which `analyze` never produces) map to the start of
/// the char they fall in; offsets past the end map to the UTF-16 length.
pub fn convert_offsets(text: &str, analysis: &mut Analysis) {
    if text.is_ascii() {
        visit_offsets(analysis, &mut |offset| *offset = (*offset).min(text.len()));
        return;
    }
    let index = Utf16Index::new(text);
    visit_offsets(analysis, &mut |offset| *offset = index.units_at(*offset));
}

/// Bytes a block of [`Utf16Index`]: an offset costs a count of at most this many bytes, and
/// the index a word for each.
const BLOCK: usize = 64;

/// The UTF-16 offset of any byte offset of one text.
struct Utf16Index<'t> {
    text: &'t str,
    /// The UTF-16 units before each block of [`BLOCK`] bytes.
    blocks: Vec<usize>,
}

impl<'t> Utf16Index<'t> {
    /// The index of `text`: one pass over it.
    fn new(text: &'t str) -> Utf16Index<'t> {
        let mut units = 0;
        let blocks = text
            .as_bytes()
            .chunks(BLOCK)
            .map(|block| {
                let before = units;
                units += utf16_units(block);
                before
            })
            .collect();
        Utf16Index { text, blocks }
    }

    /// The UTF-16 offset of byte `offset`: of the start of the char it falls in, and the
    /// text's UTF-16 length past the end.
    fn units_at(&self, offset: usize) -> usize {
        let mut end = offset.min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let block = end / BLOCK;
        match self.blocks.get(block) {
            Some(&before) => before + utf16_units(&self.text.as_bytes()[block * BLOCK..end]),
            // The end of a text of whole blocks.
            None => self.blocks.last().map_or(0, |&before| before + utf16_units(&self.text.as_bytes()[end - BLOCK..end])),
        }
    }
}

/// The UTF-16 length of `bytes`, whole UTF-8 chars or the start of a block.
///
/// Counts bytes rather than decoding chars: every byte that starts a char is one UTF-16 unit,
/// and a 4-byte char (lead byte `F0`–`F4`) is a surrogate pair, one unit more. The count is a
/// branch-free loop over bytes that the compiler vectorises. A block may start inside a char:
/// its continuation bytes count for nothing, as they should.
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

    /// The UTF-16 offsets of `offsets` into `text`, by the index.
    fn units(text: &str, offsets: &[usize]) -> Vec<usize> {
        let index = Utf16Index::new(text);
        offsets.iter().map(|&o| index.units_at(o)).collect()
    }

    #[test]
    fn ascii_is_identity() {
        assert_eq!(units("abc", &[0, 1, 3]), [0, 1, 3]);
    }

    #[test]
    fn counts_code_units() {
        // "é" is 2 bytes and 1 unit; "🙂" is 4 bytes and 2 units.
        let text = "é🙂x";
        assert_eq!(units(text, &[0, 2, 6, 7]), [0, 1, 3, 4]);
        assert_eq!(utf16_to_byte(text, 3), Some(6));
        assert_eq!(utf16_to_byte(text, 2), None);
        assert_eq!(utf16_to_byte(text, 4), Some(7));
    }

    #[test]
    fn inside_a_char_maps_to_its_start() {
        let text = "aé🙂";
        assert_eq!(units(text, &[2, 4, 5, 7, 99]), [1, 2, 2, 4, 4]);
    }

    /// Blocks that start or end inside a char, and a text of whole blocks, against a count
    /// char by char.
    #[test]
    fn agrees_with_counting_chars_across_blocks() {
        for text in ["é".repeat(BLOCK), format!("a{}", "🙂".repeat(3 * BLOCK / 4)), "€a".repeat(BLOCK)] {
            let index = Utf16Index::new(&text);
            for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
                assert_eq!(index.units_at(at), text[..at].encode_utf16().count(), "at {at}");
            }
            assert_eq!(index.units_at(text.len() + 5), text.encode_utf16().count());
        }
    }
}
