//! Filters: the doc-info shards the candidates need (filters and facets
//! read them), then the candidates kept by the filters of the query and of
//! the request (page, kind, author, date, issue).

use super::query::Filters;
use crate::archive::Archive;
use crate::error::Need;
use crate::text::normalize::fold;

/// Whether the request needs the doc info of its candidates: to rank them
/// (a small archive keeps its lengths there), for a filter by page, kind or
/// byline, or for the facets of those.
pub(crate) fn needs_doc_info(archive: &Archive, f: &Filters, doc_info_facets: bool) -> bool {
    !archive.index.meta.posting_norms
        || doc_info_facets
        || !(f.pages.is_empty() && f.kinds.is_empty() && f.authors.is_empty())
}

/// Asks for the doc-info shards holding candidates that are not loaded.
pub(crate) fn need_doc_info(archive: &Archive, maybe: &[u32]) -> Result<(), Need> {
    let mut need: Vec<String> = Vec::new();
    for (i, e) in archive.index.meta.doc_info.iter().enumerate() {
        let from = maybe.partition_point(|&d| d < e.first_doc);
        let has_candidate = maybe
            .get(from)
            .is_some_and(|&d| d < e.first_doc.saturating_add(e.count));
        if has_candidate
            && archive.index.info.get(i).is_none_or(Option::is_none)
            && !need.contains(&e.file)
        {
            need.push(e.file.clone());
        }
    }
    if need.is_empty() {
        Ok(())
    } else {
        Err(Need(need))
    }
}

/// The date of the issue holding document `d`.
pub(crate) fn date_of(archive: &Archive, d: u32) -> Option<&str> {
    archive
        .manifest
        .issue_of_doc(d)
        .and_then(|i| i.issue.date.as_deref())
}

/// Keeps the candidates `maybe` that pass `f` (their doc info loaded).
pub(crate) fn apply(archive: &Archive, f: &Filters, maybe: &mut Vec<u32>) {
    if archive.manifest.has_unlisted_docs() {
        maybe.retain(|&d| archive.manifest.issue_of_doc(d).is_some());
    }
    if f.is_empty() {
        return;
    }
    let authors: Vec<String> = f.authors.iter().map(|a| fold(a)).collect();
    let keep = |d: u32| -> bool {
        let Ok(Some((info, i))) = archive.index.info_for(d) else {
            return f.pages.is_empty() && authors.is_empty() && f.kinds.is_empty();
        };
        (f.pages.is_empty() || f.pages.contains(&info.page[i]))
            && (f.kinds.is_empty() || f.kinds.iter().any(|k| k == info.kind(i).as_str()))
            && (authors.is_empty()
                || info
                    .authors(i)
                    .iter()
                    .any(|&a| authors.contains(&fold(&info.names[a as usize]))))
            && f.date_ok(date_of(archive, d))
            && (f.issues.is_empty()
                || archive
                    .manifest
                    .issue_of_doc(d)
                    .is_some_and(|e| f.issues.contains(&e.issue.id)))
    };
    maybe.retain(|&d| keep(d));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;
    use crate::search::testing::{corpus, Built, WORDS};

    #[test]
    fn doc_info_is_asked_for_then_filters_keep_candidates() {
        let mut b = Built::new(corpus(), WORDS);
        assert!(need_doc_info(&b.archive, &[]).is_ok());
        let need = need_doc_info(&b.archive, &[0, 3]).unwrap_err();
        assert_eq!(need.0, ["index/d0000.js"]);
        b.load(need);
        let keep = |q: &str| {
            let mut maybe = vec![0, 1, 2, 3, 4, 5];
            apply(&b.archive, &parse(q).filters, &mut maybe);
            maybe
        };
        assert_eq!(keep("日期:2023-01-02"), [2, 3]);
        assert_eq!(keep("作者:王平"), [0]);
        assert_eq!(keep("版:2"), Vec::<u32>::new());
        assert_eq!(keep("x"), [0, 1, 2, 3, 4, 5]);
        assert_eq!(date_of(&b.archive, 5), Some("2023-01-03"));
    }

    #[test]
    fn a_large_archive_ranks_without_doc_info() {
        use crate::search::SearchRequest;
        let req = |query: &str, doc_info_facets| SearchRequest {
            query: query.into(),
            doc_info_facets,
            ..Default::default()
        };
        let mut b = Built::new(corpus(), WORDS);
        let first = b.resolve(|a| a.search(&req("平湖", false)));
        assert!(!b.archive.is_loaded("index/d0000.js"));
        assert!(first.facets.pages.is_empty() && !first.facets.years.is_empty());
        let full = b.resolve(|a| a.search(&req("平湖", true)));
        assert!(b.archive.is_loaded("index/d0000.js"));
        assert_eq!(full.hits, first.hits);
        assert!(!full.facets.pages.is_empty());
        // A filter by page reads the doc info anyway; a small archive ranks with it.
        let mut b = Built::new(corpus(), WORDS);
        b.resolve(|a| a.search(&req("平湖 版:1", false)));
        assert!(b.archive.is_loaded("index/d0000.js"));
        let mut b = Built::with(corpus(), WORDS, false);
        b.resolve(|a| a.search(&req("平湖", false)));
        assert!(b.archive.is_loaded("index/d0000.js"));
    }
}
