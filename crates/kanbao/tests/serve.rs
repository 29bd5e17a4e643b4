//! `kanbao serve` over a real socket: bodies compressed per `Accept-Encoding`
//! (brotli, gzip, none), `Vary` and `Content-Length` right, HEAD like GET
//! without the body, images untouched.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Tmp(PathBuf);
impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

static SITES: AtomicUsize = AtomicUsize::new(0);

/// A small served folder of its own (tests run side by side).
fn site() -> (Tmp, SocketAddr, Vec<u8>) {
    let dir = std::env::temp_dir().join(format!(
        "kanbao-serve-{}-{}",
        std::process::id(),
        SITES.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("bundle")).unwrap();
    // A page as large and repetitive as the reader's index.html.
    let html: Vec<u8> = "<p>嘉兴日报·平湖版 看报 reading room</p>\n"
        .repeat(20_000)
        .into_bytes();
    std::fs::write(dir.join("index.html"), &html).unwrap();
    std::fs::write(dir.join("bundle/manifest.js"), "var m = 1;\n".repeat(500)).unwrap();
    std::fs::write(dir.join("icon.png"), [0x89u8, b'P', b'N', b'G'].repeat(300)).unwrap();
    let addr = kanbao::serve::spawn(&dir, "127.0.0.1:0").unwrap();
    (Tmp(dir), addr, html)
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
