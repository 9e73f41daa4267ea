//! Evaluation task `cyber`: the cyber-term layer on AnnoCTR, DNRTI and CyNER.
//!
//! Each data set is read as BIO-tagged tokens. AnnoCTR ships the raw reports, so its tokens are
//! aligned to them and newsmark reads the real text (URLs and defanged indicators intact); DNRTI
//! and CyNER have only tokens, so their text is rebuilt by joining tokens with the spacing a
//! writer would use ("31.214.157[.]6", "said."), one sentence per paragraph. The real
//! [`newsmark::analyze`] runs on the text, its term spans are mapped back to tokens, and each
//! gold label is scored against the categories it may fairly be called:
//!
//! | data set | label | accepted categories |
//! |---|---|---|
//! | AnnoCTR | MALWARE, TOOL | malware |
//! | AnnoCTR | GROUP | threat-actor |
//! | AnnoCTR | TECHNIQUE (also "ransomware", "rootkit") | technique, attack, malware |
//! | AnnoCTR | TACTIC | technique |
//! | AnnoCTR | CON (generic concept) | any but indicator |
//! | DNRTI | HackOrg | threat-actor |
//! | DNRTI | Tool | malware |
//! | DNRTI | SamFile (samples, documents, file names) | malware, indicator |
//! | DNRTI | Exp | vulnerability |
//! | DNRTI | Way | technique, attack |
//! | DNRTI | OffAct | attack, technique |
//! | CyNER | Malware | malware |
//! | CyNER | Indicator | indicator |
//! | CyNER | Vulnerability | vulnerability |
//!
//! Other labels (places, sectors, dates, systems) are not cyber terms; a term predicted on them
//! counts as wrong. "Overlap" scores give credit when a predicted span shares a token with a
//! gold span of an accepted category; "exact" scores need the same tokens.
//!
//! The headline figures list a dozen misses and false alarms; `NEWSMARK_EVAL_EXAMPLES=N` lists
//! N of each instead, one per line with the words around them, for error analysis.
//!
//! AnnoCTR does not annotate indicators, so their recall is measured against a silver set
//! read off the tokens by simple rules independent of the scanner: CVE-shaped tokens, hex tokens
//! of hash length, dotted quads, URLs (a scheme token followed by `://`) and defanged names
//! (with `[.]`).

use std::collections::HashMap;
use std::fs;
use std::ops::Range;
use std::path::Path;

use newsmark::TermCategory::{self, Attack, Indicator, Influence, Malware, Technique, ThreatActor, Vulnerability};

use super::Options;
use crate::Failure;

