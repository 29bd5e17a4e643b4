//! The reader driven as a person drives it: real key events (WebDriver Send
//! Keys and key actions), real mouse clicks and touch taps, the Back button,
//! and screenshots of what that left on screen. Nothing here sets `.value`
//! or calls the app from script; script only reads what the page shows.

use std::time::Duration;

use kanbao_e2e::webdriver::{keys, Browser};
use kanbao_e2e::{dist, enc, file_url, package, run_kanbao, serve};
use serde_json::Value;

fn index() -> String {
    file_url(&dist().join("index.html"))
}

/// Opens `url` in the browser and waits until the reader is usable.
fn open(b: &Browser, url: &str) {
    b.goto(url);
    assert!(
        b.wait_for(
            "performance.getEntriesByName('kanbao-interactive').length > 0 && document.getElementById('q')",
            30
        ),
        "the reader did not start at {url}"
    );
}

fn value(b: &Browser) -> String {
    b.eval("document.getElementById('q').value")
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn hash(b: &Browser) -> String {
    decode(
        b.eval("location.hash")
            .as_str()
            .unwrap_or_default()
            .to_string(),
    )
}

/// A URL's percent-encoding and `+` undone, to compare with what was typed.
fn decode(s: String) -> String {
    let bytes = s.replace('+', " ").into_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() + 1 {
            if let Ok(n) = u8::from_str_radix(&String::from_utf8_lossy(&bytes[i + 1..i + 3]), 16) {
                out.push(n);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Waits for the results of `q` to be on screen (the URL says `q` and the
/// list or the empty state is there).
fn wait_results(b: &Browser, q: &str) {
    let ok = b.wait_for(
        "document.getElementById('results') || document.getElementById('no-results')",
        20,
    );
    let until = std::time::Instant::now() + Duration::from_secs(10);
    while !hash(b).contains(&format!("q={q}")) && std::time::Instant::now() < until {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        ok && hash(b).contains(&format!("q={q}")),
        "no results of {q}: at {}",
        hash(b)
    );
}

/// The active element, as `TAG#id.class` (for messages and checks).
fn focused(b: &Browser) -> String {
    b.eval(
        "(function(a){ return a ? a.tagName + (a.id ? '#' + a.id : '') + (a.className ? '.' + a.className : '') : 'none'; })(document.activeElement)",
    )
    .as_str()
    .unwrap_or_default()
    .to_string()
}

#[test]
fn typing_backspace_paste_and_enter_from_home() {
    let b = Browser::start(1280, 900);
    open(&b, &format!("{}#/", index()));
    b.click("#q");
    b.send_keys("#q", "pinghu");
    assert_eq!(value(&b), "pinghu", "the box lost typed letters");
    // Pinyin suggestions follow the typing; the results follow the pause.
    assert!(
        b.wait_for("document.querySelector('#suggestions [role=option]')", 10),
        "no pinyin suggestions for pinghu"
    );
    wait_results(&b, "pinghu");
    assert_eq!(value(&b), "pinghu", "the box changed under the typing");
    assert!(b.wait_for("document.querySelector('#results .hit')", 10));
    // Backspace twice, then other letters.
    b.send_keys("#q", &format!("{0}{0}hu", keys::BACKSPACE));
    assert_eq!(value(&b), "pinghu");
    b.send_keys("#q", keys::BACKSPACE);
    assert_eq!(value(&b), "pingh", "Backspace was swallowed");
    b.send_keys("#q", "u");
    // Space, digits and syntax characters reach the box.
    b.send_keys("#q", " 2023 -北京 作者:");
    assert_eq!(value(&b), "pinghu 2023 -北京 作者:");
    // Select all, copy, clear, paste: the clipboard's text arrives whole.
    b.keys(&[keys::CONTROL], "a");
    b.keys(&[keys::CONTROL], "c");
    b.send_keys("#q", keys::BACKSPACE);
    assert_eq!(value(&b), "", "select all and Backspace left text");
    b.keys(&[keys::CONTROL], "v");
    assert_eq!(value(&b), "pinghu 2023 -北京 作者:", "paste did not arrive");
    // Clear and type a query, Enter sends exactly it.
    b.keys(&[keys::CONTROL], "a");
    b.send_keys("#q", &format!("{}羽绒服{}", keys::BACKSPACE, keys::ENTER));
    wait_results(&b, "羽绒服");
    assert!(
        b.wait_for("document.querySelector('#results mark')", 10),
        "Enter did not search 羽绒服"
    );
    assert_eq!(value(&b), "羽绒服");
    b.screenshot("interact-typed-search");
}

#[test]
fn typing_on_a_search_page_edits_its_query() {
    let b = Browser::start(1280, 900);
    open(&b, &format!("{}#/search?q={}", index(), enc("平湖")));
    wait_results(&b, "平湖");
    assert_eq!(value(&b), "平湖", "the page's query is not in the box");
    b.click("#q");
    b.keys(&[], keys::END);
    b.send_keys("#q", " 2023");
    assert_eq!(
        value(&b),
        "平湖 2023",
        "typing on the results page was undone"
    );
    b.send_keys("#q", &format!("{0}{0}{0}{0}{0}", keys::BACKSPACE));
    assert_eq!(value(&b), "平湖", "Backspace was undone");
    b.send_keys("#q", " 记者");
    wait_results(&b, "平湖 记者");
    assert_eq!(value(&b), "平湖 记者");
    // Enter on the same query adds no second history entry.
    let entries = b.eval("history.length");
    b.send_keys("#q", keys::ENTER);
    wait_results(&b, "平湖 记者");
    assert_eq!(
        b.eval("history.length"),
        entries,
        "Enter pushed the same query again"
    );
    // Esc clears the box (closing suggestions first, when there are any).
    b.send_keys("#q", keys::ESCAPE);
    assert_eq!(value(&b), "", "Esc did not clear the box");
    // Home, then Back: the URL's query is put back in the box.
    b.click("header .brand");
    assert!(b.wait_for("document.getElementById('front-page')", 10));
    assert_eq!(value(&b), "");
    b.back();
    assert!(
        b.wait_for("document.getElementById('q').value === '平湖 记者'", 10),
        "Back did not show the earlier query: {:?}",
        value(&b)
    );
}

#[test]
fn pinyin_suggestions_work_from_the_keyboard() {
    let b = Browser::start(1280, 900);
    open(&b, &format!("{}#/", index()));
    b.send_keys("#q", "pinghu");
    assert!(b.wait_for("document.querySelector('#suggestions [role=option]')", 10));
    assert_eq!(
        b.eval("document.getElementById('q').getAttribute('aria-expanded')"),
        "true"
    );
    b.send_keys("#q", keys::DOWN);
    let active = b.eval("document.getElementById('q').getAttribute('aria-activedescendant')");
    assert_eq!(
        active, "suggestion-0",
        "ArrowDown did not move to a suggestion"
    );
    let word = b
        .eval("document.querySelector('#suggestion-0 .word').textContent")
        .as_str()
        .unwrap()
        .to_string();
    b.send_keys("#q", keys::ENTER);
    wait_results(&b, &word);
    assert_eq!(
        value(&b),
        word,
        "Enter did not take the highlighted suggestion"
    );
    assert!(
        focused(&b).starts_with("INPUT#q"),
        "focus left the box: {}",
        focused(&b)
    );
    // Esc closes the suggestions and keeps the text; a second Esc clears.
    b.send_keys("#q", " yurong");
    assert!(b.wait_for("document.querySelector('#suggestions')", 10));
    b.send_keys("#q", keys::ESCAPE);
    assert!(
        b.wait_for("!document.querySelector('#suggestions')", 5),
        "Esc left the suggestions open"
    );
    assert_eq!(value(&b), format!("{word} yurong"));
    b.send_keys("#q", keys::ESCAPE);
    assert_eq!(value(&b), "");
}

/// Taps on the kiosk's keyboard, no other input.
fn tap_keys(b: &Browser, word: &str) {
    for c in word.chars() {
        let key = if c == ' ' {
            "space".to_string()
        } else {
            c.to_string()
        };
        b.tap(&format!(".osk-key[data-key='{key}']"));
    }
}

#[test]
fn the_on_screen_keyboard_searches_by_taps_alone() {
    let b = Browser::start(1080, 1920);
    open(&b, &format!("{}?kiosk=1#/", index()));
    b.tap(".osk-toggle");
    tap_keys(&b, "pinghu");
    assert_eq!(value(&b), "pinghu");
    // A suggestion tapped: the query becomes the Chinese word.
    assert!(
        b.wait_for(
            "[...document.querySelectorAll('#suggestions [role=option] .word')].some(w => w.textContent === '平湖')",
            10
        ),
        "no 平湖 among the suggestions for pinghu"
    );
    let i = b.eval(
        "[...document.querySelectorAll('#suggestions [role=option]')].findIndex(o => o.querySelector('.word').textContent === '平湖')",
    );
    b.screenshot("interact-kiosk-suggestions");
    b.tap(&format!("#suggestion-{i}"));
    wait_results(&b, "平湖");
    assert!(b.wait_for("document.querySelector('#results mark')", 10));
    // The suggestions sit above the keys, not over them: every key can be tapped.
    let covered = b.eval(
        "[...document.querySelectorAll('.osk-key')].filter(k => { const r = k.getBoundingClientRect(); \
           const e = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); return e && !k.contains(e); }).length",
    );
    assert_eq!(covered, 0, "keys covered by something");
    // Clear, type yurongfu, and the keyboard's own 搜索 key.
    b.tap(".osk-key[data-key='clear']");
    assert_eq!(value(&b), "");
    tap_keys(&b, "yurongfu");
    b.tap(".osk-key[data-key='enter']");
    wait_results(&b, "yurongfu");
    assert!(
        b.wait_for(
            "[...document.querySelectorAll('#results mark')].some(m => m.textContent === '羽绒服')",
            10
        ),
        "yurongfu did not find 羽绒服"
    );
    // Backspace and Space on the keyboard.
    tap_keys(&b, " x");
    b.tap(".osk-key[data-key='backspace']");
    assert_eq!(value(&b), "yurongfu ");
    b.screenshot("interact-kiosk-results");
}

#[test]
fn the_kiosk_reset_leaves_no_history_and_warns_for_twenty_seconds() {
    let b = Browser::start(1080, 1600);
    // Idle after 2 s; the warning then lasts its minimum of 20 s.
    open(&b, &format!("{}?kiosk=1&idle=2#/", index()));
    b.tap(".osk-toggle");
    tap_keys(&b, "yurongfu");
    b.tap(".osk-key[data-key='enter']");
    wait_results(&b, "yurongfu");
    b.tap("#results .hit a.headline");
    assert!(b.wait_for("document.getElementById('article-view')", 10));
    // The visitor's own way back, within the visit.
    b.tap("#kiosk-back");
    wait_results(&b, "yurongfu");
    b.tap("#results .hit a.headline");
    assert!(b.wait_for("document.getElementById('article-view')", 10));
    // The warning: focus on 继续阅读, and a tap on it keeps the visit.
    assert!(
        b.wait_for("document.getElementById('idle-countdown')", 10),
        "no warning when idle"
    );
    let secs: u32 = b
        .eval("document.getElementById('idle-text').textContent.match(/\\d+/)[0]")
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("seconds in the warning");
    assert!(secs >= 19, "the warning gives only {secs} s");
    assert!(
        b.wait_for(
            "document.activeElement && document.activeElement.id === 'keep-reading'",
            3
        ),
        "继续阅读 has no focus: {}",
        focused(&b)
    );
    b.screenshot("interact-kiosk-warning");
    b.tap("#keep-reading");
    assert!(b.wait_for("!document.getElementById('idle-countdown')", 3));
    assert!(
        b.eval("!!document.getElementById('article-view')") == Value::Bool(true),
        "keep reading left the article"
    );
    // Now let it run out: 2 s idle, 20 s of warning.
    b.script("sessionStorage.setItem('visitor', 'x'); return true;");
    assert!(b.wait_for("document.getElementById('idle-countdown')", 10));
    assert!(
        b.wait_for("document.getElementById('front-page')", 30),
        "no reset to home"
    );
    assert_eq!(value(&b), "", "the box kept the last visitor's query");
    assert_eq!(
        b.eval("sessionStorage.length"),
        0,
        "sessionStorage survived the reset"
    );
    assert_eq!(
        b.eval("!!document.getElementById('kiosk-back')"),
        Value::Bool(false)
    );
    assert_eq!(
        b.eval("!!document.getElementById('osk-keys')"),
        Value::Bool(false),
        "keyboard still open"
    );
    // Back (and Forward) lead nowhere the visitor went.
    for _ in 0..3 {
        b.back();
        std::thread::sleep(Duration::from_millis(300));
        let url = decode(b.current_url());
        assert!(
            !url.contains("search") && !url.contains("article") && !url.contains("羽绒服"),
            "Back shows the last visit: {url}"
        );
    }
}

#[test]
fn a_kiosk_blocks_what_leaves_the_archive() {
    let b = Browser::start(1280, 900);
    open(
        &b,
        &format!("{}?kiosk=1#/search?q={}", index(), enc("平湖")),
    );
    wait_results(&b, "平湖");
    // Record, after the page's own handlers, which defaults were stopped.
    b.script(
        "window.__stopped = []; for (const t of ['contextmenu', 'auxclick', 'keydown', 'dragstart']) \
           window.addEventListener(t, e => { if (e.defaultPrevented) window.__stopped.push(t + ':' + (e.key || e.button)); }); return true;",
    );
    b.mouse_button("#results .hit a.headline", 2);
    b.mouse_button("#results .hit a.headline", 1);
    b.click("#q");
    b.keys(&[keys::CONTROL], "p");
    b.keys(&[keys::CONTROL], "s");
    let stopped = b.eval("window.__stopped.join(' ')");
    let stopped = stopped.as_str().unwrap_or_default();
    for what in ["contextmenu", "auxclick:1", "keydown:p", "keydown:s"] {
        assert!(stopped.contains(what), "{what} not blocked: {stopped}");
    }
    // No download of the whole archive offered, over http either.
    let base = serve(&dist());
    open(&b, &format!("{base}index.html?kiosk=1#/"));
    assert_eq!(
        b.eval("!!document.querySelector('footer .offline button')"),
        Value::Bool(false),
        "a kiosk offers the archive's download"
    );
}

#[test]
fn focus_and_title_follow_in_app_navigation() {
    let b = Browser::start(1280, 900);
    open(&b, &format!("{}#/search?q={}", index(), enc("平湖")));
    wait_results(&b, "平湖");
    let title = b.eval("document.title");
    assert!(
        title.as_str().unwrap_or_default().contains("平湖"),
        "the title does not name the search: {title}"
    );
    // Sorting, a facet: focus stays on something in the page, never <body>.
    b.click(".sort button:nth-child(2)");
    assert!(b.wait_for("location.hash.includes('sort=newest')", 10));
    std::thread::sleep(Duration::from_millis(600));
    assert!(
        !focused(&b).starts_with("BODY"),
        "focus fell to body after sorting"
    );
    if b.eval("!!document.querySelector('.facets a')") == Value::Bool(true) {
        b.click(".facets a");
        std::thread::sleep(Duration::from_millis(800));
        assert!(
            !focused(&b).starts_with("BODY"),
            "focus fell to body after a facet"
        );
    }
    // Opening an article: focus on its headline, the title names it.
    open(&b, &format!("{}#/search?q={}", index(), enc("羽绒服")));
    wait_results(&b, "羽绒服");
    b.click("#results .hit a.headline");
    assert!(b.wait_for("document.getElementById('article-view')", 10));
    assert!(
        b.wait_for(
            "document.activeElement && document.activeElement.id === 'headline'",
            5
        ),
        "focus after opening an article: {}",
        focused(&b)
    );
    let headline = b.eval("document.getElementById('headline').textContent");
    let title = b.eval("document.title");
    assert!(
        title
            .as_str()
            .unwrap_or_default()
            .starts_with(headline.as_str().unwrap_or("?")),
        "title {title} does not start with the headline {headline}"
    );
    // The skip link moves focus to the content and leaves the route alone.
    let url = b.current_url();
    b.goto("about:blank");
    open(&b, &url);
    assert!(b.wait_for("document.getElementById('article-view')", 10));
    let before = hash(&b);
    b.keys(&[], keys::TAB);
    assert!(
        focused(&b).contains("skip"),
        "Tab did not reach the skip link: {}",
        focused(&b)
    );
    b.keys(&[], keys::ENTER);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(hash(&b), before, "the skip link changed the route");
    assert!(
        !focused(&b).starts_with("BODY") && !focused(&b).contains("skip"),
        "{}",
        focused(&b)
    );
    // An issue opened from home: focus on its heading, its date and paper in the title.
    open(&b, &format!("{}#/", index()));
    let home_title = b.eval("document.title");
    b.click("a[href^='#/issue/']");
    assert!(b.wait_for("document.getElementById('issue-view')", 10));
    assert!(
        b.wait_for(
            "document.activeElement && document.activeElement.tagName === 'H1'",
            5
        ),
        "focus after opening an issue: {}",
        focused(&b)
    );
    let title = b.eval("document.title");
    assert!(
        title != home_title && title.as_str().unwrap_or_default().contains("嘉兴日报"),
        "the issue's title: {title}"
    );
    // Text size and theme are in the header of every page.
    open(&b, &format!("{}#/", index()));
    b.click("#display-toggle");
    b.click("#display-controls .size-l");
    assert_eq!(b.eval("document.documentElement.dataset.size"), "l");
    b.click("#display-controls .theme-dark");
    assert_eq!(b.eval("document.documentElement.dataset.theme"), "dark");
    b.screenshot("interact-home-dark-large");
}

/// A packaged archive of one issue of two pages (a sample page printed
/// twice, dated by the file names), for the reader in `dist`.
fn two_page_archive(tmp: &std::path::Path) -> String {
    let samples = dist().join("../samples");
    let page = std::fs::read_dir(&samples)
        .expect("samples/")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .min()
        .unwrap();
    let pages = tmp.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    for n in [1, 2] {
        std::fs::copy(&page, pages.join(format!("1999-01-0{n}_p{n}.txt"))).unwrap();
    }
    // One date for both: the issue is 1999-01-01, its pages 1 and 2.
    std::fs::rename(
        pages.join("1999-01-02_p2.txt"),
        pages.join("1999-01-01_p2.txt"),
    )
    .unwrap();
    let (bundle, out) = (tmp.join("bundle"), tmp.join("archive"));
    run_kanbao(&[
        "build".as_ref(),
        pages.as_os_str(),
        "--out".as_ref(),
        bundle.as_os_str(),
        "--quiet".as_ref(),
    ]);
    package(&bundle, &dist(), &out);
    file_url(&out.join("index.html"))
}

#[test]
fn a_kiosk_page_jump_scrolls_to_its_page_and_adds_no_history() {
    // A kiosk captures every #/ link to keep the visit out of the browser's
    // history; an issue's 第N版 links must still do their own work.
    let tmp = kanbao_e2e::tempdir::TempDir::new(&format!("kanbao-jump-{}", std::process::id()));
    let base = two_page_archive(tmp.path());
    let b = Browser::start(1080, 900);
    open(&b, &format!("{base}?kiosk=1#/"));
    let issue = b.eval(
        "[...document.querySelectorAll('a[href^=\"#/issue/\"]')].map(a => a.getAttribute('href'))[0]",
    );
    let issue = issue
        .as_str()
        .expect("an issue link on the home page")
        .to_string();
    b.tap(&format!("a[href='{issue}']"));
    assert!(
        b.wait_for("document.querySelector('.page-jump a')", 10),
        "the two-page issue has no page jump"
    );
    let before = b.eval("history.length");
    let n = b
        .eval("document.querySelectorAll('.page-jump a').length")
        .as_u64()
        .unwrap();
    b.tap(&format!(".page-jump a:nth-child({n})"));
    std::thread::sleep(Duration::from_millis(600));
    let last = b
        .eval("document.querySelectorAll('section.page').length")
        .as_u64()
        .unwrap();
    let top = b
        .eval(&format!(
            "document.querySelectorAll('section.page')[{}].getBoundingClientRect().top",
            last - 1
        ))
        .as_f64()
        .unwrap();
    let header = b
        .eval("document.querySelector('header.site').getBoundingClientRect().bottom")
        .as_f64()
        .unwrap();
    b.screenshot("kiosk-page-jump");
    assert!(
        top >= header.max(0.0) - 1.0 && top < 400.0,
        "the last page's section is at {top} px (header bottom {header})"
    );
    assert_eq!(b.eval("history.length"), before, "the jump added history");
    assert_eq!(
        b.eval("document.activeElement.closest('section.page') === document.querySelectorAll('section.page')[document.querySelectorAll('section.page').length - 1]"),
        Value::Bool(true),
        "focus did not move to the page jumped to"
    );
}
