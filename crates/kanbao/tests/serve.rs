//! `kanbao serve` over a real socket: bodies compressed per `Accept-Encoding`
//! (brotli, gzip, none), `Vary` and `Content-Length` right, HEAD like GET
//! without the body, images untouched.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};

mod support;

use support::Tmp;

static SITES: AtomicUsize = AtomicUsize::new(0);

/// A small served folder of its own (tests run side by side).
fn site() -> (Tmp, SocketAddr, Vec<u8>) {
    let tmp = Tmp::new(&format!("site-{}", SITES.fetch_add(1, Ordering::SeqCst)));
    let dir = tmp.0.clone();
    std::fs::create_dir_all(dir.join("bundle")).unwrap();
    // A page as large and repetitive as the reader's index.html.
    let html: Vec<u8> = "<p>嘉兴日报·平湖版 看报 reading room</p>\n"
        .repeat(20_000)
        .into_bytes();
    std::fs::write(dir.join("index.html"), &html).unwrap();
    std::fs::write(dir.join("bundle/manifest.js"), "var m = 1;\n".repeat(500)).unwrap();
    std::fs::write(dir.join("icon.png"), [0x89u8, b'P', b'N', b'G'].repeat(300)).unwrap();
    let addr = kanbao::serve::spawn(&dir, "127.0.0.1:0").unwrap();
    (tmp, addr, html)
}

/// One request; (status line and headers lower-cased, body as received).
fn request(addr: SocketAddr, method: &str, path: &str, accept: Option<&str>) -> (String, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    let accept = accept
        .map(|a| format!("Accept-Encoding: {a}\r\n"))
        .unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{accept}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    (head, raw[split + 4..].to_vec())
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        (k.trim() == name).then(|| v.trim())
    })
}

fn length(head: &str) -> usize {
    header(head, "content-length").unwrap().parse().unwrap()
}

#[test]
fn brotli_when_accepted_with_vary_and_the_encoded_length() {
    let (_tmp, addr, html) = site();
    let (head, body) = request(addr, "GET", "/", Some("gzip, deflate, br, zstd"));
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert_eq!(header(&head, "content-encoding"), Some("br"), "{head}");
    assert_eq!(header(&head, "vary"), Some("accept-encoding"), "{head}");
    assert_eq!(length(&head), body.len());
    assert!(
        body.len() * 20 < html.len(),
        "brotli {} of {}",
        body.len(),
        html.len()
    );
    let mut plain = Vec::new();
    brotli::Decompressor::new(&body[..], 4096)
        .read_to_end(&mut plain)
        .unwrap();
    assert_eq!(plain, html);
}

#[test]
fn gzip_when_brotli_is_not_accepted() {
    let (_tmp, addr, html) = site();
    for accept in ["gzip, deflate", "br;q=0, gzip", "gzip;q=1, br;q=0.4"] {
        let (head, body) = request(addr, "GET", "/index.html", Some(accept));
        assert_eq!(
            header(&head, "content-encoding"),
            Some("gzip"),
            "{accept}: {head}"
        );
        assert_eq!(header(&head, "vary"), Some("accept-encoding"));
        assert_eq!(length(&head), body.len());
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(&body[..])
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, html, "{accept}");
    }
    // Scripts too (the bundle's shards are .js).
    let (head, _) = request(addr, "GET", "/bundle/manifest.js", Some("gzip"));
    assert_eq!(header(&head, "content-encoding"), Some("gzip"), "{head}");
}

#[test]
fn plain_without_accept_encoding_or_when_all_refused() {
    let (_tmp, addr, html) = site();
    for accept in [None, Some("identity"), Some("gzip;q=0, br;q=0")] {
        let (head, body) = request(addr, "GET", "/index.html", accept);
        assert_eq!(
            header(&head, "content-encoding"),
            None,
            "{accept:?}: {head}"
        );
        // The body still depends on the header, so caches must know.
        assert_eq!(header(&head, "vary"), Some("accept-encoding"));
        assert_eq!(length(&head), html.len());
        assert_eq!(body, html);
    }
}

#[test]
fn head_sends_the_headers_get_would_and_no_body() {
    let (_tmp, addr, _) = site();
    for accept in [None, Some("gzip"), Some("br, gzip")] {
        let (get, get_body) = request(addr, "GET", "/index.html", accept);
        let (head, body) = request(addr, "HEAD", "/index.html", accept);
        assert!(head.starts_with("http/1.1 200"), "{head}");
        assert!(body.is_empty(), "HEAD sent a body");
        assert_eq!(length(&head), get_body.len(), "{accept:?}");
        assert_eq!(
            header(&head, "content-encoding"),
            header(&get, "content-encoding")
        );
        assert_eq!(header(&head, "vary"), Some("accept-encoding"));
    }
    let (head, body) = request(addr, "HEAD", "/missing.js", Some("br"));
    assert!(head.starts_with("http/1.1 404"), "{head}");
    assert!(body.is_empty());
}

