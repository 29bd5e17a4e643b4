//! `kanbao eval`: scores the page parser against hand-made gold annotations
//! (one JSON per page, schema in the gold folder's README), with the figures
//! `../shared/tools/score_import.py` prints: articles matched by headline
//! (difflib ratio ≥ 0.6, news/commentary/photo only), P/R/F1, headline exact,
//! kicker+subheadline exact, byline roles, body bounds and issue fields per
//! page, each rounded to three places, and their plain mean over pages.
//!
//! Pages are grouped into sets by the extractor suffix of their file name
//! (`L01.pdfminer.json` → `pdfminer`); a set row is the mean over its pages.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use kanbao_bundle::{Article, Byline, Issue};
use serde::{Deserialize, Serialize};

use crate::import::{ParseOptions, ParsedPage};

/// Sets that are not part of the classic mean: pymupdf4llm's layout mode
/// drops and duplicates characters, so it is reported on its own.
pub const HARD_SETS: &[&str] = &["pymupdf4llm-layout"];

/// Name of the row that averages every page of the classic sets.
pub const CLASSIC_MEAN: &str = "mean (classic)";

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct GoldArticle {
    kind: String,
    kicker: Option<String>,
    headline: String,
    subheadline: Option<String>,
    byline: Byline,
    body_start: Option<String>,
    body_end: Option<String>,
    interleaved: bool,
}

#[derive(Deserialize, Debug)]
struct GoldPage {
    seed: Option<String>,
    #[serde(default)]
    issue: serde_json::Map<String, serde_json::Value>,
    articles: Vec<GoldArticle>,
}

/// The figures of one page, or their mean over pages.
#[derive(Serialize, Debug, Default, Clone)]
pub struct Score {
    pub page: String,
    /// Extractor set (`pdfminer`), or `pages` for files with no suffix.
    pub set: String,
    /// Pages averaged (1 for a page).
    pub pages: usize,
    pub gold_articles: f64,
    pub pred_articles: f64,
    pub matched: f64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub headline_exact: f64,
    pub kicker_sub_exact: f64,
    pub byline_roles: f64,
    pub body_bounds: f64,
    pub issue_fields: f64,
    /// Gold headlines with no predicted match, and predicted ones with no gold.
    pub missed: Vec<String>,
    pub spurious: Vec<String>,
    /// Matched articles whose fields differ: headline and what differs.
    pub mismatches: Vec<String>,
}

impl Score {
    pub fn f1(&self) -> f64 {
        self.f1
    }
    pub fn byline_accuracy(&self) -> f64 {
        self.byline_roles
    }
    pub fn headline_exact_rate(&self) -> f64 {
        self.headline_exact
    }
    pub fn issue_accuracy(&self) -> f64 {
        self.issue_fields
    }

    /// The figures as `score_import.py` names them.
    pub fn metrics(&self) -> serde_json::Value {
        serde_json::json!({
            "gold_articles": self.gold_articles, "pred_articles": self.pred_articles,
            "matched": self.matched, "precision": self.precision, "recall": self.recall,
            "f1": self.f1, "headline_exact": self.headline_exact,
            "kicker_sub_exact": self.kicker_sub_exact, "byline_roles": self.byline_roles,
            "body_bounds": self.body_bounds, "issue_fields": self.issue_fields,
        })
    }

    /// The mean of pages' figures, rounded as the script rounds.
    pub fn mean<'a>(name: &str, pages: impl IntoIterator<Item = &'a Score>) -> Score {
        let pages: Vec<&Score> = pages.into_iter().collect();
        let n = pages.len().max(1) as f64;
        let m = |f: fn(&Score) -> f64| round3(pages.iter().map(|p| f(p)).sum::<f64>() / n);
        Score {
            page: name.to_string(),
            set: name.to_string(),
            pages: pages.len(),
            gold_articles: m(|s| s.gold_articles),
            pred_articles: m(|s| s.pred_articles),
            matched: m(|s| s.matched),
            precision: m(|s| s.precision),
            recall: m(|s| s.recall),
            f1: m(|s| s.f1),
            headline_exact: m(|s| s.headline_exact),
            kicker_sub_exact: m(|s| s.kicker_sub_exact),
            byline_roles: m(|s| s.byline_roles),
            body_bounds: m(|s| s.body_bounds),
            issue_fields: m(|s| s.issue_fields),
            ..Default::default()
        }
    }
}

