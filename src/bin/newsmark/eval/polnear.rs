//! Evaluation task `polnear`: direct quotations and their speakers in PolNeAR v1.0 (US
//! political news, 2016).
//!
//! Each article's raw text is analysed by the public [`newsmark::analyze`]. The gold comes from
//! one annotator per article (the first `.ann` file in sorted order). Only direct quotations are
//! scored: Contents whose text begins or ends with a quotation mark.
//!
//! Rules, exactly:
//! - A gold Content may have several segments ("A," he said, "B."); it is one gold item.
//! - **Detection, quoted part** (the headline rule): a gold item is found when the predicted
//!   quotes cover at least half of its *quoted part*, the characters of its segments from its
//!   first quotation mark to its last. PolNeAR's Content of a mixed quotation takes in the
//!   reported clause around the marks (`that Trump’s statement was “true.”`); newsmark reports
//!   the marked words, which is what a reader highlights.
//! - **Detection, whole content** (stricter, shown beside it): the same with the Content's
//!   whole length.
//! - A prediction is correct when at least half of its length lies inside gold direct Contents.
//!   Wrong predictions are split into short ones (at most [`SHORT_WORDS`] words: scare quotes and
//!   quoted terms, which PolNeAR does not annotate), ones inside a non-direct Content, and others.
//! - **Speaker**: over found gold items that have a Source, the prediction overlapping the item
//!   most is right when its `speaker_span` overlaps the Source, or its `speaker_name` shares a
//!   capitalised name word with the Source text.
//! - **Cyber terms** found in these articles, counted: PolNeAR has no cyber gold, and its US
//!   political news is mostly not about attacks, so the count watches the cyber layer's false
//!   alarms on general news.
//!
//! Offsets in `.ann` files count characters; they are converted to bytes before comparing.
//! `NEWSMARK_EVAL_EXAMPLES=N` prints N missed quotations and N wrong speakers.

use std::collections::HashMap;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use newsmark::Quote;

use super::Options;
use crate::Failure;

/// Predictions of at most this many words that match nothing are counted as scare quotes.
const SHORT_WORDS: usize = 4;

/// One annotated Content with its Source.
struct Gold {
    /// Byte ranges of the Content's segments.
    segments: Vec<Range<usize>>,
    /// Byte ranges of the Source's segments, if the attribution has one.
    source: Option<Vec<Range<usize>>>,
    /// Whether the Content begins or ends with a quotation mark.
    direct: bool,
}

/// One article: its text and gold Contents.
struct Article {
    name: String,
    text: String,
    gold: Vec<Gold>,
}

#[derive(Default)]
struct Tally {
    gold: usize,
    found: usize,
    found_whole: usize,
    predicted: usize,
    correct: usize,
    short_wrong: usize,
    indirect_wrong: usize,
    with_source: usize,
    speaker_right: usize,
    speaker_missing: usize,
    /// Cyber terms found in these articles, which are political news with few cyber subjects.
    cyber_terms: usize,
    bytes: usize,
}

/// Scores newsmark on PolNeAR and prints a table.
pub fn run(options: &Options) -> Result<(), Failure> {
    let folder = options.data.join("polnear").join(&options.split);
    let mut articles = read(&folder)?;
    if let Some(limit) = options.limit {
        articles.truncate(limit);
    }
    let examples: usize = std::env::var("NEWSMARK_EVAL_EXAMPLES").ok().and_then(|n| n.parse().ok()).unwrap_or(0);
    let mut misses = Vec::new();
    let mut wrong_speakers = Vec::new();
    let started = std::time::Instant::now();
    let mut tally = Tally::default();
    for article in &articles {
        tally.bytes += article.text.len();
        let analysis = newsmark::analyze(&article.text);
        tally.cyber_terms += analysis.terms.len();
        score(article, &analysis.quotes, &mut tally, &mut misses, &mut wrong_speakers);
    }
    let seconds = started.elapsed().as_secs_f64();
    print(options, articles.len(), &tally, seconds);
    for (title, list) in [("missed", &misses), ("wrong speaker", &wrong_speakers)] {
        for line in list.iter().take(examples) {
            println!("{title}: {line}");
        }
    }
    Ok(())
}

