//! `kanbao bench`: measures a bundle as the reader would use it — size on the
//! wire against the raw text, bytes a first query loads, latency, substring
//! recall against a brute-force scan, and known-item MRR@10. With `--replicate`
//! it first builds a large bundle from a feed, dates shifted per copy.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use kanbao_bundle::search::normalize::{fold, is_word_char};
use kanbao_bundle::search::{SearchRequest, Sort};
use kanbao_bundle::{Archive, Article};

use crate::bundle_dir::{loader, open};

/// Small deterministic generator (xorshift64*), so query sets repeat.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[derive(Clone, Debug)]
pub struct BenchQuery {
    pub kind: &'static str,
    pub text: String,
    /// For known-item queries: the document the query came from.
    pub target: Option<u32>,
}

fn brotli_len(data: &[u8], quality: u32) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).expect("in-memory brotli");
    out.len()
}

fn gzip_len(data: &[u8]) -> usize {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).expect("in-memory gzip");
    e.finish().expect("in-memory gzip").len()
}

/// Searchable text of an article, folded, one field a line.
fn folded_fields(a: &Article) -> Vec<String> {
    a.fields().map(|(_, t)| fold(t)).collect()
}

/// Runs of word characters of `s` (char vectors).
fn runs(s: &str) -> Vec<Vec<char>> {
    s.split(|c: char| !is_word_char(c))
        .filter(|r| !r.is_empty())
        .map(|r| r.chars().collect())
        .collect()
}

/// A generated query set: headline phrases (known items), substrings inside
/// and across words, names, Latin/digit strings, and two-term queries.
pub fn generate(articles: &[(u32, &Article)], count: usize, seed: u64) -> Vec<BenchQuery> {
    let mut rng = Rng(seed | 1);
    let mut out = Vec::new();
    let mut tries = 0;
    let per = count.div_ceil(5).max(1);
    let mut counts = [0usize; 5];
    while counts.iter().sum::<usize>() < per * 5 && tries < count * 200 {
        tries += 1;
        let (doc, a) = articles[rng.below(articles.len())];
        let kind = rng.below(5);
        if counts[kind] >= per {
            continue;
        }
        let q = match kind {
            0 => {
                // A headline phrase: the longest run, 4–12 characters of it.
                let h = fold(&a.headline);
                let Some(r) = runs(&h).into_iter().max_by_key(|r| r.len()) else {
                    continue;
                };
                if r.len() < 4 {
                    continue;
                }
                let len = (4 + rng.below(9)).min(r.len());
                let start = rng.below(r.len() - len + 1);
                BenchQuery {
                    kind: "headline",
                    text: r[start..start + len].iter().collect(),
                    target: Some(doc),
                }
            }
            1 => {
                let body = fold(&a.paragraphs.join("\n"));
                let rs: Vec<Vec<char>> = runs(&body).into_iter().filter(|r| r.len() >= 4).collect();
                if rs.is_empty() {
                    continue;
                }
                let r = &rs[rng.below(rs.len())];
                let len = 2 + rng.below(3);
                let start = rng.below(r.len() - len + 1);
                BenchQuery {
                    kind: "substring",
                    text: r[start..start + len].iter().collect(),
                    target: None,
                }
            }
            2 => {
                // A name: from the byline, else three characters after 记者.
                let names = a.byline.all_names();
                let name = if !names.is_empty() {
                    fold(names[rng.below(names.len())])
                } else {
                    let body = fold(&a.paragraphs.join("\n"));
                    let Some(i) = body.find("记者") else {
                        continue;
                    };
                    let after: String = body[i + "记者".len()..].chars().take(3).collect();
                    if after.chars().count() < 2 || !after.chars().all(is_word_char) {
                        continue;
                    }
                    after
                };
                BenchQuery {
                    kind: "name",
                    text: name,
                    target: None,
                }
            }
            3 => {
                let text = fold(&a.paragraphs.join("\n"));
                let rs: Vec<Vec<char>> = text
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|r| r.len() >= 2)
                    .map(|r| r.chars().collect())
                    .collect();
                if rs.is_empty() {
                    continue;
                }
                let r = &rs[rng.below(rs.len())];
                let len = (2 + rng.below(3)).min(r.len());
                let start = rng.below(r.len() - len + 1);
                BenchQuery {
                    kind: "latin/digit",
                    text: r[start..start + len].iter().collect(),
                    target: None,
                }
            }
            _ => {
                let body = fold(&a.paragraphs.join("\n"));
                let rs: Vec<Vec<char>> = runs(&body).into_iter().filter(|r| r.len() >= 3).collect();
                if rs.len() < 2 {
                    continue;
                }
                let mut pick = || {
                    let r = &rs[rng.below(rs.len())];
                    let len = 2 + rng.below(2);
                    let start = rng.below(r.len() - len + 1);
                    r[start..start + len].iter().collect::<String>()
                };
                BenchQuery {
                    kind: "multi-term",
                    text: format!("{} {}", pick(), pick()),
                    target: None,
                }
            }
        };
        counts[kind] += 1;
        out.push(q);
    }
    out
}

