//! Articles: each head that no photo took owns the body blocks set right
//! under it, then the neighbouring columns that start on that first row
//! and leave the head centred over its article or flush with its left edge
//! (a centred headline need not cover every column of its article), and then
//! every block below whose nearest head above, within that width, it is. A
//! head that owns no body is a banner.

use crate::import::pdf::columns::{column_order, columns, run_outwards, RunStep};
use crate::import::pdf::model::Rect;

use super::group::{Group, GroupKind};
use super::heads::Head;
use super::sheet::Sheet;

/// The news and banner groups of the heads no photo took (`photo_head`),
/// and the blocks no head owns.
pub fn take(sheet: &mut Sheet, heads: &[Head], photo_head: &[bool]) -> (Vec<Group>, Vec<usize>) {
    let mut a = Articles {
        news: (0..heads.len()).filter(|&k| !photo_head[k]).collect(),
        extent: vec![None; heads.len()],
        owned: vec![Vec::new(); heads.len()],
        sheet,
        heads,
    };
    a.take_blocks_set_under_heads();
    a.widen_along_first_rows();
    let loose = a.give_the_rest_to_heads_above();
    (a.groups(), loose)
}

struct Articles<'s, 'a> {
    sheet: &'s mut Sheet<'a>,
    heads: &'s [Head],
    /// The heads that head articles (no photo's).
    news: Vec<usize>,
    /// Each head's body blocks so far.
    owned: Vec<Vec<usize>>,
    /// The box each widened head's article spans.
    extent: Vec<Option<Rect>>,
}

impl Articles<'_, '_> {
    /// Another head over `b`, below the top of head `k` (on its row or under
    /// it): `b` is that head's, not `k`'s.
    fn head_between(&self, k: usize, b: &Rect) -> bool {
        let (heads, body) = (self.heads, self.sheet.body);
        self.news.iter().any(|&j| {
            j != k
                && heads[j].bbox.y1 <= b.y0 + 0.5 * body
                && heads[j].bbox.y1 > heads[k].bbox.y0 - 0.5 * body
                && heads[j].bbox.x_overlap(b) > 0.0
        })
    }

    /// A block set right under heads it overlaps (within five body lines, no
    /// rule between) is the nearest one's.
    fn take_blocks_set_under_heads(&mut self) {
        let (blocks, body) = (self.sheet.blocks, self.sheet.body);
        for (b, block) in blocks.iter().enumerate() {
            let r = &block.bbox;
            if self.sheet.claimed[b] {
                continue;
            }
            let k = self
                .news
                .iter()
                .copied()
                .filter(|&k| {
                    let h = &self.heads[k].bbox;
                    r.x_overlap(h) > 0.0
                        && r.y0 >= h.y1 - 0.3 * body
                        && r.y0 - h.y1 <= 5.0 * body
                        && !self.sheet.rule_between(r, h.y1, r.y0)
                })
                .max_by(|&a, &c| self.heads[a].bbox.y1.total_cmp(&self.heads[c].bbox.y1));
            if let Some(k) = k {
                self.sheet.claimed[b] = true;
                self.owned[k].push(b);
            }
        }
    }

    /// The columns of each head's first row that no head is over: each head
    /// takes the run of neighbouring columns that places it best, the heads
    /// placed best first.
    fn widen_along_first_rows(&mut self) {
        let mut open: Vec<usize> = self
            .news
            .iter()
            .copied()
            .filter(|&k| !self.owned[k].is_empty())
            .collect();
        while !open.is_empty() {
            let best = open
                .iter()
                .map(|&k| {
                    let (err, add) = self.widen(k);
                    (k, err, add)
                })
                .min_by(|a, b| a.1.total_cmp(&b.1));
            let Some((k, _, add)) = best else { break };
            open.retain(|&j| j != k);
            for &b in &add {
                self.sheet.claimed[b] = true;
            }
            self.owned[k].extend(add);
            let blocks = self.sheet.blocks;
            self.extent[k] = Some(
                self.owned[k]
                    .iter()
                    .fold(self.heads[k].bbox, |a, &b| a.union(&blocks[b].bbox)),
            );
        }
    }

    /// The columns beside head `k`'s first row (the blocks it owns, right
    /// under it) that it takes: of the runs of free neighbouring columns
    /// starting on that row, left and right, the one that leaves it centred
    /// over its article or flush with its left edge (the widest on a tie);
    /// with how far from that the head stays.
    fn widen(&self, k: usize) -> (f32, Vec<usize>) {
        let blocks = self.sheet.blocks;
        let first = &self.owned[k];
        let row_top = first
            .iter()
            .map(|&b| blocks[b].bbox.y0)
            .fold(f32::MAX, f32::min);
        let row = (
            first
                .iter()
                .map(|&b| blocks[b].bbox.x0)
                .fold(f32::MAX, f32::min),
            first
                .iter()
                .map(|&b| blocks[b].bbox.x1)
                .fold(f32::MIN, f32::max),
        );
        let cols = columns(blocks, &self.row_candidates(k, row_top));
        let body = self.sheet.body;
        let lefts = run_outwards(&cols, row.0, true, body);
        let rights = run_outwards(&cols, row.1, false, body);
        let (err, i, j) = placement(&self.heads[k].bbox, row, &lefts, &rights, body);
        let add = lefts[..i]
            .iter()
            .chain(&rights[..j])
            .flat_map(|(_, bs)| bs.iter().copied())
            .collect();
        (err, add)
    }

