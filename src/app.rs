//! The app shell: routes, the opened archive and the language as contexts,
//! the header with the search box.

use std::rc::Rc;

use kanbao_bundle::{Archive, Need};
use serde::{Deserialize, Serialize};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::bridge::LoadError;
use crate::i18n::{Lang, T};
use crate::kiosk::{use_kiosk_locks, IdleGuard, KioskBack, KioskConfig, OnScreenKeyboard};
use crate::settings::Settings;
use crate::store::{self, ArchiveHandle};
use crate::views;

/// Every view has a URL under `#/`, so it can be bookmarked and shared, and
/// permalinks work from file:// and any static host.
#[derive(Clone, Routable, PartialEq, Debug)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/issue/:id")]
    Issue { id: String },
    /// A printed page (版) of an issue: its image with the articles outlined.
    #[at("/issue/:id/page/:n")]
    Page { id: String, n: u32 },
    #[at("/article/:id")]
    Article { id: String },
    #[at("/search")]
    Search,
    #[not_found]
    #[at("/404")]
    NotFound,
}

/// Query part of `#/search?q=…`: the query, its sort and page, and the
/// filters chosen from facets, so any search can be bookmarked and shared.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p: Option<usize>,
    /// `2023`, `2023-08`, `2023-08-03` or a range `2023-01..2023-06`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Page (版) number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
}

impl SearchParams {
    /// The parameters of a location (defaults when it has none or they do not parse).
    pub fn of(location: &Option<Location>) -> Self {
        location
            .as_ref()
            .and_then(|l| l.query::<SearchParams>().ok())
            .unwrap_or_default()
    }
}

/// Query part of `#/article/<id>?hl=…`: terms to highlight.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hl: Option<String>,
}

/// Query part of `#/issue/<id>/page/<n>?a=…&hl=…`: the article to show
/// on the page, and the search's terms (articles holding them are marked).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PageParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub a: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hl: Option<String>,
}

/// Query part of `#/?m=2023-08` (the calendar's month).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HomeParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub m: Option<String>,
}

/// What every view can reach.
#[derive(Clone, PartialEq)]
pub struct Ctx {
    pub archive: ArchiveHandle,
    pub lang: Lang,
    pub settings: Settings,
    pub kiosk: KioskConfig,
    /// Changes and remembers the settings.
    pub update: Callback<Settings>,
    /// Starts the reader afresh for the next visitor (a kiosk's reset):
    /// every component below the shell is made anew.
    pub new_visit: Callback<()>,
}

impl Ctx {
    pub fn t(&self, key: T) -> &'static str {
        key.s(self.lang)
    }
}

enum Boot {
    Loading,
    Ready(ArchiveHandle),
    Failed(LoadError),
}

