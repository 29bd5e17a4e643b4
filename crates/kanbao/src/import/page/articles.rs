//! The articles pass: a walk over the units grouping column labels,
//! credits, bylines, title lines ([`super::title`]) and body pieces into
//! drafts.

use kanbao_bundle::ArticleKind;

use super::credits::{self, Owner};
use super::ctx::{writes, Ctx, Unit};
use super::loose::continues_loose;
use super::pieces::{add_piece, closes_open_bracket, note_insert};
use super::signed::to_header_above;
use super::title::title;
use crate::import::byline::{self, ParsedByline};
use crate::import::classify::{self, Class};
use crate::import::draft::{merge_byline, Draft, Piece};
use crate::import::model::{MarkKind, Unassigned};
use crate::import::text;

/// The articles pass: a walk over the units grouping headings, bylines and
/// body pieces into drafts.
pub(super) fn articles_pass(ctx: &mut Ctx, units: &mut [Unit]) {
    let mut i = 0;
    while i < units.len() {
        let u = &units[i];
        let no = u.line.no;
        if let Some(b) = closing_line(ctx, units, i) {
            byline_line(ctx, &units[i..=i], &b);
            i += 1;
            continue;
        }
        match &u.class {
            Class::Label => {
                label(ctx, units, i);
                // A label may leave headline text in place for the walk.
                if matches!(units[i].class, Class::Title) {
                    continue;
                }
            }
            Class::Credit => credit(ctx, u),
            Class::Byline(b) if credit_in_running_text(ctx, units, i, b) => {
                ctx.note(no, "body (a picture's credit inside the story's text)");
                let d = &mut ctx.drafts[ctx.cur.unwrap()];
                d.pieces.push(Piece::line(no, &units[i].text));
                d.line_end = no;
            }
            Class::Byline(b) => match wrapped_credit(units, i, b) {
                Some(j) => {
                    ctx.note(units[i + 1].line.no, "byline (wrapped credit)");
                    i += 1 + stacked_byline(ctx, &units[i..i + 2], &units[i + 2..], &j);
                }
                None => {
                    let b = b.clone();
                    i += stacked_byline(ctx, &units[i..=i], &units[i + 1..], &b);
                }
            },
            Class::Names(b) => {
                let header = ctx
                    .open()
                    .is_some_and(|d| d.in_header() && !d.has_byline && d.kind.is_none());
                if header {
                    ctx.note(no, "byline (names)");
                    let b = b.clone();
                    byline_line(ctx, &units[i..=i], &b);
                } else if classify::is_title_like(&u.text) {
                    units[i].class = Class::Title;
                    continue;
                } else {
                    body(ctx, &units[i]);
                }
            }
            Class::Title if closes_open_bracket(ctx, &u.text) => {
                ctx.note(no, "body (closes a bracket the line above opened)");
                body(ctx, &units[i]);
            }
            Class::Title if after_bare_dateline(ctx) => {
                ctx.note(no, "body (after its dateline)");
                body(ctx, &units[i]);
            }
            Class::Title
                if ctx.marked
                    && !ctx.ad_next
                    && ctx.pending_editor.is_none()
                    && unmarked_text(&units[i])
                    && !kicker_over_marked(ctx, units, i) =>
            {
                ctx.note(no, "body (unmarked on a page of marked headings)");
                body(ctx, &units[i]);
            }
            Class::Title => {
                i = title(ctx, units, i);
                continue;
            }
            Class::Jump => {
                ctx.note(no, "jump");
                match ctx.cur {
                    Some(c) if !ctx.drafts[c].closed || ctx.drafts[c].continues_to_free() => {
                        let t = units[i].text.clone();
                        add_piece(ctx, c, no, &t, false);
                    }
                    _ => {
                        let t = units[i].text.clone();
                        ctx.mark(no, MarkKind::Jump, &t);
                    }
                }
            }
            Class::Body => i = body_line(ctx, units, i),
        }
        i += 1;
    }
    // A column label's editor with no article after it to name.
    if let Some((line, text)) = ctx.pending_editor.take() {
        ctx.unassigned.push(Unassigned { line, text });
    }
}

