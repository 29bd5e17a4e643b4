//! `kanbao package`: the packaged sample archive from a USB-stick-like path
//! (spaces and Chinese in it), over http with its offline files, damaged,
//! read-only, as one html file, and as a kiosk.

use std::path::{Path, PathBuf};

use kanbao_e2e::tempdir::TempDir;
use kanbao_e2e::webdriver::Browser;
use kanbao_e2e::{article_links, bundle_json, dist, dom, enc, file_url, http_get, root_tag, serve};

/// Packages the sample archive into `<tmp>/U盘 archive/<name>` with `extra` options.
fn package(tag: &str, name: &str, extra: &[&str]) -> (TempDir, PathBuf) {
    let tmp = TempDir::new(&format!("kanbao-package-{tag}-{}", std::process::id()));
    let out = tmp.path().join("U盘 archive").join(name);
    let dist = dist();
    let mut args = vec![
        "kanbao".to_string(),
        "package".into(),
        dist.join("bundle").to_string_lossy().into_owned(),
        "--reader".into(),
        dist.to_string_lossy().into_owned(),
        "--out".into(),
        out.to_string_lossy().into_owned(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let code = kanbao::cli::run(args).expect("package");
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    (tmp, out)
}

fn bases(dir: &Path) -> Vec<(&'static str, String)> {
    vec![
        ("file", file_url(&dir.join("index.html"))),
        ("http", format!("{}index.html", serve(dir))),
    ]
}

/// Search for 羽绒服 lists hits and one opens the 周军波 article.
fn assert_search_works(how: &str, base: &str) {
    let d = dom(&format!("{base}#/search?q={}", enc("羽绒服")));
    assert!(d.contains("<mark>羽绒服</mark>"), "{how}: no hits:\n{d}");
    let href = article_links(&d).into_iter().next().expect("a hit");
    let a = dom(&format!("{base}{href}"));
    assert!(
        a.contains("id=\"article-view\""),
        "{how}: hit does not open:\n{a}"
    );
}

#[test]
fn a_package_opens_from_a_path_with_spaces_and_chinese_and_over_http() {
    let (_tmp, out) = package("usb", "看报 样本", &[]);
    for f in [
        "index.html",
        "config.js",
        "sw.js",
        "manifest.webmanifest",
        "bundle/manifest.js",
    ] {
        assert!(out.join(f).is_file(), "{f} missing from the package");
    }
    for (how, base) in bases(&out) {
        let home = dom(&format!("{base}#/"));
        assert!(
            home.contains("id=\"issue-list\""),
            "{how}: no issue list:\n{home}"
        );
        assert_search_works(how, &base);
        if how == "file" {
            assert!(
                home.contains("data-state=\"file\"") && home.contains("无需网络"),
                "{how}: no from-disk note:\n{home}"
            );
        }
    }
}

#[test]
fn over_http_the_app_manifest_and_service_worker_are_served_and_used() {
    let (_tmp, out) = package("pwa", "pwa", &[]);
    let base = serve(&out);
    let (status, head, body) = http_get(&format!("{base}manifest.webmanifest"));
    assert_eq!(status, 200);
    let m: serde_json::Value = serde_json::from_slice(&body).expect("manifest is JSON");
    assert_eq!(m["start_url"], "./");
    assert_eq!(m["scope"], "./");
    assert_eq!(m["display"], "standalone");
    assert!(m["name"].as_str().unwrap().starts_with("看报"), "{m}");
    assert!(head.contains("application/json"), "{head}");
    for icon in m["icons"].as_array().unwrap() {
        let (status, _, bytes) = http_get(&format!("{base}{}", icon["src"].as_str().unwrap()));
        assert_eq!(status, 200, "{icon}");
        assert!(!bytes.is_empty());
    }
    let (status, head, body) = http_get(&format!("{base}sw.js"));
    assert_eq!(status, 200);
    assert!(head.contains("text/javascript"), "{head}");
    assert!(String::from_utf8_lossy(&body).contains("addEventListener(\"fetch\""));
    let (_, _, page) = http_get(&format!("{base}index.html"));
    let page = String::from_utf8_lossy(&page);
    assert!(page.contains("<link rel=\"manifest\" href=\"manifest.webmanifest\">"));
    assert!(page.contains("serviceWorker.register(\"sw.js?v=\""));
}

#[test]
fn over_http_the_whole_archive_can_be_kept_and_read_offline() {
    let (_tmp, out) = package("offline", "offline", &[]);
    let base = serve(&out);
    let browser = Browser::start(1280, 900);
    browser.goto(&format!("{base}index.html#/"));
    // The page registers the worker and, once it controls the page, says so.
    assert!(
        browser.wait_for("document.documentElement.dataset.offline === 'ready'", 30),
        "the service worker never took control: {}",
        browser.eval("document.documentElement.outerHTML.slice(0, 300)")
    );
    assert!(browser.wait_for(
        "document.querySelector('#offline[data-state=ready] button')",
        10
    ));
    assert_eq!(
        browser.eval("document.querySelector('#offline p').textContent"),
        "可离线使用：已读过的部分"
    );
    browser.eval("document.querySelector('#offline button').click()");
    assert!(
        browser.wait_for(
            "document.querySelector('#offline[data-state=complete]')",
            30
        ),
        "download did not finish: {}",
        browser.eval("document.querySelector('#offline').outerHTML")
    );
    assert_eq!(
        browser.eval("document.querySelector('#offline').textContent"),
        "整个档案已可离线使用"
    );

    // The server's folder goes away: everything now comes from the cache.
    std::fs::remove_dir_all(&out).unwrap();
    assert_eq!(http_get(&format!("{base}index.html")).0, 404);
    browser.goto(&format!("{base}index.html#/search?q={}", enc("羽绒服")));
    assert!(
        browser.wait_for("document.querySelector('#results mark')", 20),
        "search does not work offline: {}",
        browser.eval("document.body.innerHTML.slice(0, 2000)")
    );
    let cached = browser.eval(
        "document.querySelector('#offline') && document.querySelector('#offline').dataset.state",
    );
    assert_eq!(
        cached, "complete",
        "a fresh load knows the whole archive is kept"
    );
}

#[test]
fn a_deleted_shard_is_named_and_the_rest_still_opens() {
    let (_tmp, out) = package("damaged", "damaged", &[]);
    // Delete the document shard that holds the 羽绒服 article.
    let shard = std::fs::read_dir(out.join("bundle/docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| bundle_json(&out.join("bundle"), p).contains("羽绒服"))
        .expect("a shard with the 羽绒服 article");
    let name = format!("docs/{}", shard.file_name().unwrap().to_string_lossy());
    std::fs::remove_file(&shard).unwrap();
    let named =
        |d: &str| d.contains("role=\"alert\"") && d.contains("缺少档案文件") && d.contains(&name);
    for (how, base) in bases(&out) {
        let home = dom(&format!("{base}#/"));
        assert!(
            home.contains("id=\"issue-list\""),
            "{how}: home should open:\n{home}"
        );
        let url = format!("{base}#/search?q={}", enc("羽绒服"));
        let d = dom(&url);
        assert!(
            named(&d),
            "{how}: {url} does not name the missing {name}:\n{d}"
        );
        // Some issue needs the shard too, and says so; the others still open.
        let issues: Vec<String> = home
            .match_indices("href=\"#/issue/")
            .map(|(i, _)| {
                let rest = &home[i + 6..];
                rest[..rest.find('"').unwrap()].to_string()
            })
            .collect();
        let views: Vec<String> = issues.iter().map(|i| dom(&format!("{base}{i}"))).collect();
        assert!(
            views.iter().any(|d| named(d)),
            "{how}: no issue view names {name}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_copy_opens_from_disk() {
    let (_tmp, out) = package("readonly", "只读 copy", &[]);
    let base = file_url(&out.join("index.html"));
    set_writable(&out, false);
    let home = dom(&format!("{base}#/"));
    let search = dom(&format!("{base}#/search?q={}", enc("羽绒服")));
    set_writable(&out, true);
    assert!(home.contains("id=\"issue-list\""), "{home}");
    assert!(search.contains("<mark>羽绒服</mark>"), "{search}");
}

/// `chmod -R a-w`, or `u+w` back so the folder can be removed.
#[cfg(unix)]
fn set_writable(path: &Path, writable: bool) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).unwrap().permissions().mode();
    let mode = if writable {
        mode | 0o200
    } else {
        mode & !0o222
    };
    if writable {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    if path.is_dir() {
        for e in std::fs::read_dir(path).unwrap() {
            set_writable(&e.unwrap().path(), writable);
        }
    }
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_single_file_package_opens_and_searches() {
    let (_tmp, out) = package("single", "看报 样本.html", &["--single-file"]);
    let dir = out.parent().unwrap();
    let alone: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    assert_eq!(
        alone.len(),
        1,
        "a single file, nothing beside it: {alone:?}"
    );
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<script>kanbaoLoad(\"manifest.js\","));
    assert!(
        !html.contains("rel=\"stylesheet\""),
        "the css is not inlined"
    );
    let file = file_url(&out);
    let http = format!("{}{}", serve(dir), enc("看报 样本.html"));
    for (how, base) in [("file", file), ("http", http)] {
        let home = dom(&format!("{base}#/"));
        assert!(home.contains("id=\"issue-list\""), "{how}: {home}");
        assert_search_works(how, &base);
    }
}

#[test]
fn a_kiosk_package_says_so_in_its_config() {
    let (_tmp, out) = package(
        "kiosk",
        "kiosk",
        &[
            "--kiosk",
            "--idle-seconds",
            "60",
            "--public-url",
            "https://example.org/看报/",
        ],
    );
    let config = std::fs::read_to_string(out.join("config.js")).unwrap();
    assert!(
        config.contains(
            r#"{"kiosk":true,"idle_seconds":60,"public_url":"https://example.org/看报/"}"#
        ),
        "{config}"
    );
    let url = format!("{}#/", file_url(&out.join("index.html")));
    assert!(root_tag(&url).contains("data-kiosk"), "kiosk not applied");
    assert!(dom(&url).contains("id=\"issue-list\""));
    // Not a kiosk by default.
    let (_tmp, plain) = package("nokiosk", "plain", &[]);
    let url = format!("{}#/", file_url(&plain.join("index.html")));
    assert!(!root_tag(&url).contains("data-kiosk"));
}

/// pd1998 (3,148 articles, 31 issues) packaged: from disk and over http, with
/// Simplified, Traditional and pinyin queries. `cargo xtask test` builds the
/// bundle when the corpus is beside the repo.
#[test]
fn the_pd1998_archive_packaged_works_from_disk_and_over_http() {
    let Some(bundle) = std::env::var_os("KANBAO_PD1998_BUNDLE") else {
        eprintln!("skipped: KANBAO_PD1998_BUNDLE not set (no pd1998 corpus beside the repo)");
        return;
    };
    let tmp = TempDir::new(&format!("kanbao-package-pd-{}", std::process::id()));
    let out = tmp.path().join("人民日报 1998");
    let dist = dist();
    kanbao_e2e::package(Path::new(&bundle), &dist, &out);
    let ids = |d: &str| {
        let mut v: Vec<String> = article_links(d)
            .into_iter()
            .map(|h| h.split('?').next().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    for (how, base) in bases(&out) {
        let home = dom(&format!("{base}#/"));
        assert!(
            home.contains("1998年1月31日"),
            "{how}: newest issue not on the front page:\n{home}"
        );
        let d = dom(&format!("{base}#/search?q={}", enc("江泽民")));
        assert!(d.contains("<mark>江泽民</mark>"), "{how}: no hits:\n{d}");
        let simplified = ids(&d);
        assert_eq!(simplified.len(), 10, "{how}: a full first page of hits");
        assert_eq!(
            ids(&dom(&format!("{base}#/search?q={}", enc("江澤民")))),
            simplified,
            "{how}: Traditional"
        );
        assert_eq!(
            ids(&dom(&format!("{base}#/search?q=jiangzemin"))),
            simplified,
            "{how}: pinyin"
        );
        let a = dom(&format!("{base}{}", simplified[0]));
        assert!(
            a.contains("id=\"article-view\"") && a.contains("人民日报"),
            "{how}: {a}"
        );
    }
}
