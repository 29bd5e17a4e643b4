//! The facets beside the results: a search's values of a field (years,
//! pages, authors, kinds, issues), each a link to the search filtered by it.

use kanbao_bundle::search::query::UNDATED;
use kanbao_bundle::search::FacetCount;
use kanbao_bundle::Manifest;
use yew::prelude::*;

use crate::components::labels::{issue_date, paper_line};
use crate::i18n::{Lang, T};
use crate::route::{href, Route, SearchParams};

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
pub fn facet_view(
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
pub fn count_text(n: usize, estimate: bool, lang: Lang) -> String {
    if estimate {
        format!("{}{n}", T::AboutShort.s(lang))
    } else {
        n.to_string()
    }
}

/// The years, then a 日期不详 bucket of the undated matches (value [`UNDATED`]).
pub fn with_undated(years: &[FacetCount], undated: usize) -> Vec<FacetCount> {
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
pub fn issue_label(m: &Manifest, id: &str, lang: Lang) -> String {
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
