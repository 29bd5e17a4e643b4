//! The results page (`#/search?q=…`) with facets, a timeline of hits by month, sorting, paging
//! and helpful empty states. Everything is in the URL.

use std::rc::Rc;

use kanbao_bundle::search::query::{text_filters, FilterField, TextFilter, UNDATED};
use kanbao_bundle::search::{parse, FacetCount, Filters, Hit, SearchRequest, SearchResults, Sort};
use kanbao_bundle::{escape_html, ArticleKind, Manifest};
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::labels::{issue_date, kind_label, page_label, paper_line};
use crate::components::status::loadable;
use crate::context::{use_archive_tracked, Ctx, Loadable};
use crate::i18n::{Lang, T};
use crate::perf::{mark, measure};
use crate::route::{href, page_href, query_suffix, route_href, ArticleParams, Route, SearchParams};

/// Hits per results page: ten, as readers know from web search. A kiosk
/// screen shows four or five; each page costs the document shards of its
/// hits (a first search at 100,000 articles loads one per hit) and a DOM
/// of some ten nodes per hit.
const PER_PAGE: usize = 10;

/// The filters a URL's parameters ask for.
pub fn filters_of(p: &SearchParams) -> Filters {
    let mut f = Filters::default();
    if p.date.as_deref() == Some(UNDATED) {
        f.undated = true;
    } else if let Some(d) = p.date.as_deref().filter(|d| !d.is_empty()) {
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
        mark("kanbao-core-start");
        let r = a.search(req).map(Rc::new);
        if r.is_ok() {
            // For `cargo xtask bench`: the search core's share of a query
            // (its last pass, once every shard it needs is loaded).
            measure("kanbao-core", "kanbao-core-start");
        }
        r
    });
    {
        // For `cargo xtask bench`: results of this request are on screen.
        let ready = fresh && matches!(state, Loadable::Ready(_));
        use_effect_with((req, ready), |(_, ready)| {
            if *ready {
                mark("kanbao-search");
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
    // Counts of earlier pages of the same matches (query and filters; the
    // sort and page do not change them), so that an estimate does not move
    // from page to page: it stays until a page knows the exact count.
    let counts = use_mut_ref(|| None::<(String, Rc<SearchResults>)>);
    let counts_key = format!("{}\u{0}{:?}", params.q, filters_of(&params));
    let typed = parse(&params.q);
    let typed_filters = text_filters(&params.q);
    // The query without its typed filters: what "clear all filters" leaves.
    let q_without_filters = typed_filters
        .iter()
        .rev()
        .fold(params.q.clone(), |q, f| f.remove_from(&q));
    let filtered = has_filters(&params) || !typed_filters.is_empty();
    html! {
        <section class="search" id="search-view">
            <h1 class="visually-hidden">{ ctx.t(T::SearchLabel) }</h1>
            { loadable(&state, lang, |r: &Rc<SearchResults>| {
                // The count and facets shown: this answer's, or while it is an
                // estimate, the first estimate of the same matches.
                let c = steady(&mut counts.borrow_mut(), &counts_key, r);
                let hl = ArticleParams { hl: Some(r.terms.join(" ")).filter(|s| !s.is_empty()) };
                let (chips, issues, last_page) = {
                    let archive = ctx.archive.0.borrow();
                    let m = &archive.manifest;
                    let issues: Vec<(FacetCount, String)> = r
                        .facets
                        .top_issues(12)
                        .into_iter()
                        .map(|f| {
                            let label = issue_label(m, &f.value, lang);
                            (f, label)
                        })
                        .collect();
                    (
                        active_filters(&params, &typed_filters, m, lang),
                        issues,
                        c.total.div_ceil(PER_PAGE).max(1),
                    )
                };
                let estimate = !c.exact;
                let past_end = r.hits.is_empty() && c.total > 0 && page > 1;
                let years = with_undated(&c.facets.years, c.facets.undated);
                html! {
                <div class="search-layout">
                    <div class="search-main">
                        <div class="result-bar">
                            <p class="count" role="status" aria-live="polite"
                                title={estimate.then(|| format_n(ctx.t(T::CountRange), &[c.certain, c.certain + c.unknown]))}>
                                if estimate && c.total > 0 { { ctx.t(T::About) } }
                                <strong>{ c.total }</strong>{ " " }{ ctx.t(T::ResultsCount) }
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
                        { timeline_view(&c.facets.months, &years, |k| ctx.t(k), params.date.as_deref(), &params, estimate) }
                        if c.total == 0 {
                            <div class="empty" id="no-results">
                                <p><strong>{ ctx.t(T::NoResults) }</strong></p>
                                if typed.only_exclusions() {
                                    <p id="only-exclusions">{ ctx.t(T::OnlyExclusions) }</p>
                                } else if typed.is_empty() {
                                    <p id="nothing-to-search">{ ctx.t(T::NothingToSearch) }</p>
                                } else if !typed.quoted.is_empty() {
                                    <p id="phrase-no-hit">{ format_s(ctx.t(T::PhraseNoHit), &typed.quoted.iter().map(|p| format!("“{p}”")).collect::<Vec<_>>().join("、")) }{ " " }
                                        <a href={href(&Route::Search, &SearchParams { q: without_quotes(&params.q), p: None, ..params.clone() })}
                                            onclick={to(SearchParams { q: without_quotes(&params.q), p: None, ..params.clone() })}>{ ctx.t(T::SearchWithoutQuotes) }</a>
                                    </p>
                                } else if filtered {
                                    <p>{ ctx.t(T::DropAFilter) }{ " " }
                                        <a href="#" onclick={to(SearchParams { q: q_without_filters.clone(), sort: params.sort.clone(), ..Default::default() })}>{ ctx.t(T::ClearFilters) }</a>
                                    </p>
                                } else {
                                    <p>{ ctx.t(T::NoResultsHint) }</p>
                                }
                            </div>
                        }
                        if past_end {
                            <div class="empty" id="past-end">
                                <p>{ format_n(ctx.t(T::PastLastPage), &[page, last_page]) }{ " " }
                                    <a href={href(&Route::Search, &SearchParams { p: Some(last_page), ..params.clone() })}
                                        onclick={to(SearchParams { p: Some(last_page), ..params.clone() })}>{ ctx.t(T::GoToLastPage) }</a>
                                </p>
                            </div>
                        }
                        // The list is written as one string of markup, set at once:
                        // as Yew nodes, twenty hits with their snippets cost some
                        // 300 DOM calls a search. All text in it is escaped.
                        <div class="results-list" {onkeydown}>
                            { Html::from_html_unchecked(results_html(&r.hits, &on_pages(&ctx, &r.hits, &hl), page, &hl, lang, ctx.t(T::Undated)).into()) }
                        </div>
                        // Only pages known to have hits are offered: the next
                        // when a hit beyond this page is known (`has_more`),
                        // "p / n" only when the count is exact.
                        if !past_end && (page > 1 || r.has_more) {
                            <nav class="pager" aria-label={ctx.t(T::ResultPages)}>
                                if page > 1 { <button onclick={to(SearchParams { p: Some(page - 1), ..params.clone() })}>{ ctx.t(T::PrevPage) }</button> }
                                <span id="page-of">{ if c.exact { format!("{page} / {last_page}") } else { format_n(ctx.t(T::PageN), &[page]) } }</span>
                                if r.has_more { <button onclick={to(SearchParams { p: Some(page + 1), ..params.clone() })}>{ ctx.t(T::NextPage) }</button> }
                            </nav>
                        }
                    </div>
                    <aside class="facets" aria-label={ctx.t(T::Refine)}>
                        if estimate && c.total > 0 {
                            <p class="facet-note" id="facets-estimated">{ ctx.t(T::EstimatedCounts) }</p>
                        }
                        // Hits spread over more than five years: the timeline
                        // shows them by year (a bar filters by it), and a year
                        // facet would repeat it.
                        if !by_year(&c.facets.months, &c.facets.years) {
                            { facet_view(ctx.t(T::FacetYear), &years, |v| if v == UNDATED { ctx.t(T::Undated).to_string() } else { v.to_string() }, |p, v| p.date = Some(v.to_string()), params.date.as_deref(), &params, estimate, lang) }
                        }
                        { facet_view(ctx.t(T::FacetPage), &c.facets.pages, |v| v.parse().map(|n| page_label(n, lang)).unwrap_or_else(|_| v.to_string()), |p, v| p.page = v.parse().ok(), params.page.map(|n| n.to_string()).as_deref(), &params, estimate, lang) }
                        { facet_view(ctx.t(T::FacetAuthor), &c.facets.authors[..c.facets.authors.len().min(12)], |v| v.to_string(), |p, v| p.author = Some(v.to_string()), params.author.as_deref(), &params, estimate, lang) }
                        { facet_view(ctx.t(T::FacetKind), &c.facets.kinds, |v| ArticleKind::ALL.iter().find(|k| k.as_str() == v).map(|k| kind_label(*k, lang).to_string()).unwrap_or_else(|| v.to_string()), |p, v| p.kind = Some(v.to_string()), params.kind.as_deref(), &params, estimate, lang) }
                        { facet_view(ctx.t(T::FacetIssue), &issues.iter().map(|(f, _)| f.clone()).collect::<Vec<_>>(), |v| issues.iter().find(|(f, _)| f.value == v).map(|(_, l)| l.clone()).unwrap_or_else(|| v.to_string()), |p, v| p.issue = Some(v.to_string()), params.issue.as_deref(), &params, estimate, lang) }
                    </aside>
                </div>
            }}) }
        </section>
    }
}

/// The results whose count and facets to show for `key`: `r` when it is
/// exact or the first for `key`, else the earlier answer for `key` (an
/// earlier exact count, or the first estimate). Remembers what it returns.
fn steady(
    memo: &mut Option<(String, Rc<SearchResults>)>,
    key: &str,
    r: &Rc<SearchResults>,
) -> Rc<SearchResults> {
    let keep = match memo {
        Some((k, prev)) if k == key => !r.exact || prev.exact,
        _ => false,
    };
    if !keep {
        *memo = Some((key.to_string(), r.clone()));
    }
    memo.as_ref()
        .map(|(_, c)| c.clone())
        .unwrap_or_else(|| r.clone())
}

/// `template` with each `{}` replaced by the next of `values`.
fn format_n(template: &str, values: &[usize]) -> String {
    let mut out = String::new();
    let mut parts = template.split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        if let Some(v) = values.get(i) {
            out.push_str(&v.to_string());
        }
        out.push_str(part);
    }
    out
}

/// `template` with its `{}` replaced by `value`.
fn format_s(template: &str, value: &str) -> String {
    template.replacen("{}", value, 1)
}

/// The query with its quotes taken out: the phrase's words searched apart.
fn without_quotes(q: &str) -> String {
    let s: String = q
        .chars()
        .map(|c| {
            if matches!(c, '"' | '“' | '”' | '＂') {
                ' '
            } else {
                c
            }
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The years, then a 日期不详 bucket of the undated matches (value [`UNDATED`]).
fn with_undated(years: &[FacetCount], undated: usize) -> Vec<FacetCount> {
    let mut out = years.to_vec();
    if undated > 0 {
        out.push(FacetCount {
            value: UNDATED.to_string(),
            count: undated,
        });
    }
    out
}

/// A readable name of an issue: its id (a date) when dated, else
/// `日期不详（2023？）· 嘉兴日报 · 平湖版`, never the raw `undated-…` id.
fn issue_label(m: &Manifest, id: &str, lang: Lang) -> String {
    let Some(e) = m.issue(id) else {
        return id.to_string();
    };
    if e.issue.date.is_some() {
        return id.to_string();
    }
    let paper = paper_line(&e.issue);
    let date = issue_date(&e.issue, lang);
    if paper.is_empty() {
        date
    } else {
        format!("{date} · {paper}")
    }
}

/// For each hit, the page view at it when its page has an image (the terms
/// passed on, to mark the articles that hold them).
fn on_pages(ctx: &Ctx, hits: &[Hit], hl: &ArticleParams) -> Vec<Option<String>> {
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
fn results_html(
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

/// One facet: its values, each a link to the search filtered by it, the
/// count drawn from `data-n` (CSS `::after`, read by screen readers with the
/// label). Yew nodes, not a string of markup like the results list: values
/// in the same places from one search to the next (years, pages, kinds) keep
/// their nodes and only the changed counts and links are set, where markup
/// replaced some 300 nodes a search (removing them was 1.6 ms of a warm
/// query in the profile).
///
/// Estimated counts (`estimate`) are shown as such: `约12` / `~12`.
#[allow(clippy::too_many_arguments)]
fn facet_view(
    title: &str,
    values: &[FacetCount],
    label: impl Fn(&str) -> String,
    set: impl Fn(&mut SearchParams, &str),
    current: Option<&str>,
    base: &SearchParams,
    estimate: bool,
    lang: Lang,
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
                    <li><a href={href(&Route::Search, &next)} data-n={count_text(v.count, estimate, lang)} class={active.then_some("active")} aria-current={active.then_some("true")}>{ label(&v.value) }</a></li>
                }
            }) }
        </ul></section>
    }
}

/// A count as shown beside a facet value or in a bar's name: `约12` when
/// estimated.
fn count_text(n: usize, estimate: bool, lang: Lang) -> String {
    if estimate {
        format!("{}{n}", T::AboutShort.s(lang))
    } else {
        n.to_string()
    }
}

/// Hits by month (by year over long spans) as a bar chart of plain links: a
/// bar filters to its month or year, and is a link for the keyboard, touch
/// and screen readers alike (named by its title). Its fill is a CSS
/// `::before` of height `--h`, its label a `::after` of `data-l`. Yew nodes,
/// like the facets: the bars of the same months stay and only their
/// attributes change. Nothing when there are fewer than two bars. `years`
/// may end in the 日期不详 bucket ([`UNDATED`]): it is the last bar either
/// way, so undated matches are not lost from the chart.
fn timeline_view(
    months: &[FacetCount],
    years: &[FacetCount],
    caption: impl Fn(T) -> &'static str,
    current: Option<&str>,
    base: &SearchParams,
    estimate: bool,
) -> Html {
    let undated = years.last().filter(|y| y.value == UNDATED);
    let dated = &years[..years.len() - undated.is_some() as usize];
    let (mut bars, caption_text) = if by_year(months, dated) {
        (dated.to_vec(), caption(T::HitsByYear))
    } else {
        (months.to_vec(), caption(T::HitsByMonth))
    };
    bars.extend(undated.cloned());
    let about = if estimate { caption(T::AboutShort) } else { "" };
    if bars.len() < 2 {
        return Html::default();
    }
    let max = bars.iter().map(|m| m.count).max().unwrap_or(1).max(1) as f32;
    let label_every = (bars.len() / 8).max(1);
    html! {
        <figure class="timeline" id="timeline"><figcaption>{ caption_text }</figcaption>
            <ol class="bars" style={format!("max-width: {}px", bars.len() * 48)}>
            { for bars.iter().enumerate().map(|(i, m)| {
                let next = SearchParams { date: Some(m.value.clone()), p: None, ..base.clone() };
                let is_undated = m.value == UNDATED;
                let shown = if is_undated { caption(T::Undated) } else { m.value.as_str() };
                let name = format!("{shown} · {about}{}", m.count);
                let active = current == Some(m.value.as_str());
                let l = if is_undated {
                    Some(caption(T::UndatedShort).to_string())
                } else {
                    (i % label_every == 0).then(|| if m.value.len() > 4 { m.value.get(2..).unwrap_or(&m.value).to_string() } else { m.value.clone() })
                };
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

/// The filters in force, each with how to drop it: those of the URL (facet
/// clicks), then those typed in the query (`版:1`, `作者:…`, `日期:…`, a
/// range), dropped by taking their word out of the query.
fn active_filters(
    p: &SearchParams,
    typed: &[TextFilter],
    m: &Manifest,
    lang: Lang,
) -> Vec<(String, ClearFn)> {
    let mut out: Vec<(String, ClearFn)> = Vec::new();
    let date_label = |d: &str| {
        let d = if d == UNDATED { T::Undated.s(lang) } else { d };
        format!("{}: {d}", T::FacetDate.s(lang))
    };
    let kind_name = |k: &str| {
        ArticleKind::ALL
            .iter()
            .find(|x| x.as_str() == k)
            .map(|x| kind_label(*x, lang).to_string())
            .unwrap_or_else(|| k.to_string())
    };
    let issue_name = |i: &str| format!("{}: {}", T::FacetIssue.s(lang), issue_label(m, i, lang));
    let author_name = |a: &str| format!("{}: {a}", T::FacetAuthor.s(lang));
    if let Some(d) = &p.date {
        out.push((date_label(d), Box::new(|p| p.date = None)));
    }
    if let Some(n) = p.page {
        out.push((page_label(n, lang), Box::new(|p| p.page = None)));
    }
    if let Some(a) = &p.author {
        out.push((author_name(a), Box::new(|p| p.author = None)));
    }
    if let Some(k) = &p.kind {
        out.push((kind_name(k), Box::new(|p| p.kind = None)));
    }
    if let Some(i) = &p.issue {
        out.push((issue_name(i), Box::new(|p| p.issue = None)));
    }
    for f in typed {
        let label = match f.field {
            FilterField::Date => date_label(&f.value),
            FilterField::Page => f
                .value
                .parse()
                .map(|n| page_label(n, lang))
                .unwrap_or_else(|_| f.value.clone()),
            FilterField::Author => author_name(&f.value),
            FilterField::Kind => kind_name(&f.value),
            FilterField::Issue => issue_name(&f.value),
        };
        let f = f.clone();
        out.push((label, Box::new(move |p| p.q = f.remove_from(&p.q))));
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
        let html = results_html(
            std::slice::from_ref(&hit),
            &[],
            2,
            &hl,
            Lang::Zh,
            "日期不详",
        );
        assert_eq!(
            html,
            "<ol class=\"results\" id=\"results\" start=\"11\"><li class=\"hit\">\
             <a class=\"headline\" lang=\"zh-CN\" href=\"#/article/2023-08-03_1_2?hl=%E5%B9%B3%E6%B9%96+a%26b\">\
             &lt;b&gt;平湖&lt;/b&gt; &amp; &quot;羽绒服&quot;</a>\
             <p class=\"meta\">2023年8月3日 星期四 · 第1版</p>\
             <p class=\"snippet\" lang=\"zh-CN\">去&lt;script&gt;<mark>平湖</mark></p></li></ol>"
        );
        // In English the date keeps its weekday; the Chinese text stays marked.
        let en = results_html(
            std::slice::from_ref(&hit),
            &[],
            1,
            &hl,
            Lang::En,
            "Date unknown",
        );
        assert!(!en.contains("page-link"), "{en}");
        // A hit on a page with an image links to the page view at it.
        let link = Some("#/issue/2023-08-03/page/1?a=2023-08-03_1_2".to_string());
        let on = results_html(&[hit], &[link], 1, &hl, Lang::Zh, "日期不详");
        assert!(
            on.contains("<a class=\"page-link\" href=\"#/issue/2023-08-03/page/1?a=2023-08-03_1_2\" aria-label=\"&lt;b&gt;平湖&lt;/b&gt; &amp; &quot;羽绒服&quot; · 第1版 · 看版面\">看版面</a>"),
            "{on}"
        );
        assert!(en.contains("Thursday, 3 August 2023"), "{en}");
        assert!(en.contains("class=\"snippet\" lang=\"zh-CN\""), "{en}");
    }

    fn manifest_with_undated() -> Manifest {
        let mut m = Manifest::default();
        m.issues.push(kanbao_bundle::IssueEntry {
            issue: kanbao_bundle::Issue {
                id: "undated-7a471faf".into(),
                paper: Some("嘉兴日报".into()),
                edition: Some("平湖版".into()),
                year_hint: Some(2023),
                ..Default::default()
            },
            first_doc: 0,
            article_count: 1,
        });
        m.issues.push(kanbao_bundle::IssueEntry {
            issue: kanbao_bundle::Issue {
                id: "1998-01-28".into(),
                date: Some("1998-01-28".into()),
                ..Default::default()
            },
            first_doc: 1,
            article_count: 1,
        });
        m
    }

    #[test]
    fn undated_issues_have_readable_names() {
        let m = manifest_with_undated();
        assert_eq!(
            issue_label(&m, "undated-7a471faf", Lang::Zh),
            "日期不详（2023？） · 嘉兴日报 · 平湖版"
        );
        assert_eq!(issue_label(&m, "1998-01-28", Lang::Zh), "1998-01-28");
        assert!(!issue_label(&m, "undated-7a471faf", Lang::En).contains("undated-"));
        let years = with_undated(
            &[FacetCount {
                value: "2023".into(),
                count: 3,
            }],
            2,
        );
        assert_eq!(years.last().map(|y| y.value.as_str()), Some(UNDATED));
        assert!(with_undated(&[], 0).is_empty());
        let p = SearchParams {
            date: Some(UNDATED.into()),
            ..Default::default()
        };
        assert!(filters_of(&p).undated);
        assert_eq!(filters_of(&p).date_from, None);
    }

    #[test]
    fn typed_filters_are_chips_that_take_themselves_out_of_the_query() {
        let m = manifest_with_undated();
        let p = SearchParams {
            q: "经济 版:1 作者:李雨婷 2023-01..2023-06 期:undated-7a471faf".into(),
            ..Default::default()
        };
        let typed = text_filters(&p.q);
        let chips = active_filters(&p, &typed, &m, Lang::Zh);
        let labels: Vec<&str> = chips.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            labels,
            vec![
                "第1版",
                "作者: 李雨婷",
                "日期: 2023-01..2023-06",
                "期次: 日期不详（2023？） · 嘉兴日报 · 平湖版"
            ]
        );
        let mut next = p.clone();
        (chips[0].1)(&mut next);
        assert_eq!(
            next.q,
            "经济 作者:李雨婷 2023-01..2023-06 期:undated-7a471faf"
        );
        let mut next = p.clone();
        (chips[2].1)(&mut next);
        assert_eq!(next.q, "经济 版:1 作者:李雨婷 期:undated-7a471faf");
    }

    #[test]
    fn messages_fill_in_their_numbers() {
        assert_eq!(
            format_n(T::PastLastPage.s(Lang::Zh), &[10, 9]),
            "没有第 10 页：结果只有 9 页。"
        );
        assert_eq!(format_n(T::PageN.s(Lang::En), &[3]), "Page 3");
        assert_eq!(without_quotes("\"平湖 新闻\" 经济"), "平湖 新闻 经济");
        assert_eq!(without_quotes("“下岗职工再就业”"), "下岗职工再就业");
        assert_eq!(count_text(12, true, Lang::Zh), "约12");
        assert_eq!(count_text(12, false, Lang::Zh), "12");
    }

    #[test]
    fn an_estimate_stays_until_the_count_is_exact() {
        let est = |total| {
            Rc::new(SearchResults {
                total,
                exact: false,
                ..Default::default()
            })
        };
        let exact = Rc::new(SearchResults {
            total: 85,
            exact: true,
            ..Default::default()
        });
        let mut memo = None;
        assert_eq!(steady(&mut memo, "下岗", &est(94)).total, 94);
        assert_eq!(steady(&mut memo, "下岗", &est(101)).total, 94);
        assert_eq!(steady(&mut memo, "下岗", &exact).total, 85);
        assert_eq!(steady(&mut memo, "下岗", &est(97)).total, 85);
        assert_eq!(steady(&mut memo, "春节", &est(295)).total, 295);
    }
}
