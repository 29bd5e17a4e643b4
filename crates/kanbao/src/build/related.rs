//! Related articles, computed at build time so the reader needs no extra index:
//! each article's keywords are its most distinctive character bigrams (TF-IDF,
//! headline counted three times); two articles are related by the keywords they
//! share. Bigrams suit Chinese without a dictionary and cost nothing to ship.

use std::collections::HashMap;

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

/// For each article (by position), up to `k` related articles (positions), best first.
pub fn related(articles: &[&Article], k: usize) -> Vec<Vec<usize>> {
    let n = articles.len();
    let eligible = |a: &Article| {
        matches!(
            a.kind,
            ArticleKind::News | ArticleKind::Commentary | ArticleKind::Photo
        )
    };
    let tfs: Vec<HashMap<(char, char), f32>> = articles
        .iter()
        .map(|a| {
            let mut tf = HashMap::new();
            if eligible(a) {
                bigrams(&a.headline, 3.0, &mut tf);
                for t in a.kicker.iter().chain(a.subheadline.iter()) {
                    bigrams(t, 2.0, &mut tf);
                }
                for p in &a.paragraphs {
                    bigrams(p, 1.0, &mut tf);
                }
            }
            tf
        })
        .collect();
    let mut df: HashMap<(char, char), usize> = HashMap::new();
    for tf in &tfs {
        for key in tf.keys() {
            *df.entry(*key).or_default() += 1;
        }
    }
    let max_df = MAX_DF.min((n / 5).max(2));
    // Top keywords per article with their weights, and the inverted lists.
    let mut postings: HashMap<(char, char), Vec<(usize, f32)>> = HashMap::new();
    let mut keywords: Vec<Vec<((char, char), f32)>> = Vec::with_capacity(n);
    for (i, tf) in tfs.iter().enumerate() {
        let mut kw: Vec<((char, char), f32)> = tf
            .iter()
            .filter_map(|(key, &f)| {
                let d = df[key];
                (d >= 2 && d <= max_df).then(|| (*key, (1.0 + f.ln()) * (n as f32 / d as f32).ln()))
            })
            .collect();
        kw.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        kw.truncate(KEYWORDS);
        for (key, w) in &kw {
            postings.entry(*key).or_default().push((i, *w));
        }
        keywords.push(kw);
    }
    let mut out = Vec::with_capacity(n);
    let mut scores: HashMap<usize, f32> = HashMap::new();
    for (i, kw) in keywords.iter().enumerate() {
        scores.clear();
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
        out.push(best.into_iter().take(k).map(|(j, _)| j).collect());
    }
    out
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
