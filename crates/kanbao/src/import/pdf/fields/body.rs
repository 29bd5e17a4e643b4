//! The body: a group's blocks, in reading order, into paragraphs, with
//! bylines and section headings taken out.
//!
//! - bylines: blocks whose every line reads as a byline (role words, `■`,
//!   `摄`, or a bare name set apart from the body in another font or weight,
//!   over or under the text), and byline lines set inside a block;
//! - section headings: lines of their own inside the body, larger or bold;
//! - paragraphs: a line indented from its column's left edge starts one;
//!   lines and column breaks join without spaces.

use kanbao_bundle::{Byline, Role};

use super::built::Built;
use super::bylines::read_credit_aware;
use crate::import::jump;
use crate::import::pdf::blocks::Block;
use crate::import::pdf::lines::Line;
use crate::import::pdf::model::Rect;
use crate::import::pdf::order::{Group, GroupKind};
use crate::import::text::{is_terminal, repair_spaces};

/// Paragraphs, each with the page line (1-based) it starts on.
pub type Paragraphs = Vec<(String, u32)>;

/// A group's body as the page sets it.
pub struct Body<'a> {
    lines: &'a [Line],
    blocks: &'a [Block],
    group: &'a Group,
    /// Body type size and font.
    size: f32,
    font: u16,
    /// Whether a picture is printed within the group's regions.
    pub has_photo: bool,
    /// The bottom of the body's last block of regular weight.
    last_body_y: f32,
}

/// What reading the body gives: paragraphs and section headings (each also
/// a paragraph), and whether the last paragraph is open to the next line.
#[derive(Default)]
struct Text {
    paras: Paragraphs,
    headings: Vec<String>,
    open: bool,
}

impl<'a> Body<'a> {
    pub fn new(
        lines: &'a [Line],
        blocks: &'a [Block],
        group: &'a Group,
        size: f32,
        font: u16,
        images: &[Rect],
    ) -> Self {
        let last_body_y = group
            .body
            .iter()
            .filter(|&&k| !blocks[k].bold)
            .map(|&k| blocks[k].bbox.y1)
            .fold(f32::MIN, f32::max);
        Body {
            lines,
            blocks,
            group,
            size,
            font,
            has_photo: has_photo(group, images),
            last_body_y,
        }
    }

    /// Reads `t` as a byline ([`read_credit_aware`]).
    pub fn read_byline(&self, t: &str, bare: bool) -> Option<(Byline, String)> {
        read_credit_aware(t, bare, self.has_photo)
    }

    /// The paragraphs and section headings, the bylines read into `out`.
    pub fn read(&self, out: &mut Built) -> (Paragraphs, Vec<String>) {
        let mut text = Text::default();
        for (n, &k) in self.group.body.iter().enumerate() {
            let b = &self.blocks[k];
            if let Some(read) = self.byline_block(k) {
                for (r, (by, m)) in read.into_iter().enumerate() {
                    out.add_byline(b.lines[r], by, m);
                }
                text.open = false;
                continue;
            }
            if let Some(t) = self.section_heading(n, k) {
                text.headings.push(t.to_string());
                text.paras.push((t.to_string(), b.lines[0] as u32 + 1));
                text.open = false;
                continue;
            }
            self.read_lines(k, &mut text, out);
        }
        (text.paras, text.headings)
    }

    /// Block `k` as a byline block: every line reads as a byline, and the
    /// block is set apart (in another font or weight) or at the edge of the
    /// text (over all other body blocks or under the last); a bare name
    /// counts when both, in lines of up to 16 characters.
    fn byline_block(&self, k: usize) -> Option<Vec<(Byline, String)>> {
        let b = &self.blocks[k];
        let bl: Vec<&Line> = b.lines.iter().map(|&i| &self.lines[i]).collect();
        let other_font = bl.iter().all(|l| l.bold || l.font != self.font);
        let at_edge = b.bbox.y1 <= self.top_of_others(k) + 0.5 * self.size
            || b.bbox.y0 >= self.last_body_y - 0.5 * self.size;
        if !(other_font || at_edge) {
            return None;
        }
        let bare = other_font && at_edge && bl.iter().all(|l| l.text.chars().count() <= 16);
        bl.iter().map(|l| self.read_byline(&l.text, bare)).collect()
    }

