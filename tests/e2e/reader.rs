//! The sample archive: issue list, an article, search; from disk and over http.

use kanbao_e2e::{article_links, dist, dom, enc, file_url, screenshot, serve};

/// Both ways a reader opens the archive: a file:// URL and an http URL.
fn bases() -> Vec<(&'static str, String)> {
    let dist = dist();
    vec![
        ("file", file_url(&dist.join("index.html"))),
        ("http", format!("{}index.html", serve(&dist))),
    ]
}

#[test]
fn issue_list_renders() {
    for (how, base) in bases() {
        let d = dom(&format!("{base}#/"));
        assert!(
            d.contains("id=\"issue-list\""),
            "{how}: no issue list:\n{d}"
        );
        let cards = d.matches("class=\"issue-card\"").count();
        assert!(cards >= 1, "{how}: no issues listed:\n{d}");
        assert!(!d.contains("id=\"load-error\""), "{how}: load error:\n{d}");
        screenshot(&format!("{base}#/"), &format!("home-{how}"), 1280, 900);
    }
}

#[test]
fn an_issue_opens_with_its_articles() {
    for (how, base) in bases() {
        let home = dom(&format!("{base}#/"));
        let i = home.find("href=\"#/issue/").expect("an issue link");
        let rest = &home[i + 6..];
        let href = &rest[..rest.find('"').unwrap()];
        let d = dom(&format!("{base}{href}"));
        assert!(
            d.contains("id=\"issue-view\""),
            "{how}: no issue view:\n{d}"
        );
        assert!(
            !article_links(&d).is_empty(),
            "{how}: issue lists no articles:\n{d}"
        );
    }
}

#[test]
fn search_finds_the_down_jacket_article_and_it_opens() {
    for (how, base) in bases() {
        let url = format!("{base}#/search?q={}", enc("羽绒服"));
        let d = dom(&url);
        assert!(d.contains("id=\"results\""), "{how}: no results list:\n{d}");
        assert!(
            d.contains("<mark>羽绒服</mark>"),
            "{how}: hit not highlighted:\n{d}"
        );
        screenshot(&url, &format!("search-{how}"), 1280, 900);
        // The article about 周军波 and 羽绒服, by 李雨婷, is among the hits.
        let found = article_links(&d).into_iter().any(|href| {
            let a = dom(&format!("{base}{href}"));
            a.contains("id=\"article-view\"")
                && a.contains("李雨婷")
                && a.contains("周军波")
                && a.contains("羽绒服")
        });
        assert!(
            found,
            "{how}: no hit opens the 周军波/羽绒服 article by 李雨婷:\n{d}"
        );
    }
}

#[test]
fn an_article_shows_headline_byline_and_body() {
    let base = &bases()[0].1;
    let d = dom(&format!("{base}#/search?q={}", enc("羽绒服")));
    let href = article_links(&d).into_iter().next().expect("a hit");
    let a = dom(&format!("{base}{href}"));
    assert!(a.contains("class=\"headline\""), "no headline:\n{a}");
    assert!(a.contains("class=\"body\""), "no body:\n{a}");
    assert!(a.matches("<p>").count() >= 1, "no paragraphs:\n{a}");
    screenshot(&format!("{base}{href}"), "article-file", 1280, 1400);
    screenshot(&format!("{base}{href}"), "article-phone", 390, 1200);
}

#[test]
fn unknown_article_and_route_say_so() {
    let base = &bases()[0].1;
    let d = dom(&format!("{base}#/article/1999-01-01_9_9"));
    assert!(d.contains("id=\"not-found\""), "{d}");
    assert!(d.contains("找不到这篇文章"), "{d}");
    let d = dom(&format!("{base}#/no/such/view"));
    assert!(d.contains("id=\"not-found\""), "{d}");
}

/// Two views asking for the same bundle file at once (a search and the
/// pinyin suggestions, say) both get it, from disk and over http, and the
/// file is read once.
#[test]
fn a_file_asked_for_twice_at_once_answers_both() {
    use kanbao_e2e::webdriver::Browser;
    let b = Browser::start(800, 600);
    for (how, base) in bases() {
        b.goto(&format!("{base}#/"));
        b.poll(
            "return performance.getEntriesByName('kanbao-interactive').length > 0;",
            std::time::Duration::from_secs(30),
        );
        b.script(
            "window.__got = null; const before = window.kanbaoLoads.count; \
             Promise.all([kanbaoGetShard('index/t0000.js'), kanbaoGetShard('index/t0000.js')]) \
               .then(function (t) { window.__got = [t[0] === t[1] && t[0].length > 0, window.kanbaoLoads.count - before]; }, \
                     function (e) { window.__got = [String(e), -1]; }); return true;",
        );
        let got = b.poll("return window.__got;", std::time::Duration::from_secs(10));
        assert_eq!(got, serde_json::json!([true, 1]), "{how}");
    }
}
