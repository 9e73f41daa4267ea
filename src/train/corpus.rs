//! CoNLL-2003 documents, rebuilt as the text a user would paste, with the gold names projected
//! onto newsmark's own tokens.

use std::ops::Range;

use crate::model::labels::TYPES;
use crate::model::{EntityType, Label};
use crate::text::Document;

/// One CoNLL document: its rebuilt text, where each CoNLL token lies in it, and the gold names.
pub struct ConllDoc {
    /// Tokens joined by spaces, one sentence per line.
    pub text: String,
    /// Byte range of each CoNLL token in `text`.
    pub tokens: Vec<Range<usize>>,
    /// Gold names as CoNLL token ranges.
    pub names: Vec<Name>,
}

/// A name: a range of tokens and its type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Name {
    /// The tokens.
    pub tokens: Range<usize>,
    /// The type.
    pub kind: EntityType,
}

/// Reads a CoNLL-2003 file (`token POS chunk NER` lines, IOB1 tags, `-DOCSTART-` lines between
/// documents, blank lines between sentences).
pub fn read(path: &std::path::Path) -> Result<Vec<ConllDoc>, String> {
    let data = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut docs = Vec::new();
    let mut doc = Builder::default();
    for line in data.lines() {
        let mut fields = line.split_whitespace();
        let Some(token) = fields.next() else {
            doc.end_sentence();
            continue;
        };
        if token == "-DOCSTART-" {
            docs.extend(std::mem::take(&mut doc).finish());
            continue;
        }
        let tag = fields.last().unwrap_or("O");
        doc.push(token, tag);
    }
    docs.extend(doc.finish());
    Ok(docs)
}

impl ConllDoc {
    /// The document cut into parts of `sentences` sentences each, as a reader pasting a
    /// paragraph would give them: no part sees the others' names.
    pub fn parts(&self, sentences: usize) -> Vec<ConllDoc> {
        let mut parts = Vec::new();
        let (mut first_token, mut start) = (0, 0);
        let last_line = (!self.text.ends_with('\n')).then_some(self.text.len());
        let ends: Vec<usize> = self.text.match_indices('\n').map(|(i, _)| i).chain(last_line).collect();
        for end in ends.chunks(sentences).filter_map(|chunk| chunk.last().copied()) {
            let last_token = first_token + self.tokens[first_token..].partition_point(|t| t.end <= end);
            let tokens = self.tokens[first_token..last_token].iter().map(|t| t.start - start..t.end - start).collect();
            let names = self
                .names
                .iter()
                .filter(|n| n.tokens.start >= first_token && n.tokens.end <= last_token)
                .map(|n| Name { tokens: n.tokens.start - first_token..n.tokens.end - first_token, kind: n.kind })
                .collect();
            parts.push(ConllDoc { text: self.text[start..end].to_string(), tokens, names });
            (first_token, start) = (last_token, (end + 1).min(self.text.len()));
        }
        parts
    }
}

#[derive(Default)]
struct Builder {
    doc: Option<ConllDoc>,
    /// The type and start of the name being read, and the previous tag's prefix.
    open: Option<(EntityType, usize)>,
    sentence_open: bool,
}

impl Builder {
    fn push(&mut self, token: &str, tag: &str) {
        let doc =
            self.doc.get_or_insert_with(|| ConllDoc { text: String::new(), tokens: Vec::new(), names: Vec::new() });
        if self.sentence_open {
            doc.text.push(' ');
        }
        self.sentence_open = true;
        let start = doc.text.len();
        doc.text.push_str(token);
        let index = doc.tokens.len();
        doc.tokens.push(start..doc.text.len());
        let (prefix, kind) = match tag.split_once('-') {
            Some((prefix, name)) => (prefix, TYPES.into_iter().find(|t| t.conll_name() == name)),
            None => ("O", None),
        };
        let continues = prefix == "I" && self.open.is_some_and(|(open, _)| Some(open) == kind);
        if !continues {
            self.close(index);
            self.open = kind.map(|k| (k, index));
        }
    }

    fn close(&mut self, end: usize) {
        if let (Some((kind, start)), Some(doc)) = (self.open.take(), self.doc.as_mut()) {
            doc.names.push(Name { tokens: start..end, kind });
        }
    }

    fn end_sentence(&mut self) {
        let end = self.doc.as_ref().map_or(0, |d| d.tokens.len());
        self.close(end);
        if self.sentence_open {
            if let Some(doc) = self.doc.as_mut() {
                doc.text.push('\n');
            }
        }
        self.sentence_open = false;
    }

