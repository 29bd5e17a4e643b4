//! Facets: counts of the matches by year, month, issue, page, author and
//! kind, over the candidates not ruled out (a certain match counts one, an
//! unknown candidate the observed share of matches, so they add up to the
//! total).

use std::collections::BTreeMap;

use super::results::{FacetCount, Facets};
use super::verify::Cands;
use crate::archive::Archive;
use crate::format::ArticleKind;

/// Facets of the candidates not ruled out, an unknown one counting `rate`;
/// by page, kind and byline only `with_info` (all their doc info loaded).
pub(crate) fn of_candidates(archive: &Archive, c: &Cands, rate: f64, with_info: bool) -> Facets {
    let (kept, weights): (Vec<u32>, Vec<f32>) = c
        .docs
        .iter()
        .zip(&c.status)
        .filter_map(|(&d, s)| match s {
            Some(true) => Some((d, 1.0)),
            Some(false) => None,
            None => Some((d, rate as f32)),
        })
        .unzip();
    let mut f = facets(archive, &kept, &weights);
    if !with_info {
        (f.pages, f.kinds, f.authors) = Default::default();
    }
    f
}

/// Facet counts of `docs` (sorted), each document counting its weight
/// (one for a certain match, less for a candidate that may not be one);
/// counts are the rounded sums.
pub(crate) fn facets(archive: &Archive, docs: &[u32], weights: &[f32]) -> Facets {
    debug_assert!(docs.windows(2).all(|w| w[0] < w[1]));
    debug_assert_eq!(docs.len(), weights.len());
    // Documents (sorted) are counted per issue (an issue's documents are
    // contiguous), and doc-info facts per doc-info shard, each shard's run
    // of documents in a loop of its own: a common word's tens of thousands
    // of matches cost a few array reads each, no allocation.
    let m = &archive.manifest;
    let per_issue = per_issue(archive, docs, weights);
    let InfoCounts {
        pages,
        kinds,
        authors: author_counts,
    } = info_counts(archive, docs, weights);
    let mut years: BTreeMap<&str, f64> = BTreeMap::new();
    let mut months: BTreeMap<&str, f64> = BTreeMap::new();
    let mut issues: BTreeMap<usize, f64> = BTreeMap::new();
    let mut undated = 0f64;
    for &(i, c) in &per_issue {
        *issues.entry(i).or_default() += c;
        match m.issues[i].issue.date.as_deref() {
            Some(date)
                if date.len() >= 7 && date.is_char_boundary(4) && date.is_char_boundary(7) =>
            {
                *years.entry(&date[..4]).or_default() += c;
                *months.entry(&date[..7]).or_default() += c;
            }
            Some(_) => {}
            None => undated += c,
        }
    }
    let authors = author_totals(archive, &author_counts);
    let round = |c: f64| c.round() as usize;
    // Values whose count rounds to nothing are left out.
    let list = |it: Vec<(String, f64)>| -> Vec<FacetCount> {
        it.into_iter()
            .map(|(value, c)| FacetCount {
                value,
                count: round(c),
            })
            .filter(|f| f.count > 0)
            .collect()
    };
    let owned = |m: BTreeMap<&str, f64>| -> Vec<(String, f64)> {
        m.into_iter().map(|(k, c)| (k.to_string(), c)).collect()
    };
    let by_count = |m: Vec<(String, f64)>| {
        let mut v = list(m);
        v.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
        v
    };
    Facets {
        years: list(owned(years)),
        months: list(owned(months)),
        issues: list(
            issues
                .into_iter()
                .map(|(i, c)| (m.issues[i].issue.id.clone(), c))
                .collect(),
        ),
        pages: list(pages.into_iter().map(|(p, c)| (p.to_string(), c)).collect()),
        authors: by_count(owned(authors)),
        kinds: by_count(
            ArticleKind::ALL
                .iter()
                .zip(kinds)
                .filter(|&(_, c)| c > 0.0)
                .map(|(k, c)| (k.as_str().to_string(), c))
                .collect(),
        ),
        undated: round(undated),
    }
}

/// Per issue holding some of `docs` (sorted), the sum of their weights, in
/// issue order.
fn per_issue(archive: &Archive, docs: &[u32], weights: &[f32]) -> Vec<(usize, f64)> {
    let m = &archive.manifest;
    let mut per_issue: Vec<(usize, f64)> = Vec::new();
    let mut ii = 0usize;
    for (&d, &w) in docs.iter().zip(weights) {
        while ii < m.issues.len() && m.issues[ii].first_doc + m.issues[ii].article_count <= d {
            ii += 1;
        }
        if ii < m.issues.len() && m.issues[ii].first_doc <= d {
            match per_issue.last_mut() {
                Some((j, c)) if *j == ii => *c += w as f64,
                _ => per_issue.push((ii, w as f64)),
            }
        }
    }
    per_issue
}

