//! Grouping name mentions into actors: one actor per real-world entity.
//!
//! - People: a full name starts an actor; a later (or earlier) surname, or title and surname,
//!   joins the person with that surname nearest before it ("Joe Biden" … "Biden").
//! - Known places and organisations join by lexicon entry, so "U.S.", "America" and "the
//!   United States" are one actor with the lexicon's canonical name.
//! - Other organisations and places join by their folded text, and an acronym joins the name
//!   whose initials it spells ("National Security Agency" … "NSA").
//!
//! Everything here is linear in the number of mentions: names are looked up by hashed words,
//! and the nearest full name of a lone word is the latest of a sweep in text order.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;

use super::candidates::Candidate;
use super::titles::Titles;
use super::{Found, Inputs, Mention};
use crate::analysis::{Actor, ActorKind, Span};
use crate::lexicon::{FastHash, Gender};
use crate::text::{TokenKind, SPACE_BEFORE};

/// At most this many roles are kept per actor.
const MAX_ROLES: usize = 4;
/// At most this many words between a role's organisation and its title ("top cyber").
const MAX_ROLE_MODIFIERS: usize = 3;

/// A growing actor: the lexicon entry it joins by, and the candidate that started it, which
/// stands for it until its best name is known.
struct Growing {
    entry: Option<u32>,
    first: usize,
}

/// A finished actor.
struct Cluster {
    /// Its members as a range of [`Clusters::members`].
    members: Range<usize>,
    entry: Option<u32>,
    /// The member whose text names the actor best.
    best: usize,
}

/// The actors in the order of their first mention, with their members in one buffer.
struct Clusters {
    clusters: Vec<Cluster>,
    /// Candidate indices, grouped by actor, in text order within each.
    members: Vec<usize>,
}

impl Clusters {
    fn members(&self, cluster: &Cluster) -> &[usize] {
        &self.members[cluster.members.clone()]
    }
}

/// Groups `candidates` (sorted, non-overlapping) into actors.
pub fn group<'t>(inputs: &Inputs<'_, 't>, titles: &Titles, candidates: Vec<Candidate>) -> Found<'t> {
    // The look-up tables of clustering are freed before the result is built beside them.
    let clusters = cluster(inputs, &candidates);
    build(inputs, titles, &candidates, &clusters)
}

/// The actors of `candidates`. A cluster grows as an index per candidate rather than a list of
/// members, so joining one allocates nothing and the members come out in text order.
fn cluster(inputs: &Inputs, candidates: &[Candidate]) -> Clusters {
    let mut growing: Vec<Growing> = Vec::new();
    let mut cluster_of = vec![usize::MAX; candidates.len()];
    let mut by_entry: HashMap<u32, usize, FastHash> = HashMap::default();
    let names = NameWords::new(inputs, candidates);
    let mut by_text: HashMap<NameKey, usize, FastHash> = HashMap::default();
    // Full-name mentions of people by surname and by given name; each full name links to the
    // one before it with its surname.
    let mut by_surname: HashMap<u64, FullNames, FastHash> = HashMap::default();
    let mut by_given_name: HashMap<u64, FullNames, FastHash> = HashMap::default();
    let mut earlier_same_surname: Vec<Option<usize>> = vec![None; candidates.len()];
    let full_name = |index: usize| candidates[index].kind == ActorKind::Person && names.of(index).len() >= 2;

    // Full names, known entries and other names first; lone words wait for pass two.
    for (index, candidate) in candidates.iter().enumerate() {
        let key = names.of(index);
        let target = if let Some(entry) = candidate.entry {
            by_entry.get(&entry).copied()
        } else if full_name(index) {
            let mut other = by_surname.get(&key[key.len() - 1]).map(|names| names.last);
            let same = |earlier: usize| {
                let given = |i: usize| first_word(inputs, &candidates[i]);
                same_person(names.of(earlier), key, given(earlier), given(index))
            };
            while let Some(earlier) = other.filter(|&earlier| !same(earlier)) {
                other = earlier_same_surname[earlier];
            }
            other.map(|other| cluster_of[other])
        } else if key.len() == 1 {
            continue;
        } else {
            by_text.get(&names.key(index)).copied()
        };
        let cluster = target.unwrap_or_else(|| {
            growing.push(Growing { entry: candidate.entry, first: index });
            growing.len() - 1
        });
        cluster_of[index] = cluster;
        if full_name(index) {
            earlier_same_surname[index] = FullNames::record(&mut by_surname, key[key.len() - 1], index);
            FullNames::record(&mut by_given_name, key[0], index);
        }
        if let Some(entry) = candidate.entry {
            by_entry.entry(entry).or_insert(cluster);
        } else {
            by_text.entry(names.key(index)).or_insert(cluster);
        }
    }

    // Single words: a surname, else a given name, of a person named in full (the nearest
    // mention before, else after), else a name of its own. The full names are swept past in
    // text order, so each map knows the latest before the word at hand.
    for index in 0..candidates.len() {
        let key = names.of(index);
        if cluster_of[index] != usize::MAX {
            if full_name(index) {
                by_surname.entry(key[key.len() - 1]).and_modify(|names| names.seen = Some(index));
                by_given_name.entry(key[0]).and_modify(|names| names.seen = Some(index));
            }
            continue;
        }
        let nearest = |map: &HashMap<u64, FullNames, FastHash>| {
            let names = map.get(key.first()?)?;
            Some(cluster_of[names.seen.unwrap_or(names.first)])
        };
        let target = nearest(&by_surname).or_else(|| nearest(&by_given_name)).or_else(|| by_text.get(&names.key(index)).copied());
        let cluster = target.unwrap_or_else(|| {
            growing.push(Growing { entry: None, first: index });
            growing.len() - 1
        });
        cluster_of[index] = cluster;
        by_text.entry(names.key(index)).or_insert(cluster);
    }

    let mut merged_into = merge_acronyms(inputs, candidates, &growing);
    merge_people_named_like_entries(candidates, &names, &growing, &mut cluster_of, &by_surname, &mut merged_into);
    for cluster in &mut cluster_of {
        *cluster = merged_into[*cluster];
    }
    finish(inputs, candidates, &names, &growing, &cluster_of)
}

