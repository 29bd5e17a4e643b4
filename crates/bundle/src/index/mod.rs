//! The index: built natively from articles, loaded shard by shard in the reader.
//!
//! Keys are grouped by their first character and the groups hashed into term
//! shards, so a query loads one shard per distinct character it contains. A
//! group holds the character's postings (every document containing it: exact
//! for one character, a candidate superset for longer strings, checked against
//! the text) and the corpus words starting with it, with their corpus
//! frequency (the query side's jieba dictionary) and weighted postings (ranking,
//! and documents certain to contain the word). Per-document facts for facets,
//! filters and length normalisation sit in doc-info shards by document range;
//! the vocabulary's pinyin in pinyin shards by first letter; which pairs of
//! characters are rare, and their documents, in pair shards. Each
//! structure's writer and reader sit side by side: [`terms`], [`pairs`],
//! [`doc_info`], [`pinyin`].

pub mod doc_info;
mod gaps;
pub mod norms;
pub mod pairs;
pub mod pinyin;
pub mod segment;
pub mod terms;

use std::collections::HashMap;

use jieba_rs::Jieba;

use crate::error::{BundleError, Need};
pub use crate::format::codec::{count_of_level, level_of_count};
pub use crate::format::index::{
    pair_shard_file, pair_shard_of, segment_term_file, term_shard_file, term_shard_of,
};
use crate::format::pinyin::PinyinShardEntry;
use crate::format::pinyin::READINGS_FILE;
use crate::format::{
    entry_of, shard, Article, Field, IndexMeta, IndexShardEntry, Segment, INDEX_KIND,
};
use crate::text::normalize::{fold, is_word_char};
pub use doc_info::{DocInfo, InfoCursor, DOC_INFO_DOCS};
use gaps::Gaps;
use pairs::PairPostings;
pub use pairs::{Pair, PairShard};
pub use pinyin::{Entry, PinyinShard, Reading, ReadingTable};
pub use terms::{StoredPostings, TermShard, Word, LARGE_TERM_SHARD_BYTES, TERM_SHARD_BYTES};

/// Words seen fewer times than this in the corpus are not dictionary words;
/// their characters still find them.
pub const MIN_WORD_COUNT: u64 = 4;
/// Longest dictionary word, in characters.
pub const MAX_WORD_CHARS: usize = 12;

/// A posting's weight byte: bit 7 the word is in the headline, bit 6 in the
/// kicker, subheadline or byline, bits 0–5 its count in the body (capped).
/// One body mention alone (weight 1) is not stored: see `terms::write`.
pub fn field_bits(f: Field) -> u32 {
    match f {
        Field::Headline => 0x80,
        Field::Kicker | Field::Subheadline | Field::Byline => 0x40,
        Field::Body => 1,
    }
}

fn add_weight(w: u32, f: Field) -> u32 {
    match f {
        Field::Body => (w & 0xC0) | ((w & 0x3F) + 1).min(0x3F),
        _ => w | field_bits(f),
    }
}

fn dictionary_word(w: &str) -> bool {
    let n = w.chars().count();
    (2..=MAX_WORD_CHARS).contains(&n) && w.chars().all(is_word_char)
}

/// Index shard files and the manifest entry describing them.
pub struct BuiltIndex {
    pub meta: IndexMeta,
    /// (file name, JSON payload)
    pub shards: Vec<(String, String)>,
}

/// Toneless pinyin readings of a character, most common first (empty when it
/// has none). The CLI provides them from a pinyin dictionary; the search core
/// carries none, so the reader stays small.
pub type Readings<'a> = &'a dyn Fn(char) -> Vec<String>;

/// Builds the index for documents numbered 0.. in `articles` order, without
/// pinyin shards. See [`build_index_with`].
pub fn build_index(articles: &[&Article], dict: &Jieba) -> BuiltIndex {
    build_index_with(articles, dict, None)
}

/// Documents per unit of work when segmenting on all cores.
const CHUNK_DOCS: usize = 64;

/// `f` of each item, in order: on all cores natively (rayon), one by one in
/// wasm (which builds indexes only in tests).
fn par_map<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync + Send) -> Vec<R> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use rayon::prelude::*;
        items.par_iter().map(f).collect()
    }
    #[cfg(target_arch = "wasm32")]
    {
        items.iter().map(f).collect()
    }
}

