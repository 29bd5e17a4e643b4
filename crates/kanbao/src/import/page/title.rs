//! A title line in the walk: the heading group it starts ([`super::heading`]),
//! or running text by what comes before it (a cut sentence, the first line
//! under a byline, a short line continuing a paragraph, a section heading).

use super::ctx::{writes, Ctx, Unit};
use super::heading::heading_group;
use super::justify;
use super::lines::column_len;
use super::pieces::add_piece;
use crate::import::classify::{self, Class};
use crate::import::text::{self, ends_complete};

/// Decides what a title line at `i` is and returns the next unit to read.
pub(super) fn title(ctx: &mut Ctx, units: &[Unit], i: usize) -> usize {
    let u = &units[i];
    let end = group_end(units, i);
    let in_body = ctx.open().is_some_and(|d| !d.in_header() && !d.closed);
    // On a page whose converter marked headings, an unmarked line just above
    // a marked one is the end of a column, not part of that heading.
    let end = if in_body && u.line.level == 0 && units.get(i + 1).is_some_and(|n| n.line.level > 0)
    {
        i + 1
    } else {
        end
    };
    if in_body && (section_in_story(ctx, units, i, end) || roundup_section(ctx, units, i, end)) {
        return as_text(ctx, units, i, "section heading (the column runs on)", true);
    }
    let boxed = in_body && ad_box(ctx, units, i);
    if boxed {
        ctx.note(u.line.no, "ad (contact lines under it)");
        ctx.ad_next = true;
    }
    let starts = !in_body || boxed || starts_by_context(ctx, units, i, end);
    // Else, by the widths of the lines: the run may end in the story's
    // first lines, read as its text below.
    let by_width = (!starts)
        .then(|| headline_by_width(ctx, units, i, end))
        .flatten();
    let group_end = end;
    // An ad's box: its first line heads it, the rest is its text.
    let end = if boxed {
        i + 1
    } else {
        by_width.unwrap_or(end)
    };
    if let Some(why) = text_by_what_is_above(ctx, units, i, end, starts || by_width.is_some()) {
        let heading = why == "section heading";
        return as_text(ctx, units, i, why, heading);
    }
    let story = story_under(units, end);
    // Nothing but staff credits under it: the page's last line of type.
    let at_end = units[end..]
        .iter()
        .all(|n| matches!(n.class, Class::Credit));
    heading_group(ctx, &units[i..end], at_end, &story);
    if let Some(c) = ctx.cur.filter(|_| end < group_end) {
        for u in &units[end..group_end] {
            ctx.note(u.line.no, "body (under the heading's first lines)");
            add_piece(ctx, c, u.line.no, &u.text, false);
        }
    }
    group_end
}

/// The title line at `i` read as the open article's text (a heading in it
/// when `heading`), noted `why`; the next unit to read.
fn as_text(ctx: &mut Ctx, units: &[Unit], i: usize, why: &str, heading: bool) -> usize {
    let u = &units[i];
    let d = ctx.cur.expect("an open article");
    ctx.note(u.line.no, why);
    add_piece(ctx, d, u.line.no, &u.text, heading);
    i + 1
}

/// Why the title line at `i` (its group ending at `end`) is the open
/// article's text after all, if it is: it carries on what is above it, it
/// is the first line under a header, or nothing says it starts an article
/// (`starts`), when it is a section heading or a short line of a paragraph.
fn text_by_what_is_above(
    ctx: &Ctx,
    units: &[Unit],
    i: usize,
    end: usize,
    starts: bool,
) -> Option<&'static str> {
    let u = &units[i];
    // Right under a headline with nothing between: the first body piece,
    // unless something marks it as a heading of its own.
    let header_open = ctx.open().is_some_and(|d| {
        d.in_header() && !d.closed && d.kind.is_none() && !d.article.headline.is_empty()
    });
    if let Some(why) = runs_on(ctx, units, i, header_open) {
        return Some(why);
    }
    if header_open && u.line.level == 0 && u.line.gap < 2 && end == i + 1 {
        let next_byline = matches!(
            units.get(end).map(|n| &n.class),
            Some(Class::Byline(_) | Class::Names(_))
        );
        if !next_byline && !classify::is_banner_style(&u.text) {
            return Some("body (short first line)");
        }
    }
    if starts {
        return None;
    }
    let last_complete = ctx
        .open()
        .and_then(|d| d.pieces.last())
        .is_none_or(|p| ends_complete(&p.text));
    if end == i + 1 && last_complete && classify::is_section_heading(&u.text) {
        Some("section heading")
    } else {
        Some("body (short line, continues a paragraph)")
    }
}