/// The full-name mentions of people that share a surname, or a given name.
struct FullNames {
    first: usize,
    last: usize,
    /// While single words are joined: the latest before the word at hand.
    seen: Option<usize>,
}

impl FullNames {
    /// Adds full name `index` under `word`; returns the one added before it, if any.
    fn record(map: &mut HashMap<u64, FullNames, FastHash>, word: u64, index: usize) -> Option<usize> {
        match map.entry(word) {
            Entry::Occupied(mut names) => Some(std::mem::replace(&mut names.get_mut().last, index)),
            Entry::Vacant(slot) => {
                slot.insert(FullNames { first: index, last: index, seen: None });
                None
            }
        }
    }
}

/// The finished actors, numbered in order of first mention, each named by its best member.
/// `cluster_of` gives each candidate's index into `growing`.
fn finish(
    inputs: &Inputs,
    candidates: &[Candidate],
    names: &NameWords,
    growing: &[Growing],
    cluster_of: &[usize],
) -> Clusters {
    // Number the clusters by first mention and count their members.
    let mut actor_of_cluster = vec![usize::MAX; growing.len()];
    let mut entries = Vec::new();
    let mut sizes: Vec<usize> = Vec::new();
    for &cluster in cluster_of {
        if actor_of_cluster[cluster] == usize::MAX {
            actor_of_cluster[cluster] = sizes.len();
            entries.push(growing[cluster].entry);
            sizes.push(0);
        }
        sizes[actor_of_cluster[cluster]] += 1;
    }
    // Then place the candidates by actor, in text order: a counting sort.
    let mut starts = Vec::with_capacity(sizes.len());
    let mut start = 0;
    for size in &sizes {
        starts.push(start);
        start += size;
    }
    let mut members = vec![0; candidates.len()];
    let mut next = starts.clone();
    for (index, &cluster) in cluster_of.iter().enumerate() {
        let actor = actor_of_cluster[cluster];
        members[next[actor]] = index;
        next[actor] += 1;
    }
    let clusters = entries
        .into_iter()
        .zip(starts.iter().zip(&next))
        .map(|(entry, (&start, &end))| Cluster {
            members: start..end,
            entry,
            best: best_member(inputs, candidates, names, &members[start..end]),
        })
        .collect();
    Clusters { clusters, members }
}

