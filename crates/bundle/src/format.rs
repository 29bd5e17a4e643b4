//! The bundle's data types: what the CLI writes and the reader loads.
//! Bump [`FORMAT_VERSION`] on any change a reader of the previous version could misread.

use serde::{Deserialize, Serialize};

/// Version of the on-disk bundle format. Readers refuse any other version.
pub const FORMAT_VERSION: u32 = 2;

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

/// Where a piece of output came from in the input.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceSpan {
    pub file: String,
    /// 1-based first and last line.
    pub line_start: u32,
    pub line_end: u32,
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
    /// Ids of related articles (shared keywords), best first; computed at build.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// The extraction mixed this article's columns with other text.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub interleaved: bool,
    /// Id in the source feed, when imported from one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceSpan>,
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

/// A page (版) of an issue.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(default)]
pub struct Page {
    pub number: u32,
    /// Printed page name, e.g. `平湖新闻`, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Input file the page came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
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
    pub doc_shards: Vec<DocShardEntry>,
    /// The search index: its own metadata and shard list.
    pub index: crate::search::IndexMeta,
}

impl Manifest {
    /// Which doc shard holds document `doc`.
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
