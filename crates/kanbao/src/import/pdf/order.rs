//! Pass 3: blocks → reading order and article groups.
//!
//! What a page prints, read from geometry alone:
//! - the masthead region: everything above a rule across the page near its top;
//! - boxes (stroked or filled rectangles) hold ads, notices and banners, each
//!   box one group;
//! - headlines: lines well above body size, stacked into heads (kicker,
//!   headline lines, subheadline); a smaller line set close above a head is
//!   its kicker;
//! - photos: an image with a head set close above or below it, and the
//!   blocks under it within its width as the caption;
//! - articles: a head owns the body blocks that start right under it, widened
//!   to the neighbouring columns that start on the same row (a centred
//!   headline need not cover every column of its article), and then every
//!   block below whose nearest head above, within that width, it is;
//! - a head that owns no body is a banner.
//!
//! Body blocks of a group are in column order (columns left to right, each
//! top to bottom).

use super::blocks::{rule_between, union, Block};
use super::lines::Line;
use super::model::{PdfPage, Rect};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    News,
    Photo,
    /// The content of a box: an ad or a notice.
    Boxed,
    Banner,
    /// An editor credit line (`责任编辑：…`).
    Credit,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub kind: GroupKind,
    /// Head lines (kicker, headline, subheadline), top to bottom.
    pub head: Vec<usize>,
    /// Body blocks in reading order.
    pub body: Vec<usize>,
    /// The boxes the group occupies (head, each body block).
    pub regions: Vec<Rect>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    pub groups: Vec<Group>,
    /// Masthead lines, top to bottom.
    pub masthead: Vec<usize>,
    /// Blocks that belong to no group.
    pub loose: Vec<usize>,
}

fn overlap(a: &Rect, b: &Rect) -> f32 {
    (a.x1.min(b.x1) - a.x0.max(b.x0)).max(0.0)
}

fn width(r: &Rect) -> f32 {
    r.x1 - r.x0
}