/// The reference for recall and for the reader's counts: every article's
/// searchable fields, folded as the index folds them, scanned in full. One
/// implementation for the benchmark and the tests that compare against it.
pub struct BruteForce {
    fields: Vec<Vec<String>>,
}

impl BruteForce {
    /// Articles in document order (document `d` is the `d`-th).
    pub fn new<'a>(articles: impl IntoIterator<Item = &'a Article>) -> BruteForce {
        BruteForce {
            fields: articles.into_iter().map(folded_fields).collect(),
        }
    }

    /// Documents holding every whitespace-separated term of `q` in some field.
    pub fn matches(&self, q: &str) -> Vec<u32> {
        let terms: Vec<String> = q.split_whitespace().map(fold).collect();
        self.fields
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                terms
                    .iter()
                    .all(|t| f.iter().any(|x| x.contains(t.as_str())))
            })
            .map(|(d, _)| d as u32)
            .collect()
    }
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() - 1) as f64 * p).round() as usize]
}

pub struct Options {
    pub queries: Option<std::path::PathBuf>,
    pub count: usize,
    pub quality: u32,
    /// Write `queries.json` (with the brute-force matches), `articles.jsonl`
    /// (the text searched) and `kanbao.json` (these numbers) here, so other
    /// engines can be scored on exactly the same queries and text.
    pub export: Option<std::path::PathBuf>,
}

/// A bundle's size as a server sends it, against the text it holds.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub files: usize,
    pub raw: usize,
    /// Sums over the files, each compressed alone.
    pub gzip: usize,
    pub brotli: usize,
    pub index_brotli: usize,
    /// Every file concatenated, compressed as one stream.
    pub brotli_one_stream: usize,
    /// The articles' searchable fields, a line each, and their brotli.
    pub text: usize,
    pub text_brotli: usize,
}

impl Sizes {
    /// `bytes` as a multiple of the text's brotli.
    pub fn ratio(&self, bytes: usize) -> f64 {
        bytes as f64 / self.text_brotli.max(1) as f64
    }
}

/// Every article of the bundle, in document order.
pub fn all_articles(bundle: &Path) -> Result<Vec<(u32, Article)>> {
    let mut archive = open(bundle)?;
    // Everything loaded: no eviction here.
    archive.doc_budget = usize::MAX;
    let n = archive.manifest.article_count;
    archive
        .resolve(loader(bundle), |a| {
            a.articles(0..n)
                .map(|v| v.into_iter().map(|(d, a)| (d, a.clone())).collect())
        })
        .map_err(|e| anyhow::anyhow!("{e}"))
}

/// Measures `bundle` file by file (brotli at `quality`, window 4 MB).
pub fn sizes(bundle: &Path, articles: &[(u32, Article)], quality: u32) -> Result<Sizes> {
    let mut files = Vec::new();
    collect_files(bundle, bundle, &mut files)?;
    files.sort();
    let (mut raw, mut gzip, mut brotli, mut index_brotli) = (0, 0, 0, 0);
    let mut all = Vec::new();
    for (name, bytes) in &files {
        raw += bytes.len();
        gzip += gzip_len(bytes);
        let b = brotli_len(bytes, quality);
        brotli += b;
        if name.starts_with("index/") {
            index_brotli += b;
        }
        all.extend_from_slice(bytes);
    }
    let brotli_one_stream = brotli_len(&all, quality);
    drop(all);
    let mut text = String::new();
    for (_, a) in articles {
        for (_, t) in a.fields() {
            text.push_str(t);
            text.push('\n');
        }
    }
    Ok(Sizes {
        files: files.len(),
        raw,
        gzip,
        brotli,
        index_brotli,
        brotli_one_stream,
        text: text.len(),
        text_brotli: brotli_len(text.as_bytes(), quality),
    })
}

