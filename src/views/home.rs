//! Home: the archive's issues, newest first.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{Ctx, Route};
use crate::i18n::T;
use crate::views::{issue_date, paper_line};

#[component]
pub fn Home() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let archive = ctx.archive.0.borrow();
    let m = &archive.manifest;
    // The manifest lists issues oldest first with undated ones last; show
    // dated issues newest first, then the undated ones.
    let mut issues: Vec<_> = m
        .issues
        .iter()
        .filter(|e| e.issue.date.is_some())
        .rev()
        .collect();
    issues.extend(m.issues.iter().filter(|e| e.issue.date.is_none()));
    html! {
        <section class="home">
            <h1>{ ctx.t(T::Issues) }</h1>
            <p class="summary">{ format!("{} · {} {}", ctx.t(T::Tagline), m.article_count, ctx.t(T::Articles)) }</p>
            <ul class="issues" id="issue-list">
                { for issues.into_iter().map(|e| {
                    let id = e.issue.id.clone();
                    html! {
                        <li class="issue-card">
                            <Link<Route> to={Route::Issue { id }}>
                                <span class="date">{ issue_date(&e.issue, ctx.lang) }</span>
                                <span class="paper">{ paper_line(&e.issue) }</span>
                                <span class="count">{ format!("{} {}", e.article_count, ctx.t(T::Articles)) }</span>
                            </Link<Route>>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
