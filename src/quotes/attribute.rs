//! Attribution: the speech cue and speaker of each quotation.
//!
//! For each quotation, in order of preference:
//! 1. a cue right after it, in the same sentence: `“…,” X said`, `“…,” said X`,
//!    `“…,” X told Reuters` (the object is never the speaker), `“…,” according to X`, a dash
//!    signature `“…” ― X`, or a name whose long appositive ends in the verb
//!    (`“…,” X, a senior fellow at …, said`);
//! 2. a cue before it, in the same sentence: `X said: “…”`, `X said that “…”`,
//!    `X said Y was a “killer”`, `according to X, “…”`, `X described it as “…”`.
//!
//!    A quotation that opens its sentence looks after itself first; one inside a sentence
//!    (a partial or scare quote) looks before itself first;
//! 3. a quotation inside a sentence whose cue names no speaker, or that has no cue, takes the
//!    sentence's subject: the first person, organisation, subject pronoun or speaker noun that is
//!    not the object of a preposition ("Trump urged his supporters to … “on the up and up.”");
//! 4. without a cue, a quotation that opens its sentence takes the speaker of the nearest of: the
//!    previous quotation (in its paragraph or the one before), the last speech act of the
//!    narration before it ("Smith said the attack was serious. “We are investigating.”"), or the
//!    subject of the sentence right before it in its paragraph. Parts of a quotation that runs
//!    over several paragraphs share one speaker.
//!
//! Pronoun speakers are resolved to the nearest fitting actor: the last named speaker when its
//! gender fits and no other fitting actor has been a sentence subject since, else the nearest
//! fitting subject, else the nearest fitting mention. Every look is bounded by a fixed window, so
//! attribution is linear in the number of quotations.

use std::borrow::Cow;
use std::ops::Range;

use super::lexicon::{Referent, VerbFlags};
use super::speaker::{Reader, Speaker, SpeakerKind};
use super::{Quotation, SpeechLexicon};
use crate::actors::Found;
use crate::analysis::{ActorKind, Quote, Span};
use crate::lexicon::{Gender, Lexicon};
use crate::text::{Document, TokenKind};

/// Tokens after a quotation searched for its cue.
const AFTER_WINDOW: usize = 16;
/// Tokens after a quotation searched for a cue past a long appositive.
const LONG_APPOSITIVE_WINDOW: usize = 40;
/// Tokens before a quotation searched for its cue.
const BEFORE_WINDOW: usize = 48;
/// Tokens before a cue-less quotation searched for a speech act of the narration.
const NARRATION_WINDOW: usize = 60;
/// How far back, in tokens, a pronoun looks for its actor.
const PRONOUN_LOOKBACK: usize = 400;
/// Most tokens (determiners, marks) before a mention that still opens its sentence.
const MAX_SUBJECT_OFFSET: usize = 3;
/// Tokens from the start of a sentence searched for its subject.
const SUBJECT_WINDOW: usize = 24;
/// Most actor mentions a pronoun weighs.
const MAX_CANDIDATES: usize = 40;

/// A cue with the speaker read next to it.
struct Cue {
    tokens: Range<usize>,
    speaker: Option<Speaker>,
}

/// A speaker after pronoun resolution.
#[derive(Clone, Debug)]
struct Resolved<'t> {
    /// Where the speaker is named, in tokens.
    span: Range<usize>,
    actor: Option<usize>,
    /// The canonical name or the phrase as written.
    name: Cow<'t, str>,
    kind: SpeakerKind,
}

