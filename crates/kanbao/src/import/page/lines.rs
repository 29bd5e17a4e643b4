//! The lines pass: masthead lines fill the issue, the rest become units
//! with their class; titles that begin a wrapped paragraph become running
//! text, and a page of headlines drawn first is restacked ([`super::restack`]).

use kanbao_bundle::Issue;

use super::ctx::{Ctx, Unit};
use super::restack::restack;
use crate::import::byline;
use crate::import::classify::{self, Class, Line};
use crate::import::masthead::{self, MastheadLine};
use crate::import::model::{MarkKind, Unassigned};
use crate::import::text;
use crate::import::wrap;

/// The lines pass: masthead lines fill the issue, the rest become units with
/// their class; notes whether the page keeps printed wraps as spaces.
pub(super) fn lines_pass<'a>(
    ctx: &mut Ctx,
    lines: &[Line<'a>],
    issue: &mut Issue,
    masthead_lines: &mut Vec<Unassigned>,
) -> Vec<Unit<'a>> {
    let mut units: Vec<Unit> = Vec::new();
    let (mut top, mut inside_masthead) = (true, false);
    let mut latin: Vec<String> = Vec::new();
    let mut wrap_spaces = 0usize;
    let mut long_chars = 0usize;
    let mut prev_kind: Option<MastheadLine> = None;
    for (k, l) in lines.iter().enumerate() {
        let split;
        let l = match top.then(|| masthead::split_page_head(&l.text)).flatten() {
            Some((head, rest)) => {
                ctx.note(l.no, "masthead (page label, section)");
                masthead_lines.push(Unassigned {
                    line: l.no,
                    text: head,
                });
                split = Line {
                    text: rest.into(),
                    ..l.clone()
                };
                &split
            }
            None => l,
        };
        // An edition name under a masthead printed lower down (`海宁版`).
        let prev_masthead = prev_kind.is_some();
        let edition_below = !top && prev_masthead && masthead::is_edition_name(&l.text);
        let read = masthead::read_line(&l.text, top || edition_below, issue).or_else(|| {
            // A page's section name (`评论`, `国际新闻`) between masthead
            // lines, or right under the page's number (`第3版`); a page
            // has one, so a line under it is a headline.
            let next = lines.get(k + 1)?;
            let between = top
                && prev_masthead
                && l.level == 0
                && (2..=6).contains(&text::visible_len(&l.text))
                && l.text.chars().all(text::is_han)
                && (prev_kind == Some(MastheadLine::PageLabel)
                    || masthead::is_section_name(&l.text)
                    || (prev_kind != Some(MastheadLine::Section)
                        && masthead_line(&next.text, issue)));
            between.then_some(MastheadLine::Section)
        });
        prev_kind = read.clone();
        if let Some(kind) = read {
            ctx.mark(l.no, MarkKind::Markup, &l.markup);
            if kind == MastheadLine::Latin {
                latin.extend(l.text.split_whitespace().map(str::to_string));
                ctx.unassigned.push(Unassigned {
                    line: l.no,
                    text: l.text.to_string(),
                });
            } else {
                masthead_lines.push(Unassigned {
                    line: l.no,
                    text: l.text.to_string(),
                });
            }
            ctx.note(l.no, &format!("masthead ({kind:?})").to_lowercase());
            continue;
        }
        if top && masthead::is_promo(&l.text) {
            ctx.mark(l.no, MarkKind::Markup, &l.markup);
            ctx.unassigned.push(Unassigned {
                line: l.no,
                text: l.text.to_string(),
            });
            ctx.note(l.no, "promo");
            continue;
        }
        // A headline read inside the masthead's lines (an extraction by
        // position) leaves the masthead open under it, and the next unit
        // is set apart from it as by a break.
        let mut line = l.clone();
        if inside_masthead {
            line.gap = line.gap.max(2);
        }
        top = top
            && lines
                .get(k + 1)
                .is_some_and(|n| masthead_line(&n.text, issue));
        inside_masthead = top;
        let n = l.text.chars().count();
        if n > 30 {
            wrap_spaces += text::wrap_spaces_in(&l.text);
            long_chars += n;
        }
        ctx.mark(l.no, MarkKind::Markup, &l.markup);
        units.push(Unit {
            line,
            text: l.text.to_string(),
            class: classify::classify(&l.text),
        });
    }
    if issue.paper.is_none() {
        issue.paper = masthead::paper_from_latin(&latin);
    }
    // One wrap space per 40 characters of running text: the page keeps the
    // printed line breaks as spaces.
    ctx.wrapped = long_chars > 0 && wrap_spaces * 40 >= long_chars;
    ctx.col_len = column_len(&units);
    ctx.marked = units.iter().filter(|u| u.line.level > 0).count() >= 3;

    rejoin_cut_names(&mut units);
    paragraph_starts(&mut units);
    let mut units = restack(units);
    labels_above_labels(&mut units);
    units
}

