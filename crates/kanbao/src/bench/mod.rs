//! `kanbao bench`: measures a bundle as the reader would use it — size on the
//! wire against the raw text, bytes a first query loads, latency, substring
//! recall against a brute-force scan, and known-item MRR@10. With `--replicate`
//! it first builds a large bundle from a feed, dates shifted per copy.
//!
//! [`bench`] runs the steps in turn: the sizes (`sizes.rs`), the queries
//! (`queries.rs`, generated or from a file), the cold and warm latency
//! (`latency.rs`), recall and MRR against the brute-force scan (`recall.rs`,
//! `brute.rs`), and the report and export (`report.rs`).

mod brute;
mod latency;
mod queries;
mod recall;
mod replicate;
mod report;
mod sizes;

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use kanbao_bundle::Article;

pub use brute::BruteForce;
pub use queries::{generate, BenchQuery};
pub use replicate::replicate;
pub use sizes::{sizes, Sizes};

use latency::{cold, warm};
use queries::queries;
use recall::recall;
use report::{export, print_queries, print_wire, summary};
use sizes::print_sizes;

use crate::bundle_dir::{loader, open};

/// What `kanbao bench` is asked to measure.
pub struct Options {
    pub queries: Option<std::path::PathBuf>,
    pub count: usize,
    pub quality: u32,
    /// Write `queries.json` (with the brute-force matches), `articles.jsonl`
    /// (the text searched) and `kanbao.json` (these numbers) here, so other
    /// engines can be scored on exactly the same queries and text.
    pub export: Option<std::path::PathBuf>,
}

/// Every article the bundle lists, in document order (not those of an issue
/// an addition replaced, which no search finds).
pub fn all_articles(bundle: &Path) -> Result<Vec<(u32, Article)>> {
    let mut archive = open(bundle)?;
    // Everything loaded: no eviction here.
    archive.doc_budget = usize::MAX;
    let n = archive.manifest.article_count;
    archive
        .resolve(loader(bundle), |a| {
            a.articles(0..n).map(|v| {
                v.into_iter()
                    .filter(|(d, _)| a.manifest.issue_of_doc(*d).is_some())
                    .map(|(d, a)| (d, a.clone()))
                    .collect()
            })
        })
        .map_err(|e| anyhow::anyhow!("{e}"))
}

/// Measures `bundle` and prints the figures (see the module docs).
pub fn bench(bundle: &Path, opts: &Options) -> Result<ExitCode> {
    let articles = all_articles(bundle)?;
    let n = articles.len() as u32;
    let sz = sizes(bundle, &articles, opts.quality)?;
    print_sizes(bundle, n, &sz, opts.quality);
    let refs: Vec<(u32, &Article)> = articles.iter().map(|(d, a)| (*d, a)).collect();
    let queries = queries(opts, &refs)?;
    let cold = cold(bundle, &queries)?;
    print_wire(&cold, &sz.brotli_of, opts.quality);
    let mut archive = open(bundle)?;
    // Warm means everything loaded: no eviction here.
    archive.doc_budget = usize::MAX;
    let brute = BruteForce::numbered(articles.iter().map(|(d, a)| (*d, a)));
    let recall = recall(bundle, &mut archive, &brute, &queries, n)?;
    let mut warm_ms = warm(&archive, &queries);
    print_queries(&queries, &recall, cold, &mut warm_ms);
    if let Some(dir) = &opts.export {
        let summary = summary(n, queries.len(), &sz, &recall, &mut warm_ms);
        export(dir, &articles, &queries, &recall.truths, &summary)?;
        eprintln!(
            "kanbao: wrote queries.json, articles.jsonl and kanbao.json to {}",
            dir.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
