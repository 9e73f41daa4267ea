//! Table tests for quotation finding and attribution, one case a line.
//!
//! Input notation: `{Jane Smith:pf}` marks an actor mention (kinds `p` person, `pm`/`pf` with a
//! known gender, `o` organisation, `l` place); `{Smith=Jane Smith:p}` links a short form to its
//! actor; `{Kremlin spokesman|Dmitry Peskov:pm}` gives the mention a role. The braces are
//! removed before analysis.
//!
//! Expected notation, one item per quotation in order: `[quoted text]`, then `*` for a scare
//! quote and `+` for the continuation of a quotation from the paragraph before; ` @span` for the
//! speaker span with `=name` when the speaker name differs from it and `#id` for an actor;
//! ` ^cue` for the cue. Items are separated by single spaces.

use std::sync::OnceLock;

use super::{attribute, find_quotations, SpeechLexicon};
use crate::actors::{Found, Mention};
use crate::analysis::{Actor, ActorKind, Span};
use crate::lexicon::{Gender, Lexicon};
use crate::text::{Document, Grammar};

struct Tables {
    grammar: Grammar,
    lexicon: Lexicon,
    speech: SpeechLexicon,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let grammar = Grammar::embedded();
        let lexicon = Lexicon::embedded(&grammar.abbreviations);
        Tables { grammar, lexicon, speech: SpeechLexicon::embedded() }
    })
}

/// A mention written in the input notation, in bytes of the stripped text.
struct Marked {
    name: std::ops::Range<usize>,
    role: Option<std::ops::Range<usize>>,
    canonical: String,
    kind: ActorKind,
    gender: Option<Gender>,
}

/// The text without markup, and its marked mentions.
fn strip(input: &str) -> (String, Vec<Marked>) {
    let mut text = String::new();
    let mut marked = Vec::new();
    let mut rest = input;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('}').expect("unclosed mention") + open;
        let inner = &rest[open + 1..close];
        let (body, kind) = inner.rsplit_once(':').expect("mention without a kind");
        let (role, body) = match body.split_once('|') {
            Some((role, name)) => (Some(role), name),
            None => (None, body),
        };
        let (surface, canonical) = body.split_once('=').unwrap_or((body, body));
        let role = role.map(|role| {
            let start = text.len();
            text.push_str(role);
            text.push(' ');
            start..start + role.len()
        });
        let start = text.len();
        text.push_str(surface);
        let (kind, gender) = match kind {
            "pm" => (ActorKind::Person, Some(Gender::Male)),
            "pf" => (ActorKind::Person, Some(Gender::Female)),
            "p" => (ActorKind::Person, None),
            "o" => (ActorKind::Organization, None),
            _ => (ActorKind::Place, None),
        };
        marked.push(Marked { name: start..text.len(), role, canonical: canonical.to_owned(), kind, gender });
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    (text, marked)
}

/// Builds the actors the actor layer would have found from the marked mentions.
fn found<'t>(doc: &Document<'t>, marked: &[Marked]) -> Found<'t> {
    let mut found = Found { actors: Vec::new(), mentions: Vec::new(), genders: Vec::new() };
    for m in marked {
        let id = match found.actors.iter().position(|a| a.name == m.canonical) {
            Some(id) => id,
            None => {
                found.actors.push(Actor {
                    id: found.actors.len(),
                    name: m.canonical.clone().into(),
                    kind: m.kind,
                    mentions: Vec::new(),
                    roles: Vec::new(),
                });
                found.genders.push(m.gender);
                found.actors.len() - 1
            }
        };
        found.actors[id].mentions.push(Span::of(doc.text, m.name.start, m.name.end));
        let tokens = doc.token_at_or_after(m.name.start)..doc.token_at_or_after(m.name.end);
        let role = m.role.as_ref().map(|r| doc.token_at_or_after(r.start)..doc.token_at_or_after(r.end));
        found.mentions.push(Mention { tokens, actor: id, role });
    }
    found
}