/// A byline under a stack of headers signs the topmost header still
/// unsigned when another byline follows it (bylines set in turn under the
/// stack), or when it credits a photo and the open story names its writers
/// (a story is written or pictured); else the open article. One line of
/// text between the two bylines is the first line of the stacked header's
/// story: the extraction read the stories' columns side by side, line by
/// line. Returns the lines of text read with the byline.
fn stacked_byline(ctx: &mut Ctx, lines: &[Unit], after: &[Unit], b: &ParsedByline) -> usize {
    let between = match after {
        [n, ..] if matches!(n.class, Class::Byline(_)) => Some(0),
        [n, m, ..]
            if writes(&b.byline)
                && text_beside(n, ctx.col_len)
                && matches!(m.class, Class::Byline(_)) =>
        {
            Some(1)
        }
        _ => None,
    };
    let photo = !b.byline.photographers.is_empty()
        && !writes(&b.byline)
        && ctx.open().is_some_and(|d| writes(&d.article.byline));
    if !(between.is_some() || photo) || ctx.stacked.is_empty() {
        let no = lines[0].line.no;
        match credits::owner(ctx, no, b) {
            Some(Owner::Next) => credits::forward(ctx, no, b),
            Some(Owner::Draft(t)) => {
                let open = ctx.cur.replace(t);
                ctx.note(no, "byline (the caption's above)");
                byline_line(ctx, lines, b);
                ctx.cur = open;
            }
            None => {
                to_header_above(ctx, no, b);
                byline_line(ctx, lines, b);
            }
        }
        return 0;
    }
    let open = ctx.cur;
    let c = ctx.stacked.remove(0);
    ctx.cur = Some(c);
    ctx.note(lines[0].line.no, "byline (of a header stacked above)");
    byline_line(ctx, lines, b);
    ctx.cur = open;
    let read = between.unwrap_or(0);
    for u in &after[..read] {
        ctx.note(u.line.no, "body (under its byline, beside another column)");
        add_piece(ctx, c, u.line.no, &u.text, false);
    }
    read
}

/// A line of running text between two bylines: a body line, or a short
/// one with a clause mark or three quarters as wide as the page's body
/// lines (`col_len`; a headline has no clause marks and its larger type
/// fits fewer characters; a headline over the next byline is that
/// byline's header).
fn text_beside(u: &Unit, col_len: usize) -> bool {
    match u.class {
        Class::Body => true,
        Class::Title => {
            u.text.contains(['，', '、', ','])
                || (col_len > 0 && text::visible_len(&u.text) * 4 >= col_len * 3)
        }
        _ => false,
    }
}

/// On a page of marked headings, a title line that is running text: not
/// marked, not bold, and not a banner or an ad's header (set unmarked).
fn unmarked_text(u: &Unit) -> bool {
    u.line.level == 0
        && !u.line.bold
        && !classify::is_banner_style(&u.text)
        && !classify::is_ad_header(&u.text)
}

/// An unmarked title line set right over a marked headline, no blank line
/// between, where no sentence is left open: the headline's kicker, in a
/// type the converter did not mark.
fn kicker_over_marked(ctx: &Ctx, units: &[Unit], i: usize) -> bool {
    let next_marked = units
        .get(i + 1)
        .is_some_and(|n| n.line.level > 0 && n.line.gap == 0 && matches!(n.class, Class::Title));
    let nothing_open = ctx
        .open()
        .is_none_or(|d| d.closed || d.pieces.last().is_none_or(|p| text::ends_complete(&p.text)));
    next_marked && nothing_open && units[i].text.split_whitespace().count() == 1
}

/// A staff credit: a notice of its own, naming the page's editor.
fn credit(ctx: &mut Ctx, u: &Unit) {
    let no = u.line.no;
    ctx.note(no, "credit (notice)");
    let mut d = Draft::new(no);
    d.kind = Some(ArticleKind::Notice);
    d.closed = true;
    d.has_byline = true;
    d.article.headline = text::repair_name_spaces(&u.text);
    let mut rest = u.text.as_str();
    if let Some(p) = rest.find("编辑/") {
        rest = &rest[p + "编辑/".len()..];
        let end = rest
            .find(|c: char| c.is_ascii_alphanumeric() || c == '/')
            .unwrap_or(rest.len());
        let toks: Vec<&str> = rest[..end].split_whitespace().collect();
        let name = match toks.as_slice() {
            [a, b, ..] if a.chars().count() == 1 && b.chars().count() == 1 => {
                format!("{a}{b}")
            }
            [a, ..] => a.to_string(),
            [] => String::new(),
        };
        if byline::is_name(&name) {
            d.article.byline.editors.push(name);
        }
    }
    note_insert(ctx, no);
    ctx.push_draft(d);
}

