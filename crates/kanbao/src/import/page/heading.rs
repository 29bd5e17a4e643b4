//! A heading group: its leading banners, then one article's kicker,
//! headline and subheadline.

use kanbao_bundle::ArticleKind;

use super::ctx::{Ctx, Unit};
use super::decks::{kicker_over_halves, split_sub};
use super::pieces::{add_piece, note_insert};
use crate::import::classify;
use crate::import::draft::Draft;
use crate::import::model::Unassigned;
use crate::import::stack;
use crate::import::text::{self, ends_complete};

/// Turns a group of title lines into banners and one article's kicker,
/// headline and subheadline.
pub(super) fn heading_group(ctx: &mut Ctx, group: &[Unit], at_end: bool, story: &str) {
    // Blocks: lines with no blank line between them.
    let mut blocks: Vec<Vec<&Unit>> = Vec::new();
    for u in group {
        match blocks.last_mut() {
            Some(b) if u.line.gap == 0 => b.push(u),
            _ => blocks.push(vec![u]),
        }
    }
    let min_level = group.iter().map(|u| u.line.level).filter(|&l| l > 0).min();
    let banner_lines = leading_banners(ctx, &mut blocks, min_level, at_end);
    if blocks.is_empty() {
        for l in banner_lines {
            note_insert(ctx, l);
        }
        return;
    }
    if let Some(c) = ctx.cur {
        ctx.drafts[c].closed = true;
    }
    ctx.stacked.clear();
    let first = blocks[0][0];
    let mut d = Draft::new(first.line.no);
    d.after_gap = first.line.gap >= 2;
    if ctx.ad_next {
        d.kind = Some(ArticleKind::Ad);
        ctx.ad_next = false;
    }
    if let Some((_, e)) = ctx.pending_editor.take() {
        d.article.byline.editors.push(e);
    }
    if min_level.is_none() && stack_off(ctx, &mut blocks) {
        d.line_start = blocks[0][0].line.no;
        d.after_gap = true;
    }
    let mut all: Vec<&Unit> = blocks.iter().flatten().copied().collect();
    if min_level.is_none() {
        if let Some(rest) = other_header_off(ctx, &all, story) {
            all = rest;
            blocks = vec![all.clone()];
            d.line_start = all[0].line.no;
        }
    }
    d.line_end = all.last().unwrap().line.no;
    let mut decks = split_decks(&blocks, &all, min_level);
    if let ([], [a], [b]) = (&decks.0[..], &decks.1[..], &decks.2[..]) {
        if min_level.is_none() && headline_of_its_own(a, b) {
            // `a` heads a story printed elsewhere; `b` heads what follows.
            push_apart(ctx, &[*a]);
            d.line_start = b.line.no;
            decks = (Vec::new(), vec![*b], Vec::new());
        }
    }
    let text = if d.kind == Some(ArticleKind::Ad) {
        Vec::new()
    } else {
        let s = split_sub(std::mem::take(&mut decks.2), ctx.col_len);
        for u in &s.before {
            // Other text the extraction set between headline and subheadline.
            ctx.note(u.line.no, "title line (not this header's)");
            ctx.unassigned.push(Unassigned {
                line: u.line.no,
                text: u.text.clone(),
            });
        }
        decks.2 = s.deck;
        s.text
    };
    let c = open_article(ctx, d, decks, at_end);
    for u in text {
        ctx.note(u.line.no, "body (full width, under the subheadline)");
        add_piece(ctx, c, u.line.no, &u.text, false);
    }
}

