//! The search core shared by the CLI and the reader.
//!
//! Contract: [`build_index`] (native) turns articles into index shards and an
//! [`IndexMeta`] for the manifest; [`run`] answers a [`SearchRequest`] against
//! an [`Archive`], returning [`Need`] when shards must be loaded first: the term
//! shards of the query's characters, then doc-info shards of the candidates,
//! then the document shards of the hits shown (and of candidates that must be
//! checked against their text). See docs/search.md.

pub mod codec;
pub mod index;
pub mod normalize;
pub mod pinyin;
pub mod query;
pub mod snippet;
mod zh_table;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::archive::{Archive, Need};
use crate::format::Article;
pub use index::{build_index, build_index_with, segmenter, BuiltIndex, LoadedIndex, Readings};
use normalize::{fold, is_word_char};
pub use pinyin::{suggest, Suggestion};
pub use query::{parse, Filters, Query, Term};
pub use snippet::highlight;

/// Name of the index structure this code writes and reads.
pub const INDEX_KIND: &str = "kanbao-chars-words-2";

/// The index's entry in the manifest.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default)]
pub struct IndexMeta {
    /// Which index structure the shards hold.
    pub kind: String,
    /// Every index file: the term shards (`index/tNNNN.js`) then the doc-info
    /// and pinyin shards. Stored compactly, see [`compact_index_shards`].
    #[serde(with = "compact_index_shards")]
    pub shards: Vec<IndexShardEntry>,
    /// Number of term shards; a character's group is in shard `fnv1a(c) % term_shards`.
    pub term_shards: u32,
    pub doc_info: Vec<DocInfoEntry>,
    /// Documents indexed.
    pub docs: u32,
    /// Mean searchable characters per document outside the headline, and in it.
    pub avg_len: f32,
    pub avg_headline_len: f32,
    /// Sum of the corpus counts of all dictionary words (for query segmentation).
    pub word_total: u64,
    /// Pinyin shards (`index/p<letter>.js`), one per first letter; empty when
    /// the bundle was built without pinyin (older bundles).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pinyin: Vec<pinyin::PinyinShardEntry>,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct IndexShardEntry {
    pub file: String,
    pub bytes: u64,
}

/// `IndexMeta::shards` in the manifest as `{"t": …, "files": […]}`: the sizes
/// of the term shards `index/t0000.js`, `index/t0001.js`, … as one string of
/// numbers ([`codec::put_number`]), then the other files as `[file, bytes]`.
pub mod compact_index_shards {
    use super::codec::{get_number, put_number};
    use super::index::term_shard_file;
    use super::IndexShardEntry;
    use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize, Default)]
    struct Compact {
        t: String,
        files: Vec<(String, u64)>,
    }

    pub fn serialize<S: Serializer>(v: &[IndexShardEntry], s: S) -> Result<S::Ok, S::Error> {
        let mut c = Compact::default();
        let terms = v
            .iter()
            .enumerate()
            .take_while(|(i, e)| e.file == term_shard_file(*i))
            .count();
        for e in &v[..terms] {
            put_number(&mut c.t, e.bytes.min(u32::MAX as u64) as u32);
        }
        c.files = v[terms..]
            .iter()
            .map(|e| (e.file.clone(), e.bytes))
            .collect();
        c.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<IndexShardEntry>, D::Error> {
        let c = Compact::deserialize(d)?;
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < c.t.len() {
            let bytes = get_number(c.t.as_bytes(), &mut pos)
                .ok_or_else(|| D::Error::custom("bad index shard sizes"))?;
            out.push(IndexShardEntry {
                file: term_shard_file(out.len()),
                bytes: bytes as u64,
            });
        }
        out.extend(
            c.files
                .into_iter()
                .map(|(file, bytes)| IndexShardEntry { file, bytes }),
        );
        Ok(out)
    }
}

/// A doc-info shard: facts of documents `first_doc .. first_doc + count`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct DocInfoEntry {
    pub file: String,
    pub first_doc: u32,
    pub count: u32,
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
    /// Filters chosen outside the query text (facet clicks); combined with the query's.
    pub filters: Filters,
    /// Check every candidate against its text, so `total` and facets are exact
    /// (may load every document shard). Otherwise only as many as the page needs.
    pub exhaustive: bool,
}