/// A box's contact lines a few lines down (`报名地址：…`, `电话：…`) under
/// a finished paragraph, the line at `i` without clause marks: an ad's box
/// starts, its first line the ad's head.
fn ad_box(ctx: &Ctx, units: &[Unit], i: usize) -> bool {
    let done = ctx
        .open()
        .and_then(|d| d.pieces.last())
        .is_some_and(|p| ends_complete(&p.text));
    done && !units[i].text.contains(['，', ',', '、', '；']) && contact_under(&units[i + 1..])
}

/// Whether the title lines `i..end`, inside a story's text, start a new
/// article by what is around them: marked levels, a byline or dateline
/// under them, a staff credit above, a break, a photo's credit, a banner,
/// parallel phrases, a finished paragraph above ([`headline_after_paragraph`]).
fn starts_by_context(ctx: &Ctx, units: &[Unit], i: usize, end: usize) -> bool {
    let u = &units[i];
    let next = units.get(end);
    let levels = units[i..end].iter().any(|x| x.line.level > 0);
    let next_byline = matches!(
        next.map(|n| &n.class),
        Some(Class::Byline(_) | Class::Names(_))
    ) || next.is_some_and(|n| n.text.starts_with("本报讯"));
    // A caption's headline, its line of text and its credit; not a line
    // carrying on a sentence cut at a comma.
    let cut_at_clause = ctx
        .open()
        .and_then(|d| d.pieces.last())
        .is_some_and(|p| p.text.trim_end().ends_with(['，', '、', ',']));
    let photo = !cut_at_clause
        && matches!(next.map(|n| &n.class), Some(Class::Body))
        && (units.get(end + 1).is_some_and(|n| match &n.class {
            Class::Byline(b) => !b.byline.photographers.is_empty(),
            _ => false,
        }) || (prev_done_at(ctx) && caption_credit_within(&units[end..])));
    let banner = classify::is_ad_header(&u.text)
        || (classify::is_banner_style(&u.text) && u.text.split_whitespace().count() >= 3);
    // Parallel phrases set apart by a space, after a finished paragraph,
    // on a page without wrap spaces: a headline with no byline above it.
    let prev_done = ctx
        .open()
        .and_then(|d| d.pieces.last())
        .is_none_or(|p| ends_complete(&p.text));
    let parallel = !ctx.wrapped
        && prev_done
        && end == i + 1
        && u.text.split_whitespace().count() == 2
        && u.text.split_whitespace().all(|s| text::visible_len(s) >= 4)
        && !u.text.contains(['，', ',']);
    // A staff credit closes a block of the page: a title under it
    // starts what comes next.
    let after_credit = i > 0 && matches!(units[i - 1].class, Class::Credit);
    levels
        || next_byline
        || after_credit
        || next.is_none()
        || u.line.gap >= 2
        || photo
        || banner
        || parallel
        || headline_after_paragraph(ctx, units, i, end)
}

/// The open article's text so far ends a sentence.
fn prev_done_at(ctx: &Ctx) -> bool {
    ctx.open()
        .and_then(|d| d.pieces.last())
        .is_some_and(|p| ends_complete(&p.text))
}

