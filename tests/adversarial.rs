//! Hostile inputs: huge lines, walls of quotation marks, deep nesting, endless names, control
//! characters, foreign line ends, invisible characters and right-to-left text.
//!
//! Speed is checked by scaling, not by wall-clock limits, so a busy machine cannot fail it: each
//! case is analysed at n and 4n bytes, the fastest of several runs is kept, and the 4n run may
//! take at most 12 times as long (linear work gives 4, quadratic 16). Memory is checked by a
//! counting global allocator: the peak of live heap bytes during one analysis of each case may
//! be at most 10 times the input plus a small constant. Cases run one at a time (see
//! [`exclusive`]), so neither measure sees another test's work. Timings and peaks go to stderr:
//! `cargo test --release --test adversarial -- --nocapture --include-ignored` shows them all.

#[allow(dead_code)] // Only the result contract checks are used here.
#[path = "../fuzz/src/lib.rs"]
mod fuzz_checks;

use std::alloc::{GlobalAlloc, Layout, System};
use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use fuzz_checks::check_invariants;
use newsmark::{analyze, Analysis, Span};

/// The system allocator, counting live bytes and their peak.
struct CountingAllocator;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

// SAFETY: every call is forwarded unchanged to `System`; only counters are updated beside it.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = System.alloc(layout);
        if !pointer.is_null() {
            grew(layout.size());
        }
        pointer
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let pointer = System.alloc_zeroed(layout);
        if !pointer.is_null() {
            grew(layout.size());
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        System.dealloc(pointer, layout);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = System.realloc(pointer, layout, new_size);
        if !moved.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Growth of the input between the two measured sizes, and the time ratio allowed for it.
const GROWTH: usize = 4;
const MAX_TIME_RATIO: f64 = 12.0;
/// Peak heap during an analysis, per byte of input, plus a constant for fixed-size buffers.
const MAX_MEMORY_RATIO: usize = 10;
const MEMORY_SLACK: usize = 256 * 1024;
/// Each size is timed at least this many times, and until this much time was spent.
const MIN_RUNS: usize = 3;
const MIN_TIMING: Duration = Duration::from_millis(100);
/// Times below this are clock noise, not a measure of the work.
const TIME_FLOOR: Duration = Duration::from_millis(1);

/// Serialises the cases: a case holds this for its whole run, so timings and the heap peak are
/// its own. The shared analyzer is built on first use, outside every measure.
fn exclusive() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    let guard = LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    newsmark::analyzer();
    guard
}

/// The fastest of several analyses of `small` and of `large`. The two alternate, so a burst of
/// load on the machine slows both rather than skewing their ratio.
fn fastest(small: &str, large: &str) -> (Duration, Duration) {
    let time = |text: &str| {
        let start = Instant::now();
        drop(analyze(text));
        start.elapsed()
    };
    let started = Instant::now();
    let (mut best_small, mut best_large) = (Duration::MAX, Duration::MAX);
    let mut runs = 0;
    while runs < MIN_RUNS || (started.elapsed() < MIN_TIMING && runs < 50) {
        best_small = best_small.min(time(small));
        best_large = best_large.min(time(large));
        runs += 1;
    }
    (best_small, best_large)
}

/// The heap peak above what was live before, during one analysis of `text`, result included.
fn peak_heap(text: &str) -> usize {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let analysis = analyze(text);
    let peak = PEAK.load(Ordering::Relaxed);
    drop(analysis);
    peak.saturating_sub(before)
}

/// A hostile input: its name in the report, the smaller of its two sizes in bytes, and a
/// generator of about that many bytes of it.
struct Case {
    name: &'static str,
    bytes: usize,
    make: fn(usize) -> String,
}

/// Analyses `case` at n and `GROWTH * n` bytes: checks the result contract on both, then that
/// time grows linearly. Prints the measures. The caller holds [`exclusive`].
fn assert_linear(case: &Case) {
    let small = (case.make)(case.bytes);
    let large = (case.make)(GROWTH * case.bytes);
    check_invariants(&small, &analyze(&small));
    check_invariants(&large, &analyze(&large));

    let (small_time, large_time) = fastest(&small, &large);
    let (small_time, large_time) = (small_time.max(TIME_FLOOR), large_time.max(TIME_FLOOR));
    let size_ratio = large.len() as f64 / small.len() as f64;
    let time_ratio = large_time.as_secs_f64() / small_time.as_secs_f64();
    let megabytes_per_second = large.len() as f64 / 1e6 / large_time.as_secs_f64();
    eprintln!(
        "{}: {} B in {small_time:.1?}, {} B in {large_time:.1?} ({time_ratio:.1}x time for \
         {size_ratio:.1}x input, {megabytes_per_second:.1} MB/s)",
        case.name,
        small.len(),
        large.len(),
    );
    assert!(
        time_ratio < MAX_TIME_RATIO * size_ratio / GROWTH as f64,
        "{}: {size_ratio:.1}x the input took {time_ratio:.1}x the time, which is not linear",
        case.name
    );
}

