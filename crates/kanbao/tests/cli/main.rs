//! The `kanbao` binary driven as a user would (as ripgrep's tests do): bad
//! input gets one clear line naming the file and a non-zero exit, and never a
//! partial bundle; good input builds a bundle that `kanbao search` answers.

mod add;
mod counts;
mod package;
mod pinyin;
mod reproducible;

#[path = "../support/mod.rs"]
mod support;

use std::path::Path;
use std::process::Output;

use support::{kanbao, kanbao_ok, repo_root, stderr, Tmp};

/// Fails with one line that names `file`, and leaves no bundle behind.
fn assert_refused(o: &Output, file: &str, out: &str) {
    assert!(!o.status.success(), "should fail: {}", stderr(o));
    let err = stderr(o);
    assert!(err.contains(file), "error does not name {file}: {err}");
    assert!(!err.contains("panicked"), "panicked: {err}");
    assert_eq!(
        err.trim_end()
            .lines()
            .filter(|l| l.starts_with("kanbao: error"))
            .count(),
        1,
        "{err}"
    );
    assert!(
        !Path::new(out).exists(),
        "a partial bundle was left at {out}"
    );
}

#[test]
fn missing_empty_and_binary_inputs_are_refused() {
    let t = Tmp::new("bad");
    let out = t.path("bundle");
    let missing = t.path("nope.txt");
    assert_refused(
        &kanbao(&["build", &missing, "--out", &out]),
        "nope.txt",
        &out,
    );

    std::fs::write(t.path("empty.txt"), b"").unwrap();
    assert_refused(
        &kanbao(&["build", &t.path("empty.txt"), "--out", &out]),
        "empty.txt",
        &out,
    );

    std::fs::write(t.path("blank.txt"), b"  \n\n \t\n").unwrap();
    assert_refused(
        &kanbao(&["build", &t.path("blank.txt"), "--out", &out]),
        "blank.txt",
        &out,
    );

    std::fs::write(t.path("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    assert_refused(
        &kanbao(&["build", &t.path("image.txt"), "--out", &out]),
        "image.txt",
        &out,
    );

    std::fs::write(
        t.path("bad.jsonl"),
        "{\"id\":\"a\",\"date\":\"1998-01-01\",\"title\":\"t\"}\nnot json\n",
    )
    .unwrap();
    let o = kanbao(&["build", &t.path("bad.jsonl"), "--out", &out]);
    assert_refused(&o, "bad.jsonl:2", &out);
}

#[test]
fn one_unreadable_input_is_reported_and_the_rest_is_built_unless_strict() {
    let t = Tmp::new("partial");
    let out = t.path("bundle");
    let good = repo_root().join("samples");
    let good = std::fs::read_dir(&good)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .unwrap();
    std::fs::write(t.path("scan.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    let (good, bad) = (good.to_str().unwrap(), t.path("scan.txt"));

    let o = kanbao(&["build", good, &bad, "--out", &out, "--quiet"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("scan.txt"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(Path::new(&out).join("manifest.js").is_file(), "{err}");

    let out2 = t.path("strict");
    let o = kanbao(&["build", good, &bad, "--out", &out2, "--strict"]);
    assert_refused(&o, "scan.txt", &out2);
}

#[test]
fn a_failed_build_keeps_the_previous_bundle() {
    let t = Tmp::new("keep");
    let out = t.path("bundle");
    let samples = repo_root().join("samples");
    let o = kanbao(&["build", samples.to_str().unwrap(), "--out", &out, "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = std::fs::read(t.path("bundle/manifest.js")).unwrap();
    std::fs::write(t.path("empty.txt"), b"").unwrap();
    let o = kanbao(&[
        "build",
        samples.to_str().unwrap(),
        &t.path("empty.txt"),
        "--out",
        &out,
    ]);
    assert!(!o.status.success());
    assert_eq!(
        std::fs::read(t.path("bundle/manifest.js")).unwrap(),
        before,
        "the old bundle was touched"
    );
}

#[test]
fn samples_build_and_search_finds_the_down_jacket_article() {
    let t = Tmp::new("search");
    let out = t.path("bundle");
    let samples = repo_root().join("samples");
    let o = kanbao(&["build", samples.to_str().unwrap(), "--out", &out, "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = kanbao(&["search", &out, "羽绒服", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let hits: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON hits");
    let hits = hits.as_array().expect("a list of hits");
    assert!(!hits.is_empty());
    for key in ["article_id", "headline", "date", "page", "score", "snippet"] {
        assert!(hits[0].get(key).is_some(), "hit has no {key}: {}", hits[0]);
    }
    let top = hits[0]["headline"].as_str().unwrap();
    assert!(
        top.contains("服装产业"),
        "the 周军波 article should rank first: {top}"
    );
    // Limit and a malformed query are fine too.
    let o = kanbao(&["search", &out, "\"平湖 -", "--limit", "1", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn parse_json_uses_the_gold_field_names() {
    let page = repo_root().join("samples/000_4afe9fc55a17b6e4.txt");
    let o = kanbao(&["parse", page.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for key in ["paper", "edition", "date"] {
        assert!(
            v["issue"].get(key).is_some() || key == "date",
            "issue.{key} missing: {}",
            v["issue"]
        );
    }
    let a = &v["articles"][0];
    for key in ["kind", "headline", "paragraphs"] {
        assert!(a.get(key).is_some(), "article.{key} missing: {a}");
    }
}

#[test]
fn pd1998_feed_builds_and_searches() {
    let corpus = repo_root().join("../shared/corpus/pd1998/articles.jsonl");
    if !corpus.is_file() {
        eprintln!("skipped: {} not present", corpus.display());
        return;
    }
    let t = Tmp::new("pd");
    let out = t.path("bundle");
    let o = kanbao(&[
        "build",
        corpus.to_str().unwrap(),
        "--out",
        &out,
        "--paper",
        "人民日报",
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = kanbao(&["search", &out, "江泽民", "--json", "--limit", "5"]);
    let hits: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(hits.as_array().map(Vec::len), Some(5), "{hits}");
    assert!(hits[0]["date"]
        .as_str()
        .unwrap_or("")
        .starts_with("1998-01"));

    // The size target of issue 4: the whole bundle, each file brotli'd as a
    // server sends it, at most 1.6x the brotli of the text it holds.
    let bundle = std::path::Path::new(&out);
    let articles = kanbao::bench::all_articles(bundle).unwrap();
    assert_eq!(articles.len(), 3148);
    let sz = kanbao::bench::sizes(bundle, &articles, 11).unwrap();
    eprintln!("pd1998 sizes: {sz:?}");
    assert!(
        sz.ratio(sz.brotli) <= 1.6,
        "bundle brotli {} per file = {:.3}x the text's {}",
        sz.brotli,
        sz.ratio(sz.brotli),
        sz.text_brotli
    );
}