/// The folded hashes of each candidate's words, without punctuation and initials' dots: the
/// keys names are grouped by. One buffer for all candidates, since every step looks them up.
struct NameWords {
    hashes: Vec<u64>,
    /// Candidate `i`'s words are `hashes[ends[i - 1]..ends[i]]` (from 0 for the first).
    ends: Vec<usize>,
    /// Candidate `i`'s words folded into one hash, so that a look-up by name hashes no words.
    keys: Vec<u64>,
}

impl NameWords {
    fn new(inputs: &Inputs, candidates: &[Candidate]) -> NameWords {
        let mut hashes = Vec::new();
        let mut ends = Vec::with_capacity(candidates.len());
        let mut keys = Vec::with_capacity(candidates.len());
        for candidate in candidates {
            let mut key = 0u64;
            for i in candidate.tokens.clone().filter(|&i| inputs.doc.tokens[i].kind == TokenKind::Word) {
                hashes.push(inputs.doc.hashes[i]);
                key = (key ^ inputs.doc.hashes[i]).wrapping_mul(KEY_MIX).rotate_left(29);
            }
            ends.push(hashes.len());
            keys.push(key);
        }
        NameWords { hashes, ends, keys }
    }

    /// The words of candidate `index`.
    fn of(&self, index: usize) -> &[u64] {
        let start = index.checked_sub(1).map_or(0, |previous| self.ends[previous]);
        &self.hashes[start..self.ends[index]]
    }

    /// The words of candidate `index` as a hash-map key.
    fn key(&self, index: usize) -> NameKey<'_> {
        NameKey { hash: self.keys[index], words: self.of(index) }
    }
}

/// An odd multiplier with well-spread bits, for folding word hashes into one.
const KEY_MIX: u64 = 0x9E37_79B9_7F4A_7C15;

/// A name's words, hashed by their precomputed fold: hashing the slice itself would feed
/// each of its bytes to the hasher, at every look-up.
#[derive(Clone, Copy)]
struct NameKey<'a> {
    hash: u64,
    words: &'a [u64],
}

impl PartialEq for NameKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.words == other.words
    }
}

impl Eq for NameKey<'_> {}

impl Hash for NameKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// Two multi-word person names of one person, by their words' hashes and their first words as
/// written: same surname, and the same given name or an initial of it ("George W. Bush" and
/// "George Bush", "J. Biden" and "Joe Biden" are; "Jeb Bush" and "George H.W. Bush" are not,
/// nor are "Joseph R. Biden" and "Joe Biden").
fn same_person(a: &[u64], b: &[u64], a_given: &str, b_given: &str) -> bool {
    a.last() == b.last() && (a.first() == b.first() || initial_of(a_given, b_given) || initial_of(b_given, a_given))
}

/// Whether `initial` is one capital, with or without a dot, that starts `name`.
fn initial_of(initial: &str, name: &str) -> bool {
    let mut chars = initial.chars();
    match (chars.next(), chars.as_str()) {
        (Some(c), "" | ".") => c.is_uppercase() && name.starts_with(c) && name.len() > initial.len(),
        _ => false,
    }
}

/// The first word of a candidate's name, as written.
fn first_word<'t>(inputs: &Inputs<'_, 't>, candidate: &Candidate) -> &'t str {
    let doc = inputs.doc;
    candidate.tokens.clone().find(|&i| doc.tokens[i].kind == TokenKind::Word).map_or("", |i| doc.token_text(i))
}

/// Joins an all-capitals acronym to the organisation whose initials it spells: the cluster
/// each cluster is merged into, itself when it stays. Only clusters started by a one-word name
/// are merged, only into clusters started by a longer one, so one step always suffices.
fn merge_acronyms(inputs: &Inputs, candidates: &[Candidate], clusters: &[Growing]) -> Vec<usize> {
    let doc = inputs.doc;
    let mut by_initials: HashMap<u64, usize, FastHash> = HashMap::default();
    for (index, cluster) in clusters.iter().enumerate() {
        let tokens = candidates[cluster.first].tokens.clone();
        if cluster.entry.is_some() || tokens.len() < 2 {
            continue;
        }
        let initials = tokens.filter_map(|i| doc.token_text(i).chars().next()).filter(|c| c.is_uppercase());
        if let Some(initials) = packed_acronym(initials) {
            by_initials.entry(initials).or_insert(index);
        }
    }
    let mut merged_into: Vec<usize> = (0..clusters.len()).collect();
    if by_initials.is_empty() {
        return merged_into;
    }
    for (acronym_cluster, cluster) in clusters.iter().enumerate() {
        let first = &candidates[cluster.first];
        if cluster.entry.is_some() || first.tokens.len() != 1 {
            continue;
        }
        let Some(acronym) = packed_acronym(doc.token_text(first.tokens.start).chars()) else { continue };
        if let Some(&target) = by_initials.get(&acronym).filter(|&&t| t != acronym_cluster) {
            merged_into[acronym_cluster] = target;
        }
    }
    merged_into
}