/// `unit` repeated to `bytes` bytes (cut on a char boundary).
fn repeat_to(unit: &str, bytes: usize) -> String {
    let mut text = unit.repeat(bytes / unit.len() + 1);
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

/// A deterministic stream of small numbers (xorshift), so generated texts vary but never change.
struct Rng(u64);

impl Rng {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PEOPLE: [&str; 8] = [
    "Maria Lindqvist",
    "Daniel Okafor",
    "Priya Raman",
    "Tomasz Wierzbicki",
    "Elena Sokolova",
    "James Whitfield",
    "Aiko Tanabe",
    "Omar Haddad",
];
const ORGANISATIONS: [&str; 6] = [
    "Microsoft",
    "the Kremlin",
    "Reuters",
    "the European Union",
    "NATO",
    "Northwind Energy",
];
const PLACES: [&str; 6] = [
    "Ukraine",
    "Russia",
    "the United States",
    "Estonia",
    "Taiwan",
    "Brussels",
];
const ATTACKS: [&str; 6] = [
    "a ransomware attack",
    "a data breach",
    "a DDoS campaign",
    "a phishing wave",
    "an attack exploiting CVE-2023-23397",
    "a wiper attack",
];
const QUOTES: [&str; 6] = [
    "We are still assessing the damage",
    "Nobody has claimed responsibility",
    "The systems were restored overnight",
    "This was a deliberate act",
    "We will not pay the ransom",
    "Customer data was not affected",
];

/// One news sentence from a fixed set of templates; sentences end with ". ".
fn news_sentence(rng: &mut Rng) -> String {
    let person = rng.pick(&PEOPLE);
    let organisation = rng.pick(&ORGANISATIONS);
    let place = rng.pick(&PLACES);
    let attack = rng.pick(&ATTACKS);
    let quote = rng.pick(&QUOTES);
    match rng.below(8) {
        0 => format!("“{quote},” {person}, a spokesman for {organisation}, said on Tuesday. "),
        1 => format!("{person} said {organisation} had been hit by {attack} in {place}. "),
        2 => format!("“{quote}. We are working with the police,” she told reporters in {place}. "),
        3 => format!("According to {organisation}, the attackers used hxxp://update-{}[.]com/x and 185[.]220[.]101[.]{}. ", rng.below(100), rng.below(255)),
        4 => format!("Officials in {place} blamed Russian hackers known as APT29 for {attack}. "),
        5 => format!("{organisation} President {person} described it as “{}.” ", quote.to_lowercase()),
        6 => format!("The incident, which began on March {}, disrupted services for about {},000 customers. ", 1 + rng.below(28), 1 + rng.below(90)),
        _ => format!("“{quote},” he said, adding that {organisation} had informed regulators in {place}. "),
    }
}

/// About `bytes` bytes of news text in paragraphs of a few sentences, on separate lines.
fn news_text(bytes: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut text = String::with_capacity(bytes + 256);
    while text.len() < bytes {
        for _ in 0..1 + rng.below(4) {
            text.push_str(&news_sentence(&mut rng));
        }
        text.pop();
        text.push('\n');
    }
    text
}

// The cases ignored as "quadratic, tracked: text::segment": `ends_sentence_before` in
// src/text/segment.rs walks back over every closing mark before each token, so a run of n
// marks costs n²/2 steps (64 KB of `"` take 10 s). Capping the walk makes them all linear.

const NEWS_TEXT: Case = Case {
    name: "news text",
    bytes: 10_000_000 / GROWTH,
    make: news_text,
};
const ONE_LINE: Case = Case {
    name: "one line",
    bytes: 10_000_000 / GROWTH,
    make: |bytes| news_text(bytes).replace('\n', " "),
};
const STRAIGHT_DOUBLE_QUOTES: Case = Case {
    name: "1 MB of \"",
    bytes: MEGABYTE / GROWTH,
    make: |b| repeat_to("\"", b),
};
const LEFT_DOUBLE_QUOTES: Case = Case {
    name: "1 MB of “",
    bytes: MEGABYTE / GROWTH,
    make: |b| repeat_to("“", b),
};
const RIGHT_DOUBLE_QUOTES: Case = Case {
    name: "1 MB of ”",
    bytes: MEGABYTE / GROWTH,
    make: |b| repeat_to("”", b),
};
const STRAIGHT_SINGLE_QUOTES: Case = Case {
    name: "1 MB of '",
    bytes: MEGABYTE / GROWTH,
    make: |b| repeat_to("'", b),
};
const RIGHT_SINGLE_QUOTES: Case = Case {
    name: "1 MB of ’",
    bytes: MEGABYTE / GROWTH,
    make: |b| repeat_to("’", b),
};
const MIXED_MARKS: Case = Case {
    name: "1 MB of mixed marks",
    bytes: MEGABYTE / GROWTH,
    make: |b| repeat_to("\"“”'’‘«»„‚‹›「」`", b),
};
/// Every quotation has a pronoun speaker and there is no actor to resolve it to.
const PRONOUN_QUOTES: Case = Case {
    name: "pronoun quotes",
    bytes: MEGABYTE / GROWTH,
    make: |bytes| repeat_to("“Yes,” he said. ", bytes),
};
/// “word ‘word “word … ’ ” ’: 11 bytes a level, 10,000 levels at the larger size.
const NESTED_QUOTES: Case = Case {
    name: "nested quotes",
    bytes: 110_000 / GROWTH,
    make: nested_quotes,
};
/// Words average 8 bytes with their space: 100,000 words at the larger size.
const CAPITALISED_WORDS: Case = Case {
    name: "capitalised words",
    bytes: 800_000 / GROWTH,
    make: capitalised_words,
};
const CONTROL_CHARACTERS: Case = Case {
    name: "control characters",
    bytes: MEGABYTE / GROWTH,
    make: control_characters,
};
const CRLF_NEWS: Case = Case {
    name: "CRLF news",
    bytes: MEGABYTE / GROWTH,
    make: |bytes| news_text(bytes).replace('\n', "\r\n"),
};
const CR_NEWS: Case = Case {
    name: "CR news",
    bytes: MEGABYTE / GROWTH,
    make: |bytes| news_text(bytes).replace('\n', "\r"),
};
const INVISIBLE_MARKS: Case = Case {
    name: "invisible marks",
    bytes: MEGABYTE / GROWTH,
    make: |bytes| with_invisibles(&repeat_to(PLAIN_NAMES, bytes)),
};
const RIGHT_TO_LEFT_TEXT: Case = Case {
    name: "right-to-left",
    bytes: MEGABYTE / GROWTH,
    make: |b| repeat_to(RIGHT_TO_LEFT, b),
};

/// A URL followed by closing brackets that close nothing: each one is dropped from its end.
const URL_WITH_CLOSING_BRACKETS: Case = Case {
    name: "URL and 1 MB of )",
    bytes: MEGABYTE / GROWTH,
    make: |b| format!("See http://example.com/{}", repeat_to(")", b)),
};
/// One run of printable ASCII that could hold an indicator (it has a digit), made of short
/// names that each fail to be one.
const ONE_RUN_OF_NAMES: Case = Case {
    name: "one run of names",
    bytes: MEGABYTE / GROWTH,
    make: |b| repeat_to("a,b.c/d,", b) + "0",
};

const MEGABYTE: usize = 1_000_000;

/// Every case, for the memory check.
const CASES: [&Case; 18] = [
    &NEWS_TEXT,
    &ONE_LINE,
    &STRAIGHT_DOUBLE_QUOTES,
    &LEFT_DOUBLE_QUOTES,
    &RIGHT_DOUBLE_QUOTES,
    &STRAIGHT_SINGLE_QUOTES,
    &RIGHT_SINGLE_QUOTES,
    &MIXED_MARKS,
    &PRONOUN_QUOTES,
    &NESTED_QUOTES,
    &CAPITALISED_WORDS,
    &CONTROL_CHARACTERS,
    &CRLF_NEWS,
    &CR_NEWS,
    &INVISIBLE_MARKS,
    &RIGHT_TO_LEFT_TEXT,
    &URL_WITH_CLOSING_BRACKETS,
    &ONE_RUN_OF_NAMES,
];

fn nested_quotes(bytes: usize) -> String {
    let depth = bytes / 11;
    let mut text = String::with_capacity(bytes);
    for level in 0..depth {
        text.push_str(if level % 2 == 0 { "“" } else { "‘" });
        text.push_str("word ");
    }
    for level in (0..depth).rev() {
        text.push_str(if level % 2 == 0 { "”" } else { "’" });
    }
    text
}

fn capitalised_words(bytes: usize) -> String {
    const SYLLABLES: [&str; 12] = [
        "ka", "lor", "men", "dri", "vas", "tol", "ne", "ri", "bo", "sel", "qua", "min",
    ];
    let mut rng = Rng(7);
    let mut text = String::with_capacity(bytes + 16);
    while text.len() < bytes {
        let start = text.len();
        for _ in 0..2 + rng.below(2) {
            text.push_str(rng.pick(&SYLLABLES));
        }
        text[start..start + 1].make_ascii_uppercase();
        text.push(' ');
    }
    text
}

/// News sentences, each followed by a C0 control character, NUL and DEL.
fn control_characters(bytes: usize) -> String {
    let mut rng = Rng(11);
    let mut text = String::with_capacity(bytes + 256);
    while text.len() < bytes {
        text.push_str(&news_sentence(&mut rng));
        text.push(char::from(rng.below(32) as u8));
        text.push_str("\0\u{7f}");
    }
    text
}

/// Runs `case` through [`assert_linear`] on its own.
fn scales_linearly(case: &Case) {
    let _guard = exclusive();
    assert_linear(case);
}

#[test]
fn realistic_news_10_mb_scales() {
    scales_linearly(&NEWS_TEXT);
}

#[test]
fn one_line_10_mb_scales() {
    scales_linearly(&ONE_LINE);
}

#[test]
fn wall_of_straight_double_quotes_scales() {
    scales_linearly(&STRAIGHT_DOUBLE_QUOTES);
}

#[test]
fn wall_of_left_double_quotes_scales() {
    scales_linearly(&LEFT_DOUBLE_QUOTES);
}

#[test]
fn wall_of_right_double_quotes_scales() {
    scales_linearly(&RIGHT_DOUBLE_QUOTES);
}

#[test]
fn wall_of_straight_single_quotes_scales() {
    scales_linearly(&STRAIGHT_SINGLE_QUOTES);
}

#[test]
fn wall_of_right_single_quotes_scales() {
    scales_linearly(&RIGHT_SINGLE_QUOTES);
}

#[test]
fn wall_of_mixed_marks_scales() {
    scales_linearly(&MIXED_MARKS);
}

#[test]
fn quotes_with_cues_but_no_actor_scale() {
    scales_linearly(&PRONOUN_QUOTES);
}

#[test]
fn nested_quotations_10_000_deep_scale() {
    scales_linearly(&NESTED_QUOTES);
}

#[test]
fn capitalised_words_100_000_in_a_row_scale() {
    scales_linearly(&CAPITALISED_WORDS);
}

#[test]
fn control_characters_and_nul_scale() {
    scales_linearly(&CONTROL_CHARACTERS);
}

#[test]
fn crlf_line_ends_scale() {
    scales_linearly(&CRLF_NEWS);
}

#[test]
fn cr_line_ends_scale() {
    scales_linearly(&CR_NEWS);
}

#[test]
fn invisible_marks_scale() {
    scales_linearly(&INVISIBLE_MARKS);
}

#[test]
fn right_to_left_scales() {
    scales_linearly(&RIGHT_TO_LEFT_TEXT);
}

#[test]
fn url_with_a_wall_of_closing_brackets_scales() {
    scales_linearly(&URL_WITH_CLOSING_BRACKETS);
}

#[test]
fn one_run_of_names_scales() {
    scales_linearly(&ONE_RUN_OF_NAMES);
}

/// The cases whose heap peak is within budget: [`heap_stays_within_10x_input`] is ignored
/// until all are, and this keeps the ones that are from slipping back.
const WITHIN_BUDGET: [&Case; 13] = [
    &NEWS_TEXT,
    &ONE_LINE,
    &LEFT_DOUBLE_QUOTES,
    &RIGHT_DOUBLE_QUOTES,
    &RIGHT_SINGLE_QUOTES,
    &MIXED_MARKS,
    &NESTED_QUOTES,
    &CAPITALISED_WORDS,
    &CONTROL_CHARACTERS,
    &CRLF_NEWS,
    &CR_NEWS,
    &INVISIBLE_MARKS,
    &RIGHT_TO_LEFT_TEXT,
];

/// Prints the heap peak of each of `cases` at its larger size, then checks it against the
/// budget. The caller holds [`exclusive`].
fn assert_heap_within_budget(cases: &[&Case]) {
    let mut over = Vec::new();
    for case in cases {
        let text = (case.make)(GROWTH * case.bytes);
        let peak = peak_heap(&text);
        let ratio = peak as f64 / text.len() as f64;
        eprintln!(
            "{}: heap peak {peak} B for {} B = {ratio:.2}x input",
            case.name,
            text.len()
        );
        if peak > MAX_MEMORY_RATIO * text.len() + MEMORY_SLACK {
            over.push(format!("{} ({ratio:.1}x)", case.name));
        }
    }
    assert!(
        over.is_empty(),
        "over {MAX_MEMORY_RATIO}x the input: {}",
        over.join(", ")
    );
}

#[test]
fn heap_stays_within_10x_input_where_it_does() {
    let _guard = exclusive();
    assert_heap_within_budget(&WITHIN_BUDGET);
}

/// The heap peak of every case at its larger size.
#[test]
#[ignore = "5 of 18 cases are over 10x. A token per input byte (1 MB of \" or ', URL and 1 MB \
            of ), one run of names) costs 12 B for the token (text::Token) and 8 B for its hash \
            before any stage runs: 18-32x. Pronoun quotes: the result alone is 8.9x (160 B a \
            Quote and its four strings, for a quote every 20 B) beside the tokens, 15.9x."]
