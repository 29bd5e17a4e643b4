//! The PDF layout pass: one [`PdfPage`] → a [`ParsedPage`], as passes that
//! read in order: [`lines`] (glyphs → lines), [`blocks`] (lines → blocks),
//! [`order`] (blocks → masthead, boxes, photos, articles in column order),
//! [`fields`] (a group → an article's fields).

use kanbao_bundle::Issue;

use super::blocks;
use super::fields;
use super::lines;
use super::model::PdfPage;
use super::order;
use crate::import::masthead;
use crate::import::model::{ParseOptions, ParsedPage, Unassigned};

/// Parses one PDF page into articles, masthead and unassigned text.
pub fn parse_pdf_page(page: &PdfPage, opts: &ParseOptions) -> ParsedPage {
    let body = lines::body_size(page);
    let segs = lines::segments(page);
    let ls = lines::merge(page, segs, body, &page.vertical_rules());
    let bs = blocks::build(&ls, &page.horizontal_rules());
    let lay = order::arrange(page, &ls, &bs, body, &fields::is_credit_line);
    let body_font = {
        let mut n = std::collections::BTreeMap::<u16, usize>::new();
        for l in ls.iter().filter(|l| (l.size - body).abs() < 0.1) {
            *n.entry(l.font).or_default() += l.glyphs.len();
        }
        n.into_iter().max_by_key(|x| x.1).map_or(0, |x| x.0)
    };
    let mut issue = Issue::default();
    let mut out_mast = Vec::new();
    for &i in &lay.masthead {
        let t = ls[i].text.trim();
        masthead::read_line(t, true, &mut issue);
        out_mast.push(Unassigned {
            line: i as u32 + 1,
            text: t.to_string(),
        });
    }
    let mut unassigned = Vec::new();
    for &b in &lay.loose {
        for &i in &bs[b].lines {
            let t = ls[i].text.trim();
            let top = ls[i].bbox.y1 < 0.15 * page.height;
            if top && masthead::read_line(t, true, &mut issue).is_some() {
                out_mast.push(Unassigned {
                    line: i as u32 + 1,
                    text: t.to_string(),
                });
            } else {
                unassigned.push(Unassigned {
                    line: i as u32 + 1,
                    text: t.to_string(),
                });
            }
        }
    }
    if issue.date.is_none() {
        issue.date = opts.date.clone();
    }
    let number = opts.page.unwrap_or(page.number);
    let mut articles = Vec::new();
    let mut marks = Vec::new();
    for g in &lay.groups {
        let b = fields::build(number, &ls, &bs, g, body, body_font, &page.images);
        articles.push(b.article);
        marks.extend(b.marks);
    }
    ParsedPage {
        file: opts.file.clone(),
        encoding: "pdf".into(),
        issue,
        page: Some(number),
        articles,
        unassigned,
        masthead: out_mast,
        marks,
        warnings: vec![],
        explain: vec![],
    }
}
