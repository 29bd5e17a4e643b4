//! The search core shared by the CLI and the reader.
//!
//! Contract: [`build_index`] (native) turns articles into index shards and an
//! [`IndexMeta`] for the manifest; [`run`] answers a [`SearchRequest`] against
//! an [`Archive`], returning [`Need`] when shards must be loaded first: the term
//! shards of the query's characters, then doc-info shards of the candidates,
//! then the document shards of the hits shown (and of candidates that must be
//! checked against their text). See docs/search.md.

pub mod pinyin;
pub mod query;
pub mod snippet;

pub use crate::text::{normalize, signature};

use std::collections::{BTreeMap, HashSet};

use memchr::memmem;

use serde::{Deserialize, Serialize};

use crate::archive::{Archive, Folded};
use crate::error::{note, Need};
pub use crate::format::codec;
pub use crate::format::index::{
    compact_index_shards, DocInfoEntry, IndexMeta, IndexShardEntry, INDEX_KIND,
};
use crate::format::{Article, ArticleKind};
pub use crate::index;
pub use crate::index::{
    build_index, build_index_with, segmenter, BuiltIndex, LoadedIndex, Readings,
};
use normalize::{fold, is_word_char};
pub use pinyin::{suggest, Suggestion};
pub use query::{parse, Filters, Query, Term};
pub use snippet::highlight;

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
    /// Matches in issues with no known date (in no year or month above).
    #[serde(skip_serializing_if = "is_zero")]
    pub undated: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Facets {
    /// The `n` issues with the most hits (of equal counts, the earlier),
    /// in date order as [`Facets::issues`] is: a run of days (the Spring
    /// Festival week) stays a run, read like the timeline beside it, and
    /// each value shows its count.
    pub fn top_issues(&self, n: usize) -> Vec<FacetCount> {
        let mut by_count: Vec<usize> = (0..self.issues.len()).collect();
        by_count.sort_by_key(|&i| (std::cmp::Reverse(self.issues[i].count), i));
        by_count.truncate(n);
        by_count.sort_unstable();
        by_count
            .into_iter()
            .map(|i| self.issues[i].clone())
            .collect()
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default)]
pub struct SearchResults {
    /// Number of matching articles: exact when `exact`, otherwise an
    /// estimate, see [`Count::total`] for how it is made and its bound.
    pub total: usize,
    /// Matches known for certain (from the index or checked against their
    /// text): the true count is at least this…
    pub certain: usize,
    /// …and at most this more: candidates not yet checked. Zero when `exact`.
    pub unknown: usize,
    /// Whether a match is known to lie beyond this page: a next page has
    /// hits. (The walk looks one hit past the page.)
    pub has_more: bool,
    pub hits: Vec<Hit>,
    /// The query's search terms after normalization, for highlighting.
    pub terms: Vec<String>,
    pub facets: Facets,
    /// Whether `total` and `facets` are exact: every candidate was certain
    /// from the index or checked against its text. Otherwise both are
    /// estimates and should be shown as such.
    pub exact: bool,
}

/// A search's count of matches from what is known of its candidates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Count {
    /// Candidates known to match.
    pub certain: usize,
    /// Candidates neither known to match nor ruled out.
    pub unknown: usize,
    /// The share of unknown candidates taken to match: of the candidates
    /// the index was unsure of and that were checked, the share that matched.
    pub rate: f64,
}

impl Count {
    /// From each candidate's status (known match, ruled out, unknown) and,
    /// of the unsure candidates checked, how many matched.
    fn of(status: &[Option<bool>], held: u32, checked: u32) -> Self {
        let certain = status.iter().filter(|s| **s == Some(true)).count();
        let unknown = status.iter().filter(|s| s.is_none()).count();
        Count {
            certain,
            unknown,
            rate: Self::rate(held, checked),
        }
    }

    fn rate(held: u32, checked: u32) -> f64 {
        if checked == 0 {
            0.5
        } else {
            held as f64 / checked as f64
        }
    }

    /// The count shown: `certain` plus `unknown × rate`, rounded. Exact when
    /// nothing is unknown.
    ///
    /// Bound: the true count lies in `certain ..= certain + unknown`, so the
    /// count shown exceeds it by at most `total − certain` = round(`unknown ×
    /// rate`) ([`SearchResults::overshoot_bound`]), and falls short of it by
    /// at most `unknown − that`. The rate comes from at least `MIN_EVIDENCE`
    /// checked candidates or `EVIDENCE_SHARDS` loaded shards of them; on
    /// pd1998 (the `counts` test of the CLI) the first page's estimate is
    /// off by a third on average, as matches cluster in time and the shards
    /// checked are those of the page.
    pub fn total(&self) -> usize {
        self.certain + (self.unknown as f64 * self.rate).round() as usize
    }
}

impl SearchResults {
    /// How far `total` may exceed the true count: `total − certain` (zero
    /// when `exact`). See [`Count::total`].
    pub fn overshoot_bound(&self) -> usize {
        self.total - self.certain
    }
}

