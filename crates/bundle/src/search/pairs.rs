//! Pairs: candidates ruled out by the index's pair shards
//! ([`crate::index::pairs`]) before any is checked against its text. A
//! document that may hold a term holds each of its adjacent pairs of word
//! characters: one missing a rare pair of the term, or any document when a
//! pair is in none, cannot hold it. The pair shards are asked for only when
//! the page walk would otherwise load document shards to check candidates
//! (`collect::walk`), or for an exhaustive search: a query whose page is
//! filled by matches certain from the index needs none.

use super::postings::{contains, intersect, union, Bits};
use super::query::{Query, Term};
use crate::archive::Archive;
use crate::index::pairs::{pairs_in, PAIR_BLOCK};
use crate::index::Pair;

/// The pairs of word characters next to each other in `t`, as the index
/// records them of a document.
fn pairs_of(t: &Term) -> impl Iterator<Item = (char, char)> + '_ {
    pairs_in(&t.text)
}

/// The pair shards the query's terms need that are not loaded (none when
/// the bundle has no pair shards).
pub(crate) fn need(archive: &Archive, query: &Query) -> Vec<String> {
    let mut files: Vec<String> = Vec::new();
    for t in query.clauses.iter().flat_map(|c| &c.any) {
        for (a, b) in pairs_of(t) {
            if let Err(f) = archive.index.pair(a, b) {
                if !files.contains(&f) {
                    files.push(f);
                }
            }
        }
    }
    files.sort();
    files
}

/// The blocks of documents ([`PAIR_BLOCK`]) of the index that may hold `t`
/// by its pairs in loaded shards (sorted); `None` when they rule out none.
fn may_hold(archive: &Archive, t: &Term) -> Option<Vec<u32>> {
    let mut docs: Option<Vec<u32>> = None;
    for (a, b) in pairs_of(t) {
        match archive.index.pair(a, b) {
            Ok(Some(Pair::Absent)) => return Some(Vec::new()),
            Ok(Some(Pair::Rare(d))) => {
                docs = Some(match docs {
                    None => d.to_vec(),
                    Some(x) => intersect(&x, d),
                });
            }
            _ => {}
        }
    }
    docs
}

/// Takes out of `maybe` the candidates that cannot hold the query by the
/// loaded pair shards: per clause, a candidate stays when one of its terms
/// may be in it. Certain candidates (`sure`) and those of index segments
/// (which have no pair shards) always stay.
pub(crate) fn rule_out(archive: &Archive, query: &Query, sure: &Bits, maybe: &mut Vec<u32>) {
    let base = archive.index.meta.docs;
    for clause in &query.clauses {
        let mut allowed: Vec<u32> = Vec::new();
        let mut restricts = true;
        for t in &clause.any {
            match may_hold(archive, t) {
                Some(d) => allowed = union(&allowed, &d),
                None => restricts = false,
            }
        }
        if restricts {
            maybe.retain(|&d| d >= base || sure.has(d) || contains(&allowed, d / PAIR_BLOCK));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;
    use crate::search::testing::{corpus, Built, WORDS};

    #[test]
    fn pair_shards_rule_out_what_cannot_hold_the_query() {
        let mut b = Built::new(corpus(), WORDS);
        let q = parse("湖足");
        let need = need(&b.archive, &q);
        assert_eq!(need.len(), 1);
        b.load(crate::error::Need(need));
        assert!(super::need(&b.archive, &q).is_empty());
        // No document prints 湖 before 足: every candidate goes.
        let mut maybe = vec![0, 1, 2, 3];
        rule_out(&b.archive, &q, &Bits::of(&[], 6), &mut maybe);
        assert!(maybe.is_empty());
        // A certain candidate stays, and so does one of an index segment
        // (numbered from the index's documents on), which has no pairs.
        let mut maybe = vec![0, 2, 6];
        rule_out(&b.archive, &q, &Bits::of(&[2], 7), &mut maybe);
        assert_eq!(maybe, [2, 6]);
    }

    #[test]
    fn the_search_asks_for_pair_shards_before_document_shards() {
        let mut b = Built::new(corpus(), WORDS);
        let req = crate::search::SearchRequest {
            query: "湖绒".into(),
            ..Default::default()
        };
        let mut asked: Vec<String> = Vec::new();
        let res = loop {
            match b.archive.search(&req) {
                Ok(r) => break r,
                Err(need) => {
                    asked.extend(need.0.iter().cloned());
                    b.load(need);
                }
            }
        };
        // 湖 and 绒 are both in documents 0, 1, 2 and 4, never in a row: the
        // pair shard says so, and no document shard is read.
        assert!(res.hits.is_empty() && res.exact && res.total == 0);
        assert!(asked.iter().any(|f| f.starts_with("index/b")), "{asked:?}");
        assert!(!asked.iter().any(|f| f.starts_with("docs/")), "{asked:?}");
    }
}
