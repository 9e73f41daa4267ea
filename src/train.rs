//! `newsmark train`: trains the actor tagger on CoNLL-2003 and writes its weight file.
//!
//! ```text
//! newsmark train [--data DIR] [--epochs N] [--seed S] [--min-count N] [--max-features N]
//!                [--floor F] [--parts N] [--out FILE]
//! ```
//!
//! `DIR` holds `eng.train`, `eng.testa` and `eng.testb` (default: `$NEWSMARK_EVAL_DIR/conll2003`,
//! else `../shared/eval/conll2003`). Each document is rebuilt as plain text and parsed by the
//! real tokenizer, so the model learns from the tokens users get. After every epoch the
//! averaged weights are quantised exactly as shipped and scored on `eng.testa` (dev) twice: as
//! whole documents, and with each sentence analysed alone, as a reader pasting a paragraph gets
//! it (the document-level features, the word's history and its other spellings, then have
//! nothing to read). Readers do both, so the epoch with the best mean of the two F1 scores is
//! written to `FILE` (default `data/model/actors.bin`). `eng.testb` (test) is scored once at the
//! end, for the report only.
//!
//! `--parts N` also trains on every document cut into parts of `N` sentences, each a document
//! of its own (off by default; the shipped model uses 8, see `data/model/README.md`). Each
//! occurrence then counts twice towards `--min-count`, which should double with it.

mod corpus;
mod perceptron;
mod score;

use std::path::PathBuf;
use std::time::Instant;

use corpus::ConllDoc;
use perceptron::{Corpus, Perceptron, TrainingToken};
use score::Scores;

use crate::lexicon::{LexMatch, Lexicon};
use crate::model::features::{token_features, vocabulary_key, Context, Features, WordLists};
use crate::model::names::NameTable;
use crate::model::weights::KeySet;
use crate::model::{known_names, Label, Tagger};
use crate::text::{Document, Grammar};

struct Options {
    data: PathBuf,
    epochs: usize,
    seed: u64,
    min_count: u32,
    max_features: usize,
    floor: f64,
    parts: usize,
    out: PathBuf,
}

fn options(args: &[String]) -> Result<Options, String> {
    let default_data = std::env::var_os("NEWSMARK_EVAL_DIR")
        .map_or_else(|| PathBuf::from("../shared/eval"), PathBuf::from)
        .join("conll2003");
    let mut options = Options {
        data: default_data,
        epochs: 12,
        seed: 1,
        min_count: 2,
        max_features: 25_000,
        floor: 0.001,
        parts: 0,
        out: PathBuf::from("data/model/actors.bin"),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = args.next().ok_or_else(|| format!("{arg} needs a value"))?;
        let number = |what: &str| format!("{arg} takes {what}, not '{value}'");
        match arg.as_str() {
            "--data" => options.data = PathBuf::from(value),
            "--out" => options.out = PathBuf::from(value),
            "--epochs" => options.epochs = value.parse().map_err(|_| number("a count"))?,
            "--seed" => options.seed = value.parse().map_err(|_| number("a number"))?,
            "--min-count" => options.min_count = value.parse().map_err(|_| number("a count"))?,
            "--max-features" => options.max_features = value.parse().map_err(|_| number("a count"))?,
            "--floor" => options.floor = value.parse().map_err(|_| number("a fraction"))?,
            "--parts" => options.parts = value.parse().map_err(|_| number("a count"))?,
            other => return Err(format!("unknown train argument '{other}'")),
        }
    }
    Ok(options)
}

