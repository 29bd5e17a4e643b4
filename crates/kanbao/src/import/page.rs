//! The raw page parser: classified lines to articles, in three passes.
//!
//! Masthead lines fill the issue; then a walk over the lines groups headings,
//! bylines and body pieces into article drafts, deciding from context whether
//! a short line is a headline, a banner, a section heading or a paragraph cut
//! at a column end; last, each draft's pieces are put in reading order
//! ([`super::columns`]) and joined into paragraphs.

use kanbao_bundle::{ArticleKind, Issue, Page};

use super::byline::{self, ParsedByline};
use super::classify::{self, Class, Line};
use super::draft::{merge_byline, Draft, Piece};
use super::fields::{self, corpus_of};
use super::jump;
use super::masthead::{self, MastheadLine};
use super::model::{Diagnostic, Explained, Mark, MarkKind, ParseOptions, ParsedPage, Unassigned};
use super::stack;
use super::text::{self, ends_complete};
use super::wrap;

struct Ctx<'a> {
    file: &'a str,
    wrapped: bool,
    /// The usual length of a body line (the mode), 0 if unknown.
    col_len: usize,
    drafts: Vec<Draft>,
    cur: Option<usize>,
    marks: Vec<Mark>,
    unassigned: Vec<Unassigned>,
    warnings: Vec<Diagnostic>,
    explain: Vec<Explained>,
    /// A 公益广告 header was seen: the next headline is the ad's.
    ad_next: bool,
    /// An editor named by a column label, for the next article.
    pending_editor: Option<String>,
}

impl Ctx<'_> {
    fn mark(&mut self, line: u32, kind: MarkKind, text: &str) {
        if text.chars().any(|c| !c.is_whitespace()) {
            self.marks.push(Mark {
                line,
                kind,
                text: text.to_string(),
            });
        }
    }
    fn warn(&mut self, line: u32, message: String) {
        self.warnings.push(Diagnostic {
            file: self.file.to_string(),
            line,
            message,
        });
    }
    fn note(&mut self, line: u32, class: &str) {
        self.explain.push(Explained {
            line,
            class: class.to_string(),
        });
    }
    fn open(&self) -> Option<&Draft> {
        self.cur.map(|i| &self.drafts[i])
    }
    fn push_draft(&mut self, d: Draft) -> usize {
        self.drafts.push(d);
        self.drafts.len() - 1
    }
}

/// Units: lines with their class; a column label may leave headline text.
struct Unit<'a> {
    line: Line<'a>,
    text: String,
    class: Class,
}

/// Parses one page of raw text.
pub fn parse_page(text: &str, opts: &ParseOptions) -> ParsedPage {
    let lines = classify::lines(text);
    let mut issue = Issue::default();
    let mut masthead_lines = Vec::new();
    let mut ctx = Ctx {
        file: &opts.file,
        wrapped: false,
        col_len: 0,
        drafts: Vec::new(),
        cur: None,
        marks: Vec::new(),
        unassigned: Vec::new(),
        warnings: Vec::new(),
        explain: Vec::new(),
        ad_next: false,
        pending_editor: None,
    };

    let mut units = lines_pass(&mut ctx, &lines, &mut issue, &mut masthead_lines);
    articles_pass(&mut ctx, &mut units);

    // Pass 3: reading order, paragraphs, kinds.
    let mut articles = Vec::new();
    let wrapped = ctx.wrapped;
    let drafts = std::mem::take(&mut ctx.drafts);
    let corpus = corpus_of(text);
    for d in drafts {
        let mut out = fields::Out {
            file: ctx.file,
            marks: &mut ctx.marks,
            warnings: &mut ctx.warnings,
        };
        if let Some(a) = fields::finish(&mut out, d, wrapped, &corpus) {
            articles.push(a);
        }
    }

    let page_no = date_pass(&mut ctx, text, opts, &mut issue);
    if articles.is_empty() {
        ctx.warn(1, "no articles found".into());
    }
    if text::han_count(text) == 0 {
        ctx.warn(1, "no Chinese text on this page".into());
    }
    issue.pages = vec![Page {
        number: page_no.unwrap_or(0),
        name: None,
        file: Some(opts.file.clone()),
        ..Default::default()
    }];
    for a in &mut articles {
        a.page = page_no;
    }
    ctx.explain.sort_by_key(|e| e.line);
    ParsedPage {
        file: opts.file.clone(),
        encoding: "UTF-8".into(),
        issue,
        page: page_no,
        articles,
        unassigned: ctx.unassigned,
        masthead: masthead_lines,
        marks: ctx.marks,
        warnings: ctx.warnings,
        explain: if opts.explain {
            ctx.explain
        } else {
            Vec::new()
        },
    }
}

