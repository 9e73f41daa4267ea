//! Table tests of the whole layer: one line per case, each listing every term expected in the
//! text as `category "slice" => "name"`.

use std::sync::OnceLock;

use super::*;
use crate::lexicon::Lexicon;
use crate::text::Grammar;

struct Setup {
    grammar: Grammar,
    lexicon: Lexicon,
    tables: CyberTables,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let grammar = Grammar::embedded();
        let lexicon = Lexicon::embedded(&grammar.abbreviations);
        let tables = CyberTables::new(&lexicon, &grammar.abbreviations);
        Setup { grammar, lexicon, tables }
    })
}

fn terms(text: &str) -> Vec<Term<'_>> {
    let s = setup();
    let doc = Document::parse(text, &s.grammar);
    let names = s.lexicon.find(&doc, reads_entry);
    find(&doc, &s.lexicon, &s.tables, names)
}

fn summary(text: &str) -> Vec<String> {
    terms(text).iter().map(|t| format!("{} {:?} => {:?}", t.category.as_str(), t.text, t.name)).collect()
}

macro_rules! t {
    ($name:ident, $text:expr, [$($category:literal $slice:literal => $canonical:literal),*]) => {
        #[test]
        fn $name() {
            let expected: Vec<String> = vec![$(format!("{} {:?} => {:?}", $category, $slice, $canonical)),*];
            assert_eq!(summary($text), expected);
        }
    };
}

// Indicators inside news prose.
t!(indicator_ip, "The hackers used 185.220.101.4 as a relay.", ["threat-actor" "hackers" => "hackers", "indicator" "185.220.101.4" => "185.220.101.4"]);
t!(indicator_defanged_url, "Victims were sent to hxxps://login-example[.]com/verify.", ["indicator" "hxxps://login-example[.]com/verify" => "https://login-example.com/verify"]);
t!(indicator_url_before_quote, "“Visit http://example.org/”, the post said.", ["indicator" "http://example.org/" => "http://example.org/"]);
t!(indicator_hash, "The sample's SHA-256 was e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.", ["indicator" "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" => "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"]);
t!(indicator_traps, "Version 2.4.1.7 costs 3.5 dollars at 12:30, said I.B.M.", []);

// Ids.
t!(cve, "Hackers exploited CVE-2021-44228 within hours.", ["threat-actor" "Hackers" => "hackers", "vulnerability" "CVE-2021-44228" => "CVE-2021-44228"]);
t!(known_group_id, "MITRE tracks the group as G0016.", ["threat-actor" "G0016" => "APT29"]);
t!(unknown_software_id, "The form S9999 was filed late.", []);
t!(technique_id_known, "Then came T1059.001.", ["technique" "T1059.001" => "Command and Scripting Interpreter: PowerShell"]);
t!(technique_id_with_context, "The malware used T1999 to run scripts.", ["malware" "malware" => "malware", "technique" "T1999" => "T1999"]);
t!(technique_id_without_context, "The T1000 robot returns in the film, model T1234 too.", []);
t!(tactic_id_from_vocabulary, "Then came TA0008.", ["technique" "TA0008" => "lateral movement"]);

// Lexicon names and common-word aliases.
t!(lexicon_alias, "Cozy Bear breached the agency.", ["threat-actor" "Cozy Bear" => "APT29"]);
t!(lexicon_malware, "SUNBURST spread through updates.", ["malware" "SUNBURST" => "SUNBURST"]);
t!(common_word_with_context, "The Dukes group stole e-mails.", ["threat-actor" "The Dukes" => "APT29"]);
t!(common_word_context_next_sentence, "The Dukes struck again. The gang stole e-mails.", ["threat-actor" "The Dukes" => "APT29"]);
t!(common_word_without_context, "The Dukes played at the festival.", []);

