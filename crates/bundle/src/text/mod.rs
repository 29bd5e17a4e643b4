//! Text as search sees it: characters folded for matching ([`normalize`]),
//! an article's searchable fields folded into one string, and the
//! character-pair signature that rules out most candidates without reading
//! their text ([`signature`]). Used by the index, the archive and the search.

pub mod normalize;
pub mod signature;
mod zh_table;

use crate::format::Article;

/// Whether `c` is a Chinese character (Han ideograph), the one predicate the
/// index and the importer share: CJK Unified Ideographs and Extension A
/// (U+3400–U+4DBF, U+4E00–U+9FFF, every code point assigned), and, where
/// assigned (a letter, not a reserved code point), the Compatibility
/// Ideographs (U+F900–U+FAFF) and the supplementary ideographic planes
/// (U+20000–U+3FFFF: Extensions B–I and the compatibility supplement). The
/// Yijing symbols U+4DC0–U+4DFF between the two BMP blocks are not Han. The
/// pinyin shards take the words made of these alone; a pinyin query may mix
/// them with letters; the importer counts them to tell Chinese lines and
/// wraps. The common blocks are a range test; only the rare ones consult
/// Unicode's letter table.
pub fn is_han(c: char) -> bool {
    match c as u32 {
        0x3400..=0x4DBF | 0x4E00..=0x9FFF => true,
        0xF900..=0xFAFF | 0x20000..=0x3FFFF => c.is_alphabetic(),
        _ => false,
    }
}

/// Appends an article's searchable fields, folded for matching, to `out`,
/// joined by newlines (a query term never holds one, so no match spans two
/// fields).
pub fn push_folded_text(out: &mut String, article: &Article) {
    for (i, (_, t)) in article.fields().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.extend(t.chars().map(normalize::fold_char));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn han_is_the_ideographs_assigned() {
        use super::is_han;
        for c in ['平', '㐀', '䶿', '鿿', '丽', '𠀀', '𪜀', '𰀀'] {
            assert!(is_han(c), "{c} U+{:X}", c as u32);
        }
        for c in [
            'a',
            '1',
            '。',
            '䷀',
            'ア',
            '\u{FA6E}',
            '\u{2A6E0}',
            '\u{3FFFD}',
        ] {
            assert!(!is_han(c), "{c} U+{:X}", c as u32);
        }
    }
}
