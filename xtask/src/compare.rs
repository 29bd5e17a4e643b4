//! `cargo xtask bench` (or `--compare-only`): kanbao side by side with
//! Pagefind and MiniSearch on pd1998, on exactly the query set `kanbao bench`
//! generates (exported with its brute-force matches by `kanbao bench --export`).
//!
//! - Pagefind: one HTML page per article (`lang="zh-cn"`, `data-pagefind-body`),
//!   indexed by `pagefind_extended`, searched in headless Chromium over loopback
//!   (the ignored end-to-end test `compare_pagefind`).
//! - MiniSearch: indexed and searched in Node (`xtask/bench/minisearch.mjs`)
//!   with an `Intl.Segmenter('zh')` tokenizer.
//!
//! Recall, misses and MRR@10 are computed here for the other engines with the
//! same definitions `kanbao bench` uses.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use kanbao_bundle::stats::percentile;
use serde_json::Value;

use crate::tools::{self, ToolEnv};
use crate::{cargo, root, step};

/// Wall time and peak resident memory of a finished command.
#[derive(Clone, Copy, Debug)]
pub struct Measured {
    pub secs: f64,
    /// VmHWM from /proc (Linux); `None` elsewhere.
    pub peak_bytes: Option<u64>,
}

fn vm_hwm(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Runs `cmd` in the workspace root, polling its peak resident set size
/// (VmHWM, a high-water mark, so polling loses at most the last few ms).
pub fn measure(cmd: &mut Command) -> Result<Measured> {
    cmd.current_dir(root());
    let shown = format!("{cmd:?}");
    let started = Instant::now();
    let mut child = cmd
        .spawn()
        .with_context(|| format!("cannot start {shown}"))?;
    let mut peak = None;
    let status = loop {
        if let Some(b) = vm_hwm(child.id()) {
            peak = Some(b);
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let secs = started.elapsed().as_secs_f64();
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    Ok(Measured {
        secs,
        peak_bytes: peak,
    })
}

/// Builds are timed as the best of this many runs (peak memory the highest):
/// on this machine one run of the same build varies by 50% (1.26-1.99 s for
/// kanbao's pd1998 build within minutes), and every engine gets the same.
pub const BUILD_RUNS: usize = 3;

/// [`measure`] of `runs` fresh commands: the shortest time, the highest
/// peak; every run's time is printed (a first run can be the slowest: the
/// files it reads were just written).
pub fn measure_best(runs: usize, mut cmd: impl FnMut() -> Result<Command>) -> Result<Measured> {
    let mut best: Option<Measured> = None;
    let mut times = Vec::new();
    for _ in 0..runs.max(1) {
        let mut c = cmd()?;
        let m = measure(&mut c)?;
        times.push(format!("{:.2}", m.secs));
        if times.len() == runs.max(1) {
            eprintln!(
                "{}: {} s, one run after the other",
                c.get_program().to_string_lossy(),
                times.join(", ")
            );
        }
        best = Some(match best {
            None => m,
            Some(b) => Measured {
                secs: b.secs.min(m.secs),
                peak_bytes: b.peak_bytes.max(m.peak_bytes),
            },
        });
    }
    Ok(best.expect("at least one run"))
}

/// One engine's row of the table.
struct Row {
    engine: String,
    place: String,
    build: Option<Measured>,
    /// Bytes as written, and brotli q11 per file (what a server sends).
    raw: u64,
    brotli: u64,
    score: Score,
    warm_p50: f64,
    warm_p95: f64,
}

#[derive(Default)]
struct Score {
    queries: usize,
    expected: usize,
    found: usize,
    false_positives: usize,
    with_misses: usize,
    mrr: f64,
    known: usize,
    /// Per kind: (found, expected).
    kinds: std::collections::BTreeMap<String, (usize, usize)>,
}

/// A query of the exported set.
struct Query {
    kind: String,
    text: String,
    target: Option<u64>,
    expected: Vec<u64>,
}

fn read_json(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{}: not JSON", path.display()))
}

fn queries(export: &Path) -> Result<Vec<Query>> {
    let v = read_json(&export.join("queries.json"))?;
    let ids = |v: &Value| -> Vec<u64> {
        v.as_array()
            .map(|a| a.iter().filter_map(Value::as_u64).collect())
            .unwrap_or_default()
    };
    Ok(v.as_array()
        .context("queries.json: not an array")?
        .iter()
        .map(|q| Query {
            kind: q["kind"].as_str().unwrap_or("?").to_string(),
            text: q["text"].as_str().unwrap_or_default().to_string(),
            target: q["target"].as_u64(),
            expected: ids(&q["expected"]),
        })
        .collect())
}

/// Scores result lists (document numbers, best first) against brute force.
fn score(queries: &[Query], results: &[Vec<u64>]) -> Score {
    let mut s = Score {
        queries: queries.len(),
        ..Default::default()
    };
    for (q, got) in queries.iter().zip(results) {
        let mut sorted = got.clone();
        sorted.sort_unstable();
        sorted.dedup();
        let found = q
            .expected
            .iter()
            .filter(|d| sorted.binary_search(d).is_ok())
            .count();
        s.expected += q.expected.len();
        s.found += found;
        s.false_positives += sorted.iter().filter(|d| !q.expected.contains(d)).count();
        s.with_misses += usize::from(found < q.expected.len());
        let k = s.kinds.entry(q.kind.clone()).or_default();
        k.0 += found;
        k.1 += q.expected.len();
        if let Some(target) = q.target {
            s.known += 1;
            if let Some(r) = got.iter().take(10).position(|d| *d == target) {
                s.mrr += 1.0 / (r + 1) as f64;
            }
        }
    }
    if s.known > 0 {
        s.mrr /= s.known as f64;
    }
    s
}

fn brotli_len(data: &[u8]) -> u64 {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).expect("in-memory brotli");
    out.len() as u64
}

/// Files under `dir`: (path relative to `dir`, bytes as written, brotli of them).
fn sizes(dir: &Path, rel: &str, out: &mut Vec<(String, u64, u64)>) -> Result<()> {
    for e in std::fs::read_dir(dir).with_context(|| format!("{}: cannot list", dir.display()))? {
        let e = e?;
        let name = format!("{rel}{}", e.file_name().to_string_lossy());
        if e.file_type()?.is_dir() {
            sizes(&e.path(), &format!("{name}/"), out)?;
        } else {
            let bytes = std::fs::read(e.path())?;
            // Pagefind writes gzip already; a server sends those as they are.
            let br = brotli_len(&bytes).min(bytes.len() as u64);
            out.push((name, bytes.len() as u64, br));
        }
    }
    Ok(())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Full-width ASCII (１９９８, ＷＴＯ) and the ideographic space to ASCII, as
/// kanbao folds text before indexing; Pagefind does not.
fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

/// The articles (as kanbao searched them) as a static site: `a/<doc>.html`;
/// with `fold`, full-width Latin letters and digits are written as ASCII.
fn write_site(export: &Path, site: &Path, fold: bool) -> Result<usize> {
    let field = |v: &Value| {
        let t = escape(v.as_str().unwrap_or_default());
        if fold {
            fold_width(&t)
        } else {
            t
        }
    };
    if site.exists() {
        std::fs::remove_dir_all(site)
            .with_context(|| format!("cannot clear {}", site.display()))?;
    }
    let pages = site.join("a");
    std::fs::create_dir_all(&pages)?;
    // The page the benchmark opens; no data-pagefind-body, so not indexed.
    std::fs::write(
        site.join("index.html"),
        "<!doctype html><html lang=\"zh-cn\"><head><meta charset=\"utf-8\"><title>bench</title></head><body><p>Pagefind benchmark</p></body></html>\n",
    )?;
    let path = export.join("articles.jsonl");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let a: Value = serde_json::from_str(line).context("articles.jsonl: bad line")?;
        let doc = a["doc"].as_u64().context("articles.jsonl: no doc")?;
        let headline = field(&a["headline"]);
        let mut html = format!(
            "<!doctype html>\n<html lang=\"zh-cn\">\n<head><meta charset=\"utf-8\"><title>{headline}</title></head>\n<body>\n<article data-pagefind-body>\n<h1>{headline}</h1>\n"
        );
        for p in a["paragraphs"].as_array().into_iter().flatten() {
            let _ = writeln!(html, "<p>{}</p>", field(p));
        }
        html.push_str("</article>\n</body>\n</html>\n");
        std::fs::write(pages.join(format!("{doc}.html")), html)?;
        n += 1;
    }
    Ok(n)
}

fn mb(b: u64) -> String {
    format!("{:.2} MB", b as f64 / 1e6)
}

/// Runs the comparison. `export` holds what `kanbao bench --export` wrote for
/// the bundle `kanbao_build` measured the build of.
pub fn run(env: &ToolEnv, export: &Path, kanbao_build: Option<Measured>) -> Result<()> {
    let qs = queries(export)?;
    let k = read_json(&export.join("kanbao.json"))?;
    let num = |v: &Value, key: &str| v[key].as_f64().unwrap_or(0.0);
    let text_brotli = k["text_brotli"].as_u64().unwrap_or(0);
    let mut rows = Vec::new();
    let mut notes = vec![format!(
        "Build: kanbao's and Pagefind's the best of {BUILD_RUNS} runs (peak memory the highest; each run's time is printed above); MiniSearch's one run, timed inside its script."
    )];

    let expected = k["expected"].as_u64().unwrap_or(0) as usize;
    let kanbao_score = Score {
        queries: qs.len(),
        expected,
        found: expected - k["missed"].as_u64().unwrap_or(0) as usize,
        false_positives: k["false_positives"].as_u64().unwrap_or(0) as usize,
        with_misses: k["queries_with_misses"].as_u64().unwrap_or(0) as usize,
        mrr: num(&k, "mrr10"),
        known: k["known"].as_u64().unwrap_or(0) as usize,
        ..Default::default()
    };
    rows.push(Row {
        engine: "kanbao".into(),
        place: "native".into(),
        build: kanbao_build,
        raw: k["bundle_raw"].as_u64().unwrap_or(0),
        brotli: k["bundle_brotli"].as_u64().unwrap_or(0),
        score: kanbao_score,
        warm_p50: num(&k, "warm_p50_ms"),
        warm_p95: num(&k, "warm_p95_ms"),
    });
    notes.push(format!(
        "kanbao: bundle = index + document shards (text for headlines and snippets); index alone {} brotli ({:.2}× text). Latency native (Rust, release), first page of 10 with snippets.",
        mb(k["index_brotli"].as_u64().unwrap_or(0)),
        k["index_brotli"].as_f64().unwrap_or(0.0) / text_brotli.max(1) as f64
    ));

    // Pagefind.
    match tools::pagefind_binary(env) {
        Err(why) => {
            eprintln!("Pagefind: not measured: {why}");
            notes.push(format!("Pagefind: not measured: {why}"));
        }
        Ok(bin) => {
            for fold in [false, true] {
                match pagefind(env, &bin, export, &qs, fold) {
                    Ok((row, note)) => {
                        rows.push(row);
                        notes.push(note);
                    }
                    Err(e) => {
                        eprintln!("Pagefind: failed: {e:#}");
                        notes.push(format!("Pagefind: failed: {e:#}"));
                    }
                }
            }
        }
    }

    // MiniSearch.
    match tools::bench_npm_package(env, "minisearch", tools::MINISEARCH_VERSION) {
        Err(why) => {
            eprintln!("MiniSearch: not measured: {why}");
            notes.push(format!("MiniSearch: not measured: {why}"));
        }
        Ok(pkg) => match minisearch(&pkg, export, &qs) {
            Ok((row, note)) => {
                rows.push(row);
                notes.push(note);
            }
            Err(e) => {
                eprintln!("MiniSearch: failed: {e:#}");
                notes.push(format!("MiniSearch: failed: {e:#}"));
            }
        },
    }

    print_table(&rows, &notes, text_brotli, qs.len());
    Ok(())
}

/// Pagefind on the articles as printed, or (`fold`) with full-width Latin
/// and digits written as ASCII, so that its segmentation is measured apart
/// from the missing width folding.
fn pagefind(
    env: &ToolEnv,
    bin: &Path,
    export: &Path,
    qs: &[Query],
    fold: bool,
) -> Result<(Row, String)> {
    let tag = if fold { "-folded" } else { "" };
    let work = export.join(format!("pagefind-site{tag}"));
    step(&format!(
        "Pagefind: one HTML page per article{}, then pagefind_extended --site",
        if fold {
            ", full-width ASCII folded"
        } else {
            ""
        }
    ));
    let pages = write_site(export, &work, fold)?;
    let (version, built) = pagefind_build(bin, export, &work, pages)?;
    let sizes = PagefindSizes::of(&work.join("pagefind"))?;
    let out = pagefind_queries(env, export, &work, qs, tag)?;
    let r = read_json(&out)?;
    let (results, ids, mut warm) = engine_results(&r, qs.len())?;
    let mut first: Vec<f64> = results
        .iter()
        .filter_map(|x| x["first_ms"].as_f64())
        .collect();
    let row = Row {
        engine: format!(
            "Pagefind {}{}",
            version
                .rsplit(' ')
                .next()
                .filter(|v| !v.is_empty())
                .unwrap_or("?"),
            if fold { " (text width-folded)" } else { "" }
        ),
        place: r["browser"].as_str().unwrap_or("Chromium").to_string(),
        build: Some(built),
        raw: sizes.raw,
        brotli: sizes.brotli,
        score: score(qs, &ids),
        warm_p50: percentile(&mut warm.clone(), 0.5),
        warm_p95: percentile(&mut warm, 0.95),
    };
    let note = format!(
        "Pagefind{tag}: {} files as written (already gzip): fragments {} + index/meta/filter {} + JS/wasm/UI {}. Latency: search() plus data() of the first 10 results, everything already loaded; first run of each query p50 {:.1} ms, p95 {:.1} ms.",
        sizes.files,
        mb(sizes.fragments),
        mb(sizes.index),
        mb(sizes.raw - sizes.fragments - sizes.index),
        percentile(&mut first.clone(), 0.5),
        percentile(&mut first, 0.95),
    );
    Ok((row, note))
}

/// `pagefind_extended --site` over `work` (the best of [`BUILD_RUNS`]), its
/// log's notable lines and its time printed; its version line and the
/// measurement.
fn pagefind_build(
    bin: &Path,
    export: &Path,
    work: &Path,
    pages: usize,
) -> Result<(String, Measured)> {
    let version = Command::new(bin)
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let built = measure_best(BUILD_RUNS, || {
        let log = std::fs::File::create(export.join("pagefind.log"))?;
        let mut cmd = Command::new(bin);
        cmd.arg("--site").arg(work).stdout(Stdio::from(log));
        Ok(cmd)
    })?;
    let log = std::fs::read_to_string(export.join("pagefind.log")).unwrap_or_default();
    for line in log
        .lines()
        .filter(|l| l.contains("Indexed") || l.contains("Error") || l.contains("Warn"))
    {
        eprintln!("  pagefind: {}", line.trim());
    }
    eprintln!(
        "{version} on {pages} pages: {:.2} s wall, peak {}",
        built.secs,
        built.peak_bytes.map(mb).unwrap_or_else(|| "n/a".into())
    );
    Ok((version, built))
}

/// What Pagefind wrote, in bytes as written (raw) and brotli: all of it,
/// and the fragments and index/meta/filter files apart.
struct PagefindSizes {
    files: usize,
    raw: u64,
    brotli: u64,
    fragments: u64,
    index: u64,
}

impl PagefindSizes {
    fn of(dir: &Path) -> Result<Self> {
        let mut files = Vec::new();
        sizes(dir, "", &mut files)?;
        let fragments = files
            .iter()
            .filter(|f| f.0.starts_with("fragment/"))
            .map(|f| f.1)
            .sum();
        let index = files
            .iter()
            .filter(|f| {
                f.0.starts_with("index/")
                    || f.0.starts_with("pagefind-entry")
                    || f.0.ends_with(".pf_meta")
                    || f.0.starts_with("filter/")
            })
            .map(|f| f.1)
            .sum();
        Ok(Self {
            files: files.len(),
            raw: files.iter().map(|f| f.1).sum(),
            brotli: files.iter().map(|f| f.2).sum(),
            fragments,
            index,
        })
    }
}

/// The queries against the Pagefind site `work` in headless Chromium (the
/// e2e `compare_pagefind` test, tried twice); the path of its results.
fn pagefind_queries(
    env: &ToolEnv,
    export: &Path,
    work: &Path,
    qs: &[Query],
    tag: &str,
) -> Result<PathBuf> {
    step("Pagefind: the queries in headless Chromium (served over loopback)");
    let out = export.join(format!("pagefind-results{tag}.json"));
    let texts: Vec<&str> = qs.iter().map(|q| q.text.as_str()).collect();
    let qfile = export.join("query-texts.json");
    std::fs::write(&qfile, serde_json::to_string(&texts)?)?;
    let mut cmd = cargo();
    cmd.args([
        "test",
        "-p",
        "kanbao-e2e",
        "--test",
        "e2e",
        "compare_pagefind",
        "--",
        "--ignored",
        "--nocapture",
        "--test-threads",
        "1",
    ])
    .env("KANBAO_CHROME", &env.chrome)
    .env("KANBAO_CHROMEDRIVER", &env.chromedriver)
    .env("KANBAO_COMPARE_SITE", work)
    .env("KANBAO_COMPARE_QUERIES", &qfile)
    .env("KANBAO_COMPARE_OUT", &out);
    let _ = std::fs::remove_file(&out);
    if let Err(e) = crate::run_cmd(&mut cmd) {
        // ChromeDriver occasionally goes away on a busy shared machine.
        eprintln!("Pagefind in Chromium failed ({e:#}); trying once more");
        crate::run_cmd(&mut cmd)?;
    }
    Ok(out)
}

fn minisearch(pkg: &Path, export: &Path, qs: &[Query]) -> Result<(Row, String)> {
    step("MiniSearch in Node: index the articles, run the queries");
    let out_path = export.join("minisearch-results.json");
    let out = std::fs::File::create(&out_path)?;
    let run = measure(
        Command::new("node")
            .arg(root().join("xtask/bench/minisearch.mjs"))
            .arg(pkg)
            .arg(export.join("articles.jsonl"))
            .arg(export.join("queries.json"))
            .stdout(Stdio::from(out)),
    )?;
    let r = read_json(&out_path)?;
    let (_, ids, mut warm) = engine_results(&r, qs.len())?;
    let build = Measured {
        secs: r["build_ms"].as_f64().unwrap_or(0.0) / 1e3,
        peak_bytes: run.peak_bytes,
    };
    let row = Row {
        engine: r["engine"].as_str().unwrap_or("MiniSearch").to_string(),
        place: r["where"].as_str().unwrap_or("Node").to_string(),
        build: Some(build),
        raw: r["index_raw"].as_u64().unwrap_or(0),
        brotli: r["index_brotli"].as_u64().unwrap_or(0),
        score: score(qs, &ids),
        warm_p50: percentile(&mut warm.clone(), 0.5),
        warm_p95: percentile(&mut warm, 0.95),
    };
    let note = format!(
        "MiniSearch: Intl.Segmenter('zh') words, NFKC + lower case, AND, headline boost 2; build = addAll() in memory ({:.1} s for the whole script, peak memory is the Node process); index = JSON.stringify(index), no stored text; latency = search() returning every hit.",
        run.secs
    );
    Ok((row, note))
}

fn print_table(rows: &[Row], notes: &[String], text_brotli: u64, queries: usize) {
    step("kanbao, Pagefind and MiniSearch on pd1998, the same queries");
    println!(
        "pd1998: 3,148 articles; raw text brotli q11 {text_brotli} bytes; {queries} queries generated by `kanbao bench`, matches by brute force"
    );
    let header = [
        "engine",
        "where",
        "build",
        "peak mem",
        "index raw",
        "brotli",
        "× text",
        "substring recall",
        "queries w/ misses",
        "MRR@10",
        "warm p50 / p95",
    ];
    let mut table: Vec<Vec<String>> = vec![header.iter().map(|s| s.to_string()).collect()];
    for r in rows {
        let s = &r.score;
        table.push(vec![
            r.engine.clone(),
            r.place.clone(),
            r.build
                .map(|b| format!("{:.2} s", b.secs))
                .unwrap_or_else(|| "n/a".into()),
            r.build
                .and_then(|b| b.peak_bytes)
                .map(|b| format!("{:.0} MB", b as f64 / 1e6))
                .unwrap_or_else(|| "n/a".into()),
            mb(r.raw),
            mb(r.brotli),
            format!("{:.2}×", r.brotli as f64 / text_brotli.max(1) as f64),
            format!(
                "{:.4} ({}/{})",
                s.found as f64 / s.expected.max(1) as f64,
                s.found,
                s.expected
            ),
            format!("{}/{}", s.with_misses, s.queries),
            format!("{:.3}", s.mrr),
            format!("{:.2} / {:.2} ms", r.warm_p50, r.warm_p95),
        ]);
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            table
                .iter()
                .map(|r| r[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for (i, r) in table.iter().enumerate() {
        let line: Vec<String> = r
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        println!("| {} |", line.join(" | "));
        if i == 0 {
            let sep: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            println!("| {} |", sep.join(" | "));
        }
    }
    println!();
    // (`kanbao bench` above prints kanbao's recall by kind.)
    for r in rows.iter().filter(|r| !r.score.kinds.is_empty()) {
        let kinds: Vec<String> = r
            .score
            .kinds
            .iter()
            .map(|(k, (f, e))| format!("{k} {f}/{e}"))
            .collect();
        println!(
            "{}: recall by kind: {}; false positives {}; MRR over {} headline queries",
            r.engine,
            kinds.join(", "),
            r.score.false_positives,
            r.score.known
        );
    }
    for n in notes {
        println!("{n}");
    }
}

/// Where the comparison writes its files.
pub fn dir(out: &Path) -> PathBuf {
    out.join("compare")
}

/// An engine's per-query results: the entries, the article ids each returned,
/// and the warm latencies.
type EngineResults<'a> = (&'a Vec<Value>, Vec<Vec<u64>>, Vec<f64>);

/// One entry per query, or an error.
fn engine_results(r: &Value, queries: usize) -> Result<EngineResults<'_>> {
    let results = r["results"].as_array().context("no results")?;
    if results.len() != queries {
        bail!("{} results for {} queries", results.len(), queries);
    }
    let ids = results
        .iter()
        .map(|x| {
            x["ids"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_u64).collect())
                .unwrap_or_default()
        })
        .collect();
    let warm = results.iter().filter_map(|x| x["ms"].as_f64()).collect();
    Ok((results, ids, warm))
}
