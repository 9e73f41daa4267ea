//! The browser binding, in headless Chromium:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm`.
//!
//! These tests look at what JavaScript receives from `newsmark::wasm::analyze`: a plain object
//! in the CLI's JSON shape, whose UTF-16 offsets slice JS strings back to each span's text, and
//! a thrown `Error` on bad input.
#![cfg(target_arch = "wasm32")]

use newsmark::wasm::analyze;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
/** Every span of an analysis as [start, end, text]. */
function spans(analysis) {
  const out = [];
  const add = (s) => s && out.push([s.start, s.end, s.text]);
  for (const actor of analysis.actors) actor.mentions.forEach(add);
  for (const quote of analysis.quotes) { add(quote); add(quote.speaker_span); add(quote.cue); }
  analysis.terms.forEach(add);
  return out;
}

export function spanCount(analysis) { return spans(analysis).length; }

/** The spans whose `text` is not `input.slice(start, end)`, as readable strings. */
export function misplaced(input, analysis) {
  return spans(analysis)
    .filter(([start, end, text]) => input.slice(start, end) !== text)
    .map(([start, end, text]) => `${start}..${end} ${JSON.stringify(text)}`);
}

/** The sorted keys of `value`, or of `value[path[0]][path[1]]…`, joined by commas. */
export function keysAt(value, path) {
  for (const step of path) value = value?.[step];
  return value === null || typeof value !== 'object' ? `(${value})` : Object.keys(value).sort().join(',');
}

/** `typeof` of `value[path[0]][path[1]]…`, with "null" and "array" told apart. */
export function typeAt(value, path) {
  for (const step of path) value = value?.[step];
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

export function isError(value) { return value instanceof Error; }
export function messageOf(error) { return String(error.message); }
export function jsonOf(value) { return JSON.stringify(value); }
/** A JS string no Rust `&str` can hold: it begins with an unpaired surrogate. */
export function loneSurrogateText() { return '\uD800 A cyberattack hit Kyiv, officials said.'; }
export function jsString(text) { return text; }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = spanCount)]
    fn span_count(analysis: &JsValue) -> usize;
    fn misplaced(input: &JsValue, analysis: &JsValue) -> Vec<String>;
    #[wasm_bindgen(js_name = keysAt)]
    fn keys_at(value: &JsValue, path: Vec<JsValue>) -> String;
    #[wasm_bindgen(js_name = typeAt)]
    fn type_at(value: &JsValue, path: Vec<JsValue>) -> String;
    #[wasm_bindgen(js_name = isError)]
    fn is_error(value: &JsValue) -> bool;
    #[wasm_bindgen(js_name = messageOf)]
    fn message_of(error: &JsValue) -> String;
    #[wasm_bindgen(js_name = jsonOf)]
    fn json_of(value: &JsValue) -> String;
    #[wasm_bindgen(js_name = loneSurrogateText)]
    fn lone_surrogate_text() -> JsValue;
}

/// A path into a JS value: strings are keys, numbers are indexes.
macro_rules! path {
    ($($step:expr),* $(,)?) => { vec![$(JsValue::from($step)),*] };
}

fn analysed(text: &str) -> JsValue {
    match analyze(JsValue::from_str(text)) {
        Ok(value) => value,
        Err(error) => panic!("analyze failed: {}", message_of(&JsValue::from(error))),
    }
}

const ARTICLE: &str = "“We will respond to this cyberattack,” Kremlin spokesman Dmitry Peskov \
                       said on Monday after the ransomware attack on Rosneft.";

#[wasm_bindgen_test]
fn the_result_has_the_cli_shape() {
    let value = analysed(ARTICLE);
    let json = json_of(&value);
    assert_eq!(keys_at(&value, path![]), "actors,quotes,terms", "{json}");
    for list in ["actors", "quotes", "terms"] {
        assert_eq!(type_at(&value, path![list]), "array", "{json}");
    }
    assert_eq!(
        keys_at(&value, path!["quotes", 0]),
        "cue,end,speaker,speaker_name,speaker_span,start,text",
        "{json}"
    );
    assert_eq!(keys_at(&value, path!["quotes", 0, "cue"]), "end,start,text", "{json}");
    assert_eq!(type_at(&value, path!["quotes", 0, "start"]), "number", "{json}");
    assert_eq!(keys_at(&value, path!["terms", 0]), "category,end,name,ref,start,text", "{json}");
    // A term without an ATT&CK or CVE id has `ref: null`, as in the CLI's JSON, not undefined.
    assert!(
        ["null", "string"].contains(&type_at(&value, path!["terms", 0, "ref"]).as_str()),
        "{json}"
    );
    let actor_keys = keys_at(&value, path!["actors", 0]);
    assert!(
        ["id,kind,mentions,name", "id,kind,mentions,name,roles"].contains(&actor_keys.as_str()),
        "{json}"
    );
}

#[wasm_bindgen_test]
fn an_empty_text_gives_empty_lists() {
    assert_eq!(json_of(&analysed("")), r#"{"actors":[],"quotes":[],"terms":[]}"#);
}

/// Each case: text where UTF-8 bytes and UTF-16 units differ before and inside the spans.
const UTF16_CASES: &[(&str, &str)] = &[
    ("emoji", "🙂🙂 “We will not pay the hackers 👩‍👩‍👧,” said Anna Kowalska. A cyberattack hit Warsaw."),
    ("combining", "Zoe\u{308} Ha\u{30a}kansson said: “The ransomware attack on Malmo\u{308} was severe.”"),
    ("rtl", "قال المتحدث “هذا هجوم” — officials said a cyberattack hit Tehran, Iran on Monday."),
    ("astral", "𝐁𝐑𝐄𝐀𝐊𝐈𝐍𝐆 𝕏: “Ransomware again,” Microsoft said after the DDoS attack."),
];

#[wasm_bindgen_test]
fn utf16_offsets_slice_js_strings_back_to_each_span() {
    for (name, text) in UTF16_CASES {
        let value = analysed(text);
        assert!(span_count(&value) > 0, "{name}: nothing found in {text:?}: {}", json_of(&value));
        let wrong = misplaced(&JsValue::from_str(text), &value);
        assert!(wrong.is_empty(), "{name}: {wrong:?} in {}", json_of(&value));
    }
}

#[wasm_bindgen_test]
fn a_lone_surrogate_counts_as_one_unit() {
    // JS replaces it with U+FFFD on the way in: one UTF-16 unit either way, so offsets still fit.
    let text = lone_surrogate_text();
    let value = analyze(text.clone()).map_err(JsValue::from).expect("analysed");
    assert!(span_count(&value) > 0, "{}", json_of(&value));
    let wrong = misplaced(&text, &value);
    assert_eq!(wrong.len(), 0, "{wrong:?}");
}

#[wasm_bindgen_test]
fn a_value_that_is_not_a_string_throws_a_js_error() {
    for (name, value) in [
        ("number", JsValue::from(42)),
        ("undefined", JsValue::UNDEFINED),
        ("null", JsValue::NULL),
    ] {
        let error = JsValue::from(analyze(value).expect_err(name));
        assert!(is_error(&error), "{name}: not an Error");
        let message = message_of(&error);
        assert!(message.contains("expects a string"), "{name}: {message}");
    }
}
