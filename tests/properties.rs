//! Properties that hold for any input: no panic, spans within bounds and on char boundaries,
//! `text` equal to the slice, sorted lists, valid speaker ids, deterministic output, JSON and
//! UTF-16 round trips.

use newsmark::utf16::{convert_offsets, utf16_to_byte};
use newsmark::{analyze, Analysis, Span};
use proptest::prelude::*;

fn check_span(text: &str, start: usize, end: usize, slice: &str) {
    assert!(start <= end && end <= text.len(), "span {start}..{end} out of bounds {}", text.len());
    assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "span {start}..{end} splits a char");
    assert_eq!(&text[start..end], slice);
}

fn check_spans(text: &str, span: &Span) {
    check_span(text, span.start, span.end, &span.text);
}

fn check_invariants(text: &str, analysis: &Analysis) {
    for (index, actor) in analysis.actors.iter().enumerate() {
        assert_eq!(actor.id, index);
        assert!(!actor.mentions.is_empty());
        assert!(actor.mentions.windows(2).all(|w| w[0].start <= w[1].start), "mentions sorted");
        actor.mentions.iter().for_each(|m| check_spans(text, m));
    }
    let firsts: Vec<usize> = analysis.actors.iter().map(|a| a.mentions[0].start).collect();
    assert!(firsts.windows(2).all(|w| w[0] <= w[1]), "actors sorted by first mention");
    assert!(analysis.quotes.windows(2).all(|w| w[0].start <= w[1].start), "quotes sorted");
    for quote in &analysis.quotes {
        check_span(text, quote.start, quote.end, &quote.text);
        if let Some(id) = quote.speaker {
            assert!(id < analysis.actors.len());
            assert_eq!(quote.speaker_name.as_deref(), Some(&*analysis.actors[id].name));
        }
        quote.speaker_span.iter().chain(quote.cue.iter()).for_each(|s| check_spans(text, s));
    }
    assert!(analysis.terms.windows(2).all(|w| w[0].end <= w[1].start), "terms sorted, not overlapping");
    for term in &analysis.terms {
        check_span(text, term.start, term.end, &term.text);
    }
}

/// News-like text: words, names, quotation marks of every kind, punctuation and line breaks.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("said".to_string()),
        Just("Microsoft".to_string()),
        Just("Dmitry Peskov".to_string()),
        Just("the U.S.".to_string()),
        Just("ransomware".to_string()),
        Just("hxxp://evil[.]com/x".to_string()),
        Just("185.220.101.45".to_string()),
        Just("CVE-2021-44228".to_string()),
        Just("he".to_string()),
        "[A-Z][a-z]{1,8}",
        "[a-z]{1,8}",
        "[\"'“”‘’«»„]",
        "[.,:;!?—-]",
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        "\\PC",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_unicode_keeps_invariants(text in "\\PC{0,300}") {
        check_invariants(&text, &analyze(&text));
    }

    #[test]
    fn any_chars_keep_invariants(text in any::<String>()) {
        check_invariants(&text, &analyze(&text));
    }

    #[test]
    fn newsy_text_keeps_invariants(text in newsy()) {
        let analysis = analyze(&text);
        check_invariants(&text, &analysis);
        prop_assert_eq!(&analysis, &analyze(&text), "same text, same result");
        let json = serde_json::to_string(&analysis).unwrap();
        prop_assert_eq!(&serde_json::from_str::<Analysis>(&json).unwrap(), &analysis);
    }

    #[test]
    fn utf16_offsets_map_back(text in newsy()) {
        let bytes = analyze(&text);
        let mut units = bytes.clone();
        convert_offsets(&text, &mut units);
        for (b, u) in bytes.terms.iter().zip(&units.terms) {
            prop_assert_eq!(utf16_to_byte(&text, u.start), Some(b.start));
            prop_assert_eq!(utf16_to_byte(&text, u.end), Some(b.end));
        }
        for (b, u) in bytes.quotes.iter().zip(&units.quotes) {
            prop_assert_eq!(utf16_to_byte(&text, u.start), Some(b.start));
            prop_assert_eq!(utf16_to_byte(&text, u.end), Some(b.end));
        }
        for (b, u) in bytes.actors.iter().flat_map(|a| &a.mentions).zip(units.actors.iter().flat_map(|a| &a.mentions)) {
            prop_assert_eq!(utf16_to_byte(&text, u.start), Some(b.start));
            prop_assert_eq!(utf16_to_byte(&text, u.end), Some(b.end));
        }
    }
}