/// The public quotes with their speakers and cues.
pub fn attribute<'t>(
    doc: &Document<'t>,
    quotations: &[Quotation],
    actors: &Found<'t>,
    lexicon: &Lexicon,
    speech: &SpeechLexicon,
) -> Vec<Quote<'t>> {
    let reader = Reader { doc, actors, speech };
    // The speaker of the previous quotation: the only earlier one a quotation may inherit.
    let mut previous: Option<Resolved> = None;
    let mut last_named: Option<Resolved> = None;
    let mut quotes = Vec::with_capacity(quotations.len());
    for (k, quotation) in quotations.iter().enumerate() {
        let cue = find_cue(&reader, quotations, k);
        let inside = !quotation.continues
            && !opens_sentence(&reader, quotation, doc.paragraphs[doc.paragraph_of(quotation.tokens.start)].start);
        let speaker = match cue.as_ref().and_then(|c| c.speaker.clone()) {
            Some(speaker) => Some(speaker),
            None if inside => sentence_subject(&reader, quotations, k),
            None => None,
        };
        let speaker = match speaker {
            Some(speaker) => Some(resolve(&reader, lexicon, speaker, last_named.as_ref())),
            None if cue.is_none() => inherit(&reader, lexicon, quotations, previous.as_ref(), k, last_named.as_ref()),
            None => None,
        };
        if let Some(named) = speaker.as_ref().filter(|s| s.kind != SpeakerKind::Noun || s.actor.is_some()) {
            last_named = Some(named.clone());
        }
        quotes.push(public_quote(doc, quotation, speaker.as_ref(), cue.as_ref()));
        previous = speaker;
    }
    // A quotation over several paragraphs whose cue comes in a later part: give it to the
    // earlier parts too.
    for k in (0..quotations.len().saturating_sub(1)).rev() {
        if quotations[k + 1].continues && quotes[k].speaker_name.is_none() {
            let (head, tail) = quotes.split_at_mut(k + 1);
            head[k].speaker = tail[0].speaker;
            head[k].speaker_name.clone_from(&tail[0].speaker_name);
            head[k].speaker_span.clone_from(&tail[0].speaker_span);
        }
    }
    quotes
}

fn public_quote<'t>(doc: &Document<'t>, quotation: &Quotation, speaker: Option<&Resolved<'t>>, cue: Option<&Cue>) -> Quote<'t> {
    let bytes = doc.byte_range(quotation.tokens.clone());
    let span = |tokens: &Range<usize>| {
        let range = doc.byte_range(tokens.clone());
        Span::of(doc.text, range.start, range.end)
    };
    Quote {
        start: bytes.start,
        end: bytes.end,
        text: Cow::Borrowed(&doc.text[bytes]),
        speaker: speaker.and_then(|s| s.actor),
        speaker_name: speaker.map(|s| s.name.clone()),
        speaker_span: speaker.map(|s| span(&s.span)),
        cue: cue.map(|c| span(&c.tokens)),
    }
}

/// The cue of quotation `k` and the speaker next to it.
fn find_cue(reader: &Reader, quotations: &[Quotation], k: usize) -> Option<Cue> {
    let doc = reader.doc;
    let quotation = &quotations[k];
    let (start, end) = (quotation.tokens.start, quotation.tokens.end);
    let paragraph = doc.paragraphs[doc.paragraph_of(start)].clone();
    let previous_end = k.checked_sub(1).map_or(paragraph.start, |p| quotations[p].tokens.end.max(paragraph.start));
    let next_start = quotations.get(k + 1).map_or(paragraph.end, |n| n.tokens.start.min(paragraph.end));
    let before = previous_end.max(start.saturating_sub(BEFORE_WINDOW))..start;
    let after = end..next_start.max(end).min(end + AFTER_WINDOW);
    if opens_sentence(reader, quotation, paragraph.start) && !quotation.scare {
        let long = end..next_start.max(end).min(end + LONG_APPOSITIVE_WINDOW);
        trailer(reader, quotation, after)
            .or_else(|| lead_in(reader, before))
            .or_else(|| across_long_appositive(reader, long))
    } else {
        lead_in(reader, before).or_else(|| trailer(reader, quotation, after))
    }
}

/// Whether the quotation starts its paragraph or sentence. The sentence before may end inside
/// its own closing mark: `the show “Shark Tank.” “I mean, …”`.
fn opens_sentence(reader: &Reader, quotation: &Quotation, paragraph_start: usize) -> bool {
    let start = quotation.tokens.start;
    if start == paragraph_start {
        return true;
    }
    let mut before = start - 1;
    while before > paragraph_start && start - before <= 2 && reader.doc.tokens[before].kind == TokenKind::Quote {
        before -= 1;
    }
    is_terminal(reader, before)
}