/// Scores the three data sets for `options.split` and prints the tables.
pub fn run(options: &Options) -> Result<(), Failure> {
    let split = options.split.as_str();
    let annoctr = options.data.join("annoctr");
    let bio = read_bio(&annoctr.join("ner_bio").join(format!("{split}.bio")), 4)?;
    let docs = align_annoctr(bio.into_iter().take(options.limit.unwrap_or(usize::MAX)), &annoctr.join("text").join(split))?;
    score_annoctr(&docs);

    let file = |folder: &str, dev: &str| {
        let name = if split == "dev" { dev } else { split };
        options.data.join(folder).join(format!("{name}.txt"))
    };
    for (name, path, accepted) in [
        ("DNRTI", file("dnrti", "valid"), dnrti_accepts as fn(&str) -> &'static [TermCategory]),
        ("CyNER", file("cyner", "valid"), cyner_accepts),
    ] {
        let sentences: Vec<Sentence> = read_bio(&path, 1)?.into_iter().flatten().collect();
        let sentences = sentences.into_iter().take(options.limit.unwrap_or(usize::MAX)).collect();
        let doc = rebuild(sentences);
        let mut scores = Scores::default();
        scores.add(&doc, &newsmark::analyze(&doc.text).terms, accepted);
        scores.print(&format!("{name} {split}"));
    }
    Ok(())
}

/// One sentence of BIO-tagged tokens.
struct Sentence {
    tokens: Vec<String>,
    labels: Vec<String>,
}

/// A text with its tokens' byte ranges (empty when a token could not be placed) and gold spans.
struct Doc {
    text: String,
    tokens: Vec<Range<usize>>,
    words: Vec<String>,
    gold: Vec<Gold>,
}

/// A labelled token range.
struct Gold {
    tokens: Range<usize>,
    label: String,
}

/// Reads a BIO file into documents of sentences, with labels from column `column`. Documents
/// are split at `<DOCSTART>` lines; a file without them is one document.
fn read_bio(path: &Path, column: usize) -> Result<Vec<Vec<Sentence>>, Failure> {
    let text = fs::read_to_string(path).map_err(|e| Failure::Input(format!("{}: {e}", path.display())))?;
    let mut docs: Vec<Vec<Sentence>> = vec![Vec::new()];
    let mut sentence = Sentence { tokens: Vec::new(), labels: Vec::new() };
    for line in text.lines().map(|l| l.trim_end_matches('\r')) {
        let fields: Vec<&str> = if line.contains('\t') { line.split('\t').collect() } else { line.split(' ').collect() };
        let end_sentence = line.trim().is_empty() && !line.contains('\t') || line.starts_with("<DOCSTART>");
        if end_sentence && !sentence.tokens.is_empty() {
            let done = std::mem::replace(&mut sentence, Sentence { tokens: Vec::new(), labels: Vec::new() });
            if let Some(doc) = docs.last_mut() {
                doc.push(done);
            }
        }
        if line.starts_with("<DOCSTART>") {
            if docs.last().is_some_and(|d| !d.is_empty()) {
                docs.push(Vec::new());
            }
            continue;
        }
        if end_sentence || fields.len() <= column {
            continue;
        }
        sentence.tokens.push(fields[0].to_string());
        sentence.labels.push(fields[column].trim().to_string());
    }
    if let (false, Some(doc)) = (sentence.tokens.is_empty(), docs.last_mut()) {
        doc.push(sentence);
    }
    docs.retain(|d| !d.is_empty());
    Ok(docs)
}

/// Gold spans from BIO labels, with token indices offset by `first`.
fn spans(labels: &[String], first: usize, out: &mut Vec<Gold>) {
    let mut open: Option<Gold> = None;
    for (i, label) in labels.iter().enumerate() {
        let (tag, kind) = label.split_once('-').unwrap_or((label.as_str(), ""));
        let continues = tag == "I" && open.as_ref().is_some_and(|g| g.label == kind);
        if continues {
            if let Some(g) = open.as_mut() {
                g.tokens.end = first + i + 1;
            }
            continue;
        }
        out.extend(open.take());
        if tag == "B" || tag == "I" {
            open = Some(Gold { tokens: first + i..first + i + 1, label: kind.to_string() });
        }
    }
    out.extend(open);
}

/// AnnoCTR documents placed on their raw reports: each document goes with the report its
/// tokens align to best. Tokens are found in order, skipping whitespace, or within a short
/// window when the data set's tokenizer dropped a character.
fn align_annoctr(docs: impl Iterator<Item = Vec<Sentence>>, folder: &Path) -> Result<Vec<Doc>, Failure> {
    let mut reports = Vec::new();
    let entries = fs::read_dir(folder).map_err(|e| Failure::Input(format!("{}: {e}", folder.display())))?;
    for entry in entries.flatten() {
        if let Ok(text) = fs::read_to_string(entry.path()) {
            reports.push(text);
        }
    }
    let mut aligned = Vec::new();
    for sentences in docs {
        let words: Vec<String> = sentences.iter().flat_map(|s| s.tokens.iter().cloned()).collect();
        let best = reports.iter().map(|r| (r, place(r, &words))).max_by_key(|(_, (_, placed))| *placed);
        let Some((report, (ranges, _))) = best else { continue };
        let mut gold = Vec::new();
        let mut first = 0;
        for s in &sentences {
            spans(&s.labels, first, &mut gold);
            first += s.tokens.len();
        }
        let mut doc = Doc { text: report.clone(), tokens: ranges, words, gold };
        let silver = silver_indicators(&doc);
        doc.gold.extend(silver);
        aligned.push(doc);
    }
    Ok(aligned)
}

/// Places `words` in `text` in order; returns their byte ranges and how many were placed.
fn place(text: &str, words: &[String]) -> (Vec<Range<usize>>, usize) {
    const WINDOW: usize = 64;
    let mut ranges = Vec::with_capacity(words.len());
    let mut pos = 0;
    let mut placed = 0;
    for word in words {
        let word = word.trim();
        let skipped = text[pos..].len() - text[pos..].trim_start().len();
        let at = pos + skipped;
        let found = if word.is_empty() {
            None
        } else if text[at..].starts_with(word) {
            Some(at)
        } else {
            let mut end = (at + WINDOW).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text[at..end].find(word).map(|i| at + i)
        };
        match found {
            Some(start) => {
                ranges.push(start..start + word.len());
                pos = start + word.len();
                placed += 1;
            }
            None => ranges.push(pos..pos),
        }
    }
    (ranges, placed)
}

/// Joins sentences into one text, one per paragraph, spacing tokens as a writer would.
fn rebuild(sentences: Vec<Sentence>) -> Doc {
    let mut doc = Doc { text: String::new(), tokens: Vec::new(), words: Vec::new(), gold: Vec::new() };
    for sentence in sentences {
        if !doc.text.is_empty() {
            doc.text.push_str("\n\n");
        }
        spans(&sentence.labels, doc.tokens.len(), &mut doc.gold);
        let mut previous = "";
        for (i, token) in sentence.tokens.iter().enumerate() {
            if i > 0 && spaced(previous, token) {
                doc.text.push(' ');
            }
            let start = doc.text.len();
            doc.text.push_str(token);
            doc.tokens.push(start..doc.text.len());
            previous = token;
        }
        doc.words.extend(sentence.tokens);
    }
    doc
}

/// Whether a space goes between tokens `previous` and `next`.
fn spaced(previous: &str, next: &str) -> bool {
    let closing = [".", ",", ";", ":", ")", "]", "?", "!", "%", "'s", "’s", "n't", "”"];
    let opening = ["(", "[", "“", "$"];
    !(closing.contains(&next) || opening.contains(&previous) || (previous == ":" && next.starts_with("//")))
}

fn annoctr_accepts(label: &str) -> &'static [TermCategory] {
    match label {
        "MALWARE" | "TOOL" => &[Malware],
        "GROUP" => &[ThreatActor],
        "TECHNIQUE" => &[Technique, Attack, Malware],
        "TACTIC" => &[Technique],
        "CON" => &[Attack, Malware, ThreatActor, Vulnerability, Technique, Influence],
        SILVER_INDICATOR => &[Indicator],
        _ => &[],
    }
}

