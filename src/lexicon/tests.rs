//! Checks of the generated tables through the public lookup API: the names a news reader
//! expects resolve to the right entry, with the right flags.

use std::sync::OnceLock;

use super::{Lexicon, COMMON_WORD, DEMONYM, EXACT_CASE};
use crate::lexicon::{Class, Gender, PlaceKind};
use crate::text::{Document, Grammar};

fn fixtures() -> &'static (Grammar, Lexicon) {
    static FIXTURES: OnceLock<(Grammar, Lexicon)> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let grammar = Grammar::embedded();
        let lexicon = Lexicon::embedded(&grammar.abbreviations);
        (grammar, lexicon)
    })
}

/// (matched text, canonical name, reference, flags) of every entry found in `text`.
fn found(text: &str) -> Vec<(String, &'static str, Option<&'static str>, u8)> {
    let (grammar, lexicon) = fixtures();
    let doc = Document::parse(text, grammar);
    lexicon
        .find(&doc, |_| true)
        .into_iter()
        .map(|m| {
            let entry = &lexicon.entries[m.entry as usize];
            let first = doc.tokens[m.tokens.start].range().start;
            let last = doc.tokens[m.tokens.end - 1].range().end;
            (doc.text[first..last].to_string(), entry.name, entry.reference, m.flags)
        })
        .collect()
}

/// The entry that `surface` resolves to in `text`: (canonical name, reference, flags).
fn resolve(text: &str, surface: &str) -> Option<(&'static str, Option<&'static str>, u8)> {
    found(text).into_iter().find(|(seen, ..)| seen == surface).map(|(_, name, reference, flags)| (name, reference, flags))
}

#[test]
fn names_resolve_to_their_entry() {
    #[rustfmt::skip]
    let cases: &[(&str, &str, &str, Option<&str>)] = &[
        ("Officials blamed Cozy Bear for the intrusion.", "Cozy Bear", "APT29", Some("G0016")),
        ("Microsoft said NOBELIUM was behind it.", "NOBELIUM", "APT29", Some("G0016")),
        ("Analysts tied Midnight Blizzard to the breach.", "Midnight Blizzard", "APT29", Some("G0016")),
        ("The Solorigate backdoor hid in updates.", "Solorigate", "SUNBURST", Some("S0559")),
        ("Sanctions by the U.S. followed.", "U.S.", "United States", Some("US")),
        ("America responded within days.", "America", "United States", Some("US")),
        ("The UK and its allies agreed.", "UK", "United Kingdom", Some("GB")),
        ("Hackers used OS Credential Dumping.", "OS Credential Dumping", "OS Credential Dumping", Some("T1003")),
    ];
    for &(text, surface, name, reference) in cases {
        let (got_name, got_reference, _) = resolve(text, surface).unwrap_or_else(|| panic!("{surface:?} not found in {text:?}"));
        assert_eq!((got_name, got_reference), (name, reference), "{text}");
    }
}

#[test]
fn demonyms_are_flagged() {
    let (name, _, flags) = resolve("Russian officials denied it.", "Russian").expect("Russian");
    assert_eq!(name, "Russia");
    assert_ne!(flags & DEMONYM, 0);
}

#[test]
fn capitals_link_to_their_country() {
    let (_, lexicon) = fixtures();
    let moscow = &lexicon.entries[lexicon.entry_named("Moscow").expect("Moscow") as usize];
    assert_eq!(moscow.class, Class::Place(PlaceKind::Capital));
    assert_eq!(moscow.link, Some("Russia"));
}

#[test]
fn common_words_need_their_case() {
    assert_eq!(resolve("Bees returned to the hive at dusk.", "hive"), None);
    let (name, _, flags) = resolve("The Hive gang leaked the files.", "Hive").expect("Hive");
    assert_eq!(name, "Hive");
    assert_ne!(flags & COMMON_WORD, 0);
}

#[test]
fn person_names_and_domains() {
    let (_, lexicon) = fixtures();
    assert_eq!(lexicon.given_name("Maria"), Some(Gender::Female));
    assert_eq!(lexicon.given_name("John"), Some(Gender::Male));
    assert_eq!(lexicon.given_name("MARIA"), Some(Gender::Female));
    assert!(lexicon.is_tld("com"));
    assert!(!lexicon.is_tld("exe"));
}

#[test]
fn news_forms_and_program_files_resolve() {
    #[rustfmt::skip]
    let cases: &[(&str, &str, &str, Option<&str>)] = &[
        ("Talks in Washington resumed.", "Washington", "Washington", None),
        ("Talks in Washington D.C. resumed.", "Washington D.C.", "Washington", None),
        ("Shelling hit Kiev overnight.", "Kiev", "Kyiv", None),
        ("The delegation flew to Bogota.", "Bogota", "Bogotá", None),
        ("The intruders ran reg.exe twice.", "reg.exe", "reg.exe", Some("S0075")),
        ("The intruders ran AdFind first.", "AdFind", "AdFind", Some("S0552")),
        ("Testers used Metasploit.", "Metasploit", "Metasploit", None),
    ];
    for &(text, surface, name, reference) in cases {
        let (got_name, got_reference, _) = resolve(text, surface).unwrap_or_else(|| panic!("{surface:?} not found in {text:?}"));
        assert_eq!((got_name, got_reference), (name, reference), "{text}");
    }
}

#[test]
fn distinctive_phrases_are_exact_case_not_common() {
    for (text, surface) in [("Cobalt Strike was found.", "Cobalt Strike"), ("Midnight Blizzard struck.", "Midnight Blizzard"), ("STRONTIUM struck.", "STRONTIUM")] {
        let (_, _, flags) = resolve(text, surface).unwrap_or_else(|| panic!("{surface:?}"));
        assert_eq!(flags & (EXACT_CASE | COMMON_WORD), EXACT_CASE, "{surface}");
    }
    assert_eq!(resolve("cobalt strike was found.", "cobalt strike"), None);
}

#[test]
fn calendar_words_and_bare_utilities_are_not_names() {
    assert_eq!(resolve("In August the files leaked.", "August"), None);
    assert_eq!(resolve("Check the route first.", "route"), None);
    let (_, lexicon) = fixtures();
    assert!(lexicon.entry_named("Reg").is_none());
}

#[test]
fn best_known_sites_are_organisations_written_as_their_brands() {
    let (_, lexicon) = fixtures();
    for text in ["Posts on TikTok spread.", "Posts on Tiktok spread.", "POSTS ON TIKTOK SPREAD."] {
        let surface = text.split(' ').nth(2).unwrap();
        assert_eq!(resolve(text, surface).map(|(name, ..)| name), Some("TikTok"), "{text}");
    }
    assert_eq!(resolve("Posts on tiktok spread.", "tiktok"), None);
    let google = &lexicon.entries[lexicon.entry_named("Google").expect("Google") as usize];
    assert_eq!(google.class, Class::Organization);
    // An ordinary word as well: exact case, and the tagger must call it a name.
    let (_, _, flags) = resolve("Google said so.", "Google").unwrap();
    assert_ne!(flags & COMMON_WORD, 0);
    // A city's site (boston.com) does not make the city an organisation.
    assert!(!found("Talks in Boston resumed.").iter().any(|(seen, ..)| seen == "Boston"));
}