/// A group of title lines holding two headers: the lines that share words
/// with the story under the group head it, the others (before or after
/// them) head a story printed elsewhere and become an article of their
/// own. Of two lines only the second can be another's: a kicker over a
/// headline need share no word with the story, a subheadline under it
/// explains it in the story's words. Returns the story's header lines when
/// the group splits.
fn other_header_off<'u, 'a>(
    ctx: &mut Ctx,
    all: &[&'u Unit<'a>],
    story: &str,
) -> Option<Vec<&'u Unit<'a>>> {
    // Of two lines the second can be a headline under its kicker, which is
    // shorter (see [`two_decks`]).
    let pair_tail = all.len() == 2
        && stack::shared(&all[0].text, story) > 0
        && text::visible_len(&all[1].text) <= text::visible_len(&all[0].text);
    if (all.len() < 3 && !pair_tail) || story.is_empty() {
        return None;
    }
    let shares: Vec<bool> = all
        .iter()
        .map(|u| stack::shared(&u.text, story) > 0)
        .collect();
    // One run of sharing lines, at the start or at the end.
    let first = shares.iter().position(|&s| s)?;
    let last = shares.iter().rposition(|&s| s)?;
    if shares[first..=last].iter().any(|&s| !s) {
        return None;
    }
    let (other, own) = if first == 0 && last + 1 < all.len() {
        (&all[last + 1..], &all[..=last])
    } else if first > 0 && last + 1 == all.len() {
        (&all[..first], &all[first..])
    } else {
        return None;
    };
    let dash = |u: &Unit| u.text.starts_with(['—', '－', '-']);
    // The two lines either side of the cut: halves of one headline wrapped
    // in a narrow column are as long as each other.
    let (x, y) = if first == 0 {
        (own[own.len() - 1], other[0])
    } else {
        (other[other.len() - 1], own[0])
    };
    let (lx, ly) = (text::visible_len(&x.text), text::visible_len(&y.text));
    let halves = lx <= 8 && lx.abs_diff(ly) <= 1;
    // A kicker over the headline, a subheadline under it: one header.
    if halves
        || dash(own[0])
        || other.iter().any(|u| dash(u))
        || (first > 0 && other.len() == 1 && classify::is_kicker_like(&other[0].text))
        || other.len() > 3
    {
        return None;
    }
    push_apart(ctx, other);
    Some(own.to_vec())
}

/// The blocks above a headline wrapped in its own block
/// ([`wrapped_headline_block`]) taken off `blocks`, each heading a story
/// printed elsewhere and stacked for the bylines under the group; whether
/// there were any.
fn stack_off(ctx: &mut Ctx, blocks: &mut Vec<Vec<&Unit>>) -> bool {
    let Some(j) = wrapped_headline_block(blocks) else {
        return false;
    };
    for b in blocks.drain(..j).collect::<Vec<_>>() {
        let k = push_apart(ctx, &b);
        ctx.stacked.push(k);
    }
    true
}

/// On a page that sets its text blocks apart by blank lines, the last
/// block after the first that holds one headline wrapped in a narrow
/// column (two or more short lines of about one length, no dash, no
/// kicker's wording above it): where the story's own header starts. A
/// kicker or subheadline shares its headline's block or opens with a dash.
fn wrapped_headline_block(blocks: &[Vec<&Unit>]) -> Option<usize> {
    let halves = |b: &Vec<&Unit>| {
        let lens: Vec<usize> = b.iter().map(|u| text::visible_len(&u.text)).collect();
        let (lo, hi) = (lens.iter().min()?, lens.iter().max()?);
        let dash = b.iter().any(|u| u.text.starts_with(['—', '－', '-']));
        (b.len() >= 2 && *hi <= 8 && hi - lo <= 2 && !dash).then_some(())
    };
    let j = (1..blocks.len())
        .rev()
        .find(|&j| halves(&blocks[j]).is_some())?;
    let kicker_above = classify::is_kicker_like(&blocks[j - 1].last()?.text);
    (!kicker_above).then_some(j)
}

/// A header whose story is printed elsewhere on the page: an article of its
/// own, headline only, for [`super::orphans`] to give its text.
fn push_apart(ctx: &mut Ctx, lines: &[&Unit]) -> usize {
    for u in lines {
        ctx.note(u.line.no, "headline (story elsewhere)");
    }
    let mut d = Draft::new(lines[0].line.no);
    d.closed = true;
    d.line_end = lines[lines.len() - 1].line.no;
    d.article.headline = join_titles(lines, ctx.wrapped);
    ctx.push_draft(d)
}

/// A line under a headline that is a headline of its own, not its
/// subheadline: a subheadline without a dash explains the headline at
/// least at its length (`三塚被迫提交辞呈` / `桥本兼任大藏大臣`); a shorter
/// title line under a headline (`上海人会念服务经` / `中南建交第一春`) is the
/// next story's, the first one's story printed elsewhere on the page.
fn headline_of_its_own(a: &Unit, b: &Unit) -> bool {
    let (la, lb) = (text::visible_len(&a.text), text::visible_len(&b.text));
    let opener = |u: &Unit| {
        u.text
            .starts_with(['—', '－', '-', '（', '(', '《', '“', '"'])
    };
    !opener(b)
        && !classify::is_kicker_like(&a.text)
        && !classify::is_banner_style(&a.text)
        && !classify::is_banner_style(&b.text)
        && (lb < 8 || lb + 1 < la)
}

