//! The app: opens the archive, provides the contexts, and lays out the
//! shell (header with the search box, the routed view, footer) around the
//! router's switch.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::bridge::LoadError;
use crate::components::display::DisplayMenu;
use crate::components::kiosk::{
    keep_no_history, use_kiosk_locks, IdleGuard, KioskBack, OnScreenKeyboard,
};
use crate::components::offline::Offline;
use crate::components::search_box::SearchBox;
use crate::components::status::LoadFailure;
use crate::config::KioskConfig;
use crate::context::Ctx;
use crate::focus::{focus_main, use_focus_after_navigation};
use crate::i18n::{Lang, T};
use crate::perf::mark;
use crate::route::Route;
use crate::settings::Settings;
use crate::shortcuts::use_global_keys;
use crate::store::{self, ArchiveHandle};
use crate::title::use_route_title;
use crate::views;

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
            keep_no_history();
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

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <views::home::Home /> },
        Route::Issue { id } => html! { <views::issue::IssueView {id} /> },
        Route::Article { id } => html! { <views::article::ArticleView {id} /> },
        Route::Page { id, n } => html! { <views::page::PageView {id} {n} /> },
        Route::Search => html! { <views::search::SearchView /> },
        Route::NotFound => html! { <views::not_found::NotFound /> },
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
                <SearchBox />
                <div class="header-tools">
                    <DisplayMenu />
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
                if !ctx.kiosk.enabled { <Offline /> }
            </footer>
        </>
    }
}
