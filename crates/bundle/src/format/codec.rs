//! Compact postings inside JSON: sorted document numbers as gaps, each gap one
//! or more printable ASCII symbols (a base-45 varint), or a bitmap when that
//! is smaller; optionally each followed by a weight (and length levels).
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

/// What each posting of a list carries after its gap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Weights {
    /// Nothing: a list of documents (characters, pairs), or a bitmap.
    #[default]
    None,
    /// Its weight (a word's postings, see [`weight_number`]).
    Fields,
    /// Its weight, then the length level of each field the weight names:
    /// the headline's when it has the headline bit, then the body's when it
    /// counts body mentions (the word postings of a large archive,
    /// `IndexMeta::posting_norms`). Decoded into the weight word's
    /// [`HEADLINE_LEVEL_SHIFT`] and [`BODY_LEVEL_SHIFT`] bits, 0 when absent.
    FieldsAndNorms,
}

/// A decoded weight is a word: bits 0–7 the weight byte (bit 7 headline,
/// bit 6 kicker/subheadline/byline, bits 0–5 body count), and with
/// [`Weights::FieldsAndNorms`] the body's length level from this bit…
pub const BODY_LEVEL_SHIFT: u32 = 8;
/// …and the headline's from this one.
pub const HEADLINE_LEVEL_SHIFT: u32 = 16;

/// A weight byte (the low byte of `w`) as a number whose common values take
/// one digit.
fn weight_number(w: u32) -> u32 {
    (w & 0x3F) << 2 | ((w >> 7) & 1) << 1 | ((w >> 6) & 1)
}

fn weight_byte(v: u32) -> Option<u32> {
    (v < 256).then_some((v >> 2) | ((v >> 1) & 1) << 7 | (v & 1) << 6)
}

/// The levels a weight word carries: the headline's when it has the
/// headline bit, the body's when it counts body mentions, in that order.
fn levels_of(w: u32) -> impl Iterator<Item = u32> {
    let headline = (w & 0x80 != 0).then_some(HEADLINE_LEVEL_SHIFT);
    let body = (w & 0x3F != 0).then_some(BODY_LEVEL_SHIFT);
    headline.into_iter().chain(body)
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

/// Encodes sorted, distinct `docs` (all `< n_docs`), each gap followed by
/// what `kind` says of its weight word in `weights` (unread for
/// [`Weights::None`]).
pub fn encode_postings(docs: &[u32], weights: &[u32], kind: Weights, n_docs: u32) -> String {
    let mut out = String::with_capacity(docs.len() + 4);
    let mut last: i64 = -1;
    for (i, &d) in docs.iter().enumerate() {
        put_number(&mut out, (d as i64 - last - 1) as u32);
        last = d as i64;
        if kind != Weights::None {
            let w = weights[i];
            put_number(&mut out, weight_number(w));
            if kind == Weights::FieldsAndNorms {
                for shift in levels_of(w) {
                    put_number(&mut out, (w >> shift) & 0xFF);
                }
            }
        }
    }
    if kind == Weights::None {
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

/// Decodes postings written by [`encode_postings`] with the same `kind`:
/// documents and weight words. `None` for anything else, or a document
/// number not below `n_docs`.
pub fn decode_postings(s: &str, kind: Weights, n_docs: u32) -> Option<(Vec<u32>, Vec<u32>)> {
    let bytes = s.as_bytes();
    let mut docs = Vec::with_capacity(bytes.len());
    let mut weights = Vec::new();
    if let Some(rest) = s.strip_prefix(BITMAP_TAG) {
        if kind != Weights::None {
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
            if kind != Weights::None {
                let mut w = weight_byte(get_number(bytes, &mut pos)?)?;
                if kind == Weights::FieldsAndNorms {
                    for shift in levels_of(w) {
                        w |= get_number(bytes, &mut pos).filter(|&l| l < BASE)? << shift;
                    }
                }
                weights.push(w);
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
        for w in 0..=255u32 {
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
        let none = Weights::None;
        let e = encode_postings(&sparse, &[], none, 100_000);
        assert!(!e.starts_with(BITMAP_TAG));
        assert_eq!(decode_postings(&e, none, 100_000).unwrap().0, sparse);
        let dense: Vec<u32> = (0..100).filter(|d| d % 3 != 0).collect();
        let e = encode_postings(&dense, &[], none, 100);
        assert!(e.starts_with(BITMAP_TAG));
        assert_eq!(decode_postings(&e, none, 100).unwrap().0, dense);
        let w = [1u32, 2, 255, 0x81];
        let e = encode_postings(&sparse, &w, Weights::Fields, 100_000);
        assert_eq!(
            decode_postings(&e, Weights::Fields, 100_000).unwrap(),
            (sparse.to_vec(), w.to_vec())
        );
        assert!(
            decode_postings(&e, Weights::Fields, 70_000).is_none(),
            "document out of range"
        );
        assert!(decode_postings("\u{4e00}", none, 10).is_none());
        assert!(decode_postings("~A*", none, 10).is_none());
        assert!(decode_postings("}", none, 10).is_none());
        let all = encode_postings(&[], &[], none, 0);
        assert_eq!(decode_postings(&all, none, 0).unwrap().0, Vec::<u32>::new());
    }

    #[test]
    fn norms_follow_the_fields_their_weight_names() {
        let (b, h) = (BODY_LEVEL_SHIFT, HEADLINE_LEVEL_SHIFT);
        // Body only, headline only, both, kicker only (no level).
        let w = [
            2 | 30 << b | 7 << h,
            0x80 | 30 << b | 7 << h,
            0x83 | 44 << b | 9 << h,
            0x40,
        ];
        let kept = [2 | 30 << b, 0x80 | 7 << h, 0x83 | 44 << b | 9 << h, 0x40];
        let docs = [1u32, 5, 6, 9];
        let e = encode_postings(&docs, &w, Weights::FieldsAndNorms, 10);
        assert_eq!(e.len(), 4 + 4 + 4, "a digit a gap, a weight and a level");
        let back = decode_postings(&e, Weights::FieldsAndNorms, 10).unwrap();
        assert_eq!(back, (docs.to_vec(), kept.to_vec()));
        let plain = encode_postings(&docs, &w, Weights::Fields, 10);
        assert_eq!(
            decode_postings(&plain, Weights::Fields, 10).unwrap().1[2],
            0x83
        );
    }

    #[test]
    fn postings_never_need_json_or_html_escapes() {
        let docs: Vec<u32> = (0..5000).map(|i| i * 7 + i % 5).collect();
        let w: Vec<u32> = (0..5000)
            .map(|i| (i % 256) | ((i % 45) << 8) | ((i % 44) << 16))
            .collect();
        for s in [
            encode_postings(&docs, &[], Weights::None, 40_000),
            encode_postings(&docs, &w, Weights::Fields, 40_000),
            encode_postings(&docs, &w, Weights::FieldsAndNorms, 40_000),
            encode_postings(&docs, &[], Weights::None, 5_000 * 7 + 5),
        ] {
            assert!(s
                .bytes()
                .all(|b| (0x20..0x7f).contains(&b) && !b"\"\\<".contains(&b)));
        }
    }
}