fn score(article: &Article, quotes: &[Quote], tally: &mut Tally, misses: &mut Vec<String>, wrong: &mut Vec<String>) {
    let text = &article.text;
    let predicted: Vec<Range<usize>> = quotes.iter().map(|q| q.start..q.end).collect();
    for gold in article.gold.iter().filter(|g| g.direct) {
        tally.gold += 1;
        let quoted = quoted_part(text, &gold.segments);
        let found = covered(&quoted, &predicted) * 2 >= length(&quoted);
        tally.found_whole += usize::from(covered(&gold.segments, &predicted) * 2 >= length(&gold.segments));
        let excerpt = || compact(&text[gold.segments[0].start..gold.segments[gold.segments.len() - 1].end]);
        if !found {
            misses.push(format!("{}: {}", article.name, excerpt()));
            continue;
        }
        tally.found += 1;
        let Some(source) = &gold.source else { continue };
        tally.with_source += 1;
        let best =
            quotes.iter().max_by_key(|q| gold.segments.iter().map(|s| overlap(s, &(q.start..q.end))).sum::<usize>());
        let Some(best) = best else { continue };
        let source_text: String = source.iter().map(|s| &text[s.clone()]).collect::<Vec<_>>().join(" ");
        let span_right = best
            .speaker_span
            .as_ref()
            .is_some_and(|span| source.iter().any(|s| overlap(s, &(span.start..span.end)) > 0));
        let name_right = best.speaker_name.as_deref().is_some_and(|name| shares_name_word(name, &source_text));
        if span_right || name_right {
            tally.speaker_right += 1;
        } else {
            tally.speaker_missing += usize::from(best.speaker_name.is_none());
            let said = best.speaker_span.as_ref().map_or("-", |s| &*s.text);
            wrong.push(format!(
                "{}: gold [{}] predicted [{}] in {}",
                article.name,
                compact(&source_text),
                said,
                excerpt()
            ));
        }
    }
    let direct: Vec<Range<usize>> =
        article.gold.iter().filter(|g| g.direct).flat_map(|g| g.segments.iter().cloned()).collect();
    let indirect: Vec<Range<usize>> =
        article.gold.iter().filter(|g| !g.direct).flat_map(|g| g.segments.iter().cloned()).collect();
    for quote in quotes {
        tally.predicted += 1;
        let span = quote.start..quote.end;
        let range = std::slice::from_ref(&span);
        if covered(range, &direct) * 2 >= length(range) {
            tally.correct += 1;
        } else if quote.text.split_whitespace().count() <= SHORT_WORDS {
            tally.short_wrong += 1;
        } else if covered(range, &indirect) * 2 >= length(range) {
            tally.indirect_wrong += 1;
        }
    }
}

fn print(options: &Options, articles: usize, tally: &Tally, seconds: f64) {
    let ratio = |part: usize, total: usize| if total == 0 { 0.0 } else { part as f64 / total as f64 };
    let f1 = |p: f64, r: f64| if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    let recall = ratio(tally.found, tally.gold);
    let recall_whole = ratio(tally.found_whole, tally.gold);
    let precision = ratio(tally.correct, tally.predicted);
    let precision_no_short = ratio(tally.correct, tally.predicted - tally.short_wrong);
    println!(
        "PolNeAR {} — {} articles, {} direct quotations, {:.1} MB/s",
        options.split,
        articles,
        tally.gold,
        tally.bytes as f64 / 1e6 / seconds.max(1e-9)
    );
    println!("  {:<38} {:>9} {:>9} {:>9}", "detection", "P", "R", "F1");
    println!("  {:<38} {:>9.3} {:>9.3} {:>9.3}", "quoted part ≥ 50%", precision, recall, f1(precision, recall));
    println!(
        "  {:<38} {:>9.3} {:>9.3} {:>9.3}",
        "quoted part, short misses left out",
        precision_no_short,
        recall,
        f1(precision_no_short, recall)
    );
    println!(
        "  {:<38} {:>9.3} {:>9.3} {:>9.3}",
        "whole content ≥ 50%",
        precision,
        recall_whole,
        f1(precision, recall_whole)
    );
    println!(
        "  predictions {}: right {}, wrong short (≤ {SHORT_WORDS} words) {}, wrong inside indirect content {}, other {}",
        tally.predicted,
        tally.correct,
        tally.short_wrong,
        tally.indirect_wrong,
        tally.predicted - tally.correct - tally.short_wrong - tally.indirect_wrong
    );
    println!(
        "  speaker accuracy {:.3} ({} of {} found quotations with a gold source; {} with no speaker)",
        ratio(tally.speaker_right, tally.with_source),
        tally.speaker_right,
        tally.with_source,
        tally.speaker_missing
    );
    // No cyber gold, but a count to watch: hacking stories are a few of these articles, so most
    // of the terms are false alarms of names that are ordinary words in general news.
    println!(
        "  cyber terms in this political news: {} ({:.0} per MB; no cyber gold, mostly false alarms)",
        tally.cyber_terms,
        tally.cyber_terms as f64 / (tally.bytes as f64 / 1e6).max(1e-9)
    );
}

/// Whether `name` and `source` share a capitalised word of two letters or more.
fn shares_name_word(name: &str, source: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 2 && w.chars().next().is_some_and(char::is_uppercase))
            .map(str::to_lowercase)
            .collect()
    };
    let source_words = words(source);
    words(name).iter().any(|w| source_words.contains(w))
}