/// Runs quotation finding and attribution on `input` and renders the result.
fn run(input: &str) -> String {
    let tables = tables();
    let (text, marked) = strip(input);
    let doc = Document::parse(&text, &tables.grammar);
    let quotations = find_quotations(&doc);
    let actors = found(&doc, &marked);
    let quotes = attribute(&doc, &quotations, &actors, &tables.lexicon, &tables.speech);
    let mut items = Vec::new();
    for (quotation, quote) in quotations.iter().zip(&quotes) {
        let mut item = format!("[{}]", quote.text);
        if quotation.scare {
            item.push('*');
        }
        if quotation.continues {
            item.push('+');
        }
        if let Some(span) = &quote.speaker_span {
            item.push_str(&format!(" @{}", span.text));
            if let Some(name) = quote.speaker_name.as_ref().filter(|n| **n != span.text) {
                item.push_str(&format!("={name}"));
            }
            if let Some(id) = quote.speaker {
                item.push_str(&format!("#{id}"));
            }
        }
        if let Some(cue) = &quote.cue {
            item.push_str(&format!(" ^{}", cue.text));
        }
        items.push(item);
    }
    items.join(" ")
}

macro_rules! t {
    ($name:ident, $input:expr, $expected:expr) => {
        #[test]
        fn $name() {
            assert_eq!(run($input), $expected);
        }
    };
}

// Marks and pairing.
t!(curly, "“We are ready,” he said.", "[“We are ready,”] @he ^said");
t!(straight, "\"We are ready,\" he said.", "[\"We are ready,\"] @he ^said");
t!(single_curly, "‘We are ready,’ he said.", "[‘We are ready,’] @he ^said");
t!(single_straight, "'We are ready,' he said.", "['We are ready,'] @he ^said");
t!(doubled_singles, "''We are ready,'' he said.", "[''We are ready,''] @he ^said");
t!(guillemets, "«Nous sommes prêts», said the minister.", "[«Nous sommes prêts»] @the minister ^said");
t!(reversed_guillemets, "»Wir sind bereit«, said the minister.", "[»Wir sind bereit«] @the minister ^said");
t!(single_guillemets, "‹We are ready,› he said.", "[‹We are ready,›] @he ^said");
t!(german_low_high, "„Wir sind bereit“, sagte er. The minister said so.", "[„Wir sind bereit“]");
t!(apostrophes_not_marks, "It’s the ’90s at the Smiths’ house, rock ’n’ roll, y’all.", "");
t!(possessive_inside_quote, "“The Smiths’ house was hit,” she said.", "[“The Smiths’ house was hit,”] @she ^said");
t!(inch_marks_dropped, "He is 5'11\" and weighs 80 kg. The plane is 6’2” wide.", "");
t!(lone_mark_dropped, "The \" sign was left there.", "");
// A wall of marks gave one quotation per pair, each quoting nothing.
t!(empty_pair_dropped, "He typed “” and \"\" then “…” twice.", "");
t!(wall_of_closing_marks_quotes_nothing, "””””””””””””””””””””", "");
t!(number_is_quoted, "The code was “1234,” he said.", "[“1234,”] @he ^said");
t!(
    nested_single_in_double,
    "“He told me ‘never again’ and left,” she said.",
    "[“He told me ‘never again’ and left,”] @she ^said"
);
t!(
    nested_double_in_single,
    "‘He told me “never again” and left,’ she said.",
    "[‘He told me “never again” and left,’] @she ^said"
);
t!(
    unclosed_ends_at_paragraph,
    "“We will not stop, he said.\n\nThe talks ended on Friday.",
    "[“We will not stop, he said.]"
);
t!(unclosed_short_dropped, "The “a mark.\n\n“Fine,” she said.", "[“Fine,”] @she ^said");
t!(
    second_opener_ends_first,
    "He said “we will win. Then “no,” she said.",
    "[“we will win. Then] @He ^said [“no,”] @she ^said"
);
t!(opener_missing, "We will win this,” she said.", "[We will win this,”] @she ^said");
t!(scare_quote, "The “killer” app was shown.", "[“killer”]*");
t!(scare_not_when_punctuated, "“Go,” he said.", "[“Go,”] @he ^said");
t!(
    two_quotes_one_speaker,
    "“We are ready,” he said, “and we will act.”",
    "[“We are ready,”] @he ^said [“and we will act.”] @he ^said"
);
t!(
    multi_paragraph,
    "“We will win the vote.\n\n“And we will govern,” {Jane Smith:pf} said.",
    "[“We will win the vote.] @Jane Smith#0 [“And we will govern,”]+ @Jane Smith#0 ^said"
);
t!(
    multi_paragraph_cue_first,
    "{Jane Smith:pf} said: “We will win the vote.\n\n“And we will govern.”",
    "[“We will win the vote.] @Jane Smith#0 ^said [“And we will govern.”]+ @Jane Smith#0"
);

