//! `kanbao search`: the reader's search, run natively on a bundle folder.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};
use kanbao_bundle::search::{SearchRequest, Sort};

use crate::bundle_dir::{loader, open};

#[derive(clap::Args, Debug)]
pub struct Args {
    pub bundle: PathBuf,
    pub query: String,
    /// Print hits as JSON.
    #[arg(long)]
    pub json: bool,
    /// Most hits to print.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// relevance, newest or oldest.
    #[arg(long, default_value = "relevance")]
    pub sort: String,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let Args {
        bundle,
        query,
        json,
        limit,
        sort,
    } = args;
    let sort = match sort.as_str() {
        "relevance" => Sort::Relevance,
        "newest" => Sort::Newest,
        "oldest" => Sort::Oldest,
        other => bail!("--sort `{other}`: use relevance, newest or oldest"),
    };
    let mut archive = open(&bundle)?;
    let req = SearchRequest {
        query,
        sort,
        limit,
        offset: 0,
        ..Default::default()
    };
    let results = archive
        .resolve(loader(&bundle), |a| a.search(&req))
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
