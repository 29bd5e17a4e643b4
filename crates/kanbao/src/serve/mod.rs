//! `kanbao serve`: a small static file server for a built reader folder, so an
//! archive can be opened over http on this machine with no other tools.
//!
//! - Loopback by default; GET and HEAD only; HTTP/1.1 keep-alive.
//! - Never serves outside the folder: no `..` (however encoded), no absolute
//!   parts, no symbolic link that leads out; no directory listings.
//! - Request heads are bounded ([`request::MAX_HEAD`]); idle connections
//!   time out; at most [`MAX_CONNECTIONS`] at once (more get 503).
//! - Text, scripts and wasm go out compressed (brotli, else gzip) when the
//!   browser's `Accept-Encoding` allows (the reader's `index.html` alone is
//!   over a megabyte, a tenth of that in brotli), each file compressed once
//!   and kept; other files answer `Range` requests.

pub mod load;
pub mod request;

use std::collections::HashMap;
use std::io::{BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result};

/// Most connections served at once.
pub const MAX_CONNECTIONS: usize = 512;
/// Most requests on one connection.
const MAX_REQUESTS_PER_CONNECTION: usize = 1000;
/// How long a connection may stay silent.
const IDLE: Duration = Duration::from_secs(10);
/// Most bytes of compressed bodies kept.
const CACHE_BYTES: usize = 64 << 20;

/// Binds `addr` and serves `root` on a background thread; returns the bound address.
pub fn spawn(root: &Path, addr: &str) -> Result<SocketAddr> {
    let listener = TcpListener::bind(addr).with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    let site = Site::new(root)?;
    std::thread::spawn(move || accept_loop(listener, site));
    Ok(local)
}

/// Serves `root` on `addr` until the process is stopped.
pub fn run(root: &Path, addr: &str) -> Result<()> {
    let listener = TcpListener::bind(addr).with_context(|| format!("cannot listen on {addr}"))?;
    accept_loop(listener, Site::new(root)?);
    Ok(())
}

/// The served folder, resolved once, and what is shared between connections.
#[derive(Clone)]
struct Site {
    /// The folder with symbolic links resolved: every file served is below it.
    root: Arc<PathBuf>,
    cache: Arc<Mutex<Cache>>,
    live: Arc<AtomicUsize>,
}

impl Site {
    fn new(root: &Path) -> Result<Site> {
        let root = root
            .canonicalize()
            .with_context(|| format!("{}: cannot serve it", root.display()))?;
        Ok(Site {
            root: Arc::new(root),
            cache: Arc::default(),
            live: Arc::default(),
        })
    }
}

