//! The bundle's data types: what the CLI writes and the reader loads.
//! Bump [`FORMAT_VERSION`] on any change a reader of the previous version could misread.

use serde::{Deserialize, Serialize};

/// Version of the on-disk bundle format. Readers refuse any other version.
pub const FORMAT_VERSION: u32 = 4;

/// Who wrote, photographed or edited an article, by role, as printed.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(default)]
pub struct Byline {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reporters: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub intern_reporters: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub correspondents: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub photographers: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub commentators: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub editors: Vec<String>,
}

impl Byline {
    pub fn is_empty(&self) -> bool {
        self.roles().all(|(_, names)| names.is_empty())
    }

    /// Each role with its names, in print order of importance.
    pub fn roles(&self) -> impl Iterator<Item = (Role, &Vec<String>)> {
        [
            (Role::Reporter, &self.reporters),
            (Role::InternReporter, &self.intern_reporters),
            (Role::Correspondent, &self.correspondents),
            (Role::Photographer, &self.photographers),
            (Role::Commentator, &self.commentators),
            (Role::Author, &self.authors),
            (Role::Editor, &self.editors),
        ]
        .into_iter()
    }

    pub fn names_mut(&mut self, role: Role) -> &mut Vec<String> {
        match role {
            Role::Reporter => &mut self.reporters,
            Role::InternReporter => &mut self.intern_reporters,
            Role::Correspondent => &mut self.correspondents,
            Role::Photographer => &mut self.photographers,
            Role::Commentator => &mut self.commentators,
            Role::Author => &mut self.authors,
            Role::Editor => &mut self.editors,
        }
    }

    /// Every name, all roles, deduplicated, in order.
    pub fn all_names(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for (_, names) in self.roles() {
            for n in names {
                if !out.contains(&n.as_str()) {
                    out.push(n);
                }
            }
        }
        out
    }
}

/// A byline role.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Reporter,
    InternReporter,
    Correspondent,
    Photographer,
    Commentator,
    Author,
    Editor,
}

impl Role {
    /// The label printed in Chinese papers.
    pub fn label_zh(self) -> &'static str {
        match self {
            Role::Reporter => "记者",
            Role::InternReporter => "见习记者",
            Role::Correspondent => "通讯员",
            Role::Photographer => "摄影",
            Role::Commentator => "评论员",
            Role::Author => "作者",
            Role::Editor => "编辑",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            Role::Reporter => "Reporter",
            Role::InternReporter => "Intern reporter",
            Role::Correspondent => "Correspondent",
            Role::Photographer => "Photographer",
            Role::Commentator => "Commentator",
            Role::Author => "Author",
            Role::Editor => "Editor",
        }
    }
}

/// What an article is, as a reader would tell at a glance.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum ArticleKind {
    #[default]
    News,
    Commentary,
    Photo,
    Ad,
    Banner,
    Notice,
}

impl ArticleKind {
    pub const ALL: [ArticleKind; 6] = [
        ArticleKind::News,
        ArticleKind::Commentary,
        ArticleKind::Photo,
        ArticleKind::Ad,
        ArticleKind::Banner,
        ArticleKind::Notice,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleKind::News => "news",
            ArticleKind::Commentary => "commentary",
            ArticleKind::Photo => "photo",
            ArticleKind::Ad => "ad",
            ArticleKind::Banner => "banner",
            ArticleKind::Notice => "notice",
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            ArticleKind::News => "新闻",
            ArticleKind::Commentary => "评论",
            ArticleKind::Photo => "图片",
            ArticleKind::Ad => "广告",
            ArticleKind::Banner => "通栏",
            ArticleKind::Notice => "公告",
        }
    }
    pub fn label_en(self) -> &'static str {
        match self {
            ArticleKind::News => "News",
            ArticleKind::Commentary => "Commentary",
            ArticleKind::Photo => "Photo",
            ArticleKind::Ad => "Advertisement",
            ArticleKind::Banner => "Banner",
            ArticleKind::Notice => "Notice",
        }
    }
}

