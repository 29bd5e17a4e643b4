//! An archive records no path of the machine that built it, and the same
//! inputs build the same bytes wherever they are built.

use std::collections::BTreeMap;
use std::path::Path;

use super::{kanbao, repo_root, stderr, Tmp};

/// Every file of a bundle folder by its path below it.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The inputs of one build, copied into `folder`: the sample pages (a
/// subfolder too), a PDF issue page, and an issue file from `kanbao import`
/// that was given absolute paths.
fn inputs(folder: &Path) {
    let samples = repo_root().join("samples");
    let pages = folder.join("pages/2023");
    std::fs::create_dir_all(&pages).unwrap();
    for e in std::fs::read_dir(&samples).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            std::fs::copy(&p, pages.join(p.file_name().unwrap())).unwrap();
        }
    }
    let pdf = repo_root().join("../shared/pages-dev/pdf/L01.pdf");
    std::fs::copy(&pdf, folder.join("pages/L01.pdf")).unwrap();
    let first = std::fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    let o = kanbao(&[
        "import",
        &first.to_string_lossy(),
        "--date",
        "2021-05-06",
        "--out",
        &folder.join("pages/issue.md").to_string_lossy(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn archives_record_no_build_machine_path_and_build_the_same_anywhere() {
    let a = Tmp::new("repro-a");
    let b = Tmp::new("repro-b");
    let mut bundles = Vec::new();
    for (t, user) in [(&a, "用户甲"), (&b, "someone-else")] {
        let folder = t.0.join(user).join("archive input");
        inputs(&folder);
        let input = folder.join("pages");
        assert!(input.is_absolute());
        let out = t.0.join(format!("{user}-out"));
        let o = kanbao(&[
            "build",
            &input.to_string_lossy(),
            "--out",
            &out.to_string_lossy(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let built = files(&out);
        assert!(built.len() > 5, "{:?}", built.keys());
        // No byte of the folders it was built from, in any form.
        for needle in [
            input.to_string_lossy().into_owned(),
            t.0.to_string_lossy().into_owned(),
            user.to_string(),
            "archive input".to_string(),
        ] {
            for (name, bytes) in &built {
                let text = String::from_utf8_lossy(bytes);
                assert!(!text.contains(&needle), "{name} holds `{needle}`");
            }
        }
        let manifest = String::from_utf8_lossy(&built["manifest.js"]).into_owned();
        assert!(
            manifest.contains(r#""file":"2023/"#),
            "page files below the input folder"
        );
        assert!(manifest.contains(r#""file":"L01.pdf""#), "{manifest}");
        bundles.push(built);
    }
    assert_eq!(
        bundles[0].keys().collect::<Vec<_>>(),
        bundles[1].keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &bundles[0] {
        assert!(
            bundles[1][name] == *bytes,
            "{name} differs between the two builds"
        );
    }
}

#[test]
fn recorded_page_files_from_issue_files_keep_no_absolute_path() {
    use kanbao::input::archive_name;
    assert_eq!(archive_name("/home/someone/papers/p1.txt"), "p1.txt");
    assert_eq!(archive_name("../../p1.txt"), "p1.txt");
    assert_eq!(archive_name(r"C:\Users\x\p1.txt"), "p1.txt");
    assert_eq!(archive_name("2023/p1.txt"), "2023/p1.txt");
    assert_eq!(archive_name("p1.txt"), "p1.txt");
}
