//! What one quotation-mark token does: open or close a quotation, or nothing (an apostrophe,
//! an inch mark, a lone mark).
//!
//! The shape of a curly mark says which way it usually faces, but German („…“, »…«) and
//! Swedish (”…”) typography turn shapes around, and straight marks have no shape at all. So the
//! direction comes from the shape *and* the context: a mark with a space or an opening bracket
//! before it and a word after it opens; a mark glued to the word before it and followed by a
//! space or punctuation closes.

use crate::text::{Document, TokenKind, SPACE_AFTER, SPACE_BEFORE};

/// Marks that pair with each other. An opener is closed only by a mark of its own family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// “ ” „ ‟ " ＂
    Double,
    /// ‘ ’ ‚ ‛ ' `
    Single,
    /// « »
    Guillemet,
    /// ‹ ›
    SingleGuillemet,
    /// 「 」
    Corner,
}

impl Family {
    /// Index for per-family counters.
    pub const COUNT: usize = 5;

    /// This family's index below [`Family::COUNT`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Which way a mark's glyph faces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Opening,
    Closing,
    /// Straight marks: " ' ＂
    Either,
}

/// What a mark does in its context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Opens a quotation.
    Open,
    /// Closes the innermost open quotation of its family, if any.
    Close,
    /// Not a quotation mark here: an apostrophe, a prime, or a mark with spaces on both sides.
    Nothing,
}

/// The family and glyph direction of a quote character, `None` for anything else.
fn classify(c: char) -> Option<(Family, Shape)> {
    Some(match c {
        '\u{201C}' | '\u{201E}' | '\u{201F}' => (Family::Double, Shape::Opening),
        '\u{201D}' => (Family::Double, Shape::Closing),
        '"' | '\u{FF02}' => (Family::Double, Shape::Either),
        '\u{2018}' | '\u{201A}' | '\u{201B}' | '`' => (Family::Single, Shape::Opening),
        '\u{2019}' => (Family::Single, Shape::Closing),
        '\'' => (Family::Single, Shape::Either),
        '\u{00AB}' => (Family::Guillemet, Shape::Opening),
        '\u{00BB}' => (Family::Guillemet, Shape::Closing),
        '\u{2039}' => (Family::SingleGuillemet, Shape::Opening),
        '\u{203A}' => (Family::SingleGuillemet, Shape::Closing),
        '\u{300C}' => (Family::Corner, Shape::Opening),
        '\u{300D}' => (Family::Corner, Shape::Closing),
        _ => return None,
    })
}

/// How many tokens the mark at token `i` spans: 2 for a doubled single mark standing for a
/// double one (''typewriter style'', ‘‘…’’, ``…''), else 1.
pub fn width(doc: &Document, i: usize) -> usize {
    let text = doc.token_text(i);
    let doubled = matches!(text, "'" | "\u{2018}" | "\u{2019}" | "`")
        && doc.tokens.get(i + 1).is_some_and(|next| {
            next.kind == TokenKind::Quote && next.start == doc.tokens[i].end && doc.token_text(i + 1) == text
        });
    if doubled {
        2
    } else {
        1
    }
}

/// The family and glyph direction of the mark at token `i`, read as one mark over `width`
/// tokens.
fn classify_at(doc: &Document, i: usize, width: usize) -> Option<(Family, Shape)> {
    let (family, shape) = doc.token_text(i).chars().next().and_then(classify)?;
    Some(if width == 2 { (Family::Double, shape) } else { (family, shape) })
}

/// The family of the mark at token `i` spanning `width` tokens, if it is a quotation mark.
pub fn family(doc: &Document, i: usize, width: usize) -> Option<Family> {
    classify_at(doc, i, width).map(|(family, _)| family)
}

/// The role of the mark at token `i` spanning `width` tokens, given whether a quotation of its
/// family is open.
pub fn role(doc: &Document, i: usize, width: usize, family_open: bool) -> Role {
    let Some(c) = doc.token_text(i).chars().next() else { return Role::Nothing };
    let Some((family, shape)) = classify_at(doc, i, width) else { return Role::Nothing };
    let last = i + width - 1;
    let opens = opens_here(doc, i, last);
    let closes = closes_here(doc, i, last);
    let role = match shape {
        Shape::Opening if closes && !opens && family_open => Role::Close,
        Shape::Opening => Role::Open,
        Shape::Closing if family_open => Role::Close,
        // ’ facing a word is an elision ("’em", "rock ’n’ roll"), never an opening mark.
        Shape::Closing if opens && c != '\u{2019}' => Role::Open,
        Shape::Either if opens && !closes => Role::Open,
        // A closing mark with nothing open: the caller decides whether an opener went missing.
        Shape::Closing | Shape::Either if family_open || closes => Role::Close,
        Shape::Closing | Shape::Either => Role::Nothing,
    };
    if role == Role::Close && family == Family::Single && is_plural_possessive(doc, i) {
        return Role::Nothing;
    }
    role
}

/// Whether token `i` has a boundary before it (a space, an opening bracket or dash, another
/// mark) and the start of a word or number after it.
fn opens_here(doc: &Document, i: usize, last: usize) -> bool {
    let token = &doc.tokens[i];
    let boundary_before = token.has(SPACE_BEFORE)
        || i == 0
        || match doc.tokens[i - 1].kind {
            TokenKind::Quote => true,
            TokenKind::Punct => {
                matches!(doc.token_text(i - 1), "(" | "[" | "{" | "/" | ":" | "-")
                    || doc.token_text(i - 1).starts_with(['—', '–', '-'])
            }
            _ => false,
        };
    boundary_before && !doc.tokens[last].has(SPACE_AFTER) && !next_is_closing_punct(doc, last)
}

/// Whether token `i` is glued to the text before it and followed by a space, punctuation or
/// another mark.
fn closes_here(doc: &Document, i: usize, last: usize) -> bool {
    if doc.tokens[i].has(SPACE_BEFORE) || i == 0 {
        return false;
    }
    doc.tokens[last].has(SPACE_AFTER)
        || next_is_closing_punct(doc, last)
        || doc.tokens.get(last + 1).is_some_and(|next| next.kind == TokenKind::Quote)
}

fn next_is_closing_punct(doc: &Document, i: usize) -> bool {
    doc.tokens.get(i + 1).is_some_and(|next| {
        next.kind == TokenKind::Punct
            && matches!(doc.token_text(i + 1), "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "…" | "...")
    })
}

/// "the Smiths’ house": a mark after a word in -s, followed by a space and another word.
fn is_plural_possessive(doc: &Document, i: usize) -> bool {
    let token = &doc.tokens[i];
    if i == 0 || token.has(SPACE_BEFORE) || !token.has(SPACE_AFTER) {
        return false;
    }
    let previous = doc.token_text(i - 1);
    let ends_in_s = previous.ends_with(['s', 'S']) && doc.tokens[i - 1].kind == TokenKind::Word;
    ends_in_s && doc.tokens.get(i + 1).is_some_and(|next| next.kind == TokenKind::Word)
}
