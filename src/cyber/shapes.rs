//! Names the lexicon does not know yet, recognised by their shape: new families are named
//! every week, faster than any public table.
//!
//! - Tracking ids of threat actors: a vendor prefix from the vocabulary's `context/actor-prefix`
//!   list and a number ("TA2722", "UNC3890", "APT41", "Storm-0558"). ATT&CK tactic ids
//!   (`TA00nn`) are left to [`super::ids`].
//! - A family name right before a generic malware word ("MirrorBlast malware", "Ryuk
//!   ransomware"): a word shaped like a product name (inner capitals or digits, "NetwireRAT")
//!   anywhere, or a capitalised word that does not open its sentence and is not a place or
//!   demonym ("Android" still slips through; see the report's weak points).

use std::collections::HashSet;
use std::ops::Range;

use crate::text::{Document, TokenKind};

/// A name found by its shape.
pub struct ShapedName {
    /// The token it covers.
    pub token: usize,
    /// Whether it is a threat actor (else a malware family).
    pub actor: bool,
}

/// Whether `word` is a vendor's tracking id for a threat actor: a known prefix, an optional
/// hyphen, and two to five digits, not an ATT&CK tactic id.
pub fn is_actor_id(word: &str, prefixes: &HashSet<&'static str>) -> bool {
    let digits_at = word.len() - word.bytes().rev().take_while(u8::is_ascii_digit).count();
    let (prefix, digits) = word.split_at(digits_at);
    let prefix = prefix.strip_suffix('-').unwrap_or(prefix);
    (2..=5).contains(&digits.len()) && prefixes.contains(prefix) && !(prefix == "TA" && digits.starts_with("00"))
}

/// The word lists the shapes need, from the vocabulary.
pub struct Lists<'a> {
    /// Vendor prefixes of actor tracking ids.
    pub actor_prefixes: &'a HashSet<&'static str>,
    /// Capitalised words that name platforms, not families ("Android", "Windows").
    pub not_families: &'a HashSet<&'static str>,
}

/// Family names before malware words and actor ids in `doc`. `malware_words` are the token
/// ranges of generic malware terms and `places` those of places and demonyms, both in order.
pub fn find(doc: &Document, malware_words: &[Range<usize>], places: &[Range<usize>], lists: &Lists) -> Vec<ShapedName> {
    let mut found = Vec::new();
    let sentence_starts: HashSet<usize> = doc.sentences.iter().map(|s| s.start).collect();
    let is_place = |i: usize| {
        let before = places.partition_point(|p| p.start <= i);
        before > 0 && places[before - 1].contains(&i)
    };
    let mut heads = malware_words.iter().map(|r| r.start).peekable();
    for (i, token) in doc.tokens.iter().enumerate() {
        if token.kind != TokenKind::Word {
            continue;
        }
        let word = doc.token_text(i);
        if is_actor_id(word, lists.actor_prefixes) {
            found.push(ShapedName { token: i, actor: true });
            continue;
        }
        while heads.next_if(|&h| h <= i).is_some() {}
        if heads.peek() != Some(&(i + 1)) {
            continue;
        }
        let name_like = is_product_shaped(word) || (is_capitalised(word) && !sentence_starts.contains(&i));
        if name_like && !is_place(i) && !lists.not_families.contains(word) {
            found.push(ShapedName { token: i, actor: false });
        }
    }
    found
}

/// Inner capitals or digits with letters: "MirrorBlast", "NetwireRAT", "ZLoader", "Gh0st".
fn is_product_shaped(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return false };
    let rest: Vec<char> = chars.collect();
    let inner_capital = rest.iter().any(|c| c.is_uppercase()) && rest.iter().any(|c| c.is_lowercase());
    let letters_and_digits = word.chars().any(char::is_alphabetic) && word.chars().any(|c| c.is_ascii_digit());
    first.is_alphabetic() && (inner_capital || letters_and_digits)
}

/// A capital then lower case: "Ryuk".
fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(|c| c.is_lowercase())
}
