//! `kanbao build`: pages, PDFs, feeds and issue files into a bundle folder.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use super::{check_date, display};
use crate::build::add::{add_into, Added};
use crate::build::page_images::{PageImages, PdfInput};
use crate::build::{assemble, write_bundle_with};
use crate::import::{self, feed, ParseOptions};
use crate::input::{self, InputKind};
use crate::memory;
use crate::progress::Progress;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files or folders (.txt pages, .pdf pages or issues, .jsonl feeds, .md issues).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Bundle folder to write (replaced atomically).
    #[arg(short, long, required_unless_present = "into", conflicts_with = "into")]
    pub out: Option<PathBuf>,
    /// Add the inputs' issues to this bundle instead: only new files are
    /// written, and manifest.js is replaced last, so readers and caches keep
    /// the rest. An issue the bundle has is replaced.
    #[arg(long, value_name = "BUNDLE")]
    pub into: Option<PathBuf>,
    /// Archive title shown in the reader.
    #[arg(long, default_value = "看报 · 地方报纸阅览室")]
    pub title: String,
    /// Paper name for feed articles (feeds do not carry one).
    #[arg(long)]
    pub paper: Option<String>,
    /// Issue date (YYYY-MM-DD) for pages that print none.
    #[arg(long)]
    pub date: Option<String>,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
    /// Stop at the first input (or PDF page) that cannot be read, writing
    /// nothing; by default it is reported and the rest is built.
    #[arg(long)]
    pub strict: bool,
    /// Leave out the images of PDF pages (a smaller archive; the reader
    /// then has no page view).
    #[arg(long)]
    pub no_page_images: bool,
    /// Build even when the inputs look too large for the memory available
    /// (the estimate is on the safe side).
    #[arg(long)]
    pub no_memory_check: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    check_date(args.date.as_deref())?;
    let files = input::collect(&args.inputs)?;
    if !args.no_memory_check {
        check_memory(&files)?;
    }
    let progress = Progress::new(!args.quiet);
    let Inputs {
        mut pages,
        feed_articles,
        pdfs,
        failed,
    } = read_all(&files, &args, &progress)?;
    for e in &failed {
        eprintln!("kanbao: error: {e:#}");
    }
    let out = args
        .out
        .clone()
        .or(args.into.clone())
        .expect("clap requires one");
    let images = if !args.no_page_images && !pdfs.is_empty() {
        Some(PageImages::new(&out)?)
    } else {
        None
    };
    if let Some(images) = &images {
        for w in images.render(&pdfs, &mut pages) {
            if !args.quiet {
                eprintln!("kanbao: warning: {w}");
            }
        }
    }
    let issues = assemble(pages, feed_articles, args.paper.as_deref());
    if args.into.is_some() {
        let added = add_into(&issues, &out, images.as_ref())?;
        progress.finish();
        if !args.quiet {
            report_added(&out, &added);
        }
    } else {
        let stats = write_bundle_with(&issues, &out, &args.title, images.as_ref(), &progress)?;
        progress.finish();
        if !args.quiet {
            report(&out, &stats, images.as_ref());
        }
    }
    if !failed.is_empty() {
        eprintln!(
            "kanbao: {} inputs could not be read (listed above); the bundle holds the rest (--strict stops at the first)",
            failed.len()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Everything read from the inputs.
struct Inputs {
    pages: Vec<import::ParsedPage>,
    feed_articles: Vec<feed::FeedArticle>,
    /// The pages each PDF gave, to render them once everything is read.
    pdfs: Vec<PdfInput>,
    /// Inputs (or PDF pages) that could not be read: each is reported, and
    /// the bundle is built from the rest unless --strict.
    failed: Vec<anyhow::Error>,
}

/// Reads every input; an error when --strict meets one that cannot be read,
/// or when none can be.
fn read_all(files: &[input::InputFile], args: &Args, progress: &Progress) -> Result<Inputs> {
    progress.stage("读取 reading inputs", files.len());
    let mut read_in = Inputs {
        pages: Vec::new(),
        feed_articles: Vec::new(),
        pdfs: Vec::new(),
        failed: Vec::new(),
    };
    let Inputs {
        pages,
        feed_articles,
        pdfs,
        failed,
    } = &mut read_in;
    for f in files {
        progress.inc(1);
        match read_input(f, args.date.as_deref(), args.quiet) {
            Ok((read, feed, errors)) => {
                if f.kind == InputKind::Pdf {
                    pdfs.push(PdfInput {
                        path: f.path.clone(),
                        name: display(&f.path),
                        pages: pages.len()..pages.len() + read.len(),
                    });
                }
                pages.extend(read);
                feed_articles.extend(feed);
                failed.extend(errors);
            }
            Err(e) => failed.push(e),
        }
        if args.strict && !failed.is_empty() {
            return Err(failed.remove(0).context("--strict: nothing was built"));
        }
    }
    if pages.is_empty() && feed_articles.is_empty() {
        if failed.len() == 1 {
            return Err(failed.remove(0));
        }
        for e in failed.iter() {
            eprintln!("kanbao: {e:#}");
        }
        bail!(
            "no input could be read ({} files, causes above)",
            failed.len()
        );
    }
    Ok(read_in)
}

/// What was built, on standard error.
fn report(out: &std::path::Path, stats: &crate::build::BuildStats, images: Option<&PageImages>) {
    eprintln!(
        "kanbao: built {} with {} issues, {} articles, {} files, {} bytes",
        out.display(),
        stats.issues,
        stats.articles,
        stats.files,
        stats.bytes
    );
    if let Some(images) = images {
        let r = images.stats();
        eprintln!(
            "kanbao: {} page images, {} bytes ({} per page), rendered at {:.1} pages/s per core",
            stats.page_images,
            stats.page_image_bytes,
            stats.page_image_bytes / stats.page_images.max(1) as u64,
            r.pages_per_core_second()
        );
    }
}

/// What an addition did, on standard error.
fn report_added(out: &std::path::Path, a: &Added) {
    for id in &a.replaced {
        eprintln!("kanbao: issue {id} was in the bundle: replaced by the one added");
    }
    eprintln!(
        "kanbao: added {} issues, {} articles to {}: {} files written ({} bytes), {} removed, of {} ({:.1}%){}",
        a.issues,
        a.articles,
        out.display(),
        a.written,
        a.written_bytes,
        a.removed,
        a.files,
        100.0 * (a.written + a.removed) as f64 / a.files.max(1) as f64,
        if a.merged > 0 {
            format!("; {} earlier additions' index merged into the new one", a.merged)
        } else {
            String::new()
        }
    );
}

/// Refuses inputs that would need more memory than is available, saying
/// how much and what to do.
fn check_memory(files: &[input::InputFile]) -> Result<()> {
    let sizes: Vec<(u64, bool)> = files
        .iter()
        .map(|f| {
            let bytes = std::fs::metadata(&f.path).map_or(0, |m| m.len());
            (bytes, f.kind == InputKind::Pdf)
        })
        .collect();
    let needed = memory::needed(&sizes);
    if let Some(available) = memory::available() {
        if needed > available {
            let total: u64 = sizes.iter().map(|s| s.0).sum();
            bail!(
                "building these inputs ({} in {} files) needs about {} of memory, and {} is available. \
                 Close other programs, or build part of the inputs (`kanbao build part1 --out BUNDLE`) and \
                 add the rest in turn (`kanbao build --into BUNDLE part2`); --no-memory-check builds anyway",
                memory::show(total),
                files.len(),
                memory::show(needed),
                memory::show(available)
            );
        }
    }
    Ok(())
}

/// Feeds from this size on are read line by line.
const STREAM_FEED_BYTES: u64 = 16 << 20;

/// One input's pages or feed articles, and the errors of its pages that
/// could not be read (the file's other pages are kept).
type ReadInput = (
    Vec<import::ParsedPage>,
    Vec<feed::FeedArticle>,
    Vec<anyhow::Error>,
);

fn read_input(f: &input::InputFile, date: Option<&str>, quiet: bool) -> Result<ReadInput> {
    let name = display(&f.path);
    match f.kind {
        InputKind::Page | InputKind::Pdf => {
            let opts = ParseOptions {
                file: name.clone(),
                date: date.map(str::to_string),
                ..Default::default()
            };
            let (mut pages, errors) = input::read_pages(f, &opts)?;
            if !quiet {
                for w in pages.iter().flat_map(|p| &p.warnings) {
                    eprintln!("kanbao: warning: {w}");
                }
            }
            f.record_source(&mut pages);
            Ok((pages, Vec::new(), errors))
        }
        InputKind::Feed => {
            // A large feed is read line by line (a feed of a million articles
            // is gigabytes); a small one, or one not in UTF-8, whole, through
            // its encoding.
            let size = std::fs::metadata(&f.path).map_or(0, |m| m.len());
            if size >= STREAM_FEED_BYTES {
                let file =
                    std::fs::File::open(&f.path).with_context(|| format!("{name}: cannot read"))?;
                if let Some(articles) = feed::read_feed(&name, std::io::BufReader::new(file))? {
                    return Ok((Vec::new(), articles, Vec::new()));
                }
            }
            let bytes = std::fs::read(&f.path).with_context(|| format!("{name}: cannot read"))?;
            let text = import::decode::decode(&name, &bytes)?;
            Ok((Vec::new(), feed::parse_feed(&name, &text.text)?, Vec::new()))
        }
        InputKind::Issue => {
            // A canonical issue file, possibly corrected by hand.
            let bytes = std::fs::read(&f.path).with_context(|| format!("{name}: cannot read"))?;
            let text = import::decode::decode(&name, &bytes)?;
            let mut pages = import::canonical::read(&name, &text.text)?;
            for p in &mut pages {
                p.file = input::archive_name(&p.file);
                for page in &mut p.issue.pages {
                    page.file = page.file.as_deref().map(input::archive_name);
                }
            }
            Ok((pages, Vec::new(), Vec::new()))
        }
    }
}
