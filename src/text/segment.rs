//! Paragraph and sentence boundaries.
//!
//! Pasted news text marks paragraphs with line breaks, sometimes single and sometimes blank.
//! A single line break is taken as a soft wrap, not a paragraph break, only when it falls inside
//! a sentence: the line ends without closing punctuation and the next starts in lower case.
//! Sentences end at `.`, `!`, `?` or an ellipsis (with any closing quotes and brackets after
//! them) when the next token could open a sentence.

use std::ops::Range;

use super::{Grammar, Token, TokenKind, BLANK_LINE_BEFORE, LINE_START};

/// The most closing quotes and brackets that can stand between a sentence's last punctuation
/// and the next sentence ("…end.’”)").
const MAX_CLOSERS: usize = 4;

/// Splits `tokens` into sentences and paragraphs, both as contiguous token-index ranges.
pub fn segment(text: &str, tokens: &[Token], grammar: &Grammar) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let mut sentences = Vec::new();
    let mut paragraphs = Vec::new();
    let mut sentence_start = 0;
    let mut paragraph_start = 0;
    let token_text = |i: usize| &text[tokens[i].range()];

    for i in 1..tokens.len() {
        let token = &tokens[i];
        let new_paragraph = token.has(BLANK_LINE_BEFORE)
            || (token.has(LINE_START) && !is_soft_wrap(tokens, i, &token_text));
        if new_paragraph {
            sentences.push(sentence_start..i);
            paragraphs.push(paragraph_start..i);
            sentence_start = i;
            paragraph_start = i;
        } else if ends_sentence_before(text, tokens, i, grammar) {
            sentences.push(sentence_start..i);
            sentence_start = i;
        }
    }
    if !tokens.is_empty() {
        sentences.push(sentence_start..tokens.len());
        paragraphs.push(paragraph_start..tokens.len());
    }
    (sentences, paragraphs)
}

/// A line break inside a sentence: the previous line does not end like a sentence or heading
/// and the new line starts with a lower-case word.
fn is_soft_wrap<'a>(tokens: &[Token], i: usize, token_text: &impl Fn(usize) -> &'a str) -> bool {
    let starts_lower = token_text(i).chars().next().is_some_and(char::is_lowercase);
    let previous = token_text(i - 1);
    let previous_closes = matches!(previous, "." | "!" | "?" | ":" | "..." | "…")
        || tokens[i - 1].kind == TokenKind::Quote;
    starts_lower && !previous_closes
}

/// Whether a sentence ends right before token `i`. Asked before every token, so the common
/// case, a token after a word, is settled from token kinds and bytes without slicing the text.
fn ends_sentence_before(text: &str, tokens: &[Token], i: usize, grammar: &Grammar) -> bool {
    let bytes = text.as_bytes();
    // A word or number is no closer, so it would be the terminal itself: only a word with a
    // final period can be one.
    let previous = &tokens[i - 1];
    match previous.kind {
        TokenKind::Number => return false,
        TokenKind::Word if bytes[previous.end as usize - 1] != b'.' => return false,
        _ => {}
    }
    // Walk back over closing quotes and brackets to the punctuation that may end the sentence;
    // a few at most, so a run of a million quotation marks stays linear.
    let mut j = i - 1;
    let stop = i.saturating_sub(MAX_CLOSERS + 1);
    while j > stop && is_closer(&tokens[j], &bytes[tokens[j].range()]) {
        j -= 1;
    }
    let next = || &text[tokens[i].range()];
    match &bytes[tokens[j].range()] {
        // The fifth is "…" in UTF-8.
        b"." | b"!" | b"?" | b"..." | b"\xE2\x80\xA6" | b"?!" => {
            (j + 1 < i || tokens[i].has(super::SPACE_BEFORE)) && opens_sentence(tokens, i, next())
        }
        // "in the U.S. The …": an abbreviation ends a sentence only before a function word.
        [.., b'.'] if tokens[j].kind == TokenKind::Word && j + 1 == i => {
            let next = next();
            opens_sentence(tokens, i, next)
                && next.chars().next().is_some_and(char::is_uppercase)
                && grammar.is_function_word(next)
        }
        _ => false,
    }
}

/// Closing quotation marks and brackets that stay with the sentence they close.
fn is_closer(token: &Token, bytes: &[u8]) -> bool {
    match token.kind {
        TokenKind::Quote => !token.has(super::SPACE_AFTER) || !token.has(super::SPACE_BEFORE),
        TokenKind::Punct => matches!(bytes, b")" | b"]" | b"}"),
        _ => false,
    }
}

/// A token that can start a sentence: a capitalised word, a number, or an opening mark.
fn opens_sentence(tokens: &[Token], i: usize, text: &str) -> bool {
    match tokens[i].kind {
        TokenKind::Word => text.chars().next().is_some_and(|c| !c.is_lowercase()),
        TokenKind::Number | TokenKind::Quote => true,
        TokenKind::Punct => matches!(text, "(" | "[" | "-" | "—" | "•" | "*"),
    }
}

#[cfg(test)]
mod tests {
    use crate::text::{Document, Grammar};

    fn sentences(text: &str) -> Vec<&str> {
        let grammar = Grammar::embedded();
        let doc = Document::parse(text, &grammar);
        doc.sentences.iter().map(|r| doc.tokens_text(r.clone())).collect()
    }

    fn paragraphs(text: &str) -> Vec<&str> {
        let grammar = Grammar::embedded();
        let doc = Document::parse(text, &grammar);
        doc.paragraphs.iter().map(|r| doc.tokens_text(r.clone())).collect()
    }

    #[test]
    fn splits_at_periods() {
        assert_eq!(sentences("Hackers struck. The firm said so."), ["Hackers struck.", "The firm said so."]);
    }

    #[test]
    fn keeps_titles_and_initialisms() {
        assert_eq!(sentences("Mr. Smith met U.S. officials."), ["Mr. Smith met U.S. officials."]);
    }

    #[test]
    fn splits_after_initialism_before_function_word() {
        assert_eq!(sentences("He flew to the U.S. The talks failed."), ["He flew to the U.S.", "The talks failed."]);
    }

    #[test]
    fn closing_quote_stays_with_sentence() {
        assert_eq!(sentences("“We are ready.” She left."), ["“We are ready.”", "She left."]);
    }

    #[test]
    fn lines_are_paragraphs() {
        assert_eq!(paragraphs("Headline Here\nFirst line.\n\nSecond."), ["Headline Here", "First line.", "Second."]);
    }

    #[test]
    fn soft_wraps_join() {
        assert_eq!(paragraphs("The attack hit\nthe network.\n\nNext."), ["The attack hit\nthe network.", "Next."]);
    }

    #[test]
    fn empty_text() {
        assert!(sentences("").is_empty());
        assert!(sentences("  \n ").is_empty());
    }
}
