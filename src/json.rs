//! The analysis as compact JSON text, written by hand.
//!
//! The CLI prints this text and the browser binding hands it to `JSON.parse`, so it is on the
//! path of every analysis; through serde_json it cost about a tenth as much as the analysis,
//! most of it in the generic serializer and in escaping strings a byte at a time. Here the
//! shape is fixed, every key is a literal, strings are checked for escapes eight bytes at a
//! time, and the text goes into one `String` reserved from an estimate of its length.
//!
//! The output is byte for byte what `serde_json::to_string` writes for the same [`Analysis`]
//! (`tests/json.rs` checks it): members in declaration order, `null` for `None`, no `roles`
//! when there are none, and serde_json's escapes: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`,
//! `\u00xx` (lower-case hex) for the other bytes below 0x20, and nothing else escaped.

use crate::{Actor, ActorKind, Analysis, Quote, Span, Term};

/// `analysis` as compact JSON, the same text as `serde_json::to_string(analysis)`.
pub fn to_string(analysis: &Analysis) -> String {
    let mut out = String::new();
    write_to(analysis, &mut out);
    out
}

/// `analysis` as compact JSON in ASCII alone, for the browser: the text of [`to_string`] with
/// every char beyond ASCII written as a `\uXXXX` escape (a surrogate pair above U+FFFF).
///
/// A JS engine turns UTF-8 that is all ASCII into a one-byte string by copying it, and parses
/// such a string faster; a single curly quote in a megabyte of JSON makes the whole string
/// two-byte. Measured in Chromium on the JSON of 256 KB of PolNeAR news (392 KB, 1,467 chars
/// beyond ASCII): decoding it took 0.5 ms as written and 0.1 ms escaped, parsing the decoded
/// text 1.4 ms against 0.9 ms.
pub fn to_ascii_string(analysis: &Analysis) -> String {
    let json = to_string(analysis);
    if json.is_ascii() {
        return json;
    }
    let mut out = String::with_capacity(json.len() + json.len() / 8);
    let mut rest = json.as_str();
    while let Some(at) = first_non_ascii(rest.as_bytes()) {
        // A byte above 0x7F after ASCII starts a char.
        out.push_str(&rest[..at]);
        let Some(c) = rest[at..].chars().next() else { break };
        for unit in c.encode_utf16(&mut [0; 2]) {
            write_unit_escape(&mut out, *unit);
        }
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// The index of the first byte of `bytes` above 0x7F, if any: the chars beyond ASCII of a
/// news text are few and far apart.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    first_marked(bytes, 0, |word| word & HIGHS)
}

/// `\uXXXX` for one UTF-16 code unit, in lower-case hex as serde_json writes its escapes.
fn write_unit_escape(out: &mut String, unit: u16) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push_str("\\u");
    for shift in [12, 8, 4, 0] {
        out.push(char::from(HEX[usize::from(unit >> shift & 0xF)]));
    }
}

/// Appends `analysis` as a compact JSON object to `out`.
pub fn write_to(analysis: &Analysis, out: &mut String) {
    out.push('{');
    write_members(analysis, out);
    out.push('}');
}

/// Appends the members of the analysis object, without its braces, to `out`: for a caller
/// that puts members of its own beside them, as the CLI's batch mode puts each line's id first.
/// Reserves room for the whole object first.
pub fn write_members(analysis: &Analysis, out: &mut String) {
    out.reserve(estimated_len(analysis));
    out.push_str("\"actors\":");
    write_array(out, &analysis.actors, write_actor);
    out.push_str(",\"quotes\":");
    write_array(out, &analysis.quotes, write_quote);
    out.push_str(",\"terms\":");
    write_array(out, &analysis.terms, write_term);
}

/// Digits allowed for each offset and id by [`estimated_len`]: offsets below 100 MB have at
/// most 8, and a shorter text gives a shorter analysis anyway.
const NUMBER_ESTIMATE: usize = 8;

/// Bytes of a span with empty text: `{"start":,"end":,"text":""}` and its two numbers.
const SPAN_ESTIMATE: usize = 27 + 2 * NUMBER_ESTIMATE;

