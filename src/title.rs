//! The window title (`document.title`): the view's, then the archive's.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::labels::{issue_date, page_label, paper_line};
use crate::context::Ctx;
use crate::i18n::T;
use crate::route::{Route, SearchParams};

/// The window title for the route: the archive's title, after the view's
/// for issues, search and missing pages (the article view names its article
/// with [`set_title`] once loaded).
#[hook]
pub fn use_route_title(archive: &str) {
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
                Some(e) => format!("{} · {}", issue_date(&e.issue, *lang), paper_line(&e.issue)),
                None => T::NotFoundIssue.s(*lang).to_string(),
            }),
            Some(Route::Page { id, n }) => Some(match handle.0.borrow().manifest.issue(id) {
                Some(e) => format!(
                    "{} · {} · {}",
                    page_label(*n, *lang),
                    issue_date(&e.issue, *lang),
                    paper_line(&e.issue)
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