/// The lines pass: masthead lines fill the issue, the rest become units with
/// their class; notes whether the page keeps printed wraps as spaces.
fn lines_pass<'a>(
    ctx: &mut Ctx,
    lines: &[Line<'a>],
    issue: &mut Issue,
    masthead_lines: &mut Vec<Unassigned>,
) -> Vec<Unit<'a>> {
    let mut units: Vec<Unit> = Vec::new();
    let mut top = true;
    let mut latin: Vec<String> = Vec::new();
    let mut wrap_spaces = 0usize;
    let mut long_chars = 0usize;
    let mut prev_masthead = false;
    for (k, l) in lines.iter().enumerate() {
        let read = masthead::read_line(&l.text, top, issue).or_else(|| {
            // A page's section name (`评论`) between masthead lines.
            let next = lines.get(k + 1)?;
            let between = top
                && prev_masthead
                && l.level == 0
                && (2..=6).contains(&text::visible_len(&l.text))
                && l.text.chars().all(text::is_han)
                && masthead::read_line(&next.text, true, &mut issue.clone()).is_some();
            between.then_some(MastheadLine::Section)
        });
        prev_masthead = read.is_some();
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
        top = false;
        let n = l.text.chars().count();
        if n > 30 {
            wrap_spaces += text::wrap_spaces_in(&l.text);
            long_chars += n;
        }
        ctx.mark(l.no, MarkKind::Markup, &l.markup);
        units.push(Unit {
            line: l.clone(),
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

    paragraph_starts(&mut units);
    let mut units = restack(units);

    // Column labels just above a pinyin label line belong to it.
    for i in 1..units.len() {
        if matches!(units[i].class, Class::Label)
            && units[i].line.gap == 0
            && matches!(units[i - 1].class, Class::Title)
            && units[i - 1].text.chars().count() <= 8
        {
            units[i - 1].class = Class::Label;
        }
    }

    units
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

/// A page whose headlines were all drawn first: each goes back over its
/// story ([`stack`]).
fn restack(units: Vec<Unit>) -> Vec<Unit> {
    // Most pages have no stack: tell from their first lines alone.
    let first = units
        .iter()
        .take(3)
        .position(|u| matches!(u.class, Class::Title));
    let run = first.map_or(0, |f| {
        units[f..]
            .iter()
            .take_while(|u| matches!(u.class, Class::Title))
            .count()
    });
    if run < stack::MIN_STACK {
        return units;
    }
    // Side-by-side headlines are split only where a stack is found.
    if let Some(split) = split_merged_titles(&units) {
        if let Ok(done) = restacked(split) {
            return done;
        }
    }
    restacked(units).unwrap_or_else(|u| u)
}

/// `units` in the order [`stack::reorder`] gives, or as they were (`Err`).
fn restacked(units: Vec<Unit>) -> Result<Vec<Unit>, Vec<Unit>> {
    let kinds: Vec<stack::Kind> = units
        .iter()
        .enumerate()
        .map(|(k, u)| stack_kind(u, k == 0))
        .collect();
    let texts: Vec<&str> = units.iter().map(|u| u.text.as_str()).collect();
    let Some((order, end)) = stack::reorder(&texts, &kinds) else {
        return Err(units);
    };
    let is_head =
        |k: usize| k < end && matches!(kinds[k], stack::Kind::Title | stack::Kind::Banner);
    let mut slots: Vec<Option<Unit>> = units.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(slots.len());
    for (p, &k) in order.iter().enumerate() {
        let mut u = slots[k].take().expect("each line once");
        // A headline put back over its story starts it.
        if is_head(k) && (p == 0 || !is_head(order[p - 1])) {
            u.line.gap = u.line.gap.max(2);
        }
        out.push(u);
    }
    Ok(out)
}

/// Headline lines at the top of the page holding several headlines side by
/// side (`甲的标题 乙 丙的更长的标题`, one of them longer than a banner's
/// phrase), each made a line of its own; `None` when there are none.
fn split_merged_titles<'a>(units: &[Unit<'a>]) -> Option<Vec<Unit<'a>>> {
    let first = units.iter().position(|u| matches!(u.class, Class::Title))?;
    let run = units[first..]
        .iter()
        .take_while(|u| matches!(u.class, Class::Title))
        .count();
    let merged = |u: &Unit| {
        let segs: Vec<&str> = u.text.split_whitespace().collect();
        segs.len() >= 2 && segs.iter().any(|s| text::visible_len(s) > 10)
    };
    if first > 2 || !units[first..first + run].iter().any(merged) {
        return None;
    }
    let mut out = Vec::with_capacity(units.len() + 4);
    for (k, u) in units.iter().enumerate() {
        if (first..first + run).contains(&k) && merged(u) {
            for seg in u.text.split_whitespace() {
                out.push(Unit {
                    line: u.line.clone(),
                    text: seg.to_string(),
                    class: Class::Title,
                });
            }
        } else {
            out.push(Unit {
                line: u.line.clone(),
                text: u.text.clone(),
                class: u.class.clone(),
            });
        }
    }
    Some(out)
}

