//! Helpers for end-to-end tests: the built reader (`dist/`, from `cargo xtask
//! dist`) opened in headless Chromium from file:// and over http; the DOM after
//! the app has run is read with `--dump-dom`, screenshots go to tests/output/.

pub mod webdriver;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The built reader folder. `cargo xtask test` builds it and sets KANBAO_DIST.
pub fn dist() -> PathBuf {
    let dir = std::env::var_os("KANBAO_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../dist"));
    assert!(
        dir.join("index.html").is_file(),
        "{}: no built reader; run `cargo xtask test` (or `cargo xtask dist` first)",
        dir.display()
    );
    dir
}

fn chrome() -> PathBuf {
    std::env::var_os("KANBAO_CHROME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("chromium"))
}

/// Where screenshots are written for review.
pub fn output_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("output");
    std::fs::create_dir_all(&dir).expect("create tests/output");
    dir
}

static PROFILE: AtomicUsize = AtomicUsize::new(0);

fn chrome_cmd(width: u32, height: u32) -> (Command, tempdir::TempDir) {
    let profile = tempdir::TempDir::new(&format!(
        "kanbao-chrome-{}-{}",
        std::process::id(),
        PROFILE.fetch_add(1, Ordering::SeqCst)
    ));
    let mut cmd = Command::new(chrome());
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--virtual-time-budget=15000",
    ])
    .arg(format!("--window-size={width},{height}"))
    .arg(format!("--user-data-dir={}", profile.path().display()));
    (cmd, profile)
}

/// The page's DOM after the app ran (desktop width).
pub fn dom(url: &str) -> String {
    dom_at(url, 1280, 900)
}

pub fn dom_at(url: &str, width: u32, height: u32) -> String {
    // Virtual time runs ahead while the wasm compiles on a busy machine, so a
    // dump can come before the app started or finished loading: try again.
    let mut d = dom_once(url, width, height);
    for _ in 0..4 {
        if !still_starting(&d) {
            break;
        }
        d = dom_once(url, width, height);
    }
    d
}

/// The app has not started (boot message) or is still loading data.
pub fn still_starting(dom: &str) -> bool {
    dom.contains("id=\"boot\"")
        || dom.contains("class=\"boot\"")
        || dom.contains("class=\"loading\"")
}

fn dom_once(url: &str, width: u32, height: u32) -> String {
    let (mut cmd, _profile) = chrome_cmd(width, height);
    let out = cmd
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("start Chromium");
    assert!(
        out.status.success(),
        "Chromium failed on {url}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    // Only the body: the head holds the embedded wasm.
    match html.find("<body") {
        Some(i) => html[i..].to_string(),
        None => html,
    }
}

/// Saves a screenshot of `url` as tests/output/<name>.png.
pub fn screenshot(url: &str, name: &str, width: u32, height: u32) -> PathBuf {
    let path = output_dir().join(format!("{name}.png"));
    let (mut cmd, _profile) = chrome_cmd(width, height);
    let out = cmd
        .arg(format!("--screenshot={}", path.display()))
        .arg(url)
        .output()
        .expect("start Chromium");
    assert!(out.status.success(), "screenshot of {url} failed");
    path
}

/// `file://` URL of a path, percent-encoded.
pub fn file_url(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).expect("path exists");
    let mut out = String::from("file://");
    for b in abs.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Percent-encodes a query value (for Chinese queries in URLs).
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Serves `dir` on a free loopback port; returns the base URL (ending in `/`).
pub fn serve(dir: &Path) -> String {
    let addr = kanbao::serve::spawn(dir, "127.0.0.1:0").expect("serve");
    format!("http://{addr}/")
}

/// A copy of the built reader in a fresh temporary folder, to break on purpose.
pub fn dist_copy(tag: &str) -> tempdir::TempDir {
    let tmp = tempdir::TempDir::new(&format!("kanbao-dist-{tag}-{}", std::process::id()));
    copy_dir(&dist(), tmp.path());
    tmp
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// Every `href="#/article/…"` in a DOM, in order.
pub fn article_links(dom: &str) -> Vec<String> {
    dom.match_indices("href=\"#/article/")
        .map(|(i, _)| {
            let rest = &dom[i + "href=\"".len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

/// Minimal temporary folders (removed on drop), to avoid a dependency.
pub mod tempdir {
    use std::path::{Path, PathBuf};

    pub struct TempDir(PathBuf);

    impl TempDir {
        pub fn new(name: &str) -> Self {
            let p = std::env::temp_dir().join(name);
            let _ = std::fs::remove_dir_all(&p);
            std::fs::create_dir_all(&p).expect("create temp dir");
            TempDir(p)
        }
        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}
