//! The articles' outlines over the page image: each a link to its article,
//! placed in percent of the page so it scales with the image.

use kanbao_bundle::{PageSize, Region};
use yew::prelude::*;

use crate::route::{query_suffix, route_href, ArticleParams, Route};

/// An article's outline on the page.
#[derive(Clone, PartialEq)]
pub struct Mark {
    pub id: String,
    pub headline: String,
    pub regions: Vec<Region>,
    pub bounds: (f32, f32, f32, f32),
    /// It holds the search's terms.
    pub hit: bool,
}

/// The outlines of `marks` on a page of `size` points: links to the
/// articles (with the terms `hl` to highlight), `current` marked, each with
/// its box in image pixels (`data-x0`…, points times `k`) for the stage to
/// bring it into view.
pub fn outlines<'a>(
    marks: &'a [Mark],
    current: Option<&'a str>,
    hl: &ArticleParams,
    size: PageSize,
    (kx, ky): (f64, f64),
) -> impl Iterator<Item = Html> + 'a {
    let pct = |v: f32, of: f32| format!("{:.3}%", v / of * 100.0);
    let (pw, ph) = (size.width, size.height);
    let hl = query_suffix(hl);
    marks.iter().map(move |m| {
        let (x0, y0, x1, y1) = m.bounds;
        let current = current == Some(m.id.as_str());
        let (bw, bh) = (x1 - x0, y1 - y0);
        html! {
            <a class={classes!("region", current.then_some("current"), m.hit.then_some("hit"))}
                href={route_href(&Route::Article { id: m.id.clone() }) + &hl}
                aria-label={m.headline.clone()} lang="zh-CN" draggable="false"
                aria-current={current.then_some("true")}
                data-id={m.id.clone()}
                data-x0={format!("{:.1}", x0 as f64 * kx)} data-y0={format!("{:.1}", y0 as f64 * ky)}
                data-x1={format!("{:.1}", x1 as f64 * kx)} data-y1={format!("{:.1}", y1 as f64 * ky)}
                style={format!("left:{};top:{};width:{};height:{}", pct(x0, pw), pct(y0, ph), pct(bw, pw), pct(bh, ph))}>
                { for m.regions.iter().map(|r| html! {
                    <span class="box" style={format!("left:{};top:{};width:{};height:{}",
                        pct(r.x0 - x0, bw), pct(r.y0 - y0, bh), pct(r.x1 - r.x0, bw), pct(r.y1 - r.y0, bh))}></span>
                }) }
            </a>
        }
    })
}
