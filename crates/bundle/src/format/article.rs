//! An article as stored in a document shard: its fields, byline, kind, and
//! where on the page and in the input it came from.

use serde::{Deserialize, Serialize};

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

#[cfg(test)]
mod tests {
    use super::*;

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