/// Where a piece of output came from in the input. In JSON one string,
/// `file:line` or `file:first-last` (1-based lines), as in the editable .md.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(into = "String", try_from = "String")]
pub struct SourceSpan {
    pub file: String,
    /// 1-based first and last line.
    pub line_start: u32,
    pub line_end: u32,
}

impl From<SourceSpan> for String {
    fn from(s: SourceSpan) -> String {
        if s.line_start == s.line_end {
            format!("{}:{}", s.file, s.line_start)
        } else {
            format!("{}:{}-{}", s.file, s.line_start, s.line_end)
        }
    }
}

impl TryFrom<String> for SourceSpan {
    type Error = String;

    fn try_from(s: String) -> Result<Self, String> {
        let bad = || format!("`{s}` is not file:line or file:first-last");
        let (file, lines) = s.rsplit_once(':').ok_or_else(bad)?;
        let (a, b) = lines.split_once('-').unwrap_or((lines, lines));
        Ok(SourceSpan {
            file: file.to_string(),
            line_start: a.parse().map_err(|_| bad())?,
            line_end: b.parse().map_err(|_| bad())?,
        })
    }
}

/// One article (or photo, banner, ad…) as printed on a page.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default)]
pub struct Article {
    /// Stable id: `<issue id>_<page>_<ordinal>`; used in permalinks.
    pub id: String,
    /// Page (版) number within the issue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    pub kind: ArticleKind,
    /// 引题
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kicker: Option<String>,
    /// 主题
    pub headline: String,
    /// 副题
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subheadline: Option<String>,
    #[serde(skip_serializing_if = "Byline::is_empty")]
    pub byline: Byline,
    /// 本报讯 and the like.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// Body paragraphs in reading order; in-article headings are paragraphs too.
    pub paragraphs: Vec<String>,
    /// Which of `paragraphs` are in-article section headings (their text).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub section_headings: Vec<String>,
    /// Printed jump, e.g. `2版` from `(下转2版)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continues_to: Option<String>,
    /// Printed jump back, e.g. `1版` from `(上接1版)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continued_from: Option<String>,
    /// Id of the article that continues this one, when that page is present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continues_to_article: Option<String>,
    /// Id of the article this one continues.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continued_from_article: Option<String>,
    /// Related articles (shared keywords) as document numbers in this
    /// bundle, best first; computed at build. (Numbers, not ids: the reader
    /// loads one document shard per related article instead of searching
    /// their issues, and the numbers are a third of the bytes.)
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<u32>,
    /// The extraction mixed this article's columns with other text.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub interleaved: bool,
    /// Id in the source feed, when imported from one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceSpan>,
    /// Where the article is printed, for pages read from a PDF: one box per
    /// block it occupies (headline, each column of body), in reading order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<Region>,
}

/// A box on a printed page: page (版) number and PDF points with the origin
/// at the page's top-left, y downwards, rounded to 0.1 pt.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq)]
pub struct Region {
    pub page: u32,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Article {
    /// All searchable text fields with their field kind, in display order.
    pub fn fields(&self) -> impl Iterator<Item = (Field, &str)> {
        let byline = self.byline.all_names();
        self.kicker
            .as_deref()
            .map(|k| (Field::Kicker, k))
            .into_iter()
            .chain(std::iter::once((Field::Headline, self.headline.as_str())))
            .chain(self.subheadline.as_deref().map(|s| (Field::Subheadline, s)))
            .chain(byline.into_iter().map(|n| (Field::Byline, n)))
            .chain(self.paragraphs.iter().map(|p| (Field::Body, p.as_str())))
    }
}

/// Searchable fields of an article.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Headline,
    Kicker,
    Subheadline,
    Byline,
    Body,
}

