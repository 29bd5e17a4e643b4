//! The search core compiled to wasm32 and run in headless Chromium: the same
//! code the reader runs, on a small archive built in memory.
#![cfg(target_arch = "wasm32")]

use kanbao_bundle::search::SearchRequest;
use kanbao_bundle::{
    shard, Archive, Article, DocShard, DocShardEntry, IssueEntry, Manifest, FORMAT_VERSION,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn archive() -> Archive {
    let articles = vec![
        Article {
            id: "2023-11-20_1_1".into(),
            headline: "周军波调研羽绒服市场".into(),
            paragraphs: vec!["坚定发展信心，着力推动服装产业蝶变跃升。".into()],
            page: Some(1),
            ..Default::default()
        },
        Article {
            id: "2023-11-20_1_2".into(),
            headline: "跨区域执法".into(),
            paragraphs: vec!["安装简单，ＡＢＣ１２３。".into()],
            page: Some(1),
            ..Default::default()
        },
    ];
    let dict = kanbao_bundle::search::segmenter(
        [("羽绒服", 10u64), ("简单", 10), ("安装", 10)].into_iter(),
        None,
    );
    let built = kanbao_bundle::search::build_index(&articles.iter().collect::<Vec<_>>(), &dict);
    let doc = DocShard {
        format_version: FORMAT_VERSION,
        first_doc: 0,
        articles,
    };
    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        title: "t".into(),
        article_count: 2,
        issues: vec![IssueEntry {
            issue: kanbao_bundle::Issue {
                id: "2023-11-20".into(),
                date: Some("2023-11-20".into()),
                ..Default::default()
            },
            first_doc: 0,
            article_count: 2,
        }],
        doc_shards: vec![DocShardEntry {
            file: "docs/0000.js".into(),
            first_doc: 0,
            count: 2,
            bytes: 0,
            hash: 0,
        }],
        index: built.meta.clone(),
        ..Default::default()
    };
    let mut a = Archive::open(&shard::encode(
        "manifest.js",
        &serde_json::to_string(&manifest).unwrap(),
    ))
    .unwrap();
    a.insert_json("docs/0000.js", &serde_json::to_string(&doc).unwrap())
        .unwrap();
    for (file, json) in &built.shards {
        a.insert_json(file, json).unwrap();
    }
    a
}

fn search(a: &Archive, q: &str) -> Vec<String> {
    let r = a
        .search(&SearchRequest {
            query: q.into(),
            ..Default::default()
        })
        .expect("all shards loaded");
    r.hits.into_iter().map(|h| h.article_id).collect()
}

#[wasm_bindgen_test]
fn finds_words_substrings_and_folded_latin_in_the_browser() {
    let a = archive();
    assert_eq!(search(&a, "羽绒服"), vec!["2023-11-20_1_1"]);
    assert_eq!(search(&a, "简单"), vec!["2023-11-20_1_2"]);
    assert_eq!(search(&a, "abc123"), vec!["2023-11-20_1_2"]);
    assert!(search(&a, "不存在的词").is_empty());
}
