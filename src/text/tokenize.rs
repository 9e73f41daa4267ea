//! Splits text into word, number, punctuation and quotation-mark tokens.
//!
//! The tokens follow the CoNLL-2003 conventions the actor model was trained on: a possessive
//! `'s` is its own token, initialisms keep their dots ("U.S."), hyphenated words stay whole
//! ("U.S.-based", "COVID-19"). Whitespace is not a token; line breaks are recorded as flags on
//! the token after them, so paragraphs and headlines can be found without a second pass.
//!
//! Offsets are `u32` to halve the memory of a token stream; texts over 4 GiB are cut by
//! [`crate::Analyzer::analyze`] before they reach here.

use super::case::{self, ascii_word};
use super::fold::{fold_hash, fold_hash_ascii_byte};
use super::chars::{is_ascii_alphanumeric_byte, is_dash, is_invisible, is_letter, is_quote_char, is_word_char};
use super::{Token, TokenKind, WordSet};

/// Token flag: whitespace (or the start of the text) comes right before the token.
pub const SPACE_BEFORE: u8 = 1;
/// Token flag: whitespace (or the end of the text) comes right after the token.
pub const SPACE_AFTER: u8 = 2;
/// Token flag: the token is the first on its line.
pub const LINE_START: u8 = 4;
/// Token flag: a blank line comes before the token.
pub const BLANK_LINE_BEFORE: u8 = 8;

/// Abbreviations whose trailing period belongs to the word ("Mr.", "Inc.", "Jan.").
/// Stored lower-case without the dot; `data/grammar/abbreviations.txt` is the source.
pub struct Abbreviations {
    words: WordSet,
}

impl Abbreviations {
    /// Parses the embedded list: one abbreviation per line, `#` starts a comment.
    pub fn embedded() -> Abbreviations {
        let words = WordSet::new(super::data_lines(include_str!("../../data/grammar/abbreviations.txt")));
        Abbreviations { words }
    }

    fn contains(&self, word: &str) -> bool {
        self.words.contains_folded(word)
    }
}