// Generic vocabulary.
t!(attack_forms, "A cyber-attack, a cyber attack and cyberattacks.", ["attack" "cyber-attack" => "cyberattack", "attack" "cyber attack" => "cyberattack", "attack" "cyberattacks" => "cyberattack"]);
t!(ransomware_attack, "The ransomware attack hit the hospital.", ["attack" "ransomware attack" => "ransomware attack"]);
t!(malware_words, "The backdoor and the keylogger came with spyware.", ["malware" "backdoor" => "backdoor", "malware" "keylogger" => "keylogger", "malware" "spyware" => "spyware"]);
t!(technique_with_id, "They used password spraying and lateral movement.", ["technique" "password spraying" => "Password Spraying", "technique" "lateral movement" => "lateral movement"]);
t!(zero_day, "A zero-day vulnerability was found.", ["vulnerability" "zero-day vulnerability" => "zero-day"]);
t!(influence, "A troll farm spread disinformation before the vote.", ["influence" "troll farm" => "troll farm", "influence" "disinformation" => "disinformation"]);
t!(common_vocabulary_without_context, "The breach of contract hurt the loader maker.", []);
t!(idiom_without_context, "The bill is a Trojan horse for tax cuts.", []);
t!(idiom_with_context, "The hackers hid a Trojan horse in the update.", ["threat-actor" "hackers" => "hackers", "malware" "Trojan horse" => "trojan"]);
t!(common_vocabulary_with_context, "The breach exposed data, and the malware spread.", ["attack" "breach" => "data breach", "malware" "malware" => "malware"]);
t!(ddos_case_insensitive, "A DDoS hit the bank, then a ddos attack.", ["attack" "DDoS" => "DDoS attack", "attack" "ddos attack" => "DDoS attack"]);

// Names inside longer words and in other cases.
t!(program_file, "They ran psexec.exe on the server.", ["malware" "psexec.exe" => "PsExec"]);
t!(system_utility_only_as_program_file, "They ran route.exe, then route print showed the route.", ["malware" "route.exe" => "route.exe"]);
t!(rat_glued_to_family, "NetwireRAT stole passwords.", ["malware" "NetwireRAT" => "NETWIRE"]);
t!(name_before_relation_word, "Turla-linked hackers struck.", ["threat-actor" "Turla" => "Turla", "threat-actor" "hackers" => "hackers"]);
t!(product_name_in_other_case, "They ran bloodHound and psexec.", ["malware" "bloodHound" => "BloodHound", "malware" "psexec" => "PsExec"]);
t!(product_name_lower_case_needs_context, "The bloodhound found the trail.", []);

// Names by shape.
t!(family_before_malware_word, "The MirrorBlast loader and the Qwertyx ransomware spread.", ["malware" "MirrorBlast" => "MirrorBlast", "malware" "loader" => "loader", "malware" "Qwertyx" => "Qwertyx", "malware" "ransomware" => "ransomware"]);
t!(platform_before_malware_word, "New Android malware spread.", ["malware" "malware" => "malware"]);
t!(name_before_common_malware_word_needs_context, "Cases of the Zika virus rose in Brazil.", []);
t!(name_before_common_malware_word_not_after_cues, "The Zika virus strain spread, and infections rose.", ["malware" "virus" => "computer virus"]);
t!(name_before_common_malware_word_with_context, "Hackers spread the Qwertyx virus.", ["threat-actor" "Hackers" => "hackers", "malware" "Qwertyx" => "Qwertyx", "malware" "virus" => "computer virus"]);
t!(name_before_tool_word, "They used the VeilX framework and the QwPack packer.", ["malware" "VeilX" => "VeilX", "malware" "QwPack" => "QwPack"]);
t!(plain_word_before_tool_word, "The European framework for testing was adopted.", []);
t!(actor_tracking_ids, "Researchers linked TA2722 and UNC9999 to Storm-1234.", ["threat-actor" "TA2722" => "TA2722", "threat-actor" "UNC9999" => "UNC9999", "threat-actor" "Storm-1234" => "Storm-1234"]);
t!(tactic_id_is_not_actor_id, "Then came TA0099.", []);
t!(actor_id_written_apart, "Mandiant blamed APT 41 and FIN 11.", ["threat-actor" "APT 41" => "APT 41", "threat-actor" "FIN 11" => "FIN 11"]);
t!(vendor_actor_name, "The hackers behind it were Gossamer Typhoon.", ["threat-actor" "hackers" => "hackers", "threat-actor" "Gossamer Typhoon" => "Gossamer Typhoon"]);
t!(vendor_actor_name_needs_context, "Gossamer Typhoon hit the coast.", []);
t!(vendor_actor_name_not_after_place, "Chinese Panda cubs and Russian Bear cubs played while hackers watched.", ["threat-actor" "hackers" => "hackers"]);
t!(vendor_actor_name_not_after_function_word, "The Bear group went quiet.", []);

