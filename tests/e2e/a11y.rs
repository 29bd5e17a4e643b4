//! Accessibility and layout of every view in a real browser: axe-core's
//! WCAG 2.1 A and AA rules and its target-size rule (home, an issue, an article, search with and
//! without results, kiosk with the on-screen keyboard open, dark theme,
//! English), no sideways scrolling from 320 to 1920 px in normal and kiosk
//! mode and at the largest text size, the first search result above the fold
//! on a phone, and no layout shift as the reader starts.
//!
//! axe-core comes from `cargo xtask setup` (npm, into the tools folder);
//! `cargo xtask test` passes its `axe.min.js` as KANBAO_AXE.

use std::time::Duration;

use kanbao_e2e::webdriver::Browser;
use kanbao_e2e::{dist, enc, file_url, serve};
use serde_json::{json, Value};

/// The rules axe runs: WCAG 2.0 and 2.1, levels A and AA.
const WCAG_TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

pub(crate) fn axe_source() -> String {
    let path = std::env::var_os("KANBAO_AXE").unwrap_or_else(|| {
        panic!(
            "KANBAO_AXE is not set: it names axe-core's axe.min.js, which `cargo xtask setup` \
             installs into .tools/npm/node_modules/axe-core/ (run the suite through `cargo xtask test`, \
             or set KANBAO_AXE=.tools/npm/node_modules/axe-core/axe.min.js)"
        )
    });
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "KANBAO_AXE={}: cannot read axe-core ({e}); run `cargo xtask setup`",
            path.to_string_lossy()
        )
    })
}

/// The reader opened from disk, as a USB stick is.
fn base() -> String {
    file_url(&dist().join("index.html"))
}

/// Reader preferences as the reader stores them (JSON strings in localStorage).
#[derive(Clone, Copy)]
struct Prefs {
    lang: &'static str,
    size: &'static str,
    theme: &'static str,
}

const DEFAULT: Prefs = Prefs {
    lang: "zh",
    size: "m",
    theme: "light",
};

/// Where a view is and what says it is ready.
#[derive(Clone)]
struct View {
    name: String,
    /// `#/…`, with `?kiosk=1` before it for a kiosk.
    route: String,
    kiosk: bool,
    ready: &'static str,
}

const HOME_READY: &str =
    "document.querySelector('#front-page .front-article') && document.querySelector('#calendar .day')";
const ISSUE_READY: &str = "document.querySelector('#issue-view .article-item')";
const ARTICLE_READY: &str = "document.querySelector('#article-view #article-body p')";
const RESULTS_READY: &str = "document.querySelector('#results .hit')";
const NO_RESULTS_READY: &str = "document.querySelector('#no-results')";

/// Opens `route` with `prefs` in place before the reader starts, and waits
/// until `ready`; in a kiosk with the on-screen keyboard open when `osk`.
fn open(b: &Browser, route: &str, kiosk: bool, prefs: Prefs, ready: &str, osk: bool) {
    let base = base();
    let url = if kiosk {
        format!("{base}?kiosk=1{route}")
    } else {
        format!("{base}{route}")
    };
    // Preferences first (same origin), then a fresh load of the view.
    b.goto(&base);
    b.script(&format!(
        "localStorage.clear(); sessionStorage.clear();
         localStorage.setItem('kanbao.lang', JSON.stringify({:?}));
         localStorage.setItem('kanbao.size', JSON.stringify({:?}));
         localStorage.setItem('kanbao.theme', JSON.stringify({:?}));",
        prefs.lang, prefs.size, prefs.theme
    ));
    b.goto("about:blank");
    b.goto(&url);
    assert!(
        b.wait_for(ready, 20),
        "{url}: the view never became ready ({ready}): {}",
        b.eval("document.body.innerHTML.slice(0, 2000)")
    );
    if osk {
        b.click(".osk-toggle");
        assert!(
            b.wait_for("document.querySelector('#osk-keys .osk-key')", 10),
            "{url}: the on-screen keyboard did not open"
        );
    }
    // Late parts (related articles, the offline line) and a frame to lay out.
    std::thread::sleep(Duration::from_millis(400));
}

/// Types `pinghu` into the search box as a visitor does (real keys, or taps
/// on the on-screen keyboard in a kiosk) and waits for the pinyin suggestions;
/// whether they came.
fn show_suggestions(b: &Browser, kiosk: bool) -> bool {
    if kiosk {
        if b.eval("!!document.querySelector('.osk-key[data-key=p]')") != json!(true) {
            return false;
        }
        for c in "pinghu".chars() {
            b.tap(&format!(".osk-key[data-key=\"{c}\"]"));
        }
    } else {
        b.send_keys("#q", "pinghu");
    }
    let shown = b.wait_for("document.querySelector('#suggestions [role=option]')", 10);
    std::thread::sleep(Duration::from_millis(500));
    shown
}

