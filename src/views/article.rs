//! One article: 引题/主题/副题, byline with roles, date and page, body.

use kanbao_bundle::{Article, IssueEntry};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{use_archive, Ctx, Route};
use crate::i18n::{Lang, T};
use crate::views::{byline_text, issue_date, loadable, not_found, paper_line};

#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    pub id: String,
}

#[component]
pub fn ArticleView(props: &ArticleProps) -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let state = use_archive(props.id.clone(), |a, id: &String| {
        let Some(doc) = a.find_article(id)? else {
            return Ok(None);
        };
        let article = a.article(doc)?.cloned();
        let issue = a.manifest.issue_of_doc(doc).cloned();
        Ok(article.zip(issue))
    });
    loadable(
        &state,
        ctx.lang,
        |v: &Option<(Article, IssueEntry)>| match v {
            None => not_found(T::NotFoundArticle, ctx.lang),
            Some((a, entry)) => view(a, entry, &ctx),
        },
    )
}

fn view(a: &Article, entry: &IssueEntry, ctx: &Ctx) -> Html {
    let issue = &entry.issue;
    let lang = ctx.lang;
    let page = a.page.map(|p| {
        if lang == Lang::Zh {
            format!("第{p}版")
        } else {
            format!("page {p}")
        }
    });
    html! {
        <article class="article" id="article-view">
            <header>
                <p class="where">
                    <Link<Route> to={Route::Issue { id: issue.id.clone() }}>
                        { paper_line(issue) }{ " " }{ issue_date(issue, lang) }
                    </Link<Route>>
                    { page.map(|p| format!(" · {p}")).unwrap_or_default() }
                </p>
                if let Some(k) = &a.kicker { <p class="kicker">{ k.clone() }</p> }
                <h1 class="headline">{ a.headline.clone() }</h1>
                if let Some(s) = &a.subheadline { <p class="subheadline">{ s.clone() }</p> }
                if !a.byline.is_empty() { <p class="byline">{ byline_text(&a.byline, lang) }</p> }
            </header>
            if a.interleaved { <p class="notice warn" role="note">{ T::Interleaved.s(lang) }</p> }
            if let Some(from) = &a.continued_from {
                <p class="jump">{ continuation(T::ContinuedFrom, from, a.continued_from_article.as_deref(), lang) }</p>
            }
            <div class="body">
                { for a.paragraphs.iter().enumerate().map(|(i, p)| {
                    let dateline = (i == 0).then(|| a.dateline.clone()).flatten();
                    if a.section_headings.contains(p) {
                        html! { <h2 class="section">{ p.clone() }</h2> }
                    } else {
                        html! { <p>if let Some(d) = dateline { <span class="dateline">{ d }{ " " }</span> }{ p.clone() }</p> }
                    }
                }) }
            </div>
            if let Some(to) = &a.continues_to {
                <p class="jump">{ continuation(T::ContinuesTo, to, a.continues_to_article.as_deref(), lang) }</p>
            }
        </article>
    }
}

fn continuation(label: T, page: &str, target: Option<&str>, lang: Lang) -> Html {
    let text = format!("{} {page}", label.s(lang));
    match target {
        Some(id) => {
            html! { <Link<Route> to={Route::Article { id: id.to_string() }}>{ text }</Link<Route>> }
        }
        None => html! { { text } },
    }
}
