//! The parser against the hand-made gold pages (`../shared/gold`).

#[test]
fn gold_scores_meet_targets() {
    let root = crate::repo_root();
    let gold = root.join("../shared/gold");
    if !gold.is_dir() {
        println!("skipped: no gold folder at {}", gold.display());
        return;
    }
    let (pages, total) = kanbao::eval::evaluate(&gold, &root.join("samples")).unwrap();
    kanbao::eval::print(&pages, &total, false).unwrap();
    assert!(total.f1() >= 0.95, "article F1 {:.3} < 0.95", total.f1());
    assert!(
        total.byline_accuracy() >= 0.95,
        "byline role accuracy {:.3} < 0.95",
        total.byline_accuracy()
    );
    assert!(
        total.headline_exact_rate() >= 0.90,
        "headline exact {:.3} < 0.90",
        total.headline_exact_rate()
    );
    assert!(
        total.issue_accuracy() >= 1.0,
        "issue fields {:.3} < 1.0",
        total.issue_accuracy()
    );
}
