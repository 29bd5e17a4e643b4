//! Headlines whose stories the extraction put elsewhere: a headline with no
//! text of its own (split off a group of stacked headers) takes the story it
//! names, an untitled run of text or a paragraph inside another article that
//! opens with the headline's words, with everything after it there.

use super::ctx::Ctx;
use crate::import::draft::{merge_byline, remove_byline, Draft};
use crate::import::model::MarkKind;
use crate::import::stack;
use crate::import::text::ends_complete;
use kanbao_bundle::Byline;

/// How many characters of a paragraph's opening are compared.
const OPENING: usize = 60;

/// Gives each headline-only article its story where the page has one.
pub(super) fn find_stories(ctx: &mut Ctx) {
    dash_subheadlines_up(ctx);
    for o in 0..ctx.drafts.len() {
        if !headline_only(&ctx.drafts[o]) {
            continue;
        }
        let Some((k, p)) = story_for(&ctx.drafts, o, &ctx.loose) else {
            continue;
        };
        let moved = ctx.drafts[k].pieces.split_off(p);
        let first = moved[0].line;
        let last = moved.last().map_or(first, |m| m.line);
        // The byline right above the story goes with it.
        let above = ctx.drafts[k].pieces.last().map_or(0, |x| x.line);
        bylines_above(ctx, k, o, above, first);
        let d = &mut ctx.drafts[o];
        d.pieces = moved;
        d.line_end = d.line_end.max(last);
        d.has_byline = true;
        ctx.note(
            first,
            "body (the story of a headline printed apart from it)",
        );
    }
}

/// A header that is a subheadline alone (`——读…`, its dash says it explains
/// a headline), with a byline or text under it: the headline it explains is
/// the nearest one above left with nothing of its own (no byline, no text),
/// its story printed apart from it. That headline takes the subheadline,
/// its byline and its text.
fn dash_subheadlines_up(ctx: &mut Ctx) {
    for s in 0..ctx.drafts.len() {
        let d = &ctx.drafts[s];
        let dash = d.article.headline.starts_with(['—', '－'])
            && d.article.kicker.is_none()
            && d.article.subheadline.is_none()
            && d.kind.is_none()
            && !(d.article.byline.is_empty() && d.pieces.is_empty());
        if !dash {
            continue;
        }
        let Some(o) = (0..s)
            .rev()
            .find(|&o| headline_only(&ctx.drafts[o]) && bare(&ctx.drafts[o]))
        else {
            continue;
        };
        let sub = std::mem::take(&mut ctx.drafts[s]);
        ctx.note(sub.line_start, "subheadline (of a headline printed above)");
        let d = &mut ctx.drafts[o];
        d.article.subheadline = Some(sub.article.headline);
        merge_byline(&mut d.article.byline, &sub.article.byline);
        d.pieces = sub.pieces;
        d.inserts = sub.inserts;
        d.strays = sub.strays;
        d.has_byline = sub.has_byline;
        d.closed = sub.closed;
        d.line_end = d.line_end.max(sub.line_end);
    }
}

/// A header with nothing but its headline: no subheadline, no byline.
fn bare(d: &Draft) -> bool {
    d.article.subheadline.is_none() && d.article.byline.is_empty()
}

/// The bylines found between lines `above` and `first` of draft `k` (its
/// strays), or left loose there as another story's, go to draft `o` with
/// the story under them: a byline printed on two lines goes whole.
pub(super) fn bylines_above(ctx: &mut Ctx, k: usize, o: usize, above: u32, first: u32) {
    let within = |l: u32| above < l && l < first;
    let src = &mut ctx.drafts[k];
    let strays: Vec<Byline> = src
        .strays
        .extract_if(.., |(l, _)| within(*l))
        .map(|(_, b)| b)
        .collect();
    for b in &strays {
        remove_byline(&mut ctx.drafts[k].article.byline, b);
        merge_byline(&mut ctx.drafts[o].article.byline, b);
    }
    if !strays.is_empty() {
        return;
    }
    // Or the ones left unassigned there as another story's.
    let loose: Vec<_> = ctx.loose.extract_if(.., |(l, ..)| within(*l)).collect();
    for (line, b, marks) in loose {
        ctx.unassigned.retain(|u| u.line != line);
        ctx.mark(line, MarkKind::Role, &marks);
        merge_byline(&mut ctx.drafts[o].article.byline, &b);
    }
}

fn headline_only(d: &Draft) -> bool {
    d.kind.is_none() && d.pieces.is_empty() && !d.article.headline.is_empty()
}

/// The article and piece where the story of draft `o`'s headline starts:
/// the paragraph opening that shares the most of its words (at least a third
/// of its character pairs, and two).
/// A start under a writer's byline left loose (another story's) counts one
/// shared word more: a byline is where a story starts.
fn story_for(
    drafts: &[Draft],
    o: usize,
    loose: &[(u32, Byline, String)],
) -> Option<(usize, usize)> {
    let head = &drafts[o].article.headline;
    let pairs = stack::bigrams(head).len();
    let mut best: Option<(usize, usize, usize)> = None;
    for (k, d) in drafts.iter().enumerate() {
        if k == o || d.kind.is_some() {
            continue;
        }
        // An untitled run may go whole; a titled article keeps its opening
        // lines, unless a byline right above a line marks a story there.
        let from = if d.article.headline.is_empty() { 0 } else { 1 };
        for p in from..d.pieces.len() {
            // A story starts below a byline found inside the article, at a
            // dateline (`本报讯`) wherever the extraction put it, or as a
            // paragraph after a finished sentence.
            let after_byline = p > 0
                && d.inserts
                    .iter()
                    .any(|&l| d.pieces[p - 1].line < l && l < d.pieces[p].line);
            let starts = p == 0 || after_byline || d.pieces[p].text.starts_with("本报讯") || {
                let prev = &d.pieces[p - 1];
                !prev.heading && ends_complete(&prev.text)
            };
            let opening_kept = p >= 2 || p == 0 || after_byline;
            if !starts || !opening_kept || d.pieces[p].heading {
                continue;
            }
            let opening: String = d.pieces[p..]
                .iter()
                .take(4)
                .flat_map(|x| x.text.chars())
                .take(OPENING)
                .collect();
            let under_loose = p > 0
                && loose
                    .iter()
                    .any(|(l, ..)| d.pieces[p - 1].line < *l && *l < d.pieces[p].line);
            let n = stack::shared(head, &opening) + usize::from(under_loose);
            let enough = if after_byline {
                n >= 1
            } else {
                n >= 2 && n * 3 >= pairs
            };
            if enough && best.is_none_or(|(bn, _, _)| n > bn) {
                best = Some((n, k, p));
            }
        }
    }
    best.map(|(_, k, p)| (k, back_to_loose(&drafts[k], p, loose)))
}