/// Builds the index for documents numbered 0.. in `articles` order. `dict`
/// (jieba's default dictionary in the CLI) only finds the corpus vocabulary;
/// the index is then segmented with that vocabulary alone, exactly as the
/// reader segments queries from the shards. With `readings`, the vocabulary's
/// pinyin goes into pinyin shards (`index/p<letter>.js`) for pinyin search.
pub fn build_index_with(
    articles: &[&Article],
    dict: &Jieba,
    readings: Option<Readings>,
) -> BuiltIndex {
    build_index_reporting(articles, dict, readings, &|_, _| {})
}

/// A pass of the index build over the articles, for a progress report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuildPass {
    /// Finding the corpus vocabulary.
    Vocabulary,
    /// Segmenting with it and gathering postings.
    Postings,
}

/// Told, as a pass goes, how many articles it has done.
pub type Report<'a> = &'a (dyn Fn(BuildPass, usize) + Sync);

/// A large archive: from this many documents on, the index has pair shards
/// ([`pairs`]), term shards of [`LARGE_TERM_SHARD_BYTES`] and its length
/// levels in the word postings ([`norms`]). In smaller
/// ones the pairs cost more than the text itself (pd1998, 3,148 articles:
/// the bundle 1.36 → 2.15× the text's brotli), while checking every
/// candidate reads little (pd1998's document shards are 2 MB in all). At
/// 30,000 articles they cost 0.28× the text and cut the 95th percentile of
/// bytes a query loads from 35 to 2.9 MB. Length levels in the postings
/// would cost pd1998 more than its doc-info shard (a digit for most of its
/// 95,000 word postings against 3 KB of brotli), where a large archive
/// saves loading every doc-info shard (152 KB at 100,000 articles) to rank.
pub const LARGE_ARCHIVE_DOCS: usize = 20_000;

/// [`build_index_with`], telling `report` how far each pass is; as a large
/// archive from [`LARGE_ARCHIVE_DOCS`] articles on.
pub fn build_index_reporting(
    articles: &[&Article],
    dict: &Jieba,
    readings: Option<Readings>,
    report: Report,
) -> BuiltIndex {
    let large = articles.len() >= LARGE_ARCHIVE_DOCS;
    build_index_full(articles, dict, readings, report, large)
}

/// [`build_index_reporting`], as a large archive (pair shards, length
/// levels in the postings) or not whatever the size.
pub fn build_index_full(
    articles: &[&Article],
    dict: &Jieba,
    readings: Option<Readings>,
    report: Report,
    large: bool,
) -> BuiltIndex {
    let n = articles.len() as u32;
    let vocab = vocabulary(articles, dict, report);
    let seg = segmenter(vocab.iter().map(|(w, c)| (w.as_str(), *c)), None);
    let word_total: u64 = vocab.iter().map(|&(_, c)| c).sum();
    let mut posted = post(articles, &seg, report, large);
    let counts: HashMap<&str, u64> = vocab.iter().map(|(w, c)| (w.as_str(), *c)).collect();

    // Files in this order: term shards, pair shards, doc-info shards, pinyin files.
    // The lengths go in the word postings of a large archive, in the
    // doc-info shards of a small one.
    let lens = posted.lens.as_slice();
    let (term_shards, mut files) = terms::write(
        &posted.chars,
        &posted.words,
        &counts,
        n,
        large.then_some(lens),
    );
    let (pair_shards, pair_files) = posted
        .pairs
        .take()
        .map_or((0, Vec::new()), |p| pairs::write(p, n));
    files.extend(pair_files);
    let (doc_info, info_files) = doc_info::write(articles, (!large).then_some(lens));
    files.extend(info_files);
    let mut pinyin_meta = Vec::new();
    if let Some(readings) = readings {
        let (entries, pinyin_files) = pinyin_of(&posted.words, &counts, readings);
        pinyin_meta = entries;
        files.extend(pinyin_files);
    }
    let shards = files
        .iter()
        .map(|(file, json)| IndexShardEntry {
            file: file.clone(),
            bytes: shard::encode(file, json).len() as u64,
        })
        .collect();
    let total_len: u64 = posted.lens.iter().map(|&l| l.0 as u64).sum();
    let total_hlen: u64 = posted.lens.iter().map(|&l| l.1 as u64).sum();
    let avg = |t: u64| if n == 0 { 0.0 } else { t as f32 / n as f32 };
    BuiltIndex {
        meta: IndexMeta {
            kind: INDEX_KIND.into(),
            id: String::new(),
            shards,
            term_shards,
            pair_shards,
            posting_norms: large,
            doc_info,
            docs: n,
            avg_len: avg(total_len),
            avg_headline_len: avg(total_hlen),
            word_total,
            pinyin: pinyin_meta,
        },
        shards: files,
    }
}

