//! The bodies of the fuzz targets and the checks they make, shared with the stable test suite:
//! `tests/fuzz_corpus.rs` replays the committed corpus through [`TARGETS`] and
//! `tests/regressions.rs` replays minimized crashes, both by including this file.
//!
//! A target turns the raw input into a text, analyses it and panics when the result breaks the
//! contract of `src/analysis.rs`: spans in bounds, on char boundaries and equal to their slice,
//! lists sorted, speaker ids valid, UTF-16 offsets that map back. A panic inside `newsmark`
//! itself is a crash too.

use std::sync::OnceLock;

use newsmark::utf16::{convert_offsets, utf16_to_byte};
use newsmark::{analyze, Analysis, Span};

/// A fuzz target: it takes any bytes and panics on a failed check.
pub type Target = fn(&[u8]);

/// Every target by name, as `fuzz/fuzz_targets/<name>.rs` and `fuzz/corpus/<name>/` name them.
pub const TARGETS: [(&str, Target); 3] = [
    ("analyze", analyze_target),
    ("utf16", utf16_target),
    ("news", news_target),
];

/// `analyze`: any bytes, invalid UTF-8 replaced by U+FFFD, must give a well-formed analysis.
pub fn analyze_target(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    check_invariants(&text, &analyze(&text));
}

/// `utf16`: every offset of the analysis of any bytes must survive the trip to UTF-16 and back.
pub fn utf16_target(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let analysis = analyze(&text);
    check_invariants(&text, &analysis);
    check_utf16_round_trip(&text, &analysis);
}

/// `news`: a text assembled from `fuzz/news.dict` (see [`news_text`]) must give a well-formed,
/// deterministic analysis. Raw bytes rarely reach the quote pairing, attribution or indicator
/// scanner; news fragments reach them on almost every input.
pub fn news_target(data: &[u8]) {
    let text = news_text(data);
    let analysis = analyze(&text);
    check_invariants(&text, &analysis);
    check_utf16_round_trip(&text, &analysis);
    assert!(
        analysis == analyze(&text),
        "the same text gave two different analyses"
    );
}

/// Builds a news-like text from `data`, two bytes per step: the first picks a fragment of
/// `fuzz/news.dict`, the second a separator (its low three bits) and how many times to repeat
/// fragment and separator (its top two bits, 1 to 4), so runs of marks and names come cheaply.
pub fn news_text(data: &[u8]) -> String {
    const SEPARATORS: [&str; 8] = [" ", " ", " ", "", "\n", "\n\n", ", ", ". "];
    let fragments = dictionary();
    let mut text = String::new();
    for step in data.chunks(2) {
        let fragment = &fragments[usize::from(step[0]) % fragments.len()];
        let shape = step.get(1).copied().unwrap_or(0);
        let separator = SEPARATORS[usize::from(shape & 7)];
        for _ in 0..=(shape >> 6) {
            text.push_str(fragment);
            text.push_str(separator);
        }
    }
    text
}

/// The entries of `fuzz/news.dict`, decoded once.
fn dictionary() -> &'static [String] {
    static ENTRIES: OnceLock<Vec<String>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let entries: Vec<String> = include_str!("../news.dict")
            .lines()
            .filter_map(dictionary_entry)
            .collect();
        assert!(!entries.is_empty(), "fuzz/news.dict has no entries");
        entries
    })
}

/// One libFuzzer dictionary line (`"…"` or `name="…"`, escapes `\\`, `\"` and `\xNN`) as text;
/// `None` for comments, blank lines and lines that are not entries.
fn dictionary_entry(line: &str) -> Option<String> {
    let line = line.trim();
    if line.starts_with('#') {
        return None;
    }
    let quoted = &line[line.find('"')?..];
    let body = quoted.strip_prefix('"')?.strip_suffix('"')?;
    let mut bytes = Vec::with_capacity(body.len());
    let mut rest = body.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        rest = tail;
        if byte != b'\\' {
            bytes.push(byte);
            continue;
        }
        match rest {
            [b'x', high, low, tail @ ..] => {
                let hex = [*high, *low];
                bytes.push(u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?);
                rest = tail;
            }
            [escaped, tail @ ..] => {
                bytes.push(*escaped);
                rest = tail;
            }
            [] => return None,
        }
    }
    String::from_utf8(bytes).ok()
}

