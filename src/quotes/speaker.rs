//! Reading the speaker next to a speech cue: an actor mention, a pronoun, or a noun phrase
//! ("a senior White House official", "the company’s spokesman", "officials in Moscow").
//!
//! Phrases are read outwards from the cue over a few tokens at most, so each look is bounded.

use std::borrow::Cow;
use std::ops::Range;

use super::lexicon::{Referent, SpeechLexicon};
use crate::actors::{Found, Mention};
use crate::analysis::ActorKind;
use crate::text::{Document, TokenKind};

/// Most tokens a speaker noun phrase may have.
const MAX_PHRASE: usize = 8;
/// Most lower-case modifiers ("senior", "former") a phrase may hold before its head.
const MAX_MODIFIERS: usize = 2;
/// Most tokens an appositive between commas may have ("Smith, the agency’s director, said").
const MAX_APPOSITIVE: usize = 12;

/// Most tokens a parenthesis between a speaker and its verb may span ("(D-Wis.)").
const MAX_PARENTHESIS: usize = 8;

/// A speaker as written next to its cue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The tokens naming the speaker.
    pub span: Range<usize>,
    /// The actor, when the span is an actor mention.
    pub actor: Option<usize>,
    /// What kind of phrase names the speaker.
    pub kind: SpeakerKind,
}

/// How a speaker is named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpeakerKind {
    /// An actor mention or a capitalised name.
    Name,
    /// A noun phrase with a title or speaker noun ("a spokesman").
    Noun,
    /// A pronoun, to be resolved.
    Pronoun(Referent),
}

/// What speaker reading needs from the document.
pub struct Reader<'a, 't> {
    pub doc: &'a Document<'t>,
    pub actors: &'a Found<'t>,
    pub speech: &'a SpeechLexicon,
}