impl Default for SearchRequest {
    fn default() -> Self {
        Self {
            query: String::new(),
            sort: Sort::Relevance,
            offset: 0,
            limit: 20,
            filters: Filters::default(),
            exhaustive: false,
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

/// One value of a facet and how many matching articles have it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct FacetCount {
    pub value: String,
    pub count: usize,
}

/// Counts over all matches (before paging).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default)]
pub struct Facets {
    /// `1998`; chronological.
    pub years: Vec<FacetCount>,
    /// `1998-01`; chronological.
    pub months: Vec<FacetCount>,
    /// Issue ids; chronological.
    pub issues: Vec<FacetCount>,
    /// Page numbers; ascending.
    pub pages: Vec<FacetCount>,
    /// Byline names; most first.
    pub authors: Vec<FacetCount>,
    /// `news`, `photo`…; most first.
    pub kinds: Vec<FacetCount>,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default)]
pub struct SearchResults {
    /// Number of matching articles (an upper bound unless `exact`).
    pub total: usize,
    pub hits: Vec<Hit>,
    /// The query's search terms after normalization, for highlighting.
    pub terms: Vec<String>,
    pub facets: Facets,
    /// Whether `total` and `facets` are exact: every candidate was certain
    /// from the index or checked against its text.
    pub exact: bool,
}

/// Candidate documents of a term: `maybe` ⊇ documents containing it ⊇ `sure`.
struct Candidates {
    maybe: Vec<u32>,
    sure: Vec<u32>,
    /// For a term that is not itself a dictionary word but lies inside some
    /// (`绒服` in `羽绒服`): those words' postings merged, to rank the documents
    /// holding them as if the term were a word.
    inside: Option<Postings>,
}

/// Documents with weight bytes (see [`index::field_bits`]).
#[derive(Default)]
struct Postings {
    docs: Vec<u32>,
    tf: Vec<u8>,
}

/// Merges weighted postings: field bits or'ed, body counts added.
fn merge_weighted(a: &Postings, docs: &[u32], tf: &[u8]) -> Postings {
    let mut out = Postings::default();
    let (mut i, mut j) = (0, 0);
    while i < a.docs.len() || j < docs.len() {
        let (d, w) = match (a.docs.get(i), docs.get(j)) {
            (Some(&x), Some(&y)) if x == y => {
                let (u, v) = (a.tf[i], tf[j]);
                i += 1;
                j += 1;
                (x, (u | v) & 0xC0 | ((u & 0x3F) + (v & 0x3F)).min(0x3F))
            }
            (Some(&x), Some(&y)) if x < y => {
                i += 1;
                (x, a.tf[i - 1])
            }
            (Some(_), Some(&y)) | (None, Some(&y)) => {
                j += 1;
                (y, tf[j - 1])
            }
            (Some(&x), None) => {
                i += 1;
                (x, a.tf[i - 1])
            }
            (None, None) => break,
        };
        out.docs.push(d);
        out.tf.push(w);
    }
    out
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let x = match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) if x == y => {
                i += 1;
                j += 1;
                x
            }
            (Some(&x), Some(&y)) if x < y => {
                i += 1;
                x
            }
            (Some(_), Some(&y)) => {
                j += 1;
                y
            }
            (Some(&x), None) => {
                i += 1;
                x
            }
            (None, Some(&y)) => {
                j += 1;
                y
            }
            (None, None) => break,
        };
        out.push(x);
    }
    out
}

fn contains(sorted: &[u32], d: u32) -> bool {
    sorted.binary_search(&d).is_ok()
}

/// Term shard files the characters of `text` need and are not loaded.
fn missing_term_shards(archive: &Archive, text: &str, need: &mut Vec<String>) {
    for c in text.chars().filter(|&c| is_word_char(c)) {
        if let Err(file) = archive.index.shard_for(c) {
            if !need.contains(&file) {
                need.push(file);
            }
        }
    }
}

