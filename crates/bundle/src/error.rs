//! What can go wrong reading a bundle ([`BundleError`]), and the one answer
//! that is not an error: which files to load first ([`Need`]).

/// What can go wrong reading a bundle.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum BundleError {
    #[error("{file}: bundle format version {found} is not supported (this reader reads version {expected}); rebuild the archive with a matching `kanbao build`")]
    Version {
        file: String,
        found: u32,
        expected: u32,
    },
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

/// The value, or `None` after adding the files `r` needs to `need` (each once):
/// for a lookup that asks for several things before it can answer.
pub(crate) fn note<T>(need: &mut Vec<String>, r: Result<T, Need>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(Need(files)) => {
            for f in files {
                if !need.contains(&f) {
                    need.push(f);
                }
            }
            None
        }
    }
}
