//! The results page (`#/search?q=…`) with facets, a timeline of hits by month, sorting, paging
//! and helpful empty states. Everything is in the URL.

use std::rc::Rc;

use kanbao_bundle::search::{FacetCount, Filters, Hit, SearchRequest, SearchResults, Sort};
use kanbao_bundle::{escape_html, ArticleKind};
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{use_archive_tracked, ArticleParams, Ctx, Route, SearchParams};
use crate::i18n::{Lang, T};
use crate::views::{href, kind_label, loadable, page_label, query_suffix, route_href};

/// Hits per results page: ten, as readers know from web search. A kiosk
/// screen shows four or five; each page costs the document shards of its
/// hits (a first search at 100,000 articles loads one per hit) and a DOM
/// of some ten nodes per hit.
const PER_PAGE: usize = 10;

/// The filters a URL's parameters ask for.
pub fn filters_of(p: &SearchParams) -> Filters {
    let mut f = Filters::default();
    if let Some(d) = p.date.as_deref().filter(|d| !d.is_empty()) {
        let (from, to) = d.split_once("..").unwrap_or((d, d));
        f.date_from = Some(from.to_string()).filter(|s| !s.is_empty());
        f.date_to = Some(to.to_string()).filter(|s| !s.is_empty());
    }
    f.pages.extend(p.page);
    f.authors.extend(p.author.clone());
    f.kinds.extend(p.kind.clone());
    f.issues.extend(p.issue.clone());
    f
}

