//! A story's start printed apart from its headline: the extraction may put
//! a headline over a later column of its story and read the story's first
//! lines, under its byline, into another story. That byline, left loose
//! there ([`super::ctx::Ctx::loose`]), marks where the start is.

use super::ctx::{writes, Ctx};
use super::orphans::bylines_above;
use crate::import::byline::dateline_len;
use crate::import::draft::{Draft, Piece};
use crate::import::stack;
use kanbao_bundle::Byline;

/// How many characters of a start are compared with a headline.
const OPENING: usize = 60;

/// Each headline over a later column of its story takes the story's start
/// where the page printed it apart, with the byline over it.
pub(super) fn find_starts(ctx: &mut Ctx) {
    for o in 0..ctx.drafts.len() {
        if !later_column(&ctx.drafts[o]) {
            continue;
        }
        let Some((k, q, end)) = start_for(&ctx.drafts, o, &ctx.loose) else {
            continue;
        };
        let moved: Vec<Piece> = ctx.drafts[k].pieces.drain(q..end).collect();
        let (first, last) = (moved[0].line, moved[moved.len() - 1].line);
        let above = ctx.drafts[k].pieces[q - 1].line;
        bylines_above(ctx, k, o, above, first);
        let d = &mut ctx.drafts[o];
        d.pieces.splice(0..0, moved);
        d.has_byline = true;
        d.line_end = d.line_end.max(last);
        ctx.note(first, "body (the start of a story printed apart from it)");
    }
}

/// A titled story whose text so far names no writer and opens with no
/// dateline: what is under its headline may be a later column.
fn later_column(d: &Draft) -> bool {
    let opens_dated = d.pieces.first().is_some_and(|p| {
        let t = p.text.trim_start();
        t.starts_with("本报讯") || dateline_len(t).is_some()
    });
    d.kind.is_none()
        && !d.article.headline.is_empty()
        && !d.pieces.is_empty()
        && !opens_dated
        && !writes(&d.article.byline)
}

/// The draft and the pieces `q..end` of the start of draft `o`'s story: the
/// text right under a loose byline, up to the next dateline or byline,
/// sharing the headline's words (two character pairs, and a third of them).
fn start_for(
    drafts: &[Draft],
    o: usize,
    loose: &[(u32, Byline, String)],
) -> Option<(usize, usize, usize)> {
    let head = &drafts[o].article.headline;
    let pairs = stack::bigrams(head).len();
    let mut best: Option<(usize, usize, usize, usize)> = None;
    for (k, d) in drafts.iter().enumerate() {
        if k == o {
            continue;
        }
        for &(l, ..) in loose {
            let Some(q) = (1..d.pieces.len()).find(|&q| between(d, q, l)) else {
                continue;
            };
            let end = story_end(d, q, loose);
            let opening: String = d.pieces[q..end]
                .iter()
                .take(4)
                .flat_map(|x| x.text.chars())
                .take(OPENING)
                .collect();
            let n = stack::shared(head, &opening);
            if n >= 2 && n * 3 >= pairs && best.is_none_or(|b| n > b.0) {
                best = Some((n, k, q, end));
            }
        }
    }
    best.map(|(_, k, q, end)| (k, q, end))
}

/// Line `l` falls between pieces `q - 1` and `q` of `d`.
fn between(d: &Draft, q: usize, l: u32) -> bool {
    d.pieces[q - 1].line < l && l < d.pieces[q].line
}

/// Where the story starting at piece `q` of `d` ends: at the next dateline,
/// or the next byline read into `d` (loose or kept), else at its end.
fn story_end(d: &Draft, q: usize, loose: &[(u32, Byline, String)]) -> usize {
    (q + 1..d.pieces.len())
        .find(|&r| {
            d.pieces[r].text.trim_start().starts_with("本报讯")
                || d.inserts.iter().any(|&l| between(d, r, l))
                || loose.iter().any(|&(l, ..)| between(d, r, l))
        })
        .unwrap_or(d.pieces.len())
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use crate::import::model::{account, input_chars};

    #[test]
    fn a_headline_over_a_later_column_takes_the_start_under_its_byline() {
        let text = "南极考察站建成\n考察队员们欢欣鼓舞，决心再创佳绩。\n城市公园开放\n本报记者 王明\n本报讯 城市公园今天开放，\n市民纷纷前来游览，\n公园里游人如织。\n本报记者 李华\n本报讯 我国南极考察站今天建成，\n考察站位于南极半岛。\n本报讯 另一条消息的开头。\n";
        let p = parse(text);
        let a = p
            .articles
            .iter()
            .find(|a| a.headline == "南极考察站建成")
            .unwrap();
        assert_eq!(a.byline.reporters, ["李华"]);
        let body = a.paragraphs.concat();
        assert!(body.starts_with("我国南极考察站今天建成"), "{body}");
        assert!(body.ends_with("决心再创佳绩。"), "{body}");
        assert!(!body.contains("另一条消息"), "{body}");
        let b = p
            .articles
            .iter()
            .find(|a| a.headline == "城市公园开放")
            .unwrap();
        assert_eq!(b.byline.reporters, ["王明"]);
        assert_eq!(account(&p), input_chars(text));
    }
}
