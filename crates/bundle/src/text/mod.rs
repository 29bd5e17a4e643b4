//! Text as search sees it: characters folded for matching ([`normalize`]),
//! an article's searchable fields folded into one string, and the
//! character-pair signature that rules out most candidates without reading
//! their text ([`signature`]). Used by the index, the archive and the search.

pub mod normalize;
pub mod signature;
mod zh_table;

use crate::format::Article;

/// Whether `c` is a Chinese character (Han ideograph): in the CJK Unified
/// Ideographs and Extension A (U+3400–U+9FFF), the Compatibility Ideographs
/// (U+F900–U+FAFF) or the supplementary ideographic planes (U+20000–U+3FFFF),
/// and a letter (not an unassigned code point). The pinyin shards take the
/// words made of these alone; a pinyin query may mix them with letters.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF) && c.is_alphabetic()
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
