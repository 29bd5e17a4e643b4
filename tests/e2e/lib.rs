//! Helpers for end-to-end tests: the built reader (`dist/`, from `cargo xtask
//! dist`) opened in headless Chromium from file:// and over http; the DOM after
//! the app has run is read with `--dump-dom`, screenshots go to tests/output/.

pub mod webdriver;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `kanbao <args>` in this process (the CLI's own entry point), which must
/// succeed.
pub fn run_kanbao(args: &[&std::ffi::OsStr]) {
    let code = kanbao::cli::run(
        std::iter::once(std::ffi::OsStr::new("kanbao")).chain(args.iter().copied()),
    )
    .expect("kanbao runs");
    assert_eq!(code, std::process::ExitCode::SUCCESS, "kanbao {args:?}");
}

/// `kanbao package <bundle> --reader <reader> --out <out>`, which must succeed.
pub fn package(bundle: &Path, reader: &Path, out: &Path) {
    run_kanbao(&[
        "package".as_ref(),
        bundle.as_os_str(),
        "--reader".as_ref(),
        reader.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
}

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

pub fn chrome() -> PathBuf {
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
    let html = dump(url, width, height);
    // Only the body: the head holds the embedded wasm.
    match html.find("<body") {
        Some(i) => html[i..].to_string(),
        None => html,
    }
}

/// The opening `<html …>` tag after the app ran: the attributes the reader
/// sets on the document element (`data-offline`, `data-kiosk`, `lang`).
pub fn root_tag(url: &str) -> String {
    let html = dump(url, 1280, 900);
    let i = html.find("<html").expect("an <html> element");
    html[i..i + html[i..].find('>').expect("a closed tag") + 1].to_string()
}

fn dump(url: &str, width: u32, height: u32) -> String {
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
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A plain HTTP GET of a loopback URL: (status, headers, body).
pub fn http_get(url: &str) -> (u16, String, Vec<u8>) {
    http("GET", url, None)
}

/// One HTTP/1.1 request with `Connection: close`, no dependency needed.
pub fn http(method: &str, url: &str, body: Option<&str>) -> (u16, String, Vec<u8>) {
    use std::io::{Read, Write};
    let rest = url.strip_prefix("http://").expect("an http URL");
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut stream = std::net::TcpStream::connect(host).expect("connect");
    let body = body.unwrap_or("");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    // Read to the end of the headers, then Content-Length bytes (ChromeDriver
    // says `Connection: close` but keeps the socket open), else to the end.
    let mut bytes = Vec::new();
    let mut buf = [0u8; 16384];
    let split = loop {
        if let Some(i) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut buf).unwrap();
        assert!(n > 0, "{url}: connection closed before the headers ended");
        bytes.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let length = head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case("content-length")
            .then(|| v.trim().parse::<usize>().ok())?
    });
    let mut body = bytes[split + 4..].to_vec();
    match length {
        Some(len) => {
            while body.len() < len {
                let n = stream.read(&mut buf).unwrap();
                assert!(n > 0, "{url}: body cut short");
                body.extend_from_slice(&buf[..n]);
            }
        }
        None => {
            stream.read_to_end(&mut body).unwrap();
        }
    }
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    (status, head, body)
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2..];
    }
    out
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
    format!(
        "file://{}",
        kanbao_bundle::percent_encode(&abs.to_string_lossy(), b"/")
    )
}

/// Percent-encodes a query value (for Chinese queries in URLs).
pub fn enc(s: &str) -> String {
    kanbao_bundle::percent_encode(s, b"")
}

/// Serves `dir` on a free loopback port; returns the base URL (ending in `/`).
pub fn serve(dir: &Path) -> String {
    let addr = kanbao::serve::spawn(dir, "127.0.0.1:0").expect("serve");
    format!("http://{addr}/")
}

/// The request lines (`GET /bundle/docs/0000.js?v=… HTTP/1.1`) a server has
/// received, in order.
pub type RequestLog = std::sync::Arc<std::sync::Mutex<Vec<String>>>;

/// Serves `dir` as [`serve`] does, through a loopback proxy that logs every
/// request line: what the browser (its service worker included) asked the
/// network for. (The server sends `Cache-Control: no-cache` and no
/// validators, so nothing is answered from the HTTP cache instead.)
pub fn serve_logged(dir: &Path) -> (String, RequestLog) {
    use std::io::{BufRead, BufReader, Write};
    use std::net::{Shutdown, TcpListener, TcpStream};
    let upstream = kanbao::serve::spawn(dir, "127.0.0.1:0").expect("serve");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
    let addr = listener.local_addr().unwrap();
    let log = RequestLog::default();
    let shared = log.clone();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let Ok(server) = TcpStream::connect(upstream) else {
                continue;
            };
            let (Ok(mut to_client), Ok(mut from_server)) = (client.try_clone(), server.try_clone())
            else {
                continue;
            };
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut from_server, &mut to_client);
                let _ = to_client.shutdown(Shutdown::Write);
            });
            let log = shared.clone();
            // Requests go through line by line; the browser sends only GETs
            // (no bodies), so a line after a blank one starts a request.
            std::thread::spawn(move || {
                let mut reader = BufReader::new(client);
                let mut server = server;
                let mut line = Vec::new();
                let mut starts = true;
                loop {
                    line.clear();
                    match reader.read_until(b'\n', &mut line) {
                        Ok(0) | Err(_) => break,
                        Ok(_) => {}
                    }
                    if starts {
                        let l = String::from_utf8_lossy(&line).trim_end().to_string();
                        log.lock().unwrap().push(l);
                    }
                    starts = line == b"\r\n";
                    if server.write_all(&line).is_err() {
                        break;
                    }
                }
                let _ = server.shutdown(Shutdown::Write);
            });
        }
    });
    (format!("http://{addr}/"), log)
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

/// The payload of a bundle file as written, characters read back with the
/// bundle's table (`bundle` is the folder holding manifest.js).
pub fn bundle_json(bundle: &Path, file: &Path) -> String {
    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    let manifest_text = read(&bundle.join("manifest.js"));
    let manifest: kanbao_bundle::Manifest =
        serde_json::from_str(kanbao_bundle::shard::decode("manifest.js", &manifest_text).unwrap())
            .unwrap();
    let name = file
        .strip_prefix(bundle)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    let text = read(file);
    let json = kanbao_bundle::shard::decode(&name, &text).unwrap();
    kanbao_bundle::CharMap::new(&manifest.chars)
        .decode(json)
        .into_owned()
}

/// Standard base64 (as WebDriver screenshots and the embedded wasm are), decoded.
pub fn base64_decode(text: &str) -> Vec<u8> {
    let t = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let b64: Vec<u8> = text.bytes().filter(|&c| c != b'=' && c != b'\n').collect();
    let mut out = Vec::with_capacity(b64.len() * 3 / 4);
    for chunk in b64.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &c)| acc | (t(c) as u32) << (18 - 6 * i));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}