/// Candidate documents of a term: `maybe` ⊇ documents containing it ⊇ `sure`.
struct Candidates {
    maybe: Vec<u32>,
    sure: Vec<u32>,
    /// For a term that is not itself a dictionary word but lies inside some
    /// (`绒服` in `羽绒服`): those words' postings merged, to rank the documents
    /// holding them as if the term were a word.
    inside: Option<Postings>,
    /// The postings of every dictionary word holding the term (the term's
    /// own among them): a headline bit there means the headline holds it.
    within: Option<Postings>,
}

/// Documents with weight bytes (see [`index::field_bits`]).
#[derive(Default)]
struct Postings {
    docs: Vec<u32>,
    tf: Vec<u8>,
}

/// Merges weighted postings: field bits or'ed, body counts added. Many
/// long lists (every word holding a common term) go through one array of
/// weights by document rather than pairwise merges.
fn merge_weighted(lists: &[&index::Word], n_docs: u32) -> Postings {
    let add = |u: u8, v: u8| (u | v) & 0xC0 | ((u & 0x3F) + (v & 0x3F)).min(0x3F);
    let mut out = Postings::default();
    match lists {
        [] => {}
        [one] => {
            out.docs = one.docs().to_vec();
            out.tf = one.tf().to_vec();
        }
        _ => {
            let mut dense = vec![0u8; n_docs as usize];
            let mut any = vec![0u64; (n_docs as usize).div_ceil(64)];
            for l in lists {
                for (&d, &w) in l.docs().iter().zip(l.tf()) {
                    if let Some(x) = dense.get_mut(d as usize) {
                        *x = add(*x, w);
                        any[d as usize / 64] |= 1 << (d % 64);
                    }
                }
            }
            for (k, &bits) in any.iter().enumerate() {
                let mut b = bits;
                while b != 0 {
                    let d = k * 64 + b.trailing_zeros() as usize;
                    out.docs.push(d as u32);
                    out.tf.push(dense[d]);
                    b &= b - 1;
                }
            }
        }
    }
    out
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.len() * 32 < large.len() {
        // Much shorter: look each up, moving forward.
        let mut out = Vec::with_capacity(small.len());
        let mut from = 0;
        for &x in small {
            from += large[from..].partition_point(|&y| y < x);
            if large.get(from) == Some(&x) {
                out.push(x);
            }
        }
        return out;
    }
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

/// A score as bits that sort as the score does (so `!bits` puts the
/// highest first).
fn ordered_bits(x: f32) -> u32 {
    let b = x.to_bits();
    if b >> 31 == 1 {
        !b
    } else {
        b | 1 << 31
    }
}

/// Per document (sorted or not), a number ordering its issue's date:
/// undated 0, then dates oldest first; issues of one date share it.
fn date_ranks(archive: &Archive, docs: &[u32]) -> Vec<u32> {
    let issues = &archive.manifest.issues;
    // Issues are sorted by date, undated last.
    let mut rank_of_issue = Vec::with_capacity(issues.len());
    let mut rank = 0u32;
    let mut prev: Option<&str> = None;
    for e in issues {
        let date = e.issue.date.as_deref();
        match date {
            None => rank_of_issue.push(0),
            Some(_) => {
                if date != prev {
                    rank += 1;
                    prev = date;
                }
                rank_of_issue.push(rank);
            }
        }
    }
    docs.iter()
        .map(|&d| {
            let i = issues.partition_point(|e| e.first_doc <= d);
            i.checked_sub(1)
                .filter(|&i| d < issues[i].first_doc + issues[i].article_count)
                .map_or(0, |i| rank_of_issue[i])
        })
        .collect()
}

/// A set of document numbers below `n` as bits.
struct Bits(Vec<u64>);

impl Bits {
    fn of(docs: &[u32], n: u32) -> Self {
        let mut v = vec![0u64; (n as usize).div_ceil(64)];
        for &d in docs {
            if let Some(w) = v.get_mut(d as usize / 64) {
                *w |= 1 << (d % 64);
            }
        }
        Bits(v)
    }

    fn has(&self, d: u32) -> bool {
        self.0
            .get(d as usize / 64)
            .is_some_and(|w| w >> (d % 64) & 1 == 1)
    }
}

/// The document shard of each of `docs` (sorted), `usize::MAX` for none.
fn doc_shards_of(archive: &Archive, docs: &[u32]) -> Vec<usize> {
    let shards = &archive.manifest.doc_shards;
    let mut out = Vec::with_capacity(docs.len());
    let mut i = 0usize;
    let mut prev: Option<u32> = None;
    for &d in docs {
        if prev.is_some_and(|p| p > d) {
            i = 0;
        }
        prev = Some(d);
        while i < shards.len() && shards[i].first_doc + shards[i].count <= d {
            i += 1;
        }
        out.push(if i < shards.len() && shards[i].first_doc <= d {
            i
        } else {
            usize::MAX
        });
    }
    out
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
            .map(|v| v.docs())
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
    let mut within = None;
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
        let mut lists: Vec<&index::Word> = Vec::new();
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
                    lists.push(entry);
                }
            }
        }
        let merged = merge_weighted(&lists, idx.meta.docs);
        let sure = intersect(&merged.docs, &maybe);
        if !merged.docs.is_empty() {
            if !is_word {
                inside = Some(Postings {
                    docs: merged.docs.clone(),
                    tf: merged.tf.clone(),
                });
            }
            within = Some(merged);
        }
        sure
    };
    Candidates {
        maybe,
        sure,
        inside,
        within,
    }
}

