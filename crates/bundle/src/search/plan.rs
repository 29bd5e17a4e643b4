//! Plan: the parsed query bound to the loaded vocabulary. Pinyin runs also
//! stand for the Chinese words they spell, every character's term shard is
//! loaded, and the query's words for ranking are segmented from the shards'
//! vocabulary exactly as the index was.

use super::pinyin;
use super::query::{self, parse, Query, Term};
use super::results::SearchRequest;
use crate::archive::Archive;
use crate::error::{note, Need};
use crate::index::{segmenter, MAX_WORD_CHARS};
use crate::text::normalize::is_word_char;

/// A query ready for the index.
pub(crate) struct Plan {
    pub query: Query,
    /// The terms of the pinyin runs as typed, before expansion.
    pub typed: Vec<Term>,
    /// Whether pinyin expansions added terms.
    pub expanded: bool,
    /// The query's search terms after normalization, for highlighting.
    pub terms: Vec<String>,
}

/// The query of `req`: its text parsed, the request's filters merged in.
pub(crate) fn parse_request(req: &SearchRequest) -> Query {
    let mut query = parse(&req.query);
    query.filters.merge(&req.filters);
    query
}

/// Binds `query` to the archive: first the pinyin files its runs need, then
/// the term shards of every character of the (expanded) query.
pub(crate) fn plan(archive: &Archive, mut query: Query) -> Result<Plan, Need> {
    // Pinyin runs also stand for the Chinese words they spell. The terms
    // as typed are kept: what matches them literally ranks first (`bp` finds
    // BP机 before 报批).
    let typed: Vec<Term> = query
        .pinyin
        .iter()
        .flat_map(|run| query.clauses[run.clauses()].iter())
        .flat_map(|c| c.any.iter().cloned())
        .collect();
    let clauses_before = query.clauses.iter().map(|c| c.any.len()).sum::<usize>();
    expand_pinyin(archive, &mut query)?;
    let expanded = query.clauses.iter().map(|c| c.any.len()).sum::<usize>() > clauses_before;
    let terms = query.terms();
    let mut need = Vec::new();
    for t in query
        .clauses
        .iter()
        .flat_map(|c| &c.any)
        .chain(&query.exclude)
    {
        missing_term_shards(archive, &t.text, &mut need);
    }
    if !need.is_empty() {
        return Err(Need(need));
    }
    Ok(Plan {
        query,
        typed,
        expanded,
        terms,
    })
}

/// Term shard files the characters of `text` need and are not loaded.
fn missing_term_shards(archive: &Archive, text: &str, need: &mut Vec<String>) {
    for c in text.chars().filter(|&c| is_word_char(c)) {
        if let Err(files) = archive.index.shard_for(c) {
            for file in files {
                if !need.contains(&file) {
                    need.push(file);
                }
            }
        }
    }
}

/// Query words for ranking: each term segmented with the corpus vocabulary of
/// the loaded shards, as the index was.
pub(crate) fn query_words(archive: &Archive, terms: &[String]) -> Vec<String> {
    let idx = &archive.index;
    let mut out: Vec<String> = Vec::new();
    for t in terms {
        for piece in query::pieces(t) {
            let chars: Vec<char> = piece.chars().collect();
            let mut found: Vec<(String, u64)> = Vec::new();
            for i in 0..chars.len() {
                let Ok(shard) = idx.shard_for(chars[i]) else {
                    continue;
                };
                for len in 2..=MAX_WORD_CHARS.min(chars.len() - i) {
                    let w: String = chars[i..i + len].iter().collect();
                    if let Some(e) = shard.words.get(&w) {
                        if !found.iter().any(|(f, _)| *f == w) {
                            found.push((w, e.count));
                        }
                    }
                }
            }
            let seg = segmenter(
                found.iter().map(|(w, c)| (w.as_str(), *c)),
                Some(idx.meta.word_total),
            );
            for tok in seg.cut(&piece, false) {
                let w = tok.word.to_string();
                if !out.contains(&w) {
                    out.push(w);
                }
            }
        }
    }
    out
}