fn heap_stays_within_10x_input() {
    let _guard = exclusive();
    assert_heap_within_budget(&CASES);
}

/// A text whose quotations cross paragraphs and whose lines are soft-wrapped.
const LINE_ENDS_ARTICLE: &str = "\
Northwind Energy said on Monday that a ransomware attack had shut down billing
systems across Estonia.

“We are still assessing the damage,” Maria Lindqvist, the company's chief executive,
said. “But customer data was not affected.

“The systems will be restored by Friday,” she added.

Officials blamed Russian hackers known as APT29. Daniel Okafor, a NATO spokesman, said:
“This was a deliberate act.”
";

#[test]
fn crlf_and_cr_give_the_lf_result() {
    let _guard = exclusive();
    let lf = analyze(LINE_ENDS_ARTICLE);
    assert!(!lf.actors.is_empty(), "the article has actors");
    for line_end in ["\r\n", "\r"] {
        let text = LINE_ENDS_ARTICLE.replace('\n', line_end);
        let analysis = analyze(&text);
        check_invariants(&text, &analysis);
        assert_eq!(
            as_lf(&text, &analysis),
            lf,
            "line ends {line_end:?} changed the result"
        );
    }
}

/// `analysis` of `text` (with CR or CRLF line ends) as it reads in the text with LF line ends:
/// offsets moved back by the CRs removed before them, slices and names taken from the LF text.
fn as_lf<'a>(text: &str, analysis: &Analysis<'a>) -> Analysis<'a> {
    let lf_text = text.replace("\r\n", "\n").replace('\r', "\n");
    // removed[i]: the bytes dropped before byte i when CRLF becomes LF.
    let mut removed = Vec::with_capacity(text.len() + 1);
    let mut dropped = 0;
    for (i, byte) in text.bytes().enumerate() {
        removed.push(dropped);
        if byte == b'\r' && text.as_bytes().get(i + 1) == Some(&b'\n') {
            dropped += 1;
        }
    }
    removed.push(dropped);
    let at = |offset: usize| offset - removed[offset];
    let span = |s: &Span| Span {
        start: at(s.start),
        end: at(s.end),
        text: lf_text[at(s.start)..at(s.end)].to_owned().into(),
    };
    let lf_name = |name: &str| Cow::Owned(name.replace("\r\n", "\n").replace('\r', "\n"));
    let mut out = analysis.clone();
    for actor in &mut out.actors {
        actor.name = lf_name(&actor.name);
        actor.mentions = actor.mentions.iter().map(span).collect();
    }
    for quote in &mut out.quotes {
        let quoted = span(&Span {
            start: quote.start,
            end: quote.end,
            text: Cow::Borrowed(""),
        });
        (quote.start, quote.end, quote.text) = (quoted.start, quoted.end, quoted.text);
        quote.speaker_name = quote.speaker_name.as_deref().map(lf_name);
        quote.speaker_span = quote.speaker_span.as_ref().map(span);
        quote.cue = quote.cue.as_ref().map(span);
    }
    for term in &mut out.terms {
        let found = span(&Span {
            start: term.start,
            end: term.end,
            text: Cow::Borrowed(""),
        });
        (term.start, term.end, term.text) = (found.start, found.end, found.text);
    }
    out
}