// One sense per discourse: a name accepted once counts wherever the text repeats it.
t!(shaped_name_repeated, "The Qwertyx ransomware spread. Qwertyx then wiped disks.", ["malware" "Qwertyx" => "Qwertyx", "malware" "ransomware" => "ransomware", "malware" "Qwertyx" => "Qwertyx"]);
t!(product_shaped_repeat_any_case, "The QwertyBlast loader ran. QWERTYBLAST then beaconed.", ["malware" "QwertyBlast" => "QwertyBlast", "malware" "loader" => "loader", "malware" "QWERTYBLAST" => "QwertyBlast"]);
t!(lexicon_name_repeat_any_case, "Mimikatz dumped passwords. Later mimikatz ran again.", ["malware" "Mimikatz" => "Mimikatz", "malware" "mimikatz" => "Mimikatz"]);
t!(repeat_not_inside_path, "The QwertyBlast loader sat in C:\\tools\\QwertyBlast\\x.", ["malware" "QwertyBlast" => "QwertyBlast", "malware" "loader" => "loader"]);
t!(common_word_name_needs_neighbour, "Hive said little, and the hackers stole data.", ["threat-actor" "hackers" => "hackers"]);
t!(common_word_name_repeated_after_neighbour, "The Hive ransomware spread. Hive then leaked files.", ["malware" "Hive" => "Hive", "malware" "ransomware" => "ransomware", "malware" "Hive" => "Hive"]);

// Generated-table fixes: exact-case capitals names, no month names, no demonym aliases.
t!(capitals_name_without_context, "STRONTIUM targeted the ministry.", ["threat-actor" "STRONTIUM" => "APT28"]);
t!(multi_word_english_name_without_context, "Cobalt Strike was found on the server.", ["malware" "Cobalt Strike" => "Cobalt Strike"]);
t!(month_is_not_a_family, "In August the malware spread.", ["malware" "malware" => "malware"]);
t!(proper_noun_name_without_context, "Nevada voters and Milan fans cheered as James spoke.", []);
t!(proper_noun_name_with_context, "The Nevada ransomware encrypted the files.", ["malware" "Nevada" => "Nevada", "malware" "ransomware" => "ransomware"]);

// Threat-actor descriptors and the demonym rule.
t!(demonym_hackers, "Russian hackers targeted the grid.", ["threat-actor" "Russian hackers" => "Russian hackers"]);
t!(demonym_longest, "Russian state-sponsored hackers were blamed.", ["threat-actor" "Russian state-sponsored hackers" => "Russian nation-state hackers"]);
t!(demonym_alone, "Russian officials denied it.", []);
t!(ransomware_gang, "The ransomware gang demanded $5 million.", ["threat-actor" "ransomware gang" => "ransomware gang"]);

#[test]
fn spans_are_exact_slices_in_order() {
    let text = "Cozy Bear, a Russian hacking group, used hxxp://x[.]ru and CVE–2020–0688 — a zero-day.";
    let found = terms(text);
    assert!(found.len() >= 4);
    for pair in found.windows(2) {
        assert!(pair[0].end <= pair[1].start);
    }
    for term in &found {
        assert_eq!(term.text, &text[term.start..term.end]);
    }
}

#[test]
fn hostile_inputs_stay_linear_and_safe() {
    for unit in ["a.", "1.", "a:", "1:", "[.]", "a@", "hxxp://", "é.", "::", "CVE-"] {
        let text = unit.repeat(200_000);
        let started = std::time::Instant::now();
        let found = terms(&text);
        for term in &found {
            assert_eq!(term.text, &text[term.start..term.end]);
        }
        assert!(started.elapsed().as_secs() < 5, "slow on {unit:?}");
    }
}