/// Sets the viewport to exactly `width`×`height` CSS pixels.
pub(crate) fn viewport(b: &Browser, width: u32, height: u32) {
    b.cdp(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
    );
}

/// Hrefs of an issue and an article from the home page (`#/issue/…`, `#/article/…`).
fn sample_routes(b: &Browser) -> (String, String) {
    open(b, "#/", false, DEFAULT, HOME_READY, false);
    let issue = b.eval("document.querySelector('#front-title a').getAttribute('href')");
    let article = b.eval(
        "document.querySelector('#front-page .front-article a.headline').getAttribute('href')",
    );
    (
        issue.as_str().expect("an issue link").to_string(),
        article.as_str().expect("an article link").to_string(),
    )
}

/// Every view the audit covers, in Chinese.
fn views(b: &Browser) -> Vec<View> {
    let (issue, article) = sample_routes(b);
    let v = |name: &str, route: String, kiosk: bool, ready: &'static str| View {
        name: name.to_string(),
        route,
        kiosk,
        ready,
    };
    vec![
        v("home", "#/".into(), false, HOME_READY),
        v("issue", issue, false, ISSUE_READY),
        v("article", article, false, ARTICLE_READY),
        v(
            "search",
            format!("#/search?q={}", enc("平湖")),
            false,
            RESULTS_READY,
        ),
        v(
            "search-none",
            format!("#/search?q={}", enc("鲸鱼潜水艇")),
            false,
            NO_RESULTS_READY,
        ),
        v(
            "kiosk-search",
            format!("#/search?q={}", enc("羽绒服")),
            true,
            RESULTS_READY,
        ),
        v("kiosk-home", "#/".into(), true, HOME_READY),
    ]
}

/// axe-core's WCAG 2.1 A/AA violations in the page as it is now.
pub(crate) fn axe(b: &Browser, source: &str) -> Vec<Value> {
    if b.eval("typeof window.axe") != json!("object") {
        b.script(&format!(
            "const s = document.createElement('script'); s.textContent = {}; document.head.appendChild(s);",
            serde_json::to_string(source).unwrap()
        ));
    }
    // The WCAG 2.1 rules, and target size (a 2.2 rule, for the kiosk's
    // touch screen and phones).
    let out = b.script_async(&format!(
        "const opts = {{ resultTypes: ['violations'] }};
         const brief = r => r.violations.map(v => ({{ id: v.id, impact: v.impact, help: v.help,
             nodes: v.nodes.map(n => ({{ target: n.target.join(' '), summary: n.failureSummary }})) }}));
         axe.run(document, {{ ...opts, runOnly: {{ type: 'tag', values: {} }} }})
           .then(a => axe.run(document, {{ ...opts, runOnly: {{ type: 'rule', values: ['target-size'] }} }})
             .then(b => done(brief(a).concat(brief(b)))))
           .catch(e => done({{ error: String(e) }}));",
        json!(WCAG_TAGS)
    ));
    assert!(out.get("error").is_none(), "axe-core failed: {out}");
    out.as_array().cloned().unwrap_or_default()
}

/// A violation as one line per element: rule, impact, selector, why.
pub(crate) fn describe(view: &str, v: &Value) -> String {
    let mut s = format!(
        "[{view}] {} ({}): {}\n",
        v["id"].as_str().unwrap_or("?"),
        v["impact"].as_str().unwrap_or("?"),
        v["help"].as_str().unwrap_or("")
    );
    for n in v["nodes"].as_array().into_iter().flatten() {
        let why = n["summary"]
            .as_str()
            .unwrap_or("")
            .replace('\n', " ")
            .chars()
            .take(220)
            .collect::<String>();
        s.push_str(&format!(
            "    {}  — {why}\n",
            n["target"].as_str().unwrap_or("?")
        ));
    }
    s
}

