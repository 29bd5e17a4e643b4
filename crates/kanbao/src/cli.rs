//! Command-line interface: clap arguments and dispatch to the subcommands.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};

use crate::build::page_images::{PageImages, PdfInput};
use crate::build::{assemble, write_bundle_with};
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
    /// Build a bundle from pages (extracted text or PDF), folders of them, JSON
    /// Lines feeds, or issue files from `kanbao import`.
    Build {
        /// Input files or folders (.txt pages, .pdf pages or issues, .jsonl feeds, .md issues).
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
        /// Stop at the first input (or PDF page) that cannot be read, writing
        /// nothing; by default it is reported and the rest is built.
        #[arg(long)]
        strict: bool,
        /// Leave out the images of PDF pages (a smaller archive; the reader
        /// then has no page view).
        #[arg(long)]
        no_page_images: bool,
    },
    /// Parse one page (extracted text, or a PDF's pages) and print its structure.
    Parse {
        file: PathBuf,
        /// Print JSON (issue fields, articles, unassigned text, warnings).
        #[arg(long)]
        json: bool,
        /// Issue date (YYYY-MM-DD) when the page prints none.
        #[arg(long)]
        date: Option<String>,
        /// Page number when the file name carries none.
        #[arg(long)]
        page: Option<u32>,
        /// Print how each line was classified.
        #[arg(long)]
        explain: bool,
        /// Treat warnings as errors (exit code 1).
        #[arg(long)]
        strict: bool,
    },
    /// Parse pages into a canonical issue file (Markdown) to correct by hand;
    /// `kanbao build` reads it back.
    Import {
        /// Pages of one issue: extracted text files, or PDFs.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Canonical issue file to write (`.md`); `-` for standard output.
        #[arg(short, long)]
        out: PathBuf,
        /// Issue date (YYYY-MM-DD) when the pages print none.
        #[arg(long)]
        date: Option<String>,
        /// Treat warnings as errors (exit code 1).
        #[arg(long)]
        strict: bool,
    },
    /// Score the page parser against gold annotations.
    #[command(hide = true)]
    Eval {
        /// Folder of gold `.json` files.
        gold: PathBuf,
        /// Folder of the raw pages they annotate.
        seeds: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Measure parser speed: parse the sample pages repeated to N megabytes;
    /// PDFs given are read and laid out repeatedly, in pages per second.
    #[command(name = "bench-import", hide = true)]
    BenchImport {
        /// Pages to parse (files or folders); default `samples`.
        inputs: Vec<PathBuf>,
        /// Megabytes of text to parse in total.
        #[arg(long, default_value_t = 100)]
        mb: usize,
    },
    /// Load-test `kanbao serve` on loopback: many clients fetching a folder's files.
    #[command(name = "bench-serve", hide = true)]
    BenchServe {
        /// Folder to serve (a built reader, e.g. `dist`).
        dir: PathBuf,
        /// Clients at once, each on its own keep-alive connection.
        #[arg(long, default_value_t = 200)]
        clients: usize,
        /// Requests in total.
        #[arg(long, default_value_t = 20_000)]
        requests: usize,
    },
    /// Measure a bundle: size against the raw text, load, latency, recall, MRR.
    Bench {
        bundle: PathBuf,
        /// Queries to run, one a line (default: a generated set).
        #[arg(long)]
        queries: Option<PathBuf>,
        /// Number of generated queries.
        #[arg(long, default_value_t = 300)]
        count: usize,
        /// Brotli quality for the size figures.
        #[arg(long, default_value_t = 11)]
        quality: u32,
        /// First build `bundle` from the feed `--from`, repeated (dates shifted) to N articles.
        #[arg(long)]
        replicate: Option<usize>,
        #[arg(long, requires = "replicate")]
        from: Option<PathBuf>,
        /// Also write queries.json (with brute-force matches), articles.jsonl
        /// and kanbao.json into this folder, to score other engines on the
        /// same queries (`cargo xtask bench --compare-only`).
        #[arg(long)]
        export: Option<PathBuf>,
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
    /// Package a bundle with the reader: a folder that opens from a USB stick
    /// (file://), from any static host, or on a kiosk; or one .html file.
    Package {
        /// The bundle folder (from `kanbao build`).
        bundle: PathBuf,
        /// Folder to write (replaced atomically); with --single-file, the .html file.
        #[arg(short, long)]
        out: PathBuf,
        /// Built reader folder (`cargo xtask dist` makes `dist/`). Default: `dist` if it exists.
        #[arg(long)]
        reader: Option<PathBuf>,
        /// Title of the page and the web app (default: the bundle's title).
        #[arg(long)]
        title: Option<String>,
        /// Open in kiosk mode.
        #[arg(long)]
        kiosk: bool,
        /// Kiosk: seconds without input before returning to the start.
        #[arg(long, default_value_t = 180)]
        idle_seconds: u32,
        /// Where the archive will be published (for share links).
        #[arg(long)]
        public_url: Option<String>,
        /// Write one .html file with everything inlined (small archives).
        #[arg(long)]
        single_file: bool,
        /// With --single-file: write it even above 20 MB.
        #[arg(long)]
        force: bool,
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
            strict,
            no_page_images,
        } => build(
            &inputs,
            &out,
            &title,
            paper.as_deref(),
            date.as_deref(),
            quiet,
            strict,
            !no_page_images,
        ),
        Command::Parse {
            file,
            json,
            date,
            page,
            explain,
            strict,
        } => parse(&file, json, date, page, explain, strict),
        Command::Import {
            inputs,
            out,
            date,
            strict,
        } => import_cmd(&inputs, &out, date, strict),
        Command::Eval { gold, seeds, json } => {
            let (pages, total) = crate::eval::evaluate(&gold, &seeds)?;
            crate::eval::print(&pages, &total, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::BenchImport { inputs, mb } => bench_import(&inputs, mb),
        Command::BenchServe {
            dir,
            clients,
            requests,
        } => {
            crate::serve::load::bench(&dir, clients, requests)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench {
            bundle,
            queries,
            count,
            quality,
            replicate,
            from,
            export,
        } => {
            if let (Some(n), Some(from)) = (replicate, &from) {
                crate::bench::replicate(from, n, &bundle, Some("人民日报"))?;
            }
            let opts = crate::bench::Options {
                queries,
                count,
                quality,
                export,
            };
            crate::bench::bench(&bundle, &opts)
        }
        Command::Search {
            bundle,
            query,
            json,
            limit,
            sort,
        } => crate::search_cmd::search(&bundle, &query, json, limit, &sort),
        Command::Package {
            bundle,
            out,
            reader,
            title,
            kiosk,
            idle_seconds,
            public_url,
            single_file,
            force,
        } => {
            let reader = match reader {
                Some(r) => r,
                None if Path::new("dist/index.html").is_file() => PathBuf::from("dist"),
                None => {
                    bail!("no reader: pass --reader <dir> (a folder built by `cargo xtask dist`)")
                }
            };
            let opts = crate::package::Options {
                bundle,
                reader,
                out,
                title,
                config: crate::package::ReaderConfig {
                    kiosk,
                    idle_seconds,
                    public_url,
                },
                single_file,
                force,
            };
            let stats = crate::package::package(&opts)?;
            let mb = stats.bytes as f64 / 1e6;
            if opts.single_file {
                eprintln!(
                    "kanbao: packaged {} ({mb:.1} MB); open it in a browser, no network needed",
                    opts.out.display()
                );
                if stats.page_images_left_out > 0 {
                    eprintln!(
                        "kanbao: the {} page images are left out of a single file (its page views say so); a folder package has them",
                        stats.page_images_left_out
                    );
                }
            } else {
                eprintln!(
                    "kanbao: packaged {} ({} files, {mb:.1} MB); open its index.html from disk, or upload the folder as it is",
                    opts.out.display(),
                    stats.files
                );
            }
            Ok(ExitCode::SUCCESS)
        }
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

#[allow(clippy::too_many_arguments)]
fn build(
    inputs: &[PathBuf],
    out: &Path,
    title: &str,
    paper: Option<&str>,
    date: Option<&str>,
    quiet: bool,
    strict: bool,
    page_images: bool,
) -> Result<ExitCode> {
    check_date(date)?;
    let files = input::collect(inputs)?;
    // The pages each PDF gave, to render them once everything is read.
    let mut pdfs = Vec::new();
    let mut pages = Vec::new();
    let mut feed_articles = Vec::new();
    // Inputs (or PDF pages) that could not be read: each is reported, and the
    // bundle is built from the rest unless --strict.
    let mut failed: Vec<anyhow::Error> = Vec::new();
    for f in &files {
        match read_input(f, date, quiet) {
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
        if strict && !failed.is_empty() {
            return Err(failed.remove(0).context("--strict: nothing was built"));
        }
    }
    if pages.is_empty() && feed_articles.is_empty() {
        if failed.len() == 1 {
            return Err(failed.remove(0));
        }
        for e in &failed {
            eprintln!("kanbao: {e:#}");
        }
        bail!(
            "no input could be read ({} files, causes above)",
            failed.len()
        );
    }
    for e in &failed {
        eprintln!("kanbao: error: {e:#}");
    }
    let images = if page_images && !pdfs.is_empty() {
        Some(PageImages::new(out)?)
    } else {
        None
    };
    if let Some(images) = &images {
        for w in images.render(&pdfs, &mut pages) {
            if !quiet {
                eprintln!("kanbao: warning: {w}");
            }
        }
    }
    let issues = assemble(pages, feed_articles, paper);
    let stats = write_bundle_with(&issues, out, title, images.as_ref())?;
    if !quiet {
        eprintln!(
            "kanbao: built {} with {} issues, {} articles, {} files, {} bytes",
            out.display(),
            stats.issues,
            stats.articles,
            stats.files,
            stats.bytes
        );
        if let Some(images) = &images {
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
    if !failed.is_empty() {
        eprintln!(
            "kanbao: {} inputs could not be read (listed above); the bundle holds the rest (--strict stops at the first)",
            failed.len()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

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

fn parse(
    file: &Path,
    json: bool,
    date: Option<String>,
    page: Option<u32>,
    explain: bool,
    strict: bool,
) -> Result<ExitCode> {
    check_date(date.as_deref())?;
    let opts = ParseOptions {
        file: display(file),
        date,
        page,
        explain,
    };
    let f = input::InputFile::of(file);
    let (pages, errors) = input::read_pages(&f, &opts)?;
    if json {
        // A text page or a one-page PDF is one object; a PDF of several
        // pages, an array of them.
        match pages.as_slice() {
            [one] => println!("{}", serde_json::to_string_pretty(one)?),
            many => println!("{}", serde_json::to_string_pretty(many)?),
        }
    } else {
        for page in &pages {
            print_page(page, explain);
        }
    }
    let warnings: Vec<_> = pages.iter().flat_map(|p| &p.warnings).collect();
    for w in &warnings {
        eprintln!("kanbao: warning: {w}");
    }
    for e in &errors {
        eprintln!("kanbao: error: {e:#}");
    }
    if !errors.is_empty() {
        return Ok(ExitCode::from(1));
    }
    if strict && !warnings.is_empty() {
        eprintln!("kanbao: error: {} warnings (--strict)", warnings.len());
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// `kanbao parse` without --json: the page's issue fields, then its articles.
fn print_page(page: &import::ParsedPage, explain: bool) {
    let i = &page.issue;
    println!(
        "{}: {} articles, {} {} {}, date {}, page {} ({})",
        page.file,
        page.articles.len(),
        i.paper.as_deref().unwrap_or("报名不详"),
        i.edition.as_deref().unwrap_or(""),
        i.issue_number
            .map(|n| format!("总第{n}期"))
            .unwrap_or_default(),
        i.date.as_deref().unwrap_or("日期不详"),
        page.page
            .map(|p| p.to_string())
            .unwrap_or_else(|| "?".into()),
        page.encoding,
    );
    if explain {
        for e in &page.explain {
            println!("  line {:>4}: {}", e.line, e.class);
        }
    }
    for a in &page.articles {
        let mut head = String::new();
        if let Some(k) = &a.kicker {
            head.push_str(&format!("{k} / "));
        }
        head.push_str(&a.headline);
        if let Some(s) = &a.subheadline {
            head.push_str(&format!(" / {s}"));
        }
        println!(
            "  [{}] {}{}",
            a.kind.as_str(),
            head,
            if a.interleaved { " (interleaved)" } else { "" }
        );
        let names: Vec<String> = a
            .byline
            .roles()
            .filter(|(_, n)| !n.is_empty())
            .map(|(r, n)| format!("{} {}", r.label_zh(), n.join("、")))
            .collect();
        if !names.is_empty() {
            println!("      {}", names.join("；"));
        }
        if let Some(p) = a.paragraphs.first() {
            let lead: String = p.chars().take(30).collect();
            println!(
                "      {}{} ({} paragraphs)",
                a.dateline
                    .as_deref()
                    .map(|d| format!("{d} "))
                    .unwrap_or_default(),
                lead,
                a.paragraphs.len()
            );
        }
    }
    for u in &page.unassigned {
        println!("  unassigned line {}: {}", u.line, u.text);
    }
}

fn import_cmd(
    inputs: &[PathBuf],
    out: &Path,
    date: Option<String>,
    strict: bool,
) -> Result<ExitCode> {
    check_date(date.as_deref())?;
    let files = input::collect(inputs)?;
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
        std::fs::write(out, doc).with_context(|| format!("{}: cannot write", out.display()))?;
        eprintln!("kanbao: wrote {}", out.display());
    }
    if strict && warnings > 0 {
        eprintln!("kanbao: error: {warnings} warnings (--strict)");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn bench_import(inputs: &[PathBuf], mb: usize) -> Result<ExitCode> {
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
