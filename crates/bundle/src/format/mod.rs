//! The bundle's data types: what the CLI writes and the reader loads.
//! Bump [`FORMAT_VERSION`] on any change a reader of the previous version could misread.

use serde::{Deserialize, Serialize};

mod article;
pub mod codec;
pub mod file;
pub mod index;
mod page;
pub mod pinyin;
mod range;

pub use article::{Article, ArticleKind, Byline, Field, Region, Role, SourceSpan};
pub use file as shard;
pub use index::{DocInfoEntry, IndexMeta, IndexShardEntry, Segment, INDEX_KIND};
pub use page::{Page, PageImage, PageSize};
pub use range::{entry_of, DocRange};

/// Version of the on-disk bundle format. Readers refuse any other version.
pub const FORMAT_VERSION: u32 = 7;

/// One issue of a paper: the masthead facts and its pages.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default)]
pub struct Issue {
    /// Stable id: the date (`2023-08-03`), with a suffix for a second paper or
    /// edition that day; `undated-<hash>` when no date is known.
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paper: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// `YYYY-MM-DD`, or none when no date is printed or given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekday: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lunar_date: Option<String>,
    /// 总第N期
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue_number: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Year the text suggests when no date is printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year_hint: Option<i32>,
    pub pages: Vec<Page>,
}

/// An issue's entry in the manifest: its facts and where its articles are.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct IssueEntry {
    #[serde(flatten)]
    pub issue: Issue,
    /// Document number of the issue's first article; its articles are contiguous.
    pub first_doc: u32,
    pub article_count: u32,
}

impl IssueEntry {
    /// The issue's documents.
    pub fn docs(&self) -> std::ops::Range<u32> {
        self.first_doc..self.first_doc + self.article_count
    }
}

impl DocRange for IssueEntry {
    fn doc_range(&self) -> (u32, u32) {
        (self.first_doc, self.article_count)
    }
}

/// A shard of article documents: numbers `first_doc .. first_doc + count`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct DocShardEntry {
    pub file: String,
    pub first_doc: u32,
    pub count: u32,
    /// Size of the file in bytes (for progress and for offline download).
    pub bytes: u64,
    /// 32 bits of the file's content hash ([`codec::fnv1a64`]): its URL's
    /// version (see [`Manifest::url_of`]), 0 when unknown.
    pub hash: u32,
}

impl DocRange for DocShardEntry {
    fn doc_range(&self) -> (u32, u32) {
        (self.first_doc, self.count)
    }
}

/// File name of document shard `i`.
pub fn doc_shard_file(i: usize) -> String {
    format!("docs/{i:04}.js")
}

/// Index of a document shard from its file name (inverse of [`doc_shard_file`]).
pub fn doc_shard_index(file: &str) -> Option<usize> {
    let digits = file.strip_prefix("docs/")?.strip_suffix(".js")?;
    let i: usize = digits.parse().ok()?;
    (doc_shard_file(i) == file).then_some(i)
}

/// `doc_shards` in the manifest as `{"count": …, "bytes": …, "hash": …}`:
/// strings of numbers ([`codec::put_number`]), one per shard in order.
/// Files are `docs/NNNN.js` and each shard starts where the previous ended.
pub mod compact_doc_shards {
    use super::codec::{get_numbers, put_number};
    use super::{doc_shard_file, DocShardEntry};
    use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Compact {
        count: String,
        bytes: String,
        #[serde(default)]
        hash: String,
    }

    pub fn serialize<S: Serializer>(v: &[DocShardEntry], s: S) -> Result<S::Ok, S::Error> {
        let mut c = Compact {
            count: String::new(),
            bytes: String::new(),
            hash: String::new(),
        };
        for e in v {
            put_number(&mut c.count, e.count);
            put_number(&mut c.bytes, e.bytes.min(u32::MAX as u64) as u32);
            put_number(&mut c.hash, e.hash);
        }
        c.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<DocShardEntry>, D::Error> {
        let c = Compact::deserialize(d)?;
        let numbers = |text: &str| {
            get_numbers(text).ok_or_else(|| D::Error::custom("bad doc_shards numbers"))
        };
        let (counts, bytes) = (numbers(&c.count)?, numbers(&c.bytes)?);
        let mut hashes = numbers(&c.hash)?;
        if hashes.is_empty() {
            hashes = vec![0; counts.len()];
        }
        if counts.len() != bytes.len() || counts.len() != hashes.len() {
            return Err(D::Error::custom(
                "doc_shards: counts, bytes and hashes differ in length",
            ));
        }
        let mut first_doc = 0u32;
        let mut out = Vec::with_capacity(counts.len());
        for (i, ((count, bytes), hash)) in counts.into_iter().zip(bytes).zip(hashes).enumerate() {
            out.push(DocShardEntry {
                file: doc_shard_file(i),
                first_doc,
                count,
                bytes: bytes as u64,
                hash,
            });
            first_doc = first_doc
                .checked_add(count)
                .ok_or_else(|| D::Error::custom("doc_shards: too many documents"))?;
        }
        Ok(out)
    }
}

/// A shard of article documents as stored.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct DocShard {
    pub format_version: u32,
    pub first_doc: u32,
    pub articles: Vec<Article>,
}