/// The pinyin shards of the indexed words (`counts`: their corpus counts).
fn pinyin_of(
    words: &HashMap<String, Gaps>,
    counts: &HashMap<&str, u64>,
    readings: Readings,
) -> (Vec<PinyinShardEntry>, Vec<(String, String)>) {
    let mut indexed: Vec<(&str, u64)> = words
        .keys()
        .map(|w| (w.as_str(), counts[w.as_str()]))
        .collect();
    indexed.sort_unstable();
    pinyin::write(&indexed, readings)
}

/// An article's searchable fields, folded as the index folds them. Folded
/// per pass, chunk by chunk, rather than kept for every article (the text
/// again, 2 GB at 1,000,000 articles).
fn folded_fields(a: &Article) -> Vec<(Field, String)> {
    a.fields().map(|(f, t)| (f, fold(t))).collect()
}

/// Pass 1: the corpus vocabulary (words seen at least [`MIN_WORD_COUNT`]
/// times, sorted, counts as stored), counted per chunk of documents on all
/// cores (jieba is most of the build), then merged.
fn vocabulary(articles: &[&Article], dict: &Jieba, report: Report) -> Vec<(String, u64)> {
    let mut counts: HashMap<String, u64> = HashMap::new();
    for (k, chunk) in articles.chunks(CHUNK_DOCS * 16).enumerate() {
        report(BuildPass::Vocabulary, k * CHUNK_DOCS * 16);
        let ranges: Vec<&[&Article]> = chunk.chunks(CHUNK_DOCS).collect();
        for part in par_map(&ranges, |docs| {
            let mut counts: HashMap<String, u64> = HashMap::new();
            for a in docs.iter() {
                for (_, text) in folded_fields(a) {
                    for tok in dict.cut(&text, false) {
                        if dictionary_word(tok.word) {
                            bump(&mut counts, tok.word, 1);
                        }
                    }
                }
            }
            counts
        }) {
            for (w, c) in part {
                match counts.get_mut(&w) {
                    Some(n) => *n += c,
                    None => {
                        counts.insert(w, c);
                    }
                }
            }
        }
    }
    let mut vocab: Vec<(String, u64)> = counts
        .into_iter()
        .filter(|&(_, c)| c >= MIN_WORD_COUNT)
        .collect();
    vocab.sort_unstable();
    // Counts are kept to about 10% (one digit for most words): segmentation
    // uses their logarithm, and the index segments with exactly the counts
    // the reader will read.
    for v in &mut vocab {
        v.1 = count_of_level(level_of_count(v.1));
    }
    vocab
}

/// Adds `c` to the count of `w`, allocating its key only the first time.
fn bump(counts: &mut HashMap<String, u64>, w: &str, c: u64) {
    match counts.get_mut(w) {
        Some(n) => *n += c,
        None => {
            counts.insert(w.to_string(), c);
        }
    }
}

/// What pass 2 finds: per character the documents holding it, per word the
/// documents with weight ([`field_bits`]; a single body mention, weight 1,
/// is not kept: see `terms::write`), per document its searchable
/// characters outside the headline and in it, and the pairs of characters
/// printed together ([`pairs`]).
pub(crate) struct Posted {
    pub chars: HashMap<char, Gaps>,
    pub words: HashMap<String, Gaps>,
    pub lens: Vec<(u32, u32)>,
    pub pairs: Option<PairPostings>,
}

