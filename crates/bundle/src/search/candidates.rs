//! Candidates: the documents that may hold the query (`maybe`, from the
//! characters' postings) and those certain to (`sure`, from the postings of
//! dictionary words holding each term), by posting-list algebra over the
//! loaded term shards.

use std::collections::HashSet;

use super::postings::{contains, intersect, merge_weighted, union, Postings};
use super::query::{Query, Term};
use crate::archive::Archive;
use crate::index::Word;
use crate::text::normalize::is_word_char;

/// Candidate documents of a term: `maybe` ⊇ documents containing it ⊇ `sure`.
pub(crate) struct Candidates {
    pub maybe: Vec<u32>,
    pub sure: Vec<u32>,
    /// For a term that is not itself a dictionary word but lies inside some
    /// (`绒服` in `羽绒服`): those words' postings merged, to rank the documents
    /// holding them as if the term were a word.
    pub inside: Option<Postings>,
    /// The postings of every dictionary word holding the term (the term's
    /// own among them): a headline bit there means the headline holds it.
    pub within: Option<Postings>,
}

pub(crate) fn term_candidates(archive: &Archive, term: &Term) -> Candidates {
    let idx = &archive.index;
    let mut maybe: Option<Vec<u32>> = None;
    let mut seen = HashSet::new();
    // Rarest characters first keeps intersections small.
    let mut lists: Vec<&[u32]> = Vec::new();
    for c in term.text.chars().filter(|&c| is_word_char(c)) {
        if !seen.insert(c) {
            continue;
        }
        let list = idx
            .shard_for(c)
            .ok()
            .and_then(|s| s.chars.get(&c))
            .map(|v| v.docs())
            .unwrap_or(&[]);
        lists.push(list);
    }
    lists.sort_by_key(|l| l.len());
    for l in lists {
        maybe = Some(match maybe {
            None => l.to_vec(),
            Some(m) => intersect(&m, l),
        });
        if maybe.as_ref().is_some_and(|m| m.is_empty()) {
            break;
        }
    }
    let maybe = maybe.unwrap_or_default();
    let n_chars = term.text.chars().count();
    let mut inside = None;
    let mut within = None;
    let sure = if term.phrase {
        Vec::new()
    } else if n_chars == 1 {
        maybe.clone()
    } else {
        // A document holding a dictionary word that contains the term holds the term.
        let is_word = term
            .text
            .chars()
            .next()
            .and_then(|c| idx.shard_for(c).ok())
            .is_some_and(|s| s.words.contains_key(&term.text));
        let mut lists: Vec<&Word> = Vec::new();
        let mut shards_seen = HashSet::new();
        for c in term.text.chars() {
            let Ok(shard) = idx.shard_for(c) else {
                continue;
            };
            if !shards_seen.insert(shard as *const _ as usize) {
                continue;
            }
            for (w, entry) in &shard.words {
                if w.len() >= term.text.len() && w.contains(term.text.as_str()) {
                    lists.push(entry);
                }
            }
        }
        let merged = merge_weighted(&lists, idx.meta.docs);
        let sure = intersect(&merged.docs, &maybe);
        if !merged.docs.is_empty() {
            if !is_word {
                inside = Some(Postings {
                    docs: merged.docs.clone(),
                    tf: merged.tf.clone(),
                });
            }
            within = Some(merged);
        }
        sure
    };
    Candidates {
        maybe,
        sure,
        inside,
        within,
    }
}

/// The query's candidates: `maybe` may hold the query, `sure` certainly
/// does (both sorted).
pub(crate) struct Found {
    pub maybe: Vec<u32>,
    pub sure: Vec<u32>,
    /// Of every term found only inside words, those words' postings.
    pub inside: Vec<Postings>,
    /// Per clause, per term, the postings of the words holding it.
    pub within_of: Vec<Vec<Option<Postings>>>,
}

/// The candidates of `query` among documents `0..n`: per clause the union
/// of its terms', the clauses intersected, excluded terms taken out (a
/// document certain to hold one leaves `maybe`; one that may hold one
/// leaves `sure`). No text, only filters: every document.
pub(crate) fn find(archive: &Archive, query: &Query, n: u32) -> Found {
    let (mut maybe, mut sure): (Option<Vec<u32>>, Option<Vec<u32>>) = (None, None);
    let mut inside: Vec<Postings> = Vec::new();
    let mut within_of: Vec<Vec<Option<Postings>>> = Vec::new();
    for clause in &query.clauses {
        let (mut m, mut s) = (Vec::new(), Vec::new());
        within_of.push(Vec::new());
        for t in &clause.any {
            let mut c = term_candidates(archive, t);
            if let Some(v) = within_of.last_mut() {
                v.push(c.within.take());
            }
            if m.is_empty() && s.is_empty() {
                (m, s) = (c.maybe, c.sure);
            } else {
                m = union(&m, &c.maybe);
                s = union(&s, &c.sure);
            }
            inside.extend(c.inside);
        }
        maybe = Some(match maybe {
            None => m,
            Some(x) => intersect(&x, &m),
        });
        sure = Some(match sure {
            None => s,
            Some(x) => intersect(&x, &s),
        });
    }
    let mut maybe = maybe.unwrap_or_else(|| (0..n).collect());
    let mut sure = sure.unwrap_or_else(|| maybe.clone());
    if !query.exclude.is_empty() {
        let mut excl_maybe: Vec<u32> = Vec::new();
        for t in &query.exclude {
            let c = term_candidates(archive, t);
            maybe.retain(|&d| !contains(&c.sure, d));
            excl_maybe = union(&excl_maybe, &c.maybe);
        }
        sure.retain(|&d| !contains(&excl_maybe, d));
        sure = intersect(&sure, &maybe);
    }
    Found {
        maybe,
        sure,
        inside,
        within_of,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;
    use crate::search::testing::{corpus, Built, WORDS};

    #[test]
    fn maybe_from_the_characters_sure_from_the_words() {
        let b = Built::new(corpus(), WORDS).load_all();
        let f = find(&b.archive, &parse("平湖"), 6);
        assert_eq!(f.maybe, [0, 1, 2, 4]);
        // Only weighted postings are stored (headline, or two body mentions).
        assert_eq!(f.sure, [0, 4]);
        let f = find(&b.archive, &parse("平湖 OR 足球"), 6);
        assert_eq!(f.maybe, [0, 1, 2, 3, 4]);
    }

    #[test]
    fn exclusions_take_out_certain_then_possible_holders() {
        let b = Built::new(corpus(), WORDS).load_all();
        let f = find(&b.archive, &parse("平湖 -羽绒服"), 6);
        // 2 certainly holds 羽绒服 (its headline); the others may.
        assert_eq!(f.maybe, [0, 1, 4]);
        assert!(f.sure.is_empty());
    }

    #[test]
    fn no_text_is_every_document() {
        let b = Built::new(corpus(), WORDS).load_all();
        let f = find(&b.archive, &parse("版:1"), 6);
        assert_eq!(f.maybe, [0, 1, 2, 3, 4, 5]);
        assert_eq!(f.sure, f.maybe);
    }
}
