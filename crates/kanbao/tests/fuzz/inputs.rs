//! The importers and the query parser on damaged and random input.

use std::path::Path;

use kanbao::import::{feed, pdf, ParseOptions};
use proptest::prelude::*;

use super::{bounded, fixtures, repo_root, Tmp};

fn opts(file: &str) -> ParseOptions {
    ParseOptions {
        file: file.to_string(),
        ..Default::default()
    }
}

/// A PDF's bytes through the reader: pages or a refusal naming the file.
fn read_pdf(dir: &Path, name: &str, bytes: Vec<u8>) {
    let path = dir.join(name);
    std::fs::write(&path, &bytes).unwrap();
    let shown = path.display().to_string();
    let what = format!("{shown} ({} bytes)", bytes.len());
    let (errors, failed) = bounded(&what, move || match pdf::read_file(&path, &opts(&shown)) {
        Ok((_, errors)) => (errors.iter().map(|e| format!("{e:#}")).collect(), None),
        Err(e) => (Vec::new(), Some(e.to_string())),
    });
    for e in errors.iter().chain(&failed) {
        assert!(
            e.contains(name),
            "{what}: the refusal does not name the file: {e}"
        );
    }
}

/// A feed's text through the reader: articles, or a refusal naming the file
/// and a line.
fn read_feed(name: &str, text: String) {
    let file = name.to_string();
    let what = format!("{name} ({} bytes)", text.len());
    let result = bounded(&what, move || {
        feed::parse_feed(&file, &text)
            .map(|a| a.len())
            .map_err(|e| e.to_string())
    });
    if let Err(e) = result {
        assert!(e.contains(name), "{what}: {e}");
    }
}

/// A page's text through the parser: every character kept somewhere.
fn parse_text(name: &str, text: String) {
    let file = name.to_string();
    bounded(name, move || {
        let page = kanbao::import::parse_page(&text, &opts(&file));
        serde_json::to_string(&page.articles).unwrap();
    });
}

/// A dev PDF's bytes, read once for every case.
fn dev_pdf() -> Vec<u8> {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES
        .get_or_init(|| std::fs::read(repo_root().join("../shared/pages-dev/pdf/L01.pdf")).unwrap())
        .clone()
}

/// The first feed lines of pd1998, read once for every case.
fn feed_lines() -> String {
    static LINES: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    LINES
        .get_or_init(|| {
            let file =
                std::fs::File::open(repo_root().join("../shared/corpus/pd1998/articles.jsonl"))
                    .unwrap();
            let lines: Vec<String> = std::io::BufRead::lines(std::io::BufReader::new(file))
                .take(8)
                .map(Result::unwrap)
                .collect();
            lines.join("\n")
        })
        .clone()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: super::cases(24), failure_persistence: None, ..ProptestConfig::default() })]

    /// A PDF cut short, with bytes overwritten, or with a span removed.
    #[test]
    fn damaged_pdfs_are_read_or_refused(
        cut in 0.0f64..1.0,
        flips in prop::collection::vec((0.0f64..1.0, any::<u8>()), 0..40),
        hole in prop::option::of((0.0f64..1.0, 1usize..4096)),
    ) {
        let t = Tmp::new("pdf");
        let mut bytes = dev_pdf();
        for (at, b) in &flips {
            let i = (*at * (bytes.len() - 1) as f64) as usize;
            bytes[i] = *b;
        }
        if let Some((at, n)) = hole {
            let i = (at * bytes.len() as f64) as usize;
            let end = (i + n).min(bytes.len());
            bytes.drain(i..end);
        }
        // Half the cases keep the whole length, so the cross-reference
        // table is found and the damage is inside the objects.
        if cut < 0.5 {
            bytes.truncate(((cut * 2.0) * bytes.len() as f64) as usize);
        }
        read_pdf(&t.0, "damaged.pdf", bytes);
    }

    /// Feed lines with bytes overwritten or cut.
    #[test]
    fn damaged_feeds_are_read_or_refused(
        flips in prop::collection::vec((0.0f64..1.0, any::<u8>()), 1..30),
        cut in 0.0f64..1.0,
    ) {
        let mut bytes = feed_lines().into_bytes();
        for (at, b) in &flips {
            let i = (*at * (bytes.len() - 1) as f64) as usize;
            bytes[i] = *b;
        }
        bytes.truncate(((0.5 + cut / 2.0) * bytes.len() as f64) as usize);
        read_feed("damaged.jsonl", String::from_utf8_lossy(&bytes).into_owned());
    }

    /// Any text as a page, including control characters, bidi overrides and
    /// lines of the newspaper's own markers.
    #[test]
    fn any_text_parses_as_a_page(
        lines in prop::collection::vec(
            prop::string::string_regex(
                "(本报讯|记者|通讯员|（下转[0-9]版）|上接|第[0-9]+版|[\\u{4e00}-\\u{4e40}]{0,30}|[ \\t\\u{3000}\\u{202e}\\u{2028}\\u{0}\\u{feff}]|\\*\\*|#|[a-z0-9]{0,8}|.){0,12}"
            ).unwrap(),
            0..40,
        ),
    ) {
        parse_text("random.txt", lines.join("\n"));
    }

    /// Any query: parsed, then searched on the sample archive.
    #[test]
    fn any_query_parses(q in prop::string::string_regex(
        "(作者:|版:|日期:|期:|-|\"|\\.\\.|[0-9]{1,5}|[a-z]{1,6}|平湖|[\\u{4e00}-\\u{4e10}]|[ \\u{3000}]|[(),:：《》]|.){0,16}"
    ).unwrap()) {
        let what = format!("query {q:?}");
        let searched = bounded(&what, move || {
            let _ = kanbao_bundle::search::parse(&q);
            super::bundle::search_sample(&q)
        });
        prop_assert!(searched.is_ok(), "{what}: {searched:?}");
    }
}

/// Every file of the malformed corpus through the reader of its kind.
#[test]
fn the_malformed_corpus_is_read_or_refused() {
    let t = Tmp::new("corpus");
    let mut seen = 0;
    let mut entries: Vec<_> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        match path.extension().and_then(|e| e.to_str()) {
            Some("pdf") => read_pdf(&t.0, &name, bytes),
            Some("jsonl") => read_feed(&name, String::from_utf8_lossy(&bytes).into_owned()),
            Some("txt") => {
                // As the build reads it: decoded (or refused) first.
                let p = path.clone();
                let shown = name.clone();
                let result = bounded(&name, move || {
                    kanbao::import::read_page(&p, &opts(&shown))
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                });
                if let Err(e) = result {
                    assert!(e.contains(&name), "{name}: {e}");
                }
                parse_text(&name, String::from_utf8_lossy(&bytes).into_owned());
            }
            Some("query") => {
                for q in String::from_utf8_lossy(&bytes).lines() {
                    let q = q.to_string();
                    let what = format!("{name}: {q:?}");
                    let searched = bounded(&what, move || super::bundle::search_sample(&q));
                    assert!(searched.is_ok(), "{what}: {searched:?}");
                }
            }
            Some("js") => super::bundle::decode_everywhere(&name, &String::from_utf8_lossy(&bytes)),
            _ => continue,
        }
        seen += 1;
    }
    assert!(seen >= 10, "the corpus holds {seen} inputs");
}
