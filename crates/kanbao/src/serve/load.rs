//! A bounded load test of `kanbao serve` on loopback: many clients at once,
//! each on a keep-alive connection, fetching a folder's files as a browser
//! would (brotli accepted), every response checked.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What a load test measured.
#[derive(Debug)]
pub struct Report {
    pub clients: usize,
    pub requests: usize,
    /// Requests that failed: an I/O error, a status other than 200, or a body
    /// shorter than its `Content-Length`.
    pub errors: usize,
    /// The first few errors, for the message.
    pub first_errors: Vec<String>,
    pub seconds: f64,
    pub bytes: u64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} requests from {} clients in {:.2} s: {:.0} requests/s, {:.1} MB sent, latency p50 {:.2} ms p99 {:.2} ms, {} errors",
            self.requests,
            self.clients,
            self.seconds,
            self.requests as f64 / self.seconds.max(1e-9),
            self.bytes as f64 / 1e6,
            self.p50_ms,
            self.p99_ms,
            self.errors
        )
    }
}

/// Sends `requests` GETs for `paths` (in turn) from `clients` threads to `addr`.
pub fn run(addr: SocketAddr, paths: &[String], clients: usize, requests: usize) -> Report {
    let next = AtomicUsize::new(0);
    let bytes = AtomicUsize::new(0);
    let latencies = Mutex::new(Vec::with_capacity(requests));
    let errors = Mutex::new(Vec::new());
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..clients.max(1) {
            s.spawn(|| {
                let mut conn: Option<Conn> = None;
                let mut mine = Vec::new();
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= requests {
                        break;
                    }
                    let path = &paths[n % paths.len()];
                    let t = Instant::now();
                    match fetch(addr, &mut conn, path) {
                        Ok(len) => {
                            bytes.fetch_add(len, Ordering::Relaxed);
                            mine.push(t.elapsed());
                        }
                        Err(e) => {
                            conn = None;
                            errors.lock().unwrap().push(format!("{path}: {e}"));
                        }
                    }
                }
                latencies.lock().unwrap().extend(mine);
            });
        }
    });
    let seconds = start.elapsed().as_secs_f64();
    let mut lat = latencies.into_inner().unwrap();
    lat.sort();
    let pct = |p: f64| -> f64 {
        lat.get(((lat.len() as f64 - 1.0) * p).round() as usize)
            .map_or(0.0, |d| d.as_secs_f64() * 1e3)
    };
    let errors = errors.into_inner().unwrap();
    Report {
        clients,
        requests,
        errors: errors.len(),
        first_errors: errors.into_iter().take(5).collect(),
        seconds,
        bytes: bytes.into_inner() as u64,
        p50_ms: pct(0.5),
        p99_ms: pct(0.99),
    }
}

struct Conn {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

/// One GET on the kept connection (made anew when there is none or the
/// server closed it); the body's length.
fn fetch(addr: SocketAddr, conn: &mut Option<Conn>, path: &str) -> std::io::Result<usize> {
    if conn.is_none() {
        let s = TcpStream::connect_timeout(&addr, Duration::from_secs(10))?;
        s.set_read_timeout(Some(Duration::from_secs(30)))?;
        let _ = s.set_nodelay(true);
        *conn = Some(Conn {
            reader: BufReader::new(s.try_clone()?),
            writer: s,
        });
    }
    let c = conn.as_mut().expect("connected");
    write!(
        c.writer,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept-Encoding: br, gzip\r\n\r\n"
    )?;
    let mut status = String::new();
    c.reader.read_line(&mut status)?;
    let mut length = None;
    let mut close = false;
    loop {
        let mut line = String::new();
        if c.reader.read_line(&mut line)? == 0 {
            return Err(std::io::Error::other("connection closed mid-response"));
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            let (k, v) = (k.trim().to_ascii_lowercase(), v.trim());
            if k == "content-length" {
                length = v.parse::<usize>().ok();
            } else if k == "connection" && v.eq_ignore_ascii_case("close") {
                close = true;
            }
        }
    }
    let length = length.ok_or_else(|| std::io::Error::other("no Content-Length"))?;
    let mut body = vec![0; length];
    c.reader.read_exact(&mut body)?;
    if close {
        *conn = None;
    }
    if !status.starts_with("HTTP/1.1 200") {
        return Err(std::io::Error::other(format!("status {}", status.trim())));
    }
    Ok(length)
}

/// `kanbao bench-serve`: serves `dir` on a free loopback port and loads it
/// with every file below it in turn; an error if any request failed.
pub fn bench(dir: &std::path::Path, clients: usize, requests: usize) -> anyhow::Result<()> {
    let mut paths = Vec::new();
    list(dir, dir, &mut paths)?;
    if paths.is_empty() {
        anyhow::bail!("{}: no files to serve", dir.display());
    }
    paths.sort();
    let addr = super::spawn(dir, "127.0.0.1:0")?;
    // Compress once before measuring, as a server that has run a while has.
    run(addr, &paths, 1, paths.len());
    let report = run(addr, &paths, clients, requests);
    println!("serve {} ({} files): {report}", dir.display(), paths.len());
    if report.errors > 0 {
        anyhow::bail!(
            "{} of {} requests failed, first: {}",
            report.errors,
            report.requests,
            report.first_errors.join("; ")
        );
    }
    Ok(())
}

/// Request paths of the files below `dir` (percent-encoded where needed).
fn list(
    root: &std::path::Path,
    dir: &std::path::Path,
    out: &mut Vec<String>,
) -> anyhow::Result<()> {
    use anyhow::Context;
    for e in
        std::fs::read_dir(dir).with_context(|| format!("{}: cannot list folder", dir.display()))?
    {
        let p = e?.path();
        if p.is_dir() {
            list(root, &p, out)?;
        } else if let Ok(rel) = p.strip_prefix(root) {
            let mut path = String::new();
            for c in rel.components() {
                path.push('/');
                for b in c.as_os_str().to_string_lossy().bytes() {
                    if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                        path.push(b as char);
                    } else {
                        path.push_str(&format!("%{b:02X}"));
                    }
                }
            }
            out.push(path);
        }
    }
    Ok(())
}
