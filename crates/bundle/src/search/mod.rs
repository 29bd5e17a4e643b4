//! The search core shared by the CLI and the reader.
//!
//! Contract: [`build_index`] (native) turns articles into index shards and an
//! [`IndexMeta`] for the manifest; [`run`] answers a [`SearchRequest`] against
//! an [`Archive`], returning [`Need`] when shards must be loaded first.
//!
//! This first version is a verified scan: it needs every document shard and
//! matches folded text directly, which is exact but loads everything.

pub mod normalize;

use serde::{Deserialize, Serialize};

use crate::archive::{Archive, Need};
use crate::format::{Article, Field};
use crate::BundleError;

/// The index's entry in the manifest.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default)]
pub struct IndexMeta {
    /// Which index structure the shards hold.
    pub kind: String,
    pub shards: Vec<IndexShardEntry>,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct IndexShardEntry {
    pub file: String,
    pub bytes: u64,
}

/// Index shards loaded so far.
#[derive(Debug, Default)]
pub struct LoadedIndex {
    files: Vec<String>,
    loaded: Vec<bool>,
}

impl LoadedIndex {
    pub fn new(meta: &IndexMeta) -> Self {
        Self {
            files: meta.shards.iter().map(|s| s.file.clone()).collect(),
            loaded: vec![false; meta.shards.len()],
        }
    }
    pub fn accepts(&self, file: &str) -> bool {
        self.files.iter().any(|f| f == file)
    }
    pub fn is_loaded(&self, file: &str) -> bool {
        self.files
            .iter()
            .position(|f| f == file)
            .is_some_and(|i| self.loaded[i])
    }
    pub fn insert(&mut self, file: &str, _json: &str) -> Result<(), BundleError> {
        if let Some(i) = self.files.iter().position(|f| f == file) {
            self.loaded[i] = true;
        }
        Ok(())
    }
}

/// Index shard files and the manifest entry describing them.
pub struct BuiltIndex {
    pub meta: IndexMeta,
    /// (file name, JSON payload)
    pub shards: Vec<(String, String)>,
}

/// Builds the index for documents numbered 0.. in `articles` order.
pub fn build_index(_articles: &[&Article]) -> BuiltIndex {
    BuiltIndex {
        meta: IndexMeta {
            kind: "scan".into(),
            shards: Vec::new(),
        },
        shards: Vec::new(),
    }
}

/// Result order.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct SearchRequest {
    pub query: String,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
}

impl Default for SearchRequest {
    fn default() -> Self {
        Self {
            query: String::new(),
            sort: Sort::Relevance,
            offset: 0,
            limit: 20,
        }
    }
}

/// A piece of a snippet; `hit` pieces are highlighted.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Fragment {
    pub text: String,
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub hit: bool,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Hit {
    pub doc: u32,
    pub article_id: String,
    pub headline: String,
    pub date: Option<String>,
    pub page: Option<u32>,
    pub score: f32,
    pub snippet: Vec<Fragment>,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct SearchResults {
    /// Number of matching articles.
    pub total: usize,
    pub hits: Vec<Hit>,
    /// The query's search terms after normalization, for highlighting.
    pub terms: Vec<String>,
}

/// Answers `req` on `archive`.
pub fn run(archive: &Archive, req: &SearchRequest) -> Result<SearchResults, Need> {
    let terms: Vec<String> = req
        .query
        .split_whitespace()
        .map(normalize::fold)
        .filter(|t| t.chars().any(normalize::is_word_char))
        .collect();
    if terms.is_empty() {
        return Ok(SearchResults::default());
    }
    let docs = archive.articles(0..archive.manifest.article_count)?;
    let mut hits: Vec<Hit> = Vec::new();
    for (doc, article) in docs {
        let mut score = 0.0f32;
        let mut all = true;
        for t in &terms {
            let mut found = 0.0;
            for (field, text) in article.fields() {
                let n = normalize::fold(text).matches(t.as_str()).count() as f32;
                found += n * match field {
                    Field::Headline => 10.0,
                    Field::Kicker | Field::Subheadline => 5.0,
                    Field::Byline => 3.0,
                    Field::Body => 1.0,
                };
            }
            if found == 0.0 {
                all = false;
                break;
            }
            score += found;
        }
        if !all {
            continue;
        }
        let issue = archive.manifest.issue_of_doc(doc);
        hits.push(Hit {
            doc,
            article_id: article.id.clone(),
            headline: article.headline.clone(),
            date: issue.and_then(|i| i.issue.date.clone()),
            page: article.page,
            score,
            snippet: snippet(article, &terms),
        });
    }
    match req.sort {
        Sort::Relevance => hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc))),
        Sort::Newest => hits.sort_by(|a, b| b.date.cmp(&a.date).then(a.doc.cmp(&b.doc))),
        Sort::Oldest => hits.sort_by(|a, b| a.date.cmp(&b.date).then(a.doc.cmp(&b.doc))),
    }
    let total = hits.len();
    let hits = hits.into_iter().skip(req.offset).take(req.limit).collect();
    Ok(SearchResults { total, hits, terms })
}

/// A short passage of the body around the first hit, with hits marked.
pub fn snippet(article: &Article, terms: &[String]) -> Vec<Fragment> {
    const CONTEXT: usize = 30;
    let body = article.paragraphs.join(" ");
    let chars: Vec<char> = body.chars().collect();
    let folded: Vec<char> = chars.iter().map(|&c| normalize::fold_char(c)).collect();
    let mut marks = vec![false; chars.len()];
    for t in terms {
        let t: Vec<char> = t.chars().collect();
        if t.is_empty() || t.len() > folded.len() {
            continue;
        }
        for i in 0..=folded.len() - t.len() {
            if folded[i..i + t.len()] == t[..] {
                marks[i..i + t.len()].iter_mut().for_each(|m| *m = true);
            }
        }
    }
    let first = marks.iter().position(|&m| m).unwrap_or(0);
    let start = first.saturating_sub(CONTEXT / 2);
    let end = (start + CONTEXT * 3).min(chars.len());
    let mut out: Vec<Fragment> = Vec::new();
    if start > 0 {
        out.push(Fragment {
            text: "…".into(),
            hit: false,
        });
    }
    for i in start..end {
        match out.last_mut() {
            Some(f) if f.hit == marks[i] && f.text != "…" => f.text.push(chars[i]),
            _ => out.push(Fragment {
                text: chars[i].to_string(),
                hit: marks[i],
            }),
        }
    }
    if end < chars.len() {
        out.push(Fragment {
            text: "…".into(),
            hit: false,
        });
    }
    out
}
