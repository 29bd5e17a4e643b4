//! Import: raw page text and article feeds to `Issue`/`Article` records.
//!
//! A page file parses into a [`ParsedPage`]: the masthead's issue fields, the
//! page's articles, and whatever could not be placed (`unassigned`), so that no
//! printed character is lost ([`account`] checks it). Feeds ([`feed`]) are
//! already structured; canonical issue files ([`canonical`]) are what
//! `kanbao import` writes for a librarian to correct.

pub mod byline;
pub mod canonical;
pub mod classify;
pub mod columns;
pub mod decode;
mod draft;
pub mod feed;
mod fields;
pub mod jump;
pub mod masthead;
mod model;
pub mod page;
pub mod pdf;
mod stack;
pub mod text;
mod wrap;

use std::path::Path;

pub use model::*;
pub use page::parse_page;

/// Reads and parses one page file. The issue date, when none is printed and
/// no `--date` is given, may come from a sidecar file `<page>.date` holding
/// `YYYY-MM-DD` (e.g. `p1.txt.date`), or from a date in the file name.
pub fn read_page(path: &Path, opts: &ParseOptions) -> Result<ParsedPage, ImportError> {
    let file = opts.file.clone();
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        file: file.clone(),
        source,
    })?;
    let decoded = decode::decode(&file, &bytes)?;
    let mut opts = opts.clone();
    if opts.date.is_none() {
        opts.date = masthead::sidecar_date(path);
    }
    let mut parsed = parse_page(&decoded.text, &opts);
    parsed.encoding = decoded.encoding;
    for (line, message) in decoded.notes {
        parsed.warnings.insert(
            0,
            Diagnostic {
                file: file.clone(),
                line,
                message,
            },
        );
    }
    Ok(parsed)
}
