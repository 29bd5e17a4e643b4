//! What a package is made of: the bundle's files, checked against its
//! manifest, and the files of a folder (the bundle's, the reader's).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use kanbao_bundle::{Archive, Manifest, MANIFEST_FILE};

/// Reads and checks `bundle/manifest.js`.
pub(super) fn read_manifest(bundle: &Path) -> Result<Manifest> {
    let path = bundle.join(MANIFEST_FILE);
    if !path.is_file() {
        bail!(
            "{}: no {MANIFEST_FILE} here, so not a kanbao bundle (make one with `kanbao build`)",
            bundle.display()
        );
    }
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let archive = Archive::open(&text).with_context(|| format!("{}", path.display()))?;
    Ok(archive.manifest)
}

/// Every file of the bundle as (name inside the bundle, path), manifest first,
/// after checking that each file the manifest lists is there.
pub(super) fn bundle_files(bundle: &Path, manifest: &Manifest) -> Result<Vec<(String, PathBuf)>> {
    let mut files = Vec::new();
    walk(bundle, "", &mut files)?;
    files.sort();
    let listed = manifest
        .doc_shards
        .iter()
        .map(|s| &s.file)
        .chain(manifest.index.shards.iter().map(|s| &s.file))
        .chain(manifest.index.doc_info.iter().map(|s| &s.file))
        .chain(
            manifest
                .issues
                .iter()
                .flat_map(|i| &i.issue.pages)
                .filter_map(|p| p.image.as_ref().map(|img| &img.file)),
        );
    for name in listed {
        if !files.iter().any(|(n, _)| n == name) {
            bail!(
                "{}: listed in {MANIFEST_FILE} but missing; rebuild the bundle with `kanbao build`",
                bundle.join(name).display()
            );
        }
    }
    let i = files
        .iter()
        .position(|(n, _)| n == MANIFEST_FILE)
        .expect("manifest checked");
    let m = files.remove(i);
    files.insert(0, m);
    Ok(files)
}

/// Files under `dir` (hidden ones skipped), named with `/` whatever the OS.
pub(super) fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, PathBuf)>) -> Result<()> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("{}: cannot read", dir.display()))?;
    for e in entries {
        let e = e.with_context(|| format!("{}: cannot read", dir.display()))?;
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let rel = format!("{prefix}{name}");
        if e.file_type()?.is_dir() {
            walk(&e.path(), &format!("{rel}/"), out)?;
        } else {
            out.push((rel, e.path()));
        }
    }
    Ok(())
}