fn accept_loop(listener: TcpListener, site: Site) {
    for stream in listener.incoming().flatten() {
        let site = site.clone();
        if site.live.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            site.live.fetch_sub(1, Ordering::SeqCst);
            let mut stream = stream;
            let _ = respond(
                &mut stream,
                &Head::new("503 Service Unavailable", "text/plain; charset=utf-8").closing(),
                b"busy",
                true,
            );
            continue;
        }
        std::thread::spawn(move || {
            let _ = connection(stream, &site);
            site.live.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

/// Serves the requests of one connection until it closes, goes idle, or
/// sends something not to be answered further.
fn connection(stream: TcpStream, site: &Site) -> std::io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    stream.set_write_timeout(Some(IDLE))?;
    let _ = stream.set_nodelay(true);
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    for n in 1..=MAX_REQUESTS_PER_CONNECTION {
        let req = match request::read(&mut reader)? {
            Ok(Some(req)) => req,
            Ok(None) => return Ok(()),
            Err(refusal) => {
                let (status, body): (&str, &[u8]) = match refusal {
                    request::Refusal::TooLarge => {
                        ("431 Request Header Fields Too Large", b"request too large")
                    }
                    request::Refusal::Malformed => ("400 Bad Request", b"bad request"),
                };
                let head = Head::new(status, "text/plain; charset=utf-8").closing();
                return respond(&mut out, &head, body, true);
            }
        };
        let close = req.close || n == MAX_REQUESTS_PER_CONNECTION;
        answer(&mut out, site, &req, close)?;
        if close {
            return Ok(());
        }
    }
    Ok(())
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "webmanifest" => "application/json; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "webp" => "image/webp",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Whether a content type is worth compressing (images are compressed already).
fn compressible(ctype: &str) -> bool {
    ctype.starts_with("text/")
        || ctype.starts_with("application/json")
        || ctype == "application/wasm"
        || ctype == "image/svg+xml"
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    fn token(self) -> Option<&'static str> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some("gzip"),
            Encoding::Brotli => Some("br"),
        }
    }
}

/// The encoding to send for an `Accept-Encoding` value: brotli when accepted,
/// else gzip, else none; `q=0` refuses a coding, `*` stands for any not named.
fn negotiate(accept: &str) -> Encoding {
    let q_of = |name: &str| -> Option<f32> {
        let mut star = None;
        for item in accept.split(',') {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| {
                    let (k, v) = p.split_once('=')?;
                    (k.trim().eq_ignore_ascii_case("q")).then(|| v.trim().parse::<f32>().ok())?
                })
                .next()
                .unwrap_or(1.0);
            if coding == name || (name == "gzip" && coding == "x-gzip") {
                return Some(q);
            }
            if coding == "*" {
                star = Some(q);
            }
        }
        star
    };
    let br = q_of("br").unwrap_or(0.0);
    let gzip = q_of("gzip").unwrap_or(0.0);
    if br > 0.0 && br >= gzip {
        Encoding::Brotli
    } else if gzip > 0.0 {
        Encoding::Gzip
    } else if br > 0.0 {
        Encoding::Brotli
    } else {
        Encoding::Identity
    }
}

