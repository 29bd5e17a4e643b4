//! The index's files as stored: its entry in the manifest ([`IndexMeta`]),
//! the term shards (`index/tNNNN.js`), the pair shards (`index/bNNNN.js`)
//! and the doc-info shards (`index/dNNNN.js`). The pinyin files are in
//! [`super::pinyin`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::codec::fnv1a;
use super::pinyin::PinyinShardEntry;
use super::range::DocRange;

/// Name of the index structure this code writes and reads.
pub const INDEX_KIND: &str = "kanbao-chars-words-2";

/// The index's entry in the manifest.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default)]
pub struct IndexMeta {
    /// Which index structure the shards hold.
    pub kind: String,
    /// Content hash of the index's own files (not its segments'), hex: the
    /// version in their URLs ([`super::Manifest::url_of`]).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// Every index file: the term shards (`index/tNNNN.js`) then the doc-info
    /// and pinyin shards. Stored compactly, see [`compact_index_shards`].
    #[serde(with = "compact_index_shards")]
    pub shards: Vec<IndexShardEntry>,
    /// Number of term shards; a character's group is in shard `fnv1a(c) % term_shards`.
    pub term_shards: u32,
    /// Number of pair shards (`index/bNNNN.js`, [`pair_shard_of`]); 0 for none.
    #[serde(skip_serializing_if = "is_zero")]
    pub pair_shards: u32,
    /// Whether the word postings carry the length levels BM25F needs
    /// ([`super::codec::Weights::FieldsAndNorms`]), instead of the doc-info
    /// shards: a large archive ranks without loading doc info.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub posting_norms: bool,
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
    pub pinyin: Vec<PinyinShardEntry>,
}

/// An index segment: the term shards of documents `first_doc .. first_doc +
/// docs`, added to a bundle after its index was built. Its files are named
/// `index/<id>-…`, the id a hash of their content, so a name never stands for
/// two contents. Postings in its term shards count from `first_doc`; words
/// are the index's vocabulary (the segment was segmented with it).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Segment {
    pub id: String,
    pub first_doc: u32,
    pub docs: u32,
    /// Number of its term shards: a character's group is in its shard
    /// `fnv1a(c) % term_shards` ([`segment_term_file`]).
    pub term_shards: u32,
}

impl Segment {
    /// Whether `file` is one of this segment's files.
    pub fn owns(&self, file: &str) -> bool {
        file.strip_prefix("index/")
            .and_then(|f| f.strip_prefix(self.id.as_str()))
            .is_some_and(|f| f.starts_with('-'))
    }

    /// Which of its term shards `file` is.
    pub fn term_shard_index(&self, file: &str) -> Option<usize> {
        let i: usize = file
            .strip_prefix("index/")?
            .strip_prefix(self.id.as_str())?
            .strip_prefix("-t")?
            .strip_suffix(".js")?
            .parse()
            .ok()?;
        (i < self.term_shards as usize && segment_term_file(&self.id, i) == file).then_some(i)
    }
}

/// `Manifest::segments` as strings `"<id> <first_doc> <docs> <term_shards>"`
/// (a derived struct reader cost the reader 4 KB of wasm).
pub mod compact_segments {
    use super::Segment;
    use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &[Segment], s: S) -> Result<S::Ok, S::Error> {
        v.iter()
            .map(|g| format!("{} {} {} {}", g.id, g.first_doc, g.docs, g.term_shards))
            .collect::<Vec<String>>()
            .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Segment>, D::Error> {
        Vec::<String>::deserialize(d)?
            .iter()
            .map(|t| {
                let mut it = t.split(' ');
                let id = it.next().unwrap_or_default().to_string();
                let mut n = || it.next().and_then(|x| x.parse::<u32>().ok());
                match (n(), n(), n()) {
                    (Some(first_doc), Some(docs), Some(term_shards)) if !id.is_empty() => {
                        Ok(Segment {
                            id,
                            first_doc,
                            docs,
                            term_shards,
                        })
                    }
                    _ => Err(D::Error::custom(format!("bad segment `{t}`"))),
                }
            })
            .collect()
    }
}

/// File name of term shard `i` of segment `id`.
pub fn segment_term_file(id: &str, i: usize) -> String {
    format!("index/{id}-t{i:04}.js")
}

/// File name of doc-info shard `k` of segment `id`.
pub fn segment_doc_info_file(id: &str, k: usize) -> String {
    format!("index/{id}-d{k:04}.js")
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct IndexShardEntry {
    pub file: String,
    pub bytes: u64,
}

/// A doc-info shard: facts of documents `first_doc .. first_doc + count`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct DocInfoEntry {
    pub file: String,
    pub first_doc: u32,
    pub count: u32,
}

impl DocRange for DocInfoEntry {
    fn doc_range(&self) -> (u32, u32) {
        (self.first_doc, self.count)
    }
}

/// File name of term shard `i`.
pub fn term_shard_file(i: usize) -> String {
    format!("index/t{i:04}.js")
}

