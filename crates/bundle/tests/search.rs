//! Search over small archives built in memory: recall against brute force,
//! bad queries, filters and facets, damaged shards, and the pd1998 index size.

use std::collections::HashMap;

use jieba_rs::Jieba;
use kanbao_bundle::search::normalize::fold;
use kanbao_bundle::search::{
    build_index, build_index_with, suggest, Readings, SearchRequest, SearchResults, Sort,
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
        });
        jsons.push((file, serde_json::to_string(&shard).unwrap()));
    }
    let refs: Vec<&Article> = all.iter().collect();
    let built = build_index_with(&refs, dict, readings);
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_document_containing_a_substring_is_found(
        docs in proptest::collection::vec((text_strategy(), text_strategy()), 1..12),
        pick in any::<(usize, usize, usize)>(),
    ) {
        let articles: Vec<Article> = docs.iter().map(|(h, b)| article(h, &[b])).collect();
        let mut built = build(articles.clone(), 4, &small_dict());
        let (d, start, len) = pick;
        let a = &articles[d % articles.len()];
        let text: Vec<char> = a.paragraphs[0].chars().chain(a.headline.chars()).collect();
        if text.is_empty() {
            return Ok(());
        }
        let start = start % text.len();
        let len = 1 + len % 4.min(text.len() - start);
        let q: String = text[start..start + len].iter().collect();
        // Only word characters are searchable; other queries are plain text searches
        // for their pieces, tested elsewhere.
        prop_assume!(q.chars().all(|c| c.is_alphanumeric()));
        prop_assert_eq!(built.all(&q), brute(&articles, &q), "query {:?}", q);
    }

    #[test]
    fn any_pinyin_query_or_suggestion_is_answered(q in "[a-z平湖经 '’]{0,30}|\\PC{0,40}|(pinghu|jingji|fazhan|renmin|zhongguo|nongye|xinwen){1,6}[a-z]{0,2}") {
        let mut b = build_with(corpus(), 2, &small_dict(), Some(&fake_readings));
        let r = b.search(&SearchRequest { query: q.clone(), ..Default::default() });
        prop_assert!(r.total <= 5);
        let files = &b.files;
        let s = b.archive.resolve(
            |f: &str| files.get(f).cloned().ok_or(format!("{f}: missing")),
            |a| suggest(a, &q, 5),
        );
        prop_assert!(s.unwrap().len() <= 5);
    }

    #[test]
    fn any_query_is_answered(q in "\\PC{0,40}") {
        let articles = vec![article("平湖新闻", &["经济发展，人民生活。"]), article("中国", &["江泽民"])];
        let mut built = build(articles, 1, &small_dict());
        let r = built.search(&SearchRequest { query: q, ..Default::default() });
        prop_assert!(r.total <= 2);
    }
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

#[test]
fn query_syntax_end_to_end() {
    let mut b = build(corpus(), 2, &small_dict());
    assert_eq!(b.all("江泽民"), vec![0]);
    assert_eq!(b.all("经济"), vec![1, 2]);
    assert_eq!(b.all("经济 -农业"), vec![2]);
    assert_eq!(b.all("江泽民 OR 平湖"), vec![0, 2]);
    assert_eq!(b.all("\"农业经济\""), vec![1]);
    assert_eq!(b.all("1998 abc"), vec![1]);
    assert_eq!(b.all("作者:李雨婷"), vec![2]);
    assert_eq!(b.all("经济 版:2"), vec![2]);
    assert_eq!(b.all("人民 日期:2023-01-02"), vec![2, 3]);
    assert_eq!(b.all("人民 2023-01-01..2023-01-01"), Vec::<u32>::new());
    assert_eq!(b.all("生活 author:李雨婷"), vec![2]);
}