/// Sentence-ending punctuation; a period right before a comma or a closing parenthesis ends an
/// abbreviation ("McConnell, R-Ky., said", "Moore (D-Wis.) said"), not a sentence.
fn is_terminal(reader: &Reader, i: usize) -> bool {
    let doc = reader.doc;
    super::pairing::is_terminal(doc, i)
        && !(doc.token_text(i) == "."
            && doc.tokens.get(i + 1).is_some_and(|t| t.kind == TokenKind::Punct)
            && matches!(doc.token_text(i + 1), "," | ")"))
}

/// The speech cue starting at token `t`: a verb form or a cue phrase, with its flags. A word
/// right after a determiner is a noun ("the report", "his claims"), not a cue.
fn cue_at(reader: &Reader, t: usize, hi: usize) -> Option<(Range<usize>, VerbFlags)> {
    let doc = reader.doc;
    if doc.tokens[t].kind != TokenKind::Word {
        return None;
    }
    let word = reader.speech.cue_word(reader.text(t))?;
    if word.starts_phrase {
        for (phrase, flags) in reader.speech.phrases() {
            let fits = t + phrase.len() <= hi
                && phrase
                    .iter()
                    .enumerate()
                    .all(|(n, w)| doc.tokens[t + n].kind == TokenKind::Word && reader.is_word(t + n, w));
            if fits {
                return Some((t..t + phrase.len(), *flags));
            }
        }
    }
    let flags = word.verb?;
    let after_determiner = t > 0 && reader.speech.is_determiner(reader.text(t - 1));
    let capitalized_inside = reader.capitalized(t) && t > 0 && !is_terminal(reader, t - 1);
    (!after_determiner && !capitalized_inside).then_some((t..t + 1, flags))
}

/// `“…,” X said`, `“…,” said X`, `“…,” X told Reuters`, `“…,” according to X`.
fn trailer(reader: &Reader, quotation: &Quotation, window: Range<usize>) -> Option<Cue> {
    let doc = reader.doc;
    let mut j = window.start;
    while j < window.end
        && j < window.start + 2
        && doc.tokens[j].kind == TokenKind::Punct
        && is_lead_punct(doc.token_text(j))
    {
        j += 1;
    }
    // “We are ready.” Smith said. — a new sentence may still hold the cue, if it is short.
    let closer = quotation.tokens.end - 1;
    let new_sentence = closer > quotation.tokens.start + 1
        && is_terminal(reader, closer - 1)
        && j < window.end
        && reader.capitalized(j);
    let reach = if new_sentence {
        4
    } else if quotation.scare {
        3
    } else {
        AFTER_WINDOW
    };
    if let Some(cue) = dash_signature(reader, window.start, window.end) {
        return Some(cue);
    }
    for t in j..window.end.min(j + reach) {
        if is_terminal(reader, t) || doc.tokens[t].kind == TokenKind::Quote {
            break;
        }
        let Some((cue, flags)) = cue_at(reader, t, window.end) else { continue };
        if flags.weak && t > j + 2 {
            continue;
        }
        let speaker = if flags.speaker_after {
            reader.phrase_starting(cue.end, window.end)
        } else if t == j {
            (!flags.object).then(|| reader.phrase_starting(cue.end, window.end)).flatten()
        } else {
            reader
                .subject_before(t, j)
                .or_else(|| (!flags.object).then(|| reader.phrase_starting(cue.end, window.end)).flatten())
        };
        if new_sentence {
            let speaker = speaker?;
            let tail = cue.end.max(speaker.span.end);
            let ends = tail >= window.end || is_terminal(reader, tail) || reader.is_punct(tail, ",");
            return ends.then_some(Cue { tokens: cue, speaker: Some(speaker) });
        }
        return Some(Cue { tokens: cue, speaker });
    }
    None
}

