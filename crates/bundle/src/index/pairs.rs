//! Pair shards (`index/bNNNN.js`): for each pair of word characters printed
//! next to each other, whether it is rare (and then the documents holding
//! it) or common. A term holds each of its adjacent pairs, so a document
//! missing a rare pair of the term cannot hold it, and a pair no document
//! has rules the term out everywhere: a cross-word substring of common
//! characters (`工汇率持`: four characters in tens of thousands of articles
//! each, one article holding them in a row) is found without reading the
//! text of thousands of candidates.
//!
//! A pair is rare when at most one document in [`RARE_SHARE`] holds it (at
//! least [`RARE_MIN`]): on a 100,000-article corpus 93% of the pairs, a
//! third of the pair postings. Common pairs are listed without postings;
//! they would be most of the size and filter little. A rare pair's
//! postings are blocks of [`PAIR_BLOCK`] documents, not documents: a
//! candidate is checked by loading its document shard, which holds about
//! as many, and block numbers take half the characters. Writer and reader.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::gaps::Gaps;
use super::terms::StoredPostings;
use crate::format::codec::{encode_postings, Weights};
use crate::format::index::{pair_shard_file, pair_shard_of, PairShardJson};
use crate::format::IndexMeta;
use crate::text::normalize::is_word_char;
use crate::BundleError;

/// A pair in more than one document in this many is common…
pub const RARE_SHARE: u32 = 300;
/// …unless in at most this many (small archives).
pub const RARE_MIN: u32 = 8;
/// Documents per block of a rare pair's postings.
pub const PAIR_BLOCK: u32 = 16;
/// Aimed size of a pair shard's JSON: a query reads a few pairs of a shard
/// (8 KB rather than 32: 56 → 15 KB of pair shards a first page at 100,000
/// articles, brotli q5).
pub const PAIR_SHARD_BYTES: usize = 8 * 1024;

/// The most documents a rare pair is in, of an index of `n`.
pub fn rare_limit(n: u32) -> u32 {
    (n / RARE_SHARE).max(RARE_MIN)
}

/// A pair as one number.
pub fn key(a: char, b: char) -> u64 {
    (a as u64) << 32 | b as u64
}

fn chars_of(key: u64) -> (char, char) {
    let c = |v: u64| char::from_u32(v as u32).unwrap_or(char::REPLACEMENT_CHARACTER);
    (c(key >> 32), c(key & 0xFFFF_FFFF))
}

/// The pairs of word characters next to each other in `text`, in order:
/// what the index records of a document and what a query term looks up.
pub fn pairs_in(text: &str) -> impl Iterator<Item = (char, char)> + '_ {
    let mut prev: Option<char> = None;
    text.chars().filter_map(move |c| {
        let pair = prev.filter(|_| is_word_char(c)).map(|p| (p, c));
        prev = is_word_char(c).then_some(c);
        pair
    })
}

/// A hasher for pair keys: one folded multiply. The build looks a pair up
/// for each document holding it (48 million times at 100,000 articles), and
/// SipHash was a seventh of the build.
#[derive(Default)]
pub(crate) struct PairHasher(u64);

impl Hasher for PairHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(self.0 ^ u64::from(b));
        }
    }

    fn write_u64(&mut self, x: u64) {
        let p = u128::from(x ^ self.0) * 0x9E37_79B9_7F4A_7C15;
        self.0 = (p >> 64) as u64 ^ p as u64;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The pairs of a document's fields (folded), sorted, each once.
pub(crate) fn of_fields<'a>(fields: impl Iterator<Item = &'a str>) -> Vec<u64> {
    let mut pairs: Vec<u64> = fields.flat_map(pairs_in).map(|(a, b)| key(a, b)).collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Build side: each pair's document count and, while it is rare, its
/// documents (a pair that turns common gives its postings back).
pub(crate) struct PairPostings {
    limit: u32,
    pairs: HashMap<u64, (u32, Option<Gaps>), BuildHasherDefault<PairHasher>>,
}

impl PairPostings {
    pub(crate) fn new(n: u32) -> Self {
        PairPostings {
            limit: rare_limit(n),
            pairs: HashMap::default(),
        }
    }

    /// Adds document `doc` (after every earlier one) holding `pairs`
    /// (sorted, each once).
    pub(crate) fn add(&mut self, doc: u32, pairs: &[u64]) {
        let block = doc / PAIR_BLOCK;
        for &p in pairs {
            let e = self
                .pairs
                .entry(p)
                .or_insert_with(|| (0, Some(Gaps::default())));
            e.0 += 1;
            if e.0 > self.limit {
                e.1 = None;
            } else if let Some(g) = e.1.as_mut().filter(|g| !g.ends_with(block)) {
                g.push(block, None);
            }
        }
    }
}

/// The number of pair shards and their files, of an index of `n` documents.
pub(crate) fn write(p: PairPostings, n: u32) -> (u32, Vec<(String, String)>) {
    let n = blocks(n);
    let mut rare: Vec<(u64, String)> = Vec::new();
    let mut common: Vec<u64> = Vec::new();
    let mut total = 0usize;
    for (k, (_, gaps)) in p.pairs {
        match gaps {
            Some(g) => {
                let s = encode_postings(&g.decode(false).0, &[], Weights::None, n);
                total += s.len() + 12;
                rare.push((k, s));
            }
            None => {
                total += 6;
                common.push(k);
            }
        }
    }
    common.sort_unstable();
    let count = total.div_ceil(PAIR_SHARD_BYTES).clamp(1, 8192) as u32;
    let mut shards: Vec<PairShardJson> = (0..count).map(|_| PairShardJson::default()).collect();
    for (k, s) in rare {
        let (a, b) = chars_of(k);
        shards[pair_shard_of(a, b, count)]
            .r
            .insert([a, b].iter().collect(), s);
    }
    for k in common {
        let (a, b) = chars_of(k);
        let c = &mut shards[pair_shard_of(a, b, count)].c;
        c.push(a);
        c.push(b);
    }
    let files = shards
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let json = serde_json::to_string(s).expect("pair shards serialize");
            (pair_shard_file(i), json)
        })
        .collect();
    (count, files)
}