/// Pass 2: postings. Each chunk of documents is folded and segmented on all
/// cores (a word list with weights per document, and `with_pairs` the pairs
/// of characters printed together), then its postings are added in
/// document order.
pub(crate) fn post(articles: &[&Article], seg: &Jieba, report: Report, with_pairs: bool) -> Posted {
    let mut out = Posted {
        chars: HashMap::new(),
        words: HashMap::new(),
        lens: Vec::with_capacity(articles.len()),
        pairs: with_pairs.then(|| PairPostings::new(articles.len() as u32)),
    };
    let mut doc = 0u32;
    for chunk in articles.chunks(CHUNK_DOCS * 16) {
        report(BuildPass::Postings, doc as usize);
        let docs = par_map(chunk, |a| {
            let fields = folded_fields(a);
            let mut tf: HashMap<String, u32> = HashMap::new();
            for (field, text) in &fields {
                for tok in seg.cut(text, false) {
                    if dictionary_word(tok.word) && seg.has_word(tok.word) {
                        let w = match tf.get_mut(tok.word) {
                            Some(w) => w,
                            None => tf.entry(tok.word.to_string()).or_default(),
                        };
                        *w = add_weight(*w, *field);
                    }
                }
            }
            let pairs = if with_pairs {
                pairs::of_fields(fields.iter().map(|(_, t)| t.as_str()))
            } else {
                Vec::new()
            };
            (fields, tf, pairs)
        });
        for (fields, tf, pairs) in docs {
            out.add(doc, &fields, tf, &pairs);
            doc += 1;
        }
    }
    out
}

impl Posted {
    /// Adds document `doc` (after every earlier one): its folded fields, its
    /// words' weights and its pairs.
    fn add(
        &mut self,
        doc: u32,
        fields: &[(Field, String)],
        tf: HashMap<String, u32>,
        pairs: &[u64],
    ) {
        if let Some(p) = &mut self.pairs {
            p.add(doc, pairs);
        }
        let (mut len, mut hlen) = (0u32, 0u32);
        for (field, text) in fields {
            for c in text.chars().filter(|&c| is_word_char(c)) {
                if *field == Field::Headline {
                    hlen += 1;
                } else {
                    len += 1;
                }
                let p = self.chars.entry(c).or_default();
                if !p.ends_with(doc) {
                    p.push(doc, None);
                }
            }
        }
        self.lens.push((len, hlen));
        for (w, t) in tf {
            let p = self.words.entry(w).or_default();
            if t != 1 {
                p.push(doc, Some(t as u8));
            }
        }
    }
}

/// A jieba holding `words`; with `total`, padded so its frequency total equals
/// the whole vocabulary's and a subset segments exactly as the whole would.
pub fn segmenter<'a>(words: impl Iterator<Item = (&'a str, u64)>, total: Option<u64>) -> Jieba {
    let mut j = Jieba::empty();
    let mut sum = 0u64;
    for (w, c) in words {
        j.add_word(w, Some(c as usize), None);
        sum += c;
    }
    if let Some(t) = total {
        if t > sum {
            // A private-use character never in a folded query carries the rest.
            j.add_word("\u{F8FF}\u{F8FF}", Some((t - sum) as usize), None);
        }
    }
    j
}

/// Index shards loaded so far. Each structure's lookups are in its module.
#[derive(Debug, Default)]
pub struct LoadedIndex {
    pub meta: IndexMeta,
    pub terms: Vec<Option<TermShard>>,
    /// The index segments ([`crate::Manifest::segments`]): their term shards
    /// are merged into the index's as both arrive (see [`LoadedIndex::shard_for`]).
    pub segments: Vec<LoadedSegment>,
    pub pairs: Vec<Option<PairShard>>,
    pub info: Vec<Option<DocInfo>>,
    pub pinyin: Vec<Option<PinyinShard>>,
    /// [`crate::format::pinyin::READINGS_FILE`], when loaded.
    pub pinyin_readings: Option<ReadingTable>,
}

/// An index segment: which of its term shards are loaded, and the groups
/// of loaded ones waiting for their shard of the index, by its number.
#[derive(Debug, Default)]
pub struct LoadedSegment {
    pub meta: Segment,
    pub loaded: Vec<bool>,
    /// By the index's shard number (empty until a group waits).
    pending: Vec<Vec<TermShard>>,
}

/// Which loaded structure a file of the index is.
enum IndexFile {
    Terms(usize),
    SegmentTerms(usize, usize),
    Pairs(usize),
    Info(usize),
    Pinyin(usize),
    Readings,
}

