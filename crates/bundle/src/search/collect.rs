//! Collect: the candidates in result order, the page walked (checking the
//! unknown candidates it reaches, asking for the document shards of the hits
//! it shows), evidence for the estimated count, and the hits.

use std::collections::BTreeMap;

use super::filter::date_of;
use super::postings::Bits;
use super::results::{Hit, SearchRequest, Sort};
use super::snippet::snippet;
use super::verify::{Cands, Checker};
use crate::archive::Archive;
use crate::error::{note, Need};
use crate::format::entry_of;

/// Most document shards one round of the page walk asks for.
pub(crate) const MAX_ROUND_SHARDS: usize = 24;

/// A score as bits that sort as the score does (so `!bits` puts the
/// highest first).
pub(crate) fn ordered_bits(x: f32) -> u32 {
    let b = x.to_bits();
    if b >> 31 == 1 {
        !b
    } else {
        b | 1 << 31
    }
}

/// Per document (sorted or not), a number ordering its issue's date:
/// undated 0, then dates oldest first; issues of one date share it.
pub(crate) fn date_ranks(archive: &Archive, docs: &[u32]) -> Vec<u32> {
    let issues = &archive.manifest.issues;
    // Issues are in document order: by date as built, but an addition
    // (`kanbao build --into`) may add an older issue after newer ones.
    // Dates as numbers (20230803): sorting numbers reuses code the reader
    // has, where sorting strings would add 9 KB of wasm.
    let day = |d: &str| -> u32 {
        d.bytes().filter(u8::is_ascii_digit).fold(0u32, |n, b| {
            n.wrapping_mul(10).wrapping_add((b - b'0') as u32)
        })
    };
    let mut days: Vec<u32> = issues
        .iter()
        .filter_map(|e| e.issue.date.as_deref().map(day))
        .collect();
    days.sort_unstable();
    days.dedup();
    let rank_of_issue: Vec<u32> = issues
        .iter()
        .map(|e| {
            e.issue.date.as_deref().map_or(0, |d| {
                days.binary_search(&day(d)).map_or(0, |r| r as u32 + 1)
            })
        })
        .collect();
    docs.iter()
        .map(|&d| entry_of(issues, d).map_or(0, |i| rank_of_issue[i]))
        .collect()
}

/// Each candidate's place as one integer, smallest first, so ordering tens
/// of thousands of candidates is a sort of plain numbers; its low 32 bits
/// are the candidate's index (candidates are in document order, so the
/// index orders as the document does).
/// Relevance: score, then among equal scores known matches first, then
/// unchecked ones newest document first. (Taking them by document shard,
/// fullest first, checked more per load, but a progressive search could
/// then show no match while an unchecked newer one might still come
/// before it: at 100,000 articles newest first took the bytes before the
/// first results from p95 818 to 449 KB, p50 176 to 192 KB.)
/// Newest/Oldest: issue date, then document.
pub(crate) fn order_keys(archive: &Archive, sort: Sort, c: &Cands, scores: &[f32]) -> Vec<u128> {
    match sort {
        Sort::Relevance => c
            .status
            .iter()
            .zip(scores)
            .enumerate()
            .map(|(k, (&s, &score))| {
                (!ordered_bits(score) as u128) << 96
                    | (s.is_none() as u128) << 64
                    | !(k as u32) as u128
            })
            .collect(),
        Sort::Newest | Sort::Oldest => {
            let ranks = date_ranks(archive, &c.docs);
            ranks
                .into_iter()
                .enumerate()
                .map(|(k, r)| {
                    let r = if sort == Sort::Newest { !r } else { r };
                    (r as u128) << 32 | k as u128
                })
                .collect()
        }
    }
}

/// The candidate index of a key of [`order_keys`].
fn candidate_of(sort: Sort, key: u128) -> usize {
    (match sort {
        Sort::Relevance => !(key as u32),
        Sort::Newest | Sort::Oldest => key as u32,
    }) as usize
}

/// Document shards holding unsure candidates a progressive walk
/// ([`SearchRequest::progressive`]) has loaded before it shows the matches
/// found so far: about a third of a megabyte at 100,000 articles. A query
/// whose pairs of characters are all common may have tens of thousands of
/// candidates and few matches: there, the slowest first pages checked whole
/// archives (80 MB of text) for 7 matches. (One in unit tests, whose
/// archives are small.)
#[cfg(not(test))]
pub(crate) const PROGRESSIVE_AFTER: usize = 32;
#[cfg(test)]
pub(crate) const PROGRESSIVE_AFTER: usize = 1;

