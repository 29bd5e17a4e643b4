//! Index segments (`index/<id>-…`): the index of documents added to a bundle
//! after its index was built ([`crate::Segment`]), so an addition writes a
//! few new files instead of rewriting every term shard. Build side; the
//! reader merges a segment's groups into the index's term shards as they
//! load ([`super::LoadedIndex`]).

use std::collections::HashMap;

use super::{doc_info, post, segmenter, terms};
use crate::format::codec::fnv1a64;
use crate::format::index::{segment_doc_info_file, segment_term_file, DocInfoJson};
use crate::format::{Article, DocInfoEntry, Segment};

/// A segment's manifest entries and files.
pub struct BuiltSegment {
    pub segment: Segment,
    /// Its doc-info shards, numbered as in the bundle.
    pub doc_info: Vec<DocInfoEntry>,
    /// (file name, JSON payload): term shards, then doc-info shards.
    pub files: Vec<(String, String)>,
    /// Per document, its searchable characters outside the headline and in it.
    pub lens: Vec<(u32, u32)>,
}

/// Indexes `articles`, the bundle's documents `first_doc ..`, with the
/// index's vocabulary: `words` (word, count as stored) and the vocabulary's
/// count total `word_total`, so the segment segments as the index did and as
/// the reader segments queries.
pub fn build_segment(
    articles: &[&Article],
    first_doc: u32,
    words: &[(String, u64)],
    word_total: u64,
) -> BuiltSegment {
    let n = articles.len() as u32;
    let seg = segmenter(
        words.iter().map(|(w, c)| (w.as_str(), *c)),
        Some(word_total),
    );
    let posted = post(articles, &seg, &|_, _| {});
    let counts: HashMap<&str, u64> = words.iter().map(|(w, c)| (w.as_str(), *c)).collect();
    let (term_shards, mut files) = terms::write(&posted.chars, &posted.words, &counts, n);
    let (mut doc_info, info_files) = doc_info::write(articles, &posted.lens);
    for ((_, json), e) in info_files.into_iter().zip(&mut doc_info) {
        // Doc-info shards count in the bundle's document numbers.
        let mut info: DocInfoJson = serde_json::from_str(&json).expect("doc info reads back");
        info.first_doc += first_doc;
        e.first_doc += first_doc;
        files.push((
            String::new(),
            serde_json::to_string(&info).expect("doc info serializes"),
        ));
    }
    // The id: a hash of what the files hold and where their documents start.
    let mut all = first_doc.to_le_bytes().to_vec();
    for (_, json) in &files {
        all.extend_from_slice(json.as_bytes());
        all.push(0);
    }
    let id = format!("{:012x}", fnv1a64(&all) >> 16);
    let terms_count = term_shards as usize;
    for (i, (name, _)) in files.iter_mut().enumerate() {
        *name = if i < terms_count {
            segment_term_file(&id, i)
        } else {
            segment_doc_info_file(&id, i - terms_count)
        };
    }
    for (k, e) in doc_info.iter_mut().enumerate() {
        e.file = segment_doc_info_file(&id, k);
    }
    BuiltSegment {
        segment: Segment {
            id,
            first_doc,
            docs: n,
            term_shards,
        },
        doc_info,
        files,
        lens: posted.lens,
    }
}
