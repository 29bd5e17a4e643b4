//! Compact postings inside JSON: sorted document numbers as varint gaps (or a
//! bitmap when that is smaller), optionally each followed by a one-byte weight,
//! carried as a base64 string so the payload stays plain JSON.

/// Writes `v` as a LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Reads a varint at `*pos`; `None` when the bytes end early or overflow.
pub fn get_varint(bytes: &[u8], pos: &mut usize) -> Option<u32> {
    let mut v: u32 = 0;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        if shift > 28 {
            return None;
        }
        v |= ((b & 0x7f) as u32) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
    }
}

const GAPS: u8 = 0;
const BITMAP: u8 = 1;

/// Encodes sorted, distinct `docs` (all `< n_docs`) with optional weights.
pub fn encode_postings(docs: &[u32], weights: Option<&[u8]>, n_docs: u32) -> Vec<u8> {
    let mut gaps = vec![GAPS];
    let mut last: i64 = -1;
    for (i, &d) in docs.iter().enumerate() {
        let gap = (d as i64 - last - 1) as u32;
        last = d as i64;
        match weights {
            // Most weights are 1 (one mention in the body): a flag bit in the
            // gap says whether a weight byte follows.
            Some(w) if w[i] > 1 => {
                put_varint(&mut gaps, gap << 1 | 1);
                gaps.push(w[i]);
            }
            Some(_) => put_varint(&mut gaps, gap << 1),
            None => put_varint(&mut gaps, gap),
        }
    }
    if weights.is_none() {
        let bitmap_len = 1 + (n_docs as usize).div_ceil(8);
        if bitmap_len < gaps.len() {
            let mut bm = vec![0u8; bitmap_len];
            bm[0] = BITMAP;
            for &d in docs {
                bm[1 + d as usize / 8] |= 1 << (d % 8);
            }
            return bm;
        }
    }
    gaps
}

/// Decodes postings written by [`encode_postings`]; `with_weights` must match.
pub fn decode_postings(bytes: &[u8], with_weights: bool) -> Option<(Vec<u32>, Vec<u8>)> {
    let (&tag, rest) = bytes.split_first()?;
    let mut docs = Vec::new();
    let mut weights = Vec::new();
    match tag {
        GAPS => {
            let mut pos = 0;
            let mut next: u64 = 0;
            while pos < rest.len() {
                let mut gap = get_varint(rest, &mut pos)? as u64;
                let mut weight = None;
                if with_weights {
                    weight = Some(1);
                    if gap & 1 == 1 {
                        weight = Some(*rest.get(pos)?);
                        pos += 1;
                    }
                    gap >>= 1;
                }
                let d = next + gap;
                if d > u32::MAX as u64 {
                    return None;
                }
                docs.push(d as u32);
                next = d + 1;
                weights.extend(weight);
            }
        }
        BITMAP if !with_weights => {
            for (i, &b) in rest.iter().enumerate() {
                let mut b = b;
                while b != 0 {
                    let bit = b.trailing_zeros();
                    docs.push(i as u32 * 8 + bit);
                    b &= b - 1;
                }
            }
        }
        _ => return None,
    }
    Some((docs, weights))
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 without padding.
pub fn b64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.len();
        let v = (chunk[0] as u32) << 16
            | (chunk.get(1).copied().unwrap_or(0) as u32) << 8
            | chunk.get(2).copied().unwrap_or(0) as u32;
        for i in 0..=n {
            out.push(B64[(v >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Decodes [`b64_encode`] output; `None` on any other character or a bad length.
pub fn b64_decode(s: &str) -> Option<Vec<u8>> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let s = s.as_bytes();
    if s.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    for chunk in s.chunks(4) {
        let mut v = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            v |= val(c)? << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((v >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

/// FNV-1a: stable across platforms and builds, so the reader finds the shard
/// the CLI put a key in.
pub fn fnv1a(s: &str) -> u32 {
    let mut h: u32 = 0x811c9dc5;
    for b in s.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x01000193);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for n in 0..20u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            assert_eq!(b64_decode(&b64_encode(&bytes)).unwrap(), bytes);
        }
        assert_eq!(b64_encode(b"Man"), "TWFu");
        assert!(b64_decode("A").is_none());
        assert!(b64_decode("A*==").is_none());
    }

    #[test]
    fn postings_round_trip_as_gaps_and_bitmap() {
        let sparse = [3u32, 90, 1000, 70000];
        let e = encode_postings(&sparse, None, 100_000);
        assert_eq!(e[0], GAPS);
        assert_eq!(decode_postings(&e, false).unwrap().0, sparse);
        let dense: Vec<u32> = (0..100).filter(|d| d % 3 != 0).collect();
        let e = encode_postings(&dense, None, 100);
        assert_eq!(e[0], BITMAP);
        assert_eq!(decode_postings(&e, false).unwrap().0, dense);
        let w = [1u8, 2, 255, 1];
        let e = encode_postings(&sparse, Some(&w), 100_000);
        assert_eq!(
            decode_postings(&e, true).unwrap(),
            (sparse.to_vec(), w.to_vec())
        );
        assert!(decode_postings(&[9, 1, 2], false).is_none());
        assert!(decode_postings(&[0, 0x80], false).is_none());
    }
}
