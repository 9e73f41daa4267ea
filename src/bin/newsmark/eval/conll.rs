//! Evaluation task `conll`: CoNLL-2003 English names, end to end.
//!
//! Each document is rebuilt as plain text (tokens joined by spaces, one sentence per line) and
//! analysed by the public [`newsmark::analyze`]. Every actor mention is mapped back to the CoNLL
//! tokens it covers; a mention that does not start and end on CoNLL token edges cannot match.
//! Scores are conlleval's: exact span and exact type, micro-averaged, over PER (person), ORG
//! (organization) and LOC (place). newsmark has no MISC kind, so gold MISC names are not
//! scored; the table says how many of them newsmark marks as an actor anyway, and as what.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use newsmark::ActorKind;

use super::Options;
use crate::Failure;

const KINDS: [ActorKind; 3] = [ActorKind::Person, ActorKind::Organization, ActorKind::Place];

/// A gold name: CoNLL token range and CoNLL type ("PER", "ORG", "LOC", "MISC").
type GoldName = (Range<usize>, String);

/// One CoNLL document rebuilt as text.
struct Doc {
    text: String,
    /// Byte range of each CoNLL token in `text`.
    tokens: Vec<Range<usize>>,
    names: Vec<GoldName>,
}

/// Scores newsmark on CoNLL-2003 and prints a table.
pub fn run(options: &Options) -> Result<(), Failure> {
    let file = match options.split.as_str() {
        "train" => "eng.train",
        "dev" => "eng.testa",
        _ => "eng.testb",
    };
    let path = options.data.join("conll2003").join(file);
    let mut docs = read(&path)?;
    if let Some(limit) = options.limit {
        docs.truncate(limit);
    }
    let started = std::time::Instant::now();
    let mut counts: HashMap<ActorKind, [usize; 3]> = HashMap::new();
    let mut misc_exact: HashMap<ActorKind, usize> = HashMap::new();
    let mut misc_overlap = 0usize;
    let mut misc_total = 0usize;
    let mut unaligned = 0usize;
    let mut bytes = 0usize;
    for doc in &docs {
        bytes += doc.text.len();
        let analysis = newsmark::analyze(&doc.text);
        let mut predicted: HashSet<(Range<usize>, ActorKind)> = HashSet::new();
        let mut mention_spans: Vec<(Range<usize>, ActorKind)> = Vec::new();
        for actor in &analysis.actors {
            for mention in &actor.mentions {
                mention_spans.push((mention.start..mention.end, actor.kind));
                match align(&doc.tokens, mention.start..mention.end) {
                    Some(tokens) => {
                        predicted.insert((tokens, actor.kind));
                    }
                    None => {
                        unaligned += 1;
                        counts.entry(actor.kind).or_default()[1] += 1;
                    }
                }
            }
        }
        let gold: HashSet<(Range<usize>, ActorKind)> =
            doc.names.iter().filter_map(|(tokens, kind)| Some((tokens.clone(), actor_kind(kind)?))).collect();
        for name in &predicted {
            counts.entry(name.1).or_default()[if gold.contains(name) { 0 } else { 1 }] += 1;
        }
        for name in &gold {
            if !predicted.contains(name) {
                counts.entry(name.1).or_default()[2] += 1;
            }
        }
        for (tokens, kind) in &doc.names {
            if kind != "MISC" {
                continue;
            }
            misc_total += 1;
            let bytes = doc.tokens[tokens.start].start..doc.tokens[tokens.end - 1].end;
            if let Some((_, kind)) = predicted.iter().find(|(t, _)| t == tokens) {
                *misc_exact.entry(*kind).or_default() += 1;
            } else if mention_spans.iter().any(|(span, _)| span.start < bytes.end && bytes.start < span.end) {
                misc_overlap += 1;
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();

    println!("CoNLL-2003 {} ({file}): {} documents, end to end through newsmark::analyze", options.split, docs.len());
    println!("{:<14} {:>7} {:>7} {:>7} {:>7}", "type", "P", "R", "F1", "gold");
    let row = |label: &str, kinds: &[ActorKind]| {
        let [tp, fp, fn_] = kinds.iter().fold([0; 3], |acc, k| {
            let c = counts.get(k).copied().unwrap_or_default();
            [acc[0] + c[0], acc[1] + c[1], acc[2] + c[2]]
        });
        let (p, r, f) = prf(tp, fp, fn_);
        println!("{label:<14} {p:>7.4} {r:>7.4} {f:>7.4} {:>7}", tp + fn_);
    };
    for kind in KINDS {
        row(conll_name(kind), &[kind]);
    }
    row("PER+ORG+LOC", &KINDS);
    let marked: Vec<String> =
        KINDS.iter().filter_map(|k| misc_exact.get(k).map(|n| format!("{n} as {}", conll_name(*k)))).collect();
    println!(
        "MISC (not scored: newsmark has no MISC kind): {misc_total} gold names; marked as an actor with the exact \
         span: {} ({}); overlapped by an actor mention: {misc_overlap}",
        misc_exact.values().sum::<usize>(),
        if marked.is_empty() { "none".to_string() } else { marked.join(", ") },
    );
    println!("mentions not on CoNLL token edges (counted as false positives): {unaligned}");
    println!("analysed {:.1} MB in {seconds:.2}s", bytes as f64 / 1e6);
    Ok(())
}

fn actor_kind(conll: &str) -> Option<ActorKind> {
    match conll {
        "PER" => Some(ActorKind::Person),
        "ORG" => Some(ActorKind::Organization),
        "LOC" => Some(ActorKind::Place),
        _ => None,
    }
}

fn conll_name(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "PER",
        ActorKind::Organization => "ORG",
        ActorKind::Place => "LOC",
    }
}

fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (p, r) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

/// The CoNLL tokens exactly covering `bytes`, if it starts and ends on token edges.
fn align(tokens: &[Range<usize>], bytes: Range<usize>) -> Option<Range<usize>> {
    let start = tokens.partition_point(|t| t.start < bytes.start);
    let end = tokens.partition_point(|t| t.end < bytes.end);
    let aligned = tokens.get(start)?.start == bytes.start && tokens.get(end)?.end == bytes.end;
    (aligned && start <= end).then_some(start..end + 1)
}

/// Reads a CoNLL-2003 file into documents: `token POS chunk NER` lines with IOB1 tags,
/// `-DOCSTART-` between documents, blank lines between sentences.
fn read(path: &Path) -> Result<Vec<Doc>, Failure> {
    let data =
        std::fs::read_to_string(path).map_err(|e| Failure::Input(format!("cannot read {}: {e}", path.display())))?;
    let mut docs = Vec::new();
    let mut doc = Doc { text: String::new(), tokens: Vec::new(), names: Vec::new() };
    let mut open: Option<(usize, String)> = None;
    let mut line_open = false;
    let close = |doc: &mut Doc, open: &mut Option<(usize, String)>| {
        if let Some((start, kind)) = open.take() {
            doc.names.push((start..doc.tokens.len(), kind));
        }
    };
    for line in data.lines().chain(std::iter::once("-DOCSTART-")) {
        let mut fields = line.split_whitespace();
        match fields.next() {
            None | Some("-DOCSTART-") => {
                close(&mut doc, &mut open);
                if line_open {
                    doc.text.push('\n');
                    line_open = false;
                }
                if line.starts_with("-DOCSTART-") && !doc.tokens.is_empty() {
                    docs.push(std::mem::replace(
                        &mut doc,
                        Doc { text: String::new(), tokens: Vec::new(), names: Vec::new() },
                    ));
                }
            }
            Some(token) => {
                let tag = fields.last().unwrap_or("O");
                let (prefix, kind) = tag.split_once('-').unwrap_or(("O", ""));
                let continues = prefix == "I" && open.as_ref().is_some_and(|(_, k)| k == kind);
                if !continues {
                    close(&mut doc, &mut open);
                    if !kind.is_empty() {
                        open = Some((doc.tokens.len(), kind.to_string()));
                    }
                }
                if line_open {
                    doc.text.push(' ');
                }
                line_open = true;
                let start = doc.text.len();
                doc.text.push_str(token);
                doc.tokens.push(start..doc.text.len());
            }
        }
    }
    Ok(docs)
}