/// Runs the trainer with command-line `args` (those after `train`).
pub fn run(args: &[String]) -> Result<(), String> {
    let options = options(args)?;
    let started = Instant::now();
    let grammar = Grammar::embedded();
    let lexicon = Lexicon::embedded(&grammar.abbreviations);
    let names = NameTable::embedded();
    let read = |name: &str| corpus::read(&options.data.join(name));
    let (train, dev, test) = (read("eng.train")?, read("eng.testa")?, read("eng.testb")?);
    let vocabulary = lower_case_vocabulary(&train, &grammar);
    let vocabulary_set = KeySet::new(&vocabulary);
    let lists = WordLists { names: &names, vocabulary: &vocabulary_set };

    let mut corpus = Corpus::new();
    let mut skipped_gold = 0usize;
    for doc in &train {
        skipped_gold += add_document(&mut corpus, doc, &grammar, &lexicon, &lists);
    }
    if options.parts > 0 {
        for part in train.iter().flat_map(|doc| doc.parts(options.parts)) {
            add_document(&mut corpus, &part, &grammar, &lexicon, &lists);
        }
    }
    let raw_features = corpus.keys.len();
    corpus.prune(options.min_count);
    println!(
        "train: {} documents, {} scored tokens, {} features ({} seen at least {} times); {} gold name tokens outside scored windows",
        train.len(),
        corpus.tokens(),
        raw_features,
        corpus.keys.len(),
        options.min_count,
        skipped_gold
    );

    let sentences: Vec<ConllDoc> = dev.iter().flat_map(|doc| doc.parts(1)).collect();
    let mut perceptron = Perceptron::new(corpus.keys.len());
    let mut best: Option<(usize, f64, Vec<u8>)> = None;
    for epoch in 1..=options.epochs {
        let mistakes = perceptron.epoch(&corpus, options.seed.wrapping_add(epoch as u64));
        let (emissions, transitions) = perceptron.averaged();
        let bytes = perceptron::quantise(
            &corpus.keys,
            &emissions,
            &transitions,
            options.floor,
            options.max_features,
            &vocabulary,
        );
        let tagger = Tagger::from_bytes(&bytes).map_err(|e| e.0.to_string())?;
        let scores = evaluate(&tagger, &dev, &grammar, &lexicon);
        let f1 = scores.actor_f1();
        let alone = evaluate(&tagger, &sentences, &grammar, &lexicon).actor_f1();
        let per_type: Vec<String> = crate::model::labels::TYPES
            .iter()
            .map(|t| format!("{} {:.4}", t.conll_name(), scores.prf(&[*t]).2))
            .collect();
        println!(
            "epoch {epoch:>2}: {mistakes} windows wrong; dev F1 PER+ORG+LOC {f1:.4} ({}), each sentence alone {alone:.4}; {:.0}s",
            per_type.join(", "),
            started.elapsed().as_secs_f64()
        );
        let both = (f1 + alone) / 2.0;
        if best.as_ref().map_or(true, |(_, b, _)| both > *b) {
            best = Some((epoch, both, bytes));
        }
    }
    let (epoch, both, bytes) = best.ok_or("--epochs must be at least 1")?;
    let loading = Instant::now();
    let tagger = Tagger::from_bytes(&bytes).map_err(|e| e.0.to_string())?;
    let load_ms = loading.elapsed().as_secs_f64() * 1e3;
    println!(
        "best epoch on dev: {epoch} (mean F1 of whole documents and of each sentence alone {both:.4}); {} features, {} bytes, loads in {load_ms:.1} ms",
        tagger.feature_count(),
        bytes.len()
    );
    println!("{}", speed(&tagger, &dev, &grammar, &lexicon));
    println!("\ndev (eng.testa), tagger level:\n{}", evaluate(&tagger, &dev, &grammar, &lexicon).table());
    println!("dev, each sentence alone:\n{}", evaluate(&tagger, &sentences, &grammar, &lexicon).table());
    println!(
        "test (eng.testb), tagger level, reported only:\n{}",
        evaluate(&tagger, &test, &grammar, &lexicon).table()
    );
    std::fs::write(&options.out, &bytes).map_err(|e| format!("cannot write {}: {e}", options.out.display()))?;
    println!("wrote {} in {:.0}s", options.out.display(), started.elapsed().as_secs_f64());
    Ok(())
}

/// The words written in lower case at least twice in the training text and more often in lower
/// case than capitalised, as vocabulary fingerprints: a capitalised word from this list is
/// probably capitalised only by its position (a sentence start, a headline).
fn lower_case_vocabulary(docs: &[ConllDoc], grammar: &Grammar) -> Vec<u32> {
    let mut counts: std::collections::HashMap<u64, (u32, u32)> = std::collections::HashMap::new();
    for conll in docs {
        let doc = Document::parse(&conll.text, grammar);
        for (i, &hash) in doc.hashes.iter().enumerate() {
            let mut chars = doc.token_text(i).chars();
            let Some(first) = chars.next() else { continue };
            let entry = counts.entry(hash).or_default();
            if first.is_lowercase() && chars.all(char::is_lowercase) {
                entry.0 += 1;
            } else if first.is_uppercase() {
                entry.1 += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|&(_, (lower, upper))| lower >= 2 && lower >= upper)
        .map(|(hash, _)| vocabulary_key(hash))
        .collect()
}

/// A document as the analyzer hands it to the tagger.
struct Parsed<'t> {
    doc: Document<'t>,
    known: Vec<LexMatch>,
    quoted: Vec<bool>,
}

impl Parsed<'_> {
    fn tag(&self, tagger: &Tagger, lexicon: &Lexicon) -> Vec<Label> {
        tagger.tag(&self.doc, lexicon, &self.known, &self.quoted)
    }
}

