//! Command-line interface: clap arguments and dispatch to the subcommands.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};

use crate::build::{assemble, write_bundle};
use crate::import::{self, feed, ParseOptions};
use crate::input::{self, InputKind};

#[derive(Parser, Debug)]
#[command(
    name = "kanbao",
    version,
    about = "看报 kanbao: offline, searchable newspaper archives"
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build a bundle from raw page text files, folders of them, or JSON Lines feeds.
    Build {
        /// Input files or folders (.txt pages, .jsonl feeds).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Bundle folder to write (replaced atomically).
        #[arg(short, long)]
        out: PathBuf,
        /// Archive title shown in the reader.
        #[arg(long, default_value = "看报 · 地方报纸阅览室")]
        title: String,
        /// Paper name for feed articles (feeds do not carry one).
        #[arg(long)]
        paper: Option<String>,
        /// Issue date (YYYY-MM-DD) for pages that print none.
        #[arg(long)]
        date: Option<String>,
        /// Print nothing but errors.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Parse one raw page and print its structure.
    Parse {
        file: PathBuf,
        /// Print JSON (issue fields, articles, unassigned text, warnings).
        #[arg(long)]
        json: bool,
        /// Issue date (YYYY-MM-DD) when the page prints none.
        #[arg(long)]
        date: Option<String>,
    },
    /// Search a built bundle with the reader's search code.
    Search {
        bundle: PathBuf,
        query: String,
        /// Print hits as JSON.
        #[arg(long)]
        json: bool,
        /// Most hits to print.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// relevance, newest or oldest.
        #[arg(long, default_value = "relevance")]
        sort: String,
    },
    /// Serve a folder (a built reader with its bundle) over http.
    Serve {
        #[arg(default_value = "dist")]
        dir: PathBuf,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
    },
}

/// Parses arguments and runs the command.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> Result<ExitCode> {
    let args = match Args::try_parse_from(args) {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return Ok(ExitCode::from(code));
        }
    };
    match args.command {
        Command::Build {
            inputs,
            out,
            title,
            paper,
            date,
            quiet,
        } => build(
            &inputs,
            &out,
            &title,
            paper.as_deref(),
            date.as_deref(),
            quiet,
        ),
        Command::Parse { file, json, date } => parse(&file, json, date),
        Command::Search {
            bundle,
            query,
            json,
            limit,
            sort,
        } => crate::search_cmd::search(&bundle, &query, json, limit, &sort),
        Command::Serve { dir, addr } => {
            if !dir.join("index.html").is_file() {
                bail!(
                    "{}: no index.html here (build the reader with `cargo xtask dist`)",
                    dir.display()
                );
            }
            eprintln!(
                "kanbao: serving {} at http://{addr}/ (Ctrl+C to stop)",
                dir.display()
            );
            crate::serve::run(&dir, &addr)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn display(p: &Path) -> String {
    p.display().to_string()
}

fn check_date(date: Option<&str>) -> Result<()> {
    if let Some(d) = date {
        if !feed::is_iso_date(d) {
            bail!("--date `{d}` is not YYYY-MM-DD");
        }
    }
    Ok(())
}

fn build(
    inputs: &[PathBuf],
    out: &Path,
    title: &str,
    paper: Option<&str>,
    date: Option<&str>,
    quiet: bool,
) -> Result<ExitCode> {
    check_date(date)?;
    let files = input::collect(inputs)?;
    let mut pages = Vec::new();
    let mut feed_articles = Vec::new();
    for f in &files {
        let name = display(&f.path);
        match f.kind {
            InputKind::Page => {
                let opts = ParseOptions {
                    file: name.clone(),
                    date: date.map(str::to_string),
                };
                let page = import::read_page(&f.path, &opts)?;
                if !quiet {
                    for w in &page.warnings {
                        eprintln!("kanbao: warning: {w}");
                    }
                }
                pages.push(page);
            }
            InputKind::Feed => {
                let bytes =
                    std::fs::read(&f.path).with_context(|| format!("{name}: cannot read"))?;
                let text = import::decode::decode(&name, &bytes)?;
                feed_articles.extend(feed::parse_feed(&name, &text.text)?);
            }
        }
    }
    let issues = assemble(pages, feed_articles, paper);
    let stats = write_bundle(&issues, out, title)?;
    if !quiet {
        eprintln!(
            "kanbao: built {} with {} issues, {} articles, {} files, {} bytes",
            out.display(),
            stats.issues,
            stats.articles,
            stats.files,
            stats.bytes
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn parse(file: &Path, json: bool, date: Option<String>) -> Result<ExitCode> {
    check_date(date.as_deref())?;
    let opts = ParseOptions {
        file: display(file),
        date,
    };
    let page = import::read_page(file, &opts)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&page)?);
    } else {
        println!(
            "{}: {} articles, date {}",
            page.file,
            page.articles.len(),
            page.issue.date.as_deref().unwrap_or("日期不详")
        );
        for a in &page.articles {
            println!("  [{}] {}", a.kind.as_str(), a.headline);
        }
        for w in &page.warnings {
            println!("  warning: {w}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