/// Panics unless `analysis` keeps the contract of `src/analysis.rs` for `text`.
pub fn check_invariants(text: &str, analysis: &Analysis) {
    for (index, actor) in analysis.actors.iter().enumerate() {
        assert_eq!(actor.id, index, "actor ids are their indices");
        assert!(!actor.name.is_empty(), "actor {index} has an empty name");
        assert!(
            !actor.mentions.is_empty(),
            "actor {index} ({}) has no mention",
            actor.name
        );
        assert!(
            is_sorted(actor.mentions.iter().map(|m| m.start)),
            "mentions of {} unsorted",
            actor.name
        );
        actor
            .mentions
            .iter()
            .for_each(|m| check_span(text, "mention", m));
    }
    let first_mentions = analysis.actors.iter().map(|a| a.mentions[0].start);
    assert!(
        is_sorted(first_mentions),
        "actors are not sorted by first mention"
    );

    assert!(
        is_sorted(analysis.quotes.iter().map(|q| q.start)),
        "quotes are not sorted"
    );
    for quote in &analysis.quotes {
        check_range(text, "quote", quote.start, quote.end, &quote.text);
        if let Some(id) = quote.speaker {
            let actor = analysis.actors.get(id);
            assert!(
                actor.is_some(),
                "quote {:?} names speaker {id}, which is no actor",
                quote.text
            );
            let name = actor.map(|a| &*a.name);
            assert_eq!(
                quote.speaker_name.as_deref(),
                name,
                "speaker name of quote {:?}",
                quote.text
            );
        }
        quote
            .speaker_span
            .iter()
            .for_each(|s| check_span(text, "speaker", s));
        quote.cue.iter().for_each(|s| check_span(text, "cue", s));
    }

    let terms = &analysis.terms;
    assert!(
        terms.windows(2).all(|w| w[0].end <= w[1].start),
        "terms unsorted or overlapping"
    );
    for term in terms {
        check_range(text, "term", term.start, term.end, &term.text);
        assert!(
            !term.name.is_empty(),
            "term {:?} has an empty name",
            term.text
        );
    }
}

/// Panics unless every offset of `analysis`, converted to UTF-16 code units, counts the code
/// units before it and maps back to the same byte offset.
pub fn check_utf16_round_trip(text: &str, analysis: &Analysis) {
    let mut units = analysis.clone();
    convert_offsets(text, &mut units);
    let bytes = offsets(analysis);
    let converted = offsets(&units);
    assert_eq!(
        bytes.len(),
        converted.len(),
        "conversion changed the shape of the analysis"
    );
    for (byte, unit) in bytes.into_iter().zip(converted) {
        let expected = text.get(..byte).map(|before| before.encode_utf16().count());
        assert_eq!(
            Some(unit),
            expected,
            "byte offset {byte} converted to {unit} code units"
        );
        assert_eq!(
            utf16_to_byte(text, unit),
            Some(byte),
            "{unit} code units did not map back"
        );
    }
}

/// Every offset of `analysis`, in a fixed order.
fn offsets(analysis: &Analysis) -> Vec<usize> {
    let mut out = Vec::new();
    for mention in analysis.actors.iter().flat_map(|a| &a.mentions) {
        out.extend([mention.start, mention.end]);
    }
    for quote in &analysis.quotes {
        out.extend([quote.start, quote.end]);
        out.extend(
            quote
                .speaker_span
                .iter()
                .chain(&quote.cue)
                .flat_map(|s| [s.start, s.end]),
        );
    }
    out.extend(analysis.terms.iter().flat_map(|t| [t.start, t.end]));
    out
}

fn check_span(text: &str, what: &str, span: &Span) {
    check_range(text, what, span.start, span.end, &span.text);
}

/// Panics unless `start..end` is a non-empty range of `text` on char boundaries whose slice is
/// `slice`.
fn check_range(text: &str, what: &str, start: usize, end: usize, slice: &str) {
    assert!(
        start < end && end <= text.len(),
        "{what} {start}..{end} is empty or past {}",
        text.len()
    );
    let actual = text.get(start..end);
    assert!(actual.is_some(), "{what} {start}..{end} splits a char");
    assert_eq!(
        actual,
        Some(slice),
        "{what} {start}..{end} is not its slice"
    );
}

fn is_sorted(mut values: impl Iterator<Item = usize>) -> bool {
    let Some(mut previous) = values.next() else {
        return true;
    };
    values.all(|value| std::mem::replace(&mut previous, value) <= value)
}