/// The parts of `segments` from the first quotation mark in them to the last.
fn quoted_part(text: &str, segments: &[Range<usize>]) -> Vec<Range<usize>> {
    let marks: Vec<usize> = segments
        .iter()
        .flat_map(|s| text[s.clone()].char_indices().filter(|(_, c)| is_mark(*c)).map(move |(i, c)| (s.start + i, c)))
        .flat_map(|(i, c)| [i, i + c.len_utf8()])
        .collect();
    let (Some(&first), Some(&last)) = (marks.first(), marks.last()) else { return segments.to_vec() };
    segments
        .iter()
        .filter_map(|s| {
            let range = s.start.max(first)..s.end.min(last);
            (range.start < range.end).then_some(range)
        })
        .collect()
}

fn is_mark(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}')
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

fn length(ranges: &[Range<usize>]) -> usize {
    ranges.iter().map(|r| r.len()).sum()
}

/// How many bytes of `ranges` lie inside any of `by` (which do not overlap each other).
fn covered(ranges: &[Range<usize>], by: &[Range<usize>]) -> usize {
    ranges.iter().map(|r| by.iter().map(|b| overlap(r, b)).sum::<usize>().min(r.len())).sum()
}

/// Text on one line, cut to a readable length.
fn compact(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(140) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

/// Reads every article of one split folder with its first annotator's attributions.
fn read(folder: &Path) -> Result<Vec<Article>, Failure> {
    let list = |dir: PathBuf| -> Result<Vec<String>, Failure> {
        let entries = fs::read_dir(&dir).map_err(|e| Failure::Input(format!("{}: {e}", dir.display())))?;
        let mut names: Vec<String> = entries.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
        names.sort();
        Ok(names)
    };
    let texts = list(folder.join("text"))?;
    let annotations = list(folder.join("attributions"))?;
    let mut by_article: HashMap<&str, &str> = HashMap::new();
    for file in &annotations {
        if let Some((stem, _annotator)) = file.strip_suffix(".ann").and_then(|f| f.rsplit_once('_')) {
            by_article.entry(stem).or_insert(file);
        }
    }
    let mut articles = Vec::new();
    for file in &texts {
        let Some(stem) = file.strip_suffix(".txt") else { continue };
        let Some(ann) = by_article.get(stem) else { continue };
        let read =
            |path: PathBuf| fs::read_to_string(&path).map_err(|e| Failure::Input(format!("{}: {e}", path.display())));
        let text = read(folder.join("text").join(file))?;
        let gold = parse_ann(&text, &read(folder.join("attributions").join(ann))?);
        articles.push(Article { name: stem.to_string(), text, gold });
    }
    Ok(articles)
}

/// The Contents of a brat `.ann` file, with their Sources, in byte offsets of `text`.
fn parse_ann(text: &str, ann: &str) -> Vec<Gold> {
    // Byte offset of each char index, plus the end.
    let bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let mut spans: HashMap<&str, (&str, Vec<Range<usize>>)> = HashMap::new();
    let mut source_of: HashMap<&str, &str> = HashMap::new();
    for line in ann.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(body)) = (fields.next(), fields.next()) else { continue };
        if id.starts_with('T') {
            let Some((label, offsets)) = body.split_once(' ') else { continue };
            let segments: Option<Vec<Range<usize>>> = offsets
                .split(';')
                .map(|pair| {
                    let (start, end) = pair.trim().split_once(' ')?;
                    let (start, end): (usize, usize) = (start.parse().ok()?, end.parse().ok()?);
                    (start <= end).then_some(())?;
                    Some(*bytes.get(start)?..*bytes.get(end)?)
                })
                .collect();
            if let Some(mut segments) = segments.filter(|s| !s.is_empty()) {
                segments.sort_by_key(|s| s.start);
                spans.insert(id, (label, segments));
            }
        } else if id.starts_with('E') {
            let roles: HashMap<&str, &str> = body.split_whitespace().filter_map(|r| r.split_once(':')).collect();
            if let (Some(content), Some(source)) = (roles.get("Content"), roles.get("Source")) {
                source_of.insert(content, source);
            }
        }
    }
    let mut gold: Vec<Gold> = spans
        .iter()
        .filter(|(_, (label, _))| *label == "Content")
        .map(|(id, (_, segments))| {
            let first = text[segments[0].clone()].chars().next();
            let last = text[segments[segments.len() - 1].clone()].chars().next_back();
            let direct = first.is_some_and(is_mark) || last.is_some_and(is_mark);
            let source = source_of.get(id).and_then(|s| spans.get(s)).map(|(_, segments)| segments.clone());
            Gold { segments: segments.clone(), source, direct }
        })
        .collect();
    gold.sort_by_key(|g| g.segments[0].start);
    gold
}
