//! The results page's count and pager on pd1998 (3,148 articles), in the
//! browser, against a brute-force count (a substring scan of every article,
//! as `kanbao bench` scores recall): an exact count is the true one and its
//! "p / n" has n pages, the last with hits; an estimate is marked 约, its
//! title names a range holding the truth, and it is over the truth by at
//! most its estimated part; a page past the end says so and links the last.
//! Needs `KANBAO_PD1998_BUNDLE` (a pd1998 bundle), like the package test.

use std::path::Path;

use kanbao_e2e::tempdir::TempDir;
use kanbao_e2e::{article_links, dist, dom, enc, file_url};

/// How many documents hold every whitespace-separated term of each query.
fn brute(bundle: &Path, queries: &[&str]) -> Vec<usize> {
    let articles = kanbao::bench::all_articles(bundle).expect("read the bundle");
    let brute = kanbao::bench::BruteForce::new(articles.iter().map(|(_, a)| a));
    queries.iter().map(|q| brute.matches(q).len()).collect()
}

/// What the results page shows of its count.
#[derive(Debug)]
struct Shown {
    total: usize,
    estimated: bool,
    /// From the title of an estimate: the range the true count lies in.
    range: Option<(usize, usize)>,
    /// The pager's text (`3 / 9`, `第 3 页`), if there is a pager.
    pager: Option<String>,
    has_next: bool,
    hits: usize,
    past_end: bool,
}

fn numbers(s: &str) -> Vec<usize> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect()
}

fn shown(d: &str) -> Shown {
    let c = d.find("class=\"count\"").expect("a count");
    // The tag's start: attributes come in any order.
    let i = d[..c].rfind("<p").expect("a <p>");
    let tag_end = i + d[i..].find('>').unwrap();
    let end = i + d[i..].find("</p>").unwrap();
    let tag = &d[i..tag_end];
    let text = &d[tag_end + 1..end];
    let strong = &text[text.find("<strong>").unwrap() + 8..text.find("</strong>").unwrap()];
    let range = tag.find("title=\"").map(|t| {
        let v = numbers(&tag[t..]);
        (v[0], v[1])
    });
    let pager = d.find("id=\"page-of\"").map(|p| {
        let s = p + d[p..].find('>').unwrap() + 1;
        d[s..s + d[s..].find('<').unwrap()].to_string()
    });
    let nav = d
        .find("class=\"pager\"")
        .map(|p| &d[p..p + d[p..].find("</nav>").unwrap()]);
    Shown {
        total: strong.trim().parse().expect("a number"),
        estimated: text.contains('约'),
        range,
        pager,
        has_next: nav.is_some_and(|n| n.contains("下一页")),
        hits: article_links(d).len(),
        past_end: d.contains("id=\"past-end\""),
    }
}

#[test]
fn the_shown_count_and_pages_match_brute_force_on_pd1998() {
    let Some(bundle) = std::env::var_os("KANBAO_PD1998_BUNDLE") else {
        eprintln!("skipped: KANBAO_PD1998_BUNDLE not set (no pd1998 corpus beside the repo)");
        return;
    };
    let bundle = Path::new(&bundle);
    let tmp = TempDir::new(&format!("kanbao-counts-{}", std::process::id()));
    let out = tmp.path().join("pd1998");
    let dist = dist();
    kanbao_e2e::package(bundle, &dist, &out);
    let base = file_url(&out.join("index.html"));
    let queries = ["下岗", "春节", "1998", "香港 回归", "克林顿"];
    let truths = brute(bundle, &queries);
    let url = |q: &str, p: usize| format!("{base}#/search?q={}&p={p}", enc(q));
    for (q, &truth) in queries.iter().zip(&truths) {
        let last = truth.div_ceil(10).max(1);
        let first = shown(&dom(&url(q, 1)));
        eprintln!("{q}: first page shows {first:?}, true {truth}");
        assert_eq!(first.hits, truth.min(10), "{q}: a full first page");
        assert_eq!(first.has_next, truth > 10, "{q}: next page offered");
        if first.estimated {
            let (lo, hi) = first.range.expect("an estimate names its range");
            assert!(lo <= truth && truth <= hi, "{q}: {truth} outside {lo}–{hi}");
            assert!(
                first.total <= truth + (first.total - lo),
                "{q}: {} over {truth} by more than its estimated part",
                first.total
            );
            // No page count is promised for an estimate.
            assert!(
                first.pager.as_deref().is_none_or(|p| !p.contains('/')),
                "{q}: {first:?}"
            );
        } else {
            assert_eq!(first.total, truth, "{q}: exact count");
            if truth > 10 {
                assert_eq!(first.pager.as_deref(), Some(format!("1 / {last}").as_str()));
            }
        }
        // The true last page has hits and offers no next one.
        let l = shown(&dom(&url(q, last)));
        assert!(
            l.hits > 0 && !l.has_next && !l.past_end,
            "{q} p{last}: {l:?}"
        );
        // One past it: said so, with the exact count and a link to the last.
        let d = dom(&url(q, last + 1));
        let past = shown(&d);
        assert!(
            past.past_end && past.hits == 0,
            "{q} p{}: {past:?}",
            last + 1
        );
        assert!(!past.estimated && past.total == truth, "{q}: {past:?}");
        assert!(
            d.contains(&format!("p={last}")),
            "{q}: no link to page {last}"
        );
    }
}
