//! The list of a page of hits, written as one string of escaped markup, and
//! moving between its headlines with the arrow keys.

use kanbao_bundle::escape_html;
use kanbao_bundle::search::Hit;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::labels::{issue_date, page_label};
use crate::context::Ctx;
use crate::i18n::{Lang, T};
use crate::route::{page_href, query_suffix, route_href, ArticleParams, Route};

/// Hits per results page: ten, as readers know from web search. A kiosk
/// screen shows four or five; each page costs the document shards of its
/// hits (a first search at 100,000 articles loads one per hit) and a DOM
/// of some ten nodes per hit.
pub const PER_PAGE: usize = 10;

/// For each hit, the page view at it when its page has an image (the terms
/// passed on, to mark the articles that hold them).
pub fn on_pages(ctx: &Ctx, hits: &[Hit], hl: &ArticleParams) -> Vec<Option<String>> {
    let archive = ctx.archive.0.borrow();
    let m = &archive.manifest;
    hits.iter()
        .map(|h| {
            let n = h.page?;
            let e = m.issue_of_doc(h.doc)?;
            let page = e.issue.pages.iter().find(|p| p.number == n)?;
            page.image.as_ref()?;
            page.size?;
            Some(page_href(
                &e.issue.id,
                n,
                Some(&h.article_id),
                hl.hl.as_deref(),
            ))
        })
        .collect()
}

/// The page's hits as the markup of `<ol class="results" id="results">`:
/// headline links to the article with the terms to highlight, date and
/// page (and a link to the page view when `on_page` has one for it), and
/// the snippet with its hits in `<mark>`.
pub fn results_html(
    hits: &[Hit],
    on_page: &[Option<String>],
    page: usize,
    hl: &ArticleParams,
    lang: Lang,
    undated: &str,
) -> String {
    let mut out = format!(
        "<ol class=\"results\" id=\"results\" start=\"{}\">",
        (page - 1) * PER_PAGE + 1
    );
    // Every headline carries the same terms to highlight.
    let hl = query_suffix(hl);
    for (i, h) in hits.iter().enumerate() {
        // The archive's text is Chinese whatever the interface language, so
        // screen readers and fonts treat headline and snippet as such.
        out.push_str("<li class=\"hit\"><a class=\"headline\" lang=\"zh-CN\" href=\"");
        let id = h.article_id.clone();
        escape_html(&mut out, &(route_href(&Route::Article { id }) + &hl));
        out.push_str("\">");
        escape_html(&mut out, &h.headline);
        out.push_str("</a><p class=\"meta\">");
        match h.date.as_deref() {
            // The date as everywhere else in the reader: with its weekday.
            Some(d) => {
                let issue = kanbao_bundle::Issue {
                    date: Some(d.to_string()),
                    ..Default::default()
                };
                escape_html(&mut out, &issue_date(&issue, lang));
            }
            None => escape_html(&mut out, undated),
        }
        if let Some(p) = h.page {
            escape_html(&mut out, &format!(" · {}", page_label(p, lang)));
            if let Some(Some(link)) = on_page.get(i) {
                out.push_str("<a class=\"page-link\" href=\"");
                escape_html(&mut out, link);
                out.push_str("\" aria-label=\"");
                let view = T::ViewPage.s(lang);
                escape_html(
                    &mut out,
                    &format!("{} · {} · {view}", h.headline, page_label(p, lang)),
                );
                out.push_str("\">");
                escape_html(&mut out, view);
                out.push_str("</a>");
            }
        }
        out.push_str("</p><p class=\"snippet\" lang=\"zh-CN\">");
        for f in &h.snippet {
            if f.hit {
                out.push_str("<mark>");
                escape_html(&mut out, &f.text);
                out.push_str("</mark>");
            } else {
                escape_html(&mut out, &f.text);
            }
        }
        out.push_str("</p></li>");
    }
    out.push_str("</ol>");
    out
}

/// Arrow keys move between result headlines.
pub fn move_focus(e: KeyboardEvent) {
    let down = match e.key().as_str() {
        "ArrowDown" => true,
        "ArrowUp" => false,
        _ => return,
    };
    let doc = gloo::utils::document();
    let Ok(links) = doc.query_selector_all("#results .hit a.headline") else {
        return;
    };
    let active = doc.active_element();
    let n = links.length();
    let current = (0..n).find(|&i| {
        links
            .get(i)
            .is_some_and(|l| active.as_ref().is_some_and(|a| a.is_same_node(Some(&l))))
    });
    let next = match (current, down) {
        (None, _) => 0,
        (Some(i), true) => (i + 1).min(n.saturating_sub(1)),
        (Some(i), false) => i.saturating_sub(1),
    };
    if let Some(el) = links
        .get(next)
        .and_then(|l| l.dyn_into::<web_sys::HtmlElement>().ok())
    {
        e.prevent_default();
        let _ = el.focus();
    }
}
