//! Picture credits read next to the wrong story: a credit under the jump
//! line that ends a story on this page (`(下转4版)` / `■摄影 王五`) is the
//! next picture's, printed over the next header; a closing credit (`王五
//! 摄`) read under the next header, before its text, or a credit after more
//! text than a caption holds, is the caption above's.

use super::ctx::{writes, Ctx};
use crate::import::byline::ParsedByline;
use crate::import::draft::{merge_byline, Draft};
use crate::import::model::MarkKind;
use crate::import::text::{ends_complete, visible_len};

/// Whose a credit is, when it is not the open story's.
pub(super) enum Owner {
    /// The next story's, placed when the page is read.
    Next,
    /// The draft's with this index.
    Draft(usize),
}

/// The owner of credit `b` read on line `no`, if not the open story.
pub(super) fn owner(ctx: &Ctx, no: u32, b: &ParsedByline) -> Option<Owner> {
    let photo_only = !b.byline.photographers.is_empty() && !writes(&b.byline);
    let c = ctx.cur?;
    if !photo_only || b.prefix.is_some() {
        return None;
    }
    let d = &ctx.drafts[c];
    let jumped = d.article.continues_to.is_some()
        && d.kind.is_none()
        && d.pieces.last().is_some_and(|p| p.line < no);
    if jumped {
        return Some(Owner::Next);
    }
    // A closing credit under a header with nothing under it yet, or a
    // credit after more text than a caption holds (a picture printed among
    // a story's columns): the caption's above.
    let closing = b.marks.ends_with('摄') && d.in_header() && d.article.byline.is_empty();
    let among = !d.in_header() && d.article.byline.is_empty() && text_len(d) > CAPTION_MAX;
    let t = c.checked_sub(1)?;
    let above = &ctx.drafts[t];
    let caption = above.kind.is_none()
        && above.article.byline.is_empty()
        && !above.article.headline.is_empty()
        && text_len(above) <= CAPTION_MAX
        && above.pieces.last().is_some_and(|p| ends_complete(&p.text));
    ((closing || among) && caption).then_some(Owner::Draft(t))
}

/// The most text a picture's caption holds (as [`crate::import::fields`]
/// reads a short credited text as a photo).
const CAPTION_MAX: usize = 400;

/// How much text a draft holds so far.
fn text_len(d: &Draft) -> usize {
    d.pieces.iter().map(|p| visible_len(&p.text)).sum()
}

/// Keeps credit `b` (line `no`) for the next story: its marks are read now,
/// its names placed by [`place_forward`].
pub(super) fn forward(ctx: &mut Ctx, no: u32, b: &ParsedByline) {
    ctx.mark(no, MarkKind::Role, &b.marks);
    ctx.note(no, "byline (the next story's picture)");
    let c = ctx.cur.expect("an open story");
    ctx.forward.push((no, c, b.byline.clone()));
}

/// Each credit kept for the next story goes to the first titled story
/// below it, or, with none, back to the story it was read in.
pub(super) fn place_forward(ctx: &mut Ctx) {
    for (line, src, b) in std::mem::take(&mut ctx.forward) {
        let next = ctx.drafts.iter().position(|d| {
            d.line_start > line && d.kind.is_none() && !d.article.headline.is_empty()
        });
        let d = &mut ctx.drafts[next.unwrap_or(src)];
        merge_byline(&mut d.article.byline, &b);
        d.has_byline = true;
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use crate::import::model::{account, input_chars};

    fn photographers<'a>(p: &'a crate::import::ParsedPage, h: &str) -> &'a [String] {
        let a = p.articles.iter().find(|a| a.headline == h).unwrap();
        &a.byline.photographers
    }

    #[test]
    fn a_credit_after_a_long_story_is_the_caption_aboves() {
        let long = "村里的路修好了，村民们出行方便多了。".repeat(30);
        let text = format!("### 灯会开幕\n\n昨晚的灯会吸引了众多市民。\n\n### 修路记\n\n{long}\n\n■摄影 李华\n\n### 湖区候鸟\n\n候鸟飞来了。\n");
        let p = parse(&text);
        assert_eq!(photographers(&p, "灯会开幕"), ["李华"]);
        assert!(photographers(&p, "修路记").is_empty());
        assert_eq!(account(&p), input_chars(&text));
    }

    #[test]
    fn a_credit_under_a_jump_is_the_next_pictures() {
        let text = "### 大桥通车\n\n本报记者 王明\n\n本报讯 大桥今天通车，两岸群众欢欣鼓舞，\n\n纷纷赶来观看通车仪式，\n\n(下转4版)\n\n■摄影 李华\n\n### 春运开始\n\n旅客在车站排队购票。\n\n### 湖区候鸟\n\n候鸟飞来了。\n";
        let p = parse(text);
        assert!(photographers(&p, "大桥通车").is_empty());
        assert_eq!(photographers(&p, "春运开始"), ["李华"]);
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn a_closing_credit_under_the_next_header_is_the_caption_aboves() {
        let text = "### 会见外宾\n\n主席今天会见了代表团。\n\n### 警花飒爽\n\n本报记者 李华 摄\n\n女子巡警班上岗执勤一年来成绩显著。\n\n■摄影 赵六\n\n### 湖区候鸟\n\n候鸟飞来了。\n";
        let p = parse(text);
        assert_eq!(photographers(&p, "会见外宾"), ["李华"]);
        assert_eq!(photographers(&p, "警花飒爽"), ["赵六"]);
        assert_eq!(account(&p), input_chars(text));
    }
}
