//! The index: built natively from articles, loaded shard by shard in the reader.
//!
//! Keys are grouped by their first character and the groups hashed into term
//! shards, so a query loads one shard per distinct character it contains. A
//! group holds the character's postings (every document containing it: exact
//! for one character, a candidate superset for longer strings, checked against
//! the text) and the corpus words starting with it, with their corpus
//! frequency (the query side's jieba dictionary) and weighted postings (ranking,
//! and documents certain to contain the word). Per-document facts for facets,
//! filters and length normalisation sit in doc-info shards by document range.

use std::collections::{BTreeMap, HashMap};

use super::normalize::{fold, is_word_char};
use super::pinyin::{self, Entry, PinyinShard, ReadingTable};
use crate::error::{BundleError, Need};
pub use crate::format::codec::{count_of_level, level_of_count};
use crate::format::codec::{decode_postings, encode_postings, get_number, get_numbers, put_number};
use crate::format::index::{doc_info_file, DocInfoJson, TermShardJson};
pub use crate::format::index::{term_shard_file, term_shard_of};
use crate::format::pinyin::PinyinShardEntry;
use crate::format::{
    shard, Article, ArticleKind, DocInfoEntry, Field, IndexMeta, IndexShardEntry, INDEX_KIND,
};
use jieba_rs::Jieba;

/// Words seen fewer times than this in the corpus are not dictionary words;
/// their characters still find them.
pub const MIN_WORD_COUNT: u64 = 4;
/// Longest dictionary word, in characters.
pub const MAX_WORD_CHARS: usize = 12;
/// Aimed-for size of a term shard's JSON.
pub const TERM_SHARD_BYTES: usize = 32 * 1024;
/// Documents per doc-info shard.
pub const DOC_INFO_DOCS: usize = 8192;