/// `“…,” Michael McFaul, a senior fellow at the Hoover Institution and a former ambassador to
/// Russia, said`: a name right after the quotation, an appositive too long for the trailer
/// window, and the speech verb right after the appositive's closing comma.
fn across_long_appositive(reader: &Reader, window: Range<usize>) -> Option<Cue> {
    let doc = reader.doc;
    let mut from = window.start;
    while from < window.end && doc.tokens[from].kind == TokenKind::Punct && is_lead_punct(doc.token_text(from)) {
        from += 1;
    }
    let name = reader.phrase_starting(from, window.end).filter(|s| s.kind == SpeakerKind::Name)?;
    let comma = name.span.end;
    if comma >= window.end || !reader.is_punct(comma, ",") {
        return None;
    }
    for t in comma + 1..window.end {
        if is_terminal(reader, t) || doc.tokens[t].kind == TokenKind::Quote {
            return None;
        }
        if !reader.is_punct(t, ",") {
            continue;
        }
        let mut verb = t + 1;
        while verb < window.end
            && doc.tokens[verb].kind == TokenKind::Word
            && reader.speech.is_filler(reader.text(verb))
        {
            verb += 1;
        }
        let found = (verb < window.end).then(|| cue_at(reader, verb, window.end)).flatten();
        if let Some((cue, _)) = found.filter(|(_, f)| !f.weak && !f.speaker_after && !f.as_object) {
            return Some(Cue { tokens: cue, speaker: Some(name) });
        }
    }
    None
}

fn is_lead_punct(text: &str) -> bool {
    matches!(text, "," | "(") || is_dash(text)
}

fn is_dash(text: &str) -> bool {
    text.starts_with(['-', '—', '–', '―'])
}

/// `“…” ― Jane Smith`: a quotation signed after a dash, the name closing the sentence.
fn dash_signature(reader: &Reader, from: usize, hi: usize) -> Option<Cue> {
    let doc = reader.doc;
    if from >= hi || doc.tokens[from].kind != TokenKind::Punct || !is_dash(doc.token_text(from)) {
        return None;
    }
    let speaker = reader.phrase_starting(from + 1, hi).filter(|s| s.kind == SpeakerKind::Name)?;
    let tail = speaker.span.end;
    let closes = tail >= hi || is_terminal(reader, tail) || doc.tokens[tail].kind == TokenKind::Quote;
    closes.then(|| Cue { tokens: from..from + 1, speaker: Some(speaker) })
}

/// `X said: “…”`, `X said that “…”`, `according to X, “…”`, `X described it as “…”`: the
/// nearest cue before the quotation in its sentence that has a speaker, else the nearest cue.
fn lead_in(reader: &Reader, window: Range<usize>) -> Option<Cue> {
    let doc = reader.doc;
    let mut speakerless: Option<Cue> = None;
    let mut sentence_start = window.start;
    if let Some(stop) = (window.clone()).rev().find(|&t| is_terminal(reader, t)) {
        sentence_start = stop + 1;
    }
    for t in (sentence_start..window.end).rev() {
        let Some((mut cue, flags)) = cue_at(reader, t, window.end) else { continue };
        if flags.weak && window.end - cue.end > 2 {
            continue;
        }
        if flags.as_object {
            // "described it as", "called the plan a": the cue runs to "as" when there is one.
            if let Some(as_word) = (cue.end..window.end.min(cue.end + 5)).find(|&i| reader.is_word(i, "as")) {
                cue.end = as_word + 1;
            }
        }
        // "Dean poked at Trump during the debate, tweeting, “…”": a participle after a comma
        // shares the sentence's subject.
        let participle = t > sentence_start && reader.is_punct(t - 1, ",") && reader.lower(t).ends_with("ing");
        if participle && !flags.speaker_after {
            return Some(Cue { tokens: cue, speaker: first_subject(reader, &[], sentence_start, t - 1) });
        }
        let speaker = if flags.speaker_after {
            reader.phrase_starting(cue.end, window.end)
        } else {
            reader.subject_before(t, sentence_start).or_else(|| {
                (!flags.object && !flags.as_object).then(|| reader.phrase_starting(cue.end, window.end)).flatten()
            })
        };
        if speaker.is_some() {
            return Some(Cue { tokens: cue, speaker });
        }
        if speakerless.is_none() && !flags.weak && doc.tokens[t].kind == TokenKind::Word {
            speakerless = Some(Cue { tokens: cue, speaker });
        }
    }
    speakerless
}

