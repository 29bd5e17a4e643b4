//! Running text into a draft: a jump or a closing byline taken off each
//! piece, and other text that interrupts an article mid-sentence noted.

use super::ctx::Ctx;
use crate::import::byline;
use crate::import::draft::Piece;
use crate::import::jump;
use crate::import::model::MarkKind;
use crate::import::text::ends_complete;

/// Another piece of the page interrupts the open article mid-sentence.
pub(super) fn note_insert(ctx: &mut Ctx, line: u32) {
    if let Some(c) = ctx.cur {
        let d = &mut ctx.drafts[c];
        if d.pieces.last().is_some_and(|p| !ends_complete(&p.text)) && !d.closed {
            d.inserts.push(line);
        }
    }
}

/// Adds running text to draft `c`, taking off a jump (`(下转2版)`) or a
/// closing byline (`(杜燕华)`).
pub(super) fn add_piece(ctx: &mut Ctx, c: usize, no: u32, t: &str, heading: bool) {
    let mut t = t.to_string();
    if let Some((rest, page, printed)) = jump::split_jump_to(&t) {
        ctx.mark(no, MarkKind::Jump, &printed);
        ctx.drafts[c].article.continues_to = Some(page);
        ctx.drafts[c].closed = true;
        t = rest;
    } else if let Some((rest, names, marks, role)) = byline::split_closing_role(&t) {
        ctx.mark(no, MarkKind::Role, &marks);
        let d = &mut ctx.drafts[c];
        d.article.byline.names_mut(role).extend(names);
        d.has_byline = true;
        d.closed = true;
        t = rest;
    }
    if ctx.drafts[c].pieces.is_empty() {
        if let Some((rest, page, printed)) = jump::split_jump_from(&t) {
            ctx.mark(no, MarkKind::Jump, &printed);
            ctx.drafts[c].article.continued_from = Some(page);
            t = rest;
        }
    }
    let d = &mut ctx.drafts[c];
    d.line_end = no;
    if !t.trim().is_empty() {
        d.pieces.push(Piece {
            line: no,
            text: t,
            heading,
        });
    }
}