// Cue patterns.
t!(trailer_name, "“We are ready,” {Jane Smith:pf} said.", "[“We are ready,”] @Jane Smith#0 ^said");
t!(trailer_inverted, "“We are ready,” said {Jane Smith:pf}.", "[“We are ready,”] @Jane Smith#0 ^said");
t!(
    trailer_inverted_role,
    "“We will respond,” said {Kremlin spokesman|Dmitry Peskov:pm}.",
    "[“We will respond,”] @Dmitry Peskov#0 ^said"
);
t!(
    role_before_name,
    "“We will respond,” {Kremlin spokesman|Dmitry Peskov:pm} said.",
    "[“We will respond,”] @Dmitry Peskov#0 ^said"
);
t!(lead_in_colon, "{Jane Smith:pf} said: “We are ready.”", "[“We are ready.”] @Jane Smith#0 ^said");
t!(
    lead_in_that,
    "{Jane Smith:pf} said that “the attack was serious.”",
    "[“the attack was serious.”] @Jane Smith#0 ^said"
);
t!(
    according_to_before,
    "According to {Jane Smith:pf}, “the attack was serious.”",
    "[“the attack was serious.”] @Jane Smith#0 ^According to"
);
t!(
    according_to_after,
    "“The attack was serious,” according to a senior official.",
    "[“The attack was serious,”] @a senior official ^according to"
);
t!(
    described_as,
    "{Jane Smith:pf} described it as “a disaster for everyone.”",
    "[“a disaster for everyone.”] @Jane Smith#0 ^described it as"
);
t!(called_scare, "{Jane Smith:pf} called the plan a “disaster”.", "[“disaster”]* @Jane Smith#0 ^called");
t!(added, "“We are ready,” {Jane Smith:pf} added.", "[“We are ready,”] @Jane Smith#0 ^added");
t!(
    told_object_not_speaker,
    "“We are ready,” {Jane Smith:pf} told {Reuters:o}.",
    "[“We are ready,”] @Jane Smith#0 ^told"
);
t!(told_object_pronoun, "“We are ready,” she told reporters on Monday.", "[“We are ready,”] @she ^told");
t!(scare_in_reported_speech, "{Jane Smith:pf} said the malware was a “killer”.", "[“killer”]* @Jane Smith#0 ^said");
t!(question_new_sentence, "“Are we ready?” {Jane Smith:pf} asked.", "[“Are we ready?”] @Jane Smith#0 ^asked");
t!(period_then_narration, "“We are ready.” The minister left the room after the meeting.", "[“We are ready.”]");
t!(filler_between, "“We are ready,” {Jane Smith:pf} also said.", "[“We are ready,”] @Jane Smith#0 ^said");
t!(
    appositive,
    "“We are ready,” {Jane Smith:pf}, the agency’s director, said.",
    "[“We are ready,”] @Jane Smith#0 ^said"
);
t!(
    statement_saying,
    "The company issued a statement saying “we take security seriously.”",
    "[“we take security seriously.”] @a statement ^saying"
);
t!(noun_not_cue, "The reports of “rigged” votes spread.", "[“rigged”]* @The reports");

// Speakers that are not actors.
t!(title_phrase, "“We will respond,” the Kremlin spokesman said.", "[“We will respond,”] @the Kremlin spokesman ^said");
t!(
    official_phrase,
    "“We will respond,” a White House official said.",
    "[“We will respond,”] @a White House official ^said"
);
t!(officials_plural, "“We will respond,” officials said.", "[“We will respond,”] @officials ^said");
t!(company, "“We take this seriously,” the company said.", "[“We take this seriously,”] @the company ^said");
t!(
    possessive_phrase,
    "“We are ready,” the company’s spokesman said.",
    "[“We are ready,”] @the company’s spokesman ^said"
);
t!(
    spokesman_for,
    "“We are ready,” said a spokesman for {Microsoft:o}.",
    "[“We are ready,”] @a spokesman for Microsoft ^said"
);
t!(
    unknown_head_noun,
    "“It was very nice,” the gambling tycoon told reporters.",
    "[“It was very nice,”] @the gambling tycoon ^told"
);
t!(unlinked_name, "“We are ready,” Smith said.", "[“We are ready,”] @Smith ^said");

