//! A bundle's size on the wire: every file raw, gzipped and brotli'd,
//! against the brotli of the text it holds.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result};
use kanbao_bundle::Article;

/// A bundle's size as a server sends it, against the text it holds.
#[derive(Debug, Clone)]
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
    /// Each file's brotli by its path in the bundle (`docs/0001.js`), to
    /// count what a query loads as a server would send it.
    pub brotli_of: HashMap<String, usize>,
}

impl Sizes {
    /// `bytes` as a multiple of the text's brotli.
    pub fn ratio(&self, bytes: usize) -> f64 {
        bytes as f64 / self.text_brotli.max(1) as f64
    }
}

/// Measures `bundle` file by file (brotli at `quality`, window 4 MB).
pub fn sizes(bundle: &Path, articles: &[(u32, Article)], quality: u32) -> Result<Sizes> {
    let mut files = Vec::new();
    collect_files(bundle, bundle, &mut files)?;
    files.sort();
    let (mut raw, mut gzip, mut brotli, mut index_brotli) = (0, 0, 0, 0);
    let mut all = Vec::new();
    let mut brotli_of = HashMap::new();
    for (name, bytes) in &files {
        raw += bytes.len();
        gzip += gzip_len(bytes);
        let b = brotli_len(bytes, quality);
        brotli += b;
        brotli_of.insert(name.clone(), b);
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
        brotli_of,
    })
}

/// Prints the sizes, and the ratios to the text's brotli.
pub(super) fn print_sizes(bundle: &Path, n: u32, sz: &Sizes, quality: u32) {
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

/// Every file below `dir` as (name relative to `root`, with `/`, bytes).
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