fn has_filters(p: &SearchParams) -> bool {
    p.date.is_some()
        || p.page.is_some()
        || p.author.is_some()
        || p.kind.is_some()
        || p.issue.is_some()
}

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
    let req = SearchRequest {
        query: params.q.clone(),
        sort,
        offset: (page - 1) * PER_PAGE,
        limit: PER_PAGE,
        filters: filters_of(&params),
        exhaustive: false,
    };
    // Results behind an Rc: a render clones the answer, and a common word's
    // facets list hundreds of issues.
    let (state, fresh) = use_archive_tracked(req.clone(), |a, req: &SearchRequest| {
        crate::app::mark("kanbao-core-start");
        let r = a.search(req).map(Rc::new);
        if r.is_ok() {
            // For `cargo xtask bench`: the search core's share of a query
            // (its last pass, once every shard it needs is loaded).
            crate::app::measure("kanbao-core", "kanbao-core-start");
        }
        r
    });
    {
        // For `cargo xtask bench`: results of this request are on screen.
        let ready = fresh && matches!(state, crate::app::Loadable::Ready(_));
        use_effect_with((req, ready), |(_, ready)| {
            if *ready {
                crate::app::mark("kanbao-search");
            }
        });
    }
    if params.q.trim().is_empty() && !has_filters(&params) {
        return html! {
            <section class="search" id="search-view">
                <h1 class="visually-hidden">{ ctx.t(T::SearchLabel) }</h1>
                <p class="hint">{ ctx.t(T::TypeToSearch) }</p>
                <p class="hint">{ ctx.t(T::SyntaxHelp) }</p>
            </section>
        };
    }
    // A link-like action that moves to other parameters.
    let to = {
        let navigator = navigator.clone();
        move |next: SearchParams| {
            let navigator = navigator.clone();
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                if let Some(nav) = &navigator {
                    let _ = nav.push_with_query(&Route::Search, &next);
                }
            })
        }
    };
    let with = |f: &dyn Fn(&mut SearchParams)| {
        let mut next = params.clone();
        next.p = None;
        f(&mut next);
        next
    };
    let onkeydown = Callback::from(move_focus);
    html! {
        <section class="search" id="search-view">
            <h1 class="visually-hidden">{ ctx.t(T::SearchLabel) }</h1>
            { loadable(&state, lang, |r: &Rc<SearchResults>| {
                let hl = ArticleParams { hl: Some(r.terms.join(" ")).filter(|s| !s.is_empty()) };
                let chips = active_filters(&params, lang);
                html! {
                <div class="search-layout">
                    <div class="search-main">
                        <div class="result-bar">
                            <p class="count" role="status" aria-live="polite">
                                if !r.exact && r.total > 0 { { ctx.t(T::About) } }
                                <strong>{ r.total }</strong>{ " " }{ ctx.t(T::ResultsCount) }
                            </p>
                            <div class="sort" role="group" aria-label={ctx.t(T::Sort)}>
                                { for [(Sort::Relevance, None, T::SortRelevance), (Sort::Newest, Some("newest"), T::SortNewest), (Sort::Oldest, Some("oldest"), T::SortOldest)].into_iter().map(|(s, key, label)| html! {
                                    <button aria-pressed={(s == sort).to_string()} onclick={to(with(&|p| p.sort = key.map(str::to_string)))}>{ ctx.t(label) }</button>
                                }) }
                            </div>
                        </div>
                        if !chips.is_empty() {
                            <ul class="chips" aria-label={ctx.t(T::ActiveFilters)}>
                                { for chips.into_iter().map(|(label, clear)| html! {
                                    <li><button class="chip" onclick={to(with(&|p| clear(p)))} aria-label={format!("{} {label}", ctx.t(T::Remove))}>{ label }<span aria-hidden="true">{ " ×" }</span></button></li>
                                }) }
                            </ul>
                        }
                        if !r.terms.is_empty() {
                            <p class="terms">{ ctx.t(T::SearchedFor) }{ " " }{ for r.terms.iter().map(|t| html! { <span class="term">{ t.clone() }</span> }) }</p>
                        }
                        { timeline_view(&r.facets.months, &r.facets.years, |k| ctx.t(k), params.date.as_deref(), &params) }
                        if r.total == 0 {
                            <div class="empty" id="no-results">
                                <p><strong>{ ctx.t(T::NoResults) }</strong></p>
                                if has_filters(&params) {
                                    <p>{ ctx.t(T::DropAFilter) }{ " " }
                                        <a href="#" onclick={to(SearchParams { q: params.q.clone(), sort: params.sort.clone(), ..Default::default() })}>{ ctx.t(T::ClearFilters) }</a>
                                    </p>
                                } else {
                                    <p>{ ctx.t(T::NoResultsHint) }</p>
                                }
                            </div>
                        }
                        // The list is written as one string of markup, set at once:
                        // as Yew nodes, twenty hits with their snippets cost some
                        // 300 DOM calls a search. All text in it is escaped.
                        <div class="results-list" {onkeydown}>
                            { Html::from_html_unchecked(results_html(&r.hits, page, &hl, lang, ctx.t(T::Undated)).into()) }
                        </div>
                        if r.total > PER_PAGE {
                            <nav class="pager" aria-label={ctx.t(T::ResultPages)}>
                                if page > 1 { <button onclick={to(SearchParams { p: Some(page - 1), ..params.clone() })}>{ ctx.t(T::PrevPage) }</button> }
                                <span>{ format!("{page} / {}", r.total.div_ceil(PER_PAGE)) }</span>
                                if page * PER_PAGE < r.total { <button onclick={to(SearchParams { p: Some(page + 1), ..params.clone() })}>{ ctx.t(T::NextPage) }</button> }
                            </nav>
                        }
                    </div>
                    <aside class="facets" aria-label={ctx.t(T::Refine)}>
                        // Hits spread over more than five years: the timeline
                        // shows them by year (a bar filters by it), and a year
                        // facet would repeat it.
                        if !by_year(&r.facets.months, &r.facets.years) {
                            { facet_view(ctx.t(T::FacetYear), &r.facets.years, |v| v.to_string(), |p, v| p.date = Some(v.to_string()), params.date.as_deref(), &params) }
                        }
                        { facet_view(ctx.t(T::FacetPage), &r.facets.pages, |v| v.parse().map(|n| page_label(n, lang)).unwrap_or_else(|_| v.to_string()), |p, v| p.page = v.parse().ok(), params.page.map(|n| n.to_string()).as_deref(), &params) }
                        { facet_view(ctx.t(T::FacetAuthor), &r.facets.authors[..r.facets.authors.len().min(12)], |v| v.to_string(), |p, v| p.author = Some(v.to_string()), params.author.as_deref(), &params) }
                        { facet_view(ctx.t(T::FacetKind), &r.facets.kinds, |v| ArticleKind::ALL.iter().find(|k| k.as_str() == v).map(|k| kind_label(*k, lang).to_string()).unwrap_or_else(|| v.to_string()), |p, v| p.kind = Some(v.to_string()), params.kind.as_deref(), &params) }
                        { facet_view(ctx.t(T::FacetIssue), &r.facets.issues[..r.facets.issues.len().min(12)], |v| v.to_string(), |p, v| p.issue = Some(v.to_string()), params.issue.as_deref(), &params) }
                    </aside>
                </div>
            }}) }
        </section>
    }
}