/// A line's kind for [`stack`].
fn stack_kind(u: &Unit, first: bool) -> stack::Kind {
    use stack::Kind;
    match &u.class {
        Class::Title if u.line.gap >= 2 && !first => Kind::Text,
        Class::Title if classify::is_banner_style(&u.text) || classify::is_ad_header(&u.text) => {
            Kind::Banner
        }
        Class::Title => Kind::Title,
        Class::Byline(b) if writes(&b.byline) => Kind::Opener,
        Class::Names(_) => Kind::Opener,
        Class::Byline(_) | Class::Credit | Class::Jump => Kind::Closer,
        Class::Body if u.text.starts_with("本报讯") => Kind::Opener,
        Class::Body if byline::split_closing_role(&u.text).is_some() => Kind::Closer,
        _ => Kind::Text,
    }
}

/// The usual length of body lines (8 characters or more) among `units`:
/// the most common one, 0 when too few lines say.
fn column_len(units: &[Unit]) -> usize {
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

/// Title lines after a finished paragraph, followed by full-width running
/// text: a new article's headline, not a heading inside the old one. The
/// lines are shorter than the column around them (whose usual length the
/// nearby body lines give) and carry no clause commas; a run of two is
/// evidence enough, one line needs a full line after it.
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
    let title = |u: &Unit| {
        text::visible_len(&u.text) + 3 <= col
            && !u.text.contains(['，', ',', '、', '；'])
            && !ends_complete(&u.text)
    };
    if !group.iter().all(title) {
        return false;
    }
    let next_full = units
        .get(end)
        .is_some_and(|n| matches!(n.class, Class::Body) && text::visible_len(&n.text) + 1 >= col);
    if group.len() >= 2 {
        return next_full || units.get(end).is_none();
    }
    next_full && !classify::is_section_heading(&group[0].text)
}

