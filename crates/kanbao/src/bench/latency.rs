//! Time to the first page of results: cold (a fresh archive per query,
//! files read from disk and counted) and warm (everything loaded).

use std::path::Path;
use std::time::Instant;

use anyhow::Result;
use kanbao_bundle::search::SearchRequest;
use kanbao_bundle::Archive;

use super::BenchQuery;
use crate::bundle_dir::{loader, open};

/// Per query, from a fresh archive: milliseconds, bytes and files loaded
/// before the first page of results, asked as the reader asks it (facets by
/// page, kind and byline left for the next request); and how many pages had
/// exact counts.
pub(super) struct Cold {
    pub ms: Vec<f64>,
    pub bytes: Vec<f64>,
    pub files: Vec<f64>,
    /// The files each query loaded, in order.
    pub loaded: Vec<Vec<String>>,
    /// The files the reader's next request, for those facets, loaded.
    pub facets: Vec<Vec<String>>,
    pub exact: usize,
}

pub(super) fn cold(bundle: &Path, queries: &[BenchQuery]) -> Result<Cold> {
    let mut c = Cold {
        ms: Vec::new(),
        bytes: Vec::new(),
        files: Vec::new(),
        loaded: Vec::new(),
        facets: Vec::new(),
        exact: 0,
    };
    for q in queries {
        let mut a = open(bundle)?;
        let mut bytes = 0usize;
        let mut names = Vec::new();
        let mut load = loader(bundle);
        let mut req = SearchRequest {
            query: q.text.clone(),
            limit: 10,
            doc_info_facets: false,
            ..Default::default()
        };
        let t = Instant::now();
        let res = a
            .resolve(
                |f: &str| {
                    let s = load(f)?;
                    bytes += s.len();
                    names.push(f.to_string());
                    Ok::<_, anyhow::Error>(s)
                },
                |a| a.search(&req),
            )
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        c.exact += usize::from(res.exact);
        c.ms.push(t.elapsed().as_secs_f64() * 1e3);
        c.bytes.push(bytes as f64);
        c.files.push(names.len() as f64);
        c.loaded.push(names);
        req.doc_info_facets = true;
        let mut names = Vec::new();
        a.resolve(
            |f: &str| {
                names.push(f.to_string());
                load(f)
            },
            |a| a.search(&req),
        )
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        c.facets.push(names);
    }
    Ok(c)
}

/// Milliseconds per query with everything loaded, first page only.
pub(super) fn warm(archive: &Archive, queries: &[BenchQuery]) -> Vec<f64> {
    queries
        .iter()
        .map(|q| {
            let req = SearchRequest {
                query: q.text.clone(),
                limit: 10,
                ..Default::default()
            };
            let t = Instant::now();
            let _ = archive.search(&req);
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect()
}
