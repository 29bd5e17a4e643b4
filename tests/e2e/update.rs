//! A bundle replaced under a reader that keeps it offline (issue 19: files
//! are content-addressed so the service worker fetches only what is new): over
//! http, after the bundle gains a document shard, only the new and changed
//! files come over the network, the worker's cache drops the files of the
//! old bundle, and the reader still shows and searches everything.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use kanbao_bundle::codec::fnv1a64;
use kanbao_bundle::{doc_shard_file, shard, DocShardEntry, Manifest, MANIFEST_FILE};
use kanbao_e2e::tempdir::TempDir;
use kanbao_e2e::webdriver::{keys, Browser};
use kanbao_e2e::{bundle_json, copy_dir, dist, package, serve_logged};
use serde_json::{json, Value};

fn read_manifest(bundle: &Path) -> Manifest {
    let text = std::fs::read_to_string(bundle.join(MANIFEST_FILE)).unwrap();
    serde_json::from_str(shard::decode(MANIFEST_FILE, &text).unwrap()).unwrap()
}

/// Every file of `bundle` on disk but the manifest, by name.
fn files_on_disk(bundle: &Path) -> Vec<String> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            if e.file_type().unwrap().is_dir() {
                walk(&e.path(), root, out);
            } else {
                let name = e
                    .path()
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                if name != MANIFEST_FILE {
                    out.push(name);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(bundle, bundle, &mut out);
    out
}

/// The absolute URLs the reader at `site` loads `bundle`'s files from.
fn urls(site: &str, bundle: &Path) -> BTreeSet<String> {
    let m = read_manifest(bundle);
    files_on_disk(bundle)
        .iter()
        .map(|f| format!("{site}bundle/{}", m.url_of(f)))
        .collect()
}

/// Splits the last document shard of `bundle` in two, as an addition of
/// documents does (the old shard's file changes, a new one follows), and
/// rewrites the manifest; returns the id and headline of the first article
/// of the new shard. The index and the other files stay as they are.
fn split_last_doc_shard(bundle: &Path) -> (String, String) {
    let mut m = read_manifest(bundle);
    let last = m.doc_shards.pop().expect("a document shard");
    let text = std::fs::read_to_string(bundle.join(&last.file)).unwrap();
    let old: Value = serde_json::from_str(shard::decode(&last.file, &text).unwrap()).unwrap();
    let articles = old["articles"].as_array().unwrap();
    assert!(
        articles.len() >= 2,
        "{}: one article, nothing to split",
        last.file
    );
    let (a, b) = articles.split_at(articles.len() / 2);
    let mut new_file = String::new();
    for (part, first_doc) in [(a, last.first_doc), (b, last.first_doc + a.len() as u32)] {
        let file = doc_shard_file(m.doc_shards.len());
        let json = json!({
            "format_version": old["format_version"],
            "first_doc": first_doc,
            "articles": part,
        });
        let text = shard::encode(&file, &json.to_string());
        std::fs::write(bundle.join(&file), &text).unwrap();
        m.doc_shards.push(DocShardEntry {
            file: file.clone(),
            first_doc,
            count: part.len() as u32,
            bytes: text.len() as u64,
            hash: fnv1a64(text.as_bytes()) as u32,
        });
        new_file = file;
    }
    let manifest = shard::encode(MANIFEST_FILE, &serde_json::to_string(&m).unwrap());
    std::fs::write(bundle.join(MANIFEST_FILE), manifest).unwrap();
    let moved: Value = serde_json::from_str(&bundle_json(bundle, &bundle.join(&new_file))).unwrap();
    let first = &moved["articles"][0];
    (
        first["id"].as_str().unwrap().to_string(),
        first["headline"].as_str().unwrap().to_string(),
    )
}

/// The URLs in the service worker's cache of bundle files.
fn files_cache(b: &Browser) -> BTreeSet<String> {
    let v = b.script_async(
        "caches.keys().then(function (ks) { \
           var k = ks.filter(function (k) { return / files$/.test(k); })[0]; \
           return k ? caches.open(k).then(function (c) { return c.keys(); }) : []; \
         }).then(function (rs) { done(rs.map(function (r) { return r.url; })); }, \
                 function (e) { done(String(e)); });",
    );
    v.as_array()
        .unwrap_or_else(|| panic!("cannot read the cache: {v}"))
        .iter()
        .map(|u| u.as_str().unwrap().to_string())
        .collect()
}

/// Opens the reader at `url`, waits until the service worker serves it, and
/// keeps the whole archive with the footer's button; returns the worker's URL.
fn open_and_keep_all(b: &Browser, url: &str) -> String {
    b.goto(url);
    assert!(
        b.wait_for("document.documentElement.dataset.offline === 'ready'", 30),
        "the service worker never took control"
    );
    b.click("#offline[data-state=ready] button");
    assert!(
        b.wait_for(
            "document.querySelector('#offline[data-state=complete]')",
            30
        ),
        "download did not finish: {}",
        b.eval("document.querySelector('#offline').outerHTML")
    );
    b.eval("navigator.serviceWorker.controller.scriptURL")
        .as_str()
        .unwrap()
        .to_string()
}

/// The bundle files (but the manifest) asked of the server since `from`.
fn bundle_requests(log: &kanbao_e2e::RequestLog, from: usize) -> BTreeSet<String> {
    log.lock().unwrap()[from..]
        .iter()
        .filter_map(|l| l.split(' ').nth(1))
        .filter(|p| p.starts_with("/bundle/") && !p.starts_with("/bundle/manifest.js"))
        .map(str::to_string)
        .collect()
}

#[test]
fn over_http_a_bundle_with_one_more_shard_fetches_only_its_new_files() {
    let tmp = TempDir::new(&format!("kanbao-update-{}", std::process::id()));
    let site_dir = tmp.path().join("site");
    package(&dist().join("bundle"), &dist(), &site_dir);
    let bundle = site_dir.join("bundle");
    let next = tmp.path().join("next");
    copy_dir(&bundle, &next);
    let (moved_id, moved_headline) = split_last_doc_shard(&next);

    let (site, log) = serve_logged(&site_dir);
    let before = urls(&site, &bundle);
    let after = urls(&site, &next);
    let new: BTreeSet<String> = after.difference(&before).cloned().collect();
    let gone: BTreeSet<String> = before.difference(&after).cloned().collect();
    assert_eq!(new.len(), 2, "the split shard and the new one: {new:?}");
    assert_eq!(gone.len(), 1, "the split shard's old URL: {gone:?}");

    let b = Browser::start(1280, 900);
    let worker = open_and_keep_all(&b, &format!("{site}index.html#/"));
    assert_eq!(
        files_cache(&b),
        before,
        "kept for offline use: every file of the bundle, by its URL"
    );

    // The host gets the new bundle; the reader opens again.
    let from = log.lock().unwrap().len();
    std::fs::remove_dir_all(&bundle).unwrap();
    copy_dir(&next, &bundle);
    b.refresh();
    // A new worker for the new manifest, done taking over (old caches gone).
    assert!(
        b.wait_for(
            &format!(
                "(function (c) {{ return c && c.scriptURL !== {} && c.state === 'activated'; }})(navigator.serviceWorker.controller)",
                json!(worker)
            ),
            30
        ),
        "no new worker for the new bundle"
    );
    assert!(b.wait_for("document.getElementById('issue-list')", 20));
    let m = read_manifest(&bundle);
    let summary = b.eval("document.querySelector('.issues-section .summary').textContent");
    let summary = summary.as_str().unwrap_or_default();
    assert!(
        summary.starts_with(&format!("{} ", m.issues.len()))
            && summary.contains(&format!(" {} ", m.article_count)),
        "every issue and article counted: {summary}"
    );

    // A search for an article now in the new shard, typed, and its hit opened.
    let hit = typed_search_hit(&b, &moved_headline, &moved_id);
    b.screenshot("update-search-new-shard");
    opens_with_headline(&b, &hit, &moved_headline);

    // Keeping the whole archive again fetches what is new, and the worker's
    // cache holds the new bundle's files only.
    b.goto(&format!("{site}index.html#/"));
    assert!(b.wait_for("document.querySelector('#offline[data-state]')", 20));
    if b.eval("document.querySelector('#offline').dataset.state") == "ready" {
        b.click("#offline[data-state=ready] button");
    }
    assert!(
        b.wait_for(
            "document.querySelector('#offline[data-state=complete]')",
            30
        ),
        "second download did not finish"
    );
    // The page tells the new worker its bundle's files once it is in control.
    let until = std::time::Instant::now() + Duration::from_secs(20);
    let mut cached = files_cache(&b);
    while cached != after && std::time::Instant::now() < until {
        std::thread::sleep(Duration::from_millis(200));
        cached = files_cache(&b);
    }
    assert_eq!(
        cached, after,
        "the cache after the change: the new bundle's files, the old shard dropped"
    );

    let fetched: BTreeSet<String> = bundle_requests(&log, from)
        .into_iter()
        .map(|p| format!("{}{}", site.trim_end_matches('/'), p))
        .collect();
    assert_eq!(
        fetched, new,
        "over the network after the change: the new and changed files only"
    );
}

/// The headline and id of the news article of the bundle's last issue with
/// the longest headline.
fn last_issue_article(bundle: &Path) -> (String, String) {
    let text = std::fs::read_to_string(bundle.join(MANIFEST_FILE)).unwrap();
    let mut archive = kanbao_bundle::Archive::open(&text).unwrap();
    let docs = archive.manifest.issues.last().unwrap().docs();
    let articles = archive
        .resolve(
            |f| std::fs::read_to_string(bundle.join(f)),
            |a| {
                a.articles(docs.clone())
                    .map(|v| v.into_iter().map(|(_, a)| a.clone()).collect::<Vec<_>>())
            },
        )
        .unwrap();
    let a = articles
        .into_iter()
        .filter(|a| a.kind == kanbao_bundle::ArticleKind::News)
        .max_by_key(|a| a.headline.chars().count())
        .unwrap();
    (a.headline, a.id)
}

/// An issue added to a bundle (`kanbao build --into`: its own document
/// shards and an index segment), then added again (replacing it), is counted
/// once on the front page and found once by a typed search in the reader
/// from disk, the segment's term shards loaded by `<script>` beside the
/// index's, and its hit opens.
#[test]
fn from_disk_an_added_issue_is_found_by_a_typed_search_and_opens() {
    let tmp = TempDir::new("kanbao-e2e-added");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples");
    let mut pages: Vec<_> = std::fs::read_dir(&samples)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    pages.sort();
    let last = pages.pop().unwrap();
    let bundle = tmp.path().join("bundle");
    let mut args: Vec<&std::ffi::OsStr> = vec!["build".as_ref(), "-q".as_ref(), "--out".as_ref()];
    args.push(bundle.as_os_str());
    args.extend(pages.iter().map(|p| p.as_os_str()));
    kanbao_e2e::run_kanbao(&args);
    // Added twice: the second replaces the first (its documents stay in
    // their shards, unlisted), and the two segments merge into one.
    for _ in 0..2 {
        kanbao_e2e::run_kanbao(&[
            "build".as_ref(),
            "-q".as_ref(),
            "--into".as_ref(),
            bundle.as_os_str(),
            last.as_os_str(),
        ]);
    }
    let m = read_manifest(&bundle);
    assert_eq!(m.segments.len(), 1);
    assert!(m.has_unlisted_docs());
    let (headline, id) = last_issue_article(&bundle);
    let site = tmp.path().join("site");
    package(&bundle, &dist(), &site);

    let b = Browser::start(1280, 900);
    b.goto(&format!(
        "{}#/",
        kanbao_e2e::file_url(&site.join("index.html"))
    ));
    assert!(b.wait_for("document.getElementById('issue-list')", 20));
    let summary = b.eval("document.querySelector('.summary').textContent");
    let summary = summary.as_str().unwrap_or_default();
    assert!(
        summary.contains(&format!(" {} ", m.listed_articles())),
        "the replaced issue's articles are not counted: {summary}"
    );
    let hit = typed_search_hit(&b, &headline, &id);
    let same = b.eval(&format!("document.querySelectorAll({}).length", json!(hit)));
    assert_eq!(same, json!(1), "found once, not with its replaced copy");
    b.screenshot("added-issue-search");
    opens_with_headline(&b, &hit, headline.trim());
}

/// Types `query` into the search box and waits for the hit linking to
/// article `id`; its selector.
fn typed_search_hit(b: &Browser, query: &str, id: &str) -> String {
    b.click("#q");
    b.send_keys("#q", &format!("{query}{}", keys::ENTER));
    let hit = format!("#results a[href^=\"#/article/{id}\"]");
    assert!(
        b.wait_for(&format!("document.querySelector({})", json!(hit)), 20),
        "no hit for {query}: {}",
        b.eval("document.body.innerText.slice(0, 1000)")
    );
    hit
}

/// Clicks the hit `hit` and checks the article that opens shows `headline`.
fn opens_with_headline(b: &Browser, hit: &str, headline: &str) {
    b.click(hit);
    assert!(
        b.wait_for("document.getElementById('article-view')", 20),
        "the hit does not open"
    );
    let shown = b.eval("document.querySelector('#article-view .headline').textContent");
    assert!(
        shown.as_str().unwrap_or_default().contains(headline),
        "{shown}"
    );
}