/// The subject of the sentence around quotation `k`, for a quotation inside a sentence whose
/// cue names no speaker or that has no cue: in "Trump urged his supporters to check that it is
/// “on the up and up.”" or a headline ("Obama Calls Trends ‘Terrifying’") the quoted words are
/// the subject's. The subject is the first person or organisation, subject pronoun or speaker
/// noun phrase of the sentence that does not follow a preposition, outside earlier quotations.
fn sentence_subject(reader: &Reader, quotations: &[Quotation], k: usize) -> Option<Speaker> {
    let start = quotations[k].tokens.start;
    let sentence = reader.doc.sentences[reader.doc.sentence_of(start)].start;
    // "Hacker Guccifer: Clinton’s Server ‘Like an Open Orchid’": the phrase before a colon
    // introduces what follows it.
    let floor = sentence.max(start.saturating_sub(SUBJECT_WINDOW));
    if let Some(colon) = (floor..start).find(|&t| reader.is_punct(t, ":")) {
        let before = first_subject(reader, &quotations[..k], sentence, colon);
        let introducer = || {
            (colon > sentence)
                .then(|| reader.phrase_ending(colon - 1, sentence))
                .flatten()
                .filter(|s| reader.plausible(s) && !reader.is_place(s))
        };
        return before.or_else(introducer);
    }
    first_subject(reader, &quotations[..k], sentence, start)
}

/// The first subject between token `sentence`, a sentence start, and token `end`, skipping the
/// `earlier` quotations.
fn first_subject(reader: &Reader, earlier: &[Quotation], sentence: usize, end: usize) -> Option<Speaker> {
    let doc = reader.doc;
    let end = end.min(sentence + SUBJECT_WINDOW);
    let mut next = earlier.partition_point(|q| q.tokens.end <= sentence);
    let mut t = sentence;
    while t < end {
        if let Some(q) = earlier.get(next).filter(|q| q.tokens.start <= t) {
            t = t.max(q.tokens.end);
            next += 1;
            continue;
        }
        // "… said that police video did not give “…”": what follows "that" is reported.
        if t > sentence && reader.is_word(t, "that") && doc.tokens[t - 1].kind == TokenKind::Word {
            return None;
        }
        if let Some(subject) = subject_at(reader, t, sentence) {
            return Some(subject);
        }
        t += 1;
    }
    None
}

/// A sentence subject starting at token `t`, for [`sentence_subject`]: not the object of a
/// preposition. That test walks back over modifiers, so it is made last, on the few tokens
/// that could be a subject.
fn subject_at(reader: &Reader, t: usize, sentence: usize) -> Option<Speaker> {
    if reader.doc.tokens[t].kind != TokenKind::Word {
        return None;
    }
    subject_starting(reader, t, sentence).filter(|_| !reader.object_of_preposition(t, sentence))
}

/// A mention, pronoun or speaker noun phrase starting at word `t`, for [`subject_at`].
fn subject_starting(reader: &Reader, t: usize, sentence: usize) -> Option<Speaker> {
    let doc = reader.doc;
    if let Some(m) = reader.mention_starting(t) {
        let kind = reader.actors.actors.get(m.actor).map(|a| a.kind);
        return (kind != Some(ActorKind::Place)).then(|| Speaker {
            span: m.tokens.clone(),
            actor: Some(m.actor),
            kind: SpeakerKind::Name,
        });
    }
    let word = reader.text(t);
    if let Some(referent) = reader.speech.pronoun(word) {
        // "it" opens too many clauses ("it is") to stand for an organisation here.
        return (referent != Referent::Organization).then(|| Speaker {
            span: t..t + 1,
            actor: None,
            kind: SpeakerKind::Pronoun(referent),
        });
    }
    let next_is_noun = t + 1 < doc.tokens.len() && reader.speech.is_speaker_noun(reader.text(t + 1));
    if (reader.capitalized(t) && t > sentence) || !reader.speech.is_speaker_noun(word) || next_is_noun {
        return None;
    }
    reader.phrase_ending(t, sentence).filter(|s| {
        s.kind == SpeakerKind::Noun && reader.plausible(s) && !reader.object_of_preposition(s.span.start, sentence)
    })
}

