//! Honest counts on pd1998 (3,148 articles), as the reader pages through
//! results: the shown count against a brute-force count (a substring scan of
//! every article, as `kanbao bench` scores recall), exact when `exact`, and
//! otherwise within the bound [`kanbao_bundle::search::Count`] states; every
//! page the pager offers has hits, and one past the end says it is.
//!
//! The corpus is `$KANBAO_PD1998` or `../shared/corpus/pd1998/articles.jsonl`
//! beside the repository; without it the test is skipped.

use std::path::{Path, PathBuf};

use kanbao::bundle_dir::{loader, open};
use kanbao_bundle::search::normalize::fold;
use kanbao_bundle::search::{parse, SearchRequest, SearchResults, Sort};
use kanbao_bundle::{Archive, Article};

/// Hits per page, as the reader shows them.
const PER_PAGE: usize = 10;

fn corpus() -> Option<PathBuf> {
    let p = std::env::var_os("KANBAO_PD1998")
        .map(PathBuf::from)
        .unwrap_or_else(|| super::repo_root().join("../shared/corpus/pd1998/articles.jsonl"));
    p.is_file().then_some(p)
}

fn build(corpus: &Path) -> PathBuf {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("counts-pd1998-{}", std::process::id()));
    let code = kanbao::cli::run([
        "kanbao".as_ref(),
        "build".as_ref(),
        corpus.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--paper".as_ref(),
        "人民日报".as_ref(),
        "--quiet".as_ref(),
    ])
    .expect("build runs");
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    out
}

fn page(archive: &mut Archive, bundle: &Path, q: &str, sort: Sort, p: usize) -> SearchResults {
    let req = SearchRequest {
        query: q.into(),
        sort,
        offset: (p - 1) * PER_PAGE,
        limit: PER_PAGE,
        ..Default::default()
    };
    archive
        .resolve(loader(bundle), |a| a.search(&req))
        .expect("search")
}

/// What one query showed over its pages.
#[derive(Default, Debug)]
struct Seen {
    first_total: usize,
    first_exact: bool,
    /// Largest overshoot of the shown count over the truth, and its bound.
    worst_over: isize,
    pages: usize,
}

/// Pages through `q` as a visitor would, from a fresh archive: page 1, then
/// next while the pager offers it. Checks every page against `truth`.
fn walk(bundle: &Path, q: &str, sort: Sort, truth: usize) -> Seen {
    let mut archive = open(bundle).unwrap();
    let mut seen = Seen::default();
    let mut hits = 0usize;
    let mut p = 1;
    loop {
        let r = page(&mut archive, bundle, q, sort, p);
        let over = r.total as isize - truth as isize;
        assert!(
            r.certain <= truth && truth <= r.certain + r.unknown,
            "{q:?} p{p}: {truth} outside {}..={}",
            r.certain,
            r.certain + r.unknown
        );
        if r.exact {
            assert_eq!(r.total, truth, "{q:?} p{p}: exact count");
            assert_eq!(r.unknown, 0);
        } else {
            assert!(
                over <= r.overshoot_bound() as isize,
                "{q:?} p{p}: shown {} over true {truth} by more than {}",
                r.total,
                r.overshoot_bound()
            );
        }
        if p == 1 {
            seen.first_total = r.total;
            seen.first_exact = r.exact;
        }
        seen.worst_over = seen.worst_over.max(over);
        // The pager offers this page, so it has hits.
        assert!(
            !r.hits.is_empty() || truth == 0,
            "{q:?} p{p}: an offered page is empty"
        );
        hits += r.hits.len();
        assert_eq!(r.has_more, hits < truth, "{q:?} p{p}: has_more");
        if r.exact {
            // The pager's "p / n": this page is one of the n, and the last
            // of them is the one without a next.
            let n = r.total.div_ceil(PER_PAGE).max(1);
            assert!(p <= n, "{q:?} p{p} of {n}");
            assert_eq!(r.has_more, p < n, "{q:?} p{p} of {n}");
        }
        seen.pages = p;
        if !r.has_more {
            break;
        }
        p += 1;
    }
    assert_eq!(hits, truth, "{q:?}: paging showed every match once");
    // One past the end: no hits, and an exact count to say where the end is.
    let r = page(&mut archive, bundle, q, sort, p + 1);
    assert!(
        r.hits.is_empty() && r.exact && r.total == truth,
        "{q:?} past the end"
    );
    seen
}

