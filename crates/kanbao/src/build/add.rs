//! Adding issues to a built bundle (`kanbao build --into`): the new articles
//! go into new document shards and a new index segment
//! ([`kanbao_bundle::Segment`]); every other file of the bundle stays as it
//! is, byte for byte, so readers and caches keep what they have. manifest.js
//! is replaced last, by a rename, so an interrupted addition leaves the old
//! bundle whole and readable (files it wrote are not listed, and the next
//! addition writes over them).
//!
//! Segments are merged as they accumulate, as a binary counter: the new
//! segment takes in the newest one while that one holds no more documents
//! than it, so a year of daily additions is about log2(365) ≈ 9 segments, and
//! the documents of a merged segment stay in their shards (only its index
//! files are rewritten). An issue the bundle already has is replaced: its
//! entry goes, its documents stay in their shards, unlisted, and no search
//! returns them.

use std::path::Path;

use anyhow::{bail, Context, Result};
use kanbao_bundle::index::segment::{build_segment, BuiltSegment};
use kanbao_bundle::{
    shard, Archive, Article, BundleError, CharMap, DocShardEntry, IndexShardEntry, IssueEntry,
    Manifest, Segment, FORMAT_VERSION, MANIFEST_FILE,
};

use super::assemble::AssembledIssue;
use super::page_images::PageImages;
use super::write::{
    add_counts, char_counts, doc_shard_bytes, file_char_counts, issue_entries, stored_article,
    write_doc_shards, write_encoded, BuildStats,
};
use crate::bundle_dir;
use crate::progress::Progress;

/// What an addition did.
#[derive(Debug, Default)]
pub struct Added {
    pub issues: usize,
    pub articles: usize,
    /// Ids of issues the bundle had, replaced by the added ones.
    pub replaced: Vec<String>,
    /// Files written (manifest.js included) and removed (merged segments').
    pub written: usize,
    pub written_bytes: u64,
    pub removed: usize,
    /// Files the bundle lists after the addition.
    pub files: usize,
    /// Segments merged into the new one.
    pub merged: usize,
}

/// Adds `issues` to the bundle in `dir`.
pub fn add_into(
    issues: &[AssembledIssue],
    dir: &Path,
    images: Option<&PageImages>,
) -> Result<Added> {
    let mut archive = open(dir)?;
    let old = archive.manifest.clone();
    let total_docs: u32 = old.doc_shards.iter().map(|s| s.count).sum();
    let new: Vec<&Article> = issues.iter().flat_map(|i| i.articles.iter()).collect();

    // The newest segments that the new one takes in, and their documents.
    let absorbed = absorbed(&old, new.len() as u32);
    let keep = old.segments.len() - absorbed;
    let seg_first = old.segments.get(keep).map_or(total_docs, |s| s.first_doc);
    let earlier: Vec<Article> = if seg_first < total_docs {
        read_articles(&mut archive, dir, seg_first..total_docs)?
    } else {
        Vec::new()
    };

    // The new articles as stored: related among themselves.
    let related = super::related::related(&new, 4);
    let stored: Vec<Article> = (0..new.len())
        .map(|i| {
            let rel = related[i].iter().map(|&j| total_docs + j as u32).collect();
            stored_article(new[i], rel)
        })
        .collect();
    let (words, word_total) = vocabulary(&mut archive, dir)?;
    let mut seg_articles: Vec<&Article> = earlier.iter().collect();
    seg_articles.extend(stored.iter());
    let norms = old.index.posting_norms;
    let built = build_segment(&seg_articles, seg_first, &words, word_total, norms);
    let (chars, sizes) = ranked_after(&old.chars, &stored, &built.files)?;
    let map = CharMap::new(&chars);

    let mut stats = BuildStats::default();
    let first = (old.doc_shards.len(), total_docs);
    let shard_bytes = doc_shard_bytes(total_docs as usize + new.len());
    let stored_at = |i: usize| stored[i].clone();
    let doc_shards = write_doc_shards(
        dir,
        first,
        &sizes,
        shard_bytes,
        &stored_at,
        &map,
        &mut stats,
    )?;
    let written = write_encoded(dir, &built.files, &map, &mut stats)?;
    let seg_files = built
        .files
        .iter()
        .zip(&written)
        .map(|((file, _), w)| IndexShardEntry {
            file: file.clone(),
            bytes: w.bytes,
        })
        .collect();
    let added = New {
        entries: issue_entries(issues, total_docs, dir, images, &mut stats)?,
        doc_shards,
        seg_files,
        added_lens: &built.lens[earlier.len()..],
        built: &built,
        chars,
    };
    let (m, replaced, removed) = next_manifest(&old, keep, added);
    write_manifest(dir, &m, &mut stats)?;

    for f in &removed {
        let _ = std::fs::remove_file(dir.join(f));
    }
    let images = m.issues.iter().flat_map(|e| &e.issue.pages);
    Ok(Added {
        issues: issues.len(),
        articles: new.len(),
        replaced,
        written: stats.files,
        written_bytes: stats.bytes,
        removed: removed.len(),
        files: m.doc_shards.len()
            + m.index.shards.len()
            + images.filter(|p| p.image.is_some()).count()
            + 1,
        merged: absorbed,
    })
}

/// How many of the newest segments a new one of `docs` documents takes in:
/// while the next holds no more documents than it has so far.
fn absorbed(old: &Manifest, docs: u32) -> usize {
    let mut absorbed = 0;
    let mut seg_docs = docs;
    while let Some(s) = old.segments.iter().rev().nth(absorbed) {
        if s.docs > seg_docs {
            break;
        }
        seg_docs += s.docs;
        absorbed += 1;
    }
    absorbed
}