fn dnrti_accepts(label: &str) -> &'static [TermCategory] {
    match label {
        "HackOrg" => &[ThreatActor],
        "Tool" => &[Malware],
        "SamFile" => &[Malware, Indicator],
        "Exp" => &[Vulnerability],
        "Way" => &[Technique, Attack],
        "OffAct" => &[Attack, Technique],
        _ => &[],
    }
}

fn cyner_accepts(label: &str) -> &'static [TermCategory] {
    match label {
        "Malware" => &[Malware],
        "Indicator" => &[Indicator],
        "Vulnerability" => &[Vulnerability],
        _ => &[],
    }
}

/// Counts for one row of a table: a total, and how many of it matched by overlap and exactly.
#[derive(Default, Clone, Copy)]
struct Count {
    total: usize,
    overlap: usize,
    exact: usize,
}

impl Count {
    fn add(&mut self, overlap: bool, exact: bool) {
        self.total += 1;
        self.overlap += usize::from(overlap);
        self.exact += usize::from(exact);
    }

    fn ratio(part: usize, total: usize) -> String {
        if total == 0 {
            "    -".to_string()
        } else {
            format!("{:5.3}", part as f64 / total as f64)
        }
    }
}

/// Recall per gold label and precision per predicted category.
#[derive(Default)]
struct Scores {
    recall: HashMap<String, Count>,
    precision: HashMap<TermCategory, Count>,
}

