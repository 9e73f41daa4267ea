//! Indicators of compromise: IPv4 and IPv6 addresses, domains, URLs, e-mail addresses and
//! MD5/SHA-1/SHA-256 hashes, plain or defanged.
//!
//! A hand-written linear scanner, not a regular expression: the text is cut into runs of
//! printable ASCII (whitespace and any other character end a run, so a closing ” never joins
//! a URL). Only a run with a digit, an `@` or a bracket, or a dot or colon before a letter or
//! digit can hold an indicator; the scan jumps from one such byte to the next, and the runs
//! around them that may hold one (most are plain numbers, which cannot) are refanged
//! ([`super::refang`]) and parsed left to right. At each place where an indicator may start,
//! the longest reading wins (URL, then e-mail, then address, hash or domain) and parsing
//! resumes after it; a failed reading resumes after the dotted name it read, since no suffix of
//! a name that failed can succeed. Every byte is therefore looked at a bounded number of times.
//!
//! Choices that keep news prose out:
//! - A domain needs a known top-level domain that is not written in title case ("said.The").
//! - A two-label name whose top-level domain is usually a file extension ("notes.md") is a
//!   file name, unless a path follows.
//! - A dotted quad right after a version word ("version 1.2.3.4") is a version number.
//! - Trailing sentence punctuation and unbalanced closing brackets are not part of a URL.

use super::refang::Refanged;
use super::vocabulary::Vocabulary;
use crate::lexicon::Lexicon;

/// An indicator found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indicator {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The refanged, normalised value: lower-case hosts and hashes.
    pub name: String,
}

/// What the scanner needs to know about words.
pub struct Rules<'a> {
    /// Knows the top-level domains.
    pub lexicon: &'a Lexicon,
    /// Knows the version words and file-extension domains.
    pub vocabulary: &'a Vocabulary,
}

/// Every indicator in `text`, in order, none overlapping.
pub fn find(text: &str, rules: &Rules) -> Vec<Indicator> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut refanged = Refanged::default();
    // Where the search for triggers goes on, and the end of the last run read: every run
    // starts after it. Each byte is read at most three times: by the search, going back to its
    // run's start, and going on to its end.
    let (mut from, mut floor) = (0, 0);
    while let Some(trigger) = next_trigger(bytes, from) {
        // "said. The": a dot or colon counts only before a letter or digit.
        if matches!(bytes[trigger], b'.' | b':') && !bytes.get(trigger + 1).is_some_and(u8::is_ascii_alphanumeric) {
            from = trigger + 1;
            continue;
        }
        let start = trigger - bytes[floor..trigger].iter().rev().take_while(|&&b| is_run_byte(b)).count();
        let end = trigger + bytes[trigger..].iter().take_while(|&&b| is_run_byte(b)).count();
        (from, floor) = (end, end);
        let run = &bytes[start..end];
        if !may_hold_indicator(run) {
            continue;
        }
        // A run that starts right after a non-ASCII letter continues a word ("é" + "vil.com").
        let run_at_boundary = !text[..start].chars().next_back().is_some_and(char::is_alphanumeric);
        refanged.refang(run, start);
        Parser { text, rules, run: &refanged, run_at_boundary, found: &mut found }.parse();
    }
    found
}

/// The first byte at or after `from` that may show an indicator: a digit, one of `@[(`, or a
/// dot or colon (which count only before a letter or digit). The scan reads every byte of the
/// text, so it tests a block of [`BLOCK`] bytes at a time ([`first_trigger`]).
fn next_trigger(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut blocks = rest.chunks_exact(BLOCK);
    for (n, block) in (&mut blocks).enumerate() {
        if let Some(p) = block.try_into().ok().and_then(first_trigger) {
            return Some(from + n * BLOCK + p);
        }
    }
    let tail = rest.len() - blocks.remainder().len();
    blocks.remainder().iter().position(|&b| is_trigger(b)).map(|p| from + tail + p)
}

/// The bytes [`next_trigger`] tests at once: two SSE2 or wasm SIMD128 vectors.
const BLOCK: usize = 32;