/// The bundle's character ranks `chars`, then the characters the new
/// articles and segment files add, most frequent first (the bundle's files
/// read as before); and each new article's JSON length.
fn ranked_after(
    chars: &str,
    stored: &[Article],
    files: &[(String, String)],
) -> Result<(String, Vec<usize>)> {
    let (mut counts, sizes) =
        char_counts(stored.len(), &|i| stored[i].clone(), &Progress::hidden())?;
    add_counts(&mut counts, file_char_counts(files));
    counts.retain(|c, _| !chars.contains(*c));
    Ok((format!("{chars}{}", CharMap::ranked(&counts)), sizes))
}

/// What an addition wrote, for its manifest.
struct New<'a> {
    entries: Vec<IssueEntry>,
    doc_shards: Vec<DocShardEntry>,
    seg_files: Vec<IndexShardEntry>,
    /// Lengths of the added documents (not the merged segments').
    added_lens: &'a [(u32, u32)],
    built: &'a BuiltSegment,
    chars: String,
}

/// The manifest after an addition: replaced issues out, the added ones in,
/// the merged segments' files swapped for the new segment's (`keep`: the
/// segments kept); with the ids of replaced issues and the files to remove.
fn next_manifest(old: &Manifest, keep: usize, new: New) -> (Manifest, Vec<String>, Vec<String>) {
    let mut m = old.clone();
    let ids: Vec<&str> = new.entries.iter().map(|e| e.issue.id.as_str()).collect();
    let replaced: Vec<String> = m
        .issues
        .iter()
        .filter(|e| ids.contains(&e.issue.id.as_str()))
        .map(|e| e.issue.id.clone())
        .collect();
    m.issues.retain(|e| !ids.contains(&e.issue.id.as_str()));
    let added: u32 = new.entries.iter().map(|e| e.article_count).sum();
    m.issues.extend(new.entries);
    let gone: Vec<Segment> = m.segments.drain(keep..).collect();
    let gone_file = |f: &str| gone.iter().any(|s| s.owns(f));
    let removed: Vec<String> = m
        .index
        .shards
        .iter()
        .map(|e| e.file.clone())
        .filter(|f| gone_file(f))
        .collect();
    m.index.shards.retain(|e| !gone_file(&e.file));
    m.index.shards.extend(new.seg_files);
    m.index.doc_info.retain(|e| !gone_file(&e.file));
    m.index.doc_info.extend(new.built.doc_info.iter().cloned());
    m.segments.push(new.built.segment.clone());
    m.doc_shards.extend(new.doc_shards);
    // Average lengths over every document: the index's, then the added ones.
    let (n_old, n_new) = (old.index.docs as f64, (old.index.docs + added) as f64);
    let avg = |avg: f32, total: u64| ((avg as f64 * n_old + total as f64) / n_new.max(1.0)) as f32;
    let body: u64 = new.added_lens.iter().map(|l| l.0 as u64).sum();
    let headline: u64 = new.added_lens.iter().map(|l| l.1 as u64).sum();
    m.index.avg_len = avg(old.index.avg_len, body);
    m.index.avg_headline_len = avg(old.index.avg_headline_len, headline);
    m.index.docs = old.index.docs + added;
    m.article_count = m.index.docs;
    m.chars = new.chars;
    (m, replaced, removed)
}

/// The bundle's manifest ([`crate::bundle_dir::open`]), refused unless this
/// kanbao writes its format.
fn open(dir: &Path) -> Result<Archive> {
    bundle_dir::open(dir).map_err(|e| match e.downcast_ref::<BundleError>() {
        Some(BundleError::Version { found, .. }) => anyhow::anyhow!(
            "{}: the bundle is format {found}; this kanbao adds only to format {FORMAT_VERSION}: \
             rebuild it whole from its inputs with `kanbao build <inputs…> --out {}`",
            dir.join(MANIFEST_FILE).display(),
            dir.display()
        ),
        _ => e,
    })
}

/// Documents `docs` of the bundle, as stored.
fn read_articles(
    archive: &mut Archive,
    dir: &Path,
    docs: std::ops::Range<u32>,
) -> Result<Vec<Article>> {
    let range = docs.clone();
    let got = archive
        .resolve(bundle_dir::loader(dir), |a| {
            a.articles(range.clone())
                .map(|v| v.into_iter().map(|(_, a)| a.clone()).collect::<Vec<_>>())
        })
        .map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    if got.len() != docs.len() {
        bail!(
            "{}: documents {docs:?} are not all in the bundle (rebuild it)",
            dir.display()
        );
    }
    Ok(got)
}

/// The index's vocabulary (word, count as stored) and its count total: read
/// from every term shard of the index, not its segments (whose words are
/// the index's).
fn vocabulary(archive: &mut Archive, dir: &Path) -> Result<(Vec<(String, u64)>, u64)> {
    let n = archive.manifest.index.term_shards as usize;
    let mut load = bundle_dir::loader(dir);
    for i in 0..n {
        let file = kanbao_bundle::index::term_shard_file(i);
        let text = load(&file)?;
        archive
            .insert(&file, &text)
            .map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    }
    Ok((archive.vocabulary(), archive.manifest.index.word_total))
}

/// Writes manifest.js beside the old one, then renames it over it.
fn write_manifest(dir: &Path, m: &Manifest, stats: &mut BuildStats) -> Result<()> {
    let json = serde_json::to_string(m)?;
    let text = shard::encode(MANIFEST_FILE, &json);
    let tmp = dir.join("manifest.js.adding");
    std::fs::write(&tmp, &text).with_context(|| format!("{}: cannot write", tmp.display()))?;
    std::fs::rename(&tmp, dir.join(MANIFEST_FILE))
        .with_context(|| format!("{}: cannot replace manifest.js", dir.display()))?;
    stats.wrote(text.len() as u64);
    Ok(())
}
