//! A printed page (版): its image fitted to the screen, each article's region
//! outlined as a link to the article; zoom and pan by wheel, drag, buttons,
//! keys, pinch and double-tap (kiosk touch screens); previous and next page.
//! A page without an image, or whose image is missing or broken, says so and
//! lists its articles as text: never a blank area.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use kanbao_bundle::{Article, IssueEntry, Page, PageImage, PageSize, Region};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::labels::{issue_date, page_label, paper_line};
use crate::components::status::{loadable, not_found};
use crate::context::{use_archive, Ctx};
use crate::i18n::{Lang, T};
use crate::perf::{mark, measure};
use crate::printed_page::{bounds, has_view, image_src, regions_on};
use crate::route::{query_suffix, route_href, ArticleParams, PageParams, Route};

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

/// The page's articles as text links (id, headline): where there is no
/// image to click on.
fn text_list(articles: &[(String, String)], lang: Lang) -> Html {
    if articles.is_empty() {
        return html! {};
    }
    html! {
        <section class="page-text" aria-labelledby="page-text-title">
            <h2 id="page-text-title">{ T::TextOfPage.s(lang) }</h2>
            <ul lang="zh-CN">
                { for articles.iter().map(|(id, headline)| html! {
                    <li><Link<Route> to={Route::Article { id: id.clone() }}>{ headline.clone() }</Link<Route>></li>
                }) }
            </ul>
        </section>
    }
}

/// An article's outline on the page.
#[derive(Clone, PartialEq)]
pub struct Mark {
    id: String,
    headline: String,
    regions: Vec<Region>,
    bounds: (f32, f32, f32, f32),
    /// It holds the search's terms.
    hit: bool,
}

#[derive(Properties, PartialEq)]
struct ViewerProps {
    image: PageImage,
    size: PageSize,
    marks: Vec<Mark>,
    /// The article to show (zoomed to and marked).
    current: Option<String>,
    hl: Option<String>,
    /// `第3版`.
    label: String,
    /// Every article on the page (id, headline), listed if the image fails.
    texts: Vec<(String, String)>,
}

#[derive(Clone, Copy, PartialEq)]
enum ImageState {
    Loading,
    Shown,
    Failed,
}

/// The stage's transform and the gesture in progress. The image's own pixels
/// are the canvas's CSS pixels, scaled by `s` and moved by `(tx, ty)`.
#[derive(Default)]
struct Gesture {
    s: f64,
    tx: f64,
    ty: f64,
    fit: f64,
    /// Image pixels.
    w: f64,
    h: f64,
    /// Pointers down: position on the stage.
    pointers: HashMap<i32, (f64, f64)>,
    start: (f64, f64),
    moved: bool,
    /// A touch that went down and up without moving: a tap, whose click
    /// the stage handles itself (to tell it from a double tap).
    tap: Option<(f64, f64)>,
    last_tap: Option<(f64, f64, f64)>,
    pending_tap: Option<Timeout>,
}

impl Gesture {
    fn bounds(&self) -> (f64, f64) {
        (self.fit * 0.75, (self.fit * 8.0).max(2.0))
    }

    /// Keeps the page on the stage: centred in a direction it fits, else no
    /// empty margin beyond its edge.
    fn clamp(&mut self, sw: f64, sh: f64) {
        let (lo, hi) = self.bounds();
        self.s = self.s.clamp(lo, hi);
        let pw = self.w * self.s;
        let ph = self.h * self.s;
        self.tx = if pw <= sw {
            (sw - pw) / 2.0
        } else {
            self.tx.clamp(sw - pw, 0.0)
        };
        self.ty = if ph <= sh {
            (sh - ph) / 2.0
        } else {
            self.ty.clamp(sh - ph, 0.0)
        };
    }

    fn zoom_at(&mut self, k: f64, px: f64, py: f64) {
        let (lo, hi) = self.bounds();
        let s = (self.s * k).clamp(lo, hi);
        let k = s / self.s;
        self.tx = px - (px - self.tx) * k;
        self.ty = py - (py - self.ty) * k;
        self.s = s;
    }

