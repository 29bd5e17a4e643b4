//! The justified column: running text fills its column, so inside a
//! paragraph every line not ending it is as wide as the column (a closing
//! mark may hang one past), and a paragraph's first line is indented two
//! characters. A short unpunctuated line that fits neither shape, between a
//! finished paragraph and a paragraph's start, is a headline's.

use crate::import::text::is_han;
use crate::import::wrap::print_width;

/// The width of the column `lines` are set in, in half-ems: the most common
/// width of those ending on a character (a closing mark may hang past the
/// edge), seen at least twice.
pub(super) fn column_width<'t>(lines: impl Iterator<Item = &'t str>) -> Option<usize> {
    let mut widths: Vec<usize> = lines
        .filter(|t| t.trim_end().chars().last().is_some_and(is_han))
        .map(print_width)
        .collect();
    widths.sort_unstable();
    let mut best: Option<(usize, usize)> = None;
    for run in widths.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(_, n)| run.len() >= n) {
            best = Some((run[0], run.len()));
        }
    }
    match best {
        Some((w, n)) if n >= 2 => Some(w),
        _ => None,
    }
}

/// A line inside a paragraph of a column `col` wide (digits and Latin
/// letters may leave it a half-em short, a closing mark hang past).
fn fits_mid(w: usize, col: usize) -> bool {
    w + 1 >= col && w <= col + 2
}

/// A paragraph's first line: indented two characters, or not at all.
fn fits_first(w: usize, col: usize) -> bool {
    (w + 5 >= col && w + 3 <= col) || fits_mid(w, col)
}

/// Whether `widths` (then a line `next` wide) read as a paragraph's start
/// in a column `col` wide: the first line indented or full, the rest full.
fn reads_as_start(widths: &[usize], next: usize, col: usize) -> bool {
    let mut all = widths.iter().copied().chain(std::iter::once(next));
    let first = all.next().expect("next at least");
    fits_first(first, col) && all.all(|w| fits_mid(w, col))
}

/// Title lines after a finished paragraph, of `widths` half-ems, the story
/// under them opening with a line `next` wide in a column `col` wide: how
/// many of them head the story, the others being its first lines. `None`
/// when all of them read as the paragraph's start themselves, when a
/// heading line is as wide as the column (a line of running text, set
/// full), or when no cut leaves the rest reading as one.
pub(super) fn heading_lines(widths: &[usize], next: usize, col: usize) -> Option<usize> {
    let s = (1..=widths.len()).find(|&s| reads_as_start(&widths[s..], next, col))?;
    let head = &widths[..s];
    if head.iter().any(|&w| fits_mid(w, col)) {
        return None;
    }
    let rest_fits = head[1..]
        .iter()
        .chain(&widths[s..])
        .all(|&w| fits_mid(w, col));
    let all_text = fits_first(head[0], col) && rest_fits && fits_mid(next, col);
    (!all_text).then_some(s)
}

/// The print widths of `lines`.
pub(super) fn widths<'t>(lines: impl Iterator<Item = &'t str>) -> Vec<usize> {
    lines.map(print_width).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_is_as_wide_as_its_lines_ending_on_a_character() {
        let lines = [
            "况，打击各种犯罪活动，",
            "阿根廷首都布宜诺斯艾",
            "利斯市政府最近在扩充",
            "警力、加强防范的同时，",
        ];
        assert_eq!(column_width(lines.into_iter()), Some(20));
        assert_eq!(column_width(["好。", "行，"].into_iter()), None);
    }

    #[test]
    fn lines_narrower_than_the_column_head_the_story() {
        // A kicker and headline over an indented first line (24 wide).
        assert_eq!(heading_lines(&[20, 22, 20], 26, 24), Some(2));
        // One short headline over an indented first line.
        assert_eq!(heading_lines(&[14], 16, 20), Some(1));
        // A headline over a first line set full.
        assert_eq!(heading_lines(&[20, 26], 31, 30), Some(1));
    }

    #[test]
    fn a_paragraphs_own_first_lines_are_no_heading() {
        // An indented first line and a full one.
        assert_eq!(heading_lines(&[16, 20], 20, 20), None);
        assert_eq!(heading_lines(&[20], 24, 24), None);
        // A full line over an indented one: text of another column.
        assert_eq!(heading_lines(&[20], 16, 20), None);
        // Nothing under them reads as a paragraph's start.
        assert_eq!(heading_lines(&[10], 40, 20), None);
    }
}
