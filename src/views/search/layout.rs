//! A page of results laid out: the count and the sort, the chips of the
//! filters in force, the terms searched for, the timeline, the empty states,
//! the list of hits, the pager, and the facets.

use std::rc::Rc;

use kanbao_bundle::search::query::{text_filters, TextFilter, UNDATED};
use kanbao_bundle::search::{parse, FacetCount, Query, SearchResults, Sort};
use kanbao_bundle::ArticleKind;
use yew::prelude::*;
use yew_router::prelude::*;

use super::facets::{facet_view, issue_label, with_undated};
use super::messages::{format_n, format_s};
use super::params::{active_filters, has_filters, without_quotes, ClearFn};
use super::results::{move_focus, on_pages, results_html, PER_PAGE};
use super::timeline::{by_year, timeline_view};
use crate::components::labels::{kind_label, page_label};
use crate::context::Ctx;
use crate::i18n::T;
use crate::route::{href, ArticleParams, Route, SearchParams};

/// The search a results page shows, and how to move from it to others.
pub struct ResultsPage<'a> {
    ctx: &'a Ctx,
    params: &'a SearchParams,
    navigator: Option<Navigator>,
    sort: Sort,
    /// The results page, from 1.
    page: usize,
    /// The query as the search reads it.
    typed: Query,
    /// The filters typed in the query (`版:1`, `作者:…`, a date range).
    typed_filters: Vec<TextFilter>,
    /// The query without its typed filters: what "clear all filters" leaves.
    q_without_filters: String,
    /// Whether any filter is in force, chosen or typed.
    filtered: bool,
}

impl<'a> ResultsPage<'a> {
    pub fn new(
        ctx: &'a Ctx,
        params: &'a SearchParams,
        navigator: Option<Navigator>,
        sort: Sort,
        page: usize,
    ) -> Self {
        let typed = parse(&params.q);
        let typed_filters = text_filters(&params.q);
        let q_without_filters = typed_filters
            .iter()
            .rev()
            .fold(params.q.clone(), |q, f| f.remove_from(&q));
        let filtered = has_filters(params) || !typed_filters.is_empty();
        ResultsPage {
            ctx,
            params,
            navigator,
            sort,
            page,
            typed,
            typed_filters,
            q_without_filters,
            filtered,
        }
    }