impl Scores {
    /// Scores the terms predicted for `doc`.
    fn add(&mut self, doc: &Doc, terms: &[newsmark::Term], accepts: fn(&str) -> &'static [TermCategory]) {
        let predicted: Vec<(Range<usize>, TermCategory)> =
            terms.iter().filter_map(|t| Some((token_range(doc, t.start..t.end)?, t.category))).collect();
        let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
        for gold in &doc.gold {
            let accepted = accepts(&gold.label);
            if accepted.is_empty() {
                continue;
            }
            let fits = |(r, c): &&(Range<usize>, TermCategory)| accepted.contains(c) && overlaps(r, &gold.tokens);
            let overlap = predicted.iter().any(|p| fits(&p));
            let exact = predicted.iter().filter(fits).any(|(r, _)| *r == gold.tokens);
            self.recall.entry(gold.label.clone()).or_default().add(overlap, exact);
        }
        for (range, category) in &predicted {
            let fits = |g: &&Gold| accepts(&g.label).contains(category) && overlaps(range, &g.tokens);
            let overlap = doc.gold.iter().any(|g| fits(&g));
            let exact = doc.gold.iter().filter(fits).any(|g| g.tokens == *range);
            self.precision.entry(*category).or_default().add(overlap, exact);
        }
    }

    fn print(&self, title: &str) {
        println!("\n== cyber: {title}");
        println!("{:<22} {:>6} {:>9} {:>9}", "gold label", "gold", "R overlap", "R exact");
        let mut labels: Vec<_> = self.recall.iter().collect();
        labels.sort_by(|a, b| a.0.cmp(b.0));
        for (label, c) in labels {
            println!("{label:<22} {:>6} {:>9} {:>9}", c.total, Count::ratio(c.overlap, c.total), Count::ratio(c.exact, c.total));
        }
        println!("{:<22} {:>6} {:>9} {:>9}", "predicted category", "terms", "P overlap", "P exact");
        for category in TermCategory::ALL {
            if let Some(c) = self.precision.get(&category) {
                let name = category.as_str();
                println!("{name:<22} {:>6} {:>9} {:>9}", c.total, Count::ratio(c.overlap, c.total), Count::ratio(c.exact, c.total));
            }
        }
    }
}

/// The tokens of `doc` that byte range `bytes` touches, when there are any.
fn token_range(doc: &Doc, bytes: Range<usize>) -> Option<Range<usize>> {
    let touched: Vec<usize> = (0..doc.tokens.len())
        .skip(doc.tokens.partition_point(|t| t.end <= bytes.start).saturating_sub(1))
        .take_while(|&i| doc.tokens[i].start < bytes.end || doc.tokens[i].is_empty())
        .filter(|&i| !doc.tokens[i].is_empty() && doc.tokens[i].start < bytes.end && doc.tokens[i].end > bytes.start)
        .collect();
    Some(*touched.first()?..*touched.last()? + 1)
}

/// AnnoCTR: the per-label table, then the two headline figures: names (MALWARE, GROUP, TOOL)
/// and indicators against the silver set.
fn score_annoctr(docs: &[Doc]) {
    let mut scores = Scores::default();
    let mut names = Headline::default();
    let mut indicators = Headline::default();
    let generic = generic_names();
    for doc in docs {
        let terms = newsmark::analyze(&doc.text).terms;
        scores.add(doc, &terms, annoctr_accepts);
        names.add_names(doc, &terms, &generic);
        indicators.add_indicators(doc, &terms);
    }
    scores.print(&format!("AnnoCTR ({} reports)", docs.len()));
    names.print("AnnoCTR names (MALWARE+GROUP+TOOL vs malware+threat-actor terms)");
    indicators.print("AnnoCTR indicators (silver: CVE, hashes, IPv4, URLs, defanged names)");
}