    /// Shows the box `(x0, y0, x1, y1)` (image pixels) whole and centred,
    /// zoomed in up to `max_zoom` × fit when it is small.
    fn show(&mut self, b: (f64, f64, f64, f64), sw: f64, sh: f64, max_zoom: f64) {
        let (bw, bh) = ((b.2 - b.0).max(1.0), (b.3 - b.1).max(1.0));
        self.s = (0.92 * (sw / bw).min(sh / bh)).clamp(self.fit, self.fit * max_zoom);
        self.tx = sw / 2.0 - (b.0 + bw / 2.0) * self.s;
        self.ty = sh / 2.0 - (b.1 + bh / 2.0) * self.s;
    }

    fn at_fit(&self) -> bool {
        self.s <= self.fit * 1.05
    }
}

struct Stage {
    g: RefCell<Gesture>,
    stage: NodeRef,
    canvas: NodeRef,
}

impl Stage {
    fn size(&self) -> (f64, f64) {
        self.stage
            .cast::<Element>()
            .map(|e| (e.client_width() as f64, e.client_height() as f64))
            .unwrap_or((1.0, 1.0))
    }

    /// Client coordinates to the stage's.
    fn local(&self, x: f64, y: f64) -> (f64, f64) {
        let Some(el) = self.stage.cast::<Element>() else {
            return (x, y);
        };
        let rect = js_sys::Reflect::get(&el, &JsValue::from_str("getBoundingClientRect"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call0(&el).ok());
        let field = |name: &str| {
            rect.as_ref()
                .and_then(|r| js_sys::Reflect::get(r, &JsValue::from_str(name)).ok())
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0)
        };
        (x - field("left"), y - field("top"))
    }

    /// Writes the transform to the canvas (no re-render: a gesture moves it
    /// every frame); outlines keep their width on screen through `--inv`.
    fn apply(&self) {
        let (sw, sh) = self.size();
        let mut g = self.g.borrow_mut();
        g.clamp(sw, sh);
        if let Some(c) = self.canvas.cast::<Element>() {
            let _ = c.set_attribute(
                "style",
                &format!(
                    "width:{}px;height:{}px;transform:translate({:.2}px,{:.2}px) scale({:.5});--inv:{:.4}",
                    g.w,
                    g.h,
                    g.tx,
                    g.ty,
                    g.s,
                    1.0 / g.s
                ),
            );
        }
        let zoomed = !g.at_fit();
        drop(g);
        if let Some(st) = self.stage.cast::<Element>() {
            let _ = st.set_attribute("data-zoomed", if zoomed { "1" } else { "0" });
        }
    }

    fn refit(&self) {
        let (sw, sh) = self.size();
        let mut g = self.g.borrow_mut();
        g.fit = (sw / g.w).min(sh / g.h).max(1e-3);
        g.s = g.fit;
        drop(g);
        self.apply();
    }

    fn zoom_center(&self, k: f64) {
        let (sw, sh) = self.size();
        self.g.borrow_mut().zoom_at(k, sw / 2.0, sh / 2.0);
        self.apply();
    }

    fn pan(&self, dx: f64, dy: f64) {
        {
            let mut g = self.g.borrow_mut();
            g.tx += dx;
            g.ty += dy;
        }
        self.apply();
    }

    /// Double tap or double click: in at the point, or back to fit.
    fn toggle_zoom(&self, x: f64, y: f64) {
        {
            let mut g = self.g.borrow_mut();
            if g.at_fit() {
                g.zoom_at(2.5, x, y);
            } else {
                g.s = g.fit;
            }
        }
        self.apply();
    }

