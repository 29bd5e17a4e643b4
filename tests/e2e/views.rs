//! Each view of the reading room at phone and desktop widths, from file:// and
//! over http, asserting on the DOM; screenshots are saved for review.

use kanbao_e2e::{article_links, dist, dom, dom_at, enc, file_url, screenshot, serve};

const WIDTHS: [(&str, u32, u32); 2] = [("phone", 390, 844), ("desktop", 1280, 900)];

fn bases() -> Vec<(&'static str, String)> {
    let dist = dist();
    vec![
        ("file", file_url(&dist.join("index.html"))),
        ("http", format!("{}index.html", serve(&dist))),
    ]
}

/// The article about 周军波 and 羽绒服, found through search.
fn jacket_article(base: &str) -> String {
    let d = dom(&format!("{base}#/search?q={}", enc("羽绒服")));
    article_links(&d)
        .into_iter()
        .find(|href| dom(&format!("{base}{href}")).contains("李雨婷"))
        .expect("the 羽绒服 article is found")
}

#[test]
fn home_has_front_page_and_calendar_at_both_widths() {
    for (how, base) in bases() {
        for (w, width, height) in WIDTHS {
            let url = format!("{base}#/");
            let d = dom_at(&url, width, height);
            assert!(
                d.contains("id=\"front-page\""),
                "{how}/{w}: no front page: {d}"
            );
            assert!(d.contains("id=\"calendar\""), "{how}/{w}: no calendar: {d}");
            assert!(
                d.contains("class=\"day has\""),
                "{how}/{w}: no day marked: {d}"
            );
            assert!(d.contains("<main"), "{how}/{w}: no main landmark");
            screenshot(&url, &format!("view-home-{how}-{w}"), width, height);
        }
    }
}

#[test]
fn calendar_month_is_in_the_url() {
    let base = &bases()[0].1;
    let d = dom(&format!("{base}#/?m=2022-06"));
    assert!(d.contains("2022年6月"), "{d}");
    let d = dom(&format!("{base}#/?m=1999-01"));
    assert!(d.contains("这个月没有报纸"), "an empty month says so: {d}");
}

#[test]
fn issue_view_lists_pages_and_articles() {
    for (how, base) in bases() {
        for (w, width, height) in WIDTHS {
            let home = dom(&format!("{base}#/"));
            let i = home.find("href=\"#/issue/").expect("issue link");
            let rest = &home[i + 6..];
            let href = &rest[..rest.find('"').unwrap()];
            let url = format!("{base}{href}");
            let d = dom_at(&url, width, height);
            assert!(d.contains("id=\"issue-view\""), "{how}/{w}: {d}");
            assert!(
                d.contains("第1版") || d.contains("第2版"),
                "{how}/{w}: no page heading: {d}"
            );
            screenshot(&url, &format!("view-issue-{how}-{w}"), width, height);
        }
    }
}

#[test]
fn article_view_shows_roles_citation_and_neighbours() {
    for (how, base) in bases() {
        let href = jacket_article(&base);
        for (w, width, height) in WIDTHS {
            let url = format!("{base}{href}");
            let d = dom_at(&url, width, height);
            assert!(d.contains("id=\"article-view\""), "{how}/{w}: {d}");
            assert!(
                d.contains("class=\"label\">记者</span>"),
                "{how}/{w}: role not labelled: {d}"
            );
            assert!(
                d.contains("id=\"citation-text\""),
                "{how}/{w}: no citation: {d}"
            );
            assert!(
                d.contains("[N]. "),
                "{how}/{w}: citation not GB/T 7714: {d}"
            );
            assert!(
                d.contains("class=\"prev-next\""),
                "{how}/{w}: no previous/next: {d}"
            );
            // Text size and theme are the header's (every page); the article has print and copy link.
            assert!(
                d.contains("id=\"display-toggle\"") && d.contains("id=\"copy-link\""),
                "{how}/{w}: no display menu or copy link: {d}"
            );
            screenshot(
                &url,
                &format!("view-article-{how}-{w}"),
                width,
                height + 600,
            );
        }
    }
}

#[test]
fn search_terms_are_highlighted_in_the_article() {
    let base = &bases()[0].1;
    // Result links carry the terms (`?hl=`) to the article.
    let href = jacket_article(base);
    assert!(href.contains("?hl="), "{href}");
    let d = dom(&format!("{base}{href}"));
    assert!(d.contains("<mark>羽绒服</mark>"), "{d}");
    let plain = href.split('?').next().unwrap();
    assert!(
        !dom(&format!("{base}{plain}")).contains("<mark>"),
        "no highlight without ?hl="
    );
}

