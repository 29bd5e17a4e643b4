//! Reading one HTTP/1.x request head, bounded: a client cannot make the
//! server hold more than [`MAX_HEAD`] bytes of it, however it sends them.

use std::io::{BufRead, Read};

/// Most bytes of a request line and its headers together.
pub const MAX_HEAD: u64 = 16 * 1024;
/// Most header lines.
const MAX_HEADERS: usize = 100;

/// What the server needs of a request.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    pub target: String,
    /// All `Accept-Encoding` values, joined by commas.
    pub accept_encoding: String,
    /// The `Range` header, when sent.
    pub range: Option<String>,
    /// Whether the connection ends after this request (`Connection: close`,
    /// or HTTP/1.0 without keep-alive).
    pub close: bool,
}

/// Why a request head was not read.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The head is larger than [`MAX_HEAD`] or has too many headers: 431.
    TooLarge,
    /// Not an HTTP request line, or a header without a colon: 400.
    Malformed,
}

/// Reads a request head; `Ok(None)` when the client closed the connection
/// (or went quiet) before sending one.
pub fn read(reader: &mut impl BufRead) -> std::io::Result<Result<Option<Request>, Refusal>> {
    let mut limited = reader.take(MAX_HEAD);
    let mut line = Vec::new();
    // Blank lines before a request are allowed (RFC 9112 §2.2).
    loop {
        line.clear();
        if read_line(&mut limited, &mut line)? == 0 {
            return Ok(if line.is_empty() {
                Ok(None)
            } else {
                Err(Refusal::TooLarge)
            });
        }
        if !trim_eol(&line).is_empty() {
            break;
        }
    }
    if !line.ends_with(b"\n") {
        return Ok(Err(Refusal::TooLarge));
    }
    let Ok(request_line) = std::str::from_utf8(trim_eol(&line)) else {
        return Ok(Err(Refusal::Malformed));
    };
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Ok(Err(Refusal::Malformed));
    };
    if !version.starts_with("HTTP/1.") || method.is_empty() || !target.starts_with('/') {
        return Ok(Err(Refusal::Malformed));
    }
    let mut req = Request {
        method: method.to_string(),
        target: target.to_string(),
        close: version == "HTTP/1.0",
        ..Default::default()
    };
    let mut headers = 0;
    loop {
        line.clear();
        let n = read_line(&mut limited, &mut line)?;
        if n == 0 || !line.ends_with(b"\n") {
            // Cut off by the limit, or the client stopped mid-head.
            return Ok(if limited.limit() == 0 {
                Err(Refusal::TooLarge)
            } else {
                Err(Refusal::Malformed)
            });
        }
        let text = trim_eol(&line);
        if text.is_empty() {
            return Ok(Ok(Some(req)));
        }
        headers += 1;
        if headers > MAX_HEADERS {
            return Ok(Err(Refusal::TooLarge));
        }
        let text = String::from_utf8_lossy(text);
        let Some((name, value)) = text.split_once(':') else {
            return Ok(Err(Refusal::Malformed));
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "accept-encoding" => {
                if !req.accept_encoding.is_empty() {
                    req.accept_encoding.push(',');
                }
                req.accept_encoding.push_str(value);
            }
            "range" => req.range = Some(value.to_string()),
            "connection" => {
                let v = value.to_ascii_lowercase();
                if v.contains("close") {
                    req.close = true;
                } else if v.contains("keep-alive") {
                    req.close = false;
                }
            }
            _ => {}
        }
    }
}