    /// Brings a region link that got focus into view when it is off the stage.
    fn reveal(&self, el: &Element) {
        let num = |k: &str| {
            el.get_attribute(k)
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        let b = (
            num("data-x0"),
            num("data-y0"),
            num("data-x1"),
            num("data-y1"),
        );
        let (sw, sh) = self.size();
        {
            let mut g = self.g.borrow_mut();
            let (l, t) = (g.tx + b.0 * g.s, g.ty + b.1 * g.s);
            let (r, bt) = (g.tx + b.2 * g.s, g.ty + b.3 * g.s);
            if l >= 0.0 && t >= 0.0 && r <= sw && bt <= sh {
                return;
            }
            g.tx = sw / 2.0 - (b.0 + b.2) / 2.0 * g.s;
            g.ty = sh / 2.0 - (b.1 + b.3) / 2.0 * g.s;
        }
        self.apply();
    }
}

#[component]
fn Viewer(props: &ViewerProps) -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let lang = ctx.lang;
    let image_state = use_state(|| ImageState::Loading);
    let stage = use_memo((), |_| Stage {
        g: RefCell::new(Gesture::default()),
        stage: NodeRef::default(),
        canvas: NodeRef::default(),
    });
    let (w, h) = (
        props.image.width.max(1) as f64,
        props.image.height.max(1) as f64,
    );
    // Points to image pixels.
    let (kx, ky) = (
        w / props.size.width.max(1.0) as f64,
        h / props.size.height.max(1.0) as f64,
    );
    {
        let stage = stage.clone();
        let current = props
            .current
            .as_ref()
            .and_then(|c| props.marks.iter().find(|m| &m.id == c).map(|m| m.bounds));
        use_effect_with((), move |_| {
            {
                let mut g = stage.g.borrow_mut();
                g.w = w;
                g.h = h;
            }
            stage.refit();
            if let Some(b) = current {
                let (sw, sh) = stage.size();
                stage.g.borrow_mut().show(
                    (
                        b.0 as f64 * kx,
                        b.1 as f64 * ky,
                        b.2 as f64 * kx,
                        b.3 as f64 * ky,
                    ),
                    sw,
                    sh,
                    3.0,
                );
                stage.apply();
            }
            let listeners = listen(&stage);
            move || drop(listeners)
        });
    }
    {
        // The page view is interactive once the image is on screen: its
        // outlines and listeners are there before it loads.
        use_effect_with(*image_state, |s| {
            if *s == ImageState::Shown {
                mark("kanbao-page-interactive");
                measure("kanbao-page-ready", "kanbao-page-image");
            }
        });
    }
    let onload = {
        let image_state = image_state.clone();
        let (w, h, bytes) = (props.image.width, props.image.height, props.image.bytes);
        Callback::from(move |e: Event| {
            mark("kanbao-page-image");
            let Some(img) = e.target() else { return };
            let natural = |k: &str| {
                js_sys::Reflect::get(&img, &JsValue::from_str(k))
                    .ok()
                    .and_then(|v| v.as_f64())
                    .unwrap_or(0.0)
            };
            // A file of other pixels is another image (or a damaged one).
            if natural("naturalWidth") as u32 != w || natural("naturalHeight") as u32 != h {
                image_state.set(ImageState::Failed);
                return;
            }
            // A truncated file may load with its top only. Over http the
            // browser tells how many bytes came (from file:// it cannot).
            let got = js_sys::Reflect::get(&img, &JsValue::from_str("currentSrc"))
                .ok()
                .and_then(|v| v.as_string())
                .and_then(|src| {
                    gloo::utils::window()
                        .performance()?
                        .get_entries_by_name(&src)
                        .iter()
                        .last()
                })
                .and_then(|e| js_sys::Reflect::get(&e, &JsValue::from_str("decodedBodySize")).ok())
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0);
            if got > 0.0 && got as u64 != bytes {
                image_state.set(ImageState::Failed);
                return;
            }
            image_state.set(ImageState::Shown);
            // A file the browser cannot decode whole.
            let decode = js_sys::Reflect::get(&img, &JsValue::from_str("decode"))
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                .and_then(|f| f.call0(&img).ok())
                .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
            if let Some(p) = decode {
                let image_state = image_state.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if wasm_bindgen_futures::JsFuture::from(p).await.is_err() {
                        image_state.set(ImageState::Failed);
                    }
                });
            }
        })
    };
    let onerror = {
        let image_state = image_state.clone();
        Callback::from(move |_: Event| image_state.set(ImageState::Failed))
    };
    let src = image_src(&props.image);
    if *image_state == ImageState::Failed {
        return html! {
            <>
            <div class="notice error page-missing" role="alert" id="page-image-error">
                <p><strong>{ T::PageImageMissing.s(lang).replace("{}", &props.label) }</strong></p>
                <p><code>{ src }</code></p>
                <p>{ T::LoadFailedHint.s(lang) }</p>
            </div>
            { text_list(&props.texts, lang) }
            </>
        };
    }
    let button = |label: T, text: &'static str, class: &'static str, f: Rc<dyn Fn()>| {
        html! {
            <button class={classes!("zoom", class)} aria-label={label.s(lang)} title={label.s(lang)}
                onclick={Callback::from(move |_: MouseEvent| f())}>
                <span aria-hidden="true">{ text }</span>
            </button>
        }
    };
    let zin: Rc<dyn Fn()> = {
        let s = stage.clone();
        Rc::new(move || s.zoom_center(1.5))
    };
    let zout: Rc<dyn Fn()> = {
        let s = stage.clone();
        Rc::new(move || s.zoom_center(1.0 / 1.5))
    };
    let zfit: Rc<dyn Fn()> = {
        let s = stage.clone();
        Rc::new(move || s.refit())
    };
    let hl = ArticleParams {
        hl: props.hl.clone(),
    };
    let pct = |v: f32, of: f32| format!("{:.3}%", v / of * 100.0);
    let (pw, ph) = (props.size.width, props.size.height);
    let alt = T::PageImageAlt.s(lang).replace("{}", &props.label);
    html! {
        <>
            <div class="page-tools">
                <div class="zoom-buttons" role="group" aria-label={T::Zoom.s(lang)}>
                    { button(T::ZoomOut, "−", "zoom-out", zout) }
                    { button(T::ZoomIn, "+", "zoom-in", zin) }
                    { button(T::ZoomFit, T::ZoomFit.s(lang), "zoom-fit", zfit) }
                </div>
                <p class="page-hint">{ T::PageViewHint.s(lang) }</p>
            </div>
            <div class="page-stage" id="page-stage" ref={stage.stage.clone()} tabindex="0"
                role="group" aria-label={alt.clone()}
                data-image={(*image_state).eq(&ImageState::Shown).then_some("shown")}>
                <div class="page-canvas" ref={stage.canvas.clone()}
                    style={format!("width:{w}px;height:{h}px")}>
                    <img class="page-image" {src} {alt} width={props.image.width.to_string()}
                        height={props.image.height.to_string()} draggable="false" {onload} {onerror} />
                    { for props.marks.iter().map(|m| {
                        let (x0, y0, x1, y1) = m.bounds;
                        let current = props.current.as_deref() == Some(m.id.as_str());
                        let (bw, bh) = (x1 - x0, y1 - y0);
                        html! {
                            <a class={classes!("region", current.then_some("current"), m.hit.then_some("hit"))}
                                href={route_href(&Route::Article { id: m.id.clone() }) + &query_suffix(&hl)}
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
                    }) }
                </div>
            </div>
        </>
    }
}

