//! Pairs quotation marks into quotations, one paragraph at a time, in one pass.
//!
//! Decisions, for the next maintainer:
//! - **Outer quotations only.** A quotation inside another (‘…’ inside “…”) is part of the
//!   outer one's text and is not reported on its own: its speaker is rarely named, and two
//!   nested highlights help no reader.
//! - **A quotation never crosses a paragraph break.** A quotation still open at the end of its
//!   paragraph is continued when the next paragraph opens with a mark of the same family (the
//!   news convention for long quotations): each paragraph's part is its own [`Quotation`], the
//!   later ones flagged [`Quotation::continues`], so the page can highlight them separately and
//!   attribution gives them one speaker. Otherwise an open quotation ends with its paragraph if it
//!   looks like speech (a double or angle mark and at least [`MIN_UNCLOSED_WORDS`] words), and is
//!   dropped if not (a stray mark, an elision such as "’em").
//! - **One open quotation per family.** A second opening mark of a family that is already open
//!   means the first was never closed: the first ends before it (and is kept or dropped as
//!   above). This keeps nesting shallow, so the stack never grows with the input.
//! - **A stray closing mark** ("We won,” he said.) with nothing open starts its quotation at the
//!   paragraph's start when no other quotation came before it in the paragraph.
//! - **Marks with no word between them** (“”, "…") quote nothing and are dropped, so a wall of
//!   marks gives no quotations rather than one per pair.
//!
//! Each mark is looked at once and the stack is popped at most once per push, so the pass is
//! linear in the number of tokens whatever the marks.

use super::marks::{self, Family, Role};
use std::ops::Range;

use super::Quotation;
use crate::text::{Document, TokenKind};

/// Fewest words an unclosed quotation needs to be kept.
pub const MIN_UNCLOSED_WORDS: usize = 3;
/// Most words a closed quotation may have to be a scare quote ("a “killer” app").
pub const MAX_SCARE_WORDS: usize = 4;

/// An opening mark waiting for its closing mark.
#[derive(Clone, Copy)]
struct Open {
    token: usize,
    family: Family,
}

/// Every outer quotation of `doc`, sorted by start.
pub fn find(doc: &Document) -> Vec<Quotation> {
    let mut found = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut open_count = [0usize; Family::COUNT];
    // The family of a quotation left open at the end of the previous paragraph.
    let mut carried: Option<Family> = None;

    for (p, paragraph) in doc.paragraphs.iter().enumerate() {
        let paragraph_start_len = found.len();
        let carry_in = carried.take().is_some_and(|family| {
            marks::family(doc, paragraph.start, marks::width(doc, paragraph.start).min(paragraph.len())) == Some(family)
        });
        let continues = |open: Open| carry_in && open.token == paragraph.start;
        // Only the paragraph's first stray closing mark may have lost its opener.
        let mut may_miss_opener = true;
        let mut next = paragraph.start;
        while next < paragraph.end {
            let i = next;
            next += 1;
            if doc.tokens[i].kind != TokenKind::Quote {
                continue;
            }
            let width = marks::width(doc, i).min(paragraph.end - i);
            next = i + width;
            let Some(family) = marks::family(doc, i, width) else { continue };
            let family_open = open_count[family.index()] > 0;
            match marks::role(doc, i, width, family_open) {
                Role::Nothing => {}
                Role::Open => {
                    if let Some(cut) = pop_to(&mut stack, &mut open_count, family) {
                        // The earlier opener of this family was never closed.
                        if stack.is_empty() {
                            push_unclosed(doc, &mut found, cut, i, continues(cut));
                        }
                    }
                    stack.push(Open { token: i, family });
                    open_count[family.index()] += 1;
                }
                Role::Close => match pop_to(&mut stack, &mut open_count, family) {
                    Some(open) if stack.is_empty() => {
                        let mid_sentence = open.token > paragraph.start && !is_terminal(doc, open.token - 1);
                        found.extend(closed(doc, open.token..i + width, continues(open), mid_sentence));
                    }
                    Some(_) => {}
                    None if may_miss_opener && found.len() == paragraph_start_len && stack.is_empty() => {
                        may_miss_opener = false;
                        push_opener_missing(doc, &mut found, paragraph.start, i..i + width, family);
                    }
                    None => {}
                },
            }
        }
        // Whatever is still open ends with the paragraph.
        if let Some(&outer) = stack.first() {
            let next_opens_same = doc.paragraphs.get(p + 1).is_some_and(|next| {
                let width = marks::width(doc, next.start).min(next.len());
                doc.tokens[next.start].kind == TokenKind::Quote
                    && marks::family(doc, next.start, width) == Some(outer.family)
                    && marks::role(doc, next.start, width, false) == Role::Open
            });
            if next_opens_same && word_count(doc, outer.token..paragraph.end) >= MIN_UNCLOSED_WORDS {
                let tokens = outer.token..paragraph.end;
                found.push(Quotation { tokens, scare: false, continues: continues(outer) });
                carried = Some(outer.family);
            } else {
                push_unclosed(doc, &mut found, outer, paragraph.end, continues(outer));
            }
            stack.clear();
            open_count = [0; Family::COUNT];
        }
    }
    found
}