/// The offset of the first trigger in `block`. Each byte is flagged on its own, without a
/// branch, which the compiler does with vector compares; the flags are then read back sixteen
/// at a time.
fn first_trigger(block: &[u8; BLOCK]) -> Option<usize> {
    let flags = block.map(|b| u8::from(is_trigger(b)));
    let half = |k: usize| u128::from_le_bytes(flags[16 * k..16 * k + 16].try_into().unwrap_or_default());
    let (low, high) = (half(0), half(1));
    let first = |flags: u128| flags.trailing_zeros() as usize / 8;
    match (low, high) {
        (0, 0) => None,
        (0, _) => Some(16 + first(high)),
        _ => Some(first(low)),
    }
}

/// Whether the run `run` may hold an indicator: every reading needs a byte of `@:` (an e-mail
/// address, a scheme, an IPv6 address), a dot before a label byte (a domain, an IPv4 address)
/// or 32 bytes (a hash), and refanging, which needs a bracket of `[({`, may make the first
/// two. Most runs with a trigger are numbers ("2016,", "$5") and fail this at once.
fn may_hold_indicator(run: &[u8]) -> bool {
    let dot_before_label = |pair: &[u8]| pair[0] == b'.' && is_label_byte(pair[1]);
    run.len() >= 32 || run.iter().any(|b| matches!(b, b'@' | b':' | b'[' | b'(' | b'{')) || run.windows(2).any(dot_before_label)
}

/// The bytes that [`next_trigger`] looks for: `0..=:` (the digits and the colon), `@`, `[`,
/// `(` and `.`. Written with `|` rather than `matches!`, whose jumps would keep the compiler
/// from testing a block of bytes at once.
fn is_trigger(b: u8) -> bool {
    (b.wrapping_sub(b'0') <= b':' - b'0') | (b == b'@') | (b == b'[') | (b == b'(') | (b == b'.')
}

/// Printable ASCII: the bytes an indicator can be made of.
fn is_run_byte(b: u8) -> bool {
    (0x21..=0x7e).contains(&b)
}

/// Letters, digits, `-` and `_`: the bytes of a domain label.
fn is_label_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Bytes allowed in the local part of an e-mail address besides label bytes and dots.
fn is_local_byte(b: u8) -> bool {
    is_label_byte(b) || matches!(b, b'.' | b'+' | b'%')
}

/// Bytes allowed in a URL after its host.
fn is_url_byte(b: u8) -> bool {
    is_run_byte(b) && !matches!(b, b'<' | b'>' | b'"' | b'`' | b'{' | b'}' | b'|' | b'\\' | b'^')
}

/// Parses one refanged run.
struct Parser<'a> {
    text: &'a str,
    rules: &'a Rules<'a>,
    run: &'a Refanged,
    run_at_boundary: bool,
    found: &'a mut Vec<Indicator>,
}

