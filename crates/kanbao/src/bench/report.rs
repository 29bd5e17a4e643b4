//! What a benchmark prints, and what it exports for `cargo xtask bench`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::{Context, Result};
use kanbao_bundle::stats::percentile;
use kanbao_bundle::Article;

use super::latency::Cold;
use super::recall::Recall;
use super::{BenchQuery, Sizes};

/// Prints recall, MRR and latency, and what the first page loaded.
pub(super) fn print_queries(
    queries: &[BenchQuery],
    r: &Recall,
    mut cold: Cold,
    warm_ms: &mut [f64],
) {
    let mut slowest: Vec<(f64, &str)> = warm_ms
        .iter()
        .zip(queries)
        .map(|(&ms, q)| (ms, q.text.as_str()))
        .collect();
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("queries: {}", queries.len());
    println!(
        "substring recall: {}/{} = {:.4} (false positives returned: {})",
        r.expected - r.missed,
        r.expected,
        if r.expected == 0 {
            1.0
        } else {
            (r.expected - r.missed) as f64 / r.expected as f64
        },
        r.extra
    );
    println!("queries with misses: {}/{}", r.with_misses, queries.len());
    for (k, (found, all)) in &r.per_kind {
        println!("  {k:12} {found}/{all}");
    }
    if r.known > 0 {
        println!(
            "known-item MRR@10 ({} headline queries): {:.4}",
            r.known,
            r.mrr()
        );
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    println!(
        "first page, cold (fresh archive, files read from disk): p50 {:.2} ms, p95 {:.2} ms",
        percentile(&mut cold.ms.clone(), 0.5),
        percentile(&mut cold.ms, 0.95)
    );
    println!(
        "warm (shards loaded): p50 {:.3} ms, p95 {:.3} ms",
        percentile(&mut warm_ms.to_vec(), 0.5),
        percentile(&mut warm_ms.to_vec(), 0.95)
    );
    println!(
        "  slowest warm: {}",
        slowest
            .iter()
            .take(5)
            .map(|(ms, q)| format!("{q:?} {ms:.1} ms"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut kinds: Vec<&str> = queries.iter().map(|q| q.kind).collect();
    kinds.sort();
    kinds.dedup();
    for k in kinds {
        let v: Vec<f64> = queries
            .iter()
            .zip(&cold.bytes)
            .filter(|(q, _)| q.kind == k)
            .map(|(_, b)| *b)
            .collect();
        println!("  first load {k:12} mean {:.0} bytes", mean(&v));
    }
    if std::env::var_os("KANBAO_BENCH_WORST").is_some() {
        let mut worst: Vec<(f64, &str)> = cold
            .bytes
            .iter()
            .copied()
            .zip(queries.iter().map(|q| q.text.as_str()))
            .collect();
        worst.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (b, q) in worst.iter().take(10) {
            println!("    {b:.0} {q}");
        }
    }
    println!(
        "loaded before first results: mean {:.0} bytes (p50 {:.0}, p95 {:.0}) in mean {:.1} files (p95 {:.0})",
        mean(&cold.bytes),
        percentile(&mut cold.bytes.clone(), 0.5),
        percentile(&mut cold.bytes, 0.95),
        mean(&cold.files),
        percentile(&mut cold.files, 0.95)
    );
    println!(
        "first page with an exact total and facets (not \"about\"): {}/{}",
        cold.exact,
        queries.len()
    );
}

/// The kind of bundle file a query loads, by its path.
fn file_kind(name: &str) -> &'static str {
    let Some(file) = name.strip_prefix("index/") else {
        return if name.starts_with("docs/") {
            "document shards"
        } else {
            "other"
        };
    };
    // A segment's files are `<id>-tNNNN.js` and `<id>-dNNNN.js`.
    let file = file.rsplit('-').next().unwrap_or(file);
    match file.as_bytes().first() {
        Some(b't') => "term shards",
        Some(b'b') => "pair shards",
        Some(b'd') => "doc-info shards",
        Some(b'p') => "pinyin",
        _ => "other",
    }
}

/// Per kind of file ([`file_kind`]), the bytes (`wire`) and number of `files`.
fn by_kind(
    files: &[String],
    wire: &impl Fn(&String) -> f64,
) -> BTreeMap<&'static str, (f64, usize)> {
    let mut by: BTreeMap<&str, (f64, usize)> = BTreeMap::new();
    for f in files {
        let k = by.entry(file_kind(f)).or_default();
        k.0 += wire(f);
        k.1 += 1;
    }
    by
}

/// What the first results loaded as a server sends it (each file brotli'd
/// alone), in all and by kind of file; then what the full first page did,
/// where the first results came before it.
pub(super) fn print_wire(cold: &Cold, brotli_of: &HashMap<String, usize>, quality: u32) {
    let wire = |name: &String| brotli_of.get(name).copied().unwrap_or(0) as f64;
    let each: Vec<BTreeMap<&str, (f64, usize)>> = cold
        .loaded
        .iter()
        .map(|files| by_kind(files, &wire))
        .collect();
    let totals: Vec<f64> = each
        .iter()
        .map(|by| by.values().map(|v| v.0).sum())
        .collect();
    let n = totals.len().max(1) as f64;
    let mut kinds: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    for (kind, (bytes, files)) in each.iter().flatten() {
        let k = kinds.entry(kind).or_default();
        k.0 += bytes / n;
        k.1 += *files as f64 / n;
    }
    let line = |what: &str, totals: &[f64]| {
        println!(
            "loaded before {what}, brotli q{quality} per file: mean {:.0} bytes (p50 {:.0}, p95 {:.0})",
            totals.iter().sum::<f64>() / n,
            percentile(&mut totals.to_vec(), 0.5),
            percentile(&mut totals.to_vec(), 0.95),
        );
    };
    line("first results", &totals);
    for (kind, (bytes, files)) in kinds {
        println!("  {kind:16} mean {bytes:.0} bytes in {files:.1} files");
    }
    // Folded from 0.0: an empty f64 sum is -0.
    let sum = |v: &[String]| v.iter().map(wire).fold(0.0, |a, b| a + b);
    let full: Vec<f64> = cold.full.iter().map(|f| sum(f)).collect();
    let early = cold
        .full
        .iter()
        .zip(&cold.loaded)
        .filter(|(f, l)| f.len() > l.len())
        .count();
    line("the full first page", &full);
    println!(
        "  first results shown before the page was full: {early}/{}",
        totals.len()
    );
    let mut facets: Vec<f64> = cold.facets.iter().map(|f| sum(f)).collect();
    let files = cold.facets.iter().map(Vec::len).sum::<usize>() as f64 / n;
    println!(
        "then the facets by page, kind and byline (the reader's next request): mean {:.0} bytes (p50 {:.0}) in {files:.1} files",
        facets.iter().fold(0.0, |a, b| a + b) / n,
        percentile(&mut facets, 0.5),
    );
    if std::env::var_os("KANBAO_BENCH_EACH").is_some() {
        for ((by, total), full) in each.iter().zip(&totals).zip(&full) {
            println!("    {total:.0} (full page {full:.0}): {by:?}");
        }
    }
}

/// Writes what `cargo xtask bench` needs to score other engines on the same
/// queries: the queries with their brute-force matches (document numbers),
/// the articles' searchable text by document number, and kanbao's numbers.
pub(super) fn export(
    dir: &Path,
    articles: &[(u32, Article)],
    queries: &[BenchQuery],
    truths: &[Vec<u32>],
    summary: &serde_json::Value,
) -> Result<()> {
    use serde_json::json;
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let write = |name: &str, text: String| {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("{}: cannot write", path.display()))
    };
    let qs: Vec<serde_json::Value> = queries
        .iter()
        .zip(truths)
        .map(|(q, t)| json!({"kind": q.kind, "text": q.text, "target": q.target, "expected": t}))
        .collect();
    write("queries.json", serde_json::to_string(&qs)?)?;
    let mut lines = String::new();
    for (d, a) in articles {
        // The headline, then every other searchable field (kicker,
        // subheadline, byline names, paragraphs) as it is stored.
        let rest: Vec<&str> = a
            .fields()
            .filter(|(f, _)| *f != kanbao_bundle::Field::Headline)
            .map(|(_, t)| t)
            .collect();
        lines.push_str(
            &json!({"doc": d, "id": a.id, "headline": a.headline, "paragraphs": rest}).to_string(),
        );
        lines.push('\n');
    }
    write("articles.jsonl", lines)?;
    write("kanbao.json", serde_json::to_string_pretty(summary)?)
}

/// kanbao's figures for `kanbao.json`, which `cargo xtask bench` sets beside
/// the other engines'.
pub(super) fn summary(
    n: u32,
    queries: usize,
    sz: &Sizes,
    recall: &Recall,
    warm_ms: &mut [f64],
) -> serde_json::Value {
    serde_json::json!({
        "articles": n,
        "queries": queries,
        "text_bytes": sz.text,
        "text_brotli": sz.text_brotli,
        "bundle_raw": sz.raw,
        "bundle_brotli": sz.brotli,
        "bundle_brotli_stream": sz.brotli_one_stream,
        "index_brotli": sz.index_brotli,
        "expected": recall.expected,
        "missed": recall.missed,
        "false_positives": recall.extra,
        "queries_with_misses": recall.with_misses,
        "mrr10": recall.mrr(),
        "known": recall.known,
        "warm_p50_ms": percentile(&mut warm_ms.to_vec(), 0.5),
        "warm_p95_ms": percentile(warm_ms, 0.95),
    })
}