/// A photo credit wrapped onto a line of its own (`…陈小` / `波 摄`): the
/// credit read as one line, the sentence before it kept as it was read.
fn wrapped_credit(units: &[Unit], i: usize, b: &ParsedByline) -> Option<ParsedByline> {
    let (u, n) = (&units[i], units.get(i + 1)?);
    let tail: String = n.text.split_whitespace().collect();
    let name_part = tail.strip_suffix('摄')?;
    // The rest of a name: one or two characters.
    let short = (1..=2).contains(&name_part.chars().count()) && name_part.chars().all(text::is_han);
    if !short {
        return None;
    }
    let credit = b
        .prefix
        .as_deref()
        .and_then(|p| u.text.trim_start().strip_prefix(p))
        .unwrap_or(&u.text);
    let joined = format!("{}{}", credit.trim(), n.text.trim());
    let mut j = byline::parse_line(&joined)?;
    j.prefix = b.prefix.clone();
    (!j.byline.photographers.is_empty()).then_some(j)
}

/// A line of running text; with a closing credit the column wrapped onto
/// the next line, both as one piece, so the credit comes off its end.
/// Returns the last unit read.
fn body_line(ctx: &mut Ctx, units: &[Unit], i: usize) -> usize {
    let Some(joined) = wrapped_bracket_credit(units, i) else {
        body(ctx, &units[i]);
        return i;
    };
    ctx.note(units[i + 1].line.no, "body (a wrapped closing credit)");
    let u = Unit {
        line: units[i].line.clone(),
        text: joined,
        class: Class::Body,
    };
    body(ctx, &u);
    i + 1
}

/// A closing credit in brackets that the column wrapped (`…顺利。（杨` /
/// `国林 摄）`): the two lines as one, for the credit to come off whole.
fn wrapped_bracket_credit(units: &[Unit], i: usize) -> Option<String> {
    let (u, n) = (&units[i], units.get(i + 1)?);
    let rest = n.text.trim();
    let closes = rest.ends_with("摄）") || rest.ends_with("摄)");
    if !closes || text::visible_len(rest) > 8 {
        return None;
    }
    // The bracket opens among the line's last few characters.
    let t = u.text.trim_end();
    let (o, c) = t
        .char_indices()
        .rev()
        .take(5)
        .find(|(_, c)| matches!(c, '（' | '('))?;
    let open_part = &t[o + c.len_utf8()..];
    (!open_part.contains(['）', ')'])).then(|| format!("{t}{rest}"))
}

/// `（孙家正）` on a line of its own right under the end of a sentence of an
/// open story that has no byline, with no more running text under it (a
/// headline or a byline follows): the story's closing signature.
fn closing_line(ctx: &Ctx, units: &[Unit], i: usize) -> Option<ParsedByline> {
    let u = &units[i];
    if !matches!(u.class, Class::Title | Class::Body | Class::Names(_)) {
        return None;
    }
    let d = ctx.open()?;
    let next_runs_on = units.get(i + 1).is_none_or(|n| {
        matches!(n.class, Class::Body | Class::Names(_))
            && !byline::opens_other_block(&d.pieces, &n.text)
    });
    if next_runs_on {
        return None;
    }
    if d.closed || d.has_byline || d.kind.is_some() {
        return None;
    }
    let end = d.pieces.last()?.text.trim_end().chars().last()?;
    if !(text::is_terminal(end) || matches!(end, '”' | '"' | '」')) {
        return None;
    }
    byline::closing_alone(&u.text)
}

/// The open story's text so far is its dateline alone (`本报讯` on a line
/// of its own): what follows is the story's text, however short the line.
fn after_bare_dateline(ctx: &Ctx) -> bool {
    ctx.open().is_some_and(|d| match d.pieces.as_slice() {
        [p] => {
            let t: String = p.text.split_whitespace().collect();
            (t.starts_with("本报") || t.starts_with("新华社"))
                && (t.ends_with('讯') || t.ends_with('电'))
                && t.chars().count() <= 16
        }
        _ => false,
    })
}