    /// Free body-type blocks head `k` could widen to: those starting on its
    /// first row (`row_top`, not above the head), and those set right under
    /// them in their column (a byline over a column's text pushes the text
    /// down).
    fn row_candidates(&self, k: usize, row_top: f32) -> Vec<usize> {
        let (blocks, body) = (self.sheet.blocks, self.sheet.body);
        let h = &self.heads[k];
        let free = |b: usize| {
            !self.sheet.claimed[b]
                && blocks[b].size < 1.3 * body
                && !self.head_between(k, &blocks[b].bbox)
        };
        let mut cands: Vec<usize> = (0..blocks.len())
            .filter(|&b| {
                let r = &blocks[b].bbox;
                free(b)
                    && r.y0 >= row_top - 0.8 * body
                    && r.y0 <= row_top + 3.0 * body
                    && r.y0 >= h.bbox.y0
            })
            .collect();
        loop {
            let more: Vec<usize> = (0..blocks.len())
                .filter(|&b| free(b) && !cands.contains(&b))
                .filter(|&b| {
                    let r = &blocks[b].bbox;
                    cands.iter().any(|&c| {
                        let q = &blocks[c].bbox;
                        r.x_overlap(q) >= 0.5 * r.width().min(q.width())
                            && r.y0 >= q.y1 - 0.3 * body
                            && r.y0 - q.y1 <= 2.0 * body
                    })
                })
                .collect();
            if more.is_empty() {
                break;
            }
            cands.extend(more);
        }
        cands
    }

    /// Every block left: the nearest head above whose article's extent
    /// covers half its width, with no rule between; the blocks no head
    /// owns.
    fn give_the_rest_to_heads_above(&mut self) -> Vec<usize> {
        let (blocks, body) = (self.sheet.blocks, self.sheet.body);
        let mut rest: Vec<usize> = (0..blocks.len())
            .filter(|&b| !self.sheet.claimed[b])
            .collect();
        self.sheet.sort_by_top(&mut rest);
        let mut loose = Vec::new();
        for b in rest {
            let r = &blocks[b].bbox;
            let owner = self
                .news
                .iter()
                .copied()
                .filter(|&k| {
                    let h = &self.heads[k].bbox;
                    self.extent[k].is_some_and(|e| {
                        h.y1 <= r.y0 + 0.5 * body
                            && e.x_overlap(r) >= 0.5 * r.width()
                            && !self.sheet.rule_between(r, h.y1, r.y0)
                    })
                })
                .max_by(|&a, &c| self.heads[a].bbox.y1.total_cmp(&self.heads[c].bbox.y1));
            match owner {
                Some(k) => self.owned[k].push(b),
                None => loose.push(b),
            }
        }
        loose
    }

    /// Each head's group: a news article with its body in column order, or
    /// a banner when it owns no body.
    fn groups(mut self) -> Vec<Group> {
        let blocks = self.sheet.blocks;
        let mut out = Vec::new();
        for &k in &self.news {
            let h = &self.heads[k];
            if self.owned[k].is_empty() {
                out.push(Group::head_only(GroupKind::Banner, h.lines.clone(), h.bbox));
                continue;
            }
            let body_blocks = column_order(blocks, std::mem::take(&mut self.owned[k]));
            let mut regions = vec![h.bbox];
            regions.extend(body_blocks.iter().map(|&b| blocks[b].bbox));
            out.push(Group {
                kind: GroupKind::News,
                head: h.lines.clone(),
                body: body_blocks,
                regions,
            });
        }
        out
    }
}

/// Where a head sits best over the columns of its first row (`row`, its x
/// range) widened by the first `i` steps of `lefts` and `j` of `rights`: a
/// head centred over its first row is a centred head, and is placed by how
/// far it is off the centre; one that is not may also be set flush left,
/// and is placed by the nearer of the two. Within half a body character, the
/// widest wins. (How far off, `i`, `j`.)
fn placement(
    head: &Rect,
    row: (f32, f32),
    lefts: &[RunStep],
    rights: &[RunStep],
    body: f32,
) -> (f32, usize, usize) {
    let hc = (head.x0 + head.x1) / 2.0;
    let centred = ((row.0 + row.1) / 2.0 - hc).abs() <= body;
    let mut best: (f32, usize, usize) = (f32::MAX, 0, 0);
    for i in 0..=lefts.len() {
        for j in 0..=rights.len() {
            let x0 = if i == 0 { row.0 } else { lefts[i - 1].0 };
            let x1 = if j == 0 { row.1 } else { rights[j - 1].0 };
            let off_centre = ((x0 + x1) / 2.0 - hc).abs();
            let err = if centred {
                off_centre
            } else {
                off_centre.min((x0 - head.x0).abs())
            };
            if err < best.0 - 0.5 * body || (err <= best.0 + 0.5 * body && i + j > best.1 + best.2)
            {
                best = (err.min(best.0), i, j);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(x0: f32, x1: f32) -> Rect {
        Rect {
            x0,
            y0: 0.0,
            x1,
            y1: 20.0,
        }
    }

    #[test]
    fn a_centred_head_takes_the_columns_that_keep_it_centred() {
        // Head over 150..250, centred over its first row 160..240; a column
        // beside it on either side keeps it centred, a second on the right
        // would not.
        let lefts = [(110.0, vec![1])];
        let rights = [(290.0, vec![2]), (400.0, vec![3])];
        let (err, i, j) = placement(&head(150.0, 250.0), (160.0, 240.0), &lefts, &rights, 9.0);
        assert_eq!((err, i, j), (0.0, 1, 1));
    }

    #[test]
    fn a_head_flush_left_takes_columns_to_its_right() {
        let rights = [(200.0, vec![1]), (300.0, vec![2])];
        let (err, i, j) = placement(&head(10.0, 60.0), (10.0, 100.0), &[], &rights, 9.0);
        assert_eq!((err, i, j), (0.0, 0, 2));
    }
}