/// A caption's closing credit in brackets (`（张三 摄）`, `(新华社记者
/// 李四摄)`) ends one of the first three lines of `units`, or the next line
/// when the column wrapped it (`…（杨` / `国林 摄）`): a photo's caption.
fn caption_credit_within(units: &[Unit]) -> bool {
    let compact = |u: &Unit| {
        u.text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
    };
    let lines: Vec<String> = units.iter().take(4).map(compact).collect();
    (0..lines.len().min(3)).any(|k| {
        let mut t = lines[k].clone();
        if !t.ends_with(['）', ')']) {
            match lines.get(k + 1) {
                Some(n) if n.chars().count() <= 8 => t.push_str(n),
                _ => return false,
            }
        }
        let inner = t.trim_end_matches(['）', ')']);
        let open = inner
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, '（' | '('));
        open.is_some_and(|(o, c)| {
            let credit = &inner[o + c.len_utf8()..];
            credit.ends_with('摄') && (3..=14).contains(&credit.chars().count())
        })
    })
}

/// One of the first lines of `units` is a box's contact line: an address,
/// telephone, hotline or fax label near its start, then a colon.
fn contact_under(units: &[Unit]) -> bool {
    const LABELS: [&str; 5] = ["地址", "电话", "热线", "传真", "联系人"];
    units.iter().take(4).any(|u| {
        let t: String = u
            .text
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(8)
            .collect();
        t.find(['：', ':'])
            .is_some_and(|p| LABELS.iter().any(|l| t[..p].ends_with(l)))
    })
}

/// The opening of the story under a header group ending at `end`, for the
/// words it shares with the group's lines: its text lines, short ones too
/// (a narrow column's first lines look like titles), up to the next dateline.
fn story_under(units: &[Unit], end: usize) -> String {
    units[end..]
        .iter()
        .take(8)
        .filter(|u| matches!(u.class, Class::Body | Class::Title))
        .enumerate()
        .take_while(|(k, u)| *k == 0 || !u.text.starts_with("本报讯"))
        .flat_map(|(_, u)| u.text.chars())
        .take(150)
        .collect()
}

/// The extent of a heading group starting at `i`: consecutive title lines.
fn group_end(units: &[Unit], i: usize) -> usize {
    let mut j = i + 1;
    while j < units.len() && matches!(units[j].class, Class::Title) && units[j].line.gap <= 1 {
        // Under a marked heading, an unmarked line followed by running text
        // (not a byline or `本报讯`) is that text's first piece.
        let marked_above = units[j - 1].line.level > 0 && units[j].line.level == 0;
        let then_body = units.get(j + 1).is_some_and(|n| {
            matches!(n.class, Class::Body | Class::Title) && !n.text.starts_with("本报讯")
        });
        if marked_above && then_body && !ends_complete(&units[j].text) && units[j].line.gap >= 1 {
            break;
        }
        j += 1;
    }
    j
}

/// Whether the title line at `i` is running text by what comes before it,
/// and why (for `--explain`).
fn runs_on(ctx: &Ctx, units: &[Unit], i: usize, header_open: bool) -> Option<&'static str> {
    let u = &units[i];
    if u.line.level > 0 || u.line.bold {
        return None;
    }
    // Headlines carry no clause commas: such a line after a story cut
    // mid-sentence (a column break, whatever blank lines the extraction put
    // there) carries that sentence on.
    let cut = ctx.open().is_some_and(|d| {
        !d.closed
            && d.kind.is_none()
            && d.pieces
                .last()
                .is_some_and(|p| !p.heading && !ends_complete(&p.text))
    });
    if cut && clause_inside(&u.text) {
        return Some("body (carries a cut sentence on)");
    }
    // Under a headline and its byline, the story starts: a printed header
    // has nothing between the byline and the first paragraph, however short
    // the column makes that paragraph's lines.
    let after_byline = header_open
        && ctx
            .open()
            .is_some_and(|d| d.has_byline && writes(&d.article.byline));
    let next_byline = matches!(
        units.get(i + 1).map(|n| &n.class),
        Some(Class::Byline(_) | Class::Names(_))
    );
    (after_byline && u.line.gap < 2 && !next_byline && !classify::is_banner_style(&u.text))
        .then_some("body (first line under the byline)")
}