fn label(ctx: &mut Ctx, units: &mut [Unit], i: usize) {
    let no = units[i].line.no;
    let t = units[i].text.clone();
    ctx.note(no, "column label");
    match byline::split_column_label(&t) {
        Some((lab, name, rest)) => {
            ctx.unassigned.push(Unassigned {
                line: no,
                text: lab,
            });
            // The label closes a commentary above it, else heads what follows.
            let prev = ctx
                .cur
                .filter(|&c| !ctx.drafts[c].article.byline.commentators.is_empty());
            match prev {
                Some(c) => ctx.drafts[c].article.byline.editors.push(name),
                None => ctx.pending_editor = Some((no, name)),
            }
            if !rest.is_empty() {
                units[i].text = rest;
                units[i].class = Class::Title;
                // The headline starts a new article even inside a body.
                units[i].line.gap = units[i].line.gap.max(1);
                if let Some(c) = ctx.cur {
                    ctx.drafts[c].closed = true;
                }
            }
        }
        None => ctx.unassigned.push(Unassigned { line: no, text: t }),
    }
}

/// A byline printed on `lines` (two when a credit wrapped).
fn byline_line(ctx: &mut Ctx, lines: &[Unit], b: &ParsedByline) {
    let u = &lines[0];
    let no = u.line.no;
    let rest_of_loose = continues_loose(ctx, b);
    note_loose(ctx, no, b, rest_of_loose);
    if rest_of_loose
        || ctx
            .open()
            .is_some_and(|d| stray_photo_credit(d, b) || other_storys(d, b))
    {
        // A picture's credit set among a signed story's columns
        // (`■摄影 郭国庆` between its lines), or another story's byline
        // read into this one's text: not this story's.
        for l in lines {
            ctx.note(l.line.no, "byline (not the story's)");
            ctx.unassigned.push(Unassigned {
                line: l.line.no,
                text: l.text.clone(),
            });
        }
        note_insert(ctx, no);
        return;
    }
    ctx.mark(no, MarkKind::Role, &b.marks);
    let Some(c) = ctx.cur else {
        ctx.note(no, "byline (no article)");
        ctx.warn(no, "byline before any headline".into());
        let mut d = Draft::new(no);
        d.has_byline = true;
        merge_byline(&mut d.article.byline, &b.byline);
        d.article.subheadline = b.prefix.clone();
        let c = ctx.push_draft(d);
        ctx.cur = Some(c);
        return;
    };
    let d = &mut ctx.drafts[c];
    d.line_end = no;
    let in_body = !d.in_header();
    let photo_only = !b.byline.photographers.is_empty() && !writes(&b.byline);
    if let (true, Some(p)) = (in_body || photo_only, &b.prefix) {
        // A caption's last sentence with its credit after it.
        add_piece(ctx, c, no, p, false);
    } else if let Some(p) = &b.prefix {
        // A subheadline with the byline glued to its end.
        match &mut d.article.subheadline {
            Some(s) => s.push_str(p),
            None if p.starts_with(['—', '-', '－']) || !d.article.headline.is_empty() => {
                d.article.subheadline = Some(p.clone())
            }
            None => d.article.headline.push_str(p),
        }
    }
    let d = &mut ctx.drafts[c];
    merge_byline(&mut d.article.byline, &b.byline);
    let how = if d.in_header() {
        "byline"
    } else if !d.has_byline {
        // After body text: a photo credit or a closing signature.
        d.closed = true;
        "byline (closing)"
    } else {
        d.inserts.push(no);
        d.strays.push((no, b.byline.clone()));
        "byline (stray)"
    };
    d.has_byline = true;
    ctx.note(no, how);
    if how == "byline (stray)" {
        ctx.warn(no, "a second byline inside an article; kept with it".into());
    }
}

/// Another story's writers' byline inside a signed story ([`other_storys`]):
/// another story starts here, its headline printed elsewhere.
fn note_loose(ctx: &mut Ctx, no: u32, b: &ParsedByline, rest_of_loose: bool) {
    if let Some(c) = ctx
        .cur
        .filter(|&c| rest_of_loose || other_storys(&ctx.drafts[c], b))
    {
        ctx.loose.push((no, b.byline.clone(), b.marks.clone()));
        ctx.drafts[c].inserts.push(no);
    }
}

/// A credit naming only photographers, after the text of a story whose
/// byline already names who wrote it: a story is written or pictured, and a
/// picture printed among its columns carries its own credit.
fn stray_photo_credit(d: &Draft, b: &ParsedByline) -> bool {
    let photo_only = !b.byline.photographers.is_empty() && !writes(&b.byline);
    // A caption's last sentence before the credit ends this story's text;
    // caption words that end no sentence (`●增开临时客车●改革售票办法`) are
    // another picture's.
    let other_caption = b.prefix.as_deref().is_none_or(|p| !text::ends_sentence(p));
    photo_only
        && other_caption
        && !d.in_header()
        && d.has_byline
        && d.kind.is_none()
        && writes(&d.article.byline)
}