/// Combining marks, zero-width characters and variation selectors: they belong to the char
/// before them, so no span may start on one or stop just before one.
fn continues_previous(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
}

fn spans(analysis: &Analysis) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = analysis
        .actors
        .iter()
        .flat_map(|a| &a.mentions)
        .map(|m| (m.start, m.end))
        .collect();
    for quote in &analysis.quotes {
        out.push((quote.start, quote.end));
        out.extend(
            quote
                .speaker_span
                .iter()
                .chain(&quote.cue)
                .map(|s| (s.start, s.end)),
        );
    }
    out.extend(analysis.terms.iter().map(|t| (t.start, t.end)));
    out
}

/// Names written with decomposed accents ("e" + U+0301) and zero-width joiners inside them.
const INVISIBLES: [(&str, &str); 4] = [
    ("é", "e\u{301}"),
    ("í", "i\u{301}"),
    ("č", "c\u{30C}"),
    ("Lindqvist", "Lind\u{200D}qvist"),
];

/// Names with accents, to be written with [`INVISIBLES`].
const PLAIN_NAMES: &str = "José Martínez, the interior minister, said on Monday that Maria Lindqvist \
                           had met Petr Novák and Zdeněk Kovač in Brussels. “We were warned,” Martínez said. ";

fn with_invisibles(text: &str) -> String {
    INVISIBLES
        .iter()
        .fold(text.to_owned(), |text, (plain, marked)| {
            text.replace(plain, marked)
        })
}

