//! `kanbao bench`: a bundle measured (size against the raw text, load,
//! latency, recall, MRR); the measuring itself is [`crate::bench`].

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

#[derive(clap::Args, Debug)]
pub struct Args {
    pub bundle: PathBuf,
    /// Queries to run, one a line (default: a generated set).
    #[arg(long)]
    pub queries: Option<PathBuf>,
    /// Number of generated queries.
    #[arg(long, default_value_t = 300)]
    pub count: usize,
    /// Brotli quality for the size figures.
    #[arg(long, default_value_t = 11)]
    pub quality: u32,
    /// First build `bundle` from the feed `--from`, repeated (dates shifted) to N articles.
    #[arg(long)]
    pub replicate: Option<usize>,
    #[arg(long, requires = "replicate")]
    pub from: Option<PathBuf>,
    /// Also write queries.json (with brute-force matches), articles.jsonl
    /// and kanbao.json into this folder, to score other engines on the
    /// same queries (`cargo xtask bench --compare-only`).
    #[arg(long)]
    pub export: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if let (Some(n), Some(from)) = (args.replicate, &args.from) {
        crate::bench::replicate(from, n, &args.bundle, Some("人民日报"))?;
    }
    let opts = crate::bench::Options {
        queries: args.queries,
        count: args.count,
        quality: args.quality,
        export: args.export,
    };
    crate::bench::bench(&args.bundle, &opts)
}