/// Tokenizes `text` (at most `u32::MAX` bytes): the tokens, and the [`fold_hash`] of each.
///
/// News text is nearly all ASCII letters and spaces, and the loop handles those itself, by
/// bytes; every other char goes through [`classify`], where the rules are written for chars.
pub fn tokenize(text: &str, abbreviations: &Abbreviations) -> (Vec<Token>, Vec<u64>) {
    debug_assert!(text.len() <= u32::MAX as usize);
    let bytes = text.as_bytes();
    let mut out = Output::new(text.len());
    let mut pos = 0usize;
    let mut flags = SPACE_BEFORE | LINE_START;
    let mut newlines = 0u32;

    while let Some(&b) = bytes.get(pos) {
        if b == b' ' {
            flags |= SPACE_BEFORE;
            pos += 1;
            continue;
        }
        // The class of the ASCII run a word starts with, which is the word's when the run is
        // all of it.
        let (end, kind, run) = if b.is_ascii_alphabetic() {
            let run = ascii_word(bytes, pos);
            let end = run.end;
            // The commonest token by far: a word of ASCII letters and digits, then a space or
            // the end of the text. It needs no period, and it is no possessive, which needs an
            // apostrophe.
            if bytes.get(end).map_or(true, |&b| b == b' ') {
                let word = Token { start: pos as u32, end: end as u32, kind: TokenKind::Word, flags: flags | SPACE_AFTER, case: run.class };
                out.push(word, run.hash);
                newlines = 0;
                flags = SPACE_BEFORE;
                pos = end + 1;
                continue;
            }
            (word_end_after(text, end), TokenKind::Word, Some(run))
        } else {
            match classify(text, pos) {
                // A mark or a digit of one byte, a sixth of the tokens: its class is its kind's.
                At::Token(end, kind) if end == pos + 1 && b.is_ascii() && kind != TokenKind::Word => {
                    let case = case::classify(&bytes[pos..end], kind);
                    let token = Token { start: pos as u32, end: end as u32, kind, flags: flags | space_after(text, end), case };
                    out.push(token, fold_hash_ascii_byte(b));
                    newlines = 0;
                    flags = 0;
                    pos = end;
                    continue;
                }
                At::Token(end, kind) => (end, kind, None),
                At::Space(end, breaks) => {
                    // The line flags go to the next token, whatever spaces come first.
                    newlines += breaks;
                    flags |= SPACE_BEFORE;
                    if newlines > 0 {
                        flags |= LINE_START;
                    }
                    if newlines > 1 {
                        flags |= BLANK_LINE_BEFORE;
                    }
                    pos = end;
                    continue;
                }
                // Zero-width characters between words are not spaces: leave flags alone.
                At::Invisible(end) => {
                    pos = end;
                    continue;
                }
            }
        };
        newlines = 0;
        let start = pos;
        // The class and hash of the token ending at `end`: the run's, when it is all of it.
        let case_and_hash = |end: usize| match &run {
            Some(run) if run.end == end => (run.class, run.hash),
            _ => (case::classify(&bytes[start..end], kind), fold_hash(&text[start..end])),
        };
        if kind == TokenKind::Word {
            if let Some(split) = possessive_start(&bytes[start..end]) {
                // "Biden's": the name, then the possessive as a word of its own.
                let stem = start + split;
                let (case, hash) = case_and_hash(stem);
                out.push(Token { start: start as u32, end: stem as u32, kind, flags, case }, hash);
                let after = space_after(text, end);
                let case = case::classify(&bytes[stem..end], kind);
                out.push(Token { start: stem as u32, end: end as u32, kind, flags: after, case }, fold_hash(&text[stem..end]));
                flags = 0;
                pos = end;
                continue;
            }
        }
        let end = if kind == TokenKind::Word && bytes.get(end) == Some(&b'.') && keeps_period(&text[start..end], abbreviations) {
            end + 1
        } else {
            end
        };
        let (case, hash) = case_and_hash(end);
        out.push(Token { start: start as u32, end: end as u32, kind, flags: flags | space_after(text, end), case }, hash);
        flags = 0;
        pos = end;
    }
    // The end of the text counts as a space, even after invisible characters.
    if let Some(last) = out.tokens.last_mut() {
        last.flags |= SPACE_AFTER;
    }
    (out.tokens, out.hashes)
}

/// The tokens and their hashes so far.
struct Output {
    tokens: Vec<Token>,
    hashes: Vec<u64>,
    /// The length of the whole text.
    length: usize,
}

impl Output {
    fn new(length: usize) -> Output {
        // News text averages about six bytes a token.
        let capacity = length / 5 + 1;
        Output { tokens: Vec::with_capacity(capacity), hashes: Vec::with_capacity(capacity), length }
    }

    #[inline(always)]
    fn push(&mut self, token: Token, hash: u64) {
        if self.tokens.len() == self.tokens.capacity() {
            self.grow(token.end as usize);
        }
        self.tokens.push(token);
        self.hashes.push(hash);
    }

    /// Makes room for as many tokens as the text read so far, up to byte `read`, predicts for
    /// the whole text, and a sixteenth more. A text of a token a byte (a wall of quotation
    /// marks) then grows its two vectors once or twice instead of doubling them four times,
    /// which at the last doubling held three times the final tokens at once.
    #[cold]
    fn grow(&mut self, read: usize) {
        let done = self.tokens.len();
        let expected = (done as u64 * self.length as u64 / read.max(1) as u64) as usize;
        let more = (expected + expected / 16).saturating_sub(done).max(done / 4).max(16);
        self.tokens.reserve_exact(more);
        self.hashes.reserve_exact(more);
    }
}

/// What the text holds at a byte that is not an ASCII letter.
enum At {
    /// A token, ending at the byte given, of the kind given.
    Token(usize, TokenKind),
    /// A space or control character, ending at the byte given, with the line breaks it makes.
    Space(usize, u32),
    /// An invisible character, ending at the byte given.
    Invisible(usize),
}