/// Adds to each clause of a pinyin run the Chinese words the run spells
/// ([`pinyin::expansions`]), keeping its literal terms: `ping hu` is
/// (平湖 OR ping) AND (平湖 OR hu), i.e. 平湖 OR (ping AND hu). A run of
/// several words that spells nothing as a whole is tried word by word
/// (`pinghu yurongfu`), and a word that spells no one word is split into
/// several ([`pinyin::split_words`]): `pinghuyurongfu` becomes
/// (平湖 OR pinghuyurongfu) AND (羽绒服 OR pinghuyurongfu). An excluded pinyin
/// word excludes its words too.
fn expand_pinyin(archive: &Archive, query: &mut Query) -> Result<(), Need> {
    if archive.index.meta.pinyin.is_empty() {
        return Ok(());
    }
    let mut need: Vec<String> = Vec::new();
    // Clauses and the words to OR into them: one list for the whole range, or
    // one per piece of a single word split into several.
    let mut plan: Vec<(std::ops::Range<usize>, Vec<Vec<String>>)> = Vec::new();
    for run in &query.pinyin {
        let whole = note(&mut need, pinyin::expansions(archive, &run.text()));
        if let Some(words) = whole.as_ref().filter(|w| !w.is_empty()) {
            plan.push((run.clauses(), vec![words.clone()]));
            continue;
        }
        // Each word's shards are asked for with the whole run's, to save a round.
        let each: Vec<_> = if run.words.len() > 1 {
            run.words
                .iter()
                .map(|(w, r)| (r.clone(), note(&mut need, pinyin::expansions(archive, w))))
                .collect()
        } else {
            run.words
                .iter()
                .map(|(_, r)| (r.clone(), whole.clone()))
                .collect()
        };
        for ((w, _), (range, words)) in run.words.iter().zip(each) {
            match words {
                Some(words) if !words.is_empty() => plan.push((range, vec![words])),
                Some(_) if range.len() == 1 => {
                    if let Some(Some(pieces)) = note(&mut need, pinyin::split_words(archive, w)) {
                        plan.push((range, pieces));
                    }
                }
                _ => {}
            }
        }
    }
    let excluded: Vec<Vec<String>> = query
        .exclude_pinyin
        .iter()
        .filter_map(|w| note(&mut need, pinyin::expansions(archive, w)))
        .collect();
    if !need.is_empty() {
        return Err(Need(need));
    }
    for w in excluded.into_iter().flatten() {
        if !query.exclude.iter().any(|t| t.text == w) {
            query.exclude.push(Term {
                text: w,
                phrase: false,
            });
        }
    }
    // From the last clause back, so that splitting one into several leaves the
    // ranges still to do where they were.
    plan.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    for (range, pieces) in plan {
        if pieces.len() > 1 {
            let literal = query.clauses[range.start].clone();
            let split = pieces.into_iter().map(|words| {
                let mut c = literal.clone();
                add_words(&mut c, &words);
                c
            });
            query.clauses.splice(range, split);
            continue;
        }
        for clause in &mut query.clauses[range] {
            add_words(clause, &pieces[0]);
        }
    }
    Ok(())
}

fn add_words(clause: &mut query::Clause, words: &[String]) {
    for w in words {
        if !clause.any.iter().any(|t| t.text == *w) {
            clause.any.push(Term {
                text: w.clone(),
                phrase: false,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::Filters;
    use crate::search::testing::{corpus, Built, WORDS};

    #[test]
    fn the_request_filters_join_the_query() {
        let req = SearchRequest {
            query: "平湖 版:1".into(),
            filters: Filters {
                kinds: vec!["photo".into()],
                ..Default::default()
            },
            ..Default::default()
        };
        let q = parse_request(&req);
        assert_eq!(
            (q.filters.pages.clone(), q.filters.kinds.clone()),
            (vec![1], vec!["photo".to_string()])
        );
    }

    #[test]
    fn term_shards_are_asked_for_then_the_query_is_bound() {
        let mut b = Built::new(corpus(), WORDS);
        let need = plan(&b.archive, parse("平湖 -足球")).err().unwrap();
        assert!(!need.0.is_empty());
        assert!(need.0.iter().all(|f| f.starts_with("index/t")), "{need:?}");
        b.load(need);
        let p = plan(&b.archive, parse("平湖 -足球")).unwrap();
        assert_eq!(p.terms, ["平湖"]);
        assert!(!p.expanded && p.typed.is_empty());
    }

    #[test]
    fn pinyin_stands_for_the_words_it_spells() {
        let mut b = Built::new(corpus(), WORDS);
        let p = b.resolve(|a| plan(a, parse("pinghu")));
        assert!(p.expanded);
        assert_eq!(p.typed[0].text, "pinghu");
        let any: Vec<&str> = p.query.clauses[0]
            .any
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(any, ["pinghu", "平湖"]);
    }

    #[test]
    fn query_words_are_segmented_as_the_index_was() {
        let b = Built::new(corpus(), WORDS).load_all();
        assert_eq!(
            query_words(&b.archive, &["平湖羽绒服".into()]),
            ["平湖", "羽绒服"]
        );
    }
}