impl Parser<'_> {
    fn parse(&mut self) {
        let b = &self.run.bytes;
        let mut k = 0;
        while k < b.len() {
            let boundary = match k {
                0 => self.run_at_boundary,
                // ".evil[.]com", "*.workers[.]dev": a name after a leading or wildcard dot.
                _ if b[k - 1] == b'.' => k == 1 || !is_local_byte(b[k - 2]),
                _ => !is_local_byte(b[k - 1]) && b[k - 1] != b'@',
            };
            let starts = b[k].is_ascii_alphanumeric() || (b[k] == b':' && b.get(k + 1) == Some(&b':'));
            if !boundary || !starts {
                k += 1;
                continue;
            }
            k = self.parse_at(k).max(k + 1);
        }
    }

    /// Reads the longest indicator starting at refanged byte `k`; returns where to resume.
    fn parse_at(&mut self, k: usize) -> usize {
        if let Some(end) = self.url_with_scheme(k) {
            return self.push(k, end, Case::Keep);
        }
        let b = &self.run.bytes;
        let local_end = k + b[k..].iter().take_while(|&&c| is_local_byte(c)).count();
        if b.get(local_end) == Some(&b'@') && b[k] != b'.' {
            let domain_end = host_end(b, local_end + 1);
            if self.is_domain(local_end + 1, domain_end, true) && self.ends_cleanly(domain_end) {
                return self.push(k, domain_end, Case::Lower);
            }
            return local_end + 1;
        }
        match ipv6(b, k) {
            Ipv6::Address(end) => return self.push(k, end, Case::Lower),
            // Resuming after the whole colon run keeps "1:2:3:…" linear.
            Ipv6::NotAnAddress(end) => return end,
            Ipv6::NoColons => {}
        }
        let end = host_end(b, k);
        let labels = || b[k..end].split(|&c| c == b'.');
        if is_ipv4(labels()) {
            if self.after_version_word(k) {
                return end;
            }
            return self.push(k, end, Case::Keep);
        }
        if labels().count() == 1 && matches!(end - k, 32 | 40 | 64) && b[k..end].iter().all(u8::is_ascii_hexdigit) {
            return self.push(k, end, Case::Lower);
        }
        let has_path = b.get(end) == Some(&b'/');
        if self.is_domain(k, end, has_path) {
            if has_path {
                return self.push_url(k, end);
            }
            return self.push(k, end, Case::Lower);
        }
        end
    }

    /// A URL with a scheme starting at `k`: where it ends.
    fn url_with_scheme(&self, k: usize) -> Option<usize> {
        let b = &self.run.bytes;
        let rest = &b[k..];
        let scheme = [&b"https://"[..], b"http://", b"ftp://"]
            .into_iter()
            .find(|s| rest.len() > s.len() && rest[..s.len()].eq_ignore_ascii_case(s))?;
        let host = k + scheme.len();
        if !b[host].is_ascii_alphanumeric() && b[host] != b'[' {
            return None;
        }
        Some(url_end(b, host))
    }

    fn push_url(&mut self, k: usize, host_end: usize) -> usize {
        let end = url_end(&self.run.bytes, host_end);
        self.push(k, end, Case::Keep)
    }

    /// Records refanged bytes `k..end` as an indicator; returns `end`.
    fn push(&mut self, k: usize, end: usize, case: Case) -> usize {
        let bytes = &self.run.bytes[k..end];
        let mut name = String::from_utf8_lossy(bytes).into_owned();
        if case == Case::Lower {
            name.make_ascii_lowercase();
        }
        self.found.push(Indicator { start: self.run.start_of(k), end: self.run.start_of(end), name });
        end
    }

    /// Whether the byte after a name lets it end there: the run ends, or punctuation that is
    /// not part of a longer name follows.
    fn ends_cleanly(&self, end: usize) -> bool {
        match self.run.bytes.get(end) {
            None => true,
            Some(&c) => !is_label_byte(c) && c != b'@',
        }
    }

    /// Whether refanged bytes `k..end` are a domain name. `in_address` relaxes the
    /// file-extension rule for names inside an e-mail address or followed by a path.
    fn is_domain(&self, k: usize, end: usize, in_address: bool) -> bool {
        let name = &self.run.bytes[k..end];
        let mut labels = name.split(|&c| c == b'.');
        let count = name.split(|&c| c == b'.').count();
        if count < 2 || end - k > 253 {
            return false;
        }
        if !labels.all(|l| !l.is_empty() && l.len() <= 63 && l[0] != b'-' && l[l.len() - 1] != b'-') {
            return false;
        }
        let tld = name.rsplit(|&c| c == b'.').next().unwrap_or_default();
        if tld.len() < 2 || !tld.iter().all(u8::is_ascii_alphabetic) {
            return false;
        }
        // A defanged dot ("evil[.]Net", "k6239847[.]lib") says the writer means an indicator,
        // whatever the suffix.
        if self.has_defanged_dot(k, end) {
            return true;
        }
        if is_title_case(tld) {
            return false;
        }
        // "ASP.NET", "Eazfuscator.NET": a capitalised suffix on a name that is not all capitals.
        if tld.iter().all(u8::is_ascii_uppercase) && name.iter().any(u8::is_ascii_lowercase) {
            return false;
        }
        let mut lower = [0u8; 64];
        let lower = &mut lower[..tld.len()];
        lower.copy_from_slice(tld);
        lower.make_ascii_lowercase();
        let Ok(lower) = std::str::from_utf8(lower) else { return false };
        if !self.rules.lexicon.is_tld(lower) {
            return false;
        }
        in_address || count > 2 || !self.rules.vocabulary.file_extensions.contains(lower)
    }

    /// Whether a dot among refanged bytes `k..end` stands for a bracketed stand-in in the text.
    fn has_defanged_dot(&self, k: usize, end: usize) -> bool {
        let text = self.text.as_bytes();
        (k..end).any(|p| self.run.bytes[p] == b'.' && text.get(self.run.start_of(p)) != Some(&b'.'))
    }

    /// Whether the word before refanged byte `k` (in the original text) is a version word.
    fn after_version_word(&self, k: usize) -> bool {
        let start = self.run.start_of(k);
        // A version word sits within a few bytes; looking further back would cost time.
        let mut window = start.saturating_sub(24);
        while !self.text.is_char_boundary(window) {
            window += 1;
        }
        let before = self.text[window..start].trim_end_matches(|c: char| c.is_whitespace() || c == '.');
        let word_start = before.trim_end_matches(|c: char| c.is_ascii_alphabetic()).len();
        let word = &before[word_start..];
        !word.is_empty() && word.len() <= 16 && self.rules.vocabulary.version_words.contains(word.to_ascii_lowercase().as_str())
    }
}

