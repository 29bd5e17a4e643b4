//! Normalization for matching: what a reader types and what was printed compare
//! equal after folding full-width forms to half-width and letters to lower case.
//! Printed text is never changed; only the search keys are.

/// Folds one character for matching.
pub fn fold_char(c: char) -> char {
    let c = match c {
        // Full-width ASCII variants (！ to ～) to ASCII.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    if c.is_ascii_uppercase() {
        c.to_ascii_lowercase()
    } else {
        c
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
}
