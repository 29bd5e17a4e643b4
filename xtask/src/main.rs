//! Project automation: `cargo xtask <command>`. Plain Rust, so it works the
//! same on every machine; it installs what is missing and says what it does.

mod compare;
mod corpus;
mod embed;
mod icons;
mod pages;
mod scale;
mod tools;
mod zh_table;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

const HELP: &str = "\
cargo xtask <command>

  demo          install what is missing, build the sample archive and the reader,
                print the file:// path and serve dist/ on http://127.0.0.1:8080
  dist          the same without serving
  package <bundle> [--out dir] [kanbao package options…]
                build the reader if needed and package <bundle> with it
                (default --out: target/package; see `kanbao package --help`)
  test          fmt, clippy, native tests, wasm tests in headless Chromium, end-to-end tests
  setup         install the tools only (wasm32 target, trunk, wasm-bindgen, wasm-opt, Chromium)
  eval-import   score the importer against ../shared/gold
  bench         benchmarks (search on pd1998, import throughput, reader load time,
                kanbao side by side with Pagefind and MiniSearch); --quick skips the
                100,000-article set, --compare-only runs just the comparison,
                --pages-only just the page images (dev PDF bundle with and
                without them, bytes per image, pages/s)
  corpus --articles N [--seed S] [--from feed.jsonl] --out file.jsonl
                a realistic large corpus for the scale figures: pd1998's sentences
                re-mixed across articles, headlines recombined, dates over 30 years
  embed         (Trunk post_build hook) inline the JS and wasm into index.html
  gen-zh-table  regenerate the Traditional→Simplified search table from OpenCC data
  icons         redraw public/icon.svg and the PNG app icons

Environment: KANBAO_TOOLS_DIR (default: .tools) is where tools are installed.
";

fn main() {
    if let Err(e) = run() {
        eprintln!("xtask: error: {e:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cmd = args.first().map(String::as_str).unwrap_or("help");
    let rest = &args[args.len().min(1)..];
    match cmd {
        "setup" => tools::setup().map(|_| ()),
        "dist" => dist().map(|_| ()),
        "demo" => demo(),
        "test" => test(rest),
        "embed" => embed::run(),
        "icons" => icons::run(),
        "package" => package(rest),
        "eval-import" => eval_import(),
        "bench" => bench(rest),
        "corpus" => corpus::run(rest),
        "gen-zh-table" => zh_table::run(rest),
        "help" | "-h" | "--help" => {
            print!("{HELP}");
            Ok(())
        }
        other => bail!("unknown command `{other}`\n\n{HELP}"),
    }
}

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask has a parent")
        .to_path_buf()
}

pub fn step(msg: &str) {
    eprintln!("\n\x1b[1m==> {msg}\x1b[0m");
}

/// Runs a command in the workspace root, failing with its name if it fails.
pub fn run_cmd(cmd: &mut Command) -> Result<()> {
    cmd.current_dir(root());
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .with_context(|| format!("cannot start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    Ok(())
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// Builds the kanbao CLI and returns its path.
fn build_cli() -> Result<PathBuf> {
    step("building the kanbao CLI");
    run_cmd(cargo().args(["build", "--profile", "cli", "-p", "kanbao"]))?;
    Ok(target_dir()
        .join("cli")
        .join(format!("kanbao{}", std::env::consts::EXE_SUFFIX)))
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// Builds the sample archive (`samples/`) and the reader into `dist/`.
fn dist() -> Result<PathBuf> {
    let env = tools::setup()?;
    let kanbao = build_cli()?;
    let bundle = target_dir().join("sample-bundle");
    step("building the sample archive from samples/");
    run_cmd(
        Command::new(&kanbao)
            .arg("build")
            .arg(root().join("samples"))
            .arg("--out")
            .arg(&bundle)
            .args(["--title", "嘉兴日报·平湖版 样本档案"]),
    )?;
    step("building the reader with Trunk (release)");
    run_cmd(tools::trunk(&env).args(["build", "--release"]))?;
    let dist = root().join("dist");
    step("copying the archive into dist/bundle");
    copy_dir(&bundle, &dist.join("bundle"))?;
    let index = dist.join("index.html");
    let url = file_url(&index);
    eprintln!("\nReader built. Open it from disk, no server needed:\n  {url}\n");
    Ok(dist)
}

/// `file://` URL of a path, percent-encoding what a URL cannot hold.
pub fn file_url(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::from("file://");
    for b in abs.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    if to.exists() {
        std::fs::remove_dir_all(to).with_context(|| format!("cannot clear {}", to.display()))?;
    }
    std::fs::create_dir_all(to)?;
    for entry in
        std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))?
    {
        let entry = entry?;
        let dest = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &dest)?;
        } else {
            std::fs::copy(entry.path(), &dest)
                .with_context(|| format!("cannot copy to {}", dest.display()))?;
        }
    }
    Ok(())
}

/// Builds the reader into `dist/` unless it is newer than every reader source.
fn reader() -> Result<PathBuf> {
    let dist = root().join("dist");
    let built = std::fs::metadata(dist.join("index.html")).and_then(|m| m.modified());
    let stale = match built {
        Ok(t) => [
            "index.html",
            "style.css",
            "Trunk.toml",
            "Cargo.toml",
            "src",
            "public",
            "crates/bundle/src",
        ]
        .iter()
        .any(|p| newer_than(&root().join(p), t)),
        Err(_) => true,
    };
    if stale {
        let env = tools::setup()?;
        step("building the reader with Trunk (release)");
        run_cmd(tools::trunk(&env).args(["build", "--release"]))?;
    }
    Ok(dist)
}

/// Whether `path`, or anything under it, was modified after `t`.
fn newer_than(path: &Path, t: std::time::SystemTime) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if meta.is_dir() {
        std::fs::read_dir(path)
            .map(|rd| rd.flatten().any(|e| newer_than(&e.path(), t)))
            .unwrap_or(false)
    } else {
        meta.modified().is_ok_and(|m| m > t)
    }
}