    fn finish(mut self) -> Option<ConllDoc> {
        self.end_sentence();
        self.doc.filter(|d| !d.tokens.is_empty())
    }
}

impl ConllDoc {
    /// The gold label of each of newsmark's tokens: a token inside a name's bytes is `B` when
    /// it is the first such token, `I` otherwise. Our tokens never cross a space, so each lies
    /// within one CoNLL token.
    pub fn project(&self, parsed: &Document) -> Vec<Label> {
        let mut labels = vec![Label::Outside; parsed.tokens.len()];
        for name in &self.names {
            let bytes = self.tokens[name.tokens.start].start..self.tokens[name.tokens.end - 1].end;
            let first = parsed.token_at_or_after(bytes.start);
            for (k, label) in labels.iter_mut().enumerate().skip(first) {
                if parsed.tokens[k].start as usize >= bytes.end {
                    break;
                }
                *label = if k == first { Label::Begin(name.kind) } else { Label::Inside(name.kind) };
            }
        }
        labels
    }

    /// The CoNLL tokens exactly covering `bytes`, if it starts and ends on CoNLL token edges.
    pub fn align(&self, bytes: Range<usize>) -> Option<Range<usize>> {
        let start = self.tokens.partition_point(|t| t.start < bytes.start);
        let end = self.tokens.partition_point(|t| t.end < bytes.end);
        let aligned = self.tokens.get(start)?.start == bytes.start && self.tokens.get(end)?.end == bytes.end;
        (aligned && start <= end).then_some(start..end + 1)
    }
}

/// The names in a label sequence, as token ranges.
pub fn names_in(labels: &[Label]) -> Vec<Name> {
    let mut names: Vec<Name> = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        match *label {
            Label::Begin(kind) => names.push(Name { tokens: i..i + 1, kind }),
            Label::Inside(kind) => match names.last_mut() {
                Some(last) if last.tokens.end == i && last.kind == kind => last.tokens.end = i + 1,
                _ => names.push(Name { tokens: i..i + 1, kind }),
            },
            Label::Outside => {}
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Grammar;

    const SAMPLE: &str = "-DOCSTART- -X- O O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nof IN I-PP O\nBonn NNP I-NP B-LOC\n's POS B-NP O\n\nU.S. NNP I-NP I-LOC\nI-ORG NNP I-NP I-ORG\nLondon NNP I-NP B-LOC\n";

    fn sample() -> Vec<ConllDoc> {
        let dir = std::env::temp_dir().join(format!("newsmark-corpus-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("sample.conll");
        std::fs::write(&path, SAMPLE).unwrap();
        let docs = read(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        docs
    }

    #[test]
    fn parts_rebase_tokens_and_names() {
        let parts = sample()[0].parts(1);
        let texts: Vec<&str> = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["Peter Blackburn of Bonn 's", "U.S. I-ORG London"]);
        let second = &parts[1];
        assert_eq!(second.tokens, [0..4, 5..10, 11..17]);
        let kinds: Vec<_> = second.names.iter().map(|n| (n.tokens.clone(), n.kind)).collect();
        assert_eq!(kinds, [(0..1, EntityType::Location), (1..2, EntityType::Organization), (2..3, EntityType::Location)]);
        assert_eq!(sample()[0].parts(5).len(), 1);
    }

    #[test]
    fn rebuilds_text_and_reads_iob1() {
        let docs = sample();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].text, "Peter Blackburn of Bonn 's\nU.S. I-ORG London\n");
        let kinds: Vec<_> = docs[0].names.iter().map(|n| (n.tokens.clone(), n.kind)).collect();
        assert_eq!(
            kinds,
            [
                (0..2, EntityType::Person),
                (3..4, EntityType::Location),
                (5..6, EntityType::Location),
                (6..7, EntityType::Organization),
                (7..8, EntityType::Location)
            ]
        );
    }

    #[test]
    fn projects_onto_our_tokens_and_aligns_back() {
        let docs = sample();
        let doc = &docs[0];
        let grammar = Grammar::embedded();
        let parsed = Document::parse(&doc.text, &grammar);
        let labels = doc.project(&parsed);
        let names = names_in(&labels);
        let back: Vec<_> = names
            .iter()
            .map(|n| doc.align(parsed.byte_range(n.tokens.clone())).map(|t| Name { tokens: t, kind: n.kind }))
            .collect();
        let gold: Vec<_> = doc.names.iter().cloned().map(Some).collect();
        assert_eq!(back, gold);
        assert_eq!(doc.align(3..9), None);
    }
}