/// The first file the reader loads: everything needed to list issues and plan
/// which other shards a view or a search needs.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Manifest {
    pub format_version: u32,
    /// Tool and version that wrote the bundle.
    pub generator: String,
    /// Archive title shown in the reader.
    pub title: String,
    pub article_count: u32,
    /// Issues in document order: as built, by date, oldest first (undated
    /// last); issues added later (`kanbao build --into`) follow, whatever
    /// their dates.
    pub issues: Vec<IssueEntry>,
    /// Stored compactly (see [`compact_doc_shards`]): at 100,000 articles the
    /// list of objects alone was 480 KB of a manifest every start loads.
    #[serde(with = "compact_doc_shards")]
    pub doc_shards: Vec<DocShardEntry>,
    /// The search index: its own metadata and shard list.
    pub index: IndexMeta,
    /// Index segments added since the index was built (`kanbao build
    /// --into`), oldest first: each indexes the documents it added, and a
    /// query reads the index and every segment. Their doc-info shards are in
    /// `index.doc_info`, all their files in `index.shards`.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        with = "index::compact_segments"
    )]
    pub segments: Vec<Segment>,
    /// The non-ASCII characters of every other file, most frequent first: in
    /// those files rank *r* is written `U+0080 + r` ([`crate::charmap`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub chars: String,
}

impl Manifest {
    /// Which doc shard holds document `doc`.
    /// Index of the document shard named `file`.
    pub fn doc_shard_named(&self, file: &str) -> Option<usize> {
        doc_shard_index(file).filter(|&i| i < self.doc_shards.len())
    }

    pub fn doc_shard_of(&self, doc: u32) -> Option<usize> {
        entry_of(&self.doc_shards, doc)
    }

    /// The issue containing document `doc`.
    pub fn issue_of_doc(&self, doc: u32) -> Option<&IssueEntry> {
        entry_of(&self.issues, doc).map(|i| &self.issues[i])
    }

    pub fn issue(&self, id: &str) -> Option<&IssueEntry> {
        self.issues.iter().find(|e| e.issue.id == id)
    }

    /// The URL (relative to the bundle) to load `file` from: its name and,
    /// but for the manifest and files whose names carry their content (page
    /// images, a segment's files), `?v=` and a version of its content, so a
    /// cache of an earlier build or addition never answers for a changed
    /// file and an unchanged file keeps its URL across additions.
    pub fn url_of(&self, file: &str) -> String {
        if file == crate::MANIFEST_FILE
            || file.starts_with("pages/")
            || self.segments.iter().any(|s| s.owns(file))
        {
            return file.to_string();
        }
        let version = match self.doc_shard_named(file) {
            Some(i) => format!("{:x}", self.doc_shards[i].hash),
            None => self.index.id.clone(),
        };
        if version.is_empty() || version == "0" {
            file.to_string()
        } else {
            format!("{file}?v={version}")
        }
    }

    /// Whether some documents belong to no issue: those of an issue an
    /// addition replaced, which stay in their shards and are never found.
    pub fn has_unlisted_docs(&self) -> bool {
        self.listed_articles() < self.article_count as u64
    }

    /// Articles of the listed issues: `article_count` less those of issues
    /// an addition replaced.
    pub fn listed_articles(&self) -> u64 {
        self.issues.iter().map(|e| e.article_count as u64).sum()
    }

    /// Total bytes of every file of the bundle listed here.
    pub fn total_bytes(&self) -> u64 {
        self.doc_shards.iter().map(|s| s.bytes).sum::<u64>()
            + self.index.shards.iter().map(|s| s.bytes).sum::<u64>()
    }
}

/// The issue id part of an article id (`2023-08-03_1_2` → `2023-08-03`).
pub fn issue_id_of_article(article_id: &str) -> Option<&str> {
    let mut it = article_id.rsplitn(3, '_');
    let _ordinal = it.next()?;
    let _page = it.next()?;
    it.next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_id_splits_into_issue() {
        assert_eq!(issue_id_of_article("2023-08-03_1_2"), Some("2023-08-03"));
        assert_eq!(
            issue_id_of_article("undated-ab_cd_3_12"),
            Some("undated-ab_cd")
        );
        assert_eq!(issue_id_of_article("nope"), None);
    }

    #[test]
    fn doc_shard_names_round_trip() {
        assert_eq!(doc_shard_file(7), "docs/0007.js");
        assert_eq!(doc_shard_index("docs/0007.js"), Some(7));
        assert_eq!(doc_shard_index("docs/12345.js"), Some(12345));
        assert_eq!(doc_shard_index("docs/7.js"), None);
        assert_eq!(doc_shard_index("index/t0007.js"), None);
    }
}