/// Takes the leading banners and labels off `blocks`, each a closed banner
/// draft; returns their first lines.
fn leading_banners(
    ctx: &mut Ctx,
    blocks: &mut Vec<Vec<&Unit>>,
    min_level: Option<u8>,
    at_end: bool,
) -> Vec<u32> {
    let wrapped = ctx.wrapped;
    let mut banner_lines = Vec::new();
    while !blocks.is_empty() {
        // A slogan set right over a headline is a banner of its own.
        if blocks[0].len() >= 2
            && classify::is_slogan(&blocks[0][0].text)
            && !classify::is_banner_style(&blocks[0][1].text)
            && min_level.is_none_or(|m| blocks[0][0].line.level != m)
        {
            let rest = blocks[0].split_off(1);
            blocks.insert(1, rest);
        }
        let b = &blocks[0];
        let first = b[0];
        let ad_header = b
            .iter()
            .all(|u| classify::is_ad_header(&u.text) || classify::is_banner_style(&u.text))
            && b.iter().any(|u| classify::is_ad_header(&u.text));
        let by_level = match min_level {
            Some(m) => {
                first.line.level >= m + 2
                    || (first.line.level >= 4 && m < first.line.level)
                    || other_size_above(b, blocks.get(1), m)
            }
            None => false,
        };
        let styled = min_level.is_none()
            && b.iter().all(|u| classify::is_banner_style(&u.text))
            && !classify::is_kicker_like(&first.text);
        let more = blocks.len() >= 2;
        let lone_banner = blocks.len() == 1 && at_end && styled;
        if !(ad_header || (more && (by_level || styled)) || lone_banner) {
            break;
        }
        let b = blocks.remove(0);
        for u in &b {
            ctx.note(u.line.no, "banner");
        }
        let mut d = Draft::new(first.line.no);
        d.kind = Some(ArticleKind::Banner);
        d.closed = true;
        d.has_byline = true;
        d.line_end = b.last().unwrap().line.no;
        d.article.headline = join_titles(&b, wrapped);
        banner_lines.push(first.line.no);
        ctx.push_draft(d);
        if ad_header {
            ctx.ad_next = true;
        }
    }
    banner_lines
}

/// A marked line over another marked line of a different size, neither the
/// headline: a kicker is set in one size right over its headline, so the
/// upper one is a banner across the page (`### 高举…旗帜` over `###### 捍卫
/// 知识产权各地联手` over `## 防盗…`).
fn other_size_above(b: &[&Unit], next: Option<&Vec<&Unit>>, headline: u8) -> bool {
    let (level, below) = match (b.last(), next.and_then(|n| n.first())) {
        (Some(u), Some(n)) => (u.line.level, n.line.level),
        _ => return false,
    };
    level > 0 && below > 0 && level != below && level != headline && below != headline
}

/// The heading's lines (`all`, in `blocks`) as kicker, headline and
/// subheadline: by marked level when there is one, else by shape.
fn split_decks<'u, 'a>(
    blocks: &[Vec<&'u Unit<'a>>],
    all: &[&'u Unit<'a>],
    min_level: Option<u8>,
) -> Decks<'u, 'a> {
    if let Some(m) = min_level {
        let h = all.iter().position(|u| u.line.level == m).unwrap();
        // Lines right under the headline with the same level continue it.
        let mut e = h + 1;
        while e < all.len() && all[e].line.level == m && all[e].line.gap == 0 {
            e += 1;
        }
        (all[..h].to_vec(), all[h..e].to_vec(), all[e..].to_vec())
    } else {
        let dash = |u: &&Unit| u.text.starts_with(['—', '－']) || u.text.starts_with("--");
        let b0 = &blocks[0];
        if b0.len() >= 2 && classify::is_kicker_like(&b0[0].text) {
            let rest: Vec<&Unit> = blocks[1..].iter().flatten().copied().collect();
            (vec![b0[0]], b0[1..].to_vec(), rest)
        } else if blocks.len() >= 2
            && b0.len() == 1
            && classify::is_kicker_like(&b0[0].text)
            && !dash(&blocks[1][0])
        {
            let rest: Vec<&Unit> = blocks[2..].iter().flatten().copied().collect();
            (b0.clone(), blocks[1].clone(), rest)
        } else if let Some(k) = kicker_over_halves(b0) {
            let rest: Vec<&Unit> = blocks[1..].iter().flatten().copied().collect();
            (b0[..k].to_vec(), b0[k..].to_vec(), rest)
        } else if let Some(split) = two_decks(blocks) {
            split
        } else {
            // Lines of the first block form the headline, unless one starts with a dash.
            let h: Vec<&Unit> = b0.iter().take_while(|u| !dash(u)).copied().collect();
            let h = if h.is_empty() { vec![b0[0]] } else { h };
            let rest: Vec<&Unit> = all[h.len()..].to_vec();
            (Vec::new(), h, rest)
        }
    }
}