/// A picture's credit alone in brackets (`（杨一秋摄）`) inside the text of a
/// story sent from the newsroom (`本报讯`, `新华社…电`), which runs on under
/// it: the story's text names its picture (`压题照片为…`), it is no
/// picture story, and who took the picture did not write it.
fn credit_in_running_text(ctx: &Ctx, units: &[Unit], i: usize, b: &ParsedByline) -> bool {
    let photo_only = !b.byline.photographers.is_empty() && !writes(&b.byline);
    let bracketed = units[i].text.trim_start().starts_with(['（', '(']);
    // Running text under it: a body line, or a short one with a clause mark.
    let runs_on = units.get(i + 1).is_some_and(|n| {
        let clause = matches!(n.class, Class::Title) && n.text.contains(['，', '、']);
        (matches!(n.class, Class::Body) || clause) && n.line.gap <= 1
    });
    let sent = ctx.open().is_some_and(|d| {
        !d.closed
            && d.kind.is_none()
            && !d.has_byline
            && d.pieces.first().is_some_and(|p| {
                let t = p.text.trim_start();
                t.starts_with("本报讯") || t.starts_with("新华社")
            })
    });
    photo_only && bracketed && b.prefix.is_none() && runs_on && sent
}

/// A writer's byline after the text of a story whose byline already names
/// its writers (some lines of text in: a byline a line or two under another
/// may be the story's own, set beside a subheadline), and no rest of that
/// byline (`李长云 ■记者` … `通讯员 杨振义` split by the columns adds
/// correspondents or interns to reporters): a story is signed once, so this
/// is another story's.
fn other_storys(d: &Draft, b: &ParsedByline) -> bool {
    let have = &d.article.byline;
    let rest_of_it = (!have.reporters.is_empty())
        && b.byline.reporters.is_empty()
        && b.byline.commentators.is_empty()
        && b.byline.authors.is_empty()
        && b.byline.photographers.is_empty()
        && (have.correspondents.is_empty() || b.byline.correspondents.is_empty())
        && (have.intern_reporters.is_empty() || b.byline.intern_reporters.is_empty());
    writes(&b.byline)
        && !rest_of_it
        && b.prefix.is_none()
        && d.pieces.len() >= 3
        && d.has_byline
        && d.kind.is_none()
        && writes(have)
}