/// The doc-info facts of the matches summed: per page, per kind, and per
/// doc-info shard a count per byline name (names are numbered per shard).
struct InfoCounts {
    pages: BTreeMap<u32, f64>,
    kinds: [f64; ArticleKind::ALL.len()],
    authors: Vec<Vec<f32>>,
}

fn info_counts(archive: &Archive, docs: &[u32], weights: &[f32]) -> InfoCounts {
    let mut pages: BTreeMap<u32, f64> = BTreeMap::new();
    let mut page_counts = vec![0f64; 1024];
    let mut kinds = [0f64; ArticleKind::ALL.len()];
    // Per doc-info shard, a count per byline name (names are numbered per
    // shard): an array, not a map, as a common word counts tens of thousands.
    let mut author_counts: Vec<Vec<f32>> = vec![Vec::new(); archive.index.info.len()];
    let mut from = 0usize;
    for (shard, e) in archive.index.meta.doc_info.iter().enumerate() {
        let a = from + docs[from..].partition_point(|&d| d < e.first_doc);
        let b = a + docs[a..].partition_point(|&d| d < e.first_doc.saturating_add(e.count));
        from = b;
        let (Some(Some(info)), false) = (archive.index.info.get(shard), a == b) else {
            continue;
        };
        let counts = &mut author_counts[shard];
        for (&d, &w) in docs[a..b].iter().zip(&weights[a..b]) {
            let i = (d - e.first_doc) as usize;
            match info.page.get(i).copied().unwrap_or(0) {
                0 => {}
                p if p < 1024 => page_counts[p as usize] += w as f64,
                p => *pages.entry(p).or_default() += w as f64,
            }
            if let Some(k) = info.kind.get(i).and_then(|&k| kinds.get_mut(k as usize)) {
                *k += w as f64;
            }
            let ids = info.authors(i);
            if !ids.is_empty() {
                if counts.is_empty() {
                    counts.resize(info.names.len(), 0.0);
                }
                for &a in ids {
                    if let Some(c) = counts.get_mut(a as usize) {
                        *c += w;
                    }
                }
            }
        }
    }
    for (p, &c) in page_counts.iter().enumerate() {
        if c > 0.0 {
            pages.insert(p as u32, c);
        }
    }
    InfoCounts {
        pages,
        kinds,
        authors: author_counts,
    }
}

/// Each byline name's count over the doc-info shards.
fn author_totals<'a>(archive: &'a Archive, author_counts: &[Vec<f32>]) -> BTreeMap<&'a str, f64> {
    let mut authors: BTreeMap<&str, f64> = BTreeMap::new();
    for (shard, counts) in author_counts.iter().enumerate() {
        let Some(Some(info)) = archive.index.info.get(shard) else {
            continue;
        };
        for (name, &c) in info.names.iter().zip(counts) {
            if c > 0.0 {
                *authors.entry(name.as_str()).or_default() += c as f64;
            }
        }
    }
    authors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::testing::{corpus, Built, WORDS};

    #[test]
    fn certain_matches_count_one_unknown_ones_the_rate() {
        let b = Built::new(corpus(), WORDS).load_all();
        let c = Cands {
            docs: vec![0, 1, 2, 3],
            shards: vec![0, 0, 1, 1],
            status: vec![Some(true), Some(false), Some(true), None],
            held: 0,
            checked: 0,
            loaded_shards: 0,
        };
        let f = of_candidates(&b.archive, &c, 0.4, true);
        let fc = |value: &str, count| FacetCount {
            value: value.into(),
            count,
        };
        assert_eq!(f.years, [fc("2023", 2)]);
        assert_eq!(f.months, [fc("2023-01", 2)]);
        assert_eq!(f.issues, [fc("2023-01-01", 1), fc("2023-01-02", 1)]);
        assert_eq!(f.pages, [fc("1", 2)]);
        // The photo counts 0.4, which rounds to nothing.
        assert_eq!(f.kinds, [fc("news", 2)]);
        assert_eq!(f.authors, [fc("王平", 1)]);
        assert_eq!(f.undated, 0);
        let all = of_candidates(&b.archive, &c, 1.0, true);
        assert_eq!(all.kinds, [fc("news", 2), fc("photo", 1)]);
        let dated = of_candidates(&b.archive, &c, 1.0, false);
        assert!(dated.kinds.is_empty() && dated.pages.is_empty() && dated.authors.is_empty());
        assert_eq!(dated.years, all.years);
    }
}
