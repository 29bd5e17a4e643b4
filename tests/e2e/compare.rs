//! Pagefind in headless Chromium, for `cargo xtask bench --compare-only` (an
//! ignored test; it needs a Pagefind site the xtask builds). Serves the site
//! over loopback, runs every query with Pagefind's own JS API in the page, and
//! writes the document numbers of all results (best first) and the latencies
//! to KANBAO_COMPARE_OUT for the xtask to score.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use kanbao_e2e::webdriver::Browser;

/// Runs in the page: each query once (loading what it needs, then every
/// result's data, to map URLs back to documents), then again, timed, warm:
/// `search()` plus `data()` of the first 10 results, as a results page needs.
const SCRIPT: &str = r#"
window.__result = null;
(async () => {
  try {
    const pf = await import('/pagefind/pagefind.js');
    await pf.init();
    const doc = (url) => Number(url.match(/(\d+)\.html/)[1]);
    const out = [];
    for (const q of window.__queries) {
      const t = performance.now();
      const s = await pf.search(q);
      await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
      const first = performance.now() - t;
      const all = await Promise.all(s.results.map((r) => r.data()));
      out.push({ ids: all.map((d) => doc(d.url)), first_ms: first });
    }
    for (let i = 0; i < out.length; i++) {
      const t = performance.now();
      const s = await pf.search(window.__queries[i]);
      await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
      out[i].ms = performance.now() - t;
    }
    window.__result = {
      browser: 'Chromium ' + (navigator.userAgent.match(/Chrome\/(\d+)/) || [])[1],
      heap_bytes: performance.memory ? performance.memory.usedJSHeapSize : null,
      results: out,
    };
  } catch (e) {
    window.__result = { error: String((e && e.stack) || e) };
  }
})();
return true;
"#;

fn env_path(name: &str) -> PathBuf {
    std::env::var_os(name)
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("{name} is not set: run `cargo xtask bench --compare-only`"))
}

#[test]
#[ignore = "benchmark: run by cargo xtask bench"]
fn compare_pagefind() {
    let site = env_path("KANBAO_COMPARE_SITE");
    let queries = std::fs::read_to_string(env_path("KANBAO_COMPARE_QUERIES")).unwrap();
    let out = env_path("KANBAO_COMPARE_OUT");
    let base = kanbao_e2e::serve(&site);
    let b = Browser::start(1280, 900);
    b.goto(&format!("{base}index.html"));
    b.script(&format!("window.__queries = {queries};{SCRIPT}"));
    // Poll rarely: the page is timing itself on a small machine.
    let started = Instant::now();
    let result = loop {
        std::thread::sleep(Duration::from_millis(500));
        let v = b.script("return window.__result;");
        if !v.is_null() {
            break v;
        }
        assert!(
            started.elapsed() < Duration::from_secs(1800),
            "Pagefind queries did not finish in 30 minutes"
        );
    };
    assert!(result["error"].is_null(), "Pagefind: {}", result["error"]);
    println!(
        "Pagefind in {}: {} queries in {:.0} s; JS heap after them {:.0} MB",
        result["browser"].as_str().unwrap_or("Chromium"),
        result["results"].as_array().map_or(0, Vec::len),
        started.elapsed().as_secs_f64(),
        result["heap_bytes"].as_f64().unwrap_or(0.0) / 1e6
    );
    std::fs::write(&out, result.to_string()).unwrap();
}
