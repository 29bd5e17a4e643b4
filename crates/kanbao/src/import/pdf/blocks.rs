//! Pass 2: lines → blocks.
//!
//! A block is a run of lines of one size and weight set one under the other
//! at the leading of body text, within one column: a column piece of body, a
//! two-line headline, a caption. A rule between two lines, a change of size
//! or weight, a wider gap or a change of width ends a block.

use super::lines::Line;
use super::model::Rect;

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Indices into the page's lines, top to bottom.
    pub lines: Vec<usize>,
    pub bbox: Rect,
    pub size: f32,
    pub bold: bool,
}

/// Whether a horizontal rule lies between `y0` and `y1` across `x`.
pub fn rule_between(rules: &[Rect], x: &Rect, y0: f32, y1: f32) -> bool {
    rules.iter().any(|r| {
        r.is_horizontal_rule()
            && r.y0 >= y0 - 0.5
            && r.y1 <= y1 + 0.5
            && r.x_overlap(x) > 0.3 * (x.x1 - x.x0)
    })
}

/// Groups lines (sorted top to bottom) into blocks.
pub fn build(lines: &[Line], rules: &[Rect]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by(|&a, &b| lines[a].bbox.y0.total_cmp(&lines[b].bbox.y0));
    for &i in &order {
        let l = &lines[i];
        let s = l.size;
        let best = blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| {
                let last = &lines[*b.lines.last().unwrap()];
                let gap = l.bbox.y0 - last.bbox.y1;
                let wb = b.bbox.x1 - b.bbox.x0;
                let wl = l.width();
                let ov = l.bbox.x_overlap(&b.bbox);
                let fits = ov >= 0.7 * wl.max(wb)
                    || (l.bbox.x0 >= b.bbox.x0 - 0.5 * s && l.bbox.x1 <= b.bbox.x1 + 1.2 * s)
                    // A block of one short line (a paragraph's first line
                    // indented, a last line) grows to the column's width.
                    || (b.lines.len() == 1 && last.bbox.x0 >= l.bbox.x0 - 0.5 * s
                        && last.bbox.x1 <= l.bbox.x1 + 1.2 * s
                        && wb >= 0.3 * wl);
                (b.size - s).abs() <= 0.05 * s
                    && b.bold == l.bold
                    && gap > -0.3 * s
                    && gap <= 0.9 * s
                    && l.yc() > last.yc() + 0.6 * s
                    && fits
                    && !rule_between(rules, &l.bbox, last.bbox.y1, l.bbox.y0)
            })
            .min_by(|a, b| {
                let ga = l.bbox.y0 - lines[*a.1.lines.last().unwrap()].bbox.y1;
                let gb = l.bbox.y0 - lines[*b.1.lines.last().unwrap()].bbox.y1;
                ga.total_cmp(&gb)
            })
            .map(|(k, _)| k);
        match best {
            Some(k) => {
                let b = &mut blocks[k];
                b.lines.push(i);
                b.bbox = b.bbox.union(&l.bbox);
            }
            None => blocks.push(Block {
                lines: vec![i],
                bbox: l.bbox,
                size: s,
                bold: l.bold,
            }),
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::super::lines::{self, tests::page};
    use super::*;

    #[test]
    fn columns_and_sizes_make_blocks() {
        let mut rows = vec![(10.0, 30.0, 20.0, "标题")];
        for k in 0..4 {
            let y = 50.0 + 14.0 * k as f32;
            rows.push((10.0, y, 10.0, "左栏左栏左栏左栏"));
            rows.push((100.0, y, 10.0, "右栏右栏右栏右栏"));
        }
        rows.push((30.0, 50.0 + 14.0 * 4.0, 10.0, "缩进缩进缩进"));
        rows.push((10.0, 50.0 + 14.0 * 5.0, 10.0, "左栏。"));
        let p = page(&rows);
        let ls = lines::segments(&p);
        let bs = build(&ls, &[]);
        assert_eq!(bs.len(), 3, "{bs:?}");
        assert_eq!(bs.iter().map(|b| b.lines.len()).sum::<usize>(), ls.len());
        // With a rule under the second line, the left column splits.
        let rule = Rect::new(0.0, 66.0, 200.0, 66.5);
        assert_eq!(build(&ls, &[rule]).len(), 5);
    }
}
