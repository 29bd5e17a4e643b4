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

/// A line's printed width in half-ems, and whether it ends on a mark
/// (which may hang past the column's edge or be set half width).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Measure {
    pub(super) w: usize,
    pub(super) mark: bool,
}

/// A line inside a paragraph of a column `col` wide (digits and Latin
/// letters may leave it a half-em off, a closing mark hang past or be
/// squeezed).
fn fits_mid(m: Measure, col: usize) -> bool {
    let slack = if m.mark { 2 } else { 1 };
    m.w + slack >= col && m.w <= col + slack
}

/// A paragraph's first line: indented two characters, or not at all.
fn fits_first(m: Measure, col: usize) -> bool {
    (m.w + 5 >= col && m.w + 3 <= col) || fits_mid(m, col)
}

/// Whether `widths` (then a line `next` wide, `None` when it ends the
/// paragraph, at any width) read as a paragraph's start in a column `col`
/// wide: the first line indented or full, the rest full.
pub(super) fn reads_as_start(widths: &[Measure], next: Option<Measure>, col: usize) -> bool {
    let Some((&first, rest)) = widths.split_first() else {
        return next.is_none_or(|w| fits_first(w, col));
    };
    fits_first(first, col)
        && rest.iter().all(|&w| fits_mid(w, col))
        && next.is_none_or(|w| fits_mid(w, col))
}

/// Title lines after a finished paragraph, of `widths` half-ems, the story
/// under them opening with a line `next` wide (`None`: a line ending the
/// paragraph) in a column `col` wide: how
/// many of them head the story, the others being its first lines. `None`
/// when all of them read as the paragraph's start themselves, when a
/// heading line is as wide as the column (a line of running text, set
/// full), or when no cut leaves the rest reading as one.
pub(super) fn heading_lines(
    widths: &[Measure],
    next: Option<Measure>,
    col: usize,
) -> Option<usize> {
    let s = (1..=widths.len()).find(|&s| reads_as_start(&widths[s..], next, col))?;
    let head = &widths[..s];
    if head.iter().any(|&w| fits_mid(w, col)) {
        return None;
    }
    let rest_fits = head[1..]
        .iter()
        .chain(&widths[s..])
        .all(|&w| fits_mid(w, col));
    let all_text = fits_first(head[0], col) && rest_fits && next.is_none_or(|w| fits_mid(w, col));
    (!all_text).then_some(s)
}

/// The measure of a line.
pub(super) fn measure(t: &str) -> Measure {
    Measure {
        w: print_width(t),
        mark: !t.trim_end().chars().last().is_some_and(is_han),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Measures of lines ending on a character.
    fn m(ws: &[usize]) -> Vec<Measure> {
        ws.iter().map(|&w| Measure { w, mark: false }).collect()
    }
    fn one(w: usize) -> Option<Measure> {
        Some(Measure { w, mark: false })
    }
    /// A line ending on a mark.
    fn marked(w: usize) -> Measure {
        Measure { w, mark: true }
    }

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
        // A kicker and headline over an indented first line (24 wide),
        // the next line's closing mark hanging past the edge.
        let next = Some(marked(26));
        assert_eq!(heading_lines(&m(&[20, 22, 20]), next, 24), Some(2));
        // One short headline over an indented first line.
        assert_eq!(heading_lines(&m(&[14]), one(16), 20), Some(1));
        // A line a character short of the column, not ending on a mark,
        // is no line of its paragraph.
        assert!(!reads_as_start(&m(&[20, 22]), one(20), 20));
        assert!(reads_as_start(&m(&[20, 20]), one(20), 20));
        // A headline over a first line set full.
        assert_eq!(heading_lines(&m(&[20, 26]), one(31), 30), Some(1));
    }

    #[test]
    fn a_paragraphs_own_first_lines_are_no_heading() {
        // An indented first line and a full one.
        assert_eq!(heading_lines(&m(&[16, 20]), one(20), 20), None);
        assert_eq!(heading_lines(&m(&[20]), one(24), 24), None);
        // A full line over an indented one: text of another column.
        assert_eq!(heading_lines(&m(&[20]), one(16), 20), None);
        // A heading broken in a narrow column, a subheadline, and the
        // story's first lines, the second ending its paragraph.
        let mut lines = m(&[10, 10, 18, 30]);
        lines.push(marked(36));
        assert_eq!(heading_lines(&lines, None, 34), Some(3));
        // Nothing under them reads as a paragraph's start.
        assert_eq!(heading_lines(&m(&[10]), one(40), 20), None);
    }
}
