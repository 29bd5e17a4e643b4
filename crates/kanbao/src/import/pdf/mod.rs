//! PDF input: a page's text layer with geometry, read into articles.
//!
//! Two passes, in the order data flows:
//! 1. `read`: PDF bytes → [`PdfPage`]s of positioned glyphs,
//!    font sizes, images and ruled boxes, through a pure-Rust PDF crate. The
//!    only module that names that crate.
//! 2. `layout`: one [`PdfPage`] → lines → blocks → columns
//!    and reading order → articles with their regions, as a `ParsedPage`.
//!
//! Coordinates are PDF points with the origin at the page's **top-left** and y
//! growing downwards (the PDF's bottom-left origin flipped once, in `read`), so
//! that "above" means a smaller y everywhere after it.

pub mod read;

pub mod blocks;
pub mod columns;
pub mod fields;
pub mod layout;
pub mod lines;
mod model;
pub mod order;

pub use model::{Glyph, PdfFont, PdfPage, Rect};

/// Reads a PDF file: each page parses into a `ParsedPage` (page numbers as
/// printed, else the page's place in a file of several pages); a page that
/// cannot be read (no text layer, damaged) is one of the returned errors and
/// the others are kept. Pages are read and parsed one at a time, so a long
/// file holds one page's glyphs at once.
pub fn read_file(
    path: &std::path::Path,
    opts: &super::ParseOptions,
) -> Result<(Vec<super::ParsedPage>, Vec<anyhow::Error>), super::ImportError> {
    let bytes = std::fs::read(path).map_err(|source| super::ImportError::Io {
        file: opts.file.clone(),
        source,
    })?;
    let mut pages = Vec::new();
    let mut errors: Vec<super::ImportError> = Vec::new();
    let count = read::for_each_page(&opts.file, &bytes, |result, warnings| match result {
        Ok(page) => pages.push((page.number, parse_one(&page, opts, warnings))),
        Err(e) => errors.push(e.into()),
    })?;
    if pages.is_empty() {
        // Nothing to keep: the file's own error (one page, or every page).
        return Err(match errors.len() {
            1 => errors.remove(0),
            _ => super::ImportError::Pdf {
                file: opts.file.clone(),
                page: None,
                message: format!(
                    "none of its {count} pages could be read (scans?): run OCR on it first, or export its text"
                ),
            },
        });
    }
    let from_name = super::masthead::page_from_name(&opts.file);
    let date = opts
        .date
        .clone()
        .or_else(|| super::masthead::sidecar_date(path))
        .or_else(|| super::masthead::date_from_name(&opts.file));
    for (number, p) in &mut pages {
        // A page of an issue file is numbered by its place in the file; a
        // file of one page as a text page is, by its name or --page.
        let n = match count {
            1 => from_name.or(opts.page).unwrap_or(*number),
            _ => *number,
        };
        p.page = Some(n);
        if p.issue.date.is_none() {
            p.issue.date = date.clone();
        }
        if p.issue.date.is_none() {
            p.warnings.push(super::Diagnostic {
                file: opts.file.clone(),
                line: 0,
                message: format!(
                    "page {number}: no date printed or given (use --date, a .date file, or a date in the file name)"
                ),
            });
        }
        // The page as the issue lists it, with the file it came from.
        let size = p.issue.pages.first().and_then(|pg| pg.size);
        p.issue.pages = vec![kanbao_bundle::Page {
            number: n,
            file: Some(opts.file.clone()),
            size,
            ..Default::default()
        }];
        for a in &mut p.articles {
            a.page = Some(n);
            a.regions.iter_mut().for_each(|r| r.page = n);
        }
    }
    let errors = errors.into_iter().map(anyhow::Error::from).collect();
    Ok((pages.into_iter().map(|(_, p)| p).collect(), errors))
}

/// One page through the layout pass, with the reader's warnings for it.
fn parse_one(
    page: &PdfPage,
    opts: &super::ParseOptions,
    warnings: &[read::PdfWarning],
) -> super::ParsedPage {
    let mut parsed = layout::parse_pdf_page(page, opts);
    // The printed page's size, which the regions are measured against.
    parsed.issue.pages = vec![kanbao_bundle::Page {
        number: page.number,
        size: Some(kanbao_bundle::PageSize {
            width: page.width,
            height: page.height,
        }),
        ..Default::default()
    }];
    for w in warnings {
        parsed.warnings.push(super::Diagnostic {
            file: opts.file.clone(),
            line: 0,
            message: format!("page {}: {}", w.page, w.message),
        });
    }
    parsed
}