/// A clause mark (`，`, `、`, `；`) before the end of a line: running text.
fn clause_inside(t: &str) -> bool {
    let t = t.trim_end();
    let last = t.char_indices().last().map_or(0, |(i, _)| i);
    t[..last].contains(['，', '、', '；', ','])
}

/// Title lines after a finished paragraph, followed by full-width running
/// text: a new article's headline, not a heading inside the old one. The
/// lines are shorter than the column around them (whose usual length the
/// nearby body lines give) and carry no clause commas; a run of two is
/// evidence enough, one line needs a full line after it (a paragraph's
/// first line, indented or not).
fn headline_after_paragraph(ctx: &Ctx, units: &[Unit], i: usize, end: usize) -> bool {
    let prev_done = ctx
        .open()
        .and_then(|d| d.pieces.last())
        .is_some_and(|p| ends_complete(&p.text));
    // Only where the extraction kept no blank line to say it.
    if !prev_done || units[i].line.gap > 0 {
        return false;
    }
    let near = &units[i.saturating_sub(20)..(end + 20).min(units.len())];
    let col = match column_len(near) {
        0 => ctx.col_len,
        n => n,
    };
    if col == 0 {
        return false;
    }
    let group = &units[i..end];
    // A title may end on a closing mark (`住房：《让老师满意》`), not on a
    // sentence's end.
    let title = |u: &Unit| {
        text::visible_len(&u.text) + 3 <= col
            && !u.text.contains(['，', ',', '、', '；'])
            && !text::ends_sentence(&u.text)
            && !u.text.starts_with(['（', '('])
    };
    if !group.iter().all(title) {
        return false;
    }
    let next_full = units
        .get(end)
        .is_some_and(|n| matches!(n.class, Class::Body) && text::visible_len(&n.text) + 3 >= col);
    if group.len() >= 2 {
        return next_full || units.get(end).is_none();
    }
    next_full && !classify::is_section_heading(&group[0].text)
}

/// A short title line alone after a finished paragraph of a story signed
/// by its writers, the running text under it set in the same column as
/// the text above (no byline, no dateline of its own): a section heading
/// inside that story, not a new story's headline.
fn section_in_story(ctx: &Ctx, units: &[Unit], i: usize, end: usize) -> bool {
    let Some(d) = ctx.open() else { return false };
    let u = &units[i];
    let signed = d.kind.is_none() && writes(&d.article.byline) && !d.closed;
    let prev_done = d.pieces.last().is_some_and(|p| ends_complete(&p.text));
    let short = text::visible_len(&u.text) <= 8 && u.text.split_whitespace().count() == 1;
    // A roundup's parts each come with a dateline ([`roundup_section`]):
    // an undated one after them is another story.
    let roundup = d
        .pieces
        .windows(2)
        .any(|w| w[0].heading && dated(&w[1].text));
    if !(signed && prev_done && short && end == i + 1 && u.line.gap <= 1 && u.line.level == 0)
        || roundup
    {
        return false;
    }
    let running = |n: &&Unit| matches!(n.class, Class::Body | Class::Title) && n.line.gap <= 1;
    let after: Vec<&Unit> = units[end..].iter().take(12).take_while(running).collect();
    if after.len() < 3 || after[0].text.starts_with("本报") || after[0].text.starts_with("新华社")
    {
        return false;
    }
    let above = d.pieces.iter().rev().take(12).filter(|p| !p.heading);
    let before = justify::column_width(above.map(|p| p.text.as_str()));
    let under = justify::column_width(after.iter().map(|n| n.text.as_str()));
    before.zip(under).is_some_and(|(a, b)| a.abs_diff(b) <= 1)
}