/// Blocks of an index of `n` documents.
pub fn blocks(n: u32) -> u32 {
    n.div_ceil(PAIR_BLOCK)
}

/// Which pair shard `file` is.
pub(crate) fn index_of(meta: &IndexMeta, file: &str) -> Option<usize> {
    let i: usize = file
        .strip_prefix("index/b")?
        .strip_suffix(".js")?
        .parse()
        .ok()?;
    (i < meta.pair_shards as usize && pair_shard_file(i) == file).then_some(i)
}

/// What the index knows of a pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pair<'a> {
    /// In no document of the index.
    Absent,
    /// In many documents, not listed.
    Common,
    /// In documents of these blocks only ([`PAIR_BLOCK`]).
    Rare(&'a [u32]),
}

/// One loaded pair shard: sorted lists, looked up by binary search (a
/// query reads a few pairs; hash maps of these types cost the reader's wasm
/// more code).
#[derive(Debug, Default)]
pub struct PairShard {
    rare: Vec<(u64, StoredPostings)>,
    common: Vec<u64>,
}

impl PairShard {
    /// Reads pair shard `file` of an index of `n` documents.
    pub(crate) fn from_json(file: &str, json: &str, n: u32) -> Result<Self, BundleError> {
        let corrupt = |reason: String| BundleError::Corrupt {
            file: file.to_string(),
            reason,
        };
        let raw: PairShardJson = serde_json::from_str(json).map_err(|e| corrupt(e.to_string()))?;
        let mut s = PairShard::default();
        for (k, v) in raw.r {
            let mut it = k.chars();
            let (Some(a), Some(b), None) = (it.next(), it.next(), it.next()) else {
                return Err(corrupt(format!("`{k}` is not two characters")));
            };
            let postings = StoredPostings::new(v, Weights::None, blocks(n))
                .ok_or_else(|| corrupt(format!("bad postings for `{k}`")))?;
            s.rare.push((key(a, b), postings));
        }
        let common: Vec<char> = raw.c.chars().collect();
        if !common.len().is_multiple_of(2) {
            return Err(corrupt(
                "common pairs of an odd number of characters".into(),
            ));
        }
        s.common = common.chunks(2).map(|p| key(p[0], p[1])).collect();
        // Both lists come sorted (the rare pairs as JSON object keys, in
        // code-point order, which is the order of their keys; the common
        // ones as written): no sort code in the reader.
        if !s.rare.is_sorted_by_key(|e| e.0) || !s.common.is_sorted() {
            return Err(corrupt("pairs out of order".into()));
        }
        Ok(s)
    }

    /// What the shard says of pair `a`, `b` (which must hash to it).
    pub fn pair(&self, a: char, b: char) -> Pair<'_> {
        let k = key(a, b);
        if let Ok(i) = self.rare.binary_search_by_key(&k, |e| e.0) {
            Pair::Rare(self.rare[i].1.docs())
        } else if self.common.binary_search(&k).is_ok() {
            Pair::Common
        } else {
            Pair::Absent
        }
    }
}

/// The rare, common and absent pairs of `files` as read back, for tests.
#[cfg(test)]
fn read_all(files: &[(String, String)], n: u32) -> Vec<PairShard> {
    files
        .iter()
        .map(|(f, j)| PairShard::from_json(f, j, n).unwrap())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs_of(text: &str) -> Vec<u64> {
        of_fields(std::iter::once(text))
    }

    #[test]
    fn pairs_are_of_word_characters_printed_together() {
        assert_eq!(pairs_of("平湖，羽绒"), [key('平', '湖'), key('羽', '绒')]);
        assert_eq!(pairs_of("a1 b"), [key('a', '1')]);
    }

    #[test]
    fn rare_pairs_keep_their_documents_common_ones_are_listed() {
        let n = 40u32;
        let mut p = PairPostings::new(n);
        assert_eq!(rare_limit(n), RARE_MIN);
        for d in 0..n {
            // 平湖 in every document, 羽绒 in three: two of block 0, one of 2.
            let text = if [3, 5, 33].contains(&d) {
                "平湖羽绒"
            } else {
                "平湖"
            };
            p.add(d, &pairs_of(text));
        }
        let (count, files) = write(p, n);
        assert_eq!(files.len(), count as usize);
        let shards = read_all(&files, n);
        let at = |a, b| &shards[pair_shard_of(a, b, count)];
        assert_eq!(at('平', '湖').pair('平', '湖'), Pair::Common);
        assert_eq!(at('羽', '绒').pair('羽', '绒'), Pair::Rare(&[0, 2]));
        assert_eq!(at('湖', '羽').pair('湖', '羽'), Pair::Rare(&[0, 2]));
        assert_eq!(at('绒', '服').pair('绒', '服'), Pair::Absent);
        let meta = IndexMeta {
            pair_shards: count,
            ..Default::default()
        };
        assert_eq!(index_of(&meta, &files[0].0), Some(0));
        assert_eq!(index_of(&meta, "index/t0000.js"), None);
    }
}
