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
    /// The files each query loaded before its first results, in order.
    pub loaded: Vec<Vec<String>>,
    /// The files each query loaded before its full first page: more than
    /// `loaded` when the first results came before the page was full
    /// ([`SearchRequest::progressive`], as the reader asks).
    pub full: Vec<Vec<String>>,
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
        full: Vec::new(),
        facets: Vec::new(),
        exact: 0,
    };
    for q in queries {
        let mut a = open(bundle)?;
        // Every file loaded, with its bytes.
        let loaded = std::cell::RefCell::new(Vec::<(String, usize)>::new());
        let mut load = loader(bundle);
        let mut counted = |f: &str| {
            let s = load(f)?;
            loaded.borrow_mut().push((f.to_string(), s.len()));
            Ok::<_, anyhow::Error>(s)
        };
        let mut req = SearchRequest {
            query: q.text.clone(),
            limit: 10,
            doc_info_facets: false,
            progressive: true,
            ..Default::default()
        };
        let t = Instant::now();
        let res = a
            .resolve(&mut counted, |a| a.search(&req))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let first = loaded.borrow().len();
        if !res.pending.is_empty() {
            req.progressive = false;
            a.resolve(&mut counted, |a| a.search(&req))
                .map_err(|e| anyhow::anyhow!("{e}"))?;
        }
        let (names, bytes): (Vec<String>, Vec<usize>) = loaded.take().into_iter().unzip();
        let bytes: usize = bytes[..first].iter().sum();
        c.exact += usize::from(res.exact);
        c.ms.push(ms);
        c.bytes.push(bytes as f64);
        c.files.push(first as f64);
        c.loaded.push(names[..first].to_vec());
        c.full.push(names);
        req.doc_info_facets = true;
        a.resolve(&mut counted, |a| a.search(&req))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        c.facets
            .push(loaded.take().into_iter().map(|(n, _)| n).collect());
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