/// A page (版) of an issue. Stored as a bare number when it has no name or
/// file (every page of a JSON Lines feed), else as an object.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default, from = "PageRepr", into = "PageRepr")]
pub struct Page {
    pub number: u32,
    /// Printed page name, e.g. `平湖新闻`, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Input file the page came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The printed page's size in PDF points, for pages read from a PDF:
    /// what an article's [`Region`]s are measured against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<PageSize>,
    /// The page as printed, rendered at build time (PDF input, unless built
    /// with `--no-page-images`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<PageImage>,
    /// Why a page read from a PDF has no image: the render failed (shown by
    /// the page view instead of the image).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_error: Option<String>,
}

/// Width and height of a printed page in PDF points (1/72 inch).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq)]
pub struct PageSize {
    pub width: f32,
    pub height: f32,
}

/// A rendered page image, a bundle file like the shards.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct PageImage {
    /// Path relative to the bundle folder, content-addressed
    /// (`pages/<issue>-<page>.<hash>.<ext>`).
    pub file: String,
    /// Pixel size: a region's point `x` is at `x * width / size.width` px.
    pub width: u32,
    pub height: u32,
    /// Size of the file in bytes.
    pub bytes: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum PageRepr {
    Number(u32),
    Full {
        #[serde(default)]
        number: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        file: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        size: Option<PageSize>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        image: Option<PageImage>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        image_error: Option<String>,
    },
}

impl From<PageRepr> for Page {
    fn from(r: PageRepr) -> Self {
        match r {
            PageRepr::Number(number) => Page {
                number,
                ..Default::default()
            },
            PageRepr::Full {
                number,
                name,
                file,
                size,
                image,
                image_error,
            } => Page {
                number,
                name,
                file,
                size,
                image,
                image_error,
            },
        }
    }
}

impl From<Page> for PageRepr {
    fn from(p: Page) -> Self {
        match p {
            Page {
                number,
                name: None,
                file: None,
                size: None,
                image: None,
                image_error: None,
            } => PageRepr::Number(number),
            Page {
                number,
                name,
                file,
                size,
                image,
                image_error,
            } => PageRepr::Full {
                number,
                name,
                file,
                size,
                image,
                image_error,
            },
        }
    }
}

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

/// A shard of article documents: numbers `first_doc .. first_doc + count`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct DocShardEntry {
    pub file: String,
    pub first_doc: u32,
    pub count: u32,
    /// Size of the file in bytes (for progress and for offline download).
    pub bytes: u64,
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

/// `doc_shards` in the manifest as `{"count": …, "bytes": …}`: two strings of
/// numbers ([`crate::search::codec::put_number`]), one per shard in order.
/// Files are `docs/NNNN.js` and each shard starts where the previous ended.
pub mod compact_doc_shards {
    use super::{doc_shard_file, DocShardEntry};
    use crate::search::codec::{get_numbers, put_number};
    use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Compact {
        count: String,
        bytes: String,
    }

