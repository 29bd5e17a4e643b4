//! What a view shows instead of itself: loading, a part of the archive that
//! could not be loaded, a dead end with a way back, and the archive that
//! could not be opened at all.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::bridge::LoadError;
use crate::context::Loadable;
use crate::i18n::{Lang, T};
use crate::route::Route;

/// The loading and failure states every view shares.
pub fn loadable<V>(state: &Loadable<V>, lang: Lang, ready: impl FnOnce(&V) -> Html) -> Html {
    match state {
        Loadable::Loading => {
            html! { <p class="loading" role="status" aria-live="polite">{ T::Loading.s(lang) }</p> }
        }
        Loadable::Failed(e) => load_error(e, lang),
        Loadable::Ready(v) => ready(v),
    }
}

/// A part of the archive could not be loaded: say which, keep the rest usable.
pub fn load_error(e: &LoadError, lang: Lang) -> Html {
    let (what, file) = match e {
        LoadError::Missing(f) => (T::MissingFile, f.clone()),
        LoadError::Corrupt(f) => (T::CorruptFile, f.clone()),
        LoadError::Bundle(b) => (T::CorruptFile, b.to_string()),
    };
    html! {
        <div class="notice error" role="alert">
            <p><strong>{ what.s(lang) }</strong>{ "：" }<code>{ file }</code></p>
            <p>{ T::LoadFailedHint.s(lang) }</p>
            <p><Link<Route> to={Route::Home}>{ T::Home.s(lang) }</Link<Route>></p>
        </div>
    }
}

/// A friendly dead end with a way back.
pub fn not_found(what: T, lang: Lang) -> Html {
    html! {
        <section class="notice" id="not-found">
            <h1>{ what.s(lang) }</h1>
            <p><Link<Route> to={Route::Home}>{ T::Home.s(lang) }</Link<Route>></p>
        </section>
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