/// Column labels just above a pinyin label line belong to it.
fn labels_above_labels(units: &mut [Unit]) {
    for i in 1..units.len() {
        if matches!(units[i].class, Class::Label)
            && units[i].line.gap == 0
            && matches!(units[i - 1].class, Class::Title)
            && units[i - 1].text.chars().count() <= 8
        {
            units[i - 1].class = Class::Label;
        }
    }
}

/// Whether `t` reads as a masthead line at the top of the page (the issue
/// left as it is).
fn masthead_line(t: &str, issue: &Issue) -> bool {
    masthead::read_line(t, true, &mut issue.clone()).is_some()
}

/// How many lines below a byline cut inside a name its last character may
/// be read (the extraction takes the block past the wide space later).
const CUT_NAME_REACH: usize = 40;

/// Bylines cut inside their last name ([`byline::rejoin_cut_name`]): the
/// first lone character below puts the name back, the two lines one byline.
fn rejoin_cut_names(units: &mut Vec<Unit>) {
    let mut i = 0;
    while i < units.len() {
        let end = units.len().min(i + 1 + CUT_NAME_REACH);
        let found = (i + 1..end)
            .filter(|&j| units[j].text.trim().chars().count() == 1)
            .find_map(|j| byline::rejoin_cut_name(&units[i].text, &units[j].text).map(|t| (j, t)))
            .filter(|_| !matches!(units[i].class, Class::Byline(_)));
        if let Some((j, joined)) = found {
            units.remove(j);
            units[i].class = classify::classify(&joined);
            units[i].text = joined;
        }
        i += 1;
    }
}

/// Title lines that begin a wrapped paragraph (the next line as wide and
/// running on) are running text.
fn paragraph_starts(units: &mut [Unit]) {
    for i in 0..units.len().saturating_sub(1) {
        let u = &units[i];
        let n = &units[i + 1];
        if !matches!(u.class, Class::Title) || u.line.level > 0 || u.line.bold || n.line.gap > 1 {
            continue;
        }
        if !matches!(n.class, Class::Body | Class::Title) || n.line.level > 0 {
            continue;
        }
        let after = units
            .get(i + 2)
            .filter(|a| a.line.gap <= 1)
            .map(|a| a.text.as_str());
        if wrap::starts_paragraph(&u.text, &n.text, after) {
            units[i].class = Class::Body;
        }
    }
}

/// The usual length of body lines (8 characters or more) among `units`:
/// the most common one, 0 when too few lines say.
pub(super) fn column_len(units: &[Unit]) -> usize {
    let mut counts = std::collections::BTreeMap::new();
    for u in units {
        if matches!(u.class, Class::Body) {
            let n = text::visible_len(&u.text);
            if (8..=60).contains(&n) {
                *counts.entry(n).or_insert(0usize) += 1;
            }
        }
    }
    let (len, count) = counts
        .iter()
        .max_by_key(|&(&n, &c)| (c, n))
        .map(|(&n, &c)| (n, c))
        .unwrap_or((0, 0));
    if count >= 4 {
        len
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::super::{heads, parse};
    use crate::import::model::{account, input_chars};

    #[test]
    fn a_byline_cut_inside_a_name_takes_its_last_character_back() {
        let text =
            "会议召开\n■记者 吴\n会议今天召开，部署了今年的工作。\n东\n各地代表出席了会议。\n";
        let p = parse(text);
        assert_eq!(p.articles.len(), 1);
        assert_eq!(p.articles[0].byline.reporters, ["吴东"]);
        assert!(!p.articles[0].paragraphs.concat().contains('东'));
        assert_eq!(account(&p), input_chars(text));
    }

    #[test]
    fn a_section_name_under_the_page_number_is_the_mastheads() {
        let text = "第3版\n\n国际新闻\n\n尼共六大开幕\n\n本报讯 尼泊尔共产党第六次全国代表大会今天开幕。\n";
        let p = parse(text);
        assert_eq!(heads(&p), [("尼共六大开幕", None)]);
        assert!(p.masthead.iter().any(|m| m.text == "国际新闻"));
        assert_eq!(account(&p), input_chars(text));
        // A headline between the section name and the date is no second
        // section name.
        let text = "第3版\n\n国际新闻\n\n尼共六大开幕\n\n1998年1月27日 星期二\n\n余姚日报\n\n尼泊尔共产党第六次全国代表大会今天开幕。\n";
        let p = parse(text);
        assert_eq!(heads(&p), [("尼共六大开幕", None)]);
        assert_eq!(p.issue.date.as_deref(), Some("1998-01-27"));
        assert_eq!(account(&p), input_chars(text));
        // Two headlines with the paper's name read between them are two.
        let text = "1998年1月29日 星期四\n\n春节市场供应充足\n\n余姚日报\n征订启事\n\n本报讯 报刊征订工作已经开始。\n";
        let p = parse(text);
        assert_eq!(heads(&p), [("春节市场供应充足", None), ("征订启事", None)]);
        assert_eq!(account(&p), input_chars(text));
    }
}
