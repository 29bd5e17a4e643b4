//! The reader's views, one per route, and the small pieces they share.

pub mod article;
pub mod home;
pub mod issue;
pub mod offline;
pub mod search;

use kanbao_bundle::search::Fragment;
use kanbao_bundle::{ArticleKind, Byline, Issue};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{Ctx, Loadable, Route};
use crate::bridge::LoadError;
use crate::i18n::{Lang, T};

/// `2023年8月3日 星期四` / `Thu 3 Aug 2023`-ish; `日期不详` when unknown.
pub fn issue_date(issue: &Issue, lang: Lang) -> String {
    let Some(date) = issue.date.as_deref() else {
        return match issue.year_hint {
            Some(y) => format!("{}（{}？）", T::Undated.s(lang), y),
            None => T::Undated.s(lang).to_string(),
        };
    };
    let parts: Vec<u32> = date.split('-').filter_map(|p| p.parse().ok()).collect();
    match (lang, parts.as_slice()) {
        (Lang::Zh, [y, m, d]) => {
            let mut s = format!("{y}年{m}月{d}日");
            if let Some(w) = &issue.weekday {
                s.push(' ');
                s.push_str(w);
            }
            s
        }
        _ => date.to_string(),
    }
}

/// Paper and edition, e.g. `嘉兴日报 · 平湖版`.
pub fn paper_line(issue: &Issue) -> String {
    [issue.paper.as_deref(), issue.edition.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Byline with roles labelled: `记者 林旭东 · 通讯员 顾秋叶 施俊杰`.
pub fn byline_text(byline: &Byline, lang: Lang) -> String {
    byline
        .roles()
        .filter(|(_, names)| !names.is_empty())
        .map(|(role, names)| {
            let label = match lang {
                Lang::Zh => role.label_zh(),
                Lang::En => role.label_en(),
            };
            format!("{label} {}", names.join(" "))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `第3版` / `Page 3`.
pub fn page_label(page: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第{page}版"),
        Lang::En => format!("Page {page}"),
    }
}

pub fn kind_label(kind: ArticleKind, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => kind.label_zh(),
        Lang::En => kind.label_en(),
    }
}

/// The `#/…` link of a route, its path percent-encoded as [`Link`] writes it.
pub fn route_href(route: &Route) -> String {
    format!("#{}", kanbao_bundle::percent_encode(&route.to_path(), b"/"))
}

/// `?…` of a link's query as [`Link`] writes it; empty for no parameters.
pub fn query_suffix(query: &impl serde::Serialize) -> String {
    match serde_urlencoded::to_string(query) {
        Ok(q) if !q.is_empty() => format!("?{q}"),
        _ => String::new(),
    }
}

/// The `#/…` link of a route with a query, for a plain `<a href>`: a list of
/// tens of links renders faster without a [`Link`] component each, and a
/// plain link opens in a new tab like any other.
pub fn href(route: &Route, query: &impl serde::Serialize) -> String {
    route_href(route) + &query_suffix(query)
}

/// Text with hits marked; always rendered as text, never as markup.
pub fn fragments(frags: &[Fragment]) -> Html {
    frags
        .iter()
        .map(|f| {
            if f.hit {
                html! { <mark>{ f.text.clone() }</mark> }
            } else {
                html! { { f.text.clone() } }
            }
        })
        .collect()
}

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

#[component]
pub fn NotFound() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    not_found(T::NotFoundPage, ctx.lang)
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