/// Gives draft `d` its kicker, headline and subheadline and makes it the
/// open article; an ad's subheadline lines are its text.
fn open_article(ctx: &mut Ctx, mut d: Draft, (kicker, head, sub): Decks, at_end: bool) -> usize {
    let wrapped = ctx.wrapped;
    for u in &kicker {
        ctx.note(u.line.no, "kicker");
    }
    for u in &head {
        ctx.note(u.line.no, "headline");
    }
    for u in &sub {
        ctx.note(u.line.no, "subheadline");
    }
    if !kicker.is_empty() {
        d.article.kicker = Some(join_titles(&kicker, wrapped));
    }
    d.article.headline = join_titles(&head, wrapped);
    let is_ad = d.kind == Some(ArticleKind::Ad);
    if !sub.is_empty() && !is_ad {
        d.article.subheadline = Some(join_titles(&sub, wrapped));
    }
    // At the page's foot with nothing under it, phrases of words alone
    // set apart by a space are a slogan, however long.
    let phrases = head.iter().all(|u| {
        let segs: Vec<&str> = u.text.split_whitespace().collect();
        segs.len() >= 2 && segs.iter().all(|s| s.chars().all(text::is_han))
    });
    if at_end
        && d.kind.is_none()
        && (classify::is_banner_style(&d.article.headline) || phrases)
        && sub.is_empty()
    {
        d.kind = Some(ArticleKind::Banner);
    }
    let c = ctx.push_draft(d);
    ctx.cur = Some(c);
    if is_ad {
        // An ad's smaller lines (sponsor, address) are its text.
        for u in sub {
            add_piece(ctx, c, u.line.no, &u.text, false);
        }
    }
    c
}

/// Two long title lines in one block, neither a wrap of the other: two decks of one
/// header, not a headline broken in two (a headline wraps in its column,
/// into short lines). A shorter first deck, by even one character, is the
/// kicker over the headline (a kicker is set smaller, a headline fills its
/// measure); decks of one width are the headline and its subheadline.
type Decks<'u, 'a> = (Vec<&'u Unit<'a>>, Vec<&'u Unit<'a>>, Vec<&'u Unit<'a>>);
fn two_decks<'u, 'a>(blocks: &[Vec<&'u Unit<'a>>]) -> Option<Decks<'u, 'a>> {
    let [block] = blocks else { return None };
    let [a, b] = block.as_slice() else {
        return None;
    };
    let (la, lb) = (text::visible_len(&a.text), text::visible_len(&b.text));
    let single = |u: &Unit| u.text.split_whitespace().count() == 1;
    let deck = |u: &Unit| single(u) && !ends_complete(&u.text);
    if la < 8 || lb < 8 || !deck(a) || !deck(b) || b.text.starts_with(['—', '－']) {
        return None;
    }
    if la < lb {
        Some((vec![*a], vec![*b], Vec::new()))
    } else {
        Some((Vec::new(), vec![*a], vec![*b]))
    }
}

fn join_titles(ls: &[&Unit], wrapped: bool) -> String {
    let parts: Vec<String> = ls
        .iter()
        .map(|u| text::repair_headline(&u.text, wrapped))
        .collect();
    let sep = if parts.iter().any(|p| p.contains(' ')) {
        " "
    } else {
        ""
    };
    parts.join(sep)
}

#[cfg(test)]
mod tests {
    use super::super::{heads, parse};
    use crate::import::model::{account, input_chars};

    #[test]
    fn two_long_decks_are_headline_and_subheadline_or_kicker_and_headline() {
        let p = parse("联合国三委谴责现行国际制裁\n朝党报发表评论支持三委声明\n本报记者 王嘉廉\n朝鲜劳动党中央机关报今天发表评论。\n");
        let a = &p.articles[0];
        assert_eq!(a.headline, "联合国三委谴责现行国际制裁");
        assert_eq!(a.subheadline.as_deref(), Some("朝党报发表评论支持三委声明"));
        let p = parse("农科院肩负科教兴农使命\n九五期间力争取得重大成果一百项\n本报记者 陶秀\n作为全国农业科学研究的国家队，中国农科院奋勇争先。\n");
        let a = &p.articles[0];
        assert_eq!(a.kicker.as_deref(), Some("农科院肩负科教兴农使命"));
        assert_eq!(a.headline, "九五期间力争取得重大成果一百项");
    }

