//! `kanbao package`: a built reader plus a bundle → a folder (or one `.html`
//! file) that opens from a USB stick over file://, from any static host, or on a
//! kiosk, with no tools and no network. Written beside the target and renamed
//! into place, like `kanbao build`, so a failure never leaves half a package.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use kanbao_bundle::{shard, Archive, Manifest, MANIFEST_FILE};

use crate::atomic::{remove, sibling, swap_into_place};
use serde::Serialize;

/// Above this many bytes `--single-file` refuses without `--force`: a browser
/// parses the whole file before showing anything.
pub const SINGLE_FILE_LIMIT: u64 = 20 * 1024 * 1024;

/// Why a page has no image in a single-file package (its `image_error`):
/// page images are binary files, a few hundred KB each, that a single page of
/// HTML would carry as base64 and parse before showing anything.
pub const SINGLE_FILE_NO_IMAGES: &str = "page images are left out of a single-file package \
     (kanbao package --single-file); the folder package has them";

/// What the reader reads from `config.js` (`window.kanbaoConfig`).
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct ReaderConfig {
    /// Open in kiosk mode (public terminal).
    pub kiosk: bool,
    /// Kiosk: seconds without input before the reader returns home.
    pub idle_seconds: u32,
    /// Where the archive is published, for share links; `None` when it is not.
    pub public_url: Option<String>,
}

impl Default for ReaderConfig {
    fn default() -> Self {
        ReaderConfig {
            kiosk: false,
            idle_seconds: 180,
            public_url: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    pub bundle: PathBuf,
    /// A built reader folder (`cargo xtask dist` → `dist/`).
    pub reader: PathBuf,
    /// The folder to write; with `single_file`, the `.html` file.
    pub out: PathBuf,
    /// Title for the page and the web app; default: the bundle's title.
    pub title: Option<String>,
    pub config: ReaderConfig,
    pub single_file: bool,
    /// Write a single file even above [`SINGLE_FILE_LIMIT`].
    pub force: bool,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct PackageStats {
    pub files: usize,
    pub bytes: u64,
    /// Page images of the bundle a single-file package left out.
    pub page_images_left_out: usize,
}

/// Writes the package described by `opts`, replacing what was at `opts.out`.
pub fn package(opts: &Options) -> Result<PackageStats> {
    let manifest = read_manifest(&opts.bundle)?;
    let reader_index = opts.reader.join("index.html");
    if !reader_index.is_file() {
        bail!(
            "{}: no index.html here, so not a built reader (build one with `cargo xtask dist`, or pass --reader <dir>)",
            opts.reader.display()
        );
    }
    let html = std::fs::read_to_string(&reader_index)
        .with_context(|| format!("{}: cannot read", reader_index.display()))?;
    if !html.contains("kanbaoGetShard") {
        bail!(
            "{}: not a kanbao reader (no bundle loader in it)",
            reader_index.display()
        );
    }
    refuse_to_clobber(&opts.out, opts.single_file)?;
    refuse_out_inside(&opts.out, &opts.reader)?;
    refuse_out_inside(&opts.out, &opts.bundle)?;
    let files = bundle_files(&opts.bundle, &manifest)?;
    let title = opts.title.clone().unwrap_or_else(|| manifest.title.clone());
    let html = set_title(&html, &title);

    let staging = sibling(&opts.out, "packaging");
    remove(&staging)?;
    let written = if opts.single_file {
        write_single_file(opts, &html, &files, &staging)
    } else {
        write_folder(opts, &html, &title, &files, &staging)
    };
    let stats = match written {
        Ok(s) => s,
        Err(e) => {
            let _ = remove(&staging);
            return Err(e);
        }
    };
    swap_into_place(&staging, &opts.out)?;
    Ok(stats)
}

/// Reads and checks `bundle/manifest.js`.
fn read_manifest(bundle: &Path) -> Result<Manifest> {
    let path = bundle.join(MANIFEST_FILE);
    if !path.is_file() {
        bail!(
            "{}: no {MANIFEST_FILE} here, so not a kanbao bundle (make one with `kanbao build`)",
            bundle.display()
        );
    }
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let archive = Archive::open(&text).with_context(|| format!("{}", path.display()))?;
    Ok(archive.manifest)
}

/// Every file of the bundle as (name inside the bundle, path), manifest first,
/// after checking that each file the manifest lists is there.
fn bundle_files(bundle: &Path, manifest: &Manifest) -> Result<Vec<(String, PathBuf)>> {
    let mut files = Vec::new();
    walk(bundle, "", &mut files)?;
    files.sort();
    let listed = manifest
        .doc_shards
        .iter()
        .map(|s| &s.file)
        .chain(manifest.index.shards.iter().map(|s| &s.file))
        .chain(manifest.index.doc_info.iter().map(|s| &s.file))
        .chain(
            manifest
                .issues
                .iter()
                .flat_map(|i| &i.issue.pages)
                .filter_map(|p| p.image.as_ref().map(|img| &img.file)),
        );
    for name in listed {
        if !files.iter().any(|(n, _)| n == name) {
            bail!(
                "{}: listed in {MANIFEST_FILE} but missing; rebuild the bundle with `kanbao build`",
                bundle.join(name).display()
            );
        }
    }
    let i = files
        .iter()
        .position(|(n, _)| n == MANIFEST_FILE)
        .expect("manifest checked");
    let m = files.remove(i);
    files.insert(0, m);
    Ok(files)
}

/// Files under `dir` (hidden ones skipped), named with `/` whatever the OS.
fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, PathBuf)>) -> Result<()> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("{}: cannot read", dir.display()))?;
    for e in entries {
        let e = e.with_context(|| format!("{}: cannot read", dir.display()))?;
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let rel = format!("{prefix}{name}");
        if e.file_type()?.is_dir() {
            walk(&e.path(), &format!("{rel}/"), out)?;
        } else {
            out.push((rel, e.path()));
        }
    }
    Ok(())
}

