//! The folder package: the reader's files, its page and settings, the
//! bundle under `bundle/`, and the web app manifest named for the archive.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::inputs::walk;
use super::page::config_js;
use super::{Options, PackageStats};

/// Writes the folder package into `dir`: the reader's files but its sample
/// bundle, `config.js` and `index.html`, which are the package's own.
pub(super) fn write_folder(
    opts: &Options,
    html: &str,
    title: &str,
    bundle: &[(String, PathBuf)],
    dir: &Path,
) -> Result<PackageStats> {
    let mut stats = PackageStats::default();
    let mut reader = Vec::new();
    walk(&opts.reader, "", &mut reader)?;
    for (name, path) in reader {
        // The reader's own bundle (dist/ has the sample) and settings are replaced.
        if name.starts_with("bundle/") || name == "config.js" || name == "index.html" {
            continue;
        }
        if name == "manifest.webmanifest" {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("{}: cannot read", path.display()))?;
            put(
                dir,
                &name,
                web_manifest(&text, title)?.as_bytes(),
                &mut stats,
            )?;
        } else {
            copy(&path, dir, &name, &mut stats)?;
        }
    }
    put(dir, "index.html", html.as_bytes(), &mut stats)?;
    put(
        dir,
        "config.js",
        config_js(&opts.config).as_bytes(),
        &mut stats,
    )?;
    for (name, path) in bundle {
        copy(path, dir, &format!("bundle/{name}"), &mut stats)?;
    }
    Ok(stats)
}

/// Writes `bytes` as `dir/name`, counting it.
fn put(dir: &Path, name: &str, bytes: &[u8], stats: &mut PackageStats) -> Result<()> {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create", parent.display()))?;
    }
    std::fs::write(&path, bytes).with_context(|| format!("{}: cannot write", path.display()))?;
    stats.files += 1;
    stats.bytes += bytes.len() as u64;
    Ok(())
}

/// Copies `from` to `dir/name`, counting it.
fn copy(from: &Path, dir: &Path, name: &str, stats: &mut PackageStats) -> Result<()> {
    let bytes = std::fs::read(from).with_context(|| format!("{}: cannot read", from.display()))?;
    put(dir, name, &bytes, stats)
}

/// The web app manifest with the archive's name.
fn web_manifest(text: &str, title: &str) -> Result<String> {
    let mut v: serde_json::Value =
        serde_json::from_str(text).context("manifest.webmanifest: not JSON")?;
    if let Some(obj) = v.as_object_mut() {
        obj.insert("name".into(), format!("看报 · {title}").into());
    }
    Ok(serde_json::to_string_pretty(&v)? + "\n")
}
