//! Normalization for matching: what a reader types and what was printed compare
//! equal after folding full-width forms to half-width, letters to lower case
//! and Traditional characters to Simplified ([`super::zh_table`]). Printed text
//! is never changed; only the search keys are. Every fold is one character to
//! one character, so positions in the folded text are positions in the printed.

use super::zh_table;

/// Folds one character for matching.
pub fn fold_char(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        // Full-width ASCII variants (！ to ～) to ASCII.
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(c as u32 - 0xFEE0).map_or(c, |c| c.to_ascii_lowercase())
        }
        '\u{3000}' => ' ',
        '\u{3400}'.. => simplified(c),
        _ => c,
    }
}

/// The Simplified form of a Traditional character (one-to-one mappings only),
/// else `c`.
pub fn simplified(c: char) -> char {
    let code = c as u32;
    // Most characters in CJK Unified Ideographs and Extension A are not in
    // the table: one bit says so without a binary search (snippets and
    // checks fold every character of a text).
    if (CJK_FIRST..CJK_END).contains(&code) {
        let k = (code - CJK_FIRST) as usize;
        if TRADITIONAL[k / 64] >> (k % 64) & 1 == 0 {
            return c;
        }
    }
    if let Ok(small) = u16::try_from(code) {
        if let Ok(i) = zh_table::BMP.binary_search_by_key(&small, |p| p.0) {
            return char::from_u32(zh_table::BMP[i].1 as u32).unwrap_or(c);
        }
    }
    match zh_table::ASTRAL.binary_search_by_key(&c, |p| p.0) {
        Ok(i) => zh_table::ASTRAL[i].1,
        Err(_) => c,
    }
}

const CJK_FIRST: u32 = 0x3400;
const CJK_END: u32 = 0xA000;

/// One bit per character of `CJK_FIRST..CJK_END`: set when it has a
/// Simplified form in [`zh_table`]. 3.2 KB, built at compile time.
static TRADITIONAL: [u64; ((CJK_END - CJK_FIRST) / 64) as usize] = {
    let mut bits = [0u64; ((CJK_END - CJK_FIRST) / 64) as usize];
    let mut i = 0;
    while i < zh_table::BMP.len() {
        mark(&mut bits, zh_table::BMP[i].0 as u32);
        i += 1;
    }
    // Keys of the other table may be here too (a BMP character whose
    // Simplified form is astral).
    let mut i = 0;
    while i < zh_table::ASTRAL.len() {
        mark(&mut bits, zh_table::ASTRAL[i].0 as u32);
        i += 1;
    }
    bits
};

const fn mark(bits: &mut [u64; ((CJK_END - CJK_FIRST) / 64) as usize], c: u32) {
    if c >= CJK_FIRST && c < CJK_END {
        let k = (c - CJK_FIRST) as usize;
        bits[k / 64] |= 1 << (k % 64);
    }
}

/// Folds a string for matching.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Whether a character carries meaning for search (not space or punctuation).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_and_case() {
        assert_eq!(fold("１９９８年ＡＢｃ"), "1998年abc");
        assert_eq!(fold("平湖 PingHu"), "平湖 pinghu");
    }

    #[test]
    fn folds_traditional_to_simplified() {
        assert_eq!(fold("平湖羽絨服"), "平湖羽绒服");
        assert_eq!(fold("臺灣報紙後來發展"), "台湾报纸后来发展");
        // Context-dependent characters stay: 乾隆 is not 干隆.
        assert_eq!(fold("乾隆 著名"), "乾隆 著名");
        // Simplified text and other scripts are untouched.
        assert_eq!(fold("平湖羽绒服 abc ÄÖ"), "平湖羽绒服 abc ÄÖ");
    }

    #[test]
    fn table_is_sorted_and_idempotent() {
        assert!(zh_table::BMP.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(zh_table::ASTRAL.windows(2).all(|w| w[0].0 < w[1].0));
        for &(t, s) in &zh_table::BMP {
            let (t, s) = (
                char::from_u32(t as u32).unwrap(),
                char::from_u32(s as u32).unwrap(),
            );
            assert_eq!(fold_char(t), s);
            assert_eq!(fold_char(s), s, "{t}→{s} folds again");
        }
        for &(t, s) in &zh_table::ASTRAL {
            assert_eq!(fold_char(t), s);
            assert_eq!(fold_char(s), s);
        }
    }
}