/// What the page walk found: the candidates on the page, in order, and how
/// many matches precede the walk's end; when the page is shown before it is
/// full, the files that go on with it.
pub(crate) struct Page {
    pub page: Vec<usize>,
    pub pos: usize,
    pub pending: Vec<String>,
}

/// The matches a progressive walk shows while it goes on: the page's
/// leading candidates that are known matches with their document loaded,
/// and by relevance, each ahead of every unknown candidate in the order
/// known matches take among themselves (score, then the newer document:
/// among equal scores known matches come before unknown ones, so one
/// found later could come first). Later matches only follow them.
fn shown_so_far(
    archive: &Archive,
    sort: Sort,
    c: &Cands,
    scores: &[f32],
    page: &[usize],
) -> Vec<usize> {
    let rank = |k: usize| (ordered_bits(scores[k]), k);
    let open = match sort {
        Sort::Relevance => (0..c.status.len())
            .filter(|&k| c.status[k].is_none())
            .map(rank)
            .max(),
        Sort::Newest | Sort::Oldest => None,
    };
    page.iter()
        .copied()
        .take_while(|&k| {
            c.status[k] == Some(true)
                && open.is_none_or(|o| rank(k) > o)
                && matches!(archive.article(c.docs[k]), Ok(Some(_)))
        })
        .collect()
}

/// The page: unknown candidates before its end must be checked, and its
/// hits need their documents for headline and snippet. An unknown
/// candidate counts as the share of hits among those checked so far (all
/// of it before any evidence), so when few candidates hold the query one
/// round asks for many shards instead of a round per few shards; a round
/// asks for at most [`MAX_ROUND_SHARDS`]. The walk looks for one hit past
/// the page, so that `has_more` can say whether a next page has any; then
/// evidence for the count is gathered ([`gather_evidence`]). Before any
/// document shard is asked for to check candidates, the query's pair shards
/// not loaded (`pairs`) are, which may rule those candidates out
/// ([`super::pairs`]). A progressive request that has loaded
/// [`PROGRESSIVE_AFTER`] document shards of unsure candidates shows the matches it has, if
/// any, with the files to load for the rest as `pending`.
pub(crate) fn walk(
    archive: &Archive,
    req: &SearchRequest,
    checker: &Checker,
    sure: &Bits,
    c: &mut Cands,
    scores: &[f32],
    pairs: &[String],
) -> Result<Page, Need> {
    let mut order = order_keys(archive, req.sort, c, scores);
    // Only the head the page needs is sorted up front (a common word at
    // 100,000 articles has tens of thousands of candidates); the walk below
    // sorts the rest if rejected candidates take it further.
    let head = req
        .offset
        .saturating_add(req.limit)
        .saturating_mul(2)
        .saturating_add(64);
    let mut sorted = order.len();
    if order.len() > head {
        order.select_nth_unstable(head);
        order[..head].sort_unstable();
        sorted = head;
    } else {
        order.sort_unstable();
    }
    let want = req.offset.saturating_add(req.limit);
    let look = want.saturating_add(1);
    let mut need = Vec::new();
    let mut page = Vec::new();
    let mut pos = 0usize;
    let mut expected = 0f64;
    for i in 0..order.len() {
        if expected >= look as f64 || need.len() >= MAX_ROUND_SHARDS {
            break;
        }
        if i == sorted {
            order[sorted..].sort_unstable();
        }
        let k = candidate_of(req.sort, order[i]);
        let s = match c.status[k] {
            Some(v) => Some(v),
            None => c.check(archive, checker, k),
        };
        if s == Some(false) {
            continue;
        }
        let on_page = pos >= req.offset && pos < want;
        if s.is_none() && !pairs.is_empty() {
            return Err(Need(pairs.to_vec()));
        }
        if s.is_none() || on_page {
            note(&mut need, archive.article(c.docs[k]));
        }
        expected += match s {
            Some(_) => 1.0,
            None => (c.held + 1) as f64 / (c.checked + 1) as f64,
        };
        if on_page {
            page.push(k);
        }
        pos += 1;
    }
    if !need.is_empty() && req.progressive && c.loaded_shards >= PROGRESSIVE_AFTER {
        let shown = shown_so_far(archive, req.sort, c, scores, &page);
        if !shown.is_empty() {
            return Ok(Page {
                pos: req.offset + shown.len(),
                page: shown,
                pending: need,
            });
        }
    }
    if need.is_empty() {
        gather_evidence(archive, checker, sure, c, &mut need);
    }
    if !need.is_empty() {
        return Err(Need(need));
    }
    Ok(Page {
        page,
        pos,
        pending: Vec::new(),
    })
}

