//! Pinyin search and suggestions, and bundles built without pinyin.

use super::*;

#[test]
fn pinyin_search_and_suggestions() {
    // Words seen four times or more make the vocabulary.
    let corpus = vec![
        article("平湖新闻", &["平湖经济发展，平湖人民。"]),
        article("中国农业", &["中国人民，中国经济发展，中国农业。"]),
        article("Pinghu", &["Pinghu is spelled in Latin here."]),
        article("平湖", &["平湖经济发展中国农业，平湖人民中国。"]),
        article("人民", &["人民经济发展"]),
    ];
    let mut b = build_with(corpus, 2, &small_dict(), Some(&fake_readings));
    assert_eq!(b.all("平湖"), vec![0, 3]);
    // Chinese words or the literal Latin text.
    for q in ["pinghu", "ping hu", "ping'hu", "PING HU", "ｐｉｎｇｈｕ"] {
        assert_eq!(b.all(q), vec![0, 2, 3], "{q}");
    }
    assert_eq!(b.all("平hu"), vec![0, 3]);
    assert_eq!(b.all("jingji"), b.all("经济"));
    assert_eq!(b.all("renmin"), vec![0, 1, 3, 4]);
    assert_eq!(b.all("jingji fazhan"), b.all("经济 发展"));
    assert_eq!(b.all("jingji -zhongguo"), b.all("经济 -中国"));
    assert_eq!(b.all("xyzzy"), Vec::<u32>::new());
    // Several words typed without spaces (no Chinese input method).
    assert_eq!(b.all("pinghurenmin"), b.all("平湖 人民"));
    assert_eq!(b.all("pinghujingjifazhan"), b.all("平湖 经济 发展"));
    assert_eq!(b.all("zhongguopinghu -jingji"), b.all("中国 平湖 -经济"));
    assert_eq!(
        b.all("pinghurenmi"),
        Vec::<u32>::new(),
        "no split in full syllables"
    );
    // Highlights name the Chinese words the pinyin stood for.
    let r = b.search(&SearchRequest {
        query: "pinghu".into(),
        ..Default::default()
    });
    assert!(r.terms.contains(&"平湖".to_string()), "{:?}", r.terms);

    // Suggestions ask, in one round, for the shard of the first letter and
    // the readings of the characters, then answer.
    let fresh =
        Archive::from_manifest_json(&serde_json::to_string(&b.archive.manifest).unwrap()).unwrap();
    assert_eq!(
        suggest(&fresh, "pingh", 5).unwrap_err().0,
        vec!["index/pinyin.js".to_string(), "index/pp.js".to_string()]
    );
    let files = &b.files;
    let mut sugg = |q: &str| {
        b.archive
            .resolve(
                |f: &str| files.get(f).cloned().ok_or(format!("{f}: missing")),
                |a| suggest(a, q, 5),
            )
            .unwrap()
            .into_iter()
            .map(|s| (s.word, s.pinyin))
            .collect::<Vec<_>>()
    };
    let ph = vec![("平湖".to_string(), "ping hu".to_string())];
    assert_eq!(sugg("pingh"), ph);
    assert_eq!(sugg("ph"), ph);
    assert_eq!(sugg("平h"), ph);
    assert_eq!(sugg("zhong"), vec![("中国".into(), "zhong guo".into())]);
    assert_eq!(sugg("xyzzy"), vec![]);
    assert_eq!(
        sugg("pinghurenmin"),
        vec![("平湖 人民".into(), "pinghurenmin".into())]
    );
    assert_eq!(sugg(""), vec![]);
}

#[test]
fn bundles_without_pinyin_search_literally() {
    let mut b = build(corpus(), 2, &small_dict());
    assert!(b.archive.manifest.index.pinyin.is_empty());
    assert_eq!(b.all("pinghu"), Vec::<u32>::new());
    assert_eq!(suggest(&b.archive, "pinghu", 5).unwrap(), vec![]);
}
