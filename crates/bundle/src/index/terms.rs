//! Term shards (`index/tNNNN.js`): per character its documents, per corpus
//! word its count and weighted postings, grouped by first character and the
//! groups hashed into shards ([`term_shard_of`]). Writer and reader.

use std::collections::{BTreeMap, HashMap};

use super::gaps::Gaps;
use super::norms::length_level;
use crate::format::codec::{count_of_level, level_of_count, Weights};
use crate::format::codec::{decode_postings, encode_postings, get_number, put_number, well_formed};
use crate::format::codec::{BODY_LEVEL_SHIFT, HEADLINE_LEVEL_SHIFT};
use crate::format::index::{term_shard_file, term_shard_of, TermShardJson};
use crate::format::IndexMeta;
use crate::BundleError;

/// Aimed-for size of a term shard's JSON.
pub const TERM_SHARD_BYTES: usize = 32 * 1024;

/// The same in an archive of [`super::LARGE_ARCHIVE_DOCS`] documents or
/// more. A query loads the shards of its characters whole and reads a few
/// groups of each: 8 KB rather than 32 KB took the term-shard bytes of the
/// first page from 154 to 94 KB at 100,000 articles (brotli q5), for 4× the
/// files (863 → 3,400 of 14,000). On pd1998 it took them 78 → 24 KB but the
/// bundle 1.596 → 1.613× the text's brotli (each file compressed alone),
/// over its 1.6× target, so smaller archives keep 32 KB.
pub const LARGE_TERM_SHARD_BYTES: usize = 8 * 1024;

/// Aimed-for size of a term shard's JSON in an index of `n` documents.
fn shard_bytes(n: u32) -> usize {
    if n as usize >= super::LARGE_ARCHIVE_DOCS {
        LARGE_TERM_SHARD_BYTES
    } else {
        TERM_SHARD_BYTES
    }
}

/// Build side: the number of term shards and their files, from every
/// character's documents and every word's documents and weights (`counts`:
/// the words' corpus counts as stored); with `norms` (each document's body
/// and headline length), each word posting carries the length levels its
/// fields need ([`Weights::FieldsAndNorms`]).
pub(crate) fn write(
    chars: &HashMap<char, Gaps>,
    words: &HashMap<String, Gaps>,
    counts: &HashMap<&str, u64>,
    n: u32,
    norms: Option<&[(u32, u32)]>,
) -> (u32, Vec<(String, String)>) {
    // Groups by first character, encoded.
    let mut groups: BTreeMap<char, TermShardJson> = BTreeMap::new();
    let mut total_bytes = 0usize;
    for (c, docs) in chars {
        let s = encode_postings(&docs.decode(false).0, &[], Weights::None, n);
        total_bytes += s.len() + 8;
        groups.entry(*c).or_default().c.insert(c.to_string(), s);
    }
    for (w, postings) in words {
        // Only postings with weight are kept (headline, kicker, subheadline
        // or byline, or two or more body mentions; the build leaves out the
        // rest): a single body mention, two postings in three, adds little
        // to a score and much to the index. The characters still find such
        // a document and its text confirms it. On pd1998 the term shards
        // shrink from 874 to 631 KB of brotli, and the bytes loaded before
        // the first results grow by 1.2%.
        let (d, t) = postings.decode(true);
        let mut s = String::new();
        put_number(&mut s, level_of_count(counts[w.as_str()]));
        let (weights, kind) = weight_words(&d, &t, norms);
        s.push_str(&encode_postings(&d, &weights, kind, n));
        total_bytes += s.len() + w.len() + 12;
        let first = w.chars().next().expect("words are not empty");
        groups.entry(first).or_default().w.insert(w.to_string(), s);
    }
    let shard_count = (total_bytes.div_ceil(shard_bytes(n))).clamp(1, 4096) as u32;
    let mut term_shards: Vec<TermShardJson> =
        (0..shard_count).map(|_| Default::default()).collect();
    for (c, g) in groups {
        let s = &mut term_shards[term_shard_of(c, shard_count)];
        s.c.extend(g.c);
        s.w.extend(g.w);
    }
    let files = term_shards
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                term_shard_file(i),
                serde_json::to_string(s).expect("index shards serialize"),
            )
        })
        .collect();
    (shard_count, files)
}

/// The weight words of a word's postings (`docs`, `weights`), with the
/// documents' length levels when `norms`.
fn weight_words(docs: &[u32], weights: &[u8], norms: Option<&[(u32, u32)]>) -> (Vec<u32>, Weights) {
    let Some(lens) = norms else {
        return (weights.iter().map(|&w| w as u32).collect(), Weights::Fields);
    };
    let words = docs
        .iter()
        .zip(weights)
        .map(|(&d, &w)| {
            let (len, hlen) = lens[d as usize];
            w as u32
                | length_level(len) << BODY_LEVEL_SHIFT
                | length_level(hlen) << HEADLINE_LEVEL_SHIFT
        })
        .collect();
    (words, Weights::FieldsAndNorms)
}

