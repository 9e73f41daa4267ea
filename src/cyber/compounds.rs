//! Known names inside longer words, and written in another case: "psexec.exe" is PsExec,
//! "NetwireRAT" is NETWIRE, "Sandworm-linked" names Sandworm, and "bloodHound" is BloodHound.
//!
//! The lexicon matches whole tokens, so a name glued to a suffix escapes it. Here the word
//! tokens that may end in one ([`may_end_in_name`]) or may be a product name (the word table,
//! [`super::words`]) are checked against the single-word canonical names of malware, tools and
//! threat actors:
//! - a program file (`.exe`) of a tool or family;
//! - a family with `RAT` glued on ("NetwireRAT", "QuasarRAT" when only "Quasar" is known);
//! - a name before a hyphenated relation word ("Sandworm-linked", "Emotet-like"): only the name
//!   is the term;
//! - the name itself in a case the lexicon does not accept ("bloodHound", "psexec"), when the
//!   canonical name is shaped like a product (inner capitals or digits: "BloodHound",
//!   "PsExec"); with cyber context, since "bloodhound" is also a dog.

use std::collections::HashMap;

use super::words::Words;
use crate::analysis::TermCategory;
use crate::lexicon::{fold_hash, Class, FastHash, Lexicon};
use crate::text::{Document, Token, TokenKind};

/// Words that, after a hyphen, relate a name to what follows rather than extend it.
const RELATIONS: [&str; 9] = ["based", "like", "linked", "related", "style", "type", "affiliated", "associated", "tied"];
/// The lengths of [`RELATIONS`]: a hyphen that far from the end of a word may start one.
const RELATION_LENGTHS: [usize; 5] = [4, 5, 6, 7, 10];
/// The last two bytes of [`RELATIONS`].
const RELATION_ENDS: [[u8; 2]; 4] = [*b"ed", *b"ke", *b"le", *b"pe"];

/// Single-word canonical names of malware, tools and threat actors, by folded hash.
pub struct Names {
    by_hash: HashMap<u64, u32, FastHash>,
}

impl Names {
    /// The single-word canonical names of the cyber entries of `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Names {
        let mut by_hash = HashMap::default();
        for (hash, index, _) in single_word_names(lexicon) {
            by_hash.entry(hash).or_insert(index);
        }
        Names { by_hash }
    }

    /// The entry whose canonical name is `word` in any case.
    fn get(&self, lexicon: &Lexicon, word: &str) -> Option<u32> {
        let &index = self.by_hash.get(&fold_hash(word))?;
        same_name(lexicon, index, word)
    }
}

/// The product-shaped ones among the single-word names of `lexicon`, which any case names, as
/// (folded hash, entry) pairs in table order, for the word table.
pub fn products(lexicon: &Lexicon) -> impl Iterator<Item = (u64, u32)> + '_ {
    single_word_names(lexicon).filter(|&(_, _, name)| is_product_shaped(name)).map(|(hash, index, _)| (hash, index))
}