/// How to normalise an indicator's name.
#[derive(PartialEq, Eq)]
enum Case {
    Keep,
    Lower,
}

/// `Xxx`: a capital then lower case, as a sentence start glued to a period is written.
fn is_title_case(label: &[u8]) -> bool {
    label[0].is_ascii_uppercase() && label[1..].iter().all(u8::is_ascii_lowercase)
}

/// The end of the dotted name starting at `k`: labels joined by single dots.
fn host_end(b: &[u8], k: usize) -> usize {
    let mut end = k;
    loop {
        let label = b[end..].iter().take_while(|&&c| is_label_byte(c)).count();
        if label == 0 {
            return end;
        }
        end += label;
        if b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(|&c| is_label_byte(c)) {
            end += 1;
        } else {
            return end;
        }
    }
}

/// The end of a URL whose host starts at `k`: URL bytes, less trailing sentence punctuation
/// and closing brackets that close nothing inside the URL.
fn url_end(b: &[u8], k: usize) -> usize {
    let mut end = k + b[k..].iter().take_while(|&&c| is_url_byte(c)).count();
    // Closing brackets beyond the opening ones in `b[k..end]`, counted once and kept up to date
    // as bytes are dropped, so a wall of closing brackets costs one pass.
    let excess = |open: u8, close: u8| {
        b[k..end].iter().fold(0isize, |n, &c| n + isize::from(c == close) - isize::from(c == open))
    };
    let (mut parens, mut brackets) = (excess(b'(', b')'), excess(b'[', b']'));
    while let Some(&last) = b[k..end].last() {
        match last {
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'"' | b'*' => {}
            b')' if parens > 0 => parens -= 1,
            b']' if brackets > 0 => brackets -= 1,
            _ => break,
        }
        end -= 1;
    }
    end
}

/// Whether `labels` are four decimal numbers of at most 255.
fn is_ipv4<'a>(mut labels: impl Iterator<Item = &'a [u8]>) -> bool {
    let octet = |l: &[u8]| {
        (1..=3).contains(&l.len())
            && l.iter().all(u8::is_ascii_digit)
            && l.iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0')) <= 255
    };
    (0..4).all(|_| labels.next().is_some_and(octet)) && labels.next().is_none()
}

/// The reading of the bytes at `k` as an IPv6 address.
enum Ipv6 {
    /// An address ending here.
    Address(usize),
    /// Hex digits and two or more colons up to here, but not an address ("12:30:45").
    NotAnAddress(usize),
    /// Fewer than two colons: some other indicator, or none.
    NoColons,
}

