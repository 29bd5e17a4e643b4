//! `kanbao search`: the reader's search, run natively on a bundle folder.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use kanbao_bundle::search::{SearchRequest, Sort};
use kanbao_bundle::{Archive, MANIFEST_FILE};

/// Opens a bundle folder.
pub fn open(bundle: &Path) -> Result<Archive> {
    let manifest = bundle.join(MANIFEST_FILE);
    let text = std::fs::read_to_string(&manifest).with_context(|| {
        format!(
            "{}: cannot read (is this a kanbao bundle folder?)",
            manifest.display()
        )
    })?;
    Archive::open(&text).with_context(|| format!("{}: cannot open", bundle.display()))
}

/// Loads one bundle file's text.
pub fn loader(bundle: &Path) -> impl FnMut(&str) -> Result<String> + '_ {
    move |file: &str| {
        let path = bundle.join(file);
        std::fs::read_to_string(&path).with_context(|| format!("{}: cannot read", path.display()))
    }
}

pub fn search(
    bundle: &Path,
    query: &str,
    json: bool,
    limit: usize,
    sort: &str,
) -> Result<ExitCode> {
    let sort = match sort {
        "relevance" => Sort::Relevance,
        "newest" => Sort::Newest,
        "oldest" => Sort::Oldest,
        other => bail!("--sort `{other}`: use relevance, newest or oldest"),
    };
    let mut archive = open(bundle)?;
    let req = SearchRequest {
        query: query.to_string(),
        sort,
        limit,
        offset: 0,
        ..Default::default()
    };
    let results = archive
        .resolve(loader(bundle), |a| a.search(&req))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    if json {
        println!("{}", serde_json::to_string_pretty(&results.hits)?);
    } else {
        if results.exact {
            println!("{} 篇 / articles", results.total);
        } else {
            // An estimate, and the range the true count lies in.
            println!(
                "约 {} 篇 / about {} articles ({}–{})",
                results.total,
                results.total,
                results.certain,
                results.certain + results.unknown
            );
        }
        for h in &results.hits {
            let snippet: String = h
                .snippet
                .iter()
                .map(|f| {
                    if f.hit {
                        format!("[{}]", f.text)
                    } else {
                        f.text.clone()
                    }
                })
                .collect();
            println!(
                "{}  {}  {}版  {}\n    {}",
                h.article_id,
                h.date.as_deref().unwrap_or("日期不详"),
                h.page.map(|p| p.to_string()).unwrap_or_default(),
                h.headline,
                snippet
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
