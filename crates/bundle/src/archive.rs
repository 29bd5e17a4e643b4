//! An opened bundle: the manifest plus whichever shards have been loaded so far.
//! Lookups that need a shard not yet loaded return [`Need`] naming the files;
//! the caller loads them (from disk natively, by fetch or `<script>` in the
//! browser), hands them to [`Archive::insert`] and asks again.

use crate::error::BundleError;
pub use crate::error::Need;
use crate::format::shard;
use crate::format::{Article, DocShard, Manifest, FORMAT_VERSION};
use crate::index::LoadedIndex;
use crate::{text, CharMap, MANIFEST_FILE};

/// The manifest and the loaded shards of one bundle.
#[derive(Debug)]
pub struct Archive {
    pub manifest: Manifest,
    /// Loaded document shards by index (a vector: the search looks shards up
    /// per candidate, tens of thousands of times for a common word).
    docs: Vec<Option<DocShard>>,
    /// Per loaded document shard, each article's searchable fields folded
    /// ([`crate::text::normalize::fold`]) and joined by newlines: checking a
    /// candidate against its text is then one substring search, not a fold.
    /// `None` when not loaded. A shard can keep its folded text without its
    /// articles: see `shown`.
    folded: Vec<Option<FoldedShard>>,
    /// Memory bound. Per document shard: the bytes of its articles (shard
    /// text) and of its folded text, the request that last used it, and the
    /// last that showed one of its articles. While the total exceeds
    /// `doc_budget`, a shard that showed nothing in the last [`KEEP_REQUESTS`]
    /// requests keeps only its folded text (a search that checks hundreds of
    /// shards shows ten), then shards not used by the last [`KEEP_REQUESTS`]
    /// requests are dropped, least recently used first.
    doc_bytes: Vec<usize>,
    folded_bytes: Vec<usize>,
    last_use: Vec<std::cell::Cell<u64>>,
    shown: Vec<std::cell::Cell<u64>>,
    loaded_doc_bytes: usize,
    request: u64,
    /// Bytes of document shard text kept loaded (the shards of the last
    /// [`KEEP_REQUESTS`] requests are kept whatever their size).
    pub doc_budget: usize,
    pub(crate) index: LoadedIndex,
    /// The manifest's character table, to read the other files.
    chars: CharMap,
}

/// The folded text of a document shard's articles: one string, allocated to
/// its length (a string per article grown by pushes held up to twice its
/// length), where each article ends, and each article's character-pair
/// signature ([`crate::text::signature`]).
#[derive(Debug)]
struct FoldedShard {
    text: String,
    ends: Vec<u32>,
    sigs: Vec<u64>,
    /// Where each article's signature ends in `sigs`.
    sig_ends: Vec<u32>,
}

/// An article's folded text, fields joined by newlines, and its
/// character-pair signature.
#[derive(Clone, Copy, Debug)]
pub struct Folded<'a> {
    pub text: &'a str,
    pub sig: &'a [u64],
}

impl FoldedShard {
    fn new(articles: &[Article]) -> Self {
        // Folding keeps or shortens nearly every character: the sum of the
        // fields is about the size needed.
        let upper: usize = articles
            .iter()
            .map(|a| a.fields().map(|(_, t)| t.len() + 1).sum::<usize>())
            .sum();
        let mut text = String::with_capacity(upper);
        let mut ends = Vec::with_capacity(articles.len());
        let mut sigs = Vec::new();
        let mut sig_ends = Vec::with_capacity(articles.len());
        for a in articles {
            let start = text.len();
            text::push_folded_text(&mut text, a);
            ends.push(text.len() as u32);
            text::signature::push(&mut sigs, &text[start..]);
            sig_ends.push(sigs.len() as u32);
        }
        text.shrink_to_fit();
        sigs.shrink_to_fit();
        Self {
            text,
            ends,
            sigs,
            sig_ends,
        }
    }

    fn get(&self, k: usize) -> Option<Folded<'_>> {
        let end = *self.ends.get(k)? as usize;
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        let sig_end = *self.sig_ends.get(k)? as usize;
        let sig_start = if k == 0 {
            0
        } else {
            self.sig_ends[k - 1] as usize
        };
        Some(Folded {
            text: &self.text[start..end],
            sig: &self.sigs[sig_start..sig_end],
        })
    }

    /// Heap bytes held.
    fn bytes(&self) -> usize {
        self.text.capacity()
            + self.ends.capacity() * 4
            + self.sigs.capacity() * 8
            + self.sig_ends.capacity() * 4
    }
}

/// Default [`Archive::doc_budget`]: 64 MB of articles and folded text. A
/// kiosk that runs all day keeps searching without its memory growing past
/// this.
pub const DOC_BUDGET: usize = 64 << 20;

/// Postings decoded and kept for the next queries at most, in bytes, beyond
/// those the last request read ([`LoadedIndex::sweep_decoded`]).
pub const DECODED_BUDGET: usize = 8 << 20;

/// Requests whose document shards are never dropped: the current one and the
/// three before (a search, the same sorted by date, an article, back).
pub const KEEP_REQUESTS: u64 = 4;