/// Reads an IPv6 address at `k`: hex groups of up to four digits joined by colons, with at most
/// one `::`, eight groups without it, and an optional trailing IPv4 address.
fn ipv6(b: &[u8], k: usize) -> Ipv6 {
    let is_part = |c: u8| c.is_ascii_hexdigit() || c == b':' || c == b'.';
    // "81.0.236.93:443": a dotted name before the first colon is no IPv6 address. Looking no
    // further than the first colon or other byte keeps a run of "a,b,c,…" linear.
    if b[k..].iter().take_while(|&&c| is_part(c) && c != b':').any(|&c| c == b'.') {
        return Ipv6::NoColons;
    }
    let scanned = k + b[k..].iter().take_while(|&&c| is_part(c)).count();
    // A trailing dot or single colon is punctuation ("at fe80::1: the", "from ::1.").
    let mut end = k + b[k..scanned].iter().rposition(|&c| c != b'.').map_or(0, |p| p + 1);
    if end >= k + 2 && b[end - 1] == b':' && b[end - 2] != b':' {
        end -= 1;
    }
    let candidate = &b[k..end];
    if candidate.iter().filter(|&&c| c == b':').count() < 2 {
        return Ipv6::NoColons;
    }
    let fail = Ipv6::NotAnAddress(scanned);
    if b.get(scanned).is_some_and(|&c| is_label_byte(c)) {
        return fail;
    }
    let compressed = candidate.windows(2).filter(|w| w == b"::").count();
    if compressed > 1 || candidate.windows(3).any(|w| w == b":::") {
        return fail;
    }
    let parts: Vec<&[u8]> = candidate.split(|&c| c == b':').collect();
    let mut groups = 0;
    for (index, part) in parts.iter().enumerate() {
        if part.is_empty() {
            continue;
        }
        if part.contains(&b'.') {
            if index + 1 != parts.len() || !is_ipv4(part.split(|&c| c == b'.')) {
                return fail;
            }
            groups += 2;
        } else if part.len() <= 4 {
            groups += 1;
        } else {
            return fail;
        }
    }
    let fits = if compressed == 1 { (1..=7).contains(&groups) } else { groups == 8 };
    if fits {
        Ipv6::Address(end)
    } else {
        fail
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Grammar;

    fn indicators(text: &str) -> Vec<(String, String)> {
        let grammar = Grammar::embedded();
        let lexicon = Lexicon::embedded(&grammar.abbreviations);
        let vocabulary = Vocabulary::embedded(&grammar.abbreviations);
        let rules = Rules { lexicon: &lexicon, vocabulary: &vocabulary };
        find(text, &rules).into_iter().map(|i| (text[i.start..i.end].to_string(), i.name)).collect()
    }

    /// `text` holds exactly the indicators `expected`, as (slice, name) with `name` given
    /// only where it differs from the slice.
    macro_rules! t {
        ($name:ident, $text:expr, [$(($slice:expr $(, $norm:expr)?)),*]) => {
            #[test]
            fn $name() {
                let expected: Vec<(String, String)> = vec![$({
                    // The normalised name when given, else the slice itself.
                    let name = [$slice $(, $norm)?].last().copied().unwrap_or_default();
                    ($slice.to_string(), name.to_string())
                }),*];
                assert_eq!(indicators($text), expected);
            }
        };
    }

    #[test]
    fn trigger_bytes() {
        let expected: Vec<u8> = (0..=255).filter(|b| matches!(b, b'0'..=b':' | b'@' | b'[' | b'(' | b'.')).collect();
        assert_eq!((0..=255).filter(|&b| is_trigger(b)).collect::<Vec<u8>>(), expected);
    }

    #[test]
    fn trigger_scan_finds_every_trigger_byte() {
        // Each byte value at each place of two blocks and of the tail, among fillers below and
        // above 0x80.
        for filler in [b'a', 0x7f, 0x80, 0xff] {
            for b in 0..=255u8 {
                for len in 1..=2 * BLOCK + 1 {
                    for at in 0..len {
                        let mut bytes = vec![filler; len];
                        bytes[at] = b;
                        let expected = is_trigger(b).then_some(at);
                        assert_eq!(next_trigger(&bytes, 0), expected, "byte {b:#x} at {at} of {len} among {filler:#x}");
                    }
                }
            }
        }
        assert_eq!(next_trigger(b"1 a 2", 1), Some(4));
        assert_eq!(next_trigger(b"1", 2), None);
    }

    // Plain forms.
    t!(ipv4, "The server at 185.220.101.4 was seized.", [("185.220.101.4")]);
    t!(ipv4_with_port, "It beaconed to 10.0.0.1:8080 hourly.", [("10.0.0.1")]);
    t!(ipv4_octet_too_big, "Not an address: 300.1.2.3 at all.", []);
    t!(ipv6_compressed, "Traffic came from 2001:db8::ff00:42:8329 overnight.", [("2001:db8::ff00:42:8329")]);
    t!(ipv6_full, "It used fe80:0:0:0:200:f8ff:fe21:67cf.", [("fe80:0:0:0:200:f8ff:fe21:67cf")]);
    t!(ipv6_loopback, "Bound to ::1 only.", [("::1")]);
    t!(domain, "Stolen files were posted on leaks.example.com last week.", [("leaks.example.com")]);
    t!(domain_upper, "The site EVIL-SITE.RU went dark.", [("EVIL-SITE.RU", "evil-site.ru")]);
    t!(url, "See https://example.org/a/b?c=1 for details.", [("https://example.org/a/b?c=1")]);
    t!(url_in_parentheses, "The report (https://example.com/report) says so.", [("https://example.com/report")]);
    t!(url_balanced_parentheses, "Read https://example.org/wiki/Foo_(bar).", [("https://example.org/wiki/Foo_(bar)")]);
    t!(url_before_closing_quote, "He wrote “see http://example.net/x”, then left.", [("http://example.net/x")]);
    t!(url_markdown_link, "[the blog](https://blog.example.com/post/) said", [("https://blog.example.com/post/")]);
    t!(url_without_scheme, "Payloads came from example.ru/drop/a.exe; others too.", [("example.ru/drop/a.exe")]);
    t!(ftp_url, "Logs went to ftp://files.example.net/up.", [("ftp://files.example.net/up")]);
    t!(email, "Write to Security.Team@Example.com today.", [("Security.Team@Example.com", "security.team@example.com")]);
    t!(md5, "MD5: 5B606A5495A55F2BD8559778A620F21B.", [("5B606A5495A55F2BD8559778A620F21B", "5b606a5495a55f2bd8559778a620f21b")]);
    t!(sha1, "sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709 seen", [("da39a3ee5e6b4b0d3255bfef95601890afd80709")]);
    t!(sha256, "(e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855)", [("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]);
    t!(hash_wrong_length, "id 5B606A5495A55F2BD8559778A620F21B0 end", []);

    // Defanged forms.
    t!(defanged_dot, "They used example[.]com to stage.", [("example[.]com", "example.com")]);
    t!(defanged_paren_dot, "They used example(.)com to stage.", [("example(.)com", "example.com")]);
    t!(defanged_word_dot, "They used example[dot]com to stage.", [("example[dot]com", "example.com")]);
    t!(defanged_ip, "C2 at 45.148.121[.]227 today.", [("45.148.121[.]227", "45.148.121.227")]);
    t!(defanged_scheme, "Download hxxp://bad[.]ru/x.bin now.", [("hxxp://bad[.]ru/x.bin", "http://bad.ru/x.bin")]);
    t!(defanged_scheme_colon, "Download hxxps[:]//bad.ru/x now.", [("hxxps[:]//bad.ru/x", "https://bad.ru/x")]);
    t!(defanged_email, "Mail admin[@]bad[.]org for keys.", [("admin[@]bad[.]org", "admin@bad.org")]);
    t!(defanged_any_suffix, "It queried k6239847[.]lib and evil[.]Net.", [("k6239847[.]lib", "k6239847.lib"), ("evil[.]Net", "evil.net")]);
    t!(wildcard_and_leading_dot, "Hosts under *.workers[.]dev and .evil[.]com were used.", [("workers[.]dev", "workers.dev"), ("evil[.]com", "evil.com")]);
    t!(ipv4_ports_glued, "C2: 81.0.236.93:44394.177.248.64:443 seen", [("81.0.236.93")]);

    // Traps.
    t!(version_number, "It runs version 1.2.3.4 of the app.", []);
    t!(version_prefix, "It runs v1.2.3.4 of the app.", []);
    t!(decimal, "Growth was 3.5 percent, not 12.25.", []);
    t!(time, "At 12:30 and 08:15:00 the sirens sounded.", []);
    t!(file_name, "He opened report.pdf and notes.md before invoice.zip.", []);
    t!(initials, "I.B.M. and the U.S. government said so.", []);
    t!(product_name, "It was built with Eazfuscator.NET and Foo.Com.", []);
    t!(glued_sentence, "The attack ended.The company recovered.", []);
    t!(sentence_final_domain, "The page moved to example.com.", [("example.com")]);
    t!(twitter_handle, "The group posted as @example on Tuesday.", []);
    t!(unknown_tld, "Visit foo.notatld today.", []);
    t!(non_ascii_before, "Le site évil.com est fermé.", []);
}