#[test]
fn images_are_sent_as_they_are() {
    let (_tmp, addr, _) = site();
    let (head, body) = request(addr, "GET", "/icon.png", Some("br, gzip"));
    assert_eq!(header(&head, "content-type"), Some("image/png"));
    assert_eq!(header(&head, "content-encoding"), None, "{head}");
    assert_eq!(header(&head, "vary"), None);
    assert_eq!(length(&head), 1200);
    assert_eq!(body.len(), 1200);
}

/// Raw bytes to the server; its whole answer as text (lower-cased head).
fn raw(addr: SocketAddr, bytes: &[u8]) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(bytes).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).to_ascii_lowercase()
}

#[test]
fn nothing_outside_the_folder_and_no_listings() {
    let (tmp, addr, _) = site();
    let outside = tmp.0.with_extension("secret");
    std::fs::write(&outside, "secret").unwrap();
    std::fs::create_dir_all(tmp.0.join("empty")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, tmp.0.join("link.txt")).unwrap();
    let name = outside.file_name().unwrap().to_string_lossy().into_owned();
    for path in [
        format!("/../{name}"),
        format!("/%2e%2e/{name}"),
        format!("/%2E%2E%2F{name}"),
        format!("/bundle/..%2f..%2f{name}"),
        format!("/..%5c{name}"),
        outside.to_string_lossy().into_owned(),
        "/link.txt".into(),
        "/empty/".into(),
        "/bundle/".into(),
    ] {
        let (head, body) = request(addr, "GET", &path, None);
        assert!(head.starts_with("http/1.1 404"), "{path}: {head}");
        assert!(!String::from_utf8_lossy(&body).contains("secret"), "{path}");
    }
    // A folder without its slash is sent to it, so relative links resolve.
    let (head, _) = request(addr, "GET", "/bundle", None);
    assert!(head.starts_with("http/1.1 301"), "{head}");
    assert_eq!(header(&head, "location"), Some("/bundle/"));
    let _ = std::fs::remove_file(outside);
}

#[test]
fn oversized_or_malformed_requests_are_refused() {
    let (_tmp, addr, _) = site();
    let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(64 * 1024));
    assert!(raw(addr, long.as_bytes()).starts_with("http/1.1 431"));
    let headers = format!("GET / HTTP/1.1\r\n{}\r\n", "X-A: b\r\n".repeat(1000));
    assert!(raw(addr, headers.as_bytes()).starts_with("http/1.1 431"));
    assert!(raw(addr, b"HELLO\r\n\r\n").starts_with("http/1.1 400"));
    let post = raw(addr, b"POST / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert!(post.starts_with("http/1.1 405"), "{post}");
    assert!(post.contains("allow: get, head"), "{post}");
}

#[test]
fn ranges_of_files_sent_as_they_are() {
    let (_tmp, addr, _) = site();
    let ranged = |range: &str| {
        raw(
            addr,
            format!("GET /icon.png HTTP/1.1\r\nRange: {range}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
    };
    let r = ranged("bytes=0-3");
    assert!(r.starts_with("http/1.1 206"), "{r}");
    assert!(r.contains("content-range: bytes 0-3/1200"), "{r}");
    assert!(r.contains("content-length: 4\r\n"), "{r}");
    assert!(r.ends_with("png"), "the first four bytes: {r:?}");
    let r = ranged("bytes=-10");
    assert!(r.contains("content-range: bytes 1190-1199/1200"), "{r}");
    let r = ranged("bytes=5000-");
    assert!(r.starts_with("http/1.1 416"), "{r}");
    assert!(r.contains("content-range: bytes */1200"), "{r}");
    let (head, _) = request(addr, "GET", "/icon.png", None);
    assert_eq!(header(&head, "accept-ranges"), Some("bytes"));
}

#[test]
fn connections_are_kept_alive() {
    let (_tmp, addr, html) = site();
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(b"GET /bundle/manifest.js HTTP/1.1\r\nHost: x\r\n\r\nHEAD /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    let text = String::from_utf8_lossy(&out).to_ascii_lowercase();
    assert_eq!(text.matches("http/1.1 200").count(), 2, "{text}");
    assert!(text.contains("connection: keep-alive"));
    assert!(text.contains(&format!("content-length: {}", html.len())));
}

#[test]
fn many_clients_at_once_get_every_answer() {
    let (tmp, addr, _) = site();
    let paths = ["/", "/index.html", "/bundle/manifest.js", "/icon.png"].map(String::from);
    let report = kanbao::serve::load::run(addr, &paths, 64, 4000);
    assert_eq!(report.errors, 0, "{report}: {:?}", report.first_errors);
    // The bench command over the same folder.
    kanbao::serve::load::bench(&tmp.0, 16, 500).unwrap();
}
