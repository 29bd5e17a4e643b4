//! The timeline of a search's hits by month, or by year over long spans.

use kanbao_bundle::search::query::UNDATED;
use kanbao_bundle::search::FacetCount;
use yew::prelude::*;

use crate::i18n::T;
use crate::route::{href, Route, SearchParams};

/// Hits by month (by year over long spans) as a bar chart of plain links: a
/// bar filters to its month or year, and is a link for the keyboard, touch
/// and screen readers alike (named by its title). Its fill is a CSS
/// `::before` of height `--h`, its label a `::after` of `data-l`. Yew nodes,
/// like the facets: the bars of the same months stay and only their
/// attributes change. Nothing when there are fewer than two bars. `years`
/// may end in the 日期不详 bucket ([`UNDATED`]): it is the last bar either
/// way, so undated matches are not lost from the chart.
pub fn timeline_view(
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

/// Months beyond which the timeline shows years.
const TIMELINE_MAX_MONTHS: usize = 60;

/// Whether the timeline shows the hits by year (then the year facet would
/// repeat it).
pub fn by_year(months: &[FacetCount], years: &[FacetCount]) -> bool {
    months.len() > TIMELINE_MAX_MONTHS && years.len() > 1
}
