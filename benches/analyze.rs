//! Throughput of `analyze` on news text of 1 KB, 50 KB, 1 MB and 10 MB.
//!
//! The text is real news from PolNeAR (`$NEWSMARK_EVAL_DIR/polnear`, default
//! `../shared/eval/polnear`) when it is present, and otherwise the project's own golden texts
//! (`tests/golden/`), repeated. Criterion reports MB/s and, with the token count of each input,
//! tokens per second (`cargo bench --bench analyze`, or `scripts/bench-native`, which adds the
//! 10 MB / 1 MB time ratio and the peak memory; see `bench/README.md`). With
//! `BENCH_WRITE_CORPUS=DIR` set, each text is also written to `DIR/<size>.txt`.

use std::fs;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

const SIZES: [(&str, usize); 4] = [("1KB", 1 << 10), ("50KB", 50 << 10), ("1MB", 1 << 20), ("10MB", 10 << 20)];

/// Article texts: PolNeAR's when available, else the golden texts.
fn articles() -> (Vec<String>, &'static str) {
    let eval = std::env::var_os("NEWSMARK_EVAL_DIR").map_or_else(|| PathBuf::from("../shared/eval"), PathBuf::from);
    let mut polnear = Vec::new();
    for split in ["train", "dev", "test"] {
        let dir = eval.join("polnear").join(split).join("text");
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        polnear.extend(paths.iter().filter_map(|p| fs::read_to_string(p).ok()));
    }
    if !polnear.is_empty() {
        return (polnear, "PolNeAR news articles");
    }
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut paths: Vec<_> = fs::read_dir(golden).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    let texts = paths
        .iter()
        .filter_map(|p| fs::read_to_string(p).ok())
        .filter_map(|file| Some(file.split_once("=== text\n")?.1.split("\n=== actors").next()?.to_string()))
        .collect();
    (texts, "the golden test texts (no PolNeAR found)")
}

/// About `size` bytes of whole articles, separated by blank lines, cut on a char boundary.
fn corpus(articles: &[String], size: usize) -> String {
    let mut text = String::with_capacity(size + 4096);
    for article in articles.iter().cycle() {
        if text.len() >= size {
            break;
        }
        text.push_str(article.trim());
        text.push_str("\n\n");
    }
    let mut end = size.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

fn bench(c: &mut Criterion) {
    let (articles, source) = articles();
    eprintln!("corpus: {source}");
    let analyzer = newsmark::Analyzer::new();
    // scripts/bench-native measures the CLI's peak memory on the very texts timed here.
    let write_to = std::env::var_os("BENCH_WRITE_CORPUS");
    let mut group = c.benchmark_group("analyze");
    for (label, size) in SIZES {
        let text = corpus(&articles, size);
        let tokens = analyzer.token_count(&text) as u64;
        eprintln!("{label}: {} bytes, {tokens} tokens", text.len());
        if let Some(dir) = &write_to {
            let path = Path::new(dir).join(format!("{label}.txt"));
            fs::write(&path, &text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        }
        group.throughput(Throughput::ElementsAndBytes { elements: tokens, bytes: text.len() as u64 });
        if size >= 1 << 20 {
            group.sample_size(10);
        }
        group.bench_with_input(BenchmarkId::from_parameter(label), &text, |b, text| b.iter(|| analyzer.analyze(text)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
