//! `kanbao package` through the library: a real bundle from a one-article
//! feed and a stand-in reader packaged as a folder and as one page — what
//! the package holds, what it refuses, and that it replaces `--out` whole.

use std::path::Path;

use kanbao::package::{package, Options, ReaderConfig, SINGLE_FILE_LIMIT};
use kanbao_bundle::shard;

use crate::support::Tmp;

const FEED: &str = concat!(
    r#"{"id":"a1","date":"2024-05-06","page":1,"title":"羽绒服</script><script>document.title='pwned'</script>","#,
    r#""paragraphs":["正文<!-- 注释 --> 与 </SCRIPT> 都应原样保留。"]}"#,
    "\n"
);

/// A real bundle from a one-article feed, and a stand-in reader folder.
fn fixture(tmp: &Path) -> Options {
    let feed = tmp.join("feed.jsonl");
    std::fs::write(&feed, FEED).unwrap();
    let bundle = tmp.join("bundle");
    let code = kanbao::cli::run([
        "kanbao",
        "build",
        feed.to_str().unwrap(),
        "--out",
        bundle.to_str().unwrap(),
        "--title",
        "测试档案",
        "--quiet",
    ])
    .unwrap();
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    let reader = tmp.join("reader");
    std::fs::create_dir_all(reader.join("bundle")).unwrap();
    std::fs::write(
        reader.join("index.html"),
        concat!(
            "<!DOCTYPE html><html><head><title>看报 · kanbao</title>",
            "<link rel=\"stylesheet\" href=\"./style-1.css\">",
            "<link rel=\"manifest\" href=\"manifest.webmanifest\">",
            "<link rel=\"icon\" href=\"icon.svg\" type=\"image/svg+xml\">",
            "<script src=\"config.js\"></script><script>window.kanbaoGetShard = 1;</script>",
            "</head><body></body></html>"
        ),
    )
    .unwrap();
    std::fs::write(reader.join("style-1.css"), "body { color: red }").unwrap();
    std::fs::write(reader.join("config.js"), "window.kanbaoConfig = {};").unwrap();
    std::fs::write(
        reader.join("icon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    std::fs::write(
        reader.join("manifest.webmanifest"),
        r#"{"name":"看报","start_url":"./"}"#,
    )
    .unwrap();
    std::fs::write(reader.join("bundle/manifest.js"), "stale sample").unwrap();
    Options {
        bundle,
        reader,
        out: tmp.join("out"),
        title: None,
        config: ReaderConfig::default(),
        single_file: false,
        force: false,
    }
}

#[test]
fn folder_package_has_reader_bundle_and_config() {
    let tmp = Tmp::new("package-folder");
    let mut opts = fixture(&tmp.0);
    opts.config.kiosk = true;
    opts.config.public_url = Some("https://example.org/报纸/".into());
    let stats = package(&opts).unwrap();
    let out = &opts.out;
    assert!(stats.files >= 6, "{stats:?}");
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("<title>测试档案 · 看报</title>"), "{html}");
    let config = std::fs::read_to_string(out.join("config.js")).unwrap();
    assert!(config.contains(r#""kiosk":true"#), "{config}");
    assert!(
        config.contains(r#""public_url":"https://example.org/报纸/""#),
        "{config}"
    );
    let m = std::fs::read_to_string(out.join("bundle/manifest.js")).unwrap();
    assert!(
        m.starts_with("kanbaoLoad(\"manifest.js\""),
        "the reader's sample bundle leaked in"
    );
    assert!(out.join("bundle/docs/0000.js").is_file());
    assert!(out.join("style-1.css").is_file());
    let wm = std::fs::read_to_string(out.join("manifest.webmanifest")).unwrap();
    assert!(wm.contains("看报 · 测试档案"), "{wm}");
}

#[test]
fn a_folder_without_manifest_or_reader_is_refused_by_name() {
    let tmp = Tmp::new("package-refuse");
    let opts = fixture(&tmp.0);
    let no_bundle = Options {
        bundle: tmp.0.join("reader/nothing"),
        ..opts.clone()
    };
    let e = format!("{:#}", package(&no_bundle).unwrap_err());
    assert!(
        e.contains("reader/nothing") && e.contains("manifest.js"),
        "{e}"
    );
    let no_reader = Options {
        reader: tmp.0.join("bundle"),
        ..opts.clone()
    };
    let e = format!("{:#}", package(&no_reader).unwrap_err());
    assert!(e.contains("bundle") && e.contains("index.html"), "{e}");
    assert!(!opts.out.exists(), "nothing written on refusal");
}

#[test]
fn a_bundle_missing_a_listed_shard_is_refused() {
    let tmp = Tmp::new("package-incomplete");
    let opts = fixture(&tmp.0);
    std::fs::remove_file(opts.bundle.join("docs/0000.js")).unwrap();
    let e = format!("{:#}", package(&opts).unwrap_err());
    assert!(e.contains("docs/0000.js") && e.contains("missing"), "{e}");
}

#[test]
fn replacing_is_atomic_and_never_clobbers_other_folders() {
    let tmp = Tmp::new("package-atomic");
    let opts = fixture(&tmp.0);
    package(&opts).unwrap();
    std::fs::write(opts.out.join("stale.txt"), "old").unwrap();
    package(&opts).unwrap();
    assert!(
        !opts.out.join("stale.txt").exists(),
        "the old package was not replaced"
    );
    assert!(opts.out.join("index.html").is_file());
    let leftovers: Vec<_> = std::fs::read_dir(&tmp.0)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");

    // A failing package leaves the previous one whole.
    let broken = Options {
        reader: tmp.0.join("missing-reader"),
        ..opts.clone()
    };
    assert!(package(&broken).is_err());
    assert!(opts.out.join("bundle/manifest.js").is_file());

    // A folder that is not a package is never replaced.
    let other = tmp.0.join("photos");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("cat.jpg"), "meow").unwrap();
    let e = format!(
        "{:#}",
        package(&Options {
            out: other.clone(),
            ..opts.clone()
        })
        .unwrap_err()
    );
    assert!(
        e.contains("photos") && e.contains("not a kanbao package"),
        "{e}"
    );
    assert!(other.join("cat.jpg").is_file());
    let e = format!(
        "{:#}",
        package(&Options {
            out: opts.reader.join("pkg"),
            ..opts
        })
        .unwrap_err()
    );
    assert!(e.contains("inside"), "{e}");
}

#[test]
fn single_file_inlines_everything_and_nothing_breaks_out() {
    let tmp = Tmp::new("package-single");
    let mut opts = fixture(&tmp.0);
    opts.single_file = true;
    opts.out = tmp.0.join("看报 档案.html");
    package(&opts).unwrap();
    let html = std::fs::read_to_string(&opts.out).unwrap();
    assert!(
        html.contains("<style>\nbody { color: red }\n</style>"),
        "css not inlined"
    );
    assert!(
        html.contains("window.kanbaoConfig = {\"kiosk\":false"),
        "config not inlined"
    );
    assert!(!html.contains("src=\"config.js\""));
    assert!(!html.contains("manifest.webmanifest"));
    assert!(html.contains("href=\"data:image/svg+xml,"));
    assert!(html.contains("<script>kanbaoLoad(\"manifest.js\","));
    assert!(html.contains("<script>kanbaoLoad(\"docs/0000.js\","));
    // The article's markup stays inside its JSON string.
    let lower = html.to_ascii_lowercase();
    assert_eq!(
        lower.matches("</script").count(),
        lower.matches("<script").count(),
        "a block was closed early"
    );
    assert!(!html.contains("<script>document.title"), "{html}");
    assert!(!html.contains("<!-- 注释"));
    // (Its characters ranked by the bundle's table.)
    let manifest = std::fs::read_to_string(opts.bundle.join("manifest.js")).unwrap();
    let manifest: kanbao_bundle::Manifest =
        serde_json::from_str(shard::decode("manifest.js", &manifest).unwrap()).unwrap();
    let map = kanbao_bundle::CharMap::new(&manifest.chars);
    let hit = format!(r"{}\u003c/script>\u003cscript>", map.encode("羽绒服"));
    assert!(html.contains(&hit), "{hit}");
    // And it decodes back to the same payload.
    let start = html.find("<script>kanbaoLoad(\"docs/0000.js\"").unwrap() + "<script>".len();
    let end = start + html[start..].find("</script>").unwrap();
    let original = std::fs::read_to_string(opts.bundle.join("docs/0000.js")).unwrap();
    let a: serde_json::Value =
        serde_json::from_str(shard::decode("docs/0000.js", &html[start..end]).unwrap()).unwrap();
    let b: serde_json::Value =
        serde_json::from_str(shard::decode("docs/0000.js", &original).unwrap()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn single_file_refuses_big_archives_unless_forced() {
    let tmp = Tmp::new("package-big");
    let mut opts = fixture(&tmp.0);
    opts.single_file = true;
    opts.out = tmp.0.join("big.html");
    // A large (unlisted, but inlined) file pushes the archive over the limit.
    let big = format!(
        "kanbaoLoad(\"big.js\",\"{}\");\n",
        "x".repeat(SINGLE_FILE_LIMIT as usize)
    );
    std::fs::write(opts.bundle.join("big.js"), big).unwrap();
    let e = format!("{:#}", package(&opts).unwrap_err());
    assert!(e.contains("20 MB") && e.contains("--force"), "{e}");
    assert!(!opts.out.exists());
    opts.force = true;
    package(&opts).unwrap();
    assert!(opts.out.metadata().unwrap().len() > SINGLE_FILE_LIMIT);
    // --out naming a folder is refused rather than replaced by a file.
    let e = format!(
        "{:#}",
        package(&Options {
            out: opts.reader.clone(),
            ..opts
        })
        .unwrap_err()
    );
    assert!(e.contains("is a folder"), "{e}");
}
