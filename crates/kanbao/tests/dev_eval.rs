//! Floors for the text importer on the dev pages (`../shared/pages-dev`):
//! the mean over the five classic extractors must not fall below what the
//! parser reaches today, and the seed pages (`../shared/gold`) stay at 1.00.
//! Skipped when the shared folders are not beside the repository.

use std::path::PathBuf;

use kanbao::eval::{self, Score};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Floors a little under the figures reached (article F1, headline exact,
/// kicker/subheadline exact, byline roles, body bounds, issue fields).
const FLOORS: [(&str, f64); 6] = [
    ("f1", 0.57),
    ("headline_exact", 0.56),
    ("kicker_sub_exact", 0.73),
    ("byline_roles", 0.68),
    ("body_bounds", 0.78),
    ("issue_fields", 0.99),
];

fn figure(s: &Score, key: &str) -> f64 {
    s.metrics()[key].as_f64().unwrap_or(f64::NAN)
}

#[test]
fn seeds_stay_at_one() {
    let root = repo_root();
    let gold = root.join("../shared/gold");
    if !gold.is_dir() {
        println!("skipped: no gold folder at {}", gold.display());
        return;
    }
    let (_, total) = eval::evaluate(&gold, &root.join("samples")).unwrap();
    for key in [
        "f1",
        "headline_exact",
        "kicker_sub_exact",
        "byline_roles",
        "body_bounds",
        "issue_fields",
    ] {
        let v = figure(&total, key);
        assert!(v >= 1.0 - 1e-9, "seeds: {key} {v:.3} < 1.00");
    }
}

#[test]
fn dev_classic_mean_stays_above_floors() {
    let dev = repo_root().join("../shared/pages-dev");
    if !dev.join("gold").is_dir() {
        println!("skipped: no dev pages at {}", dev.display());
        return;
    }
    let (pages, _) = eval::evaluate(&dev.join("gold"), &dev.join("pages")).unwrap();
    let rows = eval::set_rows(&pages);
    let classic = rows
        .iter()
        .find(|r| r.set == eval::CLASSIC_MEAN || r.page == eval::CLASSIC_MEAN)
        .expect("a classic mean row");
    println!("{}\n{}", eval::table_header(), eval::table_row(classic));
    for (key, floor) in FLOORS {
        let v = figure(classic, key);
        assert!(
            v >= floor,
            "dev classic mean: {key} {v:.3} < floor {floor:.2}"
        );
    }
}
