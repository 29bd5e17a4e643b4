//! `kanbao bench --replicate`: a large bundle from a small feed.

use std::path::Path;

use anyhow::{bail, Context, Result};

/// Builds `out` from the feed `from` repeated until `articles` articles, each
/// copy's dates shifted by whole years so issues stay distinct and ordered.
pub fn replicate(from: &Path, articles: usize, out: &Path, paper: Option<&str>) -> Result<()> {
    use crate::import::{decode::decode, feed::parse_feed};
    let name = from.display().to_string();
    let bytes = std::fs::read(from).with_context(|| format!("{name}: cannot read"))?;
    let text = decode(&name, &bytes)?;
    let feed = parse_feed(&name, &text.text)?;
    if feed.is_empty() {
        bail!("{name}: no articles");
    }
    let mut all = Vec::with_capacity(articles);
    let mut copy = 0;
    while all.len() < articles {
        for f in &feed {
            if all.len() >= articles {
                break;
            }
            all.push(crate::import::feed::FeedArticle {
                date: f.date.as_deref().map(|d| shift_year(d, copy)),
                article: f.article.clone(),
            });
        }
        copy += 1;
    }
    let issues = crate::build::assemble(Vec::new(), all, paper);
    let stats = crate::build::write_bundle(&issues, out, "kanbao bench")?;
    eprintln!(
        "kanbao: built {} with {} articles, {} bytes",
        out.display(),
        stats.articles,
        stats.bytes
    );
    Ok(())
}

fn shift_year(date: &str, by: i32) -> String {
    match date.get(..4).and_then(|y| y.parse::<i32>().ok()) {
        Some(y) => format!("{:04}{}", y - by, &date[4..]),
        None => date.to_string(),
    }
}
