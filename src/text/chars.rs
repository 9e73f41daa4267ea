//! Character classes shared by the tokenizer and the quotation finder.

/// Letters, digits and the marks that belong inside a word (combining accents, Indic vowel
/// signs, zero-width joiners, and the invisible characters that web pages scatter in words).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Typographic quotes and dashes end most words that do not end in ASCII: the General
    // Punctuation block holds no letters, so the Unicode tables need not be consulted.
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return is_invisible(c);
    }
    c.is_alphanumeric() || is_combining_mark(c) || is_invisible(c)
}

/// `char::is_alphabetic`, without the Unicode tables for General Punctuation, which holds no
/// letters and most of the chars beyond ASCII in news text (quotes and dashes).
pub fn is_letter(c: char) -> bool {
    !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphabetic()
}

/// ASCII letters and digits, by table: the tokenizer's innermost loop tests every byte of a word.
pub fn is_ascii_alphanumeric_byte(b: u8) -> bool {
    const TABLE: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = (b as u8).is_ascii_alphanumeric();
            b += 1;
        }
        table
    };
    TABLE[usize::from(b)]
}

/// Soft hyphens, zero-width spaces and joiners, word joiners and byte-order marks.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// The main blocks of combining marks. `char::is_alphanumeric` already covers most marks that
/// the Unicode "Alphabetic" property includes; these are the ones it leaves out.
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// Characters used as quotation marks in English and European news text, including the
/// apostrophe-like ones that need context to tell apart.
pub fn is_quote_char(c: char) -> bool {
    matches!(c,
        '"' | '\'' | '`'
        | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}'
        | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}'
        | '\u{00AB}' | '\u{00BB}' | '\u{2039}' | '\u{203A}'
        | '\u{300C}' | '\u{300D}' | '\u{FF02}')
}

/// Hyphens and dashes other than the ASCII hyphen-minus.
pub fn is_dash(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}')
}
