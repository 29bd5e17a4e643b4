//! Heads: lines well above body size (1.3 times) stacked one under the other
//! into heads (headline lines, subheadline), with a smaller line set close
//! above a head as its kicker, and the rest of the blocks their lines are
//! in.

use crate::import::pdf::lines::Line;
use crate::import::pdf::model::Rect;

use super::sheet::Sheet;

/// A head: lines of headline type stacked together.
#[derive(Debug, Clone)]
pub struct Head {
    /// Lines top to bottom.
    pub lines: Vec<usize>,
    pub bbox: Rect,
    /// Its largest type.
    pub size: f32,
}

/// The page's heads below the masthead, top to bottom, their blocks
/// claimed; the lines of heads above the masthead's rule go to `masthead`.
pub fn take(sheet: &mut Sheet, masthead: &mut Vec<usize>) -> Vec<Head> {
    let mut in_head = vec![false; sheet.lines.len()];
    let mut heads = stack_title_lines(sheet, &mut in_head);
    for h in heads.iter_mut() {
        add_kickers(sheet, h, &mut in_head);
    }
    for h in heads.iter_mut() {
        take_rest_of_blocks(sheet, h, &mut in_head);
    }
    for (i, f) in in_head.iter().enumerate() {
        if *f {
            sheet.claimed[sheet.block_of[i]] = true;
        }
    }
    heads.retain(|h| {
        if sheet.below_mast(&h.bbox) {
            return true;
        }
        masthead.extend(h.lines.iter().copied());
        false
    });
    heads.sort_by(|a, b| a.bbox.y0.total_cmp(&b.bbox.y0));
    heads
}

/// Type well above body size: a headline's.
fn is_title(l: &Line, body: f32) -> bool {
    l.size >= 1.3 * body
}

/// Unclaimed lines of headline type, top to bottom, each joining the head it
/// is set right under (less than 0.8 of its size below, overlapping it, no
/// rule between) or starting one.
fn stack_title_lines(sheet: &Sheet, in_head: &mut [bool]) -> Vec<Head> {
    let lines = sheet.lines;
    let mut heads: Vec<Head> = Vec::new();
    let mut tl: Vec<usize> = (0..lines.len())
        .filter(|&i| !sheet.line_claimed(i) && is_title(&lines[i], sheet.body))
        .collect();
    tl.sort_by(|&a, &b| lines[a].bbox.y0.total_cmp(&lines[b].bbox.y0));
    for &i in &tl {
        let l = &lines[i];
        let hit = heads.iter().position(|h| {
            let last = &lines[*h.lines.last().unwrap()];
            let gap = l.bbox.y0 - h.bbox.y1;
            let ov = l.bbox.x_overlap(&h.bbox);
            let s = l.size.max(last.size);
            gap > -0.3 * s
                && gap < 0.8 * s
                && ov > 0.3 * l.bbox.width().min(h.bbox.width())
                && !sheet.rule_between(&l.bbox, h.bbox.y1, l.bbox.y0)
        });
        in_head[i] = true;
        match hit {
            Some(k) => {
                let h = &mut heads[k];
                h.lines.push(i);
                h.bbox = h.bbox.union(&l.bbox);
                h.size = h.size.max(l.size);
            }
            None => heads.push(Head {
                lines: vec![i],
                bbox: l.bbox,
                size: l.size,
            }),
        }
    }
    heads
}

/// Kickers: a line in type above body size but below the head's, alone in
/// its block, set close above the head (within 0.8 of its size) over at
/// least half the narrower's width, with no rule between; as many as are
/// stacked so.
fn add_kickers(sheet: &Sheet, h: &mut Head, in_head: &mut [bool]) {
    let lines = sheet.lines;
    loop {
        let top = h.bbox.y0;
        let cand = (0..lines.len()).find(|&i| {
            let l = &lines[i];
            !in_head[i]
                && !sheet.line_claimed(i)
                && l.size > 1.05 * sheet.body
                && l.size < h.size * 0.9
                && sheet.blocks[sheet.block_of[i]].lines.len() == 1
                && l.bbox.y1 <= top + 0.2 * l.size
                && top - l.bbox.y1 < 0.8 * h.size
                && l.bbox.x_overlap(&h.bbox) >= 0.5 * l.bbox.width().min(h.bbox.width())
                && !sheet.rule_between(&l.bbox, l.bbox.y1, top)
        });
        let Some(i) = cand else { break };
        in_head[i] = true;
        h.lines.insert(0, i);
        h.bbox = h.bbox.union(&lines[i].bbox);
    }
}

/// A head claims the blocks of its lines, and with them any line of such a
/// block just under headline size (a block joins sizes within 5%).
fn take_rest_of_blocks(sheet: &Sheet, h: &mut Head, in_head: &mut [bool]) {
    let lines = sheet.lines;
    let mut more: Vec<usize> = h
        .lines
        .iter()
        .flat_map(|&i| sheet.blocks[sheet.block_of[i]].lines.iter().copied())
        .filter(|&i| !in_head[i])
        .collect();
    more.sort_unstable();
    more.dedup();
    for &i in &more {
        in_head[i] = true;
        h.bbox = h.bbox.union(&lines[i].bbox);
    }
    h.lines.extend(more);
    h.lines
        .sort_by(|&a, &b| lines[a].bbox.y0.total_cmp(&lines[b].bbox.y0));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::pdf::lines::tests::page;
    use crate::import::pdf::model::PdfPage;
    use crate::import::pdf::order::tests::arranged;

    fn heads_of(p: &PdfPage) -> (Vec<Line>, Vec<Head>, Vec<usize>) {
        let (ls, bs) = arranged(p);
        let mut sheet = Sheet::new(p, &ls, &bs, 9.0);
        let mut mast = Vec::new();
        let heads = take(&mut sheet, &mut mast);
        (ls.clone(), heads, mast)
    }

    #[test]
    fn headline_lines_stack_under_a_kicker() {
        let p = page(&[
            (40.0, 40.0, 11.0, "引题引题"),
            (20.0, 66.0, 22.0, "主题上行"),
            (20.0, 92.0, 22.0, "主题下行"),
            (20.0, 130.0, 9.0, "正文正文正文"),
            (20.0, 300.0, 22.0, "另一篇"),
        ]);
        let (ls, heads, mast) = heads_of(&p);
        assert_eq!(heads.len(), 2);
        let text: Vec<&str> = heads[0]
            .lines
            .iter()
            .map(|&i| ls[i].text.as_str())
            .collect();
        assert_eq!(text, ["引题引题", "主题上行", "主题下行"]);
        assert_eq!(heads[0].size, 22.0);
        assert!(mast.is_empty());
    }

    #[test]
    fn a_head_above_the_masthead_rule_is_the_masthead() {
        let mut p = page(&[(20.0, 40.0, 30.0, "某某日报"), (20.0, 200.0, 22.0, "标题")]);
        p.rects.push(Rect::new(0.0, 60.0, 600.0, 60.5));
        let (ls, heads, mast) = heads_of(&p);
        assert_eq!(heads.len(), 1);
        assert_eq!(ls[mast[0]].text, "某某日报");
    }
}
