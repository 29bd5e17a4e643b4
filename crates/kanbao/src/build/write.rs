//! Writing a bundle folder: every file is a `kanbaoLoad(...)` shard. The folder
//! is written beside the target and renamed into place, so a failed build never
//! leaves a partial bundle that looks whole.

use std::path::Path;

use anyhow::{Context, Result};
use std::collections::HashMap;

use kanbao_bundle::codec::fnv1a64;
use kanbao_bundle::search::BuildPass;
use kanbao_bundle::{
    search, shard, Article, CharMap, DocShard, DocShardEntry, IssueEntry, Manifest, FORMAT_VERSION,
    MANIFEST_FILE,
};
use rayon::prelude::*;

use super::assemble::AssembledIssue;
use super::page_images::PageImages;
use crate::atomic::{sibling, swap_into_place};
use crate::progress::Progress;

/// Target size of a document shard's JSON, in bytes. A search loads the shards
/// of the hits it shows: on pd1998, 96 KB shards meant 1.1 MB loaded before the
/// first results (p50), 32 KB shards 0.51 MB, 16 KB 0.36 MB; per-file brotli of
/// the whole bundle grew from 1.89× to 1.97× and 2.04× of the text. 32 KB.
pub const DOC_SHARD_BYTES: usize = 32 * 1024;

/// The same in an archive of `LARGE_ARCHIVE_DOCS` documents or more, where
/// a search reads one article of each hit's shard and checks candidates
/// shard by shard: at 100,000 articles 16 KB took the bytes before the
/// first results from p50 239 / p95 3,840 KB to 176 / 2,180 KB, and the
/// bundle from 1.48 to 1.52× the text's brotli (docs/benchmarks.md).
pub const LARGE_DOC_SHARD_BYTES: usize = 16 * 1024;

/// Target size of a document shard's JSON in an archive of `docs` documents.
pub(crate) fn doc_shard_bytes(docs: usize) -> usize {
    if docs >= kanbao_bundle::index::LARGE_ARCHIVE_DOCS {
        LARGE_DOC_SHARD_BYTES
    } else {
        DOC_SHARD_BYTES
    }
}

#[derive(Debug, Default, Clone)]
pub struct BuildStats {
    pub issues: usize,
    pub articles: usize,
    pub files: usize,
    pub bytes: u64,
    /// Page images among the files, and their bytes.
    pub page_images: usize,
    pub page_image_bytes: u64,
}

impl BuildStats {
    /// Counts a file of `bytes` written into the bundle.
    pub(crate) fn wrote(&mut self, bytes: u64) {
        self.files += 1;
        self.bytes += bytes;
    }
}

/// Writes the bundle for `issues` into `out`, replacing what was there.
/// Pages keep no image (see [`write_bundle_with`]).
pub fn write_bundle(issues: &[AssembledIssue], out: &Path, title: &str) -> Result<BuildStats> {
    write_bundle_with(issues, out, title, None, &Progress::hidden())
}

/// [`write_bundle`], with the page images rendered into `images` (pages whose
/// `image` names one of its files) moved into the bundle's `pages/`, and
/// its stages shown on `progress`.
pub fn write_bundle_with(
    issues: &[AssembledIssue],
    out: &Path,
    title: &str,
    images: Option<&PageImages>,
    progress: &Progress,
) -> Result<BuildStats> {
    let staging = sibling(out, "building");
    if staging.exists() {
        std::fs::remove_dir_all(&staging)
            .with_context(|| format!("{}: cannot clear", staging.display()))?;
    }
    let result = write_into(issues, &staging, title, images, progress);
    let stats = match result {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    swap_into_place(&staging, out)?;
    Ok(stats)
}

/// A file written: its size and content hash ([`fnv1a64`]).
pub(crate) struct Written {
    pub bytes: u64,
    pub hash: u64,
}

/// Writes `file` of the bundle in `dir` as a shard of `json` (counted by
/// the caller: files are written on all cores).
pub(crate) fn write_file(dir: &Path, file: &str, json: &str) -> Result<Written> {
    let path = dir.join(file);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create", parent.display()))?;
    }
    let text = shard::encode(file, json);
    std::fs::write(&path, &text).with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(Written {
        bytes: text.len() as u64,
        hash: fnv1a64(text.as_bytes()),
    })
}