/// `--out` is replaced whole: never a folder of something else (a USB stick's
/// root, a home folder), never a folder where a single file is meant.
fn refuse_to_clobber(out: &Path, single_file: bool) -> Result<()> {
    let Ok(meta) = std::fs::metadata(out) else {
        return Ok(());
    };
    if single_file {
        if meta.is_dir() {
            bail!(
                "{}: is a folder; with --single-file, --out names the .html file to write",
                out.display()
            );
        }
        return Ok(());
    }
    if !meta.is_dir() {
        bail!("{}: exists and is not a folder", out.display());
    }
    let empty = std::fs::read_dir(out)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    let package =
        out.join("index.html").is_file() && out.join("bundle").join(MANIFEST_FILE).is_file();
    if !empty && !package {
        bail!(
            "{}: exists and is not a kanbao package, and --out is replaced whole; choose a new or empty folder",
            out.display()
        );
    }
    Ok(())
}

fn refuse_out_inside(out: &Path, dir: &Path) -> Result<()> {
    let (Ok(out_abs), Ok(dir_abs)) = (std::path::absolute(out), std::fs::canonicalize(dir)) else {
        return Ok(());
    };
    let out_abs = match (out_abs.parent(), out_abs.file_name()) {
        (Some(p), Some(n)) => std::fs::canonicalize(p)
            .map(|p| p.join(n))
            .unwrap_or(out_abs),
        _ => out_abs,
    };
    if out_abs.starts_with(&dir_abs) {
        bail!(
            "{}: the package cannot be written inside {}; choose another --out",
            out.display(),
            dir.display()
        );
    }
    Ok(())
}

fn write_folder(
    opts: &Options,
    html: &str,
    title: &str,
    bundle: &[(String, PathBuf)],
    dir: &Path,
) -> Result<PackageStats> {
    let mut stats = PackageStats::default();
    let mut reader = Vec::new();
    walk(&opts.reader, "", &mut reader)?;
    for (name, path) in reader {
        // The reader's own bundle (dist/ has the sample) and settings are replaced.
        if name.starts_with("bundle/") || name == "config.js" || name == "index.html" {
            continue;
        }
        if name == "manifest.webmanifest" {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("{}: cannot read", path.display()))?;
            put(
                dir,
                &name,
                web_manifest(&text, title)?.as_bytes(),
                &mut stats,
            )?;
        } else {
            copy(&path, dir, &name, &mut stats)?;
        }
    }
    put(dir, "index.html", html.as_bytes(), &mut stats)?;
    put(
        dir,
        "config.js",
        config_js(&opts.config).as_bytes(),
        &mut stats,
    )?;
    for (name, path) in bundle {
        copy(path, dir, &format!("bundle/{name}"), &mut stats)?;
    }
    Ok(stats)
}

fn put(dir: &Path, name: &str, bytes: &[u8], stats: &mut PackageStats) -> Result<()> {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create", parent.display()))?;
    }
    std::fs::write(&path, bytes).with_context(|| format!("{}: cannot write", path.display()))?;
    stats.files += 1;
    stats.bytes += bytes.len() as u64;
    Ok(())
}

fn copy(from: &Path, dir: &Path, name: &str, stats: &mut PackageStats) -> Result<()> {
    let bytes = std::fs::read(from).with_context(|| format!("{}: cannot read", from.display()))?;
    put(dir, name, &bytes, stats)
}