    #[test]
    fn a_second_line_sharing_no_word_with_the_story_is_another_headline() {
        let text = "市长走访慰问困难职工\n\n西湖灯会今晚游人如织\n\n■记者 王明\n\n本报讯 春节前夕，市长来到困难职工家中走访慰问，送上慰问金。\n\n本报讯 灯会今晚开幕，西湖边游人如织，彩灯映红湖面。\n";
        let p = parse(text);
        let heads: Vec<&str> = p.articles.iter().map(|a| a.headline.as_str()).collect();
        assert!(heads.contains(&"市长走访慰问困难职工"), "{heads:?}");
        assert!(heads.contains(&"西湖灯会今晚游人如织"), "{heads:?}");
        assert!(p.articles.iter().all(|a| a.subheadline.is_none()));
        assert_eq!(account(&p), input_chars(text));
        // A subheadline in the story's words stays the header's.
        let p = parse("市长走访慰问困难职工\n\n送上慰问金和新春年货\n\n■记者 王明\n\n本报讯 春节前夕，市长来到困难职工家中，送上慰问金和新春年货。\n");
        assert_eq!(
            p.articles[0].subheadline.as_deref(),
            Some("送上慰问金和新春年货")
        );
    }

    #[test]
    fn a_marked_line_of_another_size_over_the_kicker_is_a_banner() {
        let p = parse("### **高举伟大旗帜 把事业全面推向二十一世纪**\n\n###### 捍卫知识产权各地联手\n## **防盗我国将建反盗版联盟**\n\n记者从正在召开的全国版权局长会议上获悉，今年将严厉打击盗版。\n\n#### **科教兴市 人才强市**\n### **云南30支工作队赴农村**\n\n■记者 李学江\n\n本报讯 云南省的工作队开赴各地农村。\n");
        let a = p
            .articles
            .iter()
            .find(|a| a.headline == "防盗我国将建反盗版联盟")
            .unwrap();
        assert_eq!(a.kicker.as_deref(), Some("捍卫知识产权各地联手"));
        let b = p
            .articles
            .iter()
            .find(|a| a.headline == "云南30支工作队赴农村")
            .unwrap();
        assert_eq!(b.kicker, None);
        let banners = p
            .articles
            .iter()
            .filter(|a| a.kind == kanbao_bundle::ArticleKind::Banner);
        assert_eq!(banners.count(), 2);
    }

    #[test]
    fn a_headline_wrapped_in_its_own_block_heads_the_story_under_it() {
        // Blocks set apart by blank lines, lines of a block together.
        let text = "冬季长跑开赛\n\n全市举办迎春\n书画展览活动\n\n■本报评论员\n\n■记者 王明\n\n本报讯 全市迎春书画展览今天在市文化馆开幕，展出作品三百余件。\n\n展览将持续到正月十五。\n\n市民可免费参观。\n\n展厅每天开放八小时。\n";
        let p = parse(text);
        let heads: Vec<&str> = p.articles.iter().map(|a| a.headline.as_str()).collect();
        assert!(heads.contains(&"冬季长跑开赛"), "{heads:?}");
        let a = p
            .articles
            .iter()
            .find(|a| a.headline == "全市举办迎春书画展览活动")
            .unwrap();
        assert_eq!(a.subheadline, None);
        // Bylines in turn under the stack sign its headers in order.
        assert_eq!(a.byline.reporters, ["王明"]);
        let b = p
            .articles
            .iter()
            .find(|a| a.headline == "冬季长跑开赛")
            .unwrap();
        assert_eq!(b.byline.commentators, ["本报评论员"]);
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn a_shorter_title_under_a_headline_heads_the_next_story() {
        let p = parse("上海人会念服务经\n\n中南建交第一春\n\n本报记者 李新烽\n\n五彩缤纷的烟花映红了约翰内斯堡的夜空，它们时而像信号弹飞旋。\n");
        let heads = heads(&p);
        assert_eq!(
            heads,
            [("上海人会念服务经", None), ("中南建交第一春", None)]
        );
        assert_eq!(p.articles[1].byline.reporters, ["李新烽"]);
        // A subheadline as long as its headline stays one.
        let p = parse("三塚被迫提交辞呈\n\n桥本兼任大藏大臣\n\n本报记者 于青\n\n日本大藏大臣三塚博今天提交辞呈。\n");
        assert_eq!(p.articles.len(), 1);
        assert_eq!(
            p.articles[0].subheadline.as_deref(),
            Some("桥本兼任大藏大臣")
        );
    }
}
