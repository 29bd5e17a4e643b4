//! Small archives built in memory for the phases' unit tests: articles two a
//! day from 2023-01-01, in document shards of two, indexed with a given
//! dictionary (and pinyin readings), nothing loaded but the manifest.

use std::collections::HashMap;

use crate::archive::Archive;
use crate::error::Need;
use crate::format::{doc_shard_file, Article, DocShard, DocShardEntry, Issue, IssueEntry};
use crate::format::{Manifest, FORMAT_VERSION};
use crate::index::{build_index_full, segmenter};

pub(crate) struct Built {
    pub archive: Archive,
    pub files: HashMap<String, String>,
}

/// An article with this headline and body paragraph.
pub(crate) fn article(headline: &str, body: &str) -> Article {
    Article {
        headline: headline.into(),
        paragraphs: vec![body.into()],
        page: Some(1),
        ..Default::default()
    }
}

/// Readings for the few characters the tests spell in pinyin.
pub(crate) fn readings(c: char) -> Vec<String> {
    let r = match c {
        '平' => "píng",
        '湖' => "hú",
        '羽' => "yǔ",
        '绒' => "róng",
        '服' => "fú",
        _ => return vec![],
    };
    vec![r.to_string()]
}

impl Built {
    /// `articles` indexed with the dictionary `words` and [`readings`], as
    /// a large archive (pair shards, lengths in the postings), small as the
    /// corpus is: every search test runs with them.
    pub(crate) fn new(articles: Vec<Article>, words: &[&str]) -> Self {
        Self::with(articles, words, true)
    }

    /// The same, as a large archive or a small one (lengths in the doc info).
    pub(crate) fn with(articles: Vec<Article>, words: &[&str], large: bool) -> Self {
        let mut all = Vec::new();
        let mut issues = Vec::new();
        for (k, chunk) in articles.chunks(2).enumerate() {
            let date = format!("2023-01-{:02}", k + 1);
            issues.push(IssueEntry {
                issue: Issue {
                    id: date.clone(),
                    date: Some(date.clone()),
                    ..Default::default()
                },
                first_doc: all.len() as u32,
                article_count: chunk.len() as u32,
            });
            for (i, a) in chunk.iter().enumerate() {
                let mut a = a.clone();
                a.id = format!("{date}_1_{}", i + 1);
                all.push(a);
            }
        }
        let mut files = HashMap::new();
        let mut doc_shards = Vec::new();
        for (k, chunk) in all.chunks(2).enumerate() {
            let shard = DocShard {
                format_version: FORMAT_VERSION,
                first_doc: (k * 2) as u32,
                articles: chunk.to_vec(),
            };
            doc_shards.push(DocShardEntry {
                file: doc_shard_file(k),
                first_doc: shard.first_doc,
                count: chunk.len() as u32,
                bytes: 0,
                hash: 0,
            });
            files.insert(doc_shard_file(k), serde_json::to_string(&shard).unwrap());
        }
        let dict = segmenter(words.iter().map(|w| (*w, 100)), None);
        let refs: Vec<&Article> = all.iter().collect();
        let index = build_index_full(&refs, &dict, Some(&readings), &|_, _| {}, large);
        files.extend(index.shards);
        let manifest = Manifest {
            format_version: FORMAT_VERSION,
            article_count: all.len() as u32,
            issues,
            doc_shards,
            index: index.meta,
            ..Default::default()
        };
        let archive = Archive::from_manifest_json(&serde_json::to_string(&manifest).unwrap());
        Built {
            archive: archive.unwrap(),
            files,
        }
    }

    /// Loads every file.
    pub(crate) fn load_all(mut self) -> Self {
        for (f, json) in &self.files {
            self.archive.insert_json(f, json).unwrap();
        }
        self
    }

    /// Loads `files`.
    pub(crate) fn load(&mut self, need: Need) {
        for f in need.0 {
            self.archive.insert_json(&f, &self.files[&f]).unwrap();
        }
    }

    /// `f`'s answer, loading what it asks for until it has one.
    pub(crate) fn resolve<T>(&mut self, mut f: impl FnMut(&Archive) -> Result<T, Need>) -> T {
        loop {
            match f(&self.archive) {
                Ok(v) => return v,
                Err(need) => self.load(need),
            }
        }
    }
}

/// The dictionary of [`corpus`].
pub(crate) const WORDS: &[&str] = &["平湖", "羽绒服"];

/// Six articles over three days: 平湖 in 0, 1, 2 and 4 (headline of 0 and
/// 4), 羽绒服 in 0, 1, 2 and 4 (headline of 2); 3 a photo, 0 by 王平.
pub(crate) fn corpus() -> Vec<Article> {
    let mut a = vec![
        article("平湖新闻", "平湖的羽绒服很暖和。"),
        article("天气预报", "今天平湖有雨，羽绒服卖得好。"),
        article("羽绒服", "羽绒服厂在平湖开工。"),
        article("体育", "足球比赛在嘉兴举行。"),
        article("平湖", "平湖羽绒服"),
        article("经济", "嘉兴的工厂。"),
    ];
    a[3].kind = crate::format::ArticleKind::Photo;
    a[0].byline.authors.push("王平".into());
    a
}