// Pronouns.
t!(
    pronoun_to_actor,
    "{Jane Smith:pf} met the board. “We are ready,” she said.",
    "[“We are ready,”] @she=Jane Smith#0 ^said"
);
t!(
    pronoun_gender,
    "{Jane Smith:pf} met {John Doe:pm}. “We are ready,” he said.",
    "[“We are ready,”] @he=John Doe#1 ^said"
);
t!(
    pronoun_given_name,
    "{Maria Lopez:p} met {Peter Brown:p}. “We are ready,” she said.",
    "[“We are ready,”] @she=Maria Lopez#0 ^said"
);
t!(
    pronoun_last_speaker,
    "“We lost,” {John Doe:pm} said after he met {Jim Roe:pm}. “It hurts,” he said.",
    "[“We lost,”] @John Doe#0 ^said [“It hurts,”] @he=John Doe#0 ^said"
);
t!(
    pronoun_new_subject,
    "“We lost,” {John Doe:pm} said. {Jim Roe:pm} was there too. “It hurts,” he said.",
    "[“We lost,”] @John Doe#0 ^said [“It hurts,”] @he=Jim Roe#1 ^said"
);
t!(
    pronoun_subject_since,
    "“We lost,” {John Doe:pm} said.\n\n{Jim Roe:pm} later spoke to the press. “It hurts,” he said.",
    "[“We lost,”] @John Doe#0 ^said [“It hurts,”] @he=Jim Roe#1 ^said"
);
t!(
    pronoun_it_company,
    "{Microsoft:o} patched the bug. “We acted fast,” it said.",
    "[“We acted fast,”] @it=Microsoft#0 ^said"
);
t!(
    pronoun_unlinked_fallback,
    "“We lost,” Smith said. “It hurts,” he said.",
    "[“We lost,”] @Smith ^said [“It hurts,”] @he=Smith ^said"
);

// Cue-less quotations.
t!(
    own_paragraph_inherits,
    "“We are ready,” {Jane Smith:pf} said.\n\n“The attack will not stop us.”",
    "[“We are ready,”] @Jane Smith#0 ^said [“The attack will not stop us.”] @Jane Smith#0"
);
t!(
    narration_inherits,
    "{Jane Smith:pf} said the attack was serious. “We are investigating.”",
    "[“We are investigating.”] @Jane Smith#0"
);
t!(
    narration_nearer_than_quote,
    "“We lost,” {John Doe:pm} said.\n\n{Jane Smith:pf} said the vote was fair. “We won.”",
    "[“We lost,”] @John Doe#0 ^said [“We won.”] @Jane Smith#1"
);
t!(
    scare_does_not_inherit,
    "“We lost,” {John Doe:pm} said. The “reform” failed.",
    "[“We lost,”] @John Doe#0 ^said [“reform”]*"
);

// Agencies.
t!(
    agency_not_speaker,
    "“We are ready,” {Jane Smith:pf} said, according to {Reuters:o}.",
    "[“We are ready,”] @Jane Smith#0 ^said"
);
t!(
    agency_before_person,
    "According to {Reuters:o}, {Jane Smith:pf} said “the attack was serious.”",
    "[“the attack was serious.”] @Jane Smith#1 ^said"
);

/// Floods of marks: pairing and attribution must stay linear whatever the marks. (The timing
/// leaves out tokenizing and segmenting, which are tested with the text layer.)
#[test]
fn linear_on_mark_floods() {
    // Large enough that a quadratic pass would take minutes, small enough for debug builds.
    const FLOOD_BYTES: usize = 200_000;
    let tables = tables();
    for unit in ["\" ", "“ ", "‘“ ", "« ‹ ", "'a' ", "” ", "“‘“‘ ", "a” b “c "] {
        let text = unit.repeat(FLOOD_BYTES / unit.len());
        let doc = Document::parse(&text, &tables.grammar);
        let started = std::time::Instant::now();
        let quotations = find_quotations(&doc);
        let actors = Found { actors: Vec::new(), mentions: Vec::new(), genders: Vec::new() };
        let quotes = attribute(&doc, &quotations, &actors, &tables.lexicon, &tables.speech);
        assert!(quotes.iter().all(|q| text.is_char_boundary(q.start) && text.is_char_boundary(q.end)));
        assert!(started.elapsed().as_secs() < 2, "{unit:?} took {:?}", started.elapsed());
    }
}