/// Joins a one-word lexicon name used for a person to the person named in full with it as
/// surname: "Washington" for MaliVai Washington, "Jordan" for Jim Jordan. Such a word joins the
/// place or company of its entry first, so the lone-surname pass never sees it. When the text
/// uses the word mostly for the person, the whole cluster follows (the place-tagged mentions
/// too: the tagger's slips); otherwise only the person-tagged mentions move, and "Officials in
/// Jordan" stays the country. Only clusters started by a one-word name with an entry lose
/// members, only to clusters of full names, which never move: one step suffices, beside
/// [`merge_acronyms`]'s.
fn merge_people_named_like_entries(
    candidates: &[Candidate],
    names: &NameWords,
    clusters: &[Growing],
    cluster_of: &mut [usize],
    by_surname: &HashMap<u64, FullNames, FastHash>,
    merged_into: &mut [usize],
) {
    // The full name each cluster would join: those started by a one-word name with an entry.
    let targets: Vec<Option<usize>> = clusters
        .iter()
        .map(|cluster| {
            let [word] = names.of(cluster.first) else { return None };
            cluster.entry.and(by_surname.get(word)).map(|full| cluster_of[full.first])
        })
        .collect();
    if targets.iter().all(Option::is_none) {
        return;
    }
    // (people, all) among each cluster's members.
    let mut kinds = vec![(0usize, 0usize); clusters.len()];
    for (candidate, &cluster) in candidates.iter().zip(cluster_of.iter()) {
        kinds[cluster].0 += usize::from(candidate.kind == ActorKind::Person);
        kinds[cluster].1 += 1;
    }
    for (index, candidate) in candidates.iter().enumerate() {
        let cluster = cluster_of[index];
        let Some(target) = targets[cluster] else { continue };
        let (people, all) = kinds[cluster];
        if 2 * people > all {
            merged_into[cluster] = target;
        } else if candidate.kind == ActorKind::Person {
            cluster_of[index] = target;
        }
    }
}

/// `letters` packed into the bytes of one number, when they can spell an acronym: two to six
/// capitals from A to Z. Initials of any other shape never equal an acronym, so they need no
/// key, and keys of numbers rather than strings allocate nothing.
fn packed_acronym(letters: impl Iterator<Item = char>) -> Option<u64> {
    let mut packed = 0u64;
    let mut count = 0;
    for c in letters {
        if !c.is_ascii_uppercase() || count == 6 {
            return None;
        }
        packed |= u64::from(c as u8) << (8 * count);
        count += 1;
    }
    (count >= 2).then_some(packed)
}

/// The member whose text names the actor best: the most words, then not in capitals only
/// (headlines), then the earliest. `members` is not empty and in text order. Whether a member
/// is in capitals is read only when that could make it the best.
fn best_member(inputs: &Inputs, candidates: &[Candidate], names: &NameWords, members: &[usize]) -> usize {
    let shouting = |m: usize| {
        let tokens = candidates[m].tokens.clone();
        tokens.len() > 1
            && inputs.doc.tokens_text(tokens).chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
    };
    let Some((&first, rest)) = members.split_first() else { return 0 };
    let (mut best, mut best_words, mut best_shouting) = (first, names.of(first).len(), shouting(first));
    for &m in rest {
        let words = names.of(m).len();
        if words < best_words || (words == best_words && !best_shouting) {
            continue;
        }
        let m_shouting = shouting(m);
        if words > best_words || !m_shouting {
            (best, best_words, best_shouting) = (m, words, m_shouting);
        }
    }
    best
}