impl LoadedIndex {
    pub fn new(meta: &IndexMeta, segments: &[Segment]) -> Self {
        Self {
            meta: meta.clone(),
            terms: (0..meta.term_shards).map(|_| None).collect(),
            segments: segments
                .iter()
                .map(|s| LoadedSegment {
                    meta: s.clone(),
                    loaded: vec![false; s.term_shards as usize],
                    pending: Vec::new(),
                })
                .collect(),
            pairs: (0..meta.pair_shards).map(|_| None).collect(),
            info: meta.doc_info.iter().map(|_| None).collect(),
            pinyin: meta.pinyin.iter().map(|_| None).collect(),
            pinyin_readings: None,
        }
    }

    fn file(&self, file: &str) -> Option<IndexFile> {
        if pinyin::is_readings(&self.meta, file) {
            return Some(IndexFile::Readings);
        }
        let segment = || {
            self.segments.iter().enumerate().find_map(|(k, s)| {
                s.meta
                    .term_shard_index(file)
                    .map(|i| IndexFile::SegmentTerms(k, i))
            })
        };
        terms::index_of(&self.meta, file)
            .map(IndexFile::Terms)
            .or_else(segment)
            .or_else(|| pairs::index_of(&self.meta, file).map(IndexFile::Pairs))
            .or_else(|| doc_info::index_of(&self.meta, file).map(IndexFile::Info))
            .or_else(|| pinyin::index_of(&self.meta, file).map(IndexFile::Pinyin))
    }

    pub fn accepts(&self, file: &str) -> bool {
        self.file(file).is_some()
    }

    pub fn is_loaded(&self, file: &str) -> bool {
        match self.file(file) {
            Some(IndexFile::Terms(i)) => self.terms[i].is_some(),
            Some(IndexFile::SegmentTerms(k, i)) => self.segments[k].loaded[i],
            Some(IndexFile::Pairs(i)) => self.pairs[i].is_some(),
            Some(IndexFile::Info(i)) => self.info[i].is_some(),
            Some(IndexFile::Pinyin(i)) => self.pinyin[i].is_some(),
            Some(IndexFile::Readings) => self.pinyin_readings.is_some(),
            None => false,
        }
    }

    pub fn insert(&mut self, file: &str, json: &str) -> Result<(), BundleError> {
        match self.file(file) {
            Some(IndexFile::Terms(i)) => {
                let norms = self.meta.posting_norms;
                let mut shard = TermShard::from_json(file, json, self.meta.docs, norms)?;
                for seg in &mut self.segments {
                    let waiting = seg.pending.get_mut(i).map(std::mem::take);
                    for groups in waiting.unwrap_or_default() {
                        shard.absorb(groups, seg.meta.first_doc);
                    }
                }
                self.terms[i] = Some(shard);
            }
            Some(IndexFile::SegmentTerms(k, i)) => {
                let seg = &mut self.segments[k];
                let n = self.meta.term_shards;
                let part =
                    TermShard::from_json(file, json, seg.meta.docs, self.meta.posting_norms)?;
                for (j, groups) in part.split_by(n as usize).into_iter().enumerate() {
                    if groups.chars.is_empty() && groups.words.is_empty() {
                        continue;
                    }
                    match self.terms.get_mut(j) {
                        Some(Some(shard)) => shard.absorb(groups, seg.meta.first_doc),
                        _ => {
                            seg.pending.resize_with(n as usize, Vec::new);
                            seg.pending[j].push(groups);
                        }
                    }
                }
                seg.loaded[i] = true;
            }
            Some(IndexFile::Pairs(i)) => {
                self.pairs[i] = Some(PairShard::from_json(file, json, self.meta.docs)?)
            }
            Some(IndexFile::Info(i)) => {
                let e = &self.meta.doc_info[i];
                self.info[i] = Some(DocInfo::from_json(file, json, e, self.meta.posting_norms)?)
            }
            Some(IndexFile::Pinyin(i)) => {
                self.pinyin[i] = Some(PinyinShard::from_json(file, json)?)
            }
            Some(IndexFile::Readings) => {
                self.pinyin_readings = Some(ReadingTable::from_json(file, json)?)
            }
            None => {
                return Err(BundleError::UnknownFile {
                    file: file.to_string(),
                })
            }
        }
        Ok(())
    }
}

