//! Search: the box in the header and the results page (`#/search?q=…`).

use kanbao_bundle::search::{SearchRequest, SearchResults, Sort};
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{use_archive, Ctx, Route, SearchParams};
use crate::i18n::T;
use crate::views::{fragments, loadable};

const PER_PAGE: usize = 20;

fn current_params(location: &Option<Location>) -> SearchParams {
    location
        .as_ref()
        .and_then(|l| l.query::<SearchParams>().ok())
        .unwrap_or_default()
}

#[component]
pub fn SearchBox() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let navigator = use_navigator();
    let location = use_location();
    let route = use_route::<Route>();
    let input = use_node_ref();
    let on_search_page = route == Some(Route::Search);
    let q = if on_search_page {
        current_params(&location).q
    } else {
        String::new()
    };
    {
        // Keep the box in step with the URL (back/forward, links).
        let input = input.clone();
        use_effect_with(q.clone(), move |q| {
            if let Some(el) = input.cast::<HtmlInputElement>() {
                if el.value() != *q {
                    el.set_value(q);
                }
            }
        });
    }
    let onsubmit = {
        let input = input.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(el) = input.cast::<HtmlInputElement>() else {
                return;
            };
            let q = el.value().trim().to_string();
            if let Some(nav) = &navigator {
                let _ = nav.push_with_query(
                    &Route::Search,
                    &SearchParams {
                        q,
                        ..Default::default()
                    },
                );
            }
        })
    };
    html! {
        <form class="search-box" role="search" {onsubmit}>
            <label for="q" class="visually-hidden">{ ctx.t(T::SearchLabel) }</label>
            <input id="q" name="q" type="search" ref={input} placeholder={ctx.t(T::SearchPlaceholder)}
                autocomplete="off" enterkeyhint="search" value={q} />
            <button type="submit">{ ctx.t(T::SearchButton) }</button>
        </form>
    }
}

#[component]
pub fn SearchView() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let location = use_location();
    let navigator = use_navigator();
    let params = current_params(&location);
    let sort = match params.sort.as_deref() {
        Some("newest") => Sort::Newest,
        Some("oldest") => Sort::Oldest,
        _ => Sort::Relevance,
    };
    let page = params.p.unwrap_or(1).max(1);
    let req = SearchRequest {
        query: params.q.clone(),
        sort,
        offset: (page - 1) * PER_PAGE,
        limit: PER_PAGE,
        ..Default::default()
    };
    let state = use_archive(req, |a, req: &SearchRequest| a.search(req));
    if params.q.trim().is_empty() {
        return html! { <section class="search"><p class="hint">{ ctx.t(T::TypeToSearch) }</p></section> };
    }
    let go = {
        let params = params.clone();
        move |sort: Option<&'static str>, p: Option<usize>| {
            let navigator = navigator.clone();
            let params = params.clone();
            Callback::from(move |_: MouseEvent| {
                let mut next = params.clone();
                if sort.is_some() {
                    next.sort = sort.map(str::to_string).filter(|s| s != "relevance");
                    next.p = None;
                }
                if p.is_some() {
                    next.p = p;
                }
                if let Some(nav) = &navigator {
                    let _ = nav.push_with_query(&Route::Search, &next);
                }
            })
        }
    };
    html! {
        <section class="search" id="search-view">
            { loadable(&state, ctx.lang, |r: &SearchResults| html! {
                <>
                    <div class="result-bar">
                        <p class="count" role="status" aria-live="polite"><strong>{ r.total }</strong>{ " " }{ ctx.t(T::ResultsCount) }</p>
                        <div class="sort" role="group" aria-label={ctx.t(T::Sort)}>
                            { for [(Sort::Relevance, "relevance", T::SortRelevance), (Sort::Newest, "newest", T::SortNewest), (Sort::Oldest, "oldest", T::SortOldest)].into_iter().map(|(s, key, label)| html! {
                                <button aria-pressed={(s == sort).to_string()} onclick={go(Some(key), None)}>{ ctx.t(label) }</button>
                            }) }
                        </div>
                    </div>
                    if r.total == 0 {
                        <div class="empty"><p><strong>{ ctx.t(T::NoResults) }</strong></p><p>{ ctx.t(T::NoResultsHint) }</p></div>
                    }
                    <ol class="results" id="results">
                        { for r.hits.iter().map(|h| html! {
                            <li class="hit">
                                <Link<Route> to={Route::Article { id: h.article_id.clone() }} classes="headline">{ h.headline.clone() }</Link<Route>>
                                <p class="meta">{ h.date.clone().unwrap_or_else(|| ctx.t(T::Undated).to_string()) }{ h.page.map(|p| format!(" · {p}{}", ctx.t(T::Page))).unwrap_or_default() }</p>
                                <p class="snippet">{ fragments(&h.snippet) }</p>
                            </li>
                        }) }
                    </ol>
                    if r.total > PER_PAGE {
                        <nav class="pager" aria-label="pages">
                            if page > 1 { <button onclick={go(None, Some(page - 1))}>{ ctx.t(T::PrevPage) }</button> }
                            <span>{ format!("{page} / {}", r.total.div_ceil(PER_PAGE)) }</span>
                            if page * PER_PAGE < r.total { <button onclick={go(None, Some(page + 1))}>{ ctx.t(T::NextPage) }</button> }
                        </nav>
                    }
                </>
            }) }
        </section>
    }
}