/// The hits of the candidates on the page.
pub(crate) fn hits(
    archive: &Archive,
    docs: &[u32],
    page: &[usize],
    scores: &[f32],
    terms: &[String],
) -> Vec<Hit> {
    page.iter()
        .filter_map(|&k| {
            let d = docs[k];
            let a = archive.article(d).ok().flatten()?;
            Some(Hit {
                doc: d,
                article_id: a.id.clone(),
                headline: a.headline.clone(),
                date: date_of(archive, d).map(str::to_string),
                page: a.page,
                score: scores[k],
                snippet: snippet(a, terms),
            })
        })
        .collect()
}

/// Unsure candidates checked before the estimate of the unknown ones is
/// taken from their share of matches…
pub(crate) const MIN_EVIDENCE: u32 = 30;

/// …unless this many document shards with unsure candidates are loaded.
pub(crate) const EVIDENCE_SHARDS: usize = 4;

/// Evidence for the estimated count. When the unknown candidates sit in at
/// most [`EVIDENCE_SHARDS`] unloaded shards, all of those are asked for (the
/// count becomes exact for the price of the evidence). Otherwise, while fewer than [`MIN_EVIDENCE`]
/// unsure candidates were checked and some are unknown, those in loaded
/// shards are checked, then the shards holding the most unknown ones are
/// asked for, until [`EVIDENCE_SHARDS`] shards with unsure candidates are
/// loaded. (A page filled by certain matches checks none: the rate would
/// be a guess.)
pub(crate) fn gather_evidence(
    archive: &Archive,
    checker: &Checker,
    sure: &Bits,
    c: &mut Cands,
    need: &mut Vec<String>,
) {
    if !c.status.iter().any(Option::is_none) {
        return;
    }
    // Unknown candidates in so few shards that evidence would cost as much
    // as checking them all: ask for them all, and the count is exact.
    let mut few: Vec<usize> = c
        .docs
        .iter()
        .zip(&c.shards)
        .zip(c.status.iter())
        .filter(|((_, &sh), s)| s.is_none() && sh != usize::MAX && !archive.doc_shard_loaded(sh))
        .map(|((_, &sh), _)| sh)
        .collect();
    few.dedup();
    if !few.is_empty() && few.len() <= EVIDENCE_SHARDS {
        need.extend(
            few.iter()
                .map(|&sh| archive.manifest.doc_shards[sh].file.clone()),
        );
        return;
    }
    if c.checked >= MIN_EVIDENCE {
        return;
    }
    let mut unknown_in: BTreeMap<usize, u32> = BTreeMap::new();
    for k in 0..c.docs.len() {
        if c.status[k].is_some() || c.shards[k] == usize::MAX {
            continue;
        }
        if c.checked < MIN_EVIDENCE && c.check(archive, checker, k).is_some() {
            continue;
        }
        if !archive.doc_shard_loaded(c.shards[k]) {
            *unknown_in.entry(c.shards[k]).or_default() += 1;
        }
    }
    if c.checked >= MIN_EVIDENCE {
        return;
    }
    let mut loaded: Vec<usize> = c
        .docs
        .iter()
        .zip(&c.shards)
        .filter(|&(&d, &sh)| !sure.has(d) && archive.doc_shard_loaded(sh))
        .map(|(_, &sh)| sh)
        .collect();
    loaded.dedup();
    let mut fullest: Vec<(usize, u32)> = unknown_in.into_iter().collect();
    fullest.sort_by_key(|&(sh, c)| (std::cmp::Reverse(c), sh));
    let mut expect = c.checked;
    for (sh, c) in fullest
        .into_iter()
        .take(EVIDENCE_SHARDS.saturating_sub(loaded.len()))
    {
        if expect >= MIN_EVIDENCE {
            break;
        }
        need.push(archive.manifest.doc_shards[sh].file.clone());
        expect += c;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;
    use crate::search::testing::{corpus, Built, WORDS};

    fn certain(docs: &[u32]) -> Cands {
        Cands {
            docs: docs.to_vec(),
            shards: docs.iter().map(|&d| d as usize / 2).collect(),
            status: vec![Some(true); docs.len()],
            held: 0,
            checked: 0,
            loaded_shards: 0,
        }
    }

    #[test]
    fn candidates_order_by_score_or_date() {
        let b = Built::new(corpus(), WORDS);
        let c = certain(&[0, 2, 5]);
        let order = |sort: Sort| {
            let mut keys = order_keys(&b.archive, sort, &c, &[1.0, 3.0, 2.0]);
            keys.sort_unstable();
            keys.into_iter()
                .map(|k| candidate_of(sort, k))
                .collect::<Vec<_>>()
        };
        assert_eq!(order(Sort::Relevance), [1, 2, 0]);
        assert_eq!(order(Sort::Newest), [2, 1, 0]);
        assert_eq!(order(Sort::Oldest), [0, 1, 2]);
        assert_eq!(date_ranks(&b.archive, &[5, 0, 1]), [3, 1, 1]);
    }

    #[test]
    fn the_walk_asks_for_the_page_then_shows_it() {
        let mut b = Built::new(corpus(), WORDS);
        let mut c = certain(&[0, 1, 2, 4]);
        let scores = [1.0, 4.0, 3.0, 2.0];
        let req = SearchRequest {
            limit: 2,
            ..Default::default()
        };
        let checker = Checker::new(&parse("平湖"));
        let sure = Bits::of(&c.docs, 6);
        let need = walk(&b.archive, &req, &checker, &sure, &mut c, &scores, &[])
            .err()
            .unwrap();
        assert_eq!(need.0, ["docs/0000.js", "docs/0001.js"]);
        b.load(need);
        let page = walk(&b.archive, &req, &checker, &sure, &mut c, &scores, &[]).unwrap();
        // The page, and one match past it.
        assert_eq!((page.page.as_slice(), page.pos), (&[1, 2][..], 3));
        let hits = hits(&b.archive, &c.docs, &page.page, &scores, &["平湖".into()]);
        let docs: Vec<u32> = hits.iter().map(|h| h.doc).collect();
        assert_eq!(docs, [1, 2]);
        assert_eq!(hits[0].date.as_deref(), Some("2023-01-01"));
        assert_eq!(hits[1].headline, "羽绒服");
        assert_eq!(hits[0].score, 4.0);
    }

    #[test]
    fn a_progressive_walk_shows_the_matches_it_has_while_it_checks() {
        let mut b = Built::new(corpus(), WORDS);
        // Document 0 a match checked against its text, in as many loaded
        // shards as PROGRESSIVE_AFTER is in unit tests; 2 unknown, 4
        // certain from the index.
        let mut c = certain(&[0, 2, 4]);
        c.status[1] = None;
        c.loaded_shards = PROGRESSIVE_AFTER;
        let scores = [3.0, 2.0, 1.0];
        let checker = Checker::new(&parse("平湖"));
        let sure = Bits::of(&[4], 6);
        b.load(Need(vec!["docs/0000.js".into()]));
        let mut req = SearchRequest {
            limit: 3,
            ..Default::default()
        };
        let files = ["docs/0001.js", "docs/0002.js"];
        let need = walk(&b.archive, &req, &checker, &sure, &mut c, &scores, &[]);
        assert_eq!(need.err().unwrap().0, files);
        req.progressive = true;
        let page = walk(&b.archive, &req, &checker, &sure, &mut c, &scores, &[]).unwrap();
        // Only the leading match whose text is loaded: an unknown candidate
        // may yet come between it and the next.
        assert_eq!((page.page.as_slice(), page.pos), (&[0][..], 1));
        assert_eq!(page.pending, files);
        // A match scored as an unknown newer candidate is not shown:
        // checked, that one would come first.
        let tied = [2.0, 2.0, 1.0];
        assert!(walk(&b.archive, &req, &checker, &sure, &mut c, &tied, &[]).is_err());
        // Fewer shards loaded: the page is waited for.
        c.loaded_shards = PROGRESSIVE_AFTER - 1;
        assert!(walk(&b.archive, &req, &checker, &sure, &mut c, &scores, &[]).is_err());
    }

    #[test]
    fn unknown_candidates_in_few_shards_are_all_asked_for() {
        let b = Built::new(corpus(), WORDS);
        let mut c = certain(&[0, 4]);
        c.status[1] = None;
        let mut need = Vec::new();
        gather_evidence(
            &b.archive,
            &Checker::new(&parse("平湖")),
            &Bits::of(&[0], 6),
            &mut c,
            &mut need,
        );
        assert_eq!(need, ["docs/0002.js"]);
    }
}
