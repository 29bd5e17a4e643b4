//! Compact postings inside JSON: sorted document numbers as gaps, each gap one
//! or more printable ASCII symbols (a base-45 varint), or a bitmap when that
//! is smaller; optionally each followed by a weight.
//!
//! Every number starts on a symbol boundary, so brotli and gzip see the same
//! small gaps as the same symbols and model them well (base64 of byte varints
//! cut numbers across characters and cost about 7% more compressed). The
//! alphabet leaves out space, `"`, `\` (no JSON escapes) and `<` (a shard inlined in
//! an HTML `<script>` can never hold `</script>`).

/// 90 digit symbols: the first 45 end a number, the last 45 continue it.
const DIGITS: &[u8; 90] =
    b"!#$%&'()*+,-./0123456789:;=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}";
const BASE: u32 = 45;
/// Starts a bitmap: `~`, then six documents per symbol of [`B64`].
const BITMAP_TAG: char = '~';
const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Value of each ASCII byte in `alphabet` (its position), 255 elsewhere.
const fn values(alphabet: &[u8]) -> [u8; 128] {
    let mut t = [255u8; 128];
    let mut i = 0;
    while i < alphabet.len() {
        t[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    t
}

/// Value of each ASCII byte as a digit: 0..45 ends a number, 45..90
/// continues it, 255 is not a digit.
const DIGIT_VALUE: [u8; 128] = values(DIGITS);
const B64_VALUE: [u8; 128] = values(B64);

/// Appends `v`, most significant digit first.
pub fn put_number(out: &mut String, v: u32) {
    let mut digits = [0u8; 8];
    let mut n = 0;
    let mut v = v;
    digits[0] = DIGITS[(v % BASE) as usize];
    v /= BASE;
    n += 1;
    while v > 0 {
        digits[n] = DIGITS[(BASE + v % BASE) as usize];
        v /= BASE;
        n += 1;
    }
    for &d in digits[..n].iter().rev() {
        out.push(d as char);
    }
}

/// Reads a number at `*pos`; `None` at a non-digit, an early end or overflow.
pub fn get_number(bytes: &[u8], pos: &mut usize) -> Option<u32> {
    let mut v: u64 = 0;
    loop {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        let d = *DIGIT_VALUE.get(b as usize)? as u64;
        if d == 255 {
            return None;
        }
        if d < BASE as u64 {
            v = v * BASE as u64 + d;
            return u32::try_from(v).ok();
        }
        v = v * BASE as u64 + (d - BASE as u64);
        if v > u32::MAX as u64 {
            return None;
        }
    }
}

/// A weight byte (bit 7 headline, bit 6 kicker/subheadline/byline, bits 0–5
/// body count) as a number whose common values take one digit.
fn weight_number(w: u8) -> u32 {
    ((w & 0x3F) as u32) << 2 | ((w >> 7) as u32) << 1 | ((w >> 6) & 1) as u32
}

fn weight_byte(v: u32) -> Option<u8> {
    (v < 256).then_some(((v >> 2) as u8) | (((v >> 1) & 1) as u8) << 7 | ((v & 1) as u8) << 6)
}

/// Reads a whole string of numbers; `None` if anything else is in it.
pub fn get_numbers(s: &str) -> Option<Vec<u32>> {
    let mut pos = 0;
    let mut out = Vec::new();
    while pos < s.len() {
        out.push(get_number(s.as_bytes(), &mut pos)?);
    }
    Some(out)
}

/// Encodes sorted, distinct `docs` (all `< n_docs`), with optional weights:
/// each gap is then followed by its document's weight.
pub fn encode_postings(docs: &[u32], weights: Option<&[u8]>, n_docs: u32) -> String {
    let mut out = String::with_capacity(docs.len() + 4);
    let mut last: i64 = -1;
    for (i, &d) in docs.iter().enumerate() {
        put_number(&mut out, (d as i64 - last - 1) as u32);
        last = d as i64;
        if let Some(w) = weights {
            put_number(&mut out, weight_number(w[i]));
        }
    }
    if weights.is_none() {
        let bitmap_len = 1 + (n_docs as usize).div_ceil(6);
        if bitmap_len < out.len() {
            let mut bits = vec![0u8; bitmap_len - 1];
            for &d in docs {
                bits[d as usize / 6] |= 1 << (d % 6);
            }
            let mut bm = String::with_capacity(bitmap_len);
            bm.push(BITMAP_TAG);
            bm.extend(bits.iter().map(|&b| B64[b as usize] as char));
            return bm;
        }
    }
    out
}

/// Whether `s` can be postings: only digits, ending a number, or a bitmap
/// of base64 symbols. A cheap check at load; [`decode_postings`] decides.
pub fn well_formed(s: &str) -> bool {
    match s.strip_prefix(BITMAP_TAG) {
        Some(rest) => rest
            .bytes()
            .all(|b| B64_VALUE.get(b as usize).is_some_and(|&v| v != 255)),
        None => {
            s.bytes()
                .all(|b| DIGIT_VALUE.get(b as usize).is_some_and(|&v| v != 255))
                && s.bytes()
                    .last()
                    .is_none_or(|b| DIGIT_VALUE[b as usize] < BASE as u8)
        }
    }
}

/// Decodes postings written by [`encode_postings`]; `with_weights` must match.
/// `None` for anything else, or a document number not below `n_docs`.
pub fn decode_postings(s: &str, with_weights: bool, n_docs: u32) -> Option<(Vec<u32>, Vec<u8>)> {
    let bytes = s.as_bytes();
    let mut docs = Vec::with_capacity(bytes.len());
    let mut weights = Vec::new();
    if let Some(rest) = s.strip_prefix(BITMAP_TAG) {
        if with_weights {
            return None;
        }
        for (i, &b) in rest.as_bytes().iter().enumerate() {
            let mut v = *B64_VALUE.get(b as usize)?;
            if v == 255 {
                return None;
            }
            while v != 0 {
                docs.push(i as u32 * 6 + v.trailing_zeros());
                v &= v - 1;
            }
        }
    } else {
        let mut pos = 0;
        let mut next: u64 = 0;
        while pos < bytes.len() {
            let gap = get_number(bytes, &mut pos)? as u64;
            if with_weights {
                weights.push(weight_byte(get_number(bytes, &mut pos)?)?);
            }
            let d = next + gap;
            if d >= n_docs as u64 {
                return None;
            }
            docs.push(d as u32);
            next = d + 1;
        }
    }
    if docs.last().is_some_and(|&d| d >= n_docs) {
        return None;
    }
    Some((docs, weights))
}

/// A corpus count as a level on a scale of ratio 1.2: what is stored (the
/// term and pinyin shards keep counts to about 10%).
pub fn level_of_count(count: u64) -> u32 {
    if count <= 1 {
        return count as u32;
    }
    ((count as f64).ln() / 1.2f64.ln()).round() as u32 + 1
}

/// The count a stored level stands for ([`level_of_count`]).
pub fn count_of_level(level: u32) -> u64 {
    match level {
        0 | 1 => level as u64,
        l => 1.2f64.powi(l.min(240) as i32 - 1).round() as u64,
    }
}

/// FNV-1a: stable across platforms and builds, so the reader finds the shard
/// the CLI put a key in. (The one hash of the project, in two widths: this,
/// 32 bits, for shard keys, and [`fnv1a64`] for names.)
pub fn fnv1a(s: &str) -> u32 {
    let mut h: u32 = 0x811c9dc5;
    for b in s.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x01000193);
    }
    h
}

