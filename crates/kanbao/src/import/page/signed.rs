//! A header is signed once, and a commentary by its commentator alone: a
//! second writer's byline of the other kind under a header (a reporter's
//! under a commentator's signature, or a commentator's under a reporter's
//! byline) before any text is the byline of the header above it, whose
//! story the extraction had not started: headers set side by side, read
//! one after the other, their bylines after them.

use super::ctx::{writes, Ctx};
use crate::import::byline::ParsedByline;
use crate::import::draft::Draft;
use crate::import::text::ends_complete;
use kanbao_bundle::Byline;

/// Opens the header above for byline `b` (read on line `no`) when the open
/// header is signed already with a byline of the other kind; what follows
/// is that header's story.
pub(super) fn to_header_above(ctx: &mut Ctx, no: u32, b: &ParsedByline) {
    let Some(c) = ctx.cur else {
        return;
    };
    let d = &ctx.drafts[c];
    let other_kind = d.in_header()
        && writes(&d.article.byline)
        && writes(&b.byline)
        && b.prefix.is_none()
        && commentary(&d.article.byline) != commentary(&b.byline);
    if !other_kind {
        return;
    }
    // The nearest story above, past banners and notices.
    let above = (0..c)
        .rev()
        .find(|&t| ctx.drafts[t].kind.is_none())
        .filter(|&t| unstarted(&ctx.drafts[t]));
    if let Some(t) = above {
        ctx.drafts[t].closed = false;
        ctx.cur = Some(t);
        ctx.note(
            no,
            "byline (of the header above; the one under it is signed)",
        );
    }
}

/// A commentator signs it.
fn commentary(b: &Byline) -> bool {
    !b.commentators.is_empty()
}

/// A titled story not yet signed or started: no byline, at most one line
/// under its headline, and that line no finished sentence (a subheadline
/// read as text).
fn unstarted(d: &Draft) -> bool {
    !d.article.headline.is_empty()
        && d.article.byline.is_empty()
        && d.pieces.len() <= 1
        && d.pieces.iter().all(|p| !ends_complete(&p.text))
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use crate::import::model::{account, input_chars};

    #[test]
    fn a_reporters_byline_under_a_signed_commentary_is_the_header_aboves() {
        // A marked page: the headers are each their own; a subheadline
        // under the first is read as a line of text.
        let text = "### 全市水源污染事故原因查清\n\n有关部门正在采取措施\n\n## 论勤俭节约\n\n特约评论员 方圆\n\n张华 ■记者\n\n本报讯 记者从市环保局获知，事故原因已经查清。\n\n## 春运开始\n\n铁路春运今天开始。\n";
        let p = parse(text);
        let by = |h: &str| p.articles.iter().find(|a| a.headline == h).unwrap();
        let a = by("全市水源污染事故原因查清");
        assert_eq!(a.byline.reporters, ["张华"]);
        assert!(a.paragraphs.concat().contains("事故原因已经查清"));
        let c = by("论勤俭节约");
        assert_eq!(c.byline.commentators, ["方圆"]);
        assert!(c.byline.reporters.is_empty());
        assert_eq!(account(&p), input_chars(text));
    }
}