/// `cargo xtask package <bundle> [--out dir] [options]`: `kanbao package` with
/// the reader built here.
fn package(args: &[String]) -> Result<()> {
    if args.first().is_none_or(|a| a.starts_with('-')) {
        bail!("usage: cargo xtask package <bundle> [--out dir] [kanbao package options…]");
    }
    let dist = reader()?;
    let kanbao = build_cli()?;
    let mut cmd = Command::new(kanbao);
    cmd.arg("package").args(args).arg("--reader").arg(&dist);
    if !args
        .iter()
        .any(|a| a == "--out" || a == "-o" || a.starts_with("--out="))
    {
        cmd.arg("--out").arg(target_dir().join("package"));
    }
    run_cmd(&mut cmd)
}

fn demo() -> Result<()> {
    let dist = dist()?;
    let kanbao = target_dir()
        .join("cli")
        .join(format!("kanbao{}", std::env::consts::EXE_SUFFIX));
    step("serving dist/ on http://127.0.0.1:8080 (Ctrl+C to stop)");
    eprintln!(
        "Open http://127.0.0.1:8080/ or, with no server, {}",
        file_url(&dist.join("index.html"))
    );
    run_cmd(
        Command::new(kanbao)
            .arg("serve")
            .arg(&dist)
            .args(["--addr", "127.0.0.1:8080"]),
    )
}

