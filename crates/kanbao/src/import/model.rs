//! What a page import produces and how it fails: the types every pass of
//! the text and PDF paths shares (a leaf: it uses no other import module).

use kanbao_bundle::{Article, Issue};
use serde::{Deserialize, Serialize};

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
    /// A PDF (or one page of it) that cannot be read; `message` says what to
    /// do.
    #[error("{file}: {}{message}", page.map(|p| format!("page {p}: ")).unwrap_or_default())]
    Pdf {
        file: String,
        page: Option<u32>,
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
    /// Page number given by the user, used when the file name has none.
    pub page: Option<u32>,
    /// Record how each line was classified (`kanbao parse --explain`).
    pub explain: bool,
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
        // Line 0: a note about the whole file or, for a PDF, one of its
        // pages (the message names it).
        match self.line {
            0 => write!(f, "{}: {}", self.file, self.message),
            line => write!(f, "{}:{line}: {}", self.file, self.message),
        }
    }
}

/// Text that belongs to no article (mastheads, promos), kept visibly.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Unassigned {
    pub line: u32,
    pub text: String,
}

/// What a consumed mark was.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MarkKind {
    /// Converter markup: `#` heading markers, `>` quote markers.
    Markup,
    /// Byline role words and markers: `■`, `记者`, `通讯员`, brackets.
    Role,
    /// A printed jump, `(下转2版)`, read into `continues_to`/`continued_from`.
    Jump,
}

/// Printed characters the parser read as structure rather than text, kept so
/// that every character of the input is accounted for.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Mark {
    pub line: u32,
    pub kind: MarkKind,
    pub text: String,
}

/// How one line was read (`kanbao parse --explain`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Explained {
    pub line: u32,
    pub class: String,
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
    /// Masthead lines as printed; the issue fields are read from them.
    #[serde(default)]
    pub masthead: Vec<Unassigned>,
    /// Marks read as structure (role words, jumps, converter markup).
    #[serde(default)]
    pub marks: Vec<Mark>,
    pub warnings: Vec<Diagnostic>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<Explained>,
}

/// Each article's kind and headline, in order (for tests).
#[cfg(test)]
pub(crate) fn kinds(p: &ParsedPage) -> Vec<(kanbao_bundle::ArticleKind, &str)> {
    p.articles
        .iter()
        .map(|a| (a.kind, a.headline.as_str()))
        .collect()
}

/// Every non-space character the page's output holds, once each: articles'
/// text fields and byline names, unassigned text, masthead lines and marks.
/// Issue fields and `continues_to` are read from masthead lines and marks, so
/// they are not counted again; a notice's editor is read from its headline.
pub fn account(p: &ParsedPage) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    let mut add = |s: &str| out.extend(s.chars().filter(|c| !c.is_whitespace()));
    for a in &p.articles {
        a.kicker.as_deref().map(&mut add);
        add(&a.headline);
        a.subheadline.as_deref().map(&mut add);
        a.dateline.as_deref().map(&mut add);
        // A page credit read as a notice keeps its whole line as headline
        // and names its editor again in the byline: a name counts once. A
        // notice's other names (a photo credit closing it) count.
        let read_in: String = match a.kind {
            kanbao_bundle::ArticleKind::Notice => {
                a.headline.chars().filter(|c| !c.is_whitespace()).collect()
            }
            _ => String::new(),
        };
        for (_, names) in a.byline.roles() {
            names
                .iter()
                .filter(|n| read_in.is_empty() || !read_in.contains(n.as_str()))
                .for_each(|n| add(n));
        }
        a.paragraphs.iter().for_each(|s| add(s));
    }
    p.unassigned.iter().for_each(|u| add(&u.text));
    p.masthead.iter().for_each(|u| add(&u.text));
    p.marks.iter().for_each(|m| add(&m.text));
    out.sort_unstable();
    out
}

/// The non-space characters of an input, sorted, to compare with [`account`].
pub fn input_chars(text: &str) -> Vec<char> {
    let mut v: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    v.sort_unstable();
    v
}
