//! `kanbao build --into`: an addition writes new files and a new manifest,
//! leaves every other file of the bundle as it was, and searches as a bundle
//! built whole from the same pages does; an issue added again replaces the
//! first; a bundle of another format is refused.

use std::collections::BTreeMap;
use std::path::Path;

use super::{kanbao, kanbao_ok, repo_root, stderr, Tmp};

/// Every file of a bundle by its path below it.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// The ids `kanbao search --json` finds for `q`, sorted, and the total it prints.
fn found(bundle: &str, q: &str) -> Vec<String> {
    let o = kanbao_ok(&["search", bundle, q, "--json", "--limit", "1000"]);
    let hits: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut ids: Vec<String> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["article_id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

/// The sample pages, the last one apart.
fn samples() -> (Vec<String>, String) {
    let mut pages: Vec<String> = std::fs::read_dir(repo_root().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    pages.sort();
    let last = pages.pop().unwrap();
    (pages, last)
}

const QUERIES: [&str; 8] = [
    "平湖",
    "明志笃行",
    "为民",
    "党建",
    "的",
    "2024",
    "pinghu",
    "记者",
];

#[test]
fn an_addition_writes_only_new_files_and_searches_as_a_whole_build() {
    let t = Tmp::new("add");
    let (first, last) = samples();
    let (bundle, whole) = (t.path("bundle"), t.path("whole"));
    let mut args = vec!["build", "-q", "--out", &bundle];
    args.extend(first.iter().map(String::as_str));
    kanbao_ok(&args);
    let before = files(Path::new(&bundle));

    let o = kanbao_ok(&["build", "--into", &bundle, &last]);
    let err = stderr(&o);
    assert!(err.contains("added 1 issues"), "{err}");
    let after = files(Path::new(&bundle));
    for (name, bytes) in &before {
        if name != "manifest.js" {
            assert_eq!(after.get(name), Some(bytes), "{name} changed");
        }
    }
    let new: Vec<&String> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    assert!(
        new.iter().any(|f| f.starts_with("docs/")) && new.iter().any(|f| f.starts_with("index/")),
        "{new:?}"
    );

    let mut args = vec!["build", "-q", "--out", &whole];
    args.extend(first.iter().map(String::as_str));
    args.push(&last);
    kanbao_ok(&args);
    for q in QUERIES {
        assert_eq!(found(&bundle, q), found(&whole, q), "{q}");
    }

    // The same page again: its issue is replaced, said so, and found once.
    let o = kanbao_ok(&["build", "--into", &bundle, &last]);
    assert!(stderr(&o).contains("replaced"), "{}", stderr(&o));
    for q in QUERIES {
        assert_eq!(
            found(&bundle, q),
            found(&whole, q),
            "{q} after the replacement"
        );
    }
    // The earlier addition's index was merged into the new one's; its files are gone.
    let segment_files = files(Path::new(&bundle))
        .keys()
        .filter(|k| k.starts_with("index/") && k.contains('-'))
        .count();
    assert_eq!(segment_files, 2, "one term shard and one doc-info shard");
}

#[test]
fn an_addition_to_another_format_or_no_bundle_is_refused() {
    let t = Tmp::new("add-bad");
    let (first, last) = samples();
    let bundle = t.path("bundle");
    kanbao_ok(&["build", "-q", "--out", &bundle, &first[0]]);
    let manifest = Path::new(&bundle).join("manifest.js");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let old = text.replacen(
        &format!("\"format_version\":{}", kanbao_bundle::FORMAT_VERSION),
        "\"format_version\":4",
        1,
    );
    std::fs::write(&manifest, &old).unwrap();
    let o = kanbao(&["build", "--into", &bundle, &last]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("manifest.js") && err.contains("rebuild"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&manifest).unwrap(),
        old,
        "the bundle was changed"
    );

    let o = kanbao(&["build", "--into", &t.path("nothing"), &last]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("nothing"), "{}", stderr(&o));
    assert!(!Path::new(&t.path("nothing")).exists());
}

#[test]
fn inputs_too_large_for_the_memory_are_refused_before_reading() {
    let t = Tmp::new("memory");
    let (first, _) = samples();
    let out = t.path("bundle");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(["build", "--out", &out, &first[0]])
        .env("KANBAO_MEMORY_LIMIT", "1")
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("needs about") && err.contains("--into") && err.contains("--no-memory-check"),
        "{err}"
    );
    assert!(!Path::new(&out).exists(), "nothing is built");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(["build", "-q", "--no-memory-check", "--out", &out, &first[0]])
        .env("KANBAO_MEMORY_LIMIT", "1")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn an_addition_that_fails_midway_leaves_the_bundle_as_it_was() {
    let t = Tmp::new("add-fail");
    let (first, last) = samples();
    let bundle = t.path("bundle");
    let mut args = vec!["build", "-q", "--out", &bundle];
    args.extend(first.iter().map(String::as_str));
    kanbao_ok(&args);
    let before = files(Path::new(&bundle));
    let shards = before.keys().filter(|k| k.starts_with("docs/")).count();
    // The addition's first document shard cannot be written: a folder is in its place.
    let blocked = format!("docs/{shards:04}.js");
    std::fs::create_dir_all(Path::new(&bundle).join(&blocked)).unwrap();
    let o = kanbao(&["build", "--into", &bundle, &last]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains(&blocked) && !err.contains("panicked"), "{err}");
    std::fs::remove_dir(Path::new(&bundle).join(&blocked)).unwrap();
    assert_eq!(files(Path::new(&bundle)), before, "the bundle changed");
    for q in QUERIES {
        found(&bundle, q);
    }
}
