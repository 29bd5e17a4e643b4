//! Search over small archives built in memory: recall against brute force,
//! bad queries, filters and facets, damaged shards, and the pd1998 index size.

use std::collections::HashMap;

use jieba_rs::Jieba;
use kanbao_bundle::search::normalize::fold;
use kanbao_bundle::search::{
    build_index, build_index_full, suggest, Readings, SearchRequest, SearchResults, Sort,
};
use kanbao_bundle::{
    Archive, Article, BundleError, Byline, CharMap, DocShard, DocShardEntry, Issue, IssueEntry,
    Manifest, FORMAT_VERSION,
};
use proptest::prelude::*;

/// A bundle in memory: the archive with only its manifest, and every file.
struct Built {
    archive: Archive,
    files: HashMap<String, String>,
}

impl Built {
    fn search(&mut self, req: &SearchRequest) -> SearchResults {
        let files = &self.files;
        self.archive
            .resolve(
                |f: &str| files.get(f).cloned().ok_or(format!("{f}: missing")),
                |a| a.search(req),
            )
            .unwrap()
    }
    fn all(&mut self, q: &str) -> Vec<u32> {
        let req = SearchRequest {
            query: q.into(),
            limit: usize::MAX,
            exhaustive: true,
            ..Default::default()
        };
        let mut d: Vec<u32> = self.search(&req).hits.iter().map(|h| h.doc).collect();
        d.sort_unstable();
        d
    }
}

/// Builds a bundle of `articles`, `per_issue` a day from 2023-01-01, as the CLI would.
fn build(articles: Vec<Article>, per_issue: usize, dict: &Jieba) -> Built {
    build_with(articles, per_issue, dict, None)
}

fn build_with(
    articles: Vec<Article>,
    per_issue: usize,
    dict: &Jieba,
    readings: Option<Readings>,
) -> Built {
    let mut issues = Vec::new();
    let mut all = Vec::new();
    for (k, chunk) in articles.chunks(per_issue.max(1)).enumerate() {
        let date = format!("2023-{:02}-{:02}", 1 + k / 28, 1 + k % 28);
        let first_doc = all.len() as u32;
        for (i, a) in chunk.iter().enumerate() {
            let mut a = a.clone();
            a.id = format!("{date}_{}_{}", a.page.unwrap_or(1), i + 1);
            all.push(a);
        }
        issues.push(IssueEntry {
            issue: Issue {
                id: date.clone(),
                date: Some(date),
                ..Default::default()
            },
            first_doc,
            article_count: chunk.len() as u32,
        });
    }
    // Every file but the manifest is written with ranked characters, as
    // `kanbao build` writes them, so every search here reads them back.
    let mut jsons = Vec::new();
    let mut doc_shards = Vec::new();
    for (k, chunk) in all.chunks(3).enumerate() {
        let file = format!("docs/{k:04}.js");
        let shard = DocShard {
            format_version: FORMAT_VERSION,
            first_doc: (k * 3) as u32,
            articles: chunk.to_vec(),
        };
        doc_shards.push(DocShardEntry {
            file: file.clone(),
            first_doc: (k * 3) as u32,
            count: chunk.len() as u32,
            bytes: 0,
            hash: 0,
        });
        jsons.push((file, serde_json::to_string(&shard).unwrap()));
    }
    let refs: Vec<&Article> = all.iter().collect();
    // With pair shards, small as the corpus is, so the searches here use them.
    let built = build_index_full(&refs, dict, readings, &|_, _| {}, true);
    jsons.extend(built.shards.iter().cloned());
    let mut counts = HashMap::new();
    for (_, json) in &jsons {
        CharMap::count(&mut counts, json);
    }
    let chars = CharMap::ranked(&counts);
    let map = CharMap::new(&chars);
    let mut files = HashMap::new();
    for (f, json) in &jsons {
        let text = kanbao_bundle::shard::encode(f, &map.encode(json));
        if let Some(e) = doc_shards.iter_mut().find(|e| &e.file == f) {
            e.bytes = text.len() as u64;
        }
        files.insert(f.clone(), text);
    }
    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        generator: "test".into(),
        title: "test".into(),
        article_count: all.len() as u32,
        issues,
        doc_shards,
        index: built.meta,
        segments: Vec::new(),
        chars,
    };
    let json = serde_json::to_string(&manifest).unwrap();
    // The compact forms (doc shard list, index shard list) read back exactly.
    assert_eq!(serde_json::from_str::<Manifest>(&json).unwrap(), manifest);
    let archive = Archive::from_manifest_json(&json).unwrap();
    Built { archive, files }
}

fn article(headline: &str, body: &[&str]) -> Article {
    Article {
        headline: headline.into(),
        paragraphs: body.iter().map(|s| s.to_string()).collect(),
        page: Some(1),
        ..Default::default()
    }
}

fn small_dict() -> Jieba {
    let mut j = Jieba::empty();
    for w in [
        "平湖",
        "新闻",
        "经济",
        "发展",
        "人民",
        "江泽民",
        "中国",
        "农业",
    ] {
        j.add_word(w, Some(100), None);
    }
    j
}

fn brute(articles: &[Article], q: &str) -> Vec<u32> {
    let q = fold(q);
    articles
        .iter()
        .enumerate()
        .filter(|(_, a)| a.fields().any(|(_, t)| fold(t).contains(q.as_str())))
        .map(|(d, _)| d as u32)
        .collect()
}

/// Texts from a small alphabet so substrings recur across documents.
fn text_strategy() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> = "平湖新闻经济发展人民江泽民中国农业的了是在１９9８ＡaBb，。 "
        .chars()
        .collect();
    proptest::collection::vec(proptest::sample::select(alphabet), 0..60)
        .prop_map(|v| v.into_iter().collect())
}

fn corpus() -> Vec<Article> {
    vec![
        article(
            "江泽民会见法国外长",
            &["国家主席江泽民今天下午会见了法国外长。"],
        ),
        article(
            "农业经济稳步发展",
            &["１９９８年农业经济发展很快，ＡＢＣ公司参与。"],
        ),
        Article {
            byline: Byline {
                reporters: vec!["李雨婷".into()],
                ..Default::default()
            },
            page: Some(2),
            ..article("平湖新闻", &["平湖的经济，人民的生活。"])
        },
        article("人民生活", &["中国人民的生活越来越好。"]),
        article("短讯", &["无关的内容"]),
    ]
}

fn fake_readings(c: char) -> Vec<String> {
    let r: &[&str] = match c {
        '平' => &["píng"],
        '湖' => &["hú"],
        '经' => &["jīng"],
        '济' => &["jì"],
        '发' => &["fā"],
        '展' => &["zhǎn"],
        '人' => &["rén"],
        '民' => &["mín"],
        '生' => &["shēng"],
        '活' => &["huó"],
        '中' => &["zhōng", "zhòng"],
        '国' => &["guó"],
        '农' => &["nóng"],
        '业' => &["yè"],
        '新' => &["xīn"],
        '闻' => &["wén"],
        _ => &[],
    };
    r.iter().map(|s| s.to_string()).collect()
}

mod counts;
mod pinyin;
mod props;
mod queries;