/// `config.js`: the settings as one JSON object, safe to inline in a page.
pub fn config_js(config: &ReaderConfig) -> String {
    let json = serde_json::to_string(config).expect("config serializes");
    format!(
        "// Reader settings, written by `kanbao package`.\nwindow.kanbaoConfig = {};\n",
        script_safe(&json)
    )
}

/// The web app manifest with the archive's name.
fn web_manifest(text: &str, title: &str) -> Result<String> {
    let mut v: serde_json::Value =
        serde_json::from_str(text).context("manifest.webmanifest: not JSON")?;
    if let Some(obj) = v.as_object_mut() {
        obj.insert("name".into(), format!("看报 · {title}").into());
    }
    Ok(serde_json::to_string_pretty(&v)? + "\n")
}

/// Sets the page's `<title>` to `<title> · 看报`.
fn set_title(html: &str, title: &str) -> String {
    let (Some(i), Some(j)) = (html.find("<title>"), html.find("</title>")) else {
        return html.to_string();
    };
    if j < i {
        return html.to_string();
    }
    let mut out = format!("{}<title>", &html[..i]);
    kanbao_bundle::escape_html(&mut out, title);
    out.push_str(" · 看报</title>");
    out.push_str(&html[j + "</title>".len()..]);
    out
}

/// JSON (or a bundle file, whose only `<` are inside JSON strings) made safe
/// inside an HTML `<script>`: `<` as `\u003c`, so no `</script>` or `<!--` can
/// end or confuse the block. JSON and JS read `\u003c` back as `<`.
pub fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
}

fn write_single_file(
    opts: &Options,
    html: &str,
    bundle: &[(String, PathBuf)],
    out: &Path,
) -> Result<PackageStats> {
    // Page images stay out (their pages say why); the rest is inlined.
    let bundle: Vec<&(String, PathBuf)> = bundle
        .iter()
        .filter(|(name, _)| !name.starts_with("pages/"))
        .collect();
    let total: u64 = html.len() as u64
        + bundle
            .iter()
            .map(|(_, p)| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
            .sum::<u64>();
    let mut left_out = 0;
    if total > SINGLE_FILE_LIMIT && !opts.force {
        bail!(
            "{}: {:.1} MB is over the {} MB limit for --single-file (a browser reads it all before showing anything); make a folder package instead, or pass --force",
            opts.bundle.display(),
            total as f64 / 1e6,
            SINGLE_FILE_LIMIT / 1024 / 1024
        );
    }
    let mut scripts = String::with_capacity(total as usize);
    for (name, path) in bundle {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        // Only a well-formed bundle file is inlined: its `<` are then all
        // inside JSON strings, where `\u003c` means the same.
        let json = shard::decode(name, &text).with_context(|| format!("{}", path.display()))?;
        serde_json::from_str::<serde::de::IgnoredAny>(json)
            .with_context(|| format!("{}: not JSON inside the loader call", path.display()))?;
        let without;
        let json = if name.as_str() == MANIFEST_FILE {
            let (m, n) = without_page_images(json)
                .with_context(|| format!("{}: not a manifest", path.display()))?;
            left_out = n;
            without = m;
            without.as_str()
        } else {
            json
        };
        scripts.push_str("<script>");
        scripts.push_str(&script_safe(&shard::encode(name, json)));
        scripts.push_str("</script>\n");
    }
    let page = inline_reader(html, &opts.reader, &opts.config)?;
    let page = match page.rfind("</body>") {
        Some(i) => format!("{}{}{}", &page[..i], scripts, &page[i..]),
        None => page + &scripts,
    };
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create", parent.display()))?;
    }
    std::fs::write(out, &page).with_context(|| format!("{}: cannot write", out.display()))?;
    Ok(PackageStats {
        files: 1,
        bytes: page.len() as u64,
        page_images_left_out: left_out,
    })
}

/// The manifest's JSON with every page's `image` replaced by an
/// `image_error` saying that a single file has none, and how many there were.
/// (As JSON values: every other field is kept as it is.)
fn without_page_images(json: &str) -> Result<(String, usize)> {
    let mut m: serde_json::Value = serde_json::from_str(json)?;
    let mut n = 0;
    let issues = m.get_mut("issues").and_then(|i| i.as_array_mut());
    for issue in issues.into_iter().flatten() {
        let pages = issue.get_mut("pages").and_then(|p| p.as_array_mut());
        for page in pages.into_iter().flatten() {
            if let Some(page) = page.as_object_mut() {
                if page.remove("image").is_some() {
                    page.insert("image_error".into(), SINGLE_FILE_NO_IMAGES.into());
                    n += 1;
                }
            }
        }
    }
    Ok((serde_json::to_string(&m)?, n))
}

