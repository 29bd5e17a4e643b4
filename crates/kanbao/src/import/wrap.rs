//! Line-wrap evidence: whether a short line without sentence punctuation is
//! really the first line of a paragraph that the column width wrapped.
//!
//! Printed running text fills its column, so the lines of one paragraph
//! have the same printed width (the first may be indented, the last
//! shorter). A headline is set in a larger face and its width has nothing
//! to do with the column's; the line under it matching its width is a
//! coincidence, and it is not then followed by running text that carries on
//! at that width.

use super::text::{ends_complete, is_terminal};

/// Printed width in half-ems: a CJK character or full-width form is two,
/// an ASCII character one; spaces are not counted.
pub fn print_width(s: &str) -> usize {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii() { 1 } else { 2 })
        .sum()
}

/// Running text: a clause or sentence mark inside or at the end.
fn has_clause_marks(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '，' | ',' | '、' | '：' | '；') || is_terminal(c))
}

/// `line` is followed by `next` (and `after`, the line after that, if any)
/// in the same block: is `line` the first line of a wrapped paragraph?
/// `next` must be as wide as `line` (give or take an indent of two
/// characters), read as running text, and either end the paragraph or run
/// on at the same width.
pub fn starts_paragraph(line: &str, next: &str, after: Option<&str>) -> bool {
    let w = print_width(line);
    let n = print_width(next);
    // Lines too short to say anything by their width.
    if w < 16 || ends_complete(line) {
        return false;
    }
    let same = |a: usize, b: usize| b + 2 >= a && b <= a + 6;
    if !has_clause_marks(next) {
        return false;
    }
    // A last line may be set a little wider (a caption under a photo is
    // not justified).
    if ends_complete(next) {
        return n + 2 >= w && n <= w + 12;
    }
    same(w, n) && after.is_some_and(|a| same(n, print_width(a)) || ends_complete(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_half_ems() {
        assert_eq!(print_width("注册号498659"), 12);
        assert_eq!(print_width("中 国"), 4);
    }

    #[test]
    fn a_wrapped_paragraph_starts_here() {
        // A notice's first line, as wide as the next, which runs on.
        assert!(starts_paragraph(
            "柯桥区华达贸易公司不慎遗失营",
            "业执照副本一份，注册号498659",
            Some("5965，声明作废。")
        ));
        // A caption's first line: the next ends the sentence.
        assert!(starts_paragraph(
            "国家主席江泽民今天在中南海会见了美国联邦快递公司",
            "董事长弗雷德里克·史密斯及由他率领的该公司董事会代表团。",
            None
        ));
    }

    #[test]
    fn headlines_are_not_paragraphs() {
        // Narrower than the column under it.
        assert!(!starts_paragraph(
            "中南建交第一春",
            "五彩缤纷的烟花映红了约翰内",
            Some("斯堡的夜空，它们时而像信号弹飞")
        ));
        // A two-line headline: same width, but no running text.
        assert!(!starts_paragraph(
            "京郊农业用水三年内",
            "基本解决水利富民工程",
            Some("本报讯 实施两个多月的")
        ));
        // Too short to tell.
        assert!(!starts_paragraph("灾区除夕夜", "除夕之夜，正当", None));
    }
}
