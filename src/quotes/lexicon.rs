//! The word lists attribution reads: speech verbs and cue phrases, titles, speaker nouns,
//! pronouns and the filler words between a speaker and a verb. All come from `data/grammar/`.

use std::collections::{HashMap, HashSet};

use crate::lexicon::FastHash;
use crate::text::data_lines;

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

/// Speech verbs and cue phrases, titles, speaker nouns and pronouns, built once. The maps hash
/// with [`FastHash`]: they are probed with every token near a quotation, and their keys are
/// fixed words, not input an attacker could choose to collide.
pub struct SpeechLexicon {
    /// Every inflected form of a speech verb, lower-case.
    verbs: HashMap<&'static str, VerbFlags, FastHash>,
    /// Multi-word cue phrases ("according to"), as lower-case words.
    phrases: Vec<(Box<[&'static str]>, VerbFlags)>,
    /// Titles, roles ("minister", "prime minister") and nouns that name a non-actor speaker
    /// ("official", "company"), lower-case, with their plurals ("companies", "ministers").
    speaker_nouns: HashSet<String, FastHash>,
    pronouns: HashMap<&'static str, Referent, FastHash>,
    fillers: HashSet<&'static str, FastHash>,
    determiners: HashSet<&'static str, FastHash>,
    links: HashSet<&'static str, FastHash>,
    /// Closed-class words ("and", "who", "after"): a speaker phrase never ends with one.
    function_words: HashSet<&'static str, FastHash>,
}

impl SpeechLexicon {
    /// Loads the embedded lists.
    pub fn embedded() -> SpeechLexicon {
        let mut verbs = HashMap::default();
        let mut phrases = Vec::new();
        for line in data_lines(include_str!("../../data/grammar/speech_verbs.txt")) {
            let (forms, flags) = line.split_once('|').unwrap_or((line, ""));
            let flags = parse_flags(flags);
            if flags.speaker_after {
                phrases.push((forms.split_whitespace().collect(), flags));
            } else {
                for form in forms.split_whitespace() {
                    verbs.insert(form, flags);
                }
            }
        }
        // The gender field of titles.txt is the actor layer's business.
        let titles = data_lines(include_str!("../../data/grammar/titles.txt"))
            .map(|line| line.split_once('\t').map_or(line, |(title, _)| title).trim());
        let nouns = data_lines(include_str!("../../data/grammar/speaker_nouns.txt"));
        let pronouns = data_lines(include_str!("../../data/grammar/pronouns.txt"))
            .filter_map(|line| {
                let (word, kind) = line.split_once('\t')?;
                let referent = match kind.trim() {
                    "m" => Referent::Man,
                    "f" => Referent::Woman,
                    "p" => Referent::Group,
                    _ => Referent::Organization,
                };
                Some((word.trim(), referent))
            })
            .collect::<HashMap<_, _, FastHash>>();
        SpeechLexicon {
            verbs,
            phrases,
            speaker_nouns: titles.chain(nouns).flat_map(with_plurals).collect(),
            pronouns,
            fillers: data_lines(include_str!("../../data/grammar/cue_fillers.txt")).collect(),
            determiners: data_lines(include_str!("../../data/grammar/determiners.txt")).collect(),
            links: data_lines(include_str!("../../data/grammar/speaker_links.txt")).collect(),
            function_words: data_lines(include_str!("../../data/grammar/function_words.txt")).collect(),
        }
    }

    /// The flags of `word` (lower-case) when it is a form of a speech verb.
    pub fn verb(&self, word: &str) -> Option<VerbFlags> {
        self.verbs.get(word).copied()
    }

    /// Multi-word cue phrases, each as lower-case words.
    pub fn phrases(&self) -> &[(Box<[&'static str]>, VerbFlags)] {
        &self.phrases
    }

    /// Whether `word` (lower-case) is a title or speaker noun, or the plural of one.
    pub fn is_speaker_noun(&self, word: &str) -> bool {
        self.speaker_nouns.contains(word)
    }

    /// What `word` (lower-case) refers to when it is a speaker pronoun.
    pub fn pronoun(&self, word: &str) -> Option<Referent> {
        self.pronouns.get(word).copied()
    }

    /// Whether `word` (lower-case) may stand between a speaker and a speech verb.
    pub fn is_filler(&self, word: &str) -> bool {
        self.fillers.contains(word) || (word.len() > 4 && word.ends_with("ly"))
    }

    /// Whether `word` (lower-case) opens a noun phrase ("a", "the", "their").
    pub fn is_determiner(&self, word: &str) -> bool {
        self.determiners.contains(word)
    }

    /// Whether `word` (lower-case) is a closed-class word: an article, pronoun, conjunction,
    /// preposition or sentence-opening adverb.
    pub fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains(word)
    }

    /// Whether `word` (lower-case) ties a speaker noun to a body ("a spokesman for").
    pub fn is_link(&self, word: &str) -> bool {
        self.links.contains(word)
    }
}

/// `noun` and the forms a plural of it may take: "-ies" for "-y", "-es" and "-s" (over-generating
/// is harmless: "officeses" is never written).
fn with_plurals(noun: &'static str) -> [String; 4] {
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
