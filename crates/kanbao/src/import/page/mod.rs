//! The raw page parser: classified lines to articles, in passes, each a
//! module read in order:
//! - untangle ([`untangle`]): lines of side-by-side columns that the
//!   extraction took in turn are put back column by column;
//! - lines ([`lines`]): masthead lines fill the issue, the rest become units
//!   with their class; a page of headlines drawn first is restacked
//!   ([`restack`]);
//! - articles ([`articles`]): a walk over the units groups headings
//!   ([`title`], [`heading`]), bylines and body pieces ([`pieces`]) into
//!   article drafts, deciding from context whether a short line is a
//!   headline, a banner, a section heading or a paragraph cut at a column end;
//! - stories printed apart: a headline with no text takes the story that
//!   names it ([`orphans`]), one over a later column of its story the start
//!   under a byline left loose elsewhere ([`apart`]);
//! - fields: each draft's pieces are put in reading order
//!   ([`super::columns`]) and joined into paragraphs ([`super::fields`]);
//! - the issue date.
//!
//! The passes share the parse state and units of [`ctx`].

mod apart;
mod articles;
mod credits;
mod ctx;
mod decks;
mod heading;
mod justify;
mod lines;
mod loose;
mod orphans;
mod pieces;
mod restack;
mod signed;
mod title;
mod untangle;

use kanbao_bundle::{Issue, Page};

use super::classify;
use super::columns::Joins;
use super::fields::{self, corpus_of};
use super::masthead;
use super::model::{ParseOptions, ParsedPage};
use super::text;
use articles::articles_pass;
use ctx::Ctx;
use lines::lines_pass;

/// Parses one page of raw text.
pub fn parse_page(text: &str, opts: &ParseOptions) -> ParsedPage {
    let joins = Joins::new(corpus_of(text));
    let lines = untangle::untangle(classify::lines(text), &joins);
    let mut issue = Issue::default();
    let mut masthead_lines = Vec::new();
    let mut ctx = Ctx {
        file: &opts.file,
        wrapped: false,
        marked: false,
        col_len: 0,
        drafts: Vec::new(),
        cur: None,
        marks: Vec::new(),
        unassigned: Vec::new(),
        warnings: Vec::new(),
        explain: Vec::new(),
        ad_next: false,
        pending_editor: None,
        stacked: Vec::new(),
        loose: Vec::new(),
        forward: Vec::new(),
    };

    let mut units = lines_pass(&mut ctx, &lines, &mut issue, &mut masthead_lines);
    articles_pass(&mut ctx, &mut units);
    credits::place_forward(&mut ctx);
    orphans::find_stories(&mut ctx);
    apart::find_starts(&mut ctx);

    // Pass 3: reading order, paragraphs, kinds.
    let mut articles = Vec::new();
    let wrapped = ctx.wrapped;
    let drafts = std::mem::take(&mut ctx.drafts);
    for d in drafts {
        let mut out = fields::Out {
            file: ctx.file,
            marks: &mut ctx.marks,
            warnings: &mut ctx.warnings,
        };
        if let Some(a) = fields::finish(&mut out, d, wrapped, &joins) {
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

/// Each article's headline and subheadline, for the passes' tests.
#[cfg(test)]
fn heads(p: &ParsedPage) -> Vec<(&str, Option<&str>)> {
    p.articles
        .iter()
        .map(|a| (a.headline.as_str(), a.subheadline.as_deref()))
        .collect()
}

/// Parses `text` as the page `t.txt`, for the passes' tests.
#[cfg(test)]
fn parse(text: &str) -> ParsedPage {
    parse_page(
        text,
        &ParseOptions {
            file: "t.txt".into(),
            ..Default::default()
        },
    )
}
