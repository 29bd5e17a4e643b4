//! A search that must check many articles against their text shows the
//! matches it has found while it checks the rest, says so, and then fills
//! its page without moving what it showed.

use kanbao_e2e::tempdir::TempDir;
use kanbao_e2e::webdriver::{keys, Browser};
use kanbao_e2e::{dist, file_url, package, run_kanbao};
use serde_json::json;

/// A feed of 120 articles, each alone in its document shard, that all hold
/// the characters of 山东 apart (高山…东边) and so are candidates, earlier
/// ones more often (so they rank first); one in ten holds the word itself,
/// so the matches come far apart in the list of candidates.
fn feed() -> String {
    let filler = "春风吹过田野，河水静静流淌，村里的人们忙着耕种。";
    let mut out = String::new();
    for i in 0..120 {
        let apart = 150 - i;
        let mut text: String = (0..220)
            .map(|k| {
                if k < apart {
                    format!("高山上{filler}东边")
                } else {
                    filler.to_string()
                }
            })
            .collect();
        if i % 10 == 5 {
            text = format!("这是山东的消息。{text}");
        }
        let paragraphs: Vec<String> = text
            .chars()
            .collect::<Vec<_>>()
            .chunks(500)
            .map(|c| c.iter().collect())
            .collect();
        let line = json!({
            "id": format!("p{i:03}"),
            "date": format!("2020-01-{:02}", 1 + i % 28),
            "page": 1,
            "article": i + 1,
            "title": format!("第{i}篇"),
            "paragraphs": paragraphs,
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

/// Typed into the search box from the keyboard, 山东 first shows the
/// matches among the articles checked so far with "still looking" (more than
/// PROGRESSIVE_AFTER shards were loaded to find them), then the full page of
/// ten, the first ones where they were.
#[test]
fn a_search_checking_many_articles_shows_its_first_matches_then_fills_the_page() {
    let tmp = TempDir::new("kanbao-e2e-progressive");
    let feed_file = tmp.path().join("feed.jsonl");
    std::fs::write(&feed_file, feed()).unwrap();
    let bundle = tmp.path().join("bundle");
    run_kanbao(&[
        "build".as_ref(),
        "-q".as_ref(),
        "--paper".as_ref(),
        "测试".as_ref(),
        "--out".as_ref(),
        bundle.as_os_str(),
        feed_file.as_os_str(),
    ]);
    let site = tmp.path().join("site");
    package(&bundle, &dist(), &site);

    let b = Browser::start(1280, 900);
    b.goto(&format!("{}#/", file_url(&site.join("index.html"))));
    assert!(b.wait_for("document.getElementById('q')", 20));
    // Every state the results pass through, as the page shows them.
    b.script(
        "window.__states = []; \
         new MutationObserver(() => { \
           const hits = [...document.querySelectorAll('#results li.hit a.headline')].map(a => a.textContent); \
           const checking = !!document.getElementById('still-checking'); \
           const last = window.__states[window.__states.length - 1]; \
           if (hits.length && (!last || last.checking !== checking || last.hits.length !== hits.length)) \
             window.__states.push({ hits, checking }); \
         }).observe(document.body, { childList: true, subtree: true });",
    );
    b.click("#q");
    b.send_keys("#q", &format!("山东{}", keys::ENTER));
    assert!(
        b.wait_for(
            "document.querySelectorAll('#results li.hit').length === 10 && !document.getElementById('still-checking')",
            30
        ),
        "the page never filled: {}",
        b.eval("document.body.innerText.slice(0, 800)")
    );
    let states = b.eval("window.__states");
    let states = states.as_array().expect("states");
    // A state's headlines, in order.
    let hits = |state: &serde_json::Value| -> Vec<String> {
        serde_json::from_value(state["hits"].clone()).expect("headlines")
    };
    let first = &states[0];
    let shown = hits(first);
    assert_eq!(
        first["checking"],
        json!(true),
        "first results came with the page full: {states:?}"
    );
    assert!(!shown.is_empty() && shown.len() < 10, "{states:?}");
    let last = &states[states.len() - 1];
    assert_eq!(last["checking"], json!(false));
    let full = hits(last);
    assert_eq!(full.len(), 10);
    assert_eq!(
        &full[..shown.len()],
        &shown[..],
        "what was shown first stayed first"
    );
    // Each a different article holding 山东.
    let matches: Vec<String> = (0..12).map(|k| format!("第{}篇", 10 * k + 5)).collect();
    assert!(full.iter().all(|h| matches.contains(h)), "{full:?}");
    let mut distinct = full.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 10, "{full:?}");
    b.screenshot("progressive-full-page");
}