fn write_into(
    issues: &[AssembledIssue],
    dir: &Path,
    title: &str,
    images: Option<&PageImages>,
    progress: &Progress,
) -> Result<BuildStats> {
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let mut stats = BuildStats {
        issues: issues.len(),
        ..Default::default()
    };
    let all: Vec<&Article> = issues.iter().flat_map(|i| i.articles.iter()).collect();
    stats.articles = all.len();

    // Related articles and jieba's default dictionary (loading it is a
    // quarter second) on two cores at once.
    progress.stage("相关文章 related articles", all.len());
    let (related, dict) = rayon::join(|| super::related::related(&all, 4), jieba_rs::Jieba::new);
    let stored = |i: usize| stored_article(all[i], related[i].iter().map(|&j| j as u32).collect());

    // The index first: the character table ranks the characters of every
    // file, document shards and index alike.
    let pass = std::sync::Mutex::new(None);
    let report = |p: BuildPass, done: usize| {
        let mut at = pass.lock().expect("not poisoned");
        if *at != Some(p) {
            *at = Some(p);
            progress.stage(
                match p {
                    BuildPass::Vocabulary => "索引·词表 index: vocabulary",
                    BuildPass::Postings => "索引·分词 index: postings",
                },
                all.len(),
            );
        }
        progress.set(done);
    };
    let built = search::build_index_reporting(&all, &dict, Some(&readings), &report);
    progress.stage("字符 ranking characters", all.len());
    let (mut counts, sizes) = char_counts(all.len(), &stored, progress)?;
    add_counts(&mut counts, file_char_counts(&built.shards));
    let chars = CharMap::ranked(&counts);
    let map = CharMap::new(&chars);
    progress.stage("写入 writing", all.len());

    let shard_bytes = doc_shard_bytes(all.len());
    let doc_shards = write_doc_shards(dir, (0, 0), &sizes, shard_bytes, &stored, &map, &mut stats)?;
    progress.set(all.len());

    // The index's files, and its id: a hash of their hashes, the version
    // in their URLs.
    let mut index = built.meta;
    let mut hashes = Vec::new();
    let written = write_encoded(dir, &built.shards, &map, &mut stats)?;
    for ((file, _), w) in built.shards.iter().zip(&written) {
        hashes.extend_from_slice(&w.hash.to_le_bytes());
        if let Some(e) = index.shards.iter_mut().find(|e| &e.file == file) {
            e.bytes = w.bytes;
        }
    }
    index.id = format!("{:012x}", fnv1a64(&hashes) >> 16);

    let entries = issue_entries(issues, 0, dir, images, &mut stats)?;
    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        generator: format!("kanbao {}", env!("CARGO_PKG_VERSION")),
        title: title.to_string(),
        article_count: all.len() as u32,
        issues: entries,
        doc_shards,
        index,
        segments: Vec::new(),
        chars,
    };
    let w = write_file(dir, MANIFEST_FILE, &serde_json::to_string(&manifest)?)?;
    stats.wrote(w.bytes);
    Ok(stats)
}

/// The characters of `n` stored articles, counted on all cores, and each
/// one's JSON length.
pub(crate) fn char_counts(
    n: usize,
    stored: &(dyn Fn(usize) -> Article + Sync),
    progress: &Progress,
) -> Result<(HashMap<char, u64>, Vec<usize>)> {
    let parts: Vec<(HashMap<char, u64>, Vec<usize>)> = (0..n)
        .collect::<Vec<usize>>()
        .par_chunks(1024)
        .map(|docs| {
            let mut counts = HashMap::new();
            let mut sizes = Vec::with_capacity(docs.len());
            for &i in docs {
                let json = serde_json::to_string(&stored(i))?;
                CharMap::count(&mut counts, &json);
                sizes.push(json.len() + 1);
            }
            progress.inc(docs.len());
            Ok((counts, sizes))
        })
        .collect::<Result<_>>()?;
    let mut counts = HashMap::new();
    let mut sizes = Vec::with_capacity(n);
    for (c, s) in parts {
        add_counts(&mut counts, c);
        sizes.extend(s);
    }
    Ok((counts, sizes))
}

/// Adds the character counts `more` to `counts`.
pub(crate) fn add_counts(counts: &mut HashMap<char, u64>, more: HashMap<char, u64>) {
    for (ch, k) in more {
        *counts.entry(ch).or_default() += k;
    }
}

/// The characters of `files` (name, JSON), counted on all cores.
pub(crate) fn file_char_counts(files: &[(String, String)]) -> HashMap<char, u64> {
    files
        .par_iter()
        .fold(HashMap::new, |mut counts, (_, json)| {
            CharMap::count(&mut counts, json);
            counts
        })
        .reduce(HashMap::new, |mut a, b| {
            add_counts(&mut a, b);
            a
        })
}

