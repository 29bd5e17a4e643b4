//! Boxes: a stroked or filled rectangle below the masthead holds an ad, a
//! notice or a banner, and its blocks are one group.

use crate::import::pdf::columns::column_order;
use crate::import::pdf::model::Rect;

use super::group::{Group, GroupKind};
use super::sheet::Sheet;

/// Rectangles big enough to hold text (12 pt high, 20 pt wide), not rules.
fn boxes(sheet: &Sheet) -> Vec<Rect> {
    sheet
        .page
        .rects
        .iter()
        .filter(|r| r.y1 - r.y0 >= 12.0 && r.x1 - r.x0 >= 20.0)
        .copied()
        .collect()
}

/// The groups of the boxes below the masthead, each box's unclaimed blocks
/// claimed.
pub fn take(sheet: &mut Sheet) -> Vec<Group> {
    let mut groups = Vec::new();
    let below: Vec<Rect> = boxes(sheet)
        .into_iter()
        .filter(|r| sheet.below_mast(r))
        .collect();
    for bx in &below {
        let inner: Vec<usize> = (0..sheet.blocks.len())
            .filter(|&k| !sheet.claimed[k] && sheet.blocks[k].bbox.centre_within(bx))
            .collect();
        if inner.is_empty() {
            continue;
        }
        for &k in &inner {
            sheet.claimed[k] = true;
        }
        groups.push(box_group(sheet, *bx, inner));
    }
    groups
}

/// A box's blocks as a group: one line of headline type alone in it is a
/// banner (a bar across the page); else the head is the top block in the
/// box's largest type, when that is larger than the rest or bold, or else
/// its first block.
fn box_group(sheet: &Sheet, bx: Rect, inner: Vec<usize>) -> Group {
    let blocks = sheet.blocks;
    let max = inner.iter().map(|&k| blocks[k].size).fold(0.0, f32::max);
    let min = inner
        .iter()
        .map(|&k| blocks[k].size)
        .fold(f32::MAX, f32::min);
    let nlines: usize = inner.iter().map(|&k| blocks[k].lines.len()).sum();
    if nlines == 1 && max >= 1.3 * sheet.body {
        return Group::head_only(GroupKind::Banner, blocks[inner[0]].lines.clone(), bx);
    }
    let mut sorted = inner;
    sheet.sort_by_top(&mut sorted);
    let top = sorted
        .iter()
        .copied()
        .find(|&k| blocks[k].size >= max - 0.05 && (max > min * 1.04 || blocks[k].bold))
        .unwrap_or(sorted[0]);
    let head = blocks[top].lines.clone();
    let rest: Vec<usize> = sorted.into_iter().filter(|&k| k != top).collect();
    Group {
        kind: GroupKind::Boxed,
        head,
        body: column_order(blocks, rest),
        regions: vec![bx],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::pdf::lines::tests::page;
    use crate::import::pdf::order::tests::arranged;

    #[test]
    fn a_box_is_a_group_headed_by_its_largest_type() {
        let mut p = page(&[
            (20.0, 20.0, 14.0, "友谊商厦"),
            (20.0, 40.0, 9.0, "全场八折"),
            (20.0, 54.0, 9.0, "地址海宁"),
            (300.0, 20.0, 9.0, "框外文字"),
        ]);
        p.rects.push(Rect::new(10.0, 10.0, 200.0, 80.0));
        let (ls, bs) = arranged(&p);
        let mut sheet = Sheet::new(&p, &ls, &bs, 9.0);
        let groups = take(&mut sheet);
        assert_eq!(groups.len(), 1, "{groups:?}");
        assert_eq!(groups[0].kind, GroupKind::Boxed);
        assert_eq!(ls[groups[0].head[0]].text, "友谊商厦");
        assert_eq!(groups[0].body.len(), 1);
        assert_eq!(sheet.claimed.iter().filter(|c| **c).count(), 2);
    }

    #[test]
    fn one_headline_line_alone_in_a_box_is_a_banner() {
        let mut p = page(&[(20.0, 20.0, 20.0, "热烈庆祝")]);
        p.rects.push(Rect::new(10.0, 10.0, 200.0, 50.0));
        let (ls, bs) = arranged(&p);
        let groups = take(&mut Sheet::new(&p, &ls, &bs, 9.0));
        assert_eq!(groups[0].kind, GroupKind::Banner);
    }
}
