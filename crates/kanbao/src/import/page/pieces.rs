//! Running text into a draft: a jump or a closing byline taken off each
//! piece, and other text that interrupts an article mid-sentence noted.

use super::ctx::{writes, Ctx};
use crate::import::byline;
use crate::import::draft::Piece;
use crate::import::jump;
use crate::import::model::{MarkKind, Unassigned};
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
        if writes(&ctx.drafts[c].article.byline) {
            // A story is signed once: brackets closing a paragraph of a story
            // whose byline names its writers are another story's signature
            // or a picture's credit, read into this one.
            ctx.unassigned.push(Unassigned {
                line: no,
                text: t[rest.len()..].to_string(),
            });
            t = rest;
        } else {
            ctx.mark(no, MarkKind::Role, &marks);
            let d = &mut ctx.drafts[c];
            d.article.byline.names_mut(role).extend(names);
            d.has_byline = true;
            d.closed = true;
            t = rest;
        }
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

/// A short line that closes a bracket the open article's last line left
/// open (`…进展顺利。（杨国` / `林 摄）`): the rest of that line, cut by the
/// wrap, however much it looks like a title.
pub(super) fn closes_open_bracket(ctx: &Ctx, t: &str) -> bool {
    let t = t.trim();
    let closes = t.ends_with(['）', ')'])
        && !t.contains(['（', '('])
        && crate::import::text::visible_len(t) <= 12;
    closes
        && ctx.open().is_some_and(|d| {
            !d.closed
                && d.pieces.last().is_some_and(|p| {
                    let open = p.text.rfind(['（', '(']);
                    open.is_some_and(|o| !p.text[o..].contains(['）', ')']))
                })
        })
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use crate::import::model::{account, input_chars};

    #[test]
    fn a_bracketed_credit_wrapped_onto_a_short_line_is_the_credit() {
        let text = "## **邮展筹备正酣**\n\n中国邮展筹备工作已进入关键阶段，\n\n展品的征集等工作进展顺利。（杨国\n\n林 摄）\n\n## **下一条新闻**\n\n本报讯 今天开会。\n";
        let p = parse(text);
        let a = &p.articles[0];
        assert_eq!(a.byline.photographers, ["杨国林"]);
        assert!(a.paragraphs.concat().ends_with("进展顺利。"));
        assert_eq!(p.articles.len(), 2);
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn a_pictures_credit_inside_a_sent_storys_text_stays_text() {
        let text = "从短缺走向平衡\n——菜篮子工程建设十年述评（上）\n本报讯 压题照片为江\n苏海安县种畜场一角。\n（杨一秋摄）\n到1997年底，除了\n奶类和水果，我国肉、蛋供应充足。\n";
        let p = parse(text);
        let a = &p.articles[0];
        assert!(a.byline.is_empty());
        assert!(a.paragraphs.concat().contains("（杨一秋摄）到1997年底"));
        assert_eq!(account(&p), input_chars(text));
        // Under a picture's caption, the credit is the picture's.
        let text = "邮展筹备正酣\n中国邮展筹备工作已进入关键阶段。\n（杨国林摄）\n";
        let p = parse(text);
        assert_eq!(p.articles[0].byline.photographers, ["杨国林"]);
    }

    #[test]
    fn a_signed_story_takes_no_closing_signature() {
        let text = "一封下级对上级的表扬信\n本报记者 徐如镜\n本报讯 勤政高效、廉洁务实的作风啥\n时候都让人敬佩，全行干部职工都说\n他办事公道，从不给群众添麻烦事。\n本书坚持历史唯物主义观点，对一些\n重大问题提出了自己的见解。（李毅 郝益东）\n";
        let p = parse(text);
        let a = &p.articles[0];
        assert_eq!(a.byline.reporters, ["徐如镜"]);
        assert!(a.byline.authors.is_empty());
        assert!(p.unassigned.iter().any(|u| u.text == "（李毅 郝益东）"));
        assert!(a.paragraphs.concat().ends_with("自己的见解。"));
        assert_eq!(account(&p), input_chars(text));
        // A story with no byline is signed by its closing brackets.
        let text = "建设十年\n城乡面貌一新，百姓安居乐业，各项\n建设成果显著。(杜燕华)\n";
        let p = parse(text);
        assert_eq!(p.articles[0].byline.authors, ["杜燕华"]);
        assert_eq!(account(&p), input_chars(text));
    }
}