#[test]
fn deep_nesting_is_fast() {
    let tables = tables();
    let mut text = String::new();
    for n in 0..10_000 {
        text.push_str(if n % 2 == 0 { "“a " } else { "‘b " });
    }
    for n in 0..10_000 {
        text.push_str(if n % 2 == 0 { "c’ " } else { "d” " });
    }
    let doc = Document::parse(&text, &tables.grammar);
    let started = std::time::Instant::now();
    let quotations = find_quotations(&doc);
    assert!(started.elapsed().as_secs() < 2);
    assert!(quotations.windows(2).all(|w| w[0].tokens.end <= w[1].tokens.start));
}

// Quotations inside a sentence whose cue names no speaker: the sentence subject.
t!(
    subject_without_speech_verb,
    "{Donald Trump:pm} urged his supporters to make sure the vote is “on the up and up.”",
    "[“on the up and up.”] @Donald Trump#0 ^urged"
);
t!(subject_of_headline, "{Obama:pm} Calls the Trends ‘Terrifying’", "[‘Terrifying’]* @Obama#0");
t!(
    subject_not_after_preposition,
    "In {Tulsa:l}, {Jane Smith:pf} wants the shooting seen as “intolerable.”",
    "[“intolerable.”] @Jane Smith#1"
);
t!(subject_pronoun, "She wants the shooting seen as “intolerable.”", "[“intolerable.”] @She");
t!(reported_clause_not_subject, "Yesterday it emerged that police had acted “without delay.”", "[“without delay.”]");
t!(
    noun_verb_form_not_cue,
    "Sitting at a lunch counter in the South was “an act of patriotism.”",
    "[“an act of patriotism.”]"
);

// Signatures and cues past abbreviations.
t!(dash_signature, "“We need a change.” ― {Jane Smith:pf}", "[“We need a change.”] @Jane Smith#0 ^―");
t!(
    abbreviation_before_verb,
    "“We are ready,” {Mitch McConnell:pm}, R-Ky., said Tuesday.",
    "[“We are ready,”] @Mitch McConnell#0 ^said"
);
t!(
    parenthesis_before_verb,
    "“We are ready,” {Gwen Moore:pf} (D-Wis.) said Friday.",
    "[“We are ready,”] @Gwen Moore#0 ^said"
);
t!(
    long_appositive_before_verb,
    "“We are ready,” {Jane Smith:pf}, a senior fellow at the institute and a former ambassador to the United Nations, said on Friday.",
    "[“We are ready,”] @Jane Smith#0 ^said"
);
t!(
    participle_takes_sentence_subject,
    "{Howard Dean:pm} mocked the candidate during the debate, tweeting, “Notice the sniffing all the time.”",
    "[“Notice the sniffing all the time.”] @Howard Dean#0 ^tweeting"
);
t!(
    noun_after_preposition_not_subject,
    "Protesters marching through the streets chanted “What curfew?” until dawn.",
    "[“What curfew?”] @Protesters ^chanted"
);
t!(
    previous_sentence_subject,
    "{Bernie Sanders:pm} named exhaustion with bigotry as a reason to vote. “Young people are sick of racism.”",
    "[“Young people are sick of racism.”] @Bernie Sanders#0"
);
t!(
    sentence_ends_inside_closing_mark,
    "“It is too early,” said {Mark Cuban:pm}, who hosts “Shark Tank.” “Much depends on the economy.”",
    "[“It is too early,”] @Mark Cuban#0 ^said [“Shark Tank.”] @Mark Cuban#0 ^said [“Much depends on the economy.”] @Mark Cuban#0"
);
t!(
    colon_introducer,
    "Hacker Guccifer: Her Server Was ‘Like an Open Orchid’",
    "[‘Like an Open Orchid’]* @Hacker Guccifer"
);