/// What starts at byte `pos` of `text`, which is not an ASCII letter.
fn classify(text: &str, pos: usize) -> At {
    let bytes = text.as_bytes();
    let (c, width) = match bytes[pos] {
        b if b.is_ascii() => (char::from(b), 1),
        _ => decode_at(text, pos),
    };
    if is_space(c) {
        return At::Space(pos + width, line_breaks(c, bytes.get(pos + 1)));
    }
    if is_invisible(c) {
        return At::Invisible(pos + width);
    }
    // "’90s", "'80s": an apostrophe standing for a century, not a quotation mark.
    let decade = || is_apostrophe(c) && starts_decade(bytes, pos + width);
    let letter = is_letter(c);
    if letter || c.is_ascii_digit() || decade() {
        let end = word_end(text, pos + width);
        let word = letter || (c.is_ascii_digit() && has_letter(&text[pos..end]));
        At::Token(end, if word { TokenKind::Word } else { TokenKind::Number })
    } else if is_quote_char(c) {
        At::Token(pos + width, TokenKind::Quote)
    } else {
        At::Token(scan_punct(text, pos, c), TokenKind::Punct)
    }
}

/// [`SPACE_AFTER`] if a space comes at byte `end` of `text`, or the text ends there; else 0.
#[inline(always)]
fn space_after(text: &str, end: usize) -> u8 {
    let space = match text.as_bytes().get(end) {
        None => true,
        Some(&b) if b.is_ascii() => b <= b' ' || b == 0x7f,
        Some(_) => is_space(decode_at(text, end).0),
    };
    if space {
        SPACE_AFTER
    } else {
        0
    }
}

/// Whether a token that starts with a digit has a letter: "4G" is a word, "1,000" a number.
fn has_letter(token: &str) -> bool {
    // A char beyond ASCII needs decoding to tell; most numbers have none.
    token.bytes().any(|b| b.is_ascii_alphabetic()) || (!token.is_ascii() && token.chars().any(char::is_alphabetic))
}

/// How many line breaks the space character `c` makes; `next` is the byte after it.
fn line_breaks(c: char, next: Option<&u8>) -> u32 {
    match c {
        '\n' | '\u{2028}' => 1,
        // "\r\n" counts once, at its "\n".
        '\r' => u32::from(next != Some(&b'\n')),
        '\u{2029}' => 2,
        _ => 0,
    }
}

/// The char starting at byte `pos`, which must be a char boundary, and its width; `'\0'` at
/// the end of the text.
fn decode_at(text: &str, pos: usize) -> (char, usize) {
    let c = text.get(pos..).and_then(|rest| rest.chars().next()).unwrap_or('\0');
    (c, c.len_utf8())
}

/// The char starting at byte `pos`, which must be a char boundary, or `None` at the end of the
/// text. News text is mostly ASCII, so a single byte is read without a UTF-8 decode.
fn char_at(text: &str, pos: usize) -> Option<char> {
    match text.as_bytes().get(pos) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text.get(pos..).and_then(|rest| rest.chars().next()),
    }
}

/// The char ending at byte `pos`, which must be a char boundary, or `None` at the start.
fn char_before(text: &str, pos: usize) -> Option<char> {
    match pos.checked_sub(1).map(|p| text.as_bytes()[p]) {
        Some(b) if b.is_ascii() => Some(char::from(b)),
        _ => text[..pos].chars().next_back(),
    }
}