/// Which term shard `file` is.
pub(crate) fn index_of(meta: &IndexMeta, file: &str) -> Option<usize> {
    let i: usize = file
        .strip_prefix("index/t")?
        .strip_suffix(".js")?
        .parse()
        .ok()?;
    (i < meta.term_shards as usize && term_shard_file(i) == file).then_some(i)
}

/// One loaded term shard.
#[derive(Debug, Default)]
pub struct TermShard {
    pub chars: HashMap<char, StoredPostings>,
    pub words: HashMap<String, Word>,
}

impl TermShard {
    /// Reads term shard `file` of an index of `n` documents, whose word
    /// postings carry length levels when `norms`.
    pub(crate) fn from_json(
        file: &str,
        json: &str,
        n: u32,
        norms: bool,
    ) -> Result<Self, BundleError> {
        let corrupt = |reason: String| BundleError::Corrupt {
            file: file.to_string(),
            reason,
        };
        let raw: TermShardJson = serde_json::from_str(json).map_err(|e| corrupt(e.to_string()))?;
        let mut s = TermShard::default();
        for (k, v) in raw.c {
            let mut it = k.chars();
            let (Some(c), None) = (it.next(), it.next()) else {
                return Err(corrupt(format!("`{k}` is not one character")));
            };
            let postings = StoredPostings::new(v, Weights::None, n)
                .ok_or_else(|| corrupt(format!("bad postings for `{k}`")))?;
            s.chars.insert(c, postings);
        }
        let weights = match norms {
            true => Weights::FieldsAndNorms,
            false => Weights::Fields,
        };
        for (k, v) in raw.w {
            let mut pos = 0;
            let (count, postings) = get_number(v.as_bytes(), &mut pos)
                .and_then(|l| {
                    Some((
                        count_of_level(l),
                        StoredPostings::new(v[pos..].to_string(), weights, n)?,
                    ))
                })
                .ok_or_else(|| corrupt(format!("bad postings for `{k}`")))?;
            s.words.insert(k, Word { count, postings });
        }
        Ok(s)
    }
}

impl TermShard {
    /// Splits a segment's term shard by the index's term shard (of `n`) each
    /// group (a character and the words it starts) belongs to.
    pub(crate) fn split_by(self, n: usize) -> Vec<TermShard> {
        let mut out: Vec<TermShard> = (0..n).map(|_| TermShard::default()).collect();
        let shard_of = |c: char| term_shard_of(c, n as u32);
        for (c, p) in self.chars {
            out[shard_of(c)].chars.insert(c, p);
        }
        for (w, word) in self.words {
            let first = w.chars().next().expect("words are not empty");
            out[shard_of(first)].words.insert(w, word);
        }
        out
    }

    /// Merges the groups of `seg`, a segment's, whose postings count from
    /// `offset`, into this shard of the index. Words keep the index's count
    /// (a segment is segmented with the index's vocabulary).
    pub(crate) fn absorb(&mut self, seg: TermShard, offset: u32) {
        // get_mut and insert, not the entry API: the reader has those
        // already, where entry would add their code again.
        for (c, p) in seg.chars {
            match self.chars.get_mut(&c) {
                Some(e) => e.append(offset, p),
                None => {
                    let mut e = StoredPostings::empty(p.weights);
                    e.append(offset, p);
                    self.chars.insert(c, e);
                }
            }
        }
        for (w, Word { count, postings }) in seg.words {
            match self.words.get_mut(&w) {
                Some(e) => e.postings.append(offset, postings),
                None => {
                    let mut e = StoredPostings::empty(postings.weights);
                    e.append(offset, postings);
                    self.words.insert(w, Word { count, postings: e });
                }
            }
        }
    }
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

    /// Weight of the word in each of [`Word::docs`] (see [`super::field_bits`]),
    /// with length levels when the index has them
    /// ([`crate::format::codec::BODY_LEVEL_SHIFT`]).
    pub fn tf(&self) -> &[u32] {
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
    weights: Weights,
    n_docs: u32,
    /// The same term's postings in index segments, in document order: each
    /// list counts from its segment's first document (`offset`).
    parts: Vec<Part>,
    decoded: std::sync::OnceLock<(Vec<u32>, Vec<u32>)>,
    /// Read since the last [`StoredPostings::sweep`].
    used: std::sync::atomic::AtomicBool,
}

/// A segment's postings of a term ([`StoredPostings::parts`]).
#[derive(Debug, Default)]
struct Part {
    offset: u32,
    raw: String,
    n_docs: u32,
}

impl StoredPostings {
    pub(crate) fn new(raw: String, weights: Weights, n_docs: u32) -> Option<Self> {
        well_formed(&raw).then(|| StoredPostings {
            raw,
            weights,
            n_docs,
            parts: Vec::new(),
            decoded: Default::default(),
            used: Default::default(),
        })
    }

