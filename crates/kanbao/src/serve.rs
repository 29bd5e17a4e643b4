//! `kanbao serve`: a small static file server for a built reader folder, so an
//! archive can be opened over http on this machine with no other tools.
//! Loopback by default; GET and HEAD only; never serves outside the folder.
//! Text, scripts and wasm go out compressed (brotli, else gzip) when the
//! browser's `Accept-Encoding` allows: the reader's `index.html` alone is over
//! a megabyte, a tenth of that in brotli.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result};

/// Binds `addr` and serves `root` on a background thread; returns the bound address.
pub fn spawn(root: &Path, addr: &str) -> Result<SocketAddr> {
    let listener = TcpListener::bind(addr).with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    let root = root.to_path_buf();
    std::thread::spawn(move || accept_loop(listener, root));
    Ok(local)
}

/// Serves `root` on `addr` until the process is stopped.
pub fn run(root: &Path, addr: &str) -> Result<()> {
    let listener = TcpListener::bind(addr).with_context(|| format!("cannot listen on {addr}"))?;
    accept_loop(listener, root.to_path_buf());
    Ok(())
}

fn accept_loop(listener: TcpListener, root: PathBuf) {
    for stream in listener.incoming().flatten() {
        let root = root.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &root);
        });
    }
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
        "ico" => "image/x-icon",
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

/// Maps a request path to a file under `root`, refusing `..` and absolute parts.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    let decoded = percent_decode(path)?;
    let mut out = root.to_path_buf();
    for c in Path::new(decoded.trim_start_matches('/')).components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    Some(out)
}

fn handle(stream: TcpStream, root: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut accept = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("accept-encoding") {
                if !accept.is_empty() {
                    accept.push(',');
                }
                accept.push_str(value.trim());
            }
        }
    }
    let mut parts = request.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let mut out = stream;
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut out,
            "405 Method Not Allowed",
            "text/plain",
            b"method not allowed",
            None,
            true,
        );
    }
    let head = method == "HEAD";
    match resolve(root, target).and_then(|p| std::fs::read(&p).ok().map(|b| (p, b))) {
        Some((p, body)) => {
            let ctype = content_type(&p);
            if !compressible(ctype) {
                return respond(&mut out, "200 OK", ctype, &body, None, !head);
            }
            // HEAD is negotiated and encoded as GET is, so its Content-Length
            // is the length GET would send.
            let encoding = negotiate(&accept);
            let encoded = encode(&body, encoding)?;
            respond(&mut out, "200 OK", ctype, &encoded, Some(encoding), !head)
        }
        None => respond(
            &mut out,
            "404 Not Found",
            "text/plain; charset=utf-8",
            b"not found",
            None,
            !head,
        ),
    }
}

/// Writes a response; `encoding` is the body's coding when it was negotiated
/// (then `Vary: Accept-Encoding` tells caches the body depends on it).
fn respond(
    out: &mut TcpStream,
    status: &str,
    ctype: &str,
    body: &[u8],
    encoding: Option<Encoding>,
    with_body: bool,
) -> std::io::Result<()> {
    let mut extra = String::new();
    if let Some(e) = encoding {
        extra.push_str("Vary: Accept-Encoding\r\n");
        if let Some(token) = e.token() {
            extra.push_str(&format!("Content-Encoding: {token}\r\n"));
        }
    }
    write!(
        out,
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n{extra}Cache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if with_body {
        out.write_all(body)?;
    }
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
        let root = Path::new("/srv/x");
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/a/%2e%2e/%2e%2e/b"), None);
        assert_eq!(
            resolve(root, "/bundle/docs/0000.js?x=1"),
            Some(PathBuf::from("/srv/x/bundle/docs/0000.js"))
        );
        assert_eq!(
            resolve(root, "/%E7%9C%8B%E6%8A%A5.js"),
            Some(PathBuf::from("/srv/x/看报.js"))
        );
    }
}
