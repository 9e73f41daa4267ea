//! The hand-written JSON writer (`newsmark::json`) against serde_json: for every analysis the
//! text must be byte for byte `serde_json::to_string`'s, since the CLI prints it and the page
//! parses it in place of serde_json's. Checked on the golden texts, on hostile texts, on random
//! texts and on random analyses whose strings are full of bytes that need escaping, and through
//! the CLI's compact and batch output. The browser's ASCII form (`json::to_ascii_string`) must
//! be ASCII and parse to the same value.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use newsmark::utf16::convert_offsets;
use newsmark::{analyze, Actor, ActorKind, Analysis, Quote, Span, Term, TermCategory};
use proptest::prelude::*;
use serde::Serialize;
use serde_json::Value;

/// Asserts that the writer and serde_json agree on `analysis`, also with the UTF-16 offsets
/// the browser binding writes, and that the browser's ASCII form means the same.
fn assert_same_json(analysis: &Analysis, text: &str) {
    assert_eq!(newsmark::json::to_string(analysis), serde_json::to_string(analysis).unwrap());
    let mut units = analysis.clone();
    convert_offsets(text, &mut units);
    assert_eq!(newsmark::json::to_string(&units), serde_json::to_string(&units).unwrap());
    assert_same_ascii_json(&units);
}

/// Asserts that `json::to_ascii_string` is ASCII and the same JSON value as serde_json's text.
fn assert_same_ascii_json(analysis: &Analysis) {
    let ascii = newsmark::json::to_ascii_string(analysis);
    assert!(ascii.is_ascii(), "{ascii}");
    let value: Value = serde_json::from_str(&ascii).unwrap();
    assert_eq!(value, serde_json::to_value(analysis).unwrap());
}

fn golden_texts() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut paths: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let file = fs::read_to_string(path).unwrap();
            let text = file.split_once("=== text\n").unwrap().1.split("\n=== actors\n").next().unwrap();
            (path.display().to_string(), text.to_owned())
        })
        .collect()
}

#[test]
fn golden_texts_give_serde_json_text() {
    let texts = golden_texts();
    assert!(texts.len() > 10, "the golden texts are missing");
    for (path, text) in &texts {
        assert!(!text.is_empty(), "{path}: no text");
        assert_same_json(&analyze(text), text);
    }
}

/// Texts like the adversarial tests' (`tests/adversarial.rs`), short enough to compare whole.
const HOSTILE: [&str; 8] = [
    "\u{0}Microsoft\u{0} said\u{0} \u{1}“We\u{8}\u{b}\u{c} will\u{1f} respond,”\u{7f} John Smith said.",
    "He said \"the \\\"back\\\\slash\\\" attack\" hit Kyiv, according to Reuters \\ CVE-2021-44228.",
    "“Ransomware 😀 hit us 🇺🇦,” said Olena Kovalenko of Naftogaz. 👩‍💻 APT29 (Cozy Bear) again.",
    "قال Daniel Okafor، المتحدث باسم NATO، إن “الهجوم انتهى” بعد هجوم فدية على \
     Microsoft. אמר הדובר של Reuters: «זה נגמר», said Maria Lindqvist.\n",
    "Line\r\nends\rand\ttabs\n\n“Quoted\r\ntext,” Sarah Lin told Reuters.\u{2028}Next\u{2029}.",
    "Visit hxxp://evil[.]com/a\"b\\c or 1.2.3[.]4; the \u{7}bell\u{1b}[0m phishing email, said Microsoft.",
    "\"\"\"\"\"\"\"\"\\\\\\\\\\\\\\\\\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0} said John Smith. \"a\"",
    "Zero\u{200b}width\u{200d}joiners and combining e\u{301} in Zoë Ångström’s “quote,” she said.",
];

#[test]
fn hostile_texts_give_serde_json_text() {
    for text in HOSTILE {
        assert_same_json(&analyze(text), text);
    }
}

/// A string of every byte below 0x20, the two that JSON escapes, and some that it must not.
fn every_escape() -> String {
    let mut text: String = (0u8..0x20).map(char::from).collect();
    text.push_str("\"\\/\u{7f}é€😀\u{2028}\u{2029}\u{feff}");
    text
}

fn span(start: usize, end: usize, text: &str) -> Span<'static> {
    Span { start, end, text: text.to_owned().into() }
}

