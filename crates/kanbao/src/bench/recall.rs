//! Substring recall against the brute-force scan (every match found, and
//! what else was returned), per query kind, and known-item MRR@10.

use std::path::Path;

use anyhow::Result;
use kanbao_bundle::search::{SearchRequest, Sort};
use kanbao_bundle::Archive;

use super::{BenchQuery, BruteForce};
use crate::bundle_dir::loader;

/// Substring recall against brute force, and known-item MRR@10.
#[derive(Default)]
pub(super) struct Recall {
    pub missed: usize,
    pub expected: usize,
    pub extra: usize,
    pub with_misses: usize,
    pub per_kind: std::collections::BTreeMap<&'static str, (usize, usize)>,
    pub mrr_sum: f64,
    pub known: usize,
    pub truths: Vec<Vec<u32>>,
}

impl Recall {
    pub fn mrr(&self) -> f64 {
        if self.known > 0 {
            self.mrr_sum / self.known as f64
        } else {
            0.0
        }
    }
}

/// Runs every query exhaustively against `archive` and compares with `brute`;
/// known items again for their first page, ranked by relevance.
pub(super) fn recall(
    bundle: &Path,
    archive: &mut Archive,
    brute: &BruteForce,
    queries: &[BenchQuery],
    n: u32,
) -> Result<Recall> {
    let mut r = Recall::default();
    for q in queries {
        let truth = brute.matches(&q.text);
        let req = SearchRequest {
            query: q.text.clone(),
            limit: n as usize,
            exhaustive: true,
            ..Default::default()
        };
        let res = archive
            .resolve(loader(bundle), |a| a.search(&req))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut got: Vec<u32> = res.hits.iter().map(|h| h.doc).collect();
        got.sort_unstable();
        let m = truth
            .iter()
            .filter(|d| got.binary_search(d).is_err())
            .count();
        r.missed += m;
        r.with_misses += usize::from(m > 0);
        r.expected += truth.len();
        r.extra += got
            .iter()
            .filter(|d| truth.binary_search(d).is_err())
            .count();
        let e = r.per_kind.entry(q.kind).or_default();
        e.0 += truth.len() - m;
        e.1 += truth.len();
        if let Some(target) = q.target {
            let req = SearchRequest {
                query: q.text.clone(),
                limit: 10,
                sort: Sort::Relevance,
                ..Default::default()
            };
            let res = archive
                .resolve(loader(bundle), |a| a.search(&req))
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            r.known += 1;
            if let Some(rank) = res.hits.iter().position(|h| h.doc == target) {
                r.mrr_sum += 1.0 / (rank + 1) as f64;
            }
        }
        r.truths.push(truth);
    }
    Ok(r)
}
