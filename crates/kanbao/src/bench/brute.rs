//! The brute-force reference the benchmark's recall and the tests' counts
//! are measured against.

use kanbao_bundle::search::normalize::fold;
use kanbao_bundle::Article;

/// The reference for recall and for the reader's counts: every article's
/// searchable fields, folded as the index folds them, scanned in full. One
/// implementation for the benchmark and the tests that compare against it.
pub struct BruteForce {
    /// Per article, its document number and folded fields.
    fields: Vec<(u32, Vec<String>)>,
}

impl BruteForce {
    /// Articles in document order (document `d` is the `d`-th).
    pub fn new<'a>(articles: impl IntoIterator<Item = &'a Article>) -> BruteForce {
        Self::numbered(articles.into_iter().enumerate().map(|(d, a)| (d as u32, a)))
    }

    /// Articles with their document numbers, in document order.
    pub fn numbered<'a>(articles: impl IntoIterator<Item = (u32, &'a Article)>) -> BruteForce {
        BruteForce {
            fields: articles
                .into_iter()
                .map(|(d, a)| (d, folded_fields(a)))
                .collect(),
        }
    }

    /// Documents holding every whitespace-separated term of `q` in some field.
    pub fn matches(&self, q: &str) -> Vec<u32> {
        let terms: Vec<String> = q.split_whitespace().map(fold).collect();
        self.fields
            .iter()
            .filter(|(_, f)| {
                terms
                    .iter()
                    .all(|t| f.iter().any(|x| x.contains(t.as_str())))
            })
            .map(|(d, _)| *d)
            .collect()
    }
}

/// Searchable text of an article, folded, one field a line.
fn folded_fields(a: &Article) -> Vec<String> {
    a.fields().map(|(_, t)| fold(t)).collect()
}