    pub fn serialize<S: Serializer>(v: &[DocShardEntry], s: S) -> Result<S::Ok, S::Error> {
        let mut c = Compact {
            count: String::new(),
            bytes: String::new(),
        };
        for e in v {
            put_number(&mut c.count, e.count);
            put_number(&mut c.bytes, e.bytes.min(u32::MAX as u64) as u32);
        }
        c.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<DocShardEntry>, D::Error> {
        let c = Compact::deserialize(d)?;
        let numbers = |text: &str| {
            get_numbers(text).ok_or_else(|| D::Error::custom("bad doc_shards numbers"))
        };
        let (counts, bytes) = (numbers(&c.count)?, numbers(&c.bytes)?);
        if counts.len() != bytes.len() {
            return Err(D::Error::custom(
                "doc_shards: counts and bytes differ in length",
            ));
        }
        let mut first_doc = 0u32;
        let mut out = Vec::with_capacity(counts.len());
        for (i, (count, bytes)) in counts.into_iter().zip(bytes).enumerate() {
            out.push(DocShardEntry {
                file: doc_shard_file(i),
                first_doc,
                count,
                bytes: bytes as u64,
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
    /// Issues sorted by date, oldest first (undated last); documents follow this order.
    pub issues: Vec<IssueEntry>,
    /// Stored compactly (see [`compact_doc_shards`]): at 100,000 articles the
    /// list of objects alone was 480 KB of a manifest every start loads.
    #[serde(with = "compact_doc_shards")]
    pub doc_shards: Vec<DocShardEntry>,
    /// The search index: its own metadata and shard list.
    pub index: crate::search::IndexMeta,
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
        let i = self.doc_shards.partition_point(|s| s.first_doc <= doc);
        let i = i.checked_sub(1)?;
        let s = &self.doc_shards[i];
        (doc < s.first_doc + s.count).then_some(i)
    }

    /// The issue containing document `doc`.
    pub fn issue_of_doc(&self, doc: u32) -> Option<&IssueEntry> {
        let i = self.issues.partition_point(|e| e.first_doc <= doc);
        let e = self.issues.get(i.checked_sub(1)?)?;
        (doc < e.first_doc + e.article_count).then_some(e)
    }

    pub fn issue(&self, id: &str) -> Option<&IssueEntry> {
        self.issues.iter().find(|e| e.issue.id == id)
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
    fn pages_without_name_or_file_are_bare_numbers() {
        let pages = vec![
            Page {
                number: 1,
                ..Default::default()
            },
            Page {
                number: 2,
                name: Some("平湖新闻".into()),
                file: Some("p2.txt".into()),
                ..Default::default()
            },
            Page {
                number: 3,
                size: Some(PageSize {
                    width: 842.0,
                    height: 1191.0,
                }),
                image: Some(PageImage {
                    file: "pages/a-3.0f.webp".into(),
                    width: 1754,
                    height: 2481,
                    bytes: 9,
                }),
                ..Default::default()
            },
        ];
        let json = serde_json::to_string(&pages).unwrap();
        assert_eq!(
            json,
            r#"[1,{"number":2,"name":"平湖新闻","file":"p2.txt"},{"number":3,"size":{"width":842.0,"height":1191.0},"image":{"file":"pages/a-3.0f.webp","width":1754,"height":2481,"bytes":9}}]"#
        );
        assert_eq!(serde_json::from_str::<Vec<Page>>(&json).unwrap(), pages);
    }

    #[test]
    fn source_spans_are_one_string() {
        let one = SourceSpan {
            file: "a:b.txt".into(),
            line_start: 3,
            line_end: 3,
        };
        let two = SourceSpan {
            line_end: 9,
            ..one.clone()
        };
        assert_eq!(serde_json::to_string(&one).unwrap(), r#""a:b.txt:3""#);
        assert_eq!(serde_json::to_string(&two).unwrap(), r#""a:b.txt:3-9""#);
        for s in [one, two] {
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(serde_json::from_str::<SourceSpan>(&json).unwrap(), s);
        }
        assert!(serde_json::from_str::<SourceSpan>(r#""nolines""#).is_err());
    }

    #[test]
    fn doc_shard_names_round_trip() {
        assert_eq!(doc_shard_file(7), "docs/0007.js");
        assert_eq!(doc_shard_index("docs/0007.js"), Some(7));
        assert_eq!(doc_shard_index("docs/12345.js"), Some(12345));
        assert_eq!(doc_shard_index("docs/7.js"), None);
        assert_eq!(doc_shard_index("index/t0007.js"), None);
    }

    #[test]
    fn empty_byline_is_skipped_in_json() {
        let a = Article {
            id: "x_1_1".into(),
            headline: "标题".into(),
            ..Default::default()
        };
        let json = serde_json::to_string(&a).unwrap();
        assert!(!json.contains("byline"), "{json}");
        let back: Article = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a);
    }
}
