//! The word lists attribution reads: speech verbs and cue phrases, titles, speaker nouns,
//! pronouns and the filler words between a speaker and a verb. All come from `data/grammar/`.

use std::collections::HashMap;

use crate::lexicon::FastHash;
use crate::text::{data_lines, WordMap};

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
/// [`Listed`] words, asked about tokens as written: they are probed with nearly every token near
/// a quotation, and lower-casing each token first would cost more than the look-up.
pub struct SpeechLexicon {
    /// Every inflected form of a speech verb and every first word of a cue phrase: one probe
    /// tells whether a token can start a cue.
    cue_words: Listed<CueWord>,
    /// Multi-word cue phrases ("according to"), as lower-case words.
    phrases: Vec<(Box<[&'static str]>, VerbFlags)>,
    /// Titles, roles ("minister", "prime minister") and nouns that name a non-actor speaker
    /// ("official", "company"), with their plurals ("companies", "ministers").
    speaker_nouns: Listed<()>,
    pronouns: Listed<Referent>,
    fillers: Listed<()>,
    determiners: Listed<()>,
    links: Listed<()>,
    /// Closed-class words ("and", "who", "after"): a speaker phrase never ends with one.
    function_words: Listed<()>,
}

impl SpeechLexicon {
    /// Loads the embedded lists.
    pub fn embedded() -> SpeechLexicon {
        let mut cue_words: HashMap<&'static str, CueWord, FastHash> = HashMap::default();
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
        let set = |words: &'static str| Listed::new(data_lines(words).map(|word| (word, ())));
        SpeechLexicon {
            cue_words: Listed::new(cue_words),
            phrases,
            speaker_nouns: Listed::new(titles.chain(nouns).flat_map(with_plurals).map(|noun| (noun, ()))),
            pronouns: Listed::new(pronouns),
            fillers: set(include_str!("../../data/grammar/cue_fillers.txt")),
            determiners: set(include_str!("../../data/grammar/determiners.txt")),
            links: set(include_str!("../../data/grammar/speaker_links.txt")),
            function_words: set(include_str!("../../data/grammar/function_words.txt")),
        }
    }

    /// The flags of `word` (in any case) when it is a form of a speech verb.
    pub fn verb(&self, word: &str) -> Option<VerbFlags> {
        self.cue_words.get(word)?.verb
    }

    /// What `word` (in any case) can start, when it can start a cue.
    pub fn cue_word(&self, word: &str) -> Option<&CueWord> {
        self.cue_words.get(word)
    }

    /// Multi-word cue phrases, each as lower-case words.
    pub fn phrases(&self) -> &[(Box<[&'static str]>, VerbFlags)] {
        &self.phrases
    }

    /// Whether `word` (in any case) is a title or speaker noun, or the plural of one.
    pub fn is_speaker_noun(&self, word: &str) -> bool {
        self.speaker_nouns.contains(word)
    }

    /// What `word` (in any case) refers to when it is a speaker pronoun.
    pub fn pronoun(&self, word: &str) -> Option<Referent> {
        self.pronouns.get(word).copied()
    }

    /// Whether `word` (in any case) may stand between a speaker and a speech verb: a filler
    /// ("also", "has") or an adverb in -ly.
    pub fn is_filler(&self, word: &str) -> bool {
        if self.fillers.contains(word) {
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
        self.determiners.contains(word)
    }

    /// Whether `word` (in any case) is a closed-class word: an article, pronoun, conjunction,
    /// preposition or sentence-opening adverb.
    pub fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains(word)
    }

    /// Whether `word` (in any case) ties a speaker noun to a body ("a spokesman for").
    pub fn is_link(&self, word: &str) -> bool {
        self.links.contains(word)
    }
}

/// A word list with a sieve in front of it. Nearly every token asked about is in no list, and
/// the sieve turns most of those away for a few instructions, where the [`WordMap`] would fold
/// and hash the token first.
struct Listed<V> {
    words: WordMap<V>,
    /// One bit per [`sieve_slot`] of the listed words.
    sieve: [u64; SIEVE_WORDS],
}

/// The sieve's size in 64-bit words: one bit for every [`sieve_slot`].
const SIEVE_WORDS: usize = 128;

impl<V> Listed<V> {
    /// The list of `words` (lower-case) with their values.
    fn new<W: AsRef<str> + Into<Box<str>>>(words: impl IntoIterator<Item = (W, V)>) -> Listed<V> {
        let mut sieve = [0; SIEVE_WORDS];
        let words = words.into_iter().inspect(|(word, _)| {
            if let Some(slot) = sieve_slot(word.as_ref().as_bytes()) {
                sieve[slot / 64] |= 1 << (slot % 64);
            }
        });
        Listed { words: WordMap::new(words), sieve }
    }

    /// The value of the lower-case form of `word`.
    fn get(&self, word: &str) -> Option<&V> {
        let passes = sieve_slot(word.as_bytes()).map_or(true, |slot| self.sieve[slot / 64] & (1 << (slot % 64)) != 0);
        // A word that is not ASCII may lower-case into another shape, so it always passes.
        if passes || !word.is_ascii() {
            self.words.get_folded(word)
        } else {
            None
        }
    }

    /// Whether the lower-case form of `word` is listed.
    fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }
}

/// Where an ASCII word falls in a sieve: its length and the five low bits of its first and last
/// bytes, which are the same for a letter in either case. Words equal but for ASCII case fall
/// alike, so a clear bit proves an ASCII token unlisted. `None` for the empty word.
fn sieve_slot(word: &[u8]) -> Option<usize> {
    let (&first, &last) = (word.first()?, word.last()?);
    Some(usize::from(first & 31) | usize::from(last & 31) << 5 | (word.len() & 7) << 10)
}

/// `noun` and the forms a plural of it may take: "-ies" for "-y", "-es" and "-s" (over-generating
/// is harmless: "officeses" is never written).
fn with_plurals(noun: &str) -> impl Iterator<Item = String> {
    // Concatenated rather than formatted: this runs for every noun at start-up.
    let ies = noun.strip_suffix('y').map(|stem| [stem, "ies"].concat());
    [Some(noun.to_owned()), ies, Some([noun, "es"].concat()), Some([noun, "s"].concat())].into_iter().flatten()
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