/// The speaker of a quotation without a cue, taken from the previous quotation (whose speaker
/// is `previous_speaker`) or the narration before it.
fn inherit<'t>(
    reader: &Reader<'_, 't>,
    lexicon: &Lexicon,
    quotations: &[Quotation],
    previous_speaker: Option<&Resolved<'t>>,
    k: usize,
    last_named: Option<&Resolved<'t>>,
) -> Option<Resolved<'t>> {
    let doc = reader.doc;
    let quotation = &quotations[k];
    let previous = k.checked_sub(1).zip(previous_speaker);
    if quotation.continues {
        return previous.map(|(_, r)| r.clone());
    }
    let paragraph = doc.paragraph_of(quotation.tokens.start);
    if quotation.scare || !opens_sentence(reader, quotation, doc.paragraphs[paragraph].start) {
        return None;
    }
    let from_quote = previous
        .filter(|(p, _)| paragraph - doc.paragraph_of(quotations[*p].tokens.start) <= 1)
        .map(|(p, r)| (quotations[p].tokens.end, r.clone()));
    let from_narration = narration(reader, quotations, k).map(|(at, s)| (at, resolve(reader, lexicon, s, last_named)));
    let from_subject =
        introducing_subject(reader, quotations, k).map(|(at, s)| (at, resolve(reader, lexicon, s, last_named)));
    // The nearest wins; a tie goes to the earlier source in this list.
    [from_quote, from_narration, from_subject]
        .into_iter()
        .flatten()
        .reduce(|best, next| if next.0 > best.0 { next } else { best })
        .map(|(_, r)| r)
}

/// "Sanders named young voters’ exhaustion as a reason to back Clinton. “The younger people
/// are sick and tired of discrimination.”": a quotation opening a paragraph's later sentence,
/// takes the subject of the sentence right before it, unless a speech act or quotation is nearer
/// (see [`inherit`]). Returns where that sentence starts, and its subject.
fn introducing_subject(reader: &Reader, quotations: &[Quotation], k: usize) -> Option<(usize, Speaker)> {
    let doc = reader.doc;
    let start = quotations[k].tokens.start;
    let sentence = doc.sentence_of(start);
    let previous = doc.sentences[sentence.checked_sub(1)?].clone();
    let paragraph = doc.paragraphs[doc.paragraph_of(start)].start;
    if previous.start < paragraph || previous.end != start {
        return None;
    }
    first_subject(reader, &quotations[..k], previous.start, previous.end).map(|s| (previous.start, s))
}

/// The last speech act with a speaker in the narration before quotation `k`, within its
/// paragraph and the one before, outside quotations: its position and speaker.
fn narration(reader: &Reader, quotations: &[Quotation], k: usize) -> Option<(usize, Speaker)> {
    let doc = reader.doc;
    let start = quotations[k].tokens.start;
    let paragraph = doc.paragraph_of(start);
    let floor = doc.paragraphs[paragraph.saturating_sub(1)].start.max(start.saturating_sub(NARRATION_WINDOW));
    let mut inside = k;
    let mut t = start;
    while t > floor {
        t -= 1;
        // Skip over earlier quotations.
        while inside > 0 && quotations[inside - 1].tokens.end > t {
            inside -= 1;
            if quotations[inside].tokens.start <= t {
                t = quotations[inside].tokens.start;
            }
        }
        if t < floor || doc.tokens[t].kind != TokenKind::Word {
            continue;
        }
        let Some((_, flags)) = cue_at(reader, t, start) else { continue };
        if flags.weak || flags.speaker_after {
            continue;
        }
        let sentence = doc.sentences[doc.sentence_of(t)].start;
        if let Some(speaker) = reader.subject_before(t, sentence.max(floor)) {
            return Some((t, speaker));
        }
    }
    None
}

