//! The result of an analysis: what the CLI prints and what the page draws.
//!
//! Every offset is a UTF-8 byte offset into the analysed text, end exclusive, and every `text`
//! field is the exact slice `&text[start..end]`, borrowed from the text (an analysis lives no
//! longer than its text): a megabyte of news has some 20,000 such strings, and allocating,
//! copying and freeing each cost about 3% of the analysis. Names are borrowed too when they are
//! the text as written or a lexicon's name. Lists are sorted by `start`. The JSON shape is a
//! contract other tools rely on (see the README); add fields, never rename or remove them.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// Everything newsmark found in one text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis<'t> {
    /// People, organisations and places, each with every mention of it.
    pub actors: Vec<Actor<'t>>,
    /// Direct quotations with their speakers.
    pub quotes: Vec<Quote<'t>>,
    /// Cyber-attack terms: attacks, malware, threat actors, vulnerabilities, techniques,
    /// indicators and influence operations.
    pub terms: Vec<Term<'t>>,
}

/// A piece of the analysed text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span<'t> {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The exact slice of the text.
    pub text: Cow<'t, str>,
}

impl<'t> Span<'t> {
    /// The span of `text[start..end]`; the caller guarantees both offsets lie on char boundaries.
    pub(crate) fn of(text: &'t str, start: usize, end: usize) -> Span<'t> {
        Span { start, end, text: Cow::Borrowed(&text[start..end]) }
    }
}

/// What sort of actor a name refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A person.
    Person,
    /// A company, agency, government body, party, group or news outlet.
    Organization,
    /// A country, region or city, including capitals standing for their governments.
    Place,
}

/// One real-world entity and all its mentions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor<'t> {
    /// Index of this actor in [`Analysis::actors`]; quotes refer to it.
    pub id: usize,
    /// The canonical name: the fullest form used in the text, or the lexicon's name.
    pub name: Cow<'t, str>,
    /// Person, organisation or place.
    pub kind: ActorKind,
    /// Every mention, sorted by start.
    pub mentions: Vec<Span<'t>>,
    /// Titles and roles seen with the name ("Kremlin spokesman", "President").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
}

/// A direct quotation and who said it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote<'t> {
    /// Byte offset of the opening mark.
    pub start: usize,
    /// Byte offset one past the closing mark (or the end of the quoted text when a mark is missing).
    pub end: usize,
    /// The quotation with its marks.
    pub text: Cow<'t, str>,
    /// The speaker's actor id, when the speaker is a known actor.
    pub speaker: Option<usize>,
    /// The speaker's canonical name, else the phrase as written ("a spokesman"), else null.
    pub speaker_name: Option<Cow<'t, str>>,
    /// Where the speaker is named for this quote ("he", "Brad Smith", "the Kremlin spokesman").
    pub speaker_span: Option<Span<'t>>,
    /// The speech cue ("said", "according to", "described it as").
    pub cue: Option<Span<'t>>,
}

/// A cyber-attack term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term<'t> {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The exact slice of the text.
    pub text: Cow<'t, str>,
    /// Which kind of term this is.
    pub category: TermCategory,
    /// The canonical name ("APT29" for "Cozy Bear"); for indicators, the refanged value.
    pub name: Cow<'t, str>,
    /// A MITRE ATT&CK id (G0016, S0559, T1566) or a CVE id, when one is known.
    #[serde(rename = "ref")]
    pub reference: Option<String>,
}

/// The categories of cyber-attack terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TermCategory {
    /// Attack types and incidents: cyberattack, breach, ransomware attack, DDoS.
    Attack,
    /// Malware families, generic malware words and attack tools.
    Malware,
    /// Threat-actor groups and their aliases.
    ThreatActor,
    /// CVE ids and zero-days.
    Vulnerability,
    /// ATT&CK techniques and their ids.
    Technique,
    /// IPs, domains, URLs, hashes and e-mail addresses, defanged or not.
    Indicator,
    /// Disinformation, election interference, troll farms.
    Influence,
}

impl TermCategory {
    /// Every category, in the order the page lists them.
    pub const ALL: [TermCategory; 7] = [
        TermCategory::Attack,
        TermCategory::Malware,
        TermCategory::ThreatActor,
        TermCategory::Vulnerability,
        TermCategory::Technique,
        TermCategory::Indicator,
        TermCategory::Influence,
    ];

    /// The name used in JSON and in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            TermCategory::Attack => "attack",
            TermCategory::Malware => "malware",
            TermCategory::ThreatActor => "threat-actor",
            TermCategory::Vulnerability => "vulnerability",
            TermCategory::Technique => "technique",
            TermCategory::Indicator => "indicator",
            TermCategory::Influence => "influence",
        }
    }

    /// The category named `name` in JSON and data files.
    pub fn from_name(name: &str) -> Option<TermCategory> {
        TermCategory::ALL.into_iter().find(|c| c.as_str() == name)
    }
}
