//! The search's parameters as the search core takes them, and the filters
//! in force, each with how to drop it.

use kanbao_bundle::search::query::{FilterField, TextFilter, UNDATED};
use kanbao_bundle::search::Filters;
use kanbao_bundle::{ArticleKind, Manifest};

use super::facets::issue_label;
use crate::components::labels::{kind_label, page_label};
use crate::i18n::{Lang, T};
use crate::route::SearchParams;

/// The filters a URL's parameters ask for.
pub fn filters_of(p: &SearchParams) -> Filters {
    let mut f = Filters::default();
    if p.date.as_deref() == Some(UNDATED) {
        f.undated = true;
    } else if let Some(d) = p.date.as_deref().filter(|d| !d.is_empty()) {
        let (from, to) = d.split_once("..").unwrap_or((d, d));
        f.date_from = Some(from.to_string()).filter(|s| !s.is_empty());
        f.date_to = Some(to.to_string()).filter(|s| !s.is_empty());
    }
    f.pages.extend(p.page);
    f.authors.extend(p.author.clone());
    f.kinds.extend(p.kind.clone());
    f.issues.extend(p.issue.clone());
    f
}

pub fn has_filters(p: &SearchParams) -> bool {
    p.date.is_some()
        || p.page.is_some()
        || p.author.is_some()
        || p.kind.is_some()
        || p.issue.is_some()
}

/// The filters in force, each with how to drop it.
pub type ClearFn = Box<dyn Fn(&mut SearchParams)>;

/// The filters in force, each with how to drop it: those of the URL (facet
/// clicks), then those typed in the query (`版:1`, `作者:…`, `日期:…`, a
/// range), dropped by taking their word out of the query.
pub fn active_filters(
    p: &SearchParams,
    typed: &[TextFilter],
    m: &Manifest,
    lang: Lang,
) -> Vec<(String, ClearFn)> {
    let mut out: Vec<(String, ClearFn)> = Vec::new();
    let date_label = |d: &str| {
        let d = if d == UNDATED { T::Undated.s(lang) } else { d };
        format!("{}: {d}", T::FacetDate.s(lang))
    };
    let kind_name = |k: &str| {
        ArticleKind::ALL
            .iter()
            .find(|x| x.as_str() == k)
            .map(|x| kind_label(*x, lang).to_string())
            .unwrap_or_else(|| k.to_string())
    };
    let issue_name = |i: &str| format!("{}: {}", T::FacetIssue.s(lang), issue_label(m, i, lang));
    let author_name = |a: &str| format!("{}: {a}", T::FacetAuthor.s(lang));
    if let Some(d) = &p.date {
        out.push((date_label(d), Box::new(|p| p.date = None)));
    }
    if let Some(n) = p.page {
        out.push((page_label(n, lang), Box::new(|p| p.page = None)));
    }
    if let Some(a) = &p.author {
        out.push((author_name(a), Box::new(|p| p.author = None)));
    }
    if let Some(k) = &p.kind {
        out.push((kind_name(k), Box::new(|p| p.kind = None)));
    }
    if let Some(i) = &p.issue {
        out.push((issue_name(i), Box::new(|p| p.issue = None)));
    }
    for f in typed {
        let label = match f.field {
            FilterField::Date => date_label(&f.value),
            FilterField::Page => f
                .value
                .parse()
                .map(|n| page_label(n, lang))
                .unwrap_or_else(|_| f.value.clone()),
            FilterField::Author => author_name(&f.value),
            FilterField::Kind => kind_name(&f.value),
            FilterField::Issue => issue_name(&f.value),
        };
        let f = f.clone();
        out.push((label, Box::new(move |p| p.q = f.remove_from(&p.q))));
    }
    out
}

/// The query with its quotes taken out: the phrase's words searched apart.
pub fn without_quotes(q: &str) -> String {
    let s: String = q
        .chars()
        .map(|c| {
            if matches!(c, '"' | '“' | '”' | '＂') {
                ' '
            } else {
                c
            }
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
