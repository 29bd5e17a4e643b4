//! `kanbao import`: pages of one issue into a canonical issue file to correct by hand.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use super::{check_date, display};
use crate::import::{self, ParseOptions};
use crate::input::{self, InputKind};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Pages of one issue: extracted text files, or PDFs.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Canonical issue file to write (`.md`); `-` for standard output.
    #[arg(short, long)]
    pub out: PathBuf,
    /// Issue date (YYYY-MM-DD) when the pages print none.
    #[arg(long)]
    pub date: Option<String>,
    /// Treat warnings as errors (exit code 1).
    #[arg(long)]
    pub strict: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let Args {
        inputs,
        out,
        date,
        strict,
    } = args;
    check_date(date.as_deref())?;
    let files = input::collect(&inputs)?;
    let mut pages = Vec::new();
    let mut warnings = 0;
    for f in &files {
        if !matches!(f.kind, InputKind::Page | InputKind::Pdf) {
            bail!(
                "{}: `kanbao import` reads pages (extracted text or PDF), not feeds or issue files",
                f.path.display()
            );
        }
        let opts = ParseOptions {
            file: display(&f.path),
            date: date.clone(),
            ..Default::default()
        };
        let (read, errors) = input::read_pages(f, &opts)?;
        if let Some(e) = errors.into_iter().next() {
            // A librarian corrects what was read; a page missing from the
            // issue file would be lost silently.
            return Err(e.context("nothing was written"));
        }
        for page in read {
            for w in &page.warnings {
                eprintln!("kanbao: warning: {w}");
            }
            warnings += page.warnings.len();
            pages.push(page);
        }
    }
    let doc = import::canonical::write_pages(&pages);
    if out == Path::new("-") {
        print!("{doc}");
    } else {
        std::fs::write(&out, doc).with_context(|| format!("{}: cannot write", out.display()))?;
        eprintln!("kanbao: wrote {}", out.display());
    }
    if strict && warnings > 0 {
        eprintln!("kanbao: error: {warnings} warnings (--strict)");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