#[test]
fn ranking_sorting_snippets_and_facets() {
    let mut b = build(corpus(), 2, &small_dict());
    let r = b.search(&SearchRequest {
        query: "人民生活".into(),
        ..Default::default()
    });
    assert_eq!(r.hits[0].doc, 3, "the headline match first: {:?}", r.hits);
    assert!(r.hits[0].snippet.iter().any(|f| f.hit));
    let r = b.search(&SearchRequest {
        query: "经济".into(),
        sort: Sort::Newest,
        exhaustive: true,
        ..Default::default()
    });
    assert_eq!(r.hits.iter().map(|h| h.doc).collect::<Vec<_>>(), vec![2, 1]);
    assert!(r.exact);
    assert_eq!(r.total, 2);
    let pages: Vec<(&str, usize)> = r
        .facets
        .pages
        .iter()
        .map(|f| (f.value.as_str(), f.count))
        .collect();
    assert_eq!(pages, vec![("1", 1), ("2", 1)]);
    assert_eq!(r.facets.authors[0].value, "李雨婷");
    assert_eq!(r.facets.months[0].value, "2023-01");
    assert_eq!(r.facets.kinds[0].count, 2);
    let r = b.search(&SearchRequest {
        query: "经济".into(),
        filters: kanbao_bundle::search::Filters {
            pages: vec![2],
            ..Default::default()
        },
        ..Default::default()
    });
    assert_eq!(r.total, 1);
}

#[test]
fn bad_queries_never_panic() {
    let mut b = build(corpus(), 2, &small_dict());
    let long = "经".repeat(10_000);
    let mixed = "\"-:：OR \"\" -- ::: 作者: 版: 日期: ..".repeat(200);
    for q in [
        "",
        "   ",
        "，。！？",
        "😀🎉",
        "\"",
        "-",
        "OR OR",
        "x:y:z",
        long.as_str(),
        mixed.as_str(),
    ] {
        let r = b.search(&SearchRequest {
            query: q.into(),
            ..Default::default()
        });
        assert_eq!(r.total, 0, "{q:.40}");
    }
}

#[test]
fn damaged_index_shard_names_the_file() {
    let mut b = build(corpus(), 2, &small_dict());
    let file = "index/t0000.js";
    let good = b.files[file].clone();
    let half = (0..=good.len() / 2)
        .rev()
        .find(|&i| good.is_char_boundary(i))
        .unwrap();
    let e = b.archive.insert(file, &good[..half]).unwrap_err();
    assert!(e.to_string().contains(file), "{e}");
    let garbage = kanbao_bundle::shard::encode(file, r#"{"c":{"中":"!!"}}"#);
    let e = b.archive.insert(file, &garbage).unwrap_err();
    assert!(
        matches!(e, BundleError::Corrupt { .. }) && e.to_string().contains(file),
        "{e}"
    );
    // A missing shard surfaces through the loader with its name.
    b.files.clear();
    let files = &b.files;
    let err = b
        .archive
        .resolve(
            |f: &str| files.get(f).cloned().ok_or(format!("{f}: missing")),
            |a| {
                a.search(&SearchRequest {
                    query: "经济".into(),
                    ..Default::default()
                })
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("index/t"), "{err}");
}

/// The pd1998 index stays within the size measured when it was designed
/// (docs/search.md); skipped when the corpus is not present.
#[test]
fn pd1998_index_size() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/pd1998/articles.jsonl"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipped: {path} not found");
        return;
    };
    #[derive(serde::Deserialize)]
    struct Line {
        title: String,
        paragraphs: Vec<String>,
        page: Option<u32>,
    }
    let articles: Vec<Article> = text
        .lines()
        .map(|l| {
            let l: Line = serde_json::from_str(l).unwrap();
            Article {
                headline: l.title,
                paragraphs: l.paragraphs.into_iter().skip(1).collect(),
                page: l.page,
                ..Default::default()
            }
        })
        .collect();
    let refs: Vec<&Article> = articles.iter().collect();
    let built = build_index(&refs, &Jieba::new());
    let bytes: usize = built.shards.iter().map(|(_, j)| j.len()).sum();
    eprintln!(
        "pd1998 index: {bytes} bytes of JSON in {} files",
        built.shards.len()
    );
    // 1.10 MB since only weighted word postings are kept (1.70 MB before).
    assert!(bytes <= 1_200_000, "index grew to {bytes} bytes");
}

/// Pinyin for the test corpus's characters, as the CLI's dictionary gives it.
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

