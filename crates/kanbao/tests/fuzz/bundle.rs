//! The reader's decoders on a damaged archive: each bundle file deleted,
//! truncated, zero-filled, swapped with another, of another format version,
//! or with random bytes overwritten. Searching and reading must go on or
//! stop with a message naming the damaged file; never a panic or a hang.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use kanbao_bundle::search::{SearchRequest, Sort};
use kanbao_bundle::{Archive, MANIFEST_FILE};
use proptest::prelude::*;

use super::{bounded, kanbao_ok, repo_root, Tmp};

type Files = BTreeMap<String, String>;

/// The sample archive's files by name, built once.
fn sample() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| {
        let t = Tmp::new("bundle");
        let out = t.0.join("b");
        let samples = repo_root().join("samples");
        kanbao_ok(&[
            "build",
            &samples.to_string_lossy(),
            "--out",
            &out.to_string_lossy(),
            "--quiet",
        ]);
        let mut files = Files::new();
        collect(&out, &out, &mut files);
        files
    })
}

fn collect(root: &std::path::Path, dir: &std::path::Path, out: &mut Files) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            collect(root, &p, out);
        } else {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(
                rel,
                String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned(),
            );
        }
    }
}

const QUERIES: &[&str] = &[
    "平湖",
    "pinghu",
    "羽绒服 -北京",
    "\"平湖 市\"",
    "作者:李 版:1",
    "日期:2022-06..2023-12 经济",
    "期:2022-06-28 发展",
];

/// Opens the archive, runs every query (both sorts, two pages) and reads
/// every article: `Err` with the first refusal's message.
fn exercise(files: &Files) -> Result<(), String> {
    let manifest = files
        .get(MANIFEST_FILE)
        .ok_or_else(|| format!("{MANIFEST_FILE}: missing"))?;
    let mut archive = Archive::open(manifest).map_err(|e| e.to_string())?;
    let load = |file: &str| -> Result<String, String> {
        files
            .get(file)
            .cloned()
            .ok_or_else(|| format!("{file}: missing"))
    };
    for q in QUERIES {
        for (sort, offset) in [(Sort::Relevance, 0), (Sort::Newest, 10)] {
            let req = SearchRequest {
                query: q.to_string(),
                sort,
                limit: 10,
                offset,
                ..Default::default()
            };
            archive
                .resolve(load, |a| a.search(&req))
                .map_err(|e| e.to_string())?;
        }
    }
    let n = archive.manifest.article_count;
    archive
        .resolve(load, |a| a.articles(0..n).map(|v| v.len()))
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// `q` searched on the whole sample archive, first page and a later one.
pub fn search_sample(q: &str) -> Result<usize, String> {
    let files = sample();
    let mut archive = Archive::open(&files[MANIFEST_FILE]).map_err(|e| e.to_string())?;
    let load = |file: &str| -> Result<String, String> {
        files
            .get(file)
            .cloned()
            .ok_or_else(|| format!("{file}: missing"))
    };
    let mut total = 0;
    for offset in [0, 20] {
        let req = SearchRequest {
            query: q.to_string(),
            limit: 20,
            offset,
            ..Default::default()
        };
        let r = archive
            .resolve(load, |a| a.search(&req))
            .map_err(|e| e.to_string())?;
        total = r.total;
    }
    Ok(total)
}

/// `files` with `name` damaged: searching and reading go on, or stop with a
/// message naming it.
fn check(what: &str, name: &str, files: Files) {
    let name_owned = name.to_string();
    let result = bounded(what, move || exercise(&files));
    if let Err(e) = result {
        assert!(
            e.contains(&name_owned),
            "{what}: the refusal does not name {name_owned}: {e}"
        );
    }
}

#[test]
fn the_sample_archive_is_whole() {
    assert_eq!(exercise(sample()), Ok(()));
}

#[test]
fn each_bundle_file_deleted_truncated_zeroed_swapped_or_of_another_version() {
    let files = sample();
    let names: Vec<&String> = files.keys().collect();
    for (i, name) in names.iter().enumerate() {
        let text = &files[*name];
        let other = names[(i + 1) % names.len()];
        let mut damages: Vec<(&str, Option<String>)> = vec![
            ("deleted", None),
            ("empty", Some(String::new())),
            (
                "truncated to 10 bytes",
                Some(text.chars().take(10).collect()),
            ),
            (
                "truncated to half",
                Some(text.chars().take(text.chars().count() / 2).collect()),
            ),
            ("zero-filled", Some("\0".repeat(text.len()))),
            ("swapped", Some(files[other].clone())),
        ];
        if text.contains("\"format_version\":") {
            let v = kanbao_bundle::FORMAT_VERSION;
            damages.push((
                "of another version",
                Some(text.replace(
                    &format!("\"format_version\":{v}"),
                    &format!("\"format_version\":{}", v + 1),
                )),
            ));
        }
        for (how, damaged) in damages {
            let mut copy = files.clone();
            match damaged {
                Some(t) => copy.insert(name.to_string(), t),
                None => copy.remove(*name),
            };
            check(&format!("{name} {how}"), name, copy);
        }
    }
}

/// A file from the malformed corpus in the place of each bundle file, and
/// as the manifest.
pub fn decode_everywhere(corpus_name: &str, text: &str) {
    let files = sample();
    for name in files.keys() {
        let mut copy = files.clone();
        copy.insert(name.clone(), text.to_string());
        check(&format!("{corpus_name} as {name}"), name, copy);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: super::cases(48), failure_persistence: None, ..ProptestConfig::default() })]

    /// Random bytes overwritten in one bundle file (often still JSON, with
    /// numbers and names changed).
    #[test]
    fn random_damage_to_one_bundle_file(
        pick in any::<prop::sample::Index>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(&b"0123456789,[]{}\":-9aZ\0\xff"[..])), 1..12),
    ) {
        let files = sample();
        let names: Vec<&String> = files.keys().collect();
        let name = names[pick.index(names.len())];
        let mut bytes = files[name].clone().into_bytes();
        for (at, b) in &flips {
            let i = at.index(bytes.len());
            bytes[i] = *b;
        }
        let mut copy = files.clone();
        copy.insert(name.clone(), String::from_utf8_lossy(&bytes).into_owned());
        check(&format!("{name} with {} bytes overwritten", flips.len()), name, copy);
    }
}
