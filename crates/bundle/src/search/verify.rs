//! Verify: candidates checked against their folded text, first against the
//! character-pair signature, then by substring search. Candidates certain
//! from the index need no check; loaded unsure ones are checked up front
//! when few enough, the rest as the page walk ([`super::collect`]) reaches them.

use memchr::memmem;

use super::postings::Bits;
use super::query::{Query, Term};
use crate::archive::{Archive, Folded};
use crate::error::Need;
use crate::text::signature;

/// Loaded, unsure candidates checked up front when there are at most this many.
pub(crate) const CHECK_LOADED_MAX: usize = 2000;

/// Document shards checked at once when the unchecked candidates need no more than this.
pub(crate) const EAGER_DOC_SHARDS: usize = 2;

/// The query's text conditions, to check many articles' folded text ([`crate::text::push_folded_text`])
/// against: each term's character pairs, for the article's signature
/// ([`signature`]), and its substring searcher, built once. A cross-word
/// substring of common characters (`系就`) checks thousands of candidates:
/// the signature rules out most without reading their text, and memchr's
/// searcher is several times faster than `str::contains` in wasm (which has
/// no SIMD there).
pub(crate) struct Checker {
    /// Per clause, its terms (any of them); a term holding a newline, which
    /// never matches (fields are joined by newlines), is left out.
    clauses: Vec<Vec<Check>>,
    exclude: Vec<Check>,
}

pub(crate) struct Check {
    pairs: Vec<u64>,
    finder: memmem::Finder<'static>,
}

impl Check {
    fn holds(&self, doc: Folded) -> bool {
        signature::may_hold(doc.sig, &self.pairs) && self.finder.find(doc.text.as_bytes()).is_some()
    }
}

impl Checker {
    pub(crate) fn new(query: &Query) -> Self {
        let checks = |terms: &[Term]| -> Vec<Check> {
            terms
                .iter()
                .filter(|t| !t.text.contains('\n'))
                .map(|t| Check {
                    pairs: signature::pairs(&t.text),
                    finder: memmem::Finder::new(t.text.as_bytes()).into_owned(),
                })
                .collect()
        };
        Self {
            clauses: query.clauses.iter().map(|c| checks(&c.any)).collect(),
            exclude: checks(&query.exclude),
        }
    }

    /// Whether an article's folded text matches.
    pub(crate) fn matches(&self, doc: Folded) -> bool {
        self.clauses.iter().all(|c| c.iter().any(|t| t.holds(doc)))
            && !self.exclude.iter().any(|t| t.holds(doc))
    }

    /// Whether document `doc` of document shard `shard` matches: `None` while
    /// the shard is not loaded, false for a document not in it.
    pub(crate) fn check(&self, archive: &Archive, shard: usize, doc: u32) -> Option<bool> {
        match archive.folded_in(shard, doc)? {
            Some(a) => Some(self.matches(a)),
            None => Some(false),
        }
    }
}

/// The document shard of each of `docs` (sorted), `usize::MAX` for none.
pub(crate) fn doc_shards_of(archive: &Archive, docs: &[u32]) -> Vec<usize> {
    let shards = &archive.manifest.doc_shards;
    let mut out = Vec::with_capacity(docs.len());
    let mut i = 0usize;
    let mut prev: Option<u32> = None;
    for &d in docs {
        if prev.is_some_and(|p| p > d) {
            i = 0;
        }
        prev = Some(d);
        while i < shards.len() && shards[i].first_doc + shards[i].count <= d {
            i += 1;
        }
        out.push(if i < shards.len() && shards[i].first_doc <= d {
            i
        } else {
            usize::MAX
        });
    }
    out
}

/// The candidates from here on, in document order: `docs`, their document
/// shards (`usize::MAX`: none) and their status (Some(true) matches,
/// Some(false) does not, None unknown), with the evidence for the count: of
/// the unsure candidates checked, how many held the query.
pub(crate) struct Cands {
    pub docs: Vec<u32>,
    pub shards: Vec<usize>,
    pub status: Vec<Option<bool>>,
    pub held: u32,
    pub checked: u32,
    /// Document shards loaded that hold unsure candidates: how much text
    /// this search has had to check (see [`super::collect::PROGRESSIVE_AFTER`]).
    pub loaded_shards: usize,
}

impl Cands {
    /// Checks unknown candidate `k` if its shard is loaded, noting the result.
    pub(crate) fn check(&mut self, archive: &Archive, checker: &Checker, k: usize) -> Option<bool> {
        let v = checker.check(archive, self.shards[k], self.docs[k]);
        if let Some(v) = v {
            self.checked += 1;
            self.held += v as u32;
            self.status[k] = Some(v);
        }
        v
    }
}

