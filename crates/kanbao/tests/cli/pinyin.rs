//! Pinyin and Traditional-character search on the sample archive, built by the
//! CLI as a visitor's bundle would be: typed pinyin and Traditional queries
//! reach the same articles as the Simplified words.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kanbao::bundle_dir::{loader, open};
use kanbao_bundle::search::{suggest, SearchRequest, Suggestion};
use kanbao_bundle::Archive;

/// The samples built once per run, into cargo's scratch folder for tests.
fn bundle() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("pinyin-samples-{}", std::process::id()));
        let samples = super::repo_root().join("samples");
        let code = kanbao::cli::run([
            "kanbao".as_ref(),
            "build".as_ref(),
            samples.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
            "--quiet".as_ref(),
        ])
        .expect("build runs");
        assert_eq!(code, std::process::ExitCode::SUCCESS);
        out
    })
}

fn archive() -> Archive {
    open(bundle()).unwrap()
}

/// Article ids matching `q`, all of them, sorted.
fn ids(archive: &mut Archive, q: &str) -> Vec<String> {
    let req = SearchRequest {
        query: q.into(),
        limit: usize::MAX,
        exhaustive: true,
        ..Default::default()
    };
    let mut ids: Vec<String> = archive
        .resolve(loader(bundle()), |a| a.search(&req))
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.article_id)
        .collect();
    ids.sort();
    ids
}

fn suggestions(archive: &mut Archive, input: &str) -> Vec<Suggestion> {
    archive
        .resolve(loader(bundle()), |a| suggest(a, input, 10))
        .unwrap()
}

#[test]
fn pinyin_finds_the_chinese_words() {
    let mut a = archive();
    let pinghu = ids(&mut a, "平湖");
    let yurongfu = ids(&mut a, "羽绒服");
    assert!(pinghu.len() > 10, "samples mention 平湖 often: {pinghu:?}");
    assert!(!yurongfu.is_empty());
    // No sample prints these Latin strings, so the literal half adds nothing.
    for q in ["pinghu", "ping hu", "ping'hu", "PingHu", "平hu", "ping湖"] {
        assert_eq!(ids(&mut a, q), pinghu, "{q}");
    }
    assert_eq!(ids(&mut a, "yurongfu"), yurongfu);
    assert_eq!(ids(&mut a, "yu rong fu"), yurongfu);
    // Two pinyin words that spell no one word are expanded one by one.
    assert_eq!(ids(&mut a, "pinghu yurongfu"), ids(&mut a, "平湖 羽绒服"),);
    // Initials stand for several words (平湖 among them).
    let ph = ids(&mut a, "ph");
    assert!(pinghu.iter().all(|id| ph.contains(id)), "{ph:?}");
}

#[test]
fn pinyin_that_spells_nothing_searches_literally() {
    let mut a = archive();
    assert_eq!(ids(&mut a, "xyzzy"), Vec::<String>::new());
    assert_eq!(ids(&mut a, "'''"), Vec::<String>::new());
    let long = "ping".repeat(100);
    assert_eq!(ids(&mut a, &long), Vec::<String>::new());
}

#[test]
fn traditional_finds_simplified() {
    let mut a = archive();
    let yurongfu = ids(&mut a, "羽绒服");
    assert_eq!(ids(&mut a, "羽絨服"), yurongfu);
    assert_eq!(ids(&mut a, "平湖羽絨服"), ids(&mut a, "平湖羽绒服"));
    assert_eq!(ids(&mut a, "平湖 羽絨服"), ids(&mut a, "平湖 羽绒服"));
    // Highlights mark the printed (Simplified) characters.
    let req = SearchRequest {
        query: "羽絨服".into(),
        ..Default::default()
    };
    let res = a.resolve(loader(bundle()), |a| a.search(&req)).unwrap();
    assert!(res.hits[0]
        .snippet
        .iter()
        .any(|f| f.hit && f.text == "羽绒服"));
}

#[test]
fn suggestions_as_the_visitor_types() {
    let mut a = archive();
    let words = |s: &[Suggestion]| s.iter().map(|s| s.word.clone()).collect::<Vec<_>>();
    let s = suggestions(&mut a, "pinghu");
    assert_eq!(s[0].word, "平湖", "{s:?}");
    assert_eq!(s[0].pinyin, "ping hu");
    assert!(s[0].count > 10);
    let s = suggestions(&mut a, "ph");
    assert!(words(&s).iter().take(3).any(|w| w == "平湖"), "{s:?}");
    let s = suggestions(&mut a, "yurong");
    assert_eq!(s[0].word, "羽绒服", "{s:?}");
    let s = suggestions(&mut a, "平hu");
    assert_eq!(s[0].word, "平湖", "{s:?}");
    let s = suggestions(&mut a, "平");
    assert!(words(&s).contains(&"平湖".to_string()), "{s:?}");
    for input in ["", "'", "xyzzy", "1998", "作者:李", &"a".repeat(1000)] {
        assert_eq!(suggestions(&mut a, input), vec![], "{input:?}");
    }
}