fn term_candidates(archive: &Archive, term: &Term) -> Candidates {
    let idx = &archive.index;
    let mut maybe: Option<Vec<u32>> = None;
    let mut seen = HashSet::new();
    // Rarest characters first keeps intersections small.
    let mut lists: Vec<&[u32]> = Vec::new();
    for c in term.text.chars().filter(|&c| is_word_char(c)) {
        if !seen.insert(c) {
            continue;
        }
        let list = idx
            .shard_for(c)
            .ok()
            .and_then(|s| s.chars.get(&c))
            .map(|v| v.as_slice())
            .unwrap_or(&[]);
        lists.push(list);
    }
    lists.sort_by_key(|l| l.len());
    for l in lists {
        maybe = Some(match maybe {
            None => l.to_vec(),
            Some(m) => intersect(&m, l),
        });
        if maybe.as_ref().is_some_and(|m| m.is_empty()) {
            break;
        }
    }
    let maybe = maybe.unwrap_or_default();
    let n_chars = term.text.chars().count();
    let mut inside = None;
    let sure = if term.phrase {
        Vec::new()
    } else if n_chars == 1 {
        maybe.clone()
    } else {
        // A document holding a dictionary word that contains the term holds the term.
        let is_word = term
            .text
            .chars()
            .next()
            .and_then(|c| idx.shard_for(c).ok())
            .is_some_and(|s| s.words.contains_key(&term.text));
        let mut merged = Postings::default();
        let mut shards_seen = HashSet::new();
        for c in term.text.chars() {
            let Ok(shard) = idx.shard_for(c) else {
                continue;
            };
            if !shards_seen.insert(shard as *const _ as usize) {
                continue;
            }
            for (w, entry) in &shard.words {
                if w.len() >= term.text.len() && w.contains(term.text.as_str()) {
                    merged = merge_weighted(&merged, &entry.docs, &entry.tf);
                }
            }
        }
        let sure = intersect(&merged.docs, &maybe);
        if !is_word && !merged.docs.is_empty() {
            inside = Some(merged);
        }
        sure
    };
    Candidates {
        maybe,
        sure,
        inside,
    }
}

/// An article's searchable fields folded for matching, joined by newlines
/// (a query term never holds one, so no match spans two fields).
pub fn folded_text(article: &Article) -> String {
    let mut out = String::new();
    for (i, (_, t)) in article.fields().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.extend(t.chars().map(normalize::fold_char));
    }
    out
}

/// Whether an article's [`folded_text`] matches the query's text conditions.
fn verify(folded: &str, query: &Query) -> bool {
    let has = |t: &Term| !t.text.contains('\n') && folded.contains(t.text.as_str());
    query.clauses.iter().all(|c| c.any.iter().any(has)) && !query.exclude.iter().any(has)
}

/// Query words for ranking: each term segmented with the corpus vocabulary of
/// the loaded shards, as the index was.
fn query_words(archive: &Archive, terms: &[String]) -> Vec<String> {
    let idx = &archive.index;
    let mut out: Vec<String> = Vec::new();
    for t in terms {
        for piece in query::pieces(t) {
            let chars: Vec<char> = piece.chars().collect();
            let mut found: Vec<(String, u64)> = Vec::new();
            for i in 0..chars.len() {
                let Ok(shard) = idx.shard_for(chars[i]) else {
                    continue;
                };
                for len in 2..=index::MAX_WORD_CHARS.min(chars.len() - i) {
                    let w: String = chars[i..i + len].iter().collect();
                    if let Some(e) = shard.words.get(&w) {
                        if !found.iter().any(|(f, _)| *f == w) {
                            found.push((w, e.count));
                        }
                    }
                }
            }
            let seg = segmenter(
                found.iter().map(|(w, c)| (w.as_str(), *c)),
                Some(idx.meta.word_total),
            );
            for tok in seg.cut(&piece, false) {
                let w = tok.word.to_string();
                if !out.contains(&w) {
                    out.push(w);
                }
            }
        }
    }
    out
}

/// Field weights of BM25F: headline, kicker/subheadline/byline, body.
const W_HEADLINE: f32 = 5.0;
const W_OTHER: f32 = 2.0;

