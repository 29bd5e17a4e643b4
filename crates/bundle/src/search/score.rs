//! Score: BM25F over the query words' weighted postings (headline, other
//! fields, body; see [`crate::index::field_bits`]), then bonuses that rank
//! first what holds the query in its headline and, when pinyin widened the
//! query, what holds what was typed.

use super::candidates::{term_candidates, Found};
use super::plan::{query_words, Plan};
use super::postings::{contains, union, Postings};
use super::query::Query;
use crate::archive::Archive;
use crate::format::codec::{BODY_LEVEL_SHIFT, HEADLINE_LEVEL_SHIFT};
use crate::index::norms::{level_lengths, MAX_LEVEL};

/// Added to the score of a document certain to hold what was typed when
/// pinyin expansions widened the query: above any BM25F score.
pub(crate) const LITERAL_BONUS: f32 = 1000.0;

/// Added to the score of a document whose headline holds the query (see
/// [`headline_holds`]): above any BM25F score, below [`LITERAL_BONUS`], so
/// such articles rank first, among themselves by relevance.
pub(crate) const HEADLINE_BONUS: f32 = 100.0;

/// The score of each of `docs` (sorted): BM25F plus the bonuses.
pub(crate) fn score(archive: &Archive, plan: &Plan, found: &Found, docs: &[u32]) -> Vec<f32> {
    let words = query_words(archive, &plan.terms);
    let headline = headline_holds(archive, docs, &plan.query, &found.within_of);
    let inside: Vec<&Postings> = found.inside.iter().collect();
    let mut scores = bm25f(archive, docs, &words, &inside);
    for (s, h) in scores.iter_mut().zip(headline) {
        if h {
            *s += HEADLINE_BONUS;
        }
    }
    if plan.expanded {
        // Documents certain to hold a typed term, before expansions only.
        let mut literal: Vec<u32> = Vec::new();
        for t in &plan.typed {
            literal = union(&literal, &term_candidates(archive, t).sure);
        }
        for (s, &d) in scores.iter_mut().zip(docs) {
            if contains(&literal, d) {
                *s += LITERAL_BONUS;
            }
        }
    }
    scores
}

/// Per candidate (`cands` sorted), whether its headline holds the query as
/// the index tells: for every clause, some term in the headline. A term is
/// there when a dictionary word holding it (`within`: 下岗 in 下岗职工) has
/// the headline bit; a phrase, when its words (as the query is segmented, of
/// two or more characters) all have it. A single character is not known to
/// be in a headline.
pub(crate) fn headline_holds(
    archive: &Archive,
    cands: &[u32],
    query: &Query,
    within_of: &[Vec<Option<Postings>>],
) -> Vec<bool> {
    let idx = &archive.index;
    // Marks the candidates whose weights in `docs`/`tf` have the headline bit.
    let mark = |docs: &[u32], tf: &[u32]| -> Vec<bool> {
        let mut out = vec![false; cands.len()];
        let mut from = 0;
        for (&d, &w) in docs.iter().zip(tf) {
            if w & 0x80 == 0 {
                continue;
            }
            from += cands[from..].partition_point(|&c| c < d);
            if cands.get(from) == Some(&d) {
                out[from] = true;
            }
        }
        out
    };
    let mut all = vec![true; cands.len()];
    for (clause, withins) in query.clauses.iter().zip(within_of) {
        let mut any = vec![false; cands.len()];
        for (t, within) in clause.any.iter().zip(withins) {
            if let Some(p) = within {
                for (a, h) in any.iter_mut().zip(mark(&p.docs, &p.tf)) {
                    *a |= h;
                }
                continue;
            }
            let words: Vec<String> = query_words(archive, std::slice::from_ref(&t.text))
                .into_iter()
                .filter(|w| w.chars().count() >= 2)
                .collect();
            let mut holds: Option<Vec<bool>> = None;
            for w in &words {
                let posting = w
                    .chars()
                    .next()
                    .and_then(|c| idx.shard_for(c).ok())
                    .and_then(|s| s.words.get(w));
                let m = match posting {
                    Some(e) => mark(e.docs(), e.tf()),
                    None => vec![false; cands.len()],
                };
                holds = Some(match holds {
                    None => m,
                    Some(h) => h.iter().zip(&m).map(|(a, b)| *a && *b).collect(),
                });
            }
            let Some(holds) = holds else {
                continue;
            };
            for (a, h) in any.iter_mut().zip(holds) {
                *a |= h;
            }
        }
        for (a, h) in all.iter_mut().zip(any) {
            *a &= h;
        }
    }
    if query.clauses.is_empty() {
        all.iter_mut().for_each(|a| *a = false);
    }
    all
}

/// Field weights of BM25F: headline, kicker/subheadline/byline, body.
pub(crate) const W_HEADLINE: f32 = 5.0;
pub(crate) const W_OTHER: f32 = 2.0;