fn test(args: &[String]) -> Result<()> {
    let env = tools::setup()?;
    let only = |name: &str| args.is_empty() || args.iter().any(|a| a == name);
    if only("fmt") {
        step("cargo fmt --check");
        run_cmd(cargo().args(["fmt", "--all", "--", "--check"]))?;
    }
    if only("clippy") {
        step("cargo clippy (native, warnings denied)");
        run_cmd(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        step("cargo clippy (reader, wasm32, warnings denied)");
        run_cmd(cargo().args([
            "clippy",
            "-p",
            "kanbao-reader",
            "-p",
            "kanbao-bundle",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]))?;
    }
    if only("native") {
        step("native tests");
        run_cmd(cargo().args(["test", "--workspace", "--exclude", "kanbao-e2e"]))?;
    }
    if only("wasm") {
        step("wasm tests in headless Chromium");
        // Only the browser suites: the native tests use proptest, which has no
        // randomness source on wasm32-unknown-unknown.
        for args in [
            ["-p", "kanbao-bundle", "--test", "wasm"],
            ["-p", "kanbao-reader", "--bins", ""],
        ] {
            let mut cmd = cargo();
            cmd.args(["test", "--target", "wasm32-unknown-unknown"])
                .args(args.iter().filter(|a| !a.is_empty()));
            tools::wasm_test_env(&env, &mut cmd);
            run_cmd(&mut cmd)?;
        }
    }
    if only("e2e") {
        let dist = dist()?;
        step("end-to-end tests in headless Chromium (file:// and http)");
        let mut cmd = cargo();
        // A large real archive for the packaging test, when the corpus is there.
        let corpus = root().join("../shared/corpus/pd1998/articles.jsonl");
        if corpus.is_file() {
            let pd = target_dir().join("e2e-pd1998");
            run_cmd(&mut build_pd1998(&build_cli()?, &corpus, &pd))?;
            cmd.env("KANBAO_PD1998_BUNDLE", &pd);
        }
        cmd.args(["test", "-p", "kanbao-e2e", "--", "--test-threads", "2"]);
        cmd.env("KANBAO_DIST", &dist)
            .env("KANBAO_CHROME", &env.chrome)
            .env("KANBAO_CHROMEDRIVER", &env.chromedriver)
            .env("KANBAO_AXE", &env.axe);
        run_cmd(&mut cmd)?;
    }
    eprintln!("\nxtask test: all checks passed");
    Ok(())
}

/// Scores the importer on the seeds (`../shared/gold`) and on each extractor
/// of `../shared/pages-dev` and on its PDFs, and prints one table: a row per
/// extractor, the mean over the classic extractors' pages, the PDFs and the
/// seeds.
fn eval_import() -> Result<()> {
    let shared = root().join("../shared");
    let sets = [
        ("seeds", shared.join("gold"), root().join("samples")),
        (
            "",
            shared.join("pages-dev/gold"),
            shared.join("pages-dev/pages"),
        ),
        (
            "pdf",
            shared.join("pages-dev/gold-pdf"),
            shared.join("pages-dev/pdf"),
        ),
    ];
    for (_, gold, _) in &sets {
        if !gold.is_dir() {
            bail!(
                "{}: gold annotations not found (they sit beside the repo in ../shared)",
                gold.display()
            );
        }
    }
    run_cmd(cargo().args(["build", "--quiet", "--profile", "cli", "-p", "kanbao"]))?;
    let kanbao = target_dir()
        .join("cli")
        .join(format!("kanbao{}", std::env::consts::EXE_SUFFIX));
    let cols = [
        ("P", "precision"),
        ("R", "recall"),
        ("F1", "f1"),
        ("head=", "headline_exact"),
        ("k/sub", "kicker_sub_exact"),
        ("roles", "byline_roles"),
        ("body", "body_bounds"),
        ("issue", "issue_fields"),
    ];
    let mut header = format!("{:<22} {:>5} {:>6} {:>6}", "set", "pages", "gold", "pred");
    for (h, _) in cols {
        header.push_str(&format!(" {h:>6}"));
    }
    println!("{header}");
    let mut failed = false;
    for (label, gold, pages) in &sets {
        let out = Command::new(&kanbao)
            .arg("eval")
            .arg("--json")
            .arg(gold)
            .arg(pages)
            .current_dir(root())
            .output()
            .with_context(|| format!("cannot start {}", kanbao.display()))?;
        if !out.status.success() {
            // One set that cannot be read does not hide the others' figures.
            println!(
                "{:<22} error: {}",
                if label.is_empty() { "pages-dev" } else { label },
                String::from_utf8_lossy(&out.stderr).trim()
            );
            failed = true;
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_slice(&out.stdout).context("kanbao eval --json: not JSON")?;
        let rows: Vec<&serde_json::Value> = if label.is_empty() {
            v["sets"].as_array().into_iter().flatten().collect()
        } else {
            vec![&v["overall"]]
        };
        for r in rows {
            let name = if label.is_empty() {
                r["set"].as_str().unwrap_or("?")
            } else {
                label
            };
            let m = &r["metrics"];
            let f = |k: &str| m[k].as_f64().unwrap_or(f64::NAN);
            let mut line = format!(
                "{:<22} {:>5} {:>6.1} {:>6.1}",
                name,
                r["pages"].as_u64().unwrap_or(0),
                f("gold_articles"),
                f("pred_articles")
            );
            for (_, k) in cols {
                line.push_str(&format!(" {:>6.3}", f(k)));
            }
            println!("{line}");
        }
    }
    if failed {
        bail!("eval-import: a set could not be scored (above)");
    }
    Ok(())
}

/// Benchmarks that print numbers: import throughput; pd1998 and a 100,000-
/// article set built from it (build time, sizes, native latency, recall); the
/// reader in headless Chromium (size, time to interactive, query latency,
/// memory); kanbao side by side with Pagefind and MiniSearch on the same
/// queries. `--quick` skips the 100,000-article set; `--compare-only` runs just
/// the pd1998 build, its bench and the comparison.
fn bench(args: &[String]) -> Result<()> {
    let quick = args.iter().any(|a| a == "--quick");
    let compare_only = args.iter().any(|a| a == "--compare-only");
    let pages_only = args.iter().any(|a| a == "--pages-only");
    if let Some(a) = args
        .iter()
        .find(|a| !["--quick", "--compare-only", "--pages-only"].contains(&a.as_str()))
    {
        bail!("bench: unknown option `{a}` (--quick, --compare-only, --pages-only)");
    }
    if pages_only {
        let kanbao = build_cli()?;
        let out = target_dir().join("bench");
        std::fs::create_dir_all(&out)?;
        step("page images (the dev PDFs with and without them)");
        return pages::bench(&kanbao, &out);
    }
    let env = tools::setup()?;
    let kanbao = build_cli()?;
    let corpus = root().join("../shared/corpus/pd1998/articles.jsonl");
    if !corpus.is_file() {
        bail!("{}: benchmark corpus not found", corpus.display());
    }
    let out = target_dir().join("bench");
    std::fs::create_dir_all(&out)?;

    if !compare_only {
        bench_native(&kanbao, &out)?;
    }
    let pd = out.join("pd1998");
    let export = bench_pd1998(&env, &kanbao, &corpus, &pd, &out)?;
    if compare_only {
        return Ok(());
    }
    let large = out.join("realistic100k");
    if !quick {
        scale::bench_100k(&kanbao, &corpus, &out, &large)?;
    }
    let reader_queries = write_reader_queries(&export, &out)?;
    bench_reader(&env, &[("pd1998", &pd), ("100k", &large)], &reader_queries)
}

/// The CLI's own benchmarks: import throughput, the dev PDFs (import and page
/// images) when they are there, and `kanbao serve` under load when `dist/` is
/// built.
fn bench_native(kanbao: &Path, out: &Path) -> Result<()> {
    step("import throughput (samples repeated to 100 MB, one core)");
    run_cmd(Command::new(kanbao).args(["bench-import", "--mb", "100"]))?;
    let dev_pdf = root().join("../shared/pages-dev/pdf");
    if dev_pdf.is_dir() {
        step("PDF import (the dev PDFs: read, laid out into articles; one core)");
        run_cmd(Command::new(kanbao).arg("bench-import").arg(&dev_pdf))?;
        step("page images (the dev PDFs with and without them)");
        pages::bench(kanbao, out)?;
    }
    let dist = root().join("dist");
    if dist.join("index.html").is_file() {
        step("kanbao serve under load (dist/ on loopback: 200 clients, 20,000 requests)");
        run_cmd(Command::new(kanbao).arg("bench-serve").arg(&dist))?;
    }
    Ok(())
}

/// pd1998 built into `pd` (best of [`compare::BUILD_RUNS`]), `kanbao bench`
/// of it (sizes, native latency, recall, MRR) exported for the comparison,
/// and the comparison with the other engines; the export's folder.
fn bench_pd1998(
    env: &tools::ToolEnv,
    kanbao: &Path,
    corpus: &Path,
    pd: &Path,
    out: &Path,
) -> Result<PathBuf> {
    step("pd1998: build");
    let built =
        compare::measure_best(compare::BUILD_RUNS, || Ok(build_pd1998(kanbao, corpus, pd)))?;
    eprintln!(
        "pd1998 build: {:.2} s wall (best of {} runs), peak memory {}",
        built.secs,
        compare::BUILD_RUNS,
        built
            .peak_bytes
            .map(|b| format!("{:.0} MB", b as f64 / 1e6))
            .unwrap_or_else(|| "n/a".into())
    );
    step("pd1998: sizes, native latency, recall, MRR");
    let export = compare::dir(out);
    run_cmd(
        Command::new(kanbao)
            .arg("bench")
            .arg(pd)
            .arg("--export")
            .arg(&export),
    )?;
    compare::run(env, &export, Some(built))?;
    Ok(export)
}

/// A sample of the generated queries (every 10th: all kinds) for the
/// reader benchmark, after its ten common words: written to
/// `out/reader-queries.txt`, whose path it returns.
fn write_reader_queries(export: &Path, out: &Path) -> Result<PathBuf> {
    let reader_queries = out.join("reader-queries.txt");
    let generated: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(export.join("queries.json")).context("queries.json")?,
    )?;
    let sample: Vec<&str> = generated
        .as_array()
        .map(|a| {
            a.iter()
                .step_by(10)
                .filter_map(|q| q["text"].as_str())
                .collect()
        })
        .unwrap_or_default();
    std::fs::write(&reader_queries, sample.join("\n"))?;
    Ok(reader_queries)
}

/// The reader in headless Chromium (the e2e `bench_` tests, release) with each
/// of `bundles` that was built (name, folder).
fn bench_reader(
    env: &tools::ToolEnv,
    bundles: &[(&str, &Path)],
    reader_queries: &Path,
) -> Result<()> {
    let dist = dist()?;
    for &(name, bundle) in bundles {
        if !bundle.join("manifest.js").is_file() {
            continue;
        }
        step(&format!(
            "reader in headless Chromium: sample archive and {name}"
        ));
        let mut cmd = cargo();
        cmd.args([
            "test",
            "--release",
            "-p",
            "kanbao-e2e",
            "bench_",
            "--",
            "--ignored",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env("KANBAO_DIST", &dist)
        .env("KANBAO_CHROME", &env.chrome)
        .env("KANBAO_CHROMEDRIVER", &env.chromedriver)
        .env("KANBAO_BENCH_BUNDLE", bundle)
        .env("KANBAO_BENCH_QUERIES", reader_queries)
        .env("KANBAO_BENCH_NAME", name);
        run_cmd(&mut cmd)?;
    }
    Ok(())
}

/// `kanbao build` of the pd1998 feed into `out`.
fn build_pd1998(kanbao: &Path, corpus: &Path, out: &Path) -> Command {
    let mut cmd = Command::new(kanbao);
    cmd.arg("build")
        .arg(corpus)
        .arg("--out")
        .arg(out)
        .args(["--paper", "人民日报", "--quiet"]);
    cmd
}
