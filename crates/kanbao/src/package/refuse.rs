//! What `--out` may not be: a folder of something else (it is replaced
//! whole), a folder where a single file is meant, or a place inside the
//! reader or the bundle being packaged.

use std::path::Path;

use anyhow::{bail, Result};
use kanbao_bundle::MANIFEST_FILE;

/// `--out` is replaced whole: never a folder of something else (a USB stick's
/// root, a home folder), never a folder where a single file is meant.
pub(super) fn refuse_to_clobber(out: &Path, single_file: bool) -> Result<()> {
    let Ok(meta) = std::fs::metadata(out) else {
        return Ok(());
    };
    if single_file {
        if meta.is_dir() {
            bail!(
                "{}: is a folder; with --single-file, --out names the .html file to write",
                out.display()
            );
        }
        return Ok(());
    }
    if !meta.is_dir() {
        bail!("{}: exists and is not a folder", out.display());
    }
    let empty = std::fs::read_dir(out)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    let package =
        out.join("index.html").is_file() && out.join("bundle").join(MANIFEST_FILE).is_file();
    if !empty && !package {
        bail!(
            "{}: exists and is not a kanbao package, and --out is replaced whole; choose a new or empty folder",
            out.display()
        );
    }
    Ok(())
}

/// `--out` inside `dir` (the reader or the bundle) would package itself.
pub(super) fn refuse_out_inside(out: &Path, dir: &Path) -> Result<()> {
    let (Ok(out_abs), Ok(dir_abs)) = (std::path::absolute(out), std::fs::canonicalize(dir)) else {
        return Ok(());
    };
    let out_abs = match (out_abs.parent(), out_abs.file_name()) {
        (Some(p), Some(n)) => std::fs::canonicalize(p)
            .map(|p| p.join(n))
            .unwrap_or(out_abs),
        _ => out_abs,
    };
    if out_abs.starts_with(&dir_abs) {
        bail!(
            "{}: the package cannot be written inside {}; choose another --out",
            out.display(),
            dir.display()
        );
    }
    Ok(())
}