/// Python's `round(x, 3)`: half to even on the exact binary value, which is
/// what Rust's formatting does too.
fn round3(x: f64) -> f64 {
    format!("{x:.3}").parse().unwrap_or(x)
}

/// Python's `\s` in a str pattern: Unicode whitespace plus the separators
/// U+001C–U+001F.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn norm(s: &str) -> String {
    s.chars().filter(|&c| !is_py_space(c)).collect()
}

fn norm_opt(s: Option<&str>) -> String {
    s.map(norm).unwrap_or_default()
}

/// `difflib.SequenceMatcher(None, a, b).ratio()`, with its autojunk rule
/// (in a `b` of 200 or more, elements occurring more than 1% are popular and
/// never start a match).
pub fn seq_ratio(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let total = a.len() + b.len();
    if total == 0 {
        return 1.0;
    }
    let mut b2j: HashMap<char, Vec<usize>> = HashMap::new();
    for (j, &c) in b.iter().enumerate() {
        b2j.entry(c).or_default().push(j);
    }
    if b.len() >= 200 {
        let ntest = b.len() / 100 + 1;
        b2j.retain(|_, v| v.len() <= ntest);
    }
    let longest = |alo: usize, ahi: usize, blo: usize, bhi: usize| {
        let (mut bi, mut bj, mut bk) = (alo, blo, 0usize);
        let mut j2len: HashMap<usize, usize> = HashMap::new();
        for (i, c) in a.iter().enumerate().take(ahi).skip(alo) {
            let mut next: HashMap<usize, usize> = HashMap::new();
            if let Some(js) = b2j.get(c) {
                for &j in js {
                    if j < blo {
                        continue;
                    }
                    if j >= bhi {
                        break;
                    }
                    let k = j.checked_sub(1).and_then(|p| j2len.get(&p)).unwrap_or(&0) + 1;
                    next.insert(j, k);
                    if k > bk {
                        (bi, bj, bk) = (i + 1 - k, j + 1 - k, k);
                    }
                }
            }
            j2len = next;
        }
        while bi > alo && bj > blo && a[bi - 1] == b[bj - 1] {
            (bi, bj, bk) = (bi - 1, bj - 1, bk + 1);
        }
        while bi + bk < ahi && bj + bk < bhi && a[bi + bk] == b[bj + bk] {
            bk += 1;
        }
        (bi, bj, bk)
    };
    let mut matches = 0;
    let mut queue = vec![(0, a.len(), 0, b.len())];
    while let Some((alo, ahi, blo, bhi)) = queue.pop() {
        let (i, j, k) = longest(alo, ahi, blo, bhi);
        if k > 0 {
            matches += k;
            if alo < i && blo < j {
                queue.push((alo, i, blo, j));
            }
            if i + k < ahi && j + k < bhi {
                queue.push((i + k, ahi, j + k, bhi));
            }
        }
    }
    2.0 * matches as f64 / total as f64
}

fn scored_kind(k: &str) -> bool {
    matches!(k, "news" | "commentary" | "photo")
}

fn body_text(a: &Article) -> String {
    norm(&a.paragraphs.concat())
}

