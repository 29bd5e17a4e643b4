//! Doc-info shards (`index/dNNNN.js`): per document its searchable length
//! (body and headline, for BM25F), page, kind and byline names, for filters,
//! facets and length normalisation, [`DOC_INFO_DOCS`] documents a shard.
//! Writer and reader.
//!
//! Lengths are stored as levels, one digit a document ([`super::norms`]),
//! and only in a small archive: a large one keeps them in its word postings
//! (`IndexMeta::posting_norms`), as they were most of a doc-info shard (8.9
//! of 12.4 KB of brotli at 100,000 articles) and every query that is not
//! rare ranks documents of every shard.

use std::collections::HashMap;

use super::norms::{length_level, level_lengths, MAX_LEVEL};
use crate::format::codec::{get_numbers, put_number};
use crate::format::index::{doc_info_file, DocInfoJson};
use crate::format::{entry_of, Article, ArticleKind, DocInfoEntry, IndexMeta};
use crate::BundleError;

/// Documents per doc-info shard.
pub const DOC_INFO_DOCS: usize = 8192;

/// Build side: the manifest entries and files of the doc-info shards of
/// `articles`, with each document's (body, headline) length when `lens`
/// (a small archive's).
pub(crate) fn write(
    articles: &[&Article],
    lens: Option<&[(u32, u32)]>,
) -> (Vec<DocInfoEntry>, Vec<(String, String)>) {
    let mut entries = Vec::new();
    let mut files = Vec::new();
    for (k, chunk) in articles.chunks(DOC_INFO_DOCS).enumerate() {
        let first_doc = (k * DOC_INFO_DOCS) as u32;
        let mut info = DocInfoJson {
            first_doc,
            ..Default::default()
        };
        let mut name_ids: HashMap<&str, u32> = HashMap::new();
        for (j, a) in chunk.iter().enumerate() {
            if let Some(lens) = lens {
                let (len, hlen) = lens[first_doc as usize + j];
                put_number(&mut info.len, length_level(len));
                put_number(&mut info.hlen, length_level(hlen));
            }
            put_number(&mut info.page, a.page.unwrap_or(0));
            let kind = ArticleKind::ALL
                .iter()
                .position(|&x| x == a.kind)
                .unwrap_or(0);
            put_number(&mut info.kind, kind as u32);
            let ids: Vec<u32> = a
                .byline
                .all_names()
                .into_iter()
                .map(|name| {
                    *name_ids.entry(name).or_insert_with(|| {
                        info.names.push(name.to_string());
                        info.names.len() as u32 - 1
                    })
                })
                .collect();
            put_number(&mut info.authors, ids.len() as u32);
            for id in ids {
                put_number(&mut info.authors, id);
            }
        }
        let file = doc_info_file(k);
        entries.push(DocInfoEntry {
            file: file.clone(),
            first_doc,
            count: chunk.len() as u32,
        });
        files.push((
            file,
            serde_json::to_string(&info).expect("doc info serializes"),
        ));
    }
    (entries, files)
}

/// Which doc-info shard `file` is.
pub(crate) fn index_of(meta: &IndexMeta, file: &str) -> Option<usize> {
    meta.doc_info.iter().position(|e| e.file == file)
}

/// Facts of the documents of one doc-info shard.
#[derive(Debug, Default)]
pub struct DocInfo {
    pub first_doc: u32,
    /// Searchable lengths outside the headline and in it; empty when the
    /// word postings carry them.
    pub len: Vec<u32>,
    pub hlen: Vec<u32>,
    pub page: Vec<u32>,
    pub kind: Vec<u8>,
    pub names: Vec<String>,
    /// Indexes into `names`, all documents' in one vector: document `i` has
    /// `author_ids[author_at[i]..author_at[i + 1]]` (one allocation, not one
    /// per document: facets read this for every match).
    pub author_ids: Vec<u32>,
    pub author_at: Vec<u32>,
}