/// The canonical names of the generic vocabulary: what a term is called when it is not a name.
fn generic_names() -> Vec<&'static str> {
    include_str!("../../../../data/curated/cyber_vocabulary.tsv")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let name = fields.next()?;
            fields.next()?.starts_with("cyber/").then_some(name)
        })
        .collect()
}

/// Recall and precision of one headline figure, with a few misses and false alarms to read.
#[derive(Default)]
struct Headline {
    gold: usize,
    found: usize,
    predicted: usize,
    correct: usize,
    misses: Vec<String>,
    false_alarms: Vec<String>,
}

impl Headline {
    /// How many misses and false alarms to keep: `NEWSMARK_EVAL_EXAMPLES`, else a dozen.
    fn examples() -> usize {
        std::env::var("NEWSMARK_EVAL_EXAMPLES").ok().and_then(|n| n.parse().ok()).unwrap_or(12)
    }

    /// Whether the examples are printed one per line with their context.
    fn detailed() -> bool {
        Self::examples() > 12
    }

    /// Names: gold MALWARE/GROUP/TOOL against predicted malware and threat-actor terms that
    /// are names. Generic words ("ransomware", "Russian hackers": terms whose canonical name is
    /// a vocabulary word) are scored in the table, not here; a predicted name on a
    /// generic-concept (CON) span is neither right nor wrong.
    fn add_names(&mut self, doc: &Doc, terms: &[newsmark::Term], generic: &[&str]) {
        let is_name = |label: &str| matches!(label, "MALWARE" | "GROUP" | "TOOL");
        let names: Vec<newsmark::Term> = terms
            .iter()
            .filter(|t| matches!(t.category, Malware | ThreatActor))
            .filter(|t| !generic.iter().any(|g| t.name == *g || t.name.strip_suffix(g).is_some_and(|rest| rest.ends_with(' '))))
            .cloned()
            .collect();
        self.add(doc, &names, is_name, |_| true, |label| label == "CON");
    }

    /// Indicators: silver spans against predicted indicator terms.
    fn add_indicators(&mut self, doc: &Doc, terms: &[newsmark::Term]) {
        self.add(doc, terms, |label| label == SILVER_INDICATOR, |c| c == Indicator, |_| false);
    }

    fn add(
        &mut self,
        doc: &Doc,
        terms: &[newsmark::Term],
        is_gold: impl Fn(&str) -> bool,
        wanted: impl Fn(TermCategory) -> bool,
        neutral: impl Fn(&str) -> bool,
    ) {
        let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
        let predicted: Vec<(Range<usize>, &newsmark::Term)> = terms
            .iter()
            .filter(|t| wanted(t.category))
            .filter_map(|t| Some((token_range(doc, t.start..t.end)?, t)))
            .collect();
        for gold in doc.gold.iter().filter(|g| is_gold(&g.label)) {
            self.gold += 1;
            if predicted.iter().any(|(r, _)| overlaps(r, &gold.tokens)) {
                self.found += 1;
            } else if self.misses.len() < Self::examples() {
                let words = doc_words(doc, gold.tokens.clone());
                self.misses.push(if Self::detailed() { format!("{} [{}]  … {} …", words, gold.label, around(doc, gold.tokens.clone())) } else { words });
            }
        }
        for (range, term) in &predicted {
            let hits = |f: &dyn Fn(&str) -> bool| doc.gold.iter().any(|g| f(&g.label) && overlaps(range, &g.tokens));
            if hits(&is_gold) {
                self.predicted += 1;
                self.correct += 1;
            } else if !hits(&neutral) {
                self.predicted += 1;
                if self.false_alarms.len() < Self::examples() {
                    let mut alarm = format!("{} ({})", term.text, term.category.as_str());
                    if Self::detailed() {
                        let labels: Vec<&str> = doc.gold.iter().filter(|g| overlaps(range, &g.tokens)).map(|g| g.label.as_str()).collect();
                        alarm += &format!(" [{}]  … {} …", labels.join(","), around(doc, range.clone()));
                    }
                    self.false_alarms.push(alarm);
                }
            }
        }
    }