pub fn bench(bundle: &Path, opts: &Options) -> Result<ExitCode> {
    let articles = all_articles(bundle)?;
    let n = articles.len() as u32;
    let sz = sizes(bundle, &articles, opts.quality)?;
    print_sizes(bundle, n, &sz, opts.quality);
    let refs: Vec<(u32, &Article)> = articles.iter().map(|(d, a)| (*d, a)).collect();
    let queries = queries(opts, &refs)?;
    let cold = cold(bundle, &queries)?;
    let mut archive = open(bundle)?;
    // Warm means everything loaded: no eviction here.
    archive.doc_budget = usize::MAX;
    let brute = BruteForce::new(articles.iter().map(|(_, a)| a));
    let recall = recall(bundle, &mut archive, &brute, &queries, n)?;
    let mut warm_ms = warm(&archive, &queries);
    print_queries(&queries, &recall, cold, &mut warm_ms);
    if let Some(dir) = &opts.export {
        let summary = serde_json::json!({
            "articles": n,
            "queries": queries.len(),
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
            "warm_p50_ms": percentile(&mut warm_ms.clone(), 0.5),
            "warm_p95_ms": percentile(&mut warm_ms, 0.95),
        });
        export(dir, &articles, &queries, &recall.truths, &summary)?;
        eprintln!(
            "kanbao: wrote queries.json, articles.jsonl and kanbao.json to {}",
            dir.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn print_sizes(bundle: &Path, n: u32, sz: &Sizes, quality: u32) {
    println!(
        "bundle {}: {} articles, {} files",
        bundle.display(),
        n,
        sz.files
    );
    println!(
        "raw text: {} bytes, brotli {} bytes (q{})",
        sz.text, sz.text_brotli, quality
    );
    println!(
        "bundle raw {} bytes, gzip {} (per file), brotli {} (per file) = {:.2}× text brotli",
        sz.raw,
        sz.gzip,
        sz.brotli,
        sz.ratio(sz.brotli)
    );
    println!(
        "bundle brotli as one stream {} = {:.2}× text brotli; index brotli {} (per file) = {:.2}×",
        sz.brotli_one_stream,
        sz.ratio(sz.brotli_one_stream),
        sz.index_brotli,
        sz.ratio(sz.index_brotli)
    );
}

/// The queries of `--queries`, one a line, or a generated set.
fn queries(opts: &Options, refs: &[(u32, &Article)]) -> Result<Vec<BenchQuery>> {
    let queries: Vec<BenchQuery> = match &opts.queries {
        Some(path) => std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read", path.display()))?
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| BenchQuery {
                kind: "file",
                text: l.trim().to_string(),
                target: None,
            })
            .collect(),
        None => generate(refs, opts.count, 0x6b616e62616f),
    };
    if queries.is_empty() {
        bail!("no queries");
    }
    Ok(queries)
}

/// Per query, from a fresh archive: milliseconds, bytes and files loaded
/// before the first page of results; and how many pages had exact counts.
struct Cold {
    ms: Vec<f64>,
    bytes: Vec<f64>,
    files: Vec<f64>,
    exact: usize,
}

fn cold(bundle: &Path, queries: &[BenchQuery]) -> Result<Cold> {
    let mut c = Cold {
        ms: Vec::new(),
        bytes: Vec::new(),
        files: Vec::new(),
        exact: 0,
    };
    for q in queries {
        let mut a = open(bundle)?;
        let mut bytes = 0usize;
        let mut count = 0usize;
        let mut load = loader(bundle);
        let req = SearchRequest {
            query: q.text.clone(),
            limit: 10,
            ..Default::default()
        };
        let t = Instant::now();
        let res = a
            .resolve(
                |f: &str| {
                    let s = load(f)?;
                    bytes += s.len();
                    count += 1;
                    Ok::<_, anyhow::Error>(s)
                },
                |a| a.search(&req),
            )
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        c.exact += usize::from(res.exact);
        c.ms.push(t.elapsed().as_secs_f64() * 1e3);
        c.bytes.push(bytes as f64);
        c.files.push(count as f64);
    }
    Ok(c)
}

/// Substring recall against brute force, and known-item MRR@10.
#[derive(Default)]
struct Recall {
    missed: usize,
    expected: usize,
    extra: usize,
    with_misses: usize,
    per_kind: std::collections::BTreeMap<&'static str, (usize, usize)>,
    mrr_sum: f64,
    known: usize,
    truths: Vec<Vec<u32>>,
}

impl Recall {
    fn mrr(&self) -> f64 {
        if self.known > 0 {
            self.mrr_sum / self.known as f64
        } else {
            0.0
        }
    }
}

fn recall(
    bundle: &Path,
    archive: &mut Archive,
    brute: &BruteForce,
    queries: &[BenchQuery],
    n: u32,
) -> Result<Recall> {
    let mut r = Recall::default();
    for q in queries {
        let truth = brute.matches(&q.text);
        let req = SearchRequest {
            query: q.text.clone(),
            limit: n as usize,
            exhaustive: true,
            ..Default::default()
        };
        let res = archive
            .resolve(loader(bundle), |a| a.search(&req))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut got: Vec<u32> = res.hits.iter().map(|h| h.doc).collect();
        got.sort_unstable();
        let m = truth
            .iter()
            .filter(|d| got.binary_search(d).is_err())
            .count();
        r.missed += m;
        r.with_misses += usize::from(m > 0);
        r.expected += truth.len();
        r.extra += got
            .iter()
            .filter(|d| truth.binary_search(d).is_err())
            .count();
        let e = r.per_kind.entry(q.kind).or_default();
        e.0 += truth.len() - m;
        e.1 += truth.len();
        if let Some(target) = q.target {
            let req = SearchRequest {
                query: q.text.clone(),
                limit: 10,
                sort: Sort::Relevance,
                ..Default::default()
            };
            let res = archive
                .resolve(loader(bundle), |a| a.search(&req))
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            r.known += 1;
            if let Some(rank) = res.hits.iter().position(|h| h.doc == target) {
                r.mrr_sum += 1.0 / (rank + 1) as f64;
            }
        }
        r.truths.push(truth);
    }
    Ok(r)
}

/// Milliseconds per query with everything loaded, first page only.
fn warm(archive: &Archive, queries: &[BenchQuery]) -> Vec<f64> {
    queries
        .iter()
        .map(|q| {
            let req = SearchRequest {
                query: q.text.clone(),
                limit: 10,
                ..Default::default()
            };
            let t = Instant::now();
            let _ = archive.search(&req);
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect()
}

fn print_queries(queries: &[BenchQuery], r: &Recall, mut cold: Cold, warm_ms: &mut [f64]) {
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

/// Writes what `cargo xtask bench` needs to score other engines on the same
/// queries: the queries with their brute-force matches (document numbers),
/// the articles' searchable text by document number, and kanbao's numbers.
fn export(
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

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    for entry in
        std::fs::read_dir(dir).with_context(|| format!("{}: cannot list", dir.display()))?
    {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(root, &path, out)?;
        } else {
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let bytes =
                std::fs::read(&path).with_context(|| format!("{}: cannot read", path.display()))?;
            out.push((name, bytes));
        }
    }
    Ok(())
}

/// Builds `out` from the feed `from` repeated until `articles` articles, each
/// copy's dates shifted by whole years so issues stay distinct and ordered.
pub fn replicate(from: &Path, articles: usize, out: &Path, paper: Option<&str>) -> Result<()> {
    use crate::import::{decode::decode, feed::parse_feed};
    let name = from.display().to_string();
    let bytes = std::fs::read(from).with_context(|| format!("{name}: cannot read"))?;
    let text = decode(&name, &bytes)?;
    let feed = parse_feed(&name, &text.text)?;
    if feed.is_empty() {
        bail!("{name}: no articles");
    }
    let mut all = Vec::with_capacity(articles);
    let mut copy = 0;
    while all.len() < articles {
        for f in &feed {
            if all.len() >= articles {
                break;
            }
            all.push(crate::import::feed::FeedArticle {
                date: f.date.as_deref().map(|d| shift_year(d, copy)),
                article: f.article.clone(),
            });
        }
        copy += 1;
    }
    let issues = crate::build::assemble(Vec::new(), all, paper);
    let stats = crate::build::write_bundle(&issues, out, "kanbao bench")?;
    eprintln!(
        "kanbao: built {} with {} articles, {} bytes",
        out.display(),
        stats.articles,
        stats.bytes
    );
    Ok(())
}

fn shift_year(date: &str, by: i32) -> String {
    match date.get(..4).and_then(|y| y.parse::<i32>().ok()) {
        Some(y) => format!("{:04}{}", y - by, &date[4..]),
        None => date.to_string(),
    }
}
