//! Properties over generated articles and queries: every document holding a
//! substring is found, and any query or pinyin input is answered.

use super::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_document_containing_a_substring_is_found(
        docs in proptest::collection::vec((text_strategy(), text_strategy()), 1..12),
        pick in any::<(usize, usize, usize)>(),
    ) {
        let articles: Vec<Article> = docs.iter().map(|(h, b)| article(h, &[b])).collect();
        let mut built = build(articles.clone(), 4, &small_dict());
        let (d, start, len) = pick;
        let a = &articles[d % articles.len()];
        let text: Vec<char> = a.paragraphs[0].chars().chain(a.headline.chars()).collect();
        if text.is_empty() {
            return Ok(());
        }
        let start = start % text.len();
        let len = 1 + len % 4.min(text.len() - start);
        let q: String = text[start..start + len].iter().collect();
        // Only word characters are searchable; other queries are plain text searches
        // for their pieces, tested elsewhere.
        prop_assume!(q.chars().all(|c| c.is_alphanumeric()));
        prop_assert_eq!(built.all(&q), brute(&articles, &q), "query {:?}", q);
    }

    #[test]
    fn any_pinyin_query_or_suggestion_is_answered(q in "[a-z平湖经 '’]{0,30}|\\PC{0,40}|(pinghu|jingji|fazhan|renmin|zhongguo|nongye|xinwen){1,6}[a-z]{0,2}") {
        let mut b = build_with(corpus(), 2, &small_dict(), Some(&fake_readings));
        let r = b.search(&SearchRequest { query: q.clone(), ..Default::default() });
        prop_assert!(r.total <= 5);
        let files = &b.files;
        let s = b.archive.resolve(
            |f: &str| files.get(f).cloned().ok_or(format!("{f}: missing")),
            |a| suggest(a, &q, 5),
        );
        prop_assert!(s.unwrap().len() <= 5);
    }

    #[test]
    fn any_query_is_answered(q in "\\PC{0,40}") {
        let articles = vec![article("平湖新闻", &["经济发展，人民生活。"]), article("中国", &["江泽民"])];
        let mut built = build(articles, 1, &small_dict());
        let r = built.search(&SearchRequest { query: q, ..Default::default() });
        prop_assert!(r.total <= 2);
    }
}
