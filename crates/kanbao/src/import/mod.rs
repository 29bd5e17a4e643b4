//! Import: raw page text and article feeds to `Issue`/`Article` records.
//!
//! A page file parses into a [`ParsedPage`]: the masthead's issue fields, the
//! page's articles, and whatever could not be placed (`unassigned`), so that no
//! printed character is lost. Feeds ([`feed`]) are already structured.

pub mod decode;
pub mod feed;
pub mod page;

use std::path::Path;

use kanbao_bundle::{Article, Issue};
use serde::{Deserialize, Serialize};

pub use page::parse_page;

/// Errors that stop the import of one file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: file is empty")]
    Empty { file: String },
    #[error("{file}: holds only whitespace")]
    Blank { file: String },
    #[error("{file}: looks like a binary file, not text (NUL byte at offset {offset})")]
    Binary { file: String, offset: usize },
    #[error("{file}:{line}: not valid text in {encoding}")]
    Encoding {
        file: String,
        line: usize,
        encoding: String,
    },
    #[error("{file}:{line}: {message}")]
    Syntax {
        file: String,
        line: usize,
        message: String,
    },
}

/// How to parse one page.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Name shown in diagnostics and recorded as the page's source.
    pub file: String,
    /// Issue date given by the user (`--date`), used when none is printed.
    pub date: Option<String>,
}

/// A note about the input, tied to a line.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Text that belongs to no article (mastheads, promos), kept visibly.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Unassigned {
    pub line: u32,
    pub text: String,
}

/// One parsed page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ParsedPage {
    pub file: String,
    /// Encoding the file was read in.
    pub encoding: String,
    /// Issue fields found on the page (or given); `pages` lists this page.
    pub issue: Issue,
    /// Page number, when printed or given.
    pub page: Option<u32>,
    /// Articles in reading order; ids are assigned when the issue is assembled.
    pub articles: Vec<Article>,
    pub unassigned: Vec<Unassigned>,
    pub warnings: Vec<Diagnostic>,
}

/// Reads and parses one page file.
pub fn read_page(path: &Path, opts: &ParseOptions) -> Result<ParsedPage, ImportError> {
    let file = opts.file.clone();
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        file: file.clone(),
        source,
    })?;
    let decoded = decode::decode(&file, &bytes)?;
    let mut parsed = parse_page(&decoded.text, opts);
    parsed.encoding = decoded.encoding;
    Ok(parsed)
}