/// `body` in `encoding`. Brotli at quality 5 and gzip at the default level:
/// fast enough to compress a megabyte per request on a small machine.
fn encode(body: &[u8], encoding: Encoding) -> std::io::Result<Vec<u8>> {
    match encoding {
        Encoding::Identity => Ok(body.to_vec()),
        Encoding::Gzip => {
            let mut enc = flate2::write::GzEncoder::new(
                Vec::with_capacity(body.len() / 3),
                flate2::Compression::default(),
            );
            enc.write_all(body)?;
            enc.finish()
        }
        Encoding::Brotli => {
            let mut out = Vec::with_capacity(body.len() / 4);
            let params = brotli::enc::BrotliEncoderParams {
                quality: 5,
                lgwin: 22,
                size_hint: body.len(),
                ..Default::default()
            };
            brotli::BrotliCompress(&mut &body[..], &mut out, &params)?;
            Ok(out)
        }
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Maps a request path to a file under `root` (already canonical): `None`
/// for `..` or absolute parts however encoded, for a symbolic link that leads
/// out of `root`, and for a folder without `index.html` (no listings).
/// `Err(to)` when a folder was asked for without its trailing slash: the
/// browser is sent to `to`, so the page's relative links resolve.
fn resolve(root: &Path, target: &str) -> Option<Result<PathBuf, String>> {
    let path = target.split(['?', '#']).next()?;
    let decoded = percent_decode(path)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let mut out = root.to_path_buf();
    for c in Path::new(decoded.trim_start_matches('/')).components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    // Symbolic links are followed only to somewhere inside the folder.
    let real = out.canonicalize().ok()?;
    if !real.starts_with(root) {
        return None;
    }
    if real.is_dir() {
        if !path.ends_with('/') {
            return Some(Err(format!("/{}/", path.trim_start_matches('/'))));
        }
        let index = real.join("index.html");
        return index.is_file().then_some(Ok(index));
    }
    real.is_file().then_some(Ok(real))
}

/// Compressed bodies by file and coding.
#[derive(Default)]
struct Cache {
    bodies: HashMap<(PathBuf, Encoding), Compressed>,
    bytes: usize,
}

/// A body compressed from a version of a file (its modification time and
/// length).
struct Compressed {
    modified: std::time::SystemTime,
    len: u64,
    body: Arc<Vec<u8>>,
}

impl Cache {
    /// `path`'s body in `encoding`, compressed once per version of the file.
    fn get(
        site: &Site,
        path: &Path,
        encoding: Encoding,
        meta: &std::fs::Metadata,
    ) -> std::io::Result<Arc<Vec<u8>>> {
        let modified = meta.modified()?;
        let key = (path.to_path_buf(), encoding);
        if let Some(c) = site.cache.lock().unwrap().bodies.get(&key) {
            if c.modified == modified && c.len == meta.len() {
                return Ok(c.body.clone());
            }
        }
        let body = Arc::new(encode(&std::fs::read(path)?, encoding)?);
        let mut cache = site.cache.lock().unwrap();
        if cache.bytes + body.len() > CACHE_BYTES {
            cache.bodies.clear();
            cache.bytes = 0;
        }
        cache.bytes += body.len();
        let len = meta.len();
        cache.bodies.insert(
            key,
            Compressed {
                modified,
                len,
                body: body.clone(),
            },
        );
        Ok(body)
    }
}

/// Answers one request.
fn answer(
    out: &mut TcpStream,
    site: &Site,
    req: &request::Request,
    close: bool,
) -> std::io::Result<()> {
    let with_body = req.method != "HEAD";
    let head = |status, ctype| {
        let h = Head::new(status, ctype);
        if close {
            h.closing()
        } else {
            h
        }
    };
    if req.method != "GET" && req.method != "HEAD" {
        let mut h = head("405 Method Not Allowed", "text/plain; charset=utf-8");
        h.extra.push_str("Allow: GET, HEAD\r\n");
        return respond(out, &h, b"method not allowed", true);
    }
    let path = match resolve(&site.root, &req.target) {
        Some(Ok(path)) => path,
        Some(Err(to)) => {
            let mut h = head("301 Moved Permanently", "text/plain; charset=utf-8");
            h.extra.push_str(&format!("Location: {to}\r\n"));
            return respond(out, &h, b"moved", with_body);
        }
        None => {
            let h = head("404 Not Found", "text/plain; charset=utf-8");
            return respond(out, &h, b"not found", with_body);
        }
    };
    let meta = std::fs::metadata(&path)?;
    let ctype = content_type(&path);
    if compressible(ctype) {
        // HEAD is negotiated and encoded as GET is, so its Content-Length
        // is the length GET would send.
        let encoding = negotiate(&req.accept_encoding);
        let body = Cache::get(site, &path, encoding, &meta)?;
        let mut h = head("200 OK", ctype);
        h.extra.push_str("Vary: Accept-Encoding\r\n");
        if let Some(token) = encoding.token() {
            h.extra.push_str(&format!("Content-Encoding: {token}\r\n"));
        }
        return respond(out, &h, &body, with_body);
    }
    let body = std::fs::read(&path)?;
    let len = body.len() as u64;
    match req
        .range
        .as_deref()
        .and_then(|r| request::byte_range(r, len))
    {
        Some(Ok(range)) => {
            let mut h = head("206 Partial Content", ctype);
            h.extra.push_str(&format!(
                "Accept-Ranges: bytes\r\nContent-Range: bytes {}-{}/{len}\r\n",
                range.start,
                range.end - 1
            ));
            let part = &body[range.start as usize..range.end as usize];
            respond(out, &h, part, with_body)
        }
        Some(Err(())) => {
            let mut h = head("416 Range Not Satisfiable", "text/plain; charset=utf-8");
            h.extra
                .push_str(&format!("Content-Range: bytes */{len}\r\n"));
            respond(out, &h, b"range not satisfiable", with_body)
        }
        None => {
            let mut h = head("200 OK", ctype);
            h.extra.push_str("Accept-Ranges: bytes\r\n");
            respond(out, &h, &body, with_body)
        }
    }
}

/// A response's status line and headers.
struct Head {
    status: &'static str,
    ctype: &'static str,
    /// Further header lines, each ending in CRLF.
    extra: String,
    close: bool,
}

impl Head {
    fn new(status: &'static str, ctype: &'static str) -> Head {
        Head {
            status,
            ctype,
            extra: String::new(),
            close: false,
        }
    }

    fn closing(mut self) -> Head {
        self.close = true;
        self
    }
}

/// Writes a response: the head, with the length of `body`, then `body`
/// unless `with_body` is false (HEAD).
fn respond(out: &mut TcpStream, head: &Head, body: &[u8], with_body: bool) -> std::io::Result<()> {
    let connection = if head.close { "close" } else { "keep-alive" };
    let mut bytes = format!(
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n{}Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: {connection}\r\n\r\n",
        head.status,
        head.ctype,
        body.len(),
        head.extra,
    )
    .into_bytes();
    if with_body {
        bytes.extend_from_slice(body);
    }
    out.write_all(&bytes)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_brotli_then_gzip_and_honours_q_zero() {
        assert_eq!(negotiate(""), Encoding::Identity);
        assert_eq!(negotiate("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(negotiate("gzip, deflate"), Encoding::Gzip);
        assert_eq!(negotiate("br;q=0, gzip"), Encoding::Gzip);
        assert_eq!(negotiate("gzip;q=0, br;q=0"), Encoding::Identity);
        assert_eq!(negotiate("identity"), Encoding::Identity);
        assert_eq!(negotiate("*"), Encoding::Brotli);
        assert_eq!(negotiate("*, br;q=0"), Encoding::Gzip);
        assert_eq!(negotiate("gzip;q=1.0, br;q=0.5"), Encoding::Gzip);
        assert_eq!(negotiate("x-gzip"), Encoding::Gzip);
        assert_eq!(negotiate("BR"), Encoding::Brotli);
    }

    #[test]
    fn refuses_paths_outside_root() {
        let dir = std::env::temp_dir().join(format!("kanbao-resolve-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("site/bundle/docs")).unwrap();
        std::fs::create_dir_all(dir.join("site/empty")).unwrap();
        std::fs::write(dir.join("secret.txt"), "x").unwrap();
        std::fs::write(dir.join("site/index.html"), "x").unwrap();
        std::fs::write(dir.join("site/bundle/docs/0000.js"), "x").unwrap();
        std::fs::write(dir.join("site/看报.js"), "x").unwrap();
        let root = dir.join("site").canonicalize().unwrap();
        let ok = |p: &str| Some(Ok(root.join(p)));
        for out in [
            "/../secret.txt",
            "/a/%2e%2e/%2e%2e/secret.txt",
            "/%2e%2e%2fsecret.txt",
            "/..%5csecret.txt",
            "//etc/passwd",
            "/%00",
            "/empty/",
            "/missing.js",
            "/%zz",
        ] {
            assert_eq!(resolve(&root, out), None, "{out}");
        }
        assert_eq!(
            resolve(&root, "/bundle/docs/0000.js?x=1"),
            ok("bundle/docs/0000.js")
        );
        assert_eq!(resolve(&root, "/%E7%9C%8B%E6%8A%A5.js"), ok("看报.js"));
        assert_eq!(resolve(&root, "/"), ok("index.html"));
        assert_eq!(resolve(&root, "/bundle"), Some(Err("/bundle/".into())));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.join("secret.txt"), root.join("out.txt")).unwrap();
            std::os::unix::fs::symlink(root.join("看报.js"), root.join("in.js")).unwrap();
            assert_eq!(resolve(&root, "/out.txt"), None, "a link out of the folder");
            assert_eq!(resolve(&root, "/in.js"), ok("看报.js"));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