#[test]
fn pinyin_search_and_suggestions() {
    // Words seen four times or more make the vocabulary.
    let corpus = vec![
        article("平湖新闻", &["平湖经济发展，平湖人民。"]),
        article("中国农业", &["中国人民，中国经济发展，中国农业。"]),
        article("Pinghu", &["Pinghu is spelled in Latin here."]),
        article("平湖", &["平湖经济发展中国农业，平湖人民中国。"]),
        article("人民", &["人民经济发展"]),
    ];
    let mut b = build_with(corpus, 2, &small_dict(), Some(&fake_readings));
    assert_eq!(b.all("平湖"), vec![0, 3]);
    // Chinese words or the literal Latin text.
    for q in ["pinghu", "ping hu", "ping'hu", "PING HU", "ｐｉｎｇｈｕ"] {
        assert_eq!(b.all(q), vec![0, 2, 3], "{q}");
    }
    assert_eq!(b.all("平hu"), vec![0, 3]);
    assert_eq!(b.all("jingji"), b.all("经济"));
    assert_eq!(b.all("renmin"), vec![0, 1, 3, 4]);
    assert_eq!(b.all("jingji fazhan"), b.all("经济 发展"));
    assert_eq!(b.all("jingji -zhongguo"), b.all("经济 -中国"));
    assert_eq!(b.all("xyzzy"), Vec::<u32>::new());
    // Several words typed without spaces (no Chinese input method).
    assert_eq!(b.all("pinghurenmin"), b.all("平湖 人民"));
    assert_eq!(b.all("pinghujingjifazhan"), b.all("平湖 经济 发展"));
    assert_eq!(b.all("zhongguopinghu -jingji"), b.all("中国 平湖 -经济"));
    assert_eq!(
        b.all("pinghurenmi"),
        Vec::<u32>::new(),
        "no split in full syllables"
    );
    // Highlights name the Chinese words the pinyin stood for.
    let r = b.search(&SearchRequest {
        query: "pinghu".into(),
        ..Default::default()
    });
    assert!(r.terms.contains(&"平湖".to_string()), "{:?}", r.terms);

    // Suggestions ask, in one round, for the shard of the first letter and
    // the readings of the characters, then answer.
    let fresh =
        Archive::from_manifest_json(&serde_json::to_string(&b.archive.manifest).unwrap()).unwrap();
    assert_eq!(
        suggest(&fresh, "pingh", 5).unwrap_err().0,
        vec!["index/pinyin.js".to_string(), "index/pp.js".to_string()]
    );
    let files = &b.files;
    let mut sugg = |q: &str| {
        b.archive
            .resolve(
                |f: &str| files.get(f).cloned().ok_or(format!("{f}: missing")),
                |a| suggest(a, q, 5),
            )
            .unwrap()
            .into_iter()
            .map(|s| (s.word, s.pinyin))
            .collect::<Vec<_>>()
    };
    let ph = vec![("平湖".to_string(), "ping hu".to_string())];
    assert_eq!(sugg("pingh"), ph);
    assert_eq!(sugg("ph"), ph);
    assert_eq!(sugg("平h"), ph);
    assert_eq!(sugg("zhong"), vec![("中国".into(), "zhong guo".into())]);
    assert_eq!(sugg("xyzzy"), vec![]);
    assert_eq!(
        sugg("pinghurenmin"),
        vec![("平湖 人民".into(), "pinghurenmin".into())]
    );
    assert_eq!(sugg(""), vec![]);
}

#[test]
fn bundles_without_pinyin_search_literally() {
    let mut b = build(corpus(), 2, &small_dict());
    assert!(b.archive.manifest.index.pinyin.is_empty());
    assert_eq!(b.all("pinghu"), Vec::<u32>::new());
    assert_eq!(suggest(&b.archive, "pinghu", 5).unwrap(), vec![]);
}

#[test]
fn traditional_queries_find_simplified_text_and_back() {
    let mut b = build(
        vec![
            article("平湖羽绒服", &["经济发展"]),
            article("臺灣報紙", &["經濟發展"]),
        ],
        2,
        &small_dict(),
    );
    assert_eq!(b.all("經濟發展"), vec![0, 1]);
    assert_eq!(b.all("经济发展"), vec![0, 1]);
    assert_eq!(b.all("台湾"), vec![1]);
    assert_eq!(b.all("羽絨服"), vec![0]);
    let r = b.search(&SearchRequest {
        query: "经济".into(),
        ..Default::default()
    });
    let printed: Vec<String> = r
        .hits
        .iter()
        .flat_map(|h| h.snippet.iter().filter(|f| f.hit).map(|f| f.text.clone()))
        .collect();
    assert!(printed.contains(&"經濟".to_string()), "{printed:?}");
}