/// BM25F scores of `cands` for the query words (words from word postings,
/// single characters by presence alone) and for the terms found only inside
/// words (`inside`: those words' merged postings, as one pseudo-word).
fn score(archive: &Archive, cands: &[u32], words: &[String], inside: &[&Postings]) -> Vec<f32> {
    const B: f32 = 0.75;
    let idx = &archive.index;
    let n = idx.meta.docs.max(1) as f32;
    let avg = idx.meta.avg_len.max(1.0);
    let avg_h = idx.meta.avg_headline_len.max(1.0);
    let mut scores = vec![0f32; cands.len()];
    // Per document: 1 / length normalisation of body and headline.
    let norm: Vec<(f32, f32)> = cands
        .iter()
        .map(|&d| {
            let (len, hlen) = match idx.info_for(d) {
                Ok(Some((info, i))) => (info.len[i] as f32, info.hlen[i] as f32),
                _ => (avg, avg_h),
            };
            (
                1.0 / (1.0 - B + B * len / avg),
                1.0 / (1.0 - B + B * hlen / avg_h),
            )
        })
        .collect();
    let idf = |df: usize| (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln();
    for w in words {
        let Some(c) = w.chars().next() else { continue };
        let Ok(shard) = idx.shard_for(c) else {
            continue;
        };
        if let Some(e) = shard.words.get(w) {
            add_bm25f(&mut scores, cands, &norm, &e.docs, &e.tf, idf(e.docs.len()));
        } else if w.chars().count() == 1 {
            let df = shard.chars.get(&c).map_or(0, |v| v.len());
            let idf = idf(df) * 0.5;
            for s in &mut scores {
                *s += idf;
            }
        }
    }
    for p in inside {
        add_bm25f(&mut scores, cands, &norm, &p.docs, &p.tf, idf(p.docs.len()));
    }
    scores
}

/// Adds one word's BM25F contribution to the scores of `cands` (sorted).
fn add_bm25f(
    scores: &mut [f32],
    cands: &[u32],
    norm: &[(f32, f32)],
    docs: &[u32],
    tf: &[u8],
    idf: f32,
) {
    const K1: f32 = 1.2;
    let (mut i, mut j) = (0, 0);
    while i < cands.len() && j < docs.len() {
        match cands[i].cmp(&docs[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let w = tf[j];
                let (nb, nh) = norm[i];
                let tf = (w & 0x3F) as f32 * nb
                    + if w & 0x80 != 0 { W_HEADLINE * nh } else { 0.0 }
                    + if w & 0x40 != 0 { W_OTHER } else { 0.0 };
                scores[i] += idf * tf * (K1 + 1.0) / (tf + K1);
                i += 1;
                j += 1;
            }
        }
    }
}

/// Adds to each clause of a pinyin run the Chinese words the run spells
/// ([`pinyin::expansions`]), keeping its literal terms: `ping hu` is
/// (平湖 OR ping) AND (平湖 OR hu), i.e. 平湖 OR (ping AND hu). A run of
/// several words that spells nothing as a whole is tried word by word
/// (`pinghu yurongfu`). An excluded pinyin word excludes its words too.
fn expand_pinyin(archive: &Archive, query: &mut Query) -> Result<(), Need> {
    if archive.index.meta.pinyin.is_empty() {
        return Ok(());
    }
    let mut need: Vec<String> = Vec::new();
    let mut plan: Vec<(std::ops::Range<usize>, Vec<String>)> = Vec::new();
    let mut expand = |text: &str| match pinyin::expansions(archive, text) {
        Ok(words) => Some(words),
        Err(Need(files)) => {
            for f in files {
                if !need.contains(&f) {
                    need.push(f);
                }
            }
            None
        }
    };
    for run in &query.pinyin {
        let whole = expand(&run.text());
        // Each word's shards are asked for with the whole run's, to save a round.
        let each: Vec<_> = if run.words.len() > 1 {
            run.words
                .iter()
                .map(|(w, r)| (r.clone(), expand(w)))
                .collect()
        } else {
            Vec::new()
        };
        match whole {
            Some(words) if !words.is_empty() => plan.push((run.clauses(), words)),
            Some(_) => plan.extend(
                each.into_iter()
                    .filter_map(|(r, words)| Some((r, words?)))
                    .filter(|(_, words)| !words.is_empty()),
            ),
            None => {}
        }
    }
    let excluded: Vec<Vec<String>> = query
        .exclude_pinyin
        .iter()
        .filter_map(|w| expand(w))
        .collect();
    if !need.is_empty() {
        return Err(Need(need));
    }
    for w in excluded.into_iter().flatten() {
        if !query.exclude.iter().any(|t| t.text == w) {
            query.exclude.push(Term {
                text: w,
                phrase: false,
            });
        }
    }
    for (range, words) in plan {
        for clause in &mut query.clauses[range] {
            for w in &words {
                if !clause.any.iter().any(|t| t.text == *w) {
                    clause.any.push(Term {
                        text: w.clone(),
                        phrase: false,
                    });
                }
            }
        }
    }
    Ok(())
}

/// Loaded, unsure candidates checked up front when there are at most this many.
const CHECK_LOADED_MAX: usize = 2000;

/// Document shards checked at once when the unchecked candidates need no more than this.
const EAGER_DOC_SHARDS: usize = 2;

/// Answers `req` on `archive`.
pub fn run(archive: &Archive, req: &SearchRequest) -> Result<SearchResults, Need> {
    let mut query = parse(&req.query);
    query.filters.merge(&req.filters);
    if query.is_empty() || archive.index.meta.kind != INDEX_KIND {
        return Ok(SearchResults {
            terms: query.terms(),
            exact: true,
            ..Default::default()
        });
    }
    let n = archive.manifest.article_count.min(archive.index.meta.docs);

    // 0. Pinyin runs also stand for the Chinese words they spell.
    expand_pinyin(archive, &mut query)?;
    let terms = query.terms();

    // 1. Term shards of every character of the query.
    let mut need = Vec::new();
    for t in query
        .clauses
        .iter()
        .flat_map(|c| &c.any)
        .chain(&query.exclude)
    {
        missing_term_shards(archive, &t.text, &mut need);
    }
    if !need.is_empty() {
        return Err(Need(need));
    }

    // 2. Candidates: `maybe` may contain the query, `sure` certainly does.
    let (mut maybe, mut sure): (Vec<u32>, Vec<u32>) = ((0..n).collect(), (0..n).collect());
    let mut inside: Vec<Postings> = Vec::new();
    for clause in &query.clauses {
        let (mut m, mut s) = (Vec::new(), Vec::new());
        for t in &clause.any {
            let c = term_candidates(archive, t);
            m = union(&m, &c.maybe);
            s = union(&s, &c.sure);
            inside.extend(c.inside);
        }
        maybe = intersect(&maybe, &m);
        sure = intersect(&sure, &s);
    }
    let mut excl_maybe: Vec<u32> = Vec::new();
    for t in &query.exclude {
        let c = term_candidates(archive, t);
        maybe.retain(|&d| !contains(&c.sure, d));
        excl_maybe = union(&excl_maybe, &c.maybe);
    }
    sure.retain(|&d| !contains(&excl_maybe, d));
    let sure = intersect(&sure, &maybe);

    // 3. Filters and facets need the doc-info shards of the candidates.
    for &d in &maybe {
        if let Err(file) = archive.index.info_for(d) {
            if !need.contains(&file) {
                need.push(file);
            }
        }
    }
    if !need.is_empty() {
        return Err(Need(need));
    }
    let date_of = |d: u32| -> Option<&str> {
        archive
            .manifest
            .issue_of_doc(d)
            .and_then(|i| i.issue.date.as_deref())
    };
    let f = &query.filters;
    let authors: Vec<String> = f.authors.iter().map(|a| fold(a)).collect();
    let keep = |d: u32| -> bool {
        let Ok(Some((info, i))) = archive.index.info_for(d) else {
            return f.pages.is_empty() && authors.is_empty() && f.kinds.is_empty();
        };
        (f.pages.is_empty() || f.pages.contains(&info.page[i]))
            && (f.kinds.is_empty() || f.kinds.iter().any(|k| k == info.kind(i).as_str()))
            && (authors.is_empty()
                || info.authors[i]
                    .iter()
                    .any(|&a| authors.contains(&fold(&info.names[a as usize]))))
            && f.date_ok(date_of(d))
            && (f.issues.is_empty()
                || archive
                    .manifest
                    .issue_of_doc(d)
                    .is_some_and(|e| f.issues.contains(&e.issue.id)))
    };
    maybe.retain(|&d| keep(d));

    // 4. Check what can be checked: loaded documents, or all when few shards.
    let is_sure = |d: u32| contains(&sure, d);
    let unchecked_shards: HashSet<usize> = maybe
        .iter()
        .filter(|&&d| !is_sure(d) && archive.article(d).is_err())
        .filter_map(|&d| archive.manifest.doc_shard_of(d))
        .collect();
    if !unchecked_shards.is_empty()
        && (req.exhaustive || unchecked_shards.len() <= EAGER_DOC_SHARDS)
    {
        let mut files: Vec<String> = unchecked_shards
            .into_iter()
            .map(|i| archive.manifest.doc_shards[i].file.clone())
            .collect();
        files.sort();
        return Err(Need(files));
    }
    // Status: Some(true) matches, Some(false) does not, None unknown.
    // Loaded but unsure candidates are checked here when few enough; otherwise
    // only those the page walk reaches, so a warm query stays fast.
    let unsure = maybe.iter().filter(|&&d| !is_sure(d)).count();
    let check_loaded = req.exhaustive || unsure <= CHECK_LOADED_MAX;
    let status = |d: u32| -> Option<bool> {
        if is_sure(d) {
            return Some(true);
        }
        if !check_loaded {
            return None;
        }
        match archive.folded_text(d) {
            Ok(Some(a)) => Some(verify(a, &query)),
            Ok(None) => Some(false),
            Err(_) => None,
        }
    };
    let cands: Vec<(u32, Option<bool>)> = maybe
        .iter()
        .map(|&d| (d, status(d)))
        .filter(|&(_, s)| s != Some(false))
        .collect();
    let mut unknown_left = cands.iter().filter(|c| c.1.is_none()).count();

    // 5. Order.
    let words = query_words(archive, &terms);
    let docs: Vec<u32> = cands.iter().map(|c| c.0).collect();
    let inside: Vec<&Postings> = inside.iter().collect();
    let scores = score(archive, &docs, &words, &inside);
    let mut order: Vec<usize> = (0..cands.len()).collect();
    match req.sort {
        Sort::Relevance => {
            // Among equal scores: known matches first, then unchecked ones by
            // document shard, fullest first, so one load checks many.
            let shard_of = |d: u32| archive.manifest.doc_shard_of(d).unwrap_or(usize::MAX);
            let mut unchecked: HashMap<usize, u32> = HashMap::new();
            for c in cands.iter().filter(|c| c.1.is_none()) {
                *unchecked.entry(shard_of(c.0)).or_default() += 1;
            }
            let keys: Vec<(bool, u32, usize)> = cands
                .iter()
                .map(|&(d, s)| match s {
                    Some(_) => (true, 0, 0),
                    None => {
                        let sh = shard_of(d);
                        (false, unchecked.get(&sh).copied().unwrap_or(0), sh)
                    }
                })
                .collect();
            order.sort_by(|&a, &b| {
                scores[b]
                    .total_cmp(&scores[a])
                    .then_with(|| {
                        let (ka, kb) = (keys[a], keys[b]);
                        kb.0.cmp(&ka.0).then(kb.1.cmp(&ka.1)).then(kb.2.cmp(&ka.2))
                    })
                    .then(docs[b].cmp(&docs[a]))
            })
        }
        Sort::Newest => order.sort_by(|&a, &b| {
            date_of(docs[b])
                .cmp(&date_of(docs[a]))
                .then(docs[a].cmp(&docs[b]))
        }),
        Sort::Oldest => order.sort_by(|&a, &b| {
            date_of(docs[a])
                .cmp(&date_of(docs[b]))
                .then(docs[a].cmp(&docs[b]))
        }),
    }

    // 6. The page: unknown candidates before its end must be checked, and its
    // hits need their documents for headline and snippet.
    let want = req.offset.saturating_add(req.limit);
    let mut page = Vec::new();
    let mut rejected = vec![false; cands.len()];
    let mut pos = 0usize;
    for &k in &order {
        if pos >= want {
            break;
        }
        let (d, s) = cands[k];
        let s = s.or_else(|| {
            let checked = match archive.folded_text(d) {
                Ok(Some(a)) => Some(verify(a, &query)),
                Ok(None) => Some(false),
                Err(_) => None,
            };
            unknown_left -= checked.is_some() as usize;
            checked
        });
        if s == Some(false) {
            rejected[k] = true;
            continue;
        }
        if s.is_none() || pos >= req.offset {
            if let Err(Need(files)) = archive.article(d) {
                for file in files {
                    if !need.contains(&file) {
                        need.push(file);
                    }
                }
            }
        }
        if pos >= req.offset {
            page.push(k);
        }
        pos += 1;
    }
    if !need.is_empty() {
        return Err(Need(need));
    }

    let hits = page
        .into_iter()
        .filter_map(|k| {
            let d = docs[k];
            let a = archive.article(d).ok().flatten()?;
            Some(Hit {
                doc: d,
                article_id: a.id.clone(),
                headline: a.headline.clone(),
                date: date_of(d).map(str::to_string),
                page: a.page,
                score: scores[k],
                snippet: snippet(a, &terms),
            })
        })
        .collect();
    let matched: Vec<u32> = cands
        .iter()
        .zip(&rejected)
        .filter(|(_, &r)| !r)
        .map(|(c, _)| c.0)
        .collect();
    Ok(SearchResults {
        total: matched.len(),
        hits,
        facets: facets(archive, &matched),
        terms,
        exact: unknown_left == 0,
    })
}

fn facets(archive: &Archive, docs: &[u32]) -> Facets {
    let mut years: BTreeMap<String, usize> = BTreeMap::new();
    let mut months: BTreeMap<String, usize> = BTreeMap::new();
    let mut issues: BTreeMap<(u32, String), usize> = BTreeMap::new();
    let mut pages: BTreeMap<u32, usize> = BTreeMap::new();
    let mut authors: BTreeMap<String, usize> = BTreeMap::new();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for &d in docs {
        if let Some(e) = archive.manifest.issue_of_doc(d) {
            *issues.entry((e.first_doc, e.issue.id.clone())).or_default() += 1;
            if let Some(date) = &e.issue.date {
                if date.len() >= 7 {
                    *years.entry(date[..4].to_string()).or_default() += 1;
                    *months.entry(date[..7].to_string()).or_default() += 1;
                }
            }
        }
        if let Ok(Some((info, i))) = archive.index.info_for(d) {
            if info.page[i] > 0 {
                *pages.entry(info.page[i]).or_default() += 1;
            }
            *kinds.entry(info.kind(i).as_str()).or_default() += 1;
            for &a in &info.authors[i] {
                *authors.entry(info.names[a as usize].clone()).or_default() += 1;
            }
        }
    }
    let list = |it: Vec<(String, usize)>| -> Vec<FacetCount> {
        it.into_iter()
            .map(|(value, count)| FacetCount { value, count })
            .collect()
    };
    let by_count = |m: Vec<(String, usize)>| {
        let mut v = m;
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        list(v)
    };
    Facets {
        years: list(years.into_iter().collect()),
        months: list(months.into_iter().collect()),
        issues: list(issues.into_iter().map(|((_, id), c)| (id, c)).collect()),
        pages: list(pages.into_iter().map(|(p, c)| (p.to_string(), c)).collect()),
        authors: by_count(authors.into_iter().collect()),
        kinds: by_count(kinds.into_iter().map(|(k, c)| (k.to_string(), c)).collect()),
    }
}

/// A short passage around the first hit: the body's, else the headline's
/// fields', else the start of the body.
pub fn snippet(article: &Article, terms: &[String]) -> Vec<Fragment> {
    let body = article.paragraphs.join(" ");
    if let Some(p) = snippet::passage(&body, terms, false) {
        return p;
    }
    for (_, text) in article.fields() {
        if let Some(p) = snippet::passage(text, terms, false) {
            return p;
        }
    }
    snippet::passage(&body, terms, true).unwrap_or_default()
}
