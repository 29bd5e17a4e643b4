//! Canonical issue files: parse → write → read gives the same issue.

use kanbao::import::{canonical, parse_page, ParseOptions};

#[test]
fn samples_round_trip() {
    for (name, text) in crate::samples() {
        let opts = ParseOptions {
            file: name.clone(),
            ..Default::default()
        };
        let page = parse_page(&text, &opts);
        let doc = canonical::write_pages(std::slice::from_ref(&page));
        let back = canonical::read("issue.md", &doc).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back.len(), 1, "{name}");
        let b = &back[0];
        assert_eq!(b.issue, page.issue, "{name}: issue");
        assert_eq!(b.page, page.page, "{name}: page");
        assert_eq!(b.articles.len(), page.articles.len(), "{name}");
        for (x, y) in b.articles.iter().zip(&page.articles) {
            assert_eq!(x, y, "{name}: article `{}`", y.headline);
        }
        assert_eq!(b.unassigned, page.unassigned, "{name}: unassigned");
        // Written again, the file is the same: nothing drifts on rebuild.
        assert_eq!(canonical::write_pages(&back), doc, "{name}");
    }
}

#[test]
fn a_corrected_file_builds() {
    let root = crate::repo_root();
    let tmp = crate::support::Tmp::new("corrected");
    let dir = &tmp.0;
    let md = dir.join("issue.md");
    let sample = root.join("samples/000_4afe9fc55a17b6e4.txt");
    let run = |args: &[&str]| {
        let mut a = vec!["kanbao"];
        a.extend_from_slice(args);
        kanbao::cli::run(a).unwrap()
    };
    run(&[
        "import",
        sample.to_str().unwrap(),
        "-o",
        md.to_str().unwrap(),
        "--date",
        "2023-11-20",
    ]);
    // A librarian fixes a headline.
    let doc = std::fs::read_to_string(&md).unwrap();
    let doc = doc.replace(
        "## 我市一村获评全国乡村治理“示范”",
        "## 我市一村获评全国乡村治理“示范村”",
    );
    std::fs::write(&md, doc).unwrap();
    let pages = canonical::read("issue.md", &std::fs::read_to_string(&md).unwrap()).unwrap();
    assert_eq!(pages[0].issue.date.as_deref(), Some("2023-11-20"));
    assert!(pages[0]
        .articles
        .iter()
        .any(|a| a.headline.ends_with("示范村”")));
    let out = dir.join("bundle");
    let code = run(&[
        "build",
        md.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    assert!(out.join("manifest.json").exists() || std::fs::read_dir(&out).unwrap().count() > 0);
}
