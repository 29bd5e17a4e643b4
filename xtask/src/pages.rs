//! Page images in numbers (`cargo xtask bench`, or `--pages-only`): the dev
//! PDFs built with and without them, the bytes of each image against the
//! budget, and how fast pages render.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::root;

/// The budget of one A3 page image (issue 16).
const BUDGET: u64 = 250 * 1024;

/// Bytes of every file below `dir`.
fn dir_bytes(dir: &Path) -> Result<u64> {
    let mut total = 0;
    for e in std::fs::read_dir(dir).with_context(|| format!("{}", dir.display()))? {
        let e = e?;
        total += if e.file_type()?.is_dir() {
            dir_bytes(&e.path())?
        } else {
            e.metadata()?.len()
        };
    }
    Ok(total)
}

/// Runs `kanbao build` and returns what it printed on stderr.
fn build(kanbao: &Path, input: &Path, out: &Path, extra: &[&str]) -> Result<String> {
    let o = Command::new(kanbao)
        .current_dir(root())
        .arg("build")
        .arg(input)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .context("cannot run kanbao build")?;
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    if !o.status.success() {
        bail!("kanbao build {} failed:\n{err}", input.display());
    }
    Ok(err)
}

/// Builds the dev PDFs into `out/devpdf` (with images) and
/// `out/devpdf-text` (`--no-page-images`) and prints the figures.
pub fn bench(kanbao: &Path, out: &Path) -> Result<()> {
    let dev = root().join("../shared/pages-dev/pdf");
    if !dev.is_dir() {
        eprintln!("page images: skipped, {} not found", dev.display());
        return Ok(());
    }
    let with = out.join("devpdf");
    let without = out.join("devpdf-text");
    let log = build(kanbao, &dev, &with, &[])?;
    build(kanbao, &dev, &without, &["--no-page-images", "--quiet"])?;
    // The build's own timing: render and encode time summed over pages.
    let per_core = log
        .lines()
        .find_map(|l| {
            let (_, rest) = l.split_once("rendered at ")?;
            rest.split_whitespace().next()?.parse::<f64>().ok()
        })
        .context("the build printed no render speed")?;
    let mut images: Vec<u64> = std::fs::read_dir(with.join("pages"))?
        .map(|e| Ok(e?.metadata()?.len()))
        .collect::<Result<_>>()?;
    images.sort_unstable();
    let n = images.len().max(1) as u64;
    let sum: u64 = images.iter().sum();
    let (a, b) = (dir_bytes(&with)?, dir_bytes(&without)?);
    let kb = |b: u64| b as f64 / 1024.0;
    println!(
        "dev PDFs ({} pages): bundle {:.0} KB with page images, {:.0} KB without (--no-page-images)",
        images.len(),
        kb(a),
        kb(b)
    );
    println!(
        "page images: {:.0} KB per page on average, smallest {:.0} KB, largest {:.0} KB (budget {:.0} KB); {:.1} MB per 10 pages",
        kb(sum / n),
        kb(images.first().copied().unwrap_or(0)),
        kb(images.last().copied().unwrap_or(0)),
        kb(BUDGET),
        sum as f64 / n as f64 * 10.0 / 1e6
    );
    println!("render: {per_core:.1} pages/s per core (render and encode, target 2)");
    if images.last().is_some_and(|&m| m > BUDGET) {
        eprintln!("page images: over the budget");
    }
    Ok(())
}