/// About the length of the JSON text, a little over for most analyses, so that the buffer is
/// allocated once. Only strings with many escapes make it grow, and then once or twice.
fn estimated_len(analysis: &Analysis) -> usize {
    // `{"actors":[],"quotes":[],"terms":[]}`, then each element and the comma after it.
    let actors: usize = analysis.actors.iter().map(|actor| actor_estimate(actor) + 1).sum();
    let quotes: usize = analysis.quotes.iter().map(|quote| quote_estimate(quote) + 1).sum();
    let terms: usize = analysis.terms.iter().map(|term| term_estimate(term) + 1).sum();
    36 + actors + quotes + terms
}

fn actor_estimate(actor: &Actor) -> usize {
    // `{"id":,"name":"","kind":"organization","mentions":[],"roles":[]}`.
    let mentions: usize = actor.mentions.iter().map(|mention| span_estimate(mention) + 1).sum();
    let roles: usize = actor.roles.iter().map(|role| role.len() + 3).sum();
    64 + NUMBER_ESTIMATE + actor.name.len() + mentions + roles
}

fn quote_estimate(quote: &Quote) -> usize {
    // The quote's span, with two escapes for straight marks, then
    // `,"speaker":,"speaker_name":"","speaker_span":,"cue":` with a null or a span each.
    let name = quote.speaker_name.as_ref().map_or(0, |name| name.len());
    let span = |span: &Option<Span>| span.as_ref().map_or(4, span_estimate);
    let own = SPAN_ESTIMATE + quote.text.len() + 2;
    own + 50 + NUMBER_ESTIMATE + name + span(&quote.speaker_span) + span(&quote.cue)
}

fn term_estimate(term: &Term) -> usize {
    // The term's span, then `,"category":"vulnerability","name":"","ref":""`.
    let reference = term.reference.as_ref().map_or(0, String::len);
    SPAN_ESTIMATE + term.text.len() + 46 + term.name.len() + reference
}

fn span_estimate(span: &Span) -> usize {
    SPAN_ESTIMATE + span.text.len()
}

/// `[a,b,…]`, each element written by `write`.
fn write_array<T>(out: &mut String, items: &[T], write: fn(&mut String, &T)) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(out, item);
    }
    out.push(']');
}

fn write_actor(out: &mut String, actor: &Actor) {
    out.push_str("{\"id\":");
    write_number(out, actor.id);
    out.push_str(",\"name\":");
    write_string(out, &actor.name);
    out.push_str(",\"kind\":");
    out.push_str(kind_json(actor.kind));
    out.push_str(",\"mentions\":");
    write_array(out, &actor.mentions, write_span);
    if !actor.roles.is_empty() {
        out.push_str(",\"roles\":");
        write_array(out, &actor.roles, |out, role| write_string(out, role));
    }
    out.push('}');
}

/// The kind as its JSON string, quotes included (the serde name, in lower case).
fn kind_json(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "\"person\"",
        ActorKind::Organization => "\"organization\"",
        ActorKind::Place => "\"place\"",
    }
}

fn write_quote(out: &mut String, quote: &Quote) {
    out.push('{');
    write_span_members(out, quote.start, quote.end, &quote.text);
    out.push_str(",\"speaker\":");
    write_optional(out, quote.speaker.as_ref(), |out, &id| write_number(out, id));
    out.push_str(",\"speaker_name\":");
    write_optional(out, quote.speaker_name.as_ref(), |out, name| write_string(out, name));
    out.push_str(",\"speaker_span\":");
    write_optional(out, quote.speaker_span.as_ref(), write_span);
    out.push_str(",\"cue\":");
    write_optional(out, quote.cue.as_ref(), write_span);
    out.push('}');
}

fn write_term(out: &mut String, term: &Term) {
    out.push('{');
    write_span_members(out, term.start, term.end, &term.text);
    out.push_str(",\"category\":\"");
    // Category names are lower-case ASCII letters and hyphens: nothing to escape.
    out.push_str(term.category.as_str());
    out.push_str("\",\"name\":");
    write_string(out, &term.name);
    out.push_str(",\"ref\":");
    write_optional(out, term.reference.as_ref(), |out, reference| write_string(out, reference));
    out.push('}');
}

fn write_span(out: &mut String, span: &Span) {
    out.push('{');
    write_span_members(out, span.start, span.end, &span.text);
    out.push('}');
}

/// `"start":…,"end":…,"text":…`, which quotes and terms begin with too.
fn write_span_members(out: &mut String, start: usize, end: usize, text: &str) {
    out.push_str("\"start\":");
    write_number(out, start);
    out.push_str(",\"end\":");
    write_number(out, end);
    out.push_str(",\"text\":");
    write_string(out, text);
}

