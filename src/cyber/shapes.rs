//! Names the lexicon does not know yet, recognised by their shape: new families are named
//! every week, faster than any public table.
//!
//! - Tracking ids of threat actors: a vendor prefix from the vocabulary's `context/actor-prefix`
//!   list and a number ("TA2722", "UNC3890", "APT41", "Storm-0558", also "APT 41"). ATT&CK
//!   tactic ids (`TA00nn`) are left to [`super::ids`].
//! - Vendors' two-word actor names: a capitalised word and a scheme word from the vocabulary's
//!   `context/actor-suffix` list ("Volt Typhoon", "Charming Kitten", "Muddled Libra"). Zoos and
//!   weather reports use the same words, so these need cyber context, and a place or demonym
//!   in front ("Siberian Tiger") is never one.
//! - A family name right before a generic malware word ("MirrorBlast malware", "Ryuk
//!   ransomware"): a word shaped like a product name (inner capitals or digits, "NetwireRAT")
//!   anywhere, or a capitalised word that does not open its sentence and is not a place or
//!   demonym ("Android" still slips through; see the report's weak points). Before a malware
//!   word that is also an ordinary word ("virus", "worm"), the capitalised word needs a cyber
//!   term near it, where cue words alone do not do: "the Zika virus" is no family, though
//!   news of it writes "infections" and "strain".

use std::collections::HashSet;
use std::ops::Range;

use super::compounds::is_product_shaped;
use super::marks::{Marks, SHAPE};
use super::Need;
use super::words::{ACTOR_SUFFIX, TOOL_WORD};
use crate::text::{Document, TokenKind, SPACE_BEFORE};

/// A generic malware word ("ransomware", "virus") in a document.
pub struct MalwareWord {
    /// The tokens it covers.
    pub tokens: Range<usize>,
    /// Whether it is also an ordinary word, which needs cyber context.
    pub needs_context: bool,
}

/// A name found by its shape.
pub struct ShapedName {
    /// The tokens it covers.
    pub tokens: Range<usize>,
    /// Whether it is a threat actor (else a malware family).
    pub actor: bool,
    /// What it needs around it.
    pub need: Need,
    /// Whether it may be repeated in any case: it is shaped like a product ("MirrorBlast").
    pub case_free: bool,
}

/// Whether a word ending with the byte `last` may be an actor's tracking id: it ends in a
/// digit, as most words do not.
pub const fn may_end_with(last: u8) -> bool {
    last.is_ascii_digit()
}

/// Whether `word` is a vendor's tracking id for a threat actor: a known prefix, an optional
/// hyphen, and two to five digits, not an ATT&CK tactic id.
pub fn is_actor_id(word: &str, prefixes: &HashSet<&'static str>) -> bool {
    // Most words end in a letter: out at the first byte test.
    if !word.as_bytes().last().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let digits_at = word.len() - word.bytes().rev().take_while(u8::is_ascii_digit).count();
    let (prefix, digits) = word.split_at(digits_at);
    let prefix = prefix.strip_suffix('-').unwrap_or(prefix);
    (2..=5).contains(&digits.len()) && prefixes.contains(prefix) && !(prefix == "TA" && digits.starts_with("00"))
}

/// The word lists the shapes need, from the vocabulary.
pub struct Lists<'a> {
    /// Vendor prefixes of actor tracking ids.
    pub actor_prefixes: &'a HashSet<&'static str>,
    /// Second words of vendors' actor names ("Bear", "Typhoon"), as written.
    pub actor_suffixes: &'a HashSet<&'static str>,
    /// Closed-class words, which never start a name ("The Bear").
    pub is_function_word: &'a dyn Fn(&str) -> bool,
    /// Capitalised words that name platforms, not families ("Android", "Windows").
    pub not_families: &'a HashSet<&'static str>,
}

/// Family names before malware words and tool words, and actor ids, in `doc`, at the tokens
/// that `marks` marks with [`SHAPE`] (a word that ends in a digit, or before a number, an
/// actor-name suffix, a tool word or a malware word). `malware_words` are the generic malware
/// terms and `places` the token ranges of places and demonyms, both in order.
///
/// A tool word heads a name as a malware word does ("the BMPack packer"), but only a name
/// shaped like a product: "the European framework" is no tool.
pub fn find(doc: &Document, marks: &Marks, malware_words: &[MalwareWord], places: &[Range<usize>], lists: &Lists) -> Vec<ShapedName> {
    let mut found = Vec::new();
    let bytes = doc.text.as_bytes();
    let is_place = |i: usize| {
        let before = places.partition_point(|p| p.start <= i);
        before > 0 && places[before - 1].contains(&i)
    };
    let opens_sentence = |i: usize| doc.sentences.get(doc.sentence_of(i)).is_some_and(|s| s.start == i);
    let mut heads = malware_words.iter().peekable();
    for i in marks.tokens(SHAPE) {
        let token = &doc.tokens[i];
        if token.kind != TokenKind::Word {
            continue;
        }
        if may_end_with(bytes[token.end as usize - 1]) && is_actor_id(doc.token_text(i), lists.actor_prefixes) {
            found.push(ShapedName { tokens: i..i + 1, actor: true, need: Need::Nothing, case_free: true });
            continue;
        }
        let next_flags = marks.get(i + 1);
        if let Some(next) = doc.tokens.get(i + 1).filter(|t| t.has(SPACE_BEFORE)) {
            let word = || doc.token_text(i);
            if next.kind == TokenKind::Number {
                // "APT 41": a prefix in capitals and the number written apart.
                let word = word();
                if is_upper(word) && lists.actor_prefixes.contains(word) {
                    if is_actor_id(&format!("{word}{}", doc.token_text(i + 1)), lists.actor_prefixes) {
                        found.push(ShapedName { tokens: i..i + 2, actor: true, need: Need::Nothing, case_free: false });
                    }
                    continue;
                }
            } else if next_flags & ACTOR_SUFFIX != 0 {
                let (word, suffix) = (word(), doc.token_text(i + 1));
                if is_capitalised(word) && is_capitalised(suffix) && lists.actor_suffixes.contains(suffix) {
                    if !is_place(i) && !(lists.is_function_word)(word) {
                        found.push(ShapedName { tokens: i..i + 2, actor: true, need: Need::Sentence, case_free: false });
                    }
                    continue;
                }
            }
        }
        while heads.next_if(|h| h.tokens.start <= i).is_some() {}
        let head = heads.peek().filter(|h| h.tokens.start == i + 1);
        let before_malware_word = head.is_some();
        if !before_malware_word && next_flags & TOOL_WORD == 0 {
            continue;
        }
        let word = doc.token_text(i);
        let product = is_product_shaped(word);
        if !before_malware_word && !product {
            continue;
        }
        let name_like = product || (is_capitalised(word) && !opens_sentence(i));
        if name_like && !is_place(i) && !lists.not_families.contains(word) && !(lists.is_function_word)(word) {
            let need = if !product && head.is_some_and(|h| h.needs_context) { Need::Term } else { Need::Nothing };
            found.push(ShapedName { tokens: i..i + 1, actor: false, need, case_free: product });
        }
    }
    found
}

/// Only capital ASCII letters: "APT".
fn is_upper(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_uppercase())
}

/// A capital then lower case: "Ryuk".
fn is_capitalised(word: &str) -> bool {
    // A first byte that is ASCII but no capital settles most words at once.
    if word.as_bytes().first().is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return false;
    }
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(|c| c.is_lowercase())
}
