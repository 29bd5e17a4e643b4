//! The kanbao bundle: format types, shard encoding, the in-memory [`Archive`]
//! and the search core. Pure Rust with no I/O: the CLI and the reader (wasm)
//! share it, so what the CLI writes is exactly what the reader reads.

pub mod archive;
pub mod charmap;
pub mod format;
pub mod search;
pub mod shard;

pub use archive::{Archive, Need};
pub use charmap::CharMap;
pub use format::*;

/// What can go wrong reading a bundle.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum BundleError {
    #[error("bundle format version {found} is not supported (this reader reads version {expected}); rebuild the archive with a matching `kanbao build`")]
    Version { found: u32, expected: u32 },
    #[error("{file}: {reason}")]
    Corrupt { file: String, reason: String },
    #[error("{file}: not part of this bundle")]
    UnknownFile { file: String },
}

/// Name of the manifest file inside a bundle directory.
pub const MANIFEST_FILE: &str = "manifest.js";