/// The reader's page with its stylesheet and settings inlined, the icon as a
/// data URL, and links to files a single file does not have dropped.
fn inline_reader(html: &str, reader: &Path, config: &ReaderConfig) -> Result<String> {
    let mut out = String::with_capacity(html.len() * 2);
    let mut rest = html;
    while let Some(i) = rest.find("<link") {
        let Some(len) = rest[i..].find('>') else {
            break;
        };
        let tag = &rest[i..i + len + 1];
        out.push_str(&rest[..i]);
        rest = &rest[i + len + 1..];
        let (rel, href) = (attr(tag, "rel"), attr(tag, "href"));
        let local = href.filter(|h| !h.contains(':') && !h.starts_with('/'));
        match (rel, local) {
            (Some("stylesheet"), Some(href)) => {
                let path = reader.join(href.trim_start_matches("./"));
                let css = std::fs::read_to_string(&path)
                    .with_context(|| format!("{}: cannot read", path.display()))?;
                if css.to_ascii_lowercase().contains("</style") {
                    bail!("{}: contains `</style`, cannot inline", path.display());
                }
                out.push_str("<style>\n");
                out.push_str(&css);
                out.push_str("\n</style>");
            }
            (Some("icon"), Some(href)) if href.ends_with(".svg") => {
                let path = reader.join(href.trim_start_matches("./"));
                if let Ok(svg) = std::fs::read_to_string(&path) {
                    out.push_str(&format!(
                        "<link rel=\"icon\" type=\"image/svg+xml\" href=\"data:image/svg+xml,{}\">",
                        kanbao_bundle::percent_encode(&svg, b" =/:")
                    ));
                }
            }
            (Some("manifest" | "icon" | "apple-touch-icon"), Some(_)) => {}
            _ => out.push_str(tag),
        }
    }
    out.push_str(rest);
    let inline = format!("<script>\n{}</script>", config_js(config));
    const TAG: &str = "<script src=\"config.js\"></script>";
    Ok(match out.find(TAG) {
        Some(i) => format!("{}{}{}", &out[..i], inline, &out[i + TAG.len()..]),
        None => match out.find("<script") {
            Some(i) => format!("{}{}\n{}", &out[..i], inline, &out[i..]),
            None => out,
        },
    })
}

/// Value of `name="…"` in a tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')?;
    Some(&tag[i..i + j])
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED: &str = concat!(
        r#"{"id":"a1","date":"2024-05-06","page":1,"title":"羽绒服</script><script>document.title='pwned'</script>","#,
        r#""paragraphs":["正文<!-- 注释 --> 与 </SCRIPT> 都应原样保留。"]}"#,
        "\n"
    );

    struct Tmp(PathBuf);
    impl Tmp {
        fn new(tag: &str) -> Self {
            let p =
                std::env::temp_dir().join(format!("kanbao-package-{tag}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&p);
            std::fs::create_dir_all(&p).unwrap();
            Tmp(p)
        }
    }
    impl Drop for Tmp {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// A real bundle from a one-article feed, and a stand-in reader folder.
    fn fixture(tmp: &Path) -> Options {
        let feed = tmp.join("feed.jsonl");
        std::fs::write(&feed, FEED).unwrap();
        let bundle = tmp.join("bundle");
        let code = crate::cli::run([
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
        let tmp = Tmp::new("folder");
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
        let tmp = Tmp::new("refuse");
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
        let tmp = Tmp::new("incomplete");
        let opts = fixture(&tmp.0);
        std::fs::remove_file(opts.bundle.join("docs/0000.js")).unwrap();
        let e = format!("{:#}", package(&opts).unwrap_err());
        assert!(e.contains("docs/0000.js") && e.contains("missing"), "{e}");
    }

    #[test]
    fn replacing_is_atomic_and_never_clobbers_other_folders() {
        let tmp = Tmp::new("atomic");
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
        let tmp = Tmp::new("single");
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
            serde_json::from_str(shard::decode("docs/0000.js", &html[start..end]).unwrap())
                .unwrap();
        let b: serde_json::Value =
            serde_json::from_str(shard::decode("docs/0000.js", &original).unwrap()).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn single_file_refuses_big_archives_unless_forced() {
        let tmp = Tmp::new("big");
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

    #[test]
    fn script_safe_escapes_every_angle_bracket() {
        assert_eq!(
            script_safe(r#"{"a":"</script><!--"}"#),
            r#"{"a":"\u003c/script>\u003c!--"}"#
        );
    }
}
