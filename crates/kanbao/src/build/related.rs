//! Related articles, computed at build time so the reader needs no extra index:
//! each article's keywords are its most distinctive character bigrams (TF-IDF,
//! headline counted three times); two articles are related by the keywords they
//! share. Bigrams suit Chinese without a dictionary and cost nothing to ship.

use std::collections::HashMap;

use rayon::prelude::*;

use kanbao_bundle::text::is_han;
use kanbao_bundle::{Article, ArticleKind};

/// Keywords kept per article.
const KEYWORDS: usize = 10;
/// Keywords in more articles than this say little and cost much.
const MAX_DF: usize = 300;

/// Adds `weight` for each pair of adjacent Han characters of `text`.
fn bigrams(text: &str, weight: f32, tf: &mut HashMap<(char, char), f32>) {
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if is_han(c) {
            if let Some(p) = prev {
                *tf.entry((p, c)).or_default() += weight;
            }
            prev = Some(c);
        } else {
            prev = None;
        }
    }
}

/// Each article's bigrams with their weights (empty for kinds never related).
fn weighted_bigrams(a: &Article) -> HashMap<(char, char), f32> {
    let mut tf = HashMap::new();
    if matches!(
        a.kind,
        ArticleKind::News | ArticleKind::Commentary | ArticleKind::Photo
    ) {
        bigrams(&a.headline, 3.0, &mut tf);
        for t in a.kicker.iter().chain(a.subheadline.iter()) {
            bigrams(t, 2.0, &mut tf);
        }
        for p in &a.paragraphs {
            bigrams(p, 1.0, &mut tf);
        }
    }
    tf
}

/// For each article (by position), up to `k` related articles (positions),
/// best first. Each article's bigrams are counted twice, once for the
/// document frequencies and once for its keywords, rather than kept for all
/// articles at once (at 100,000 articles they were 1.4 GB); both passes, and
/// the scoring, run on all cores.
pub fn related(articles: &[&Article], k: usize) -> Vec<Vec<usize>> {
    let n = articles.len();
    let df: HashMap<(char, char), usize> = articles
        .par_chunks(1024)
        .map(|chunk| {
            let mut df: HashMap<(char, char), usize> = HashMap::new();
            for a in chunk {
                for key in weighted_bigrams(a).into_keys() {
                    *df.entry(key).or_default() += 1;
                }
            }
            df
        })
        .reduce(HashMap::new, |mut a, b| {
            for (key, d) in b {
                *a.entry(key).or_default() += d;
            }
            a
        });
    let max_df = MAX_DF.min((n / 5).max(2));
    // Top keywords per article with their weights, and the inverted lists.
    let keywords: Vec<Vec<((char, char), f32)>> = articles
        .par_iter()
        .map(|a| {
            let mut kw: Vec<((char, char), f32)> = weighted_bigrams(a)
                .into_iter()
                .filter_map(|(key, f)| {
                    let d = df[&key];
                    (d >= 2 && d <= max_df)
                        .then(|| (key, (1.0 + f.ln()) * (n as f32 / d as f32).ln()))
                })
                .collect();
            kw.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            kw.truncate(KEYWORDS);
            // Without this each article would keep room for all its bigrams.
            kw.shrink_to_fit();
            kw
        })
        .collect();
    drop(df);
    let mut postings: HashMap<(char, char), Vec<(usize, f32)>> = HashMap::new();
    for (i, kw) in keywords.iter().enumerate() {
        for (key, w) in kw {
            postings.entry(*key).or_default().push((i, *w));
        }
    }
    (0..n)
        .into_par_iter()
        .map(|i| best_related(i, &keywords, &postings, k))
        .collect()
}

/// Up to `k` articles sharing at least two of article `i`'s keywords, by
/// the weights they share, best first.
fn best_related(
    i: usize,
    keywords: &[Vec<((char, char), f32)>],
    postings: &HashMap<(char, char), Vec<(usize, f32)>>,
    k: usize,
) -> Vec<usize> {
    let kw = &keywords[i];
    let mut scores: HashMap<usize, f32> = HashMap::new();
    for (key, w) in kw {
        for &(j, wj) in &postings[key] {
            if j != i {
                *scores.entry(j).or_default() += w * wj;
            }
        }
    }
    let mut best: Vec<(usize, f32)> = scores
        .iter()
        .map(|(&j, &s)| (j, s))
        // One shared keyword is chance; ask for more evidence.
        .filter(|&(j, s)| {
            s > 0.0
                && keywords[j]
                    .iter()
                    .filter(|(key, _)| kw.iter().any(|(k2, _)| k2 == key))
                    .count()
                    >= 2
        })
        .collect();
    best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    best.into_iter().take(k).map(|(j, _)| j).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(h: &str, body: &str) -> Article {
        Article {
            headline: h.into(),
            paragraphs: vec![body.into()],
            ..Default::default()
        }
    }

    #[test]
    fn shared_distinctive_words_relate_articles() {
        let a = [
            art(
                "羽绒服市场调研",
                "平湖服装产业转型升级，羽绒服企业开拓市场。",
            ),
            art("服装产业蝶变", "羽绒服产业集群发展，服装企业转型升级。"),
            art("乡村治理示范", "山塘村获评全国乡村治理示范村。"),
            art("乡村旅游品牌", "民俗活动振兴乡村旅游，治理有效。"),
            art("天气", "明天多云。"),
        ];
        let refs: Vec<&Article> = a.iter().collect();
        let r = related(&refs, 3);
        assert_eq!(r[0].first(), Some(&1));
        assert_eq!(r[1].first(), Some(&0));
        assert!(!r[0].contains(&0), "an article is not related to itself");
        assert!(r[4].is_empty());
    }
}
