//! `kanbao bench-import`: parser speed, text in MB/s and PDFs in pages/s, one core.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::display;
use crate::import::{self, ParseOptions};
use crate::input::{self, InputKind};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Pages to parse (files or folders); default `samples`.
    pub inputs: Vec<PathBuf>,
    /// Megabytes of text to parse in total.
    #[arg(long, default_value_t = 100)]
    pub mb: usize,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let Args { inputs, mb } = args;
    let inputs = if inputs.is_empty() {
        vec![PathBuf::from("samples")]
    } else {
        inputs.to_vec()
    };
    let files = input::collect(&inputs)?;
    let (pdfs, files): (Vec<_>, Vec<_>) = files.into_iter().partition(|f| f.kind == InputKind::Pdf);
    if !pdfs.is_empty() {
        bench_pdf(&pdfs)?;
        if files.is_empty() {
            return Ok(ExitCode::SUCCESS);
        }
    }
    let mut texts = Vec::new();
    for f in files {
        let bytes =
            std::fs::read(&f.path).with_context(|| format!("{}: cannot read", f.path.display()))?;
        texts.push((
            display(&f.path),
            import::decode::decode(&display(&f.path), &bytes)?.text,
        ));
    }
    anyhow::ensure!(!texts.is_empty(), "no pages to parse");
    let target = mb.max(1) * 1_000_000;
    let start = std::time::Instant::now();
    let (mut bytes, mut articles) = (0usize, 0usize);
    'outer: loop {
        for (name, t) in &texts {
            let opts = ParseOptions {
                file: name.clone(),
                ..Default::default()
            };
            articles += import::parse_page(t, &opts).articles.len();
            bytes += t.len();
            if bytes >= target {
                break 'outer;
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "parsed {:.1} MB ({} articles) in {:.2} s: {:.1} MB/s",
        bytes as f64 / 1e6,
        articles,
        secs,
        bytes as f64 / 1e6 / secs
    );
    Ok(ExitCode::SUCCESS)
}

/// PDF import speed: each file read and laid out (glyphs to articles), one
/// core, repeated for at least two seconds; pages per second.
fn bench_pdf(pdfs: &[input::InputFile]) -> Result<()> {
    let start = std::time::Instant::now();
    let (mut pages, mut articles, mut rounds) = (0usize, 0usize, 0usize);
    while rounds == 0 || start.elapsed().as_secs_f64() < 2.0 {
        for f in pdfs {
            let opts = ParseOptions {
                file: display(&f.path),
                ..Default::default()
            };
            let (read, _) = input::read_pages(f, &opts)?;
            pages += read.len();
            articles += read.iter().map(|p| p.articles.len()).sum::<usize>();
        }
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "PDF: {} files × {rounds}: {pages} pages ({articles} articles) in {secs:.2} s: {:.1} pages/s",
        pdfs.len(),
        pages as f64 / secs
    );
    Ok(())
}
