//! Character-pair signatures of loaded documents: a small Bloom filter per
//! article of the pairs of adjacent characters in its folded text, built
//! when its document shard loads (nothing in the bundle). A candidate whose
//! signature lacks one of a term's pairs cannot hold the term, so its text
//! is not searched: a cross-word substring of common characters (`系就`)
//! has thousands of candidates, and nearly all fail.
//!
//! Sizes: four bits per character, rounded up to a power of two (at least
//! 64), two bits per pair. A two-character term passes about one article in
//! twelve that lacks it; every further character divides that again.

/// Bits per character of the text.
const BITS_PER_CHAR: usize = 4;

/// The hash of the pair `a`, `b`; its high bits choose the two bits set.
pub fn pair_hash(a: char, b: char) -> u64 {
    ((a as u64) << 32 | b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The pairs of `term` to look up, each once.
pub fn pairs(term: &str) -> Vec<u64> {
    let chars: Vec<char> = term.chars().collect();
    let mut out: Vec<u64> = chars.windows(2).map(|w| pair_hash(w[0], w[1])).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The two bit positions of a pair in a signature of `2^log2` bits.
fn bits_of(h: u64, log2: u32) -> (usize, usize) {
    let mask = (1usize << log2) - 1;
    ((h >> 40) as usize & mask, (h >> 16) as usize & mask)
}

/// Appends the signature of `text` to `out`.
pub fn push(out: &mut Vec<u64>, text: &str) {
    let n = text.chars().count();
    let bits = (n * BITS_PER_CHAR).next_power_of_two().max(64);
    let log2 = bits.trailing_zeros();
    let start = out.len();
    out.resize(start + bits / 64, 0);
    let sig = &mut out[start..];
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = prev {
            let (x, y) = bits_of(pair_hash(p, c), log2);
            sig[x / 64] |= 1 << (x % 64);
            sig[y / 64] |= 1 << (y % 64);
        }
        prev = Some(c);
    }
}

/// Whether a text with signature `sig` may hold every pair of `pairs`
/// (false: it certainly lacks one).
pub fn may_hold(sig: &[u64], pairs: &[u64]) -> bool {
    if sig.is_empty() {
        return true;
    }
    let log2 = (sig.len() * 64).trailing_zeros();
    pairs.iter().all(|&h| {
        let (x, y) = bits_of(h, log2);
        sig[x / 64] >> (x % 64) & 1 == 1 && sig[y / 64] >> (y % 64) & 1 == 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        push(&mut out, text);
        out
    }

    #[test]
    fn a_text_may_hold_every_piece_of_itself() {
        let text = "平湖市新仓镇的羽绒服产业\n2023年产值10亿元，Made in Pinghu";
        let s = sig(text);
        let chars: Vec<char> = text.chars().collect();
        for i in 0..chars.len() {
            for j in i + 1..=chars.len().min(i + 8) {
                let piece: String = chars[i..j].iter().collect();
                assert!(may_hold(&s, &pairs(&piece)), "{piece}");
            }
        }
    }

    #[test]
    fn most_absent_pairs_are_ruled_out() {
        let text = "关系到国家的就业问题，各地都在想办法。".repeat(20);
        let s = sig(&text);
        assert_eq!(s.len() * 64, (text.chars().count() * 4).next_power_of_two());
        // Pairs of characters the text has, never adjacent in it.
        let absent = [
            "系就", "家各", "业地", "想关", "法国", "到业", "都问", "办题",
        ];
        let passed = absent.iter().filter(|t| may_hold(&s, &pairs(t))).count();
        assert!(
            passed <= 2,
            "{passed} of {} absent pairs passed",
            absent.len()
        );
        assert!(!may_hold(&s, &pairs("系就业")) || !may_hold(&s, &pairs("家各地")));
    }

    #[test]
    fn short_texts_and_terms() {
        assert_eq!(sig("").len(), 1);
        assert!(may_hold(&sig("a"), &pairs("a")));
        assert!(pairs("a").is_empty() && pairs("").is_empty());
        assert!(may_hold(&[], &pairs("系就")));
    }
}
