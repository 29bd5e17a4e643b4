//! What a search is asked and what it answers: the request, hits, facets
//! and the count of matches. Plain data, shared by every phase.

use serde::{Deserialize, Serialize};

use super::query::Filters;

/// Result order.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct SearchRequest {
    pub query: String,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
    /// Filters chosen outside the query text (facet clicks); combined with the query's.
    pub filters: Filters,
    /// Check every candidate against its text, so `total` and facets are exact
    /// (may load every document shard). Otherwise only as many as the page needs.
    pub exhaustive: bool,
    /// Count the matches by page, kind and byline too, from the doc-info
    /// shards of the candidates (at 100,000 articles a common word's reach
    /// all 13). Without it those facets are left empty unless their shards
    /// are loaded anyway: a large archive ranks without doc info
    /// (`IndexMeta::posting_norms`), so its first page loads none unless a
    /// filter reads them, and the reader asks again with this for the facets.
    pub doc_info_facets: bool,
    /// Answer with the matches found so far when many candidates must be
    /// checked against their text, listing in [`SearchResults::pending`]
    /// what to load to go on (the reader shows them while it loads). Off,
    /// a search answers once its page is full.
    pub progressive: bool,
}

impl Default for SearchRequest {
    fn default() -> Self {
        Self {
            query: String::new(),
            sort: Sort::Relevance,
            offset: 0,
            limit: 20,
            filters: Filters::default(),
            exhaustive: false,
            doc_info_facets: true,
            progressive: false,
        }
    }
}

/// A piece of a snippet; `hit` pieces are highlighted.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Fragment {
    pub text: String,
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub hit: bool,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Hit {
    pub doc: u32,
    pub article_id: String,
    pub headline: String,
    pub date: Option<String>,
    pub page: Option<u32>,
    pub score: f32,
    pub snippet: Vec<Fragment>,
}

/// One value of a facet and how many matching articles have it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct FacetCount {
    pub value: String,
    pub count: usize,
}

/// Counts over all matches (before paging).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default)]
pub struct Facets {
    /// `1998`; chronological.
    pub years: Vec<FacetCount>,
    /// `1998-01`; chronological.
    pub months: Vec<FacetCount>,
    /// Issue ids; chronological.
    pub issues: Vec<FacetCount>,
    /// Page numbers; ascending.
    pub pages: Vec<FacetCount>,
    /// Byline names; most first.
    pub authors: Vec<FacetCount>,
    /// `news`, `photo`…; most first.
    pub kinds: Vec<FacetCount>,
    /// Matches in issues with no known date (in no year or month above).
    #[serde(skip_serializing_if = "is_zero")]
    pub undated: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Facets {
    /// The `n` issues with the most hits (of equal counts, the earlier),
    /// in date order as [`Facets::issues`] is: a run of days (the Spring
    /// Festival week) stays a run, read like the timeline beside it, and
    /// each value shows its count.
    pub fn top_issues(&self, n: usize) -> Vec<FacetCount> {
        let mut by_count: Vec<usize> = (0..self.issues.len()).collect();
        by_count.sort_by_key(|&i| (std::cmp::Reverse(self.issues[i].count), i));
        by_count.truncate(n);
        by_count.sort_unstable();
        by_count
            .into_iter()
            .map(|i| self.issues[i].clone())
            .collect()
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default)]
pub struct SearchResults {
    /// Number of matching articles: exact when `exact`, otherwise an
    /// estimate, see [`Count::total`] for how it is made and its bound.
    pub total: usize,
    /// Matches known for certain (from the index or checked against their
    /// text): the true count is at least this…
    pub certain: usize,
    /// …and at most this more: candidates not yet checked. Zero when `exact`.
    pub unknown: usize,
    /// Whether a match is known to lie beyond this page: a next page has
    /// hits. (The walk looks one hit past the page.)
    pub has_more: bool,
    pub hits: Vec<Hit>,
    /// The query's search terms after normalization, for highlighting.
    pub terms: Vec<String>,
    pub facets: Facets,
    /// Whether `total` and `facets` are exact: every candidate was certain
    /// from the index or checked against its text. Otherwise both are
    /// estimates and should be shown as such.
    pub exact: bool,
    /// For a progressive request: the files to load for the rest of the
    /// page, whose hits so far are these (they stay first). Empty when
    /// the page is full or no candidate is left to check.
    pub pending: Vec<String>,
}

/// A search's count of matches from what is known of its candidates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Count {
    /// Candidates known to match.
    pub certain: usize,
    /// Candidates neither known to match nor ruled out.
    pub unknown: usize,
    /// The share of unknown candidates taken to match: of the candidates
    /// the index was unsure of and that were checked, the share that matched.
    pub rate: f64,
}

impl Count {
    /// From each candidate's status (known match, ruled out, unknown) and,
    /// of the unsure candidates checked, how many matched.
    pub(crate) fn of(status: &[Option<bool>], held: u32, checked: u32) -> Self {
        let certain = status.iter().filter(|s| **s == Some(true)).count();
        let unknown = status.iter().filter(|s| s.is_none()).count();
        Count {
            certain,
            unknown,
            rate: Self::rate(held, checked),
        }
    }

    fn rate(held: u32, checked: u32) -> f64 {
        if checked == 0 {
            0.5
        } else {
            held as f64 / checked as f64
        }
    }

    /// The count shown: `certain` plus `unknown × rate`, rounded. Exact when
    /// nothing is unknown.
    ///
    /// Bound: the true count lies in `certain ..= certain + unknown`, so the
    /// count shown exceeds it by at most `total − certain` = round(`unknown ×
    /// rate`) ([`SearchResults::overshoot_bound`]), and falls short of it by
    /// at most `unknown − that`. The rate comes from at least `MIN_EVIDENCE`
    /// checked candidates or `EVIDENCE_SHARDS` loaded shards of them; on
    /// pd1998 (the `counts` test of the CLI) the first page's estimate is
    /// off by a third on average, as matches cluster in time and the shards
    /// checked are those of the page.
    pub fn total(&self) -> usize {
        self.certain + (self.unknown as f64 * self.rate).round() as usize
    }
}

impl SearchResults {
    /// How far `total` may exceed the true count: `total − certain` (zero
    /// when `exact`). See [`Count::total`].
    pub fn overshoot_bound(&self) -> usize {
        self.total - self.certain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_is_certain_plus_unknown_at_the_rate() {
        let c = Count::of(&[Some(true), None, None, Some(false), None], 1, 4);
        assert_eq!((c.certain, c.unknown, c.rate), (1, 3, 0.25));
        assert_eq!(c.total(), 2);
        assert_eq!(Count::of(&[None], 0, 0).rate, 0.5);
        assert_eq!(Count::of(&[Some(true)], 0, 0).total(), 1);
    }

    #[test]
    fn top_issues_keep_date_order() {
        let fc = |value: &str, count| FacetCount {
            value: value.into(),
            count,
        };
        let f = Facets {
            issues: vec![fc("a", 1), fc("b", 5), fc("c", 2), fc("d", 5)],
            ..Default::default()
        };
        assert_eq!(f.top_issues(3), [fc("b", 5), fc("c", 2), fc("d", 5)]);
    }
}
