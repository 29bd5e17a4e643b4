//! A printed page (版): its image fitted to the screen, each article's region
//! outlined as a link to the article; zoom and pan by wheel, drag, buttons,
//! keys, pinch and double-tap (kiosk touch screens); previous and next page.
//! A page without an image, or whose image is missing or broken, says so and
//! lists its articles as text: never a blank area.

mod gesture;
mod image;
mod listeners;
mod overlay;
mod stage;
mod text_list;
mod toolbar;
mod viewer;

use kanbao_bundle::{Article, IssueEntry, Page};
use yew::prelude::*;
use yew_router::prelude::*;

use self::overlay::Mark;
use self::text_list::text_list;
use self::viewer::Viewer;
use crate::components::labels::{issue_date, page_label, paper_line};
use crate::components::status::{loadable, not_found};
use crate::context::{use_archive, Ctx};
use crate::i18n::{Lang, T};
use crate::printed_page::{bounds, has_view, regions_on};
use crate::route::{PageParams, Route};

#[derive(Properties, PartialEq)]
pub struct PageProps {
    pub id: String,
    pub n: u32,
}

#[derive(Clone, PartialEq)]
struct Loaded {
    entry: IssueEntry,
    page: Page,
    /// The articles printed on the page, in the issue's order.
    articles: Vec<Article>,
    /// The issue's pages that have a page view, in order.
    viewable: Vec<u32>,
}

#[component]
pub fn PageView(props: &PageProps) -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let location = use_location();
    let params: PageParams = location
        .as_ref()
        .and_then(|l| l.query::<PageParams>().ok())
        .unwrap_or_default();
    let state = use_archive((props.id.clone(), props.n), |a, (id, n): &(String, u32)| {
        let Some(entry) = a.manifest.issue(id).cloned() else {
            return Ok(None);
        };
        let Some(page) = entry.issue.pages.iter().find(|p| p.number == *n).cloned() else {
            return Ok(None);
        };
        let docs = a.articles(entry.first_doc..entry.first_doc + entry.article_count)?;
        let articles = docs
            .into_iter()
            .map(|(_, x)| x)
            .filter(|x| x.page == Some(*n) || x.regions.iter().any(|r| r.page == *n))
            .cloned()
            .collect();
        let mut viewable: Vec<u32> = entry
            .issue
            .pages
            .iter()
            .filter(|p| has_view(p))
            .map(|p| p.number)
            .collect();
        viewable.sort_unstable();
        viewable.dedup();
        Ok(Some(Loaded {
            entry,
            page,
            articles,
            viewable,
        }))
    });
    let lang = ctx.lang;
    loadable(&state, lang, |v: &Option<Loaded>| match v {
        None => not_found(T::NotFoundPage, lang),
        Some(l) => view(l, &params, lang),
    })
}

fn view(l: &Loaded, params: &PageParams, lang: Lang) -> Html {
    let issue = &l.entry.issue;
    let n = l.page.number;
    let label = page_label(n, lang);
    let at = l.viewable.iter().position(|&p| p == n);
    let prev = at.and_then(|i| i.checked_sub(1)).map(|i| l.viewable[i]);
    let next = at.and_then(|i| l.viewable.get(i + 1)).copied();
    let page_link = |p: u32, class: &'static str, dir: T| {
        html! {
            <Link<Route> to={Route::Page { id: issue.id.clone(), n: p }} classes={class}>
                <span class="dir">{ dir.s(lang) }</span>{ " " }{ page_label(p, lang) }
            </Link<Route>>
        }
    };
    let terms: Vec<String> = params
        .hl
        .as_deref()
        .map(|h| h.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    let marks: Vec<Mark> = l
        .articles
        .iter()
        .filter_map(|a| {
            let regions = regions_on(a, n);
            let (x0, y0, x1, y1) = bounds(&regions)?;
            Some(Mark {
                id: a.id.clone(),
                headline: a.headline.clone(),
                regions,
                bounds: (x0, y0, x1, y1),
                hit: !terms.is_empty() && matches_all(a, &terms),
            })
        })
        .collect();
    let body = match (&l.page.image, l.page.size, &l.page.image_error) {
        (Some(image), Some(size), _) => html! {
            <Viewer key={format!("{}#{}", image.file, params.a.as_deref().unwrap_or(""))} image={image.clone()} {size} marks={marks}
                current={params.a.clone()} hl={params.hl.clone()} label={label.clone()}
                texts={l.articles.iter().map(|a| (a.id.clone(), a.headline.clone())).collect::<Vec<_>>()} />
        },
        (None, _, Some(why)) => html! {
            <div class="notice error page-missing" role="alert" id="page-image-error">
                <p><strong>{ T::PageImageFailed.s(lang).replace("{}", &label) }</strong></p>
                <p><code>{ why.clone() }</code></p>
            </div>
        },
        _ => {
            html! { <p class="notice page-missing" id="page-no-image">{ T::PageNoImage.s(lang) }</p> }
        }
    };
    // Without an image to click on, the page's articles as text.
    let text_list = l.page.image.is_none() || l.page.size.is_none();
    html! {
        <article class="page-view" id="page-view" aria-labelledby="page-title">
            <header class="page-head">
                <p class="where">
                    <Link<Route> to={Route::Issue { id: issue.id.clone() }}>
                        <span lang="zh-CN">{ paper_line(issue) }</span>{ " · " }{ issue_date(issue, lang) }
                    </Link<Route>>
                </p>
                <h1 id="page-title">
                    { label.clone() }
                    if let Some(name) = &l.page.name { <span class="page-name" lang="zh-CN">{ name.clone() }</span> }
                </h1>
                if prev.is_some() || next.is_some() {
                    <nav class="page-nav" aria-label={T::Pages.s(lang)}>
                        if let Some(p) = prev { { page_link(p, "prev", T::PrevPrintedPage) } }
                        if let Some(p) = next { { page_link(p, "next", T::NextPrintedPage) } }
                    </nav>
                }
            </header>
            { body }
            if text_list { { article_list(&l.articles, lang) } }
        </article>
    }
}

/// Whether every term is in the article's text (the search's terms, to mark
/// the articles that matched on the page).
fn matches_all(a: &Article, terms: &[String]) -> bool {
    terms
        .iter()
        .all(|t| a.fields().any(|(_, text)| text.contains(t.as_str())))
}

fn article_list(articles: &[Article], lang: Lang) -> Html {
    let items: Vec<(String, String)> = articles
        .iter()
        .map(|a| (a.id.clone(), a.headline.clone()))
        .collect();
    text_list(&items, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_matches_when_it_holds_every_term() {
        let a = Article {
            headline: "平湖新闻".into(),
            paragraphs: vec!["羽绒服厂开工".into()],
            ..Default::default()
        };
        assert!(matches_all(&a, &["平湖".into(), "羽绒服".into()]));
        assert!(!matches_all(&a, &["平湖".into(), "北京".into()]));
    }
}
