//! Finding and reading input files: raw page text (`.txt`), PDFs (`.pdf`),
//! feeds (`.jsonl`), canonical issue files (`.md`, written by `kanbao import`).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::import::{ImportError, ParseOptions, ParsedPage};

/// What kind of input a file is, by its extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputKind {
    /// One page of raw extracted text.
    Page,
    /// A PDF: one page, or a whole issue whose pages become its pages.
    Pdf,
    /// JSON Lines, one article a line.
    Feed,
    /// A canonical issue file (Markdown) from `kanbao import`.
    Issue,
}

#[derive(Debug, Clone)]
pub struct InputFile {
    pub path: PathBuf,
    pub kind: InputKind,
    /// The name an archive records for the file: its path below the folder
    /// given on the command line (`2023/08/p1.txt`, with `/`), or its file
    /// name when the file itself was given. Never a path of the machine that
    /// built the archive, so the same inputs build the same bytes anywhere.
    pub source: String,
}

impl InputFile {
    /// A file named by the user: a page of text unless its extension says
    /// otherwise.
    pub fn of(path: &Path) -> InputFile {
        InputFile {
            path: path.to_path_buf(),
            kind: kind_of(path).unwrap_or(InputKind::Page),
            source: file_name(path),
        }
    }

    /// Records [`Self::source`] as the file of `pages` and of their pages,
    /// in place of the path they were read by.
    pub fn record_source(&self, pages: &mut [ParsedPage]) {
        for p in pages {
            p.file = self.source.clone();
            for page in &mut p.issue.pages {
                page.file = Some(self.source.clone());
            }
        }
    }
}

/// A file's name alone (the path itself if it has none).
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// `path` below `root`, its components joined by `/`.
fn below(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(rel) if rel.components().next().is_some() => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        _ => file_name(path),
    }
}

/// A page file as an issue file (from `kanbao import`) records it, made safe
/// to publish: an absolute path, or one climbing out with `..`, keeps only
/// its file name.
pub fn archive_name(recorded: &str) -> String {
    let path = Path::new(recorded);
    let climbs = path
        .components()
        .any(|c| matches!(c, std::path::Component::ParentDir));
    if path.is_absolute() || climbs || recorded.contains('\\') {
        let last = recorded.rsplit(['/', '\\']).next().unwrap_or(recorded);
        last.to_string()
    } else {
        recorded.to_string()
    }
}

fn kind_of(path: &Path) -> Option<InputKind> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
    {
        Some(e) if e == "jsonl" || e == "ndjson" => Some(InputKind::Feed),
        Some(e) if e == "txt" || e == "text" => Some(InputKind::Page),
        Some(e) if e == "pdf" => Some(InputKind::Pdf),
        Some(e) if e == "md" || e == "markdown" => Some(InputKind::Issue),
        _ => None,
    }
}

/// Expands files and folders into input files, in a stable order.
/// A file named explicitly is read as a page of text unless its extension
/// says otherwise.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<InputFile>> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).with_context(|| format!("{}: cannot read", p.display()))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found)?;
            if found.is_empty() {
                bail!(
                    "{}: folder holds no .txt pages, .pdf files, .jsonl feeds or .md issues",
                    p.display()
                );
            }
            for f in &mut found {
                f.source = below(p, &f.path);
            }
            found.sort_by(|a, b| a.path.cmp(&b.path));
            out.extend(found);
        } else {
            out.push(InputFile::of(p));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<InputFile>) -> Result<()> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("{}: cannot list folder", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("{}: cannot list folder", dir.display()))?;
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if let Some(kind) = kind_of(&path) {
            // In a folder, only Markdown with front matter is an issue file
            // (a README is not).
            if kind == InputKind::Issue && !starts_with_front_matter(&path) {
                continue;
            }
            let source = file_name(&path);
            out.push(InputFile { path, kind, source });
        }
    }
    Ok(())
}

fn starts_with_front_matter(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 8];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = &head[..n];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    head.starts_with(b"---")
}

/// Reads a page input (text or PDF) into parsed pages. A file that cannot be
/// read at all is the error; a PDF page that cannot be read (a scanned page
/// without text) is one of the returned errors, and the file's other pages
/// are kept.
pub fn read_pages(
    f: &InputFile,
    opts: &ParseOptions,
) -> Result<(Vec<ParsedPage>, Vec<anyhow::Error>), ImportError> {
    match f.kind {
        InputKind::Pdf => crate::import::pdf::read_file(&f.path, opts),
        _ => Ok((vec![crate::import::read_page(&f.path, opts)?], Vec::new())),
    }
}