/// The query's text conditions, to check many articles' folded text ([`crate::text::push_folded_text`])
/// against: each term's character pairs, for the article's signature
/// ([`signature`]), and its substring searcher, built once. A cross-word
/// substring of common characters (`系就`) checks thousands of candidates:
/// the signature rules out most without reading their text, and memchr's
/// searcher is several times faster than `str::contains` in wasm (which has
/// no SIMD there).
struct Checker {
    /// Per clause, its terms (any of them); a term holding a newline, which
    /// never matches (fields are joined by newlines), is left out.
    clauses: Vec<Vec<Check>>,
    exclude: Vec<Check>,
}

struct Check {
    pairs: Vec<u64>,
    finder: memmem::Finder<'static>,
}

impl Check {
    fn holds(&self, doc: Folded) -> bool {
        signature::may_hold(doc.sig, &self.pairs) && self.finder.find(doc.text.as_bytes()).is_some()
    }
}

impl Checker {
    fn new(query: &Query) -> Self {
        let checks = |terms: &[Term]| -> Vec<Check> {
            terms
                .iter()
                .filter(|t| !t.text.contains('\n'))
                .map(|t| Check {
                    pairs: signature::pairs(&t.text),
                    finder: memmem::Finder::new(t.text.as_bytes()).into_owned(),
                })
                .collect()
        };
        Self {
            clauses: query.clauses.iter().map(|c| checks(&c.any)).collect(),
            exclude: checks(&query.exclude),
        }
    }

    /// Whether an article's folded text matches.
    fn matches(&self, doc: Folded) -> bool {
        self.clauses.iter().all(|c| c.iter().any(|t| t.holds(doc)))
            && !self.exclude.iter().any(|t| t.holds(doc))
    }