/// Pops the stack down to and including the innermost opener of `family`; `None`, leaving the
/// stack alone, when no opener of `family` is open.
fn pop_to(stack: &mut Vec<Open>, open_count: &mut [usize; Family::COUNT], family: Family) -> Option<Open> {
    if open_count[family.index()] == 0 {
        return None;
    }
    while let Some(open) = stack.pop() {
        open_count[open.family.index()] -= 1;
        if open.family == family {
            return Some(open);
        }
    }
    None
}

/// "We won,” he said. — a closing double mark with no opener, the first in its paragraph: the
/// quotation starts with the paragraph, unless the mark is an inch sign (6’2”) or too little
/// text stands before it.
fn push_opener_missing(doc: &Document, found: &mut Vec<Quotation>, start: usize, close: Range<usize>, family: Family) {
    let after_number = close.start > 0 && doc.tokens[close.start - 1].kind == TokenKind::Number;
    if after_number || !matches!(family, Family::Double | Family::Guillemet) {
        return;
    }
    let tokens = start..close.end;
    if word_count(doc, tokens.clone()) >= MIN_UNCLOSED_WORDS {
        found.push(Quotation { tokens, scare: false, continues: false });
    }
}

/// Keeps an unclosed quotation from `open` up to token `end` (exclusive) if it looks like
/// speech rather than a stray mark.
fn push_unclosed(doc: &Document, found: &mut Vec<Quotation>, open: Open, end: usize, continues: bool) {
    let speech_family = !matches!(open.family, Family::Single);
    let tokens = open.token..end;
    if (speech_family || continues) && word_count(doc, tokens.clone()) >= MIN_UNCLOSED_WORDS {
        found.push(Quotation { tokens, scare: false, continues });
    }
}

/// A closed quotation, flagged as a scare quote when it is a few words without punctuation
/// inside a sentence; `None` when no word stands between the marks (“”, "…"), which quotes
/// nothing. Without that rule a wall of marks becomes one quotation per pair.
fn closed(doc: &Document, tokens: Range<usize>, continues: bool, mid_sentence: bool) -> Option<Quotation> {
    let inner = tokens.start + 1..tokens.end - 1;
    let words = word_count(doc, inner.clone());
    if words == 0 {
        return None;
    }
    let punctuated = inner.clone().any(|i| {
        doc.tokens[i].kind == TokenKind::Punct
            && matches!(doc.token_text(i), "," | "." | "!" | "?" | ";" | ":" | "…" | "...")
    });
    let scare = mid_sentence && !continues && words <= MAX_SCARE_WORDS && !punctuated;
    Some(Quotation { tokens, scare, continues })
}

/// Sentence-ending punctuation.
pub fn is_terminal(doc: &Document, i: usize) -> bool {
    doc.tokens[i].kind == TokenKind::Punct && matches!(doc.token_text(i), "." | "!" | "?" | ";" | "…" | "...")
}

fn word_count(doc: &Document, tokens: Range<usize>) -> usize {
    tokens.filter(|&i| matches!(doc.tokens[i].kind, TokenKind::Word | TokenKind::Number)).count()
}
