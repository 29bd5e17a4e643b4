//! The opened archive, shared by every view through a context, and the async
//! loop that loads whatever shards a request needs.

use std::cell::RefCell;
use std::rc::Rc;

use kanbao_bundle::{Archive, BundleError, Need, MANIFEST_FILE};

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
    let text = bridge::load(MANIFEST_FILE).await?;
    let archive = Archive::open(&text).map_err(LoadError::Bundle)?;
    Ok(ArchiveHandle(Rc::new(RefCell::new(archive))))
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
            let pending: Vec<String> = need
                .0
                .into_iter()
                .filter(|f| !self.0.borrow().is_loaded(f))
                .collect();
            let loads: Vec<_> = pending.iter().map(|f| bridge::load(f)).collect();
            let mut texts = Vec::with_capacity(loads.len());
            for l in loads {
                texts.push(l.await);
            }
            for (file, text) in pending.iter().zip(texts) {
                let text = text?;
                // Another request (or the prefetch) may have inserted it meanwhile.
                if self.0.borrow().is_loaded(file) {
                    progressed = true;
                    continue;
                }
                self.0
                    .borrow_mut()
                    .insert(file, &text)
                    .map_err(|e| match e {
                        BundleError::Corrupt { file, .. } => LoadError::Corrupt(file),
                        other => LoadError::Bundle(other),
                    })?;
                progressed = true;
            }
            if !progressed {
                return Err(LoadError::Corrupt(MANIFEST_FILE.into()));
            }
        }
    }

    /// Loads the doc-info shards in the background: nearly every search reads
    /// them (lengths for ranking, pages and bylines for facets), so the first
    /// search need not wait for them. Errors are left for the search to report.
    pub fn prefetch(&self) {
        let files: Vec<String> = {
            let a = self.0.borrow();
            a.manifest
                .index
                .doc_info
                .iter()
                .map(|e| e.file.clone())
                .filter(|f| !a.is_loaded(f))
                .collect()
        };
        let handle = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            for file in files {
                let Ok(text) = bridge::load(&file).await else {
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