fn inside(r: &Rect, outer: &Rect) -> bool {
    let (cx, cy) = ((r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0);
    cx >= outer.x0 && cx <= outer.x1 && cy >= outer.y0 && cy <= outer.y1
}

/// A head: lines of headline type stacked together.
#[derive(Debug, Clone)]
struct Head {
    lines: Vec<usize>,
    bbox: Rect,
    size: f32,
}

/// Arranges the page's blocks into groups. `credit` tells an editor credit
/// line from its text.
pub fn arrange(
    page: &PdfPage,
    lines: &[Line],
    blocks: &[Block],
    body: f32,
    credit: &dyn Fn(&str) -> bool,
) -> Layout {
    let rules: Vec<Rect> = page
        .rects
        .iter()
        .filter(|r| r.is_horizontal_rule() || r.is_vertical_rule())
        .copied()
        .collect();
    let boxes: Vec<Rect> = page
        .rects
        .iter()
        .filter(|r| r.y1 - r.y0 >= 12.0 && r.x1 - r.x0 >= 20.0)
        .copied()
        .collect();
    let images: Vec<Rect> = page
        .images
        .iter()
        .filter(|r| r.y1 - r.y0 >= 20.0 && r.x1 - r.x0 >= 20.0)
        .copied()
        .collect();
    let mut out = Layout::default();
    let mut claimed = vec![false; blocks.len()];
    let block_of: Vec<usize> = {
        let mut v = vec![0; lines.len()];
        for (k, b) in blocks.iter().enumerate() {
            for &l in &b.lines {
                v[l] = k;
            }
        }
        v
    };

    // Masthead: above a rule across most of the page, in its top fifth.
    let mast_y = rules
        .iter()
        .filter(|r| {
            r.is_horizontal_rule() && width(r) >= 0.7 * page.width && r.y0 < 0.2 * page.height
        })
        .map(|r| r.y0)
        .fold(None, |a: Option<f32>, y| Some(a.map_or(y, |a| a.min(y))));
    if let Some(my) = mast_y {
        for (k, b) in blocks.iter().enumerate() {
            if b.bbox.y1 <= my + 1.0 {
                claimed[k] = true;
                out.masthead.extend(b.lines.iter().copied());
            }
        }
    }
    let below_mast = |r: &Rect| mast_y.is_none_or(|y| r.y0 >= y - 1.0);

    // Editor credit lines.
    for (k, b) in blocks.iter().enumerate() {
        if !claimed[k] && b.lines.len() == 1 && credit(&lines[b.lines[0]].text) {
            claimed[k] = true;
            out.groups.push(Group {
                kind: GroupKind::Credit,
                head: b.lines.clone(),
                body: vec![],
                regions: vec![b.bbox],
            });
        }
    }

    // Boxes: each box's blocks are one group.
    for bx in boxes.iter().filter(|r| below_mast(r)) {
        let inner: Vec<usize> = (0..blocks.len())
            .filter(|&k| !claimed[k] && inside(&blocks[k].bbox, bx))
            .collect();
        if inner.is_empty() {
            continue;
        }
        for &k in &inner {
            claimed[k] = true;
        }
        let max = inner.iter().map(|&k| blocks[k].size).fold(0.0, f32::max);
        let min = inner
            .iter()
            .map(|&k| blocks[k].size)
            .fold(f32::MAX, f32::min);
        let nlines: usize = inner.iter().map(|&k| blocks[k].lines.len()).sum();
        // One line of headline type alone in a box (a bar across the page).
        if nlines == 1 && max >= 1.3 * body {
            out.groups.push(Group {
                kind: GroupKind::Banner,
                head: blocks[inner[0]].lines.clone(),
                body: vec![],
                regions: vec![*bx],
            });
            continue;
        }
        // The head is the top block in the box's largest type, when it is
        // larger than the rest or bold; else the first line.
        let mut sorted = inner.clone();
        sorted.sort_by(|&a, &b| blocks[a].bbox.y0.total_cmp(&blocks[b].bbox.y0));
        let top = sorted
            .iter()
            .copied()
            .find(|&k| blocks[k].size >= max - 0.05 && (max > min * 1.04 || blocks[k].bold))
            .unwrap_or(sorted[0]);
        let head = blocks[top].lines.clone();
        let rest: Vec<usize> = sorted.into_iter().filter(|&k| k != top).collect();
        out.groups.push(Group {
            kind: GroupKind::Boxed,
            head,
            body: column_order(blocks, rest),
            regions: vec![*bx],
        });
    }

    // Heads: lines well above body size.
    let is_title = |l: &Line| l.size >= 1.3 * body;
    let mut heads: Vec<Head> = Vec::new();
    let mut in_head = vec![false; lines.len()];
    let mut tl: Vec<usize> = (0..lines.len())
        .filter(|&i| !claimed[block_of[i]] && is_title(&lines[i]))
        .collect();
    tl.sort_by(|&a, &b| lines[a].bbox.y0.total_cmp(&lines[b].bbox.y0));
    for &i in &tl {
        let l = &lines[i];
        let hit = heads.iter().position(|h| {
            let last = &lines[*h.lines.last().unwrap()];
            let gap = l.bbox.y0 - h.bbox.y1;
            let ov = overlap(&l.bbox, &h.bbox);
            let s = l.size.max(last.size);
            gap > -0.3 * s
                && gap < 0.8 * s
                && ov > 0.3 * width(&l.bbox).min(width(&h.bbox))
                && !rule_between(&rules, &l.bbox, h.bbox.y1, l.bbox.y0)
        });
        in_head[i] = true;
        match hit {
            Some(k) => {
                let h = &mut heads[k];
                h.lines.push(i);
                h.bbox = union(&h.bbox, &l.bbox);
                h.size = h.size.max(l.size);
            }
            None => heads.push(Head {
                lines: vec![i],
                bbox: l.bbox,
                size: l.size,
            }),
        }
    }
    // Kickers: a line in type above body size, alone, set close above a head.
    for h in heads.iter_mut() {
        loop {
            let top = h.bbox.y0;
            let cand = (0..lines.len()).find(|&i| {
                let l = &lines[i];
                !in_head[i]
                    && !claimed[block_of[i]]
                    && l.size > 1.05 * body
                    && l.size < h.size * 0.9
                    && blocks[block_of[i]].lines.len() == 1
                    && l.bbox.y1 <= top + 0.2 * l.size
                    && top - l.bbox.y1 < 0.8 * h.size
                    && overlap(&l.bbox, &h.bbox) >= 0.5 * width(&l.bbox).min(width(&h.bbox))
                    && !rule_between(&rules, &l.bbox, l.bbox.y1, top)
            });
            let Some(i) = cand else { break };
            in_head[i] = true;
            h.lines.insert(0, i);
            h.bbox = union(&h.bbox, &lines[i].bbox);
        }
    }
    // A head claims the blocks of its lines, and with them any line of such
    // a block just under headline size (a block joins sizes within 5%).
    for h in heads.iter_mut() {
        let mut more: Vec<usize> = h
            .lines
            .iter()
            .flat_map(|&i| blocks[block_of[i]].lines.iter().copied())
            .filter(|&i| !in_head[i])
            .collect();
        more.sort_unstable();
        more.dedup();
        for &i in &more {
            in_head[i] = true;
            h.bbox = union(&h.bbox, &lines[i].bbox);
        }
        h.lines.extend(more);
        h.lines
            .sort_by(|&a, &b| lines[a].bbox.y0.total_cmp(&lines[b].bbox.y0));
    }
    for (i, f) in in_head.iter().enumerate() {
        if *f {
            claimed[block_of[i]] = true;
        }
    }
    // Heads in the masthead region are part of it.
    heads.retain(|h| {
        if below_mast(&h.bbox) {
            return true;
        }
        out.masthead.extend(h.lines.iter().copied());
        false
    });
    heads.sort_by(|a, b| a.bbox.y0.total_cmp(&b.bbox.y0));

    // Photos.
    let mut photo_head = vec![false; heads.len()];
    for img in images.iter().filter(|r| below_mast(r)) {
        // The photo's head is set close above or below it; one under it
        // may start left of the picture, flush with the caption under it.
        let hk = (0..heads.len()).find(|&k| {
            let h = &heads[k];
            let ov = overlap(&h.bbox, img) >= 0.5 * width(&h.bbox);
            let above = img.y0 - h.bbox.y1 >= -2.0 && img.y0 - h.bbox.y1 <= 1.5 * h.size;
            let below = h.bbox.y0 - img.y1 >= -2.0 && h.bbox.y0 - img.y1 <= 3.0 * body;
            // The row of text right under such a head, from its column on,
            // spans the picture.
            let row: Vec<&Rect> = (0..blocks.len())
                .filter(|&b| {
                    let r = &blocks[b].bbox;
                    !claimed[b]
                        && blocks[b].size < 1.3 * body
                        && r.y0 >= h.bbox.y1 - 0.3 * body
                        && r.y0 - h.bbox.y1 <= 1.5 * body
                        && r.x1 > h.bbox.x0
                        && r.x0 < img.x1
                })
                .map(|b| &blocks[b].bbox)
                .collect();
            let beside = below
                && row.iter().any(|r| overlap(r, &h.bbox) > 0.0)
                && row.iter().fold(0.0, |a, r| a + overlap(r, img)) >= 0.5 * width(img);
            !photo_head[k] && (ov && (above || below) || beside)
        });
        // The photo's module: the picture centred in it, as wide as its
        // head and the picture reach from its centre.
        let module = match hk {
            Some(k) => {
                let cx = (img.x0 + img.x1) / 2.0;
                let h = &heads[k].bbox;
                let d = (cx - img.x0.min(h.x0)).max(img.x1.max(h.x1) - cx);
                Rect {
                    x0: cx - d,
                    x1: cx + d,
                    ..*img
                }
            }
            None => *img,
        };
        let mut cur = img.y1;
        if let Some(k) = hk {
            photo_head[k] = true;
            cur = cur.max(heads[k].bbox.y1);
        }
        // The caption: blocks under the photo within its width, one under
        // the other or side by side (a wide caption set in columns).
        let top = cur;
        let mut caption = Vec::new();
        loop {
            let next = (0..blocks.len())
                .filter(|&k| {
                    let b = &blocks[k];
                    !claimed[k]
                        && b.bbox.y0 >= top - 0.5 * body
                        && b.bbox.y0 - cur < 2.0 * body
                        && overlap(&b.bbox, &module) >= 0.6 * width(&b.bbox)
                        && b.size < 1.3 * body
                })
                .min_by(|&a, &b| blocks[a].bbox.y0.total_cmp(&blocks[b].bbox.y0));
            let Some(k) = next else { break };
            claimed[k] = true;
            cur = cur.max(blocks[k].bbox.y1);
            caption.push(k);
        }
        if hk.is_none() && caption.is_empty() {
            continue;
        }
        let mut regions = vec![*img];
        let head = match hk {
            Some(k) => {
                regions.insert(0, heads[k].bbox);
                heads[k].lines.clone()
            }
            None => vec![],
        };
        regions.extend(caption.iter().map(|&k| blocks[k].bbox));
        out.groups.push(Group {
            kind: GroupKind::Photo,
            head,
            body: column_order(blocks, caption),
            regions,
        });
    }

    // Articles: each remaining head's first row, widened along that row.
    let news: Vec<usize> = (0..heads.len()).filter(|&k| !photo_head[k]).collect();
    let mut extent: Vec<Option<Rect>> = vec![None; heads.len()];
    let mut owned: Vec<Vec<usize>> = vec![Vec::new(); heads.len()];
    // Another head over `b`, below the top of head `k` (on its row or under
    // it): `b` is that head's, not `k`'s.
    let head_between = |k: usize, b: &Rect| {
        news.iter().any(|&j| {
            j != k
                && heads[j].bbox.y1 <= b.y0 + 0.5 * body
                && heads[j].bbox.y1 > heads[k].bbox.y0 - 0.5 * body
                && overlap(&heads[j].bbox, b) > 0.0
        })
    };
    // A block set right under heads it overlaps is the nearest one's.
    for b in 0..blocks.len() {
        let r = &blocks[b].bbox;
        if claimed[b] {
            continue;
        }
        let k = news
            .iter()
            .copied()
            .filter(|&k| {
                let h = &heads[k].bbox;
                overlap(r, h) > 0.0
                    && r.y0 >= h.y1 - 0.3 * body
                    && r.y0 - h.y1 <= 5.0 * body
                    && !rule_between(&rules, r, h.y1, r.y0)
            })
            .max_by(|&a, &c| heads[a].bbox.y1.total_cmp(&heads[c].bbox.y1));
        if let Some(k) = k {
            claimed[b] = true;
            owned[k].push(b);
        }
    }
    // Then the columns of each head's first row that no head is over: a
    // headline is centred over its article or set flush with its left edge,
    // so each head takes the run of neighbouring columns that places it so,
    // the heads placed best first.
    let mut open: Vec<usize> = news
        .iter()
        .copied()
        .filter(|&k| !owned[k].is_empty())
        .collect();
    while !open.is_empty() {
        let best = open
            .iter()
            .map(|&k| {
                let (err, add) = widen(
                    k,
                    &heads[k],
                    &owned[k],
                    blocks,
                    &claimed,
                    body,
                    &head_between,
                );
                (k, err, add)
            })
            .min_by(|a, b| a.1.total_cmp(&b.1));
        let Some((k, _, add)) = best else { break };
        open.retain(|&j| j != k);
        for &b in &add {
            claimed[b] = true;
        }
        owned[k].extend(add);
        extent[k] = Some(
            owned[k]
                .iter()
                .fold(heads[k].bbox, |a, &b| union(&a, &blocks[b].bbox)),
        );
    }
    // Every other block: the nearest head above whose extent covers it.
    let mut rest: Vec<usize> = (0..blocks.len()).filter(|&b| !claimed[b]).collect();
    rest.sort_by(|&a, &b| blocks[a].bbox.y0.total_cmp(&blocks[b].bbox.y0));
    for b in rest {
        let r = &blocks[b].bbox;
        let owner = news
            .iter()
            .copied()
            .filter(|&k| {
                extent[k].is_some_and(|e| {
                    heads[k].bbox.y1 <= r.y0 + 0.5 * body
                        && overlap(&e, r) >= 0.5 * width(r)
                        && !rule_between(&rules, r, heads[k].bbox.y1, r.y0)
                })
            })
            .max_by(|&a, &c| heads[a].bbox.y1.total_cmp(&heads[c].bbox.y1));
        match owner {
            Some(k) => owned[k].push(b),
            None => out.loose.push(b),
        }
    }
    for &k in &news {
        let h = &heads[k];
        if owned[k].is_empty() {
            out.groups.push(Group {
                kind: GroupKind::Banner,
                head: h.lines.clone(),
                body: vec![],
                regions: vec![h.bbox],
            });
            continue;
        }
        let body_blocks = column_order(blocks, std::mem::take(&mut owned[k]));
        let mut regions = vec![h.bbox];
        regions.extend(body_blocks.iter().map(|&b| blocks[b].bbox));
        out.groups.push(Group {
            kind: GroupKind::News,
            head: h.lines.clone(),
            body: body_blocks,
            regions,
        });
    }
    out.masthead
        .sort_by(|&a, &b| lines[a].bbox.y0.total_cmp(&lines[b].bbox.y0));
    // Groups in reading order: by the top of their first region.
    out.groups.sort_by(|a, b| {
        let (ra, rb) = (a.regions[0], b.regions[0]);
        ra.y0.total_cmp(&rb.y0).then(ra.x0.total_cmp(&rb.x0))
    });
    out
}

/// The columns beside head `h`'s first row (`first`, the blocks right under
/// it) that `h` takes: of the runs of unclaimed neighbouring blocks starting
/// on that row, left and right, the one that leaves `h` centred over its
/// article or flush with its left edge (the widest on a tie); with how far
/// from that the head stays.
fn widen(
    k: usize,
    h: &Head,
    first: &[usize],
    blocks: &[Block],
    claimed: &[bool],
    body: f32,
    head_between: &dyn Fn(usize, &Rect) -> bool,
) -> (f32, Vec<usize>) {
    let row_top = first
        .iter()
        .map(|&b| blocks[b].bbox.y0)
        .fold(f32::MAX, f32::min);
    let ext = first
        .iter()
        .fold(h.bbox, |a, &b| union(&a, &blocks[b].bbox));
    let ext = Rect {
        x0: first
            .iter()
            .map(|&b| blocks[b].bbox.x0)
            .fold(f32::MAX, f32::min),
        x1: first
            .iter()
            .map(|&b| blocks[b].bbox.x1)
            .fold(f32::MIN, f32::max),
        ..ext
    };
    let free =
        |b: usize| !claimed[b] && blocks[b].size < 1.3 * body && !head_between(k, &blocks[b].bbox);
    // Blocks starting on the row, and those set right under them in their
    // column (a byline over the column's text pushes the text down).
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
                    overlap(r, q) >= 0.5 * width(r).min(width(q))
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
    // Their columns: candidates overlapping in x, with the columns' extent.
    let mut cols: Vec<(Rect, Vec<usize>)> = Vec::new();
    for &b in &cands {
        let r = blocks[b].bbox;
        match cols
            .iter_mut()
            .find(|(c, _)| overlap(c, &r) >= 0.5 * width(c).min(width(&r)))
        {
            Some((c, bs)) => {
                *c = union(c, &r);
                bs.push(b);
            }
            None => cols.push((r, vec![b])),
        }
    }
    // The runs outwards: each step the columns starting within a gutter of
    // the run's edge.
    let run = |left: bool| {
        let mut steps: Vec<(f32, Vec<usize>)> = Vec::new();
        let mut edge = if left { ext.x0 } else { ext.x1 };
        let mut taken = vec![false; cols.len()];
        loop {
            let next: Vec<usize> = (0..cols.len())
                .filter(|&c| !taken[c])
                .filter(|&c| {
                    let r = &cols[c].0;
                    let gap = if left { edge - r.x1 } else { r.x0 - edge };
                    (-0.5 * body..2.5 * body).contains(&gap)
                })
                .collect();
            if next.is_empty() {
                break;
            }
            for &c in &next {
                taken[c] = true;
                let r = &cols[c].0;
                edge = if left { edge.min(r.x0) } else { edge.max(r.x1) };
            }
            let bs = next
                .iter()
                .flat_map(|&c| cols[c].1.iter().copied())
                .collect();
            steps.push((edge, bs));
        }
        steps
    };
    let (lefts, rights) = (run(true), run(false));
    let hc = (h.bbox.x0 + h.bbox.x1) / 2.0;
    // A head centred over the columns right under it is a centred head;
    // one that is not but starts where they start is set flush left.
    let centred = ((ext.x0 + ext.x1) / 2.0 - hc).abs() <= body;
    let mut best: (f32, usize, usize) = (f32::MAX, 0, 0);
    for i in 0..=lefts.len() {
        for j in 0..=rights.len() {
            let x0 = if i == 0 { ext.x0 } else { lefts[i - 1].0 };
            let x1 = if j == 0 { ext.x1 } else { rights[j - 1].0 };
            let off_centre = ((x0 + x1) / 2.0 - hc).abs();
            let err = if centred {
                off_centre
            } else {
                off_centre.min((x0 - h.bbox.x0).abs())
            };
            if err < best.0 - 0.5 * body || (err <= best.0 + 0.5 * body && i + j > best.1 + best.2)
            {
                best = (err.min(best.0), i, j);
            }
        }
    }
    let add = lefts[..best.1]
        .iter()
        .chain(&rights[..best.2])
        .flat_map(|(_, bs)| bs.iter().copied())
        .collect();
    (best.0, add)
}

/// Blocks in column order: columns (blocks overlapping in x) left to right,
/// each top to bottom.
pub fn column_order(blocks: &[Block], mut ks: Vec<usize>) -> Vec<usize> {
    ks.sort_by(|&a, &b| blocks[a].bbox.x0.total_cmp(&blocks[b].bbox.x0));
    let mut cols: Vec<Rect> = Vec::new();
    let mut col_of: Vec<(usize, usize)> = Vec::new();
    for &k in &ks {
        let r = &blocks[k].bbox;
        let c = cols
            .iter()
            .position(|c| overlap(c, r) >= 0.5 * width(r).min(width(c)));
        let c = match c {
            Some(c) => {
                cols[c] = union(&cols[c], r);
                c
            }
            None => {
                cols.push(*r);
                cols.len() - 1
            }
        };
        col_of.push((k, c));
    }
    // Columns by their left edge; a block spanning columns reads first.
    let mut corder: Vec<usize> = (0..cols.len()).collect();
    corder.sort_by(|&a, &b| cols[a].x0.total_cmp(&cols[b].x0));
    let rank: Vec<usize> = {
        let mut r = vec![0; cols.len()];
        for (i, &c) in corder.iter().enumerate() {
            r[c] = i;
        }
        r
    };
    col_of.sort_by(|a, b| {
        rank[a.1]
            .cmp(&rank[b.1])
            .then(blocks[a.0].bbox.y0.total_cmp(&blocks[b.0].bbox.y0))
    });
    col_of.into_iter().map(|(k, _)| k).collect()
}

#[cfg(test)]
mod tests {
    use super::super::blocks;
    use super::super::lines::{self, tests::page};
    use super::*;

    #[test]
    fn centred_head_owns_its_row() {
        // A headline centred over the two middle columns of four, then a
        // second article under the first in the left two columns.
        let mut rows = vec![(130.0, 40.0, 20.0, "从短缺走向平衡")];
        for k in 0..5 {
            let y = 60.0 + 14.0 * k as f32;
            for c in 0..4 {
                rows.push((10.0 + 100.0 * c as f32, y, 9.0, "正文正文正文正文正文"));
            }
        }
        rows.push((20.0, 160.0, 20.0, "第二篇标题"));
        for k in 0..3 {
            let y = 180.0 + 14.0 * k as f32;
            rows.push((10.0, y, 9.0, "二文二文二文二文二文"));
        }
        let p = page(&rows);
        let segs = lines::segments(&p);
        let ls = lines::merge(&p, segs, 9.0, &[]);
        let bs = blocks::build(&ls, &[]);
        let lay = arrange(&p, &ls, &bs, 9.0, &|_| false);
        let news: Vec<&Group> = lay
            .groups
            .iter()
            .filter(|g| g.kind == GroupKind::News)
            .collect();
        assert_eq!(news.len(), 2, "{lay:?}");
        assert_eq!(news[0].body.len(), 4);
        assert_eq!(news[1].body.len(), 1);
        // Column order: left column first.
        let x: Vec<f32> = news[0].body.iter().map(|&b| bs[b].bbox.x0).collect();
        assert!(x.windows(2).all(|w| w[0] < w[1]), "{x:?}");
        assert!(lay.loose.is_empty());
    }

    #[test]
    fn a_caption_set_in_columns_is_the_photos() {
        // A caption under a photo runs on into a second column on the same
        // row; a byline over a column's text still leaves it in the row.
        let mut p = page(&[
            (10.0, 20.0, 20.0, "图片标题"),
            (10.0, 150.0, 9.0, "图片说明图片说明图片说明"),
            (10.0, 164.0, 9.0, "图片说明图片说明图片说明"),
            (160.0, 150.0, 9.0, "说明完。"),
        ]);
        p.images.push(Rect {
            x0: 10.0,
            y0: 25.0,
            x1: 300.0,
            y1: 140.0,
        });
        let ls = lines::merge(&p, lines::segments(&p), 9.0, &[]);
        let bs = blocks::build(&ls, &[]);
        let lay = arrange(&p, &ls, &bs, 9.0, &|_| false);
        assert_eq!(lay.groups.len(), 1, "{lay:?}");
        assert_eq!(lay.groups[0].kind, GroupKind::Photo);
        assert_eq!(lay.groups[0].body.len(), 2);
        assert!(lay.loose.is_empty());
    }

    #[test]
    fn a_column_between_two_heads_goes_to_the_one_it_centres() {
        // Five columns: head A centred over the first two, head B over the
        // last three but wide enough to reach only the fourth; the third
        // column borders both articles, and only B is centred with it.
        let mut rows = vec![(80.5, 40.0, 20.0, "甲乙"), (330.5, 41.0, 20.0, "丙丁")];
        for k in 0..5 {
            let y = 60.0 + 14.0 * k as f32;
            for c in 0..5 {
                rows.push((10.0 + 100.0 * c as f32, y, 9.0, "正文正文正文正文正"));
            }
        }
        let p = page(&rows);
        let ls = lines::merge(&p, lines::segments(&p), 9.0, &[]);
        let bs = blocks::build(&ls, &[]);
        assert_eq!(bs.len(), 7, "{bs:?}");
        let lay = arrange(&p, &ls, &bs, 9.0, &|_| false);
        let cols = |h: &str| -> Vec<f32> {
            let g = lay.groups.iter().find(|g| ls[g.head[0]].text == h).unwrap();
            g.body.iter().map(|&b| bs[b].bbox.x0).collect()
        };
        assert_eq!(cols("甲乙"), [10.0, 110.0]);
        assert_eq!(cols("丙丁"), [210.0, 310.0, 410.0]);
    }
}
