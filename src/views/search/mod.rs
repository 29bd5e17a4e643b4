//! The results page (`#/search?q=…`) with facets, a timeline of hits by month, sorting, paging
//! and helpful empty states. Everything is in the URL.

mod counts;
mod facets;
mod layout;
mod messages;
mod params;
mod results;
#[cfg(test)]
mod tests;
mod timeline;

use std::rc::Rc;

use kanbao_bundle::search::{SearchRequest, SearchResults, Sort};
use kanbao_bundle::{Archive, Need};
use yew::prelude::*;
use yew_router::prelude::*;

use self::counts::steady;
use self::layout::ResultsPage;
use self::params::{filters_of, has_filters};
use self::results::PER_PAGE;
use crate::components::status::loadable;
use crate::context::{use_archive_tracked, Ctx, Loadable};
use crate::i18n::T;
use crate::perf::{mark, measure};
use crate::route::SearchParams;

#[component]
pub fn SearchView() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let location = use_location();
    let navigator = use_navigator();
    let params = SearchParams::of(&location);
    let lang = ctx.lang;
    let sort = match params.sort.as_deref() {
        Some("newest") => Sort::Newest,
        Some("oldest") => Sort::Oldest,
        _ => Sort::Relevance,
    };
    let page = params.p.unwrap_or(1).max(1);
    // First the results, ranked without doc info in a large archive; then,
    // once they are shown, the same request with the facets by page, kind
    // and byline, which load the candidates' doc-info shards.
    let req = SearchRequest {
        query: params.q.clone(),
        sort,
        offset: (page - 1) * PER_PAGE,
        limit: PER_PAGE,
        filters: filters_of(&params),
        exhaustive: false,
        doc_info_facets: false,
        // Matches found so far are shown while many candidates are checked.
        progressive: true,
    };
    let (first, full_page) = use_search(req.clone());
    let full = use_facets(full_page.then_some(SearchRequest {
        doc_info_facets: true,
        ..req
    }));
    let state = match full {
        Some(r) => Loadable::Ready(r),
        None => first,
    };
    if params.q.trim().is_empty() && !has_filters(&params) {
        return html! {
            <section class="search" id="search-view">
                <h1 class="visually-hidden">{ ctx.t(T::SearchLabel) }</h1>
                <p class="hint">{ ctx.t(T::TypeToSearch) }</p>
                <p class="hint">{ ctx.t(T::SyntaxHelp) }</p>
            </section>
        };
    }
    // Counts of earlier pages of the same matches (query and filters; the
    // sort and page do not change them), so that an estimate does not move
    // from page to page: it stays until a page knows the exact count.
    let counts = use_mut_ref(|| None::<(String, Rc<SearchResults>)>);
    let counts_key = format!("{}\u{0}{:?}", params.q, filters_of(&params));
    let results = ResultsPage::new(&ctx, &params, navigator, sort, page);
    html! {
        <section class="search" id="search-view">
            <h1 class="visually-hidden">{ ctx.t(T::SearchLabel) }</h1>
            { loadable(&state, lang, |r: &Rc<SearchResults>| {
                // The count and facets shown: this answer's, or while it is an
                // estimate, the first estimate of the same matches.
                let c = steady(&mut counts.borrow_mut(), &counts_key, r);
                results.view(r, &c)
            }) }
        </section>
    }
}

/// The results of `req`, with the marks `cargo xtask bench` reads, and
/// whether they answer it with a full page on screen. Results behind an
/// Rc: a render clones the answer, and a common word's facets list hundreds
/// of issues. A progressive answer (the matches found so far) is shown while
/// the files it lists as pending load; then the search runs again
/// (`round`), until the page is full.
#[hook]
fn use_search(req: SearchRequest) -> (Loadable<Rc<SearchResults>>, bool) {
    let round = use_state(|| 0u32);
    let (state, fresh) = use_archive_tracked((Some(req.clone()), *round), answer);
    let state = match state {
        Loadable::Ready(Some(r)) => Loadable::Ready(r),
        Loadable::Ready(None) | Loadable::Loading => Loadable::Loading,
        Loadable::Failed(e) => Loadable::Failed(e),
    };
    let ready = fresh && matches!(state, Loadable::Ready(_));
    let pending = match &state {
        Loadable::Ready(r) if fresh => r.pending.clone(),
        _ => Vec::new(),
    };
    // For `cargo xtask bench`: the first results of this request are on
    // screen, and its full page.
    let full = ready && pending.is_empty();
    use_effect_with((req, ready, full), |(_, ready, full)| {
        if *ready {
            mark("kanbao-search");
        }
        if *full {
            mark("kanbao-search-full");
        }
    });
    let ctx = use_context::<Ctx>().expect("context");
    use_effect_with(pending, move |pending| {
        let live = Rc::new(std::cell::Cell::new(true));
        if !pending.is_empty() {
            let files = pending.clone();
            let live = live.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Loaded or failed, the search runs again: it shows the
                // next matches, or the error.
                let _ = ctx
                    .archive
                    .resolve(|a| {
                        if files.iter().all(|f| a.is_loaded(f)) {
                            Ok(())
                        } else {
                            Err(Need(files.clone()))
                        }
                    })
                    .await;
                if live.get() {
                    round.set(*round + 1);
                }
            });
        }
        move || live.set(false)
    });
    (state, full)
}

/// The results of `req` with every facet, once there is a request and they
/// answer it.
#[hook]
fn use_facets(req: Option<SearchRequest>) -> Option<Rc<SearchResults>> {
    match use_archive_tracked((req, 0), answer) {
        (Loadable::Ready(r), true) => r,
        _ => None,
    }
}

/// The answer to `req`, if any (the round of a progressive search beside
/// it): one function for both requests of the view, so that they share one
/// copy of the loading hook in the wasm.
fn answer(
    a: &Archive,
    (req, _round): &(Option<SearchRequest>, u32),
) -> Result<Option<Rc<SearchResults>>, Need> {
    let Some(req) = req else {
        return Ok(None);
    };
    // For `cargo xtask bench`: the search core's share of the first request
    // (its last pass, once every shard it needs is loaded).
    let first = !req.doc_info_facets;
    if first {
        mark("kanbao-core-start");
    }
    let r = a.search(req).map(Rc::new);
    if first && r.is_ok() {
        measure("kanbao-core", "kanbao-core-start");
    }
    r.map(Some)
}