#[test]
fn axe_finds_no_wcag21_aa_violations_in_any_view() {
    let source = axe_source();
    let b = Browser::start(1280, 900);
    viewport(&b, 1280, 900);
    let views = views(&b);
    let dark = Prefs {
        theme: "dark",
        ..DEFAULT
    };
    let english = Prefs {
        lang: "en",
        ..DEFAULT
    };
    let mut cases: Vec<(String, View, Prefs, bool)> = Vec::new();
    for v in &views {
        let osk = v.kiosk;
        cases.push((v.name.clone(), v.clone(), DEFAULT, osk));
        // Dark and English over the main views; the kiosk with its keyboard in both.
        if v.name != "search-none" {
            cases.push((format!("{}-dark", v.name), v.clone(), dark, osk));
            cases.push((format!("{}-en", v.name), v.clone(), english, osk));
        }
    }
    let mut report = String::new();
    let mut counts = Vec::new();
    // Pinyin suggestions open, typed and tapped.
    for (name, kiosk, prefs) in [
        ("suggestions", false, DEFAULT),
        ("suggestions-dark", false, dark),
        ("kiosk-suggestions", true, DEFAULT),
        ("kiosk-suggestions-dark", true, dark),
    ] {
        open(&b, "#/", kiosk, prefs, HOME_READY, kiosk);
        if !show_suggestions(&b, kiosk) {
            report.push_str(&format!(
                "[{name}] no pinyin suggestions appeared for pinghu\n"
            ));
        }
        let found = axe(&b, &source);
        b.screenshot(&format!("a11y-{name}"));
        counts.push(format!("{name}: {} rules", found.len()));
        for f in &found {
            report.push_str(&describe(name, f));
        }
    }
    // axe itself works here: a planted image without a text alternative is found.
    open(&b, "#/", false, DEFAULT, HOME_READY, false);
    b.script("const i = document.createElement('img'); i.id = 'axe-probe'; i.src = 'icon.svg'; document.querySelector('#main').appendChild(i);");
    let planted = axe(&b, &source);
    assert!(
        planted.iter().any(|v| v["id"] == "image-alt"),
        "axe-core did not find a planted image without alt: {planted:?}"
    );
    // Over http too: the footer's offline line offers the whole archive there.
    let http = format!("{}index.html", serve(&dist()));
    for (name, v, prefs, osk) in &cases {
        open(&b, &v.route, v.kiosk, *prefs, v.ready, *osk);
        let found = axe(&b, &source);
        b.screenshot(&format!("a11y-{name}"));
        let nodes: usize = found
            .iter()
            .map(|v| v["nodes"].as_array().map_or(0, Vec::len))
            .sum();
        counts.push(format!("{name}: {} rules, {nodes} nodes", found.len()));
        for f in &found {
            report.push_str(&describe(name, f));
        }
    }
    b.goto(&format!("{http}#/"));
    assert!(b.wait_for(HOME_READY, 20), "http home never ready");
    std::thread::sleep(Duration::from_millis(600));
    let found = axe(&b, &source);
    counts.push(format!("home-http: {} rules", found.len()));
    for f in &found {
        report.push_str(&describe("home-http", f));
    }
    println!(
        "axe-core WCAG 2.1 A/AA violations per view:\n  {}",
        counts.join("\n  ")
    );
    assert!(
        report.is_empty(),
        "axe-core found WCAG 2.1 A/AA violations:\n{report}"
    );
}

/// Elements that stick out past the right edge, for the failure message.
pub(crate) const WIDER_THAN_VIEWPORT: &str = "
    const w = innerWidth, out = [];
    for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > w + 0.5) {
            const parent = el.parentElement && el.parentElement.getBoundingClientRect();
            // Report the outermost: skip children of an element already too wide.
            if (!parent || parent.right <= w + 0.5) {
                out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
                    ' right=' + Math.round(r.right));
            }
        }
    }
    return out.slice(0, 6).join(', ');";

