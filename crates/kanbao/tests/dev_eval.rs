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
    ("f1", 0.80),
    ("headline_exact", 0.81),
    ("kicker_sub_exact", 0.90),
    ("byline_roles", 0.87),
    ("body_bounds", 0.85),
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

/// The scorer counts news, commentary and photos only; the seeds' banners,
/// ads and notices are checked here, so that a change reading more pages
/// right cannot silently fold a seed's ad into the story above it.
#[test]
fn seeds_keep_every_article_of_every_kind() {
    let root = repo_root();
    let gold = root.join("../shared/gold");
    if !gold.is_dir() {
        println!("skipped: no gold folder at {}", gold.display());
        return;
    }
    let norm = |s: &str| s.split_whitespace().collect::<String>();
    for entry in std::fs::read_dir(&gold).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let page = root.join("samples").join(format!("{stem}.txt"));
        let g: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut want: Vec<(String, String)> = g["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                let kind = a["kind"].as_str().unwrap().to_string();
                (kind, norm(a["headline"].as_str().unwrap()))
            })
            .collect();
        let opts = kanbao::import::ParseOptions {
            file: format!("{stem}.txt"),
            ..Default::default()
        };
        let parsed = kanbao::import::read_page(&page, &opts).unwrap();
        let mut got: Vec<(String, String)> = parsed
            .articles
            .iter()
            .map(|a| {
                let kind = serde_json::to_value(a.kind).unwrap();
                (kind.as_str().unwrap().to_string(), norm(&a.headline))
            })
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "{stem}: articles (kind, headline)");
    }
}
