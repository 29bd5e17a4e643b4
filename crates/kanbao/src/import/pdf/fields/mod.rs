//! Pass 5: a group's lines → an article's fields, in the order they are
//! read:
//! - head ([`head`]): the run of lines in the largest type is the headline;
//!   lines above it the kicker, lines below it the subheadline;
//! - body ([`body`]): paragraphs, with byline blocks and lines and section
//!   headings taken out;
//! - ends ([`ends`]): jumps, the dateline `本报讯` and the byline in brackets
//!   after it, photo credits and authors closing the text;
//! - bylines ([`bylines`], with names set solid spaced out by [`names`]),
//!   each taken only when every character is a name or a mark ([`built`]).

mod body;
mod built;
mod bylines;
mod ends;
mod head;
mod names;

use kanbao_bundle::{Article, ArticleKind, Region};

use super::blocks::Block;
use super::lines::Line;
use super::model::Rect;
use super::order::{Group, GroupKind};
pub use built::Built;
pub use bylines::{credit_editor, is_credit_line};

fn round1(x: f32) -> f32 {
    (x * 10.0).round() / 10.0
}

pub fn region(page: u32, r: &Rect) -> Region {
    Region {
        page,
        x0: round1(r.x0),
        y0: round1(r.y0),
        x1: round1(r.x1),
        y1: round1(r.y1),
    }
}

/// Builds the article of a group.
pub fn build(
    page: u32,
    lines: &[Line],
    blocks: &[Block],
    g: &Group,
    body_size: f32,
    body_font: u16,
    images: &[Rect],
) -> Built {
    let (kicker, headline, subheadline) = head::split_head(lines, &g.head);
    let mut out = Built {
        article: Article {
            page: Some(page),
            regions: g.regions.iter().map(|r| region(page, r)).collect(),
            kind: head::article_kind(g.kind, &headline),
            kicker,
            headline,
            subheadline,
            ..Default::default()
        },
        marks: Vec::new(),
    };
    if g.kind == GroupKind::Credit {
        if let Some(n) = credit_editor(&out.article.headline) {
            out.article.byline.editors.push(n);
        }
        return out;
    }
    let body = body::Body::new(lines, blocks, g, body_size, body_font, images);
    let (mut paras, headings) = body.read(&mut out);
    ends::take_jumps(&mut paras, &mut out);
    paras.retain(|(p, _)| !p.trim().is_empty());
    ends::take_opening(&mut paras, &mut out);
    ends::take_closing(
        &mut paras,
        &mut out,
        g.kind == GroupKind::Photo,
        g.kind == GroupKind::News,
        &|t| body.read_byline(t, false),
    );
    paras.retain(|(p, _)| !p.trim().is_empty());
    let art = &mut out.article;
    if !art.byline.commentators.is_empty() && art.kind == ArticleKind::News {
        art.kind = ArticleKind::Commentary;
    }
    if art.headline.is_empty() {
        ends::caption_headline(&mut paras, &mut out);
        paras.retain(|(p, _)| !p.trim().is_empty());
    }
    out.article.paragraphs = paras.into_iter().map(|(p, _)| p).collect();
    out.article.section_headings = headings;
    out
}