/// Term shard holding the group of character `c`.
pub fn term_shard_of(c: char, shards: u32) -> usize {
    let mut buf = [0u8; 4];
    (fnv1a(c.encode_utf8(&mut buf)) % shards.max(1)) as usize
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// File name of pair shard `i`.
pub fn pair_shard_file(i: usize) -> String {
    format!("index/b{i:04}.js")
}

/// Pair shard holding the pair of characters `a`, `b`.
pub fn pair_shard_of(a: char, b: char, shards: u32) -> usize {
    let mut buf = [0u8; 8];
    let n = a.encode_utf8(&mut buf).len();
    let m = b.encode_utf8(&mut buf[n..]).len();
    (fnv1a(std::str::from_utf8(&buf[..n + m]).unwrap_or_default()) % shards.max(1)) as usize
}

/// A pair shard's JSON: of the pairs hashed to it ([`pair_shard_of`]), the
/// rare ones with their postings and the common ones listed.
#[derive(Serialize, Deserialize, Default)]
pub struct PairShardJson {
    /// Pair (two characters) → postings (no weights), see
    /// [`super::codec::encode_postings`].
    pub r: BTreeMap<String, String>,
    /// The common pairs, two characters each, one after another.
    pub c: String,
}

/// File name of doc-info shard `k`.
pub fn doc_info_file(k: usize) -> String {
    format!("index/d{k:04}.js")
}

/// `IndexMeta::shards` in the manifest as `{"t": …, "b": …, "files": […]}`:
/// the sizes of the term shards `index/t0000.js`, `index/t0001.js`, … as one
/// string of numbers ([`super::codec::put_number`]), those of the pair shards
/// `index/b0000.js`, … likewise, then the other files as `[file, bytes]`.
pub mod compact_index_shards {
    use crate::format::codec::{get_numbers, put_number};
    use crate::format::index::{pair_shard_file, term_shard_file, IndexShardEntry};
    use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize, Default)]
    struct Compact {
        t: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        b: String,
        files: Vec<(String, u64)>,
    }

    /// How many of `v` are the files `name(0)`, `name(1)`, …, their sizes
    /// appended to `out`.
    fn numbered(v: &[IndexShardEntry], name: fn(usize) -> String, out: &mut String) -> usize {
        let n = v
            .iter()
            .enumerate()
            .take_while(|(i, e)| e.file == name(*i))
            .count();
        for e in &v[..n] {
            put_number(out, e.bytes.min(u32::MAX as u64) as u32);
        }
        n
    }

    pub fn serialize<S: Serializer>(v: &[IndexShardEntry], s: S) -> Result<S::Ok, S::Error> {
        let mut c = Compact::default();
        let terms = numbered(v, term_shard_file, &mut c.t);
        let pairs = numbered(&v[terms..], pair_shard_file, &mut c.b);
        c.files = v[terms + pairs..]
            .iter()
            .map(|e| (e.file.clone(), e.bytes))
            .collect();
        c.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<IndexShardEntry>, D::Error> {
        let c = Compact::deserialize(d)?;
        let mut out: Vec<IndexShardEntry> = Vec::new();
        for (sizes, name) in [
            (&c.t, term_shard_file as fn(usize) -> String),
            (&c.b, pair_shard_file),
        ] {
            let sizes =
                get_numbers(sizes).ok_or_else(|| D::Error::custom("bad index shard sizes"))?;
            out.extend(
                sizes
                    .into_iter()
                    .enumerate()
                    .map(|(i, bytes)| IndexShardEntry {
                        file: name(i),
                        bytes: bytes as u64,
                    }),
            );
        }
        out.extend(
            c.files
                .into_iter()
                .map(|(file, bytes)| IndexShardEntry { file, bytes }),
        );
        Ok(out)
    }
}

/// A term shard's JSON: the groups of the characters hashed to it
/// ([`term_shard_of`]).
#[derive(Serialize, Deserialize, Default)]
pub struct TermShardJson {
    /// Character → postings (no weights), see [`super::codec::encode_postings`].
    pub c: BTreeMap<String, String>,
    /// Word → its corpus count (one number, its [`super::codec::level_of_count`])
    /// followed by its postings with weights, see [`super::codec::encode_postings`].
    pub w: BTreeMap<String, String>,
}

/// A doc-info shard's JSON. Per-document columns are strings of numbers
/// ([`super::codec::put_number`]), one per document: a common query's candidates reach
/// every doc-info shard, so these are loaded whole (at 100,000 articles the
/// arrays of decimal numbers were 1.4 MB; these strings are half that).
#[derive(Serialize, Deserialize, Default)]
pub struct DocInfoJson {
    pub first_doc: u32,
    /// Searchable characters per document, outside the headline and in it,
    /// as length levels; absent when the word postings carry them
    /// ([`IndexMeta::posting_norms`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub len: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hlen: String,
    /// Page number, 0 when unknown.
    pub page: String,
    /// Index into [`super::ArticleKind::ALL`].
    pub kind: String,
    /// Byline names (as printed) and, per document, how many it has followed
    /// by their indexes into `names`.
    pub names: Vec<String>,
    pub authors: String,
}
