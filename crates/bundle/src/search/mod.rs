//! The search core shared by the CLI and the reader.
//!
//! Contract: [`build_index`] (native) turns articles into index shards and an
//! [`IndexMeta`] for the manifest; [`run`] answers a [`SearchRequest`] against
//! an [`Archive`], returning [`Need`] when shards must be loaded first: the term
//! shards of the query's characters, then doc-info shards of the candidates,
//! then the document shards of the hits shown (and of candidates that must be
//! checked against their text). See docs/search.md.

mod candidates;
mod collect;
mod facets;
mod filter;
mod pairs;
pub mod pinyin;
mod plan;
mod postings;
pub mod query;
mod results;
mod score;
pub mod snippet;
mod verify;

#[cfg(test)]
mod testing;

pub use crate::text::{normalize, signature};

use crate::archive::Archive;
use crate::error::Need;
pub use crate::format::codec;
pub use crate::format::index::{
    compact_index_shards, DocInfoEntry, IndexMeta, IndexShardEntry, INDEX_KIND,
};
pub use crate::index;
pub use crate::index::{
    build_index, build_index_full, build_index_reporting, build_index_with, segmenter, BuildPass,
    BuiltIndex, LoadedIndex, Readings, Report,
};
pub use pinyin::{suggest, Suggestion};
pub use query::{parse, Filters, Query, Term};
pub use results::{Count, FacetCount, Facets, Fragment, Hit, SearchRequest, SearchResults, Sort};
pub use snippet::{highlight, snippet};

impl Archive {
    /// Runs a search; see [`crate::search`].
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, Need> {
        run(self, req)
    }
}

/// Answers `req` on `archive`, in phases: parse, plan (pinyin, term
/// shards), candidates, filter (doc-info shards), verify (document shards
/// of unsure candidates), score, collect (the page walk and the hits) and
/// facets. A phase that needs files not loaded returns [`Need`].
pub fn run(archive: &Archive, req: &SearchRequest) -> Result<SearchResults, Need> {
    let query = plan::parse_request(req);
    if query.is_empty() || archive.index.meta.kind != INDEX_KIND {
        return Ok(SearchResults {
            terms: query.terms(),
            exact: true,
            ..Default::default()
        });
    }
    let n = archive.manifest.article_count.min(archive.index.meta.docs);
    let plan = plan::plan(archive, query)?;
    let mut found = candidates::find(archive, &plan.query, n);
    // Facets by page, kind and byline only from the doc info of every
    // candidate: counted over some of it, they would be wrong.
    let info_loaded = match filter::need_doc_info(archive, &found.maybe) {
        Ok(()) => true,
        Err(need) if filter::needs_doc_info(archive, &plan.query.filters, req.doc_info_facets) => {
            return Err(need)
        }
        Err(_) => false,
    };
    filter::apply(archive, &plan.query.filters, &mut found.maybe);
    let checker = verify::Checker::new(&plan.query);
    let sure = postings::Bits::of(&found.sure, n);
    let pair_files = pairs::need(archive, &plan.query);
    if req.exhaustive && !pair_files.is_empty() && found.maybe.len() > found.sure.len() {
        return Err(Need(pair_files));
    }
    pairs::rule_out(archive, &plan.query, &sure, &mut found.maybe);
    let maybe = std::mem::take(&mut found.maybe);
    let mut cands = verify::check_loaded(archive, &checker, &sure, maybe, req.exhaustive)?;
    let scores = score::score(archive, &plan, &found, &cands.docs);
    let page = collect::walk(
        archive,
        req,
        &checker,
        &sure,
        &mut cands,
        &scores,
        &pair_files,
    )?;
    let hits = collect::hits(archive, &cands.docs, &page.page, &scores, &plan.terms);
    // Every candidate the walk passed is known now (it asked for the shards
    // of those it could not check), so the first `pos` matches in order are
    // known, and any other known match lies beyond them.
    let count = Count::of(&cands.status, cands.held, cands.checked);
    let want = req.offset.saturating_add(req.limit);
    let has_more = count.certain > page.pos.min(want);
    let facets = facets::of_candidates(archive, &cands, count.rate, info_loaded);
    Ok(SearchResults {
        total: count.total(),
        certain: count.certain,
        unknown: count.unknown,
        has_more,
        hits,
        facets,
        terms: plan.terms,
        exact: count.unknown == 0 && page.pending.is_empty(),
        pending: page.pending,
    })
}