/// The stage's listeners: wheel (not passive, to keep the page from
/// scrolling), pointers for drag and pinch, taps and double taps, double
/// click, keys, focus and resize.
fn listen(stage: &Rc<Stage>) -> Vec<EventListener> {
    let Some(el) = stage.stage.cast::<HtmlElement>() else {
        return Vec::new();
    };
    let active = EventListenerOptions::enable_prevent_default();
    let mut out = Vec::new();
    let s = stage.clone();
    out.push(EventListener::new_with_options(
        &el,
        "wheel",
        active,
        move |e| {
            let Some(e) = e.dyn_ref::<WheelEvent>() else {
                return;
            };
            e.prevent_default();
            let unit = match e.delta_mode() {
                1 => 16.0,
                2 => 400.0,
                _ => 1.0,
            };
            let (dx, dy) = (e.delta_x() * unit, e.delta_y() * unit);
            if dx.abs() > dy.abs() || e.shift_key() {
                let d = if dx.abs() > dy.abs() { dx } else { dy };
                s.pan(-d, 0.0);
            } else {
                let (x, y) = s.local(e.client_x() as f64, e.client_y() as f64);
                s.g.borrow_mut().zoom_at((-dy * 0.002).exp(), x, y);
                s.apply();
            }
        },
    ));
    let s = stage.clone();
    out.push(EventListener::new(&el, "pointerdown", move |e| {
        let Some(e) = e.dyn_ref::<PointerEvent>() else {
            return;
        };
        if e.pointer_type() == "mouse" && e.button() != 0 {
            return;
        }
        let p = s.local(e.client_x() as f64, e.client_y() as f64);
        let mut g = s.g.borrow_mut();
        g.pointers.insert(e.pointer_id(), p);
        if g.pointers.len() == 1 {
            g.start = p;
            g.moved = false;
        } else {
            // A second finger: a pinch, never a tap.
            g.moved = true;
        }
        g.tap = None;
    }));
    let s = stage.clone();
    out.push(EventListener::new(&el, "pointermove", move |e| {
        let Some(e) = e.dyn_ref::<PointerEvent>() else {
            return;
        };
        let p = s.local(e.client_x() as f64, e.client_y() as f64);
        let mut g = s.g.borrow_mut();
        let Some(&before) = g.pointers.get(&e.pointer_id()) else {
            return;
        };
        if g.pointers.len() >= 2 {
            let other = g
                .pointers
                .iter()
                .find(|(id, _)| **id != e.pointer_id())
                .map(|(_, p)| *p)
                .unwrap_or(before);
            let d0 = (before.0 - other.0).hypot(before.1 - other.1).max(1.0);
            let d1 = (p.0 - other.0).hypot(p.1 - other.1).max(1.0);
            let mid0 = ((before.0 + other.0) / 2.0, (before.1 + other.1) / 2.0);
            let mid1 = ((p.0 + other.0) / 2.0, (p.1 + other.1) / 2.0);
            g.zoom_at(d1 / d0, mid1.0, mid1.1);
            g.tx += mid1.0 - mid0.0;
            g.ty += mid1.1 - mid0.1;
            g.pointers.insert(e.pointer_id(), p);
            drop(g);
            s.apply();
            return;
        }
        if !g.moved && (p.0 - g.start.0).hypot(p.1 - g.start.1) > 6.0 {
            g.moved = true;
            // A drag, not a click: the release goes to the stage, so no
            // link under the pointer opens.
            if let Some(el) = s.stage.cast::<Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
        }
        g.pointers.insert(e.pointer_id(), p);
        if g.moved {
            g.tx += p.0 - before.0;
            g.ty += p.1 - before.1;
            drop(g);
            s.apply();
        }
    }));
    for ev in ["pointerup", "pointercancel"] {
        let s = stage.clone();
        out.push(EventListener::new(&el, ev, move |e| {
            let Some(e) = e.dyn_ref::<PointerEvent>() else {
                return;
            };
            let mut g = s.g.borrow_mut();
            let p = g.pointers.remove(&e.pointer_id());
            if e.type_() == "pointerup"
                && e.pointer_type() == "touch"
                && !g.moved
                && g.pointers.is_empty()
            {
                g.tap = p;
            }
        }));
    }
    // A touch tap: the stage handles its click, to tell a double tap (zoom)
    // from a tap on an article (open it, once no second tap came).
    let s = stage.clone();
    out.push(EventListener::new_with_options(
        &el,
        "touchend",
        active,
        move |e| {
            let Some(p) = s.g.borrow_mut().tap.take() else {
                return;
            };
            e.prevent_default();
            let now = js_sys::Date::now();
            let double = {
                let g = s.g.borrow();
                g.last_tap
                    .is_some_and(|(t, x, y)| now - t < 350.0 && (x - p.0).hypot(y - p.1) < 40.0)
            };
            if double {
                {
                    let mut g = s.g.borrow_mut();
                    g.last_tap = None;
                    g.pending_tap = None;
                }
                s.toggle_zoom(p.0, p.1);
                return;
            }
            let link = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("a.region").ok().flatten())
                .and_then(|a| a.dyn_into::<HtmlElement>().ok());
            let mut g = s.g.borrow_mut();
            g.last_tap = Some((now, p.0, p.1));
            g.pending_tap = link.map(|a| {
                Timeout::new(300, move || {
                    // As a click on the link does (the kiosk keeps no history of it).
                    a.click();
                })
            });
        },
    ));
    let s = stage.clone();
    out.push(EventListener::new(&el, "dblclick", move |e| {
        let Some(e) = e.dyn_ref::<MouseEvent>() else {
            return;
        };
        let (x, y) = s.local(e.client_x() as f64, e.client_y() as f64);
        s.toggle_zoom(x, y);
    }));
    let s = stage.clone();
    out.push(EventListener::new_with_options(
        &el,
        "keydown",
        active,
        move |e| {
            let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            if e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let step = 80.0;
            match e.key().as_str() {
                "+" | "=" => s.zoom_center(1.5),
                "-" | "_" => s.zoom_center(1.0 / 1.5),
                "0" => s.refit(),
                "ArrowLeft" => s.pan(step, 0.0),
                "ArrowRight" => s.pan(-step, 0.0),
                "ArrowUp" => s.pan(0.0, step),
                "ArrowDown" => s.pan(0.0, -step),
                _ => return,
            }
            e.prevent_default();
        },
    ));
    let s = stage.clone();
    out.push(EventListener::new(&el, "focusin", move |e| {
        if let Some(a) = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .filter(|t| t.matches("a.region").unwrap_or(false))
        {
            s.reveal(&a);
        }
    }));
    let s = stage.clone();
    out.push(EventListener::new(
        &gloo::utils::window(),
        "resize",
        move |_| {
            if s.g.borrow().at_fit() {
                s.refit();
            } else {
                s.apply();
            }
        },
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zooming_keeps_the_point_under_the_pointer_and_the_page_on_the_stage() {
        let mut g = Gesture {
            w: 1000.0,
            h: 2000.0,
            fit: 0.25,
            s: 0.25,
            ..Default::default()
        };
        // Stage 400×500: at fit the page (250×500) is centred across.
        g.clamp(400.0, 500.0);
        assert_eq!((g.tx, g.ty), (75.0, 0.0));
        // Twice at (200, 100): that point of the page stays there.
        let before = ((200.0 - g.tx) / g.s, (100.0 - g.ty) / g.s);
        g.zoom_at(2.0, 200.0, 100.0);
        assert_eq!(g.s, 0.5);
        let after = ((200.0 - g.tx) / g.s, (100.0 - g.ty) / g.s);
        assert_eq!(before, after);
        // Panned far off: brought back to the edge.
        g.tx = 900.0;
        g.ty = -5000.0;
        g.clamp(400.0, 500.0);
        assert_eq!((g.tx, g.ty), (0.0, 500.0 - 1000.0));
        // Zoom is bounded (8× fit at most here, never below 0.75× fit).
        g.zoom_at(100.0, 0.0, 0.0);
        assert_eq!(g.s, 2.0);
        g.zoom_at(0.0001, 0.0, 0.0);
        assert_eq!(g.s, 0.25 * 0.75);
    }

    #[test]
    fn an_article_is_shown_whole_and_centred() {
        let mut g = Gesture {
            w: 1000.0,
            h: 2000.0,
            fit: 0.25,
            s: 0.25,
            ..Default::default()
        };
        // A small box: zoomed in, up to 3× fit, centred.
        g.show((100.0, 100.0, 200.0, 150.0), 400.0, 500.0, 3.0);
        assert_eq!(g.s, 0.75);
        assert_eq!(g.tx + 150.0 * g.s, 200.0);
        assert_eq!(g.ty + 125.0 * g.s, 250.0);
        // A box as big as the page: fit.
        g.show((0.0, 0.0, 1000.0, 2000.0), 400.0, 500.0, 3.0);
        assert_eq!(g.s, 0.25);
    }

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