fn body(ctx: &mut Ctx, u: &Unit) {
    let no = u.line.no;
    let needs_new = match ctx.open() {
        None => true,
        Some(d) => {
            d.closed
                || d.kind
                    .is_some_and(|k| k == ArticleKind::Banner || k == ArticleKind::Notice)
        }
    };
    // Text with no headline of its own after an article that a credit or a
    // closing byline ended: what the extraction put after the credit is
    // still that article's (no printed page has an untitled story).
    let reopen = needs_new
        && !u.text.contains("上接")
        && ctx.open().is_some_and(|d| {
            d.closed
                && d.kind.is_none()
                && d.article.continues_to.is_none()
                && !d.article.headline.is_empty()
        });
    if reopen {
        let c = ctx.cur.unwrap();
        ctx.drafts[c].closed = false;
        ctx.drafts[c].inserts.push(no);
        ctx.note(no, "body (after a credit)");
        add_piece(ctx, c, no, &u.text, false);
        return;
    }
    if needs_new {
        let mut d = Draft::new(no);
        d.after_gap = u.line.gap >= 2;
        let starts_cont = u.text.contains("上接");
        if !starts_cont {
            ctx.warn(
                no,
                "text with no headline; kept as an untitled article".into(),
            );
        }
        let c = ctx.push_draft(d);
        ctx.cur = Some(c);
    }
    let c = ctx.cur.unwrap();
    ctx.note(no, "body");
    add_piece(ctx, c, no, &u.text, false);
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use crate::import::model::{account, input_chars};
    use kanbao_bundle::ArticleKind;

    #[test]
    fn a_photo_credit_wrapped_onto_its_own_line_is_one_credit() {
        let text = "贺卡太多\n本报记者 田俊荣\n贺卡越寄越多，\n这一切又何必呢？　本报记者 韩宇东 陈小\n波 摄\n视点开栏的话\n本报记者 孙继海\n《视点》是评论部主办的专版。\n";
        let p = parse(text);
        let a = &p.articles[0];
        assert_eq!(a.byline.photographers, ["韩宇东", "陈小波"]);
        // The caption's last sentence is the caption's, not a subheadline.
        assert_eq!(a.subheadline, None);
        assert!(a.paragraphs.concat().ends_with("这一切又何必呢？"));
        assert_eq!(p.articles[1].headline, "视点开栏的话");
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn bylines_of_stacked_headers_read_line_by_line_across_columns() {
        // Two stories side by side, their columns read line by line: the
        // first byline and the line under it are the stacked header's.
        let text = "全市职工代表大会隆重开幕\n\n乡村喜降\n瑞雪纷飞\n■记者 王明\n大会今天上午在市会堂开幕，\n■记者 李华\n一场大雪落在乡村的田野上。\n村民们忙着扫雪。\n";
        let p = parse(text);
        let by = |h: &str| {
            let a = p.articles.iter().find(|a| a.headline == h).unwrap();
            (a.byline.reporters.clone(), a.paragraphs.concat())
        };
        let (r, body) = by("全市职工代表大会隆重开幕");
        assert_eq!(r, ["王明"]);
        assert!(body.starts_with("大会今天上午"), "{body}");
        assert_eq!(by("乡村喜降瑞雪纷飞").0, ["李华"]);
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn text_between_bylines_is_a_body_line_or_a_wide_or_clause_line() {
        use super::super::ctx::Unit;
        use crate::import::classify::{Class, Line};
        let unit = |t: &'static str, class: Class| Unit {
            line: Line {
                no: 1,
                level: 0,
                markup: "".into(),
                text: t.into(),
                gap: 0,
                bold: false,
            },
            text: t.to_string(),
            class,
        };
        let beside = |t: &'static str| super::text_beside(&unit(t, Class::Title), 16);
        assert!(beside("今年一月，全镇"));
        assert!(beside("五名喇嘛昨天来到抗灾办公室捐款"));
        assert!(!beside("乡村喜降瑞雪"));
        assert!(super::text_beside(&unit("短行", Class::Body), 16));
    }

    #[test]
    fn page_furniture_is_not_news() {
        let text = "市里召开会议\n本报记者 王明\n会议今天召开，部署了工作。\n本版编辑 于宁  美编 李子奈\n遗失声明\n某公司不慎遗失营业执照副本一份，声明作废。\n科教兴市 人才强市\n云南工作队赴农村\n■记者 李学江\n本报讯 工作队开赴各地农村。\n";
        let p = parse(text);
        let kinds = crate::import::model::kinds(&p);
        assert_eq!(
            kinds,
            [
                (ArticleKind::News, "市里召开会议"),
                (ArticleKind::Notice, "本版编辑 于宁 美编 李子奈"),
                (ArticleKind::Notice, "遗失声明"),
                (ArticleKind::Banner, "科教兴市 人才强市"),
                (ArticleKind::News, "云南工作队赴农村"),
            ]
        );
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn on_a_page_of_marked_headings_an_unmarked_short_line_is_text() {
        let text = "## 京郊农业用水三年内基本解决\n\n■记者 程思远\n\n\n实施两个多月的北京\n\n\n市“水利富民”工程已见成效。\n\n## 春运开始\n\n铁路春运今天开始。\n\n## 以土美举行联合海军演习\n\n三国海军今天举行演习。\n";
        let p = parse(text);
        let heads: Vec<&str> = p.articles.iter().map(|a| a.headline.as_str()).collect();
        assert_eq!(
            heads,
            [
                "京郊农业用水三年内基本解决",
                "春运开始",
                "以土美举行联合海军演习"
            ]
        );
        assert!(p.articles[0]
            .paragraphs
            .concat()
            .starts_with("实施两个多月的北京"));
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn a_dateline_alone_on_its_line_opens_the_text() {
        let text = "从短缺走向平衡\n——菜篮子工程建设十年述评（上）\n本报讯\n压题照片为江\n苏海安县种畜场一角。\n到1997年底，我国肉、蛋、蔬菜供应充足。\n";
        let p = parse(text);
        assert_eq!(p.articles.len(), 1);
        let a = &p.articles[0];
        assert_eq!(a.headline, "从短缺走向平衡");
        // `本报讯` is a dateline, never a name, and the short line under it
        // is the story's text, not a headline.
        assert!(a.byline.is_empty());
        assert!(a.paragraphs.concat().contains("压题照片为江"));
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn a_photo_credit_among_a_signed_storys_columns_is_not_the_storys() {
        let text = "天津农民进城包医院\n■记者 陈　杰\n今年1月，天津武清县史各庄镇\n的飞鹰集团公司以风险抵押的方式，\n进城承包管理河西区区属最大的二\n级甲等医院，把乡镇企业的管理机\n制嫁接到城市卫生医疗系统。\n■摄影 郭国庆\n1月1日是新的行政领导班子上任\n的第一天，院长、副院长、党委书\n记就来到医院祝贺新年。\n本报记者 韩宇东 陈小\n波 摄\n新班子实行董事会领导下的院长负\n责制，保持医院人心和队伍的稳定。\n春运开始\n旅客在北京站排队购票。\n本报记者 谢志强 摄\n";
        let p = parse(text);
        let a = &p.articles[0];
        assert_eq!(a.byline.reporters, ["陈杰"]);
        assert!(a.byline.photographers.is_empty());
        assert!(p.unassigned.iter().any(|u| u.text.contains("郭国庆")));
        // A credit wrapped onto a second line keeps both lines.
        assert!(p.unassigned.iter().any(|u| u.text == "波 摄"));
        // A credit under a picture with no writer is the picture's.
        let b = p
            .articles
            .iter()
            .find(|a| a.headline == "春运开始")
            .unwrap();
        assert_eq!(b.byline.photographers, ["谢志强"]);
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn a_second_writers_byline_in_a_signed_story_is_another_storys() {
        let text = "灾区除夕夜\n■记者 周笑浪 彭育群\n除夕之夜，正当千家万户围坐电视\n机前观看春节联欢晚会的时候，河\n北张北地震灾区的村庄里也是一片\n欢声笑语，灾民们住进了新房子。\n本报记者 王继孝\n春节前，山西省翼城县浇底乡西村\n村民们捧着救济款，热泪盈眶地说\n陈书记是帮咱脱贫致富的贴心人。\n徐州水源污染事故原因查清\n李长云 ■记 者\n调查组认为，引起这次严重污染事\n故的原因是多方面的。徐州是严重\n缺水地区，过去一直从南四湖取水。\n通讯员 杨振义\n去年由于大旱，南四湖水面下降，\n水厂从９月开始改用南取水口取水。\n";
        let p = parse(text);
        let a = &p.articles[0];
        assert_eq!(a.byline.reporters, ["周笑浪", "彭育群"]);
        assert!(p.unassigned.iter().any(|u| u.text.contains("王继孝")));
        // The rest of a byline the columns split off is the story's own.
        let b = &p.articles[1];
        assert_eq!(b.byline.reporters, ["李长云"]);
        assert_eq!(b.byline.correspondents, ["杨振义"]);
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn a_signature_on_its_own_line_closes_the_story() {
        let text = "张万年会见美前国防部长\n本报讯 中央军委副主席张万年上将今\n天在人民大会堂会见了以美国前国防\n部长佩里为团长的美国高级代表团。\n熊光楷中将及美国驻华大使尚慕杰等\n会见时在座。\n（孙家正）\n雪中送炭：农民的企盼\n本报记者 鲍洪俊\n本报讯 两年前的春节前夕，太行山里\n的两个小乡镇，出现了一桩新鲜事。\n";
        let p = parse(text);
        assert_eq!(p.articles.len(), 2);
        assert_eq!(p.articles[0].byline.authors, ["孙家正"]);
        assert!(!p.articles[0].paragraphs.concat().contains("孙家正"));
        assert_eq!(p.articles[1].headline, "雪中送炭：农民的企盼");
        assert_eq!(p.articles[1].byline.reporters, ["鲍洪俊"]);
        assert_eq!(account(&p), input_chars(text));
        // With running text under it, a bracketed line is left as printed.
        let text = "会议召开\n本报讯 会议今天召开，部署了今年的工作。\n（试行）\n办法共分五章，自发布之日起施行。\n";
        let p = parse(text);
        assert!(p.articles.iter().all(|a| a.byline.authors.is_empty()));
        assert_eq!(account(&p), input_chars(text));
    }
}