#[test]
fn no_view_scrolls_sideways_from_320_to_1920_px() {
    let b = Browser::start(1280, 900);
    viewport(&b, 1280, 900);
    let views = views(&b);
    let large = Prefs {
        size: "l",
        ..DEFAULT
    };
    let mut failures = Vec::new();
    let mut table = Vec::new();
    for width in [320u32, 360, 768, 1280, 1920] {
        viewport(&b, width, 800);
        let mut row = Vec::new();
        for v in views.iter().filter(|v| !v.kiosk) {
            for kiosk in [false, true] {
                for (size, prefs) in [("m", DEFAULT), ("l", large)] {
                    open(&b, &v.route, kiosk, prefs, v.ready, kiosk);
                    let sw = b
                        .eval("document.documentElement.scrollWidth")
                        .as_f64()
                        .unwrap();
                    let iw = b.eval("innerWidth").as_f64().unwrap();
                    let mode = if kiosk { "kiosk" } else { "normal" };
                    if sw > iw {
                        failures.push(format!(
                            "{width}px {mode} text {size} {}: scrollWidth {sw} > innerWidth {iw}; too wide: {}",
                            v.name,
                            b.script(WIDER_THAN_VIEWPORT).as_str().unwrap_or("")
                        ));
                        row.push(format!("{}/{mode}/{size} {sw}", v.name));
                    }
                    if size == "m" && (width == 360 || width == 1280) {
                        b.screenshot(&format!("a11y-{width}-{mode}-{}", v.name));
                    }
                }
            }
        }
        table.push(format!(
            "{width}px: {}",
            if row.is_empty() {
                "no overflow".to_string()
            } else {
                row.join(", ")
            }
        ));
    }
    println!("horizontal overflow by width:\n  {}", table.join("\n  "));
    assert!(
        failures.is_empty(),
        "pages scroll sideways:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_first_result_is_above_the_fold_on_a_phone() {
    let b = Browser::start(360, 640);
    let route = format!("#/search?q={}", enc("平湖"));
    let mut failures = Vec::new();
    for (name, prefs) in [
        ("light", DEFAULT),
        (
            "dark",
            Prefs {
                theme: "dark",
                ..DEFAULT
            },
        ),
    ] {
        viewport(&b, 360, 640);
        open(&b, &route, false, prefs, RESULTS_READY, false);
        b.screenshot(&format!("a11y-fold-360-{name}"));
        let top = b
            .eval("document.querySelector('#results .hit').getBoundingClientRect().top")
            .as_f64()
            .unwrap();
        let fold = b.eval("innerHeight").as_f64().unwrap();
        println!("360×640 {name}: first result at {top:.0} px (fold {fold})");
        if top >= fold {
            failures.push(format!("{name}: first result at {top} px, fold at {fold}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_reader_starts_without_shifting_its_layout() {
    let b = Browser::start(1280, 900);
    let (issue, article) = sample_routes(&b);
    let mut failures = Vec::new();
    for (width, height) in [(1280u32, 900u32), (360, 640)] {
        viewport(&b, width, height);
        for (name, route, ready) in [
            ("home", "#/".to_string(), HOME_READY),
            ("issue", issue.clone(), ISSUE_READY),
            ("article", article.clone(), ARTICLE_READY),
            (
                "search",
                format!("#/search?q={}", enc("平湖")),
                RESULTS_READY,
            ),
        ] {
            open(&b, &route, false, DEFAULT, ready, false);
            std::thread::sleep(Duration::from_millis(600));
            // Layout shifts are buffered from the page's start.
            let v = b.script_async(
                "const got = [];
                 const po = new PerformanceObserver(l => got.push(...l.getEntries()));
                 po.observe({ type: 'layout-shift', buffered: true });
                 setTimeout(() => {
                   got.push(...po.takeRecords());
                   po.disconnect();
                   const shifts = got.filter(e => !e.hadRecentInput);
                   const sum = shifts.reduce((a, e) => a + e.value, 0);
                   const worst = shifts.sort((a, b) => b.value - a.value).slice(0, 3).map(e =>
                     e.value.toFixed(3) + ' at ' + Math.round(e.startTime) + ' ms: ' +
                     e.sources.map(s => (s.node ? (s.node.id || s.node.className || s.node.nodeName) : '?') +
                       ' ' + [s.previousRect, s.currentRect].map(r => [r.x, r.y, r.width, r.height].map(Math.round).join(',')).join('→')).join('; '));
                   done({ sum, worst });
                 }, 300);",
            );
            let sum = v["sum"].as_f64().unwrap_or(0.0);
            println!("{width}px {name}: layout shift {sum:.3} {}", v["worst"]);
            if sum >= 0.1 {
                failures.push(format!(
                    "{width}px {name}: cumulative layout shift {sum:.3}: {}",
                    v["worst"]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_scrolled_page_keeps_most_of_the_screen_for_reading() {
    // The sticky header follows the reader down the page; it must not take
    // a screen's worth with it (a kiosk's keyboard open at 360 px made it
    // 334 px tall), so wherever it would be tall it scrolls away instead.
    let b = Browser::start(1280, 900);
    let route = format!("#/search?q={}", enc("平湖"));
    let mut failures = Vec::new();
    for (width, height, kiosk, osk) in [
        (360, 640, false, false),
        (740, 360, false, false),
        (360, 740, true, true),
        (768, 1024, true, true),
        (1080, 1920, true, true),
        (1920, 1080, true, true),
    ] {
        viewport(&b, width, height);
        open(&b, &route, kiosk, DEFAULT, RESULTS_READY, osk);
        b.script("window.scrollTo(0, document.documentElement.scrollHeight)");
        std::thread::sleep(Duration::from_millis(300));
        let covered = b
            .eval(
                "(() => { const r = document.querySelector('header.site').getBoundingClientRect();
                  return Math.max(0, Math.min(r.bottom, innerHeight)) / innerHeight; })()",
            )
            .as_f64()
            .unwrap();
        let name = format!(
            "{width}×{height}{}",
            if kiosk { " kiosk, keyboard open" } else { "" }
        );
        println!(
            "{name}: the header covers {:.0}% when scrolled",
            covered * 100.0
        );
        if covered > 0.25 {
            b.screenshot(&format!("a11y-header-{width}x{height}"));
            failures.push(format!("{name}: header covers {:.0}%", covered * 100.0));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
