//! What can go wrong reading a bundle ([`BundleError`]), and the one answer
//! that is not an error: which files to load first ([`Need`]).

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

/// Files to load before the request can be answered: a lookup that needs a
/// shard not yet loaded returns this, the caller loads the files and asks again.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[error("files to load first: {}", .0.join(", "))]
pub struct Need(pub Vec<String>);