#[test]
fn every_string_field_is_escaped_like_serde_json() {
    let odd = every_escape();
    let analysis = Analysis {
        actors: vec![
            Actor { id: 0, name: odd.clone().into(), kind: ActorKind::Person, mentions: vec![span(0, 1, &odd)], roles: vec![odd.clone(), String::new()] },
            Actor { id: usize::MAX, name: "".into(), kind: ActorKind::Place, mentions: vec![], roles: vec![] },
        ],
        quotes: vec![
            Quote { start: 9, end: 10, text: odd.clone().into(), speaker: Some(0), speaker_name: Some(odd.clone().into()), speaker_span: Some(span(1, 2, &odd)), cue: Some(span(3, 4, &odd)) },
            Quote { start: 10, end: 100, text: "".into(), speaker: None, speaker_name: None, speaker_span: None, cue: None },
        ],
        terms: TermCategory::ALL
            .iter()
            .enumerate()
            .map(|(i, &category)| Term { start: i, end: i * 1000, text: odd.clone().into(), category, name: odd.clone().into(), reference: (i % 2 == 0).then(|| odd.clone()) })
            .collect(),
    };
    assert_eq!(newsmark::json::to_string(&analysis), serde_json::to_string(&analysis).unwrap());
    assert_same_ascii_json(&analysis);
    assert!(newsmark::json::to_ascii_string(&analysis).contains(r"\u00e9\u20ac\ud83d\ude00\u2028"));
    assert_eq!(newsmark::json::to_string(&Analysis::default()), r#"{"actors":[],"quotes":[],"terms":[]}"#);
}

#[test]
fn write_to_appends() {
    let mut out = String::from("[");
    newsmark::json::write_to(&Analysis::default(), &mut out);
    assert_eq!(out, r#"[{"actors":[],"quotes":[],"terms":[]}"#);
}

/// Runs the CLI on `stdin` and returns its output.
fn newsmark(args: &[&str], stdin: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn cli_prints_serde_json_text() {
    for text in HOSTILE {
        let expected = serde_json::to_string(&analyze(text)).unwrap() + "\n";
        assert_eq!(newsmark(&["analyze"], text), expected);
    }
}

/// A batch output line as serde_json writes it: the id, then the analysis's members.
#[derive(Serialize)]
struct BatchResult<'a> {
    id: &'a Value,
    #[serde(flatten)]
    analysis: &'a Analysis<'a>,
}

#[test]
fn cli_batch_prints_serde_json_lines() {
    let ids = [Value::from("a\"\\\u{1}"), Value::from(7), serde_json::json!({"doc": [1, 2.5, null]})];
    let mut input = String::new();
    let mut expected = String::new();
    for (id, text) in ids.iter().cycle().zip(HOSTILE) {
        input += &(serde_json::json!({"id": id, "text": text}).to_string() + "\n");
        let line = BatchResult { id, analysis: &analyze(text) };
        expected += &(serde_json::to_string(&line).unwrap() + "\n");
    }
    input += &(serde_json::json!({"text": HOSTILE[0]}).to_string() + "\n");
    let line = BatchResult { id: &Value::from(HOSTILE.len() + 1), analysis: &analyze(HOSTILE[0]) };
    expected += &(serde_json::to_string(&line).unwrap() + "\n");
    assert_eq!(newsmark(&["analyze", "--jsonl"], &input), expected);
}

/// Strings of any chars, or made mostly of the bytes JSON escapes.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[\\x00-\\x1f\"\\\\/ a-z\\x7fé€😀\u{2028}]{0,40}"]
}

fn any_number() -> impl Strategy<Value = usize> {
    prop_oneof![Just(0), 0..100_000usize, any::<usize>()]
}

fn any_span() -> impl Strategy<Value = Span<'static>> {
    (any_number(), any_number(), any_text()).prop_map(|(start, end, text)| Span { start, end, text: text.into() })
}

fn any_actor() -> impl Strategy<Value = Actor<'static>> {
    let kind = prop::sample::select(vec![ActorKind::Person, ActorKind::Organization, ActorKind::Place]);
    let mentions = prop::collection::vec(any_span(), 0..4);
    let roles = prop::collection::vec(any_text(), 0..3);
    (any_number(), any_text(), kind, mentions, roles)
        .prop_map(|(id, name, kind, mentions, roles)| Actor { id, name: name.into(), kind, mentions, roles })
}

fn any_quote() -> impl Strategy<Value = Quote<'static>> {
    let speaker = (prop::option::of(any_number()), prop::option::of(any_text()));
    let spans = (prop::option::of(any_span()), prop::option::of(any_span()));
    (any_span(), speaker, spans).prop_map(|(quoted, (speaker, speaker_name), (speaker_span, cue))| Quote {
        start: quoted.start,
        end: quoted.end,
        text: quoted.text,
        speaker,
        speaker_name: speaker_name.map(Into::into),
        speaker_span,
        cue,
    })
}

fn any_term() -> impl Strategy<Value = Term<'static>> {
    let category = prop::sample::select(TermCategory::ALL.to_vec());
    (any_span(), category, any_text(), prop::option::of(any_text())).prop_map(|(span, category, name, reference)| Term {
        start: span.start,
        end: span.end,
        text: span.text,
        category,
        name: name.into(),
        reference,
    })
}

fn any_analysis() -> impl Strategy<Value = Analysis<'static>> {
    let actors = prop::collection::vec(any_actor(), 0..4);
    let quotes = prop::collection::vec(any_quote(), 0..4);
    let terms = prop::collection::vec(any_term(), 0..4);
    (actors, quotes, terms).prop_map(|(actors, quotes, terms)| Analysis { actors, quotes, terms })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_analysis_gives_serde_json_text(analysis in any_analysis()) {
        prop_assert_eq!(newsmark::json::to_string(&analysis), serde_json::to_string(&analysis).unwrap());
        let ascii = newsmark::json::to_ascii_string(&analysis);
        prop_assert!(ascii.is_ascii());
        prop_assert_eq!(serde_json::from_str::<Value>(&ascii).unwrap(), serde_json::to_value(&analysis).unwrap());
    }

    #[test]
    fn analysis_of_any_text_gives_serde_json_text(text in any_text()) {
        let analysis = analyze(&text);
        prop_assert_eq!(newsmark::json::to_string(&analysis), serde_json::to_string(&analysis).unwrap());
    }
}
