//! The page being arranged, shared by the arranging steps: its lines and
//! blocks, its rules, the masthead's rule, and which blocks a step has
//! claimed already (a leaf module).

use crate::import::pdf::blocks::{rule_between, Block};
use crate::import::pdf::lines::Line;
use crate::import::pdf::model::{PdfPage, Rect};

pub struct Sheet<'a> {
    pub page: &'a PdfPage,
    pub lines: &'a [Line],
    pub blocks: &'a [Block],
    /// Body text size.
    pub body: f32,
    /// The page's rules, across and down.
    pub rules: Vec<Rect>,
    /// The block each line is in.
    pub block_of: Vec<usize>,
    /// Blocks a step has given to the masthead or a group.
    pub claimed: Vec<bool>,
    /// The top of the rule under the masthead, if the page has one.
    pub mast_y: Option<f32>,
}

impl<'a> Sheet<'a> {
    pub fn new(page: &'a PdfPage, lines: &'a [Line], blocks: &'a [Block], body: f32) -> Self {
        let rules: Vec<Rect> = page
            .rects
            .iter()
            .filter(|r| r.is_horizontal_rule() || r.is_vertical_rule())
            .copied()
            .collect();
        let mut block_of = vec![0; lines.len()];
        for (k, b) in blocks.iter().enumerate() {
            for &l in &b.lines {
                block_of[l] = k;
            }
        }
        let mast_y = masthead_rule(page, &rules);
        Sheet {
            page,
            lines,
            blocks,
            body,
            rules,
            block_of,
            claimed: vec![false; blocks.len()],
            mast_y,
        }
    }

    /// Whether `r` starts below the masthead (on a page without one, always).
    pub fn below_mast(&self, r: &Rect) -> bool {
        self.mast_y.is_none_or(|y| r.y0 >= y - 1.0)
    }

    /// Whether a rule across `x` lies between `y0` and `y1`.
    pub fn rule_between(&self, x: &Rect, y0: f32, y1: f32) -> bool {
        rule_between(&self.rules, x, y0, y1)
    }

    /// Whether line `i`'s block is claimed.
    pub fn line_claimed(&self, i: usize) -> bool {
        self.claimed[self.block_of[i]]
    }

    /// Blocks `ks` sorted top to bottom.
    pub fn sort_by_top(&self, ks: &mut [usize]) {
        ks.sort_by(|&a, &b| self.blocks[a].bbox.y0.total_cmp(&self.blocks[b].bbox.y0));
    }
}

/// The masthead's rule: the highest rule across most of the page (70% of its
/// width) in its top fifth.
fn masthead_rule(page: &PdfPage, rules: &[Rect]) -> Option<f32> {
    rules
        .iter()
        .filter(|r| {
            r.is_horizontal_rule() && r.width() >= 0.7 * page.width && r.y0 < 0.2 * page.height
        })
        .map(|r| r.y0)
        .fold(None, |a: Option<f32>, y| Some(a.map_or(y, |a| a.min(y))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(x0: f32, y0: f32, x1: f32) -> Rect {
        Rect {
            x0,
            y0,
            x1,
            y1: y0 + 0.5,
        }
    }

    #[test]
    fn the_masthead_rule_is_the_highest_wide_rule_near_the_top() {
        let page = PdfPage {
            width: 600.0,
            height: 800.0,
            ..Default::default()
        };
        let rules = [
            rule(0.0, 120.0, 580.0),
            rule(0.0, 90.0, 500.0),
            rule(0.0, 50.0, 300.0),
            rule(0.0, 400.0, 600.0),
        ];
        assert_eq!(masthead_rule(&page, &rules), Some(90.0));
        assert_eq!(masthead_rule(&page, &rules[2..]), None);
    }
}
