//! The count and facets a page of results shows, steady while they are
//! estimates.

use std::rc::Rc;

use kanbao_bundle::search::SearchResults;

/// The results whose count and facets to show for `key`: `r` when it is
/// exact or the first for `key`, else the earlier answer for `key` (an
/// earlier exact count, or the first estimate). Remembers what it returns.
pub fn steady(
    memo: &mut Option<(String, Rc<SearchResults>)>,
    key: &str,
    r: &Rc<SearchResults>,
) -> Rc<SearchResults> {
    let keep = match memo {
        Some((k, prev)) if k == key => !r.exact || prev.exact,
        _ => false,
    };
    if !keep {
        *memo = Some((key.to_string(), r.clone()));
    }
    memo.as_ref()
        .map(|(_, c)| c.clone())
        .unwrap_or_else(|| r.clone())
}