#[test]
fn document_shards_beyond_the_budget_are_dropped_and_reloaded() {
    let dict = small_dict();
    let arts: Vec<Article> = (0..30)
        .map(|i| article(&format!("平湖新闻第{i}期"), &["经济发展，人民生活。"; 20]))
        .collect();
    let Built { mut archive, files } = build(arts, 10, &dict);
    archive.doc_budget = 1;
    let load = |f: &str| files.get(f).cloned().ok_or(());
    let all = |a: &Archive| a.articles(0..30).map(|v| v.len());
    // One request may hold more than the budget...
    assert_eq!(archive.resolve(load, all).unwrap(), 30);
    // ...while it is among the last requests its shards stay; later they
    // are gone, and come back when asked for.
    let one = |a: &Archive| a.articles(0..1).map(|v| v.len());
    for _ in 1..kanbao_bundle::archive::KEEP_REQUESTS {
        assert_eq!(archive.resolve(load, one).unwrap(), 1);
        assert!(archive.is_loaded("docs/0005.js"));
    }
    assert_eq!(archive.resolve(load, one).unwrap(), 1);
    assert!(!archive.is_loaded("docs/0005.js"));
    let req = SearchRequest {
        query: "经济".into(),
        limit: 30,
        ..Default::default()
    };
    let r = archive.resolve(load, |a| a.search(&req)).unwrap();
    assert_eq!(r.hits.len(), 30);
}

/// Ninety articles in thirty document shards, from a small alphabet, so that
/// substrings across words leave candidates unknown after the first page.
fn many_articles() -> Vec<Article> {
    let alphabet: Vec<char> = "平湖新闻经济发展人民中国农业的了是在，".chars().collect();
    let mut x: u64 = 0x9e3779b97f4a7c15;
    let mut next = move |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    (0..90)
        .map(|i| {
            let body: String = (0..40).map(|_| alphabet[next(alphabet.len())]).collect();
            let headline: String = (0..6).map(|_| alphabet[next(alphabet.len())]).collect();
            Article {
                page: Some(1 + (i % 4) as u32),
                ..article(&headline, &[&body])
            }
        })
        .collect()
}

/// Paging from a fresh archive: the count is exact when marked so, and
/// otherwise within its bound; the truth lies between the certain and the
/// certain plus unknown; a next page is offered only when it has hits; one
/// past the end is empty and exact.
#[test]
fn counts_are_exact_or_bounded_and_pages_exist() {
    let articles = many_articles();
    let dict = small_dict();
    let mut estimated = 0;
    for q in [
        "经济",
        "济发",
        "人民",
        "民中",
        "的了",
        "湖新",
        "平湖 的",
        "是在",
        "农",
    ] {
        let truth = if q.contains(' ') {
            let mut t: Vec<u32> = brute(&articles, "平湖");
            let d = brute(&articles, "的");
            t.retain(|x| d.contains(x));
            t.len()
        } else {
            brute(&articles, q).len()
        };
        let mut b = build(articles.clone(), 3, &dict);
        let mut shown = 0;
        let mut p = 0;
        loop {
            let r = b.search(&SearchRequest {
                query: q.into(),
                offset: p * 5,
                limit: 5,
                ..Default::default()
            });
            assert!(
                r.certain <= truth && truth <= r.certain + r.unknown,
                "{q} p{p}"
            );
            if r.exact {
                assert_eq!(r.total, truth, "{q} p{p}");
                assert_eq!(r.overshoot_bound(), 0);
            } else {
                estimated += 1;
                assert!(r.total <= truth + r.overshoot_bound(), "{q} p{p}");
            }
            assert!(
                !r.hits.is_empty() || truth == 0,
                "{q} p{p}: offered but empty"
            );
            shown += r.hits.len();
            assert_eq!(r.has_more, shown < truth, "{q} p{p}");
            if !r.has_more {
                break;
            }
            p += 1;
        }
        assert_eq!(shown, truth, "{q}");
        let r = b.search(&SearchRequest {
            query: q.into(),
            offset: (p + 1) * 5,
            limit: 5,
            ..Default::default()
        });
        assert!(
            r.hits.is_empty() && r.exact && r.total == truth,
            "{q}: past the end"
        );
    }
    assert!(
        estimated > 0,
        "no query was estimated: the test tests nothing"
    );
}