    /// A link-like action that moves to other parameters.
    fn to(&self, next: SearchParams) -> Callback<MouseEvent> {
        let navigator = self.navigator.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            if let Some(nav) = &navigator {
                let _ = nav.push_with_query(&Route::Search, &next);
            }
        })
    }

    /// These parameters changed by `f`, from the first page.
    fn with(&self, f: &dyn Fn(&mut SearchParams)) -> SearchParams {
        let mut next = self.params.clone();
        next.p = None;
        f(&mut next);
        next
    }

    /// The page for the answer `r`, its count and facets those of `c` (see
    /// [`super::counts::steady`]).
    pub fn view(&self, r: &Rc<SearchResults>, c: &SearchResults) -> Html {
        let (ctx, params, page) = (self.ctx, self.params, self.page);
        let lang = ctx.lang;
        let hl = ArticleParams {
            hl: Some(r.terms.join(" ")).filter(|s| !s.is_empty()),
        };
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
                active_filters(params, &self.typed_filters, m, lang),
                issues,
                c.total.div_ceil(PER_PAGE).max(1),
            )
        };
        let estimate = !c.exact;
        let past_end = r.hits.is_empty() && c.total > 0 && page > 1;
        let years = with_undated(&c.facets.years, c.facets.undated);
        let onkeydown = Callback::from(move_focus);
        html! {
            <div class="search-layout">
                <div class="search-main">
                    { self.result_bar(c) }
                    if !chips.is_empty() { { self.chips(chips) } }
                    if !r.terms.is_empty() {
                        <p class="terms">{ ctx.t(T::SearchedFor) }{ " " }{ for r.terms.iter().map(|t| html! { <span class="term">{ t.clone() }</span> }) }</p>
                    }
                    { timeline_view(&c.facets.months, &years, |k| ctx.t(k), params.date.as_deref(), params, estimate) }
                    if c.total == 0 { { self.no_results() } }
                    if past_end { { self.past_end(last_page) } }
                    // The list is written as one string of markup, set at once:
                    // as Yew nodes, twenty hits with their snippets cost some
                    // 300 DOM calls a search. All text in it is escaped.
                    <div class="results-list" {onkeydown}>
                        { Html::from_html_unchecked(results_html(&r.hits, &on_pages(ctx, &r.hits, &hl), page, &hl, lang, ctx.t(T::Undated)).into()) }
                    </div>
                    // A progressive answer: the hits found so far, while the
                    // rest of the page is checked.
                    if !r.pending.is_empty() {
                        <p class="still-checking" id="still-checking" role="status">{ ctx.t(T::StillChecking) }</p>
                    }
                    // Only pages known to have hits are offered: the next
                    // when a hit beyond this page is known (`has_more`),
                    // "p / n" only when the count is exact.
                    if !past_end && (page > 1 || r.has_more) { { self.pager(r.has_more, c.exact, last_page) } }
                </div>
                { self.facets(c, &years, &issues) }
            </div>
        }
    }

    /// The count (`约` while estimated) and the sort buttons.
    fn result_bar(&self, c: &SearchResults) -> Html {
        let ctx = self.ctx;
        let estimate = !c.exact;
        html! {
            <div class="result-bar">
                <p class="count" role="status" aria-live="polite"
                    title={estimate.then(|| format_n(ctx.t(T::CountRange), &[c.certain, c.certain + c.unknown]))}>
                    if estimate && c.total > 0 { { ctx.t(T::About) } }
                    <strong>{ c.total }</strong>{ " " }{ ctx.t(T::ResultsCount) }
                </p>
                <div class="sort" role="group" aria-label={ctx.t(T::Sort)}>
                    { for [(Sort::Relevance, None, T::SortRelevance), (Sort::Newest, Some("newest"), T::SortNewest), (Sort::Oldest, Some("oldest"), T::SortOldest)].into_iter().map(|(s, key, label)| html! {
                        <button aria-pressed={(s == self.sort).to_string()} onclick={self.to(self.with(&|p| p.sort = key.map(str::to_string)))}>{ ctx.t(label) }</button>
                    }) }
                </div>
            </div>
        }
    }

    /// The filters in force, each a button that drops it.
    fn chips(&self, chips: Vec<(String, ClearFn)>) -> Html {
        let ctx = self.ctx;
        html! {
            <ul class="chips" aria-label={ctx.t(T::ActiveFilters)}>
                { for chips.into_iter().map(|(label, clear)| html! {
                    <li><button class="chip" onclick={self.to(self.with(&|p| clear(p)))} aria-label={format!("{} {label}", ctx.t(T::Remove))}>{ label }<span aria-hidden="true">{ " ×" }</span></button></li>
                }) }
            </ul>
        }
    }

    /// No hit: why, and what to try.
    fn no_results(&self) -> Html {
        let (ctx, params, typed) = (self.ctx, self.params, &self.typed);
        html! {
            <div class="empty" id="no-results">
                <p><strong>{ ctx.t(T::NoResults) }</strong></p>
                if typed.only_exclusions() {
                    <p id="only-exclusions">{ ctx.t(T::OnlyExclusions) }</p>
                } else if typed.is_empty() {
                    <p id="nothing-to-search">{ ctx.t(T::NothingToSearch) }</p>
                } else if !typed.quoted.is_empty() {
                    <p id="phrase-no-hit">{ format_s(ctx.t(T::PhraseNoHit), &typed.quoted.iter().map(|p| format!("“{p}”")).collect::<Vec<_>>().join("、")) }{ " " }
                        <a href={href(&Route::Search, &SearchParams { q: without_quotes(&params.q), p: None, ..params.clone() })}
                            onclick={self.to(SearchParams { q: without_quotes(&params.q), p: None, ..params.clone() })}>{ ctx.t(T::SearchWithoutQuotes) }</a>
                    </p>
                } else if self.filtered {
                    <p>{ ctx.t(T::DropAFilter) }{ " " }
                        <a href="#" onclick={self.to(SearchParams { q: self.q_without_filters.clone(), sort: params.sort.clone(), ..Default::default() })}>{ ctx.t(T::ClearFilters) }</a>
                    </p>
                } else {
                    <p>{ ctx.t(T::NoResultsHint) }</p>
                }
            </div>
        }
    }

    /// A page beyond the last: a link to the last.
    fn past_end(&self, last_page: usize) -> Html {
        let (ctx, params, page) = (self.ctx, self.params, self.page);
        html! {
            <div class="empty" id="past-end">
                <p>{ format_n(ctx.t(T::PastLastPage), &[page, last_page]) }{ " " }
                    <a href={href(&Route::Search, &SearchParams { p: Some(last_page), ..params.clone() })}
                        onclick={self.to(SearchParams { p: Some(last_page), ..params.clone() })}>{ ctx.t(T::GoToLastPage) }</a>
                </p>
            </div>
        }
    }

    /// Previous and next page, and `p / n` when the count is exact.
    fn pager(&self, has_more: bool, exact: bool, last_page: usize) -> Html {
        let (ctx, params, page) = (self.ctx, self.params, self.page);
        html! {
            <nav class="pager" aria-label={ctx.t(T::ResultPages)}>
                if page > 1 { <button onclick={self.to(SearchParams { p: Some(page - 1), ..params.clone() })}>{ ctx.t(T::PrevPage) }</button> }
                <span id="page-of">{ if exact { format!("{page} / {last_page}") } else { format_n(ctx.t(T::PageN), &[page]) } }</span>
                if has_more { <button onclick={self.to(SearchParams { p: Some(page + 1), ..params.clone() })}>{ ctx.t(T::NextPage) }</button> }
            </nav>
        }
    }

    /// The facets of `c`: year (unless the timeline shows years), page,
    /// author, kind and issue (`issues`: the top ones, with their names).
    fn facets(
        &self,
        c: &SearchResults,
        years: &[FacetCount],
        issues: &[(FacetCount, String)],
    ) -> Html {
        let (ctx, params) = (self.ctx, self.params);
        let lang = ctx.lang;
        let estimate = !c.exact;
        html! {
            <aside class="facets" aria-label={ctx.t(T::Refine)}>
                if estimate && c.total > 0 {
                    <p class="facet-note" id="facets-estimated">{ ctx.t(T::EstimatedCounts) }</p>
                }
                // Hits spread over more than five years: the timeline
                // shows them by year (a bar filters by it), and a year
                // facet would repeat it.
                if !by_year(&c.facets.months, &c.facets.years) {
                    { facet_view(ctx.t(T::FacetYear), years, |v| if v == UNDATED { ctx.t(T::Undated).to_string() } else { v.to_string() }, |p, v| p.date = Some(v.to_string()), params.date.as_deref(), params, estimate, lang) }
                }
                { facet_view(ctx.t(T::FacetPage), &c.facets.pages, |v| v.parse().map(|n| page_label(n, lang)).unwrap_or_else(|_| v.to_string()), |p, v| p.page = v.parse().ok(), params.page.map(|n| n.to_string()).as_deref(), params, estimate, lang) }
                { facet_view(ctx.t(T::FacetAuthor), &c.facets.authors[..c.facets.authors.len().min(12)], |v| v.to_string(), |p, v| p.author = Some(v.to_string()), params.author.as_deref(), params, estimate, lang) }
                { facet_view(ctx.t(T::FacetKind), &c.facets.kinds, |v| ArticleKind::ALL.iter().find(|k| k.as_str() == v).map(|k| kind_label(*k, lang).to_string()).unwrap_or_else(|| v.to_string()), |p, v| p.kind = Some(v.to_string()), params.kind.as_deref(), params, estimate, lang) }
                { facet_view(ctx.t(T::FacetIssue), &issues.iter().map(|(f, _)| f.clone()).collect::<Vec<_>>(), |v| issues.iter().find(|(f, _)| f.value == v).map(|(_, l)| l.clone()).unwrap_or_else(|| v.to_string()), |p, v| p.issue = Some(v.to_string()), params.issue.as_deref(), params, estimate, lang) }
            </aside>
        }
    }
}
