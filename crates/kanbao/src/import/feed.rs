//! JSON Lines feeds: one article a line with `id`, `date`, `page`, `title`,
//! `paragraphs` (the shape of the pd1998 corpus).

use kanbao_bundle::{Article, ArticleKind};
use serde::Deserialize;

use super::model::ImportError;

#[derive(Deserialize)]
struct FeedLine {
    #[serde(default)]
    id: Option<String>,
    date: Option<String>,
    #[serde(default)]
    page: Option<u32>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    paragraphs: Vec<String>,
}

/// An article from a feed with its date.
pub struct FeedArticle {
    pub date: Option<String>,
    pub article: Article,
}

/// Parses a whole feed; any bad line is an error naming file and line.
pub fn parse_feed(file: &str, text: &str) -> Result<Vec<FeedArticle>, ImportError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        out.extend(parse_line(file, i + 1, line)?);
    }
    Ok(out)
}

/// Parses a feed read line by line from `input` (UTF-8), so a feed of
/// gigabytes is never held whole, nor copied: `Ok(None)` when a line is not
/// UTF-8 (the caller then reads the file whole, through its encoding).
pub fn read_feed(
    file: &str,
    input: impl std::io::BufRead,
) -> Result<Option<Vec<FeedArticle>>, ImportError> {
    let mut out = Vec::new();
    for (i, line) in input.split(b'\n').enumerate() {
        let line = line.map_err(|e| ImportError::Syntax {
            file: file.into(),
            line: i + 1,
            message: format!("cannot read: {e}"),
        })?;
        let Ok(text) = std::str::from_utf8(&line) else {
            return Ok(None);
        };
        let text = if i == 0 {
            text.trim_start_matches('\u{feff}')
        } else {
            text
        };
        out.extend(parse_line(file, i + 1, text.trim_end_matches('\r'))?);
    }
    Ok(Some(out))
}

/// One line of a feed (`line` its number): an article, or none for a blank line.
fn parse_line(file: &str, line: usize, text: &str) -> Result<Option<FeedArticle>, ImportError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let syntax = |message: String| ImportError::Syntax {
        file: file.into(),
        line,
        message,
    };
    let l: FeedLine =
        serde_json::from_str(text).map_err(|e| syntax(format!("not a feed record: {e}")))?;
    let mut paragraphs = l.paragraphs;
    let headline = match l.title {
        Some(t) => {
            // The title is usually repeated as the first paragraph.
            if paragraphs.first() == Some(&t) {
                paragraphs.remove(0);
            }
            t
        }
        None if !paragraphs.is_empty() => paragraphs.remove(0),
        None => return Err(syntax("record has neither title nor paragraphs".into())),
    };
    if let Some(d) = &l.date {
        if !is_iso_date(d) {
            return Err(syntax(format!("date `{d}` is not YYYY-MM-DD")));
        }
    }
    Ok(Some(FeedArticle {
        date: l.date,
        article: Article {
            page: l.page,
            kind: ArticleKind::News,
            headline,
            paragraphs,
            source_id: l.id,
            source: Some(kanbao_bundle::SourceSpan {
                file: file.into(),
                line_start: line as u32,
                line_end: line as u32,
            }),
            ..Default::default()
        },
    }))
}

/// `YYYY-MM-DD` with plausible ranges.
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    matches!((num(0..4), num(5..7), num(8..10)), (Some(_), Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d))
}
