//! Floors for the PDF importer on the dev PDFs (`../shared/pages-dev/pdf`,
//! gold in `gold-pdf`), scored as `cargo xtask eval-import` and
//! `../shared/tools/score_import.py` score them, and a build from PDFs that
//! records where each article is printed. Skipped when the shared folder is
//! not beside the repository.

use std::path::PathBuf;

use kanbao::eval::{self, Score};

#[path = "support/mod.rs"]
mod support;
use support::kanbao_ok;

fn dev() -> Option<PathBuf> {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/pages-dev");
    d.join("pdf").is_dir().then_some(d)
}

/// Floors a little under the figures reached (mean over the ten pages).
const FLOORS: [(&str, f64); 6] = [
    ("f1", 0.99),
    ("headline_exact", 0.99),
    ("kicker_sub_exact", 0.96),
    ("byline_roles", 0.99),
    ("body_bounds", 0.995),
    ("issue_fields", 0.93),
];

fn figure(s: &Score, key: &str) -> f64 {
    s.metrics()[key].as_f64().unwrap_or(f64::NAN)
}

#[test]
fn dev_pdfs_stay_above_their_floors() {
    let Some(dev) = dev() else {
        println!("skipped: no ../shared/pages-dev");
        return;
    };
    let (pages, total) = eval::evaluate(&dev.join("gold-pdf"), &dev.join("pdf")).unwrap();
    assert_eq!(pages.len(), 10);
    let low: Vec<String> = FLOORS
        .iter()
        .filter(|(k, floor)| figure(&total, k).is_nan() || figure(&total, k) < *floor)
        .map(|(k, floor)| format!("{k} {:.3} < {floor}", figure(&total, k)))
        .collect();
    assert!(low.is_empty(), "PDF figures fell: {}", low.join(", "));
}

#[test]
fn a_build_from_pdfs_knows_where_each_article_is_printed() {
    let Some(dev) = dev() else {
        println!("skipped: no ../shared/pages-dev");
        return;
    };
    let out = std::env::temp_dir().join(format!("kanbao-pdf-build-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    kanbao_ok(&[
        "build",
        &dev.join("pdf").to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
        "--quiet",
    ]);
    let articles = kanbao::bench::all_articles(&out).unwrap();
    let _ = std::fs::remove_dir_all(&out);
    assert!(articles.len() >= 60, "{} articles", articles.len());
    let mut without = Vec::new();
    for (_, a) in &articles {
        if a.regions.is_empty() {
            without.push(a.headline.clone());
        }
        for r in &a.regions {
            assert!(
                r.x0 < r.x1 && r.y0 < r.y1,
                "{}: empty region {r:?}",
                a.headline
            );
            // The largest dev page is a broadsheet, 936 × 1368 pt.
            assert!(
                r.x0 >= 0.0 && r.y0 >= 0.0 && r.x1 <= 936.1 && r.y1 <= 1368.1,
                "{}: off the page {r:?}",
                a.headline
            );
            assert_eq!(
                Some(r.page),
                a.page,
                "{}: region on another page",
                a.headline
            );
        }
    }
    assert!(without.is_empty(), "articles without a region: {without:?}");
}
