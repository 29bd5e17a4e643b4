//! The single-file package: the reader's page with its stylesheet,
//! settings and icon inlined, and every bundle file but the page images as a
//! `<script>` of its own.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use kanbao_bundle::html::{attribute, rewrite_link_tags};
use kanbao_bundle::{shard, MANIFEST_FILE};

use super::page::{config_js, script_safe};
use super::{Options, PackageStats, ReaderConfig, SINGLE_FILE_LIMIT, SINGLE_FILE_NO_IMAGES};

/// Writes the single-file package as `out`, refusing above
/// [`SINGLE_FILE_LIMIT`] without `--force`.
pub(super) fn write_single_file(
    opts: &Options,
    html: &str,
    bundle: &[(String, PathBuf)],
    out: &Path,
) -> Result<PackageStats> {
    // Page images stay out (their pages say why); the rest is inlined.
    let bundle: Vec<&(String, PathBuf)> = bundle
        .iter()
        .filter(|(name, _)| !name.starts_with("pages/"))
        .collect();
    let total: u64 = html.len() as u64
        + bundle
            .iter()
            .map(|(_, p)| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
            .sum::<u64>();
    let mut left_out = 0;
    if total > SINGLE_FILE_LIMIT && !opts.force {
        bail!(
            "{}: {:.1} MB is over the {} MB limit for --single-file (a browser reads it all before showing anything); make a folder package instead, or pass --force",
            opts.bundle.display(),
            total as f64 / 1e6,
            SINGLE_FILE_LIMIT / 1024 / 1024
        );
    }
    let mut scripts = String::with_capacity(total as usize);
    for (name, path) in bundle {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        // Only a well-formed bundle file is inlined: its `<` are then all
        // inside JSON strings, where `\u003c` means the same.
        let json = shard::decode(name, &text).with_context(|| format!("{}", path.display()))?;
        serde_json::from_str::<serde::de::IgnoredAny>(json)
            .with_context(|| format!("{}: not JSON inside the loader call", path.display()))?;
        let without;
        let json = if name.as_str() == MANIFEST_FILE {
            let (m, n) = without_page_images(json)
                .with_context(|| format!("{}: not a manifest", path.display()))?;
            left_out = n;
            without = m;
            without.as_str()
        } else {
            json
        };
        scripts.push_str("<script>");
        scripts.push_str(&script_safe(&shard::encode(name, json)));
        scripts.push_str("</script>\n");
    }
    let page = inline_reader(html, &opts.reader, &opts.config)?;
    let page = match page.rfind("</body>") {
        Some(i) => format!("{}{}{}", &page[..i], scripts, &page[i..]),
        None => page + &scripts,
    };
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create", parent.display()))?;
    }
    std::fs::write(out, &page).with_context(|| format!("{}: cannot write", out.display()))?;
    Ok(PackageStats {
        files: 1,
        bytes: page.len() as u64,
        page_images_left_out: left_out,
    })
}

/// The manifest's JSON with every page's `image` replaced by an
/// `image_error` saying that a single file has none, and how many there were.
/// (As JSON values: every other field is kept as it is.)
fn without_page_images(json: &str) -> Result<(String, usize)> {
    let mut m: serde_json::Value = serde_json::from_str(json)?;
    let mut n = 0;
    let issues = m.get_mut("issues").and_then(|i| i.as_array_mut());
    for issue in issues.into_iter().flatten() {
        let pages = issue.get_mut("pages").and_then(|p| p.as_array_mut());
        for page in pages.into_iter().flatten() {
            if let Some(page) = page.as_object_mut() {
                if page.remove("image").is_some() {
                    page.insert("image_error".into(), SINGLE_FILE_NO_IMAGES.into());
                    n += 1;
                }
            }
        }
    }
    Ok((serde_json::to_string(&m)?, n))
}

/// The reader's page with its stylesheet and settings inlined, the icon as a
/// data URL, and links to files a single file does not have dropped.
fn inline_reader(html: &str, reader: &Path, config: &ReaderConfig) -> Result<String> {
    let out = rewrite_link_tags(html, |tag, out| inline_link(tag, reader, out))?;
    let inline = format!("<script>\n{}</script>", config_js(config));
    const TAG: &str = "<script src=\"config.js\"></script>";
    Ok(match out.find(TAG) {
        Some(i) => format!("{}{}{}", &out[..i], inline, &out[i + TAG.len()..]),
        None => match out.find("<script") {
            Some(i) => format!("{}{}\n{}", &out[..i], inline, &out[i..]),
            None => out,
        },
    })
}

/// What stands in a single file for one `<link>` of the reader's page: the
/// local stylesheet inlined, the SVG icon as a data URL, no links to the web
/// manifest or other icons (files it does not have), other links as they are.
fn inline_link(tag: &str, reader: &Path, out: &mut String) -> Result<()> {
    let (rel, href) = (attribute(tag, "rel"), attribute(tag, "href"));
    let local = href.filter(|h| !h.contains(':') && !h.starts_with('/'));
    match (rel, local) {
        (Some("stylesheet"), Some(href)) => {
            let path = reader.join(href.trim_start_matches("./"));
            let css = std::fs::read_to_string(&path)
                .with_context(|| format!("{}: cannot read", path.display()))?;
            if css.to_ascii_lowercase().contains("</style") {
                bail!("{}: contains `</style`, cannot inline", path.display());
            }
            out.push_str("<style>\n");
            out.push_str(&css);
            out.push_str("\n</style>");
        }
        (Some("icon"), Some(href)) if href.ends_with(".svg") => {
            let path = reader.join(href.trim_start_matches("./"));
            if let Ok(svg) = std::fs::read_to_string(&path) {
                out.push_str(&format!(
                    "<link rel=\"icon\" type=\"image/svg+xml\" href=\"data:image/svg+xml,{}\">",
                    kanbao_bundle::percent_encode(&svg, b" =/:")
                ));
            }
        }
        (Some("manifest" | "icon" | "apple-touch-icon"), Some(_)) => {}
        _ => out.push_str(tag),
    }
    Ok(())
}
