//! The browser binding: one function, `analyze`, for the page's Web Worker.
//!
//! This layer only converts. The core works in UTF-8 byte offsets; JavaScript strings count
//! UTF-16 code units, so every offset is rewritten once here, in one pass over the text
//! ([`crate::utf16::convert_offsets`]), and the page can use `text.slice(start, end)` directly.
//! The result crosses the boundary as JSON text parsed by the engine ([`to_js`]), so it has
//! exactly the CLI's JSON shape (`null`, not `undefined`, for a missing speaker or reference).
//! Every failure becomes a thrown JS `Error`.

use wasm_bindgen::prelude::*;

use crate::Analysis;

#[wasm_bindgen(typescript_custom_section)]
const ANALYSIS_TYPES: &'static str = r#"
/** A piece of the analysed text: `text === input.slice(start, end)` (UTF-16 offsets). */
export interface Span { start: number; end: number; text: string; }

/** One person, organisation or place, with every mention of it. */
export interface Actor {
  /** Index in `Analysis.actors`; quotes refer to it. */
  id: number;
  /** The fullest name used in the text, or the lexicon's name. */
  name: string;
  kind: "person" | "organization" | "place";
  mentions: Span[];
  /** Titles and roles seen with the name; absent when there are none. */
  roles?: string[];
}

/** A direct quotation (with its marks) and who said it. */
export interface Quote extends Span {
  /** The speaker's actor id, when the speaker is a known actor. */
  speaker: number | null;
  /** The speaker's canonical name, else the phrase as written, else null. */
  speaker_name: string | null;
  /** Where the speaker is named for this quote ("he", "the minister"). */
  speaker_span: Span | null;
  /** The speech cue ("said", "according to"). */
  cue: Span | null;
}

/** A cyber-attack term. */
export interface Term extends Span {
  category: "attack" | "malware" | "threat-actor" | "vulnerability" | "technique"
    | "indicator" | "influence";
  /** The canonical name; for indicators, the refanged value. */
  name: string;
  /** A MITRE ATT&CK id or a CVE id, when one is known. */
  ref: string | null;
}

/** Everything found in one text. Offsets are UTF-16 code units; lists are sorted by start. */
export interface Analysis { actors: Actor[]; quotes: Quote[]; terms: Term[]; }
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);

    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(json: &str) -> Result<JsValue, JsValue>;
}

/// Runs when the module is instantiated. The core never panics on any input, so a panic is a
/// bug: the hook prints its message (a bare wasm trap says only "unreachable") so that it can
/// be reported; the worker then restarts the module.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| console_error(&format!("newsmark: {info}"))));
}

/// Analyses `text` and returns an `Analysis` with UTF-16 offsets.
///
/// Takes any JS value so that a caller passing something other than a string gets a clear
/// `Error` rather than an analysis of `"undefined"`.
#[wasm_bindgen(unchecked_return_type = "Analysis")]
pub fn analyze(text: JsValue) -> Result<JsValue, JsError> {
    let text = text.as_string().ok_or_else(|| {
        JsError::new(&format!(
            "analyze expects a string, got {}",
            text.js_typeof().as_string().unwrap_or_default()
        ))
    })?;
    let mut analysis = crate::analyzer().analyze(&text);
    crate::utf16::convert_offsets(&text, &mut analysis);
    to_js(&analysis)
}

/// Builds the tables and the model now, so the first real analysis is not the slow one.
#[wasm_bindgen(js_name = warmUp)]
pub fn warm_up() {
    crate::analyzer();
}

/// The one place where a Rust value becomes a JS value, and a failure a JS `Error`.
///
/// The analysis crosses as one JSON string that the engine's own `JSON.parse` turns into
/// objects: one boundary crossing instead of one per field and string, as serde-wasm-bindgen
/// did. Measured in Chromium on PolNeAR news, handing over the analysis of 50 KB took 0.7 ms
/// this way against 1.4–1.7 ms, and of 1 MB 22.5 ms against 26–27.5 ms; the module is also
/// 15 KB smaller. JSON writes `null` for a missing value, as the contract wants. The text comes
/// from [`crate::json`], the writer of the CLI's compact output: the same bytes as serde_json's
/// in less than half the instructions (natively, for 1 MB of news: 11.0M against 24.7M), and
/// the module carries no serializer. It crosses in ASCII ([`crate::json::to_ascii_string`]),
/// which the engine decodes and parses faster.
fn to_js(analysis: &Analysis) -> Result<JsValue, JsError> {
    json_parse(&crate::json::to_ascii_string(analysis))
        .map_err(|_| JsError::new("cannot hand the analysis to JavaScript: JSON.parse failed"))
}
