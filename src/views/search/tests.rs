//! The search view's unit tests (over its parts).

use std::rc::Rc;

use kanbao_bundle::search::query::{text_filters, UNDATED};
use kanbao_bundle::search::{FacetCount, Hit, SearchResults};
use kanbao_bundle::Manifest;

use super::counts::steady;
use super::facets::{count_text, issue_label, with_undated};
use super::messages::format_n;
use super::params::{active_filters, filters_of, without_quotes};
use super::results::results_html;
use crate::i18n::{Lang, T};
use crate::route::{ArticleParams, SearchParams};

#[test]
fn results_markup_escapes_all_text() {
    let hit = Hit {
        doc: 0,
        article_id: "2023-08-03_1_2".into(),
        headline: "<b>平湖</b> & \"羽绒服\"".into(),
        date: Some("2023-08-03".into()),
        page: Some(1),
        score: 1.0,
        snippet: vec![
            kanbao_bundle::search::Fragment {
                text: "去<script>".into(),
                hit: false,
            },
            kanbao_bundle::search::Fragment {
                text: "平湖".into(),
                hit: true,
            },
        ],
    };
    let hl = ArticleParams {
        hl: Some("平湖 a&b".into()),
    };
    let html = results_html(
        std::slice::from_ref(&hit),
        &[],
        2,
        &hl,
        Lang::Zh,
        "日期不详",
    );
    assert_eq!(
        html,
        "<ol class=\"results\" id=\"results\" start=\"11\"><li class=\"hit\">\
         <a class=\"headline\" lang=\"zh-CN\" href=\"#/article/2023-08-03_1_2?hl=%E5%B9%B3%E6%B9%96+a%26b\">\
         &lt;b&gt;平湖&lt;/b&gt; &amp; &quot;羽绒服&quot;</a>\
         <p class=\"meta\">2023年8月3日 星期四 · 第1版</p>\
         <p class=\"snippet\" lang=\"zh-CN\">去&lt;script&gt;<mark>平湖</mark></p></li></ol>"
    );
    // In English the date keeps its weekday; the Chinese text stays marked.
    let en = results_html(
        std::slice::from_ref(&hit),
        &[],
        1,
        &hl,
        Lang::En,
        "Date unknown",
    );
    assert!(!en.contains("page-link"), "{en}");
    // A hit on a page with an image links to the page view at it.
    let link = Some("#/issue/2023-08-03/page/1?a=2023-08-03_1_2".to_string());
    let on = results_html(&[hit], &[link], 1, &hl, Lang::Zh, "日期不详");
    assert!(
        on.contains("<a class=\"page-link\" href=\"#/issue/2023-08-03/page/1?a=2023-08-03_1_2\" aria-label=\"&lt;b&gt;平湖&lt;/b&gt; &amp; &quot;羽绒服&quot; · 第1版 · 看版面\">看版面</a>"),
        "{on}"
    );
    assert!(en.contains("Thursday, 3 August 2023"), "{en}");
    assert!(en.contains("class=\"snippet\" lang=\"zh-CN\""), "{en}");
}

fn manifest_with_undated() -> Manifest {
    let mut m = Manifest::default();
    m.issues.push(kanbao_bundle::IssueEntry {
        issue: kanbao_bundle::Issue {
            id: "undated-7a471faf".into(),
            paper: Some("嘉兴日报".into()),
            edition: Some("平湖版".into()),
            year_hint: Some(2023),
            ..Default::default()
        },
        first_doc: 0,
        article_count: 1,
    });
    m.issues.push(kanbao_bundle::IssueEntry {
        issue: kanbao_bundle::Issue {
            id: "1998-01-28".into(),
            date: Some("1998-01-28".into()),
            ..Default::default()
        },
        first_doc: 1,
        article_count: 1,
    });
    m
}

#[test]
fn undated_issues_have_readable_names() {
    let m = manifest_with_undated();
    assert_eq!(
        issue_label(&m, "undated-7a471faf", Lang::Zh),
        "日期不详（2023？） · 嘉兴日报 · 平湖版"
    );
    assert_eq!(issue_label(&m, "1998-01-28", Lang::Zh), "1998-01-28");
    assert!(!issue_label(&m, "undated-7a471faf", Lang::En).contains("undated-"));
    let years = with_undated(
        &[FacetCount {
            value: "2023".into(),
            count: 3,
        }],
        2,
    );
    assert_eq!(years.last().map(|y| y.value.as_str()), Some(UNDATED));
    assert!(with_undated(&[], 0).is_empty());
    let p = SearchParams {
        date: Some(UNDATED.into()),
        ..Default::default()
    };
    assert!(filters_of(&p).undated);
    assert_eq!(filters_of(&p).date_from, None);
}

#[test]
fn typed_filters_are_chips_that_take_themselves_out_of_the_query() {
    let m = manifest_with_undated();
    let p = SearchParams {
        q: "经济 版:1 作者:李雨婷 2023-01..2023-06 期:undated-7a471faf".into(),
        ..Default::default()
    };
    let typed = text_filters(&p.q);
    let chips = active_filters(&p, &typed, &m, Lang::Zh);
    let labels: Vec<&str> = chips.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        vec![
            "第1版",
            "作者: 李雨婷",
            "日期: 2023-01..2023-06",
            "期次: 日期不详（2023？） · 嘉兴日报 · 平湖版"
        ]
    );
    let mut next = p.clone();
    (chips[0].1)(&mut next);
    assert_eq!(
        next.q,
        "经济 作者:李雨婷 2023-01..2023-06 期:undated-7a471faf"
    );
    let mut next = p.clone();
    (chips[2].1)(&mut next);
    assert_eq!(next.q, "经济 版:1 作者:李雨婷 期:undated-7a471faf");
}

#[test]
fn messages_fill_in_their_numbers() {
    assert_eq!(
        format_n(T::PastLastPage.s(Lang::Zh), &[10, 9]),
        "没有第 10 页：结果只有 9 页。"
    );
    assert_eq!(format_n(T::PageN.s(Lang::En), &[3]), "Page 3");
    assert_eq!(without_quotes("\"平湖 新闻\" 经济"), "平湖 新闻 经济");
    assert_eq!(without_quotes("“下岗职工再就业”"), "下岗职工再就业");
    assert_eq!(count_text(12, true, Lang::Zh), "约12");
    assert_eq!(count_text(12, false, Lang::Zh), "12");
}

#[test]
fn an_estimate_stays_until_the_count_is_exact() {
    let est = |total| {
        Rc::new(SearchResults {
            total,
            exact: false,
            ..Default::default()
        })
    };
    let exact = Rc::new(SearchResults {
        total: 85,
        exact: true,
        ..Default::default()
    });
    let mut memo = None;
    assert_eq!(steady(&mut memo, "下岗", &est(94)).total, 94);
    assert_eq!(steady(&mut memo, "下岗", &est(101)).total, 94);
    assert_eq!(steady(&mut memo, "下岗", &exact).total, 85);
    assert_eq!(steady(&mut memo, "下岗", &est(97)).total, 85);
    assert_eq!(steady(&mut memo, "春节", &est(295)).total, 295);
}