/// Parses a document as the analyzer does: tokens and their hashes, known names, and which
/// tokens are quoted.
fn parse<'t>(text: &'t str, grammar: &Grammar, lexicon: &Lexicon) -> Parsed<'t> {
    let doc = Document::parse(text, grammar);
    let known = known_names(&doc, lexicon);
    let mut quoted = vec![false; doc.tokens.len()];
    for quotation in crate::quotes::find_quotations(&doc) {
        let end = quotation.tokens.end.min(quoted.len());
        let start = quotation.tokens.start.min(end);
        quoted[start..end].fill(true);
    }
    Parsed { doc, known, quoted }
}

/// Adds a document's scored windows to the corpus; returns how many gold name tokens fell
/// outside every window (the skipping rule's loss).
fn add_document(
    corpus: &mut Corpus,
    conll: &ConllDoc,
    grammar: &Grammar,
    lexicon: &Lexicon,
    lists: &WordLists,
) -> usize {
    let parsed = parse(&conll.text, grammar, lexicon);
    let gold = conll.project(&parsed.doc);
    let context = Context::new(&parsed.doc, lexicon, &parsed.known, &parsed.quoted);
    let (mut attrs, mut spellings) = (Vec::new(), Vec::new());
    let mut features = Features::default();
    let mut covered = 0;
    corpus.start_document();
    for window in context.training_windows() {
        context.fill_attrs(&window, lists, &mut attrs, &mut spellings);
        covered += gold[window.tokens.clone()].iter().filter(|l| **l != Label::Outside).count();
        corpus.add_window(window.tokens.clone().enumerate().map(|(k, i)| {
            token_features(&attrs, &spellings, k, &mut features);
            let token = &attrs[k + 2];
            TrainingToken {
                keys: features.keys().to_vec(),
                gold: gold[i].index() as u8,
                word: token.word(),
                class: token.class(),
                remembered: token.remembered(),
            }
        }));
    }
    gold.iter().filter(|l| **l != Label::Outside).count() - covered
}

/// The tagger's speed on `docs`, parsing excluded: tokens per second over ten passes.
fn speed(tagger: &Tagger, docs: &[ConllDoc], grammar: &Grammar, lexicon: &Lexicon) -> String {
    let parsed: Vec<_> = docs.iter().map(|d| parse(&d.text, grammar, lexicon)).collect();
    let tokens: usize = parsed.iter().map(|p| p.doc.tokens.len()).sum();
    let started = Instant::now();
    let mut names = 0;
    for _ in 0..10 {
        for p in &parsed {
            names += p.tag(tagger, lexicon).iter().filter(|l| matches!(l, Label::Begin(_))).count();
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    format!(
        "tagging speed on dev: {:.2}M tokens/s ({} names per pass)",
        10.0 * tokens as f64 / seconds / 1e6,
        names / 10
    )
}

/// Tags every document with the real tagger and scores the names against the gold ones.
fn evaluate(tagger: &Tagger, docs: &[ConllDoc], grammar: &Grammar, lexicon: &Lexicon) -> Scores {
    let mut scores = Scores::default();
    for conll in docs {
        let parsed = parse(&conll.text, grammar, lexicon);
        let labels = parsed.tag(tagger, lexicon);
        let predicted: Vec<_> = corpus::names_in(&labels)
            .into_iter()
            .map(|name| {
                let aligned = conll.align(parsed.doc.byte_range(name.tokens.clone()));
                (aligned.map(|tokens| corpus::Name { tokens, kind: name.kind }), name.kind)
            })
            .collect();
        scores.add(&conll.names, &predicted);
    }
    scores
}