/// The first page by relevance lists the articles whose headline holds `q`
/// before those that only mention it (下岗 in 下岗职工 counts). As the index
/// tells it: a headline holding the query only across words (再就业 in
/// 下岗职工/再/就业) is not known, and ranks by relevance; so this is
/// checked for queries that are words.
fn headline_first(bundle: &Path, q: &str) {
    let mut archive = open(bundle).unwrap();
    let r = page(&mut archive, bundle, q, Sort::Relevance, 1);
    let held: Vec<bool> = r
        .hits
        .iter()
        .map(|h| fold(&h.headline).contains(&fold(q)))
        .collect();
    assert!(
        held.windows(2).all(|w| w[0] || !w[1]),
        "{q}: a headline match after a body-only one: {:?}",
        r.hits.iter().map(|h| &h.headline).collect::<Vec<_>>()
    );
}

#[test]
fn shown_counts_and_pages_match_brute_force_on_pd1998() {
    let Some(corpus) = corpus() else {
        eprintln!("skipped: no pd1998 corpus (set KANBAO_PD1998)");
        return;
    };
    let bundle = build(&corpus);
    let articles: Vec<(u32, Article)> = kanbao::bench::all_articles(&bundle).unwrap();
    let brute = kanbao::bench::BruteForce::new(articles.iter().map(|(_, a)| a));
    let refs: Vec<(u32, &Article)> = articles.iter().map(|(d, a)| (*d, a)).collect();
    let mut queries: Vec<String> = [
        "下岗",
        "春节",
        "1998",
        "江泽民",
        "经济",
        "北京",
        "改革",
        "香港",
        "农业",
        "中国",
        "人民",
        "发展",
        "企业",
        "再就业",
        "扶贫",
        "克林顿",
        "亚洲",
        "金融危机",
        "长江",
        "足球",
        "会议",
        "下岗 职工",
        "春节 北京",
        "的",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let named = queries.len();
    queries.extend(
        kanbao::bench::generate(&refs, 120, 0x636f756e7473)
            .into_iter()
            .map(|q| q.text),
    );
    // Pinyin-like queries also find the words they spell, which a substring
    // scan does not: left out.
    queries.retain(|q| parse(q).pinyin.is_empty());
    queries.dedup();
    let mut estimated = 0usize;
    let (mut abs_err, mut off20) = (0f64, 0usize);
    let mut worst: (f64, String) = (0.0, String::new());
    for (i, q) in queries.iter().enumerate() {
        let truth = brute.matches(q).len();
        if ["下岗", "春节", "江泽民", "香港", "克林顿", "金融危机"].contains(&q.as_str())
        {
            headline_first(&bundle, q);
        }
        // Newest first walks the candidates in another order: for the
        // named queries.
        let sorts: &[Sort] = if i < named {
            &[Sort::Relevance, Sort::Newest]
        } else {
            &[Sort::Relevance]
        };
        for &sort in sorts {
            let s = walk(&bundle, q, sort, truth);
            if sort == Sort::Relevance {
                if !s.first_exact {
                    estimated += 1;
                    let e = (s.first_total as f64 - truth as f64) / truth.max(1) as f64;
                    abs_err += e.abs();
                    if e.abs() > 0.2 {
                        off20 += 1;
                    }
                }
                let rel = s.worst_over as f64 / truth.max(1) as f64;
                if rel > worst.0 {
                    worst = (rel, q.clone());
                }
                if ["下岗", "春节", "1998"].contains(&q.as_str()) {
                    eprintln!(
                        "{q}: first page shows {}{} (true {truth}), {} pages",
                        if s.first_exact { "" } else { "约" },
                        s.first_total,
                        s.pages
                    );
                }
            }
        }
    }
    eprintln!(
        "{} queries, {estimated} estimated on the first page (mean error {:.0}%, {off20} off by more than 20%); worst overshoot on any page {:.1}% ({:?})",
        queries.len(),
        abs_err * 100.0 / estimated.max(1) as f64,
        worst.0 * 100.0,
        worst.1
    );
}