/// Whitespace and control characters, which separate tokens; ASCII without a table lookup.
fn is_space(c: char) -> bool {
    if c.is_ascii() {
        c <= ' ' || c == '\u{7f}'
    } else {
        c.is_whitespace() || c.is_control()
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// True when `bytes[pos..]` is two digits then `s` or a non-word byte: the "90s" of "’90s".
fn starts_decade(bytes: &[u8], pos: usize) -> bool {
    match bytes.get(pos..pos + 2) {
        Some([a, b]) if a.is_ascii_digit() && b.is_ascii_digit() => {
            !matches!(bytes.get(pos + 2), Some(c) if c.is_ascii_digit())
        }
        _ => false,
    }
}

/// The end of a word or number that goes on at `pos`: word characters, joined by single
/// hyphens, dots, ampersands and apostrophes that have word characters on both sides.
fn word_end(text: &str, pos: usize) -> usize {
    word_end_after(text, ascii_run_end(text.as_bytes(), pos))
}

/// The end of the ASCII letters and digits from `pos`.
// Every word goes through here, and a call would cost about as much as most words.
#[inline(always)]
fn ascii_run_end(bytes: &[u8], pos: usize) -> usize {
    pos + bytes[pos..].iter().take_while(|&&b| is_ascii_alphanumeric_byte(b)).count()
}

/// [`word_end`] for a word whose ASCII letters and digits end at `end`.
#[inline(always)]
fn word_end_after(text: &str, end: usize) -> usize {
    let bytes = text.as_bytes();
    // Most words end at an ASCII space or punctuation mark that cannot join two words, or at
    // a joiner before an ASCII byte that no joiner joins to: "said, " or "said." at the end.
    let ends_here = |b: &u8| b.is_ascii() && !b.is_ascii_alphanumeric() && *b != b'-';
    match bytes.get(end) {
        Some(&b) if b.is_ascii() && !is_ascii_joiner(b) => end,
        Some(&b) if b.is_ascii() && bytes.get(end + 1).map_or(true, ends_here) => end,
        Some(_) => scan_word(text, end),
        None => end,
    }
}

/// [`word_end`] past a joiner or a char beyond ASCII.
fn scan_word(text: &str, mut pos: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        pos += bytes[pos..].iter().take_while(|&&b| is_ascii_alphanumeric_byte(b)).count();
        let Some(&b) = bytes.get(pos) else { return pos };
        let (c, width) = if b.is_ascii() {
            if !is_ascii_joiner(b) {
                return pos;
            }
            (char::from(b), 1)
        } else {
            let (c, width) = decode_at(text, pos);
            if is_word_char(c) {
                pos += width;
                continue;
            }
            if !is_apostrophe(c) {
                return pos;
            }
            (c, width)
        };
        let next_pos = pos + width;
        let (Some(next), Some(prev)) = (char_at(text, next_pos), char_before(text, pos)) else { return pos };
        let joins = match c {
            // "U.S.-based": a hyphen may follow an initialism's final dot.
            '-' => is_word_char(next) && (is_word_char(prev) || prev == '.'),
            '.' => (is_word_char(next) && is_word_char(prev)) || (next == '-' && prev.is_uppercase()),
            // AT&T, S&P, M&A: only between capitals.
            '&' => next.is_uppercase() && prev.is_uppercase(),
            // 1,000 and 12:30 and 9/11: only between digits.
            ',' | ':' | '/' => next.is_ascii_digit() && prev.is_ascii_digit(),
            // O'Brien, don't: an apostrophe between letters.
            _ => next.is_alphabetic() && prev.is_alphabetic(),
        };
        if !joins {
            return pos;
        }
        pos = next_pos;
    }
}

/// The ASCII characters that [`scan_word`] may keep inside a word when word characters follow.
fn is_ascii_joiner(b: u8) -> bool {
    matches!(b, b'-' | b'.' | b'&' | b'/' | b',' | b':' | b'\'')
}

/// Where a possessive `'s` or `’s` ends the word `word` ("Biden's" → 5), if it does and
/// something comes before it.
fn possessive_start(word: &[u8]) -> Option<usize> {
    let (last, stem) = word.split_last()?;
    if !matches!(last, b's' | b'S') {
        return None;
    }
    let apostrophe = match stem {
        [.., b'\''] => 1,
        [.., 0xE2, 0x80, 0x99] => 3,
        _ => return None,
    };
    (stem.len() > apostrophe).then_some(stem.len() - apostrophe)
}

/// Whether the period right after `word` belongs to it: initialisms ("U.S."), single capital
/// initials ("John F."), and known abbreviations ("Mr.", "Inc.").
fn keeps_period(word: &str, abbreviations: &Abbreviations) -> bool {
    if word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.') {
        return true;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    abbreviations.contains(word)
}

/// The end of a punctuation token: runs of dots and of dashes stay together ("...", "--").
fn scan_punct(text: &str, pos: usize, c: char) -> usize {
    let run = c == '.' || (c == '-' || is_dash(c));
    let mut end = pos + c.len_utf8();
    if run {
        for next in text[end..].chars() {
            if next == c {
                end += next.len_utf8();
            } else {
                break;
            }
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let abbreviations = Abbreviations::embedded();
        tokenize(text, &abbreviations).0
            .iter()
            .map(|t| &text[t.start as usize..t.end as usize])
            .collect()
    }

    macro_rules! t {
        ($name:ident, $text:expr, $expected:expr) => {
            #[test]
            fn $name() {
                assert_eq!(words($text), $expected as &[&str]);
            }
        };
    }

    t!(plain, "Biden met Putin.", &["Biden", "met", "Putin", "."]);
    t!(possessive, "Biden's plan", &["Biden", "'s", "plan"]);
    t!(curly_possessive_after_s, "Jones’s car", &["Jones", "’s", "car"]);
    t!(plural_not_possessive, "its plans", &["its", "plans"]);
    t!(curly_possessive, "Microsoft’s chief", &["Microsoft", "’s", "chief"]);
    t!(initialism, "the U.S. said", &["the", "U.S.", "said"]);
    t!(initialism_hyphen, "U.S.-based firms", &["U.S.-based", "firms"]);
    t!(title_abbreviation, "Mr. Smith", &["Mr.", "Smith"]);
    t!(abbreviation_any_case, "MR. Smith and gen. Jones", &["MR.", "Smith", "and", "gen.", "Jones"]);
    t!(word_before_period, "a cat. Mrs", &["a", "cat", ".", "Mrs"]);
    t!(middle_initial, "John F. Kennedy", &["John", "F.", "Kennedy"]);
    t!(sentence_period, "hackers. The", &["hackers", ".", "The"]);
    t!(number_grouping, "1,000.50 dollars", &["1,000.50", "dollars"]);
    t!(decade, "the ’90s", &["the", "’90s"]);
    t!(apostrophe_inside, "O'Brien won't", &["O'Brien", "won't"]);
    t!(ampersand, "AT&T and S&P", &["AT&T", "and", "S&P"]);
    t!(quotes, "“No,” he said", &["“", "No", ",", "”", "he", "said"]);
    t!(ellipsis, "wait... no", &["wait", "...", "no"]);
    t!(hyphenated, "COVID-19 and cyber-attack", &["COVID-19", "and", "cyber-attack"]);
    t!(leading_quote, "'Hello'", &["'", "Hello", "'"]);
    t!(zero_width, "Net\u{200B}work", &["Net\u{200B}work"]);
    t!(combining, "Cafe\u{301} noir", &["Cafe\u{301}", "noir"]);
    t!(arabic, "قال الرئيس", &["قال", "الرئيس"]);
    t!(emoji, "hi 🙂 there", &["hi", "🙂", "there"]);

    #[test]
    fn line_flags() {
        let abbreviations = Abbreviations::embedded();
        let (tokens, _) = tokenize("One\nTwo\r\n\r\nThree", &abbreviations);
        assert_eq!(tokens[0].flags & LINE_START, LINE_START);
        assert_eq!(tokens[1].flags & (LINE_START | BLANK_LINE_BEFORE), LINE_START);
        assert_eq!(tokens[2].flags & BLANK_LINE_BEFORE, BLANK_LINE_BEFORE);
    }
}