/// The articles pass: a walk over the units grouping headings, bylines and
/// body pieces into drafts.
fn articles_pass(ctx: &mut Ctx, units: &mut [Unit]) {
    let mut i = 0;
    while i < units.len() {
        let u = &units[i];
        let no = u.line.no;
        match &u.class {
            Class::Label => {
                label(ctx, units, i);
                // A label may leave headline text in place for the walk.
                if matches!(units[i].class, Class::Title) {
                    continue;
                }
            }
            Class::Credit => {
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
            Class::Byline(b) => {
                let b = b.clone();
                byline_line(ctx, units, i, &b);
            }
            Class::Names(b) => {
                let header = ctx
                    .open()
                    .is_some_and(|d| d.in_header() && !d.has_byline && d.kind.is_none());
                if header {
                    ctx.note(no, "byline (names)");
                    let b = b.clone();
                    byline_line(ctx, units, i, &b);
                } else if classify::is_title_like(&u.text) {
                    units[i].class = Class::Title;
                    continue;
                } else {
                    body(ctx, &units[i]);
                }
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
            Class::Body => body(ctx, &units[i]),
        }
        i += 1;
    }
}

/// The issue date: printed, given, or from the file name; else a year hint.
fn date_pass(ctx: &mut Ctx, text: &str, opts: &ParseOptions, issue: &mut Issue) -> Option<u32> {
    let page_no = masthead::page_from_name(&opts.file).or(opts.page);
    if issue.date.is_none() {
        issue.date = opts
            .date
            .clone()
            .or_else(|| masthead::date_from_name(&opts.file));
    }
    if issue.date.is_none() {
        match masthead::year_hint(text) {
            Some((y, ev)) => {
                issue.year_hint = Some(y);
                ctx.warn(1, format!("no date printed or given; year {y} from `{ev}` (use --date or a .date file)"));
            }
            None => ctx.warn(
                1,
                "no date printed or given (use --date or a .date file)".into(),
            ),
        }
    }
    page_no
}

/// Another piece of the page interrupts the open article mid-sentence.
fn note_insert(ctx: &mut Ctx, line: u32) {
    if let Some(c) = ctx.cur {
        let d = &mut ctx.drafts[c];
        if d.pieces.last().is_some_and(|p| !ends_complete(&p.text)) && !d.closed {
            d.inserts.push(line);
        }
    }
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
                None => ctx.pending_editor = Some(name),
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

fn byline_line(ctx: &mut Ctx, units: &[Unit], i: usize, b: &ParsedByline) {
    let u = &units[i];
    let no = u.line.no;
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
    if let Some(p) = &b.prefix {
        // A subheadline with the byline glued to its end.
        match &mut d.article.subheadline {
            Some(s) => s.push_str(p),
            None if p.starts_with(['—', '-', '－']) || !d.article.headline.is_empty() => {
                d.article.subheadline = Some(p.clone())
            }
            None => d.article.headline.push_str(p),
        }
    }
    merge_byline(&mut d.article.byline, &b.byline);
    let how = if d.in_header() {
        "byline"
    } else if !d.has_byline {
        // After body text: a photo credit or a closing signature.
        d.closed = true;
        "byline (closing)"
    } else {
        d.inserts.push(no);
        "byline (stray)"
    };
    d.has_byline = true;
    ctx.note(no, how);
    if how == "byline (stray)" {
        ctx.warn(no, "a second byline inside an article; kept with it".into());
    }
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

/// Adds running text to draft `c`, taking off a jump (`(下转2版)`) or a
/// closing byline (`(杜燕华)`).
fn add_piece(ctx: &mut Ctx, c: usize, no: u32, t: &str, heading: bool) {
    let mut t = t.to_string();
    if let Some((rest, page, printed)) = jump::split_jump_to(&t) {
        ctx.mark(no, MarkKind::Jump, &printed);
        ctx.drafts[c].article.continues_to = Some(page);
        ctx.drafts[c].closed = true;
        t = rest;
    } else if let Some((rest, names, marks, role)) = byline::split_closing_role(&t) {
        ctx.mark(no, MarkKind::Role, &marks);
        let d = &mut ctx.drafts[c];
        d.article.byline.names_mut(role).extend(names);
        d.has_byline = true;
        d.closed = true;
        t = rest;
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

/// Decides what a title line at `i` is and returns the next unit to read.
fn title(ctx: &mut Ctx, units: &[Unit], i: usize) -> usize {
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
    let next = units.get(end);
    let starts_article = !in_body || {
        let levels = units[i..end].iter().any(|x| x.line.level > 0);
        let next_byline = matches!(
            next.map(|n| &n.class),
            Some(Class::Byline(_) | Class::Names(_))
        ) || next.is_some_and(|n| n.text.starts_with("本报讯"));
        let photo = matches!(next.map(|n| &n.class), Some(Class::Body))
            && units.get(end + 1).is_some_and(|n| match &n.class {
                Class::Byline(b) => !b.byline.photographers.is_empty(),
                _ => false,
            });
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
        levels
            || next_byline
            || next.is_none()
            || u.line.gap >= 2
            || photo
            || banner
            || parallel
            || headline_after_paragraph(ctx, units, i, end)
    };
    // Right under a headline with nothing between: the first body piece,
    // unless something marks it as a heading of its own.
    let header_open = ctx.open().is_some_and(|d| {
        d.in_header() && !d.closed && d.kind.is_none() && !d.article.headline.is_empty()
    });
    if let Some(why) = runs_on(ctx, units, i, header_open) {
        let d = ctx.cur.unwrap();
        ctx.note(u.line.no, why);
        let t = u.text.clone();
        add_piece(ctx, d, u.line.no, &t, false);
        return i + 1;
    }
    if header_open && u.line.level == 0 && u.line.gap < 2 && end == i + 1 {
        let next_byline = matches!(
            next.map(|n| &n.class),
            Some(Class::Byline(_) | Class::Names(_))
        );
        if !next_byline && !classify::is_banner_style(&u.text) {
            let d = ctx.cur.unwrap();
            ctx.note(u.line.no, "body (short first line)");
            let t = u.text.clone();
            add_piece(ctx, d, u.line.no, &t, false);
            return i + 1;
        }
    }
    if !starts_article {
        let d = ctx.cur.unwrap();
        let last_complete = ctx.drafts[d]
            .pieces
            .last()
            .is_none_or(|p| ends_complete(&p.text));
        if end == i + 1 && last_complete && classify::is_section_heading(&u.text) {
            ctx.note(u.line.no, "section heading");
            let t = u.text.clone();
            add_piece(ctx, d, u.line.no, &t, true);
        } else {
            ctx.note(u.line.no, "body (short line, continues a paragraph)");
            let t = u.text.clone();
            add_piece(ctx, d, u.line.no, &t, false);
        }
        return i + 1;
    }
    heading_group(ctx, &units[i..end], next.is_none());
    end
}

/// A clause mark (`，`, `、`, `；`) before the end of a line: running text.
fn clause_inside(t: &str) -> bool {
    let t = t.trim_end();
    let last = t.char_indices().last().map_or(0, |(i, _)| i);
    t[..last].contains(['，', '、', '；', ','])
}

/// A byline naming who wrote the story (not only its photographer, whose
/// credit may sit between articles, nor its editor).
fn writes(b: &kanbao_bundle::Byline) -> bool {
    !(b.reporters.is_empty()
        && b.intern_reporters.is_empty()
        && b.correspondents.is_empty()
        && b.commentators.is_empty()
        && b.authors.is_empty())
}

/// Two long title lines in one block, neither a wrap of the other: two decks of one
/// header, not a headline broken in two (a headline wraps in its column,
/// into short lines). A shorter first deck is the kicker over the
/// headline; decks of one width are the headline and its subheadline.
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
    if la + 3 <= lb {
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

/// Turns a group of title lines into banners and one article's kicker,
/// headline and subheadline.
fn heading_group(ctx: &mut Ctx, group: &[Unit], at_end: bool) {
    // Blocks: lines with no blank line between them.
    let mut blocks: Vec<Vec<&Unit>> = Vec::new();
    for u in group {
        match blocks.last_mut() {
            Some(b) if u.line.gap == 0 => b.push(u),
            _ => blocks.push(vec![u]),
        }
    }
    let wrapped = ctx.wrapped;
    let min_level = group.iter().map(|u| u.line.level).filter(|&l| l > 0).min();
    // Leading banners and labels.
    let mut banner_lines = Vec::new();
    while !blocks.is_empty() {
        let b = &blocks[0];
        let first = b[0];
        let ad_header = b
            .iter()
            .all(|u| classify::is_ad_header(&u.text) || classify::is_banner_style(&u.text))
            && b.iter().any(|u| classify::is_ad_header(&u.text));
        let by_level = match min_level {
            Some(m) => first.line.level >= m + 2 || (first.line.level >= 4 && m < first.line.level),
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
    if blocks.is_empty() {
        for l in banner_lines {
            note_insert(ctx, l);
        }
        return;
    }
    if let Some(c) = ctx.cur {
        ctx.drafts[c].closed = true;
    }
    let first = blocks[0][0];
    let mut d = Draft::new(first.line.no);
    d.after_gap = first.line.gap >= 2;
    if ctx.ad_next {
        d.kind = Some(ArticleKind::Ad);
        ctx.ad_next = false;
    }
    if let Some(e) = ctx.pending_editor.take() {
        d.article.byline.editors.push(e);
    }
    let all: Vec<&Unit> = blocks.iter().flatten().copied().collect();
    d.line_end = all.last().unwrap().line.no;
    let (kicker, head, sub): (Vec<&Unit>, Vec<&Unit>, Vec<&Unit>) = if let Some(m) = min_level {
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
        } else if let Some(split) = two_decks(&blocks) {
            split
        } else {
            // Lines of the first block form the headline, unless one starts with a dash.
            let h: Vec<&Unit> = b0.iter().take_while(|u| !dash(u)).copied().collect();
            let h = if h.is_empty() { vec![b0[0]] } else { h };
            let rest: Vec<&Unit> = all[h.len()..].to_vec();
            (Vec::new(), h, rest)
        }
    };
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
    if at_end
        && d.kind.is_none()
        && classify::is_banner_style(&d.article.headline)
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> ParsedPage {
        parse_page(
            text,
            &ParseOptions {
                file: "t.txt".into(),
                ..Default::default()
            },
        )
    }

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
    fn a_clause_after_a_cut_sentence_carries_it_on() {
        let p = parse("灾区除夕夜\n本报记者 周笑浪\n除夕之夜，正当千家万户围坐电视机\n\n\n前，张北灾区军民正在联欢。\n");
        assert_eq!(p.articles.len(), 1);
        assert!(p.articles[0].paragraphs.concat().ends_with("联欢。"));
    }
}