    /// Whether document `doc` of document shard `shard` matches: `None` while
    /// the shard is not loaded, false for a document not in it.
    fn check(&self, archive: &Archive, shard: usize, doc: u32) -> Option<bool> {
        match archive.folded_in(shard, doc)? {
            Some(a) => Some(self.matches(a)),
            None => Some(false),
        }
    }
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

/// Per candidate (`cands` sorted), whether its headline holds the query as
/// the index tells: for every clause, some term in the headline. A term is
/// there when a dictionary word holding it (`within`: 下岗 in 下岗职工) has
/// the headline bit; a phrase, when its words (as the query is segmented, of
/// two or more characters) all have it. A single character is not known to
/// be in a headline.
fn headline_holds(
    archive: &Archive,
    cands: &[u32],
    query: &Query,
    within_of: &[Vec<Option<Postings>>],
) -> Vec<bool> {
    let idx = &archive.index;
    // Marks the candidates whose weights in `docs`/`tf` have the headline bit.
    let mark = |docs: &[u32], tf: &[u8]| -> Vec<bool> {
        let mut out = vec![false; cands.len()];
        let mut from = 0;
        for (&d, &w) in docs.iter().zip(tf) {
            if w & 0x80 == 0 {
                continue;
            }
            from += cands[from..].partition_point(|&c| c < d);
            if cands.get(from) == Some(&d) {
                out[from] = true;
            }
        }
        out
    };
    let mut all = vec![true; cands.len()];
    for (clause, withins) in query.clauses.iter().zip(within_of) {
        let mut any = vec![false; cands.len()];
        for (t, within) in clause.any.iter().zip(withins) {
            if let Some(p) = within {
                for (a, h) in any.iter_mut().zip(mark(&p.docs, &p.tf)) {
                    *a |= h;
                }
                continue;
            }
            let words: Vec<String> = query_words(archive, std::slice::from_ref(&t.text))
                .into_iter()
                .filter(|w| w.chars().count() >= 2)
                .collect();
            let mut holds: Option<Vec<bool>> = None;
            for w in &words {
                let posting = w
                    .chars()
                    .next()
                    .and_then(|c| idx.shard_for(c).ok())
                    .and_then(|s| s.words.get(w));
                let m = match posting {
                    Some(e) => mark(e.docs(), e.tf()),
                    None => vec![false; cands.len()],
                };
                holds = Some(match holds {
                    None => m,
                    Some(h) => h.iter().zip(&m).map(|(a, b)| *a && *b).collect(),
                });
            }
            let Some(holds) = holds else {
                continue;
            };
            for (a, h) in any.iter_mut().zip(holds) {
                *a |= h;
            }
        }
        for (a, h) in all.iter_mut().zip(any) {
            *a &= h;
        }
    }
    if query.clauses.is_empty() {
        all.iter_mut().for_each(|a| *a = false);
    }
    all
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
    // Per document: 1 / length normalisation of body and headline, worked
    // out only for the candidates a word's postings hold (a common word has
    // tens of thousands of candidates, most in no word's weighted postings).
    let mut infos = idx.info_cursor();
    let mut norm = |d: u32| {
        let (len, hlen) = match infos.get(d) {
            Some((info, i)) => (info.len[i] as f32, info.hlen[i] as f32),
            None => (avg, avg_h),
        };
        (
            1.0 / (1.0 - B + B * len / avg),
            1.0 / (1.0 - B + B * hlen / avg_h),
        )
    };
    let idf = |df: usize| (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln();
    for w in words {
        let Some(c) = w.chars().next() else { continue };
        let Ok(shard) = idx.shard_for(c) else {
            continue;
        };
        if let Some(e) = shard.words.get(w) {
            add_bm25f(
                &mut scores,
                cands,
                &mut norm,
                e.docs(),
                e.tf(),
                idf(e.docs().len()),
            );
        } else if w.chars().count() == 1 {
            let df = shard.chars.get(&c).map_or(0, |v| v.docs().len());
            let idf = idf(df) * 0.5;
            for s in &mut scores {
                *s += idf;
            }
        }
    }
    for p in inside {
        add_bm25f(
            &mut scores,
            cands,
            &mut norm,
            &p.docs,
            &p.tf,
            idf(p.docs.len()),
        );
    }
    scores
}

/// Adds one word's BM25F contribution to the scores of `cands` (sorted).
fn add_bm25f(
    scores: &mut [f32],
    cands: &[u32],
    norm: &mut impl FnMut(u32) -> (f32, f32),
    docs: &[u32],
    tf: &[u8],
    idf: f32,
) {
    const K1: f32 = 1.2;
    let mut add = |i: usize, j: usize| {
        let w = tf[j];
        let (nb, nh) = norm(cands[i]);
        let tf = (w & 0x3F) as f32 * nb
            + if w & 0x80 != 0 { W_HEADLINE * nh } else { 0.0 }
            + if w & 0x40 != 0 { W_OTHER } else { 0.0 };
        scores[i] += idf * tf * (K1 + 1.0) / (tf + K1);
    };
    if docs.len() * 32 < cands.len() {
        // Far fewer postings than candidates: look each up, moving forward.
        let mut from = 0;
        for (j, &d) in docs.iter().enumerate() {
            from += cands[from..].partition_point(|&c| c < d);
            if cands.get(from) == Some(&d) {
                add(from, j);
            }
        }
        return;
    }
    let (mut i, mut j) = (0, 0);
    while i < cands.len() && j < docs.len() {
        match cands[i].cmp(&docs[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                add(i, j);
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
/// (`pinghu yurongfu`), and a word that spells no one word is split into
/// several ([`pinyin::split_words`]): `pinghuyurongfu` becomes
/// (平湖 OR pinghuyurongfu) AND (羽绒服 OR pinghuyurongfu). An excluded pinyin
/// word excludes its words too.
fn expand_pinyin(archive: &Archive, query: &mut Query) -> Result<(), Need> {
    if archive.index.meta.pinyin.is_empty() {
        return Ok(());
    }
    let mut need: Vec<String> = Vec::new();
    // Clauses and the words to OR into them: one list for the whole range, or
    // one per piece of a single word split into several.
    let mut plan: Vec<(std::ops::Range<usize>, Vec<Vec<String>>)> = Vec::new();
    for run in &query.pinyin {
        let whole = note(&mut need, pinyin::expansions(archive, &run.text()));
        if let Some(words) = whole.as_ref().filter(|w| !w.is_empty()) {
            plan.push((run.clauses(), vec![words.clone()]));
            continue;
        }
        // Each word's shards are asked for with the whole run's, to save a round.
        let each: Vec<_> = if run.words.len() > 1 {
            run.words
                .iter()
                .map(|(w, r)| (r.clone(), note(&mut need, pinyin::expansions(archive, w))))
                .collect()
        } else {
            run.words
                .iter()
                .map(|(_, r)| (r.clone(), whole.clone()))
                .collect()
        };
        for ((w, _), (range, words)) in run.words.iter().zip(each) {
            match words {
                Some(words) if !words.is_empty() => plan.push((range, vec![words])),
                Some(_) if range.len() == 1 => {
                    if let Some(Some(pieces)) = note(&mut need, pinyin::split_words(archive, w)) {
                        plan.push((range, pieces));
                    }
                }
                _ => {}
            }
        }
    }
    let excluded: Vec<Vec<String>> = query
        .exclude_pinyin
        .iter()
        .filter_map(|w| note(&mut need, pinyin::expansions(archive, w)))
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
    // From the last clause back, so that splitting one into several leaves the
    // ranges still to do where they were.
    plan.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    for (range, pieces) in plan {
        if pieces.len() > 1 {
            let literal = query.clauses[range.start].clone();
            let split = pieces.into_iter().map(|words| {
                let mut c = literal.clone();
                add_words(&mut c, &words);
                c
            });
            query.clauses.splice(range, split);
            continue;
        }
        for clause in &mut query.clauses[range] {
            add_words(clause, &pieces[0]);
        }
    }
    Ok(())
}

fn add_words(clause: &mut query::Clause, words: &[String]) {
    for w in words {
        if !clause.any.iter().any(|t| t.text == *w) {
            clause.any.push(Term {
                text: w.clone(),
                phrase: false,
            });
        }
    }
}

/// Loaded, unsure candidates checked up front when there are at most this many.
const CHECK_LOADED_MAX: usize = 2000;

/// Added to the score of a document certain to hold what was typed when
/// pinyin expansions widened the query: above any BM25F score.
const LITERAL_BONUS: f32 = 1000.0;

/// Added to the score of a document whose headline holds the query (see
/// [`headline_holds`]): above any BM25F score, below [`LITERAL_BONUS`], so
/// such articles rank first, among themselves by relevance.
const HEADLINE_BONUS: f32 = 100.0;

/// Most document shards one round of the page walk asks for.
const MAX_ROUND_SHARDS: usize = 24;

/// Document shards checked at once when the unchecked candidates need no more than this.
const EAGER_DOC_SHARDS: usize = 2;

impl Archive {
    /// Runs a search; see [`crate::search`].
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, Need> {
        run(self, req)
    }
}

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

    // 0. Pinyin runs also stand for the Chinese words they spell. The terms
    // as typed are kept: what matches them literally ranks first (`bp` finds
    // BP机 before 报批).
    let typed: Vec<Term> = query
        .pinyin
        .iter()
        .flat_map(|run| query.clauses[run.clauses()].iter())
        .flat_map(|c| c.any.iter().cloned())
        .collect();
    let clauses_before = query.clauses.iter().map(|c| c.any.len()).sum::<usize>();
    expand_pinyin(archive, &mut query)?;
    let expanded = query.clauses.iter().map(|c| c.any.len()).sum::<usize>() > clauses_before;
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
    let (mut maybe, mut sure): (Option<Vec<u32>>, Option<Vec<u32>>) = (None, None);
    let mut inside: Vec<Postings> = Vec::new();
    // Per clause, per term, the postings of the words holding it.
    let mut within_of: Vec<Vec<Option<Postings>>> = Vec::new();
    for clause in &query.clauses {
        let (mut m, mut s) = (Vec::new(), Vec::new());
        within_of.push(Vec::new());
        for t in &clause.any {
            let mut c = term_candidates(archive, t);
            if let Some(v) = within_of.last_mut() {
                v.push(c.within.take());
            }
            if m.is_empty() && s.is_empty() {
                (m, s) = (c.maybe, c.sure);
            } else {
                m = union(&m, &c.maybe);
                s = union(&s, &c.sure);
            }
            inside.extend(c.inside);
        }
        maybe = Some(match maybe {
            None => m,
            Some(x) => intersect(&x, &m),
        });
        sure = Some(match sure {
            None => s,
            Some(x) => intersect(&x, &s),
        });
    }
    // No text, only filters: every document.
    let mut maybe = maybe.unwrap_or_else(|| (0..n).collect());
    let mut sure = sure.unwrap_or_else(|| maybe.clone());
    if !query.exclude.is_empty() {
        let mut excl_maybe: Vec<u32> = Vec::new();
        for t in &query.exclude {
            let c = term_candidates(archive, t);
            maybe.retain(|&d| !contains(&c.sure, d));
            excl_maybe = union(&excl_maybe, &c.maybe);
        }
        sure.retain(|&d| !contains(&excl_maybe, d));
        sure = intersect(&sure, &maybe);
    }

    // 3. Filters and facets need the doc-info shards of the candidates.
    for (i, e) in archive.index.meta.doc_info.iter().enumerate() {
        let from = maybe.partition_point(|&d| d < e.first_doc);
        let has_candidate = maybe
            .get(from)
            .is_some_and(|&d| d < e.first_doc.saturating_add(e.count));
        if has_candidate
            && archive.index.info.get(i).is_none_or(Option::is_none)
            && !need.contains(&e.file)
        {
            need.push(e.file.clone());
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
    if !f.is_empty() {
        let authors: Vec<String> = f.authors.iter().map(|a| fold(a)).collect();
        let keep = |d: u32| -> bool {
            let Ok(Some((info, i))) = archive.index.info_for(d) else {
                return f.pages.is_empty() && authors.is_empty() && f.kinds.is_empty();
            };
            (f.pages.is_empty() || f.pages.contains(&info.page[i]))
                && (f.kinds.is_empty() || f.kinds.iter().any(|k| k == info.kind(i).as_str()))
                && (authors.is_empty()
                    || info
                        .authors(i)
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
    }

    // 4. Check what can be checked: loaded documents, or all when few shards.
    // Per candidate its document shard (one walk, as candidates and shards
    // are both in document order); in one pass, the unsure candidates
    // counted and the shards of those not loaded listed, each once.
    let sure_bits = Bits::of(&sure, n);
    let is_sure = |d: u32| sure_bits.has(d);
    let mut shards = doc_shards_of(archive, &maybe);
    let mut unsure = 0usize;
    let mut unchecked_shards: Vec<usize> = Vec::new();
    for (&d, &sh) in maybe.iter().zip(&shards) {
        if is_sure(d) {
            continue;
        }
        unsure += 1;
        if sh != usize::MAX && unchecked_shards.last() != Some(&sh) && !archive.doc_shard_loaded(sh)
        {
            unchecked_shards.push(sh);
        }
    }
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
    // The candidates from here on, in document order: `docs`, their shards
    // and their status (Some(true) matches, Some(false) does not, None
    // unknown). Loaded but unsure candidates are checked here when few
    // enough, and those that fail are dropped; otherwise only those the page
    // walk reaches are checked, so a warm query stays fast (and the tens of
    // thousands of candidates of a common word are not copied).
    let check_loaded = req.exhaustive || unsure <= CHECK_LOADED_MAX;
    let checker = Checker::new(&query);
    let mut docs = maybe;
    let mut status: Vec<Option<bool>> = docs.iter().map(|&d| is_sure(d).then_some(true)).collect();
    // Evidence for the page walk: of the unsure candidates checked, how many
    // hold the query.
    let (mut held, mut checked) = (0u32, 0u32);
    if check_loaded {
        let mut kept = 0;
        for i in 0..docs.len() {
            let (d, sh) = (docs[i], shards[i]);
            let s = status[i].or_else(|| {
                // A candidate in no document shard holds nothing.
                let v = checker
                    .check(archive, sh, d)
                    .or((sh == usize::MAX).then_some(false));
                if let Some(v) = v {
                    checked += 1;
                    held += v as u32;
                }
                v
            });
            if s != Some(false) {
                (docs[kept], shards[kept], status[kept]) = (d, sh, s);
                kept += 1;
            }
        }
        docs.truncate(kept);
        shards.truncate(kept);
        status.truncate(kept);
    }

    // 5. Order.
    let words = query_words(archive, &terms);
    let headline = headline_holds(archive, &docs, &query, &within_of);
    let inside: Vec<&Postings> = inside.iter().collect();
    let mut scores = score(archive, &docs, &words, &inside);
    for (s, h) in scores.iter_mut().zip(headline) {
        if h {
            *s += HEADLINE_BONUS;
        }
    }
    if expanded {
        // Documents certain to hold a typed term, before expansions only.
        let mut literal: Vec<u32> = Vec::new();
        for t in &typed {
            literal = union(&literal, &term_candidates(archive, t).sure);
        }
        for (s, &d) in scores.iter_mut().zip(&docs) {
            if contains(&literal, d) {
                *s += LITERAL_BONUS;
            }
        }
    }
    // Each candidate's place as one integer, smallest first, so ordering tens
    // of thousands of candidates is a sort of plain numbers; its low 32 bits
    // are the candidate's index (candidates are in document order, so the
    // index orders as the document does).
    // Relevance: score, then among equal scores known matches first, then
    // unchecked ones by document shard, fullest first (one load checks
    // many), then newest document. Newest/Oldest: issue date, then document.
    let mut order: Vec<u128> = match req.sort {
        Sort::Relevance => {
            let mut unchecked: Vec<u32> = vec![0; archive.manifest.doc_shards.len()];
            for (s, &sh) in status.iter().zip(&shards) {
                if let (None, Some(u)) = (s, unchecked.get_mut(sh)) {
                    *u += 1;
                }
            }
            status
                .iter()
                .zip(&shards)
                .zip(&scores)
                .enumerate()
                .map(|(k, ((&s, &sh), &score))| {
                    let (fullness, shard) = match s {
                        Some(_) => (u32::MAX, 0),
                        None => (
                            unchecked.get(sh).copied().unwrap_or(0),
                            sh.min(u32::MAX as usize) as u32,
                        ),
                    };
                    (!ordered_bits(score) as u128) << 96
                        | (!fullness as u128) << 64
                        | (!shard as u128) << 32
                        | !(k as u32) as u128
                })
                .collect()
        }
        Sort::Newest | Sort::Oldest => {
            let ranks = date_ranks(archive, &docs);
            ranks
                .into_iter()
                .enumerate()
                .map(|(k, r)| {
                    let r = if req.sort == Sort::Newest { !r } else { r };
                    (r as u128) << 32 | k as u128
                })
                .collect()
        }
    };
    // Only the head the page needs is sorted up front (a common word at
    // 100,000 articles has tens of thousands of candidates); the walk below
    // sorts the rest if rejected candidates take it further.
    let head = req
        .offset
        .saturating_add(req.limit)
        .saturating_mul(2)
        .saturating_add(64);
    let mut sorted = order.len();
    if order.len() > head {
        order.select_nth_unstable(head);
        order[..head].sort_unstable();
        sorted = head;
    } else {
        order.sort_unstable();
    }

    // 6. The page: unknown candidates before its end must be checked, and its
    // hits need their documents for headline and snippet. An unknown
    // candidate counts as the share of hits among those checked so far (all
    // of it before any evidence), so when few candidates hold the query one
    // round asks for many shards instead of a round per few shards; a round
    // asks for at most MAX_ROUND_SHARDS.
    // The walk looks for one hit past the page, so that `has_more` can say
    // whether a next page has any.
    let want = req.offset.saturating_add(req.limit);
    let look = want.saturating_add(1);
    let mut page = Vec::new();
    let mut pos = 0usize;
    let mut expected = 0f64;
    for i in 0..order.len() {
        if expected >= look as f64 || need.len() >= MAX_ROUND_SHARDS {
            break;
        }
        if i == sorted {
            order[sorted..].sort_unstable();
        }
        let k = match req.sort {
            Sort::Relevance => !(order[i] as u32),
            Sort::Newest | Sort::Oldest => order[i] as u32,
        } as usize;
        let d = docs[k];
        let s = status[k].or_else(|| {
            let v = checker.check(archive, shards[k], d);
            if let Some(v) = v {
                checked += 1;
                held += v as u32;
                status[k] = Some(v);
            }
            v
        });
        if s == Some(false) {
            continue;
        }
        let on_page = pos >= req.offset && pos < want;
        if s.is_none() || on_page {
            if let Err(Need(files)) = archive.article(d) {
                for file in files {
                    if !need.contains(&file) {
                        need.push(file);
                    }
                }
            }
        }
        expected += match s {
            Some(_) => 1.0,
            None => (held + 1) as f64 / (checked + 1) as f64,
        };
        if on_page {
            page.push(k);
        }
        pos += 1;
    }
    if need.is_empty() {
        gather_evidence(
            archive,
            &checker,
            &sure_bits,
            (&docs, &shards),
            &mut status,
            (&mut held, &mut checked),
            &mut need,
        );
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
    // Every candidate the walk passed is known now (it asked for the shards
    // of those it could not check), so the first `pos` matches in order are
    // known, and any other known match lies beyond them.
    let count = Count::of(&status, held, checked);
    let has_more = count.certain > pos.min(want);
    // Facets over the candidates not ruled out: a certain match counts one,
    // an unknown candidate the observed rate (so they add up to the total).
    let facets = {
        let (kept, weights): (Vec<u32>, Vec<f32>) = docs
            .iter()
            .zip(&status)
            .filter_map(|(&d, s)| match s {
                Some(true) => Some((d, 1.0)),
                Some(false) => None,
                None => Some((d, count.rate as f32)),
            })
            .unzip();
        facets(archive, &kept, &weights)
    };
    Ok(SearchResults {
        total: count.total(),
        certain: count.certain,
        unknown: count.unknown,
        has_more,
        hits,
        facets,
        terms,
        exact: count.unknown == 0,
    })
}

/// Unsure candidates checked before the estimate of the unknown ones is
/// taken from their share of matches…
const MIN_EVIDENCE: u32 = 30;

/// …unless this many document shards with unsure candidates are loaded.
const EVIDENCE_SHARDS: usize = 4;

/// Evidence for the estimated count. When the unknown candidates sit in at
/// most [`EVIDENCE_SHARDS`] unloaded shards, all of those are asked for (the
/// count becomes exact for the price of the evidence). Otherwise, while fewer than [`MIN_EVIDENCE`]
/// unsure candidates were checked and some are unknown, those in loaded
/// shards are checked, then the shards holding the most unknown ones are
/// asked for, until [`EVIDENCE_SHARDS`] shards with unsure candidates are
/// loaded. (A page filled by certain matches checks none: the rate would
/// be a guess.)
fn gather_evidence(
    archive: &Archive,
    checker: &Checker,
    sure: &Bits,
    (docs, shards): (&[u32], &[usize]),
    status: &mut [Option<bool>],
    (held, checked): (&mut u32, &mut u32),
    need: &mut Vec<String>,
) {
    if !status.iter().any(Option::is_none) {
        return;
    }
    // Unknown candidates in so few shards that evidence would cost as much
    // as checking them all: ask for them all, and the count is exact.
    let mut few: Vec<usize> = docs
        .iter()
        .zip(shards)
        .zip(status.iter())
        .filter(|((_, &sh), s)| s.is_none() && sh != usize::MAX && !archive.doc_shard_loaded(sh))
        .map(|((_, &sh), _)| sh)
        .collect();
    few.dedup();
    if !few.is_empty() && few.len() <= EVIDENCE_SHARDS {
        need.extend(
            few.iter()
                .map(|&sh| archive.manifest.doc_shards[sh].file.clone()),
        );
        return;
    }
    if *checked >= MIN_EVIDENCE {
        return;
    }
    let mut unknown_in: BTreeMap<usize, u32> = BTreeMap::new();
    for k in 0..docs.len() {
        if status[k].is_some() || shards[k] == usize::MAX {
            continue;
        }
        if *checked < MIN_EVIDENCE {
            if let Some(v) = checker.check(archive, shards[k], docs[k]) {
                *checked += 1;
                *held += v as u32;
                status[k] = Some(v);
                continue;
            }
        }
        if !archive.doc_shard_loaded(shards[k]) {
            *unknown_in.entry(shards[k]).or_default() += 1;
        }
    }
    if *checked >= MIN_EVIDENCE {
        return;
    }
    let mut loaded: Vec<usize> = docs
        .iter()
        .zip(shards)
        .filter(|&(&d, &sh)| !sure.has(d) && archive.doc_shard_loaded(sh))
        .map(|(_, &sh)| sh)
        .collect();
    loaded.dedup();
    let mut fullest: Vec<(usize, u32)> = unknown_in.into_iter().collect();
    fullest.sort_by_key(|&(sh, c)| (std::cmp::Reverse(c), sh));
    let mut expect = *checked;
    for (sh, c) in fullest
        .into_iter()
        .take(EVIDENCE_SHARDS.saturating_sub(loaded.len()))
    {
        if expect >= MIN_EVIDENCE {
            break;
        }
        need.push(archive.manifest.doc_shards[sh].file.clone());
        expect += c;
    }
}

/// Facet counts of `docs` (sorted), each document counting its weight
/// (one for a certain match, less for a candidate that may not be one);
/// counts are the rounded sums.
fn facets(archive: &Archive, docs: &[u32], weights: &[f32]) -> Facets {
    debug_assert!(docs.windows(2).all(|w| w[0] < w[1]));
    debug_assert_eq!(docs.len(), weights.len());
    // Documents (sorted) are counted per issue (an issue's documents are
    // contiguous), and doc-info facts per doc-info shard, each shard's run
    // of documents in a loop of its own: a common word's tens of thousands
    // of matches cost a few array reads each, no allocation.
    let m = &archive.manifest;
    let mut per_issue: Vec<(usize, f64)> = Vec::new();
    let mut ii = 0usize;
    for (&d, &w) in docs.iter().zip(weights) {
        while ii < m.issues.len() && m.issues[ii].first_doc + m.issues[ii].article_count <= d {
            ii += 1;
        }
        if ii < m.issues.len() && m.issues[ii].first_doc <= d {
            match per_issue.last_mut() {
                Some((j, c)) if *j == ii => *c += w as f64,
                _ => per_issue.push((ii, w as f64)),
            }
        }
    }
    let mut pages: BTreeMap<u32, f64> = BTreeMap::new();
    let mut page_counts = vec![0f64; 1024];
    let mut kinds = [0f64; ArticleKind::ALL.len()];
    // Per doc-info shard, a count per byline name (names are numbered per
    // shard): an array, not a map, as a common word counts tens of thousands.
    let mut author_counts: Vec<Vec<f32>> = vec![Vec::new(); archive.index.info.len()];
    let mut from = 0usize;
    for (shard, e) in archive.index.meta.doc_info.iter().enumerate() {
        let a = from + docs[from..].partition_point(|&d| d < e.first_doc);
        let b = a + docs[a..].partition_point(|&d| d < e.first_doc.saturating_add(e.count));
        from = b;
        let (Some(Some(info)), false) = (archive.index.info.get(shard), a == b) else {
            continue;
        };
        let counts = &mut author_counts[shard];
        for (&d, &w) in docs[a..b].iter().zip(&weights[a..b]) {
            let i = (d - e.first_doc) as usize;
            match info.page.get(i).copied().unwrap_or(0) {
                0 => {}
                p if p < 1024 => page_counts[p as usize] += w as f64,
                p => *pages.entry(p).or_default() += w as f64,
            }
            if let Some(k) = info.kind.get(i).and_then(|&k| kinds.get_mut(k as usize)) {
                *k += w as f64;
            }
            let ids = info.authors(i);
            if !ids.is_empty() {
                if counts.is_empty() {
                    counts.resize(info.names.len(), 0.0);
                }
                for &a in ids {
                    if let Some(c) = counts.get_mut(a as usize) {
                        *c += w;
                    }
                }
            }
        }
    }
    for (p, &c) in page_counts.iter().enumerate() {
        if c > 0.0 {
            pages.insert(p as u32, c);
        }
    }
    let mut years: BTreeMap<&str, f64> = BTreeMap::new();
    let mut months: BTreeMap<&str, f64> = BTreeMap::new();
    let mut issues: BTreeMap<usize, f64> = BTreeMap::new();
    let mut undated = 0f64;
    for &(i, c) in &per_issue {
        *issues.entry(i).or_default() += c;
        match m.issues[i].issue.date.as_deref() {
            Some(date)
                if date.len() >= 7 && date.is_char_boundary(4) && date.is_char_boundary(7) =>
            {
                *years.entry(&date[..4]).or_default() += c;
                *months.entry(&date[..7]).or_default() += c;
            }
            Some(_) => {}
            None => undated += c,
        }
    }
    let mut authors: BTreeMap<&str, f64> = BTreeMap::new();
    for (shard, counts) in author_counts.iter().enumerate() {
        let Some(Some(info)) = archive.index.info.get(shard) else {
            continue;
        };
        for (name, &c) in info.names.iter().zip(counts) {
            if c > 0.0 {
                *authors.entry(name.as_str()).or_default() += c as f64;
            }
        }
    }
    let round = |c: f64| c.round() as usize;
    // Values whose count rounds to nothing are left out.
    let list = |it: Vec<(String, f64)>| -> Vec<FacetCount> {
        it.into_iter()
            .map(|(value, c)| FacetCount {
                value,
                count: round(c),
            })
            .filter(|f| f.count > 0)
            .collect()
    };
    let owned = |m: BTreeMap<&str, f64>| -> Vec<(String, f64)> {
        m.into_iter().map(|(k, c)| (k.to_string(), c)).collect()
    };
    let by_count = |m: Vec<(String, f64)>| {
        let mut v = list(m);
        v.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
        v
    };
    Facets {
        years: list(owned(years)),
        months: list(owned(months)),
        issues: list(
            issues
                .into_iter()
                .map(|(i, c)| (m.issues[i].issue.id.clone(), c))
                .collect(),
        ),
        pages: list(pages.into_iter().map(|(p, c)| (p.to_string(), c)).collect()),
        authors: by_count(owned(authors)),
        kinds: by_count(
            ArticleKind::ALL
                .iter()
                .zip(kinds)
                .filter(|&(_, c)| c > 0.0)
                .map(|(k, c)| (k.as_str().to_string(), c))
                .collect(),
        ),
        undated: round(undated),
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
