//! Pass 4: blocks → the page's groups (articles, photos, boxes, banners,
//! credit lines) and its masthead, in reading order.
//!
//! What a page prints, read from geometry alone, one step each and in this
//! order (each step claims the blocks it takes, so a later one sees only
//! what is left):
//! - the masthead region: everything above a rule across the page near its
//!   top ([`sheet`]);
//! - editor credit lines (`责任编辑：…`);
//! - boxes (stroked or filled rectangles) hold ads, notices and banners, each
//!   box one group ([`boxes`]);
//! - heads: lines well above body size, stacked into heads (kicker,
//!   headline lines, subheadline) ([`heads`]);
//! - photos: an image with a head set close above or below it, and the
//!   blocks under it within its width as the caption ([`photos`]);
//! - articles: a head owns the body blocks that start right under it, widened
//!   to the neighbouring columns that start on the same row, and then every
//!   block below whose nearest head above, within that width, it is; a head
//!   that owns no body is a banner ([`articles`]).
//!
//! Body blocks of a group are in column order (`columns`); groups are in
//! reading order, by the top of their first region.

mod articles;
mod boxes;
mod group;
mod heads;
mod photos;
mod sheet;

pub use group::{Group, GroupKind, Layout};

use super::blocks::Block;
use super::lines::Line;
use super::model::PdfPage;
use sheet::Sheet;

/// Arranges the page's blocks into groups. `credit` tells an editor credit
/// line from its text.
pub fn arrange(
    page: &PdfPage,
    lines: &[Line],
    blocks: &[Block],
    body: f32,
    credit: &dyn Fn(&str) -> bool,
) -> Layout {
    let mut sheet = Sheet::new(page, lines, blocks, body);
    let mut out = Layout {
        masthead: take_masthead(&mut sheet),
        ..Layout::default()
    };
    out.groups = take_credit_lines(&mut sheet, credit);
    out.groups.extend(boxes::take(&mut sheet));
    let heads = heads::take(&mut sheet, &mut out.masthead);
    let (photos, photo_head) = photos::take(&mut sheet, &heads);
    out.groups.extend(photos);
    let (articles, loose) = articles::take(&mut sheet, &heads, &photo_head);
    out.groups.extend(articles);
    out.loose = loose;
    out.masthead
        .sort_by(|&a, &b| lines[a].bbox.y0.total_cmp(&lines[b].bbox.y0));
    // Groups in reading order: by the top of their first region.
    out.groups.sort_by(|a, b| {
        let (ra, rb) = (a.regions[0], b.regions[0]);
        ra.y0.total_cmp(&rb.y0).then(ra.x0.total_cmp(&rb.x0))
    });
    out
}

/// The lines of the blocks above the masthead's rule, claimed.
fn take_masthead(sheet: &mut Sheet) -> Vec<usize> {
    let mut masthead = Vec::new();
    if let Some(my) = sheet.mast_y {
        for (k, b) in sheet.blocks.iter().enumerate() {
            if b.bbox.y1 <= my + 1.0 {
                sheet.claimed[k] = true;
                masthead.extend(b.lines.iter().copied());
            }
        }
    }
    masthead
}

/// Editor credit lines: a block of one line that `credit` reads as one.
fn take_credit_lines(sheet: &mut Sheet, credit: &dyn Fn(&str) -> bool) -> Vec<Group> {
    let mut groups = Vec::new();
    for (k, b) in sheet.blocks.iter().enumerate() {
        if !sheet.claimed[k] && b.lines.len() == 1 && credit(&sheet.lines[b.lines[0]].text) {
            sheet.claimed[k] = true;
            groups.push(Group::head_only(GroupKind::Credit, b.lines.clone(), b.bbox));
        }
    }
    groups
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::import::pdf::blocks::{self, Block};
    use crate::import::pdf::lines::{self, tests::page, Line};
    use crate::import::pdf::model::{PdfPage, Rect};

    /// The lines and blocks of a test page with 9 pt body text and no rules.
    pub(in crate::import::pdf::order) fn arranged(p: &PdfPage) -> (Vec<Line>, Vec<Block>) {
        let ls = lines::merge(p, lines::segments(p), 9.0, &[]);
        let bs = blocks::build(&ls, &[]);
        (ls, bs)
    }

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
        p.images.push(Rect::new(10.0, 25.0, 300.0, 140.0));
        let (ls, bs) = arranged(&p);
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
        let (ls, bs) = arranged(&p);
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