/// How many lines above a paragraph holding a headline's words its story
/// may start under a loose byline.
const LOOSE_REACH: usize = 12;

/// The start of the story found at piece `p` of `d`: a few lines up, right
/// under a writer's byline left loose (another story's) with no dateline
/// between, when the headline's words are in its second paragraph, not its
/// first; else `p`.
fn back_to_loose(d: &Draft, p: usize, loose: &[(u32, Byline, String)]) -> usize {
    let under = |q: usize| {
        q > 0
            && loose
                .iter()
                .any(|(l, ..)| d.pieces[q - 1].line < *l && *l < d.pieces[q].line)
    };
    for q in (p.saturating_sub(LOOSE_REACH).max(1)..=p).rev() {
        if under(q) {
            return q;
        }
        if d.pieces[q].text.starts_with("本报讯") || d.pieces[q].heading {
            break;
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::super::{heads, parse};
    use crate::import::model::{account, input_chars};

    #[test]
    fn stacked_headers_each_get_their_story() {
        let text = "国家环保局调查组专家组联手调查\n徐州市地面水源污染事故再敲警钟\n张万年会见\n美前国防部长\n本报记者 李长云\n本报讯 记者从国家环保局获知，最近发生的徐州市水源污染事故原因基本查清。\n有关部门正在采取措施。\n本报讯 中央军委副主席张万年上将今天会见了美国前国防部长佩里。\n张万年表示，中美两军交往有了发展。\n";
        let p = parse(text);
        let heads = heads(&p);
        assert_eq!(
            heads,
            [
                ("张万年会见美前国防部长", None),
                (
                    "国家环保局调查组专家组联手调查",
                    Some("徐州市地面水源污染事故再敲警钟")
                ),
            ]
        );
        let body = |i: usize| p.articles[i].paragraphs.concat();
        assert!(body(0).starts_with("中央军委副主席张万年"), "{}", body(0));
        assert!(body(1).ends_with("有关部门正在采取措施。"), "{}", body(1));
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn a_subheadline_alone_goes_up_to_its_headline() {
        let text = "古城新貌\n\n春耕时节\n本报记者 王明\n田野里一片繁忙景象。\n——记一个县的变化\n本报记者 李华\n这个县十年间变了模样。\n";
        let p = parse(text);
        let a = p
            .articles
            .iter()
            .find(|a| a.headline == "古城新貌")
            .unwrap();
        assert_eq!(a.subheadline.as_deref(), Some("——记一个县的变化"));
        assert_eq!(a.byline.reporters, ["李华"]);
        assert!(a.paragraphs.concat().starts_with("这个县十年间"));
        assert!(p.articles.iter().all(|a| !a.headline.starts_with('—')));
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn a_story_starts_under_the_loose_byline_above_its_words() {
        // The headline's words are in the story's second paragraph; its
        // byline, left loose in another story, is above the first.
        let text = "湖区候鸟越冬\n\n大桥通车\n本报记者 王明\n本报讯 大桥今天通车，两岸群众欢欣鼓舞，\n纷纷赶来观看通车仪式。\n张华 ■记者\n今冬气温偏高，湖面不冻，\n引来大批鸟儿。\n十万只候鸟在湖区越冬，\n观鸟的游客络绎不绝。\n";
        let p = parse(text);
        let a = p
            .articles
            .iter()
            .find(|a| a.headline == "湖区候鸟越冬")
            .unwrap();
        assert_eq!(a.byline.reporters, ["张华"]);
        assert!(
            a.paragraphs.concat().starts_with("今冬气温偏高"),
            "{:?}",
            a.paragraphs
        );
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn the_byline_above_a_claimed_story_goes_with_it() {
        let text = "上海人会念服务经\n\n中南建交第一春\n\n本报记者 李新烽\n\n五彩缤纷的烟花映红了约翰内斯堡的夜空。\n\n本报记者 朱梦魁\n\n上海的出租车司机念起了服务经，乘客叫好。\n";
        let p = parse(text);
        let a: Vec<(&str, &[String])> = p
            .articles
            .iter()
            .map(|a| (a.headline.as_str(), a.byline.reporters.as_slice()))
            .collect();
        assert_eq!(
            a,
            [
                ("上海人会念服务经", &["朱梦魁".to_string()][..]),
                ("中南建交第一春", &["李新烽".to_string()][..]),
            ]
        );
        assert!(p.articles[0]
            .paragraphs
            .concat()
            .starts_with("上海的出租车司机"));
        assert_eq!(account(&p), input_chars(text));
    }
}
