//! The opened archive, shared by every view through a context, and the async
//! loop that loads whatever shards a request needs.

use std::cell::RefCell;
use std::rc::Rc;

use kanbao_bundle::{Archive, BundleError, Manifest, Need, MANIFEST_FILE};

use crate::bridge::{self, LoadError};

/// The archive as views see it.
#[derive(Clone)]
pub struct ArchiveHandle(pub Rc<RefCell<Archive>>);

impl PartialEq for ArchiveHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Loads the manifest and opens the archive.
pub async fn open() -> Result<ArchiveHandle, LoadError> {
    // The manifest's URL is its name: it is the one file read afresh each time.
    let text = bridge::load(MANIFEST_FILE, MANIFEST_FILE).await?;
    let archive = Archive::open(&text).map_err(LoadError::Bundle)?;
    let urls: Vec<String> = bundle_files(&archive.manifest)
        .into_iter()
        .map(|(url, _)| url)
        .collect();
    bridge::keep(&urls);
    Ok(ArchiveHandle(Rc::new(RefCell::new(archive))))
}

/// Every file of the bundle but the manifest, by URL
/// ([`Manifest::url_of`]), with its size in bytes (0 when not listed).
pub fn bundle_files(m: &Manifest) -> Vec<(String, u64)> {
    let sized = m
        .doc_shards
        .iter()
        .map(|s| (&s.file, s.bytes))
        .chain(m.index.shards.iter().map(|s| (&s.file, s.bytes)))
        .chain(m.index.doc_info.iter().map(|s| (&s.file, 0)));
    // The page images (a printed page is read offline too).
    let images = m
        .issues
        .iter()
        .flat_map(|e| e.issue.pages.iter())
        .filter_map(|p| p.image.as_ref())
        .map(|i| (&i.file, i.bytes));
    let mut seen = std::collections::HashSet::new();
    sized
        .chain(images)
        .filter(|(file, _)| seen.insert(file.as_str()))
        .map(|(file, bytes)| (m.url_of(file), bytes))
        .collect()
}

/// Starts loading `file` of `archive` from its URL.
fn load(
    archive: &Archive,
    file: &str,
) -> impl std::future::Future<Output = Result<String, LoadError>> {
    bridge::load(file, &archive.manifest.url_of(file))
}

impl ArchiveHandle {
    /// Runs `f`, loading the shards it needs until it can answer.
    pub async fn resolve<T>(
        &self,
        f: impl Fn(&Archive) -> Result<T, Need>,
    ) -> Result<T, LoadError> {
        self.0.borrow_mut().begin_request();
        loop {
            let need = match f(&self.0.borrow()) {
                Ok(v) => return Ok(v),
                Err(need) => need,
            };
            let mut progressed = false;
            // Load the needed files concurrently.
            let mut pending: Vec<String> = need
                .0
                .into_iter()
                .filter(|f| !self.0.borrow().is_loaded(f))
                .collect();
            // In a small archive doc-info shards ride along while any is
            // missing: every search ranks with them (the first search would
            // otherwise wait a round for them), and the prefetch is loading
            // them anyway. A ride-along that fails does not fail this
            // request: one that needs it asks for it, and reports the error.
            let asked = pending.len();
            if asked > 0 {
                for f in self.missing_doc_info() {
                    if !pending.contains(&f) {
                        pending.push(f);
                    }
                }
            }
            let loads: Vec<_> = {
                let a = self.0.borrow();
                pending.iter().map(|f| load(&a, f)).collect()
            };
            // Each file is decoded as it arrives, while the others still load.
            for (k, (file, load)) in pending.iter().zip(loads).enumerate() {
                let text = match load.await {
                    Ok(t) => t,
                    Err(_) if k >= asked => continue,
                    Err(e) => return Err(e),
                };
                // Another request (or the prefetch) may have inserted it meanwhile.
                if self.0.borrow().is_loaded(file) {
                    progressed = true;
                    continue;
                }
                let inserted = self.0.borrow_mut().insert(file, &text);
                match inserted {
                    Ok(()) => progressed = true,
                    Err(_) if k >= asked => {}
                    Err(BundleError::Corrupt { file, .. }) => return Err(LoadError::Corrupt(file)),
                    Err(other) => return Err(LoadError::Bundle(other)),
                }
            }
            if !progressed {
                return Err(LoadError::Corrupt(MANIFEST_FILE.into()));
            }
        }
    }

    /// The doc-info shards not loaded yet, of an archive that ranks with
    /// them (a large one has the lengths in its postings, and loads doc
    /// info only for facets and filters, after the first results).
    fn missing_doc_info(&self) -> Vec<String> {
        let a = self.0.borrow();
        if a.manifest.index.posting_norms {
            return Vec::new();
        }
        a.manifest
            .index
            .doc_info
            .iter()
            .filter(|e| !a.is_loaded(&e.file))
            .map(|e| e.file.clone())
            .collect()
    }

    /// Loads the doc-info shards of a small archive in the background: every
    /// search reads them (lengths for ranking, pages and bylines for
    /// facets), so the first search need not wait for them. Errors are left
    /// for the search to report.
    pub fn prefetch(&self) {
        let files = self.missing_doc_info();
        let handle = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            // All started at once (at 100,000 articles 25 files: one at a
            // time they were still loading when a first search came), each
            // decoded as it arrives.
            let loads: Vec<_> = {
                let a = handle.0.borrow();
                files.iter().map(|f| load(&a, f)).collect()
            };
            for (file, load) in files.into_iter().zip(loads) {
                let Ok(text) = load.await else {
                    continue;
                };
                let mut a = handle.0.borrow_mut();
                if !a.is_loaded(&file) {
                    let _ = a.insert(&file, &text);
                }
            }
        });
    }
}