#[component]
pub fn App() -> Html {
    let boot = use_state(|| Rc::new(Boot::Loading));
    let settings = use_state(Settings::load);
    let kiosk = *use_memo((), |_| {
        let k = KioskConfig::load();
        if k.enabled {
            crate::kiosk::keep_no_history();
        }
        k
    });
    let visit = use_state(|| 0u32);
    use_effect_with(kiosk.enabled, |on| {
        if let Some(el) = gloo::utils::document().document_element() {
            let _ = if *on {
                el.set_attribute("data-kiosk", "1")
            } else {
                el.remove_attribute("data-kiosk")
            };
        }
    });
    {
        let boot = boot.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let state = match store::open().await {
                    Ok(handle) => {
                        handle.prefetch();
                        Boot::Ready(handle)
                    }
                    Err(e) => Boot::Failed(e),
                };
                boot.set(Rc::new(state));
            });
        });
    }
    use_effect_with(*settings, |s| s.apply());
    let update = {
        let settings = settings.clone();
        Callback::from(move |s: Settings| {
            s.save();
            settings.set(s);
        })
    };
    let new_visit = {
        let visit = visit.clone();
        Callback::from(move |_| visit.set(*visit + 1))
    };
    let lang = settings.lang;
    match &**boot {
        Boot::Loading => html! { <div class="boot" role="status">{ T::Loading.s(lang) }</div> },
        Boot::Failed(e) => html! { <LoadFailure error={e.clone()} {lang} /> },
        Boot::Ready(handle) => {
            let ctx = Ctx {
                archive: handle.clone(),
                lang,
                settings: *settings,
                kiosk,
                update,
                new_visit,
            };
            html! {
                <ContextProvider<Ctx> context={ctx}>
                    <HashRouter>
                        <Shell key={*visit} />
                    </HashRouter>
                </ContextProvider<Ctx>>
            }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct LoadFailureProps {
    pub error: LoadError,
    pub lang: Lang,
}

/// Shown when the archive cannot be opened at all: never a blank page.
#[component]
pub fn LoadFailure(props: &LoadFailureProps) -> Html {
    let both = |k: T| format!("{} · {}", k.s(Lang::Zh), k.s(Lang::En));
    let (what, detail) = match &props.error {
        LoadError::Missing(f) => (both(T::MissingFile), f.clone()),
        LoadError::Corrupt(f) => (both(T::CorruptFile), f.clone()),
        LoadError::Bundle(e @ kanbao_bundle::BundleError::Version { .. }) => {
            (both(T::VersionMismatch), e.to_string())
        }
        LoadError::Bundle(e) => (both(T::CorruptFile), e.to_string()),
    };
    html! {
        <main class="failure" role="alert" id="load-error">
            <h1>{ both(T::LoadFailed) }</h1>
            <p class="what">{ what }</p>
            <p class="detail"><code>{ detail }</code></p>
            <p>{ T::LoadFailedHint.s(Lang::Zh) }</p>
            <p lang="en">{ T::LoadFailedHint.s(Lang::En) }</p>
        </main>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <views::home::Home /> },
        Route::Issue { id } => html! { <views::issue::IssueView {id} /> },
        Route::Article { id } => html! { <views::article::ArticleView {id} /> },
        Route::Page { id, n } => html! { <views::page::PageView {id} {n} /> },
        Route::Search => html! { <views::search::SearchView /> },
        Route::NotFound => html! { <views::NotFound /> },
    }
}

#[component]
fn Shell() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let title = ctx.archive.0.borrow().manifest.title.clone();
    let toggle = {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            ctx.update.emit(Settings {
                lang: ctx.lang.other(),
                ..ctx.settings
            })
        })
    };
    use_global_keys();
    use_kiosk_locks(ctx.kiosk.enabled);
    use_focus_after_navigation();
    use_route_title(&title);
    // For `cargo xtask bench`: when the search box first became usable.
    use_effect_with((), |_| mark("kanbao-interactive"));
    // The skip link moves focus, not the `#/…` route in the hash.
    let skip = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        focus_main();
    });
    html! {
        <>
            <a class="skip" href="#main" onclick={skip}>{ ctx.t(T::SkipToContent) }</a>
            <header class="site">
                if ctx.kiosk.enabled { <KioskBack /> }
                <Link<Route> to={Route::Home} classes="brand">
                    <span class="mark" aria-hidden="true">{ "看报" }</span>
                    <span class="title" lang="zh-CN">{ title }</span>
                </Link<Route>>
                <crate::search_box::SearchBox />
                <div class="header-tools">
                    <crate::display::DisplayMenu />
                    <button class="lang" onclick={toggle} lang={if ctx.lang == Lang::Zh { "en" } else { "zh-CN" }}>{ ctx.t(T::SwitchLang) }</button>
                </div>
            </header>
            if ctx.kiosk.enabled {
                <OnScreenKeyboard />
                <IdleGuard />
            }
            <main id="main" tabindex="-1">
                <Switch<Route> render={switch} />
            </main>
            <footer class="site">
                <p>{ ctx.t(T::Tagline) }{ " · " }<span lang="en">{ "kanbao 看报" }</span></p>
                // A kiosk offers no download of the archive.
                if !ctx.kiosk.enabled { <views::offline::Offline /> }
            </footer>
        </>
    }
}

/// Focus to the main region (its first heading when it has one).
fn focus_main() -> bool {
    use wasm_bindgen::JsCast;
    let doc = gloo::utils::document();
    let target = doc
        .query_selector("#main h1")
        .ok()
        .flatten()
        .or_else(|| doc.get_element_by_id("main"));
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return false;
    };
    if el.get_attribute("tabindex").is_none() {
        let _ = el.set_attribute("tabindex", "-1");
    }
    let _ = el.focus();
    el.tag_name() == "H1"
}

