//! `kanbao package`: a built reader plus a bundle → a folder (or one `.html`
//! file) that opens from a USB stick over file://, from any static host, or on a
//! kiosk, with no tools and no network. Written beside the target and renamed
//! into place, like `kanbao build`, so a failure never leaves half a package.
//!
//! [`package`] checks its inputs (`inputs.rs`) and its `--out` (`refuse.rs`),
//! then writes a folder (`folder.rs`) or one page (`single_file.rs`) into a
//! staging sibling that replaces `--out` whole; `page.rs` is what both put
//! into the reader's `index.html`.

mod folder;
mod inputs;
mod page;
mod refuse;
mod single_file;

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use serde::Serialize;

use crate::atomic::{remove, sibling, swap_into_place};

pub use page::{config_js, script_safe};

/// Above this many bytes `--single-file` refuses without `--force`: a browser
/// parses the whole file before showing anything.
pub const SINGLE_FILE_LIMIT: u64 = 20 * 1024 * 1024;

/// Why a page has no image in a single-file package (its `image_error`):
/// page images are binary files, a few hundred KB each, that a single page of
/// HTML would carry as base64 and parse before showing anything.
pub const SINGLE_FILE_NO_IMAGES: &str = "page images are left out of a single-file package \
     (kanbao package --single-file); the folder package has them";

/// What the reader reads from `config.js` (`window.kanbaoConfig`).
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct ReaderConfig {
    /// Open in kiosk mode (public terminal).
    pub kiosk: bool,
    /// Kiosk: seconds without input before the reader returns home.
    pub idle_seconds: u32,
    /// Where the archive is published, for share links; `None` when it is not.
    pub public_url: Option<String>,
}

impl Default for ReaderConfig {
    fn default() -> Self {
        ReaderConfig {
            kiosk: false,
            idle_seconds: 180,
            public_url: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    pub bundle: PathBuf,
    /// A built reader folder (`cargo xtask dist` → `dist/`).
    pub reader: PathBuf,
    /// The folder to write; with `single_file`, the `.html` file.
    pub out: PathBuf,
    /// Title for the page and the web app; default: the bundle's title.
    pub title: Option<String>,
    pub config: ReaderConfig,
    pub single_file: bool,
    /// Write a single file even above [`SINGLE_FILE_LIMIT`].
    pub force: bool,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct PackageStats {
    pub files: usize,
    pub bytes: u64,
    /// Page images of the bundle a single-file package left out.
    pub page_images_left_out: usize,
}

/// Writes the package described by `opts`, replacing what was at `opts.out`.
pub fn package(opts: &Options) -> Result<PackageStats> {
    let manifest = inputs::read_manifest(&opts.bundle)?;
    let reader_index = opts.reader.join("index.html");
    if !reader_index.is_file() {
        bail!(
            "{}: no index.html here, so not a built reader (build one with `cargo xtask dist`, or pass --reader <dir>)",
            opts.reader.display()
        );
    }
    let html = std::fs::read_to_string(&reader_index)
        .with_context(|| format!("{}: cannot read", reader_index.display()))?;
    if !html.contains("kanbaoGetShard") {
        bail!(
            "{}: not a kanbao reader (no bundle loader in it)",
            reader_index.display()
        );
    }
    refuse::refuse_to_clobber(&opts.out, opts.single_file)?;
    refuse::refuse_out_inside(&opts.out, &opts.reader)?;
    refuse::refuse_out_inside(&opts.out, &opts.bundle)?;
    let files = inputs::bundle_files(&opts.bundle, &manifest)?;
    let title = opts.title.clone().unwrap_or_else(|| manifest.title.clone());
    let html = page::set_title(&html, &title);

    let staging = sibling(&opts.out, "packaging");
    remove(&staging)?;
    let written = if opts.single_file {
        single_file::write_single_file(opts, &html, &files, &staging)
    } else {
        folder::write_folder(opts, &html, &title, &files, &staging)
    };
    let stats = match written {
        Ok(s) => s,
        Err(e) => {
            let _ = remove(&staging);
            return Err(e);
        }
    };
    swap_into_place(&staging, &opts.out)?;
    Ok(stats)
}