/// Writes `files` (name, JSON) encoded by `map`, on all cores: at 100,000
/// articles the index alone is some 7,000 files, and written one by one
/// they were a quarter of the build. Their sizes and hashes, in order.
pub(crate) fn write_encoded(
    dir: &Path,
    files: &[(String, String)],
    map: &CharMap,
    stats: &mut BuildStats,
) -> Result<Vec<Written>> {
    let written: Vec<Written> = files
        .par_iter()
        .map(|(file, json)| write_file(dir, file, &map.encode(json)))
        .collect::<Result<_>>()?;
    for w in &written {
        stats.wrote(w.bytes);
    }
    Ok(written)
}

/// An article as stored: its related documents, and its source file's name
/// alone (the build machine's folders are not the reader's business).
pub(crate) fn stored_article(a: &Article, related: Vec<u32>) -> Article {
    let mut a = a.clone();
    a.related = related;
    if let Some(src) = a.source.as_mut() {
        if let Some(name) = std::path::Path::new(&src.file).file_name() {
            src.file = name.to_string_lossy().into_owned();
        }
    }
    a
}

/// Document shards: consecutive documents up to about `shard_bytes` of
/// JSON (as read, before ranking); `sizes` are each document's JSON length.
/// The first is shard `first.0` and holds document `first.1` (an addition
/// continues the bundle's numbering). Written on all cores.
pub(crate) fn write_doc_shards(
    dir: &Path,
    first: (usize, u32),
    sizes: &[usize],
    shard_bytes: usize,
    stored: &(dyn Fn(usize) -> Article + Sync),
    map: &CharMap,
    stats: &mut BuildStats,
) -> Result<Vec<DocShardEntry>> {
    let doc_shards: Vec<DocShardEntry> = shard_ranges(sizes, shard_bytes)
        .into_par_iter()
        .enumerate()
        .map(|(n, (start, end))| {
            let first_doc = first.1 + start as u32;
            let shard = DocShard {
                format_version: FORMAT_VERSION,
                first_doc,
                articles: (start..end).map(stored).collect(),
            };
            let file = kanbao_bundle::doc_shard_file(first.0 + n);
            let json = map.encode(&serde_json::to_string(&shard)?);
            let w = write_file(dir, &file, &json)?;
            Ok(DocShardEntry {
                file,
                first_doc,
                count: (end - start) as u32,
                bytes: w.bytes,
                hash: w.hash as u32,
            })
        })
        .collect::<Result<_>>()?;
    for e in &doc_shards {
        stats.wrote(e.bytes);
    }
    Ok(doc_shards)
}

/// The document ranges (start, end) of the document shards of documents
/// whose JSON lengths are `sizes`: consecutive, each up to about
/// `shard_bytes` (a longer document alone).
fn shard_ranges(sizes: &[usize], shard_bytes: usize) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut start = 0usize;
    let mut size = 0usize;
    for (i, s) in sizes.iter().enumerate() {
        if size > 0 && size + s > shard_bytes {
            ranges.push((start, i));
            start = i;
            size = 0;
        }
        size += s;
    }
    if start < sizes.len() {
        ranges.push((start, sizes.len()));
    }
    ranges
}

/// The manifest's issue entries, the first article being document
/// `first_doc`, each page image moved into the bundle.
pub(crate) fn issue_entries(
    issues: &[AssembledIssue],
    first_doc: u32,
    dir: &Path,
    images: Option<&PageImages>,
    stats: &mut BuildStats,
) -> Result<Vec<IssueEntry>> {
    let mut first_doc = first_doc;
    let mut entries = Vec::with_capacity(issues.len());
    for i in issues {
        let mut issue = i.issue.clone();
        for page in &mut issue.pages {
            // A page image is a bundle file: moved in, named by its issue,
            // page and content; without rendered images, none is listed.
            page.image = match (page.image.take(), images) {
                (Some(image), Some(images)) => {
                    let placed = images.place(&image, &issue.id, page.number, dir)?;
                    stats.wrote(placed.bytes);
                    stats.page_images += 1;
                    stats.page_image_bytes += placed.bytes;
                    Some(placed)
                }
                _ => None,
            };
        }
        entries.push(IssueEntry {
            issue,
            first_doc,
            article_count: i.articles.len() as u32,
        });
        first_doc += i.articles.len() as u32;
    }
    Ok(entries)
}

/// Toneless pinyin of a character, most common reading first (for pinyin search).
pub fn readings(c: char) -> Vec<String> {
    use pinyin::ToPinyinMulti;
    c.to_pinyin_multi()
        .map(|m| m.into_iter().map(|p| p.plain().to_string()).collect())
        .unwrap_or_default()
}