    fn print(&self, title: &str) {
        println!("\n== cyber: {title}");
        println!(
            "gold {}  found {}  recall {}   predicted {}  correct {}  precision {}",
            self.gold,
            self.found,
            Count::ratio(self.found, self.gold),
            self.predicted,
            self.correct,
            Count::ratio(self.correct, self.predicted)
        );
        let separator = if Self::detailed() { "\n    " } else { " | " };
        println!("  misses: {}{}", if Self::detailed() { separator } else { "" }, self.misses.join(separator));
        println!("  false alarms: {}{}", if Self::detailed() { separator } else { "" }, self.false_alarms.join(separator));
    }
}

/// The words of a token range, as the data set has them.
fn doc_words(doc: &Doc, tokens: Range<usize>) -> String {
    doc.words.get(tokens).map(|w| w.join(" ")).unwrap_or_default()
}

/// The words of `tokens` with six words either side, for reading an error in its context.
fn around(doc: &Doc, tokens: Range<usize>) -> String {
    let before = doc_words(doc, tokens.start.saturating_sub(6)..tokens.start);
    let after = doc_words(doc, tokens.end..(tokens.end + 6).min(doc.words.len()));
    format!("{before} «{}» {after}", doc_words(doc, tokens))
}

/// The label of silver indicator spans added to AnnoCTR's gold.
const SILVER_INDICATOR: &str = "INDICATOR (silver)";

/// Silver indicator spans: CVE-shaped tokens, hex tokens of hash length, dotted quads, URLs
/// and defanged names, each the run of tokens written without spaces between them.
fn silver_indicators(doc: &Doc) -> Vec<Gold> {
    let mut silver = Vec::new();
    let mut i = 0;
    while i < doc.words.len() {
        // A chunk: tokens written with no space between them.
        let mut end = i + 1;
        while end < doc.tokens.len() && !doc.tokens[end].is_empty() && doc.tokens[end].start == doc.tokens[end - 1].end {
            end += 1;
        }
        let words = &doc.words[i..end];
        for (j, word) in words.iter().enumerate() {
            let w = word.as_str();
            let hex = w.len() == 32 || w.len() == 40 || w.len() == 64;
            let cve = w.get(..4).is_some_and(|h| h.eq_ignore_ascii_case("cve-"));
            let single = (cve && w.len() > 8 && w[4..].bytes().all(|b| b.is_ascii_digit() || b == b'-'))
                || (hex && w.bytes().all(|b| b.is_ascii_hexdigit()))
                || is_dotted_quad(w);
            if single {
                silver.push(Gold { tokens: i + j..i + j + 1, label: SILVER_INDICATOR.into() });
            }
        }
        let scheme = words.iter().position(|w| matches!(w.to_ascii_lowercase().as_str(), "http" | "https" | "hxxp" | "hxxps" | "ftp"));
        let defanged = words.windows(3).position(|w| w[0] == "[" && w[1] == "." && w[2] == "]");
        if let Some(first) = scheme.filter(|&s| words.get(s + 1).is_some_and(|w| w == ":")).or(defanged.map(|d| d.saturating_sub(1))) {
            let last = words.iter().rposition(|w| !matches!(w.as_str(), ")" | "." | "," | ";" | ":" | "*" | "]" | "\"")).unwrap_or(first);
            silver.retain(|g| g.tokens.start < i + first);
            silver.push(Gold { tokens: i + first..i + last.max(first) + 1, label: SILVER_INDICATOR.into() });
        }
        i = end;
    }
    silver
}

/// Four numbers of at most 255 joined by dots.
fn is_dotted_quad(word: &str) -> bool {
    let parts: Vec<&str> = word.split('.').collect();
    parts.len() == 4 && parts.iter().all(|p| (1..=3).contains(&p.len()) && p.parse::<u16>().is_ok_and(|n| n <= 255))
}
