//! An issue: its pages (版) in order, each with its articles.

use kanbao_bundle::{Article, ArticleKind, IssueEntry};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{use_archive, Ctx, Route};
use crate::i18n::T;
use crate::views::{byline_text, issue_date, loadable, not_found, paper_line};

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
    loadable(
        &state,
        ctx.lang,
        |v: &Option<(IssueEntry, Vec<Article>)>| match v {
            None => not_found(T::NotFoundIssue, ctx.lang),
            Some((entry, articles)) => {
                let issue = &entry.issue;
                let mut pages: Vec<u32> = articles.iter().map(|a| a.page.unwrap_or(0)).collect();
                pages.dedup();
                html! {
                    <article class="issue" id="issue-view">
                        <header class="masthead">
                            <p class="paper">{ paper_line(issue) }</p>
                            <h1>{ issue_date(issue, ctx.lang) }</h1>
                            <p class="meta">
                                { issue.lunar_date.clone().unwrap_or_default() }
                                { issue.issue_number.map(|n| format!("  {}", ctx.t(T::IssueNumber).replace("{}", &n.to_string()))).unwrap_or_default() }
                            </p>
                        </header>
                        { for pages.into_iter().map(|p| html! {
                            <section class="page" aria-label={format!("{p} {}", ctx.t(T::Page))}>
                                <h2>{ if ctx.lang == crate::i18n::Lang::Zh { format!("第{p}版") } else { format!("Page {p}") } }</h2>
                                <ul class="articles">
                                    { for articles.iter().filter(|a| a.page.unwrap_or(0) == p).map(|a| article_item(a, &ctx)) }
                                </ul>
                            </section>
                        }) }
                    </article>
                }
            }
        },
    )
}

fn article_item(a: &Article, ctx: &Ctx) -> Html {
    let first: String = a
        .paragraphs
        .first()
        .map(|p| p.chars().take(60).collect())
        .unwrap_or_default();
    let kind_class = format!("article-item kind-{}", a.kind.as_str());
    html! {
        <li class={kind_class}>
            if let Some(k) = &a.kicker { <p class="kicker">{ k.clone() }</p> }
            <Link<Route> to={Route::Article { id: a.id.clone() }} classes="headline">{ a.headline.clone() }</Link<Route>>
            if a.kind != ArticleKind::News {
                <span class="kind">{ match ctx.lang { crate::i18n::Lang::Zh => a.kind.label_zh(), crate::i18n::Lang::En => a.kind.label_en() } }</span>
            }
            if !a.byline.is_empty() { <p class="byline">{ byline_text(&a.byline, ctx.lang) }</p> }
            if !first.is_empty() { <p class="lede">{ first }{ "…" }</p> }
        </li>
    }
}
