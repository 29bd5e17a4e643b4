//! Routes and links: every view has a `#/…` URL (with its query
//! parameters), so any of them can be bookmarked and shared, from file://
//! and any static host.

use serde::{Deserialize, Serialize};
use yew_router::prelude::*;

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

/// `#/issue/<id>/page/<n>`, at an article and with terms to mark when given.
pub fn page_href(issue: &str, n: u32, article: Option<&str>, hl: Option<&str>) -> String {
    href(
        &Route::Page {
            id: issue.to_string(),
            n,
        },
        &PageParams {
            a: article.map(str::to_string),
            hl: hl.filter(|h| !h.trim().is_empty()).map(str::to_string),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_carry_the_article_and_the_terms() {
        assert_eq!(
            page_href("2023-08-03", 2, None, None),
            "#/issue/2023-08-03/page/2"
        );
        assert_eq!(
            page_href("2023-08-03", 2, Some("2023-08-03_2_1"), Some("平湖 a&b")),
            "#/issue/2023-08-03/page/2?a=2023-08-03_2_1&hl=%E5%B9%B3%E6%B9%96+a%26b"
        );
        assert_eq!(page_href("x", 1, None, Some("  ")), "#/issue/x/page/1");
    }
}
