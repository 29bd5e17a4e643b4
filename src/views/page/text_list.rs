//! The page's articles as text, where there is no image to click on.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::i18n::{Lang, T};
use crate::route::Route;

/// The page's articles as text links (id, headline): where there is no
/// image to click on.
pub fn text_list(articles: &[(String, String)], lang: Lang) -> Html {
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
