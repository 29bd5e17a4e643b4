//! Counts of matches: exact or bounded estimates, pages that exist, facets
//! that follow the estimate, the issue facet.

use super::*;

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