/// BM25F scores of `cands` for the query words (words from word postings,
/// single characters by presence alone) and for the terms found only inside
/// words (`inside`: those words' merged postings, as one pseudo-word).
pub(crate) fn bm25f(
    archive: &Archive,
    cands: &[u32],
    words: &[String],
    inside: &[&Postings],
) -> Vec<f32> {
    const B: f32 = 0.75;
    let idx = &archive.index;
    let n = idx.meta.docs.max(1) as f32;
    let avg = idx.meta.avg_len.max(1.0);
    let avg_h = idx.meta.avg_headline_len.max(1.0);
    let mut scores = vec![0f32; cands.len()];
    // Per posting: 1 / length normalisation of body and headline, worked
    // out only for the candidates a word's postings hold (a common word has
    // tens of thousands of candidates, most in no word's weighted postings).
    // The lengths are in the posting's weight word (a large archive) or in
    // the doc info.
    let mut infos = idx.info_cursor();
    let table: Vec<f32> = level_lengths().into_iter().map(|l| l as f32).collect();
    let level = |w: u32, shift: u32| table[((w >> shift) & 0xFF).min(MAX_LEVEL) as usize];
    let mut norm = |d: u32, w: u32| {
        let (len, hlen) = if idx.meta.posting_norms {
            (level(w, BODY_LEVEL_SHIFT), level(w, HEADLINE_LEVEL_SHIFT))
        } else {
            match infos.get(d) {
                Some((info, i)) => (info.len[i] as f32, info.hlen[i] as f32),
                None => (avg, avg_h),
            }
        };
        (
            1.0 / (1.0 - B + B * len / avg),
            1.0 / (1.0 - B + B * hlen / avg_h),
        )
    };
    let idf = |df: usize| (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln();
    for w in words {
        let Some(c) = w.chars().next() else { continue };
        let Ok(shard) = idx.shard_for(c) else {
            continue;
        };
        if let Some(e) = shard.words.get(w) {
            add_bm25f(
                &mut scores,
                cands,
                &mut norm,
                e.docs(),
                e.tf(),
                idf(e.docs().len()),
            );
        } else if w.chars().count() == 1 {
            let df = shard.chars.get(&c).map_or(0, |v| v.docs().len());
            let idf = idf(df) * 0.5;
            for s in &mut scores {
                *s += idf;
            }
        }
    }
    for p in inside {
        add_bm25f(
            &mut scores,
            cands,
            &mut norm,
            &p.docs,
            &p.tf,
            idf(p.docs.len()),
        );
    }
    scores
}

/// Adds one word's BM25F contribution to the scores of `cands` (sorted).
pub(crate) fn add_bm25f(
    scores: &mut [f32],
    cands: &[u32],
    norm: &mut impl FnMut(u32, u32) -> (f32, f32),
    docs: &[u32],
    tf: &[u32],
    idf: f32,
) {
    const K1: f32 = 1.2;
    let mut add = |i: usize, j: usize| {
        let w = tf[j];
        let (nb, nh) = norm(cands[i], w);
        let tf = (w & 0x3F) as f32 * nb
            + if w & 0x80 != 0 { W_HEADLINE * nh } else { 0.0 }
            + if w & 0x40 != 0 { W_OTHER } else { 0.0 };
        scores[i] += idf * tf * (K1 + 1.0) / (tf + K1);
    };
    if docs.len() * 32 < cands.len() {
        // Far fewer postings than candidates: look each up, moving forward.
        let mut from = 0;
        for (j, &d) in docs.iter().enumerate() {
            from += cands[from..].partition_point(|&c| c < d);
            if cands.get(from) == Some(&d) {
                add(from, j);
            }
        }
        return;
    }
    let (mut i, mut j) = (0, 0);
    while i < cands.len() && j < docs.len() {
        match cands[i].cmp(&docs[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                add(i, j);
                i += 1;
                j += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::candidates::find;
    use crate::search::plan::plan;
    use crate::search::query::parse;
    use crate::search::testing::{corpus, Built, WORDS};

    #[test]
    fn bm25f_scores_the_weighted_postings() {
        let b = Built::new(corpus(), WORDS).load_all();
        let docs = [0, 1, 2, 4];
        let s = bm25f(&b.archive, &docs, &["羽绒服".into()], &[]);
        // Only 2 (in its headline) has a stored posting of 羽绒服.
        assert!(s[2] > 0.0);
        assert!(s[0] == 0.0 && s[1] == 0.0 && s[3] == 0.0);
    }

    #[test]
    fn lengths_from_the_postings_score_as_lengths_from_the_doc_info() {
        let docs = [0, 1, 2, 4];
        let words = ["羽绒服".to_string(), "平湖".to_string()];
        let score = |large: bool| {
            let b = Built::with(corpus(), WORDS, large).load_all();
            assert_eq!(b.archive.index.meta.posting_norms, large);
            bm25f(&b.archive, &docs, &words, &[])
        };
        let (small, large) = (score(false), score(true));
        assert!(small.iter().any(|&s| s > 0.0));
        assert_eq!(small, large);
    }

    #[test]
    fn a_headline_holding_the_query_ranks_first() {
        let b = Built::new(corpus(), WORDS).load_all();
        let p = plan(&b.archive, parse("羽绒服")).unwrap();
        let f = find(&b.archive, &p.query, 6);
        let headline = headline_holds(&b.archive, &f.maybe, &p.query, &f.within_of);
        assert_eq!(headline, [false, false, true, false]);
        let s = score(&b.archive, &p, &f, &f.maybe);
        assert!(s[2] > HEADLINE_BONUS);
        assert!(s
            .iter()
            .enumerate()
            .all(|(i, &x)| i == 2 || x < HEADLINE_BONUS));
    }
}