/// The value written by `write`, or `null`.
fn write_optional<T>(out: &mut String, value: Option<&T>, write: fn(&mut String, &T)) {
    match value {
        Some(value) => write(out, value),
        None => out.push_str("null"),
    }
}

/// The two-digit numbers 00 to 99, one after the other.
const DIGIT_PAIRS: [u8; 200] = digit_pairs();

const fn digit_pairs() -> [u8; 200] {
    let mut pairs = [0u8; 200];
    let mut n = 0;
    while n < 100 {
        pairs[2 * n] = b'0' + (n / 10) as u8;
        pairs[2 * n + 1] = b'0' + (n % 10) as u8;
        n += 1;
    }
    pairs
}

/// `n` in decimal.
///
/// The digits are made right to left in a small array, two at a time from [`DIGIT_PAIRS`], then
/// pushed left to right; masking each with 0x7F shows the compiler that it is ASCII, so every
/// push is a plain byte store.
fn write_number(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut rest = n;
    while rest >= 100 {
        start -= 2;
        write_pair(&mut digits[start..start + 2], rest % 100);
        rest /= 100;
    }
    if rest >= 10 {
        start -= 2;
        write_pair(&mut digits[start..start + 2], rest);
    } else {
        start -= 1;
        digits[start] = b'0' + rest as u8;
    }
    for &digit in &digits[start..] {
        out.push(char::from(digit & 0x7F));
    }
}

/// The two digits of `pair` (below 100) into `two`.
fn write_pair(two: &mut [u8], pair: usize) {
    two.copy_from_slice(&DIGIT_PAIRS[2 * pair..2 * pair + 2]);
}

/// `text` as a JSON string, in quotes, escaped as serde_json escapes it.
fn write_string(out: &mut String, text: &str) {
    out.push('"');
    let mut rest = text;
    while let Some(at) = first_escape(rest.as_bytes()) {
        // Every byte that needs an escape is ASCII, so `at` and `at + 1` are char boundaries.
        out.push_str(&rest[..at]);
        write_escape(out, rest.as_bytes()[at]);
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

/// The escape of one byte below 0x20, `"` or `\`.
fn write_escape(out: &mut String, byte: u8) {
    let short = match byte {
        b'"' => "\\\"",
        b'\\' => "\\\\",
        0x08 => "\\b",
        0x0C => "\\f",
        b'\n' => "\\n",
        b'\r' => "\\r",
        b'\t' => "\\t",
        _ => return write_unit_escape(out, u16::from(byte)),
    };
    out.push_str(short);
}

/// The index of the first byte of `bytes` that JSON must escape, if any.
///
/// The tail is padded with spaces, which need no escape, so short strings (most names and
/// mentions) take a single test.
fn first_escape(bytes: &[u8]) -> Option<usize> {
    first_marked(bytes, b' ', escape_marks)
}

/// The index of the first byte of `bytes` that `marks` marks, testing eight bytes at once as
/// one little-endian `u64`: `marks` sets the high bit of every byte it looks for, and of no
/// byte below the first one it finds. The tail is padded with `pad`, which it must not mark.
#[inline(always)]
fn first_marked(bytes: &[u8], pad: u8, marks: impl Fn(u64) -> u64) -> Option<usize> {
    let first = |word: u64| {
        let found = marks(word);
        (found != 0).then(|| found.trailing_zeros() as usize / 8)
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        if let Some(at) = first(u64::from_le_bytes(chunk.try_into().expect("chunks of eight bytes"))) {
            return Some(offset + at);
        }
        offset += 8;
    }
    let mut tail = [pad; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    first(u64::from_le_bytes(tail)).map(|at| offset + at)
}

/// The high bit of each byte of `word` below 0x20 or equal to `"` or `\`.
///
/// Each test sets the high bit of every byte that matches, and of no byte below the first
/// match (a borrow only carries upwards), so the lowest set bit is the first match.
fn escape_marks(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = zero_bytes(word ^ (ONES * u64::from(b'"')));
    let backslash = zero_bytes(word ^ (ONES * u64::from(b'\\')));
    (below_space | quote | backslash) & HIGHS
}

/// The high bit of every byte of a `u64`.
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit set in each zero byte of `word` (and maybe in bytes above the first one).
fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(0x0101_0101_0101_0101) & !word
}