fn read_line(r: &mut impl BufRead, into: &mut Vec<u8>) -> std::io::Result<usize> {
    match r.read_until(b'\n', into) {
        // A read timeout on an idle keep-alive connection ends it quietly.
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ) && into.is_empty() =>
        {
            Ok(0)
        }
        other => other,
    }
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// A single byte range of a body of `len` bytes, as `start..end`; `None`
/// when the header asks for none this server gives (several ranges, another
/// unit: the whole body is sent), `Some(Err)` when unsatisfiable (416).
pub fn byte_range(header: &str, len: u64) -> Option<Result<std::ops::Range<u64>, ()>> {
    let spec = header.trim().strip_prefix("bytes=")?;
    if spec.contains(',') {
        return None;
    }
    let (a, b) = spec.split_once('-')?;
    let (a, b) = (a.trim(), b.trim());
    let range = if a.is_empty() {
        // The last `b` bytes.
        let n: u64 = b.parse().ok()?;
        if n == 0 {
            return Some(Err(()));
        }
        len.saturating_sub(n)..len
    } else {
        let start: u64 = a.parse().ok()?;
        let end = if b.is_empty() {
            len
        } else {
            let last: u64 = b.parse().ok()?;
            if last < start {
                return None;
            }
            (last + 1).min(len)
        };
        start..end
    };
    if range.start >= len {
        return Some(Err(()));
    }
    Some(Ok(range))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &[u8]) -> Result<Option<Request>, Refusal> {
        read(&mut std::io::BufReader::new(raw)).unwrap()
    }

    #[test]
    fn reads_method_target_and_the_headers_it_needs() {
        let r = parse(b"GET /a.js?x HTTP/1.1\r\nHost: h\r\nAccept-Encoding: gzip\r\naccept-encoding: br\r\nRange: bytes=0-9\r\n\r\n")
            .unwrap()
            .unwrap();
        assert_eq!(r.method, "GET");
        assert_eq!(r.target, "/a.js?x");
        assert_eq!(r.accept_encoding, "gzip,br");
        assert_eq!(r.range.as_deref(), Some("bytes=0-9"));
        assert!(!r.close);
        let r = parse(b"GET / HTTP/1.0\r\n\r\n").unwrap().unwrap();
        assert!(r.close, "HTTP/1.0 closes unless kept alive");
        let r = parse(b"GET / HTTP/1.1\nConnection: close\n\n")
            .unwrap()
            .unwrap();
        assert!(r.close);
    }

    #[test]
    fn a_closed_connection_is_no_request() {
        assert_eq!(parse(b""), Ok(None));
    }

    #[test]
    fn refuses_oversized_and_malformed_heads() {
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(20_000));
        assert_eq!(parse(long.as_bytes()), Err(Refusal::TooLarge));
        let no_newline = vec![b'G'; 40_000];
        assert_eq!(parse(&no_newline), Err(Refusal::TooLarge));
        let many = format!("GET / HTTP/1.1\r\n{}\r\n", "X: y\r\n".repeat(200));
        assert_eq!(parse(many.as_bytes()), Err(Refusal::TooLarge));
        for bad in [
            &b"GET\r\n\r\n"[..],
            b"GET / FTP/1\r\n\r\n",
            b"GET relative HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nno colon\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: h\r\n",
            b"\xff\xfe / HTTP/1.1\r\n\r\n",
        ] {
            assert_eq!(parse(bad), Err(Refusal::Malformed), "{bad:?}");
        }
    }

    #[test]
    fn byte_ranges() {
        assert_eq!(byte_range("bytes=0-9", 100), Some(Ok(0..10)));
        assert_eq!(byte_range("bytes=90-", 100), Some(Ok(90..100)));
        assert_eq!(byte_range("bytes=-5", 100), Some(Ok(95..100)));
        assert_eq!(byte_range("bytes=95-200", 100), Some(Ok(95..100)));
        assert_eq!(byte_range("bytes=-500", 100), Some(Ok(0..100)));
        assert_eq!(byte_range("bytes=100-", 100), Some(Err(())));
        assert_eq!(byte_range("bytes=-0", 100), Some(Err(())));
        assert_eq!(byte_range("bytes=0-1,5-6", 100), None);
        assert_eq!(byte_range("items=0-1", 100), None);
        assert_eq!(byte_range("bytes=9-2", 100), None);
        assert_eq!(byte_range("bytes=x-", 100), None);
    }
}
