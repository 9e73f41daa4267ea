//! Identifiers written in the text: CVE ids ("CVE-2021-44228") and MITRE ATT&CK ids
//! ("T1566.001", "TA0008", "G0016", "S0559").

use crate::text::{Document, Token};

/// An id found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Id {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The id in its standard form: upper case, ASCII hyphens.
    pub id: String,
    /// What sort of id it is.
    pub kind: IdKind,
    /// The token it starts in.
    pub token: usize,
}

/// The sorts of ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    /// A CVE id.
    Cve,
    /// An ATT&CK technique or tactic id (`T…`, `TA…`).
    Technique,
    /// An ATT&CK group or software id (`G…`, `S…`), meaningful only when the lexicon knows it.
    Entity,
}

/// Every CVE and ATT&CK id in `doc`, in order; `tokens` are the tokens where one may start
/// ([`may_start`]), in order.
pub fn find(doc: &Document, tokens: impl Iterator<Item = usize>) -> Vec<Id> {
    let mut found = Vec::new();
    for i in tokens {
        let token = &doc.tokens[i];
        let start = token.start as usize;
        let word = doc.token_text(i);
        if let Some((len, id)) = cve_at(&doc.text[start..]) {
            found.push(Id { start, end: start + len, id, kind: IdKind::Cve, token: i });
        } else if let Some(kind) = attack_id_kind(word) {
            found.push(Id { start, end: token.end as usize, id: word.to_string(), kind, token: i });
        }
    }
    found
}

/// Whether an id may start at the word `token` of the text `bytes`. Every id starts "CVE" in
/// some case, or "TA", or T, G or S and a digit: most words are ruled out by two bytes.
pub fn may_start(bytes: &[u8], token: &Token) -> bool {
    let start = token.start as usize;
    let first = bytes[start];
    if !may_start_with(first) {
        return false;
    }
    let head = (first, bytes.get(start + 1).copied().unwrap_or_default());
    matches!(head, (b'C' | b'c', b'V' | b'v') | (b'T', b'A') | (b'T' | b'G' | b'S', b'0'..=b'9'))
}

/// Whether an id may start with the byte `first`: [`may_start`] on one byte.
pub const fn may_start_with(first: u8) -> bool {
    matches!(first, b'C' | b'c' | b'T' | b'G' | b'S')
}

/// A CVE id at the start of `text` ("CVE-2021-44228", "cve–2014–0160"): its length in bytes
/// and its standard form.
fn cve_at(text: &str) -> Option<(usize, String)> {
    let head = text.get(..3)?;
    if !head.eq_ignore_ascii_case("cve") {
        return None;
    }
    let mut pos = 3;
    let mut id = String::from("CVE");
    for (min, max) in [(4, 4), (4, 7)] {
        let dash = text[pos..].chars().next().filter(|&c| matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}'))?;
        pos += dash.len_utf8();
        let digits = text[pos..].bytes().take_while(u8::is_ascii_digit).count();
        if digits < min || digits > max {
            return None;
        }
        id.push('-');
        id.push_str(&text[pos..pos + digits]);
        pos += digits;
    }
    let ends_word = !text[pos..].chars().next().is_some_and(char::is_alphanumeric);
    ends_word.then_some((pos, id))
}

/// The kind of ATT&CK id `word` is written as: `T1234`, `T1234.567`, `TA0012`, `G1234`, `S1234`.
fn attack_id_kind(word: &str) -> Option<IdKind> {
    let b = word.as_bytes();
    let four_digits = |s: &[u8]| s.len() == 4 && s.iter().all(u8::is_ascii_digit);
    match b {
        // Tactic ids are TA00nn; other TA numbers are vendors' actor ids ("TA2722").
        [b'T', b'A', b'0', b'0', rest @ ..] if rest.len() == 2 && rest.iter().all(u8::is_ascii_digit) => Some(IdKind::Technique),
        [b'T', rest @ ..] if four_digits(rest) => Some(IdKind::Technique),
        [b'T', rest @ ..] if rest.len() == 8 && four_digits(&rest[..4]) && rest[4] == b'.' && rest[5..].iter().all(u8::is_ascii_digit) => {
            Some(IdKind::Technique)
        }
        [b'G' | b'S', rest @ ..] if four_digits(rest) => Some(IdKind::Entity),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Grammar, TokenKind};

    fn ids(text: &str) -> Vec<(&str, String, IdKind)> {
        let grammar = Grammar::embedded();
        let doc = Document::parse(text, &grammar);
        let words = (0..doc.tokens.len()).filter(|&i| doc.tokens[i].kind == TokenKind::Word);
        let tokens = words.filter(|&i| may_start(text.as_bytes(), &doc.tokens[i]));
        find(&doc, tokens).into_iter().map(|id| (&text[id.start..id.end], id.id, id.kind)).collect()
    }

    macro_rules! t {
        ($name:ident, $text:expr, [$(($slice:expr, $id:expr, $kind:ident)),*]) => {
            #[test]
            fn $name() {
                assert_eq!(ids($text), vec![$(($slice, $id.to_string(), IdKind::$kind)),*]);
            }
        };
    }

    t!(cve, "They exploited CVE-2021-44228 in Log4j.", [("CVE-2021-44228", "CVE-2021-44228", Cve)]);
    t!(cve_lower_case, "Patch cve-2014-0160 now.", [("cve-2014-0160", "CVE-2014-0160", Cve)]);
    t!(cve_en_dash, "The flaw, CVE–2023–23397, was patched.", [("CVE–2023–23397", "CVE-2023-23397", Cve)]);
    t!(cve_sentence_end, "It was CVE-2017-0144.", [("CVE-2017-0144", "CVE-2017-0144", Cve)]);
    t!(cve_too_short, "Not CVE-2021-123 nor CVE-21-1234.", []);
    t!(technique, "Phishing (T1566) and T1566.001 were used.", [("T1566", "T1566", Technique), ("T1566.001", "T1566.001", Technique)]);
    t!(tactic, "Lateral movement is TA0008.", [("TA0008", "TA0008", Technique)]);
    t!(group_and_software, "G0016 used S0559.", [("G0016", "G0016", Entity), ("S0559", "S0559", Entity)]);
    t!(not_ids, "The T-1000, T10000, TA2722 and t1566 are not ATT&CK ids.", []);
}