/// The speaker with its actor and name, pronouns resolved.
fn resolve<'t>(reader: &Reader<'_, 't>, lexicon: &Lexicon, speaker: Speaker, last_named: Option<&Resolved<'t>>) -> Resolved<'t> {
    let doc = reader.doc;
    let phrase = || Cow::Borrowed(doc.tokens_text(speaker.span.clone()));
    let actor_name = |a: usize| reader.actors.actors.get(a).map(|actor| actor.name.clone());
    match speaker.kind {
        SpeakerKind::Pronoun(referent) => {
            let actor = pronoun_actor(reader, lexicon, speaker.span.start, referent, last_named);
            let fallback = || {
                last_named
                    .filter(|n| n.actor.is_none() && fits_unlinked(reader, lexicon, n, referent))
                    .map(|n| n.name.clone())
            };
            let name = actor.and_then(actor_name).or_else(fallback).unwrap_or_else(phrase);
            Resolved { span: speaker.span, actor, name, kind: speaker.kind }
        }
        _ => {
            let name = speaker.actor.and_then(actor_name).unwrap_or_else(phrase);
            Resolved { span: speaker.span, actor: speaker.actor, name, kind: speaker.kind }
        }
    }
}

/// Whether an unlinked named speaker can be what a pronoun stands for.
fn fits_unlinked(reader: &Reader, lexicon: &Lexicon, named: &Resolved, referent: Referent) -> bool {
    let first = reader.doc.token_text(named.span.start);
    match referent {
        Referent::Man | Referent::Woman => {
            named.kind == SpeakerKind::Name && gender_fits(lexicon.given_name(first), referent)
        }
        Referent::Group | Referent::Organization => false,
    }
}

fn gender_fits(gender: Option<Gender>, referent: Referent) -> bool {
    !matches!((referent, gender), (Referent::Man, Some(Gender::Female)) | (Referent::Woman, Some(Gender::Male)))
}

/// The actor a pronoun at token `at` stands for.
fn pronoun_actor(
    reader: &Reader,
    lexicon: &Lexicon,
    at: usize,
    referent: Referent,
    last_named: Option<&Resolved>,
) -> Option<usize> {
    let doc = reader.doc;
    let actors = reader.actors;
    let fits = |actor: usize| {
        let Some(info) = actors.actors.get(actor) else { return false };
        match referent {
            Referent::Man | Referent::Woman => {
                if info.kind != ActorKind::Person {
                    return false;
                }
                let gender = actors.genders.get(actor).copied().flatten().or_else(|| {
                    let first = info.name.split_whitespace().next().unwrap_or("");
                    lexicon.given_name(first)
                });
                gender_fits(gender, referent)
            }
            Referent::Group | Referent::Organization => info.kind == ActorKind::Organization,
        }
    };
    let is_subject = |m: &crate::actors::Mention| {
        let first = m.role.as_ref().map_or(m.tokens.start, |r| r.start.min(m.tokens.start));
        let sentence = doc.sentences[doc.sentence_of(first)].start;
        first - sentence <= MAX_SUBJECT_OFFSET
            && (sentence..first)
                .all(|i| doc.tokens[i].kind != TokenKind::Word || reader.speech.is_determiner(reader.text(i)))
    };
    let before = actors.mentions.partition_point(|m| m.tokens.start < at);
    let candidates = actors.mentions[..before]
        .iter()
        .rev()
        .take(MAX_CANDIDATES)
        .take_while(|m| at - m.tokens.start <= PRONOUN_LOOKBACK)
        .filter(|m| fits(m.actor));
    let mut nearest = None;
    let mut nearest_subject = None;
    for m in candidates {
        nearest.get_or_insert(m.actor);
        let last_speaker = last_named.and_then(|n| n.actor).filter(|&a| a == m.actor && m.tokens.end <= at);
        if let Some(a) = last_speaker {
            // The last named speaker, unless another fitting actor was a subject since.
            return Some(nearest_subject.unwrap_or(a));
        }
        if nearest_subject.is_none() && is_subject(m) {
            nearest_subject = Some(m.actor);
        }
    }
    nearest_subject.or(nearest)
}