    /// No postings in the index itself (the term is only in segments).
    fn empty(weights: Weights) -> Self {
        StoredPostings {
            raw: String::new(),
            weights,
            n_docs: 0,
            parts: Vec::new(),
            decoded: Default::default(),
            used: Default::default(),
        }
    }

    /// Adds a segment's postings of the same term, which count from `offset`.
    fn append(&mut self, offset: u32, other: StoredPostings) {
        let at = self.parts.partition_point(|p| p.offset < offset);
        self.parts.insert(
            at,
            Part {
                offset,
                raw: other.raw,
                n_docs: other.n_docs,
            },
        );
        self.decoded.take();
    }

    fn decode(&self) -> (Vec<u32>, Vec<u32>) {
        let mut out = decode_postings(&self.raw, self.weights, self.n_docs).unwrap_or_default();
        for p in &self.parts {
            let (docs, tfs) = decode_postings(&p.raw, self.weights, p.n_docs).unwrap_or_default();
            out.0.extend(docs.into_iter().map(|d| d + p.offset));
            out.1.extend(tfs);
        }
        out
    }

    fn get(&self) -> &(Vec<u32>, Vec<u32>) {
        self.used.store(true, std::sync::atomic::Ordering::Relaxed);
        // Checked at load; a list that still fails to decode (a number out of
        // range) reads as empty rather than stopping the search.
        self.decoded.get_or_init(|| self.decode())
    }

    pub fn docs(&self) -> &[u32] {
        &self.get().0
    }

    /// Approximate heap bytes: as stored, and decoded (zero when not).
    pub fn heap_bytes(&self) -> (usize, usize) {
        let decoded = self
            .decoded
            .get()
            .map_or(0, |(d, t)| (d.capacity() + t.capacity()) * 4);
        let parts: usize = self.parts.iter().map(|p| p.raw.capacity()).sum();
        (self.raw.capacity() + parts, decoded)
    }

    /// Forgets the decoded lists when `forget` and they were not read since
    /// the last sweep (they decode again when read); starts a new period.
    pub fn sweep(&mut self, forget: bool) {
        if forget && !*self.used.get_mut() {
            self.decoded.take();
        }
        *self.used.get_mut() = false;
    }

    pub fn tf(&self) -> &[u32] {
        &self.get().1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_shard_reads_back() {
        let gaps = |docs: &[(u32, Option<u8>)]| {
            let mut g = Gaps::default();
            for &(d, w) in docs {
                g.push(d, w);
            }
            g
        };
        let chars = HashMap::from([
            ('平', gaps(&[(0, None), (2, None)])),
            ('湖', gaps(&[(2, None)])),
        ]);
        let words = HashMap::from([("平湖".to_string(), gaps(&[(0, Some(2)), (2, Some(0x80))]))]);
        let counts = HashMap::from([("平湖", 10u64)]);
        let (n, files) = write(&chars, &words, &counts, 3, None);
        assert_eq!(n, 1);
        assert_eq!(files[0].0, "index/t0000.js");
        let s = TermShard::from_json(&files[0].0, &files[0].1, 3, false).unwrap();
        assert_eq!(s.chars[&'平'].docs(), &[0, 2]);
        let w = &s.words["平湖"];
        assert_eq!((w.docs(), w.tf()), (&[0u32, 2][..], &[2u32, 0x80][..]));
        assert_eq!(w.count, count_of_level(level_of_count(10)));
        let bad = TermShard::from_json("index/t0000.js", r#"{"c":{"ab":""},"w":{}}"#, 3, false);
        assert!(bad.is_err());

        // With norms: the body's level for 0 (body mentions), the headline's for 2.
        let lens = [(100, 4), (0, 0), (7, 30)];
        let (_, files) = write(&chars, &words, &counts, 3, Some(&lens));
        let s = TermShard::from_json(&files[0].0, &files[0].1, 3, true).unwrap();
        let body = 2 | length_level(100) << BODY_LEVEL_SHIFT;
        let headline = 0x80 | length_level(30) << HEADLINE_LEVEL_SHIFT;
        assert_eq!(s.words["平湖"].tf(), &[body, headline]);
    }

    #[test]
    fn term_shard_files_are_known_by_name() {
        let meta = IndexMeta {
            term_shards: 3,
            ..Default::default()
        };
        assert_eq!(index_of(&meta, "index/t0002.js"), Some(2));
        assert_eq!(index_of(&meta, "index/t0003.js"), None);
        assert_eq!(index_of(&meta, "index/t2.js"), None);
    }
}