/// FNV-1a in 64 bits: names that must change when content does (page
/// images, undated issues), stable across platforms and builds.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_known_values() {
        // The published test vectors of FNV-1a.
        assert_eq!(fnv1a(""), 0x811c9dc5);
        assert_eq!(fnv1a("a"), 0xe40c292c);
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
    }

    #[test]
    fn count_levels_round_trip_from_the_smallest_word_count() {
        for l in level_of_count(4)..200 {
            assert_eq!(level_of_count(count_of_level(l)), l, "level {l}");
        }
        for c in [4u64, 10, 100, 1000, 123_456] {
            let back = count_of_level(level_of_count(c)) as f64;
            assert!((back / c as f64 - 1.0).abs() < 0.11, "{c} -> {back}");
        }
    }

    #[test]
    fn numbers_round_trip_on_symbol_boundaries() {
        for v in [0u32, 1, 44, 45, 2024, 2025, 91124, 91125, 1 << 20, u32::MAX] {
            let mut s = String::new();
            put_number(&mut s, v);
            assert!(s.bytes().all(|b| DIGITS.contains(&b)), "{s}");
            let mut pos = 0;
            assert_eq!(get_number(s.as_bytes(), &mut pos), Some(v));
            assert_eq!(pos, s.len());
        }
        let mut one = String::new();
        put_number(&mut one, 44);
        assert_eq!(one.len(), 1);
        assert!(
            get_number(b"}", &mut 0).is_none(),
            "a continuation digit ends early"
        );
        assert!(get_number(b"\"", &mut 0).is_none());
    }

    #[test]
    fn weights_round_trip() {
        for w in 0..=255u8 {
            assert_eq!(weight_byte(weight_number(w)), Some(w));
        }
        assert!(
            weight_number(0x81) < BASE,
            "headline and one body mention: one digit"
        );
    }

    #[test]
    fn postings_round_trip_as_gaps_and_bitmap() {
        let sparse = [3u32, 90, 1000, 70000];
        let e = encode_postings(&sparse, None, 100_000);
        assert!(!e.starts_with(BITMAP_TAG));
        assert_eq!(decode_postings(&e, false, 100_000).unwrap().0, sparse);
        let dense: Vec<u32> = (0..100).filter(|d| d % 3 != 0).collect();
        let e = encode_postings(&dense, None, 100);
        assert!(e.starts_with(BITMAP_TAG));
        assert_eq!(decode_postings(&e, false, 100).unwrap().0, dense);
        let w = [1u8, 2, 255, 0x81];
        let e = encode_postings(&sparse, Some(&w), 100_000);
        assert_eq!(
            decode_postings(&e, true, 100_000).unwrap(),
            (sparse.to_vec(), w.to_vec())
        );
        assert!(
            decode_postings(&e, true, 70_000).is_none(),
            "document out of range"
        );
        assert!(decode_postings("\u{4e00}", false, 10).is_none());
        assert!(decode_postings("~A*", false, 10).is_none());
        assert!(decode_postings("}", false, 10).is_none());
        let all = encode_postings(&[], None, 0);
        assert_eq!(
            decode_postings(&all, false, 0).unwrap().0,
            Vec::<u32>::new()
        );
    }

    #[test]
    fn postings_never_need_json_or_html_escapes() {
        let docs: Vec<u32> = (0..5000).map(|i| i * 7 + i % 5).collect();
        let w: Vec<u8> = (0..5000).map(|i| i as u8).collect();
        for s in [
            encode_postings(&docs, None, 40_000),
            encode_postings(&docs, Some(&w), 40_000),
            encode_postings(&docs, None, 5_000 * 7 + 5),
        ] {
            assert!(s
                .bytes()
                .all(|b| (0x20..0x7f).contains(&b) && !b"\"\\<".contains(&b)));
        }
    }
}