/// The single-word canonical names of malware and threat actors in `lexicon`: (folded hash,
/// entry, name).
fn single_word_names(lexicon: &Lexicon) -> impl Iterator<Item = (u64, u32, &'static str)> + '_ {
    lexicon.entries.iter().enumerate().filter_map(|(index, entry)| {
        let named = matches!(entry.class, Class::Cyber(TermCategory::Malware | TermCategory::ThreatActor));
        (named && !entry.name.contains(' ')).then(|| (fold_hash(entry.name), index as u32, entry.name))
    })
}

/// `index` if the canonical name of that entry is `word` in any case: a folded hash may
/// collide.
fn same_name(lexicon: &Lexicon, index: u32, word: &str) -> Option<u32> {
    let name = lexicon.entries.get(index as usize)?.name;
    name.eq_ignore_ascii_case(word).then_some(index)
}

/// A name found inside or as a token.
pub struct Compound {
    /// Byte range of the name's part of the token (all of it for program files).
    pub start: usize,
    /// End of that range.
    pub end: usize,
    /// The token it is in.
    pub token: usize,
    /// The lexicon entry it names.
    pub entry: u32,
    /// Whether the reading needs cyber context: a product name written all in lower case
    /// ("bloodhound") may be the ordinary word.
    pub needs_context: bool,
}

/// Whether the word `token` of the text `bytes` may end in a name glued to ".exe", "RAT" or a
/// hyphen and a relation word: only these endings can hide one, and most words are ruled out
/// by a byte or two. A word that may end in a relation word ends as one does ([`RELATION_ENDS`]),
/// which leaves out most words ending in `e` or `d` before the search for the hyphen.
pub fn may_end_in_name(bytes: &[u8], token: &Token) -> bool {
    let (start, end) = (token.start as usize, token.end as usize);
    if !may_end_with(bytes[end - 1]) || end - start < 4 {
        return false;
    }
    let hyphen_before = |len: usize| end.checked_sub(len + 1).is_some_and(|at| at >= start && bytes[at] == b'-');
    match bytes[end - 1] {
        b'e' | b'E' if bytes[end - 4..end].eq_ignore_ascii_case(b".exe") => true,
        b'T' if bytes[end - 3..end] == *b"RAT" => true,
        b'd' | b'e' => RELATION_ENDS.contains(&[bytes[end - 2], bytes[end - 1]]) && RELATION_LENGTHS.into_iter().any(hyphen_before),
        _ => false,
    }
}

/// Whether a word ending with the byte `last` may end in a name: [`may_end_in_name`] on one
/// byte.
pub const fn may_end_with(last: u8) -> bool {
    matches!(last, b'e' | b'E' | b'T' | b'd')
}

/// Every name of `names` found inside, or in another case as, a word token of `doc`, among
/// `tokens`: those that may end in a name or be a product name, in order. `hashes` are the
/// folded token hashes, and `words` holds the product names.
pub fn find(doc: &Document, lexicon: &Lexicon, names: &Names, words: &Words, tokens: impl Iterator<Item = usize>) -> Vec<Compound> {
    let hashes: &[u64] = &doc.hashes;
    let mut found = Vec::new();
    for i in tokens {
        let token = &doc.tokens[i];
        if token.kind != TokenKind::Word || token.end - token.start < 4 {
            continue;
        }
        let start = token.start as usize;
        let word = doc.token_text(i);
        let hit = |stem: &str| names.get(lexicon, stem);
        let glued = match strip_ascii_suffix(word, ".exe") {
            Some(program) => Some(program),
            None => word.strip_suffix("RAT").filter(|stem| !stem.is_empty()),
        };
        let reading = glued.and_then(hit).map(|entry| (word.len(), entry));
        let related = || {
            let (stem, rest) = word.split_once('-')?;
            RELATIONS.contains(&rest).then(|| hit(stem).map(|entry| (stem.len(), entry)))?
        };
        if let Some((len, entry)) = reading.or_else(related) {
            found.push(Compound { start, end: start + len, token: i, entry, needs_context: false });
        } else if let Some(entry) = hashes.get(i).and_then(|&hash| words.product(hash)).and_then(|index| same_name(lexicon, index, word)) {
            // A product-shaped name in any case: written with inner capitals it is a name,
            // in one case it may be the ordinary word.
            found.push(Compound { start, end: start + word.len(), token: i, entry, needs_context: !is_product_shaped(word) });
        }
    }
    found
}

/// `word` without `suffix`, compared without regard to ASCII case.
fn strip_ascii_suffix<'w>(word: &'w str, suffix: &str) -> Option<&'w str> {
    let cut = word.len().checked_sub(suffix.len())?;
    word.get(cut..).filter(|tail| tail.eq_ignore_ascii_case(suffix))?;
    word.get(..cut).filter(|stem| !stem.is_empty())
}

/// Inner capitals, or digits among at least three letters, in one unhyphenated word:
/// "BloodHound", "PsExec", "NetwireRAT", "Gh0st"; not "Ryuk", "ADFIND", "x64" or "COVID-19".
pub fn is_product_shaped(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return false };
    let rest = chars.as_str();
    let inner_capital = rest.chars().any(char::is_uppercase) && rest.chars().any(char::is_lowercase);
    let letters_and_digits = word.chars().filter(|c| c.is_alphabetic()).count() >= 3 && word.chars().any(|c| c.is_ascii_digit());
    first.is_alphabetic() && !word.contains('-') && (inner_capital || letters_and_digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relation_lengths_and_ends_cover_every_relation() {
        assert!(RELATIONS.iter().all(|r| RELATION_LENGTHS.contains(&r.len())));
        assert!(RELATIONS.iter().all(|r| RELATION_ENDS.iter().any(|end| r.as_bytes().ends_with(end))));
    }
}