/// After an in-app navigation (a link, paging, sorting, a facet or chip),
/// focus that fell to `<body>` with the removed link goes to the new view's
/// heading, so keyboard and screen-reader users continue from there. Focus
/// still on something (the search box while typing, a sort button) stays.
#[hook]
fn use_focus_after_navigation() {
    let location = use_location();
    let key = location.map(|l| (l.path().to_string(), l.query_str().to_string()));
    let first = use_mut_ref(|| true);
    use_effect_with(key, move |_| {
        let skip = std::mem::replace(&mut *first.borrow_mut(), false);
        let watch = if skip { None } else { FocusWatch::start() };
        move || drop(watch)
    });
}

/// Whether focus has somewhere to be after a navigation: it stayed on a
/// control, or it was lost and is now on the new view's heading.
fn refocus() -> bool {
    // On <main> itself it was put there while the view loaded: its heading is
    // better once it is there.
    let lost = match gloo::utils::document().active_element() {
        None => true,
        Some(a) => a.tag_name() == "BODY" || !a.is_connected() || a.id() == "main",
    };
    !lost || focus_main()
}

/// Watches `<main>` while the new view renders (it may still be loading its
/// shard): each change retries [`refocus`] until it succeeds, the next
/// navigation drops the watch, or a second has passed.
struct FocusWatch {
    observer: web_sys::MutationObserver,
    _on_change:
        wasm_bindgen::closure::Closure<dyn FnMut(wasm_bindgen::JsValue, web_sys::MutationObserver)>,
    _give_up: gloo::timers::callback::Timeout,
}

impl FocusWatch {
    fn start() -> Option<Self> {
        use wasm_bindgen::JsCast;
        if refocus() {
            return None;
        }
        let main = gloo::utils::document().get_element_by_id("main")?;
        let on_change = wasm_bindgen::closure::Closure::<
            dyn FnMut(wasm_bindgen::JsValue, web_sys::MutationObserver),
        >::new(|_, observer: web_sys::MutationObserver| {
            if refocus() {
                observer.disconnect();
            }
        });
        let observer = web_sys::MutationObserver::new(on_change.as_ref().unchecked_ref()).ok()?;
        let init = web_sys::MutationObserverInit::new();
        init.set_child_list(true);
        init.set_subtree(true);
        observer.observe_with_options(&main, &init).ok()?;
        let stop = observer.clone();
        Some(Self {
            observer,
            _on_change: on_change,
            _give_up: gloo::timers::callback::Timeout::new(1000, move || stop.disconnect()),
        })
    }
}

impl Drop for FocusWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// The window title for the route: the archive's title, after the view's
/// for issues, search and missing pages (the article view names its article
/// with [`set_title`] once loaded).
#[hook]
fn use_route_title(archive: &str) {
    let route = use_route::<Route>();
    let location = use_location();
    let ctx = use_context::<Ctx>().expect("context");
    let q = SearchParams::of(&location).q;
    let archive = archive.to_string();
    let handle = ctx.archive.clone();
    use_effect_with((route, q, ctx.lang), move |(route, q, lang)| {
        let view = match route {
            // The manifest names every issue: its date and paper.
            Some(Route::Issue { id }) => Some(match handle.0.borrow().manifest.issue(id) {
                Some(e) => format!(
                    "{} · {}",
                    views::issue_date(&e.issue, *lang),
                    views::paper_line(&e.issue)
                ),
                None => T::NotFoundIssue.s(*lang).to_string(),
            }),
            Some(Route::Page { id, n }) => Some(match handle.0.borrow().manifest.issue(id) {
                Some(e) => format!(
                    "{} · {} · {}",
                    views::page_label(*n, *lang),
                    views::issue_date(&e.issue, *lang),
                    views::paper_line(&e.issue)
                ),
                None => T::NotFoundIssue.s(*lang).to_string(),
            }),
            Some(Route::Search) if q.trim().is_empty() => Some(T::SearchTitle.s(*lang).to_string()),
            Some(Route::Search) => Some(format!("“{}” · {}", q.trim(), T::SearchTitle.s(*lang))),
            Some(Route::NotFound) | None => Some(T::NotFoundPage.s(*lang).to_string()),
            Some(Route::Home) => None,
            // The article view names it once loaded.
            Some(Route::Article { .. }) => return,
        };
        set_title(view.as_deref(), &archive);
    });
}