/// The page's hits as the markup of `<ol class="results" id="results">`:
/// headline links to the article with the terms to highlight, date and
/// page, and the snippet with its hits in `<mark>`.
fn results_html(
    hits: &[Hit],
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
    for h in hits {
        out.push_str("<li class=\"hit\"><a class=\"headline\" href=\"");
        let id = h.article_id.clone();
        escape_html(&mut out, &(route_href(&Route::Article { id }) + &hl));
        out.push_str("\">");
        escape_html(&mut out, &h.headline);
        out.push_str("</a><p class=\"meta\">");
        escape_html(&mut out, h.date.as_deref().unwrap_or(undated));
        if let Some(p) = h.page {
            escape_html(&mut out, &format!(" · {}", page_label(p, lang)));
        }
        out.push_str("</p><p class=\"snippet\">");
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

/// One facet: its values, each a link to the search filtered by it, the
/// count drawn from `data-n` (CSS `::after`, read by screen readers with the
/// label). Yew nodes, not a string of markup like the results list: values
/// in the same places from one search to the next (years, pages, kinds) keep
/// their nodes and only the changed counts and links are set, where markup
/// replaced some 300 nodes a search (removing them was 1.6 ms of a warm
/// query in the profile).
fn facet_view(
    title: &str,
    values: &[FacetCount],
    label: impl Fn(&str) -> String,
    set: impl Fn(&mut SearchParams, &str),
    current: Option<&str>,
    base: &SearchParams,
) -> Html {
    if values.len() < 2 && current.is_none() {
        return Html::default();
    }
    html! {
        <section class="facet"><h2>{ title.to_string() }</h2><ul>
            { for values.iter().map(|v| {
                let mut next = SearchParams { p: None, ..base.clone() };
                set(&mut next, &v.value);
                let active = current == Some(v.value.as_str());
                html! {
                    <li><a href={href(&Route::Search, &next)} data-n={v.count.to_string()} class={active.then_some("active")} aria-current={active.then_some("true")}>{ label(&v.value) }</a></li>
                }
            }) }
        </ul></section>
    }
}

/// Hits by month (by year over long spans) as a bar chart of plain links: a
/// bar filters to its month or year, and is a link for the keyboard, touch
/// and screen readers alike (named by its title). Its fill is a CSS
/// `::before` of height `--h`, its label a `::after` of `data-l`. Yew nodes,
/// like the facets: the bars of the same months stay and only their
/// attributes change. Nothing when there are fewer than two bars.
fn timeline_view(
    months: &[FacetCount],
    years: &[FacetCount],
    caption: impl Fn(T) -> &'static str,
    current: Option<&str>,
    base: &SearchParams,
) -> Html {
    let (bars, caption) = if by_year(months, years) {
        (years, caption(T::HitsByYear))
    } else {
        (months, caption(T::HitsByMonth))
    };
    if bars.len() < 2 {
        return Html::default();
    }
    let max = bars.iter().map(|m| m.count).max().unwrap_or(1).max(1) as f32;
    let label_every = (bars.len() / 8).max(1);
    html! {
        <figure class="timeline" id="timeline"><figcaption>{ caption }</figcaption>
            <ol class="bars" style={format!("max-width: {}px", bars.len() * 48)}>
            { for bars.iter().enumerate().map(|(i, m)| {
                let next = SearchParams { date: Some(m.value.clone()), p: None, ..base.clone() };
                let name = format!("{} · {}", m.value, m.count);
                let active = current == Some(m.value.as_str());
                let l = (i % label_every == 0).then(|| if m.value.len() > 4 { m.value.get(2..).unwrap_or(&m.value).to_string() } else { m.value.clone() });
                html! {
                    <li><a href={href(&Route::Search, &next)} title={name} style={format!("--h: {:.3}", m.count as f32 / max)} class={active.then_some("active")} aria-current={active.then_some("true")} data-l={l}></a></li>
                }
            }) }
            </ol>
        </figure>
    }
}

/// The filters in force, each with how to drop it.
type ClearFn = Box<dyn Fn(&mut SearchParams)>;

fn active_filters(p: &SearchParams, lang: Lang) -> Vec<(String, ClearFn)> {
    let mut out: Vec<(String, ClearFn)> = Vec::new();
    if let Some(d) = &p.date {
        out.push((
            format!("{}: {d}", T::FacetDate.s(lang)),
            Box::new(|p| p.date = None),
        ));
    }
    if let Some(n) = p.page {
        out.push((page_label(n, lang), Box::new(|p| p.page = None)));
    }
    if let Some(a) = &p.author {
        out.push((
            format!("{}: {a}", T::FacetAuthor.s(lang)),
            Box::new(|p| p.author = None),
        ));
    }
    if let Some(k) = &p.kind {
        let label = ArticleKind::ALL
            .iter()
            .find(|x| x.as_str() == k)
            .map(|x| kind_label(*x, lang))
            .unwrap_or(k);
        out.push((label.to_string(), Box::new(|p| p.kind = None)));
    }
    if let Some(i) = &p.issue {
        out.push((
            format!("{}: {i}", T::FacetIssue.s(lang)),
            Box::new(|p| p.issue = None),
        ));
    }
    out
}

/// Arrow keys move between result headlines.
fn move_focus(e: KeyboardEvent) {
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

/// Months beyond which the timeline shows years.
const TIMELINE_MAX_MONTHS: usize = 60;

/// Whether the timeline shows the hits by year (then the year facet would
/// repeat it).
fn by_year(months: &[FacetCount], years: &[FacetCount]) -> bool {
    months.len() > TIMELINE_MAX_MONTHS && years.len() > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_markup_escapes_all_text() {
        let hit = Hit {
            doc: 0,
            article_id: "2023-08-03_1_2".into(),
            headline: "<b>平湖</b> & \"羽绒服\"".into(),
            date: Some("2023-08-03".into()),
            page: Some(1),
            score: 1.0,
            snippet: vec![
                kanbao_bundle::search::Fragment {
                    text: "去<script>".into(),
                    hit: false,
                },
                kanbao_bundle::search::Fragment {
                    text: "平湖".into(),
                    hit: true,
                },
            ],
        };
        let hl = ArticleParams {
            hl: Some("平湖 a&b".into()),
        };
        let html = results_html(&[hit], 2, &hl, Lang::Zh, "日期不详");
        assert_eq!(
            html,
            "<ol class=\"results\" id=\"results\" start=\"11\"><li class=\"hit\">\
             <a class=\"headline\" href=\"#/article/2023-08-03_1_2?hl=%E5%B9%B3%E6%B9%96+a%26b\">\
             &lt;b&gt;平湖&lt;/b&gt; &amp; &quot;羽绒服&quot;</a>\
             <p class=\"meta\">2023-08-03 · 第1版</p>\
             <p class=\"snippet\">去&lt;script&gt;<mark>平湖</mark></p></li></ol>"
        );
    }
}
