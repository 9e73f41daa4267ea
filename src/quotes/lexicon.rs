//! The word lists attribution reads: speech verbs and cue phrases, titles, speaker nouns,
//! pronouns and the filler words between a speaker and a verb. All come from `data/grammar/`.

use std::collections::HashMap;

use crate::text::{data_lines, WordMap, WordSet};

/// How a speech verb takes its speaker and quotation (the flags of `speech_verbs.txt`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VerbFlags {
    /// An object stands between the verb and the quotation ("told Reuters"); never inverted.
    pub object: bool,
    /// The quotation follows "as" after an object ("described it as").
    pub as_object: bool,
    /// A cue phrase whose speaker follows it ("according to").
    pub speaker_after: bool,
    /// Too ambiguous to attribute a quotation that does not stand right next to it.
    pub weak: bool,
}

/// A word that can start a speech cue.
#[derive(Clone, Copy, Debug, Default)]
pub struct CueWord {
    /// The flags when the word is a form of a speech verb.
    pub verb: Option<VerbFlags>,
    /// Whether a cue phrase starts with the word.
    pub starts_phrase: bool,
}

/// What a pronoun can stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Referent {
    /// "he".
    Man,
    /// "she".
    Woman,
    /// "they": people or an organisation.
    Group,
    /// "it": an organisation.
    Organization,
}

/// Speech verbs and cue phrases, titles, speaker nouns and pronouns, built once. The lists are
/// [`WordMap`]s, asked about tokens as written: they are probed with nearly every token near a
/// quotation, and lower-casing each token first would cost more than the look-up.
pub struct SpeechLexicon {
    /// Every inflected form of a speech verb and every first word of a cue phrase: one probe
    /// tells whether a token can start a cue.
    cue_words: WordMap<CueWord>,
    /// Multi-word cue phrases ("according to"), as lower-case words.
    phrases: Vec<(Box<[&'static str]>, VerbFlags)>,
    /// Titles, roles ("minister", "prime minister") and nouns that name a non-actor speaker
    /// ("official", "company"), with their plurals ("companies", "ministers").
    speaker_nouns: WordSet,
    pronouns: WordMap<Referent>,
    fillers: WordSet,
    determiners: WordSet,
    links: WordSet,
    /// Closed-class words ("and", "who", "after"): a speaker phrase never ends with one.
    function_words: WordSet,
}

impl SpeechLexicon {
    /// Loads the embedded lists.
    pub fn embedded() -> SpeechLexicon {
        let mut cue_words: HashMap<&'static str, CueWord> = HashMap::new();
        let mut phrases = Vec::new();
        for line in data_lines(include_str!("../../data/grammar/speech_verbs.txt")) {
            let (forms, flags) = line.split_once('|').unwrap_or((line, ""));
            let flags = parse_flags(flags);
            if flags.speaker_after {
                let phrase: Box<[&'static str]> = forms.split_whitespace().collect();
                if let Some(first) = phrase.first() {
                    cue_words.entry(first).or_default().starts_phrase = true;
                }
                phrases.push((phrase, flags));
            } else {
                for form in forms.split_whitespace() {
                    cue_words.entry(form).or_default().verb = Some(flags);
                }
            }
        }
        // The gender field of titles.txt is the actor layer's business.
        let titles = data_lines(include_str!("../../data/grammar/titles.txt"))
            .map(|line| line.split_once('\t').map_or(line, |(title, _)| title).trim());
        let nouns = data_lines(include_str!("../../data/grammar/speaker_nouns.txt"));
        let pronouns = data_lines(include_str!("../../data/grammar/pronouns.txt")).filter_map(|line| {
            let (word, kind) = line.split_once('\t')?;
            let referent = match kind.trim() {
                "m" => Referent::Man,
                "f" => Referent::Woman,
                "p" => Referent::Group,
                _ => Referent::Organization,
            };
            Some((word.trim(), referent))
        });
        SpeechLexicon {
            cue_words: WordMap::new(cue_words),
            phrases,
            speaker_nouns: WordSet::new(titles.chain(nouns).flat_map(with_plurals)),
            pronouns: WordMap::new(pronouns),
            fillers: WordSet::new(data_lines(include_str!("../../data/grammar/cue_fillers.txt"))),
            determiners: WordSet::new(data_lines(include_str!("../../data/grammar/determiners.txt"))),
            links: WordSet::new(data_lines(include_str!("../../data/grammar/speaker_links.txt"))),
            function_words: WordSet::new(data_lines(include_str!("../../data/grammar/function_words.txt"))),
        }
    }

    /// The flags of `word` (in any case) when it is a form of a speech verb.
    pub fn verb(&self, word: &str) -> Option<VerbFlags> {
        self.cue_words.get_folded(word)?.verb
    }

    /// What `word` (in any case) can start, when it can start a cue.
    pub fn cue_word(&self, word: &str) -> Option<&CueWord> {
        self.cue_words.get_folded(word)
    }

    /// Multi-word cue phrases, each as lower-case words.
    pub fn phrases(&self) -> &[(Box<[&'static str]>, VerbFlags)] {
        &self.phrases
    }

    /// Whether `word` (in any case) is a title or speaker noun, or the plural of one.
    pub fn is_speaker_noun(&self, word: &str) -> bool {
        self.speaker_nouns.contains_folded(word)
    }

    /// What `word` (in any case) refers to when it is a speaker pronoun.
    pub fn pronoun(&self, word: &str) -> Option<Referent> {
        self.pronouns.get_folded(word).copied()
    }

    /// Whether `word` (in any case) may stand between a speaker and a speech verb: a filler
    /// ("also", "has") or an adverb in -ly.
    pub fn is_filler(&self, word: &str) -> bool {
        if self.fillers.contains_folded(word) {
            return true;
        }
        if !word.is_ascii() {
            let lower = word.to_lowercase();
            return lower.len() > 4 && lower.ends_with("ly");
        }
        word.len() > 4 && word.as_bytes()[word.len() - 2..].eq_ignore_ascii_case(b"ly")
    }

    /// Whether `word` (in any case) opens a noun phrase ("a", "the", "their").
    pub fn is_determiner(&self, word: &str) -> bool {
        self.determiners.contains_folded(word)
    }

    /// Whether `word` (in any case) is a closed-class word: an article, pronoun, conjunction,
    /// preposition or sentence-opening adverb.
    pub fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains_folded(word)
    }

    /// Whether `word` (in any case) ties a speaker noun to a body ("a spokesman for").
    pub fn is_link(&self, word: &str) -> bool {
        self.links.contains_folded(word)
    }
}

/// `noun` and the forms a plural of it may take: "-ies" for "-y", "-es" and "-s" (over-generating
/// is harmless: "officeses" is never written).
fn with_plurals(noun: &str) -> [String; 4] {
    let ies = noun.strip_suffix('y').map_or_else(|| noun.to_owned(), |stem| format!("{stem}ies"));
    [noun.to_owned(), ies, format!("{noun}es"), format!("{noun}s")]
}

fn parse_flags(flags: &str) -> VerbFlags {
    let mut parsed = VerbFlags::default();
    for flag in flags.split_whitespace() {
        match flag {
            "object" => parsed.object = true,
            "as" => parsed.as_object = true,
            "after" => parsed.speaker_after = true,
            "weak" => parsed.weak = true,
            _ => {}
        }
    }
    parsed
}
