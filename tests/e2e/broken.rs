//! Broken archives and hostile text: the reader says what is wrong, never shows
//! a blank page, and never runs markup found in an article.

use kanbao_e2e::{dist_copy, dom, enc, file_url, serve};

#[test]
fn another_format_version_is_refused_with_a_message() {
    let tmp = dist_copy("version");
    let manifest = tmp.path().join("bundle/manifest.js");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let ours = format!("\"format_version\":{}", kanbao_bundle::FORMAT_VERSION);
    assert!(text.contains(&ours));
    std::fs::write(&manifest, text.replace(&ours, "\"format_version\":999")).unwrap();
    let d = dom(&file_url(&tmp.path().join("index.html")));
    assert!(d.contains("id=\"load-error\""), "{d}");
    assert!(
        d.contains("格式版本") && d.contains("format version"),
        "{d}"
    );
}

/// An archive built for format 2, whose files passed an object literal, is
/// refused by its version (with the message to rebuild it), not as damaged.
#[test]
fn a_format_2_archive_is_refused_by_its_version() {
    let tmp = dist_copy("format2");
    std::fs::write(
        tmp.path().join("bundle/manifest.js"),
        "kanbaoLoad(\"manifest.js\",{\"format_version\":2,\"issues\":[]});\n",
    )
    .unwrap();
    says_it_cannot_load(tmp.path(), &["格式版本", "format version"]);
}

/// From disk and over http, the reader shows its load error with `words`.
fn says_it_cannot_load(dist: &std::path::Path, words: &[&str]) {
    for url in [
        file_url(&dist.join("index.html")),
        format!("{}index.html", serve(dist)),
    ] {
        let d = dom(&url);
        assert!(d.contains("id=\"load-error\""), "{url}: {d}");
        assert!(words.iter().all(|w| d.contains(w)), "{url}: {d}");
    }
}

#[test]
fn a_missing_manifest_is_reported_not_blank() {
    let tmp = dist_copy("missing");
    std::fs::remove_file(tmp.path().join("bundle/manifest.js")).unwrap();
    says_it_cannot_load(tmp.path(), &["缺少档案文件", "manifest.js"]);
}

#[test]
fn a_truncated_shard_is_named_and_the_rest_keeps_working() {
    let tmp = dist_copy("truncated");
    let shard = tmp.path().join("bundle/docs/0000.js");
    let text = std::fs::read(&shard).unwrap();
    std::fs::write(&shard, &text[..text.len() / 2]).unwrap();
    for base in [
        file_url(&tmp.path().join("index.html")),
        format!("{}index.html", serve(tmp.path())),
    ] {
        let home = dom(&format!("{base}#/"));
        assert!(
            home.contains("id=\"issue-list\""),
            "{base}: home should still work: {home}"
        );
        let d = dom(&format!("{base}#/search?q={}", enc("平湖")));
        assert!(d.contains("role=\"alert\""), "{base}: {d}");
        assert!(
            d.contains("docs/0000.js"),
            "{base}: the broken file is not named: {d}"
        );
        assert!(
            d.contains("class=\"search-box\""),
            "{base}: the header is gone: {d}"
        );
    }
}

#[test]
fn markup_in_articles_is_shown_as_text() {
    let tmp = dist_copy("markup");
    // A feed, so the test does not depend on how the page parser reads markup.
    let page = tmp.path().join("feed.jsonl");
    std::fs::write(
        &page,
        concat!(
            r#"{"id":"x1","date":"2024-05-06","page":1,"title":"测试标题<script>document.title='pwned'</script>","#,
            r#""paragraphs":["正文里有<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">标记，应当原样显示。"]}"#,
            "\n"
        ),
    )
    .unwrap();
    let bundle = tmp.path().join("bundle");
    let code = kanbao::cli::run([
        "kanbao",
        "build",
        page.to_str().unwrap(),
        "--out",
        bundle.to_str().unwrap(),
        "--quiet",
    ])
    .expect("build");
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    let d = dom(&format!(
        "{}#/search?q={}",
        file_url(&tmp.path().join("index.html")),
        enc("标记")
    ));
    let href = kanbao_e2e::article_links(&d)
        .into_iter()
        .next()
        .expect("the test article is found");
    let a = dom(&format!(
        "{}{href}",
        file_url(&tmp.path().join("index.html"))
    ));
    assert!(
        a.contains("&lt;img src=x onerror="),
        "markup not shown literally: {a}"
    );
    assert!(!a.contains("data-pwned=\"1\""), "markup ran: {a}");
    assert!(!a.contains("<img"), "an <img> element was created: {a}");
}