/// A short line (a country's or a city's name, `某国`) alone after a
/// finished paragraph, over a paragraph with its own dateline that goes on
/// with the open story's subject (its opening holds two of the story's
/// headline's word pairs): a section of a roundup, each part sent with its
/// dateline, not the headline of a brief, which has a subject of its own.
fn roundup_section(ctx: &Ctx, units: &[Unit], i: usize, end: usize) -> bool {
    let Some(d) = ctx.open() else { return false };
    let u = &units[i];
    let prev_done = d.pieces.last().is_some_and(|p| ends_complete(&p.text));
    let short = text::visible_len(&u.text) <= 6 && u.text.split_whitespace().count() == 1;
    if !(d.kind.is_none() && prev_done && short && end == i + 1 && u.line.level == 0) {
        return false;
    }
    let opening: String = units[end..]
        .iter()
        .take(3)
        .map(|n| n.text.as_str())
        .collect();
    units.get(end).is_some_and(|n| dated(&n.text))
        && crate::import::stack::shared(&d.article.headline, &opening) >= 2
}

/// A paragraph that opens with a dateline (`本报讯`, `新华社…电`).
fn dated(t: &str) -> bool {
    t.starts_with("本报讯") || t.starts_with("新华社")
}

/// Title lines after a finished paragraph (or an ad's last line) that fit
/// neither as its next paragraph's first lines nor inside one, by the width
/// of the column of running text under them ([`justify`]): the headline of
/// what follows. Returns where the heading ends (the rest of the run being
/// the story's first lines).
fn headline_by_width(ctx: &Ctx, units: &[Unit], i: usize, end: usize) -> Option<usize> {
    let d = ctx.open()?;
    let is_ad = d.kind == Some(kanbao_bundle::ArticleKind::Ad);
    let prev_done = d.pieces.last().is_some_and(|p| ends_complete(&p.text));
    // A box of ragged lines with no sentence in it (an address, a phone
    // number) ends where its lines end; running text fills its column.
    let width = |p: &crate::import::draft::Piece| crate::import::wrap::print_width(&p.text);
    let prose = d.pieces.len() < 3
        || d.pieces.windows(2).any(|w| width(&w[0]) == width(&w[1]))
        || d.pieces
            .iter()
            .any(|p| p.text.contains(['，', '。', ',', '、', '；']));
    if !(prev_done || is_ad || !prose) || units[i].line.gap > 1 || end - i > 6 {
        return None;
    }
    let group = &units[i..end];
    let title = |u: &Unit| {
        u.line.level == 0
            && !u.text.contains(['，', ',', '、', '；'])
            && !text::ends_sentence(&u.text)
            && !u.text.starts_with(['（', '('])
            // A dash cut at the line's end runs on (`…重视—` / `——要求…`).
            && !u.text.trim_end().ends_with(['—', '－', '-'])
    };
    let next = units.get(end)?;
    let running = |u: &&Unit| matches!(u.class, Class::Body | Class::Title) && u.line.gap <= 1;
    let story = || units[end..].iter().take(12).take_while(running);
    let dash = next.text.starts_with(['—', '－']);
    if !group.iter().all(title) || dash || story().count() < 3 {
        return None;
    }
    let col = justify::column_width(story().map(|u| u.text.as_str()))?;
    let widths: Vec<justify::Measure> = group.iter().map(|u| justify::measure(&u.text)).collect();
    let next_w = (!ends_complete(&next.text)).then(|| justify::measure(&next.text));
    // Lines that read as a paragraph's start in the column above are its
    // text, whatever the lines under them (another story's) say.
    let above = d.pieces.iter().rev().take(12).filter(|p| !p.heading);
    let before = justify::column_width(above.map(|p| p.text.as_str()));
    if before.is_some_and(|cb| justify::reads_as_start(&widths, next_w, cb)) {
        return None;
    }
    justify::heading_lines(&widths, next_w, col).map(|s| i + s)
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use crate::import::model::{account, input_chars};
    use kanbao_bundle::ArticleKind;

    #[test]
    fn the_line_under_a_byline_starts_the_story() {
        // A narrow column: the story's first line looks like a title.
        let p = parse("中南建交第一春\n本报记者 李新烽\n五彩缤纷的烟花映红了约翰内\n斯堡的夜空，它们时而像信号弹飞\n旋，时而似天女散花。\n");
        assert_eq!(p.articles.len(), 1);
        let a = &p.articles[0];
        assert_eq!(a.headline, "中南建交第一春");
        assert_eq!(a.byline.reporters, ["李新烽"]);
        assert!(a.paragraphs[0].starts_with("五彩缤纷"));
    }

    /// A signed story in a column `top` (its lines), then a short line and
    /// a paragraph set twelve characters wide.
    fn story_then_short_line(top: &[&str]) -> String {
        let mut t = String::from("春节市场供应充足\n本报记者 王明\n");
        for l in top {
            t.push_str(l);
            t.push('\n');
        }
        t + "公园灯会开幕\n今晚全市各大公园的灯\n会同时开幕，吸引了大批市\n民前来观赏，现场人头攒动\n热闹非凡，直到深夜才渐渐\n散去。\n"
    }

    #[test]
    fn a_line_narrower_than_the_column_under_it_heads_a_story() {
        // The story above is set fourteen characters wide.
        let text = story_then_short_line(&[
            "春节将至，本市各大商场货源充",
            "足，品种丰富，价格也十分稳定",
            "，市民们采购年货都感到十分方",
            "便，满意而归。",
        ]);
        let p = parse(&text);
        let heads: Vec<&str> = p.articles.iter().map(|a| a.headline.as_str()).collect();
        assert_eq!(heads, ["春节市场供应充足", "公园灯会开幕"]);
        assert!(p.articles[1].paragraphs[0].starts_with("今晚全市"));
        assert_eq!(account(&p), input_chars(&text));
    }

    #[test]
    fn a_short_line_in_a_signed_storys_own_column_is_a_section_heading() {
        let text = story_then_short_line(&[
            "春节将至，本市各大商场货",
            "源充足，品种丰富，价格也",
            "十分稳定，市民采购年货都",
            "感到方便。",
        ]);
        let p = parse(&text);
        assert_eq!(p.articles.len(), 1);
        assert_eq!(p.articles[0].section_headings, ["公园灯会开幕"]);
        assert_eq!(account(&p), input_chars(&text));
    }

    #[test]
    fn a_run_of_title_lines_may_end_in_the_storys_first_lines() {
        let text = "春节市场供应充足\n本报记者 王明\n春节将至，本市各大商场\n货源充足，品种也很丰富\n，价格稳定，十分方便。\n《城市的\n记忆》\n——一部新书\n本市作家协会主编的新书\n《城市的记忆》近日由本\n市出版社出版发行，全书\n共收录散文六十余篇，记\n录了城市的变迁。\n";
        let p = parse(text);
        assert_eq!(p.articles.len(), 2);
        let a = &p.articles[1];
        assert_eq!(a.headline, "《城市的记忆》");
        assert_eq!(a.subheadline.as_deref(), Some("——一部新书"));
        assert!(a.paragraphs[0].starts_with("本市作家协会"));
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn a_box_with_contact_lines_under_a_finished_paragraph_is_an_ad() {
        let text = "春节市场供应充足\n本报记者 王明\n春节将至，本市各大商场货源充足，价格稳定。\n阳光驾校招生\n常年招收小车学员\n随到随学 包教包会\n报名地址：新华路8号\n报名电话：1234567\n";
        let p = parse(text);
        let kinds = crate::import::model::kinds(&p);
        assert_eq!(
            kinds,
            [
                (ArticleKind::News, "春节市场供应充足"),
                (ArticleKind::Ad, "阳光驾校招生")
            ]
        );
        assert!(p.articles[0].paragraphs.concat().ends_with("价格稳定。"));
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn a_title_over_a_caption_with_its_credit_heads_a_photo() {
        let text = "春节市场供应充足\n本报记者 王明\n春节将至，本市各大商场货源充足，价格稳定。\n灯会筹备正酣\n市民在公园观赏花灯，现场热闹非凡，\n灯会将持续到正月十五。（李\n明 摄）\n建设美丽家园 共创和谐社会新局面新气象\n编辑/张三\n";
        let p = parse(text);
        let kinds = crate::import::model::kinds(&p);
        assert_eq!(kinds[1], (ArticleKind::Photo, "灯会筹备正酣"), "{kinds:?}");
        // The credit the column wrapped comes off whole.
        assert_eq!(p.articles[1].byline.photographers, ["李明"]);
        assert!(p.articles[1].paragraphs.concat().ends_with("正月十五。"));
        // Phrases at the page's foot with nothing under them: a slogan.
        assert_eq!(kinds[2].0, ArticleKind::Banner);
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn a_pictures_caption_and_credit_after_a_signed_story_are_not_its() {
        use crate::import::model::{account, input_chars};
        let text = "一封下级对上级的表扬信\n本报记者 陈荣春\n本报讯 他们先后到南阳检查、指导工作，\n没有给基层添一件麻烦事，\n受到了全行干部职工的好\n评。\n●增开临时客车●改革售票办法　本报记者 谢志强 摄\n";
        let p = parse(text);
        assert_eq!(p.articles.len(), 1);
        let a = &p.articles[0];
        assert!(a.byline.photographers.is_empty());
        assert!(a.paragraphs.concat().ends_with("干部职工的好评。"));
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn a_short_line_over_a_dated_part_of_the_same_subject_is_a_roundup_section() {
        let text = "各国向灾区提供援助\n本报记者 王明\n某国决定向灾区提供援助，用于购买帐篷。\n甲国\n本报讯 甲国外交部今天宣布，将向灾区提供紧急援助。\n乙国\n本报讯 乙国政府今天宣布，向灾区捐赠药品。\n春运开始\n本报讯 铁路春运今天开始，旅客增多。\n";
        let p = parse(text);
        let heads: Vec<&str> = p.articles.iter().map(|a| a.headline.as_str()).collect();
        // A brief on a subject of its own still heads its story.
        assert_eq!(heads, ["各国向灾区提供援助", "春运开始"]);
        assert_eq!(p.articles[0].section_headings, ["甲国", "乙国"]);
        assert_eq!(account(&p), input_chars(text));
        // A short line over undated text in the roundup's column, after
        // its dated parts, heads another story.
        let text = "各国向灾区提供援助\n本报记者 王明\n某国决定向灾区提供紧急援助，用\n于购买帐篷和药品，帮助灾民度过\n寒冬。\n甲国\n本报讯 甲国外交部今天宣布，将向\n灾区提供一笔紧急援助，帮助灾民\n重建家园。\n贺卡太滥\n元旦和春节之际，我收到了不少贺\n卡，有的印制精美，价格也不菲，\n有的千篇一律，毫无新意，被随手\n丢弃，造成了浪费。\n";
        let p = parse(text);
        let heads: Vec<&str> = p.articles.iter().map(|a| a.headline.as_str()).collect();
        assert_eq!(heads, ["各国向灾区提供援助", "贺卡太滥"]);
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn a_clause_after_a_cut_sentence_carries_it_on() {
        let p = parse("灾区除夕夜\n本报记者 周笑浪\n除夕之夜，正当千家万户围坐电视机\n\n\n前，张北灾区军民正在联欢。\n");
        assert_eq!(p.articles.len(), 1);
        assert!(p.articles[0].paragraphs.concat().ends_with("联欢。"));
    }
}