    /// Block `k` (the `n`th of the body) as a section heading: one short
    /// line of its own (up to 24 characters, no sentence end, no jump line)
    /// in a news story, in larger type or, after the first block, bold.
    fn section_heading(&self, n: usize, k: usize) -> Option<&str> {
        let b = &self.blocks[k];
        let t = self.lines[b.lines[0]].text.trim();
        let larger = b.size > self.size * 1.04 && b.size < self.size * 1.3;
        let bold_alone = b.bold && n > 0 && !t.starts_with("本报");
        (b.lines.len() == 1
            && (larger || bold_alone)
            && t.chars().count() <= 24
            && !t.ends_with(is_terminal)
            && self.group.kind == GroupKind::News
            && jump::split_jump_to(t).is_none())
        .then_some(t)
    }

    /// Block `k`'s lines into paragraphs: a byline line set inside a body
    /// block (`本报记者 张三 李四` over the text, `本报记者 王五摄` under a
    /// caption) is taken out; a line indented from its column's left edge
    /// starts a paragraph, any other continues the open one.
    fn read_lines(&self, k: usize, text: &mut Text, out: &mut Built) {
        let b = &self.blocks[k];
        let left = self.left_of(k);
        for &i in &b.lines {
            let l = &self.lines[i];
            if let Some((by, m)) = self.read_byline(&l.text, false) {
                out.add_byline(i, by, m);
                text.open = false;
                continue;
            }
            let (body_text, credit) = self.split_trailing_credit(&l.text);
            if let Some((by, m)) = credit {
                out.merge_byline(by);
                out.mark_role(i as u32 + 1, m);
            }
            let indented = l.bbox.x0 > left + 1.2 * l.size;
            let t = repair_spaces(&body_text, false);
            if !text.open || indented {
                text.paras.push((t, i as u32 + 1));
            } else {
                let p = &mut text.paras.last_mut().unwrap().0;
                p.push_str(&t);
            }
            text.open = true;
        }
    }

    /// A photo credit set apart at the end of a line of a caption
    /// (`…美国联邦快递公司 本报记者苗重安摄`): the line without it, and the
    /// credit.
    fn split_trailing_credit(&self, t: &str) -> (String, Option<(Byline, String)>) {
        match t.rsplit_once(' ') {
            Some((before, after)) if !before.trim().is_empty() => {
                match self.read_byline(after, false) {
                    Some((by, m))
                        if by
                            .roles()
                            .any(|(r, n)| r == Role::Photographer && !n.is_empty()) =>
                    {
                        (before.to_string(), Some((by, m)))
                    }
                    _ => (t.to_string(), None),
                }
            }
            _ => (t.to_string(), None),
        }
    }

    /// The left edge of block `k`'s column: the leftmost of the body blocks
    /// overlapping it in x.
    fn left_of(&self, k: usize) -> f32 {
        let r = &self.blocks[k].bbox;
        self.group
            .body
            .iter()
            .filter(|&&j| {
                let q = &self.blocks[j].bbox;
                (r.x1.min(q.x1) - r.x0.max(q.x0)) >= 0.5 * (r.x1 - r.x0).min(q.x1 - q.x0)
            })
            .map(|&j| self.blocks[j].bbox.x0)
            .fold(r.x0, f32::min)
    }

    /// The top of the body-type blocks other than `k` (a byline over the
    /// text starts above all of them).
    fn top_of_others(&self, k: usize) -> f32 {
        let (blocks, size) = (self.blocks, self.size);
        self.group
            .body
            .iter()
            .filter(|&&j| j != k && !blocks[j].bold && (blocks[j].size - size).abs() < 0.1 * size)
            .map(|&j| blocks[j].bbox.y0)
            .fold(f32::MAX, f32::min)
    }
}

/// Whether a picture is printed within the group's regions (any group but a
/// news story counts as having one).
fn has_photo(g: &Group, images: &[Rect]) -> bool {
    g.kind != GroupKind::News
        || images.iter().any(|im| {
            g.regions.iter().any(|r| {
                (r.x1.min(im.x1) - r.x0.max(im.x0)) > 0.0
                    && (r.y1.min(im.y1) - r.y0.max(im.y0)) > 0.0
            })
        })
}
