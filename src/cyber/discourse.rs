//! One sense per discourse: a name recognised once in a document names the same thing wherever
//! else the document writes it.
//!
//! A report that says "the MirrorBlast loader" once goes on to write plain "MirrorBlast", and
//! a news story that names "Sliver" next to "the implant" later writes "Sliver" alone, where
//! neither the shape rule nor the context rule would fire. Each accepted name is looked for
//! again, token by token: with the same capitalisation, or in any case when the name cannot be
//! an ordinary word (a lexicon name that needs neither exact case nor context, or one shaped
//! like a product). A word inside a file path or URL path ("/images/mirrorblast/") is not a
//! mention.

use std::ops::Range;

use super::words::HashBits;
use crate::lexicon::PhraseTrie;
use crate::text::Document;

/// A name accepted somewhere in the document.
pub struct Name {
    /// Its tokens where it was accepted.
    pub tokens: Range<usize>,
    /// Whether other capitalisations name it too.
    pub case_free: bool,
}

/// Another place where the document writes the name `names[source]`.
pub struct Repeat {
    /// The tokens there.
    pub tokens: Range<usize>,
    /// Index into the accepted names.
    pub source: usize,
}

/// Every other occurrence of the accepted `names` in `doc`, in order, none overlapping;
/// `hashes` are the folded token hashes. Linear: one hash lookup per token, and the names
/// that share a first token are compared only there.
pub fn repeats(doc: &Document, names: &[Name]) -> Vec<Repeat> {
    let hashes: &[u64] = &doc.hashes;
    if names.is_empty() {
        return Vec::new();
    }
    // One source per distinct spelling, grouped by first token; a case-free source first, so
    // it wins. The groups are one-token phrases of a trie, and a bit table of their first
    // tokens turns away at once nearly every token of the text.
    let mut firsts = PhraseTrie::default();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (index, name) in names.iter().enumerate() {
        let Some(&first) = hashes.get(name.tokens.start) else { continue };
        let Some(group) = firsts.insert(&[first], groups.len() as u32) else { continue };
        if group as usize == groups.len() {
            groups.push(Vec::new());
        }
        let sources = &mut groups[group as usize];
        let same = |&other: &usize| same_words(doc, &names[other].tokens, &name.tokens, names[other].case_free);
        if !sources.iter().any(same) {
            sources.push(index);
            sources.sort_by_key(|&s| (std::cmp::Reverse(names[s].tokens.len()), !names[s].case_free));
        }
    }
    let filter = HashBits::new(names.iter().filter_map(|name| hashes.get(name.tokens.start).copied()));
    let mut found = Vec::new();
    let mut i = 0;
    loop {
        i += hashes.get(i..).map_or(0, |rest| rest.iter().take_while(|&&hash| !filter.may_contain(hash)).count());
        if i >= hashes.len() {
            break;
        }
        let sources = firsts.get(&hashes[i..=i]).map(|group| &groups[group as usize]);
        let hit = sources.filter(|_| !in_path(doc, i)).and_then(|sources| {
            sources.iter().copied().find(|&s| {
                let source = &names[s];
                let here = i..i + source.tokens.len();
                here != source.tokens && same_words(doc, &source.tokens, &here, source.case_free)
            })
        });
        match hit {
            Some(source) => {
                let len = names[source].tokens.len();
                found.push(Repeat { tokens: i..i + len, source });
                i += len;
            }
            None => i += 1,
        }
    }
    found
}

/// Whether token `i` is glued to a path separator: part of a file or URL path.
fn in_path(doc: &Document, i: usize) -> bool {
    let token = &doc.tokens[i];
    let bytes = doc.text.as_bytes();
    let separator = |b: Option<&u8>| matches!(b, Some(b'/' | b'\\'));
    separator((token.start as usize).checked_sub(1).and_then(|j| bytes.get(j))) || separator(bytes.get(token.end as usize))
}

/// Whether the tokens `here` spell the name at `source`: folded alike, and written alike
/// unless `case_free`.
fn same_words(doc: &Document, source: &Range<usize>, here: &Range<usize>, case_free: bool) -> bool {
    let hashes: &[u64] = &doc.hashes;
    if here.end > hashes.len() || hashes[here.clone()] != hashes[source.clone()] {
        return false;
    }
    case_free || here.clone().zip(source.clone()).all(|(a, b)| doc.token_text(a) == doc.token_text(b))
}