impl DocInfo {
    /// Reads doc-info shard `file`, checked against its manifest entry `e`;
    /// it has lengths unless `posting_norms`.
    pub(crate) fn from_json(
        file: &str,
        json: &str,
        e: &DocInfoEntry,
        posting_norms: bool,
    ) -> Result<Self, BundleError> {
        let corrupt = |reason: String| BundleError::Corrupt {
            file: file.to_string(),
            reason,
        };
        let raw: DocInfoJson = serde_json::from_str(json).map_err(|e| corrupt(e.to_string()))?;
        let count = e.count as usize;
        let bad = || corrupt("does not match manifest.js (was the bundle rebuilt partly?)".into());
        let column = |s: &str| get_numbers(s).filter(|v| v.len() == count).ok_or_else(bad);
        let table = level_lengths();
        let length = |l: u32| table[l.min(MAX_LEVEL) as usize];
        let lengths = |s: &str| match posting_norms {
            true if s.is_empty() => Ok(Vec::new()),
            true => Err(bad()),
            false => column(s).map(|v| v.into_iter().map(length).collect()),
        };
        let (len, hlen, page) = (lengths(&raw.len)?, lengths(&raw.hlen)?, column(&raw.page)?);
        let kind: Vec<u8> = column(&raw.kind)?
            .into_iter()
            .map(|k| k.min(255) as u8)
            .collect();
        let flat = get_numbers(&raw.authors).ok_or_else(bad)?;
        let mut author_ids = Vec::new();
        let mut author_at = Vec::with_capacity(count + 1);
        author_at.push(0);
        let mut pos = 0;
        while pos < flat.len() {
            let n = flat[pos] as usize;
            let ids = flat.get(pos + 1..pos + 1 + n).ok_or_else(bad)?;
            if ids.iter().any(|&a| a as usize >= raw.names.len()) {
                return Err(bad());
            }
            author_ids.extend_from_slice(ids);
            author_at.push(author_ids.len() as u32);
            pos += 1 + n;
        }
        if raw.first_doc != e.first_doc || author_at.len() != count + 1 {
            return Err(bad());
        }
        Ok(DocInfo {
            first_doc: raw.first_doc,
            len,
            hlen,
            page,
            kind,
            names: raw.names,
            author_ids,
            author_at,
        })
    }

    /// Byline names of document `i`, as indexes into `names`.
    pub fn authors(&self, i: usize) -> &[u32] {
        match (self.author_at.get(i), self.author_at.get(i + 1)) {
            (Some(&a), Some(&b)) => self.author_ids.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    pub fn kind(&self, i: usize) -> ArticleKind {
        ArticleKind::ALL
            .get(self.kind[i] as usize)
            .copied()
            .unwrap_or_default()
    }
}

/// A reader of loaded doc info that remembers the last shard, for walking
/// many documents in order.
pub struct InfoCursor<'a> {
    entries: &'a [DocInfoEntry],
    shards: &'a [Option<DocInfo>],
    start: u32,
    end: u32,
    info: Option<&'a DocInfo>,
}

impl<'a> InfoCursor<'a> {
    /// Over the doc-info shards `entries` of the manifest, loaded or not (`shards`).
    pub fn new(entries: &'a [DocInfoEntry], shards: &'a [Option<DocInfo>]) -> Self {
        InfoCursor {
            entries,
            shards,
            start: 0,
            end: 0,
            info: None,
        }
    }

    /// Loaded doc info of `doc` and its index in it; `None` when not loaded.
    pub fn get(&mut self, doc: u32) -> Option<(&'a DocInfo, usize)> {
        if !(self.start..self.end).contains(&doc) {
            let i = entry_of(self.entries, doc)?;
            let e = &self.entries[i];
            self.start = e.first_doc;
            self.end = e.first_doc.saturating_add(e.count);
            self.info = self.shards.get(i).and_then(Option::as_ref);
        }
        Some((self.info?, (doc - self.start) as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Byline;

    #[test]
    fn a_written_shard_reads_back() {
        let mut a = Article {
            page: Some(3),
            kind: ArticleKind::Photo,
            ..Default::default()
        };
        a.byline
            .names_mut(crate::format::Role::Author)
            .push("王平".into());
        let b = Article {
            byline: Byline::default(),
            ..Default::default()
        };
        let (entries, files) = write(&[&a, &b, &a], Some(&[(5, 1), (0, 0), (700, 2)]));
        assert_eq!(entries.len(), 1);
        assert_eq!((entries[0].first_doc, entries[0].count), (0, 3));
        let info = DocInfo::from_json(&files[0].0, &files[0].1, &entries[0], false).unwrap();
        assert_eq!(
            (info.len.clone(), info.hlen.clone()),
            (
                vec![5, 0, level_lengths()[length_level(700) as usize]],
                vec![1, 0, 2]
            )
        );
        assert!(DocInfo::from_json(&files[0].0, &files[0].1, &entries[0], true).is_err());
        assert_eq!(info.page, vec![3, 0, 3]);
        assert_eq!(info.kind(0), ArticleKind::Photo);
        assert_eq!(info.names, vec!["王平".to_string()]);
        assert_eq!(
            (info.authors(0), info.authors(1), info.authors(2)),
            (&[0u32][..], &[][..], &[0u32][..])
        );
        let other = DocInfoEntry {
            count: 2,
            ..entries[0].clone()
        };
        assert!(DocInfo::from_json(&files[0].0, &files[0].1, &other, false).is_err());
    }

    #[test]
    fn a_large_archive_keeps_no_lengths_here() {
        let a = Article::default();
        let (entries, files) = write(&[&a, &a], None);
        assert!(!files[0].1.contains("len"), "{}", files[0].1);
        let info = DocInfo::from_json(&files[0].0, &files[0].1, &entries[0], true).unwrap();
        assert!(info.len.is_empty() && info.hlen.is_empty());
        assert_eq!(info.page, [0, 0]);
        assert!(DocInfo::from_json(&files[0].0, &files[0].1, &entries[0], false).is_err());
    }
}
