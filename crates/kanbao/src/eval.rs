//! `kanbao eval`: scores the page parser against hand-made gold annotations
//! (one JSON per page, schema in the gold folder's README).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use kanbao_bundle::{Article, Byline};
use serde::{Deserialize, Serialize};

use crate::import::{self, ParseOptions, ParsedPage};

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct GoldIssue {
    paper: Option<String>,
    edition: Option<String>,
    date: Option<String>,
    weekday: Option<String>,
    lunar_date: Option<String>,
    issue_number: Option<u32>,
    year_hint: Option<i32>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct GoldArticle {
    kind: String,
    kicker: Option<String>,
    headline: String,
    subheadline: Option<String>,
    byline: Byline,
    dateline: Option<String>,
    body_start: Option<String>,
    body_end: Option<String>,
    continues_to: Option<String>,
    interleaved: bool,
}

#[derive(Deserialize, Debug)]
struct GoldPage {
    seed: Option<String>,
    issue: GoldIssue,
    articles: Vec<GoldArticle>,
}

/// Counts for one page or for all pages.
#[derive(Serialize, Debug, Default, Clone)]
pub struct Score {
    pub page: String,
    pub gold_articles: usize,
    pub predicted_articles: usize,
    pub matched: usize,
    pub headline_exact: usize,
    pub kicker_ok: usize,
    pub subheadline_ok: usize,
    pub byline_ok: usize,
    pub kind_ok: usize,
    pub dateline_ok: usize,
    pub body_start_ok: usize,
    pub body_end_ok: usize,
    pub continues_ok: usize,
    pub interleaved_ok: usize,
    pub issue_fields: usize,
    pub issue_fields_ok: usize,
    /// Gold headlines with no predicted match, and predicted ones with no gold.
    pub missed: Vec<String>,
    pub spurious: Vec<String>,
    /// Matched articles whose fields differ: headline and field names.
    pub mismatches: Vec<String>,
}

impl Score {
    fn add(&mut self, o: &Score) {
        self.gold_articles += o.gold_articles;
        self.predicted_articles += o.predicted_articles;
        self.matched += o.matched;
        self.headline_exact += o.headline_exact;
        self.kicker_ok += o.kicker_ok;
        self.subheadline_ok += o.subheadline_ok;
        self.byline_ok += o.byline_ok;
        self.kind_ok += o.kind_ok;
        self.dateline_ok += o.dateline_ok;
        self.body_start_ok += o.body_start_ok;
        self.body_end_ok += o.body_end_ok;
        self.continues_ok += o.continues_ok;
        self.interleaved_ok += o.interleaved_ok;
        self.issue_fields += o.issue_fields;
        self.issue_fields_ok += o.issue_fields_ok;
    }
    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 {
            1.0
        } else {
            a as f64 / b as f64
        }
    }
    pub fn precision(&self) -> f64 {
        Self::ratio(self.matched, self.predicted_articles)
    }
    pub fn recall(&self) -> f64 {
        Self::ratio(self.matched, self.gold_articles)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn byline_accuracy(&self) -> f64 {
        Self::ratio(self.byline_ok, self.matched)
    }
    pub fn headline_exact_rate(&self) -> f64 {
        Self::ratio(self.headline_exact, self.gold_articles)
    }
    pub fn issue_accuracy(&self) -> f64 {
        Self::ratio(self.issue_fields_ok, self.issue_fields)
    }
    fn metrics(&self) -> serde_json::Value {
        let m = self.matched;
        serde_json::json!({
            "precision": self.precision(), "recall": self.recall(), "f1": self.f1(),
            "headline_exact": self.headline_exact_rate(),
            "kicker": Self::ratio(self.kicker_ok, m), "subheadline": Self::ratio(self.subheadline_ok, m),
            "byline_roles": self.byline_accuracy(), "kind": Self::ratio(self.kind_ok, m),
            "dateline": Self::ratio(self.dateline_ok, m),
            "body_start": Self::ratio(self.body_start_ok, m), "body_end": Self::ratio(self.body_end_ok, m),
            "continues_to": Self::ratio(self.continues_ok, m), "interleaved": Self::ratio(self.interleaved_ok, m),
            "issue_fields": self.issue_accuracy(),
        })
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn opt_eq(a: Option<&str>, b: Option<&str>) -> bool {
    a.map(squash).filter(|s| !s.is_empty()) == b.map(squash).filter(|s| !s.is_empty())
}

fn byline_eq(a: &Byline, b: &Byline) -> bool {
    a.roles().zip(b.roles()).all(|((_, x), (_, y))| {
        x.iter().map(|s| squash(s)).collect::<Vec<_>>()
            == y.iter().map(|s| squash(s)).collect::<Vec<_>>()
    })
}

fn body_ends(a: &Article) -> (Option<String>, Option<String>) {
    let body: Vec<char> = a
        .paragraphs
        .iter()
        .flat_map(|p| p.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    if body.is_empty() {
        return (None, None);
    }
    let start: String = body.iter().take(16).collect();
    let end: String = body[body.len().saturating_sub(16)..].iter().collect();
    (Some(start), Some(end))
}

/// Scores one parsed page against its gold.
fn score_page(name: &str, gold: &GoldPage, page: &ParsedPage) -> Score {
    let mut s = Score {
        page: name.to_string(),
        gold_articles: gold.articles.len(),
        predicted_articles: page.articles.len(),
        ..Default::default()
    };
    let mut used = vec![false; page.articles.len()];
    for g in &gold.articles {
        let key = squash(&g.headline);
        let Some(k) = (0..page.articles.len())
            .find(|&k| !used[k] && squash(&page.articles[k].headline) == key)
        else {
            s.missed.push(g.headline.clone());
            continue;
        };
        used[k] = true;
        let a = &page.articles[k];
        s.matched += 1;
        let mut bad: Vec<&str> = Vec::new();
        let mut check = |ok: bool, field: &'static str, n: &mut usize| {
            if ok {
                *n += 1
            } else {
                bad.push(field)
            }
        };
        check(
            a.headline.trim() == g.headline.trim(),
            "headline-exact",
            &mut s.headline_exact,
        );
        check(
            opt_eq(a.kicker.as_deref(), g.kicker.as_deref()),
            "kicker",
            &mut s.kicker_ok,
        );
        check(
            opt_eq(a.subheadline.as_deref(), g.subheadline.as_deref()),
            "subheadline",
            &mut s.subheadline_ok,
        );
        check(byline_eq(&a.byline, &g.byline), "byline", &mut s.byline_ok);
        check(a.kind.as_str() == g.kind, "kind", &mut s.kind_ok);
        check(
            opt_eq(a.dateline.as_deref(), g.dateline.as_deref()),
            "dateline",
            &mut s.dateline_ok,
        );
        let (bs, be) = body_ends(a);
        check(
            opt_eq(bs.as_deref(), g.body_start.as_deref()),
            "body_start",
            &mut s.body_start_ok,
        );
        check(
            opt_eq(be.as_deref(), g.body_end.as_deref()),
            "body_end",
            &mut s.body_end_ok,
        );
        check(
            opt_eq(a.continues_to.as_deref(), g.continues_to.as_deref()),
            "continues_to",
            &mut s.continues_ok,
        );
        check(
            a.interleaved == g.interleaved,
            "interleaved",
            &mut s.interleaved_ok,
        );
        if !bad.is_empty() {
            s.mismatches
                .push(format!("{}: {}", g.headline, bad.join(", ")));
        }
    }
    s.spurious = page
        .articles
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(a, _)| a.headline.clone())
        .collect();
    let i = &page.issue;
    let gi = &gold.issue;
    let fields = [
        i.paper == gi.paper,
        i.edition == gi.edition,
        i.date == gi.date,
        i.weekday == gi.weekday,
        i.lunar_date == gi.lunar_date,
        i.issue_number == gi.issue_number,
        i.year_hint == gi.year_hint,
    ];
    s.issue_fields = fields.len();
    s.issue_fields_ok = fields.iter().filter(|&&b| b).count();
    s
}

/// Scores every gold page found in `gold_dir` against its seed in `seeds_dir`.
pub fn evaluate(gold_dir: &Path, seeds_dir: &Path) -> Result<(Vec<Score>, Score)> {
    let mut golds: Vec<PathBuf> = std::fs::read_dir(gold_dir)
        .with_context(|| format!("{}: cannot list gold folder", gold_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    golds.sort();
    anyhow::ensure!(
        !golds.is_empty(),
        "{}: no gold .json files",
        gold_dir.display()
    );
    let mut pages = Vec::new();
    let mut total = Score {
        page: "overall".into(),
        ..Default::default()
    };
    for g in golds {
        let text =
            std::fs::read_to_string(&g).with_context(|| format!("{}: cannot read", g.display()))?;
        let gold: GoldPage = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a gold page", g.display()))?;
        let stem = g.file_stem().unwrap().to_string_lossy().to_string();
        let seed_name = gold.seed.clone().unwrap_or(format!("{stem}.txt"));
        let seed = seeds_dir.join(&seed_name);
        let opts = ParseOptions {
            file: seed.display().to_string(),
            ..Default::default()
        };
        let page = import::read_page(&seed, &opts)?;
        let s = score_page(&seed_name, &gold, &page);
        total.add(&s);
        pages.push(s);
    }
    Ok((pages, total))
}

/// Prints the scores as a table or JSON.
pub fn print(pages: &[Score], total: &Score, json: bool) -> Result<()> {
    if json {
        let v = serde_json::json!({
            "pages": pages.iter().map(|p| serde_json::json!({"page": p.page, "metrics": p.metrics(), "counts": p})).collect::<Vec<_>>(),
            "overall": {"metrics": total.metrics(), "counts": total},
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(());
    }
    println!(
        "{:<28} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "page", "P", "R", "F1", "head=", "kick", "sub", "byline", "start", "end", "issue"
    );
    for s in pages.iter().chain(std::iter::once(total)) {
        let m = s.matched;
        println!(
            "{:<28} {:>5.2} {:>5.2} {:>5.2} {:>6.2} {:>6.2} {:>6.2} {:>6.2} {:>6.2} {:>6.2} {:>6.2}",
            s.page,
            s.precision(),
            s.recall(),
            s.f1(),
            s.headline_exact_rate(),
            Score::ratio(s.kicker_ok, m),
            Score::ratio(s.subheadline_ok, m),
            s.byline_accuracy(),
            Score::ratio(s.body_start_ok, m),
            Score::ratio(s.body_end_ok, m),
            s.issue_accuracy(),
        );
    }
    for s in pages {
        for h in &s.missed {
            println!("  {}: missed `{h}`", s.page);
        }
        for h in &s.spurious {
            println!("  {}: spurious `{h}`", s.page);
        }
        for h in &s.mismatches {
            println!("  {}: differs `{h}`", s.page);
        }
    }
    Ok(())
}
