//! Photos: a picture with the head set close above or below it, and as its
//! caption the blocks under it within its module (the picture centred in it,
//! as wide as its head and the picture reach from its centre).

use crate::import::pdf::columns::column_order;
use crate::import::pdf::model::Rect;

use super::group::{Group, GroupKind};
use super::heads::Head;
use super::sheet::Sheet;

/// Pictures at least 20 pt each way (not logos or dots).
fn pictures(sheet: &Sheet) -> Vec<Rect> {
    sheet
        .page
        .images
        .iter()
        .filter(|r| r.y1 - r.y0 >= 20.0 && r.x1 - r.x0 >= 20.0)
        .copied()
        .collect()
}

/// The photo groups of the pictures below the masthead, their captions
/// claimed; with which heads they took.
pub fn take(sheet: &mut Sheet, heads: &[Head]) -> (Vec<Group>, Vec<bool>) {
    let mut groups = Vec::new();
    let mut photo_head = vec![false; heads.len()];
    let below: Vec<Rect> = pictures(sheet)
        .into_iter()
        .filter(|r| sheet.below_mast(r))
        .collect();
    for img in &below {
        let hk = (0..heads.len()).find(|&k| !photo_head[k] && heads_photo(sheet, &heads[k], img));
        let module = module(img, hk.map(|k| &heads[k].bbox));
        let mut cur = img.y1;
        if let Some(k) = hk {
            photo_head[k] = true;
            cur = cur.max(heads[k].bbox.y1);
        }
        let caption = take_caption(sheet, &module, cur);
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
        regions.extend(caption.iter().map(|&k| sheet.blocks[k].bbox));
        groups.push(Group {
            kind: GroupKind::Photo,
            head,
            body: column_order(sheet.blocks, caption),
            regions,
        });
    }
    (groups, photo_head)
}

/// Whether `h` is the head of picture `img`: set close above or below it
/// over half its own width, or under it starting left of it, flush with a
/// caption under it that spans the picture.
fn heads_photo(sheet: &Sheet, h: &Head, img: &Rect) -> bool {
    let body = sheet.body;
    let ov = h.bbox.x_overlap(img) >= 0.5 * h.bbox.width();
    let above = img.y0 - h.bbox.y1 >= -2.0 && img.y0 - h.bbox.y1 <= 1.5 * h.size;
    let below = h.bbox.y0 - img.y1 >= -2.0 && h.bbox.y0 - img.y1 <= 3.0 * body;
    ov && (above || below) || below && caption_row_spans(sheet, h, img)
}

/// Whether the row of text right under head `h`, from its column on, spans
/// picture `img`: it overlaps the head and covers half the picture's width.
fn caption_row_spans(sheet: &Sheet, h: &Head, img: &Rect) -> bool {
    let body = sheet.body;
    let blocks = sheet.blocks;
    let row: Vec<&Rect> = (0..blocks.len())
        .filter(|&b| {
            let r = &blocks[b].bbox;
            !sheet.claimed[b]
                && blocks[b].size < 1.3 * body
                && r.y0 >= h.bbox.y1 - 0.3 * body
                && r.y0 - h.bbox.y1 <= 1.5 * body
                && r.x1 > h.bbox.x0
                && r.x0 < img.x1
        })
        .map(|b| &blocks[b].bbox)
        .collect();
    row.iter().any(|r| r.x_overlap(&h.bbox) > 0.0)
        && row.iter().fold(0.0, |a, r| a + r.x_overlap(img)) >= 0.5 * img.width()
}

/// The photo's module: the picture centred in it, as wide as its head and
/// the picture reach from its centre.
fn module(img: &Rect, head: Option<&Rect>) -> Rect {
    match head {
        Some(h) => {
            let cx = (img.x0 + img.x1) / 2.0;
            let d = (cx - img.x0.min(h.x0)).max(img.x1.max(h.x1) - cx);
            Rect {
                x0: cx - d,
                x1: cx + d,
                ..*img
            }
        }
        None => *img,
    }
}

/// The caption: body-type blocks from `top` down, within the module, each
/// starting less than two body lines under the last (one under the other,
/// or side by side: a wide caption set in columns); claimed.
fn take_caption(sheet: &mut Sheet, module: &Rect, top: f32) -> Vec<usize> {
    let body = sheet.body;
    let mut cur = top;
    let mut caption = Vec::new();
    loop {
        let blocks = sheet.blocks;
        let next = (0..blocks.len())
            .filter(|&k| {
                let b = &blocks[k];
                !sheet.claimed[k]
                    && b.bbox.y0 >= top - 0.5 * body
                    && b.bbox.y0 - cur < 2.0 * body
                    && b.bbox.x_overlap(module) >= 0.6 * b.bbox.width()
                    && b.size < 1.3 * body
            })
            .min_by(|&a, &b| blocks[a].bbox.y0.total_cmp(&blocks[b].bbox.y0));
        let Some(k) = next else { break };
        sheet.claimed[k] = true;
        cur = cur.max(blocks[k].bbox.y1);
        caption.push(k);
    }
    caption
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
        Rect { x0, y0, x1, y1 }
    }

    #[test]
    fn the_module_centres_the_picture_under_its_head() {
        let img = r(100.0, 50.0, 200.0, 150.0);
        // A head reaching 30 pt left of the picture widens it both ways.
        assert_eq!(
            module(&img, Some(&r(70.0, 20.0, 180.0, 45.0))),
            r(70.0, 50.0, 230.0, 150.0)
        );
        assert_eq!(module(&img, None), img);
    }
}
