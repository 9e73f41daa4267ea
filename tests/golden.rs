//! Golden tests: every file in `tests/golden/` holds a news-style text written for these tests
//! and the full analysis expected of it, in a form a reviewer can read:
//!
//! ```text
//! # What the case covers.
//! === text
//! “We will respond,” Kremlin spokesman Dmitry Peskov said.
//! === actors
//! Kremlin (organization): Kremlin
//! Dmitry Peskov (person) [Kremlin spokesman]: Dmitry Peskov
//! === quotes
//! “We will respond,” <- [Dmitry Peskov] @ Dmitry Peskov ~ said
//! === terms
//! ```
//!
//! Actors list their mentions in order; `[Name]` is a speaker linked to an actor, `"phrase"`
//! one that is not; `@` gives the speaker's span and `~` the cue. The whole rendering must
//! match. To write the current output into the files, run with `NEWSMARK_BLESS=1`, then review
//! the diff: a golden file states what is right, not what the code does.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use newsmark::{analyze, Analysis};

const TEXT: &str = "=== text\n";
const ACTORS: &str = "\n=== actors\n";

/// Renders the expectation sections for `analysis`.
fn render(analysis: &Analysis) -> String {
    let mut out = String::from("=== actors\n");
    for actor in &analysis.actors {
        let kind = serde_json::to_value(actor.kind).unwrap();
        write!(out, "{} ({})", actor.name, kind.as_str().unwrap()).unwrap();
        if !actor.roles.is_empty() {
            write!(out, " [{}]", actor.roles.join("; ")).unwrap();
        }
        let mentions: Vec<&str> = actor.mentions.iter().map(|m| &*m.text).collect();
        writeln!(out, ": {}", one_line(&mentions.join(" | "))).unwrap();
    }
    out.push_str("=== quotes\n");
    for quote in &analysis.quotes {
        let speaker = match (&quote.speaker, &quote.speaker_name) {
            (Some(_), Some(name)) => format!("[{name}]"),
            (None, Some(phrase)) => format!("\"{phrase}\""),
            _ => "-".to_string(),
        };
        let span = quote.speaker_span.as_ref().map_or("-", |s| &*s.text);
        let cue = quote.cue.as_ref().map_or("-", |s| &*s.text);
        writeln!(out, "{} <- {speaker} @ {} ~ {}", one_line(&quote.text), one_line(span), one_line(cue)).unwrap();
    }
    out.push_str("=== terms\n");
    for term in &analysis.terms {
        let category = serde_json::to_value(term.category).unwrap();
        write!(out, "{}: {}", category.as_str().unwrap(), one_line(&term.text)).unwrap();
        if term.name != term.text {
            write!(out, " = {}", term.name).unwrap();
        }
        if let Some(reference) = &term.reference {
            write!(out, " ({reference})").unwrap();
        }
        out.push('\n');
    }
    out
}

/// Line breaks shown as ` / `, so a quotation over paragraphs stays on one line.
fn one_line(text: &str) -> String {
    text.replace("\r\n", " / ").replace('\n', " / ")
}

/// Splits a golden file into its header, its text and its expectations (if any).
fn split(contents: &str) -> Option<(&str, &str, Option<&str>)> {
    let text_at = contents.find(TEXT)?;
    let header = &contents[..text_at];
    let rest = &contents[text_at + TEXT.len()..];
    Some(match rest.find(ACTORS) {
        Some(at) => (header, &rest[..at], Some(&rest[at + 1..])),
        None => (header, rest.strip_suffix('\n').unwrap_or(rest), None),
    })
}

#[test]
fn golden_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let bless = std::env::var_os("NEWSMARK_BLESS").is_some();
    let mut paths: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut failures = Vec::new();
    for path in &paths {
        let contents = fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let (header, text, expected) = split(&contents).unwrap_or_else(|| panic!("{name}: no '=== text' section"));
        let actual = render(&analyze(text));
        if bless {
            fs::write(path, format!("{header}{TEXT}{text}\n{actual}")).unwrap();
        } else if expected != Some(actual.as_str()) {
            failures.push(format!("--- {name}\n{}", diff(expected.unwrap_or(""), &actual)));
        }
    }
    assert!(paths.len() >= 15, "expected at least 15 golden files, found {}", paths.len());
    assert!(failures.is_empty(), "{} of {} golden files differ:\n{}", failures.len(), paths.len(), failures.join("\n"));
}

/// The lines only in `expected` (`-`) and only in `actual` (`+`), section by section.
fn diff(expected: &str, actual: &str) -> String {
    let mut out = String::new();
    for line in expected.lines().filter(|l| !actual.lines().any(|a| a == *l)) {
        writeln!(out, "- {line}").unwrap();
    }
    for line in actual.lines().filter(|l| !expected.lines().any(|e| e == *l)) {
        writeln!(out, "+ {line}").unwrap();
    }
    out
}