/// Checks what can be checked: asks for the document shards of the unsure
/// candidates when the search is exhaustive or they are few
/// ([`EAGER_DOC_SHARDS`]); otherwise checks the loaded unsure candidates
/// when at most [`CHECK_LOADED_MAX`] (or exhaustive), dropping those that
/// fail, and leaves the rest unknown, so a warm query stays fast (and the
/// tens of thousands of candidates of a common word are not copied).
pub(crate) fn check_loaded(
    archive: &Archive,
    checker: &Checker,
    sure: &Bits,
    maybe: Vec<u32>,
    exhaustive: bool,
) -> Result<Cands, Need> {
    // Per candidate its document shard (one walk, as candidates and shards
    // are both in document order); in one pass, the unsure candidates
    // counted and the shards of those not loaded listed, each once.
    let mut shards = doc_shards_of(archive, &maybe);
    let mut unsure = 0usize;
    let mut unchecked_shards: Vec<usize> = Vec::new();
    let (mut loaded_shards, mut last) = (0, None);
    for (&d, &sh) in maybe.iter().zip(&shards) {
        if sure.has(d) {
            continue;
        }
        unsure += 1;
        if sh == usize::MAX || last == Some(sh) {
            continue;
        }
        last = Some(sh);
        if archive.doc_shard_loaded(sh) {
            loaded_shards += 1;
        } else {
            unchecked_shards.push(sh);
        }
    }
    if !unchecked_shards.is_empty() && (exhaustive || unchecked_shards.len() <= EAGER_DOC_SHARDS) {
        let mut files: Vec<String> = unchecked_shards
            .into_iter()
            .map(|i| archive.manifest.doc_shards[i].file.clone())
            .collect();
        files.sort();
        return Err(Need(files));
    }
    let check_loaded = exhaustive || unsure <= CHECK_LOADED_MAX;
    let mut docs = maybe;
    let mut status: Vec<Option<bool>> = docs.iter().map(|&d| sure.has(d).then_some(true)).collect();
    let (mut held, mut checked) = (0u32, 0u32);
    if check_loaded {
        let mut kept = 0;
        for i in 0..docs.len() {
            let (d, sh) = (docs[i], shards[i]);
            let s = status[i].or_else(|| {
                // A candidate in no document shard holds nothing.
                let v = checker
                    .check(archive, sh, d)
                    .or((sh == usize::MAX).then_some(false));
                if let Some(v) = v {
                    checked += 1;
                    held += v as u32;
                }
                v
            });
            if s != Some(false) {
                (docs[kept], shards[kept], status[kept]) = (d, sh, s);
                kept += 1;
            }
        }
        docs.truncate(kept);
        shards.truncate(kept);
        status.truncate(kept);
    }
    Ok(Cands {
        docs,
        shards,
        status,
        held,
        checked,
        loaded_shards,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::candidates::find;
    use crate::search::query::parse;
    use crate::search::testing::{corpus, Built, WORDS};

    #[test]
    fn the_checker_reads_folded_text_and_exclusions() {
        let b = Built::new(corpus(), WORDS).load_all();
        let c = Checker::new(&parse("平湖 -足球"));
        let held: Vec<Option<bool>> = (0..6)
            .map(|d| c.check(&b.archive, d as usize / 2, d))
            .collect();
        let t = Some(true);
        let f = Some(false);
        assert_eq!(held, [t, t, t, f, t, f]);
        let c = Checker::new(&parse("羽绒服"));
        assert!(c.check(&b.archive, 2, 5) == Some(false));
        let fresh = Built::new(corpus(), WORDS);
        assert_eq!(c.check(&fresh.archive, 0, 0), None);
    }

    #[test]
    fn few_unsure_candidates_are_asked_for_then_checked() {
        let mut b = Built::new(corpus(), WORDS);
        let q = parse("平湖");
        let found = b.resolve(|a| {
            crate::search::plan::plan(a, q.clone())?;
            Ok(find(a, &q, 6))
        });
        let checker = Checker::new(&q);
        let sure = Bits::of(&found.sure, 6);
        let need = check_loaded(&b.archive, &checker, &sure, found.maybe.clone(), false);
        // The unsure 1 and 2 are in document shards 0 and 1.
        let need = need.err().unwrap();
        assert_eq!(need.0, ["docs/0000.js", "docs/0001.js"]);
        b.load(need);
        let c = check_loaded(&b.archive, &checker, &sure, found.maybe, false).unwrap();
        assert_eq!(c.docs, [0, 1, 2, 4]);
        assert_eq!(c.shards, [0, 0, 1, 2]);
        assert_eq!(c.status, [Some(true); 4]);
        assert_eq!((c.held, c.checked), (2, 2));
    }
}