impl<'a, 't> Reader<'a, 't> {
    /// The text of token `i`, as written: the speech lists take words in any case.
    pub fn text(&self, i: usize) -> &'t str {
        self.doc.token_text(i)
    }

    /// Token `i` in lower case (borrowed when it already is).
    pub fn lower(&self, i: usize) -> Cow<'t, str> {
        let text = self.doc.token_text(i);
        if text.chars().any(char::is_uppercase) {
            Cow::Owned(text.to_lowercase())
        } else {
            Cow::Borrowed(text)
        }
    }

    /// Whether token `i` in lower case is `word` (a lower-case word), compared without
    /// lowering an ASCII token.
    pub fn is_word(&self, i: usize, word: &str) -> bool {
        let text = self.doc.token_text(i);
        if text.is_ascii() {
            text.eq_ignore_ascii_case(word)
        } else {
            self.lower(i) == word
        }
    }

    /// Whether token `i` is a word starting with a capital letter.
    pub fn capitalized(&self, i: usize) -> bool {
        self.doc.tokens[i].kind == TokenKind::Word
            && self.doc.token_text(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether token `i` is the punctuation `p`.
    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        self.doc.tokens[i].kind == TokenKind::Punct && self.doc.token_text(i) == p
    }

    /// The actor mention holding token `i`, if any.
    pub fn mention_at(&self, i: usize) -> Option<&'a Mention> {
        let mentions = &self.actors.mentions;
        let after = mentions.partition_point(|m| m.tokens.start <= i);
        mentions[..after].last().filter(|m| m.tokens.end > i)
    }

    /// The actor mention whose name or role starts at token `i`, if any.
    pub fn mention_starting(&self, i: usize) -> Option<&'a Mention> {
        let mentions = &self.actors.mentions;
        let from = mentions.partition_point(|m| m.tokens.start < i);
        if let Some(m) = mentions.get(from).filter(|m| m.tokens.start == i) {
            return Some(m);
        }
        // A role stands before its name, so the mention starts a few tokens later.
        mentions[from..].iter().take(2).find(|m| m.role.as_ref().is_some_and(|r| r.start == i))
    }

    /// The subject of a cue starting at token `cue`: the phrase right before it, over fillers
    /// ("also", "has"), not reaching before token `lo`.
    pub fn subject_before(&self, cue: usize, lo: usize) -> Option<Speaker> {
        let mut end = cue;
        while end > lo
            && self.doc.tokens[end - 1].kind == TokenKind::Word
            && self.speech.is_filler(self.text(end - 1))
        {
            end -= 1;
        }
        // "Chaffetz (R-Utah) said": the speaker stands before a short parenthesis.
        if end > lo + 1 && self.is_punct(end - 1, ")") {
            let floor = lo.max(end.saturating_sub(MAX_PARENTHESIS));
            if let Some(open) = (floor..end - 1).rev().find(|&k| self.is_punct(k, "(")) {
                end = open;
            }
        }
        if end <= lo {
            return None;
        }
        let speaker = if self.is_punct(end - 1, ",") {
            self.across_appositive(end - 1, lo)
        } else {
            self.phrase_ending(end - 1, lo)
        };
        // "Moscow said": a place names its government only right before the verb. "Protesters
        // marching through the streets chanted": a noun after a preposition is not the subject.
        speaker.filter(|s| {
            self.plausible(s)
                && (s.span.end == cue || !self.is_place(s))
                && !(s.kind == SpeakerKind::Noun && self.object_of_preposition(s.span.start, lo))
        })
    }

    /// Whether the phrase starting at token `first` is the object of a preposition ("in Tulsa",
    /// "among young black voters", "with the Trump campaign"): the word before it, over a few
    /// modifiers and a determiner, is a closed-class word other than a determiner or "and"/"but".
    pub fn object_of_preposition(&self, first: usize, lo: usize) -> bool {
        let mut i = first;
        for _ in 0..=MAX_MODIFIERS + 1 {
            if i <= lo || self.doc.tokens[i - 1].kind != TokenKind::Word {
                return false;
            }
            let word = self.text(i - 1);
            if self.speech.is_function_word(word) && !self.speech.is_determiner(word) {
                return !(self.is_word(i - 1, "and") || self.is_word(i - 1, "but"));
            }
            if self.speech.verb(word).is_some() {
                return false;
            }
            i -= 1;
        }
        false
    }

    /// Whether a phrase read as a speaker can name one. A phrase that is not an actor mention
    /// never starts or ends with a closed-class word: "the car and", "an architect who",
    /// "Meanwhile" are the edges of a clause, not speakers.
    pub fn plausible(&self, speaker: &Speaker) -> bool {
        if speaker.actor.is_some() || matches!(speaker.kind, SpeakerKind::Pronoun(_)) {
            return true;
        }
        let (first, last) = (speaker.span.start, speaker.span.end - 1);
        let first_word = self.text(first);
        let opens = !self.speech.is_function_word(first_word) || self.speech.is_determiner(first_word);
        opens && !self.speech.is_function_word(self.text(last))
    }

    /// Whether the speaker is a place actor.
    pub fn is_place(&self, speaker: &Speaker) -> bool {
        speaker.actor.and_then(|a| self.actors.actors.get(a)).is_some_and(|actor| actor.kind == ActorKind::Place)
    }

    /// "Smith, the agency’s director, said": the name before the appositive that ends with the
    /// comma at `comma`, else the appositive itself.
    fn across_appositive(&self, comma: usize, lo: usize) -> Option<Speaker> {
        let floor = lo.max(comma.saturating_sub(MAX_APPOSITIVE));
        let opening = (floor..comma).rev().find(|&k| self.is_punct(k, ","))?;
        if opening > lo {
            if let Some(named) = self.phrase_ending(opening - 1, lo).filter(|s| s.kind == SpeakerKind::Name) {
                return Some(named);
            }
        }
        self.phrase_ending(comma - 1, opening + 1)
    }

    /// The speaker phrase whose last token is `last`, not reaching before token `lo`.
    pub fn phrase_ending(&self, last: usize, lo: usize) -> Option<Speaker> {
        if let Some(m) = self.mention_at(last).filter(|m| m.tokens.end == last + 1 && m.tokens.start >= lo) {
            return Some(Speaker { span: m.tokens.clone(), actor: Some(m.actor), kind: SpeakerKind::Name });
        }
        if self.doc.tokens[last].kind != TokenKind::Word {
            return None;
        }
        let head = self.text(last);
        if let Some(referent) = self.speech.pronoun(head) {
            return Some(Speaker { span: last..last + 1, actor: None, kind: SpeakerKind::Pronoun(referent) });
        }
        let noun_head = self.speech.is_speaker_noun(head);
        if !noun_head && !self.capitalized(last) {
            return self.determined_phrase(last, lo);
        }
        let mut start = last;
        let mut names_only = !noun_head;
        let mut k = last;
        let mut modifiers = 0;
        while k > lo && last + 1 - k < MAX_PHRASE {
            let t = k - 1;
            let kind = self.doc.tokens[t].kind;
            let text = self.doc.token_text(t);
            if kind != TokenKind::Word {
                break;
            }
            if self.speech.is_determiner(text) {
                start = t;
                names_only = false;
                break;
            }
            if text == "'s" || text == "\u{2019}s" || self.capitalized(t) || self.speech.is_speaker_noun(text) {
                names_only &= self.capitalized(t);
                start = t;
                modifiers = 0;
            } else if modifiers < MAX_MODIFIERS
                && self.lower(t).chars().all(char::is_alphabetic)
                && !self.speech.is_link(text)
            {
                modifiers += 1;
            } else {
                break;
            }
            k = t;
        }
        // "officials in Moscow", "a spokesman for Microsoft": the body after a speaker noun.
        if names_only && start >= lo + 2 && self.speech.is_link(self.text(start - 1)) {
            if let Some(noun) = self.phrase_ending(start - 2, lo).filter(|s| s.kind == SpeakerKind::Noun) {
                return Some(Speaker { span: noun.span.start..last + 1, actor: None, kind: SpeakerKind::Noun });
            }
        }
        let kind = if names_only { SpeakerKind::Name } else { SpeakerKind::Noun };
        Some(Speaker { span: start..last + 1, actor: None, kind })
    }

    /// "the gambling tycoon": a phrase with an unknown lower-case head is a speaker only when
    /// a determiner opens it within a few words.
    fn determined_phrase(&self, last: usize, lo: usize) -> Option<Speaker> {
        let floor = lo.max((last + 1).saturating_sub(MAX_MODIFIERS + 2));
        for t in (floor..last).rev() {
            if self.doc.tokens[t].kind != TokenKind::Word {
                return None;
            }
            if self.speech.is_determiner(self.text(t)) {
                return Some(Speaker { span: t..last + 1, actor: None, kind: SpeakerKind::Noun });
            }
        }
        None
    }

    /// The speaker phrase starting at token `first` ("said Kremlin spokesman Dmitry Peskov",
    /// "according to a senior official"), not reaching token `hi`.
    pub fn phrase_starting(&self, first: usize, hi: usize) -> Option<Speaker> {
        self.phrase_from(first, hi).filter(|s| self.plausible(s) && !self.is_place(s))
    }

    fn phrase_from(&self, first: usize, hi: usize) -> Option<Speaker> {
        if first >= hi {
            return None;
        }
        if let Some(m) = self.mention_starting(first).filter(|m| m.tokens.end <= hi) {
            return Some(Speaker { span: m.tokens.clone(), actor: Some(m.actor), kind: SpeakerKind::Name });
        }
        if self.doc.tokens[first].kind != TokenKind::Word {
            return None;
        }
        if let Some(referent) = self.speech.pronoun(self.text(first)) {
            return Some(Speaker { span: first..first + 1, actor: None, kind: SpeakerKind::Pronoun(referent) });
        }
        let mut head: Option<usize> = None;
        let mut names_only = true;
        let mut modifiers = 0;
        let mut k = first;
        while k < hi && k - first < MAX_PHRASE && self.doc.tokens[k].kind == TokenKind::Word {
            if let Some(m) = self.mention_at(k).filter(|m| m.tokens.end <= hi) {
                // A title phrase ending in a name: the name is the speaker.
                return Some(Speaker { span: m.tokens.clone(), actor: Some(m.actor), kind: SpeakerKind::Name });
            }
            let text = self.doc.token_text(k);
            if k == first && self.speech.is_determiner(text) {
                names_only = false;
            } else if self.capitalized(k) || self.speech.is_speaker_noun(text) {
                names_only &= self.capitalized(k);
                head = Some(k);
                modifiers = 0;
            } else if text == "'s" || text == "\u{2019}s" {
                names_only = false;
            } else if modifiers < MAX_MODIFIERS && !self.speech.is_link(text) && self.speech.verb(text).is_none() {
                modifiers += 1;
            } else {
                break;
            }
            k += 1;
        }
        let last = head?;
        let mut end = last + 1;
        // "a spokesman for Microsoft": keep the body the speaker speaks for.
        if !names_only && end + 1 < hi && self.speech.is_link(self.text(end)) {
            if let Some(body) = self.phrase_starting(end + 1, hi.min(end + 1 + MAX_PHRASE / 2)) {
                if !matches!(body.kind, SpeakerKind::Pronoun(_)) {
                    end = body.span.end;
                }
            }
        }
        let kind = if names_only { SpeakerKind::Name } else { SpeakerKind::Noun };
        Some(Speaker { span: first..end, actor: None, kind })
    }
}
