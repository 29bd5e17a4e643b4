//! `kanbao parse`: one page (text, or a PDF's pages) and the structure read from it.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use super::{check_date, display};
use crate::import::{self, ParseOptions};
use crate::input;

#[derive(clap::Args, Debug)]
pub struct Args {
    pub file: PathBuf,
    /// Print JSON (issue fields, articles, unassigned text, warnings).
    #[arg(long)]
    pub json: bool,
    /// Issue date (YYYY-MM-DD) when the page prints none.
    #[arg(long)]
    pub date: Option<String>,
    /// Page number when the file name carries none.
    #[arg(long)]
    pub page: Option<u32>,
    /// Print how each line was classified.
    #[arg(long)]
    pub explain: bool,
    /// Treat warnings as errors (exit code 1).
    #[arg(long)]
    pub strict: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let Args {
        file,
        json,
        date,
        page,
        explain,
        strict,
    } = args;
    check_date(date.as_deref())?;
    let opts = ParseOptions {
        file: display(&file),
        date,
        page,
        explain,
    };
    let f = input::InputFile::of(&file);
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