/// The public actors and the mention index from the finished clusters.
fn build<'t>(inputs: &Inputs<'_, 't>, titles: &Titles, candidates: &[Candidate], clusters: &Clusters) -> Found<'t> {
    let doc = inputs.doc;
    let mut actors = Vec::with_capacity(clusters.clusters.len());
    // Every candidate is a member of exactly one cluster, so writing each mention at its
    // candidate's index gives them in text order without a sort (and its buffer).
    debug_assert_eq!(clusters.members.len(), candidates.len());
    let mut mentions = vec![Mention { tokens: 0..0, actor: 0, role: None }; candidates.len()];
    let mut genders = Vec::with_capacity(clusters.clusters.len());
    for (id, cluster) in clusters.clusters.iter().enumerate() {
        let members = clusters.members(cluster);
        let kind = majority_kind(candidates, members);
        let name = match cluster.entry {
            Some(entry) => Cow::Borrowed(inputs.lexicon.entries[entry as usize].name),
            None => clean_name(inputs, candidates[cluster.best].tokens.clone()),
        };
        let mut roles: Vec<String> = Vec::new();
        let mut gender = None;
        for &member in members {
            let tokens = candidates[member].tokens.clone();
            let role = (kind == ActorKind::Person).then(|| find_role(inputs, titles, candidates, member)).flatten();
            if let Some((range, title_gender)) = &role {
                gender = gender.or(*title_gender);
                let text = clean_name(inputs, range.clone());
                if roles.len() < MAX_ROLES && !roles.iter().any(|r| r.eq_ignore_ascii_case(&text)) {
                    roles.push(text.into_owned());
                }
            }
            mentions[member] = Mention { tokens: tokens.clone(), actor: id, role: role.map(|(range, _)| range) };
        }
        if kind == ActorKind::Person {
            let given = name.split_whitespace().next().filter(|_| name.contains(' '));
            gender = given.and_then(|g| inputs.lexicon.given_name(g)).filter(|&g| g != Gender::Either).or(gender);
        }
        let spans = members
            .iter()
            .map(|&m| {
                let range = doc.byte_range(candidates[m].tokens.clone());
                Span::of(doc.text, range.start, range.end)
            })
            .collect();
        actors.push(Actor { id, name, kind, mentions: spans, roles });
        genders.push(gender);
    }
    Found { actors, mentions, genders }
}

/// The kind most members were given; people win ties, then organisations.
fn majority_kind(candidates: &[Candidate], members: &[usize]) -> ActorKind {
    let (mut people, mut organizations, mut places) = (0, 0, 0);
    for &m in members {
        match candidates[m].kind {
            ActorKind::Person => people += 1,
            ActorKind::Organization => organizations += 1,
            ActorKind::Place => places += 1,
        }
    }
    if people >= organizations && people >= places {
        ActorKind::Person
    } else if organizations >= places {
        ActorKind::Organization
    } else {
        ActorKind::Place
    }
}

/// The text of `tokens` on one line, with runs of whitespace as single spaces.
fn clean_name<'t>(inputs: &Inputs<'_, 't>, tokens: Range<usize>) -> Cow<'t, str> {
    let doc = inputs.doc;
    // Nearly always the text as written: tokens apart by one space or none.
    let written = doc.tokens_text(tokens.clone());
    let gaps_plain = tokens.clone().skip(1).all(|i| {
        let (before, token) = (&doc.tokens[i - 1], &doc.tokens[i]);
        let gap = &doc.text[before.end as usize..token.start as usize];
        gap.is_empty() || (gap == " " && token.has(SPACE_BEFORE))
    });
    if gaps_plain {
        return Cow::Borrowed(written);
    }
    let mut name = String::with_capacity(written.len());
    for i in tokens {
        if !name.is_empty() && doc.tokens[i].has(SPACE_BEFORE) {
            name.push(' ');
        }
        name.push_str(doc.token_text(i));
    }
    Cow::Owned(name)
}