/// Lookups in the loaded structures.
impl LoadedIndex {
    /// The loaded term shard for character `c`, with the character's groups
    /// of every segment merged in; or the files still to load: the index's
    /// shard for `c` and each segment's.
    pub fn shard_for(&self, c: char) -> Result<&TermShard, Vec<String>> {
        let i = term_shard_of(c, self.meta.term_shards);
        let mut missing = Vec::new();
        for s in &self.segments {
            let j = term_shard_of(c, s.meta.term_shards);
            if s.loaded.get(j) == Some(&false) {
                missing.push(segment_term_file(&s.meta.id, j));
            }
        }
        match self.terms.get(i) {
            Some(Some(s)) if missing.is_empty() => Ok(s),
            Some(Some(_)) => Err(missing),
            _ => {
                missing.insert(0, term_shard_file(i));
                Err(missing)
            }
        }
    }

    /// What the index says of the pair of characters `a`, `b` (documents of
    /// its segments aside), or the pair shard to load; `Ok(None)` when the
    /// bundle has no pair shards.
    pub fn pair(&self, a: char, b: char) -> Result<Option<Pair<'_>>, String> {
        if self.meta.pair_shards == 0 {
            return Ok(None);
        }
        let i = pair_shard_of(a, b, self.meta.pair_shards);
        match self.pairs.get(i) {
            Some(Some(s)) => Ok(Some(s.pair(a, b))),
            _ => Err(pair_shard_file(i)),
        }
    }

    /// Approximate heap bytes of loaded term shards: postings as stored, and
    /// postings decoded so far.
    pub fn bytes_held(&self) -> (usize, usize) {
        let size = StoredPostings::heap_bytes;
        let mut out = (0, 0);
        for s in self.terms.iter().flatten() {
            let words = s.words.iter().map(|(w, e)| {
                let (a, b) = size(&e.postings);
                (a + w.capacity(), b)
            });
            for (a, b) in s.chars.values().map(size).chain(words) {
                out.0 += a;
                out.1 += b;
            }
        }
        out
    }

    /// When postings decoded so far exceed `limit` bytes, forgets those not
    /// read since the last sweep (they decode again when read). Called at
    /// the start of each request: at 100,000 articles a dense character's
    /// list is 400 KB decoded against 17 KB stored, and a day of searching
    /// decodes hundreds of them.
    pub fn sweep_decoded(&mut self, limit: usize) {
        let over = self.bytes_held().1 > limit;
        for s in self.terms.iter_mut().flatten() {
            let words = s.words.values_mut().map(|w| &mut w.postings);
            for p in s.chars.values_mut().chain(words) {
                p.sweep(over);
            }
        }
    }

    /// A reader of loaded doc info that remembers the last shard, for
    /// walking many documents in order.
    pub fn info_cursor(&self) -> InfoCursor<'_> {
        InfoCursor::new(&self.meta.doc_info, &self.info)
    }

    /// Doc info for `doc`: the shard and the index in it, or its file.
    pub fn info_for(&self, doc: u32) -> Result<Option<(&DocInfo, usize)>, String> {
        let Some(i) = entry_of(&self.meta.doc_info, doc) else {
            return Ok(None);
        };
        let e = &self.meta.doc_info[i];
        match &self.info[i] {
            Some(info) => Ok(Some((info, (doc - e.first_doc) as usize))),
            None => Err(e.file.clone()),
        }
    }

    /// The words, with readings, of the pinyin shard for `letter` (words
    /// whose first syllable starts with it); `Ok(None)` when the bundle has
    /// none; otherwise the files to load (the shard, the readings or both).
    pub fn pinyin_entries(&self, letter: char) -> Result<Option<&[Entry]>, Need> {
        let Some(i) = self
            .meta
            .pinyin
            .iter()
            .position(|e| e.letter.starts_with(letter))
        else {
            return Ok(None);
        };
        match (&self.pinyin[i], self.reading_table()) {
            (Some(s), Ok(t)) => Ok(Some(s.entries(t))),
            (shard, table) => Err(Need(
                table
                    .err()
                    .into_iter()
                    .chain(shard.is_none().then(|| self.meta.pinyin[i].file.clone()))
                    .collect(),
            )),
        }
    }

    /// The loaded pinyin readings of characters, or the file to load.
    pub fn reading_table(&self) -> Result<&ReadingTable, String> {
        self.pinyin_readings
            .as_ref()
            .ok_or_else(|| READINGS_FILE.to_string())
    }
}
