//! Refanging: undoes the defanging that threat reports apply to indicators so nobody clicks
//! them (`hxxp://evil[.]com`, `user[@]mail[.]ru`), keeping a map back to the original offsets.
//!
//! The indicator scanner then parses one plain form, and every span it finds still maps to the
//! exact bytes of the text.

/// Bracketed stand-ins and what they stand for. Each is replaced only between characters that
/// could belong to an indicator, so "[.]" after a quotation stays as written.
const STAND_INS: [(&[u8], &[u8]); 11] = [
    (b"[://]", b"://"),
    (b"[:]", b":"),
    (b"[.]", b"."),
    (b"(.)", b"."),
    (b"{.}", b"."),
    (b"[dot]", b"."),
    (b"(dot)", b"."),
    (b"[@]", b"@"),
    (b"(@)", b"@"),
    (b"[at]", b"@"),
    (b"[/]", b"/"),
];

/// A run of text in refanged form.
#[derive(Default)]
pub struct Refanged {
    /// The refanged bytes, all ASCII.
    pub bytes: Vec<u8>,
    /// For each refanged byte, the offset in the text of the byte or stand-in it came from,
    /// plus one final entry: the end of the run. Empty when the run needed no refanging:
    /// then refanged byte `k` is text byte `offset + k`.
    origin: Vec<usize>,
    offset: usize,
}

impl Refanged {
    /// Refangs `run`, a slice of printable ASCII that starts at byte `offset` of the text.
    pub fn refang(&mut self, run: &[u8], offset: usize) {
        self.bytes.clear();
        self.origin.clear();
        self.offset = offset;
        // Every stand-in starts with a bracket and every defanged scheme has an x: a run with
        // neither (most runs) is copied as it is, without an offset map.
        if !run.iter().any(|&b| matches!(b, b'[' | b'(' | b'{' | b'x' | b'X')) {
            self.bytes.extend_from_slice(run);
            return;
        }
        let mut i = 0;
        while i < run.len() {
            if let Some((from, to)) = stand_in_at(run, i) {
                self.bytes.extend_from_slice(to);
                self.origin.extend(std::iter::repeat(offset + i).take(to.len()));
                i += from;
                continue;
            }
            if defanged_scheme_at(run, i) {
                // "hxxps" → "https", "fxp" → "ftp": the whole scheme word at once.
                let word_end = i + run[i..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
                for (j, &b) in run.iter().enumerate().take(word_end).skip(i) {
                    let plain = if j > i && b.eq_ignore_ascii_case(&b'x') { b't' } else { b.to_ascii_lowercase() };
                    self.bytes.push(plain);
                    self.origin.push(offset + j);
                }
                i = word_end;
                continue;
            }
            self.bytes.push(run[i]);
            self.origin.push(offset + i);
            i += 1;
        }
        self.origin.push(offset + run.len());
    }

    /// The text offset where refanged byte `k` starts (`k == len` gives the run's end).
    pub fn start_of(&self, k: usize) -> usize {
        match self.origin.last() {
            Some(&end) => self.origin.get(k).copied().unwrap_or(end),
            None => self.offset + k.min(self.bytes.len()),
        }
    }
}

/// The stand-in at `run[i..]`, as (its length, its replacement), when an indicator character
/// comes right before it.
fn stand_in_at(run: &[u8], i: usize) -> Option<(usize, &'static [u8])> {
    if !matches!(run[i], b'[' | b'(' | b'{') || i == 0 || !run[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    let rest = &run[i..];
    STAND_INS.iter().find(|(from, _)| rest.len() >= from.len() && rest[..from.len()].eq_ignore_ascii_case(from)).map(
        |&(from, to)| (from.len(), to),
    )
}

/// Whether a defanged scheme ("hxxp", "hxxps", "fxp") starts at `run[i]` and is followed by its
/// separator, plain or defanged.
fn defanged_scheme_at(run: &[u8], i: usize) -> bool {
    if i > 0 && run[i - 1].is_ascii_alphanumeric() {
        return false;
    }
    let rest = &run[i..];
    let starts = |p: &[u8]| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
    let scheme_len = if starts(b"hxxps") {
        5
    } else if starts(b"hxxp") {
        4
    } else if starts(b"fxp") {
        3
    } else {
        return false;
    };
    let after = &rest[scheme_len..];
    [&b"://"[..], b"[:]//", b"[://]"].iter().any(|sep| after.starts_with(sep))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refanged(run: &str) -> (String, Vec<usize>) {
        let mut r = Refanged::default();
        r.refang(run.as_bytes(), 0);
        let starts = (0..=r.bytes.len()).map(|k| r.start_of(k)).collect();
        (String::from_utf8_lossy(&r.bytes).into_owned(), starts)
    }

    #[test]
    fn refangs_stand_ins_and_schemes() {
        assert_eq!(refanged("evil[.]com").0, "evil.com");
        assert_eq!(refanged("hxxps[:]//a[.]b").0, "https://a.b");
        assert_eq!(refanged("HXXP://x(.)ru").0, "http://x.ru");
        assert_eq!(refanged("fxp://x[dot]net").0, "ftp://x.net");
        assert_eq!(refanged("me[@]x[.]org").0, "me@x.org");
        assert_eq!(refanged("1.2.3[.]4").0, "1.2.3.4");
        // Not after an indicator character, or not a scheme: left alone.
        assert_eq!(refanged("[.]com").0, "[.]com");
        assert_eq!(refanged("hxxpx").0, "hxxpx");
        assert_eq!(refanged("1.2.3.4").0, "1.2.3.4");
    }

    #[test]
    fn maps_back_to_original_offsets() {
        let (text, starts) = refanged("a[.]b");
        assert_eq!(text, "a.b");
        assert_eq!(starts, vec![0, 1, 4, 5]);
        let mut plain = Refanged::default();
        plain.refang(b"a.b", 10);
        assert_eq!((0..=3).map(|k| plain.start_of(k)).collect::<Vec<_>>(), vec![10, 11, 12, 13]);
    }
}