#[test]
fn estimated_counts_add_up_and_facets_follow_them() {
    use kanbao_bundle::search::Count;
    let c = Count {
        certain: 50,
        unknown: 109,
        rate: 1.0 / 3.0,
    };
    assert_eq!(c.total(), 86);
    let exact = Count {
        certain: 7,
        unknown: 0,
        rate: 0.5,
    };
    assert_eq!(exact.total(), 7);
    // On an archive with unknown candidates, the facets of an estimate add
    // up to about its total (each value rounded).
    let mut b = build(many_articles(), 3, &small_dict());
    let first = b.search(&SearchRequest {
        query: "民中".into(),
        limit: 5,
        ..Default::default()
    });
    assert!(!first.exact && first.unknown > 0, "{first:?}");
    let sum: usize = first.facets.pages.iter().map(|f| f.count).sum();
    assert!(
        sum.abs_diff(first.total) <= first.facets.pages.len(),
        "{first:?}"
    );
    let months: usize = first.facets.months.iter().map(|f| f.count).sum();
    assert!(months.abs_diff(first.total) <= 1);
}

#[test]
fn the_issue_facet_keeps_the_issues_with_most_hits_in_date_order() {
    use kanbao_bundle::search::{FacetCount, Facets};
    let f = |v: &str, count| FacetCount {
        value: v.into(),
        count,
    };
    let facets = Facets {
        issues: vec![f("01", 1), f("02", 5), f("03", 2), f("04", 5), f("05", 1)],
        ..Default::default()
    };
    let top: Vec<(String, usize)> = facets
        .top_issues(3)
        .into_iter()
        .map(|x| (x.value, x.count))
        .collect();
    assert_eq!(
        top,
        vec![("02".into(), 5), ("03".into(), 2), ("04".into(), 5)]
    );
    assert_eq!(facets.top_issues(12).len(), 5);
}

/// An article whose headline holds the query ranks above every one that
/// only mentions it in the body, whatever their BM25F scores.
#[test]
fn headline_matches_rank_first() {
    let articles = vec![
        article("短讯", &["平湖平湖平湖，平湖的经济，平湖平湖。"]),
        article(
            "平湖农业",
            &["一段很长很长的正文，讲的是别的事情，别的事情。"
                .repeat(5)
                .as_str()],
        ),
        article("人民生活", &["平湖人民的生活。平湖。"]),
        article("新闻", &["平湖"]),
    ];
    let mut b = build(articles, 2, &small_dict());
    let r = b.search(&SearchRequest {
        query: "平湖".into(),
        ..Default::default()
    });
    assert_eq!(r.hits[0].doc, 1, "{:?}", r.hits);
    assert_eq!(r.total, 4);
    // Either way round for two terms: both in the headline.
    let r = b.search(&SearchRequest {
        query: "农业 平湖".into(),
        ..Default::default()
    });
    assert_eq!(r.hits[0].doc, 1);
}

/// Undated issues count in the facets' `undated`, and `日期:不详` (or the
/// request's `undated` filter) finds only them.
#[test]
fn undated_issues_are_counted_and_filtered() {
    let mut b = build(corpus(), 2, &small_dict());
    // Make the last issue undated, as `kanbao build` writes one.
    let last = b.archive.manifest.issues.len() - 1;
    b.archive.manifest.issues[last].issue.date = None;
    b.archive.manifest.issues[last].issue.id = "undated-0123abcd".into();
    let r = b.search(&SearchRequest {
        query: "的".into(),
        exhaustive: true,
        ..Default::default()
    });
    assert_eq!(r.facets.undated, 1, "{:?}", r.facets);
    let dated: usize = r.facets.years.iter().map(|f| f.count).sum();
    assert_eq!(dated + r.facets.undated, r.total);
    assert_eq!(b.all("的 日期:不详"), vec![4]);
    assert_eq!(b.all("日期:不详"), vec![4]);
}
