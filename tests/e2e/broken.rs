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

/// Sets the mark a payload leaves when it runs.
const RUN: &str = "document.body.setAttribute('data-pwned','1')";

/// An issue file whose every field carries a way out of where text goes: an
/// HTML element, the end of a `<script>` (single-file packages inline the
/// bundle in scripts), the end of the comment each bundle file keeps its
/// JSON in, a second `kanbaoLoad(` call, line and paragraph separators that
/// end a line in old JavaScript, and bidi overrides.
fn hostile_issue() -> String {
    let ways = [
        format!("<img src=x onerror=\"{RUN}\">"),
        format!("</script><script>{RUN}</script>"),
        format!("*/{RUN};/*"),
        format!("*/}});kanbaoLoad(\"manifest.js\",function(){{/*{{}}*/}});{RUN};/*"),
        format!("\u{2028}{RUN}\u{2029}"),
        "\u{202e}报平湖\u{202c}".to_string(),
        format!("<svg onload=\"{RUN}\"></svg><!--"),
    ];
    let all = ways.join(" ");
    format!(
        "---\npaper: 敌意报{w0}\ndate: 2024-05-06\npage: 1 hostile.txt\n---\n\n\
         ## 危险标题{all}\nkind: news\nkicker: 引题{w1}\nsubheadline: 副题{w2}\n\
         reporters: 记者甲{w3}, 记者乙{w4}\ndateline: 本报讯{w6}\n\n\
         正文第一段，含标记{all}。\n\n第二段{w5}照常显示。\n",
        w0 = ways[0],
        w1 = ways[1],
        w2 = ways[2],
        w3 = ways[3],
        w4 = ways[4],
        w5 = ways[5],
        w6 = ways[6],
    )
}

#[test]
fn hostile_text_stays_text_in_folder_and_single_file_packages() {
    let tmp = kanbao_e2e::tempdir::TempDir::new(&format!("kanbao-hostile-{}", std::process::id()));
    let issue = tmp.path().join("hostile.md");
    std::fs::write(&issue, hostile_issue()).unwrap();
    let bundle = tmp.path().join("bundle");
    let run = |args: &[&str]| {
        let code = kanbao::cli::run(std::iter::once("kanbao").chain(args.iter().copied()))
            .expect("kanbao");
        assert_eq!(code, std::process::ExitCode::SUCCESS, "{args:?}");
    };
    run(&[
        "build",
        issue.to_str().unwrap(),
        "--out",
        bundle.to_str().unwrap(),
        "--quiet",
    ]);
    let dist = kanbao_e2e::dist();
    let folder = tmp.path().join("folder");
    let single = tmp.path().join("single.html");
    for (out, extra) in [(&folder, None), (&single, Some("--single-file"))] {
        let mut args = vec![
            "package",
            bundle.to_str().unwrap(),
            "--reader",
            dist.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend(extra);
        run(&args);
    }
    // The mark is seen when a payload does run.
    let control = tmp.path().join("control.html");
    std::fs::write(&control, format!("<body><script>{RUN}</script></body>")).unwrap();
    assert!(dom(&file_url(&control)).contains("data-pwned=\"1\""));
    let bases = [
        ("folder, file://", file_url(&folder.join("index.html"))),
        ("folder, http", format!("{}index.html", serve(&folder))),
        ("single file", file_url(&single)),
    ];
    for (how, base) in bases {
        let home = dom(&format!("{base}#/"));
        assert!(
            home.contains("id=\"issue-list\""),
            "{how}: the archive does not open: {home}"
        );
        let found = dom(&format!("{base}#/search?q={}", enc("标记")));
        let href = kanbao_e2e::article_links(&found)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("{how}: the hostile article is not found: {found}"));
        let article = dom(&format!("{base}{href}"));
        for (what, d) in [("home", &home), ("results", &found), ("article", &article)] {
            // (The payloads' own text, shown escaped, holds `'data-pwned','1'`.)
            assert!(
                !d.contains("data-pwned=\"1\""),
                "{how}, {what}: a payload ran"
            );
            assert!(
                !d.contains("<img src=\"x\""),
                "{how}, {what}: an element was made"
            );
            assert!(
                !d.contains("<svg onload"),
                "{how}, {what}: an element was made"
            );
        }
        // Shown as the text it is, every field.
        for text in [
            "危险标题",
            "引题",
            "副题",
            "记者甲",
            "记者乙",
            "第二段",
            "照常显示",
        ] {
            assert!(article.contains(text), "{how}: {text} not shown: {article}");
        }
        assert!(
            article.contains("&lt;/script&gt;&lt;script&gt;"),
            "{how}: {article}"
        );
        assert!(article.contains("kanbaoLoad("), "{how}: {article}");
    }
}

/// Each kind of file the reader loads for a search (document shards, term
/// shards, doc-info shards), zero-filled, swapped with another bundle file,
/// or (a document shard) of another format version: the search says which
/// file, and the rest of the archive (home, the header) keeps working.
#[test]
fn each_kind_of_bundle_file_damaged_is_named_and_the_rest_keeps_working() {
    let version = format!("\"format_version\":{}", kanbao_bundle::FORMAT_VERSION);
    type Damage = fn(&[u8], &[u8], &str) -> Vec<u8>;
    let damages: [(&str, Damage); 3] = [
        ("zero-filled", |text, _, _| vec![0; text.len()]),
        ("swapped", |_, other, _| other.to_vec()),
        ("of another version", |text, _, version| {
            String::from_utf8_lossy(text)
                .replace(version, "\"format_version\":999")
                .into_bytes()
        }),
    ];
    for (kind, prefix) in [
        ("document", "docs/"),
        ("term", "index/t"),
        ("doc-info", "index/d"),
    ] {
        for (how, damage) in damages {
            let tmp = dist_copy(&format!("damaged-{}", prefix.replace('/', "-")));
            let bundle = tmp.path().join("bundle");
            let mut named = Vec::new();
            let mut files: Vec<_> = walk(&bundle);
            files.sort();
            let other = std::fs::read(bundle.join("manifest.js")).unwrap();
            for f in &files {
                let rel = f
                    .strip_prefix(&bundle)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                if !rel.starts_with(prefix) {
                    continue;
                }
                let text = std::fs::read(f).unwrap();
                let damaged = damage(&text, &other, &version);
                if damaged == text {
                    continue; // no version in this kind of file
                }
                std::fs::write(f, damaged).unwrap();
                named.push(rel);
            }
            if named.is_empty() {
                continue;
            }
            let base = file_url(&tmp.path().join("index.html"));
            let home = dom(&format!("{base}#/"));
            assert!(
                home.contains("id=\"issue-list\""),
                "{kind} shards {how}: home should still work: {home}"
            );
            let d = dom(&format!("{base}#/search?q={}", enc("平湖")));
            assert!(d.contains("role=\"alert\""), "{kind} shards {how}: {d}");
            assert!(
                named.iter().any(|n| d.contains(n.as_str())),
                "{kind} shards {how}: none of {named:?} is named: {d}"
            );
            assert!(
                d.contains("class=\"search-box\""),
                "{kind} shards {how}: the header is gone"
            );
        }
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