impl Archive {
    /// Opens a bundle from the text of its manifest file, refusing other format versions.
    pub fn open(manifest_file_text: &str) -> Result<Self, BundleError> {
        let json = shard::decode(MANIFEST_FILE, manifest_file_text)?;
        Self::from_manifest_json(json)
    }

    pub fn from_manifest_json(json: &str) -> Result<Self, BundleError> {
        // Read the version alone first, so a future format that changed shape is
        // still refused with a version message rather than a parse error.
        #[derive(serde::Deserialize)]
        struct Head {
            format_version: u32,
        }
        let head: Head = serde_json::from_str(json).map_err(|e| BundleError::Corrupt {
            file: MANIFEST_FILE.into(),
            reason: format!("not a kanbao manifest ({e})"),
        })?;
        if head.format_version != FORMAT_VERSION {
            return Err(BundleError::Version {
                file: MANIFEST_FILE.into(),
                found: head.format_version,
                expected: FORMAT_VERSION,
            });
        }
        let manifest: Manifest = serde_json::from_str(json).map_err(|e| BundleError::Corrupt {
            file: MANIFEST_FILE.into(),
            reason: e.to_string(),
        })?;
        Ok(Self {
            index: LoadedIndex::new(&manifest.index, &manifest.segments),
            chars: CharMap::new(&manifest.chars),
            manifest,
            docs: Vec::new(),
            folded: Vec::new(),
            doc_bytes: Vec::new(),
            folded_bytes: Vec::new(),
            last_use: Vec::new(),
            shown: Vec::new(),
            loaded_doc_bytes: 0,
            request: 0,
            doc_budget: DOC_BUDGET,
        })
    }

    /// Adds a loaded shard file (its whole text, wrapper included, characters
    /// ranked as the manifest's table says).
    pub fn insert(&mut self, file: &str, text: &str) -> Result<(), BundleError> {
        let json = shard::decode(file, text)?;
        let json = self.chars.decode(json);
        self.insert_json(file, &json)
    }

    /// Adds a loaded shard from its JSON payload, characters as they are.
    pub fn insert_json(&mut self, file: &str, json: &str) -> Result<(), BundleError> {
        let corrupt = |e: serde_json::Error| BundleError::Corrupt {
            file: file.to_string(),
            reason: e.to_string(),
        };
        if let Some(i) = self.manifest.doc_shard_named(file) {
            let shard: DocShard = serde_json::from_str(json).map_err(corrupt)?;
            let entry = &self.manifest.doc_shards[i];
            if shard.format_version != FORMAT_VERSION {
                return Err(BundleError::Version {
                    file: file.to_string(),
                    found: shard.format_version,
                    expected: FORMAT_VERSION,
                });
            }
            if shard.first_doc != entry.first_doc || shard.articles.len() as u32 != entry.count {
                return Err(BundleError::Corrupt {
                    file: file.to_string(),
                    reason: "does not match manifest.js (was the bundle rebuilt partly?)".into(),
                });
            }
            let folded = FoldedShard::new(&shard.articles);
            if self.docs.len() <= i {
                self.docs.resize_with(i + 1, || None);
                self.folded.resize_with(i + 1, || None);
                self.doc_bytes.resize(i + 1, 0);
                self.folded_bytes.resize(i + 1, 0);
                self.last_use.resize_with(i + 1, Default::default);
                self.shown.resize_with(i + 1, Default::default);
            }
            self.drop_shard(i);
            self.folded_bytes[i] = folded.bytes();
            self.doc_bytes[i] = json.len();
            self.loaded_doc_bytes += self.doc_bytes[i] + self.folded_bytes[i];
            self.folded[i] = Some(folded);
            self.docs[i] = Some(shard);
            self.last_use[i].set(self.request);
            self.evict();
            return Ok(());
        }
        if self.index.accepts(file) {
            return self.index.insert(file, json);
        }
        Err(BundleError::UnknownFile {
            file: file.to_string(),
        })
    }

    pub fn is_loaded(&self, file: &str) -> bool {
        match self.manifest.doc_shard_named(file) {
            Some(i) => self.docs.get(i).is_some_and(Option::is_some),
            None => self.index.is_loaded(file),
        }
    }

    /// Document `doc`, or the shard to load first. `Ok(None)`: no such document.
    pub fn article(&self, doc: u32) -> Result<Option<&Article>, Need> {
        let Some(i) = self.manifest.doc_shard_of(doc) else {
            return Ok(None);
        };
        self.touch(i);
        if let Some(c) = self.shown.get(i) {
            c.set(self.request);
        }
        match self.docs.get(i).and_then(Option::as_ref) {
            Some(s) => Ok(s.articles.get((doc - s.first_doc) as usize)),
            None => Err(Need(vec![self.manifest.doc_shards[i].file.clone()])),
        }
    }

    /// Marks the start of a request (a search, a page): shards it uses are
    /// kept over older ones. [`Archive::resolve`] calls it.
    pub fn begin_request(&mut self) {
        self.request += 1;
        self.evict();
        self.index.sweep_decoded(DECODED_BUDGET);
    }