/// The title or role written with a person's mention: before it ("Kremlin spokesman Dmitry
/// Peskov", "Microsoft's president Brad Smith"), before it across a comma ("South Korea's
/// foreign minister, Park Jin,"), or in apposition after it ("Dmitry Peskov, the Kremlin
/// spokesman,").
fn find_role(inputs: &Inputs, titles: &Titles, candidates: &[Candidate], member: usize) -> Option<(Range<usize>, Option<Gender>)> {
    let doc = inputs.doc;
    let tokens = candidates[member].tokens.clone();
    let role_before = |end: usize| {
        let title = titles.ending_at(&inputs.doc.hashes, end)?;
        Some((owner_start(inputs, candidates, member, title.tokens.start)..title.tokens.end, title.gender))
    };
    if let Some(role) = role_before(tokens.start) {
        return Some(role);
    }
    if tokens.start > 0 && doc.token_text(tokens.start - 1) == "," {
        if let Some(role) = role_before(tokens.start - 1) {
            return Some(role);
        }
    }
    // Apposition: ", [the|a|an] [Owner['s]] [modifiers] title".
    let mut i = tokens.end;
    if i >= doc.tokens.len() || doc.token_text(i) != "," {
        return None;
    }
    i += 1;
    if i < doc.tokens.len() && ["the", "a", "an", "its", "his", "her"].iter().any(|w| doc.token_text(i).eq_ignore_ascii_case(w)) {
        i += 1;
    }
    let role_start = i;
    if let Some(owner) = candidates.get(member + 1).filter(|c| c.tokens.start == i && c.kind != ActorKind::Person) {
        i = owner.tokens.end;
        if i < doc.tokens.len() && matches!(doc.token_text(i), "'s" | "’s") {
            i += 1;
        }
    }
    // Allow a few modifiers before the title ("the city's chief technology officer"), but no
    // closed-class word: "Peskov, who is president of" has no role.
    for at in i..(i + MAX_ROLE_MODIFIERS + 1).min(doc.tokens.len()) {
        if let Some(title) = titles.starting_at(&inputs.doc.hashes, at) {
            return Some((role_start..title.tokens.end, title.gender));
        }
        if doc.tokens[at].kind != TokenKind::Word || inputs.tables.words.is_function_word(inputs, at) {
            return None;
        }
    }
    None
}

/// Where a role that ends in a title starting at `title_start` begins: with the organisation or
/// place it belongs to and its possessive ("Kremlin spokesman", "Microsoft's president"), and
/// a few modifiers between them ("America's top cyber official").
fn owner_start(inputs: &Inputs, candidates: &[Candidate], member: usize, title_start: usize) -> usize {
    let doc = inputs.doc;
    let owner_at = |end: usize| {
        let before = if end > 0 && matches!(doc.token_text(end - 1), "'s" | "’s") { end - 1 } else { end };
        candidates[..member].iter().rev().take(2).find(|c| c.tokens.end == before && c.kind != ActorKind::Person)
    };
    let mut start = title_start;
    for _ in 0..=MAX_ROLE_MODIFIERS {
        if let Some(owner) = owner_at(start) {
            return owner.tokens.start;
        }
        let Some(previous) = start.checked_sub(1) else { break };
        let word = doc.token_text(previous);
        let modifier = doc.tokens[previous].kind == TokenKind::Word
            && word.chars().next().is_some_and(char::is_lowercase)
            && !inputs.tables.words.is_function_word(inputs, previous);
        if !modifier {
            break;
        }
        start = previous;
    }
    title_start
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of the people of `text`, each with its mentions as written.
    fn people(text: &str) -> Vec<(String, Vec<String>)> {
        crate::analyze(text)
            .actors
            .into_iter()
            .filter(|a| a.kind == ActorKind::Person)
            .map(|a| (a.name.into_owned(), a.mentions.into_iter().map(|m| m.text.into_owned()).collect()))
            .collect()
    }

    #[test]
    fn initials_stand_for_given_names() {
        assert!(initial_of("J.", "Joe"));
        assert!(initial_of("J", "Joseph"));
        assert!(!initial_of("J.", "J."));
        assert!(!initial_of("Jo", "Joe"));
        assert!(!initial_of("j.", "joe"));
        assert!(!initial_of("K.", "Joe"));
    }

    /// Regression: two people of one family were one actor, since names of two and three
    /// words with the same surname were taken for one person.
    #[test]
    fn relatives_with_one_surname_stay_apart() {
        let found = people("Jeb Bush spoke in Iowa. His father, George H.W. Bush, was president. Jeb said he would run.");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().any(|(name, mentions)| name == "Jeb Bush" && mentions.len() == 2), "{found:?}");
    }

    #[test]
    fn an_initial_joins_the_full_given_name() {
        let found = people("Joe Biden spoke on Monday. J. Biden, as the sign read, then left.");
        assert_eq!(found.len(), 1, "{found:?}");
    }
}
