//! A bundle folder on disk, read as the reader reads one over the network:
//! the manifest opened, then each file loaded when a request needs it.
//! Shared by `kanbao search`, `kanbao bench` and the tests.

use std::path::Path;

use anyhow::{Context, Result};
use kanbao_bundle::{Archive, MANIFEST_FILE};

/// Opens a bundle folder.
pub fn open(bundle: &Path) -> Result<Archive> {
    let manifest = bundle.join(MANIFEST_FILE);
    let text = std::fs::read_to_string(&manifest).with_context(|| {
        format!(
            "{}: cannot read (is this a kanbao bundle folder?)",
            manifest.display()
        )
    })?;
    Archive::open(&text).with_context(|| format!("{}: cannot open", bundle.display()))
}

/// Loads one bundle file's text.
pub fn loader(bundle: &Path) -> impl FnMut(&str) -> Result<String> + '_ {
    move |file: &str| {
        let path = bundle.join(file);
        std::fs::read_to_string(&path).with_context(|| {
            format!(
                "{}: cannot read, the bundle is incomplete (rebuild it)",
                path.display()
            )
        })
    }
}