    /// Forgets document shard `i` (articles and folded text).
    fn drop_shard(&mut self, i: usize) {
        if self.docs[i].take().is_some() {
            self.loaded_doc_bytes -= self.doc_bytes[i];
        }
        if self.folded[i].take().is_some() {
            self.loaded_doc_bytes -= self.folded_bytes[i];
        }
    }

    /// While over the budget: first the articles of shards that no recent
    /// request showed (their folded text stays for checking), then whole
    /// shards, least recently used first.
    fn evict(&mut self) {
        if self.loaded_doc_bytes > self.doc_budget {
            for i in 0..self.docs.len() {
                if self.docs[i].is_some() && self.shown[i].get() + KEEP_REQUESTS <= self.request {
                    self.docs[i] = None;
                    self.loaded_doc_bytes -= self.doc_bytes[i];
                }
            }
        }
        while self.loaded_doc_bytes > self.doc_budget {
            let oldest = (0..self.folded.len())
                .filter(|&i| {
                    self.folded[i].is_some()
                        && self.last_use[i].get() + KEEP_REQUESTS <= self.request
                })
                .min_by_key(|&i| self.last_use[i].get());
            let Some(i) = oldest else {
                return;
            };
            self.drop_shard(i);
        }
    }

    fn touch(&self, i: usize) {
        if let Some(c) = self.last_use.get(i) {
            c.set(self.request);
        }
    }

    /// Whether document shard `i` can be checked (its folded text is loaded).
    pub fn doc_shard_loaded(&self, i: usize) -> bool {
        self.folded.get(i).is_some_and(Option::is_some)
    }

    /// The folded text and signature of `doc` in document shard `i`: `None`
    /// when the shard is not loaded, `Some(None)` when `doc` is not in it.
    pub fn folded_in(&self, i: usize, doc: u32) -> Option<Option<Folded<'_>>> {
        let texts = self.folded.get(i)?.as_ref()?;
        self.touch(i);
        let k = doc.checked_sub(self.manifest.doc_shards[i].first_doc)? as usize;
        Some(texts.get(k))
    }

    /// Documents `range`, or every shard they need.
    pub fn articles(&self, range: std::ops::Range<u32>) -> Result<Vec<(u32, &Article)>, Need> {
        let mut need = Vec::new();
        let mut out = Vec::new();
        for doc in range {
            match self.article(doc) {
                Ok(Some(a)) => out.push((doc, a)),
                Ok(None) => {}
                Err(Need(files)) => {
                    for f in files {
                        if !need.contains(&f) {
                            need.push(f);
                        }
                    }
                }
            }
        }
        if need.is_empty() {
            Ok(out)
        } else {
            Err(Need(need))
        }
    }

    /// The document number of an article id (`<issue>_<page>_<n>`), or the shards to load.
    /// The words of the loaded term shards with their corpus counts (as
    /// stored), sorted: with every term shard loaded, the index's vocabulary.
    pub fn vocabulary(&self) -> Vec<(String, u64)> {
        let mut words: Vec<(String, u64)> = self
            .index
            .terms
            .iter()
            .flatten()
            .flat_map(|s| s.words.iter().map(|(w, e)| (w.clone(), e.count)))
            .collect();
        words.sort_unstable();
        words
    }

    pub fn find_article(&self, id: &str) -> Result<Option<u32>, Need> {
        let Some(issue) =
            crate::format::issue_id_of_article(id).and_then(|i| self.manifest.issue(i))
        else {
            return Ok(None);
        };
        let docs = self.articles(issue.docs())?;
        Ok(docs.into_iter().find(|(_, a)| a.id == id).map(|(d, _)| d))
    }

    /// Resolves `f` by loading what it needs through `load` until it succeeds.
    /// `load` returns the file's text. For synchronous (native) callers.
    pub fn resolve<T, E>(
        &mut self,
        mut load: impl FnMut(&str) -> Result<String, E>,
        mut f: impl FnMut(&Archive) -> Result<T, Need>,
    ) -> Result<T, ResolveError<E>> {
        self.begin_request();
        loop {
            // Borrow ends before insert: collect the need first.
            let need = match f(self) {
                Ok(v) => return Ok(v),
                Err(need) => need,
            };
            let mut progressed = false;
            for file in need.0 {
                if self.is_loaded(&file) {
                    continue;
                }
                let text = load(&file).map_err(ResolveError::Load)?;
                self.insert(&file, &text).map_err(ResolveError::Bundle)?;
                progressed = true;
            }
            if !progressed {
                return Err(ResolveError::Bundle(BundleError::Corrupt {
                    file: MANIFEST_FILE.into(),
                    reason: "a request kept needing shards that are already loaded".into(),
                }));
            }
        }
    }
}

/// Error of [`Archive::resolve`].
#[derive(Debug)]
pub enum ResolveError<E> {
    Load(E),
    Bundle(BundleError),
}

impl<E: std::fmt::Display> std::fmt::Display for ResolveError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResolveError::Load(e) => e.fmt(f),
            ResolveError::Bundle(e) => e.fmt(f),
        }
    }
}

impl<E: std::fmt::Debug + std::fmt::Display> std::error::Error for ResolveError<E> {}