#[test]
fn search_page_has_facets_sort_and_filters_in_the_url() {
    for (how, base) in bases() {
        for (w, width, height) in WIDTHS {
            let url = format!("{base}#/search?q={}", enc("平湖"));
            let d = dom_at(&url, width, height);
            assert!(d.contains("id=\"results\""), "{how}/{w}: {d}");
            assert!(d.contains("class=\"facets\""), "{how}/{w}: no facets: {d}");
            // Facet values and timeline bars are links that filter, counts
            // and labels drawn from data attributes.
            assert!(
                d.contains("data-n=\"") && d.contains("&amp;author="),
                "{how}/{w}: no author facet link: {d}"
            );
            assert!(
                d.contains("id=\"timeline\"")
                    && d.contains("&amp;date=2022-06\"")
                    && d.contains("&amp;date=2023-08\"")
                    && d.contains("data-l=\"23-08\""),
                "{how}/{w}: no timeline of the two months: {d}"
            );
            assert!(
                d.contains("<mark>平湖</mark>"),
                "{how}/{w}: no highlight: {d}"
            );
            screenshot(&url, &format!("view-search-{how}-{w}"), width, height);
        }
        let d = dom(&format!(
            "{base}#/search?q={}&sort=newest&page=1",
            enc("平湖")
        ));
        assert!(
            d.contains("aria-pressed=\"true\">最新"),
            "{how}: sort not taken from the URL: {d}"
        );
        assert!(
            d.contains("class=\"chip\""),
            "{how}: the page filter shows no chip: {d}"
        );
    }
}

#[test]
fn a_search_with_nothing_found_helps() {
    let base = &bases()[0].1;
    let d = dom(&format!("{base}#/search?q={}", enc("量子纠缠火星基地")));
    assert!(d.contains("id=\"no-results\""), "{d}");
    let d = dom(&format!("{base}#/search?q={}&page=99", enc("平湖")));
    assert!(
        d.contains("id=\"no-results\"") && d.contains("清除全部条件"),
        "{d}"
    );
}

#[test]
fn unknown_issue_has_a_way_back() {
    let base = &bases()[0].1;
    let d = dom(&format!("{base}#/issue/2099-01-01"));
    assert!(
        d.contains("找不到这一期报纸") && d.contains("href=\"#/\""),
        "{d}"
    );
}

/// (The reset itself, which takes its 20 s countdown in real time, is tested
/// with real taps in `interact.rs`.)
#[test]
fn kiosk_mode_has_a_keyboard() {
    let dist = dist();
    let base = file_url(&dist.join("index.html"));
    let d = dom(&format!("{base}?kiosk=1#/"));
    assert!(d.contains("class=\"osk\""), "no on-screen keyboard: {d}");
    // Without kiosk mode there is none, and nothing resets.
    let d = dom(&format!("{base}?idle=1#/search?q={}", enc("羽绒服")));
    assert!(!d.contains("class=\"osk\""), "{d}");
    assert!(d.contains("id=\"search-view\""), "{d}");
}

#[test]
fn pinyin_and_traditional_reach_the_same_articles() {
    let base = &bases()[0].1;
    let links = |q: &str| {
        let mut v: Vec<String> = article_links(&dom(&format!("{base}#/search?q={}", enc(q))))
            .into_iter()
            .map(|h| h.split('?').next().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    let jacket = links("羽绒服");
    assert!(!jacket.is_empty());
    assert_eq!(links("yurongfu"), jacket, "pinyin");
    assert_eq!(links("羽絨服"), jacket, "Traditional");
    // Two words typed as one run of letters (no Chinese input method).
    let both = links("平湖 羽绒服");
    assert!(!both.is_empty());
    assert_eq!(
        links("pinghuyurongfu"),
        both,
        "unspaced pinyin of two words"
    );
    let pinghu = links("平湖");
    for q in ["pinghu", "ping hu"] {
        let got = links(q);
        assert!(
            pinghu.iter().all(|h| got.contains(h)),
            "{q} misses 平湖 articles"
        );
    }
}

#[test]
fn pinyin_suggestions_appear_while_typing_and_search_when_picked() {
    use kanbao_e2e::webdriver::Browser;
    let base = &bases()[0].1;
    let b = Browser::start(1280, 900);
    b.goto(&format!("{base}#/"));
    assert!(b.wait_for("document.getElementById('q')", 30));
    // Real key events, then a real click on the suggestion.
    b.send_keys("#q", "pingh");
    assert!(
        b.wait_for("[...document.querySelectorAll('#suggestions .word')].some(e => e.textContent === '平湖')", 20),
        "no 平湖 suggestion: {}",
        b.eval("document.querySelector('header').innerHTML")
    );
    let i = b.eval("[...document.querySelectorAll('#suggestions [role=option]')].findIndex(o => o.querySelector('.word').textContent === '平湖')");
    b.click(&format!("#suggestion-{i}"));
    assert!(b.wait_for(
        "location.hash.startsWith('#/search') && document.querySelector('#results mark')",
        20
    ));
    assert_eq!(b.eval("document.getElementById('q').value"), "平湖");
}

#[test]
fn share_to_phone_appears_only_with_a_public_url() {
    let base = &bases()[0].1;
    let href = jacket_article(base);
    assert!(
        !dom(&format!("{base}{href}")).contains("id=\"share\""),
        "no public URL, no QR code"
    );
    let tmp = kanbao_e2e::dist_copy("share");
    std::fs::write(
        tmp.path().join("config.js"),
        "window.kanbaoConfig = { kiosk: false, idle_seconds: 180, public_url: \"https://example.org/archive/\" };\n",
    )
    .unwrap();
    let d = dom(&format!(
        "{}{href}",
        file_url(&tmp.path().join("index.html"))
    ));
    assert!(d.contains("id=\"share\""), "{d}");
}
