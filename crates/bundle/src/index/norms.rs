//! Field norms: a document's searchable length outside the headline and in
//! it, for BM25F, stored as levels of one digit (exact below 16, then steps
//! of 1.3), as Lucene and tantivy keep a byte of "field norm". A small
//! archive keeps them in its doc-info shards; a large one in the word
//! postings that need them (`IndexMeta::posting_norms`), so ranking the
//! first page loads no doc-info shard.

/// Lengths below this are stored exactly; above, on a ratio scale.
const EXACT_BELOW: u32 = 16;
/// The scale's ratio: a stored length is within 15% of the true one,
/// which moves a BM25 length normalisation by at most about 10%.
const LEVEL_RATIO: f64 = 1.3;
/// The highest level: one base-45 digit (levels 0–44), about 25,000
/// characters; longer texts count as that long.
pub(crate) const MAX_LEVEL: u32 = 44;

/// A searchable length as stored: itself below [`EXACT_BELOW`], then the
/// nearest step of [`LEVEL_RATIO`], at most [`MAX_LEVEL`].
pub(crate) fn length_level(len: u32) -> u32 {
    if len < EXACT_BELOW {
        return len;
    }
    let steps = (f64::from(len) / f64::from(EXACT_BELOW)).ln() / LEVEL_RATIO.ln();
    (EXACT_BELOW + steps.round() as u32).min(MAX_LEVEL)
}

/// The length a stored level stands for (the inverse of [`length_level`]).
pub(crate) fn level_length(level: u32) -> u32 {
    if level < EXACT_BELOW {
        return level;
    }
    let steps = level.min(MAX_LEVEL) - EXACT_BELOW;
    (f64::from(EXACT_BELOW) * LEVEL_RATIO.powi(steps as i32)).round() as u32
}

/// Each level's length, worked out once (not a `powi` per document).
pub(crate) fn level_lengths() -> Vec<u32> {
    (0..=MAX_LEVEL).map(level_length).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_stored_within_15_percent() {
        for len in 0..30_000u32 {
            let level = length_level(len);
            assert!(level <= MAX_LEVEL);
            let back = level_length(level);
            if len < EXACT_BELOW {
                assert_eq!(back, len);
            } else if len < 24_000 {
                let err = (f64::from(back) - f64::from(len)).abs() / f64::from(len);
                assert!(err <= 0.15, "{len} stored as {back}");
            }
        }
        assert!((1..30_000).all(|l| length_level(l) >= length_level(l - 1)));
        assert_eq!(level_lengths()[20], level_length(20));
    }
}
