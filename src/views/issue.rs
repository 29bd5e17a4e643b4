//! An issue: its pages (版) in order, each with its articles; banners and
//! photos shown as such, ads and notices folded away.

use kanbao_bundle::{Article, ArticleKind, IssueEntry};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::labels::{byline_text, issue_date, kind_label, page_label, paper_line};
use crate::components::status::{loadable, not_found};
use crate::context::{use_archive, Ctx};
use crate::i18n::{Lang, T};
use crate::printed_page::has_view;
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct IssueProps {
    pub id: String,
}

#[component]
pub fn IssueView(props: &IssueProps) -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let state = use_archive(props.id.clone(), |a, id: &String| {
        let Some(entry) = a.manifest.issue(id).cloned() else {
            return Ok(None);
        };
        let docs = a.articles(entry.first_doc..entry.first_doc + entry.article_count)?;
        Ok(Some((
            entry,
            docs.into_iter()
                .map(|(_, a)| a.clone())
                .collect::<Vec<Article>>(),
        )))
    });
    let lang = ctx.lang;
    loadable(
        &state,
        lang,
        |v: &Option<(IssueEntry, Vec<Article>)>| match v {
            None => not_found(T::NotFoundIssue, lang),
            Some((entry, articles)) => {
                let issue = &entry.issue;
                let mut pages: Vec<u32> = articles.iter().map(|a| a.page.unwrap_or(0)).collect();
                pages.sort_unstable();
                pages.dedup();
                let viewable = |p: u32| issue.pages.iter().any(|pg| pg.number == p && has_view(pg));
                let page_name = |p: u32| {
                    issue
                        .pages
                        .iter()
                        .find(|pg| pg.number == p)
                        .and_then(|pg| pg.name.clone())
                };
                html! {
                    <article class="issue" id="issue-view">
                        <header class="masthead">
                            <p class="paper" lang="zh-CN">{ paper_line(issue) }</p>
                            <h1>{ issue_date(issue, lang) }</h1>
                            <p class="meta">
                                if let Some(l) = &issue.lunar_date { <span lang="zh-CN">{ l.clone() }</span> }
                                { issue.issue_number.map(|n| format!("  {}", T::IssueNumber.s(lang).replace("{}", &n.to_string()))).unwrap_or_default() }
                            </p>
                            if pages.len() > 1 {
                                <nav class="page-jump" aria-label={T::Pages.s(lang)}>
                                    { for pages.iter().map(|p| html! { <a href={format!("#/issue/{}", issue.id)} onclick={jump_to(*p)}>{ page_label(*p, lang) }</a> }) }
                                </nav>
                            }
                        </header>
                        { for pages.iter().map(|&p| {
                            let on_page: Vec<&Article> = articles.iter().filter(|a| a.page.unwrap_or(0) == p).collect();
                            let (folded, shown): (Vec<&Article>, Vec<&Article>) = on_page.into_iter().partition(|a| matches!(a.kind, ArticleKind::Ad | ArticleKind::Notice));
                            html! {
                                <section class="page" id={format!("page-{p}")} aria-label={page_label(p, lang)}>
                                    <h2>{ page_label(p, lang) }if let Some(n) = page_name(p) { <span class="page-name" lang="zh-CN">{ n }</span> }
                                        if viewable(p) {
                                            <Link<Route> to={Route::Page { id: issue.id.clone(), n: p }} classes="view-page">{ T::ViewPage.s(lang) }</Link<Route>>
                                        }
                                    </h2>
                                    <ul class="articles" lang="zh-CN">
                                        { for shown.iter().map(|a| article_item(a, lang)) }
                                    </ul>
                                    if !folded.is_empty() {
                                        <details class="folded">
                                            <summary>{ format!("{} ({})", T::AdsAndNotices.s(lang), folded.len()) }</summary>
                                            <ul class="articles" lang="zh-CN">{ for folded.iter().map(|a| article_item(a, lang)) }</ul>
                                        </details>
                                    }
                                </section>
                            }
                        }) }
                    </article>
                }
            }
        },
    )
}

/// Scrolls to a page section without changing the route, its heading just
/// below the sticky header (whose height depends on the width, the text size
/// and kiosk mode), and moves focus there so the keyboard continues from it.
fn jump_to(page: u32) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        let doc = gloo::utils::document();
        let Some(el) = doc.get_element_by_id(&format!("page-{page}")) else {
            return;
        };
        let header = doc
            .query_selector("header.site")
            .ok()
            .flatten()
            .and_then(|h| h.dyn_into::<HtmlElement>().ok())
            .map_or(0, |h| h.offset_height());
        let _ = el.set_attribute("style", &format!("scroll-margin-top: {}px", header + 8));
        el.scroll_into_view();
        if let Some(h) = el
            .query_selector("h2")
            .ok()
            .flatten()
            .and_then(|h| h.dyn_into::<HtmlElement>().ok())
        {
            let _ = h.set_attribute("tabindex", "-1");
            let _ = h.focus();
        }
    })
}

fn article_item(a: &Article, lang: Lang) -> Html {
    let first: String = a
        .paragraphs
        .first()
        .map(|p| p.chars().take(60).collect())
        .unwrap_or_default();
    html! {
        <li class={classes!("article-item", format!("kind-{}", a.kind.as_str()))}>
            if let Some(k) = &a.kicker { <p class="kicker">{ k.clone() }</p> }
            <Link<Route> to={Route::Article { id: a.id.clone() }} classes="headline">{ a.headline.clone() }</Link<Route>>
            if a.kind != ArticleKind::News { <span class="kind" lang={lang.html_lang()}>{ kind_label(a.kind, lang) }</span> }
            if let Some(s) = &a.subheadline { <p class="subheadline">{ s.clone() }</p> }
            if !a.byline.is_empty() { <p class="byline" lang={lang.html_lang()}>{ byline_text(&a.byline, lang) }</p> }
            if !first.is_empty() && a.kind != ArticleKind::Banner { <p class="lede">{ first }{ "…" }</p> }
        </li>
    }
}