fn without_invisibles(text: &str) -> String {
    INVISIBLES
        .iter()
        .fold(text.to_owned(), |text, (plain, marked)| {
            text.replace(marked, plain)
        })
}

#[test]
fn combining_marks_and_joiners_stay_inside_names() {
    let _guard = exclusive();
    let marked = with_invisibles(PLAIN_NAMES);
    let analysis = analyze(&marked);
    check_invariants(&marked, &analysis);
    for (start, end) in spans(&analysis) {
        for (at, what) in [(start, "starts"), (end, "ends")] {
            let next = marked[at..].chars().next();
            assert!(
                !next.is_some_and(continues_previous),
                "a span {what} inside a character at {at}: {:?}",
                &marked[start..end]
            );
        }
    }
    let names = |a: &Analysis| {
        a.actors
            .iter()
            .map(|actor| without_invisibles(&actor.name))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&analysis),
        names(&analyze(PLAIN_NAMES)),
        "invisible marks changed the actors"
    );
}

/// Arabic and Hebrew news with English names and a quotation inside.
const RIGHT_TO_LEFT: &str =
    "قال Daniel Okafor، المتحدث باسم NATO، إن “الهجوم انتهى” بعد هجوم فدية على \
                             Microsoft. אמר הדובר של Reuters: «זה נגמר», said Maria Lindqvist.\n";

#[test]
fn right_to_left_text_with_english_names() {
    let _guard = exclusive();
    let analysis = analyze(RIGHT_TO_LEFT);
    check_invariants(RIGHT_TO_LEFT, &analysis);
    let names: Vec<&str> = analysis.actors.iter().map(|a| &*a.name).collect();
    for name in ["Daniel Okafor", "Microsoft", "Maria Lindqvist"] {
        assert!(names.contains(&name), "{name} not found among {names:?}");
    }
}

#[test]
fn right_to_left_quotation_is_found() {
    let _guard = exclusive();
    let analysis = analyze(RIGHT_TO_LEFT);
    assert!(
        analysis.quotes.iter().any(|q| q.text == "“الهجوم انتهى”"),
        "{:?}",
        analysis.quotes
    );
}