/// Sets `document.title` to `view · archive` (the archive's title alone for none).
pub fn set_title(view: Option<&str>, archive: &str) {
    let title = match view {
        Some(v) if !v.is_empty() => format!("{v} · {archive}"),
        _ => archive.to_string(),
    };
    gloo::utils::document().set_title(&title);
}

/// State of something loaded from the archive.
#[derive(Clone, PartialEq)]
pub enum Loadable<T> {
    Loading,
    Ready(T),
    Failed(LoadError),
}

/// Resolves `f` against the archive whenever `deps` change, loading shards as needed.
#[hook]
pub fn use_archive<T, D, F>(deps: D, f: F) -> Loadable<T>
where
    T: Clone + 'static,
    D: PartialEq + Clone + 'static,
    F: Fn(&Archive, &D) -> Result<T, Need> + 'static,
{
    use_archive_tracked(deps, f).0
}

/// As [`use_archive`], also telling whether the state answers the current
/// `deps` (until a new answer arrives, the previous one stays on screen).
#[hook]
pub fn use_archive_tracked<T, D, F>(deps: D, f: F) -> (Loadable<T>, bool)
where
    T: Clone + 'static,
    D: PartialEq + Clone + 'static,
    F: Fn(&Archive, &D) -> Result<T, Need> + 'static,
{
    let ctx = use_context::<Ctx>().expect("context");
    let state = use_state(|| (None::<D>, Loadable::Loading));
    let generation = use_mut_ref(|| 0u64);
    let f = Rc::new(f);
    // When every shard it needs is loaded, the answer is computed while
    // rendering: one render of the new answer, rather than one of the old
    // answer and another once an effect has set the new one.
    let now = {
        let f = f.clone();
        let archive = ctx.archive.clone();
        use_memo(deps.clone(), move |d| f(&archive.0.borrow(), d).ok())
    };
    {
        let state = state.clone();
        let answered = now.is_some();
        use_effect_with(deps.clone(), move |deps| {
            *generation.borrow_mut() += 1;
            let mine = *generation.borrow();
            if answered {
                return;
            }
            // Show loading, load what the answer needs, then answer (the
            // resolve loop answers at once if it was loaded meanwhile).
            let deps = deps.clone();
            let handle = ctx.archive.clone();
            state.set((Some(deps.clone()), Loadable::Loading));
            wasm_bindgen_futures::spawn_local(async move {
                let result = handle.resolve(|a| f(a, &deps)).await;
                // A newer request superseded this one.
                if *generation.borrow() != mine {
                    return;
                }
                state.set((
                    Some(deps),
                    match result {
                        Ok(v) => Loadable::Ready(v),
                        Err(e) => Loadable::Failed(e),
                    },
                ));
            });
        });
    }
    if let Some(v) = &*now {
        return (Loadable::Ready(v.clone()), true);
    }
    let fresh = state.0.as_ref() == Some(&deps);
    (state.1.clone(), fresh)
}

/// Keyboard shortcuts for the whole reader: `/` focuses the search box
/// (Esc in the box is the box's own: it closes the suggestions, then clears).
#[hook]
fn use_global_keys() {
    use wasm_bindgen::JsCast;
    use_effect_with((), |_| {
        let listener = gloo::events::EventListener::new(&gloo::utils::document(), "keydown", |e| {
            let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            let active = gloo::utils::document().active_element();
            let typing = active.as_ref().is_some_and(|el| {
                let tag = el.tag_name();
                tag == "INPUT" || tag == "TEXTAREA" || tag == "SELECT"
            });
            let Some(input) = gloo::utils::document()
                .get_element_by_id("q")
                .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            if e.key() == "/" && !typing && !e.ctrl_key() && !e.meta_key() && !e.alt_key() {
                e.prevent_default();
                let _ = input.focus();
                input.select();
            }
        });
        move || drop(listener)
    });
}

/// A performance measure from the mark `start` to now, for the benchmarks.
/// Only the latest of a name is kept: a kiosk searches all day.
pub fn measure(name: &str, start: &str) {
    if let Some(p) = gloo::utils::window().performance() {
        p.clear_measures_with_measure_name(name);
        let _ = p.measure_with_start_mark(name, start);
    }
}

/// A performance mark the benchmarks read (`performance.getEntriesByName`);
/// only the latest of a name is kept.
pub fn mark(name: &str) {
    if let Some(p) = gloo::utils::window().performance() {
        p.clear_marks_with_mark_name(name);
        let _ = p.mark(name);
    }
}