/// Python's `str()` of a JSON issue value.
fn py_str(v: Option<&serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => "None".into(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

fn issue_value(i: &Issue, field: &str) -> Option<serde_json::Value> {
    let s = |o: &Option<String>| o.clone().map(serde_json::Value::String);
    match field {
        "date" => s(&i.date),
        "weekday" => s(&i.weekday),
        "lunar_date" => s(&i.lunar_date),
        "issue_number" => i.issue_number.map(serde_json::Value::from),
        _ => None,
    }
}

fn role_names(b: &Byline) -> Vec<Vec<String>> {
    b.roles()
        .map(|(_, names)| {
            let mut v: Vec<String> = names.iter().map(|s| norm(s)).collect();
            v.sort();
            v
        })
        .collect()
}

/// Gold articles matched to predicted ones by headline.
struct Matching<'a> {
    pairs: Vec<(&'a GoldArticle, &'a Article)>,
    /// Per predicted article, whether a gold one took it.
    used: Vec<bool>,
    /// Headlines of the gold articles nothing matched.
    missed: Vec<String>,
}

/// Each gold article in turn takes the unused prediction whose normalised
/// headline is most like its own (the first of equals), if the ratio is 0.6
/// or more.
fn match_headlines<'a>(golds: &[&'a GoldArticle], preds: &[&'a Article]) -> Matching<'a> {
    let p_heads: Vec<String> = preds.iter().map(|a| norm(&a.headline)).collect();
    let mut m = Matching {
        pairs: Vec::new(),
        used: vec![false; preds.len()],
        missed: Vec::new(),
    };
    for g in golds {
        let gh = norm(&g.headline);
        let mut best = 0.0;
        let mut bi = None;
        for (i, ph) in p_heads.iter().enumerate() {
            if m.used[i] {
                continue;
            }
            let r = seq_ratio(&gh, ph);
            if r > best {
                (best, bi) = (r, Some(i));
            }
        }
        match bi {
            Some(i) if best >= 0.6 => {
                m.used[i] = true;
                m.pairs.push((g, preds[i]));
            }
            _ => m.missed.push(g.headline.clone()),
        }
    }
    m
}

/// What the matched pairs got right, counted over a page, and what differs.
#[derive(Default)]
struct FieldTally {
    headline: usize,
    kicker_sub: usize,
    roles_ok: usize,
    roles: usize,
    bounds_ok: usize,
    bounds: usize,
    mismatches: Vec<String>,
}

impl FieldTally {
    fn of(pairs: &[(&GoldArticle, &Article)]) -> FieldTally {
        let mut t = FieldTally::default();
        for (g, p) in pairs {
            t.add(g, p);
        }
        t
    }

    /// Counts one pair; a line of what differs in `mismatches` if anything.
    fn add(&mut self, g: &GoldArticle, p: &Article) {
        let mut bad: Vec<String> = Vec::new();
        if norm(&g.headline) == norm(&p.headline) {
            self.headline += 1;
        } else {
            bad.push(format!("headline `{}`", p.headline));
        }
        let kick = norm_opt(g.kicker.as_deref()) == norm_opt(p.kicker.as_deref());
        let sub = norm_opt(g.subheadline.as_deref()) == norm_opt(p.subheadline.as_deref());
        if kick && sub {
            self.kicker_sub += 1;
        } else {
            bad.push(format!(
                "kicker/sub `{}`/`{}` want `{}`/`{}`",
                p.kicker.as_deref().unwrap_or(""),
                p.subheadline.as_deref().unwrap_or(""),
                g.kicker.as_deref().unwrap_or(""),
                g.subheadline.as_deref().unwrap_or("")
            ));
        }
        self.add_roles(g, p, &mut bad);
        self.add_body_bounds(g, p, &mut bad);
        if !bad.is_empty() {
            self.mismatches
                .push(format!("{}: {}", g.headline, bad.join("; ")));
        }
    }

    /// Byline roles, compared role by role where either side names someone.
    fn add_roles(&mut self, g: &GoldArticle, p: &Article, bad: &mut Vec<String>) {
        let gr = role_names(&g.byline);
        let pr = role_names(&p.byline);
        let mut roles_bad = false;
        for (gv, pv) in gr.iter().zip(&pr) {
            if !gv.is_empty() || !pv.is_empty() {
                self.roles += 1;
                if gv == pv {
                    self.roles_ok += 1;
                } else {
                    roles_bad = true;
                }
            }
        }
        if roles_bad {
            bad.push(format!("byline {:?} want {:?}", pr, gr));
        }
    }

    /// The body's first and last words, where the gold gives them and the
    /// article is not interleaved with another.
    fn add_body_bounds(&mut self, g: &GoldArticle, p: &Article, bad: &mut Vec<String>) {
        if g.interleaved || g.body_start.as_deref().is_none_or(|s| s.is_empty()) {
            return;
        }
        let b = body_text(p);
        self.bounds += 2;
        let start = norm_opt(g.body_start.as_deref());
        let end = norm_opt(g.body_end.as_deref());
        if b.starts_with(&start) {
            self.bounds_ok += 1;
        } else {
            let got: String = b.chars().take(16).collect();
            bad.push(format!("body start `{got}` want `{start}`"));
        }
        if b.ends_with(&end) {
            self.bounds_ok += 1;
        } else {
            let cs: Vec<char> = b.chars().collect();
            let got: String = cs[cs.len().saturating_sub(16)..].iter().collect();
            bad.push(format!("body end `{got}` want `{end}`"));
        }
    }
}

/// The issue fields scored.
const ISSUE_FIELDS: [&str; 4] = ["date", "weekday", "lunar_date", "issue_number"];

/// How many of [`ISSUE_FIELDS`] the page has as the gold has them (compared
/// as Python's `str()` of each, `None` for a missing one).
fn issue_fields_right(gold: &GoldPage, page: &ParsedPage) -> usize {
    ISSUE_FIELDS
        .iter()
        .filter(|f| py_str(gold.issue.get(**f)) == py_str(issue_value(&page.issue, f).as_ref()))
        .count()
}

/// Precision, recall and F1 of `matched` out of `predicted` and `gold`.
fn precision_recall_f1(matched: f64, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let prec = if predicted == 0 {
        0.0
    } else {
        matched / predicted as f64
    };
    let rec = if gold == 0 {
        1.0
    } else {
        matched / gold as f64
    };
    let f1 = if prec + rec > 0.0 {
        2.0 * prec * rec / (prec + rec)
    } else {
        0.0
    };
    (prec, rec, f1)
}

/// Scores one parsed page against its gold, as `score_import.py` does.
fn score_page(name: &str, set: &str, gold: &GoldPage, page: &ParsedPage) -> Score {
    let g_arts: Vec<&GoldArticle> = gold
        .articles
        .iter()
        .filter(|a| scored_kind(&a.kind))
        .collect();
    let p_arts: Vec<&Article> = page
        .articles
        .iter()
        .filter(|a| scored_kind(a.kind.as_str()))
        .collect();
    let m = match_headlines(&g_arts, &p_arts);
    let tp = m.pairs.len() as f64;
    let (prec, rec, f1) = precision_recall_f1(tp, p_arts.len(), g_arts.len());
    let t = FieldTally::of(&m.pairs);
    let ratio = |a: usize, b: usize, empty: f64| {
        if b == 0 {
            empty
        } else {
            round3(a as f64 / b as f64)
        }
    };
    let n_gold = g_arts.len();
    Score {
        page: name.to_string(),
        set: set.to_string(),
        pages: 1,
        gold_articles: n_gold as f64,
        pred_articles: p_arts.len() as f64,
        matched: tp,
        precision: round3(prec),
        recall: round3(rec),
        f1: round3(f1),
        headline_exact: ratio(t.headline, n_gold, 1.0),
        kicker_sub_exact: ratio(t.kicker_sub, m.pairs.len(), 0.0),
        byline_roles: ratio(t.roles_ok, t.roles, 1.0),
        body_bounds: ratio(t.bounds_ok, t.bounds, 1.0),
        issue_fields: round3(issue_fields_right(gold, page) as f64 / ISSUE_FIELDS.len() as f64),
        missed: m.missed,
        spurious: p_arts
            .iter()
            .zip(&m.used)
            .filter(|(_, u)| !**u)
            .map(|(a, _)| a.headline.clone())
            .collect(),
        mismatches: t.mismatches,
    }
}

/// The set a gold file belongs to: the extractor suffix of its stem.
fn set_of(stem: &str) -> String {
    match stem.split_once('.') {
        Some((_, s)) if !s.is_empty() => s.to_string(),
        _ => "pages".to_string(),
    }
}

/// Scores every gold page found in `gold_dir` against its page in
/// `pages_dir` (the gold's `seed` name, else `<stem>.txt`); returns the
/// pages and their mean.
pub fn evaluate(gold_dir: &Path, pages_dir: &Path) -> Result<(Vec<Score>, Score)> {
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
    for g in golds {
        let text =
            std::fs::read_to_string(&g).with_context(|| format!("{}: cannot read", g.display()))?;
        let gold: GoldPage = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a gold page", g.display()))?;
        let stem = g
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let page_name = gold.seed.clone().unwrap_or(format!("{stem}.txt"));
        let path = pages_dir.join(&page_name);
        let opts = ParseOptions {
            file: path.display().to_string(),
            ..Default::default()
        };
        // A gold file annotates one page: a text page, or a one-page PDF.
        let (read, errors) = crate::input::read_pages(&crate::input::InputFile::of(&path), &opts)?;
        if let Some(e) = errors.into_iter().next() {
            return Err(e);
        }
        let page = read
            .into_iter()
            .next()
            .with_context(|| format!("{}: no page", path.display()))?;
        pages.push(score_page(&page_name, &set_of(&stem), &gold, &page));
    }
    let total = Score::mean("overall", &pages);
    Ok((pages, total))
}

/// One row per set, then the mean over the classic sets' pages when there
/// is more than one set.
pub fn set_rows(pages: &[Score]) -> Vec<Score> {
    let mut sets: BTreeMap<&str, Vec<&Score>> = BTreeMap::new();
    for p in pages {
        sets.entry(p.set.as_str()).or_default().push(p);
    }
    let mut rows: Vec<Score> = sets
        .iter()
        .map(|(name, ps)| Score::mean(name, ps.iter().copied()))
        .collect();
    if rows.len() > 1 {
        let classic = pages
            .iter()
            .filter(|p| !HARD_SETS.contains(&p.set.as_str()));
        rows.push(Score::mean(CLASSIC_MEAN, classic));
    }
    rows
}

/// The table's header and one row (`cargo xtask eval-import` prints the same).
pub fn table_header() -> String {
    format!(
        "{:<22} {:>5} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "set", "pages", "gold", "pred", "P", "R", "F1", "head=", "k/sub", "roles", "body", "issue"
    )
}

pub fn table_row(s: &Score) -> String {
    format!(
        "{:<22} {:>5} {:>6.1} {:>6.1} {:>6.3} {:>6.3} {:>6.3} {:>6.3} {:>6.3} {:>6.3} {:>6.3} {:>6.3}",
        s.set,
        s.pages,
        s.gold_articles,
        s.pred_articles,
        s.precision,
        s.recall,
        s.f1,
        s.headline_exact,
        s.kicker_sub_exact,
        s.byline_roles,
        s.body_bounds,
        s.issue_fields
    )
}

/// Prints the scores as a table (then each page's differences) or JSON.
pub fn print(pages: &[Score], total: &Score, json: bool) -> Result<()> {
    let rows = set_rows(pages);
    if json {
        let v = serde_json::json!({
            "sets": rows.iter().map(|r| serde_json::json!({"set": r.set, "pages": r.pages, "metrics": r.metrics()})).collect::<Vec<_>>(),
            "pages": pages.iter().map(|p| serde_json::json!({"page": p.page, "set": p.set, "metrics": p.metrics(), "missed": p.missed, "spurious": p.spurious, "mismatches": p.mismatches})).collect::<Vec<_>>(),
            "overall": {"pages": total.pages, "metrics": total.metrics()},
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(());
    }
    println!("{}", table_header());
    for r in &rows {
        println!("{}", table_row(r));
    }
    if rows.len() == 1 {
        // One set: its row is the overall mean; show the pages instead.
        for p in pages {
            let mut r = p.clone();
            r.set = p.page.clone();
            println!("{}", table_row(&r));
        }
    }
    for s in pages {
        for h in &s.missed {
            println!("  {}: missed `{h}`", s.page);
        }
        for h in &s.spurious {
            println!("  {}: spurious `{h}`", s.page);
        }
        for h in &s.mismatches {
            println!("  {}: differs {h}", s.page);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use kanbao_bundle::ArticleKind;

    #[test]
    fn ratio_is_difflibs() {
        // Values from Python's difflib.SequenceMatcher(None, a, b).ratio().
        assert_eq!(seq_ratio("", ""), 1.0);
        assert_eq!(seq_ratio("abc", ""), 0.0);
        assert!((seq_ratio("abcd", "bcde") - 0.75).abs() < 1e-12);
        assert!((seq_ratio("上海人会念服务经", "上海人会念服务经济") - 16.0 / 17.0).abs() < 1e-12);
        // The longest block first, then what is left on either side.
        assert!((seq_ratio("abxcd", "cdxab") - 0.4).abs() < 1e-12);
    }

    #[test]
    fn rounding_is_pythons() {
        assert_eq!(round3(0.0625), 0.062);
        assert_eq!(round3(0.1875), 0.188);
        assert_eq!(round3(2.0 / 3.0), 0.667);
    }

    #[test]
    fn sets_from_names() {
        assert_eq!(set_of("L01.pdftotext-raw"), "pdftotext-raw");
        assert_eq!(set_of("000_4afe9fc55a17b6e4"), "pages");
    }

    #[test]
    fn kinds_scored() {
        assert!(scored_kind(ArticleKind::Photo.as_str()));
        assert!(!scored_kind(ArticleKind::Notice.as_str()));
    }
}