/// A posting's weight byte: bit 7 the word is in the headline, bit 6 in the
/// kicker, subheadline or byline, bits 0–5 its count in the body (capped).
/// One body mention alone (weight 1) is not stored: see `build_index_with`.
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
    let n = articles.len() as u32;
    let folded: Vec<Vec<(Field, String)>> = articles
        .iter()
        .map(|a| a.fields().map(|(f, t)| (f, fold(t))).collect())
        .collect();

    // Pass 1: the corpus vocabulary, counted per chunk of documents on all
    // cores (jieba is most of the build), then merged.
    let mut counts: HashMap<&str, u64> = HashMap::new();
    let ranges: Vec<std::ops::Range<usize>> = (0..folded.len())
        .step_by(CHUNK_DOCS)
        .map(|i| i..(i + CHUNK_DOCS).min(folded.len()))
        .collect();
    let folded_ref = &folded;
    for chunk in par_map(&ranges, |docs| {
        let mut counts: HashMap<&str, u64> = HashMap::new();
        for (_, text) in folded_ref[docs.clone()].iter().flatten() {
            for tok in dict.cut(text, false) {
                if dictionary_word(tok.word) {
                    *counts.entry(tok.word).or_default() += 1;
                }
            }
        }
        counts
    }) {
        for (w, c) in chunk {
            *counts.entry(w).or_default() += c;
        }
    }
    let mut vocab: Vec<(&str, u64)> = counts
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
    let seg = segmenter(vocab.iter().map(|&(w, c)| (w, c)), None);
    let word_total: u64 = vocab.iter().map(|&(_, c)| c).sum();

    // Pass 2: postings.
    let mut chars: HashMap<char, Vec<u32>> = HashMap::new();
    let mut words: HashMap<&str, (Vec<u32>, Vec<u32>)> = HashMap::new();
    let mut lens = Vec::with_capacity(articles.len());
    // Each chunk of documents is segmented on all cores (a word list with
    // weights per document), then its postings are added in document order.
    let mut doc = 0u32;
    for chunk in folded.chunks(CHUNK_DOCS * 16) {
        let tfs = par_map(chunk, |fields| {
            let mut tf: HashMap<&str, u32> = HashMap::new();
            for (field, text) in fields {
                for tok in seg.cut(text, false) {
                    if dictionary_word(tok.word) && seg.has_word(tok.word) {
                        let w = tf.entry(tok.word).or_default();
                        *w = add_weight(*w, *field);
                    }
                }
            }
            tf
        });
        for (fields, tf) in chunk.iter().zip(tfs) {
            let (mut len, mut hlen) = (0u32, 0u32);
            for (field, text) in fields {
                for c in text.chars().filter(|&c| is_word_char(c)) {
                    if *field == Field::Headline {
                        hlen += 1;
                    } else {
                        len += 1;
                    }
                    let p = chars.entry(c).or_default();
                    if p.last() != Some(&doc) {
                        p.push(doc);
                    }
                }
            }
            lens.push((len, hlen));
            for (w, t) in tf {
                let p = words.entry(w).or_default();
                p.0.push(doc);
                p.1.push(t);
            }
            doc += 1;
        }
    }
    let counts: HashMap<&str, u64> = vocab.iter().copied().collect();

    // Groups by first character, encoded.
    let mut groups: BTreeMap<char, TermShardJson> = BTreeMap::new();
    let mut total_bytes = 0usize;
    for (c, docs) in &chars {
        let s = encode_postings(docs, None, n);
        total_bytes += s.len() + 8;
        groups.entry(*c).or_default().c.insert(c.to_string(), s);
    }
    for (w, (docs, tfs)) in &mut words {
        // Documents were visited in order, but tf maps are not; sort together.
        let mut pairs: Vec<(u32, u32)> = docs.iter().copied().zip(tfs.iter().copied()).collect();
        pairs.sort_unstable();
        // Only postings with weight are kept (headline, kicker, subheadline
        // or byline, or two or more body mentions): a single body mention,
        // two postings in three, adds little to a score and much to the
        // index. The characters still find such a document and its text
        // confirms it. On pd1998 the term shards shrink from 874 to 631 KB
        // of brotli, and the bytes loaded before the first results grow by
        // 1.2%.
        pairs.retain(|p| p.1 != 1);
        let d: Vec<u32> = pairs.iter().map(|p| p.0).collect();
        let t: Vec<u8> = pairs.iter().map(|p| p.1 as u8).collect();
        let mut s = String::new();
        put_number(&mut s, level_of_count(counts[w]));
        s.push_str(&encode_postings(&d, Some(&t), n));
        total_bytes += s.len() + w.len() + 12;
        let first = w.chars().next().expect("words are not empty");
        groups.entry(first).or_default().w.insert(w.to_string(), s);
    }
    let shard_count = (total_bytes.div_ceil(TERM_SHARD_BYTES)).clamp(1, 4096) as u32;
    let mut term_shards: Vec<TermShardJson> =
        (0..shard_count).map(|_| Default::default()).collect();
    for (c, g) in groups {
        let s = &mut term_shards[term_shard_of(c, shard_count)];
        s.c.extend(g.c);
        s.w.extend(g.w);
    }

    // Pinyin of the words that have postings.
    let mut pinyin_files = Vec::new();
    let mut pinyin_meta = Vec::new();
    if let Some(readings) = readings {
        let mut indexed: Vec<(&str, u64)> = words.keys().map(|&w| (w, counts[w])).collect();
        indexed.sort_unstable();
        let (shards, table) = pinyin::build_shards(&indexed, readings);
        if !shards.is_empty() {
            pinyin_files.push((
                pinyin::READINGS_FILE.to_string(),
                serde_json::to_string(&table).expect("pinyin readings serialize"),
            ));
        }
        for (letter, json) in shards {
            let file = pinyin::shard_file(letter);
            pinyin_files.push((
                file.clone(),
                serde_json::to_string(&json).expect("pinyin shards serialize"),
            ));
            pinyin_meta.push(PinyinShardEntry {
                file,
                letter: letter.to_string(),
            });
        }
    }

    let mut files: Vec<(String, String)> = Vec::new();
    for (i, s) in term_shards.iter().enumerate() {
        files.push((
            term_shard_file(i),
            serde_json::to_string(s).expect("index shards serialize"),
        ));
    }
    let mut doc_info = Vec::new();
    for (k, chunk) in articles.chunks(DOC_INFO_DOCS).enumerate() {
        let first_doc = (k * DOC_INFO_DOCS) as u32;
        let mut info = DocInfoJson {
            first_doc,
            ..Default::default()
        };
        let mut name_ids: HashMap<&str, u32> = HashMap::new();
        for (j, a) in chunk.iter().enumerate() {
            let (len, hlen) = lens[first_doc as usize + j];
            put_number(&mut info.len, len);
            put_number(&mut info.hlen, hlen);
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
        doc_info.push(DocInfoEntry {
            file: file.clone(),
            first_doc,
            count: chunk.len() as u32,
        });
        files.push((
            file,
            serde_json::to_string(&info).expect("doc info serializes"),
        ));
    }
    files.extend(pinyin_files);
    let shards = files
        .iter()
        .map(|(file, json)| IndexShardEntry {
            file: file.clone(),
            bytes: shard::encode(file, json).len() as u64,
        })
        .collect();
    let total_len: u64 = lens.iter().map(|&l| l.0 as u64).sum();
    let total_hlen: u64 = lens.iter().map(|&l| l.1 as u64).sum();
    let avg = |t: u64| if n == 0 { 0.0 } else { t as f32 / n as f32 };
    BuiltIndex {
        meta: IndexMeta {
            kind: INDEX_KIND.into(),
            shards,
            term_shards: shard_count,
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

/// One loaded term shard.
#[derive(Debug, Default)]
pub struct TermShard {
    pub chars: HashMap<char, StoredPostings>,
    pub words: HashMap<String, Word>,
}

#[derive(Debug, Default)]
pub struct Word {
    pub count: u64,
    pub postings: StoredPostings,
}

impl Word {
    /// Documents holding the word, in order.
    pub fn docs(&self) -> &[u32] {
        self.postings.docs()
    }

    /// Weight of the word in each of [`Word::docs`] (see [`field_bits`]).
    pub fn tf(&self) -> &[u8] {
        self.postings.tf()
    }
}

/// Postings as stored, decoded the first time a query reads them: a term
/// shard holds hundreds of characters and words and a query reads a few, so
/// decoding all at load cost time and memory (at 100,000 articles a dense
/// character's list is 200 KB of numbers against 17 KB stored).
#[derive(Debug, Default)]
pub struct StoredPostings {
    raw: String,
    weighted: bool,
    n_docs: u32,
    decoded: std::sync::OnceLock<(Vec<u32>, Vec<u8>)>,
    /// Read since the last [`LoadedIndex::sweep_decoded`].
    used: std::sync::atomic::AtomicBool,
}

impl StoredPostings {
    fn new(raw: String, weighted: bool, n_docs: u32) -> Option<Self> {
        crate::format::codec::well_formed(&raw).then(|| StoredPostings {
            raw,
            weighted,
            n_docs,
            decoded: Default::default(),
            used: Default::default(),
        })
    }

    fn get(&self) -> &(Vec<u32>, Vec<u8>) {
        self.used.store(true, std::sync::atomic::Ordering::Relaxed);
        // Checked at load; a list that still fails to decode (a number out of
        // range) reads as empty rather than stopping the search.
        self.decoded.get_or_init(|| {
            decode_postings(&self.raw, self.weighted, self.n_docs).unwrap_or_default()
        })
    }

    pub fn docs(&self) -> &[u32] {
        &self.get().0
    }

    pub fn tf(&self) -> &[u8] {
        &self.get().1
    }
}

/// Facts of the documents of one doc-info shard.
#[derive(Debug, Default)]
pub struct DocInfo {
    pub first_doc: u32,
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

/// Index shards loaded so far.
#[derive(Debug, Default)]
pub struct LoadedIndex {
    pub meta: IndexMeta,
    pub terms: Vec<Option<TermShard>>,
    pub info: Vec<Option<DocInfo>>,
    pub pinyin: Vec<Option<PinyinShard>>,
    /// [`pinyin::READINGS_FILE`], when loaded.
    pub pinyin_readings: Option<ReadingTable>,
}

impl LoadedIndex {
    /// Approximate heap bytes of loaded term shards: postings as stored, and
    /// postings decoded so far.
    pub fn bytes_held(&self) -> (usize, usize) {
        let size = |p: &StoredPostings| {
            let decoded = p
                .decoded
                .get()
                .map_or(0, |(d, t)| d.capacity() * 4 + t.capacity());
            (p.raw.capacity(), decoded)
        };
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
                if over && !*p.used.get_mut() {
                    p.decoded.take();
                }
                *p.used.get_mut() = false;
            }
        }
    }

    pub fn new(meta: &IndexMeta) -> Self {
        Self {
            meta: meta.clone(),
            terms: (0..meta.term_shards).map(|_| None).collect(),
            info: meta.doc_info.iter().map(|_| None).collect(),
            pinyin: meta.pinyin.iter().map(|_| None).collect(),
            pinyin_readings: None,
        }
    }

    fn term_index(&self, file: &str) -> Option<usize> {
        let i: usize = file
            .strip_prefix("index/t")?
            .strip_suffix(".js")?
            .parse()
            .ok()?;
        (i < self.meta.term_shards as usize && term_shard_file(i) == file).then_some(i)
    }

    fn info_index(&self, file: &str) -> Option<usize> {
        self.meta.doc_info.iter().position(|e| e.file == file)
    }

    fn pinyin_index(&self, file: &str) -> Option<usize> {
        self.meta.pinyin.iter().position(|e| e.file == file)
    }

    fn is_readings(&self, file: &str) -> bool {
        file == pinyin::READINGS_FILE && !self.meta.pinyin.is_empty()
    }

    pub fn accepts(&self, file: &str) -> bool {
        self.term_index(file).is_some()
            || self.info_index(file).is_some()
            || self.pinyin_index(file).is_some()
            || self.is_readings(file)
    }

    pub fn is_loaded(&self, file: &str) -> bool {
        if self.is_readings(file) {
            return self.pinyin_readings.is_some();
        }
        if let Some(i) = self.term_index(file) {
            return self.terms[i].is_some();
        }
        if let Some(i) = self.pinyin_index(file) {
            return self.pinyin[i].is_some();
        }
        self.info_index(file)
            .is_some_and(|i| self.info[i].is_some())
    }

    pub fn insert(&mut self, file: &str, json: &str) -> Result<(), BundleError> {
        let corrupt = |reason: String| BundleError::Corrupt {
            file: file.to_string(),
            reason,
        };
        let n = self.meta.docs;
        if let Some(i) = self.term_index(file) {
            let raw: TermShardJson =
                serde_json::from_str(json).map_err(|e| corrupt(e.to_string()))?;
            let mut s = TermShard::default();
            for (k, v) in raw.c {
                let mut it = k.chars();
                let (Some(c), None) = (it.next(), it.next()) else {
                    return Err(corrupt(format!("`{k}` is not one character")));
                };
                let postings = StoredPostings::new(v, false, n)
                    .ok_or_else(|| corrupt(format!("bad postings for `{k}`")))?;
                s.chars.insert(c, postings);
            }
            for (k, v) in raw.w {
                let mut pos = 0;
                let (count, postings) = get_number(v.as_bytes(), &mut pos)
                    .and_then(|l| {
                        Some((
                            count_of_level(l),
                            StoredPostings::new(v[pos..].to_string(), true, n)?,
                        ))
                    })
                    .ok_or_else(|| corrupt(format!("bad postings for `{k}`")))?;
                s.words.insert(k, Word { count, postings });
            }
            self.terms[i] = Some(s);
            return Ok(());
        }
        if let Some(i) = self.info_index(file) {
            let raw: DocInfoJson =
                serde_json::from_str(json).map_err(|e| corrupt(e.to_string()))?;
            let e = &self.meta.doc_info[i];
            let count = e.count as usize;
            let bad = || corrupt("does not match the manifest".into());
            let column = |s: &str| get_numbers(s).filter(|v| v.len() == count).ok_or_else(bad);
            let (len, hlen, page) = (column(&raw.len)?, column(&raw.hlen)?, column(&raw.page)?);
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
            self.info[i] = Some(DocInfo {
                first_doc: raw.first_doc,
                len,
                hlen,
                page,
                kind,
                names: raw.names,
                author_ids,
                author_at,
            });
            return Ok(());
        }
        if let Some(i) = self.pinyin_index(file) {
            self.pinyin[i] = Some(PinyinShard::from_json(file, json)?);
            return Ok(());
        }
        if self.is_readings(file) {
            self.pinyin_readings = Some(ReadingTable::from_json(file, json)?);
            return Ok(());
        }
        Err(BundleError::UnknownFile {
            file: file.to_string(),
        })
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
            .ok_or_else(|| pinyin::READINGS_FILE.to_string())
    }

    /// The loaded term shard for character `c`, or its file.
    pub fn shard_for(&self, c: char) -> Result<&TermShard, String> {
        let i = term_shard_of(c, self.meta.term_shards);
        match self.terms.get(i) {
            Some(Some(s)) => Ok(s),
            _ => Err(term_shard_file(i)),
        }
    }

    /// A reader of loaded doc info that remembers the last shard, for
    /// walking many documents in order.
    pub fn info_cursor(&self) -> InfoCursor<'_> {
        InfoCursor {
            idx: self,
            start: 0,
            end: 0,
            info: None,
        }
    }

    /// Doc info for `doc`: the shard and the index in it, or its file.
    pub fn info_for(&self, doc: u32) -> Result<Option<(&DocInfo, usize)>, String> {
        let entries = &self.meta.doc_info;
        let i = entries.partition_point(|e| e.first_doc <= doc);
        let Some(i) = i.checked_sub(1) else {
            return Ok(None);
        };
        let e = &entries[i];
        if doc >= e.first_doc + e.count {
            return Ok(None);
        }
        match &self.info[i] {
            Some(info) => Ok(Some((info, (doc - e.first_doc) as usize))),
            None => Err(e.file.clone()),
        }
    }
}

/// See [`LoadedIndex::info_cursor`].
pub struct InfoCursor<'a> {
    idx: &'a LoadedIndex,
    start: u32,
    end: u32,
    info: Option<&'a DocInfo>,
}

impl<'a> InfoCursor<'a> {
    /// Loaded doc info of `doc` and its index in it; `None` when not loaded.
    pub fn get(&mut self, doc: u32) -> Option<(&'a DocInfo, usize)> {
        if !(self.start..self.end).contains(&doc) {
            let entries = &self.idx.meta.doc_info;
            let i = entries
                .partition_point(|e| e.first_doc <= doc)
                .checked_sub(1)?;
            let e = &entries[i];
            self.start = e.first_doc;
            self.end = e.first_doc.saturating_add(e.count);
            self.info = self.idx.info.get(i).and_then(Option::as_ref);
            if doc >= self.end {
                return None;
            }
        }
        Some((self.info?, (doc - self.start) as usize))
    }
}
