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
/// the reader segments queries. With `posting_norms` (the index's), the
/// lengths go in its word postings, as in the index's, else in its doc info.
pub fn build_segment(
    articles: &[&Article],
    first_doc: u32,
    words: &[(String, u64)],
    word_total: u64,
    posting_norms: bool,
) -> BuiltSegment {
    let n = articles.len() as u32;
    let seg = segmenter(
        words.iter().map(|(w, c)| (w.as_str(), *c)),
        Some(word_total),
    );
    let posted = post(articles, &seg, &|_, _| {}, false);
    let counts: HashMap<&str, u64> = words.iter().map(|(w, c)| (w.as_str(), *c)).collect();
    let lens = posted.lens.as_slice();
    let in_postings = posting_norms.then_some(lens);
    let (term_shards, mut files) =
        terms::write(&posted.chars, &posted.words, &counts, n, in_postings);
    let (mut doc_info, info_files) = doc_info::write(articles, (!posting_norms).then_some(lens));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::codec::BODY_LEVEL_SHIFT;
    use crate::format::Article;
    use crate::index::{build_index, build_index_full, segmenter, LoadedIndex};

    fn article(headline: &str, body: &str) -> Article {
        Article {
            headline: headline.into(),
            paragraphs: vec![body.into()],
            ..Default::default()
        }
    }

    /// An index of two articles with a segment of two more, the segment's
    /// term shards loaded first or the index's; as a large archive (lengths
    /// in the postings) or not.
    fn loaded(segment_first: bool, large: bool) -> LoadedIndex {
        // Four mentions each: both words are the index's vocabulary.
        let base = [
            article("平湖新闻", "平湖的羽绒服很暖和，平湖羽绒服。"),
            article("天气预报", "今天平湖有雨，羽绒服卖得好，羽绒服。"),
        ];
        let added = [
            article("羽绒服", "羽绒服厂在平湖开工。"),
            article("体育", "足球。"),
        ];
        let dict = segmenter([("平湖", 10), ("羽绒服", 10)].into_iter(), None);
        let refs: Vec<&Article> = base.iter().collect();
        let built = build_index_full(&refs, &dict, None, &|_, _| {}, large);
        let words: Vec<(String, u64)> = [("平湖", 10), ("羽绒服", 10)]
            .iter()
            .map(|&(w, c)| {
                (
                    w.to_string(),
                    crate::index::count_of_level(crate::index::level_of_count(c)),
                )
            })
            .collect();
        let seg = build_segment(
            &added.iter().collect::<Vec<_>>(),
            2,
            &words,
            built.meta.word_total,
            large,
        );
        assert_eq!(seg.segment.first_doc, 2);
        assert!(
            seg.files.iter().all(|(f, _)| seg.segment.owns(f)),
            "{:?}",
            seg.files
        );
        let mut index = LoadedIndex::new(&built.meta, std::slice::from_ref(&seg.segment));
        let terms = |files: &[(String, String)]| -> Vec<(String, String)> {
            files
                .iter()
                .filter(|(f, _)| f.contains("/t") || f.contains("-t"))
                .cloned()
                .collect()
        };
        let (mut first, mut then) = (terms(&built.shards), terms(&seg.files));
        if segment_first {
            std::mem::swap(&mut first, &mut then);
        }
        for (f, json) in first.iter().chain(&then) {
            index.insert(f, json).unwrap();
        }
        index
    }

    #[test]
    fn a_segment_merges_into_the_index_whichever_loads_first() {
        for (segment_first, large) in [(false, false), (true, false), (false, true), (true, true)] {
            let index = loaded(segment_first, large);
            let s = index.shard_for('平').unwrap();
            assert_eq!(
                s.chars[&'平'].docs(),
                &[0, 1, 2],
                "segment first: {segment_first}"
            );
            let w = &s.words["平湖"];
            assert_eq!(w.docs(), &[0], "headline only: {segment_first}");
            let s = index.shard_for('羽').unwrap();
            let w = &s.words["羽绒服"];
            assert_eq!(w.docs(), &[0, 1, 2], "segment first: {segment_first}");
            // Body levels of the index's documents and of the segment's.
            let levels: Vec<u32> = w
                .tf()
                .iter()
                .map(|t| t >> BODY_LEVEL_SHIFT & 0xFF)
                .collect();
            assert_eq!(levels.iter().all(|&l| l > 0), large, "{levels:?}");
            let s = index.shard_for('足').unwrap();
            assert_eq!(
                s.chars[&'足'].docs(),
                &[3],
                "only in the segment: {segment_first}"
            );
        }
    }

    #[test]
    fn a_query_needs_the_segment_shard_too() {
        let base = [article("平湖", "平湖。")];
        let dict = segmenter([("平湖", 10)].into_iter(), None);
        let built = build_index(&base.iter().collect::<Vec<_>>(), &dict);
        let seg = build_segment(
            &[&article("平湖", "又")],
            1,
            &[("平湖".into(), 10)],
            10,
            false,
        );
        let index = LoadedIndex::new(&built.meta, std::slice::from_ref(&seg.segment));
        let need = index.shard_for('平').unwrap_err();
        assert_eq!(need.len(), 2, "{need:?}");
        assert!(
            need[1].starts_with(&format!("index/{}-t", seg.segment.id)),
            "{need:?}"
        );
    }
}
